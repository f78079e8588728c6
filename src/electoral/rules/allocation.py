"""Allocation: from a state's returns to its pledged electors.  Pure functions.

Two rules apply under today's law: statewide plurality (48 states and DC) and the district
method (Maine, Nebraska): two electors to the statewide plurality winner and one to the
plurality winner of each congressional district.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from electoral.errors import RuleError

Rule = Literal["statewide-plurality", "district", "at-large", "recorded"]


@dataclass(frozen=True)
class UnitAllocation:
    """The electors one unit (a state, its at-large pair, or a district) awards."""

    unit: str
    electors: int
    winner: str
    rule: Rule
    votes: Mapping[str, int]

    @property
    def margin(self) -> float | None:
        """Winner's lead over the runner-up as a fraction of the unit's votes."""
        total = sum(self.votes.values())
        if total == 0:
            return None
        top = [*sorted(self.votes.values(), reverse=True), 0]
        return (top[0] - top[1]) / total


def plurality_winner(votes: Mapping[str, int], unit: str) -> str:
    """The candidate with the most votes; a tie or an empty contest raises ``RuleError``."""
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] <= 0:
        raise RuleError(f"{unit}: no votes, so no winner")
    tied = [c for c, v in ranked if v == ranked[0][1]]
    if len(tied) > 1:
        raise RuleError(
            f"{unit}: {' and '.join(tied)} tie with {ranked[0][1]:,} votes; state law settles a "
            "tie (recount, lot); enter the settled result"
        )
    return ranked[0][0]


def statewide_plurality(state: str, electors: int, votes: Mapping[str, int]) -> UnitAllocation:
    """All of a state's electors to its plurality winner."""
    return UnitAllocation(
        state, electors, plurality_winner(votes, state), "statewide-plurality", dict(votes)
    )


def district_method(
    state: str,
    electors: int,
    statewide: Mapping[str, int],
    districts: Mapping[str, Mapping[str, int]],
) -> tuple[UnitAllocation, ...]:
    """Two at-large electors to the statewide winner, one per district to each district's winner.

    ``districts`` maps every district unit (``"ME-1"``...) to its returns.
    """
    at_large = electors - len(districts)
    if at_large != 2:
        raise RuleError(
            f"{state}: {electors} electors but {len(districts)} districts; "
            "the district method needs exactly two at large"
        )
    out = [
        UnitAllocation(
            state, at_large, plurality_winner(statewide, state), "at-large", dict(statewide)
        )
    ]
    for unit, votes in sorted(districts.items()):
        out.append(UnitAllocation(unit, 1, plurality_winner(votes, unit), "district", dict(votes)))
    return tuple(out)
