"""Named entities (PER, ORG, LOC, OTH): a small trained German NER plus a country-name gazetteer.

The shipped model (``lagebild/models/ner-de``, trained by ``make train-ner`` on GermEval 2014, MobIE and
SmartData, see docs/entities.md) is a linear-chain CRF over BIO tags whose features include a German
noun/name lexicon and the gazetteers below (:mod:`lagebild.extract.entities.crf`). It runs on the tokens the
tokens stage already made (no second tokenisation) and is decoded here into spans. A gazetteer of
German country names (babel's CLDR data) adds countries the model missed. A model folder trained as a
spaCy BILUO token classifier (``ner_train --kind cnn``) or a BiLSTM-CRF folder (``ner_neural``, its
``meta.json`` says ``"kind": "bilstm-crf"``; needs the optional ``neural`` extra, see
:mod:`lagebild.extract.entities.neural`) can be used instead, with the same ``model`` option.

Instead of the shipped model, a locally installed spaCy pipeline with an ``ner`` component can be used:
``Pipeline(options={"entities.v1": {"model": "de_core_news_lg"}})`` (a package name or a path). Its
``MISC`` label becomes ``OTH``. Nothing is downloaded: a model that is not installed is a ModelError.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.errors import ModelError
from lagebild.extract.entities.names import country_names, major_places, organisation_names
from lagebild.model import Document, Entity, EntityLabel
from lagebild.pipeline import stage

SHIPPED = "shipped"
LABELS: tuple[EntityLabel, ...] = ("PER", "ORG", "LOC", "OTH")
_FOREIGN_LABELS: dict[str, EntityLabel] = {
    "PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "OTH", "OTH": "OTH",
    "NORP": "OTH", "EVENT": "OTH", "FAC": "LOC", "PRODUCT": "OTH", "WORK_OF_ART": "OTH", "LAW": "OTH",
}  # fmt: skip

Span = tuple[int, int, str]  # (start, end, label) in characters


def shipped_model_path() -> Path:
    return Path(str(resources.files("lagebild").joinpath("models", "ner-de")))


def decode_biluo(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """Entity spans from per-token BILUO tags, repairing what a per-token classifier gets wrong.

    An ``I``/``L`` tag with no open entity of its label opens one; a ``B`` or ``U`` closes the open one;
    an entity left open at an ``O`` or at the end is kept (its tokens were tagged as entity tokens).
    """
    spans: list[Span] = []
    open_label: str | None = None
    open_start = open_end = 0
    for tag, (start, end) in zip(tags, offsets, strict=True):
        move, _, label = tag.partition("-")
        if move == "O" or not label:
            if open_label is not None:
                spans.append((open_start, open_end, open_label))
                open_label = None
            continue
        continues = move in ("I", "L") and open_label == label
        if not continues:
            if open_label is not None:
                spans.append((open_start, open_end, open_label))
            open_label, open_start = label, start
        open_end = end
        if move in ("L", "U"):
            spans.append((open_start, open_end, label))
            open_label = None
    if open_label is not None:
        spans.append((open_start, open_end, open_label))
    return spans


def join_adjacent(spans: Sequence[Span], labels: tuple[str, ...] = ("PER", "ORG")) -> list[Span]:
    """Join two spans of the same label that only one space separates ("Staffan de" + "Mistura"): the
    classifier often breaks a name at a lower-case particle or an unseen word. PER and ORG only: two
    places side by side are more often two places."""
    joined: list[Span] = []
    for span in spans:
        if joined and joined[-1][2] == span[2] and span[2] in labels and span[0] - joined[-1][1] <= 1:
            joined[-1] = (joined[-1][0], span[1], span[2])
        else:
            joined.append(span)
    return joined


def token_offsets(doc: Any) -> list[tuple[int, int]]:
    """(start, end) character offsets of a spaCy Doc's tokens, read in one array (no Token objects)."""
    from spacy.attrs import IDX, LENGTH

    return [(start, start + length) for start, length in doc.to_array([IDX, LENGTH]).tolist()]


