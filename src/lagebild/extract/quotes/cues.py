"""Speech cues of one clause: a speech verb with its subject, or a prepositional source phrase.

* :func:`clause_cue`: a speech verb in a clause and its speaker ("…, sagte *der Minister*", "*Die USA*
  verlangten, …", "wie *ein Sprecher* präzisierte", "hieß es *von General X*", "hat *die EU* zugesagt",
  passive "wurde *von X* gefordert").
* :func:`source_phrases`: sources named without a verb: "laut X", "gemäß X", "X zufolge", "nach Angaben
  (von) X", "nach eigenen Angaben", "nach Polizeiangaben", "…, so X", and the anaphoric "Demnach",
  "Seiner Meinung nach", "Dem Vernehmen nach".

All positions are token indexes into one sentence's tokens (:class:`quotes_syntax.SentenceTokens`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lagebild.extract.quotes.clauses import (
    Tok,
    opening_subject,
    parse_np,
    particle_index,
    sentence_subject,
    span,
    speaker_after,
    speaker_before,
    verb_cue,
)
from lagebild.extract.quotes.lexicon import cues, is_role_noun
from lagebild.lang import load_json

Cue = tuple[tuple[int, int], tuple[int, int] | None]  # (cue character span, speaker character span or None)

# fmt: off
_AUX_FORMS = frozenset(["hat", "haben", "hatte", "hatten", "habe", "wird", "werden", "wurde", "wurden", "will",
                        "wollen", "wollte", "wollten", "muss", "musste", "mussten", "müssen", "kann", "konnte",
                        "konnten", "können"])
# fmt: on


def clause_cue(tokens: list[Tok], a: int, b: int) -> Cue | None:
    """A speech verb in tokens[a:b] with its subject: ((cue span), speaker span or None)."""
    for v in range(a, b):
        verb = verb_cue(tokens, v, b)
        if verb is None:
            continue
        if verb.lemma == "fordern" and _claims_lives(tokens, v, b):
            continue  # "Der Anschlag forderte zwölf Tote": a toll, no demand
        cue = (tokens[v].start, tokens[v].end)
        if verb.lemma == "heißen":
            return cue, _heisst_es_source(tokens, a, v, b)
        if verb.lemma == "hervorgehen":
            return cue, _source_after(tokens, a, b, "aus")  # "Dies geht aus einem Bericht der UN hervor"
        if tokens[v].lower != verb.lemma and any(t.lower in _PASSIVE for t in tokens[a:v]):
            # passive "Die Zahl wurde mit 214 angegeben", "X wird von Kennern als Y bezeichnet": the agent or none
            agent = _source_after(tokens, a, v, "von") or _source_after(tokens, a, v, "vom")
            return cue, agent
        stop = particle_index(tokens, v, b, verb.particle) or b
        subject = _plausible(
            tokens, speaker_before(tokens, a, v) if v > a and not _als_phrase(tokens, a, v, b) else None
        )
        if subject is None:
            subject = _plausible(tokens, speaker_after(tokens, v, stop))
            if (
                v == a
                and a > 1
                and tokens[a - 1].text == ","
                and (subject is None or not _personal(tokens, *subject))
            ):
                # "X, Direktor der Y, bezeichnete die Reise als …": the phrase after the verb is its object
                opening = _plausible(tokens, opening_subject(tokens, v))
                if opening is not None and _personal(tokens, *opening):
                    subject = opening
        if subject is None and v > 0 and tokens[v - 1].lower == "und":
            # "X dankte … und ergänzte, …"
            subject = _plausible(tokens, sentence_subject(tokens, v) or opening_subject(tokens, v))
        if subject is None and v == a and a > 1 and tokens[a - 1].text == ",":
            # "X, Sprecher der Y, sagte"; "X, der …, sagte"
            subject = _plausible(tokens, opening_subject(tokens, v))
        if subject is None and v > a + 1:
            # "Am Montag hat die EU zugesagt"; "wurde von X gefordert"
            subject = _subject_at_aux(tokens, a, v)
        return cue, (span(tokens, *subject) if subject else None)
    return None


@lru_cache(maxsize=1)
def _toll_nouns() -> tuple[str, ...]:
    """Casualty nouns ("Tote", "Verletzte", "Todesopfer") and "Leben": what "fordern" takes as a toll."""
    nouns = load_json("figures.json")["nouns"]
    return tuple(sorted({n for n, c in nouns.items() if c in ("killed", "injured")} | {"leben", "menschenleben"}))


def _claims_lives(tokens: list[Tok], v: int, b: int) -> bool:
    """Whether "fordern" at ``v`` takes a toll as its object ("forderte zwölf Tote", "hat … das Leben
    gefordert", "einen Motorrad-Toten gefordert"): casualties, no demand."""
    nouns = _toll_nouns()
    return any(t.cap and t.lower.split("-")[-1].endswith(nouns) for t in tokens[max(0, v - 6) : b] if t is not tokens[v])


_PASSIVE = frozenset(["wird", "werden", "wurde", "wurden", "worden"])
# fmt: off
_OBLIQUE = frozenset(["den", "dem", "des", "einem", "einen", "eines", "seinen", "seinem", "seines", "ihren", "ihrem",
                      "ihres", "diesem", "diesen", "dieses", "jenem", "jenen"])
# fmt: on


def _als_phrase(tokens: list[Tok], a: int, v: int, b: int) -> bool:
    """Whether an "als" phrase opens a main clause ("Als Beispiel nannte X", "Als Grund wurde … genannt"), not the
    subordinate clause "als der Minister sagte"."""
    if tokens[a].lower != "als":
        return False
    end = parse_np(tokens, a + 1, v)
    return end < b and (end == v and v < b - 1 or tokens[end].lower in _AUX_FORMS)


def _plausible(tokens: list[Tok], phrase: tuple[int, int] | None) -> tuple[int, int] | None:
    """``phrase`` when it can be the subject of a speech verb; None for a dative, accusative or genitive
    phrase ("den Vorwurf", "Des Weiteren"), a bare adjective phrase ("weitere Tote") and a phrase whose
    noun is an adverb or names an act rather than an actor ("Insbesondere", "Als Begründung")."""
    if phrase is None:
        return None
    a, b = phrase
    first = tokens[a]
    if first.lower in _OBLIQUE:
        return None
    start = next((k for k in range(a, b) if tokens[k].cap), None)
    if start is None:
        return phrase
    end = start  # the head noun: the last of the first run of capitalised words ("Die Deutsche Welle")
    while end + 1 < b and tokens[end + 1].cap:
        end += 1
    head = tokens[end]
    if is_role_noun(head.text) or end > start and first.cap:
        return phrase  # a role or a name of several words ("Franz Josef Jung", "Amnesty International")
    kind = noun_classes().get(head.lower)
    if kind == "F" or (kind == "N" and head.lower.endswith(("ung", "ungen"))):
        return None
    return phrase


def _personal(tokens: list[Tok], a: int, b: int) -> bool:
    """Whether tokens[a:b] names a person or organisation: a pronoun, a role noun, a name of several
    capitalised words, or a capitalised word that is not a common noun."""
    if tokens[a].lower in ("er", "sie") or any(is_role_noun(t.text) for t in tokens[a:b]):
        return True
    caps = [t for t in tokens[a:b] if t.cap]
    if len(caps) >= 2:
        return True
    return len(caps) == 1 and noun_classes().get(caps[0].lower) not in ("N", "F")


def noun_classes() -> dict[str, str]:
    """Lower-cased word → N (common noun), E (name), B (both), F (other word class), from the NER lexicon."""
    from lagebild.extract.entities.crf import noun_lexicon

    return noun_lexicon()


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
    if aux == a + 1 and tokens[a].lower in ("man", "wir", "ich", "du", "ihr", "es"):
        return None  # "Man hatte sie gewarnt": the subject is the pronoun before, the phrase after an object
    if aux > a:
        return speaker_after(tokens, aux, v)
    return None


def _source_after(tokens: list[Tok], a: int, b: int, preposition: str) -> tuple[int, int] | None:
    """The phrase after the first ``preposition`` in tokens[a:b]."""
    for k in range(a, b - 1):
        if tokens[k].lower == preposition:
            end = parse_np(tokens, k + 1, b)
            return span(tokens, k + 1, end) if end > k + 1 else None
    return None


def _heisst_es_source(tokens: list[Tok], a: int, v: int, b: int) -> tuple[int, int] | None:
    """Who is quoted in "Auf einem Flugblatt hieß es", "aus Moskau hieß es von General X"."""
    for k in range(v + 1, b - 1):
        if tokens[k].lower == "von":
            end = parse_np(tokens, k + 1, b)
            if end > k + 1:
                return span(tokens, k + 1, end)
    if a < v and tokens[a].lower in ("auf", "in", "im", "aus", "laut"):
        end = parse_np(tokens, a + 1, v)
        if end > a + 1:
            return span(tokens, a + 1, end)
    return None


@dataclass(frozen=True)
class SourcePhrase:
    """A source named by a preposition or adverb in tokens[a:b] of a sentence.

    ``speaker`` and ``cue`` are token ranges; ``where`` says where the message lies: "before" for
    "…, so X" (the clauses before the segment), else "around" (the rest of the sentence).
    """

    speaker: tuple[int, int]
    cue: tuple[int, int]
    where: str = "around"


def source_phrases(tokens: list[Tok], a: int, b: int) -> Iterator[SourcePhrase]:
    """Prepositional and adverbial sources in the segment tokens[a:b], left to right."""
    nouns = speech_nouns()
    for k in range(a, b):
        tok = tokens[k]
        if tok.quoted:
            continue
        lower = tok.lower
        speaker: tuple[int, int] | None = None
        cue_end = k + 1
        if lower in ("laut", "gemäß") and k + 1 < b:
            end = parse_np(tokens, k + 1, b) if not tokens[k + 1].quoted else _quoted_name(tokens, k + 1, b)
            speaker = (k + 1, end) if end > k + 1 else None
            if (
                speaker
                and end - (k + 1) == 1
                and tokens[k + 1].text[:1].islower()
                and "-" not in tokens[k + 1].text
            ):
                speaker = None  # "laut eigenen …" is no speaker; "laut el-Baradei" is
        elif (
            lower == "demnach"
            and k == a == 0
            or (
                lower == "nach"
                and k - 2 >= a
                and is_speech_noun(tokens[k - 1].text)
                and tokens[k - 2].lower in ("dem", "seiner", "ihrer", "deren", "dessen")
            )
        ):
            # "Seiner Meinung nach": like a pronoun
            speaker = (k, k + 1) if lower == "demnach" else (k - 2, k)
        elif lower == "nach" and k + 1 < b:
            j = k + 1
            if tokens[j].lower in ("einem", "einer", "den", "dem"):
                j += 1
            while (
                j + 1 < b
                and tokens[j].text[:1].islower()
                and tokens[j].lower.endswith(("en", "er", "em", "e"))
            ):
                j += 1  # "nach ersten offiziellen Angaben", "nach israelischen Militärangaben"
            if j < b and is_speech_noun(tokens[j].text):
                cue_end = j + 1
                holder = j + 2 if j + 2 < b and tokens[j + 1].lower == "von" else j + 1
                end = parse_np(tokens, holder, b)
                if end > holder and (tokens[j + 1].lower in ("der", "des", "von") or tokens[j + 1].cap):
                    speaker = (holder, end)
                elif tokens[j].text not in nouns:
                    speaker = (j, j + 1)  # "nach Polizeiangaben": the source is in the compound
                    cue_end = k + 1
                else:
                    speaker = (k + 1, j + 1)  # "nach eigenen Angaben": the statement is the source
                    cue_end = k + 1
        elif lower == "so" and k == a and a > 0 and parse_np(tokens, k + 1, b) == b > k + 1:
            yield SourcePhrase((k + 1, b), (k, k + 1), "before")  # "…, so der Sprecher."
            continue
        elif lower == "zufolge" and k > a:
            start = k - 1
            while start > a and not tokens[start - 1].quoted and tokens[start - 1].text not in ",;:":
                start -= 1
            if tokens[start].text in nouns and start + 1 < k:
                start += 1
            # the longest phrase that ends right before "zufolge": "Es handele sich ersten Angaben zufolge"
            speaker = next(
                ((st, k) for st in range(max(start, k - 10), k) if parse_np(tokens, st, k) == k), None
            )
        if speaker is not None:
            yield SourcePhrase(speaker, (k, cue_end))


def _quoted_name(tokens: list[Tok], i: int, limit: int) -> int:
    """End of a short name in quote marks starting at the mark ``i`` ("laut „Reuters“"); ``i`` if none."""
    if tokens[i].text not in '„"»«‚“':
        return i
    for k in range(i + 1, min(limit, i + 7)):
        if not tokens[k].quoted:
            return i
        if tokens[k].text in '“"«»‘”':
            return k + 1 if k > i + 1 else i
    return i


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Nouns naming a statement ("Angaben", "Meinung"), from ``quote_cues.json``."""
    return cues()["speech_nouns"]


@lru_cache(maxsize=1)
def _long_speech_nouns() -> tuple[str, ...]:
    return tuple(n.lower() for n in speech_nouns() if len(n) > 5)


def is_speech_noun(word: str) -> bool:
    """A statement noun or a compound ending in one ("Polizeiangaben")."""
    if word in speech_nouns():
        return True
    return word[:1].isupper() and word.lower().endswith(_long_speech_nouns())


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Speech-verb lemmas whose main clause states the content on its own ("warnen vor", "sprechen von")."""
    return cues()["reporting_verbs"]


def zu_infinitive(tokens: list[Tok], end: int) -> bool:
    """Whether tokens[:end] ends in a zu-infinitive: "… veruntreut zu haben", "… niederzulegen"."""
    last = tokens[end - 1]
    lower = last.lower
    if not (last.text[:1].islower() and lower.endswith(("en", "ern", "eln"))):
        return False
    return (end >= 2 and tokens[end - 2].lower == "zu") or "zu" in lower[2:-3]
