"""Events in one article, coded like ACLED: type, sub-type, actors, place, date, fatalities, status.

An event starts at a *trigger*: a German verb or noun from ``lang/de/event_triggers.json``
("eingenommen", "Luftangriff", "Giftgasangriff", "exekutiert", "Festnahmen", "Einigung" …) that names
an ACLED event type and sub-type (and a PLOVER type alongside). Compounds are found by their head
("Raketen|angriff"). In one clause the most specific trigger names the event; generic ones ("Angriff",
"getötet") only count where no specific trigger stands in the same or the two previous sentences
(there they refer back to it).

Slots come from the trigger's sentence and its neighbours, using the facts of earlier stages when they
are there (``doc.places``, ``doc.times``, ``doc.figures``, ``doc.actors``, ``doc.entities``):

* **place** – the event place (:mod:`lagebild.extract.events.places`): a place in the trigger's clause
  after a locative preposition ("in", "bei", "nahe", "östlich von") ranks first; places after
  "zwischen"/"aus" are actors or origins and are skipped. Else the place of the event just before (same
  paragraph), else a town or region of the previous sentence, else the article's most-mentioned place,
  else the nearest town named elsewhere in the paragraph; the dateline only when nothing else is named.
* **date** with ACLED time precision (1 day, 2 week, 3 month): the time expression of the sentence,
  else a day named in the previous sentence; a window reaching up to publication ("in den letzten
  48 Stunden") gives its middle day at precision 2, as ACLED codes "last week". A lead event without
  a date takes the article's news day (its latest named day in the week before publication), any other
  the publication date, at precision 2.
* **fatalities** – the killed/executed figures of the sentence (and of up to two following sentences
  of the paragraph without a specific trigger of their own); ``low`` is the most conservative figure, ``high`` the highest, every figure with its
  claimant is kept.
* **status** – ``historical`` (background, not news) for dates 60 days or more before publication
  (:data:`BACKGROUND_DAYS`), cues like "in der Vergangenheit", or a past-tense report with no time of
  its own told in the frame of such a time or after a sentence that tells the past; ``future`` for dates after publication or planned statements ("sollen … werden");
  negated ("kein Angriff") and hypothetical ("wäre", "falls") statements are not events.

Reports of the same event inside one article ("eingenommen" … "zurückerobert") are merged: same
status, compatible type, same place; a report with no time and no place of its own joins the incident
told before it (:mod:`lagebild.extract.events.merge`). Participles used as nouns ("die Entführten") and
headings name no incident. An event at one of several towns listed after a locative preposition
("Kundgebungen in A, B und C") happened in each of them: one event per town, as ACLED codes it.

Where the parse stage ran, the trigger's sentence is read through the parse
(:mod:`lagebild.extract.events.syntax`): actor and target from subject, object and ``von``-agent
(:mod:`lagebild.extract.events.actors`); a reaction ("verurteilte den Anschlag") or a definite reference
across adjectives ("des vermutlich terroristischen Anschlags") is the event told before; a warning or
announcement is future, a prevention, an attack being ended, a depiction ("Videos von Massakern") or an
attributive participle ("Der getötete Agent") no event; the verb complex says future ("erreicht werden
wird") or reported past ("sollen … angegriffen haben": a weekday read forward is the one before).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from lagebild.errors import ConfigError
from lagebild.extract.events.actors import event_actors
from lagebild.extract.events.dates import TIMEX_DAY as _TIMEX_DAY
from lagebild.extract.events.dates import iso_day as _iso
from lagebild.extract.events.dates import past_weekday, reporting_time, timex_date
from lagebild.extract.events.dates import shift_day as _shift
from lagebild.extract.events.merge import VIOLENT as _VIOLENT
from lagebild.extract.events.merge import fatalities_of, merge_within, same_place
from lagebild.extract.events.places import (
    as_event_place,
    in_quoted_name,
    last_resort_place,
    main_place,
    named_in_clause,
    place_slot,
)
from lagebild.extract.events.scope import (
    group_pattern,
    out_of_scope,
    refer_back,
    refine,
    targets_group,
    text_modality,
    years_before,
)
from lagebild.extract.events.syntax import TriggerReading, determiner_before, read_trigger
from lagebild.lang import load_json
from lagebild.model import Document, Event, EventDate, EventPlace, EventStatus, Figure, Mention
from lagebild.nlp.tokens import word_spans
from lagebild.pipeline import stage

_CLAUSE_BREAK = re.compile(r"[,;–—()]")
_FATAL_CATEGORIES = frozenset({"killed", "executed", "dead", "fatalities", "died"})
_CALENDAR = re.compile(r"^\d{4}(?:$|-)")


@dataclass(frozen=True)
class Trigger:
    type: str
    sub_type: str
    plover: str | None
    rank: int
    generic: bool = False
    territory: bool = False
    require_any: frozenset[str] = frozenset()
    scope: str | None = None  # "targeted": names an event only as an attack on people for who they are
    # the required words may stand in the next sentence too ("… wurde schwer verletzt. Die Täter flohen.")
    require_next: bool = False


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, Trigger]
    heads: dict[str, Trigger]
    lists: dict[str, frozenset[str]]
    types: dict[str, tuple[str, ...]]
    generic_actors: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon from ``lang/de/event_triggers.json``, indexed by word form."""
    raw: dict[str, Any] = load_json("event_triggers.json")
    endings = raw["endings"]
    words: dict[str, Trigger] = {}
    heads: dict[str, Trigger] = {}
    for entry in raw["triggers"]:
        trig = Trigger(
            entry["type"],
            entry["sub_type"],
            entry.get("plover"),
            int(entry.get("rank", 5)),
            bool(entry.get("generic")),
            bool(entry.get("territory")),
            frozenset(entry.get("require_any", ())),
            entry.get("scope"),
            bool(entry.get("require_next")),
        )
        for word in entry.get("words", ()):
            words.setdefault(word, trig)
        for head in entry.get("heads", ()):
            for ending in endings:
                heads.setdefault(head + ending, trig)
    lists = {
        key: frozenset(value)
        for key, value in raw.items()
        if isinstance(value, list) and key not in ("triggers", "endings")
    }
    types = {key: tuple(value) for key, value in raw["types"].items()}
    return Lexicon(words, heads, lists, types, dict(raw.get("generic_actors", {})))


