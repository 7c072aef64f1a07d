"""The ``lagebild`` command line. Each command is a thin layer over a library call.

Exit codes: 0 success; 1 a check failed (an eval under its floor); 2 bad usage; 3 some input items
could not be read (the others were processed).
"""

from __future__ import annotations

import json
import sys

import click

from lagebild import __version__
from lagebild.errors import InputError, LagebildError

EXIT_FLOOR = 1
EXIT_BAD_ITEMS = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """lagebild: a situation picture from German conflict news.

    \b
    Example:
      lagebild analyze ../shared/seeds/*.txt --format text
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that do not carry one.")
@click.option("--source", help="Source name for inputs that do not carry one.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default=None,
    help="json: one indented object (one input); jsonl: one object per line; text: a readable summary. "
    "Default: json for one input, jsonl for several.",
)
@click.option("--stages", help="Comma-separated stage names to run instead of the default pipeline.")
def analyze(paths: tuple[str, ...], published: str | None, source: str | None, fmt: str | None,
            stages: str | None) -> None:
    """Analyse articles and print their facts (PATH may be a file, a folder or - for JSONL on stdin).

    \b
    Example:
      lagebild analyze article.txt --published 2016-12-14
      echo '{"id": "a1", "text": "…", "published": "2016-12-14"}' | lagebild analyze - --format jsonl
    """
    from lagebild.ingest import read_paths
    from lagebild.ingest.text import normalise_date
    from lagebild.pipeline import Pipeline, default_pipeline
    from lagebild.serialize import document_to_dict
    from lagebild.summary import summarize

    if published:
        published = normalise_date(published, "--published")
    pipeline = Pipeline(stages=tuple(s.strip() for s in stages.split(","))) if stages else default_pipeline()
    items = list(read_paths(paths, published=None, source=source))
    articles = [i for i in items if not isinstance(i, InputError)]
    if published:
        from dataclasses import replace

        articles = [a if a.published else replace(a, published=published) for a in articles]
    if fmt is None:
        fmt = "json" if len(articles) == 1 and len(items) == 1 else "jsonl"
    failed = 0
    for item in items:
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"lagebild: skipped {item}", err=True)
    for article in articles:
        try:
            doc = pipeline(article)
        except LagebildError as exc:
            failed += 1
            click.echo(f"lagebild: {article.id}: analysis failed: {exc}", err=True)
            continue
        if fmt == "text":
            click.echo(summarize(doc) + "\n")
        else:
            record = document_to_dict(doc)
            click.echo(json.dumps(record, ensure_ascii=False, indent=2 if fmt == "json" else None))
    if failed:
        sys.exit(EXIT_BAD_ITEMS)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--floor", "floors", multiple=True, metavar="KIND=F1",
    help="Fail (exit 1) when the 'right' F1 of KIND is below F1, e.g. --floor figures=0.9. Repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--quiet", is_flag=True, help="Do not list the misses.")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False), default=None,
    help="Folder the gold's corpus references resolve against (default: the data folder beside the gold "
    "file's folder, else ../shared/data).",
)
def eval_command(gold: str, floors: tuple[str, ...], as_json: bool, quiet: bool, data: str | None) -> None:
    """Score the pipeline against analyst gold (lagebild-gold/1) and list what it missed.

    \b
    Example:
      lagebild eval ../shared/gold/seeds.gold.json --floor times=0.8 --floor figures=0.8
      lagebild eval tests/data/gold/conflict_news.blind.gold.json --data ../shared/data --quiet
    """
    from lagebild.evaluate.gold import evaluate, format_table

    limits: dict[str, float] = {}
    for floor in floors:
        kind, _, value = floor.partition("=")
        try:
            limits[kind.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{floor!r}: expected KIND=NUMBER", param_hint="--floor") from None
    scores = evaluate(gold, data=data)
    unknown = set(limits) - set(scores)
    if unknown:
        raise click.BadParameter(f"unknown kind(s) {sorted(unknown)}; kinds: {sorted(scores)}", param_hint="--floor")
    if as_json:
        click.echo(json.dumps({k: s.as_dict() for k, s in scores.items()}, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(scores, show_misses=not quiet))
    below = [(k, scores[k].right_prf[2], v) for k, v in limits.items() if scores[k].right_prf[2] < v]
    for kind, got, want in below:
        click.echo(f"FLOOR FAILED: {kind} F1 {got:.3f} < {want:.3f}", err=True)
    if below:
        sys.exit(EXIT_FLOOR)


@main.command()
def pipeline() -> None:
    """Print the default pipeline's configuration: its stages, what each requires and assigns.

    \b
    Example:
      lagebild pipeline
    """
    from lagebild.pipeline import default_pipeline

    click.echo(default_pipeline().config_text())


@main.command()
def schema() -> None:
    """Print the JSON Schema of the analysis output (the public contract).

    \b
    Example:
      lagebild schema > analysis.schema.json
    """
    from lagebild.serialize import analysis_schema

    click.echo(json.dumps(analysis_schema(), ensure_ascii=False, indent=2))


# Commands defined beside the code they drive (each module keeps its heavy imports inside the command).
# Register one per line: main.add_command(<module>.<command>)
from lagebild.evaluate import spkatt as _spkatt  # noqa: E402

main.add_command(_spkatt.eval_quotes)
from lagebild.evaluate import ner as _ner  # noqa: E402

main.add_command(_ner.eval_ner)
from lagebild.store import commands as _store_commands  # noqa: E402

main.add_command(_store_commands.ingest)
from lagebild.serve import commands as _serve_commands  # noqa: E402

main.add_command(_serve_commands.serve)
from lagebild.export import commands as _export_commands  # noqa: E402

main.add_command(_export_commands.export)
from lagebild.evaluate import clustering as _clustering  # noqa: E402

main.add_command(_clustering.eval_clustering)
from lagebild.evaluate import wikiwars as _wikiwars  # noqa: E402

main.add_command(_wikiwars.eval_times)
from lagebild.evaluate import mobie as _mobie  # noqa: E402

main.add_command(_mobie.eval_places)
from lagebild.evaluate import wikinews_places as _wikinews_places  # noqa: E402

main.add_command(_wikinews_places.eval_places_news)

from lagebild.evaluate import events_news as _events_news  # noqa: E402

main.add_command(_events_news.eval_events_news)
from lagebild.evaluate import events_arvig as _events_arvig  # noqa: E402

main.add_command(_events_arvig.eval_events_arvig)
from lagebild.evaluate import parser as _parser  # noqa: E402

main.add_command(_parser.eval_parser)
from lagebild.store import commands as _store_commands_recombine  # noqa: E402

main.add_command(_store_commands_recombine.recombine)
from lagebild import backfill as _backfill  # noqa: E402

main.add_command(_backfill.backfill_command)


def run() -> None:
    try:
        main()
    except LagebildError as exc:
        click.echo(f"lagebild: error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
