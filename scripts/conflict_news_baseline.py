"""Figures and events of the hand-labelled conflict reports, in the parts analysts ask about.

``lagebild eval`` counts a figure right only when value, category and claimant are all right. This
script runs the same pipeline and the same matching (:mod:`lagebild.evaluate.gold`) and splits that up:
figures found (span), found with the right value and category, and of those the claimant right; events
found (type and place) with their precision, right (sub-type and date too), and the checks that a
historical incident is not reported as current. It prints counts only, never the misses, so that it can
be run on the blind half.

Run:  .venv/bin/python scripts/conflict_news_baseline.py tests/data/gold/conflict_news.blind.gold.json \\
          --data ../shared/data
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from lagebild.evaluate.gold import Score, _figure_right, _match_spans, load_gold, score_events  # noqa: E402
from lagebild.pipeline import Pipeline, default_pipeline  # noqa: E402
from lagebild.serialize import document_to_dict  # noqa: E402

VALUE = ("low", "high", "approx", "category")


def measure(gold_path: Path, data: Path | None, roles: str = "grammar") -> dict[str, int]:
    """Counts over all documents of one gold file (``roles``: how figures read the parse)."""
    analyse = default_pipeline() if roles == "grammar" else Pipeline(options={"figures.v1": {"roles": roles}})
    counts = {"docs": 0, "value_category": 0, "claimant": 0}
    figures, events, historical = Score("figures"), Score("events"), Score("historical")

    def right(pred: dict[str, Any], gold: dict[str, Any]) -> str | None:
        if all(pred.get(attr) == gold.get(attr) for attr in VALUE):
            counts["value_category"] += 1
            if _figure_right(pred, gold) is None:
                counts["claimant"] += 1
        return _figure_right(pred, gold)

    for doc in load_gold(gold_path, data):
        counts["docs"] += 1
        result = document_to_dict(analyse(doc.article()))
        _match_spans(doc.text, result["figures"], doc.gold.get("figures", []), figures, "figure", "text", right)
        current = [e for e in doc.gold.get("events", []) if e.get("type") != "historical"]
        past = [e for e in doc.gold.get("events", []) if e.get("type") == "historical"]
        score_events(result, current, doc.published, events)
        for entry in past:
            check = Score("historical")
            score_events(result, [entry], doc.published, check)
            historical.gold += 1
            historical.right += check.right
    counts.update({
        "figures_gold": figures.gold, "figures_predicted": figures.predicted, "figures_found": figures.found,
        "figures_right": figures.right, "events_gold": events.gold, "events_predicted": events.predicted,
        "events_found": events.found, "events_right": events.right,
        "historical": historical.gold, "historical_kept": historical.right,
    })
    return counts


def report(name: str, c: dict[str, int]) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.3f}" if whole else "-"

    return (
        f"{name}: {c['docs']} articles\n"
        f"  figures  gold {c['figures_gold']}, predicted {c['figures_predicted']}; found {c['figures_found']} "
        f"({share(c['figures_found'], c['figures_gold'])}); value+category right {c['value_category']} "
        f"({share(c['value_category'], c['figures_gold'])}); and claimant right {c['claimant']} "
        f"({share(c['claimant'], c['figures_gold'])}); claimant right among value+category right "
        f"{share(c['claimant'], c['value_category'])}; precision (found) "
        f"{share(c['figures_found'], c['figures_predicted'])}\n"
        f"  events   gold {c['events_gold']}, predicted {c['events_predicted']}; found {c['events_found']} "
        f"({share(c['events_found'], c['events_gold'])}); precision {share(c['events_found'], c['events_predicted'])}; "
        f"sub-type and date right {c['events_right']} ({share(c['events_right'], c['events_gold'])})\n"
        f"  historical incidents not reported as current: {c['historical_kept']} of {c['historical']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: found as eval does)")
    parser.add_argument(
        "--figure-roles", choices=("grammar", "parse", "none"), default="grammar",
        help="how figures read the parse: the grammar rules over it (default), its relations alone, not at all",
    )
    args = parser.parse_args()
    for gold_path in args.gold:
        print(report(gold_path.name, measure(gold_path, args.data, args.figure_roles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