def find_trigger(word: str, lex: Lexicon | None = None) -> Trigger | None:
    """The trigger a word form names: an exact form, or (for capitalised nouns) a compound head."""
    if lex is None or lex is lexicon():
        return _cached_trigger(word)
    return _lookup(word, lex)


@lru_cache(maxsize=1)
def _longest_default_head() -> int:
    return max(map(len, lexicon().heads), default=0)


def _longest_head(lex: Lexicon) -> int:
    return _longest_default_head() if lex is lexicon() else max(map(len, lex.heads), default=0)


@lru_cache(maxsize=200_000)
def _cached_trigger(word: str) -> Trigger | None:
    return _lookup(word, lexicon())


def _lookup(word: str, lex: Lexicon) -> Trigger | None:
    low = word.lower()
    hit = lex.words.get(low)
    if hit is not None:
        return hit
    if not word[:1].isupper() or len(low) < 5:
        return None
    if any(compound in low for compound in lex.lists["non_trigger_compounds"]):
        return None
    for i in range(max(0, len(low) - _longest_head(lex)), len(low) - 4):  # no head is longer: linear time
        hit = lex.heads.get(low[i:])
        if hit is not None:
            return hit
    return None


@dataclass
class _Context:
    doc: Document
    lex: Lexicon
    published: date | None
    tokens: list[tuple[int, int, str]]
    token_starts: list[int]
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    dateline_end: int
    main_place: Any = None
    events: list[tuple[Event, int, bool, int]] = field(default_factory=list)  # event, sentence, generic, rank
    referring: set[int] = field(default_factory=set)  # sentences whose generic trigger refers back
    weak: set[int] = field(default_factory=set)  # events (indices) with no date and no place of their own
    counter: set[int] = field(default_factory=set)  # events (indices) that are counter-protests
    classifying: set[int] = field(default_factory=set)  # triggers that say what an incident was

    def sentence_of(self, offset: int) -> int:
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect_right(self.token_starts, start - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i][0] < end:
            out.append(self.tokens[i])
            i += 1
        return out

    def clause(self, offset: int, sentence: tuple[int, int]) -> tuple[int, int]:
        text = self.doc.text
        start, end = sentence
        left = start
        for m in _CLAUSE_BREAK.finditer(text, start, offset):
            left = m.end()
        right_match = _CLAUSE_BREAK.search(text, offset, end)
        right = right_match.start() if right_match else end
        return left, right

    def paragraph_break(self, a: int, b: int) -> bool:
        return "\n" in self.doc.text[a:b]


def _parse_published(value: str | None) -> date | None:
    return _iso(value[:10]) if value else None


def _contains_phrase(low_text: str, phrases: frozenset[str], words: set[str]) -> bool:
    for phrase in phrases:
        if " " in phrase:
            if phrase in low_text:
                return True
        elif phrase in words:
            return True
    return False


# --- slots ------------------------------------------------------------------------------------------


def _usable_time(t: Any) -> bool:
    """A time that only bounds a period ("seit Montag", "bis Ende Juli", "ab 5. Mai") is not when it happened."""
    signal = getattr(t, "signal", None)
    bound = signal is not None and signal.text.lower().startswith(("seit", "bis", "ab"))
    return t.type != "SET" and not bound and not t.text.lower().startswith(("seit", "bis ", "ab "))


def _date_slot(ctx: _Context, trigger: Mention, si: int) -> tuple[EventDate | None, date | None]:
    doc = ctx.doc
    start, end = ctx.sentences[si]
    clause = ctx.clause(trigger.start, ctx.sentences[si])
    in_sentence = sorted(
        (
            t
            for t in doc.times
            if start <= t.start < end
            and _usable_time(t)
            and not _part_of_name(doc.text, t.end)
            and not reporting_time(doc.text, t.start, t.end)
            and (clause[0] <= t.start < clause[1] or _CALENDAR.match(t.value))
        ),
        key=lambda t: (not clause[0] <= t.start < clause[1], abs(t.start - trigger.start)),
    )
    for t in in_sentence:
        resolved = timex_date(t.value, t.mod, t.text, ctx.published)
        if resolved:
            return replace(resolved[0], time=doc.mention(t.start, t.end)), resolved[1]
    if si > 0:
        p_start, p_end = ctx.sentences[si - 1]
        for t in doc.times:
            if (
                p_start <= t.start < p_end
                and _usable_time(t)
                and not reporting_time(doc.text, t.start, t.end)
                and t.type in ("DATE", "TIME")
                and _TIMEX_DAY.match(t.value)
            ):
                resolved = timex_date(t.value, t.mod, t.text, ctx.published)
                if resolved:
                    return replace(resolved[0], time=doc.mention(t.start, t.end)), resolved[1]
    if ctx.published is None:
        return None, None
    if _in_lead(ctx, si):
        news_day = _news_day(ctx)
        if news_day:
            return EventDate(news_day.isoformat(), 2), news_day
    return EventDate(ctx.published.isoformat(), 2), ctx.published


def _part_of_name(text: str, end: int) -> bool:
    """Whether a time expression is the first part of a hyphenated name ("am August-Bebel-Platz", "in
    der Mai-Straße"): a street or square named after someone, not a time."""
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isupper()


def _in_lead(ctx: _Context, si: int) -> bool:
    if si > 2:
        return False
    return not ctx.paragraph_break(ctx.sentences[0][0], ctx.sentences[si][0])


def _news_day(ctx: _Context) -> date | None:
    assert ctx.published is not None
    days = [
        resolved[1]
        for t in ctx.doc.times
        if t.type in ("DATE", "TIME") and _usable_time(t) and not reporting_time(ctx.doc.text, t.start, t.end)
        and _iso(t.value) is not None
        for resolved in [timex_date(t.value, t.mod, t.text, ctx.published)]
        if resolved and _shift(ctx.published, -7) <= resolved[1] <= ctx.published
    ]
    return max(days) if days else None


