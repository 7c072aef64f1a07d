"""Token features and a CRF tagger for the German NER (the shipped model of the entities stage).

A linear-chain CRF (CRFsuite, via python-crfsuite) over BIO tags, with features a CNN without pretrained
vectors cannot learn from ~10,000 sentences: whether a capitalised word is a known German common noun or
a name (``lang/de/noun_lexicon_*.tsv``, also through the head of a compound: "Generalleutnant" ends in the
noun "leutnant"), whether it is a country, a major place, any GeoNames town, an actor or a given name
(the name lists of
:mod:`lagebild.extract.entities.names`), its shape, prefixes and suffixes, its position in the sentence and the
same for its neighbours. Features are strings ("w=bomben", "lx=N"); CRFsuite hashes nothing, so the
model file holds the feature strings it kept (L1 regularisation keeps it small).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np

from lagebild.extract.entities.names import all_place_words, country_names, major_places, organisation_names
from lagebild.resources import GIVEN_NAMES_FILE, default_resources, word_classes
from lagebild.resources import noun_lexicon as noun_lexicon  # read by the quote and time rules

MODEL_FILE = "crf.model"
_SENTENCE_END = frozenset('.!?:;"„“»«')
_INFLECTIONS = ("s", "es", "n", "en", "e", "er", "ern", "ns", "ens")


_NO_CLUSTER = ("-", "-", "-")


def word_clusters() -> dict[str, tuple[str, str, str]]:
    """Lower-cased word → its distributional class ids at 32, 128 and 512 classes (lang/de/word_clusters.tsv,
    CC BY-SA 4.0, built by :mod:`lagebild.training.word_clusters`; read by :mod:`lagebild.resources`)."""
    return word_classes()


CLUSTERS_FILE = "word_clusters.tsv"


def read_word_clusters(path: Path) -> dict[str, tuple[str, str, str]] | None:
    """A model folder's own word classes (built with the model: class ids mean nothing across builds),
    or None when the folder has none and ``lang/de/word_clusters.tsv`` applies. Same layout: word and
    its class at 32, 128 and 512 classes, tab-separated, ``#`` comments."""
    if not path.is_file():
        return None
    clusters: dict[str, tuple[str, str, str]] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        cells = row.split("\t")
        if len(cells) == 4 and not row.startswith("#"):
            clusters[cells[0]] = (cells[1], cells[2], cells[3])
    return clusters


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Single-word country names, major places, organisation name words and given names (lower case)."""
    countries = frozenset(n.lower() for n in country_names() if " " not in n)
    places = frozenset(n for n in major_places() if " " not in n)
    organisations = frozenset(w.lower() for n in organisation_names() for w in n.split() if w[:1].isupper())
    given = frozenset(n.lower() for n in default_resources().wordlist(GIVEN_NAMES_FILE))
    return countries, places, organisations, given


_ASCII_KINDS = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)


def shape(word: str) -> str:
    """Collapsed character shape: "Aleppo" → "Xx", "UN-Botschafter" → "X-Xx", "2016" → "d"."""
    if word.isascii():
        return "".join([kind for kind, _ in groupby(word.translate(_ASCII_KINDS))][:6])
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:6])


NAMES_FILE = "names.tsv"


def read_name_lexicon(path: Path) -> dict[str, str]:
    """A model folder's name lexicon: lower-cased word → the labels it names in the annotated corpora
    (``P``, ``O``, ``L``, ``T`` for PER, ORG, LOC, OTH, e.g. "PL" for "Paris"); an empty dict without
    the file. Lines starting with ``#`` are comments."""
    if not path.is_file():
        return {}
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, flags = line.partition("\t")
            names[word] = flags
    return names


class WordClasses:
    """Per-word lexical features, computed once per distinct word (a bounded cache). ``names`` is the
    name lexicon (:func:`read_name_lexicon`): what the annotated corpora call the word."""

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        clusters: dict[str, tuple[str, str, str]] | None = None,
    ) -> None:
        self.names: Mapping[str, str] = names if names is not None else {}
        self.lexicon = noun_lexicon()
        self.longest_noun = max(map(len, self.lexicon), default=0)  # bounds the compound-head search
        self.countries, self.places, self.organisations, self.given = _gazetteers()
        self.any_places = all_place_words()
        self.flagged = (
            ("c", self.countries), ("p", self.places), ("q", self.any_places), ("o", self.organisations),
            ("g", self.given),
        )  # fmt: skip
        self.clusters = clusters if clusters is not None else word_clusters()
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
        # the longest known noun the word ends in: a compound's head (no head is longer than the longest
        # noun, so a 1 MB "word" costs linear time, not quadratic)
        for i in range(max(2, len(lower) - self.longest_noun - 1), len(lower) - 3):
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
        gazetteer = ""
        for flag, names in self.flagged:
            if lower in names or stem in names:
                gazetteer += flag
        result = (
            lower, shape(word), lexical, gazetteer or "-",
            lower[:3], lower[-3:], lower[-4:], str(min(len(word), 12)),
            *self.clusters.get(lower, _NO_CLUSTER),
            (self.names.get(lower) or self.names.get(stem) or "-") if upper_initial and self.names else "l",
        )  # fmt: skip
        if len(self.cache) > 200_000:
            self.cache.clear()
        self.cache[word] = result
        return result


