"""Tokens and sentences: spaCy's blank German tokenizer plus a rule-based sentence splitter.

The splitter works on characters, not tokens, so it is fast and its offsets are exact. It splits after
``.``, ``!``, ``?`` (and a closing quote mark that follows them) when the next non-space character can
start a sentence, except after abbreviations (``lang/de/abbreviations.txt``) and ordinal numbers
("am 13. Dezember", "im 2. Weltkrieg" after a determiner of ``lang/de/ordinal_contexts.txt``).
Paragraph breaks always end a sentence.

Lengths are capped where the analysis needs it, so that every stage's cost stays linear in the text
(a feed or WARC record is whatever a web server sends):

* a sentence longer than :data:`MAX_SENTENCE_CHARS` (1,000 characters; the longest of the 12,713 sentences
  of the Wikinews corpus has 779) is split at the best boundary in its last 400 characters: after a
  semicolon, else a colon, else a comma, else before a dash, else at any space
  (:func:`cap_sentence`). A list of 20,000 words without a full stop becomes sentences of at most
  1,000 characters instead of one sentence the parser and the extractors read as a whole;
* a whitespace-separated chunk longer than :data:`MAX_TOKEN_CHARS` (100 characters; longer than the
  longest German compound and most URLs) is one opaque token: no prefix, suffix or infix is split
  off (spaCy's affix rules take time quadratic in a chunk's length, a minute for 10,000 closing
  brackets in a row).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from lagebild.lang import load_wordlist
from lagebild.model import Document
from lagebild.pipeline import stage

_CLOSERS = "\"'“”»«’‘)]"
_OPENERS = "\"'„“»«‚‘(["
_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*")
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")
MAX_SENTENCE_CHARS = 1_000
"""Characters at most in one sentence of :func:`split_sentences` (a longer one is split)."""
SENTENCE_CUT_WINDOW = 400
"""Characters before the cap in which :func:`cap_sentence` looks for the best boundary."""
MAX_TOKEN_CHARS = 100
"""Characters above which a whitespace-separated chunk is one opaque token."""
_LONG_CHUNK = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
# boundaries at which an over-long sentence is split, best first: the split lies after the mark
_CUT_MARKS = (re.compile(r";\s"), re.compile(r":\s"), re.compile(r",\s"), re.compile(r"\s[–—-]\s"),
              re.compile(r"\s"))
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\w+")
_LONGEST_WORD_READ = 64  # a word before a period is read this far back (longer than any abbreviation)
_MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jänner", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
    "okt", "nov", "dez",
}  # fmt: skip


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in load_wordlist("abbreviations.txt"))


@lru_cache(maxsize=1)
def _ordinal_contexts() -> frozenset[str]:
    return frozenset(w.lower() for w in load_wordlist("ordinal_contexts.txt"))


def _can_start_sentence(text: str, i: int) -> bool:
    """Whether a sentence may start at index ``i`` (first non-space char after a candidate end)."""
    if i >= len(text):
        return False
    ch = text[i]
    return bool(ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "-–—•*")


def cap_sentence(text: str, start: int, end: int,
                 limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` as pieces of at most ``limit`` characters, each cut at the best
    boundary in the last :data:`SENTENCE_CUT_WINDOW` characters before the limit: after ``;``, else
    after ``:``, else after ``,``, else before a dash, else at a space. Where that stretch has no space
    (one over-long word), the cut goes to the last space before it, else to the first after it: a word
    is never cut. Pieces are trimmed of surrounding space. Cost: linear in the sentence's length.

    Example: a 3,000-character enumeration "Aleppo, Homs, Hama, …" without a full stop becomes three
    or four sentences, each ending in a comma.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        low, high = start + max(1, limit - SENTENCE_CUT_WINDOW), start + limit
        cut = -1
        for mark in _CUT_MARKS:
            found = [m for m in mark.finditer(text, low, high + 1)]
            if found:
                # the cut lies at the whitespace after a mark (or before a dash): a token boundary
                cut = found[-1].end() - 1 if mark.pattern[0] != "\\" else found[-1].start()
                break
        if cut < 0:
            before = [m.start() for m in _SPACE.finditer(text, start + 1, low)]
            after = _SPACE.search(text, high, end)
            if before:
                cut = before[-1]
            elif after:
                cut = after.start()
            else:
                break  # one word to the end: it stays whole
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    trimmed = []
    for s, e in pieces:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns (start, end) character offsets with surrounding space
    trimmed. A sentence longer than :data:`MAX_SENTENCE_CHARS` is split by :func:`cap_sentence`."""
    abbreviations = _abbreviations()
    cuts: set[int] = set()
    for para in _PARAGRAPH.finditer(text):
        cuts.add(para.start())
    opaque = [(m.start(), m.end()) for m in _LONG_CHUNK.finditer(text)]  # one token each: never cut inside
    opaque_starts = [start for start, _ in opaque]
    for match in _END.finditer(text):
        end = match.end()
        inside = bisect_right(opaque_starts, end) - 1
        if inside >= 0 and end < opaque[inside][1]:
            continue
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
            stop = max(0, k - _LONGEST_WORD_READ)  # bounded: a 1 MB "a.A.a.A…" is read in linear time
            while w > stop and not text[w - 1].isspace() and text[w - 1] not in _OPENERS:
                w -= 1
            word = text[w:k]
            if word.lower() in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
            if word.isdigit() and len(word) <= 2:
                # "am 13. Dezember": an ordinal, unless a new sentence clearly starts
                nxt = _WORD.match(text, j)
                if nxt and (nxt.group().lower() in _MONTHS or nxt.group()[0].isdigit()):
                    continue
                # "im 2. Weltkrieg", "der 1. FC Köln": an ordinal after a determiner
                before = re.search(r"(\w+)\s+$", text[max(0, w - 30) : w])
                if before and before.group(1).lower() in _ordinal_contexts():
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
        if e - s > MAX_SENTENCE_CHARS:
            sentences.extend(cap_sentence(text, s, e))
        elif e > s:
            sentences.append((s, e))
        start = cut
    return sentences


