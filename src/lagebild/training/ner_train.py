"""Train the shipped German NER (``lagebild/models/ner-de``) from the corpora in ``../shared/data``.

The shipped model is a CRF (``--kind crf``, the default; :mod:`lagebild.extract.entities.crf`): read the
corpora as below, hold out the same 10 % of GermEval, tokenise, tag BIO, train CRFsuite on all the rest and write ``crf.model`` and ``meta.json``.
It needs ``lang/de/noun_lexicon_*.tsv`` (``python -m lagebild.training.name_lexicon``).

The earlier spaCy token classifier (``--kind cnn``) is trained in these steps:

1. read GermEval 2014 (outer spans), MobIE and SmartData (:mod:`lagebild.training.ner_data`);
2. hold out 10 % of the GermEval sentences (fixed hash seed) for the evaluation, and 5 % of the rest as
   the development set spaCy picks the best checkpoint on;
3. tokenise every text with the tokenizer the pipeline uses and tag its tokens BILUO;
4. train the token classifier in ``ner.cfg`` (spaCy ``train``);
5. copy the last checkpoint (token accuracy on the dev part, which spaCy picks "best" by, is a poor
   proxy for span F1) into the package without the training strings (the hash embeddings need
   none: the model holds no corpus text), and print precision/recall/F1 on the held-out part.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from collections import ChainMap
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import click

from lagebild.training.ner_data import (
    Example,
    germeval_split,
    is_held_out,
    read_mobie,
    read_smartdata,
    swap_mentions,
)

CONFIG = Path(str(resources.files("lagebild.training").joinpath("ner.cfg")))


def biluo_doc(nlp: Any, example: Example) -> Any:
    """A spaCy Doc of the example's text with BILUO tags in ``token.tag_``; None if a span is not on
    token boundaries even after widening (counted and reported by the caller)."""
    from spacy.training import offsets_to_biluo_tags

    doc = nlp.make_doc(example.text)
    spans = []
    for start, end, label in example.entities:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            return None
        spans.append((span.start_char, span.end_char, label))
    try:
        tags = offsets_to_biluo_tags(doc, spans)
    except ValueError:  # overlapping spans after widening
        return None
    for token, tag in zip(doc, tags, strict=True):
        token.tag_ = "O" if tag == "-" else tag
    return doc


def write_docbin(examples: Iterable[Example], path: Path) -> tuple[int, int]:
    """Write examples as a DocBin; returns (written, skipped)."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("de")
    docbin = DocBin(attrs=["TAG"], store_user_data=False)
    written = skipped = 0
    for example in examples:
        doc = biluo_doc(nlp, example)
        if doc is None:
            skipped += 1
            continue
        docbin.add(doc)
        written += 1
    docbin.to_disk(path)
    return written, skipped


def build_corpora(data: Path, out: Path, mobie_all: bool = False, swap: bool = False) -> dict[str, object]:
    """Write train.spacy and dev.spacy under ``out``; returns counts per corpus. ``swap`` adds a copy of
    each GermEval training sentence with its names swapped (:func:`swap_mentions`)."""
    train, _held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    dev = [e for e in train if is_held_out(e, 0.05, seed="lagebild-ner-dev")]
    germeval_train = [e for e in train if not is_held_out(e, 0.05, seed="lagebild-ner-dev")]
    mobie = [e for e in read_mobie(data / "mobie" / "train.conll2003") if mobie_all or e.entities]
    smartdata = list(read_smartdata(data / "smartdata" / "dev.json.gz"))
    swapped = swap_mentions(germeval_train) if swap else []
    training = germeval_train + swapped + mobie + smartdata
    random.Random(1).shuffle(training)
    counts: dict[str, object] = {
        "germeval_train": len(germeval_train),
        "germeval_swapped": len(swapped),
        "germeval_dev": len(dev),
        "germeval_held_out": len(_held_out),
        "mobie": len(mobie),
        "smartdata": len(smartdata),
    }
    counts["train_written_skipped"] = write_docbin(training, out / "train.spacy")
    counts["dev_written_skipped"] = write_docbin(dev, out / "dev.spacy")
    return counts


