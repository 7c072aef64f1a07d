"""Language data. German word lists live in ``lang/de/`` as text or JSON files, each with a header
(lines starting with ``#``) that says where the list comes from.

The files are read through :mod:`lagebild.resources` (once per process, one behaviour): a missing,
unreadable or empty file is a :class:`~lagebild.errors.ResourceError` naming it, never an empty list.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from lagebild.resources import resources_for


def data_path(name: str, lang: str = "de") -> str:
    """Where the data file ``name`` of ``lang`` lies in the installed package."""
    return str(resources_for(lang).path(name))


def load_wordlist(name: str, lang: str = "de") -> tuple[str, ...]:
    """Lines of a word list, without comments (``#``) and blank lines (e.g. ``speech_verbs.txt``)."""
    return resources_for(lang).wordlist(name)


def load_json(name: str, lang: str = "de") -> Any:
    """A JSON data file from ``lang/<lang>/`` (a ``_about`` key holds its provenance)."""
    return resources_for(lang).json(name)


@cache
def given_names(lang: str = "de") -> frozenset[str]:
    """The given names of ``given_names.txt``, as written, for lookups."""
    return frozenset(load_wordlist("given_names.txt", lang))
