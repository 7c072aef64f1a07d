"""Named entities (PER, ORG, LOC, OTH): a small trained German NER plus a country-name gazetteer.

The shipped model (``lagebild/models/ner-de``, trained by ``make train-ner`` on GermEval 2014, MobIE and
SmartData, see docs/entities.md) is a spaCy token classifier over BILUO tags on a hash-embedding CNN. It
runs on the tokens the tokens stage already made (no second tokenisation) and is decoded here into
spans. A gazetteer of German country names (babel's CLDR data) adds countries the model missed.

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


@dataclass
class NerModel:
    """A loaded NER: the shipped BILUO classifier or a foreign spaCy pipeline with an ``ner`` pipe."""

    name: str
    nlp: Any  # spacy.Language
    kind: str  # "biluo" | "spacy-ner"

    def make_doc(self, text: str) -> Any:
        return self.nlp.make_doc(text)

    def spans(self, text: str, doc: Any | None = None) -> list[Span]:
        """Entity spans in ``text``; ``doc`` is a spaCy Doc over the same text to reuse its tokens."""
        if self.kind == "spacy-ner":
            parsed = self.nlp(text)
            found: list[Span] = []
            for ent in parsed.ents:
                label = _FOREIGN_LABELS.get(ent.label_)
                if label is not None:
                    found.append((ent.start_char, ent.end_char, label))
            return found
        if doc is None or len(doc) == 0 or doc.text != text:
            doc = self.nlp.make_doc(text)
        if len(doc) == 0:
            return []
        return self.spans_batch([doc])[0]

    def spans_batch(self, docs: Sequence[Any]) -> list[list[Span]]:
        """Entity spans for several tokenised Docs at once (one matrix pass; faster for many short docs)."""
        if self.kind == "spacy-ner":
            return [self.spans(doc.text) for doc in docs]
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
            tags = [labels[int(i)] for i in best]
            offsets = [(t.idx, t.idx + len(t.text)) for t in doc]
            results.append(decode_biluo(tags, offsets))
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

    path = shipped_model_path() if model == SHIPPED else Path(model)
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
    raise ModelError(f"spaCy pipeline {model!r} has neither an 'ner' component nor BILUO tags (pipes: {nlp.pipe_names})")


# --- Gazetteer: German country names -----------------------------------------------------------------


@cache
def country_names() -> frozenset[str]:
    """German names of countries and territories from babel's CLDR data, plus their genitive in -s."""
    from babel import Locale

    names: set[str] = set()
    for code, name in Locale("de").territories.items():
        if not code.isalpha() or len(name) < 3:
            continue  # numeric codes are regions of the world ("Westafrika" stays a name, "001" not)
        names.add(name)
        if not name.endswith(("s", "z", "x")) and " " not in name:
            names.add(name + "s")
    for short in ("USA", "UdSSR", "EU", "DDR", "BRD"):
        names.add(short)
    return frozenset(n for n in names if "(" not in n and "," not in n)


def gazetteer_spans(doc: Any) -> list[Span]:
    """Country names among the tokens of a spaCy Doc (single or multi-token names, longest first)."""
    names = country_names()
    tokens = list(doc)
    found: list[Span] = []
    i = 0
    while i < len(tokens):
        matched = False
        for width in (4, 3, 2, 1):
            if i + width > len(tokens):
                continue
            start = tokens[i].idx
            last = tokens[i + width - 1]
            end = last.idx + len(last.text)
            if doc.text[start:end] in names and tokens[i].text[:1].isupper():
                found.append((start, end, "LOC"))
                i += width
                matched = True
                break
        if not matched:
            i += 1
    return found


def merge_spans(model_spans: Iterable[Span], gazetteer: Iterable[Span]) -> list[tuple[int, int, str, str]]:
    """Model spans, plus gazetteer spans that overlap none of them; sorted, with their source."""
    merged = [(s, e, label, "ner") for s, e, label in model_spans]
    for s, e, label in gazetteer:
        if all(e <= ms or s >= me for ms, me, *_ in merged):
            merged.append((s, e, label, "gazetteer"))
    return sorted(merged)


@stage("entities.v1", requires=(), assigns=("entities",))
def entities_stage(model: str = SHIPPED, gazetteer: bool = True) -> Any:
    """Trained German NER + country-name gazetteer (entities)."""
    ner = load_model(model)

    def entities(doc: Document) -> Document:
        text = doc.article.text
        spacy_doc = doc.nlp if doc.nlp is not None and getattr(doc.nlp, "text", None) == text else None
        if spacy_doc is None:
            spacy_doc = ner.make_doc(text)
        found = ner.spans(text, spacy_doc)
        extra = gazetteer_spans(spacy_doc) if gazetteer else []
        doc.entities = [
            Entity(doc.id, start, end, text[start:end], label, source)  # type: ignore[arg-type]
            for start, end, label, source in merge_spans(found, extra)
            if label in LABELS and text[start:end].strip()
        ]
        return doc

    return entities