def _figures_for(
    ctx: _Context, si: int, place: EventPlace | None, trigger_sentences: set[int]
) -> list[Figure]:
    wanted = [si]
    follower, plain = si + 1, 0
    while plain < 2:  # following sentences of the same paragraph without an event of their own
        if (
            follower in trigger_sentences
            or follower >= len(ctx.sentences)
            or ctx.paragraph_break(ctx.sentences[follower - 1][1], ctx.sentences[follower][0])
        ):
            break
        wanted.append(follower)
        if follower not in ctx.referring:  # one that refers back ("zu dem Anschlag") does not count
            plain += 1
        follower += 1
    spans = [ctx.sentences[i] for i in wanted]
    out = []
    for fig in ctx.doc.figures:
        if fig.category not in _FATAL_CATEGORIES or fig.low is None or fig.part_of is not None:
            continue
        if not any(s <= fig.start < e for s, e in spans):
            continue
        if fig.place and place and place.name and fig.place not in (place.name, place.text):
            continue
        out.append(fig)
    return out


def _territory_sub_type(ctx: _Context, trig: Trigger, sentence: tuple[int, int]) -> str:
    kinds = [a.kind for a in ctx.doc.actors if sentence[0] <= a.start < sentence[1]]
    for kind in kinds:
        if kind == "state_forces":
            return "Government regains territory"
        if kind in ("rebel_group", "political_militia", "identity_militia"):
            return "Non-state actor overtakes territory"
    state, rebels = ctx.lex.lists["state_forces"], ctx.lex.lists["non_state_forces"]
    for _, _, word in ctx.tokens_in(*sentence):
        low = word.lower()
        if low in state:
            return "Government regains territory"
        if low in rebels:
            return "Non-state actor overtakes territory"
    return trig.sub_type


def _protest_sub_type(ctx: _Context, words: set[str], low_sentence: str) -> str:
    if _contains_phrase(low_sentence, ctx.lex.lists["protest_excessive_force"], words):
        return "Excessive force against protesters"
    if _contains_phrase(low_sentence, ctx.lex.lists["protest_intervention"], words):
        return "Protest with intervention"
    return "Peaceful protest"


# --- the stage --------------------------------------------------------------------------------------


def extract_events(doc: Document) -> list[Event]:
    """The events of one article (see the module docstring for the rules)."""
    text = doc.text
    lex = lexicon()
    if doc.nlp is None or not doc.sentences and text.strip():
        raise ConfigError("events.v1 needs the tokens and sentences of tokens.v1: run tokens.v1 before it")
    tokens = word_spans(doc.nlp)
    sentences = doc.sentences or [(0, len(text))]
    ctx = _Context(
        doc,
        lex,
        _parse_published(doc.article.published),
        tokens,
        [t[0] for t in tokens],
        sentences,
        [s for s, _ in sentences],
        doc.dateline.end if doc.dateline else 0,
    )
    ctx.main_place = main_place(ctx)

    # 1. triggers per sentence
    found: list[tuple[int, int, int, str, Trigger]] = []  # sentence, start, end, word, trigger
    i_sentence = 0
    for start, end, word in tokens:
        trig = find_trigger(word, lex)
        if trig is None:
            continue
        while i_sentence + 1 < len(sentences) and sentences[i_sentence + 1][0] <= start:
            i_sentence += 1
        found.append((i_sentence, start, end, word, trig))
    found = [
        item
        for item in _coordinated(text, found)
        if _required_words(ctx, item[0], item[4]) and not _names_no_incident(ctx, *item[:4])
    ]
    # a trigger that names an event only as an attack on a targeted group is no specific report
    # that a generic trigger nearby refers back to
    specific_sentences = {si for si, _, _, _, trig in found if not trig.generic and trig.scope is None}
    trigger_sentences = specific_sentences

    # 2. one event per clause: the highest-ranked trigger
    best: dict[tuple[int, int], tuple[int, int, int, str, Trigger]] = {}
    for item in found:
        si, start, _, _, trig = item
        if trig.generic and (
            any(
                k in specific_sentences and not ctx.paragraph_break(sentences[k][1], sentences[si][0])
                for k in (si, si - 1, si - 2)
            )
        ):  # it refers back to the specific report of its paragraph
            ctx.referring.add(si)
            continue
        clause = ctx.clause(start, sentences[si])
        key = (si, clause[0])
        if key not in best or trig.rank > best[key][4].rank:
            best[key] = item
    for (si, _clause_start), (_, start, end, _, trig) in sorted(best.items(), key=lambda kv: kv[0]):
        if ctx.events and (
            (trig.generic and _refers_back(ctx, si))
            or text[ctx.clause(start, sentences[si])[0] : start].lstrip().lower().startswith("darunter")
            or (trig.scope == "targeted" and _ground_of_proceedings(text, sentences[si][0], start, end, sentences[si][1]))
        ):  # "Vier Sicherheitskräfte seien zudem getötet worden", "darunter in einem Schusswechsel ein
            ctx.referring.add(si)  # Polizist": the event told before, or a part of it
            continue
        event = _build_event(ctx, si, start, end, trig, trigger_sentences)
        if event is not None:
            if _weak(ctx, event, si):
                ctx.weak.add(len(ctx.events))
            if event.type in ("Protests", "Riots") and _counter_protest(ctx, start, end, si):
                ctx.counter.add(len(ctx.events))
            ctx.events.append((event, si, trig.generic, trig.rank))
    # a report with no place of its own takes the article's before it joins an incident (a town it names
    # is finer than the region the incident was first told in)
    ctx.events = [
        (_with_place(ctx, e) if i in ctx.weak else e, si, generic, rank)
        for i, (e, si, generic, rank) in enumerate(ctx.events)
    ]
    return _one_per_place(ctx, [_with_place(ctx, event) for event in merge_within(ctx.events, ctx.weak, ctx.counter)])


# what may stand between two coordinated place names: a comma, "und", "sowie", "oder"
_PLACE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:und|sowie|oder)\s+)?|\s+(?:und|sowie|oder)\s+)")


