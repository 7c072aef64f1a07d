"""Choose the fourth blind set of hand-labelled casualty reports, ``tests/data/gold/casualty_news.blind4.gold.json``.

The rule is that of :mod:`select_casualty_news_3` (its docstring states it in full): the same two pools
of German Wikinews casualty reports (CC BY-NC-SA 4.0, evaluation only; no text is copied, the gold names
records by id or file name), the same exclusions (every record a file under ``tests/data/`` names, so
also those of ``casualty_news.blind``, ``blind2`` and ``blind3``; the seed articles; records without a
valid date), and a seeded random draw (``SEED``) of 40 documents, all of them if fewer are left, listed
sorted by id. No gold file was drawn after this one, so nothing is left out of the exclusion but its own.

Run:  .venv/bin/python scripts/select_casualty_news_4.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_casualty_news import TESTS_DATA  # noqa: E402
from select_casualty_news_2 import candidates, draw  # noqa: E402
from select_conflict_news import selection_main  # noqa: E402

SEED = 20261217
COUNT = 40
TARGET = TESTS_DATA / "gold" / "casualty_news.blind4.gold.json"


def select(data: Path) -> list[dict[str, str]]:
    """The drawn documents as corpus references, sorted by id (SpkAtt ones named by file only)."""
    return draw(candidates(data, skip=(TARGET,)), SEED, COUNT)


def main() -> int:
    return selection_main(__doc__, select, TARGET)


if __name__ == "__main__":
    sys.exit(main())
