"""Train the neural German NER (BiLSTM-CRF, :mod:`lagebild.extract.entities.neural`) from ``../shared/data``.

Steps:

1. **Word vectors**: word2vec (skip-gram, gensim, one thread, fixed seed) on the lower-cased token text
   of the shareable unlabelled German text that :func:`lagebild.training.word_clusters.corpus` reads with
   ``extra``: Bundestag speeches (CC BY-SA 4.0), WikiWarsDE, UD GSD and PUD, the ARVIG reports of 2014
   (CC0) and the token text (not the labels) of GermEval's training part, MobIE, SmartData, the legal
   decisions, the historical newspapers and Europarl's training half. Never a held-out part, never a
   non-commercial corpus (Wikinews, SpkAtt news), never EHRI (EUPL).
2. **Sentences**: those of a :class:`lagebild.training.ner_train.CorpusPlan` (GermEval's training part,
   MobIE and SmartData by default), tokenised like the pipeline, tagged BIO; each keeps its corpus as
   its domain.
3. **Training**: Adam, batches of about ``batch_tokens`` tokens, dropout; with ``develop`` without
   GermEval's development part, scored on its news sentences after every epoch, the best epoch kept and
   training stopped after ``patience`` epochs without gain; without ``develop`` for a fixed number
   of epochs (the best epoch count of a develop run), on all training sentences.

``python -m lagebild.training.ner_neural --develop --out build/ner-neural-dev`` trains and scores a
candidate; ``make train-ner-neural`` trains one on all training sentences. Progress goes to
``<out>/train.log``. Needs ``torch`` and ``gensim`` (``pip install 'lagebild[neural]'``).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import click

from lagebild.extract.entities.neural import (
    KIND,
    META_FILE,
    PAD,
    TARGET_DOMAIN,
    UNKNOWN,
    WEIGHTS_FILE,
    Vocabulary,
    build_network,
    clip_chars,
    import_torch,
    normalise,
)

VECTORS_FILE = "word2vec.npz"
DOMAINS = (TARGET_DOMAIN, "mobie", "smartdata", "legal", "historical", "europarl", "ehri")
_CORPUS_DOMAIN = {"germeval": TARGET_DOMAIN, "hipe": "historical", "europeana": "historical"}


@dataclass(frozen=True)
class NeuralSettings:
    """The network's sizes and the training's settings."""

    word_dim: int = 100
    char_dim: int = 30
    char_filters: int = 50
    hidden: int = 128
    dropout_pct: int = 50
    learning_rate: float = 0.002
    batch_tokens: int = 400
    max_epochs: int = 25
    patience: int = 4
    epochs: int = 0  # without develop: train this many epochs (0: max_epochs)
    max_minutes: float = 25.0
    seed: int = 1


def corpus_domain(corpus: str) -> str:
    """The domain id of a corpus: GermEval is the target domain, the historical newspapers share one."""
    return _CORPUS_DOMAIN.get(corpus, corpus)


def train_vectors(data: Path, out: Path, dim: int = 100, min_count: int = 2, log: Any = None) -> Path:
    """word2vec vectors of the shareable unlabelled text (see the module docstring), written to
    ``out`` as words and a float16 matrix; returns ``out``."""
    import numpy as np
    from gensim.models import Word2Vec

    from lagebild.training.word_clusters import corpus

    started = time.perf_counter()
    sentences = [[normalise(t) for t in tokens] for tokens in corpus(data, extra=True)]
    model = Word2Vec(
        sentences, vector_size=dim, window=5, min_count=min_count, sg=1, negative=5, workers=1, seed=1,
        epochs=5,
    )  # fmt: skip
    words = list(model.wv.index_to_key)
    matrix = np.asarray(model.wv.vectors, dtype=np.float32)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=np.array(words), vectors=matrix.astype(np.float16))
    if log:
        tokens = sum(len(s) for s in sentences)
        log(f"word2vec: {tokens} tokens, {len(words)} words, {time.perf_counter() - started:.0f} s")
    return out


def read_vectors(path: Path) -> tuple[list[str], Any]:
    import numpy as np

    stored = np.load(path)
    return [str(w) for w in stored["words"]], stored["vectors"].astype(np.float32)


def build_vocabulary(
    sequences: Sequence[tuple[Sequence[str], Sequence[str]]],
    words: list[str],
    classes: Any,
    settings: NeuralSettings,
) -> Vocabulary:
    """The vocabularies of a model: the vector words, the characters seen at least twice in training,
    the shapes, lexical and word classes of the training words, the domains and the tags."""
    chars: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    lexical: Counter[str] = Counter()
    clusters: Counter[str] = Counter()
    tags: set[str] = set()
    for sentence, sentence_tags in sequences:
        tags.update(sentence_tags)
        for word in sentence:
            chars.update(clip_chars(word))
            values = classes.features(word)
            shapes[values[1]] += 1
            lexical[values[2]] += 1
            if values[2] in ("U", "E", "B"):
                clusters[values[9]] += 1
    special = ["<pad>", "<unk>"]

    def kept(counts: Counter[str], least: int = 2) -> list[str]:
        return special + sorted(k for k, n in counts.items() if n >= least)

    tables: dict[str, Any] = {
        "words": special + words,
        "chars": kept(chars),
        "shapes": kept(shapes),
        "lexical": kept(lexical, 1),
        "clusters": kept(clusters, 1),
        "domains": list(DOMAINS),
        "tags": sorted(tags, key=lambda t: (t != "O", t.partition("-")[2], t)),
    }
    tables["sizes"] = {
        "words": len(tables["words"]), "chars": len(tables["chars"]), "shapes": len(tables["shapes"]),
        "lexical": len(tables["lexical"]), "clusters": len(tables["clusters"]), "domains": len(DOMAINS),
        "tags": len(tables["tags"]), "word_dim": settings.word_dim, "char_dim": settings.char_dim,
        "char_filters": settings.char_filters, "hidden": settings.hidden, "dropout_pct": settings.dropout_pct,
    }  # fmt: skip
    return Vocabulary(tables)


def _batches(lengths: Sequence[int], batch_tokens: int, rng: random.Random) -> list[list[int]]:
    """Indexes of sentences of similar length, about ``batch_tokens`` tokens a batch, in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches: list[list[int]] = [[]]
    tokens = 0
    for i in order:
        if batches[-1] and tokens + lengths[i] > batch_tokens:
            batches.append([])
            tokens = 0
        batches[-1].append(i)
        tokens += lengths[i]
    rng.shuffle(batches)
    return batches


