"""Places: find place names, resolve them against the gazetteer, tell the dateline from the story.

Stage ``places.v1`` (assigns ``places``, ``dateline``):

1. The dateline: names at the very start of the article, before "." / "–" / "(dpa) -"
   ("Aleppo/Kairo. …", "KIEW (dpa) - …"). That is where the reporter is; its places get role "dateline".
2. Candidates: capitalised words (and the entities labelled LOC, when the NER stage ran) looked up in the
   gazetteer, longest name first ("Weil der Stadt" before "Weil", "St. Louis"), with genitive "-s"
   ("Syriens", "Aleppos"), compass compounds ("Nordsyrien", "Ost-Aleppo"), parts of towns
   ("Mannheim-Neckarau", "Landau-Nord") and hyphenated pairs ("Moskau-Wladiwostok"). Names that German also
   uses as common words ("Wahl") need a LOC entity or a strong cue; small places need a preposition ("in",
   "bei", "nahe"), a place noun ("Kreuz Ulm", "Höhe Kronau"), a road ("A7 Ulm"), "zwischen X und Y", a
   coordinated place ("Wiesloch / Rauenberg"), a police press heading or a LOC entity. Spans of persons
   and organisations (NER), of actors (the actor dictionary: "Sana" is a news agency), noble names
   ("zu Guttenberg") and organisation names ("Washington Post") are not places.
3. Resolution (:func:`lagebild.extract.places.gazetteer.choose_entries`): the article's country evidence (unambiguous places, country names,
   country adjectives such as "syrischen", local actors such as "Weißhelme") and population decide among
   homonyms, with spatial coherence: the article's unambiguous towns, then those chosen with a clear lead,
   pull namesakes near them and into their Bundesland or province. A minor namesake of a big city takes no
   country evidence ("Washington" stays in the US in an article about Britain).
4. Relative places ("östlich von Hama", "nahe Damaskus", "im Osten Aleppos") keep the place with
   precision 2 and the relation; "Provinz Idlib", "Region um Idlib" become regions with precision 3;
   "Nordschweden" gets a point in the north of Sweden. A country that acts ("Russland wollte …", "Die USA
   verlangten …") is an actor, not a place; after a preposition, in a genitive ("der Ukraine"), as an
   object or before a verb of being ("Polen ist …") it stays a place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LENGTH

from lagebild.errors import ConfigError
from lagebild.extract.places.datelines import find_dateline
from lagebild.extract.places.gazetteer import (
    HOME_COUNTRIES,
    Gazetteer,
    GazetteerEntry,
    choose_entries,
    default_gazetteer,
    fold,
    german_nouns,
    haversine_km,
)
from lagebild.extract.places.names import (
    landmark_at,
    named_entries,
    street_places,
)
from lagebild.lang import given_names, load_json, load_wordlist
from lagebild.model import Dateline, Document, Place, PlaceFeature, PlaceRole
from lagebild.nlp.tokens import make_doc
from lagebild.pipeline import stage

_REGION_ENGLISH = {
    "provinz": "Province",
    "provinzen": "Province",
    "gouvernement": "Governorate",
    "gouvernorat": "Governorate",
    "region": "Region",
    "regionen": "Region",
    "bezirk": "District",
    "distrikt": "District",
    "regierungsbezirk": "District",
    "oblast": "Oblast",
    "gebiet": "Region",
    "bundesstaat": "State",
    "bundesland": "State",
    "landkreis": "District",
    "kreis": "District",
    "kanton": "Canton",
    "departement": "Department",
    "präfektur": "Prefecture",
}
_DESCRIPTOR = re.compile(
    r"(?:(?:der|dem|den|des|die|das)\s+)?(?:[a-zäöüß]+(?:en|er|es|em|e)\s+)?"
    r"(?:Stadt|Städte|Dorf|Dörfer|Ortschaft|Ort|Hauptstadt|Provinzhauptstadt|Kleinstadt|Metropole|"
    r"Gemeinde|Hafenstadt|Grenzstadt|Küstenstadt|Region|Gegend|Heimatstadt|Geburtsstadt|Heimatort|Geburtsort|"
    r"Heimatdorf|Nachbarstadt|Nachbarort|Partnerstadt|Kreisstadt|Landeshauptstadt|Großstadt|Millionenstadt)\s+$"
)
# a determiner and an inflected adjective before a word make a noun phrase of it: "auf dem US-amerikanischen
# Markt", "eine wachsende Kluft" (a common word there is the noun, not a place of the same name)
_ADJECTIVE_PHRASE = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines)\s+[\w\-]*[a-zäöüß](?:e|en|em|er|es)\s+$"
)
# the first word of "zwischen X und …"
_BETWEEN_FIRST = re.compile(r"\b[Zz]wischen\s+(?:(?:den|der|dem)\s+)?([\w\-]+)")
# "Ri" is the traffic reports' "Richtung" ("B93 Ri Zwickau")
_STRONG_PREPOSITIONS = frozenset({"in", "nach", "aus", "bei", "nahe", "zwischen", "Richtung", "Ri", "unweit"})
_NEXT_NAME = re.compile(r" ([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)?)\b(?! ?[.:(])")
_COMPASS_STARTS = frozenset({"Nor", "Süd", "Ost", "Wes", "Zen", "Mit", "Inn"})
_ARTICLE = frozenset({"der", "die", "das", "dem", "den", "des", "einem", "einer", "eines"})


@dataclass(frozen=True)
class Cues:
    prepositions: frozenset[str]
    relations: tuple[str, ...]  # longest first
    relation_nouns: frozenset[str]
    region_words: frozenset[str]
    compass: tuple[str, ...]  # longest first
    stopwords: frozenset[str]
    place_nouns: frozenset[str]  # "Kreuz Ulm", "Höhe Kronau", "Ortsteil X": the name after is a place
    part_suffixes: frozenset[str]  # "Ludwigsburg-Süd": a part of the town
    organisation_heads: frozenset[str]  # "Washington Post": the place name is part of an organisation's
    team_nouns: frozenset[str]  # "Trainer Ghanas", "Serbiens Torwart": the place stands for a team
    town_facilities: frozenset[str]  # "Duisburger Hauptbahnhof": a part of the town its adjective names
    not_name_words: frozenset[str]  # "Ulm Richtung": a word after a place that makes no person's name of it
    state_verbs: frozenset[str]  # "Polen ist …": a country before a verb of being is a place
    not_verbs: frozenset[str]  # "… der Philippinen der …": words after a country that are no verb
    street_heads: tuple[str, ...]  # "Frankfurter Allee": a street named after another town
    town_facility_heads: tuple[str, ...]  # "Reutlinger Asylbewerber-Unterkunft": compounds of a town's places


@cache
def cues() -> Cues:
    data = load_json("place_cues.json")
    return Cues(
        prepositions=frozenset(data["locative_prepositions"]),
        relations=tuple(sorted(data["relations"], key=len, reverse=True)),
        relation_nouns=frozenset(data["relation_nouns"]),
        region_words=frozenset(w.casefold() for w in data["region_words"]),
        compass=tuple(sorted(data["compass_prefixes"], key=len, reverse=True)),
        stopwords=frozenset(fold(w) for w in data["place_stopwords"]),
        place_nouns=frozenset(data["place_nouns"]),
        part_suffixes=frozenset(data["part_suffixes"]),
        organisation_heads=frozenset(data["organisation_heads"]),
        team_nouns=frozenset(data["team_nouns"]),
        town_facilities=frozenset(data["town_facilities"]),
        not_name_words=frozenset(data["not_name_words"]),
        state_verbs=frozenset(data["state_verbs"]),
        not_verbs=frozenset(data["not_verbs"]),
        street_heads=tuple(data["street_heads"]),
        town_facility_heads=tuple(sorted(data["town_facility_heads"], key=len, reverse=True)),
    )


def is_town_facility(word: str) -> bool:
    """Whether a word after a town's adjective names a part of that town: a listed facility ("Duisburger
    Hauptbahnhof", "im Münchner Norden") or a compound of a building or street ("Reutlinger
    Asylbewerber-Unterkunft", "Merseburger Dammstraße"). A street word alone ("Berliner Straße") is a
    street named after another town."""
    if word in cues().town_facilities:
        return True
    lower = word.lower()
    head = next((h for h in cues().town_facility_heads if lower.endswith(h)), None)
    if head is None or not word[:1].isupper():
        return False
    if len(lower) >= len(head) + 3:
        return True  # a compound: "Dammstraße", "Flüchtlingsunterkunft"
    return lower == head and head not in cues().street_heads


@dataclass
class _Candidate:
    start: int
    end: int
    entries: list[GazetteerEntry]
    key: str
    evidence: bool  # a LOC entity, a locative preposition or the dateline speaks for a place here
    compass: str | None = None  # "Nord" of "Nordsyrien"
    dateline: bool = False


# the letters of a token that glues words with symbols: "#Braunschweig(9:19)→#Salzgitter" (a tweet),
# "Hbf." (the abbreviation's full stop is no part of the name), "Aleppo/Kairo"
_LETTERS = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")


class Words:
    """The words of an article, read off the tokens of the linguistic layer (``Document.nlp``, the
    spaCy Doc of the ``tokens.v1`` stage): a token of letters is a word; a token that glues words
    with symbols gives each run of letters ("#Köln(9:19)→#Bonn" gives "Köln" and "Bonn"). Offsets are
    the tokens' character offsets into the text."""

    def __init__(self, text: str, tokens: Any) -> None:
        self.text = text
        spans: list[tuple[int, int]] = []
        # the tokens' offsets, lengths and lexical flags as one array: no Token object is made per word
        for idx, length, alpha, space in tokens.to_array([IDX, LENGTH, IS_ALPHA, IS_SPACE]).tolist():
            if alpha:
                spans.append((idx, idx + length))
            elif not space:
                spans += [m.span() for m in _LETTERS.finditer(text, idx, idx + length)]
        self.spans = spans
        self._ends = [e for _, e in spans]
        self._starts = [s for s, _ in spans]

    @classmethod
    def of(cls, doc: Document) -> Words:
        """The words of ``doc`` from its tokens; a ConfigError when the tokens stage did not run."""
        if doc.nlp is None:
            raise ConfigError("places.v1 needs the tokens of tokens.v1 (doc.nlp): run tokens.v1 before it")
        return cls(doc.text, doc.nlp)  # type: ignore[arg-type]

    def before(self, start: int) -> str:
        """The word before ``start`` when only spaces and commas stand between ("in Aleppo" → "in")."""
        i = bisect_right(self._ends, start) - 1
        if i < 0:
            return ""
        s, e = self.spans[i]
        return self.text[s:e] if not self.text[e:start].strip(" \t\n\r\u00a0,") else ""

    def after(self, end: int) -> str:
        """The word after ``end`` when only spaces stand between ("Ghanas Torwart" → "Torwart")."""
        i = bisect_left(self._starts, end)
        if i >= len(self.spans) or self.spans[i][0] == end:
            return ""
        s, e = self.spans[i]
        return self.text[s:e] if not self.text[end:s].strip() else ""


