"""The REST API and the web page (FastAPI).

Read endpoints are open; writes (``POST /api/articles``) need ``Authorization: Bearer TOKEN`` and are
switched off when the server has no token. Every parameter is checked (page sizes, ISO dates, bounding
boxes, ids) and a bad one is answered with a 4xx naming it. Every response carries a strict
Content-Security-Policy; the page builds all article text into the DOM as text, never as markup.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Awaitable, Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from lagebild import __version__
from lagebild.errors import InputError
from lagebild.store import EventFilter, Store

MAX_LIMIT = 500
MAX_MAP_POINTS = 5000
MAX_POST_ARTICLES = 100
MAX_TEXT_CHARS = 200_000

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1..{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]

_ID = r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}$"


def static_dir() -> Path:
    return Path(str(resources.files("lagebild.serve").joinpath("static")))


def _iso_day(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise HTTPException(422, f"{name}: expected a date YYYY-MM-DD, got {value[:40]!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a real date") from None
    return value


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise HTTPException(422, "bbox: expected four numbers west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(422, f"bbox: {value[:80]!r} has a part that is not a number") from None
    if not all(-180 <= x <= 180 for x in (west, east)) or not all(-90 <= y <= 90 for y in (south, north)):
        raise HTTPException(422, "bbox: longitudes must lie in [-180, 180], latitudes in [-90, 90]")
    if south > north:
        raise HTTPException(422, "bbox: south is greater than north")
    return west, south, east, north


def _check_id(name: str, value: str) -> str:
    if not re.fullmatch(_ID, value):
        raise HTTPException(422, f"{name}: {value[:70]!r} is not a valid id (letters, digits, . _ : -, at most 64)")
    return value


def event_filter(
    type: Annotated[str | None, Query(max_length=64, description="ACLED event type")] = None,
    sub_type: Annotated[str | None, Query(max_length=128)] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees")] = None,
    date_from: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    actor: Annotated[str | None, Query(min_length=2, max_length=100, description="part of an actor name")] = None,
    story: Annotated[str | None, Query(max_length=64)] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    status: Annotated[str | None, Query(pattern=r"^(current|historical|future)$")] = None,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
) -> EventFilter:
    """The event filter of the query parameters (shared by the list, the overview and the map)."""
    start, end = _iso_day("date_from", date_from), _iso_day("date_to", date_to)
    if start and end and start > end:
        raise HTTPException(422, "date_from is after date_to")
    return EventFilter(type=type or None, sub_type=sub_type or None, bbox=_bbox(bbox), date_from=start, date_to=end,
                       actor=actor, story=_check_id("story", story) if story else None, country=country or None,
                       status=status or None, doc_id=_check_id("doc_id", doc_id) if doc_id else None)


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(default=None, pattern=_ID)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}")


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_POST_ARTICLES)


def create_app(store: Store, token: str | None = None, pipeline: Any = None) -> FastAPI:
    """The app over ``store``. ``token`` enables writes; ``pipeline`` (a :class:`~lagebild.pipeline.Pipeline`)
    replaces the default pipeline for ``POST /api/articles``."""
    app = FastAPI(
        title="lagebild", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
        description="Events, articles with grounded facts, stories and conflicting figures from German "
        "conflict news. Read endpoints are open; POST /api/articles needs a bearer token.",
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def require_token(request: Request) -> None:
        if not token:
            raise HTTPException(403, "writes are switched off: start the server with --token to allow them")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed for writes",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "database": store.dialect, "revision": store.revision()}

    @app.get("/api/facets")
    def facets() -> dict[str, Any]:
        """Event types, date range and countries, for the page's filters."""
        return store.facets()

    @app.get("/api/articles")
    def list_articles(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return store.article_summaries(limit, offset).as_dict()

    @app.get("/api/articles/{doc_id}")
    def get_article(doc_id: str) -> dict[str, Any]:
        """One article: its text and every fact with offsets, its combined events and story."""
        record = store.article(_check_id("doc_id", doc_id))
        if record is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        return record

    @app.get("/api/events")
    def list_events(where: Annotated[EventFilter, Depends(event_filter)], limit: Limit = 100,
                    offset: Offset = 0) -> dict[str, Any]:
        """Combined events by filter, ordered by date."""
        return store.events(where, limit, offset).as_dict()

    @app.get("/api/overview")
    def overview(
        where: Annotated[EventFilter, Depends(event_filter)],
        unit: Annotated[str | None, Query(pattern=r"^(day|week|month)$", description="bar width of the "
                                          "timeline; default: what suits the range shown")] = None,
    ) -> dict[str, Any]:
        """For the events a filter selects: their number, the box that holds them (the map fits it) and
        events and fatalities (lowest and highest claims summed) per day, week or month and event type."""
        from lagebild.serve.overview import event_overview

        return event_overview(store, where, unit)  # type: ignore[arg-type]

    @app.get("/api/map")
    def map_points(
        where: Annotated[EventFilter, Depends(event_filter)],
        max_points: Annotated[int, Query(ge=1, le=MAX_MAP_POINTS, description="more events in the box than "
                                         "this: grid cells instead of points")] = 2000,
        limit: Annotated[int, Query(ge=1, le=MAX_MAP_POINTS)] = 2000, offset: Offset = 0,
        grid: Annotated[int, Query(ge=1, le=64, description="cells a side of the grid")] = 48,
    ) -> dict[str, Any]:
        """The located events in ``bbox`` (the map's view) as light points, a page at a time; where more
        than ``max_points`` fall inside, grid cells with their counts."""
        from lagebild.serve.overview import map_view

        return map_view(store, where, max_points=max_points, limit=limit, offset=offset, grid=grid)

    @app.get("/api/events/{event_id}")
    def get_event(event_id: str) -> dict[str, Any]:
        record = store.event(_check_id("event_id", event_id))
        if record is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return record

    @app.get("/api/events/{event_id}/history")
    def get_event_history(event_id: str) -> dict[str, Any]:
        """How the numbers claimed for one event changed from report to report, per figure kind, with
        who claimed each and the sentence behind it."""
        from lagebild.store.history import event_history

        record = event_history(store, _check_id("event_id", event_id))
        if record is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return record

    @app.get("/api/stories/{story_id}/history")
    def get_story_history(story_id: str) -> dict[str, Any]:
        """A story's articles in time order and, for each of its events and figure kinds, the claims over
        time (number, claimant, article, sentence)."""
        from lagebild.store.history import story_history

        record = story_history(store, _check_id("story_id", story_id))
        if record is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return record

    @app.get("/api/stories")
    def list_stories(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return store.stories(limit, offset).as_dict()

    @app.get("/api/stories/{story_id}")
    def get_story(story_id: str) -> dict[str, Any]:
        record = store.story(_check_id("story_id", story_id))
        if record is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return record

    @app.get("/api/figures")
    def list_figures(
        limit: Limit = 100, offset: Offset = 0,
        category: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
        doc_id: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        return store.figures(category, _check_id("doc_id", doc_id) if doc_id else None, limit, offset).as_dict()

    @app.get("/api/conflicts")
    def list_conflicts(limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Conflicting figures within articles and across the reports of one event, with claimants."""
        return store.conflicts(limit, offset).as_dict()

    @app.get("/api/search")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=300, description="words to find (all of them)")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        """Full-text search over titles and texts; snippets mark matches with \\u0002 … \\u0003."""
        if not re.search(r"\w", q):
            raise HTTPException(422, "q: give at least one word")
        return {"query": q, "items": store.search(q, limit)}

    @app.get("/api/export/{fmt}")
    def export(fmt: str) -> Response:
        """All combined events as csv (ACLED columns + ours), geojson, parquet or jsonl."""
        from lagebild.export import FORMATS, MEDIA_TYPES, export_bytes, export_chunks

        if fmt not in FORMATS:
            raise HTTPException(404, f"unknown export format {fmt[:20]!r}; formats: {', '.join(FORMATS)}")
        headers = {"Content-Disposition": f'attachment; filename="lagebild-events.{FORMATS[fmt]}"'}
        if fmt == "parquet":
            return Response(export_bytes(store, fmt), media_type=MEDIA_TYPES[fmt], headers=headers)
        chunks: Iterator[str] = export_chunks(store, fmt)
        return StreamingResponse((c.encode("utf-8") for c in chunks), media_type=MEDIA_TYPES[fmt], headers=headers)

    @app.post("/api/articles", dependencies=[Depends(require_token)], status_code=200)
    def post_articles(body: ArticlesIn) -> dict[str, Any]:
        """Analyse and store articles (bearer token needed), then recombine stories and events."""
        from lagebild.ingest.text import normalise_date
        from lagebild.model import Article
        from lagebild.pipeline import default_pipeline
        from lagebild.store.batch import ingest_items, serial_analysis

        articles = []
        for number, item in enumerate(body.articles):
            try:
                published = normalise_date(item.published, f"articles[{number}].published") if item.published else None
            except InputError as exc:
                raise HTTPException(422, str(exc)) from None
            articles.append(Article(text=item.text, id=item.id or "", url=item.url, source=item.source,
                                    title=item.title, published=published))
        analyser = pipeline or default_pipeline()
        summary = ingest_items(store, articles, serial_analysis(analyser), analyser.version)
        return summary.as_dict()

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        detail = exc.detail if isinstance(exc, HTTPException) else "not found"
        return JSONResponse({"detail": detail}, status_code=404, headers=SECURITY_HEADERS)

    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        """Swagger UI over /api/openapi.json, from the server's own static files."""
        return FileResponse(static / "api-docs.html", media_type="text/html; charset=utf-8")

    return app
