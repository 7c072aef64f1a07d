"""Plain-text articles: UTF-8 or a detected encoding, metadata from a JSON sidecar or options."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.model import Article

MAX_BYTES = 5_000_000
"""Largest input item we read (5 MB of text is ~800,000 words, far above any news article)."""

_CONTROL_OK = {"\n", "\r", "\t", "\f"}


def decode(raw: bytes, item: str) -> str:
    """Decode bytes of one input item: UTF-8 first, else the encoding charset-normalizer detects.

    Raises InputError for binary data (NUL bytes, control characters) and undecodable bytes.
    """
    if not raw.strip():
        raise InputError(item, "empty input: there is no text to analyse")
    if b"\x00" in raw[:8192]:
        raise InputError(item, "binary data (NUL bytes): expected text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise InputError(item, "cannot detect the text encoding; convert the file to UTF-8") from None
        text = str(best)
    controls = sum(1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(item, "binary data (control characters): expected text")
    return text


def clean_text(text: str) -> str:
    """The text as it is analysed and stored. Kept verbatim (only a byte-order mark is dropped), so
    that offsets also hold against the caller's own copy of the text."""
    return text.removeprefix("\ufeff")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    item = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(item, f"cannot read: {exc.strerror or exc}") from exc
    if size > limit:
        raise InputError(item, f"too large ({size:,} bytes; the limit is {limit:,})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(item, f"cannot read: {exc.strerror or exc}") from exc


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """Metadata from ``<file>.json`` or ``<stem>.meta.json`` beside a text file, if there is one."""
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(str(candidate), f"sidecar is not valid JSON: {exc}") from exc
            if not isinstance(data, dict):
                raise InputError(str(candidate), "sidecar must be a JSON object")
            return data
    return {}


def make_article(text: str, item: str, **meta: Any) -> Article:
    """An Article from cleaned text and metadata; unknown metadata keys are ignored."""
    text = clean_text(text)
    if not text.strip():
        raise InputError(item, "empty input: there is no text to analyse")
    published = meta.get("published") or meta.get("date")
    if published is not None:
        published = normalise_date(str(published), item)
    return Article(
        text=text,
        id=str(meta["id"]) if meta.get("id") not in (None, "") else "",
        url=meta.get("url"),
        source=meta.get("source"),
        title=meta.get("title"),
        published=published,
        language=str(meta.get("language") or "de"),
    )


def normalise_date(value: str, item: str) -> str:
    """An ISO date ``YYYY-MM-DD`` from an ISO date or timestamp; InputError otherwise."""
    from datetime import date, datetime

    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError(item, f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def read_text_file(path: Path, **options: Any) -> Article:
    raw = read_bytes(path)
    text = decode(raw, str(path))
    meta = {**sidecar_metadata(path), **{k: v for k, v in options.items() if v is not None}}
    meta.setdefault("source", None)
    return make_article(text, str(path), **meta)
