"""Counts of people in German conflict news, with what they count, who they were and who claims them.

Stage ``figures.v1`` (assigns ``figures``). Steps, in order:

1. **Numbers**: digits in German notation ("100.000", "1,5 Millionen"), number words ("zwei",
   "Dutzende", "Tausende"), ranges ("180 bis 200", "zwischen 20 und 30") and a qualifier before them
   (mindestens → at_least, mehr als/über → more_than with low = n + 1, bis zu → at_most,
   rund/etwa/schätzungsweise/knapp → about). Numbers inside a time expression are skipped.
2. **People or not**: the noun after the number decides ("82 Menschen", "93 Zivilisten",
   "200 Hingerichteten"); money, percentages, ages, years, weapons, buildings are not counts of people.
   A number without a noun counts people when a casualty verb follows in its clause ("mehr als 300
   verwundet") or it is partitive ("130.000 der … Bewohner").
3. **Category**: an attributive participle ("250.000 umzingelten Bewohner"), else the casualty noun
   ("Tote", "Verletzte"), else a casualty verb in the clause ("exekutiert", "ums Leben gekommen",
   "geflohen", "eingeschlossen"); people with none of these are ``other_people``.
4. **Claimant**: a quote's speaker when the figure stands in a quote; else a cue in the sentence
   ("nach Angaben des …", "laut …", "… zufolge", "Aktivisten sprechen von", "teilte die Organisation
   mit"); else, for a sentence in reported speech, a cue in the sentence before; else none.
5. **Links** (:mod:`lagebild.extract.figures.links`): a number whose noun is left out, a part of the
   count before ("Vier von ihnen"), one body found, the victims of an act ("Opfer von Entführungen");
   then the roles the parse gives (:mod:`lagebild.extract.figures.syntax`).
6. **Place**: the nearest place (towns before countries) in the sentence or the two before it, else the
   article's most mentioned town. Needs ``doc.places``; without them the place stays None.

Uses ``doc.times``, ``doc.quotes``, ``doc.places`` and ``doc.sentences`` when present; works without.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from lagebild.errors import ConfigError
from lagebild.extract.figures import links
from lagebild.extract.figures.claimants import (
    _NOT_A_SOURCE,
    _alt,
    _anaphoric_source,
    _claimants,
    _cue_regexes,
    _function_words,
    _np_after,
    _source_adjectives,
    _source_nouns,
    _source_suffixes,
    _Words,
    lexicon,
)
from lagebild.extract.figures.clauses import AGE
from lagebild.extract.figures.reading import _ONE_WORDS, _SUBSET, read_count
from lagebild.extract.figures.syntax import (
    CountedArgument,
    attacked_arguments,
    attributive_arguments,
    coordinated_heads,
    counted_arguments,
    cue_pattern,
    generic_person_nouns,
    is_age_noun,
    is_attacker_noun,
    is_person_noun,
    nominal_arguments,
    tolls,
)
from lagebild.extract.places.gazetteer import default_gazetteer
from lagebild.extract.times.numbers import (
    DIGITS,
    multiplier_pattern,
    multipliers,
    number_word_pattern,
    parse_number,
    vague_count_pattern,
    vague_counts,
)
from lagebild.lang import given_names
from lagebild.model import Approx, Document, Figure, Mention, Place, Quote
from lagebild.nlp.syntax import parse_cue
from lagebild.pipeline import stage

# the subjunctive of reported speech; "sollen" ("30 Menschen sollen verletzt worden sein") is hearsay
# without a source and takes none from the sentence before
_REPORTED_SPEECH = re.compile(r"\b(?:seien|sei|habe|hätten|hätte|würden)\b")
_HEARSAY = re.compile(r"\b(?:soll|sollen|sollte|sollten)\b")
_PRONOUNS = frozenset({"er", "sie", "es", "man", "diese", "dieser", "jene", "jener"})
_AGE_AFTER = re.compile(r"(?:\s*(?:und|bis|–|-)\s*\d+)?\s+Jahre?\s+alt")
_CROSS_REFERENCE = re.compile(r"(?:berichtete|berichteten|meldete)\s*\)")
_TIME_GAP = re.compile(r"\s*(?:am|im|an|in|vom|seit|bereits)?\s*")
_POINTS_BACK = re.compile(r"(?:Diese|Die|Solche)\s+(?:Zahlen|Angaben|Daten|Opferzahlen|Informationen)\b")
_HARM_CATEGORIES = frozenset({"killed", "injured", "executed", "abducted", "missing"})
_PART_LEAD = re.compile(r"(?i:darunter|davon|unter ihnen)\s+(?:(?i:auch|allein)\s+)?")
_COORDINATION = re.compile(r"\s*(?:,\s*|\s(und|sowie|oder)\s)\s*")
_POSSESSIVES = frozenset(
    {"ihren", "ihrer", "ihre", "seinen", "seiner", "seine", "eigenen", "deren", "dessen"}
)
# "fünf der Toten", "zwei der Verletzten": a definite genitive plural after the count names the whole
_PARTITIVE_PART = re.compile(
    r"\s+der\s+(?:[a-zäöüß]+en\s+)?(?:Toten|Opfer|Getöteten|Verletzten|Verwundeten|"
    r"Festgenommenen|Verhafteten|Entführten|Geiseln|Vermissten|Flüchtlinge|Opfern)\b"
)


@cache
def number_regex() -> re.Pattern[str]:
    """A figure: optional qualifier, a number or range, optional multiplier ("1,5 Millionen")."""
    lex = lexicon()
    words = f"(?i:{number_word_pattern()}|{vague_count_pattern()})"
    mult = f"(?:\\s+(?i:{multiplier_pattern()}))?"
    num = rf"(?:(?:{_SPACED_DIGITS}|{DIGITS}){mult}|{words}{mult})"
    qualifier = rf"(?P<qual>(?i:{_alt(lex['qualifiers'])}))\s+"
    return re.compile(
        rf"(?<![\w.,-])(?:{qualifier})?(?:(?P<between>[Zz]wischen)\s+)?(?P<low>{num})"
        rf"(?:\s*(?:bis(?: zu)?|und|–|-)\s*(?P<high>{num}))?(?![\w%]|,\d|\.\d)"
    )


def _value(text: str) -> tuple[int | None, int | None, Approx | None]:
    """(low, high, approx from a vague word) of one number phrase."""
    parts = text.split()
    factor = 1
    if len(parts) > 1 and parts[-1].casefold() in multipliers():
        factor = multipliers()[parts[-1].casefold()]
        parts = parts[:-1]
    word = " ".join(parts)
    if re.fullmatch(_SPACED_DIGITS, word):
        word = re.sub(r"\s", "", word)  # "13 000": a space between groups of thousands
    vague = vague_counts().get(word.casefold())
    if vague is not None:
        low, high, approx = vague
        return low * factor, (high * factor if high is not None else None), approx  # type: ignore[return-value]
    number = parse_number(word)
    if number is None or number * factor == float("inf"):  # hundreds of digits in a row are no count
        return None, None, None
    value = int(round(number * factor))
    return value, value, None


def _qualified(low: int, high: int | None, approx: Approx, qualifier: str) -> tuple[int | None, int | None, Approx]:
    """An exact number under a qualifier: "mehr als 20" → 21 and more, "mindestens 5", "bis zu 300"."""
    if approx == "at_least" and qualifier == "more_than" and high is None:
        return low + 1, None, "more_than"  # "mehr als tausende Verletzte"
    if approx != "exact":
        return low, high, approx
    if qualifier == "more_than":
        return low + 1, None, "more_than"
    if qualifier == "at_least":
        return low, None, "at_least"
    if qualifier == "at_most":
        return None, low, "at_most"
    return low, high, "about"


def _count(m: re.Match[str]) -> tuple[int | None, int | None, Approx] | None:
    """(low, high, approx) of a number match, or None where it is no count."""
    if m["low"].casefold() in _ONE_WORDS or (m["between"] and not m["high"]):
        return None
    low, high, vague = _value(m["low"])
    if low is None:
        return None
    approx: Approx = vague or "exact"
    if m["high"]:
        high_low, high_high, _ = _value(m["high"])
        if high_low is None or high_low <= low:
            return None
        high, approx = high_high, "range"
    if m["qual"]:
        return _qualified(low, high, approx, lexicon()["qualifiers"][m["qual"].casefold()])
    return low, high, approx


_HEAD_NOUN = re.compile(r"\s+(?:[a-zäöüß][\w-]*\s+){0,2}([A-ZÄÖÜ][\w-]*)")  # "10 bekannte Neonazis"
_COLLECTIVES = frozenset({"gruppe", "horde", "bande", "mob", "trupp", "meute"})  # a lot named by its members
_MEMBERS = re.compile(r"\s+von\s+")
_BOTH = re.compile(r"(?i)(?:die\s+|den\s+)?beiden?\s")
# an indefinite singular article and the capitalised noun its phrase ends in ("ein 36-jähriger Asylbewerber")
_INDEFINITE_PHRASE = re.compile(r"\b(?i:ein|eine|einen|einem|einer|eines)\s+(?:[^\W\d_A-ZÄÖÜ][\w-]*\s+|\d[\w-]*\s+){0,3}([A-ZÄÖÜ][\w-]*)")
_PART_BY_COPULA = re.compile(
    r"\b(?i:darunter|davon|unter ihnen)\s+(?:ist|sind|war|waren|befindet sich|befinden sich|befand sich|befanden sich)"
    r"\s+(?:(?:auch|allein|ebenfalls)\s+)?(?=(?:(?:ein|eine)\s+(?:[a-zäöüß][\w-]*\s+){0,2}(?P<noun>[A-ZÄÖÜ][\w-]*))?)"
)
# between a person and an apposition naming them again: a genitive attribute at most ("des Vereins, ")
_APPOSITION_GAP = re.compile(r"(?:\s+(?:des|der|eines|einer)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3})?,\s*")
# "13 000": groups of three digits after a space (or a narrow no-break space), as some texts write thousands
_SPACED_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])"
_PARTITIVE_OF = re.compile(r"\s+(?:der|von)\s+")  # between a part and its whole: "189 der 259 Personen"
_INTRODUCED = re.compile(AGE.pattern + r"|\d+\s+Jahre\s+alt")  # an age before a noun
_GIVEN_NAME_AFTER = re.compile(r"\s+([A-ZÄÖÜ][\w-]+)")
_POLICE_OFFICER = re.compile(r"polizist|beamt|wachtmeister|kommissar")


@cache
def _verb_pattern() -> re.Pattern[str]:
    """The casualty verbs of the lexicon, longest first, as whole words."""
    return re.compile(rf"(?<![\w-])(?i:{_alt(lexicon()['verbs'])})(?![\w-])")


class _FigureFinder:
    def __init__(self, doc: Document, roles: str = "grammar") -> None:
        if roles not in ROLE_READINGS:
            raise ConfigError(f"figures.v1: roles must be one of {', '.join(ROLE_READINGS)}, not {roles!r}")
        self.roles = roles
        self.doc = doc
        self.text = doc.text
        lex = lexicon()
        self.nouns: dict[str, str] = lex["nouns"]
        self.verbs = _verb_pattern()
        self.verb_category: dict[str, str] = lex["verbs"]
        self.people = set(lex["people"])
        self.victims: dict[str, str] = lex["victims"]
        self.not_people = set(lex["not_people"])
        self.qualifiers: dict[str, str] = lex["qualifiers"]
        if not doc.sentences and doc.text.strip():
            raise ConfigError("figures.v1 needs doc.sentences: run tokens.v1 before it")
        self.sentences = doc.sentences
        self.words = _Words(doc)
        self.time_spans = [(t.start, t.end) for t in doc.times]
        self.previous_end = 0

    def sentence_of(self, offset: int) -> int:
        return self.doc.sentence_index(offset)

    def in_time(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.time_spans)

    def find(self) -> list[Figure]:
        text = self.text
        matches = [m for m in number_regex().finditer(text) if not self.in_time(m.start("low"), m.end())]
        figures: list[Figure] = []
        for k, m in enumerate(matches):
            next_start = matches[k + 1].start() if k + 1 < len(matches) else len(text)
            self.previous_end = matches[k - 1].end() if k else 0
            figure = self.figure(m, next_start)
            if figure is not None and figures and figure.category in ("other_people", figures[-1].category):
                figure = self.subset(figure, figures[-1])
            if figure is not None and figures and figure.part_of is None:
                figure = self.partitive_part(figure, figures)
            if figure is not None:
                figures.append(figure)
        figures = self.coordinated(figures)
        figures = links.gapped(self, matches, figures)
        figures = links.parts_of_them(self, figures)
        figures = links.bodies(self, figures)
        if self.doc.syntax is not None and self.roles != "none":
            figures = self.by_syntax(figures)
        return links.victims_of_acts(self, figures)

    def by_syntax(self, figures: list[Figure]) -> list[Figure]:
        """Categories from the predicate a count is an argument of, for every conjunct; singular
        victims as counts of one; counted people the surface reading missed
        (:mod:`lagebild.extract.figures.syntax`). Only sentences with a casualty verb are parsed."""
        syntax: Any = self.doc.syntax
        cues = cue_pattern()
        out = list(figures)
        changed: dict[int, str] = {}
        attacked: list[tuple[CountedArgument, int]] = []
        open_counts = {f.sentence for f in figures if f.category == "other_people"}
        wanted = [
            index
            for index, (s_start, s_end) in enumerate(self.sentences)
            if index in open_counts or cues.search(self.text, s_start, s_end)
        ]
        syntax.prefetch(wanted)  # the ones not parsed yet, in one batch
        for index in wanted:
            sentence = syntax.sentence(index)
            grammar = self.roles == "grammar"
            attributive = attributive_arguments(sentence) if grammar else ()
            for argument in (*counted_arguments(sentence, grammar), *nominal_arguments(sentence), *attributive):
                if self.in_time(argument.head_start, argument.head_end):
                    continue  # "am Donnerstag, dem 10. Februar 2011": a date is nobody
                head_word = self.text[argument.head_start : argument.head_end].casefold()
                if argument.category == "arrested" and self.victims.get(head_word) in ("police", "security forces"):
                    continue  # police make arrests: "nahmen Polizisten einen Verdächtigen fest"
                if argument.role == "perpetrator" and argument.singular_person and _POLICE_OFFICER.search(head_word):
                    continue  # one officer using force in an operation: "von einem Beamten geschlagen"
                hit = next(
                    (i for i, f in enumerate(out) if f.start < argument.head_end and argument.start < f.end), None
                )
                if hit is None and head_word in _COLLECTIVES:  # "Eine Gruppe von 30 Menschen hat … angegriffen"
                    members = _MEMBERS.match(self.text, argument.head_end)
                    hit = next((i for i, f in enumerate(out) if members and f.start == members.end()), None)
                    if hit is None and members is not None:  # "eine Gruppe von ca. 10 Neonazis": no count yet
                        added = self.members_count(argument, members.end(), index)
                        if added is not None:
                            out.append(added)
                            continue
                if hit is not None:
                    figure = out[hit]
                    category = self.syntactic_category(figure, argument)
                    if category != figure.category:
                        out[hit] = replace(figure, category=category)
                        changed[figure.start] = category
                elif argument.singular_person or argument.counted_person or argument.definite_person:
                    if argument.definite_person and not argument.singular_person:
                        if not self.first_mention(argument, index, out):
                            continue
                        argument = replace(argument, singular_person=True)
                    added = self.from_argument(argument, index)
                    if added is not None and not self.told_before(added, out):
                        out.append(added)
            if grammar:
                attacked += [(argument, index) for argument in attacked_arguments(sentence)]
            for number_start, category in tolls(sentence):  # "Die Zahl der Toten stieg auf 384"
                out = self.toll(out, number_start, category, index)
            # conjuncts share what their coordination counts ("17 Kämpfer … sowie 23 Aufständische")
            for figure in list(out):
                if figure.sentence != index or figure.category in ("other_people", "attackers"):
                    continue
                for h_start, h_end in coordinated_heads(sentence, figure.start, figure.end):
                    for i, other in enumerate(out):
                        if other.category == "other_people" and other.start <= h_start and h_end <= other.end:
                            out[i] = replace(other, category=figure.category)
                            changed[other.start] = figure.category
        out = links.injured_later(self, out, attacked)
        out = self.parts_found_by_syntax(out)
        wholes = {f.start: f.category for f in out}
        for i, figure in enumerate(out):  # a part counts what its whole counts
            whole = wholes.get(figure.part_of) if figure.part_of is not None else None
            if whole and figure.category == "other_people" and whole != "other_people":
                out[i] = replace(figure, category=whole)
        return self.appositions_once(self.partitive_wholes(self.parts_by_copula(sorted(out, key=lambda f: f.start))))

    def appositions_once(self, figures: list[Figure]) -> list[Figure]:
        """ "Der 37-jährige Torwart des Vereins, Andreas Muster, wurde verletzt": one person named twice,
        the second time by an apposition between commas, is one figure (the first)."""
        out: list[Figure] = []
        for figure in figures:
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.low == figure.low == 1
                and previous.category == figure.category
                and previous.sentence == figure.sentence
                and _APPOSITION_GAP.fullmatch(self.text, previous.end, figure.start)
                and self.text[figure.end : figure.end + 1] == ","
                and figure.text[:1].isupper()
                and figure.text.split()[0].casefold() not in ("der", "die", "das", "ein", "eine", "einer")  # a name
            ):
                continue
            out.append(figure)
        return out

    def parts_by_copula(self, figures: list[Figure]) -> list[Figure]:
        """ "Fünf Menschen wurden tot geborgen, darunter ist auch ein Kind": the subject of "sein" or "sich
        befinden" after "darunter"/"davon"/"unter ihnen" is a part of the count before it in its sentence,
        counting what that count counts; one person where an indefinite article names a person noun."""
        out = list(figures)
        for m in _PART_BY_COPULA.finditer(self.text):
            sent = self.sentence_of(m.start())
            whole = next(
                (f for f in reversed(out) if f.sentence == sent and f.end <= m.start() and f.part_of is None), None
            )
            if whole is None or whole.category == "other_people":
                continue
            at = next((i for i, f in enumerate(out) if f.start == m.end()), None)
            if at is not None:
                out[at] = replace(out[at], part_of=whole.start, category=whole.category)
            elif m.group("noun") and is_person_noun(m.group("noun")):
                end = m.end("noun")
                out.append(replace(whole, start=m.end(), end=end, text=self.text[m.end() : end], low=1, high=1,
                                   approx="exact", victims=self.victims.get(m.group("noun").casefold()),
                                   part_of=whole.start))
            elif (number := number_regex().match(self.text, m.end())) is not None and (count := _count(number)):
                noun = _HEAD_NOUN.match(self.text, number.end())
                if noun is not None and is_person_noun(noun.group(1)):  # "darunter sind auch mehrere Polizisten"
                    low, high, approx = count
                    out.append(replace(whole, start=m.end(), end=noun.end(1), text=self.text[m.end() : noun.end(1)],
                                       low=low, high=high, approx=approx,
                                       victims=self.victims.get(noun.group(1).casefold()), part_of=whole.start))
        return sorted(out, key=lambda f: f.start)

    def partitive_wholes(self, figures: list[Figure]) -> list[Figure]:
        """ "ertranken 189 der 259 Personen": the part is the count, the whole after "der"/"von" is who it
        is a part of; the two are one figure, the part's value over the whole phrase."""
        out: list[Figure] = []
        for figure in figures:
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.sentence == figure.sentence
                and previous.category != "other_people"
                and figure.category == "other_people"
                and _PARTITIVE_OF.fullmatch(self.text, previous.end, figure.start)
                and previous.high is not None
                and figure.low is not None
                and previous.high < figure.low
            ):
                out[-1] = replace(previous, end=figure.end, text=self.text[previous.start : figure.end])
                continue
            out.append(figure)
        return out

    def first_mention(self, argument: CountedArgument, sentence: int, figures: list[Figure]) -> bool:
        """ "Der Busfahrer wurde … verletzt": a definite person harmed or arrested is one the report tells
        of first when the text before names no such person (the noun, any form) and counts no one of
        that lot yet."""
        head = self.text[argument.head_start : argument.head_end]
        before = self.text[: argument.start]
        name = _GIVEN_NAME_AFTER.match(self.text, argument.head_end)
        introduced = argument.attributive or _INTRODUCED.search(self.text, argument.start, argument.head_start) is not None or (
            name is not None and name.group(1) in given_names()
        )
        if (sentence == 0 and not introduced) or head.casefold() in generic_person_nouns():
            return False  # "Der Mann wurde festgenommen": one told of elsewhere; a report sets its scene first,
            # where an age or a name introduces the person ("Der 37-jährige Torwart … wurde verletzt")
        if is_attacker_noun(head) or (not introduced and re.search(rf"(?i)\b{re.escape(head)}", before)):
            return False  # "der Täter", "der Angreifer": the one who attacked, told of by the attack; a noun
            # told before is that one, unless an age introduces the person ("der 60-jährige Nachbar")
        if any(f.category == argument.category and f.start < argument.start for f in figures):
            return False
        # "ein 36-jähriger Asylbewerber …. Der Mann wurde …": one person told of before by another word
        return not any(is_person_noun(m.group(1)) for m in _INDEFINITE_PHRASE.finditer(before))

    @staticmethod
    def told_before(figure: Figure, figures: list[Figure]) -> bool:
        """ "… wurde ein Mann getötet. Der Unternehmer Wei Muster wurde erschlagen": a named person with a
        definite article, after one person of the same lot in the sentence before or its own, is that one."""
        if _BOTH.match(figure.text):  # "die beiden Männer": the two told of before, unless none of that lot was
            return any(f.category == figure.category and f.start < figure.start for f in figures)
        if figure.low != 1 or figure.text.split()[0].casefold() not in ("der", "die", "das", "den", "dem"):
            return False
        sentence = figure.sentence or 0
        return any(
            f.low == 1 and f.category == figure.category and f.sentence in (sentence - 1, sentence) for f in figures
        )

    def parts_found_by_syntax(self, figures: list[Figure]) -> list[Figure]:
        """ "61 Polizisten verletzt, darunter sechs schwer": a count the parse found after "darunter" is a
        part of the count before it in its sentence (its span starts at the number)."""
        out = sorted(figures, key=lambda f: f.start)
        for i, figure in enumerate(out):
            lead = _PART_LEAD.match(figure.text)
            if lead is None or figure.part_of is not None:
                continue
            whole = next(
                (f for f in reversed(out[:i]) if f.sentence == figure.sentence and f.part_of is None), None
            )
            start = figure.start + lead.end()
            out[i] = replace(
                figure,
                start=start,
                text=self.text[start : figure.end],
                part_of=whole.start if whole is not None else None,
                category=whole.category if whole is not None and figure.category == "other_people" else figure.category,
            )
        return out

    def toll(self, figures: list[Figure], number_start: int, category: str, sent: int) -> list[Figure]:
        """The number a toll noun counts ("Die Zahl der Toten stieg auf insgesamt 384") with that noun's
        category; its parts after "darunter" are parts of it."""
        m = None
        for candidate in number_regex().finditer(self.text, max(0, number_start - 20), number_start + 40):
            if candidate.start() <= number_start < candidate.end():
                m = candidate
                break
        count = _count(m) if m is not None else None
        if m is None or count is None:
            return figures
        out = list(figures)
        hit = next((i for i, f in enumerate(out) if f.start <= number_start < f.end), None)
        if hit is not None:
            total = out[hit]
            if total.category == "other_people":
                total = out[hit] = replace(total, category=category)
        else:
            low, high, approx = count
            total = Figure(self.doc.id, m.start(), m.end(), m.group(), low, high, approx, category,
                           self.claimant(m.start(), sent), None, self.place(m.start(), sent), sent)
            out.append(total)
        s_end = self.sentences[sent][1]
        for i, figure in enumerate(out):
            if (
                total.end <= figure.start < s_end
                and figure.category == "other_people"
                and re.match(r"\s*,?\s*(?:darunter|davon|unter ihnen)\b", self.text[total.end : figure.start], re.I)
            ):
                out[i] = replace(figure, category=category, part_of=total.start)
        return out

    def syntactic_category(self, figure: Figure, argument: CountedArgument) -> str:
        """The parse decides for counts the words around them left open ("other_people") and for
        attackers in a victim's role ("Die drei Angreifer wurden erschossen"); a category the count's
        own noun or clause verb gave stays."""
        words = self.text[figure.start : argument.head_end].casefold().split()
        own = any(w in self.verb_category for w in words[:-1]) or any(
            self.nouns.get(w) in _HARM_CATEGORIES for w in words
        )  # its own participle or noun says what befell it ("250.000 umzingelten Bewohner", "zwölf Tote")
        if argument.role == "perpetrator":
            # "wurde von drei Personen angegriffen und verletzt": the agent attacks, whatever verb follows it
            agent = re.search(r"\bvon\s+$", self.text[max(0, figure.start - 5) : figure.start]) is not None
            # "Drei Männer verletzten einen Passanten": the subject before an active, finite harm verb
            # harms, whatever the words around the count say
            if figure.category == "other_people" or (not own and (agent or argument.finite_subject)):
                return "attackers"
            return figure.category
        if figure.category in ("other_people", "attackers"):
            return argument.category
        if own:
            return figure.category
        # "Mindestens zehn Flüchtlinge wurden getötet": refugees killed are counted as killed
        return argument.category  # the verb of its own clause, not one nearby ("auf der Flucht")

    def members_count(self, argument: CountedArgument, at: int, sent: int) -> Figure | None:
        """ "Eine Gruppe von ca. 10 Neonazis versuchte einzudringen": the count of a collective's members,
        in the collective's role, where the words around it left it uncounted."""
        m = number_regex().match(self.text, at)
        if m is None or self.in_time(m.start("low"), m.end()):
            return None
        count = _count(m)
        noun = _HEAD_NOUN.match(self.text, m.end())
        if count is None or noun is None:
            return None
        low, high, approx = count
        end = noun.end()
        return Figure(self.doc.id, argument.start, end, self.text[argument.start : end], low, high, approx,
                      argument.category, self.claimant(argument.start, sent), self.victims.get(noun.group(1).casefold()),
                      self.place(argument.start, sent), sent)

    def from_argument(self, argument: CountedArgument, sent: int) -> Figure | None:
        """A count the parse found in a casualty role: "Ein Soldat wurde getötet" (one), "Zwei
        Selbstmordattentäter töteten …" (a number before a person noun the word lists lack)."""
        text = self.text
        head = text[argument.head_start : argument.head_end].casefold()
        aged = is_age_noun(text[argument.head_start : argument.head_end])  # "einen 20-Jährigen": a person
        if not aged and (head in self.not_people or any(head.endswith(w) for w in self.not_people if len(w) >= 4)):
            return None  # "40 Panzer", "zweier Schnellzüge", "100 Millionen Haie"
        count: tuple[int | None, int | None, Approx] | None = None
        for m in number_regex().finditer(text, argument.start, argument.head_end):
            if (
                not self.in_time(m.start("low"), m.end())
                and text[m.end() : m.end() + 1] not in "-–"
                and not _AGE_AFTER.match(text, m.end())  # "die 14 und 18 Jahre alten Jugendlichen"
                and not re.search(r"Alter\s+von\s+$", text[max(0, m.start() - 16) : m.start()])
            ):
                count = _count(m)
                break
        if count is None and _BOTH.match(text, argument.start) and is_person_noun(head):
            count = (2, 2, "exact")  # "die beiden Tatverdächtigen festgenommen"
        if count is None:
            if not argument.singular_person:
                return None
            count = (1, 1, "exact")
        low, high, approx = count  # type: ignore[misc]
        return Figure(
            self.doc.id,
            argument.start,
            argument.end,
            text[argument.start : argument.end],
            low,
            high,
            approx,
            argument.category,
            self.claimant(argument.start, sent),
            self.victims.get(head),
            self.place(argument.start, sent),
            sent,
        )

    def coordinated(self, figures: list[Figure]) -> list[Figure]:
        """ "neun Polizisten und acht Zivilisten getötet": counts joined by "und", "sowie" or a comma
        share the category the verb after the last one gives (read from right to left)."""
        out = list(figures)
        listed: set[int] = set()  # figures that took their category from a coordination
        for i in range(len(out) - 2, -1, -1):
            this, nxt = out[i], out[i + 1]
            if (
                this.category != "other_people"
                or nxt.category == "other_people"
                or this.sentence != nxt.sentence
            ):
                continue
            joint = _COORDINATION.fullmatch(self.text, this.end, nxt.start)
            # a bare comma only inside a list that ends in "und"/"sowie" ("A, B und C getötet")
            if joint and (joint.group(1) or i + 1 in listed):
                out[i] = replace(this, category=nxt.category, claimant=this.claimant or nxt.claimant)
                listed.add(i)
        return out

    def figure(self, m: re.Match[str], next_start: int) -> Figure | None:
        """The count of people number ``m`` is, read by the rules of :mod:`figures_reading`."""
        r = read_count(self, m, next_start)
        if r is None:
            return None
        start = m.start()
        return Figure(
            self.doc.id,
            start,
            r.end,
            self.text[start : r.end],
            r.low,
            r.high,
            r.approx,
            r.category or "other_people",
            self.claimant(start, r.sent),
            r.victims,
            self.place(start, r.sent),
            r.sent,
        )

    def subset(self, figure: Figure, previous: Figure) -> Figure:
        """ "18 Tote, darunter fünf Kinder": the part counts what the whole counts, claimed by the same."""
        if previous.sentence != figure.sentence or not _SUBSET.search(self.text, previous.end, figure.start):
            return figure
        if re.search(r"[.;:!?]", self.text[previous.end : figure.start]):
            return figure
        return replace(
            figure,
            category=previous.category,
            claimant=figure.claimant or previous.claimant,
            part_of=previous.start,
        )

    def partitive_part(self, figure: Figure, earlier: list[Figure]) -> Figure:
        """ "fünf der Toten", "zwei der Verletzten": a part of a total counted before (in its sentence or
        the two before), not a count of its own; it neither conflicts with the total nor adds to it."""
        if not _PARTITIVE_PART.match(self.text, figure.end) or figure.sentence is None:
            return figure
        for previous in reversed(earlier):
            if previous.sentence is not None and figure.sentence - previous.sentence > 2:
                break
            if previous.category == figure.category and previous.part_of is None:
                return replace(figure, part_of=previous.start)
        return figure

    def claimant(self, offset: int, sent: int) -> Mention | None:
        for quote in self.doc.quotes:
            if (
                quote.start <= offset < quote.end
                and quote.speaker is not None
                and not quote.speaker.start <= offset < quote.speaker.end  # never the figure itself
                and not self.hearsay(quote, sent)
                and not (quote.cue is not None and self.cross_reference(quote.cue.start))  # "(X berichtete)"
            ):
                nearer = self.nearer_cue(quote, offset, sent)
                if nearer is not None:
                    return nearer
                named = self.source(quote.speaker.start, quote.speaker.end, sent)
                if named is not None:
                    return named
        if not self.sentences:
            return None
        s_start, s_end = self.sentences[sent]
        found = sorted(self.cues(s_start, s_end, offset), key=lambda c: abs(c[0] - offset))
        if not found and _anaphoric_source().search(self.text, s_start, s_end):
            return self.resolve_back(sent)  # "Demnach wurden …": the source of the sentence before
        if not found:
            after = self.next_sentence_source(sent)
            if after is not None:
                return after
        if not found and sent > 0 and _REPORTED_SPEECH.search(self.text, s_start, s_end):
            p_start, p_end = self.sentences[sent - 1]
            found = sorted(self.cues(p_start, p_end, offset), key=lambda c: -c[0])
        for _cue, start, end in found:
            named = self.source(start, end, sent)
            if named is not None:
                return named
        return None

    def nearer_cue(self, quote: Quote, offset: int, sent: int) -> Mention | None:
        """ "Nach Angaben der Behörden … 384, darunter laut UNO-Angaben 62 Zivilisten", "Laut einer Meldung
        des Senders X ist … festgenommen worden. Dies gab die Polizei bekannt": in reported speech, a cue of
        the count's own sentence nearer the count than the quote's own cue names its source."""
        if not self.sentences or quote.speaker is None or quote.kind == "direct":
            return None
        own = quote.cue.start if quote.cue is not None else quote.speaker.start
        s_start, s_end = self.sentences[sent]
        nearer = [
            c
            for c in self.cues(s_start, s_end, offset)
            if c[0] < offset
            and (abs(offset - c[0]) < abs(offset - own) or self.sentence_of(own) != sent)
            and not (c[1] < quote.speaker.end and quote.speaker.start < c[2])
        ]
        for _cue, start, end in sorted(nearer, key=lambda c: offset - c[0]):
            named = self.source(start, end, sent)
            if named is not None:
                return named
        return None

    def hearsay(self, quote: Quote, sent: int) -> bool:
        """ "Rund 800 Menschen sollen verletzt worden sein": a sentence of reported speech only by "sollen",
        its cue in another sentence, is hearsay the article passes on without a source."""
        if quote.kind != "indirect" or _REPORTED_SPEECH.search(quote.text) or not _HEARSAY.search(quote.text):
            return False
        return quote.cue is None or self.sentence_of(quote.cue.start) != sent

    def source(self, start: int, end: int, sent: int) -> Mention | None:
        """The claimant a phrase names: None for a phrase that names no source ("ersten Angaben"),
        the antecedent for a possessive one ("ihren Angaben"), else the phrase (pronouns resolved)."""
        words = self.text[start:end].casefold().split()
        if all(w.strip(".,;:") in _function_words() - _PRONOUNS for w in words):
            return None  # "Nun", "Gegen": a function word at the head of a sentence names no source
        if _anaphoric_source().fullmatch(self.text[start:end].strip(" ,")):
            return self.resolve_back(sent)
        if words and words[-1].strip(".,;:") in _NOT_A_SOURCE:
            if len(words) == 2 and (
                words[0] in _source_adjectives() or default_gazetteer().adjective_country(words[0])
            ):
                return self.doc.mention(start, end)  # "palästinensischen Angaben"
            return self.resolve_back(sent) if any(w in _POSSESSIVES for w in words[:-1]) else None
        return self.resolve(start, end, sent)

    def cues(self, start: int, end: int, offset: int) -> list[tuple[int, int, int]]:
        """Claimant candidates of a sentence: not the figure itself, not a time ("Am Dienstag"), not a
        cross-reference in brackets ("(Wikinews berichtete)")."""
        return [
            c
            for c in _claimants(self.words, start, end)
            if not c[1] <= offset < c[2]
            and not self.in_time(c[1], c[2])
            and not self.cross_reference(c[0])
        ]

    def cross_reference(self, cue: int) -> bool:
        """ "(Wikinews berichtete)": a pointer to earlier reports, no source of the count."""
        return bool(_CROSS_REFERENCE.match(self.text, cue)) and "(" in self.text[max(0, cue - 40) : cue]

    def resolve(self, start: int, end: int, sent: int) -> Mention:
        """A pronoun claimant ("Sie sprach von …") becomes the name a quote resolved it to, else the
        claimant (or, failing one, the subject) of one of the two sentences before; anything else stays
        as it is."""
        words = self.text[start:end].split()
        if len(words) != 1 or words[0].casefold() not in _PRONOUNS:
            return self.doc.mention(start, end)
        for quote in self.doc.quotes:
            speaker = quote.speaker
            if speaker is not None and speaker.start == start and quote.speaker_resolved:
                at = self.text.rfind(quote.speaker_resolved, 0, start)
                if at >= 0:
                    return self.doc.mention(at, at + len(quote.speaker_resolved))
        return self.resolve_back(sent) or self.doc.mention(start, end)

    def resolve_back(self, sent: int) -> Mention | None:
        """The claimant, or failing one the subject, of one of the two sentences before ``sent``."""
        for back in (1, 2):
            if sent - back < 0:
                break
            p_start, p_end = self.sentences[sent - back]
            earlier = [
                c for c in self.cues(p_start, p_end, -1) if self.text[c[1] : c[2]].casefold() not in _PRONOUNS
            ]
            if earlier:
                _cue, c_start, c_end = max(earlier)
                return self.doc.mention(c_start, c_end)
            subject = _np_after(self.words, p_start, p_end, sentence_start=True)  # its first noun phrase
            if (
                subject
                and not self.in_time(*subject)
                and self.text[subject[0] : subject[1]].casefold() not in _PRONOUNS
                and self.can_claim(*subject)
            ):
                return self.doc.mention(*subject)
        return None

    def can_claim(self, start: int, end: int) -> bool:
        """Whether a noun phrase can name a source: a person or organisation the NER found in it, or a
        noun of the source class ("der Bundeswehrbericht", "die Polizei"); "Ein Teil der
        Auseinandersetzungen" cannot."""
        if any(e.start < end and start < e.end and e.label in ("PER", "ORG") for e in self.doc.entities):
            return True
        words = self.text[start:end].casefold().split()
        return any(w.strip(".,;:()") in _source_nouns() or w.endswith(_source_suffixes()) for w in words)

    def next_sentence_source(self, sent: int) -> Mention | None:
        """ "… 2.489 Menschen starben. Diese Zahlen veröffentlichte am Dienstag die irakische Regierung.":
        a source named in the sentence after, which points back at the counts."""
        if sent + 1 >= len(self.sentences):
            return None
        n_start, n_end = self.sentences[sent + 1]
        if not _POINTS_BACK.match(self.text, n_start):
            return None
        _before, _after, verbs = _cue_regexes()
        verb = verbs.search(self.text, n_start, n_end)
        if verb is None:
            return None
        pos = verb.end()
        for t_start, t_end in sorted(self.time_spans):
            if t_start >= pos and _TIME_GAP.fullmatch(self.text, pos, t_start):
                pos = t_end  # "veröffentlichte am Dienstag die Regierung"
        span = _np_after(self.words, pos, n_end)
        if span is None or not self.can_claim(*span):
            return None
        return self.doc.mention(*span)

    def place(self, offset: int, sent: int) -> str | None:
        places = list(self.doc.places)
        if not places:
            return None

        def rank(p: Place) -> tuple[int, int, int]:
            # the dateline is where the reporter is: the last resort in the figure's own sentence
            return (
                1 if p.role == "dateline" else 0,
                1 if p.feature == "country" else 0,
                abs(p.start - offset),
            )

        for back in range(3):
            index = sent - back
            if index < 0:
                break
            lo, hi = self.sentences[index] if self.sentences else (0, len(self.text))
            here = [
                p
                for p in places
                if lo <= p.start < hi and p.role != "dateline" or (lo <= p.start < hi and back == 0)
            ]
            if here:
                return min(here, key=rank).name
        towns = Counter(p.name for p in places if p.feature != "country" and p.role != "dateline")
        towns = towns or Counter(p.name for p in places if p.feature != "country")
        if towns:
            return towns.most_common(1)[0][0]
        return places[0].name


