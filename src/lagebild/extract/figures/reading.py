"""Reading one number of the text as a count of people: an ordered table of small rules.

:func:`read_count` runs :data:`RULES` in order over a :class:`Reading` (the number, its sentence and the
words around it). A rule looks at what the rules before it found, adds what it knows and returns
``False`` when the number is no count of people; the first ``False`` ends the reading. To add a rule,
write a function with its German example as docstring and put it in the table where it belongs.
The roles the parse gives (:mod:`lagebild.extract.figures.syntax`) come after this reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.extract.figures.syntax import is_person_noun
from lagebild.model import Approx

if TYPE_CHECKING:
    from lagebild.extract.figures import _FigureFinder

_HARM_CATEGORIES = frozenset({"killed", "injured", "executed", "abducted", "missing"})
_ONE_WORDS = {"ein", "eine", "einen", "einem", "einer", "eines", "eins", "beide", "beiden", "null", "halbes"}
_SUBSET = re.compile(r"(?:darunter|davon|unter ihnen)\s+(?:auch\s+|allein\s+)?$", re.IGNORECASE)
_NOT_PEOPLE_BEFORE = re.compile(r"(?:(?:€|\$|Euro|Dollar|Nr\.|§|Alter von|im Jahr|Jahre?)\s*|\d:)$")
_NOT_PEOPLE_AFTER = re.compile(r"\s*(?:%|-|–\s*jährig)|:\d")  # "mit 10:6": a score
_HEAD = re.compile(r"\s+((?:[a-zäöüß]+(?:en|er|e|es)\s+){0,2})([A-ZÄÖÜ][\w-]*)")
_OF_THEM = re.compile(r"\s+von\s+ihnen\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+(?:der|von|aus)\s+(?:[\wäöüß.]+\s+){0,4}?([A-ZÄÖÜ][\w-]*)")


@dataclass
class Reading:
    """What the rules know of one number so far."""

    m: re.Match[str]
    next_start: int  # where the next number starts (the clause of this one ends there at the latest)
    low: int | None = None
    high: int | None = None
    approx: Approx = "exact"
    sent: int = 0
    sent_end: int = 0
    clause_end: int = 0
    after: str = ""
    head: re.Match[str] | None = None
    head_noun: str | None = None
    adjectives: tuple[str, ...] = ()
    partitive: re.Match[str] | None = None
    partitive_noun: str | None = None
    category: str | None = None
    person: bool = False
    end: int = 0
    verb: re.Match[str] | None = None
    victims: str | None = None


Rule = Callable[["_FigureFinder", Reading], bool | None]


def no_article(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "ein Anschlag", "beide Seiten": an article or "beide" is no count (one person is read by the parse);
    before a casualty noun it counts one: "einen Toten", "ein weiterer Schwerverletzter"."""
    low = r.m["low"].casefold()
    if low in _INDEFINITE_ONE and not r.m["high"]:
        noun = _ONE_CASUALTY.match(finder.text, r.m.end())
        # "ein Opfer" is anyone harmed, dead or not: only "ein Todesopfer" counts one killed
        return (
            noun is not None
            and noun.group(1).casefold() != "opfer"
            and casualty_category(finder, noun.group(1)) in _HARM_CATEGORIES
        )
    return low not in _ONE_WORDS and not (r.m["between"] and not r.m["high"])


_INDEFINITE_ONE = frozenset({"ein", "eine", "einen", "einem", "einer"})
_ONE_CASUALTY = re.compile(r"\s+(?:(?:weitere[rmn]?|zweite[rmn]?|dritte[rmn]?)\s+)?([A-ZÄÖÜ][\w-]+)\b")


def casualty_category(finder: _FigureFinder, word: str) -> str | None:
    """The category of a casualty noun, also as the last part of a compound: "Tote", "Verkehrstote",
    "Motorrad-Toten", "Unfallopfer"."""
    noun = word.casefold()
    if noun in finder.nouns:
        return finder.nouns[noun]
    tail = noun.split("-")[-1]
    if tail in finder.nouns:
        return finder.nouns[tail]
    for size in range(len(noun) - 4, 3, -1):  # the longest listed noun the compound ends in
        if noun[-size:] in finder.nouns and finder.nouns[noun[-size:]] in _HARM_CATEGORIES:
            return finder.nouns[noun[-size:]]
    return None


