"""Choose the ARVIG incident reports of the hand-labelled blind set ``tests/data/gold/arvig_reports.blind3.gold.json``.

The corpus is the ARVIG chronicle of anti-refugee violence and protests in Germany
(``events_arvig/arvig_2014_2015.jsonl`` in the shared data folder; Benček & Strasheim 2016, CC0): one
short German report a record, with ``id``, ``date``, ``location`` and ``category_de``. The rule:

* Only records dated 2015 (the blind part of the ARVIG event evaluation; 2014 is its tuning part).
* Skipped, as in ``lagebild eval-events-arvig``: records that only cite a government answer to a
  parliamentary question, "Kleine Anfrage" (or "kl. Anfrage") in the text or the source, and records
  whose text cites "Antwort der Bundesregierung".
* A record *has a figure cue* when its text holds a digit, a German cardinal number word from two up
  (class ``NUMBER_WORD``: zwei … neunzehn, the tens, their compounds, hundert, tausend, Dutzend(e),
  Hunderte, Tausende; "ein" is left out, being also the article) or a casualty word (class
  ``CASUALTY_WORD``: verletzt, getötet, tot, ermordet, festgenommen, verhaftet, Gewahrsam, entführt,
  evakuiert, vermisst …).
* From the kept records sorted by id, a seeded random draw (``SEED``) takes ``CUED_COUNT`` records
  with a figure cue, so that the set has figures; then ``REST_COUNT`` more records from all records not
  yet drawn (cue or not), stratified by category: each ``category_de`` gets a share in proportion to
  its number of records left (largest remainder, at least one a category), drawn at random within it.
* The documents are listed sorted by id.

Nothing in the rule looks at what lagebild makes of a text; lagebild is not run on the records.

Run:  .venv/bin/python scripts/select_arvig_gold.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "events_arvig/arvig_2014_2015.jsonl"
TARGET = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind3.gold.json"
SEED = 20261207
YEAR = "2015"
CUED_COUNT, REST_COUNT = 30, 30

GOVERNMENT_ANSWER = re.compile(r"kleine(?:n)?\s+anfrage|kl\.\s*anfrage|antwort\s+der\s+bundesregierung", re.IGNORECASE)
DIGIT = re.compile(r"\d")
CASUALTY_WORD = re.compile(
    r"verletz|getötet|tötet|\btot\b|\btote[n]?\b|ermordet|erschlagen|erstochen|festgenommen|festnahme|"
    r"verhaftet|\bhaft\b|gewahrsam|entführt|verschleppt|evakuiert|vermisst",
    re.IGNORECASE,
)
NUMBER_WORD = re.compile(
    r"\b(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)(?:und(?:zwanzig|dreißig|\w{2,5}zig)|hundert|tausend)|"
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|"
    r"siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|"
    r"hundert|tausend|dutzend|dutzende|hunderte|tausende)\b",
    re.IGNORECASE,
)


def has_figure_cue(text: str) -> bool:
    """True when the text holds a digit, a number word or a casualty word."""
    return bool(DIGIT.search(text) or NUMBER_WORD.search(text) or CASUALTY_WORD.search(text))


def kept_records(data: Path) -> list[dict[str, Any]]:
    """The 2015 records that do not only cite a government answer, sorted by id."""
    records = []
    with (data / CORPUS).open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if not str(record.get("date", "")).startswith(YEAR):
                continue
            if GOVERNMENT_ANSWER.search(str(record.get("text", ""))) or GOVERNMENT_ANSWER.search(
                str(record.get("source", ""))
            ):
                continue
            records.append(record)
    return sorted(records, key=lambda r: str(r["id"]))


def category_shares(counts: Counter[str], total: int) -> dict[str, int]:
    """``total`` split over the categories in proportion to ``counts`` (largest remainder, at least one each)."""
    size = sum(counts.values())
    shares = {c: max(1, total * n // size) for c, n in counts.items()}
    remainders = sorted(counts, key=lambda c: (-(total * counts[c] % size), c))
    i = 0
    while sum(shares.values()) < total:
        shares[remainders[i % len(remainders)]] += 1
        i += 1
    while sum(shares.values()) > total:  # the minimum of one took too many: give back from the largest share
        shares[max(shares, key=lambda c: (shares[c], c))] -= 1
    return shares


def select(data: Path) -> list[dict[str, str]]:
    """The chosen records as corpus references (``corpus``, ``id``, ``published`` = the record's date), by id."""
    records = kept_records(data)
    rng = random.Random(SEED)
    cued = [r for r in records if has_figure_cue(str(r["text"]))]
    chosen = rng.sample(cued, CUED_COUNT)
    taken = {r["id"] for r in chosen}
    rest = [r for r in records if r["id"] not in taken]
    counts = Counter(str(r["category_de"]) for r in rest)
    for category, share in sorted(category_shares(counts, REST_COUNT).items()):
        pool = [r for r in rest if r["category_de"] == category]
        chosen += rng.sample(pool, share)
    return [{"corpus": CORPUS, "id": str(r["id"]), "published": str(r["date"])[:10]}
            for r in sorted(chosen, key=lambda r: str(r["id"]))]


def check(chosen: list[dict[str, str]], target: Path = TARGET) -> int:
    """0 when the gold file names exactly the selected records (corpus, id and published date)."""
    gold = json.loads(target.read_text(encoding="utf-8"))
    have = [{"corpus": d["corpus"], "id": d["id"], "published": d["published"]} for d in gold["documents"]]
    if have != chosen:
        print(f"{target.name}: the gold file does not name the selected records", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--check", action="store_true", help="compare with the gold file")
    args = parser.parse_args()
    chosen = select(args.data)
    if args.check:
        return check(chosen)
    print(json.dumps(chosen, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
