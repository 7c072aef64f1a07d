"""The fact model: an article and the typed facts extracted from it.

Every fact is a frozen dataclass with ``doc_id``, ``start`` and ``end``: character offsets into
``Article.text`` such that ``article.text[start:end] == fact.text``. Parts of a fact (the speaker of a
quote, the claimant of a figure, the actors of an event) are :class:`Mention` objects with their own
offsets into the same text. Nothing in a fact is free text that cannot be traced back to the article,
except normalised values (a TIMEX3 value, a gazetteer name, a number).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityLabel = Literal["PER", "ORG", "LOC", "OTH"]
PlaceFeature = Literal["city", "country", "region", "other"]
PlaceRole = Literal["dateline", "mention", "event"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Approx = Literal["exact", "at_least", "more_than", "at_most", "about", "range"]
QuoteKind = Literal["direct", "indirect", "partial"]
EventStatus = Literal["current", "historical", "future"]


def content_id(text: str) -> str:
    """The id of an article: the first 16 hex digits of the SHA-256 of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """A cleaned news article. ``text`` is kept verbatim; every offset points into it."""

    text: str
    id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD (or full ISO timestamp); None if unknown
    language: str = "de"
    content_hash: str = ""

    def __post_init__(self) -> None:
        digest = content_id(self.text)
        if not self.content_hash:
            object.__setattr__(self, "content_hash", digest)
        if not self.id:
            object.__setattr__(self, "id", digest)


@dataclass(frozen=True)
class Mention:
    """A part of a fact (speaker, cue, claimant, actor) with its own offsets into the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    doc_id: str
    start: int
    end: int
    text: str
    label: EntityLabel
    source: str = "ner"  # which component found it: ner | ruler | gazetteer


@dataclass(frozen=True)
class Place:
    doc_id: str
    start: int
    end: int
    text: str
    name: str  # the gazetteer's name (English/international)
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    feature: PlaceFeature
    precision: int  # 1 town, 2 part of region / near a town, 3 province or country
    role: PlaceRole = "mention"
    geonameid: int | None = None
    admin1: str | None = None
    relation: str | None = None  # e.g. "östlich von", "nahe" for relative places


@dataclass(frozen=True)
class Dateline:
    doc_id: str
    start: int
    end: int
    text: str
    places: tuple[str, ...] = ()


SignalRole = Literal["begin", "end", "at", "during", "before", "after"]


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3 time expression. As in TimeML, the extent leaves out the preposition that introduces it
    ("am Dienstagabend" → "Dienstagabend"); the preposition is the ``signal``, with what it makes of the
    time: ``begin`` ("seit Mitte Juli"), ``end`` ("bis Ende 1941"), ``at`` ("am Montag"), ``during``
    ("im Dezember"), ``before`` ("vor dem 1. Mai"), ``after`` ("nach 1968")."""

    doc_id: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str  # TIMEX3 value, e.g. 2016-12-13TEV, PT48H, 1999-12, PRESENT_REF
    mod: str | None = None  # START | MID | END | BEFORE | AFTER | ...
    anchor: str | None = None  # the reference date the value was resolved against
    signal: Mention | None = None  # the preposition before it ("seit", "am", "bis zum"), its own span
    signal_role: SignalRole | None = None


@dataclass(frozen=True)
class Figure:
    """A count of people, with what it counts and who claims it."""

    doc_id: str
    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    approx: Approx
    category: str  # killed, injured, executed, abducted, arrested, displaced, trapped, ...
    claimant: Mention | None = None
    victims: str | None = None  # who they were, where the text says: civilians, children, soldiers …
    place: str | None = None  # name of the place the figure refers to, when known
    sentence: int | None = None  # index of the sentence it stands in
    part_of: int | None = None  # start offset of the figure it is a part of ("18 Tote, darunter fünf Kinder")


@dataclass(frozen=True)
class Conflict:
    """Two or more figures for the same thing from different claimants, kept side by side."""

    doc_id: str
    category: str
    place: str | None
    figures: tuple[Figure, ...]

    @property
    def low(self) -> int | None:
        lows = [f.low for f in self.figures if f.low is not None]
        return min(lows) if lows else None

    @property
    def high(self) -> int | None:
        highs = [f.high if f.high is not None else f.low for f in self.figures]
        present = [h for h in highs if h is not None]
        return max(present) if present else None


@dataclass(frozen=True)
class Quote:
    doc_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Mention | None = None
    cue: Mention | None = None
    speaker_resolved: str | None = None  # the name a pronoun speaker was resolved to


@dataclass(frozen=True)
class Actor:
    """A mention of a conflict actor resolved against the actor dictionary."""

    doc_id: str
    start: int
    end: int
    text: str
    actor_id: str | None  # key in the actor dictionary, None for unknown persons
    name: str  # canonical name
    kind: str  # person | state_forces | rebel_group | political_militia | identity_militia | ...
    inter: int | None = None  # ACLED inter code 1..8
    country: str | None = None
    role: str | None = None  # for persons: "UN ambassador", "spokesperson" …
    affiliation: str | None = None


@dataclass(frozen=True)
class EventDate:
    value: str | None  # ISO date (YYYY-MM-DD), or YYYY-MM / YYYY for coarser dates
    precision: int  # ACLED time precision: 1 day, 2 week, 3 month (or coarser)
    time: Mention | None = None  # the time expression it comes from


@dataclass(frozen=True)
class EventPlace:
    text: str | None
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: int  # ACLED geo precision 1..3
    start: int | None = None
    end: int | None = None
    admin1: str | None = None


@dataclass(frozen=True)
class Fatalities:
    low: int | None
    high: int | None
    figures: tuple[Figure, ...] = ()

    @property
    def conservative(self) -> int | None:
        """ACLED's rule: the most conservative (lowest) figure."""
        return self.low


@dataclass(frozen=True)
class Event:
    doc_id: str
    start: int
    end: int
    text: str  # the evidence span
    type: str  # ACLED event type
    sub_type: str  # ACLED sub-event type
    trigger: Mention | None = None
    plover: str | None = None
    actors: tuple[Mention, ...] = ()
    actor1: str | None = None
    actor2: str | None = None
    place: EventPlace | None = None
    date: EventDate | None = None
    fatalities: Fatalities | None = None
    status: EventStatus = "current"


@dataclass
class Document:
    """An article on its way through the pipeline: the text, its tokens, and the facts found so far.

    Stages read the fields they require and set the fields they assign. Facts themselves are frozen.
    """

    article: Article
    nlp: object | None = None  # a spaCy Doc over article.text (set by the tokens stage)
    syntax: object | None = None  # the sentences' parse, on demand (lagebild.nlp.syntax.Syntax; parse stage)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dateline: Dateline | None = None
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pipeline: str | None = None  # the configuration string of the pipeline that produced it

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that contains character ``offset`` (the last one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        if hi < 0:
            return 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, self.article.text[start:end])


# --- Across articles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventSource:
    """One article's report of a combined event: the evidence span in that article."""

    doc_id: str
    start: int
    end: int
    text: str
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class CombinedEvent:
    """One real event, merged from the reports of several articles.

    ``fatalities.low`` is the most conservative figure (ACLED's rule); ``fatalities.figures`` keeps
    every figure with its ``doc_id`` and claimant, so conflicting claims stay visible as a range.
    """

    id: str
    type: str
    sub_type: str
    status: EventStatus
    place: EventPlace | None
    date: EventDate | None
    actors: tuple[str, ...]
    fatalities: Fatalities | None
    sources: tuple[EventSource, ...]
    plover: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Story:
    """Articles about the same story, found by streaming clustering."""

    id: str
    doc_ids: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
