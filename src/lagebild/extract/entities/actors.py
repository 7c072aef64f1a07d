"""Actors: conflict actors from the actor dictionary, state forces by country adjective, persons with role
and affiliation.

Stage ``actors.v1`` (assigns ``actors``):

1. Dictionary names (``lang/de/actors.json``: states and their forces, armed groups, international
   organisations, agencies, NGOs, media, well-known persons) matched longest first over the words, with
   German adjective endings folded ("syrische/syrischen/syrischer Armee") and a final plural/genitive
   "-n"/"-s" tolerated ("Regimekräften", "Sicherheitsrates").
2. A country adjective before a force noun ("türkische Soldaten", "russischen Jets") → that country's
   state forces; before "Regierung" → its government.
3. Persons: a role noun ("UN-Botschafter", "Verteidigungsminister", "Sprecher") before a name gives the
   role; a country adjective or a compound prefix ("UN-", "US-") before it gives the affiliation:
   "der russische UN-Botschafter Witali Tschurkin" → role "UN ambassador", affiliation Russia. A role
   followed by a dictionary actor in the genitive ("der Sprecher der Zivilschützer") is a person of that
   actor. PER entities from the NER stage become persons too, with a role where one stands before them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lagebild.errors import ConfigError, ModelError
from lagebild.extract.places.gazetteer import Gazetteer, default_gazetteer, fold
from lagebild.lang import load_json, load_wordlist
from lagebild.model import Actor, Document
from lagebild.nlp.tokens import make_doc, word_spans
from lagebild.pipeline import stage

_ADJ_ENDING = re.compile(r"(?:en|em|er|es|e)$")
_FORCE_NOUNS = {
    "armee": "forces",
    "truppen": "forces",
    "streitkräfte": "forces",
    "soldaten": "forces",
    "militär": "forces",
    "militärs": "forces",
    "luftwaffe": "forces",
    "marine": "forces",
    "kampfjets": "forces",
    "jets": "forces",
    "kampfflugzeuge": "forces",
    "kampfflugzeugen": "forces",
    "sicherheitskräfte": "forces",
    "sicherheitskräften": "forces",
    "regierungstruppen": "forces",
    "spezialkräfte": "forces",
    "einheiten": "forces",
    "polizei": "police",
    "polizisten": "police",
    "regierung": "government",
    "führung": "government",
    "behörden": "government",
}
_PARTICLES = frozenset(
    {"al", "el", "de", "da", "di", "von", "van", "der", "bin", "ibn", "abu", "la", "le", "ben"}
)
_NAME_WORD = re.compile(r"(?:[A-ZÄÖÜ][\w'’]+|(?:al|el|as|ad|ar|asch)-[A-ZÄÖÜ][\w'’]+)(?:-[A-ZÄÖÜ][\w'’]+)*")
_PREFIX_AFFILIATION = {
    "un": "United Nations",
    "uno": "United Nations",
    "us": "United States",
    "nato": "NATO",
    "eu": "European Union",
    "is": "Islamic State",
}


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    inter: int | None
    country: str | None


@dataclass(frozen=True)
class ActorLexicon:
    entries: dict[str, ActorEntry]
    phrases: dict[tuple[str, ...], str]  # normalised word keys → actor id
    exact_case: frozenset[tuple[str, ...]]  # acronyms that only match in capitals ("IS", "AP")
    lengths: dict[
        str, tuple[int, ...]
    ]  # first word key → the word counts of names starting with it, longest first
    roles: dict[str, str]  # German role head → English role


def _word_key(word: str) -> str:
    """The matching key of a word: folded; a lower-case word (an adjective) loses its ending."""
    key = fold(word)
    if word[:1].islower() and len(key) > 5:
        key = _ADJ_ENDING.sub("", key)
    return key


@cache
def lexicon() -> ActorLexicon:
    data = load_json("actors.json")
    entries: dict[str, ActorEntry] = {}
    phrases: dict[tuple[str, ...], str] = {}
    exact: set[tuple[str, ...]] = set()
    for item in data["actors"]:
        try:
            entry = ActorEntry(item["id"], item["name"], item["kind"], item.get("inter"), item.get("country"))
        except KeyError as exc:
            raise ModelError(f"lang/de/actors.json: actor {item!r} lacks the field {exc}") from exc
        entries[entry.id] = entry
        for name in item["names"]:
            words = [name[s:e] for s, e in _words(make_doc(name))]
            key = tuple(_word_key(w) for w in words)
            if key and key not in phrases:
                phrases[key] = entry.id
                if len(words) == 1 and name.isupper() and len(name) <= 5:
                    exact.add(key)
    roles = {}
    for line in load_wordlist("person_roles.tsv"):
        head, role = line.split("\t")
        roles[fold(head)] = role
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    return ActorLexicon(
        entries,
        phrases,
        frozenset(exact),
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        roles,
    )


def _role_head(head: str) -> str | None:
    """The English role whose German head ends ``head`` (the longest; a compound's first part has at
    least three letters): "verteidigungsminister" → "defence minister"."""
    roles = lexicon().roles
    first = max(3, len(head) - _longest_role())  # a tail longer than every role is none (linear time)
    for k in (0, *range(first, len(head) - 3)):
        if head[k:] in roles:
            return roles[head[k:]]
    return None


@cache
def _longest_role() -> int:
    return max(map(len, lexicon().roles), default=0)


@lru_cache(maxsize=8192)
def role_of(word: str) -> tuple[str, str | None] | None:
    """The English role of a German role noun and the affiliation its compound prefix names:
    "UN-Botschafter" → ("UN ambassador", "United Nations"); "Verteidigungsminister" → ("defence minister", None)."""
    parts = word.split("-")
    head = fold(parts[-1])
    english = _role_head(head)
    if english is None and len(head) > 5 and head[-1] in "sn":  # Machthabers, Botschaftern
        english = _role_head(head[:-1]) or (_role_head(head[:-2]) if head.endswith("en") else None)
    if english is None:
        return None
    gaz = default_gazetteer()
    prefix = [p for p in parts[:-1] if p]
    affiliation = None
    label = english
    for part in prefix:
        if fold(part) in _PREFIX_AFFILIATION:
            affiliation = _PREFIX_AFFILIATION[fold(part)]
            label = f"{part.upper() if len(part) <= 4 else part} {english}"
            break
    for part in prefix:
        country = gaz.country_by_name(part)
        if country:
            label = f"{label} for {country.name}"
            break
    return label, affiliation


def _country_name(code: str | None, gaz: Gazetteer) -> str | None:
    country = gaz.country(code) if code else None
    return country.name if country else None


def _words(tokens: Any) -> list[tuple[int, int]]:
    """(start, end) of the words among the layer's tokens, digits included (:func:`word_spans`)."""
    return [(start, end) for start, end, _ in word_spans(tokens, digits=True)]


