"""What the parse says about an event trigger: who acted on whom, what governs it, its tense.

The events stage asks only for the sentences that hold a trigger it keeps (the parse is lazy,
:mod:`lagebild.nlp.syntax`). For a trigger token :func:`read_trigger` returns a :class:`TriggerReading`:

* **actors** – a verbal trigger's subject is the actor, its object the target ("Rebellen griffen einen
  Konvoi an": Rebellen → Konvoi); in the passive the ``von``-agent acts on the subject ("Drei Soldaten
  wurden von Rebellen getötet": Rebellen → Soldaten). A nominal trigger's genitive or ``von``/``durch``
  phrase names the actor ("ein Angriff der Taliban", "Luftangriffe durch die Armee"), its ``auf``/``gegen``
  phrase the target ("ein Anschlag auf einen Buskonvoi"); a nominal trigger that is the object or an
  oblique of a verb of perpetration or violence takes that verb's subject as the actor ("Ein
  Selbstmordattentäter tötete bei einem Anschlag …", "Rebellen verübten einen Anschlag");
* **governor** – the lemma of the verb a nominal trigger is the object or oblique of: a reaction
  ("Das Auswärtige Amt verurteilte den Anschlag") talks about an attack told before, a warning or
  announcement ("warnte … vor Anschlägen") about one to come, a prevention ("vereitelten einen
  Anschlag") or an ending ("wenn Israel seine Luftangriffe nicht beende") about one that is not done;
* **kind** – a bare plural after "von" that qualifies a noun of depiction names a kind of act ("Videos
  von Massakern in Schulen"), not an incident;
* **attributive** – a participle of the trigger that qualifies a noun ("Der getötete Agent") describes
  a person, it reports no incident of its own;
* **future** – the clause's verb complex is a future: a finite "werden" with an infinitive ("wird
  angreifen", "erreicht werden wird"), not the passive "wird angegriffen"; or its verb says the act is
  imminent ("dass ein Angriff unmittelbar bevorstehe");
* **past** – the clause reports something past: a finite verb in the past tense, a perfect (a form of
  "haben"/"sein" with a participle) or a reported perfect after a modal ("sollen … angegriffen haben").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.nlp.syntax import Sentence, arguments, clause_of, is_verbal, noun_phrase, verb_complex

if TYPE_CHECKING:
    from spacy.tokens import Token

_ACTOR_CASES = frozenset({"von", "durch", "seitens"})
_TARGET_CASES = frozenset({"auf", "gegen"})
_PERFECT_AUXILIARIES = frozenset({"haben", "sein"})
_MODALS = frozenset({"sollen", "wollen"})
_PRESENT_WERDEN = frozenset({"wird", "werden", "werde", "wirst", "werdet"})
_AUXILIARIES = frozenset({"werden", "haben", "sein", "sollen", "wollen", "können", "müssen", "dürfen", "mögen"})


@dataclass(frozen=True)
class TriggerReading:
    """The parse's reading of one trigger; spans are article offsets of whole noun phrases."""

    actor: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    governor: str | None = None
    attributive: bool = False
    future: bool = False
    past: bool = False
    kind: bool = False


def _case(token: Token) -> str | None:
    return next((c.text.lower() for c in token.children if c.dep_ == "case"), None)


def _span(sentence: Sentence, head: Token | None) -> tuple[int, int] | None:
    if head is None or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    lo, hi = noun_phrase(head, genitive=False)
    doc = sentence.doc
    return sentence.start_char(doc[lo]), sentence.end_char(doc[hi - 1])


def _finite(verbs: tuple[Token, ...]) -> Token | None:
    """The finite verb of a verb complex, by its STTS tag first (the morphology may call a participle
    finite), else by its morphology."""
    tagged = [v for v in verbs if v.tag_.endswith("FIN")]
    known = [v for v in tagged if v.lemma_.lower() in _AUXILIARIES]  # not a word mis-tagged as a verb
    candidates = known or tagged or [v for v in verbs if "Fin" in v.morph.get("VerbForm", [])]
    return candidates[0] if candidates else None


def _lemmas(token: Token) -> set[str]:
    """The verb's lemma, with its separable particle, also where the parse left the particle apart
    ("bevor stehe" → "bevorstehen") or cut the lemma short ("beende" → "beend" → "beenden")."""
    lemma = verb_complex(token).lemma
    lemmas = {lemma, lemma + "en", lemma + "n"}
    if token.i > 0:
        before = token.doc[token.i - 1]
        if before.text.isalpha() and before.text.islower():  # whatever the tagger calls the particle
            lemmas.add(before.text.lower() + lemma)
    return lemmas


def _clause_verbs(token: Token) -> list[Token]:
    """The verbs between the commas around ``token`` (the parse may hang them elsewhere: "Ein Angriff
    stehe unmittelbar bevor, sagte er")."""
    doc = token.doc
    lo = token.i
    while lo > 0 and doc[lo - 1].text not in (",", ";", ":"):
        lo -= 1
    hi = token.i
    while hi + 1 < len(doc) and doc[hi + 1].text not in (",", ";", ":"):
        hi += 1
    return [t for t in doc[lo : hi + 1] if t.tag_.startswith(("VV", "VA", "VM"))]


def _participle(token: Token) -> bool:
    """A participle by tag or morphology, or a verb form that is not its own lemma where the tagger says
    infinitive ("angegriffen" tagged VVINF: an infinitive is its lemma)."""
    if token.tag_ == "VVPP" or "Part" in token.morph.get("VerbForm", []):
        return True
    return token.tag_.endswith("INF") and token.text.lower() != token.lemma_.lower()


