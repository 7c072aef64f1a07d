"""Who claims a figure: the cue phrases of German news ("nach Angaben des …", "laut …", "… zufolge",
"sprach von", "teilte … mit") and the noun phrases before and after them, read over the tokens of
``tokens.v1``. The figures stage (:mod:`lagebild.extract.figures`) resolves the spans this finds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from lagebild.errors import ConfigError
from lagebild.extract.places.gazetteer import default_gazetteer
from lagebild.lang import load_json
from lagebild.model import Document

_ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "eines", "einer", "einem", "einen"}


_CONNECTORS = {
    "für",
    "von",
    "vor",
    "aus",
    "und",
    "of",
    "for",
    "and",
    "the",
    "de",
    "al",
    "el",
    "du",
    "la",
    "des",
    "der",
    "dem",
    "den",
}


_SPEAK_FORMS = ("sprach", "sprachen", "spricht", "sprechen")


_SPOKE_OF = re.compile(
    r"\b(?:sprach|sprachen|spricht|sprechen)\b(?P<mid>[^,.;:!?„“\"]{0,60}?)\s(?P<von>von)\b"
)


_AUXILIARY = re.compile(r"\b(?:hat|haben|hatte|hatten)\b")


_PERFECT_CUE = re.compile(
    r"\b(?:gesprochen|gemeldet|berichtet|mitgeteilt|bestätigt|gezählt|beziffert|angegeben"
    r"|registriert|dokumentiert|veröffentlicht)\b"
)


# A claimant phrase headed by one of these nouns names no source ("nach ersten Angaben", "Die Zahlen
# wurden präzisiert"); with a possessive ("nach ihren Angaben") it points back like a pronoun.
_NOT_A_SOURCE = frozenset(
    {
        "angaben",
        "angabe",
        "zahlen",
        "zahl",
        "informationen",
        "schätzungen",
        "schätzung",
        "erkenntnissen",
        "erkenntnisse",
        "ermittlungen",
        "ermittlungsergebnissen",
        "darstellung",
        "berichten",
        "berichte",
        "meldungen",
        "medienberichten",
        "offiziell",
        "inoffiziell",
    }
)


_POSSESSIVE_SOURCE = re.compile(
    r"\b(?i:nach|laut)\s+((?i:ihren|seinen|deren|dessen)\s+(?:(?i:eigenen)\s+)?(?:Angaben|Informationen|Erkenntnissen))"
)


_ADJECTIVE_SOURCE = re.compile(
    r"\b(?i:nach|laut)\s+(([a-zäöüß]+en)\s+(?:Angaben|Informationen|Schätzungen|Berichten|Quellen|Zählungen))"
)


_EMERGES_FROM = re.compile(r"\b[Aa]us\s+([^,.;:!?„“\"]{3,120}?)\s+(?:hervorgeht|hervorging|hervorgehe|hervorgehen)\b")


_SO_CUE = re.compile(r"[,–—]\s*so\s+(?=(?:der|die|das|den|dem)\s|[A-ZÄÖÜ])")


_COUNTED_OBJECT = re.compile(r"(?i:die|der|eine)\s+(?:Zahl|Anzahl|Gesamtzahl|Opferzahl)\b")



@cache
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_json("figures.json")
    return data



def _alt(words: list[str] | dict[str, Any]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))



@cache
def _source_nouns() -> frozenset[str]:
    return frozenset(lexicon()["source_nouns"])



@cache
def _source_suffixes() -> tuple[str, ...]:
    return tuple(w for w in lexicon()["source_nouns"] if len(w) >= 6 and " " not in w)



@cache
def _function_words() -> frozenset[str]:
    """German function words (spaCy's German stop-word list)."""
    from spacy.lang.de.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)



@cache
def _source_adjectives() -> frozenset[str]:
    return frozenset(lexicon()["source_adjectives"])



@cache
def _anaphoric_source() -> re.Pattern[str]:
    """ "Demnach", "ihnen zufolge": the claim is the source's named in the sentence before."""
    return re.compile(rf"(?<![\w-])(?i:{_alt(lexicon()['anaphoric_sources'])})(?![\w-])")



