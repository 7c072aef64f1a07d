"""Whether a trigger names an event ACLED codes: political violence, protest and strategic developments
of a conflict, not accidents, disasters, ordinary crime, judicial executions, plots, business deals or
figurative uses.

The rules read the trigger's sentence, its neighbours and the article title against cue lists in
``lang/de/event_triggers.json``:

* **figurative** – a phrase around the trigger ("verließ die Sitzung unter Protest");
* **accident** – a generic trigger or an explosion word beside an accident or disaster cue
  ("Hubschrauberabsturz", "Erdbeben", "Unwetter", "Krankheit");
* **animals** – a generic killing verb whose clause names animals and no people;
* **separable verb** – "griffen" attacks only with its particle ("griffen … an"), not in "griffen auf
  … zurück" or "griffen unter die Arme"; a trigger that is the first part of a compound ("Angriffs- und
  Verteidigungswaffen") is none;
* **verbal protest** – "X protestierte gegen die Erhöhung" is a statement unless the clause names a
  crowd ("Tausende", "Studenten"), a count or a place;
* **explosion** – an explosion word needs a weapon or attack cue nearby ("Autobombe", "Anschlag",
  "Rakete"): an explosion in a factory or a crashed plane is no event;
* **plot** – a violent trigger whose clause says it was planned or foiled ("einen Anschlag zu planen");
* **judicial execution** – an execution beside "Todesstrafe", "Todesurteil", "zum Tode verurteilt";
* **crime** – a violent or arrest trigger beside crime cues ("Mordkommission", "tatverdächtig",
  "Raubüberfall", "Mafia", "wegen des Verdachts") and no political or conflict cue ("Terror",
  "Rebellen", "Opposition", "Truppen");
* **tally** – a violent trigger whose clause counts over time ("seit 2004 wurden über tausend Menschen
  getötet", "immer wieder");
* **arrests** – need a political or conflict cue nearby (ACLED codes arrests of political actors,
  protesters, militants; not of burglars);
* **agreements, territory, bases, property destruction** – need a conflict or political cue nearby
  ("Waffenruhe", "Rebellen", "Abzug", "Krieg"): a wage deal, a coalition agreement, a politician's
  "Rückzug" or "eine Haltung eingenommen" is no event;
* **speculation** – "es wird vermutet, dass …" before the trigger; **cyber attacks** – a generic
  "Angriff" beside "Hacker", "Trojaner", "Cyber";
* **collision** – "Zusammenstoß" beside a vehicle (a bus and a train, two aircraft) is an accident;
* **time anchor** – a trigger in the genitive of an onset noun after a temporal preposition ("nach dem
  Ausbruch der Kampfhandlungen") dates another statement, "Ende der Kampfhandlungen" reports none;
* **aim, negation, unrealised** – a trigger in an "um … zu" clause, right after "ohne" or after
  "bevorstehende", "mögliche" names no act; a generic trigger after "gegen die" is the target of a
  measure ("gegen die Angriffe vorgehen"), beside "Schutz vor", "Garantien", "Gefahrenabwehr" a
  protection;
* **speech** – a generic attack "scharf" or "verbal" made, or aimed at rights ("Angriff auf die
  Pressefreiheit"); "demonstrierten Einigkeit" shows a quality;
* **pattern** – "in vielen Fällen", "regelmäßig", "von Januar bis Juni", a "Mordserie" make violence,
  arrests and protests a pattern or tally, not one event;
* **charges and unrealised agreements** – "Vergewaltigung" among the charges of a trial; a ceasefire
  demanded, proposed or refused; an agreement in a concessive phrase ("trotz Unterzeichnung eines
  Friedensabkommens", "obwohl … ein Friedensabkommen") is the background the report contrasts with;
* **attacks on people for who they are** – a violent act whose target is a refugee, an asylum seeker or
  their shelter, a migrant, a Jew, a Muslim, a Roma, a journalist ("Zwei Asylbewerber wurden von einer
  Gruppe geschlagen", "Brandanschlag auf ein Flüchtlingsheim"), or with a hate motive in the report
  ("fremdenfeindlich", "rassistisch beleidigt", "der Staatsschutz ermittelt"), is political violence,
  not crime (:func:`targets_group`); beating and arson verbs ("schlugen auf ihn ein", "zündeten … an")
  name an event only then;
* **hitting verbs** – a finite "schlug", "traten" hits only a person ("schlug ihm ins Gesicht") or
  with its particle ("schlugen auf ihn ein"), not in "schlug vor".

:func:`refine` sets ACLED's type from the context (seized explosives are disrupted weapons use, a mob
makes a riot mob violence, a generic attack by aircraft is an air strike, clashes reported right after
a protest make it a riot, an attack on
refugees is no battle, and a group attacking them is a mob) and
:func:`refer_back` types an unspecified "Anschlag" like the bombing the article reported before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lagebild.resources import default_resources

_EXECUTION_WORDS = frozenset(
    {
        "hingerichtet",
        "hinrichtung",
        "hinrichtungen",
        "hingerichtete",
        "hingerichteten",
        "exekutiert",
        "exekutierte",
        "exekutierten",
        "exekution",
        "exekutionen",
        "massenhinrichtung",
        "massenhinrichtungen",
    }
)
_PARTICLE_AN = re.compile(r"\ban\b\s*(?:[,.;:!?)]|$|\b(?:und|oder|sowie)\b)")
# a person hit ("schlug ihn", "schlug einem der Flüchtlinge", "schlugen am Freitag drei Männer einen …"), or the particle of "einschlagen auf",
# "zuschlagen", "niederschlagen", "zusammenschlagen", "zutreten" closing the clause
_HIT_OBJECT = re.compile(
    r"^\W*(?:am\s+\w+\s+)?(?:\w+\s+){0,2}?(?:ihn|ihm|ihr|sie|ihnen|einen|einem|einer|den|dem|der|die)\b"
    r"|\b(?:ein|zu|nieder|zusammen)\s*(?:[,.;:!?)]|$|\b(?:und|oder|sowie)\b)"
)
# a particle that makes "schlug", "trat" another verb: "schlug … vor", "trat … zurück", "tritt … bei"
_OTHER_PARTICLE = re.compile(
    r"\b(?:vor|aus|fehl|nach|um|ab|bei|zurück|auf|an|vorbei|hervor|kraft)\s*(?:[,.;:!?)]|$|\b(?:und|oder|sowie)\b)"
)
_PASSIVE = re.compile(r"\b(?:wird|werden|wurde|wurden|worden|ist|sind|war|waren)\b")
_TARGET_PREPOSITION = r"\b(?:auf|gegen|gegenüber|am|an|vor)\s+(?:\S+\s+){0,3}?"
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_WITHOUT = re.compile(r"\bohne\s+(?:\w+\s+)?$")  # "ohne Sprengsatz", "ohne größere Kämpfe"
_AGAINST = re.compile(r"\bgegen\s+(?:die|den|das|der|diese|solche)?\s*$")  # "gegen die Angriffe vorgehen"
_LAST_WORD = re.compile(r"(\w+)\s+$")
_ON_TARGET = re.compile(r"^\W*(?:auf|gegen)\s+(.{0,60})")
# the object of a preposition ("bei jedem der drei Sprengsätze"), not the thing seized
_PREPOSITION_OBJECT = re.compile(r"\b(?:bei|nach|an|von|vor|mit|seit|durch|in)\s+(?:\S+\s+){0,3}$")
_ATTACK_WORDS = ("angegriffen", "angriff", "attacke", "attackiert", "griff")
# a purpose or manner clause: "um … zu …", "ohne … zu …" with a zu-infinitive ("abzuhalten", "zu töten")
_AIM_CLAUSE = re.compile(r"^\s*(?:um|ohne|statt|anstatt)\b.*(?:\bzu\s+\w+|\w+zu\w+)", re.DOTALL)


@cache
def _prefix_regex(cues: frozenset[str]) -> re.Pattern[str]:
    """Cues matched at the start of a word ("mord" in "Mordkommission", not in "ermordet")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + ")")