def value(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "180 bis 200" → 180–200 (range); "Dutzende" → at least 24; "1,5 Millionen" → 1,500,000."""
    from lagebild.extract.figures import _value

    low, high, vague = _value(r.m["low"])
    if low is None:
        return False
    r.low, r.high, r.approx = low, high, vague or "exact"
    if r.m["high"]:
        high_low, high_high, _ = _value(r.m["high"])
        if high_low is None or high_low <= low:
            return False
        r.high, r.approx = high_high, "range"
    return None


def clause(finder: _FigureFinder, r: Reading) -> bool | None:
    """The clause of the number ends at the next number, or with "darunter" at the sentence's end:
    "38 Menschen, darunter 30 Briten, erschossen" (the verb is after the part)."""
    text, m = finder.text, r.m
    r.end = m.end()
    r.sent = finder.sentence_of(m.start())
    r.sent_end = finder.sentences[r.sent][1] if finder.sentences else len(text)
    r.clause_end = min(r.next_start, r.sent_end)
    if r.next_start < r.sent_end and _SUBSET.search(text, m.end(), r.next_start):
        r.clause_end = r.sent_end
    r.after = text[m.end() : r.clause_end]
    return None


_BRACKET_AFTER_WORD = re.compile(r"[^\W\d]\s*\(\s*$")
_BRACKET_AGE_AFTER = re.compile(r"\s*(?:\)|,\s*\d|und\s+\d|/)")


def not_money_age_year(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "500 Millionen Euro", "35 Prozent", "ein 35-jähriger Mann", "im Jahr 2015": no count of people."""
    start = finder.sentences[r.sent][0] if finder.sentences else 0
    before = finder.text[max(start, r.m.start() - 40) : r.m.start()]
    if _BRACKET_AFTER_WORD.search(before) and _BRACKET_AGE_AFTER.match(r.after):
        return False  # "einen Tatverdächtigen (27)", "zwei weitere (19 und 16)": ages in brackets
    return not (_NOT_PEOPLE_BEFORE.search(before) or _NOT_PEOPLE_AFTER.match(r.after))


def head_noun(finder: _FigureFinder, r: Reading) -> bool | None:
    """The noun after the number, with up to two adjectives: "82 Menschen", "250.000 umzingelten
    Bewohner"; money, weapons and buildings ("40 Panzer") are no people."""
    r.head = _HEAD.match(r.after)
    if r.head is None:
        return None
    r.head_noun = r.head.group(2).casefold()
    r.adjectives = tuple(r.head.group(1).split())
    noun = r.head_noun
    if noun in finder.not_people or noun.split("-")[-1] in finder.not_people:
        return False
    return None


def casualty_noun(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "12 Tote" → killed, "30 Verletzte" → injured; "93 Zivilisten" are people without a category yet."""
    noun = r.head_noun
    if noun is None:
        return None
    category = casualty_category(finder, noun)
    if category is not None:  # "12 Tote", "zwei Verkehrstote"
        r.category, r.person = category, True
    elif noun in finder.people or noun.split("-")[-1] in finder.people:
        r.person = True
    elif any(_harm_participle(finder, a) for a in r.adjectives) and is_person_noun(noun):
        r.person = True  # "rund 40 verletzte Teilnehmer": a person noun the plural list lacks
    if r.person and r.head is not None and not r.adjectives:
        r.end = r.m.end() + r.head.end()
    return None


def _harm_participle(finder: _FigureFinder, adjective: str) -> bool:
    """ "verletzte", "getötete": an attributive participle of a casualty verb (or its noun)."""
    word = adjective.casefold()
    return finder.verb_category.get(word) is not None or finder.nouns.get(word) in _HARM_CATEGORIES


def attributive_participle(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "15 getötete Zivilisten" → killed, "250.000 umzingelten Bewohner" → trapped."""
    for adjective in r.adjectives:
        word = adjective.casefold()
        if word in finder.verb_category:
            r.category = finder.verb_category[word]
        elif word in finder.nouns and r.person:
            r.category = finder.nouns[word]
    return None


def partitive(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "130.000 der … Bewohner", "zwei von ihnen": a part of people named after it."""
    if _OF_THEM.match(finder.text, r.m.end()):
        r.person = True  # "drei von ihnen schweben in Lebensgefahr": a part of people told before
        return None
    r.partitive = _PARTITIVE.match(finder.text[r.m.end() : r.sent_end])
    if r.partitive is None:
        return None
    noun = r.partitive.group(1).casefold()
    r.partitive_noun = noun
    if not r.person and (noun in finder.people or noun in finder.nouns):
        r.person = True
        r.category = r.category or finder.nouns.get(noun)
    return None


def clause_verb(finder: _FigureFinder, r: Reading) -> bool | None:
    """A casualty verb after the number in its clause ("mehr als 300 verwundet"), else one before it
    in the clause for people ("starben … 17 Kämpfer")."""
    text, m = finder.text, r.m
    r.verb = finder.verbs.search(text, m.end(), r.clause_end)
    noun = r.partitive_noun
    if r.partitive is not None and noun is not None and (noun in finder.people or noun in finder.nouns):
        r.verb = finder.verbs.search(text, m.end() + r.partitive.end(), r.sent_end)
    if r.verb is None and r.category is None:
        clause_start = max(finder.sentences[r.sent][0] if finder.sentences else 0, finder.previous_end)
        earlier = list(finder.verbs.finditer(text, clause_start, m.start()))
        if earlier and r.person:
            r.category = finder.verb_category[re.sub(r"\s+", " ", earlier[-1].group(0).casefold())]
    if r.verb and r.category is None:
        r.category = finder.verb_category[re.sub(r"\s+", " ", r.verb.group(0).casefold())]
    return None


def bare_count(finder: _FigureFinder, r: Reading) -> bool | None:
    """A number without a noun counts people when a casualty verb follows closely: "30 wurden verletzt";
    anything else is no count."""
    if (
        not r.person
        and r.verb is not None
        and (not r.head_noun or r.head_noun in finder.nouns)
        and r.verb.start() - r.m.end() < 60
        and not re.match(r"\s+[A-ZÄÖÜ]", r.after)
    ):
        r.person = True
    return r.person


def qualifier(finder: _FigureFinder, r: Reading) -> bool | None:
    """ "mindestens 5" → at least 5, "mehr als 20" → 21 and more, "bis zu 300" → at most, "rund" → about."""
    from lagebild.extract.figures import _qualified

    if r.low is not None and r.m["qual"]:
        r.low, r.high, r.approx = _qualified(r.low, r.high, r.approx, finder.qualifiers[r.m["qual"].casefold()])
    return None


def victims(finder: _FigureFinder, r: Reading) -> bool | None:
    """Who they were: "9 Kinder" → children; police are not arrested by an arrest verb ("ein Einsatz von
    400 Polizisten, bei dem zehn Menschen festgenommen wurden")."""
    if r.head_noun in finder.victims:
        r.victims = finder.victims[r.head_noun]
    elif r.partitive_noun is not None and r.partitive_noun in finder.victims:
        r.victims = finder.victims[r.partitive_noun]
    if r.category == "arrested" and r.victims in ("police", "security forces"):
        r.category = None
    return None


RULES: tuple[Rule, ...] = (
    no_article,
    value,
    clause,
    not_money_age_year,
    head_noun,
    casualty_noun,
    attributive_participle,
    partitive,
    clause_verb,
    bare_count,
    qualifier,
    victims,
)


def read_count(finder: _FigureFinder, m: re.Match[str], next_start: int) -> Reading | None:
    """The reading of number ``m`` by :data:`RULES`, or None when it is no count of people."""
    reading = Reading(m, next_start)
    for rule in RULES:
        if rule(finder, reading) is False:
            return None
    return reading
