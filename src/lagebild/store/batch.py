"""Ingest a batch: read articles, analyse the ones the store does not have yet, store them, then join
the new ones to stories and combined events (:mod:`lagebild.store.streaming`: only their candidates are
read; a store whose combine state does not cover what it holds is rebuilt in full once).

The store is asked before the pipeline runs, so re-ingesting a corpus costs one hash lookup per
article. A bad item (unreadable file, broken JSON line, an analysis that fails) is counted with its
reason and the batch goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lagebild.errors import InputError, LagebildError
from lagebild.model import Article, Document
from lagebild.store.store import CombineResult, Store


@dataclass
class IngestSummary:
    """What a batch did: counts per outcome and the reason of each failure."""

    read: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    stale: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    combined: CombineResult | None = None
    combine: str | None = None  # "incremental" or "full" (a rebuild over everything stored)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "read": self.read, "new": self.new, "updated": self.updated, "duplicate": self.duplicate,
            "stale": self.stale, "failed": [{"item": item, "reason": reason} for item, reason in self.failed],
        }
        if self.combine is not None:
            out["combine"] = self.combine
        if self.combined is not None:
            out["stories"] = len(self.combined.stories)
            out["events"] = len(self.combined.events)
            out["duplicates"] = len(self.combined.duplicates)
        return out


Analyse = Callable[[Iterable[Article]], Iterator[Document | LagebildError]]


def serial_analysis(pipeline: Callable[[Article], Document]) -> Analyse:
    """Analyse in this process, one article after the other."""

    def analyse(articles: Iterable[Article]) -> Iterator[Document | LagebildError]:
        for article in articles:
            try:
                yield pipeline(article)
            except LagebildError as exc:
                yield InputError(article.id, f"analysis failed: {exc}")
            except Exception as exc:  # noqa: BLE001 - one hostile article must not stop the batch
                yield InputError(article.id, f"analysis failed: {type(exc).__name__}: {exc}")

    return analyse


def parallel_analysis(workers: int, scheduler: str | None) -> Analyse | None:
    """Analysis in a local process pool or on a Dask cluster (``lagebild.distributed.run_pipeline``),
    or None where that module is not installed."""
    try:
        distributed = importlib.import_module("lagebild.distributed")
    except ModuleNotFoundError:
        return None
    run_pipeline = getattr(distributed, "run_pipeline", None)
    if run_pipeline is None:
        return None

    def analyse(articles: Iterable[Article]) -> Iterator[Document | LagebildError]:
        yield from run_pipeline(articles, workers=workers, scheduler=scheduler)

    return analyse


def ingest_items(
    store: Store,
    items: Iterable[Article | InputError],
    analyse: Analyse,
    pipeline_version: str,
    on_item: Callable[[str, str], None] | None = None,
    combine: bool = True,
) -> IngestSummary:
    """Store the analysis of every article in ``items`` that the store does not hold from this
    pipeline. ``on_item(item, outcome)`` is called once per item (for progress bars). When anything
    changed — or nothing was ever combined — the cross-article step runs over the whole store."""
    summary = IngestSummary()
    notify = on_item or (lambda item, outcome: None)

    def to_analyse() -> Iterator[Article]:
        for item in items:
            summary.read += 1
            if isinstance(item, InputError):
                summary.failed.append((item.item, item.reason))
                notify(item.item, "failed")
                continue
            status = store.analysis_status(item, pipeline_version)
            if status in ("duplicate", "stale"):
                setattr(summary, status, getattr(summary, status) + 1)
                notify(item.id, status)
                continue
            yield item

    stored: list[Document] = []
    updated: list[str] = []
    for result in analyse(to_analyse()):
        if isinstance(result, LagebildError):
            item = getattr(result, "item", "?")
            summary.failed.append((item, getattr(result, "reason", str(result))))
            notify(item, "failed")
            continue
        try:
            outcome = store.ingest(result)
        except LagebildError as exc:
            summary.failed.append((result.id, str(exc)))
            notify(result.id, "failed")
            continue
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        notify(result.id, outcome)
        if outcome in ("new", "updated"):
            stored.append(_stored_ids(result, store))
            if outcome == "updated":
                updated.append(stored[-1].id)
    if combine:
        from lagebild.store.streaming import combine_incrementally, recombine

        if stored and combine_incrementally(store, stored, updated):
            summary.combine = "incremental"
        elif stored or not combine_incrementally(store, [], []):
            summary.combined = recombine(store)
            summary.combine = "full"
    return summary


def _stored_ids(doc: Document, store: Store) -> Document:
    """The document as stored: a re-analysed text keeps the id it was first stored under."""
    stored_id = store.stored_id(doc.article.content_hash)
    if stored_id is None or stored_id == doc.id:
        return doc
    stored = store.document(stored_id)
    return stored if stored is not None else doc
