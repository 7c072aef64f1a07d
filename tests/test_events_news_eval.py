"""Event precision on hand-judged events of real German news (Wikinews; the label files hold offsets and
verdicts only). Floors sit a little below the measured figures (docs/events-and-stories.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.errors import InputError
from lagebild.evaluate.events_news import read_labels, score_labels
from lagebild.evaluate.wikinews_places import read_articles

LABELS = Path(__file__).parent / "data"
FLOORS = {  # label file: (precision, type accuracy)
    # measured 0.904, 0.957 before this round; now 0.915, 0.930: later mentions of an incident merge into
    # the first, so 47 mentions are judged instead of 54 and one wrong type weighs more (lowered on purpose)
    "wikinews_events.tsv": (0.88, 0.92),
    "wikinews_events_heldout.tsv": (0.82, 0.89),  # measured 0.827, 0.907 (judged after the rules)
    "wikinews_events_heldout2.tsv": (0.85, 0.89),  # measured 0.865, 0.933 (judged after the second round)
    "wikinews_events_heldout3.tsv": (0.79, 0.93),  # measured 0.831, 0.959 (0.600 blind after round 3)
}


@pytest.fixture(scope="module")
def articles(shared_dir: Path) -> dict[str, dict[str, Any]]:
    path = shared_dir / "data" / "news" / "wikinews_de.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return read_articles(path)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_precision_on_real_news(articles: dict[str, dict[str, Any]], name: str) -> None:
    labels = read_labels(LABELS / name)
    assert len(labels) >= 70
    score = score_labels(articles, labels).as_dict()
    precision_floor, type_floor = FLOORS[name]
    assert score["precision"] >= precision_floor, score
    assert score["type_accuracy"] >= type_floor, score


def test_bad_label_lines_are_named(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("# comment\n123\t1\t5\tBattles\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.tsv:2"):
        read_labels(path)
    path.write_text("123\tx\t5\t-\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.tsv:1"):
        read_labels(path)
