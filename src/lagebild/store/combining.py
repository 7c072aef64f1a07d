"""Run the cross-article step over what is stored and save its result.

``lagebild.combine.combine(documents)`` groups articles into stories, merges the reports of one real
event from several articles into one :class:`~lagebild.model.CombinedEvent` and finds near-duplicate
articles. Where that step is not installed, every reported event stays an event of its own
(:func:`single_report_events`), so the map and the exports still show everything that was extracted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lagebild.model import CombinedEvent, Document, EventSource
from lagebild.store.store import CombineResult, Store, as_combine_result  # noqa: F401 - Store: recombine's type


def single_report_events(documents: Iterable[Document]) -> CombineResult:
    """Each event of each article as a combined event with one source (no merging across articles)."""
    events: list[CombinedEvent] = []
    for doc in documents:
        article = doc.article
        for event in doc.events:
            key = f"{doc.id}:{event.start}:{event.end}:{event.type}"
            events.append(CombinedEvent(
                id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
                type=event.type, sub_type=event.sub_type, status=event.status, place=event.place,
                date=event.date, actors=tuple(a for a in (event.actor1, event.actor2) if a)
                or tuple(dict.fromkeys(m.text for m in event.actors)),
                fatalities=event.fatalities,
                sources=(EventSource(doc.id, event.start, event.end, event.text, article.published,
                                     article.source, article.url),),
                plover=event.plover,
            ))
    return CombineResult(events=tuple(events))


def combine_documents(documents: list[Document]) -> CombineResult:
    """The cross-article step over ``documents`` (``lagebild.combine.combine`` where installed)."""
    try:
        from lagebild.combine import combine  # type: ignore[attr-defined]
    except ImportError:
        return single_report_events(documents)
    return as_combine_result(combine(documents))


def recombine(store: Store) -> CombineResult:
    """Combine everything stored and save the result (replacing the previous one), with the state that
    incremental ingest continues from (:func:`lagebild.store.streaming.recombine`)."""
    from lagebild.store.streaming import recombine as rebuild

    return rebuild(store)
