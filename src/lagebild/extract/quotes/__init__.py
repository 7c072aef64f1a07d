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
6. **Speakers**: with the parse (``doc.syntax`` of ``parse.v1``) the speaker of a speech verb is its
   subject, or the ``von``-agent of a passive, with conjuncts and appositions ("Lena Vogt, Sprecherin
   des Roten Kreuzes, erklärte"); only sentences with a speech cue are parsed. Without the parse, or
   where it names none, the noun phrase next to the cue. Pronouns ("er", "sie") resolve to the last
   person or organisation that agrees in gender and number, definite role phrases ("die Organisation")
   to the earlier speaker they shorten; ``speaker_resolved`` holds the name.

Requires the tokens of ``tokens.v1`` (``doc.nlp``: every offset is the layer's); uses ``doc.entities``
(person and organisation names for pronouns) and ``doc.syntax`` when present.

Modules: ``quotes_marks`` (steps 1–2), ``quotes_syntax`` (the layer's tokens per sentence, clause
segments, noun phrases), ``quotes_cues`` (speech verbs with their subjects, "laut X"/"X zufolge"
sources), ``quotes_parse`` (speakers from the parse), ``quotes_speakers`` (step 6), ``quotes_lexicon``
(the word lists); this module runs steps 3–5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from lagebild.errors import ConfigError
from lagebild.extract.quotes.clauses import (
    SentenceTokens,
    Tok,
    np_name,
    parse_np,
    segments,
    sentence_of,
    sentence_subject,
    span,
    verb_cue,
)
from lagebild.extract.quotes.cues import (
    Cue,
    clause_cue,
    noun_classes,
    reporting_verbs,
    source_phrases,
    speech_nouns,
    zu_infinitive,
)
from lagebild.extract.quotes.lexicon import is_role_noun, speech_verb_forms
from lagebild.extract.quotes.marks import Quoted, classify, find_quote_marks
from lagebild.extract.quotes.parse import parse_speaker
from lagebild.extract.quotes.speakers import SpeakerMemory
from lagebild.model import Document, Mention, Quote, QuoteKind
from lagebild.nlp.morph import may_be_subjunctive, mood
from lagebild.nlp.syntax import Syntax, parse_cue
from lagebild.pipeline import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["QuoteFinder", "find_quote_marks", "find_quotes", "make_quotes_stage", "preload"]

_RUN_GAP = 1
# fmt: off
_PREPOSITIONS = frozenset(["in", "im", "an", "am", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom", "zu", "zum",
                           "zur", "für", "über", "unter", "gegen", "um", "durch", "vor", "seit", "ohne", "hinter",
                           "zwischen", "neben", "wegen", "trotz", "gegenüber", "laut", "gemäß"])
_OBJECT_MARKERS = frozenset(["den", "dem", "einem", "einen", "ihrem", "ihren", "seinem", "seinen", "diesem", "diesen"])
# fmt: on
_FAR_GAP = 1
_PERFECT = frozenset(["hat", "hatte", "haben", "hatten", "habe"])
_MODALS = frozenset(
    [
        "hat",
        "hatte",
        "haben",
        "hatten",
        "muss",
        "musste",
        "mussten",
        "müssen",
        "will",
        "wollte",
        "wollten",
        "kann",
        "konnte",
        "konnten",
        "wird",
        "wurde",
        "wollen",
        "können",
    ]
)


@dataclass
class Found:
    start: int
    end: int
    kind: QuoteKind
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    resolved: str | None = None
    sentence: int = 0


class QuoteFinder:
    """Finds the quotes of one document; :meth:`run` returns them sorted by position."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        if doc.nlp is None:
            raise ConfigError(
                f"quotes of document {doc.id!r} need the tokens of tokens.v1 (doc.nlp); run tokens.v1 first"
            )
        self.sentences = doc.sentences or [(0, len(doc.text))]
        self.marks = find_quote_marks(self.text)
        for quoted in self.marks:
            s = self.sentences[sentence_of(self.sentences, quoted.open)][0]
            quoted.kind = classify(self.text, quoted, s)
        self.quoted_spans = [(q.open, q.close + 1) for q in self.marks]
        self.entities = [(e.start, e.end) for e in doc.entities if e.label == "PER"]
        self.named = [(e.start, e.end) for e in doc.entities if e.label in ("PER", "ORG")]
        self.found: list[Found] = []
        # tokens per sentence, shared with the speaker memory (an object apart: no reference cycle, so a
        # finished document's tokens are freed at once rather than by the garbage collector)
        self.tokens = SentenceTokens(cast("Doc", doc.nlp), self.sentences, self.quoted_spans)
        self._cues: dict[tuple[int, int, int], Cue | None] = {}
        self._moods: dict[int, list[str | None]] = {}
        self.attributing: set[int] = set()  # sentences that only credit the quote before them
        self.syntax = doc.syntax if isinstance(doc.syntax, Syntax) else None
        organisations = [(e.start, e.end) for e in doc.entities if e.label == "ORG"]
        self.memory = SpeakerMemory(
            self.text, self.sentences, self.tokens, self.entities, organisations, self.syntax
        )

    def _clause_cue(self, tokens: list[Tok], a: int, b: int) -> Cue | None:
        """:func:`quotes_cues.clause_cue`, computed once per clause (token lists of one sentence share their start)."""
        key = (tokens[0].start if tokens else -1, a, b)
        if key not in self._cues:
            cue = clause_cue(tokens, a, b)
            if cue is not None and self.syntax is not None:
                cue = self._parsed_cue(tokens, a, b, cue)
            self._cues[key] = cue
        return self._cues[key]

    def _parsed_cue(self, tokens: list[Tok], a: int, b: int, cue: Cue) -> Cue:
        """The cue with its speaker read from the parse (:func:`quotes_parse.parse_speaker`): the subject
        of the speech verb or the ``von``-agent of a passive, with conjuncts and appositions, where it
        overlaps the phrase the rules find next to the cue or the rules find none. Cues whose speaker is
        no argument of the verb ("hieß es von X", "geht aus einem Bericht hervor") keep theirs."""
        assert self.syntax is not None
        v = next(k for k in range(a, b) if tokens[k].start == cue[0][0])
        verb = verb_cue(tokens, v, b)
        if verb is None or verb.lemma in _NOT_ARGUMENT_CUES:
            return cue
        rule = cue[1]
        if rule is None:
            return cue  # which messages exist stays the rules' decision; :meth:`_parsed_speakers` fills in
        speaker = parse_speaker(self.syntax, cue[0][0])
        if speaker is None or self._in_direct(speaker[0]) or self._in_direct(speaker[1] - 1):
            return cue  # the parse names none: the phrase next to the cue, as without the parse
        if not (speaker[0] < rule[1] and rule[0] < speaker[1]):
            # the parse and the phrase next to the cue disagree: on the tuning articles the phrase next
            # to the cue was right more often (a Vorfeld object or adverb parsed as the subject)
            return cue
        # the parse adds what belongs to the phrase (appositions, conjuncts); the rules' extent stays in
        return cue[0], (min(speaker[0], rule[0]), max(speaker[1], rule[1]))

    def _mood_of(self, tokens: list[Tok]) -> list[str | None]:
        """Konjunktiv mood of every token of a sentence, computed once per sentence."""
        key = tokens[0].start if tokens else -1
        moods = self._moods.get(key)
        if moods is None or len(moods) != len(tokens):
            last = len(tokens) - 1
            moods = [
                mood(
                    tok.text,
                    tokens[k - 1].text if k else None,
                    tokens[k + 1].text if k < last else None,
                    sentence_initial=k == 0,
                )
                if tok.text.isalpha() and may_be_subjunctive(tok.lower)
                else None
                for k, tok in enumerate(tokens)
            ]
            self._moods[key] = moods
        return moods

    def _add(self, found: Found) -> None:
        if found.speaker:
            found.resolved = self.memory.remember(found.speaker)
        self.found.append(found)

    # -- 3. direct quotes

    def _direct(self) -> None:
        last: Found | None = None
        for quoted in self.marks:
            if quoted.kind != "direct":
                continue
            a, b = quoted.inner
            index = sentence_of(self.sentences, quoted.close)
            cue_speaker = self._cue_after(quoted) or self._cue_before(quoted) or self._wie_cue(quoted)
            found = Found(a, b, "direct", sentence=sentence_of(self.sentences, quoted.open))
            if cue_speaker:
                found.cue, found.speaker = cue_speaker
            if found.speaker is None:
                found.speaker = self._colon_subject(quoted)
            if (
                found.speaker is None
                and last is not None
                and last.speaker
                and found.sentence - last.sentence <= 3
            ):
                found.speaker, found.resolved = last.speaker, last.resolved
                self.found.append(found)
            else:
                if found.speaker is None:
                    found.speaker = self._fallback_speaker(quoted)
                self._add(found)
            found.sentence = index
            last = found

    def _wie_cue(self, quoted: Quoted) -> Cue | None:
        """A "wie X sagte" clause before the quote in its sentence credits it: "Wie X feststellt, verlangt
        „…“"."""
        index = sentence_of(self.sentences, quoted.open)
        tokens = [t for t in self.tokens(index) if t.end <= quoted.open]
        for a, b in segments(tokens):
            if tokens[a].lower == "wie" and b < len(tokens):
                cue = self._clause_cue(tokens, a, b)
                if cue and cue[1]:
                    return cue
        return None

    def _colon_subject(self, quoted: Quoted) -> tuple[int, int] | None:
        """Who the clause before a colon is about: "Zypries sieht darin eine Bestätigung: „…“"."""
        index = sentence_of(self.sentences, quoted.open)
        tokens = [t for t in self.tokens(index) if t.end <= quoted.open]
        if not tokens or tokens[-1].text != ":":
            return None
        segs = segments(tokens)
        for a, b in (segs[-1], segs[0]) if segs else ():
            subject = self._personal_subject(tokens, a, b)
            if subject:
                return span(tokens, *subject)
        return None

    def _fallback_speaker(self, quoted: Quoted) -> tuple[int, int] | None:
        """No cue: the subject of the sentence before the quote, when it names a person or organisation."""
        index = sentence_of(self.sentences, quoted.open)
        for k in (index, index - 1):
            if k < 0:
                continue
            tokens = [t for t in self.tokens(k) if t.end <= quoted.open]
            if not tokens:
                continue
            subject = sentence_subject(tokens, len(tokens))
            if subject and self._personal_phrase(tokens, *subject):
                return span(tokens, *subject)
        return None

    def _personal_subject(self, tokens: list[Tok], a: int, b: int) -> tuple[int, int] | None:
        """The first phrase in tokens[a:b] that names a person or organisation and is neither governed by a
        preposition nor marked as an object ("den", "dem", "einem"): the likely subject of the clause."""
        k = a
        while k < b:
            tok = tokens[k]
            governed = k > a and tokens[k - 1].lower in _PREPOSITIONS
            if tok.quoted:
                k += 1
                continue
            if tok.lower in ("er", "sie") and not governed:
                return (k, k + 1)
            end = parse_np(tokens, k, b)
            if end == k:
                k += 1
                continue
            if not governed and tok.lower not in _OBJECT_MARKERS and self._personal_phrase(tokens, k, end):
                return (k, end)
            k = end
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
        index = sentence_of(self.sentences, quoted.close)
        tokens = self.tokens(index)
        i = next((k for k, t in enumerate(tokens) if t.start > quoted.close), len(tokens))
        if i < len(tokens) and tokens[i].text in ",–—":
            i += 1
        if i < len(tokens) and tokens[i].lower == "so":
            end = parse_np(tokens, i + 1)
            return ((tokens[i].start, tokens[i].end), span(tokens, i + 1, end)) if end > i + 1 else None
        seg_end = next(
            (
                k
                for k in range(i, len(tokens))
                if not tokens[k].quoted and tokens[k].text in ",.;:!?" or tokens[k].quoted
            ),
            len(tokens),
        )
        if i < seg_end and verb_cue(tokens, i, seg_end):
            return self._clause_cue(tokens, i, seg_end)
        return None

    def _cue_before(self, quoted: Quoted) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        before = self.text[: quoted.open].rstrip()
        if not before.endswith((":", ",")):
            return None
        index = sentence_of(self.sentences, len(before) - 1)
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
            s_start, s_end = self.sentences[index]
            # direct quotes in this sentence, also those that a sentence break inside the quote splits
            direct_here = [
                f for f in self.found if f.kind == "direct" and f.start < s_end and s_start < f.end
            ]
            results = self._indirect_in_sentence(tokens, index)
            if index in self.attributing:  # "Das sagte X." after a direct quote: not a message itself
                continue
            for found in results:
                self._add(found)
            if results:
                last_speaker = (results[-1].speaker, results[-1].resolved, index)
                continue
            if direct_here:
                last_speaker = (direct_here[-1].speaker, direct_here[-1].resolved, index)
                continue
            reported = self._reported(tokens)
            subjunctive = self._subjunctive_main(tokens) or (
                "soll" in self.text[s_start:s_end] and _reportive(tokens)
            )
            running = (
                last_speaker is not None
                and last_speaker[0] is not None
                and index - last_speaker[2] <= _RUN_GAP
            )
            if running and not subjunctive:
                # Konjunktiv II stands in for a Konjunktiv I that looks indicative ("sie hätten" for "sie haben")
                segs = segments(tokens)  # in the main clause that opens the sentence, not a relative clause
                subjunctive = bool(segs) and self._subjunctive_main(tokens, *segs[0], sub2=True)
            if subjunctive and last_speaker and last_speaker[0] and index - last_speaker[2] <= _RUN_GAP:
                start, end = span(tokens, 0, len(tokens))
                before = self.found[-1] if self.found else None
                if (
                    before is not None
                    and before.kind == "indirect"
                    and before.cue is None
                    and before.speaker == last_speaker[0]
                    and before.sentence == index - 1
                ):
                    before.end, before.sentence = end, index  # free indirect speech goes on: one message
                else:
                    self.found.append(
                        Found(start, end, "indirect", last_speaker[0], None, last_speaker[1], index)
                    )
                last_speaker = (last_speaker[0], last_speaker[1], index)
                continue
            if subjunctive:
                # a Konjunktiv sentence further on: the last speaker before it, when near enough
                start, end = span(tokens, 0, len(tokens))
                earlier = next(
                    (
                        f
                        for f in reversed(self.found)
                        if f.speaker and f.end <= start and index - f.sentence <= _FAR_GAP
                    ),
                    None,
                )
                speaker = earlier.speaker if earlier else None
                resolved = earlier.resolved if earlier else None
                self.found.append(Found(start, end, "indirect", speaker, None, resolved, index))
                continue
            if reported and not reported[2]:
                last_speaker = (reported[1], self.memory.resolve(reported[1]), index)
            elif reported:
                cue_span, speaker, _ = reported
                start, end = span(tokens, 0, len(tokens))
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
                # "sie nennen sich …", "auch Scratching genannt", "wie er genannt wird": a name, not speech
                naming = (v + 1 < b and tokens[v + 1].lower == "sich") or (
                    tokens[v].lower == "genannt" and not any(t.lower in _PERFECT for t in tokens[a:v])
                )
                # "Der Taifun forderte zwölf Todesopfer": a toll, not a demand
                toll = (
                    verb is not None
                    and verb.lemma == "fordern"
                    and any(t.lower in _TOLL_NOUNS for t in tokens[a:b])
                )
                return (
                    result[0],
                    result[1],
                    verb is not None and verb.lemma in reporting_verbs() and not naming and not toll,
                )
        return None

    def _subjunctive_main(
        self, tokens: list[Tok], a: int = 0, b: int | None = None, sub2: bool = False
    ) -> bool:
        b = len(tokens) if b is None else b
        moods = self._mood_of(tokens)[a:b]
        return "sub1" in moods or (sub2 and "sub2" in moods)

    def _message(self, tokens: list[Tok], a: int, b: int, index: int) -> tuple[int, int] | None:
        """Character span of tokens[a:b] without direct quotes at its edges; None if nothing is left."""
        while a < b and (tokens[a].quoted and self._in_direct(tokens[a].start) or tokens[a].text in ",;:–—"):
            a += 1
        while b > a and (
            tokens[b - 1].quoted and self._in_direct(tokens[b - 1].start) or tokens[b - 1].text in ",;:–—"
        ):
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
        return span(tokens, a, b)

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
            if first == "wonach" and n > 0 and b - a > 2:
                # "ein Bericht der Agentur X, wonach …": the phrase before the comma is the source
                pa, pb = segs[n - 1]
                source = next(
                    (st for st in range(max(pa, pb - 12), pb) if parse_np(tokens, st, pb) == pb), None
                )
                message = self._message(tokens, a + 1, b, index)
                if source is not None and message:
                    cue_span = (tokens[a].start, tokens[a].end)
                    results.append(
                        Found(*message, "indirect", span(tokens, source, pb), cue_span, sentence=index)
                    )
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
                if (
                    tokens[na].lower in ("dass", "daß")
                    or self._subjunctive_main(tokens, na, nb, sub2=True)
                    or zu_infinitive(tokens, nb)
                ):
                    # the message ends where a later clause attributes speech of its own ("…, wie X sagte")
                    stop = next(
                        (
                            sa
                            for sa, sb in segs[n + 2 :]
                            if tokens[sa].lower in ("wie", "so")
                            and (self._clause_cue(tokens, sa, sb) or _so_source(tokens, sa, sb))
                            # the writer's aside after a dash: "…, man unterstütze X – was immer das bedeutet"
                            or tokens[sa - 1].text in "–—"
                            and self.text[tokens[sa - 1].start - 1] == " "
                            and not self._subjunctive_main(tokens, sa, sb, sub2=True)
                        ),
                        end_all,
                    )
                    message = self._message(tokens, na, stop, index)
                    if message:
                        results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                        break
            if (
                first in ("das", "dies")
                and index > 0
                and speaker
                and (verb_at == a + 1 or tokens[a + 1].lower in _MODALS)
            ):  # "Das sagte der Minister.", "Das musste der Minister einräumen."
                prev = self.tokens(index - 1)
                message = self._message(prev, 0, len(prev), index - 1)
                if message and not any(f.start <= message[0] < f.end for f in self.found):
                    results.append(Found(*message, "indirect", speaker, cue_span, sentence=index))
                    break
                if self._credit_direct(index - 1, speaker, cue_span):
                    self.attributing.add(index)
                    break
        if results and results[-1].speaker is None:
            self._later_source(tokens, segs, results[-1])
        return results

    def _later_source(self, tokens: list[Tok], segs: list[tuple[int, int]], found: Found) -> None:
        """A message without speaker takes one from a later "…, so X" or "…, sagte X" in its sentence:
        "Ägypten wird aufgefordert, die Grenze zu öffnen, so der Minister"."""
        for a, b in segs:
            if tokens[a].start < found.end:
                continue
            phrase = next((p for p in source_phrases(tokens, a, b) if p.where == "before"), None)
            if phrase is not None:
                found.speaker = span(tokens, *phrase.speaker)
                return
            cue = self._clause_cue(tokens, a, b)
            if cue and cue[1] and tokens[a].start == cue[0][0] and cue[1][0] > cue[0][0]:
                found.speaker = cue[1]
                return

    def _credit_direct(self, index: int, speaker: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Direct quotes of sentence ``index`` without a cue of their own get the cue of the sentence after."""
        start, end = self.sentences[index]
        credited = False
        for found in self.found:
            if found.kind == "direct" and found.cue is None and start <= found.start < end:
                found.speaker, found.cue = speaker, cue
                found.resolved = self.memory.remember(speaker)
                credited = True
        return credited

    def _prepositional(self, tokens: list[Tok], a: int, b: int, end_all: int, index: int) -> Found | None:
        """Sources "laut X", "nach Angaben X", "X zufolge", "…, so X": the message is the rest of the sentence."""
        for phrase in source_phrases(tokens, a, b):
            k, cue_end = phrase.cue
            if phrase.where == "before":
                message = self._message(tokens, 0, a, index)
            else:
                post = tokens[k].lower == "zufolge" or phrase.speaker[1] <= k
                speaker_start, speaker_end = (phrase.speaker[0], k + 1) if post else (k, phrase.speaker[1])
                if speaker_start == a and a == 0:
                    message = self._message(tokens, speaker_end, end_all, index)
                elif speaker_end >= b and b == end_all:
                    message = self._message(tokens, 0, a, index)
                elif a > 0:  # "…, diese Taten seien laut X verjährt": the clause of the source on
                    message = self._message(tokens, a, end_all, index)
                else:
                    message = self._message(tokens, 0, end_all, index)
            if message is not None:
                return Found(
                    *message,
                    "indirect",
                    span(tokens, *phrase.speaker),
                    span(tokens, k, cue_end),
                    sentence=index,
                )
        return None

    # -- 5. partial quotes

    def _partial(self) -> None:
        for quoted in self.marks:
            if quoted.kind != "fragment":
                continue
            a, b = quoted.inner
            index = sentence_of(self.sentences, quoted.open)
            container = next(
                (f for f in self.found if f.kind == "indirect" and f.start <= a and b <= f.end and f.speaker),
                None,
            )
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
                self.found.append(
                    Found(a, b, "partial", container.speaker, container.cue, container.resolved, index)
                )
            elif best:
                found = Found(a, b, "partial", best[2], best[1], sentence=index)
                found.resolved = self.memory.resolve(best[2])
                self.found.append(found)

    def _parsed_speakers(self) -> None:
        """Quotes whose speech verb the rules found without a speaker take the subject or agent the
        parse gives ("Gestern hat nach langem Zögern *die Regierung des Landes* angekündigt, …")."""
        if self.syntax is None:
            return
        for found in self.found:
            if found.speaker is not None or found.cue is None:
                continue
            verb = self.text[found.cue[0] : found.cue[1]].lower()
            entries = speech_verb_forms().get(verb, ())
            if not entries or any(e.lemma in _NOT_ARGUMENT_CUES for e in entries):
                continue
            speaker = parse_speaker(self.syntax, found.cue[0])
            if speaker is None or self._in_direct(speaker[0]) or self._in_direct(speaker[1] - 1):
                continue
            found.speaker, found.resolved = speaker, self.memory.remember(speaker)

    def run(self) -> list[Found]:
        self._direct()
        self._indirect()
        self._partial()
        self._parsed_speakers()
        return sorted(self.found, key=lambda f: (f.start, f.end))


_NOT_ARGUMENT_CUES = frozenset({"heißen", "hervorgehen"})
_TOLL_NOUNS = frozenset({"todesopfer", "tote", "toten", "opfer", "menschenleben", "verletzte", "leben"})


def _so_source(tokens: list[Tok], a: int, b: int) -> bool:
    """Whether the segment tokens[a:b] is "so X" naming the source of what precedes it."""
    return any(p.where == "before" for p in source_phrases(tokens, a, b))


def _reportive(tokens: list[Tok]) -> bool:
    """Hearsay "sollen": a clause with finite "soll"/"sollen" that ends in "sein" or "haben" ("Die Täter sollen
    geflohen sein", "Kampfjets sollen Bomben abgeworfen haben"), unlike "Die Brücke soll gebaut werden" and
    questions ("Was soll das sein?")."""
    if tokens[-1].text == "?":
        return False
    for a, b in segments(tokens):
        if tokens[b - 1].lower in ("sein", "haben") and any(
            t.lower in ("soll", "sollen") and not t.quoted for t in tokens[a : b - 1]
        ):
            return True
    return False


def find_quotes(doc: Document) -> list[Quote]:
    """Every quote in ``doc`` with speaker, cue and (for pronouns) the resolved name."""
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


def preload() -> None:
    """Load the word lists and lexicons now rather than on the first document that needs them."""
    speech_verb_forms()
    speech_nouns()
    noun_classes()
    mood("gebe", "es", "keinen")  # looks "gebe" up in the lemma table, which loads it


_WORD_EDGES = ".,;:!?\"'„“”»«()[]"


@parse_cue("quotes.v1")
def _speech_cue(doc: Document, start: int, end: int) -> bool:
    """A sentence with a speech verb: its speaker is read from the parse."""
    forms = speech_verb_forms()
    return any(word.strip(_WORD_EDGES).lower() in forms for word in doc.text[start:end].split())


@stage("quotes.v1", requires=("nlp",), uses=("sentences", "entities", "syntax"), assigns=("quotes",))
def make_quotes_stage() -> Callable[[Document], Document]:
    """Direct, partial and indirect speech with speakers (from the parse when present) and cues."""
    preload()

    def quotes_stage(doc: Document) -> Document:
        doc.quotes = find_quotes(doc)
        return doc

    return quotes_stage
