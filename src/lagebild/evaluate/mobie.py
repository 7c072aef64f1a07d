"""Evaluation of place resolution: acc@161 km and exact match on MobIE dev and on the seeds' gold places.

MobIE (Hennig et al. 2021, CC BY 4.0) holds German traffic reports and tweets whose place mentions are
linked to OpenStreetMap with lat/lon. Two ways of scoring:

- **resolution**: the place name at the start of the gold mention's text (without "#" and stray
  punctuation; "Heidelberg Hbf" is Heidelberg) is resolved by the gazetteer as the places stage does
  (:func:`~lagebild.extract.places.gazetteer.choose_entries`), with the other gold mentions of the document as
  country context and spatial anchors; right when within 161 km of the gold point (acc@161), exact when
  the gold OSM name is one of the resolved entry's names.
- **end to end**: the places stage runs on the raw text (no NER); a gold mention is found when a
  predicted place overlaps it; acc@161 is then counted over all gold mentions (a miss is wrong).

Scored mention types: ``location-city`` and ``location`` (towns, districts, regions); ``location-stop``
(stations) is reported apart, routes and streets (A8, S3) are not places a gazetteer holds.

The seeds (``gold/seeds.gold.json``) are scored like the gold scorer does: each gold place by its text,
right within its ``max_km`` (default 50) or by country code for a country.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.extract.places import extract_places, lookup_name
from lagebild.extract.places.gazetteer import Gazetteer, choose_entries, default_gazetteer, fold, haversine_km
from lagebild.model import Article, Document, Place
from lagebild.pipeline import Pipeline

PLACE_TYPES = ("location-city", "location")
STOP_TYPES = ("location-stop",)
ACC_KM = 161.0
MOBIE_SPLIT_SALT = "lagebild-mobie"


@dataclass
class PlaceScore:
    gold: int = 0
    resolved: int = 0  # the gazetteer knew the name (resolution) / a predicted place overlaps (end to end)
    within: int = 0  # within 161 km
    exact: int = 0
    predicted: int = 0  # end to end: predicted places
    predicted_on_gold: int = 0  # end to end: predicted places that overlap a gold location mention
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "resolved": self.resolved,
            "acc@161": round(self.within / self.gold, 4) if self.gold else 0.0,
            "acc@161_of_resolved": round(self.within / self.resolved, 4) if self.resolved else 0.0,
            "exact": round(self.exact / self.gold, 4) if self.gold else 0.0,
            **({"precision": round(self.predicted_on_gold / self.predicted, 4)} if self.predicted else {}),
        }


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    type: str
    name: str
    lat: float
    lon: float


def read_mobie(path: Path) -> list[tuple[str, str, list[GoldMention], list[tuple[int, int]]]]:
    """(doc id, text, linked location mentions, spans of every location-like mention) per document."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a gzipped MobIE JSONL file ({exc})") from exc
    docs = []
    for row in rows:
        text = row["text"]
        gold: list[GoldMention] = []
        any_location: list[tuple[int, int]] = []
        for concept in row.get("conceptMentions") or []:
            kind = concept.get("type", "")
            span = concept["span"]
            if kind.startswith("location") or kind.startswith("organization"):
                any_location.append((span["start"], span["end"]))
            attrs = concept.get("attributes") or {}
            if kind not in PLACE_TYPES + STOP_TYPES or "latitude" not in attrs:
                continue
            surface = text[span["start"] : span["end"]]
            gold.append(
                GoldMention(
                    span["start"],
                    span["end"],
                    surface,
                    kind,
                    attrs.get("conceptMentionCanonicalName") or surface,
                    float(attrs["latitude"]),
                    float(attrs["longitude"]),
                )
            )
        docs.append((str(row["id"]), text, gold, any_location))
    return docs


def _mention_name(surface: str) -> str:
    """The name in a gold mention's text: without "#" and the punctuation some spans take along
    ("Braunschweig(", "Herne,")."""
    return surface.strip(" #()[],.:;!?\"'\n")


def tokenised(article: Article) -> Document:
    """The article through the tokens stage, the linguistic layer the places stage reads."""
    return _tokens_pipeline()(article)


@cache
def _tokens_pipeline() -> Pipeline:
    return Pipeline(stages=("tokens.v1",))


