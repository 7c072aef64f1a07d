"""Quote marks: pairs of „…“ "…" »…« «…» ‚…‘ “…” and what they enclose.

1. **Pairing**: marks are paired left to right; an opener without its closer is skipped (the rest of the
   document is still read).
2. **What is quoted**: a sentence-like span (ends in . ! ?, is long, follows a colon or precedes a cue)
   is a *direct* quote; a title-case span ("Islamischer Staat", "Terminator") or one after a naming noun
   ("Terrormiliz", "Spitzname") is a *name*; other short spans are *fragments*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild.extract.quotes.clauses import is_name_noun
from lagebild.extract.quotes.lexicon import speech_verb_forms

_PAIRS = {"„": '“”"', "»": "«", "«": "»", "‚": "‘’", "“": "”", '"': '"'}
_OPENERS = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_MAX_QUOTE = 3000
_FUNCTION_WORDS = {
    "of",
    "and",
    "the",
    "for",
    "in",
    "on",
    "de",
    "la",
    "le",
    "du",
    "und",
    "für",
    "der",
    "die",
    "das",
    "des",
    "von",
    "al",
    "el",
    "&",
    "-",
    "–",
}


@dataclass
class Quoted:
    """A span in quote marks: ``open``/``close`` are the mark positions."""

    open: int
    close: int
    kind: str = "fragment"  # direct | name | fragment

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


# --- 1. quote marks ----------------------------------------------------------------------------------


def find_quote_marks(text: str) -> list[Quoted]:
    """Pairs of quote marks, left to right; unbalanced openers are skipped, never fatal."""
    result: list[Quoted] = []
    after = 0  # marks inside an already paired quote are skipped
    for match in _OPENERS.finditer(text):
        i = match.start()
        if i < after or not _can_open(text, i):
            continue
        j = _find_closer(text, i, _PAIRS[text[i]])
        if j is None:
            continue
        result.append(Quoted(i, j))
        after = j + 1
    return result


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if text[i] in '"“«':
        prev = text[i - 1] if i else " "
        return prev.isspace() or prev in "([–—-/:'"
    return True


@lru_cache(maxsize=16)
def _stop_pattern(opener: str, closers: str) -> re.Pattern[str]:
    """The characters at which the search for a closer must look: closers, the opener, line breaks."""
    return re.compile("[" + re.escape(closers + opener) + "\\n]")


def _find_closer(text: str, i: int, closers: str) -> int | None:
    opener = text[i]
    limit = min(len(text), i + _MAX_QUOTE)
    stops = _stop_pattern(opener, closers)
    j = i + 1
    while j < limit:
        match = stops.search(text, j, limit)
        if match is None:
            return None
        j = match.start()
        ch = text[j]
        if ch in closers and not (
            opener in "‚" and text[j - 1].isalpha() and j + 1 < len(text) and text[j + 1].isalpha()
        ):
            if opener == '"' and j + 1 < len(text) and text[j + 1].isalnum() and text[j - 1] not in ".,!?":
                j += 1  # a straight mark followed by a letter opens the next quote: "a"b is not a close
                continue
            return j if j > i + 1 else None
        if ch == opener and opener in "„»‚" or (ch == "\n" and text.startswith("\n", j + 1)):
            return None  # a new opener or a paragraph break before the closer: unbalanced
        j += 1
    return None


# --- 2. what is quoted -------------------------------------------------------------------------------


def classify(text: str, quoted: Quoted, sentence_start: int) -> str:
    a, b = quoted.inner
    content = text[a:b].strip()
    words = content.split()
    if not words:
        return "name"
    terminal = content[-1] in ".!?…"
    before = text[max(0, quoted.open - 40) : quoted.open].rstrip()
    colon = before.endswith(":")
    after = text[quoted.close + 1 : quoted.close + 40].lstrip()
    starts_sentence = not text[sentence_start : quoted.open].strip(' \t\n"„»«')
    prev_word = before.split()[-1] if before.split() else ""
    title_case = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _FUNCTION_WORDS for w in words)
    if (
        len(words) <= 8
        and not terminal
        and title_case
        and not (colon or (after.startswith(",") and len(words) > 2))
    ):
        return "name"
    if prev_word and is_name_noun(prev_word.strip('„»"')) and len(words) <= 6 and not terminal:
        return "name"
    sentence_like = terminal and content[:1].isupper()
    if (
        before[-1:].isalnum()
        and not starts_sentence
        and not sentence_like
        and prev_word.lower() not in speech_verb_forms()
    ):
        return "fragment"  # inside the writer's clause: "Er sagte, ihr lägen „keine Unterlagen vor“"
    if terminal or colon or len(words) >= 6:
        return "direct"
    if (starts_sentence or after.startswith(",")) and len(words) >= 3:
        return "direct"
    return "fragment"
