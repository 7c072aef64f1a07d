"""Choose the ARVIG incident reports of the hand-labelled blind sets ``tests/data/gold/arvig_reports.blind{3,3b,4,5,6,7,8}.gold.json``.

The corpus is the ARVIG chronicle of anti-refugee violence and protests in Germany
(``events_arvig/arvig_2014_2015.jsonl`` in the shared data folder; Benček & Strasheim 2016, CC0): one
short German report a record, with ``id``, ``date``, ``location`` and ``category_de``. The rule:

* Only records dated 2015 (the blind part of the ARVIG event evaluation; 2014 is its tuning part).
* Skipped, as in ``lagebild eval-events-arvig``: records that only cite a government answer to a
  parliamentary question, "Kleine Anfrage" (or "kl. Anfrage") in the text or the source, and records
  whose text cites "Antwort der Bundesregierung".
* A record *has a figure cue* when its text holds a digit, a German cardinal number word from two up
  (class ``NUMBER_WORD``: zwei … neunzehn, the tens, their compounds, hundert, tausend, Dutzend(e),
  Hunderte, Tausende; "ein" is left out, being also the article) or a casualty word (class
  ``CASUALTY_WORD``: verletzt, getötet, tot, ermordet, festgenommen, verhaftet, Gewahrsam, entführt,
  evakuiert, vermisst …).
* From the kept records sorted by id, a seeded random draw (``SEED``) takes ``CUED_COUNT`` records
  with a figure cue, so that the set has figures; then ``REST_COUNT`` more records from all records not
  yet drawn (cue or not), stratified by category: each ``category_de`` gets a share in proportion to
  its number of records left (largest remainder, at least one a category), drawn at random within it.
* The documents are listed sorted by id.

A second draw (``--draw b``) chooses the records of ``arvig_reports.blind3b.gold.json``, a set with
casualty and arrest figures; the first draw's selection does not change:

* From the same kept 2015 records, those not in the first draw and whose text is not the text of a
  first-draw record or of a record with a smaller id (the chronicle repeats some reports).
* A record *names a person count* when one of its sentences holds a casualty or arrest word (class
  ``CASUALTY_ARREST_WORD``: verletzt, Verletzte, Verletzungen, getötet, tot, Tote, festgenommen,
  Festnahme, verhaftet, in Gewahrsam; the offence "Körperverletzung" and "unverletzt" are none; a
  sentence with "niemand", or with "nicht"/"kein..." up to three words before the word, names none)
  together with a cardinal number (digits that are no date "12." and no clock time "0.30 Uhr"), a
  number word from two up (``NUMBER_WORD``), "beide", or a person phrase (``PERSON_PHRASE``: an
  article before up to two words and a person noun, hyphenated compounds included: "ein 25-Jähriger",
  "eine Frau", "der Täter"; the person nouns, ``PERSON_NOUN``, are general German words for people by
  age, sex, role or status). Sentences end at ".", "!" or "?" before a capital letter or a quote.
* From those, sorted by id, a seeded random draw (``SEED_B``) of ``CASUALTY_COUNT`` records, listed
  sorted by id.

A third draw (``--draw c``) chooses the records of ``arvig_reports.blind4.gold.json``; the first two
draws' selections do not change:

* From the same kept 2015 records, those in neither earlier draw and whose text is not the text of an
  earlier draw's record or of a record with a smaller id.
* In draw order: every one of them that names a person count (the rule of draw b), by id; then a seeded
  random draw (``SEED_C``) of ``ASSAULT_COUNT`` records of the category "Tätlicher
  Übergriff/Körperverletzung"; then, with the same random generator, records of all categories, up to
  ``FOURTH_COUNT`` records in all. The documents are listed sorted by id; the first N of the draw order
  is the set where fewer are labelled.

A fourth draw (``--draw d``) chooses the records of ``arvig_reports.blind5.gold.json``; the first three
draws' selections do not change:

* From the same kept 2015 records, those in none of the three earlier draws and whose text is not the
  text of an earlier draw's record or of a record with a smaller id.
* A seeded random draw (``SEED_D``) of ``FIFTH_COUNT`` records stratified by category: each
  ``category_de`` gets a share in proportion to its number of such records (largest remainder, at least
  one a category), drawn at random within it, the categories in sorted order. The documents are listed
  sorted by id.

A fifth draw (``--draw e``) chooses the records of ``arvig_reports.blind6.gold.json``; the first four
draws' selections do not change:

* From the same kept 2015 records, those in none of the four earlier draws and whose text is not the
  text of an earlier draw's record or of a record with a smaller id.
* A seeded random draw (``SEED_E``) of ``SIXTH_COUNT`` records stratified by category as in draw d. The
  documents are listed sorted by id.

A sixth draw (``--draw f``) chooses the records of ``arvig_reports.blind7.gold.json``; the first five
draws' selections do not change:

* From the same kept 2015 records, those in none of the five earlier draws and whose text is not the
  text of an earlier draw's record or of a record with a smaller id.
* A seeded random draw (``SEED_F``) of ``SEVENTH_COUNT`` records stratified by category as in draw d. The
  documents are listed sorted by id.

A seventh draw (``--draw g``) chooses the records of ``arvig_reports.blind8.gold.json``; the first six
draws' selections do not change:

* From the same kept 2015 records, those in none of the six earlier draws and whose text is not the
  text of an earlier draw's record or of a record with a smaller id.
* A seeded random draw (``SEED_G``) of ``SEVENTH_COUNT`` records stratified by category as in draw d. The
  documents are listed sorted by id.

Nothing in the rule looks at what lagebild makes of a text; lagebild is not run on the records.

Run:  .venv/bin/python scripts/select_arvig_gold.py [--data ../shared/data] [--draw a|b|c|d|e|f|g]
      prints the selection as JSON (corpus references, no text); ``--check`` compares all seven draws
      with their gold files (it compares selections only).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "events_arvig/arvig_2014_2015.jsonl"
TARGET = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind3.gold.json"
TARGET_B = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind3b.gold.json"
TARGET_C = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind4.gold.json"
TARGET_D = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind5.gold.json"
TARGET_E = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind6.gold.json"
TARGET_F = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind7.gold.json"
TARGET_G = ROOT / "tests" / "data" / "gold" / "arvig_reports.blind8.gold.json"
SEED = 20261207
SEED_B = 20261208
SEED_C = 20261209
SEED_D = 20261210
SEED_E = 20261214
SEED_F = 20261216
SEED_G = 20261218
YEAR = "2015"
CUED_COUNT, REST_COUNT = 30, 30
CASUALTY_COUNT = 50
ASSAULT_CATEGORY, ASSAULT_COUNT, FOURTH_COUNT = "Tätlicher Übergriff/Körperverletzung", 12, 50
FIFTH_COUNT = 50
SIXTH_COUNT = 50
SEVENTH_COUNT = 50

GOVERNMENT_ANSWER = re.compile(r"kleine(?:n)?\s+anfrage|kl\.\s*anfrage|antwort\s+der\s+bundesregierung", re.IGNORECASE)
DIGIT = re.compile(r"\d")
CASUALTY_WORD = re.compile(
    r"verletz|getötet|tötet|\btot\b|\btote[n]?\b|ermordet|erschlagen|erstochen|festgenommen|festnahme|"
    r"verhaftet|\bhaft\b|gewahrsam|entführt|verschleppt|evakuiert|vermisst",
    re.IGNORECASE,
)
NUMBER_WORD = re.compile(
    r"\b(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)(?:und(?:zwanzig|dreißig|\w{2,5}zig)|hundert|tausend)|"
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|"
    r"siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|"
    r"hundert|tausend|dutzend|dutzende|hunderte|tausende)\b",
    re.IGNORECASE,
)

# Casualty and arrest words: an injury, a death, an arrest (the offence "Körperverletzung" is no casualty).
CASUALTY_ARREST_WORD = re.compile(
    r"(?<!körper)(?<!un)verletz|getötet|\btot\b|\btote[n]?\b|festgenommen|festnahme|verhaftet|gewahrsam",
    re.IGNORECASE,
)
# A cardinal written in digits: not a day "12." (a decimal "0.30" is a clock time) and not "... Uhr".
CARDINAL_DIGITS = re.compile(r"(?<![\d.,:])\d+(?![\d.,:]|\s*Uhr\b)")
# Person nouns, general German words for people in incident reports (class: people by age, sex, role,
# origin or status), singular and plural stems; "-Jährige" is the nominalised age.
PERSON_NOUN = (
    r"(?:Mann|Männer|Frau|Frauen|Kind|Kinder|Mädchen|Junge|Jungen|Jugendliche[nr]?|Person|Personen|"
    r"Mensch|Menschen|Täter|Täterin|Tatverdächtige[nr]?|Verdächtige[nr]?|Angreifer|Opfer|"
    r"Flüchtling|Flüchtlinge|Geflüchtete[nr]?|Asylbewerber(?:in)?|Asylsuchende[nr]?|Bewohner(?:in)?|"
    r"Polizist(?:in|en)?|Beamte[nr]?|Beamtin|Passant(?:in|en)?|Mitarbeiter(?:in)?|Unbekannte[nr]?|"
    r"Vermummte[nr]?|Schüler(?:in)?|Betroffene[nr]?|Geschädigte[nr]?|Fahrer(?:in)?|Helfer(?:in)?|"
    r"Wachmann|Zeuge|Zeugin|Demonstrant(?:in|en)?|Angegriffene[nr]?|\d+-[Jj]ährige[nr]?|[A-ZÄÖÜ]\w+jährige[nr]?)"
)
PERSON_PHRASE = re.compile(
    r"\b(?i:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des)\s+(?:[\w-]+\s+){0,2}?(?:\w+-)?"
    + PERSON_NOUN + r"\b"
)
BOTH = re.compile(r"\bbeide[nr]?\b", re.IGNORECASE)  # "die beiden Opfer": a count of two
# A casualty word is negated by "niemand" in its sentence or "nicht", "kein..." shortly before it.
NEGATION = re.compile(r"\bniemand\b", re.IGNORECASE)
NEGATION_BEFORE = re.compile(r"\b(?:nicht|kein\w*)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])")


def sentences(text: str) -> list[str]:
    """The text cut into sentences at ". ", "! " or "? " before a capital letter or a quote."""
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def names_person_count(text: str) -> bool:
    """True when a sentence holds a casualty or arrest word and a number, number word or person phrase."""
    for sentence in sentences(text):
        if NEGATION.search(sentence) or not any(
            not NEGATION_BEFORE.search(sentence[:word.start()]) for word in CASUALTY_ARREST_WORD.finditer(sentence)
        ):
            continue
        if any(cue.search(sentence) for cue in (CARDINAL_DIGITS, NUMBER_WORD, BOTH, PERSON_PHRASE)):
            return True
    return False


def has_figure_cue(text: str) -> bool:
    """True when the text holds a digit, a number word or a casualty word."""
    return bool(DIGIT.search(text) or NUMBER_WORD.search(text) or CASUALTY_WORD.search(text))


def kept_records(data: Path) -> list[dict[str, Any]]:
    """The 2015 records that do not only cite a government answer, sorted by id."""
    records = []
    with (data / CORPUS).open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if not str(record.get("date", "")).startswith(YEAR):
                continue
            if GOVERNMENT_ANSWER.search(str(record.get("text", ""))) or GOVERNMENT_ANSWER.search(
                str(record.get("source", ""))
            ):
                continue
            records.append(record)
    return sorted(records, key=lambda r: str(r["id"]))


def category_shares(counts: Counter[str], total: int) -> dict[str, int]:
    """``total`` split over the categories in proportion to ``counts`` (largest remainder, at least one each)."""
    size = sum(counts.values())
    shares = {c: max(1, total * n // size) for c, n in counts.items()}
    remainders = sorted(counts, key=lambda c: (-(total * counts[c] % size), c))
    i = 0
    while sum(shares.values()) < total:
        shares[remainders[i % len(remainders)]] += 1
        i += 1
    while sum(shares.values()) > total:  # the minimum of one took too many: give back from the largest share
        shares[max(shares, key=lambda c: (shares[c], c))] -= 1
    return shares


def references(chosen: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Corpus references of records (``corpus``, ``id``, ``published`` = the record's date), by id."""
    return [{"corpus": CORPUS, "id": str(r["id"]), "published": str(r["date"])[:10]}
            for r in sorted(chosen, key=lambda r: str(r["id"]))]


