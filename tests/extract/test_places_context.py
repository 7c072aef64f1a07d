"""Places stage: German regional and traffic cues, parts of towns, spatial coherence among namesakes,
countries that are no subject, compass parts of countries. All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.places import choose_entries, extract_places, lookup_name
from lagebild.extract.places.gazetteer import default_gazetteer, haversine_km
from lagebild.model import Article, Document, Place
from lagebild.pipeline import Pipeline


def analysed(text: str) -> Document:
    return Pipeline(stages=("tokens.v1",))(Article(text))


def places_of(text: str) -> dict[str, Place]:
    return {p.text: p for p in extract_places(analysed(text))[0]}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # a road number, a junction noun, "zwischen X und Y", "Richtung"
        (
            "Auf der A7 Ulm Richtung Füssen staut es sich zwischen Kreuz Ulm und Nersingen.",
            ["Ulm", "Füssen", "Nersingen"],
        ),
        (
            "Die B27 Tübingen - Balingen ist zwischen Bisingen und Hechingen gesperrt.",
            ["Tübingen", "Balingen", "Hechingen"],
        ),
        (
            "Stau zwischen Wiesloch / Rauenberg und Sinsheim Gefahr durch Gegenstände.",
            ["Wiesloch", "Rauenberg", "Sinsheim"],
        ),
        # a police press release heading
        ("POL-WAF: Sendenhorst. Eine Fußgängerin wurde bei einem Unfall verletzt.", ["Sendenhorst"]),
    ],
)
def test_traffic_and_press_cues_mark_small_towns(text: str, wanted: list[str]) -> None:
    found = places_of(text)
    for name in wanted:
        assert name in found, (name, sorted(found))
        assert found[name].country == "DE"


def test_town_names_that_are_no_german_words_need_no_preposition() -> None:
    found = places_of("Cuxhaven und Höxter melden Hochwasser.")
    assert {"Cuxhaven", "Höxter"} <= set(found)


def test_part_of_a_town_is_the_town() -> None:
    found = places_of("Der Unfall geschah in Mannheim-Neckarau, der Stau reichte bis Landau-Nord.")
    assert found["Mannheim-Neckarau"].name == "Mannheim"
    assert found["Landau-Nord"].country == "DE"
    assert "Nord" not in found


def test_two_places_joined_by_a_hyphen_are_two_places() -> None:
    found = places_of("Die Strecke Moskau-Wladiwostok ist die längste der Welt, sagte sie in Berlin.")
    assert found["Moskau"].name == "Moscow" and found["Wladiwostok"].name == "Vladivostok"


def test_qualified_town_found_by_its_first_name() -> None:
    # "Hirschberg an der Bergstraße" near Heidelberg, not Jelenia Góra (Hirschberg in Silesia)
    found = places_of("Auf der A5 zwischen Hirschberg und Heidelberg liegen Gegenstände.")
    assert found["Hirschberg"].country == "DE"
    assert haversine_km(found["Hirschberg"].lat, found["Hirschberg"].lon, 49.41, 8.69) < 30


def test_namesake_near_the_other_places_wins() -> None:
    gaz = default_gazetteer()
    key, entries = lookup_name(gaz, "Sulzbach")
    _, mosbach = lookup_name(gaz, "Mosbach")
    _, heilbronn = lookup_name(gaz, "Heilbronn")
    chosen = choose_entries(
        gaz,
        [("mosbach", mosbach, False), ("heilbronn", heilbronn, False), (key, entries, False)],
        {"DE": 2.0},
    )
    assert len(entries) > 3
    assert haversine_km(chosen[2].lat, chosen[2].lon, 49.14, 9.22) < 80  # within reach of Heilbronn


def test_minor_namesake_of_a_big_city_takes_no_country_evidence() -> None:
    text = (
        "Großbritannien und Frankreich wollen verhandeln. Ein Sprecher des Weißen Hauses in Washington "
        "sagte, Großbritannien müsse warten."
    )
    assert places_of(text)["Washington"].country == "US"
    text = "Die Staatsanwaltschaft Nürnberg-Fürth klagt einen Mann aus Österreich an."
    found = places_of(text)
    assert found["Fürth"].country == "DE" and found["Fürth"].name == "Fürth"


@pytest.mark.parametrize(
    "text",
    [
        "In Kanada ist kein Flughafen so ausgestattet, in den USA hingegen gehört es zum Standard.",
        "Polen ist mehrheitlich katholisch.",
        "Die territoriale Integrität der Ukraine kollidiert mit dem Anspruch.",
        "Im Süden der Philippinen der mutmaßliche Anführer festgenommen.",
        "Der Schachspieler, der Russland mehrmals kritisiert hatte, reiste ab.",
    ],
)
def test_countries_that_are_no_acting_subject_stay_places(text: str) -> None:
    assert any(p.feature == "country" for p in places_of(text).values()), text


def test_acting_country_is_no_place() -> None:
    assert "Russland" not in places_of("Russland wollte die Resolution verhindern.")


def test_noble_name_is_no_place() -> None:
    found = places_of("Die Staatsanwaltschaft ermittelt gegen zu Guttenberg. Zu Guttenberg schwieg.")
    assert "Guttenberg" not in found


def test_compass_part_of_a_country_lies_in_that_part() -> None:
    found = places_of("In Nordschweden und im Südirak gab es Unwetter.")
    north, south = found["Nordschweden"], found["Südirak"]
    sweden = default_gazetteer().country("SE")
    iraq = default_gazetteer().country("IQ")
    assert sweden is not None and iraq is not None
    assert north.lat is not None and north.lat > sweden.lat + 2
    assert south.lat is not None and south.lat < iraq.lat
    assert north.precision == 3 and north.relation == "Nord"


def test_regions_of_other_countries() -> None:
    found = places_of(
        "Das Schiff kam aus Sizilien, die Forscher arbeiten in Kalifornien und im US-Bundesstaat Texas."
    )
    assert found["Sizilien"].country == "IT" and found["Sizilien"].feature == "region"
    assert found["Kalifornien"].country == "US"


def test_inflected_country_names() -> None:
    found = places_of("Der Export in die Vereinigten Staaten und nach den Niederlanden brach ein.")
    assert found["Vereinigten Staaten"].country == "US"
    assert found["Niederlanden"].country == "NL"


def test_generic_nouns_are_no_places() -> None:
    found = places_of("Auf dem amerikanischen Markt und auf der Insel Neuguinea und im Stadtzentrum.")
    assert "Markt" not in found and "Insel" not in found and "Stadtzentrum" not in found


def test_lookup_name_reads_stations_and_parts() -> None:
    gaz = default_gazetteer()
    assert lookup_name(gaz, "Heidelberg Hbf")[0] == "heidelberg"
    assert lookup_name(gaz, "Ludwigsburg-Süd")[0] == "ludwigsburg"
    assert lookup_name(gaz, "Xyzzyquux") == ("", [])


def test_results_lines_name_teams() -> None:
    text = "Ergebnisse vom Samstag:\nKamerun - Dänemark: 1:2 (1:1)\nIn Kamerun regnete es zuvor stark."
    found = extract_places(analysed(text))[0]
    assert [p.start for p in found if p.text == "Kamerun"] == [text.rindex("Kamerun")]
    assert not any(p.text == "Dänemark" for p in found)


def test_between_with_a_slash_and_at_the_sentence_start() -> None:
    found = places_of("Zwischen Kreuz Ulm / Elchingen und Nersingen steht ein Fahrzeug.")
    assert "Nersingen" in found


def test_country_next_to_a_sports_noun_is_a_team() -> None:
    found = places_of(
        "Der Trainer Ghanas war zufrieden, Serbiens Torwart nicht. Die Regierung Ghanas schwieg."
    )
    assert [p for p in found] == ["Ghanas"]
    assert (
        found["Ghanas"].start
        == "Der Trainer Ghanas war zufrieden, Serbiens Torwart nicht. Die Regierung ".__len__()
    )


def test_nouns_before_names_of_countries_and_persons() -> None:
    found = places_of("Gegen den Weltmeister Tschechien verlor die Elf. In Tschechien regnet es seither.")
    assert "Tschechien" in found  # a country is never taken for a surname
    found = places_of("Es sprach der Amerikaner Bradley Manning. Die Handelskammer Aachen lud ein.")
    assert "Bradley" not in found and "Aachen" in found


def test_qualifier_after_the_name_chooses_the_namesake() -> None:
    found = places_of("Das Skelett wurde in Altdorf bei Landshut entdeckt.")
    landshut = found["Landshut"]
    assert haversine_km(found["Altdorf"].lat, found["Altdorf"].lon, landshut.lat, landshut.lon) < 50


def test_town_names_the_lexicon_calls_nouns() -> None:
    found = places_of("Er wohnt in Nordhausen und arbeitet in Soltau.")
    assert {"Nordhausen", "Soltau"} <= set(found)
    assert "Regen" not in places_of("Bei Regen plätschert es unaufhörlich.")


def test_town_adjective_before_a_part_of_the_town() -> None:
    found = places_of(
        "Schüsse nahe dem Duisburger Hauptbahnhof, Staus im Münchner Norden. Die Frankfurter Rundschau."
    )
    assert found["Duisburger Hauptbahnhof"].name == "Duisburg"
    assert found["Münchner Norden"].country == "DE" and found["Münchner Norden"].precision == 2
    assert not any(text.startswith("Frankfurter") for text in found)
