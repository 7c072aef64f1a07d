"""The linguistic layer the figures stage reads (tokens, parse, times), shared by the figure tests."""

from __future__ import annotations

from lagebild.extract.figures import find_figures
from lagebild.model import Article, Document
from lagebild.pipeline import Pipeline

LAYER = Pipeline(stages=("tokens.v1", "parse.v1", "times.v1"))


def layer_doc(text: str, published: str = "2016-12-14") -> Document:
    """``text`` with the layer the figures stage needs, published on ``published``."""
    return LAYER(Article(text=text, published=published))


def read_figures(text: str, published: str = "2016-12-14") -> list[tuple[str, int | None, str]]:
    """(text, low, category) of every figure found in ``text``."""
    return [(f.text, f.low, f.category) for f in find_figures(layer_doc(text, published))]
