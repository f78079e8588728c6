"""Exact Banzhaf by generating functions vs enumerating every coalition, in one run.

Run: ``.venv/bin/python bench/bench_power.py`` (about 10-20 s).

For random games of n = 12..20 units (weights 1..20, quota a majority) both ways must give
the same swing counts; the table prints how many times faster the exact method is. Then the
whole 56-unit Electoral College of 2020 (Maine and Nebraska split into at-large pairs and
districts; Banzhaf *and* Shapley-Shubik), which no enumeration could do (2**56 coalitions),
is timed against the n = 20 enumeration. Only ratios measured in this process are printed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import partial

import numpy as np

from _timing import best_of
from electoral.analysis.power import banzhaf_swings, majority, split_districts, voting_power
from electoral.data import electors

SIZES = range(12, 21)
SEED = 538


def enumerate_swings(weights: Sequence[int], quota: int) -> list[int]:
    """Swing counts from all ``2**n`` coalitions (vectorised over coalitions)."""
    n = len(weights)
    members = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(np.int8)
    weight = members @ np.asarray(weights, dtype=np.int64)
    losing = weight < quota
    return [
        int(np.count_nonzero(losing & (members[:, i] == 0) & (weight + w >= quota)))
        for i, w in enumerate(weights)
    ]


def main() -> None:
    rng = random.Random(SEED)
    print(f"seed {SEED}; random games, weights 1..20, quota a majority; best of repeated runs")
    print(f"{'n':>3} {'coalitions':>11} {'enumeration / exact':>21}")
    t_brute_20 = 0.0
    for n in SIZES:
        weights = [rng.randint(1, 20) for _ in range(n)]
        units = {f"u{i}": w for i, w in enumerate(weights)}
        quota = majority(units)
        assert list(banzhaf_swings(units, quota).values()) == enumerate_swings(weights, quota)
        t_exact = best_of(partial(banzhaf_swings, units, quota))
        t_brute = best_of(partial(enumerate_swings, weights, quota))
        t_brute_20 = t_brute
        print(f"{n:>3} {2**n:>11,} {t_brute / t_exact:>20,.0f}x")
    print("(identical swing counts for every game)")

    college = split_districts(electors(2020))
    t_college = best_of(lambda: voting_power(college))
    print(
        f"Electoral College 2020, {len(college)} units ({2 ** len(college):.2e} coalitions), "
        "Banzhaf + Shapley-Shubik:"
    )
    print(
        f"  its time / enumerating n = 20 (Banzhaf only) = {t_college / t_brute_20:.3f}"
        f"  ({t_college * 1e3:.1f} ms vs {t_brute_20 * 1e3:.0f} ms)"
    )


if __name__ == "__main__":
    main()
