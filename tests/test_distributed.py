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
