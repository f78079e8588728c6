"""A-priori voting power in the weighted game "a majority of electors", computed exactly.

The game: each unit (a state, DC, and in district-method years Maine's and Nebraska's
at-large pairs and each of their districts) casts its ``weight`` electors as a block; a
coalition wins when its electors reach ``quota`` (a majority of all electors: 270 of 538, so
a 269-269 tie is not a win). Which units make up the game is the caller's choice;
``split_districts`` turns a year's electors into the district-method units.

Both indices are exact, by generating functions (Bilbao et al., "Generating functions for
computing power indices efficiently", TOP 8, 2000), never by sampling:

- the polynomial ``P(x) = prod_j (1 + x**w_j)`` counts coalitions by weight; dividing it by
  ``(1 + x**w_i)`` leaves the coalitions of the *other* units, so every unit costs one
  O(W) deconvolution instead of a new O(n W) product (equal weights share one);
- Shapley-Shubik adds a variable for coalition size, ``prod_j (1 + y x**w_j)``.

Only weights below the quota matter, so the tables stop there (after dividing out the
weights' common factor). Counts reach 2**n; they are exact in int64 up to 62 units and in
Python integers (object arrays) beyond.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from electoral.errors import DataError
from electoral.rules.count import majority_of
from electoral.states import DISTRICTS

if TYPE_CHECKING:
    import pandas as pd

_INT64_PLAYERS = 62  # 2**62 coalitions still fit in int64


def majority(weights: Mapping[str, int]) -> int:
    """A majority of all the weight: ``total // 2 + 1`` (270 of 538, 269 of 537)."""
    return majority_of(sum(weights.values()))


def split_districts(electors: Mapping[str, int]) -> dict[str, int]:
    """Units of a district-method year: Maine and Nebraska as an at-large pair plus districts.

    ``{"ME": 4, ...}`` becomes ``{"ME": 2, "ME-1": 1, "ME-2": 1, ...}`` (the at-large pair keeps
    the state's code, as in ``rules.allocation``); other states are left whole.
    """
    out: dict[str, int] = {}
    for unit, n in electors.items():
        districts = DISTRICTS.get(unit, ())
        if not districts:
            out[unit] = n
            continue
        if n - len(districts) != 2:
            raise DataError(
                f"{unit} has {n} electors and {len(districts)} districts, not 2 at large",
                field="electors",
            )
        out[unit] = 2
        out.update(dict.fromkeys(districts, 1))
    return out


