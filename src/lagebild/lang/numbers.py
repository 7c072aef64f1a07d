"""German number words, read from ``lang/de/numbers.json``: the cardinals (with the compounds German writes
as one word from 21 to 99), the vague counts ("Hunderte") and the multipliers ("Millionen").

The language layer holds them, so that the parser's analysis norms (:mod:`lagebild.nlp.parser`) and the
extractors' number reading (:mod:`lagebild.extract.times.numbers`) read one table without the parser
depending on an extractor.
"""

from __future__ import annotations

from functools import cache

from lagebild.lang import load_json

UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
        "neunzig": 90}


@cache
def cardinals() -> dict[str, float]:
    """The number words of numbers.json and the compounds German writes as one word from 21 to 99
    ("sechsundfünfzig")."""
    words = {k: float(v) for k, v in load_json("numbers.json")["cardinals"].items()}
    for unit, u in UNITS.items():
        for ten, t in TENS.items():
            words.setdefault(f"{unit}und{ten}", float(t + u))
    return words


@cache
def vague_counts() -> dict[str, tuple[int, int | None, str]]:
    """Words such as "Hunderte": (lowest plausible value, highest or None, approx)."""
    return {k: (int(v[0]), v[1], str(v[2])) for k, v in load_json("numbers.json")["vague"].items()}


@cache
def multipliers() -> dict[str, int]:
    """Words that multiply the number before them ("1,5 Millionen")."""
    return {k: int(v) for k, v in load_json("numbers.json")["multipliers"].items()}
