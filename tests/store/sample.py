"""Invented articles (written for these tests, not real reports) with facts built by hand, and the
combined events and story a cross-article step would find in them. Offsets are computed from the text,
so every fact's text is ``article.text[start:end]``."""

from __future__ import annotations

import re

from lagebild.model import (
    Article,
    CombinedEvent,
    Conflict,
    Dateline,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    EventSource,
    Fatalities,
    Figure,
    Mention,
    Place,
    Quote,
    Story,
    TimeExpression,
)
from lagebild.store import CombineResult

PIPELINE = "lagebild 0.1.0: tokens.v1 > places.v1 > times.v1 > quotes.v1 > figures.v1 > events.v1"

TEXT_A = (
    "ALEPPO (dpa) - Bei Luftangriffen auf den Osten Aleppos sind am Montag nach Angaben der Syrischen "
    "Beobachtungsstelle für Menschenrechte mindestens 45 Zivilisten getötet worden. Die syrische Regierung "
    "sprach dagegen von 12 Toten. „Die Lage ist katastrophal“, sagte ein Sprecher des Roten Kreuzes."
)
TEXT_B = (
    "Damaskus – Nach dem Luftangriff auf Aleppo am Montag meldeten Aktivisten 50 Tote. "
    "Russland bestritt jede Beteiligung an dem Angriff."
)
TEXT_C = (
    "<script>alert('xss')</script><img src=x onerror=\"alert(1)\"> Bei Gefechten in Mossul wurden "
    "am 5. Januar drei irakische Soldaten verletzt."
)


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.“])\s+", text):
        spans.append((start, match.start()))
        start = match.end()
    return [*spans, (start, len(text))]


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def mention(text: str, needle: str) -> Mention:
    start, end = span(text, needle)
    return Mention(start, end, needle)


def _article_a() -> Document:
    text = TEXT_A
    article = Article(text=text, id="beispiel-a", source="Beispielzeitung", title="Luftangriffe auf Aleppo",
                      published="2016-12-13", url="https://example.org/a")
    doc = Document(article=article, pipeline=PIPELINE, sentences=sentences(text))
    doc.dateline = Dateline(article.id, 0, 6, "ALEPPO", ("Aleppo",))
    doc.entities = [Entity(article.id, *span(text, "Syrischen Beobachtungsstelle für Menschenrechte"),
                           "Syrischen Beobachtungsstelle für Menschenrechte", "ORG")]
    doc.places = [
        Place(article.id, 0, 6, "ALEPPO", "Aleppo", "SY", 36.2, 37.16, "city", 1, "dateline"),
        Place(article.id, *span(text, "Aleppos"), "Aleppos", "Aleppo", "SY", 36.2, 37.16, "city", 1, "event"),
    ]
    doc.times = [TimeExpression(article.id, *span(text, "am Montag"), "am Montag", "DATE", "2016-12-12",
                                anchor="2016-12-13")]
    claimant_sohr = mention(text, "Syrischen Beobachtungsstelle für Menschenrechte")
    claimant_gov = mention(text, "Die syrische Regierung")
    high = Figure(article.id, *span(text, "mindestens 45 Zivilisten"), "mindestens 45 Zivilisten", 45, None,
                  "at_least", "killed", claimant_sohr, victims="civilians", place="Aleppo", sentence=0)
    low = Figure(article.id, *span(text, "12 Toten"), "12 Toten", 12, 12, "exact", "killed", claimant_gov,
                 place="Aleppo", sentence=1)
    doc.figures = [high, low]
    doc.conflicts = [Conflict(article.id, "killed", "Aleppo", (high, low))]
    doc.quotes = [Quote(article.id, *span(text, "Die Lage ist katastrophal"), "Die Lage ist katastrophal",
                        "direct", mention(text, "ein Sprecher des Roten Kreuzes"), mention(text, "sagte"))]
    evidence = (text.index("Bei Luftangriffen"), text.index("getötet worden.") + len("getötet worden."))
    doc.events = [Event(article.id, *evidence, text[evidence[0]:evidence[1]], "Explosions/Remote violence",
                        "Air/drone strike", trigger=mention(text, "Luftangriffen"),
                        place=EventPlace("Aleppos", "Aleppo", "SY", 36.2, 37.16, 1, *span(text, "Aleppos")),
                        date=EventDate("2016-12-12", 1, mention(text, "am Montag")),
                        fatalities=Fatalities(12, 45, (high, low)))]
    return doc


