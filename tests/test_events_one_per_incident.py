"""One event per incident, and only current ones: later reports of an incident with no time and no place
of their own join it, participles used as nouns and headings name no incident, an incident dated long
before publication or told in a past frame is background. Invented German sentences."""

from __future__ import annotations

from lagebild.extract.events import extract_events
from tests.extract.test_events import make_doc, make_parsed_doc


def _current(text: str, **kwargs: object) -> list[tuple[str, str, str | None]]:
    events = extract_events(make_parsed_doc(text, **kwargs))  # type: ignore[arg-type]
    return [(e.type, e.sub_type, e.place.name if e.place else None) for e in events if e.status == "current"]


def test_a_report_with_no_time_and_no_place_of_its_own_goes_on_telling_the_incident() -> None:
    text = ("Bei einem Selbstmordanschlag in Bagdad wurden am Montag zwölf Menschen getötet. "
            "Zuerst habe der Attentäter dort Handgranaten geworfen.")
    events = _current(text, times={"am Montag": ("DATE", "2024-03-11")})
    assert events == [("Explosions/Remote violence", "Suicide bomb", "Bagdad")]


def test_an_additive_word_keeps_a_report_apart() -> None:
    text = ("Bei einem Selbstmordanschlag in Bagdad wurden am Montag zwölf Menschen getötet. "
            "Später wurden dort erneut Handgranaten geworfen.")
    events = _current(text, times={"am Montag": ("DATE", "2024-03-11")})
    assert [sub_type for _, sub_type, _ in events] == ["Suicide bomb", "Grenade"]


def test_a_participle_used_as_a_noun_names_people_not_an_incident() -> None:
    text = ("In Bagdad wurden am Montag zwei Ingenieure entführt. "
            "Die beiden Entführten arbeiten in Dresden.")
    events = _current(text, times={"am Montag": ("DATE", "2024-03-11")})
    assert events == [("Violence against civilians", "Abduction/forced disappearance", "Bagdad")]


def test_a_heading_names_the_incident_its_paragraph_tells() -> None:
    text = ("Die Ermittler legen eine Liste vor.\n\nBombenanschlag in Bagdad\n\n"
            "Am Montag wurden in Mossul drei Soldaten bei einem Bombenanschlag getötet.")
    events = _current(text, times={"Am Montag": ("DATE", "2024-03-11")})
    assert [place for *_, place in events] == ["Mossul"]


def test_an_incident_two_months_before_publication_is_background() -> None:
    text = "Am 3. Januar wurden in Aleppo bei einem Bombenanschlag zwölf Menschen getötet."
    doc = make_doc(text, "2024-03-12", times={"Am 3. Januar": ("DATE", "2024-01-03")})
    assert [e.status for e in extract_events(doc)] == ["historical"]
    recent = make_doc(text, "2024-01-20", times={"Am 3. Januar": ("DATE", "2024-01-03")})
    assert [e.status for e in extract_events(recent)] == ["current"]


def test_a_clause_told_in_the_frame_of_an_old_time_is_background() -> None:
    text = "Seit 2003, als Rebellen die Stadt Aleppo erobert hatten, herrscht dort relative Ruhe."
    doc = make_parsed_doc(text, "2008-09-05", times={"Seit 2003": ("DATE", "2003")})
    assert [e.status for e in extract_events(doc)] == ["historical"]


def test_violence_by_the_protesters_makes_their_protest_a_riot() -> None:
    text = ("Am Montag demonstrierten in Kairo 300 Menschen gegen die Regierung. "
            "Am Montag wurden dort von Demonstranten Handgranaten geworfen.")
    events = _current(text, times={"Am Montag": ("DATE", "2024-03-11")})
    assert events == [("Riots", "Violent demonstration", "Kairo")]


