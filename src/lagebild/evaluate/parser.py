"""Scores of the shipped German tagger and parser on UD German GSD test, with gold tokens.

The test file is read like the training files (:func:`lagebild.training.parser_train.read_conllu`):
contractions ("am" = an + dem) are one token, as lagebild's tokenizer cuts them, and relation names
are harmonised (``acl`` with a relative pronoun → ``acl:relcl``; ``flat:name`` → ``flat``). The model
gets the gold words and sentences (nothing is re-tokenised) and is scored per token:

* **UPOS** accuracy; **Case** accuracy over the tokens that have Case in gold (the predicted Case must
  be the same value; none counts as wrong); **lemma** accuracy (exact string);
* **UAS** (right head) and **LAS** (right head and relation, subtypes included) over all tokens,
  punctuation included;
* per relation ``r`` (``nsubj``, ``nsubj:pass``, ``obj``, ``obl``, ``obl:agent``, ``conj``, ``appos``):
  recall = of the gold tokens with ``r``, the share with the right head and ``r``; precision = of the
  predicted tokens with ``r``, the share with the right head and ``r`` in gold; their F1.

The **baseline** in the same table attaches every token to its left neighbour (the first token of a
sentence is the root) and labels it with the relation most frequent in the scored gold (root aside);
its UPOS is the most frequent UPOS, its Case the most frequent Case, its lemma the word itself.

Speed: words per CPU second (the process's own CPU time, so other work on a shared machine does not
count) of the whole pipeline (tagger, morphologizer, lemmatizer, parser) over the test sentences on one
thread, beside the words per CPU second of spaCy's blank German tokenizer on the same sentences' text
in the same run.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click

from lagebild.training.parser_train import GSD_TEST, Sentence, Word, read_conllu

RELATIONS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "conj", "appos")


def _case(feats: str) -> str | None:
    for part in feats.split("|"):
        if part.startswith("Case="):
            return part[5:]
    return None


@dataclass
class ParseScores:
    """Counts of one system over gold sentences; the figures are properties."""

    tokens: int = 0
    upos: int = 0
    case_gold: int = 0
    case: int = 0
    lemma: int = 0
    head: int = 0
    labelled: int = 0
    gold_rel: Counter[str] = field(default_factory=Counter)
    pred_rel: Counter[str] = field(default_factory=Counter)
    right_rel: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sentence, predicted: Sentence) -> None:
        if len(gold.words) != len(predicted.words):
            raise ValueError(f"sentence {gold.sent_id}: {len(gold.words)} gold but {len(predicted.words)} predicted tokens")
        for g, p in zip(gold.words, predicted.words, strict=True):
            self.tokens += 1
            self.upos += g.upos == p.upos
            gold_case = _case(g.feats)
            if gold_case is not None:
                self.case_gold += 1
                self.case += _case(p.feats) == gold_case
            self.lemma += g.lemma == p.lemma
            right_head = g.head == p.head
            right = right_head and g.deprel == p.deprel
            self.head += right_head
            self.labelled += right
            self.gold_rel[g.deprel] += 1
            self.pred_rel[p.deprel] += 1
            if right:
                self.right_rel[g.deprel] += 1

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def upos_accuracy(self) -> float:
        return self._share(self.upos, self.tokens)

    @property
    def case_accuracy(self) -> float:
        return self._share(self.case, self.case_gold)

    @property
    def lemma_accuracy(self) -> float:
        return self._share(self.lemma, self.tokens)

    @property
    def uas(self) -> float:
        return self._share(self.head, self.tokens)

    @property
    def las(self) -> float:
        return self._share(self.labelled, self.tokens)

    def relation(self, name: str) -> dict[str, float]:
        """Recall (LAS of the relation), precision and F1 of one relation, and its gold count."""
        recall = self._share(self.right_rel[name], self.gold_rel[name])
        precision = self._share(self.right_rel[name], self.pred_rel[name])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"recall": recall, "precision": precision, "f1": f1, "gold": self.gold_rel[name]}

    def as_dict(self) -> dict[str, Any]:
        return {
            "tokens": self.tokens,
            "upos": round(self.upos_accuracy, 4),
            "case": round(self.case_accuracy, 4),
            "lemma": round(self.lemma_accuracy, 4),
            "uas": round(self.uas, 4),
            "las": round(self.las, 4),
            "relations": {
                name: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.relation(name).items()}
                for name in RELATIONS
            },
        }


def score(gold: Sequence[Sentence], predicted: Sequence[Sentence]) -> ParseScores:
    """Scores of ``predicted`` against ``gold`` (the same sentences with the same tokens)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold but {len(predicted)} predicted sentences")
    scores = ParseScores()
    for g, p in zip(gold, predicted, strict=True):
        scores.add(g, p)
    return scores