def _token_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    from lagebild.training.ner_train import _bio_spans

    return _bio_spans(list(tags))


def span_f1(gold: Sequence[Sequence[str]], guessed: Sequence[Sequence[str]]) -> float:
    """Strict span F1 over token BIO sequences."""
    true = false_pos = false_neg = 0
    for gold_tags, guessed_tags in zip(gold, guessed, strict=True):
        wanted, found = _token_spans(gold_tags), _token_spans(guessed_tags)
        true += len(wanted & found)
        false_pos += len(found - wanted)
        false_neg += len(wanted - found)
    return 2 * true / (2 * true + false_pos + false_neg) if true else 0.0


def fit_network(
    sequences: Sequence[tuple[Sequence[str], Sequence[str]]],
    domains: Sequence[str],
    words: list[str],
    matrix: Any,
    settings: NeuralSettings,
    development: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
    log: Any = None,
    classes: Any = None,
) -> tuple[Any, Vocabulary, list[dict[str, float]], int]:
    """Train a BiLSTM-CRF on (words, BIO tags) sequences, each with its domain; ``words`` and ``matrix``
    are the pretrained vectors. With ``development`` sequences, score them after every epoch, keep the
    best epoch and stop after ``settings.patience`` epochs without gain; else run ``settings.epochs``
    (or ``max_epochs``). Returns the network, its vocabulary, the history and the epoch kept."""
    from lagebild.extract.entities.crf import WordClasses

    torch = import_torch()
    torch.set_num_threads(1)
    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    classes = classes or WordClasses()
    started = time.perf_counter()
    vocabulary = build_vocabulary(sequences, words, classes, settings)
    network = build_network(vocabulary.sizes)
    with torch.no_grad():
        network.words.weight[2:] = torch.from_numpy(matrix)
        network.words.weight[PAD] = 0
        network.words.weight[UNKNOWN] = 0
    tag_ids = {tag: i for i, tag in enumerate(vocabulary.tags)}
    parameters = [p for p in network.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(parameters, lr=settings.learning_rate)
    epochs = settings.max_epochs if development or not settings.epochs else settings.epochs
    history: list[dict[str, float]] = []
    best_f1, best_epoch, best_state = -1.0, 0, None
    # the batches' tensors are built once: features and vocabulary do not change while training
    lengths = [len(sentence) for sentence, _ in sequences]
    cache: dict[tuple[int, ...], tuple[dict[str, Any], Any]] = {}
    for epoch in range(1, epochs + 1):
        network.train()
        total = 0.0
        epoch_started = time.perf_counter()
        for batch_ids in _batches(lengths, settings.batch_tokens, rng):
            key = tuple(sorted(batch_ids))
            if key not in cache:
                chosen = [sequences[i] for i in key]
                batch = vocabulary.batch([w for w, _ in chosen], classes, [domains[i] for i in key])
                tags = torch.zeros(len(chosen), batch["ids"].shape[1], dtype=torch.long)
                for row, (_w, sentence_tags) in enumerate(chosen):
                    tags[row, : len(sentence_tags)] = torch.tensor([tag_ids[t] for t in sentence_tags])
                cache[key] = (batch, tags)
            batch, tags = cache[key]
            optimiser.zero_grad()
            loss = network.loss(batch, tags)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 5.0)
            optimiser.step()
            total += loss.item() * len(key)
        entry = {
            "epoch": epoch,
            "loss": total / len(sequences),
            "seconds": time.perf_counter() - epoch_started,
        }
        if development:
            network.eval()
            guessed = _tag(network, vocabulary, classes, [list(w) for w, _ in development])
            entry["development_news_f1"] = span_f1([t for _, t in development], guessed)
            if entry["development_news_f1"] > best_f1:
                best_f1, best_epoch = entry["development_news_f1"], epoch
                best_state = {k: v.detach().clone() for k, v in network.state_dict().items()}
        history.append(entry)
        if log:
            log(json.dumps(entry))
        minutes = (time.perf_counter() - started) / 60
        if development and epoch - best_epoch >= settings.patience:
            if log:
                log(f"stopped: no gain for {settings.patience} epochs")
            break
        if minutes > settings.max_minutes:
            if log:
                log(f"stopped: {minutes:.1f} minutes")
            break
    if best_state is not None:
        network.load_state_dict(best_state)
    network.eval()
    return network, vocabulary, history, best_epoch or len(history)