def _lookup(gaz: Gazetteer, surface: str) -> tuple[str, list[GazetteerEntry]]:
    key = fold(surface)
    return key, gaz.lookup_key(key)


def _expand(
    gaz: Gazetteer, text: str, words: list[tuple[int, int]], i: int
) -> tuple[int, str, list[GazetteerEntry], str | None]:
    """The longest gazetteer name starting at word ``i``: (words used, key, entries, compass prefix).
    A landmark ("Alexanderplatz") is the town it lies in."""
    landmark = landmark_at(gaz, text, words, i)
    if landmark:
        return landmark[0], landmark[1], [landmark[2]], None
    # names of up to four words joined by single spaces ("Frankfurt am Main", "Weil der Stadt")
    keys = [fold(text[words[i][0] : words[i][1]])]
    for k in range(i + 1, min(i + 4, len(words)) if keys[0] in gaz.phrase_starts else 0):
        gap = text[words[k - 1][1] : words[k][0]]
        if gap == ". " and keys[-1] == "st":  # "St. Louis", "St. Gallen"
            keys.append("st. " + fold(text[words[k][0] : words[k][1]]))
            continue
        if gap != " ":
            break
        keys.append(keys[-1] + " " + fold(text[words[k][0] : words[k][1]]))
    for n in range(len(keys), 1, -1):
        found = gaz.lookup_key(keys[n - 1])
        if found:
            return n, keys[n - 1], found, None
    s, e = words[i]
    surface = text[s:e]
    key = keys[0]
    town = _town_before_facility(gaz, text, words, i)
    if town is not None:  # "auf den Meißner Markt": the town, not the mountain called "Meißner"
        return town
    if i + 1 < len(words) and text[words[i][1] : words[i + 1][0]] == " " and text[words[i + 1][0]].isupper():
        joined = key + "-" + fold(text[words[i + 1][0] : words[i + 1][1]])
        found = [x for x in gaz.lookup_key(joined) if x.feature == "city"]
        if found:  # "Ottendorf Okrilla": a hyphenated town written with a space
            return 2, joined, found, None
    found = named_entries(gaz, key, gaz.lookup_key(key))  # "Gold" names no "Gold Coast"
    if found:
        return 1, key, found, None
    if (
        "-" in surface and surface[:3] not in _COMPASS_STARTS
    ):  # a part of a town: Mannheim-Neckarau, Landau-Nord
        head, _, rest = surface.partition("-")
        if (
            rest in cues().part_suffixes
            or rest[:1].isupper()
            and "-" not in rest
            and not _is_thing_noun(rest, gaz)
        ):
            key, found = _lookup(gaz, head)  # districts so named are a German, Austrian and Swiss usage
            found = [x for x in found if x.feature == "city" and x.country in HOME_COUNTRIES]
            if found and key not in gaz.common and key not in cues().stopwords:
                return 1, key, found, None
    if surface.endswith("s") and len(surface) > 4:  # genitive of a country, region or city: Syriens, Aleppos
        key, found = _lookup(gaz, surface[:-1])
        found = [x for x in found if x.feature != "city" or x.population >= 100_000]
        if found and key not in gaz.common:
            return 1, key, found, None
    if surface[:3] not in _COMPASS_STARTS:
        return 0, "", [], None
    for prefix in cues().compass:  # Nordsyrien, Ost-Aleppo, Südlibanon
        if surface.startswith(prefix) and len(surface) > len(prefix) + 3:
            rest = surface[len(prefix) :].lstrip("-")
            key, found = _lookup(gaz, rest)
            if not found and rest.endswith("s"):
                key, found = _lookup(gaz, rest[:-1])
            if found and rest[:1].isupper() == surface[len(prefix) :][:1].isupper():
                return 1, key, found, prefix
    return 0, "", [], None


