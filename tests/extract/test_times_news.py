"""Time expressions in news: counts that look like years and weekdays that lie ahead. Sentences written for
these tests (invented, not from any corpus)."""

from __future__ import annotations

import pytest

from lagebild.extract.times import find_times
from lagebild.extract.times.context import counts_things

PUBLISHED = "2016-12-14"  # a Wednesday


@pytest.mark.parametrize(
    "sentence",
    [
        "Seit Beginn der Offensive gab es 1600 Angriffe auf die Stadt.",
        "Die Luftwaffe flog 1600 schwere Angriffe.",
        "Die Helfer zählten 1500 Menschen in den Zelten.",
        "Die Miliz feuerte 1200 Raketen auf die Vororte.",
        "Im Lager leben 1800 Kinder ohne Eltern.",
    ],
)
def test_a_number_before_a_plural_noun_is_a_count(sentence: str) -> None:
    assert [t.text for t in find_times(sentence, PUBLISHED)] == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("In Aleppo gab es seit Juli 1600 Angriffe.", "Juli", "2016-07"),
        ("Dort starben seit März 1500 Menschen.", "März", "2016-03"),
        ("Als 1999 Truppen einmarschierten, flohen viele.", "1999", "1999"),
        ("Der Streit begann, nachdem 2011 Proteste ausgebrochen waren.", "2011", "2011"),
        ("Seit 2014 Gefechte aufflammten, ist die Grenze zu.", "2014", "2014"),
        ("Die Stadt wurde im März 2015 Ziel von Angriffen.", "März 2015", "2015-03"),
        # a year after a noun or name, as an attribute, after "bis", a recent year after a month or "von"
        ("Seit der General 2011 Oberbefehlshaber wurde, gibt es Kämpfe.", "2011", "2011"),
        ("Im letzten Quartal 2015 gab es mehrere Anschläge.", "2015", "2015"),
        ("Die 2012 gegründete Miliz kontrolliert den Norden.", "2012", "2012"),
        ("Bis 2014 Truppen abgezogen wurden, dauerte es lange.", "2014", "2014"),
        ("Die Staatsanwaltschaft hat Mitte März 2016 Anklage erhoben.", "Mitte März 2016", "2016-03"),
        ("Ein Abkommen von 2013 Reparationen betreffend gilt noch.", "2013", "2013"),
        # ... but a count of people after a month stays a count
        ("Seit März 2000 Familien geflohen sind, ist das Dorf leer.", "März", "2016-03"),
    ],
)
def test_years_and_counts_apart(sentence: str, text: str, value: str) -> None:
    assert [(t.text, t.value) for t in find_times(sentence, PUBLISHED)] == [(text, value)]


def test_counts_things_looks_at_the_noun_and_what_stands_before() -> None:
    text = "Es gab 1600 Angriffe, als 1939 Polen angegriffen wurde."
    assert counts_things(text, 7, 11)
    assert not counts_things(text, 26, 30)  # a conjunction before, a name after


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        # the future: planned, modal, future tense, scheduled in the present tense → the next such day
        ("Für Samstag ist eine Kundgebung geplant.", "Samstag", "2016-12-17"),
        ("Am Freitag sollen die Gespräche weitergehen.", "Freitag", "2016-12-16"),
        ("Die Wahl findet am Sonntag statt.", "Sonntag", "2016-12-18"),
        ("Am Donnerstag wird das Parlament abstimmen.", "Donnerstag", "2016-12-15"),
        ("Die Regierung will am Montag entscheiden.", "Montag", "2016-12-19"),
        ("Am Mittwoch soll abgestimmt werden.", "Mittwoch", "2016-12-21"),
        # the past and the default: the last such day on or before publication
        ("Am Freitag wurden die Gespräche fortgesetzt.", "Freitag", "2016-12-09"),
        ("Die Kämpfe begannen am Montag.", "Montag", "2016-12-12"),
        ("Die Angriffe am Dienstag trafen zwei Kliniken.", "Dienstag", "2016-12-13"),
        ("Seit Sonntag sollen 300 Menschen geflohen sein.", "Sonntag", "2016-12-11"),
        # the past of a weak verb, the perfect with "haben", a past plan
        ("Soldaten erreichten die Stadt am Samstag, der Einsatz soll dauern.", "Samstag", "2016-12-10"),
        ("Am Montag hat der Prozess begonnen, der lange dauern soll.", "Montag", "2016-12-12"),
        ("Der für Sonntag geplante Start war verschoben worden.", "Sonntag", "2016-12-11"),
        # ... and the future of reported speech, present-tense plans, an attribute after an article
        ("Die Behörde meldete, die Wahl finde am Sonntag statt.", "Sonntag", "2016-12-18"),
        ("Die Gespräche gehen am Montag weiter.", "Montag", "2016-12-19"),
        ("Der geplante Parteitag soll am Dienstag stattfinden.", "Dienstag", "2016-12-20"),
    ],
)
def test_weekdays_about_the_future_look_forward(sentence: str, text: str, value: str) -> None:
    assert [(t.text, t.value) for t in find_times(sentence, PUBLISHED)] == [(text, value)]


