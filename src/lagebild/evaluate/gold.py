"""Scoring against analyst gold in the ``lagebild-gold/1`` format.

The gold names facts by their text (exact substrings of the article); a gold item is located by string
search and matched to a predicted fact whose span overlaps one of its occurrences. Items marked
``optional`` count neither as a miss when absent nor as a false alarm when found. Per fact kind the
scorer reports precision, recall and F1 twice: for *finding* the fact (span overlap) and for getting
it *right* (value, category, claimant, speaker, type …), plus the list of misses and wrong attributes.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldFormatError
from lagebild.model import Article, Document

KINDS = ("places", "times", "figures", "quotes", "events", "conflicts")
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_BRACKET_DATE = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")


@dataclass
class Score:
    """Counts for one fact kind. ``found`` counts span matches, ``right`` fully correct matches."""

    kind: str
    gold: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    optional_found: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = tp / predicted if predicted else (1.0 if gold == 0 else 0.0)
        r = tp / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def found_prf(self) -> tuple[float, float, float]:
        return self._prf(self.found, self.predicted, self.gold)

    @property
    def right_prf(self) -> tuple[float, float, float]:
        return self._prf(self.right, self.predicted, self.gold)

    def as_dict(self) -> dict[str, Any]:
        fp, fr, ff = self.found_prf
        rp, rr, rf = self.right_prf
        return {
            "kind": self.kind, "gold": self.gold, "predicted": self.predicted,
            "found": self.found, "right": self.right,
            "found_precision": round(fp, 4), "found_recall": round(fr, 4), "found_f1": round(ff, 4),
            "precision": round(rp, 4), "recall": round(rr, 4), "f1": round(rf, 4),
            "misses": self.misses,
        }


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``needle`` occurs in ``text``."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _same_words(pred: str | None, gold: str | None) -> bool:
    """Loose text agreement for speakers and claimants: one contains the other (case-insensitive)."""
    if not pred or not gold:
        return False
    p, g = pred.casefold().strip(), gold.casefold().strip()
    return g in p or p in g


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = rlat2 - rlat1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _place_right(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("feature") == "country" or gold.get("lat") is None:
        return bool(pred.get("country")) and pred.get("country") == gold.get("country")
    if pred.get("lat") is None or pred.get("lon") is None:
        return False
    max_km = float(gold.get("max_km", 50))
    return haversine_km(pred["lat"], pred["lon"], gold["lat"], gold["lon"]) <= max_km


def score_places(text: str, predicted: list[dict[str, Any]], gold: list[dict[str, Any]], score: Score) -> None:
    """Places are scored per distinct surface text: each gold place once, each predicted text once."""
    by_text: dict[str, list[dict[str, Any]]] = {}
    for place in predicted:
        by_text.setdefault(place["text"], []).append(place)
    gold_texts = {g["text"] for g in gold}
    score.predicted += len(by_text)
    score.gold += len(gold)
    for g in gold:
        candidates = [p for t, ps in by_text.items() for p in ps if t == g["text"] or g["text"] in t]
        if not candidates:
            score.misses.append(f"place not found: {g['text']!r}")
            continue
        score.found += 1
        if any(_place_right(p, g) for p in candidates):
            if g.get("role") == "dateline" and not any(p.get("role") == "dateline" for p in candidates):
                score.misses.append(f"place {g['text']!r}: not marked as dateline")
            else:
                score.right += 1
        else:
            got = candidates[0]
            score.misses.append(
                f"place {g['text']!r} resolved to {got.get('name')} ({got.get('country')}, "
                f"{got.get('lat')}, {got.get('lon')}), gold {g.get('name')} ({g.get('country')})"
            )
    extra = [t for t in by_text if not any(g in t for g in gold_texts)]
    for t in extra:
        score.misses.append(f"place not in gold: {t!r}")


def _book(g: dict[str, Any], hit: int | None, used: set[int], score: Score, missing: str) -> bool:
    """Record a gold item's match. True when it is a counted match whose attributes are to be checked;
    optional items are only marked as used (neither a miss nor a false alarm)."""
    if hit is not None:
        used.add(hit)
    if g.get("optional"):
        if hit is not None:
            score.optional_found += 1
        return False
    score.gold += 1
    if hit is None:
        score.misses.append(missing)
        return False
    score.found += 1
    return True


def _match_spans(
    text: str, predicted: list[dict[str, Any]], gold: list[dict[str, Any]], score: Score, kind: str,
    key: str, right: Callable[[dict[str, Any], dict[str, Any]], str | None],
) -> None:
    """Greedy one-to-one matching of gold items (located by ``key`` text) to overlapping predictions.

    ``right(pred, gold)`` returns None when the match is fully right, else what is wrong.
    """
    used: set[int] = set()
    optional_before = score.optional_found
    for g in gold:
        spans = occurrences(text, g[key])
        if not spans:
            raise GoldFormatError(f"gold {kind} text {g[key]!r} does not occur in the article")
        hit = _best_overlap(predicted, spans, used)
        if not _book(g, hit, used, score, f"{kind} not found: {g[key]!r}"):
            continue
        assert hit is not None
        problem = right(predicted[hit], g)
        if problem is None:
            score.right += 1
        else:
            score.misses.append(f"{kind} {g[key]!r}: {problem}")
    score.predicted += len(predicted) - (score.optional_found - optional_before)
    for i, p in enumerate(predicted):
        if i not in used:
            score.misses.append(f"{kind} not in gold: {p['text']!r}")


def _best_overlap(predicted: list[dict[str, Any]], spans: list[tuple[int, int]], used: set[int]) -> int | None:
    """The unused prediction whose span agrees best with one gold occurrence (overlap / union)."""
    best, best_ratio = None, 0.0
    for i, p in enumerate(predicted):
        if i in used:
            continue
        for s, e in spans:
            inter = min(e, p["end"]) - max(s, p["start"])
            if inter > 0:
                ratio = inter / (max(e, p["end"]) - min(s, p["start"]))
                if ratio > best_ratio:
                    best, best_ratio = i, ratio
    return best


def _time_right(pred: dict[str, Any], gold: dict[str, Any]) -> str | None:
    problems = []
    if pred.get("value") != gold["value"]:
        problems.append(f"value {pred.get('value')!r}, gold {gold['value']!r}")
    if gold.get("mod") and pred.get("mod") != gold["mod"]:
        problems.append(f"mod {pred.get('mod')!r}, gold {gold['mod']!r}")
    signal = pred.get("signal") or {}
    with_signal = f"{signal['text']} {pred['text']}" if signal and signal["end"] <= pred["start"] else None
    if gold["text"] not in (pred["text"], with_signal):  # gold written with the preposition: "am Dienstagabend"
        problems.append(f"extent {pred['text']!r}")
    return "; ".join(problems) or None


def _figure_right(pred: dict[str, Any], gold: dict[str, Any]) -> str | None:
    problems = []
    for attr in ("low", "high", "approx", "category"):
        if pred.get(attr) != gold.get(attr):
            problems.append(f"{attr} {pred.get(attr)!r}, gold {gold.get(attr)!r}")
    claimant = (pred.get("claimant") or {}).get("text")
    if gold.get("source") is None:
        if claimant:
            problems.append(f"claimant {claimant!r}, gold none")
    elif not _same_words(claimant, gold["source"]):
        problems.append(f"claimant {claimant!r}, gold {gold['source']!r}")
    return "; ".join(problems) or None


def _quote_right(pred: dict[str, Any], gold: dict[str, Any]) -> str | None:
    speaker = (pred.get("speaker") or {}).get("text")
    resolved = pred.get("speaker_resolved")
    if not (_same_words(speaker, gold.get("speaker")) or _same_words(resolved, gold.get("speaker"))):
        return f"speaker {speaker!r}, gold {gold.get('speaker')!r}"
    if pred.get("kind") != gold["kind"]:
        return f"kind {pred.get('kind')!r}, gold {gold['kind']!r}"
    return None


def _event_place(pred: dict[str, Any]) -> str:
    place = pred.get("place") or {}
    return " ".join(str(place.get(k) or "") for k in ("text", "name"))


def score_events(doc: dict[str, Any], gold: list[dict[str, Any]], published: str | None, score: Score) -> None:
    """Events match by type and place; the sub-type and the date must be right too.

    Where the gold's place does not occur in the text (a chronicle gives it in a field of its own),
    the event matches by type alone: no reading of the text could name it.
    """
    predicted = [e for e in doc["events"] if e.get("status") == "current"]
    used: set[int] = set()
    optional_before = score.optional_found
    for g in gold:
        if g.get("type") == "historical":
            score.gold += 1
            at_place = [e for e in doc["events"] if g["place"].casefold() in _event_place(e).casefold()
                        or g["place"] in e["text"]]
            wrong = [e for e in at_place if e.get("status") == "current" and published
                     and str((e.get("date") or {}).get("value") or "").startswith(published[:4])]
            if wrong:
                score.misses.append(f"historical event at {g['place']} reported as current: {wrong[0]['text']!r}")
            else:  # a check on the output, not a predicted fact: counted on both sides of precision
                score.found += 1
                score.right += 1
                score.predicted += 1
            continue
        any_violent = "any violent type" in str(g.get("note", ""))

        def type_ok(e: dict[str, Any], g: dict[str, Any] = g, any_violent: bool = any_violent) -> bool:
            return e["type"] == g["type"] or (any_violent and e["type"] in VIOLENT_TYPES)

        # a place the text never names (a chronicle's location field) cannot be asked of the text:
        # such an event matches by its type alone
        named = g["place"].casefold() in doc["text"].casefold()
        hit = next((i for i, e in enumerate(predicted) if i not in used and type_ok(e)
                    and (not named or g["place"].casefold() in _event_place(e).casefold())), None)
        missing = f"event not found: {g['type']} / {g.get('sub_type')} at {g['place']} ({g.get('evidence')!r})"
        if not _book(g, hit, used, score, missing):
            continue
        assert hit is not None
        e = predicted[hit]
        problems = []
        if e["sub_type"] != g.get("sub_type") and not any_violent:
            problems.append(f"sub_type {e['sub_type']!r}, gold {g.get('sub_type')!r}")
        date = (e.get("date") or {}).get("value")
        if g.get("date") and date != g["date"]:
            problems.append(f"date {date!r}, gold {g['date']!r}")
        if problems:
            score.misses.append(f"event {g['type']} at {g['place']}: " + "; ".join(problems))
        else:
            score.right += 1
    score.predicted += len(predicted) - (score.optional_found - optional_before)
    for i, e in enumerate(predicted):
        if i not in used:
            score.misses.append(f"event not in gold: {e['type']} / {e['sub_type']} {e['text'][:80]!r}")


def score_conflicts(doc: dict[str, Any], gold: list[dict[str, Any]], score: Score) -> None:
    predicted = doc.get("conflicts", [])
    score.predicted += len(predicted)
    score.gold += len(gold)
    used: set[int] = set()
    for g in gold:
        hit = None
        for i, c in enumerate(predicted):
            texts = [f["text"] for f in c.get("figures", [])]
            if i not in used and c.get("category") == g["category"] and all(
                any(claim in t or t in claim for t in texts) for claim in g["claims"]
            ):
                hit = i
                break
        if hit is None:
            score.misses.append(f"conflict not found: {g['category']} at {g.get('place')}: {g['claims']}")
            continue
        used.add(hit)
        score.found += 1
        if _same_words(predicted[hit].get("place"), g.get("place")):
            score.right += 1
        else:
            score.misses.append(f"conflict {g['category']}: place {predicted[hit].get('place')!r}, gold {g.get('place')!r}")
    for i, c in enumerate(predicted):
        if i not in used:
            score.misses.append(f"conflict not in gold: {c.get('category')} at {c.get('place')}")


@dataclass
class GoldDocument:
    """One gold document: its name (file or corpus record), the text the gold's offsets refer to, the gold."""

    name: str
    published: str | None
    gold: dict[str, Any]
    text: str
    doc_id: str
    title: str | None = None

    def article(self) -> Article:
        return Article(text=self.text, id=self.doc_id, published=self.published, source=self.name, title=self.title)


