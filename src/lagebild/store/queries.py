"""Read queries of the store: articles with facts, events by filter, stories, figures, conflicts, search.

Results are JSON-ready dicts in the shape the REST API returns; facts keep the same keys as
``lagebild analyze`` prints.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select, text, true

from lagebild.store.models import (
    ActorNameRow,
    ArticleConflictRow,
    ArticleRow,
    DuplicateRow,
    EventActorRow,
    EventCountRow,
    EventRow,
    EventSourceRow,
    FactRow,
    StoryArticleRow,
    StoryRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_PAGE = 1000
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"  # marks matched words in search snippets


@dataclass(frozen=True)
class EventFilter:
    """Which combined events to list. ``bbox`` is (west, south, east, north) in degrees; a box with
    west > east crosses the antimeridian. Dates are ISO days; an event matches when its date range
    (a month-precise date covers the month) overlaps [date_from, date_to]."""

    type: str | None = None
    sub_type: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    story: str | None = None
    country: str | None = None
    status: str | None = None
    doc_id: str | None = None


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items, **self.extra}


MAX_DATE_SPAN_DAYS = 366  # the longest range a stored date value covers (a year)


def _days_before(day: str, days: int) -> str | None:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _matching_names(actor: str) -> Any:
    """The distinct actor names containing ``actor`` (any part of the name, case folded): a substring
    match over the few distinct names (``actor_names``) instead of every event's actors."""
    return select(ActorNameRow.name_folded).where(ActorNameRow.name_folded.like(_like(actor), escape="\\"))


def _like(value: str) -> str:
    return "%" + value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(limit, MAX_PAGE)), max(0, offset)


