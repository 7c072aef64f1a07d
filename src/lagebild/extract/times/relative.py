"""Durations, offsets and relative expressions of the time tagger: "zwei Tage später", "vor zwei Wochen",
"seit Jahren", "im folgenden Jahr", "Vortag", "Jahresende", sets ("täglich") and vague references ("bald").

:class:`RelativeRules` holds the reference date and the rules that count from it; the normaliser of
:mod:`lagebild.extract.times` builds on it.
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.extract.times.context import Anchor, fmt, fmt_year
from lagebild.extract.times.numbers import parse_number
from lagebild.extract.times.rules import words
from lagebild.model import TimeType

RELATIVE_SHIFTS = {
    "folgenden": 1,
    "darauffolgenden": 1,
    "nächsten": 1,
    "kommenden": 1,
    "kommende": 1,
    "folgende": 1,
    "weiteren": 1,
    "neuen": 0,
    "selben": 0,
    "gleichen": 0,
    "laufenden": 0,
    "ganze": 0,
    "vergangenen": -1,
    "vorigen": -1,
    "letzten": -1,
    "vorangegangenen": -1,
}
_SET_WORDS = {"jeden tag": "P1D", "jede woche": "P1W", "jeden monat": "P1M", "jedes jahr": "P1Y"}


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


class RelativeRules:
    """The reference date (``ref``), the publication (``pub``) and the rules that count from them."""

    text: str
    pub: dt.date | None
    ref: Anchor | None

    @property
    def news(self) -> bool:
        return self.pub is not None

    def _base_year(self) -> int | None:
        """The year a relative year expression counts from: the publication (news) or the reference."""
        if self.pub is not None:
            return self.pub.year
        return self.ref.year if self.ref else None

    def _day_anchor(self) -> Anchor | None:
        if self.ref is not None and self.ref.day is not None:
            return self.ref
        return None

    def _told_year(self) -> int | None:
        """The year a date without one falls in: the reference's in a narrative, else the base year."""
        return self.ref.year if (self.ref and not self.news) else self._base_year()

    def _relative_year(self, rel: str) -> int | None:
        """The year of "des folgenden Jahres", "im selben Jahr" (``rel``), counted from :meth:`_told_year`."""
        base = self._told_year()
        return None if base is None else base + RELATIVE_SHIFTS.get(rel, 0)

    def _reference_day(self) -> dt.date | None:
        """The day weekdays and weeks count from: the publication (news) or the reference day told."""
        if self.news:
            return self.pub
        anchor = self._day_anchor()
        return anchor.date() if anchor else None

    def _shift_days(self, anchor: Anchor, days: int) -> str | None:
        date = anchor.date()
        if date is None:
            return None
        return (date + dt.timedelta(days=days)).isoformat()

    def _offset(self, anchor: Anchor | None, amount: float, unit: str) -> str | None:
        """``anchor`` moved by ``amount`` units, at the unit's granularity."""
        if anchor is None:
            return None
        if unit in ("D", "W", "H"):
            if anchor.day is None or amount != int(amount):
                return None
            days = int(amount) * (7 if unit == "W" else 1) if unit != "H" else 0
            return self._shift_days(anchor, days)
        if unit == "M":
            if anchor.month is None:
                return None
            total = int(round(amount))
            year, month = _add_months(anchor.year, anchor.month, total)
            return fmt(year, month)
        if unit == "Y":
            if amount == int(amount):
                return fmt_year(anchor.year + int(amount))
            if anchor.month is None:
                return None
            year, month = _add_months(anchor.year, anchor.month, int(round(amount * 12)))
            return fmt(year, month)
        return None

    # --- the rules ------------------------------------------------------------------------------------

    def _amount(self, m: re.Match[str]) -> float | None:
        raw = re.sub(r"\s+", " ", m["num"]).casefold()
        if raw in words()["vague_quantities"]:
            return None
        if raw in ("anderthalb", "eineinhalb", "zweieinhalb"):
            return parse_number(raw)
        if "halb" in raw:
            whole = re.match(r"(\S+) halbe", m.group(0)[m.start("num") - m.start() :].casefold())
            if whole is None or whole.group(1).startswith("ein"):  # "ein halbes Jahr" is half a year
                return 0.5
            return 0.5 + (parse_number(whole.group(1)) or 0)
        if "viertel" in raw:
            return 0.75
        value = parse_number(raw)
        follow = m.group(0)[m.end("num") - m.start() :]
        if value is not None and re.match(r"\s+halbe", follow):
            value = 0.5 if raw.startswith("ein") else value + 0.5  # "ein halbes Jahr", "zwei halbe Tage"
        elif value is not None and re.match(r"\s+dreiviertel", follow):
            value += 0.75
        return value

    def _duration(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        unit = words()["units"][m["unit"].casefold()]
        # as an offset a minute or second is a part of an hour ("zwei Minuten später": the same day)
        step = "H" if m["unit"].casefold().startswith(("minute", "sekunde")) else unit
        pre = re.sub(r"\s+", " ", (m["pre"] or "").strip().casefold())
        adj = (m["adj"] or "").casefold()
        post = (m["post"] or "").casefold()
        amount = self._amount(m)
        if m["num"].casefold() == "eines" and unit == "D":
            return None  # "eines Tages": some day
        mod = None
        if "mehr als" in adj or pre.startswith("über") or " über " in f" {adj}":
            mod = "MORE_THAN"
        elif "weniger als" in adj:
            mod = "LESS_THAN"
        elif any(w in adj for w in ("etwa", "rund", "ungefähr", "fast", "beinahe", "knapp")):
            mod = "APPROX"
        if (
            pre == "nach"
            and amount is not None
            and unit == "D"
            and not adj
            and self._day_anchor() is not None
        ):
            post = "später"  # "nach zwei Tagen": two days after the last day mentioned
        if post in ("später", "danach", "darauf"):
            if amount is None:
                return "DATE", "FUTURE_REF", None
            value = self._offset(self._day_anchor() if step in ("D", "W", "H") else self.ref, amount, step)
            return ("DATE", value, mod) if value else ("DATE", "FUTURE_REF", None)
        if post in ("zuvor", "vorher", "früher") or (pre == "vor" and not post):
            if amount is None:
                return ("DURATION", _period(None, unit), None) if post else ("DATE", "PAST_REF", None)
            anchor = (
                Anchor(self.pub.year, self.pub.month, self.pub.day)
                if (pre == "vor" and self.pub)
                else (self._day_anchor() if step in ("D", "W", "H") else self.ref)
            )
            value = self._offset(anchor, -amount, step)
            return ("DATE", value, mod) if value else ("DATE", "PAST_REF", None)
        if amount is None and re.search(r"\b(?:nächsten|kommenden)\b", pre + " " + adj):
            return "DATE", "FUTURE_REF", None
        return "DURATION", _period(amount, unit), mod

    def _bare_units(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        if m["unit2"]:
            return "DURATION", _period(None, words()["units"][m["unit2"].casefold()]), None
        unit = words()["units"][m["unit"].casefold()]
        pre = m["pre"].casefold()
        if "nächsten" in pre or "kommenden" in pre:
            return "DATE", "FUTURE_REF", None
        if pre == "vor":
            return "DATE", "PAST_REF", None
        return "DURATION", _period(None, unit), None

    def _plural_units(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        word = m["unit"].casefold()
        for stem, unit in (
            ("jahrzehnt", "DE"),
            ("jahre", "Y"),
            ("monate", "M"),
            ("woche", "W"),
            ("tage", "D"),
            ("stunde", "H"),
        ):
            if word.startswith(stem):
                return "DURATION", _period(None, unit), None
        return None

    def _adj_duration(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        amount = parse_number(m["num"])
        unit = {"tägig": "D", "wöchig": "W", "monatig": "M", "stündig": "H"}[m["unit"]]
        return "DURATION", _period(amount, unit), None

    def _relative(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        if m["unit2"]:
            unit, rel, mod = m["unit2"][:3].casefold(), (m["rel2"] or ""), period_mod(m["mod2"])
        else:
            unit, rel, mod = m["unit"][:3].casefold(), (m["rel"] or ""), None
            pre = (m["pre"] or "").casefold()
            if pre in ("letzten", "neuen", "nächsten", "folgenden") and not rel:
                rel, pre = pre, ""
            if pre == "einen" and not m["post"]:
                return None
            if m["unit"] == "Tage":
                return ("DURATION", "PXD", None) if rel in ("folgenden", "nächsten", "kommenden") else None
            demonstrative = pre in (
                "in diesem",
                "an diesem",
                "dieses",
                "diesem",
                "desselben",
                "in jenem",
                "an jenem",
                "das ganze",
                "im ganzen",
            )
            if not rel and not m["post"] and not demonstrative:
                return None
            if not pre and rel in ("ganze", "folgende", "kommende", "letzten", "nächsten") and unit != "jah":
                return None
        shift = RELATIVE_SHIFTS.get(rel, 0) if rel not in ("letzten",) or unit != "tag" else -1
        if rel == "neuen" and not self.news:
            shift = 1  # a narrative's "Anfang des neuen Jahres" follows the year told so far
        if m["post"] if not m["unit2"] else False:
            shift = 1
        if unit == "jah":
            base = (
                self._base_year()
                if (self.news and rel in ("vergangenen", "vorigen", "letzten", "nächsten", "kommenden"))
                else (self.ref.year if self.ref else None)
            )
            return ("DATE", fmt_year(base + shift), mod) if base is not None else None
        if unit == "mon":
            if self.ref is None or self.ref.month is None:
                return None
            year, month = _add_months(self.ref.year, self.ref.month, shift)
            return "DATE", fmt(year, month), mod
        anchor = self._day_anchor()
        if anchor is None:
            return None
        value = self._shift_days(anchor, shift)
        return ("DATE", value, mod) if value else None

    def _compound(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        word = m["word"].casefold()
        year = (
            int(m["year"])
            if m["year"]
            else self._told_year()
        )
        if word.startswith(("jahreshälfte", "halbjahr")):
            return None
        if word == "folgejahren":
            return "DURATION", "PXY", None
        if word.startswith(("vortag", "folgetag")):
            anchor = self._day_anchor()
            value = self._shift_days(anchor, -1 if word.startswith("vortag") else 1) if anchor else None
            return ("DATE", value, None) if value else None
        if year is None:
            return None
        if word.startswith("vorjahr"):
            return "DATE", fmt_year(year - 1 if not m["year"] else year), None
        if word.startswith("folgejahr"):
            return "DATE", fmt_year(year + 1 if not m["year"] else year), None
        if word == "jahreswechsel":
            return "DATE", fmt(year + (0 if m["year"] else 1), 1, 1), None
        mod = {"jahresende": "END", "jahresbeginn": "START", "jahresanfang": "START", "jahresmitte": "MID"}[
            word
        ]
        return "DATE", fmt_year(year), mod

    def _half(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        year = int(m["year"]) if m["year"] else (self.ref.year if self.ref else None)
        half = "H1" if m["ord"] in ("ersten", "1.") else "H2"
        return "DATE", f"{fmt_year(year) if year is not None else 'XXXX'}-{half}", None

    def _set(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        word = m["set"].casefold()
        return "SET", words()["sets"].get(word) or _SET_WORDS[word], None

    def _ref(self, m: re.Match[str]) -> tuple[TimeType, str, str | None] | None:
        phrase = re.sub(r"\s+", " ", m["ref"]).casefold()
        w = words()
        if phrase in w["present_ref"]:
            return "DATE", "PRESENT_REF", None
        if phrase in w["past_ref"]:
            return "DATE", "PAST_REF", None
        return "DATE", "FUTURE_REF", None


def period_mod(word: str | None) -> str | None:
    if not word:
        return None
    key = re.sub(r"\s+", " ", word).casefold()
    mods: dict[str, str] = words()["period_mods"]
    return mods.get(key)


def _period(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: P2W, PT48H, P1Y6M, PXD."""
    prefix = "PT" if unit in ("H", "S") else "P"
    if amount is None:
        return f"{prefix}X{unit}"
    if amount != int(amount):
        if unit == "Y":
            years, months = int(amount), int(round((amount - int(amount)) * 12))
            return f"P{years}Y{months}M" if years else f"P{months}M"
        if unit == "D":
            return f"PT{int(round(amount * 24))}H"
        if unit == "H":
            return f"PT{int(round(amount * 60))}M"
        amount = round(amount)
    return f"{prefix}{int(amount)}{unit}"


def minutes_fix(value: str, unit_word: str) -> str:
    # "Minuten" and "Monate" share the letter M: minutes are a time duration (PT40M)
    if unit_word.casefold().startswith("minute") and value.startswith("P") and not value.startswith("PT"):
        return "PT" + value[1:]
    return value


# a number of up to four digits that opens a sentence before a verb: a year in a BC narrative ("218
# überschritt Hannibal die Alpen"); :meth:`_Normaliser._year` keeps it only when the narrative is in BC
