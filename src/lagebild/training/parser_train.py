"""Train the shipped German tagger, morphologizer, lemmatizer and parser (``lagebild/models/parser-de``).

The model is trained from the two UD German treebanks in ``../shared/data`` that may be used for it,
UD German GSD **dev** and UD German PUD; UD German GSD **test** is never read here (it is the test set
of ``lagebild eval-parser``). The steps, in order:

1. read both CoNLL-U files (:func:`read_conllu`). Contractions ("am" = an + dem, "zum", "im", "ins")
   are one token in lagebild's tokenizer, so the multi-word tokens of UD are merged back into one
   token (:func:`merge_contraction`): its relation, head and UPOS are those of the part whose head lies
   outside the contraction (the preposition: ``case``), its features the union of the parts' ("am":
   ``Case=Dat|Gender=Masc|Number=Sing|…``), its STTS tag ``APPRART``. spaCy's own CoNLL-U converter
   merges the same tokens but joins the tags ("APPR_ART") and lemmas ("an der"), which no STTS tagger
   knows, hence this reader;
2. harmonise the two treebanks' relation inventories (:func:`harmonise_relation`): GSD marks relative
   clauses as plain ``acl`` and PUD as ``acl:relcl``, so a GSD ``acl`` with a relative pronoun among its
   dependents becomes ``acl:relcl``; PUD's ``flat:name``, ``nmod:poss`` and ``obl:tmod`` become GSD's
   ``flat``, ``nmod`` and ``obl``;
3. keep STTS tags only from GSD: PUD's XPOS column holds Penn Treebank tags ("NN", "VBC", "JJ"), so
   its tokens carry no tag and the tagger's loss skips them (a missing value in spaCy);
4. keep the morphological features lagebild reads (:data:`FEATURES`: Case, Number, Gender, Person,
   Mood, Tense, VerbForm, Voice, Definite, PronType, Poss, Reflex, Polarity), made the same across the
   two treebanks (:func:`harmonise_features`);
5. hold out every sentence whose id hashes to 0 modulo 10 (about 10 %, both treebanks) as the dev
   set spaCy selects the checkpoint on, and write both parts as spaCy DocBins;
6. train ``parser.cfg`` (one shared hash-embedding CNN under tagger, morphologizer, parser and a
   trainable lemmatizer; no vectors; seed 1; 2,000 steps) with spaCy's trainer on one thread. The
   lemmatizer is only a second task for the shared encoder and is dropped on export
   (:data:`AUXILIARY`): a lookup refined by the tags (:mod:`lagebild.nlp.parser`) scored higher on
   the dev part and is faster;
7. copy the best checkpoint into the package without the training strings (the hash embeddings need
   none; only the label strings the pipes write are kept), and write the model folder's README and
   LICENSE.

Run it with ``make train-parser`` (about 5 minutes on two cores).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError

CONFIG = Path(str(resources.files("lagebild.training").joinpath("parser.cfg")))
GSD_DEV = "ud_german_gsd/gsd_de_gsd-ud-dev.conllu"
GSD_TEST = "ud_german_gsd/gsd_de_gsd-ud-test.conllu"
PUD = "ud_german_pud/de_pud-ud-test.conllu"
DEV_MODULUS = 10
# Components trained only as a second task for the shared encoder; the shipped model leaves them out.
AUXILIARY = ("trainable_lemmatizer",)

FEATURES = frozenset({
    "Case", "Number", "Gender", "Person", "Mood", "Tense", "VerbForm", "Voice", "Definite",
    "PronType", "Poss", "Reflex", "Polarity",
})  # fmt: skip

# PUD's Penn Treebank verb tags and the VerbForm GSD gives the same verbs (PUD leaves VerbForm out).
_PENN_VERBFORM = {"VBC": "Fin", "VBN": "Part", "VB": "Inf"}

# PUD's relation subtypes that GSD does not use, mapped onto GSD's relation.
_RELATION_MAP = {"flat:name": "flat", "nmod:poss": "nmod", "obl:tmod": "obl"}


@dataclass(frozen=True)
class Word:
    """One token of a CoNLL-U sentence (after merging contractions). ``head`` is 1-based, 0 = root."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    words: tuple[Word, ...]


def _feats(value: str) -> dict[str, str]:
    if value in ("", "_"):
        return {}
    return dict(part.split("=", 1) for part in value.split("|") if "=" in part)


