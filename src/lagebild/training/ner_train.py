"""Train the shipped German NER (``lagebild/models/ner-de``) from the corpora in ``../shared/data``.

The shipped model is a CRF (``--kind crf``, the default; :mod:`lagebild.extract.ner_crf`): read the
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

import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
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
    "version": "2.0.0",
    "description": "lagebild German NER: CRF over BIO tags (PER, ORG, LOC, OTH) with lexicon and gazetteer features",
    "sources": [
        {"name": "GermEval 2014 NER (Benikova et al. 2014)", "license": "CC BY 4.0"},
        {"name": "MobIE (Hennig et al. 2021)", "license": "CC BY 4.0"},
        {"name": "SmartData (Schiersch et al. 2018)", "license": "CC BY 4.0"},
    ],
    "license": "CC BY 4.0 (training data)",
    "features": (
        "lagebild.extract.ner_crf.sequence_features; lexicon lang/de/noun_lexicon_*.tsv; "
        "word classes lang/de/word_clusters.tsv (CC BY-SA 4.0)"
    ),
}


def train_crf_model(data: Path, out: Path, swap: bool = False) -> dict[str, object]:
    """Train the CRF on everything but the held-out GermEval part and write it to ``out``."""
    from lagebild.extract.ner_crf import train_crf

    train, held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    mobie = [e for e in read_mobie(data / "mobie" / "train.conll2003") if e.entities]
    smartdata = list(read_smartdata(data / "smartdata" / "dev.json.gz"))
    swapped = swap_mentions(train) if swap else []
    sequences, skipped = bio_sequences(train + swapped + mobie + smartdata)
    if out.exists():
        shutil.rmtree(out)
    train_crf(sequences, out)
    (out / "meta.json").write_text(json.dumps(CRF_META, indent=2, ensure_ascii=False), encoding="utf-8")
    return {
        "germeval_train": len(train), "germeval_swapped": len(swapped), "germeval_held_out": len(held_out),
        "mobie": len(mobie), "smartdata": len(smartdata), "sequences": len(sequences), "skipped": skipped,
    }  # fmt: skip


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
    from lagebild.extract.ner_crf import CrfTagger, train_crf

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
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the DocBins and checkpoints here (default: a temporary folder).",
)
def main(
    data: Path, out: Path, kind: str, max_epochs: int | None, swap: bool, search: bool, workdir: Path | None
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
        counts = train_crf_model(data, out, swap=swap)
        click.echo(f"corpora: {json.dumps(counts)}", err=True)
        click.echo(f"model written to {out} in {time.perf_counter() - started:.0f} s", err=True)
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