# a locative preposition before a list, over articles and names the gazetteer may not know ("In Hohen
# Neuendorf, Hennigsdorf und …"), not over an origin or a verb
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Ii]m|[Bb]ei|[Nn]ahe|[Vv]or)\s+(?:(?:der|dem|den|Städten|Orten|Gemeinden)\s+)*(?:[A-ZÄÖÜ][\w-]*(?:\s+|,\s*))*$"
)


def _one_per_place(ctx: _Context, events: list[Event]) -> list[Event]:
    """ "In Hohen Neuendorf, Henningsdorf und Oranienburg führte die NPD Kundgebungen durch": an event
    placed at one of several coordinated towns happened in each of them (ACLED codes one event per
    location), so each other town gets its own event, the same in all but the place. Its fatalities stay
    with the first: the text does not say how they divide."""
    text = ctx.doc.text
    towns = sorted((p for p in ctx.doc.places if p.role != "dateline" and p.feature == "city"), key=lambda p: p.start)
    listed = {
        k
        for k in range(len(towns) - 1)
        if towns[k + 1].start - towns[k].end <= 12 and _PLACE_LIST_GAP.fullmatch(text, towns[k].end, towns[k + 1].start)
    }
    if not listed:
        return events  # no two towns named in a row
    out: list[Event] = []
    taken = {(e.type, e.place.name) for e in events if e.place is not None}
    for event in events:
        out.append(event)
        place = event.place
        if event.status != "current" or place is None or place.start is None or place.end is None:
            continue
        index = next((k for k, p in enumerate(towns) if p.start == place.start), None)
        if index is None:
            continue
        group = [towns[index]]
        k = index
        while k - 1 in listed:  # the towns listed before it
            k -= 1
            group.append(towns[k])
        k = index
        while k in listed:  # and after it
            k += 1
            group.append(towns[k])
        first = min(group, key=lambda p: p.start)
        if not _LOCATIVE_BEFORE.search(text, max(0, first.start - 40), first.start):
            continue  # "Aus Berlin und Frankfurt kämen Weisungen": a list of origins or sides, not of places
        for other in sorted(group, key=lambda p: p.start):
            if other.start == place.start or (event.type, other.name) in taken or in_quoted_name(text, other.start, other.end):
                continue
            taken.add((event.type, other.name))
            out.append(replace(event, place=as_event_place(other), fatalities=None))
    return out


_AGAINST = re.compile(r"\b(?:gegen|entgegen)\b")


def _counter_protest(ctx: _Context, start: int, end: int, si: int) -> bool:
    """Whether a protest is a counter-protest: its trigger names one ("Gegendemonstration",
    "Gegenproteste", "Sitzblockaden"), or its clause sets it against a protest or the far right
    ("Gegen die Veranstaltung protestieren 30 Menschen", "stellten sich dem Aufmarsch entgegen"): the
    'counter_protest_cues' and 'protest_targets' of ``event_triggers.json``. A counter-protest is an event
    of its own, never merged with the protest it opposes."""
    lists = ctx.lex.lists
    if any(cue in ctx.doc.text[start:end].lower() for cue in lists["counter_protest_cues"]):
        # told as an incident of its own: the noun opens its sentence ("Eine Gegendemonstration … war
        # angemeldet worden"), not a counter-protest named inside the account of the protest
        opening = ctx.doc.text[ctx.sentences[si][0] : start].split()
        return len(opening) <= 2 and all(word[:1].islower() or word.lower() in _DEFINITE | _INDEFINITE for word in opening)
    clause = ctx.clause(start, ctx.sentences[si])
    low_clause = ctx.doc.text[clause[0] : clause[1]].lower()
    for against in _AGAINST.finditer(low_clause):
        if against.group() == "entgegen":
            target_text = low_clause  # "sich dem Aufmarsch entgegenstellen": the target stands before
        else:
            target_text = " ".join(low_clause[against.end() :].split()[:4])
        if any(re.search(r"\b" + target + r"(?:e|n|en|es|s)?\b", target_text) for target in lists["protest_targets"]):
            return True
    return False


_GROUND_BEFORE = re.compile(r"\bwegen\s+(?:(?:des|der|dem|den|eines|einer|einem)\s+)?(?:[a-zäöüß]+\s+){0,2}$")
_CHARGED_AFTER = re.compile(r"^[^,.;]*?\b(?:zur\s+last\s+gelegt|vorgeworfen)\b")


