"""Benchmarks of the store at scale: ingest cost against store size, and the web page's queries on a
PostgreSQL store of a million events. The stores are generated once (``benchmarks.stores``) under
``var/bench-stores/`` and reused."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.sections import load_articles, peak_rss_mb
from benchmarks.stores import (
    ACTORS,
    COUNTRIES,
    PER_DAY,
    START,
    STORES,
    TYPES,
    analysed_templates,
    build_event_store,
    build_ingest_store,
    drop_database,
    ensure_database,
    postgres_server,
    scramble,
    settle,
)
from lagebild.model import Article

BATCH = 20


def _new_articles(published: str, seed: int) -> list[Article]:
    """20 Wikinews articles (not among the templates), lightly scrambled so that each run's are new."""
    rng = random.Random(seed)
    pool = load_articles()[200:]
    return [Article(text=scramble(a.text, rng, 0.15), id=f"new-{seed}-{i}", title=a.title, published=published,
                    source="bench") for i, a in enumerate(rng.sample(pool, BATCH))]


def _ingest_batch(url: str, size: int, pipeline: Any) -> dict[str, float]:
    from lagebild.store import Store
    from lagebild.store.streaming import combine_incrementally

    published = (START + timedelta(days=size // PER_DAY + 1)).isoformat()
    articles = _new_articles(published, time.time_ns() % 1_000_000_007)
    with Store.open(url) as store:
        started = time.perf_counter()
        docs = [pipeline(a) for a in articles]
        analysed = time.perf_counter()
        stored = [d for d in docs if store.ingest(d) == "new"]
        if not combine_incrementally(store, stored):
            raise RuntimeError(f"{store.display_url}: the combine state does not cover the store")
        done = time.perf_counter()
    return {"seconds": done - started, "store_seconds": done - analysed}


def _complete(url: str, table: str, wanted: int, where: str = "") -> bool:
    """Whether a generated store's build finished (its last rows are written)."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from lagebild.store import Store

    try:
        with Store.open(url, migrate=False) as store, store.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table} {where}")).scalar_one()) >= wanted
    except SQLAlchemyError:
        return False


def ingest_scale(short: bool, sizes: tuple[int, ...] | None = None,
                 backends: tuple[str, ...] = ("sqlite", "postgresql")) -> dict[str, Any]:
    """Seconds to ingest (analyse, store, combine) 20 new articles into stores of growing size: one
    untimed batch, then the median of 1 (short) or 3 timed batches per store (a fresh empty store for
    each batch of size 0)."""
    from lagebild.pipeline import Pipeline

    sizes = sizes or ((0, 4_000) if short else (0, 4_000, 40_000, 400_000))
    timed = 1 if short else 3
    pipeline = Pipeline()
    for article in load_articles(5):
        pipeline(article)  # warm-up: models load once
    templates: list[Any] = []
    figures: dict[str, Any] = {"batch": BATCH, "sizes": list(sizes), "timed_batches": timed,
                               "note": "large stores generated in bulk from analysed templates (benchmarks/stores.py)"}

    def template_docs() -> list[Any]:
        if not templates:
            templates.extend(analysed_templates(20, pipeline))
        return templates

    def measure(backend: str, url_for: Callable[[int], str]) -> None:
        base = None
        for size in sizes:
            _ingest_batch(url_for(size), size, pipeline)  # untimed: caches of this store
            runs = [_ingest_batch(url_for(size), size, pipeline) for _ in range(timed)]
            result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            base = base or result
            figures[f"{backend}[{size}].seconds"] = result["seconds"]
            figures[f"{backend}[{size}].store_seconds"] = result["store_seconds"]
            figures[f"{backend}[{size}].ratio_to_empty"] = result["seconds"] / base["seconds"]
            figures[f"{backend}[{size}].store_ratio_to_empty"] = result["store_seconds"] / base["store_seconds"]
            figures[f"{backend}[{size}].peak_rss_mb"] = peak_rss_mb()

    STORES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        def sqlite_url(size: int) -> str:
            if size == 0:
                return f"sqlite:///{Path(folder) / f'empty-{time.time_ns()}.sqlite'}"
            path = STORES / f"ingest-{size}.sqlite"
            if not path.exists():
                partial = path.with_suffix(".building")
                partial.unlink(missing_ok=True)
                build_ingest_store(f"sqlite:///{partial}", size, template_docs())
                partial.rename(path)
            return f"sqlite:///{path}"

        if "sqlite" in backends:
            measure("sqlite", sqlite_url)
    if "postgresql" not in backends:
        return figures
    try:
        with postgres_server(STORES / "pg") as server:
            def pg_url(size: int) -> str:
                if size == 0:
                    drop_database(server, "ingest_0")
                    return ensure_database(server, "ingest_0")[0]
                url, existed = ensure_database(server, f"ingest_{size}")
                if existed and not _complete(url, "combine_meta", 1, "WHERE name = 'articles'"):
                    drop_database(server, f"ingest_{size}")
                    url, existed = ensure_database(server, f"ingest_{size}")
                if not existed:
                    try:
                        build_ingest_store(url, size, template_docs())
                    except BaseException:
                        drop_database(server, f"ingest_{size}")
                        raise
                return url

            measure("postgresql", pg_url)
    except RuntimeError as exc:
        figures["postgresql"] = f"skipped: {exc}"
    return figures


def store_queries(short: bool) -> dict[str, Any]:
    """p50 and p95 milliseconds of the web page's queries on a PostgreSQL store of 1,000,000 events
    (20,000 short): bounding box, date range, event type, actor, one event with its sources, facets."""
    from lagebild.store import EventFilter, Store

    n = 20_000 if short else 1_000_000
    repeats = 20 if short else 60
    rng = random.Random(5)
    try:
        server_context = postgres_server(STORES / "pg")
        server = server_context.__enter__()
    except RuntimeError as exc:
        return {"postgresql": f"skipped: {exc}"}
    try:
        url, existed = ensure_database(server, f"events_{n}")
        if existed and not _complete(url, "events", n):
            drop_database(server, f"events_{n}")
            url, existed = ensure_database(server, f"events_{n}")
        if not existed:
            started = time.perf_counter()
            try:
                build_event_store(url, n)
            except BaseException:
                drop_database(server, f"events_{n}")
                raise
            with Store.open(url) as store:
                settle(store.engine)
            build_s = time.perf_counter() - started
        else:
            build_s = None
            with Store.open(url, migrate=False) as store:
                before = store.revision()
            with Store.open(url) as store:
                if store.revision() != before:  # new indexes: statistics for the planner
                    settle(store.engine)

        def boxes() -> EventFilter:
            country = rng.randrange(len(COUNTRIES))
            west, south = -10 + (country // 4) * 25 + rng.random() * 10, -10 + (country % 4) * 12 + rng.random() * 5
            return EventFilter(bbox=(west, south, west + 5, south + 3))

        def dates() -> EventFilter:
            day = START + timedelta(days=rng.randrange(3600))
            return EventFilter(date_from=day.isoformat(), date_to=(day + timedelta(days=30)).isoformat())

        def types() -> EventFilter:
            return EventFilter(type=rng.choice(TYPES)[0])

        def actors() -> EventFilter:
            return EventFilter(actor=rng.choice(ACTORS).split()[-1])

        figures: dict[str, Any] = {"events": n, "repeats": repeats, "build_seconds": build_s}
        with Store.open(url) as store:
            cases: dict[str, Callable[[], object]] = {
                "bbox": lambda: store.events(boxes(), limit=100),
                "date_range": lambda: store.events(dates(), limit=100),
                "event_type": lambda: store.events(types(), limit=100),
                "actor": lambda: store.events(actors(), limit=100),
                "event_with_sources": lambda: store.event(f"ev-{rng.randrange(n)}"),
                "facets": store.facets,
            }
            for name, query in cases.items():
                query()  # warm the cache once
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    query()
                    times.append(1000 * (time.perf_counter() - started))
                times.sort()
                figures[f"{name}.p50_ms"] = statistics.median(times)
                figures[f"{name}.p95_ms"] = times[min(len(times) - 1, int(0.95 * len(times)))]
        figures["peak_rss_mb"] = peak_rss_mb()
        return figures
    finally:
        server_context.__exit__(None, None, None)
