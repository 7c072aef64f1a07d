"""WikiWarsDE evaluation: the reader and the scorer on a document written for the test, and a floor on
the real corpus (../shared)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lagebild.evaluate.wikiwars import (
    evaluate_tagger,
    read_corpus,
    read_document,
    score_spans,
    timex2_extent,
)

INVENTED = (
    '<DOC>\n<DOCID>99_Test</DOCID>\n<DATETIME> <TIMEX2 val="2011-02-16">2011-02-16</TIMEX2> </DATETIME>\n<TEXT>\n'
    'Der erfundene Krieg begann am <TIMEX2 val="1920-03-01">1. März 1920</TIMEX2>. '
    'Im <TIMEX2 val="1920-06">Juni</TIMEX2> fiel die Stadt.\n</TEXT>\n</DOC>\n'
)


def test_reader_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "99_Test.key.xml"
    path.write_text(INVENTED, encoding="utf-8")
    doc = read_document(path)
    assert [(g.text, g.val) for g in doc.gold] == [("1. März 1920", "1920-03-01"), ("Juni", "1920-06")]
    assert all(doc.text[g.start : g.end] == g.text for g in doc.gold)
    parts = evaluate_tagger([doc])
    assert parts["all"].as_dict()["strict_value_f1"] == 1.0


def test_scorer_counts_strict_lenient_and_value(tmp_path: Path) -> None:
    path = tmp_path / "99_Test.key.xml"
    path.write_text(INVENTED, encoding="utf-8")
    doc = read_document(path)
    first, second = doc.gold
    counts = score_spans(
        doc, [(first.start, first.end, "1920-03-01"), (second.start - 3, second.end, "1921-06")]
    )
    d = counts.as_dict()
    assert (counts.strict, counts.lenient, counts.strict_value) == (1, 2, 1)
    assert d["value_accuracy"] == 0.5


def test_timex2_extent_drops_a_preposition_before_a_date() -> None:
    text = "am 1. März 1920 und am selben Tag"
    assert timex2_extent(text, 0, 15) == (3, 15)
    assert timex2_extent(text, 20, 33) == (20, 33)
    clock = "um 4:45 Uhr"
    assert timex2_extent(clock, 0, len(clock)) == (3, len(clock))


def test_wikiwars_floor(shared_dir: Path) -> None:
    """Held-out strict+value F1 may only go up: the floor is pinned below the measured value."""
    parts = evaluate_tagger(read_corpus(shared_dir / "data" / "wikiwarsde"))
    assert parts["tuning"].as_dict()["strict_value_f1"] >= 0.94
    assert parts["held-out"].as_dict()["strict_value_f1"] >= 0.75
    assert parts["all"].as_dict()["strict_value_f1"] >= 0.865
    assert parts["all"].as_dict()["lenient_f1"] >= 0.965


def test_eval_times_command(shared_dir: Path) -> None:
    from lagebild.cli import main

    result = CliRunner().invoke(main, ["eval-times", "--wikiwars", str(shared_dir / "data" / "wikiwarsde")])
    assert result.exit_code == 0, result.output
    assert "held-out" in result.output
