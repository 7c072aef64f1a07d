"""Quotes: direct, partial and indirect speech in German news, each with its speaker and cue.

Stage ``quotes.v1`` (assigns ``quotes``). Steps, in order:

1. **Quote marks** „…“ "…" »…« «…» ‚…‘ “…” are paired left to right; an opener without its closer is
   skipped (the rest of the document is still read).
2. **What is quoted**: a sentence-like span (ends in . ! ?, is long, follows a colon or precedes a cue)
   is a *direct* quote; a title-case span ("Islamischer Staat", "Terminator") or one after a naming noun
   ("Terrormiliz", "Spitzname") is a *name*; other short spans are *fragments*.
3. **Direct quotes** get their speaker from the cue after them ("…“, sagte er"), the clause before a
   colon ("Auf einem Flugblatt hieß es: …") or, for a quote that stands alone, the speaker of the quote
   just before (a run of quotes keeps its speaker).
4. **Indirect speech** per sentence: a speech verb whose clause is followed by a Konjunktiv or dass-clause
   ("X verlangten, Beobachter müssten …"), an inverted speech verb after the message ("es gebe eine
   Einigung, bestätigte X"), "wie X sagte, …", "laut X", "X zufolge", "nach Angaben X". Sentences in
   Konjunktiv I that follow continue the last speaker.
5. **Partial quotes**: a fragment in a sentence that credits someone (a cue with a speaker).
6. **Speakers**: pronouns ("er", "sie") are resolved to the last fitting person, definite role phrases
   ("die Organisation") to the earlier speaker they shorten; ``speaker_resolved`` holds the name.

Uses ``doc.entities`` when present (to find person names for pronouns); works without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild.extract.quotes_lexicon import is_role_noun
from lagebild.extract.quotes_syntax import (
    Tok,
    is_name_noun,
    np_name,
    opening_subject,
    parse_np,
    particle_index,
    segments,
    sentence_subject,
    speaker_after,
    speaker_before,
    tokenize,
    verb_cue,
)
from lagebild.model import Document, Mention, Quote, QuoteKind
from lagebild.nlp.morph import may_be_subjunctive, mood
from lagebild.nlp.tokens import split_sentences
from lagebild.pipeline import stage

_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "‚": "‘’", "“": "”", "\"": "\""}
_OPENERS = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_MAX_QUOTE = 3000
_RUN_GAP = 1
_FAR_GAP = 1
_FUNCTION_WORDS = {"of", "and", "the", "for", "in", "on", "de", "la", "le", "du", "und", "für", "der", "die",
                   "das", "des", "von", "al", "el", "&", "-", "–"}


@dataclass
class Quoted:
    """A span in quote marks: ``open``/``close`` are the mark positions."""

    open: int
    close: int
    kind: str = "fragment"  # direct | name | fragment

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


@dataclass
class Found:
    start: int
    end: int
    kind: QuoteKind
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    resolved: str | None = None
    sentence: int = 0


@dataclass
class _State:
    text: str
    sentences: list[tuple[int, int]]
    persons: list[tuple[int, int]] = field(default_factory=list)  # person-name spans, by position
    found: list[Found] = field(default_factory=list)


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
    if text[i] in "\"“«":
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
        if ch in closers and not (opener in "‚" and text[j - 1].isalpha() and j + 1 < len(text) and text[j + 1].isalpha()):
            if opener == "\"" and j + 1 < len(text) and text[j + 1].isalnum() and text[j - 1] not in ".,!?":
                j += 1  # a straight mark followed by a letter opens the next quote: "a"b is not a close
                continue
            return j if j > i + 1 else None
        if ch == opener and opener in "„»‚" or (ch == "\n" and text.startswith("\n", j + 1)):
            return None  # a new opener or a paragraph break before the closer: unbalanced
        j += 1
    return None


# --- 2. what is quoted -------------------------------------------------------------------------------


def _classify(text: str, quoted: Quoted, sentence_start: int) -> str:
    a, b = quoted.inner
    content = text[a:b].strip()
    words = content.split()
    if not words:
        return "name"
    terminal = content[-1] in ".!?…"
    before = text[max(0, quoted.open - 40):quoted.open].rstrip()
    colon = before.endswith(":")
    after = text[quoted.close + 1:quoted.close + 40].lstrip()
    starts_sentence = not text[sentence_start:quoted.open].strip(" \t\n\"„»«")
    prev_word = before.split()[-1] if before.split() else ""
    title_case = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _FUNCTION_WORDS for w in words)
    if (len(words) <= 8 and not terminal and title_case
            and not (colon or (after.startswith(",") and len(words) > 2))):
        return "name"
    if prev_word and is_name_noun(prev_word.strip("„»\"")) and len(words) <= 6 and not terminal:
        return "name"
    if terminal or colon or len(words) >= 6:
        return "direct"
    if (starts_sentence or after.startswith(",")) and len(words) >= 3:
        return "direct"
    return "fragment"


# --- 3. speakers --------------------------------------------------------------------------------------


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentences[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return max(lo, 0)


def _span(tokens: list[Tok], a: int, b: int) -> tuple[int, int]:
    return tokens[a].start, tokens[b - 1].end


def _cue_span(tokens: list[Tok], v: int, seg_end: int, particle: str | None) -> tuple[int, int]:
    return tokens[v].start, tokens[v].end


_Cue = tuple[tuple[int, int], tuple[int, int] | None]  # (cue span, speaker span or None)


def _clause_cue(tokens: list[Tok], a: int, b: int) -> _Cue | None:
    """A speech verb in tokens[a:b] with its subject: ((cue span), speaker span or None)."""
    for v in range(a, b):
        verb = verb_cue(tokens, v, b)
        if verb is None:
            continue
        cue = _cue_span(tokens, v, b, verb.particle)
        if verb.lemma == "heißen":
            return cue, _heisst_es_source(tokens, a, v, b)
        stop = particle_index(tokens, v, b, verb.particle) or b
        subject = speaker_before(tokens, a, v) if v > a else None
        if subject is None:
            subject = speaker_after(tokens, v, stop)
        if subject is None and v > 0 and tokens[v - 1].lower == "und":
            subject = sentence_subject(tokens, v) or opening_subject(tokens, v)  # "X dankte … und ergänzte, …"
        if subject is None and v == a and a > 1 and tokens[a - 1].text == ",":
            subject = opening_subject(tokens, v)  # "X, Sprecher der Y, sagte"; "X, der …, sagte"
        if subject is None and v > a + 1:
            subject = _subject_at_aux(tokens, a, v)  # "Am Montag hat die EU zugesagt"; "wurde von X gefordert"
        return cue, (_span(tokens, *subject) if subject else None)
    return None


def _subject_at_aux(tokens: list[Tok], a: int, v: int) -> tuple[int, int] | None:
    """The subject next to the finite auxiliary of a verb-final speech participle or infinitive."""
    aux = next((k for k in range(a, v) if tokens[k].lower in _AUX_FORMS), None)
    if aux is None:
        return None
    if tokens[aux].lower.startswith("wurde") or tokens[aux].lower.startswith("worden"):
        for k in range(aux + 1, v - 1):
            if tokens[k].lower == "von":  # passive: "wurde von der Regierung angekündigt"
                end = parse_np(tokens, k + 1, v)
                return (k + 1, end) if end > k + 1 else None
        return None
    if aux > a:
        return speaker_after(tokens, aux, v)
    return None


_AUX_FORMS = frozenset(["hat", "haben", "hatte", "hatten", "habe", "wird", "werden", "wurde", "wurden", "will",
                        "wollen", "wollte", "wollten"])


def _heisst_es_source(tokens: list[Tok], a: int, v: int, b: int) -> tuple[int, int] | None:
    """"Auf einem Flugblatt hieß es", "aus Moskau hieß es von General X": who is quoted."""
    for k in range(v + 1, b - 1):
        if tokens[k].lower == "von":
            end = parse_np(tokens, k + 1, b)
            if end > k + 1:
                return _span(tokens, k + 1, end)
    if a < v and tokens[a].lower in ("auf", "in", "im", "aus", "laut"):
        end = parse_np(tokens, a + 1, v)
        if end > a + 1:
            return _span(tokens, a + 1, end)
    return None


class QuoteFinder:
    """Finds the quotes of one document; :meth:`run` returns them sorted by position."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.sentences = doc.sentences or split_sentences(doc.text) or [(0, len(doc.text))]
        self.marks = find_quote_marks(self.text)
        for quoted in self.marks:
            s = self.sentences[_sentence_of(self.sentences, quoted.open)][0]
            quoted.kind = _classify(self.text, quoted, s)
        self.quoted_spans = [(q.open, q.close + 1) for q in self.marks]
        self.entities = [(e.start, e.end) for e in doc.entities if e.label == "PER"]
        self.named = [(e.start, e.end) for e in doc.entities if e.label in ("PER", "ORG")]
        self.found: list[Found] = []
        self.speakers: list[tuple[int, int, str]] = []  # (start, end, resolved name) in text order
        self.tokens_by_sentence: dict[int, list[Tok]] = {}
        self._cues: dict[tuple[int, int, int], _Cue | None] = {}
        self._moods: dict[int, list[str | None]] = {}
        self._role_cache: dict[int, list[tuple[int, int]]] = {}

    def _clause_cue(self, tokens: list[Tok], a: int, b: int) -> _Cue | None:
        """:func:`_clause_cue`, computed once per clause (token lists of one sentence share their start)."""
        key = (tokens[0].start if tokens else -1, a, b)
        if key not in self._cues:
            self._cues[key] = _clause_cue(tokens, a, b)
        return self._cues[key]

    def _mood_of(self, tokens: list[Tok]) -> list[str | None]:
        """Konjunktiv mood of every token of a sentence, computed once per sentence."""
        key = tokens[0].start if tokens else -1
        moods = self._moods.get(key)
        if moods is None or len(moods) != len(tokens):
            last = len(tokens) - 1
            moods = [mood(tok.text, tokens[k - 1].text if k else None, tokens[k + 1].text if k < last else None,
                          sentence_initial=k == 0)
                     if tok.text.isalpha() and may_be_subjunctive(tok.lower) else None
                     for k, tok in enumerate(tokens)]
            self._moods[key] = moods
        return moods

    def tokens(self, index: int) -> list[Tok]:
        if index not in self.tokens_by_sentence:
            s, e = self.sentences[index]
            self.tokens_by_sentence[index] = tokenize(self.text, s, e, self.quoted_spans)
        return self.tokens_by_sentence[index]

    # -- speaker names and resolution

    def _resolve(self, speaker: tuple[int, int] | None) -> str | None:
        if speaker is None:
            return None
        words = self.text[speaker[0]:speaker[1]]
        lower = words.lower()
        if lower in ("er", "sie"):
            return self._antecedent(speaker[0], person_only=lower == "er")
        if lower == "demnach":  # "according to it": the source named last
            return next((name for s, e, name in reversed(self.speakers) if e <= speaker[0]), None)
        parts = words.split()
        if len(parts) == 2 and parts[0].lower() in ("der", "die", "das") and parts[1][:1].isupper():
            head = parts[1].lower()
            for s, e, name in reversed(self.speakers):
                if e <= speaker[0] and any(w.lower().strip("„“\"").endswith(head) for w in self.text[s:e].split()):
                    return name
        return None

    def _antecedent(self, before: int, person_only: bool) -> str | None:
        candidates = [(s, e, name) for s, e, name in self.speakers if e <= before]
        candidates += [(s, e, self.text[s:e]) for s, e in self.entities if e <= before]
        candidates += [(s, e, self.text[s:e]) for s, e in self._role_names(before)]
        if person_only:
            candidates = [c for c in candidates if self._looks_personal(c[2])]
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[1])[2]

    def _looks_personal(self, name: str) -> bool:
        words = [w for w in name.split() if w[:1].isupper()]
        return len(words) >= 2 or any(is_role_noun(w) for w in name.split())

    def _role_names(self, before: int) -> list[tuple[int, int]]:
        """Names that follow a role noun ("Verteidigungsminister Sergej Schoigu") before ``before``."""
        index = _sentence_of(self.sentences, before)
        names: list[tuple[int, int]] = []
        for k in range(max(0, index - 3), index + 1):
            names.extend(span for span in self._role_names_in(k) if span[1] <= before)
        return names

    def _role_names_in(self, index: int) -> list[tuple[int, int]]:
        """The role-noun names of one sentence, found once per sentence."""
        names = self._role_cache.get(index)
        if names is None:
            tokens = self.tokens(index)
            names = []
            for i, tok in enumerate(tokens):
                if tok.cap and i + 2 < len(tokens) and is_role_noun(tok.text):
                    name = np_name(tokens, i, min(len(tokens), i + 6))
                    if name:
                        names.append(_span(tokens, *name))
            self._role_cache[index] = names
        return names

    def _name_of(self, speaker: tuple[int, int]) -> str:
        index = _sentence_of(self.sentences, speaker[0])
        tokens = [t for t in self.tokens(index) if speaker[0] <= t.start and t.end <= speaker[1]]
        name = np_name(tokens, 0, len(tokens)) if tokens else None
        return self.text[tokens[name[0]].start:tokens[name[1] - 1].end] if name else self.text[speaker[0]:speaker[1]]

    def _add(self, found: Found) -> None:
        if found.speaker:
            found.resolved = self._resolve(found.speaker)
            words = self.text[found.speaker[0]:found.speaker[1]].lower()
            if words not in ("er", "sie", "demnach") and found.resolved is None:
                self.speakers.append((found.speaker[0], found.speaker[1], self._name_of(found.speaker)))
            elif found.resolved:
                self.speakers.append((found.speaker[0], found.speaker[1], found.resolved))
        self.found.append(found)

    # -- 3. direct quotes

    def _direct(self) -> None:
        last: Found | None = None
        for quoted in self.marks:
            if quoted.kind != "direct":
                continue
            a, b = quoted.inner
            index = _sentence_of(self.sentences, quoted.close)
            cue_speaker = self._cue_after(quoted) or self._cue_before(quoted)
            found = Found(a, b, "direct", sentence=_sentence_of(self.sentences, quoted.open))
            if cue_speaker:
                found.cue, found.speaker = cue_speaker
            if found.speaker is None and last is not None and last.speaker and found.sentence - last.sentence <= 3:
                found.speaker, found.resolved = last.speaker, last.resolved
                self.found.append(found)
            else:
                if found.speaker is None:
                    found.speaker = self._fallback_speaker(quoted)
                self._add(found)
            found.sentence = index
            last = found

    def _fallback_speaker(self, quoted: Quoted) -> tuple[int, int] | None:
        """No cue: the subject of the clause before a colon, else of the sentence before the quote."""
        index = _sentence_of(self.sentences, quoted.open)
        for k in (index, index - 1):
            if k < 0:
                continue
            tokens = [t for t in self.tokens(k) if t.end <= quoted.open]
            if not tokens:
                continue
            subject = sentence_subject(tokens, len(tokens))
            if subject and self._personal_phrase(tokens, *subject):
                return _span(tokens, *subject)
        return None

    def _personal_phrase(self, tokens: list[Tok], a: int, b: int) -> bool:
        """Whether a cue-less subject can be a speaker: a role noun, a person's or organisation's name.

        Other subjects ("Die Angriffe", "Der Staat") are dropped: a quote without speaker beats a wrong one.
        """
        if any(is_role_noun(t.text) for t in tokens[a:b]):
            return True
        start, end = tokens[a].start, tokens[b - 1].end
        if any(s < end and start < e for s, e in self.named):
            return True
        return np_name(tokens, a, b) is not None

    def _cue_after(self, quoted: Quoted) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        index = _sentence_of(self.sentences, quoted.close)
        tokens = self.tokens(index)
        i = next((k for k, t in enumerate(tokens) if t.start > quoted.close), len(tokens))
        if i < len(tokens) and tokens[i].text in ",–—":
            i += 1
        if i < len(tokens) and tokens[i].lower == "so":
            end = parse_np(tokens, i + 1)
            return ((tokens[i].start, tokens[i].end), _span(tokens, i + 1, end)) if end > i + 1 else None
        seg_end = next((k for k in range(i, len(tokens)) if not tokens[k].quoted and tokens[k].text in ",.;:!?"
                        or tokens[k].quoted), len(tokens))
        if i < seg_end and verb_cue(tokens, i, seg_end):
            return self._clause_cue(tokens, i, seg_end)
        return None

    def _cue_before(self, quoted: Quoted) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        before = self.text[:quoted.open].rstrip()
        if not before.endswith((":", ",")):
            return None
        index = _sentence_of(self.sentences, len(before) - 1)
        tokens = [t for t in self.tokens(index) if t.end <= len(before)]
        segs = segments(tokens)
        if not segs:
            return None
        a, b = segs[-1]
        if before.endswith(","):
            # "sagte er, „…“": only a clause that is a cue with nothing else
            result = self._clause_cue(tokens, a, b)
            return result if result and b - a <= 6 else None
        return self._clause_cue(tokens, a, b)

    # -- 4. indirect speech

    def _indirect(self) -> None:
        last_speaker: tuple[tuple[int, int] | None, str | None, int] | None = None
        for index in range(len(self.sentences)):
            tokens = self.tokens(index)
            if not tokens:
                continue
            direct_here = [f for f in self.found if f.kind == "direct" and f.sentence == index]
            results = self._indirect_in_sentence(tokens, index)
            for found in results:
                self._add(found)
            if results:
                last_speaker = (results[-1].speaker, results[-1].resolved, index)
                continue
            if direct_here:
                last_speaker = (direct_here[-1].speaker, direct_here[-1].resolved, index)
                continue
            reported = self._reported(tokens)
            subjunctive = self._subjunctive_main(tokens)
            if subjunctive and last_speaker and last_speaker[0] and index - last_speaker[2] <= _RUN_GAP:
                start, end = _span(tokens, 0, len(tokens))
                self.found.append(Found(start, end, "indirect", last_speaker[0], None, last_speaker[1], index))
                last_speaker = (last_speaker[0], last_speaker[1], index)
                continue
            if subjunctive:
                # a Konjunktiv sentence further on: the last speaker before it, when near enough
                start, end = _span(tokens, 0, len(tokens))
                earlier = next((f for f in reversed(self.found) if f.speaker and f.end <= start
                                and index - f.sentence <= _FAR_GAP), None)
                speaker = earlier.speaker if earlier else None
                self.found.append(Found(start, end, "indirect", speaker, None, earlier.resolved if earlier else None, index))
                continue
            if reported and not reported[2]:
                last_speaker = (reported[1], self._resolve(reported[1]), index)
            elif reported:
                cue_span, speaker, _ = reported
                start, end = _span(tokens, 0, len(tokens))
                found = Found(start, end, "indirect", speaker, cue_span, sentence=index)
                self._add(found)
                last_speaker = (speaker, found.resolved, index)

    def _reported(self, tokens: list[Tok]) -> tuple[tuple[int, int], tuple[int, int], bool] | None:
        """The first clause with a speech verb and its speaker: (cue, speaker, whether the verb reports on its
        own, "X warnte vor weiteren Angriffen", unlike "X kritisierte den Plan")."""
        for a, b in segments(tokens):
            result = self._clause_cue(tokens, a, b)
            if result and result[1]:
                v = next(k for k in range(a, b) if tokens[k].start == result[0][0])
                verb = verb_cue(tokens, v, b)
                reflexive = v + 1 < b and tokens[v + 1].lower == "sich"  # "sie nennen sich …": a name, not speech
                return result[0], result[1], verb is not None and verb.lemma in _reporting_verbs() and not reflexive
        return None

    def _subjunctive_main(self, tokens: list[Tok], a: int = 0, b: int | None = None, sub2: bool = False) -> bool:
        b = len(tokens) if b is None else b
        moods = self._mood_of(tokens)[a:b]
        return "sub1" in moods or (sub2 and "sub2" in moods)

    def _message(self, tokens: list[Tok], a: int, b: int, index: int) -> tuple[int, int] | None:
        """Character span of tokens[a:b] without direct quotes at its edges; None if nothing is left."""
        while a < b and (tokens[a].quoted and self._in_direct(tokens[a].start) or tokens[a].text in ",;:–—"):
            a += 1
        while b > a and (tokens[b - 1].quoted and self._in_direct(tokens[b - 1].start) or tokens[b - 1].text in ",;:–—"):
            b -= 1
        # stop at a direct quote inside
        for k in range(a, b):
            if tokens[k].quoted and self._in_direct(tokens[k].start):
                b = k
                while b > a and tokens[b - 1].text in ",;:–—":
                    b -= 1
                break
        if b - a < 2:
            return None
        return _span(tokens, a, b)

    def _in_direct(self, offset: int) -> bool:
        return any(q.open <= offset <= q.close for q in self.marks if q.kind == "direct")

    def _indirect_in_sentence(self, tokens: list[Tok], index: int) -> list[Found]:
        segs = segments(tokens)
        results: list[Found] = []
        end_all = len(tokens)
        while end_all and tokens[end_all - 1].text in ".!?" and not tokens[end_all - 1].quoted:
            end_all -= 1
        for n, (a, b) in enumerate(segs):
            first = tokens[a].lower
            # "laut X …", "nach Angaben X …", "X zufolge …"
            prep = self._prepositional(tokens, a, b, end_all, index)
            if prep:
                results.append(prep)
                break
            cue = self._clause_cue(tokens, a, b)
            if cue is None:
                continue
            cue_span, speaker = cue
            verb_at = next(k for k in range(a, b) if tokens[k].start == cue_span[0])
            if first == "wie" and n + 1 < len(segs):
                message = self._message(tokens, segs[n + 1][0], end_all, index)
                if message:
                    results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                    break
            if n > 0 and (verb_at == a or first in ("so", "wie")):
                message = self._message(tokens, 0, segs[n - 1][1], index)
                if message and speaker and b - a <= 9 and speaker[0] > cue_span[0]:
                    results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                    break
            if n + 1 < len(segs):
                na, nb = segs[n + 1]
                if (tokens[na].lower in ("dass", "daß") or self._subjunctive_main(tokens, na, nb, sub2=True)
                        or _zu_infinitive(tokens, nb)):
                    # the message ends where a later clause attributes speech of its own ("…, wie X sagte")
                    stop = next((sa for sa, sb in segs[n + 2:] if tokens[sa].lower in ("wie", "so")
                                 and self._clause_cue(tokens, sa, sb)), end_all)
                    message = self._message(tokens, na, stop, index)
                    if message:
                        results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                        break
            if first in ("das", "dies") and verb_at == a + 1 and index > 0 and speaker:
                prev = self.tokens(index - 1)
                message = self._message(prev, 0, len(prev), index - 1)
                if message and not any(f.start <= message[0] < f.end for f in self.found):
                    results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                    break
        return results

    def _prepositional(self, tokens: list[Tok], a: int, b: int, end_all: int, index: int) -> Found | None:
        for k in range(a, b):
            tok = tokens[k]
            if tok.quoted:
                continue
            lower = tok.lower
            speaker: tuple[int, int] | None = None
            cue_end = k + 1
            if lower in ("laut", "gemäß") and k + 1 < b:
                end = parse_np(tokens, k + 1, b)
                speaker = (k + 1, end) if end > k + 1 else None
                if speaker and end - (k + 1) == 1 and tokens[k + 1].text[:1].islower() and "-" not in tokens[k + 1].text:
                    speaker = None  # "laut eigenen …" is no speaker; "laut el-Baradei" is
            elif lower == "demnach" and k == a == 0 or (
                    lower == "nach" and k - 2 >= a and _is_speech_noun(tokens[k - 1].text)
                    and tokens[k - 2].lower in ("dem", "seiner", "ihrer", "deren", "dessen")):
                speaker = (k, k + 1) if lower == "demnach" else (k - 2, k)  # "Seiner Meinung nach": like a pronoun
            elif lower == "nach" and k + 1 < b:
                j = k + 1
                if tokens[j].lower in ("einem", "einer", "den", "dem"):
                    j += 1
                while j + 1 < b and tokens[j].text[:1].islower() and tokens[j].lower.endswith(("en", "er", "em", "e")):
                    j += 1  # "nach ersten offiziellen Angaben", "nach israelischen Militärangaben"
                if j < b and _is_speech_noun(tokens[j].text):
                    cue_end = j + 1
                    holder = j + 2 if j + 2 < b and tokens[j + 1].lower == "von" else j + 1
                    end = parse_np(tokens, holder, b)
                    if end > holder and (tokens[j + 1].lower in ("der", "des", "von") or tokens[j + 1].cap):
                        speaker = (holder, end)
                    elif tokens[j].text not in _SPEECH_NOUNS:
                        speaker = (j, j + 1)  # "nach Polizeiangaben": the source is in the compound
                        cue_end = k + 1
                    else:
                        speaker = (k + 1, j + 1)  # "nach eigenen Angaben": the statement is the source
                        cue_end = k + 1
            elif lower == "so" and k == a and a > 0 and parse_np(tokens, k + 1, b) == b > k + 1:
                speaker = (k + 1, b)  # "…, so der Sprecher."
            elif lower == "zufolge" and k > a:
                start = k - 1
                while start > a and not tokens[start - 1].quoted and tokens[start - 1].text not in ",;:":
                    start -= 1
                if tokens[start].text in _SPEECH_NOUNS and start + 1 < k:
                    start += 1
                # the longest phrase that ends right before "zufolge": "Es handele sich ersten Angaben zufolge"
                speaker = next(((st, k) for st in range(max(start, k - 10), k) if parse_np(tokens, st, k) == k), None)
            if speaker is None:
                continue
            cue_span = (tok.start, tokens[cue_end - 1].end)
            if lower == "so":
                message = self._message(tokens, 0, a, index)
                if message:
                    return Found(*message, "indirect", _span(tokens, *speaker), cue_span, sentence=index)
                continue
            post = lower == "zufolge" or speaker[1] <= k
            speaker_end = speaker[1] if not post else k + 1
            speaker_start = k if not post else speaker[0]
            if speaker_start == a and a == 0:
                message = self._message(tokens, speaker_end, end_all, index)
            elif speaker_end >= b and b == end_all:
                message = self._message(tokens, 0, a, index)
            else:
                message = self._message(tokens, 0, end_all, index)
            if message is None:
                continue
            return Found(*message, "indirect", _span(tokens, *speaker), cue_span, sentence=index)
        return None

    # -- 5. partial quotes

    def _partial(self) -> None:
        for quoted in self.marks:
            if quoted.kind != "fragment":
                continue
            a, b = quoted.inner
            index = _sentence_of(self.sentences, quoted.open)
            container = next((f for f in self.found if f.kind == "indirect" and f.start <= a and b <= f.end and f.speaker), None)
            tokens = self.tokens(index)
            best: tuple[int, tuple[int, int], tuple[int, int]] | None = None
            segs = segments(tokens)
            own = next((n for n, (s, e) in enumerate(segs) if tokens[s].start <= a < tokens[e - 1].end), -2)
            for n, (s, e) in enumerate(segs):
                cue = self._clause_cue(tokens, s, e)
                if cue is None:
                    continue
                cue_span, speaker = cue
                if speaker is None:
                    continue
                distance = min(abs(x - y) for x in (cue_span[0], speaker[0], speaker[1]) for y in (a, b))
                if tokens[s].lower in ("wie", "so") and n == own + 1:
                    distance = -1  # "„…“, wie X es nannte": the clause right after credits the fragment
                if best is None or distance < best[0]:
                    best = (distance, cue_span, speaker)
            if container and not (best and best[0] < 0):
                self.found.append(Found(a, b, "partial", container.speaker, container.cue, container.resolved, index))
            elif best:
                found = Found(a, b, "partial", best[2], best[1], sentence=index)
                found.resolved = self._resolve(best[2])
                self.found.append(found)

    def run(self) -> list[Found]:
        self._direct()
        self._indirect()
        self._partial()
        return sorted(self.found, key=lambda f: (f.start, f.end))


