"""Event dates: a night named by the weekday after the publication day (invented time expressions)."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.extract.events.dates import night_of_publication, timex_date

FRIDAY = date(2014, 8, 8)


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        # the time stage read "Samstag" back to the Saturday before: the night began on the report's Friday
        ("2014-08-01TNI", "der Nacht auf Samstag", "2014-08-08"),
        ("2014-08-01TNI", "in der Nacht zum Samstag", "2014-08-08"),
        ("2014-08-01TNI", "Nacht zu Sonnabend", "2014-08-08"),
        # a night read forward to the report's own day stays
        ("2014-08-08TNI", "der Nacht zum Samstag", "2014-08-08"),
        # a night of the week before, named by its date, stays
        ("2014-08-01TNI", "der Nacht zum 2. August", "2014-08-01"),
        # a bare weekday is not a night
        ("2014-08-01", "Freitag", "2014-08-01"),
        # a night four days before is dated by the weekday it leads to, as a chronicle dates it
        ("2014-08-04TNI", "der Nacht zu Dienstag", "2014-08-05"),
    ],
)
def test_a_night_named_by_the_next_weekday(value: str, text: str, expected: str) -> None:
    resolved = timex_date(value, None, text, FRIDAY)
    assert resolved is not None
    event_date, day = resolved
    assert (event_date.value, day.isoformat(), event_date.precision) == (expected, expected, 1)


def test_without_a_publication_day_the_night_stays() -> None:
    assert night_of_publication("der Nacht auf Samstag", date(2014, 8, 1), None) == date(2014, 8, 1)


@pytest.mark.parametrize(
    ("value", "published", "expected"),
    [
        ("2015-W23-WE", date(2015, 6, 10), "2015-06-06"),  # last weekend: its Saturday
        ("2015-W24-WE", date(2015, 6, 14), "2015-06-13"),  # this weekend, published on its Sunday
    ],
)
def test_a_weekend_is_its_saturday(value: str, published: date, expected: str) -> None:
    resolved = timex_date(value, None, "am Wochenende", published)
    assert resolved is not None
    event_date, day = resolved
    assert (event_date.value, event_date.precision, day.isoformat()) == (expected, 2, expected)


def test_a_week_is_still_its_wednesday() -> None:
    resolved = timex_date("2015-W23", None, "vergangene Woche", date(2015, 6, 10))
    assert resolved is not None and resolved[0].value == "2015-06-03"