def stratified(rng: random.Random, pool: list[dict[str, Any]], total: int) -> list[dict[str, Any]]:
    """``total`` records of ``pool`` drawn within each category by its share (:func:`category_shares`)."""
    counts = Counter(str(r["category_de"]) for r in pool)
    chosen: list[dict[str, Any]] = []
    for category, share in sorted(category_shares(counts, total).items()):
        chosen += rng.sample([r for r in pool if r["category_de"] == category], share)
    return chosen


def fresh_records(records: list[dict[str, Any]], earlier: set[str]) -> list[dict[str, Any]]:
    """The records, by id, not drawn before (``earlier``) and whose text is neither that of a record drawn
    before nor one told already under a smaller id."""
    seen = {str(r["text"]).strip() for r in records if str(r["id"]) in earlier}
    fresh = []
    for record in records:
        text = str(record["text"]).strip()
        if str(record["id"]) not in earlier and text not in seen:
            fresh.append(record)
        seen.add(text)
    return fresh


def select(data: Path) -> list[dict[str, str]]:
    """The chosen records as corpus references (``corpus``, ``id``, ``published`` = the record's date), by id."""
    records = kept_records(data)
    rng = random.Random(SEED)
    cued = [r for r in records if has_figure_cue(str(r["text"]))]
    chosen = rng.sample(cued, CUED_COUNT)
    taken = {r["id"] for r in chosen}
    rest = [r for r in records if r["id"] not in taken]
    chosen += stratified(rng, rest, REST_COUNT)
    return references(chosen)


