"""Speakers through the parse: the subject of the speech verb, or the ``von``-agent of a passive.

When the ``parse.v1`` stage ran (``doc.syntax``), the speaker of a speech verb is read from the
dependency parse of its sentence, which is parsed only then (a sentence with a speech cue):

* the subject of the verb's clause: "*Der Sprecher der Zivilschützer, Ahmad X,* sagte, …" — the whole
  noun phrase with its conjuncts, appositions and attributes (:func:`lagebild.nlp.syntax.phrase_extent`),
  as SpkAtt's gold sources take them in;
* the ``von``-agent of a passive: "Die Waffenruhe wurde *von beiden Seiten* bestätigt"; a passive
  without an agent has no speaker ("Die Zahl wurde mit 214 angegeben");
* the subject of the first verb of a coordination: "*Die Ministerin* dankte den Helfern und ergänzte, …";
* a relative pronoun as subject is the speaker as written ("der" in "Der Arzt, *der* sagte, …"); the
  noun phrase it refers to is :func:`antecedent_of`.

:func:`pronoun_features` gives the gender and number of "er"/"sie" from the morphology, so a pronoun
resolves to the last speaker, person or organisation that agrees with it (:mod:`quotes_speakers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagebild.nlp.syntax import (
    Sentence,
    Syntax,
    arguments,
    conjuncts,
    is_verbal,
    noun_phrase,
    phrase_extent,
    verb_complex,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

Span = tuple[int, int]

# subjects that name no one: the expletive "es" ("es hieß"), the generic "man"
_NO_ONE = frozenset({"es", "man"})
_RELATIVE = frozenset({"der", "die", "das", "welcher", "welche", "welches", "welchem", "welchen"})


def _predicate(verb: Token) -> Token:
    """The clause's predicate for a speech-verb token: itself, or the verb an auxiliary belongs to."""
    if verb.dep_ in ("aux", "aux:pass", "cop") and verb.head.i != verb.i:
        return verb.head
    return verb


def _speaker_head(predicate: Token) -> Token | None:
    """The token that heads the speaker of ``predicate``: its ``von``-agent when passive, else its subject
    (that of the first verb of a coordination when it has none of its own)."""
    if verb_complex(predicate).passive:
        return arguments(predicate).agent
    subject = arguments(predicate).subject
    node = predicate
    while subject is None and node.dep_ == "conj" and is_verbal(node.head) and node.head.i != node.i:
        node = node.head  # "… dankte den Helfern und ergänzte, …": the subject of "dankte"
        subject = arguments(node).subject
    return subject


def parse_speaker(syntax: Syntax, verb_start: int) -> Span | None:
    """Character span of the speaker of the speech verb at article offset ``verb_start``, read from the
    parse of its sentence; None when the parse names none.

    "Lena Vogt, Sprecherin des Roten Kreuzes, erklärte, …" → "Lena Vogt, Sprecherin des Roten Kreuzes".
    """
    sentence = syntax.sentence_at(verb_start)
    verb = sentence.token_at(verb_start)
    if verb is None:
        return None
    predicate = _predicate(verb)
    head = _speaker_head(predicate)
    if head is None or head.text.lower() in _NO_ONE or not _can_speak(head, predicate):
        return None
    lo, hi = phrase_extent(head)
    if lo <= verb.i < hi:
        return None  # a phrase around its own verb is a misparse
    return sentence.span_chars(sentence.doc[lo:hi])


def _can_speak(head: Token, predicate: Token) -> bool:
    """Whether what the parse takes for the speaker can be one, by what German grammar guarantees:

    * a subject is in the nominative and governed by no preposition ("*Als Begründung* sagte ein
      Wissenschaftler", "*Ihm* wird vorgeworfen", "Gestern" are none; the agent keeps its "von");
    * it agrees in number with the finite verb ("Zu Guttenberg hatte *Fehler* eingeräumt": plural
      "Fehler" is not the subject of singular "hatte"), unless it is coordinated;
    * a reflexive pronoun is none ("erinnerte *sich* Trotnow");
    * a relative pronoun speaks only in its own clause ("Küng, *der* als Kritiker gilt, hofft": not "der").
    """
    agent = head.dep_ == "obl:agent" or any(
        c.dep_ == "case" and c.text.lower() == "von" for c in head.children
    )
    if not agent:
        if any(c.dep_ == "case" for c in head.children) or head.text[:1].islower() and head.pos_ != "PRON":
            return False
        cases = head.morph.get("Case", [])
        if cases and "Nom" not in cases:
            return False
    if "Yes" in head.morph.get("Reflex", []) or head.text.lower() == "sich":
        return False
    finite = verb_complex(predicate).finite
    number, verb_number = _feature(head, "Number"), _feature(finite, "Number") if finite is not None else None
    if not agent and number and verb_number and number != verb_number and len(conjuncts(head)) == 1:
        return False
    if head.text.lower() in _RELATIVE:
        lo, hi = sorted((head.i, predicate.i))
        if head.i > predicate.i or any(t.text in ",;:" for t in head.doc[lo:hi]):
            return False
    return True


def antecedent_of(syntax: Syntax, pronoun_start: int) -> Span | None:
    """The noun phrase a relative pronoun refers to: "Der Arzt, der gestern sagte, …" → "Der Arzt"."""
    sentence = syntax.sentence_at(pronoun_start)
    pronoun = sentence.token_at(pronoun_start)
    if pronoun is None or pronoun.text.lower() not in _RELATIVE:
        return None
    node = pronoun.head
    while node.dep_ not in ("acl", "acl:relcl") and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("acl", "acl:relcl") or node.head.i >= pronoun.i:
        return None
    noun = node.head
    lo, hi = noun_phrase(noun)
    return sentence.span_chars(sentence.doc[lo:hi])


def pronoun_features(syntax: Syntax, start: int) -> tuple[str | None, str | None]:
    """(Gender, Number) of the pronoun or phrase head at ``start`` from the morphology of its parsed
    sentence: "er" → ("Masc", "Sing"); "sie" with a plural verb → (None, "Plur")."""
    sentence = syntax.sentence_at(start)
    token = sentence.token_at(start)
    if token is None:
        return None, None
    return _feature(token, "Gender"), _feature(token, "Number")


def phrase_features(sentence: Sentence, span: Span) -> tuple[str | None, str | None]:
    """(Gender, Number) of the head of the phrase ``span`` in a parsed sentence: "die Sprecherin" →
    ("Fem", "Sing"), "Die Rebellen" → (None, "Plur")."""
    head = sentence.head_of(*span)
    if head is None:
        return None, None
    return _feature(head, "Gender"), _feature(head, "Number")


def _feature(token: Token, name: str) -> str | None:
    values = token.morph.get(name, [])
    return values[0] if len(values) == 1 else None
