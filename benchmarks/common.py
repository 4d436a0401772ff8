"""Timing helpers shared by the benchmark scripts: best-of-k wall time and a ratio table."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Best wall time of ``repeat`` calls after ``warmup`` calls (seconds)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(name: str, ours: float, baseline: float | None = None, baseline_name: str = "") -> str:
    """A markdown table row: our time, the baseline's, and baseline/ours."""
    if baseline is None:
        return f"| {name} | {ours * 1e3:.2f} ms | | |"
    return f"| {name} | {ours * 1e3:.2f} ms | {baseline * 1e3:.2f} ms ({baseline_name}) | {baseline / ours:.1f}x |"


HEADER = "| case | engine | baseline | speed-up |\n|---|---|---|---|"
