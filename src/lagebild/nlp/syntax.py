"""The parse of an article, sentence by sentence on demand, and the accessors every extractor reads.

The ``parse.v1`` stage puts a :class:`Syntax` on ``doc.syntax``. It parses nothing up front: an extractor
asks for the sentence of an offset (``doc.syntax.sentence_at(offset)``) and only that sentence is tagged,
lemmatised and parsed with the shipped German model (:mod:`lagebild.nlp.parser`), once. A parsed
:class:`Sentence` is a spaCy ``Doc`` over exactly the tokens of ``tokens.v1`` in that sentence, so offsets
never move: ``sentence.start_char(token)`` is the token's offset in the article.

Accessors over tokens of a parsed sentence (plain functions, like spaCy's own ``token.conjuncts``):

* :func:`clause_of` – the predicate that heads the token's clause, and whether it is a main clause;
* :func:`verb_complex` – finite verb, main verb (participle or infinitive), separable particle, passive;
* :func:`arguments` – subject, object, ``von``-agent and oblique phrases of a predicate;
* :func:`conjuncts` – every conjunct of a noun phrase: the parse's ``conj`` relation completed by what German
  grammar guarantees (a comma/"und"/"sowie"/"oder" list of noun phrases is one coordinated argument);
* :func:`noun_phrase` – the extent of a noun phrase (determiner, numeral and its qualifier, adjectives,
  genitive attribute, name parts);
* :func:`appositions` – "der Sprecher der Zivilschützer, Ahmad X,".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.model import Document
from lagebild.pipeline import stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# relations that start a clause of their own (UD): a token whose head path reaches one of these first
# belongs to that clause
CLAUSE_RELATIONS = frozenset({"ROOT", "root", "advcl", "ccomp", "xcomp", "acl", "acl:relcl", "parataxis", "csubj"})
SUBORDINATE_RELATIONS = frozenset({"advcl", "ccomp", "acl", "acl:relcl", "csubj"})
SUBJECT_RELATIONS = frozenset({"nsubj", "nsubj:pass"})
# dependents that are part of a noun phrase's extent
NP_RELATIONS = frozenset(
    {"det", "det:poss", "nummod", "amod", "flat", "flat:name", "compound", "nmod:poss", "case"}
)
COORDINATORS = frozenset({"und", "sowie", "oder", "bzw.", "beziehungsweise"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NP_INNER_POS = frozenset({"DET", "NUM", "ADJ", "NOUN", "PROPN", "X"})
# words before a count that qualify it ("mindestens fünf", "rund 20"); part of the noun phrase
QUALIFIER_POS = frozenset({"ADV", "ADJ", "ADP", "PART"})


@dataclass
class Sentence:
    """One parsed sentence: a spaCy Doc over the article tokens ``first .. last`` (exclusive)."""

    index: int
    start: int  # character offset of the sentence in the article
    end: int
    first: int  # index of its first token in the article's token Doc
    doc: Doc
    base: int  # character offset of the sentence Doc's first token in the article

    def start_char(self, token: Token) -> int:
        return self.base + token.idx

    def end_char(self, token: Token) -> int:
        return self.base + token.idx + len(token.text)

    def span_chars(self, tokens: Span | Iterable[Token]) -> tuple[int, int]:
        """Article offsets (start, end) of a run of tokens."""
        toks = list(tokens)
        return self.start_char(toks[0]), self.end_char(toks[-1])

    def token_at(self, offset: int) -> Token | None:
        """The token that covers article offset ``offset`` (or starts there)."""
        rel = offset - self.base
        for token in self.doc:
            if token.idx <= rel < token.idx + max(len(token.text), 1):
                return token
        return None

    def tokens_of(self, start: int, end: int) -> Span | None:
        """The tokens that overlap the article span ``start .. end`` (expanded to whole tokens)."""
        return self.doc.char_span(start - self.base, end - self.base, alignment_mode="expand")

    def head_of(self, start: int, end: int) -> Token | None:
        """The syntactic head of the tokens in ``start .. end`` (the one whose head lies outside)."""
        span = self.tokens_of(start, end)
        if span is None or not len(span):
            return None
        return span.root


ParseBatch = Callable[[list[tuple[list[str], list[bool]]]], list["Doc"]]


class Syntax:
    """The lazily parsed sentences of one article (``doc.syntax``). ``parse_batch`` tags and parses the
    tokens of many sentences at once (:func:`parse_sentences`; a test may hand in parses written by hand)."""

    def __init__(self, doc: Document, parse_batch: ParseBatch) -> None:
        self.document = doc
        self.parse_batch = parse_batch
        self.parsed: dict[int, Sentence] = {}
        self.token_starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.document.sentences)

    def _token_index(self, offset: int) -> int:
        """Index of the first article token that starts at or after ``offset``."""
        from bisect import bisect_left

        if self.token_starts is None:
            self.token_starts = [token.idx for token in self.tokens]
        return bisect_left(self.token_starts, offset)

    @property
    def tokens(self) -> Doc:
        tokens = self.document.nlp
        if tokens is None:
            from lagebild.errors import ConfigError

            raise ConfigError("the parse needs the tokens of tokens.v1 (doc.nlp); run tokens.v1 first")
        return tokens  # type: ignore[return-value]

    def sentence(self, index: int) -> Sentence:
        """The parsed sentence ``index`` of ``doc.sentences`` (parsed on first request)."""
        if index not in self.parsed:
            self.prefetch([index])
        return self.parsed[index]

    def prefetch(self, indices: Iterable[int]) -> None:
        """Parse the sentences ``indices`` in one batch (several times faster than one by one); later
        requests for them cost nothing."""
        todo = [i for i in sorted(set(indices)) if i not in self.parsed]
        if not todo:
            return
        spans = []
        for index in todo:
            start, end = self.document.sentences[index]
            first = self._token_index(start)
            spans.append((start, end, first, self.tokens[first : self._token_index(end)]))
        docs = self.parse_batch([([t.text for t in w], [bool(t.whitespace_) for t in w]) for *_, w in spans])
        for index, (start, end, first, words), parsed in zip(todo, spans, docs, strict=True):
            self.parsed[index] = Sentence(
                index=index, start=start, end=end, first=first, doc=parsed,
                base=words[0].idx if len(words) else start,
            )

    def sentence_at(self, offset: int) -> Sentence:
        """The parsed sentence that holds article offset ``offset``."""
        return self.sentence(self.document.sentence_index(offset))


# --- clauses and verbs -----------------------------------------------------------------------------


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "aux:pass", "cop") for c in token.children)


def clause_of(token: Token) -> tuple[Token, bool]:
    """(the predicate heading ``token``'s clause, whether that clause is a main clause).

    "Die Polizei teilte mit, dass drei Menschen getötet wurden": for "Menschen" the predicate is "getötet"
    and the clause is subordinate; for "Polizei" it is "teilte", a main clause.
    """
    node = token
    while True:
        if node.dep_ in CLAUSE_RELATIONS or node.head.i == node.i:
            break
        if node.dep_ == "conj" and is_verbal(node) and is_verbal(node.head):
            break  # "... und töteten 30 Menschen": a coordinated clause
        node = node.head
    main = True
    walker = node
    while walker.head.i != walker.i:
        if walker.dep_ in SUBORDINATE_RELATIONS or any(c.dep_ == "mark" for c in walker.children):
            main = False
            break
        walker = walker.head
    return node, main


@dataclass(frozen=True)
class VerbComplex:
    """The verb bracket of a clause: "wurden … getötet", "nahm … fest", "ist … ums Leben gekommen"."""

    predicate: Token
    finite: Token | None
    auxiliaries: tuple[Token, ...]
    particle: Token | None
    passive: bool

    @property
    def lemma(self) -> str:
        """The main verb's lemma with its separable particle ("festnehmen" for "nahm … fest")."""
        lemma = self.predicate.lemma_.lower()
        if self.particle is not None and not lemma.startswith(self.particle.text.lower()):
            return self.particle.text.lower() + lemma
        return lemma


def verb_complex(predicate: Token) -> VerbComplex:
    """The finite verb, auxiliaries, separable particle and voice of a predicate.

    Passive: an ``aux:pass`` dependent, or a form of "werden" with a participle ("wurden … getötet").
    """
    auxiliaries = tuple(c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "cop"))
    particle = next((c for c in predicate.children if c.dep_ == "compound:prt"), None)
    finite = None
    for token in (predicate, *auxiliaries):
        if "Fin" in token.morph.get("VerbForm", []) or token.tag_ in ("VVFIN", "VAFIN", "VMFIN"):
            finite = token
            break
    participle = "Part" in predicate.morph.get("VerbForm", []) or predicate.tag_ == "VVPP"
    passive = any(c.dep_ == "aux:pass" for c in auxiliaries) or (
        participle
        and any(c.lemma_.lower() == "werden" for c in auxiliaries)
        and not any(c.lemma_.lower() in ("haben",) for c in auxiliaries)
    )
    return VerbComplex(predicate, finite, auxiliaries, particle, passive)