def bio_sequences(examples: Iterable[Example]) -> tuple[list[tuple[list[str], list[str]]], int]:
    """(words, BIO tags) of each example, tokenised like the pipeline; returns them and the skipped count."""
    import spacy

    nlp = spacy.blank("de")
    sequences: list[tuple[list[str], list[str]]] = []
    skipped = 0
    for example in examples:
        doc = biluo_doc(nlp, example)
        if doc is None:
            skipped += 1
            continue
        tags = []
        for token in doc:
            move, _, label = token.tag_.partition("-")
            tags.append(f"{_BIO_MOVE[move]}-{label}" if label else "O")
        sequences.append(([token.text for token in doc], tags))
    return sequences, skipped


_BIO_MOVE = {"B": "B", "I": "I", "L": "I", "U": "B"}

CRF_META = {
    "name": "ner_de",
    "version": "2.1.0",
    "description": "lagebild German NER: CRF over BIO tags (PER, ORG, LOC, OTH) with lexicon and gazetteer "
    "features; the corpus plan it was trained with is under 'plan'",
    "license": "CC BY 4.0 (training data)",
    "features": (
        "lagebild.extract.entities.crf.sequence_features; lexicon lang/de/noun_lexicon_*.tsv; "
        "word classes word_clusters.tsv of this folder or else lang/de (CC BY-SA 4.0); name lexicon "
        "names.tsv of this folder, if any"
    ),
}

SOURCES = {
    "germeval": {"name": "GermEval 2014 NER (Benikova et al. 2014)", "license": "CC BY 4.0"},
    "mobie": {"name": "MobIE (Hennig et al. 2021)", "license": "CC BY 4.0"},
    "smartdata": {"name": "SmartData (Schiersch et al. 2018)", "license": "CC BY 4.0"},
    "legal": {"name": "Legal Entity Recognition (Leitner et al. 2019)", "license": "CC BY 4.0"},
    "hipe": {"name": "HIPE-2022 NewsEye and SoNAR German (Ehrmann et al. 2022)", "license": "CC BY 4.0"},
    "europeana": {"name": "Europeana Newspapers NER German (Neudecker 2016)", "license": "CC0 1.0"},
    "europarl": {
        "name": "Europarl NER German, training half (Agerri et al. 2018)",
        "license": "Europarl terms",
    },
    "ehri": {"name": "EHRI-NER German (2024)", "license": "EUPL-1.2"},
}


@dataclass(frozen=True)
class CorpusPlan:
    """What trains the CRF: GermEval's training part always (the target domain: news and Wikipedia);
    of each further corpus at most ``<corpus>`` sentences that hold an entity (a stable sample; 0: none),
    their features copied per domain (``domain_copies``) or not, and the name lexicon built from every
    corpus the plan may use (``names``), EHRI only when ``ehri`` is above 0.

    The defaults are the shipped model's plan (GermEval, MobIE, SmartData; no lexicon). :data:`ALL_CORPORA`
    is the plan with every further corpus, measured in docs/entities.md."""

    mobie: int = 100_000
    smartdata: int = 100_000
    legal: int = 0
    historical: int = 0
    europarl: int = 0
    ehri: int = 0
    domain_copies: bool = True
    copy_mobie: bool = False  # MobIE and SmartData get a copy of their own as well
    names: bool = False

    def describe(self) -> str:
        return ", ".join(f"{key}={value}" for key, value in asdict(self).items())


ALL_CORPORA = CorpusPlan(legal=3_000, historical=3_000, europarl=100_000, names=True)