_WORD_CACHE_SIZE = 200_000
_LEX_SLOTS = 32  # room for the lexical classes (N, Ni, Nh, E, …, U, l, o: fewer than 20) in context keys
_PAD = ("<s>", "<s>", "<s>", "<s>", "", "", "", "0", "<s>", "<s>", "<s>")
_CLUSTERED = frozenset(("U", "E", "B"))  # lexical classes whose words get their word class as a feature


@cache
def _pad_parts(names: bool = False) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """The feature strings of the positions before and after a sentence; ``names``: with a name lexicon
    (whose models learnt a weight for "no token here" as well)."""
    return _word_parts((*_PAD, "<s>" if names else "l"))


def _word_parts(values: tuple[str, ...]) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """A word's feature strings as the token itself and as the neighbour at -1, +1, -2, +2. Few on
    purpose: CRFsuite's tagging time grows with the number of feature strings per token."""
    lower, shp, lex, gaz, pre3, suf3, suf4, _length, _coarse, middle, _fine, names = values
    own = ["w=" + lower, "sh=" + shp, "lx=" + lex, "gz=" + gaz, "p3=" + pre3, "s3=" + suf3, "s4=" + suf4]
    if lex in _CLUSTERED:  # a capitalised unknown word or name: its class says what it is like
        own.append("c2=" + middle)
    before = ["w-1=" + lower, "sh-1=" + shp, "lx-1=" + lex, "gz-1=" + gaz]
    after = ["w+1=" + lower, "sh+1=" + shp, "lx+1=" + lex, "gz+1=" + gaz]
    if names != "l":  # a capitalised word: the labels the name lexicon gives it ("-": none; no lexicon: "l")
        own.append("nm=" + names)
        before.append("nm-1=" + names)
        after.append("nm+1=" + names)
    return own, before, after, ["lx-2=" + lex], ["lx+2=" + lex]


def _context_features(words: Sequence[str], values: list[tuple[str, ...]], i: int) -> list[str]:
    """Features of position ``i`` that depend on more than one token (besides the word parts)."""
    lower, lex = values[i][0], values[i][2]
    prev_lower, prev_lex = (values[i - 1][0], values[i - 1][2]) if i else ("<s>", "<s>")
    next_lex = values[i + 1][2] if i + 1 < len(values) else "<s>"
    first = "T" if i == 0 or words[i - 1] in _SENTENCE_END else "F"
    return [
        "first=" + first, "lxf=" + lex + first, "w-1w=" + prev_lower + "|" + lower,
        "lx-1lx=" + prev_lex + "|" + lex, "lxlx+1=" + lex + "|" + next_lex,
    ]  # fmt: skip


def sequence_features(words: Sequence[str], classes: WordClasses) -> list[list[str]]:
    """CRFsuite features of each token of a sequence (a sentence or a whole article)."""
    parts = [classes.parts(w) for w in words]
    values = [classes.features(w) for w in words]
    count = len(words)
    pad = _pad_parts(bool(classes.names))
    xseq: list[list[str]] = []
    for i in range(count):
        xseq.append([
            *parts[i][0],
            *(parts[i - 1][1] if i > 0 else pad[1]),
            *(parts[i + 1][2] if i + 1 < count else pad[2]),
            *(parts[i - 2][3] if i > 1 else pad[3]),
            *(parts[i + 2][4] if i + 2 < count else pad[4]),
            *_context_features(words, values, i),
        ])  # fmt: skip
    return xseq


def _positions(lengths: Any) -> tuple[Any, Any]:
    """Each token's position in its sentence and the number of tokens after it, for sentences of the
    given lengths one after the other."""
    ends = np.cumsum(lengths)
    index = np.arange(int(ends[-1]) if len(ends) else 0)
    return index - np.repeat(ends - lengths, lengths), np.repeat(ends, lengths) - 1 - index


