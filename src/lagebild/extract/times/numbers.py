"""Reading German numbers: digits in German format ("100.000", "1,5 Millionen") and number words.

Shared by the time tagger (durations: "zwei Wochen", "einige Stunden") and the figure extractor
(counts of people: "Dutzende", "zwischen 20 und 30"). The words live in ``lang/de/numbers.json``.
"""

from __future__ import annotations

import re
from functools import cache

from lagebild.lang import load_json

_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
         "neunzig": 90}


@cache
def cardinals() -> dict[str, float]:
    """The number words of numbers.json and the compounds German writes as one word from 21 to 99
    ("sechsundfünfzig")."""
    words = {k: float(v) for k, v in load_json("numbers.json")["cardinals"].items()}
    for unit, u in _UNITS.items():
        for ten, t in _TENS.items():
            words.setdefault(f"{unit}und{ten}", float(t + u))
    return words


@cache
def vague_counts() -> dict[str, tuple[int, int | None, str]]:
    """Words such as "Hunderte": (lowest plausible value, highest or None, approx)."""
    return {k: (int(v[0]), v[1], str(v[2])) for k, v in load_json("numbers.json")["vague"].items()}


@cache
def multipliers() -> dict[str, int]:
    return {k: int(v) for k, v in load_json("numbers.json")["multipliers"].items()}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def number_word_pattern() -> str:
    """A regex alternation of the cardinal number words (longest first), for use inside ``\\b…\\b``."""
    return _alternation(list(cardinals()))


@cache
def vague_count_pattern() -> str:
    return _alternation(list(vague_counts()))


@cache
def multiplier_pattern() -> str:
    return _alternation(list(multipliers()))


# "100.000", "1.500", "2,5", "48", "1 500" (a thin space or space as thousands separator is rare in news)
DIGITS = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?"


def parse_digits(text: str) -> float:
    """A number in German notation: "." groups thousands, "," is the decimal comma."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def parse_number(text: str) -> float | None:
    """Digits or a number word (case-insensitive); None when it is neither."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return parse_digits(text)
        except ValueError:
            return None
    # lower(), not casefold(): casefold spells "ß" as "ss" ("dreißig" → "dreissig"), the words keep "ß"
    return cardinals().get(text.lower())
