"""Signals of time expressions: the preposition outside the extent, with its own span and role.
Sentences written for these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.extract.times import find_times
from lagebild.model import Article, Document
from lagebild.serialize import SCHEMA_VERSION, document_to_dict, validate

PUBLISHED = "2016-12-14"  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "extent", "signal", "role"),
    [
        ("Die Kämpfe begannen am Montag.", "Montag", "am", "at"),
        ("Am Dienstagabend kam die Nachricht.", "Dienstagabend", "Am", "at"),
        ("Die Stadt ist seit Mitte Juli belagert.", "Mitte Juli", "seit", "begin"),
        ("Die Waffenruhe gilt bis Ende Dezember.", "Ende Dezember", "bis", "end"),
        ("Die Frist läuft bis zum 31. Januar.", "31. Januar", "bis zum", "end"),
        ("Seit dem 17. Dezember wird gekämpft.", "17. Dezember", "Seit dem", "begin"),
        ("Ab Donnerstag gilt eine Ausgangssperre.", "Donnerstag", "Ab", "begin"),
        ("Im Jahr 2015 begann die Belagerung.", "Jahr 2015", "Im", "during"),
        ("Die Stadt war im Dezember 1999 umzingelt.", "Dezember 1999", "im", "during"),
        ("In den letzten 48 Stunden starben viele.", "den letzten 48 Stunden", "In", "during"),
        ("Die Blockade dauert seit einer Woche.", "einer Woche", "seit", "begin"),
        ("Die Truppen blieben für drei Monate.", "drei Monate", "für", "during"),
        ("Der Angriff begann um 4:45 Uhr.", "4:45 Uhr", "um", "at"),
        ("Die Wahl wurde vor dem 5. Mai angesetzt.", "5. Mai", "vor dem", "before"),
        ("Die Gefechte gehen bis heute weiter.", "heute", "bis", "end"),
    ],
)
def test_the_preposition_is_the_signal(sentence: str, extent: str, signal: str, role: str) -> None:
    times = [t for t in find_times(sentence, PUBLISHED) if t.text == extent]
    assert times, f"{extent!r} not in {[t.text for t in find_times(sentence, PUBLISHED)]}"
    found = times[0]
    assert found.signal is not None
    assert (found.signal.text, found.signal_role) == (signal, role)
    assert sentence[found.signal.start : found.signal.end] == signal
    assert found.signal.end <= found.start


def test_a_period_has_a_begin_and_an_end() -> None:
    times = find_times("Der Krieg dauerte von 1861 bis 1865.", None)
    assert [(t.text, t.signal.text if t.signal else None, t.signal_role) for t in times] == [
        ("1861", "von", "begin"),
        ("1865", "bis", "end"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expression", "published"),
    [
        ("Die Stadt fiel vor zwei Wochen.", "vor zwei Wochen", PUBLISHED),  # "two weeks ago": a day
        ("Am 26. August 1942 begann der Angriff. Nach zwei Tagen war er zu Ende.", "Nach zwei Tagen", None),
        ("Die Evakuierung soll in den nächsten Stunden beginnen.", "in den nächsten Stunden", PUBLISHED),
        ("In Zukunft soll es anders werden.", "In Zukunft", PUBLISHED),  # one phrase from the lexicon
        ("Um 1900 lebten dort wenige Menschen.", "Um 1900", None),  # "about 1900": part of the value
    ],
)
def test_a_preposition_that_makes_the_value_stays_in_the_extent(
    sentence: str, expression: str, published: str | None
) -> None:
    times = [t for t in find_times(sentence, published) if t.text == expression]
    assert times, f"{expression!r} not in {[t.text for t in find_times(sentence, published)]}"
    assert times[0].signal is None


def test_about_a_year_is_approximate() -> None:
    (found,) = find_times("Um 1900 lebten dort wenige Menschen.", None)
    assert (found.value, found.mod) == ("1900", "APPROX")


def test_a_duration_after_nach_keeps_nach_as_its_signal() -> None:
    times = find_times("Die Belagerung endete nach 77 Tagen.", None)
    assert [(t.text, t.value, t.signal.text if t.signal else None, t.signal_role) for t in times] == [
        ("77 Tagen", "P77D", "nach", "after")
    ]


def test_a_contraction_holding_the_article_of_derselbe_stays() -> None:
    times = find_times("Am 3. Mai 1921 begann der Aufstand. Am selben Tag fiel die Stadt.", None)
    assert [(t.text, t.value) for t in times] == [("3. Mai 1921", "1921-05-03"), ("Am selben Tag", "1921-05-03")]
    same_day = times[1]
    assert same_day.signal is not None and (same_day.signal.text, same_day.signal_role) == ("Am", "at")


@pytest.mark.parametrize(
    ("sentence", "extent"),
    [
        ("Der General starb im Alter von 87 Jahren.", "87 Jahren"),  # an age, no point in time
        ("Das Gericht verurteilte ihn zu zwölf Jahren Haft.", "zwölf Jahren"),
        ("Die Mission wurde um fünf Jahre verlängert.", "fünf Jahre"),
    ],
)
def test_a_preposition_of_an_amount_is_no_signal(sentence: str, extent: str) -> None:
    times = [t for t in find_times(sentence, PUBLISHED) if t.text == extent]
    assert times and (times[0].signal, times[0].signal_role) == (None, None)


def test_an_article_before_a_year_belongs_to_the_noun_not_the_signal() -> None:
    (found,) = find_times("Der Streit geht auf die in den 1993 geschlossenen Verträgen genannten Grenzen zurück.", None)
    assert found.text == "1993" and found.signal is None


def test_bis_zu_bounds_an_amount_and_is_no_signal() -> None:
    times = find_times("Die Gefangenen wurden bis zu 48 Stunden festgehalten.", PUBLISHED)
    assert [(t.text, t.signal) for t in times] == [("48 Stunden", None)]


def test_the_json_output_carries_signal_and_role() -> None:
    text = "Die Stadt ist seit Mitte Juli belagert."
    doc = Document(Article(text=text, id="sig", published=PUBLISHED))
    doc.times = find_times(text, PUBLISHED, "sig")
    record = document_to_dict(doc)
    validate(record)
    assert record["schema"] == SCHEMA_VERSION == "lagebild-analysis/2"
    (time,) = record["times"]
    assert (time["text"], time["signal"], time["signal_role"]) == (
        "Mitte Juli",
        {"start": 14, "end": 18, "text": "seit"},
        "begin",
    )


WORDS = st.sampled_from(
    ["am", "im", "seit", "bis", "zum", "vom", "von", "in", "den", "der", "Montag", "Juli", "1999", "2015",
     "Mitte", "Ende", "Jahr", "selben", "Tag", "drei", "Wochen", "vor", "nach", "um", "4:45", "Uhr", "heute",
     "zu", "gestern", "und", "Angriff", ".", ","]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=14), st.sampled_from([PUBLISHED, None]))
def test_every_signal_is_grounded_and_before_its_extent(words: list[str], published: str | None) -> None:
    text = " ".join(words)
    for t in find_times(text, published):
        assert text[t.start : t.end] == t.text and t.text.strip() == t.text
        if t.signal is None:
            assert t.signal_role is None
            continue
        assert t.signal_role in ("begin", "end", "at", "during", "before", "after")
        assert text[t.signal.start : t.signal.end] == t.signal.text
        # before the extent, or the contraction that holds the extent's article ("am selben Tag")
        assert t.signal.end <= t.start or (t.signal.start <= t.start < t.signal.end <= t.end)