def write_model(out: Path, network: Any, vocabulary: Vocabulary, meta: dict[str, object]) -> None:
    """Write a model folder: the weights (float16), the vocabulary and ``meta.json`` with its kind."""
    torch = import_torch()
    out.mkdir(parents=True, exist_ok=True)
    state = {k: (v.half() if v.dtype == torch.float32 else v) for k, v in network.state_dict().items()}
    torch.save(state, out / WEIGHTS_FILE)
    vocabulary.write(out)
    (out / META_FILE).write_text(
        json.dumps({**meta, "kind": KIND}, indent=2, ensure_ascii=False), encoding="utf-8"
    )


def train_neural_model(
    data: Path,
    out: Path,
    vectors: Path,
    settings: NeuralSettings | None = None,
    plan: Any = None,
    develop: bool = False,
) -> dict[str, object]:
    """Train a BiLSTM-CRF on the plan's sentences and write the model folder ``out``; returns a report
    (corpus counts, epochs, development F1 per epoch when ``develop``, seconds)."""
    from lagebild.training.ner_train import CorpusPlan, bio_sequences_kept, development_part, training_set

    settings = settings or NeuralSettings()
    plan = plan or CorpusPlan()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (out / "train.log").open("w", encoding="utf-8") as log_file:

        def log(message: str) -> None:
            log_file.write(message + "\n")
            log_file.flush()

        examples, _domains, counts = training_set(data, plan, develop=develop)
        sequences, kept = bio_sequences_kept(examples)
        domains = [corpus_domain(examples[i].corpus) for i in kept]
        log(f"corpora: {json.dumps(counts)}; {len(sequences)} sentences")
        words, matrix = read_vectors(vectors)
        development = bio_sequences_kept(development_part(data, "news"))[0] if develop else []
        network, vocabulary, history, best_epoch = fit_network(
            sequences, domains, words, matrix, settings, development, log
        )
        seconds = round(time.perf_counter() - started)
        meta: dict[str, object] = {
            "name": "ner_de_neural",
            "version": "1.0.0",
            "description": "lagebild German NER: BiLSTM-CRF over word2vec vectors, a character CNN and the "
            "CRF's lexical, word-class and gazetteer features, with a domain embedding per corpus",
            "license": "CC BY-SA 4.0 (word vectors from CC BY-SA text; annotated sentences CC BY 4.0)",
            "settings": asdict(settings),
            "plan": asdict(plan),
            "develop": develop,
            "best_epoch": best_epoch,
            "training_seconds": seconds,
        }
        write_model(out, network, vocabulary, meta)
        log(f"written to {out} in {seconds} s")
    return {
        "corpora": counts, "sentences": len(sequences), "epochs_run": len(history), "best_epoch": best_epoch,
        "history": history, "seconds": seconds,
    }  # fmt: skip