_SPEECH_NOUNS: frozenset[str] = frozenset()


def _is_speech_noun(word: str) -> bool:
    if word in _SPEECH_NOUNS:
        return True
    lower = word.lower()
    return word[:1].isupper() and any(lower.endswith(n.lower()) for n in _SPEECH_NOUNS if len(n) > 5)


def _zu_infinitive(tokens: list[Tok], end: int) -> bool:
    """Whether tokens[:end] ends in a zu-infinitive: "… veruntreut zu haben", "… niederzulegen"."""
    last = tokens[end - 1]
    lower = last.lower
    if not (last.text[:1].islower() and lower.endswith(("en", "ern", "eln"))):
        return False
    return (end >= 2 and tokens[end - 2].lower == "zu") or "zu" in lower[2:-3]


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    from lagebild.extract.quotes_lexicon import cues

    return cues()["reporting_verbs"]


def _speech_nouns() -> frozenset[str]:
    from lagebild.extract.quotes_lexicon import cues

    return cues()["speech_nouns"]


def find_quotes(doc: Document) -> list[Quote]:
    """Every quote in ``doc`` with speaker, cue and (for pronouns) the resolved name."""
    global _SPEECH_NOUNS
    if not _SPEECH_NOUNS:
        _SPEECH_NOUNS = _speech_nouns()
    text = doc.text
    quotes: list[Quote] = []
    for found in QuoteFinder(doc).run():
        start, end = _trim(text, found.start, found.end)
        if end <= start:
            continue
        speaker = _mention(text, found.speaker)
        cue = _mention(text, found.cue)
        quotes.append(Quote(doc.id, start, end, text[start:end], found.kind, speaker, cue, found.resolved))
    return quotes


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mention(text: str, span: tuple[int, int] | None) -> Mention | None:
    if span is None:
        return None
    start, end = _trim(text, *span)
    return Mention(start, end, text[start:end]) if end > start else None


@stage("quotes.v1", requires=(), assigns=("quotes",))
def make_quotes_stage() -> Callable[[Document], Document]:
    """Direct, partial and indirect speech with speakers and cues (rules, Konjunktiv detection)."""

    def quotes_stage(doc: Document) -> Document:
        doc.quotes = find_quotes(doc)
        return doc

    return quotes_stage