_FEATURE = np.dtype([("type", "<i4"), ("src", "<i4"), ("dst", "<i4"), ("weight", "<f8")])
_DUMP_ENTRY = re.compile(r"^ +(\d+): (.*?)(?=\n +\d+: |\n}\n)", re.MULTILINE | re.DOTALL)


def read_crf_weights(path: Path) -> tuple[list[str], dict[str, int], Any, Any]:
    """The labels, attribute ids, state weights (attributes × labels) and transition weights (labels ×
    labels) of a CRFsuite model file: the weights read exactly (64-bit) from the file's feature table,
    the label and attribute names from CRFsuite's own dump of it."""
    import struct
    import tempfile

    import pycrfsuite

    raw = path.read_bytes()
    header = struct.unpack_from("<4sI4sIIIIIIIII", raw, 0)
    if header[0] != b"lCRF" or header[2] != b"FOMC":
        raise ValueError(f"{path} is not a CRFsuite first-order model")
    num_labels, num_attrs, off_features = header[5], header[6], header[7]
    if raw[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"{path}: no feature table at offset {off_features}")
    count = struct.unpack_from("<I", raw, off_features + 8)[0]
    features = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=off_features + 12)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "model.txt"
        tagger.dump(str(dump))
        text = dump.read_text(encoding="utf-8", errors="surrogateescape")
    tagger.close()

    def section(name: str) -> dict[int, str]:
        start = text.index(f"\n{name} = {{\n") + len(name) + 5
        end = text.index("\n}\n", start - 1) + 3
        return {int(m.group(1)): m.group(2) for m in _DUMP_ENTRY.finditer(text[start - 1 : end])}

    label_names = section("LABELS")
    attr_names = section("ATTRIBUTES")
    if len(label_names) != num_labels or len(attr_names) != num_attrs:
        raise ValueError(f"{path}: read {len(label_names)} labels and {len(attr_names)} attributes from "
                         f"the dump, the header says {num_labels} and {num_attrs}")  # fmt: skip
    labels = [label_names[i] for i in range(num_labels)]
    state = np.zeros((num_attrs + 1, num_labels))  # the last row: attributes the model does not know
    transitions = np.zeros((num_labels, num_labels))
    kinds = features["type"]
    is_state = kinds == 0
    np.add.at(state, (features["src"][is_state], features["dst"][is_state]), features["weight"][is_state])
    is_transition = kinds == 1
    np.add.at(
        transitions,
        (features["src"][is_transition], features["dst"][is_transition]),
        features["weight"][is_transition],
    )
    attributes = {name: i for i, name in attr_names.items()}
    return labels, attributes, state, transitions


