"""Tokens and sentences: spaCy's blank German tokenizer plus a rule-based sentence splitter.

The splitter works on characters, not tokens, so it is fast and its offsets are exact. It splits after
``.``, ``!``, ``?`` (and a closing quote mark that follows them) when the next non-space character can
start a sentence, except after abbreviations (``lang/de/abbreviations.txt``) and ordinal numbers
("am 13. Dezember"). Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lagebild.lang import load_wordlist
from lagebild.model import Document
from lagebild.pipeline import stage

_CLOSERS = "\"'“”»«’‘)]"
_OPENERS = "\"'„“»«‚‘(["
_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*")
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jänner", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
    "okt", "nov", "dez",
}  # fmt: skip


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in load_wordlist("abbreviations.txt"))


def _can_start_sentence(text: str, i: int) -> bool:
    """Whether a sentence may start at index ``i`` (first non-space char after a candidate end)."""
    if i >= len(text):
        return False
    ch = text[i]
    return bool(ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "-–—•*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns (start, end) character offsets with surrounding space trimmed."""
    abbreviations = _abbreviations()
    cuts: set[int] = set()
    for para in _PARAGRAPH.finditer(text):
        cuts.add(para.start())
    for match in _END.finditer(text):
        end = match.end()
        j = end
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        if j < len(text) and text[j] in "\r\n":
            cuts.add(end)
            continue
        if j == end and not (j < len(text) and text[j].isupper() and match.group()[0] == "."):
            # no space after the mark: only "Verletzungen.Wer" style joins (lower-case word + capital)
            if not (j < len(text) and text[j] in _OPENERS and match.group()[-1] in _CLOSERS):
                continue
            if j == end:
                continue
        if not _can_start_sentence(text, j):
            continue
        if match.group()[0] == ".":
            # the word before the period
            k = match.start()
            w = k
            while w > 0 and not text[w - 1].isspace() and text[w - 1] not in _OPENERS:
                w -= 1
            word = text[w:k]
            if word.lower() in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
            if word.isdigit() and len(word) <= 2:
                # "am 13. Dezember": an ordinal, unless a new sentence clearly starts
                nxt = re.match(r"\w+", text[j:])
                if nxt and (nxt.group().lower() in _MONTHS or nxt.group()[0].isdigit()):
                    continue
            if word and word[-1].isdigit() and text[j].isdigit():
                continue
        cuts.add(end)
    sentences: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append((s, e))
        start = cut
    return sentences


@lru_cache(maxsize=1)
def blank_german() -> Any:
    """spaCy's blank German pipeline (tokenizer only; no downloaded model)."""
    import spacy

    return spacy.blank("de")


def tokenize(text: str) -> Any:
    """A spaCy Doc over ``text`` with sentence boundaries from :func:`split_sentences`."""
    nlp = blank_german()
    doc = nlp.make_doc(text)
    starts = {s for s, _ in split_sentences(text)}
    for token in doc:
        token.is_sent_start = token.idx in starts or token.i == 0
    return doc


@stage("tokens.v1", assigns=("nlp", "sentences"))
def make_tokens() -> Any:
    """spaCy blank German tokenizer and rule-based sentence splitter."""

    def tokens(doc: Document) -> Document:
        text = doc.article.text
        doc.sentences = split_sentences(text)
        # Sentence boundaries stay in doc.sentences (character spans); copying them onto every token
        # would cost more than tokenising. Use tokenize() where a Doc with sents is needed.
        doc.nlp = blank_german().make_doc(text)
        return doc

    return tokens