def _article_b() -> Document:
    text = TEXT_B
    article = Article(text=text, id="beispiel-b", source="Musterblatt", title="Aktivisten: 50 Tote in Aleppo",
                      published="2016-12-14")
    doc = Document(article=article, pipeline=PIPELINE, sentences=sentences(text))
    doc.places = [Place(article.id, *span(text, "Aleppo"), "Aleppo", "Aleppo", "SY", 36.2, 37.16, "city", 1, "event")]
    figure = Figure(article.id, *span(text, "50 Tote"), "50 Tote", 50, 50, "exact", "killed",
                    mention(text, "Aktivisten"), place="Aleppo", sentence=0)
    doc.figures = [figure]
    start, end = span(text, "Nach dem Luftangriff auf Aleppo am Montag meldeten Aktivisten 50 Tote.")
    doc.events = [Event(article.id, start, end, text[start:end], "Explosions/Remote violence", "Air/drone strike",
                        place=EventPlace("Aleppo", "Aleppo", "SY", 36.2, 37.16, 1),
                        date=EventDate("2016-12-12", 1), fatalities=Fatalities(50, 50, (figure,)))]
    return doc


def _article_c() -> Document:
    text = TEXT_C
    article = Article(text=text, id="beispiel-c", source="<b>Feindselig</b>", title="<i>Mossul</i>",
                      published="2017-01-06")
    doc = Document(article=article, pipeline=PIPELINE, sentences=sentences(text))
    doc.places = [Place(article.id, *span(text, "Mossul"), "Mossul", "Mosul", "IQ", 36.34, 43.13, "city", 1, "event")]
    figure = Figure(article.id, *span(text, "drei irakische Soldaten"), "drei irakische Soldaten", 3, 3, "exact",
                    "injured", None, victims="soldiers", place="Mosul")
    doc.figures = [figure]
    start, end = span(text, "Bei Gefechten in Mossul")
    doc.events = [Event(article.id, start, end, text[start:end], "Battles", "Armed clash",
                        place=EventPlace("Mossul", "Mosul", "IQ", 36.34, 43.13, 1),
                        date=EventDate("2017-01-05", 1), actors=(mention(text, "irakische Soldaten"),),
                        actor1="Military Forces of Iraq")]
    return doc


def sample_documents() -> list[Document]:
    return [_article_a(), _article_b(), _article_c()]


def sample_combined(documents: list[Document] | None = None) -> CombineResult:
    docs = {d.id: d for d in (documents or sample_documents())}
    a, b, c = docs["beispiel-a"], docs["beispiel-b"], docs["beispiel-c"]
    ea, eb, ec = a.events[0], b.events[0], c.events[0]
    figures = (*a.figures, *b.figures)
    aleppo = CombinedEvent(
        id="ev-aleppo", type=ea.type, sub_type=ea.sub_type, status="current", place=ea.place, date=ea.date,
        actors=("Military Forces of Syria", "Civilians (Syria)"), fatalities=Fatalities(12, 50, figures),
        sources=(EventSource(a.id, ea.start, ea.end, ea.text, a.article.published, a.article.source, a.article.url),
                 EventSource(b.id, eb.start, eb.end, eb.text, b.article.published, b.article.source)),
        story_id="story-aleppo",
    )
    mosul = CombinedEvent(
        id="ev-mosul", type=ec.type, sub_type=ec.sub_type, status="current", place=ec.place, date=ec.date,
        actors=("Military Forces of Iraq",), fatalities=None,
        sources=(EventSource(c.id, ec.start, ec.end, ec.text, c.article.published, c.article.source),),
    )
    story = Story("story-aleppo", (a.id, b.id), ("aleppo", "luftangriff"), "2016-12-13", "2016-12-14")
    return CombineResult(stories=(story,), events=(aleppo, mosul), duplicates=())