@dataclass(frozen=True)
class Arguments:
    subject: Token | None
    object: Token | None
    agent: Token | None  # the "von"-phrase of a passive
    obliques: tuple[Token, ...]


def arguments(predicate: Token) -> Arguments:
    """Subject, direct object, ``von``-agent and oblique phrases of a predicate.

    "Drei Soldaten wurden von Rebellen getötet": subject "Soldaten", agent "Rebellen".
    """
    obj = agent = None
    obliques: list[Token] = []
    passive = verb_complex(predicate).passive
    subjects = [c for c in predicate.children if c.dep_ in SUBJECT_RELATIONS and c.pos_ in NOMINAL_POS | {"ADJ"}]
    subjects.sort(key=lambda c: (c.dep_ != ("nsubj:pass" if passive else "nsubj"), c.i))
    subject = subjects[0] if subjects else None  # "Demnach" tagged as a subject is no subject
    for child in predicate.children:
        dep = child.dep_
        if dep in SUBJECT_RELATIONS:
            continue
        elif dep == "obj" and obj is None:
            obj = child
        elif dep == "obl:agent" or (
            passive and dep == "obl" and any(c.dep_ == "case" and c.text.lower() == "von" for c in child.children)
        ):
            agent = agent or child
        elif dep.startswith("obl"):
            obliques.append(child)
    return Arguments(subject, obj, agent, tuple(obliques))


