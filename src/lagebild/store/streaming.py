"""Incremental combine: each new article joins a story and combined events on arrival, in the store.

``lagebild ingest`` no longer recomputes stories and combined events over everything stored. The
state the batch algorithms of :mod:`lagebild.combine` keep in memory lives in tables of its own
(migration 0002), and each arriving article reads only its candidates through indexes:

* **near-duplicates** – the LSH band keys of its MinHash signature (``minhash_bands``, primary key
  lookups); the signatures of the articles sharing a band are compared. When the article is the newest
  version of a group it takes the place of the older version: that version's reports leave their
  combined events (they are rebuilt from their other reports) and the article joins its story.
* **stories** – its heaviest words looked up in the inverted index of the stories' centroids
  (``story_terms`` by term and last day: only stories of its time window are read), the best of at
  most 30 candidates by the same time-decayed similarity as the batch clustering, with document
  frequencies read and counted for its own words only (``term_df`` by primary key).
* **combined events** – the events of the same type family and status whose date window overlaps its
  report's (``event_state`` by family, status and window), and those of its story (``event_stories``);
  the first that matches in the order the events were started, as in the batch merge. The joined
  event is rebuilt from its reports' stored events.

A late article (published before the newest) reads the stories and events of its own days, so it
re-opens only what it touches; a re-analysed article leaves its combined events and joins them again
with its new events. Memory per batch is bounded by the candidates read, whatever the store holds.

``lagebild recombine`` (:func:`recombine`) rebuilds everything with the batch computation
(:func:`lagebild.combine.combine_with_state`) and saves the state the next ingest continues from. Two
differences from the batch, both for size: the document frequencies are not pruned (the batch forgets
the rarest terms beyond 400,000 in memory), and signatures stay indexed beyond the batch's window of
20,000 articles. After a rebuild only the stories still live (updated within 14 days of the newest
article) keep their centroids.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from lagebild.combine import CombineState, combine_with_state
from lagebild.combine.dedup import NearDuplicates, band_keys
from lagebild.combine.merge import (
    BuilderState,
    EventMerger,
    add_report,
    builder_from_state,
    builder_state,
    combined_event,
    date_window,
    family,
    new_builder,
)
from lagebild.combine.stories import (
    Cluster,
    StoryClusterer,
    day_of,
    entity_terms,
    keywords,
    new_cluster,
    word_terms,
)
from lagebild.errors import StoreError
from lagebild.model import CombinedEvent, Document, Event, EventPlace, EventSource
from lagebild.store.codec import from_plain, to_plain
from lagebild.store.models import (
    ArticleRow,
    CombineMetaRow,
    DuplicateRow,
    EventActorRow,
    EventRow,
    EventSourceRow,
    EventStateRow,
    EventStoryRow,
    FactRow,
    MinhashBandRow,
    MinhashRow,
    StoryArticleRow,
    StoryRow,
    StoryStateRow,
    StoryTermRow,
    TermDfRow,
)
from lagebild.store.store import CombineResult, Store, _event_row

NO_DAY = 100_000_000  # the last day of a story without dated articles: it stays a candidate, as in the batch
TERM_LENGTH = 255
STATE_TABLES = (CombineMetaRow, TermDfRow, StoryStateRow, StoryTermRow, MinhashRow, MinhashBandRow, EventStateRow,
                EventStoryRow)
_LOCK_KEY = 7_160_516  # PostgreSQL advisory lock: one combine at a time


def _term(term: str) -> str:
    return term[:TERM_LENGTH]


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- the full rebuild ---------------------------------------------------------------------------------


def recombine(store: Store) -> CombineResult:
    """Combine everything stored with the batch computation; save stories, combined events and
    duplicates, and the state incremental ingest continues from (both replace what was there)."""
    documents = list(store.documents())
    state = combine_with_state(documents)
    result = CombineResult(tuple(state.stories), tuple(state.events), tuple(state.duplicates.items()))
    store.save_combined(result)
    event_now = max((w[0] for d in documents for e in d.events if (w := date_window(e.date))), default=None)
    save_state(store, state, articles=len(documents), event_now=event_now)
    return result


def save_state(store: Store, state: CombineState, articles: int, event_now: int | None) -> None:
    """Replace the incremental combine's tables with ``state`` (in one transaction)."""
    days = [d for d in (day_of(doc_published) for _id, doc_published, *_rest in state.recent) if d is not None]
    meta = {"articles": articles, "words_docs": state.words_docs, "entities_docs": state.entities_docs,
            "stories": state.story_count, "events": state.event_count, "arrivals": state.arrivals,
            "now_day": int(max(days)) if days else -1, "event_now": event_now if event_now is not None else -1}
    try:
        with store.session() as session, session.begin():
            _lock(session)
            for table in STATE_TABLES:
                session.execute(delete(table))
            session.execute(insert(CombineMetaRow), [{"name": k, "value": v} for k, v in meta.items()])
            df_rows = [{"kind": "w", "term": t, "df": n} for t, n in _truncated(state.words_df).items()]
            df_rows += [{"kind": "e", "term": t, "df": n} for t, n in _truncated(state.entities_df).items()]
            for rows in _chunks(df_rows, 5000):
                session.execute(insert(TermDfRow), list(rows))
            for cluster in state.live:
                _write_cluster(session, cluster, new=True, old_terms=set())
            for doc_id, published, arrival, signature, keys in state.recent:
                _write_signature(session, doc_id, published, arrival, signature, keys)
            for builder in state.event_states:
                _write_event_state(session, builder, new=True)
    except Exception as exc:  # noqa: BLE001 - any database failure is reported as a store error
        raise StoreError(f"{store.display_url}: cannot save the combine state: {exc}") from None


