"""Streaming story clustering: same-story articles join, unrelated ones and old ones do not."""

from __future__ import annotations

from lagebild.combine.stories import StoryClusterer, cluster_stories
from lagebild.model import Article, Document


def doc(doc_id: str, text: str, published: str, title: str | None = None) -> Document:
    return Document(article=Article(text=text, id=doc_id, published=published, title=title))


QUAKE = ("Nach dem Erdbeben in der Bergregion suchen Rettungskräfte weiter nach Verschütteten. "
         "Die Behörden meldeten zahlreiche eingestürzte Häuser, Notunterkünfte wurden errichtet.")
QUAKE2 = ("Rettungskräfte haben nach dem Erdbeben in der Bergregion weitere Verschüttete geborgen. "
          "Viele Häuser sind eingestürzt, tausende Menschen schlafen in Notunterkünften.")
ELECTION = ("Bei der Parlamentswahl hat die Regierungspartei deutlich verloren. Die Wahlbeteiligung lag "
            "bei knapp sechzig Prozent, die Opposition feierte ihren Sieg in der Hauptstadt.")
ELECTION2 = ("Nach der Parlamentswahl beginnt die Opposition Gespräche über eine Regierungsbildung. "
             "Die bisherige Regierungspartei räumte ihre Niederlage bei der Wahl ein.")


def test_same_story_joins_and_other_story_does_not() -> None:
    stories, assignment = cluster_stories([
        doc("q1", QUAKE, "2024-03-11", "Erdbeben in der Bergregion"),
        doc("e1", ELECTION, "2024-03-11", "Regierungspartei verliert Parlamentswahl"),
        doc("q2", QUAKE2, "2024-03-12", "Weitere Verschüttete nach Erdbeben geborgen"),
        doc("e2", ELECTION2, "2024-03-12", "Opposition sucht Partner nach Parlamentswahl"),
    ])
    assert assignment["q1"] == assignment["q2"]
    assert assignment["e1"] == assignment["e2"]
    assert assignment["q1"] != assignment["e1"]
    assert sorted(s.doc_ids for s in stories) == [("e1", "e2"), ("q1", "q2")]
    quake = next(s for s in stories if "q1" in s.doc_ids)
    assert (quake.first_published, quake.last_published) == ("2024-03-11", "2024-03-12")


def test_old_clusters_close_and_memory_stays_bounded() -> None:
    clusterer = StoryClusterer(live_days=3, max_live=2)
    clusterer.add(doc("q1", QUAKE, "2024-03-01"))
    late = clusterer.add(doc("q2", QUAKE2, "2024-03-20"))  # the quake story closed meanwhile
    assert late == "story-q2"
    closed = list(clusterer.closed())
    assert [s.doc_ids for s in closed] == [("q1",)]
    clusterer.add(doc("e1", ELECTION, "2024-03-20"))
    clusterer.add(doc("x1", "Ein ganz anderes Thema über Fußball und Meisterschaften im Sommer.", "2024-03-20"))
    assert clusterer.live_count <= 2


def test_deterministic() -> None:
    docs = [doc("q1", QUAKE, "2024-03-11"), doc("e1", ELECTION, "2024-03-11"), doc("q2", QUAKE2, "2024-03-12")]
    assert cluster_stories(docs)[1] == cluster_stories(docs)[1]


def test_light_stems_meet_across_inflection() -> None:
    from lagebild.combine.stories import stem

    assert stem("Sudans") == stem("Sudan") == "sudan"
    assert stem("Angriffen") == stem("Angriff") == "angriff"
    assert stem("Tote") == "tote"  # four letters stay
    assert len(stem("Waffenruhevereinbarung")) == 7


def test_entity_terms_leave_out_the_dateline_and_count_provinces_and_event_types() -> None:
    from lagebild.combine.stories import entity_terms
    from lagebild.pipeline import analyze

    text = ("Beirut (dpa) - Bei einem Luftangriff auf einen Markt in Ariha in der Provinz Idlib sind "
            "mindestens zwölf Menschen getötet worden.")  # invented
    terms = entity_terms(analyze(Article(text=text, id="x", published="2024-03-11")))
    assert "beirut" not in terms
    assert any(t.startswith("admin1:sy.") for t in terms)
    assert "event:air/drone strike" in terms
