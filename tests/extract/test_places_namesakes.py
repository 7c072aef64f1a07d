"""Places without false namesakes: fragments, common words, town adjectives, landmarks, qualifiers.
All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.places import extract_places
from lagebild.extract.places.gazetteer import default_gazetteer, fold
from lagebild.extract.places.names import landmarks, named_entries, only_other_name
from lagebild.model import Article, Place
from lagebild.pipeline import Pipeline


def places_of(text: str) -> dict[str, Place]:
    doc = Pipeline(stages=("tokens.v1",))(Article(text))
    return {p.text: p for p in extract_places(doc)[0]}


@pytest.mark.parametrize(
    "text",
    [
        # the first word of a town the gazetteer does not know
        "Auf der A7 Ulm Richtung Füssen steht in Höhe Bad Grönenbach ein defekter Lkw.",
        "Der Stau reicht bis Bad Zwischenahnhausen.",
        # a German word that only begins a place's name
        "Die Ringe aus Gold wurden bei dem Einbruch gestohlen.",
        "Er nahm ein Bad im See.",
    ],
)
def test_fragments_and_common_words_are_no_places(text: str) -> None:
    found = places_of(text)
    assert not any(p.name in ("Badou", "Gold Coast", "Bād Rūd") for p in found.values()), found


def test_a_known_name_that_begins_with_a_common_word_is_found() -> None:
    found = places_of("Der Unfall geschah in Bad Kreuznach, die Polizei kam aus Mainz.")
    assert found["Bad Kreuznach"].country == "DE"
    assert "Bad" not in found


def test_namesakes_a_german_word_only_begins_are_dropped() -> None:
    gaz = default_gazetteer()
    kept = named_entries(gaz, "gold", gaz.lookup_key("gold"))
    assert all(fold(x.name) != "gold coast" for x in kept)
    assert only_other_name(gaz, "bad", named_entries(gaz, "bad", gaz.lookup_key("bad")))
    assert not only_other_name(gaz, "essen", gaz.lookup_key("essen"))


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Die Dresdner Kundgebung verlief am Abend friedlich.", "Dresdner", "Dresden"),
        ("Die Münchner Polizei nahm zwei Männer fest.", "Münchner", "Munich"),
        ("Die Kölner Staatsanwaltschaft ermittelt.", "Kölner", "Köln"),
        ("Er wurde in der Suite eines New Yorker Hotels festgenommen.", "New Yorker", "New York City"),
        ("Die Essener Feuerwehr rückte mit 40 Kräften aus.", "Essener", "Essen"),
    ],
)
def test_a_town_adjective_before_a_noun_is_the_town(text: str, span: str, name: str) -> None:
    found = places_of(text)
    assert found[span].name == name
    assert found[span].precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "Die Frankfurter Allee war am Morgen gesperrt.",  # a street of another town
        "Das berichtete die Berliner Zeitung am Montag.",  # an organisation
        "Die Frankfurter Allgemeine meldete den Rücktritt.",
        "Bester Deutscher wurde ein Läufer aus dem Sauerland.",  # an adjective, no town's
        "Die Manager tragen Verantwortung für den Verlust.",  # a noun
        "Ein Berliner sagte der Polizei, er habe nichts gesehen.",  # a person, no noun after it
    ],
)
def test_words_ending_in_er_that_name_no_town(text: str) -> None:
    found = places_of(text)
    assert not any(p.name in ("Frankfurt am Main", "Berlin", "Best", "Manage") for p in found.values()), found


@pytest.mark.parametrize(
    ("text", "span", "town"),
    [
        ("Tausende versammelten sich am Abend auf dem Alexanderplatz.", "Alexanderplatz", "Berlin"),
        ("Auf dem Tahrir-Platz kam es erneut zu Zusammenstößen.", None, None),
        ("Die Polizei räumte den Taksim-Platz mit Wasserwerfern.", "Taksim-Platz", "Istanbul"),
        ("Demonstranten zogen über den Roten Platz.", "Roten Platz", "Moscow"),
    ],
)
def test_a_landmark_places_the_event_in_its_town(text: str, span: str | None, town: str | None) -> None:
    found = places_of(text)
    if span is None:  # a name the list does not hold, or an inflected form of one, is no place here
        assert not found, found
        return
    assert found[span].name == town
    assert found[span].feature == "city"


def test_every_landmark_lies_in_a_town_of_the_gazetteer() -> None:
    table = landmarks(default_gazetteer())
    assert len(table) >= 40
    assert all(entry.feature == "city" for entry in table.values())


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ein Fahrer aus Winsen (Luhe) blieb auf der Autobahn liegen.", "Luhe"),
        ("Die Preise auf dem amerikanischen Markt stiegen.", "Markt"),
        ("Er warnte vor der wachsenden Kluft zwischen Arm und Reich.", "Reich"),
    ],
)
def test_qualifiers_and_noun_phrases_are_no_places(text: str, absent: str) -> None:
    assert absent not in places_of(text)


def test_a_town_in_brackets_after_its_part_stays_a_place() -> None:
    found = places_of("Sperrung im Abschnitt Charlottenburg (Berlin) bis zum Abend.")
    assert found["Berlin"].country == "DE"


def test_a_hometown_is_a_place() -> None:
    found = places_of("Er wurde nahe seiner Heimatstadt Gengenbach festgenommen.")
    assert found["Gengenbach"].country == "DE"


@pytest.mark.parametrize(
    ("text", "span", "town"),
    [
        (
            "In Darmstadt wurde eine Frau verletzt. Der Täter wurde in der Gräfenhäuser Straße festgenommen.",
            "Gräfenhäuser Straße",
            "Darmstadt",
        ),
        (
            "Schüsse fielen auf der Mülheimer Straße in der Nähe des Duisburger Hauptbahnhofs.",
            "Mülheimer Straße",
            "Duisburg",
        ),
        ("In Bremen zogen 300 Menschen auf den Rathausplatz.", "Rathausplatz", "Bremen"),
    ],
)
def test_a_street_lies_in_the_town_told_around_it(text: str, span: str, town: str) -> None:
    found = places_of(text)
    assert found[span].name == town
    assert found[span].precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "In Leverkusen jubelten die Fans, Schalke steht weiterhin auf dem Relegationsplatz.",
        "In Berlin sagte er, das Gerät erscheine bald auf dem amerikanischen Markt.",
        "In Köln wurde der Streit auf dem Rechtsweg entschieden.",
        "Die Gräfenhäuser Straße ist gesperrt.",  # no town is named
    ],
)
def test_no_street_without_a_street_or_a_town(text: str) -> None:
    found = places_of(text)
    assert all(p.text in ("Leverkusen", "Berlin", "Köln") for p in found.values()), found
