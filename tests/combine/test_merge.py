"""One event per real event: reports from several articles merge with every source and claimant."""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.combine import combine
from lagebild.combine.merge import EventMerger, merge_events
from lagebild.model import (
    Article,
    Document,
    Event,
    EventDate,
    EventPlace,
    Fatalities,
    Figure,
    Mention,
)

ARIHA = EventPlace("Ariha", "Ariha", "SY", 35.81, 36.61, 1)
SARAQIB = EventPlace("Sarakib", "Saraqib", "SY", 35.86, 36.80, 1)
MOGADISHU = EventPlace("Mogadischu", "Mogadishu", "SO", 2.04, 45.34, 1)


def report(doc_id: str, text: str, claimant: str, low: int, high: int | None, place: EventPlace,
           day: str, sub_type: str = "Air/drone strike", event_type: str = "Explosions/Remote violence",
           status: str = "current", published: str | None = None) -> Document:
    """An article whose text names the claimant and the figure; one event with that figure."""
    article = Article(text=text, id=doc_id, published=published or day, source=f"source-{doc_id}")
    c = text.index(claimant)
    figure_text = str(low)
    f = text.index(figure_text)
    figure = Figure(doc_id, f, f + len(figure_text), figure_text, low, high, "exact", "killed",
                    Mention(c, c + len(claimant), claimant))
    event = Event(doc_id, 0, len(text), text, event_type, sub_type, place=place, date=EventDate(day, 1),
                  fatalities=Fatalities(low, high or low, (figure,)), status=status)  # type: ignore[arg-type]
    return Document(article=article, figures=[figure], events=[event])


def test_three_reports_one_event_with_all_claimants() -> None:
    docs = [
        report("a1", "Helfer zählten 12 Tote nach dem Luftangriff auf Ariha.", "Helfer", 12, None, ARIHA, "2024-03-11"),
        report("a2", "Die Weißhelme meldeten 18 Tote in Ariha.", "Weißhelme", 18, None, ARIHA, "2024-03-11",
               published="2024-03-12"),
        report("a3", "Die Behörde sprach von 15 getöteten Zivilisten.", "Behörde", 15, None,
               EventPlace("Ariha", "Ariha", "SY", 35.82, 36.60, 1), "2024-03-12", sub_type="Armed clash",
               event_type="Battles"),
    ]
    events = merge_events(docs)
    assert len(events) == 1
    event = events[0]
    assert (event.type, event.sub_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert event.fatalities is not None
    assert (event.fatalities.low, event.fatalities.high) == (12, 18)  # most conservative, range kept
    assert {f.claimant.text for f in event.fatalities.figures if f.claimant} == {"Helfer", "Weißhelme", "Behörde"}
    assert [s.doc_id for s in event.sources] == ["a1", "a2", "a3"]
    assert event.date is not None and event.date.value == "2024-03-11"
    for source, doc in zip(event.sources, docs, strict=True):
        assert doc.text[source.start:source.end] == source.text


def test_far_place_other_week_or_other_status_stay_apart() -> None:
    docs = [
        report("a1", "Helfer zählten 12 Tote.", "Helfer", 12, None, ARIHA, "2024-03-11"),
        report("b1", "Helfer zählten 7 Tote.", "Helfer", 7, None, MOGADISHU, "2024-03-11", sub_type="Remote explosive/landmine/IED"),
        report("a2", "Helfer zählten 9 Tote.", "Helfer", 9, None, ARIHA, "2024-03-25"),
        report("a3", "Helfer zählten 30 Tote.", "Helfer", 30, None, ARIHA, "2023-03-11", status="historical"),
    ]
    assert len(merge_events(docs)) == 4


def test_nearby_place_merges_by_distance() -> None:
    docs = [
        report("a1", "Helfer zählten 12 Tote.", "Helfer", 12, None, ARIHA, "2024-03-11"),
        report("a2", "Ärzte zählten 14 Tote.", "Ärzte", 14, None, SARAQIB, "2024-03-11"),
    ]
    assert len(merge_events(docs)) == 1  # Saraqib is about 17 km from Ariha
    assert len(merge_events(docs, max_km=5.0)) == 2


def test_merger_closes_old_events() -> None:
    merger = EventMerger(horizon_days=10)
    merger.add(report("a1", "Helfer zählten 12 Tote.", "Helfer", 12, None, ARIHA, "2024-01-01"))
    merger.add(report("a2", "Helfer zählten 9 Tote.", "Helfer", 9, None, ARIHA, "2024-03-01"))
    assert len(merger._open) == 1  # the January event was closed and handed over
    assert len(merger.flush()) == 2


def test_combine_links_duplicates_and_uses_newest() -> None:
    text = "Nach dem Luftangriff auf Ariha zählten Helfer 12 Tote, darunter viele Kinder auf dem Markt."
    old = report("a1", text, "Helfer", 12, None, ARIHA, "2024-03-11")
    new = report("a2", text + " Die Zahl stieg später.", "Helfer", 12, None, ARIHA, "2024-03-11", published="2024-03-12")
    stories, events, duplicates = combine([new, old])
    assert duplicates == {"a1": "a2"}
    assert [s.doc_id for s in events[0].sources] == ["a2"]
    assert sorted(stories[0].doc_ids) == ["a1", "a2"]
    assert events[0].story_id == stories[0].id


def test_demo_truth_is_consistent() -> None:
    root = Path(__file__).resolve().parents[2] / "demo"
    articles = [json.loads(line) for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    ids = {a["id"] for a in articles}
    assert all("invented" in a["note"].lower() for a in articles)
    assert truth["articles"] == len(articles)
    assert {i for incident in truth["incidents"] for i in incident["articles"]} == ids
    texts = {a["id"]: a["text"] for a in articles}
    for incident in truth["incidents"]:
        for claimant in incident["claimants"]:
            assert any(claimant in texts[i] for i in incident["articles"]), claimant


def test_demo_incidents_come_out_as_one_event_each_with_every_claimant() -> None:
    """End to end on the invented demo articles: N reports of K incidents give K current events."""
    from lagebild.evaluate.clustering import demo_check

    root = Path(__file__).resolve().parents[2] / "demo"
    result = demo_check(root / "articles.jsonl", root / "truth.json")
    assert result["misses"] == []
    assert result["incidents_complete"] == result["incidents"] == 4
    assert result["current_events"] == 4
