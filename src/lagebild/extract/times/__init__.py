"""German time expressions, normalised to TIMEX3 values.

Stage ``times.v1`` (assigns ``times``). Steps, in order:

1. **Find**: one pass finds trigger words (digits, month names, units, …); every rule of
   :mod:`lagebild.extract.times.rules` (dates, months, years, seasons, weekdays, parts of day, clock
   times, durations and offsets, vague references, sets) runs in the windows around its triggers; where
   candidates overlap the longest wins (the earlier rule on a tie).
2. **Normalise** in text order against a reference date. With a published date (news mode) weekdays,
   "gestern", "vor zwei Wochen", "im vergangenen Jahr" and months without a year are resolved against
   the publication (a month gets the year that puts it nearest, "seit" only looks back; a weekday in a
   clause about the future looks forward, see :func:`~lagebild.extract.times.context.about_future`);
   anaphoric expressions ("am frühen Morgen", "am selben Tag", "zwei Tage später") against the last day
   mentioned. Without a published date (narrative mode, as in HeidelTime) everything is resolved
   against the latest date mentioned before that is not an aside
   (:func:`~lagebild.extract.times.context.aside`); a section that goes back in time before naming its
   year looks ahead to it, and before any year is told a date takes the next one named; a year or month
   that holds the reference day keeps it; each paragraph under a heading that names one year starts
   from that year (:func:`~lagebild.extract.times.context.heading_years`); a look back by years or
   months ("vor drei Jahren") does not move the reference. Durations, offsets and relative expressions
   are counted in :mod:`lagebild.extract.times.relative`.
3. **Signals**: as in TimeML, the extent leaves out the preposition that introduces the expression
   ("am Montag" → "Montag", "seit Mitte Juli" → "Mitte Juli", "im Jahr 2015" → "Jahr 2015"); the
   preposition is kept as the expression's ``signal`` with its role (begin, end, at, during, before,
   after), see :mod:`lagebild.extract.times.signals`.

Values: ``2016-12-13``, ``2016-12-13TEV``, ``2016-07`` with mod ``MID``, ``1999``, ``BC0481``, ``19``
(a century), ``193`` (a decade), ``2016-SU``, ``1863-H2``, ``2016-W49`` (a week), ``2016-W49-WE``,
``PT48H``, ``P2W``, ``PXD``,
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; SETs ``P1D``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from lagebild.extract.times.context import (
    COUNT_NOUNS,
    QUANTIFIER_BEFORE,
    Anchor,
    about_future,
    aside,
    clause_span,
    counts_things,
    explicit_dates,
    fmt,
    fmt_year,
    governing_year,
    heading_years,
    parse_value,
    section_end,
)
from lagebild.extract.times.relative import RELATIVE_SHIFTS, RelativeRules, minutes_fix, period_mod
from lagebild.extract.times.rules import rules, trigger_windows, windows_for, words
from lagebild.extract.times.signals import split_signal
from lagebild.model import Document, TimeExpression, TimeType
from lagebild.pipeline import stage

_PARTS: dict[str, str] = {}
_BACK_MONTHS = 6  # within a paragraph a month this far before the last one told is still the same year
_SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}  # for counting from a reference month
_SEASON_REFERENCE_MONTHS = {**_SEASON_MONTHS, "WI": 1}  # a winter told as a reference (see find_times)
_CENTURY_ADJECTIVES = {"frühen": "START", "beginnenden": "START", "späten": "END", "ausgehenden": "END"}
_SEASON_BACK_MONTHS = 4  # a season more than this many months before the month told is the next one
# the future seen from a past narrative: "die am 1. Januar in Kraft treten sollte", "der … beginnen würde"
_FUTURE_IN_PAST = re.compile(r"\b(?:sollte|sollten|würde|würden)\b")
_PERIOD_MONTHS = {"START": 1, "MID": 6, "END": 12}  # the month "Anfang/Mitte/Ende 1864" stands for
_DECADE_WORDS = {
    "zwanziger": 2,
    "dreißiger": 3,
    "vierziger": 4,
    "fünfziger": 5,
    "sechziger": 6,
    "siebziger": 7,
    "achtziger": 8,
    "neunziger": 9,
}


def _part_code(word: str | None) -> str | None:
    if not word:
        return None
    if not _PARTS:
        _PARTS.update(words()["parts_of_day"])
    if word.casefold() == "früh":
        return "MO"
    return _PARTS.get(word.casefold())


_DAY_ADJECTIVES = {"vorgestrigen": -2, "gestrigen": -1, "heutigen": 0, "morgigen": 1, "übermorgigen": 2}
_DAY_ADJECTIVE = re.compile(r"\b(vorgestrigen|gestrigen|heutigen|morgigen|übermorgigen)\s+$", re.IGNORECASE)


class _Normaliser(RelativeRules):
    """Normalises matches in text order, keeping the reference date up to date."""

    def __init__(self, text: str, published: str | None) -> None:
        self.text = text
        self.pub: dt.date | None = None
        if published:
            try:
                self.pub = dt.date.fromisoformat(published[:10])
            except ValueError:
                self.pub = None
        self.ref: Anchor | None = Anchor(self.pub.year, self.pub.month, self.pub.day) if self.pub else None
        # narrative mode: the latest explicit year of the paragraph being read (None at a paragraph start)
        self.para_year: int | None = None
        # narrative mode: whether the paragraph named a year yet, and the first date with a year after the
        # expression being read in its paragraph
        self.year_seen = False
        self.ahead: Anchor | None = None
        # narrative mode: the next date with a year anywhere after the expression being read
        self.next_dated: Anchor | None = None
        # narrative mode: the year of the heading the paragraph stands under (see context.heading_years)
        self.heading_year: int | None = None
        self.span: tuple[int, int] | None = None  # the expression being read
        self.months: dict[str, int] = words()["months"]
        self.weekdays: dict[str, int] = words()["weekdays"]
        self.seasons: dict[str, str] = words()["seasons"]

    # --- helpers --------------------------------------------------------------------------------------

    def _year_for_month(self, month: int, past_only: bool = False) -> int | None:
        if self.pub is None:
            return self._narrative_year(month)
        year = self.pub.year
        diff = month - self.pub.month
        if diff > 4 or (past_only and diff > 0):
            return year - 1
        if diff < -8 and not past_only:
            return year + 1
        return year

    def _narrative_year(self, month: int, back: int = _BACK_MONTHS) -> int | None:
        """The year of a month told without one in a narrative: the paragraph's latest explicit year, else
        the reference's; against a reference of the same year that names a month, the year that puts the
        month nearest after or shortly before it ("am 13. Dezember 1919 ... bis Anfang Januar" is January
        of the following year), as HeidelTime's narrative mode takes the latest date mentioned."""
        if self.ref is None:
            first = self.next_dated
            if self.para_year is None and first is not None:
                # no year told yet: the first one named after it ("Am 12. April fiel das Fort. Der Krieg
                # hatte 1861 begonnen."), the year before when its month is earlier than the month told
                return first.year - (1 if first.month is not None and month > first.month else 0)
            return self.para_year
        ahead = self.ahead
        if not self.year_seen and ahead is not None and self.ref.year - 10 <= ahead.year < self.ref.year:
            # a paragraph that goes back in time before it names the year ("Im Februar eroberte er das Fort.
            # Am 6. April 1862 ...")
            return ahead.year - (1 if ahead.month is not None and month > ahead.month else 0)
        year = self.para_year if self.para_year is not None else self.ref.year
        if (
            self.para_year is not None
            and self.ref.month is not None
            and self.ref.year == year
            and month - self.ref.month < -back
        ):
            return year + 1
        if (
            self.ref.month is not None
            and self.ref.year == year
            and month < self.ref.month
            and self.span is not None
            and _FUTURE_IN_PAST.search(self.text, *clause_span(self.text, *self.span))
        ):
            return year + 1  # "eine Erklärung, die am 1. Januar in Kraft treten sollte" after September
        return year

    def _month_of(self, name: str) -> int:
        return int(
            self.months[
                name.casefold().rstrip("s") if name.casefold() not in self.months else name.casefold()
            ]
        )

    def _era_year(self, digits: str, era: str | None) -> int:
        year = int(digits)
        if era and era.lower().startswith("v"):
            return -year
        if not era and self.ref is not None and self.ref.year < 0 and year < 1000:
            return -year  # a BC narrative goes on in BC
        return year

    def normalise(self, kind: str, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        self.span = m.span()
        handler = getattr(self, "_" + kind)
        result: tuple[TimeType, str, str | None] | None = handler(m)
        return result

    def _with_part(
        self, value: str, part: str | None, rel_part: str | None = None
    ) -> tuple[TimeType, str, str | None]:
        code = _part_code(part)
        mod = {"frühen": "START", "späten": "END"}.get((rel_part or "").casefold())
        if code:
            return "TIME", f"{value}T{code}", mod
        return "DATE", value, mod

    def _daymonth(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        month = self._month_of(m["mon"])
        day = int(m["day"])
        if m["year"]:
            year: int | None = self._era_year(m["year"], m["era"])
        elif m["year2"]:
            year = int(m["year2"])
        elif m["year3"]:  # "vom 21. Februar bis zum 18. Dezember 1916"
            year = int(m["year3"]) - (1 if month > self._month_of(m["mon2"]) else 0)
        elif m["rel"]:  # "am 7. Dezember des folgenden Jahres"
            year = self._relative_year(m["rel"])
        else:
            year = self._year_for_month(month, m["prep"] in ("seit", "Seit"))
        if year is not None and year > 0 and day > calendar.monthrange(year, month)[1]:
            return None
        return self._with_part(fmt(year, month, day), m["part"], m["rel_part"])

    def _dayrange(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        month = self._month_of(m["mon"])
        year = self._era_year(m["year"], m["era"]) if m["year"] else self._year_for_month(month)
        return "DATE", fmt(year, month, int(m["day"])), None

    def _dayonly(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        ref = self.ref
        if ref is None or ref.month is None or ref.day is None or ref.year < 1 or int(m["day"]) <= ref.day:
            return None  # only a later day of the month told
        if int(m["day"]) > calendar.monthrange(ref.year, ref.month)[1]:
            return None
        return "DATE", fmt(ref.year, ref.month, int(m["day"])), None

    def _nightof(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        if m["mon"]:
            month = self._month_of(m["mon"])
            year = int(m["year"]) if m["year"] else self._year_for_month(month)
            return self._with_part(fmt(year, month, int(m["day"])), m["part"])
        if self.ref is None or self.ref.month is None:
            return None
        return self._with_part(fmt(self.ref.year, self.ref.month, int(m["day"])), m["part"])

    def _monthrange(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        return "DATE", fmt(int(m["year"]), self._month_of(m["mon"])), period_mod(m["mod"])

    def _numeric(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        year = int(m["year"])
        if len(m["year"]) == 2:
            pivot = (self.pub.year % 100) if self.pub else 30
            year += 2000 if year <= pivot else 1900
        try:
            return "DATE", dt.date(year, int(m["month"]), int(m["day"])).isoformat(), None
        except ValueError:
            return None

    def _iso(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        try:
            value = dt.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
        except ValueError:
            return None
        if m["hh"]:
            return "TIME", f"{value}T{m['hh']}:{m['mm']}", None
        return "DATE", value, None

    def _month(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        month = self._month_of(m["mon"])
        mod = period_mod(m["mod"])
        if m["year"]:
            year: int | None = self._era_year(m["year"], m["era"])
        elif m["year2"]:
            year = int(m["year2"])
        elif m["rel"]:
            year = self._relative_year(m["rel"])
        elif (m["mpost"] or m["mrel"]) and (self.ref is not None or self.pub is not None):
            # "im Dezember zuvor", "im folgenden März": the nearest such month before or after the reference
            anchor = self.ref if (self.ref is not None and not self.news) else None
            if anchor is None and self.pub is not None:
                anchor = Anchor(self.pub.year, self.pub.month)
            assert anchor is not None
            later = (m["mpost"] or "").casefold() in ("darauf", "danach") or (m["mrel"] or "").casefold() in (
                "folgenden",
                "darauffolgenden",
                "nächsten",
            )
            ref_month = anchor.month if anchor.month is not None else (0 if later else 13)
            if later:
                year = anchor.year + (1 if month <= ref_month else 0)
            else:
                year = anchor.year - (1 if month >= ref_month else 0)
        else:
            if (
                m["mon"] == "August"
                and re.match(r"\s+[A-ZÄÖÜ][a-zäöü]+\b(?!\s+\d)", self.text[m.end() : m.end() + 30])
                and not m["prep"]
                and not m["mod"]
            ):
                return None  # a first name ("August Bebel")
            year = self._year_for_month(month, (m["prep"] or "").casefold().startswith("seit"))
        return "DATE", fmt(year, month), mod

    def _year(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        digits = m["year"]
        era = m["era"] or m["era2"]
        tail = _year_tail(self.text, m.start("year"), digits)
        if tail is not None and not era:
            return "DATE", fmt_year(tail), None
        if not era and not m["jahr"]:
            if self.ref is not None and self.ref.year < 0 and _BARE_YEAR.match(self.text, m.start()):
                return "DATE", fmt_year(-int(digits)), None  # "218 überschritt Hannibal die Alpen"
            if len(digits) != 4 or not 1000 <= int(digits) <= 2100:
                return None
            if (
                COUNT_NOUNS.match(self.text, m.end())
                or QUANTIFIER_BEFORE.search(self.text, max(0, m.start() - 20), m.start())
                or (
                    self.pub is not None
                    and counts_things(self.text, m.start("year"), m.end("year"), published_year=self.pub.year)
                )
            ):
                return None
        mod = period_mod(m["mod"]) or ("APPROX" if m["approx"] else None)
        return "DATE", fmt_year(self._era_year(digits, era)), mod

    def _decade(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        dec = m["dec"]
        if len(dec) == 4:
            value = dec[:3]
        elif len(dec) == 3:
            value = dec[:2].zfill(3)  # "die 460er Jahre" (v. Chr.)
        elif dec in _DECADE_WORDS or len(dec) == 2:
            digit = _DECADE_WORDS[dec] if dec in _DECADE_WORDS else int(dec[0])
            if m["dcent"]:
                century = int(m["dcent"]) - 1
            elif self.news:  # the last such decade up to publication ("die 90er Jahre" in 2016: 199)
                base = self._base_year() or 1999
                century = base // 100 - (1 if digit * 10 > base % 100 else 0)
            else:  # the century that puts the decade nearest the year told, the past preferred ("die achtziger
                # Jahre" in 2003: 198; "die zwanziger Jahre" in 1919: 192, in 1861: 182)
                base = self._base_year() or 1999
                century = min(
                    (base // 100 + shift for shift in (-1, 0, 1)),
                    key=lambda c: (
                        (c * 100 + digit * 10 + 5 - base) * (4 if c * 100 + digit * 10 > base else -1)
                    ),
                )
            value = f"{century:02d}{digit}"
        else:
            return None
        if m["era"] and m["era"].lower().startswith("v"):
            value = "BC" + value.zfill(3)
        elif self.ref is not None and self.ref.year < 0 and len(dec) == 3:
            value = "BC" + dec[:2].zfill(3)
        return "DATE", value, period_mod(m["mod"])

    def _century(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        n = int(m["n"])
        if not 1 <= n <= 21:
            return None
        value = f"BC{n - 1:02d}" if m["era"] and m["era"].lower().startswith("v") else f"{n - 1:02d}"
        return "DATE", value, period_mod(m["mod"]) or _CENTURY_ADJECTIVES.get(m["cadj"] or "")

    def _season(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        word = m["season"].casefold()
        code = self.seasons.get(word) or self.seasons.get(word.rstrip("s")) or self.seasons.get(word[:-2])
        if code is None:
            return None
        mod = {"frühen": "START", "späten": "END"}.get(m["adj"] or "")
        if word.startswith("spät"):
            mod = "END"
        elif word.startswith("früh") and not word.startswith(("frühling", "frühjahr")):
            mod = "START"
        season_month = _SEASON_MONTHS.get(code[:2], 7)
        if m["year"]:
            year: int | None = self._era_year(m["year"], m["era"])
        elif m["year2"]:
            year = int(m["year2"])
        elif m["rel"]:
            year = self._relative_year(m["rel"])
        elif m["srel"] or m["spost"]:
            # "im folgenden Frühjahr", "im Sommer darauf": the next such season after the reference
            anchor = Anchor(self.pub.year, self.pub.month) if self.pub else self.ref
            if anchor is None:
                year = None
            else:
                shift = RELATIVE_SHIFTS.get(m["srel"] or "folgenden", 0)
                later = anchor.month is not None and season_month > anchor.month
                earlier = anchor.month is not None and season_month < anchor.month
                year = anchor.year + (
                    shift - (1 if later and shift > 0 else 0) + (1 if earlier and shift < 0 else 0)
                )
        elif self.news:
            assert self.pub is not None
            year = self.pub.year
        else:
            if (
                not m["prep"]
                and not re.search(
                    r"(?:\b(?:im|[Dd]er|[Dd]en|[Dd]es|[Dd]em)\s+|des\s+|"
                    r"(?:Frühling|Frühjahr|Sommer|Herbst|Winter)s?\s+(?:und|oder|bis)\s+)$",  # "im Sommer und Herbst"
                    self.text[max(0, m.start() - 20) : m.start()],
                )
                and not m.group(0).startswith(("des", "dem", "den"))
            ):
                return None
            year = self._narrative_year(season_month, _SEASON_BACK_MONTHS)
        return "DATE", f"{fmt_year(year) if year is not None else 'XXXX'}-{code}", mod

    def _holiday(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        month_day = words()["holidays"][m["hol"].casefold()]
        month, day = (int(x) for x in month_day.split("-"))
        year = int(m["year"]) if m["year"] else self._year_for_month(month)
        return "DATE", fmt(year, month, day), None

    def _weekday(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        target = self.weekdays[m["wd"].casefold()]
        rel = (m["wrel"] or "").casefold()
        base = self._reference_day()
        if base is None:
            value = "XXXX-XX-XX"
        else:
            delta = (target - base.isoweekday()) % 7
            named = _DAY_ADJECTIVE.search(self.text, max(0, m.start() - 16), m.start()) if self.news else None
            shift = _DAY_ADJECTIVES[named.group(1).casefold()] if named else 0
            if named and (base + dt.timedelta(days=shift)).isoweekday() == target:
                date = base + dt.timedelta(days=shift)  # "am morgigen Samstag", "am gestrigen Freitag"
            elif (
                self.news
                and not rel
                and (m["prep"] or "").casefold() != "seit"
                and about_future(self.text, m.start(), m.end())
            ):
                date = base + dt.timedelta(days=delta or 7)  # "Für Samstag ist eine Kundgebung geplant"
            elif rel in ("kommenden", "nächsten") or (not self.news and rel != "vergangenen"):
                date = base + dt.timedelta(days=delta or 7 if rel else delta)
            else:
                back = (base.isoweekday() - target) % 7
                if rel in ("vergangenen", "letzten", "vorigen") and back == 0:
                    back = 7
                date = base - dt.timedelta(days=back)
            if m["night"] and m["nprep"] != "vom":
                date -= dt.timedelta(days=1)  # the night to Tuesday is Monday night
            value = date.isoformat()
        return self._with_part(value, "Nacht" if m["night"] else (m["part"] or m["part2"]))

    def _week(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        pre = (m["wpre"] or "").casefold()
        rel = (m["wrel"] or "").casefold().rstrip("nr")
        weekend = m["wunit"] == "Wochenende"
        if m["wpost"]:
            rel = "folgende"
        if (
            not rel
            and pre not in ("in dieser", "diese", "dieses", "diesen", "am")
            and not (m["mod"] and pre == "der")
        ):
            return None  # "eine Woche", "die Woche" are no dates
        base = self._reference_day()
        if base is None:
            return None
        shift = {
            "vergangene": -1,
            "letzte": -1,
            "vorige": -1,
            "kommende": 1,
            "nächste": 1,
            "folgende": 1,
            "darauffolgende": 1,
        }.get(rel, 0)
        if weekend and not rel:  # in news the last weekend unless told of the future; in a narrative the next
            future = not self.news or about_future(self.text, m.start(), m.end())
            shift = 0 if (base.isoweekday() >= 6 or future) else -1
        elif weekend and shift > 0 and base.isoweekday() < 6:
            shift = 0  # "am kommenden Wochenende" on a weekday is this week's
        elif weekend and shift < 0 and base.isoweekday() < 6:
            shift = -1
        day = base + dt.timedelta(days=7 * shift)
        year, week, _ = day.isocalendar()
        value = f"{year}-W{week:02d}" + ("-WE" if weekend else "")
        return "DATE", value, period_mod(m["mod"])

    def _deictic(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        shift = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2}[
            m["deic"].casefold()
        ]
        if self.pub is None:
            anchor = self._day_anchor()
            if anchor is None or shift == 0:
                return (
                    "DATE",
                    "PRESENT_REF" if shift == 0 else ("PAST_REF" if shift < 0 else "FUTURE_REF"),
                    None,
                )
            value = self._shift_days(anchor, shift) or "PRESENT_REF"
        else:
            value = (self.pub + dt.timedelta(days=shift)).isoformat()
        return self._with_part(value, m["part"])

    def _today_adj(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        return "DATE", self.pub.isoformat() if self.pub else "PRESENT_REF", None

    def _part(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        anchor = self._day_anchor()
        if anchor is None:
            return None
        shift = 1 if (m["rel_part"] or "") in ("nächsten", "folgenden") else 0
        value = self._shift_days(anchor, shift)
        if value is None:
            return None
        return self._with_part(value, m["part"], m["rel_part"])

    def _nachts(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        anchor = self._day_anchor()
        if anchor is None:
            return None
        return self._with_part(fmt(anchor.year, anchor.month, anchor.day), m["part"])

    def _clock(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        anchor = self._day_anchor()
        day = fmt(anchor.year, anchor.month, anchor.day) if anchor else "XXXX-XX-XX"
        minutes = m["mm"] or m["mm2"] or "00"
        zone = "+01" if m.group(0).endswith("Zeit") else ""
        return "TIME", f"{day}T{int(m['hh']):02d}:{minutes}{zone}", None


_BARE_YEAR = re.compile(r"(?<=[.!?]\s)\d{2,3}\s+[a-zäöü]+[^\s]*\s")


def _year_tail(text: str, start: int, digits: str) -> int | None:
    """The year that two digits after a year and a slash stand for ("1918/19" is 1918 and 1919)."""
    before = re.search(r"(?<!\d)(\d\d)(\d\d)/$", text[max(0, start - 5) : start])
    if len(digits) != 2 or before is None:
        return None
    century = int(before.group(1)) + (1 if int(digits) < int(before.group(2)) else 0)
    return century * 100 + int(digits)


def find_times(text: str, published: str | None = None, doc_id: str = "") -> list[TimeExpression]:
    """All time expressions in ``text``, normalised against ``published`` (ISO date) or, when it is None,
    against the latest date mentioned before each expression."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    spans = trigger_windows(text)
    length = len(text)
    published_year = int(published[:4]) if published and published[:4].isdigit() else None
    for order, rule in enumerate(rules()):
        counted = published is not None and rule.kind in ("daymonth", "month", "season")
        for window_start, window_end in windows_for(rule, spans, length):
            for m in rule.regex.finditer(text, window_start, window_end):
                if (
                    counted
                    and m["year"]
                    and counts_things(text, m.start("year"), m.end("year"), True, published_year)
                ):
                    shorter = rule.regex.match(text, m.start(), m.start("year"))  # "seit Juli 1600 Angriffe"
                    if shorter is None:
                        continue
                    m = shorter
                if published is not None and rule.kind == "month" and (m["mrel"] or m["mpost"]):
                    # news keeps the month alone ("im vergangenen September": "September", counted from
                    # publication); "im Dezember zuvor" counts from the reference in a narrative only
                    shorter = rule.regex.match(text, m.start("mon"), m.end("mon"))
                    if shorter is None:
                        continue
                    m = shorter
                if (
                    rule.kind == "year"
                    and len(m["year"]) != 4
                    and not (m["era"] or m["era2"] or m["jahr"])
                    and not _year_tail(text, m.start("year"), m["year"])
                    and not (published is None and _BARE_YEAR.match(text, m.start()))
                ):
                    continue  # "Am 8" of "Am 8. und 9. Mai": not a year
                start, end = m.span()
                while end > start and text[end - 1].isspace():
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1  # "des letzten Jahres": the rule's optional word before it took the space
                if end > start:
                    candidates.append((start, -(end - start), order, rule.kind, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    # longest first among overlapping candidates: pick greedily by length within overlap clusters
    by_length = sorted(candidates, key=lambda c: (c[1], c[0], c[2]))
    occupied: list[tuple[int, int]] = []
    for start, neg_len, _order, kind, m in by_length:
        end = start - neg_len
        if any(start < e and s < end for s, e in occupied):
            continue
        occupied.append((start, end))
        chosen.append((start, end, kind, m))
    chosen.sort(key=lambda c: c[0])
    normaliser = _Normaliser(text, published)
    dates_ahead = [] if published else explicit_dates(text, chosen)
    next_explicit = 0
    found: list[TimeExpression] = []
    headings = [] if published else heading_years(text)
    paragraph = -1  # start of the paragraph (line) being read
    year_seen = False  # whether an explicit year was mentioned in it yet
    for start, end, kind, m in chosen:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start != paragraph:
            paragraph, year_seen, normaliser.para_year = line_start, False, None
            normaliser.heading_year = governing_year(headings, line_start) if headings else None
            if normaliser.heading_year is not None and (
                normaliser.ref is None or normaliser.ref.year != normaliser.heading_year
            ):
                # a paragraph under a year heading starts from that year ("1862 / Seekrieg / Im Mai …")
                normaliser.ref = Anchor(normaliser.heading_year)
        while next_explicit < len(dates_ahead) and dates_ahead[next_explicit][0] <= start:
            next_explicit += 1
        normaliser.next_dated = dates_ahead[next_explicit][1] if next_explicit < len(dates_ahead) else None
        if next_explicit < len(dates_ahead) and dates_ahead[next_explicit][0] < section_end(text, start):
            normaliser.ahead = dates_ahead[next_explicit][1]
        else:
            normaliser.ahead = None
        normaliser.year_seen = year_seen
        result = normaliser.normalise(kind, m)
        if result is None:
            continue
        ttype, value, mod = result
        if kind == "duration":
            value = minutes_fix(value, m["unit"])
        anchor = normaliser.ref
        approx = m.groupdict().get("approx")
        extent_start, signal, role = split_signal(
            text, start, end, kind, ttype, m.start("approx") if approx else None
        )
        found.append(
            TimeExpression(
                doc_id,
                extent_start,
                end,
                text[extent_start:end],
                ttype,
                value,
                mod,
                fmt(anchor.year, anchor.month, anchor.day) if anchor else None,
                signal,
                role,
            )
        )
        if ttype not in ("DATE", "TIME"):
            continue
        parsed = parse_value(value)
        if parsed is None or (normaliser.news and parsed.day is None):
            continue
        if parsed.month is None and parsed.day is None and value[4:5] == "" and mod in _PERIOD_MONTHS:
            # "Ende 1864" is its last months: "Im Februar" after it is February 1865
            parsed.month, parsed.approximate = _PERIOD_MONTHS[mod], True
        if parsed.month is None and value[5:7] in _SEASON_MONTHS:
            # "im folgenden Sommer" counts on from the spring told; a season is no month to keep (_within). A
            # winter is the one the year begins with ("im Winter und Frühjahr 1862"), after the autumn or
            # December of that year the one it ends with ("Im Dezember 1862 begann der Winter")
            before = normaliser.ref
            late = before is not None and before.year == parsed.year and (before.month or 0) >= 9
            parsed.month = _SEASON_MONTHS[value[5:7]] if late else _SEASON_REFERENCE_MONTHS[value[5:7]]
            parsed.approximate = True
        if normaliser.news:
            if not aside(text, start, end, normaliser.ref, parsed, True):
                normaliser.ref = parsed
            continue
        explicit = re.search(rf"(?<!\d){abs(parsed.year)}(?!\d)", text[start:end]) is not None
        if aside(text, start, end, normaliser.ref, parsed, False, first=explicit and not year_seen):
            continue
        if kind == "duration" and _looks_back(m):
            continue  # "die Schlacht, die vor drei Jahren stattgefunden hatte": a look back, not the time told
        if not _within(normaliser.ref, parsed):  # "1917" after "am 4. Dezember 1917" keeps the day told
            normaliser.ref = parsed
        normaliser.para_year = parsed.year
        year_seen = year_seen or explicit
    return found


def _looks_back(m: re.Match[str]) -> bool:
    """Whether an offset of years or months counts back from the time told ("vor drei Jahren", "zwei Jahre
    zuvor"): the narrative looks back to it and stays where it was."""
    unit = words()["units"].get(m["unit"].casefold())
    post = (m["post"] or "").casefold()
    before = (m["pre"] or "").strip().casefold() == "vor" and not post
    return unit in ("Y", "M") and (before or post in ("zuvor", "vorher", "früher"))


def _within(ref: Anchor | None, mentioned: Anchor) -> bool:
    """Whether ``ref`` is a day or month inside the coarser ``mentioned`` (its year, its month)."""
    if ref is None or ref.approximate or ref.year != mentioned.year or mentioned.day is not None:
        return False
    if mentioned.month is None:
        return ref.month is not None
    return ref.month == mentioned.month and ref.day is not None


@stage("times.v1", assigns=("times",))
def make_times_stage() -> Callable[[Document], Document]:
    """TIMEX3 time expressions, normalised against the published date (or the narrative's last date)."""
    rules()  # compile the patterns once, when the pipeline is built

    def times_stage(doc: Document) -> Document:
        doc.times = find_times(doc.text, doc.article.published, doc.id)
        return doc

    return times_stage
