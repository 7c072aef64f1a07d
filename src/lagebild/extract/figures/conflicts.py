"""Conflicting figures within one article: the same thing counted differently by different claimants.

Stage ``conflicts.v1`` (assigns ``conflicts``). Figures are grouped by category and place; a group with
at least two different values from at least two different claimants (the article's own unattributed
statement counts as one claimant) becomes a :class:`~lagebild.model.Conflict` that keeps every figure of
the group side by side, e.g. 82 executed (UN) against 180–200 (activists) in Aleppo. Nothing is averaged:
``Conflict.low``/``high`` only report the span of the claims. ``other_people`` counts and parts of another figure ("18 Tote, darunter fünf Kinder", "fünf der Toten") are not
compared, and a count of a religious or ethnic group ("sechs Kopten") is compared only with counts of the
same group.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lagebild.lang import load_json
from lagebild.model import Conflict, Document, Figure
from lagebild.pipeline import stage


@lru_cache(maxsize=1)
def _identity_groups() -> frozenset[str]:
    """``victims`` values of religious and ethnic groups (``figures.json`` "identity_groups")."""
    return frozenset(load_json("figures.json")["identity_groups"])


def _claimant_key(figure: Figure) -> str:
    return figure.claimant.text.casefold() if figure.claimant else ""


def _value_key(figure: Figure) -> tuple[int | None, int | None]:
    return figure.low, figure.high


def find_conflicts(figures: list[Figure], doc_id: str = "") -> list[Conflict]:
    """Groups of figures (same category and place) whose claimants disagree on the number."""
    groups: dict[tuple[str, str | None, str | None], list[Figure]] = {}
    for figure in figures:
        if figure.category == "other_people" or figure.part_of is not None:
            continue  # a part ("darunter fünf Kinder") counts something else than its whole
        # "sechs Kopten" and "zehn Menschen" count different things: a religious or ethnic group is
        # compared with itself; "45 Zivilisten" against "12 Tote" is a conflict
        group = figure.victims if figure.victims in _identity_groups() else None
        groups.setdefault((figure.category, figure.place, group), []).append(figure)
    conflicts: list[Conflict] = []
    for (category, place, _victims), members in groups.items():
        claimants = {_claimant_key(f) for f in members}
        values = {_value_key(f) for f in members}
        if len(members) >= 2 and len(claimants) >= 2 and len(values) >= 2:
            conflicts.append(Conflict(doc_id or members[0].doc_id, category, place, tuple(members)))
    return conflicts


@stage("conflicts.v1", requires=("figures",), assigns=("conflicts",))
def make_conflicts_stage() -> Callable[[Document], Document]:
    """Figures of the same category and place from different claimants, kept side by side."""

    def conflicts_stage(doc: Document) -> Document:
        doc.conflicts = find_conflicts(doc.figures, doc.id)
        return doc

    return conflicts_stage