def select_b(data: Path) -> list[dict[str, str]]:
    """The second draw: ``CASUALTY_COUNT`` records naming a person count, not in the first draw, by id."""
    records = kept_records(data)
    first = {d["id"] for d in select(data)}
    pool = [r for r in fresh_records(records, first) if names_person_count(str(r["text"]).strip())]
    chosen = random.Random(SEED_B).sample(pool, CASUALTY_COUNT)
    return references(chosen)


def draw_order_c(data: Path) -> list[dict[str, Any]]:
    """The third draw's records in draw order: person counts by id, then assaults, then all, up to ``FOURTH_COUNT``."""
    records = kept_records(data)
    earlier = {d["id"] for d in select(data)} | {d["id"] for d in select_b(data)}
    fresh = fresh_records(records, earlier)
    chosen = [r for r in fresh if names_person_count(str(r["text"]).strip())]
    rng = random.Random(SEED_C)
    assaults = [r for r in fresh if r not in chosen and r["category_de"] == ASSAULT_CATEGORY]
    chosen += rng.sample(assaults, min(ASSAULT_COUNT, len(assaults), FOURTH_COUNT - len(chosen)))
    rest = [r for r in fresh if r not in chosen]
    chosen += rng.sample(rest, max(0, min(len(rest), FOURTH_COUNT - len(chosen))))
    return chosen[:FOURTH_COUNT]


