"""The actors of an event: who acted (``actor1``) and on whom (``actor2``), named the way ACLED names them.

With the parse (:mod:`lagebild.extract.events.syntax`) the roles come from the trigger's grammar: the
subject of an active verb acts on its object, the ``von``-agent of a passive on its subject ("Drei
Soldaten wurden von Rebellen getötet": Rebellen → Soldaten), a nominal trigger's genitive or
``von``-phrase acts on its ``auf``/``gegen``-phrase ("ein Angriff der Taliban auf einen Konvoi"). A role's
noun phrase is named by the dictionary actor inside it, else a person or organisation entity, else an
actor noun with ACLED's name for it ("sudanesische Soldaten" → "Military Forces of Sudan"). Roles the
parse leaves open are filled, in the order of the text, from the other actors of the sentence, as
without the parse.
"""

from __future__ import annotations

import re
from typing import Any

from lagebild.extract.events.syntax import TriggerReading
from lagebild.model import EventPlace, Mention

_GENITIVE_ADJECTIVE = re.compile(r"\s+(?:der|des)\s+([a-zäöüß][\w-]*)\s+[A-ZÄÖÜ]")


def sentence_actors(ctx: Any, sentence: tuple[int, int], place: EventPlace | None) -> list[tuple[int, int, str]]:
    """(start, end, name) of the actors of a sentence: dictionary actors, else person and organisation
    entities outside quotes and places, and actor nouns."""
    doc = ctx.doc
    start, end = sentence
    found = [(a.start, a.end, a.name) for a in doc.actors if start <= a.start < end]
    if found:
        return found
    quote_spans = [(q.start, q.end) for q in doc.quotes]
    place_spans = [(p.start, p.end) for p in doc.places]
    found = [
        (e.start, e.end, e.text)
        for e in doc.entities
        if e.label in ("PER", "ORG")
        and start <= e.start < end
        and not any(qs <= e.start < qe for qs, qe in quote_spans)
        and not any(ps < e.end and e.start < pe for ps, pe in place_spans)
    ]
    nouns = ctx.lex.lists["actor_nouns"]
    found += [
        (s, e, generic_actor_name(ctx, s, e, w, place))
        for s, e, w in ctx.tokens_in(start, end)
        if w.lower() in nouns and w[:1].isupper()
    ]
    return sorted(found)


def _role_name(ctx: Any, span: tuple[int, int] | None, place: EventPlace | None) -> tuple[int, int, str] | None:
    """The name of the actor inside a role's noun phrase, or None where it names none."""
    if span is None:
        return None
    start, end = span
    doc = ctx.doc
    for actor in doc.actors:
        if start <= actor.start < end:
            return actor.start, actor.end, actor.name
    for entity in doc.entities:
        if entity.label in ("PER", "ORG") and start <= entity.start < end:
            return entity.start, entity.end, entity.text
    nouns = ctx.lex.lists["actor_nouns"]
    for s, e, word in ctx.tokens_in(start, end):
        if word.lower() in nouns and word[:1].isupper():
            return s, e, generic_actor_name(ctx, s, e, word, place)
    return None


def event_actors(
    ctx: Any, sentence: tuple[int, int], place: EventPlace | None, reading: TriggerReading | None
) -> tuple[tuple[Mention, ...], str | None, str | None]:
    """The actor mentions of the trigger's sentence and the names of ``actor1`` and ``actor2``."""
    found = sentence_actors(ctx, sentence, place)
    names = list(dict.fromkeys(name for _, _, name in found))
    actor1 = names[0] if names else None
    actor2 = names[1] if len(names) > 1 else None
    if reading is not None:
        role1 = _role_name(ctx, reading.actor, place)
        role2 = _role_name(ctx, reading.target, place)
        for role in (role1, role2):
            if role is not None and role[:2] not in {f[:2] for f in found}:
                found = sorted([*found, role])
        if role1 is not None or role2 is not None:
            taken = {r[2] for r in (role1, role2) if r is not None}
            rest = [n for n in names if n not in taken]
            actor1 = role1[2] if role1 is not None else (rest.pop(0) if rest and role2 is None else None)
            actor2 = role2[2] if role2 is not None else (rest.pop(0) if rest else None)
    mentions = tuple(ctx.doc.mention(s, e) for s, e, _ in found)
    return mentions, actor1, actor2


def generic_actor_name(ctx: Any, start: int, end: int, word: str, place: EventPlace | None) -> str:
    """ACLED's name for an actor noun ("sudanesische Soldaten" → "Military Forces of Sudan"), from the
    country of an adjective before it, of one in a genitive after it ("Soldaten der nepalesischen
    Armee"), else of the event place; the word itself where there is no template or no country."""
    template = ctx.lex.generic_actors.get(word.lower())
    if template is None:
        return str(word)
    from lagebild.extract.places.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    text = ctx.doc.text
    before = re.search(r"([\w-]+)\s+$", text[max(0, start - 40) : start])
    code = gaz.adjective_country(before.group(1)) if before else None
    if code is None:
        genitive = _GENITIVE_ADJECTIVE.match(text, end, min(len(text), end + 60))
        code = gaz.adjective_country(genitive.group(1)) if genitive else None
    if code is None and place is not None:
        code = place.country
    country = gaz.country(code) if code else None
    return str(template.format(country=country.name)) if country else str(word)
