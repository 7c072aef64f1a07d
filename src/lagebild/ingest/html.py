"""HTML pages: main text, title, date and URL extracted with trafilatura."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.text import decode, make_article, read_bytes, sidecar_metadata
from lagebild.model import Article

MAX_HTML_BYTES = 20_000_000
"""Largest HTML page we parse (20 MB); bigger pages are refused with an error for that item."""

MIN_WORDS = 5
"""Pages whose main text has fewer words are menus or error pages, not articles."""

MAX_TREE_SIZE = 200_000
"""Largest number of HTML elements trafilatura may walk; guards against deeply nested pages."""


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "max_tree_size", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "max_file_size", str(MAX_HTML_BYTES))
    config.set("DEFAULT", "extraction_timeout", "0")  # signals do not work off the main thread
    config.set("DEFAULT", "min_extracted_size", "100")
    return config


def extract_html(html: str | bytes, item: str, url: str | None = None, **meta: Any) -> Article:
    """An Article from one HTML page. Metadata passed in ``meta`` wins over what the page says."""
    import trafilatura

    if isinstance(html, bytes):
        if len(html) > MAX_HTML_BYTES:
            raise InputError(item, f"HTML page too large ({len(html):,} bytes; the limit is {MAX_HTML_BYTES:,})")
        html = decode(html, item)
    elif len(html) > MAX_HTML_BYTES:
        raise InputError(item, f"HTML page too large ({len(html):,} characters; the limit is {MAX_HTML_BYTES:,})")
    if not html.strip():
        raise InputError(item, "empty input: there is no text to analyse")
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            config=_config(),
        )
    except (ValueError, RecursionError) as exc:
        raise InputError(item, f"cannot parse the HTML page: {exc}") from exc
    if result is None:
        raise InputError(item, "no article text found in the HTML page")
    data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") or ""
    if len(text.split()) < MIN_WORDS:
        raise InputError(item, f"no article text found in the HTML page (only {len(text.split())} words outside navigation)")
    merged = {
        "title": data.get("title"),
        "url": url or data.get("url"),
        "published": data.get("date"),
        "source": data.get("sitename") or data.get("hostname"),
        "language": data.get("language"),
    }
    merged.update({k: v for k, v in meta.items() if v is not None})
    return make_article(text, item, **merged)


def read_html_file(path: Path, **options: Any) -> Article:
    raw = read_bytes(path, MAX_HTML_BYTES)
    meta = {**sidecar_metadata(path), **{k: v for k, v in options.items() if v is not None}}
    return extract_html(raw, str(path), **meta)
