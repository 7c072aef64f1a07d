"""Parallel and distributed runs give the same results, in the same order, as one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lagebild.distributed import make_units, run_pipeline
from lagebild.errors import ConfigError, InputError
from lagebild.model import Article, Document
from lagebild.serialize import document_to_dict

# Invented sentences, combined into short invented articles.
PLACES = ["Nordhafen", "Westland", "Kessel", "Bergstadt", "Flussau"]
SENTENCES = [
    "Bei einem Angriff auf {p} sind am Montag nach Angaben der Behörden {n} Menschen getötet worden.",
    "„Die Lage ist dramatisch“, sagte ein Sprecher des Roten Kreuzes am Dienstag in {p}.",
    "Die Armee erklärte, sie habe die Stellungen der Rebellen nahe {p} zurückerobert.",
    "Nach Schätzungen der Vereinten Nationen sind seit Jahresbeginn mehr als {n}00 Familien aus {p} geflohen.",
    "Der Gouverneur sagte, die Rebellen hätten {n} Zivilisten verschleppt.",
]


def invented_articles(count: int) -> list[Article]:
    articles = []
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(p=place, n=i + 3) for k in range(3))
        articles.append(Article(text=text, published=f"2024-03-{1 + i % 28:02d}", source="Beispielzeitung"))
    return articles


def as_records(results: Iterator[Document | InputError]) -> list[dict[str, Any]]:
    out = []
    for result in results:
        if isinstance(result, InputError):
            out.append({"error": result.item, "reason": result.reason, "type": type(result).__name__})
        else:
            out.append(document_to_dict(result))
    return out


def default_stages() -> tuple[str, ...]:
    """Every stage of the default pipeline: one that cannot be built or run here fails the tests, it is
    never left out of the comparison."""
    from lagebild.pipeline import DEFAULT_STAGES, Pipeline

    doc = Pipeline(stages=DEFAULT_STAGES)(invented_articles(1)[0])
    assert doc.times and doc.figures and doc.quotes  # the invented sentences exercise the extractors
    return DEFAULT_STAGES


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return invented_articles(40)


@pytest.fixture(scope="module")
def stages() -> tuple[str, ...]:
    return default_stages()


@pytest.fixture(scope="module")
def single(articles: list[Article], stages: tuple[str, ...]) -> list[dict[str, Any]]:
    return as_records(run_pipeline(articles, stages=stages))


@pytest.fixture
def shards(tmp_path: Path, articles: list[Article]) -> list[Path]:
    paths = []
    for number in range(3):
        path = tmp_path / f"shard-{number}.jsonl"
        lines = [json.dumps({"text": a.text, "published": a.published, "source": a.source}, ensure_ascii=False)
                 for a in articles[number::3]]
        lines.insert(1, "{kein json")  # a bad line in every shard: an error in its place, the shard goes on
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_single_process_keeps_order(articles: list[Article], single: list[dict[str, Any]],
                                    stages: tuple[str, ...]) -> None:
    assert "tokens.v1" in stages
    assert [r["id"] for r in single] == [a.id for a in articles]
    assert all(r["pipeline"].endswith(" > ".join(stages)) for r in single)


def test_local_process_pool_matches_single_process(articles: list[Article], single: list[dict[str, Any]],
                                                   stages: tuple[str, ...]) -> None:
    assert as_records(run_pipeline(articles, workers=2, batch_size=3, stages=stages)) == single


def test_dask_local_cluster_matches_single_process(articles: list[Article], single: list[dict[str, Any]],
                                                   shards: list[Path], stages: tuple[str, ...]) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.nthreads()) == 2
        assert as_records(run_pipeline(articles, scheduler=client, batch_size=4, stages=stages)) == single
        from_cluster = as_records(run_pipeline(shards, scheduler=client, stages=stages))
    assert from_cluster == as_records(run_pipeline(shards, stages=stages))


def test_shards_are_read_where_they_run(shards: list[Path], single: list[dict[str, Any]],
                                       stages: tuple[str, ...]) -> None:
    pooled = as_records(run_pipeline(shards, workers=2, stages=stages))
    assert pooled == as_records(run_pipeline(shards, stages=stages))
    errors = [r for r in pooled if "error" in r]
    assert [e["error"] for e in errors] == [f"{path}:2" for path in shards]
    assert all("invalid JSON" in e["reason"] and e["type"] == "InputError" for e in errors)
    documents = [r for r in pooled if "error" not in r]
    assert sorted(d["id"] for d in documents) == sorted(r["id"] for r in single)
    by_id = {r["id"]: r for r in single}
    assert all(d == by_id[d["id"]] for d in documents)


def test_articles_and_shards_mixed_keep_input_order(articles: list[Article], shards: list[Path]) -> None:
    units = list(make_units([articles[0], articles[1], shards[0], articles[2]], batch_size=5))
    assert [kind for kind, _ in units] == ["articles", "shard", "articles"]
    assert units[0][1] == [articles[0], articles[1]]


def test_bad_configuration_is_refused(articles: list[Article]) -> None:
    with pytest.raises(ConfigError):
        run_pipeline(articles, stages=("no-such-stage.v1",))
    with pytest.raises(ConfigError):
        run_pipeline(articles, workers=0)
    with pytest.raises(ConfigError):
        list(run_pipeline([42]))  # type: ignore[list-item]


# --- bulk backfill: partitions analysed on the workers and written to the store there ---------------


def _jsonl(path: Path, articles: list[Article], bad_line: bool = False) -> Path:
    lines = [json.dumps({"text": a.text, "published": a.published, "source": a.source}, ensure_ascii=False)
             for a in articles]
    if bad_line:
        lines.insert(2, "{kein json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _expected_facts(articles: list[Article]) -> int:
    """Facts the store should hold for ``articles``: as many as one in-process analysis finds."""
    from lagebild.pipeline import default_pipeline
    from lagebild.store.store import FACT_KINDS

    pipeline = default_pipeline()
    return sum(len(getattr(pipeline(article), attribute)) for article in articles for attribute in FACT_KINDS)


def _counts(url: str) -> tuple[int, int, int, int]:
    """(articles, distinct texts, facts, distinct (article, kind, position)) in the store at ``url``."""
    from sqlalchemy import distinct, func, select

    from lagebild.store import Store
    from lagebild.store.models import ArticleRow, FactRow

    with Store.open(url) as store, store.session() as session:
        articles = session.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
        texts = session.execute(select(func.count(distinct(ArticleRow.content_hash)))).scalar_one()
        facts = session.execute(select(func.count()).select_from(FactRow)).scalar_one()
        places = session.execute(select(FactRow.doc_id, FactRow.kind, FactRow.position).distinct()).all()
    return articles, texts, facts, len(places)


def test_pipeline_version_is_known_without_loading_models(stages: tuple[str, ...]) -> None:
    from lagebild.backfill import pipeline_version
    from lagebild.pipeline import default_pipeline

    assert pipeline_version() == default_pipeline().version
    assert pipeline_version(stages[:2]).endswith("tokens.v1 > parse.v1")
    with pytest.raises(ConfigError):
        pipeline_version(("no-such-stage.v1",))


def test_partition_written_again_stores_nothing_twice(db_url: str, stages: tuple[str, ...]) -> None:
    """A retried task (its worker died after the commit) and a concurrent second writer add no row."""
    from concurrent.futures import ThreadPoolExecutor

    from lagebild.backfill import write_partition
    from lagebild.store import Store

    Store.open(db_url).close()  # the caller migrates; tasks open the store without migrating
    articles = invented_articles(8)
    first = write_partition(db_url, articles[:5], stages)
    assert [outcome for _, outcome in first.written] == ["new"] * 5 and not first.failed
    after_first = _counts(db_url)
    assert after_first[:2] == (5, 5) and after_first[2] == after_first[3] == _expected_facts(articles[:5])
    again = write_partition(db_url, articles[:5], stages)
    assert [outcome for _, outcome in again.written] == ["duplicate"] * 5
    assert _counts(db_url) == after_first
    with ThreadPoolExecutor(2) as pool:  # two writers of overlapping partitions at the same time
        results = list(pool.map(lambda part: write_partition(db_url, part, stages), [articles[3:], articles[3:]]))
    outcomes = sorted(outcome for result in results for _, outcome in result.written)
    assert outcomes.count("new") == 3 and outcomes.count("duplicate") == 7
    assert _counts(db_url) == (8, 8, _expected_facts(articles), _expected_facts(articles))


def test_partition_reports_an_article_whose_id_is_taken(tmp_path: Path, stages: tuple[str, ...]) -> None:
    from lagebild.backfill import write_partition
    from lagebild.store import Store

    url = f"sqlite:///{tmp_path / 'ids.sqlite'}"
    Store.open(url).close()
    one, other, third = invented_articles(3)
    write_partition(url, [Article(text=one.text, id="bericht-1")], stages)
    result = write_partition(url, [Article(text=other.text, id="bericht-1"), third, other], stages)
    assert [outcome for _, outcome in result.written] == ["new"]  # the repeat of a refused text is refused too
    assert [item for item, _ in result.failed] == ["bericht-1", other.id]
    assert all("already stored with a different text" in reason for _, reason in result.failed)


@pytest.mark.postgres
def test_backfill_survives_a_killed_worker(postgres_url: str, tmp_path: Path, stages: tuple[str, ...]) -> None:
    """Two worker processes, one killed while it runs a task: every article is stored once, with its
    facts once, and the arrived articles are combined."""
    import os
    import signal
    import threading
    import time

    from distributed import Client, LocalCluster

    from lagebild.backfill import BackfillSummary, backfill
    from lagebild.store import Store

    articles = invented_articles(60)
    shard = _jsonl(tmp_path / "backfill.jsonl", articles)
    outcome: dict[str, BackfillSummary | BaseException] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, Client(cluster.scheduler_address) as watcher:
        pids = watcher.run(os.getpid)
        assert len(pids) == 2 and os.getpid() not in pids.values()

        def run() -> None:
            try:
                outcome["summary"] = backfill([shard], postgres_url, scheduler=client, partition_size=5)
            except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
                outcome["summary"] = exc

        thread = threading.Thread(target=run)
        thread.start()
        victim = None
        deadline = time.monotonic() + 240
        while victim is None and time.monotonic() < deadline and thread.is_alive():
            executing = watcher.run(lambda dask_worker: [str(ts.key) for ts in dask_worker.state.executing])
            victim = next((address for address, keys in executing.items()
                           if any(k.startswith("lagebild-backfill-") for k in keys)), None)
            time.sleep(0.05)
        assert victim is not None, "no worker started a backfill task"
        os.kill(pids[victim], signal.SIGKILL)
        thread.join(timeout=400)
        assert not thread.is_alive()
        assert victim not in watcher.scheduler_info()["workers"] or watcher.run(os.getpid).get(victim) != pids[victim]
    summary = outcome["summary"]
    assert isinstance(summary, BackfillSummary), summary
    assert summary.failed == [] and summary.new == 60 and summary.partitions == 12
    assert summary.combine == "incremental"
    expected = _expected_facts(articles)
    assert _counts(postgres_url) == (60, 60, expected, expected)
    with Store.open(postgres_url) as store:
        stored = {doc.id for doc in store.documents()}
        members = [doc_id for story in store.stored_stories() for doc_id in story.doc_ids]
        sources = [(s.doc_id, s.start) for event in store.combined_events() for s in event.sources]
    assert sorted(members) == sorted(stored)  # every arrived article joined one story
    assert sources and len(sources) == len(set(sources))


def test_backfill_command_skips_what_is_stored(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lagebild.cli import main

    shard = _jsonl(tmp_path / "kurz.jsonl", invented_articles(6), bad_line=True)
    url = f"sqlite:///{tmp_path / 'backfill.sqlite'}"
    args = ["backfill", str(shard), "--db", url, "--workers", "1", "--partition-size", "4", "--json", "--quiet"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 3, first.output  # the bad line is reported, the articles are stored
    summary = json.loads(first.stdout)
    assert (summary["read"], summary["new"], summary["partitions"], summary["combine"]) == (7, 6, 2, "incremental")
    assert [f["item"] for f in summary["failed"]] == [f"{shard}:3"]
    again = json.loads(CliRunner().invoke(main, args).stdout)
    assert (again["new"], again["duplicate"], again["partitions"], again["combine"]) == (0, 6, 0, None)
    assert _counts(url)[:2] == (6, 6)


def test_backfill_refuses_bad_configuration(tmp_path: Path) -> None:
    from lagebild.backfill import backfill

    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    with pytest.raises(ConfigError):
        backfill([tmp_path], url, workers=0)
    with pytest.raises(ConfigError):
        backfill([tmp_path], url, partition_size=0)
    with pytest.raises(ConfigError):
        backfill([tmp_path], url, stages=("no-such-stage.v1",))