def _ground_of_proceedings(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """Whether an offence (a trigger of the targeted scope) is named as the ground of an investigation or a
    charge ("Die Polizei ermittelt
    wegen gefährlicher Körperverletzung", "Ihm wird Körperverletzung zur Last gelegt"): after an incident
    told before, it names that incident's offence, not another incident."""
    before = text[max(sentence_start, start - 60) : start].lower()
    return bool(_GROUND_BEFORE.search(before) or _CHARGED_AFTER.match(text[end:sentence_end].lower()))


def _weak(ctx: _Context, event: Event, si: int) -> bool:
    """Whether a report names neither a time nor a place of its own: its date and place come from the
    sentences around it ("Zuerst habe er dort Handgranaten geworfen", "Durch den Sprengsatz wurde
    Sachschaden angerichtet"), and no additive word ("weitere", "erneut") makes it another incident;
    or a noun a verb of classifying governs ("Die Behörden gehen von einem Terroranschlag aus"). Such a
    report goes on telling an incident told before."""
    if event.trigger is not None and event.trigger.start in ctx.classifying:
        return True  # what an incident told before was ("gehen von einem Terroranschlag aus")
    start, end = ctx.sentences[si]
    time = event.date.time if event.date is not None else None
    if time is not None and start <= time.start < end:
        return False
    if event.trigger is None:
        return False
    own_place = event.place is not None and event.place.start is not None and start <= event.place.start < end
    if own_place and not (_definite_noun(ctx, event.trigger.start) and event.place.precision >= 3):  # type: ignore[union-attr]
        # "Der Luftangriff scheint im Zusammenhang mit dem Konflikt im Nordjemen zu stehen": the incident
        # named with a definite article is the one told before; a region beside it is no place of its own
        return False
    clause = ctx.clause(event.trigger.start, ctx.sentences[si])
    return not {w.lower() for *_, w in ctx.tokens_in(*clause)} & ctx.lex.lists["additive_words"]


_DEFINITE_ARTICLES = frozenset({"der", "die", "das", "dem", "den", "des"})


def _definite_noun(ctx: _Context, start: int) -> bool:
    """Whether the trigger at ``start`` is a noun with a definite article right before it ("Der Luftangriff",
    "bei dem Anschlag"), an adjective allowed between ("der verheerende Anschlag")."""
    if not ctx.doc.text[start : start + 1].isupper():
        return False
    before = ctx.doc.text[max(0, start - 40) : start].split()[-2:]
    words = [w.lower() for w in before]
    return bool(words) and (
        words[-1] in _DEFINITE_ARTICLES or (len(words) == 2 and words[0] in _DEFINITE_ARTICLES and not before[1][:1].isupper())
    )


def _refers_back(ctx: _Context, si: int) -> bool:
    """Whether the sentence refers to what was told before with an adverb ("Vier Sicherheitskräfte seien
    zudem getötet worden", "Dabei wurden …")."""
    low = ctx.doc.text[slice(*ctx.sentences[si])].lower()
    return _contains_phrase(low, ctx.lex.lists["back_reference_adverbs"], {w.lower() for *_, w in ctx.tokens_in(*ctx.sentences[si])})


def _with_place(ctx: _Context, event: Event) -> Event:
    if event.place is not None or event.trigger is None:
        return event
    place = last_resort_place(ctx, event.trigger, ctx.sentence_of(event.trigger.start))
    return replace(event, place=place) if place is not None else event


_COORDINATION = re.compile(r"(?:\s*,\s*|\s+(?:und|oder|sowie|bzw\.)\s+)(?:[^\W\d]+\s+){0,4}", re.UNICODE)


_PARTICIPLE_NOUN_ENDINGS = ("te", "ten", "ter", "tes", "tem", "ene", "enen", "ener")
_HEADING_END = re.compile(r"[.!?:;\"“”„»«)]\s*$")


def _names_no_incident(ctx: _Context, si: int, start: int, end: int, word: str) -> bool:
    """Whether a trigger word names no incident of its own: a participle used as a noun names people
    ("Die beiden Entführten sind Mitarbeiter einer Firma", "Unter den Getöteten"), and a heading over a
    paragraph ("Brandanschlag in X" on a line of its own) names the incident the paragraph tells."""
    low = word.lower()
    if (
        word[:1].isupper()
        and start > ctx.sentences[si][0]
        and low in ctx.lex.words
        and low.endswith(_PARTICIPLE_NOUN_ENDINGS)
    ):
        return True
    return _in_heading(ctx.doc.text, start, end)


def _in_heading(text: str, start: int, end: int) -> bool:
    """A line of at most eight words with no closing punctuation mark and a paragraph after it; a heading
    glued to the last sentence of the paragraph before it ("… aus.Brandanschlag in X") starts after
    that sentence's full stop."""
    line_end = text.find("\n", end)
    if line_end < 0 or not text[line_end:].strip():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    stop = max(text.rfind(mark, line_start, start) for mark in ".!?")
    segment = text[max(line_start, stop + 1) : line_end]
    return len(segment.split()) <= 8 and not _HEADING_END.search(segment)


def _required_words(ctx: _Context, si: int, trig: Trigger) -> bool:
    """A trigger with ``require_any`` words names an event only beside one of them in its sentence
    ("in Brand gesetzt", "Versammlung unter dem Motto"), or in the next where it says so."""
    if not trig.require_any:
        return True
    long_words = _long_required(trig.require_any)
    start, end = ctx.sentences[si]
    if trig.require_next and si + 1 < len(ctx.sentences):
        end = ctx.sentences[si + 1][1]
    for _, _, word in ctx.tokens_in(start, end):
        low = word.lower()
        # a compound names what its last part names: "Kalksandstein" is a stone, "Glasflaschen" bottles
        if low in trig.require_any or (len(low) > 6 and low.endswith(long_words)):
            return True
    return False


@lru_cache(maxsize=64)
def _long_required(words: frozenset[str]) -> tuple[str, ...]:
    """The required words long enough to end a compound (five letters and more)."""
    return tuple(w for w in words if len(w) >= 5)


def _coordinated(
    text: str, found: list[tuple[int, int, int, str, Trigger]]
) -> list[tuple[int, int, int, str, Trigger]]:
    """Verbs coordinated in one clause ("eingeholt, verhaftet oder auf der Stelle erschossen") report
    one incident: a Strategic development among them (the arrest) is part of the violent act it is
    listed with, as ACLED codes arrests only where no violence is reported, so it names no event."""
    drop: set[int] = set()
    i = 0
    while i < len(found):
        j = i
        while (
            j + 1 < len(found)
            and found[j + 1][0] == found[i][0]
            and found[j][3].islower()
            and found[j + 1][3].islower()
            and _COORDINATION.fullmatch(text, found[j][2], found[j + 1][1])
        ):
            j += 1
        group = range(i, j + 1)
        if j > i and any(found[k][4].type != "Strategic developments" for k in group):
            drop.update(k for k in group if found[k][4].type == "Strategic developments")
        i = j + 1
    return [item for k, item in enumerate(found) if k not in drop]


def _context_texts(ctx: _Context, si: int) -> tuple[str, str]:
    """The lower-cased sentence, and the sentence with its neighbours and the article title."""
    text = ctx.doc.text
    sentence = ctx.sentences[si]
    first = ctx.sentences[max(si - 1, 0)][0]
    last = ctx.sentences[min(si + 1, len(ctx.sentences) - 1)][1]
    return text[sentence[0] : sentence[1]].lower(), (
        (ctx.doc.article.title or "") + "\n" + text[first:last]
    ).lower()


def _scope(
    ctx: _Context,
    si: int,
    trig: Trigger,
    trigger: Mention,
    clause: tuple[int, int],
    clause_tokens: list[tuple[int, int, str]],
    targeted: bool,
) -> str | None:
    """Why the trigger names no ACLED event (see :mod:`lagebild.extract.events.scope`), or None."""
    text = ctx.doc.text
    sentence = ctx.sentences[si]
    low_sentence, near = _context_texts(ctx, si)
    return out_of_scope(
        ctx.lex.lists,
        event_type=trig.type,
        sub_type=trig.sub_type,
        generic=trig.generic,
        trigger=trigger.text,
        around=text[max(sentence[0], trigger.start - 30) : min(sentence[1], trigger.end + 30)].lower(),
        clause=text[clause[0] : clause[1]].lower(),
        clause_words={w.lower() for _, _, w in clause_tokens},
        after_trigger=text[trigger.end : clause[1]].lower(),
        before_trigger=text[sentence[0] : trigger.start].lower(),
        sentence=low_sentence,
        near=near,
        place_in_clause=any(clause[0] <= p.start < clause[1] for p in ctx.doc.places),
        targeted_only=trig.scope == "targeted",
        targeted=targeted,
    )


def _targeted(ctx: _Context, si: int, trigger: Mention, clause: tuple[int, int]) -> bool:
    """Whether the act the trigger names targets people for who they are (see :func:`targets_group`)."""
    text = ctx.doc.text
    sentence = ctx.sentences[si]
    low_sentence, near = _context_texts(ctx, si)
    if targets_group(
        ctx.lex.lists,
        text[sentence[0] : trigger.start].lower(),
        text[trigger.end : sentence[1]].lower(),
        text[clause[0] : clause[1]].lower(),
        low_sentence,
        near,
    ):
        return True
    if not group_pattern(ctx.lex.lists).search(low_sentence):
        return False  # no word of a targeted group in the sentence: no parse can find one as the target
    return _parsed_target_in_group(ctx, si, trigger)


def _victim_heads(ctx: _Context, si: int, trigger: Mention) -> list[Any]:
    """The head tokens of what a verbal trigger acts on by the parse: its object or passive subject."""
    from lagebild.extract.figures.syntax import linear_roles

    syntax: Any = ctx.doc.syntax
    if syntax is None:
        return []
    token = syntax.sentence(si).token_at(trigger.start)
    if token is None or token.pos_ not in ("VERB", "AUX", "ADJ") and token.tag_ != "VVPP":
        return []
    return [argument for argument, role in linear_roles(token, "transitive") if role == "victim"]


def _unarmed_target(ctx: _Context, si: int, trigger: Mention) -> bool:
    """Whether an attack verb acts on people named by no armed role ("Zwei Männer haben einen Syrer
    angegriffen"): an attack on unarmed people is no battle."""
    from lagebild.extract.figures.syntax import is_attacker_noun, is_person_noun

    armed = ctx.lex.lists["state_forces"] | ctx.lex.lists["non_state_forces"] | ctx.lex.lists["actor_nouns"]
    heads = _victim_heads(ctx, si, trigger)
    return bool(heads) and all(
        is_person_noun(h.text)
        and h.text.lower() not in armed
        and not is_attacker_noun(h.text)
        # "Regierungssoldaten", "US-Soldaten": a compound names what its last part names
        and not h.text.lower().startswith(tuple(a for a in armed if len(a) >= 6))
        and not h.text.lower().endswith(tuple(a for a in armed if len(a) >= 5))
        for h in heads
    )


def _parsed_target_in_group(ctx: _Context, si: int, trigger: Mention) -> bool:
    """Whether the parse names a targeted group as the one a verbal trigger acts on: its object, its
    passive subject, also across participles in a row ("wurde ein Asylsuchender … angepöbelt, geschubst
    und getreten", :func:`_victim_heads`); the words read are the head and up to five before it that
    hang on it."""
    groups = group_pattern(ctx.lex.lists)
    for head in _victim_heads(ctx, si, trigger):
        first = min(t.i for t in head.subtree)
        lo = first if head.i - first < 6 else head.i
        if groups.search(" ".join(t.text for t in head.doc[lo : head.i + 1]).lower()):
            return True
    return False


def _reading(ctx: _Context, si: int, start: int) -> TriggerReading | None:
    """The parse's reading of the trigger (:mod:`lagebild.extract.events.syntax`); only a sentence that
    holds a trigger still standing after the scope rules is parsed."""
    syntax: Any = ctx.doc.syntax
    if syntax is None:
        return None
    return read_trigger(syntax.sentence(si), start, ctx.lex.lists)


def _build_event(
    ctx: _Context, si: int, start: int, end: int, trig: Trigger, trigger_sentences: set[int]
) -> Event | None:
    doc, lex = ctx.doc, ctx.lex
    sentence = sentences_span = ctx.sentences[si]
    clause = ctx.clause(start, sentences_span)
    clause_tokens = ctx.tokens_in(*clause)
    low_clause = doc.text[clause[0] : clause[1]].lower()
    sentence_words = {w.lower() for _, _, w in ctx.tokens_in(*sentence)}
    trigger = doc.mention(start, end)
    targeted = _targeted(ctx, si, trigger, clause)
    if _scope(ctx, si, trig, trigger, clause, clause_tokens, targeted):
        return None
    if trigger.text.lower() in lex.lists["throw_verbs"] and _any(_context_texts(ctx, si)[1], _PROTEST_STEMS):
        return None  # stones thrown at a protest are the protest's, a riot
    modality = text_modality(lex.lists, clause_tokens, trigger.start, low_clause)
    if modality in ("negated", "hypothetical"):
        return None
    reading = _reading(ctx, si, start)
    if reading is not None:
        governor = reading.governor
        if (
            reading.kind
            or (reading.attributive and trig.generic)
            or governor in lex.lists["prevention_verbs"]
            or (governor in lex.lists["ending_verbs"] and trig.type != "Protests")
        ):
            return None  # "Videos von Massakern", "Der getötete Agent", "vereitelten", "seine Luftangriffe beenden"
        if governor in lex.lists["classification_verbs"]:
            ctx.classifying.add(start)  # "Die Behörden gehen von einem Terroranschlag aus"
        warned = governor in lex.lists["warning_verbs"] and not (reading.past and _definite_before(ctx, start))
        if (reading.future or warned) and modality is None:
            modality = "future"  # "warnte vor Anschlägen", "haben eine Kundgebung angekündigt"
    sub_type = trig.sub_type
    if trig.territory:
        sub_type = _territory_sub_type(ctx, trig, sentence)
    elif trig.type == "Protests":
        following = ctx.sentences[si + 1] if si + 1 < len(ctx.sentences) else (sentence[1], sentence[1])
        around = doc.text[sentence[0] : following[1]].lower()
        sub_type = _protest_sub_type(
            ctx, {w.lower() for _, _, w in ctx.tokens_in(sentence[0], following[1])}, around
        )
    place = place_slot(ctx, trigger, si, clause)
    event_date, day = _date_slot(ctx, trigger, si)
    if reading is not None and reading.past and event_date is not None and event_date.time is not None:
        earlier_day = past_weekday(event_date.time.text, day, ctx.published)
        if earlier_day is not None:  # "Am Freitag sollen 100 Personen … angegriffen haben": last Friday
            event_date, day = replace(event_date, value=earlier_day.isoformat()), earlier_day
    own_time = event_date is not None and event_date.time is not None and event_date.time.start >= sentence[0]
    status: EventStatus = "current"
    if (
        modality == "historical"
        or (day and ctx.published and event_date and _last_day(event_date) < _shift(ctx.published, -BACKGROUND_DAYS))
        or (day and ctx.published and day < _shift(ctx.published, -365))
        or years_before(doc.text[sentence[0] : start])
        or (not own_time and (reading is None or reading.past) and _told_as_past(ctx, si, clause))
    ):
        status = "historical"
    elif modality == "future" or (day and ctx.published and day > ctx.published):
        status = "future"
    etype = trig.type
    if trig.generic and trig.type == "Battles":
        victims = {f.victims for f in doc.figures if sentence[0] <= f.start < sentence[1] and f.victims}
        if (
            sentence_words & lex.lists["civilian_victims"]
            or victims & lex.lists["civilian_victims"]
            or _unarmed_target(ctx, si, trigger)
        ):
            etype, sub_type = "Violence against civilians", "Attack"
    etype, sub_type = refine(
        lex.lists, etype, sub_type, trig.generic, trigger.text, low_clause, *_context_texts(ctx, si), targeted,
        trig.scope == "targeted",
    )
    etype, sub_type = refer_back(etype, sub_type, trig.generic, trigger.text, [e for e, *_ in ctx.events])
    if etype in _VIOLENT and reading is not None and _force_on_protest(ctx, reading, clause):
        etype, sub_type = "Protests", "Excessive force against protesters"  # "Das Protestcamp wurde von Polizisten gestürmt"
    if status == "current" and not own_time and _named_incident_elsewhere(ctx, start, end):
        status = "historical"  # "die Attentäter des Anschlags von Paris": a known incident, not this article's
    own_date = event_date is not None and event_date.time is not None and event_date.time.start >= sentence[0]
    reaction = (  # "verurteilte den Anschlag"; "verurteilte einen Anschlag in X" tells of another one
        reading is not None and reading.governor in lex.lists["reaction_verbs"] and not _indefinite_before(ctx, start)
    )
    earlier = _referent(ctx, start, etype, sub_type, trig.generic, reaction) if event_date is not None else None
    if (
        earlier is not None
        and event_date is not None
        and (not own_date or (earlier.date is not None and (earlier.date.value or "")[:10] == (event_date.value or "-")[:10]))
        and (not named_in_clause(ctx, place, clause) or same_place(earlier.place, place))
    ):  # "den Anschlag" with no date of its own, or with the same day ("Die Unruhen sind am Mittwoch
        # ausgebrochen"), and no place of its own ("bei dem Anschlag in Kandahar" is another one)
        event_date, status, place = earlier.date, earlier.status, earlier.place or place
        etype, sub_type = earlier.type, earlier.sub_type
    figures = _figures_for(ctx, si, place, trigger_sentences)
    mentions, actor1, actor2 = event_actors(ctx, sentence, place, reading)
    ev_start, ev_end = _trim(doc.text, clause[0], clause[1])
    if ev_end - ev_start > 240:
        ev_start, ev_end = _trim(doc.text, max(clause[0], start - 120), min(clause[1], end + 120))
    return Event(
        doc.id,
        ev_start,
        ev_end,
        doc.text[ev_start:ev_end],
        etype,
        sub_type,
        trigger,
        trig.plover,
        mentions,
        actor1,
        actor2,
        place,
        event_date,
        fatalities_of(figures),
        status,
    )


_PROTEST_STEMS = ("demonstr", "protest", "kundgebung")
_FORCE_STEMS = ("polizei", "polizist", "sicherheitskräft", "soldat", "truppen", "armee", "militär")


def _force_on_protest(ctx: _Context, reading: TriggerReading, clause: tuple[int, int]) -> bool:
    """Whether the act is state forces' on a protest: its target names a protest or protesters and its
    actor (or, where the parse names none, its clause) police or troops ("Das Protestcamp wurde von
    Bereitschaftspolizisten gestürmt"); ACLED codes it as excessive force against protesters."""
    if reading.target is None:
        return False
    actor = ctx.doc.text[slice(*(reading.actor or clause))].lower()
    target = ctx.doc.text[slice(*reading.target)].lower()
    return _any(actor, _FORCE_STEMS) and _any(target, _PROTEST_STEMS)


def _any(text: str, stems: tuple[str, ...]) -> bool:
    return any(stem in text for stem in stems)


_NAMED_BY_PLACE = re.compile(r"\w*\s+von\s+$")


def _named_incident_elsewhere(ctx: _Context, start: int, end: int) -> bool:
    """Whether a definite trigger noun is an incident named by its place ("des Anschlags von Paris", "die
    Anschläge von Bali") that the article has not told: a known incident it refers to as background."""
    text = ctx.doc.text
    if not text[start:end][:1].isupper() or not _definite_before(ctx, start):
        return False
    place = next((p for p in ctx.doc.places if end < p.start <= end + 8), None)
    if place is None or not _NAMED_BY_PLACE.fullmatch(text[end : place.start]):
        return False
    named = (place.name or place.text or "").casefold()
    return not any(
        e.place is not None and named in ((e.place.name or "").casefold(), (e.place.text or "").casefold())
        for e, *_ in ctx.events
    )


BACKGROUND_DAYS = 60
"""An incident dated this many days or more before publication is background to the news, not news."""


def _told_as_past(ctx: _Context, si: int, clause: tuple[int, int]) -> bool:
    """Whether a trigger with no time of its own, told in a past tense, is told in a past frame: its clause names a time before
    the background limit, or follows one ("Seit 2003, als man einen Waffenstillstand schloss"), or the
    sentence before it in its paragraph told a historical incident of such a time ("… einer
    Entführung im Jahr 2000. Von dort wurden sie verschleppt") or tells the past with a historical
    adverb ("Sie verbrachten damals den Urlaub auf Sipadan. Von dort wurden sie verschleppt")."""
    if ctx.published is None:
        return False
    text = ctx.doc.text
    frame = (clause[0], clause[1])
    if re.match(r"\s*als\b", text[clause[0] : clause[1]]):
        frame = (max(ctx.sentences[si][0], clause[0] - 40), clause[1])  # the time the "als" clause follows
    if _old_time_in(ctx, *frame):
        return True
    if si == 0 or ctx.paragraph_break(ctx.sentences[si - 1][1], ctx.sentences[si][0]):
        return False
    before = [e for e, k, *_ in ctx.events if k == si - 1]
    if before and all(e.status == "historical" for e in before) and _old_time_in(ctx, *ctx.sentences[si - 1]):
        return True
    return _historical_adverb(ctx, si - 1)


def _historical_adverb(ctx: _Context, si: int) -> bool:
    """Whether a sentence tells the past with one of the historical cues as an adverb ("Sie verbrachten
    damals den Urlaub auf Sipadan", "Einige hatten vor Jahren Katholiken ermordet"), not as an adjective
    before a noun ("in einem einstigen Krankenhaus")."""
    words = ctx.tokens_in(*ctx.sentences[si])
    low = " ".join(w.lower() for *_, w in words)
    for cue in ctx.lex.lists["historical"]:
        if " " in cue:
            if f" {cue} " in f" {low} ":
                return True
            continue
        for k, (*_, word) in enumerate(words):
            if word.lower() == cue and not (k + 1 < len(words) and words[k + 1][2][:1].isupper()):
                return True
    return False


def _old_time_in(ctx: _Context, start: int, end: int) -> bool:
    """Whether a calendar time between ``start`` and ``end`` lies before the background limit (a period
    still running, "die seit Juni andauernden Unruhen", only a year back)."""
    assert ctx.published is not None
    for t in ctx.doc.times:
        if start <= t.start < end and t.type in ("DATE", "TIME") and _CALENDAR.match(t.value):
            resolved = timex_date(t.value, t.mod, t.text, ctx.published)
            limit = _shift(ctx.published, -BACKGROUND_DAYS if _usable_time(t) else -365)
            if resolved and _last_day(resolved[0]) < limit:
                return True
    return False


def _last_day(event_date: EventDate) -> date:
    """The last day a date may stand for: the day, the month's last day, the year's."""
    value = event_date.value or ""
    if re.fullmatch(r"\d{4}-\d{2}", value):
        first = date(int(value[:4]), int(value[5:7]), 1)
        return _shift(first.replace(day=28), 4).replace(day=1) - timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 12, 31)
    return _iso(value[:10]) or date.max


