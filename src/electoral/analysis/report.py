"""``analyze``: every question of one map in one document.

For a year (its recorded returns) or any returns: the tipping point and bias, the
popular/electoral inversion, exact voting-power indices, the smallest popular vote that
wins, and the outcome under alternative systems.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from electoral import data
from electoral.analysis import systems
from electoral.analysis.board import Board, board, national_votes
from electoral.analysis.knapsack import MinShare, min_winning_share
from electoral.analysis.power import banzhaf, per_voter_banzhaf, shapley_shubik
from electoral.analysis.tipping import TippingPoint, tipping_point
from electoral.engine import pledged
from electoral.errors import RuleError
from electoral.results import TallyResult


@dataclass(frozen=True)
class Analysis:
    """The answers for one map."""

    year: int
    tally: TallyResult
    board: Board
    tipping: TippingPoint
    national: dict[str, int]
    banzhaf: dict[str, float]
    banzhaf_per_voter: dict[str, float]
    shapley_shubik: dict[str, float]
    min_share: MinShare
    min_share_equal_turnout: MinShare
    systems: dict[str, systems.SystemResult]
    notes: tuple[str, ...]

    @property
    def electoral_winner(self) -> str | None:
        return self.tally.president.winner

    @property
    def popular_winner(self) -> str:
        return next(c for c in self.national if c != "Other")

    @property
    def inversion(self) -> bool:
        """The electoral winner lost the national popular vote."""
        w = self.electoral_winner
        return w is not None and w != self.popular_winner

    def to_dict(self) -> dict[str, Any]:
        tp = self.tipping.to_dict()
        return {
            "year": self.year,
            "electoral_winner": self.electoral_winner,
            "popular_winner": self.popular_winner,
            "tipping_point": {k: tp[k] for k in ("state", "candidate", "margin")},
            "bias": tp["bias"],
            "bias_favours": tp["favours"],
            "national_margin": tp["national_margin"],
            "inversion": self.inversion,
            "swing_to_deny_majority": tp["swing_to_deny_majority"],
            "swing_to_flip": tp["swing_to_flip"],
            "national_votes": self.national,
            "banzhaf": _round(self.banzhaf),
            "banzhaf_per_voter": _round(self.banzhaf_per_voter),
            "shapley_shubik": _round(self.shapley_shubik),
            "min_winning_share": self.min_share.to_dict(),
            "min_winning_share_equal_turnout": self.min_share_equal_turnout.to_dict(),
            "systems": {k: v.to_dict() for k, v in self.systems.items()},
            "snake": tp["snake"],
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per unit of the map: state, electors, margin (``board.a`` minus
        ``board.b``), the power indices, and whether the unit is the tipping point or in the
        cheapest winning set."""
        electors = {u.unit: u.electors for u in self.tally.units}
        margins = {u.unit: u.margin for u in self.tally.units}
        cheapest = set(self.min_share.states)
        rows = [
            {
                "state": st,
                "electors": electors.get(st),
                "margin": margins.get(st),
                "banzhaf": self.banzhaf.get(st),
                "banzhaf_per_voter": self.banzhaf_per_voter.get(st),
                "shapley_shubik": self.shapley_shubik.get(st),
                "tipping_point": st == self.tipping.unit,
                "in_min_winning_set": st in cheapest,
            }
            for st in self.banzhaf
        ]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return "\n".join(
            [
                f"<Analysis {self.year}: {self.electoral_winner} won the electors, "
                f"{self.popular_winner} the popular vote (inversion: "
                f"{'yes' if self.inversion else 'no'})>",
                f"  tipping point {self.tipping.unit}; cheapest win "
                f"{self.min_share.share:.2%} of the popular vote; "
                f"{len(self.systems)} alternative systems",
                "  (.to_dict(), .to_frame(), .tipping, .systems)",
            ]
        )


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 8) for k, v in sorted(d.items(), key=lambda kv: -kv[1])}


def analyze_tally(t: TallyResult) -> Analysis:
    """Analyse a counted map (``tally`` of any returns)."""
    b = board(t)
    weights = b.weights()
    quota = b.majority
    turnout = b.turnout()
    bz = banzhaf(weights, quota)
    notes = [f"margins are {b.a} minus {b.b}, as fractions of each unit's votes"]
    recorded = [u.unit for u in t.units if u.rule == "recorded"]
    if recorded:
        notes.append(
            f"{', '.join(recorded)}: no district returns; treated as one unit with "
            "the statewide margin"
        )
    return Analysis(
        year=t.year,
        tally=t,
        board=b,
        tipping=tipping_point(b),
        national=national_votes(t),
        banzhaf=bz,
        banzhaf_per_voter=per_voter_banzhaf(bz, weights, turnout),
        shapley_shubik=shapley_shubik(weights, quota),
        min_share=min_winning_share(weights, turnout, quota=quota),
        min_share_equal_turnout=min_winning_share(
            weights, turnout, quota=quota, equal_turnout=True
        ),
        systems={
            "proportional": systems.proportional(t),
            "districts": systems.districts_everywhere(t),
            "national": systems.national_popular_vote(t),
            "compact": systems.compact(t),
        },
        notes=tuple(notes),
    )


def analyze(year: int) -> Analysis:
    """Analyse a year's recorded returns (1976-2024)."""
    if year not in data.returns_years():
        y = data.returns_years()
        raise RuleError(f"no popular-vote returns for {year} (returns cover {y[0]}-{y[-1]})")
    return analyze_tally(pledged(year))


@dataclass(frozen=True)
class Winners:
    """One year's electoral and popular winners (``national_votes``: the top three)."""

    year: int
    electoral_winner: str | None
    popular_winner: str
    national_votes: Mapping[str, int]

    @property
    def inversion(self) -> bool:
        w = self.electoral_winner
        return w is not None and w != self.popular_winner

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "electoral_winner": self.electoral_winner,
            "popular_winner": self.popular_winner,
            "inversion": self.inversion,
            "national_votes": dict(self.national_votes),
        }


@dataclass(frozen=True)
class Inversions:
    """Every year with returns, in order: who won the electors and who the popular vote."""

    years: tuple[Winners, ...]

    def __iter__(self) -> Iterator[Winners]:
        return iter(self.years)

    def __len__(self) -> int:
        return len(self.years)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``electoral inversions --json``."""
        return {"inversions": [w.to_dict() for w in self.years]}

    def to_frame(self) -> pd.DataFrame:
        """Tidy and long: one row per year and candidate among the top three nationally."""
        rows = [
            {
                "year": w.year,
                "electoral_winner": w.electoral_winner,
                "popular_winner": w.popular_winner,
                "inversion": w.inversion,
                "candidate": c,
                "national_votes": int(v),
            }
            for w in self.years
            for c, v in w.national_votes.items()
        ]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        hits = [str(w.year) for w in self.years if w.inversion]
        span = f"{self.years[0].year}-{self.years[-1].year}" if self.years else "no years"
        return f"<Inversions {span}: {len(self.years)} years, inversions in {', '.join(hits)}>"


def inversions() -> Inversions:
    """For every year with returns: electoral winner, popular winner and whether they differ."""
    out = []
    for year in data.returns_years():
        t = pledged(year)
        nat = national_votes(t)
        out.append(
            Winners(
                year=year,
                electoral_winner=t.president.winner,
                popular_winner=next(c for c in nat if c != "Other"),
                national_votes={c: v for c, v in list(nat.items())[:3]},
            )
        )
    return Inversions(tuple(out))
