"""Readers: plain text, JSONL, HTML (and feeds and WARC files) into :class:`~lagebild.model.Article`.

:func:`read_paths` dispatches on the file type and yields an Article for every good item and an
:class:`~lagebild.errors.InputError` for every bad one, so a batch goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.feeds import read_feed_file, read_url
from lagebild.ingest.fetch import is_url
from lagebild.ingest.html import read_html_file
from lagebild.ingest.jsonl import iter_jsonl
from lagebild.ingest.text import read_text_file
from lagebild.ingest.warc import iter_warc
from lagebild.model import Article

Reader = Callable[..., Iterator[Article | InputError]]

_SUFFIX_READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file name endings (".warc.gz"); longer endings win."""

    def add(reader: Reader) -> Reader:
        for suffix in suffixes:
            _SUFFIX_READERS[suffix.lower()] = reader
        return reader

    return add


def _single(fn: Callable[..., Article]) -> Reader:
    def reader(path: Path, **options: Any) -> Iterator[Article | InputError]:
        try:
            yield fn(path, **options)
        except InputError as exc:
            yield exc

    return reader


register_reader(".txt", ".text", ".md")(_single(read_text_file))
register_reader(".html", ".htm", ".xhtml")(_single(read_html_file))
register_reader(".jsonl", ".jsonl.gz", ".ndjson")(iter_jsonl)
register_reader(".warc", ".warc.gz")(iter_warc)
register_reader(".rss", ".atom", ".xml")(read_feed_file)


def reader_for(path: Path) -> Reader:
    name = path.name.lower()
    for suffix in sorted(_SUFFIX_READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIX_READERS[suffix]
    return _single(read_text_file)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and not child.name.endswith(".json"):
                    yield child
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def read_paths(paths: Iterable[str | Path], **options: Any) -> Iterator[Article | InputError]:
    """Articles from files and folders (recursively). ``options`` (published, source, language …) apply
    to every article and win over what the files say. A ``-`` path reads JSONL from standard input."""
    import sys

    for entry in paths:
        if str(entry) == "-":
            from lagebild.ingest.jsonl import parse_record

            for number, line in enumerate(sys.stdin, start=1):
                if line.strip():
                    try:
                        yield parse_record(line, f"<stdin>:{number}", **options)
                    except InputError as exc:
                        yield exc
            continue
        if is_url(entry):  # a feed (every item) or a single page, fetched under the default FetchPolicy
            yield from read_url(str(entry), **options)
            continue
        for path in _expand([entry]):
            if isinstance(path, InputError):
                yield path
                continue
            yield from reader_for(path)(path, **options)


__all__ = ["read_paths", "register_reader", "reader_for"]