_DEFINITE = frozenset(
    {"der", "die", "das", "den", "dem", "des", "dieser", "diese", "diesen", "diesem", "dieses"}
)


def _referent(
    ctx: _Context, start: int, etype: str, sub_type: str, generic: bool, reaction: bool
) -> Event | None:
    """The earlier event of the article that a trigger refers back to: after a definite article or
    demonstrative, also across adjectives ("den Anschlag", "dieser Angriff", "des vermutlich
    terroristischen Anschlags"), or as what a reaction is about ("Das Auswärtige Amt verurteilte den
    Anschlag"): the last one of the same type and sub-type; for a generic trigger, an explosion word or a
    reaction the last violent event ("nahe der Explosion" after a suicide bombing), not for a specific one
    ("die russischen Luftschläge" after a battle told before)."""
    if not (reaction or _definite_before(ctx, start)):
        return None
    head = ctx.doc.text[start : start + 6].lower()
    for event, *_ in reversed(ctx.events):  # "Der Angriff" is the "Angriff" told before
        if event.trigger is not None and event.trigger.text[:6].lower() == head and event.type in (etype, *_VIOLENT):
            return event
    loose = generic or reaction or ctx.doc.text[start:start + 20].split()[0].lower() in ctx.lex.lists["accident_sensitive_words"]
    for event, *_ in reversed(ctx.events):
        if (event.type == etype and event.sub_type == sub_type) or (loose and event.type in _VIOLENT):
            return event
    return None


