"""Incremental combine in the store: the same stories, combined events and near-duplicates as the batch
computation; late, updated and re-analysed articles; ``lagebild recombine``; migration 0002."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from lagebild.combine import combine
from lagebild.model import (
    Article,
    CombinedEvent,
    Document,
    Event,
    EventDate,
    EventPlace,
    Fatalities,
    Figure,
    Mention,
    Story,
)
from lagebild.store import EventFilter, Store
from lagebild.store.batch import ingest_items
from lagebild.store.models import CombineMetaRow, EventStateRow, StoryTermRow
from lagebild.store.streaming import combine_incrementally, recombine

ALEPPO = EventPlace("Aleppo", "Aleppo", "SY", 36.20, 37.16, 1)
KABUL = EventPlace("Kabul", "Kabul", "AF", 34.53, 69.17, 1)
MOSUL = EventPlace("Mossul", "Mosul", "IQ", 36.34, 43.13, 1)
PIPELINE = "lagebild 9.9.9: test"

# Invented articles, written for these tests: three incidents, each told by several sources, an update
# of one report (a near-duplicate published a day later) and a wire copy of another.
ALEPPO_TEXT = ("Bei einem Luftangriff auf ein Krankenhaus in Aleppo sind am Montag nach Angaben von Helfern "
               "{n} Menschen getötet worden. Die Rettungskräfte suchten in den Trümmern des Krankenhauses "
               "nach Verschütteten. Die Beobachtungsstelle für Menschenrechte machte die Luftwaffe für den "
               "Angriff verantwortlich. Anwohner berichteten von schweren Explosionen im Osten der Stadt.")
ALEPPO_OTHER = ("Die Weißhelme meldeten {n} Tote nach dem Luftangriff auf das Krankenhaus von Aleppo. Die "
                "Luftwaffe habe das Krankenhaus mehrfach bombardiert, Rettungskräfte bargen Verschüttete aus "
                "den Trümmern im Osten der Stadt.")
KABUL_TEXT = ("Ein Selbstmordattentäter hat sich vor dem Innenministerium in Kabul in die Luft gesprengt und "
              "{n} Polizisten getötet. Die Taliban bekannten sich zu dem Anschlag auf das Ministerium. "
              "Sicherheitskräfte sperrten das Regierungsviertel der afghanischen Hauptstadt ab.")
MOSUL_TEXT = ("Bei Gefechten um die Altstadt von Mossul hat die irakische Armee nach eigenen Angaben {n} "
              "Kämpfer der Miliz getötet. Die Offensive auf die letzten Stellungen der Miliz in der Altstadt "
              "dauert seit Wochen an, Tausende Zivilisten sind auf der Flucht.")

MOSUL_OTHER = ("Die irakische Armee meldete am Donnerstag {n} getötete Kämpfer der Miliz in der Altstadt von "
               "Mossul. Ihre Offensive auf die Stellungen der Miliz komme voran, erklärte ein Sprecher.")
MOSUL_LATE = ("In der Altstadt von Mossul haben Soldaten der irakischen Armee nach Angaben eines Offiziers {n} "
              "Kämpfer getötet. Die Miliz verteidigt ihre letzten Stellungen in der Altstadt.")


def article(doc_id: str, template: str, n: int, day: str, place: EventPlace, event_type: str, sub_type: str,
            event_day: str | None = None, prefix: str = "") -> Document:
    """An invented article with one event carrying one killed figure."""
    body = prefix + template.format(n=n)
    art = Article(text=body, id=doc_id, published=day, source=f"Quelle {doc_id}", title=body.split(".")[0][:60])
    at = body.index(str(n))
    figure = Figure(doc_id, at, at + len(str(n)), str(n), n, n, "exact", "killed", Mention(0, 3, body[:3]))
    end = body.index(".") + 1
    event = Event(doc_id, 0, end, body[:end], event_type, sub_type, place=place,
                  date=EventDate(event_day or day, 1), fatalities=Fatalities(n, n, (figure,)),
                  actor1="Testakteur " + place.text if place.text else None)
    return Document(article=art, pipeline=PIPELINE, figures=[figure], events=[event], sentences=[(0, len(body))])


def corpus() -> list[Document]:
    air, strike = "Explosions/Remote violence", "Air/drone strike"
    return [
        article("aleppo-1", ALEPPO_TEXT, 12, "2024-03-11", ALEPPO, air, strike),
        article("kabul-1", KABUL_TEXT, 8, "2024-03-11", KABUL, "Explosions/Remote violence", "Suicide bomb"),
        article("aleppo-2", ALEPPO_OTHER, 18, "2024-03-12", ALEPPO, air, strike, event_day="2024-03-11"),
        article("mosul-1", MOSUL_TEXT, 40, "2024-03-12", MOSUL, "Battles", "Armed clash"),
        article("aleppo-1-update", ALEPPO_TEXT, 15, "2024-03-12", ALEPPO, air, strike, event_day="2024-03-11"),
        article("kabul-wire", KABUL_TEXT, 8, "2024-03-11", KABUL, "Explosions/Remote violence", "Suicide bomb",
                prefix="(Agentur) "),
        article("mosul-2", MOSUL_OTHER, 55, "2024-03-14", MOSUL, "Battles", "Armed clash",
                event_day="2024-03-13"),
    ]


def partition_of_stories(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.doc_ids) for s in stories}


def partition_of_events(events: list[CombinedEvent]) -> set[frozenset[str]]:
    return {frozenset(f"{s.doc_id}:{s.start}" for s in e.sources) for e in events}


def stored_duplicates(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(text("SELECT doc_id, duplicate_of FROM duplicates")).all())  # type: ignore[arg-type]


def ingest_in_batches(store: Store, docs: list[Document], size: int) -> None:
    for start in range(0, len(docs), size):
        part = [d for d in docs[start:start + size] if store.ingest(d) == "new"]
        assert combine_incrementally(store, part)


@pytest.fixture
def store(db_url: str) -> Any:
    with Store.open(db_url) as opened:
        yield opened


@pytest.mark.parametrize("size", [1, 3])
def test_incremental_equals_batch(store: Store, size: int) -> None:
    docs = corpus()
    ordered = sorted(docs, key=lambda d: d.article.published or "")
    ingest_in_batches(store, ordered, size)
    stories, events, duplicates = combine(corpus())
    assert stored_duplicates(store) == duplicates == {"aleppo-1": "aleppo-1-update", "kabul-1": "kabul-wire"}
    assert partition_of_stories(store.stored_stories()) == partition_of_stories(stories)
    assert partition_of_events(list(store.combined_events())) == partition_of_events(events)
    by_place = {e.place.name: e for e in store.combined_events() if e.place}
    assert by_place["Aleppo"].fatalities is not None
    assert (by_place["Aleppo"].fatalities.low, by_place["Aleppo"].fatalities.high) == (15, 18)
    assert len(by_place["Mosul"].sources) == 2


def test_recombine_saves_the_batch_result_and_ingest_goes_on(store: Store) -> None:
    docs = corpus()
    for doc in docs[:5]:
        store.ingest(doc)
    result = recombine(store)
    assert partition_of_events(list(result.events)) == partition_of_events(combine(docs[:5])[1])
    with store.session() as session:
        meta = dict(session.execute(select(CombineMetaRow.name, CombineMetaRow.value)).all())
        assert meta["articles"] == 5
        assert session.execute(select(StoryTermRow)).first() is not None
    rest = [d for d in docs[5:] if store.ingest(d) == "new"]
    assert combine_incrementally(store, rest)
    assert partition_of_events(list(store.combined_events())) == partition_of_events(combine(docs)[1])
    assert partition_of_stories(store.stored_stories()) == partition_of_stories(combine(docs)[0])


def test_state_out_of_step_asks_for_a_rebuild(store: Store) -> None:
    docs = corpus()
    store.ingest(docs[0])  # stored without combining
    store.ingest(docs[1])
    assert not combine_incrementally(store, [docs[1]])
    summary = ingest_items(store, [docs[2].article], lambda arts: iter([docs[2] for _ in arts]), PIPELINE)
    assert summary.combine == "full"
    summary = ingest_items(store, [docs[3].article], lambda arts: iter([docs[3] for _ in arts]), PIPELINE)
    assert summary.combine == "incremental"
    assert {d for s in store.stored_stories() for d in s.doc_ids} == {d.id for d in docs[:4]}


def test_late_article_reopens_only_what_it_touches(store: Store) -> None:
    docs = corpus()
    later = [article(f"kabul-may-{i}", KABUL_TEXT, 3 + i, f"2024-05-{10 + i:02d}", KABUL,
                     "Explosions/Remote violence", "Suicide bomb", prefix=f"Neuer Anschlag Nummer {i}. ")
             for i in range(1, 4)]
    ingest_in_batches(store, sorted(docs, key=lambda d: d.article.published or "") + later, 4)
    before = {e.id: e for e in store.combined_events()}
    late = article("mosul-late", MOSUL_LATE, 47, "2024-03-13", MOSUL, "Battles", "Armed clash")
    store.ingest(late)
    assert combine_incrementally(store, [late])
    after = {e.id: e for e in store.combined_events()}
    changed = {i for i in after if before.get(i) != after[i]} | (set(before) - set(after))
    assert len(changed) == 1
    (mosul,) = (after[i] for i in changed)
    assert {s.doc_id for s in mosul.sources} == {"mosul-1", "mosul-2", "mosul-late"}


def test_reanalysed_article_leaves_and_rejoins_its_events(store: Store) -> None:
    docs = sorted(corpus(), key=lambda d: d.article.published or "")
    ingest_in_batches(store, docs, 7)
    mosul = next(d for d in docs if d.id == "mosul-2")
    newer = replace(mosul, pipeline="lagebild 10.0.0: test", events=[replace(mosul.events[0], type="Battles",
                                                                              sub_type="Armed clash")])
    assert store.ingest(newer) == "updated"
    assert combine_incrementally(store, [newer], updated=[newer.id])
    events = [e for e in store.combined_events() if e.place and e.place.name == "Mosul"]
    assert len(events) == 1 and {s.doc_id for s in events[0].sources} == {"mosul-1", "mosul-2"}
    with store.session() as session:
        states = session.execute(select(EventStateRow.event_id)).scalars().all()
    assert sorted(states) == sorted(e.id for e in store.combined_events())


def test_recombine_command(tmp_path: Path) -> None:
    from lagebild.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    with Store.open(url) as opened:
        for doc in corpus():
            opened.ingest(doc)
    result = CliRunner().invoke(main, ["recombine", "--db", url])
    assert result.exit_code == 0, result.output
    assert "3 combined events" in result.output and "2 near-duplicates" in result.output
    with Store.open(url) as opened:
        assert len(list(opened.combined_events())) == 3


def test_migration_0002_keeps_data_and_goes_back(db_url: str) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    with Store.open(db_url, migrate=False) as store:
        config = Config()
        config.set_main_option("script_location", str(resources.files("lagebild.store").joinpath("migrations")))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
        assert store.revision() == "0001"
        assert "story_terms" not in store.tables()
        store.ingest(corpus()[0])  # the 0001 tables are all ingest writes
        store.migrate()
        assert {"story_terms", "term_df", "minhash_bands", "event_state", "event_stories"} <= set(store.tables())
        assert store.count_articles() == 1
        assert not combine_incrementally(store, [])  # no state for the stored article: a rebuild is due
        recombine(store)
        assert combine_incrementally(store, [])
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        assert "story_terms" not in store.tables() and store.count_articles() == 1


def test_counts_kept_by_triggers_follow_every_change(store: Store) -> None:
    """event_counts and actor_names (migrations 0003, 0005) stay equal to counting the tables, through
    incremental merges, re-opened events and a full rebuild."""
    docs = sorted(corpus(), key=lambda d: d.article.published or "")
    ingest_in_batches(store, docs, 2)

    def counted() -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        with store.engine.connect() as conn:
            return (
                sorted(conn.execute(text("SELECT type, sub_type, coalesce(country, ''), count(*) FROM events "
                                         "GROUP BY type, sub_type, coalesce(country, '')")).all()),
                sorted(conn.execute(text("SELECT type, sub_type, country, n FROM event_counts")).all()),
                sorted(conn.execute(text("SELECT name_folded, count(*) FROM event_actors GROUP BY name_folded")).all()),
                sorted(conn.execute(text("SELECT name_folded, n FROM actor_names")).all()),
            )

    events, kept_events, actors, kept_actors = counted()
    assert events == kept_events and actors == kept_actors and len(events) >= 2
    assert store.facets()["events"] == len(list(store.combined_events()))
    recombine(store)
    events, kept_events, actors, kept_actors = counted()
    assert events == kept_events and actors == kept_actors
    page = store.events(EventFilter(actor="testakteur kab"))
    assert page.total == 1 and page.items[0]["place"]["name"] == "Kabul"
