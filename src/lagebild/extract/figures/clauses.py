"""The clause and noun-group machinery of counted people, read without the parse's arcs.

:func:`clause_tokens` cuts the clause around a word by the German verb bracket (colons, semicolons,
dashes; a comma or coordinator before a new clause or between two finite verbs), leaving out a relative
or subordinate clause set into it. :func:`noun_groups` finds the bare noun phrases of such a clause (no
preposition before them, no genitive attribute) and groups their heads by coordination ("11 Milizionäre,
mindestens fünf Zivilisten und ein Journalist" is one group of three). The readers of
:mod:`lagebild.extract.figures.syntax` take the roles of casualty predicates from these groups where the
parse has no arc for them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from lagebild.lang.numbers import multipliers, vague_counts
from lagebild.nlp.syntax import COORDINATORS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
_OPENING_QUOTES = frozenset({"„", '"', "»", "«", "‚", "“"})
_PERSONAL = frozenset({"er", "sie", "es", "wir", "ihr", "man"})
_NP_POS = frozenset({"DET", "NUM", "ADJ", "NOUN", "PROPN"})
_QUALIFIERS = frozenset({"mindestens", "wenigstens", "rund", "etwa", "fast", "knapp", "über", "mehr", "als",
                         "weitere", "weiteren", "insgesamt", "zusammen", "zirka", "ca.", "circa", "bis", "zu"})


@cache
def _simple_lemma(word: str) -> str:
    from simplemma import lemmatize

    return str(lemmatize(word, lang="de")).lower()


_ELLIPTIC = frozenset({"weitere", "weiterer", "zweite", "zweiter", "dritte", "dritter", "andere", "anderer"})


def _elliptic_one(determiner: Token, word: Token) -> bool:
    """ "eine weitere", "ein dritter": an indefinite article and an adjective of one more, the noun left out."""
    return determiner.text.lower() in _INDEFINITE and word.text.lower() in _ELLIPTIC


_FUSED_PREPOSITIONS = frozenset(
    {"am", "ans", "aufs", "beim", "im", "ins", "ums", "vom", "zum", "zur", "durchs", "fürs", "hinterm", "überm", "unterm", "vorm"}
)


_RELATIVE_ADVERBS = frozenset(
    {"wobei", "wodurch", "womit", "worauf", "woraufhin", "wonach", "worin", "woran", "weshalb", "weswegen"}
)


def _opens_clause(token: Token) -> bool:
    """Whether ``token``, after a comma or coordinator, starts a new clause (a conjunction, a relative or
    demonstrative pronoun, a verb). A preposition fused with its article ("ums", "im") opens a phrase,
    whatever the tagger calls it."""
    if token.text.lower() in _FUSED_PREPOSITIONS:
        return False
    if token.text.lower() in _RELATIVE_ADVERBS:
        return True  # "…, wobei der Pilot ums Leben kam", whatever the tagger calls "wobei"
    return token.pos_ in ("SCONJ", "VERB", "AUX", "PRON") or token.tag_ in ("PRELS", "PRELAT", "KOUS", "PWAV")


def _finite(token: Token) -> bool:
    """A finite verb by its tag; an "infinitive" that is not its own lemma is a finite form the tagger
    missed ("starben" → sterben)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.tag_.endswith("FIN"):
        return True
    if token.tag_ == "VVINF" and "Fin" in token.morph.get("VerbForm", []) and token.i > 0 and token.doc[token.i - 1].pos_ in ("NOUN", "PROPN", "PRON"):
        return True  # "Die Behörden gehen … aus": a form the tag calls an infinitive, the morphology finite, after its subject
    word = token.text.lower()
    return token.tag_.endswith("INF") and word != token.lemma_.lower() and word != _simple_lemma(word)


# words an attributive adjective never stands right before: a numeral, an article, a pronoun, an adverb
_NOT_AFTER_ATTRIBUTIVE = frozenset({"CARD", "ART", "PDAT", "PPOSAT", "PIAT", "PPER", "PRF", "ADV", "PTKNEG"})


def _stray_attributive(token: Token) -> bool:
    """A verb the tagger took for an attributive adjective where no attributive adjective can stand:
    before a numeral, an article, a pronoun or an adverb ("griffen/ADJA fünf Männer … an", "davon
    erlitten/ADJA mindestens drei …")."""
    doc = token.doc
    return (
        token.tag_ == "ADJA"
        and token.text.islower()
        and token.i + 1 < len(doc)
        and doc[token.i + 1].tag_ in _NOT_AFTER_ATTRIBUTIVE
    )


