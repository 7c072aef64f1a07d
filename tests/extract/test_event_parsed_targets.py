"""Events read with the parse: whom an attack verb acts on, required words inside compounds, the town a
site or a reference place belongs to. Every sentence is invented for the test."""

from __future__ import annotations

import pytest

from lagebild.model import Article
from lagebild.pipeline import default_pipeline

_PIPELINE = default_pipeline()


def _events(text: str) -> list[tuple[str, str | None]]:
    doc = _PIPELINE(Article(text=text, published="2015-06-04", id="t1"))
    return [(e.type, e.place.text if e.place else None) for e in doc.events if e.status == "current"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the passive subject of participles in a row is the target: a targeted group attacked
        ("In Neustadt wurde ein Asylbewerber von zwei Männern beleidigt, geschubst und getreten.",
         ("Violence against civilians", "Neustadt")),
        # a stone is a stone inside a compound ("Ziegelstein")
        ("In Neustadt schleuderte ein Unbekannter einen Ziegelstein gegen die Flüchtlingsunterkunft.",
         ("Violence against civilians", "Neustadt")),
        # becoming violent against a targeted person
        ("Ein Mann beleidigte in Neustadt einen Asylbewerber und wurde handgreiflich.",
         ("Violence against civilians", "Neustadt")),
        # an attack on an unarmed person is no battle
        ("Zwei Männer haben in Lübeck einen Radfahrer angegriffen.", ("Violence against civilians", "Lübeck")),
        # a street lies in its town; "X bei Y" happened in X
        ("Unbekannte warfen Steine auf ein Flüchtlingsheim in der Lindenstraße in Pirna.",
         ("Violence against civilians", "Pirna")),
        ("In Heidenau bei Dresden kam es am Abend zu schweren Ausschreitungen.", ("Riots", "Heidenau")),
    ],
)
def test_parsed_events(text: str, expected: tuple[str, str | None]) -> None:
    assert expected in _events(text)


def test_armed_targets_stay_a_battle() -> None:
    assert ("Battles", "Aleppo") in _events("Rebellen haben in Aleppo Soldaten angegriffen.")
    # a compound names what its last part names: soldiers of a country are armed
    assert ("Battles", "Kandahar") in _events("In Kandahar wurden zwei US-Soldaten von einem Soldaten erschossen.")
