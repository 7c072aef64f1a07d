"""Counted people through the parse: the arguments of casualty predicates, with every conjunct.

A count's category comes from the predicate it is an argument of (``lang/de/casualty_predicates.json``):

* the (passive) subject of a killing, wounding, abducting, arresting or displacing verb — "wurden 11
  Milizionäre, mindestens fünf Zivilisten, sechs Polizisten und ein Journalist getötet" (four killed);
* the subject of an intransitive one — "starben … 17 Kämpfer sowie 23 Aufständische", "Ein Lehrer und
  drei Soldaten erlagen ihren Verletzungen", "kamen zwölf Menschen ums Leben";
* the object of an active one — "töteten 30 Menschen"; its active subject is the perpetrator ("Zwei
  Selbstmordattentäter töteten …": counted as attackers);
* the subject of a predicative adjective — "Zwei Menschen sind tot".

Verb-first, verb-second and verb-final clauses are the same to the parse. Every conjunct of the argument
shares the role (:func:`lagebild.nlp.syntax.conjuncts`). A singular person in that role is a count of one
("ein Soldat wurde getötet", "eine 45-jährige Frau erlag ihren Verletzungen").

Where the parse has no arc for a role, the readers fall back on the clause and noun groups of
:mod:`lagebild.extract.figures.clauses`. There a relative pronoun that opens an active clause is its
subject ("zwei Männer, die einen Passanten verletzt haben": the antecedent attacks, the noun phrase is
harmed), and a verb the tagger read as an attributive adjective where none can stand, before a numeral,
article, pronoun or adverb, is read as a verb ("griffen/ADJA fünf Männer … an").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from lagebild.extract.figures.clauses import (
    _COUNT_OPENERS,
    _INDEFINITE,
    _OPENING_QUOTES,
    _QUALIFIERS,
    AGE,
    _elliptic_one,
    _finite,
    _in_np,
    _nominal,
    _numeral,
    _simple_lemma,
    _stray_attributive,
    clause_tokens,
    noun_groups,
)
from lagebild.lang import given_names, load_json
from lagebild.nlp.syntax import COORDINATORS, Sentence, arguments, conjuncts, noun_phrase, verb_complex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Role = Literal["victim", "perpetrator"]
_SINGULAR_DETERMINERS = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "der", "die", "das", "dem", "den", "des"})


@dataclass(frozen=True)
class CountedArgument:
    """A noun phrase in a casualty role: article offsets of the phrase and of its head noun."""

    start: int
    end: int
    head_start: int
    head_end: int
    category: str
    role: Role
    singular_person: bool  # one person named without a number ("ein Soldat", "die Journalistin")
    counted_person: bool  # a person noun or a bare number ("zwei Selbstmordattentäter", "drei")
    # a definite singular person harmed or arrested ("Der Busfahrer wurde … verletzt"): one person when the
    # text before has not told of them (the caller knows that text)
    definite_person: bool = False
    # the perpetrator stands before the finite harm verb it is the subject of ("Drei Männer verletzten …")
    finite_subject: bool = False
    # a participle before the noun tells the harm ("der tödlich verunglückte Fahrer"): a first mention
    attributive: bool = False


@cache
def predicates() -> dict[str, Any]:
    data: dict[str, Any] = load_json("casualty_predicates.json")
    return data


@cache
def casualty_nouns() -> dict[str, str]:
    """Nouns that name what is counted ("Toten", "Verletzten"), from figures.json."""
    nouns: dict[str, str] = load_json("figures.json")["nouns"]
    return nouns


def tolls(sentence: Sentence) -> Iterator[tuple[int, str]]:
    """(article offset of the number, category) of a toll: "Die Zahl der Toten stieg auf 384", "beläuft
    sich … auf insgesamt 384": the number after "auf"/"bei" in the clause of a toll noun with a
    casualty noun as its genitive."""
    doc = sentence.doc
    toll_nouns = set(predicates()["tolls"])
    for token in doc:
        if token.text.lower() not in toll_nouns or token.i + 2 >= len(doc):
            continue
        k = token.i + 1
        while k < len(doc) and doc[k].text.lower() in ("der", "an", "von"):
            k += 1
        category = casualty_nouns().get(doc[k].text.lower()) if k < len(doc) else None
        if category is None and k < len(doc) and doc[k].text.lower() in _PEOPLE_CATEGORY:
            category = "other_people"  # "die Zahl der Menschen, die …": a relative clause may say more
        if category is None or category == "attackers":
            continue
        indices = clause_tokens(doc, token.i)[0]
        if k + 1 < len(doc) and doc[k + 1].text == "," and category in _PEOPLE_CATEGORY:
            # "Die Zahl der Menschen, die … getötet worden sein sollen, bezifferte …": the relative clause
            # says what befell them
            category = _relative_category(doc, k + 2) or category
        if category == "other_people":
            continue
        for position, index in enumerate(indices[:-1]):
            if doc[index].text.lower() not in ("auf", "bei", "mit") or index < k:
                continue
            number = next((doc[j] for j in indices[position + 1 : position + 4] if _number_like(doc[j])), None)
            if number is not None:
                yield sentence.start_char(number), category
                break
        else:
            # "Die Zahl der Verhaftungen soll einige hundert betragen": the number before "betragen"
            for position, index in enumerate(indices[1:], 1):
                if index > k and _lemma(doc[index]) == "betragen":
                    before = indices[max(0, position - 3) : position]
                    number = next((doc[j] for j in before if _number_like(doc[j])), None)
                    if number is not None:
                        yield sentence.start_char(number), category
                    break


def _number_like(token: Token) -> bool:
    """A number by its tag or its word ("hundert", which a tagger may call a verb)."""
    from lagebild.extract.times.numbers import parse_number, vague_counts

    word = token.text.lower()
    return token.pos_ == "NUM" or token.like_num or word in vague_counts() or parse_number(word) is not None


_PEOPLE_CATEGORY = frozenset({"menschen", "personen", "opfer", "zivilisten", "other_people"})


def _relative_category(doc: Doc, start: int) -> str | None:
    """The category of a casualty predicate in the relative clause that opens at ``start``."""
    if start >= len(doc) or doc[start].tag_ not in ("PRELS", "PRELAT") and doc[start].text.lower() not in ("die", "der"):
        return None
    for token in doc[start + 1 :]:
        if token.text in (",", ";", ":"):
            break
        reading = predicate_reading(token)
        if reading is not None and reading[1] != "attack":
            return reading[0]
    return None


@cache
def _person_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    # the singular roles of casualty_predicates.json and the plural people nouns of figures.json, whose
    # demonyms are singular too ("einen Griechen")
    nouns = frozenset(predicates()["person_nouns"]) | frozenset(load_json("figures.json")["people"])
    return nouns, tuple(sorted((n for n in nouns if len(n) >= 4), key=len, reverse=True))


_AGE_NOUN = re.compile(r"\d+-Jährige[nmr]?$")  # capitalised: "die 30-jährige Polizistin" is an adjective


def _age_word(token: Token) -> bool:
    """An age before or as a noun ("25-jähriger", "28-Jährigen"), or the number of one written out ("ein
    39 Jahre alter Mann"): no count of people."""
    if AGE.match(token.text):
        return True
    doc = token.doc
    return (
        token.pos_ == "NUM"
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "Jahre"
        and doc[token.i + 2].text.lower().startswith("alt")
    )


def is_age_noun(word: str) -> bool:
    """A nominalised age ("ein 21-Jähriger", "einen 28-Jährigen"): one person of that age."""
    return _AGE_NOUN.match(word) is not None


def is_person_noun(word: str) -> bool:
    """Whether a singular noun names a person: a listed role or one it ends in ("Polizeibeamter"), or
    its feminine form ("Journalistin", "Ärztin")."""
    nouns, suffixes = _person_nouns()
    lower = word.lower()
    if lower in nouns or is_age_noun(word):
        return True  # a nominalised age names a person: "ein 21-Jähriger", "einen 28-Jährigen"
    stems = [lower]
    if lower.endswith("innen"):  # "Polizistinnen"
        stems += [lower[:-5], lower[:-6]]
    elif lower.endswith("in"):  # "Bereitschaftspolizistin", "Ärztin"
        stems += [lower[:-2], lower[:-3]]
    elif lower.endswith(("en", "e", "n")):  # plurals: "Ingenieure", "Soldaten", "Kollegen"
        stems += [lower[:-2], lower[:-1]] if lower.endswith("en") else [lower[:-1]]
    return any(stem in nouns or stem.endswith(suffixes) for stem in stems if len(stem) >= 3)


@cache
def _attacker_suffixes() -> tuple[str, ...]:
    return tuple(sorted(predicates()["attacker_nouns"], key=len, reverse=True))


def is_attacker_noun(word: str) -> bool:
    """Whether a noun names one attacker ("Selbstmordattentäter", "Angreifer", "Heckenschütze")."""
    return word.lower().endswith(_attacker_suffixes())


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower() or token.text.lower()
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None)
    if particle is not None and not lemma.startswith(particle.text.lower()):
        lemma = particle.text.lower() + lemma
    return lemma


