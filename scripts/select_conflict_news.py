"""Choose the German conflict reports of the hand-labelled gold ``tests/data/gold/conflict_news.*.gold.json``.

The rule, applied to every record of two corpora in the shared data folder (both CC BY-NC-SA 4.0,
evaluation only; no text is copied, the gold names records by id or file name):

* ``news/wikinews_de.jsonl`` (German Wikinews 2005–2022) and ``spkatt2023_news/train/task2/*.json``
  (GermEval 2023 SpkAtt news; the text is the one :func:`lagebild.evaluate.spkatt.load_article`
  rebuilds from the tokens). The SpkAtt articles are Wikinews articles too: an article drawn from
  SpkAtt is never drawn again from the JSONL file.
* A record is a **conflict report** when its title names organised or political violence (class
  ``VIOLENCE``: Anschlag, Attentat, Gefechte, Rebellen, Entführung, Unruhen, Luftangriff, Soldaten …),
  or its title and lead (first 500 characters) name two different words of that class; its title
  names none of the classes ``DISASTER`` (Erdbeben, Absturz, Unfall …), ``COURT`` (Urteil, Prozess,
  Gesetz, Tribunal …) or ``REMEMBRANCE`` (Gedenken, Denkmal, Jahrestag …); and its text names at least
  one casualty, arrest or abduction (class ``HARM``).
* Excluded: the seed articles (``../shared/seeds``) and records without a valid date. The Wikinews
  articles whose event triggers ``tests/data/wikinews_events*.tsv`` already judge are drawn only when
  the other candidates of a source are too few (the corpus holds few conflict reports).
* From the candidates, sorted by id, a seeded random draw takes 16 SpkAtt articles, then 32 Wikinews
  articles; each source is split by a further seeded draw into halves ``tuning`` and ``blind``.

Run:  .venv/bin/python scripts/select_conflict_news.py [--data ../shared/data]
      prints the selection as JSON (corpus references, no text); ``--check`` compares it with the gold files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from lagebild.evaluate.spkatt import load_article  # noqa: E402  (the text the gold's offsets refer to)

SEED = 20240514
WIKINEWS = "news/wikinews_de.jsonl"
SPKATT = "spkatt2023_news/train/task2"
SPKATT_COUNT, WIKINEWS_COUNT = 16, 32
GOLD = ROOT / "tests" / "data" / "gold"

VIOLENCE = re.compile(
    r"anschlag|anschläge|attentat|attentäter|selbstmord|autobombe|sprengsatz|luftangriff|angriff|gefecht|"
    r"kämpfe|zusammenstö|rebellen|aufständisch|taliban|miliz|offensive|massaker|entführ|geisel|unruhen|"
    r"krawall|ausschreitung|terror|erschossen|schießerei|schüsse|amok|beschuss|granat|raketen|bomben|"
    r"armee|soldaten|militär|krieg|gewalt|blutbad|tötet|tötung",
    re.IGNORECASE,
)
DISASTER = re.compile(
    r"erdbeben|überschwemmung|hochwasser|absturz|abgestürzt|unglück|unfall|karambolage|sturm|hurrikan|"
    r"taifun|lawine|vulkan|brand\b|feuer|kältewelle|hitzewelle|epidemie|grippe|virus|explosion im",
    re.IGNORECASE,
)
COURT = re.compile(r"urteil|verurteilt|prozess|haftstrafe|freiheitsstrafe|gesetz|hinter gitter|anklage|angeklagt|gericht|"
                   r"tribunal|freigesprochen",
                   re.IGNORECASE)
REMEMBRANCE = re.compile(r"gedenk|denkmal|jahrestag|erinnerung|film|buch|virtuell|second life", re.IGNORECASE)
HARM = re.compile(
    r"getötet|\btote\b|\btoten\b|todesopfer|ums leben|starben|verletzt|verwundet|festgenommen|verhaftet|"
    r"entführt|erschossen|geiseln",
    re.IGNORECASE,
)
LEAD = 500
DATE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")


def is_conflict_report(title: str, text: str) -> bool:
    """The selection rule (see the module docstring)."""
    if DISASTER.search(title) or COURT.search(title) or REMEMBRANCE.search(title):
        return False
    lead_terms = {match.group(0).casefold() for match in VIOLENCE.finditer(f"{title} {text[:LEAD]}")}
    return (bool(VIOLENCE.search(title)) or len(lead_terms) >= 2) and bool(HARM.search(text))


def judged_ids() -> set[str]:
    """Wikinews ids whose event triggers the trigger verdict files already judge."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "data").glob("wikinews_events*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ids.add(line.split("\t", 1)[0])
    return ids


