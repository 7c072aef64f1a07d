"""Choose the German Wikinews reports of the hand-labelled gold ``tests/data/gold/casualty_news.blind.gold.json``.

The rule, applied to every record of ``news/wikinews_de.jsonl`` in the shared data folder (German
Wikinews 2005–2022, CC BY-NC-SA 4.0, evaluation only; no text is copied, the gold names records by id):

* A record is a **casualty report** when its text matches the casualty-cue class ``CUES``
  (``\\b(getötet|verletzt|Verletzte[n]?|Tote[n]?|ermordet|erschossen|festgenommen|verhaftet|entführt|
  starben|ums Leben|Verwundete|verwundet|verschleppt|vermisst)\\b``, case as written). Most such
  reports tell of accidents, disasters and crime, not of political violence.
* Excluded: every Wikinews id that a file under ``tests/data/`` names (a JSON ``"id": "<digits>"``
  anywhere in a file, and the first tab-separated column of a ``.tsv`` line when it is all digits; the
  gold file this script chooses for is left out of that search, or it would exclude its own records,
  and so are the gold files drawn after it, ``LATER``, whose records were free when it was drawn);
  every id that is the leading number of a file name in ``spkatt2023_news/*/*/`` (the SpkAtt articles,
  which are Wikinews articles under the same id); and the seed articles (``../shared/seeds``) if any
  record holds the opening of one.
* From the remaining candidates, sorted by id, a seeded random draw (``SEED``) takes 30 records,
  listed sorted by id.

Run:  .venv/bin/python scripts/select_casualty_news.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_conflict_news import selection_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261211
COUNT = 30
WIKINEWS = "news/wikinews_de.jsonl"
TESTS_DATA = ROOT / "tests" / "data"
TARGET = TESTS_DATA / "gold" / "casualty_news.blind.gold.json"
# gold files drawn after this one: the records they name were free when this draw was made
LATER = tuple(
    TESTS_DATA / "gold" / f"casualty_news.{name}.gold.json" for name in ("blind2", "blind3", "blind4")
)

CUES = re.compile(
    r"\b(getötet|verletzt|Verletzte[n]?|Tote[n]?|ermordet|erschossen|festgenommen|verhaftet|entführt|"
    r"starben|ums Leben|Verwundete|verwundet|verschleppt|vermisst)\b"
)
JSON_ID = re.compile(r'"id"\s*:\s*"(\d+)"')
LEADING_NUMBER = re.compile(r"\d+")


def named_ids(tests_data: Path = TESTS_DATA, exclude: Path | tuple[Path, ...] | None = None) -> set[str]:
    """Every Wikinews id a file under ``tests/data/`` names, the files ``exclude`` aside (by default the
    gold file this script makes and the gold files drawn after it)."""
    skipped = (TARGET, *LATER) if exclude is None else (exclude if isinstance(exclude, tuple) else (exclude,))
    skip = {p.resolve() for p in skipped}
    ids: set[str] = set()
    for path in sorted(tests_data.rglob("*")):
        if not path.is_file() or path.resolve() in skip:
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        ids |= set(JSON_ID.findall(content))
        if path.suffix == ".tsv":
            for line in content.splitlines():
                first = line.split("\t", 1)[0]
                if first.isdigit():
                    ids.add(first)
    return ids


def spkatt_ids(data: Path) -> set[str]:
    """The Wikinews ids of the SpkAtt articles: the leading number of each file name."""
    ids: set[str] = set()
    for path in (data / "spkatt2023_news").glob("*/*/*"):
        match = LEADING_NUMBER.match(path.name)
        if match:
            ids.add(match.group(0))
    return ids


def seed_openings(data: Path) -> list[str]:
    seeds = data.parent / "seeds"
    return [p.read_text(encoding="utf-8")[:60] for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []


def candidates(data: Path) -> list[dict[str, str]]:
    """Every casualty report not excluded, as corpus references sorted by id."""
    excluded = named_ids() | spkatt_ids(data)
    openings = seed_openings(data)
    chosen: list[dict[str, str]] = []
    matched = 0
    with (data / WIKINEWS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record["text"]
            if not CUES.search(text):
                continue
            matched += 1
            if str(record["id"]) in excluded or any(o in text for o in openings):
                continue
            chosen.append({"corpus": WIKINEWS, "id": str(record["id"]), "published": record["date"]})
    print(f"casualty cue in {matched} records, {len(chosen)} left after exclusion", file=sys.stderr)
    return sorted(chosen, key=lambda r: int(r["id"]))


def select(data: Path) -> list[dict[str, str]]:
    """The drawn records, sorted by id."""
    pool = candidates(data)
    if len(pool) < COUNT:
        raise SystemExit(f"only {len(pool)} candidates for {COUNT} records")
    drawn = random.Random(SEED).sample(pool, COUNT)
    return sorted(drawn, key=lambda r: int(r["id"]))


def main() -> int:
    return selection_main(__doc__, select, TARGET)


if __name__ == "__main__":
    sys.exit(main())
