"""Quote and speaker scores on GermEval 2023 SpkAtt task 2 (German Wikinews, CC BY-NC-SA: evaluation only).

The corpus gives tokens per sentence and annotations as ``sentence:token`` ids. :func:`load_article`
rebuilds a plain text from the tokens (no space before closing punctuation, none after opening quote
marks) and maps every token to its character span, so gold messages and sources become character spans
over the same text the pipeline reads. Only top-level annotations (``IsNested`` false) count, as in the
shared task's subtask 2.

Scores, micro-averaged over articles:

* **message** precision/recall/F1: a predicted quote matches a gold message one-to-one, *exact* when
  both cover the same word tokens (punctuation and quote marks ignored), *overlap* when they share one.
* **speaker** precision/recall/F1: a predicted quote with a speaker is right when its message overlaps a
  gold message whose source it matches (exactly, or by overlap); recall counts gold messages that have a
  source.

Articles are split by a hash of their file name into a tuning part (80 %) and a held-out part (20 %), so
rules tuned on one are measured on the other.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.errors import InputError
from lagebild.model import Article, Document, Quote

_NO_SPACE_BEFORE = set(",.;:!?)]}“”«%…")
_NO_SPACE_AFTER = set("([{„»")
_PUNCT = set(",.;:!?()[]{}„“”\"»«‚‘’'–—-…")


@dataclass
class GoldArticle:
    name: str
    text: str
    tokens: list[tuple[int, int]]  # character span of each token, in reading order
    messages: list[tuple[frozenset[int], frozenset[int]]]  # (message token ids, source token ids)


def rebuild_text(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Text from tokens and the character span of every token (per sentence)."""
    parts: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    length = 0
    open_straight = False
    prev = ""
    for sentence in sentences:
        row: list[tuple[int, int]] = []
        for token in sentence:
            space = bool(parts)
            if token in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
                space = False
            if token == '"':
                if open_straight:
                    space = False
                open_straight = not open_straight
            elif prev == '"' and open_straight:
                space = False
            if space:
                parts.append(" ")
                length += 1
            row.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            prev = token
        spans.append(row)
    return "".join(parts), spans


def load_article(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sentences = [s["Tokens"] for s in data["Sentences"]]
        annotations = data["Annotations"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a SpkAtt task-2 JSON file ({exc})") from exc
    text, spans = rebuild_text(sentences)
    flat: list[tuple[int, int]] = []
    index: dict[tuple[int, int], int] = {}
    for s, row in enumerate(spans):
        for t, span in enumerate(row):
            index[(s, t)] = len(flat)
            flat.append(span)

    def ids(refs: Iterable[str]) -> frozenset[int]:
        result = set()
        for ref in refs:
            s, _, t = ref.partition(":")
            key = (int(s), int(t))
            if key in index and text[flat[index[key]][0] : flat[index[key]][1]] not in _PUNCT:
                result.add(index[key])
        return frozenset(result)

    messages = [
        (ids(a.get("Message", [])), ids(a.get("Source", [])))
        for a in annotations
        if not a.get("IsNested") and a.get("Message")
    ]
    return GoldArticle(path.name, text, flat, [m for m in messages if m[0]])


def _covered(tokens: list[tuple[int, int]], start: int, end: int) -> frozenset[int]:
    """Word tokens inside the character span [start, end)."""
    return frozenset(i for i, (s, e) in enumerate(tokens) if start <= s and e <= end)


@dataclass
class PRF:
    tp_exact: int = 0
    tp_overlap: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self, exact: bool) -> tuple[float, float, float]:
        tp = self.tp_exact if exact else self.tp_overlap
        p = tp / self.predicted if self.predicted else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"predicted": self.predicted, "gold": self.gold}
        for name, exact in (("exact", True), ("overlap", False)):
            p, r, f = self.scores(exact)
            out.update(
                {
                    f"{name}_p": round(100 * p, 1),
                    f"{name}_r": round(100 * r, 1),
                    f"{name}_f1": round(100 * f, 1),
                }
            )
        return out


@dataclass
class SpkAttScore:
    articles: int = 0
    message: PRF = field(default_factory=PRF)
    speaker: PRF = field(default_factory=PRF)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "message": self.message.as_dict(),
            "speaker": self.speaker.as_dict(),
            "ms_per_article": round(1000 * self.seconds / self.articles, 2) if self.articles else 0.0,
        }


def _words(tokens: list[tuple[int, int]], text: str, ids: frozenset[int]) -> frozenset[int]:
    return frozenset(i for i in ids if text[tokens[i][0] : tokens[i][1]] not in _PUNCT)


def _nested(quote: Quote, quotes: list[Quote]) -> bool:
    """A quote inside another one (a partial quote within indirect speech): not top-level, like gold ``IsNested``."""
    return any(
        o.start <= quote.start and quote.end <= o.end and (o.start, o.end) != (quote.start, quote.end)
        for o in quotes
    )


