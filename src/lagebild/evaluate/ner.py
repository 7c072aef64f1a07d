"""NER scores on the held-out 10 % of GermEval 2014 (outer spans, PER/ORG/LOC/OTH; see docs/entities.md),
its news sentences first, and on the held-out half of Europarl (parliament debates: a cross-domain check).

Each held-out sentence is rebuilt as text (ordinary spacing), run through the same steps as the pipeline
(blank German tokenizer, then the NER), and its predicted spans are compared with the gold spans:
**strict** — a prediction counts only with the same start, end and label. ``*deriv`` and ``*part``
gold labels are not entities here (see :mod:`lagebild.training.ner_data`). Speed is tokens per second
of the NER alone on one thread, over the held-out sentences batched as articles of ~400 tokens.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from lagebild.training.ner_data import LABELS, Example, europarl_split, germeval_split


@dataclass
class NerScores:
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: Counter[str] = field(default_factory=Counter)
    false_neg: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    tokens: int = 0
    seconds: float = 0.0
    model: str = ""

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 for one label, or micro-averaged over all when ``label`` is None."""
        labels = [label] if label else list(LABELS)
        tp = sum(self.true_pos[x] for x in labels)
        fp = sum(self.false_pos[x] for x in labels)
        fn = sum(self.false_neg[x] for x in labels)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        per_label = {}
        for label in LABELS:
            p, r, f = self.prf(label)
            gold = self.true_pos[label] + self.false_neg[label]
            per_label[label] = {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(f, 4),
                "gold": gold,
            }
        p, r, f = self.prf()
        return {
            "model": self.model, "sentences": self.sentences, "tokens": self.tokens,
            "tokens_per_second": round(self.tokens_per_second),
            "micro": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
            "labels": per_label,
        }  # fmt: skip


def score(examples: list[Example], model: str = "shipped", gazetteer: bool = False) -> NerScores:
    """Strict span scores of ``model`` on ``examples``; ``gazetteer`` adds the country-name gazetteer."""
    from lagebild.extract.entities import gazetteer_spans, load_model, merge_spans, relabel_places
    from lagebild.nlp.tokens import blank_german

    ner = load_model(model)
    tokenizer = blank_german()
    docs = [tokenizer.make_doc(example.text) for example in examples]
    # articles of ~400 tokens: the unit the pipeline runs on
    batches: list[list[int]] = [[]]
    size = 0
    for i, doc in enumerate(docs):
        if size > 400:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += len(doc)
    predicted: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    started = time.perf_counter()
    for batch in batches:
        for i, spans in zip(batch, ner.spans_batch([docs[i] for i in batch]), strict=True):
            predicted[i] = spans
    seconds = time.perf_counter() - started
    result = NerScores(
        sentences=len(examples), tokens=sum(len(d) for d in docs), seconds=seconds, model=model
    )
    for example, doc, spans in zip(examples, docs, predicted, strict=True):
        if gazetteer:
            spans = relabel_places(example.text, spans)
            spans = [
                (s, e, label) for s, e, label, _ in merge_spans(spans, gazetteer_spans(doc, example.text))
            ]
        gold = set(example.entities)
        guess = set(spans)
        for _s, _e, label in guess & gold:
            result.true_pos[label] += 1
        for _s, _e, label in guess - gold:
            result.false_pos[label] += 1
        for _s, _e, label in gold - guess:
            result.false_neg[label] += 1
    return result


def evaluate_held_out(
    data: Path, model_path: Path | None = None, model: str = "shipped", gazetteer: bool = False
) -> NerScores:
    """Scores on the held-out GermEval part under ``data`` (the ``../shared/data`` folder)."""
    _train, held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    return score(held_out, str(model_path) if model_path else model, gazetteer=gazetteer)


def scores_by_origin(
    data: Path, model_path: Path | None = None, model: str = "shipped", gazetteer: bool = False
) -> dict[str, NerScores]:
    """Scores on the held-out GermEval part per origin of its sentences ("news", "wikipedia")."""
    _train, held_out = germeval_split(data / "germeval2014" / "NER-de-test.tsv")
    name = str(model_path) if model_path else model
    origins = sorted({example.origin for example in held_out})
    return {
        origin: score([e for e in held_out if e.origin == origin], name, gazetteer=gazetteer)
        for origin in origins
    }


def europarl_scores(
    data: Path, model_path: Path | None = None, model: str = "shipped", gazetteer: bool = False
) -> NerScores:
    """Scores on the held-out half of Europarl (``ner_europarl/``, MISC read as OTH)."""
    _train, held_out = europarl_split(data)
    return score(held_out, str(model_path) if model_path else model, gazetteer=gazetteer)


