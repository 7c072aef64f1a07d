"""Large stores for the benchmarks, generated in bulk through the store's tables (not the NLP pipeline).

* :func:`build_ingest_store` – ``n`` articles made from a few analysed Wikinews templates: each article
  is a template with 30 % of its longer words written backwards at random and its number appended
  (offsets stay valid; two articles share few word 4-grams, as different reports do), 100 articles a
  day; ten articles of one template in a row form a story with one combined event per template event,
  its reports dated on their articles' days; signatures are random (they duplicate nothing). The rows of the
  incremental combine (document frequencies, story centroids and their index, MinHash signatures and
  bands, event state) are written as the incremental combine would have left them.
* :func:`build_event_store` – ``n`` combined events (no articles): random places on land-sized boxes,
  dates over ten years, ACLED types, actors from a list of 300, two sources each.
* :func:`postgres_server` – Debian's PostgreSQL started as the test set-up does, on a data folder
  that is kept between runs.

Stores live under ``var/bench-stores/`` (ignored by git) and are built once.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.sections import REPO
from lagebild.model import Article, Document

STORES = REPO / "var" / "bench-stores"
START = date(2015, 1, 1)
PER_DAY = 100
STORY_SIZE = 10


def scramble(text: str, rng: random.Random, share: float = 0.3) -> str:
    """``text`` with a share of its longer words written backwards (same length: offsets stay valid)."""
    return " ".join(w[::-1] if len(w) > 3 and rng.random() < share else w for w in text.split(" "))


def analysed_templates(count: int, pipeline: Any = None) -> list[Document]:
    """The first ``count`` Wikinews articles with at least one event, analysed by ``pipeline`` (default:
    the default pipeline)."""
    from benchmarks.sections import load_articles
    from lagebild.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    templates = []
    for article in load_articles(count * 4):
        doc = pipeline(article)
        if doc.events:
            templates.append(doc)
        if len(templates) == count:
            break
    return templates


def _bulk_insert(connection: Any, table: str, rows: list[dict[str, Any]], json_columns: tuple[str, ...] = ()) -> None:
    """Insert ``rows`` with the driver's executemany; ``json_columns`` hold JSON text already."""
    if not rows:
        return
    columns = list(rows[0])
    postgres = connection.dialect.name == "postgresql"
    values = []
    for column in columns:
        marker = f"%({column})s" if postgres else f":{column}"
        values.append(f"CAST({marker} AS json)" if postgres and column in json_columns else marker)
    names = ", ".join(f'"{c}"' for c in columns)
    connection.exec_driver_sql(f'INSERT INTO {table} ({names}) VALUES ({", ".join(values)})', rows)


