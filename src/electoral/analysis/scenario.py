"""Scenarios: a year's returns (or a named import) changed, then counted by the same engine.

Changes apply in this order, each to the votes of the two leading national candidates
``a`` (the one the swing favours) and ``b``:

1. ``swing``: a uniform swing of ``d`` margin points (a fraction: 0.02 moves every unit's
   margin two points toward ``a``): ``d/2`` of each unit's votes move from ``b`` to ``a``.
2. ``proportional_swing``: the national margin moves ``d`` points, each unit losing the
   same *fraction* of ``b``'s vote (Butler's proportional swing).
3. ``margins``: set a unit's margin (``a`` minus ``b``, fraction of the unit's votes),
   keeping ``a + b`` fixed.
4. ``flips``: the named candidate takes the unit: the two top candidates' votes there are
   exchanged.
5. ``tossups``: units left unallocated; the outcome says what is still undecided and the
   paths to a majority over them.

The returns are changed, never the allocation: the count that follows is ``tally``'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from electoral import data
from electoral.analysis.board import FloatArray, national_votes
from electoral.engine import recorded_returns, tally
from electoral.errors import DataError
from electoral.names import find
from electoral.results import TallyResult, elector_totals
from electoral.returns import Returns, read_returns
from electoral.rules.census_law import census_before
from electoral.rules.count import CountResult, count
from electoral.validate import MAX_HOUSE, MAX_PATHS_LIMIT, MAX_TOSSUPS, check_number, check_whole

if TYPE_CHECKING:
    from electoral.analysis.paths import Paths

Base = int | str | Path | pd.DataFrame | Returns


def base_returns(base: Base) -> Returns:
    """A year's packaged returns (``2020``), a CSV path or frame, or ``Returns``."""
    if isinstance(base, int):
        return recorded_returns(base)
    return read_returns(base)


