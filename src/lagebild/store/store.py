"""The store: analysed articles, their facts, combined events, stories and conflicts in SQL.

SQLite (a file in WAL mode, no service) is the default; PostgreSQL serves many users. Both run the same
Alembic migrations on open and pass the same tests.

Ingest is idempotent: an article is identified by the hash of its text, and storing the same analysis
twice changes nothing. Storing an analysis from a different pipeline (a newer version, other stages)
replaces the article's facts in one transaction; an analysis from an older lagebild version than the
stored one is refused as stale, so the newest analysis wins whatever the order of runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, delete, event, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from lagebild.errors import StoreError
from lagebild.model import (
    Actor,
    Article,
    CombinedEvent,
    Conflict,
    Dateline,
    Document,
    Entity,
    Event,
    Figure,
    Place,
    Quote,
    Story,
    TimeExpression,
)
from lagebild.store.codec import from_plain, to_plain
from lagebild.store.models import (
    ArticleConflictRow,
    ArticleRow,
    DuplicateRow,
    EventActorRow,
    EventRow,
    EventSourceRow,
    FactRow,
    StoryArticleRow,
    StoryRow,
)
from lagebild.store.queries import QueryMixin

DEFAULT_URL = "sqlite:///var/lagebild.sqlite"

IngestStatus = Literal["new", "duplicate", "updated", "stale"]

# Document list attribute -> (fact kind, fact class, attribute used as the label column)
FACT_KINDS: dict[str, tuple[str, type, str | None]] = {
    "entities": ("entity", Entity, "label"),
    "actors": ("actor", Actor, "kind"),
    "places": ("place", Place, "role"),
    "times": ("time", TimeExpression, "type"),
    "figures": ("figure", Figure, "category"),
    "quotes": ("quote", Quote, "kind"),
    "events": ("event", Event, "type"),
}


@dataclass(frozen=True)
class CombineResult:
    """What the cross-article step found: stories, combined events and near-duplicate articles."""

    stories: tuple[Story, ...] = ()
    events: tuple[CombinedEvent, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (doc_id, duplicate_of)


def normalise_url(url: str | Path | None) -> str:
    """A SQLAlchemy URL from what a user types: a URL, or a plain path of an SQLite file."""
    if url is None or str(url) == "":
        return DEFAULT_URL
    text = str(url)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def _version_key(pipeline: str | None) -> tuple[int, ...]:
    match = re.match(r"lagebild (\d+(?:\.\d+)*)", pipeline or "")
    return tuple(int(p) for p in match.group(1).split(".")) if match else ()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def date_bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day an ISO date value covers: 2016-12 -> (2016-12-01, 2016-12-31)."""
    if not value:
        return None, None
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None, None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        import calendar

        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