def left_neighbour_baseline(gold: Sequence[Sentence]) -> list[Sentence]:
    """Every token attached to the token before it with the most frequent relation (the first is the
    root); the most frequent UPOS and Case; the word itself as lemma."""
    relations = Counter(w.deprel for s in gold for w in s.words if w.deprel != "root")
    upos = Counter(w.upos for s in gold for w in s.words)
    cases = Counter(c for s in gold for w in s.words if (c := _case(w.feats)) is not None)
    relation = relations.most_common(1)[0][0] if relations else "dep"
    tag = upos.most_common(1)[0][0] if upos else "NOUN"
    feats = f"Case={cases.most_common(1)[0][0]}" if cases else "_"
    return [
        Sentence(
            s.sent_id,
            tuple(
                replace(w, lemma=w.form, upos=tag, feats=feats, head=i, deprel="root" if i == 0 else relation)
                for i, w in enumerate(s.words)
            ),
        )
        for s in gold
    ]


def _predicted(sentence: Sentence, doc: Any) -> Sentence:
    words = []
    for token in doc:
        head = 0 if token.head.i == token.i else token.head.i + 1
        deprel = "root" if token.dep_ == "ROOT" else token.dep_
        words.append(
            Word(token.text, token.lemma_, token.pos_, token.tag_, str(token.morph) or "_", head, deprel, bool(token.whitespace_))
        )
    return Sentence(sentence.sent_id, tuple(words))


def run_model(gold: Sequence[Sentence], nlp: Any = None) -> tuple[list[Sentence], float, float]:
    """The analysis of the gold sentences by ``nlp`` (default: the shipped model); words/s of the
    model and of spaCy's blank German tokenizer on the same sentences."""
    import spacy
    from spacy.tokens import Doc

    from lagebild.nlp.parser import load_parser

    nlp = nlp or load_parser()
    docs = []
    for sentence in gold:
        starts: list[bool | int | None] = [i == 0 for i in range(len(sentence.words))]
        words = [w.form for w in sentence.words]
        docs.append(Doc(nlp.vocab, words=words, spaces=[w.space_after for w in sentence.words], sent_starts=starts))
    word_count = sum(len(d) for d in docs)
    texts = [d.text for d in docs]
    blank = spacy.blank("de")
    warm_up = "Bei dem Angriff wurden am Montag drei Soldaten getötet, teilte die Armee mit."
    nlp(warm_up)  # loads the lemma dictionary and allocates the parser's buffers outside the timing
    blank(warm_up)
    started = time.process_time()
    parsed = list(nlp.pipe(docs, batch_size=256))
    model_seconds = time.process_time() - started
    started = time.process_time()
    for text in texts:
        blank.make_doc(text)
    tokenizer_seconds = time.process_time() - started
    predicted = [_predicted(s, d) for s, d in zip(gold, parsed, strict=True)]
    return predicted, word_count / model_seconds, word_count / tokenizer_seconds


def _table(model: ParseScores, baseline: ParseScores) -> str:
    rows = [("UPOS", "upos_accuracy"), ("Case", "case_accuracy"), ("lemma", "lemma_accuracy"), ("UAS", "uas"), ("LAS", "las")]
    lines = [f"{'':<24}{'model':>8}{'baseline':>10}"]
    for label, attr in rows:
        lines.append(f"{label:<24}{getattr(model, attr):>8.3f}{getattr(baseline, attr):>10.3f}")
    lines.append(f"{'relation (gold n)':<24}{'LAS':>8}{'P':>7}{'F1':>7}{'LAS':>10}{'F1':>7}")
    for name in RELATIONS:
        m, b = model.relation(name), baseline.relation(name)
        label = f"{name} ({m['gold']})"
        lines.append(f"{label:<24}{m['recall']:>8.3f}{m['precision']:>7.3f}{m['f1']:>7.3f}{b['recall']:>10.3f}{b['f1']:>7.3f}")
    return "\n".join(lines)


@click.command("eval-parser")
@click.option(
    "--conllu", type=click.Path(path_type=Path), default=Path("../shared/data") / GSD_TEST, show_default=True,
    help="CoNLL-U file to score on (never one the model was trained on)",
)
@click.option("--json", "as_json", is_flag=True, help="print the figures as JSON")
def eval_parser(conllu: Path, as_json: bool) -> None:
    """Score the German tagger, lemmatizer and parser on gold tokens, beside a left-neighbour baseline.

    Example: lagebild eval-parser --conllu ../shared/data/ud_german_gsd/gsd_de_gsd-ud-test.conllu
    """
    gold = read_conllu(conllu)
    predicted, words_per_second, tokenizer_words_per_second = run_model(gold)
    model = score(gold, predicted)
    baseline = score(gold, left_neighbour_baseline(gold))
    if as_json:
        result = {
            "conllu": str(conllu), "sentences": len(gold), "model": model.as_dict(),
            "baseline": baseline.as_dict(), "words_per_second": round(words_per_second),
            "tokenizer_words_per_second": round(tokenizer_words_per_second),
        }  # fmt: skip
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"{conllu}: {len(gold)} sentences, {model.tokens} tokens (gold tokens)")
    click.echo(_table(model, baseline))
    click.echo(
        f"speed: {words_per_second:,.0f} words/s (tagger, morphologizer, lemmatizer, parser; one thread); "
        f"spaCy blank German tokenizer {tokenizer_words_per_second:,.0f} words/s"
    )
