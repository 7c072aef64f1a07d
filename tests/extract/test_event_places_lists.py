"""Event places: several coordinated towns, a place that only locates another, a country refined to its
town, where people come from, and a namesake told apart by its river. Every sentence is invented and runs
through the default pipeline with the shipped gazetteer."""

from __future__ import annotations

import pytest

from lagebild.model import Article
from lagebild.pipeline import default_pipeline


@pytest.fixture(scope="module")
def analyse():  # type: ignore[no-untyped-def]
    pipeline = default_pipeline()
    return lambda text: pipeline(Article(text=text, published="2015-06-04", id="t1"))


def current(doc):  # type: ignore[no-untyped-def]
    return [e for e in doc.events if e.status == "current"]


def test_coordinated_towns_give_one_event_each(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag hielt die Partei Kundgebungen in Gotha, Jena und Weimar ab.")
    assert sorted(e.place.name for e in current(doc) if e.place) == ["Gotha", "Jena", "Weimar"]
    assert {e.type for e in current(doc)} == {"Protests"}


def test_a_town_named_alone_gives_one_event(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag demonstrierten in Jena rund 300 Menschen gegen die Partei.")
    assert [e.place.name for e in current(doc) if e.place] == ["Jena"]


def test_a_place_that_locates_another_is_not_the_event_place(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In Samarra, einer Stadt nördlich von Bagdad, explodierte am Montag eine Autobombe.")
    assert [e.place.text for e in current(doc) if e.place] == ["Samarra"]


def test_a_country_is_refined_to_the_town_the_article_names(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("Bei einem Bombenanschlag auf einen Bus in Russland sind am Morgen sechs Menschen getötet worden. "
            "Ermittler aus Moskau sollen auf dem Weg nach Samara sein. In Samara wurde Trauer angeordnet.")
    doc = analyse(text)
    assert [e.place.name for e in current(doc) if e.place][:1] == ["Samara"]


def test_where_a_victim_comes_from_is_not_the_article_country(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("Die Zahl der Übergriffe in Deutschland steigt. Am Sonntagabend wurde ein Asylbewerber aus Marokko "
            "von mehreren Unbekannten zusammengeschlagen.")
    assert [e.place.country for e in current(analyse(text)) if e.place] == ["DE"]


@pytest.mark.parametrize("written", ["Frankfurt (Oder)", "Frankfurt/Oder", "Frankfurt Oder"])
def test_a_river_tells_namesakes_apart(analyse, written: str) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(f"In {written} demonstrierten am Samstag 200 Menschen.")
    assert [(p.text, p.name) for p in doc.places] == [(written, "Frankfurt (Oder)")]


def test_a_word_after_a_name_that_tells_no_namesake_apart_stays_out(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In Frankfurt Polizisten zu sehen ist selten.")
    assert [(p.text, p.name) for p in doc.places] == [("Frankfurt", "Frankfurt am Main")]


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("In einem Bamberger Supermarkt schlugen am Freitag drei Männer einen Flüchtling.", "Bamberg"),
        ("Am Sonntag zündete ein Mann in der Reutlinger Asylbewerber-Unterkunft einen Böller.", "Reutlingen"),
        ("Auf ein Wohnhaus in der Merseburger Lindenstraße wurde ein Brandanschlag verübt.", "Merseburg"),
    ],
)
def test_a_building_or_street_after_a_town_adjective_is_in_the_town(  # type: ignore[no-untyped-def]
    analyse, sentence: str, town: str
) -> None:
    assert town in [p.name for p in analyse(sentence).places]


def test_a_street_named_after_another_town_is_not_that_town(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In der Leipziger Straße in Gotha wurde am Abend ein Mann geschlagen.")
    assert "Leipzig" not in [p.name for p in doc.places]


def test_a_town_of_a_region_is_a_place_whatever_the_ner_says(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Abend warf ein Mann im sächsischen Niesky Steine auf eine Asylunterkunft.")
    assert "Niesky" in [p.name for p in doc.places]


def test_a_part_written_after_its_town_is_placed_with_it(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In Dresden Gorbitz wurde am Freitag ein Asylsuchender von zwei Männern geschubst und getreten.")
    assert [e.place.text for e in current(doc) if e.place] == ["Dresden Gorbitz"]


def test_where_the_injured_were_treated_is_not_the_event_place(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("In Gotha wurden am Freitag zwei Asylsuchende von Unbekannten angegriffen. Sie wurden im Erfurter "
            "Krankenhaus behandelt, nachdem sie angegriffen worden waren.")
    assert {e.place.name for e in current(analyse(text)) if e.place} == {"Gotha"}


def test_a_market_after_a_town_adjective_places_the_event_in_the_town(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag wurde ein Geflüchteter am Gothaer Weihnachtsmarkt von zwei Unbekannten geschlagen.")
    assert [e.place.name for e in current(doc) if e.place] == ["Gotha"]


def test_a_later_generic_report_of_the_same_day_is_the_same_incident(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("In Gotha sind am Samstag zwei Asylsuchende von etwa zehn Jugendlichen angegriffen worden. "
            "Die Polizei sprach zunächst von einem Streit. Die Asylsuchenden sagten, sie seien unvermittelt "
            "angegriffen worden.")
    assert len([e for e in current(analyse(text)) if e.type == "Violence against civilians"]) == 1


def test_only_where_people_come_from_gives_no_country(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Sonntagabend wurde ein Asylbewerber aus Marokko von mehreren Unbekannten zusammengeschlagen.")
    assert all(e.place is None for e in current(doc))


def test_a_province_named_is_not_refined_to_a_town(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("In der Provinz Idlib wurde am Montag ein Militärhubschrauber abgeschossen. In Aleppo und in Aleppo "
            "gingen die Kämpfe weiter.")
    events = [e for e in current(analyse(text)) if "abgeschossen" in e.text]
    assert [e.place.text for e in events if e.place] == ["Provinz Idlib"]


def test_all_over_a_land_is_not_the_event_place(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("Etwa 100 Personen haben am Montagabend in Gotha randaliert. Der Mob versammelte sich, nachdem "
            "bekannt wurde, dass Asylsuchende in ganz Thüringen verteilt werden sollten.")
    assert {e.place.name for e in current(analyse(text)) if e.place} == {"Gotha"}


def test_a_list_of_origins_gives_no_event_per_town(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("In Madrid demonstrierten am Samstag 5.000 Menschen gegen die Sparpolitik. Aus Berlin und Frankfurt "
            "kämen zu strenge Weisungen, glauben viele.")
    assert [e.place.name for e in current(analyse(text)) if e.place] == ["Madrid"]


def test_several_towns_of_a_country_keep_the_country(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("Am Montag demonstrierten in mehreren Städten Thailands tausende Menschen gegen die Regierung. "
            "In Bangkok blieb es ruhig. In Bangkok wurde gefeiert.")
    assert [(e.place.name, e.place.precision) for e in current(analyse(text)) if e.place] == [("Thailand", 3)]


def test_a_district_named_after_its_town_adjective_is_part_of_the_place(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Freitag wurde im Kasseler Stadtteil Harleshausen ein Asylbewerber geschlagen.")
    assert [(p.text, p.name) for p in doc.places] == [("Kasseler Stadtteil Harleshausen", "Kassel")]


def test_a_town_adjective_before_its_market_is_the_town_not_a_namesake_of_the_adjective(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag zogen 300 Menschen zu einer Demonstration auf den Meißner Markt.")
    assert [p.name for p in doc.places] == ["Meissen"]


def test_a_hyphenated_town_written_with_a_space_is_that_town(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag gab es eine Kundgebung in Ottendorf Okrilla.")
    assert [(p.text, p.name) for p in doc.places] == [("Ottendorf Okrilla", "Ottendorf-Okrilla")]


def test_a_report_without_a_place_lies_at_the_town_of_the_police_authority(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Laut dem Polizeipräsidium Rostock wurde am Sonntagabend ein Asylbewerber von Unbekannten geschlagen.")
    assert [e.place.name for e in current(doc) if e.place] == ["Rostock"]
