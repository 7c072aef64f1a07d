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

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
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
    __table_args__ = (Index("ix_events_lat_lon", "lat", "lon"), Index("ix_events_dates", "date_start", "date_end"),
                      Index("ix_events_geo_page", "lat", "lon", "date_start", "position", "id"),
                      Index("ix_events_type_page", "type", "date_start", "position", "id"),
                      Index("ix_events_date_page", "date_start", "position", "date_end", "id"),
                      Index("ix_events_date_end", "date_end"))

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
    __table_args__ = (Index("ix_event_actors_name_event", "name_folded", "event_id"),)

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
    duplicate_of: Mapped[str] = mapped_column(String(64), index=True)


# --- what the incremental combine keeps (migration 0002) -------------------------------------------


class CombineMetaRow(Base):
    """Counters of the incremental combine: articles and documents counted for the word and entity
    frequencies, stories and combined events started, near-duplicate arrivals."""

    __tablename__ = "combine_meta"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class TermDfRow(Base):
    """Document frequency of a word stem (kind "w") or an entity name (kind "e")."""

    __tablename__ = "term_df"

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    term: Mapped[str] = mapped_column(String(255), primary_key=True)
    df: Mapped[int] = mapped_column(Integer)


class StoryStateRow(Base):
    """A story's centroids (word and entity weights) and days, for joining new articles to it."""

    __tablename__ = "story_state"

    story_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[int | None] = mapped_column(Integer)
    last_day: Mapped[int | None] = mapped_column(Integer, index=True)
    first_published: Mapped[str | None] = mapped_column(String(40))
    last_published: Mapped[str | None] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    words: Mapped[dict[str, Any]] = mapped_column(JSON)
    entities: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryTermRow(Base):
    """The inverted index of the stories' centroid words, with the story's last day (so that a lookup
    reads only the stories of its time window)."""

    __tablename__ = "story_terms"
    __table_args__ = (Index("ix_story_terms_term_day", "term", "last_day"),)

    story_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    term: Mapped[str] = mapped_column(String(255), primary_key=True)
    last_day: Mapped[int] = mapped_column(Integer)


class MinhashRow(Base):
    """An article's MinHash signature (near-duplicate detection)."""

    __tablename__ = "minhash"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    published: Mapped[str] = mapped_column(String(40))
    arrival: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class MinhashBandRow(Base):
    """One LSH band key of an article's signature."""

    __tablename__ = "minhash_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class EventStateRow(Base):
    """What the incremental merge knows of a combined event: its family, status, date window and (as
    JSON) places, stories, types and reports."""

    __tablename__ = "event_state"
    __table_args__ = (Index("ix_event_state_window", "family", "status", "window_end", "window_start"),)

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    family: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    window_start: Mapped[int | None] = mapped_column(Integer)
    window_end: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)


class EventStoryRow(Base):
    """A story a combined event's reports come from."""

    __tablename__ = "event_stories"

    story_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class EventCountRow(Base):
    """Events per type, sub-type and country ('' for none), kept by triggers on ``events`` (migration 0003)."""

    __tablename__ = "event_counts"

    type: Mapped[str] = mapped_column(String(64), primary_key=True)
    sub_type: Mapped[str] = mapped_column(String(128), primary_key=True)
    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)


class ActorNameRow(Base):
    """A distinct actor name (casefolded) with its number of event rows, kept by triggers (migration 0005)."""

    __tablename__ = "actor_names"

    name_folded: Mapped[str] = mapped_column(Text, primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)
