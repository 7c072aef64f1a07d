"""Place resolution on real German news: a deterministic sample of place mentions in German Wikinews,
shown for checking by hand, and the score of the current resolver against the hand labels.

German Wikinews (``../shared/data/news/wikinews_de.jsonl``, CC BY-NC-SA 4.0) is for evaluation only:
the label file holds no article text, only ``article id, start, end, label`` per mention, where the
label is a GeoNames id (``gn:2950159``), a point (``53.55,9.99``) for a place the gazetteer lacks, or
``-`` for a span that is no place (a person, a club, an organisation).

**Sample.** Articles are ordered by a hash of their id; from each, the mentions are the places the
pipeline finds (tokens, entities, actors, places) and the NER's LOC entities it does not resolve (so
that missed places are drawn too); up to ``per_article`` of them, again in hash order. The same corpus
gives the same sample on every machine.

**Score.** A labelled place is *found* when a predicted place overlaps it, *right* (acc@161) when that
place lies within 161 km of the label, *exact* when it has the labelled GeoNames id (or lies within
10 km of a labelled point). Mentions the resolver misses count as wrong. *Precision* is the share of
predicted places on labelled spans that are places.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.extract.places.gazetteer import haversine_km
from lagebild.model import Article, Document, Place

ACC_KM = 161.0
EXACT_KM = 10.0
SAMPLE_SALT = "lagebild-places"
DEFAULT_LABELS = Path("tests/data/wikinews_places.tsv")
DEFAULT_NEWS = Path("../shared/data/news/wikinews_de.jsonl")
STAGES = ("tokens.v1", "entities.v1", "actors.v1", "places.v1")


@dataclass(frozen=True)
class PlaceLabel:
    article_id: str
    start: int
    end: int
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def is_place(self) -> bool:
        return self.geonameid is not None or self.lat is not None


@dataclass(frozen=True)
class SampledMention:
    article_id: str
    start: int
    end: int
    text: str
    context: str  # the mention in its sentence, marked [[…]]
    place: Place | None  # what the resolver made of it (None: a LOC entity it did not resolve)


@dataclass
class WikinewsPlaceScore:
    articles: int = 0
    labelled: int = 0
    places: int = 0
    found: int = 0
    within: int = 0
    exact: int = 0
    predicted: int = 0  # predicted places on labelled spans
    predicted_places: int = 0  # … of them on spans labelled as places
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "labelled": self.labelled,
            "places": self.places,
            "found": self.found,
            "acc@161": round(self.within / self.places, 4) if self.places else 0.0,
            "exact": round(self.exact / self.places, 4) if self.places else 0.0,
            "acc@161_of_found": round(self.within / self.found, 4) if self.found else 0.0,
            "precision": round(self.predicted_places / self.predicted, 4) if self.predicted else 0.0,
        }


def read_articles(path: Path) -> dict[str, dict[str, Any]]:
    """Article id → record (``id``, ``text``, ``date``) of a JSONL news file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a readable JSONL file of articles ({exc})") from exc
    articles: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            raise InputError(f"{path}:{number}", "an article needs 'id' and 'text'")
        articles[str(record["id"])] = record
    return articles


