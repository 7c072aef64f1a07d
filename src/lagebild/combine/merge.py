"""One event per real event: merge the reports of the same incident from several articles.

Two reports are of the same incident when

* their **type family** matches: the violent types (Battles, Explosions/Remote violence, Violence
  against civilians) merge when the type is the same or one report is the generic "Armed clash";
  Protests and Riots merge with each other; Strategic developments need the same sub-type;
* they have the same **status** (current, historical, future);
* their **places** are near: within ``max_km`` when both have coordinates, else the same name; a
  report without a place only joins a report of the same story;
* their **date windows overlap**: a date at ACLED precision 1 covers ±1 day, precision 2 ±4 days,
  precision 3 ±16 days (reports of one incident differ by a day or two).

The combined event lists every source article (with its evidence span) and every figure with its
claimant; ``fatalities.low`` is the most conservative figure (ACLED's rule), ``fatalities.high`` the
highest claim, so conflicting figures stay visible as a range. The type and sub-type are the most
reported; the date and place are the most precise reported.

:class:`EventMerger` works incrementally: combined events whose window lies more than ``horizon_days``
behind the newest report are closed, so memory stays bounded on a stream.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from lagebild.model import (
    CombinedEvent,
    Document,
    Event,
    EventDate,
    EventPlace,
    EventSource,
    Fatalities,
    Figure,
)

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_WINDOW_DAYS = {1: 1, 2: 4, 3: 16}
GENERIC_SUB_TYPES = ("Armed clash",)


def family(event_type: str, sub_type: str) -> str:
    """The family within which reports may merge."""
    if event_type in VIOLENT:
        return "violence"
    if event_type in ("Protests", "Riots"):
        return "demonstrations"
    return f"{event_type}:{sub_type}"


def date_window(event_date: EventDate | None) -> tuple[int, int] | None:
    """The days (as ordinals) a reported date may stand for."""
    if event_date is None or not event_date.value:
        return None
    value = event_date.value
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10]).toordinal()
            spread = _WINDOW_DAYS.get(event_date.precision, 31)
            return day - spread, day + spread
        if len(value) == 7:
            first = date(int(value[:4]), int(value[5:7]), 1).toordinal()
            return first - 3, first + 34
        year = int(value[:4])
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


def distance_km(a: EventPlace, b: EventPlace) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_key(place: EventPlace | None) -> str:
    return (place.name or place.text or "").casefold() if place else ""


@dataclass
class _Report:
    event: Event
    source: EventSource
    story_id: str | None


@dataclass
class _Builder:
    number: int
    family: str
    status: str
    reports: list[_Report] = field(default_factory=list)
    window: tuple[int, int] | None = None
    places: list[EventPlace] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    types: Counter[tuple[str, str]] = field(default_factory=Counter)
    doc_ids: set[str] = field(default_factory=set)

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        self.doc_ids.add(report.source.doc_id)
        window = date_window(report.event.date)
        if window is not None:
            self.window = window if self.window is None else (min(self.window[0], window[0]),
                                                              max(self.window[1], window[1]))
        if report.event.place is not None and all(_place_key(p) != _place_key(report.event.place) for p in self.places):
            self.places.append(report.event.place)
        if report.story_id:
            self.stories.add(report.story_id)
        self.types[(report.event.type, report.event.sub_type)] += 1


@dataclass
class EventMerger:
    """Incremental merging of event reports. ``add(doc, story_id)`` takes one article's events."""

    max_km: float = 25.0
    horizon_days: int = 60
    keep_state: bool = False
    _open: list[_Builder] = field(default_factory=list, init=False, repr=False)
    _states: list[BuilderState] = field(default_factory=list, init=False, repr=False)
    _done: list[CombinedEvent] = field(default_factory=list, init=False, repr=False)
    _count: int = field(default=0, init=False, repr=False)
    _now: int | None = field(default=None, init=False, repr=False)

    def _types_compatible(self, builder: _Builder, event: Event) -> bool:
        if event.type not in VIOLENT:
            return True
        for event_type, sub_type in builder.types:
            if event_type == event.type or sub_type in GENERIC_SUB_TYPES or event.sub_type in GENERIC_SUB_TYPES:
                return True
        return False

    def _place_matches(self, builder: _Builder, place: EventPlace | None, story_id: str | None) -> bool:
        if place is None or not builder.places:
            return bool(story_id and story_id in builder.stories)
        for other in builder.places:
            km = distance_km(place, other)
            if km is not None and km <= self.max_km:
                return True
            if _place_key(place) and _place_key(place) == _place_key(other):
                return True
        return False

    def _matches(self, builder: _Builder, event: Event, story_id: str | None, doc_id: str) -> bool:
        if builder.status != event.status or builder.family != family(event.type, event.sub_type):
            return False
        if doc_id in builder.doc_ids:
            return False  # the events stage already merged the reports inside one article
        if not self._types_compatible(builder, event):
            return False
        window = date_window(event.date)
        if window is not None and builder.window is not None and (
                window[1] < builder.window[0] or window[0] > builder.window[1]):
            return False
        if (window is None or builder.window is None) and not (story_id and story_id in builder.stories):
            return False
        return self._place_matches(builder, event.place, story_id)

    def add(self, doc: Document, story_id: str | None = None) -> list[str]:
        """Merge the events of one article; returns the combined event id of each of its events."""
        ids = []
        article = doc.article
        for event in doc.events:
            source = EventSource(doc.id, event.start, event.end, event.text, article.published,
                                 article.source, article.url)
            report = _Report(event, source, story_id)
            window = date_window(event.date)
            if window is not None:
                self._now = window[0] if self._now is None else max(self._now, window[0])
            builder = next((b for b in self._open if self._matches(b, event, story_id, doc.id)), None)
            if builder is None:
                self._count += 1
                builder = _Builder(self._count, family(event.type, event.sub_type), event.status)
                self._open.append(builder)
            builder.add(report)
            ids.append(_event_id(builder))
        self._close_old()
        return ids

    def _close_old(self) -> None:
        if self._now is None:
            return
        horizon = self._now - self.horizon_days
        still_open = []
        for builder in self._open:
            if builder.window is not None and builder.window[1] < horizon:
                self._done.append(self._emit(builder))
            else:
                still_open.append(builder)
        self._open = still_open

    def flush(self) -> list[CombinedEvent]:
        """Close every open combined event; returns all combined events not yet handed out."""
        self._done.extend(self._emit(b) for b in self._open)
        self._open = []
        done, self._done = self._done, []
        return done

    def _emit(self, builder: _Builder) -> CombinedEvent:
        if self.keep_state:
            self._states.append(builder_state(builder))
        return combined_event(builder)

    def states(self) -> list[BuilderState]:
        """With ``keep_state``: what an incremental merge needs to know of each combined event handed out
        so far (its window, places, stories, types and reports), in the order they were handed out."""
        states, self._states = self._states, []
        return states

    @property
    def count(self) -> int:
        """Combined events started so far."""
        return self._count

    def matches(self, builder: _Builder, event: Event, story_id: str | None, doc_id: str) -> bool:
        """Whether ``event`` (of article ``doc_id`` in story ``story_id``) is a report of ``builder``'s event."""
        return self._matches(builder, event, story_id, doc_id)


