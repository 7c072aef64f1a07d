"""Event detection, place and date on real incident reports: the ARVIG chronicle of anti-refugee violence
and protests in Germany (Benček & Strasheim 2016, CC0; ``../shared/data/events_arvig/``).

Each record is one incident as its coders saw it: a short German report (``text``), the day
(``date``), the town (``location``, with ``lat``/``lon``) and a category (``category_de``). Every
record is analysed alone, with its ``date`` as the publication date.

**Skipped.** Records that only cite a government answer to a parliamentary question: "Kleine Anfrage"
(or its abbreviation "kl. Anfrage") in the text or the source. Records taken from such an answer
without naming it ("Das BKA bestätigt einen der folgenden Sachverhalte: Überfall, Anschlag, …") stay
in: most are "Sonstige Angriffe", reported only.

**Detection.** A record is found when the pipeline reports a current event of its category's ACLED
family:

* Kundgebung/Demo → Protests or Riots;
* Tätlicher Übergriff/Körperverletzung → Violence against civilians, Riots or Battles;
* Brandanschlag → those or Explosions/Remote violence or Strategic developments.

A record coded with two categories ("Brandanschlag & Sonstige Angriffe") counts under each scored one,
and is found when an event of either family is there. Other categories ("Sonstige Angriffe",
"sonstige", "Verdachtsfall") are reported only: how many of their records get an event.

**Place and date**, for the found records, from the event of the right family nearest to the record's
coordinates (a report of several towns, "Kundgebungen in A, B und C", has one event per town, and the
chronicle one record per town): the place is right when it lies within 25 km of the record's
coordinates (scored only where the record's ``location`` is named in the text: the name, or a part of a
hyphenated or bracketed name such as "Hellersdorf" of "Berlin-Hellersdorf"); the date is right when it
is a day within one day of the record's date. The place of the first event of the family is reported
beside it ("first event"), the measure before events were split by town.

**Precision-like figures.** Events per record (current events, every kept record), and the share of
records of a scored category with a current event outside the category's family (a demonstration
reported as a battle).

**Blind protocol.** The 2014 records are the tuning part, the 2015 records the blind part; the misses
of the blind part are shown only when asked for explicitly, because looking at them makes it tuning.
The 2015 records whose analysis was read for tuning (the hand-labelled sets
``tests/data/gold/arvig_reports.blind3*``, ``blind4`` and ``blind5``; :mod:`lagebild.evaluate.arvig_read`)
belong to the tuning part.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.evaluate.arvig_read import READ_FOR_TUNING_2015
from lagebild.model import Document, Event

DEFAULT_ARVIG = Path("../shared/data/events_arvig/arvig_2014_2015.jsonl")
PLACE_KM = 25.0
DATE_DAYS = 1
TUNING_YEAR = "2014"
BLIND_YEAR = "2015"

PROTEST = frozenset({"Protests", "Riots"})
ASSAULT = frozenset({"Violence against civilians", "Riots", "Battles"})
ARSON = ASSAULT | {"Explosions/Remote violence", "Strategic developments"}
FAMILIES: dict[str, frozenset[str]] = {
    "Kundgebung/Demo": PROTEST,
    "Tätlicher Übergriff/Körperverletzung": ASSAULT,
    "Brandanschlag": ARSON,
}
_REQUIRED = ("id", "date", "text", "category_de")
_GOVERNMENT_ANSWER = re.compile(r"kleine(?:n)?\s+anfrage|kl\.\s*anfrage", re.IGNORECASE)
_NAME_PARTS = re.compile(r"\s*[-/(),]\s*")


@dataclass(frozen=True)
class ArvigRecord:
    id: str
    date: date
    text: str
    categories: tuple[str, ...]
    location: str = ""
    lat: float | None = None
    lon: float | None = None
    source: str = ""

    @property
    def year(self) -> str:
        return f"{self.date.year:04d}"

    @property
    def scored(self) -> tuple[str, ...]:
        """The record's categories that detection is scored for."""
        return tuple(c for c in self.categories if c in FAMILIES)

    @property
    def family(self) -> frozenset[str]:
        """The ACLED types an event of this record may have (empty for categories reported only)."""
        return frozenset().union(*(FAMILIES[c] for c in self.scored))


