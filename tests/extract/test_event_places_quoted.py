"""Event places: a town named inside a quoted name or motto, and a town the actors come from. The
sentences are invented; places are built by hand so the events stage is tested alone."""

from __future__ import annotations

import pytest

from lagebild.extract.events import extract_events
from lagebild.extract.events.places import in_quoted_name
from lagebild.model import Article, Document, Place
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))

# invented test coordinates for real German towns (roughly right; only distances matter)
TOWNS = {"Dresden": (51.05, 13.74), "Leipzig": (51.34, 12.37), "Bochum": (51.48, 7.22), "Sachsen": (51.0, 13.3)}


def make_doc(text: str, published: str = "2014-06-04") -> Document:
    doc = _TOKENS(Article(text=text, published=published, id="t1"))
    for name, (lat, lon) in TOWNS.items():
        start = text.find(name)
        while start >= 0:
            feature = "region" if name == "Sachsen" else "city"
            doc.places.append(
                Place("t1", start, start + len(name), name, name, "DE", lat, lon, feature, 1, "mention")  # type: ignore[arg-type]
            )
            start = text.find(name, start + 1)
    doc.places.sort(key=lambda p: p.start)
    return doc


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(
    ("text", "name", "quoted"),
    [
        ("Die Initiative „Dresden wehrt sich“ rief auf.", "Dresden", True),
        ('Unter dem Motto "Kein Heim in Leipzig" zogen 50 Menschen los.', "Leipzig", True),
        ("Die Gruppe »Pro Bochum« hielt eine Kundgebung ab.", "Bochum", True),
        ("In Dresden „demonstrierten“ 50 Menschen.", "Dresden", False),  # before the quote
        ("Sie hielten Plakate hoch. „Dresden“ stand darauf.", "Dresden", False),  # the quote holds only the name
        ("Der Sprecher schrieb: „Furchtbare Nachrichten aus Dresden“.", "Dresden", False),  # speech
        ("„Nein“, sagte er. In Leipzig blieb es ruhig.", "Leipzig", False),  # the quote is closed before it
    ],
)
def test_a_place_in_a_quoted_name_or_motto(text: str, name: str, quoted: bool) -> None:
    assert in_quoted_name(text, *_span(text, name)) is quoted


def test_a_town_in_a_quoted_group_name_is_not_the_place_when_another_is_named() -> None:
    text = (
        "Die Gruppierung „Pro Sachsen“ veranstaltete am Freitag zwei Kundgebungen. "
        "Gegen sie demonstrierten in Leipzig 150 Menschen."
    )
    events = extract_events(make_doc(text))
    assert events and events[0].place is not None
    assert events[0].place.name == "Leipzig"


def test_a_town_only_in_a_quoted_name_places_the_event_before_the_country() -> None:
    text = "Die Bürgerinitiative „Dresden wehrt sich“ veranstaltete erneut einen Fackelmarsch gegen das Heim."
    events = extract_events(make_doc(text))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.name, events[0].place.precision) == ("Dresden", 2)


def test_a_town_the_actors_come_from_places_the_event_when_nothing_else_is_named() -> None:
    text = "Zu der Kundgebung gegen das benachbarte Flüchtlingsheim erschienen etwa 25 Neonazis aus Bochum und Umgebung."
    events = extract_events(make_doc(text))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.name, events[0].place.precision) == ("Bochum", 2)


def test_a_town_where_it_happened_beats_the_town_the_actors_come_from() -> None:
    text = "In Leipzig hielten etwa 25 Neonazis aus Bochum eine Kundgebung ab."
    events = extract_events(make_doc(text))
    assert len(events) == 1 and events[0].place is not None
    assert events[0].place.name == "Leipzig"
