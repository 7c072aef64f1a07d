"""The generated benchmark stores hold a combine state that incremental ingest can continue from."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from benchmarks.stores import PER_DAY, START, STORY_SIZE, build_ingest_store, scramble

from lagebild.model import Article
from lagebild.store import Store
from lagebild.store.streaming import combine_incrementally
from tests.store.test_streaming import corpus


def test_generated_store_is_continued_by_incremental_ingest(tmp_path: Path) -> None:
    import random

    templates = [d for d in corpus() if d.id in ("aleppo-2", "kabul-1", "mosul-1")]
    url = f"sqlite:///{tmp_path / 'generated.sqlite'}"
    size = 300
    build_ingest_store(url, size, templates, chunk=120)
    last_story = (size - 1) // STORY_SIZE
    template = templates[last_story % len(templates)]
    published = (START + timedelta(days=(size - 1) // PER_DAY)).isoformat()
    text = scramble(template.text, random.Random(1), 0.1)
    new = replace(template, article=Article(text=text, id="neu-1", published=published, title=template.article.title))
    new = replace(new, events=[replace(e, doc_id="neu-1", date=replace(e.date, value=published) if e.date else None)
                               for e in template.events])
    with Store.open(url) as store:
        assert store.count_articles() == size
        assert len(store.stored_stories()) == size // STORY_SIZE
        assert store.ingest(new) == "new"
        assert combine_incrementally(store, [new])
        story = next(s for s in store.stored_stories() if "neu-1" in s.doc_ids)
        # stories of one template have the same centroid: the oldest one still live wins the tie
        number = int(story.id.rsplit("-", 1)[1])
        assert number % len(templates) == last_story % len(templates) and number >= last_story - 14 * PER_DAY
        assert story.id != "story-neu-1"
        (event,) = [e for e in store.combined_events() if any(s.doc_id == "neu-1" for s in e.sources)]
        assert len(event.sources) == STORY_SIZE + 1
