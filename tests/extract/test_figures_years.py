"""Counts of four digits after a month are figures, not years. Sentences written for these tests (invented)."""

from __future__ import annotations

import pytest

from lagebild.model import Article
from lagebild.pipeline import Pipeline


@pytest.mark.parametrize(
    ("sentence", "time", "figure", "low", "category"),
    [
        ("In Aleppo wurden seit Juli 1500 Menschen getötet.", "Juli", "1500 Menschen", 1500, "killed"),
        (
            "Nach 1600 Angriffen sind seit März 2000 Familien geflohen.",
            "März",
            "2000 Familien",
            2000,
            "displaced",
        ),
    ],
)
def test_a_count_after_a_month_stays_a_figure(
    sentence: str, time: str, figure: str, low: int, category: str
) -> None:
    doc = Pipeline(stages=("tokens.v1", "times.v1", "figures.v1"))(
        Article(text=sentence, published="2016-12-14")
    )
    assert [t.text for t in doc.times] == [time]
    assert [(f.text, f.low, f.category) for f in doc.figures] == [(figure, low, category)]
