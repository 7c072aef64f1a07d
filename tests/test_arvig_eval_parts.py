"""The parts of the ARVIG evaluation: 2015 records read for tuning leave the blind part."""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.evaluate.arvig_read import READ_FOR_TUNING_2015
from lagebild.evaluate.events_arvig import in_part, parse_record

GOLD = Path(__file__).parent / "data" / "gold"


def record(record_id: str, day: str) -> dict[str, object]:
    # invented record in ARVIG's layout
    return {"id": record_id, "date": day, "location": "Musterstadt", "category_de": "Kundgebung/Demo",
            "text": "In Musterstadt demonstrieren 40 Menschen.", "lat": 50.0, "lon": 10.0, "source": "x"}


def test_read_records_are_those_of_the_tuned_gold_files() -> None:
    named = set()
    for draw in ("blind3", "blind3b", "blind4", "blind5", "blind6", "blind7", "blind8"):
        named |= {d["id"] for d in json.loads((GOLD / f"arvig_reports.{draw}.gold.json").read_text(encoding="utf-8"))["documents"]}
    assert named == READ_FOR_TUNING_2015


def test_a_read_2015_record_is_tuning_and_not_blind() -> None:
    read_id = sorted(READ_FOR_TUNING_2015)[0]
    read = parse_record(record(read_id, "2015-03-01"), "test")
    unread = parse_record(record("arvig-99999", "2015-03-01"), "test")
    old = parse_record(record("arvig-99998", "2014-03-01"), "test")
    assert in_part(read, "tuning") and not in_part(read, "blind")
    assert in_part(unread, "blind") and not in_part(unread, "tuning")
    assert in_part(old, "tuning") and not in_part(old, "blind")
    assert all(in_part(r, "all") for r in (read, unread, old))