class Store(QueryMixin):
    """A lagebild database. Open it with :meth:`Store.open`; it migrates itself to the newest schema."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | Path | None = None, migrate: bool = True) -> Store:
        """Open (and create or migrate) the database at ``url``: ``sqlite:///path``, a plain file path,
        ``sqlite://`` (in memory) or ``postgresql://user@host:port/db``."""
        full = normalise_url(url)
        try:
            parsed = make_url(full)
        except ArgumentError as exc:
            raise StoreError(f"{url}: not a database URL ({exc}); use sqlite:///FILE or postgresql://…") from None
        options: dict[str, Any] = {"future": True}
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            options["connect_args"] = {"check_same_thread": False, "timeout": 30}
            if database in ("", ":memory:"):
                options["poolclass"] = StaticPool
            else:
                try:
                    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"{url}: cannot create the folder of the database file: {exc}") from None
        elif parsed.get_backend_name() != "postgresql":
            raise StoreError(f"{url}: unsupported database {parsed.get_backend_name()!r}; use SQLite or PostgreSQL")
        try:
            engine = create_engine(parsed, **options)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"{url}: cannot open the database: {exc}") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, full)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (creating it in an empty database)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("lagebild.store").joinpath("migrations")))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"{self.display_url}: cannot open or migrate the database: {exc.orig}") from None

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def tables(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self) -> Session:
        return self._sessions()

    # --- ingest ----------------------------------------------------------------------------------

    def analysis_status(self, article: Article, pipeline: str | None) -> IngestStatus:
        """What :meth:`ingest` would do with an analysis of ``article`` by ``pipeline``, without
        running the pipeline: "new", "duplicate" (stored as is), "updated" or "stale"."""
        with self.session() as session:
            row = session.execute(
                select(ArticleRow.id, ArticleRow.pipeline).where(ArticleRow.content_hash == article.content_hash)
            ).first()
        if row is None:
            return "new"
        if row.pipeline == pipeline:
            return "duplicate"
        if _version_key(pipeline) < _version_key(row.pipeline):
            return "stale"
        return "updated"

    def ingest(self, doc: Document) -> IngestStatus:
        """Store an analysed article with its facts, in one transaction. Returns what happened:
        "new"; "duplicate" (the same text from the same pipeline is already stored: nothing changes);
        "updated" (a different pipeline: the facts are replaced); "stale" (stored facts come from a newer
        lagebild version: nothing changes)."""
        article = doc.article
        try:
            with self.session() as session, session.begin():
                row = session.execute(
                    select(ArticleRow).where(ArticleRow.content_hash == article.content_hash)
                ).scalar_one_or_none()
                if row is None:
                    clash = session.execute(select(ArticleRow.content_hash).where(ArticleRow.id == article.id)).first()
                    if clash is not None:
                        raise StoreError(
                            f"{article.id}: this id is already stored with a different text; give the article "
                            "another id (or none: the text's hash is used)"
                        )
                    now = _now()
                    session.add(ArticleRow(
                        id=article.id, content_hash=article.content_hash, url=article.url, source=article.source,
                        title=article.title, published=article.published, language=article.language,
                        text=article.text, dateline=to_plain(_with_doc_id(doc.dateline, article.id)), sentences=[list(s) for s in doc.sentences],
                        warnings=list(doc.warnings), pipeline=doc.pipeline, ingested_at=now, analysed_at=now,
                    ))
                    session.flush()
                    self._insert_facts(session, article.id, doc)
                    return "new"
                if row.pipeline == doc.pipeline:
                    return "duplicate"
                if _version_key(doc.pipeline) < _version_key(row.pipeline):
                    return "stale"
                doc_id = row.id
                session.execute(delete(FactRow).where(FactRow.doc_id == doc_id))
                session.execute(delete(ArticleConflictRow).where(ArticleConflictRow.doc_id == doc_id))
                row.pipeline = doc.pipeline
                row.dateline = to_plain(_with_doc_id(doc.dateline, doc_id))
                row.sentences = [list(s) for s in doc.sentences]
                row.warnings = list(doc.warnings)
                row.analysed_at = _now()
                self._insert_facts(session, doc_id, doc)
                return "updated"
        except SQLAlchemyError as exc:
            raise StoreError(f"{article.id}: cannot store the article: {exc}") from None

    def _insert_facts(self, session: Session, doc_id: str, doc: Document) -> None:
        rows: list[dict[str, Any]] = []
        for attribute, (kind, _cls, label_field) in FACT_KINDS.items():
            for position, fact in enumerate(getattr(doc, attribute)):
                fact = _with_doc_id(fact, doc_id)
                label = getattr(fact, label_field) if label_field else None
                rows.append({
                    "doc_id": doc_id, "kind": kind, "position": position, "start": fact.start, "end": fact.end,
                    "text": fact.text, "label": None if label is None else str(label)[:64], "data": to_plain(fact),
                })
        if rows:
            session.execute(insert(FactRow), rows)
        conflicts = [
            {"doc_id": doc_id, "position": position, "category": conflict.category, "place": conflict.place,
             "low": conflict.low, "high": conflict.high, "data": to_plain(_with_doc_id(conflict, doc_id))}
            for position, conflict in enumerate(doc.conflicts)
        ]
        if conflicts:
            session.execute(insert(ArticleConflictRow), conflicts)

    # --- documents back --------------------------------------------------------------------------

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """The stored articles as Documents with their facts (no spaCy Doc), in order of publication."""
        wanted = list(ids) if ids is not None else None
        with self.session() as session:
            query = select(ArticleRow).order_by(ArticleRow.published, ArticleRow.pk)
            if wanted is not None:
                query = query.where(ArticleRow.id.in_(wanted))
            articles = list(session.execute(query).scalars())
            for row in articles:
                yield self._document(session, row)

    def stored_id(self, content_hash: str) -> str | None:
        """The id under which the article with this text hash is stored (None when it is not)."""
        with self.session() as session:
            return session.execute(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash)
                                   ).scalar_one_or_none()

    def document(self, doc_id: str) -> Document | None:
        with self.session() as session:
            row = session.execute(select(ArticleRow).where(ArticleRow.id == doc_id)).scalar_one_or_none()
            return None if row is None else self._document(session, row)

    def _document(self, session: Session, row: ArticleRow) -> Document:
        article = Article(text=row.text, id=row.id, url=row.url, source=row.source, title=row.title,
                          published=row.published, language=row.language, content_hash=row.content_hash)
        doc = Document(article=article, pipeline=row.pipeline, sentences=[tuple(s) for s in row.sentences or []],
                       warnings=list(row.warnings or []))
        doc.dateline = from_plain(Dateline, row.dateline) if row.dateline else None
        kinds = {kind: (attribute, cls) for attribute, (kind, cls, _label) in FACT_KINDS.items()}
        facts = session.execute(
            select(FactRow.kind, FactRow.data).where(FactRow.doc_id == row.id).order_by(FactRow.kind, FactRow.position)
        )
        for kind, data in facts:
            if kind in kinds:
                attribute, cls = kinds[kind]
                getattr(doc, attribute).append(from_plain(cls, data))
        conflicts = session.execute(
            select(ArticleConflictRow.data).where(ArticleConflictRow.doc_id == row.id)
            .order_by(ArticleConflictRow.position)
        ).scalars()
        doc.conflicts = [from_plain(Conflict, data) for data in conflicts]
        return doc

    # --- results of the cross-article step -------------------------------------------------------

    def save_combined(self, result: CombineResult) -> None:
        """Replace the stored stories, combined events and duplicates with ``result``, in one transaction."""
        try:
            with self.session() as session, session.begin():
                for table in (EventSourceRow, EventActorRow, EventRow, StoryArticleRow, StoryRow, DuplicateRow):
                    session.execute(delete(table))
                known = set(session.execute(select(ArticleRow.id)).scalars())
                story_rows: list[dict[str, Any]] = []
                member_rows: list[dict[str, Any]] = []
                for story in result.stories:
                    story_rows.append({"id": story.id, "keywords": list(story.keywords),
                                       "first_published": story.first_published,
                                       "last_published": story.last_published})
                    member_rows.extend({"story_id": story.id, "doc_id": doc_id, "position": i}
                                       for i, doc_id in enumerate(dict.fromkeys(story.doc_ids)) if doc_id in known)
                event_rows: list[dict[str, Any]] = []
                actor_rows: list[dict[str, Any]] = []
                source_rows: list[dict[str, Any]] = []
                for position, combined in enumerate(result.events):
                    event_rows.append(_event_row(combined, position))
                    actor_rows.extend({"event_id": combined.id, "position": i, "name": name,
                                       "name_folded": name.casefold()} for i, name in enumerate(combined.actors))
                    source_rows.extend({"event_id": combined.id, "position": i, "doc_id": s.doc_id, "start": s.start,
                                        "end": s.end, "text": s.text, "published": s.published, "source": s.source,
                                        "url": s.url} for i, s in enumerate(combined.sources))
                duplicate_rows = [{"doc_id": d, "duplicate_of": o} for d, o in dict(result.duplicates).items()]
                for table, rows in ((StoryRow, story_rows), (StoryArticleRow, member_rows), (EventRow, event_rows),
                                    (EventActorRow, actor_rows), (EventSourceRow, source_rows),
                                    (DuplicateRow, duplicate_rows)):
                    if rows:
                        session.execute(insert(table), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot save stories and events: {exc}") from None

    def combined_events(self) -> Iterator[CombinedEvent]:
        """The stored combined events, in the order they were saved."""
        with self.session() as session:
            for data in session.execute(select(EventRow.data).order_by(EventRow.position)).scalars():
                yield from_plain(CombinedEvent, data)

    def stored_stories(self) -> list[Story]:
        with self.session() as session:
            stories = []
            for row in session.execute(select(StoryRow).order_by(StoryRow.first_published, StoryRow.id)).scalars():
                members = session.execute(
                    select(StoryArticleRow.doc_id).where(StoryArticleRow.story_id == row.id)
                    .order_by(StoryArticleRow.position)
                ).scalars()
                stories.append(Story(id=row.id, doc_ids=tuple(members), keywords=tuple(row.keywords or ()),
                                     first_published=row.first_published, last_published=row.last_published))
            return stories


def _with_doc_id(fact: Any, doc_id: str) -> Any:
    """The fact with ``doc_id`` set to the stored article's id (a pipeline run on an article read
    without an id gives its facts the content hash, which is the stored id too)."""
    from dataclasses import replace

    if fact is None or getattr(fact, "doc_id", doc_id) == doc_id:
        return fact
    return replace(fact, doc_id=doc_id)


def _event_row(combined: CombinedEvent, position: int) -> dict[str, Any]:
    place, date, fatalities = combined.place, combined.date, combined.fatalities
    start, end = date_bounds(date.value if date else None)
    return {
        "id": combined.id, "type": combined.type, "sub_type": combined.sub_type, "status": combined.status,
        "place_name": place.name if place else None, "country": place.country if place else None,
        "admin1": place.admin1 if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "geo_precision": place.precision if place else None,
        "date_value": date.value if date else None, "date_start": start, "date_end": end,
        "time_precision": date.precision if date else None,
        "fatalities_low": fatalities.low if fatalities else None,
        "fatalities_high": fatalities.high if fatalities else None,
        "story_id": combined.story_id, "plover": combined.plover, "position": position,
        "data": to_plain(combined),
    }


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def as_combine_result(result: Any) -> CombineResult:
    """Read what ``lagebild.combine.combine`` returns: an object with ``stories``, ``events`` (or
    ``combined_events``) and ``duplicates``, or a (stories, events, duplicates) tuple. Duplicates may be a
    mapping doc_id -> duplicate_of, (doc_id, duplicate_of) pairs, or objects with those attributes."""
    if isinstance(result, CombineResult):
        return result
    if isinstance(result, tuple) and len(result) == 3:
        stories, events, duplicates = result
    else:
        stories = getattr(result, "stories", ())
        events = getattr(result, "events", None)
        if events is None:
            events = getattr(result, "combined_events", ())
        duplicates = getattr(result, "duplicates", ())
    pairs: list[tuple[str, str]] = []
    if isinstance(duplicates, Mapping):
        pairs = [(str(k), str(v)) for k, v in duplicates.items()]
    else:
        for item in duplicates or ():
            if isinstance(item, tuple | list) and len(item) == 2:
                pairs.append((str(item[0]), str(item[1])))
            elif hasattr(item, "doc_id") and hasattr(item, "duplicate_of"):
                pairs.append((str(item.doc_id), str(item.duplicate_of)))
    return CombineResult(tuple(stories or ()), tuple(events or ()), tuple(pairs))