_HARD_BORDERS = frozenset({";", ":", "–", "—"})
_PART_WORDS = frozenset({"darunter", "davon", "unter", "einschließlich", "inklusive"})
_RELATIVE = frozenset({"dem", "der", "denen", "deren", "dessen", "welchem", "welcher", "welchen", "den", "das", "die"})


def _embedded(doc: Doc, lo: int, hi: int) -> bool:
    """Whether ``doc[lo:hi]`` is a subordinate or relative clause set into another one: it opens with a
    conjunction, a pronoun or an article-like relative ("der", "die") and ends in its finite verb."""
    if hi - lo < 2:
        return False
    first, last = doc[lo], doc[hi - 1]
    opens = _opens_clause(first) or first.pos_ == "DET" or first.text.lower() in ("wo", "wobei", "als")
    return opens and _finite(last)


_INFINITIVE_AUXILIARIES = frozenset({"haben", "sein", "werden"})


def clause_tokens(doc: Doc, i: int) -> tuple[list[int], bool]:
    """The token indices of the clause around token ``i``, read by the German verb bracket: it ends at a
    colon, semicolon or dash, and at a comma or coordinator before a conjunction, pronoun or verb or
    between two finite verbs; a relative or subordinate clause set into it ("tötete bei einem Anschlag
    …, der Menschen nach Aleppo bringen sollte, mindestens 126 Menschen") is left out and the clause goes
    on after it. Also whether it is a clause joined by "und" without a subject of its own ("… und
    töteten 30 Menschen")."""
    n = len(doc)
    finite = [j for j in range(n) if _finite(doc[j])]

    def border(j: int) -> bool:
        if doc[j].text in _HARD_BORDERS:
            # "… 2.489 Menschen – darunter 1.594 Zivilisten": a dash before the parts is no border
            return not (j + 1 < n and doc[j + 1].text.lower() in _PART_WORDS)
        if doc[j].text != "," and doc[j].text.lower() not in COORDINATORS:
            return False
        if (
            doc[j].text == ","
            and j + 2 < n
            and doc[j + 1].text.lower() in _PART_WORDS
            and (_finite(doc[j + 2]) or _stray_attributive(doc[j + 2]))
        ):
            return True  # ", davon erlitten mindestens drei …": a clause of its own on the part
        if doc[j].text == "," and doc[j + 1 : j + 2] and doc[j + 1].pos_ == "DET":
            end = next_comma(j, 1)
            if end == n and doc[n - 1].is_punct:
                end = n - 1
            if _embedded(doc, j + 1, end):
                return True  # ", die britische Soldaten transportierte.": a relative clause the tagger left unmarked
        if j + 1 < n and _opens_clause(doc[j + 1]):
            if doc[j + 1].pos_ not in ("VERB", "AUX"):
                return True
            # ", wurden …" ends a clause only after one with a verb of its own: "Zivilisten, unter ihnen
            # sechs Kinder, wurden getötet" is one clause, "…, teilten die Vereinten Nationen mit" is not
            return any(_finite(doc[f]) for f in range(j) if not any(doc[h].text in _HARD_BORDERS for h in range(f, j)))
        # a comma or "und" between two finite verbs ends a clause: "nahm 20 Personen mit, 30 Menschen wurden
        # getötet", "wurden 24 Menschen getötet und mehr als 60 Weitere wurden verletzt"
        def stretch(f: int, g: int) -> bool:
            return not any(doc[h].text in _HARD_BORDERS or doc[h].text == "," for h in range(f + 1, g))

        left = [f for f in finite if f < j and stretch(f, j)]
        modal = any(doc[f].tag_ == "VMFIN" for f in left)
        right = any(
            f > j
            and stretch(j, f)
            and (doc[j].text == "," or doc[f].pos_ == "AUX")
            # "soll … seine Frau und eine Tochter erschossen haben": after a modal, an auxiliary behind
            # a participle is the modal's infinitive, not a second finite verb
            and not (modal and doc[f].text.lower() in _INFINITIVE_AUXILIARIES and doc[f - 1].tag_ == "VVPP")
            for f in finite
        )  # after "und" only an auxiliary is sure to be finite ("… und zwei Männer festgenommen sein")
        return bool(left) and right

    def next_comma(j: int, step: int) -> int:
        k = j + step
        while 0 <= k < n and doc[k].text != "," and doc[k].text not in _HARD_BORDERS:
            k += step
        return k

    tokens = [i]
    lo = i
    while lo > 0:
        k = next_comma(lo - 1, -1) if doc[lo - 1].text == "," else -1
        if k >= 0 and doc[k].text == "," and _embedded(doc, k + 1, lo - 1):
            # an embedded clause before: ", der sich am Montag ereignete,"; also where the comma after it
            # opens nothing ("wurde ein Mann, der … wurde, von Unbekannten verletzt")
            lo = k
            continue
        if border(lo - 1):
            break
        lo -= 1
        tokens.append(lo)
    elliptic = lo > 0 and doc[lo - 1].text.lower() in COORDINATORS and doc[lo].pos_ in ("VERB", "AUX")
    hi = i + 1
    while hi < n:
        if border(hi):
            k = next_comma(hi, 1)
            if (
                doc[hi].text == ","
                and k + 1 < n
                and doc[k].text == ","
                and _embedded(doc, hi + 1, k)
                # "…, die flohen, teilten die Vereinten Nationen mit": a new clause, unless the clause so far
                # has no verb ("Die Zahl der Menschen, die … getötet wurden, bezifferte X mit 13")
                and (not _finite(doc[k + 1]) or not any(_finite(doc[j]) for j in tokens))
            ):
                if doc[k + 1].pos_ not in ("VERB", "AUX") and border(k):
                    break  # a second clause after the embedded one: "…, die an Bord waren, die … brachte."
                hi = k + 1
                continue
            break
        tokens.append(hi)
        hi += 1
    return sorted(tokens), elliptic


