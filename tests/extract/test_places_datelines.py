"""Datelines in the layouts German news uses, and headline words that are none. All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.places import extract_places
from lagebild.extract.places.datelines import find_dateline
from lagebild.extract.places.gazetteer import default_gazetteer
from lagebild.model import Article
from lagebild.nlp.tokens import split_sentences
from lagebild.pipeline import Pipeline


def dateline_names(text: str) -> tuple[str, ...] | None:
    found = find_dateline(text, default_gazetteer(), split_sentences(text))
    return None if found is None else tuple(text[s:e] for s, e in found.names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # names and a full stop (the seeds)
        ("Aleppo/Kairo. Die Truppen haben die Stadt eingenommen.", ("Aleppo", "Kairo")),
        # names and a dash before running text (APA, Der Standard)
        ("Wien – Die Regierung hat am Montag ein neues Sicherheitspaket vorgestellt.", ("Wien",)),
        # a title sentence before it on the same line
        (
            "Neue Gefechte im Osten. Donezk – Bei Artilleriebeschuss sind am Morgen zwei Menschen gestorben.",
            ("Donezk",),
        ),
        # an agency in brackets
        ("Kabul (dpa) – Bei einem Anschlag sind fünf Menschen verletzt worden.", ("Kabul",)),
        ("BERLIN/BRÜSSEL (AFP/dpa) - Die Minister berieten bis in die Nacht.", ("BERLIN", "BRÜSSEL")),
        ("Bamako (AFP): Bewaffnete haben einen Konvoi überfallen.", ("Bamako",)),
        # a date and an agency (Reuters)
        ("MOSKAU, 5. Mai (Reuters) - Russland hat neue Manöver angekündigt.", ("MOSKAU",)),
        # a country in brackets and a numeric date
        ("Kiew (Ukraine), 05.03.2022 – In der Nacht heulten die Sirenen.", ("Kiew",)),
        # a title and a lead as lines before the dateline
        (
            "Waffenruhe hält nicht\n\nDie Lage bleibt angespannt, Hilfe kommt nicht an.\n\n"
            "Damaskus (dpa) – Nach Angaben von Aktivisten wurde erneut gekämpft.",
            ("Damaskus",),
        ),
        ("Anschlag auf Markt\nBagdad. Bei einer Explosion starben zwölf Menschen.", ("Bagdad",)),
        # names of several words
        ("Frankfurt am Main (dpa) - Die Polizei hat eine Demonstration aufgelöst.", ("Frankfurt am Main",)),
    ],
)
def test_dateline_layouts(text: str, names: tuple[str, ...]) -> None:
    assert dateline_names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a headline word before a colon
        "UNO: 120 Zivilisten getötet\n\nBei Angriffen auf Dörfer sind nach UN-Angaben viele Menschen gestorben.",
        "Syrien: Assad erobert Aleppo zurück",
        # a title with a dash
        "Syrien – ein Land im Krieg\n\nSeit Jahren wird gekämpft.",
        "Israel - Hamas: Waffenruhe hält",
        # an ordinary sentence that starts with a place
        "Berlin ist am Wochenende Schauplatz einer Friedensdemonstration gewesen.",
        # a common word, not a place, before the full stop
        "Ende. Die Verhandlungen sind gescheitert.",
        # a bracket that holds neither an agency nor a country
        "Kabul (die Hauptstadt des Landes) – dort wurde am Morgen gekämpft, hieß es.",
        # a dash in the body of the text, past the title and the lead
        "Die Lage.\nEs wird gekämpft.\nHilfe kommt nicht an.\nNiemand weiß mehr.\nKabul – Die Stadt ist umstellt.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_names(text) is None


def test_dateline_places_have_the_dateline_role_and_offsets() -> None:
    text = "Lage in Nordsyrien. Idlib (AFP) – Kampfflugzeuge haben Dörfer bei Maarat al-Numan bombardiert."
    doc = Pipeline(stages=("tokens.v1",))(Article(text))
    places, dateline = extract_places(doc)
    assert dateline is not None and dateline.places == ("Idlib",)
    assert text[dateline.start : dateline.end] == "Idlib"
    roles = {p.text: p.role for p in places}
    assert roles["Idlib"] == "dateline"
    assert roles["Nordsyrien"] == "mention"