def _exact(gaz: Gazetteer, entry_name: str, names: list[str], gold_name: str) -> bool:
    wanted = fold(gold_name.split("(")[0].strip())
    return wanted == fold(entry_name) or wanted in names


def mobie_part(doc_id: str) -> str:
    """The half of MobIE dev a document belongs to, by a hash of its id: ``tuning`` (its misses are read
    to write rules) or ``blind`` (only its figure is read)."""
    digest = hashlib.sha1(f"{MOBIE_SPLIT_SALT}:{doc_id}".encode()).hexdigest()
    return "tuning" if int(digest, 16) % 2 == 0 else "blind"


def _score_end_to_end(
    e2e: PlaceScore,
    doc_id: str,
    gold: list[GoldMention],
    any_location: list[tuple[int, int]],
    places: list[Place],
    gaz: Gazetteer,
) -> None:
    e2e.predicted += len(places)
    e2e.predicted_on_gold += sum(1 for p in places if any(p.start < e and s < p.end for s, e in any_location))
    for g in gold:
        if g.type in STOP_TYPES:
            continue
        e2e.gold += 1
        hits = [p for p in places if p.start < g.end and g.start < p.end]
        if not hits:
            e2e.misses.append(f"{doc_id}: not found {g.text!r}")
            continue
        e2e.resolved += 1
        best = min(hits, key=lambda p: haversine_km(p.lat or 0, p.lon or 0, g.lat, g.lon))
        if (
            best.lat is not None
            and best.lon is not None
            and haversine_km(best.lat, best.lon, g.lat, g.lon) <= ACC_KM
        ):
            e2e.within += 1
        else:
            e2e.misses.append(f"{doc_id}: {g.text!r} -> {best.name} ({best.country})")
        if _exact(gaz, best.name, [], g.name) or fold(best.text.lstrip("#")) == fold(g.name):
            e2e.exact += 1


def evaluate_mobie(path: Path, gaz: Gazetteer | None = None) -> dict[str, PlaceScore]:
    gaz = gaz or default_gazetteer()
    scores = {
        "resolution": PlaceScore(),
        "end_to_end_blind": PlaceScore(),
        "end_to_end_tuning": PlaceScore(),
        "end_to_end": PlaceScore(),
        "stations": PlaceScore(),
    }
    for doc_id, text, gold, any_location in read_mobie(path):
        named = [lookup_name(gaz, _mention_name(g.text)) for g in gold]
        looked_up = [entries for _, entries in named]
        context: Counter[str] = Counter()
        for entries in looked_up:
            countries = {e.country for e in entries}
            if len(countries) == 1:
                context[next(iter(countries))] += 1
        known = [(g, key, entries) for g, (key, entries) in zip(gold, named, strict=True) if entries]
        chosen = dict(
            zip(
                (id(g) for g, _, _ in known),
                choose_entries(gaz, [(key, entries, False) for _, key, entries in known], context),
                strict=True,
            )
        )
        for g in gold:
            score = scores["stations" if g.type in STOP_TYPES else "resolution"]
            score.gold += 1
            if id(g) not in chosen:
                score.misses.append(f"{doc_id}: unknown {g.text!r} ({g.name})")
                continue
            score.resolved += 1
            entry = chosen[id(g)]
            distance = haversine_km(entry.lat, entry.lon, g.lat, g.lon)
            if distance <= ACC_KM:
                score.within += 1
            else:
                score.misses.append(
                    f"{doc_id}: {g.text!r} -> {entry.name} ({entry.country}), {distance:.0f} km from {g.name}"
                )
            if _exact(gaz, entry.name, gaz.names_of(entry), g.name):
                score.exact += 1
        places, _ = extract_places(tokenised(Article(text, id=doc_id)), gaz)
        for e2e in (scores["end_to_end"], scores[f"end_to_end_{mobie_part(doc_id)}"]):
            _score_end_to_end(e2e, doc_id, gold, any_location, places, gaz)
    return scores