def _town_before_facility(
    gaz: Gazetteer, text: str, words: list[tuple[int, int]], i: int
) -> tuple[int, str, list[GazetteerEntry], str | None] | None:
    """A town's adjective before one of its facilities ("Duisburger Hauptbahnhof", "Reutlinger
    Asylbewerber-Unterkunft", "im Kasseler Stadtteil Harleshausen"): the town, the facility (and a
    district's name) part of the place."""
    surface = text[words[i][0] : words[i][1]]
    if not surface.endswith("er") or i + 1 >= len(words) or text[words[i][1] : words[i + 1][0]] != " ":
        return None
    if not is_town_facility(text[words[i + 1][0] : words[i + 1][1]]):
        return None
    towns = []  # the stem of the largest town: "Metzinger" is Metzingen, not the village Metzing
    for stem in (surface[:-2], surface[:-2] + "en", surface[:-3] + "en"):
        key, found = _lookup(gaz, stem)
        found = [x for x in found if x.feature == "city"]
        if found and key not in gaz.common:
            towns.append((max(x.population for x in found), key, found))
    if not towns:
        return None
    _, key, found = max(towns, key=lambda town: town[0])
    return 2 + _district_name_after(text, words, i + 1), key, found, None


_DISTRICT_WORDS = frozenset({"Stadtteil", "Stadtteils", "Ortsteil", "Ortsteils", "Stadtbezirk", "Stadtbezirks", "Bezirk"})


