"""Counts that take what they count from another phrase of the text: a number whose noun is left out
("Pakistan mit sieben und die Philippinen mit sechs getöteten Journalisten"), a part of a count told
before ("sieben Geiseln genommen. Vier von ihnen …"), one body found ("die Leiche eines Mannes"), and
the victims of an act ("29 waren Opfer von Entführungen").

Each function takes the figures read so far and returns them with what it adds or changes; they run
after the words around each count are read and before the parse is consulted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from lagebild.extract.figures.syntax import CountedArgument, predicates
from lagebild.model import Figure

if TYPE_CHECKING:
    from lagebild.extract.figures import _FigureFinder

# an injury told of someone: "wurde leicht verletzt", "erlitt Verletzungen im Gesicht", "musste im
# Krankenhaus behandelt werden"; not the offence "Körperverletzung"
_INJURY = re.compile(
    r"(?<![\w-])(?:(?:leicht|schwer|lebensgefährlich)?verletzt\w*|\w*[Vv]erletzungen?|\w*wunden?"
    r"|(?:ambulant|stationär|ärztlich)\s+(?:im\s+\w+\s+)?behandelt|(?:im|ins)\s+(?:Krankenhaus|Klinik\w*)"
    r"|notoperiert)(?![\w-])"
)
_NO_INJURY = re.compile(
    r"(?i)(?<![\w-])(?:unverletzt|nicht\s+(?:\w+\s+)?verletzt|niemand|keine?n?\s+\w*verletz|ohne\s+(?:\w+\s+)?verletz)"
)
_OFFENCE = re.compile(r"(?i)körperverletzung")
_ONE_OF_THEM = re.compile(r"(?<![\w-])(?i:einer|eine|einen|einem|zwei|drei|vier)\s+(?:der|von|davon)\b")
_BACK_REFERENCE = re.compile(r"(?i)(?:die|den|ihre|seine)\s+beiden?\b")
_INJURY_WINDOW = 4  # sentences after the attack: an incident report tells the attack, then its outcome

# "mit sieben und die Philippinen mit sechs …": "und", up to three words, the same preposition again
_GAP = re.compile(r"\s+und\s+(?:[\w-]+\s+){0,3}?$")
_PREPOSITION_BEFORE = re.compile(r"\b(mit|von|bei|auf|unter)\s+$", re.IGNORECASE)
# "Vier von ihnen", "zwei davon": a part of the people counted just before
_OF_THEM = re.compile(r"\s+(?:von\s+ihnen|davon)\b", re.IGNORECASE)
# "eine Leiche", "die Leiche eines Mannes": one body found is one person killed
_BODY = re.compile(
    r"(?<![\w-])(?:(?i:eine)\s+(?:[a-zäöüß]+e\s+)?(?:Leiche|Leichnam)\b"
    r"|(?i:die|der)\s+(?:[a-zäöüß]+e\s+)?(?:Leiche|Leichnam)\s+(?:eines|einer)\s+(?:[a-zäöüß]+(?:en|e)\s+)?[A-ZÄÖÜ][\w-]*)"
)
# "Opfer von Entführungen", "Opfer einer Entführung": the act names what befell the victims
_VICTIMS_OF = re.compile(
    r"\s+(?:(?:waren|wurden|sind|seien|werden|wurde|war|ist)\s+)?Opfer\s+(?:von|eines|einer|des|der)\s+"
    r"(?:[a-zäöüß]+(?:en|er|e|es)\s+)?([A-ZÄÖÜ][a-zäöüß]+)"
)


def _act_category(noun: str) -> str | None:
    """The category of a noun of an act in its singular or plural ("Entführungen" → abducted)."""
    table: dict[str, str] = predicates()["nominal_predicates"]
    word = noun.casefold()
    for form in (word, word[:-2] if word.endswith("en") else word, word[:-1] if word.endswith("n") else word):
        if form in table:
            return table[form]
    return None


def gapped(finder: _FigureFinder, numbers: list[re.Match[str]], figures: list[Figure]) -> list[Figure]:
    """ "Pakistan mit sieben und die Philippinen mit sechs getöteten Journalisten": a bare number whose noun
    is left out takes the noun, category and victims of the count after "und" behind the same preposition."""
    text = finder.text
    by_start = {f.start: f for f in figures}
    starts = {f.start for f in figures}
    out = list(figures)
    for k, m in enumerate(numbers[:-1]):
        nxt = numbers[k + 1]
        full = by_start.get(nxt.start())
        if m.start() in starts or full is None or full.category == "other_people":
            continue
        if not _GAP.match(text, m.end(), nxt.start()) or text[m.end() : nxt.start()].count(",") or "." in text[m.end() : nxt.start()]:
            continue
        first = _PREPOSITION_BEFORE.search(text, max(0, m.start() - 8), m.start())
        second = _PREPOSITION_BEFORE.search(text, max(0, nxt.start() - 8), nxt.start())
        if first is None or second is None or first.group(1).casefold() != second.group(1).casefold():
            continue
        from lagebild.extract.figures import _count

        count = _count(m)
        if count is None:
            continue
        low, high, approx = count
        out.append(replace(full, start=m.start(), end=m.end(), text=m.group(), low=low, high=high, approx=approx,
                           part_of=None))
    return sorted(out, key=lambda f: f.start)


def parts_of_them(finder: _FigureFinder, figures: list[Figure]) -> list[Figure]:
    """ "… sieben Geiseln genommen. Vier von ihnen sollen Kinder sein": a part of the count told just
    before (its sentence or the one before) counts what that one counts."""
    out = list(figures)
    for i, figure in enumerate(out):
        if figure.part_of is not None or i == 0:
            continue
        if not _OF_THEM.match(finder.text, _number_end(finder, figure)):
            continue
        whole = out[i - 1]
        if figure.category not in ("other_people", whole.category):
            continue  # "… verletzt, drei von ihnen getötet": a part with a lot of its own
        if whole.sentence is None or figure.sentence is None or figure.sentence - whole.sentence > 1:
            continue
        out[i] = replace(figure, category=whole.category, part_of=whole.start,
                         claimant=figure.claimant or whole.claimant)
    return out


def _number_end(finder: _FigureFinder, figure: Figure) -> int:
    m = re.match(r"\S+(?:\s+(?:bis|und)\s+\S+)?", figure.text)
    return figure.start + (m.end() if m else len(figure.text))


def bodies(finder: _FigureFinder, figures: list[Figure]) -> list[Figure]:
    """ "die enthauptete Leiche eines Mannes wurde gefunden": one body found counts one killed."""
    text = finder.text
    out = list(figures)
    for m in _BODY.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out) or finder.in_time(m.start(), m.end()):
            continue
        sent = finder.sentence_of(m.start())
        out.append(Figure(finder.doc.id, m.start(), m.end(), m.group(), 1, 1, "exact", "killed",
                          finder.claimant(m.start(), sent), None, finder.place(m.start(), sent), sent))
    return sorted(out, key=lambda f: f.start)


def victims_of_acts(finder: _FigureFinder, figures: list[Figure]) -> list[Figure]:
    """ "29 waren Opfer von Entführungen": the act the victims suffered gives the category."""
    out = list(figures)
    for i, figure in enumerate(out):
        m = _VICTIMS_OF.match(finder.text, figure.end)
        category = _act_category(m.group(1)) if m else None
        if category is not None and category != figure.category:
            out[i] = replace(figure, category=category)
    return out


def _injury_told(finder: _FigureFinder, figures: list[Figure], sent: int, after: int) -> bool:
    """Whether the rest of sentence ``sent`` after ``after`` or one of the four sentences after it tells
    an injury of someone it does not count anew ("Der Betroffene erlitt leichte Verletzungen", "Er musste
    im Krankenhaus behandelt werden"), and no sentence between tells that no one was hurt."""
    for index in range(sent, min(sent + _INJURY_WINDOW + 1, len(finder.sentences))):
        start, end = finder.sentences[index]
        text = _OFFENCE.sub(" ", finder.text[max(start, after) : end])
        if _NO_INJURY.search(text):
            return False
        injury = _INJURY.search(text)
        if injury:
            if _ONE_OF_THEM.search(text, 0, injury.start()):
                return False  # "Einer der Syrer wurde verletzt": a part of those attacked, not all of them
            return not any(
                f.sentence == index
                and f.category in ("injured", "killed")
                and f.start >= max(start, after)
                and not _BACK_REFERENCE.match(f.text)  # "Die beiden Asylsuchenden wurden verletzt": the same ones
                for f in figures
            )
    return False


def injured_later(
    finder: _FigureFinder, figures: list[Figure], attacked: list[tuple[CountedArgument, int]]
) -> list[Figure]:
    """People attacked whose injury is told after the attack ("Ein Asylsuchender wurde angegriffen. Der
    Betroffene erlitt leichte Verletzungen"): the first mention counts them injured, the later one
    points back to it. A count the words around it left open ("other_people") or read as refugees
    ("displaced") takes the category; one attacked without an injury told stays as it was."""
    out = list(figures)
    for argument, sent in attacked:
        if not _injury_told(finder, out, sent, argument.end):
            continue
        hit = next((i for i, f in enumerate(out) if f.start < argument.head_end and argument.start < f.end), None)
        if hit is not None:
            if out[hit].category in ("other_people", "displaced"):
                out[hit] = replace(out[hit], category="injured")
            continue
        if argument.singular_person or argument.counted_person:
            added = finder.from_argument(argument, sent)
            if added is not None:
                out.append(added)
    return sorted(out, key=lambda f: f.start)