@cache
def _nominal_object_nouns() -> frozenset[str]:
    """The nouns that make a verb a casualty predicate ("Leben", "Verletzungen") or an attack ("Zugang",
    "Parolen"): never its victims."""
    table = predicates()
    return (
        frozenset(n for nouns in table["nominal_objects"].values() for n in nouns)
        | frozenset(n for nouns in table["attack_phrases"].values() for n in nouns)
        | frozenset(table["slogan_nouns"])
    )


def _nominal_object(word: str, nouns: frozenset[str] | dict[str, str]) -> bool:
    """Whether ``word`` is one of ``nouns`` or a compound ending in a long one ("Kopfverletzungen")."""
    lower = word.lower()
    return lower in nouns or any(lower.endswith(n) for n in nouns if len(n) >= 8)


def _weak_infinitives(word: str) -> list[str]:
    """Infinitives a weak participle may come from ("entführt" → entführen, "getötet" → töten)."""
    if not word.endswith("t") or len(word) < 5:
        return []
    stems = [word[:-2], word[:-1]] if word.endswith("et") else [word[:-1]]
    out = []
    for stem in stems:
        out.append(stem + "en")
        if stem.startswith("ge") and len(stem) > 4:
            out.append(stem[2:] + "en")
    return out


def _finite_root(token: Token) -> bool:
    """A verb the tagger took for an attributive adjective though it heads the sentence with a subject:
    "Drei Männer greifen/ADJA einen Mann an" (a present tense the tagger misreads)."""
    if token.pos_ == "VERB" and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children):
        return True
    # "Drei Männer warfen/ADJA Flaschen": an attributive adjective never follows its noun's predecessor
    # noun directly, so right after a noun, in a sentence without a finite verb, it is the verb
    doc = token.doc
    return (
        token.pos_ == "VERB"
        and token.i > 0
        and doc[token.i - 1].pos_ in ("NOUN", "PROPN")
        and not any(_finite(t) for t in doc)
    )


_PARTICIPLE_SHAPE = re.compile(r"[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)")  # "geschubst", "angepöbelt", "zusammengeschlagen"


def _participle_shape(word: str) -> bool:
    """Whether a lower-case word has the shape of a participle or is a listed strong one."""
    return word in predicates()["participles"] or _PARTICIPLE_SHAPE.fullmatch(word) is not None


def _untagged_participle(token: Token) -> bool:
    """A participle the tagger took for an adverb, particle or noun, as it may do with a verb it never
    saw ("hat einen Jungen geschubst/PTKVZ"): a lower-case word of the participle's shape ("ge…t",
    "ge…en", or a listed strong participle) whose clause holds a form of "haben", "sein" or "werden"."""
    word = token.text
    if not word.islower() or token.pos_ in ("VERB", "AUX", "ADJ", "PUNCT") or len(word) < 6:
        return False
    if not _participle_shape(word):
        return False
    doc = token.doc
    auxiliaries = _WERDEN | _SEIN | _HABEN_SEIN
    return any(doc[j].text.lower() in auxiliaries for j in clause_tokens(doc, token.i)[0] if j != token.i)


def _clause_final_particle(token: Token) -> Token | None:
    """The separated particle of a verb in the left bracket of a main clause, where the parse hung it on
    another word: the particle closes the clause ("griffen sieben Personen eine Unterkunft und das
    Personal an"), and no verb stands before this one in the clause."""
    if token.tag_ in ("VVPP", "VVINF", "VVIZU") or (token.pos_ not in ("VERB", "AUX") and not _stray_attributive(token)):
        return None
    doc = token.doc
    if not any(t.tag_ == "PTKVZ" for t in doc[token.i + 1 :]):
        return None  # no separated particle after it at all: the clause need not be read
    indices = clause_tokens(doc, token.i)[0]
    if any(j < token.i and doc[j].pos_ in ("VERB", "AUX") for j in indices):
        return None
    last = next((doc[j] for j in reversed(indices) if not doc[j].is_punct), None)
    return last if last is not None and last.i > token.i and last.tag_ == "PTKVZ" else None


def predicate_reading(token: Token) -> tuple[str, str] | None:
    """(category, kind) of a casualty predicate, kind being transitive, intransitive or predicative;
    read once per token of a parsed sentence (kept in the Doc's ``user_data``)."""
    cache = token.doc.user_data.setdefault("lagebild.predicate_readings", {})
    if token.i not in cache:
        cache[token.i] = _predicate_reading(token)
    return cache[token.i]  # type: ignore[no-any-return]


def _predicate_reading(token: Token) -> tuple[str, str] | None:
    table = predicates()
    if token.pos_ not in ("VERB", "AUX", "ADJ") and not _untagged_participle(token):
        return None
    if token.tag_ == "ADJA" and not (_finite_root(token) or _stray_attributive(token)):
        return None  # an attributive participle ("40 verletzte Teilnehmer") names its noun's lot, no clause
    word = token.text.lower()
    candidates = [_lemma(token), _simple_lemma(word), *_weak_infinitives(word)]
    if word in table["participles"]:
        candidates.insert(0, table["participles"][word])
    particle = next((c for c in token.children if c.dep_ == "compound:prt"), None) or _clause_final_particle(token)
    if particle is not None:
        candidates.append(particle.text.lower() + candidates[1])
    for lemma in candidates:
        objects = table["nominal_objects"].get(lemma)
        if objects:
            for index in clause_tokens(token.doc, token.i)[0]:  # "kamen … ums Leben", "in die Hände … geraten"
                noun = token.doc[index].text.lower()
                if _nominal_object(noun, objects) and token.doc[index].pos_ in ("NOUN", "PROPN"):
                    return objects.get(noun) or next(objects[n] for n in objects if noun.endswith(n)), "intransitive"
        phrase = table["transitive_phrases"].get(lemma)
        # "nahm einen Verdächtigen in Gewahrsam", "machte fünf Tatverdächtige dingfest": the object is
        # arrested; a verb with a separated particle is another verb ("stellte … fest" is no "stellen")
        if phrase and (particle is None or lemma == candidates[-1]):
            for index in clause_tokens(token.doc, token.i)[0]:
                part = token.doc[index]
                noun = part.text.lower()
                if noun in phrase and (part.pos_ in ("NOUN", "PROPN") or part.text.islower()):
                    return phrase[noun], "transitive"
        fire = table["attack_phrases"].get(lemma)
        infinitive = token.tag_ in ("VVINF", "VVIZU") and token.i > 0 and token.doc[token.i - 1].tag_ == "PTKZU"
        if fire and particle is None and not infinitive:  # "setzte einen Waggon in Brand", "legten Feuer": its subject attacks
            for index in clause_tokens(token.doc, token.i)[0]:
                part = token.doc[index]
                if part.text.lower() in fire and part.pos_ in ("NOUN", "PROPN"):
                    return "attackers", "attack"
        if lemma == "sein" and (named := _identified_casualties(token)) is not None:
            return named, "intransitive"  # "Die Verletzten seien zehn Touristen und zwei Fahrer"
        if lemma in table["slogan_verbs"] and _hate_slogan(token):
            return "attackers", "attack"  # "riefen drei Männer ausländerfeindliche Parolen"
        prepositions = table["membership"].get(lemma)
        if prepositions:  # "Unter den Toten sind neun Zivilisten"
            doc = token.doc
            indices = clause_tokens(doc, token.i)[0]
            for k, index in enumerate(indices[:-1]):
                if doc[index].text.lower() in prepositions:
                    # the casualty noun of the phrase, over adjectives before it ("Bei den geborgenen Toten")
                    words = [doc[j] for j in indices[k + 1 : k + 5] if doc[j].pos_ in ("NOUN", "ADJ")]
                    group = next((w for w in words if w.text.lower() in casualty_nouns()), None)
                    if group is not None and all(w.tag_ == "ADJA" for w in words[: words.index(group)]):
                        return casualty_nouns()[group.text.lower()], "intransitive"
        if lemma in table["transitive"]:
            return table["transitive"][lemma], "transitive"
        if lemma in table["intransitive"]:
            return table["intransitive"][lemma], "intransitive"
    if any(lemma in table["attacks"] for lemma in candidates) or (
        # "warfen Steine", "stießen ihn zu Boden"; with a particle another verb ("warf ihm … vor")
        particle is None and any(lemma in table["attacks_without_particle"] for lemma in candidates)
    ):
        return "attackers", "attack"  # "griffen zwei Selbstmordattentäter … an": its subject attacks
    if any(c.dep_ == "cop" for c in token.children):
        word = token.text.lower()
        if word in table["predicative"]:
            return table["predicative"][word], "predicative"
    return None