def _district_name_after(text: str, words: list[tuple[int, int]], i: int) -> int:
    """1 where a district's name follows its word after a town adjective ("im Londoner Stadtteil
    Stockwell"): the name is part of the place; 0 otherwise."""
    if text[words[i][0] : words[i][1]] not in _DISTRICT_WORDS or i + 1 >= len(words):
        return 0
    name = text[words[i + 1][0] : words[i + 1][1]]
    if text[words[i][1] : words[i + 1][0]] != " " or not name[:1].isupper() or fold(name) in german_nouns():
        return 0
    return 1


def lookup_name(gaz: Gazetteer, surface: str) -> tuple[str, list[GazetteerEntry]]:
    """The key and namesakes of the place name at the start of ``surface``, found as the places stage
    finds names: the longest gazetteer name ("Frankfurt am Main"), a genitive ("Aleppos"), a part of
    a town ("Ludwigsburg-Süd"), a compass compound ("Nordsyrien"); "Heidelberg Hbf" is Heidelberg."""
    words = Words(surface, make_doc(surface)).spans
    if not words:
        return "", []
    _, key, found, _ = _expand(gaz, surface, words, 0)
    return key, found


# a locative preposition and a regional adjective right before a name: "im sächsischen", "in der bayerischen"
_REGION_ADJECTIVE_BEFORE = re.compile(r"\b(?:im|in|ins|nach)\s+(?:der\s+|dem\s+)?[a-zäöü][\w-]*isch(?:en|em|e)\s+$")


def _blocked(start: int, end: int, found: list[GazetteerEntry], doc: Document) -> bool:
    """Whether a person or organisation covers the name: an actor from the dictionary ("Sana" the news
    agency), or a PER/ORG entity of the NER that either is longer than the name ("Universität Damaskus")
    or is the name itself and the name is only a small town. Countries, regions and towns of 15,000 and
    more stay places when the NER alone calls them persons (statistical NER errs on foreign names)."""
    if any(
        a.start <= start and end <= a.end
        for a in doc.actors
        if a.kind != "country" and (a.actor_id is not None or a.role is not None)
    ):
        return True
    if any(x.feature != "city" for x in found):
        return False
    if _REGION_ADJECTIVE_BEFORE.search(doc.text, max(0, start - 40), start):
        return False  # "im sächsischen Niesky": a town of a region, whatever the NER says
    small = all(x.population < 15000 for x in found)
    for entity in doc.entities:
        if (
            entity.label in ("PER", "ORG")
            and entity.start <= start
            and end <= entity.end
            and (entity.end - entity.start > end - start or small)
        ):
            return True
    return False


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


