"""How well articles are grouped: stories, near-duplicates and combined events, with B-cubed scores,
and how fast and lean story clustering runs on a long stream.

The labelled set is built from ``../shared/data/news/wikinews_de.jsonl`` (each article is its own
story) plus variants made programmatically from a sample of its articles:

* **re-worded copy** (same story, not a duplicate): about a third of the sentences dropped, the rest
  partly re-ordered, some words replaced, a new title, published 0–2 days later;
* **update** (same story, near-duplicate of the original): numbers raised, a closing sentence added,
  published a day later — the newest version must be kept;
* **wire copy** (same story, near-duplicate): an agency tag in front, published the same day.

Scores: B-cubed precision/recall/F1 of stories (Bagga & Baldwin 1998), pairwise precision/recall of
near-duplicate links, and B-cubed of combined events, where the reports of an event belong together
when they come from the same labelled story and name the same type family and place.

:func:`benchmark` streams up to 100,000 synthetic articles (Wikinews texts with per-copy word drops and
advancing dates) through near-duplicate detection and story clustering and reports articles/s and
the process's peak resident memory and its growth during the stream — the benchmark runner calls it
with ``short=True`` for a quick run (5,000 articles).
"""

from __future__ import annotations

import json
import random
import re
import resource
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.model import Article, Document

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
_NUMBER = re.compile(r"\b\d+\b")
# Word swaps for re-worded copies (generated test data, not language knowledge the product uses).
_SWAPS = {"sagte": "erklärte", "erklärte": "sagte", "mehr als": "über", "Menschen": "Personen",
          "teilte": "gab", "am Montag": "zu Wochenbeginn", "nach Angaben": "laut Angaben",
          "Regierung": "Führung", "wurde": "ist", "bereits": "schon"}


@dataclass(frozen=True)
class Labelled:
    article: Article
    story: str
    duplicate_group: str  # articles of one group are near-duplicates of each other
    kind: str  # original | reworded | update | wire


def load_wikinews(path: Path, limit: int | None = None) -> list[Article]:
    if not path.is_file():
        raise InputError(str(path), "Wikinews corpus not found; pass --shared pointing at the shared data folder")
    articles: list[Article] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and len(articles) >= limit:
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not JSON: {exc}") from exc
            text = (record.get("text") or "").strip()
            if not text:
                continue
            articles.append(Article(text=text, id=f"wn-{record.get('id', number)}", title=record.get("title"),
                                    published=str(record.get("date") or "")[:10] or None, source="wikinews"))
    return articles


def _shift(published: str | None, days: int) -> str | None:
    if not published:
        return None
    try:
        return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return published


def reworded(article: Article, rng: random.Random) -> Article:
    from lagebild.nlp.tokens import split_sentences

    sentences = [article.text[s:e] for s, e in split_sentences(article.text)]
    kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() > 0.33] or sentences[:1]
    body = kept[1:]
    for i in range(0, len(body) - 1, 2):
        if rng.random() < 0.5:
            body[i], body[i + 1] = body[i + 1], body[i]
    text = " ".join(kept[:1] + body)
    for old, new in _SWAPS.items():
        if rng.random() < 0.7:
            text = text.replace(old, new)
    title = " ".join(kept[0].split()[:8]) if kept else article.title
    return Article(text=text, id=f"{article.id}-reworded", title=title,
                   published=_shift(article.published, rng.randint(0, 2)), source="variant")


def update(article: Article) -> Article:
    text = _NUMBER.sub(lambda m: str(int(m.group()) + int(m.group()) // 5 + 1) if len(m.group()) < 4 else m.group(),
                       article.text)
    text += "\n\nDieser Bericht wurde am folgenden Tag mit neuen Angaben ergänzt."
    return Article(text=text, id=f"{article.id}-update", title=article.title,
                   published=_shift(article.published, 1), source="variant")


def wire_copy(article: Article) -> Article:
    return Article(text="(Agentur) " + article.text, id=f"{article.id}-wire", title=article.title,
                   published=article.published, source="agency")


def labelled_set(articles: list[Article], variant_share: float = 0.3, seed: int = 7) -> list[Labelled]:
    """The originals plus, for a share of them, a re-worded copy, an update and a wire copy."""
    rng = random.Random(seed)
    out = []
    for article in articles:
        out.append(Labelled(article, article.id, article.id, "original"))
        if rng.random() < variant_share:
            out.append(Labelled(reworded(article, rng), article.id, article.id + "-reworded", "reworded"))
            out.append(Labelled(update(article), article.id, article.id, "update"))
            out.append(Labelled(wire_copy(article), article.id, article.id, "wire"))
    return out


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> label)."""
    items = [i for i in gold if i in predicted]
    by_pred: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for item in items:
        by_pred[predicted[item]].append(item)
        by_gold[gold[item]].append(item)
    precision = recall = 0.0
    for item in items:
        pred_cluster = by_pred[predicted[item]]
        gold_cluster = by_gold[gold[item]]
        correct = sum(1 for other in pred_cluster if gold[other] == gold[item])
        precision += correct / len(pred_cluster)
        recall += correct / len(gold_cluster)
    n = len(items) or 1
    p, r = precision / n, recall / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "items": float(len(items))}


def pairwise(predicted_groups: dict[str, str], gold_groups: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall of 'same group' links (used for near-duplicates)."""
    def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for item, group in groups.items():
            members[group].append(item)
        return {(a, b) for m in members.values() for a in m for b in m if a < b}
    pred, gold = pairs(predicted_groups), pairs(gold_groups)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pairs": float(len(gold))}