def test_the_leads_summary_at_a_region_is_the_incident_at_its_town() -> None:
    from dataclasses import replace

    from lagebild.extract.events.merge import merge_within
    from lagebild.model import EventDate, EventPlace

    text = "Bei einem Bombenanschlag in Syrien wurden am Montag zwölf Menschen getötet."
    times = {"am Montag": ("DATE", "2024-03-11")}
    (event,) = extract_events(make_doc(text, times=times))
    region = replace(event, place=EventPlace("Syrien", "Syria", "SY", 35.0, 38.0, 3), date=EventDate("2024-03-11", 1))
    town = replace(region, place=EventPlace("Aleppo", "Aleppo", "SY", 36.2, 37.13, 1, admin1="09"))
    merged = merge_within([(region, 0, False, 5), (town, 1, False, 5)])
    assert [e.place.name for e in merged if e.place] == ["Aleppo"]
    other_day = replace(town, date=EventDate("2024-03-10", 1))
    assert len(merge_within([(region, 0, False, 5), (other_day, 1, False, 5)])) == 2


def test_dabei_refers_to_what_was_told_before_not_after() -> None:
    from lagebild.extract.events import lexicon
    from lagebild.extract.events.scope import refine

    lists = dict(lexicon().lists)
    raids = "am sonntag begannen die sicherheitskräfte mit razzien in der stadt."
    arrests = "dabei wurden junge männer verhaftet."
    after = "auch freigelassene demonstranten wurden inhaftiert."
    near = "\n" + " ".join((raids, arrests, after))
    assert refine(lists, "Strategic developments", "Arrests", False, "verhaftet", arrests, arrests, near) == (
        "Strategic developments", "Arrests")
    march = "am samstag demonstrierten tausende in der stadt."
    near = "\n" + " ".join((march, arrests, after))
    assert refine(lists, "Strategic developments", "Arrests", False, "verhaftet", arrests, arrests, near) == (
        "Protests", "Protest with intervention")


def test_what_the_authorities_take_an_incident_for_is_no_second_incident() -> None:
    text = ("Am Montag explodierte in Bagdad eine Autobombe vor einer Kaserne. "
            "Die Behörden in Mossul gehen von einem Selbstmordanschlag aus.")
    events = _current(text, times={"Am Montag": ("DATE", "2024-03-11")})
    assert events == [("Explosions/Remote violence", "Remote explosive/landmine/IED", "Bagdad")]


def test_an_incident_named_by_its_place_that_the_article_does_not_tell_is_background() -> None:
    text = ("In Kairo wurden am Samstag drei Männer festgenommen. "
            "Sie sollen Helfer der Attentäter des Bombenanschlags von Bagdad sein.")
    events = extract_events(make_parsed_doc(text, times={"am Samstag": ("DATE", "2024-03-09")}))
    assert [(e.type, e.status) for e in events if e.type != "Strategic developments"] == [
        ("Explosions/Remote violence", "historical")]


def test_state_forces_storming_a_protest_camp_is_excessive_force() -> None:
    text = "Das Protestcamp wurde am Freitagmorgen von über tausend Polizisten in Kairo gestürmt."
    events = _current(text, times={"am Freitagmorgen": ("TIME", "2024-03-08TMO")})
    assert events == [("Protests", "Excessive force against protesters", "Kairo")]


def test_arrests_over_the_running_year_are_a_tally() -> None:
    text = "Im ablaufenden Jahr wurden in Kairo 263 Journalisten von den Behörden festgenommen."
    assert _current(text) == []


def test_a_sentence_after_one_told_with_damals_goes_on_telling_the_past() -> None:
    text = ("In Kairo wurde am Montag ein Anführer der Rebellen festgenommen. "
            "Seine Gruppe lebte damals in Aleppo. Von dort aus wurden zwei Touristen nach Mossul verschleppt.")
    events = extract_events(make_parsed_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    statuses = {e.sub_type: e.status for e in events}
    assert statuses["Abduction/forced disappearance"] == "historical"
    assert statuses["Arrests"] == "current"


def test_an_attributive_historical_adjective_does_not_make_the_past() -> None:
    text = ("In Dresden demonstrierten am Montag 300 Menschen vor einem einstigen Krankenhaus. "
            "Nach einer Kundgebung zogen sie durch die Stadt, um gegen die Regierung zu protestieren.")
    events = extract_events(make_parsed_doc(text, times={"am Montag": ("DATE", "2024-03-11")}))
    assert [e.status for e in events if e.trigger and e.trigger.text == "Kundgebung"] == ["current"]
