"""Contingent elections: the House chooses the president, the Senate the vice president.

Pure functions over recorded (or hypothetical) votes.

- House (12th Amendment; art. II before 1804): one vote per state delegation, a quorum of
  members from two-thirds of the states, a majority of all the states to elect; ballots go
  on until someone has it.  A divided delegation casts no vote.
- Senate (12th Amendment): each senator votes; a quorum of two-thirds of the whole number
  of senators; a majority of the whole number to elect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from electoral.errors import RuleError


@dataclass(frozen=True)
class Ballot:
    """One ballot (or a run of identical ballots ``first``..``last``)."""

    first: int
    last: int
    tally: Mapping[str, int]
    no_vote: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "ballots": [self.first, self.last],
            "tally": dict(self.tally),
            "no_vote": self.no_vote,
        }


@dataclass(frozen=True)
class ContingentResult:
    """How a contingent election went."""

    chamber: Literal["house", "senate"]
    field: tuple[str, ...]
    members: int
    needed: int
    ballots: tuple[Ballot, ...]
    winner: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "chamber": self.chamber,
            "candidates": list(self.field),
            "members": self.members,
            "needed": self.needed,
            "ballots": [b.to_dict() for b in self.ballots],
            "winner": self.winner,
        }


def _decide(
    chamber: Literal["house", "senate"],
    field: Sequence[str],
    members: int,
    ballots: Sequence[tuple[int, int, Mapping[str, int], int]],
) -> ContingentResult:
    need = members // 2 + 1
    quorum = -(-2 * members // 3)  # two-thirds, rounded up
    done: list[Ballot] = []
    winner = None
    for first, last, tally, no_vote in ballots:
        stray = sorted(set(tally) - set(field))
        if stray:
            raise RuleError(
                f"{chamber} ballot {first}: {', '.join(stray)} not among the "
                f"candidates the Constitution allows ({', '.join(field)})"
            )
        present = sum(tally.values()) + no_vote
        if present > members:
            raise RuleError(f"{chamber} ballot {first}: {present} votes from {members} members")
        if present < quorum:
            raise RuleError(
                f"{chamber} ballot {first}: {present} present, below the quorum of {quorum}"
            )
        done.append(Ballot(first, last, dict(tally), no_vote))
        leaders = [c for c, v in tally.items() if v >= need]
        if leaders:
            winner = leaders[0]
            break
    return ContingentResult(chamber, tuple(field), members, need, tuple(done), winner)


def house_election(
    ballots: Sequence[tuple[int, int, Mapping[str, str | None]]],
    states: int,
    field: Sequence[str],
) -> ContingentResult:
    """Decide a House contingent election from each ballot's state-by-state choices.

    Parameters
    ----------
    ballots
        ``(first, last, {state: choice or None})`` in order; ``None`` is a divided or
        blank delegation.  ``first``..``last`` is a run of identical ballots.
    states
        States in the Union: a majority of them elects.
    field
        Who may be chosen (top three; top five before 1804; the tied pair in 1801).
    """
    runs = []
    for first, last, choices in ballots:
        tally: dict[str, int] = {}
        for choice in choices.values():
            if choice:
                tally[choice] = tally.get(choice, 0) + 1
        no_vote = sum(1 for c in choices.values() if not c)
        runs.append((first, last, dict(sorted(tally.items(), key=lambda kv: -kv[1])), no_vote))
    return _decide("house", field, states, runs)


def senate_election(
    votes: Mapping[str, int], senators: int, field: Sequence[str], *, not_voting: int = 0
) -> ContingentResult:
    """Decide the Senate's choice of vice president from the senators' votes."""
    tally = dict(sorted(votes.items(), key=lambda kv: -kv[1]))
    return _decide("senate", field, senators, [(1, 1, tally, not_voting)])
