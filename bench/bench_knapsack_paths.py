"""Exact dynamic programmes vs brute force over every subset, on sizes brute force can reach.

Run: ``.venv/bin/python bench/bench_knapsack_paths.py`` (about 10 s).

For n = 14..20 units drawn from 2020 (electors and actual turnout; seeded, the seed is
printed) three questions are answered both ways and checked equal before timing:

- ``min share``  -- ``min_winning_share`` (knapsack over electoral votes) vs the cheapest of
  all ``2**n`` subsets reaching a majority of the n units' electors;
- ``count``      -- ``count_paths`` (generating function, Python integers) vs classifying all
  ``2**n`` assignments of the n tossups, the other 2020 states fixed as they voted;
- ``smallest``   -- the first 10 of ``smallest_winning``'s stream vs filtering all ``2**n``
  subsets for the minimal winning ones and sorting them.

The brute force is vectorised with NumPy (each subset sum is one add, built by doubling), so
the ratios are against the fastest brute force, not a Python loop. Times are best of
repeated runs in this process and are reported only as ratios.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from _timing import best_of
from electoral import data
from electoral.analysis.knapsack import min_winning_share
from electoral.analysis.paths import count_paths, smallest_winning

SEED = 20201103
SIZES = range(14, 21)
LIMIT = 10
Array = npt.NDArray[np.int64]


def doubling(values: Sequence[int], combine: Callable[[Array, int], Array], start: int) -> Array:
    """A per-subset quantity for all ``2**n`` subsets (bit i of the index = unit i taken)."""
    out = np.full(1, start, dtype=np.int64)
    for v in values:
        out = np.concatenate([out, combine(out, v)])
    return out


def subset_sums(values: Sequence[int]) -> Array:
    return doubling(values, lambda a, v: a + v, 0)


def brute_min_votes(ev: list[int], cost: list[int], quota: int) -> int:
    ok = subset_sums(ev) >= quota
    return int(subset_sums(cost)[ok].min())


def brute_counts(ev: list[int], base_a: int, base_b: int, quota: int) -> tuple[int, int, int]:
    w = subset_sums(ev)
    a, b = base_a + w, base_b + sum(ev) - w
    wins_a = a >= quota
    wins_b = ~wins_a & (b >= quota)
    ties = ~wins_a & ~wins_b & (a == b)
    return int(wins_a.sum()), int(wins_b.sum()), int(ties.sum())


def brute_smallest(ev: list[int], need: int) -> list[tuple[int, int]]:
    """(units, electors) of the first LIMIT minimal winning subsets in listing order."""
    w = subset_sums(ev)
    size = subset_sums([1] * len(ev))
    lightest = doubling(ev, lambda a, v: np.minimum(a, v), 10**9)
    idx = np.nonzero((w >= need) & (w - lightest < need))[0]
    order = np.lexsort((w[idx], size[idx]))[:LIMIT]
    return [(int(size[idx][i]), int(w[idx][i])) for i in order]


def compare(
    ev: dict[str, int], tv: dict[str, int], base: dict[str, int], a: str, b: str
) -> list[float]:
    """Check both ways agree on these units, then time them: [brute / ours] per question."""
    evs, costs = list(ev.values()), [tv[u] // 2 + 1 for u in ev]
    quota_n = sum(evs) // 2 + 1

    assert min_winning_share(ev, tv).votes == brute_min_votes(evs, costs, quota_n)
    paths = count_paths(base, ev, (a, b), limit=0)
    want = brute_counts(evs, base[a], base[b], 270)
    assert (paths.wins[a], paths.wins[b], paths.ties) == want
    head = list(smallest_winning(base, ev, a, limit=LIMIT))
    keys = [(len(c), sum(ev[u] for u in c)) for c in head]
    assert keys == brute_smallest(evs, 270 - base[a])

    return [
        best_of(lambda: brute_min_votes(evs, costs, quota_n))
        / best_of(lambda: min_winning_share(ev, tv)),
        best_of(lambda: brute_counts(evs, base[a], base[b], 270))
        / best_of(lambda: count_paths(base, ev, (a, b), limit=0)),
        best_of(lambda: brute_smallest(evs, 270 - base[a]))
        / best_of(lambda: list(smallest_winning(base, ev, a, limit=LIMIT))),
    ]


def main() -> None:
    rng = np.random.default_rng(SEED)
    electors = data.electors(2020)
    r = data.returns(2020)
    r = r[~r.state.str.contains("-")]
    turnout = {str(s): int(v) for s, v in r.groupby("state").votes.sum().items()}
    winner = {s: max(v, key=lambda c: v[c]) for s, v in data.recorded_votes(2020).items()}
    a, b = "Joe Biden", "Donald Trump"
    print(f"seed {SEED}; units drawn from 2020 (electors, turnout); ratio = brute force / ours")
    print(f"{'n':>3} {'2**n':>9} {'min share':>10} {'count':>10} {'smallest':>10}")
    for n in SIZES:
        units = sorted(rng.choice(sorted(electors), size=n, replace=False).tolist())
        base = {a: 0, b: 0}
        for s, who in winner.items():
            if s not in units:
                base[who] += electors[s]
        ev = {u: electors[u] for u in units}
        ratios = compare(ev, {u: turnout[u] for u in units}, base, a, b)
        print(f"{n:>3} {2**n:>9} " + " ".join(f"{x:>9.1f}x" for x in ratios))
    print("all answers identical between the exact method and brute force")


if __name__ == "__main__":
    main()
