"""Events stage: triggers, slots, status. Articles are invented sentences; facts of earlier stages
(places, times, figures) are built by hand so the stage is tested alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lagebild.extract.events import extract_events, find_trigger, lexicon, timex_date
from lagebild.model import Article, Dateline, Document, Figure, Mention, Place, TimeExpression
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))

COORDS = {"Aleppo": (36.2, 37.13, "SY"), "Kairo": (30.04, 31.24, "EG"), "Idlib": (35.93, 36.63, "SY"),
          "Homs": (34.73, 36.71, "SY"), "Mossul": (36.34, 43.13, "IQ"), "Bagdad": (33.31, 44.36, "IQ"),
          "Tiflis": (41.72, 44.78, "GE"), "Grosny": (43.32, 45.69, "RU"), "Dresden": (51.05, 13.74, "DE")}


def make_doc(text: str, published: str = "2024-03-12", times: dict[str, tuple[str, str]] | None = None,
             figures: list[tuple[str, int, int | None, str, str | None]] | None = None,
             dateline: str | None = None) -> Document:
    """A Document with places (every name of COORDS found in the text), the given time expressions
    (text -> (type, value)) and figures ((text, low, high, category, claimant))."""
    article = Article(text=text, published=published, id="t1")
    doc = _TOKENS(article)  # the layer's tokens and sentences
    if dateline:
        doc.dateline = Dateline("t1", 0, len(dateline), dateline)
    for name, (lat, lon, country) in COORDS.items():
        start = text.find(name)
        while start >= 0:
            role = "dateline" if dateline and start < len(dateline) else "mention"
            doc.places.append(Place("t1", start, start + len(name), name, name, country, lat, lon, "city", 1, role))  # type: ignore[arg-type]
            start = text.find(name, start + 1)
    doc.places.sort(key=lambda p: p.start)
    for expr, (ttype, value) in (times or {}).items():
        start = text.index(expr)
        doc.times.append(TimeExpression("t1", start, start + len(expr), expr, ttype, value))  # type: ignore[arg-type]
    for expr, low, high, category, claimant in figures or []:
        start = text.index(expr)
        claim = None
        if claimant:
            c = text.index(claimant)
            claim = Mention(c, c + len(claimant), claimant)
        doc.figures.append(Figure("t1", start, start + len(expr), expr, low, high, "exact", category, claim))
    return doc


@pytest.mark.parametrize(("word", "event_type", "sub_type"), [
    ("eingenommen", "Battles", "Government regains territory"),
    ("zurückerobert", "Battles", "Government regains territory"),
    ("Luftangriff", "Explosions/Remote violence", "Air/drone strike"),
    ("Luftschläge", "Explosions/Remote violence", "Air/drone strike"),
    ("Vergeltungsluftschlägen", "Explosions/Remote violence", "Air/drone strike"),
    ("Raketenangriffe", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Giftgasangriff", "Explosions/Remote violence", "Chemical weapon"),
    ("Bombenanschlag", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Selbstmordattentäter", "Explosions/Remote violence", "Suicide bomb"),
    ("exekutiert", "Violence against civilians", "Attack"),
    ("entführt", "Violence against civilians", "Abduction/forced disappearance"),
    ("abgeschossen", "Battles", "Armed clash"),
    ("Gefechte", "Battles", "Armed clash"),
    ("Anschlag", "Violence against civilians", "Attack"),
    ("Festnahmen", "Strategic developments", "Arrests"),
    ("Einigung", "Strategic developments", "Agreement"),
    ("Abkommen", "Strategic developments", "Agreement"),
    ("Evakuierungsabkommen", "Strategic developments", "Agreement"),
    ("Demonstration", "Protests", "Peaceful protest"),
    ("Protest", "Protests", "Peaceful protest"),
    ("Ausschreitungen", "Riots", "Violent demonstration"),
    ("geplündert", "Strategic developments", "Looting/property destruction"),
])
def test_trigger_lexicon(word: str, event_type: str, sub_type: str) -> None:
    trigger = find_trigger(word)
    assert trigger is not None
    assert (trigger.type, trigger.sub_type) == (event_type, sub_type)
    assert trigger.plover


@pytest.mark.parametrize("word", ["Haus", "abgeworfen", "angriffslustig", "Bomben", "Regierung"])
def test_not_triggers(word: str) -> None:
    assert find_trigger(word) is None


def test_lexicon_covers_acled_types() -> None:
    lex = lexicon()
    assert sum(len(v) for v in lex.types.values()) == 25
    used = {(t.type, t.sub_type) for t in list(lex.words.values()) + list(lex.heads.values())}
    for event_type, sub_types in lex.types.items():
        for sub_type in sub_types:
            assert sub_type in lex.types[event_type]
    assert all(sub in lex.types[t] for t, sub in used)


def test_event_slots_place_date_fatalities() -> None:
    text = ("Kairo. Bei einem Luftangriff auf einen Markt in Idlib sind am Montag nach Angaben von Helfern "
            "zwölf Menschen getötet worden. Die Behörden sprachen von 20 Toten.")
    doc = make_doc(text, "2024-03-12", times={"am Montag": ("DATE", "2024-03-11")},
                   figures=[("zwölf Menschen", 12, 12, "killed", "Helfern"), ("20 Toten", 20, 20, "killed", "Behörden")],
                   dateline="Kairo")
    events = extract_events(doc)
    assert len(events) == 1
    event = events[0]
    assert (event.type, event.sub_type, event.plover) == ("Explosions/Remote violence", "Air/drone strike", "FIGHT")
    assert event.place is not None and event.place.name == "Idlib"  # the event place, not the dateline
    assert event.date is not None and (event.date.value, event.date.precision) == ("2024-03-11", 1)
    assert event.date.time is not None and event.date.time.text == "am Montag"
    assert event.fatalities is not None
    assert (event.fatalities.low, event.fatalities.high) == (12, 20)
    assert {f.claimant.text for f in event.fatalities.figures if f.claimant} == {"Helfern", "Behörden"}
    assert event.status == "current"
    assert text[event.start:event.end] == event.text
    assert event.trigger is not None and text[event.trigger.start:event.trigger.end] == "Luftangriff"


def test_historical_and_future_status() -> None:
    text = ("Grosny war im Dezember 1999 umzingelt. Die Friedensgespräche sollen Ende April in Genf "
            "wieder aufgenommen werden.")
    doc = make_doc(text, "2016-08-02", times={"im Dezember 1999": ("DATE", "1999-12"), "Ende April": ("DATE", "2017-04")})
    statuses = {e.trigger.text if e.trigger else "": e.status for e in extract_events(doc)}
    assert statuses == {"umzingelt": "historical", "Friedensgespräche": "future"}


@pytest.mark.parametrize(("expr", "value"), [("Anfang Juni", "2006-06"), ("in diesem Jahr", "2006"),
                                             ("in dieser Woche", "2006-W23")])
def test_period_still_running_at_publication_is_current(expr: str, value: str) -> None:
    text = f"In Bagdad starben {expr} sechs Soldaten bei einem Anschlag."
    doc = make_doc(text, "2006-06-08", times={expr: ("DATE", value)})
    events = extract_events(doc)
    assert [e.status for e in events] == ["current"]
    assert events[0].date is not None and (events[0].date.value or "").startswith(value[:4])


@pytest.mark.parametrize("text", [
    "Bei einer Bruchlandung eines Passagierflugzeugs in Aleppo sind am Montag fünf Menschen getötet worden.",
    "Zwölf Soldaten sind bei einem Hubschrauberabsturz nahe Homs getötet worden, als die Munition explodierte.",
    "Bei einem Erdbeben in Idlib wurden am Montag mindestens 20 Menschen getötet.",
    "Tausende Vögel werden in Homs getötet, um die Seuche einzudämmen.",
    "Die Männer aus Aleppo sollen Mitglieder einer terroristischen Vereinigung sein.",
    "Ein Cyberangriff legte am Montag die Verwaltung von Homs lahm.",
    "Aufgerufen hatten Parteien sowie Hochschul- und Menschenrechtsvereinigungen aus Homs.",
    "Bei einem Gefängnisbrand in Homs starben am Montag mindestens 40 Menschen.",
    "Der Bär soll in Homs eingefangen oder im Ernstfall auch erschossen werden.",
    "Der Minister verließ die Sitzung in Homs am Montag unter Protest.",
    "Die Parade in Homs war eine Demonstration der Stärke.",
])
def test_accidents_animals_and_look_alike_compounds_are_not_events(text: str) -> None:
    assert extract_events(make_doc(text, "2024-03-12")) == []


@pytest.mark.parametrize("text", [
    "In Aleppo explodierte am Montag eine Autobombe, mindestens zwölf Menschen wurden getötet.",
    "Bei einem Angriff auf ein Dorf nahe Homs wurden am Montag zwölf Menschen und ihre Tiere getötet.",
    "Aus Protest gegen die Regierung demonstrierten am Montag Tausende Menschen in Homs.",
])
def test_violence_beside_those_words_stays_an_event(text: str) -> None:
    assert len(extract_events(make_doc(text, "2024-03-12"))) == 1


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("Sudanesische Soldaten haben am Montag ein Dorf nahe Aleppo angegriffen.", "Military Forces of Sudan", None),
    ("Soldaten der nepalesischen Armee haben am Montag ein Dorf angegriffen.", "Military Forces of Nepal", None),
    ("In Aleppo haben Angreifer am Montag einen Markt beschossen.", "Unidentified Armed Group (Syria)", None),
    ("Bei Gefechten zwischen Rebellen und der Polizei in Mossul starben am Montag fünf Menschen.",
     "Rebels (Iraq)", "Police Forces of Iraq"),
    ("Bei einem Luftangriff starben am Montag fünf Menschen, sagten Bewohner.", None, None),
])
def test_actor_nouns_get_acled_style_names(text: str, actor1: str | None, actor2: str | None) -> None:
    events = extract_events(make_doc(text, "2024-03-12"))
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == (actor1, actor2)


def test_historical_by_cue() -> None:
    doc = make_doc("Ähnliche Abkommen über den Abzug der Kämpfer hatte es in der Vergangenheit bereits für Homs "
                   "gegeben.", "2016-12-14")
    assert [e.status for e in extract_events(doc)] == ["historical"]


@pytest.mark.parametrize("text", [
    "In Aleppo gab es am Montag keine Gefechte.",
    "Eine Waffenruhe wäre das Mindeste, was nötig ist.",
    "Falls die Armee Idlib angreift, drohen Luftangriffe auf die Stadt.",
])
def test_negated_and_hypothetical_are_not_events(text: str) -> None:
    assert extract_events(make_doc(text)) == []


@pytest.mark.parametrize(("text", "sub_type"), [
    ("Regierungstruppen haben die Stadt Mossul zurückerobert.", "Government regains territory"),
    ("Die Rebellen haben die Stadt Idlib eingenommen.", "Non-state actor overtakes territory"),
])
def test_territory_sub_type_from_actor(text: str, sub_type: str) -> None:
    events = extract_events(make_doc(text))
    assert [e.sub_type for e in events] == [sub_type]
    assert events[0].actor1 is not None


def test_protest_with_intervention() -> None:
    text = "Tausende Menschen demonstrierten am Mittwoch in Tiflis. Die Polizei setzte Tränengas ein."
    events = extract_events(make_doc(text, "2024-03-14", times={"am Mittwoch": ("DATE", "2024-03-13")}))
    assert [(e.type, e.sub_type) for e in events] == [("Protests", "Protest with intervention")]


def test_reports_inside_one_article_merge() -> None:
    text = ("Die Armee hat die Stadt Aleppo eingenommen. Die Flüchtlinge warten an der Grenze. "
            "Die syrische Armee hat nahezu den kompletten Osten von Aleppo zurückerobert.")
    events = extract_events(make_doc(text, "2016-12-14"))
    assert len(events) == 1
    assert events[0].trigger is not None and events[0].trigger.text == "eingenommen"


def test_generic_trigger_refers_back() -> None:
    text = ("Bei einem Giftgasangriff nahe Hama wurden am Montag 93 Zivilisten getötet. "
            "Der Angriff habe sich östlich der Stadt ereignet.")
    events = extract_events(make_doc(text, "2016-12-14", times={"am Montag": ("DATE", "2016-12-12")}))
    assert [e.sub_type for e in events] == ["Chemical weapon"]


def test_past_window_gives_middle_day_and_lead_takes_news_day() -> None:
    text = ("Die Truppen haben Aleppo eingenommen.\n\nAm Dienstag tagte der Sicherheitsrat. "
            "In Homs haben Milizen in den letzten 48 Stunden 30 Menschen exekutiert.")
    doc = make_doc(text, "2016-12-14", times={"Am Dienstag": ("DATE", "2016-12-13"),
                                              "in den letzten 48 Stunden": ("DURATION", "PT48H")})
    by_trigger = {e.trigger.text: e for e in extract_events(doc) if e.trigger}
    assert by_trigger["eingenommen"].date is not None and by_trigger["eingenommen"].date.value == "2016-12-13"
    execution = by_trigger["exekutiert"]
    assert execution.date is not None and (execution.date.value, execution.date.precision) == ("2016-12-13", 2)
    assert execution.place is not None and execution.place.name == "Homs"


def test_no_time_defaults_to_publication_at_week_precision() -> None:
    text = "Der Krieg geht weiter.\n\nNach Berichten gab es erneut Gefechte in Idlib."
    events = extract_events(make_doc(text, "2024-03-12"))
    assert [(e.date.value, e.date.precision) for e in events if e.date] == [("2024-03-12", 2)]


@pytest.mark.parametrize(("value", "expected"), [
    ("2016-12-13TEV", ("2016-12-13", 1)),
    ("2016-W50", ("2016-12-14", 2)),
    ("1999-12", ("1999-12", 3)),
    ("PRESENT_REF", ("2016-12-14", 2)),
])
def test_timex_date(value: str, expected: tuple[str, int]) -> None:
    from datetime import date

    resolved = timex_date(value, None, "", date(2016, 12, 14))
    assert resolved is not None
    assert (resolved[0].value, resolved[0].precision) == expected


def test_stage_runs_without_earlier_facts() -> None:
    pipeline = Pipeline(stages=("tokens.v1", "events.v1"))
    doc = pipeline(Article(text="In der Nacht gab es schwere Gefechte. Danach wurden 20 Festnahmen gemeldet.",
                           published="2024-03-12"))
    assert [e.sub_type for e in doc.events] == ["Armed clash", "Arrests"]
    for event in doc.events:
        assert doc.text[event.start:event.end] == event.text
        assert event.place is None


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_published_at_the_ends_of_the_calendar(published: str) -> None:
    """A feed's placeholder date (0001-01-01) must not break the date arithmetic of any slot."""
    text = ("In den letzten 48 Stunden gab es Gefechte in Idlib. Am Montag wurden 20 Festnahmen gemeldet. "
            "Im Dezember 1999 war Grosny umzingelt. Im Jahr 0 gab es einen Luftangriff.")
    times = {"In den letzten 48 Stunden": ("DURATION", "PT48H"), "Am Montag": ("DATE", "0001-01-01"),
             "Im Dezember 1999": ("DATE", "1999-12"), "Im Jahr 0": ("DATE", "0000")}
    events = extract_events(make_doc(text, published, times=times))
    assert [e.sub_type for e in events][:2] == ["Armed clash", "Arrests"]
    assert all(e.date is None or e.date.value for e in events)