def categories_of(value: str) -> tuple[str, ...]:
    """ "Brandanschlag & Sonstige Angriffe" → ("Brandanschlag", "Sonstige Angriffe")."""
    return tuple(part.strip() for part in value.split("&") if part.strip())


def parse_record(raw: dict[str, Any], where: str) -> ArvigRecord:
    """One JSONL record, checked; ``where`` names it (path:line) in the error."""
    missing = [key for key in _REQUIRED if not isinstance(raw.get(key), str) or not raw.get(key)]
    if missing:
        raise InputError(where, f"record lacks {', '.join(missing)}; expected ARVIG fields {', '.join(_REQUIRED)}")
    try:
        day = date.fromisoformat(raw["date"][:10])
    except ValueError:
        raise InputError(where, f"date {raw['date']!r} is not YYYY-MM-DD") from None
    lat, lon = raw.get("lat"), raw.get("lon")
    coords_ok = isinstance(lat, (int, float)) and isinstance(lon, (int, float))
    return ArvigRecord(
        str(raw["id"]),
        day,
        raw["text"],
        categories_of(raw["category_de"]),
        str(raw.get("location") or ""),
        float(lat) if coords_ok else None,  # type: ignore[arg-type]
        float(lon) if coords_ok else None,  # type: ignore[arg-type]
        str(raw.get("source") or ""),
    )


