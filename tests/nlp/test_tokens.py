"""Sentence splitting on German news text (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.nlp.tokens import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kabul/Berlin. Die Armee griff an. Es gab Tote.", ["Kabul/Berlin.", "Die Armee griff an.", "Es gab Tote."]),
        ("Am 13. Dezember kam es zu Kämpfen. Danach war es ruhig.", ["Am 13. Dezember kam es zu Kämpfen.", "Danach war es ruhig."]),
        ("Das sagte Dr. Müller u.a. am Montag. Er blieb.", ["Das sagte Dr. Müller u.a. am Montag.", "Er blieb."]),
        ("„Wir bleiben hier.“ Das sagte er.", ["„Wir bleiben hier.“", "Das sagte er."]),
        ("Ist das wahr? Ja! Es stimmt.", ["Ist das wahr?", "Ja!", "Es stimmt."]),
        ("Erster Absatz ohne Punkt\n\nZweiter Absatz.", ["Erster Absatz ohne Punkt", "Zweiter Absatz."]),
        ("Es starben 1.500 Menschen. 300 wurden verletzt.", ["Es starben 1.500 Menschen.", "300 wurden verletzt."]),
        ("Es war so schwer, wie es sein mag. Dann kam der Winter.", ["Es war so schwer, wie es sein mag.", "Dann kam der Winter."]),
        ("Keine Verletzungen.Wer bleibt, verliert.", ["Keine Verletzungen.", "Wer bleibt, verliert."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(max_size=300))
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
