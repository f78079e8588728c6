"""Tipping point, Electoral College bias and the uniform swing that changes the outcome.

All from one ordering: units sorted by the leader's margin, best first; the unit whose
electors carry the leader past the majority is the *tipping point*.  The *bias* is the
tipping-point margin minus the national margin (both from the leader's side): negative
means the map was harder for the leader than the popular vote.  A uniform swing of ``d``
(a fraction, applied to every unit's margin) changes the outcome when it moves the tipping
point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from electoral.analysis.board import Board

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class TippingPoint:
    """The tipping point of a board, from the leader's (``candidate``'s) side."""

    candidate: str
    opponent: str
    unit: str
    margin: float
    national_margin: float
    snake: tuple[tuple[str, int, float], ...]
    swing_to_deny: float
    swing_to_flip: float

    @property
    def bias(self) -> float:
        """Tipping-point margin minus national margin (positive: the map favoured the
        leader)."""
        return self.margin - self.national_margin

    @property
    def favours(self) -> str:
        """The candidate the Electoral College map favoured relative to the popular vote."""
        return self.candidate if self.bias > 0 else self.opponent

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.unit,
            "candidate": self.candidate,
            "margin": round(self.margin, 6),
            "national_margin": round(self.national_margin, 6),
            "bias": round(self.bias, 6),
            "favours": self.favours,
            "swing_to_deny_majority": round(self.swing_to_deny, 6),
            "swing_to_flip": round(self.swing_to_flip, 6),
            "snake": [{"state": u, "electors": e, "margin": round(m, 6)} for u, e, m in self.snake],
        }

    def to_frame(self) -> pd.DataFrame:
        """The snake: one row per unit from the leader's best to worst (unit, electors,
        margin for ``candidate``)."""
        import pandas as pd

        return pd.DataFrame(list(self.snake), columns=["unit", "electors", "margin"])


def _swing_needed(margins: np.ndarray, electors: np.ndarray, target: int) -> float:
    """Smallest uniform swing ``d`` >= 0 after which the units with margin > d hold fewer
    than ``target`` electors."""
    order = np.argsort(-margins, kind="stable")
    cum = np.cumsum(electors[order])
    k = int(np.searchsorted(cum, target))  # first position where cum >= target
    if k >= len(order):
        return 0.0
    return float(max(margins[order][k], 0.0))


def tipping_point(board: Board) -> TippingPoint:
    """The tipping point of ``board`` for the candidate leading in electoral votes.

    Ties in margin are broken by unit order, so the result is deterministic.
    """
    leader = board
    a_ev = int(board.electors[board.margins > 0].sum())
    b_ev = int(board.electors[board.margins < 0].sum())
    if b_ev > a_ev:
        leader = board.swap()
    m, e = leader.margins, leader.electors
    order = np.argsort(-m, kind="stable")
    cum = np.cumsum(e[order])
    k = int(np.searchsorted(cum, leader.majority))
    k = min(k, len(order) - 1)
    tp = int(order[k])
    snake = tuple((leader.units[i], int(e[i]), float(m[i])) for i in order)
    # Deny: the leader falls below the majority.  Flip: the opponent reaches it; the
    # opponent holds units with margin < -d, i.e. -m > d.
    deny = _swing_needed(m, e, leader.majority)
    total = int(e.sum())
    flip_target = total - leader.majority + 1  # leader keeps fewer than total - majority + 1
    flip = _swing_needed(m, e, flip_target)
    return TippingPoint(
        leader.a,
        leader.b,
        leader.units[tp],
        float(m[tp]),
        leader.national_margin,
        snake,
        deny,
        flip,
    )
