"""Event dates from TIMEX3 values: the ACLED time precision (1 day, 2 week, 3 month, 4 year) and a
representative day, clamped to the calendar's range (a week's Wednesday, a weekend's Saturday, the
middle of a month). A night named by the weekday after the publication day began on that day; a time
in a clause of telling dates the report, not the event (:func:`reporting_time`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from lagebild.model import EventDate

TIMEX_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TIMEX_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!-?\d)")
_TIMEX_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_TIMEX_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE$")
_TIMEX_YEAR = re.compile(r"^(\d{4})$")
_DURATION = re.compile(r"^P(T?)(\d+|X)([YMWDH])$")
_PAST_WINDOW = ("letzten", "vergangenen", "zurückliegenden")
_MOD_DAY = {"START": 5, "EARLY": 5, "MID": 15, "END": 25, "LATE": 25}


def iso_day(value: str | None) -> date | None:
    if not value:
        return None
    m = TIMEX_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def shift_day(day: date, days: int) -> date:
    """``day`` moved by ``days``, clamped to the calendar's range (a published date of 0001-01-01 or
    9999-12-31 in a feed must not break the arithmetic)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _not_after_publication(day: date, published: date | None, first: date, last: date) -> date:
    """The representative ``day`` of a period from ``first`` to ``last``, moved back to the publication
    date when the period is still running then ("im Juni", published on 8 June, is not the future)."""
    if published is not None and first <= published <= last and day > published:
        return published
    return day


_WEEKDAY = re.compile(
    r"^(?:am\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)"
    r"(?:s?(?:morgen|vormittag|mittag|nachmittag|abend|nacht))?$",
    re.IGNORECASE,
)


def weekday_of_publication(text: str, day: date, published: date | None) -> date:
    """A bare weekday that names the publication day's weekday is that day, not the same weekday a week
    later: "Am Montagabend demonstrieren 350 Menschen" in a report of Monday tells of that Monday (a
    report of next week's would say "am kommenden Montag", "nächsten Montag")."""
    if published is not None and day == shift_day(published, 7) and _WEEKDAY.match(text.strip()):
        return published
    return day


_NIGHT_BEFORE = re.compile(
    r"^(?:in\s+)?(?:der\s+)?nacht\s+(?:zu|zum|auf|auf\s+den)\s+"
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)$",
    re.IGNORECASE,
)


_CLAUSE_EDGE = re.compile(r"[,;:.!?()\n]")
_REPORTING = re.compile(
    r"\b(?:mitteilte|mitteilten|mitgeteilt|berichtete|berichteten|meldete|meldeten|sagte|sagten|erklärte|erklärten"
    r"|bestätigte|bestätigten|bekanntgab|bekanntgaben)\b"
    r"|\b(?:teilte|teilten)\b.*\bmit\b|\b(?:gab|gaben)\b.*\bbekannt\b",
    re.IGNORECASE,
)


def reporting_time(text: str, start: int, end: int) -> bool:
    """Whether the time at ``start``–``end`` dates a report, not what it reports: its clause is one of
    telling ("wie die Polizei am Dienstag mitteilte", "teilte ein Sprecher am Samstag mit", "sagte er am
    Montag"). The clause runs between the punctuation marks around the time."""
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    right_match = _CLAUSE_EDGE.search(text, end, end + 200)
    right = right_match.start() if right_match else min(len(text), end + 200)
    return _REPORTING.search(text[left:right]) is not None


def night_of_publication(text: str, day: date, published: date | None) -> date:
    """A night named by the weekday after the publication day began on the publication day: "in der Nacht
    auf Samstag" in a report of Friday is the night from that Friday, not from the Friday a week before
    (the time stage reads the weekday back into the past; a report of a night a week old names its date)."""
    if published is not None and day == shift_day(published, -7) and _NIGHT_BEFORE.match(text.strip()):
        return published
    return day


