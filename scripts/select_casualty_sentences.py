"""Choose the blind set of hand-labelled casualty sentences, ``tests/data/gold/casualty_sentences.blind.gold.json``.

The rule, applied to four files of German sentences in the shared data folder (no text is copied, the
gold names each sentence by corpus and number or ``sent_id``):

* ``germeval2014/NER-de-test.tsv`` (GermEval 2014 NER: Wikipedia and news sentences, CC BY 4.0), a
  sentence named by its number in file order, ``{"corpus": ..., "sentence": N}``; its text the tokens
  joined by single spaces (the file keeps no original spacing);
* ``ud_german_gsd/gsd_de_gsd-ud-dev.conllu`` and ``ud_german_gsd/gsd_de_gsd-ud-test.conllu`` (UD German
  GSD, CC BY-SA 4.0) and ``ud_german_pud/de_pud-ud-test.conllu`` (UD German PUD), a sentence named by
  its ``sent_id``, ``{"corpus": ..., "sent_id": ID}``; its text the ``# text = `` line.
* Each sentence is a document of its own, read the way :class:`lagebild.evaluate.gold._Corpora`
  resolves the reference. A sentence is chosen when its text matches the casualty-cue class ``CUES`` of
  :mod:`select_casualty_news_2` (imported, not restated).
* Every such sentence is taken, no draw: the files in the order above, the sentences in file order.

Run:  .venv/bin/python scripts/select_casualty_sentences.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_casualty_news import TESTS_DATA  # noqa: E402
from select_casualty_news_2 import CUES  # noqa: E402
from select_conflict_news import selection_main  # noqa: E402

from lagebild.evaluate.gold import _Corpora  # noqa: E402

TARGET = TESTS_DATA / "gold" / "casualty_sentences.blind.gold.json"
GERMEVAL = "germeval2014/NER-de-test.tsv"
CONLLU = (
    "ud_german_gsd/gsd_de_gsd-ud-dev.conllu",
    "ud_german_gsd/gsd_de_gsd-ud-test.conllu",
    "ud_german_pud/de_pud-ud-test.conllu",
)


def select(data: Path) -> list[dict[str, str | int]]:
    """Every sentence of the four files whose text matches ``CUES``, as corpus references in file order."""
    corpora = _Corpora(TARGET, data)
    chosen: list[dict[str, str | int]] = []
    germeval = corpora._germeval(corpora._corpus_path(GERMEVAL))
    for number, sentence in germeval.items():
        if CUES.search(sentence["text"]):
            chosen.append({"corpus": GERMEVAL, "sentence": int(number)})
    for corpus in CONLLU:
        for sent_id, sentence in corpora._conllu(corpora._corpus_path(corpus)).items():
            if sentence["text"] and CUES.search(sentence["text"]):
                chosen.append({"corpus": corpus, "sent_id": sent_id})
    print(f"selected: {len(chosen)} sentences", file=sys.stderr)
    return chosen


def reference(entry: Mapping[str, object]) -> tuple[str, str]:
    """A document's corpus and the key that names it in there: sentence number, ``sent_id`` or record id."""
    key = next(k for k in ("sentence", "sent_id", "id") if k in entry)
    return str(entry["corpus"]), f"{key} {entry[key]}"


def same_in_order(target: Path, chosen: list[dict[str, str | int]], label: str) -> int:
    """0 when the gold file names exactly the chosen documents, in the same order; else 1. (The check of
    :func:`select_conflict_news.gold_names` compares records by file or id, these sentences have neither.)"""
    gold = json.loads(target.read_text(encoding="utf-8"))
    if [reference(d) for d in gold["documents"]] != [reference(r) for r in chosen]:
        print(f"{label}: the gold file does not name the selected documents", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    return selection_main(__doc__, select, TARGET, same_in_order)


if __name__ == "__main__":
    sys.exit(main())
