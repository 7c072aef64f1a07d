"""Year inference in narratives (no published date): periods, sections that go back in time, seasons
counted on, decades. Sentences written for these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest

from lagebild.extract.times import find_times

CASES = [
    # a period of years leaves the narrative at its start; "1865" is where something ends
    ("Der Krieg dauerte von 1861 bis 1865. Im April wurde das Fort beschossen.", "April", "1861-04"),
    (
        "Am 3. Juli 1863 endete die Schlacht. Die Stadt blieb bis 1865 besetzt. Im November sprach der Präsident.",
        "November",
        "1863-11",
    ),
    (
        "Am 12. April 1865 fiel die Hauptstadt.\n\nDer Westen 1861–1863\n\nIm Februar fiel das Fort.",
        "Februar",
        "1861-02",
    ),
    # a section that goes back in time before it names its year takes that year
    (
        "Am 12. April 1865 fiel die Hauptstadt.\n\nDer Westen\n\nIm Februar eroberte die Armee das Fort. "
        "Am 6. April 1862 begann die Schlacht.",
        "Februar",
        "1862-02",
    ),
    # a clause after a comma in the pluperfect tells the past of the narrative, even first in a paragraph ...
    (
        "Am 25. Februar 1918 endete die Revolte.\n\nWichtig war die Armee zweier Generäle, der erste hatte schon "
        "im Juli 1917 geputscht. Am 10. April fiel er.",
        "10. April",
        "1918-04-10",
    ),
    # ... while a sentence that begins in the past turns the narrative back
    (
        "Am 9. April 1865 endete der Krieg.\n\nNachdem der Präsident im November 1860 gewählt worden war, traten "
        "die Staaten aus. Im Februar bildeten sie eine Regierung.",
        "Februar",
        "1861-02",
    ),
    # a heading with its year in parentheses sets the year told about; a lifespan does not
    (
        "Am 9. April 1865 endete der Krieg.\n\nDie Schlacht am Fluss (1863)\n\nIm Juli trafen die Heere aufeinander.",
        "Juli",
        "1863-07",
    ),
    (
        "Im Mai 1863 siegte der General (1807–1870) am Fluss. Im Juli zog er nach Norden.",
        "Juli",
        "1863-07",
    ),
    # a date in parentheses after a name is the date of what it names
    (
        "Im Mai 1862 landete die Armee. Die Schlacht am Fluss (13. Dezember 1862) ging verloren. "
        "Zwei Tage später zog sie ab.",
        "Zwei Tage später",
        "1862-12-15",
    ),
    # a year or month that holds the day told keeps that day as the reference
    (
        "Am 4. Dezember 1917 kam das Ultimatum. Bei den Wahlen 1917 hatte die Partei verloren. Noch am selben "
        "Tag zog sie ab.",
        "am selben Tag",
        "1917-12-04",
    ),
    (
        "Am 13. Dezember 1862 scheiterte der Angriff. Ende 1862 war die Lage verfahren. Im Mai griff Lee an.",
        "Mai",
        "1863-05",
    ),
    # seasons counted on from the reference
    (
        "Im Juli 1861 verlor die Armee. Im folgenden Frühjahr landete sie an der Küste.",
        "folgenden Frühjahr",
        "1862-SP",
    ),
    (
        "Im Januar 1862 fiel das Fort. Im folgenden Frühjahr landete die Armee.",
        "folgenden Frühjahr",
        "1862-SP",
    ),
    (
        "Im Dezember 1862 begann der Winter. Im Sommer darauf griff das Heer an.",
        "Sommer darauf",
        "1863-SU",
    ),
    (
        "Im Mai 1863 siegte die Armee. Im Sommer begann die Belagerung. Einen Monat später fiel die Stadt.",
        "Einen Monat später",
        "1863-08",
    ),
    (
        "Im Frühjahr 1940 griff die Armee an. Im Herbst desselben Jahres folgte die Luftschlacht.",
        "Herbst desselben Jahres",
        "1940-FA",
    ),
    (
        "Im Frühjahr 1940 griff die Armee an. Am 7. Dezember des folgenden Jahres griff die Flotte an.",
        "7. Dezember des folgenden Jahres",
        "1941-12-07",
    ),
    # decades and centuries
    (
        "In den sechziger Jahren des 19. Jahrhunderts wuchs die Stadt.",
        "den sechziger Jahren des 19. Jahrhunderts",
        "186",
    ),
    (
        "Am 1. Mai 2003 begann der Einmarsch. In den achtziger Jahren war das Land im Krieg.",
        "den achtziger Jahren",
        "198",
    ),
    (
        "Am 1. Mai 1919 fiel die Stadt. In den zwanziger Jahren wurde sie wieder aufgebaut.",
        "den zwanziger Jahren",
        "192",
    ),
    ("Im 19. Jahrhundert war die Gegend kaum besiedelt.", "19. Jahrhundert", "18"),
    (
        "Im Mai 1863 siegte die Armee. Im selben Jahr fiel die Festung. Zwei Jahre später war der Krieg vorbei.",
        "Zwei Jahre später",
        "1865",
    ),
    # "der Nacht vom 5. zum 6. Januar" is one night, not "der Nacht" of the day told before
    (
        "Am 10. November 1917 fiel die Stadt. In der Nacht vom 5. zum 6. Januar 1918 wurde die Versammlung aufgelöst.",
        "Nacht vom 5.",
        "1918-01-05TNI",
    ),
]


@pytest.mark.parametrize(("text", "expression", "value"), CASES)
def test_narrative_years(text: str, expression: str, value: str) -> None:
    times = find_times(text, None)
    match = [t for t in times if t.text.endswith(expression)]
    assert match, f"{expression!r} not found in {[t.text for t in times]}"
    assert match[0].value == value


def test_some_years_before_and_some_days_after() -> None:
    times = find_times(
        "Das Ziel stand bereits Jahre zuvor fest. Am 17. Oktober 1961 und in den Tagen danach "
        "starben viele. Zwei Tage danach kam die Polizei.",
        None,
    )
    assert [(t.text, t.value) for t in times] == [
        ("Jahre zuvor", "PXY"),
        ("17. Oktober 1961", "1961-10-17"),
        ("den Tagen danach", "PXD"),
        ("Zwei Tage danach", "1961-10-19"),
    ]


def test_anfang_of_a_year_is_its_start() -> None:
    times = find_times("Anfang 1864 begann der Feldzug.", None)
    assert [(t.text, t.value, t.mod) for t in times] == [("Anfang 1864", "1864", "START")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first year of a period before the era shares it
        ("Der Krieg dauerte von 264 bis 241 v. Chr.", [("264", "BC0264"), ("241 v. Chr.", "BC0241")]),
        ("Um 449/448 v. Chr. kam der Friede.", [("Um 449", "BC0449"), ("448 v. Chr.", "BC0448")]),
        # the second of two years after a slash, also with two digits
        ("Der Winterkrieg 1939/1940 war kurz.", [("1939", "1939"), ("1940", "1940")]),
        ("Über den Winter 1918/19 ruhten die Kämpfe.", [("Winter 1918", "1918-WI"), ("19", "1919")]),
        # the first of two dates takes the year of the second, the year before when its month is later
        (
            "Am 28. Juni 1914 fiel der Schuss. Die Schlacht dauerte vom 21. Februar bis zum 18. Dezember 1916.",
            [
                ("28. Juni 1914", "1914-06-28"),
                ("21. Februar", "1916-02-21"),
                ("18. Dezember 1916", "1916-12-18"),
            ],
        ),
        (
            "Die Offensive vom 20. Dezember bis 3. Januar 1917 scheiterte.",
            [("20. Dezember", "1916-12-20"), ("3. Januar 1917", "1917-01-03")],
        ),
        # the first day of "8. und 9. Mai" is the day alone
        ("Am 8. und 9. Mai 1945 flohen viele.", [("8.", "1945-05-08"), ("9. Mai 1945", "1945-05-09")]),
    ],
)
def test_periods_share_what_the_second_part_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_times(text, None)] == expected


def test_a_number_opening_a_sentence_is_a_year_only_in_a_bc_narrative() -> None:
    bc = find_times(
        "Im Jahr 260 v. Chr. siegte die Flotte. 256 landete ein Heer. 300 Soldaten starben.", None
    )
    assert [(t.text, t.value) for t in bc] == [("Jahr 260 v. Chr.", "BC0260"), ("256", "BC0256")]
    assert [t.text for t in find_times("Am 1. Mai 1919 fiel die Stadt. 300 flohen sofort.", None)] == [
        "1. Mai 1919"
    ]


def test_a_bc_narrative_may_jump_decades() -> None:
    times = find_times(
        "Der Krieg dauerte von 264 bis 241 v. Chr. Im Jahr 260 v. Chr. siegte die Flotte. "
        "Im folgenden Jahr wurde sie geschlagen.",
        None,
    )
    assert times[-1].value == "BC0259"


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        (
            "Am 23. August 1944 trat der König zurück, und am 24. gab die Armee auf.",
            "24.",
            "1944-08-24",
            None,
        ),
        (
            "Am 8. September 1943 kapitulierte das Land. Zwischen dem 18. und dem 23. September fielen die Inseln.",
            "18.",
            "1943-09-18",
            None,
        ),
        ("Zum Ende des Jahres 1939 war die Front ruhig.", "Ende des Jahres 1939", "1939", "END"),
        (
            "Gegen Abend des 22. Juni 1940 kam die Nachricht.",
            "Abend des 22. Juni 1940",
            "1940-06-22TEV",
            None,
        ),
        (
            "Um 479 v. Chr. siegten die Griechen. Erst Anfang der 460er Jahre griffen die Perser wieder an.",
            "Anfang der 460er Jahre",
            "BC046",
            "START",
        ),
    ],
)
def test_days_years_and_decades_in_context(text: str, expression: str, value: str, mod: str | None) -> None:
    match = [t for t in find_times(text, None) if t.text.endswith(expression)]
    assert match, expression
    assert (match[0].value, match[0].mod) == (value, mod)
