"""The place of an event: where the incident happened, not where the report was filed.

In order, the first that names a place (ACLED's geo precision in brackets):

1. a place in the trigger's clause or sentence, after a locative preposition ("in", "bei", "nahe",
   "östlich von") first; places after "zwischen"/"aus"/"gegen" are sides or origins and are skipped
   ("Kämpfe zwischen Rebellen aus Idlib …"), as are neighbours ("an der Grenze zu Ägypten") and, in
   the parse, a place that is the subject of its clause ("…, sagt Khartum") [the place's own]. A town the gazetteer does not know,
   named after a locative preposition in the trigger's clause ("bei einem Anschlag in Raschidin"), is
   the event place by its name, with the coordinates of the place the other steps find, else of the
   town of the adjective before its settlement noun ("im Kasseler Stadtteil Harleshausen"), else of the
   town named elsewhere in the paragraph (step 5) [2]. A part of a hyphenated name ("Leipzig-Grünau")
   that the gazetteer puts far from the town before the hyphen lies at that town;
2. the place of the event told just before in the paragraph (up to two sentences back);
3. a town or region of the sentence before (not a country without a locative preposition) [2];
4. the article's most mentioned place (named at least twice) [2];
5. the nearest town or region named before the trigger in its paragraph, else the first named after it
   ("Unbekannte haben drei Häuser in Brand gesteckt, … In Vorra …"; after it also a town in a quoted
   slogan: "… die Worte „Kein Heim in Vorra“") [2];
6. the dateline, only when nothing else is named [2];
7. a town named only inside a quoted name or motto ("die Bürgerinitiative „Schneeberg wehrt sich“"),
   else a town the actors come from ("25 Neonazis aus Bochum und Umgebung") [2];
8. the town a reporting police authority is named after ("Laut der Polizeidirektion Chemnitz") [2];
9. the country the article is about (most of its places lie there) [3].

In step 1 a place is passed over where it only locates the place named before it (a relative clause or
apposition: "In Hilla, einer Stadt südlich von Bagdad, …"), where the injured were treated ("im
Schwedter Krankenhaus"), where it names a whole land ("in ganz Sachsen") and where a country is the
genitive of an armed actor ("die Streitkräfte der Vereinigten Staaten"). An event placed at a country
named in its clause lies at the town of that country the article names most, unless the clause says
where in the country or names several of its towns [2]. Step 9 leaves out where people come from ("ein
Asylbewerber aus Tunesien"); an article that names only such places has no country of its own.

A place inside quotation marks that hold more than its name is part of a name, slogan or motto
("die Gruppierung „Pro NRW“", "unter dem Motto „Kein Heim in Rudolstadt“"): steps 1–5 pass it over,
but for the first place named after the trigger in step 5.

A clause that names no place but the country it speaks of ("im Südosten des Landes", "auf den Straßen
der Hauptstadt") places the event in that country [3] before steps 2–6; a next sentence that
elaborates it ("Dabei wurden die Städte Askalon und Beerscheba getroffen") names its place [2].
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from typing import Any, Protocol

from lagebild.extract.places.gazetteer import haversine_km
from lagebild.model import Document, Event, EventPlace, Mention

PART_OF_TOWN_KM = 25.0  # a part of a town lies within this distance of the town's coordinates


class PlaceContext(Protocol):
    """What the place rules read of the article being analysed (:class:`lagebild.extract.events._Context`)."""

    doc: Document
    lex: Any
    tokens: list[tuple[int, int, str]]
    token_starts: list[int]
    sentences: list[tuple[int, int]]
    dateline_end: int
    main_place: Any
    events: list[tuple[Event, int, bool, int]]

    def paragraph_break(self, a: int, b: int) -> bool: ...


# words that may stand between a preposition and a place name ("in der nordsyrischen Stadt Ariha")
_ARTICLES = frozenset(
    re.findall(
        r"\S+",
        "der die das dem den des ein eine einem einer eines und oder sowie stadt provinz region dorf ort bezirk "
        "nähe umgebung rand zentrum norden süden osten westen",
    )
)


_QUOTE_MARKS = frozenset('"„“”»«')


def in_quoted_name(text: str, start: int, end: int) -> bool:
    """Whether the span ``start``–``end`` stands inside quotation marks that hold more than it: a name,
    slogan or motto that names the place ("„Schneeberg wehrt sich“", "„Kein Heim in Rudolstadt“"), not
    where something happened. Marks are counted from the line's start; an odd count opens a quote."""
    line_start = text.rfind("\n", 0, start) + 1
    before = [i for i in range(line_start, start) if text[i] in _QUOTE_MARKS]
    if len(before) % 2 == 0:
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    close = next((i for i in range(end, line_end) if text[i] in _QUOTE_MARKS), None)
    if close is None:
        return False
    if text[line_start : before[-1]].rstrip().endswith(":"):
        return False  # speech: 'schrieb: „Furchtbare Nachrichten aus X“'
    inside = text[before[-1] + 1 : start] + text[end:close]
    return any(ch.isalpha() for ch in inside)


