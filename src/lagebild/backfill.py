"""Bulk backfill on a Dask cluster: analyse many articles on the workers, write them to the store there.

:func:`backfill` is ``lagebild backfill``. Its stages, in order:

1. **read** the inputs lazily on the caller's side (JSONL shards, WARC files, feeds, text files:
   :func:`lagebild.ingest.read_paths`), one article at a time; the workers need no access to them;
2. **skip** what the store already holds from this pipeline (one text-hash lookup per article), so a
   backfill started again continues where it stopped;
3. **partition** the rest into runs of ``partition_size`` articles and submit each as one task, keeping
   a bounded number in flight (memory stays flat however large the input);
4. on a worker, **analyse** the partition's articles and **write** them with their facts in one
   transaction (:func:`lagebild.store.bulk.write_documents`: insert-or-nothing on the text hash);
5. when every partition is in, **combine** once: the arrived articles join stories and combined events
   incrementally (:func:`lagebild.store.streaming.combine_incrementally`), or everything is rebuilt
   when the store's combine state does not cover what it held before.

A worker that dies mid-partition is safe: Dask runs its task again elsewhere, and the write of the
retried partition inserts only what the first attempt did not commit. Which articles arrived is known
from what was submitted (step 2), not from what a task reports, so a partition whose results were lost
with its worker after it had committed still joins the combine.

Example::

    from lagebild.backfill import backfill

    summary = backfill(["shards/"], "postgresql://lagebild@db:5432/lagebild", scheduler="tcp://sched:8786")
    print(summary.as_dict())
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.errors import ConfigError, InputError, ModelError, StoreError
from lagebild.model import Article
from lagebild.store.commands import EXIT_BAD_ITEMS, db_option

PARTITION_SIZE = 64
"""Articles per task: one transaction each; large enough that a task's set-up is a small share."""

_STORES: dict[str, Any] = {}


@dataclass(frozen=True)
class PartitionResult:
    """What one task did: (content hash, outcome) per article it wrote, and (item, reason) per failure."""

    written: tuple[tuple[str, str], ...]
    failed: tuple[tuple[str, str], ...]
    seconds: float


@dataclass
class BackfillSummary:
    """Counts per outcome, the failures with their reasons, and how the combine ran."""

    read: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    stale: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    partitions: int = 0
    workers: int = 0
    combine: str | None = None  # "incremental", "full" or None (not run)
    seconds: float = 0.0
    combine_seconds: float = 0.0
    words: int = 0  # whitespace words of the articles sent for analysis

    def as_dict(self) -> dict[str, Any]:
        return {"read": self.read, "new": self.new, "updated": self.updated, "duplicate": self.duplicate,
                "stale": self.stale, "failed": [{"item": i, "reason": r} for i, r in self.failed],
                "partitions": self.partitions, "workers": self.workers, "combine": self.combine,
                "seconds": round(self.seconds, 2), "combine_seconds": round(self.combine_seconds, 2),
                "words": self.words}


def pipeline_version(stages: tuple[str, ...] | None = None) -> str:
    """The version string the pipeline of ``stages`` (default: the default stages) writes into each
    Document, without loading its models: the caller's skip check needs it before any task runs."""
    from lagebild import __version__
    from lagebild.pipeline import DEFAULT_STAGES, check_contracts

    names = tuple(stages) if stages else DEFAULT_STAGES
    check_contracts(names)  # an unknown stage fails here, before any work is sent out
    return f"lagebild {__version__}: " + " > ".join(names)


def _store(db: str) -> Any:
    """This process's store at ``db``, opened once (without migrating: the caller did)."""
    from lagebild.store import Store

    if db not in _STORES:
        _STORES[db] = Store.open(db, migrate=False)
    return _STORES[db]


def write_partition(db: str, articles: list[Article], stages: tuple[str, ...] | None = None) -> PartitionResult:
    """The task: analyse ``articles`` and write them to the store at ``db`` in one transaction.
    Running it again (a retry) writes nothing twice. A broken set-up (a missing model) raises."""
    from lagebild.distributed import analyse_one
    from lagebild.store.bulk import write_documents

    started = time.perf_counter()
    documents = []
    failed: list[tuple[str, str]] = []
    for article in articles:
        result = analyse_one(article, stages)
        if isinstance(result, InputError):
            failed.append((result.item, result.reason))
        else:
            result.nlp = None
            documents.append(result)
    outcomes = write_documents(_store(db), documents)
    written: list[tuple[str, str]] = []
    for doc, outcome in zip(documents, outcomes, strict=True):
        if isinstance(outcome, StoreError):
            failed.append((doc.article.url or doc.id, str(outcome)))
        else:
            written.append((doc.article.content_hash, outcome))
    return PartitionResult(tuple(written), tuple(failed), time.perf_counter() - started)


