"""Alternative ways to choose the president, replayed on a year's returns.

- ``proportional``: each state's electors split in proportion to its popular vote, whole
  electors by largest remainders (Hamilton);
- ``districts``: Maine's and Nebraska's method everywhere the data has district returns
  (elsewhere statewide, and the result says which states were approximated);
- ``national``: the national popular-vote plurality winner takes every elector;
- ``compact``: the National Popular Vote Interstate Compact, active only when its members
  hold a majority of electors: then members' electors go to the national winner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from electoral.analysis.board import national_votes
from electoral.results import TallyResult, elector_totals
from electoral.rules.count import CountResult, count, majority_of

if TYPE_CHECKING:
    import pandas as pd

#: Members of the National Popular Vote Interstate Compact and the year each enacted it
#: (National Popular Vote, "Status of National Popular Vote Bill in Each State";
#: Maine and Minnesota enacted in April and May 2024).
NPV_COMPACT: dict[str, int] = {
    "MD": 2007,
    "NJ": 2008,
    "IL": 2008,
    "HI": 2008,
    "WA": 2009,
    "MA": 2010,
    "DC": 2010,
    "VT": 2011,
    "CA": 2011,
    "RI": 2013,
    "NY": 2014,
    "CT": 2018,
    "CO": 2019,
    "DE": 2019,
    "NM": 2019,
    "OR": 2019,
    "ME": 2024,
    "MN": 2024,
}


def largest_remainders(votes: Mapping[str, int], seats: int) -> dict[str, int]:
    """Hamilton's method: whole seats by quota, the rest to the largest remainders.

    Ties among remainders go to the candidate with more votes, then by name.
    """
    total = sum(votes.values())
    if total == 0 or seats == 0:
        return {}
    quotas = {c: v * seats / total for c, v in votes.items()}
    out = {c: int(q) for c, q in quotas.items()}
    rest = seats - sum(out.values())
    order = sorted(votes, key=lambda c: (-(quotas[c] - out[c]), -votes[c], c))
    for c in order[:rest]:
        out[c] += 1
    return {c: n for c, n in out.items() if n > 0}


@dataclass(frozen=True)
class SystemResult:
    """The outcome of one alternative system."""

    system: str
    president: CountResult
    cast: Mapping[str, Mapping[str, int]]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "president": self.president.to_dict(),
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per unit and candidate given electoral votes under the system."""
        import pandas as pd

        rows = [
            {"system": self.system, "unit": u, "candidate": c, "electoral_votes": v}
            for u, votes in self.cast.items()
            for c, v in votes.items()
        ]
        return pd.DataFrame(rows, columns=["system", "unit", "candidate", "electoral_votes"])


def _count(system: str, cast: dict[str, dict[str, int]], notes: Iterable[str] = ()) -> SystemResult:
    totals = elector_totals(cast)
    return SystemResult(system, count(totals, sum(totals.values())), cast, tuple(notes))


def _statewide(t: TallyResult) -> dict[str, tuple[int, dict[str, int]]]:
    """Each state's electors (at-large pair plus its districts) and statewide votes."""
    out: dict[str, tuple[int, dict[str, int]]] = {}
    for u in t.units:
        st = u.unit[:2]
        n, votes = out.get(st, (0, {}))
        out[st] = (n + u.electors, votes if u.rule == "district" else dict(u.votes))
    return out


def proportional(t: TallyResult) -> SystemResult:
    """Every state's electors split by largest remainders on its popular vote."""
    cast = {
        st: largest_remainders({c: v for c, v in votes.items() if c != "Other"}, n)
        for st, (n, votes) in _statewide(t).items()
    }
    return _count("proportional", cast)


def districts_everywhere(t: TallyResult) -> SystemResult:
    """Two electors at large and one per district wherever district returns exist."""
    cast: dict[str, dict[str, int]] = {}
    whole = []
    for u in t.units:
        cast[u.unit] = {u.winner: u.electors}
        if u.rule in ("statewide-plurality", "recorded"):
            whole.append(u.unit)
    notes = (
        [f"no district returns for {len(whole)} states in the data: they stay winner-take-all"]
        if whole
        else []
    )
    return _count("districts", cast, notes)


def national_popular_vote(t: TallyResult) -> SystemResult:
    """The national plurality winner takes every elector."""
    nat = national_votes(t)
    winner = next(c for c in nat if c != "Other")
    n = sum(u.electors for u in t.units)
    return _count(
        "national", {"US": {winner: n}}, [f"national plurality: {winner} {nat[winner]:,} votes"]
    )


def compact(
    t: TallyResult, members: Mapping[str, int] | Iterable[str] | None = None
) -> SystemResult:
    """The National Popular Vote compact as of ``t.year`` (or with the members given)."""
    if members is None:
        joined = {st for st, y in NPV_COMPACT.items() if y <= t.year}
    else:
        joined = set(members)
    states = _statewide(t)
    held = sum(n for st, (n, _) in states.items() if st in joined)
    majority = majority_of(sum(n for n, _ in states.values()))
    cast = {u.unit: {u.winner: u.electors} for u in t.units}
    if held < majority:
        note = (
            f"compact inactive: its {len(joined)} members hold {held} electors, fewer than "
            f"the {majority} it needs; states allocate as usual"
        )
        return _count("compact", cast, [note])
    nat = national_votes(t)
    winner = next(c for c in nat if c != "Other")
    for u in t.units:
        if u.unit[:2] in joined:
            cast[u.unit] = {winner: u.electors}
    return _count(
        "compact",
        cast,
        [
            f"compact active: {len(joined)} members with {held} "
            f"electors give them to the national winner {winner}"
        ],
    )
