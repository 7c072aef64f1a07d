"""Scoring of the ARVIG incident-report evaluation, on invented records and invented events."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.errors import InputError
from lagebild.evaluate.events_arvig import (
    ArvigRecord,
    ArvigScore,
    categories_of,
    cites_government_answer,
    date_right,
    eval_events_arvig,
    location_named,
    parse_record,
    place_right,
    read_records,
    score_record,
    select,
)
from lagebild.model import Article, Document, Event, EventDate, EventPlace

# an invented town at an invented point: 0.1° of latitude is about 11 km
LAT, LON = 50.0, 10.0


def record(
    text: str = "In Musterstadt demonstrieren 40 Menschen gegen eine Unterkunft.",
    category: str = "Kundgebung/Demo",
    day: str = "2014-03-08",
    location: str = "Musterstadt",
    source: str = "",
) -> ArvigRecord:
    return parse_record(
        {
            "id": "r1",
            "date": day,
            "text": text,
            "category_de": category,
            "location": location,
            "lat": LAT,
            "lon": LON,
            "source": source,
        },
        "test:1",
    )


def event(
    event_type: str = "Protests",
    lat: float | None = LAT,
    day: str | None = "2014-03-08",
    status: str = "current",
) -> Event:
    place = EventPlace("Musterstadt", "Musterstadt", "DE", lat, LON, 1) if lat is not None else None
    return Event(
        "r1", 0, 5, "Demo", event_type, "Peaceful protest", place=place,
        date=EventDate(day, 1) if day else None, status=status,  # type: ignore[arg-type]
    )


def doc_with(rec: ArvigRecord, *events: Event) -> Document:
    doc = Document(Article(rec.text, id=rec.id, published=rec.date.isoformat()))
    doc.events = list(events)
    return doc


@pytest.mark.parametrize(
    ("category", "event_type", "found"),
    [
        ("Kundgebung/Demo", "Protests", True),
        ("Kundgebung/Demo", "Riots", True),
        ("Kundgebung/Demo", "Violence against civilians", False),
        ("Tätlicher Übergriff/Körperverletzung", "Violence against civilians", True),
        ("Tätlicher Übergriff/Körperverletzung", "Battles", True),
        ("Tätlicher Übergriff/Körperverletzung", "Protests", False),
        ("Tätlicher Übergriff/Körperverletzung", "Explosions/Remote violence", False),
        ("Brandanschlag", "Explosions/Remote violence", True),
        ("Brandanschlag", "Strategic developments", True),
        ("Brandanschlag", "Riots", True),
        ("Brandanschlag", "Protests", False),
        ("Brandanschlag & Sonstige Angriffe", "Strategic developments", True),
    ],
)
def test_category_maps_to_its_family(category: str, event_type: str, found: bool) -> None:
    rec = record(category=category)
    score = ArvigScore("tuning")
    score_record(score, rec, doc_with(rec, event(event_type)))
    assert score.scored == 1
    assert score.found == int(found)
    assert score.wrong_family == int(not found)


def test_categories_reported_only_are_not_scored() -> None:
    rec = record(category="Sonstige Angriffe")
    score = ArvigScore("tuning")
    score_record(score, rec, doc_with(rec, event("Violence against civilians")))
    assert score.scored == 0 and score.found == 0
    assert score.reported["Sonstige Angriffe"].found == 1
    assert score.as_dict()["events_per_record"] == 1.0


def test_categories_split_on_ampersand() -> None:
    assert categories_of("Brandanschlag & Sonstige Angriffe") == ("Brandanschlag", "Sonstige Angriffe")
    assert record(category="Kundgebung/Demo & Sonstige Angriffe").scored == ("Kundgebung/Demo",)


def test_only_current_events_count() -> None:
    rec = record()
    score = ArvigScore("tuning")
    score_record(score, rec, doc_with(rec, event(status="future")))
    assert score.found == 0 and score.events == 0


@pytest.mark.parametrize(("lat", "right"), [(LAT, True), (LAT + 0.2, True), (LAT + 0.3, False), (None, False)])
def test_place_within_25_km(lat: float | None, right: bool) -> None:
    # 0.2° of latitude ≈ 22 km, 0.3° ≈ 33 km
    assert place_right(event(lat=lat), record()) is right


@pytest.mark.parametrize(
    ("day", "right"),
    [("2014-03-08", True), ("2014-03-07", True), ("2014-03-09", True), ("2014-03-06", False), ("2014-03", False),
     (None, False)],
)
def test_date_within_one_day(day: str | None, right: bool) -> None:
    assert date_right(event(day=day), record()) is right


def test_place_scored_only_where_the_location_is_named() -> None:
    named, unnamed = record(), record(text="Etwa 40 Menschen demonstrieren gegen eine Unterkunft.")
    assert location_named(named) and not location_named(unnamed)
    assert location_named(record(text="In Hellersdorf brennt ein Auto.", location="Berlin-Hellersdorf"))
    assert location_named(record(text="In Halle wird demonstriert.", location="Halle (Saale)"))
    assert not location_named(record(text="Die Hallenser demonstrieren.", location="Halle (Saale)"))
    score = ArvigScore("tuning")
    score_record(score, unnamed, doc_with(unnamed, event(lat=LAT + 1)))
    score_record(score, named, doc_with(named, event(lat=LAT + 1)))
    assert score.place_scored == 1 and score.place_right == 0
    assert score.date_scored == 2 and score.date_right == 2


@pytest.mark.parametrize(
    ("text", "source", "skipped"),
    [
        ("Aus der Antwort auf eine Kleine Anfrage geht hervor, dass ermittelt wird.", "", True),
        ("In Musterstadt demonstrieren 40 Menschen.", "Antwort der Bundesregierung auf die Kleine Anfrage", True),
        ("In Musterstadt demonstrieren 40 Menschen.", "Antwort auf eine kl. Anfrage (Drucksache 18/1)", True),
        ("In Musterstadt demonstrieren 40 Menschen.", "http://example.org/bericht", False),
        ("Die Anfrage der Anwohner blieb unbeantwortet.", "", False),
    ],
)
def test_skip_rule(text: str, source: str, skipped: bool) -> None:
    assert cites_government_answer(record(text=text, source=source)) is skipped


def test_parts_split_by_year_and_skip_counted() -> None:
    records = [
        record(day="2014-05-01"),
        record(day="2015-05-01"),
        record(day="2014-06-01", source="Kleine Anfrage"),
    ]
    tuning, skipped = select(records, "tuning")
    assert [r.date for r in tuning] == [date(2014, 5, 1)] and skipped == 1
    blind, skipped = select(records, "blind")
    assert [r.date for r in blind] == [date(2015, 5, 1)] and skipped == 0
    assert len(select(records, "all", limit=1)[0]) == 1


def test_bad_records_raise_named_errors(tmp_path: Path) -> None:
    path = tmp_path / "arvig.jsonl"
    path.write_text(json.dumps({"id": "x", "date": "2014-01-01", "text": "t"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="category_de"):
        read_records(path)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=":1"):
        read_records(path)
    path.write_text(
        json.dumps({"id": "x", "date": "8.3.2014", "text": "t", "category_de": "Brandanschlag"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_records(path)
    with pytest.raises(InputError, match="cannot read"):
        read_records(tmp_path / "missing.jsonl")


def test_misses_of_the_blind_part_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_events_arvig, ["--data", str(tmp_path / "x.jsonl"), "--part", "blind",
                                                    "--show-misses", "5"])
    assert result.exit_code == 2
    assert "i-know-this-makes-it-tuning" in result.output


def test_command_scores_an_invented_file(tmp_path: Path) -> None:
    path = tmp_path / "arvig.jsonl"
    rows = [
        {"id": "a", "date": "2014-03-08", "location": "Dresden", "lat": 51.05, "lon": 13.74,
         "category_de": "Kundgebung/Demo", "text": "Rund 300 Menschen demonstrieren am Samstag in Dresden "
         "gegen eine geplante Unterkunft für Asylsuchende.", "source": "http://example.org/1"},
        {"id": "b", "date": "2014-03-09", "location": "Dresden", "lat": 51.05, "lon": 13.74,
         "category_de": "Kundgebung/Demo", "text": "Eine Kundgebung.", "source": "Kleine Anfrage"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(eval_events_arvig, ["--data", str(path), "--part", "tuning", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["records"] == 1 and scores["skipped"] == 1
    assert scores["detection"] == 1.0 and scores["place"] == 1.0 and scores["date"] == 1.0
