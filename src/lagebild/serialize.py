"""The public JSON form of an analysed article (``lagebild analyze --format json|jsonl``).

The keys and their meaning are a contract, described by ``schema/analysis.schema.json``: new keys may be
added, none is renamed or removed. A change in what a key means raises :data:`SCHEMA_VERSION`, which every
record carries as ``schema`` (``lagebild-analysis/2``: a time's extent leaves out its leading preposition,
given as the time's ``signal``, as in TimeML). Facts are serialised field by field from their dataclasses, so
optional fields a stage adds appear without changes here.
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from lagebild import __version__
from lagebild.model import Document

SCHEMA_VERSION = "lagebild-analysis/2"  # 2: time extents without their preposition, which is the signal

_FACT_KEYS = ("entities", "actors", "places", "times", "figures", "quotes", "events", "conflicts")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if hasattr(type(value), "low") and isinstance(type(value).__dict__.get("low"), property):
            out["low"] = getattr(value, "low")  # noqa: B009 - derived ranges (Conflict) are part of the contract
            out["high"] = getattr(value, "high")  # noqa: B009
        return out
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def document_to_dict(doc: Document, include_text: bool = True) -> dict[str, Any]:
    """The JSON-ready dict of one analysed article."""
    article = doc.article
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "content_hash": article.content_hash,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "language": article.language,
    }
    if include_text:
        out["text"] = article.text
    out["dateline"] = _plain(doc.dateline)
    for key in _FACT_KEYS:
        out[key] = _plain(getattr(doc, key))
    out["warnings"] = list(doc.warnings)
    out["pipeline"] = doc.pipeline or f"lagebild {__version__}"
    return out


def document_to_json(doc: Document, indent: int | None = None) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`document_to_dict`'s output."""
    raw = resources.files("lagebild.schema").joinpath("analysis.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(raw)
    return schema


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` breaks the contract."""
    import jsonschema

    jsonschema.validate(record, analysis_schema())