@lru_cache(maxsize=1)
def blank_german() -> Any:
    """spaCy's blank German pipeline (tokenizer only; no downloaded model)."""
    import spacy

    nlp = spacy.blank("de")
    # spaCy refuses texts over a million characters for the memory its parser and NER would need on
    # them; this pipeline only tokenises here and parses sentence by sentence (at most
    # MAX_SENTENCE_CHARS each), so the limit would only turn a long article into an error
    nlp.max_length = 10**9
    return nlp


_PIECES = re.compile(r"\s+|\S+")
_CHUNK_CACHE_SIZE = 200_000


class ChunkTokenizer:
    """spaCy's blank German tokenizer with its work cached per whitespace-separated chunk in Python.

    spaCy cuts a text at whitespace into chunks and tokenises each chunk on its own (prefixes, suffixes,
    infixes, special cases such as "z.B."); only its special-case matcher looks across chunks. This
    class does the same cut with one regular expression, asks spaCy once per distinct chunk, and
    builds the Doc from the cached words, which is several times faster on running text. The Docs are
    token for token the same as ``blank_german().make_doc(text)`` (words, spaces, offsets, norms): where
    two tokens on either side of a chunk boundary could both belong to a multi-token special case
    (emoticons such as ": )"), the text goes to spaCy's own tokenizer instead. One difference, on
    purpose: a chunk longer than :data:`MAX_TOKEN_CHARS` is one opaque token (spaCy's affix rules
    would take time quadratic in its length).
    """

    def __init__(self) -> None:
        import spacy

        self.nlp = blank_german()
        self.vocab = self.nlp.vocab
        self.tokenizer = self.nlp.tokenizer
        self.chunks: dict[str, tuple[tuple[str, ...], tuple[bool, ...], tuple[tuple[int, str], ...]]] = {}
        self.special_cases = frozenset(self.tokenizer.rules)
        plain: Any = spacy.blank("de").tokenizer
        plain.rules = {}  # affix splitting only: the token sequences the special-case matcher looks for
        patterns = [[token.text for token in plain(rule)] for rule in self.special_cases]
        self.boundary_pairs: frozenset[tuple[str, str]] = frozenset(
            (pattern[i], pattern[i + 1]) for pattern in patterns for i in range(len(pattern) - 1)
        )
        self.single_patterns = frozenset(pattern[0] for pattern in patterns if len(pattern) == 1)
        self.pattern_tokens = frozenset(token for pattern in patterns for token in pattern)
        # special cases of symbols alone (emoticons such as ":1", "):"): spaCy's matcher treats them
        # differently inside a text than in a chunk on its own, so a text with one goes to spaCy whole
        self.symbol_cases = tuple(
            rule for rule in self.special_cases if rule.strip() and not any(ch.isalpha() for ch in rule)
        )
        self.symbolic: set[str] = set()

    def _affix_split(self, chunk: str) -> list[str] | None:
        """The tokens spaCy cuts ``chunk`` into by its prefix, suffix and infix rules (the same steps
        as its ``Tokenizer._split_affixes`` and ``_attach_tokens``); None where a special case takes
        part, which only spaCy's own tokenizer resolves exactly."""
        rules = self.special_cases
        tokenizer = self.tokenizer
        prefix_search, suffix_search = tokenizer.prefix_search, tokenizer.suffix_search
        prefixes: list[str] = []
        suffixes: list[str] = []
        string = chunk
        last_size = -1
        while string and len(string) != last_size:
            if string in rules:
                return None
            last_size = len(string)
            match = prefix_search(string)
            pre_len = match.end() - match.start() if match is not None else 0
            if pre_len and string[pre_len:] in rules:
                return None
            match = suffix_search(string[pre_len:])
            suf_len = match.end() - match.start() if match is not None else 0
            if suf_len and string[:-suf_len] in rules:
                return None
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                prefixes.append(string[:pre_len])
                suffixes.append(string[-suf_len:])
                string = string[pre_len:-suf_len]
            elif pre_len:
                prefixes.append(string[:pre_len])
                string = string[pre_len:]
            elif suf_len:
                suffixes.append(string[-suf_len:])
                string = string[:-suf_len]
        tokens = prefixes
        if string:
            if string in rules:
                return None
            url_match = tokenizer.url_match
            if url_match is not None and url_match(string):
                tokens.append(string)
            else:
                start = 0
                for match in tokenizer.infix_finditer(string):
                    infix_start, infix_end = match.start(), match.end()
                    if infix_start == 0:
                        continue
                    if infix_start != start:
                        tokens.append(string[start:infix_start])
                    if infix_start != infix_end:
                        tokens.append(string[infix_start:infix_end])
                    start = infix_end
                if string[start:]:
                    tokens.append(string[start:])
        tokens.extend(reversed(suffixes))
        pairs = self.boundary_pairs
        if any(token in self.pattern_tokens for token in tokens) and (
            any(token in self.single_patterns for token in tokens)
            or any(pair in pairs for pair in zip(tokens, tokens[1:], strict=False))
        ):
            return None  # the special-case matcher might join or split these tokens
        return tokens

    def _chunk(self, chunk: str) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[tuple[int, str], ...]]:
        found = self.chunks.get(chunk)
        if found is not None:
            return found
        if len(self.chunks) >= _CHUNK_CACHE_SIZE:
            self.chunks.clear()
            self.symbolic.clear()
        if chunk.isalpha() and chunk not in self.special_cases:
            tokens: list[str] | None = [chunk]  # no prefix, suffix or infix rule matches letters alone
        else:
            tokens = None if chunk[0].isspace() else self._affix_split(chunk)
        if tokens is not None:
            found = (tuple(tokens), (False,) * len(tokens), ())
        else:
            if any(rule in chunk for rule in self.symbol_cases):
                self.symbolic.add(chunk)
            doc = self.tokenizer(chunk)
            lexemes = self.vocab
            found = (
                tuple(token.text for token in doc),
                tuple(bool(token.whitespace_) for token in doc),
                tuple((token.i, token.norm_) for token in doc if token.norm_ != lexemes[token.text].norm_),
            )
        self.chunks[chunk] = found
        return found

    def words(self, text: str) -> tuple[list[str], list[bool], list[tuple[int, str]]] | None:
        """Words, trailing-space flags and special norms of ``text`` as spaCy cuts them; None where a
        special case might span a chunk boundary (then only spaCy's own tokenizer is exact)."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []
        boundary = self.boundary_pairs
        first = True
        for piece in _PIECES.findall(text):
            if not first and piece[0] == " ":
                spaces[-1] = True
                piece = piece[1:]
                if not piece:
                    continue
            first = False
            chunk_words: tuple[str, ...]
            chunk_spaces: tuple[bool, ...]
            chunk_norms: tuple[tuple[int, str], ...]
            if len(piece) > MAX_TOKEN_CHARS:  # one opaque token (a run of whitespace is one for spaCy too)
                chunk_words, chunk_spaces, chunk_norms = (piece,), (False,), ()
            else:
                chunk_words, chunk_spaces, chunk_norms = self._chunk(piece)
            if words and (words[-1], chunk_words[0]) in boundary or piece in self.symbolic:
                return None
            if chunk_norms:
                offset = len(words)
                norms.extend((offset + i, norm) for i, norm in chunk_norms)
            words.extend(chunk_words)
            spaces.extend(chunk_spaces)
        return words, spaces, norms

    def _words_around_long_chunks(self, text: str) -> tuple[list[str], list[bool], list[tuple[int, str]]]:
        """Words of a text that only spaCy's own tokenizer cuts exactly and that holds over-long chunks:
        spaCy cuts the stretches between them, each over-long chunk is one opaque token."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []

        def add(stretch: str) -> None:
            if stretch:
                for token in self.nlp.make_doc(stretch):
                    if token.norm_ != self.vocab[token.text].norm_:
                        norms.append((len(words), token.norm_))
                    words.append(token.text)
                    spaces.append(bool(token.whitespace_))

        position = 0
        for long_chunk in _LONG_CHUNK.finditer(text):
            add(text[position : long_chunk.start()])
            words.append(long_chunk.group())
            position = long_chunk.end()
            trailing_space = text.startswith(" ", position)
            spaces.append(trailing_space)
            position += trailing_space
        add(text[position:])
        return words, spaces, norms

    def make_doc(self, text: str) -> Any:
        """A spaCy Doc of ``text``, the same as ``blank_german().make_doc(text)``."""
        from spacy.tokens import Doc

        cut = self.words(text)
        if cut is None and _LONG_CHUNK.search(text):
            cut = self._words_around_long_chunks(text)
        if cut is None or not cut[0]:
            return self.nlp.make_doc(text)
        words, spaces, norms = cut
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for i, norm in norms:
            doc[i].norm_ = norm
        return doc


