"""The gold scorer on hand-made predictions: matching by span overlap, attributes, optional items."""

from __future__ import annotations

from lagebild.evaluate.gold import Score, _figure_right, _match_spans, haversine_km, score_places

# Invented example text.
TEXT = "Laut Polizei starben 12 Menschen in Mossul. Aktivisten sprechen von 20 Toten. Am Montag war es ruhig."


def span(needle: str, **extra: object) -> dict[str, object]:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle, **extra}


def test_figures_found_and_right() -> None:
    gold = [
        {"text": "12 Menschen", "low": 12, "high": 12, "approx": "exact", "category": "killed", "source": "Polizei"},
        {"text": "20 Toten", "low": 20, "high": 20, "approx": "exact", "category": "killed", "source": "Aktivisten"},
    ]
    predicted = [
        span("12 Menschen", low=12, high=12, approx="exact", category="killed", claimant=span("Polizei")),
        span("20", low=20, high=20, approx="exact", category="injured", claimant=span("Aktivisten")),
        span("Montag", low=1, high=1, approx="exact", category="other_people", claimant=None),
    ]
    score = Score("figures")
    _match_spans(TEXT, predicted, gold, score, "figure", "text", _figure_right)
    assert (score.gold, score.predicted, score.found, score.right) == (2, 3, 2, 1)
    assert any("category 'injured', gold 'killed'" in m for m in score.misses)
    assert any("not in gold: 'Montag'" in m for m in score.misses)
    p, r, f = score.right_prf
    assert (round(p, 3), r) == (0.333, 0.5)


def test_optional_gold_is_neither_miss_nor_false_alarm() -> None:
    gold = [{"text": "Am Montag", "value": "2024-05-06", "optional": True}]
    score = Score("times")
    _match_spans(TEXT, [span("Am Montag", value="2024-05-06")], gold, score, "time", "text", lambda p, g: None)
    assert (score.gold, score.predicted, score.found) == (0, 0, 0)
    score = Score("times")
    _match_spans(TEXT, [], gold, score, "time", "text", lambda p, g: None)
    assert score.misses == []


def test_places_by_distance_and_country() -> None:
    gold = [
        {"text": "Mossul", "name": "Mosul", "country": "IQ", "lat": 36.34, "lon": 43.13},
        {"text": "Irak", "name": "Iraq", "country": "IQ", "feature": "country"},
    ]
    text = "Mossul liegt im Irak."
    predicted = [
        {"start": 0, "end": 6, "text": "Mossul", "lat": 36.33, "lon": 43.12, "country": "IQ", "role": "mention"},
        {"start": 16, "end": 20, "text": "Irak", "lat": None, "lon": None, "country": "IQ", "role": "mention"},
    ]
    score = Score("places")
    score_places(text, predicted, gold, score)
    assert (score.found, score.right) == (2, 2)
    far = [dict(predicted[0], lat=33.3, lon=44.4)]  # Baghdad, ~350 km away
    score = Score("places")
    score_places(text, far, gold[:1], score)
    assert (score.found, score.right) == (1, 0)


def test_haversine() -> None:
    assert abs(haversine_km(36.2021, 37.1343, 33.5138, 36.2765) - 310) < 15  # Aleppo–Damascus


def test_events_match_by_place_named_in_the_text_and_by_type_where_it_is_not() -> None:
    from lagebild.evaluate.gold import score_events

    # invented chronicle entry: the text never names the town the entry is filed under
    text = "Unbekannte werfen einen Stein in ein Flüchtlingsheim. In Mossul starben 12 Menschen."
    attack = {"type": "Violence against civilians", "sub_type": "Attack", "status": "current",
              "text": "werfen", "place": None, "date": None}
    elsewhere = {"type": "Battles", "sub_type": "Armed clash", "status": "current",
                 "text": "starben", "place": {"text": "Bagdad", "name": "Bagdad"}, "date": None}
    doc = {"text": text, "events": [attack, elsewhere]}
    gold = [
        {"type": "Violence against civilians", "sub_type": "Attack", "place": "Heidenau"},  # not in the text
        {"type": "Battles", "sub_type": "Armed clash", "place": "Mossul"},  # in the text: place must agree
    ]
    score = Score("events")
    score_events(doc, gold, "2015-08-22", score)
    assert (score.gold, score.found, score.right, score.predicted) == (2, 1, 1, 2)
    assert any("event not found: Battles / Armed clash at Mossul" in m for m in score.misses)
