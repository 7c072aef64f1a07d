"""The context of a time expression: what the tagger needs besides the expression itself.

- **Dates as values**: :class:`Anchor` (a reference date), :func:`fmt`, :func:`parse_value`.
- **Counts that look like years**: :func:`counts_things` ("1600 Angriffe", "seit Juli 1500 Menschen").
- **Tense of a clause**: :func:`about_future` reads the clause around a weekday in news ("Für Samstag ist
  eine Kundgebung geplant", "Die Wahl findet am Sonntag statt").
- **Asides in narratives**: :func:`aside` tells whether a date mentioned is not the time the narrative
  is at (a date in parentheses, a far-off year, an earlier date inside a later sentence).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from lagebild.extract.times.rules import words

COUNT_NOUNS = re.compile(
    r"\s+(?:[a-zäöü]+\s+)?(?:Menschen|Personen|Soldaten|Mann|Männer|Tote[n]?|Opfer|Gefangene[n]?|Einwohner[n]?|Zivilisten|"
    r"Kämpfer[n]?|Flüchtlinge[n]?|Kilometer[n]?|Meter[n]?|km|Euro|Dollar|US-Dollar|Pfund|Franken|Mark|Rubel|Panzer[n]?|"
    r"Flugzeuge[n]?|Schiffe[n]?|Geschütze[n]?|Stück|Verletzte[n]?|Häuser[n]?|Dörfer[n]?|Tonnen|Seiten|Stimmen|"
    r"Kinder[n]?|Frauen|Familien|Fahrzeuge[n]?|Gebäude[n]?|Einheiten|Mitglieder[n]?|Milizionäre[n]?|Rebellen|Kanonen)\b"
)
QUANTIFIER_BEFORE = re.compile(
    r"(?:mehr als|über|rund|etwa|ungefähr|circa|ca\.|mindestens|höchstens|knapp|fast|insgesamt|weitere|weiteren|"
    r"bis zu|Nr\.|Nummer|§|Artikel)\s*$",
    re.IGNORECASE,
)
# a capitalised word after a number, perhaps after one attributive adjective ("1600 schwere Angriffe")
_NOUN_AFTER = re.compile(
    r"[ \t]+(?:(?!(?:die|eine|keine|seine|ihre|diese|jene|welche|alle|beide)\b)(?P<adj>[a-zäöü]+e)[ \t]+)?"
    r"(?P<noun>[A-ZÄÖÜ][\w-]*[a-zäöüß])(?![\w-])"
)
_PLURAL_ENDINGS = ("e", "en", "er", "ern", "innen", "os", "as")


@cache
def _year_context_before() -> re.Pattern[str]:
    """A year, not a count, stands after a conjunction or a word of time ("als 1939 Truppen einmarschierten"):
    ``year_context`` in time_words.json."""
    alternation = "|".join(re.escape(w) for w in sorted(words()["year_context"], key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{alternation})\s+|[/–(-]\s*)$", re.IGNORECASE)


@dataclass
class Anchor:
    """A reference date; year < 0 is BC (481 v. Chr. is -481); month and day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False  # the month stands for a season

    def date(self) -> dt.date | None:
        if self.year < 1 or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def fmt_year(year: int) -> str:
    return f"{year:04d}" if year > 0 else f"BC{-year:04d}"


def fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    text = fmt_year(year) if year is not None else "XXXX"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def parse_value(value: str) -> Anchor | None:
    """The date part of a TIMEX3 value as an :class:`Anchor` (None for durations and references)."""
    m = re.match(r"(BC)?(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\d])", value)
    if not m:
        return None
    year = int(m.group(2)) * (-1 if m.group(1) else 1)
    return Anchor(year, int(m.group(3)) if m.group(3) else None, int(m.group(4)) if m.group(4) else None)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])\s*$")


