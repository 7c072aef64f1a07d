"""Tables of the store (SQLAlchemy 2 declarative models).

Articles keep their verbatim text; facts keep their offsets into it and their full dataclass as JSON
(``data``), with the columns the API filters on copied out. Combined events keep their sources (one
evidence span per reporting article), stories their articles. Schema changes are Alembic migrations in
``lagebild/store/migrations``; these models describe the newest revision.

Full-text search lives outside the models, created by the migration: an FTS5 table ``articles_fts``
with triggers on SQLite, a generated ``search`` tsvector column (German configuration) with a GIN
index on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(16), default="de")
    text: Mapped[str] = mapped_column(Text)
    dateline: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sentences: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [(start, end)] of each sentence
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    pipeline: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[str] = mapped_column(String(40))
    analysed_at: Mapped[str] = mapped_column(String(40))


class FactRow(Base):
    """One fact of one article: kind is entity|actor|place|time|figure|quote|event."""

    __tablename__ = "facts"
    __table_args__ = (Index("ix_facts_doc_kind", "doc_id", "kind"), Index("ix_facts_kind_label", "kind", "label"))

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(64), ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)  # order within the article's list of that kind
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(64))  # entity label, time type, figure category, event type
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ArticleConflictRow(Base):
    """Conflicting figures within one article (the pipeline's conflicts stage)."""

    __tablename__ = "article_conflicts"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(64), ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(Text)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    first_published: Mapped[str | None] = mapped_column(String(40))
    last_published: Mapped[str | None] = mapped_column(String(40))


class StoryArticleRow(Base):
    __tablename__ = "story_articles"

    story_id: Mapped[str] = mapped_column(String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    """A combined event: one real event, merged from the reports of one or more articles."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_lat_lon", "lat", "lon"), Index("ix_events_dates", "date_start", "date_end"))

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[str] = mapped_column(String(64), index=True)
    sub_type: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    place_name: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    date_value: Mapped[str | None] = mapped_column(String(40))
    date_start: Mapped[str | None] = mapped_column(String(10))  # first day the date value covers
    date_end: Mapped[str | None] = mapped_column(String(10))  # last day it covers
    time_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    story_id: Mapped[str | None] = mapped_column(String(64), index=True)
    plover: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class EventActorRow(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[str] = mapped_column(String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text, index=True)  # casefolded for filtering


class EventSourceRow(Base):
    __tablename__ = "event_sources"

    event_id: Mapped[str] = mapped_column(String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class DuplicateRow(Base):
    """An article found to repeat another (near-duplicate), as the combine step reports it."""

    __tablename__ = "duplicates"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    duplicate_of: Mapped[str] = mapped_column(String(64))