def _definite_before(ctx: _Context, start: int) -> bool:
    """A definite article or demonstrative before the trigger, also across adjectives ("den Anschlag",
    "des vermutlich terroristischen Anschlags")."""
    return determiner_before(ctx.tokens, ctx.token_starts, start, _DEFINITE, _STOP_BEFORE_NOUN)


def _indefinite_before(ctx: _Context, start: int) -> bool:
    """An indefinite article before the trigger or its adjectives ("einen Anschlag")."""
    return determiner_before(ctx.tokens, ctx.token_starts, start, _INDEFINITE, _DEFINITE)


_INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "mehrere", "zwei", "drei"})
_STOP_BEFORE_NOUN = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "bei", "nach", "in", "von"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    strip = " \t\n\r\u00a0„“\"'»«:.–—-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in " \t\n\r\u00a0:–—-":
        end -= 1
    return start, end


@stage(
    "events.v1",
    requires=("nlp", "sentences"),
    uses=("syntax", "entities", "actors", "places", "dateline", "times", "quotes", "figures"),
    assigns=("events",),
)
def make_events() -> Any:
    """ACLED-coded events with actors, place, date, fatalities and status (trigger lexicon + rules)."""
    lexicon()

    def events(doc: Document) -> Document:
        doc.events = extract_events(doc)
        return doc

    return events