def _feats_string(feats: dict[str, str]) -> str:
    return "|".join(f"{key}={feats[key]}" for key in sorted(feats)) or "_"


def merge_contraction(form: str, parts: list[Word], first: int, space_after: bool) -> tuple[Word, int]:
    """One token for a UD multi-word token; returns it and the index (in ``parts``) of its head part.

    The head part is the first part whose head lies outside the contraction ("am" = "an dem": both
    parts attach to the noun, the preposition comes first). Features are the union of the parts',
    the head part's value winning. ``first`` is the 1-based id of the first part.

    >>> an = Word("an", "an", "ADP", "APPR", "_", 3, "case", False)
    >>> dem = Word("dem", "der", "DET", "ART", "Case=Dat|Gender=Masc|Number=Sing", 3, "det", True)
    >>> word, _ = merge_contraction("am", [an, dem], 1, True)
    >>> (word.form, word.upos, word.xpos, word.deprel, word.feats)
    ('am', 'ADP', 'APPRART', 'case', 'Case=Dat|Gender=Masc|Number=Sing')
    """
    last = first + len(parts) - 1
    head_index = next(
        (i for i, part in enumerate(parts) if not first <= part.head <= last), 0
    )
    head_part = parts[head_index]
    feats = _feats(head_part.feats)
    for part in parts:
        for key, value in _feats(part.feats).items():
            feats.setdefault(key, value)
    upos = [part.upos for part in parts]
    xpos = "APPRART" if upos == ["ADP", "DET"] else head_part.xpos
    word = replace(head_part, form=form, xpos=xpos, feats=_feats_string(feats), space_after=space_after)
    return word, head_index


def harmonise_relation(words: list[Word]) -> list[Word]:
    """The relations of one sentence in the inventory lagebild uses (see the module docstring).

    A plain ``acl`` with a relative pronoun (``PronType=Rel``) among its children or grandchildren
    ("der Mann, *den* sie sahen"; "das Haus, *in dem* …") is a relative clause: ``acl:relcl``.
    """
    children: dict[int, list[int]] = {}
    for i, word in enumerate(words, start=1):
        children.setdefault(word.head, []).append(i)

    def relative(i: int) -> bool:
        return "PronType=Rel" in words[i - 1].feats or words[i - 1].xpos in ("PRELS", "PRELAT")

    out: list[Word] = []
    for i, word in enumerate(words, start=1):
        deprel = _RELATION_MAP.get(word.deprel, word.deprel)
        if deprel == "acl":
            below = children.get(i, [])
            if any(relative(c) or any(relative(g) for g in children.get(c, [])) for c in below):
                deprel = "acl:relcl"
        out.append(replace(word, deprel=deprel) if deprel != word.deprel else word)
    return out


def _sentence(sent_id: str, lines: list[str], source: str) -> Sentence:
    rows: list[list[str]] = []
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10:
            raise InputError(f"{source}:{sent_id}", f"a CoNLL-U line needs 10 tab-separated columns: {line!r}")
        if "." not in cols[0]:
            rows.append(cols)
    ranges: dict[int, tuple[int, str, bool]] = {}
    words: dict[int, Word] = {}
    for cols in rows:
        space_after = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            start, end = (int(x) for x in cols[0].split("-"))
            ranges[start] = (end, cols[1], space_after)
            continue
        head = int(cols[6]) if cols[6].isdigit() else 0
        words[int(cols[0])] = Word(cols[1], cols[2], cols[3], cols[4], cols[5], head, cols[7], space_after)
    # merge contractions; map every old id onto its new 1-based position
    new_id: dict[int, int] = {}
    merged: list[Word] = []
    old = 1
    while old <= len(words):
        if old in ranges:
            end, form, space_after = ranges[old]
            parts = [words[k] for k in range(old, end + 1)]
            word, _ = merge_contraction(form, parts, old, space_after)
            for k in range(old, end + 1):
                new_id[k] = len(merged) + 1
            merged.append(word)
            old = end + 1
        else:
            new_id[old] = len(merged) + 1
            merged.append(words[old])
            old += 1
    remapped = [replace(w, head=new_id.get(w.head, 0) if w.head else 0) for w in merged]
    return Sentence(sent_id, tuple(harmonise_relation(remapped)))


