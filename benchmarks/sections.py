"""The benchmark sections. Each returns a flat dict of figures; the runner prints and saves them.

Corpus: ``../shared/data/news/wikinews_de.jsonl`` (998 dated German Wikinews articles, CC BY-NC-SA 4.0;
read at run time, never copied).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lagebild.model import Article, Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
WIKINEWS = SHARED / "data" / "news" / "wikinews_de.jsonl"


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform.startswith("linux") else peak / 2**20


def load_articles(limit: int | None = None) -> list[Article]:
    from lagebild.errors import InputError
    from lagebild.ingest import read_paths

    if not WIKINEWS.is_file():
        raise FileNotFoundError(f"{WIKINEWS} is not there: the benchmarks read ../shared beside the repository")
    articles = [a for a in read_paths([WIKINEWS]) if not isinstance(a, InputError)]
    return articles[:limit] if limit else articles


def whitespace_words(articles: list[Article]) -> int:
    """Tokens as the speed goal counts them: whitespace-separated words."""
    return sum(len(a.text.split()) for a in articles)


def blank_tokenizer_words_per_s(articles: list[Article]) -> float:
    """spaCy's blank German tokenizer over the same texts (a fresh one: no warm word cache)."""
    import spacy

    nlp = spacy.blank("de")
    started = time.perf_counter()
    for article in articles:
        nlp.make_doc(article.text)
    return whitespace_words(articles) / (time.perf_counter() - started)


def cold_cli_run(path: Path, limit: int | None) -> dict[str, Any]:
    """``lagebild analyze PATH --format jsonl`` in a fresh process, start-up included."""
    import json
    import subprocess
    import tempfile

    lines = path.read_text(encoding="utf-8").splitlines()
    if limit:
        lines = lines[:limit]
    words = sum(len(json.loads(line).get("text", "").split()) for line in lines if line.strip())
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "articles.jsonl"
        sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [str(Path(sys.executable).with_name("lagebild")), "analyze", str(sample), "--format", "jsonl"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        )
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"lagebild analyze failed ({done.returncode}): {done.stderr[-400:]}")
    return {"articles": len(lines), "words": words, "seconds": seconds, "words_per_s": words / seconds}


def bench_pipeline(short: bool) -> dict[str, Any]:
    """Tokens (whitespace words) per second on one core for the whole pipeline, cold process, start-up
    included; each stage's share; the parser's own speed; spaCy's blank tokenizer in the same run."""
    from lagebild.pipeline import DEFAULT_STAGES, registered_stages

    articles = load_articles(100 if short else None)
    cold = cold_cli_run(WIKINEWS, 100 if short else None)
    blank = blank_tokenizer_words_per_s(articles)
    started = time.perf_counter()
    specs = registered_stages()
    stages = tuple(DEFAULT_STAGES)
    functions: list[tuple[str, Callable[[Document], Document]]] = [(n, specs[n].factory()) for n in stages]
    for article in articles[:5]:  # warm-up: lazy model loading is not part of the per-article cost
        doc = Document(article=article)
        for _, fn in functions:
            doc = fn(doc)
    load_s = time.perf_counter() - started
    rss_loaded = peak_rss_mb()
    per_stage = dict.fromkeys(stages, 0.0)
    sentences = parsed = 0
    for article in articles:
        doc = Document(article=article)
        for name, fn in functions:
            t0 = time.perf_counter()
            doc = fn(doc)  # a stage that raises fails the benchmark: nothing is measured without it
            per_stage[name] += time.perf_counter() - t0
        sentences += len(doc.sentences)
        parsed += len(getattr(doc.syntax, "parsed", {}))
    total = sum(per_stage.values())
    words = whitespace_words(articles)
    goal = 25_000.0
    figures: dict[str, Any] = {
        "articles": len(articles), "words": words, "stages": list(stages),
        "cold_cli_words_per_s": cold["words_per_s"], "cold_cli_seconds": cold["seconds"],
        "cold_cli_ratio_to_goal_25000": cold["words_per_s"] / goal,
        "warm_words_per_s": words / total, "warm_articles_per_s": len(articles) / total,
        "blank_tokenizer_words_per_s": blank,
        "ratio_pipeline_to_blank_tokenizer": (words / total) / blank,
        "sentences_parsed_share": parsed / sentences if sentences else 0.0,
        "load_and_warm_up_s": load_s, "rss_after_load_mb": rss_loaded, "peak_rss_mb": peak_rss_mb(),
    }
    for name, seconds in per_stage.items():
        figures[f"stage_ms_per_article[{name}]"] = 1000 * seconds / len(articles)
        figures[f"stage_share[{name}]"] = seconds / total if total else 0.0
    figures.update(parser_speed(articles[: 30 if short else 200]))
    return figures


