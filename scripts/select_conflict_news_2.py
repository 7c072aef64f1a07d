"""Choose the second blind set of hand-labelled conflict reports, ``tests/data/gold/conflict_news.blind2.gold.json``.

The same rule as :mod:`select_conflict_news` (keyword classes over title, lead and text; the same two
corpora, both CC BY-NC-SA 4.0, evaluation only; the seeds and records without a valid date excluded;
the Wikinews articles that ``tests/data/wikinews_events*.tsv`` judge drawn only when the others are too
few), with these differences:

* every record the first gold files (``conflict_news.tuning`` and ``conflict_news.blind``) name is
  excluded, by its Wikinews id, from both corpora (a SpkAtt article is a Wikinews article under the
  same id);
* a new seed draws 8 SpkAtt articles, then up to 16 Wikinews articles (the proportion of the first
  draw), none of them a Wikinews record with the id of a drawn SpkAtt article;
* there is no split: all form one blind set.

The first draw leaves few conflict reports: 16 SpkAtt articles, all of them also in the JSONL file,
and 5 more Wikinews articles, 21 in all, every one of them judged by the trigger verdict files. The
draw therefore takes 8 SpkAtt articles and all 13 remaining Wikinews articles, 21 articles, the whole
remaining pool; the seed decides only which 8 are read in their SpkAtt form.

Run:  .venv/bin/python scripts/select_conflict_news_2.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_conflict_news import GOLD, SPKATT, candidates, draw, judged_ids, selection_main  # noqa: E402

SEED = 20250611
SPKATT_COUNT, WIKINEWS_COUNT = 8, 16
EARLIER = [GOLD / f"conflict_news.{half}.gold.json" for half in ("tuning", "blind")]
TARGET = GOLD / "conflict_news.blind2.gold.json"


def record_id(entry: dict[str, str]) -> str:
    """The Wikinews id of a gold or candidate entry (a SpkAtt file name starts with it)."""
    return entry.get("id") or entry["file"].split(" - ", 1)[0]


def earlier_ids() -> set[str]:
    """Ids of every record the first gold files name."""
    ids: set[str] = set()
    for path in EARLIER:
        ids |= {record_id(d) for d in json.loads(path.read_text(encoding="utf-8"))["documents"]}
    return ids


def select(data: Path) -> list[dict[str, str]]:
    """The chosen records as corpus references, SpkAtt first, each source in drawn order sorted by id."""
    taken = earlier_ids()
    spkatt, wikinews = candidates(data)
    spkatt = [r for r in spkatt if r["id"] not in taken]
    wikinews = [r for r in wikinews if r["id"] not in taken]
    print(f"candidates after exclusion: {len(spkatt)} SpkAtt, {len(wikinews)} Wikinews", file=sys.stderr)
    judged = judged_ids()
    rng = random.Random(SEED)
    chosen_spkatt = draw(rng, spkatt, SPKATT_COUNT, judged)
    drawn = {r["id"] for r in chosen_spkatt}
    rest = [r for r in wikinews if r["id"] not in drawn]
    if len(rest) < WIKINEWS_COUNT:
        print(f"only {len(rest)} Wikinews candidates left for {WIKINEWS_COUNT}: all are taken", file=sys.stderr)
    chosen_wikinews = draw(rng, rest, min(WIKINEWS_COUNT, len(rest)), judged)
    chosen = sorted(chosen_spkatt, key=lambda r: int(r["id"])) + sorted(chosen_wikinews, key=lambda r: int(r["id"]))
    for record in chosen:
        if record["corpus"] == SPKATT:
            del record["id"]
    return chosen


def main() -> int:
    return selection_main(__doc__, select, TARGET)


if __name__ == "__main__":
    sys.exit(main())