def _identified_casualties(verb: Token) -> str | None:
    """The category of a definite casualty noun that is the subject of "sein" ("Die Toten waren drei
    Soldaten"): the other phrases of the clause name who they were. None where the noun stands in a
    prepositional phrase ("unter den Toten" is membership) or no such noun is there."""
    doc = verb.doc
    nouns = casualty_nouns()
    if not any(t.text.lower() in nouns and t.i > 0 and doc[t.i - 1].text.lower() in ("die", "der") for t in doc):
        return None  # no definite casualty noun in the sentence: no clause to read
    indices = clause_tokens(doc, verb.i)[0]
    for k, index in enumerate(indices):
        word = doc[index].text.lower()
        if (
            word in casualty_nouns()
            and k > 0
            and doc[indices[k - 1]].text.lower() in ("die", "der")
            and (k < 2 or doc[indices[k - 2]].pos_ != "ADP")
        ):
            return casualty_nouns()[word]
    return None


@cache
def _hate_words() -> tuple[str, ...]:
    return tuple(load_json("event_triggers.json")["hate_motive_cues"])


def _hate_slogan(verb: Token) -> bool:
    """Whether the clause of a verb of shouting holds slogans of hate ("rassistische Parolen")."""
    doc = verb.doc
    nouns = predicates()["slogan_nouns"]
    for index in clause_tokens(doc, verb.i)[0]:
        if doc[index].text.lower() in nouns and index > 0 and doc[index - 1].text.lower().startswith(_hate_words()):
            return True
    return False


@cache
def generic_person_nouns() -> frozenset[str]:
    """Nouns that name a person by no role ("Mann", "Person"): a definite one points back."""
    return frozenset(predicates()["generic_person_nouns"])


_ONE_OF = frozenset({"einer", "eine", "einen", "einem", "eines"})


def one_of_group(head: Token) -> Token | None:
    """ "Einer der Männer", "einen der Angreifer": one person of a group told by a genitive plural of
    people; the group's noun, else None."""
    doc = head.doc
    if head.text.lower() not in _ONE_OF or head.i + 2 >= len(doc) or doc[head.i + 1].text.lower() != "der":
        return None
    noun = next((t for t in doc[head.i + 2 : head.i + 5] if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or any(t.pos_ not in ("ADJ", "DET") and t.tag_ != "ADJA" for t in doc[head.i + 2 : noun.i]):
        return None
    return noun if is_person_noun(noun.text) else None


def _definite_person(head: Token, lo: int) -> bool:
    """ "Der Busfahrer", "die Fahrerin des Wagens": a definite article before one person noun (no count,
    no age noun, no possessive), which is a first mention only where the text before does not tell of
    that person."""
    doc = head.doc
    # an age before the noun makes any noun a person and the phrase one person ("Der 37-jährige Torwart"),
    # as a given name after it does ("der Unternehmer Wei Muster")
    aged = any(_age_word(doc[i]) for i in range(lo, head.i))
    if head.pos_ != "NOUN" or head.text[:1].isdigit():
        return False
    if not (is_person_noun(head.text) or aged or _given_name_after(head)):
        return False
    if "Sing" not in head.morph.get("Number", []) and not aged:
        return False
    if any(_number_like(doc[i]) and not _age_word(doc[i]) for i in range(lo, head.i)):
        return False
    return lo < head.i and doc[lo].text.lower() in ("der", "die") and doc[lo].tag_ == "ART"


def _singular_person(head: Token, lo: int) -> bool:
    doc = head.doc
    if one_of_group(head) is not None:
        return True  # "Einer der Geflüchteten wurde … verletzt"
    if lo < head.i and _elliptic_one(doc[lo], head) and (head.pos_ in ("ADJ", "DET", "PRON") or head.tag_ == "PIS"):
        return True  # "eine Person getötet und eine weitere verletzt"
    if _named_person(head, lo):
        return True  # "wurde Anna Beispiel festgenommen": a person by name alone
    aged = any(_age_word(doc[i]) and not doc[i].text[:1].isupper() for i in range(lo, head.i))
    noun = head.pos_ in ("NOUN", "PROPN") or head.tag_ in ("NN", "NE")  # the tag where the UPOS strays
    named = noun and head.pos_ == "NOUN" and _given_name_after(head)
    if not noun or not (is_person_noun(head.text) or aged or named):
        return False  # a noun with an age before it ("ein 26-jähriger Monteur") or a given name after it
        # ("der Bank-Vorstand Thomas Muster") names a person
    if named and lo == head.i:
        return True  # "Titelverteidiger Hans Muster wurde verletzt": a role and a name, no article
    if any(doc[i].pos_ == "NUM" and not _age_word(doc[i]) for i in range(lo, head.i)):
        return False  # a count, not one person ("45-jährige" is an adjective, "25-jähriger" an age)
    if (
        lo >= 2
        and doc[lo - 1].text == ","
        and (
            (head.dep_ == "appos" and not _case_clash(doc[lo], head.head))
            or doc[lo - 2].pos_ == "PROPN"
            or _after_clause(doc, lo - 2, head.i)
        )
        # "der Pilot, ein 51-jähriger Kieler, kam ums Leben": the apposition to a definite role noun
        # brings that person in
        and not (lo >= 3 and is_person_noun(doc[lo - 2].text) and doc[lo - 3].text.lower() in ("der", "die"))
    ):
        return False  # "wurde Qasem Muster getötet, ein Führer der Miliz": an apposition to a name
    # the tagger may call an article an adverb; its relation still says determiner ("ein/ADV … Mann")
    determiners = [doc[i] for i in range(lo, head.i) if doc[i].pos_ == "DET" or doc[i].dep_ == "det"]
    if determiners and determiners[0].text.lower() in _INDEFINITE:
        return True  # "ein vierjähriges Mädchen", whatever number the tagger gave the noun
    if (
        determiners
        and determiners[0].tag_ == "PPOSAT"
        and any(_age_word(doc[i]) and doc[i].text.endswith("e") for i in range(lo, head.i))
    ):
        return True  # "seine 30-jährige Nichte": an age in "-e" after a possessive is one person
    if "Plur" in head.morph.get("Number", []):
        return False
    if determiners:
        word = determiners[0].text.lower()
        if word in ("die", "der") and "Sing" not in head.morph.get("Number", []):
            return False  # "die Soldaten": a plural without a count
        if determiners[0].tag_ == "PPOSAT" and (aged or (_kin(head) and not _named_after(head))):
            return True  # "seine 38-jährige Frau", "ihr Sohn": one person of another's kin
        if not _named_after(head) or determiners[0].tag_ == "PPOSAT":
            return False  # "der Mann", "sein Sohn Muster": one told of before or by another's name
        return word in _SINGULAR_DETERMINERS or "Sing" in head.morph.get("Number", [])
    return False  # a German singular person needs its article: "schwarze Einwohner" are many


def _case_clash(first: Token, anchor: Token) -> bool:
    """Whether the first word of a phrase and the noun the parse hangs it on as an apposition have
    different cases ("…, ein Kurde mit jesidischer Religionszugehörigkeit, seine Tochter": an accusative
    is no apposition to a dative): an apposition agrees with its noun."""
    mine, theirs = set(first.morph.get("Case", [])), set(anchor.morph.get("Case", []))
    return bool(mine) and bool(theirs) and not mine & theirs


def name_start(head: Token, lo: int) -> int:
    """Where the names before ``head`` begin ("Anna" of "Anna Beispiel"), at most three of them back."""
    doc = head.doc
    first = lo
    while first > 0 and first > head.i - 4 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return first


def _named_person(head: Token, lo: int) -> bool:
    """A phrase of names alone that opens with a given name ("Anna Beispiel", "Alexander Muster"): one
    person, whatever the parse made its head."""
    doc = head.doc
    first = name_start(head, lo)
    return (
        head.pos_ == "PROPN"
        and all(t.pos_ == "PROPN" for t in doc[first : head.i + 1])
        and doc[first].text in given_names()
        and not (first > 0 and doc[first - 1].pos_ in ("DET", "NOUN"))  # "sein Sohn Karl": the noun tells who
    )


def _given_name_after(head: Token) -> bool:
    """Whether a given name follows a noun ("der Bank-Vorstand Thomas Muster", "Vorjahressieger Hans
    Muster"): the noun then names that person, whatever its word."""
    doc = head.doc
    return head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and doc[head.i + 1].text in given_names()


def _kin(head: Token) -> bool:
    """A singular kin noun ("Frau", "Sohn", "Schwester"): with a possessive it brings in one person."""
    return head.text.lower() in predicates()["kin_nouns"] and "Plur" not in head.morph.get("Number", [])


def _after_clause(doc: Doc, verb: int, head: int) -> bool:
    """Whether a noun phrase stands after a comma that closes a clause on its verb, with no verb of its
    own up to the next punctuation: an afterthought about someone named in the clause."""
    if doc[verb].pos_ not in ("VERB", "AUX") and doc[verb].tag_ != "VVPP":
        return False
    for token in doc[head + 1 :]:
        if token.is_punct:
            break
        if token.pos_ in ("VERB", "AUX"):
            return False
    return True


def _named_after(head: Token) -> bool:
    """Whether a name follows a person noun ("die 22-jährige Polizistin Anna Muster"): a definite person
    introduced by name is a first mention; without one the article points back ("der Mann")."""
    doc = head.doc
    return head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and doc[head.i + 1].text[:1].isupper()


def _subject_of(predicate: Token) -> Token | None:
    """The subject of a predicate, or of the clause it is coordinated with ("wurden getötet und …")."""
    subject = arguments(predicate).subject
    if subject is None and predicate.dep_ == "conj":
        subject = arguments(predicate.head).subject
    return subject


_BARE_RELATIONS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "xcomp", "dep", "nmod", "appos"})