def _quoted(ctx: PlaceContext, place: Any) -> bool:
    """A place in a quoted name or motto; one in what someone is quoted as saying (a quote of the
    quotes stage) is not."""
    if any(q.start <= place.start and place.end <= q.end for q in ctx.doc.quotes):
        return False
    return in_quoted_name(ctx.doc.text, place.start, place.end)


def _place_candidates(ctx: PlaceContext, start: int, end: int) -> list[Any]:
    doc = ctx.doc
    places = [
        p
        for p in doc.places
        if start <= p.start < end and p.role != "dateline" and p.start >= ctx.dateline_end and not _quoted(ctx, p)
    ]
    if places or doc.places:
        return places
    return [
        e for e in doc.entities if e.label == "LOC" and start <= e.start < end and e.start >= ctx.dateline_end
    ]


def _preposition_before(ctx: PlaceContext, offset: int, floor: int) -> str | None:
    """The preposition that governs a place at ``offset``: walk back over articles, nouns like "Provinz",
    conjunctions and other names; the first preposition of either list decides."""
    loc, nonloc = ctx.lex.lists["location_prepositions"], ctx.lex.lists["non_location_prepositions"]
    i = bisect_right(ctx.token_starts, offset - 1) - 1
    steps = 0
    while i >= 0 and steps < 6 and ctx.tokens[i][0] >= floor:
        low = ctx.tokens[i][2].lower()
        if low in nonloc:
            return "non"
        if low in loc:  # "an der Grenze zu Ägypten": the neighbour, not where it happened
            return "non" if i > 0 and ctx.tokens[i - 1][2].lower() in ctx.lex.lists["border_nouns"] else "loc"
        if not (low in _ARTICLES or ctx.tokens[i][2][:1].isupper() or low.endswith(("ischen", "ische"))):
            return None
        i -= 1
        steps += 1
    return None


def _subject(ctx: PlaceContext, offset: int) -> bool:
    """Whether the place at ``offset`` is the subject of its clause, a government or city speaking or
    acting ("…, sagt Khartum", "Moskau erklärte"): an actor, not where it happened. Read only where the
    sentence is parsed already (the trigger's)."""
    syntax: Any = getattr(ctx.doc, "syntax", None)
    if syntax is None:
        return False
    index = ctx.doc.sentence_index(offset)
    sentence = getattr(syntax, "parsed", {}).get(index)
    token = sentence.token_at(offset) if sentence is not None else None
    return token is not None and token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ in ("VERB", "AUX")


def _actor_spans(ctx: PlaceContext, start: int, end: int) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in ctx.doc.actors if start <= a.start < end]