def _after_genitive(doc: Doc, indices: list[int], position: int) -> int:
    """The position after a genitive attribute that starts at ``position`` ("der ersten Tage")."""
    count = len(indices)
    position += 1  # the article
    while position < count and (doc[indices[position]].pos_ in ("ADJ", "DET") or doc[indices[position]].tag_ == "ADJA"):
        position += 1
    while position < count and _nominal(doc[indices[position]]):
        position += 1
    return position


AGE = re.compile(r"\d+-?[Jj]ährig")  # an age as an adjective or a noun: "45-jährige", "28-Jährigen"


def _count_after_number(doc: Doc, indices: list[int], position: int) -> bool:
    """Whether a count begins at ``position`` right after a number ("seit 1984 mehr als 13 000 Schwarze"):
    a phrase of its own, not the rest of the one with the number. A group of three digits after one of at
    most three is the number's thousands ("2 500")."""
    if position == 0 or not _numeral(doc[indices[position - 1]]):
        return False
    token = doc[indices[position]]
    if _numeral(token):
        before = doc[indices[position - 1]].text
        return not (len(token.text) == 3 and token.text.isdigit() and before.isdigit() and len(before) <= 3)
    return token.text.lower() in _COUNT_OPENERS


# qualifiers that open a count; "bis" and "zu" go on a range ("drei bis vier")
_COUNT_OPENERS = _QUALIFIERS - {"als", "weitere", "weiteren", "insgesamt", "zusammen", "bis", "zu"}


def _numeral_after(doc: Doc, indices: list[int], position: int) -> bool:
    """Whether a numeral follows the word at ``position`` ("mehr als 20")."""
    return position + 1 < len(indices) and _numeral(doc[indices[position + 1]])


def _bare_genitive(doc: Doc, indices: list[int], position: int) -> bool:
    """Whether an adjective and a genitive noun without an article follow the noun at ``position``."""
    if position + 2 >= len(indices) or indices[position + 2] != indices[position] + 2:
        return False
    adjective, noun = doc[indices[position + 1]], doc[indices[position + 2]]
    return adjective.tag_ == "ADJA" and _nominal(noun) and "Gen" in noun.morph.get("Case", [])


_NP_TAGS = frozenset({"ADJA", "CARD", "ART", "PIAT", "PIDAT", "PDAT", "PPOSAT", "NN", "NE"})


def _in_np(token: Token) -> bool:
    """A word of a noun phrase by its UPOS or, where the two disagree, its STTS tag ("unbeteiligte" ADJA)."""
    return token.pos_ in _NP_POS or token.tag_ in _NP_TAGS


def _nominal(token: Token) -> bool:
    """A noun or name by UPOS or STTS tag; a lone capital letter is a name part ("A 12", "Camp X")."""
    text = token.text
    return token.pos_ in ("NOUN", "PROPN") or token.tag_ in ("NN", "NE") or (len(text) == 1 and text.isupper())


def _numeral(token: Token) -> bool:
    return token.pos_ == "NUM" or token.tag_ == "CARD"


