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

For streams, use the incremental classes directly: :class:`NearDuplicates`, :class:`StoryClusterer`,
:class:`EventMerger`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from lagebild.combine.dedup import NearDuplicates, find_duplicates
from lagebild.combine.merge import EventMerger, merge_events
from lagebild.combine.stories import StoryClusterer, cluster_stories
from lagebild.model import CombinedEvent, Document, Story

__all__ = [
    "EventMerger",
    "NearDuplicates",
    "StoryClusterer",
    "cluster_stories",
    "combine",
    "find_duplicates",
    "merge_events",
]


def _order(doc: Document) -> str:
    return doc.article.published or ""


def combine(documents: Iterable[Document]) -> tuple[list[Story], list[CombinedEvent], dict[str, str]]:
    """Stories, combined events and near-duplicate links of a batch of analysed documents.

    Returns ``(stories, events, duplicates)`` where ``duplicates`` maps each linked article id to the id
    of the newest version that is kept.
    """
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
    stories = [replace(s, doc_ids=s.doc_ids + tuple(sorted(linked.get(s.id, ())))) for s in clusterer.flush()]
    merger = EventMerger()
    for doc in kept:
        merger.add(doc, story_of[doc.id])
    events = merger.flush()
    return stories, events, duplicates