def _sample(examples: list[Example], size: int, seed: str) -> list[Example]:
    """At most ``size`` examples with an entity, chosen by a stable hash of their source."""
    with_entities = [e for e in examples if e.entities]
    with_entities.sort(key=lambda e: hashlib.sha256(f"{seed}:{e.source}".encode()).digest())
    return with_entities[:size]


def _corpora(data: Path, plan: CorpusPlan) -> dict[str, list[Example]]:
    """Every corpus the plan may draw on (all sentences), by name; GermEval and Europarl without their
    held-out parts."""
    from lagebild.training.ner_data import europarl_split, read_ehri, read_historical, read_legal

    corpora: dict[str, list[Example]] = {
        "mobie": list(read_mobie(data / "mobie" / "train.conll2003")),
        "smartdata": list(read_smartdata(data / "smartdata" / "dev.json.gz")),
        "legal": list(read_legal(data / "ner_legal")),
        "historical": list(read_historical(data)),
        "europarl": europarl_split(data)[0],
    }
    if plan.ehri:
        corpora["ehri"] = list(read_ehri(data))
    return corpora


LEXICON_LETTERS = {"PER": "P", "ORG": "O", "LOC": "L", "OTH": "T"}
_COUNT_COLUMNS = ("PER", "ORG", "LOC", "OTH", "O")


def name_flags(counts: Sequence[int], least: int = 2, share: float = 0.3) -> str:
    """The lexicon flags of a word from its counts (PER, ORG, LOC, OTH, no name): the letters of the
    labels it had at least ``least`` times and in at least ``share`` of its occurrences.

    >>> name_flags([0, 0, 9, 0, 1]), name_flags([3, 0, 4, 0, 3]), name_flags([1, 0, 0, 0, 0])
    ('L', 'PL', '')
    """
    total = sum(counts)
    return "".join(
        LEXICON_LETTERS[label]
        for label, count in zip(_COUNT_COLUMNS[:4], counts[:4], strict=True)
        if count >= least and count >= share * total
    )


def count_names(sequences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, list[int]]:
    """Per lower-cased capitalised word: how often it was part of a PER, ORG, LOC, OTH name or of none."""
    counts: dict[str, list[int]] = {}
    column = {label: i for i, label in enumerate(_COUNT_COLUMNS)}
    for words, tags in sequences:
        for word, tag in zip(words, tags, strict=True):
            if word[:1].isupper():
                row = counts.setdefault(word.lower(), [0, 0, 0, 0, 0])
                row[column[tag.partition("-")[2] or "O"]] += 1
    return counts


def _fold(example: Example, folds: int = 4) -> str:
    digest = hashlib.sha256(f"lagebild-ner-fold:{example.source}".encode()).digest()
    return f"{example.corpus}:{digest[0] % folds}"