def score_article(gold: GoldArticle, doc: Document, score: SpkAttScore) -> None:
    text, tokens = gold.text, gold.tokens
    predicted = [(_words(tokens, text, _covered(tokens, q.start, q.end)), q) for q in doc.quotes]
    predicted = [(ids, q) for ids, q in predicted if ids and not _nested(q, doc.quotes)]
    score.articles += 1
    score.message.predicted += len(predicted)
    score.message.gold += len(gold.messages)
    score.speaker.predicted += sum(1 for _, q in predicted if q.speaker)
    score.speaker.gold += sum(1 for _, source in gold.messages if source)
    used_exact: set[int] = set()
    used_overlap: set[int] = set()
    for ids, quote in predicted:
        exact = next((g for g, (m, _) in enumerate(gold.messages) if g not in used_exact and m == ids), None)
        if exact is not None:
            used_exact.add(exact)
            score.message.tp_exact += 1
        overlapping = [g for g, (m, _) in enumerate(gold.messages) if g not in used_overlap and m & ids]
        if not overlapping:
            continue
        best = max(overlapping, key=lambda g: len(gold.messages[g][0] & ids))
        used_overlap.add(best)
        score.message.tp_overlap += 1
        source = gold.messages[best][1]
        if quote.speaker and source:
            said = _words(tokens, text, _covered(tokens, quote.speaker.start, quote.speaker.end))
            score.speaker.tp_exact += said == source
            score.speaker.tp_overlap += bool(said & source)


def split_of(name: str) -> str:
    """The part of a file: "heldout" for one file in five (by a hash of its name), else "tuning"."""
    return "heldout" if int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "tuning"


def evaluate(
    directory: Path, limit: int | None = None, entities: bool = False, parse: bool = True
) -> dict[str, SpkAttScore]:
    """Run the quotes stage on every article of ``directory`` (its ``*.json``) and score both parts.

    With ``parse`` the parse stage runs first (speakers as subjects and agents of speech verbs; only
    sentences with a speech cue are parsed); with ``entities`` the entities stage too (person and
    organisation names for pronouns and cue-less speakers).
    """
    from lagebild.pipeline import Pipeline

    stages = ("tokens.v1",) + (("parse.v1",) if parse else ()) + (("entities.v1",) if entities else ())
    pipeline = Pipeline(stages=(*stages, "quotes.v1"))
    files = sorted(directory.glob("*.json"))
    if not files:
        raise InputError(str(directory), "no SpkAtt *.json files here; pass the task2 folder")
    scores = {"tuning": SpkAttScore(), "heldout": SpkAttScore()}
    for path in files[:limit] if limit else files:
        gold = load_article(path)
        started = time.perf_counter()
        doc = pipeline(Article(text=gold.text, id=path.stem[:16]))
        part = scores[split_of(path.name)]
        part.seconds += time.perf_counter() - started
        score_article(gold, doc, part)
    return scores


def format_scores(scores: dict[str, SpkAttScore]) -> str:
    lines = [
        f"{'part':<8} {'docs':>5}  {'measure':<8} {'P':>5} {'R':>5} {'F1':>5}   {'P':>5} {'R':>5} {'F1':>5}   ms/doc",
        f"{'':<8} {'':>5}  {'':<8} {'---- exact ----':>17}   {'--- overlap ---':>17}",
    ]
    for part, score in scores.items():
        for measure, prf in (("message", score.message), ("speaker", score.speaker)):
            ep, er, ef = prf.scores(True)
            op, orr, of = prf.scores(False)
            ms = 1000 * score.seconds / score.articles if score.articles else 0.0
            lines.append(
                f"{part:<8} {score.articles:>5}  {measure:<8} {100 * ep:>5.1f} {100 * er:>5.1f} {100 * ef:>5.1f}   "
                f"{100 * op:>5.1f} {100 * orr:>5.1f} {100 * of:>5.1f}   {ms:.2f}"
            )
    return "\n".join(lines)


@click.command("eval-quotes")
@click.option(
    "--spkatt",
    "spkatt_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/data/spkatt2023_news/train/task2"),
    show_default=True,
    help="Folder of SpkAtt task-2 JSON files.",
)
@click.option(
    "--ud",
    "ud_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also score Konjunktiv detection against the UD German GSD .conllu files in this folder.",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--entities", is_flag=True, help="Run the entities stage before the quotes stage.")
@click.option(
    "--parse/--no-parse",
    default=True,
    show_default=True,
    help="Run the parse stage before the quotes stage (speakers from the parse; --no-parse: rules only).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_quotes(
    spkatt_dir: Path, ud_dir: Path | None, limit: int | None, entities: bool, parse: bool, as_json: bool
) -> None:
    """Score quote and speaker finding on SpkAtt 2023 news (tuning and held-out parts).

    \b
    Example:
      lagebild eval-quotes --spkatt ../shared/data/spkatt2023_news/train/task2 --ud ../shared/data/ud_german_gsd
    """
    scores = evaluate(spkatt_dir, limit, entities, parse)
    result: dict[str, Any] = {part: s.as_dict() for part, s in scores.items()}
    if ud_dir is not None:
        from lagebild.nlp.morph import score_conllu

        mood = score_conllu(sorted(ud_dir.glob("*.conllu")))
        result["konjunktiv"] = {
            "precision": round(100 * mood.precision, 1),
            "recall": round(100 * mood.recall, 1),
            "f1": round(100 * mood.f1, 1),
            "finite_accuracy": round(100 * mood.finite_accuracy, 1),
            "gold": mood.gold,
            "finite_verbs": mood.finite,
        }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(format_scores(scores))
    if "konjunktiv" in result:
        k = result["konjunktiv"]
        click.echo(
            f"Konjunktiv (UD Mood=Sub, {k['gold']} gold): P {k['precision']} R {k['recall']} F1 {k['f1']}; "
            f"mood right on {k['finite_accuracy']} % of {k['finite_verbs']} finite verbs"
        )
