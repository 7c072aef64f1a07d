"""Name lists the entity recogniser shares between its rules and its trained model's features: German
country and region names, proper names of organisations and armed groups, major places.

Both :mod:`lagebild.extract.entities` (the gazetteer rules) and :mod:`lagebild.extract.entities.crf` (the
CRF's gazetteer features) read them from here, so neither imports the other. The data comes through
:mod:`lagebild.resources`: a missing or broken file is a ResourceError, not an empty list.

Sources: CLDR German territory names via babel; ``lang/de/country_names.tsv`` and ``regions.tsv``
(hand-made); ``lang/de/actors.json`` (the actor dictionary); ``lang/de/gazetteer.tsv.gz`` (GeoNames,
CC BY 4.0).
"""

from __future__ import annotations

from functools import cache

from lagebild.resources import default_resources

_ARMED_KINDS = {"rebel_group", "political_militia", "identity_militia"}
_ORG_KINDS = _ARMED_KINDS | {"ngo", "media", "external_other", "state_forces", "government"}
_COMMON_PLURALS = ("isten", "kräfte", "truppen", "einheiten", "rebellen", "kämpfer", "milizen", "schützer")
_NAME_PARTICLES = {"al", "el", "of", "for", "and", "the", "für", "der", "des", "die", "von", "auf", "im", "in",
                   "wal", "und", "de"}  # fmt: skip
MAJOR_PLACE_POPULATION = 100_000


def _first_cells(name: str) -> list[str]:
    """The first column of each row of a tab-separated word list."""
    return [line.split("\t")[0] for line in default_resources().wordlist(name)]


@cache
def country_names() -> frozenset[str]:
    """German names of countries and regions (CLDR via babel, country_names.tsv, regions.tsv), with
    their genitive in -s: "Syrien", "Syriens", "Kurdistan", "USA"."""
    from babel import Locale

    names: set[str] = set()
    for code, name in Locale("de").territories.items():
        if code.isalpha() and len(name) >= 3:  # numeric codes are world regions ("Westafrika")
            names.add(name)
    names.update(cell for cell in _first_cells("country_names.tsv") if cell)
    for cell in _first_cells("regions.tsv"):
        names.update(n for n in cell.split("|") if n)
    names.update(("USA", "UdSSR", "DDR", "BRD"))
    names.update([n + "s" for n in names if not n.endswith(("s", "z", "x", "ß")) and " " not in n])
    return frozenset(n for n in names if "(" not in n and "," not in n and n[:1].isupper())


def is_proper_name(name: str, kind: str) -> bool:
    """Whether an actor name is a name in GermEval's sense: "Freie Syrische Armee", "PKK" are;
    "syrische Armee", "Separatisten" are not."""
    words = name.replace("-", " ").split()
    if not words or not name[0].isupper():
        return False
    if name.isupper() and 2 <= len(name) <= 8:  # acronyms: PKK, UOSSM
        return True
    capitalised = [w for w in words if w[0].isupper()]
    if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
        return False
    if len(words) == 1 or "-" in name:
        return kind in _ARMED_KINDS and not name.lower().endswith(_COMMON_PLURALS) and "-" not in name
    return len(capitalised) >= 2


@cache
def organisation_names() -> frozenset[str]:
    """Names of organisations and armed groups from the actor dictionary that are proper names."""
    actors = default_resources().json("actors.json").get("actors", [])
    return frozenset(
        name for actor in actors if actor.get("kind") in _ORG_KINDS
        for name in actor.get("names", []) if is_proper_name(name, actor["kind"])
    )  # fmt: skip


@cache
def major_places() -> frozenset[str]:
    """Lower-cased names of places with at least 100,000 inhabitants (GeoNames): "aleppo", "damaskus"."""
    names: set[str] = set()
    for line in default_resources().gazetteer_lines():
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 9 or not cells[6].isdigit() or int(cells[6]) < MAJOR_PLACE_POPULATION:
            continue
        names.add(cells[1].lower())
        names.update(key for key in cells[8].split("|") if len(key) >= 4)
    return frozenset(names)


@cache
def all_place_words() -> frozenset[str]:
    """Lower-cased one-word names of every GeoNames place in the gazetteer (towns of 15,000 inhabitants
    and more, any population), without those that are also German common words ("ende", "wahl")."""
    names: set[str] = set()
    for line in default_resources().gazetteer_lines():
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 9:
            continue
        common = {key[1:] for key in cells[8].split("|") if key.startswith("~")}
        for name in (cells[1].lower(), *cells[8].split("|")):
            if name and " " not in name and not name.startswith("~") and name not in common:
                names.add(name)
    return frozenset(names)
