"""The electoral map as arrays: one entry per unit of allocation, two leading candidates.

A ``Board`` is what every analysis reads: for each unit (a state, DC, Maine's and
Nebraska's at-large pairs and districts where the year has them) its electors, the votes of
the two leading national candidates and the unit's total vote.  It is built from a
``TallyResult`` so that the analyses see exactly the units the count used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from electoral.results import TallyResult
from electoral.rules.count import majority_of

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Board:
    """Units with electors and votes, for candidates ``a`` and ``b``.

    Arrays have shape ``(n_units,)``.  ``statewide`` marks units whose votes count toward
    the national total (districts are subsets of their state's vote).
    """

    year: int
    units: tuple[str, ...]
    electors: IntArray
    a_votes: IntArray
    b_votes: IntArray
    total_votes: IntArray
    statewide: npt.NDArray[np.bool_]
    a: str
    b: str

    @property
    def margins(self) -> FloatArray:
        """``a``'s lead over ``b`` in each unit as a fraction of the unit's votes."""
        with np.errstate(invalid="ignore", divide="ignore"):
            m = (self.a_votes - self.b_votes) / self.total_votes
        return np.nan_to_num(m)

    @property
    def national(self) -> tuple[int, int, int]:
        """National votes for ``a``, for ``b`` and in all."""
        s = self.statewide
        return (
            int(self.a_votes[s].sum()),
            int(self.b_votes[s].sum()),
            int(self.total_votes[s].sum()),
        )

    @property
    def national_margin(self) -> float:
        """``a``'s national lead as a fraction of all votes."""
        a, b, t = self.national
        return (a - b) / t if t else 0.0

    @property
    def majority(self) -> int:
        return majority_of(int(self.electors.sum()))

    def weights(self) -> dict[str, int]:
        """Electors per unit."""
        return dict(zip(self.units, (int(e) for e in self.electors), strict=True))

    def turnout(self) -> dict[str, int]:
        """Total votes per unit."""
        return dict(zip(self.units, (int(t) for t in self.total_votes), strict=True))

    def swap(self) -> Board:
        """The same board seen from ``b``'s side."""
        return Board(
            self.year,
            self.units,
            self.electors,
            self.b_votes,
            self.a_votes,
            self.total_votes,
            self.statewide,
            self.b,
            self.a,
        )


def national_votes(t: TallyResult) -> dict[str, int]:
    """Popular votes per candidate over the statewide units (districts excluded)."""
    out: dict[str, int] = {}
    for u in t.units:
        if u.rule != "district":
            for c, v in u.votes.items():
                out[c] = out.get(c, 0) + v
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def board(t: TallyResult, candidates: tuple[str, str] | None = None) -> Board:
    """The board of a tally, for the two leading national candidates (or those given).

    ``a`` is the candidate with the most electoral votes of the two.
    """
    if candidates is None:
        top = [c for c in national_votes(t) if c != "Other"][:2]
        if len(top) < 2:
            top = ([*top, "(nobody)"])[:2]
        ev = t.president.tally
        candidates = (
            (top[0], top[1]) if ev.get(top[0], 0) >= ev.get(top[1], 0) else (top[1], top[0])
        )
    a, b = candidates
    units = tuple(u.unit for u in t.units)
    return Board(
        year=t.year,
        units=units,
        electors=np.array([u.electors for u in t.units], dtype=np.int64),
        a_votes=np.array([u.votes.get(a, 0) for u in t.units], dtype=np.int64),
        b_votes=np.array([u.votes.get(b, 0) for u in t.units], dtype=np.int64),
        total_votes=np.array([sum(u.votes.values()) for u in t.units], dtype=np.int64),
        statewide=np.array([u.rule != "district" for u in t.units]),
        a=a,
        b=b,
    )
