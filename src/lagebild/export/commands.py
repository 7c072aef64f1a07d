"""``lagebild export``: the stored events as CSV, GeoJSON, Parquet or JSONL."""

from __future__ import annotations

import sys

import click

from lagebild.store.commands import db_option


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson", "parquet", "jsonl"]), required=True,
              help="csv: ACLED's columns plus ours; geojson: a FeatureCollection of events; parquet: the CSV's "
              "columns, typed; jsonl: one combined event per line with its sources, figures and claims over time.")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
def export(fmt: str, db: str, output: str) -> None:
    """Export the stored (combined) events.

    \b
    Example:
      lagebild export --format csv --db var/lagebild.sqlite -o events.csv
      lagebild export --format geojson > events.geojson
    """
    from lagebild.export import write_export
    from lagebild.store import Store

    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE or redirect standard output")
    with Store.open(db) as store:
        count = write_export(store, fmt, output)
    if output != "-":
        click.echo(f"lagebild: wrote {count} events to {output}", err=True)