def _partition_key(articles: list[Article]) -> str:
    """A task key from the partition's content: the same partition submitted again is the same task."""
    digest = hashlib.sha256("".join(a.content_hash for a in articles).encode("ascii")).hexdigest()[:24]
    return f"lagebild-backfill-{digest}"


def _client(scheduler: str | Any | None, workers: int) -> tuple[Any, Callable[[], None]]:
    """A Dask client for ``scheduler`` (address or Client), else one on a LocalCluster of ``workers``
    processes; with the function that closes what was opened here."""
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        return scheduler, lambda: None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        return client, client.close
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)

    def close() -> None:
        client.close()
        cluster.close()

    return client, close


def backfill(
    paths: Iterable[str | Path],
    db: str,
    scheduler: str | Any | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    stages: Iterable[str] | None = None,
    combine: bool = True,
    on_progress: Callable[[int, str], None] | None = None,
    **read_options: Any,
) -> BackfillSummary:
    """Analyse the articles of ``paths`` on a Dask cluster and store them in ``db``; then combine once.

    ``scheduler``: a Dask scheduler address (``tcp://host:8786``) or a ``distributed.Client``; without
    one a LocalCluster of ``workers`` processes runs here. ``partition_size``: articles per task (one
    transaction each). ``read_options`` (source, published …) apply to every article read.
    ``on_progress(articles, outcome)`` is called as articles are skipped, written or failed.
    """
    from distributed import as_completed

    from lagebild.store import Store

    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if partition_size < 1:
        raise ConfigError(f"partition_size must be at least 1, not {partition_size}")
    stage_names = tuple(stages) if stages else None
    version = pipeline_version(stage_names)
    notify = on_progress or (lambda count, outcome: None)
    summary = BackfillSummary()
    started = time.perf_counter()
    submitted: dict[str, str] = {}  # content hash -> "new" or "updated", as found before submitting
    with Store.open(db) as store:
        client, close = _client(scheduler, workers)
        try:
            summary.workers = len(client.nthreads())
            window = max(4, 2 * sum(client.nthreads().values()))
            partitions = _partitions(_to_analyse(store, paths, version, submitted, summary, notify, read_options),
                                     partition_size)
            running = as_completed()
            sizes: dict[str, int] = {}

            def submit_next() -> bool:
                articles = next(partitions, None)
                if articles is None:
                    return False
                future = client.submit(write_partition, store.url, articles, stage_names,
                                       key=_partition_key(articles), retries=2)
                sizes[future.key] = len(articles)
                summary.partitions += 1
                summary.words += sum(len(a.text.split()) for a in articles)
                running.add(future)
                return True

            while len(sizes) < window and submit_next():
                pass
            for future in running:
                _collect(future, sizes.pop(future.key), summary, notify)
                submit_next()
        finally:
            close()
        _count_arrivals(store, submitted, summary)
        if combine:
            combine_started = time.perf_counter()
            summary.combine = _combine(store, submitted)
            summary.combine_seconds = time.perf_counter() - combine_started
    summary.seconds = time.perf_counter() - started
    return summary


def _to_analyse(store: Any, paths: Iterable[str | Path], version: str, submitted: dict[str, str],
                summary: BackfillSummary, notify: Callable[[int, str], None],
                read_options: dict[str, Any]) -> Iterator[Article]:
    """The articles read that the store does not hold from this pipeline (stage 2)."""
    from lagebild.ingest import read_paths

    for item in read_paths(paths, **read_options):
        summary.read += 1
        if isinstance(item, InputError):
            summary.failed.append((item.item, item.reason))
            notify(1, "failed")
            continue
        status = "duplicate" if item.content_hash in submitted else store.analysis_status(item, version)
        if status in ("duplicate", "stale"):
            setattr(summary, status, getattr(summary, status) + 1)
            notify(1, status)
            continue
        submitted[item.content_hash] = status
        yield item


