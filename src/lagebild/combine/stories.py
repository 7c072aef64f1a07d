"""Streaming clustering of articles into stories, after Miranda et al. (2018), "Multilingual Clustering
of Streaming News" (EMNLP): each arriving article joins the best-matching *live* cluster, or starts a
new one.

An article is represented by two sparse TF-IDF vectors: its words (lower-cased, cut to their first
seven letters as a cheap stem; title words count twice) and its entities (names of places, actors and
entities found by earlier stages). Document frequencies are counted as the stream goes. The similarity
to a cluster (among the ``max_candidates`` live clusters sharing most of the article's
``probe_terms`` heaviest terms) is

    sim = w_words · cos(words) + w_entities · cos(entities)   (words only when either has no entities)
    score = sim · exp(-max(0, |Δt| - 1) / time_scale)

where Δt is the distance in days between the article and the cluster's latest article (publication
days are coarse, so a report of the next day is not penalised). The article
joins the best cluster when ``score >= threshold``; otherwise it starts a new cluster.

Bounded memory: centroids keep their ``centroid_terms`` heaviest terms; only clusters updated within
``live_days`` (and at most ``max_live``) stay live and indexed — older ones are closed and handed out as
:class:`~lagebild.model.Story` objects; the document-frequency table is pruned beyond ``max_terms``.
Deterministic: no randomness, ties go to the older cluster.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from lagebild.lang import load_wordlist
from lagebild.model import Document, Story

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STEM = 7
_SUFFIXES = ("ern", "em", "er", "en", "es", "e", "s")


def stem(word: str) -> str:
    """A light German stem: lower-cased, one inflection suffix off (keeping four letters), cut to seven
    letters ("Sudans", "sudanesischen" and "Sudan" → "sudan"/"sudanes"; "Angriffen" → "angriff")."""
    low = word.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    return low[:_STEM]


def day_of(published: str | None) -> float | None:
    """The publication day as an ordinal (None when not a date)."""
    return _day(published)


def _day(published: str | None) -> float | None:
    if not published or len(published) < 10:
        return None
    try:
        return float(date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(load_wordlist("stopwords_clustering.txt"))


def word_terms(title: str | None, text: str) -> Counter[str]:
    """Word stems of an article: lower-cased, cut to seven letters, without function words; title
    words count three times."""
    stop = _stop_words()
    terms: Counter[str] = Counter()
    for weight, part in ((1, text), (3, title or "")):
        for word in _WORD.findall(part):
            low = word.lower()
            if low in stop or (len(low) <= 3 and word[0].islower()):
                continue
            terms[stem(low)] += weight
    return terms


def entity_terms(doc: Document) -> Counter[str]:
    """Names an article is about: resolved places (not the dateline: where the reporter sits says
    little about the story) with their province, dictionary actors, other named entities (not those
    already counted as an actor or a place) and the sub-types of the current events it reports."""
    names: Counter[str] = Counter()
    covered: list[tuple[int, int]] = []
    if doc.dateline is not None:
        covered.append((doc.dateline.start, doc.dateline.end))
    for place in doc.places:
        covered.append((place.start, place.end))
        if place.role == "dateline":
            continue
        names[place.name.casefold()] += 1
        if place.admin1 and place.feature == "city":
            names[f"admin1:{place.country}.{place.admin1}".casefold()] += 1
    for actor in doc.actors:
        names[(actor.actor_id or actor.name).casefold()] += 1
        covered.append((actor.start, actor.end))
    for entity in doc.entities:
        if entity.label == "LOC" and doc.places:
            continue
        if any(start < entity.end and entity.start < end for start, end in covered):
            continue
        names[entity.text.casefold()] += 1
    for event in doc.events:
        if event.status == "current":
            names["event:" + event.sub_type.casefold()] += 1
    return names


@dataclass
class _Idf:
    max_terms: int
    docs: int = 0
    df: dict[str, int] = field(default_factory=dict)

    def update(self, terms: Iterable[str]) -> None:
        self.docs += 1
        df = self.df
        for term in terms:
            df[term] = df.get(term, 0) + 1
        if len(df) > self.max_terms:
            # forget the rarest terms first (deterministic: by count, then term)
            keep = heapq.nlargest(self.max_terms // 2, df.items(), key=lambda kv: (kv[1], kv[0]))
            self.df = dict(keep)

    def weigh(self, counts: Counter[str], top: int) -> dict[str, float]:
        n = self.docs + 1
        weights = {t: (1 + math.log(c)) * math.log(n / (self.df.get(t, 0) + 1) + 1) for t, c in counts.items()}
        if len(weights) > top:
            weights = dict(heapq.nlargest(top, weights.items(), key=lambda kv: (kv[1], kv[0])))
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


@dataclass
class _Cluster:
    id: str
    number: int
    words: dict[str, float]
    entities: dict[str, float]
    first: float | None
    last: float | None
    first_published: str | None
    last_published: str | None
    size: int = 0
    doc_ids: list[str] = field(default_factory=list)
    word_norm: float = 1.0
    entity_norm: float = 1.0


Cluster = _Cluster


def new_cluster(doc_id: str, number: int, published: str | None) -> Cluster:
    """An empty cluster started by article ``doc_id`` (the story id is ``story-<doc_id>``)."""
    day = _day(published)
    return _Cluster(f"story-{doc_id}", number, {}, {}, day, day, published, published)


def keywords(cluster: Cluster) -> tuple[str, ...]:
    return tuple(t for t, _ in heapq.nlargest(8, cluster.words.items(), key=lambda kv: (kv[1], kv[0])))


def _cosine(vec: dict[str, float], centroid: dict[str, float], norm: float) -> float:
    if not vec or not centroid:
        return 0.0
    small, large = (vec, centroid) if len(vec) < len(centroid) else (centroid, vec)
    return sum(w * large.get(t, 0.0) for t, w in small.items()) / norm


@dataclass
class StoryClusterer:
    """Incremental story clustering. ``add(doc)`` returns the story id the article joins."""

    threshold: float = 0.3
    w_words: float = 0.7
    w_entities: float = 0.3
    time_scale: float = 5.0
    live_days: float = 14.0
    max_live: int = 5_000
    doc_terms: int = 60
    doc_entities: int = 20
    centroid_terms: int = 150
    probe_terms: int = 12
    max_candidates: int = 30
    max_terms: int = 400_000
    keep_members: bool = True
    _words_idf: _Idf = field(init=False, repr=False)
    _entities_idf: _Idf = field(init=False, repr=False)
    _live: dict[str, _Cluster] = field(default_factory=dict, init=False, repr=False)
    _index: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _closed: list[Story] = field(default_factory=list, init=False, repr=False)
    _count: int = field(default=0, init=False, repr=False)
    _now: float | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._words_idf = _Idf(self.max_terms)
        self._entities_idf = _Idf(self.max_terms // 4)

    # -- features ------------------------------------------------------------------------------------

    def _vectors(self, doc: Document) -> tuple[dict[str, float], dict[str, float]]:
        words = word_terms(doc.article.title, doc.text)
        entities = entity_terms(doc)
        self._words_idf.update(words)
        self._entities_idf.update(entities)
        return (self._words_idf.weigh(words, self.doc_terms),
                self._entities_idf.weigh(entities, self.doc_entities))

    # -- clustering ----------------------------------------------------------------------------------

    def add(self, doc: Document) -> str:
        """Put one article into a story; returns the story id."""
        day = _day(doc.article.published)
        if day is not None and (self._now is None or day > self._now):
            self._now = day
            self._close_old()
        words, entities = self._vectors(doc)
        best: tuple[float, int, _Cluster] | None = None
        probe = heapq.nlargest(self.probe_terms, words.items(), key=lambda kv: (kv[1], kv[0]))
        hits: Counter[str] = Counter(cid for term, _ in probe for cid in self._index.get(term, ()))
        candidates = heapq.nsmallest(self.max_candidates, hits,
                                     key=lambda cid: (-hits[cid], self._live[cid].number))
        for cid in candidates:
            cluster = self._live[cid]
            sim = self.similarity(cluster, words, entities, day)
            if sim >= self.threshold and (best is None or (sim, -cluster.number) > (best[0], -best[1])):
                best = (sim, cluster.number, cluster)
        if best is None:
            self._count += 1
            cluster = _Cluster(f"story-{doc.id}", self._count, {}, {}, day, day,
                               doc.article.published, doc.article.published)
            self._live[cluster.id] = cluster
            if len(self._live) > self.max_live:
                oldest = min(self._live.values(), key=lambda c: (c.last or 0.0, c.number))
                self._close(oldest)
        else:
            cluster = best[2]
        self._update(cluster, doc, words, entities, day)
        return cluster.id

    def similarity(self, cluster: Cluster, words: dict[str, float], entities: dict[str, float],
                   day: float | None) -> float:
        """The time-decayed similarity of an article's vectors to a cluster."""
        cos_w = _cosine(words, cluster.words, cluster.word_norm)
        if entities and cluster.entities:
            cos_e = _cosine(entities, cluster.entities, cluster.entity_norm)
            sim = self.w_words * cos_w + self.w_entities * cos_e
        else:
            sim = cos_w
        if day is not None and cluster.last is not None:
            # publication days are coarse: a report of the next day is not penalised
            sim *= math.exp(-max(0.0, abs(day - cluster.last) - 1.0) / self.time_scale)
        return sim

    def absorb(self, cluster: Cluster, doc_id: str, published: str | None, words: dict[str, float],
               entities: dict[str, float], day: float | None) -> None:
        """Add an article's vectors to a cluster's centroids, its size, members and days."""
        cluster.words = _add_truncate(cluster.words, words, self.centroid_terms)
        cluster.entities = _add_truncate(cluster.entities, entities, self.centroid_terms // 3)
        cluster.word_norm = math.sqrt(sum(w * w for w in cluster.words.values())) or 1.0
        cluster.entity_norm = math.sqrt(sum(w * w for w in cluster.entities.values())) or 1.0
        cluster.size += 1
        if self.keep_members:
            cluster.doc_ids.append(doc_id)
        if day is not None:
            if cluster.first is None or day < cluster.first:
                cluster.first, cluster.first_published = day, published
            if cluster.last is None or day >= cluster.last:
                cluster.last, cluster.last_published = day, published

    def weigh(self, words: Counter[str], entities: Counter[str], words_df: dict[str, int], words_docs: int,
              entities_df: dict[str, int], entities_docs: int) -> tuple[dict[str, float], dict[str, float]]:
        """An article's weighted vectors from given document frequencies (which already count it)."""
        return (_Idf(self.max_terms, words_docs, words_df).weigh(words, self.doc_terms),
                _Idf(self.max_terms, entities_docs, entities_df).weigh(entities, self.doc_entities))

    def state(self) -> tuple[list[Cluster], dict[str, int], int, dict[str, int], int, int]:
        """What an incremental clustering continues from: the live clusters (oldest first), the word
        document frequencies and count, the entity ones, and the number of clusters started."""
        live = sorted(self._live.values(), key=lambda c: c.number)
        return (live, dict(self._words_idf.df), self._words_idf.docs, dict(self._entities_idf.df),
                self._entities_idf.docs, self._count)

    def _update(self, cluster: _Cluster, doc: Document, words: dict[str, float], entities: dict[str, float],
                day: float | None) -> None:
        old_terms = set(cluster.words)
        self.absorb(cluster, doc.id, doc.article.published, words, entities, day)
        new_terms = set(cluster.words)
        for term in old_terms - new_terms:
            ids = self._index.get(term)
            if ids is not None:
                ids.discard(cluster.id)
                if not ids:
                    del self._index[term]
        for term in new_terms - old_terms:
            self._index.setdefault(term, set()).add(cluster.id)

    def _close_old(self) -> None:
        if self._now is None:
            return
        horizon = self._now - self.live_days
        for cluster in [c for c in self._live.values() if c.last is not None and c.last < horizon]:
            self._close(cluster)

    def _close(self, cluster: _Cluster) -> None:
        for term in cluster.words:
            ids = self._index.get(term)
            if ids is not None:
                ids.discard(cluster.id)
                if not ids:
                    del self._index[term]
        del self._live[cluster.id]
        self._closed.append(_story(cluster))

    def closed(self) -> Iterator[Story]:
        """Stories closed since the last call (their clusters are no longer live), oldest first."""
        stories, self._closed = self._closed, []
        yield from stories

    def live(self) -> list[Story]:
        return [_story(c) for c in sorted(self._live.values(), key=lambda c: c.number)]

    def flush(self) -> list[Story]:
        """Close every live cluster; returns every story not yet handed out."""
        for cluster in sorted(self._live.values(), key=lambda c: c.number):
            self._close(cluster)
        return list(self.closed())

    @property
    def live_count(self) -> int:
        return len(self._live)


def _add_truncate(centroid: dict[str, float], vec: dict[str, float], top: int) -> dict[str, float]:
    out = dict(centroid)
    for term, weight in vec.items():
        out[term] = out.get(term, 0.0) + weight
    if len(out) > top:
        out = dict(heapq.nlargest(top, out.items(), key=lambda kv: (kv[1], kv[0])))
    return out


def _story(cluster: _Cluster) -> Story:
    return Story(cluster.id, tuple(cluster.doc_ids), keywords(cluster), cluster.first_published,
                 cluster.last_published)


def cluster_stories(documents: Iterable[Document], **options: object) -> tuple[list[Story], dict[str, str]]:
    """Cluster documents (in the order given) into stories; returns the stories and ``{doc_id: story_id}``."""
    clusterer = StoryClusterer(**options)  # type: ignore[arg-type]
    assignment = {doc.id: clusterer.add(doc) for doc in documents}
    return clusterer.flush(), assignment