def build_name_lexicon(
    examples: list[Example], sequences: list[tuple[list[str], list[str]]]
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The name lexicon of all examples, and for each fold of a corpus the changes that leave that
    fold's own sentences out (so that a training sentence never sees flags learnt from itself: the
    model learns how far the lexicon can be trusted on names it did not come from)."""
    by_fold: dict[str, list[tuple[list[str], list[str]]]] = {}
    for example, sequence in zip(examples, sequences, strict=True):
        by_fold.setdefault(_fold(example), []).append(sequence)
    fold_counts = {fold: count_names(part) for fold, part in by_fold.items()}
    total: dict[str, list[int]] = {}
    for counts in fold_counts.values():
        for word, row in counts.items():
            summed = total.setdefault(word, [0, 0, 0, 0, 0])
            for i, value in enumerate(row):
                summed[i] += value
    lexicon = {word: flags for word, row in total.items() if (flags := name_flags(row))}
    without: dict[str, dict[str, str]] = {}
    for fold, counts in fold_counts.items():
        changes = {}
        for word, row in counts.items():
            flags = name_flags([t - r for t, r in zip(total[word], row, strict=True)])
            if flags != lexicon.get(word, ""):
                changes[word] = flags
        without[fold] = changes
    return lexicon, without


def write_name_lexicon(lexicon: dict[str, str], path: Path, sources: Iterable[str]) -> None:
    """Write the name lexicon (word, flags) with a header naming its sources and their licences."""
    header = [
        "# lagebild NER name lexicon: lower-cased words and the labels the annotated corpora gave them",
        "# (P person, O organisation, L place, T other; at least twice and in at least 30 % of the word's",
        "# capitalised occurrences). Word lists only, no sentences. Derived from:",
        *[f"#   {SOURCES[name]['name']} ({SOURCES[name]['license']})" for name in sources],
    ]
    rows = [f"{word}\t{flags}" for word, flags in sorted(lexicon.items())]
    path.write_text("\n".join([*header, *rows]) + "\n", encoding="utf-8")


def training_set(
    data: Path, plan: CorpusPlan, develop: bool = False
) -> tuple[list[Example], list[str], dict[str, object]]:
    """The training examples of a plan, each example's domain ("" for the target domain) and the
    counts per corpus. ``develop`` leaves out the development part of GermEval's training sentences
    (:func:`development_part`), on which the plans are compared."""
    train, held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    if develop:
        train = [e for e in train if not is_held_out(e, DEV_SHARE, seed=DEV_SEED)]
    corpora = _corpora(data, plan)
    examples: list[Example] = list(train)
    domains: list[str] = [""] * len(train)
    counts: dict[str, object] = {"germeval": len(train), "germeval_held_out": len(held_out)}
    for name, all_examples in corpora.items():
        size = getattr(plan, name)
        if name in ("mobie", "smartdata") and size >= len(all_examples):
            chosen = [e for e in all_examples if e.entities or name == "smartdata"]  # as before
        else:
            chosen = _sample(all_examples, size, seed=f"lagebild-ner-{name}")
        copy = plan.domain_copies and (plan.copy_mobie or name not in ("mobie", "smartdata"))
        examples.extend(chosen)
        domains.extend([name if copy else ""] * len(chosen))
        counts[name] = len(chosen)
    return examples, domains, counts


def lexicon_examples(data: Path, plan: CorpusPlan, develop: bool = False) -> list[Example]:
    """The sentences the name lexicon is built from: GermEval's training part (without the development
    part when ``develop``) and every further corpus of the plan in full, EHRI only when the plan uses it."""
    train, _ = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    if develop:
        train = [e for e in train if not is_held_out(e, DEV_SHARE, seed=DEV_SEED)]
    corpora = _corpora(data, plan)
    return train + [e for examples in corpora.values() for e in examples]


def train_crf_model(
    data: Path,
    out: Path,
    plan: CorpusPlan | None = None,
    develop: bool = False,
    clusters: Path | None = None,
    **params: Any,
) -> dict[str, object]:
    """Train the CRF of a plan on everything but the held-out parts and write ``crf.model``, the name
    lexicon ``names.tsv`` and ``meta.json`` to ``out``; ``clusters``, a word-class file built by
    :mod:`lagebild.training.word_clusters`, is copied into ``out`` and used instead of lang/de's."""
    from lagebild.extract.entities.crf import (
        CLUSTERS_FILE,
        NAMES_FILE,
        WordClasses,
        read_word_clusters,
        train_crf,
    )

    plan = plan or CorpusPlan()
    examples, domains, counts = training_set(data, plan, develop=develop)
    sequences, kept = bio_sequences_kept(examples)
    counts["sequences"], counts["skipped"] = len(sequences), len(examples) - len(sequences)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    used = [
        "germeval",
        *[name for name in ("mobie", "smartdata", "legal", "europarl", "ehri") if counts.get(name)],
    ]
    if counts.get("historical"):
        used[3:3] = ["hipe", "europeana"]
    cluster_table = None
    if clusters is not None:
        shutil.copyfile(clusters, out / CLUSTERS_FILE)
        cluster_table = read_word_clusters(out / CLUSTERS_FILE)
    shared = WordClasses(clusters=cluster_table)
    classes: list[WordClasses] = [shared] * len(sequences)
    if plan.names:
        lexicon_source = lexicon_examples(data, plan, develop=develop)
        lexicon_sequences, lexicon_kept = bio_sequences_kept(lexicon_source)
        lexicon, without = build_name_lexicon([lexicon_source[i] for i in lexicon_kept], lexicon_sequences)
        sources = ["germeval", "mobie", "smartdata", "legal", "hipe", "europeana", "europarl"]
        write_name_lexicon(lexicon, out / NAMES_FILE, [*sources, *(["ehri"] if plan.ehri else [])])
        per_fold: dict[str, WordClasses] = {}
        classes = []
        for i in kept:
            fold = _fold(examples[i])
            if fold not in per_fold:
                per_fold[fold] = WordClasses(ChainMap(without.get(fold, {}), lexicon), cluster_table)
            classes.append(per_fold[fold])
        counts["lexicon_words"] = len(lexicon)
        used = sorted(set(used) | set(sources) | ({"ehri"} if plan.ehri else set()), key=list(SOURCES).index)
    train_crf(sequences, out, classes=classes, domains=[domains[i] for i in kept], **params)
    meta = dict(CRF_META, sources=[SOURCES[name] for name in used], plan=asdict(plan))
    if "ehri" in used:
        meta["license"] = "EUPL-1.2 (trained with EHRI-NER, EUPL-1.2; the other sources CC BY 4.0 / CC0)"
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return counts


