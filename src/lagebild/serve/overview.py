"""What the web page's first view needs, computed in the database so that 100,000 events stay fluid.

- :func:`event_overview`: for the events a filter selects, how many there are, the box that holds
  them (the map fits it), and events and fatalities per day, week or month and ACLED event type (the
  timeline chart) — conservative (lowest) and highest figures summed separately.
- :func:`map_view`: the events inside the map's bounding box as light points (id, position, type,
  fatalities), paged; where more fall inside the box than the page can draw, cells of a grid with
  their counts instead.

Example::

    from lagebild.store import EventFilter, Store
    from lagebild.serve.overview import event_overview, map_view

    with Store.open("var/lagebild.sqlite") as store:
        overview = event_overview(store, EventFilter(type="Battles"))
        print(overview["bounds"], overview["unit"], overview["buckets"][:3])
        print(map_view(store, EventFilter(bbox=(35.0, 33.0, 38.0, 37.0)), max_points=2000)["mode"])
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Integer, and_, case, cast, func, select, true

from lagebild.errors import ConfigError
from lagebild.store.models import EventRow

if TYPE_CHECKING:
    from lagebild.store import EventFilter, Store

Unit = Literal["day", "week", "month"]
UNITS: tuple[Unit, ...] = ("day", "week", "month")
DAY_SPAN_MAX = 92  # up to a quarter: one bar per day
WEEK_SPAN_MAX = 731  # up to two years: one bar per week; beyond, per month
MAX_CELLS = 64 * 64


def unit_for_span(days: int) -> Unit:
    """The bar width that keeps a chart of ``days`` days readable: day, week (ISO, from Monday) or month."""
    if days <= DAY_SPAN_MAX:
        return "day"
    return "week" if days <= WEEK_SPAN_MAX else "month"


def bucket_start(day: str, unit: Unit) -> str:
    """The first day of the bar ``day`` falls in: 2024-03-13 → 2024-03-11 (week), 2024-03-01 (month)."""
    date = dt.date.fromisoformat(day)
    if unit == "week":
        date -= dt.timedelta(days=date.weekday())
    elif unit == "month":
        date = date.replace(day=1)
    return date.isoformat()


def bucket_end(start: str, unit: Unit) -> str:
    """The last day of the bar that begins on ``start``."""
    date = dt.date.fromisoformat(start)
    if unit == "day":
        return start
    if unit == "week":
        return (date + dt.timedelta(days=6)).isoformat()
    following = date.replace(year=date.year + (date.month == 12), month=date.month % 12 + 1, day=1)
    return (following - dt.timedelta(days=1)).isoformat()


def _conditions(store: Store, where: EventFilter) -> Any:
    return and_(true(), *store._event_conditions(where))


def event_overview(store: Store, where: EventFilter, unit: Unit | None = None) -> dict[str, Any]:
    """Counts, bounds and the timeline's bars for the events ``where`` selects.

    ``unit`` (day, week, month) defaults to what suits the dates shown: the filter's range where it
    gives one, else the range of the selected events. Each bar: ``{start, end, type, events,
    fatalities_low, fatalities_high}`` (an event without figures counts 0)."""
    if unit is not None and unit not in UNITS:
        raise ConfigError(f"unit: {unit!r} is not one of {', '.join(UNITS)}; choose one of them or none")
    condition = _conditions(store, where)
    with store.session() as session:
        total, first, last = session.execute(
            select(func.count(), func.min(EventRow.date_start), func.max(EventRow.date_start)).where(condition)
        ).one()
        located, west, south, east, north = session.execute(
            select(func.count(), func.min(EventRow.lon), func.min(EventRow.lat), func.max(EventRow.lon),
                   func.max(EventRow.lat)).where(condition, EventRow.lat.is_not(None), EventRow.lon.is_not(None))
        ).one()
        days = session.execute(
            select(EventRow.date_start, EventRow.type, func.count(), func.sum(func.coalesce(EventRow.fatalities_low, 0)),
                   func.sum(func.coalesce(EventRow.fatalities_high, EventRow.fatalities_low, 0)))
            .where(condition, EventRow.date_start.is_not(None)).group_by(EventRow.date_start, EventRow.type)
        ).all()
    range_from = where.date_from or first
    range_to = where.date_to or last
    span = (dt.date.fromisoformat(range_to) - dt.date.fromisoformat(range_from)).days + 1 if range_from and range_to else 1
    chosen: Unit = unit or unit_for_span(span)
    bars: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, event_type, count, low, high in days:
        if day is None:
            continue
        bar = bars[(bucket_start(day, chosen), event_type)]
        bar[0] += int(count)
        bar[1] += int(low or 0)
        bar[2] += int(high or 0)
    buckets = [{"start": start, "end": bucket_end(start, chosen), "type": event_type, "events": n,
                "fatalities_low": low, "fatalities_high": high}
               for (start, event_type), (n, low, high) in sorted(bars.items())]
    return {
        "total": int(total), "located": int(located),
        "bounds": [west, south, east, north] if located else None,
        "date_min": first, "date_max": last, "range_from": range_from, "range_to": range_to,
        "unit": chosen, "buckets": buckets,
        "types": sorted({b["type"] for b in buckets}),
    }


def _cell_index(dialect: str, position: Any, grid: int) -> Any:
    """The whole cells before a non-negative ``position`` (SQLite's cast truncates, PostgreSQL's rounds),
    the last cell holding the box's far edge."""
    whole = cast(func.floor(position), Integer) if dialect == "postgresql" else cast(position, Integer)
    return case((whole > grid - 1, grid - 1), else_=whole)