def test_timex_date_out_of_range_is_unresolved() -> None:
    from datetime import date

    assert timex_date("0000", None, "", date(2016, 12, 14)) is None
    assert timex_date("0000-13", None, "", date(2016, 12, 14)) is None
    resolved = timex_date("P99999999Y", None, "in den letzten Jahren", date(1, 1, 1))
    assert resolved is not None and resolved[1] == date.min


def test_coordinated_fates_are_one_incident() -> None:
    """Arrest listed with killings in one clause is what happened in the violent event, not an Arrests event."""
    text = ("Milizen haben in Homs Dutzende Zivilisten exekutiert. Ein Sprecher bestätigte die Berichte. "
            "Andere seien eingeholt, verhaftet oder auf der Stelle erschossen worden.")
    events = extract_events(make_doc(text))
    assert [(e.type, e.sub_type) for e in events] == [("Violence against civilians", "Attack")]


def test_arrests_alone_stay_an_event() -> None:
    text = "In Homs wurden am Montag 20 Oppositionelle verhaftet und festgenommen."
    events = extract_events(make_doc(text))
    assert [e.sub_type for e in events] == ["Arrests"]


@pytest.mark.parametrize(("text", "expected"), [
    ("In Homs wurden am Montag 20 Demonstranten festgenommen.", ("Protests", "Protest with intervention")),
    ("Bei einer Demonstration in Homs warfen Teilnehmer am Montag Steine auf die Polizei.", ("Riots", "Violent demonstration")),
    ("Bei dem Protest in Homs kam es am Montag zu Zusammenstößen mit der Polizei.",
     ("Riots", "Violent demonstration")),
    ("Bei einem Anschlag in Homs explodierte am Montag eine Bombe, zwölf Menschen starben.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
])
def test_context_refines_the_type(text: str, expected: tuple[str, str]) -> None:
    events = extract_events(make_doc(text))
    assert (events[0].type, events[0].sub_type) == expected


@pytest.mark.parametrize("text", [
    "Die Polizei in Homs hat einen 34-jährigen Tatverdächtigen festgenommen, der mehrere Einbrüche gestand.",
    "Die Gewerkschaft und der Konzern in Homs haben sich am Montag auf eine Einigung über die Löhne geeinigt.",
    "Ein Gericht in Homs verurteilte ihn zum Tode, am Montag wurde er hingerichtet.",
    "Der Mann in Homs soll einen Anschlag auf einen Bahnhof geplant haben.",
    "Im Airbus-Werk in Homs hat sich am Montag eine Explosion ereignet.",
    "Seit 2004 wurden in Homs über tausend Menschen getötet.",
    "Die Entwickler griffen in Homs auf ein altes Verfahren zurück.",
    "Ein Anschlag wird von der Polizei in Homs ausgeschlossen.",
    "Hacker haben am Montag die Netze der Stadt Homs angegriffen.",
    "Es wird vermutet, dass der Mann in Homs vergiftet und ermordet wurde.",
])
def test_out_of_acled_scope(text: str) -> None:
    assert extract_events(make_doc(text)) == []


def test_figures_after_a_sentence_that_refers_back() -> None:
    text = ("In Bagdad ist eine Autobombe explodiert. Die Polizei meldete sieben Tote. "
            "Eine Miliz bekannte sich zu dem Anschlag. Ein Arzt sprach von neun Toten.")
    events = extract_events(make_doc(text, figures=[("sieben Tote", 7, 7, "killed", "Die Polizei"),
                                                   ("neun Toten", 9, 9, "killed", "Ein Arzt")]))
    assert len(events) == 1 and events[0].place is not None and events[0].place.name == "Bagdad"
    fatalities = events[0].fatalities
    assert fatalities is not None and (fatalities.low, fatalities.high) == (7, 9)
    assert [f.claimant.text for f in fatalities.figures if f.claimant] == ["Die Polizei", "Ein Arzt"]


def test_a_part_of_a_figure_is_no_second_fatality_count() -> None:
    text = "Bei einem Luftangriff in Idlib gab es 18 Tote, darunter fünf Kinder."
    doc = make_doc(text, figures=[("18 Tote", 18, 18, "killed", None), ("fünf Kinder", 5, 5, "killed", None)])
    doc.figures[1] = replace(doc.figures[1], part_of=doc.figures[0].start)
    fatalities = extract_events(doc)[0].fatalities
    assert fatalities is not None and (fatalities.low, fatalities.high) == (18, 18)


def test_definite_trigger_without_date_is_the_event_told_before() -> None:
    text = ("Bei einem Bombenanschlag in Bagdad starben im Mai 2009 zwölf Menschen. Ein Gericht verurteilte "
            "am Montag den Täter. Er hatte den Bombenanschlag gemeinsam mit zwei Brüdern verübt.")
    doc = make_doc(text, "2024-03-12", times={"im Mai 2009": ("DATE", "2009-05"), "am Montag": ("DATE", "2024-03-11")})
    bombings = [e for e in extract_events(doc) if e.sub_type == "Remote explosive/landmine/IED"]
    assert [(e.status, e.date.value if e.date else None) for e in bombings] == [("historical", "2009-05")]


def test_present_tense_report_of_a_protest_on_the_publication_weekday() -> None:
    # published on Saturday 2014-03-08; the time stage read "am Samstag" as the next Saturday
    text = "Rund 300 Menschen demonstrieren am Samstag in Dresden gegen eine geplante Unterkunft für Asylsuchende."
    doc = make_doc(text, "2014-03-08", times={"am Samstag": ("DATE", "2014-03-15")})
    events = extract_events(doc)
    assert [(e.type, e.status) for e in events] == [("Protests", "current")]  # the home is planned, not the protest
    assert events[0].date is not None and events[0].date.value == "2014-03-08"
    assert events[0].place is not None and events[0].place.name == "Dresden"


def test_a_planned_protest_stays_planned() -> None:
    doc = make_doc("Die NPD hat für Samstag eine geplante Kundgebung in Dresden angemeldet.", "2014-03-05",
                   times={"Samstag": ("DATE", "2014-03-08")})
    assert [e.status for e in extract_events(doc)] == ["future"]


@pytest.mark.parametrize(("expr", "value", "day"), [
    ("Montagabend", "2014-12-08", "2014-12-01"),  # the publication day's weekday is that day
    ("am Montag", "2014-12-08", "2014-12-01"),
    ("kommenden Montag", "2014-12-08", "2014-12-08"),  # next week's, said so
    ("Dienstag", "2014-12-09", "2014-12-09"),
])
def test_weekday_of_the_publication_day(expr: str, value: str, day: str) -> None:
    resolved = timex_date(value, None, expr, date(2014, 12, 1))
    assert resolved is not None and resolved[1].isoformat() == day


@pytest.mark.parametrize(("text", "events"), [
    ("Die NPD hielt in Dresden zwei Versammlungen unter dem Motto „Nein zum Heim“ ab.", 1),
    ("Die Versammlung der Aktionäre in Dresden wählte einen neuen Vorstand.", 0),
    ("Etwa 90 Neonazis beteiligten sich in Dresden an einem Fackelmarsch gegen die Unterkunft.", 1),
])
def test_assemblies_are_protests_only_with_a_protest_word(text: str, events: int) -> None:
    found = extract_events(make_doc(text))
    assert len(found) == events
    assert all(e.type == "Protests" for e in found)


def test_place_named_elsewhere_in_the_paragraph() -> None:
    text = ("Unbekannte haben in der Nacht ein Wohnheim in Brand gesteckt, in dem 40 Flüchtlinge wohnen. "
            "Die Kriminalpolizei geht von Brandstiftung aus. Die Polizei in Dresden bittet um Hinweise.")
    events = extract_events(make_doc(text))
    assert len(events) == 1 and events[0].type == "Violence against civilians"
    assert events[0].place is not None and (events[0].place.name, events[0].place.precision) == ("Dresden", 2)


def test_dateline_only_when_nothing_else_is_named() -> None:
    text = "Kairo. Am Montag demonstrierten Tausende gegen die Regierung."
    events = extract_events(make_doc(text, dateline="Kairo"))
    assert events[0].place is not None and events[0].place.name == "Kairo"
    text = "Kairo. Am Montag demonstrierten Tausende in Aleppo gegen die Regierung."
    events = extract_events(make_doc(text, dateline="Kairo"))
    assert events[0].place is not None and events[0].place.name == "Aleppo"


def test_generic_report_before_a_specific_one_of_another_type_is_its_own_event() -> None:
    text = ("Die Armee begann am Montag eine Offensive auf Idlib. "
            "Zuvor hatte die Luftwaffe Ziele in Idlib bombardiert.")
    events = extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert [e.type for e in events] == ["Battles", "Explosions/Remote violence"]



# --- rules that read the parse ----------------------------------------------------------------------


def make_parsed_doc(text: str, published: str = "2024-03-12", **kwargs: object) -> Document:
    """:func:`make_doc` with the parse stage's lazily parsed sentences on ``doc.syntax``."""
    from lagebild.nlp.syntax import make_parse

    doc = make_doc(text, published, **kwargs)  # type: ignore[arg-type]
    return make_parse()(doc)


def _current(events: list) -> list:  # type: ignore[type-arg]
    return [e for e in events if e.status == "current"]


def test_actors_of_a_passive_come_from_the_von_agent_and_the_subject() -> None:
    text = "Drei Soldaten wurden am Montag in Aleppo von Rebellen getötet."
    events = extract_events(make_parsed_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("Rebels (Syria)", "Military Forces of Syria")


def test_actors_of_an_active_verb_come_from_subject_and_object() -> None:
    text = "Soldaten töteten am Montag in Aleppo zwei Rebellen."
    events = extract_events(make_parsed_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("Military Forces of Syria", "Rebels (Syria)")


@pytest.mark.parametrize("reaction", [
    "Die Regierung verurteilte den Anschlag scharf.",
    "Aufgrund des vermutlich terroristischen Anschlags wurde die Metro geschlossen.",
    "Ein Reporter befand sich nahe der Explosion.",
])
def test_a_reaction_or_definite_reference_is_the_event_told_before(reaction: str) -> None:
    text = "Bei einem Bombenanschlag in Bagdad wurden am Montag zwölf Menschen getötet. " + reaction
    events = extract_events(make_parsed_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.name == "Bagdad"


@pytest.mark.parametrize(("text", "current"), [
    ("Die Botschaft warnte am Montag vor Anschlägen in Kairo.", 0),
    ("Die Oppositionsgruppen haben für Mittwoch eine Kundgebung in Kairo angekündigt.", 0),
    ("Die Armee stellte die Luftangriffe auf Idlib am Montag ein.", 0),
    ("Am Samstag wurde in Kairo eine Kundgebung von Regierungsgegnern gewaltsam beendet.", 1),
    ("Der getötete Soldat stammte aus Aleppo.", 0),
    ("Der Schüler sah sich in Dresden Videos von Massakern an.", 0),
    ("Ein Waffenstillstand für Idlib wird erst im Sommer erreicht werden.", 0),
    ("Ein Angriff auf Idlib stehe unmittelbar bevor, sagte der Sprecher.", 0),
])
def test_what_the_governing_verb_and_the_verb_complex_say(text: str, current: int) -> None:
    assert len(_current(extract_events(make_parsed_doc(text)))) == current


def test_a_weekday_in_a_reported_past_clause_is_the_one_before_publication() -> None:
    text = "Am Freitag sollen 100 Personen eine Polizeistation in Aleppo angegriffen haben."
    doc = make_parsed_doc(text, published="2024-03-10", times={"Am Freitag": ("DATE", "2024-03-15")})
    events = extract_events(doc)
    assert len(events) == 1 and events[0].status == "current"
    assert events[0].date is not None and events[0].date.value == "2024-03-08"


def test_a_town_the_gazetteer_does_not_know_is_the_event_place_by_its_name() -> None:
    from lagebild.model import Entity

    text = ("Die Busse warteten in der Provinz Aleppo. "
            "Ein Selbstmordattentäter tötete bei einem Anschlag in Raschidin am Sonntag 20 Menschen.")
    doc = make_doc(text)
    start = text.index("Raschidin")
    doc.entities.append(Entity("t1", start, start + len("Raschidin"), "Raschidin", "LOC"))
    events = extract_events(doc)
    assert len(events) == 1
    place = events[0].place
    assert place is not None and (place.text, place.country, place.precision) == ("Raschidin", "SY", 2)


def test_the_town_before_its_region_is_the_event_place() -> None:
    text = "Am Freitag griffen 100 Personen eine Polizeistation in Hotan im Südosten von Xinjiang an."
    doc = make_doc(text, times={"Am Freitag": ("DATE", "2024-03-08")})
    for name, feature, lat, lon in (("Hotan", "city", 37.1, 79.9), ("Xinjiang", "region", 41.0, 85.0)):
        start = text.index(name)
        doc.places.append(Place("t1", start, start + len(name), name, name, "CN", lat, lon, feature, 1))  # type: ignore[arg-type]
    doc.places.sort(key=lambda p: p.start)
    events = extract_events(doc)
    assert events[0].place is not None and events[0].place.name == "Hotan"


def test_a_place_across_a_border_is_no_event_place() -> None:
    text = "Die Luftwaffe bombardierte am Montag Tunnel in Idlib. Dabei wurden Depots an der Grenze zu Aleppo bombardiert."
    events = extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert {e.place.name for e in events if e.place is not None} == {"Idlib"}


def test_the_country_of_the_article_places_an_event_in_the_land() -> None:
    text = "Die Armee rückte auf Aleppo vor. Im Südosten des Landes griffen Rebellen am Montag einen Militärposten an."
    events = [e for e in extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")})) if "Südosten" in e.text]
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.country, events[0].place.precision) == ("SY", 3)


def test_a_generic_report_with_a_back_reference_adverb_is_the_event_told_before() -> None:
    text = ("Bei einem bewaffneten Angriff auf das Konsulat in Bagdad wurden am Montag Geiseln genommen.\n\n"
            "Dabei seien vier Polizisten getötet worden.")
    events = extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert len(events) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Am fünften Tag nach dem Ausbruch der Kämpfe bombardierte die Luftwaffe Ziele in Idlib.",
     [("Explosions/Remote violence", "Air/drone strike")]),
    ("Israelische Kampfflugzeuge setzten am Montag ihre Angriffe auf Ziele in Idlib fort.",
     [("Explosions/Remote violence", "Air/drone strike")]),
    ("Ein Ende der Kämpfe in Idlib ist vorerst ungewiss.", []),
    ("Bei einem Amoklauf in einer Schule in Dresden wurden am Montag drei Menschen getötet.",
     [("Violence against civilians", "Attack")]),
    ("Bei einer Schießerei in einem Gymnasium in Dresden wurden am Montag vier Schüler verletzt.",
     [("Violence against civilians", "Attack")]),
    ("Am Montag hatten Soldaten den Präsidentenpalast in Kairo gestürmt.", [("Battles", "Armed clash")]),
    ("Ein mit Messern bewaffneter Mob griff am Montag eine Polizeistation in Aleppo an.", [("Riots", "Mob violence")]),
])
def test_anchors_aircraft_rampages_storming_and_mobs(text: str, expected: list[tuple[str, str]]) -> None:
    times = {e: ("DATE", "2024-03-11") for e in ("am Montag", "Am Montag") if e in text}
    events = extract_events(make_doc(text, times=times))
    assert [(e.type, e.sub_type) for e in events] == expected


def test_a_name_after_a_settlement_noun_is_the_event_place() -> None:
    text = ("Am Mittwoch griff ein mit Messern bewaffneter Mob in der Großgemeinde Lukeqin "
            "in der Nähe von Aleppo eine Polizeistation an.")
    events = extract_events(make_doc(text, times={"Am Mittwoch": ("DATE", "2024-03-06")}))
    assert len(events) == 1 and events[0].place is not None
    assert (events[0].place.text, events[0].place.country) == ("Lukeqin", "SY")


def test_a_place_that_speaks_is_no_event_place() -> None:
    text = ("Am Montag wurden in Mossul 22 Soldaten getötet. "
            "Die Soldaten seien in Fahrzeugen transportiert worden, als sie beschossen wurden, sagt Bagdad.")
    events = extract_events(make_parsed_doc(text, times={"Am Montag": ("DATE", "2024-03-11")}))
    assert {e.place.name for e in events if e.place is not None} == {"Mossul"}


def test_a_definite_report_of_the_same_day_is_the_event_told_before() -> None:
    text = ("Bei Unruhen in Aleppo wurden am Mittwoch 35 Menschen getötet. "
            "Die Unruhen sind am Mittwochmorgen ausgebrochen.")
    times = {"am Mittwoch": ("DATE", "2024-03-06"), "am Mittwochmorgen": ("TIME", "2024-03-06TMO")}
    events = extract_events(make_doc(text, times=times))
    assert len(events) == 1 and events[0].place is not None and events[0].place.name == "Aleppo"


def test_a_planning_adjective_of_another_noun_makes_no_plot() -> None:
    text = "Sudanesische Soldaten sind am Samstag in Aleppo nahe der geplanten künftigen Grenze einmarschiert."
    events = extract_events(make_doc(text, times={"am Samstag": ("DATE", "2024-03-09")}))
    assert [(e.type, e.status) for e in events] == [("Battles", "current")]


def test_a_part_told_after_darunter_is_the_event_told_before() -> None:
    text = ("Bei einem Amoklauf in Dresden wurden am Montag acht Menschen getötet. "
            "Drei weitere wurden verletzt, darunter in einem Schusswechsel ein Polizist.")
    events = extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert [(e.type, e.sub_type) for e in events] == [("Violence against civilians", "Attack")]


def test_a_sentence_that_elaborates_an_event_names_its_place() -> None:
    text = ("Die Armee meldete am Montag neue Kämpfe. Rebellen haben Stellungen mit Mörsergranaten beschossen. "
            "Dabei wurden Häuser in Homs getroffen.")
    events = [e for e in extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
              if e.trigger is not None and e.trigger.text == "beschossen"]
    assert len(events) == 1 and events[0].place is not None and events[0].place.name == "Homs"


def test_an_additive_adverb_adds_another_incident() -> None:
    text = ("Bei einem Bombenanschlag in Bagdad wurden am Montag zwölf Menschen getötet.\n\n"
            "Außerdem wurden am Montag in Mossul drei Soldaten getötet.")
    events = extract_events(make_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert {e.place.name for e in events if e.place is not None} == {"Bagdad", "Mossul"}


def test_a_definite_report_with_a_place_of_its_own_is_another_event() -> None:
    text = ("Bei einem Bombenanschlag in Bagdad wurden zwölf Menschen getötet. "
            "Auch bei dem Bombenanschlag in Mossul starben Menschen.")
    events = extract_events(make_parsed_doc(text))
    assert {e.place.name for e in events if e.place is not None} == {"Bagdad", "Mossul"}
