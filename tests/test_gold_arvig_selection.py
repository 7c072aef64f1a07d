"""The hand-labelled ARVIG blind sets: well-formed, resolvable, and exactly the documented selections.

Reads the gold and the shared ARVIG corpus only; the analysis pipeline is never run on these texts
(the set stays blind until it is measured as counts).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lagebild.evaluate.gold import load_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind3.gold.json"
GOLD_B = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind3b.gold.json"
GOLD_D = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind5.gold.json"
DATA = ROOT.parent / "shared" / "data"
CORPUS = DATA / "events_arvig" / "arvig_2014_2015.jsonl"

FIGURE_CATEGORIES = {"killed", "injured", "executed", "arrested", "abducted", "displaced", "evacuated", "missing",
                     "trapped", "attackers", "other_people"}
APPROX = {"exact", "at_least", "more_than", "at_most", "about", "range"}
EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}

needs_data = pytest.mark.skipif(not CORPUS.is_file(), reason="the shared ARVIG corpus is not present")


def _selector() -> ModuleType:
    spec = importlib.util.spec_from_file_location("select_arvig_gold", ROOT / "scripts" / "select_arvig_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_gold_names_sixty_2015_records_by_reference(gold: dict) -> None:
    assert gold["format"] == "lagebild-gold/1"
    assert "committed before lagebild was ever run on them" in gold["about"]
    entries = gold["documents"]
    assert len(entries) == 60
    assert len({e["id"] for e in entries}) == 60
    for entry in entries:
        assert entry["corpus"] == "events_arvig/arvig_2014_2015.jsonl"
        assert entry["published"].startswith("2015-")
        assert "text" not in entry  # records are named, never copied


@needs_data
@pytest.mark.parametrize(
    ("name", "count"),
    [("blind3", 60), ("blind3b", 50), ("blind4", 50), ("blind5", 50), ("blind6", 50), ("blind7", 50),
     ("blind8", 50)],
)
def test_every_label_is_a_substring_of_its_report(name: str, count: int) -> None:
    documents = load_gold(ROOT / "tests" / "data" / "gold" / f"arvig_reports.{name}.gold.json", data=DATA)
    assert len(documents) == count
    for doc in documents:
        assert doc.published == doc.gold["published"]
        for figure in doc.gold["figures"]:
            assert figure["text"] in doc.text, (doc.name, figure["text"])
        for event in doc.gold["events"]:
            assert event["evidence"] in doc.text, (doc.name, event["evidence"])


def _check_figure_values(figures: list[dict]) -> None:
    for figure in figures:
        assert figure["category"] in FIGURE_CATEGORIES, figure
        assert figure["approx"] in APPROX, figure
        low, high = figure["low"], figure["high"]
        assert low is not None or high is not None, figure
        if low is not None and high is not None:
            assert low <= high, figure
        if figure["approx"] in ("at_least", "more_than"):
            assert high is None, figure
        if figure["approx"] == "at_most":
            assert low is None, figure
        if figure["approx"] == "range":
            assert low is not None and high is not None and low < high, figure
        if figure["approx"] == "exact":
            assert low == high, figure
        if figure["category"] == "other_people":
            assert figure.get("optional") is True, figure


def _check_events(documents: list[dict]) -> None:
    for doc in documents:
        assert doc["events"], doc["id"]  # every report tells at least one incident
        for event in doc["events"]:
            assert event["sub_type"] in EVENT_TYPES[event["type"]], event
            assert event["place"], event
            if event["date"] is not None:
                assert event["date"].startswith("2015-"), event


def test_figure_values_are_consistent(gold: dict) -> None:
    figures = [f for d in gold["documents"] for f in d["figures"]]
    assert sum(not f.get("optional") for f in figures) >= 20
    _check_figure_values(figures)


def test_events_are_acled_types_with_a_place(gold: dict) -> None:
    events = [e for d in gold["documents"] for e in d["events"]]
    assert sum(not e.get("optional") for e in events) >= 60
    _check_events(gold["documents"])


@needs_data
def test_selection_rule_gives_exactly_the_gold_documents(gold: dict) -> None:
    selector = _selector()
    chosen = selector.select(DATA)
    assert chosen == [{"corpus": d["corpus"], "id": d["id"], "published": d["published"]} for d in gold["documents"]]
    assert selector.check(chosen, GOLD) == 0


@needs_data
def test_selection_skips_government_answers_and_other_years() -> None:
    selector = _selector()
    kept = selector.kept_records(DATA)
    assert kept and all(str(r["date"]).startswith("2015") for r in kept)
    assert not any(selector.GOVERNMENT_ANSWER.search(str(r["text"])) for r in kept)


@pytest.mark.parametrize(("text", "cued"), [  # invented sentences
    ("Unbekannte beschmieren eine Unterkunft.", False),
    ("Drei Männer greifen einen Asylbewerber an.", True),
    ("Etwa 40 Menschen demonstrieren vor dem Rathaus.", True),
    ("Ein Mann wird leicht verletzt.", True),
    ("Die Polizei hat einen Tatverdächtigen festgenommen.", True),
    ("In Leipzig wird gegen das Heim demonstriert.", False),  # "zig" inside a town name is no number
])
def test_figure_cue(text: str, cued: bool) -> None:
    assert _selector().has_figure_cue(text) is cued


def test_category_shares_add_up_and_give_every_category_one() -> None:
    from collections import Counter

    shares = _selector().category_shares(Counter({"a": 90, "b": 9, "c": 1}), 10)
    assert sum(shares.values()) == 10
    assert shares["c"] >= 1 and shares["a"] > shares["b"]


# The second draw (blind3b): reports with casualty and arrest counts.

@pytest.fixture(scope="module")
def gold_b() -> dict:
    return json.loads(GOLD_B.read_text(encoding="utf-8"))


def test_second_draw_names_fifty_other_2015_records_by_reference(gold: dict, gold_b: dict) -> None:
    assert gold_b["format"] == "lagebild-gold/1"
    assert "committed before lagebild was ever run on them" in gold_b["about"]
    assert "seed 20261208" in gold_b["about"]
    entries = gold_b["documents"]
    assert len(entries) == 50
    assert len({e["id"] for e in entries}) == 50
    assert not {e["id"] for e in entries} & {e["id"] for e in gold["documents"]}
    for entry in entries:
        assert entry["corpus"] == "events_arvig/arvig_2014_2015.jsonl"
        assert entry["published"].startswith("2015-")
        assert "text" not in entry


def test_second_draw_has_casualty_and_arrest_figures(gold_b: dict) -> None:
    figures = [f for d in gold_b["documents"] for f in d["figures"]]
    _check_figure_values(figures)
    scored = [f for f in figures if not f.get("optional")]
    by_category = {c: sum(f["category"] == c for f in scored) for c in ("injured", "arrested", "attackers")}
    assert by_category["injured"] >= 40 and by_category["arrested"] >= 8 and by_category["attackers"] >= 25
    assert sum(1 for d in gold_b["documents"] if any(not f.get("optional") for f in d["figures"])) >= 45


@pytest.mark.parametrize(("record", "text", "low", "high", "approx", "category"), [
    ("arvig-00597", "sieben der Bewohner", 7, 7, "exact", "injured"),
    ("arvig-01126", "31 Beamte", 31, 31, "exact", "injured"),
    ("arvig-01126", "bis zu 600 Personen", None, 600, "at_most", "other_people"),
    ("arvig-01222", "etwa 35 Asylsuchende", 35, 35, "about", "injured"),
    ("arvig-01373", "Fünf bis sechs Männer", 5, 6, "range", "attackers"),
    ("arvig-01475", "Eine Mutter", 1, 1, "exact", "injured"),
    ("arvig-01889", "Drei Verdächtige", 3, 3, "exact", "arrested"),
])
def test_second_draw_values(gold_b: dict, record: str, text: str, low: int | None, high: int | None, approx: str,
                            category: str) -> None:
    doc = next(d for d in gold_b["documents"] if d["id"] == record)
    figure = next(f for f in doc["figures"] if f["text"] == text)
    assert (figure["low"], figure["high"], figure["approx"], figure["category"]) == (low, high, approx, category)


def test_second_draw_events_are_acled_types_with_a_place(gold_b: dict) -> None:
    events = [e for d in gold_b["documents"] for e in d["events"]]
    assert sum(not e.get("optional") for e in events) >= 50
    _check_events(gold_b["documents"])


@needs_data
def test_second_draw_selection_gives_exactly_the_gold_documents(gold: dict, gold_b: dict) -> None:
    selector = _selector()
    chosen = selector.select_b(DATA)
    assert chosen == [{"corpus": d["corpus"], "id": d["id"], "published": d["published"]} for d in gold_b["documents"]]
    assert selector.check(chosen, GOLD_B) == 0
    assert selector.check(selector.select(DATA), GOLD) == 0  # the first draw does not move
    texts = {r["id"]: str(r["text"]) for r in selector.kept_records(DATA)}
    assert all(selector.names_person_count(texts[d["id"]]) for d in chosen)


@pytest.mark.parametrize(("text", "named"), [  # invented sentences
    ("Ein Mann wird leicht verletzt.", True),
    ("Die Polizei hat zwei Tatverdächtige festgenommen.", True),
    ("Eine 25-Jährige wurde schwer verletzt.", True),
    ("Bei dem Angriff wurden 3 Bewohner verletzt.", True),
    ("Die beiden Opfer kamen ins Krankenhaus, sie waren verletzt.", True),
    ("Er wurde leicht verletzt.", False),  # a pronoun is no count
    ("Verletzt wurde niemand.", False),
    ("Ein Mann, der im Haus schlief, wurde nicht verletzt.", False),
    ("Drei Bewohner blieben unverletzt.", False),
    ("Die Polizei ermittelt gegen einen Mann wegen Körperverletzung.", False),
    ("Am 12. Mai gegen 0.30 Uhr wurde er verletzt.", False),  # a date and a clock time are no count
    ("Zwei Männer greifen eine Unterkunft an. Er wurde verletzt.", False),  # the count is in another sentence
])
def test_names_person_count(text: str, named: bool) -> None:
    assert _selector().names_person_count(text) is named


# The third draw (blind4): remaining person counts, then assaults, then all categories.

GOLD_C = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind4.gold.json"


@pytest.fixture(scope="module")
def gold_c() -> dict:
    return json.loads(GOLD_C.read_text(encoding="utf-8"))


def test_third_draw_names_fifty_other_2015_records_by_reference(gold: dict, gold_b: dict, gold_c: dict) -> None:
    assert gold_c["format"] == "lagebild-gold/1"
    assert "committed before lagebild was ever run on them" in gold_c["about"]
    assert "seed 20261209" in gold_c["about"]
    entries = gold_c["documents"]
    assert len(entries) == 50
    ids = [e["id"] for e in entries]
    assert ids == sorted(set(ids))
    assert not set(ids) & ({e["id"] for e in gold["documents"]} | {e["id"] for e in gold_b["documents"]})
    for entry in entries:
        assert entry["corpus"] == "events_arvig/arvig_2014_2015.jsonl"
        assert entry["published"].startswith("2015-")
        assert "text" not in entry


def test_third_draw_figures_by_category(gold_c: dict) -> None:
    figures = [f for d in gold_c["documents"] for f in d["figures"]]
    _check_figure_values(figures)
    scored = [f for f in figures if not f.get("optional")]
    by_category = {c: sum(f["category"] == c for f in scored) for c in ("injured", "arrested", "attackers")}
    assert by_category == {"injured": 28, "arrested": 10, "attackers": 27}
    assert len(scored) == 65
    assert sum(1 for d in gold_c["documents"] if any(not f.get("optional") for f in d["figures"])) == 37


@pytest.mark.parametrize(("record", "text", "low", "high", "approx", "category"), [
    ("arvig-00682", "zwei der fünf Syrer", 2, 2, "exact", "injured"),
    ("arvig-00974", "etwa dreißig Neonazis", 30, 30, "about", "attackers"),
    ("arvig-00992", "15 Menschen", 15, 15, "exact", "arrested"),
    ("arvig-00992", "bis zu 300 Personen", None, 300, "at_most", "other_people"),
    ("arvig-01176", "mehr als 30 weiteren Bewohner", 31, None, "more_than", "other_people"),
    ("arvig-01234", "Vier weitere Bewohner", 4, 4, "exact", "injured"),
    ("arvig-01634", "mehrere hundert Menschen", 200, None, "at_least", "other_people"),
    ("arvig-01989", "weniger als 20 Personen", None, 19, "at_most", "other_people"),
])
def test_third_draw_values(gold_c: dict, record: str, text: str, low: int | None, high: int | None, approx: str,
                           category: str) -> None:
    doc = next(d for d in gold_c["documents"] if d["id"] == record)
    figure = next(f for f in doc["figures"] if f["text"] == text)
    assert (figure["low"], figure["high"], figure["approx"], figure["category"]) == (low, high, approx, category)


def test_third_draw_events_are_acled_types_with_a_place(gold_c: dict) -> None:
    events = [e for d in gold_c["documents"] for e in d["events"]]
    scored = [e for e in events if not e.get("optional")]
    assert len(scored) == 55
    assert sum(e["type"] == "Violence against civilians" for e in scored) == 37
    assert sum(e["type"] == "Protests" for e in scored) == 8
    assert sum(e["type"] == "Riots" for e in scored) == 6
    _check_events(gold_c["documents"])


@needs_data
def test_third_draw_selection_gives_exactly_the_gold_documents(gold: dict, gold_b: dict, gold_c: dict) -> None:
    selector = _selector()
    order = selector.draw_order_c(DATA)
    chosen = selector.select_c(DATA)
    assert chosen == [{"corpus": d["corpus"], "id": d["id"], "published": d["published"]} for d in gold_c["documents"]]
    assert selector.check(chosen, GOLD_C) == 0
    assert selector.check(selector.select(DATA), GOLD) == 0  # the earlier draws do not move
    assert selector.check(selector.select_b(DATA), GOLD_B) == 0
    # Draw order: the records naming a person count first (by id), then assaults, then any category.
    named = [selector.names_person_count(str(r["text"]).strip()) for r in order]
    first_unnamed = named.index(False)
    assert all(named[:first_unnamed]) and not any(named[first_unnamed:])
    ids = [str(r["id"]) for r in order[:first_unnamed]]
    assert ids == sorted(ids)
    assaults = order[first_unnamed:first_unnamed + selector.ASSAULT_COUNT]
    assert all(r["category_de"] == selector.ASSAULT_CATEGORY for r in assaults)
    texts = [str(r["text"]).strip() for r in order]
    assert len(set(texts)) == len(texts)
    assert [d["id"] for d in selector.select_c(DATA, 10)] == sorted(str(r["id"]) for r in order[:10])


def test_fourth_draw_names_fifty_other_2015_records_by_reference(gold: dict, gold_b: dict, gold_c: dict) -> None:
    gold_d = json.loads(GOLD_D.read_text(encoding="utf-8"))
    assert gold_d["format"] == "lagebild-gold/1"
    assert "committed before lagebild was ever run on them" in gold_d["about"]
    assert "seed 20261210" in gold_d["about"]
    ids = [e["id"] for e in gold_d["documents"]]
    assert len(ids) == 50 and ids == sorted(set(ids))
    earlier = {e["id"] for g in (gold, gold_b, gold_c) for e in g["documents"]}
    assert not set(ids) & earlier
    for entry in gold_d["documents"]:
        assert entry["corpus"] == "events_arvig/arvig_2014_2015.jsonl"
        assert entry["published"].startswith("2015-")
        assert "text" not in entry
    _check_events(gold_d["documents"])


@needs_data
def test_fourth_draw_selection_gives_exactly_the_gold_documents() -> None:
    selector = _selector()
    assert selector.check(selector.select_d(DATA), GOLD_D) == 0