@dataclass(frozen=True)
class BuilderState:
    """A combined event as the incremental merge keeps it: enough to decide whether a new report joins
    it, and the reports (``(doc_id, start, end, story_id)``) to rebuild it from the stored events."""

    event_id: str
    number: int
    family: str
    status: str
    window: tuple[int, int] | None
    places: tuple[EventPlace, ...]
    stories: tuple[str, ...]
    types: tuple[tuple[str, str, int], ...]
    reports: tuple[tuple[str, int, int, str | None], ...]


def builder_state(builder: _Builder) -> BuilderState:
    return BuilderState(
        _event_id(builder), builder.number, builder.family, builder.status, builder.window,
        tuple(builder.places), tuple(sorted(builder.stories)),
        tuple((t, s, n) for (t, s), n in builder.types.items()),
        tuple((r.source.doc_id, r.source.start, r.source.end, r.story_id) for r in builder.reports))


def builder_from_state(state: BuilderState) -> _Builder:
    """A builder without its reports' events (enough for :meth:`EventMerger.matches`)."""
    builder = _Builder(state.number, state.family, state.status, window=state.window,
                       places=list(state.places), stories=set(state.stories),
                       types=Counter({(t, s): n for t, s, n in state.types}))
    builder.doc_ids = {doc_id for doc_id, _start, _end, _story in state.reports}
    return builder


