"""The count: electoral votes per candidate, the majority, and what happens without one.

Pure functions over plain mappings.  A majority of the electors *appointed* is needed
(12th Amendment).  Without it the House chooses the president among the top three (top five
before 1804), one vote per state delegation, and the Senate the vice president between the
top two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from electoral.rules.contingent import ContingentResult

if TYPE_CHECKING:
    import pandas as pd

DecidedBy = Literal["electoral-college", "house", "senate"]
Office = Literal["president", "vice_president"]


@dataclass(frozen=True)
class Contingent:
    """A contingent election the count sends to Congress."""

    chamber: Literal["house", "senate"]
    candidates: tuple[str, ...]
    rule: str
    result: ContingentResult | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "chamber": self.chamber,
            "candidates": list(self.candidates),
            "rule": self.rule,
        }
        if self.result is not None:
            out["result"] = self.result.to_dict()
        return out


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

    def __repr__(self) -> str:
        return f"<CountResult {self.office}: {self.summary()}>"

    def summary(self) -> str:
        """One line: the tally, the majority and who is elected, and how."""
        top = ", ".join(f"{c} {v}" for c, v in list(self.tally.items())[:4])
        more = f", +{len(self.tally) - 4} more" if len(self.tally) > 4 else ""
        how = (self.decided_by or "undecided").replace("-", " ")
        who = self.winner or "no one"
        return f"{top}{more} (majority {self.majority} of {self.electors}); {who} ({how})"

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate: office, candidate, electoral_votes, winner (bool)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "office": self.office,
                    "candidate": c,
                    "electoral_votes": v,
                    "winner": c == self.winner,
                }
                for c, v in self.tally.items()
            ],
            columns=["office", "candidate", "electoral_votes", "winner"],
        )


#: What the law says when no electoral vote at all is counted for an office.
NOBODY: dict[str, str] = {
    "president": "no electoral votes for president were counted, so nobody has a majority "
    "and the House has nobody to choose among (the 12th Amendment limits it to persons voted "
    "for); with no President elect on Inauguration Day, the Vice President elect acts as "
    "President (20th Amendment, section 3), and failing one too, the officer named by the "
    "Presidential Succession Act (3 U.S.C. 19: the Speaker of the House)",
    "vice_president": "no electoral votes for vice president were counted, so the Senate "
    "has nobody to choose between (12th Amendment: the two highest numbers on the list)",
}


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
    if leader is None:
        # Nobody received an electoral vote (every state's electors set aside, or none
        # appointed): the 12th Amendment's list of "those voted for" is empty, so neither
        # the House nor the Senate has anyone to choose among.
        return CountResult(office, tally, electors, need, None, None, notes=(NOBODY[office],))
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


def count_dual(
    votes: Mapping[str, int], electors: int, *, house_field: int = 5
) -> tuple[CountResult, CountResult]:
    """The count before the 12th Amendment: each elector voted for two persons.

    The person with the most votes, if that is a majority of the electors appointed, is
    president, and the next highest vice president.  Two or more with a majority and equal
    votes: the House chooses among them.  Nobody with a majority: the House chooses among
    the five highest.  A tie for second place (once a president is chosen) goes to the
    Senate (art. II, § 1, cl. 3).

    Returns
    -------
    (president, vice_president); the vice president is undecided (``winner=None``) while
    the House has still to choose the president.
    """
    tally = _ranked(votes)
    if sum(tally.values()) > 2 * electors:
        raise ValueError(f"{sum(tally.values())} votes cast by {electors} electors")
    need = majority_of(electors)
    ranked = list(tally.items())
    top_votes = ranked[0][1] if ranked else 0
    tied_top = [c for c, v in ranked if v == top_votes]
    art2 = "art. II, § 1, cl. 3"
    if top_votes >= need and len(tied_top) == 1:
        president = CountResult(
            "president", tally, electors, need, tied_top[0], "electoral-college"
        )
        return president, _runner_up(tally, electors, need, tied_top[0])
    if top_votes >= need:
        contingent = Contingent(
            "house",
            tuple(tied_top),
            f"{art2}: a tie between persons with a majority; the House "
            "chooses one of them, one vote per state",
        )
    else:
        field_, _ = top(tally, house_field)
        contingent = Contingent(
            "house",
            field_,
            f"{art2}: no majority; the House chooses among the five highest, one vote per state",
        )
    president = CountResult("president", tally, electors, need, None, "house", contingent)
    vice = CountResult(
        "vice_president",
        tally,
        electors,
        need,
        None,
        None,
        notes=("chosen after the president: the next highest in electoral votes",),
    )
    return president, vice


def _runner_up(tally: Mapping[str, int], electors: int, need: int, president: str) -> CountResult:
    """The vice president under art. II: the highest after the president."""
    rest = [(c, v) for c, v in tally.items() if c != president]
    if not rest:
        return CountResult("vice_president", tally, electors, need, None, None)
    second = [c for c, v in rest if v == rest[0][1]]
    if len(second) == 1:
        return CountResult(
            "vice_president",
            tally,
            electors,
            need,
            second[0],
            "electoral-college",
            notes=("art. II: the next highest after the president",),
        )
    contingent = Contingent(
        "senate", tuple(second), "art. II, § 1, cl. 3: a tie for second; the Senate chooses"
    )
    return CountResult("vice_president", tally, electors, need, None, "senate", contingent)


def resolve_contingent(result: CountResult, contingent: ContingentResult) -> CountResult:
    """The count after the contingent election (House or Senate) it was referred to."""
    assert result.contingent is not None
    referral = replace(result.contingent, result=contingent)
    return replace(result, winner=contingent.winner, contingent=referral)


def runner_up_after(dual: CountResult, president: str) -> CountResult:
    """Pre-1804: the vice president once the House has chosen the president."""
    return _runner_up(dual.tally, dual.electors, dual.majority, president)
