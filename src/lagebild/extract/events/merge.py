"""Reports of one incident inside an article become one event: reports of the same place and sub-type
(or one of them generic) merge; a report with no time and no place of its own joins the last incident
of its kind; violence by a protest's protesters makes the protest a riot; the lead's summary at a region
and the report at a town inside it on the same day are one incident at the town. The most specific
report names the event; figures and actors are pooled, the fatalities counted as ACLED counts them."""

from __future__ import annotations

from dataclasses import replace

from lagebild.model import Event, EventPlace, Fatalities, Figure

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def fatalities_of(figures: list[Figure] | tuple[Figure, ...]) -> Fatalities | None:
    """ACLED's rule: ``low`` is the most conservative figure; ``high`` the highest claim; all are kept."""
    lows = [f.low for f in figures if f.low is not None]
    if not lows:
        return None
    highs = [f.high if f.high is not None else f.low for f in figures]
    return Fatalities(min(lows), max(h for h in highs if h is not None), tuple(figures))


def same_place(a: EventPlace | None, b: EventPlace | None) -> bool:
    if a is None or b is None:
        return True
    return (a.name or a.text or "").casefold() == (b.name or b.text or "").casefold()


def _generic_fits(kept: Event, event: Event) -> bool:
    """A generic report ("Angriff", "Anschlag", "getötet") told before a specific one is the same
    incident only where the specific report has its type, or where an unspecified attack turns out a
    bombing: a "Bodenoffensive" told before artillery fire is another event. (A generic report told
    after a specific one refers back to it.)"""
    types = {kept.type, event.type}
    return len(types) == 1 or types == _ATTACK_AND_BOMBING


_ATTACK_AND_BOMBING = frozenset({"Violence against civilians", "Explosions/Remote violence"})


_PROTEST_SEVERITY = (
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence",
)


def _family(event: Event, generic: bool) -> str:
    """Which reports may tell one incident: the same type (any violence for a generic report), protest
    and riot, else the same sub-type."""
    if event.type in VIOLENT:
        return "violence" if generic else event.type
    if event.type in ("Protests", "Riots"):
        return "protest"
    return event.sub_type


def _merge_weak(merged: list[tuple[Event, bool, int]], event: Event, generic: bool) -> bool:
    """A report with no time and no place of its own (:func:`_weak`) goes on telling an incident of its
    kind told before ("Bei einem Luftangriff auf Adi … Durch die Bomben wurden …"): the last one of its
    sub-type, else the last one of its kind. It joins it, a protest taking the more forceful sub-type
    ("Dabei sei eine Person festgenommen worden"), the incident taking a town it names inside the region
    the incident was told in. True where it joined one."""
    family = _family(event, generic)
    fits = [
        i for i, (kept, _, _) in enumerate(merged)
        if kept.status == event.status and family in (_family(kept, False), _family(kept, True))
    ]
    if not fits:
        return False
    i = next((k for k in reversed(fits) if merged[k][0].sub_type == event.sub_type), fits[-1])
    kept, kept_generic, kept_rank = merged[i]
    primary = kept
    if family == "protest" and _severity(event) > _severity(kept):
        primary = replace(kept, type=event.type, sub_type=event.sub_type)
    if _finer_inside(event.place, primary.place):
        primary = replace(primary, place=event.place)
    merged[i] = (_pooled(primary, event), kept_generic, kept_rank)
    return True


def _severity(event: Event) -> int:
    return _PROTEST_SEVERITY.index(event.sub_type) if event.sub_type in _PROTEST_SEVERITY else -1


def _finer_inside(place: EventPlace | None, region: EventPlace | None) -> bool:
    """Whether ``region`` is a region (ACLED precision 3) and ``place`` a more precise place that may lie
    inside it (same country, and the same first-order division where the region has one); a town placed
    "südlich von" another (precision 2) is no region."""
    return (
        place is not None
        and region is not None
        and region.precision >= 3
        and place.precision < region.precision
        and place.country == region.country
        and (region.admin1 is None or region.admin1 == place.admin1)
    )


def _pooled(primary: Event, other: Event) -> Event:
    """``primary`` with the place, date, actors and figures ``other`` adds to it."""
    known = set(primary.fatalities.figures) if primary.fatalities else set()  # a set: linear time
    figures = (primary.fatalities.figures if primary.fatalities else ()) + tuple(
        f for f in (other.fatalities.figures if other.fatalities else ()) if f not in known
    )
    dates = [d for d in (primary.date, other.date) if d is not None]
    best_date = min(dates, key=lambda d: (d.precision, 0 if d is primary.date else 1)) if dates else None
    actors = primary.actors + tuple(a for a in other.actors if a not in primary.actors)
    return replace(
        primary,
        place=primary.place or other.place,
        date=best_date,
        actors=actors,
        actor1=primary.actor1 or other.actor1,
        actor2=primary.actor2 or other.actor2,
        fatalities=fatalities_of(figures),
    )


