"""The German tagger, morphologizer, lemmatizer and dependency parser that lagebild ships.

The model (``lagebild/models/parser-de``, trained by ``make train-parser`` from UD German GSD dev and
UD German PUD, CC BY-SA 4.0; see docs/nlp.md) is a spaCy pipeline. It never tokenises: callers hand
it the tokens they already have, so tokens and character offsets never move. Three functions:

* :func:`load_parser` — the spaCy ``Language`` (cached; a missing or broken model raises
  :class:`~lagebild.errors.ModelNotFoundError`). Its pipes are ``tok2vec``, ``tagger`` (STTS in
  ``token.tag_``), ``morphologizer`` (UPOS in ``token.pos_``, features in ``token.morph``),
  ``lemmatizer`` (``token.lemma_``) and ``parser`` (UD relations in ``token.dep_``, ``token.head``;
  the root's relation is ``ROOT``, as in every spaCy parse).
* :func:`parse_words` — a new, analysed Doc of ``words`` and ``spaces`` (``sent_starts`` optional).
* :func:`parse_doc` — an analysed copy of a Doc made elsewhere, e.g. by
  :func:`lagebild.nlp.tokens.make_doc`: the same words, spaces, norms and therefore the same
  ``token.idx``/``token.i``; sentence boundaries are taken from ``sentences`` (character spans, as
  :func:`lagebild.nlp.tokens.split_sentences` returns them) or from the Doc when it has them, and the
  parser keeps them (it never attaches across them nor splits inside them).

The copy lives in the model's vocab: the pipes write tag, morphology and relation strings into their
own string store, which a Doc from :func:`lagebild.nlp.tokens.make_doc` (the blank tokenizer's
vocab) does not share, so annotating that Doc in place would leave strings it cannot read back.

Example::

    >>> from lagebild.nlp.parser import parse_words
    >>> doc = parse_words(["Drei", "Soldaten", "wurden", "getötet", "."], [True, True, True, False, False])
    >>> [(t.text, t.dep_, t.head.text) for t in doc][:2]
    [('Drei', 'nummod', 'Soldaten'), ('Soldaten', 'nsubj:pass', 'getötet')]

Lemmas come from a lookup (simplemma's German dictionary) refined by the tagger: it is more accurate
than spaCy's trainable lemmatizer trained on the same treebanks and much faster (docs/nlp.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.errors import ModelNotFoundError

REBUILD = "make train-parser"

# Contractions of a preposition and the definite article (STTS APPRART): their lemma is the preposition.
_CONTRACTION_ENDINGS = ("m", "r", "s", "n")


def model_path() -> Path:
    """The folder of the shipped model."""
    return Path(str(resources.files("lagebild").joinpath("models", "parser-de")))


def contraction_lemma(word: str) -> str:
    """The preposition of a preposition-article contraction (STTS ``APPRART``): "zum"/"zur" → "zu";
    "am", "im", "vom" → "an", "in", "von" (the article's "m" took the place of the "n"); otherwise the
    article's letter is dropped ("beim", "ins", "aufs", "hinterm", "übers").

    >>> [contraction_lemma(w) for w in ("im", "Am", "zum", "zur", "vom", "beim", "ins", "übers")]
    ['in', 'an', 'zu', 'zu', 'von', 'bei', 'in', 'über']
    """
    lower = word.lower()
    if lower in ("zum", "zur"):
        return "zu"
    if lower in ("am", "im", "vom"):
        return lower[:-1] + "n"
    if lower.endswith(_CONTRACTION_ENDINGS) and len(lower) > 2:
        return lower[:-1]
    return lower


def lemma_of(word: str, tag: str, pos: str, sentence_initial: bool = False) -> str:
    """The lemma of one analysed token: the preposition of a contraction, the word itself for numbers
    written in digits and punctuation, otherwise simplemma's German lemma with these corrections by the tags:

    * a verb keeps the standard "ß" after "ie" where the dictionary spells it "ss" ("erschoss" →
      "erschießen", not "erschiessen");
    * an adjective made from a participle keeps the participle ("die bewaffneten Kämpfer" →
      "bewaffnet", not the verb "bewaffnen"), as UD does;
    * a number word is lower-cased, digits and Roman numerals stay ("Drei" → "drei", "III");
    * a noun or name keeps its capital; another word is lower-cased where the dictionary knew it or
      where it starts the sentence ("Dadurch" → "dadurch"), so an unknown name the tagger took for an
      adjective keeps its spelling.

    >>> lemma_of("im", "APPRART", "ADP"), lemma_of("Soldaten", "NN", "NOUN"), lemma_of("wurden", "VAFIN", "AUX")
    ('in', 'Soldat', 'werden')
    >>> lemma_of("bewaffneten", "ADJA", "ADJ"), lemma_of("Jeder", "PIAT", "DET", sentence_initial=True)
    ('bewaffnet', 'jeder')
    """
    if tag == "APPRART":
        return contraction_lemma(word)
    if pos == "NUM" or tag == "CARD":
        return word.lower() if word.isalpha() and not word.isupper() else word  # "Drei" → "drei"; "17", "III" stay
    if pos in ("PUNCT", "SYM", "X") or tag in ("FM", "XY"):
        return word
    lemma = _lookup(word)
    if pos in ("VERB", "AUX") and "iess" in lemma and "iess" not in word.lower():
        lemma = lemma.replace("iess", "ieß")  # the dictionary's Swiss spelling: "erschoss" → "erschießen"
    if pos in ("NOUN", "PROPN") or tag in ("NN", "NE"):
        return lemma[:1].upper() + lemma[1:] if word[:1].isupper() and lemma[:1].islower() else lemma
    if pos == "ADJ" and lemma != word:
        participle = _participle(word.lower(), lemma)
        if participle:
            return participle
    if lemma[:1].isupper() and not word.isupper() and (sentence_initial or lemma != word):
        return lemma[:1].lower() + lemma[1:]
    return lemma


_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e", "")


def _participle(lower: str, lemma: str) -> str | None:
    """The participle an inflected adjective is made of, where simplemma gave its verb: the word less
    its adjective ending, if that ends like a participle (-t, -en, -end) and the verb is an infinitive."""
    if not lemma.endswith("n") or lemma[:1].isupper():
        return None
    for ending in _ADJECTIVE_ENDINGS:
        stem = lower[: len(lower) - len(ending)] if ending else lower
        if ending and not lower.endswith(ending):
            continue
        if stem != lemma and stem.endswith(("t", "en", "end")) and len(stem) > 3:
            return stem
    return None


@lru_cache(maxsize=200_000)
def _lookup(word: str) -> str:
    from simplemma import lemmatize

    return str(lemmatize(word, lang="de"))


def _lemmatizer_component(doc: Any) -> Any:
    """spaCy pipe: ``token.lemma_`` by :func:`lemma_of` from the tag and UPOS set before it."""
    for token in doc:
        token.lemma_ = lemma_of(token.text, token.tag_, token.pos_, bool(token.is_sent_start))
    return doc


def _register_lemmatizer() -> None:
    from spacy.language import Language

    if "lagebild_lemmatizer" not in Language.factories:
        Language.component("lagebild_lemmatizer", func=_lemmatizer_component)


@lru_cache(maxsize=1)
def load_parser() -> Any:
    """The shipped spaCy pipeline with the lemmatizer added (loaded once per process).

    Raises :class:`ModelNotFoundError` when the folder is missing or spaCy cannot read it.
    """
    return load_model(model_path())


def load_model(path: Path) -> Any:
    """A parser model folder as :func:`load_parser` loads the shipped one (not cached)."""
    import spacy

    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(str(path), "the German parser model is missing (no config.cfg)", REBUILD)
    try:
        nlp = spacy.load(path)
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError … for a broken folder
        raise ModelNotFoundError(str(path), f"the German parser model cannot be loaded ({exc})", REBUILD) from exc
    _register_lemmatizer()
    if "trainable_lemmatizer" in nlp.pipe_names:
        nlp.remove_pipe("trainable_lemmatizer")
    nlp.add_pipe("lagebild_lemmatizer", name="lemmatizer", after="morphologizer")
    return nlp


_AGE_NOUN = re.compile(r"\d+-Jährig(e[mnrs]?)?")  # "ein 22-Jähriger", "einen 28-Jährigen"
_ARTICLE_FORMS = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})


@cache
def _number_words() -> frozenset[str]:
    from lagebild.lang.numbers import cardinals

    return frozenset(w for w in cardinals() if w not in _ARTICLE_FORMS)


def analysis_norm(word: str) -> str | None:
    """The word the model reads in place of ``word`` (its ``NORM``), for word classes the two small
    treebanks it is trained on seldom show, else None: a frequent word of the same class. Nominalised
    ages ("ein 22-Jähriger") read as "mann", spelled-out numbers ("dreißig", "siebzehn") as "vier"; an
    age before a noun ("45-jährige") is left alone, the model reads it well enough. The word itself,
    its offsets and its lemma stay as they are."""
    if word[:1].isdigit():
        if _AGE_NOUN.fullmatch(word):
            return "mann"
        return None
    if word.isalpha() and word.lower() in _number_words():
        return "vier"
    return None


def set_analysis_norms(doc: Any) -> Any:
    """``doc`` with :func:`analysis_norm` as the norm of each word that has one and no special norm."""
    for token in doc:
        if token.norm_ == token.lower_ and (norm := analysis_norm(token.text)) is not None:
            token.norm_ = norm
    return doc


def _analyse(doc: Any) -> Any:
    nlp = load_parser()
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return doc


def parse_words(
    words: Sequence[str],
    spaces: Sequence[bool],
    sent_starts: Sequence[bool] | None = None,
    norms: Sequence[str | None] | None = None,
) -> Any:
    """A new Doc of ``words`` (with a trailing space where ``spaces`` says so), tagged and parsed.

    ``sent_starts`` (one flag per word) fixes the sentence boundaries; without it the parser finds them.
    ``norms`` (one per word, None to keep the default) carries a tokenizer's special norms ("z.B." →
    "zum Beispiel"), which the model reads. An empty word list gives an empty Doc.
    """
    from spacy.tokens import Doc

    counts = {len(spaces)} | ({len(sent_starts)} if sent_starts is not None else set())
    counts |= {len(norms)} if norms is not None else set()
    if counts != {len(words)}:
        raise ValueError(
            f"parse_words: {len(words)} words but {sorted(counts)} flags or norms: give one of each per word"
        )
    nlp = load_parser()
    starts: list[bool | int | None] | None = None
    if sent_starts is not None:
        starts = [bool(flag) or i == 0 for i, flag in enumerate(sent_starts)]
    doc = Doc(nlp.vocab, words=list(words), spaces=list(spaces), sent_starts=starts)
    if norms is not None:
        for token, norm in zip(doc, norms, strict=True):
            if norm is not None:
                token.norm_ = norm
    set_analysis_norms(doc)
    return _analyse(doc) if len(doc) else doc


def parse_doc(doc: Any, sentences: Sequence[tuple[int, int]] | None = None) -> Any:
    """An analysed copy of ``doc`` with the same tokens and offsets (see the module docstring).

    ``sentences``: (start, end) character spans; a token starting at a span's start begins a sentence.
    Without them the Doc's own boundaries are kept if it has any, else the parser finds them.
    """
    sent_starts: list[bool] | None = None
    if sentences is not None:
        starts = {start for start, _ in sentences}
        sent_starts = [token.idx in starts for token in doc]
    elif len(doc) and doc.has_annotation("SENT_START"):
        sent_starts = [bool(token.is_sent_start) for token in doc]
    return parse_words(
        [token.text for token in doc],
        [bool(token.whitespace_) for token in doc],
        sent_starts,
        [token.norm_ if token.norm_ != token.lower_ else None for token in doc],
    )