def bare_nominals(predicate: Token) -> list[Token]:
    """Noun phrases without a preposition that hang on the predicate or its auxiliaries: the arguments a
    parser may have labelled wrongly. German gives a passive of a killing verb one such argument, the
    victims, however the parser attached them to "wurden" or to the participle."""
    heads = [predicate, *(c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "cop"))]
    found = []
    for head in heads:
        for child in head.children:
            if child.i == predicate.i or child.dep_ not in _BARE_RELATIONS:
                continue
            if child.pos_ not in ("NOUN", "PROPN", "NUM") or any(c.dep_ == "case" for c in child.children):
                continue
            found.append(child)
    return sorted(found, key=lambda t: t.i)


def _nominative(noun: Token) -> bool:
    """Whether the morphology of a noun and its determiners says nominative only ("ein Angreifer")."""
    cases = set(noun.morph.get("Case", []))
    for child in noun.children:
        if child.dep_ in ("det", "det:poss"):
            cases &= set(child.morph.get("Case", [])) or cases
    return cases == {"Nom"}


def _accusative_article(doc: Doc, head: Token) -> bool:
    """Whether the noun phrase of ``head`` opens with "einen", an accusative only: never the subject."""
    lo = _linear_start(head)
    return any(doc[i].text.lower() == "einen" and doc[i].pos_ == "DET" for i in range(lo, head.i))


def _accusative_first(obj: Token, subject: Token) -> bool:
    """Whether the parser's object stands before its subject without an accusative to show for it."""
    return obj.i < subject.i and "Acc" not in obj.morph.get("Case", []) and not obj.i < obj.head.i < subject.i


def _roles(token: Token, kind: str) -> list[tuple[Token, Role]]:
    """The arguments of a casualty predicate in their roles, the parse repaired by the verb's valency."""
    args = arguments(token)
    roles: list[tuple[Token, Role]] = []
    if kind == "transitive" and (
        verb_complex(token).passive or (token.dep_ == "conj" and verb_complex(token.head).passive)
    ):
        victims = bare_nominals(token) or ([s] if (s := _subject_of(token)) is not None else [])
        roles += [(v, "victim") for v in victims if args.agent is None or v.i != args.agent.i]
        if args.agent is not None:
            roles.append((args.agent, "perpetrator"))
    elif kind == "transitive":
        bare = bare_nominals(token)
        subject, victim = args.subject, args.object
        if subject is None or victim is None or _accusative_first(victim, subject):
            # German's default order: the nominative before the accusative ("hatte ein Angreifer
            # 38 Menschen erschossen"), unless the case morphology says otherwise
            if len(bare) >= 2:
                subject, victim = bare[0], bare[1]
            elif len(bare) == 1:
                subject, victim = (bare[0], None) if bare[0].i < token.i and victim is None else (subject, bare[0])
        if (
            victim is not None
            and _nominative(victim)
            and (subject is None or (victim.i < subject.i and not _nominative(subject)))
        ):
            subject, victim = victim, (subject if subject is not None and subject.i != victim.i else None)
        if victim is not None:
            roles.append((victim, "victim"))
        if subject is not None:
            roles.append((subject, "perpetrator"))
    else:
        subject = _subject_of(token)
        if subject is None:
            nouns = _nominal_object_nouns()
            subject = next((b for b in bare_nominals(token) if not _nominal_object(b.text, nouns)), None)
        if subject is not None:
            roles.append((subject, "victim"))
    return roles


# categories of harm: their perpetrators are attackers, one person in them is a count of one
_HARM = frozenset({"killed", "injured", "executed", "abducted", "missing"})
_WERDEN = frozenset({"wird", "werden", "wurde", "wurden", "worden", "würde", "würden", "werde", "wirst", "wurdest"})
_SEIN = frozenset({"ist", "sind", "war", "waren", "sei", "seien", "sein", "wäre", "wären", "gewesen"})
_HABEN_SEIN = frozenset({"hat", "haben", "hatte", "hatten", "hätte", "hätten", "habe"})
_NOMINATIVE_PRONOUNS = frozenset({"er", "wir", "ich", "du"})


def _participle(doc: Doc, predicate: Token, indices: list[int]) -> bool:
    """A participle by its tag or morphology; a clause has one finite verb, so beside a finite auxiliary
    a main verb the tagger calls finite is its participle ("festgenommen" VVFIN)."""
    if "Part" in predicate.morph.get("VerbForm", []) or predicate.tag_ == "VVPP":
        return True
    if predicate.tag_ in ("ADJD", "ADV", "PTKVZ") and _participle_shape(predicate.text):
        return True  # "wurde … angepöbelt, geschubst/ADJD und getreten": a participle the tagger missed
    if predicate.text.lower() in predicates()["participles"] and any(
        doc[j].text.lower() in _WERDEN for j in indices if j != predicate.i
    ):
        return True  # "konnten festgenommen/VVINF werden"
    return predicate.tag_ == "VVFIN" and any(
        doc[j].tag_ in ("VAFIN", "VMFIN") for j in indices if j != predicate.i
    )


