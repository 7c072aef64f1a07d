"""Choose the second blind set of hand-labelled casualty reports, ``tests/data/gold/casualty_news.blind2.gold.json``.

The rule, applied to two corpora in the shared data folder (both German Wikinews, CC BY-NC-SA 4.0,
evaluation only; no text is copied, the gold names records by id or file name):

* A text is a **casualty report** when it matches the class ``CUES``: the casualty-cue class of
  :mod:`select_casualty_news` (getötet, verletzt, Tote[n], festgenommen, entführt, ums Leben …) extended
  by ``Todesopfer``, ``tödlich\\w*``, ``Leiche[n]?``, ``Geisel[n]?``, ``Festnahme[n]?``, ``gestorben``,
  ``umgekommen`` and ``hingerichtet`` (whole words, case as written).
* Pool A: the SpkAtt articles ``spkatt2023_news/train/task2/*.json`` (GermEval 2023 SpkAtt news; the
  text is the one :func:`lagebild.evaluate.spkatt.load_article` rebuilds from the tokens, the date the
  one in the file name) that are casualty reports.
* Pool B: the records of ``news/wikinews_de.jsonl`` that are casualty reports and whose id is not the
  id of a SpkAtt article (the leading number of a file name in ``spkatt2023_news/*/*/``), so that no
  article is drawn twice.
* Excluded from both: every Wikinews id that a file under ``tests/data/`` names (a JSON
  ``"id": "<digits>"``, the first column of a ``.tsv`` line, and the leading number of a SpkAtt file
  name in a JSON ``"file"``; the gold file this script chooses for is left out of that search, and so
  are the gold files drawn after it, ``LATER``, whose records were free when it was drawn), the
  seed articles (``../shared/seeds``) and records without a valid date.
* From pool A and pool B together, sorted by Wikinews id, a seeded random draw (``SEED``) takes 40
  documents (all of them if fewer are left), listed sorted by id.

Run:  .venv/bin/python scripts/select_casualty_news_2.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_casualty_news import CUES as FIRST_CUES  # noqa: E402
from select_casualty_news import TESTS_DATA, WIKINEWS, named_ids, seed_openings, spkatt_ids  # noqa: E402
from select_conflict_news import DATE, SPKATT, load_article, selection_main  # noqa: E402

SEED = 20261213
COUNT = 40
TARGET = TESTS_DATA / "gold" / "casualty_news.blind2.gold.json"
# gold files drawn after this one: the records they name were free when this draw was made
LATER = tuple(TESTS_DATA / "gold" / f"casualty_news.{name}.gold.json" for name in ("blind3", "blind4"))

# the casualty-cue class of select_casualty_news plus eight more words
CUES = re.compile(
    FIRST_CUES.pattern
    + r"|\b(Todesopfer|tödlich\w*|Leiche[n]?|Geisel[n]?|Festnahme[n]?|gestorben|umgekommen|hingerichtet)\b"
)
SPKATT_FILE = re.compile(r'"file"\s*:\s*"(\d+) - ')


def excluded_ids(skip: tuple[Path, ...] = (TARGET, *LATER)) -> set[str]:
    """Every Wikinews id a file under ``tests/data/`` names, the SpkAtt file names in gold entries included,
    the files ``skip`` aside (by default the gold file this script makes and the gold files drawn after it)."""
    ids = named_ids(exclude=skip)
    skipped = {p.resolve() for p in skip}
    for path in sorted(TESTS_DATA.rglob("*.json")):
        if path.resolve() not in skipped:
            ids |= set(SPKATT_FILE.findall(path.read_text(encoding="utf-8")))
    return ids


def candidates(data: Path, skip: tuple[Path, ...] = (TARGET, *LATER)) -> list[dict[str, str]]:
    """Every casualty report of both pools not excluded (:func:`excluded_ids` of ``skip``), as corpus
    references with ids, sorted by id."""
    excluded = excluded_ids(skip)
    openings = seed_openings(data)

    def usable(article_id: str, text: str, date: str) -> bool:
        return (
            bool(CUES.search(text))
            and bool(DATE.fullmatch(date))
            and article_id not in excluded
            and not any(o in text for o in openings)
        )

    pool_a: list[dict[str, str]] = []
    for path in sorted((data / SPKATT).glob("*.json")):
        article_id, _, rest = path.stem.partition(" - ")
        date = rest.rpartition(" (")[2].rstrip(")")
        if usable(article_id, load_article(path).text, date):
            pool_a.append({"corpus": SPKATT, "file": path.name, "id": article_id, "published": date})
    spkatt = spkatt_ids(data)
    pool_b: list[dict[str, str]] = []
    with (data / WIKINEWS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article_id = str(record["id"])
            if article_id not in spkatt and usable(article_id, record["text"], str(record.get("date", ""))):
                pool_b.append({"corpus": WIKINEWS, "id": article_id, "published": record["date"]})
    print(f"candidates: {len(pool_a)} SpkAtt, {len(pool_b)} Wikinews", file=sys.stderr)
    return sorted(pool_a + pool_b, key=lambda r: int(r["id"]))


def draw(pool: list[dict[str, str]], seed: int, count: int = COUNT) -> list[dict[str, str]]:
    """A seeded random draw of ``count`` documents of ``pool`` (all where fewer are left) as corpus
    references, sorted by id (SpkAtt ones named by file only)."""
    drawn = sorted(random.Random(seed).sample(pool, min(count, len(pool))), key=lambda r: int(r["id"]))
    for record in drawn:
        if record["corpus"] == SPKATT:
            del record["id"]
    return drawn


def select(data: Path) -> list[dict[str, str]]:
    """The drawn documents as corpus references, sorted by id (SpkAtt ones named by file only)."""
    return draw(candidates(data), SEED)


def main() -> int:
    return selection_main(__doc__, select, TARGET)


if __name__ == "__main__":
    sys.exit(main())
