"""Event precision on real German news: a deterministic sample of the events the pipeline finds in German
Wikinews, shown for checking by hand, and the score of the current pipeline against the hand verdicts.

German Wikinews (``../shared/data/news/wikinews_de.jsonl``, CC BY-NC-SA 4.0) is a mixed news stream
(politics, sport, science, crime, war): the events found in it show how much noise reaches an analyst.
It is for evaluation only: the label file holds no article text, only ``article id, start, end, verdict``
per event trigger, where the verdict is ``Type|Sub-type`` (ACLED's coding of the event the trigger
names, which may differ from the predicted one) or ``-`` for a trigger that names no ACLED event (an
accident, ordinary crime, a figurative or generic use, a football "Angriff").

**Sample.** Articles are ordered by a hash of their id; the sample is every event of the first
``n_articles`` articles that have one. The same corpus gives the same sample on every machine.

**Score.** A predicted event is judged when its trigger overlaps a labelled trigger. *Precision* is the
share of judged events that are ACLED events; *type* and *sub-type accuracy* the share of those with
ACLED's type and sub-type; *kept* the share of labelled events the pipeline still finds (what a stricter
filter costs). Predictions on unlabelled triggers are counted as *unjudged* (``--show`` lists them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.evaluate.wikinews_places import DEFAULT_NEWS, read_articles
from lagebild.model import Article, Document, Event

SAMPLE_SALT = "lagebild-events"
DEFAULT_LABELS = (
    Path("tests/data/wikinews_events.tsv"),
    Path("tests/data/wikinews_events_heldout.tsv"),
    Path("tests/data/wikinews_events_heldout2.tsv"),
    Path("tests/data/wikinews_events_heldout3.tsv"),
)


@dataclass(frozen=True)
class EventLabel:
    article_id: str
    start: int
    end: int
    type: str | None  # None: no ACLED event
    sub_type: str | None = None


@dataclass
class EventNewsScore:
    articles: int = 0
    labelled: int = 0
    labelled_events: int = 0
    judged: int = 0  # predicted events on labelled triggers
    right: int = 0  # … that are ACLED events
    right_type: int = 0
    right_sub_type: int = 0
    kept: int = 0  # labelled events still predicted
    unjudged: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "articles": self.articles,
            "labelled": self.labelled,
            "judged": self.judged,
            "precision": ratio(self.right, self.judged),
            "type_accuracy": ratio(self.right_type, self.right),
            "sub_type_accuracy": ratio(self.right_sub_type, self.right),
            "kept": ratio(self.kept, self.labelled_events),
            "unjudged": self.unjudged,
        }


def read_labels(path: Path) -> list[EventLabel]:
    """The verdicts: tab-separated ``article id, start, end, Type|Sub-type | -``; ``#`` comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the label file ({exc})") from exc
    labels: list[EventLabel] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        try:
            article_id, start, end, value = cells[0], int(cells[1]), int(cells[2]), cells[3].strip()
        except (IndexError, ValueError) as exc:
            raise InputError(
                f"{path}:{number}", f"expected 'id, start, end, Type|Sub-type | -' ({exc})"
            ) from exc
        if value == "-":
            labels.append(EventLabel(article_id, start, end, None))
        elif "|" in value:
            event_type, sub_type = value.split("|", 1)
            labels.append(EventLabel(article_id, start, end, event_type, sub_type))
        else:
            raise InputError(f"{path}:{number}", f"verdict {value!r} is neither 'Type|Sub-type' nor '-'")
    return labels


def _hash(article_id: str) -> str:
    return hashlib.sha1(f"{SAMPLE_SALT}:{article_id}".encode()).hexdigest()


def analyse(records: list[dict[str, Any]]) -> list[Document]:
    from lagebild.pipeline import Pipeline

    pipeline = Pipeline()
    return [
        pipeline(
            Article(
                r["text"], id=str(r["id"]), published=(r.get("date") or "")[:10] or None, title=r.get("title")
            )
        )
        for r in records
    ]


def _trigger(event: Event) -> tuple[int, int]:
    return (event.trigger.start, event.trigger.end) if event.trigger else (event.start, event.end)


def sample_events(
    articles: dict[str, dict[str, Any]], n_articles: int = 60, skip: int = 0
) -> list[tuple[Document, Event]]:
    """Every event of ``n_articles`` articles that have one, in hash order, after the first ``skip`` such
    articles (a second sample that does not overlap the first)."""
    from lagebild.pipeline import Pipeline

    pipeline = Pipeline()
    sample: list[tuple[Document, Event]] = []
    taken = 0
    for article_id in sorted(articles, key=_hash):
        if taken >= skip + n_articles:
            break
        r = articles[article_id]
        doc = pipeline(
            Article(
                r["text"], id=article_id, published=(r.get("date") or "")[:10] or None, title=r.get("title")
            )
        )
        if doc.events:
            taken += 1
            if taken > skip:
                sample += [(doc, event) for event in doc.events]
    return sample