@cache
def _word_regex(cues: frozenset[str]) -> re.Pattern[str]:
    """Cues matched as whole words ("mob", not "mobilisiert")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b")


@cache
def _onset_regex(nouns: frozenset[str]) -> re.Pattern[str]:
    """A temporal preposition and an onset noun right before the trigger ("nach dem Ausbruch der"), or the
    end of what the trigger names ("Ein Ende der Kampfhandlungen ist nicht abzusehen")."""
    words = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(
        r"(?:\b(?:nach|seit|vor|bis zum|bis zu)\s+(?:dem|den|der)?\s*(?:" + words + r")|\bende)\s+(?:der|des)\s+$"
    )


def _any_prefix(text: str, cues: frozenset[str]) -> bool:
    return bool(cues) and _prefix_regex(cues).search(text) is not None


def _any_in(text: str, cues: Iterable[str]) -> bool:
    return any(cue in text for cue in cues)


def _any_word(text: str, words: set[str], cues: Iterable[str]) -> bool:
    """A cue of one word among ``words``, a cue of several words inside ``text``."""
    return any((cue in text) if " " in cue else (cue in words) for cue in cues)


def _own_attributes(clause: str, attributive: frozenset[str], trigger: str) -> str:
    """The clause without the planning adjectives that qualify another noun than the trigger: "in der
    Nähe der geplanten künftigen Grenze einmarschiert" is no plan to march in (a verb has no attributive
    adjective), "der geplante Anschlag" is a plan."""
    word = trigger.lower()

    def keep(m: re.Match[str]) -> str:
        return m.group(0) if trigger[:1].isupper() and word in clause[m.end() : m.end() + 40] else " "

    return _word_regex(attributive).sub(keep, clause)


def _is_tally(lists: dict[str, frozenset[str]], clause: str, sentence: str) -> bool:
    return _any_in(clause, lists["aggregate_cues"]) or _any_in(sentence, lists["generic_sentence_cues"])


_NEEDS_CONFLICT = frozenset(
    {
        "Agreement",
        "Non-violent transfer of territory",
        "Headquarters or base established",
        "Looting/property destruction",
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
)


@dataclass
class ScopeCase:
    """One trigger and the texts around it, lower-cased, as the scope rules read them."""

    lists: dict[str, frozenset[str]]
    event_type: str
    sub_type: str
    generic: bool
    trigger: str
    around: str
    clause: str
    clause_words: set[str]
    after_trigger: str
    before_trigger: str
    sentence: str
    near: str
    place_in_clause: bool
    targeted_only: bool
    targeted: bool

    @property
    def word(self) -> str:
        return self.trigger.lower()

    @property
    def explosion(self) -> bool:
        return self.word in self.lists["accident_sensitive_words"]

    @property
    def violent_or_arrest(self) -> bool:
        return self.event_type in _VIOLENT_TYPES or self.sub_type == "Arrests"


ScopeRule = Callable[[ScopeCase], str | None]


def figurative(c: ScopeCase) -> str | None:
    """ "ein Angriff auf die Pressefreiheit" as a phrase of the non-event list."""
    return "figurative" if _any_in(c.around, c.lists["non_event_phrases"]) else None


def speculation(c: ScopeCase) -> str | None:
    """ "Spekulationen über einen Anschlag"."""
    return "speculation" if _any_in(c.before_trigger, c.lists["speculation_cues"]) else None


def accident(c: ScopeCase) -> str | None:
    """ "Explosion in einer Chemiefabrik", "Zusammenstoß eines Busses mit einem Zug"."""
    lists = c.lists
    if (c.generic and _any_in(c.near, lists["accident_cues"])) or (
        c.explosion
        and (
            _any_in(c.sentence, lists["accident_cues"])
            # an explosion an accidental cause set off ("durch eine Zigarette ausgelöst"), no bomb named
            or (_any_in(c.sentence, lists["accidental_explosion_cues"]) and not _any_in(c.sentence, _BOMBS_NAMED))
        )
    ):
        return "accident"
    if c.word in lists["collision_words"] and _any_in(c.sentence, lists["vehicle_cues"]):
        return "accident"
    return None


_BOMBS_NAMED = ("bombe", "sprengsatz", "sprengstoff", "sprengkörper", "anschlag", "attentat")
_THOSE_WHO = re.compile(
    r"\b(?:derjenigen|diejenigen|denjenigen|jener|aller)\b(?:\s+\w+){0,3}\s*,\s*(?:die|der|denen)\b[^,;:]*$"
)


def those_who(c: ScopeCase) -> str | None:
    """ "den Familien derjenigen, die getötet wurden": a relative clause on "derjenige" or on the genitive
    "jener" or "aller" refers to victims of an act told elsewhere, it tells no act of its own ("alle, die
    sich wehrten" may be the act's object and stays)."""
    return "reference to victims" if _THOSE_WHO.search(c.before_trigger) else None


def sport(c: ScopeCase) -> str | None:
    """ "Im Angriff fehlte der gesperrte Nationalspieler": an attack word among the words of a match."""
    if c.generic and c.word.startswith(_ATTACK_WORDS) and _word_regex(c.lists["sport_cues"]).search(c.near):
        return "sport"
    return None


def cyber_attack(c: ScopeCase) -> str | None:
    """ "ein Angriff auf die Server der Regierung"."""
    return "cyber attack" if c.generic and _any_in(c.near, c.lists["cyber_cues"]) else None


def negated(c: ScopeCase) -> str | None:
    """ "ohne Sprengsatz", "ohne größere Kämpfe"."""
    return "negated" if _WITHOUT.search(c.before_trigger) else None


def unrealised(c: ScopeCase) -> str | None:
    """ "bevorstehende Angriffe", "mögliche Anschläge"."""
    last = _LAST_WORD.search(c.before_trigger)
    return "unrealised" if last and last.group(1).startswith(tuple(c.lists["unrealised_adjectives"])) else None


def abstract_target(c: ScopeCase) -> str | None:
    """ "ein Angriff auf verbriefte Bürgerrechte"."""
    target = _ON_TARGET.match(c.after_trigger) if c.generic and c.word.startswith(_ATTACK_WORDS) else None
    return "figurative" if target and _any_in(target.group(1), c.lists["abstract_targets"]) else None


def time_anchor(c: ScopeCase) -> str | None:
    """ "am fünften Tag nach dem Ausbruch der Kampfhandlungen"."""
    return "time anchor" if _onset_regex(c.lists["onset_nouns"]).search(c.before_trigger) else None


def target_of_a_measure(c: ScopeCase) -> str | None:
    """ "gegen die Angriffe der Taliban vorgehen"."""
    return "target of a measure" if c.generic and _AGAINST.search(c.before_trigger) else None


def aim(c: ScopeCase) -> str | None:
    """ "um die Luftwaffe von Angriffen abzuhalten". A protest named as the aim of a counted crowd that
    gathered or marched is the protest it held ("Etwa 750 Personen zogen durch die Stadt, um gegen die
    Unterkunft zu demonstrieren")."""
    if not _AIM_CLAUSE.match(c.clause):
        return None
    if c.event_type == "Protests" and _crowd_count(c.lists["crowd_words"]).search(c.before_trigger):
        return None
    return "aim"


@cache
def _crowd_count(crowd_words: frozenset[str]) -> re.Pattern[str]:
    """A number and one of the crowd words ("750 Personen", "bis zu 10 Demonstranten")."""
    words = "|".join(re.escape(w) for w in sorted(crowd_words, key=len, reverse=True))
    return re.compile(r"\b\d[\d.]*\s+(?:\w+\s+)?(?:" + words + r")\b")


def verbal_attack(c: ScopeCase) -> str | None:
    """ "hat die Kommission scharf angegriffen"."""
    if c.generic and c.word.startswith(_ATTACK_WORDS) and _any_word(c.clause, c.clause_words, c.lists["verbal_attack_cues"]):
        return "verbal attack"
    return None


def protection(c: ScopeCase) -> str | None:
    """ "Sicherheitsgarantien vor Angriffen", "Gefahrenabwehr bei Angriffen"."""
    return "protection" if c.generic and _any_in(c.clause, c.lists["prevention_cues"]) else None


def explosion(c: ScopeCase) -> str | None:
    """An explosion with no attack named near it ("eine Explosion erschütterte das Viertel")."""
    lists = c.lists
    if c.explosion and (_any_in(c.near, lists["accident_cues"]) or not _any_in(c.near, lists["attack_cues"])):
        return "explosion"
    return None


def animals(c: ScopeCase) -> str | None:
    """ "Angriffe von Wölfen auf Schafe"."""
    if c.generic and c.clause_words & c.lists["animals"] and not c.clause_words & c.lists["civilian_victims"]:
        return "animals"
    return None


def separable_verb(c: ScopeCase) -> str | None:
    """ "griff … auf" without its "an"; "schlug vor", "Flammen schlugen aus dem Dach"."""
    lists = c.lists
    if (
        c.word in lists["separable_an_verbs"]
        and not _PARTICLE_AN.search(c.after_trigger)
        and not _any_prefix(c.clause, lists["fireworks"])
    ):  # "zündeten Böller vor der Unterkunft" sets off fireworks: "zünden" without "an"
        return "separable verb"
    if c.word in lists["finite_hitting_verbs"] and (
        not _HIT_OBJECT.search(c.after_trigger) or _OTHER_PARTICLE.search(c.after_trigger)
    ):
        return "separable verb"
    return None


def not_targeted(c: ScopeCase) -> str | None:
    """ "geschlagen", "angezündet" without a group attacked for who they are."""
    return "not targeted" if c.targeted_only and not c.targeted else None


def part_of_a_compound(c: ScopeCase) -> str | None:
    """ "Angriffs- und Verteidigungswaffen"."""
    return "part of a compound" if c.after_trigger.startswith("-") else None


def verbal_protest(c: ScopeCase) -> str | None:
    """ "protestierte gegen die Entscheidung" with no crowd, number or place in the clause."""
    if (
        c.word in c.lists["verbal_protest_words"]
        and not c.clause_words & c.lists["crowd_words"]
        and not any(ch.isdigit() for ch in c.clause)
        and not c.place_in_clause
    ):
        return "verbal protest"
    return None


def showing(c: ScopeCase) -> str | None:
    """ "demonstrierten Harmonie", "soll die Kompetenz demonstriert werden"."""
    if c.word.startswith("demonstr") and c.trigger.islower() and c.clause_words & c.lists["demonstrated_qualities"]:
        return "showing"
    return None


def plot(c: ScopeCase) -> str | None:
    """ "der geplante Anschlag": a plot, not an act."""
    if c.event_type in _VIOLENT_TYPES and _any_prefix(
        _own_attributes(c.clause, c.lists["future_attributive"], c.trigger), c.lists["plot_cues"]
    ):
        return "plot"
    return None


def judicial_execution(c: ScopeCase) -> str | None:
    """ "wurde nach einem Urteil hingerichtet"."""
    return "judicial execution" if c.word in _EXECUTION_WORDS and _any_in(c.near, c.lists["judicial_cues"]) else None


def tally(c: ScopeCase) -> str | None:
    """ "seit Jahresbeginn 300 Anschläge": a tally, not an incident."""
    if (c.violent_or_arrest or c.event_type == "Protests") and _is_tally(c.lists, c.clause, c.sentence):
        return "tally"
    return None


def charge(c: ScopeCase) -> str | None:
    """ "Vergewaltigung" among the charges of a trial."""
    return "charge" if c.sub_type == "Sexual violence" and _any_in(c.sentence, c.lists["charge_cues"]) else None


def unrealised_agreement(c: ScopeCase) -> str | None:
    """ "die Forderung nach einer Waffenruhe lehnte … ab"."""
    if c.sub_type == "Agreement" and _any_in(c.sentence, c.lists["unrealised_agreement_cues"]):
        return "unrealised agreement"
    return None


def background_agreement(c: ScopeCase) -> str | None:
    """ "Kämpfe, die trotz Unterzeichnung eines Friedensabkommens anhalten"."""
    if c.sub_type == "Agreement" and _word_regex(c.lists["concessive_cues"]).search(c.before_trigger.rsplit(",", 1)[-1]):
        return "background"
    return None


def unpolitical(c: ScopeCase) -> str | None:
    """Crime, arrests and other acts with no political or conflict cue near them (the justice minister's
    comment or a criminal's hostage does not make a crime political)."""
    lists = c.lists
    near = c.near
    if _any_in(near, lists["non_political_words"]):
        for words in lists["non_political_words"]:
            near = near.replace(words, " ")
    political = c.targeted or _any_in(near, lists["political_cues"])
    conflict = _any_in(near, lists["conflict_cues"])
    if (
        (c.violent_or_arrest or c.event_type == "Riots")
        and not political
        and not conflict
        and _any_prefix(near, lists["crime_cues"])
    ):
        return "crime"
    if c.sub_type == "Arrests" and not political and not conflict:
        return "unpolitical arrest"
    if (
        c.sub_type in _NEEDS_CONFLICT
        and not _any_in(near, lists["conflict_cues"])
        and not (political and c.sub_type == "Looting/property destruction")
    ):
        return "no conflict"
    return None


_FIRE_STEMS = ("brenn", "brann", "gebrannt")
_FIRE_HEADS = ("brand", "brände", "bränden", "brandes", "brande")


def fire_not_arson(c: ScopeCase) -> str | None:
    """A fire ("brennt", "Zimmerbrand") at a targeted group's place is property destruction ("Ein
    Container am Flüchtlingsheim brennt"), not with an accidental cause named near it ("Ursache war ein
    Kurzschluss"), nor named as an accident ("Gefängnisbrand"), nor where what burns is a light in its
    clause ("brannten einige Windlichter")."""
    fire = c.word.startswith(_FIRE_STEMS) or c.word.endswith(_FIRE_HEADS)
    if not fire:
        return None
    if _any_in(c.near, c.lists["accidental_fire_cues"]) or c.word.startswith(tuple(c.lists["accident_cues"])):
        return "accident"  # a cause named, or the fire's own name says it ("Gefängnisbrand", "Waldbrand")
    if _any_prefix(c.clause, c.lists["light_sources"]):
        return "light"
    return None


# The scope rules in the order they are asked; the first that answers says why a trigger names no
# ACLED event. A new rule is one function with its German example, put in its place here.
SCOPE_RULES: tuple[ScopeRule, ...] = (
    figurative,
    speculation,
    accident,
    those_who,
    sport,
    cyber_attack,
    negated,
    unrealised,
    abstract_target,
    time_anchor,
    target_of_a_measure,
    aim,
    verbal_attack,
    protection,
    explosion,
    animals,
    separable_verb,
    not_targeted,
    part_of_a_compound,
    verbal_protest,
    showing,
    plot,
    judicial_execution,
    tally,
    charge,
    unrealised_agreement,
    background_agreement,
    unpolitical,
    fire_not_arson,
)


def out_of_scope(
    lists: dict[str, frozenset[str]],
    *,
    event_type: str,
    sub_type: str,
    generic: bool,
    trigger: str,
    around: str,
    clause: str,
    clause_words: set[str],
    after_trigger: str,
    before_trigger: str,
    sentence: str,
    near: str,
    place_in_clause: bool = False,
    targeted_only: bool = False,
    targeted: bool = False,
) -> str | None:
    """Why the trigger names no ACLED event, or None (:data:`SCOPE_RULES`, in order). All texts are
    lower-cased: ``around`` the trigger (30 characters each side), its ``clause``, the clause
    ``after_trigger``, the sentence ``before_trigger``, its ``sentence``, and ``near`` (the sentence with
    its neighbours and the article title). ``targeted``: the act targets people for who they are
    (:func:`targets_group`); ``targeted_only``: the trigger names an event only then."""
    case = ScopeCase(
        lists, event_type, sub_type, generic, trigger, around, clause, clause_words, after_trigger,
        before_trigger, sentence, near, place_in_clause, targeted_only, targeted,
    )
    for rule in SCOPE_RULES:
        reason = rule(case)
        if reason is not None:
            return reason
    return None


def group_pattern(lists: dict[str, frozenset[str]]) -> re.Pattern[str]:
    """The word beginnings of the targeted groups (refugees, minorities, journalists …) as one pattern."""
    return _prefix_regex(lists["targeted_groups"])


def targets_group(
    lists: dict[str, frozenset[str]], before_trigger: str, after_trigger: str, clause: str, sentence: str, near: str
) -> bool:
    """Whether a violent act targets people for who they are (lower-cased texts as in
    :func:`out_of_scope`; ``after_trigger`` here is the rest of the sentence): a hate motive named nearby
    ("rassistisch beleidigt", "fremdenfeindlich", "Staatsschutz"), or one of the targeted groups as the
    victim – after the trigger ("schlugen einen Asylbewerber"), in a passive clause ("Zwei Flüchtlinge
    wurden geschlagen"), as a building before it ("versuchten, die Asylunterkunft in Brand zu setzen"),
    after "auf"/"gegen"/"am" ("Anschlag auf ein Flüchtlingsheim") – or named in a
    neighbouring sentence when the trigger's sentence names no group ("Ein Asylbewerber stieg aus dem
    Zug. Zwei Männer schlugen ihn."). "Ein Flüchtling schlug einen Mann" targets no group."""
    if _any_in(near, lists["hate_motive_cues"]):
        return True
    if _foreign_origin().search(after_trigger) or (_PASSIVE.search(clause) and _foreign_origin().search(clause)):
        return True  # "bedrängten drei Männer einen jungen Mann aus Somalia"
    groups = group_pattern(lists)
    if groups.search(after_trigger):
        return True
    if groups.search(before_trigger):
        if _PASSIVE.search(clause) or _perfect_object(groups, before_trigger) or _group_building(groups, before_trigger):
            return True
        return re.search(_TARGET_PREPOSITION + groups.pattern, sentence) is not None
    return groups.search(near) is not None


_PEOPLE_FROM = r"\b(?:mann|männer|männern|frau|frauen|junge|jungen|mädchen|kind|kinder|kindern|jugendliche[nr]?|person|personen|familie|familien)\s+aus\s+(?:dem\s+|der\s+)?"


@cache
def _foreign_origin() -> re.Pattern[str]:
    """People told by the foreign country they come from ("ein junger Mann aus Somalia", "zwei Frauen aus
    dem Irak"): a group targeted for who they are, as a refugee or migrant is. Lower-cased texts."""
    from babel import Locale

    home = {"DE", "AT", "CH"}
    names = {name for code, name in Locale("de").territories.items() if code.isalpha() and code not in home}
    names |= {row.split("\t")[0] for row in default_resources().wordlist("country_names.tsv") if row.split("\t")[-1] not in home}
    words = "|".join(sorted((re.escape(n.lower()) for n in names if len(n) >= 3 and "," not in n), key=len, reverse=True))
    return re.compile(_PEOPLE_FROM + r"(?:" + words + r")\b")


_HAVE = re.compile(r"\b(?:hat|haben|habe|hatte|hatten|hätten|hätte)\b")
_ACCUSATIVE_ARTICLE = re.compile(
    r"\b(?:einen|den|diesen|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|mehrere|\d+)\s+(?:\S+\s+){0,2}$"
)  # an article or a count before the object: "einen Asylbewerber", "zwei Asylsuchende"
_BUILDINGS = ("heim", "unterkunft", "haus", "lager", "wohnung", "container", "einrichtung", "synagoge", "moschee")


_BUILDING_FOR = re.compile(r"\w*(?:" + "|".join(_BUILDINGS) + r")\w*\s+(?:für|von)\s+(?:\w+\s+){0,2}$")


def _group_building(groups: re.Pattern[str], text: str) -> bool:
    """Whether a targeted group is named as its building ("versuchten Unbekannte die
    Asylbewerberunterkunft in Brand zu setzen"): a building acts on no one, so it is the target."""
    for group in groups.finditer(text):
        word = re.match(r"[\w-]+", text[group.start() :])  # "asylbewerber-unterkunft"
        if word and any(b in word.group() for b in _BUILDINGS):
            return True
        if _BUILDING_FOR.search(text, 0, group.start()):
            return True  # "ein Fenster der Unterkunft für Flüchtlinge": the group's building
    return False


def _perfect_object(groups: re.Pattern[str], before_trigger: str) -> bool:
    """Whether a targeted group stands as the object of a perfect tense before the participle trigger:
    after "haben" and with an accusative article or a count ("Unbekannte haben einen Asylbewerber
    geschlagen", "haben zwei Asylsuchende attackiert") or
    as a building, which acts on no one ("Unbekannte haben ein Flüchtlingsheim angezündet"). "Ein
    Flüchtling hat einen Mann geschlagen" names the group before "hat": its subject."""
    auxiliaries = list(_HAVE.finditer(before_trigger))
    if not auxiliaries:
        return False
    rest = before_trigger[auxiliaries[-1].end() :]
    for group in groups.finditer(rest):
        word = re.match(r"\w+", rest[group.start() :])
        if _ACCUSATIVE_ARTICLE.search(rest[: group.start()]) or (word and any(b in word.group() for b in _BUILDINGS)):
            return True
    return False


_PROTEST_WORDS = ("demonstr", "protest", "kundgebung")
_FLOODED = re.compile(r"\bunter wasser\b|\bgeflutet|\bflutete")  # "unter Wasser gesetzt", "geflutet"
_ARMED_WORDS = ("soldat", "truppen", "armee", "rebell", "miliz", "kämpfer", "militär")
_SUICIDE_WORDS = ("selbstmord", "suizid")
_ATTACK_NOUNS = ("anschlag", "attentat", "explosion", "angriff")
_ARSON_WORDS = (
    "brand", "zünd", "angezünd", "anzuzünd", "abgefackelt", "molotow", "gesteckt", "gesetzt", "gelegt", "leg", "steck", "setzt",
)
_BURN_WORDS = ("brenn", "brann", "gebrannt", "flammen")  # "stand in Flammen"
_HOMES = ("heim", "unterkunft", "haus", "wohn", "einrichtung", "lager", "gebäude")  # not a bin or a car
_AT_BUILDING = re.compile(r"\b(?:am|an|vor|neben|bei|beim|nahe|hinter)\s+(?:\w+\s+){0,2}?\w*$")


def _home_burns(clause: str) -> bool:
    """Whether the building that burns is a home ("brannte ein Mehrfamilienhaus, in dem 30 Asylsuchende
    wohnen", "hat eine Gemeinschaftsunterkunft gebrannt"), not a thing beside one ("Ein Müllcontainer am
    Flüchtlingsheim brennt"): a building noun not after a preposition of nearness. Lower-cased clause."""
    for m in re.finditer(r"\w+", clause):
        if any(b in m.group() for b in _HOMES) and not _AT_BUILDING.search(clause, 0, m.start()):
            return True
    return False
_COUNT_BEFORE_PEOPLE = re.compile(
    r"\b(\d+|zwanzig|dreißig|vierzig|fünfzig|hundert)(?:-köpfig\w*)?\s+"
    r"(?!jahre|jahren|uhr|euro|prozent|meter|metern|kilometer|minuten|stunden|tage|tagen|wochen|monate|monaten)"
    r"(?:[a-zäöüß-]+\s+){0,2}?"
    r"(?:menschen|personen|männer|männern|unbekannte|täter|angreifer|jugendliche|anhänger|neonazis|rechte|leute|\w*gruppe)\b"
)
_NUMBER_WORDS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100}


