"""Time expressions: sentences written for these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.extract.times import find_times
from lagebild.model import Article, Document
from lagebild.pipeline import Pipeline

PUBLISHED = "2016-12-14"  # a Wednesday

NEWS_CASES = [
    ("Die Kämpfe begannen am Montag.", "Montag", "DATE", "2016-12-12", None),
    ("Am Dienstagabend kam die Nachricht.", "Dienstagabend", "TIME", "2016-12-13TEV", None),
    ("Die Helfer kamen gestern an.", "gestern", "DATE", "2016-12-13", None),
    ("Heute wird verhandelt.", "Heute", "DATE", "2016-12-14", None),
    ("Das Treffen ist morgen geplant.", "morgen", "DATE", "2016-12-15", None),
    ("Die Stadt fiel vor zwei Wochen.", "vor zwei Wochen", "DATE", "2016-11-30", None),
    ("In den letzten 48 Stunden starben viele.", "den letzten 48 Stunden", "DURATION", "PT48H", None),
    ("Sie flohen in den letzten beiden Wochen.", "den letzten beiden Wochen", "DURATION", "P2W", None),
    ("Die Blockade dauert seit einer Woche.", "einer Woche", "DURATION", "P1W", None),
    ("Die Stadt ist seit Mitte Juli belagert.", "Mitte Juli", "DATE", "2016-07", "MID"),
    ("Die Gespräche sollen Ende Dezember beginnen.", "Ende Dezember", "DATE", "2016-12", "END"),
    ("Schon Anfang November gab es Angriffe.", "Anfang November", "DATE", "2016-11", "START"),
    ("Die Stadt war im Dezember 1999 umzingelt.", "Dezember 1999", "DATE", "1999-12", None),
    ("Der Krieg begann 1999 im Süden.", "1999", "DATE", "1999", None),
    ("Am 3. Oktober 2015 schlug eine Rakete ein.", "3. Oktober 2015", "DATE", "2015-10-03", None),
    ("Das Abkommen vom 12.02.2015 gilt noch.", "12.02.2015", "DATE", "2015-02-12", None),
    ("Die Lage war in diesen Tagen ruhig.", "in diesen Tagen", "DATE", "PRESENT_REF", None),
    ("Seit Jahren leidet die Bevölkerung.", "Jahren", "DURATION", "PXY", None),
    ("Die Menschen harren seit einigen Stunden aus.", "einigen Stunden", "DURATION", "PTXH", None),
    (
        "Die Evakuierung soll in den nächsten Stunden beginnen.",
        "in den nächsten Stunden",
        "DATE",
        "FUTURE_REF",
        None,
    ),
    ("Die Lage war kürzlich ruhig.", "kürzlich", "DATE", "PAST_REF", None),
    ("Im Sommer 2014 begann die Offensive.", "Sommer 2014", "DATE", "2014-SU", None),
    ("Die Konvois fahren täglich.", "täglich", "SET", "P1D", None),
    ("Am 13. Dezember begann der Angriff um 4:45 Uhr.", "4:45 Uhr", "TIME", "2016-12-13T04:45", None),
    ("Das war im 20. Jahrhundert so.", "20. Jahrhundert", "DATE", "19", None),
    ("Die Truppen zogen am kommenden Freitag ab.", "kommenden Freitag", "DATE", "2016-12-16", None),
]


@pytest.mark.parametrize(("sentence", "text", "ttype", "value", "mod"), NEWS_CASES)
def test_news_mode(sentence: str, text: str, ttype: str, value: str, mod: str | None) -> None:
    times = find_times(sentence, PUBLISHED)
    match = [t for t in times if t.text == text]
    assert match, f"{text!r} not found in {[t.text for t in times]}"
    assert (match[0].type, match[0].value, match[0].mod) == (ttype, value, mod)


def test_anaphoric_part_of_day_uses_the_last_day_mentioned() -> None:
    text = "Am Montag griffen Jets an. Die Bomben fielen am frühen Morgen."
    times = find_times(text, PUBLISHED)
    assert [(t.text, t.value) for t in times] == [
        ("Montag", "2016-12-12"),
        ("frühen Morgen", "2016-12-12TMO"),
    ]


NARRATIVE_CASES = [
    ("Am 21. Februar 2003 begann der Aufmarsch. Am 17. März folgte das Ultimatum.", "17. März", "2003-03-17"),
    ("Im Mai 1940 griff die Armee an. Ende Juni war alles vorbei.", "Ende Juni", "1940-06"),
    ("Der Krieg begann 1914. Im Herbst erstarrte die Front.", "Herbst", "1914-FA"),
    (
        "Am 10. August 1904 fiel die Festung. Zwei Tage später kapitulierte die Flotte.",
        "Zwei Tage später",
        "1904-08-12",
    ),
    ("Am 3. Mai 1921 begann der Aufstand. Am selben Tag fiel die Stadt.", "Am selben Tag", "1921-05-03"),
    ("Im Jahr 480 v. Chr. kam die Flotte.", "480 v. Chr.", "BC0480"),
    ("Im Frühjahr 1862 rückte das Heer vor. Ende des Jahres stand es am Fluss.", "Ende des Jahres", "1862"),
    # asides do not move the reference: a date in parentheses, an earlier lone year inside a sentence
    (
        "Am 7. November 1917 (25. Oktober nach altem Kalender) fiel die Stadt. Drei Tage später folgte der Hafen.",
        "Drei Tage später",
        "1917-11-10",
    ),
    (
        "Am 6. Juni 1944 landete die Armee nach seit 1941 erstellten Plänen. Am 26. Juni fiel der Hafen.",
        "26. Juni",
        "1944-06-26",
    ),
    # ... but a sentence or a heading with an earlier year turns the narrative back
    (
        "Im Mai 1945 endete der Krieg. 1939 hatte alles begonnen. Im Juni besetzte die Armee das Land.",
        "Juni",
        "1939-06",
    ),
    (
        "Der Friede kam am 8. Mai 1945.\n\nDer Feldzug von 1939\n\nAm 3. September erklärten beide den Krieg.",
        "3. September",
        "1939-09-03",
    ),
    # the first of two months takes the year of the second
    (
        "Im Februar 1942 wurde eine Regierung eingesetzt. Im Mai und Juni 1940 fiel das Land.",
        "Mai",
        "1940-05",
    ),
    (
        "Im März 1945 kam die Front näher. In der Nacht vom 16. auf den 17. April 1945 fiel die Stadt.",
        "Nacht vom 16.",
        "1945-04-16TNI",
    ),
    (
        "Am 26. August 1942 begann der Angriff. Nach zwei Tagen war er zu Ende.",
        "Nach zwei Tagen",
        "1942-08-28",
    ),
    (
        "Am 22. Juni 1941 begann der Feldzug. Ein halbes Jahr später stand das Heer vor der Stadt.",
        "Ein halbes Jahr später",
        "1941-12",
    ),
    (
        "Im Dezember 1941 stockte der Angriff. Zu Beginn des neuen Jahres kam der Gegenstoß.",
        "neuen Jahres",
        "1942",
    ),
    (
        "Die Schlacht begann am 16. April 1945, im Laufe des 18. April brach die Front.",
        "18. April",
        "1945-04-18",
    ),
    # a paragraph that goes back in time: its first explicit year sets the reference, even inside a sentence
    (
        "Am 2. Mai 1920 fiel die Hauptstadt.\n\nDie Armee war schon im Sommer 1918 gegründet worden. "
        "Am 4. November eroberte sie den Hafen.",
        "4. November",
        "1918-11-04",
    ),
    (
        "Am 2. Mai 1920 fiel die Hauptstadt.\n\nDie Armee war schon im Sommer 1918 gegründet worden. "
        "Im Oktober stand sie vor der Stadt.",
        "Oktober",
        "1918-10",
    ),
    # later in the same paragraph an earlier date inside a sentence is an aside
    (
        "Am 25. Februar 1918 endete die Revolte. Ihr Anführer hatte schon im Juli 1917 geputscht. "
        "Am 10. April fiel er.",
        "10. April",
        "1918-04-10",
    ),
    # within a paragraph a month long before the last one told is in the following year
    (
        "Am 13. Dezember 1919 fiel die Stadt, und bis Anfang Januar war das Land verloren.",
        "Anfang Januar",
        "1920-01",
    ),
    (
        "Am 13. Dezember 1919 fiel die Stadt. Am 20. Oktober war der Vorstoß noch gelungen.",
        "20. Oktober",
        "1919-10-20",
    ),
    # ... but a new paragraph may step back within the year told so far
    (
        "Am 5. Dezember 1941 begann der Gegenstoß.\n\nNach dem Angriff am 25. Juni kämpfte das Land mit.",
        "25. Juni",
        "1941-06-25",
    ),
]


@pytest.mark.parametrize(("text", "expression", "value"), NARRATIVE_CASES)
def test_narrative_mode_resolves_against_the_last_date(text: str, expression: str, value: str) -> None:
    times = find_times(text, None)
    match = [t for t in times if t.text.endswith(expression)]
    assert match, f"{expression!r} not found in {[t.text for t in times]}"
    assert match[0].value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Rebellen verloren 1500 Kämpfer.",
        "Es kostete 2000 Euro.",
        "Mehr als 1800 Menschen flohen.",
    ],
)
def test_counts_are_not_years(sentence: str) -> None:
    assert [t for t in find_times(sentence, PUBLISHED) if t.value[:1].isdigit() and len(t.value) == 4] == []


def test_stage_alone_fills_times() -> None:
    doc = Pipeline(stages=("times.v1",))(Article(text="Am Montag fielen Bomben.", published=PUBLISHED))
    assert [t.value for t in doc.times] == ["2016-12-12"]
    assert isinstance(doc, Document)


_WORDS = st.sampled_from(
    [
        "am",
        "Montag",
        "im",
        "Dezember",
        "1999",
        "seit",
        "Mitte",
        "Juli",
        "vor",
        "zwei",
        "Wochen",
        "3.",
        "Mai",
        "Ende",
        "August",
        "gestern",
        "Abend",
        "in",
        "den",
        "letzten",
        "48",
        "Stunden",
        "Aleppo",
        ",",
        ".",
        "Tage",
        "später",
        "Jahr",
        "v.",
        "Chr.",
        "–",
        "bis",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.sampled_from([PUBLISHED, None]))
def test_every_time_is_grounded(words: list[str], published: str | None) -> None:
    text = " ".join(words)
    for t in find_times(text, published):
        assert text[t.start : t.end] == t.text
        assert t.value
