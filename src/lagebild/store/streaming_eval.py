"""Incremental combine against the batch computation, on the labelled set of ``lagebild eval-clustering``.

The Wikinews articles with their re-worded copies, updates and wire copies are analysed once, then
(1) combined in one batch (:func:`lagebild.combine.combine`, what ``lagebild recombine`` saves) and
(2) stored in batches of ``batch_size`` in publication order into an empty store, each batch joined to
stories and combined events incrementally, as ``lagebild ingest`` does. Both are scored with the same
B-cubed (stories, combined events) and pairwise (near-duplicates) measures.

Run: ``python -m lagebild.store.streaming_eval [--limit 300] [--no-events] [--batch-size 20]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from lagebild.model import CombinedEvent, Document, Story


def _scores(documents: list[Document], gold_story: dict[str, str], gold_group: dict[str, str],
            stories: list[Story], events: list[CombinedEvent], duplicates: dict[str, str],
            with_events: bool) -> dict[str, Any]:
    from lagebild.evaluate.clustering import bcubed, event_report_labels, pairwise

    story_of = {doc_id: story.id for story in stories for doc_id in story.doc_ids}
    predicted_group = {doc.id: duplicates.get(doc.id, doc.id) for doc in documents}
    out: dict[str, Any] = {"stories": bcubed(story_of, gold_story),
                           "duplicates": pairwise(predicted_group, gold_group)}
    if with_events:
        report_event, report_gold = event_report_labels(documents, events, gold_story)
        out["events"] = bcubed(report_event, report_gold)
        out["combined_events"] = len(events)
    return out


def compare(shared: Path, limit: int | None = None, events: bool = True, batch_size: int = 20,
            url: str | None = None) -> dict[str, Any]:
    """Scores of the batch and of the incremental combine on the labelled set, and their seconds."""
    from sqlalchemy import select

    from lagebild.combine import combine
    from lagebild.evaluate.clustering import labelled_set, load_wikinews
    from lagebild.store import Store
    from lagebild.store.models import DuplicateRow
    from lagebild.store.streaming import combine_incrementally

    labelled = labelled_set(load_wikinews(shared / "data" / "news" / "wikinews_de.jsonl", limit))
    if events:
        from lagebild.pipeline import Pipeline

        pipeline = Pipeline()
        documents = [pipeline(item.article) for item in labelled]
    else:
        documents = [Document(article=item.article) for item in labelled]
    gold_story = {item.article.id: item.story for item in labelled}
    gold_group = {item.article.id: item.duplicate_group for item in labelled}
    started = time.perf_counter()
    batch = combine(documents)
    batch_s = time.perf_counter() - started
    ordered = sorted(documents, key=lambda d: d.article.published or "")
    with tempfile.TemporaryDirectory() as folder, Store.open(url or Path(folder) / "incremental.sqlite") as store:
        started = time.perf_counter()
        for start in range(0, len(ordered), batch_size):
            part = [doc for doc in ordered[start:start + batch_size] if store.ingest(doc) == "new"]
            if not combine_incrementally(store, part):
                raise RuntimeError("the combine state does not cover the stored articles")
        incremental_s = time.perf_counter() - started
        stories = store.stored_stories()
        combined = list(store.combined_events())
        with store.session() as session:
            duplicates = dict(session.execute(select(DuplicateRow.doc_id, DuplicateRow.duplicate_of)).all())
    return {"articles": len(documents), "batch_size": batch_size,
            "batch": {**_scores(documents, gold_story, gold_group, *batch, events), "seconds": batch_s},
            "incremental": {**_scores(documents, gold_story, gold_group, stories, combined, duplicates, events),
                            "seconds": incremental_s}}


def _line(name: str, scores: dict[str, float]) -> str:
    return f"  {name:<11} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"


def main(argv: list[str] | None = None) -> None:
    from lagebild.evaluate.clustering import DEFAULT_SHARED

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None, help="only the first N Wikinews articles")
    parser.add_argument("--no-events", action="store_true", help="stories and near-duplicates only (no pipeline)")
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--db", help="database URL for the incremental run (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    result = compare(args.shared, args.limit, not args.no_events, args.batch_size, args.db)
    print(f"{result['articles']} articles; incremental in batches of {result['batch_size']}")
    for mode in ("batch", "incremental"):
        scores = result[mode]
        print(f"{mode} ({scores['seconds']:.1f} s)")
        for name in ("stories", "duplicates", "events"):
            if name in scores:
                print(_line(name, scores[name]))


if __name__ == "__main__":
    main()