def event_report_labels(
    documents: Iterable[Any], combined: Iterable[Any], gold_story: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """For every event report (article id and offset): the combined event it joined, and its gold label
    (the article's gold story, the event's type family, place and status)."""
    from lagebild.combine.merge import family

    by_id = {doc.id: doc for doc in documents}
    report_event: dict[str, str] = {}
    report_gold: dict[str, str] = {}
    for event in combined:
        for source in event.sources:
            key = f"{source.doc_id}:{source.start}"
            report_event[key] = event.id
            original = next((e for e in by_id[source.doc_id].events if e.start == source.start), None)
            if original is not None:
                place = (original.place.name or original.place.text or "") if original.place else ""
                report_gold[key] = "|".join(
                    (gold_story[source.doc_id], family(original.type, original.sub_type), place.casefold(), original.status)
                )
    return report_event, report_gold


def evaluate(shared: Path, limit: int | None = None, events: bool = True) -> dict[str, Any]:
    """Scores of stories, near-duplicates and (optionally) combined events on the labelled set."""
    from lagebild.combine import combine

    articles = load_wikinews(shared / "data" / "news" / "wikinews_de.jsonl", limit)
    labelled = labelled_set(articles)
    if events:
        from lagebild.pipeline import Pipeline

        pipeline = Pipeline()
        documents = [pipeline(item.article) for item in labelled]
    else:
        documents = [Document(article=item.article) for item in labelled]
    started = time.perf_counter()
    stories, combined, duplicates = combine(documents)
    seconds = time.perf_counter() - started
    story_of = {doc_id: story.id for story in stories for doc_id in story.doc_ids}
    gold_story = {item.article.id: item.story for item in labelled}
    gold_group = {item.article.id: item.duplicate_group for item in labelled}
    predicted_group = {doc.id: duplicates.get(doc.id, doc.id) for doc in documents}
    result: dict[str, Any] = {
        "articles": len(labelled),
        "originals": len(articles),
        "stories": bcubed(story_of, gold_story),
        "duplicates": pairwise(predicted_group, gold_group),
        "combine_seconds": seconds,
    }
    if events:
        report_event, report_gold = event_report_labels(documents, combined, gold_story)
        result["events"] = bcubed(report_event, report_gold)
        result["event_reports"] = len(report_event)
        result["combined_events"] = len(combined)
    return result


def _stream(articles: list[Article], total: int, seed: int = 3) -> Iterable[Document]:
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for i in range(total):
        base = articles[i % len(articles)]
        words = base.text.split()
        if i >= len(articles):  # later copies: drop words so that cycles are not exact repeats
            words = [w for w in words if rng.random() > 0.15]
        published = (start + timedelta(days=i // 40)).isoformat()
        yield Document(article=Article(text=" ".join(words), id=f"bench-{i}", title=base.title, published=published))


def benchmark(short: bool = False, shared: Path = DEFAULT_SHARED, articles: int | None = None) -> dict[str, Any]:
    """Stream articles through near-duplicate detection and story clustering; articles/s and peak memory.

    ``short`` runs 5,000 articles instead of 100,000."""
    from lagebild.combine import NearDuplicates, StoryClusterer

    corpus = load_wikinews(shared / "data" / "news" / "wikinews_de.jsonl")
    total = articles or (5_000 if short else 100_000)
    finder = NearDuplicates()
    clusterer = StoryClusterer(keep_members=False)
    closed = 0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    for doc in _stream(corpus, total):
        finder.add(doc.id, doc.text, doc.article.published)
        clusterer.add(doc)
        closed += sum(1 for _ in clusterer.closed())
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": total, "seconds": seconds, "articles_per_s": total / seconds,
            "peak_rss_mb": rss_after, "rss_growth_mb": rss_after - rss_before,
            "live_stories": clusterer.live_count, "closed_stories": closed}


def demo_check(articles_path: Path, truth_path: Path) -> dict[str, Any]:
    """Run the pipeline and combine() on the demo articles; compare with the truth file."""
    from lagebild.combine import combine
    from lagebild.ingest import read_paths
    from lagebild.pipeline import Pipeline

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pipeline = Pipeline()
    items = [a for a in read_paths([str(articles_path)]) if isinstance(a, Article)]
    documents = [pipeline(a) for a in items]
    stories, events, duplicates = combine(documents)
    current = [e for e in events if e.status == "current"]
    found = 0
    misses = []
    for incident in truth["incidents"]:
        wanted = set(incident["articles"]) - set(duplicates)
        match = next((e for e in current if e.type == incident["type"]
                      and {s.doc_id for s in e.sources} >= wanted), None)
        if match is None:
            misses.append(f"{incident['id']}: no single combined event with sources {sorted(wanted)}")
            continue
        claimants = {f.claimant.text for f in (match.fatalities.figures if match.fatalities else ()) if f.claimant}
        missing = [c for c in incident["claimants"] if not any(c in got or got in c for got in claimants)]
        if missing:
            misses.append(f"{incident['id']}: claimants missing {missing}")
        else:
            found += 1
    story_of = {d: s.id for s in stories for d in s.doc_ids}
    gold_story = {a: i["id"] for i in truth["incidents"] for a in i["articles"]}
    return {"articles": len(documents), "incidents": len(truth["incidents"]), "current_events": len(current),
            "incidents_complete": found, "duplicates": duplicates, "stories": bcubed(story_of, gold_story),
            "misses": misses}


def _fmt(name: str, scores: dict[str, float]) -> str:
    return (f"{name:<12} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
            f"(n={int(scores.get('items', scores.get('pairs', 0)))})")


@click.command("eval-clustering")
@click.option("--shared", type=click.Path(path_type=Path), default=DEFAULT_SHARED, show_default=True,
              help="The shared data folder (holds data/news/wikinews_de.jsonl).")
@click.option("--limit", type=int, default=None, help="Use only the first N Wikinews articles.")
@click.option("--no-events", is_flag=True, help="Skip the event pipeline (stories and duplicates only).")
@click.option("--bench", is_flag=True, help="Also stream 100,000 articles: articles/s and peak memory.")
@click.option("--short", is_flag=True, help="With --bench: 5,000 articles.")
@click.option("--demo", is_flag=True, help="Check demo/articles.jsonl against demo/truth.json instead.")
def eval_clustering(shared: Path, limit: int | None, no_events: bool, bench: bool, short: bool, demo: bool) -> None:
    """Score story clustering, near-duplicates and event merging (B-cubed) on Wikinews plus variants.

    \b
    Example:
      lagebild eval-clustering --limit 300
      lagebild eval-clustering --no-events --bench --short
      lagebild eval-clustering --demo
    """
    if demo:
        root = Path(__file__).resolve().parents[3] / "demo"
        result = demo_check(root / "articles.jsonl", root / "truth.json")
        click.echo(f"demo: {result['articles']} articles, {result['incidents']} incidents, "
                   f"{result['current_events']} current combined events, "
                   f"{result['incidents_complete']} incidents complete with all claimants")
        click.echo(_fmt("stories", result["stories"]))
        for miss in result["misses"]:
            click.echo(f"  miss: {miss}")
        return
    result = evaluate(shared, limit, events=not no_events)
    click.echo(f"{result['articles']} articles ({result['originals']} originals + variants), "
               f"combined in {result['combine_seconds']:.1f} s")
    click.echo(_fmt("stories", result["stories"]))
    click.echo(_fmt("duplicates", result["duplicates"]))
    if "events" in result:
        click.echo(_fmt("events", result["events"]) + f"  {result['event_reports']} reports -> "
                   f"{result['combined_events']} combined events")
    if bench:
        figures = benchmark(short=short, shared=shared)
        click.echo(f"stream: {figures['articles']} articles in {figures['seconds']:.1f} s = "
                   f"{figures['articles_per_s']:.0f} articles/s (near-duplicates + stories), peak RSS "
                   f"{figures['peak_rss_mb']:.0f} MB (+{figures['rss_growth_mb']:.0f} MB during the stream), "
                   f"{figures['live_stories']} live / {figures['closed_stories']} closed stories")


