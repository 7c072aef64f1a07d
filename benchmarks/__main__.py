"""``python -m benchmarks [--short] [--out FILE] [--section NAME ...]``: run, print and save the figures.

Every section runs in a fresh Python process (its peak memory is its own); a section that fails is
reported with its error and the others still run. Exit status 1 when a section failed.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.sections import REPO, SECTIONS


def run_section(name: str, short: bool, timeout: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks", "--one", name] + (["--short"] if short else [])
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": " | ".join(tail) or f"exit status {done.returncode}"}
    figures: dict[str, Any] = json.loads(lines[-1])
    figures["wall_s"] = time.perf_counter() - started
    return figures


def format_figures(results: dict[str, dict[str, Any]]) -> str:
    out = []
    for section, figures in results.items():
        out.append(f"== {section}")
        for key, value in figures.items():
            if isinstance(value, float):
                shown = f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"
            elif isinstance(value, list | dict):
                shown = json.dumps(value, ensure_ascii=False)
            else:
                shown = str(value)
            out.append(f"  {key:<44} {shown}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--short", action="store_true", help="small inputs (CI): seconds instead of minutes")
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write (default bench-results/bench.json)")
    parser.add_argument("--section", action="append", choices=sorted(SECTIONS), help="run only these sections")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per section")
    parser.add_argument("--one", choices=sorted(SECTIONS), help=argparse.SUPPRESS)  # a section in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(SECTIONS[args.one](args.short), ensure_ascii=False))
        return 0
    results: dict[str, dict[str, Any]] = {}
    for name in args.section or list(SECTIONS):
        print(f"running {name}{' (short)' if args.short else ''} …", file=sys.stderr, flush=True)
        results[name] = run_section(name, args.short, args.timeout)
    print(format_figures(results))
    report = {
        "short": args.short, "python": platform.python_version(), "machine": platform.machine(),
        "cpu": platform.processor() or platform.machine(), "date": time.strftime("%Y-%m-%d %H:%M"),
        "results": results,
    }
    out = args.out or REPO / "bench-results" / ("bench-short.json" if args.short else "bench.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 1 if any("error" in figures for figures in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