def read_conllu(path: Path) -> list[Sentence]:
    """The sentences of a CoNLL-U file, contractions merged and relations harmonised."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the CoNLL-U file ({exc}); pass --data or --conllu") from exc
    return parse_conllu(text, str(path))


def parse_conllu(text: str, source: str = "<conllu>") -> list[Sentence]:
    """The sentences of CoNLL-U ``text`` (``source`` names it in errors), as :func:`read_conllu`."""
    sentences: list[Sentence] = []
    for number, block in enumerate(text.strip().split("\n\n"), start=1):
        lines = [line for line in block.split("\n") if line.strip()]
        sent_id = next((ln.split("=", 1)[1].strip() for ln in lines if ln.startswith("# sent_id")), str(number))
        body = [line for line in lines if not line.startswith("#")]
        if body:
            try:
                sentences.append(_sentence(sent_id, body, source))
            except (ValueError, KeyError) as exc:
                raise InputError(f"{source}:{sent_id}", f"token ids or heads are not numbered 1..n ({exc})") from exc
    return sentences


def is_dev(sentence: Sentence) -> bool:
    """Whether a training sentence is held out as spaCy's dev set (a fixed hash of its id)."""
    return zlib.crc32(sentence.sent_id.encode("utf-8")) % DEV_MODULUS == 0


def to_doc(vocab: Any, sentence: Sentence, with_tags: bool = True) -> Any:
    """A spaCy Doc with the sentence's gold annotation (tags only ``with_tags``; features by
    :func:`harmonise_features`)."""
    from spacy.tokens import Doc

    words = sentence.words
    return Doc(
        vocab,
        words=[w.form for w in words],
        spaces=[w.space_after for w in words],
        tags=[w.xpos if with_tags and w.xpos != "_" else "" for w in words],
        pos=[w.upos for w in words],
        morphs=[harmonise_features(w) for w in words],
        lemmas=[w.lemma for w in words],
        heads=[w.head - 1 if w.head else i for i, w in enumerate(words)],
        deps=["ROOT" if w.deprel == "root" else w.deprel for w in words],
        sent_starts=[i == 0 for i in range(len(words))],
    )


def harmonise_features(word: Word) -> str:
    """The features of one training token in :data:`FEATURES`, made the same across both treebanks.

    PUD leaves out VerbForm: it is read from its verb tags ("VBN" → ``VerbForm=Part``). GSD marks a
    passive auxiliary with ``Voice=Pass`` and PUD does not: every ``aux:pass`` gets it ("Drei Soldaten
    *wurden* getötet"). Degree and NumType are left out: the two treebanks give them to different words
    (PUD: adverbs, the article "ein").

    >>> harmonise_features(Word("getötet", "töten", "VERB", "VBN", "_", 0, "root", False))
    'VerbForm=Part'
    """
    feats = {key: value for key, value in _feats(word.feats).items() if key in FEATURES}
    if word.upos in ("VERB", "AUX") and "VerbForm" not in feats and word.xpos in _PENN_VERBFORM:
        feats["VerbForm"] = _PENN_VERBFORM[word.xpos]
    if word.deprel == "aux:pass":
        feats["Voice"] = "Pass"
    return _feats_string(feats).replace("_", "")


def _write(docs: Iterable[Any], path: Path) -> int:
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    docbin.to_disk(path)
    return count


def build_corpora(data: Path, out: Path) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``out`` from GSD dev and PUD; returns counts."""
    import spacy

    nlp = spacy.blank("de")
    gsd = read_conllu(data / GSD_DEV)
    pud = read_conllu(data / PUD)
    labelled = [(s, True) for s in gsd] + [(s, False) for s in pud]
    train = [to_doc(nlp.vocab, s, tags) for s, tags in labelled if not is_dev(s)]
    dev = [to_doc(nlp.vocab, s, tags) for s, tags in labelled if is_dev(s)]
    out.mkdir(parents=True, exist_ok=True)
    return {
        "train_sentences": _write(train, out / "train.spacy"),
        "dev_sentences": _write(dev, out / "dev.spacy"),
        "train_words": sum(len(d) for d in train),
        "dev_words": sum(len(d) for d in dev),
    }


def iter_dev(data: Path) -> Iterator[Sentence]:
    """The held-out dev sentences of GSD dev and PUD (for measuring choices, never GSD test)."""
    for name in (GSD_DEV, PUD):
        yield from (s for s in read_conllu(data / name) if is_dev(s))


MODEL_README = """# parser-de: lagebild's German tagger, morphologizer, lemmatizer and dependency parser

A spaCy pipeline (tok2vec, tagger, morphologizer, parser; lagebild adds a lemma lookup when it loads
it) trained by `make train-parser` (`python -m lagebild.training.parser_train`) from

