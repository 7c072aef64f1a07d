"""Gold documents that name a corpus record instead of a file, and the hand-labelled conflict-report gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lagebild.errors import GoldFormatError
from lagebild.evaluate.gold import GoldDocument, evaluate, load_gold
from lagebild.model import Article, Document, Figure

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CONFLICT_HALVES = ("tuning", "blind", "blind2")
CONFLICT_GOLD = [ROOT / "tests" / "data" / "gold" / f"conflict_news.{half}.gold.json" for half in CONFLICT_HALVES]
# every hand-labelled news gold file: the conflict reports and the casualty reports
NEWS_GOLD = [*CONFLICT_GOLD, *(ROOT / "tests" / "data" / "gold" / f"casualty_news.{name}.gold.json" for name in ("blind", "blind2", "blind3", "blind4"))]
CATEGORIES = {"killed", "injured", "executed", "abducted", "arrested", "displaced", "evacuated", "missing",
              "trapped", "attackers", "other_people"}
APPROX = {"exact", "at_least", "more_than", "at_most", "about", "range"}



def assert_quotes_exactly(doc: GoldDocument) -> None:
    """Every figure's text and claimant and every current event's evidence (at most 14 words) stand in the
    resolved text; categories and approximations are those of the contract; every event has a place."""
    for figure in doc.gold["figures"]:
        assert figure["text"] in doc.text, (doc.name, figure["text"])
        assert figure["source"] is None or figure["source"] in doc.text, (doc.name, figure["source"])
        assert figure["category"] in CATEGORIES and figure["approx"] in APPROX, (doc.name, figure)
    for event in doc.gold["events"]:
        assert event["place"], (doc.name, event)
        if event["type"] != "historical":
            assert event["evidence"] in doc.text, (doc.name, event["evidence"])
            assert len(event["evidence"].split()) <= 14, (doc.name, event["evidence"])


# Invented texts.
NEWS = [
    {"id": "7", "title": "Anschlag in Mossul", "date": "2024-05-06",
     "text": "Bei einem Anschlag in Mossul wurden am Montag zwölf Menschen getötet, teilte die Polizei mit."},
    {"id": "8", "title": "Wetter", "date": "2024-05-07", "text": "Morgen regnet es in Hamburg."},
]
SPKATT_SENTENCES = [["Rebellen", "haben", "in", "Goma", "zwei", "Soldaten", "entführt", "."]]


def write_corpus(data: Path) -> None:
    (data / "news").mkdir(parents=True)
    (data / "news" / "mini.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWS), encoding="utf-8"
    )
    folder = data / "talk" / "task2"
    folder.mkdir(parents=True)
    tokens = {"Sentences": [{"Tokens": s} for s in SPKATT_SENTENCES], "Annotations": [], "DocumentName": "x"}
    (folder / "goma.json").write_text(json.dumps(tokens, ensure_ascii=False), encoding="utf-8")
    (folder / "plain.txt").write_text("In Aleppo wurden drei Menschen verletzt.", encoding="utf-8")


def write_gold(path: Path, documents: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "lagebild-gold/1", "documents": documents}), encoding="utf-8")
    return path


def test_corpus_records_resolve_against_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "corpora"
    write_corpus(data)
    gold = write_gold(tmp_path / "gold" / "g.json", [
        {"corpus": "news/mini.jsonl", "id": "7"},
        {"corpus": "talk/task2", "file": "goma.json", "published": "2024-01-02"},
        {"corpus": "talk/task2", "file": "plain.txt"},
    ])
    docs = load_gold(gold, data=data)
    assert [d.text for d in docs] == [
        NEWS[0]["text"], "Rebellen haben in Goma zwei Soldaten entführt.", "In Aleppo wurden drei Menschen verletzt.",
    ]
    assert docs[0].published == "2024-05-06"  # the record's date when the entry gives none
    assert docs[1].published == "2024-01-02"
    assert docs[0].name == "news/mini.jsonl#7" and docs[1].name == "talk/task2/goma.json"
    article = docs[0].article()
    assert (article.id, article.title) == ("7", "Anschlag in Mossul")


def test_default_data_folder_is_beside_the_gold_folder(tmp_path: Path) -> None:
    write_corpus(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [{"corpus": "news/mini.jsonl", "id": "8"}])
    assert load_gold(gold)[0].text == "Morgen regnet es in Hamburg."


def test_file_entries_still_resolve_beside_the_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Ein Text.", encoding="utf-8")
    gold = write_gold(tmp_path / "gold" / "g.json", [{"file": "texts/a.txt", "published": "2020-01-01"}])
    doc = load_gold(gold)[0]
    assert (doc.name, doc.text, doc.published, doc.article().id) == ("a.txt", "Ein Text.", "2020-01-01", "a")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"corpus": "news/mini.jsonl", "id": "99"}, "no record with id '99'"),
        ({"corpus": "talk/task2", "file": "missing.json"}, "no document 'missing.json'"),
        ({"corpus": "news/other.jsonl", "id": "7"}, "not found under"),
        ({"corpus": "../outside.jsonl", "id": "7"}, "outside the data folder"),
        ({"corpus": "news/mini.jsonl", "file": "7"}, "needs 'id'"),
        ({"published": "2024-01-01"}, "neither 'file' nor 'corpus'"),
    ],
)
def test_missing_or_malformed_references_are_named(tmp_path: Path, entry: dict[str, Any], message: str) -> None:
    data = tmp_path / "data"
    write_corpus(data)
    gold = write_gold(tmp_path / "gold" / "g.json", [entry])
    with pytest.raises(GoldFormatError, match=message):
        load_gold(gold, data=data)


def test_evaluate_scores_a_corpus_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_corpus(data)
    gold = write_gold(tmp_path / "gold" / "g.json", [{
        "corpus": "news/mini.jsonl", "id": "7",
        "figures": [{"text": "zwölf Menschen", "low": 12, "high": 12, "approx": "exact", "category": "killed",
                     "source": "Polizei"}],
    }])
    seen: list[Article] = []

    def analyse(article: Article) -> Document:
        seen.append(article)
        start = article.text.index("zwölf Menschen")
        figure = Figure(article.id, start, start + 14, "zwölf Menschen", 12, 12, "exact", "killed")
        return Document(article=article, figures=[figure])

    scores = evaluate(gold, analyse=analyse, data=data)
    assert seen[0].published == "2024-05-06"
    assert (scores["figures"].gold, scores["figures"].found, scores["figures"].right) == (1, 1, 0)
    assert any("claimant None, gold 'Polizei'" in miss for miss in scores["figures"].misses)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs the shared data folder ../shared/data")
@pytest.mark.parametrize("gold_path", NEWS_GOLD, ids=[p.name.split(".gold")[0] for p in NEWS_GOLD])
def test_news_gold_loads_and_quotes_its_documents_exactly(gold_path: Path) -> None:
    docs = load_gold(gold_path, data=SHARED_DATA)
    assert len(docs) >= 18
    for doc in docs:
        assert_quotes_exactly(doc)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs the shared data folder ../shared/data")
def test_conflict_gold_halves_are_disjoint() -> None:
    """No article, by its Wikinews id, is in two sets (a SpkAtt file name starts with that id)."""
    halves = [{d.name.split("/")[-1].split(" - ")[0].split("#")[-1] for d in load_gold(p, data=SHARED_DATA)}
              for p in CONFLICT_GOLD]
    assert all(halves)
    for i, first in enumerate(halves):
        for second in halves[i + 1:]:
            assert not first & second
