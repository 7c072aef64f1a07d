"""Language data. German word lists live in ``lang/de/`` as text or JSON files, each with a header
(lines starting with ``#``) that says where the list comes from."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from lagebild.errors import ModelError


def data_path(name: str, lang: str = "de") -> str:
    return str(resources.files("lagebild.lang").joinpath(lang, name))


@cache
def load_wordlist(name: str, lang: str = "de") -> tuple[str, ...]:
    """Lines of a word list, without comments (``#``) and blank lines."""
    try:
        raw = resources.files("lagebild.lang").joinpath(lang, name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"word list lang/{lang}/{name} is missing from the installed package") from exc
    return tuple(
        line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def load_json(name: str, lang: str = "de") -> Any:
    """A JSON data file from ``lang/<lang>/`` (a ``_about`` key holds its provenance)."""
    try:
        raw = resources.files("lagebild.lang").joinpath(lang, name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"data file lang/{lang}/{name} is missing from the installed package") from exc
    return json.loads(raw)