def noun_groups(doc: Doc, indices: list[int], verb: int | None = None) -> list[list[Token]]:
    """The bare noun phrases among the tokens ``indices`` (no preposition before them, no genitive
    attribute), their heads grouped by coordination: "11 Milizionäre, mindestens fünf Zivilisten und ein
    Journalist" is one group of three; a parenthesis after a noun phrase names its members ("acht
    Menschen (sieben Patienten und eine Pflegekraft)"). The token ``verb`` is the clause's verb and in no
    phrase, whatever its tag ("Drei Männer warfen/ADJA Flaschen")."""
    groups: list[list[Token]] = []
    current: list[Token] = []
    joined = False  # the last separator was a comma, coordinator or opening parenthesis
    joiner = ","  # that separator
    listed: set[int] = set()  # the groups a coordinator or parenthesis joined
    position = 0
    count = len(indices)
    while position < count:
        i = indices[position]
        token = doc[i]
        nxt = doc[indices[position + 1]] if position + 1 < count else None
        if (
            token.pos_ == "ADP"
            and i > 0
            and doc[i - 1].text == ","
            and position + 1 < count
            and (doc[indices[position + 1]].tag_ in ("PRELS", "PRELAT") or doc[indices[position + 1]].text.lower() in _RELATIVE)
            and position + 2 < count
            and not _nominal(doc[indices[position + 2]])
            and doc[indices[position + 2]].tag_ != "ADJA"
        ):
            position += 2  # ", bei dem etwa 8.000 Muslime umgebracht wurden": the relative pronoun's phrase
            joined = False
            continue
        if (
            token.pos_ == "ADP"
            and token.tag_ != "CARD"  # "Drei/ADP/CARD Männer": the tag knows the numeral
            and (token.text.lower() not in ("über", "bis") or (nxt is not None and not _numeral(nxt)))
        ):
            # a prepositional phrase: up to and with its noun, and a genitive attribute after it
            position += 1
            while position < count and not _count_after_number(doc, indices, position) and (
                (_in_np(doc[indices[position]]) and not _nominal(doc[indices[position]]))
                or doc[indices[position]].text.lower() in _QUALIFIERS
                or doc[indices[position]].text in _OPENING_QUOTES  # 'In einem "Handgemenge"'
                or (  # "von bislang unbekannten Tätern": an adverb inside the phrase
                    doc[indices[position]].pos_ == "ADV"
                    and position + 1 < count
                    and doc[indices[position + 1]].tag_ == "ADJA"
                )
                or (  # "im Alter von 18, 23 und 26 Jahren": ages coordinated inside the phrase
                    i > 0
                    and doc[i - 1].text.lower() == "alter"
                    and position + 1 < count
                    and (doc[indices[position]].text == "," or doc[indices[position]].text.lower() in COORDINATORS)
                    and _numeral(doc[indices[position - 1]])
                    and _numeral(doc[indices[position + 1]])
                )
            ):
                position += 1
            noun_at = position
            while position < count and _nominal(doc[indices[position]]):
                position += 1
            ranged = (
                position == noun_at
                and position + 1 < count
                and doc[indices[position]].text.lower() in COORDINATORS
                and _numeral(doc[indices[position + 1]])
            )
            if ranged:
                # "zwischen neun und zwölf Jahren": numbers coordinated before the phrase's one noun
                position += 1
                while position < count and _in_np(doc[indices[position]]) and not _nominal(doc[indices[position]]):
                    position += 1
                while position < count and _nominal(doc[indices[position]]):
                    position += 1
            while position < count and _numeral(doc[indices[position]]) and _nominal(doc[indices[position - 1]]):
                position += 1  # "über die Autobahn A 12": a number in a name
            while (  # "zwischen koptischen Christen und Muslimen": the coordinated noun is in the phrase
                not ranged
                and position + 1 < count
                and doc[indices[position]].text.lower() in COORDINATORS
                and _in_np(doc[indices[position + 1]])
                and not _numeral(doc[indices[position + 1]])
            ):
                position += 1
                while position < count and _in_np(doc[indices[position]]) and not _nominal(doc[indices[position]]):
                    position += 1
                while position < count and _nominal(doc[indices[position]]):
                    position += 1
            while (
                position + 1 < count
                and doc[indices[position]].text.lower() in ("der", "des")
                and _in_np(doc[indices[position + 1]])
            ):
                position = _after_genitive(doc, indices, position)
            joined = False
            continue
        if token.tag_ == "PPER" or (token.pos_ == "PRON" and token.text.lower() in _PERSONAL):
            current = [token]  # "töteten sie mehrere hundert Zivilisten": a pronoun fills a slot
            groups.append(current)
            joined = False
            position += 1
            continue
        if i != verb and (_in_np(token) or (token.text.lower() in _QUALIFIERS and nxt is not None and _in_np(nxt))):
            start = position
            head = None
            while position < count and indices[position] != verb and (
                _in_np(doc[indices[position]]) or doc[indices[position]].text.lower() in _QUALIFIERS
            ):
                here = doc[indices[position]]
                if head is not None and here.text.lower() == "als" and not _numeral_after(doc, indices, position):
                    break  # "nahmen drei Touristen als Geiseln": "als" before a noun ends the phrase
                if _nominal(here):
                    head = here
                nxt_token = doc[indices[position + 1]] if position + 1 < count else None
                if (
                    head is not None
                    and nxt_token is not None
                    and (
                        nxt_token.pos_ == "DET"
                        or (_numeral(nxt_token) and not _nominal(here))
                        or (  # "ein Mann drei Asylsuchende": a count after a common noun begins a new phrase
                            _numeral(nxt_token)
                            and here.pos_ == "NOUN"
                            and position + 2 < count
                            and _nominal(doc[indices[position + 2]])
                        )
                        # "die Miliz Tausende von Jungen": a vague count after a noun begins one too
                        or (here.pos_ in ("NOUN", "PROPN") and nxt_token.text.lower() in vague_counts())
                    )
                    and nxt_token.text.lower() not in ("der", "des", "eines", "einer")
                ):
                    position += 1  # "zwei Selbstmordattentäter das Haus": a new noun phrase begins
                    break
                if (
                    head is not None
                    and position + 1 < count
                    and doc[indices[position + 1]].text.lower() in ("der", "des", "eines", "einer")
                    and position + 1 > start
                ):
                    # a genitive attribute follows: "17 Kämpfer der Regierungstruppen"
                    position = _after_genitive(doc, indices, position + 1)
                    break
                if (
                    head is here
                    and position + 2 < count
                    and doc[indices[position + 1]].tag_ == "ADJA"
                    and _nominal(doc[indices[position + 2]])
                    and not _bare_genitive(doc, indices, position)
                    and here.text.lower() not in vague_counts()
                    and not AGE.match(here.text)  # "eine 19-jährige gemeinsame Tochter"
                    and not (  # "39 Jahre alter Mann": an age written out
                        here.text.lower() in ("jahre", "monate", "wochen", "tage")
                        and doc[indices[position + 1]].text.lower().startswith("alt")
                    )
                ):
                    position += 1  # "zündeten zwei Männer alte Tücher an": an adjective after a noun opens a new phrase
                    break
                if (
                    head is here
                    and here.pos_ == "NOUN"
                    and position + 1 < count
                    and position > start
                    and _numeral(doc[indices[position - 1]])
                    and here.text.lower() not in multipliers()  # "100 Millionen Haie"
                    and doc[indices[position + 1]].pos_ == "NOUN"
                    and "Gen" not in doc[indices[position + 1]].morph.get("Case", [])
                ):
                    position += 1  # "verschafften sich sechs Personen Zugang": a counted noun ends its phrase
                    break
                if head is here and _bare_genitive(doc, indices, position):
                    # "einen Mann türkischer Staatsangehörigkeit", "ein Mann mittleren Alters": a genitive
                    # without an article is an attribute of the noun before it
                    position += 3
                    break
                position += 1
            last = doc[indices[position - 1]]
            run = [doc[indices[k]] for k in range(start, position)]
            if head is None and any(_numeral(t) for t in run):
                head = last  # "zwei weitere", "drei"
            elif head is None and len(run) >= 2 and _elliptic_one(run[0], last):
                head = last  # "eine weitere": one more person, the noun left out
            if head is not None:
                if joined and current:
                    current.append(head)
                    if joiner != ",":
                        listed.add(id(current))
                else:
                    current = [head]
                    groups.append(current)
            joined = False
            continue
        if token.text in (",", "(") or token.text.lower() in COORDINATORS:
            joined = bool(current) and bool(groups) and groups[-1] is current
            joiner = token.text.lower()
        elif token.text != ")":
            joined = False
            current = []
        position += 1
    return [part for group in groups for part in _unlisted(group, id(group) in listed)]


def _unlisted(group: list[Token], listed: bool) -> list[list[Token]]:
    """A German list ends on a coordinator ("A, B und C"); phrases joined by commas alone are no list:
    "erschoss der Vater, ein Kurde aus …, seine Tochter" holds a subject, its apposition and an object.
    The first and the last stand on their own, one between them is an apposition to the first."""
    if listed or len(group) < 2:
        return [group]
    return [[group[0]], [group[-1]]]
