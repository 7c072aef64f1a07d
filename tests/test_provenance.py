"""Provenance: every fact every stage emits points at its evidence, ``text[start:end] == fact.text``.

Checked on arbitrary text (hypothesis), on sentences written for these tests, and on the real seeds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.model import Article, Document
from lagebild.pipeline import default_pipeline

# Invented sentences in the style of German conflict news; combined at random by the strategy below.
PIECES = [
    "Kabul/Berlin. ",
    "Bei einem Luftangriff nahe Mossul sind nach Angaben der Polizei mindestens 12 Menschen getötet worden. ",
    "„Wir haben keine Hoffnung mehr“, sagte ein Sprecher des Roten Kreuzes am Montagabend. ",
    "Die Armee habe die Stadt zurückerobert, erklärte das Verteidigungsministerium in Damaskus. ",
    "Aktivisten sprechen von 40 bis 50 Toten, darunter Kinder. ",
    "Seit Mitte März sind rund 3000 Menschen aus der Region geflohen. ",
    "Im Dezember 1999 war Grosny umzingelt. ",
    "Rebellen sollen am Dienstag einen Hubschrauber abgeschossen haben. ",
    "Der UN-Sondergesandte nannte die Lage eine \"humanitäre Katastrophe\". ",
    "Laut Amnesty International wurden Dutzende Zivilisten verhaftet. ",
    "\n\n",
    "«Unbalanced quote ",
    "„ ",
    "“ ",
    "500.000 ",
    "zwischen 20 und 30 Verletzte ",
]


def iter_spans(value: Any, path: str = "") -> Iterator[tuple[str, int, int, str]]:
    """Every (path, start, end, text) in a fact and its parts that claims a span of the article."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        if {"start", "end", "text"} <= names and isinstance(value.start, int):
            yield path, value.start, value.end, value.text
        for f in dataclasses.fields(value):
            if f.name not in {"start", "end", "text"}:
                yield from iter_spans(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from iter_spans(v, f"{path}[{i}]")


FACT_FIELDS = ("entities", "actors", "places", "times", "figures", "quotes", "events", "conflicts")


def check_provenance(doc: Document) -> int:
    text = doc.article.text
    checked = 0
    if doc.dateline is not None:
        assert text[doc.dateline.start : doc.dateline.end] == doc.dateline.text
    for name in FACT_FIELDS:
        for fact in getattr(doc, name):
            if hasattr(fact, "doc_id"):
                assert fact.doc_id == doc.article.id, f"{name}: fact from another document"
            for path, start, end, span_text in iter_spans(fact, name):
                assert 0 <= start <= end <= len(text), f"{path}: offsets {start}:{end} outside the text"
                assert text[start:end] == span_text, f"{path}: {text[start:end]!r} != {span_text!r}"
                checked += 1
    return checked


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), min_size=1, max_size=12),
    st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
)
def test_every_fact_points_at_its_evidence(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    if not text.strip():
        return
    doc = default_pipeline()(Article(text=text, published=published))
    check_provenance(doc)


def test_invented_article_has_grounded_facts() -> None:
    text = "".join(PIECES[:10])
    doc = default_pipeline()(Article(text=text, published="2024-03-20"))
    for kind in ("places", "times", "figures", "quotes", "events"):
        assert getattr(doc, kind), f"no {kind} found in the invented article"
    assert check_provenance(doc) >= 20


@pytest.mark.parametrize("name", ["000_3cc82696b4d49680.txt", "004_1696094cc6335f39.txt"])
def test_seed_facts_are_grounded(shared_dir: Path, name: str) -> None:
    text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
    doc = default_pipeline()(Article(text=text, published="2016-12-14"))
    check_provenance(doc)