def named_day_of_night(text: str, value: str, day: date, published: date | None) -> date:
    """A night named by the weekday it leads to is dated by that weekday, as a chronicle dates it: "in der
    Nacht zum Mittwoch" (the time stage's night that begins on Tuesday) is Wednesday's incident, where
    that Wednesday is not after publication; in a report of the evening before ("in der Nacht auf
    Samstag" on Friday) it stays the night's first day, which is no future."""
    if not value.endswith("TNI") or not _NIGHT_BEFORE.match(text.strip()):
        return day
    named = shift_day(day, 1)
    return named if published is None or named <= published else day


def past_weekday(text: str, day: date | None, published: date | None) -> date | None:
    """The day a bare weekday names in a clause that reports something past, where the time stage read it
    forward: "Am Freitag sollen 100 Personen eine Polizeistation angegriffen haben" in a Sunday report is
    the Friday before, not the next one. None when the day needs no change (not after publication, not a
    bare weekday: "am kommenden Freitag" stays next week's)."""
    if day is None or published is None or day <= published or not _WEEKDAY.match(text.strip()):
        return None
    earlier = shift_day(day, -7)
    return earlier if earlier <= published else None


def timex_date(
    value: str, mod: str | None, text: str, published: date | None
) -> tuple[EventDate, date] | None:
    """An :class:`EventDate` and its representative day from a TIMEX3 value, or None if unresolvable."""
    m = TIMEX_DAY.match(value)
    if m:
        day = iso_day(value)
        if day is None:
            return None
        day = night_of_publication(text, weekday_of_publication(text, day, published), published)
        day = named_day_of_night(text, value, day, published)
        return EventDate(day.isoformat(), 1), day
    m = _TIMEX_WEEKEND.match(value)
    if m:  # "am Wochenende": its Saturday, a day from either weekend day
        try:
            day = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6)
        except ValueError:
            return None
        return EventDate(day.isoformat(), 2), _not_after_publication(day, published, day, shift_day(day, 1))
    m = _TIMEX_WEEK.match(value)
    if m:
        try:
            day = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 3)
        except ValueError:
            return None
        return EventDate(day.isoformat(), 2), _not_after_publication(
            day, published, shift_day(day, -2), shift_day(day, 4)
        )
    m = _TIMEX_MONTH.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        month_day = _day(year, month, _MOD_DAY.get(mod or "", 15))
        if not month_day:
            return None
        first = month_day.replace(day=1)
        last = shift_day(first.replace(day=28), 4).replace(day=1) - timedelta(days=1)
        return EventDate(f"{year:04d}-{month:02d}", 3), _not_after_publication(
            month_day, published, first, last
        )
    m = _TIMEX_YEAR.match(value)
    if m:
        year_day = _day(int(m.group(1)), 7, 1)
        if not year_day:
            return None
        return EventDate(m.group(1), 4), _not_after_publication(
            year_day, published, year_day.replace(month=1, day=1), year_day.replace(month=12, day=31)
        )
    if published is None:
        return None
    if value == "PRESENT_REF":
        return EventDate(published.isoformat(), 2), published
    if value == "PAST_REF":
        return EventDate(published.isoformat(), 3), published
    if value == "FUTURE_REF":
        return EventDate(published.isoformat(), 3), shift_day(published, 1)
    m = _DURATION.match(value)
    if m and m.group(2) != "X" and any(w in text.lower() for w in _PAST_WINDOW):
        amount = int(m.group(2))
        unit = m.group(3)
        if m.group(1):  # PT…: hours or minutes
            days = amount // 24 if unit == "H" else 0
        else:
            days = amount * {"D": 1, "W": 7, "M": 30, "Y": 365}[unit]
        days = max(days, 1)
        middle = shift_day(published, -(days // 2 if days > 1 else 0))
        precision = 1 if days <= 1 else 2 if days <= 14 else 3
        return EventDate(middle.isoformat(), precision), middle
    return None


# --- per-article context ----------------------------------------------------------------------------
