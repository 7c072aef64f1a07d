"""The page's overview (bounds, timeline bars), the map's view (points or cells) and claims over time,
through the API and the JSONL export, on the invented sample and demo articles."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from lagebild.errors import ConfigError
from lagebild.export import export_chunks
from lagebild.serve.app import create_app
from lagebild.serve.overview import bucket_end, bucket_start, unit_for_span
from lagebild.serve.synthetic import generated_events
from lagebild.store import Store


@pytest.mark.parametrize("day, unit, start, end", [
    ("2024-03-13", "day", "2024-03-13", "2024-03-13"),
    ("2024-03-13", "week", "2024-03-11", "2024-03-17"),
    ("2024-03-13", "month", "2024-03-01", "2024-03-31"),
    ("2023-12-31", "week", "2023-12-25", "2023-12-31"),
    ("2024-02-10", "month", "2024-02-01", "2024-02-29"),
    ("2023-12-05", "month", "2023-12-01", "2023-12-31"),
])
def test_buckets(day: str, unit: str, start: str, end: str) -> None:
    assert bucket_start(day, unit) == start  # type: ignore[arg-type]
    assert bucket_end(start, unit) == end  # type: ignore[arg-type]


@pytest.mark.parametrize("days, unit", [(1, "day"), (92, "day"), (93, "week"), (731, "week"), (732, "month")])
def test_unit_for_span(days: int, unit: str) -> None:
    assert unit_for_span(days) == unit


def test_overview_fits_and_counts(client: TestClient) -> None:
    overview = client.get("/api/overview").json()
    assert overview["total"] == 2 and overview["located"] == 2
    assert overview["bounds"] == [37.16, 36.2, 43.13, 36.34]
    assert overview["unit"] == "day"  # 2016-12-12 .. 2017-01-05
    weeks = client.get("/api/overview", params={"unit": "week"}).json()
    aleppo = [b for b in weeks["buckets"] if b["type"] == "Explosions/Remote violence"]
    assert aleppo == [{"start": "2016-12-12", "end": "2016-12-18", "type": "Explosions/Remote violence",
                       "events": 1, "fatalities_low": 12, "fatalities_high": 50}]
    narrowed = client.get("/api/overview", params={"type": "Battles", "unit": "day"}).json()
    assert narrowed["total"] == 1 and narrowed["bounds"] == [43.13, 36.34, 43.13, 36.34]
    assert [(b["start"], b["fatalities_low"]) for b in narrowed["buckets"]] == [("2017-01-05", 0)]
    assert client.get("/api/overview", params={"unit": "year"}).status_code == 422
    assert client.get("/api/overview", params={"date_from": "2018-01-01"}).json()["bounds"] is None


def test_map_points_then_cells(client: TestClient) -> None:
    points = client.get("/api/map", params={"bbox": "30,30,50,40"}).json()
    assert points["mode"] == "points" and points["total"] == 2
    assert [p["id"] for p in points["points"]] == ["ev-aleppo", "ev-mosul"]  # biggest toll first
    page = client.get("/api/map", params={"bbox": "30,30,50,40", "limit": 1, "offset": 1}).json()
    assert [p["id"] for p in page["points"]] == ["ev-mosul"]
    inside = client.get("/api/map", params={"bbox": "36,35,38,37"}).json()
    assert [p["id"] for p in inside["points"]] == ["ev-aleppo"]
    cells = client.get("/api/map", params={"bbox": "30,30,50,40", "max_points": 1, "grid": 4}).json()
    assert cells["mode"] == "cells" and cells["total"] == 2
    assert sorted((c["x"], c["y"], c["events"]) for c in cells["cells"]) == [(1, 2, 1), (2, 2, 1)]
    for params in ({"grid": 0}, {"grid": 65}, {"max_points": 5001}, {"bbox": "1,2,3"}):
        assert client.get("/api/map", params=params).status_code == 422


def test_map_cells_of_many_events(tmp_path: object) -> None:
    from pathlib import Path

    from lagebild.store import CombineResult

    with Store.open(Path(str(tmp_path)) / "many.sqlite") as store:
        store.save_combined(CombineResult(events=tuple(generated_events(1500, "2021-01-01", 400))))
        with TestClient(create_app(store)) as client:
            answer = client.get("/api/map", params={"max_points": 1000, "grid": 16}).json()
            overview = client.get("/api/overview").json()
    assert answer["mode"] == "cells" and sum(c["events"] for c in answer["cells"]) == answer["total"] == 1500
    assert all(0 <= c["x"] < 16 and 0 <= c["y"] < 16 for c in answer["cells"])
    assert overview["unit"] == "week" and sum(b["events"] for b in overview["buckets"]) == 1500


def test_generated_events_are_checked() -> None:
    with pytest.raises(ConfigError, match="first_day"):
        list(generated_events(3, "1.1.2020", 10))


def test_history_of_the_sample_event(client: TestClient) -> None:
    history = client.get("/api/events/ev-aleppo/history").json()
    (killed,) = history["series"]
    assert killed["category"] == "killed"
    assert [(c["doc_id"], c["low"], c["claimant"], c["change"]) for c in killed["claims"]] == [
        ("beispiel-a", 45, "Syrischen Beobachtungsstelle für Menschenrechte", "first"),
        ("beispiel-a", 12, "Die syrische Regierung", "down"),
        ("beispiel-b", 50, "Aktivisten", "up"),
    ]
    assert killed["claims"][1]["sentence"]["text"] == "Die syrische Regierung sprach dagegen von 12 Toten."
    assert (killed["low"], killed["high"], killed["latest"]) == (12, 50, 50)
    assert client.get("/api/events/none-such/history").status_code == 404
    assert client.get("/api/stories/<x>/history").status_code == 422
    story = client.get("/api/stories/story-aleppo/history").json()
    assert [a["id"] for a in story["articles"]] == ["beispiel-a", "beispiel-b"]
    assert story["events"][0]["series"] == history["series"]


def test_history_of_the_demo_incidents(demo_store: Store) -> None:
    """The invented demo: the air strike on Ariha (a toll of 12, then 18, then 15) and the car bomb in
    Mogadischu (7, 9, 10), each number with its claimant and sentence."""
    with TestClient(create_app(demo_store)) as client:
        (ariha,) = client.get("/api/events", params={"doc_id": "demo-a1"}).json()["items"]
        story = client.get(f"/api/stories/{ariha['story_id']}/history").json()
        (bomb,) = client.get("/api/events", params={"doc_id": "demo-b3"}).json()["items"]
        bomb_history = client.get(f"/api/events/{bomb['id']}/history").json()
    assert [a["id"] for a in story["articles"]] == ["demo-a1", "demo-a2", "demo-a3"]
    killed = next(s for s in story["events"][0]["series"] if s["category"] == "killed")
    assert [c["low"] for c in killed["claims"]] == [12, 18, 15]
    assert [c["change"] for c in killed["claims"]] == ["first", "up", "down"]
    claimants = [c["claimant"] for c in killed["claims"]]
    assert "Beobachtungsstelle" in claimants[0] and "Weißhelme" in claimants[1] and "Gesundheitsbehörde" in claimants[2]
    assert "18 Toten" in killed["claims"][1]["sentence"]["text"]
    assert [p["text"] for p in killed["claims"][1]["parts"]] == ["fünf Kinder"]
    bomb_killed = next(s for s in bomb_history["series"] if s["category"] == "killed")
    assert [c["low"] for c in bomb_killed["claims"]] == [7, 9, 10]
    assert "Medina-Krankenhauses" in bomb_killed["claims"][1]["claimant"]


def test_claim_history_in_the_jsonl_export(filled_store: Store) -> None:
    records = [json.loads(line) for line in "".join(export_chunks(filled_store, "jsonl")).splitlines()]
    aleppo = next(r for r in records if r["id"] == "ev-aleppo")
    assert [c["low"] for c in aleppo["claim_history"][0]["claims"]] == [45, 12, 50]
    (injured,) = next(r for r in records if r["id"] == "ev-mosul")["claim_history"]
    assert (injured["category"], [c["low"] for c in injured["claims"]], injured["claimants"]) == ("injured", [3], [])