def crowd(lists: dict[str, frozenset[str]], sentence: str) -> bool:
    """Whether the lower-cased sentence names a crowd as the attackers: one of the 'mob_crowd_cues'
    ("ein Mob", "eine aufgebrachte Menge", "Dutzende") or people counted at 20 or more ("eine Gruppe von
    30 Menschen", "etwa 25 Unbekannte"). A group of a few ("drei Männer", "eine Gruppe von Schülern",
    "eine 15-köpfige Gruppe") attacks; it is no mob."""
    if _word_regex(lists["mob_crowd_cues"]).search(sentence):  # whole words: "zusammengeschlagen" holds "menge"
        return True
    for match in _COUNT_BEFORE_PEOPLE.finditer(sentence):
        number = match.group(1)
        if _NUMBER_WORDS.get(number, int(number) if number.isdigit() else 0) >= 20:
            return True
    return False


_BOMB_WORDS = ("bombe", "sprengsatz", "sprengstoff", "sprengkörper", "explodiert", "explosion", "detonation")


def refine(
    lists: dict[str, frozenset[str]],
    event_type: str,
    sub_type: str,
    generic: bool,
    trigger: str,
    clause: str,
    sentence: str,
    near: str,
    targeted: bool = False,
    scoped: bool = False,
) -> tuple[str, str]:
    """ACLED's type for what the context tells (lower-cased ``clause``, ``sentence`` and ``near`` as in
    :func:`out_of_scope`): protests with stone throwers or looting are riots, clashes in a protest
    are riots, arrests at a protest are a protest with intervention, an unspecified "Anschlag" with
    bombs is an explosion (a suicide bomb where the bomber died with it). A generic attack that
    ``targeted`` people for who they are is no battle but an attack on civilians, and like a beating
    (a ``scoped`` trigger) a mob's when a crowd did it (:func:`crowd`: "eine Gruppe von 30 Personen griff
    drei Asylsuchende an"; "drei Männer" attack); a fire set at their home is an attack on them, also
    at a planned or empty one ("ein Brandanschlag auf die noch unbewohnte Unterkunft"), as the chronicle
    and ACLED code an arson on a shelter; other damage to an empty one stays property destruction."""
    word = trigger.lower()
    if word.startswith("übergriff") and not _any_in(clause, ("körperverletzung", "verletzt", "geschlagen", "brand")):
        # "kam es bei einem Übergriff auf eine Asylunterkunft zu einer Volksverhetzung": what it came to
        if _any_in(clause, lists["word_offences"]):
            return "Strategic developments", "Other"
        if "sachbeschädigung" in clause:
            return "Strategic developments", "Looting/property destruction"
    flooded = _FLOODED.search(clause) is not None and not _any_in(clause, ("brand", "feuer"))  # no fire
    if targeted and sub_type == "Looting/property destruction" and not flooded and (
        word.startswith(_ARSON_WORDS) or (word.startswith(_BURN_WORDS) and _home_burns(clause))
    ):
        return "Violence against civilians", "Attack"  # also at a planned or empty shelter
    elif targeted and (
        (generic and event_type in ("Battles", "Violence against civilians") and not _any_in(near, _BOMB_WORDS))
        or (scoped and event_type == "Violence against civilians")
    ):
        if crowd(lists, sentence):
            return "Riots", "Mob violence"
        return "Violence against civilians", "Attack"
    following = near[near.rfind(sentence) + len(sentence) :].strip() if sentence in near else ""
    if event_type == "Protests" and (
        _any_in(sentence, lists["riot_cues"])
        or (following.startswith(("es kam", "dabei kam")) and _any_in(following, lists["riot_cues"]))
    ):
        return "Riots", "Violent demonstration"  # "… demonstrierten. Es kam zu Zusammenstößen."
    if event_type == "Riots" and _word_regex(lists["mob_cues"]).search(near):
        return "Riots", "Mob violence"  # "ein mit Messern bewaffneter Mob"
    if (
        event_type == "Explosions/Remote violence"
        and _any_in(word, lists["explosive_nouns"])
        and not _any_in(word, _ATTACK_NOUNS)
        and _any_in(clause, lists["seizure_cues"])
        and not _PREPOSITION_OBJECT.search(clause[: max(clause.find(word), 0)])
    ):
        return "Strategic developments", "Disrupted weapons use"  # "Sprengsätze sichergestellt"
    if word == "abgeschossen" and _any_in(clause, lists["fired_weapons"]):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"  # Raketen abgeschossen
    told_before = near[: near.find(sentence)] if sentence in near else near  # the title and the sentence before
    if sub_type == "Arrests" and (
        _any_in(clause, _PROTEST_WORDS)
        or (sentence.startswith(("dabei", "bei der", "bei den")) and _any_in(told_before, _PROTEST_WORDS))
    ):  # "Dabei" refers to what was told before: arrests at raids told before are no protest's
        return "Protests", "Protest with intervention"
    if (
        word.startswith("zusammenst")
        and _any_in(near, _PROTEST_WORDS)
        and not _any_in(sentence, _ARMED_WORDS)
    ):
        return "Riots", "Violent demonstration"
    if generic and event_type == "Battles" and _any_in(clause, lists["air_cues"]):
        return "Explosions/Remote violence", "Air/drone strike"  # "Kampfflugzeuge setzten ihre Angriffe fort"
    if word in ("beschossen", "beschoss") and not _any_in(sentence, lists["heavy_weapon_cues"]):
        return "Battles", "Armed clash"  # fired upon with small arms
    if generic and event_type == "Violence against civilians" and _any_in(near, _BOMB_WORDS):
        if _any_in(near, _SUICIDE_WORDS):
            return "Explosions/Remote violence", "Suicide bomb"
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    return event_type, sub_type


