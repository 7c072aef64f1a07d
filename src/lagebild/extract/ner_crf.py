"""Token features and a CRF tagger for the German NER (the shipped model of the entities stage).

A linear-chain CRF (CRFsuite, via python-crfsuite) over BIO tags, with features a CNN without pretrained
vectors cannot learn from ~10,000 sentences: whether a capitalised word is a known German common noun or
a name (``lang/de/noun_lexicon_*.tsv``, also through the head of a compound: "Generalleutnant" ends in the
noun "leutnant"), whether it is a country, a major place, any GeoNames town, an actor or a given name
(the gazetteers of :mod:`lagebild.extract.entities` and ``lang/de/gazetteer.tsv.gz``), its shape, prefixes and suffixes, its position in the sentence and the
same for its neighbours. Features are strings ("w=bomben", "lx=N"); CRFsuite hashes nothing, so the
model file holds the feature strings it kept (L1 regularisation keeps it small).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

MODEL_FILE = "crf.model"
_SENTENCE_END = frozenset('.!?:;"„“»«')
_INFLECTIONS = ("s", "es", "n", "en", "e", "er", "ern", "ns", "ens")


def merge_lexicon_classes(
    hanta: dict[str, set[str]], ud: dict[str, set[str]], given_names: list[str] | tuple[str, ...]
) -> dict[str, str]:
    """One class per word: ``F`` (a frequent function word stays one: "die" is no name), ``B`` (noun and
    name), else ``N`` or ``E``. HanTa's and UD's classes are united; given names are names."""
    merged: dict[str, set[str]] = {}
    for source in (hanta, ud):
        for word, marks in source.items():
            merged.setdefault(word, set()).update(marks)
    for word, marks in hanta.items():
        if marks == {"F"}:
            merged[word] = {"F"}
    for name in given_names:
        merged.setdefault(name.lower(), set()).add("E")
    return {
        word: "F" if "F" in marks else "B" if len(marks) == 2 else next(iter(marks))
        for word, marks in merged.items()
    }


def _lexicon_rows(name: str) -> dict[str, set[str]]:
    from lagebild.lang import load_wordlist

    classes: dict[str, set[str]] = {}
    for row in load_wordlist(name):
        word, _, marks = row.partition("\t")
        classes[word] = set(marks)
    return classes


@cache
def noun_lexicon() -> dict[str, str]:
    """Lower-cased word → ``N`` (common noun), ``E`` (name), ``B`` (both) or ``F`` (function word), merged
    from lang/de/noun_lexicon_hanta.tsv (LGPL-3.0), noun_lexicon_ud.tsv (CC BY-SA 4.0) and given_names.txt."""
    from lagebild.lang import load_wordlist

    return merge_lexicon_classes(
        _lexicon_rows("noun_lexicon_hanta.tsv"), _lexicon_rows("noun_lexicon_ud.tsv"),
        load_wordlist("given_names.txt"),
    )


@cache
def word_clusters() -> dict[str, tuple[str, str, str]]:
    """Lower-cased word → its distributional class ids at 32, 128 and 512 classes (lang/de/word_clusters.tsv,
    CC BY-SA 4.0, built by :mod:`lagebild.training.word_clusters`)."""
    from lagebild.lang import load_wordlist

    clusters: dict[str, tuple[str, str, str]] = {}
    for row in load_wordlist("word_clusters.tsv"):
        cells = row.split("\t")
        if len(cells) == 4:
            clusters[cells[0]] = (cells[1], cells[2], cells[3])
    return clusters


_NO_CLUSTER = ("-", "-", "-")


@cache
def all_place_words() -> frozenset[str]:
    """Lower-cased one-word names of every GeoNames place in lang/de/gazetteer.tsv.gz (towns of 15,000
    inhabitants and more, any population), without those that are also German common words."""
    import gzip
    from importlib import resources

    path = Path(str(resources.files("lagebild.lang").joinpath("de", "gazetteer.tsv.gz")))
    if not path.is_file():
        return frozenset()
    names: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 9:
                continue
            common = {key[1:] for key in cells[8].split("|") if key.startswith("~")}
            for name in (cells[1].lower(), *cells[8].split("|")):
                if name and " " not in name and not name.startswith("~") and name not in common:
                    names.add(name)
    return frozenset(names)


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Single-word country names, major places, organisation name words and given names (lower case)."""
    from lagebild.errors import ModelError
    from lagebild.extract.entities import country_names, major_places, organisation_names
    from lagebild.lang import load_wordlist

    countries = frozenset(n.lower() for n in country_names() if " " not in n)
    places = frozenset(n for n in major_places() if " " not in n)
    organisations = frozenset(w.lower() for n in organisation_names() for w in n.split() if w[:1].isupper())
    try:
        given = frozenset(n.lower() for n in load_wordlist("given_names.txt"))
    except ModelError:
        given = frozenset()
    return countries, places, organisations, given


def shape(word: str) -> str:
    """Collapsed character shape: "Aleppo" → "Xx", "UN-Botschafter" → "X-Xx", "2016" → "d"."""
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:6])


