"""Syntax-lite helpers for quotes: the layer's tokens per sentence, clause segments, speech cues and
speaker phrases.

The tokens are those of ``tokens.v1`` (``doc.nlp``), read per sentence with what quotes ask of them
(inside quote marks, capitalised). A speaker phrase found without the parse is a noun phrase next to
its cue: after an inverted verb ("…, sagte *der Sprecher der Zivilschützer*"), in the Vorfeld before
the verb ("*Die USA* verlangten, …"), after a subordinator ("wie *ein Sprecher der Aufständischen*
präzisierte"), after "laut"/"nach Angaben" or before "zufolge". A noun phrase is an optional
determiner, lower-case adjectives, a run of capitalised words and name particles ("al-", "de"), then
genitive attachments ("der Aufständischen") and an apposition (", Klaus Stöhr,").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from lagebild.extract.quotes.lexicon import VerbForm, cues, is_role_noun, speech_verb_forms

if TYPE_CHECKING:
    from spacy.tokens import Doc

_BOUNDARY = {",", ";", ":", "–", "—", "(", ")"}
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
# fmt: off
_QUANTIFIER_PRONOUNS = {"einer", "eines", "eine", "keiner", "keine", "jeder", "jede", "viele", "mehrere",
                        "einige", "zwei", "drei", "manche", "teile", "andere"}
_PLACE_PREPOSITIONS = {"in", "im", "aus", "von", "vom", "bei", "beim"}
_PERSONAL = {"er", "sie", "dieser", "diese"}
# capitalised only because they start a sentence: never part of a name
_FUNCTION = frozenset(["der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "dies", "diese", "dieser", "dieses", "es", "man", "so", "auch", "doch", "dabei", "damit", "dann", "daher", "deshalb", "zudem", "außerdem", "nach", "in", "im", "am", "auf", "aus", "bei", "mit", "von", "vom", "vor", "für", "über", "unter", "gegen", "seit", "laut", "wie", "wer", "was", "als", "wenn", "weil", "dass", "daß", "ob", "aber", "und", "oder", "denn", "zuvor", "bereits", "schon", "nun", "jetzt", "heute", "gestern", "hier", "dort", "da", "alle", "beide", "demnach", "danach", "wonach", "zunächst", "später", "zuletzt", "inzwischen", "unterdessen", "derzeit", "nur", "sogar", "ich", "wir", "ihr", "sie", "er", "mein", "unser", "ihre", "ihr", "sein", "seine", "zum", "zur", "beim", "weiter", "dagegen", "bislang", "bisher", "ebenso", "allerdings", "jedoch", "trotzdem", "dennoch", "gleichzeitig", "darüber", "darin", "dazu", "hierzu", "insgesamt", "schließlich", "letztlich", "anschließend", "ferner", "ebenfalls", "vielmehr", "besonders", "zugleich", "indes", "indessen", "jedenfalls", "immerhin", "folglich", "somit", "deswegen", "dafür", "dagegen", "hingegen", "wiederum", "außerdem", "zwar"])
_AUX = frozenset(["hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "soll", "sollen", "sollte", "sollten", "will", "wollen", "wollte", "wollten", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten", "habe", "sei"])
# fmt: on


class Tok:
    """A token of the layer with what quotes read of it; ``lower`` and ``cap`` are computed once (they are read very often)."""

    __slots__ = ("start", "end", "text", "quoted", "lower", "cap", "i")

    def __init__(self, start: int, end: int, text: str, quoted: bool = False, i: int = -1) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.quoted = quoted  # inside quote marks (direct quote, fragment or name)
        self.i = i  # index of the token in the article's token Doc (``doc.nlp``)
        lower = text.lower()
        self.lower = lower
        first = text[:1]
        # capitalised, or a compound whose head is ("23-Jährige", "dpa-Meldung", "n-tv-Reporter")
        self.cap = lower not in _FUNCTION and (
            first.isupper()
            or (first.isdigit() and len(text) > 1 and text[-1:].isalpha())
            or ("-" in text and text.rpartition("-")[2][:1].isupper() and first.isalpha())
        )

    def __repr__(self) -> str:
        return f"Tok({self.start}, {self.end}, {self.text!r}, {self.quoted})"


class SentenceTokens:
    """The tokens of each sentence, made on first use from the article's token layer: ``tokens(i)``.

    ``words`` is the spaCy Doc of ``tokens.v1`` (``doc.nlp``); a sentence's tokens are the Doc's tokens
    between its offsets (whitespace tokens left out), so every offset is the layer's.
    """

    def __init__(self, words: Doc, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> None:
        self.words = words
        self.sentences = sentences
        self.quoted = quoted
        self.quoted_ends = [end for _, end in quoted]
        self.starts = [token.idx for token in words]
        self.cache: dict[int, list[Tok]] = {}

    def __call__(self, index: int) -> list[Tok]:
        tokens = self.cache.get(index)
        if tokens is None:
            start, end = self.sentences[index]
            tokens = self.cache[index] = self._between(start, end)
        return tokens

    def _between(self, start: int, end: int) -> list[Tok]:
        quoted = self.quoted
        n = len(quoted)
        q = bisect_right(self.quoted_ends, start)  # the first quoted span that ends after ``start``
        words = self.words
        tokens: list[Tok] = []
        for i in range(bisect_left(self.starts, start), bisect_left(self.starts, end)):
            token = words[i]
            if token.is_space:
                continue
            s = token.idx
            while q < n and quoted[q][1] <= s:
                q += 1
            tokens.append(Tok(s, s + len(token.text), token.text, q < n and quoted[q][0] <= s, i))
        return tokens


def segments(tokens: list[Tok]) -> list[tuple[int, int]]:
    """Clause-like segments: token index ranges between commas, colons, dashes outside quotes."""
    result: list[tuple[int, int]] = []
    begin = 0
    for i, tok in enumerate(tokens):
        if not tok.quoted and tok.text in _BOUNDARY:
            if i > begin:
                result.append((begin, i))
            begin = i + 1
    end = len(tokens)
    while end > begin and not tokens[end - 1].quoted and tokens[end - 1].text in ".!?":
        end -= 1
    if end > begin:
        result.append((begin, end))
    return result


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    lists = cues()
    lowered = {key: frozenset(w.lower() for w in words) for key, words in lists.items()}
    lowered["name_nouns"] = lists["name_nouns"]
    return lowered


def _is_particle_token(tok: Tok) -> bool:
    """Name particles: "al-Halabi", "de" (in "de Mistura"), "von"."""
    head, dash, rest = tok.text.partition("-")
    return bool(dash and rest[:1].isupper() and head.lower() in _lists()["name_particles"])


_NUMBER_ADJECTIVE = re.compile(r"\d+-\w+(e|en|er|es|em)$")


def _is_adjective(tok: Tok) -> bool:
    if _NUMBER_ADJECTIVE.match(tok.text):
        return True  # "23-jährige"
    return (
        tok.text[:1].islower()
        and tok.text.replace("-", "").isalpha()
        and tok.lower.endswith(_ADJ_ENDINGS)
        and len(tok.text) > 3
        and tok.lower not in _FUNCTION
        and tok.lower not in _AUX
        and tok.lower not in speech_verb_forms()
        and tok.lower not in _lists()["subordinators"]
    )


def _cap_run(tokens: list[Tok], j: int, limit: int) -> int:
    """End of a run of capitalised words and name particles starting at ``j``."""
    particles = _lists()["name_particles"]
    k = j
    while k < limit:
        tok = tokens[k]
        if tok.quoted and k > j:
            break
        if (
            tok.cap
            and tok.text[:1].isalpha()
            or _is_particle_token(tok)
            or tok.lower in particles
            and k > j
            and k + 1 < limit
            and (
                tokens[k + 1].cap or tokens[k + 1].lower in particles and k + 2 < limit and tokens[k + 2].cap
            )
            and (
                tok.lower not in ("der", "den") or tokens[k - 1].lower in particles
            )  # "van der", not "X den Y"
        ):
            k += 1
        else:
            break
    return k


def _nominal(tokens: list[Tok], j: int, limit: int) -> int:
    """(determiner) adjectives* capitalised+ → end index, or ``j`` if there is no noun."""
    k = j
    if k < limit and tokens[k].lower in _lists()["determiners"]:
        k += 1
    while k < limit and _is_adjective(tokens[k]):
        k += 1
    end = _cap_run(tokens, k, limit)
    return end if end > k else j


def parse_np(tokens: list[Tok], i: int, limit: int | None = None) -> int:
    """End (exclusive) of the speaker phrase starting at token ``i``; ``i`` when there is none."""
    limit = len(tokens) if limit is None else limit
    if i >= limit or tokens[i].quoted:
        return i
    if tokens[i].lower in _PERSONAL:
        return i + 1
    j = i
    if tokens[j].lower in _QUANTIFIER_PRONOUNS and j + 1 < limit and tokens[j + 1].lower in ("der", "des"):
        j += 1  # "einer der Helfer"
        end = _nominal(tokens, j, limit)
        return end if end > j else i
    end = _nominal(tokens, j, limit)
    if end == j:
        return i
    j = end
    for _ in range(3):
        # a name in quote marks or an abbreviation in brackets right after the noun
        if j < limit and tokens[j].quoted and tokens[j].text in '„“"»«‚‘”':
            k = j + 1
            while k < limit and tokens[k].quoted and tokens[k].text not in '“"«»‘”':
                k += 1
            if k < limit and k > j + 1:
                j = k + 1
                continue
        if (
            j + 2 < limit
            and tokens[j].text == "("
            and tokens[j + 1].text.isupper()
            and tokens[j + 2].text == ")"
        ):
            j += 3
            continue
        if j < limit and tokens[j].lower in ("der", "des"):
            end = _nominal(tokens, j, limit)
            if end > j:
                j = end
                continue
        if (
            j + 1 < limit
            and tokens[j].lower == "für"
            and tokens[j + 1].cap
            and is_role_noun(tokens[j - 1].text)
        ):
            j = _cap_run(tokens, j + 1, limit)
            continue
        if j + 2 < limit and tokens[j].text == ",":
            end = _cap_run(tokens, j + 1, limit)
            if end - (j + 1) >= 2 and (end >= limit or tokens[end].text == ","):
                j = end
                continue
        break
    return j


def speaker_after(tokens: list[Tok], v: int, limit: int) -> tuple[int, int] | None:
    """The subject after an inverted verb at ``v``: skip adverbs and "am Montag", then a phrase."""
    skip = _lists()["skip_after_cue"]
    j = v + 1
    while j < limit and tokens[j].lower in skip:
        j += 1
        if j < limit and tokens[j - 1].lower == "am" and tokens[j].cap:
            j += 1
    if j < limit and tokens[j].lower == "es":
        return None
    end = parse_np(tokens, j, limit)
    if end > j and _is_addressee(tokens, j, end):
        # "sagte der Presse X", "sagte dem Spiegel der Minister": a dative addressee before the speaker
        head = next((k for k in range(j + 1, end) if tokens[k].cap), end)
        inner = next((k for k in range(head + 1, end) if tokens[k].lower in ("der", "die", "das")), None)
        if inner is not None:
            return (inner, end)
        if head + 1 < end and tokens[head].lower.endswith(_ADDRESSEES):
            return (head + 1, end)
        k = end
        while k < limit and tokens[k].lower in skip:
            k += 1
        after = parse_np(tokens, k, limit)
        return (k, after) if after > k else None
    return (j, end) if end > j else None


# fmt: off
_ADDRESSEES = ("presse", "zeitung", "agentur", "nachrichtenagentur", "sender", "fernsehsender", "journalisten",
               "reportern", "zeitschrift", "magazin", "tageszeitung", "medien", "öffentlichkeit", "nachrichtensender",
               "radiosender", "rundfunk", "blatt", "abgeordneten", "teilnehmern", "zuhörern", "delegierten")
# fmt: on


def _is_addressee(tokens: list[Tok], a: int, b: int) -> bool:
    """A dative phrase after a speech verb: "dem …", "den Journalisten", "der Presse"."""
    first = tokens[a].lower
    if first in ("dem", "einem"):
        return True
    head = next((t.lower for t in tokens[a + 1 : b] if t.cap), "")
    return first in ("der", "den", "einer") and head.endswith(_ADDRESSEES)


def speaker_before(tokens: list[Tok], seg_start: int, v: int) -> tuple[int, int] | None:
    """The subject in the Vorfeld (``seg_start``..``v``) or right after a subordinator."""
    j = seg_start
    if j < v and tokens[j].lower in _lists()["subordinators"] | {"wie", "was", "so"}:
        j += 1
    skip = _lists()["skip_after_cue"]
    while j < v - 1 and tokens[j].lower in skip and tokens[j].lower not in ("am", "so", "laut"):
        j += 1
        seg_start = j  # "Auch der Experte sagte": the adverb is not part of the subject
    end = parse_np(tokens, j, v)
    if end > j and end + 1 < v and tokens[end].lower in _PLACE_PREPOSITIONS:
        attached = _nominal(tokens, end + 1, v)  # "Das Exilparlament im indischen Dharamshala erklärte"
        if attached == v or (attached > end + 1 and attached < v and tokens[attached].lower in _AUX):
            end = attached
    if end > j and end < v and tokens[end].lower in _AUX and seg_start == j:
        return (j, end)  # "Die Regierung hat … angekündigt"
    if end > j and (
        end == v or (end < v and tokens[j].lower in _PERSONAL) or seg_start < j
    ):  # subordinate clause: subject first, verb last
        return (j, end)
    return None


def sentence_subject(tokens: list[Tok], limit: int) -> tuple[int, int] | None:
    """The phrase that opens the sentence, when a verb follows it ("Einer der Putschisten, X, dankte …")."""
    skip = _lists()["skip_after_cue"]
    j = 0
    while j < limit and tokens[j].lower in skip:
        j += 1
    end = parse_np(tokens, j, limit)
    if (
        end > j
        and end < limit
        and tokens[end].text[:1].islower()
        and tokens[j].lower not in ("dieser", "diese")
    ):
        return (j, end)
    return None


def opening_subject(tokens: list[Tok], v: int) -> tuple[int, int] | None:
    """The phrase that opens the sentence when the cue at ``v`` follows an apposition or relative clause.

    "Claudia Pfeiffer, Geschäftsführerin des KAV, erklärte, …"; "Der Minister, der … kam, sagte …".
    """
    skip = _lists()["skip_after_cue"]
    j = 0
    while j < v and tokens[j].lower in skip:
        j += 1
    end = parse_np(tokens, j, v)
    if end == j or end >= v or tokens[end].text != "," or tokens[j].lower in _PERSONAL:
        return None
    commas = sum(1 for t in tokens[end:v] if t.text == "," and not t.quoted)
    if commas > 3 or any(
        t.text in ":;" or t.lower in ("und", "oder") and not t.quoted for t in tokens[end:v]
    ):
        return None
    return (j, end)


def verb_cue(tokens: list[Tok], i: int, seg_end: int) -> VerbForm | None:
    """The speech verb that token ``i`` is a form of, if its particle (if any) follows in the clause."""
    tok = tokens[i]
    entries = speech_verb_forms().get(tok.lower)
    if not entries or tok.quoted or (tok.cap and i > 0):
        return None
    best: tuple[int, VerbForm] | None = None  # of the separable verbs, the one whose particle comes last
    for entry in entries:
        if entry.lemma == "heißen":
            near = {t.lower for t in tokens[max(0, i - 1) : i + 2]}
            if "es" in near:
                return entry
            continue
        if entry.particle is None:
            return entry
        at = particle_index(tokens, i, seg_end, entry.particle)
        if at is None and i > 0 and tokens[i - 1].lower == entry.particle:
            at = i  # verb-final, written apart: "wie die Firma am Morgen bekannt gab"
        if at is not None and (best is None or at > best[0]):
            best = (at, entry)
    return best[1] if best else None


def particle_index(tokens: list[Tok], i: int, seg_end: int, particle: str | None) -> int | None:
    if particle is None:
        return None
    for k in range(seg_end - 1, i, -1):
        if tokens[k].lower == particle:
            return k
    return None


def is_name_noun(word: str) -> bool:
    """Nouns after which quote marks enclose a name: "Terrormiliz „…“", "Spitzname „…“"."""
    names = _lists()["name_nouns"]
    return any(word == n or (word.endswith(n.lower()) and len(n) >= 4) for n in names)


def np_name(tokens: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    """The name inside a speaker phrase: the last run of ≥2 capitalised words (after a role noun)."""
    best: tuple[int, int] | None = None
    k = a
    while k < b:
        end = _cap_run(tokens, k, b)
        if end - k >= 2:
            start = k
            while start < end and is_role_noun(tokens[start].text) and end - start > 2:
                start += 1
            if is_role_noun(tokens[start].text) and end - start >= 2:
                start += 1
            best = (start, end)
            k = end
        else:
            k += 1
    return best


def is_person_phrase(tokens: list[Tok], a: int, b: int) -> bool:
    """A phrase naming a person: a name of two capitalised words, or a personal role noun."""
    return np_name(tokens, a, b) is not None


def span(tokens: list[Tok], a: int, b: int) -> tuple[int, int]:
    """Character span of tokens[a:b]."""
    return tokens[a].start, tokens[b - 1].end


def sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence (sorted (start, end) spans) that contains ``offset``."""
    lo, hi = 0, len(sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentences[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return max(lo, 0)