def rebuild(state: BuilderState, reports: list[tuple[Event, EventSource, str | None]]) -> tuple[_Builder, CombinedEvent]:
    """The builder and combined event of ``reports`` (in order), numbered as ``state``."""
    builder = _Builder(state.number, state.family, state.status)
    for event, source, story_id in reports:
        builder.add(_Report(event, source, story_id))
    return builder, combined_event(builder)


def new_builder(number: int, event: Event) -> _Builder:
    return _Builder(number, family(event.type, event.sub_type), event.status)


def add_report(builder: _Builder, event: Event, source: EventSource, story_id: str | None) -> None:
    builder.add(_Report(event, source, story_id))


def _event_id(builder: _Builder) -> str:
    first = builder.reports[0].source
    digest = hashlib.sha256(f"{first.doc_id}:{first.start}:{first.end}".encode()).hexdigest()[:12]
    return f"event-{digest}"


def _most_precise_date(reports: list[_Report]) -> EventDate | None:
    dates = [r.event.date for r in reports if r.event.date is not None and r.event.date.value]
    if not dates:
        return None
    return min(dates, key=lambda d: (d.precision, d.value or ""))


def _most_precise_place(reports: list[_Report]) -> EventPlace | None:
    places = [r.event.place for r in reports if r.event.place is not None]
    if not places:
        return None
    counts = Counter(_place_key(p) for p in places)
    return min(places, key=lambda p: (p.precision, -counts[_place_key(p)]))


def combined_event(builder: _Builder) -> CombinedEvent:
    reports = builder.reports
    # the most reported (type, sub-type); a specific sub-type wins a tie against the generic one
    (event_type, sub_type), _ = min(builder.types.items(),
                                    key=lambda kv: (-kv[1], kv[0][1] in GENERIC_SUB_TYPES))
    figures: list[Figure] = []
    for report in reports:
        if report.event.fatalities:
            figures.extend(f for f in report.event.fatalities.figures if f not in figures)
    lows = [f.low for f in figures if f.low is not None]
    fatalities = None
    if lows:
        highs = [f.high if f.high is not None else f.low for f in figures]
        fatalities = Fatalities(min(lows), max(h for h in highs if h is not None), tuple(figures))
    else:
        reported = [r.event.fatalities for r in reports if r.event.fatalities and r.event.fatalities.low is not None]
        if reported:
            fatalities = Fatalities(min(f.low for f in reported if f.low is not None),
                                    max((f.high or f.low or 0) for f in reported), ())
    actors = tuple(dict.fromkeys(a for r in reports for a in (r.event.actor1, r.event.actor2) if a))
    plover = next((r.event.plover for r in reports if r.event.type == event_type and r.event.plover), None)
    stories = sorted(builder.stories)
    return CombinedEvent(_event_id(builder), event_type, sub_type, reports[0].event.status,
                         _most_precise_place(reports), _most_precise_date(reports), actors, fatalities,
                         tuple(r.source for r in reports), plover, stories[0] if stories else None)


def merge_events(documents: Iterable[Document], stories: dict[str, str] | None = None,
                 **options: object) -> list[CombinedEvent]:
    """Combined events of ``documents`` (in the order given); ``stories`` maps doc ids to story ids."""
    merger = EventMerger(**options)  # type: ignore[arg-type]
    for doc in documents:
        merger.add(doc, (stories or {}).get(doc.id))
    return merger.flush()