def _partitions(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(future: Any, size: int, summary: BackfillSummary, notify: Callable[[int, str], None]) -> None:
    """Take in one finished task; a task that failed for good counts its articles as failed."""
    try:
        result: PartitionResult = future.result()
    except (ConfigError, ModelError):  # a broken set-up: every partition would fail the same way
        raise
    except Exception as exc:  # noqa: BLE001 - a partition lost for good (its workers kept dying, the store failed)
        summary.failed.append((future.key, f"{size} articles not stored: {type(exc).__name__}: {exc}"))
        notify(size, "failed")
        return
    summary.failed.extend(result.failed)
    notify(len(result.written), "written")
    if result.failed:
        notify(len(result.failed), "failed")


def _count_arrivals(store: Any, submitted: dict[str, str], summary: BackfillSummary) -> None:
    """Count new and updated articles from what was submitted and is now stored from this run."""
    for content_hash, status in list(submitted.items()):
        if store.stored_id(content_hash) is None:
            del submitted[content_hash]  # its analysis or its partition failed: reported as failed
        elif status == "new":
            summary.new += 1
        else:
            summary.updated += 1


def _combine(store: Any, submitted: dict[str, str]) -> str | None:
    """Join the arrived articles to stories and combined events (incrementally where the store's
    combine state allows, else a full rebuild); None when nothing arrived and the state is current."""
    from lagebild.store.streaming import combine_incrementally, recombine

    ids = {content_hash: store.stored_id(content_hash) for content_hash in submitted}
    updated = [doc_id for h, doc_id in ids.items() if doc_id and submitted[h] == "updated"]
    arrived = sorted(doc_id for doc_id in ids.values() if doc_id)
    documents = [doc for start in range(0, len(arrived), 500) for doc in store.documents(arrived[start:start + 500])]
    if documents and combine_incrementally(store, documents, updated):
        return "incremental"
    if documents or not combine_incrementally(store, [], []):
        recombine(store)
        return "full"
    return None


@click.command(name="backfill")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--scheduler", metavar="URL", help="Dask scheduler (tcp://host:8786); without it a LocalCluster runs here.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the LocalCluster (ignored with --scheduler).")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION_SIZE, show_default=True,
              help="Articles per task, written in one transaction.")
@click.option("--source", help="Source name for inputs that do not carry one.")
@click.option("--no-combine", is_flag=True, help="Store only; leave stories and combined events for later.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def backfill_command(paths: tuple[str, ...], db: str, scheduler: str | None, workers: int, partition_size: int,
                     source: str | None, no_combine: bool, as_json: bool, quiet: bool) -> None:
    """Analyse a bulk of articles (JSONL shards, WARC files, folders) on a Dask cluster into the store.

    Each task analyses a partition of articles and writes it in one transaction; a task retried after
    its worker died writes nothing twice. Articles already stored from this pipeline are skipped, so
    a backfill started again continues. Stories and combined events are joined once at the end. The
    workers need lagebild installed and access to the database, not to the input files. Exit code 3
    when some items failed (the others are stored).

    \b
    Example:
      lagebild backfill shards/ --workers 2 --db var/lagebild.sqlite
      lagebild backfill CC-NEWS-*.warc.gz --scheduler tcp://scheduler:8786 \\
          --db postgresql://lagebild@db:5432/lagebild
    """
    import json

    from rich.console import Console

    from lagebild.progress import progress_bar

    options = {"source": source} if source else {}
    with progress_bar("backfill", Console(stderr=True), quiet) as bar:

        def advance(count: int, outcome: str) -> None:
            bar(count, f"{outcome:9}")

        summary = backfill(paths, db, scheduler=scheduler, workers=workers, partition_size=partition_size,
                           combine=not no_combine, on_progress=advance, **options)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        for key, value in summary.as_dict().items():
            click.echo(f"{key:>10}: {len(value) if key == 'failed' else value}")
        for item, reason in summary.failed:
            click.echo(f"lagebild: failed {item}: {reason}", err=True)
    if summary.failed:
        sys.exit(EXIT_BAD_ITEMS)


__all__ = ["PARTITION_SIZE", "BackfillSummary", "PartitionResult", "backfill", "backfill_command", "pipeline_version",
           "write_partition"]