def select_c(data: Path, count: int = FOURTH_COUNT) -> list[dict[str, str]]:
    """The third draw: the first ``count`` records of its draw order, by id."""
    chosen = draw_order_c(data)[:count]
    return references(chosen)


def later_draw(data: Path, seed: int, count: int, earlier: tuple[Any, ...]) -> list[dict[str, str]]:
    """``count`` records, stratified by category, that none of the ``earlier`` draws took (nor their texts),
    drawn with ``seed``, as references by id: the rule of draws d, e, f and g."""
    records = kept_records(data)
    taken = {d["id"] for choose in earlier for d in choose(data)}
    return references(stratified(random.Random(seed), fresh_records(records, taken), count))


def select_d(data: Path) -> list[dict[str, str]]:
    """The fourth draw: ``FIFTH_COUNT`` records not in the earlier draws, stratified by category, by id."""
    return later_draw(data, SEED_D, FIFTH_COUNT, (select, select_b, select_c))


def select_e(data: Path) -> list[dict[str, str]]:
    """The fifth draw: ``SIXTH_COUNT`` records not in the earlier draws, stratified by category, by id."""
    return later_draw(data, SEED_E, SIXTH_COUNT, (select, select_b, select_c, select_d))


def select_f(data: Path) -> list[dict[str, str]]:
    """The sixth draw: ``SEVENTH_COUNT`` records not in the earlier draws, stratified by category, by id."""
    return later_draw(data, SEED_F, SEVENTH_COUNT, (select, select_b, select_c, select_d, select_e))


def select_g(data: Path) -> list[dict[str, str]]:
    """The seventh draw: ``SEVENTH_COUNT`` records not in the earlier draws, stratified by category, by id."""
    return later_draw(data, SEED_G, SEVENTH_COUNT, (select, select_b, select_c, select_d, select_e, select_f))


DRAWS = {"a": (select, TARGET), "b": (select_b, TARGET_B), "c": (select_c, TARGET_C), "d": (select_d, TARGET_D),
         "e": (select_e, TARGET_E), "f": (select_f, TARGET_F), "g": (select_g, TARGET_G)}


def check(chosen: list[dict[str, str]], target: Path = TARGET) -> int:
    """0 when the gold file names exactly the selected records (corpus, id and published date)."""
    gold = json.loads(target.read_text(encoding="utf-8"))
    have = [{"corpus": d["corpus"], "id": d["id"], "published": d["published"]} for d in gold["documents"]]
    if have != chosen:
        print(f"{target.name}: the gold file does not name the selected records", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--check", action="store_true", help="compare all draws with their gold files")
    parser.add_argument("--draw", choices=sorted(DRAWS), default="a",
                        help="a: blind3 (figure cues, stratified); b: blind3b (casualty and arrest counts); "
                             "c: blind4 (person counts, assaults, all); d: blind5 (stratified by category); "
                             "e: blind6 (stratified by category); f: blind7 (stratified by category); "
                             "g: blind8 (stratified by category)")
    args = parser.parse_args()
    if args.check:
        return max(check(choose(args.data), target) for choose, target in DRAWS.values())
    choose, _ = DRAWS[args.draw]
    print(json.dumps(choose(args.data), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