_ROAD = re.compile(
    r"\b(?:[ABLK]|St|S|E) ?\d{1,3}[a-z]?\s*$"
)  # "A7 Ulm", "B 27 Tübingen": a road, then a town
_BETWEEN = re.compile(r"\b[Zz]wischen\s+(?:(?:den|der|dem)\s+)?(?:[\w.\-/]+\s+){1,5}(?:und|bis)\s+$")
_PRESS_HEADING = re.compile(
    r"\bPOL-[A-ZÄÖÜ]+(?:-[A-Z]+)?:\s*$"
)  # "POL-WAF: Sendenhorst." (police press release)
_COORDINATION = re.compile(r"\s*(?:und|oder|bis|sowie|bzw\.|,|/|-|–)\s*")
_PRESS_DATELINE = re.compile(
    r" ?\((?:ots|dpa|afp|ap|apa|sda|kna|epd|ddp|dapd|reuters|[a-z]{2,4}/[a-z]{2,4})\)\s*[-–—:]", re.IGNORECASE
)


_SCORE = re.compile(r"\b\d{1,2}:\d{1,2}\b")
_PAIRING = re.compile(r"\s[-–]\s")


# "Mühlheim an der Donau", "Frankfurt (Oder)", "Frankfurt/Oder": a river, region or town that tells namesakes apart
# "Frankfurt Oder", "Halle Saale": the bare word after the name, where a namesake's name holds it
_QUALIFIER = re.compile(r"(?: (?:an der|am|an|im|in der|ob der|bei|unter|vor der|auf der) | ?\(|/| )([A-ZÄÖÜ][\w\-]+)(\))?")


def qualifier_end(text: str, end: int, found: list[GazetteerEntry]) -> int:
    """The end of a name with the qualifier that told its namesakes apart ("Frankfurt (Oder)",
    "Frankfurt Oder"): the qualifier is part of the name; ``end`` where none did."""
    m = _QUALIFIER.match(text, end)
    if m is None or m.group(0).startswith(" bei "):
        return end
    word = fold(m.group(1))
    return m.end() if found and all(word in fold(x.name) for x in found) else end