def default_data_folder(gold_path: str | Path) -> Path:
    """Where corpus references resolve when no folder is given: the ``data`` folder beside the gold
    file's folder (``../shared/gold/x.json`` → ``../shared/data``), else ``../shared/data`` seen from the
    working directory, else the ``shared/data`` folder beside the lagebild checkout."""
    beside = Path(gold_path).resolve().parent.parent / "data"
    for candidate in (beside, Path.cwd().parent / "shared" / "data",
                      Path(__file__).resolve().parents[3].parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return beside


class _Corpora:
    """Reads the records that gold entries name, each corpus file at most once.

    A corpus is a path under the data folder: a JSON-lines file whose records carry ``id`` and
    ``text`` (and ``date``, ``title``), named with ``{"corpus": "news/wikinews_de.jsonl", "id": "54978"}``; or a
    folder of documents named with ``{"corpus": "spkatt2023_news/train/task2", "file": "<name>"}``, where
    a ``.json`` file is a SpkAtt task-2 article (its text rebuilt from the tokens) and any other file
    plain UTF-8 text.

    A single sentence is a document of its own in two more kinds of corpus file:

    * a GermEval 2014 NER file, ``{"corpus": "germeval2014/NER-de-test.tsv", "sentence": 12}``: the
      N-th sentence (1-based, in file order; a ``# <url> [<date>]`` comment line opens a sentence, a
      token line is ``index<TAB>token<TAB>...``, a blank line ends it). The file keeps no original
      spacing, so the text is the tokens joined by single spaces ("14 weitere Menschen", "Berlin ,");
      published is the entry's ``published``, else the date in brackets of the comment line;
    * a CoNLL-U file, ``{"corpus": "ud_german_gsd/gsd_de_gsd-ud-test.conllu", "sent_id": "test-s1"}``:
      the sentence with that ``# sent_id = `` line, its text the ``# text = `` line verbatim;
      published is the entry's ``published`` or none;
    * any other token-per-line column file, ``{"corpus": "ner_ehri/ehri_de.txt", "sentence": 7}`` or
      ``{"corpus": "ner_europarl/de-europarl.test.conll02", "sentence": 7}``: the N-th sentence (1-based, in
      file order; a blank line ends a sentence), the token of a line its first field, split on a tab where
      the line has one and else on its last space (``token<TAB>TAG``, ``token TAG``); ``-DOCSTART-`` lines
      and ``#`` comment lines are no tokens. The text is the tokens joined by single spaces, as for
      GermEval; published is the entry's ``published``, else a bracketed date of a comment line before
      the sentence as in GermEval, else none.

    A gzip-compressed stream of JSON objects written one after another (pretty-printed, not one a line),
    such as SmartData's ``smartdata/dev.json.gz``, is a corpus of records too, named with
    ``{"corpus": "smartdata/dev.json.gz", "id": "<id>"}``: the text is the record's ``text`` and
    published the entry's ``published``, else the record's ``date`` cut to ``YYYY-MM-DD`` where it
    parses, else none. A field written as an Avro union, ``{"string": "..."}``, is read as its string.
    """

    def __init__(self, gold_path: Path, data: Path) -> None:
        self.gold_path = gold_path
        self.data = data
        self.records: dict[Path, dict[str, dict[str, Any]]] = {}

    def _corpus_path(self, corpus: str) -> Path:
        root = self.data.resolve()
        path = (root / corpus).resolve()
        if root != path and root not in path.parents:
            raise GoldFormatError(f"{self.gold_path}: corpus {corpus!r} lies outside the data folder {root}")
        if not path.exists():
            raise GoldFormatError(
                f"{self.gold_path}: corpus {corpus!r} not found under {root}; "
                "pass the shared data folder with --data (lagebild eval GOLD --data ../shared/data)"
            )
        return path

    def _records(self, path: Path) -> dict[str, dict[str, Any]]:
        """The records of a JSON-lines file, or of a gzip-compressed JSON stream (a ``.gz`` file), by id."""
        return self._json_stream(path) if path.suffix == ".gz" else self._jsonl(path)

    def _jsonl(self, path: Path) -> dict[str, dict[str, Any]]:
        if path not in self.records:
            records: dict[str, dict[str, Any]] = {}
            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except ValueError as exc:
                        raise GoldFormatError(f"{path}:{number}: not a JSON record ({exc})") from exc
                    if isinstance(record, dict) and "id" in record:
                        records[str(record["id"])] = record
            self.records[path] = records
        return self.records[path]

    def document(self, entry: dict[str, Any]) -> GoldDocument:
        corpus = str(entry["corpus"])
        path = self._corpus_path(corpus)
        if "id" in entry and path.is_file():
            record = self._records(path).get(str(entry["id"]))
            if record is None or not isinstance(record.get("text"), str):
                raise GoldFormatError(
                    f"{self.gold_path}: no record with id {entry['id']!r} and a text in {path}; "
                    "the gold names a record this copy of the corpus lacks"
                )
            published = entry.get("published") or record.get("date")
            title = record.get("title") if isinstance(record.get("title"), str) else None
            return GoldDocument(f"{corpus}#{entry['id']}", published, entry, record["text"], str(entry["id"]), title)
        if "file" in entry and path.is_dir():
            doc_path = path / str(entry["file"])
            if not doc_path.is_file():
                raise GoldFormatError(
                    f"{self.gold_path}: no document {entry['file']!r} in the corpus folder {path}; "
                    "the gold names a record this copy of the corpus lacks"
                )
            text = self._folder_text(doc_path)
            return GoldDocument(f"{corpus}/{doc_path.name}", entry.get("published"), entry, text, doc_path.stem)
        if "sentence" in entry and path.is_file():
            number = str(entry["sentence"])
            sentences = self._germeval(path) if path.suffix == ".tsv" else self._columns(path)
            sentence = sentences.get(number)
            if sentence is None:
                raise GoldFormatError(
                    f"{self.gold_path}: no sentence {entry['sentence']!r} in {path}; "
                    "the gold names a sentence this copy of the corpus lacks"
                )
            name = f"{corpus}#{number}"
            return GoldDocument(name, entry.get("published") or sentence.get("date"), entry, sentence["text"], name)
        if "sent_id" in entry and path.is_file():
            sent_id = str(entry["sent_id"])
            sentence = self._conllu(path).get(sent_id)
            if sentence is None or not isinstance(sentence.get("text"), str):
                raise GoldFormatError(
                    f"{self.gold_path}: no sentence with sent_id {sent_id!r} and a text in {path}; "
                    "the gold names a sentence this copy of the corpus lacks"
                )
            name = f"{corpus}#{sent_id}"
            return GoldDocument(name, entry.get("published"), entry, sentence["text"], name)
        raise GoldFormatError(
            f"{self.gold_path}: corpus entry {corpus!r} needs 'id' for a JSON-lines file or a gzip JSON stream, "
            "'file' for a folder, 'sentence' for a GermEval TSV file or another column file, "
            "or 'sent_id' for a CoNLL-U file"
        )

    def _germeval(self, path: Path) -> dict[str, dict[str, Any]]:
        """The sentences of a GermEval 2014 TSV file by their number (1-based, as strings): the tokens
        joined by single spaces and the date of the opening comment line (None where it has none)."""
        return self._token_sentences(path, _germeval_token, "index<TAB>token<TAB>...")

    def _columns(self, path: Path) -> dict[str, dict[str, Any]]:
        """The sentences of a token-per-line column file (``token<TAB>TAG`` or ``token TAG``) by their
        number, as :meth:`_germeval` gives them."""
        return self._token_sentences(path, _column_token, "token<TAB>tag or token tag")

    def _token_sentences(
        self, path: Path, token: Callable[[str], str | None], layout: str,
    ) -> dict[str, dict[str, Any]]:
        """The sentences of a file of one token a line by their number (1-based, as strings): a blank line
        or a ``#`` comment line ends a sentence (a comment's bracketed date is the next one's date), a
        ``-DOCSTART-`` line is skipped, ``token(line)`` is a line's token (None: not a token line)."""
        if path not in self.records:
            sentences: dict[str, dict[str, Any]] = {}
            tokens: list[str] = []
            date: str | None = None

            def close() -> None:
                nonlocal tokens, date
                if tokens:
                    sentences[str(len(sentences) + 1)] = {"text": " ".join(tokens), "date": date}
                tokens, date = [], None

            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    line = line.rstrip("\r\n")
                    if not line.strip():
                        close()
                    elif line.startswith("#"):
                        close()
                        found = _BRACKET_DATE.search(line)
                        date = found.group(1) if found else None
                    elif line.startswith("-DOCSTART-"):
                        close()
                    else:
                        word = token(line)
                        if not word:
                            raise GoldFormatError(f"{path}:{number}: not a token line ({layout})")
                        tokens.append(word)
                close()
            self.records[path] = sentences
        return self.records[path]

    def _json_stream(self, path: Path) -> dict[str, dict[str, Any]]:
        """The records of a gzip-compressed stream of JSON objects by id: Avro unions (``{"string": s}``)
        read as their value, ``date`` cut to ``YYYY-MM-DD`` (None where it does not parse)."""
        if path not in self.records:
            try:
                with gzip.open(path, "rt", encoding="utf-8") as stream:
                    content = stream.read()
            except (OSError, EOFError, UnicodeDecodeError) as exc:
                raise GoldFormatError(f"{path}: not a gzip-compressed UTF-8 file ({exc})") from exc
            decoder = json.JSONDecoder()
            records: dict[str, dict[str, Any]] = {}
            position = 0
            while True:
                while position < len(content) and content[position].isspace():
                    position += 1
                if position >= len(content):
                    break
                try:
                    record, position = decoder.raw_decode(content, position)
                except ValueError as exc:
                    raise GoldFormatError(f"{path}: not a stream of JSON objects ({exc})") from exc
                if isinstance(record, dict) and "id" in record:
                    fields = {key: _unwrap(record.get(key)) for key in ("text", "title", "date")}
                    records[str(_unwrap(record["id"]))] = {**fields, "date": _day(fields["date"])}
            self.records[path] = records
        return self.records[path]

    def _conllu(self, path: Path) -> dict[str, dict[str, Any]]:
        """The sentences of a CoNLL-U file by their ``sent_id``, each with its ``# text = `` line (None
        where the sentence has none)."""
        if path not in self.records:
            sentences: dict[str, dict[str, Any]] = {}
            sent_id: str | None = None
            text: str | None = None
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    line = line.rstrip("\r\n")
                    if not line.strip():
                        if sent_id is not None:
                            sentences[sent_id] = {"text": text}
                        sent_id, text = None, None
                    elif line.startswith("# sent_id = "):
                        sent_id = line[len("# sent_id = "):].strip()
                    elif line.startswith("# text = "):
                        text = line[len("# text = "):]
            if sent_id is not None:
                sentences[sent_id] = {"text": text}
            self.records[path] = sentences
        return self.records[path]

    def _folder_text(self, doc_path: Path) -> str:
        if doc_path.suffix == ".json":
            from lagebild.errors import InputError
            from lagebild.evaluate.spkatt import load_article

            try:
                return load_article(doc_path).text
            except InputError as exc:
                raise GoldFormatError(f"{self.gold_path}: {exc}") from exc
        return doc_path.read_text(encoding="utf-8")


def _germeval_token(line: str) -> str | None:
    """The token of a GermEval TSV line, ``index<TAB>token<TAB>...``."""
    columns = line.split("\t")
    return columns[1] if len(columns) >= 2 and columns[1] else None


def _column_token(line: str) -> str | None:
    """The token of a column file line: its first field, split on a tab where the line has one, else on
    its last space."""
    if "\t" in line:
        return line.split("\t", 1)[0].strip() or None
    word, space, _ = line.rpartition(" ")
    return (word.strip() or None) if space else None


def _unwrap(value: Any) -> Any:
    """An Avro union as JSON writes it, ``{"string": "..."}``, as its value; anything else as it is."""
    if isinstance(value, dict) and len(value) == 1:
        return next(iter(value.values()))
    return value


def _day(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a date or timestamp string, None where it does not begin with a valid date."""
    if not isinstance(value, str):
        return None
    try:
        return _date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def load_gold(gold_path: str | Path, data: str | Path | None = None) -> list[GoldDocument]:
    """Read a lagebild-gold/1 file.

    A document entry names either a ``file`` (relative to the folder above the gold file) or a
    ``corpus`` record (see :class:`_Corpora`) resolved against ``data`` (default:
    :func:`default_data_folder`). A named file or record that is missing raises :class:`GoldFormatError`.
    """
    path = Path(gold_path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldFormatError(f"{path}: cannot read the gold file: {exc}") from exc
    if not isinstance(payload, dict) or not str(payload.get("format", "")).startswith("lagebild-gold/"):
        raise GoldFormatError(f"{path}: not a lagebild-gold file (its 'format' must be lagebild-gold/1)")
    base = path.resolve().parent.parent
    corpora = _Corpora(path, Path(data) if data is not None else default_data_folder(path))
    docs = []
    for entry in payload.get("documents", []):
        if "corpus" in entry:
            docs.append(corpora.document(entry))
            continue
        if "file" not in entry:
            raise GoldFormatError(f"{path}: a document entry names neither 'file' nor 'corpus'")
        doc_path = base / entry["file"]
        if not doc_path.is_file():
            raise GoldFormatError(f"{path}: document {entry['file']} not found at {doc_path}")
        text = doc_path.read_text(encoding="utf-8")
        docs.append(GoldDocument(doc_path.name, entry.get("published"), entry, text, doc_path.stem))
    return docs


def evaluate(
    gold_path: str | Path, analyse: Callable[[Article], Document] | None = None, data: str | Path | None = None,
) -> dict[str, Score]:
    """Run the pipeline on every gold document and score each fact kind (``data``: see :func:`load_gold`)."""
    from lagebild.pipeline import default_pipeline
    from lagebild.serialize import document_to_dict

    analyse = analyse or default_pipeline()
    scores = {kind: Score(kind) for kind in KINDS}
    not_quotes = Score("not_quotes")
    for gold_doc in load_gold(gold_path, data):
        article = gold_doc.article()
        result = document_to_dict(analyse(article))
        g, text = gold_doc.gold, article.text
        name = gold_doc.name
        before = {k: len(s.misses) for k, s in scores.items()}
        score_places(text, result["places"], g.get("places", []), scores["places"])
        _match_spans(text, result["times"], g.get("times", []), scores["times"], "time", "text", _time_right)
        _match_spans(text, result["figures"], g.get("figures", []), scores["figures"], "figure", "text", _figure_right)
        _match_spans(text, result["quotes"], g.get("quotes", []), scores["quotes"], "quote", "text", _quote_right)
        score_events(result, g.get("events", []), gold_doc.published, scores["events"])
        score_conflicts(result, g.get("conflicts", []), scores["conflicts"])
        for bad in g.get("not_quotes", []):
            not_quotes.gold += 1
            spans = occurrences(text, bad)
            wrong = [q for q in result["quotes"] if _overlaps((q["start"], q["end"]), spans) and len(q["text"]) <= len(bad) + 4]
            if wrong:
                not_quotes.misses.append(f"{name}: reported as a quote: {bad!r}")
            else:
                not_quotes.right += 1
                not_quotes.found += 1
        for kind, s in scores.items():
            s.misses[before[kind]:] = [f"{name}: {m}" for m in s.misses[before[kind]:]]
    not_quotes.predicted = not_quotes.gold
    scores["not_quotes"] = not_quotes
    return scores


def format_table(scores: dict[str, Score], show_misses: bool = True) -> str:
    lines = [
        f"{'kind':<11} {'gold':>5} {'pred':>5} {'found P':>8} {'R':>6} {'F1':>6}   {'right P':>8} {'R':>6} {'F1':>6}",
    ]
    for s in scores.values():
        fp, fr, ff = s.found_prf
        rp, rr, rf = s.right_prf
        lines.append(
            f"{s.kind:<11} {s.gold:>5} {s.predicted:>5} {fp:>8.3f} {fr:>6.3f} {ff:>6.3f}   {rp:>8.3f} {rr:>6.3f} {rf:>6.3f}"
        )
    lines.append("found = the fact's span was found; right = found with every attribute right "
                 "(value, category, claimant, speaker, type, place, date)")
    if show_misses:
        for s in scores.values():
            for miss in s.misses:
                lines.append(f"  - {miss}")
    return "\n".join(lines)