def read_labels(path: Path) -> list[PlaceLabel]:
    """The hand labels: tab-separated ``article id, start, end, gn:<id> | lat,lon | -``; ``#`` comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the label file ({exc})") from exc
    labels: list[PlaceLabel] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        try:
            article_id, start, end, value = cells[0], int(cells[1]), int(cells[2]), cells[3].strip()
            if value == "-":
                labels.append(PlaceLabel(article_id, start, end))
            elif value.startswith("gn:"):
                labels.append(PlaceLabel(article_id, start, end, geonameid=int(value[3:])))
            else:
                lat, lon = (float(x) for x in value.split(","))
                labels.append(PlaceLabel(article_id, start, end, lat=lat, lon=lon))
        except (IndexError, ValueError) as exc:
            raise InputError(
                f"{path}:{number}", f"expected 'id, start, end, gn:<id>|lat,lon|-' ({exc})"
            ) from exc
    return labels


def _hash(*parts: object) -> str:
    return hashlib.sha1(":".join((SAMPLE_SALT, *map(str, parts))).encode()).hexdigest()


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def analyse(records: list[dict[str, Any]]) -> Iterator[Document]:
    """The documents of ``records`` through the stages the places depend on."""
    from lagebild.pipeline import Pipeline

    pipeline = Pipeline(stages=STAGES)
    for record in records:
        yield pipeline(Article(record["text"], id=str(record["id"]), published=record.get("date")))


def sample_mentions(
    articles: dict[str, dict[str, Any]], n_articles: int = 65, per_article: int = 4, skip: int = 0
) -> list[SampledMention]:
    """The deterministic sample: ``n_articles`` articles with a mention, up to ``per_article`` each, after
    the first ``skip`` such articles (a second sample that does not overlap the first)."""
    ordered = sorted(articles, key=_hash)
    sample: list[SampledMention] = []
    taken = 0
    for doc in analyse([articles[article_id] for article_id in ordered]):
        if taken >= skip + n_articles:
            break
        mentions = [
            SampledMention(doc.id, p.start, p.end, p.text, _context(doc.text, p.start, p.end), p)
            for p in doc.places
        ]
        for entity in doc.entities:
            if entity.label == "LOC" and not any(
                p.start < entity.end and entity.start < p.end for p in doc.places
            ):
                context = _context(doc.text, entity.start, entity.end)
                mentions.append(SampledMention(doc.id, entity.start, entity.end, entity.text, context, None))
        if not mentions:
            continue
        taken += 1
        if taken <= skip:
            continue
        mentions.sort(key=lambda m: _hash(m.article_id, m.start))
        sample += sorted(mentions[:per_article], key=lambda m: m.start)
    return sample


def _label_point(label: PlaceLabel) -> tuple[float, float] | None:
    if label.lat is not None and label.lon is not None:
        return label.lat, label.lon
    from lagebild.extract.places.gazetteer import default_gazetteer

    entry = default_gazetteer().by_geonameid(label.geonameid) if label.geonameid is not None else None
    return (entry.lat, entry.lon) if entry else None


def score_labels(articles: dict[str, dict[str, Any]], labels: list[PlaceLabel]) -> WikinewsPlaceScore:
    """The current resolver against the hand labels."""
    by_article: dict[str, list[PlaceLabel]] = {}
    for label in labels:
        if label.article_id not in articles:
            raise InputError(label.article_id, "labelled article is not in the news file")
        by_article.setdefault(label.article_id, []).append(label)
    result = WikinewsPlaceScore(articles=len(by_article), labelled=len(labels))
    for doc in analyse([articles[article_id] for article_id in by_article]):
        for label in by_article[doc.id]:
            hits = [p for p in doc.places if p.start < label.end and label.start < p.end]
            surface = doc.text[label.start : label.end]
            result.predicted += bool(hits)
            if not label.is_place:
                if hits:
                    result.misses.append(f"{doc.id}:{label.start} {surface!r} is no place -> {hits[0].name}")
                continue
            result.places += 1
            result.predicted_places += bool(hits)
            if not hits:
                result.misses.append(f"{doc.id}:{label.start} not found {surface!r}")
                continue
            result.found += 1
            place = hits[0]
            if place.lat is None or place.lon is None:
                result.misses.append(f"{doc.id}:{label.start} {surface!r} -> {place.name} without a point")
                continue
            point = _label_point(label)
            distance = haversine_km(place.lat, place.lon, *point) if point else float("inf")
            exact = (
                place.geonameid == label.geonameid if label.geonameid is not None else distance <= EXACT_KM
            )
            result.exact += exact
            result.within += exact or distance <= ACC_KM
            if not exact and distance > ACC_KM:
                result.misses.append(
                    f"{doc.id}:{label.start} {surface!r} -> {place.name} ({place.country}), {distance:.0f} km off"
                )
    return result


@click.command("eval-places-news")
@click.option(
    "--news",
    "news_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_NEWS,
    show_default=True,
    help="German Wikinews JSONL (id, date, text).",
)
@click.option(
    "--labels",
    "labels_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_LABELS,
    show_default=True,
    help="Hand labels: article id, start, end, gn:<GeoNames id> | lat,lon | - (no place).",
)
@click.option(
    "--show", is_flag=True, help="Print the deterministic sample with the resolver's answers instead."
)
@click.option(
    "--articles", "n_articles", type=int, default=65, show_default=True, help="Articles in the sample."
)
@click.option(
    "--per-article", type=int, default=4, show_default=True, help="Mentions per article in the sample."
)
@click.option(
    "--skip", type=int, default=0, show_default=True, help="Articles of the sample order to pass over."
)
@click.option("--misses", type=int, default=0, help="Print up to N misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
def eval_places_news(
    news_path: Path,
    labels_path: Path,
    show: bool,
    n_articles: int,
    per_article: int,
    skip: int,
    misses: int,
    as_json: bool,
) -> None:
    """Score place resolution on hand-labelled mentions of German Wikinews (acc@161 km, exact, precision).

    \b
    Example:
      lagebild eval-places-news --misses 20
      lagebild eval-places-news --show --articles 5     # the sample, to check by hand
    """
    articles = read_articles(news_path)
    if show:
        for mention in sample_mentions(articles, n_articles, per_article, skip):
            place = mention.place
            answer = (
                f"{place.name} ({place.country}) gn:{place.geonameid} {place.lat},{place.lon} p{place.precision}"
                if place
                else "(not resolved)"
            )
            click.echo(f"{mention.article_id}\t{mention.start}\t{mention.end}\t{answer}\t{mention.context}")
        return
    result = score_labels(articles, read_labels(labels_path))
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    click.echo("wikinews_places: " + ", ".join(f"{k} {v}" for k, v in result.as_dict().items()))
    for miss in result.misses[:misses]:
        click.echo(f"  {miss}")