def parser_speed(articles: list[Article]) -> dict[str, Any]:
    """The parser alone (tagger, morphology, lemmas, dependencies) over every sentence of ``articles``."""
    from lagebild.nlp.parser import load_parser
    from lagebild.nlp.syntax import parse_sentences
    from lagebild.nlp.tokens import make_doc, split_sentences

    load_parser()
    batches: list[tuple[list[str], list[bool]]] = []
    words = 0
    for article in articles:
        for start, end in split_sentences(article.text):
            doc = make_doc(article.text[start:end])
            batches.append(([t.text for t in doc], [bool(t.whitespace_) for t in doc]))
            words += len(article.text[start:end].split())
    parse_sentences(batches[:8])  # warm-up: the lemma dictionary loads on first use
    started = time.perf_counter()
    parse_sentences(batches)  # as the parse stage runs the sentences extractors cue: one batch
    batched = time.perf_counter() - started
    started = time.perf_counter()
    for token_words, spaces in batches[: len(batches) // 4]:  # as a sentence asked for on its own
        parse_sentences([(token_words, spaces)])
    single = time.perf_counter() - started
    single_words = sum(len(w) for w, _ in batches[: len(batches) // 4])
    return {
        "parser_words": words,
        "parser_words_per_s_batched": words / batched,
        "parser_tokens_per_s_one_by_one": single_words / single if single else 0.0,
    }


def _our_time_tagger() -> tuple[str, Callable[[Article], int]]:
    """Our time tagging as a function of an article: the extractor's find_times, else a partial pipeline."""
    try:
        from lagebild.extract.times import find_times

        return "lagebild.extract.times.find_times", lambda a: len(find_times(a.text, a.published, a.id))
    except ImportError:
        from lagebild.pipeline import Pipeline

        pipeline = Pipeline(stages=("tokens.v1", "times.v1"))
        return "Pipeline(tokens.v1 > times.v1)", lambda a: len(pipeline(a).times)


def bench_times(short: bool) -> dict[str, Any]:
    """Our time tagging against dateparser.search_dates(languages=['de']) on the same Wikinews texts."""
    from dateparser.search import search_dates

    articles = load_articles()
    compared = articles[: 20 if short else 250]
    name, ours = _our_time_tagger()
    for article in compared[:3]:
        ours(article)  # warm-up (compiling rules)
    t0 = time.perf_counter()
    ours_found = sum(ours(a) for a in compared)
    ours_s = time.perf_counter() - t0
    search_dates("am Montag", languages=["de"])  # warm-up (loading language data)
    t0 = time.perf_counter()
    theirs_found = sum(len(search_dates(a.text, languages=["de"]) or []) for a in compared)
    theirs_s = time.perf_counter() - t0
    figures: dict[str, Any] = {
        "tagger": name, "articles": len(compared),
        "lagebild_seconds": ours_s, "lagebild_articles_per_s": len(compared) / ours_s,
        "lagebild_expressions": ours_found,
        "dateparser_seconds": theirs_s, "dateparser_articles_per_s": len(compared) / theirs_s,
        "dateparser_expressions": theirs_found,
        "speed_ratio_lagebild_over_dateparser": theirs_s / ours_s if ours_s else 0.0,
    }
    wikiwars = SHARED / "data" / "wikiwarsde"
    try:
        from lagebild.evaluate.wikiwars import benchmark_taggers
    except ImportError:
        return figures
    if wikiwars.is_dir() and not short:
        candidates = [wikiwars / "keyinline", wikiwars, wikiwars / "in"]
        for directory in candidates:
            try:
                accuracy = benchmark_taggers(directory, repeat=1)
            except (OSError, ValueError):
                continue
            figures.update({f"wikiwarsde.{k}": v for k, v in accuracy.items()})
            break
    return figures


def bench_workers(short: bool) -> dict[str, Any]:
    """The same articles with 1 and with 2 local worker processes (wall time, including start-up)."""
    from lagebild.distributed import available_cores, run_pipeline

    articles = load_articles(100 if short else None)
    from lagebild.pipeline import DEFAULT_STAGES

    stages = tuple(DEFAULT_STAGES)
    figures: dict[str, Any] = {"articles": len(articles), "stages": list(stages), "cores": available_cores()}
    # one untimed pass over the same articles first: it loads the models and fills the per-word caches,
    # so that neither timed run starts colder than the other (forked workers inherit this process's caches)
    for _ in run_pipeline(articles, stages=stages):
        pass
    for workers in (1, 2):
        t0 = time.perf_counter()
        done = sum(1 for _ in run_pipeline(articles, workers=workers, stages=stages))
        seconds = time.perf_counter() - t0
        figures[f"workers_{workers}_seconds"] = seconds
        figures[f"workers_{workers}_articles_per_s"] = done / seconds
    figures["speedup_2_over_1"] = figures["workers_1_seconds"] / figures["workers_2_seconds"]
    figures["note"] = ("an untimed pass loads the models and fills the caches before both runs (forked workers "
                       "inherit them); the 2-worker time "
                       "includes starting the pool. On a machine shared with other jobs the speed-up is "
                       "bounded by the idle cores.")
    return figures


def bench_clustering(short: bool) -> dict[str, Any]:
    """Near-duplicate detection and story clustering on a stream of 100,000 articles (1,000 short)."""
    from lagebild.evaluate.clustering import benchmark

    figures = dict(benchmark(short=short, shared=SHARED, articles=1_000 if short else None))
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def bench_store_scale(short: bool) -> dict[str, Any]:
    """20 new articles ingested (analysed, stored, joined to stories and events) into SQLite and
    PostgreSQL stores of 0, 4,000, 40,000 and 400,000 articles (0 and 4,000 short): seconds per batch,
    the ratio to the empty store and peak memory; then the web page's queries on a PostgreSQL store of
    1,000,000 events (20,000 short), p50 and p95 milliseconds. Stores are built once in var/bench-stores/."""
    from benchmarks.scale import ingest_scale, store_queries

    figures = {f"ingest.{k}": v for k, v in ingest_scale(short).items()}
    figures.update({f"queries.{k}": v for k, v in store_queries(short).items()})
    return figures


def bench_web_first_view(short: bool) -> dict[str, Any]:
    """The web page's first view over 100,000 generated events (10,000 short): each request the page
    makes on load, and the whole first view in headless chromium (the page's own 250 ms settle included)."""
    from benchmarks.web_view import first_view

    return first_view(short)


def _shape_texts(articles: list[Article], chars: int) -> dict[str, str]:
    """Texts of about ``chars`` characters in the shapes a web server may send as one article."""
    running = " ".join(a.text for a in articles)
    while len(running) < chars:
        running += " " + running
    words = running.split()
    no_stop = " ".join(w.rstrip(".!?") for w in words)
    return {
        "running_text": running[:chars],  # Wikinews articles one after another: the reference
        "no_full_stop": no_stop[:chars],  # the same words without a sentence end
        "one_long_word": "Bei einem Angriff starben 12 Menschen " + "A" * chars + " sagte er.",
        "bracket_run": "Er sagte " + ")" * chars + " heute.",
        "one_word_repeated": " ".join(["Angriff"] * (chars // 8)),
    }


def bench_input_shapes(short: bool) -> dict[str, Any]:
    """Characters per second of the whole pipeline (no time budget) per input shape, at one size and at
    twice that size: ``ratio`` is the second speed over the first (1.0: linear cost; 0.5: quadratic)."""
    from lagebild.pipeline import Pipeline

    pipeline = Pipeline(time_budget=None)
    articles = load_articles(40)
    pipeline(articles[0])  # models load outside the timed runs
    base = 10_000 if short else 50_000
    out: dict[str, Any] = {"base_chars": base}
    first = _shape_texts(articles, base)
    second = _shape_texts(articles, 2 * base)
    for shape in first:
        speeds = []
        for text in (first[shape], second[shape]):
            started = time.perf_counter()
            pipeline(Article(text=text, published="2024-03-05"))
            speeds.append(len(text) / (time.perf_counter() - started))
        out[f"{shape}_chars_per_s"] = round(speeds[0])
        out[f"{shape}_chars_per_s_x2"] = round(speeds[1])
        out[f"{shape}_ratio"] = round(speeds[1] / speeds[0], 2)
    return out


SECTIONS: dict[str, Callable[[bool], dict[str, Any]]] = {
    "pipeline": bench_pipeline,
    "times": bench_times,
    "workers": bench_workers,
    "clustering": bench_clustering,
    "store_scale": bench_store_scale,
    "web_first_view": bench_web_first_view,
    "input_shapes": bench_input_shapes,
}
