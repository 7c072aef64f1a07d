"""Choose the second blind set of hand-labelled casualty sentences, ``tests/data/gold/casualty_sentences.blind2.gold.json``.

The rule, applied to three further corpora in the shared data folder (no text is copied, the gold names
each document by corpus and sentence number or record id):

* Pool A: ``ner_ehri/ehri_de.txt`` (EHRI-NER German: Holocaust-era documents and testimonies, EUPL-1.2),
  a sentence named by its number in file order, ``{"corpus": ..., "sentence": N}``, its text the tokens
  joined by single spaces. Every sentence whose text matches the casualty-cue class ``CUES`` of
  :mod:`select_casualty_news_2` (imported, not restated) is a candidate; a seeded random draw (``SEED``)
  takes ``COUNT`` of them, listed in file order.
* Pool B: ``ner_europarl/de-europarl.test.conll02`` (Europarl NER: German parliament debates), named and
  read the same way: every sentence that matches ``CUES``, no draw, in file order.
* Pool C: ``smartdata/dev.json.gz`` (SmartData: German news, RSS and tweets, CC BY 4.0), a record named by
  its id, ``{"corpus": ..., "id": ID}``: every record whose text matches ``CUES``, no draw, in file order.
* Each sentence or record is a document of its own, read the way :class:`lagebild.evaluate.gold._Corpora`
  resolves the reference; the gold lists pool A, then B, then C.

Run:  .venv/bin/python scripts/select_casualty_sentences_2.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_casualty_news import TESTS_DATA  # noqa: E402
from select_casualty_news_2 import CUES  # noqa: E402
from select_casualty_sentences import same_in_order  # noqa: E402
from select_conflict_news import selection_main  # noqa: E402

from lagebild.evaluate.gold import _Corpora  # noqa: E402

TARGET = TESTS_DATA / "gold" / "casualty_sentences.blind2.gold.json"
SEED = 20261219
COUNT = 45
EHRI = "ner_ehri/ehri_de.txt"
EUROPARL = "ner_europarl/de-europarl.test.conll02"
SMARTDATA = "smartdata/dev.json.gz"


def matching_sentences(corpora: _Corpora, corpus: str) -> list[int]:
    """The numbers (1-based, file order) of the sentences of a column file whose text matches ``CUES``."""
    sentences = corpora._columns(corpora._corpus_path(corpus))
    return [int(number) for number, sentence in sentences.items() if CUES.search(sentence["text"])]


def select(data: Path) -> list[dict[str, str | int]]:
    """The drawn EHRI sentences, every matching Europarl sentence and every matching SmartData record, as
    corpus references: pool A, B, C, each in file order."""
    corpora = _Corpora(TARGET, data)
    pool_a = matching_sentences(corpora, EHRI)
    drawn = sorted(random.Random(SEED).sample(pool_a, min(COUNT, len(pool_a))))
    pool_b = matching_sentences(corpora, EUROPARL)
    records = corpora._json_stream(corpora._corpus_path(SMARTDATA))
    pool_c = [record_id for record_id, record in records.items()
              if isinstance(record.get("text"), str) and CUES.search(record["text"])]
    print(f"candidates: {len(pool_a)} EHRI (drawn {len(drawn)}), {len(pool_b)} Europarl, {len(pool_c)} SmartData",
          file=sys.stderr)
    chosen: list[dict[str, str | int]] = [{"corpus": EHRI, "sentence": n} for n in drawn]
    chosen += [{"corpus": EUROPARL, "sentence": n} for n in pool_b]
    chosen += [{"corpus": SMARTDATA, "id": record_id} for record_id in pool_c]
    return chosen


def main() -> int:
    return selection_main(__doc__, select, TARGET, same_in_order)


if __name__ == "__main__":
    sys.exit(main())