_POINT_COLUMNS = (EventRow.id, EventRow.lat, EventRow.lon, EventRow.type, EventRow.sub_type,
                  EventRow.fatalities_low, EventRow.fatalities_high, EventRow.date_value, EventRow.place_name)


def map_view(store: Store, where: EventFilter, max_points: int = 2000, limit: int = 2000, offset: int = 0,
             grid: int = 48) -> dict[str, Any]:
    """The located events ``where`` selects (its ``bbox`` is the map's view), as points or as grid cells.

    Up to ``max_points`` events in the box: ``{"mode": "points", "total", "limit", "offset", "points"}``,
    a page of ``limit`` points from ``offset`` (the biggest tolls first, so a partial page shows what
    matters). More: ``{"mode": "cells", "total", "cells"}``, the box cut into ``grid`` × ``grid`` cells,
    each with its event count, fatalities, the mean position of its events and the most frequent type."""
    if not 1 <= grid <= 64:
        raise ConfigError(f"grid: {grid} cells a side is outside 1..64; give a number in that range")
    condition = and_(_conditions(store, where), EventRow.lat.is_not(None), EventRow.lon.is_not(None))
    with store.session() as session:
        total = int(session.execute(select(func.count()).select_from(EventRow).where(condition)).scalar_one())
        if total <= max_points:
            rows = session.execute(
                select(*_POINT_COLUMNS).where(condition)
                .order_by(func.coalesce(EventRow.fatalities_low, -1).desc(), EventRow.date_start, EventRow.id)
                .limit(limit).offset(offset)
            ).all()
            points = [{"id": r.id, "lat": r.lat, "lon": r.lon, "type": r.type, "sub_type": r.sub_type,
                       "low": r.fatalities_low, "high": r.fatalities_high, "date": r.date_value,
                       "place": r.place_name} for r in rows]
            return {"mode": "points", "total": total, "limit": limit, "offset": offset, "points": points}
        west, south, east, north = where.bbox or (-180.0, -90.0, 180.0, 90.0)
        if west > east:  # across the antimeridian: cells over the whole width of the world
            west, east = -180.0, 180.0
        width, height = max(east - west, 1e-9) / grid, max(north - south, 1e-9) / grid
        column = _cell_index(store.dialect, (EventRow.lon - west) / width, grid)
        row = _cell_index(store.dialect, (EventRow.lat - south) / height, grid)
        cells: dict[tuple[int, int], dict[str, Any]] = {}
        for x, y, event_type, count, low, mean_lat, mean_lon in session.execute(
            select(column, row, EventRow.type, func.count(), func.sum(func.coalesce(EventRow.fatalities_low, 0)),
                   func.avg(EventRow.lat), func.avg(EventRow.lon))
            .where(condition).group_by(column, row, EventRow.type)
        ):
            cell = cells.setdefault((int(x), int(y)), {"events": 0, "fatalities_low": 0, "lat": 0.0, "lon": 0.0,
                                                       "types": {}})
            cell["events"] += int(count)
            cell["fatalities_low"] += int(low or 0)
            cell["lat"] += float(mean_lat) * int(count)
            cell["lon"] += float(mean_lon) * int(count)
            cell["types"][event_type] = int(count)
    out = []
    for (x, y), cell in sorted(cells.items()):
        n = cell["events"]
        out.append({"x": x, "y": y, "events": n, "fatalities_low": cell["fatalities_low"],
                    "lat": round(cell["lat"] / n, 5), "lon": round(cell["lon"] / n, 5),
                    "type": max(cell["types"].items(), key=lambda item: (item[1], item[0]))[0],
                    "bounds": [west + x * width, south + y * height, west + (x + 1) * width, south + (y + 1) * height]})
    return {"mode": "cells", "total": total, "grid": grid, "cells": out}


__all__ = ["UNITS", "bucket_end", "bucket_start", "event_overview", "map_view", "unit_for_span"]