def _pick_place(
    ctx: PlaceContext, trigger: Mention, sentence: tuple[int, int], clause: tuple[int, int], strict: bool
) -> tuple[Any, int] | None:
    candidates = _place_candidates(ctx, *sentence)
    actors = _actor_spans(ctx, *sentence)
    best: tuple[float, Any] | None = None
    for place in candidates:
        if any(a_start <= place.start < a_end for a_start, a_end in actors) or _reference_place(ctx, place):
            continue
        if _describes_place_before(ctx, place, candidates) or _place_of_treatment(ctx.doc.text, place):
            continue
        if _THROUGHOUT.search(ctx.doc.text, max(0, place.start - 12), place.start):
            continue  # "in ganz Sachsen": all over a land, not where it happened
        if getattr(place, "feature", "city") == "country" and _forces_of(ctx, place.start):
            continue  # "die Streitkräfte der Vereinigten Staaten": whose forces, not where they struck
        prep = _preposition_before(ctx, place.start, sentence[0])
        if prep == "non" or (prep is None and _subject(ctx, place.start)):
            continue
        feature = getattr(place, "feature", "city")
        if feature == "city" and _after_district_noun(ctx.doc.text, place.start):
            feature = "region"  # "in Villmar im Kreis Limburg-Weilburg": the district, not the town
        if strict and feature == "country" and prep != "loc":
            continue
        score = 0.0
        if clause[0] <= place.start < clause[1]:
            score += 2.0
        if prep == "loc":
            score += 0.5 if _OF_A_NOUN.search(ctx.doc.text, max(0, place.start - 40), place.start) else 1.5
        if feature == "country":
            score -= 1.0
        elif feature == "city" and prep == "loc" and clause[0] <= place.start < clause[1]:
            score += 0.5  # the most specific place named: "in Hotan im Südosten von Xinjiang"
        score -= abs(place.start - trigger.start) / 400.0
        if best is None or score > best[0]:
            best = (score, place)
    if best is None:
        return None
    return best[1], (1 if getattr(best[1], "feature", "city") == "city" else 2)


# "der Befreiung von Auschwitz", "der Provinzhauptstadt von Gansu": "von" after a noun names whose or
# what it is, a weaker sign of where things happen than "in", "bei" or "nahe"
_OF_A_NOUN = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+\s+von\s+$")


_DISTRICT_NOUNS = frozenset(
    {"kreis", "landkreis", "bezirk", "regierungsbezirk", "stadtbezirk", "provinz", "region", "distrikt", "kanton"}
)
_WORD_BEFORE = re.compile(r"(\w+)\s+(?:\w+-)?$")


def _after_district_noun(text: str, start: int) -> bool:
    """Whether the name at ``start`` names a district: after "Kreis", "Landkreis", "Bezirk" …, also as the
    second part of a hyphenated district name ("im Kreis Limburg-Weilburg")."""
    m = _WORD_BEFORE.search(text, max(0, start - 60), start)
    return m is not None and m.group(1).lower() in _DISTRICT_NOUNS


def as_event_place(place: Any, precision: int | None = None) -> EventPlace:
    if hasattr(place, "name") and hasattr(place, "lat"):
        geo = precision or place.precision
        if place.feature == "country":
            geo = 3
        elif place.relation:
            geo = max(geo, 2)
        return EventPlace(
            place.text,
            place.name,
            place.country,
            place.lat,
            place.lon,
            geo,
            place.start,
            place.end,
            place.admin1,
        )
    return EventPlace(place.text, place.text, None, None, None, precision or 2, place.start, place.end)


def main_place(ctx: PlaceContext) -> Any:
    counts: Counter[str] = Counter()
    first: dict[str, Any] = {}
    for place in ctx.doc.places:
        if place.role == "dateline" or place.feature == "country" or place.start < ctx.dateline_end:
            continue
        if _quoted(ctx, place):  # "„Pro NRW“", "„Bombenleger von X“": part of a name, not the article's place
            continue
        counts[place.name] += 1
        first.setdefault(place.name, place)
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    return first[name] if count >= 2 else None


def place_slot(ctx: PlaceContext, trigger: Mention, si: int, clause: tuple[int, int]) -> EventPlace | None:
    place = _place_in_clause_or_before(ctx, trigger, si, clause)
    low_clause = ctx.doc.text[clause[0] : clause[1]].lower()
    if not any(phrase in low_clause for phrase in ctx.lex.lists["country_references"]) and not _MANY_PLACES.search(
        low_clause
    ):  # "im Südosten des Landes", "in mehreren Städten Thailands" say where in the country: kept
        place = _town_in_country(ctx, place)
    if place is None or place.start is None:
        return place
    if place.lat is not None:
        return _town_of_hyphenated_part(ctx, place)
    # a part of a town the gazetteer does not know: located at its town ("im Kasseler Stadtteil
    # Harleshausen"), else at the town the report names elsewhere ("Im Ortsteil X … Die Polizei in Y")
    town = _town_of_adjective(ctx, place.start) or _named_elsewhere(ctx, trigger, si)
    if town is None or getattr(town, "lat", None) is None:
        return place
    return replace(
        place, country=getattr(town, "country", None), lat=town.lat, lon=town.lon, admin1=getattr(town, "admin1", None)
    )


