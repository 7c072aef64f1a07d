"""Event dates: a time in a clause of telling dates the report, not what it reports (invented sentences)."""

from __future__ import annotations

import pytest

from lagebild.extract.events import extract_events
from lagebild.extract.events.dates import reporting_time
from lagebild.model import Article, Document, TimeExpression
from lagebild.pipeline import Pipeline

_TOKENS = Pipeline(stages=("tokens.v1",))


def _span(text: str, time: str) -> tuple[int, int]:
    start = text.index(time)
    return start, start + len(time)


@pytest.mark.parametrize(
    ("text", "time", "reporting"),
    [
        ("Wie die Polizei am Dienstag mitteilte, wurde ein Mann geschlagen.", "Dienstag", True),
        ("Ein Mann wurde geschlagen, teilte die Polizei am Samstag mit.", "Samstag", True),
        ("Am Montag sagte ein Sprecher, die Lage sei ruhig.", "Montag", True),
        ("Die Stadt gab am Freitag die Zahlen bekannt.", "Freitag", True),
        # the reported clause keeps its own time
        ("Die Polizei teilte mit, dass am Sonntag ein Mann geschlagen wurde.", "Sonntag", False),
        ("Am Montag wurde in der Stadt ein Mann geschlagen.", "Montag", False),
        # "teilte" without "mit" is no telling
        ("Am Montag teilte die Gruppe das Essen.", "Montag", False),
    ],
)
def test_a_time_in_a_clause_of_telling(text: str, time: str, reporting: bool) -> None:
    assert reporting_time(text, *_span(text, time)) is reporting


def _doc(text: str, times: dict[str, str], published: str) -> Document:
    doc = _TOKENS(Article(text=text, published=published, id="t1"))
    for expr, value in times.items():
        start, end = _span(text, expr)
        doc.times.append(TimeExpression("t1", start, end, expr, "DATE", value))  # type: ignore[arg-type]
    doc.times.sort(key=lambda t: t.start)
    return doc


def test_the_event_takes_its_own_day_not_the_day_of_the_report() -> None:
    text = (
        "Am Montag wurde ein Asylbewerber in der Stadt angegriffen. "
        "Wie die Polizei am Dienstag mitteilte, schlug ihn ein Unbekannter wegen seiner Hautfarbe."
    )
    doc = _doc(text, {"Montag": "2014-09-01", "Dienstag": "2014-09-02"}, "2014-09-02")
    events = extract_events(doc)
    assert events and all(e.date is not None and e.date.value == "2014-09-01" for e in events)
