"""Signals of the time tagger: the preposition that introduces a time expression, kept apart from it.

TimeML (TIMEX3) and HeidelTime leave the preposition out of a time expression's extent and annotate it
as a SIGNAL; the WikiWarsDE key (TIMEX2) does the same. :func:`split_signal` takes the span a rule
matched and returns the extent without its leading preposition, the preposition's own span and the
role it gives the time (``signal`` and ``signal_role`` of :class:`~lagebild.model.TimeExpression`):

- "am Dienstagabend" → extent "Dienstagabend", signal "am" (at);
- "seit Mitte Juli" → "Mitte Juli", "seit" (begin); "bis Ende 1941" → "Ende 1941", "bis" (end);
- "im Jahr 2015" → "Jahr 2015", "im" (during); "seit dem 17. Dezember" → "17. Dezember", "seit dem";
- "in den letzten 48 Stunden" → "den letzten 48 Stunden", "in": a determiner stays in the extent
  (TIMEX2 and TIMEX3 both keep it: "in der Folgezeit" → "der Folgezeit");
- a preposition a rule did not take in is found right before the extent: "von 1861 bis 1865" gives
  "1861" the signal "von" (begin) and "1865" the signal "bis" (end).

Two kinds of preposition stay in the extent, because the expression means something else without them:

- an operator that makes a duration a date, as English "ago" and "later" do: "vor zwei Wochen" (a day
  two weeks before), "nach zwei Tagen" (the day two days after the last day told); "nach sechs
  Wochen" told as a length of time (value ``P6W``) keeps "nach" as its signal;
- a contraction before an adjective whose definite article belongs to it ("derselbe", "der
  gleiche"): "am selben Tag", "im gleichen Monat". The signal is then the contraction inside the
  extent.

The words and their roles are ``signals``, ``operator_signals`` and ``identity_words`` in
``lang/de/time_words.json``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from lagebild.extract.times.rules import words
from lagebild.model import Mention, SignalRole, TimeType

_DAY = r"(?:[12]\d|3[01]|0?[1-9])\."  # a day number: the article before it goes with the signal
# a time expression that ends up without a word of its own ("am" of "am 8." was all it had) keeps its span
_WORD = re.compile(r"\w")


@cache
def _signal_roles() -> dict[str, SignalRole | None]:
    return {k: cast(SignalRole | None, v) for k, v in words()["signals"].items()}


@cache
def _leading() -> re.Pattern[str]:
    """A signal at the start of a matched span, with a definite article before a day number."""
    alternation = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_signal_roles(), key=len, reverse=True)
    )
    return re.compile(rf"(?i:(?P<sig>{alternation}))(?:\s+(?P<art>dem|den|der)(?=\s+{_DAY}))?\s+")


@cache
def _trailing() -> re.Pattern[str]:
    """A signal right before an extent: the end of the text before it."""
    alternation = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_signal_roles(), key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?i:(?P<sig>{alternation}))(?:\s+(?P<art>dem|den|der))?[ \t]+$")


def _role(phrase: str, ttype: TimeType, kind: str = "") -> SignalRole | None:
    key = re.sub(r"\s+", " ", phrase.casefold())
    role = _signal_roles().get(key)
    if role is None:
        return None
    if ttype == "DURATION" and key in words()["signals_not_before_durations"]:
        return None  # "im Alter von 87 Jahren", "zu zwölf Jahren verurteilt": no point in time
    if kind == "ref" and role == "begin" and key.startswith("vo"):
        return None  # "die Truppe von derzeit 2000 Mann": "von" belongs to the count
    if role == "at" and ttype == "DURATION":
        return "during"  # "für drei Monate": a length of time, not a point
    return role


def _operator(phrase: str, kind: str, ttype: TimeType) -> bool:
    """Whether the preposition makes the duration after it a date ("vor zwei Wochen")."""
    return (
        kind in ("duration", "bare_units")
        and ttype in ("DATE", "TIME")
        and phrase.casefold() in words()["operator_signals"]
    )


def split_signal(
    text: str, start: int, end: int, kind: str, ttype: TimeType, approx_start: int | None = None
) -> tuple[int, Mention | None, SignalRole | None]:
    """The extent's new start, its signal and the signal's role for the span ``start:end`` a rule of
    ``kind`` matched. ``approx_start`` is where an approximation word the rule read as part of the value
    begins ("um 1900" is about 1900: "um" stays in the extent)."""
    m = _leading().match(text, start, end)
    if m is not None:
        phrase = m["sig"]
        role = _role(phrase, ttype, kind)
        if (
            role is None
            or m.start() == approx_start
            or not _WORD.search(text, m.end(), end)
            or _operator(phrase, kind, ttype)
            or _lexical(text, end, kind, m.end())
        ):
            return start, None, None
        sig_end = m.end("art") if m["art"] else m.end("sig")
        signal = Mention(start, sig_end, text[start:sig_end])
        contraction = _holding_contraction(text, m.start("sig"), m.end("sig"), end)
        if contraction is not None:
            return contraction, signal, role  # "am selben Tag", "noch am selben Tag" → "am selben Tag"
        return m.end(), signal, role
    before = _trailing().search(text, max(0, start - 24), start)
    if before is None:
        return start, None, None
    role = _role(before["sig"], ttype, kind)
    if role is None or (before["art"] and not re.match(_DAY, text[start:end])):
        return start, None, None  # "nach dem Vorjahr", "in den 1993 geschlossenen Verträgen": not the time's
    sig_end = before.end("art") if before["art"] else before.end("sig")
    return start, Mention(before.start(), sig_end, text[before.start() : sig_end]), role


def _lexical(text: str, end: int, kind: str, rest_start: int) -> bool:
    """Whether a vague reference from the lexicon is one phrase with its preposition ("in Zukunft",
    "vor kurzem", "in der Folge"): its rest is no time expression of its own ("bis heute" is "heute")."""
    if kind != "ref":
        return False
    rest = re.sub(r"\s+", " ", text[rest_start:end].casefold())
    w = words()
    references = set(w["present_ref"]) | set(w["past_ref"]) | set(w["future_ref"])
    return rest not in references and rest not in _DEICTIC


_DEICTIC = ("heute", "gestern", "morgen", "vorgestern", "übermorgen")


def _holding_contraction(text: str, sig_start: int, sig_end: int, end: int) -> int | None:
    """The start of the contraction ("am", "im", "zum", "vom", "beim", "zur") that ends the signal
    ``sig_start:sig_end`` when an adjective whose article it holds follows ("am selben Tag" is "an
    demselben Tag"), else None."""
    last = re.search(r"(?i:am|im|zum|vom|beim|zur)$", text[sig_start:sig_end])
    if last is None or (last.start() > 0 and not text[sig_start + last.start() - 1].isspace()):
        return None
    nxt = re.match(r"\s+(\w+)", text[sig_end:end])
    if nxt is None or nxt.group(1).casefold() not in words()["identity_words"]:
        return None
    return sig_start + last.start()
