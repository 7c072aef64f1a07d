"""Exports of the stored combined events: CSV (ACLED's columns and ours), GeoJSON, Parquet, JSONL.

Example::

    from lagebild.export import write_export
    from lagebild.store import Store

    with Store.open("var/lagebild.sqlite") as store:
        write_export(store, "csv", "events.csv")

CSV, GeoJSON and JSONL are streamed (one event, or for JSONL a batch of events, at a time); Parquet is built
in memory. JSONL carries each event's claims over time (``claim_history``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lagebild.errors import ConfigError
from lagebild.export.acled import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, acled_row

if TYPE_CHECKING:
    from lagebild.store import Store

FORMATS = {"csv": "csv", "geojson": "geojson", "parquet": "parquet", "jsonl": "jsonl"}  # format -> file ending
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
    "jsonl": "application/x-ndjson",
}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """Cells are written as they are, except text that a spreadsheet would run as a formula (article
    text is untrusted): it gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_chunks(store: Store) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in store.combined_events():
        writer.writerow({k: _csv_cell(v) for k, v in acled_row(event).items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson_feature(event: Any) -> dict[str, Any]:
    """A GeoJSON Feature of a combined event: a Point where it has coordinates (null geometry
    otherwise, as RFC 7946 allows); the properties are the CSV row plus the sources and figures."""
    from lagebild.store.codec import to_plain

    row = acled_row(event)
    place = event.place
    geometry = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    properties["sources"] = to_plain(event.sources)
    properties["figures"] = to_plain(event.fatalities.figures) if event.fatalities else []
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def _geojson_chunks(store: Store) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for event in store.combined_events():
        yield ("\n" if first else ",\n") + json.dumps(geojson_feature(event), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _jsonl_chunks(store: Store, batch: int = 200) -> Iterator[str]:
    """One combined event per line with its ``claim_history``: per figure kind, the claims in report
    order with claimant, article and sentence (:mod:`lagebild.store.history`)."""
    from lagebild.store.codec import to_plain
    from lagebild.store.history import histories

    pending: list[tuple[Any, dict[str, Any]]] = []

    def flush() -> Iterator[str]:
        series = histories(store, [record for _event, record in pending])
        for event, record in pending:
            record["event_id_cnty"] = acled_row(event)["event_id_cnty"]
            record["claim_history"] = series.get(str(record["id"]), [])
            yield json.dumps(record, ensure_ascii=False) + "\n"
        pending.clear()

    for event in store.combined_events():
        pending.append((event, to_plain(event)))
        if len(pending) >= batch:
            yield from flush()
    if pending:
        yield from flush()


def export_chunks(store: Store, fmt: str) -> Iterator[str]:
    """The text of a csv, geojson or jsonl export, piece by piece."""
    if fmt == "csv":
        return _csv_chunks(store)
    if fmt == "geojson":
        return _geojson_chunks(store)
    if fmt == "jsonl":
        return _jsonl_chunks(store)
    raise ConfigError(f"format {fmt!r} is not a text format; text formats: csv, geojson, jsonl")


def parquet_table(store: Store) -> Any:
    """The events as a typed pyarrow Table (the CSV's columns)."""
    import pyarrow as pa

    rows = [acled_row(event) for event in store.combined_events()]
    fields = [
        pa.field(c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
        for c in COLUMNS
    ]
    schema = pa.schema(fields, metadata={"producer": "lagebild", "columns": "ACLED names + lagebild extras"})
    return pa.Table.from_pylist(rows, schema=schema)


def export_bytes(store: Store, fmt: str) -> bytes:
    """A whole export as bytes (any format)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        sink = io.BytesIO()
        pq.write_table(parquet_table(store), sink, compression="zstd")
        return sink.getvalue()
    return "".join(export_chunks(store, fmt)).encode("utf-8")


def write_export(store: Store, fmt: str, output: str | Path | None) -> int:
    """Write an export to ``output`` (a path; None or "-" for standard output). Returns the events written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    count = store.facets()["events"]
    if fmt == "parquet":
        data = export_bytes(store, fmt)
        if output is None or str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            Path(output).write_bytes(data)
        return int(count)
    if output is None or str(output) == "-":
        for chunk in export_chunks(store, fmt):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            for chunk in export_chunks(store, fmt):
                handle.write(chunk)
    return int(count)


__all__ = ["COLUMNS", "FORMATS", "MEDIA_TYPES", "export_bytes", "export_chunks", "geojson_feature",
           "parquet_table", "write_export"]
