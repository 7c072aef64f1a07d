"""The resources layer: every shipped lang/de file loads, and a missing or broken file is a
ResourceError naming it, never an empty list."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from lagebild.errors import ModelError, ResourceError
from lagebild.extract.places.gazetteer import Gazetteer
from lagebild.resources import Resources, default_resources, package_root, read_gzip_lines

SHIPPED_DATA = sorted(
    p.name for p in (package_root() / "de").iterdir() if p.suffix in (".txt", ".tsv", ".json", ".gz")
)


@pytest.fixture
def lang(tmp_path: Path) -> Resources:
    (tmp_path / "de").mkdir()
    return Resources(tmp_path)


def write(resources: Resources, name: str, content: str | bytes) -> Path:
    path = resources.path(name)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_word_list_without_comments_and_blank_lines_read_once(lang: Resources) -> None:
    path = write(lang, "verben.txt", "# Sprechverben, von Hand\n\nsagte\n  erklärte \n# Ende\n")
    assert lang.wordlist("verben.txt") == ("sagte", "erklärte")
    path.unlink()
    assert lang.wordlist("verben.txt") == ("sagte", "erklärte")  # kept from the first read


def test_missing_file_is_an_error_naming_it(lang: Resources) -> None:
    with pytest.raises(ResourceError) as caught:
        lang.wordlist("fehlt.txt")
    assert caught.value.path == str(lang.path("fehlt.txt"))
    assert "fehlt.txt" in str(caught.value) and "missing" in str(caught.value)
    assert isinstance(caught.value, ModelError)  # callers that handle a broken model handle this too


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("leer.txt", "# nur ein Kopf\n\n", "no entries"),
        ("latin1.txt", "Bürger\n".encode("latin-1"), "not UTF-8"),
        ("kaputt.json", '{"nouns": [', "invalid JSON"),
        ("leer.json", "{}", "no entries"),
    ],
)
def test_broken_file_is_an_error_saying_what_is_wrong(
    lang: Resources, name: str, content: str | bytes, reason: str
) -> None:
    write(lang, name, content)
    with pytest.raises(ResourceError, match=reason) as caught:
        lang.json(name) if name.endswith(".json") else lang.wordlist(name)
    assert caught.value.path.endswith(name)


def test_unreadable_file_is_an_error(lang: Resources) -> None:
    lang.path("ordner.txt").mkdir()  # a folder where the file should be
    with pytest.raises(ResourceError, match="cannot be read"):
        lang.wordlist("ordner.txt")


def test_rows_with_the_wrong_number_of_columns_are_an_error(lang: Resources) -> None:
    write(lang, "word_clusters.tsv", "# Wortklassen\nangriff\t3\t17\t201\nrakete\t3\t17\n")
    with pytest.raises(ResourceError, match=r"expected 4 tab-separated columns, found 3"):
        lang.word_classes()


def test_noun_lexicon_needs_every_part(lang: Resources) -> None:
    write(lang, "noun_lexicon_hanta.tsv", "angriff\tN\ndie\tF\nwolf\tN\n")
    write(lang, "noun_lexicon_ud.tsv", "wolf\tE\naleppo\tE\n")
    with pytest.raises(ResourceError, match="given_names.txt"):
        lang.noun_lexicon()
    write(lang, "given_names.txt", "Ahmad\n")
    assert lang.noun_lexicon() == {"angriff": "N", "die": "F", "wolf": "B", "aleppo": "E", "ahmad": "E"}


def test_cut_or_empty_gzip_is_an_error(lang: Resources, tmp_path: Path) -> None:
    whole = gzip.compress(("# Kopf\n" + "1\tAleppo\tSY\n" * 200).encode())
    write(lang, "gazetteer.tsv.gz", whole[: len(whole) // 2])
    with pytest.raises(ResourceError, match="not a complete gzip file"):
        lang.gazetteer_lines()
    only_header = tmp_path / "kopf.tsv.gz"
    only_header.write_bytes(gzip.compress(b"# Kopf\n"))
    with pytest.raises(ResourceError, match="no entries"):
        read_gzip_lines(only_header)


def test_gazetteer_from_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="fehlt.tsv.gz"):
        Gazetteer.load(str(tmp_path / "fehlt.tsv.gz"))


@pytest.mark.parametrize("name", SHIPPED_DATA)
def test_every_shipped_file_loads_with_entries(name: str) -> None:
    shipped = default_resources()
    if name.endswith(".json"):
        assert shipped.json(name)
    elif name.endswith(".gz"):
        assert any(not line.startswith("#") for line in shipped.gzip_lines(name))
    else:
        assert shipped.wordlist(name)


def test_shipped_lexicons_are_read_whole() -> None:
    shipped = default_resources()
    lexicon = shipped.noun_lexicon()
    assert lexicon["angriff"] == "N" and len(lexicon) > 10_000
    classes = shipped.word_classes()
    assert len(classes) > 1_000 and all(len(ids) == 3 for ids in classes.values())
    assert len(Gazetteer.load()) == sum(1 for line in shipped.gazetteer_lines() if not line.startswith("#"))
    assert json.loads(shipped.text("figures.json")) == shipped.json("figures.json")