def test_each_clause_has_its_own_tense() -> None:
    times = find_times(
        "Am Montag hatte die Regierung angekündigt, dass die Wahl am Sonntag stattfinden soll. "
        "Die Gespräche, die am Freitag begannen, sollen fortgesetzt werden.",
        PUBLISHED,
    )
    assert [(t.text, t.value) for t in times] == [
        ("Montag", "2016-12-12"),
        ("Sonntag", "2016-12-18"),
        ("Freitag", "2016-12-09"),
    ]


def test_decades_in_news_are_the_last_ones_up_to_publication() -> None:
    times = find_times("In den 90er Jahren und in den zwanziger Jahren war das anders.", PUBLISHED)
    assert [(t.text, t.value) for t in times] == [("den 90er Jahren", "199"), ("den zwanziger Jahren", "192")]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "mod"),
    [
        ("Vergangene Woche griffen Jets die Stadt an.", "Vergangene Woche", "2016-W49", None),
        ("Ende vergangener Woche kam es zu Kämpfen.", "Ende vergangener Woche", "2016-W49", "END"),
        ("Anfang der Woche fielen Bomben.", "Anfang der Woche", "2016-W50", "START"),
        ("In der kommenden Woche soll abgestimmt werden.", "der kommenden Woche", "2016-W51", None),
        ("Am Wochenende wurde in den Vororten gekämpft.", "Wochenende", "2016-W49-WE", None),
        ("Am Wochenende soll gewählt werden.", "Wochenende", "2016-W50-WE", None),
        (
            "In der Nacht zum Dienstag schlugen Raketen ein.",
            "der Nacht zum Dienstag",
            "2016-12-12TNI",
            None,
        ),
        ("Die Waffenruhe soll ab Donnerstag gelten.", "Donnerstag", "2016-12-15", None),
    ],
)
def test_weeks_weekends_and_nights(sentence: str, text: str, value: str, mod: str | None) -> None:
    assert [(t.text, t.value, t.mod) for t in find_times(sentence, PUBLISHED)] == [(text, value, mod)]


def test_a_week_alone_is_a_duration() -> None:
    assert [(t.text, t.value) for t in find_times("Die Gespräche dauern eine Woche.", PUBLISHED)] == [
        ("eine Woche", "P1W")
    ]


def test_minutes_and_seconds_later_stay_on_the_day() -> None:
    text = "Am Montag fiel das erste Tor. Zwei Minuten später fiel das zweite, 30 Sekunden zuvor ein Schuss."
    values = {t.text: t.value for t in find_times(text, "2010-06-27")}
    assert values["Zwei Minuten später"] == "2010-06-21"  # not two months later
    assert values["30 Sekunden zuvor"] == "2010-06-21"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Wenn am morgigen Samstag die Feier beginnt, ist alles bereit.", "2007-12-15"),
        ("Am gestrigen Donnerstag haben erneut Tausende demonstriert.", "2007-12-13"),
        ("Vertreter wollen am heutigen Freitagabend verhandeln.", "2007-12-14TEV"),
        ("Der Absturz soll sich am Mittwoch kurz vor Mitternacht ereignet haben.", "2007-12-12"),
        ("Die Täter sollen am Dienstag geflohen sein.", "2007-12-11"),
        ("Am Samstag soll die Sitzung stattfinden.", "2007-12-15"),
    ],
)
def test_day_adjectives_and_hearsay_about_the_past(sentence: str, value: str) -> None:
    # published on Friday, 14 December 2007
    assert [t.value for t in find_times(sentence, "2007-12-14")] == [value]