def read_records(path: Path) -> list[ArvigRecord]:
    """Every record of an ARVIG JSONL file (one incident a line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the ARVIG file ({exc}); pass --data PATH") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"not a JSON object ({exc})") from exc
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{number}", "not a JSON object")
        records.append(parse_record(raw, f"{path}:{number}"))
    return records


def cites_government_answer(record: ArvigRecord) -> bool:
    """True for a record that only cites a government answer to a parliamentary question."""
    return bool(_GOVERNMENT_ANSWER.search(record.text) or _GOVERNMENT_ANSWER.search(record.source))


def in_part(record: ArvigRecord, part: str) -> bool:
    """The tuning part: the 2014 records and the 2015 records read for tuning
    (:data:`lagebild.evaluate.arvig_read.READ_FOR_TUNING_2015`); the blind part: the other 2015 records."""
    read = record.id in READ_FOR_TUNING_2015
    if part == "tuning":
        return record.year == TUNING_YEAR or read
    if part == "blind":
        return record.year == BLIND_YEAR and not read
    return True


def location_named(record: ArvigRecord) -> bool:
    """Whether the record's town is named in its text: the whole name, or a part of a hyphenated,
    slashed or bracketed name of at least four letters ("Hellersdorf" of "Berlin-Hellersdorf",
    "Halle" of "Halle (Saale)")."""
    if not record.location:
        return False
    names = {record.location, *(p for p in _NAME_PARTS.split(record.location) if len(p) >= 4)}
    return any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", record.text) for name in names)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _distance(event: Event, record: ArvigRecord) -> float:
    """Kilometres from the event's place to the record's coordinates; infinite where either is unknown."""
    place = event.place
    if place is None or place.lat is None or place.lon is None or record.lat is None or record.lon is None:
        return float("inf")
    return haversine_km(place.lat, place.lon, record.lat, record.lon)


def place_right(event: Event, record: ArvigRecord, km: float = PLACE_KM) -> bool:
    """The event's place lies within ``km`` of the record's coordinates."""
    return _distance(event, record) <= km


def date_right(event: Event, record: ArvigRecord, days: int = DATE_DAYS) -> bool:
    """The event's date is a day within ``days`` of the record's date (a week or month is not)."""
    if event.date is None or not event.date.value or len(event.date.value) < 10:
        return False
    try:
        day = date.fromisoformat(event.date.value[:10])
    except ValueError:
        return False
    return abs((day - record.date).days) <= days


def current_events(doc: Document) -> list[Event]:
    return [e for e in doc.events if e.status == "current"]


@dataclass
class CategoryScore:
    records: int = 0
    found: int = 0
    wrong_family: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "found": self.found,
            "recall": _ratio(self.found, self.records),
            "wrong_family": _ratio(self.wrong_family, self.records),
        }


@dataclass
class ArvigScore:
    part: str
    records: int = 0
    skipped: int = 0
    scored: int = 0  # records of a scored category
    found: int = 0
    place_scored: int = 0
    place_right: int = 0
    place_first_right: int = 0  # the first event of the family, not the nearest one
    date_scored: int = 0
    date_right: int = 0
    events: int = 0
    wrong_family: int = 0
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    reported: dict[str, CategoryScore] = field(default_factory=dict)
    types: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "records": self.records,
            "skipped": self.skipped,
            "detection": _ratio(self.found, self.scored),
            "scored": self.scored,
            "found": self.found,
            "place": _ratio(self.place_right, self.place_scored),
            "place_scored": self.place_scored,
            "place_first_event": _ratio(self.place_first_right, self.place_scored),
            "date": _ratio(self.date_right, self.date_scored),
            "date_scored": self.date_scored,
            "events_per_record": _ratio(self.events, self.records),
            "wrong_family": _ratio(self.wrong_family, self.scored),
            "categories": {name: c.as_dict() for name, c in sorted(self.categories.items())},
            "reported_only": {
                name: {"records": c.records, "with_event": _ratio(c.found, c.records)}
                for name, c in sorted(self.reported.items())
            },
            "event_types": dict(self.types.most_common()),
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _miss_line(record: ArvigRecord, doc: Document, reason: str) -> str:
    found = "; ".join(
        f"{e.type}|{e.sub_type} {e.status} {e.trigger.text if e.trigger else ''!r} "
        f"@{e.place.name if e.place else None} {e.date.value if e.date else None}"
        for e in doc.events
    )
    return (
        f"{record.id} [{'/'.join(record.categories)}] {reason}: {record.location} {record.date} "
        f"-> {found or 'no event'}\n    {record.text[:400]}"
    )


def score_record(score: ArvigScore, record: ArvigRecord, doc: Document) -> None:
    """Add one analysed record to ``score``."""
    score.records += 1
    events = current_events(doc)
    score.events += len(events)
    score.types.update(e.type for e in events)
    if not record.scored:
        for category in record.categories:
            entry = score.reported.setdefault(category, CategoryScore())
            entry.records += 1
            entry.found += bool(events)
        return
    family = record.family
    right = [e for e in events if e.type in family]
    wrong = any(e.type not in family for e in events)
    score.scored += 1
    score.found += bool(right)
    score.wrong_family += wrong
    for category in record.scored:
        entry = score.categories.setdefault(category, CategoryScore())
        entry.records += 1
        entry.found += any(e.type in FAMILIES[category] for e in events)
        entry.wrong_family += any(e.type not in FAMILIES[category] for e in events)
    if not right:
        score.misses.append(_miss_line(record, doc, "not found" + (" (wrong type)" if wrong else "")))
        return
    event = right[0]
    if location_named(record) and record.lat is not None:
        score.place_scored += 1
        score.place_first_right += place_right(event, record)
        # a report of several towns has one event per town, and the chronicle one record per town:
        # the record's event is the one of its family nearest to it
        event = min(right, key=lambda e: _distance(e, record))
        if place_right(event, record):
            score.place_right += 1
        else:
            score.misses.append(_miss_line(record, doc, "place"))
    score.date_scored += 1
    if date_right(event, record):
        score.date_right += 1
    else:
        score.misses.append(_miss_line(record, doc, "date"))


def select(records: Iterable[ArvigRecord], part: str, limit: int | None = None) -> tuple[list[ArvigRecord], int]:
    """The kept records of a part (at most ``limit``) and how many of the part were skipped."""
    kept: list[ArvigRecord] = []
    skipped = 0
    for record in records:
        if not in_part(record, part):
            continue
        if cites_government_answer(record):
            skipped += 1
            continue
        if limit is not None and len(kept) >= limit:
            continue
        kept.append(record)
    return kept, skipped


def analyse(records: list[ArvigRecord]) -> Iterator[tuple[ArvigRecord, Document]]:
    """Each record through the default pipeline, its date as the publication date."""
    from lagebild.model import Article
    from lagebild.pipeline import Pipeline

    pipeline = Pipeline()
    for record in records:
        yield record, pipeline(Article(record.text, id=record.id, published=record.date.isoformat()))


def evaluate_arvig(path: Path, part: str = "all", limit: int | None = None) -> ArvigScore:
    """Score the current pipeline on one part of the ARVIG file (see the module docstring)."""
    records, skipped = select(read_records(path), part, limit)
    score = ArvigScore(part, skipped=skipped)
    for record, doc in analyse(records):
        score_record(score, record, doc)
    return score


def format_score(score: ArvigScore) -> str:
    d = score.as_dict()
    lines = [
        f"ARVIG {score.part}: {d['records']} records ({d['skipped']} skipped: government answers)",
        f"  detection {d['detection']:.3f} ({d['found']}/{d['scored']})   "
        f"place@{PLACE_KM:g}km {d['place']:.3f} (of {d['place_scored']}; first event {d['place_first_event']:.3f})   "
        f"date±{DATE_DAYS}d {d['date']:.3f} (of {d['date_scored']})",
        f"  events per record {d['events_per_record']:.2f}   records with a wrong-family event "
        f"{d['wrong_family']:.3f}",
    ]
    for name, c in d["categories"].items():
        lines.append(
            f"  {name:40s} recall {c['recall']:.3f} ({c['found']}/{c['records']})  wrong family {c['wrong_family']:.3f}"
        )
    for name, c in d["reported_only"].items():
        lines.append(f"  {name:40s} (reported only) {c['records']} records, with an event {c['with_event']:.3f}")
    lines.append("  event types: " + ", ".join(f"{k} {v}" for k, v in d["event_types"].items()))
    return "\n".join(lines)


@click.command("eval-events-arvig")
@click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_ARVIG,
    show_default=True,
    help="ARVIG JSONL (id, date, location, lat, lon, category_de, text, source).",
)
@click.option(
    "--part",
    type=click.Choice(["tuning", "blind", "all"]),
    default="tuning",
    show_default=True,
    help="tuning: the 2014 records; blind: the 2015 records; all: both.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N kept records.")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
@click.option("--show-misses", type=click.IntRange(min=0), default=0, help="Print up to N misses.")
@click.option(
    "--i-know-this-makes-it-tuning",
    "unblind",
    is_flag=True,
    help="Allow --show-misses on records of the blind part (they are no longer blind afterwards).",
)
def eval_events_arvig(
    data_path: Path, part: str, limit: int | None, as_json: bool, show_misses: int, unblind: bool
) -> None:
    """Score event detection, place and date on the ARVIG incident reports.

    \b
    Example:
      lagebild eval-events-arvig --part tuning --show-misses 30
      lagebild eval-events-arvig --part blind --json
    """
    if show_misses and part != "tuning" and not unblind:
        raise click.UsageError(
            f"--show-misses on the {part} part shows blind records; score it without --show-misses, "
            "or add --i-know-this-makes-it-tuning and stop calling those figures blind"
        )
    score = evaluate_arvig(data_path, part, limit)
    if as_json:
        click.echo(json.dumps(score.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_score(score))
    for line in score.misses[:show_misses]:
        click.echo(line)