def _dictionary_actors(doc: Document, words: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(first word, last word + 1, actor id) of every dictionary name, longest first, left to right."""
    lex = lexicon()
    text = doc.text
    keys = [_word_key(text[s:e]) for s, e in words]
    i = 0
    while i < len(words):
        hit = None
        first = keys[i]
        options = lex.lengths.get(first, ())
        if (
            1 not in options
            and len(first) > 4
            and first[-1] in "ns"
            and (first[:-1] in lex.lengths or first[:-2] in lex.lengths)
        ):
            options = (*options, 1)
        for n in options:
            if i + n > len(words):
                continue
            key = tuple(keys[i : i + n])
            actor_id = lex.phrases.get(key)
            if actor_id is None and n >= 1 and text[words[i + n - 1][0]].isupper():
                last = keys[i + n - 1]
                if len(last) > 4 and last[-1] in "ns":  # Regimekräften, Sicherheitsrates
                    actor_id = lex.phrases.get((*key[:-1], last[:-1]))
                    if actor_id is None and last.endswith("es"):
                        actor_id = lex.phrases.get((*key[:-1], last[:-2]))
            if actor_id is None:
                continue
            surface = [text[s:e] for s, e in words[i : i + n]]
            if key in lex.exact_case and not surface[0].isupper():
                continue
            if n == 1 and surface[0][:1].islower() and not surface[0].islower():
                continue
            if any(text[words[k][1] : words[k + 1][0]].strip() for k in range(i, i + n - 1)):
                continue  # the words of a name stand together, with nothing but spaces between them
            hit = (i, i + n, actor_id)
            break
        if hit:
            yield hit
            i = hit[1]
        else:
            i += 1


def _affiliation_before(
    text: str, words: list[tuple[int, int]], start: int, gaz: Gazetteer
) -> tuple[str | None, str | None]:
    """A country adjective among the two words before ``start``: (country code, English name)."""
    i = bisect_left(words, (start, -1))
    near = [(s, e) for s, e in words[max(0, i - 8) : i] if s >= start - 60 and text[s].islower()]
    for s, e in reversed(near[-2:]):
        code = gaz.adjective_country(text[s:e])
        if code:
            country = gaz.country(code)
            return code, country.name if country else code
    return None, None


def _name_after(text: str, words: list[tuple[int, int]], end: int) -> tuple[int, int] | None:
    """The person's name right after a role noun: up to five capitalised words and name particles
    ("Staffan de Mistura", "Ameen al-Halabi"), one space apart."""
    i = bisect_left(words, (end, -1))
    if i >= len(words) or not text[end : words[i][0]] or text[end : words[i][0]].strip(" \t"):
        return None
    start = words[i][0]
    last: int | None = None
    previous_end = end
    particle_pending = False
    for s, e in words[i : i + 6]:
        gap = text[previous_end:s]
        if last is not None and gap != " ":
            break
        word = text[s:e]
        if _NAME_WORD.fullmatch(word):
            last = e
            particle_pending = False
        elif word in _NAME_PARTICLES and last is not None and not particle_pending:
            particle_pending = True
        else:
            break
        previous_end = e
    return (start, last) if last is not None else None


_NAME_PARTICLES = frozenset({"al", "el", "de", "da", "di", "von", "van", "bin", "ibn", "abu", "ben", "la", "le"})


def extract_actors(doc: Document, gaz: Gazetteer | None = None) -> list[Actor]:
    gaz = gaz or default_gazetteer()
    lex = lexicon()
    text = doc.text
    if doc.nlp is None:
        raise ConfigError("actors.v1 needs the tokens of tokens.v1 (doc.nlp): run tokens.v1 before it")
    words = _words(doc.nlp)
    actors: list[Actor] = []
    taken: list[tuple[int, int]] = []

    def add(actor: Actor) -> None:
        if any(s < actor.end and actor.start < e for s, e in taken):
            return
        taken.append((actor.start, actor.end))
        actors.append(actor)

    dictionary = list(_dictionary_actors(doc, words))
    starts = {words[i][0]: (words[j - 1][1], actor_id) for i, j, actor_id in dictionary}

    # persons introduced by a role noun: "der russische UN-Botschafter Witali Tschurkin"
    for s, e in words:
        token = text[s:e]
        if not token[:1].isupper():
            continue
        role = role_of(token)
        if role is None:
            continue
        label, affiliation = role
        code, country_name = _affiliation_before(text, words, s, gaz)
        genitive = re.match(r"\s+(?:der|des)\s+", text[e : e + 6])
        if genitive and e + genitive.end() in starts:  # "der Sprecher der Zivilschützer"
            org_end, actor_id = starts[e + genitive.end()]
            org = lex.entries[actor_id]
            add(
                Actor(
                    doc.id,
                    s,
                    org_end,
                    text[s:org_end],
                    None,
                    text[s:org_end],
                    "person",
                    None,
                    org.country,
                    label,
                    org.name,
                )
            )
            continue
        name = _name_after(text, words, e)
        if name is None:
            continue
        ns, ne = name
        name_text = text[ns:ne]
        known_person = starts.get(ns)
        entry = None
        if known_person and known_person[0] == ne and lex.entries[known_person[1]].kind == "person":
            entry = lex.entries[known_person[1]]
        add(
            Actor(
                doc.id,
                ns,
                ne,
                name_text,
                entry.id if entry else None,
                entry.name if entry else name_text,
                "person",
                None,
                code or (entry.country if entry else None),
                label,
                country_name or affiliation or _country_name(entry.country if entry else None, gaz),
            )
        )

    for i, j, actor_id in dictionary:
        entry = lex.entries[actor_id]
        s, e = words[i][0], words[j - 1][1]
        add(Actor(doc.id, s, e, text[s:e], entry.id, entry.name, entry.kind, entry.inter, entry.country))

    # state forces and governments named by a country adjective: "türkische Soldaten"
    for (s1, e1), (s2, e2) in zip(words, words[1:], strict=False):
        noun = text[s2:e2]
        what = _FORCE_NOUNS.get(noun.casefold())
        if what is None or not noun[:1].isupper() or text[e1:s2] != " ":
            continue
        code = gaz.adjective_country(text[s1:e1])
        if code is None or not text[s1].islower() and text[s1:e1].casefold() == text[s1:e1]:
            continue
        country = gaz.country(code)
        country_name = country.name if country else code
        if what == "government":
            actor_id, actor_name, kind, inter = (
                f"{code.lower()}_government",
                f"Government of {country_name}",
                "government",
                1,
            )
        elif what == "police":
            actor_id, actor_name, kind, inter = (
                f"{code.lower()}_police",
                f"Police Forces of {country_name}",
                "state_forces",
                1,
            )
        else:
            actor_id, actor_name, kind, inter = (
                f"{code.lower()}_forces",
                f"Military Forces of {country_name}",
                "state_forces",
                1,
            )
        known = lex.entries.get(actor_id)
        if known:
            actor_name, kind = known.name, known.kind
        add(Actor(doc.id, s1, e2, text[s1:e2], actor_id, actor_name, kind, inter, code))

    # persons the NER found, without a role phrase: names of two or more words, and single words that
    # repeat the surname of such a name ("Haddad" after "Omar Haddad"); a lone capitalised word the NER
    # calls a person ("Bomben") is too often a noun
    full_names = [e.text for e in doc.entities if e.label == "PER" and " " in e.text.strip()]
    full_names += [a.text for a in actors if a.kind == "person"]
    surnames = {name.split()[-1] for name in full_names if " " in name}
    for entity in doc.entities:
        if entity.label != "PER":
            continue
        if " " not in entity.text.strip() and entity.text not in surnames:
            continue
        code, country_name = _affiliation_before(text, words, entity.start, gaz)
        add(
            Actor(
                doc.id,
                entity.start,
                entity.end,
                entity.text,
                None,
                entity.text,
                "person",
                None,
                code,
                None,
                country_name,
            )
        )
    actors.sort(key=lambda a: a.start)
    return actors


@stage("actors.v1", requires=("nlp",), uses=("entities",), assigns=("actors",))
def actors_stage() -> Callable[[Document], Document]:
    """Actor dictionary (conflict actors with ACLED inter codes), state forces, persons with roles."""
    gaz = default_gazetteer()
    lexicon()

    def run(doc: Document) -> Document:
        doc.actors = extract_actors(doc, gaz)
        return doc

    return run
