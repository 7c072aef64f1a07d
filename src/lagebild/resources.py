"""The resources layer: every language data file under ``lang/<lang>/`` is read here, once per process,
with one behaviour. A file that is missing, unreadable, not UTF-8, not valid JSON or gzip, or that holds
no entries is a :class:`~lagebild.errors.ResourceError` naming the file; no caller ever gets an empty
set in its place (an extractor that silently loses its lexicon only looks like one that got worse).

What is here:

* word lists (``speech_verbs.txt``, ``person_roles.tsv``: lines without ``#`` comments and blank lines),
* JSON data (``event_triggers.json``, ``figures.json``: a ``_about`` key holds the provenance),
* the gazetteer's lines (``gazetteer.tsv.gz``, GeoNames, CC BY 4.0), read by the places' gazetteer and
  the NER's place lists alike,
* the noun lexicon (``noun_lexicon_hanta.tsv``, LGPL-3.0; ``noun_lexicon_ud.tsv``, CC BY-SA 4.0;
  ``given_names.txt``): word → ``N`` common noun, ``E`` name, ``B`` both, ``F`` function word,
* the word classes (``word_clusters.tsv``, CC BY-SA 4.0): word → its class at 32, 128 and 512 classes.

:func:`default_resources` serves the installed package; ``Resources(folder)`` reads another folder
laid out like ``lang/`` (``folder/de/speech_verbs.txt``), e.g. to check a rebuilt list before shipping it.

Example::

    >>> from lagebild.resources import default_resources
    >>> "sagte" in default_resources().wordlist("speech_verbs.txt")  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources as _package_files
from pathlib import Path
from typing import Any, TypeVar

from lagebild.errors import ResourceError

GAZETTEER_FILE = "gazetteer.tsv.gz"
NOUN_LEXICON_FILES = ("noun_lexicon_hanta.tsv", "noun_lexicon_ud.tsv")
GIVEN_NAMES_FILE = "given_names.txt"
WORD_CLASSES_FILE = "word_clusters.tsv"

T = TypeVar("T")


def package_root() -> Path:
    """The folder of the installed language data (``lagebild/lang``)."""
    return Path(str(_package_files.files("lagebild.lang")))


def merge_lexicon_classes(
    hanta: dict[str, set[str]], ud: dict[str, set[str]], given_names: Iterable[str]
) -> dict[str, str]:
    """One class per word: ``F`` (a frequent function word stays one: "die" is no name), ``B`` (noun and
    name), else ``N`` or ``E``. HanTa's and UD's classes are united; given names are names.

    Example: "angriff" → ``N``, "aleppo" → ``E``, "wolf" (noun and name) → ``B``, "die" → ``F``.
    """
    merged: dict[str, set[str]] = {}
    for source in (hanta, ud):
        for word, marks in source.items():
            merged.setdefault(word, set()).update(marks)
    for word, marks in hanta.items():
        if marks == {"F"}:
            merged[word] = {"F"}
    for name in given_names:
        merged.setdefault(name.lower(), set()).add("E")
    return {
        word: "F" if "F" in marks else "B" if len(marks) == 2 else next(iter(marks))
        for word, marks in merged.items()
    }


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ResourceError(str(path), "the resource file is missing") from None
    except OSError as exc:
        raise ResourceError(str(path), f"the resource file cannot be read ({exc.strerror or exc})") from exc


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResourceError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_gzip_lines(path: Path) -> tuple[str, ...]:
    """The lines of a gzip-compressed UTF-8 file such as ``gazetteer.tsv.gz`` (``#`` lines included);
    a missing, cut or empty file is a ResourceError naming ``path``."""
    try:
        raw = gzip.decompress(_read_bytes(path))
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise ResourceError(str(path), f"not a complete gzip file ({exc})") from exc
    lines = tuple(_decode(path, raw).splitlines())
    if not any(line and not line.startswith("#") for line in lines):
        raise ResourceError(str(path), "the file holds no entries")
    return lines


class Resources:
    """The language data of one folder laid out like ``lagebild/lang`` (``<root>/<lang>/<file>``).

    Every loader reads its file once and keeps the result; every failure is a ResourceError naming
    the file.
    """

    def __init__(self, root: Path | str, lang: str = "de") -> None:
        self.root = Path(root)
        self.lang = lang
        self._loaded: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Resources({str(self.root)!r}, lang={self.lang!r})"

    def path(self, name: str) -> Path:
        """Where the file ``name`` of this language lies (whether or not it is there)."""
        return self.root / self.lang / name

    def _once(self, kind: str, name: str, load: Callable[[], T]) -> T:
        key = (kind, name)
        if key not in self._loaded:
            value = load()  # loaded outside the lock: two threads may both read, one result is kept
            with self._lock:
                self._loaded.setdefault(key, value)
        result: T = self._loaded[key]
        return result

    def text(self, name: str) -> str:
        """The whole file as text (UTF-8)."""
        return self._once("text", name, lambda: self._read_text(name))

    def _read_text(self, name: str) -> str:
        return _decode(self.path(name), _read_bytes(self.path(name)))

    def wordlist(self, name: str) -> tuple[str, ...]:
        """Lines of a word list, stripped, without comments (``#``) and blank lines; never empty."""

        def load() -> tuple[str, ...]:
            lines = tuple(
                line.strip()
                for line in self._read_text(name).splitlines()
                if line.strip() and not line.lstrip().startswith("#")
            )
            if not lines:
                raise ResourceError(str(self.path(name)), "the word list holds no entries")
            return lines

        return self._once("wordlist", name, load)

    def rows(self, name: str, columns: int) -> tuple[tuple[str, ...], ...]:
        """The tab-separated rows of a word list, each with exactly ``columns`` cells."""

        def load() -> tuple[tuple[str, ...], ...]:
            found = tuple(tuple(line.split("\t")) for line in self.wordlist(name))
            bad = next((row for row in found if len(row) != columns), None)
            if bad is not None:
                raise ResourceError(
                    str(self.path(name)), f"expected {columns} tab-separated columns, found {len(bad)} in {bad!r}"
                )
            return found

        return self._once(f"rows{columns}", name, load)

    def json(self, name: str) -> Any:
        """A JSON data file (an object; its ``_about`` key holds the provenance)."""

        def load() -> Any:
            try:
                data = json.loads(self._read_text(name))
            except json.JSONDecodeError as exc:
                raise ResourceError(str(self.path(name)), f"invalid JSON ({exc})") from exc
            if not data:
                raise ResourceError(str(self.path(name)), "the data file holds no entries")
            return data

        return self._once("json", name, load)

    def gzip_lines(self, name: str) -> tuple[str, ...]:
        """The lines of a gzip-compressed UTF-8 file (comments included: their format is the file's)."""
        return self._once("gzip", name, lambda: read_gzip_lines(self.path(name)))

    def gazetteer_lines(self) -> tuple[str, ...]:
        """The lines of ``gazetteer.tsv.gz``: ``#`` header lines, then one place per line (geonameid,
        name, country, lat, lon, feature, population, admin1, lookup keys separated by ``|``)."""
        return self.gzip_lines(GAZETTEER_FILE)

    def noun_lexicon(self) -> dict[str, str]:
        """Lower-cased word → ``N`` (common noun), ``E`` (name), ``B`` (both) or ``F`` (function word),
        merged from the HanTa and UD noun lexicons and the given names."""

        def classes(name: str) -> dict[str, set[str]]:
            return {word: set(marks) for word, marks in self.rows(name, 2)}

        def load() -> dict[str, str]:
            hanta, ud = (classes(name) for name in NOUN_LEXICON_FILES)
            return merge_lexicon_classes(hanta, ud, self.wordlist(GIVEN_NAMES_FILE))

        return self._once("noun_lexicon", "", load)

    def word_classes(self) -> dict[str, tuple[str, str, str]]:
        """Lower-cased word → its distributional class ids at 32, 128 and 512 classes."""

        def load() -> dict[str, tuple[str, str, str]]:
            return {row[0]: (row[1], row[2], row[3]) for row in self.rows(WORD_CLASSES_FILE, 4)}

        return self._once("word_classes", "", load)


@cache
def resources_for(lang: str = "de") -> Resources:
    """The installed package's language data for ``lang``, shared by the whole process."""
    return Resources(package_root(), lang)


def default_resources() -> Resources:
    """The installed package's German language data, shared by the whole process."""
    return resources_for("de")


def wordlist(name: str, lang: str = "de") -> tuple[str, ...]:
    return resources_for(lang).wordlist(name)


def json_data(name: str, lang: str = "de") -> Any:
    return resources_for(lang).json(name)


def gazetteer_lines() -> tuple[str, ...]:
    return default_resources().gazetteer_lines()


def noun_lexicon() -> dict[str, str]:
    return default_resources().noun_lexicon()


def word_classes() -> dict[str, tuple[str, str, str]]:
    return default_resources().word_classes()
