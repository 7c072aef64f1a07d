"""JSONL: one article per line with ``text`` and optional id, title, url, source, published, language."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lagebild.errors import InputError
from lagebild.ingest.text import MAX_BYTES, make_article
from lagebild.model import Article

MAX_LINE_BYTES = MAX_BYTES


def parse_record(line: str | bytes, item: str, **options: Any) -> Article:
    """One JSONL record as an Article; InputError naming ``item`` (path:line) when it is not usable."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(item, f"not UTF-8 at byte {exc.start}") from exc
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(item, f"invalid JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise InputError(item, "a JSONL line must be a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(item, "missing or empty 'text' field")
    meta = {k: record.get(k) for k in ("id", "title", "url", "source", "published", "language")}
    if meta["published"] is None:
        meta["published"] = record.get("date")
    meta.update({k: v for k, v in options.items() if v is not None})
    return make_article(text, item, **meta)


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def iter_jsonl(path: Path, **options: Any) -> Iterator[Article | InputError]:
    """Articles from a JSONL file (optionally gzipped); a bad line yields an InputError, the rest go on."""
    try:
        handle = _open(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        number = 0
        try:
            while True:
                # read at most one byte past the limit, so a line without end cannot fill the memory
                line = handle.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                number += 1
                item = f"{path}:{number}"
                if len(line) > MAX_LINE_BYTES:
                    size = len(line)
                    while line and not line.endswith(b"\n"):  # skip the rest of the long line
                        line = handle.readline(MAX_LINE_BYTES + 1)
                        size += len(line)
                    yield InputError(item, f"line too long ({size:,} bytes; the limit is {MAX_LINE_BYTES:,})")
                    continue
                if not line.strip():
                    continue
                try:
                    yield parse_record(line, item, **options)
                except InputError as exc:
                    yield exc
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield InputError(f"{path}:{number + 1}", f"truncated or corrupt file: {exc}")
