"""Timing shared by the benchmarks: the fastest of repeated runs, in one process."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], budget_s: float = 1.0, max_runs: int = 50) -> float:
    """The fastest of repeated runs, within a time budget (at least 3 runs)."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget_s and len(times) < max_runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)