* **UD German GSD**, dev part (McDonald et al. 2013; Universal Dependencies), licence CC BY-SA 4.0;
* **UD German PUD** (Zeman et al. 2017, CoNLL 2017 shared task parallel treebank), licence CC BY-SA 3.0.

The model is derived from both treebanks and is distributed under **CC BY-SA 4.0**
(https://creativecommons.org/licenses/by-sa/4.0/), the licence CC BY-SA 3.0 material may be adapted
under. It holds no corpus text (hash embeddings and label sets only).

Figures on UD German GSD test (never used in training): `lagebild eval-parser`, see docs/nlp.md.
"""

MODEL_LICENSE = """This model (tagger, morphologizer, lemmatizer and dependency parser in this folder) is an
adaptation of

  UD German GSD (dev part), Universal Dependencies, licensed CC BY-SA 4.0
  UD German PUD, Universal Dependencies, licensed CC BY-SA 3.0

and is licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence:
https://creativecommons.org/licenses/by-sa/4.0/legalcode
"""


def label_strings(nlp: Any) -> list[str]:
    """The strings the pipes write into a Doc (tags, relations, morphology), without corpus words."""
    strings: set[str] = {"ROOT", ""}
    for _, pipe in nlp.pipeline:
        strings.update(str(label) for label in getattr(pipe, "labels", ()))
        for morph in getattr(pipe, "cfg", {}).get("labels_morph", {}).values():
            strings.add(morph)
            strings.update(morph.split("|"))
    return sorted(strings - {""})


def export_model(best: Path, target: Path, meta: dict[str, Any]) -> None:
    """Copy a trained spaCy pipeline into the package, leaving the training strings out."""
    import spacy

    nlp = spacy.load(best)
    for name in AUXILIARY:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target, exclude=["vocab"])
    (target / "vocab").mkdir(parents=True, exist_ok=True)
    strings = json.dumps(label_strings(nlp), ensure_ascii=False)
    (target / "vocab" / "strings.json").write_text(strings, encoding="utf-8")
    (target / "README.md").write_text(MODEL_README, encoding="utf-8")
    (target / "LICENSE").write_text(MODEL_LICENSE, encoding="utf-8")
    (target / "training.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def train_model(corpora: Path, output: Path, overrides: dict[str, Any] | None = None) -> Path:
    """Run spaCy's trainer on ``corpora``; returns the folder of the best checkpoint."""
    from spacy.cli.train import train

    settings = {"paths.train": str(corpora / "train.spacy"), "paths.dev": str(corpora / "dev.spacy")}
    settings.update(overrides or {})
    train(CONFIG, output, use_gpu=-1, overrides=settings)
    return output / "model-best"


def _override(values: tuple[str, ...]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for value in values:
        key, _, raw = value.partition("=")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    return overrides


@click.command()
@click.option("--data", type=click.Path(path_type=Path), default=Path("../shared/data"), show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("src/lagebild/models/parser-de"), show_default=True)
@click.option("--set", "settings", multiple=True, help='spaCy config override, e.g. --set training.max_steps=3000')
@click.option("--keep", type=click.Path(path_type=Path), default=None, help="keep the training folder here")
def main(data: Path, out: Path, settings: tuple[str, ...], keep: Path | None) -> None:
    """Train the German tagger, morphologizer, lemmatizer and parser and copy it into the package.

    Example: python -m lagebild.training.parser_train --data ../shared/data
    """
    import spacy
    from thinc.api import set_gpu_allocator  # noqa: F401  (imports thinc's backends before timing)

    spacy.util.fix_random_seed(1)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="parser-train-")) if keep is None else keep
    counts = build_corpora(data, work / "corpus")
    click.echo(f"corpora: {counts}", err=True)
    best = train_model(work / "corpus", work / "training", _override(settings))
    seconds = time.perf_counter() - started
    scores = json.loads((best / "meta.json").read_text(encoding="utf-8")).get("performance", {})
    meta = {
        "trained_on": ["UD German GSD dev", "UD German PUD"],
        "held_out_dev": f"sentence ids with crc32 % {DEV_MODULUS} == 0",
        "corpora": counts,
        "overrides": list(settings),
        "training_seconds": round(seconds),
        "dev_scores": {k: round(v, 4) for k, v in scores.items() if isinstance(v, float)},
    }
    export_model(best, out, meta)
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    click.echo(json.dumps(meta, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
