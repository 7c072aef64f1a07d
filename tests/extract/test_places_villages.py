"""Villages and parts of towns from the postal tables, and the rules that keep them from stealing names.
All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.places import extract_places
from lagebild.extract.places.gazetteer import choose_entries, default_gazetteer, fold
from lagebild.model import Article, Entity, Place
from lagebild.pipeline import Pipeline


def analysed(text: str) -> Article:
    return Pipeline(stages=("tokens.v1",))(Article(text))


def places_of(text: str) -> dict[str, Place]:
    return {p.text: p for p in extract_places(analysed(text))[0]}


def test_postal_places_are_in_the_gazetteer_as_villages() -> None:
    gaz = default_gazetteer()
    fischen = [x for x in gaz.lookup("Fischen im Allgäu") if x.country == "DE"]
    assert fischen and fischen[0].geonameid == 0 and fischen[0].population == 100
    assert abs(fischen[0].lat - 47.46) < 0.1
    # a postal name of a town the city list holds nearby is another name of that town, not a second place
    assert [x.name for x in gaz.lookup("Rottenburg am Neckar")] == ["Rottenburg"]
    # a postal village named like a German word is flagged; a part of a town so named only with its town
    assert gaz.is_common_word("Erde")
    assert not any(x.name == "Bad" for x in gaz.lookup("Bad"))


@pytest.mark.parametrize(
    ("text", "name", "lat"),
    [
        ("Der Unfall geschah bei Fischen im Allgäu am Morgen.", "Fischen im Allgäu", 47.46),
        ("Zwischen Fischen und Oberstdorf staut sich der Verkehr.", "Fischen", 47.46),
        ("Ein Lkw blieb in Höhe Bad Grönenbach liegen.", "Bad Grönenbach", 47.88),
        ("Die Polizei sperrte die Straße in Stuttgart-Degerloch.", "Stuttgart-Degerloch", 48.75),
    ],
)
def test_villages_and_parts_of_towns_are_found(text: str, name: str, lat: float) -> None:
    found = places_of(text)
    assert name in found, found
    assert found[name].country == "DE"
    assert abs((found[name].lat or 0) - lat) < 0.2


def test_a_village_named_like_a_word_needs_a_strong_cue() -> None:
    text = "Die Trümmer verteilten sich auf der Erde."
    doc = analysed(text)
    start = text.index("Erde")
    doc.entities = [Entity(doc.id, start, start + 4, "Erde", "LOC")]
    assert [p.text for p in extract_places(doc)[0]] == []


@pytest.mark.parametrize(
    "text",
    [
        "Auf der A96 zwischen Aitrach und Kreuz Memmingen hat sich ein Unfall ereignet.",
        "Auf der A44 Richtung Kassel, Höhe Soest, liegen Gegenstände auf der Fahrbahn.",
    ],
)
def test_a_place_noun_before_a_name_is_no_village(text: str) -> None:
    found = places_of(text)
    assert "Kreuz" not in found and "Höhe" not in found, found
    assert any(p.country == "DE" for p in found.values())


def test_a_country_adjective_narrows_the_namesakes() -> None:
    found = places_of("Die Maschine sollte im tschechischen Karlsbad landen, sie stürzte bei Walzbachtal ab.")
    assert found["Karlsbad"].country == "CZ"
    assert found["Walzbachtal"].country == "DE"


def test_a_big_city_keeps_its_name_beside_villages_of_another_namesake() -> None:
    found = places_of(
        "Der Schauspieler lebte zuletzt in Rüdersdorf bei Berlin. Er spielte in Berlin, Frankfurt, "
        "Düsseldorf und München."
    )
    assert found["Frankfurt"].name == "Frankfurt am Main"


def test_a_region_anchors_the_towns_of_the_article() -> None:
    found = places_of("Polizeipräsidium Osthessen: Schwerer Unfall auf der B 254 bei Wartenberg.")
    assert found["Wartenberg"].lat is not None and abs(found["Wartenberg"].lat - 50.62) < 0.1


def test_a_village_abroad_far_from_the_story_is_dropped() -> None:
    found = places_of("Von Mosbach geht es über die L 525 Richtung Sattelbach.")
    assert found["Mosbach"].country == "DE"
    assert "Sattelbach" not in found or found["Sattelbach"].country == "DE"


def test_a_town_adjective_takes_the_largest_town() -> None:
    found = places_of("Am Metzinger Bahnhof wurde ein Mann festgenommen.")
    assert next(iter(found.values())).name == "Metzingen"


def test_a_postal_village_does_not_make_a_region_ambiguous_for_anchoring() -> None:
    gaz = default_gazetteer()
    hessen = gaz.lookup("Hessen")
    assert len(hessen) > 1 and any(x.geonameid == 0 and x.feature == "city" for x in hessen)
    wartenberg = gaz.lookup("Wartenberg")
    chosen = choose_entries(
        gaz, [(fold("Hessen"), hessen, False), (fold("Wartenberg"), wartenberg, False)], {}
    )
    assert chosen[0].feature == "region"
    assert abs(chosen[1].lat - 50.62) < 0.1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nahe Lorsch ist ein Gefahrguttransporter verunglückt.", "Lorsch"),
        ("In Lorsch wurde am Abend gefeiert.", "Lorsch"),
        ("Auf der B93 Ri Zwickau staut sich der Verkehr.", "Zwickau"),
        ("Zugausfälle ab Hamburg in Ri Bremen sind möglich.", "Bremen"),
    ],
)
def test_a_preposition_at_the_start_of_a_sentence_and_ri_are_cues(text: str, name: str) -> None:
    assert name in places_of(text)


def test_a_capitalised_preposition_makes_no_common_word_a_place() -> None:
    assert places_of("Nach der Wahl kam es zu Protesten. Bei Regen fällt das Fest aus.") == {}


def test_a_small_town_before_another_in_a_pair_of_ends() -> None:
    found = places_of("Die Ersatzbusse der Linie S2 (Niedernhausen – Dietzenbach) fahren im Takt.")
    assert found["Niedernhausen"].country == "DE"
    assert "Peter" not in places_of("Peter Müller / Hamburg meldete sich.")
