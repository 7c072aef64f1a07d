"""``lagebild ingest``: analyse articles into the store, with a progress bar and a summary."""

from __future__ import annotations

import sys

import click

from lagebild.store.store import DEFAULT_URL

EXIT_BAD_ITEMS = 3

db_option = click.option(
    "--db", "db", default=DEFAULT_URL, show_default=True, envvar="LAGEBILD_DB",
    help="Database URL (sqlite:///FILE, a plain file path, or postgresql://USER@HOST:PORT/DB); env LAGEBILD_DB.",
)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse in this many processes (needs lagebild.distributed).")
@click.option("--scheduler", metavar="URL", help="Analyse on a Dask cluster at URL (needs lagebild.distributed).")
@click.option("--source", help="Source name for inputs that do not carry one.")
@click.option("--quiet", is_flag=True, help="No progress bar; print only the summary.")
def ingest(paths: tuple[str, ...], db: str, workers: int, scheduler: str | None, source: str | None,
           quiet: bool) -> None:
    """Analyse articles (files, folders, JSONL; - for JSONL on stdin) and store them with their facts.

    Articles already stored from the same pipeline are skipped (by the hash of their text); after the
    batch, stories and combined events are computed again over everything stored. Exit code 3 when
    some items failed (the others are stored).

    \b
    Example:
      lagebild ingest demo/articles.jsonl --db var/lagebild.sqlite
      lagebild ingest ../shared/seeds/ --db postgresql://lagebild@127.0.0.1:5432/lagebild
    """
    from rich.console import Console
    from rich.table import Table

    from lagebild.ingest import read_paths
    from lagebild.pipeline import default_pipeline
    from lagebild.progress import progress_bar
    from lagebild.store.batch import ingest_items, parallel_analysis, serial_analysis
    from lagebild.store.store import Store

    console = Console(stderr=True)
    pipeline = default_pipeline()
    analyse = None
    if workers > 1 or scheduler:
        analyse = parallel_analysis(workers, scheduler)
        if analyse is None:
            console.print("[yellow]lagebild: parallel analysis is not installed; analysing in this process[/]")
    if analyse is None:
        analyse = serial_analysis(pipeline)
    options = {"source": source} if source else {}
    with Store.open(db) as store:
        items = read_paths(paths, **options)
        with progress_bar("ingest", console, quiet) as bar:

            def advance(item: str, outcome: str) -> None:
                bar(1, f"{outcome:9} {item[:40]}")

            summary = ingest_items(store, items, analyse, pipeline.version, on_item=advance)
        table = Table(title="ingest", caption=store.display_url, show_header=False, min_width=40)
        for key, value in summary.as_dict().items():
            if key != "failed":
                table.add_row(key, str(value))
        table.add_row("failed", str(len(summary.failed)))
        Console().print(table)
    for item, reason in summary.failed:
        click.echo(f"lagebild: failed {item}: {reason}", err=True)
    if summary.failed:
        sys.exit(EXIT_BAD_ITEMS)


@click.command()
@db_option
def recombine(db: str) -> None:
    """Rebuild stories, combined events and near-duplicate links over everything stored.

    ``lagebild ingest`` joins each new article to its story and combined events on arrival; this runs
    the batch computation over all stored articles instead and saves the state later ingests continue
    from (after changing the combine's settings, or for a store filled without combining).

    \b
    Example:
      lagebild recombine --db var/lagebild.sqlite
    """
    from lagebild.store.store import Store
    from lagebild.store.streaming import recombine as rebuild

    with Store.open(db) as store:
        result = rebuild(store)
        click.echo(f"{store.display_url}: {len(result.stories)} stories, {len(result.events)} combined events, "
                   f"{len(result.duplicates)} near-duplicates")