def _truncated(df: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for term, count in df.items():
        key = _term(term)
        out[key] = out.get(key, 0) + count if key != term else max(out.get(key, 0), count)
    return out


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


# --- incremental ----------------------------------------------------------------------------------------


def combine_incrementally(store: Store, documents: Sequence[Document], updated: Iterable[str] = ()) -> bool:
    """Join newly stored ``documents`` to stories and combined events, in publication order. Documents
    whose ids are in ``updated`` were stored before and re-analysed: they leave their combined events
    and join them again. Returns False (and does nothing) when the store's combine state does not
    cover the articles stored before these — then a full :func:`recombine` is due."""
    re_analysed = set(updated)
    fresh = [d for d in documents if d.id not in re_analysed]
    try:
        with store.session() as session, session.begin():
            _lock(session)
            combiner = IncrementalCombiner(session)
            stored = int(session.execute(select(func.count()).select_from(ArticleRow)).scalar_one())
            if combiner.meta.get("articles", 0) + len(fresh) != stored:
                return False
            for doc in sorted(documents, key=lambda d: d.article.published or ""):
                if doc.id in re_analysed:
                    combiner.reanalysed(doc)
                else:
                    combiner.add(doc)
            combiner.meta["articles"] = stored
            combiner.save_meta()
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - any database failure is reported as a store error
        raise StoreError(f"{store.display_url}: cannot combine the new articles: {exc}") from None
    return True


class IncrementalCombiner:
    """One transaction's view of the combine state: ``add(doc)`` for each new article."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.finder = NearDuplicates()
        self.clusterer = StoryClusterer()
        self.merger = EventMerger()
        self.meta: dict[str, int] = dict(session.execute(select(CombineMetaRow.name, CombineMetaRow.value)).all())

    def save_meta(self) -> None:
        self.session.execute(delete(CombineMetaRow))
        self.session.execute(insert(CombineMetaRow), [{"name": k, "value": v} for k, v in self.meta.items()])

    # -- one article ----------------------------------------------------------------------------------

    def add(self, doc: Document) -> None:
        published = doc.article.published or ""
        signature = self.finder.signature(doc.text)
        keys = band_keys(signature, self.finder.bands)
        matches = self._near_duplicates(doc.id, signature, keys)
        self.meta["arrivals"] = arrival = self.meta.get("arrivals", 0) + 1
        _write_signature(self.session, doc.id, published, arrival, signature, keys)
        day = day_of(published)
        if day is not None:
            self.meta["now_day"] = max(self.meta.get("now_day", -1), int(day))
        roots = self._roots(matches)
        story_id: str | None
        if not roots:
            story_id = self._cluster(doc, day)
            self._merge(doc, story_id)
            return
        newest = max([*roots.items(), (doc.id, (published, arrival))], key=lambda kv: kv[1])[0]
        for root in roots:
            if root != newest:
                self._link(root, newest)
        if newest == doc.id:
            first = min(roots, key=lambda r: roots[r][1])
            story_id = self._story_of(first)
            for root in roots:
                self._unmerge(root)
            if story_id is not None:
                self._join_story(story_id, doc.id, published, day)
            self._merge(doc, story_id)
        else:
            self._link(doc.id, newest)
            story_id = self._story_of(newest)
            if story_id is not None:
                self._join_story(story_id, doc.id, None, None)

    def reanalysed(self, doc: Document) -> None:
        """A stored article analysed again: its reports leave their events and join again."""
        self._unmerge(doc.id)
        if self.session.get(DuplicateRow, doc.id) is None:
            self._merge(doc, self._story_of(doc.id))

    # -- near-duplicates ------------------------------------------------------------------------------

    def _near_duplicates(self, doc_id: str, signature: np.ndarray, keys: tuple[int, ...]) -> list[str]:
        others = set(self.session.execute(
            select(MinhashBandRow.doc_id).where(MinhashBandRow.band_key.in_(keys))).scalars()) - {doc_id}
        if not others:
            return []
        rows = self.session.execute(select(MinhashRow.doc_id, MinhashRow.signature)
                                    .where(MinhashRow.doc_id.in_(sorted(others)))).all()
        return [other for other, stored in rows
                if self.finder.similar(np.frombuffer(stored, dtype=np.uint64), signature)]

    def _roots(self, matches: list[str]) -> dict[str, tuple[str, int]]:
        """The kept article of each matched group with its (published, arrival)."""
        if not matches:
            return {}
        linked = dict(self.session.execute(select(DuplicateRow.doc_id, DuplicateRow.duplicate_of)
                                           .where(DuplicateRow.doc_id.in_(matches))).all())
        roots = {linked.get(m, m) for m in matches}
        info = {doc_id: (published, arrival) for doc_id, published, arrival in self.session.execute(
            select(MinhashRow.doc_id, MinhashRow.published, MinhashRow.arrival).where(MinhashRow.doc_id.in_(roots)))}
        return {root: info.get(root, ("", 0)) for root in roots}

    def _link(self, old: str, kept: str) -> None:
        """``old`` (and every article linked to it) becomes a near-duplicate of ``kept``."""
        self.session.execute(update(DuplicateRow).where(DuplicateRow.duplicate_of == old).values(duplicate_of=kept))
        self.session.execute(delete(DuplicateRow).where(DuplicateRow.doc_id == old))
        self.session.execute(insert(DuplicateRow), [{"doc_id": old, "duplicate_of": kept}])

    # -- stories --------------------------------------------------------------------------------------

    def _story_of(self, doc_id: str) -> str | None:
        return self.session.execute(select(StoryArticleRow.story_id).where(StoryArticleRow.doc_id == doc_id)
                                    .limit(1)).scalar_one_or_none()

    def _cluster(self, doc: Document, day: float | None) -> str:
        words = word_terms(doc.article.title, doc.text)
        entities = entity_terms(doc)
        words = _truncated_counts(words)
        entities = _truncated_counts(entities)
        words_df = self._count_terms("w", words)
        entities_df = self._count_terms("e", entities)
        self.meta["words_docs"] = words_docs = self.meta.get("words_docs", 0) + 1
        self.meta["entities_docs"] = entities_docs = self.meta.get("entities_docs", 0) + 1
        word_vec, entity_vec = self.clusterer.weigh(words, entities, words_df, words_docs, entities_df,
                                                    entities_docs)
        best: tuple[float, int, Cluster] | None = None
        for cluster in self._story_candidates(word_vec, day):
            sim = self.clusterer.similarity(cluster, word_vec, entity_vec, day)
            if sim >= self.clusterer.threshold and (best is None or (sim, -cluster.number) > (best[0], -best[1])):
                best = (sim, cluster.number, cluster)
        new = best is None
        if best is None:
            self.meta["stories"] = number = self.meta.get("stories", 0) + 1
            cluster = new_cluster(doc.id, number, doc.article.published)
        else:
            cluster = best[2]
        old_terms = set(cluster.words)
        old_last = cluster.last
        self.clusterer.absorb(cluster, doc.id, doc.article.published, word_vec, entity_vec, day)
        _write_cluster(self.session, cluster, new=new, old_terms=old_terms, last_changed=old_last != cluster.last)
        self._add_member(cluster.id, doc.id)
        return cluster.id

    def _count_terms(self, kind: str, counts: dict[str, int]) -> dict[str, int]:
        """The document frequencies of ``counts``' terms, counting this article (written back)."""
        terms = sorted(counts)
        known: dict[str, int] = {}
        for part in _chunks(terms):
            known.update(self.session.execute(select(TermDfRow.term, TermDfRow.df)
                                              .where(TermDfRow.kind == kind, TermDfRow.term.in_(part))).all())
        if known:
            self.session.execute(update(TermDfRow).where(TermDfRow.kind == kind, TermDfRow.term.in_(list(known)))
                                 .values(df=TermDfRow.df + 1))
        fresh = [{"kind": kind, "term": t, "df": 1} for t in terms if t not in known]
        if fresh:
            self.session.execute(insert(TermDfRow), fresh)
        return {t: known.get(t, 0) + 1 for t in terms}

    def _story_candidates(self, words: dict[str, float], day: float | None) -> list[Cluster]:
        probe = [t for t, _ in heapq.nlargest(self.clusterer.probe_terms, words.items(),
                                              key=lambda kv: (kv[1], kv[0]))]
        if not probe:
            return []
        reference = day if day is not None else (self.meta.get("now_day", -1) if self.meta.get("now_day", -1) >= 0
                                                 else None)
        query = select(StoryTermRow.story_id, func.count()).where(StoryTermRow.term.in_(probe))
        if reference is not None:
            query = query.where(StoryTermRow.last_day >= int(reference - self.clusterer.live_days))
        hits = dict(self.session.execute(query.group_by(StoryTermRow.story_id)).all())
        if not hits:
            return []
        numbers = {sid: number for part in _chunks(sorted(hits)) for sid, number in self.session.execute(
            select(StoryStateRow.story_id, StoryStateRow.number).where(StoryStateRow.story_id.in_(part)))}
        chosen = heapq.nsmallest(self.clusterer.max_candidates, numbers,
                                 key=lambda sid: (-hits[sid], numbers[sid]))
        rows = {row.story_id: row for row in self.session.execute(
            select(StoryStateRow).where(StoryStateRow.story_id.in_(chosen))).scalars()}  # centroids of these only
        return [_cluster_from_row(rows[sid]) for sid in chosen]

    def _add_member(self, story_id: str, doc_id: str) -> None:
        position = self.session.execute(select(func.coalesce(func.max(StoryArticleRow.position) + 1, 0))
                                        .where(StoryArticleRow.story_id == story_id)).scalar_one()
        self.session.execute(insert(StoryArticleRow),
                             [{"story_id": story_id, "doc_id": doc_id, "position": int(position)}])

    def _join_story(self, story_id: str, doc_id: str, published: str | None, day: float | None) -> None:
        """A near-duplicate joins its group's story (the kept version also moves the story's days)."""
        self._add_member(story_id, doc_id)
        if day is None or published is None:
            return
        story = self.session.get(StoryRow, story_id)
        if story is not None and (story.last_published or "") <= published:
            story.last_published = published
        state = self.session.get(StoryStateRow, story_id)
        if state is not None and (state.last_day is None or state.last_day == NO_DAY or state.last_day <= day):
            state.last_day, state.last_published = int(day), published
            self.session.execute(update(StoryTermRow).where(StoryTermRow.story_id == story_id)
                                 .values(last_day=int(day)))
        self.session.flush()

    # -- combined events ------------------------------------------------------------------------------

    def _merge(self, doc: Document, story_id: str | None) -> None:
        article = doc.article
        for event in doc.events:
            source = EventSource(doc.id, event.start, event.end, event.text, article.published, article.source,
                                 article.url)
            window = date_window(event.date)
            late = self._late(article.published)
            if window is not None and not late:
                self.meta["event_now"] = max(self.meta.get("event_now", -1), window[0])
            state = next((s for s in self._event_candidates(event, window, story_id, late)
                          if self.merger.matches(builder_from_state(s), event, story_id, doc.id)), None)
            if state is None:
                self.meta["events"] = number = self.meta.get("events", 0) + 1
                builder = new_builder(number, event)
                add_report(builder, event, source, story_id)
                self._write_event(builder_state(builder), combined_event(builder), previous_id=None)
            else:
                reports = self._reports(state)
                reports.append((event, source, story_id))
                self._rebuild(state, reports)

    def _late(self, published: str | None) -> bool:
        day = day_of(published)
        return day is not None and day < self.meta.get("now_day", -1) - self.clusterer.live_days

    def _event_candidates(self, event: Event, window: tuple[int, int] | None, story_id: str | None,
                          late: bool) -> list[BuilderState]:
        fam = family(event.type, event.sub_type)
        ids: set[str] = set()
        if window is not None:
            query = select(EventStateRow.event_id).where(
                EventStateRow.family == fam, EventStateRow.status == event.status,
                EventStateRow.window_end >= window[0], EventStateRow.window_start <= window[1])
            now = self.meta.get("event_now", -1)
            if not late and now >= 0:  # the batch merge has closed events that ended long before
                query = query.where(EventStateRow.window_end >= now - self.merger.horizon_days)
            ids.update(self.session.execute(query).scalars())
        if story_id:
            ids.update(self.session.execute(select(EventStoryRow.event_id)
                                            .where(EventStoryRow.story_id == story_id)).scalars())
        if not ids:
            return []
        rows = [row for part in _chunks(sorted(ids)) for row in self.session.execute(
            select(EventStateRow).where(EventStateRow.event_id.in_(part), EventStateRow.family == fam,
                                        EventStateRow.status == event.status)).scalars()]
        return [_state_from_row(row) for row in sorted(rows, key=lambda r: r.number)]

    def _reports(self, state: BuilderState, leave_out: str | None = None) -> list[tuple[Event, EventSource,
                                                                                          str | None]]:
        """The stored events and sources of ``state``'s reports (without those of ``leave_out``)."""
        wanted = [r for r in state.reports if r[0] != leave_out]
        doc_ids = sorted({r[0] for r in wanted})
        events: dict[tuple[str, int, int], Event] = {}
        articles: dict[str, Any] = {}
        for part in _chunks(doc_ids):
            for doc_id, data in self.session.execute(select(FactRow.doc_id, FactRow.data)
                                                     .where(FactRow.doc_id.in_(part), FactRow.kind == "event")):
                stored_event = from_plain(Event, data)
                events[(doc_id, stored_event.start, stored_event.end)] = stored_event
            for row in self.session.execute(select(ArticleRow.id, ArticleRow.published, ArticleRow.source,
                                                   ArticleRow.url).where(ArticleRow.id.in_(part))):
                articles[row.id] = row
        out = []
        for doc_id, start, end, story in wanted:
            found = events.get((doc_id, start, end))
            if found is None:
                continue  # the article was analysed again without this event
            row = articles[doc_id]
            out.append((found, EventSource(doc_id, start, end, found.text, row.published, row.source, row.url),
                        story))
        return out

    def _rebuild(self, state: BuilderState, reports: list[tuple[Event, EventSource, str | None]]) -> None:
        if not reports:
            self._delete_event(state.event_id)
            return
        builder = new_builder(state.number, reports[0][0])
        for event, source, story in reports:
            add_report(builder, event, source, story)
        self._write_event(builder_state(builder), combined_event(builder), previous_id=state.event_id)

    def _unmerge(self, doc_id: str) -> None:
        """Take ``doc_id``'s reports out of their combined events (re-opening only those)."""
        event_ids = set(self.session.execute(select(EventSourceRow.event_id)
                                             .where(EventSourceRow.doc_id == doc_id)).scalars())
        for event_id in sorted(event_ids):
            row = self.session.get(EventStateRow, event_id)
            if row is None:
                continue
            state = _state_from_row(row)
            self._rebuild(state, self._reports(state, leave_out=doc_id))

    def _delete_event(self, event_id: str) -> None:
        for table, column in ((EventSourceRow, EventSourceRow.event_id), (EventActorRow, EventActorRow.event_id),
                              (EventStoryRow, EventStoryRow.event_id), (EventStateRow, EventStateRow.event_id),
                              (EventRow, EventRow.id)):
            self.session.execute(delete(table).where(column == event_id))

    def _write_event(self, state: BuilderState, combined: CombinedEvent, previous_id: str | None) -> None:
        if previous_id is not None:
            self._delete_event(previous_id)
        if state.event_id != previous_id:
            self._delete_event(state.event_id)
        write_combined_event(self.session, combined, state.number)
        _write_event_state(self.session, state, new=True)


# --- rows -------------------------------------------------------------------------------------------------


def _truncated_counts(counts: Any) -> Any:
    if all(len(t) <= TERM_LENGTH for t in counts):
        return counts
    out = type(counts)()
    for term, count in counts.items():
        out[_term(term)] += count
    return out


def write_combined_event(session: Session, combined: CombinedEvent, position: int) -> None:
    """Insert one combined event with its actors and sources."""
    session.execute(insert(EventRow), [_event_row(combined, position)])
    if combined.actors:
        session.execute(insert(EventActorRow), [{"event_id": combined.id, "position": i, "name": name,
                                                 "name_folded": name.casefold()}
                                                for i, name in enumerate(combined.actors)])
    session.execute(insert(EventSourceRow), [{"event_id": combined.id, "position": i, "doc_id": s.doc_id,
                                              "start": s.start, "end": s.end, "text": s.text,
                                              "published": s.published, "source": s.source, "url": s.url}
                                             for i, s in enumerate(combined.sources)])


def _write_event_state(session: Session, state: BuilderState, new: bool) -> None:
    row = {"event_id": state.event_id, "number": state.number, "family": state.family, "status": state.status,
           "window_start": state.window[0] if state.window else None,
           "window_end": state.window[1] if state.window else None,
           "state": {"places": [to_plain(p) for p in state.places], "stories": list(state.stories),
                     "types": [list(t) for t in state.types], "reports": [list(r) for r in state.reports]}}
    session.execute(insert(EventStateRow), [row])
    if state.stories:
        session.execute(insert(EventStoryRow), [{"story_id": s, "event_id": state.event_id} for s in state.stories])


def _state_from_row(row: EventStateRow) -> BuilderState:
    data = row.state
    window = (row.window_start, row.window_end) if row.window_start is not None and row.window_end is not None \
        else None
    return BuilderState(row.event_id, row.number, row.family, row.status, window,
                        tuple(from_plain(EventPlace, p) for p in data.get("places", [])),
                        tuple(data.get("stories", [])), tuple((t, s, int(n)) for t, s, n in data.get("types", [])),
                        tuple((d, int(s), int(e), story) for d, s, e, story in data.get("reports", [])))


def _write_signature(session: Session, doc_id: str, published: str, arrival: int, signature: np.ndarray,
                     keys: tuple[int, ...]) -> None:
    stored = session.execute(select(MinhashRow.signature).where(MinhashRow.doc_id == doc_id)).scalar_one_or_none()
    if stored is not None:  # its old band keys, by primary key (the band table is not indexed by article)
        old_keys = band_keys(np.frombuffer(stored, dtype=np.uint64), len(keys))
        session.execute(delete(MinhashBandRow).where(MinhashBandRow.band_key.in_(old_keys),
                                                     MinhashBandRow.doc_id == doc_id))
        session.execute(delete(MinhashRow).where(MinhashRow.doc_id == doc_id))
    session.execute(insert(MinhashRow), [{"doc_id": doc_id, "published": published or "", "arrival": arrival,
                                          "signature": np.asarray(signature, dtype=np.uint64).tobytes()}])
    session.execute(insert(MinhashBandRow), [{"band_key": k, "doc_id": doc_id} for k in sorted(set(keys))])


def _last_day(cluster: Cluster) -> int:
    return int(cluster.last) if cluster.last is not None else NO_DAY


def _write_cluster(session: Session, cluster: Cluster, new: bool, old_terms: set[str],
                   last_changed: bool = False) -> None:
    """Save a story's centroids, its index entries and its row in ``stories``."""
    last = _last_day(cluster)
    values = {"number": cluster.number, "first_day": int(cluster.first) if cluster.first is not None else None,
              "last_day": last, "first_published": cluster.first_published,
              "last_published": cluster.last_published, "size": cluster.size, "words": cluster.words,
              "entities": cluster.entities}
    story = {"keywords": list(keywords(cluster)), "first_published": cluster.first_published,
             "last_published": cluster.last_published}
    terms = {_term(t) for t in cluster.words}
    if new:
        session.execute(insert(StoryStateRow), [{"story_id": cluster.id, **values}])
        if session.get(StoryRow, cluster.id) is None:
            session.execute(insert(StoryRow), [{"id": cluster.id, **story}])
    else:
        session.execute(update(StoryStateRow).where(StoryStateRow.story_id == cluster.id).values(**values))
        session.execute(update(StoryRow).where(StoryRow.id == cluster.id).values(**story))
    gone = sorted({_term(t) for t in old_terms} - terms)
    for part in _chunks(gone):
        session.execute(delete(StoryTermRow).where(StoryTermRow.story_id == cluster.id, StoryTermRow.term.in_(part)))
    if last_changed and not new:
        session.execute(update(StoryTermRow).where(StoryTermRow.story_id == cluster.id).values(last_day=last))
    added = sorted(terms - {_term(t) for t in old_terms})
    if added:
        session.execute(insert(StoryTermRow), [{"story_id": cluster.id, "term": t, "last_day": last} for t in added])


def _cluster_from_row(row: StoryStateRow) -> Cluster:
    import math

    cluster = new_cluster(row.story_id[len("story-"):], row.number, row.first_published)
    cluster.words = {t: float(w) for t, w in row.words.items()}
    cluster.entities = {t: float(w) for t, w in row.entities.items()}
    cluster.word_norm = math.sqrt(sum(w * w for w in cluster.words.values())) or 1.0
    cluster.entity_norm = math.sqrt(sum(w * w for w in cluster.entities.values())) or 1.0
    cluster.first = float(row.first_day) if row.first_day is not None else None
    cluster.last = float(row.last_day) if row.last_day is not None and row.last_day != NO_DAY else None
    cluster.first_published, cluster.last_published = row.first_published, row.last_published
    cluster.size = row.size
    cluster.id = row.story_id
    return cluster
