"""The patterns of the German time tagger: one compiled regex per construction.

Each rule names a construction (``kind``) that :mod:`lagebild.extract.times` normalises. Words come from
``lang/de/time_words.json`` and ``lang/de/numbers.json``; the regexes are built once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from lagebild.extract.times_numbers import number_word_pattern
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
    kind: str
    regex: re.Pattern[str]


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
    specs: list[tuple[str, str, int]] = [
        # 21. Februar 2003 | am Dienstag, 13. Dezember | Morgen des 22. Juni 1941
        ("daymonth", rf"\b{PREP}(?:(?:(?P<rel_part>{rel_part})\s+)?(?P<part>{part_words})\s+(?:des|vom)\s+)?"
                     rf"(?:(?P<wd>{weekdays}),?\s+(?:de[nm]\s+)?)?"
                     rf"(?P<day>[12]\d|3[01]|0?[1-9])\.\s?{mon}{year_after}?\b", 0),
        # the first day of "26. bis 27. September", "19. und 20. März 2003": month and year from the second
        ("dayrange", rf"(?<![\d.])(?P<day>[12]\d|3[01]|0?[1-9])\.\s*(?:und|bis(?: zum)?|–|-|/|auf den)\s*"
                     rf"(?=(?:[12]\d|3[01]|0?[1-9])\.\s?{mon}{year_after}?)", 0),
        ("nightof", r"\b(?P<part>Nacht) (?:vom|zum) (?P<day>[12]\d|3[01]|0?[1-9])\.(?!\s?[A-ZÄÖÜ\d])", 0),
        ("numeric", r"(?<![\d.])(?P<day>[12]\d|3[01]|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\.(?P<year>\d{4}|\d{2})(?![\d.]\d)", 0),
        ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?)?", 0),
        # (Mitte) Juli (1999) | März des folgenden Jahres | April des Jahres 1918
        ("month", rf"\b{PREP}{MOD}{mon}(?:{year_after}|\s+(?:des|dieses|desselben)\s+(?:{REL_YEAR}\s+)?Jahres"
                  rf"(?:\s+(?P<year2>\d{{4}}))?)?\b", 0),
        # 1999 | im Jahr 1904 | Ende 2002 | 481 v. Chr. | Um das Jahr 500 v. Chr.
        ("year", rf"(?<![\w.,/-]){PREP}(?:(?P<approx>[Uu]m|[Ee]twa|[Gg]egen)\s+(?:das\s+)?)?(?:(?P<laufe>[Ii]m [Ll]aufe|[Ii]m [Vv]erlauf|[Ll]aufe|[Vv]erlauf)\s+des\s+)?{MOD}(?:(?:im)\s+)?"
                 rf"(?:(?P<jahr>Jahre?s?|Jahren)\s+)?(?P<year>\d{{1,4}})(?![\d.,]\d|\.\s?(?:Jh|Jahrh)|\w){ERA}(?![\w-])", 0),
        ("decade", rf"\b{MOD}(?:(?:der|den|die)\s+)?(?P<dec>\d{{2,4}}|zwanziger|dreißiger|vierziger|fünfziger|sechziger|"
                   rf"siebziger|achtziger|neunziger)er?(?:-|\s)?Jahre[n]?{ERA}", 0),
        ("century", rf"\b{MOD}(?:(?:(?<=fang )|(?<=itte )|(?<=nde )|(?<=ginn ))des\s+)?(?P<n>\d{{1,2}})\.\s?(?:Jahrhunderts?|Jh\.|Jahrh\.){ERA}", 0),
        ("season", rf"\b{PREP}(?:(?P<adj>frühen|späten)\s+)?(?P<season>{seasons})(?:e?s)?(?![a-zäöü])"
                   rf"(?:\s+(?:(?P<year>\d{{1,4}})(?![\d.,]\d){ERA}|des\s+(?:(?:{REL_YEAR}\s+)?Jahres(?:\s+(?P<year2>\d{{4}}))?)))?", 0),
        ("weekday", rf"\b{PREP}(?:(?P<wrel>vergangenen|letzten|kommenden|nächsten|vorigen|diesen|diesem)\s+)?"
                    rf"(?P<wd>{weekdays})(?P<part>morgen|vormittag|mittag|nachmittag|abend|nacht)?s?"
                    rf"(?:\s+(?P<part2>früh|Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht))?\b", 0),
        ("deictic", r"\b(?P<deic>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|übermorgen)"
                    r"(?:\s+(?P<part>früh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|[Nn]acht))?\b", 0),
        ("today_adj", r"\b(?:(?:[Bb]is\s+)?zum\s+)?(?:heutigen Tag|[Hh]eutiger?)\b(?!\s+[A-ZÄÖÜ])", 0),
        ("part", rf"\b(?P<pprep>[Aa]m|[Ii]n der|[Gg]egen|[Nn]och am|[Ii]m Laufe des)\s+(?:(?P<rel_part>{rel_part})\s+)?"
                 rf"(?P<part>{part_words})(?![\w-])", 0),
        ("nachts", r"\b(?P<part>nachts|abends|morgens)\b", 0),
        ("clock", r"\b(?:(?:um|gegen|ab)\s+)?(?P<hh>[01]?\d|2[0-4])(?:[:.](?P<mm>[0-5]\d))?\s*Uhr(?:\s+(?P<mm2>[0-5]\d))?"
                  r"(?:\s+mitteleuropäischer Zeit)?\b", 0),
        # durations and offsets: in den letzten 48 Stunden | zwei Tage später | vor zwei Wochen | seit Jahren
        ("duration", rf"(?<![\w.,])(?P<pre>(?:[Ii]n|[Ss]eit|[Vv]or)"
                     rf"(?:\s+(?:den|der|dem|die|des))?\s+)?"
                     rf"(?P<adj>(?:(?:letzten|vergangenen|nächsten|kommenden|ersten|folgenden|ganzen|weiteren|knapp|etwa|rund|"
                     rf"fast|beinahe|gut|ungefähr|mehr als|weniger als|[Ee]inige|[Ww]enige)\s+)*)"
                     rf"(?P<num>\d+(?:,\d+)?|(?i:{num}|{vague})|(?:ein(?:e[mnr]?)?\s+)?halbe[nsm]?|drei\s?viertel)"
                     rf"(?:\s+(?:halbe[nsm]?|dreiviertel))?\s+(?:(?:aufeinanderfolgenden|vollen|ganzen|langen)\s+)?"
                     rf"(?P<unit>{units})(?![\w-])(?:\s+(?P<post>später|danach|darauf|zuvor|vorher|früher))?", 0),
        ("bare_units", r"\b(?P<pre>[Ss]eit|[Ii]n den (?:letzten|vergangenen|nächsten|kommenden|folgenden)|[Vv]or|[Nn]ach)\s+"
                       r"(?P<unit>Jahren|Monaten|Wochen|Tagen|Stunden|Jahrzehnten)\b", 0),
        ("plural_units", r"\b(?P<unit>Jahrzehnte|jahrzehntelang|jahrelang|monatelang|wochenlang|tagelang|stundenlang|"
                         r"wochenlangen|monatelangen|jahrelangen)\b", 0),
        ("adj_duration", rf"\b(?P<num>\d+|{num})-?(?P<unit>tägig|wöchig|monatig|stündig)(?:e[nmrs]?)?\b", 0),
        ("relative", r"\b(?:(?P<mod2>[Aa]nfang|[Mm]itte|[Ee]nde|[Gg]egen [Ee]nde|[Zz]u [Bb]eginn|[Bb]eginn|[Ll]aufe|[Vv]erlauf)\s+"
                     r"(?:des|dieses)\s+(?:(?P<rel2>folgenden|nächsten|vorangegangenen|vergangenen|selben|gleichen|laufenden)\s+)?"
                     r"(?P<unit2>Jahres|Monats|Tages)(?!\s+\d)|"
                     r"(?P<pre>[Ii]m|[Ii]n diesem|[Ii]n jenem|[Aa]m|[Aa]n diesem|[Aa]n jenem|[Dd]ieses|[Dd]iesem|[Dd]esselben|"
                     r"[Dd]as|[Dd]as ganze|[Ii]m ganzen|[Ll]etzten|[Nn]euen|[Nn]ächsten|[Ff]olgenden|[Ee]inen)?"
                     r"(?:(?<=\w)\s+|(?<!\w))(?:(?P<rel>selben|gleichen|folgenden|darauffolgenden|nächsten|kommenden|vergangenen|vorigen|letzten|"
                     r"weiteren|ganze|folgende|kommende)\s+)?"
                     r"(?P<unit>Jahr(?:es)?|Monat(?:s)?|Tag(?:e)?)(?P<post>\s+darauf|\s+danach)?(?!\s*\d)\b)", 0),
        ("compound", r"\b(?:(?P<cprep>[Aa]m|[Ii]m|[Zz]um|[Bb]is zum|[Zz]ur)\s+)?(?P<word>Vorjahr(?:es)?|Folgejahr(?:es)?|Folgejahren|"
                     r"Jahresende|Jahresbeginn|Jahresanfang|Jahresmitte|Jahreswechsel|Vortag(?:es)?|Folgetag(?:es)?|"
                     r"Jahreshälfte|Halbjahr)(?:\s+(?P<year>\d{4}))?\b", 0),
        ("half", r"\b(?:(?:in der|im)\s+)?(?P<ord>ersten|zweiten|1\.|2\.)\s+(?P<word>Jahreshälfte|Halbjahr(?:es)?)(?:\s+(?P<year>\d{4}))?\b", 0),
        ("holiday", rf"\b(?P<hol>{_alt(w['holidays'], capital=True)})(?:\s+(?P<year>\d{{4}}))?\b", 0),
        ("set", rf"\b(?P<set>{_alt(w['sets'])}|jeden Tag|jede Woche|jeden Monat|jedes Jahr)\b", 0),
        ("ref", rf"(?<![\w-])(?P<ref>{_alt(w['present_ref'] + w['past_ref'] + w['future_ref'])})(?![\w-])", re.IGNORECASE),
    ]
    del num, vague
    return tuple(Rule(kind, re.compile(pattern, flags)) for kind, pattern, flags in specs)