@lru_cache(maxsize=1)
def chunk_tokenizer() -> ChunkTokenizer:
    """The shared :class:`ChunkTokenizer` (its chunk cache grows with the texts it has seen)."""
    return ChunkTokenizer()


def make_doc(text: str) -> Any:
    """A spaCy Doc of ``text`` with the blank German tokenizer's tokens (no sentence boundaries)."""
    return chunk_tokenizer().make_doc(text)


def word_spans(tokens: Any, *, digits: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, word) of the tokens that are words: they start with a letter (or, with ``digits``,
    a letter or digit); an abbreviation's or ordinal's full stop is left out ("bzw.", "1.")."""
    words = []
    for token in tokens:
        word = token.text
        first = word[:1]
        if not (first.isalnum() if digits else first.isalpha()):
            continue
        if len(word) > 1 and word[-1] == ".":
            word = word[:-1]
        words.append((token.idx, token.idx + len(word), word))
    return words


def tokenize(text: str) -> Any:
    """A spaCy Doc over ``text`` with sentence boundaries from :func:`split_sentences`."""
    doc = make_doc(text)
    starts = {s for s, _ in split_sentences(text)}
    for token in doc:
        token.is_sent_start = token.idx in starts or token.i == 0
    return doc


@stage("tokens.v1", assigns=("nlp", "sentences"))
def make_tokens() -> Any:
    """spaCy blank German tokenizer and rule-based sentence splitter."""

    make_tokens_doc = chunk_tokenizer().make_doc

    def tokens(doc: Document) -> Document:
        text = doc.article.text
        doc.sentences = split_sentences(text)
        # Sentence boundaries stay in doc.sentences (character spans); copying them onto every token
        # would cost more than tokenising. Use tokenize() where a Doc with sents is needed.
        doc.nlp = make_tokens_doc(text)
        return doc

    return tokens
