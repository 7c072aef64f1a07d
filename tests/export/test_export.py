"""Exports: ACLED-named CSV columns, GeoJSON, typed Parquet, JSONL — all from the invented sample events."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from lagebild.export import COLUMNS, export_bytes, export_chunks
from lagebild.export.acled import ACLED_COLUMNS
from lagebild.store import Store
from tests.store.sample import sample_combined, sample_documents


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        for doc in sample_documents():
            opened.ingest(doc)
        opened.save_combined(sample_combined())
        yield opened


def read_csv(store: Store) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("".join(export_chunks(store, "csv")))))


def test_csv_has_acled_columns_then_ours(store: Store) -> None:
    text = "".join(export_chunks(store, "csv"))
    header = text.splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert {"fatalities_low", "fatalities_high", "claimants", "evidence"} <= set(header)
    for name in ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                 "notes", "fatalities"):
        assert name in header


def test_csv_values(store: Store) -> None:
    aleppo, mosul = read_csv(store)
    assert aleppo["event_id_cnty"] == "SYRev-aleppo" and aleppo["country"] == "Syria" and aleppo["iso"] == "760"
    assert (aleppo["event_date"], aleppo["year"], aleppo["time_precision"]) == ("2016-12-12", "2016", "1")
    assert aleppo["disorder_type"] == "Political violence"
    assert (aleppo["fatalities"], aleppo["fatalities_low"], aleppo["fatalities_high"]) == ("12", "12", "50")
    assert "Die syrische Regierung: 12 killed (beispiel-a)" in aleppo["claimants"]
    assert "Aktivisten: 50 killed (beispiel-b)" in aleppo["claimants"]
    assert "beispiel-b[11:81] Nach dem Luftangriff auf Aleppo" in aleppo["evidence"]
    assert aleppo["tags"] == "conflicting fatality figures" and "claims differ" in aleppo["notes"]
    assert aleppo["source"] == "Beispielzeitung; Musterblatt"
    assert (aleppo["latitude"], aleppo["longitude"], aleppo["location"]) == ("36.2", "37.16", "Aleppo")
    assert mosul["fatalities"] == "0" and mosul["fatalities_low"] == "" and mosul["actor1"] == "Military Forces of Iraq"
    assert mosul["source"] == "<b>Feindselig</b>"  # kept verbatim: CSV is data, not markup
    # ACLED actor type codes from the actor dictionary and from ACLED-style generic names
    assert (aleppo["inter1"], aleppo["inter2"], aleppo["interaction"]) == ("1", "7", "17")
    assert (mosul["inter1"], mosul["inter2"], mosul["interaction"]) == ("1", "", "10")


@pytest.mark.parametrize(("actor1", "actor2", "inter1", "inter2", "interaction"), [
    ("Military Forces of Syria", "Free Syrian Army", 1, 2, 12),
    ("Free Syrian Army", "Military Forces of Syria", 2, 1, 12),
    ("Free Syrian Army", "Syria Civil Defence", 2, 7, 27),
    ("Free Syrian Army", "", 2, None, 20),
    ("Eine unbekannte Gruppe", "", None, None, None),
    ("Unidentified Armed Group (Syria)", "Civilians (Syria)", 3, 7, 37),
    ("Military Forces of Nepal", "Rebels (Nepal)", 1, 2, 12),
])
def test_acled_inter_and_interaction_codes(actor1: str, actor2: str, inter1: int | None, inter2: int | None,
                                           interaction: int | None) -> None:
    from lagebild.export.acled import inter_code, interaction_code

    assert (inter_code(actor1), inter_code(actor2)) == (inter1, inter2)
    assert interaction_code(inter_code(actor1), inter_code(actor2)) == interaction


def test_csv_defuses_spreadsheet_formulas(store: Store) -> None:
    from dataclasses import replace

    events = list(store.combined_events())
    source = replace(events[1].sources[0], source="=HYPERLINK(\"http://example.org\")")
    store.save_combined(replace(sample_combined(), events=(events[0], replace(events[1], sources=(source,)))))
    assert read_csv(store)[1]["source"].startswith("'=HYPERLINK")


def test_geojson(store: Store) -> None:
    collection = json.loads("".join(export_chunks(store, "geojson")))
    assert collection["type"] == "FeatureCollection"
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}
    assert first["properties"]["event_type"] == "Explosions/Remote violence"
    assert [s["doc_id"] for s in first["properties"]["sources"]] == ["beispiel-a", "beispiel-b"]
    assert len(first["properties"]["figures"]) == 3


def test_geojson_event_without_coordinates_has_null_geometry(store: Store) -> None:
    from dataclasses import replace

    events = list(store.combined_events())
    store.save_combined(replace(sample_combined(), events=(replace(events[0], place=None),)))
    (feature,) = json.loads("".join(export_chunks(store, "geojson")))["features"]
    assert feature["geometry"] is None and feature["properties"]["location"] == ""


def test_parquet_is_typed(store: Store) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(export_bytes(store, "parquet")))
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.column("fatalities_high").to_pylist() == [50, None]


def test_jsonl_round_trips_combined_events(store: Store) -> None:
    from lagebild.model import CombinedEvent
    from lagebild.store.codec import from_plain

    lines = "".join(export_chunks(store, "jsonl")).splitlines()
    back = [from_plain(CombinedEvent, json.loads(line)) for line in lines]
    assert back == list(sample_combined().events)