def bio_sequences_kept(examples: Sequence[Example]) -> tuple[list[tuple[list[str], list[str]]], list[int]]:
    """(words, BIO tags) of each example that tokenises cleanly, and the indexes of those examples."""
    import spacy

    nlp = spacy.blank("de")
    sequences: list[tuple[list[str], list[str]]] = []
    kept: list[int] = []
    for i, example in enumerate(examples):
        doc = biluo_doc(nlp, example)
        if doc is None:
            continue
        tags = []
        for token in doc:
            move, _, label = token.tag_.partition("-")
            tags.append(f"{_BIO_MOVE[move]}-{label}" if label else "O")
        sequences.append(([token.text for token in doc], tags))
        kept.append(i)
    return sequences, kept


def parse_plan(settings: Iterable[str]) -> CorpusPlan:
    """A corpus plan from ``FIELD=VALUE`` settings over the default one ("legal=5000", "names=false")."""
    from lagebild.errors import InputError

    fields = {key: type(value) for key, value in asdict(CorpusPlan()).items()}
    changes: dict[str, Any] = {}
    for setting in settings:
        key, _, value = setting.partition("=")
        if key not in fields or not value:
            raise InputError(setting, f"expected FIELD=VALUE with a field of {sorted(fields)}")
        if fields[key] is bool:
            if value.lower() not in ("true", "false", "1", "0"):
                raise InputError(setting, "expected true or false")
            changes[key] = value.lower() in ("true", "1")
        else:
            try:
                changes[key] = int(value)
            except ValueError as exc:
                raise InputError(setting, "expected a whole number of sentences") from exc
    return CorpusPlan(**changes)


def development_part(data: Path, origin: str = "news") -> list[Example]:
    """The development sentences of GermEval's training part (15 %, fixed seed) of one origin: what
    plans and features are compared on. The held-out part is never used for a choice."""
    train, _ = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    return [
        e for e in train if is_held_out(e, DEV_SHARE, seed=DEV_SEED) and (not origin or e.origin == origin)
    ]


DEV_SHARE = 0.15
DEV_SEED = "lagebild-ner-dev"
SEARCH_GRID = ((0.05, 0.01), (0.1, 0.01), (0.2, 0.01), (0.2, 0.005), (0.2, 0.001), (0.3, 0.001))


