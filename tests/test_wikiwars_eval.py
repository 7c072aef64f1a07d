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


def test_emitted_extents_are_scored_as_they_are(tmp_path: Path) -> None:
    """No re-mapping in the evaluator: the tagger's extents leave the preposition out themselves."""
    path = tmp_path / "98_Test.key.xml"
    path.write_text(
        '<DOC>\n<TEXT>\nDie Waffenruhe hielt bis zum <TIMEX2 val="1920-03-01">1. März 1920</TIMEX2>, '
        'seit <TIMEX2 val="1920-03" mod="MID">Mitte März</TIMEX2> wurde verhandelt.\n</TEXT>\n</DOC>\n',
        encoding="utf-8",
    )
    counts = evaluate_tagger([read_document(path)])["all"]
    assert (counts.gold, counts.predicted, counts.strict) == (2, 2, 2)
    shifted = score_spans(read_document(path), [(g.start - 7, g.end, g.val) for g in read_document(path).gold])
    assert (shifted.strict, shifted.lenient) == (0, 2)


def test_wikiwars_floor(shared_dir: Path) -> None:
    """Held-out strict+value F1 may only go up: the floor is pinned below the measured value. The held-out
    part is four documents since 03_AmCivWar moved to the tuning part (see ``wikiwars.TUNING``)."""
    parts = evaluate_tagger(read_corpus(shared_dir / "data" / "wikiwarsde"))
    assert parts["tuning"].as_dict()["strict_value_f1"] >= 0.935
    assert parts["held-out"].as_dict()["strict_value_f1"] >= 0.88
    assert parts["held-out"].as_dict()["strict_f1"] >= 0.90
    assert parts["all"].as_dict()["strict_value_f1"] >= 0.925
    assert parts["all"].as_dict()["lenient_f1"] >= 0.97


def test_eval_times_command(shared_dir: Path) -> None:
    from lagebild.cli import main

    result = CliRunner().invoke(main, ["eval-times", "--wikiwars", str(shared_dir / "data" / "wikiwarsde")])
    assert result.exit_code == 0, result.output
    assert "held-out" in result.output


def test_by_document_prints_totals_without_errors(tmp_path: Path) -> None:
    """``--by-document`` gives one line of counts per document, and no text of the document."""
    from lagebild.cli import main

    (tmp_path / "keyinline").mkdir()
    (tmp_path / "keyinline" / "99_Test.key.xml").write_text(INVENTED, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval-times", "--wikiwars", str(tmp_path), "--by-document"])
    assert result.exit_code == 0, result.output
    line = next(row for row in result.output.splitlines() if row.startswith("99_Test"))
    assert line.split()[1:4] == ["held-out", "2", "2"]
    assert line.split()[-1] == "100.0%"
    assert "März" not in result.output and "1920" not in result.output
