"""Result objects: frozen, with ``to_dict()`` (the JSON shape) and ``to_frame()`` (pandas).

The CLI's ``--json``, the web API and the tests all serialise these same objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from electoral.rules.allocation import UnitAllocation
from electoral.rules.count import CountResult
from electoral.rules.recount import RecountStatus, majority_recounts, unit_status


def _unit_dict(
    u: UnitAllocation,
    pledged: Mapping[str, int] | None = None,
    recount: RecountStatus | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "winner": u.winner,
        "electors": u.electors,
        "rule": u.rule,
        "margin": None if u.margin is None else round(u.margin, 6),
        "votes": dict(u.votes),
    }
    if pledged is not None:
        out["cast"] = dict(pledged)
    out["recount"] = None if recount is None else recount.to_dict()
    return out


_TALLY_COLUMNS = [
    "state",
    "electors",
    "winner",
    "rule",
    "margin",
    "recount",
    "candidate",
    "votes",
    "electoral_votes",
]
_ELECTION_COLUMNS = ["state", "candidate", "electoral_votes", "pledged_winner", "margin", "recount"]


def votes_line(votes: Mapping[str, int]) -> str:
    """``{"Ann": 3, "Bob": 5}`` -> ``"Bob 5, Ann 3"`` (most votes first)."""
    return ", ".join(f"{c} {v}" for c, v in sorted(votes.items(), key=lambda kv: -kv[1]))


def elector_totals(cast: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """Each candidate's electoral votes summed over the units of ``cast``."""
    totals: dict[str, int] = {}
    for votes in cast.values():
        for c, v in votes.items():
            totals[c] = totals.get(c, 0) + v
    return totals


def _recount_text(st: RecountStatus | None) -> str:
    if st is None:
        return ""
    return st.status if st.threshold is None else f"{st.status} ({st.threshold:.2%} {st.kind})"


@dataclass(frozen=True)
class TallyResult:
    """The Electoral College outcome of one set of returns under one year's rules.

    ``units`` holds each state's (and each Maine/Nebraska district's) allocation; ``cast``
    holds the electoral votes per unit after any faithless-elector adjustment; ``counted``
    the votes Congress counted (``cast`` less what sustained objections set aside);
    ``recounts`` each unit's standing under the recount law of the year (None where no law
    is packaged).
    """

    year: int
    president: CountResult
    units: tuple[UnitAllocation, ...]
    cast: Mapping[str, Mapping[str, int]]
    counted: Mapping[str, Mapping[str, int]]
    source: str
    notes: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())

    @cached_property
    def recounts(self) -> Mapping[str, RecountStatus | None]:
        """Each unit's standing under the recount law of ``year`` (computed when first asked:
        the counts inside analysis loops never pay for it)."""
        return {u.unit: unit_status(u.unit, u.votes, self.year) for u in self.units}

    @property
    def electors(self) -> int:
        """Electors appointed (the count's denominator)."""
        return self.president.electors

    @property
    def majority(self) -> int:
        """Electoral votes needed to win: a majority of the electors appointed."""
        return self.president.majority

    def recounts_within(self) -> list[str]:
        """Units whose margin is within an automatic or a requestable recount."""
        return [u for u, st in self.recounts.items() if st is not None and st.status != "none"]

    def recounts_changing_majority(self) -> list[str]:
        """Units within a recount whose flip alone would change who holds a majority of the
        votes counted (a unit whose votes an objection set aside counts for no one)."""
        runners: dict[str, str] = {}
        for u in self.units:
            ranked = sorted(u.votes.items(), key=lambda kv: -kv[1])
            if len(ranked) > 1 and u.unit in self.counted:
                runners[u.unit] = ranked[1][0]
        return majority_recounts(
            self.recounts,
            {u.unit: u.winner for u in self.units},
            runners,
            {u.unit: u.electors for u in self.units},
            elector_totals(self.counted),
            self.majority,
        )

    def recount_summary(self) -> dict[str, Any] | None:
        """``{"law_year", "within", "could_change_majority"}``; None without a recount law."""
        years = {st.law_year for st in self.recounts.values() if st is not None}
        if not years:
            return None
        return {
            "law_year": min(years),
            "within": self.recounts_within(),
            "could_change_majority": self.recounts_changing_majority(),
        }

    def states_dict(self) -> dict[str, Any]:
        """The JSON shape of each unit: winner, electors, rule, margin, votes, cast, recount."""
        states = {}
        for u in self.units:
            cast = self.cast.get(u.unit)
            states[u.unit] = _unit_dict(
                u, cast if cast != {u.winner: u.electors} else None, self.recounts.get(u.unit)
            )
        return states

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``electoral tally --json``."""
        states = self.states_dict()
        return {
            "year": self.year,
            "source": self.source,
            "electors": self.electors,
            "majority": self.majority,
            "president": self.president.to_dict(),
            "states": states,
            "recounts": self.recount_summary(),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy and long: one row per unit and candidate on its ballot (or given its electors).

        Columns: state, electors (the unit's), winner (the unit's), rule, margin, recount
        (the unit's standing), candidate, votes (the candidate's popular votes) and
        electoral_votes (cast for the candidate, after faithless electors).
        """
        rows = []
        for u in self.units:
            cast = self.cast.get(u.unit, {})
            for c in list(u.votes) + [c for c in cast if c not in u.votes]:
                rows.append(
                    {
                        "state": u.unit,
                        "electors": u.electors,
                        "winner": u.winner,
                        "rule": u.rule,
                        "margin": u.margin,
                        "recount": _recount_text(self.recounts.get(u.unit)),
                        "candidate": c,
                        "votes": int(u.votes.get(c, 0)),
                        "electoral_votes": int(cast.get(c, 0)),
                    }
                )
        return pd.DataFrame(rows, columns=_TALLY_COLUMNS)

    def __repr__(self) -> str:
        lines = [
            f"<TallyResult {self.year} rules, {self.source}: {len(self.units)} units>",
            f"  president: {self.president.summary()}",
        ]
        if self.notes or self.warnings:
            lines.append(f"  {len(self.notes)} notes, {len(self.warnings)} warnings")
        lines.append("  (.to_dict(), .to_frame(), .units, .recounts)")
        return "\n".join(lines)


