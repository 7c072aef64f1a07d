"""The store on SQLite and PostgreSQL: schema, idempotent ingest, re-analysis, combined results, queries."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from lagebild.errors import StoreError
from lagebild.model import Figure
from lagebild.store import EventFilter, Store
from lagebild.store.combining import single_report_events
from tests.store.sample import PIPELINE, sample_combined, sample_documents

TABLES = ("articles", "facts", "article_conflicts", "stories", "story_articles", "events", "event_actors",
          "event_sources", "duplicates")


def dump(store: Store) -> dict[str, list[Any]]:
    """Every row of every table except volatile pks, for comparing states."""
    out: dict[str, list[Any]] = {}
    with store.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table}")).mappings().all()
            out[table] = sorted(repr(sorted((k, v) for k, v in r.items() if k != "pk")) for r in rows)
    return out


@pytest.fixture
def store(db_url: str) -> Any:
    with Store.open(db_url) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    for doc in sample_documents():
        assert store.ingest(doc) == "new"
    store.save_combined(sample_combined())
    return store


def test_open_migrates_to_head_and_reopens(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.revision() == "0005"
        assert set(TABLES) <= set(store.tables())
    with Store.open(db_url) as again:  # a second open finds the schema current and keeps the data
        assert again.revision() == "0005"
        assert again.count_articles() == 0


def test_sqlite_file_uses_wal(tmp_path: Any) -> None:
    with Store.open(tmp_path / "plain-path.sqlite") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_bad_urls_give_store_errors(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="cannot"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


def test_ingest_twice_changes_nothing(store: Store) -> None:
    docs = sample_documents()
    assert [store.ingest(d) for d in docs] == ["new", "new", "new"]
    store.save_combined(sample_combined(docs))
    before = dump(store)
    assert [store.ingest(d) for d in sample_documents()] == ["duplicate"] * 3
    store.save_combined(sample_combined())
    assert dump(store) == before
    assert store.analysis_status(docs[0].article, PIPELINE) == "duplicate"


def test_documents_round_trip(store: Store) -> None:
    originals = sample_documents()
    for doc in originals:
        store.ingest(doc)
    restored = {d.id: d for d in store.documents()}
    assert set(restored) == {d.id for d in originals}
    for doc in originals:
        back = restored[doc.id]
        assert back.article == doc.article
        assert back.sentences == doc.sentences
        assert back.dateline == doc.dateline
        for kind in ("entities", "places", "times", "figures", "quotes", "events", "conflicts"):
            assert getattr(back, kind) == getattr(doc, kind), kind
        for figure in back.figures:
            assert back.text[figure.start:figure.end] == figure.text


def test_newer_pipeline_replaces_facts(store: Store) -> None:
    doc = sample_documents()[0]
    store.ingest(doc)
    newer = sample_documents()[0]
    newer.pipeline = PIPELINE.replace("lagebild 0.1.0", "lagebild 0.2.0")
    newer.figures = newer.figures[:1]
    newer.conflicts = []
    assert store.analysis_status(newer.article, newer.pipeline) == "updated"
    assert store.ingest(newer) == "updated"
    back = store.document(doc.id)
    assert back is not None and back.pipeline == newer.pipeline
    assert back.figures == newer.figures and back.conflicts == []
    # an older version's analysis does not overwrite the newer one
    assert store.ingest(doc) == "stale"
    assert store.document(doc.id).figures == newer.figures  # type: ignore[union-attr]


def test_failed_update_leaves_the_old_facts(store: Store) -> None:
    doc = sample_documents()[0]
    store.ingest(doc)
    broken = sample_documents()[0]
    broken.pipeline = PIPELINE.replace("0.1.0", "0.3.0")
    bad = replace(broken.figures[0], start=None)  # type: ignore[arg-type]
    broken.figures = [broken.figures[1], bad]
    with pytest.raises(StoreError, match="beispiel-a"):
        store.ingest(broken)
    back = store.document(doc.id)
    assert back is not None and back.pipeline == PIPELINE and back.figures == doc.figures


def test_same_id_other_text_is_refused(store: Store) -> None:
    doc = sample_documents()[0]
    store.ingest(doc)
    other = sample_documents()[1]
    other.article = replace(other.article, id=doc.id)
    with pytest.raises(StoreError, match="already stored with a different text"):
        store.ingest(other)


def test_event_filters(filled: Store) -> None:
    def ids(**where: Any) -> list[str]:
        return [e["id"] for e in filled.events(EventFilter(**where)).items]

    assert ids() == ["ev-aleppo", "ev-mosul"]
    assert ids(type="Battles") == ["ev-mosul"]
    assert ids(bbox=(35.0, 35.0, 40.0, 37.0)) == ["ev-aleppo"]
    assert ids(bbox=(170.0, 30.0, 40.0, 40.0)) == ["ev-aleppo"]  # across the antimeridian
    assert ids(date_from="2017-01-01") == ["ev-mosul"]
    assert ids(date_from="2016-12-01", date_to="2016-12-31") == ["ev-aleppo"]
    assert ids(actor="forces of iraq") == ["ev-mosul"]
    assert ids(actor="50%_") == []  # LIKE wildcards are taken literally
    assert ids(story="story-aleppo") == ["ev-aleppo"]
    assert ids(country="iq") == ["ev-mosul"]
    assert ids(doc_id="beispiel-b") == ["ev-aleppo"]
    page = filled.events(limit=1, offset=1)
    assert page.total == 2 and [e["id"] for e in page.items] == ["ev-mosul"]


def test_event_detail_shows_conflicting_figures(filled: Store) -> None:
    event = filled.event("ev-aleppo")
    assert event is not None
    assert [s["title"] for s in event["sources"]] == ["Luftangriffe auf Aleppo", "Aktivisten: 50 Tote in Aleppo"]
    (group,) = event["conflicts"]
    assert group["category"] == "killed" and (group["low"], group["high"]) == (12, 50)
    claimants = {(f["claimant"] or {}).get("text") for f in group["figures"]}
    assert claimants == {"Syrischen Beobachtungsstelle für Menschenrechte", "Die syrische Regierung", "Aktivisten"}
    assert filled.event("nope") is None


def test_conflicts_stories_figures_facets(filled: Store) -> None:
    conflicts = filled.conflicts().items
    assert {c["scope"] for c in conflicts} == {"article", "event"}
    article_conflict = next(c for c in conflicts if c["scope"] == "article")
    assert (article_conflict["low"], article_conflict["high"]) == (12, 45)
    stories = filled.stories().items
    assert stories == [{"id": "story-aleppo", "keywords": ["aleppo", "luftangriff"], "first_published": "2016-12-13",
                        "last_published": "2016-12-14", "doc_ids": ["beispiel-a", "beispiel-b"]}]
    story = filled.story("story-aleppo")
    assert story is not None and [a["id"] for a in story["articles"]] == ["beispiel-a", "beispiel-b"]
    assert [e["id"] for e in story["events"]] == ["ev-aleppo"]
    assert filled.figures(category="injured").total == 1
    assert filled.figures(doc_id="beispiel-a").total == 2
    facets = filled.facets()
    assert facets["date_min"] == "2016-12-12" and facets["date_max"] == "2017-01-05"
    assert {t["type"] for t in facets["types"]} == {"Battles", "Explosions/Remote violence"}
    article = filled.article("beispiel-a")
    assert article is not None and article["combined_events"] == ["ev-aleppo"] and article["stories"] == ["story-aleppo"]


def test_save_combined_replaces(filled: Store) -> None:
    filled.save_combined(single_report_events(list(filled.documents())))
    events = filled.events().items
    assert len(events) == 3  # one per reported event: nothing merged
    assert all(len(e["sources"]) == 1 for e in events)
    assert filled.stories().total == 0


@pytest.mark.parametrize("query, expected", [
    ("Luftangriff", {"beispiel-a", "beispiel-b"}),
    ("Luftangriffe Aleppo", {"beispiel-a", "beispiel-b"}),
    ("Beobachtungsstelle", {"beispiel-a"}),
    ("Mossul Soldaten", {"beispiel-c"}),
    ('"AND OR (* NEAR', set()),
    ("", set()),
])
def test_search(filled: Store, query: str, expected: set[str]) -> None:
    hits = filled.search(query)
    assert {h["id"] for h in hits} == expected
    for hit in hits:
        assert "\x02" in hit["snippet"] and "\x03" in hit["snippet"]


def test_search_ranks_title_and_many_matches_first(filled: Store) -> None:
    hits = filled.search("Aleppo")
    assert hits[0]["id"] in {"beispiel-a", "beispiel-b"}
    assert hits[0]["score"] >= hits[-1]["score"]


def test_figure_round_trip_through_json_column(store: Store) -> None:
    doc = sample_documents()[1]
    figure = doc.figures[0]
    doc.figures = [replace(figure, low=None, high=None, approx="about", claimant=None, victims="Kinder „klein“")]
    store.ingest(doc)
    back = store.document(doc.id)
    assert back is not None and back.figures == doc.figures
    assert isinstance(back.figures[0], Figure)


def test_recombine_with_the_cross_article_step(filled: Store) -> None:
    from lagebild.store.combining import recombine

    result = recombine(filled)
    merged = [e for e in result.events if {s.doc_id for s in e.sources} == {"beispiel-a", "beispiel-b"}]
    assert len(merged) == 1  # the two reports of the Aleppo strike are one event
    event = filled.event(merged[0].id)
    assert event is not None and (event["fatalities"]["low"], event["fatalities"]["high"]) == (12, 50)
    assert any(set(s["doc_ids"]) == {"beispiel-a", "beispiel-b"} for s in filled.stories().items)
