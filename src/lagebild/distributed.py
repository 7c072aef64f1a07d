"""Run the per-article pipeline in parallel: a local process pool, or a Dask cluster.

:func:`run_pipeline` is the map step of a batch: it takes articles, or shards (JSONL, WARC, feed or text
files, one task each, read where the task runs), and yields a :class:`~lagebild.model.Document` for
every article and an :class:`~lagebild.errors.InputError` for every item that could not be read or
analysed, **in input order**, as results arrive. The results are the same whichever way it runs:

* ``workers=1`` (default): in this process, one article after another;
* ``workers=N``: a pool of N local processes (each loads the models once);
* ``scheduler="tcp://host:8786"`` (or a ``dask.distributed.Client``): tasks go to a Dask cluster
  (``dask scheduler`` / ``dask worker``, or dask-jobqueue on Slurm, dask-kubernetes). Workers need
  lagebild installed and, for shards, the files at the same paths (a shared file system).

Cross-article steps (near-duplicates, stories, event merging) need all documents and run after the map
step, on the caller's side, exactly as after a single-process run.

Documents computed in another process come back without the spaCy ``nlp`` doc (it is large to ship and
every fact is already in the Document's lists); in-process runs keep it.

Example::

    from lagebild.distributed import run_pipeline
    from lagebild.ingest import read_paths

    articles = [a for a in read_paths(["news.jsonl"]) if not isinstance(a, Exception)]
    for doc in run_pipeline(articles, workers=2):
        print(doc.id, len(doc.events))
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from lagebild.errors import ConfigError, InputError, ModelError
from lagebild.model import Article, Document

Unit = tuple[str, Any]  # ("articles", [Article, ...]) or ("shard", "path")
Wire = list[Document | tuple[type[InputError], str, str]]

BATCH_SIZE = 16
"""Articles per task: large enough that task overhead is small, small enough to keep workers busy."""

_PIPELINES: dict[tuple[str, ...] | None, Any] = {}


class _Future(Protocol):
    def result(self) -> Any: ...


def _pipeline(stages: tuple[str, ...] | None) -> Any:
    """The pipeline of this process for ``stages`` (None: the default), built once per process."""
    from lagebild.pipeline import Pipeline, default_pipeline

    if stages not in _PIPELINES:
        _PIPELINES[stages] = Pipeline(stages=stages) if stages else default_pipeline()
    return _PIPELINES[stages]


def analyse_one(article: Article, stages: tuple[str, ...] | None = None) -> Document | InputError:
    """One article through the pipeline; a failure becomes an InputError naming the article."""
    try:
        doc: Document = _pipeline(stages)(article)
        return doc
    except (ConfigError, ModelError):  # broken set-up: every article would fail the same way
        raise
    except Exception as exc:  # one bad article must not end a batch of thousands
        name = article.url or article.id
        return InputError(name, f"analysis failed ({type(exc).__name__}: {exc})")


def _articles_of(unit: Unit, read_options: dict[str, Any]) -> Iterator[Article | InputError]:
    kind, payload = unit
    if kind == "articles":
        yield from payload
    else:
        from lagebild.ingest import read_paths

        yield from read_paths([payload], **read_options)


def _local_results(unit: Unit, stages: tuple[str, ...] | None,
                   read_options: dict[str, Any]) -> Iterator[Document | InputError]:
    for item in _articles_of(unit, read_options):
        yield item if isinstance(item, InputError) else analyse_one(item, stages)


def process_unit(unit: Unit, stages: tuple[str, ...] | None, read_options: dict[str, Any]) -> Wire:
    """Run one task where it is scheduled; the results in a form that pickles (errors as tuples)."""
    out: Wire = []
    for result in _local_results(unit, stages, read_options):
        if isinstance(result, InputError):
            out.append((type(result), result.item, result.reason))
        else:
            result.nlp = None
            out.append(result)
    return out


def _unwire(results: Wire) -> Iterator[Document | InputError]:
    for result in results:
        if isinstance(result, tuple):
            cls, item, reason = result
            yield cls(item, reason)
        else:
            yield result


def make_units(items: Iterable[Article | str | Path], batch_size: int = BATCH_SIZE) -> Iterator[Unit]:
    """Tasks in input order: runs of articles in batches, and one task per shard (file path)."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            batch.append(item)
            if len(batch) >= batch_size:
                yield ("articles", batch)
                batch = []
        elif isinstance(item, str | Path):
            if batch:
                yield ("articles", batch)
                batch = []
            yield ("shard", str(item))
        else:
            raise ConfigError(f"run_pipeline takes Articles or file paths, not {type(item).__name__}")
    if batch:
        yield ("articles", batch)


def _pool_context() -> Any:
    import multiprocessing

    # fork starts workers in milliseconds with the parent's imports; elsewhere spawn is the safe choice
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _ordered(submit: Any, units: Iterator[Unit], window: int) -> Iterator[Document | InputError]:
    """Submit units keeping ``window`` in flight; yield results in submission order."""
    pending: deque[_Future] = deque()
    for unit in units:
        pending.append(submit(unit))
        if len(pending) >= window:
            yield from _unwire(pending.popleft().result())
    while pending:
        yield from _unwire(pending.popleft().result())


def run_pipeline(
    articles_or_shards: Iterable[Article | str | Path],
    workers: int = 1,
    scheduler: str | Any | None = None,
    stages: Iterable[str] | None = None,
    batch_size: int = BATCH_SIZE,
    **read_options: Any,
) -> Iterator[Document | InputError]:
    """Documents (and InputErrors) for articles or shards, in input order, as they are finished.

    ``workers``: local processes (1 = this process). ``scheduler``: a Dask scheduler address
    (``tcp://host:8786``) or a ``dask.distributed.Client``; it wins over ``workers``. ``stages``: a
    partial pipeline (default: the default pipeline). ``read_options`` (published, source …) apply to
    the articles read from shards, as in :func:`lagebild.ingest.read_paths`.
    """
    stage_names = tuple(stages) if stages else None
    if stage_names:
        _pipeline(stage_names)  # a wrong stage name fails here, before any work is sent out
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    units = make_units(articles_or_shards, batch_size)
    if scheduler is not None:
        return _run_dask(units, scheduler, stage_names, read_options)
    if workers == 1:
        return _run_here(units, stage_names, read_options)
    return _run_pool(units, workers, stage_names, read_options)


def _run_here(units: Iterator[Unit], stages: tuple[str, ...] | None,
              read_options: dict[str, Any]) -> Iterator[Document | InputError]:
    for unit in units:
        yield from _local_results(unit, stages, read_options)


def _run_pool(units: Iterator[Unit], workers: int, stages: tuple[str, ...] | None,
              read_options: dict[str, Any]) -> Iterator[Document | InputError]:
    executor: Executor = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
    try:
        yield from _ordered(lambda unit: executor.submit(process_unit, unit, stages, read_options),
                            units, window=workers * 3)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _run_dask(units: Iterator[Unit], scheduler: Any, stages: tuple[str, ...] | None,
              read_options: dict[str, Any]) -> Iterator[Document | InputError]:
    from distributed import Client

    own = isinstance(scheduler, str)
    try:
        client = Client(scheduler, timeout=30) if own else scheduler
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        yield from _ordered(
            lambda unit: client.submit(process_unit, unit, stages, read_options, pure=False),
            units, window=max(4, threads * 3),
        )
    finally:
        if own:
            client.close()


def available_cores() -> int:
    """Cores this process may use (respects CPU affinity and container limits where visible)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


__all__ = ["BATCH_SIZE", "analyse_one", "available_cores", "make_units", "process_unit", "run_pipeline"]
