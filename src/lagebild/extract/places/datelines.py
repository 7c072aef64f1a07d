"""Datelines: where the reporter files from, in the layouts German news uses.

The dateline is one or more place names before the story's first sentence, set off by punctuation:

- ``Aleppo/Kairo. Die Truppen …`` — names and a full stop (the seeds' layout);
- ``Kabul – Die neue Regierung …`` — names and a dash before running text (APA, Der Standard);
- ``KIEW (dpa) - …``, ``Berlin/Brüssel (AFP/dpa) – …``, ``Kabul (APA) : …`` — names and an agency in
  brackets before a dash or colon;
- ``MOSKAU, 5. Mai (Reuters) - …``, ``Berlin (Deutschland), 05.03.2010 – …`` — names, a date, an agency
  or a country in brackets, a dash.

It is found at the start of the text and also where a title and a lead stand before it: at the start
of one of the first lines ("Titel\\n\\nLead …\\n\\nWien (APA) – …") or after the title sentence on the first
line ("Titel. Wien – Die Regierung …"). A headline word is never a dateline: a colon needs an agency
before it ("UNO: 120 Zivilisten getötet" is a headline), a bare dash needs a sentence after it on its
line ("Syrien – ein Land im Krieg" is a title), and every name must be a place of the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.extract.places.gazetteer import Gazetteer, fold

# a place name of up to four words: "Kabul", "New York", "Frankfurt am Main", "Rio de Janeiro"
_NAME = r"[^\W\d_][\w'’\-]*(?:[ ](?:(?:am|an der|an|im|ob der|bei|de|del|da|upon)[ ])?[A-ZÄÖÜ][\w'’\-]*){0,3}"
_MONTH = (
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\.?"
)
_DATE = rf"(?:\d{{1,2}}\.\s*{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}\.\s?\d{{1,2}}\.(?:\s?\d{{2,4}})?)"
_BRACKET = r"\((?P<{}>[^()\n]{{1,40}})\)"
_DATELINE = re.compile(
    rf"(?P<names>{_NAME}(?:\s*/\s*{_NAME})*)"
    rf"(?:\s*{_BRACKET.format('first')})?"
    rf"(?:\s*,\s*(?P<date>{_DATE}))?"
    rf"(?:\s*{_BRACKET.format('second')})?"
    r"\s*(?P<sep>[.:]|[–—-])(?=\s)"
)
# what an agency bracket holds: "dpa", "AFP/dpa", "APA/Reuters", "ots"
_AGENCY = re.compile(r"[A-Za-z]{2,12}(?:\s*/\s*[A-Za-z]{2,12}){0,3}")
# running text after a bare dash: a sentence ends on the same line and more than a few words stand there
_SENTENCE_END = re.compile(r"[.!?][\"'“”»«]?(?:\s|$)")
_FIRST_LINES = 4  # a title, a subtitle and a lead may stand before the dateline
_SEARCH_CHARS = 1200


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found in a text: the span of its names and the span of each name."""

    start: int
    end: int
    names: tuple[tuple[int, int], ...]
    agency: str | None


def _starts(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, bool]]:
    """Where a dateline may begin: (offset, whether it starts a line). The text's start, the starts of
    its first lines, and the sentence starts on the first line after the title sentence."""
    starts: list[tuple[int, bool]] = []
    position = 0
    for _ in range(_FIRST_LINES):
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= min(len(text), _SEARCH_CHARS):
            break
        starts.append((position, True))
        newline = text.find("\n", position)
        if newline < 0:
            break
        position = newline
    first_line_end = text.find("\n")
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    first = starts[0][0] if starts else 0
    for start, _ in sentences:
        if first < start < min(first_line_end, _SEARCH_CHARS):
            starts.append((start, False))
    return starts


def _name_spans(text: str, match: re.Match[str]) -> list[tuple[int, int]]:
    spans = []
    offset = match.start("names")
    for part in re.finditer(r"[^/]+", match.group("names")):
        s = offset + part.start() + (len(part.group()) - len(part.group().lstrip()))
        e = offset + part.end() - (len(part.group()) - len(part.group().rstrip()))
        spans.append((s, e))
    return spans


def _is_agency(value: str | None) -> bool:
    return value is not None and bool(_AGENCY.fullmatch(value.strip()))


def _layout_holds(text: str, match: re.Match[str], line_start: bool, gaz: Gazetteer) -> str | None:
    """The agency (or "" where none is named) when the punctuation after the names makes a dateline of
    them; None when it is a headline word or a title."""
    first, second, sep = match.group("first"), match.group("second"), match.group("sep")
    agency = next((value for value in (first, second) if _is_agency(value)), None)
    for value in (first, second):  # a bracket holds an agency or the country of the place
        if value is not None and not _is_agency(value) and not gaz.country_by_name(value.strip()):
            return None
    if sep == ":":
        return agency  # "UNO: …" is a headline; "Kabul (dpa): …" a dateline
    if sep == ".":
        if first or second or match.group("date") or not line_start:
            return None
        after = text[match.end() :].lstrip(" ")
        return "" if after[:1].isupper() or after[:1] in '„"»«' else None
    if agency is not None or match.group("date"):
        return agency or ""
    line_end = text.find("\n", match.end())
    rest = text[match.end() : len(text) if line_end < 0 else line_end].strip()
    if len(rest.split()) >= 4 and _SENTENCE_END.search(rest):
        return ""
    return None  # "Syrien – ein Land im Krieg": a title


def find_dateline(
    text: str, gaz: Gazetteer, sentences: Sequence[tuple[int, int]] = ()
) -> DatelineMatch | None:
    """The dateline of ``text`` (see the module's layouts), or None. ``sentences`` are the text's
    sentence spans (``Document.sentences``); without them only line starts are searched.

    Example: ``find_dateline("KIEW (dpa) - Bei Angriffen …", gaz)`` spans "KIEW";
    ``find_dateline("UNO: 120 Zivilisten getötet", gaz)`` is None."""
    for start, line_start in _starts(text, sentences):
        match = _DATELINE.match(text, start)
        if not match:
            continue
        agency = _layout_holds(text, match, line_start, gaz)
        if agency is None:
            continue
        spans = _name_spans(text, match)
        strong = bool(agency) or bool(match.group("date"))
        if all(_is_place_name(gaz, text[s:e], strong) for s, e in spans):
            return DatelineMatch(spans[0][0], spans[-1][1], tuple(spans), agency or None)
    return None


def _is_place_name(gaz: Gazetteer, name: str, strong: bool) -> bool:
    """A name of the gazetteer that is no German common word, unless an agency or a date vouches for it
    ("Essen (dpa) –" is the town; "Ende. Die …" is no dateline)."""
    key = fold(name)
    if not gaz.lookup_key(key):
        return False
    return strong or key not in gaz.common