def _merge_into_protest(merged: list[tuple[Event, bool, int]], event: Event) -> bool:
    """Violence by the protesters of a protest told before at its place ("seien von Demonstranten
    Handgranaten geworfen worden") makes that protest a riot, ACLED's violent demonstration, and joins it."""
    if event.type not in VIOLENT or not (event.actor1 or "").startswith(_PROTESTER_ACTORS):
        return False
    for i in range(len(merged) - 1, -1, -1):
        kept, kept_generic, kept_rank = merged[i]
        if kept.status == event.status and kept.type in ("Protests", "Riots") and same_place(kept.place, event.place):
            riot = kept if kept.type == "Riots" else replace(kept, type="Riots", sub_type="Violent demonstration")
            merged[i] = (_pooled(riot, event), kept_generic, kept_rank)
            return True
    return False


_PROTESTER_ACTORS = ("Protesters", "Rioters")


def _merge_same_day_inside(merged: list[tuple[Event, bool, int]], event: Event) -> bool:
    """Two reports of one sub-type on the same day, one placed at a region and one at a place that may
    lie in it, are one incident at that place: the lead's summary ("Bei Unruhen in Xinjiang wurden am
    Mittwoch 35 Personen getötet") and the detailed report ("ein Mob in der Großgemeinde Lukeqin")."""
    if event.date is None or event.date.precision != 1:
        return False
    for i, (kept, kept_generic, kept_rank) in enumerate(merged):
        if (
            kept.status != event.status
            or kept.sub_type != event.sub_type
            or kept.date is None
            or kept.date.precision != 1
            or kept.date.value != event.date.value
        ):
            continue
        if _finer_inside(event.place, kept.place):
            merged[i] = (_pooled(replace(kept, place=event.place), event), kept_generic, kept_rank)
            return True
        if _finer_inside(kept.place, event.place):
            merged[i] = (_pooled(kept, event), kept_generic, kept_rank)
            return True
    return False


def merge_within(
    events: list[tuple[Event, int, bool, int]], weak: set[int] | None = None, counter: set[int] | None = None
) -> list[Event]:
    """Merge reports of one event inside an article: same status, same place, same sub-type (or one of
    them generic); a report with no time and no place of its own joins the last one of its kind
    (:func:`_merge_weak`). The most specific report names the event; figures and actors are pooled.
    Counter-protests (indices in ``counter``) merge only among themselves: a protest and the
    counter-protest against it are two events."""
    if counter:
        weak = weak or set()
        sides = (
            [k for k in range(len(events)) if k not in counter],
            [k for k in range(len(events)) if k in counter],
        )
        out: list[Event] = []
        for side in sides:
            out += _merge_side([events[k] for k in side], {i for i, k in enumerate(side) if k in weak})
        return sorted(out, key=lambda e: e.start)
    return _merge_side(events, weak)


def _merge_side(events: list[tuple[Event, int, bool, int]], weak: set[int] | None) -> list[Event]:
    merged: list[tuple[Event, bool, int]] = []
    for index, (event, _, generic, rank) in enumerate(events):
        if weak and index in weak and _merge_weak(merged, event, generic):
            continue
        if _merge_into_protest(merged, event) or _merge_same_day_inside(merged, event):
            continue
        for i, (kept, kept_generic, kept_rank) in enumerate(merged):
            if kept.status != event.status or not same_place(kept.place, event.place):
                continue
            referred = (kept.type, kept.sub_type, kept.place, kept.date) == (
                event.type, event.sub_type, event.place, event.date
            )  # a report that refers back took its event's slots
            same_day = kept.date is not None and event.date is not None and kept.date.value == event.date.value
            if not referred and (kept.place is None or event.place is None) and (
                kept.sub_type != event.sub_type or ((generic or kept_generic) and not same_day)
            ):
                continue  # without a place only reports of the same sub-type merge, a generic one on the same day
            if not (
                kept.sub_type == event.sub_type
                or generic
                or (kept_generic and _generic_fits(kept, event))
                or (kept.type == event.type == "Protests" and kept.plover == event.plover)
            ):  # arrests at a protest told apart from it are reported as their own event
                continue
            primary, other = (event, kept) if (kept_generic and not generic) else (kept, event)
            merged[i] = (
                _pooled(primary, other),
                kept_generic and generic,
                max(rank, kept_rank),
            )
            break
        else:
            merged.append((event, generic, rank))
    return [event for event, _, _ in merged]