_SEQUENCE_KINDS = frozenset(("crf", "neural"))  # taggers of token sequences, one sentence at a time


@dataclass
class NerModel:
    """A loaded NER: the shipped BILUO classifier or a foreign spaCy pipeline with an ``ner`` pipe."""

    name: str
    nlp: Any  # spacy.Language
    kind: str  # "crf" | "neural" | "biluo" | "spacy-ner"
    crf: Any = None  # the sequence tagger (CrfTagger, or neural.NeuralTagger) when kind is "crf"/"neural"

    def make_doc(self, text: str) -> Any:
        return self.nlp.make_doc(text)

    def spans(
        self,
        text: str,
        doc: Any | None = None,
        sentences: Sequence[tuple[int, int]] | None = None,
        offsets: Sequence[tuple[int, int]] | None = None,
    ) -> list[Span]:
        """Entity spans in ``text``; ``doc`` (optional) is a spaCy Doc over the same text, whose tokens are
        reused; ``sentences`` (optional) are its sentences as character spans (the tokens stage's
        ``Document.sentences``; found with :func:`lagebild.nlp.tokens.split_sentences` when not given).
        ``offsets`` (optional) are the Doc's token offsets (:func:`token_offsets`). The shipped CRF tags
        each sentence as a sequence of its own, as it was trained."""
        if self.kind == "spacy-ner":
            parsed = self.nlp(text)
            found: list[Span] = []
            for ent in parsed.ents:
                label = _FOREIGN_LABELS.get(ent.label_)
                if label is not None:
                    found.append((ent.start_char, ent.end_char, label))
            return found
        if doc is None:
            doc = self.nlp.make_doc(text)
        if len(doc) == 0:
            return []
        if self.kind in _SEQUENCE_KINDS:
            from lagebild.nlp.tokens import split_sentences

            if not sentences:
                sentences = split_sentences(text)
            return self._crf_spans(text, [offsets or token_offsets(doc)], [sentences])[0]
        return self.spans_batch([doc])[0]

    def _crf_spans(
        self,
        text: str,
        offsets: Sequence[Sequence[tuple[int, int]]],
        sentences: Sequence[Sequence[tuple[int, int]]],
    ) -> list[list[Span]]:
        """CRF spans of several token lists over ``text`` (each with its token offsets and sentences)."""
        groups: list[list[tuple[int, int]]] = []  # the token offsets of each sentence, in order
        owners: list[int] = []  # the token list each sentence belongs to
        for owner, (tokens, bounds) in enumerate(zip(offsets, sentences, strict=True)):
            i = 0
            for start, end in bounds:
                while i < len(tokens) and tokens[i][0] < start:
                    i += 1  # tokens between sentences (whitespace) stay outside any entity
                group = []
                while i < len(tokens) and tokens[i][0] < end:
                    group.append(tokens[i])
                    i += 1
                if group:
                    groups.append(group)
                    owners.append(owner)
        tagged = self.crf.tag_sentences([[text[s:e] for s, e in group] for group in groups])
        results: list[list[Span]] = [[] for _ in offsets]
        for owner, group, tags in zip(owners, groups, tagged, strict=True):
            results[owner].extend(decode_biluo(tags, group))
        return [join_adjacent(spans) for spans in results]

    def spans_batch(self, docs: Sequence[Any]) -> list[list[Span]]:
        """Entity spans for several tokenised Docs at once (one matrix pass; faster for many short docs).
        The shipped CRF takes each Doc as one sentence."""
        if self.kind == "spacy-ner":
            return [self.spans(doc.text) for doc in docs]
        if self.kind in _SEQUENCE_KINDS:  # the texts side by side, so that one batched pass tags them all
            texts = [doc.text for doc in docs]
            offsets: list[list[tuple[int, int]]] = []
            sentences: list[list[tuple[int, int]]] = []
            bases: list[int] = []
            base = 0
            for doc, doc_text in zip(docs, texts, strict=True):
                offsets.append([(base + s, base + e) for s, e in token_offsets(doc)])
                sentences.append([(base, base + len(doc_text))])
                bases.append(base)
                base += len(doc_text)
            found = self._crf_spans("".join(texts), offsets, sentences)
            return [
                [(s - b, e - b, label) for s, e, label in spans]
                for spans, b in zip(found, bases, strict=True)
            ]
        tagger = self.nlp.get_pipe("tagger")
        present = [doc for doc in docs if len(doc)]
        scores = tagger.model.predict(present) if present else []
        labels = tagger.labels
        results: list[list[Span]] = []
        it = iter(scores)
        for doc in docs:
            if not len(doc):
                results.append([])
                continue
            best = next(it).argmax(axis=1)
            tags = [labels[i] for i in best.tolist()]
            results.append(join_adjacent(decode_biluo(tags, token_offsets(doc))))
        return results