@dataclass(frozen=True)
class ElectionResult:
    """A recorded election replayed through the rules.

    ``president`` and ``vice_president`` count the electoral votes as recorded; ``pledged``
    is the outcome the year's popular-vote returns give under the allocation rules (None
    where the data has no returns); ``reproduced`` says whether the count of the recorded
    votes gives the recorded winners and how they were decided.
    """

    year: int
    president: CountResult
    vice_president: CountResult | None
    recorded: Mapping[str, tuple[str, str]]
    recorded_states: Mapping[str, Mapping[str, int]]
    pledged: TallyResult | None
    notes: tuple[str, ...] = field(default=())

    @property
    def electors(self) -> int:
        """Electors appointed (the count's denominator)."""
        return self.president.electors

    @property
    def majority(self) -> int:
        """Electoral votes needed to win: a majority of the electors appointed."""
        return self.president.majority

    @property
    def reproduced(self) -> bool:
        """Whether the replay gives the recorded winner of every office counted."""
        offices = [("president", self.president)]
        if self.vice_president is not None:
            offices.append(("vice_president", self.vice_president))
        return all(
            office in self.recorded and (result.winner, result.decided_by) == self.recorded[office]
            for office, result in offices
        )

    def differences(self) -> dict[str, dict[str, dict[str, int]]]:
        """States whose recorded votes differ from what the returns pledged."""
        if self.pledged is None:
            return {}
        pledged: dict[str, dict[str, int]] = {}
        for unit, votes in self.pledged.cast.items():
            st = pledged.setdefault(unit[:2], {})
            for c, v in votes.items():
                st[c] = st.get(c, 0) + v
        return {
            st: {"pledged": pledged.get(st, {}), "cast": dict(cast)}
            for st, cast in sorted(self.recorded_states.items())
            if dict(cast) != pledged.get(st, {})
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``electoral election --json``."""
        return {
            "year": self.year,
            "electors": self.electors,
            "majority": self.majority,
            "president": self.president.to_dict(),
            "vice_president": None
            if self.vice_president is None
            else self.vice_president.to_dict(),
            "reproduced": self.reproduced,
            "recorded": {o: {"winner": w, "decided_by": d} for o, (w, d) in self.recorded.items()},
            "states": {st: dict(v) for st, v in sorted(self.recorded_states.items())},
            "pledged": None
            if self.pledged is None
            else {
                "president": self.pledged.president.to_dict(),
                "states": self.pledged.states_dict(),
                "recounts": self.pledged.recount_summary(),
                "agrees": self.pledged.president.winner == self.president.winner,
            },
            "differences": self.differences(),
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy and long: one row per state and candidate given its electoral votes.

        Columns: state, candidate, electoral_votes (as recorded), and the state's
        pledged_winner, margin and recount under its popular-vote returns (None without).
        """
        pledged = {} if self.pledged is None else {u.unit: u for u in self.pledged.units}
        rows = []
        for st, votes in sorted(self.recorded_states.items()):
            u = pledged.get(st)
            for c, v in votes.items():
                rows.append(
                    {
                        "state": st,
                        "candidate": c,
                        "electoral_votes": int(v),
                        "pledged_winner": None if u is None else u.winner,
                        "margin": None if u is None else u.margin,
                        "recount": None
                        if self.pledged is None
                        else _recount_text(self.pledged.recounts.get(st)),
                    }
                )
        return pd.DataFrame(rows, columns=_ELECTION_COLUMNS)

    def __repr__(self) -> str:
        lines = [
            f"<ElectionResult {self.year}: {self.electors} electors, majority {self.majority}>"
        ]
        lines.append(f"  president: {self.president.summary()}")
        if self.vice_president is not None:
            lines.append(f"  vice president: {self.vice_president.summary()}")
        if self.pledged is not None:
            lines.append(f"  pledged by the returns: {self.pledged.president.summary()}")
        lines.append(
            f"  reproduces the record: {'yes' if self.reproduced else 'no'}; "
            f"{len(self.differences())} states cast other than pledged; {len(self.notes)} notes"
        )
        lines.append("  (.to_dict(), .to_frame(), .differences(), .notes)")
        return "\n".join(lines)
