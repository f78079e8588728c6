"""The smallest share of the national popular vote that can still win a majority of electors.

Win the chosen units by one vote, lose every other unit with no votes at all: a unit with
turnout ``T`` costs ``T // 2 + 1`` votes (half its votes plus one, which beats the
``T - T // 2 - 1`` left for everyone else) and brings its electors. The question is then an
exact 0/1 knapsack: choose units whose electors reach the quota (a majority, 270 of 538) at
the least total cost. ``share = cost / national turnout``.

Units are the caller's: states and DC, and in district-method years Maine's and Nebraska's
at-large pairs and districts as separate units (each with its own turnout). The knapsack is
NP-hard in general but electors are small integers, so a dynamic programme over electoral
votes (one NumPy pass per unit over a table of ``total electors + 1`` cells) solves it exactly
in well under a millisecond per unit.

A toy college worked by hand (quota 5 of 9 electors)::

    unit  electors  turnout  cost (T//2+1)
    A         4       100        51
    B         3        30        16
    C         2        20        11

    sets reaching 5: {A,B} 67, {A,C} 62, {B,C} 27, {A,B,C} 78   -> {B,C}: 27 / 150 = 0.18

With equal turnout (``T = 150 // 3 = 50`` everywhere, cost 26 per unit) the cheapest win is
the fewest units: A alone has only 4 electors, so two units, {A,B}: 52 / 150.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from electoral.errors import DataError
from electoral.rules.count import majority_of

if TYPE_CHECKING:
    import pandas as pd

_UNREACHABLE = np.iinfo(np.int64).max // 4  # "no set of units reaches this many electors"


@dataclass(frozen=True)
class MinShare:
    """The cheapest winning set of units and what it costs.

    Attributes
    ----------
    share
        ``votes / total_votes``, a fraction (0.2176, not 21.76).
    votes
        Popular votes the winner needs: ``sum(T // 2 + 1)`` over the units in ``states``.
    total_votes
        The national turnout the share is taken of (``n_units * T`` with equal turnout).
    electoral_votes
        Electors the winning set brings (at least ``quota``; more when that is cheaper).
    quota
        Electors needed.
    states
        The winning units, sorted.
    equal_turnout
        Whether every unit was given the same turnout.
    """

    share: float
    votes: int
    total_votes: int
    electoral_votes: int
    quota: int
    states: tuple[str, ...]
    equal_turnout: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"share", "votes", "total_votes", "electoral_votes", "quota",
        "states", "equal_turnout"}``."""
        return {
            "share": self.share,
            "votes": self.votes,
            "total_votes": self.total_votes,
            "electoral_votes": self.electoral_votes,
            "quota": self.quota,
            "states": list(self.states),
            "equal_turnout": self.equal_turnout,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per unit of the cheapest winning set (``state``)."""
        import pandas as pd

        return pd.DataFrame({"state": list(self.states)})


def _count(what: str, unit: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise DataError(f"{unit}: {what} {value!r} is not a non-negative integer", field=what)
    return int(value)


def _checked(
    electors: Mapping[str, int], turnout: Mapping[str, int], quota: int | None
) -> tuple[list[str], list[int], list[int], int]:
    """Units sorted by name, their electors and turnout, and the quota; bad input raises."""
    if not electors:
        raise DataError("no units: electors is empty", field="electors")
    missing = sorted(set(electors) - set(turnout))
    extra = sorted(set(turnout) - set(electors))
    if missing or extra:
        raise DataError(
            f"electors and turnout name different units (no turnout for {missing}, "
            f"no electors for {extra})",
            field="turnout",
        )
    units = sorted(electors)
    ev = [_count("electors", u, electors[u]) for u in units]
    votes = [_count("turnout", u, turnout[u]) for u in units]
    for u, e, t in zip(units, ev, votes, strict=True):
        if e > 0 and t == 0:
            raise DataError(f"{u}: {e} electors but no votes cast", field="turnout")
    total = sum(ev)
    if quota is None:
        quota = majority_of(total)
    elif isinstance(quota, bool) or not isinstance(quota, int | np.integer):
        raise DataError(f"quota {quota!r} is not an integer", field="quota")
    if not 1 <= quota <= total:
        raise DataError(f"quota {quota} is outside 1..{total} (all the electors)", field="quota")
    return units, ev, votes, int(quota)


def cheapest_cover(weights: Sequence[int], costs: Sequence[int], quota: int) -> list[int]:
    """Indices of a least-cost set of items whose weights sum to at least ``quota``.

    Exact 0/1 knapsack by dynamic programming over total weight: ``best[w]`` is the least
    cost of a set weighing exactly ``w`` (shape ``(sum(weights) + 1,)``), updated for one item
    at a time with a single vectorised shift; ``took[i, w]`` records whether item ``i``
    improved ``best[w]`` so one optimal set can be read back. Among equally cheap sets the
    lightest is chosen. Weights must be positive and ``quota <= sum(weights)``.
    """
    total = sum(weights)
    if any(w <= 0 for w in weights) or quota > total:
        raise DataError(f"weights must be positive and reach the quota {quota}", field="weights")
    quota = max(quota, 0)
    best: npt.NDArray[np.int64] = np.full(total + 1, _UNREACHABLE, dtype=np.int64)
    best[0] = 0
    took = np.zeros((len(weights), total + 1), dtype=bool)
    for i, (w, c) in enumerate(zip(weights, costs, strict=True)):
        with_i = best[:-w] + c  # a new array: every item is used at most once
        better = with_i < best[w:]
        best[w:] = np.where(better, with_i, best[w:])
        took[i, w:] = better
    w = quota + int(np.argmin(best[quota:]))
    chosen: list[int] = []
    for i in range(len(weights) - 1, -1, -1):
        if took[i, w]:
            chosen.append(i)
            w -= weights[i]
    return sorted(chosen)


def min_winning_share(
    electors: Mapping[str, int],
    turnout: Mapping[str, int],
    *,
    quota: int | None = None,
    equal_turnout: bool = False,
) -> MinShare:
    """The exact smallest share of the national vote that wins ``quota`` electors.

    Parameters
    ----------
    electors
        Electors per unit (``{"PA": 19, ...}``; districts as their own units if wanted).
    turnout
        Votes cast per unit, for every unit of ``electors`` and no other.
    quota
        Electors needed; by default a majority, ``sum(electors) // 2 + 1``.
    equal_turnout
        Give every unit the same turnout ``T = national turnout // n_units`` (so the
        national turnout becomes ``n_units * T``). Every unit then costs ``T // 2 + 1``, the
        cheapest win is the fewest units that reach the quota -- the largest ones -- and
        ``share = k * (T // 2 + 1) / (n_units * T)``, about ``k / (2 n)``. This isolates what
        the apportionment of electors alone allows, apart from differences in turnout.

    Raises
    ------
    DataError
        Units without turnout (or the reverse), negative or non-integer counts, a unit with
        electors but no votes, or a quota outside ``1..sum(electors)``.
    """
    units, ev, votes, quota = _checked(electors, turnout, quota)
    live = [i for i, e in enumerate(ev) if e > 0]  # a unit without electors never helps
    if equal_turnout:
        per_unit = sum(votes) // len(units)
        if per_unit == 0:
            raise DataError("fewer votes than units: no equal turnout to give", field="turnout")
        cost = per_unit // 2 + 1
        total_votes = per_unit * len(units)
        largest = sorted(live, key=lambda i: (-ev[i], units[i]))
        chosen: list[int] = []
        reached = 0
        for i in largest:
            if reached >= quota:
                break
            chosen.append(i)
            reached += ev[i]
        needed = cost * len(chosen)
    else:
        costs = [votes[i] // 2 + 1 for i in live]
        picked = cheapest_cover([ev[i] for i in live], costs, quota)
        chosen = [live[j] for j in picked]
        needed = sum(costs[j] for j in picked)
        total_votes = sum(votes)
    return MinShare(
        share=needed / total_votes,
        votes=needed,
        total_votes=total_votes,
        electoral_votes=sum(ev[i] for i in chosen),
        quota=quota,
        states=tuple(sorted(units[i] for i in chosen)),
        equal_turnout=equal_turnout,
    )
