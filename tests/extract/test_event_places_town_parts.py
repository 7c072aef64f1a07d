"""Event places: parts of towns the gazetteer does not know, or puts at a namesake elsewhere. The
sentences are invented; places are built by hand (the town adjective is looked up in the shipped
gazetteer) so the events stage is tested alone."""

from __future__ import annotations

import pytest

from lagebild.extract.events import extract_events
from lagebild.extract.events.places import town_adjective_names
from lagebild.model import Article, Document, Place
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))


def make_doc(text: str, places: dict[str, tuple[float, float]]) -> Document:
    doc = _TOKENS(Article(text=text, published="2015-06-04", id="t1"))
    for name, (lat, lon) in places.items():
        start = text.find(name)
        while start >= 0:
            doc.places.append(
                Place("t1", start, start + len(name), name, name, "DE", lat, lon, "city", 1, "mention")  # type: ignore[arg-type]
            )
            start = text.find(name, start + 1)
    doc.places.sort(key=lambda p: p.start)
    return doc


@pytest.mark.parametrize(
    ("adjective", "town"),
    [("Kasseler", "Kassel"), ("Dresdner", "Dresden"), ("Erlanger", "Erlangen"), ("Münchner", "München"), ("Bremer", "Bremen")],
)
def test_town_adjectives_name_their_town(adjective: str, town: str) -> None:
    assert town in town_adjective_names(adjective)


@pytest.mark.parametrize("word", ["Kassel", "lauter", "der", "Er"])
def test_words_that_are_no_town_adjective(word: str) -> None:
    assert town_adjective_names(word) == []


def test_a_part_of_a_town_is_located_at_the_town_of_its_adjective() -> None:
    text = "Im Kasseler Stadtteil Harleshausen demonstrierten am Samstag 50 Menschen gegen die Unterkunft."
    events = extract_events(make_doc(text, {}))
    assert len(events) == 1 and events[0].place is not None
    place = events[0].place
    assert place.name == "Harleshausen" and place.lat is not None and place.lon is not None
    assert abs(place.lat - 51.32) < 0.2 and abs(place.lon - 9.5) < 0.2  # Kassel


def test_an_unknown_part_is_located_at_the_town_named_elsewhere() -> None:
    text = "Im Ortsteil Eltersdorf wurde ein Flüchtling geschlagen. Die Polizei in Erlangen ermittelt."  # invented
    events = extract_events(make_doc(text, {"Erlangen": (49.59, 11.0)}))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.name, events[0].place.lat, events[0].place.lon) == ("Eltersdorf", 49.59, 11.0)


def test_a_hyphenated_part_put_far_away_lies_at_its_town() -> None:
    text = "Unbekannte haben in Leipzig-Grünau einen Asylbewerber geschlagen."
    # the gazetteer's Grünau is a namesake 150 km away
    events = extract_events(make_doc(text, {"Leipzig": (51.34, 12.37), "Grünau": (52.42, 13.58)}))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.lat, events[0].place.lon) == (51.34, 12.37)


def test_a_hyphenated_part_near_its_town_stays() -> None:
    text = "Unbekannte haben in Berlin-Marzahn einen Asylbewerber geschlagen."
    events = extract_events(make_doc(text, {"Berlin": (52.52, 13.40), "Marzahn": (52.545, 13.57)}))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.name, events[0].place.lat) == ("Marzahn", 52.545)


def test_a_town_before_its_district_is_the_event_place() -> None:
    text = "Unbekannte haben in Villmar im Kreis Limburg-Weilburg ein Flüchtlingsheim angezündet."
    places = {"Villmar": (50.39, 8.19), "Limburg": (50.38, 8.06), "Weilburg": (50.48, 8.26)}
    events = extract_events(make_doc(text, places))
    assert len(events) == 1 and events[0].place is not None
    assert events[0].place.name == "Villmar"
