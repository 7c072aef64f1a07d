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

import re
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
    counted_person: bool  # a person noun or a bare number ("zwei Selbstmordattentäter", "drei")


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
    lower = word.lower()
    if lower in nouns:
        return True
    if lower.endswith("in") and (lower[:-2] in nouns or lower[:-3] in nouns):
        return True
    return any(lower.endswith(suffix) for suffix in suffixes)


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower() or token.text.lower()
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None and not lemma.startswith(particle.text.lower()):
        lemma = particle.text.lower() + lemma
    return lemma


def _simple_lemma(word: str) -> str:
    from simplemma import lemmatize

    return str(lemmatize(word, lang="de")).lower()


def predicate_reading(token: Token) -> tuple[str, str] | None:
    """(category, kind) of a casualty predicate, kind being transitive, intransitive or predicative."""
    table = predicates()
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    candidates = [_lemma(token), _simple_lemma(token.text)]
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None:
        candidates.append(particle.text.lower() + candidates[1])
    for lemma in candidates:
        objects = table["nominal_objects"].get(lemma)
        if objects:
            for child in token.children:
                noun = child.text.lower()
                if child.dep_ in ("obl", "obj", "iobj", "obl:arg") and noun in objects:
                    return objects[noun], "intransitive"
        if lemma in table["transitive"]:
            return table["transitive"][lemma], "transitive"
        if lemma in table["intransitive"]:
            return table["intransitive"][lemma], "intransitive"
    if any(c.dep_ == "cop" for c in token.children):
        word = token.text.lower()
        if word in table["predicative"]:
            return table["predicative"][word], "predicative"
    return None


def _singular_person(head: Token, lo: int) -> bool:
    if head.pos_ not in ("NOUN", "PROPN") or not is_person_noun(head.text):
        return False
    doc = head.doc
    if any(doc[i].pos_ == "NUM" for i in range(lo, head.i)):
        return False  # a count, not one person ("45-jährige" is an adjective)
    determiners = [doc[i] for i in range(lo, head.i) if doc[i].pos_ == "DET"]
    if "Plur" in head.morph.get("Number", []):
        return False
    if determiners:
        word = determiners[0].text.lower()
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


_BARE_RELATIONS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "xcomp", "dep", "nmod", "appos"})


def bare_nominals(predicate: Token) -> list[Token]:
    """Noun phrases without a preposition that hang on the predicate or its auxiliaries: the arguments a
    parser may have labelled wrongly. German gives a passive of a killing verb one such argument, the
    victims, however the parser attached them to "wurden" or to the participle."""
    heads = [predicate, *(c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "cop"))]
    found = []
    for head in heads:
        for child in head.children:
            if child.i == predicate.i or child.dep_ not in _BARE_RELATIONS:
                continue
            if child.pos_ not in ("NOUN", "PROPN", "NUM") or any(c.dep_ == "case" for c in child.children):
                continue
            found.append(child)
    return sorted(found, key=lambda t: t.i)


def _nominative(noun: Token) -> bool:
    """Whether the morphology of a noun and its determiners says nominative only ("ein Angreifer")."""
    cases = set(noun.morph.get("Case", []))
    for child in noun.children:
        if child.dep_ in ("det", "det:poss"):
            cases &= set(child.morph.get("Case", [])) or cases
    return cases == {"Nom"}


def _accusative_first(obj: Token, subject: Token) -> bool:
    """Whether the parser's object stands before its subject without an accusative to show for it."""
    return obj.i < subject.i and "Acc" not in obj.morph.get("Case", []) and not obj.i < obj.head.i < subject.i


def _roles(token: Token, kind: str) -> list[tuple[Token, Role]]:
    """The arguments of a casualty predicate in their roles, the parse repaired by the verb's valency."""
    args = arguments(token)
    roles: list[tuple[Token, Role]] = []
    if kind == "transitive" and (
        verb_complex(token).passive or (token.dep_ == "conj" and verb_complex(token.head).passive)
    ):
        victims = bare_nominals(token) or ([s] if (s := _subject_of(token)) is not None else [])
        roles += [(v, "victim") for v in victims if args.agent is None or v.i != args.agent.i]
        if args.agent is not None:
            roles.append((args.agent, "perpetrator"))
    elif kind == "transitive":
        bare = bare_nominals(token)
        subject, victim = args.subject, args.object
        if subject is None or victim is None or _accusative_first(victim, subject):
            # German's default order: the nominative before the accusative ("hatte ein Angreifer
            # 38 Menschen erschossen"), unless the case morphology says otherwise
            if len(bare) >= 2:
                subject, victim = bare[0], bare[1]
            elif len(bare) == 1:
                subject, victim = (bare[0], None) if bare[0].i < token.i and victim is None else (subject, bare[0])
        if (
            victim is not None
            and _nominative(victim)
            and (subject is None or (victim.i < subject.i and not _nominative(subject)))
        ):
            subject, victim = victim, (subject if subject is not None and subject.i != victim.i else None)
        if victim is not None:
            roles.append((victim, "victim"))
        if subject is not None:
            roles.append((subject, "perpetrator"))
    else:
        subject = _subject_of(token)
        if subject is None:
            objects = predicates()["nominal_objects"]
            nouns = {n for table in objects.values() for n in table}
            subject = next((b for b in bare_nominals(token) if b.text.lower() not in nouns), None)
        if subject is not None:
            roles.append((subject, "victim"))
    return roles


def counted_arguments(sentence: Sentence) -> Iterator[CountedArgument]:
    """Every noun phrase of ``sentence`` that stands in a casualty role, with its category."""
    seen: set[tuple[int, Role]] = set()
    for token in sentence.doc:
        reading = predicate_reading(token)
        if reading is None:
            continue
        category, kind = reading
        for argument, role in _roles(token, kind):
            for conjunct in conjuncts(argument):
                if (conjunct.i, role) in seen:
                    continue
                seen.add((conjunct.i, role))
                lo, hi = noun_phrase(conjunct, genitive=False)
                yield CountedArgument(
                    start=sentence.start_char(sentence.doc[lo]),
                    end=sentence.end_char(sentence.doc[hi - 1]),
                    head_start=sentence.start_char(conjunct),
                    head_end=sentence.end_char(conjunct),
                    category=category if role == "victim" else "attackers",
                    role=role,
                    singular_person=role == "victim" and _singular_person(conjunct, lo),
                    counted_person=is_person_noun(conjunct.text) or conjunct.pos_ == "NUM",
                )


def coordinated_heads(sentence: Sentence, start: int, end: int) -> list[tuple[int, int]]:
    """Article spans of the head nouns coordinated with the noun phrase at ``start .. end``."""
    head = sentence.head_of(start, end)
    if head is None:
        return []
    return [
        (sentence.start_char(t), sentence.end_char(t)) for t in conjuncts(head) if t.i != head.i
    ]


@cache
def cue_pattern() -> re.Pattern[str]:
    """Word beginnings of casualty predicates: a sentence without one is not parsed for figures."""
    cues = sorted(predicates()["cues"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?i:" + "|".join(re.escape(c) for c in cues) + ")")
