"""Across articles: near-duplicates, stories and one event per real event.

:func:`combine` runs the three steps over a batch of analysed documents::

    stories, events, duplicates = combine(documents)

1. :mod:`~lagebild.combine.dedup` – near-duplicates (wire copies, updated versions) by MinHash; the
   newest version is kept, the others are linked to it (``duplicates``: ``{doc_id: canonical_id}``).
2. :mod:`~lagebild.combine.stories` – streaming story clustering (TF-IDF of words and entities plus
   time) of the kept articles, in publication order; a linked duplicate belongs to its canonical
   article's story.
3. :mod:`~lagebild.combine.merge` – the events of the kept articles merged into
   :class:`~lagebild.model.CombinedEvent` objects, one per real event, with every source and every
   figure with its claimant.

:func:`combine_with_state` also returns what ``lagebild.store.streaming`` needs to go on incrementally
from this result (the store's ``recombine``). For streams in memory, use the incremental classes
directly: :class:`NearDuplicates`, :class:`StoryClusterer`, :class:`EventMerger`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from lagebild.combine.dedup import NearDuplicates, find_duplicates
from lagebild.combine.merge import BuilderState, EventMerger, merge_events
from lagebild.combine.stories import Cluster, StoryClusterer, cluster_stories
from lagebild.model import CombinedEvent, Document, Story

__all__ = [
    "CombineState",
    "EventMerger",
    "NearDuplicates",
    "StoryClusterer",
    "cluster_stories",
    "combine",
    "combine_with_state",
    "find_duplicates",
    "merge_events",
]


@dataclass
class CombineState:
    """What :func:`combine_with_state` returns: the batch result and the state an incremental combine
    (``lagebild.store.streaming``) continues from."""

    stories: list[Story]
    events: list[CombinedEvent]
    duplicates: dict[str, str]
    recent: list[tuple[str, str, int, Any, tuple[int, ...]]]  # near-duplicate window (see NearDuplicates.recent)
    arrivals: int
    live: list[Cluster]
    words_df: dict[str, int]
    words_docs: int
    entities_df: dict[str, int]
    entities_docs: int
    story_count: int
    event_states: list[BuilderState]
    event_count: int


def _order(doc: Document) -> str:
    return doc.article.published or ""


def combine(documents: Iterable[Document]) -> tuple[list[Story], list[CombinedEvent], dict[str, str]]:
    """Stories, combined events and near-duplicate links of a batch of analysed documents.

    Returns ``(stories, events, duplicates)`` where ``duplicates`` maps each linked article id to the id
    of the newest version that is kept.
    """
    result = combine_with_state(documents)
    return result.stories, result.events, result.duplicates


def combine_with_state(documents: Iterable[Document]) -> CombineState:
    """:func:`combine`, and what an incremental combine continues from: the near-duplicate window, the
    live story clusters with the document frequencies, every combined event's reports and window."""
    docs = sorted(documents, key=_order)  # stable: same-day articles keep their input order
    finder = NearDuplicates()
    for doc in docs:
        finder.add(doc.id, doc.text, doc.article.published)
    duplicates = finder.canonical()
    kept = [doc for doc in docs if doc.id not in duplicates]
    clusterer = StoryClusterer()
    story_of = {doc.id: clusterer.add(doc) for doc in kept}
    linked: dict[str, list[str]] = {}
    for doc_id, canonical in duplicates.items():
        linked.setdefault(story_of[canonical], []).append(doc_id)
    live, words_df, words_docs, entities_df, entities_docs, story_count = clusterer.state()
    stories = [replace(s, doc_ids=s.doc_ids + tuple(sorted(linked.get(s.id, ())))) for s in clusterer.flush()]
    merger = EventMerger(keep_state=True)
    for doc in kept:
        merger.add(doc, story_of[doc.id])
    events = merger.flush()
    return CombineState(stories, events, duplicates, finder.recent(), finder.arrivals, live, words_df,
                        words_docs, entities_df, entities_docs, story_count, merger.states(), merger.count)