def evaluate_seeds(gold_path: Path, gaz: Gazetteer | None = None) -> PlaceScore:
    """Every gold place of the seeds: found by text, right within max_km (or by country)."""
    gaz = gaz or default_gazetteer()
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(gold_path), f"cannot read the gold file ({exc})") from exc
    score = PlaceScore()
    for doc in gold["documents"]:
        text = (gold_path.parent.parent / doc["file"]).read_text(encoding="utf-8")
        places, _ = extract_places(tokenised(Article(text, published=doc.get("published"))), gaz)
        for g in doc.get("places", []):
            score.gold += 1
            hits = [p for p in places if g["text"] in p.text]
            if not hits:
                score.misses.append(f"{doc['file']}: not found {g['text']!r}")
                continue
            score.resolved += 1
            if g.get("feature") == "country" or g.get("lat") is None:
                right = any(p.country == g["country"] for p in hits)
                near = right
            else:
                distances = [
                    haversine_km(p.lat, p.lon, g["lat"], g["lon"])
                    for p in hits
                    if p.lat is not None and p.lon is not None
                ]
                right = any(d <= float(g.get("max_km", 50)) for d in distances)
                near = any(d <= ACC_KM for d in distances)
            if g.get("role") == "dateline" and not any(p.role == "dateline" for p in hits):
                right = False
                score.misses.append(f"{doc['file']}: {g['text']!r} not marked as dateline")
            score.within += near
            score.exact += right
            if not right:
                score.misses.append(f"{doc['file']}: {g['text']!r} -> {hits[0].name} ({hits[0].country})")
    return score


def benchmark(texts: list[str], repeat: int = 3) -> dict[str, float]:
    """Gazetteer load time (s, fresh load) and the cost of the places and actors stages (ms/article)."""
    import time

    from lagebild.extract.entities.actors import extract_actors, lexicon
    from lagebild.extract.places.gazetteer import Gazetteer

    started = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - started
    lexicon()
    docs = [tokenised(Article(text)) for text in texts]
    for doc in docs:  # warm the caches
        extract_places(doc, gaz)
    best_places = best_actors = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for doc in docs:
            extract_places(doc, gaz)
        best_places = min(best_places, time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            extract_actors(doc, gaz)
        best_actors = min(best_actors, time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts) / max(1, len(texts))
    return {
        "gazetteer_load_s": round(load_s, 3),
        "articles": len(docs),
        "words_per_article": round(words),
        "places_ms_per_article": round(best_places / max(1, len(docs)) * 1000, 3),
        "actors_ms_per_article": round(best_actors / max(1, len(docs)) * 1000, 3),
    }


@click.command("eval-places")
@click.option(
    "--mobie",
    "mobie_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/data/mobie/dev.jsonl.gz"),
    show_default=True,
    help="MobIE dev file (gzipped JSONL with OSM-linked place mentions).",
)
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("../shared/gold/seeds.gold.json"),
    show_default=True,
    help="lagebild gold file whose places are scored too.",
)
@click.option("--misses", type=int, default=0, help="Print up to N misses per score.")
@click.option(
    "--speed",
    "speed_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also time the places and actors stages on the texts of this JSONL file (field 'text').",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_places(
    mobie_path: Path, gold_path: Path, misses: int, speed_path: Path | None, as_json: bool
) -> None:
    """Score place resolution: acc@161 km and exact match on MobIE dev and on the seeds' gold places.

    \b
    Example:
      lagebild eval-places --mobie ../shared/data/mobie/dev.jsonl.gz --misses 10
      lagebild eval-places --speed ../shared/data/news/wikinews_de.jsonl
    """
    results: dict[str, PlaceScore] = {}
    if mobie_path.exists():
        results.update({f"mobie_{k}": v for k, v in evaluate_mobie(mobie_path).items()})
    if gold_path.exists():
        results["seeds"] = evaluate_seeds(gold_path)
    speed: dict[str, float] = {}
    if speed_path is not None:
        try:
            texts = [
                json.loads(line)["text"]
                for line in speed_path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
        except (OSError, json.JSONDecodeError, KeyError) as exc:
            raise InputError(str(speed_path), f"not a JSONL file of objects with 'text' ({exc})") from exc
        speed = benchmark(texts)
    if as_json:
        click.echo(
            json.dumps(
                {**{k: v.as_dict() for k, v in results.items()}, **({"speed": speed} if speed else {})},
                indent=2,
            )
        )
        return
    if speed:
        click.echo("speed: " + ", ".join(f"{k} {v}" for k, v in speed.items()))
    for name, score in results.items():
        figures = ", ".join(f"{k} {v}" for k, v in score.as_dict().items())
        click.echo(f"{name}: {figures}")
        for miss in score.misses[:misses]:
            click.echo(f"  {miss}")