class WordClasses:
    """Per-word lexical features, computed once per distinct word (a bounded cache)."""

    def __init__(self) -> None:
        self.lexicon = noun_lexicon()
        self.countries, self.places, self.organisations, self.given = _gazetteers()
        self.any_places = all_place_words()
        self.clusters = word_clusters()
        self.cache: dict[str, tuple[str, ...]] = {}
        self.parts_cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}

    def parts(self, word: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        """The word's feature strings (see :func:`_word_parts`), cached."""
        found = self.parts_cache.get(word)
        if found is None:
            if len(self.parts_cache) > 200_000:
                self.parts_cache.clear()
            found = self.parts_cache[word] = _word_parts(self.features(word))
        return found

    def lexical_class(self, lower: str) -> str:
        lexicon = self.lexicon
        mark = lexicon.get(lower)
        if mark:
            return mark
        for ending in _INFLECTIONS:
            if lower.endswith(ending) and len(lower) - len(ending) >= 3:
                mark = lexicon.get(lower[: -len(ending)])
                if mark:
                    return mark + "i"
        if "-" in lower:
            head = lower.rsplit("-", 1)[1]
            mark = lexicon.get(head)
            if mark:
                return mark + "h"
        for i in range(2, len(lower) - 3):  # the longest known noun the word ends in: a compound's head
            head = lower[i:]
            mark = lexicon.get(head)
            if mark == "N" or mark == "B":
                return "Nh"
            if lower.endswith(("s", "n", "e")) and lexicon.get(head[:-1]) == "N":
                return "Nh"
        return "U"

    def features(self, word: str) -> tuple[str, ...]:
        """The features of one word, without context: word, affixes, shape, classes."""
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        lower = word.lower()
        upper_initial = word[:1].isupper()
        lexical = (
            self.lexical_class(lower)
            if upper_initial and word[:1].isalpha()
            else ("l" if word[:1].islower() else "o")
        )
        stem = lower[:-1] if lower.endswith("s") else lower
        gazetteer = "".join(
            flag
            for flag, names in (
                ("c", self.countries),
                ("p", self.places),
                ("q", self.any_places),
                ("o", self.organisations),
                ("g", self.given),
            )
            if lower in names or stem in names
        )
        result = (
            lower, shape(word), lexical, gazetteer or "-",
            lower[:3], lower[-3:], lower[-4:], str(min(len(word), 12)),
            *self.clusters.get(lower, _NO_CLUSTER),
        )  # fmt: skip
        if len(self.cache) > 200_000:
            self.cache.clear()
        self.cache[word] = result
        return result


_PAD = ("<s>", "<s>", "<s>", "<s>", "", "", "", "0", "<s>", "<s>", "<s>")
_CLUSTERED = frozenset(("U", "E", "B"))  # lexical classes whose words get their word class as a feature


@cache
def _pad_parts() -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    return _word_parts(_PAD)


def _word_parts(values: tuple[str, ...]) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """A word's feature strings as the token itself and as the neighbour at -1, +1, -2, +2. Few on
    purpose: CRFsuite's tagging time grows with the number of feature strings per token."""
    lower, shp, lex, gaz, pre3, suf3, suf4, _length, _coarse, middle, _fine = values
    own = ["w=" + lower, "sh=" + shp, "lx=" + lex, "gz=" + gaz, "p3=" + pre3, "s3=" + suf3, "s4=" + suf4]
    if lex in _CLUSTERED:  # a capitalised unknown word or name: its class says what it is like
        own.append("c2=" + middle)
    before = ["w-1=" + lower, "sh-1=" + shp, "lx-1=" + lex, "gz-1=" + gaz]
    after = ["w+1=" + lower, "sh+1=" + shp, "lx+1=" + lex, "gz+1=" + gaz]
    return own, before, after, ["lx-2=" + lex], ["lx+2=" + lex]


def sequence_features(words: Sequence[str], classes: WordClasses) -> list[list[str]]:
    """CRFsuite features of each token of a sequence (a sentence or a whole article)."""
    parts = [classes.parts(w) for w in words]
    values = [classes.features(w) for w in words]
    count = len(words)
    pad = _pad_parts()
    xseq: list[list[str]] = []
    for i in range(count):
        lower, lex = values[i][0], values[i][2]
        prev_lower, prev_lex = (values[i - 1][0], values[i - 1][2]) if i else ("<s>", "<s>")
        next_lex = values[i + 1][2] if i + 1 < count else "<s>"
        first = "T" if i == 0 or words[i - 1] in _SENTENCE_END else "F"
        xseq.append([
            *parts[i][0],
            *(parts[i - 1][1] if i > 0 else pad[1]),
            *(parts[i + 1][2] if i + 1 < count else pad[2]),
            *(parts[i - 2][3] if i > 1 else pad[3]),
            *(parts[i + 2][4] if i + 2 < count else pad[4]),
            "first=" + first, "lxf=" + lex + first, "w-1w=" + prev_lower + "|" + lower,
            "lx-1lx=" + prev_lex + "|" + lex, "lxlx+1=" + lex + "|" + next_lex,
        ])  # fmt: skip
    return xseq


class CrfTagger:
    """A trained CRF over BIO tags, loaded from ``<folder>/crf.model``."""

    def __init__(self, folder: Path) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(folder / MODEL_FILE))
        self.classes = WordClasses()

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        tags: list[str] = self.tagger.tag(sequence_features(words, self.classes))
        return tags


def train_crf(sequences: Sequence[tuple[Sequence[str], Sequence[str]]], out: Path, **params: Any) -> None:
    """Train a CRF on (words, BIO tags) sequences and write it to ``out/crf.model``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    classes = WordClasses()
    for words, tags in sequences:
        trainer.append(sequence_features(words, classes), list(tags))
    settings = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
    settings.update(params)
    trainer.set_params(settings)
    out.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out / MODEL_FILE))
