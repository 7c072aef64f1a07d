"""The optional neural NER backend (BiLSTM-CRF): vocabulary, training on a few invented sentences, a
model folder read by the entities stage. Every sentence here is invented; the word vectors are random."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from lagebild.extract.entities import load_model  # noqa: E402
from lagebild.extract.entities.neural import (  # noqa: E402
    KIND,
    MAX_CHARS,
    NeuralTagger,
    clip_chars,
    is_neural_model,
    normalise,
)
from lagebild.model import Article  # noqa: E402
from lagebild.pipeline import Pipeline  # noqa: E402
from lagebild.training.ner_neural import (  # noqa: E402
    NeuralSettings,
    corpus_domain,
    fit_network,
    span_f1,
    write_model,
)

# invented sentences, tokenised, with BIO tags
SENTENCES = [
    ("Der Minister Karl Brenninger besuchte Hamburg .", "O O B-PER I-PER O B-LOC O"),
    ("Die Firma Voltrax eröffnete ein Werk in Bremen .", "O O B-ORG O O O O B-LOC O"),
    ("Karl Brenninger sprach mit der Firma Voltrax .", "B-PER I-PER O O O O B-ORG O"),
    ("In Bremen regnete es am Montag .", "O B-LOC O O O O O"),
    ("Die Sprecherin Anna Körber kam aus Hamburg .", "O O B-PER I-PER O O B-LOC O"),
    ("Anna Körber lobte die Firma Voltrax .", "B-PER I-PER O O O B-ORG O"),
]


def _sequences() -> list[tuple[list[str], list[str]]]:
    return [(words.split(), tags.split()) for words, tags in SENTENCES]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model trained on the invented sentences until it has learnt them."""
    import numpy as np

    sequences = _sequences()
    words = sorted({normalise(w) for sentence, _ in sequences for w in sentence})
    vectors = np.random.default_rng(1).normal(size=(len(words), 8)).astype(np.float32)
    settings = NeuralSettings(
        word_dim=8, char_dim=8, char_filters=8, hidden=16, dropout_pct=0, epochs=60, learning_rate=0.02,
        batch_tokens=100,
    )  # fmt: skip
    network, vocabulary, history, best = fit_network(
        sequences, ["news"] * len(sequences), words, vectors, settings
    )
    assert best == len(history) == 60
    assert history[-1]["loss"] < history[0]["loss"] / 10
    folder = tmp_path_factory.mktemp("neural-ner")
    write_model(folder, network, vocabulary, {"name": "invented"})
    return folder


@pytest.mark.parametrize(
    ("word", "expected"),
    [("März", "märz"), ("2016", "0000"), ("G7-Gipfel", "g0-gipfel"), ("Aleppo", "aleppo")],
)
def test_normalise(word: str, expected: str) -> None:
    assert normalise(word) == expected


def test_clip_chars_keeps_both_ends() -> None:
    long_word = "Bundesverfassungsgerichtsentscheidung"
    clipped = clip_chars(long_word)
    assert len(clipped) == MAX_CHARS
    assert clipped.startswith("Bundesverfas") and clipped.endswith("entscheidung")
    assert clip_chars("Bremen") == "Bremen"


def test_corpus_domains() -> None:
    assert corpus_domain("germeval") == "news"
    assert corpus_domain("hipe") == corpus_domain("europeana") == "historical"
    assert corpus_domain("legal") == "legal"


def test_span_f1_is_strict() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert span_f1(gold, gold) == 1.0
    assert span_f1(gold, [["B-PER", "O", "O", "B-LOC"]]) == pytest.approx(0.5)  # a short span is a miss
    assert span_f1(gold, [["O", "O", "O", "O"]]) == 0.0


def test_model_folder_is_recognised(trained: Path, tmp_path: Path) -> None:
    assert is_neural_model(trained)
    assert json.loads((trained / "meta.json").read_text())["kind"] == KIND
    (tmp_path / "meta.json").write_text(json.dumps({"kind": "crf"}))
    assert not is_neural_model(tmp_path)


def test_tagger_learnt_the_training_sentences(trained: Path) -> None:
    tagger = NeuralTagger(trained)
    sequences = _sequences()
    tagged = tagger.tag_sentences([words for words, _ in sequences])
    assert tagged == [tags for _, tags in sequences]
    assert tagger.tag([]) == []


def test_batches_do_not_change_the_tags(trained: Path) -> None:
    tagger = NeuralTagger(trained)
    sentences = [words for words, _ in _sequences()]
    together = tagger.tag_sentences(sentences)
    tagger.batch_tokens = 1  # one sentence a batch
    assert tagger.tag_sentences(sentences) == together


def test_entities_stage_reads_a_neural_model_folder(trained: Path) -> None:
    model = load_model(str(trained))
    assert model.kind == "neural"
    pipeline = Pipeline(
        stages=("tokens.v1", "entities.v1"),
        options={"entities.v1": {"model": str(trained), "gazetteer": False}},
    )
    text = "Der Minister Karl Brenninger besuchte Hamburg. Die Firma Voltrax eröffnete ein Werk in Bremen."
    doc = pipeline(Article(text=text, id="invented"))
    found = {(e.text, e.label) for e in doc.entities}
    assert found == {("Karl Brenninger", "PER"), ("Hamburg", "LOC"), ("Voltrax", "ORG"), ("Bremen", "LOC")}
    for entity in doc.entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.source == "ner"


def test_cached_word_inputs_give_the_training_paths_tags(trained: Path) -> None:
    """The run-time path (input vectors cached per word) decodes as the training path does."""
    tagger = NeuralTagger(trained)
    sentences = [["Anna", "Körber", "besuchte", "Bremen", "."], ["Die", "Firma", "Voltrax", "kam", "."]]
    with torch.inference_mode():
        batch = tagger.vocabulary.batch(sentences, tagger.classes)
        expected = [[tagger.vocabulary.tags[t] for t in path] for path in tagger.network.decode(batch)]
    assert tagger.tag_sentences(sentences) == expected
    assert set(tagger.rows) >= {"Anna", "Voltrax", "."}


def _path_score(
    path: tuple[int, ...], emissions: object, transitions: object, start: object, end: object
) -> float:
    import itertools

    value = start[path[0]] + end[path[-1]] + sum(emissions[i, t] for i, t in enumerate(path))  # type: ignore[index]
    return float(value + sum(transitions[a, b] for a, b in itertools.pairwise(path)))  # type: ignore[index]


def test_viterbi_finds_the_best_path_of_each_sentence() -> None:
    """Checked against every tag sequence of small random problems, sentences of different lengths."""
    import itertools

    import numpy as np

    from lagebild.extract.entities.neural import viterbi_paths

    rng = np.random.default_rng(3)
    for _ in range(20):
        lengths = [int(n) for n in rng.integers(1, 5, size=3)]
        scores = rng.normal(size=(3, max(lengths), 3))
        transitions, start, end = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3)
        paths = viterbi_paths(scores, lengths, transitions, start, end)
        for row, length in enumerate(lengths):
            candidates = itertools.product(range(3), repeat=length)
            best = max(candidates, key=lambda p, r=row: _path_score(p, scores[r], transitions, start, end))
            assert paths[row] == list(best)


def test_without_torch_a_neural_folder_is_a_model_error(
    trained: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebild.errors import ModelError
    from lagebild.extract.entities.neural import import_torch

    monkeypatch.setitem(__import__("sys").modules, "torch", None)  # as if torch were not installed
    with pytest.raises(ModelError, match=r"lagebild\[neural\]"):
        import_torch()
    with pytest.raises(ModelError, match="torch"):
        NeuralTagger(trained)