def _fast_ops() -> Any:
    """thinc's NumPy ops with matrix products done by NumPy's BLAS (faster than blis on many CPUs)."""
    import numpy
    from thinc.api import NumpyOps

    class _BlasNumpyOps(NumpyOps):  # type: ignore[misc]
        name = "numpy"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            left = x.T if trans1 else x
            right = y.T if trans2 else y
            if out is None:
                return numpy.matmul(left, right)
            numpy.matmul(left, right, out=out)
            return out

    return _BlasNumpyOps()


@cache
def load_model(model: str = SHIPPED) -> NerModel:
    """Load the shipped NER (``"shipped"``), a model folder trained like it, or an installed spaCy
    pipeline with an ``ner`` component (package name or path)."""
    import spacy
    from thinc.api import get_current_ops, set_current_ops

    from lagebild.extract.entities.crf import MODEL_FILE, CrfTagger

    path = shipped_model_path() if model == SHIPPED else Path(model)
    from lagebild.extract.entities.neural import is_neural_model

    if is_neural_model(path):  # a BiLSTM-CRF folder (ner_neural): needs torch, the optional extra
        from lagebild.extract.entities.neural import NeuralTagger
        from lagebild.nlp.tokens import blank_german

        return NerModel(model, blank_german(), "neural", NeuralTagger(path))
    if (path / MODEL_FILE).is_file():
        from lagebild.nlp.tokens import blank_german

        try:
            crf = CrfTagger(path)
        except Exception as exc:  # a broken model file: say which and why
            raise ModelError(f"the CRF NER model {model!r} cannot be loaded: {exc}") from exc
        return NerModel(model, blank_german(), "crf", crf)
    if model == SHIPPED and not (path / "config.cfg").is_file():
        raise ModelError(
            f"the shipped NER model is missing at {path}; reinstall lagebild or rebuild it with `make train-ner`"
        )
    previous = get_current_ops()
    set_current_ops(_fast_ops())
    try:
        nlp = spacy.load(path if (path / "config.cfg").is_file() else model)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed (nothing is downloaded at run time); install it "
            f"with pip, give a path to a model folder, or use the shipped model ({exc})"
        ) from exc
    except Exception as exc:  # a broken model folder: say which and why
        raise ModelError(f"the NER model {model!r} cannot be loaded: {exc}") from exc
    finally:
        set_current_ops(previous)
    if "ner" in nlp.pipe_names:
        for name in nlp.pipe_names:
            if name not in ("ner", "tok2vec", "transformer"):
                nlp.disable_pipe(name)
        return NerModel(model, nlp, "spacy-ner")
    tagger: Any = nlp.get_pipe("tagger") if "tagger" in nlp.pipe_names else None
    if tagger is not None and any(label.startswith("U-") for label in tagger.labels):
        return NerModel(model, nlp, "biluo")
    raise ModelError(
        f"spaCy pipeline {model!r} has neither an 'ner' component nor BILUO tags (pipes: {nlp.pipe_names})"
    )


# --- Gazetteer and rules -------------------------------------------------------------------------------
# The name lists (countries and regions, organisations and armed groups, major places) live in
# lagebild.extract.entities.names, which the CRF's features read too.