def _passive(doc: Doc, predicate: Token, indices: list[int]) -> bool:
    """A participle with a form of "werden" in its clause ``indices`` ("wurden … getötet", "sind …
    getötet worden")."""
    if verb_complex(predicate).passive:
        return True
    if not _participle(doc, predicate, indices):
        return False
    words = {doc[j].text.lower() for j in indices if j != predicate.i}
    # "wurden … getötet"; "sollen … festgenommen sein" (the state passive of a transitive verb)
    return bool(words & (_WERDEN | _SEIN)) and not (words & _HABEN_SEIN)


def _own_conjunct(doc: Doc, predicate: Token, indices: list[int], groups: list[list[Token]]) -> list[list[Token]]:
    """The noun phrases of a participle coordinated with another in one clause: "wurden 20 Menschen
    getötet und 30 verletzt" gives "getötet" the 20 and "verletzt" the 30; where nothing stands between
    the two ("getötet und verletzt"), both share what stands before the first."""
    verbs = [j for j in indices if doc[j].pos_ == "VERB" and (_participle(doc, doc[j], indices) or not _finite(doc[j]))]
    before = [j for j in verbs if j < predicate.i]
    after = [j for j in verbs if j > predicate.i]
    lo = before[-1] if before else -1
    hi = after[0] if after else len(doc)
    own = [[t for t in g if lo < t.i < predicate.i or (hi == len(doc) and t.i > predicate.i)] for g in groups]
    own = [g for g in own if g]
    if after:
        # the next participle takes what stands between us: keep only what stands before this one
        own = [[t for t in g if t.i < predicate.i] for g in own]
        own = [g for g in own if g]
    if own:
        return own
    return [[t for t in g if t.i < predicate.i] for g in groups if any(t.i < predicate.i for t in g)]


def _has_subject(doc: Doc, i: int) -> bool:
    """Whether the clause around token ``i`` has a noun phrase before its verb (a subject of its own)."""
    indices, _ = clause_tokens(doc, i)
    verbs = [j for j in indices if doc[j].pos_ in ("VERB", "AUX")]
    groups = noun_groups(doc, indices)
    return bool(verbs) and bool(groups) and (len(groups) >= 2 or groups[0][0].i < verbs[-1])


def _named_by_um(doc: Doc, predicate: Token, indices: list[int]) -> list[list[Token]] | None:
    """The noun phrases of "es handelt sich um …" (who the members of a count are), or None."""
    # the verb's own lemma: a parse may take a preposition after it for a particle ("um … zwischen")
    if "handeln" not in (_lemma(predicate), predicate.lemma_) or not any(doc[j].text.lower() == "sich" for j in indices):
        return None
    um = next((k for k, j in enumerate(indices) if j > predicate.i and doc[j].text.lower() == "um"), None)
    if um is None:
        return None
    return noun_groups(doc, indices[um + 1 :])


@cache
def _time_nouns() -> frozenset[str]:
    words = load_json("time_words.json")
    return frozenset(words["months"]) | frozenset(words["weekdays"])


_DURATION_NOUNS = frozenset({"minute", "stunde", "tag", "woche", "monat", "jahr", "jahrzehnt"})
_DURATION_AFTER = frozenset({"später", "früher", "zuvor", "danach", "vorher", "lang", "darauf", "nach"})


def _duration(head: Token) -> bool:
    """A span of time told as an adverbial ("drei Monate später", "zwei Tage zuvor"): no one in a role."""
    doc = head.doc
    return (
        _lemma(head).lower() in _DURATION_NOUNS
        and head.i + 1 < len(doc)
        and doc[head.i + 1].text.lower() in _DURATION_AFTER
    )


