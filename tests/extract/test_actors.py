"""Actors stage: dictionary actors, state forces by adjective, persons with role and affiliation.
All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.entities.actors import extract_actors, lexicon, role_of
from lagebild.lang import load_json
from lagebild.model import Article, Document, Entity
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))


def _doc(text: str) -> Document:
    """A Document with the layer's tokens and sentences, as the actors stage reads it."""
    return _TOKENS(Article(text))


def actors_of(text: str) -> list:
    return extract_actors(_doc(text))


def test_actor_data_is_well_formed() -> None:
    data = load_json("actors.json")
    assert "_about" in data
    ids = [a["id"] for a in data["actors"]]
    assert len(ids) == len(set(ids))
    for actor in data["actors"]:
        assert actor["names"], actor["id"]
        if actor["kind"] == "person":
            assert actor["inter"] is None
        else:
            assert actor["inter"] in range(1, 9), actor["id"]


@pytest.mark.parametrize("phrase", [
    "Die Assad-Truppen", "Die syrische Armee", "Der syrischen Armee", "Die Regimekräfte",
    "Die Pro-Assad-Kräfte", "Den Regimekräften",
])
def test_syrian_government_forces(phrase: str) -> None:
    found = actors_of(f"{phrase} rückten am Morgen weiter vor.")
    assert [(a.actor_id, a.inter, a.country) for a in found] == [("sy_gov_forces", 1, "SY")]


@pytest.mark.parametrize("phrase", ["Die Weißhelme", "Die Zivilschützer", "Die White Helmets"])
def test_civil_defence(phrase: str) -> None:
    found = actors_of(f"{phrase} bargen Verschüttete aus den Trümmern.")
    assert [a.name for a in found] == ["Syria Civil Defence"]


def test_person_with_role_and_affiliation() -> None:
    text = "Der russische UN-Botschafter Witali Tschurkin bestätigte die Einigung."
    (person,) = actors_of(text)
    assert person.text == "Witali Tschurkin"
    assert person.name == "Vitaly Churkin"
    assert person.kind == "person"
    assert person.role == "UN ambassador"
    assert person.affiliation == "Russia"
    assert person.country == "RU"


def test_unknown_person_gets_role_from_the_phrase() -> None:
    (person,) = actors_of("Der türkische Außenminister Ali Veli sagte am Montag, man prüfe den Vorschlag.")
    assert (person.text, person.actor_id, person.role, person.country) == ("Ali Veli", None, "foreign minister", "TR")


def test_spokesperson_of_an_organisation() -> None:
    found = actors_of("Das sagte der Sprecher der Weißhelme am Abend.")
    person = found[0]
    assert person.text == "Sprecher der Weißhelme"
    assert (person.role, person.affiliation) == ("spokesperson", "Syria Civil Defence")


def test_name_with_particle() -> None:
    (person,) = actors_of("Der UN-Syrien-Beauftragte Staffan de Mistura mahnte eine Waffenruhe an.")
    assert person.text == "Staffan de Mistura"
    assert person.role == "UN envoy for Syria"
    assert person.affiliation == "United Nations"


@pytest.mark.parametrize(("text", "actor_id", "name"), [
    ("Türkische Soldaten überquerten die Grenze.", "tr_forces", "Military Forces of Turkey"),
    ("Russische Jets warfen Flugblätter ab.", "ru_forces", "Military Forces of Russia"),
    ("Die tschadische Regierung wies die Vorwürfe zurück.", "td_government", "Government of Chad"),
])
def test_state_forces_by_adjective(text: str, actor_id: str, name: str) -> None:
    (actor,) = actors_of(text)
    assert (actor.actor_id, actor.name, actor.inter) == (actor_id, name, 1)


@pytest.mark.parametrize(("text", "actor_id", "inter"), [
    ("Kämpfer der Hisbollah griffen an.", "lb_hezbollah", 3),
    ("Die Terrormiliz IS bekannte sich zu dem Anschlag.", "is", 2),
    ("Das Internationale Komitee vom Roten Kreuz lieferte Hilfsgüter.", "icrc", 7),
    ("Das meldete die Nachrichtenagentur Reuters.", "reuters", 7),
    ("Der Sicherheitsrat tagte in New York.", "un_security_council", 8),
    ("Die Huthi-Rebellen beschossen ein Schiff.", "ye_houthis", 2),
])
def test_dictionary_actors(text: str, actor_id: str, inter: int) -> None:
    ids = [(a.actor_id, a.inter) for a in actors_of(text)]
    assert (actor_id, inter) in ids


def test_acronyms_need_capitals() -> None:
    assert actors_of("This is what he said, ap.") == []


def test_ner_persons_become_actors() -> None:
    text = "Am Abend sprach der Arzt Omar Haddad mit Reportern; Haddad berichtete von Verletzten."
    doc = _doc(text)
    start = text.index("Haddad;") if "Haddad;" in text else text.rindex("Haddad")
    doc.entities = [Entity(doc.id, start, start + 6, "Haddad", "PER")]
    found = extract_actors(doc)
    assert {a.text for a in found} == {"Omar Haddad", "Haddad"}
    assert any(a.role == "doctor" for a in found)


def test_role_of() -> None:
    assert role_of("Verteidigungsminister") == ("defence minister", None)
    assert role_of("UN-Botschafter") == ("UN ambassador", "United Nations")
    assert role_of("Machthabers") == ("ruler", None)
    assert role_of("Wetter") is None


def test_offsets_are_provenance() -> None:
    text = ("Die Assad-Truppen und der russische UN-Botschafter Witali Tschurkin; "
            "die Weißhelme, der Sprecher der Zivilschützer und türkische Soldaten.")
    doc = _doc(text)
    found = extract_actors(doc)
    assert len(found) == 5
    for actor in found:
        assert text[actor.start:actor.end] == actor.text
    assert lexicon().entries["sy_gov_forces"].inter == 1


def test_stage_runs_in_a_partial_pipeline() -> None:
    doc = Pipeline(stages=("tokens.v1", "actors.v1"))(Article("Die Taliban eroberten die Stadt."))
    assert [a.actor_id for a in doc.actors] == ["af_taliban"]
