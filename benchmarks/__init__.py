"""Benchmarks of lagebild: ``python -m benchmarks [--short] [--out bench-results/bench.json]``.

Each section runs in its own Python process so that its peak memory is its own. See docs/benchmarks.md.
"""