def build_ingest_store(url: str, n: int, templates: list[Document], chunk: int = 5000) -> None:
    """Fill an empty store at ``url`` with ``n`` generated articles and their combine state.

    Generated articles are near-duplicates of nothing, so their MinHash signatures are random numbers
    (computing real ones would cost more than everything else here)."""
    import json

    import numpy as np

    from lagebild.combine.dedup import NearDuplicates, band_keys
    from lagebild.combine.merge import add_report, builder_state, combined_event, new_builder
    from lagebild.combine.stories import StoryClusterer, _add_truncate, entity_terms, word_terms
    from lagebild.model import EventSource
    from lagebild.store import Store
    from lagebild.store.codec import to_plain
    from lagebild.store.store import FACT_KINDS, _event_row
    from lagebild.store.streaming import _term

    rng = random.Random(n)
    noise = np.random.default_rng(n)
    finder = NearDuplicates()
    clusterer = StoryClusterer()
    words = [Counter({_term(t): c for t, c in word_terms(d.article.title, d.text).items()}) for d in templates]
    entities = [Counter({_term(t): c for t, c in entity_terms(d).items()}) for d in templates]
    words_df: Counter[str] = Counter()
    entities_df: Counter[str] = Counter()
    uses = Counter((i // STORY_SIZE) % len(templates) for i in range(n))
    for t, count in uses.items():
        for term in words[t]:
            words_df[term] += count
        for term in entities[t]:
            entities_df[term] += count
    vectors = [clusterer.weigh(w, e, dict(words_df), n, dict(entities_df), n)
               for w, e in zip(words, entities, strict=True)]
    # each template's facts as rows with JSON text, the template's id to be replaced by each article's
    fact_rows: list[list[dict[str, Any]]] = []
    for template in templates:
        rows = []
        for attribute, (kind, _cls, label_field) in FACT_KINDS.items():
            for position, fact in enumerate(getattr(template, attribute)):
                label = getattr(fact, label_field) if label_field else None
                rows.append({"doc_id": "", "kind": kind, "position": position, "start": fact.start, "end": fact.end,
                             "text": fact.text, "label": None if label is None else str(label)[:64],
                             "data": json.dumps(to_plain(fact), ensure_ascii=False)})
        fact_rows.append(rows)
    events_started = 0
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    with Store.open(url) as store:
        for first in range(0, n, chunk):
            articles: list[dict[str, Any]] = []
            facts: list[dict[str, Any]] = []
            signatures: list[dict[str, Any]] = []
            bands: list[dict[str, Any]] = []
            members: list[dict[str, Any]] = []
            story_rows: list[dict[str, Any]] = []
            states: list[dict[str, Any]] = []
            terms: list[dict[str, Any]] = []
            stories: list[tuple[int, list[Document]]] = []
            for i in range(first, min(n, first + chunk)):
                story, t = i // STORY_SIZE, (i // STORY_SIZE) % len(templates)
                template = templates[t]
                day = START + timedelta(days=i // PER_DAY)
                text = scramble(template.text, rng) + f"\n\n(Meldung {i})"  # unique; offsets before it stay valid
                doc_id = f"gen-{i}"
                article = Article(text=text, id=doc_id, title=template.article.title, published=day.isoformat(),
                                  source="generated")
                articles.append({
                    "id": doc_id, "content_hash": article.content_hash, "url": None, "source": "generated",
                    "title": article.title, "published": article.published, "language": "de", "text": text,
                    "dateline": "null", "sentences": json.dumps([list(s) for s in template.sentences]),
                    "warnings": "[]", "pipeline": template.pipeline, "ingested_at": now, "analysed_at": now})
                old_id = json.dumps(template.id)
                facts.extend({**row, "doc_id": doc_id, "data": row["data"].replace(old_id, json.dumps(doc_id))}
                             for row in fact_rows[t])
                signature = noise.integers(0, (1 << 31) - 1, size=finder.num_perm, dtype=np.uint64)
                signatures.append({"doc_id": doc_id, "published": article.published, "arrival": i + 1,
                                   "signature": signature.tobytes()})
                bands.extend({"band_key": k, "doc_id": doc_id} for k in sorted(set(band_keys(signature, finder.bands))))
                members.append({"story_id": f"story-gen-{story}", "doc_id": doc_id, "position": i % STORY_SIZE})
                if i % STORY_SIZE == 0:
                    stories.append((story, []))
                stories[-1][1].append(replace(template, article=article))
            for story, docs in stories:
                word_vec, entity_vec = vectors[story % len(templates)]
                centroid_w: dict[str, float] = {}
                centroid_e: dict[str, float] = {}
                for _ in docs:
                    centroid_w = _add_truncate(centroid_w, word_vec, clusterer.centroid_terms)
                    centroid_e = _add_truncate(centroid_e, entity_vec, clusterer.centroid_terms // 3)
                first_day = date.fromisoformat(docs[0].article.published or "").toordinal()
                last_day = date.fromisoformat(docs[-1].article.published or "").toordinal()
                story_id = f"story-gen-{story}"
                keywords = sorted(centroid_w, key=lambda k: (-centroid_w[k], k))[:8]
                story_rows.append({"id": story_id, "keywords": json.dumps(keywords, ensure_ascii=False),
                                   "first_published": docs[0].article.published,
                                   "last_published": docs[-1].article.published})
                states.append({"story_id": story_id, "number": story + 1, "first_day": first_day,
                               "last_day": last_day, "first_published": docs[0].article.published,
                               "last_published": docs[-1].article.published, "size": len(docs),
                               "words": json.dumps(centroid_w, ensure_ascii=False),
                               "entities": json.dumps(centroid_e, ensure_ascii=False)})
                terms.extend({"story_id": story_id, "term": term, "last_day": last_day} for term in centroid_w)
            with store.engine.begin() as connection:
                _bulk_insert(connection, "articles", articles, ("dateline", "sentences", "warnings"))
                _bulk_insert(connection, "facts", facts, ("data",))
                _bulk_insert(connection, "minhash", signatures)
                _bulk_insert(connection, "minhash_bands", bands)
                _bulk_insert(connection, "stories", story_rows, ("keywords",))
                _bulk_insert(connection, "story_articles", members)
                _bulk_insert(connection, "story_state", states, ("words", "entities"))
                _bulk_insert(connection, "story_terms", terms)
            event_rows: list[dict[str, Any]] = []
            actor_rows: list[dict[str, Any]] = []
            source_rows: list[dict[str, Any]] = []
            state_rows: list[dict[str, Any]] = []
            story_links: list[dict[str, Any]] = []
            for story, docs in stories:
                for position in range(len(docs[0].events)):
                    events_started += 1
                    builder = new_builder(events_started, docs[0].events[position])
                    for doc in docs:
                        event = replace(doc.events[position], doc_id=doc.id)
                        if event.date is not None:  # the incident happened on the article's day
                            event = replace(event, date=replace(event.date, value=doc.article.published))
                        add_report(builder, event, EventSource(doc.id, event.start, event.end, event.text,
                                                               doc.article.published, "generated"),
                                   f"story-gen-{story}")
                    state = builder_state(builder)
                    combined = combined_event(builder)
                    row = _event_row(combined, state.number)
                    event_rows.append({**row, "data": json.dumps(row["data"], ensure_ascii=False)})
                    actor_rows.extend({"event_id": combined.id, "position": k, "name": name,
                                       "name_folded": name.casefold()} for k, name in enumerate(combined.actors))
                    source_rows.extend({"event_id": combined.id, "position": k, "doc_id": c.doc_id, "start": c.start,
                                        "end": c.end, "text": c.text, "published": c.published, "source": c.source,
                                        "url": c.url} for k, c in enumerate(combined.sources))
                    state_rows.append({
                        "event_id": state.event_id, "number": state.number, "family": state.family,
                        "status": state.status, "window_start": state.window[0] if state.window else None,
                        "window_end": state.window[1] if state.window else None,
                        "state": json.dumps({"places": [to_plain(p) for p in state.places],
                                             "stories": list(state.stories), "types": [list(t) for t in state.types],
                                             "reports": [list(r) for r in state.reports]}, ensure_ascii=False)})
                    story_links.extend({"story_id": s, "event_id": state.event_id} for s in state.stories)
            with store.engine.begin() as connection:
                _bulk_insert(connection, "events", event_rows, ("data",))
                _bulk_insert(connection, "event_actors", actor_rows)
                _bulk_insert(connection, "event_sources", source_rows)
                _bulk_insert(connection, "event_state", state_rows, ("state",))
                _bulk_insert(connection, "event_stories", story_links)
        last = START + timedelta(days=(n - 1) // PER_DAY)
        meta = {"articles": n, "words_docs": n, "entities_docs": n, "stories": (n + STORY_SIZE - 1) // STORY_SIZE,
                "events": events_started, "arrivals": n, "now_day": last.toordinal(), "event_now": last.toordinal()}
        with store.engine.begin() as connection:
            _bulk_insert(connection, "combine_meta", [{"name": k, "value": v} for k, v in meta.items()])
            df_rows = [{"kind": "w", "term": t, "df": c} for t, c in words_df.items()]
            df_rows += [{"kind": "e", "term": t, "df": c} for t, c in entities_df.items()]
            _bulk_insert(connection, "term_df", df_rows)
        settle(store.engine)


def settle(engine: Any) -> None:
    """After a bulk build: statistics for the planner, and SQLite's write-ahead log folded into the file
    (else the first timed write pays for the whole build's checkpoint)."""
    from sqlalchemy import text

    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "sqlite":
            connection.execute(text("ANALYZE"))
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        else:
            connection.execute(text("VACUUM ANALYZE"))


ACTORS = [f"{kind} {place}" for kind in ("Militär von", "Polizei von", "Rebellen in", "Miliz aus", "Regierung von",
                                         "Demonstranten in")
          for place in ("Syrien", "Irak", "Jemen", "Afghanistan", "Somalia", "Sudan", "Mali", "Nigeria", "Libyen",
                        "Ukraine", "Kongo", "Myanmar", "Kolumbien", "Mexiko", "Pakistan", "Äthiopien", "Kamerun",
                        "Niger", "Tschad", "Burkina Faso", "Mosambik", "Libanon", "Israel", "Palästina", "Iran",
                        "Türkei", "Ägypten", "Tunesien", "Algerien", "Kenia", "Uganda", "Südsudan", "Eritrea",
                        "Venezuela", "Haiti", "Philippinen", "Indien", "Bangladesch", "Thailand", "Armenien",
                        "Aserbaidschan", "Georgien", "Russland", "Belarus", "Kasachstan", "Tadschikistan",
                        "Kirgistan", "Usbekistan", "Turkmenistan", "Mongolei")]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Strategic developments", "Arrests")]
COUNTRIES = ["SY", "IQ", "YE", "AF", "SO", "SD", "ML", "NG", "LY", "UA", "CD", "MM", "CO", "MX", "PK", "ET"]


def build_event_store(url: str, n: int, chunk: int = 20_000) -> None:
    """Fill an empty store at ``url`` with ``n`` generated combined events (two sources each)."""
    from sqlalchemy import insert

    from lagebild.model import CombinedEvent, EventDate, EventPlace, EventSource, Fatalities
    from lagebild.store import Store
    from lagebild.store.models import EventActorRow, EventRow, EventSourceRow
    from lagebild.store.store import _event_row

    rng = random.Random(n)
    with Store.open(url) as store:
        for first in range(0, n, chunk):
            events: list[dict[str, Any]] = []
            actors: list[dict[str, Any]] = []
            sources: list[dict[str, Any]] = []
            for i in range(first, min(n, first + chunk)):
                country = rng.randrange(len(COUNTRIES))
                lat = -10 + (country % 4) * 12 + rng.random() * 10
                lon = -10 + (country // 4) * 25 + rng.random() * 20
                day = (START + timedelta(days=rng.randrange(3650))).isoformat()
                precision = rng.choice((1, 1, 1, 2, 3))
                value = day if precision < 3 else day[:7]
                event_type, sub_type = rng.choice(TYPES)
                names = tuple(rng.sample(ACTORS, 2))
                low = rng.randrange(30)
                cited = tuple(EventSource(f"art-{i}-{k}", 0, 40, f"Bericht {i} aus Quelle {k}", day, f"Quelle {k}")
                              for k in range(2))
                place = EventPlace(f"Ort {i % 5000}", f"Ort {i % 5000}", COUNTRIES[country], lat, lon, 1)
                event = CombinedEvent(f"ev-{i}", event_type, sub_type, "current", place, EventDate(value, precision),
                                      names, Fatalities(low, low + rng.randrange(5)), cited)
                events.append(_event_row(event, i))
                actors.extend({"event_id": event.id, "position": k, "name": name, "name_folded": name.casefold()}
                              for k, name in enumerate(names))
                sources.extend({"event_id": event.id, "position": k, "doc_id": c.doc_id, "start": c.start,
                                "end": c.end, "text": c.text, "published": c.published, "source": c.source,
                                "url": None} for k, c in enumerate(cited))
            with store.session() as session, session.begin():
                for table, rows in ((EventRow, events), (EventActorRow, actors), (EventSourceRow, sources)):
                    session.execute(insert(table), rows)


@contextlib.contextmanager
def postgres_server(data: Path) -> Iterator[str]:
    """Debian's PostgreSQL on a free loopback port with its data in ``data`` (created when missing, kept
    afterwards); yields ``postgresql://lagebild@127.0.0.1:PORT``. Raises RuntimeError when it cannot start."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (scripts/setup-system.sh installs it)")
    bindir = Path(found[-1]).parent
    prefix: list[str] = []
    data.parent.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        import pwd

        user = pwd.getpwnam("postgres")
        for path in (data.parent, *([data] if data.exists() else [])):
            shutil.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr or done.stdout}")

    if not (data / "PG_VERSION").exists():
        run(str(bindir / "initdb"), "-D", str(data), "-U", "lagebild", "-A", "trust", "-E", "UTF8", "--locale=C",
            "--no-sync")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = (f"-p {port} -k {data.parent} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
               "-c shared_buffers=512MB -c max_parallel_workers_per_gather=0")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data.parent / "server.log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql://lagebild@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=300)


def ensure_database(server: str, name: str) -> tuple[str, bool]:
    """The URL of database ``name`` on ``server``, and whether it already existed."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", exists


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
