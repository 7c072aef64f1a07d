"""Events in short incident reports of a chronicle (invented German sentences): counter-protests, attacks
by a few or by a crowd, arson on a planned shelter, nights dated by the day they lead to, street names."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.extract.events import lexicon
from lagebild.extract.events.dates import timex_date
from lagebild.extract.events.scope import crowd
from lagebild.pipeline import analyze


def _events(text: str, published: str = "2015-05-16") -> list[tuple[str, str]]:
    doc = analyze(text, published=published)
    return [(e.type, e.sub_type) for e in doc.events if e.status == "current"]


PROTEST = ("Protests", "Peaceful protest")


@pytest.mark.parametrize(
    "text",
    [
        # a clause that sets the protest against the one told before
        "In Magdeburg haben am Samstag etwa 80 Neonazis gegen eine geplante Unterkunft demonstriert. "
        "Gegen die Veranstaltung protestierten ungefähr 200 Menschen.",
        # against the march, the target before "entgegen"
        "In Magdeburg demonstrierten am Samstag 60 Rechte gegen Asylsuchende. "
        "Rund 300 Menschen stellten sich dem Aufmarsch entgegen und protestierten.",
        # a counter-protest noun that opens its sentence
        "In Magdeburg haben am Samstag Gegner der Unterkunft demonstriert. "
        "Eine Gegendemonstration zog vom Rathaus durch die Innenstadt.",
    ],
)
def test_a_counter_protest_is_an_event_of_its_own(text: str) -> None:
    assert _events(text) == [PROTEST, PROTEST]


@pytest.mark.parametrize(
    "text",
    [
        # "gegen" a plan, not a protest: one protest told twice
        "In Magdeburg haben am Samstag Anwohner gegen eine geplante Unterkunft demonstriert. "
        "Die Kundgebung verlief friedlich.",
        # "Demokratie" is no "Demo"
        "In Magdeburg demonstrierten am Samstag 500 Menschen. Sie protestierten gegen die Demokratiefeinde.",
        # a counter-protest named inside the account of the protest is not told as its own incident
        "In Magdeburg demonstrierten am Samstag 500 Menschen, die Polizei trennte sie von einer Gegendemonstration.",
    ],
)
def test_a_protest_told_again_is_one_event(text: str) -> None:
    assert _events(text) == [PROTEST]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drei Männer haben am Sonntag in Magdeburg einen 27-jährigen Asylbewerber zusammengeschlagen.",
         ("Violence against civilians", "Attack")),
        ("In Magdeburg wurden fünf Flüchtlinge von einer Gruppe von Schülern angegriffen.",
         ("Violence against civilians", "Attack")),
        ("In Magdeburg hat am Freitag eine Gruppe von 30 Menschen zwei Asylbewerber angegriffen.",
         ("Riots", "Mob violence")),
        ("Etwa 25 Unbekannte haben am Freitag in Magdeburg zwei Asylsuchende attackiert.",
         ("Riots", "Mob violence")),
    ],
)
def test_an_attack_by_a_few_is_an_attack_by_a_crowd_mob_violence(text: str, expected: tuple[str, str]) -> None:
    assert _events(text) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("drei männer haben einen asylbewerber zusammengeschlagen.", False),  # "menge" inside a word
        ("eine 15-köpfige gruppe griff zwei flüchtlinge an.", False),
        ("ein 20-jähriger mann griff zwei flüchtlinge an.", False),  # an age, not a count
        ("eine aufgebrachte menge griff den bus an.", True),
        ("rund 20 anhänger der partei griffen zwei flüchtlinge an.", True),
        ("dutzende vermummte griffen die unterkunft an.", True),
    ],
)
def test_a_crowd(sentence: str, expected: bool) -> None:
    assert crowd(lexicon().lists, sentence) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Unbekannte haben in Magdeburg einen Brandanschlag auf die noch unbewohnte Flüchtlingsunterkunft verübt.",
        "Unbekannte legten in Magdeburg Feuer in einem Haus, in das künftig Asylsuchende einziehen sollten.",
    ],
)
def test_arson_on_a_planned_shelter_is_an_attack(text: str) -> None:
    assert _events(text) == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize(
    ("value", "text", "published", "expected"),
    [
        # a Wednesday report of the night to Wednesday: Wednesday, the day the chronicle names
        ("2015-08-25TNI", "in der Nacht zum Mittwoch", date(2015, 8, 26), "2015-08-26"),
        ("2015-10-31TNI", "der Nacht zum Sonntag", date(2015, 11, 3), "2015-11-01"),
        # the night that begins on the report's day: its first day, no future
        ("2015-08-26TNI", "in der Nacht zum Donnerstag", date(2015, 8, 26), "2015-08-26"),
        # a night not named by a weekday stays its first day
        ("2015-08-25TNI", "in der Nacht", date(2015, 8, 26), "2015-08-25"),
    ],
)
def test_a_night_is_dated_by_the_day_it_leads_to(value: str, text: str, published: date, expected: str) -> None:
    resolved = timex_date(value, None, text, published)
    assert resolved is not None
    assert resolved[0].value == expected


def test_a_month_in_a_street_name_dates_nothing() -> None:
    doc = analyze(
        "Die NPD hatte in Magdeburg eine Demonstration am August-Bebel-Platz gegen Asylbewerberheime angemeldet.",
        published="2014-10-25",
    )
    assert [e.date.value for e in doc.events if e.date] == ["2014-10-25"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unbekannte warfen am Freitag in Magdeburg Steine auf eine Flüchtlingsunterkunft.",
         [("Violence against civilians", "Attack")]),
        ("Ein Asylbewerber wurde am Freitag in Magdeburg mit einer Bierflasche beworfen.",
         [("Violence against civilians", "Attack")]),
        ("Unbekannte haben am Freitag in Magdeburg an einer geplanten Flüchtlingsunterkunft Scheiben eingeworfen.",
         [("Strategic developments", "Looting/property destruction")]),
        # a throw at no one targeted, or of no missile, is no event
        ("Kinder warfen am Freitag in Magdeburg Steine in den Fluss.", []),
        ("Ein Asylbewerber warf am Freitag in Magdeburg einen Ball.", []),
    ],
)
def test_throwing_missiles_at_a_targeted_group(text: str, expected: list[tuple[str, str]]) -> None:
    assert _events(text) == expected


def test_an_offence_named_as_the_ground_of_proceedings_is_the_incident_told_before() -> None:
    text = (
        "Etwa 25 Unbekannte haben am Freitag zwei Asylsuchende attackiert. Die beiden Asylsuchenden wurden "
        "verletzt. Die Polizei hat Ermittlungen wegen gefährlicher Körperverletzung aufgenommen."
    )
    assert _events(text) == [("Riots", "Mob violence")]


def test_an_offence_alone_is_still_reported() -> None:
    text = "In Magdeburg ermittelt die Polizei wegen einer Körperverletzung an einem Asylbewerber."
    assert _events(text) == [("Violence against civilians", "Attack")]


def test_a_part_of_a_town_is_written_with_its_town() -> None:
    doc = analyze(
        "In Dresden-Gorbitz wurde am Samstag ein Asylbewerber von drei Unbekannten angegriffen.",
        published="2015-05-16",
    )
    places = [e.place for e in doc.events if e.place is not None]
    assert [(p.text, p.start) for p in places] == [("Dresden-Gorbitz", 3)]


def test_a_targeted_building_before_the_trigger_is_the_target() -> None:
    # the shelter is the object of an infinitive clause, not after "auf"/"gegen": a building acts on no one
    text = "In der Nacht versuchten Unbekannte in Magdeburg die Asylbewerberunterkunft in Brand zu setzen."
    assert _events(text, published="2015-05-07") == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unbekannte haben in Magdeburg eine geplante Flüchtlingsunterkunft verwüstet.",
         [("Strategic developments", "Looting/property destruction")]),
        ("In Magdeburg sabotierten Unbekannte die Wasseranschlüsse einer Asylunterkunft.",
         [("Strategic developments", "Looting/property destruction")]),
        # wrecking with no targeted group is no event of this kind
        ("Ein Sturm hat in Magdeburg mehrere Gärten verwüstet.", []),
    ],
)
def test_wrecking_a_targeted_group_s_home(text: str, expected: list[tuple[str, str]]) -> None:
    assert _events(text) == expected
