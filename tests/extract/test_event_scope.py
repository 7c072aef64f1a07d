"""Scope and typing rules of the events stage (lagebild.extract.events.scope) on invented sentences:
what ACLED does not code (collisions, aims, verbal attacks, charges, demanded agreements …) gives no
event, and the context sets ACLED's type (seized explosives, mobs, clashes after a protest)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lagebild.extract.events import extract_events
from lagebild.extract.events.scope import refer_back
from lagebild.model import Article, Event, Place
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))

CITIES = {"Homs": (34.73, 36.71, "SY"), "Kairo": (30.04, 31.24, "EG"), "Bagdad": (33.31, 44.36, "IQ"),
          "Dresden": (51.05, 13.74, "DE"), "Leipzig": (51.34, 12.37, "DE")}


def events_of(text: str) -> list[Event]:
    """The events of an invented one-paragraph article, with the places of CITIES found in it."""
    doc = _TOKENS(Article(text=text, published="2024-03-12", id="s1"))  # the layer's tokens and sentences
    for name, (lat, lon, country) in CITIES.items():
        start = text.find(name)
        while start >= 0:
            doc.places.append(
                Place("s1", start, start + len(name), name, name, country, lat, lon, "city", 1, "mention")
            )
            start = text.find(name, start + 1)
    doc.places.sort(key=lambda p: p.start)
    return extract_events(doc)


@pytest.mark.parametrize(
    "text",
    [
        # a collision of vehicles is an accident
        "Am Montag kam es nahe Homs zu einem Zusammenstoß zwischen einem Bus und einem Lastwagen.",
        # an explosion set off by an accidental cause is an accident
        "In Kairo wurde die Explosion am Montag durch eine Zigarette ausgelöst, die sich ein Mann anzünden wollte.",
        # an attack word among the words of a match is a move in the game
        "Im Angriff fehlte der Mannschaft in Kairo der gesperrte Nationalspieler.",
        # a relative clause on "derjenigen" refers to victims told elsewhere
        "Der Präsident sprach in Kairo den Familien derjenigen sein Beileid aus, die getötet wurden.",
        # an aim ("um … zu") is no report
        "Die Regierung verlegte Truppen nach Homs, um die Rebellen von Angriffen auf die Stadt abzuhalten.",
        # criticising sharply is speech
        "Der Gewerkschaftschef hat die Regierung in Kairo am Montag scharf angegriffen.",
        # protection from attacks is no attack
        "Der Plan der Stadtverwaltung von Homs sieht einen besseren Schutz vor Angriffen auf Schulen vor.",
        # showing a quality is no protest
        "Bei dem Gipfel in Kairo demonstrierten die beiden Präsidenten Einigkeit.",
        # a routine, a pattern, a count over months is no event
        "In Kairo finden regelmäßig Kundgebungen der Opposition statt.",
        "In vielen Fällen wurden Journalisten in Homs entführt, heißt es in dem Bericht.",
        "Von Januar bis Juni starben in Bagdad 300 Menschen bei Anschlägen.",
        # a crime named as a charge
        "Dem ehemaligen General wird unter anderem Vergewaltigung vorgeworfen.",
        # a demanded and refused ceasefire is no agreement
        "Die Regierung lehnte die Forderung nach einer Waffenruhe in Homs ab.",
        # without, upcoming, a counter-measure, an attack on rights
        "Die Rakete wurde am Montag bei Homs getestet, allerdings ohne Sprengsatz.",
        "Ein Radiosender informiert die Bewohner von Homs über bevorstehende Angriffe.",
        "Das Parlament in Kairo beschloss am Montag ein Gesetz gegen Anschläge.",
        "Der Minister nannte das Gesetz einen Angriff auf die Pressefreiheit.",
        # a plan is no act
        "Die Männer wollten in Kairo Bombenanschläge auf Touristen verüben.",
        # fire, a tsunami, an engine test are accidents
        "Bei einem Brand in einem Nachtclub in Kairo starben am Sonntag zehn Besucher.",
        "Bei dem Tsunami wurden in Homs 500 Menschen getötet.",
        "Bei einem Test für einen neuen Raketenmotor kam es in Homs zu einer Explosion.",
        # the justice minister's comment and the criminal's hostage do not make a crime political
        "Nach dem Raubüberfall wurde der Täter in Homs festgenommen, sagte der Justizminister.",
        "Nach der Geiselnahme im Gefängnis von Homs wurde der tatverdächtige Häftling festgenommen.",
    ],
)
def test_out_of_acled_scope(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Am Montag kam es in Homs zu Zusammenstößen zwischen Demonstranten und der Polizei.",
        "Rebellen haben am Montag die Armee in Homs angegriffen.",
        "Nach der Einigung auf eine Waffenruhe in Homs hoffen die Menschen auf Ruhe.",
        "Die Armee hat Homs am Montag mit Raketen beschossen, um die Rebellen zu vertreiben.",
        "Bei dem Anschlag in Bagdad wurden am Montag zwölf Menschen getötet.",
        "Am Montag demonstrierten in Kairo Tausende gegen die Regierung.",
    ],
)
def test_events_beside_those_rules_stay(text: str) -> None:
    assert len(events_of(text)) == 1


@pytest.mark.parametrize(
    ("text", "event_type", "sub_type"),
    [
        (
            "Bei einer Razzia in Homs wurden am Montag mehrere Sprengsätze sichergestellt.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "Hunderte Studenten demonstrierten am Donnerstag in Kairo für Reformen. "
            "Es kam zu Zusammenstößen mit der Polizei.",
            "Riots",
            "Violent demonstration",
        ),
        (
            "Bei Unruhen in Homs starben am Montag fünf Menschen. "
            "Ein aufgebrachter Mob hatte eine Polizeiwache gestürmt.",
            "Riots",
            "Mob violence",
        ),
        (
            "Militante haben am Montag Raketen auf Homs abgeschossen.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        ("In Bagdad wurden am Montag zwei Anwälte erschossen.", "Violence against civilians", "Attack"),
    ],
)
def test_context_sets_the_acled_type(text: str, event_type: str, sub_type: str) -> None:
    events = events_of(text)
    assert [(e.type, e.sub_type) for e in events][:1] == [(event_type, sub_type)]


def test_explosives_named_beside_a_find_are_still_the_bombing() -> None:
    text = (
        "In Homs explodierten am Montag drei Sprengsätze. "
        "Bei jedem der drei Sprengsätze wurden Bekennerschreiben gefunden."
    )
    assert {e.sub_type for e in events_of(text)} == {"Remote explosive/landmine/IED"}


@dataclass
class _Reported:
    type: str
    sub_type: str


def test_unspecified_anschlag_takes_the_type_of_the_bombing_before() -> None:
    bombing = _Reported("Explosions/Remote violence", "Remote explosive/landmine/IED")
    clash = _Reported("Battles", "Armed clash")
    attack = ("Violence against civilians", "Attack")
    assert refer_back(*attack, True, "Anschlägen", [bombing]) == (bombing.type, bombing.sub_type)
    assert refer_back(*attack, True, "Anschlägen", [bombing, clash]) == attack  # the last report decides
    assert refer_back(*attack, True, "getötet", [bombing]) == attack  # only an unspecified attack noun
    assert refer_back(*attack, True, "Anschlag", []) == attack


@pytest.mark.parametrize(
    ("text", "event_type", "sub_type"),
    [
        # a beating of refugees is an attack on civilians, not a crime
        ("Am Samstag wurden in Dresden zwei Asylbewerber von Unbekannten geschlagen und getreten.",
         "Violence against civilians", "Attack"),
        ("Dann schlagen zwei Männer in Leipzig auf einen Flüchtling ein.", "Violence against civilians", "Attack"),
        # an attack on unarmed people for who they are is no battle
        ("Drei Asylsuchende wurden in Dresden aus rassistischen Motiven angegriffen.",
         "Violence against civilians", "Attack"),
        # … and by a crowd it is mob violence
        ("In Leipzig griff eine Gruppe von etwa 20 Personen drei Flüchtlinge an.", "Riots", "Mob violence"),
        # a fire set in a home of refugees is an attack on them, also in an empty one meant for them
        ("In Leipzig zündeten Unbekannte eine Unterkunft an, in der 40 Flüchtlinge wohnen.",
         "Violence against civilians", "Attack"),
        ("In Dresden haben Unbekannte ein leerstehendes Haus in Brand gesteckt, das für Flüchtlinge vorgesehen war.",
         "Violence against civilians", "Attack"),
        # a hate motive in the report makes the act political
        ("Ein Mann wurde in Dresden von zwei Männern geschlagen; der Staatsschutz ermittelt.",
         "Violence against civilians", "Attack"),
    ],
)
def test_attacks_on_people_for_who_they_are(text: str, event_type: str, sub_type: str) -> None:
    assert [(e.type, e.sub_type) for e in events_of(text)] == [(event_type, sub_type)]


@pytest.mark.parametrize(
    "text",
    [
        # the refugee is the one who hit: no group attacked for who it is
        "Ein Asylbewerber hat in Dresden einen Mann geschlagen.",
        # a brawl is no political violence
        "In Leipzig wurde ein Mann bei einer Schlägerei geschlagen.",
        # "schlug … vor" proposes
        "Der Bürgermeister schlug vor, in Leipzig eine Unterkunft für Flüchtlinge zu bauen.",
        # a foundation stone is laid, nothing set on fire
        "In Dresden wurde der Grundstein für eine Unterkunft für Flüchtlinge gelegt.",
        # figurative beating
        "Die Hilfsorganisationen in Leipzig haben wegen der vielen Flüchtlinge Alarm geschlagen.",
    ],
)
def test_beating_and_arson_words_without_a_targeted_group_are_no_events(text: str) -> None:
    assert events_of(text) == []



@pytest.mark.parametrize(
    "text",
    [
        # the end of what a trigger names is no report of it
        "Ein Ende der Kämpfe in Homs ist vorerst ungewiss.",
        # a time anchor dates another statement
        "Am fünften Tag nach dem Ausbruch der Kämpfe besuchte der Minister Kairo.",
    ],
)
def test_background_ends_and_time_anchors_make_no_event(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Kämpfe um Homs halten an, obwohl am 19. Juni ein Friedensabkommen unterzeichnet wurde.",
        "Die Gefechte in Homs dauern trotz Unterzeichnung eines Friedensabkommens im Mai an.",
    ],
)
def test_an_agreement_in_a_concessive_phrase_is_background(text: str) -> None:
    assert [e.type for e in events_of(text)] == ["Battles"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Armee vereinbarte mit den Rebellen am Montag in Homs einen Waffenstillstand.", "Agreement"),
        ("Kampfjets setzten am Montag ihre Angriffe auf Ziele bei Homs fort.", "Air/drone strike"),
        ("Bei einem Amoklauf in Dresden wurden am Montag drei Menschen getötet.", "Attack"),
    ],
)
def test_agreements_air_attacks_and_rampages_keep_their_sub_type(text: str, expected: str) -> None:
    assert [e.sub_type for e in events_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Die geplante Kundgebung in Leipzig", "future"),
        ("Eine Kundgebung gegen die geplante Unterkunft in Leipzig", None),
        ("Es gab keine Kundgebung in Leipzig", "negated"),
        ("Damals gab es eine Kundgebung in Leipzig", "historical"),
    ],
)
def test_cue_word_modality_of_a_clause(text: str, modality: str | None) -> None:
    from lagebild.extract.events import lexicon
    from lagebild.extract.events.scope import text_modality

    doc = _TOKENS(Article(text=text, published="2024-03-12", id="s1"))
    tokens: Any = doc.nlp
    words = [(t.idx, t.idx + len(t.text), t.text) for t in tokens if t.text[:1].isalpha()]
    trigger = text.index("Kundgebung")
    assert text_modality(lexicon().lists, words, trigger, text.lower()) == modality


def test_an_incident_years_before_is_historical() -> None:
    text = ("Am Montag wurden in Dresden bei einem Amoklauf drei Menschen erschossen. Der Amoklauf ereignete sich "
            "genau sieben Jahre nach einem Vorfall in Leipzig, bei dem ein Täter acht Kinder getötet hatte.")
    events = events_of(text)
    assert [e.status for e in events if e.place is not None and e.place.name == "Leipzig"] == ["historical"]
    assert [e.status for e in events if e.place is not None and e.place.name == "Dresden"] == ["current"]


def test_an_intention_told_in_the_past_is_no_current_act() -> None:
    events = events_of("Die Polizei nahm in Kairo zwei Männer fest, die an der Kundgebung teilnehmen wollten.")
    assert [e.status for e in events if e.type == "Protests"] == ["future"]
