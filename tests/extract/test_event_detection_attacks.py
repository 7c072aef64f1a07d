"""Detection of fires, pushes, threats with a weapon and pepper spray against a targeted group, protests
held as the aim of a counted crowd, and mottos that do not give the clause its modality. Every sentence
is invented; places and times are left out so the events stage is tested alone."""

from __future__ import annotations

import pytest

from lagebild.extract.events import extract_events, lexicon
from lagebild.extract.events.scope import text_modality
from lagebild.model import Article, Document
from lagebild.nlp.tokens import word_spans
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))


def make_doc(text: str) -> Document:
    return _TOKENS(Article(text=text, published="2014-06-04", id="t1"))


def _types(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.status) for e in extract_events(make_doc(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fire at a target group's home
        ("Ein Müllcontainer am Flüchtlingsheim brennt.", "Strategic developments"),
        ("Bei einem Zimmerbrand in der Nacht wurde die Asylbewerberunterkunft schwer beschädigt.", "Strategic developments"),
        # pushing, pepper spray, a threat with a weapon
        ("Ein Mann schubste einen Asylbewerber an der Haltestelle.", "Violence against civilians"),
        ("Ein Unbekannter stieß den Flüchtling gegen die Wand.", "Violence against civilians"),
        ("Ein Asylbewerber wurde am Bahnhof zu Boden gestoßen.", "Violence against civilians"),
        ("Ein Jugendlicher sprühte einem Flüchtling Pfefferspray ins Gesicht.", "Violence against civilians"),
        ("Zwei Asylbewerber wurden von einem Mann mit einem Messer bedroht.", "Violence against civilians"),
        ("Ein Asylbewerber ist von einem Unbekannten mit einem Messer verletzt worden.", "Violence against civilians"),
    ],
)
def test_attacks_on_a_targeted_group(text: str, expected: str) -> None:
    assert (expected, "current") in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        # the fire's cause is an accident
        "Ein Zimmerbrand in der Flüchtlingsunterkunft wurde durch einen Kurzschluss ausgelöst.",
        # the fire is named as an accident
        "Bei einem Gefängnisbrand starben 40 Häftlinge, darunter mehrere Journalisten.",
        # no group targeted
        "Ein Müllcontainer am Bahnhof brennt.",
        "Ein Mann schubste einen anderen an der Haltestelle.",
        # "stoßen auf" is to meet with, not to push
        "Die Pläne für das Flüchtlingsheim stießen auf heftige Kritik.",
        # a threat without a weapon, pepper spray not named
        "Die Unterkunft der Asylbewerber ist vom Hochwasser bedroht.",
        "Die Gärtner sprühten Wasser auf die Beete vor dem Flüchtlingsheim.",
        # lights that burn are no fire
        "Vor dem Flüchtlingsheim brannten am Abend einige Windlichter.",
        "Auf dem Platz vor der Asylbewerberunterkunft brannten Kerzen und Fackeln.",
        # hurt without a weapon named: an accident as likely as an attack
        "Bei dem Unfall vor dem Flüchtlingsheim wurden zwei Asylbewerber verletzt.",
        # a figurative fire
        "Der Streit um das Flüchtlingsheim wurde zum Flächenbrand.",
    ],
)
def test_no_attack(text: str) -> None:
    assert not any(t in ("Strategic developments", "Violence against civilians") for t, _ in _types(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Etwa 750 Personen zogen durch die Stadt, um gegen die Unterkunft zu demonstrieren.", True),
        ("Bis zu 10 Personen treffen sich am Markt, um eine Mahnwache durchzuführen.", True),
        # no counted crowd: a purpose, not a protest held
        ("Die Partei mietete einen Saal, um dort eine Kundgebung abzuhalten.", False),
    ],
)
def test_a_protest_as_the_aim_of_a_counted_crowd(text: str, found: bool) -> None:
    assert (("Protests", "current") in _types(text)) is found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Unter dem Motto "Lasst euch nicht einschüchtern" hielt die Gruppe zwei Kundgebungen ab.', None),
        ("Unter dem Motto „Wir wollen kein Heim“ hielt die Gruppe zwei Kundgebungen ab.", None),
        # outside the quotes the negation counts
        ("Die Gruppe hielt keine Kundgebungen ab.", "negated"),
        # a trigger inside the quote keeps what the quote says of it
        ("Der Sprecher sagte: „Es gab keine Kundgebungen“.", "negated"),
    ],
)
def test_a_quoted_motto_gives_no_modality(text: str, expected: str | None) -> None:
    tokens = word_spans(make_doc(text).nlp)  # the layer's words, as the stage reads them
    trigger = next(t for t in tokens if t[2].startswith("Kundgebung"))
    assert text_modality(lexicon().lists, tokens, trigger[0], text.lower()) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the group as the object of a perfect tense: an accusative article, or a building
        ("Unbekannte haben in der Nacht ein Flüchtlingsheim angezündet.", True),
        ("Unbekannte haben einen Asylbewerber geschlagen.", True),
        ("Drei Männer hatten den Flüchtling zuvor getreten.", True),
        ("Unbekannte haben eine Asylbewerberunterkunft in Brand gesteckt.", True),
        # the group as the subject: named before "hat"
        ("Ein Flüchtling hat einen Mann geschlagen.", False),
        ("Ein Asylbewerber hat in der Unterkunft einen Mitbewohner geschlagen.", False),
    ],
)
def test_a_targeted_group_as_the_object_of_a_perfect_tense(text: str, found: bool) -> None:
    assert bool(_types(text)) is found
