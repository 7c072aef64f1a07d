"""Which date a narrative's underspecified expressions count from: dates told before the first year,
year-only references with a part of the year, months counted from the reference ("im Dezember zuvor"),
a step back at a paragraph break, seasons without a year, centuries with an adjective. Sentences
written for these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest

from lagebild.extract.times import find_times

CASES = [
    # before any year is told, a day or month takes the year named next, anywhere after it
    ("Am 12. April eröffneten die Truppen das Feuer. Der Krieg begann 1861.", "12. April", "1861-04-12"),
    ("Im Februar eroberte die Armee das Fort. Am 6. April 1862 begann die Schlacht.", "Februar", "1862-02"),
    # ... the year before when its month is later than the month named next
    ("Im Dezember zog die Armee nach Süden. Im März 1863 erreichte sie die Küste.", "Dezember", "1862-12"),
    (
        "Die Schlacht vom 1. bis 3. Juli war die blutigste des Krieges. Sie fand 1863 statt.",
        "3. Juli",
        "1863-07-03",
    ),
    ("Im Frühjahr griff das Heer an. Im Juli 1863 fiel die Stadt.", "Frühjahr", "1863-SP"),
    # the first date of a narrative is its start, also in parentheses; a lifespan is not
    ("Der Krieg (1861–1865) war lang. Im Juli begann die erste Schlacht.", "Juli", "1861-07"),
    (
        "Der Krieg (1861–1865) war lang. Im Juli begann die erste Schlacht. Im Mai 1862 fiel die Stadt.",
        "Juli",
        "1861-07",
    ),
    # a year told with a part of it stands for that part: after "Ende 1864" February is in 1865
    ("Ende 1864 stand die Armee vor der Stadt. Im Februar zog sie nach Norden.", "Februar", "1865-02"),
    ("Anfang 1864 stand die Armee vor der Stadt. Im Mai zog sie nach Norden.", "Mai", "1864-05"),
    (
        "Mitte 1864 stand die Armee vor der Stadt. Einen Monat später zog sie ab.",
        "Einen Monat später",
        "1864-07",
    ),
    # a month counted from the reference
    (
        "Am 15. Januar 1865 fiel das Fort. Im Dezember zuvor war ein Angriff gescheitert.",
        "Dezember zuvor",
        "1864-12",
    ),
    (
        "Am 15. Januar 1865 fiel das Fort. Im vorigen Dezember war ein Angriff gescheitert.",
        "vorigen Dezember",
        "1864-12",
    ),
    ("Im Mai 1863 siegte die Armee. Im Mai darauf stand sie vor der Hauptstadt.", "Mai darauf", "1864-05"),
    (
        "Im Mai 1863 siegte die Armee. Im folgenden März stand sie vor der Hauptstadt.",
        "folgenden März",
        "1864-03",
    ),
    (
        "Im Mai 1863 siegte die Armee. Im folgenden Juli stand sie vor der Hauptstadt.",
        "folgenden Juli",
        "1863-07",
    ),
    # a new paragraph may step back within the year told ("Am 18. Dezember …" then "seit dem 31. Januar")
    (
        "Im November 1864 marschierte die Armee zum Meer.\n\nIm Januar erreichte sie die Küste.",
        "Januar",
        "1864-01",
    ),
    (
        "Am 5. Dezember 1941 stand die Armee vor der Stadt.\n\nAm 25. Juni hatte der Angriff begonnen.",
        "25. Juni",
        "1941-06-25",
    ),
    # ... within a paragraph a month more than six months back is in the next year
    (
        "Im November 1864 marschierte die Armee zum Meer. Im Januar erreichte sie die Küste.",
        "Januar",
        "1865-01",
    ),
    # a season without a year is counted like a month: spring after December is the next spring
    ("Im Dezember 1862 scheiterte der Angriff. Im Frühjahr zog die Armee nach Süden.", "Frühjahr", "1863-SP"),
    # a winter is the one the year begins with, unless told after the autumn
    ("Im Winter 1862 ruhten die Kämpfe. Im Frühjahr zog die Armee nach Süden.", "Frühjahr", "1862-SP"),
    (
        "Im Oktober 1862 fiel die Stadt. Im Winter ruhten die Kämpfe. Im Frühjahr zog die Armee ab.",
        "Frühjahr",
        "1863-SP",
    ),
    ("Im Juli 1864 belagerte die Armee die Stadt. Im Winter ruhten die Kämpfe.", "Winter", "1864-WI"),
    ("Im Februar 1862 fiel das Fort. Im Herbst zog die Armee nach Süden.", "Herbst", "1862-FA"),
]


@pytest.mark.parametrize(("text", "expression", "value"), CASES)
def test_reference_of_underspecified_dates(text: str, expression: str, value: str) -> None:
    times = find_times(text, None)
    match = [t for t in times if t.text == expression]
    assert match, f"{expression!r} not found in {[t.text for t in times]}"
    assert match[0].value == value


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        ("Im späten 19. Jahrhundert kam es zu Unruhen.", "späten 19. Jahrhundert", "18", "END"),
        ("Im frühen 16. Jahrhundert kam es zu Unruhen.", "frühen 16. Jahrhundert", "15", "START"),
        ("Im ausgehenden 18. Jahrhundert kam es zu Unruhen.", "ausgehenden 18. Jahrhundert", "17", "END"),
        ("Mitte des 19. Jahrhunderts kam es zu Unruhen.", "Mitte des 19. Jahrhunderts", "18", "MID"),
    ],
)
def test_centuries_with_a_part(text: str, expression: str, value: str, mod: str) -> None:
    assert [(t.text, t.value, t.mod) for t in find_times(text, None)] == [(expression, value, mod)]


def test_news_keeps_a_month_counted_from_publication_alone() -> None:
    """In news "im vergangenen September" stays the month, counted from the publication, as before."""
    times = find_times("Im vergangenen September wurde gewählt.", "2016-12-13")
    assert [(t.text, t.value) for t in times] == [("September", "2016-09")]


def test_no_year_at_all_leaves_the_year_open() -> None:
    assert [t.value for t in find_times("Im Februar eroberte die Armee das Fort.", None)] == ["XXXX-02"]


SECTIONS = [
    # a heading that is a year alone governs its paragraphs, sub-headings included, whatever the paragraph
    # before told ...
    (
        "1862\n\nIm Mai fiel die Stadt. Die Brücke wurde erst am 3. Juni 1864 wieder aufgebaut.\n\n"
        "Seekrieg\n\nIm Juli sperrte die Flotte den Hafen.",
        "Juli",
        "1862-07",
    ),
    (
        "1862\n\nIm Mai fiel die Stadt. Im vorigen Jahr war sie belagert worden.\n\nIm Juli brannte der Hafen.",
        "Juli",
        "1862-07",
    ),
    (
        "1863\n\nIm Dezember 1863 stand die Armee am Fluss.\n\n1864\n\nIm März griff sie an. Ende des Jahres "
        "war der Krieg fast vorbei.",
        "Ende des Jahres",
        "1864",
    ),
    # ... while an explicit year inside a paragraph still sets the reference within it
    ("1862\n\nIm Mai 1863 fiel die Stadt. Im Juli brannte der Hafen.", "Juli", "1863-07"),
    # a heading with a title and one year governs its own section
    (
        "Der Feldzug 1941\n\nIm Mai 1942 wurde ein Bericht geschrieben.\n\nIm Juni griff die Armee an.",
        "Juni",
        "1941-06",
    ),
]


@pytest.mark.parametrize(("text", "expression", "value"), SECTIONS)
def test_year_headings_govern_their_sections(text: str, expression: str, value: str) -> None:
    match = [t for t in find_times(text, None) if t.text == expression]
    assert match, expression
    assert match[0].value == value


ASIDES_AND_FUTURE = [
    # a later date in a clause set off by commas after the sentence's own date is an aside
    (
        "Im Süden wurde am 27. September 1862 das Höchstalter, beginnend mit dem 15. Juli 1863, erhöht. "
        "Im Dezember wehrte die Armee einen Angriff ab.",
        "Dezember",
        "1862-12",
    ),
    # a date told as the future of the narrative lies ahead of it: January after September is the next one
    (
        "Im September 1862 verkündete der Präsident eine Erklärung, die am 1. Mai in Kraft treten sollte.",
        "1. Mai",
        "1863-05-01",
    ),
    (
        "Im September 1862 fiel die Festung. Am 1. Mai war das Gesetz in Kraft getreten.",
        "1. Mai",
        "1862-05-01",
    ),
    # a look back by years or months does not move the narrative
    (
        "Im April 1865 endete der Krieg dort, wo die erste Schlacht vor vier Jahren stattgefunden hatte. "
        "Im Januar war die Front erstarrt.",
        "Januar",
        "1865-01",
    ),
    (
        "Im April 1865 endete der Krieg. Zwei Jahre zuvor war die Stadt gefallen. Im Mai kehrten die Soldaten heim.",
        "Mai",
        "1865-05",
    ),
    # a season after an autumn is the next one; "im Sommer und Herbst" is two seasons
    (
        "Im Herbst 1861 verließen viele Soldaten die Armee, um im Frühjahr zurückzukehren.",
        "Frühjahr",
        "1862-SP",
    ),
    ("Im Juli 1862 griff die Armee an. Im Sommer und Herbst wurde gekämpft.", "Herbst", "1862-FA"),
]


@pytest.mark.parametrize(("text", "expression", "value"), ASIDES_AND_FUTURE)
def test_asides_looks_back_and_the_future_of_a_narrative(text: str, expression: str, value: str) -> None:
    match = [t for t in find_times(text, None) if t.text == expression]
    assert match, f"{expression!r} not in {[t.text for t in find_times(text, None)]}"
    assert match[0].value == value


def test_an_extent_does_not_begin_with_a_space() -> None:
    times = find_times("Im Mai 1862 siegte die Armee am Schlachtfeld des letzten Jahres.", None)
    assert [(t.text, t.value) for t in times] == [("Mai 1862", "1862-05"), ("letzten Jahres", "1861")]