def figure_disagreement(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups of figures for the same category that give different numbers: [{category, low, high,
    figures}] — the conflicting claims to show side by side."""
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        by_category[figure.get("category") or "unknown"].append(figure)
    groups = []
    for category, members in by_category.items():
        values = {(f.get("low"), f.get("high")) for f in members}
        if len(values) < 2:
            continue
        lows = [f["low"] for f in members if f.get("low") is not None]
        highs = [f.get("high") if f.get("high") is not None else f.get("low") for f in members]
        present = [h for h in highs if h is not None]
        groups.append({"category": category, "low": min(lows) if lows else None,
                       "high": max(present) if present else None, "figures": members})
    return groups


class QueryMixin:
    """Queries over the tables; mixed into :class:`lagebild.store.Store`."""

    if TYPE_CHECKING:
        @property
        def dialect(self) -> str: ...

        def session(self) -> Session: ...

    # --- articles --------------------------------------------------------------------------------

    def count_articles(self) -> int:
        with self.session() as session:
            return int(session.execute(select(func.count()).select_from(ArticleRow)).scalar_one())

    def article_summaries(self, limit: int = 50, offset: int = 0) -> Page:
        limit, offset = _clamp(limit, offset)
        with self.session() as session:
            total = int(session.execute(select(func.count()).select_from(ArticleRow)).scalar_one())
            rows = session.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.source, ArticleRow.url, ArticleRow.published,
                       ArticleRow.pipeline, func.length(ArticleRow.text).label("length"))
                .order_by(ArticleRow.published.desc(), ArticleRow.pk).limit(limit).offset(offset)
            ).all()
            counts: dict[str, dict[str, int]] = defaultdict(dict)
            ids = [r.id for r in rows]
            if ids:
                for doc_id, kind, n in session.execute(
                    select(FactRow.doc_id, FactRow.kind, func.count()).where(FactRow.doc_id.in_(ids))
                    .group_by(FactRow.doc_id, FactRow.kind)
                ):
                    counts[doc_id][kind] = int(n)
        items = [{**r._asdict(), "facts": counts.get(r.id, {})} for r in rows]
        return Page(items, total, limit, offset)

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """One article with its text and all its facts (``lagebild analyze``'s JSON form), the combined
        events it reports, its story and the article it duplicates (if any)."""
        from lagebild.serialize import document_to_dict

        doc = self.document(doc_id)  # type: ignore[attr-defined]
        if doc is None:
            return None
        record = document_to_dict(doc)
        with self.session() as session:
            record["combined_events"] = list(session.execute(
                select(EventSourceRow.event_id).where(EventSourceRow.doc_id == doc_id).distinct()
            ).scalars())
            record["stories"] = list(session.execute(
                select(StoryArticleRow.story_id).where(StoryArticleRow.doc_id == doc_id)
            ).scalars())
            record["duplicate_of"] = session.execute(
                select(DuplicateRow.duplicate_of).where(DuplicateRow.doc_id == doc_id)
            ).scalar_one_or_none()
        return record

    # --- events ----------------------------------------------------------------------------------

    def _event_conditions(self, where: EventFilter) -> list[Any]:
        conditions: list[Any] = []
        if where.type:
            conditions.append(EventRow.type == where.type)
        if where.sub_type:
            conditions.append(EventRow.sub_type == where.sub_type)
        if where.status:
            conditions.append(EventRow.status == where.status)
        if where.country:
            conditions.append(EventRow.country == where.country.upper())
        if where.story:
            conditions.append(EventRow.story_id == where.story)
        if where.bbox:
            west, south, east, north = where.bbox
            conditions.append(EventRow.lat.between(south, north))
            if west <= east:
                conditions.append(EventRow.lon.between(west, east))
            else:
                conditions.append(or_(EventRow.lon >= west, EventRow.lon <= east))
        if where.date_from:
            conditions.append(EventRow.date_end >= where.date_from)
            earliest = _days_before(where.date_from, MAX_DATE_SPAN_DAYS)
            if earliest is not None:  # no stored date spans more than a year: lets the index bound the scan
                conditions.append(EventRow.date_start >= earliest)
        if where.date_to:
            conditions.append(EventRow.date_start <= where.date_to)
        if where.actor:
            conditions.append(EventRow.id.in_(
                select(EventActorRow.event_id).where(EventActorRow.name_folded.in_(_matching_names(where.actor)))
            ))
        if where.doc_id:
            conditions.append(EventRow.id.in_(
                select(EventSourceRow.event_id).where(EventSourceRow.doc_id == where.doc_id)
            ))
        return conditions

    def events(self, where: EventFilter | None = None, limit: int = 100, offset: int = 0) -> Page:
        """Combined events matching ``where``, by date, with their sources and conflicting figures."""
        where = where or EventFilter()
        limit, offset = _clamp(limit, offset)
        conditions = self._event_conditions(where)
        only_actor = bool(where.actor) and where == EventFilter(actor=where.actor)
        with self.session() as session:
            if only_actor:  # every actor row belongs to one event: count them without reading the events
                events_of_actor = (select(EventActorRow.event_id)
                                   .where(EventActorRow.name_folded.in_(_matching_names(where.actor or "")))
                                   .group_by(EventActorRow.event_id).subquery())  # hashed, not sorted
                total = int(session.execute(select(func.count()).select_from(events_of_actor)).scalar_one())
            else:
                total = int(session.execute(
                    select(func.count()).select_from(EventRow).where(and_(true(), *conditions))
                ).scalar_one())
            # the page's ids first (from an index that holds them), then only those rows
            ids = session.execute(
                select(EventRow.id).where(and_(true(), *conditions))
                .order_by(EventRow.date_start, EventRow.position).limit(limit).offset(offset)
            ).scalars().all()
            data: dict[str, dict[str, Any]] = dict(session.execute(  # type: ignore[arg-type]
                select(EventRow.id, EventRow.data).where(EventRow.id.in_(ids))).all()) if ids else {}
        return Page([_event_dict(data[i]) for i in ids if i in data], total, limit, offset)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One combined event with its sources (and each source article's title)."""
        with self.session() as session:
            data = session.execute(select(EventRow.data).where(EventRow.id == event_id)).scalar_one_or_none()
            if data is None:
                return None
            record = _event_dict(data)
            doc_ids = [s["doc_id"] for s in record.get("sources", [])]
            titles = dict(session.execute(
                select(ArticleRow.id, ArticleRow.title).where(ArticleRow.id.in_(doc_ids))
            ).all()) if doc_ids else {}
        for source in record.get("sources", []):
            source["title"] = titles.get(source["doc_id"])
            source["stored"] = source["doc_id"] in titles
        return record

    def facets(self) -> dict[str, Any]:
        """What the filters can offer: event types and sub-types with counts, the date range, countries."""
        counted = func.sum(EventCountRow.n)
        with self.session() as session:
            # event_counts is kept by triggers on events (migration 0003): no scan of the events table
            types = [{"type": t, "sub_type": s, "count": int(n)} for t, s, n in session.execute(
                select(EventCountRow.type, EventCountRow.sub_type, counted)
                .group_by(EventCountRow.type, EventCountRow.sub_type)
                .order_by(EventCountRow.type, EventCountRow.sub_type))]
            first = session.execute(select(func.min(EventRow.date_start))).scalar_one()
            last = session.execute(select(func.max(EventRow.date_end))).scalar_one()
            countries = [{"country": c, "count": int(n)} for c, n in session.execute(
                select(EventCountRow.country, counted).where(EventCountRow.country != "")
                .group_by(EventCountRow.country).order_by(counted.desc(), EventCountRow.country))]
            articles = int(session.execute(select(func.count()).select_from(ArticleRow)).scalar_one())
            events = int(session.execute(select(func.coalesce(counted, 0))).scalar_one())
            stories = int(session.execute(select(func.count()).select_from(StoryRow)).scalar_one())
        return {"types": types, "date_min": first, "date_max": last, "countries": countries,
                "articles": articles, "events": events, "stories": stories}

    # --- stories ---------------------------------------------------------------------------------

    def stories(self, limit: int = 50, offset: int = 0) -> Page:
        limit, offset = _clamp(limit, offset)
        with self.session() as session:
            total = int(session.execute(select(func.count()).select_from(StoryRow)).scalar_one())
            rows = session.execute(
                select(StoryRow).order_by(StoryRow.last_published.desc(), StoryRow.id).limit(limit).offset(offset)
            ).scalars().all()
            members: dict[str, list[str]] = defaultdict(list)
            ids = [r.id for r in rows]
            if ids:
                for story_id, doc_id in session.execute(
                    select(StoryArticleRow.story_id, StoryArticleRow.doc_id).where(StoryArticleRow.story_id.in_(ids))
                    .order_by(StoryArticleRow.story_id, StoryArticleRow.position)
                ):
                    members[story_id].append(doc_id)
        items = [{"id": r.id, "keywords": r.keywords, "first_published": r.first_published,
                  "last_published": r.last_published, "doc_ids": members.get(r.id, [])} for r in rows]
        return Page(items, total, limit, offset)

    def story(self, story_id: str) -> dict[str, Any] | None:
        with self.session() as session:
            row = session.get(StoryRow, story_id)
            if row is None:
                return None
            articles = [r._asdict() for r in session.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.source, ArticleRow.published, ArticleRow.url)
                .join(StoryArticleRow, StoryArticleRow.doc_id == ArticleRow.id)
                .where(StoryArticleRow.story_id == story_id).order_by(StoryArticleRow.position)
            )]
        events = self.events(EventFilter(story=story_id), limit=MAX_PAGE).items
        return {"id": row.id, "keywords": row.keywords, "first_published": row.first_published,
                "last_published": row.last_published, "articles": articles, "events": events}

    # --- figures and conflicts -------------------------------------------------------------------

    def figures(self, category: str | None = None, doc_id: str | None = None, limit: int = 100,
                offset: int = 0) -> Page:
        limit, offset = _clamp(limit, offset)
        conditions = [FactRow.kind == "figure"]
        if category:
            conditions.append(FactRow.label == category)
        if doc_id:
            conditions.append(FactRow.doc_id == doc_id)
        with self.session() as session:
            total = int(session.execute(select(func.count()).select_from(FactRow).where(*conditions)).scalar_one())
            rows = session.execute(
                select(FactRow.data).where(*conditions).order_by(FactRow.doc_id, FactRow.position)
                .limit(limit).offset(offset)
            ).scalars().all()
        return Page(list(rows), total, limit, offset)

    def conflicts(self, limit: int = 100, offset: int = 0) -> Page:
        """Conflicting figures: within one article (the conflicts stage) and across the sources of a
        combined event (figures for the same category that disagree), each with who claims what."""
        limit, offset = _clamp(limit, offset)
        items: list[dict[str, Any]] = []
        with self.session() as session:
            for row in session.execute(
                select(ArticleConflictRow, ArticleRow.title).join(ArticleRow, ArticleRow.id == ArticleConflictRow.doc_id)
                .order_by(ArticleConflictRow.doc_id, ArticleConflictRow.position)
            ):
                conflict, title = row
                items.append({"scope": "article", "doc_id": conflict.doc_id, "title": title,
                              "category": conflict.category, "place": conflict.place, "low": conflict.low,
                              "high": conflict.high, "figures": conflict.data.get("figures", [])})
            for data in session.execute(
                select(EventRow.data).where(EventRow.fatalities_low.is_not(None)).order_by(EventRow.position)
            ).scalars():
                figures = (data.get("fatalities") or {}).get("figures") or []
                for group in figure_disagreement(figures):
                    place = (data.get("place") or {}).get("name")
                    items.append({"scope": "event", "event_id": data["id"], "type": data["type"],
                                  "place": place, **group})
        return Page(items[offset:offset + limit], len(items), limit, offset)

    # --- full-text search ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching the words of ``query`` (all of them; German stemming on PostgreSQL, word
        prefixes on SQLite), best first, with a snippet whose matches sit between \\x02 and \\x03."""
        limit = max(1, min(limit, MAX_PAGE))
        words = re.findall(r"\w+", query)
        if not words:
            return []
        with self.session() as session:
            if self.dialect == "sqlite":
                fts_query = " ".join(f'"{_prefix(w)}"*' for w in words)
                rows = session.execute(text(
                    "SELECT a.id, a.title, a.source, a.published, "
                    "snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet, bm25(articles_fts) AS score "
                    "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
                    "WHERE articles_fts MATCH :q ORDER BY score LIMIT :limit"
                ), {"q": fts_query, "limit": limit}).all()
                return [{**r._asdict(), "score": -float(r.score)} for r in rows]
            options = (f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=30, MinWords=12, "
                       "MaxFragments=1, FragmentDelimiter=…")
            rows = session.execute(text(
                "SELECT a.id, a.title, a.source, a.published, "
                "ts_headline('german', a.text, q, :options) AS snippet, ts_rank(a.search, q) AS score "
                "FROM articles a, plainto_tsquery('german', :q) q WHERE a.search @@ q "
                "ORDER BY score DESC, a.pk LIMIT :limit"
            ), {"q": " ".join(words), "limit": limit, "options": options}).all()
            return [{**r._asdict(), "score": float(r.score)} for r in rows]


_ENDINGS = ("ern", "en", "er", "es", "em", "e", "n", "s")


def _prefix(word: str) -> str:
    """The word without a German inflection ending, so that a prefix query finds its other forms
    ("Luftangriffe" -> "Luftangriff*" also finds "Luftangriff", "Luftangriffen")."""
    if len(word) >= 6:
        for ending in _ENDINGS:
            if word.lower().endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
    return word


def _event_dict(data: dict[str, Any]) -> dict[str, Any]:
    record = dict(data)
    figures = (record.get("fatalities") or {}).get("figures") or []
    record["conflicts"] = figure_disagreement(figures)
    return record
