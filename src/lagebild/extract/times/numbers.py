"""Reading German numbers: digits in German format ("100.000", "1,5 Millionen") and number words.

Shared by the time tagger (durations: "zwei Wochen", "einige Stunden") and the figure extractor
(counts of people: "Dutzende", "zwischen 20 und 30"). The words live in ``lang/de/numbers.json``, read
by :mod:`lagebild.lang.numbers`.
"""

from __future__ import annotations

import re
from functools import cache

# the tables, read by the extractors through this module
from lagebild.lang.numbers import cardinals as cardinals
from lagebild.lang.numbers import multipliers as multipliers
from lagebild.lang.numbers import vague_counts as vague_counts


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
