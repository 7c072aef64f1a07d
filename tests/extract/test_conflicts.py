"""Conflicting figures: invented sentences written for these tests."""

from __future__ import annotations

from lagebild.extract.figures import find_figures
from lagebild.extract.figures.conflicts import find_conflicts
from lagebild.model import Article, Document, Place
from lagebild.pipeline import Pipeline

_LAYER = Pipeline(stages=("tokens.v1", "parse.v1", "times.v1"))


def _doc(text: str) -> Document:
    doc = _LAYER(Article(text=text, published="2016-12-14"))
    start = text.index("Homs")
    doc.places = [Place(doc.id, start, start + 4, "Homs", "Homs", "SY", 34.73, 36.71, "city", 1)]
    return doc


def test_two_claimants_two_numbers_conflict() -> None:
    text = ("In Homs wurden nach Angaben der Regierung 20 Menschen getötet. "
            "Aktivisten sprechen dagegen von 45 bis 50 Toten.")
    doc = _doc(text)
    conflicts = find_conflicts(find_figures(doc), doc.id)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict.category, conflict.place) == ("killed", "Homs")
    assert [f.text for f in conflict.figures] == ["20 Menschen", "45 bis 50 Toten"]
    assert (conflict.low, conflict.high) == (20, 50)  # the span of the claims, nothing averaged


def test_same_claimant_or_same_number_is_no_conflict() -> None:
    text = ("In Homs wurden laut Polizei 20 Menschen getötet und 30 verletzt. "
            "Ein Arzt zählte ebenfalls 20 Tote.")
    doc = _doc(text)
    assert find_conflicts(find_figures(doc), doc.id) == []


def test_different_categories_do_not_conflict() -> None:
    text = "In Homs wurden laut Polizei 20 Menschen getötet. Aktivisten sprechen von 45 Verletzten."
    doc = _doc(text)
    assert find_conflicts(find_figures(doc), doc.id) == []


def test_stages_run_in_a_partial_pipeline() -> None:
    text = "Laut Regierung starben 20 Menschen. Aktivisten sprechen von 45 Toten."
    doc = Pipeline(stages=("tokens.v1", "figures.v1", "conflicts.v1"))(Article(text=text, published="2016-12-14"))
    assert [c.category for c in doc.conflicts] == ["killed"]
    assert doc.conflicts[0].place is None


def test_a_part_of_the_dead_is_no_conflicting_total() -> None:
    text = ("In Homs wurden laut Polizei 20 Menschen getötet. "
            "Aktivisten zufolge sollen fünf der Toten Kinder sein.")
    doc = _doc(text)
    figures = find_figures(doc)
    part = next(f for f in figures if f.text.startswith("fünf"))
    assert part.part_of == text.index("20 Menschen")
    assert find_conflicts(figures, doc.id) == []


def test_a_count_of_one_group_is_compared_only_with_that_group() -> None:
    text = ("In Homs wurden laut Polizei 20 Menschen getötet. "
            "Nach Angaben der Kirche wurden sechs Christen getötet.")
    doc = _doc(text)
    figures = find_figures(doc)
    assert [(f.low, f.category, f.victims) for f in figures] == [(20, "killed", None), (6, "killed", "Christians")]
    assert find_conflicts(figures, doc.id) == []


def test_civilians_against_all_dead_is_a_conflict() -> None:
    text = ("In Homs wurden nach Angaben der Aktivisten 45 Zivilisten getötet. "
            "Die Regierung sprach dagegen von zwölf Toten.")
    doc = _doc(text)
    conflicts = find_conflicts(find_figures(doc), doc.id)
    assert [[f.low for f in c.figures] for c in conflicts] == [[45, 12]]