def score_labels(
    articles: dict[str, dict[str, Any]], labels: list[EventLabel], n_articles: int = 60
) -> EventNewsScore:
    """The current pipeline against the verdicts, over the sampled articles."""
    by_article: dict[str, list[EventLabel]] = {}
    for label in labels:
        if label.article_id not in articles:
            raise InputError(label.article_id, "labelled article is not in the news file")
        by_article.setdefault(label.article_id, []).append(label)
    result = EventNewsScore(
        articles=len(by_article),
        labelled=len(labels),
        labelled_events=sum(label.type is not None for label in labels),
    )
    for doc in analyse([articles[article_id] for article_id in by_article]):
        found: set[int] = set()
        for event in doc.events:
            start, end = _trigger(event)
            hits = [
                i for i, label in enumerate(by_article[doc.id]) if label.start < end and start < label.end
            ]
            if not hits:
                result.unjudged += 1
                continue
            label = by_article[doc.id][hits[0]]
            result.judged += 1
            surface = doc.text[start:end]
            if label.type is None:
                result.errors.append(
                    f"{doc.id}:{start} {surface!r} is no event -> {event.type}|{event.sub_type}"
                )
                continue
            found.add(hits[0])
            result.right += 1
            result.right_type += event.type == label.type
            result.right_sub_type += event.type == label.type and event.sub_type == label.sub_type
            if event.type != label.type or event.sub_type != label.sub_type:
                result.errors.append(
                    f"{doc.id}:{start} {surface!r} {event.type}|{event.sub_type} "
                    f"should be {label.type}|{label.sub_type}"
                )
        result.kept += sum(1 for i in found if by_article[doc.id][i].type is not None)
        for i, label in enumerate(by_article[doc.id]):
            if label.type is not None and i not in found:
                result.errors.append(
                    f"{doc.id}:{label.start} {doc.text[label.start : label.end]!r} "
                    f"{label.type}|{label.sub_type} no longer found"
                )
    return result


@click.command("eval-events-news")
@click.option(
    "--news",
    "news_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_NEWS,
    show_default=True,
    help="German Wikinews JSONL (id, date, title, text).",
)
@click.option(
    "--labels",
    "labels_paths",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    default=DEFAULT_LABELS,
    show_default=True,
    help="Verdicts: article id, start, end, Type|Sub-type | - (no event); each file is scored apart.",
)
@click.option(
    "--show", is_flag=True, help="Print the deterministic sample of events instead, to check by hand."
)
@click.option(
    "--articles",
    "n_articles",
    type=int,
    default=60,
    show_default=True,
    help="With --show: articles with an event in the sample.",
)
@click.option(
    "--skip",
    type=int,
    default=0,
    show_default=True,
    help="With --show: articles with an event to pass over first.",
)
@click.option("--errors", type=int, default=0, help="Print up to N wrong events.")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
def eval_events_news(
    news_path: Path,
    labels_paths: tuple[Path, ...],
    show: bool,
    n_articles: int,
    skip: int,
    errors: int,
    as_json: bool,
) -> None:
    """Score event precision and typing on hand-judged events of German Wikinews.

    \b
    Example:
      lagebild eval-events-news --errors 20
        lagebild eval-events-news --show --articles 5     # the sample, to check by hand
    """
    articles = read_articles(news_path)
    if show:
        for doc, event in sample_events(articles, n_articles, skip):
            start, end = _trigger(event)
            s_start, s_end = next(
                ((s, e) for s, e in doc.sentences if s <= start < e), (event.start, event.end)
            )
            sentence = doc.text[s_start:s_end].replace("\n", " ")
            marked = (
                sentence[: start - s_start] + "[[" + doc.text[start:end] + "]]" + sentence[end - s_start :]
            )
            click.echo(f"{doc.id}\t{start}\t{end}\t{event.type}|{event.sub_type}\t{event.status}\t{marked}")
        return
    results = {path.stem: score_labels(articles, read_labels(path)) for path in labels_paths}
    if as_json:
        click.echo(json.dumps({name: result.as_dict() for name, result in results.items()}, indent=2))
        return
    for name, result in results.items():
        click.echo(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result.as_dict().items()))
        for line in result.errors[:errors]:
            click.echo(f"  {line}")
