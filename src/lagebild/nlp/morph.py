"""German verb mood: tell Konjunktiv I and II forms from indicative ones, fast and offline.

Indirect speech in German news is marked by the subjunctive ("es *gebe* eine Einigung", "Beobachter
*müssten* …"). Two rules recognise it without a tagger:

* **Konjunktiv I** (3rd person singular, the form reported speech uses): the form is the verb stem plus
  ``-e`` ("gebe", "habe", "könne", "erfolge", "ändere"), which differs from the indicative ("gibt",
  "hat", "kann"). A lower-case word ending in ``-e`` is taken as Konjunktiv I when its lemma (from
  simplemma's German dictionary) is the word plus ``-n`` and is a verb infinitive. "sei"/"seien" are
  listed. First person singular ("ich habe") is indicative and excluded by looking at the neighbours.
* **Konjunktiv II**: a closed list of strong, mixed and modal forms in ``lang/de/konjunktiv2.txt``
  ("wäre", "hätte", "würde", "müssten", "gäbe" …) with their endings. Weak verbs' Konjunktiv II equals
  the Präteritum and cannot be told from form alone; "sollte"/"wollte" are ambiguous and reported only
  when ``ambiguous=True``.

Measured against UD German GSD (dev + test, Mood=Sub) by :func:`score_conllu`; see docs/quotes.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lagebild.lang import load_wordlist

Mood = Literal["sub1", "sub2"]

_SEIN = {"sei", "seien", "seiest", "seist", "seiet"}
_FIRST_PERSON = {"ich"}


@lru_cache(maxsize=1)
def _konjunktiv2_forms() -> tuple[frozenset[str], frozenset[str]]:
    """(sure forms, ambiguous forms) of Konjunktiv II with every person ending."""
    sure: set[str] = set()
    ambiguous: set[str] = set()
    for line in load_wordlist("konjunktiv2.txt"):
        stem = line.rstrip("?")
        target = ambiguous if line.endswith("?") else sure
        target.update({stem, stem + "st"})
        # without an umlaut the plural equals the Präteritum plural ("gingen", "blieben")
        plural = target if any(ch in stem for ch in "äöü") else ambiguous
        plural.update({stem + "n", stem + "t"})
    return frozenset(sure), frozenset(ambiguous)


@lru_cache(maxsize=1)
def _konjunktiv1_exclusions() -> frozenset[str]:
    return frozenset(load_wordlist("konjunktiv1_exclude.txt"))


@lru_cache(maxsize=65536)
def _is_verb_stem_e(lower: str) -> bool:
    """Whether ``lower`` (ending in -e) is stem + e of a verb whose infinitive is ``lower + 'n'``."""
    from simplemma import lemmatize  # imported lazily: loading its German dictionary takes ~0.3 s

    infinitive = lower + "n"
    if not infinitive.endswith(("en", "ln", "rn")):
        return False
    lemma = lemmatize(lower, lang="de")
    if lemma == infinitive or (lower.endswith(("ere", "ele")) and lemma == lower[:-1] + "n"):
        return True  # "gebe" → geben, "ändere" → ändern
    # simplemma leaves some rare forms unchanged; then ask for the infinitive itself
    return lemma == lower and lemmatize(infinitive, lang="de") == infinitive and _looks_like_verb(infinitive)


def _looks_like_verb(infinitive: str) -> bool:
    return infinitive.endswith(("ieren", "eln", "ern")) and len(infinitive) > 6


def mood(word: str, prev: str | None = None, next_: str | None = None, *, sentence_initial: bool = False,
         ambiguous: bool = False) -> Mood | None:
    """``"sub1"`` for a Konjunktiv I form, ``"sub2"`` for Konjunktiv II, else None.

    ``prev``/``next_`` are the neighbouring words (to rule out "ich habe", "habe ich"); a capitalised word
    that does not start the sentence is a noun and never a verb.
    """
    if not word or not word[0].isalpha():
        return None
    if word[0].isupper() and not sentence_initial:
        return None
    lower = word.lower()
    capitalised = word[0].isupper()
    if lower in _SEIN:
        return "sub1"
    sure, unsure = _konjunktiv2_forms()
    if lower in sure:
        return "sub2"
    if lower in unsure:
        return "sub2" if ambiguous else None
    if capitalised or len(lower) < 4 or not lower.endswith("e") or lower in _konjunktiv1_exclusions():
        # a sentence rarely starts with a Konjunktiv I verb; a capital there is a noun ("Aussage")
        return None
    if (prev and prev.lower() in _FIRST_PERSON) or (next_ and next_.lower() in _FIRST_PERSON):
        return None
    return "sub1" if _is_verb_stem_e(lower) else None


@lru_cache(maxsize=1)
def _listed_forms() -> frozenset[str]:
    sure, unsure = _konjunktiv2_forms()
    return frozenset(_SEIN) | sure | unsure


def may_be_subjunctive(lower: str) -> bool:
    """A cheap test before :func:`mood`: only forms ending in -e or listed forms can be Konjunktiv."""
    return lower.endswith("e") or lower in _listed_forms()


def is_subjunctive(word: str, prev: str | None = None, next_: str | None = None, *,
                   sentence_initial: bool = False) -> bool:
    return mood(word, prev, next_, sentence_initial=sentence_initial) is not None


# --- Measuring against UD German GSD -------------------------------------------------------------------


@dataclass
class MoodScore:
    """Token-level agreement with UD ``Mood=Sub`` (``finite`` counts finite verbs only)."""

    tokens: int = 0
    finite: int = 0
    finite_correct: int = 0
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def finite_accuracy(self) -> float:
        return self.finite_correct / self.finite if self.finite else 0.0


def _conllu_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(form, feats) of each word of each sentence (multi-word token lines skipped)."""
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6 or "-" in cols[0] or "." in cols[0]:
                continue
            sentence.append((cols[1], cols[5]))
    if sentence:
        yield sentence


def score_conllu(paths: list[Path]) -> MoodScore:
    """Compare :func:`mood` with ``Mood=Sub`` in CoNLL-U files."""
    score = MoodScore()
    for path in paths:
        for sentence in _conllu_sentences(path):
            for i, (form, feats) in enumerate(sentence):
                prev = sentence[i - 1][0] if i else None
                nxt = sentence[i + 1][0] if i + 1 < len(sentence) else None
                predicted = mood(form, prev, nxt, sentence_initial=i == 0) is not None
                gold = "Mood=Sub" in feats
                score.tokens += 1
                score.predicted += predicted
                score.gold += gold
                score.true_positive += predicted and gold
                if "VerbForm=Fin" in feats:
                    score.finite += 1
                    score.finite_correct += predicted == gold
    return score