@dataclass
class _Token:
    start: int
    end: int
    text: str



class _Words:
    """The tokens of ``tokens.v1`` (``doc.nlp``) for the phrase readers: a quoted name („…“, "…") or a
    parenthesis is one word, as a reader takes it."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        tokens: Any = doc.nlp
        if tokens is None:
            raise ConfigError("figures.v1 needs the tokens of tokens.v1 (doc.nlp): run tokens.v1 before it")
        self.words = [(t.idx, t.idx + len(t.text), t.text) for t in tokens if not t.is_space]
        self.starts = [w[0] for w in self.words]

    def between(self, start: int, end: int) -> list[_Token]:
        i = bisect_left(self.starts, start)
        out: list[_Token] = []
        words = self.words
        while i < len(words) and words[i][1] <= end:
            w_start, w_end, word = words[i]
            closer = _CLOSING.get(word)
            if closer is not None:
                j = i + 1
                while j < len(words) and words[j][1] <= end and words[j][2] not in closer:
                    j += 1
                limit = 40 if word == "(" else 80
                if j < len(words) and words[j][1] <= end and words[j][1] - w_start <= limit + 2 and j > i + 1:
                    out.append(_Token(w_start, words[j][1], self.text[w_start : words[j][1]]))
                    i = j + 1
                    continue
            out.append(_Token(w_start, w_end, word))
            i += 1
        return out


_CLOSING = {"„": "“”\"", '"': '"', "(": ")"}



def _np_token(tok: str) -> bool:
    return tok[0] in '„"(' or tok[0].isupper() or tok.casefold() in _ARTICLES



def _adjective(tok: str) -> bool:
    return bool(re.fullmatch(r"[a-zäöüß][a-zäöüß-]{2,}(?:en|er|es|e|em)", tok))



def _np_after(words: _Words, start: int, end: int, *, sentence_start: bool = False) -> tuple[int, int] | None:
    """A noun phrase (article, adjectives, capitalised words, quoted names, genitives) from ``start``;
    at a sentence's start a capitalised function word ("Gegen zwei Uhr …", "Nun …") begins none."""
    toks = words.between(start, end)
    while sentence_start and toks and toks[0].text.casefold() in _function_words() - _ARTICLES:
        toks = toks[1:]
    last = -1
    i = 0
    while i < len(toks):
        t = toks[i].text
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if _np_token(t) and not t[0].isdigit():
            if t[0].isupper() or t[0] in '„"(':
                last = i
            i += 1
        elif last >= 0 and _adjective(t) and t.casefold() not in _CONNECTORS and nxt.casefold() in _ARTICLES:
            break  # "Das Institut legte eine Studie": a verb after the noun, not an adjective
        elif (
            (t.casefold() in _CONNECTORS or _adjective(t))
            and nxt
            and (_np_token(nxt) or _adjective(nxt))
            and last >= 0
            or (_adjective(t) and nxt and (_np_token(nxt) or _adjective(nxt)))
        ):
            i += 1
        else:
            break
    if last < 0:
        return None
    return toks[0].start, toks[last].end