_UNSPECIFIED_ATTACKS = ("anschl", "attentat", "terroranschl", "terrorangriff")


def refer_back(
    event_type: str, sub_type: str, generic: bool, trigger: str, earlier: Sequence[Any]
) -> tuple[str, str]:
    """An unspecified "Anschlag" or "Attentat" takes the type of the violent event the article reported
    last when that was an explosion ("Bomben explodierten in vier Zügen … nach den Anschlägen"), as a
    coder reading the whole article would code it."""
    if not (generic and event_type == "Violence against civilians"):
        return event_type, sub_type
    if not trigger.lower().startswith(_UNSPECIFIED_ATTACKS):
        return event_type, sub_type
    for event in reversed(earlier):
        if event.type in _VIOLENT_TYPES:
            if event.type == "Explosions/Remote violence":
                return event.type, event.sub_type
            break
    return event_type, sub_type


def text_modality(
    lists: dict[str, frozenset[str]], clause_tokens: list[tuple[int, int, str]], trigger_start: int, low_clause: str
) -> str | None:
    """ "negated", "hypothetical", "future", "historical" or None, from cue words in the trigger's clause
    (``clause_tokens``: (start, end, word); ``low_clause``: its lower-cased text): "keine Angriffe",
    "falls … angreifen", "damals", "die geplante Kundgebung"."""
    unquoted = _unquoted(clause_tokens, low_clause, trigger_start)
    if unquoted is not None:
        clause_tokens, low_clause = unquoted, _QUOTED.sub(" ", low_clause)
    words = [w.lower() for _, _, w in clause_tokens]
    before = [w.lower() for s, _, w in clause_tokens if s < trigger_start]
    if any(w in lists["negation"] for w in before) and not any(
        e in low_clause for e in lists["negation_exceptions"]
    ):
        return "negated"
    if any(w.lower() in lists["negation_after"] for s, _, w in clause_tokens if s > trigger_start):
        return "negated"
    wordset = set(words)
    if _any_word(low_clause, wordset, lists["hypothetical"]):
        return "hypothetical"
    if _any_word(low_clause, wordset, lists["historical"]):
        return "historical"
    after = {w.lower() for s, _, w in clause_tokens if s > trigger_start}
    future = wordset & lists["future"]
    if future & lists["future_attributive"]:  # "gegen die geplante Unterkunft": the home is planned
        future = (future - lists["future_attributive"]) | _planned_trigger(lists, clause_tokens, trigger_start)
    if future and not after & lists["perfect_infinitive"]:
        return "future"
    return None


