"""The count: electoral votes per candidate, the majority, and what happens without one.

Pure functions over plain mappings.  A majority of the electors *appointed* is needed
(12th Amendment).  Without it the House chooses the president among the top three (top five
before 1804), one vote per state delegation, and the Senate the vice president between the
top two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

DecidedBy = Literal["electoral-college", "house", "senate"]
Office = Literal["president", "vice_president"]


@dataclass(frozen=True)
class Contingent:
    """A contingent election the count sends to Congress."""

    chamber: Literal["house", "senate"]
    candidates: tuple[str, ...]
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"chamber": self.chamber, "candidates": list(self.candidates), "rule": self.rule}


@dataclass(frozen=True)
class CountResult:
    """The outcome of counting one office's electoral votes."""

    office: Office
    tally: Mapping[str, int]
    electors: int
    majority: int
    winner: str | None
    decided_by: DecidedBy | None
    contingent: Contingent | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "winner": self.winner,
            "decided_by": self.decided_by,
            "tally": dict(self.tally),
            "electors": self.electors,
            "majority": self.majority,
        }
        if self.contingent is not None:
            out["contingent"] = self.contingent.to_dict()
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def majority_of(electors: int) -> int:
    """The smallest number of votes that is a majority of ``electors`` appointed."""
    return electors // 2 + 1


def _ranked(votes: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(((c, v) for c, v in votes.items() if v > 0), key=lambda kv: (-kv[1], kv[0])))


def top(votes: Mapping[str, int], n: int) -> tuple[tuple[str, ...], bool]:
    """The ``n`` highest, plus any tied with the n-th; and whether such a tie widened the field."""
    ranked = list(_ranked(votes).items())
    if len(ranked) <= n:
        return tuple(c for c, _ in ranked), False
    cut = ranked[n - 1][1]
    chosen = tuple(c for c, v in ranked if v >= cut)
    return chosen, len(chosen) > n


def count(
    votes: Mapping[str, int],
    electors: int,
    *,
    office: Office = "president",
    house_field: int = 3,
) -> CountResult:
    """Count one office's electoral votes against a majority of ``electors`` appointed.

    Parameters
    ----------
    votes
        Electoral votes per candidate.
    electors
        Electors appointed: the majority is of these, whoever voted.
    office
        ``"president"`` (contingent election in the House) or ``"vice_president"`` (Senate).
    house_field
        Candidates the House may choose among: 3 under the 12th Amendment, 5 before it.
    """
    tally = _ranked(votes)
    cast = sum(tally.values())
    if cast > electors:
        raise ValueError(f"{cast} votes cast by {electors} electors")
    need = majority_of(electors)
    leader = next(iter(tally), None)
    if leader is not None and tally[leader] >= need:
        return CountResult(office, tally, electors, need, leader, "electoral-college")
    if office == "president":
        field_, widened = top(tally, house_field)
        contingent = Contingent(
            "house",
            field_,
            f"12th Amendment: the House chooses among the top {house_field}, one vote per "
            "state delegation; a majority of the states is needed",
        )
        decided: DecidedBy = "house"
    else:
        field_, widened = top(tally, 2)
        contingent = Contingent(
            "senate",
            field_,
            "12th Amendment: the Senate chooses between the top two; a majority of the whole "
            "number of senators is needed",
        )
        decided = "senate"
    notes = ("a tie for the last place widens the field",) if widened else ()
    return CountResult(office, tally, electors, need, None, decided, contingent, notes)
