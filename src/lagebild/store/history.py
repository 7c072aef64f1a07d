"""Claims over time: how the numbers reported for one combined event changed from report to report.

For each combined event and each figure kind (killed, injured, abducted …) the claims are listed in the
order the reports were published, each with its number, who claimed it, the article and the sentence
behind the number (offsets into the stored text). Read-only queries over the store's tables.

A figure belongs to an event when it stands in one of the event's source articles and, of the events
that article reports, this event's evidence is the nearest to the figure (by characters); the figures
the cross-article step counted as the event's fatalities always belong to it. A part of another figure
("18 Tote, darunter fünf Kinder") is no claim of its own: it is listed under the figure it is part of.

Example::

    from lagebild.store import Store
    from lagebild.store.history import story_history

    with Store.open("var/lagebild.sqlite") as store:
        history = story_history(store, "story-demo-a1")
        for series in history["events"][0]["series"]:
            print(series["category"], [(c["published"], c["low"], c["claimant"]) for c in series["claims"]])
        # killed [('2024-03-11', 12, 'die Syrische Beobachtungsstelle …'), ('2024-03-12', 18, …), …]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from lagebild.store.models import ArticleRow, EventRow, EventSourceRow, FactRow, StoryArticleRow, StoryRow

if TYPE_CHECKING:
    from lagebild.store import Store

CATEGORY_ORDER = ("killed", "injured", "missing", "abducted", "arrested", "displaced", "trapped", "executed")


@dataclass(frozen=True)
class Report:
    """What a claim needs to know about the article it stands in."""

    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    text: str
    sentences: tuple[tuple[int, int], ...]

    def sentence_of(self, start: int, index: int | None) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding ``start`` (the figure's own sentence index first)."""
        if index is not None and 0 <= index < len(self.sentences):
            begin, end = self.sentences[index]
            if begin <= start < end:
                return begin, end
        for begin, end in self.sentences:
            if begin <= start < end:
                return begin, end
        return None


def _reports(session: Any, doc_ids: Iterable[str]) -> dict[str, Report]:
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleRow.source, ArticleRow.url, ArticleRow.published,
               ArticleRow.text, ArticleRow.sentences).where(ArticleRow.id.in_(wanted))
    ).all()
    return {r.id: Report(r.id, r.title, r.source, r.url, r.published, r.text,
                         tuple((int(s[0]), int(s[1])) for s in (r.sentences or []))) for r in rows}