_QUOTE_MARKS = '"„“”»«'
_QUOTED = re.compile(r'["„“”»«][^"„“”»«]*["„“”»«]')


def _unquoted(
    clause_tokens: list[tuple[int, int, str]], low_clause: str, trigger_start: int
) -> list[tuple[int, int, str]] | None:
    """The clause's words outside quotation marks: a motto or name ("unter dem Motto „Wir wollen kein
    Heim“ hielten sie eine Kundgebung ab") says nothing of whether the act was done, will be done or was
    not done. None when the trigger itself is quoted ('sagte: „Es gab keine Angriffe“'): then the quote
    is what is said of it."""
    kept, cursor, marks = [], 0, 0
    for token in clause_tokens:
        at = low_clause.find(token[2].lower(), cursor)
        if at < 0:
            kept.append(token)
            continue
        marks += sum(low_clause.count(m, cursor, at) for m in _QUOTE_MARKS)
        cursor = at + len(token[2])
        if marks % 2 == 0:
            kept.append(token)
        elif token[0] == trigger_start:
            return None
    return kept


def _planned_trigger(
    lists: dict[str, frozenset[str]], clause_tokens: list[tuple[int, int, str]], trigger_start: int
) -> set[str]:
    """The attributive future adjective that stands before the trigger itself ("die geplante
    Kundgebung"), not before another noun ("eine Kundgebung gegen die geplante Unterkunft")."""
    attributive = lists["future_attributive"]
    before = [w for s, _, w in clause_tokens if s < trigger_start][-3:]
    for i, word in enumerate(before):
        if word.lower() in attributive and all(w.islower() for w in before[i + 1 :]):
            return {word.lower()}
    return set()


_YEARS_BEFORE = re.compile(
    r"\b(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|hundert)"
    r"\s+(?:jahre|jahrzehnte)\s+nach\s+(?:einem|einer|dem|der|den)\b",
    re.IGNORECASE,
)


def years_before(before_trigger: str) -> bool:
    """Whether the sentence measures years from an earlier incident before the trigger: "Der Amoklauf
    ereignete sich genau sieben Jahre nach einem Vorfall in Osaka, bei dem ein Amokläufer acht Kinder
    getötet hatte" – what is told of that incident is historical."""
    return _YEARS_BEFORE.search(before_trigger) is not None
