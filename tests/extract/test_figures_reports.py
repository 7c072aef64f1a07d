"""Figures of incident reports that the lexicon of verbs and the rules of mention decide: arrests by
"stellen" and "dingfest machen", attacks by throwing and pushing, injuries told by a wound, one person of a named group ("einer
der Männer"), and a definite person whom the report tells of first ("Der Busfahrer wurde … verletzt").

Every sentence here is invented for the test; none is taken from a corpus.
"""

from __future__ import annotations

import pytest

from lagebild.extract.figures import find_figures
from lagebild.model import Document
from tests.extract.figure_layer import layer_doc, read_figures

PUBLISHED = "2015-06-14"


def _doc(text: str) -> Document:
    return layer_doc(text, PUBLISHED)


def _read(text: str) -> list[tuple[str, int | None, str]]:
    return read_figures(text, PUBLISHED)


CASES = [
    # arrests: "dingfest machen", "stellen" with the police in the clause (active and passive)
    ("Zwei Jugendliche bedrohten einen Passanten. Die Polizei konnte vier Tatverdächtige dingfest machen.",
     [("Zwei Jugendliche", 2, "attackers"), ("vier Tatverdächtige", 4, "arrested")]),
    ("Unbekannte griffen ein Wohnheim an. Zwei Tatverdächtige wurden von der Polizei gestellt.",
     [("Zwei Tatverdächtige", 2, "arrested")]),
    # one of a group told by a genitive plural
    ("Drei Männer bedrohten einen Imbissbesitzer. Die Polizei konnte einen der Männer stellen.",
     [("Drei Männer", 3, "attackers"), ("einen der Männer", 1, "arrested")]),
    ("In Musterstadt wurde ein Wohnheim angegriffen. Einer der Bewohner wurde verletzt.",
     [("Einer der Bewohner", 1, "injured")]),
    # throwing at and pushing are attacks
    ("Zwei Männer werfen Flaschen auf das Heim.", [("Zwei Männer", 2, "attackers")]),
    ("Ein Flüchtling wurde von zwei Männern zu Boden gestoßen.", [("zwei Männern", 2, "attackers")]),
    # a past tense the tagger reads as an adjective right after the subject's noun
    ("Drei Männer warfen Flaschen auf das Heim.", [("Drei Männer", 3, "attackers")]),
    # a wound suffered tells an injury: bruises, irritation of the airways, a laceration
    ("Ein zehnjähriger Junge erlitt Prellungen am Arm.", [("Ein zehnjähriger Junge", 1, "injured")]),
    ("Bei der Attacke erlitten etwa 20 Asylsuchende Reizungen der Atemwege.",
     [("etwa 20 Asylsuchende", 20, "injured")]),
    ("Eine Frau zog sich eine Platzwunde am Kopf zu.", [("Eine Frau", 1, "injured")]),
    # a definite role noun the report has not introduced is a first mention
    ("Unbekannte warfen Steine auf ein Wohnheim. Der Busfahrer wurde am Kopf verletzt.",
     [("Der Busfahrer", 1, "injured")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_report_figures(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _read(text) == expected


NOT_COUNTED = [
    # a verb with a separated particle is another verb: "stellte … fest" arrests no one
    "Die Polizei stellte bei zwei Männern Drogen fest.",
    # "stellen" without the police is no arrest
    "Zwei Männer stellten einen Antrag.",
]


@pytest.mark.parametrize("text", NOT_COUNTED)
def test_no_arrest(text: str) -> None:
    assert all(f.category != "arrested" for f in find_figures(_doc(text)))


@pytest.mark.parametrize(
    "text",
    [
        # a definite person after one introduced by another word points back
        "Ein 36-jähriger Asylbewerber wurde geschlagen. Der Mann wurde ins Krankenhaus gebracht.",
        # a general person noun names no role: its article points back
        "In Musterstadt brannte ein Auto. Der Mann wurde festgenommen.",
        # the same noun told before
        "Ein Busfahrer wurde bedroht. Später wurde der Busfahrer verletzt.",
    ],
)
def test_definite_person_told_before_is_not_new(text: str) -> None:
    definite = [f for f in find_figures(_doc(text)) if f.text.split()[0].lower() == "der"]
    assert definite == []


def test_definite_attacker_is_not_a_victim() -> None:
    # "der Angreifer" is the one told of by the attack, never a new victim
    text = "Ein Syrer wurde angesprochen. Dann versuchte der Angreifer, ihn zu verletzen."
    assert all(not (f.text == "der Angreifer" and f.category == "injured") for f in find_figures(_doc(text)))
