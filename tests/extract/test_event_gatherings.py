"""A gathering of a political camp is a protest; one of people without a camp is none. The sentences are
invented and run through the default pipeline."""

from __future__ import annotations

import pytest

from lagebild.model import Article
from lagebild.pipeline import default_pipeline


@pytest.fixture(scope="module")
def analyse():  # type: ignore[no-untyped-def]
    pipeline = default_pipeline()
    return lambda text: pipeline(Article(text=text, published="2015-06-04", id="t1"))


def test_a_gathering_of_neo_nazis_before_a_shelter_is_a_protest(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Gegen Abend versammelt sich in Gotha eine Gruppe von zwölf Neonazis vor der Notunterkunft.")
    assert [(e.type, e.place.name if e.place else None) for e in doc.events if e.status == "current"] == [
        ("Protests", "Gotha")
    ]


def test_a_family_gathering_is_no_protest(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Sonntag versammelt sich in Gotha die ganze Familie zum Geburtstag der Großmutter.")
    assert [e for e in doc.events if e.status == "current"] == []


def test_a_crowd_following_a_call_to_demonstrate_held_the_protest(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstagabend folgten in Gotha rund 300 Menschen dem Demonstrationsaufruf eines Bündnisses.")
    assert [(e.type, e.place.name if e.place else None) for e in doc.events if e.status == "current"] == [
        ("Protests", "Gotha")
    ]


def test_following_any_other_call_is_no_protest(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Am Samstag folgten in Gotha viele Fans dem Aufruf des Trainers.")
    assert [e for e in doc.events if e.status == "current"] == []
