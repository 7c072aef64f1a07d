"""Konjunktiv detection: forms written for these tests, and the floor on UD German GSD."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.nlp.morph import mood, score_conllu


@pytest.mark.parametrize(
    ("word", "prev", "next_", "expected"),
    [
        ("sei", "Lage", "ernst", "sub1"),
        ("seien", "Opfer", "Kinder", "sub1"),
        ("gebe", "es", "eine", "sub1"),
        ("habe", "Armee", "die", "sub1"),
        ("könne", "man", "nicht", "sub1"),
        ("erfolge", "Abzug", "morgen", "sub1"),
        ("ändere", "sich", "nichts", "sub1"),
        ("wäre", "das", "ein", "sub2"),
        ("müssten", "Beobachter", "die", "sub2"),
        ("hätten", "Leichen", "Schaum", "sub2"),
        ("gäbe", "es", "keine", "sub2"),
        ("habe", "ich", "das", None),  # first person indicative
        ("gibt", "es", "eine", None),
        ("große", "eine", "Stadt", None),
        ("Rede", "die", "des", None),
        ("gingen", "sie", "nach", None),  # Präteritum plural equals Konjunktiv II
        ("sollte", "er", "kommen", None),
    ],
)
def test_mood(word: str, prev: str, next_: str, expected: str | None) -> None:
    assert mood(word, prev, next_) == expected


def test_ambiguous_forms_on_request() -> None:
    assert mood("sollten", "sie", "gehen", ambiguous=True) == "sub2"


def test_capitalised_word_at_sentence_start_is_not_konjunktiv_i() -> None:
    assert mood("Aussage", None, "des", sentence_initial=True) is None
    assert mood("Wäre", None, "das", sentence_initial=True) == "sub2"


def test_floor_on_ud_german_gsd(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "ud_german_gsd"
    score = score_conllu(sorted(folder.glob("*.conllu")))
    assert score.gold > 200
    assert score.precision >= 0.85 and score.recall >= 0.83
