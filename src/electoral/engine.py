"""The two ways to an outcome, one count: from returns (``tally``) and from the record
(``election``).  This module wires data, rules and results together; the law itself lives in
``electoral.rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from electoral import data
from electoral.errors import DataError, RuleError
from electoral.results import ElectionResult, TallyResult
from electoral.returns import Returns, read_returns
from electoral.rules import eras
from electoral.rules.allocation import UnitAllocation, district_method, statewide_plurality
from electoral.rules.count import count
from electoral.states import DISTRICTS, state

DEFAULT_YEAR = 2024


@dataclass(frozen=True)
class Faithless:
    """``count`` electors of ``state`` pledged to ``from_`` who voted for ``to`` instead."""

    state: str
    from_: str
    to: str
    count: int = 1

    @classmethod
    def parse(cls, spec: str) -> Faithless:
        """Parse ``"state:from:to:count"`` (count optional, default 1)."""
        parts = [p.strip() for p in spec.split(":")]
        if len(parts) == 3:
            parts.append("1")
        if len(parts) != 4 or not all(parts):
            raise DataError(
                f"{spec!r}: expected state:from:to:count, e.g. TX:Trump:Kasich:1",
                file="--faithless",
                field="faithless",
            )
        if not parts[3].isdigit() or int(parts[3]) < 1:
            raise DataError(
                f"{spec!r}: count must be a positive whole number",
                file="--faithless",
                field="faithless",
            )
        book = data.name_book()
        return cls(
            parts[0].upper(), book.canonical(parts[1]), book.canonical(parts[2]), int(parts[3])
        )


def _resolve(name: str, candidates: Iterable[str]) -> str:
    """A candidate named by full name or by a unique last name ("Trump")."""
    pool = list(candidates)
    if name in pool:
        return name
    hits = [c for c in pool if c.split()[-1].lower() == name.split()[-1].lower()]
    return hits[0] if len(hits) == 1 else name


def _allocate(
    ret: Returns,
    year: int,
    electors: Mapping[str, int],
    recorded: Mapping[str, Mapping[str, int]] | None,
) -> tuple[list[UnitAllocation], list[str], list[str]]:
    units: list[UnitAllocation] = []
    notes: list[str] = []
    warnings: list[str] = []
    rows = ret.rows
    for st in sorted(set(rows.state)):
        mine = rows[rows.state == st]
        first = int(mine.line.iloc[0])
        if st not in electors:
            raise DataError(
                f"{state(st).name} appointed no electors in {year}",
                file=ret.source,
                line=first,
                field="state",
            )
        n = electors[st]
        dist_rows = mine[mine.unit != st]
        wide = ret.votes(st)
        if not wide:
            raise DataError(
                f"{st} has district rows but no statewide row",
                file=ret.source,
                line=first,
                field="state",
            )
        if not eras.uses_district_method(st, year):
            if len(dist_rows):
                raise DataError(
                    f"{dist_rows.unit.iloc[0]}: {state(st).name} did not award electors by "
                    f"district in {year} (it has since {eras.DISTRICT_METHOD_SINCE[st]})",
                    file=ret.source,
                    line=int(dist_rows.line.iloc[0]),
                    field="state",
                )
            units.append(statewide_plurality(st, n, wide))
            continue
        given = set(dist_rows.unit)
        if given == set(DISTRICTS[st]):
            units.extend(district_method(st, n, wide, {d: ret.votes(d) for d in DISTRICTS[st]}))
        elif given:
            missing = sorted(set(DISTRICTS[st]) - given)
            raise DataError(
                f"{st} gives some district rows but not {', '.join(missing)}",
                file=ret.source,
                line=int(dist_rows.line.iloc[0]),
                field="state",
            )
        elif recorded is not None and st in recorded:
            split = dict(recorded[st])
            win = max(split, key=lambda c: split[c])
            units.append(UnitAllocation(st, n, win, "recorded", wide))
            notes.append(
                f"{st}: no district returns for {year} in the data; its {n} electors "
                f"are allocated as the record shows ({_fmt(split)})"
            )
        else:
            units.append(statewide_plurality(st, n, wide))
            warnings.append(
                f"{st}: only statewide rows, but {state(st).name} awards electors by district "
                f"in {year}; all {n} electors given to the statewide winner "
                f"{units[-1].winner} (district electors approximated)"
            )
    missing_states = sorted(set(electors) - set(rows.state))
    if missing_states:
        lost = sum(electors[s] for s in missing_states)
        notes.append(
            f"{len(missing_states)} state(s) absent from the returns "
            f"({', '.join(missing_states)}): their {lost} electors are not counted as "
            "appointed; the majority is of the electors appointed"
        )
    return units, notes, warnings


def _fmt(votes: Mapping[str, int]) -> str:
    return ", ".join(f"{c} {v}" for c, v in sorted(votes.items(), key=lambda kv: -kv[1]))


def _cast(
    units: Sequence[UnitAllocation],
    recorded: Mapping[str, Mapping[str, int]] | None,
    faithless: Sequence[Faithless],
) -> dict[str, dict[str, int]]:
    cast: dict[str, dict[str, int]] = {}
    for u in units:
        if u.rule == "recorded" and recorded is not None:
            cast[u.unit] = dict(recorded[u.unit])
        else:
            cast.setdefault(u.unit, {})[u.winner] = u.electors
    for f in faithless:
        if f.state not in cast:
            raise DataError(
                f"{f.state} is not in the returns", file="--faithless", field="faithless"
            )
        votes = cast[f.state]
        src = _resolve(f.from_, votes)
        if votes.get(src, 0) < f.count:
            raise DataError(
                f"{f.state} has {votes.get(src, 0)} electors pledged to {f.from_}, "
                f"fewer than {f.count}",
                file="--faithless",
                field="faithless",
            )
        votes[src] -= f.count
        if votes[src] == 0:
            del votes[src]
        dst = _resolve(f.to, [c for u in cast.values() for c in u])
        votes[dst] = votes.get(dst, 0) + f.count
    return cast


def tally(
    source: str | Path | pd.DataFrame | Returns,
    *,
    year: int = DEFAULT_YEAR,
    faithless: Iterable[Faithless | str] = (),
    recorded: Mapping[str, Mapping[str, int]] | None = None,
) -> TallyResult:
    """Allocate electors from returns and count them under the rules of ``year``.

    Parameters
    ----------
    source
        A CSV path, a DataFrame with columns ``state, candidate, votes[, party]`` or
        validated ``Returns``.
    year
        The election year whose electors and allocation rules apply (default 2024).
    faithless
        Adjustments ``Faithless(state, from_, to, count)`` or ``"state:from:to:count"``.
    recorded
        Recorded electoral votes per state, used for Maine and Nebraska in district-method
        years that lack district returns (``election()`` passes the record).
    """
    ret = read_returns(source)
    electors = data.electors(year)
    adjust = [f if isinstance(f, Faithless) else Faithless.parse(f) for f in faithless]
    units, notes, warnings = _allocate(ret, year, electors, recorded)
    cast = _cast(units, recorded, adjust)
    totals: dict[str, int] = {}
    for votes in cast.values():
        for c, v in votes.items():
            totals[c] = totals.get(c, 0) + v
    appointed = sum(u.electors for u in units)
    result = count(totals, appointed, house_field=eras.house_field(year))
    return TallyResult(year, result, tuple(units), cast, ret.source, tuple(notes), tuple(warnings))


def election(year: int) -> ElectionResult:
    """Replay a recorded election: count the electoral votes as cast, and, where the data has
    the year's popular vote, the electors the returns pledged."""
    if year < eras.TWELFTH_AMENDMENT_SINCE:
        raise RuleError(
            f"{year}: elections before 1804 (two votes per elector) are not replayed yet"
        )
    recorded_states = data.recorded_votes(year)
    electors = data.electors(year)
    totals: dict[str, int] = {}
    for votes in recorded_states.values():
        for c, v in votes.items():
            totals[c] = totals.get(c, 0) + v
    appointed = sum(electors.values())
    notes: list[str] = []
    voted = sum(totals.values())
    if voted < appointed:
        notes.append(f"{appointed - voted} elector(s) appointed cast no vote for president")
    field = eras.house_field(year)
    president = count(totals, appointed, house_field=field)
    vp_votes = data.recorded_vice_president(year)
    vice = count(vp_votes, appointed, office="vice_president") if vp_votes else None
    pledged = None
    if year in data.returns_years():
        rows = read_returns(data.returns(year)).rows
        pledged = tally(
            Returns(rows, f"electoral/data/returns.csv ({year})"),
            year=year,
            recorded=recorded_states,
        )
        notes.extend(pledged.notes)
    return ElectionResult(
        year, president, vice, data.recorded_outcome(year), recorded_states, pledged, tuple(notes)
    )
