"""WARC (CC-NEWS) reader: HTML responses become articles with URL and date; bad records are errors."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.warc import MAX_RECORD_BYTES, iter_warc
from lagebild.model import Article

# Invented article text.
PARAGRAPHS = [
    "In der Provinz Westland haben Regierungstruppen am Sonntag eine Offensive gegen Stellungen der "
    "Aufständischen begonnen. Nach Angaben eines Armeesprechers wurden dabei zwölf Kämpfer getötet.",
    "Die Aufständischen sprachen dagegen von mehr als dreißig Toten unter der Zivilbevölkerung und "
    "warfen der Armee vor, Wohngebiete beschossen zu haben. Unabhängig überprüfen ließ sich das nicht.",
]


def page(title: str, with_date: bool = False) -> bytes:
    date = '<meta property="article:published_time" content="2024-05-04T18:00:00Z">' if with_date else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>{title}</title>{date}</head><body><article><h1>{title}</h1>{body}"
            "</article></body></html>").encode()


def record(url: str, payload: bytes, *, warc_type: str = "response", content_type: str = "text/html; charset=utf-8",
           date: str = "2024-05-06T10:15:00Z", http_headers: str = "", compress: bool = True) -> bytes:
    if warc_type == "response":
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{http_headers}"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        block = head + payload
        mime = "application/http; msgtype=response"
    else:
        block = payload
        mime = "application/http; msgtype=request"
    warc = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: {mime}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode() + block + b"\r\n\r\n"
    return gzip.compress(warc) if compress else warc


def test_html_responses_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-20240506101500-00000.warc.gz"
    path.write_bytes(
        record("https://zeitung.example/a1", b"GET /a1 HTTP/1.1\r\nHost: zeitung.example\r\n\r\n", warc_type="request")
        + record("https://zeitung.example/a1", page("Offensive in Westland"))
        + record("https://zeitung.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        + record("https://zeitung.example/a2", page("Gegenangriff", with_date=True), date="2024-05-06T11:00:00Z")
    )
    first, second = list(read_paths([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.url == "https://zeitung.example/a1"
    assert first.published == "2024-05-06"  # no date on the page: the record's date
    assert second.published == "2024-05-04"  # the page's own date wins
    assert PARAGRAPHS[0] in first.text and PARAGRAPHS[1] in first.text


def test_uncompressed_warc(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(record("https://zeitung.example/a1", page("Offensive"), compress=False))
    [article] = list(iter_warc(path))
    assert isinstance(article, Article)


def test_compressed_payload_and_bomb(tmp_path: Path) -> None:
    path = tmp_path / "encoded.warc.gz"
    bomb = gzip.compress(b" " * (MAX_RECORD_BYTES + 1_000_000), compresslevel=9)
    path.write_bytes(
        record("https://zeitung.example/bomb", bomb, http_headers="Content-Encoding: gzip\r\n")
        + record("https://zeitung.example/gz", gzip.compress(page("Gepackt")), http_headers="Content-Encoding: gzip\r\n")
        + record("https://zeitung.example/leer", b"<html><head></head><body><img src=x></body></html>")
    )
    bombed, packed, empty = list(iter_warc(path))
    assert isinstance(bombed, InputError)
    assert "decompression bomb" in bombed.reason
    assert bombed.item.startswith(f"{path}@0 (https://zeitung.example/bomb)")
    assert isinstance(packed, Article)
    assert PARAGRAPHS[0] in packed.text
    assert isinstance(empty, InputError)
    assert "https://zeitung.example/leer" in empty.item


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    whole = record("https://zeitung.example/a1", page("Eins")) + record("https://zeitung.example/a2", page("Zwei"))
    path.write_bytes(whole[: len(whole) - 200])
    items = list(iter_warc(path))
    assert isinstance(items[0], Article)
    assert len(items) == 2
    assert isinstance(items[1], InputError)
    assert "truncated" in items[1].reason


def test_not_a_warc_and_empty(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"\x00\x01 das ist kein WARC \xff" * 50)
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.warc.gz"
    items = list(read_paths([garbage, empty]))
    assert [type(i) for i in items] == [InputError, InputError]
    assert "corrupt or truncated WARC" in items[0].reason
    assert "empty" in items[1].reason
    [error] = list(iter_warc(missing))
    assert isinstance(error, InputError)