def counts_things(
    text: str, start: int, end: int, after_month: bool = False, published_year: int | None = None
) -> bool:
    """Whether the number at ``start:end`` counts what the plural noun after it names ("1600 Angriffe", "1500
    Menschen", "seit Juli 1600 Angriffe") rather than being a year. The year stays after a conjunction or a
    word of time ("als 1939 Truppen einmarschierten", "bis 1980 Beträge"), after a noun or name ("seit
    Ackermann 2002 Vorstandsvorsitzender ist", "im letzten Quartal 2004"), as the attribute of a noun
    ("die 1860 entdeckte Feder"), before a name ("als 1939 Polen angegriffen wurde"), and, after a month
    or after "von", when it is a recent year of the publication ("Mitte März 2006 Anklage", "ein Abkommen
    von 1961 Reparationen")."""
    m = _NOUN_AFTER.match(text, end)
    if m is None:
        return False
    if after_month and m["adj"]:
        return False  # "am 4. März 1919 begonnene Offensive"
    before = text[max(0, start - 14) : start]
    word_before = re.search(r"(?:^|[\s(])(?P<word>[\w-]+)\s+$", before)
    previous = word_before["word"] if word_before else ""
    after_month = after_month or previous.casefold().rstrip("s") in words()["months"]
    recent = published_year is not None and published_year - 120 <= int(text[start:end]) <= published_year + 2
    if COUNT_NOUNS.match(text, end):
        return True  # "seit März 2000 Familien"
    if after_month and recent and published_year is not None and int(text[start:end]) >= published_year - 30:
        return False  # "seit dem 17. Dezember 2013 Bundesminister", "Mitte März 2006 Anklage"
    noun = m["noun"]
    lower = noun.casefold()
    if not lower.endswith(_PLURAL_ENDINGS) or lower.endswith("ien") or noun.isupper():
        return False
    if _year_context_before().search(before) or (recent and re.search(r"\bvon\s+$", before)):
        return False
    if previous and not after_month:
        if previous[:1].isupper() and not re.search(
            r"(?:^|[.!?:]\s*)" + re.escape(previous) + r"\s+$", before
        ):
            return False  # "Ackermann 2002 Vorstandsvorsitzender", "Quartal 2004 mehrere Preiserhöhungen"
        if m["adj"] and previous.casefold() in words()["determiners"]:
            return False  # "die 1860 entdeckte Urvogelfeder"
    return _word_class(lower.rsplit("-", 1)[-1]) not in ("E", "B")


@cache
def _names() -> dict[str, str]:
    from lagebild.extract.entities.crf import noun_lexicon

    return noun_lexicon()


def _word_class(word: str) -> str | None:
    """``N`` (common noun), ``E`` (name), ``B`` (both), ``F`` or None from the lexicon the entities stage uses."""
    return _names().get(word)


@cache
def tense_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes of the words that mark a clause as about the future and as about the past (time_words.json)."""
    w = words()

    def alternation(items: list[str]) -> re.Pattern[str]:
        return re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
            + r")(?![\w-])",
            re.IGNORECASE,
        )

    return alternation(w["future_cues"]), alternation(w["past_cues"])


_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s+[A-ZÄÖÜ„\"])|\n")
_CLAUSE_END = re.compile(r"[,;:–()]|\b(?:und|oder|aber|doch|sondern|nachdem|bevor|während|weil|als)\b")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - 300)
    sentence_start = left
    for m in _SENTENCE_END.finditer(text, left, start):
        sentence_start = m.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    return sentence_start, after.start() if after else min(len(text), end + 300)


def clause_around(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    clause_start = sentence_start
    for m in _CLAUSE_END.finditer(text, sentence_start, start):
        clause_start = m.end() if m.group(0)[0] in ",;:–()" else m.start()
    after = _CLAUSE_END.search(text, end, sentence_end)
    return clause_start, after.start() if after else sentence_end


# the past tense of a weak verb ("erreichte", "meldeten") and the perfect with "haben" ("hat … begonnen");
# not a superlative or an ordinal ("ersten", "letzte") nor, after an article, an attribute ("der geplante")
_WEAK_PAST = re.compile(
    r"(?:\b(?P<before>\w+)\s+)?\b(?P<word>hat|haben|habe|(?![a-zäöüß]*(?:st|zweit|dritt|viert|fünft|siebt|"
    r"acht|neunt|zehnt)en?\b)"
    r"[a-zäöüß]{3,}(?:te|ten))\b"
)


def _past_tense(window: str) -> bool:
    not_past, determiners = words()["not_past_forms"], words()["determiners"]
    return any(
        m["word"] in ("hat", "haben", "habe")
        or ((m["before"] or "").casefold() not in determiners and m["word"] not in not_past)
        for m in _WEAK_PAST.finditer(window)
    )


# "soll sich … ereignet haben", "sollen … geflohen sein": hearsay about the past, not a plan
_PERFECT_INFINITIVE = re.compile(
    r"\b(?:(?:ge|er|ver|be|ent|zer|emp|miss)\w+(?:t|en)|\w+iert)\s+(?:haben|sein|worden sein)\b"
)


def about_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``start:end`` tells of the future: "für Samstag", future tense, modal
    "soll"/"will", "geplant", a present-tense scheduling verb ("findet … statt"), and no past-tense verb
    ("wurde", "begann") in the clause. Without a cue in the clause the sentence decides."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    clause_start, clause_end = clause_around(text, start, end, sentence_start, sentence_end)
    future, past = tense_cues()
    if re.search(r"\b[Ff]ür\s+$", text[max(0, start - 5) : start]):  # "für Samstag geplant", unless it "war"
        clause = text[clause_start:start] + " " + text[end:clause_end]
        return not (past.search(clause) or _past_tense(clause))
    for span_start, span_end in ((clause_start, clause_end), (sentence_start, sentence_end)):
        window = text[span_start:start] + " " + text[end:span_end]
        if past.search(window):
            return False
        if future.search(window) and not _PERFECT_INFINITIVE.search(window):
            return True  # before the ending "-ten", which infinitives share: "soll ab Donnerstag gelten"
        if _past_tense(window):
            return False
    return False


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``start:end``."""
    return clause_around(text, start, end, *sentence_around(text, start, end))


