"""Build ``lang/de/word_clusters.tsv``: distributional word classes for the NER's features.

Words that occur in the same contexts land in the same class ("Damaskus", "Aleppo", "Kairo"; "Merkel",
"Steinmeier"), so the CRF learns from a few names what holds for the class. Built from unlabelled German
text whose licence allows shipping derived data (nothing from non-commercial corpora):

* Bundestag speeches of GermEval 2023 SpkAtt (``spkatt2023_bundestag``, CC BY-SA 4.0): the tokens;
* WikiWarsDE (``wikiwarsde/in``, CC BY-SA 3.0): the article text;
* UD German GSD dev + test (``ud_german_gsd``, CC BY-SA 4.0): the word forms;
* the token text (not the labels) of GermEval 2014 (the training part only, never the held-out
  sentences), MobIE train and SmartData (CC BY 4.0);
* with ``--extra``, also the token text of the legal decisions (``ner_legal``, CC BY 4.0),
  the historical newspapers (``ner_newseye_sonar``, CC BY 4.0; ``ner_europeana``, CC0), the training
  half of Europarl, UD German PUD (CC BY-SA 3.0) and the ARVIG incident reports of 2014
  (``events_arvig``, CC0): about six times as much text, so that rarer names get a class.

Steps: lower-case tokens; for every word seen at least ``min_count`` times, count the words at
positions -2, -1, +1, +2 among the ``contexts`` most frequent words; weight the counts by positive
pointwise mutual information; reduce to ``dims`` dimensions (truncated SVD, leaving out the first
component, which mostly measures frequency); normalise; k-means into
the finest number of classes, then k-means of those centroids into coarser ones, so each word gets a
path of class ids from coarse to fine. The file lists ``word<TAB>coarse<TAB>middle<TAB>fine``; it is
distributed under CC BY-SA 4.0 (share-alike of its sources), which its header says.

Run ``python -m lagebild.training.word_clusters --data ../shared/data`` (about 15 seconds on one core);
``make train-ner`` runs it before training the CRF.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

OUT = Path(__file__).resolve().parents[1] / "lang" / "de" / "word_clusters.tsv"
LEVELS = (32, 128, 512)
_TOKEN = re.compile(r"\w+(?:[-.']\w+)*|[^\w\s]", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")

HEADER = """\
# Distributional word classes for the German NER features (lagebild.extract.entities.crf).
# Columns: lower-cased word, class at 32, 128 and 512 classes (k-means over PPMI context vectors;
# a finer class lies inside its coarser one). Rebuilt by python -m lagebild.training.word_clusters.
# Derived from: GermEval 2023 SpkAtt Bundestag speeches (CC BY-SA 4.0); WikiWarsDE (Strötgen & Gertz
# 2011, German Wikipedia, CC BY-SA 3.0); UD German GSD (CC BY-SA 4.0); the token text of GermEval 2014
# NER (Benikova et al. 2014), MobIE (Hennig et al. 2021) and SmartData (Schiersch et al. 2018), CC BY 4.0.
# This file is distributed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
# It holds no sentences: only words with their class ids.
"""


def _bundestag(folder: Path) -> Iterator[list[str]]:
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for sentence in data.get("Sentences", []):
            tokens = sentence.get("Tokens")
            if tokens:
                yield [str(t) for t in tokens]


def _wikiwars(folder: Path) -> Iterator[list[str]]:
    for path in sorted(folder.glob("*.sgm")):
        text = _TAG.sub(" ", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            tokens = _TOKEN.findall(line)
            if len(tokens) > 3:
                yield tokens


def _conllu(folder: Path) -> Iterator[list[str]]:
    for path in sorted(folder.glob("*.conllu")):
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if tokens:
                    yield tokens
                tokens = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) > 1 and cols[0].isdigit():
                    tokens.append(cols[1])
        if tokens:
            yield tokens


def _labelled(data: Path) -> Iterator[list[str]]:
    """Token text of the NER training corpora (the GermEval held-out part excluded)."""
    from lagebild.training.ner_data import germeval_split, read_mobie, read_smartdata

    train, _held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    examples = [*train, *read_mobie(data / "mobie" / "train.conll2003")]
    examples += list(read_smartdata(data / "smartdata" / "dev.json.gz"))
    for example in examples:
        yield _TOKEN.findall(example.text)


def _extra(data: Path) -> Iterator[list[str]]:
    """Token text of the further NER corpora, UD PUD and the ARVIG reports of 2014 (``--extra``)."""
    from lagebild.training.ner_data import europarl_split, read_historical, read_legal

    for example in [*read_legal(data / "ner_legal"), *read_historical(data), *europarl_split(data)[0]]:
        yield _TOKEN.findall(example.text)
    yield from _conllu(data / "ud_german_pud")
    with (data / "events_arvig" / "arvig_2014_2015.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line) if line.strip() else {}
            if str(record.get("date", "")).startswith("2014"):
                yield _TOKEN.findall(str(record.get("text", "")))


EXTRA_HEADER = """\
# Also derived from the token text of: Legal Entity Recognition (Leitner et al. 2019, CC BY 4.0);
# HIPE-2022 NewsEye and SoNAR German (CC BY 4.0); Europeana Newspapers NER (CC0); Europarl NER,
# training half (Agerri et al. 2018); UD German PUD (CC BY-SA 3.0); ARVIG 2014 reports (CC0).
"""


def corpus(data: Path, extra: bool = False) -> Iterator[list[str]]:
    """Lower-cased token sequences of every source (see the module docstring)."""
    sources = [
        _bundestag(data / "spkatt2023_bundestag"),
        _wikiwars(data / "wikiwarsde" / "in"),
        _conllu(data / "ud_german_gsd"),
        _labelled(data),
    ]
    if extra:
        sources.append(_extra(data))
    for source in sources:
        for tokens in source:
            yield [t.lower() for t in tokens]


def build(
    data: Path,
    min_count: int = 2,
    contexts: int = 3000,
    dims: int = 100,
    levels: tuple[int, ...] = LEVELS,
    extra: bool = False,
) -> tuple[list[str], list[tuple[int, ...]], int]:
    """Words and their class path (coarse to fine); also the number of tokens read."""
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    sentences = list(corpus(data, extra=extra))
    counts = Counter(t for s in sentences for t in s)
    tokens = sum(counts.values())
    words = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(words)}
    context_index = {w: i for i, w in enumerate(words[:contexts])}
    rows: list[int] = []
    cols: list[int] = []
    for sentence in sentences:
        ids = [index.get(t, -1) for t in sentence]
        ctx = [context_index.get(t, -1) for t in sentence]
        n = len(sentence)
        for i, row in enumerate(ids):
            if row < 0:
                continue
            for slot, offset in enumerate((-2, -1, 1, 2)):
                j = i + offset
                if 0 <= j < n and ctx[j] >= 0:
                    rows.append(row)
                    cols.append(slot * contexts + ctx[j])
    matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(words), 4 * len(context_index))
    )
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75  # context smoothing
    col_sums *= total / col_sums.sum()
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    vectors = TruncatedSVD(n_components=dims + 1, random_state=1).fit_transform(ppmi)
    vectors = normalize(vectors[:, 1:])  # the first component is mostly frequency
    finest = levels[-1]
    fine = KMeans(n_clusters=finest, n_init=1, random_state=1, max_iter=100).fit(vectors)
    paths: list[list[int]] = [[] for _ in words]
    centroids = normalize(fine.cluster_centers_)
    for k in levels[:-1]:
        coarse = KMeans(n_clusters=k, n_init=4, random_state=1).fit(centroids).labels_
        for i, label in enumerate(fine.labels_):
            paths[i].append(int(coarse[label]))
    for i, label in enumerate(fine.labels_):
        paths[i].append(int(label))
    return words, [tuple(p) for p in paths], tokens


def write(
    path: Path, words: list[str], paths: list[tuple[int, ...]], tokens: int, extra: bool = False
) -> None:
    header = HEADER + (EXTRA_HEADER if extra else "")
    lines = [header.rstrip("\n"), f"# {len(words)} words from {tokens} tokens."]
    lines += ["\t".join([w, *map(str, p)]) for w, p in zip(words, paths, strict=True) if "\t" not in w]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@click.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Folder with spkatt2023_bundestag/, wikiwarsde/, ud_german_gsd/, germeval2014/, mobie/, smartdata/.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=OUT, show_default=True)
@click.option(
    "--min-count", type=int, default=2, show_default=True, help="Words seen fewer times get no class."
)
@click.option(
    "--extra/--no-extra",
    default=False,
    show_default=True,
    help="Also read the further NER corpora, UD PUD and the ARVIG reports of 2014.",
)
def main(data: Path, out: Path, min_count: int, extra: bool) -> None:
    """Build the word-class file the NER reads (lang/de/word_clusters.tsv, or a model folder's).

    \b
    Example:
      python -m lagebild.training.word_clusters --data ../shared/data --out /tmp/word_clusters.tsv
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    words, paths, tokens = build(data, min_count=min_count, extra=extra)
    write(out, words, paths, tokens, extra=extra)
    click.echo(f"{len(words)} words from {tokens} tokens written to {out}", err=True)


if __name__ == "__main__":
    sys.exit(main())
