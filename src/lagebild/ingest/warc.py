"""WARC files as Common Crawl's CC-NEWS publishes them (``.warc``, ``.warc.gz``).

Only ``response`` records with an HTML payload become articles; the article text is extracted with
trafilatura. The URL is the record's ``WARC-Target-URI``; the published date is the page's own date when
it states one (trafilatura reads meta tags and visible dates), else the record's ``WARC-Date`` (for
CC-NEWS the crawl follows publication within hours). Every record that cannot be used (truncated, too
large, a decompression bomb, no article text) is an :class:`~lagebild.errors.InputError` naming the
file, the record's offset and its URL; the rest of the file goes on. A file that breaks off in the
middle (truncated gzip) yields an error for the rest of the file after the records read so far.

Example::

    from lagebild.ingest.warc import iter_warc

    for item in iter_warc("CC-NEWS-20240506101500-00000.warc.gz"):
        print(item)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.html import MAX_HTML_BYTES, extract_html
from lagebild.model import Article

MAX_RECORD_BYTES = MAX_HTML_BYTES
"""Largest HTML payload read from one record, after content decoding (20 MB)."""

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _decompress(body: bytes, encoding: str, item: str) -> bytes:
    """Undo a gzip/deflate Content-Encoding, stopping at MAX_RECORD_BYTES (decompression bombs)."""
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}.get(encoding)
    if wbits is None:
        raise InputError(item, f"unsupported Content-Encoding {encoding!r}")
    decompressor = zlib.decompressobj(wbits)
    try:
        out = decompressor.decompress(body, MAX_RECORD_BYTES + 1)
    except zlib.error as exc:
        if encoding == "deflate":  # raw deflate without a zlib header is common
            try:
                return _decompress_raw(body, item)
            except zlib.error:
                pass
        raise InputError(item, f"cannot decompress the payload ({encoding}): {exc}") from None
    if len(out) > MAX_RECORD_BYTES:
        raise InputError(item, f"payload decompresses to more than {MAX_RECORD_BYTES:,} bytes (decompression bomb?)")
    return out


def _decompress_raw(body: bytes, item: str) -> bytes:
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    out = decompressor.decompress(body, MAX_RECORD_BYTES + 1)
    if len(out) > MAX_RECORD_BYTES:
        raise InputError(item, f"payload decompresses to more than {MAX_RECORD_BYTES:,} bytes (decompression bomb?)")
    return out


def _dechunk(body: bytes, item: str) -> bytes:
    """Undo HTTP chunked transfer encoding."""
    out = bytearray()
    position = 0
    while position < len(body):
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            break
        try:
            size = int(body[position:line_end].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            raise InputError(item, "broken chunked transfer encoding") from None
        if size == 0:
            break
        start = line_end + 2
        out += body[start : start + size]
        position = start + size + 2
    return bytes(out)


def _header(record: Any, name: str) -> str | None:
    headers = record.http_headers
    if headers is None:
        return None
    value = headers.get(name)
    return str(value).strip().lower() if value else None


def record_to_article(record: Any, location: str, **options: Any) -> Article | None:
    """The Article of one response record; None for records that are not HTML (skipped silently)."""
    url = record.headers.get("WARC-Target-URI") or None
    item = f"{location}@{record.stream_pos}" + (f" ({url})" if url else "")
    content_type = (record.http_content_type or "").lower()
    if not content_type.startswith(HTML_TYPES):
        return None
    expected = record.content_length
    body = record.reader.read(MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        raise InputError(item, f"payload too large (more than {MAX_RECORD_BYTES:,} bytes)")
    if expected is not None and len(body) < expected:
        raise InputError(item, f"truncated record: {len(body):,} of {expected:,} payload bytes")
    if _header(record, "Transfer-Encoding") == "chunked":
        body = _dechunk(body, item)
    encoding = _header(record, "Content-Encoding")
    if encoding and encoding != "identity":
        body = _decompress(body, encoding, item)
    published = None
    if record.record_date is not None:
        published = record.record_date.date().isoformat()
    meta = {k: v for k, v in options.items() if v is not None}
    article = extract_html(body, item, url=url, **meta)
    if article.published is None and published is not None:
        from dataclasses import replace

        article = replace(article, published=published)
    return article


def iter_warc(path: str | Path, **options: Any) -> Iterator[Article | InputError]:
    """Articles of the HTML response records of a WARC file (plain or gzipped, per record or whole)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    location = str(path)
    try:
        if Path(path).stat().st_size == 0:
            yield InputError(location, "empty file: a WARC file holds at least one record")
            return
        stream = Path(path).open("rb")  # noqa: SIM115 - closed by the with block below
    except OSError as exc:
        yield InputError(location, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="none",
            fsspec_args=False,
        )
        seen = 0
        iterator = iter(records)
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                break
            except (OSError, ValueError, EOFError) as exc:
                where = "at its start" if seen == 0 else f"after {seen} records"
                yield InputError(location, f"corrupt or truncated WARC file {where}: {exc}")
                break
            seen += 1
            try:
                article = record_to_article(record, location, **options)
            except InputError as exc:
                yield exc
                continue
            except (OSError, ValueError) as exc:
                yield InputError(f"{location}@{record.stream_pos}", f"cannot read the record: {exc}")
                continue
            if article is not None:
                yield article


__all__ = ["iter_warc", "record_to_article"]
