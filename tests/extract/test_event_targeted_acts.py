"""Acts against a targeted group's home: fireworks set off at a shelter, a stone thrown at the building
"für Flüchtlinge", damage told on its own or as part of an attack already told. The sentences are
invented and run through the default pipeline."""

from __future__ import annotations

import pytest

from lagebild.model import Article
from lagebild.pipeline import default_pipeline


@pytest.fixture(scope="module")
def analyse():  # type: ignore[no-untyped-def]
    pipeline = default_pipeline()
    return lambda text: pipeline(Article(text=text, published="2015-06-04", id="t1"))


def current(doc):  # type: ignore[no-untyped-def]
    return [(e.type, e.sub_type) for e in doc.events if e.status == "current"]


@pytest.mark.parametrize(
    "text",
    [
        "In Gotha zündeten Unbekannte in der Nacht mehrere Böller vor der Asylunterkunft.",
        "Ein Mann hat in der Gothaer Asylbewerber-Unterkunft einen Böller in einem Flur explodieren lassen.",
        "In Gotha hat eine unbekannte Person einen Stein gegen ein Fenster der Unterkunft für Flüchtlinge geworfen.",
    ],
)
def test_fireworks_and_stones_at_a_shelter_are_an_attack(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert current(analyse(text)) == [("Violence against civilians", "Attack")]


def test_fireworks_without_a_target_are_no_event(analyse) -> None:  # type: ignore[no-untyped-def]
    assert current(analyse("In Gotha zündeten Jugendliche an Silvester mehrere Böller.")) == []


def test_damage_to_a_shelter_told_alone_is_property_destruction(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Unbekannte haben am Freitag in Gotha die Baustelle einer Flüchtlingsunterkunft beschädigt.")
    assert current(doc) == [("Strategic developments", "Looting/property destruction")]


def test_damage_done_by_an_attack_already_told_is_that_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Am Montagabend warf ein Mann in Gotha Steine auf eine Asylunterkunft. Dabei beschädigte er zwei Scheiben."
    )
    assert current(doc) == [("Violence against civilians", "Attack")]


def test_people_told_by_a_foreign_origin_are_a_targeted_group(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In einem Gothaer Supermarkt schlugen am Freitag drei Männer einen jungen Mann aus Somalia.")
    assert current(doc) == [("Violence against civilians", "Attack")]


def test_an_injury_told_first_and_its_attacker_next_is_an_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "In der Nacht wurde ein Asylbewerber in Gotha schwer verletzt. Die Täter sind noch auf der Flucht."
    )
    assert current(doc) == [("Violence against civilians", "Attack")]


def test_an_injury_in_an_accident_is_no_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In Gotha wurde ein Asylbewerber bei einem Verkehrsunfall schwer verletzt. Der Fahrer blieb unverletzt.")
    assert current(doc) == []


def test_a_shelter_that_burns_is_an_attack_told_once(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Unbekannte haben am Sonntag in Gotha eine Unterkunft für Flüchtlinge in Brand gesteckt. "
        "Der Dachstuhl brannte völlig aus."
    )
    assert current(doc) == [("Violence against civilians", "Attack")]
    alone = analyse("In Gotha hat in der Nacht eine Gemeinschaftsunterkunft für Flüchtlinge gebrannt.")
    assert current(alone) == [("Violence against civilians", "Attack")]


def test_an_incident_named_again_with_a_definite_article_is_the_one_told_before(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Bei einem Luftangriff auf ein Flüchtlingslager im Jemen sind am Mittwoch 80 Menschen getötet worden. "
        "Der Luftangriff steht im Zusammenhang mit dem Konflikt im Nordjemen."
    )
    assert current(doc) == [("Explosions/Remote violence", "Air/drone strike")]


@pytest.mark.parametrize(
    ("offence", "expected"),
    [
        ("einer Volksverhetzung", ("Strategic developments", "Other")),
        ("einer Sachbeschädigung", ("Strategic developments", "Looting/property destruction")),
        ("einer Körperverletzung", ("Violence against civilians", "Attack")),
    ],
)
def test_an_assault_on_a_shelter_is_what_it_came_to(analyse, offence: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(f"Laut Polizei kam es bei einem Übergriff auf eine Asylunterkunft in Gotha zu {offence}.")
    assert current(doc) == [expected]


def test_a_shelter_in_flames_is_an_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In der Nacht stand der Dachstuhl der Gemeinschaftsunterkunft in Gotha in Flammen.")
    assert current(doc) == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize(
    "text",
    [
        # flooding and destroying at a shelter are property destruction
        "Unbekannte haben in Gotha eine geplante Asylunterkunft unter Wasser gesetzt.",
        "Unbekannte zerstörten in Gotha zwei Scheiben einer Asylunterkunft.",
    ],
)
def test_flooding_and_destroying_at_a_shelter(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert current(analyse(text)) == [("Strategic developments", "Looting/property destruction")]


def test_a_shelter_set_on_fire_is_an_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Unbekannte setzten in Gotha eine Asylunterkunft in Brand.")
    assert current(doc) == [("Violence against civilians", "Attack")]


def test_destroying_arms_of_an_armed_side_is_no_property_destruction(analyse) -> None:  # type: ignore[no-untyped-def]
    assert current(analyse("Die Armee zerstörte drei Panzer der Rebellen.")) == []