class CrfDecoder:
    """Viterbi decoding of a CRFsuite model in NumPy, with the per-word part of the scores cached.

    CRFsuite turns every feature string of every token into an attribute id on each call; most of
    those strings depend on one word only (its own features and its features as a neighbour), so here
    their summed weights are kept per distinct word and a token's label scores are a few vector sums.
    The Viterbi recursion runs over all sentences of an article at once (one NumPy step per token
    position of the longest sentence). The result is CRFsuite's own tagging: the same weights, read
    from the model file, the same sums and the same tie-breaking (the first best label)."""

    def __init__(self, path: Path, classes: WordClasses) -> None:
        self.labels, self.attributes, self.state, self.transitions = read_crf_weights(path)
        self.classes = classes
        self.unknown = len(self.attributes)
        self.outside = self.labels.index("O")
        size = len(self.labels)
        self.words: dict[str, tuple[int, str, str, int, bool]] = {}
        self.lex_ids: dict[str, int] = {"<s>": 0}  # lexical classes numbered, for the context table
        self.lex_names: list[str] = []
        self.context_table = np.full(2 * _LEX_SLOTS**3, -1, dtype=np.intp)
        self.word_scores = np.zeros((1024, 5, size))
        self.context_ids: dict[tuple[str, str, str, str], int] = {}
        self.context_scores = np.zeros((256, size))
        self.pad_scores = np.stack([self._sum(part) for part in _pad_parts(bool(classes.names))])

    def _sum(self, attributes: Sequence[str]) -> Any:
        ids = [self.attributes.get(a, self.unknown) for a in attributes]
        return self.state[ids].sum(axis=0)

    def _words(self, words: Sequence[str]) -> list[tuple[int, str, str, int, bool]]:
        """Each word's row in the per-word score table, its lower-case form, its lexical class (and that
        class's number) and whether it ends a sentence. The scores of words not seen before are summed
        together, in one NumPy pass."""
        known = self.words
        if len(known) + len(words) > _WORD_CACHE_SIZE:
            known.clear()
        infos: list[tuple[int, str, str, int, bool]] = []
        new_rows: list[int] = []
        ids: list[int] = []
        bounds: list[int] = []
        attributes, unknown, classes = self.attributes, self.unknown, self.classes
        for word in words:
            found = known.get(word)
            if found is None:
                row = len(known)
                values = classes.features(word)
                for part in classes.parts(word):
                    bounds.append(len(ids))
                    ids.extend([attributes.get(a, unknown) for a in part])
                new_rows.append(row)
                lex_id = self.lex_ids.setdefault(values[2], len(self.lex_ids))
                if lex_id >= _LEX_SLOTS:
                    raise ValueError(f"more than {_LEX_SLOTS} lexical classes: {sorted(self.lex_ids)}")
                found = known[word] = (row, values[0], values[2], lex_id, word in _SENTENCE_END)
            infos.append(found)
        if new_rows:
            if len(known) > len(self.word_scores):
                grown = np.zeros((max(len(known), 2 * len(self.word_scores)), *self.word_scores.shape[1:]))
                grown[: len(self.word_scores)] = self.word_scores
                self.word_scores = grown
            sums = np.add.reduceat(self.state[ids], bounds, axis=0)
            self.word_scores[new_rows] = sums.reshape(len(new_rows), 5, -1)
        return infos

    def _context_key(self, key: int) -> tuple[str, str, str, str]:
        """(lexical class before, at, after, "T"/"F" sentence start) of a context table key."""
        if len(self.lex_names) != len(self.lex_ids):
            self.lex_names = sorted(self.lex_ids, key=self.lex_ids.__getitem__)
        first = "T" if key % 2 else "F"
        key //= 2
        names = self.lex_names
        return (
            names[key // _LEX_SLOTS**2],
            names[key // _LEX_SLOTS % _LEX_SLOTS],
            names[key % _LEX_SLOTS],
            first,
        )

    def _context(self, key: tuple[str, str, str, str]) -> int:
        found = self.context_ids.get(key)
        if found is None:
            found = len(self.context_ids)
            if found >= len(self.context_scores):
                self.context_scores = np.concatenate(
                    [self.context_scores, np.zeros_like(self.context_scores)]
                )
            prev_lex, lex, next_lex, first = key
            self.context_scores[found] = self._sum(
                ["first=" + first, "lxf=" + lex + first, "lx-1lx=" + prev_lex + "|" + lex,
                 "lxlx+1=" + lex + "|" + next_lex]
            )  # fmt: skip
            self.context_ids[key] = found
        return found

    def scores(self, sentences: Sequence[Sequence[str]]) -> Any:
        """Label scores (tokens × labels) of the tokens of several sentences one after the other, each
        sentence a sequence of its own, as CRFsuite sums them."""
        words = [word for sentence in sentences for word in sentence]
        position, remaining = _positions(np.array([len(sentence) for sentence in sentences]))
        infos = self._words(words)
        rows = self.word_scores[[info[0] for info in infos]]
        pad = self.pad_scores
        emission = rows[:, 0].copy()
        for role, shift, present in (
            (1, 1, position >= 1), (2, -1, remaining >= 1), (3, 2, position >= 2), (4, -2, remaining >= 2)
        ):  # fmt: skip
            emission += np.where(present[:, None], np.roll(rows[:, role], shift, axis=0), pad[role])
        # the context features of each position (lexical classes before, at and after it, sentence start)
        lex = np.array([info[3] for info in infos])
        ends_sentence = np.array([info[4] for info in infos])
        starts = position == 0
        previous_lex = np.where(starts, 0, np.roll(lex, 1))
        next_lex = np.where(remaining == 0, 0, np.roll(lex, -1))
        first = starts | np.roll(ends_sentence, 1)
        keys = ((previous_lex * _LEX_SLOTS + lex) * _LEX_SLOTS + next_lex) * 2 + first
        context_rows = self.context_table[keys]
        if (context_rows < 0).any():
            for key in np.unique(keys[context_rows < 0]).tolist():
                self.context_table[key] = self._context(self._context_key(key))
            context_rows = self.context_table[keys]
        emission += self.context_scores[context_rows]
        attributes = self.attributes
        previous_lower = "<s>"
        for i, (_row, lower, *_rest) in enumerate(infos):
            if starts[i]:
                previous_lower = "<s>"
            bigram = attributes.get("w-1w=" + previous_lower + "|" + lower)
            if bigram is not None:
                emission[i] += self.state[bigram]
            previous_lower = lower
        return emission

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best label sequence of each sentence (CRFsuite's Viterbi, all sentences at once)."""
        kept = [sentence for sentence in sentences if sentence]
        if not kept:
            return [[] for _ in sentences]
        emission = self.scores(kept)
        lengths = np.array([len(sentence) for sentence in kept])
        order = np.argsort(-lengths, kind="stable")  # longest first: the sentences still running are a prefix
        count, longest, size = len(kept), int(lengths.max()), len(self.labels)
        padded = np.zeros((count, longest, size))
        position = _positions(lengths)[0]
        rank = np.empty(count, dtype=np.intp)
        rank[order] = np.arange(count)
        padded[np.repeat(rank, lengths), position] = emission
        running = np.searchsorted(
            -lengths[order], -np.arange(longest), side="left"
        )  # sentences longer than t
        trans = self.transitions
        score = padded[:, 0].copy()
        back = np.zeros((longest, count, size), dtype=np.intp)
        for t in range(1, longest):
            k = running[t]
            candidates = score[:k, :, None] + trans
            back[t, :k] = candidates.argmax(axis=1)
            score[:k] = candidates.max(axis=1) + padded[:k, t]
        label = score.argmax(axis=1)
        path = np.zeros((count, longest), dtype=np.intp)
        for t in range(longest - 1, 0, -1):
            k = running[t]
            path[:k, t] = label[:k]
            label[:k] = back[t, np.arange(k), label[:k]]
        path[:, 0] = label
        path = path[rank]
        names = self.labels
        tagged = iter([[names[i] for i in path[k, :length]] for k, length in enumerate(lengths.tolist())])
        return [next(tagged) if sentence else [] for sentence in sentences]


class CrfTagger:
    """A trained CRF over BIO tags, loaded from ``<folder>/crf.model``: decoded by :class:`CrfDecoder`
    (:meth:`tag`) or by CRFsuite itself (:meth:`tag_crfsuite`, the reference it is checked against)."""

    def __init__(self, folder: Path) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(folder / MODEL_FILE))
        self.classes = WordClasses(
            read_name_lexicon(folder / NAMES_FILE), read_word_clusters(folder / CLUSTERS_FILE)
        )
        self.decoder = CrfDecoder(folder / MODEL_FILE, self.classes)

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags of one sequence of tokens."""
        return self.decoder.tag([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of several sentences, each tagged as a sequence of its own (one batched pass)."""
        return self.decoder.tag(sentences)

    def tag_crfsuite(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        tags: list[str] = self.tagger.tag(sequence_features(words, self.classes))
        return tags


def domain_copies(xseq: list[list[str]], domain: str) -> list[list[str]]:
    """Each token's features and a copy of them marked with the sentence's domain ("frustratingly
    easy" domain adaptation, Daumé III 2007): the shared weights learn what holds in every corpus, the
    copies what holds in one. Sentences of the target domain (news) get no copy, so the tagger never
    needs one: ``["w=berlin"]`` of a legal sentence → ``["w=berlin", "legal|w=berlin"]``."""
    prefix = domain + "|"
    return [[*features, *[prefix + feature for feature in features]] for features in xseq]


def train_crf(
    sequences: Sequence[tuple[Sequence[str], Sequence[str]]],
    out: Path,
    classes: Sequence[WordClasses] | None = None,
    domains: Sequence[str] | None = None,
    **params: Any,
) -> None:
    """Train a CRF on (words, BIO tags) sequences and write it to ``out/crf.model``. ``classes`` gives
    each sequence's word features (its name lexicon), ``domains`` each sequence's domain ("" for the
    target domain, else its features are copied with the domain's mark, :func:`domain_copies`)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    shared = WordClasses()
    for i, (words, tags) in enumerate(sequences):
        xseq = sequence_features(words, classes[i] if classes is not None else shared)
        domain = domains[i] if domains is not None else ""
        trainer.append(domain_copies(xseq, domain) if domain else xseq, list(tags))
    # c1 (L1) and c2 (L2) picked by `ner_train --search` on a development part of the training data
    settings = {"c1": 0.2, "c2": 0.001, "max_iterations": 150, "feature.possible_transitions": True}
    settings.update(params)
    trainer.set_params(settings)
    out.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out / MODEL_FILE))
