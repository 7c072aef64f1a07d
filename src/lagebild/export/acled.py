"""Combined events as flat rows with ACLED's column names, plus lagebild's own columns.

``inter1``/``inter2`` are ACLED's actor type codes (1 state forces … 8 external/other) of actors found in
the actor dictionary (``lang/de/actors.json``), and ``interaction`` combines them the way ACLED does
(lower code first; ``10``, ``20`` … for an actor acting alone); they stay empty for actors the dictionary
does not know. ACLED columns we cannot fill from news text alone (assoc_actor_*, region, admin2/3,
source_scale) are present and empty, so the file loads into tools built for ACLED data.
Our columns: fatalities_low/high (the range of all claims; ACLED's ``fatalities`` is the most
conservative figure, i.e. fatalities_low), claimants (who claims which figure), evidence (the text
spans the event was read from), and the ids that lead back to the articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any

from lagebild.model import CombinedEvent, Figure

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "fatalities_low", "fatalities_high", "claimants", "evidence", "status", "date_value", "story_id",
    "doc_ids", "event_id", "plover",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

# Column types for typed outputs (Parquet); everything else is a string.
INTEGER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                             "fatalities", "timestamp", "fatalities_low", "fatalities_high"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@cache
def _country(alpha2: str | None) -> tuple[str, str, int | None]:
    """(ISO3, name, ISO numeric) of an ISO2 code; empty where unknown."""
    if not alpha2:
        return "", "", None
    import pycountry

    record = pycountry.countries.get(alpha_2=alpha2.upper())
    if record is None:
        return "", alpha2.upper(), None
    name = getattr(record, "common_name", None) or record.name
    return record.alpha_3, name, int(record.numeric)


@cache
def _inter_codes() -> dict[str, int]:
    """ACLED inter code of each canonical actor name in the actor dictionary."""
    from lagebild.extract.entities.actors import lexicon

    return {entry.name.casefold(): entry.inter for entry in lexicon().entries.values() if entry.inter}


# ACLED-style generic names the events stage gives actor nouns ("Military Forces of Sudan").
_GENERIC_INTER = (("military forces of ", 1), ("police forces of ", 1), ("rebels (", 2), ("separatists (", 2),
                  ("militia (", 3), ("unidentified armed group (", 3), ("rioters (", 5), ("protesters (", 6),
                  ("civilians (", 7))


def inter_code(actor: str) -> int | None:
    """ACLED inter code (1..8) of a canonical actor name from the actor dictionary or of a generic
    ACLED-style name ("Unidentified Armed Group (Syria)" → 3); None where neither knows it."""
    if not actor:
        return None
    folded = actor.casefold()
    code = _inter_codes().get(folded)
    if code is None:
        code = next((c for prefix, c in _GENERIC_INTER if folded.startswith(prefix)), None)
    return code


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both inter codes, the lower first; ``N0`` for one actor alone."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _figure_claim(figure: Figure) -> str:
    if figure.low is not None and figure.high is not None and figure.high != figure.low:
        value = f"{figure.low}-{figure.high}"
    elif figure.low is not None:
        value = str(figure.low) + ("+" if figure.approx in ("at_least", "more_than") else "")
    else:
        value = "?"
    if figure.approx == "about":
        value = "~" + value
    who = figure.claimant.text if figure.claimant else "unattributed"
    return f"{who}: {value} {figure.category} ({figure.doc_id})"


def _epoch(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return int(datetime.fromisoformat(day[:10]).replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None


def _note(event: CombinedEvent, day: str, location: str, country: str, claims_differ: bool) -> str:
    parts = [f"On {day or 'an unknown date'}, {event.sub_type.lower() or event.type.lower()}"]
    if location:
        parts.append(f" in {location}" + (f" ({country})" if country and country != location else ""))
    if event.actors:
        parts.append(f"; actors: {', '.join(event.actors)}")
    fatalities = event.fatalities
    if fatalities and fatalities.low is not None:
        if fatalities.high is not None and fatalities.high != fatalities.low:
            parts.append(f"; {fatalities.low}-{fatalities.high} fatalities")
        else:
            parts.append(f"; {fatalities.low} fatalities")
        if claims_differ:
            parts.append(" (claims differ)")
    if event.status != "current":
        parts.append(f"; {event.status} event")
    parts.append(f". Reported by {len(event.sources)} article(s).")
    return "".join(parts)


def acled_row(event: CombinedEvent) -> dict[str, Any]:
    """One combined event as a flat row with :data:`COLUMNS` as keys."""
    from lagebild.store.store import date_bounds

    place, date, fatalities = event.place, event.date, event.fatalities
    iso3, country, numeric = _country(place.country if place else None)
    first_day, _last_day = date_bounds(date.value if date else None)
    day = first_day or ""
    figures = fatalities.figures if fatalities else ()
    claims_differ = len({(f.low, f.high) for f in figures}) > 1
    location = (place.name or place.text or "") if place else ""
    published = sorted(s.published for s in event.sources if s.published)
    actor1 = event.actors[0] if event.actors else ""
    actor2 = event.actors[1] if len(event.actors) > 1 else ""
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    row: dict[str, Any] = {
        "event_id_cnty": f"{iso3 or 'XXX'}{event.id}",
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": date.precision if date else None,
        "disorder_type": _DISORDER.get(event.type, ""),
        "event_type": event.type,
        "sub_event_type": event.sub_type,
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if event.type == "Violence against civilians" else "",
        "iso": numeric,
        "region": "",
        "country": country,
        "admin1": (place.admin1 or "") if place else "",
        "admin2": "",
        "admin3": "",
        "location": location,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "source": "; ".join(dict.fromkeys(s.source for s in event.sources if s.source)),
        "source_scale": "",
        "notes": _note(event, day, location, country, claims_differ),
        "fatalities": fatalities.low if fatalities and fatalities.low is not None else 0,
        "tags": "conflicting fatality figures" if claims_differ else "",
        "timestamp": _epoch(published[-1]) if published else None,
        "fatalities_low": fatalities.low if fatalities else None,
        "fatalities_high": fatalities.high if fatalities else None,
        "claimants": "; ".join(_figure_claim(f) for f in figures),
        "evidence": " | ".join(f"{s.doc_id}[{s.start}:{s.end}] {s.text}" for s in event.sources),
        "status": event.status,
        "date_value": date.value if date else None,
        "story_id": event.story_id,
        "doc_ids": ";".join(dict.fromkeys(s.doc_id for s in event.sources)),
        "event_id": event.id,
        "plover": event.plover,
    }
    return row


def acled_rows(events: Iterable[CombinedEvent]) -> Iterator[dict[str, Any]]:
    for event in events:
        yield acled_row(event)
