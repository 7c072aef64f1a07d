"""Counted people through the parse: the arguments of casualty predicates, with every conjunct.

A count's category comes from the predicate it is an argument of (``lang/de/casualty_predicates.json``):

* the (passive) subject of a killing, wounding, abducting, arresting or displacing verb — "wurden 11
  Milizionäre, mindestens fünf Zivilisten, sechs Polizisten und ein Journalist getötet" (four killed);
* the subject of an intransitive one — "starben … 17 Kämpfer sowie 23 Aufständische", "Ein Lehrer und
  drei Soldaten erlagen ihren Verletzungen", "kamen zwölf Menschen ums Leben";
* the object of an active one — "töteten 30 Menschen"; its active subject is the perpetrator ("Zwei
  Selbstmordattentäter töteten …": counted as attackers);
* the subject of a predicative adjective — "Zwei Menschen sind tot".

Verb-first, verb-second and verb-final clauses are the same to the parse. Every conjunct of the argument
shares the role (:func:`lagebild.nlp.syntax.conjuncts`). A singular person in that role is a count of one
("ein Soldat wurde getötet", "eine 45-jährige Frau erlag ihren Verletzungen").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from lagebild.lang import load_json
from lagebild.nlp.syntax import Sentence, arguments, conjuncts, noun_phrase, verb_complex

if TYPE_CHECKING:
    from spacy.tokens import Token

Role = Literal["victim", "perpetrator"]
_SINGULAR_DETERMINERS = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "der", "die", "das", "dem", "den", "des"})


@dataclass(frozen=True)
class CountedArgument:
    """A noun phrase in a casualty role: article offsets of the phrase and of its head noun."""

    start: int
    end: int
    head_start: int
    head_end: int
    category: str
    role: Role
    singular_person: bool  # one person named without a number ("ein Soldat", "die Journalistin")


@cache
def predicates() -> dict[str, Any]:
    data: dict[str, Any] = load_json("casualty_predicates.json")
    return data


@cache
def _person_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    nouns = frozenset(predicates()["person_nouns"])
    return nouns, tuple(sorted((n for n in nouns if len(n) >= 4), key=len, reverse=True))


def is_person_noun(word: str) -> bool:
    """Whether a singular noun names a person: a listed role or one it ends in ("Polizeibeamter"), or
    its feminine form ("Journalistin", "Ärztin")."""
    nouns, suffixes = _person_nouns()
    lower = word.casefold()
    if lower in nouns:
        return True
    if lower.endswith("in") and (lower[:-2] in nouns or lower[:-3] in nouns):
        return True
    return any(lower.endswith(suffix) for suffix in suffixes)


def _lemma(token: Token) -> str:
    lemma = token.lemma_.casefold() or token.text.casefold()
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None and not lemma.startswith(particle.text.casefold()):
        lemma = particle.text.casefold() + lemma
    return lemma


def _simple_lemma(word: str) -> str:
    from simplemma import lemmatize

    return str(lemmatize(word, lang="de")).casefold()


def predicate_reading(token: Token) -> tuple[str, str] | None:
    """(category, kind) of a casualty predicate, kind being transitive, intransitive or predicative."""
    table = predicates()
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    candidates = [_lemma(token), _simple_lemma(token.text)]
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None:
        candidates.append(particle.text.casefold() + candidates[1])
    for lemma in candidates:
        objects = table["nominal_objects"].get(lemma)
        if objects:
            for child in token.children:
                noun = child.text.casefold()
                if child.dep_ in ("obl", "obj", "iobj", "obl:arg") and noun in objects:
                    return objects[noun], "intransitive"
        if lemma in table["transitive"]:
            return table["transitive"][lemma], "transitive"
        if lemma in table["intransitive"]:
            return table["intransitive"][lemma], "intransitive"
    if any(c.dep_ == "cop" for c in token.children):
        word = token.text.casefold()
        if word in table["predicative"]:
            return table["predicative"][word], "predicative"
    return None


def _singular_person(head: Token, lo: int) -> bool:
    if head.pos_ not in ("NOUN", "PROPN") or not is_person_noun(head.text):
        return False
    doc = head.doc
    if any(doc[i].pos_ == "NUM" or doc[i].text[:1].isdigit() and doc[i].i != head.i for i in range(lo, head.i)):
        return False
    determiners = [doc[i] for i in range(lo, head.i) if doc[i].pos_ == "DET"]
    if "Plur" in head.morph.get("Number", []):
        return False
    if determiners:
        word = determiners[0].text.casefold()
        if word in ("die", "der") and "Sing" not in head.morph.get("Number", []):
            return False  # "die Soldaten": a plural without a count
        return word in _SINGULAR_DETERMINERS or "Sing" in head.morph.get("Number", [])
    return "Sing" in head.morph.get("Number", [])


def _subject_of(predicate: Token) -> Token | None:
    """The subject of a predicate, or of the clause it is coordinated with ("wurden getötet und …")."""
    subject = arguments(predicate).subject
    if subject is None and predicate.dep_ == "conj":
        subject = arguments(predicate.head).subject
    return subject


def counted_arguments(sentence: Sentence) -> Iterator[CountedArgument]:
    """Every noun phrase of ``sentence`` that stands in a casualty role, with its category."""
    for token in sentence.doc:
        reading = predicate_reading(token)
        if reading is None:
            continue
        category, kind = reading
        roles: list[tuple[Token, Role]] = []
        if kind == "transitive":
            args = arguments(token)
            if verb_complex(token).passive or (token.dep_ == "conj" and verb_complex(token.head).passive):
                subject = _subject_of(token)
                if subject is not None:
                    roles.append((subject, "victim"))
                if args.agent is not None:
                    roles.append((args.agent, "perpetrator"))
            else:
                if args.object is not None:
                    roles.append((args.object, "victim"))
                if args.subject is not None:
                    roles.append((args.subject, "perpetrator"))
        else:
            subject = _subject_of(token)
            if subject is not None:
                roles.append((subject, "victim"))
        for argument, role in roles:
            for conjunct in conjuncts(argument):
                lo, hi = noun_phrase(conjunct, genitive=False)
                yield CountedArgument(
                    start=sentence.start_char(sentence.doc[lo]),
                    end=sentence.end_char(sentence.doc[hi - 1]),
                    head_start=sentence.start_char(conjunct),
                    head_end=sentence.end_char(conjunct),
                    category=category if role == "victim" else "attackers",
                    role=role,
                    singular_person=role == "victim" and _singular_person(conjunct, lo),
                )