def stage_speed(texts: list[str], model: str = "shipped") -> dict[str, float]:
    """Time of the entities stage alone (on the tokens stage's output) over ``texts``, one thread."""
    from lagebild.extract.entities import entities_stage
    from lagebild.model import Article, Document
    from lagebild.nlp.tokens import blank_german

    tokenizer = blank_german()
    stage_fn = entities_stage(model=model)
    spacy_docs = [tokenizer.make_doc(text) for text in texts]
    docs = [
        Document(article=Article(text=text), nlp=nlp) for text, nlp in zip(texts, spacy_docs, strict=True)
    ]
    stage_fn(docs[0])  # loads the model and the gazetteers
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in docs:
        stage_fn(doc)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # what the stage costs, whatever else the machine runs
    tokens = sum(len(nlp) for nlp in spacy_docs)
    return {
        "articles": len(docs), "tokens": tokens, "seconds": seconds, "cpu_seconds": cpu_seconds,
        "articles_per_second": len(docs) / seconds, "tokens_per_second": tokens / seconds,
        "tokens_per_cpu_second": tokens / cpu_seconds if cpu_seconds else 0.0,
        "ms_per_400_tokens": 400 * 1000 * seconds / tokens,
    }  # fmt: skip


def format_scores(scores: NerScores, part: str = "held-out GermEval 2014") -> str:
    lines = [
        f"NER on {part} ({scores.sentences} sentences, {scores.tokens} tokens), "
        f"outer spans, strict; model: {scores.model}",
        f"{'label':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}",
    ]
    for label in LABELS:
        p, r, f = scores.prf(label)
        gold = scores.true_pos[label] + scores.false_neg[label]
        lines.append(f"{label:6} {p:6.3f} {r:6.3f} {f:6.3f} {gold:5d}")
    p, r, f = scores.prf()
    lines.append(f"{'all':6} {p:6.3f} {r:6.3f} {f:6.3f}")
    lines.append(f"speed: {scores.tokens_per_second:,.0f} tokens/s (NER alone, one process)")
    return "\n".join(lines)


@click.command(name="eval-ner")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="The shared data folder (with germeval2014/).",
)
@click.option(
    "--model",
    default="shipped",
    show_default=True,
    help="'shipped', a model folder, or an installed spaCy pipeline such as de_core_news_lg.",
)
@click.option(
    "--gazetteer/--no-gazetteer",
    default=False,
    show_default=True,
    help="Add the country-name gazetteer, as the entities stage does.",
)
@click.option("--floor", type=float, default=None, help="Exit 1 when the micro F1 is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--by-origin",
    is_flag=True,
    help="Print the scores of the news and the Wikipedia sentences of the held-out part apart (news "
    "first), then of all of it.",
)
@click.option(
    "--europarl",
    is_flag=True,
    help="Also print the scores on the held-out half of Europarl (a cross-domain check).",
)
@click.option(
    "--speed",
    "speed_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Also time the entities stage on the articles of this JSONL file (a 'text' per line).",
)
def eval_ner(
    data: Path,
    model: str,
    gazetteer: bool,
    floor: float | None,
    as_json: bool,
    by_origin: bool,
    europarl: bool,
    speed_file: Path | None,
) -> None:
    """Print precision/recall/F1 per label of the NER on the held-out GermEval 2014 part.

    \b
    Example:
      lagebild eval-ner --data ../shared/data --floor 0.45
      lagebild eval-ner --gazetteer --speed ../shared/data/news/wikinews_de.jsonl
      lagebild eval-ner --by-origin --europarl
    """
    import json
    import sys

    if by_origin:
        for origin, part in sorted(
            scores_by_origin(data, model=model, gazetteer=gazetteer).items(),
            key=lambda item: item[0] != "news",
        ):
            name = f"held-out GermEval 2014, {origin} sentences"
            click.echo(
                json.dumps({origin: part.as_dict()}, indent=2)
                if as_json
                else f"{format_scores(part, name)}\n"
            )
    scores = evaluate_held_out(data, model=model, gazetteer=gazetteer)
    click.echo(json.dumps({"all": scores.as_dict()}, indent=2) if as_json else format_scores(scores))
    if europarl:
        cross = europarl_scores(data, model=model, gazetteer=gazetteer)
        click.echo(
            json.dumps({"europarl": cross.as_dict()}, indent=2)
            if as_json
            else f"\n{format_scores(cross, 'held-out half of Europarl')}"
        )
    if speed_file is not None:
        with speed_file.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
        speed = stage_speed(texts, model=model)
        click.echo(
            f"entities stage on {speed['articles']:.0f} articles ({speed['tokens']:.0f} tokens): "
            f"{speed['articles_per_second']:,.0f} articles/s, {speed['tokens_per_second']:,.0f} tokens/s, "
            f"{speed['ms_per_400_tokens']:.2f} ms per 400 tokens; "
            f"{speed['tokens_per_cpu_second']:,.0f} tokens per CPU second (one thread)"
        )
    if floor is not None and scores.prf()[2] < floor:
        click.echo(f"FLOOR FAILED: NER F1 {scores.prf()[2]:.3f} < {floor:.3f}", err=True)
        sys.exit(1)