def _np_before(words: _Words, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end`` (the subject before a verb), looking back to ``start``."""
    toks = words.between(start, end)
    first = None
    i = len(toks) - 1
    while i >= 0:
        t = toks[i].text
        if t[0].isdigit():
            break
        if _np_token(t) or _adjective(t) or (t.casefold() in _CONNECTORS and first is not None):
            if t[0].isupper() or t[0] in '„"(' or t.casefold() in _ARTICLES:
                first = i
            i -= 1
        else:
            break
    if first is None:
        return None
    while first < len(toks) and toks[first].text.casefold() in _CONNECTORS - _ARTICLES:
        first += 1
    if first >= len(toks) or not any(c.isupper() for t in toks[first:] for c in t.text[:1]):
        return None
    return toks[first].start, toks[-1].end



@cache
def _cue_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    before = re.compile(rf"\b(?i:{_alt(lex['claim_before'])})\b\s+")
    after = re.compile(rf"\s+(?:{_alt(lex['claim_after'])})\b")
    adverb = r"\s+(?:(?:sogar|bereits|inzwischen|nun|jetzt|auch|noch|schon|mittlerweile|zuletzt)\s+)?"
    verbs = re.compile(rf"\b(?:{_alt(lex['claim_verbs']).replace(chr(92) + ' ', adverb)})\b")
    return before, after, verbs



def _claimants(words: _Words, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """Claimant spans in ``words.text[start:end]`` as (cue position, start, end)."""
    text = words.text
    before, after, verbs = _cue_regexes()
    for m in _POSSESSIVE_SOURCE.finditer(text, start, end):  # "nach ihren Angaben": resolved back later
        yield m.start(), m.start(1), m.end(1)
    for m in _ADJECTIVE_SOURCE.finditer(text, start, end):  # "nach palästinensischen Angaben"
        if m.group(2).casefold() in _source_adjectives() or default_gazetteer().adjective_country(m.group(2)):
            yield m.start(), m.start(1), m.end(1)
    for m in _SO_CUE.finditer(text, start, end):  # "…, so der Bundeswehrbericht, seien …"
        span = _np_after(words, m.end(), end)
        if span:
            yield m.start(), *span
    for m in _EMERGES_FROM.finditer(text, start, end):  # "wie aus einer Verlautbarung der ISAF hervorgeht"
        yield m.start(), m.start(1), m.end(1)
    for m in before.finditer(text, start, end):
        span = _np_after(words, m.end(), end)
        if span:
            yield m.start(), *span
    for m in after.finditer(text, start, end):
        span = _np_before(words, max(start, m.start() - 120), m.start())
        if span:
            yield m.start(), *span
    for m in _SPOKE_OF.finditer(text, start, end):  # "sprach am Dienstag von", "sprach die Polizei von"
        if m.group("mid").strip():
            span = _np_after(words, m.start("mid") + 1, m.start("von"))
            if span and span[1] <= m.start("von") and _np_token(text[span[0] : span[1]].split()[0]):
                yield m.start(), *span
                continue
        span = _np_before(words, start, _skip_adverbs_back(text, start, m.start()))
        if span:
            yield m.start(), *span
    for m in _PERFECT_CUE.finditer(text, start, end):  # "hat X … gemeldet", "X hat … von … gesprochen"
        aux = None
        for a in _AUXILIARY.finditer(text, start, m.start()):
            aux = a
        if aux is None:
            continue
        span = _np_after(words, aux.end() + 1, m.start())
        if span is None or not _np_token(text[span[0] : span[1]].split()[0]):
            span = _np_before(words, start, aux.start())
        if span:
            yield aux.start(), *span
    for m in verbs.finditer(text, start, end):
        if m.group(0).endswith("von") and m.group(0).split()[0] in _SPEAK_FORMS:
            continue  # found by _SPOKE_OF above
        if m.group(0).endswith("von") or m.group(0).startswith(("hieß", "heißt")):
            span = _np_before(words, start, _skip_adverbs_back(text, start, m.start()))
        else:
            span = _np_after(words, m.end() + 1, end) if m.end() < end else None
            if span is not None and _COUNTED_OBJECT.match(text, span[0]):
                span = None  # "schätzt die Zahl der Flüchtlinge auf 50.000": that is what is claimed
            if span is None:
                span = _np_before(words, start, _skip_adverbs_back(text, start, m.start()))
        if span:
            yield m.start(), *span



def _skip_adverbs_back(text: str, start: int, at: int) -> int:
    """Back over whitespace and adverbs ("sogar", "bereits") before a verb."""
    chunk = text[start:at]
    m = re.search(r"(?:\s+(?:sogar|bereits|inzwischen|zuletzt|nun|jetzt|auch|noch|schon|selbst))*\s*$", chunk)
    return start + (m.start() if m else len(chunk))