@dataclass(frozen=True)
class Scenario:
    """What to change, and under which year's rules to count."""

    base: Base
    year: int | None = None
    toward: str | None = None
    swing: float = 0.0
    proportional_swing: float = 0.0
    margins: Mapping[str, float] = field(default_factory=dict)
    flips: Mapping[str, str] = field(default_factory=dict)
    tossups: Sequence[str] = ()
    seats: int | None = None
    method: str | None = None

    def rules_year(self) -> int:
        """The year whose rules and electors apply: ``year``, else the base year, else 2024."""
        if self.year is not None:
            return self.year
        return self.base if isinstance(self.base, int) else 2024


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of a scenario: the count, the tossups still open and the changes made."""

    scenario: Scenario
    result: TallyResult
    president: CountResult
    tossups: Mapping[str, int]
    changes: tuple[str, ...]
    paths: Paths | None = None
    decided: Mapping[str, int] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The changed map's tidy frame (one row per unit and candidate, see
        ``TallyResult.to_frame``) with a ``tossup`` column: the unit is left open."""
        frame = self.result.to_frame()
        frame["tossup"] = frame.state.isin(list(self.tossups))
        return frame

    def __repr__(self) -> str:
        lines = [
            f"<ScenarioResult {self.result.year} rules: {len(self.changes)} changes, "
            f"{len(self.tossups)} tossups>",
            f"  president: {self.president.summary()}",
        ]
        lines += [f"  change: {c}" for c in self.changes[:5]]
        if self.paths is not None:
            wins = ", ".join(f"{c} {n}" for c, n in self.paths.wins.items())
            lines.append(f"  paths over {self.paths.combinations} combinations: {wins}")
        lines.append("  (.to_dict(), .to_frame(), .result, .paths)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        d = self.result.to_dict()
        d["president"] = self.president.to_dict()
        d["tossups"] = dict(self.tossups)
        d["changes"] = list(self.changes)
        if self.paths is not None:
            d["paths"] = self.paths.to_dict()
        return d


def _check_units(units: Sequence[str], rows: pd.DataFrame, what: str) -> None:
    known = set(rows.unit)
    for u in units:
        if u not in known:
            raise DataError(f"{u!r} is not a unit of these returns", field=what)


def check_scenario(s: Scenario) -> None:
    """Every number of a scenario finite and in range (``DataError`` naming the field):
    margins are fractions of a unit's votes in [-1, 1], swings move margins by at most 2."""
    check_number(s.swing, field="swing", lo=-2, hi=2)
    check_number(s.proportional_swing, field="proportional_swing", lo=-2, hi=2)
    for u, m in s.margins.items():
        check_number(m, field=f"margin {u}", lo=-1, hi=1)
    if s.seats is not None:
        check_whole(s.seats, field="seats", lo=1, hi=MAX_HOUSE)
    if len(s.tossups) > MAX_TOSSUPS:
        raise DataError(
            f"{len(s.tossups)} tossups: at most {MAX_TOSSUPS} units can be left open",
            field="tossups",
        )


@dataclass(frozen=True)
class Changed:
    """Returns after a scenario's changes: the two candidates ``a`` (whom the swings favour)
    and ``b``, and a description of each change."""

    returns: Returns
    a: str
    b: str
    changes: tuple[str, ...]


def apply_changes(returns: Returns, s: Scenario) -> Changed:
    """The changed returns, the two candidates and a description of each change."""
    check_scenario(s)
    rows = returns.rows.copy()
    statewide = rows[~rows.unit.str.contains("-")]
    nat = statewide.groupby("candidate").votes.sum().sort_values(ascending=False)
    top = [c for c in nat.index if c != "Other"][:2]
    if len(top) < 2:
        raise DataError("a scenario needs two candidates", file=returns.source)
    a, b = top
    if s.toward is not None:
        book = data.name_book()
        name = book.canonical(s.toward)
        hit = find(name, top, unique=False)
        if hit is None:
            raise DataError(
                f"{s.toward!r} is not one of the two leading candidates ({a}, {b})",
                field="toward",
            )
        if hit == b:
            a, b = b, a
    changes: list[str] = []
    units = rows.unit.unique()
    code = pd.Categorical(rows.unit, categories=units).codes
    is_a = (rows.candidate == a).to_numpy()
    is_b = (rows.candidate == b).to_numpy()
    counts = rows.votes.to_numpy(dtype="float64")
    va: FloatArray = np.bincount(code[is_a], counts[is_a], len(units)).astype(np.float64)
    vb: FloatArray = np.bincount(code[is_b], counts[is_b], len(units)).astype(np.float64)
    tot: FloatArray = np.bincount(code, counts, len(units)).astype(np.float64)
    if s.swing:
        move: FloatArray = np.clip(s.swing / 2 * tot, -va, vb)
        va, vb = va + move, vb - move
        changes.append(f"uniform swing of {s.swing:+.2%} in margin toward {a}")
    if s.proportional_swing:
        loser_nat = float(nat.get(b if s.proportional_swing > 0 else a, 0))
        frac = abs(s.proportional_swing) * float(nat.sum()) / 2 / loser_nat if loser_nat else 0
        frac = min(frac, 1.0)
        move = frac * vb if s.proportional_swing > 0 else -frac * va
        va, vb = va + move, vb - move
        changes.append(
            f"proportional swing of {s.proportional_swing:+.2%} in national margin toward {a}"
        )
    index = {str(u): i for i, u in enumerate(units)}
    _check_units(list(s.margins), rows, "margin")
    for u, m in s.margins.items():
        i = index[u]
        both = va[i] + vb[i]
        gap = float(np.clip(m * tot[i], -both, both))
        va[i], vb[i] = (both + gap) / 2, (both - gap) / 2
        changes.append(f"{u}: margin set to {m:+.2%} for {a}")
    new = rows.copy()
    new["votes"] = np.where(
        is_a, np.rint(va)[code], np.where(is_b, np.rint(vb)[code], counts)
    ).astype("int64")
    _check_units(list(s.flips), rows, "flip")
    for u, who in s.flips.items():
        cand = data.name_book().canonical(who)
        here = new[new.unit == u].sort_values("votes", ascending=False)
        names = list(here.candidate)
        match = find(cand, names, unique=False)
        if match is None:
            raise DataError(f"{who!r} is not on the ballot in {u}", field="flip")
        if names[0] != match:
            lead = int(here.votes.iloc[0])
            mine = int(here.loc[here.candidate == match, "votes"].iloc[0])
            new.loc[(new.unit == u) & (new.candidate == names[0]), "votes"] = mine
            new.loc[(new.unit == u) & (new.candidate == match), "votes"] = lead
        changes.append(f"{u}: flipped to {match}")
    new["votes"] = new.votes.astype("int64")
    return Changed(returns=Returns(new, returns.source), a=a, b=b, changes=tuple(changes))


def reapportioned(year: int, seats: int | None, method: str | None) -> dict[str, int]:
    """Electors per state for ``year`` under another House size or apportionment method."""
    from electoral.rules.apportionment import apportion_census

    size = 435 if seats is None else check_whole(seats, field="seats", lo=1, hi=MAX_HOUSE)
    a = apportion_census(census_before(year), size, method or "huntington-hill")
    return a.electoral_votes()


def run(s: Scenario, *, limit: int = 10) -> ScenarioResult:
    """Apply a scenario and count it; ``limit`` caps the smallest winning sets listed."""
    check_whole(limit, field="limit", lo=0, hi=MAX_PATHS_LIMIT)
    changed = apply_changes(base_returns(s.base), s)
    returns, a, b, changes = changed.returns, changed.a, changed.b, list(changed.changes)
    year = s.rules_year()
    electors = None
    if s.seats is not None or s.method is not None:
        electors = reapportioned(year, s.seats, s.method)
        changes.append(
            f"House of {435 if s.seats is None else s.seats} seats apportioned by "
            f"{s.method or 'huntington-hill'} from the {census_before(year)} census: "
            f"{sum(electors.values())} electors"
        )
    result = tally(returns, year=year, electors=electors)
    units = {u.unit: u for u in result.units}
    _check_units(list(s.tossups), returns.rows, "tossup")
    tossups = {t: units[t].electors for t in s.tossups}
    decided = elector_totals({u: v for u, v in result.cast.items() if u not in tossups})
    appointed = result.electors
    president = result.president
    paths = None
    if tossups:
        full = count(decided, appointed)
        if full.winner is None:
            president = CountResult(
                "president",
                full.tally,
                appointed,
                full.majority,
                None,
                None,
                notes=(f"{sum(tossups.values())} electors in tossups: the outcome is open",),
            )
        else:
            president = full
        from electoral.analysis.paths import count_paths

        paths = count_paths(decided, tossups, (a, b), full.majority, limit=limit)
        changes.append(f"tossups: {', '.join(s.tossups)}")
    return ScenarioResult(
        scenario=s,
        result=result,
        president=president,
        tossups=tossups,
        changes=tuple(changes),
        paths=paths,
        decided=decided,
    )


__all__ = [
    "Changed",
    "Scenario",
    "ScenarioResult",
    "apply_changes",
    "base_returns",
    "national_votes",
    "run",
]
