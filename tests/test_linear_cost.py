"""Cost linear in the input: over-long sentences and tokens are capped, every article has a time budget.

The inputs are the shapes a web server may send (a list without a full stop, one enormous "word", one
word repeated), in sizes CI can afford; each ran for a minute or more before the caps (10,000 closing
brackets: 60 s in the tokenizer, a 200,000-letter word: 50 s in four extractors).
"""

from __future__ import annotations

import time

import pytest

from lagebild.errors import ConfigError
from lagebild.model import Article, Figure, Place, TimeExpression
from lagebild.nlp.tokens import MAX_SENTENCE_CHARS, MAX_TOKEN_CHARS, cap_sentence, make_doc, split_sentences
from lagebild.pipeline import DEFAULT_STAGES, Pipeline
from lagebild.serialize import document_to_dict, validate

CLAUSE = "bei einem Angriff auf das Dorf nahe Aleppo sind zwölf Menschen getötet worden, sagte ein Sprecher"


def no_full_stop(words: int) -> str:
    """Invented clauses run together without a full stop (a list a server sends as one paragraph)."""
    clause = CLAUSE.split()
    return "Gestern " + " ".join(clause[i % len(clause)] for i in range(words))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    built = Pipeline(stages=DEFAULT_STAGES, time_budget=None)
    built(Article(text="Bei einem Angriff auf Aleppo starben 12 Menschen. Das sagte ein Sprecher.",
                  published="2024-03-05"))  # models load outside the timed runs
    return built


def assert_tokens_cover(text: str) -> list[tuple[int, int]]:
    doc = make_doc(text)
    assert "".join(token.text_with_ws for token in doc) == text
    starts = {token.idx for token in doc}
    ends = {token.idx + len(token.text) for token in doc}
    sentences = split_sentences(text)
    assert all(start in starts and end in ends for start, end in sentences)  # sentences end between tokens
    return sentences


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("x, " * 230 + "das; " + "x, " * 200, ";"),  # a semicolon wins over later commas and spaces
        ("Aleppo, Homs, Hama, Idlib, " * 60, ","),
        ("wort " * 150 + "– und " + "wort " * 150, "wort"),  # before the dash
    ],
)
def test_an_over_long_sentence_is_cut_at_its_best_boundary(text: str, ends: str) -> None:
    sentences = assert_tokens_cover(text)
    assert len(sentences) > 1
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in sentences)
    assert text[: sentences[0][1]].endswith(ends)
    assert "".join(text[s:e] for s, e in sentences).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_a_dash_starts_the_next_piece() -> None:
    text = "wort " * 150 + "– und " + "wort " * 150
    first, second = cap_sentence(text, 0, len(text) - 1)[:2]
    assert text[second[0]:].startswith("– und")


def test_a_word_longer_than_the_cap_is_never_cut() -> None:
    word = "x" * (MAX_SENTENCE_CHARS * 2)
    text = f"Er sagte {word} und ging."
    sentences = assert_tokens_cover(text)
    assert any(text[s:e].endswith(word) or word in text[s:e] for s, e in sentences)


@pytest.mark.parametrize("unit", [")", "'", "!", "a.A.", "»"])
def test_an_over_long_chunk_is_one_opaque_token(unit: str) -> None:
    chunk = unit * (20_000 // len(unit))
    text = f"Er sagte {chunk} heute :) ja."
    started = time.perf_counter()
    doc = make_doc(text)
    assert_tokens_cover(text)
    assert time.perf_counter() - started < 5  # 10,000 closing brackets took a minute before
    assert chunk in [token.text for token in doc]
    short = unit * (MAX_TOKEN_CHARS // len(unit) // 2)
    assert short not in [token.text for token in make_doc(f"Er sagte {short} heute.")] or len(short) == 1


@pytest.mark.parametrize(
    ("shape", "text"),
    [
        ("no full stop", no_full_stop(3_000)),
        ("one long word", "Bei einem Angriff in Aleppo starben 12 Menschen " + "A" * 200_000 + " sagte er."),
        ("one word repeated", " ".join(["Angriff"] * 5_000)),
        ("hundreds of digits", "Es starben " + "7" * 5_000 + " Menschen in Aleppo."),
    ],
)
def test_pathological_articles_come_back_in_seconds(pipeline: Pipeline, shape: str, text: str) -> None:
    started = time.perf_counter()
    doc = pipeline(Article(text=text, published="2024-03-05"))
    assert time.perf_counter() - started < 30, shape
    assert not doc.warnings  # no budget was set: every stage ran
    assert all(end - start <= MAX_SENTENCE_CHARS or " " not in text[start:end].strip()
               for start, end in doc.sentences)
    facts: list[Place | Figure | TimeExpression] = [*doc.places, *doc.figures, *doc.times]
    for fact in facts:
        assert text[fact.start:fact.end] == fact.text
    validate(document_to_dict(doc))


def test_a_spent_budget_leaves_out_the_stages_left_and_says_which() -> None:
    text = no_full_stop(12_000)
    budgeted = Pipeline(stages=DEFAULT_STAGES, time_budget=0.3)
    budgeted(Article(text="Bei einem Angriff auf Aleppo starben 12 Menschen.", published="2024-03-05"))
    started = time.perf_counter()
    doc = budgeted(Article(text=text, published="2024-03-05"))
    assert time.perf_counter() - started < 10
    assert len(doc.warnings) == 1
    warning = doc.warnings[0]
    assert warning.startswith("time budget of 0.3 s spent after")
    left = warning.split("stages left out: ")[1].split(", ")
    assert left[-1] == "events.v1"
    assert all(name.split(" ")[0] in DEFAULT_STAGES for name in left)
    skipped = {name.split(" ")[0] for name in left}
    assert "events.v1" in skipped and not doc.events  # a skipped stage assigns nothing
    if "figures.v1" in skipped:
        assert not doc.figures
    record = document_to_dict(doc)
    assert record["warnings"] == doc.warnings
    validate(record)


def test_a_budget_that_is_not_spent_changes_nothing(pipeline: Pipeline) -> None:
    article = Article(text="Bei einem Angriff auf Aleppo starben am Montag 12 Menschen, sagte ein Sprecher.",
                      published="2024-03-05")
    with_budget = Pipeline(stages=DEFAULT_STAGES)(article)
    assert not with_budget.warnings
    assert document_to_dict(with_budget) == document_to_dict(pipeline(article))


@pytest.mark.parametrize("budget", [0, -1.0])
def test_a_budget_must_be_positive(budget: float) -> None:
    with pytest.raises(ConfigError, match="time_budget"):
        Pipeline(stages=("tokens.v1",), time_budget=budget)