def _game(weights: Mapping[str, int], quota: int) -> tuple[list[int], int]:
    """Validated weights, and the game reduced by their common factor: (weights, quota)."""
    if not weights:
        raise DataError("a game needs at least one unit", field="weights")
    ws: list[int] = []
    for unit, w in weights.items():
        if isinstance(w, bool) or not isinstance(w, int | np.integer) or w < 0:
            raise DataError(f"{unit}: weight {w!r} is not a non-negative integer", field="weights")
        ws.append(int(w))
    total = sum(ws)
    if isinstance(quota, bool) or not isinstance(quota, int | np.integer):
        raise DataError(f"quota {quota!r} is not an integer", field="quota")
    if not 1 <= quota <= total:
        raise DataError(f"quota {quota} is outside 1..{total} (the total weight)", field="quota")
    g = math.gcd(*ws)
    return [w // g for w in ws], -(-int(quota) // g)


def _dtype(n: int) -> type:
    return np.int64 if n <= _INT64_PLAYERS else object


def _divide(p: npt.NDArray[Any], w: int) -> npt.NDArray[Any]:
    """``p(x) / (1 + x**w)`` truncated to ``len(p)``: ``q[k] = p[k] - q[k - w]``, vectorised.

    In rows of ``w`` coefficients the recurrence is an alternating cumulative sum over rows.
    """
    n = len(p)
    if w == 0:
        return p // 2
    if w >= n:
        return p.copy()
    m = -(-n // w)
    rows = np.zeros(m * w, dtype=p.dtype)
    rows[:n] = p
    sign = np.where(np.arange(m) % 2 == 0, 1, -1).astype(p.dtype)[:, None]
    q: npt.NDArray[Any] = sign * np.cumsum(sign * rows.reshape(m, w), axis=0)
    return q.reshape(-1)[:n]


def banzhaf_swings(weights: Mapping[str, int], quota: int) -> dict[str, int]:
    """Raw Banzhaf swing counts: coalitions of the others that unit ``i`` turns from losing to
    winning, i.e. with weight in ``[quota - w_i, quota - 1]``.

    Divide by ``2 ** (n - 1)`` for the absolute (Penrose) Banzhaf measure, the probability
    that the unit is decisive when every other unit joins at random with probability 1/2.
    """
    ws, q = _game(weights, quota)
    p: npt.NDArray[Any] = np.zeros(q, dtype=_dtype(len(ws)))
    p[0] = 1
    for w in ws:
        if w < q:
            p[w:] = p[w:] + p[: q - w]
    by_weight = {w: int(_divide(p, w)[max(q - w, 0) :].sum()) if w else 0 for w in set(ws)}
    return {unit: by_weight[w] for unit, w in zip(weights, ws, strict=True)}


def banzhaf(weights: Mapping[str, int], quota: int) -> dict[str, float]:
    """Normalised Banzhaf index: each unit's share of all swings (the values sum to 1)."""
    swings = banzhaf_swings(weights, quota)
    total = sum(swings.values())
    return {unit: float(Fraction(s, total)) for unit, s in swings.items()}


def _shapley_shubik_exact(weights: Mapping[str, int], quota: int) -> dict[str, Fraction]:
    ws, q = _game(weights, quota)
    n = len(ws)
    # table[k, v]: coalitions of k units with weight v (v < q).
    table: npt.NDArray[Any] = np.zeros((n + 1, q), dtype=_dtype(n))
    table[0, 0] = 1
    for w in ws:
        if w < q:
            table[1:, w:] = table[1:, w:] + table[:-1, : q - w]
    # A unit is pivotal after k others in k! (n - k - 1)! of the n! orders.
    orders = [math.factorial(k) * math.factorial(n - 1 - k) for k in range(n)]
    by_weight: dict[int, Fraction] = {}
    for w in set(ws):
        if w == 0:
            by_weight[w] = Fraction(0)
            continue
        others = table.copy()
        if w < q:
            for k in range(1, n + 1):
                others[k, w:] = others[k, w:] - others[k - 1, : q - w]
        pivots = others[:n, max(q - w, 0) :].sum(axis=1)
        by_weight[w] = Fraction(sum(int(c) * f for c, f in zip(pivots, orders, strict=True)))
    n_orders = math.factorial(n)
    return {unit: by_weight[w] / n_orders for unit, w in zip(weights, ws, strict=True)}


def shapley_shubik(weights: Mapping[str, int], quota: int) -> dict[str, float]:
    """Shapley-Shubik index: the share of the ``n!`` orders of joining in which each unit is
    pivotal (brings the coalition from below ``quota`` to ``quota`` or more); sums to 1.
    """
    return {u: float(v) for u, v in _shapley_shubik_exact(weights, quota).items()}


def _relative(values: Mapping[str, float]) -> dict[str, float]:
    top = max(values.values())
    return {u: v / top for u, v in values.items()}


def per_elector(index: Mapping[str, float], weights: Mapping[str, int]) -> dict[str, float]:
    """Power per elector, ``index_i / w_i``, relative: the largest is 1.0.

    In a winner-take-all college the big states' electors come out ahead (CA highest).
    """
    if set(index) != set(weights):
        raise DataError("index and weights name different units", field="weights")
    bad = [u for u, w in weights.items() if w <= 0]
    if bad:
        raise DataError(f"no electors in {', '.join(bad)}", field="weights")
    return _relative({u: index[u] / weights[u] for u in index})


def per_voter_banzhaf(
    index: Mapping[str, float], weights: Mapping[str, int], turnout: Mapping[str, int]
) -> dict[str, float]:
    """A voter's a-priori Banzhaf power, by unit, relative: the largest is 1.0.

    The two-tier model of Penrose and Banzhaf: every voter votes for either side with
    probability 1/2, independently. A voter in unit ``i`` decides the election when the other
    ``n_i - 1`` voters there tie, probability about ``sqrt(2 / (pi * n_i))``, and unit ``i``
    is then a swing in the college, probability ``swings_i / 2 ** (N - 1)``, which is
    proportional to the normalised Banzhaf ``index_i``. Hence power ~ ``index_i / sqrt(n_i)``
    with ``n_i = turnout[i]``.

    ``weights`` only checks that ``index`` and ``turnout`` cover the units of the game. A
    voter in a Maine or Nebraska district also votes in the at-large unit; add the two
    figures for that voter's total.
    """
    if not set(index) == set(weights) == set(turnout):
        raise DataError("index, weights and turnout name different units", field="turnout")
    bad = [u for u, n in turnout.items() if n <= 0]
    if bad:
        raise DataError(f"no turnout in {', '.join(bad)}", field="turnout")
    return _relative({u: index[u] / math.sqrt(turnout[u]) for u in index})


@dataclass(frozen=True)
class PowerResult:
    """Both indices of one game, and the swing counts behind Banzhaf's."""

    quota: int
    weights: Mapping[str, int]
    swings: Mapping[str, int]
    banzhaf: Mapping[str, float]
    shapley_shubik: Mapping[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "quota": self.quota,
            "total": sum(self.weights.values()),
            "weights": dict(self.weights),
            "swings": dict(self.swings),
            "banzhaf": dict(self.banzhaf),
            "shapley_shubik": dict(self.shapley_shubik),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: weight (electors), swings, banzhaf, shapley_shubik."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "unit": u,
                    "weight": w,
                    "swings": self.swings.get(u),
                    "banzhaf": self.banzhaf.get(u),
                    "shapley_shubik": self.shapley_shubik.get(u),
                }
                for u, w in self.weights.items()
            ]
        )


def voting_power(weights: Mapping[str, int], quota: int | None = None) -> PowerResult:
    """Banzhaf and Shapley-Shubik indices of every unit; ``quota`` defaults to a majority."""
    q = majority(weights) if quota is None else quota
    swings = banzhaf_swings(weights, q)
    total = sum(swings.values())
    return PowerResult(
        quota=q,
        weights=dict(weights),
        swings=swings,
        banzhaf={u: float(Fraction(s, total)) for u, s in swings.items()},
        shapley_shubik=shapley_shubik(weights, q),
    )
