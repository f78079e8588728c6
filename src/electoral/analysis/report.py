"""``analyze``: every question of one map in one document.

For a year (its recorded returns) or any returns: the tipping point and bias, the
popular/electoral inversion, exact voting-power indices, the smallest popular vote that
wins, and the outcome under alternative systems.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from electoral import data
from electoral.analysis import systems
from electoral.analysis.board import Board, board, national_votes
from electoral.analysis.knapsack import min_winning_share
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
    min_share: dict[str, Any]
    min_share_equal_turnout: dict[str, Any]
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
            "min_winning_share": self.min_share,
            "min_winning_share_equal_turnout": self.min_share_equal_turnout,
            "systems": {k: v.to_dict() for k, v in self.systems.items()},
            "snake": tp["snake"],
            "notes": list(self.notes),
        }


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
        min_share=min_winning_share(weights, turnout, quota=quota).to_dict(),
        min_share_equal_turnout=min_winning_share(
            weights, turnout, quota=quota, equal_turnout=True
        ).to_dict(),
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


def inversions() -> list[dict[str, Any]]:
    """For every year with returns: electoral winner, popular winner and whether they differ."""
    out = []
    for year in data.returns_years():
        t = pledged(year)
        nat = national_votes(t)
        pop = next(c for c in nat if c != "Other")
        ew = t.president.winner
        out.append(
            {
                "year": year,
                "electoral_winner": ew,
                "popular_winner": pop,
                "inversion": ew is not None and ew != pop,
                "national_votes": {c: v for c, v in list(nat.items())[:3]},
            }
        )
    return out
