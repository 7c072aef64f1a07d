"""The command line: analyze prints contract-valid JSON, eval prints the table and honours floors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lagebild.cli import main
from lagebild.serialize import validate

# Invented example articles.
ARTICLES = [
    {"id": "x1", "text": "Mossul. Bei Gefechten sind am Sonntag 14 Kämpfer getötet worden, sagte ein Armeesprecher.",
     "published": "2024-06-10"},
    {"id": "x2", "text": "Die Rebellen hätten die Stadt verlassen, teilte das Ministerium mit.", "published": "2024-06-11"},
]


def test_analyze_jsonl_is_valid_against_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [r["id"] for r in records] == ["x1", "x2"]
    for record, article in zip(records, ARTICLES, strict=True):
        validate(record)
        assert record["text"] == article["text"]
        assert record["published"] == article["published"]


def test_analyze_reports_bad_items_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLES[0]["text"], encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope.txt"), str(good), "--published", "2024-06-10"])
    assert result.exit_code == 3
    assert "nope.txt: no such file" in result.stderr
    record = json.loads(result.stdout)
    assert record["published"] == "2024-06-10"


def test_analyze_stdin_jsonl() -> None:
    result = CliRunner().invoke(main, ["analyze", "-"], input=json.dumps(ARTICLES[1]) + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "x2"


def test_analyze_text_summary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLES[0]["text"], encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", "text", "--published", "2024-06-10"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("== Mossul.")
    assert "published 2024-06-10" in result.output


def test_eval_table_and_floors(shared_dir: Path) -> None:
    gold = str(shared_dir / "gold" / "seeds.gold.json")
    result = CliRunner().invoke(main, ["eval", gold, "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert {"places", "times", "figures", "quotes", "events", "conflicts"} <= set(scores)
    assert scores["figures"]["gold"] == 8
    failing = CliRunner().invoke(main, ["eval", gold, "--quiet", "--floor", "times=1.01"])
    assert failing.exit_code == 1
    assert "FLOOR FAILED: times" in failing.stderr


def test_eval_rejects_unknown_floor_kind(shared_dir: Path) -> None:
    gold = str(shared_dir / "gold" / "seeds.gold.json")
    result = CliRunner().invoke(main, ["eval", gold, "--floor", "colours=0.5"])
    assert result.exit_code == 2


def test_pipeline_prints_every_stage_contract_and_the_check() -> None:
    from lagebild.pipeline import DEFAULT_STAGES

    result = CliRunner().invoke(main, ["pipeline"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(" > ".join(DEFAULT_STAGES))
    heads = [line for line in lines if line[:2].strip().isdigit()]
    assert [line.split()[1] for line in heads] == list(DEFAULT_STAGES)
    for kind in ("requires", "uses", "assigns"):
        assert sum(1 for line in lines if line.strip().startswith(kind + " ")) == len(DEFAULT_STAGES)
    assert "requires  figures (figures.v1)" in result.output  # conflicts.v1
    assert lines[-1].startswith(f"contract check: ok ({len(DEFAULT_STAGES)} stages)")


# Commands every build has; a module that fails to import must fail here, not make its command vanish.
CORE_COMMANDS = ("analyze", "eval", "pipeline", "schema", "ingest", "serve", "export")


def test_every_command_is_registered_and_has_help_with_an_example() -> None:
    assert set(CORE_COMMANDS) <= set(main.commands)
    for name in sorted(main.commands):
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output, f"`lagebild {name} --help` shows no example"


def test_the_command_line_starts_in_a_fresh_process() -> None:
    """The way scripts and the fault tests start lagebild: an import error anywhere in the command
    modules is a failure here."""
    import subprocess
    import sys

    for name in ("ingest", "pipeline"):
        started = subprocess.run(
            [sys.executable, "-c", "from lagebild.cli import run; run()", name, "--help"],
            capture_output=True, text=True, timeout=120,
        )
        assert started.returncode == 0, started.stderr[-2000:]
        assert "Usage:" in started.stdout and name in started.stdout
