"""Choose the third blind set of hand-labelled casualty reports, ``tests/data/gold/casualty_news.blind3.gold.json``.

The rule is that of :mod:`select_casualty_news_2`, applied to the same two corpora in the shared data
folder (both German Wikinews, CC BY-NC-SA 4.0, evaluation only; no text is copied, the gold names
records by id or file name):

* A text is a **casualty report** when it matches the extended casualty-cue class
  ``select_casualty_news_2.CUES`` (the class of :mod:`select_casualty_news` plus ``Todesopfer``,
  ``tödlich\\w*``, ``Leiche[n]?``, ``Geisel[n]?``, ``Festnahme[n]?``, ``gestorben``, ``umgekommen`` and
  ``hingerichtet``; whole words, case as written).
* Pool A: the SpkAtt articles ``spkatt2023_news/train/task2/*.json`` that are casualty reports (the text
  the one :func:`lagebild.evaluate.spkatt.load_article` rebuilds from the tokens, the date the one in
  the file name). Pool B: the records of ``news/wikinews_de.jsonl`` that are casualty reports and whose
  id is not the id of a SpkAtt article.
* Excluded from both: every Wikinews id that a file under ``tests/data/`` names (a JSON
  ``"id": "<digits>"``, the first column of a ``.tsv`` line, and the leading number of a SpkAtt file
  name in a JSON ``"file"``; the gold file this script chooses for is left out of that search, and so
  are the gold files drawn after it, ``LATER``, whose records were free when it was drawn), so
  also the records of ``casualty_news.blind.gold.json`` and ``casualty_news.blind2.gold.json``; the
  seed articles (``../shared/seeds``) and records without a valid date.
* From pool A and pool B together, sorted by Wikinews id, a seeded random draw (``SEED``) takes 40
  documents (all of them if fewer are left), listed sorted by id.

Run:  .venv/bin/python scripts/select_casualty_news_3.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_casualty_news import TESTS_DATA  # noqa: E402
from select_casualty_news_2 import candidates, draw  # noqa: E402
from select_conflict_news import selection_main  # noqa: E402

SEED = 20261215
COUNT = 40
TARGET = TESTS_DATA / "gold" / "casualty_news.blind3.gold.json"
# gold files drawn after this one: the records they name were free when this draw was made
LATER = (TESTS_DATA / "gold" / "casualty_news.blind4.gold.json",)


def select(data: Path) -> list[dict[str, str]]:
    """The drawn documents as corpus references, sorted by id (SpkAtt ones named by file only)."""
    return draw(candidates(data, skip=(TARGET, *LATER)), SEED, COUNT)


def main() -> int:
    return selection_main(__doc__, select, TARGET)


if __name__ == "__main__":
    sys.exit(main())