_MANY_PLACES = re.compile(r"\b(?:städten|städte|orten|ortschaften|landesteilen|regionen|provinzen|bundesländern)\b")


def _town_in_country(ctx: PlaceContext, place: EventPlace | None) -> EventPlace | None:
    """ "ein Sprengstoffanschlag auf einen Bus in Russland" where the article names one town of that country
    as where things are ("Experten sollen sich auf dem Weg nach Togliatti befinden"): the town, the most
    named one where there are several, is finer than the country [2]. Towns after "aus", "zwischen",
    "gegen" (origins and sides), in quoted names and the dateline are left out."""
    if place is None or place.precision != 3 or not place.country:
        return place
    named = next((p for p in ctx.doc.places if p.start == place.start), None)
    if named is not None and named.feature != "country":
        return place  # a province or region named is where it happened, not only the country
    towns: Counter[str] = Counter()
    first: dict[str, Any] = {}
    for p in ctx.doc.places:
        if (
            p.country != place.country
            or getattr(p, "feature", "city") != "city"
            or p.role == "dateline"
            or p.start < ctx.dateline_end
            or _quoted(ctx, p)
            or _origin(ctx, p.start)
            or _preposition_before(ctx, p.start, 0) == "non"
        ):
            continue
        towns[p.name] += 1
        first.setdefault(p.name, p)
    if not towns:
        return place
    (name, count), *rest = towns.most_common()
    if rest and rest[0][1] == count:
        return place  # two towns named as often: the country is what the article is sure of
    return as_event_place(first[name], 2)


def _place_in_clause_or_before(
    ctx: PlaceContext, trigger: Mention, si: int, clause: tuple[int, int]
) -> EventPlace | None:
    found = _place_slot(ctx, trigger, si, clause)
    unknown = _unknown_place(ctx, clause)
    if unknown is None or (
        found is not None
        and found.start is not None
        and clause[0] <= found.start < unknown.start
        and _preposition_before(ctx, found.start, clause[0]) == "loc"
    ):  # a known place named first in the clause stays; an unknown one named before it is more specific
        return found
    # a town the gazetteer does not know, named where it happened ("bei einem Anschlag in Raschidin"):
    # its name, located as ACLED does at the nearest larger place known (precision 2)
    text = ctx.doc.text[unknown.start : unknown.end]
    if found is None:
        return EventPlace(text, text, None, None, None, 2, unknown.start, unknown.end)
    return replace(found, text=text, name=text, precision=max(found.precision, 2), start=unknown.start, end=unknown.end)


def named_in_clause(ctx: PlaceContext, place: EventPlace | None, clause: tuple[int, int]) -> bool:
    """Whether the event place is named in the trigger's clause after a locative preposition, and not as
    the place of an earlier incident the clause measures from ("sieben Jahre nach einem Vorfall in
    Osaka")."""
    from lagebild.extract.events.scope import years_before

    return (
        place is not None
        and place.start is not None
        and clause[0] <= place.start < clause[1]
        and _preposition_before(ctx, place.start, clause[0]) == "loc"
        and not years_before(ctx.doc.text[clause[0] : place.start])
    )


def _town_of_hyphenated_part(ctx: PlaceContext, place: EventPlace) -> EventPlace:
    """ "Leipzig-Grünau": the part after the hyphen belongs to the town before it, and the place is written
    with its town ("Dresden-Gorbitz", as a chronicle names the place by the town); so is a part written
    after its town with a space ("Dresden Gorbitz") where it lies in that town. Where the gazetteer put
    the part far from that town (a namesake elsewhere), the event lies at the town."""
    if not place.start or ctx.doc.text[place.start - 1] not in "- " or place.lat is None or place.lon is None:
        return place
    town = next((p for p in ctx.doc.places if p.end == place.start - 1 and p.feature == "city"), None)
    if town is None:
        return place
    if ctx.doc.text[place.start - 1] == " " and (
        town.lat is None or town.lon is None or haversine_km(town.lat, town.lon, place.lat, place.lon) > PART_OF_TOWN_KM
    ):
        return place  # "Dresden Gorbitz" is a part of its town only where it lies there
    written = replace(place, text=ctx.doc.text[town.start : place.end or place.start], start=town.start)
    if town.lat is None or town.lon is None or haversine_km(town.lat, town.lon, place.lat, place.lon) <= PART_OF_TOWN_KM:
        return written
    return replace(written, country=town.country, lat=town.lat, lon=town.lon, admin1=town.admin1)