def _bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first token, end token, label) of the entities in a BIO tag sequence."""
    spans = set()
    current: list[int | str] | None = None
    for i, tag in enumerate([*tags, "O"]):
        move, _, label = tag.partition("-")
        if current is not None and (move != "I" or label != current[2]):
            spans.add((int(current[0]), i, str(current[2])))
            current = None
        if move == "B" or (move == "I" and current is None):
            current = [i, i, label]
    return spans


def search_regularisation(
    data: Path, grid: Iterable[tuple[float, float]] = SEARCH_GRID
) -> list[tuple[float, float, float]]:
    """Strict span F1 on a development part (15 % of the GermEval training sentences) of CRFs trained
    on the rest with each (c1, c2) of ``grid``; the held-out part is never looked at."""
    from lagebild.extract.entities.crf import CrfTagger, train_crf

    train, _held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    dev = [e for e in train if is_held_out(e, DEV_SHARE, seed=DEV_SEED)]
    fit = [e for e in train if not is_held_out(e, DEV_SHARE, seed=DEV_SEED)]
    mobie = [e for e in read_mobie(data / "mobie" / "train.conll2003") if e.entities]
    smartdata = list(read_smartdata(data / "smartdata" / "dev.json.gz"))
    sequences, _ = bio_sequences(fit + mobie + smartdata)
    dev_sequences, _ = bio_sequences(dev)
    results = []
    for c1, c2 in grid:
        with tempfile.TemporaryDirectory() as folder:
            train_crf(sequences, Path(folder), c1=c1, c2=c2)
            tagged = CrfTagger(Path(folder)).tag_sentences([words for words, _ in dev_sequences])
        found = gold = right = 0
        for (_, tags), guess in zip(dev_sequences, tagged, strict=True):
            expected, predicted = _bio_spans(list(tags)), _bio_spans(guess)
            found, gold, right = (
                found + len(predicted),
                gold + len(expected),
                right + len(expected & predicted),
            )
        f1 = 2 * right / (found + gold) if found + gold else 0.0
        results.append((c1, c2, f1))
        click.echo(f"c1={c1} c2={c2}: development F1 {f1:.4f}", err=True)
    return results


def export_model(best: Path, target: Path) -> None:
    """Copy a trained spaCy model folder into the package, leaving the training strings out."""
    import spacy

    nlp = spacy.load(best)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.config["paths"]["train"] = None  # the training folders were temporary
    nlp.config["paths"]["dev"] = None
    nlp.to_disk(target, exclude=["vocab"])
    (target / "vocab").mkdir()
    (target / "vocab" / "strings.json").write_text("[]", encoding="utf-8")
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        name="ner_de",
        version="1.0.0",
        description="lagebild German NER: BILUO token classifier (PER, ORG, LOC, OTH) on a hash-embedding CNN",
        sources=[
            {"name": "GermEval 2014 NER (Benikova et al. 2014)", "license": "CC BY 4.0"},
            {"name": "MobIE (Hennig et al. 2021)", "license": "CC BY 4.0"},
            {"name": "SmartData (Schiersch et al. 2018)", "license": "CC BY 4.0"},
        ],
        license="CC BY 4.0 (training data)",
    )
    meta.pop("performance", None)
    (target / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


def write_development_scores(data: Path, out: Path, report: dict[str, Any]) -> None:
    """Score a model trained with ``--develop`` in ``out``: the development part (tuning) is printed;
    the held-out parts (blind) and the Europarl half are only written, with ``report``, to
    ``out/scores.json`` for the ablation table."""
    from lagebild.evaluate.ner import (
        europarl_scores,
        evaluate_held_out,
        format_scores,
        score,
        scores_by_origin,
    )

    for origin in ("news", "wikipedia", ""):
        part = score(development_part(data, origin), str(out))
        report[f"development_{origin or 'all'}"] = part.as_dict()
        click.echo(f"\n{format_scores(part, 'development part, ' + (origin or 'all'))}")
    for origin, part in scores_by_origin(data, model_path=out).items():
        report[f"held_out_{origin}"] = part.as_dict()
    report["held_out_all"] = evaluate_held_out(data, model_path=out).as_dict()
    report["europarl_held_out"] = europarl_scores(data, model_path=out).as_dict()
    (out / "scores.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


@click.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Folder with germeval2014/, mobie/, smartdata/.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("src/lagebild/models/ner-de"),
    show_default=True,
    help="Where the model goes.",
)
@click.option(
    "--kind",
    type=click.Choice(["crf", "cnn"]),
    default="crf",
    show_default=True,
    help="crf: the shipped CRF; cnn: a spaCy BILUO token classifier (ner.cfg).",
)
@click.option("--max-epochs", type=int, default=None, help="Override training.max_epochs of ner.cfg.")
@click.option(
    "--swap/--no-swap",
    default=False,
    show_default=True,
    help="Add copies of the GermEval sentences with their names swapped.",
)
@click.option(
    "--search",
    is_flag=True,
    help="Only print the development F1 of CRFs with several regularisation settings (c1, c2).",
)
@click.option(
    "--plan",
    "plan_settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Change the corpus plan (CorpusPlan, by default the shipped one): legal=3000, historical=3000, "
    "europarl=100000, names=true, domain_copies=false, ehri=3000 …",
)
@click.option(
    "--clusters",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A word-class file (python -m lagebild.training.word_clusters --out …) to ship in the model "
    "folder instead of reading lang/de/word_clusters.tsv.",
)
@click.option(
    "--develop",
    is_flag=True,
    help="Train without GermEval's development part and print the scores on it (news first), not on "
    "the held-out part: for comparing plans.",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the DocBins and checkpoints here (default: a temporary folder).",
)
def main(
    data: Path,
    out: Path,
    kind: str,
    max_epochs: int | None,
    swap: bool,
    search: bool,
    plan_settings: tuple[str, ...],
    clusters: Path | None,
    develop: bool,
    workdir: Path | None,
) -> None:
    """Train the German NER and print its scores on the held-out GermEval part.

    \b
    Example:
      python -m lagebild.training.ner_train --data ../shared/data --out src/lagebild/models/ner-de
      python -m lagebild.training.ner_train --search   # development F1 of several (c1, c2)
    """
    from lagebild.evaluate.ner import evaluate_held_out, format_scores

    if search:
        search_regularisation(data)
        return
    if kind == "crf":
        started = time.perf_counter()
        plan = parse_plan(plan_settings)
        click.echo(f"plan: {plan.describe()}", err=True)
        counts = train_crf_model(data, out, plan, develop=develop, clusters=clusters)
        click.echo(f"corpora: {json.dumps(counts)}", err=True)
        click.echo(f"model written to {out} in {time.perf_counter() - started:.0f} s", err=True)
        if develop:
            write_development_scores(data, out, {"plan": plan.describe()})
            return
        click.echo(format_scores(evaluate_held_out(data, model_path=out)))
        return
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp
    from thinc.api import set_current_ops

    from lagebild.extract.entities import _fast_ops

    work = workdir or Path(tempfile.mkdtemp(prefix="lagebild-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = build_corpora(data, work, swap=swap)
    click.echo(f"corpora: {json.dumps(counts)}", err=True)
    overrides: dict[str, object] = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
    }
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    set_current_ops(_fast_ops())  # NumPy's BLAS for matrix products: faster than blis on many CPUs
    config = util.load_config(CONFIG, overrides=overrides, interpolate=False)
    nlp = init_nlp(config)
    (work / "output").mkdir(exist_ok=True)
    train_nlp(nlp, work / "output", stdout=sys.stdout, stderr=sys.stderr)
    export_model(work / "output" / "model-last", out)
    click.echo(f"model written to {out} in {time.perf_counter() - started:.0f} s", err=True)
    scores = evaluate_held_out(data, model_path=out)
    click.echo(format_scores(scores))
    if workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