# --- noun phrases ----------------------------------------------------------------------------------


def noun_phrase(head: Token, *, genitive: bool = True) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``: determiner, numeral with its
    qualifier ("mindestens fünf"), adjectives, name parts and (with ``genitive``) a genitive attribute
    ("17 Kämpfer der Regierungstruppen"). Conjuncts, appositions and relative clauses stay outside."""
    lo = hi = head.i
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            dep = child.dep_
            take = dep in NP_RELATIONS and not (dep == "case" and node.i == head.i)
            if node.i == head.i and child.i < head.i and child.pos_ in ("NUM", "DET", "ADJ"):
                take = True  # "Zwei Selbstmordattentäter" with the numeral under another relation
            if dep == "advmod" and node.dep_ == "nummod":
                take = True  # "mindestens" of "mindestens fünf"
            if dep == "nmod" and genitive and node.i == head.i and child.i > head.i:
                take = "Gen" in child.morph.get("Case", []) or not any(c.dep_ == "case" for c in child.children)
            if take:
                lo, hi = min(lo, child.i), max(hi, child.i)
                stack.append(child)
    doc = head.doc
    # a qualifier directly before the numeral the parser hung elsewhere ("mehr als 20", "rund 20")
    while lo > 0 and doc[lo].pos_ == "NUM" and doc[lo - 1].pos_ in QUALIFIER_POS and doc[lo - 1].dep_ in (
        "advmod",
        "case",
        "fixed",
    ):
        lo -= 1
    # keep the span contiguous and free of punctuation at its edges
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return lo, hi + 1


_GENITIVE_DETERMINERS = frozenset(
    {"des", "der", "eines", "einer", "seines", "seiner", "ihres", "ihrer", "unseres", "unserer", "dieses", "dieser",
     "jenes", "jener", "deren", "dessen", "aller", "beider", "mehrerer", "vieler", "zweier", "dreier"}
)


def _np_shaped(tokens: list[Token]) -> Token | None:
    """The head noun of ``tokens`` when they form one noun phrase (optional qualifier, determiner,
    numeral, adjectives, a noun, an optional genitive attribute), else None."""
    if not tokens:
        return None
    i = 0
    while i < len(tokens) and tokens[i].pos_ in ("ADV", "PART") and tokens[i].text[0].islower():
        i += 1  # "mindestens", "rund"
    if i < len(tokens) and tokens[i].text.lower() in ("mehr", "weniger", "über", "bis") and i + 1 < len(tokens):
        i += 1  # "mehr als", "über", "bis zu"
        if tokens[i].text.lower() in ("als", "zu"):
            i += 1
    head = None
    for j in range(i, len(tokens)):
        token = tokens[j]
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
            # the rest must be a genitive attribute or name parts: determiner/adjective/noun only
            rest = tokens[j + 1 :]
            if rest and rest[0].pos_ == "DET" and rest[0].text.lower() not in _GENITIVE_DETERMINERS:
                return None  # "ein Mann seine Schwester": two phrases, the second no genitive
            if all(t.pos_ in NP_INNER_POS or t.pos_ == "PUNCT" and t.text == "-" for t in rest):
                return head
            return None
        if token.pos_ not in NP_INNER_POS and token.pos_ != "PRON":
            return None
    if head is None and tokens[-1].pos_ in ("NUM", "PRON", "ADJ") and all(
        t.pos_ in NP_INNER_POS or t.pos_ == "PRON" for t in tokens[i:]
    ):
        return tokens[-1]  # "drei", "sechs weitere"
    return head


def _list_segments(doc: Doc, start: int, step: int) -> Iterator[tuple[bool, list[Token]]]:
    """(separated by a coordinator, segment) for the noun-phrase-sized segments from the separator at
    token ``start`` in direction ``step`` (+1 or -1), cut at commas and coordinators; stops at anything
    that ends a list (a verb, a preposition, a clause mark)."""
    i = start
    n = len(doc)
    while 0 <= i < n and (doc[i].text == "," or doc[i].text.lower() in COORDINATORS):
        coordinated = doc[i].text.lower() in COORDINATORS
        i += step
        if 0 <= i < n and (doc[i].text.lower() in COORDINATORS or doc[i].text == ","):
            coordinated = coordinated or doc[i].text.lower() in COORDINATORS  # ", und"
            i += step
        segment: list[Token] = []
        while 0 <= i < n and doc[i].text != "," and doc[i].text.lower() not in COORDINATORS:
            token = doc[i]
            if token.pos_ in ("VERB", "AUX", "SCONJ", "PUNCT", "ADP") and token.text.lower() not in ("über", "bis"):
                break
            segment.append(token)
            i += step
        if step < 0:
            segment.reverse()
        if not segment:
            return
        yield coordinated, segment
        if not (0 <= i < n) or (doc[i].text != "," and doc[i].text.lower() not in COORDINATORS):
            return


def conjuncts(head: Token) -> list[Token]:
    """Every conjunct of the noun phrase headed by ``head``, ``head`` included, in text order.

    The parse's ``conj`` relation, completed by the coordination German grammar guarantees: noun phrases
    listed with commas and a final "und"/"sowie"/"oder" next to each other are one coordinated argument
    ("wurden 11 Milizionäre, mindestens fünf Zivilisten, sechs Polizisten und ein Journalist getötet":
    four conjuncts, whichever of them the parser attached to the verb). A list only counts when a
    coordinator joins it, so "in Kabul, der Hauptstadt," is no list.
    """
    found = {head.i: head}
    first = head
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ not in ("VERB", "AUX"):
        first = first.head
    found[first.i] = first
    for token in first.subtree:
        if token.dep_ == "conj" and token.pos_ in NOMINAL_POS | {"ADJ"}:
            found[token.i] = token
    doc = head.doc
    if len(found) > 1 and not any(doc[k].text.lower() in COORDINATORS for k in range(min(found), max(found))):
        # a parse's "conj" with no coordinator between its conjuncts joins a subject and an object over
        # an apposition ("erschlug der Mann, ein Rentner, seine Nichte"): no coordination
        found = {head.i: head}
    lo_np, hi_np = noun_phrase(head)
    listed: list[Token] = []
    coordinated = False
    for step, edge in ((1, hi_np), (-1, lo_np - 1)):
        for joined, segment in _list_segments(doc, edge, step):
            noun = _np_shaped(segment)
            if noun is None:
                break
            listed.append(noun)
            coordinated = coordinated or joined
            if joined and step > 0:
                break  # "…, C und D": D closes the list
    if coordinated:
        for noun in listed:
            found.setdefault(noun.i, noun)
    return sorted(found.values(), key=lambda t: t.i)


def appositions(head: Token) -> list[Token]:
    """Appositions of a noun phrase: "der Sprecher der Zivilschützer, Ahmad X," → the head of "Ahmad X"."""
    return [child for child in head.children if child.dep_ == "appos"]


# relations whose dependents open a clause of their own: they stay outside a phrase's extent
_CLAUSAL_ATTRIBUTES = CLAUSE_RELATIONS | {"advcl", "csubj", "acl", "acl:relcl", "parataxis", "ccomp", "xcomp"}


def phrase_extent(head: Token) -> tuple[int, int]:
    """Token range [start, end) of a noun phrase with everything the phrase names about itself: its
    conjuncts, appositions and attributes, genitive or prepositional; relative and other clauses stay
    outside, and so do punctuation marks at its edges.

    "Der Sprecher der Zivilschützer, Ahmad X, sagte" → "Der Sprecher der Zivilschützer, Ahmad X";
    "Der Betriebsrat und die Geschäftsleitung des Herstellers erklärten" → the whole coordination;
    "Der Bürgermeister von New Orleans, der … war, sagte" → "Der Bürgermeister von New Orleans".
    """
    doc = head.doc
    members = conjuncts(head)
    heads = {member.i for member in members}
    inside: set[int] = set()
    stack = list(members)
    while stack:
        node = stack.pop()
        if node.i in inside:
            continue
        inside.add(node.i)
        for child in node.children:
            if child.dep_ in _CLAUSAL_ATTRIBUTES or (child.dep_ == "conj" and is_verbal(child)):
                continue
            if node.i in heads and child.dep_ in ("case", "advmod", "mark"):
                continue  # "von" of an agent, "auch" of "auch der Experte": not part of the phrase
            stack.append(child)
    for member in members:
        lo, hi = noun_phrase(member)
        inside.update(range(lo, hi))
    lo = hi = head.i
    while lo > 0 and (lo - 1 in inside or _joins(doc[lo - 1]) and lo - 2 in inside):
        lo -= 1
    while hi + 1 < len(doc) and (hi + 1 in inside or _joins(doc[hi + 1]) and hi + 2 in inside):
        hi += 1
    while lo < hi and _edge(doc[lo]):
        lo += 1
    while hi > lo and _edge(doc[hi]):
        hi -= 1
    return lo, hi + 1


def _joins(token: Token) -> bool:
    """A comma or coordinator between two parts of one phrase ("X, Y", "X und Y")."""
    return token.text == "," or token.text.lower() in COORDINATORS


def _edge(token: Token) -> bool:
    """A token that never begins or ends a phrase: punctuation (other than a quote mark) or a coordinator."""
    punct = token.is_punct or token.pos_ == "PUNCT"
    return punct and token.text not in '„“”"»«‚‘’' or token.text.lower() in COORDINATORS


# --- the stage -------------------------------------------------------------------------------------


def _one_sentence(n: int) -> list[bool | int | None]:
    starts: list[bool | int | None] = [True]
    return starts + [False] * (n - 1)


def parse_sentences(batch: list[tuple[list[str], list[bool]]]) -> list[Doc]:
    """Tag, lemmatise and parse the tokens of sentences with the shipped model, each kept one sentence,
    in spaCy's batched ``pipe`` (its tokenizer is not used: the tokens and their offsets stay those of
    ``tokens.v1``)."""
    from spacy.tokens import Doc as SpacyDoc

    from lagebild.nlp.parser import load_parser, set_analysis_norms

    nlp = load_parser()
    docs = [
        set_analysis_norms(SpacyDoc(nlp.vocab, words=words, spaces=spaces, sent_starts=_one_sentence(len(words))))
        if words else SpacyDoc(nlp.vocab, words=[])
        for words, spaces in batch
    ]
    return list(nlp.pipe(docs, batch_size=64))


# What extractors will ask the parse about: a function per consumer that says whether a sentence
# (article offsets) holds its cue (a casualty verb, a speech verb). The parse stage parses these
# sentences in one batch when it runs; any other sentence is still parsed on request.
ParseCue = Callable[[Document, int, int], bool]
_PARSE_CUES: dict[str, ParseCue] = {}


def parse_cue(name: str) -> Callable[[ParseCue], ParseCue]:
    """Register a consumer's cue: sentences it holds in are parsed ahead, in one batch."""

    def register(cue: ParseCue) -> ParseCue:
        _PARSE_CUES[name] = cue
        return cue

    return register


@stage("parse.v1", requires=("nlp", "sentences"), assigns=("syntax",))
def make_parse(ahead: bool = True) -> Callable[[Document], Document]:
    """Lemmas, UPOS/STTS tags, morphology and a UD dependency parse of the sentences extractors ask about
    (their registered cues, in one batch; any other on request)."""
    from lagebild.nlp.parser import load_parser

    load_parser()  # a missing model is an error when the pipeline is built, not on the first sentence

    def parse(doc: Document) -> Document:
        syntax = Syntax(doc, parse_sentences)
        doc.syntax = syntax
        if ahead and _PARSE_CUES:
            cues = list(_PARSE_CUES.values())
            syntax.prefetch(
                i for i, (start, end) in enumerate(doc.sentences) if any(cue(doc, start, end) for cue in cues)
            )
        return doc

    return parse