def town_adjective_names(word: str) -> list[str]:
    """The town names a town adjective may come from: "Kasseler" → Kassel, "Dresdner" → Dresden,
    "Erlanger" → Erlangen, "Münchner" → München, "Bremer" → Bremen."""
    if len(word) < 5 or not word[:1].isupper() or not word.endswith("er"):
        return []
    stem = word[:-2]
    return [stem, stem + "en", word[:-3] + "en", stem + "e"]


def _town_of_adjective(ctx: PlaceContext, offset: int) -> Any:
    """The town whose adjective stands before the settlement noun before the name at ``offset`` ("im
    Kasseler Stadtteil Harleshausen"): the most populous town of that name the gazetteer knows."""
    i = bisect_right(ctx.token_starts, offset - 1) - 1  # the settlement noun
    if i < 1 or ctx.tokens[i][2].lower() not in ctx.lex.lists["settlement_nouns"]:
        return None
    from lagebild.extract.places.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    entries = [
        entry
        for name in town_adjective_names(ctx.tokens[i - 1][2])
        for entry in gazetteer.lookup(name)
        if entry.feature == "city"
    ]
    return max(entries, key=lambda e: e.population) if entries else None


# the last parts of the names of streets, squares, parks and buildings: sites inside a town
_SITE_ENDINGS = (
    "straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "park", "parks",
    "garten", "gartens", "promenade", "brücke", "bahnhof", "bahnhofs", "markt", "markts", "chaussee", "steig",
)


# after a place and its comma, a relative clause or an apposition that locates it: "In Hilla, einer Stadt
# südlich von Bagdad, …", "In Balad, das etwa 90 Kilometer nördlich von Bagdad liegt, …"
_DESCRIPTION = re.compile(r"\s*,\s*(?:das|die|der|dem|den|wo|welches|welche|einer|eine|einem|eines|ein)\b[^,;:.!?()]*")


_HOSPITAL_AFTER = re.compile(r"\s+(?:Krankenhaus|Krankenhauses|Klinikum|Klinikums|Klinik|Uniklinik|Universitätsklinikum|Spital)\b")
_HOSPITAL_BEFORE = re.compile(r"(?:Krankenhaus|Klinikum|Klinik|Uniklinik|Spital)\s+(?:in|nach)\s+$")


_GENITIVE_BEFORE = re.compile(r"([\w-]+)\s+(?:der|des)\s+$")


