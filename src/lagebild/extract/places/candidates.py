"""Place candidates: runs of capitalised words the gazetteer knows, kept or dropped by an ordered table
of small rules (:data:`CANDIDATE_RULES`), one function each with its German example, and town
adjectives that name where ("die Dresdner Kundgebung"). To add a rule, write the function and put it in
its place in the table."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lagebild.extract.places import (
    _ADJECTIVE_PHRASE,
    _ARTICLE,
    _BETWEEN,
    _BETWEEN_FIRST,
    _COORDINATION,
    _DESCRIPTOR,
    _NEXT_NAME,
    _PRESS_DATELINE,
    _PRESS_HEADING,
    _REGION_ADJECTIVE_BEFORE,
    _ROAD,
    _STRONG_PREPOSITIONS,
    Words,
    _blocked,
    _by_adjective,
    _Candidate,
    _expand,
    _in_results_line,
    _inside,
    _is_thing_noun,
    _qualified,
    _split_compounds,
    _surnames,
    cues,
    is_town_facility,
    qualifier_end,
)
from lagebild.extract.places.gazetteer import Gazetteer, GazetteerEntry, fold, german_nouns
from lagebild.extract.places.names import is_fragment, only_other_name, town_adjective_at
from lagebild.lang import given_names
from lagebild.model import Document


@dataclass
class _Look:
    """A run of capitalised words the gazetteer knows, and what the words around it say (filled by
    :func:`_observe`); the candidate rules read it in order."""

    doc: Document
    gaz: Gazetteer
    text: str
    layer: Words
    loc_spans: list[tuple[int, int]]
    surnames: set[str]
    s: int
    end: int
    key: str
    found: list[GazetteerEntry]
    hashtag: bool
    last_end: int
    last_strong: bool
    common: bool = False
    loc: bool = False
    prev: str = ""
    coordinated: bool = False
    big: bool = False
    strong: bool = False
    prep: bool = False
    between: bool = False
    surface: str = ""
    nxt: re.Match[str] | None = None
    evidence: bool = False


def _known_word(look: _Look) -> bool | None:
    """A stop word ("Wahl" as a word list's entry) or a name blocked by an entity that is no place."""
    c = cues()
    if (
        look.key in c.stopwords
        or _blocked(look.s, look.end, look.found, look.doc)
        and not _inside(look.s, look.end, look.loc_spans)
    ):
        return False
    return None


def _results_line(look: _Look) -> bool | None:
    """ "Kamerun - Dänemark: 1:2 (1:1)": teams, not places."""
    return False if _in_results_line(look.text, look.s) else None


def _qualifying_river(look: _Look) -> bool | None:
    """ "Winsen (Luhe)": the river that qualifies the town before; "Charlottenburg (Berlin)" stays."""
    text, s, end = look.text, look.s, look.end
    if (
        text[s - 1 : s] == "("
        and text[end : end + 1] == ")"
        and 0 <= s - 1 - look.last_end <= 1
        and all(x.feature == "city" and x.population < 100_000 for x in look.found)
    ):
        return False
    return None


def _observe(look: _Look) -> bool | None:
    """What speaks for a place: a locative preposition before it ("in", "nach", "bei"), a place noun, a
    road or "zwischen … und", coordination with the place before ("Wiesloch / Rauenberg"), its size."""
    c, text, s, end, found, gaz = cues(), look.text, look.s, look.end, look.found, look.gaz
    look.common = look.key in gaz.common or only_other_name(gaz, look.key, found)  # "Wahl"; "Bad" of Badou
    look.loc = any(ls <= s < le for ls, le in look.loc_spans)
    prev = look.layer.before(s)
    if prev[:1].isupper() and (prev.casefold() in _STRONG_PREPOSITIONS or prev.casefold() in c.prepositions):
        prev = prev.casefold()  # "In Lorsch …", "Nahe Lorsch …" at the start of a sentence
    look.prev = prev
    look.coordinated = s - look.last_end <= 8 and bool(_COORDINATION.fullmatch(text, look.last_end, s))
    look.big = max(x.population for x in found) >= 15000 or any(x.feature != "city" for x in found)
    if len(look.key) <= 3 and all(fold(x.name) != look.key and x.population < 1_000_000 for x in found):
        look.big = False  # a short other name of a town ("Hu", "Li") is more often part of a person's name
    strong = prev in _STRONG_PREPOSITIONS or prev in c.place_nouns or look.coordinated and look.last_strong
    prep = strong or look.coordinated or prev in c.prepositions or prev.casefold() in c.region_words
    if not prep or look.common or not look.big:  # the cues that need a look further back
        before = text[max(0, s - 60) : s]
        road = bool(_ROAD.search(before))
        look.between = bool(_BETWEEN.search(before))
        strong = strong or road or look.between or bool(_PRESS_HEADING.search(before))
        prep = (
            prep
            or strong
            or prev.casefold() in _ARTICLE
            and bool(re.search(r"\b(?:in|aus|nach|von|bei|zu|um)\s+(?:der|dem|den|die|das)\s*$", before))
            or bool(_DESCRIPTOR.search(before))
            or bool(_REGION_ADJECTIVE_BEFORE.search(before))  # "im sächsischen Niesky"
            or bool(_PRESS_DATELINE.match(text, end))
        )
    look.strong, look.prep = strong, prep
    look.surface = text[s:end]
    look.nxt = _NEXT_NAME.match(text, end)
    return None


def _place_noun(look: _Look) -> bool | None:
    """ "Kreuz Memmingen", "Höhe Soest": the noun that introduces the next name, not a village so named."""
    if look.nxt and look.surface in cues().place_nouns:
        return False
    return None


def _organisation(look: _Look) -> bool | None:
    """ "Washington Post", "Syracuse University"."""
    if look.nxt and look.nxt.group(1) in cues().organisation_heads and not look.loc:
        return False
    return None


def _noble_name(look: _Look) -> bool | None:
    """ "zu Guttenberg": a noble name ("zu" before a bare town name is no longer German usage)."""
    text, s = look.text, look.s
    if (
        text[max(0, s - 3) : s].casefold() == "zu "
        and not look.big
        and text[max(0, s - 8) : s - 3].strip() not in ("bis",)
    ):
        return False
    return None


def _surname_or_label(look: _Look) -> bool | None:
    """ "Mandela" after "Nelson Mandela"; "Pau:" a speaker's label in an interview."""
    if look.surface in look.surnames and (
        not look.loc or look.text[look.end : look.end + 4].lstrip("'’\"“”").startswith(":")
    ):
        return False
    return None


def _abbreviation(look: _Look) -> bool | None:
    """An abbreviation (SWR, PAK), not a town."""
    surface = look.surface
    if (
        surface.isupper()
        and len(surface) <= 4
        and all(x.feature == "city" for x in look.found)
        and not look.loc
    ):
        return False
    return None


def _given_name(look: _Look) -> bool | None:
    """ "Martin Lee", "Oliver ist …": a person unless "in/nach/aus …" stands before."""
    if (
        look.surface in given_names()
        and not look.loc
        and not (look.prev in _STRONG_PREPOSITIONS and not _NEXT_NAME.match(look.text, look.end))
    ):
        return False
    return None


def _common_noun_phrase(look: _Look) -> bool | None:
    """ "auf dem US-amerikanischen Markt": a noun phrase; "zwischen Arm und Reich" no pair of places."""
    if look.common and _ADJECTIVE_PHRASE.search(look.text, max(0, look.s - 60), look.s):
        return False
    if look.common and look.between and not look.coordinated:
        first_part = _BETWEEN_FIRST.search(look.text, max(0, look.s - 60), look.s)
        look.between = first_part is not None and fold(first_part.group(1)) not in german_nouns()
    return None


_PAIR_SECOND = re.compile(r"\s+(?:und|bis)\s+([A-ZÄÖÜ][\w\-]+(?:\s[A-ZÄÖÜ][\w\-]+)?)")
# a town before another in a pair of ends ("S2 (Niedernhausen – Dietzenbach)", "Wiesloch / Rauenberg")
_PAIR_NEXT = re.compile(r"\s*(?:–|-|/|<>|>)\s*([A-ZÄÖÜ][\w\-]+(?:\s[A-ZÄÖÜ][\w\-]+)?)")


def _place_follows(look: _Look, pair: re.Pattern[str] = _PAIR_SECOND) -> bool:
    """ "zwischen X und Y" where Y is a place and no German word: X is its pair ("zwischen Fischen und
    Oberstdorf"), not "zwischen Arm und Reich"; with ``_PAIR_NEXT`` "X – Y" where Y is a town of the city
    list, a region or a country ("Niedernhausen – Dietzenbach")."""
    m = pair.match(look.text, look.end)
    if not m:
        return False
    for second in (m.group(1), m.group(1).split()[0]):
        key = fold(second)
        found = look.gaz.lookup_key(key)
        if pair is _PAIR_NEXT:
            found = [x for x in found if x.geonameid or x.feature != "city"]
        if found and key not in look.gaz.common and key not in german_nouns():
            return True
    return False


def _evidence(look: _Look) -> bool | None:
    """A common word needs a LOC entity, or a place preposition and a big place; a big place or a town
    facility ("Bahnhof") needs nothing; any other a LOC entity, a preposition or a hashtag."""
    found, text, end, prev = look.found, look.text, look.end, look.prev
    if look.common:
        village = all(x.feature == "city" and not x.geonameid for x in found)
        evidence = (
            look.loc
            and (not village or look.strong)  # a postal village: "auf der Erde" is none, "bei Erde" may be
            or prev.casefold() == "zwischen"
            and _place_follows(look)  # "zwischen Fischen und Oberstdorf"
            or prev in _STRONG_PREPOSITIONS
            and any(x.feature != "city" or x.population >= 100_000 for x in found)
            and not re.match(r"\s+(?:des|der)\b", text[end : end + 5])
            or look.strong
            and (prev not in _STRONG_PREPOSITIONS or prev in ("zwischen", "Richtung"))
            and (look.coordinated or look.between or max(x.population for x in found) >= 15000)
            or look.hashtag
            and look.prep
        )
    elif (
        look.big
        or fold(text[look.s : end]) != look.key
        and is_town_facility(text[look.s : end].split(" ")[-1])
    ):
        evidence = True
    else:
        evidence = look.loc or look.prep or look.hashtag or _place_follows(look, _PAIR_NEXT)
    look.evidence = bool(evidence)
    return look.evidence


def _listed_place(gaz: Gazetteer, word: str) -> bool:
    """Whether ``word`` names a country, region or town of the city list; a postal village alone does
    not count, as many share their name with a surname ("Martina Ertl")."""
    return any(x.geonameid or x.feature != "city" for x in gaz.lookup(word))


def _person_name(look: _Look) -> bool | None:
    """A person's name: a capitalised word right before ("Michael Jackson", "Präsident Chávez") that does
    not start the sentence, or right after ("Ali Chamenei"), when nothing marks a place."""
    c, text, s, prev, gaz = cues(), look.text, look.s, look.prev, look.gaz
    if look.loc or look.prep or not all(x.feature == "city" for x in look.found):
        return None
    if (
        prev[:1].isupper()
        and text[s - 1 : s] == " "
        and prev.isalpha()
        and not _listed_place(gaz, prev)
        and prev.casefold() not in c.relation_nouns
        and not _is_thing_noun(prev, gaz)
    ):
        prev_start = s - len(prev) - 1
        if prev_start > 0 and text[max(0, prev_start - 3) : prev_start].strip()[-1:] not in '.!?:"„“»«':
            return False
    nxt = look.nxt
    if (
        nxt
        and nxt.group(1) not in c.not_name_words
        and not _listed_place(gaz, nxt.group(1))
        and not look.hashtag
    ):
        return False
    return None


# The rules a known name passes before it is a place candidate, in order; the first False drops it.
CANDIDATE_RULES: tuple[Callable[[_Look], bool | None], ...] = (
    _known_word,
    _results_line,
    _qualifying_river,
    _observe,
    _place_noun,
    _organisation,
    _noble_name,
    _surname_or_label,
    _abbreviation,
    _given_name,
    _common_noun_phrase,
    _evidence,
    _person_name,
)


def candidates(doc: Document, gaz: Gazetteer, layer: Words) -> Iterator[_Candidate]:
    """The place candidates of a document: runs of capitalised words the gazetteer knows that pass
    :data:`CANDIDATE_RULES`, and town adjectives that name where ("die Dresdner Kundgebung")."""
    text = doc.text
    loc_spans = [(e.start, e.end) for e in doc.entities if e.label == "LOC"]
    words = _split_compounds(text, layer.spans, gaz)
    surnames = _surnames(text, layer.spans, gaz)
    last_end, last_strong = -10, False  # the place accepted last, and whether a strong cue introduced it
    i = 0
    while i < len(words):
        s, e = words[i]
        first = text[s]
        hashtag = s > 0 and text[s - 1] == "#"
        if not (first.isupper() or hashtag):
            i += 1
            continue
        n, key, found, compass = _expand(gaz, text, words, i)
        if not n:
            town = town_adjective_at(gaz, text, words, i)  # "die Dresdner Kundgebung"
            if not town:
                i += 1
                continue
            end = words[i + town[0] - 1][1]
            i += town[0]
            if not _blocked(s, end, town[2], doc) and not _in_results_line(text, s):
                last_end, last_strong = end, False
                yield _Candidate(s, end, town[2], town[1], True)
            continue
        if (
            n == 1
            and fold(text[s:e]) == key
            and is_fragment(gaz, text, words, i, key, lambda k: bool(_expand(gaz, text, words, k)[0]))
        ):
            i += 1  # "Höhe Bad Grönenbach": the first word of a name the gazetteer does not know
            continue
        end = words[i + n - 1][1]
        i += n
        look = _Look(
            doc, gaz, text, layer, loc_spans, surnames, s, end, key, found, hashtag, last_end, last_strong
        )
        if any(rule(look) is False for rule in CANDIDATE_RULES):
            continue
        last_end, last_strong = end, look.strong
        if len(found) > 1:
            found = _by_adjective(gaz, text, s, _qualified(gaz, text, end, found))
            end = qualifier_end(text, end, found)
        yield _Candidate(s, end, found, key, look.evidence, compass)