def _attached_to_noun(doc: Doc, j: int) -> bool:
    """Whether the "von" at ``j`` belongs to the noun before it ("der Tod von …"), not to the verb; a date
    is no such noun ("am 1. Oktober von drei Männern verletzt")."""
    before = doc[j - 1]
    if before.pos_ != "NOUN" or before.text.lower() in _time_nouns():
        return False
    # "ein Asylsuchender von vier Männern angegriffen": the parse hangs the phrase on the verb, or it
    # counts people after a person ("zwei Jugendliche von 5 Männern zusammengeschlagen")
    noun = next((t for t in doc[j + 1 : j + 6] if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is not None and is_person_noun(before.text) and any(_number_like(t) for t in doc[j + 1 : noun.i]):
        return False
    if (
        noun is not None
        and is_person_noun(noun.text)
        and not is_person_noun(before.text)
        and before.text.lower() not in predicates()["nominal_predicates"]
    ):
        return False  # "am Markt von zwei Unbekannten beschimpft": people after a place act, "der Tod von …" not
    return noun is None or noun.head.pos_ not in ("VERB", "AUX")


_SUBJECT_RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches"})


def _relative_subject(doc: Doc, lo: int, groups: list[list[Token]]) -> list[Token] | None:
    """Where a relative pronoun opens the clause at ``lo`` and is its subject (a nominative form, and the
    clause's one noun phrase no nominative-only phrase: "Tatverdächtige, die die Asylsuchenden angegriffen
    haben"), its antecedent: the noun before the comma, over a separated particle ("nahm zwei Männer
    fest, die …"), as a list of none or one token; None where the pronoun is not the subject."""
    if lo < 2 or doc[lo - 1].text != "," or doc[lo].text.lower() not in _SUBJECT_RELATIVES:
        return None
    if doc[lo].tag_ not in ("PRELS", "PDS") and not (lo + 1 < len(doc) and doc[lo + 1].pos_ in ("DET", "NUM", "ADJ", "ADV")):
        return None
    if len(groups) != 1 or any(_nominative(t) for t in groups[0]):
        return None
    noun = _noun_before_comma(doc, lo)
    return [noun] if noun is not None else []


def _noun_before_comma(doc: Doc, lo: int) -> Token | None:
    """The noun right before the comma that precedes ``lo``, over a separated particle ("nahm zwei Männer
    fest, die …"), else None: the antecedent of a relative clause opening at ``lo``."""
    k = lo - 2
    while k > 0 and doc[k].tag_ == "PTKVZ":
        k -= 1
    return doc[k] if doc[k].pos_ in ("NOUN", "PROPN") else None


def _subject_before(doc: Doc, lo: int) -> list[list[Token]]:
    """The noun phrases of the clause before the one at ``lo``, over clauses that open on their verb and
    hold no phrase ("fuhren zwei Männer vor, stiegen aus und schrien …": the subject of all three)."""
    k = lo - 2
    for _ in range(3):
        if k < 0:
            return []
        indices = clause_tokens(doc, k)[0]
        before = noun_groups(doc, indices)
        if before or indices[0] < 2 or doc[indices[0]].pos_ not in ("VERB", "AUX"):
            return before
        k = indices[0] - 2
    return []


_OTHERS = frozenset({"weiteren", "anderen"})


def _others_with(doc: Doc, indices: list[int]) -> list[Token]:
    """ "wurde er mit 15 weiteren Männern festgenommen": the counted others of a "mit"-phrase in a passive
    harm befall it too; their noun heads, else none."""
    found: list[Token] = []
    for k, index in enumerate(indices):
        if doc[index].text.lower() != "mit":
            continue
        window = [doc[j] for j in indices[k + 1 : k + 5]]
        if len(window) >= 3 and _numeral(window[0]) and window[1].text.lower() in _OTHERS:
            noun = next((t for t in window[2:] if _nominal(t)), None)
            if noun is not None:
                found.append(noun)
    return found


def _antecedent(doc: Doc, lo: int) -> Token | None:
    """The noun a relative clause opening at ``lo`` with a subject pronoun ("…, die …") refers to: the
    noun right before the comma (over a separated particle), else None."""
    if lo < 2 or doc[lo - 1].text != "," or doc[lo].text.lower() not in _SUBJECT_RELATIVES or doc[lo].tag_ != "PRELS":
        return None
    return _noun_before_comma(doc, lo)


def linear_roles(predicate: Token, kind: str) -> list[tuple[Token, Role]]:
    """The casualty roles of a predicate read off the clause's noun phrases in German order (the parse
    gives lemmas, tags and morphology): a passive's bare noun phrases are its victims, the ``von``-phrase
    its agent; an intransitive verb's are its victims; an active verb's first group is its subject
    (the perpetrators), the next its object (the victims). A clause joined by "und" without a subject
    of its own ("… und töteten 30 Menschen") takes the subject of the clause before."""
    doc = predicate.doc
    indices, elliptic = clause_tokens(doc, predicate.i)
    if elliptic and predicate.tag_ == "VVPP" and indices[0] >= 2:
        # "wurde von drei Personen angegriffen und verletzt": a participle after "und" completes the
        # passive clause before (its auxiliary, its subject, its agent), it opens none of its own
        previous = clause_tokens(doc, indices[0] - 2)[0]
        if any(doc[j].text.lower() in _WERDEN for j in previous):
            indices, elliptic = sorted(set(previous) | set(indices)), False
    lo, hi = indices[0], indices[-1] + 1
    excluded = _nominal_object_nouns()
    verb = predicate.i if predicate.tag_ == "ADJA" else None  # a verb the tagger read as an adjective
    groups = [[t for t in g if not _nominal_object(t.text, excluded)] for g in noun_groups(doc, indices, verb)]
    groups = [g for g in groups if g and not _duration(g[-1])]
    named = _named_by_um(doc, predicate, indices)
    if named is not None:  # "Bei den Opfern handelt es sich um sechs Staatsangehörige …": the "um"-phrase
        return [(t, "victim") for g in named for t in g]
    if _participle(doc, predicate, indices) or not _finite(predicate):
        groups = _own_conjunct(doc, predicate, indices, groups)
    roles: list[tuple[Token, Role]] = []
    passive = kind == "transitive" and _passive(doc, predicate, indices)
    if not groups and (passive or kind in ("intransitive", "predicative")):
        antecedent = _antecedent(doc, lo)
        if antecedent is not None:
            # "Drei Asylbewerber, die in der Nacht festgenommen worden waren, …": the relative pronoun is the
            # subject of the harm, its antecedent the victim
            return [(t, "victim") for t in conjuncts(antecedent)]  # "einen Iraker und einen Syrer, welche …"
    if kind == "transitive" and predicate.tag_ == "VVPP" and predicate.i > 0 and doc[predicate.i - 1].text.lower() == "als":
        kind = "predicative"  # "Eine Person gilt als vermisst", "wurde als tot gemeldet": a state, no act
    if kind == "transitive" and _passive(doc, predicate, indices):
        if not groups and elliptic and lo >= 2:
            # "veröffentlichte der Journalist … die Namen und wurde daraufhin verhaftet": a passive joined by
            # "und" without a subject of its own has the subject of the clause before, over clauses that
            # open on their verb ("stiegen aus, liefen weg und wurden gefasst")
            before = _subject_before(doc, lo)
            subject = next((g for g in before if not _accusative_article(doc, g[0])), None)
            groups = [subject] if subject else []
        for j in indices[:-1]:
            if doc[j].text.lower() == "von" and doc[j].pos_ == "ADP" and (j == lo or not _attached_to_noun(doc, j)):
                agent = next((t for t in doc[j + 1 : hi] if t.pos_ in ("NOUN", "PROPN")), None)
                if agent is not None and agent.text.lower() not in casualty_nouns():
                    roles.append((agent, "perpetrator"))  # "von 219 Todesopfern ausgehen" names no agent
                break
        roles += [(t, "victim") for g in groups for t in g]
        roles += [(t, "victim") for t in _others_with(doc, indices)]
    elif kind == "transitive":
        if elliptic:
            before = _subject_before(doc, lo)
            subject_group = before[0] if before else []
            objects = groups
        elif len(groups) == 1 and lo > 1 and doc[lo - 1].text.lower() in COORDINATORS and _has_subject(doc, lo - 2):
            # "bevor die Polizei das Feuer eröffnete und zehn Angreifer erschoss": the clause joined by "und"
            # shares the subject of the one before, its one noun phrase is the object
            subject_group, objects = [], groups
        elif (relative := _relative_subject(doc, lo, groups)) is not None:
            # "zwei Männer, die einen Passanten verletzt haben": the relative pronoun is the subject, its
            # antecedent the perpetrator, the clause's noun phrase the object
            subject_group, objects = relative, groups
        else:
            subject_group = groups[0] if len(groups) >= 2 or (groups and groups[0][0].i < predicate.i) else []
            objects = groups[1:] if subject_group else groups
            if len(groups) >= 2 and _accusative_article(doc, groups[0][0]) and not _accusative_article(doc, groups[1][0]):
                subject_group, objects = groups[1], [groups[0]]  # "einen Mann griffen zwei Unbekannte an"
            if (
                len(groups) >= 2
                and not _accusative_article(doc, groups[1][0])
                and all(_nominative(t) for t in groups[1])
                and not any(_nominative(t) for t in groups[0])
                and groups[0][0].i > predicate.i
            ):
                subject_group, objects = groups[1], [groups[0]]
        pronoun = next((g for g in groups if len(g) == 1 and g[0].text.lower() in _NOMINATIVE_PRONOUNS), None)
        if pronoun is not None and not elliptic:  # "Anschließend verletzte er einen Wachmann": "er" is the subject
            subject_group = pronoun
            objects = [g for g in groups if g is not pronoun and g[0].i > pronoun[0].i]
        roles += [(t, "perpetrator") for t in subject_group]
        if objects:
            roles += [(t, "victim") for t in objects[0]]
    else:
        roles += [(t, "victim") for g in groups for t in g]
    return roles


def parse_roles(token: Token, kind: str) -> list[tuple[Token, Role]]:
    """The roles the dependency parse alone gives, without what German grammar adds: for measuring
    what each part contributes (``figures.v1`` option ``roles="parse"``)."""
    args = arguments(token)
    roles: list[tuple[Token, Role]] = []
    if kind == "transitive" and verb_complex(token).passive:
        if args.subject is not None:
            roles.append((args.subject, "victim"))
        if args.agent is not None:
            roles.append((args.agent, "perpetrator"))
    elif kind in ("transitive", "attack"):
        if args.object is not None and kind == "transitive":
            roles.append((args.object, "victim"))
        if args.subject is not None:
            roles.append((args.subject, "perpetrator"))
    elif args.subject is not None:
        roles.append((args.subject, "victim"))
    return roles


def _reflexive(predicate: Token) -> bool:
    """Whether an active harm verb has the reflexive "sich" as its object ("verletzte sich", "sich …
    verletzt hatten"), "sich" standing next to the verb or with nothing but an adverb between."""
    doc = predicate.doc
    indices = clause_tokens(doc, predicate.i)[0]
    if _passive(doc, predicate, indices):
        return False
    window = [j for j in indices if abs(j - predicate.i) <= 3]
    return any(doc[j].text.lower() == "sich" for j in window) and not any(
        doc[j].text.lower() in ("zu", "zugezogen", "zuzogen", "zog", "zogen") for j in indices
    )


def counted_arguments(sentence: Sentence, grammar: bool = True) -> Iterator[CountedArgument]:
    """Every noun phrase of ``sentence`` that stands in a casualty role, with its category: the roles
    read off the clause (:func:`linear_roles`), else those of the parse (:func:`_roles`)."""
    seen: set[tuple[int, Role]] = set()
    for token in sentence.doc:
        reading = predicate_reading(token)
        if reading is None:
            continue
        category, kind = reading
        roles: list[tuple[Token, Role]]
        linear: list[tuple[Token, Role]] = []
        if not grammar:
            roles = parse_roles(token, kind)
        elif kind == "attack":
            read = linear_roles(token, "transitive")
            roles = [(t, r) for t, r in read if r == "perpetrator"]
            if (
                not roles
                and read
                and _finite(token)
                and all(t.i > token.i for t, _ in read)
                and not _accusative_article(sentence.doc, read[0][0])
            ):
                # "riefen drei Männer … Parolen": the one phrase after the finite verb of an attack is its
                # subject unless an article marks it the object ("griff einen Mann an")
                roles = [(t, "perpetrator") for t, _ in read]
            if not read:
                lo = clause_tokens(sentence.doc, token.i)[0][0]
                if lo >= 2 and sentence.doc[lo - 1].text == "," and sentence.doc[lo].pos_ in ("VERB", "AUX"):
                    # "fuhren zwei Männer vor, stiegen aus und schrien …": a clause that opens on its verb
                    # after a comma and holds no phrase has the subject of the clause before
                    before = _subject_before(sentence.doc, lo)
                    roles = [(t, "perpetrator") for t in before[0]] if before else []
        else:
            linear = linear_roles(token, kind)
            roles = linear or _roles(token, kind)
            if kind == "transitive" and category in ("killed", "injured") and _reflexive(token):
                # "Ein Bewohner verletzte sich schwer": who harms himself is the victim
                roles = [(t, "victim") for t, r in roles if r == "perpetrator"]
        if category not in _HARM and kind != "attack":
            roles = [(t, r) for t, r in roles if r == "victim"]  # who arrests or evacuates attacks no one
        for argument, role in roles:
            # a reading of the clause lists every conjunct already; the parse completes the others
            named_ones = [argument] if linear else conjuncts(argument) if grammar else [argument, *argument.conjuncts]
            for named in named_ones:
                conjunct = _name_owner(named)
                if (conjunct.i, role) in seen:
                    continue
                seen.add((conjunct.i, role))
                lo, hi = noun_phrase(conjunct, genitive=False)
                if named.i > conjunct.i:
                    hi = max(hi, named.i + 1)  # the name goes with its noun: "der Bank-Vorstand Thomas Muster"
                lo = _trim_start(sentence.doc, min(lo, _linear_start(conjunct)), conjunct)
                if _named_person(conjunct, lo):
                    lo = name_start(conjunct, lo)  # the given name goes with the family name
                group = one_of_group(conjunct)
                if group is not None:
                    hi = max(hi, group.i + 1)  # the phrase goes on to the group: "einer der Männer"
                harmed = role == "victim" and category in _HARM | {"arrested"}
                yield CountedArgument(
                    start=sentence.start_char(sentence.doc[lo]),
                    end=sentence.end_char(sentence.doc[max(hi - 1, conjunct.i)]),
                    head_start=sentence.start_char(conjunct),
                    head_end=sentence.end_char(conjunct),
                    category=category if role == "victim" else "attackers",
                    role=role,
                    singular_person=_singular_person(conjunct, lo)
                    and (
                        harmed
                        # "Ein Selbstmordattentäter tötete …"; anyone one who attacks or beats: "Ein 21-Jähriger
                        # schlug …", "wurde von einem Mann angegriffen"
                        or (role == "perpetrator" and (is_attacker_noun(conjunct.text) or kind in ("attack", "transitive")))
                    ),
                    counted_person=is_person_noun(conjunct.text)
                    or group is not None
                    or conjunct.pos_ == "NUM"
                    # only people are killed, wounded or abducted: "zwei deutsche Ingenieure wurden entführt"
                    or (
                        (category in _HARM | {"arrested"} or role == "perpetrator")  # "Ca. 15 Nazis attackieren …"
                        and any(_number_like(sentence.doc[k]) for k in range(lo, conjunct.i))
                    ),
                    definite_person=(harmed or (role == "perpetrator" and kind == "transitive"))
                    and _definite_person(conjunct, lo),
                    finite_subject=role == "perpetrator" and conjunct.i < token.i and _finite(token),
                )


_ATTACK_NOUNS = frozenset({"angriff", "übergriff", "attacke", "überfall"})


def _auf_objects(doc: Doc, indices: list[int]) -> list[Token]:
    """Person nouns of an "auf"-phrase among ``indices``: the target of "einschlagen auf", "schießen auf",
    "Angriff auf" ("auf einen 30-jährigen Radfahrer"); a pronoun is someone told of before."""
    out = []
    for k, index in enumerate(indices):
        if doc[index].text.lower() != "auf" or doc[index].pos_ != "ADP":
            continue
        for j in indices[k + 1 : k + 5]:
            word = doc[j]
            if _age_word(word):
                continue  # "auf einen 35-jährigen/NOUN Asylsuchenden"
            if word.pos_ in ("NOUN", "PROPN") or (word.pos_ == "NUM" and is_person_noun(word.text)):
                if is_person_noun(word.text):
                    out.append(word)
                break
            if word.pos_ not in ("DET", "ADJ", "NUM", "ADV"):
                break
        break  # the first "auf"-phrase only
    return out


def attacked_arguments(sentence: Sentence) -> Iterator[CountedArgument]:
    """The people attacked in ``sentence``: the object of an active attack or beating verb ("Drei Männer
    schlagen einen 27-jährigen Asylsuchenden"), the subject of a passive one ("Ein Asylsuchender wurde
    angegriffen"). Being attacked is no casualty by itself; the caller counts them injured when an
    injury is told of them (:func:`lagebild.extract.figures.links.injured_later`)."""
    seen: set[int] = set()
    doc = sentence.doc
    for token in doc:
        reading = predicate_reading(token)
        attack_noun = token.pos_ == "NOUN" and _lemma(token) in _ATTACK_NOUNS
        if not attack_noun and (reading is None or reading[1] != "attack"):
            continue
        victims = [] if attack_noun else [a for a, role in linear_roles(token, "transitive") if role == "victim"]
        indices = list(range(token.i + 1, len(doc))) if attack_noun else clause_tokens(doc, token.i)[0]
        victims += _auf_objects(doc, indices)  # "schlugen auf einen Mann ein", "ein Angriff auf einen Mann"
        for argument in victims:
            for named in conjuncts(argument):
                head = _name_owner(named)
                if head.i in seen or head.pos_ not in ("NOUN", "PROPN", "NUM") or not is_person_noun(head.text):
                    continue
                seen.add(head.i)
                lo, hi = noun_phrase(head, genitive=False)
                lo = _trim_start(doc, min(lo, _linear_start(head)), head)
                yield CountedArgument(
                    start=sentence.start_char(sentence.doc[lo]),
                    end=sentence.end_char(sentence.doc[max(hi - 1, head.i)]),
                    head_start=sentence.start_char(head),
                    head_end=sentence.end_char(head),
                    category="injured",
                    role="victim",
                    singular_person=_singular_person(head, lo),
                    counted_person=True,
                )


def _trim_start(doc: Doc, lo: int, head: Token) -> int:
    """The start ``lo`` of a noun phrase past a preposition or verb the parse or tagger put into it
    ("von zwei Unbekannten", "attackierten/ADJA zwei Unbekannte")."""
    while lo < head.i and (
        doc[lo].text.lower() == "von"
        or doc[lo].pos_ == "AUX"
        or doc[lo].dep_ == "ROOT"
        or doc[lo].tag_ in ("KOUS", "KON", "KOKOM")  # "…, als ein Mann einen Bus in Brand steckte"
        or _stray_attributive(doc[lo])  # "griffen/ADJA fünf Männer …"
    ):
        lo += 1
    return lo


def _name_owner(token: Token) -> Token:
    """The person noun a name belongs to ("die Polizistin Anna Muster": "Polizistin"; "der Bank-Vorstand
    Thomas Muster": any noun before a given name), else the token."""
    owner, found = token, token
    while owner.dep_ in ("flat", "appos") and owner.head.i < owner.i and owner.head.i >= token.i - 3:
        owner = owner.head
        if (owner.pos_ in ("NOUN", "PROPN") and is_person_noun(owner.text)) or (
            owner.pos_ == "NOUN" and _given_name_after(owner)
        ):
            found = owner
    if found is token and token.pos_ == "PROPN":  # the parse took the name apart from its noun
        first = token.i
        while first > 0 and first > token.i - 3 and token.doc[first - 1].pos_ == "PROPN":
            first -= 1
        if first > 0 and token.doc[first - 1].pos_ == "NOUN" and _given_name_after(token.doc[first - 1]):
            return token.doc[first - 1]
    return found


def _linear_start(head: Token) -> int:
    """The first token of the noun phrase that ends in ``head``, read leftwards over its determiner,
    numeral, qualifier and adjectives ("mindestens fünf Zivilisten")."""
    doc = head.doc
    i = head.i
    while i > 0 and (
        (_in_np(doc[i - 1]) and not _nominal(doc[i - 1]) and doc[i - 1].tag_ not in ("PRELS", "PRELAT"))
        or doc[i - 1].text.lower() in _QUALIFIERS
        or doc[i - 1].text.lower() in ("hundert", "tausend")
        or (doc[i - 1].pos_ in ("PROPN", "NOUN") and _number_like(doc[i - 1]))  # "Acht junge Männer" (NE)
        or (doc[i - 1].text[:1].isdigit() and "-" in doc[i - 1].text)  # "45-jährige"
        or (doc[i - 1].text == "Jahre" and i >= 2 and _age_word(doc[i - 2]))  # "ein 39 Jahre alter Mann"
    ) and doc[i - 1].text != ",":
        if doc[i].tag_ == "ART" and doc[i - 1].pos_ in ("NOUN", "PROPN"):
            break  # an article opens its phrase: "ein 22-Jähriger | einen 35-jährigen Asylsuchenden"
        if i >= 2 and _numeral(doc[i - 1]) and doc[i - 2].pos_ == "ADP" and doc[i].text.lower() in _COUNT_OPENERS:
            break  # "seit 1984 | mehr als 13 000 Schwarze": the number before belongs to its preposition
        i -= 1
    # "ein vermutlich geistig verwirrter Täter": adverbs that grade the adjective, after the article
    j = i
    while j > 0 and i - j < 3 and doc[j - 1].tag_ in ("ADV", "ADJD"):
        j -= 1
    if j < i and j > 0 and doc[j - 1].tag_ == "ART" and doc[j - 1].text.lower() in _INDEFINITE:
        return j - 1
    return i


def nominal_arguments(sentence: Sentence) -> Iterator[CountedArgument]:
    """Counted people after a noun of an act: "der Tod von 24 irakischen Zivilisten", "die Entführung
    zweier Journalisten" (the genitive or ``von``-phrase names whom it befell)."""
    doc = sentence.doc
    table: dict[str, str] = predicates()["nominal_predicates"]
    for token in doc:
        category = table.get(token.text.lower()) if _nominal(token) else None
        if category is None or token.i + 2 >= len(doc):
            continue
        k = token.i + 1
        if doc[k].text.lower() not in ("von", "der", "des", "gegen", "zweier", "dreier") and not _numeral(doc[k]):
            continue
        if doc[k].text.lower() == "gegen" and category != "arrested":
            continue  # "Haftbefehl gegen drei Männer"; "der Kampf gegen …" befalls no one counted
        if doc[k].text.lower() in ("von", "der", "des", "gegen"):
            k += 1
        while k < len(doc) - 1 and doc[k].text in _OPENING_QUOTES:  # "vom Tod von „vier … Demonstranten“"
            k += 1
        end = k
        while end < len(doc) and (_in_np(doc[end]) or doc[end].text.lower() in _QUALIFIERS) and not _nominal(doc[end]):
            end += 1
        if end >= len(doc) or not _nominal(doc[end]) or not any(_number_like(doc[j]) for j in range(k, end)):
            continue
        head = doc[end]
        yield CountedArgument(
            start=sentence.start_char(doc[k]),
            end=sentence.end_char(head),
            head_start=sentence.start_char(head),
            head_end=sentence.end_char(head),
            category=category,
            role="victim",
            singular_person=False,
            counted_person=is_person_noun(head.text),
        )


def coordinated_heads(sentence: Sentence, start: int, end: int) -> list[tuple[int, int]]:
    """Article spans of the head nouns coordinated with the noun phrase at ``start .. end``."""
    head = sentence.head_of(start, end)
    if head is None:
        return []
    return [
        (sentence.start_char(t), sentence.end_char(t)) for t in conjuncts(head) if t.i != head.i
    ]


@cache
def cue_pattern() -> re.Pattern[str]:
    """Word beginnings of casualty predicates: a sentence without one is not parsed for figures."""
    cues = sorted(predicates()["cues"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?i:" + "|".join(re.escape(c) for c in cues) + ")")


_ATTRIBUTIVE_CATEGORIES = frozenset({"killed", "injured", "executed", "abducted", "arrested", "missing"})


@cache
def _attributive_participles() -> dict[str, str]:
    """Participles of harm and arrest by their uninflected form ("verletzt", "festgenommen"), from the
    casualty verb forms of figures.json that end like one (finite forms among them never stand
    inflected before a noun, "tot" does: "die tote Frau"); "verunglückt" harms only "tödlich" (read by
    the caller)."""
    verbs: dict[str, str] = load_json("figures.json")["verbs"]
    return {
        word: category
        for word, category in verbs.items()
        if category in _ATTRIBUTIVE_CATEGORIES and " " not in word and word.endswith(("t", "en")) and word != "gefallen"
    }


def _participle_category(token: Token) -> str | None:
    """The category of an inflected participle before a noun ("verletzte", "tödlich verunglückten")."""
    word = token.text.lower()
    fatal = token.i > 0 and token.doc[token.i - 1].text.lower() == "tödlich"  # "tödlich verletzt": killed
    for ending in ("en", "er", "em", "es", "e"):
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if stem == "verunglückt":
            return "killed" if fatal else None
        category = _attributive_participles().get(stem)
        if category is not None:
            return "killed" if fatal and category == "injured" else category
    return None


def _attributed_head(doc: Doc, i: int) -> int | None:
    """The noun a participle at ``i`` stands before, over adjectives and an age ("verhaftete 15 Jahre
    alte Junge", "verletzte 30-jährige Frau"), else None."""
    j = i + 1
    while j < len(doc):
        token = doc[j]
        if _nominal(token) and not _age_word(token):
            return j
        if token.pos_ == "NUM" and _age_word(token):
            j += 3  # "15 Jahre alte"
        elif token.tag_ in ("ADJA", "ADJD") or _age_word(token):
            j += 1
        else:
            return None
    return None


def attributive_arguments(sentence: Sentence) -> Iterator[CountedArgument]:
    """One person a participle before its noun tells harmed or arrested: "ein schwer verletzter
    Polizist", "Der am Freitag tödlich verunglückte Anna Muster", "der wegen Mordes verhaftete 15 Jahre
    alte Junge". A count before the noun is read elsewhere ("20 verletzte Teilnehmer")."""
    doc = sentence.doc
    for token in doc:
        if token.tag_ != "ADJA":
            continue
        category = _participle_category(token)
        if category is None:
            continue
        at = _attributed_head(doc, token.i)
        if at is None:
            continue
        head = doc[at]
        name_end = at
        while name_end + 1 < len(doc) and doc[name_end + 1].pos_ == "PROPN":
            name_end += 1
        person = is_person_noun(head.text) or (head.pos_ == "PROPN" and head.text in given_names())
        aged = any(_age_word(doc[k]) for k in range(token.i + 1, at))
        if not (person or aged) or ("Plur" in head.morph.get("Number", []) and not aged):
            continue
        determiner = next((c for c in head.children if c.dep_ == "det" and c.i < token.i), None)
        if determiner is None or determiner.tag_ != "ART":
            continue  # "verletzte Demonstranten": many; a possessive or demonstrative points elsewhere
        if any(doc[k].pos_ == "NUM" and not _age_word(doc[k]) for k in range(determiner.i, at)):
            continue  # a count: read with its number
        indefinite = determiner.text.lower() in _SINGULAR_DETERMINERS and determiner.text.lower().startswith("ein")
        yield CountedArgument(
            start=sentence.start_char(determiner),
            end=sentence.end_char(doc[name_end]),
            head_start=sentence.start_char(head),
            head_end=sentence.end_char(head),
            category=category,
            role="victim",
            singular_person=indefinite,
            counted_person=False,
            definite_person=determiner.text.lower() in ("der", "die", "den", "dem"),
            attributive=True,
        )
