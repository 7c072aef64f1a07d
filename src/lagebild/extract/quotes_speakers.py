"""Speakers named earlier in a document, and what pronouns and short role phrases refer to.

:class:`SpeakerMemory` keeps the speakers found so far, in text order, with the name each stands for.
"er"/"sie" resolve to the last fitting person (a speaker, a PER entity when the entities stage ran, a
name after a role noun: "Verteidigungsminister Sergej Schoigu"); "Demnach" to the source named last;
a definite role phrase ("die Organisation") to the earlier speaker whose head noun it shortens.
"""

from __future__ import annotations

from collections.abc import Callable

from lagebild.extract.quotes_lexicon import is_role_noun
from lagebild.extract.quotes_syntax import Tok, np_name, sentence_of, span

_UNRESOLVED = ("er", "sie", "demnach")


class SpeakerMemory:
    """The speakers of one document; ``tokens(i)`` gives the tokens of sentence ``i``."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        tokens: Callable[[int], list[Tok]],
        persons: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens = tokens
        self.persons = persons  # PER entity spans
        self.speakers: list[tuple[int, int, str]] = []  # (start, end, resolved name) in text order
        self._role_cache: dict[int, list[tuple[int, int]]] = {}

    def remember(self, speaker: tuple[int, int]) -> str | None:
        """Record a speaker; returns the name it resolves to (None when it names itself)."""
        resolved = self.resolve(speaker)
        words = self.text[speaker[0] : speaker[1]].lower()
        if words not in _UNRESOLVED and resolved is None:
            self.speakers.append((speaker[0], speaker[1], self.name_of(speaker)))
        elif resolved:
            self.speakers.append((speaker[0], speaker[1], resolved))
        return resolved

    def resolve(self, speaker: tuple[int, int] | None) -> str | None:
        """The name a pronoun, "Demnach" or a shortened role phrase stands for; None for others."""
        if speaker is None:
            return None
        words = self.text[speaker[0] : speaker[1]]
        lower = words.lower()
        if lower in ("er", "sie"):
            return self._antecedent(speaker[0], person_only=lower == "er")
        if lower == "demnach":  # "according to it": the source named last
            return next((name for s, e, name in reversed(self.speakers) if e <= speaker[0]), None)
        parts = words.split()
        if len(parts) == 2 and parts[0].lower() in ("der", "die", "das") and parts[1][:1].isupper():
            head = parts[1].lower()
            for s, e, name in reversed(self.speakers):
                if e <= speaker[0] and any(
                    w.lower().strip('„“"').endswith(head) for w in self.text[s:e].split()
                ):
                    return name
        return None

    def _antecedent(self, before: int, person_only: bool) -> str | None:
        candidates = [(s, e, name) for s, e, name in self.speakers if e <= before]
        candidates += [(s, e, self.text[s:e]) for s, e in self.persons if e <= before]
        candidates += [(s, e, self.text[s:e]) for s, e in self._role_names(before)]
        if person_only:
            candidates = [c for c in candidates if _looks_personal(c[2])]
        if not candidates:
            return None
        return max(candidates, key=lambda c: c[1])[2]

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
