"""Speakers named earlier in a document, and what pronouns and short role phrases refer to.

:class:`SpeakerMemory` keeps the speakers found so far, in text order, with the name each stands for
and, where the sentence was parsed, the gender and number of its head. "er"/"sie" resolve to the last
person or organisation that agrees with the pronoun (a speaker, a PER or ORG entity when the entities
stage ran, a name after a role noun: "Verteidigungsminister Sergej Schoigu"); with the parse the
pronoun's own gender and number decide ("sie" with a plural verb is "Die Rebellen", not "Lena Vogt").
A relative pronoun ("Der Arzt, der sagte") resolves to the noun phrase it refers to, "Demnach" to the
source named last, a definite role phrase ("die Organisation") to the earlier speaker whose head noun
it shortens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.extract.quotes.clauses import Tok, np_name, sentence_of, span
from lagebild.extract.quotes.lexicon import is_role_noun
from lagebild.extract.quotes.parse import antecedent_of, phrase_features, pronoun_features
from lagebild.nlp.syntax import Syntax

_UNRESOLVED = ("er", "sie", "demnach")
_RELATIVE = ("der", "die", "welcher", "welche")


@dataclass(frozen=True)
class Referent:
    """Something a pronoun can refer to: its span, name, whether it is a person, gender and number."""

    start: int
    end: int
    name: str
    personal: bool
    gender: str | None = None
    number: str | None = None

    def agrees(self, gender: str | None, number: str | None) -> bool:
        """Whether features known on both sides agree (unknown ones never disagree)."""
        if number and self.number and number != self.number:
            return False
        return not (gender and self.gender and gender != self.gender and number != "Plur")


class SpeakerMemory:
    """The speakers of one document; ``tokens(i)`` gives the tokens of sentence ``i``."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        tokens: Callable[[int], list[Tok]],
        persons: list[tuple[int, int]],
        organisations: list[tuple[int, int]] | None = None,
        syntax: Syntax | None = None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens = tokens
        self.persons = persons  # PER entity spans
        self.organisations = organisations or []  # ORG entity spans
        self.syntax = syntax
        self.speakers: list[Referent] = []  # in text order
        self._role_cache: dict[int, list[tuple[int, int]]] = {}

    def remember(self, speaker: tuple[int, int]) -> str | None:
        """Record a speaker; returns the name it resolves to (None when it names itself)."""
        resolved = self.resolve(speaker)
        words = self.text[speaker[0] : speaker[1]].lower()
        if words not in _UNRESOLVED and resolved is None:
            name = self.name_of(speaker)
            self.speakers.append(Referent(*speaker, name, _looks_personal(name), *self._features(speaker)))
        elif resolved:
            self.speakers.append(
                Referent(*speaker, resolved, _looks_personal(resolved), *self._features(speaker))
            )
        return resolved

    def _features(self, phrase: tuple[int, int]) -> tuple[str | None, str | None]:
        """Gender and number of a phrase's head when its sentence was parsed (never parses one)."""
        if self.syntax is None or not self.sentences:
            return None, None
        parsed = self.syntax.parsed.get(sentence_of(self.sentences, phrase[0]))
        return phrase_features(parsed, phrase) if parsed is not None else (None, None)

    def resolve(self, speaker: tuple[int, int] | None) -> str | None:
        """The name a pronoun, "Demnach" or a shortened role phrase stands for; None for others."""
        if speaker is None:
            return None
        words = self.text[speaker[0] : speaker[1]]
        lower = words.lower()
        if lower in ("er", "sie"):
            return self._antecedent(speaker[0], lower)
        if lower in _RELATIVE and self.syntax is not None:
            antecedent = antecedent_of(self.syntax, speaker[0])
            return self.name_of(antecedent) if antecedent else None
        if lower == "demnach":  # "according to it": the source named last
            return next((r.name for r in reversed(self.speakers) if r.end <= speaker[0]), None)
        parts = words.split()
        if len(parts) == 2 and parts[0].lower() in ("der", "die", "das") and parts[1][:1].isupper():
            head = parts[1].lower()
            for r in reversed(self.speakers):
                if r.end <= speaker[0] and any(
                    w.lower().strip('„“"').endswith(head) for w in self.text[r.start : r.end].split()
                ):
                    return r.name
        return None

    def _antecedent(self, before: int, pronoun: str) -> str | None:
        """The last person or organisation before ``before`` that agrees with ``pronoun``."""
        gender, number = pronoun_features(self.syntax, before) if self.syntax is not None else (None, None)
        if pronoun == "er":
            gender, number = gender or "Masc", number or "Sing"
        candidates = [r for r in self.speakers if r.end <= before]
        candidates += [
            Referent(s, e, self.text[s:e], _looks_personal(self.text[s:e]), number="Sing")
            for s, e in [*self.persons, *self._role_names(before)]
            if e <= before
        ]
        if pronoun == "sie" or self.syntax is not None:
            candidates += [
                Referent(s, e, self.text[s:e], False, *self._features((s, e)))
                for s, e in self.organisations
                if e <= before
            ]
        candidates = [c for c in candidates if c.agrees(gender, number)]
        if pronoun == "er":
            # a person, or a phrase whose head the parse shows to be masculine ("der Verband")
            candidates = [c for c in candidates if c.personal or c.gender == "Masc"]
        if not candidates:
            return None
        return max(candidates, key=lambda c: c.end).name

    def _role_names(self, before: int) -> list[tuple[int, int]]:
        """Names that follow a role noun ("Verteidigungsminister Sergej Schoigu") before ``before``."""
        index = sentence_of(self.sentences, before)
        names: list[tuple[int, int]] = []
        for k in range(max(0, index - 3), index + 1):
            names.extend(name for name in self._role_names_in(k) if name[1] <= before)
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
                        names.append(span(tokens, *name))
            self._role_cache[index] = names
        return names

    def name_of(self, speaker: tuple[int, int]) -> str:
        """The name inside a speaker phrase ("der Sprecher Karl Ott" → "Karl Ott"), else the phrase."""
        index = sentence_of(self.sentences, speaker[0])
        tokens = [t for t in self.tokens(index) if speaker[0] <= t.start and t.end <= speaker[1]]
        name = np_name(tokens, 0, len(tokens)) if tokens else None
        return (
            self.text[tokens[name[0]].start : tokens[name[1] - 1].end]
            if name
            else self.text[speaker[0] : speaker[1]]
        )


def _looks_personal(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isupper()]
    return len(words) >= 2 or any(is_role_noun(w) for w in name.split())
