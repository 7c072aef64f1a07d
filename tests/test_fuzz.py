"""Fuzzing and malformed input: no reader and no extractor crashes, no offset leaves the text, and a bad
item is a clear InputError for that item while the batch goes on."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.feeds import iter_feed
from lagebild.ingest.html import extract_html
from lagebild.ingest.jsonl import parse_record
from lagebild.ingest.text import decode
from lagebild.model import Article, Document, Mention

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])

# Invented fragments that steer generated text towards what the extractors look for.
FRAGMENTS = [
    "Bei einem Angriff", " sind am Montag", " 12 Menschen", " getötet worden.", "„", "“", "\"", " sagte",
    " der Sprecher", " in Aleppo", " am 3. Mai 2016", " mindestens", " mehr als 200", " Zivilisten", "\n\n",
    " (dpa)", " – ", "Damaskus. ", " laut UN", " vor zwei Wochen", " bis zu 40", " Verletzte", ":", " 1.500",
    " Ende August", "\u00a0", "\t", " „Wir", " haben nichts", "\ufeff", "ß", "🙂", "\u200b", "\r\n",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join),
)


@pytest.fixture(scope="module")
def pipeline() -> Any:
    """The whole default pipeline: a stage that cannot be built or run here fails the test, it is never
    left out of what is fuzzed."""
    from lagebild.pipeline import DEFAULT_STAGES, Pipeline

    built = Pipeline()
    assert built.stages == DEFAULT_STAGES
    sample = built(Article(text="Bei einem Angriff auf Aleppo sind am Montag 12 Menschen getötet worden.",
                           published="2016-12-14"))
    assert sample.times and sample.figures and sample.places  # the plain facts of a plain sentence
    return built


def spans(value: Any) -> list[tuple[int, int, str]]:
    """Every (start, end, text) in a fact and its parts (Mentions, nested facts)."""
    found: list[tuple[int, int, str]] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        start, end = getattr(value, "start", None), getattr(value, "end", None)
        if {"start", "end", "text"} <= names and isinstance(start, int) and isinstance(end, int):
            found.append((start, end, str(getattr(value, "text", ""))))
        for name in names:
            found.extend(spans(getattr(value, name)))
    elif isinstance(value, list | tuple):
        for item in value:
            found.extend(spans(item))
    return found


def check_offsets(doc: Document) -> None:
    text = doc.text
    for start, end in doc.sentences:
        assert 0 <= start <= end <= len(text)
    for kind in ("entities", "actors", "places", "times", "figures", "quotes", "events", "conflicts"):
        for fact in getattr(doc, kind):
            assert getattr(fact, "doc_id", doc.id) == doc.id
            for start, end, evidence in spans(fact):
                assert 0 <= start <= end <= len(text), (kind, start, end, len(text))
                assert text[start:end] == evidence, (kind, start, end, evidence)
    if doc.dateline is not None:
        assert doc.dateline.text == text[doc.dateline.start:doc.dateline.end]


@FUZZ
@given(text=texts, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_pipeline_on_arbitrary_text(pipeline: Any, text: str, published: str | None) -> None:
    if not text.strip():
        return
    doc = pipeline(Article(text=text, published=published))
    check_offsets(doc)
    assert Mention(0, 0, "") == doc.mention(0, 0)


def assert_items(items: list[Any]) -> None:
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, Article):
            assert item.text.strip()
        else:
            assert item.item and item.reason


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_decode_and_records_on_arbitrary_bytes(raw: bytes) -> None:
    try:
        assert isinstance(decode(raw, "x.txt"), str)
    except InputError as exc:
        assert exc.item == "x.txt"
    try:
        parse_record(raw, "x.jsonl:1")
    except InputError as exc:
        assert exc.item == "x.jsonl:1"


@FUZZ
@given(raw=st.one_of(st.binary(max_size=3000), texts.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode())))
def test_html_and_feed_on_arbitrary_bytes(raw: bytes) -> None:
    try:
        article = extract_html(raw, "page.html")
        assert article.text.strip()
    except InputError as exc:
        assert exc.item == "page.html"
    assert_items(list(iter_feed(raw, "feed.rss")))
    assert_items(list(iter_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>'
                                + raw + b"</description></item></channel></rss>", "feed.rss")))


@FUZZ
@given(raw=st.binary(max_size=3000), cut=st.integers(min_value=0, max_value=400))
def test_warc_and_jsonl_files_on_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, raw: bytes,
                                                 cut: int) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(raw)).encode()
            + b"\r\n\r\n" + raw + b"\r\n\r\n")
    (folder / "a.warc.gz").write_bytes(gzip.compress(warc)[: max(0, len(warc) - cut)])
    (folder / "b.warc").write_bytes(raw)
    (folder / "c.jsonl").write_bytes(raw)
    (folder / "d.jsonl.gz").write_bytes(gzip.compress(raw)[: max(1, cut)])
    (folder / "e.txt").write_bytes(raw)
    assert_items(list(read_paths([folder])))


# --- malformed input in one batch ---------------------------------------------------------------------

GOOD = "Damaskus. Bei einem Luftangriff sind am Montag nach Angaben von Aktivisten acht Menschen getötet worden."


def warc_record(url: str, payload: bytes, encoding: str = "") -> bytes:
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{encoding}Content-Length: {len(payload)}\r\n\r\n").encode()
    block = head + payload
    return gzip.compress(
        (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-06T10:00:00Z\r\n"
         f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n").encode()
        + block + b"\r\n\r\n"
    )


def test_malformed_inputs_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>".encode()
    files: dict[str, bytes] = {
        "01-good.txt": GOOD.encode(),
        "02-latin1.txt": GOOD.encode("latin-1", errors="replace"),  # wrong encoding, detected
        "03-binary.txt": bytes(range(256)) * 20,
        "04-empty.txt": b"",
        "05-lines.jsonl": (json.dumps({"text": GOOD}) + "\n{kaputt\n" + json.dumps({"titel": "ohne Text"}) + "\n"
                           + json.dumps({"text": GOOD + " Zweiter Bericht."}) + "\n").encode(),
        "06-cut.jsonl.gz": gzip.compress((json.dumps({"text": GOOD + " Dritter."}) + "\n").encode() * 50)[:-40],
        "07-cut.warc.gz": (warc_record("https://x.example/1", page) + warc_record("https://x.example/2", page))[:-60],
        "08-huge.html": b"<html><body>" + b"<p>Absatz</p>" * (50_000_000 // 13) + b"</body></html>",
        "09-bomb.warc.gz": warc_record("https://x.example/bomb", gzip.compress(b" " * 60_000_000),
                                       "Content-Encoding: gzip\r\n"),
        "10-nested.html": b"<html><body>" + b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000 + b"</body></html>",
        "11-good.html": page,
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    items = list(read_paths([tmp_path]))
    assert_items(items)
    articles = [i for i in items if isinstance(i, Article)]
    errors = {Path(e.item.split("@")[0].rsplit(":", 1)[0]).name: e.reason for e in items if isinstance(e, InputError)}
    assert {a.text for a in articles} >= {GOOD, GOOD + " Zweiter Bericht."}
    assert "binary" in errors["03-binary.txt"]
    assert "empty" in errors["04-empty.txt"]
    assert "invalid JSON" in errors["05-lines.jsonl"] or "text" in errors["05-lines.jsonl"]
    assert sum(1 for e in items if isinstance(e, InputError) and "05-lines.jsonl" in e.item) == 2
    assert "truncated" in errors["06-cut.jsonl.gz"] or "corrupt" in errors["06-cut.jsonl.gz"]
    assert "truncated" in errors["07-cut.warc.gz"]
    assert "too large" in errors["08-huge.html"]
    assert "decompression bomb" in errors["09-bomb.warc.gz"]
    assert any(a.url == "https://x.example/1" for a in articles)  # the intact WARC record was read
    assert any(a.text.startswith(GOOD) and a.url is None for a in articles)  # 11-good.html
    assert sum(1 for a in articles if "Dritter" in a.text) >= 1  # lines before the cut were read