def _qualified(gaz: Gazetteer, text: str, end: int, found: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Namesakes narrowed by a qualifier after the name: "Mühlheim an der Donau", "Frankfurt (Oder)" → the
    entry whose name says "Donau", "Oder"; "Altdorf bei Landshut" → the namesakes within 50 km of Landshut."""
    m = _QUALIFIER.match(text, end)
    if not m:
        return found
    word = fold(m.group(1))
    named = [x for x in found if word in fold(x.name)]
    if named:
        return named
    if m.group(0).startswith(" bei "):
        near = gaz.lookup_key(word)
        towns = [x for x in near if x.feature == "city"]
        if towns:
            town = max(towns, key=lambda x: x.population)
            close = [x for x in found if haversine_km(x.lat, x.lon, town.lat, town.lon) <= 50]
            if close:
                return close
    return found


_ADJECTIVE_BEFORE = re.compile(
    r"\b([a-zäöü][\w-]*isch(?:e|en|er|es|em)?)\s+(?:(?:Haupt|Hafen|Grenz|Klein|Groß)?[Ss]tadt\s+|Ort\s+|Dorf\s+)?$"
)


def _by_adjective(gaz: Gazetteer, text: str, start: int, found: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Namesakes narrowed by a country adjective right before the name: "im tschechischen Karlsbad" →
    Karlovy Vary, not Karlsbad in Baden; "der zentralsyrischen Stadt Hama" → Hama in Syria."""
    m = _ADJECTIVE_BEFORE.search(text, max(0, start - 50), start)
    code = gaz.adjective_country(m.group(1)) if m else None
    narrowed = [x for x in found if x.country == code] if code else []
    return narrowed or found


def _in_results_line(text: str, start: int) -> bool:
    """Whether ``start`` lies in a short line of sports results ("Hannover 96 - 1. FSV Mainz 05 2:2")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line) <= 100 and bool(_PAIRING.search(line)) and bool(_SCORE.search(line))


def _split_compounds(text: str, words: list[tuple[int, int]], gaz: Gazetteer) -> list[tuple[int, int]]:
    """Hyphenated pairs of places ("Moskau-Wladiwostok", "Köln-Bonn") become two words; names with a
    hyphen of their own ("Baden-Württemberg") and compass compounds ("Ost-Aleppo") stay one."""
    if "-" not in text:
        return words
    out: list[tuple[int, int]] = []
    for s, e in words:
        if text.find("-", s, e) < 0:
            out.append((s, e))
            continue
        word = text[s:e]
        if (
            "-" in word
            and word[:1].isupper()
            and word[:3] not in _COMPASS_STARTS
            and not gaz.index.get(fold(word))
        ):
            head, _, rest = word.partition("-")
            if (
                rest[:1].isupper()
                and "-" not in rest
                and rest not in cues().part_suffixes
                and all(gaz.index.get(fold(part)) and fold(part) not in gaz.common for part in (head, rest))
            ):
                out += [(s, s + len(head)), (s + len(head) + 1, e)]
                continue
        out.append((s, e))
    return out


def _name_cased(word: str, inner_capital: bool = False) -> bool:
    """Cased like a name: a capital, then small letters ("Mandela"); with ``inner_capital`` also one
    more capital inside ("McCain", "DiCaprio")."""
    if len(word) < 2 or not word.isalpha() or not word[0].isupper():
        return False
    rest = word[1:]
    if rest.islower():
        return True
    if not inner_capital or not word.isascii():
        return False
    uppers = [i for i, ch in enumerate(rest) if ch.isupper()]
    return (
        len(uppers) == 1 and 0 < uppers[0] < len(rest) - 1 and rest.replace(rest[uppers[0]], "", 1).islower()
    )


# endings of nouns for people of a country or town ("der Amerikaner Bradley Manning", "der Tunesier Sami
# Attalah", "die Spielerin …"): such a noun may stand before a person's name, unlike "Autobahnpolizei"
_PERSON_ENDINGS = ("aner", "äner", "ener", "iner", "ier", "erin", "anerin")


@cache
def _role_heads() -> tuple[str, ...]:
    return tuple(line.split("\t")[0] for line in load_wordlist("person_roles.tsv"))


def _is_thing_noun(word: str, gaz: Gazetteer) -> bool:
    """A common noun, or a compound of one, that is no title of a person: "Autobahnpolizei Wiesbaden",
    "Dreieck Kassel" name places; "Präsident Chávez", "Außenminister Lawrow" name persons."""
    lower = word.casefold()
    if lower.endswith(_role_heads()) or word in given_names() or lower.endswith(_PERSON_ENDINGS):
        return False
    if fold(word) in gaz.words:
        return True
    return any(fold(lower[i:]) in gaz.words for i in range(2, len(lower) - 4))


def _surnames(text: str, words: list[tuple[int, int]], gaz: Gazetteer) -> set[str]:
    """Words that stand after a capitalised first name somewhere in the text ("Nelson Mandela"): they
    are people's names in this article, not places. Every pair of words joined by one space counts
    ("Amerikaner Bradley Manning" gives both pairs)."""
    names = set()
    for (start, first_end), (second_start, second_end) in zip(words, words[1:], strict=False):
        if second_start != first_end + 1 or text[first_end] != " " or not text[second_start].isupper():
            continue
        first, second = text[start:first_end], text[second_start:second_end]
        if "-" in first:  # "Jean-Pierre Bemba": the first name's last part
            start += first.rindex("-") + 1
            first = text[start:first_end]
        if not _name_cased(first) or not _name_cased(second, inner_capital=True):
            continue
        before = text[max(0, start - 3) : start].strip()
        if start == 0 or before[-1:] in '.!?:"„“»«':
            continue  # the first word starts a sentence
        if (
            first in cues().prepositions
            or first in _STRONG_PREPOSITIONS
            or first.casefold() in cues().region_words
            or first in cues().not_name_words
            or first in cues().place_nouns
            or _is_thing_noun(first, gaz)
        ):
            continue
        if first.casefold() in cues().relation_nouns or any(
            x.feature != "city" or x.population >= 100_000 for x in gaz.lookup(first)
        ):
            continue
        found = gaz.lookup(second)
        if not found or any(x.feature != "city" for x in found):
            continue  # no place, or a country or region ("Weltmeister Tschechien"): no surname
        # "Präsident Chávez" and "Nelson Mandela" count; "Stadt Hama" does not (a place descriptor)
        if _DESCRIPTOR.search(text[max(0, start - 40) : first_end] + " "):
            continue
        names.add(second)
    return names


def _relation(text: str, start: int) -> str | None:
    """The relative-position phrase right before a place ("östlich von", "nahe der Stadt")."""
    before = text[max(0, start - 80) : start]
    trimmed = _DESCRIPTOR.sub("", before) if _DESCRIPTOR.search(before) else before
    stripped = trimmed.rstrip().casefold()
    for phrase in cues().relations:
        if stripped.endswith(phrase.casefold()) and (
            len(stripped) == len(phrase) or not stripped[-len(phrase) - 1].isalnum()
        ):
            return phrase
    m = re.search(r"(\w+)\s+(?:von\s+)?$", trimmed)
    if m and m.group(1) in cues().relation_nouns:
        return m.group(1)
    return None


def _region_word(text: str, start: int) -> tuple[int, str] | None:
    """A word that makes the place a province or region: "Provinz Idlib", "Region um Idlib"."""
    m = re.search(r"([A-ZÄÖÜ][a-zäöüß]+)\s+(?:um\s+|von\s+)?$", text[max(0, start - 40) : start])
    if m and m.group(1).casefold() in cues().region_words:
        return start - (len(text[max(0, start - 40) : start]) - m.start(1)), m.group(1)
    return None


_LOCAL_ACTOR_KINDS = frozenset({"rebel_group", "political_militia", "identity_militia", "ngo", "civilians"})


_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|im|ins|aus|nach|von|vom|bei|beim|zu|zur|zum|um|mit|gegen|für|über|zwischen|durch|an|am|auf|"
    r"unter|vor|hinter|innerhalb|außerhalb|Richtung)\s+(?:den|der|dem|die|das|des)?\s*$",
    re.IGNORECASE,
)
# words after a country that show it is no subject before its verb ("im Süden der Philippinen der …")
# a country that is no subject: a genitive attribute ("Integrität der Ukraine"), the object in a relative
# clause ("Kasparow, der Russland … kritisiert"), the last of coordinated countries ("und die Niederlande")
_NOT_SUBJECT = re.compile(
    r"(?:[A-ZÄÖÜ][a-zäöüß]+\s+(?:der|des)|,\s*(?:der|die|das|den)|\b(?:und|oder|sowie)(?:\s+(?:der|die|das|den))?)\s+$"
)


def _is_actor_country(text: str, start: int, end: int, prev: str) -> bool:
    """A country as the subject of a verb ("Russland wollte", "Die USA verlangten") acts: metonymy; not
    after a preposition ("In Kanada ist …", "in den USA hingegen …") nor before a verb of being."""
    if prev in cues().prepositions or prev.casefold() in ("dem", "im", "ins", "des"):
        return False
    if _AFTER_PREPOSITION.search(text, max(0, start - 25), start):
        return False
    if _NOT_SUBJECT.search(text, max(0, start - 40), start):
        return False
    nxt = re.match(r"\s+([a-zäöüß]\w*)", text[end : end + 30])
    return bool(nxt and nxt.group(1) not in cues().not_verbs and nxt.group(1) not in cues().state_verbs)


_STRAY_KM = 300.0


def _stray_villages(candidates: list[_Candidate], chosen: list[GazetteerEntry]) -> set[int]:
    """The mentions resolved to a postal village (no GeoNames id) of one German-speaking country in an
    article whose other places all lie in another and over 300 km away: "Richtung Sattelbach" in a report
    on Mosbach is a village the gazetteer lacks, not the Austrian namesake. A village alone stays, and so
    does one beside places abroad ("bei Walzbachtal" in a story on a flight to Karlsbad in Czechia)."""
    towns = [
        (number, entry)
        for number, (cand, entry) in enumerate(zip(candidates, chosen, strict=True))
        if entry.feature in ("city", "region") and entry.country and not cand.dateline
    ]
    stray: set[int] = set()
    for number, entry in towns:
        if entry.geonameid or entry.feature != "city":
            continue
        others = [x for n, x in towns if n != number and fold(x.name) != fold(entry.name)]
        countries = {x.country for x in others}
        if (
            len(countries) == 1
            and countries <= HOME_COUNTRIES
            and entry.country not in countries
            and all(haversine_km(x.lat, x.lon, entry.lat, entry.lon) > _STRAY_KM for x in others)
        ):
            stray.add(number)
    return stray


def extract_places(doc: Document, gaz: Gazetteer | None = None) -> tuple[list[Place], Dateline | None]:
    gaz = gaz or default_gazetteer()
    text = doc.text
    dateline: Dateline | None = None
    dateline_spans: tuple[tuple[int, int], ...] = ()
    found_dateline = find_dateline(text, gaz, doc.sentences)
    if found_dateline:
        ds, de, dateline_spans = found_dateline.start, found_dateline.end, found_dateline.names
        dateline = Dateline(doc.id, ds, de, text[ds:de], tuple(text[s:e] for s, e in dateline_spans))
    layer = Words.of(doc)
    from lagebild.extract.places.candidates import candidates as place_candidates

    candidates = list(place_candidates(doc, gaz, layer))
    seen = {(c.start, c.end) for c in candidates}
    for s, e in dateline_spans:
        if (s, e) not in seen:
            key, found = _lookup(gaz, text[s:e])
            candidates.append(_Candidate(s, e, found, key, True))
    for cand in candidates:
        cand.dateline = (cand.start, cand.end) in dateline_spans
    candidates.sort(key=lambda c: c.start)

    # country evidence: unambiguous places and countries outside the dateline, country adjectives
    context: dict[str, float] = {}
    for cand in candidates:
        countries = {x.country for x in cand.entries}
        if len(countries) == 1 and not cand.dateline and "" not in countries:
            code = next(iter(countries))
            context[code] = context.get(code, 0.0) + 1.0
    for s, e in layer.spans:  # "syrischen", "US-amerikanische", "pro-russische"
        word = text[s:e]
        if "isch" not in word:
            continue
        if word[:1].isupper() and "-" in word and not word.startswith("US-"):
            word = word.partition("-")[2]
        adjective = gaz.adjective_country(word) if word[:1].islower() or word.startswith("US-") else None
        if adjective:
            context[adjective] = context.get(adjective, 0.0) + 0.5

    for actor in doc.actors:  # local actors (militias, rebels, aid groups) place the story in their country
        if actor.country and actor.kind in _LOCAL_ACTOR_KINDS:
            context[actor.country] = context.get(actor.country, 0.0) + 1.0

    chosen = choose_entries(gaz, [(c.key, c.entries, c.dateline) for c in candidates], context)
    stray = _stray_villages(candidates, chosen)
    places: list[Place] = []
    for number, (cand, entry) in enumerate(zip(candidates, chosen, strict=True)):
        if number in stray:
            continue
        prev = layer.before(cand.start)
        genitive = fold(text[cand.start : cand.end]) != cand.key
        if (
            entry.feature == "country"
            and not cand.dateline
            and cand.compass is None
            and not genitive
            and _is_actor_country(text, cand.start, cand.end, prev)
        ):
            continue
        if (
            genitive
            and not cand.dateline
            and entry.feature in ("country", "city")
            and (prev in cues().team_nouns or layer.after(cand.end) in cues().team_nouns)
        ):
            continue  # "der Trainer Ghanas", "Serbiens Torwart": a team
        start, precision = cand.start, 1
        feature: PlaceFeature = entry.feature  # type: ignore[assignment]
        name, relation = entry.name, None
        lat, lon = entry.lat, entry.lon
        if entry.feature in ("country", "region"):
            precision = 3
        region = _region_word(text, cand.start) if entry.feature == "city" else None
        if cand.compass:
            relation = cand.compass
            if entry.feature == "city":
                precision = 2
            else:
                feature, precision = "region", 3
                name = f"{cand.compass} {entry.name}"
                if entry.feature == "country":  # Nordsyrien, Ostukraine: the part of the country
                    lat, lon = gaz.sector(entry.country, cand.compass, (lat, lon))
        elif region:
            start, word = region
            feature, precision = "region", 3
            name = f"{entry.name} {_REGION_ENGLISH.get(word.casefold(), 'Region')}"
        else:
            relation = _relation(text, cand.start)
            last = text[cand.start : cand.end].rsplit(" ", 1)[-1]
            if " " in text[cand.start : cand.end] and last.removesuffix("s") in cues().relation_nouns:
                relation = last.removesuffix("s")  # "im Münchner Norden", "im Kölner Raum"
            if relation and entry.feature == "city":
                precision = 2
        role: PlaceRole = "dateline" if cand.dateline else "mention"
        places.append(
            Place(
                doc.id,
                start,
                cand.end,
                text[start : cand.end],
                name,
                entry.country or None,
                lat,
                lon,
                feature,
                precision,
                role,
                entry.geonameid or None,
                entry.admin1,
                relation,
            )
        )
    places += street_places(doc, layer.spans, places)
    return sorted(places, key=lambda p: p.start), dateline


@stage(
    "places.v1", requires=("nlp",), uses=("sentences", "entities", "actors"), assigns=("places", "dateline")
)
def places_stage() -> Callable[[Document], Document]:
    """Gazetteer place resolution, dateline, relative places (GeoNames data, CC BY 4.0)."""
    gaz = default_gazetteer()

    def run(doc: Document) -> Document:
        doc.places, doc.dateline = extract_places(doc, gaz)
        return doc

    return run
