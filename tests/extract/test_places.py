"""Places stage: gazetteer lookups, disambiguation, dateline, relative places. All texts are invented."""

from __future__ import annotations

import pytest

from lagebild.extract.places import extract_places
from lagebild.extract.places.gazetteer import default_gazetteer, fold
from lagebild.model import Article, Document, Entity
from lagebild.pipeline import Pipeline


def analysed(text: str, with_actors: bool = False) -> Document:
    """The document through the stages the places stage reads: tokens (and the actor dictionary)."""
    return Pipeline(stages=("tokens.v1", "actors.v1") if with_actors else ("tokens.v1",))(Article(text))


def places_of(text: str, with_actors: bool = True) -> tuple[list, object]:
    return extract_places(analysed(text, with_actors))


def by_text(places: list) -> dict:
    return {p.text: p for p in places}


def test_gazetteer_knows_german_names() -> None:
    gaz = default_gazetteer()
    assert gaz.resolve("Damaskus").name == "Damascus"
    assert gaz.resolve("Genf").country == "CH"
    assert gaz.resolve("Kairo").country == "EG"
    assert gaz.resolve("Grosny").country == "RU"
    assert gaz.resolve("Moskau").name == "Moscow"
    assert gaz.resolve("Syrien").feature == "country"
    assert gaz.resolve("USA").country == "US"


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("syrischen", "SY"),
        ("russische", "RU"),
        ("zentralsyrischen", "SY"),
        ("nordirakischen", "IQ"),
        ("US-amerikanische", "US"),
        ("türkischer", "TR"),
        ("ukrainisches", "UA"),
    ],
)
def test_adjective_country(word: str, country: str) -> None:
    assert default_gazetteer().adjective_country(word) == country


def test_fold_removes_case_and_accents() -> None:
    assert fold("Dārayyā") == "darayya"
    assert fold("KIEW") == fold("Kiew")


def test_dateline_with_two_places() -> None:
    text = (
        "Aleppo/Kairo. Die Regierungstruppen rückten in den Osten der Stadt vor, berichten Helfer aus Genf."
    )
    places, dateline = places_of(text)
    assert dateline is not None
    assert dateline.text == "Aleppo/Kairo"
    assert dateline.places == ("Aleppo", "Kairo")
    roles = {(p.text, p.role) for p in places}
    assert ("Kairo", "dateline") in roles and ("Aleppo", "dateline") in roles
    assert by_text(places)["Genf"].role == "mention"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "KIEW (dpa) - Bei nächtlichen Angriffen sind nach Behördenangaben drei Menschen verletzt worden.",
            "Kyiv",
            "UA",
        ),
        ("Kabul – Die neue Regierung hat am Morgen eine Ausgangssperre verhängt.", "Kabul", "AF"),
        ("Bamako (AFP) – Bewaffnete haben einen Konvoi überfallen.", "Bamako", "ML"),
    ],
)
def test_dateline_forms(text: str, name: str, country: str) -> None:
    places, dateline = places_of(text)
    assert dateline is not None
    first = places[0]
    assert (first.name, first.country, first.role) == (name, country, "dateline")


def test_no_dateline_in_an_ordinary_sentence() -> None:
    _, dateline = places_of("Berlin ist am Wochenende Schauplatz einer Friedensdemonstration gewesen.")
    assert dateline is None


def test_relative_place_keeps_the_place_with_precision_two() -> None:
    text = (
        "Der Angriff habe sich östlich von Hama ereignet, teilten Helfer in Syrien mit. "
        "Auch in Daraya nahe Damaskus wurde gekämpft."
    )
    found = by_text(places_of(text)[0])
    hama = found["Hama"]
    assert (hama.country, hama.precision, hama.relation) == ("SY", 2, "östlich von")
    damaskus = found["Damaskus"]
    assert (damaskus.precision, damaskus.relation) == (2, "nahe")
    assert found["Daraya"].precision == 1


