"""Plain text, JSONL and HTML readers: good items become Articles, bad ones clear errors, batches go on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.html import extract_html
from lagebild.ingest.text import decode
from lagebild.model import Article, content_id

# Invented example text.
TEXT = "Kabul. Bei einem Anschlag sind am Montag nach Polizeiangaben drei Menschen getötet worden."


def test_text_file_with_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt.json").write_text(json.dumps({"published": "2024-05-06", "source": "Beispielzeitung"}))
    [article] = list(read_paths([path]))
    assert isinstance(article, Article)
    assert article.text == TEXT
    assert article.published == "2024-05-06"
    assert article.source == "Beispielzeitung"
    assert article.id == content_id(TEXT)


def test_latin1_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    text = "Die Truppen haben die Stadt eingenommen. Über 100 Menschen flohen aus Aleppo, berichtete die Zeitung."
    path.write_bytes(text.encode("latin-1"))
    [article] = list(read_paths([path]))
    assert isinstance(article, Article)
    assert article.text == text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (bytes(range(1, 32)) * 20, "binary")],
)
def test_bad_bytes_are_named(raw: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode(raw, "item-7")
    assert info.value.item == "item-7"


def test_jsonl_bad_lines_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": TEXT, "published": "2024-05-06"}),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"id": "c", "text": "Zweiter Text aus Mossul.", "published": "2024-05-07T10:00:00Z"}),
        json.dumps({"id": "d", "text": "Dritter Text.", "published": "letzte Woche"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in good] == ["a", "c"]
    assert good[1].published == "2024-05-07"
    assert [e.item for e in bad] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"]
    assert "invalid JSON" in bad[0].reason and "text" in bad[1].reason and "ISO date" in bad[3].reason


def test_truncated_gzip_jsonl_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    payload = "\n".join(json.dumps({"id": f"n{i}", "text": f"Meldung {i} aus Kiew. " * 20}) for i in range(200))
    data = gzip.compress(payload.encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(read_paths([path]))
    assert any(isinstance(i, Article) for i in items)
    assert isinstance(items[-1], InputError) and "truncated" in items[-1].reason


def test_missing_path_is_an_error_and_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(TEXT, encoding="utf-8")
    items = list(read_paths([tmp_path / "missing.txt", path]))
    assert isinstance(items[0], InputError) and "no such file" in items[0].reason
    assert isinstance(items[1], Article)


def test_too_large_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5_000_001)
    [item] = list(read_paths([path]))
    assert isinstance(item, InputError) and "too large" in item.reason


def test_html_main_text_title_and_date() -> None:
    html = """<html><head><title>Angriff auf Konvoi</title>
    <meta property="article:published_time" content="2024-02-03T08:00:00Z"></head>
    <body><nav>Startseite Politik Sport</nav><article><h1>Angriff auf Konvoi</h1>
    <p>Bei einem Angriff auf einen Hilfskonvoi nahe Gaza sind nach Angaben des Roten Halbmonds mindestens
    fünf Helfer getötet worden. Die Armee kündigte eine Untersuchung an.</p>
    <p>Der Konvoi war auf dem Weg nach Rafah, wo Tausende Menschen auf Lebensmittel warten.</p>
    </article><footer>Impressum</footer></body></html>"""
    article = extract_html(html, "page.html", url="https://example.org/a")
    assert "Hilfskonvoi nahe Gaza" in article.text
    assert "Impressum" not in article.text
    assert article.title == "Angriff auf Konvoi"
    assert article.published == "2024-02-03"
    assert article.url == "https://example.org/a"


def test_html_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_html("<html><body><div></div></body></html>", "empty.html")


def test_overlong_jsonl_line_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    from lagebild.ingest import jsonl

    path = tmp_path / "long.jsonl.gz"
    long_line = json.dumps({"id": "big", "text": "x" * (jsonl.MAX_LINE_BYTES + 10)})
    ok_line = json.dumps({"id": "ok", "text": TEXT})
    path.write_bytes(gzip.compress((long_line + "\n" + ok_line + "\n").encode()))
    items = list(read_paths([path]))
    assert isinstance(items[0], InputError) and "too long" in items[0].reason and items[0].item.endswith(":1")
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_html_with_only_navigation_is_not_an_article() -> None:
    html = "<html><body><nav><a href='/'>Start</a></nav><p>Start</p></body></html>"
    with pytest.raises(InputError, match="no article text"):
        extract_html(html, "menu.html")