def _forces_of(ctx: PlaceContext, start: int) -> bool:
    """Whether the country at ``start`` is the genitive of an armed actor's noun ("Truppen der USA")."""
    m = _GENITIVE_BEFORE.search(ctx.doc.text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() in ctx.lex.lists["actor_nouns"]


_THROUGHOUT = re.compile(r"\b(?:ganz|gesamten?|quer durch)\s+$")


def _place_of_treatment(text: str, place: Any) -> bool:
    """ "im Schwedter Krankenhaus behandelt", "in eine Klinik in Kassel gebracht": where the injured were
    treated, not where it happened."""
    return bool(
        _HOSPITAL_AFTER.match(text, place.end)
        or _HOSPITAL_AFTER.match(" " + text[place.start : place.end].rsplit(" ", 1)[-1])
        or _HOSPITAL_BEFORE.search(text, max(0, place.start - 30), place.start)
    )


def _describes_place_before(ctx: PlaceContext, place: Any, candidates: list[Any]) -> bool:
    """Whether a place stands in a relative clause or apposition that locates a place named just before
    it: that one is where it happened, this one only tells where that one lies."""
    text = ctx.doc.text
    return any(
        other.end <= place.start <= other.end + 160
        and text[other.end : other.end + 2].lstrip()[:1] == ","
        and _DESCRIPTION.fullmatch(text, other.end, place.start) is not None
        for other in candidates
        if other is not place
    )


def _reference_place(ctx: PlaceContext, place: Any) -> bool:
    """Whether a place only locates the one named before it: "Heidenau bei Dresden", "Dorf X nahe Y"."""
    before = ctx.doc.text[max(0, place.start - 12) : place.start]
    match = re.search(r"\s(?:bei|nahe|nahe bei|unweit von)\s+$", before)
    if match is None:
        return False
    cut = place.start - (len(before) - match.start())
    return any(p.end == cut and p is not place for p in ctx.doc.places)


def _unknown_place(ctx: PlaceContext, clause: tuple[int, int]) -> Any:
    """The first place name in the clause after a locative preposition that no resolved place covers: a
    named entity, or a name after a settlement noun ("in der Großgemeinde Lukeqin")."""
    places = [(p.start, p.end) for p in ctx.doc.places]

    def unknown(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in places)

    candidates: list[Any] = [
        entity
        for entity in ctx.doc.entities
        if entity.label == "LOC"
        and clause[0] <= entity.start < clause[1]
        and entity.start >= ctx.dateline_end
        and unknown(entity.start, entity.end)
        and _preposition_before(ctx, entity.start, clause[0]) == "loc"
        # a street, square or park lies in a town; it is no town of its own ("in der Klenke-Straße")
        and not ctx.doc.text[entity.start : entity.end].lower().endswith(_SITE_ENDINGS)
    ]
    settlements = ctx.lex.lists["settlement_nouns"]
    words = [w for w in ctx.tokens if clause[0] <= w[0] < clause[1]]
    for (start, _, word), (n_start, n_end, name) in zip(words, words[1:], strict=False):
        if (
            word.lower() in settlements
            and name[:1].isupper()
            and unknown(n_start, n_end)
            and _preposition_before(ctx, start, clause[0]) == "loc"
        ):  # "in der Großgemeinde Lukeqin", "im Dorf X"
            candidates.append(Mention(n_start, n_end, name))
    return min(candidates, key=lambda c: c.start) if candidates else None


def _place_slot(ctx: PlaceContext, trigger: Mention, si: int, clause: tuple[int, int]) -> EventPlace | None:
    sentence = ctx.sentences[si]
    hit = _pick_place(ctx, trigger, sentence, clause, strict=False)
    if hit:
        return as_event_place(hit[0])
    low_clause = ctx.doc.text[clause[0] : clause[1]].lower()
    if any(phrase in low_clause for phrase in ctx.lex.lists["country_references"]):
        country = article_country(ctx)  # "im Südosten des Landes", "auf den Straßen der Hauptstadt"
        if country is not None:
            return country
    if si + 1 < len(ctx.sentences) and not ctx.paragraph_break(sentence[1], ctx.sentences[si + 1][0]):
        following = ctx.sentences[si + 1]
        first = ctx.doc.text[following[0] : following[1]].split(maxsplit=1)[:1]
        if first and first[0].lower() in ctx.lex.lists["back_reference_adverbs"]:
            hit = _pick_place(ctx, trigger, following, (following[1], following[1]), strict=True)
            if hit:  # "… mit Raketen beschossen. Dabei wurden die Städte Askalon und Beerscheba getroffen."
                return as_event_place(hit[0], 2)
    for event, esi, _, _ in reversed(ctx.events):
        if si - esi > 2 or event.place is None:
            break
        if event.status == "current" and not ctx.paragraph_break(ctx.sentences[esi][1], sentence[0]):
            return event.place
    if si > 0 and not ctx.paragraph_break(ctx.sentences[si - 1][1], sentence[0]):
        prev = ctx.sentences[si - 1]
        hit = _pick_place(ctx, trigger, prev, (prev[1], prev[1]), strict=True)
        if hit:
            return as_event_place(hit[0], 2)
    if ctx.main_place is not None:
        return as_event_place(ctx.main_place, 2)
    return None


def last_resort_place(ctx: PlaceContext, trigger: Mention, si: int) -> EventPlace | None:
    """Steps 5 to 9, for an event still without a place once the reports of one incident are merged
    (a place found this way does not decide which reports are one incident)."""
    named = _named_elsewhere(ctx, trigger, si)
    if named is not None:
        return as_event_place(named, 2)
    dateline = [p for p in ctx.doc.places if p.role == "dateline"]
    if dateline:
        return as_event_place(dateline[0], 2)
    named = _named_in_a_name_or_as_origin(ctx)
    if named is not None:
        return as_event_place(named, 2)
    return _town_of_police(ctx) or article_country(ctx)


# "Laut der Polizeidirektion Chemnitz", "das Polizeipräsidium Rostock teilte mit": a police authority named
# after its town
_POLICE_OF_TOWN = re.compile(
    r"\b(?:Polizeidirektion|Polizeipräsidium|Polizeiinspektion|Polizeirevier|Polizeidienststelle|"
    r"Kriminalpolizeiinspektion|Bundespolizeiinspektion|Polizeiposten)\s+([A-ZÄÖÜ][\w-]+)"
)


def _town_of_police(ctx: PlaceContext) -> EventPlace | None:
    """Step 8: the town a police authority that reports the incident is named after, the place nearest
    the incident that a report without any place of its own gives [2]."""
    from lagebild.extract.places import lookup_name
    from lagebild.extract.places.gazetteer import default_gazetteer

    for m in _POLICE_OF_TOWN.finditer(ctx.doc.text):
        _, found = lookup_name(default_gazetteer(), m.group(1))
        towns = [x for x in found if x.feature == "city" and x.country == "DE"]
        if towns:
            town = max(towns, key=lambda x: x.population)
            return EventPlace(m.group(1), town.name, town.country, town.lat, town.lon, 2, m.start(1), m.end(1), town.admin1)
    return None


def _named_in_a_name_or_as_origin(ctx: PlaceContext) -> Any:
    """Step 7: a town or region named only inside a quoted name or motto, else the first that actors come
    from ("25 Neonazis aus Bochum und Umgebung"): nearer than the country, which is all that is left."""
    towns = [
        p
        for p in ctx.doc.places
        if p.role != "dateline" and p.start >= ctx.dateline_end and getattr(p, "feature", "city") != "country"
    ]
    quoted = [p for p in towns if _quoted(ctx, p)]
    if quoted:
        return quoted[0]
    origins = [p for p in towns if _origin(ctx, p.start)]
    return origins[0] if origins else None


def _origin(ctx: PlaceContext, offset: int) -> bool:
    """Whether the place at ``offset`` follows "aus" (where people come from), over articles and names."""
    i = bisect_right(ctx.token_starts, offset - 1) - 1
    steps = 0
    while i >= 0 and steps < 4:
        low = ctx.tokens[i][2].lower()
        if low == "aus":
            return True
        if not (low in _ARTICLES or ctx.tokens[i][2][:1].isupper()):
            return False
        i -= 1
        steps += 1
    return False


def article_country(ctx: PlaceContext) -> EventPlace | None:
    """The country the article is about, at ACLED's precision 3: the country most of its places lie in,
    named as the article names it where it does."""
    # where people come from ("ein Asylbewerber aus Tunesien") is not where the article is
    counts: Counter[str] = Counter(p.country for p in ctx.doc.places if p.country and not _origin(ctx, p.start))
    if not counts:
        return None  # only where people come from: the article does not say where it is
    code = counts.most_common(1)[0][0]
    named = next((p for p in ctx.doc.places if p.feature == "country" and p.country == code), None)
    if named is not None:
        return as_event_place(named, 3)
    from lagebild.extract.places.gazetteer import default_gazetteer

    entry = default_gazetteer().country(code)
    if entry is None:
        return None
    return EventPlace(entry.name, entry.name, code, entry.lat, entry.lon, 3)


def _named_elsewhere(ctx: PlaceContext, trigger: Mention, si: int) -> Any:
    """The nearest town or region named before the trigger in its paragraph, else the first named after
    it: in a short report the incident's town often stands in another sentence ("Unbekannte haben drei
    Häuser in Brand gesteckt. … In Vorra …"). Countries, places after "aus", "zwischen", "gegen" (origins
    and sides) and the dateline are left out."""
    first = si
    while first > 0 and not ctx.paragraph_break(ctx.sentences[first - 1][1], ctx.sentences[first][0]):
        first -= 1
    paragraph_start = ctx.sentences[first][0]
    usable = [
        p
        for p in ctx.doc.places
        if p.role != "dateline"
        and p.start >= ctx.dateline_end
        and getattr(p, "feature", "city") != "country"
        and _preposition_before(ctx, p.start, 0) != "non"
    ]
    before = [p for p in usable if paragraph_start <= p.start < trigger.start and not _quoted(ctx, p)]
    if before:
        return before[-1]
    after = [p for p in usable if p.start >= trigger.end]
    return after[0] if after else None
