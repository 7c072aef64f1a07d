"""The patterns of the German time tagger: one compiled regex per construction.

Each rule names a construction (``kind``) that :mod:`lagebild.extract.times` normalises. Words come from
``lang/de/time_words.json`` and ``lang/de/numbers.json``; the regexes are built once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from lagebild.extract.times.numbers import number_word_pattern
from lagebild.lang import load_json


@cache
def words() -> dict[str, Any]:
    data: dict[str, Any] = load_json("time_words.json")
    return data


def _alt(items: list[str] | dict[str, Any], capital: bool = False) -> str:
    keys = sorted(items, key=len, reverse=True)
    out = []
    for k in keys:
        k = re.escape(k)
        out.append(k[0].upper() + k[1:] if capital else k)
    return "|".join(out)


@dataclass(frozen=True)
class Rule:
    """A construction: its regex, the trigger categories (see :func:`trigger_regex`) one of which every
    match contains, and how many characters a match reaches before and after such a trigger at most (the
    regex only runs in those windows)."""

    kind: str
    regex: re.Pattern[str]
    triggers: frozenset[str] = frozenset()
    before: int = 90
    after: int = 90


# Prepositions kept in the extent (the seed gold and TIMEX3 practice in news: "am Montag", "im Dezember 1999")
PREP = r"(?:(?P<prep>[Aa]m|[Ii]m|[Ss]eit(?: dem)?|[Aa]b|[Bb]is zum|[Bb]is|[Vv]om|[Zz]um|[Ss]pätestens (?:am|im))\s+)?"
ERA = r"(?:\s*(?P<era>v\.\s?Chr\.?|vor Christus|n\.\s?Chr\.?|nach Christus|v\.\s?u\.\s?Z\.))?"
MOD = r"(?:(?P<mod>[Aa]nfang|[Mm]itte|[Ee]nde|[Gg]egen [Ee]nde|[Zz]u [Bb]eginn|[Bb]eginn|[Aa]usgang)\s+)?"
REL_YEAR = r"(?P<rel>folgenden|darauffolgenden|nächsten|kommenden|selben|gleichen|vergangenen|vorigen|letzten|neuen|laufenden)"


@cache
def rules() -> tuple[Rule, ...]:
    w = words()
    months = _alt(w["months"], capital=True)
    weekdays = _alt(w["weekdays"], capital=True)
    seasons = _alt(w["seasons"], capital=True)
    num = number_word_pattern()
    vague = "|".join(w["vague_quantities"])
    units = _alt(w["units"], capital=True)
    mon = rf"(?P<mon>{months})(?:s(?![a-zäöü]))?"
    # a year after a month: four digits, or up to four with an era ("481 v. Chr.")
    year_after = rf"(?:\s+(?P<year>\d{{1,4}}(?=\s*(?:v\.\s?Chr|vor Christus|n\.\s?Chr|nach Christus))|\d{{4}}(?![\d.,]\d)){ERA})"
    part_words = "Morgenstunden|Abendstunden|Nachtstunden|Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht"
    rel_part = "frühen|späten|gleichen|selben|nächsten|folgenden"
    specs: list[tuple[str, str, int, tuple[str, int, int]]] = [
        # 21. Februar 2003 | am Dienstag, 13. Dezember | Morgen des 22. Juni 1941
        (
            "daymonth",
            rf"\b{PREP}(?:(?:[Gg]egen\s+)?(?:(?P<rel_part>{rel_part})\s+)?(?P<part>{part_words})\s+(?:des|vom)\s+)?"
            rf"(?:(?P<wd>{weekdays}),?\s+(?:de[nm]\s+)?)?"
            rf"(?P<day>[12]\d|3[01]|0?[1-9])\.\s?{mon}(?:{year_after}|\s+(?:des|dieses|desselben)\s+(?:{REL_YEAR}\s+)?"
            rf"Jahres(?:\s+(?P<year2>\d{{4}}))?)?\b"  # "am 7. Dezember des folgenden Jahres"
            # "vom 21. Februar bis zum 18. Dezember 1916": the year of the second day
            rf"(?(year)|(?=\s*(?:bis(?: zum)?|–|-|und(?: dem)?)\s*(?:[12]\d|3[01]|0?[1-9])\.\s?(?P<mon2>{months})"
            rf"\s+(?P<year3>\d{{4}})(?![\d.,]\d))?)",
            0,
            ("month", 70, 55),
        ),
        # the first day of "26. bis 27. September", "19. und 20. März 2003": month and year from the second
        (
            "dayrange",
            rf"(?<![\d.])(?P<day>[12]\d|3[01]|0?[1-9])\.(?=\s*(?:und(?: dem)?|bis(?: zum)?|–|-|/|auf den)\s*"
            rf"(?:[12]\d|3[01]|0?[1-9])\.\s?{mon}{year_after}?)",
            0,
            ("month", 30, 45),
        ),
        # "Nacht vom 16. auf den 17. April 1945": month and year from the second day where it names them
        # a day of the month told before: "… trat am 23. August zurück, und am 24. gab die Armee auf"
        (
            "dayonly",
            r"\b(?P<prep>[Aa]m)\s+(?P<day>[12]\d|3[01]|0?[1-9])\.(?=\s+(?!(?:und|bis|oder|auf|zum)\s)[a-zäöü]|\s*[,;)])",
            0,
            ("digit", 5, 5),
        ),
        (
            "nightof",
            rf"\b(?P<part>Nacht) (?:vom|zum) (?P<day>[12]\d|3[01]|0?[1-9])\.(?!\s?[A-ZÄÖÜ\d])"
            rf"(?:(?=\s+(?:auf|zum)\s+(?:den\s+)?(?:[12]\d|3[01]|0?[1-9])\.\s?{mon}(?:\s+(?P<year>\d{{4}})(?!\d))?))?",
            0,
            ("day", 2, 60),
        ),
        (
            "numeric",
            r"(?<![\d.])(?P<day>[12]\d|3[01]|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\.(?P<year>\d{4}|\d{2})(?![\d.]\d)",
            0,
            ("digit", 0, 14),
        ),
        (
            "iso",
            r"(?<![\d-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?)?",
            0,
            ("digit", 0, 25),
        ),
        # the first month of "Mai/Juni 1940", "im Juni und Juli 1944": the year from the second
        (
            "monthrange",
            rf"\b{PREP}{MOD}{mon}(?=\s*(?:und|bis(?: zum)?|–|-|/|oder)\s*(?:(?:Anfang|Mitte|Ende)\s+)?"
            rf"(?:{months})\s+(?P<year>\d{{4}})(?![\d.,]\d))",
            0,
            ("month", 35, 45),
        ),
        # (Mitte) Juli (1999) | März des folgenden Jahres | April des Jahres 1918 | im Dezember zuvor
        (
            "month",
            rf"\b{PREP}{MOD}(?:(?P<mrel>folgenden|darauffolgenden|nächsten|vorigen|vergangenen)\s+)?{mon}"
            rf"(?:{year_after}|\s+(?:des|dieses|desselben)\s+(?:{REL_YEAR}\s+)?Jahres"
            rf"(?:\s+(?P<year2>\d{{4}}))?|\s+(?P<mpost>zuvor|davor|vorher|darauf|danach)(?![\w-]))?\b",
            0,
            ("month", 35, 50),
        ),
        # 1999 | im Jahr 1904 | Ende 2002 | 481 v. Chr. | Um das Jahr 500 v. Chr.
        (
            "year",
            rf"(?<![\w.,-])(?<!\D/){PREP}(?:(?P<approx>[Uu]m|[Ee]twa|[Gg]egen)\s+(?:das\s+)?)?(?:(?P<laufe>[Ii]m [Ll]aufe|[Ii]m [Vv]erlauf|[Ll]aufe|[Vv]erlauf)\s+des\s+)?{MOD}(?:(?:im)\s+)?"
            rf"(?(mod)(?:(?:des|dieses)\s+(?=Jahres\s))?)(?:(?P<jahr>Jahre?s?)\s+)?(?P<year>\d{{1,4}})(?![\d.,]\d|\.\s?(?:Jh|Jahrh|{months})|\w){ERA}(?![\w-])"
            # the first year of "264–241 v. Chr.", "449/448 v. Chr.", "von 218 bis 201 v. Chr." shares the era
            rf"(?(era)|(?=\s*(?:–|-|/|bis|und)\s*\d{{1,4}}\s*(?P<era2>v\.\s?Chr|vor Christus))?)",
            0,
            ("digit", 75, 25),
        ),
        (
            "decade",
            rf"\b{MOD}(?:(?:der|den|die)\s+)?(?P<dec>\d{{2,4}}(?=er)|zwanziger|dreißiger|vierziger|fünfziger|sechziger|"
            rf"siebziger|achtziger|neunziger)(?:er)?(?:-|\s)?Jahre[n]?{ERA}"
            rf"(?:\s+des\s+(?P<dcent>1?\d)\.\s?(?:Jahrhunderts|Jh\.))?",  # "der sechziger Jahre des 19. Jahrhunderts"
            0,
            ("unit", 40, 45),
        ),
        (
            "century",
            rf"\b{MOD}(?:(?:(?<=fang )|(?<=itte )|(?<=nde )|(?<=ginn ))des\s+)?(?:(?P<cadj>frühen|späten|beginnenden|ausgehenden)\s+)?(?P<n>\d{{1,2}})\.\s?(?:Jahrhunderts?|Jh\.|Jahrh\.){ERA}",
            0,
            ("unit", 35, 30),
        ),
        (
            "season",
            rf"\b{PREP}(?:(?P<srel>folgenden|darauffolgenden|nächsten|kommenden|selben|gleichen|vergangenen|vorigen)\s+)?"
            rf"(?:(?P<adj>frühen|späten)\s+)?(?P<season>{seasons})(?:e?s)?(?![a-zäöü])"
            rf"(?:\s+(?:(?P<year>\d{{1,4}})(?![\d.,]\d){ERA}|(?:des|dieses|desselben)\s+(?:(?:{REL_YEAR}\s+)?Jahres"
            rf"(?:\s+(?P<year2>\d{{4}}))?)"
            rf"|(?P<spost>darauf|danach)\b))?",
            0,
            ("season", 30, 55),
        ),
        (
            "weekday",
            # "in der Nacht zum Dienstag" (the night before it), "in der Nacht vom Montag auf Dienstag"
            rf"\b(?:(?P<night>(?:[Ii]n der )?Nacht)\s+(?P<nprep>zum|auf(?: den)?|vom)\s+|{PREP})"
            rf"(?:(?P<wrel>vergangenen|letzten|kommenden|nächsten|vorigen|diesen|diesem)\s+)?"
            rf"(?P<wd>{weekdays})(?P<part>morgen|vormittag|mittag|nachmittag|abend|nacht)?s?"
            rf"(?(night)(?:\s+(?:auf|zum)\s+(?:den\s+)?(?:{weekdays}))?|"
            rf"(?:\s+(?P<part2>früh|Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht))?)\b",
            0,
            ("weekday", 35, 40),
        ),
        # weeks and weekends: "vergangene Woche", "Ende vergangener Woche", "am kommenden Wochenende"
        (
            "week",
            r"\b(?:(?P<mod>[Aa]nfang|[Mm]itte|[Ee]nde)\s+)?(?:(?P<wpre>[Ii]n der|[Ii]n dieser|[Aa]m|[Dd]iese[ns]?|"
            r"[Dd]er|[Ff]ür die|[Ff]ür das)\s+)?(?:(?P<wrel>(?i:vergangene[nr]?|letzte[nr]?|vorige[nr]?|kommende[nr]?|"
            r"nächste[nr]?|folgende[nr]?|darauffolgende[nr]?|diese[rn]?|gleichen|selben))\s+)?(?P<wunit>Woche|Wochenende)"
            r"(?![\w-])(?:\s+(?P<wpost>darauf|danach))?",
            0,
            ("unit", 40, 15),
        ),
        (
            "deictic",
            r"\b(?P<deic>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|übermorgen)"
            r"(?:\s+(?P<part>früh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|[Nn]acht))?\b",
            0,
            ("day", 6, 25),
        ),
        (
            "today_adj",
            r"\b(?:(?:[Bb]is\s+)?zum\s+)?(?:heutigen Tag|[Hh]eutiger?)\b(?!\s+[A-ZÄÖÜ])",
            0,
            ("day", 10, 20),
        ),
        (
            "part",
            rf"\b(?P<pprep>[Aa]m|[Ii]n der|[Gg]egen|[Nn]och am|[Ii]m Laufe des)\s+(?:(?P<rel_part>{rel_part})\s+)?"
            rf"(?P<part>{part_words})(?![\w-])(?!\s+(?:vom|zum|des)\s+\d)",  # "in der Nacht vom 5. zum 6. Januar"
            0,
            ("day", 30, 20),
        ),
        ("nachts", r"\b(?P<part>nachts|abends|morgens)\b", 0, ("day", 2, 10)),
        (
            "clock",
            r"\b(?:(?:um|gegen|ab)\s+)?(?P<hh>[01]?\d|2[0-4])(?:[:.](?P<mm>[0-5]\d))?\s*Uhr(?:\s+(?P<mm2>[0-5]\d))?"
            r"(?:\s+mitteleuropäischer Zeit)?\b",
            0,
            ("clock", 15, 35),
        ),
        # durations and offsets: in den letzten 48 Stunden | zwei Tage später | vor zwei Wochen | seit Jahren
        (
            "duration",
            rf"(?<![\w.,])(?P<pre>(?:[Ii]n|[Ss]eit|[Vv]or|[Nn]ach(?=\s+\w+\s+Tage?n?\b))"
            rf"(?:\s+(?:den|der|dem|die|des))?\s+)?"
            rf"(?P<adj>(?:(?:letzten|vergangenen|nächsten|kommenden|ersten|folgenden|ganzen|weiteren|weiteres|weitere|knapp|etwa|rund|"
            rf"fast|beinahe|gut|ungefähr|mehr als|weniger als|[Ee]inige|[Ww]enige)\s+)*)"
            rf"(?P<num>\d+(?:,\d+)?|(?i:{num}|{vague})|(?:ein(?:e[mnr]?)?\s+)?halbe[nsm]?|drei\s?viertel)"
            rf"(?:\s+(?:halbe[nsm]?|dreiviertel))?\s+(?:(?:aufeinanderfolgenden|vollen|ganzen|langen)\s+)?"
            rf"(?P<unit>{units})(?![\w-])(?:\s+(?P<post>später|danach|darauf|zuvor|vorher|früher))?",
            0,
            ("unit", 90, 30),
        ),
        (
            "bare_units",
            r"\b(?:(?P<pre>[Ss]eit|[Ii]n den (?:letzten|vergangenen|nächsten|kommenden|folgenden)|[Vv]or|[Nn]ach)\s+"
            r"(?P<unit>Jahren|Monaten|Wochen|Tagen|Stunden|Jahrzehnten)\b"
            # "bereits Jahre zuvor", "in den Tagen danach": some years, some days
            r"|(?<![\w-])(?:[Ii]n den\s+)?(?P<unit2>Jahre|Monate|Wochen|Tage|Tagen)\s+(?:zuvor|vorher|danach|darauf)\b)",
            0,
            ("unit", 40, 20),
        ),
        (
            "plural_units",
            r"\b(?P<unit>Jahrzehnte|jahrzehntelang|jahrelang|monatelang|wochenlang|tagelang|stundenlang|"
            r"wochenlangen|monatelangen|jahrelangen)\b",
            0,
            ("unit", 2, 15),
        ),
        (
            "adj_duration",
            rf"\b(?P<num>\d+|{num})-?(?P<unit>tägig|wöchig|monatig|stündig)(?:e[nmrs]?)?\b",
            0,
            ("unit", 30, 15),
        ),
        (
            "relative",
            r"\b(?:(?P<mod2>[Aa]nfang|[Mm]itte|[Ee]nde|[Gg]egen [Ee]nde|[Zz]u [Bb]eginn|[Bb]eginn|[Ll]aufe|[Vv]erlauf)\s+"
            r"(?:des|dieses)\s+(?:(?P<rel2>folgenden|nächsten|vorangegangenen|vergangenen|selben|gleichen|laufenden)\s+)?"
            r"(?P<unit2>Jahres|Monats|Tages)(?!\s+\d)|"
            r"(?P<pre>[Ii]m|[Ii]n diesem|[Ii]n jenem|[Aa]m|[Aa]n diesem|[Aa]n jenem|[Dd]ieses|[Dd]iesem|[Dd]esselben|"
            r"[Dd]as|[Dd]as ganze|[Ii]m ganzen|[Ll]etzten|[Nn]euen|[Nn]ächsten|[Ff]olgenden|[Ee]inen)?"
            r"(?:(?<=\w)\s+|(?<!\w))(?:(?P<rel>selben|gleichen|folgenden|darauffolgenden|nächsten|kommenden|vergangenen|vorigen|letzten|"
            r"weiteren|ganze|folgende|kommende)\s+)?"
            r"(?P<unit>Jahr(?:es)?|Monat(?:s)?|Tag(?:e)?)(?P<post>\s+darauf|\s+danach)?(?!\s*\d)\b)",
            0,
            ("unit", 45, 25),
        ),
        (
            "compound",
            r"\b(?:(?P<cprep>[Aa]m|[Ii]m|[Zz]um|[Bb]is zum|[Zz]ur)\s+)?(?P<word>Vorjahr(?:es)?|Folgejahr(?:es)?|Folgejahren|"
            r"Jahresende|Jahresbeginn|Jahresanfang|Jahresmitte|Jahreswechsel|Vortag(?:es)?|Folgetag(?:es)?|"
            r"Jahreshälfte|Halbjahr)(?:\s+(?P<year>\d{4}))?\b",
            0,
            ("unit", 20, 25),
        ),
        (
            "half",
            r"\b(?:(?:in der|im)\s+)?(?P<ord>ersten|zweiten|1\.|2\.)\s+(?P<word>Jahreshälfte|Halbjahr(?:es)?)(?:\s+(?P<year>\d{4}))?\b",
            0,
            ("unit", 25, 25),
        ),
        (
            "holiday",
            rf"\b(?P<hol>{_alt(w['holidays'], capital=True)})(?:\s+(?P<year>\d{{4}}))?\b",
            0,
            ("holiday unit", 2, 20),
        ),
        (
            "set",
            rf"\b(?P<set>{_alt(w['sets'])}|jeden Tag|jede Woche|jeden Monat|jedes Jahr)\b",
            0,
            ("set unit", 10, 15),
        ),
        (
            "ref",
            rf"(?<![\w-])(?P<ref>{_alt(w['present_ref'] + w['past_ref'] + w['future_ref'])})(?![\w-])",
            re.IGNORECASE,
            ("ref unit day", 30, 30),
        ),
    ]
    del num, vague
    return tuple(
        Rule(kind, re.compile(pattern, flags), frozenset(triggers.split()), before, after)
        for kind, pattern, flags, (triggers, before, after) in specs
    )


def _stems(items: list[str] | dict[str, Any]) -> list[str]:
    """The words without those that another word of the list begins with ("tag" covers "tage")."""
    keys = sorted({k.rstrip(".").casefold() for k in items}, key=len)
    stems: list[str] = []
    for k in keys:
        if not any(k.startswith(s) for s in stems):
            stems.append(k)
    return stems


def _trie(stems: list[str]) -> str:
    """A regex alternation of ``stems`` grouped by their first letters, so that a position is rejected
    after one or two comparisons; the longest stem wins."""
    groups: dict[str, list[str]] = {}
    for stem in stems:
        groups.setdefault(stem[0], []).append(stem[1:])
    alternatives = []
    for first, rests in sorted(groups.items()):
        tail = _trie([r for r in rests if r])
        optional = "?" if "" in rests else ""
        alternatives.append(re.escape(first) + (f"(?:{tail}){optional}" if tail else ""))
    return "|".join(alternatives)


@cache
def trigger_stems() -> dict[str, frozenset[str]]:
    """Lower-case word beginnings where a time expression can be, with their trigger categories: month and
    weekday names, seasons, units ("tag", "jahr", "-tägig"), words of the day ("gestern", "abend"),
    "uhr", holidays, "täglich", the words of vague references. A stem that begins with another stem
    belongs to both categories ("frühjahr": season and day)."""
    w = words()
    refs = [max(phrase.split(), key=len) for phrase in w["present_ref"] + w["past_ref"] + w["future_ref"]]
    categories = {
        "month": sorted({k[:3] for k in w["months"]}),
        "weekday": _stems(w["weekdays"]),
        "season": _stems(w["seasons"]),
        "holiday": _stems(w["holidays"]),
        "set": _stems(list(w["sets"]) + ["jede"]),
        "unit": _stems(list(w["units"]) + ["tägig", "wöchig", "stündig", "jh."]),
        "day": ["heut", "gestern", "morgen", "mittag", "abend", "nacht", "früh"],
        "clock": ["uhr"],
        "ref": _stems(refs),
    }
    stems = {stem for members in categories.values() for stem in members}
    return {
        stem: frozenset(
            name for name, members in categories.items() if any(stem.startswith(m) for m in members)
        )
        for stem in stems
    }


@cache
def trigger_regex() -> re.Pattern[str]:
    """Digit runs and the stems of :func:`trigger_stems`, for one pass over the lower-cased text."""
    return re.compile(r"(\d+)|" + _trie(sorted(trigger_stems())))


def trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger category ("digit", "month", …), the spans of the text its triggers were found at."""
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: offsets would shift
        return {
            name: [(0, len(text))] for name in ("digit", *{c for cs in trigger_stems().values() for c in cs})
        }
    stems = trigger_stems()
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in trigger_regex().finditer(lower):
        span = m.span()
        for name in ("digit",) if m.group(1) else stems[m.group(0)]:
            spans.setdefault(name, []).append(span)
    return spans


def windows_for(rule: Rule, spans: dict[str, list[tuple[int, int]]], length: int) -> list[tuple[int, int]]:
    """The merged windows around the rule's triggers where its regex runs."""
    found = [span for category in rule.triggers for span in spans.get(category, ())]
    if len(rule.triggers) > 1:
        found.sort()
    merged: list[tuple[int, int]] = []
    before, after = rule.before, rule.after
    for start, end in found:
        start, end = max(0, start - before), min(length, end + after)
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
