"""Place names without false namesakes: fragments, town adjectives and landmarks.

Rules the places stage (:mod:`lagebild.extract.places`) applies to the words of an article, each for a
class of words, never for one word:

- **A fragment is no place.** A German word that begins longer place names ("Bad", "Sankt", "Gold" of
  "Gold Coast") and stands before a capitalised name the gazetteer does not know is the first word of
  an unknown place ("auf der A7 in Höhe Bad Grönenbach": not Badou in Togo). A German word is no name of
  a place whose name it only begins ("Gold" is not "Gold Coast", "Bad" not "Bād Rūd"), and a German
  common noun that is only another name of its places ("Bad" of Badou) counts as a common word, which
  needs more evidence than a preposition.
- **A town's adjective names the town** when it stands before a noun ("die Dresdner Kundgebung" →
  Dresden, the town's own precision): German town adjectives end in "-er" and are built on the town's
  name ("Kölner", "Münchner" from "München", "Bremer" from "Bremen"). Not before the head of a street's
  name, which is in another town ("Frankfurter Allee" in Berlin), nor before an organisation's name
  ("Frankfurter Allgemeine", "Berliner Zeitung", "Minsker Abkommen").
- **A street or square lies in the town told around it** ("in der Gräfenhäuser Straße" after "in
  Darmstadt"; "auf der Mülheimer Straße in der Nähe des Duisburger Hauptbahnhofs"): the town of the
  same sentence, else the last town named before it (:func:`street_spans` finds the streets).
- **A landmark places the event in its town** ("auf dem Alexanderplatz" → Berlin,
  "über den Roten Platz" → Moskau): squares, streets and sites that German news names without their
  town, from ``lang/de/landmarks.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from lagebild.extract.places.gazetteer import HOME_COUNTRIES, Gazetteer, GazetteerEntry, fold, german_nouns
from lagebild.lang import load_json, load_wordlist
from lagebild.model import Document, Place

Spans = list[tuple[int, int]]

# words between a town's name and its qualifier: "Mühlheim am Main", "Ottobrunn bei München"
_QUALIFIERS = ("am ", "an ", "bei ", "im ", "in ", "ob ", "auf ", "unter ", "vor ", "(")
# a town named by its adjective: any town of 1,000 people at home, a city of 100,000 abroad ("New Yorker",
# "Pariser"; "Bester" is no adjective of Best in the Netherlands)
_ADJECTIVE_MIN_POPULATION = 1000
_BIG_TOWN = 100_000  # a town this big is meant by its adjective even where its name is also a German word


@dataclass(frozen=True)
class NameCues:
    street_heads: tuple[str, ...]  # "Frankfurter Allee": a street, of another town
    organisation_heads: tuple[str, ...]  # "Berliner Zeitung": an organisation
    not_fragment: frozenset[str]  # "Essen Hauptbahnhof", "Ulm Richtung": the name is whole


@cache
def name_cues() -> NameCues:
    data = load_json("place_cues.json")
    return NameCues(
        street_heads=tuple(head.casefold() for head in data["street_heads"]),
        organisation_heads=tuple(head.casefold() for head in data["organisation_heads"]),
        not_fragment=frozenset(
            data["not_name_words"] + data["town_facilities"] + data["part_suffixes"] + data["place_nouns"]
        ),
    )


@cache
def landmarks(gaz: Gazetteer) -> dict[str, GazetteerEntry]:
    """Folded landmark name → the town it lies in (``lang/de/landmarks.tsv``)."""
    table: dict[str, GazetteerEntry] = {}
    for row in load_wordlist("landmarks.tsv"):
        names, town, country = row.split("\t")
        towns = [x for x in gaz.lookup(town) if x.country == country and x.feature == "city"]
        if not towns:
            continue  # a town the gazetteer lacks: the landmark cannot be placed
        entry = max(towns, key=lambda x: x.population)
        for name in names.split("|"):
            table[fold(name)] = entry
    return table


@cache
def _landmark_starts(gaz: Gazetteer) -> frozenset[str]:
    return frozenset(key.split(" ")[0] for key in landmarks(gaz))


def _word(text: str, words: Spans, i: int) -> str:
    return text[words[i][0] : words[i][1]]


def _joined(text: str, words: Spans, i: int) -> bool:
    """Whether word ``i`` and the next are joined by one space."""
    return i + 1 < len(words) and text[words[i][1] : words[i + 1][0]] == " "


def landmark_at(gaz: Gazetteer, text: str, words: Spans, i: int) -> tuple[int, str, GazetteerEntry] | None:
    """The landmark of up to four words starting at word ``i``: (words used, key, its town)."""
    table = landmarks(gaz)
    key = fold(_word(text, words, i))
    if key not in _landmark_starts(gaz):
        return None
    found: tuple[int, str, GazetteerEntry] | None = None
    for k in range(i, min(i + 4, len(words))):
        if k > i:
            if not _joined(text, words, k - 1):
                break
            key += " " + fold(_word(text, words, k))
        if key in table:
            found = (k - i + 1, key, table[key])
    return found


def _before_noun(gaz: Gazetteer, text: str, words: Spans, i: int) -> bool:
    """Whether word ``i`` stands before a common noun that names no street and no organisation."""
    if not _joined(text, words, i):
        return False
    noun = _word(text, words, i + 1)
    if not noun[0].isupper() or fold(noun) not in gaz.words:
        return False  # "der Berliner sagte": no noun after it; "Hamburger SV"
    cues = name_cues()
    lower = noun.casefold()
    return not lower.endswith(cues.street_heads) and not lower.endswith(cues.organisation_heads)


def _towns(gaz: Gazetteer, key: str) -> list[GazetteerEntry]:
    """The towns called ``key`` that are named by an adjective (see ``_ADJECTIVE_MIN_POPULATION``)."""
    return [
        x
        for x in gaz.lookup_key(key)
        if x.feature == "city"
        and x.population >= (_ADJECTIVE_MIN_POPULATION if x.country in HOME_COUNTRIES else _BIG_TOWN)
    ]


def town_adjective_at(
    gaz: Gazetteer, text: str, words: Spans, i: int
) -> tuple[int, str, list[GazetteerEntry]] | None:
    """The town whose adjective starts at word ``i``, when a noun follows that is no street and no
    organisation: (words used, key of the town, its namesakes). "die Dresdner Kundgebung" → Dresden,
    "eines New Yorker Hotels" → New York; "Frankfurter Allee", "Berliner Zeitung" → None."""
    surface = _word(text, words, i)
    if not surface[:1].isupper() or not _joined(text, words, i):
        return None
    second = _word(text, words, i + 1)
    if second.endswith("er") and len(second) > 4 and _before_noun(gaz, text, words, i + 1):
        key = fold(f"{surface} {second[:-2]}")  # "New Yorker", "Tel Aviver"
        found = _towns(gaz, key) if key not in gaz.common else []
        if found:
            return 2, key, found
    if len(surface) < 6 or not surface.endswith("er") or fold(surface) in german_nouns():
        return None  # "Manager", "Meter", "Teller": a noun, no town's adjective
    if not _before_noun(gaz, text, words, i):
        return None
    for stem in (surface[:-2], surface[:-2] + "en", surface[:-3] + "en", surface[:-1]):
        key = fold(stem)
        if key in gaz.common or len(key) < 4:
            continue  # "Feier", "Jeder": a short other name of a town is no stem
        found = _towns(gaz, key)
        if found and (key not in gaz.words or max(x.population for x in found) >= _BIG_TOWN):
            return 1, key, found  # "Essener Polizei"; but "Lehrer" is no adjective of a small town "Lehren"
    return None


def is_german_word(gaz: Gazetteer, key: str) -> bool:
    return key in gaz.words or key in gaz.common


def _begins_name(key: str, entry: GazetteerEntry) -> bool:
    """Whether ``key`` is only the first word of the entry's name ("gold" of "Gold Coast"), not the
    name with a qualifier after it ("mühlheim" of "Mühlheim am Main")."""
    name = fold(entry.name)
    return name.startswith(key + " ") and not name[len(key) + 1 :].startswith(_QUALIFIERS)


def named_entries(gaz: Gazetteer, key: str, found: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """The namesakes a German word really names: not those whose name it only begins."""
    if " " in key or not is_german_word(gaz, key):
        return found
    return [x for x in found if not _begins_name(key, x)]


def only_other_name(gaz: Gazetteer, key: str, found: list[GazetteerEntry]) -> bool:
    """Whether a German common noun is only another name of towns ("Bad" of Badou) or the name of postal
    villages ("Kreuz", "Höhe"): then it is a common word. Not where it is the own name of a town of the
    city list, or its name before a qualifier ("Ottobrunn bei München")."""
    if key not in gaz.words or not found:
        return False
    return all(
        x.feature == "city"
        and (not x.geonameid or fold(x.name) != key and not fold(x.name).startswith(key + " "))
        for x in found
    )


def is_fragment(
    gaz: Gazetteer, text: str, words: Spans, i: int, key: str, is_name: Callable[[int], bool]
) -> bool:
    """Whether word ``i`` (a one-word name, ``key``) begins a longer name the gazetteer does not know:
    a German word that begins other place names, before a capitalised word that is no place (by
    ``is_name``, the places stage's own reading of word ``i + 1``), no common noun and no word that
    follows whole names ("Bad Grönenbach"; but "Essen Hauptbahnhof", "Zentrum Myanmars")."""
    if key not in gaz.phrase_starts or not is_german_word(gaz, key) or not _joined(text, words, i):
        return False
    following = _word(text, words, i + 1)
    if not following[:1].isupper() or following in name_cues().not_fragment:
        return False
    return fold(following) not in gaz.words and not is_name(i + 1)


# prepositions (with an article, or fused with one) before a street: "in der Gräfenhäuser Straße",
# "auf dem Marktplatz", "am Rheinufer"
_STREET_PREPOSITIONS = frozenset({"in", "auf", "an", "vor", "hinter", "bei", "entlang", "über", "unter"})
_FUSED_PREPOSITIONS = frozenset({"am", "im", "beim", "vom", "zum", "zur", "ins", "ans", "aufs"})
_ARTICLES = frozenset({"der", "dem", "den", "die", "das"})
# heads of one-word street names; "weg", "ring", "tor", "markt" end too many other compounds ("Rechtsweg",
# "Rendering", "Werktor", "Arbeitsmarkt")
_COMPOUND_STREET_HEADS = ("straße", "allee", "platz", "gasse", "damm", "chaussee", "ufer", "promenade")
# an abstract noun with its linking "s" before the head makes no street: "Arbeitsplatz", "Relegationsplatz"
_ABSTRACT_LINKS = ("ions", "ungs", "heits", "keits", "schafts", "täts", "beits")


@cache
def _street_head_pattern() -> re.Pattern[str]:
    """A street's head as a word of its own ("Straße", "Tor") or at the end of a compound ("platz")."""
    words = "|".join(sorted((head.capitalize() for head in name_cues().street_heads), key=len, reverse=True))
    endings = "|".join(_COMPOUND_STREET_HEADS)
    return re.compile(rf"\b(?:{words})\b|(?i:{endings})\b")


def street_spans(text: str, words: Spans) -> list[tuple[int, int]]:
    """Streets and squares after a locative preposition: a compound on a street's head ("in der
    Hauptstraße", "auf dem Marktplatz", "am Rheinufer") or a capitalised word before a street's head
    ("in der Gräfenhäuser Straße", "auf der Mülheimer Straße"). Compounds the lexicon knows as common
    nouns ("am Arbeitsplatz", "auf dem Parkplatz") are no street names. Their town is told elsewhere."""
    heads = name_cues().street_heads
    found: list[tuple[int, int]] = []
    ends = [e for _, e in words]
    candidates: set[int] = set()
    for match in _street_head_pattern().finditer(text):  # the words that end on a street's head
        k = bisect_left(ends, match.end())
        if k < len(words) and ends[k] == match.end():
            candidates.update((k - 1, k))
    for i in sorted(candidates):
        s, e = words[i]
        word = text[s:e]
        if not word[:1].isupper() or i <= 0:
            continue
        lower = word.casefold()
        if (
            i + 1 < len(words)
            and _word(text, words, i + 1).casefold() in heads
            and _joined(text, words, i)
            and not lower.endswith(("en", "em", "es"))
        ):
            span = (s, words[i + 1][1])  # "Mülheimer Straße", "Alter Markt"; not "dem amerikanischen Markt"
        elif (
            lower.endswith(_COMPOUND_STREET_HEADS)
            and fold(word) not in german_nouns()
            and not any(lower.removesuffix(head).endswith(_ABSTRACT_LINKS) for head in _COMPOUND_STREET_HEADS)
        ):
            span = (s, e)  # "Rathausplatz", "Marlene-Dietrich-Platz"; not "Arbeitsplatz", "Relegationsplatz"
        else:
            continue
        if not _joined(text, words, i - 1):
            continue
        before = _word(text, words, i - 1).casefold()
        if before in _FUSED_PREPOSITIONS or (
            before in _ARTICLES
            and i >= 2
            and _joined(text, words, i - 2)
            and _word(text, words, i - 2).casefold() in _STREET_PREPOSITIONS
        ):
            found.append(span)
    return found


def street_places(doc: Document, words: Spans, places: list[Place]) -> list[Place]:
    """A street or square in a known town places the event in that town ("in der Gräfenhäuser Straße"
    → Darmstadt named before it): the nearest town of the same sentence, else the last town before it."""
    towns = [p for p in places if p.feature == "city" and p.lat is not None]
    found: list[Place] = []
    for s, e in street_spans(doc.text, words):
        if not towns or any(p.start < e and s < p.end for p in places):
            continue
        sentence = doc.sentence_index(s)
        same = [p for p in towns if doc.sentences and doc.sentence_index(p.start) == sentence]
        town = (
            min(same, key=lambda p: abs(p.start - s))
            if same
            else max((p for p in towns if p.end <= s), key=lambda p: p.start, default=None)
        )
        if town is not None:
            found.append(
                replace(town, start=s, end=e, text=doc.text[s:e], role="mention", precision=1, relation=None)
            )
    return found