def seed_openings(data: Path) -> list[str]:
    seeds = data.parent / "seeds"
    return [p.read_text(encoding="utf-8")[:60] for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []


def draw(rng: random.Random, candidates: list[dict[str, str]], count: int, judged: set[str]) -> list[dict[str, str]]:
    """``count`` candidates, the unjudged first; judged ones only fill what the unjudged leave open."""
    fresh = [r for r in candidates if r["id"] not in judged]
    if len(fresh) >= count:
        return rng.sample(fresh, count)
    rest = [r for r in candidates if r["id"] in judged]
    if len(fresh) + len(rest) < count:
        raise SystemExit(f"only {len(fresh) + len(rest)} candidates for {count} articles")
    return fresh + rng.sample(rest, count - len(fresh))


def candidates(data: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Every conflict report of the two corpora as corpus references, sorted by id: (SpkAtt, Wikinews)."""
    openings = seed_openings(data)

    def usable(text: str, date: str) -> bool:
        return bool(DATE.fullmatch(date)) and not any(o in text for o in openings)

    spkatt: list[dict[str, str]] = []
    for path in sorted((data / SPKATT).glob("*.json")):
        article_id, _, rest = path.stem.partition(" - ")
        title, _, date = rest.rpartition(" (")
        date = date.rstrip(")")
        text = load_article(path).text
        if usable(text, date) and is_conflict_report(title, text):
            spkatt.append({"corpus": SPKATT, "file": path.name, "id": article_id, "published": date})
    wikinews: list[dict[str, str]] = []
    with (data / WIKINEWS).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if not usable(record["text"], record["date"]):
                continue
            if is_conflict_report(record["title"], record["text"]):
                wikinews.append({"corpus": WIKINEWS, "id": record["id"], "published": record["date"]})
    spkatt.sort(key=lambda r: int(r["id"]))
    wikinews.sort(key=lambda r: int(r["id"]))
    return spkatt, wikinews


def select(data: Path) -> dict[str, list[dict[str, str]]]:
    """The chosen records by half: ``{"tuning": [...], "blind": [...]}`` of corpus references."""
    judged = judged_ids()
    spkatt, wikinews = candidates(data)
    rng = random.Random(SEED)
    chosen_spkatt = draw(rng, spkatt, SPKATT_COUNT, judged)
    taken = {r["id"] for r in chosen_spkatt}
    chosen_wikinews = draw(rng, [r for r in wikinews if r["id"] not in taken], WIKINEWS_COUNT, judged)
    halves: dict[str, list[dict[str, str]]] = {"tuning": [], "blind": []}
    for chosen in (chosen_spkatt, chosen_wikinews):
        order = sorted(chosen, key=lambda r: int(r["id"]))
        rng.shuffle(order)
        half = len(order) // 2
        halves["tuning"] += order[:half]
        halves["blind"] += order[half:]
    for records in halves.values():
        for record in records:
            if record["corpus"] == SPKATT:
                del record["id"]
    print(f"candidates: {len(spkatt)} SpkAtt, {len(wikinews)} Wikinews", file=sys.stderr)
    return halves


def gold_names(path: Path, records: list[dict[str, str]], label: str) -> int:
    """0 when the gold file at ``path`` names exactly ``records`` (by corpus and file or id, in any
    order); else 1, with a line on standard error that names ``label``."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    key = [(r["corpus"], r.get("file") or r.get("id")) for r in records]
    have = [(d["corpus"], d.get("file") or d.get("id")) for d in gold["documents"]]
    if sorted(key) != sorted(have):
        print(f"{label}: the gold file does not name the selected records", file=sys.stderr)
        return 1
    return 0


def selection_main(
    doc: str,
    select: Callable[[Path], list[Any]],
    target: Path,
    compare: Callable[[Path, list[Any], str], int] | None = None,
) -> int:
    """The command line of a script that makes one gold file: print the selection as JSON, or with
    ``--check`` compare it with ``target`` by ``compare`` (by default :func:`gold_names`)."""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--check", action="store_true", help="compare with the gold file")
    args = parser.parse_args()
    chosen = select(args.data)
    if args.check:
        return (compare or gold_names)(target, chosen, target.name)
    print(json.dumps(chosen, ensure_ascii=False, indent=1))
    return 0


def check(halves: dict[str, list[dict[str, str]]]) -> int:
    """0 when each gold file names exactly the records of its half."""
    return max(
        (gold_names(GOLD / f"conflict_news.{half}.gold.json", records, half) for half, records in halves.items()),
        default=0,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--check", action="store_true", help="compare with the gold files")
    args = parser.parse_args()
    halves = select(args.data)
    if args.check:
        return check(halves)
    print(json.dumps(halves, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