def _tag(network: Any, vocabulary: Vocabulary, classes: Any, sentences: list[list[str]]) -> list[list[str]]:
    torch = import_torch()
    results: list[list[str]] = []
    with torch.inference_mode():
        for start in range(0, len(sentences), 64):
            chosen = sentences[start : start + 64]
            paths = network.decode(vocabulary.batch(chosen, classes))
            results.extend([vocabulary.tags[t] for t in path] for path in paths)
    return results


@click.command()
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("../shared/data")
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option(
    "--vectors",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("build/ner/word2vec.npz"),
    help="The word vectors (made first when the file is missing).",
)
@click.option("--plan", "plan_settings", multiple=True, help="FIELD=VALUE of the corpus plan (as ner_train).")
@click.option("--set", "setting_values", multiple=True, help="FIELD=VALUE of NeuralSettings (hidden=200).")
@click.option(
    "--develop",
    is_flag=True,
    help="Train without GermEval's development part, stop early on it and score it.",
)
def main(
    data: Path,
    out: Path,
    vectors: Path,
    plan_settings: tuple[str, ...],
    setting_values: tuple[str, ...],
    develop: bool,
) -> None:
    """Train the neural German NER and print its scores (development part with --develop).

    \b
    Example:
      python -m lagebild.training.ner_neural --develop --out build/ner-neural-dev
      python -m lagebild.training.ner_neural --out build/ner-neural --set epochs=14
    """
    from lagebild.evaluate.ner import evaluate_held_out, format_scores
    from lagebild.training.ner_train import parse_plan, write_development_scores

    defaults = asdict(NeuralSettings())
    changes: dict[str, Any] = {}
    for setting in setting_values:
        key, _, value = setting.partition("=")
        if key not in defaults:
            raise click.BadParameter(f"{setting}: expected one of {sorted(defaults)}")
        changes[key] = type(defaults[key])(value)
    settings = NeuralSettings(**changes)
    plan = parse_plan(plan_settings)
    if not vectors.is_file():
        train_vectors(data, vectors, dim=settings.word_dim, log=lambda m: click.echo(m, err=True))
    report = train_neural_model(data, out, vectors, settings, plan, develop=develop)
    click.echo(f"trained in {report['seconds']} s, best epoch {report['best_epoch']}", err=True)
    if develop:
        write_development_scores(data, out, report)
        return
    (out / "scores.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    click.echo(format_scores(evaluate_held_out(data, model_path=out)))


if __name__ == "__main__":
    sys.exit(main())