def _verbal(token: Token) -> bool:
    return is_verbal(token) or token.tag_.startswith(("VV", "VA", "VM"))


def _tense(predicate: Token) -> tuple[bool, bool]:
    """(future, past) of the clause headed by ``predicate``."""
    complex_ = verb_complex(predicate)
    verbs = (*complex_.auxiliaries, complex_.predicate)
    finite = _finite(verbs)
    infinitives = [  # an infinitive is its own lemma: "angreifen", not the participle "abgeschossen"
        v for v in verbs
        if v is not finite and v.text.lower() == v.lemma_.lower() and v.pos_ in ("AUX", "VERB")
        and v.tag_ != "VVPP" and "Part" not in v.morph.get("VerbForm", [])
    ]
    participle = _participle(predicate)
    future = (
        finite is not None
        and finite.text.lower() in _PRESENT_WERDEN  # "wurden … beschossen" is past whatever the tagger says
        and bool(infinitives)
        and not (participle and all(v.lemma_.lower() in _PERFECT_AUXILIARIES for v in infinitives))
    )
    if finite is None:
        return future, False
    finite_lemma = finite.lemma_.lower()
    past_finite = "Past" in finite.morph.get("Tense", [])
    perfect = participle and finite_lemma in _PERFECT_AUXILIARIES
    reported_perfect = (
        participle and finite_lemma in _MODALS and any(v.lemma_.lower() in _PERFECT_AUXILIARIES for v in infinitives)
    )
    return future, bool(past_finite or perfect or reported_perfect) and not future


def read_trigger(sentence: Sentence, start: int, lists: Mapping[str, frozenset[str]]) -> TriggerReading:
    """The parse's reading of the trigger at article offset ``start`` in ``sentence``, with the lemma lists
    of ``lang/de/event_triggers.json``: ``perpetration_verbs`` whose subject commits what their object
    names ("verüben"), ``violent_verbs`` whose subject commits what their oblique names ("töten"),
    ``imminent_verbs`` that make what they say of the trigger a future ("Ein Angriff stehe unmittelbar
    bevor")."""
    perpetration, violent = lists["perpetration_verbs"], lists["violent_verbs"]
    token = sentence.token_at(start)
    if token is None:
        return TriggerReading()
    predicate, _main = clause_of(token)
    future, past = _tense(predicate) if _verbal(predicate) else (False, False)
    if any(_lemmas(verb) & lists["imminent_verbs"] for verb in _clause_verbs(token)):
        future, past = True, False
    if token.pos_ in ("VERB", "AUX") or (token.i == predicate.i and is_verbal(token)):
        args = arguments(token)
        if verb_complex(token).passive:
            return TriggerReading(_span(sentence, args.agent), _span(sentence, args.subject), None, False, future, past)
        return TriggerReading(_span(sentence, args.subject), _span(sentence, args.object), None, False, future, past)
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if (
        token.dep_ == "amod"
        and token.head.pos_ in ("NOUN", "PROPN")
        and token.head.i > token.i
        and before is not None
        and before.pos_ in ("DET", "ADJ", "NUM")
    ):  # "Der getötete Agent", not "Am Montag töteten Soldaten" read as an adjective
        return TriggerReading(attributive=True, future=future, past=past)
    if (
        token.i > 1
        and doc[token.i - 1].text.lower() == "von"
        and doc[token.i - 2].text.lower() in lists["kind_nouns"]
        and not any(c.dep_ in ("det", "nummod", "det:poss") for c in token.children)
    ):
        return TriggerReading(kind=True, future=future, past=past)
    actor = target = None
    for child in token.children:
        case = _case(child)
        if child.dep_ in ("nmod", "nmod:poss") and (case is None or case in _ACTOR_CASES) and actor is None:
            actor = _span(sentence, child)
        elif child.dep_ == "nmod" and case in _TARGET_CASES and target is None:
            target = _span(sentence, child)
    governor = None
    head = token.head
    if not _verbal(head) and token.dep_ == "nmod" and _verbal(predicate):
        head = predicate  # "warnte am Montag vor Anschlägen", the parse hanging the phrase on "Montag"
    if token.dep_ in ("obj", "obl", "iobj", "nsubj:pass", "nmod") and head.i != token.i and _verbal(head):
        complex_ = verb_complex(head)
        lemmas = _lemmas(head)
        known = lemmas & (lists["reaction_verbs"] | lists["warning_verbs"] | lists["ending_verbs"] | perpetration | violent)
        governor = min(known) if known else complex_.lemma
        if actor is None and (governor in perpetration or governor in violent) and not complex_.passive:
            actor = _span(sentence, arguments(head).subject)
        if target is None and token.dep_ == "obl" and governor in violent:
            target = _span(sentence, arguments(head).object)
    return TriggerReading(actor, target, governor, False, future, past)


def determiner_before(
    words: list[tuple[int, int, str]], starts: list[int], start: int, determiners: frozenset[str], stop: frozenset[str]
) -> bool:
    """Whether one of ``determiners`` stands before the word at ``start``, right before it or across up
    to two lower-case words (adjectives, adverbs: "des vermutlich terroristischen Anschlags"); a word
    of ``stop`` or a capitalised word ends the search."""
    from bisect import bisect_left

    k = bisect_left(starts, start)
    for j in range(k - 1, max(k - 4, -1), -1):
        word = words[j][2]
        if word.lower() in determiners:
            return True
        if not word.islower() or word.lower() in stop:
            return False
    return False
