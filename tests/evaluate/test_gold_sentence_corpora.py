"""Gold documents that are single sentences of a GermEval 2014 TSV file, a CoNLL-U file or another
token-per-line column file, records of a gzip-compressed JSON stream, and the blind set of casualty
sentences named that way.

The blind set is only resolved and checked for well-formedness here; the analysis pipeline is never run on it.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lagebild.errors import GoldFormatError
from lagebild.evaluate.gold import _Corpora, load_gold
from tests.test_gold_corpus_refs import assert_quotes_exactly

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
SENTENCES_GOLD = ROOT / "tests" / "data" / "gold" / "casualty_sentences.blind.gold.json"
SENTENCES_GOLD_2 = ROOT / "tests" / "data" / "gold" / "casualty_sentences.blind2.gold.json"

# Invented sentences in the layout of the GermEval 2014 NER files: a comment line with a URL and a
# bracketed date opens a sentence, token lines are index, token, outer tag, inner tag.
GERMEVAL_TSV = (
    "#\thttp://example.org/a\t[2009-05-04]\t\n"
    "1\tIn\tO\tO\n2\tAleppo\tB-LOC\tO\n3\twurden\tO\tO\n4\t14\tO\tO\n5\tweitere\tO\tO\n6\tMenschen\tO\tO\n"
    "7\tverletzt\tO\tO\n8\t.\tO\tO\n"
    "\n"
    "#\texample.org vom heute\t\n"
    "1\tEs\tO\tO\n2\tregnet\tO\tO\n3\t.\tO\tO\n"
    "\n"
)
# Invented sentences in CoNLL-U; the second has no text line.
CONLLU = (
    "# sent_id = test-s1\n"
    "# text = Rebellen haben in Goma zwei Soldaten entführt.\n"
    "1\tRebellen\tRebell\tNOUN\tNN\t_\t5\tnsubj\t_\t_\n"
    "\n"
    "# newdoc id = n1\n"
    "# sent_id = n0002\n"
    "1\tJa\tja\tADV\tADV\t_\t0\troot\t_\t_\n"
    "\n"
    "# sent_id = n0003\n"
    "# text = Drei Menschen starben, sagte  die Polizei.\n"
    "# text_en = Three people died, police said.\n"
    "1\tDrei\tdrei\tNUM\tCARD\t_\t2\tnummod\t_\t_\n"
)


# Invented sentences in the layout of the EHRI-NER files: "token TAG", a space before the tag.
EHRI_TXT = (
    "Am B-DATE\n1. I-DATE\nMai I-DATE\nwurden O\n12 O\nHäftlinge O\nverhaftet O\n. O\n"
    "\n"
    "\n"
    "Ein O\nBrief O\n. O\n"
    "\n"
    "New B-LOC\nYork I-LOC\n, O\nden O\nTag O\n"
)
# Invented sentences in the layout of the Europarl NER CoNLL 2002 files: "token<TAB>TAG"; a -DOCSTART-
# line and a comment line, which are no tokens.
CONLL02 = (
    "-DOCSTART-\tO\n"
    "\n"
    "# invented\n"
    "Drei\tO\nBürger\tO\nwurden\tO\nin\tO\nSan Sebastián\tB-LOC\ngetötet\tO\n.\tO\n"
    "\n"
    "Herr\tO\nPräsident\tO\n!\tO\n"
)
# Invented records in the layout of SmartData's dev.json.gz: pretty-printed JSON objects one after another,
# optional fields written as Avro unions ({"string": ...}).
SMARTDATA_RECORDS = [
    {"id": "http://example.org/a@2016-05-15", "text": {"string": "Bei einem Unfall starben zwei Menschen.\n"},
     "date": {"string": "2016-05-14T23:06:43Z"}, "title": None, "tokens": {"array": []}},
    {"id": "b", "text": "Zwei Verletzte.", "date": {"string": "gestern"}},
    {"id": "c", "text": None, "date": None},
    {"id": "d", "text": "Ohne Datum."},
]


def write_columns(data: Path) -> None:
    (data / "ehri").mkdir(parents=True)
    (data / "ehri" / "mini.txt").write_text(EHRI_TXT, encoding="utf-8")
    (data / "europarl").mkdir()
    (data / "europarl" / "mini.conll02").write_text(CONLL02, encoding="utf-8")
    (data / "smartdata").mkdir()
    stream = "\n".join(json.dumps(r, ensure_ascii=False, indent=2) for r in SMARTDATA_RECORDS)
    with gzip.open(data / "smartdata" / "mini.json.gz", "wt", encoding="utf-8") as out:
        out.write(stream + "\n")


def write_corpora(data: Path) -> None:
    (data / "germeval").mkdir(parents=True)
    (data / "germeval" / "mini.tsv").write_text(GERMEVAL_TSV, encoding="utf-8")
    (data / "ud").mkdir()
    (data / "ud" / "mini.conllu").write_text(CONLLU, encoding="utf-8")


def write_gold(path: Path, documents: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "lagebild-gold/1", "documents": documents}), encoding="utf-8")
    return path


def test_germeval_sentences_are_their_tokens_joined_by_spaces(tmp_path: Path) -> None:
    write_corpora(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [
        {"corpus": "germeval/mini.tsv", "sentence": 1},
        {"corpus": "germeval/mini.tsv", "sentence": 2},
        {"corpus": "germeval/mini.tsv", "sentence": 1, "published": "2009-05-03"},
    ])
    first, second, dated = load_gold(gold, data=tmp_path / "data")
    assert first.text == "In Aleppo wurden 14 weitere Menschen verletzt ."
    assert second.text == "Es regnet ."
    assert first.published == "2009-05-04"  # the bracketed date of the comment line
    assert second.published is None  # a comment line without a bracketed date
    assert dated.published == "2009-05-03"  # the entry's date first
    assert first.name == "germeval/mini.tsv#1" and first.article().id == "germeval/mini.tsv#1"


def test_conllu_sentences_are_their_text_lines_verbatim(tmp_path: Path) -> None:
    write_corpora(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [
        {"corpus": "ud/mini.conllu", "sent_id": "n0003"},
        {"corpus": "ud/mini.conllu", "sent_id": "test-s1", "published": "1995-11-04"},
    ])
    third, first = load_gold(gold, data=tmp_path / "data")
    assert third.text == "Drei Menschen starben, sagte  die Polizei."
    assert first.text == "Rebellen haben in Goma zwei Soldaten entführt."
    assert (third.published, first.published) == (None, "1995-11-04")
    assert third.name == "ud/mini.conllu#n0003"


def test_each_sentence_file_is_read_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_corpora(data)
    corpora = _Corpora(tmp_path / "g.json", data)
    assert corpora.document({"corpus": "germeval/mini.tsv", "sentence": 1}).text.startswith("In Aleppo")
    assert corpora.document({"corpus": "ud/mini.conllu", "sent_id": "test-s1"}).text.startswith("Rebellen")
    # overwritten files: the second look-ups come from what was read the first time
    (data / "germeval" / "mini.tsv").write_text("#\tx\t[2001-01-01]\n1\tAnders\tO\tO\n\n", encoding="utf-8")
    (data / "ud" / "mini.conllu").write_text("# sent_id = n0003\n# text = Anders.\n\n", encoding="utf-8")
    assert corpora.document({"corpus": "germeval/mini.tsv", "sentence": 2}).text == "Es regnet ."
    assert corpora.document({"corpus": "ud/mini.conllu", "sent_id": "n0003"}).text.startswith("Drei Menschen")
    assert len(corpora.records) == 2


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"corpus": "germeval/mini.tsv", "sentence": 3}, "no sentence 3 in .*mini.tsv"),
        ({"corpus": "germeval/mini.tsv", "sentence": 0}, "no sentence 0"),
        ({"corpus": "ud/mini.conllu", "sent_id": "test-s9"}, "no sentence with sent_id 'test-s9'"),
        ({"corpus": "ud/mini.conllu", "sent_id": "n0002"}, "no sentence with sent_id 'n0002' and a text"),
        ({"corpus": "ud/mini.conllu"}, "'sentence' for a GermEval TSV file or another column file, or 'sent_id' for a CoNLL-U file"),
    ],
)
def test_a_missing_sentence_is_named(tmp_path: Path, entry: dict[str, Any], message: str) -> None:
    write_corpora(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [entry])
    with pytest.raises(GoldFormatError, match=message) as caught:
        load_gold(gold, data=tmp_path / "data")
    assert str(gold) in str(caught.value)


def test_a_malformed_token_line_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bad.tsv").write_text("#\tx\n1\tIn\tO\tO\nkaputt\n", encoding="utf-8")
    gold = write_gold(tmp_path / "gold" / "g.json", [{"corpus": "bad.tsv", "sentence": 1}])
    with pytest.raises(GoldFormatError, match=r"bad.tsv:3: not a token line"):
        load_gold(gold, data=tmp_path / "data")


def test_column_file_sentences_are_their_first_fields_joined_by_spaces(tmp_path: Path) -> None:
    write_columns(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [
        {"corpus": "ehri/mini.txt", "sentence": 1},
        {"corpus": "ehri/mini.txt", "sentence": 2},
        {"corpus": "ehri/mini.txt", "sentence": 3, "published": "1942-05-02"},
        {"corpus": "europarl/mini.conll02", "sentence": 1},
        {"corpus": "europarl/mini.conll02", "sentence": 2},
    ])
    first, letter, last, europarl, address = load_gold(gold, data=tmp_path / "data")
    assert first.text == "Am 1. Mai wurden 12 Häftlinge verhaftet ."
    assert letter.text == "Ein Brief ."  # two blank lines make no empty sentence
    assert last.text == "New York , den Tag"  # the last sentence needs no blank line after it
    assert europarl.text == "Drei Bürger wurden in San Sebastián getötet ."  # a tab keeps a space in the token
    assert address.text == "Herr Präsident !"
    assert (first.published, last.published, europarl.published) == (None, "1942-05-02", None)
    assert first.name == "ehri/mini.txt#1" and europarl.article().id == "europarl/mini.conll02#1"


def test_json_stream_records_are_read_by_id(tmp_path: Path) -> None:
    write_columns(tmp_path / "data")
    corpus = "smartdata/mini.json.gz"
    gold = write_gold(tmp_path / "gold" / "g.json", [
        {"corpus": corpus, "id": "http://example.org/a@2016-05-15"},
        {"corpus": corpus, "id": "b"},
        {"corpus": corpus, "id": "d", "published": "2016-06-01"},
    ])
    accident, injured, undated = load_gold(gold, data=tmp_path / "data")
    assert accident.text == "Bei einem Unfall starben zwei Menschen.\n"  # an Avro union read as its string
    assert accident.published == "2016-05-14"  # the record's timestamp cut to its day
    assert injured.text == "Zwei Verletzte." and injured.published is None  # a date that does not parse
    assert undated.published == "2016-06-01"
    assert accident.name == f"{corpus}#http://example.org/a@2016-05-15"
    assert accident.article().id == "http://example.org/a@2016-05-15" and accident.title is None


def test_each_column_file_and_stream_is_read_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_columns(data)
    corpora = _Corpora(tmp_path / "g.json", data)
    assert corpora.document({"corpus": "ehri/mini.txt", "sentence": 2}).text == "Ein Brief ."
    assert corpora.document({"corpus": "europarl/mini.conll02", "sentence": 2}).text == "Herr Präsident !"
    assert corpora.document({"corpus": "smartdata/mini.json.gz", "id": "b"}).text == "Zwei Verletzte."
    (data / "ehri" / "mini.txt").write_text("Anders O\n", encoding="utf-8")
    (data / "europarl" / "mini.conll02").write_text("Anders\tO\n", encoding="utf-8")
    with gzip.open(data / "smartdata" / "mini.json.gz", "wt", encoding="utf-8") as out:
        out.write('{"id": "b", "text": "Anders."}')
    assert corpora.document({"corpus": "ehri/mini.txt", "sentence": 1}).text.startswith("Am 1. Mai")
    assert corpora.document({"corpus": "europarl/mini.conll02", "sentence": 1}).text.startswith("Drei")
    assert corpora.document({"corpus": "smartdata/mini.json.gz", "id": "b"}).text == "Zwei Verletzte."
    assert len(corpora.records) == 3


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"corpus": "ehri/mini.txt", "sentence": 4}, "no sentence 4 in .*mini.txt"),
        ({"corpus": "europarl/mini.conll02", "sentence": 3}, "no sentence 3 in .*mini.conll02"),
        ({"corpus": "smartdata/mini.json.gz", "id": "x"}, "no record with id 'x' and a text"),
        ({"corpus": "smartdata/mini.json.gz", "id": "c"}, "no record with id 'c' and a text"),
    ],
)
def test_a_missing_column_sentence_or_stream_record_is_named(
    tmp_path: Path, entry: dict[str, Any], message: str,
) -> None:
    write_columns(tmp_path / "data")
    gold = write_gold(tmp_path / "gold" / "g.json", [entry])
    with pytest.raises(GoldFormatError, match=message) as caught:
        load_gold(gold, data=tmp_path / "data")
    assert str(gold) in str(caught.value)


def test_a_malformed_column_line_or_stream_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "bad.txt").write_text("Ein O\nkaputt\n", encoding="utf-8")
    gold = write_gold(tmp_path / "gold" / "g.json", [{"corpus": "bad.txt", "sentence": 1}])
    with pytest.raises(GoldFormatError, match=r"bad.txt:2: not a token line \(token<TAB>tag or token tag\)"):
        load_gold(gold, data=data)
    with gzip.open(data / "bad.json.gz", "wt", encoding="utf-8") as out:
        out.write('{"id": "a", "text": "Gut."}\n{"id": "b", "text": ')
    gold = write_gold(tmp_path / "gold" / "g.json", [{"corpus": "bad.json.gz", "id": "a"}])
    with pytest.raises(GoldFormatError, match=r"bad.json.gz: not a stream of JSON objects"):
        load_gold(gold, data=data)
    (data / "plain.json.gz").write_text('{"id": "a", "text": "Gut."}', encoding="utf-8")
    gold = write_gold(tmp_path / "gold" / "g.json", [{"corpus": "plain.json.gz", "id": "a"}])
    with pytest.raises(GoldFormatError, match=r"plain.json.gz: not a gzip-compressed UTF-8 file"):
        load_gold(gold, data=data)


# the two sentence gold files: path, documents, the keys a reference names its document by (exactly one
# of them), the corpus prefix of the documents that carry a publication date, the selection script
SENTENCE_GOLDS = [
    (SENTENCES_GOLD, 61, ("sentence", "sent_id"), "germeval2014/", "select_casualty_sentences.py"),
    (SENTENCES_GOLD_2, 53, ("sentence", "id"), "smartdata/", "select_casualty_sentences_2.py"),
]
GOLD_IDS = [path.name.split(".gold")[0] for path, *_ in SENTENCE_GOLDS]


@pytest.mark.parametrize(("path", "count", "keys", "dated", "script"), SENTENCE_GOLDS, ids=GOLD_IDS)
def test_sentence_gold_names_documents_by_reference(
    path: Path, count: int, keys: tuple[str, str], dated: str, script: str
) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["format"] == "lagebild-gold/1"
    assert "committed before lagebild was ever run on them" in gold["about"]
    references = [(d["corpus"], d.get(keys[0], d.get(keys[1]))) for d in gold["documents"]]
    assert len(references) == len(set(references)) == count
    for entry in gold["documents"]:
        assert "text" not in entry  # documents are named, never copied
        assert (keys[0] in entry) != (keys[1] in entry)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs the shared data folder ../shared/data")
@pytest.mark.parametrize(("path", "count", "keys", "dated", "script"), SENTENCE_GOLDS, ids=GOLD_IDS)
def test_sentence_gold_quotes_its_texts_exactly(
    path: Path, count: int, keys: tuple[str, str], dated: str, script: str
) -> None:
    for doc in load_gold(path, data=SHARED_DATA):
        assert (doc.published is not None) == doc.name.startswith(dated), doc.name
        assert_quotes_exactly(doc)
        for figure in doc.gold["figures"]:
            if figure["category"] == "other_people":
                assert figure.get("optional") is True, (doc.name, figure)
        if doc.name.startswith("ner_ehri/"):  # persecution of 1938-1945: never a current event
            assert all(event["type"] == "historical" for event in doc.gold["events"]), doc.name


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs the shared data folder ../shared/data")
@pytest.mark.parametrize(("path", "count", "keys", "dated", "script"), SENTENCE_GOLDS, ids=GOLD_IDS)
def test_sentence_gold_is_the_documented_selection(
    path: Path, count: int, keys: tuple[str, str], dated: str, script: str
) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check", "--data", str(SHARED_DATA)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
