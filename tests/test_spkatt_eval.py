"""SpkAtt evaluation: text rebuilt from tokens, gold spans, scoring (invented documents) and a floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.evaluate.spkatt import (
    SpkAttScore,
    evaluate,
    load_article,
    rebuild_text,
    score_article,
    split_of,
)
from lagebild.model import Article, Document, Mention, Quote


def test_rebuild_text_spacing_and_spans() -> None:
    sentences = [["Er", "sagte", ":", "„", "Wir", "gehen", ".", "“"], ["Das", '"', "Ende", '"', "kommt", "."]]
    text, spans = rebuild_text(sentences)
    assert text == 'Er sagte: „Wir gehen.“ Das "Ende" kommt.'
    for row, tokens in zip(spans, sentences, strict=True):
        assert [text[s:e] for s, e in row] == tokens


def _write(tmp_path: Path) -> Path:
    # an invented article in the SpkAtt task-2 layout
    data = {
        "DocumentName": "invented",
        "Sentences": [
            {"SentenceId": 0, "Tokens": ["Die", "Lage", "sei", "ernst", ",", "sagte", "der", "Arzt", "."]}
        ],
        "Annotations": [
            {
                "Addr": [],
                "Cue": ["0:5"],
                "Form": "Indirect",
                "Frame": [],
                "HasNested": False,
                "IsNested": False,
                "Message": ["0:0", "0:1", "0:2", "0:3"],
                "STWR": "Speech",
                "Source": ["0:6", "0:7"],
            }
        ],
    }
    path = tmp_path / "1 - invented.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_gold_spans_and_scores(tmp_path: Path) -> None:
    gold = load_article(_write(tmp_path))
    assert gold.text == "Die Lage sei ernst, sagte der Arzt."
    doc = Document(Article(gold.text))
    doc.quotes = [Quote(doc.id, 0, 18, "Die Lage sei ernst", "indirect", Mention(26, 34, "der Arzt"))]
    score = SpkAttScore()
    score_article(gold, doc, score)
    assert score.message.tp_exact == 1 and score.speaker.tp_exact == 1
    doc.quotes = [Quote(doc.id, 4, 8, "Lage", "indirect", Mention(30, 34, "Arzt"))]
    score = SpkAttScore()
    score_article(gold, doc, score)
    assert (score.message.tp_exact, score.message.tp_overlap) == (0, 1)
    assert (score.speaker.tp_exact, score.speaker.tp_overlap) == (0, 1)


def test_quote_inside_another_quote_is_not_scored(tmp_path: Path) -> None:
    """Only top-level predictions count, as only top-level gold annotations do."""
    gold = load_article(_write(tmp_path))
    doc = Document(Article(gold.text))
    doc.quotes = [
        Quote(doc.id, 0, 18, "Die Lage sei ernst", "indirect", Mention(26, 34, "der Arzt")),
        Quote(doc.id, 13, 18, "ernst", "partial", Mention(26, 34, "der Arzt")),
    ]
    score = SpkAttScore()
    score_article(gold, doc, score)
    assert (score.message.predicted, score.message.tp_exact) == (1, 1)
    assert (score.speaker.predicted, score.speaker.tp_exact) == (1, 1)


def test_split_is_stable() -> None:
    assert split_of("a.json") == split_of("a.json")
    assert {split_of(f"{i}.json") for i in range(50)} == {"tuning", "heldout"}


def test_short_floor_on_spkatt_news_rules_only(shared_dir: Path) -> None:
    scores = evaluate(shared_dir / "data" / "spkatt2023_news" / "train" / "task2", limit=60, parse=False)
    total = scores["tuning"]
    assert total.message.scores(exact=False)[2] >= 0.81
    assert total.speaker.scores(exact=False)[2] >= 0.71


@pytest.mark.slow
def test_floor_on_spkatt_news_heldout_rules_only(shared_dir: Path) -> None:
    scores = evaluate(shared_dir / "data" / "spkatt2023_news" / "train" / "task2", parse=False)
    held = scores["heldout"]
    assert held.message.scores(exact=False)[2] >= 0.81
    assert held.speaker.scores(exact=False)[2] >= 0.60
