"""Paths to a majority: every way the undecided units can fall, counted exactly, and listed.

Some units are already assigned (``base_ev``: electors per candidate, third parties
included); the ``tossups`` can go either way between two candidates A and B. Each of the
``2**n`` assignments of the tossups gives A some weight ``w`` of the tossup electors ``T``
and B the rest, so A has ``base_A + w`` and B ``base_B + T - w``; exactly one of these holds:

- A reaches the quota (``wins[A]``), or B does (``wins[B]``) -- never both, since the quota
  is more than half of all electors;
- nobody does and A and B are level (``ties``: 269-269 of 538; with third-party electors,
  any equal split short of the quota);
- nobody does and they are not level (``no_majority``: possible only when third parties hold
  electors).

The counts come from one generating function, ``prod_i (1 + x**e_i)``, whose coefficient of
``x**w`` is the number of sets of tossups weighing ``w``: a dynamic programme over electoral
votes in Python integers (56 units make 2**56 sets, beyond a float's 53 bits).

The *smallest winning combinations* of a candidate are the sets of tossups that bring the
candidate to the quota and have no proper subset that also does (so the list does not drown
in supersets): with positive weights, a winning set is minimal exactly when dropping its
lightest unit loses. They are listed by number of units, then by electors, as a stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from electoral.errors import DataError
from electoral.rules.count import majority_of

if TYPE_CHECKING:
    import pandas as pd

_INT64_WEIGHTS = 62  # 2**62 subsets still fit in int64


@dataclass(frozen=True)
class Paths:
    """Exact counts of the ways the tossups can fall, and the smallest winning combinations.

    ``sum(wins.values()) + ties + no_majority == combinations == 2**len(tossups)``.
    ``smallest_by_candidate[c]`` lists up to ``limit`` minimal winning sets of tossups for
    candidate ``c``, by number of units then electors; ``smallest`` is the first candidate's.
    """

    candidates: tuple[str, str]
    quota: int
    combinations: int
    wins: Mapping[str, int]
    ties: int
    no_majority: int
    smallest_by_candidate: Mapping[str, tuple[tuple[str, ...], ...]]

    @property
    def smallest(self) -> tuple[tuple[str, ...], ...]:
        """The first candidate's smallest winning combinations."""
        return self.smallest_by_candidate[self.candidates[0]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``electoral paths --json``."""
        return {
            "combinations": self.combinations,
            "wins": dict(self.wins),
            "ties": self.ties,
            "no_majority": self.no_majority,
            "quota": self.quota,
            "candidates": list(self.candidates),
            "smallest": [list(c) for c in self.smallest],
            "smallest_by_candidate": {
                k: [list(c) for c in v] for k, v in self.smallest_by_candidate.items()
            },
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per candidate and unit of each smallest winning combination
        (candidate, combination number from 1, unit)."""
        import pandas as pd

        rows = [
            {"candidate": c, "combination": k, "unit": u}
            for c, combos in self.smallest_by_candidate.items()
            for k, combo in enumerate(combos, start=1)
            for u in combo
        ]
        return pd.DataFrame(rows, columns=["candidate", "combination", "unit"])


def _electors(field: str, mapping: Mapping[str, int], *, positive: bool) -> dict[str, int]:
    out: dict[str, int] = {}
    low = 1 if positive else 0
    for key, n in mapping.items():
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < low:
            kind = "positive" if positive else "non-negative"
            raise DataError(f"{key}: {n!r} electors is not a {kind} integer", field=field)
        out[str(key)] = int(n)
    return out


def _setup(
    base_ev: Mapping[str, int], tossups: Mapping[str, int], quota: int | None
) -> tuple[dict[str, int], dict[str, int], int]:
    """Checked base and tossups, and the quota; bad input raises DataError."""
    base = _electors("base_ev", base_ev, positive=False)
    toss = _electors("tossups", tossups, positive=True)
    total = sum(base.values()) + sum(toss.values())
    if quota is None:
        quota = majority_of(total)
    elif isinstance(quota, bool) or not isinstance(quota, int | np.integer):
        raise DataError(f"quota {quota!r} is not an integer", field="quota")
    if not total < 2 * quota <= 2 * total:
        raise DataError(
            f"quota {quota} is not more than half of the {total} electors (and at most all)",
            field="quota",
        )
    return base, toss, int(quota)


def split_base(
    winners: Mapping[str, str], electors: Mapping[str, int], tossups: Iterable[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Turn a map of units into ``(base_ev, tossup electors)`` for ``count_paths``.

    ``winners`` assigns units to candidates (``{"TX": "Donald Trump", ...}``); every unit of
    ``electors`` must be either assigned or a tossup, and a tossup's assignment is ignored.
    """
    toss = list(dict.fromkeys(tossups))
    unknown = [u for u in toss if u not in electors]
    if unknown:
        raise DataError(f"tossups {unknown} are not units with electors", field="tossups")
    loose = sorted(set(electors) - set(winners) - set(toss))
    if loose:
        raise DataError(f"units {loose} are neither assigned nor tossups", field="winners")
    base: dict[str, int] = {}
    for unit, who in winners.items():
        if unit in electors and unit not in toss:
            base[who] = base.get(who, 0) + electors[unit]
    return base, {u: electors[u] for u in toss}


def _weight_table(weights: Iterable[int]) -> npt.NDArray[Any]:
    ws = [int(w) for w in weights]
    dtype: type = np.int64 if len(ws) <= _INT64_WEIGHTS else object
    out: npt.NDArray[Any] = np.zeros(sum(ws) + 1, dtype=dtype)
    out[0] = 1
    top = 0  # highest sum reached so far
    for w in ws:
        out[w : top + w + 1] += out[: top + 1].copy()
        top += w
    return out


def weight_counts(weights: Iterable[int]) -> list[int]:
    """``out[w]`` = the number of subsets of ``weights`` summing to ``w`` (exact integers).

    The coefficients of ``prod_i (1 + x**w_i)``, one vectorised shift-and-add per factor:
    in int64 up to 62 weights (at most 2**62 subsets), in Python integers beyond.
    """
    return [int(n) for n in _weight_table(weights)]


def count_paths(
    base_ev: Mapping[str, int],
    tossups: Mapping[str, int],
    candidates: tuple[str, str],
    quota: int | None = None,
    *,
    limit: int = 10,
) -> Paths:
    """Count, over every assignment of the tossups, the wins of each candidate and the ties.

    Parameters
    ----------
    base_ev
        Electors already won, per candidate (third parties' count for neither of the two).
    tossups
        Electors of each undecided unit (all positive).
    candidates
        The two candidates the tossups are split between, ``(A, B)``.
    quota
        Electors needed; by default a majority of all electors, base and tossups together.
        It must exceed half of them, so that two candidates cannot both reach it.
    limit
        How many smallest winning combinations to list per candidate (0 for none).
    """
    a, b = candidates
    if a == b:
        raise DataError(f"the two candidates are the same: {a!r}", field="candidates")
    base, toss, quota = _setup(base_ev, tossups, quota)
    ways = _weight_table(toss.values())  # ways[w]: sets of tossups giving A w electors
    w = np.arange(len(ways))
    ev_a, ev_b = base.get(a, 0) + w, base.get(b, 0) + (len(ways) - 1) - w
    a_wins = ev_a >= quota
    b_wins = ~a_wins & (ev_b >= quota)
    level = ~a_wins & ~b_wins & (ev_a == ev_b)
    short = ~a_wins & ~b_wins & ~level
    wins = {a: int(ways[a_wins].sum()), b: int(ways[b_wins].sum())}
    ties, no_majority = int(ways[level].sum()), int(ways[short].sum())
    smallest = {c: tuple(smallest_winning(base, toss, c, quota, limit=limit)) for c in candidates}
    return Paths(
        candidates=(a, b),
        quota=quota,
        combinations=2 ** len(toss),
        wins=wins,
        ties=ties,
        no_majority=no_majority,
        smallest_by_candidate=smallest,
    )


def smallest_winning(
    base_ev: Mapping[str, int],
    tossups: Mapping[str, int],
    candidate: str,
    quota: int | None = None,
    *,
    limit: int | None = None,
) -> Iterator[tuple[str, ...]]:
    """Stream the minimal sets of tossups that give ``candidate`` the quota.

    Sets come by number of units, then by electors (then in a fixed order); each set lists
    its units by electors, largest first, then by name. Stops after ``limit`` sets. If the
    base alone reaches the quota the only minimal set is the empty one. ``quota`` defaults
    to a majority of all electors, base and tossups together, as in ``count_paths``.

    The enumeration never enters a branch without a set at its end. Sorted by weight,
    largest first, the minimal sets with ``k`` units and ``s`` electors (for a candidate
    short by ``need``) are exactly the ``k``-subsets summing to ``s`` of the units heavier
    than ``s - need``, a prefix of the order; so ``s`` runs over
    ``need .. need + max weight - 1``, and a table of the sums reachable with ``r`` of the
    first ``i`` units (bitsets, ``O(n**2)`` Python integers) steers a depth-first search.
    Arguments are checked at the call, not at the first ``next()``.
    """
    base, toss, quota = _setup(base_ev, tossups, quota)
    if limit is not None and limit < 0:
        raise DataError(f"limit {limit} is negative", field="limit")
    need = quota - base.get(candidate, 0)
    found = _minimal_sets(sorted(toss.items(), key=lambda kv: (-kv[1], kv[0])), need)
    return islice(found, limit)


def _minimal_sets(items: list[tuple[str, int]], need: int) -> Iterator[tuple[str, ...]]:
    """Minimal sets of ``items`` (sorted by weight, descending) weighing at least ``need``."""
    if need <= 0:
        yield ()
        return
    names = [u for u, _ in items]
    w = [e for _, e in items]
    n = len(w)
    # reach[i][r]: bit s set when some r of the first i items weigh exactly s
    reach = [[1] + [0] * n]
    for i in range(1, n + 1):
        prev = reach[-1]
        reach.append([1] + [prev[r] | (prev[r - 1] << w[i - 1]) for r in range(1, n + 1)])
    if not n or sum(w) < need:
        return
    heavier = [sum(1 for e in w if e > t) for t in range(w[0])]  # prefix of units > t

    def exact(i: int, r: int, s: int) -> Iterator[tuple[int, ...]]:
        if r == 0:
            yield ()
            return
        for j in range(r - 1, i):  # j: the last (lightest) unit taken
            rest = s - w[j]
            if rest >= 0 and reach[j][r - 1] >> rest & 1:
                for head in exact(j, r - 1, rest):
                    yield (*head, j)

    for k in range(1, n + 1):
        for s in range(need, need + w[0]):
            m = heavier[s - need]
            if m >= k and reach[m][k] >> s & 1:
                for combo in exact(m, k, s):
                    yield tuple(names[j] for j in combo)