def _inserted_clause(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` stands in a clause set off by commas after a date of the same sentence
    ("Am 27. September wurde das Höchstalter, beginnend mit dem 15. Juli 1863, erhöht"): the sentence
    is about its first date."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    comma_before = text.rfind(",", sentence_start, start)
    comma_after = text.find(",", end, sentence_end)
    if comma_before < 0 or comma_after < 0:
        return False
    return re.search(r"\d", text[sentence_start:comma_before]) is not None


def in_parentheses(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text.rfind("(", line_start, start) > text.rfind(")", line_start, start)


# the end of a period of years: "1861–1865", "von 1861 bis 1865", "zwischen 1861 und 1865", "bis 1865"
_RANGE_END = re.compile(
    r"(?:\d{3,4}(?:\s*v\.\s?Chr\.)?\s*(?:–|-|/|bis(?: zum)?|und)|\bbis(?: zum| Ende| zum Jahr)?)\s*$"
)


def _second_date(text: str, start: int) -> bool:
    """Whether the parentheses around ``start`` give a date a second time, in another calendar or as a
    lifespan: they open right after a date ("am 7. November (25. Oktober nach julianischem Kalender)") or
    hold two years ("(1809–1865)"). A date in parentheses after a name ("die Schlacht von Shiloh (6. April
    1862)") is the date of what the name stands for."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("(", line_start, start)
    closing = text.find(")", start)
    inside = text[opening + 1 : closing if closing >= 0 else start + 40]
    if re.search(r"\d{3,4}\s*(?:–|-|bis)\s*(?:†\s*)?\d{3,4}|[*†]", inside) and not _MONTH_WORD.search(inside):
        return True
    before = text[max(line_start, opening - 30) : opening].rstrip()
    return bool(re.search(r"(?:\d\.?|" + _MONTH_WORD.pattern + r"|Chr\.)$", before))


_MONTH_WORD = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
)


_PLUPERFECT = re.compile(r"\b(?:hatte|hatten|hattest|war|waren)\b")


def _background_clause(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` stands in a clause that tells what had happened before: a clause
    after a comma in the pluperfect (", ersterer hatte im Juli 1917 geputscht"). A sentence that begins in
    the pluperfect ("Nachdem er im November 1860 gewählt worden war, …") may turn the narrative back."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    clause_start, clause_end = clause_around(text, start, end, sentence_start, sentence_end)
    return clause_start > sentence_start and _PLUPERFECT.search(text, clause_start, clause_end) is not None


def aside(
    text: str, start: int, end: int, ref: Anchor | None, mentioned: Anchor, news: bool, first: bool = False
) -> bool:
    """Whether a date mentioned at ``start`` is an aside that does not become the reference for the
    dates that follow: a date in parentheses ("am 7. November (25. Oktober nach julianischem
    Kalender)"), a lone year far from the narrative's current year (a later publication, an earlier
    war), and in a narrative a lone earlier year inside a sentence ("auf ab 1941 ausgearbeiteten
    Plänen", "die Grenze von 1940"); a sentence or a heading ("Westfront 1944/1945") with an earlier year
    turns the narrative back."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip()
    heading = len(line) < 100 and not line.endswith((".", "!", "?", ":", ";", ","))
    if ref is None:
        # the first date of a narrative is its start, also in parentheses ("Der Krieg (1861–1865) …"), but
        # not a birth or death
        return (
            in_parentheses(text, start)
            and re.search(r"[*†]", text[max(line_start, start - 3) : start]) is not None
        )
    if in_parentheses(text, start) and not heading and (mentioned.month is None or _second_date(text, start)):
        return True  # but "Die Schlacht von Gettysburg (1863)" as a heading sets the year told about
    if (
        mentioned.month is None
        and abs(mentioned.year - ref.year) > 10
        and mentioned.year > 0
        and "Jahr" not in text[start:end]
    ):
        return True  # but "im Jahr 260 v. Chr." after 241 v. Chr. sets the time told about
    if (
        not news
        and mentioned.month is None
        and (_RANGE_END.search(text, max(0, start - 30), start) or re.match(r"[Bb]is\b", text[start:end]))
    ):
        return True  # "von 1861 bis 1865", "1940–1943", "blieb bis 1865": the narrative stays at the start
    if not news and mentioned.year > ref.year and _inserted_clause(text, start, end):
        return True  # "Am 27. September wurde das Höchstalter, beginnend mit dem 15. Juli 1863, erhöht."
    if news or mentioned.year >= ref.year or "Jahr" in text[start:end]:
        return False  # "im Jahr 1918" sets the time told about
    if _background_clause(text, start, end):
        return True
    if first:
        return False
    return not heading and not _SENTENCE_START.search(text, max(0, start - 3), start)


def section_end(text: str, start: int) -> int:
    """The end of the section ``start`` is in: the next heading line (a short line without final punctuation)."""
    pos = text.find("\n", start)
    while pos >= 0:
        line_end = text.find("\n", pos + 1)
        line = text[pos + 1 : line_end if line_end >= 0 else len(text)].strip()
        if line and len(line) < 100 and not line.endswith((".", "!", "?", ":", ";", ",")):
            return pos
        pos = line_end
    return len(text)


_HEADING_YEAR = re.compile(r"(?<![\d.,])(1\d{3}|20\d{2})(?![\d.,]\d)")


def heading_years(text: str) -> list[tuple[int, int, bool]]:
    """The headings that name one year and no month: (start of the heading line, the year, whether the
    heading is the year alone). A year alone ("1862") divides a chronological narrative: it governs the
    paragraphs up to the next such heading, sub-headings ("Seekrieg") included; a titled heading
    ("Balkanfeldzug 1941") governs its own section."""
    found: list[tuple[int, int, bool]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) < 100 and not stripped.endswith((".", "!", "?", ":", ";", ",")):
            years = _HEADING_YEAR.findall(stripped)
            if len(years) == 1 and not _MONTH_WORD.search(stripped):
                found.append((pos, int(years[0]), stripped == years[0]))
            elif stripped:
                found.append((pos, 0, False))  # a heading without one year ends a titled heading's section
        pos += len(line) + 1
    return found


def governing_year(headings: list[tuple[int, int, bool]], line_start: int) -> int | None:
    """The year of the heading that governs the paragraph at ``line_start`` (see :func:`heading_years`)."""
    last = True
    for start, year, bare in reversed(headings):
        if start >= line_start:
            continue
        if bare or (last and year):
            return year
        last = False
    return None


def explicit_dates(text: str, chosen: list[tuple[int, int, str, re.Match[str]]]) -> list[tuple[int, Anchor]]:
    """The start and the year (and month) of each expression that names a year of four digits, outside
    parentheses and not the end of a period ("bis 1865")."""
    dates: list[tuple[int, Anchor]] = []
    for start, _end, kind, m in chosen:
        if kind not in ("daymonth", "month", "year", "season", "monthrange") or not m["year"]:
            continue
        digits = m["year"]
        if len(digits) != 4 or m.groupdict().get("era") or in_parentheses(text, start):
            continue
        if kind == "year" and (
            COUNT_NOUNS.match(text, m.end("year"))
            or QUANTIFIER_BEFORE.search(text, max(0, start - 20), start)
            or counts_things(text, m.start("year"), m.end("year"))
        ):
            continue
        month = words()["months"].get(m["mon"].casefold().rstrip("s")) if m.groupdict().get("mon") else None
        dates.append((start, Anchor(int(digits), int(month) if month else None)))
    return dates
