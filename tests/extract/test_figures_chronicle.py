"""Casualty, attacker and arrest counts of short incident reports in the chronicle genre: present
tense, singular victims with an age, attackers of beating verbs, arrests by separable verbs, injuries
told a sentence after the attack.

Every sentence here is invented for the test; none is taken from a corpus.
"""

from __future__ import annotations

import pytest

from lagebild.extract.figures import find_figures
from lagebild.extract.figures.syntax import is_person_noun
from lagebild.model import Document
from tests.extract.figure_layer import layer_doc, read_figures

PUBLISHED = "2015-06-14"


def _doc(text: str) -> Document:
    return layer_doc(text, PUBLISHED)


def _read(text: str) -> list[tuple[str, int | None, str]]:
    return read_figures(text, PUBLISHED)


CASES = [
    # a singular victim with an age before the noun, present-tense passive
    ("Ein 25-jähriger Asylbewerber wird in der Nacht leicht verletzt.",
     [("Ein 25-jähriger Asylbewerber", 1, "injured")]),
    # a numeral the tagger took for a preposition still opens the attackers' noun phrase
    ("Drei Männer haben am Abend einen Radfahrer zusammengeschlagen.", [("Drei Männer", 3, "attackers")]),
    # a present-tense attack verb the tagger read as an adjective
    ("Vier Männer greifen einen Radfahrer an.", [("Vier Männer", 4, "attackers")]),
    # arrests by a separable verb in the present and past, nominalised adjectives and ages
    ("Die Polizei nimmt zwei Tatverdächtige fest.", [("zwei Tatverdächtige", 2, "arrested")]),
    ("Die Polizei nahm einen 31-jährigen Tatverdächtigen fest.",
     [("einen 31-jährigen Tatverdächtigen", 1, "arrested")]),
    ("Drei Verdächtige wurden vorläufig festgenommen.", [("Drei Verdächtige", 3, "arrested")]),
    ("Die Beamten ergreifen einen Verdächtigen.", [("einen Verdächtigen", 1, "arrested")]),
    # one unidentified attacker counts one
    ("Ein Unbekannter hat zwei Radfahrer angegriffen.", [("Ein Unbekannter", 1, "attackers")]),
    ("Ein Vermummter hat einen Brandanschlag verübt.", [("Ein Vermummter", 1, "attackers")]),
    # one attacker of a beating or harassing verb, active or as the "von"-agent of a passive
    ("Ein 21-Jähriger hat Kinder beleidigt und mit Steinen beworfen.", [("Ein 21-Jähriger", 1, "attackers")]),
    ("Ein Radfahrer wurde von einem Mann angegriffen.", [("einem Mann", 1, "attackers")]),
    ("Zwei Radfahrer wurden am Markt von zwei Unbekannten beschimpft.", [("zwei Unbekannten", 2, "attackers")]),
    ("Zwei Radfahrer wurden von bislang unbekannten Tätern beschimpft.", []),
    # the accusative "einen" is never the subject, whatever the tagger's morphology
    ("Am Abend attackierten zwei Unbekannte einen 18-Jährigen Radfahrer.", [("zwei Unbekannte", 2, "attackers")]),
    # a count after a common noun opens a phrase of its own
    ("In der Nacht hat in Neustadt ein Mann drei Radfahrer beleidigt und mit einem Messer verletzt.",
     [("ein Mann", 1, "attackers"), ("drei Radfahrer", 3, "injured")]),
    # "Verletzungen erleiden / davontragen / sich zuziehen", compounds of "Verletzung" too
    ("Zwei Männer sollen dabei Verletzungen davongetragen haben.", [("Zwei Männer", 2, "injured")]),
    ("Drei Radfahrer erleiden leichte Kopfverletzungen.", [("Drei Radfahrer", 3, "injured")]),
    ("Ein Radfahrer zog sich dabei Schnittverletzungen am Bein zu.", [("Ein Radfahrer", 1, "injured")]),
    # arrests: "in Gewahrsam nehmen", ages in brackets or after "im Alter von", "die beiden"
    ("Die Beamten konnten einen ersten Tatverdächtigen (27) in Gewahrsam nehmen.",
     [("einen ersten Tatverdächtigen", 1, "arrested")]),
    ("Die drei Tatverdächtigen im Alter von 18, 23 und 26 Jahren wurden festgenommen.",
     [("Die drei Tatverdächtigen", 3, "arrested")]),
    ("Die Polizei konnte die beiden Tatverdächtigen in der Nähe festnehmen.",
     [("die beiden Tatverdächtigen", 2, "arrested")]),
    ("Zwei Männer wurden festgenommen. Die beiden Männer wurden später verhört.", [("Zwei Männer", 2, "arrested")]),
    # a lot named by its members attacks through them; breaking in is an attack
    ("Eine Gruppe von 30 Menschen hat einen Bus angegriffen.", [("30 Menschen", 30, "attackers")]),
    ("Zwei Personen drangen auf das Gelände einer Unterkunft ein.", [("Zwei Personen", 2, "attackers")]),
    # "er" is the subject whatever the tagger made of the word before; a quoted noun stays in its phrase
    ("Anschließend verletzte er einen Wachmann mit einer Flasche.", [("einen Wachmann", 1, "injured")]),
    ('In einem "Handgemenge" verletzte einer der beiden Täter einen Mitarbeiter des Wachdienstes.',
     [("einer der beiden Täter", 1, "attackers"), ("einen Mitarbeiter", 1, "injured")]),
    # one officer using force in an operation is no attacker
    ("Ein Mann wurde von einem Polizisten geschlagen.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_chronicle_counts(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the injury told in a later sentence makes the first mention of the one attacked injured
        ("Ein Radfahrer wurde vor seinem Haus angegriffen. Ihm wurde ein Stoß versetzt. "
         "Der Betroffene erlitt leichte Verletzungen.",
         [("Ein Radfahrer", 1, "injured")]),
        ("Drei Männer haben einen 40-jährigen Radfahrer zusammengeschlagen. Die Täter flohen. "
         "Das Opfer musste im Krankenhaus behandelt werden.",
         [("Drei Männer", 3, "attackers"), ("einen 40-jährigen Radfahrer", 1, "injured")]),
        # "die beiden …" telling the injury points back to those attacked
        ("Etwa 25 Unbekannte haben zwei Radfahrer attackiert. Die beiden Radfahrer wurden verletzt.",
         [("Etwa 25 Unbekannte", 25, "attackers"), ("zwei Radfahrer", 2, "injured"),
          ("Die beiden Radfahrer", 2, "injured")]),
        ("Am Abend kam es zu einem Angriff auf einen 35-jährigen Radfahrer. Das Opfer erlitt Gesichtsverletzungen.",
         [("einen 35-jährigen Radfahrer", 1, "injured")]),
        # the target of an attack noun or of "einschlagen auf"
        ("Am Abend kam es zu einem Angriff auf einen 30-jährigen Radfahrer. Das Opfer erlitt Gesichtsverletzungen.",
         [("einen 30-jährigen Radfahrer", 1, "injured")]),
        ("Die Täter schlugen auf einen Radfahrer und einen Jugendlichen ein, welche dadurch leicht verletzt wurden.",
         [("einen Radfahrer", 1, "injured"), ("einen Jugendlichen", 1, "injured")]),
    ],
)
def test_injury_told_later(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zwei Männer schlagen einen Radfahrer. Niemand wurde verletzt.",  # no injury
        "Zwei Männer griffen einen Radfahrer an. Er konnte ohne große Verletzungen entkommen.",  # none either
        "Zwei Männer griffen einen Radfahrer an. Ein Polizist wurde verletzt.",  # another one is hurt
        "Fünf Männer haben drei Radfahrer attackiert. Einer der Radfahrer wurde leicht verletzt.",  # a part of them
        "Zwei Männer griffen einen Radfahrer an. Sie stahlen sein Rad. Er floh. Später kam es zu einer Körperverletzung.",
    ],
)
def test_attacked_without_own_injury_is_no_casualty(text: str) -> None:
    # "Einer der Radfahrer" is the one told injured, not the group attacked
    assert all(
        not f.text.endswith("Radfahrer") or f.text.startswith("Einer der") for f in find_figures(_doc(text))
    )


@pytest.mark.parametrize(("word", "person"), [("21-Jähriger", True), ("28-Jährigen", True),
                                              ("Tatverdächtige", True), ("Verdächtige", True),
                                              ("21-jährig", False), ("Fahrrad", False)])
def test_person_nouns_of_the_genre(word: str, person: bool) -> None:
    assert is_person_noun(word) is person