@cache
def _name_index() -> tuple[dict[str, str], frozenset[str], int]:
    """Gazetteer names with their label, the first tokens of the names, and the most tokens a name has."""
    from lagebild.nlp.tokens import blank_german

    labelled = {name: "ORG" for name in organisation_names()}
    labelled.update({name: "LOC" for name in country_names()})
    tokenizer = blank_german().tokenizer
    first: set[str] = set()
    longest = 1
    for name in labelled:
        tokens = tokenizer(name)
        first.add(tokens[0].text)
        longest = max(longest, len(tokens))
    return labelled, frozenset(first), longest


def gazetteer_spans(
    doc: Any, text: str | None = None, offsets: Sequence[tuple[int, int]] | None = None
) -> list[Span]:
    """Country/region names (LOC) and actor names (ORG) among the tokens of a spaCy Doc, longest first.
    ``text`` is the Doc's text when the caller has it (``Doc.text`` joins the tokens on every access),
    ``offsets`` its tokens' character offsets (:func:`token_offsets`) when the caller has them."""
    names, first_tokens, longest = _name_index()
    if text is None:
        text = doc.text
    tokens = token_offsets(doc) if offsets is None else offsets
    found: list[Span] = []
    i = 0
    count = len(tokens)
    while i < count:
        start, end = tokens[i]
        if text[start:end] not in first_tokens:
            i += 1
            continue
        for width in range(min(longest, count - i), 0, -1):
            end = tokens[i + width - 1][1]
            label = names.get(text[start:end])
            if label:
                found.append((start, end, label))
                i += width - 1
                break
        i += 1
    return found


def relabel_places(text: str, spans: Iterable[Span]) -> list[Span]:
    """A one-word PER/ORG/OTH span that names a major place ("Aleppo", genitive "Aleppos") becomes LOC."""
    places = major_places()
    result = []
    for start, end, label in spans:
        surface = text[start:end]
        if label != "LOC" and " " not in surface and "-" not in surface:
            lower = surface.lower()
            if lower in places or (lower.endswith("s") and lower[:-1] in places):
                label = "LOC"
        result.append((start, end, label))
    return result


def merge_spans(model_spans: Iterable[Span], gazetteer: Iterable[Span]) -> list[tuple[int, int, str, str]]:
    """Combine model and gazetteer spans, each with its source. A gazetteer span (an exact dictionary
    name) replaces the model spans it overlaps ("Vereinten Nationen" over a model's "Vereinten Nationen
    forderten"), except one that starts before it and covers it ("Bank of England" keeps "England")."""
    merged = [(s, e, label, "ner") for s, e, label in model_spans]
    for s, e, label in gazetteer:
        overlapping = [m for m in merged if m[0] < e and s < m[1]]
        if any(m[0] < s and e <= m[1] for m in overlapping):
            continue
        merged = [m for m in merged if m not in overlapping]
        merged.append((s, e, label, "gazetteer"))
    return sorted(merged)


@stage("entities.v1", uses=("nlp", "sentences"), assigns=("entities",))
def entities_stage(model: str = SHIPPED, gazetteer: bool = True) -> Any:
    """Trained German NER + gazetteer of countries, regions and armed groups (entities)."""
    ner = load_model(model)

    def entities(doc: Document) -> Document:
        text = doc.article.text
        # the tokens stage's Doc is made from the article text; without that stage, tokenise here
        spacy_doc = doc.nlp if doc.nlp is not None else ner.make_doc(text)
        offsets = token_offsets(spacy_doc)
        found = ner.spans(text, spacy_doc, doc.sentences, offsets)
        if gazetteer:
            found = relabel_places(text, found)
        extra = gazetteer_spans(spacy_doc, text, offsets) if gazetteer else []
        doc.entities = [
            Entity(doc.id, start, end, text[start:end], label, source)  # type: ignore[arg-type]
            for start, end, label, source in merge_spans(found, extra)
            if label in LABELS and text[start:end].strip()
        ]
        return doc

    return entities