def _figures(session: Any, doc_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    wanted = sorted(set(doc_ids))
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if wanted:
        for doc_id, data in session.execute(
            select(FactRow.doc_id, FactRow.data).where(FactRow.kind == "figure", FactRow.doc_id.in_(wanted))
            .order_by(FactRow.doc_id, FactRow.position)
        ):
            by_doc[doc_id].append(dict(data, doc_id=doc_id))
    return by_doc


def _evidence_by_doc(session: Any, doc_ids: Iterable[str]) -> dict[str, list[tuple[str, int, int]]]:
    """For each article, the (event id, start, end) of every combined event it is a source of, except
    planned ones (a protest announced for Saturday has no casualties yet)."""
    wanted = sorted(set(doc_ids))
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    if wanted:
        for event_id, doc_id, start, end in session.execute(
            select(EventSourceRow.event_id, EventSourceRow.doc_id, EventSourceRow.start, EventSourceRow.end)
            .join(EventRow, EventRow.id == EventSourceRow.event_id)
            .where(EventSourceRow.doc_id.in_(wanted), EventRow.status != "future")
        ):
            spans[doc_id].append((event_id, int(start), int(end)))
    return spans


def _distance(position: int, start: int, end: int) -> int:
    return 0 if start <= position < end else min(abs(position - start), abs(position - end))


def _belongs(figure: dict[str, Any], event_id: str, evidence: list[tuple[str, int, int]]) -> bool:
    """True when ``event_id``'s evidence is the nearest one told before the figure (a toll refers to the
    event reported before it: "Bei der Demonstration … Die Opposition sprach von mehr als 30 Verletzten"),
    or, when no event is told before it, the nearest one after it."""
    if not evidence:
        return False
    position = int(figure["start"])
    before = [span for span in evidence if span[1] <= position]
    candidates = before or evidence
    nearest = min(candidates, key=lambda span: (_distance(position, span[1], span[2]), span[0] != event_id))
    return nearest[0] == event_id


def _claim(figure: dict[str, Any], report: Report | None, order: int) -> dict[str, Any]:
    claimant = figure.get("claimant") or None
    claim: dict[str, Any] = {
        "doc_id": figure["doc_id"], "order": order,
        "published": report.published if report else None, "source": report.source if report else None,
        "title": report.title if report else None, "url": report.url if report else None,
        "start": figure["start"], "end": figure["end"], "text": figure["text"],
        "low": figure.get("low"), "high": figure.get("high"), "approx": figure.get("approx"),
        "victims": figure.get("victims"), "place": figure.get("place"),
        "claimant": claimant.get("text") if claimant else None,
        "claimant_span": {"start": claimant["start"], "end": claimant["end"]} if claimant else None,
        "sentence": None, "parts": [],
    }
    if report is not None:
        sentence = report.sentence_of(int(figure["start"]), figure.get("sentence"))
        if sentence is not None:
            claim["sentence"] = {"start": sentence[0], "end": sentence[1], "text": report.text[sentence[0]:sentence[1]]}
    return claim


def _conservative(claim: Mapping[str, Any]) -> int | None:
    value = claim.get("low")
    return None if value is None else int(value)


def _change(previous: Mapping[str, Any] | None, claim: Mapping[str, Any]) -> str:
    """How a claim's conservative number compares with the one reported before it."""
    if previous is None:
        return "first"
    before, now = _conservative(previous), _conservative(claim)
    if before is None or now is None:
        return "unknown"
    return "up" if now > before else "down" if now < before else "same"


def claim_series(event: Mapping[str, Any], reports: Mapping[str, Report],
                 figures_by_doc: Mapping[str, list[dict[str, Any]]],
                 evidence_by_doc: Mapping[str, list[tuple[str, int, int]]],
                 article_order: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """The claims of one combined event (its stored JSON form), per figure kind, in report order.

    Each series: ``{category, claims, first, latest, low, high}``; each claim carries its article
    (``doc_id``, ``published``, ``source``, ``title``), number (``low``, ``high``, ``approx``), claimant,
    the figure's span and the sentence behind it, ``change`` against the claim before it (first, up,
    down, same) and its ``parts`` ("darunter fünf Kinder")."""
    event_id = str(event["id"])
    counted = {(f["doc_id"], int(f["start"])) for f in ((event.get("fatalities") or {}).get("figures") or [])}
    source_ids = list(dict.fromkeys(s["doc_id"] for s in event.get("sources") or []))
    order = article_order or {}
    chosen: list[dict[str, Any]] = []
    parts: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for doc_id in source_ids:
        for figure in figures_by_doc.get(doc_id, []):
            key = (doc_id, int(figure["start"]))
            if key not in counted and not _belongs(figure, event_id, evidence_by_doc.get(doc_id, [])):
                continue
            if figure.get("part_of") is not None:
                parts[(doc_id, int(figure["part_of"]))].append(
                    {"text": figure["text"], "start": figure["start"], "end": figure["end"], "low": figure.get("low"),
                     "high": figure.get("high"), "victims": figure.get("victims")})
            else:
                chosen.append(figure)

    def report_key(figure: dict[str, Any]) -> tuple[str, int, str, int]:
        report = reports.get(figure["doc_id"])
        published = (report.published if report else None) or "9999"
        return published, order.get(figure["doc_id"], len(order)), figure["doc_id"], int(figure["start"])

    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in sorted(chosen, key=report_key):
        by_category[str(figure.get("category") or "unknown")].append(figure)
    rank = {name: i for i, name in enumerate(CATEGORY_ORDER)}
    series = []
    for category in sorted(by_category, key=lambda c: (rank.get(c, len(rank)), c)):
        claims: list[dict[str, Any]] = []
        for number, figure in enumerate(by_category[category]):
            claim = _claim(figure, reports.get(figure["doc_id"]), number)
            claim["parts"] = parts.get((figure["doc_id"], int(figure["start"])), [])
            claim["change"] = _change(claims[-1] if claims else None, claim)
            claims.append(claim)
        lows = [c["low"] for c in claims if c["low"] is not None]
        highs = [c["high"] if c["high"] is not None else c["low"] for c in claims]
        present = [h for h in highs if h is not None]
        series.append({"category": category, "claims": claims, "first": _conservative(claims[0]),
                       "latest": _conservative(claims[-1]), "low": min(lows) if lows else None,
                       "high": max(present) if present else None,
                       "claimants": list(dict.fromkeys(c["claimant"] for c in claims if c["claimant"]))})
    return series


def histories(store: Store, events: Iterable[Mapping[str, Any]],
              article_order: Mapping[str, int] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Event id -> :func:`claim_series` for several events (stored JSON form), read in a few queries."""
    wanted = list(events)
    doc_ids = {s["doc_id"] for event in wanted for s in event.get("sources") or []}
    with store.session() as session:
        reports = _reports(session, doc_ids)
        figures = _figures(session, doc_ids)
        evidence = _evidence_by_doc(session, doc_ids)
    return {str(event["id"]): claim_series(event, reports, figures, evidence, article_order) for event in wanted}


def event_history(store: Store, event_id: str) -> dict[str, Any] | None:
    """One combined event's claims over time: ``{event_id, type, sub_type, place, date, series}``;
    None when there is no such event."""
    with store.session() as session:
        data = session.execute(select(EventRow.data).where(EventRow.id == event_id)).scalar_one_or_none()
    if data is None:
        return None
    return _event_summary(data, histories(store, [data])[str(data["id"])])


def _event_summary(data: Mapping[str, Any], series: list[dict[str, Any]]) -> dict[str, Any]:
    place = data.get("place") or {}
    return {"event_id": data["id"], "type": data.get("type"), "sub_type": data.get("sub_type"),
            "status": data.get("status"), "place": place.get("name") or place.get("text"),
            "date": (data.get("date") or {}).get("value"),
            "fatalities": {k: (data.get("fatalities") or {}).get(k) for k in ("low", "high")}
            if data.get("fatalities") else None, "series": series}


def story_history(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's articles in time order and, for each of its combined events, the claims over time;
    None when there is no such story."""
    with store.session() as session:
        story = session.get(StoryRow, story_id)
        if story is None:
            return None
        articles = [r._asdict() for r in session.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.source, ArticleRow.published, ArticleRow.url,
                   StoryArticleRow.position)
            .join(StoryArticleRow, StoryArticleRow.doc_id == ArticleRow.id)
            .where(StoryArticleRow.story_id == story_id)
        )]
        events = list(session.execute(
            select(EventRow.data).where(EventRow.story_id == story_id).order_by(EventRow.date_start, EventRow.position)
        ).scalars())
    articles.sort(key=lambda a: (a["published"] or "9999", a["position"], a["id"]))
    order = {a["id"]: i for i, a in enumerate(articles)}
    series = histories(store, events, order)
    return {"id": story.id, "keywords": story.keywords, "first_published": story.first_published,
            "last_published": story.last_published,
            "articles": [{k: v for k, v in a.items() if k != "position"} for a in articles],
            "events": [_event_summary(data, series[str(data["id"])]) for data in events]}


__all__ = ["Report", "claim_series", "event_history", "histories", "story_history"]