# How counts get their roles: "grammar" (the parse read by the German verb bracket, coordination and
# valency: the default), "parse" (the dependency relations alone), "none" (the words around a count only)
ROLE_READINGS = ("grammar", "parse", "none")


def find_figures(doc: Document, roles: str = "grammar") -> list[Figure]:
    """All counts of people in the document (see the module docstring for the steps)."""
    return _FigureFinder(doc, roles).find()


@parse_cue("figures.v1")
def _casualty_cue(doc: Document, start: int, end: int) -> bool:
    """A sentence with a casualty verb or toll: the roles of its counts are read from the parse."""
    return cue_pattern().search(doc.text, start, end) is not None


@stage(
    "figures.v1",
    requires=("nlp", "sentences"),
    uses=("syntax", "times", "quotes", "places"),
    assigns=("figures",),
)
def make_figures_stage(roles: str = "grammar") -> Callable[[Document], Document]:
    """Counts of people with category, victims, claimant and place."""
    if roles not in ROLE_READINGS:
        raise ConfigError(f"figures.v1: roles must be one of {', '.join(ROLE_READINGS)}, not {roles!r}")
    number_regex()
    _cue_regexes()

    def figures_stage(doc: Document) -> Document:
        doc.figures = find_figures(doc, roles)
        return doc

    return figures_stage