def test_place_after_descriptor_with_relation() -> None:
    found = by_text(places_of("Nahe der zentralsyrischen Stadt Hama wurden Dörfer bombardiert.")[0])
    assert found["Hama"].country == "SY"
    assert found["Hama"].precision == 2


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        ("Kämpfe gab es auch in der Provinz Idlib im Nordwesten.", "Provinz Idlib", "SY"),
        ("Die Evakuierten können in die Region um Idlib gehen.", "Region um Idlib", "SY"),
    ],
)
def test_provinces_are_regions(text: str, span: str, country: str) -> None:
    found = by_text(places_of(text)[0])
    place = found[span]
    assert (place.feature, place.precision, place.country) == ("region", 3, country)


def test_country_context_decides_homonyms() -> None:
    text = "In Syrien gingen die Kämpfe weiter: Aus Homs und Hama wurden Angriffe gemeldet."
    found = by_text(places_of(text)[0])
    assert found["Homs"].country == "SY"
    assert found["Hama"].country == "SY"


def test_news_agency_sana_is_not_sanaa() -> None:
    text = "Das berichtete die staatliche syrische Nachrichtenagentur Sana am Abend aus Damaskus."
    found = by_text(places_of(text)[0])
    assert "Sana" not in found
    assert found["Damaskus"].country == "SY"


def test_genitive_and_country_names() -> None:
    text = "In der einstigen Wirtschaftsmetropole Syriens kamen Kämpfer aus dem Iran und dem Libanon an."
    found = by_text(places_of(text)[0])
    assert found["Syriens"].country == "SY"
    assert found["Syriens"].feature == "country" and found["Syriens"].precision == 3
    assert found["Iran"].country == "IR"
    assert found["Libanon"].country == "LB"


def test_acting_country_is_not_a_place() -> None:
    places, _ = places_of("Russland wollte die Stadt einnehmen. Hilfe kam aus Russland.")
    assert [p.start for p in places] == [places[0].start]
    assert places[0].start > 10


def test_adjectives_are_not_places() -> None:
    places, _ = places_of("Syrische und russische Einheiten rückten vor.")
    assert places == []


def test_compass_compounds() -> None:
    found = by_text(places_of("Im Nordsyrien-Konflikt und in Nordsyrien gab es Gefechte.")[0])
    assert found["Nordsyrien"].country == "SY"
    assert found["Nordsyrien"].feature == "region"


def test_common_word_needs_evidence() -> None:
    """'Wahl' is a place in GeoNames and an ordinary German noun: a LOC entity makes it a place."""
    text = "Nach der Wahl kam es zu Protesten."
    assert places_of(text)[0] == []
    doc = analysed(text)
    start = text.index("Wahl")
    doc.entities = [Entity(doc.id, start, start + 4, "Wahl", "LOC")]
    places, _ = extract_places(doc)
    assert [p.text for p in places] == ["Wahl"]


def test_person_names_are_not_places() -> None:
    text = "Der Sprecher Rupert Colville sagte in Genf, Colville habe Berichte erhalten."
    found = by_text(places_of(text)[0])
    assert "Colville" not in found
    assert found["Genf"].name == "Geneva"


def test_offsets_are_provenance() -> None:
    text = "Aleppo/Kairo. Östlich von Hama und in der Provinz Idlib, nahe Damaskus, in Syriens Norden."
    doc = analysed(text)
    places, dateline = extract_places(doc)
    assert places
    for place in places:
        assert text[place.start : place.end] == place.text
        assert place.doc_id == doc.id
    assert dateline is not None and text[dateline.start : dateline.end] == dateline.text


def test_stage_runs_in_a_partial_pipeline() -> None:
    doc = Pipeline(stages=("tokens.v1", "places.v1"))(Article("Gefechte wurden aus Mossul gemeldet."))
    assert [(p.name, p.country) for p in doc.places] == [("Mosul", "IQ")]
