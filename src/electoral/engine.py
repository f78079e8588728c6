"""The two ways to an outcome, one count: from returns (``tally``) and from the record
(``election``).  This module wires data, rules and results together; the law itself lives in
``electoral.rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from electoral import data
from electoral.errors import DataError
from electoral.names import find
from electoral.results import ElectionResult, TallyResult, elector_totals, votes_line
from electoral.returns import Returns, read_returns
from electoral.rules import eras
from electoral.rules.allocation import UnitAllocation, district_method, statewide_plurality
from electoral.rules.contingent import house_election, senate_election
from electoral.rules.count import (
    CountResult,
    count,
    count_dual,
    resolve_contingent,
    runner_up_after,
)
from electoral.rules.objections import Objection, Ruling, rule_on
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
                field="faithless",
            )
        # a count longer than 30 digits is refused before int(), which stops at 4,300
        count = int(parts[3]) if parts[3].isdecimal() and len(parts[3]) <= 30 else 0
        if not 1 <= count <= 1000:
            raise DataError(
                f"{spec!r}: count must be a positive whole number",
                field="faithless",
            )
        book = data.name_book()
        return cls(parts[0].upper(), book.canonical(parts[1]), book.canonical(parts[2]), count)


def _allocate(
    ret: Returns,
    year: int,
    electors: Mapping[str, int],
    recorded: Mapping[str, Mapping[str, int]] | None,
) -> tuple[list[UnitAllocation], list[str], list[str]]:
    units: list[UnitAllocation] = []
    notes: list[str] = []
    warnings: list[str] = []
    for st, lines in ret.first_lines.items():
        first = min(lines.values())
        if st not in electors:
            raise DataError(
                f"{state(st).name} appointed no electors in {year}",
                file=ret.source,
                line=first,
                field="state",
            )
        n = electors[st]
        dist_lines = {u: ln for u, ln in lines.items() if u != st}
        first_district = min(dist_lines, key=lambda u: dist_lines[u]) if dist_lines else ""
        wide = ret.votes(st)
        if not wide:
            raise DataError(
                f"{st} has district rows but no statewide row",
                file=ret.source,
                line=first,
                field="state",
            )
        if not eras.uses_district_method(st, year):
            if dist_lines:
                raise DataError(
                    f"{first_district}: {state(st).name} did not award electors by "
                    f"district in {year} (it has since {eras.DISTRICT_METHOD_SINCE[st]})",
                    file=ret.source,
                    line=dist_lines[first_district],
                    field="state",
                )
            units.append(statewide_plurality(st, n, wide))
            continue
        given = set(dist_lines)
        if given == set(DISTRICTS[st]):
            units.extend(district_method(st, n, wide, {d: ret.votes(d) for d in DISTRICTS[st]}))
        elif given:
            missing = sorted(set(DISTRICTS[st]) - given)
            raise DataError(
                f"{st} gives some district rows but not {', '.join(missing)}",
                file=ret.source,
                line=dist_lines[first_district],
                field="state",
            )
        elif recorded is not None and st in recorded:
            split = dict(recorded[st])
            win = max(split, key=lambda c: split[c])
            units.append(UnitAllocation(st, n, win, "recorded", wide))
            notes.append(
                f"{st}: no district returns for {year} in the data; its {n} electors "
                f"are allocated as the record shows ({votes_line(split)})"
            )
        else:
            units.append(statewide_plurality(st, n, wide))
            warnings.append(
                f"{st}: only statewide rows, but {state(st).name} awards electors by district "
                f"in {year}; all {n} electors given to the statewide winner "
                f"{units[-1].winner} (district electors approximated)"
            )
    missing_states = sorted(set(electors) - set(ret.first_lines))
    if missing_states:
        lost = sum(electors[s] for s in missing_states)
        notes.append(
            f"{len(missing_states)} state(s) absent from the returns "
            f"({', '.join(missing_states)}): their {lost} electors are not counted as "
            "appointed; the majority is of the electors appointed"
        )
    return units, notes, warnings


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
            raise DataError(f"{f.state} is not in the returns", field="faithless")
        votes = cast[f.state]
        src = find(f.from_, votes) or f.from_
        if votes.get(src, 0) < f.count:
            raise DataError(
                f"{f.state} has {votes.get(src, 0)} electors pledged to {f.from_}, "
                f"fewer than {f.count}",
                field="faithless",
            )
        votes[src] -= f.count
        if votes[src] == 0:
            del votes[src]
        dst = find(f.to, [c for u in cast.values() for c in u]) or f.to
        votes[dst] = votes.get(dst, 0) + f.count
    return cast


@cache
def recorded_returns(year: int) -> Returns:
    """A year's packaged returns as validated ``Returns`` (read once; do not mutate)."""
    rows = read_returns(data.returns(year)).rows
    return Returns(rows, f"electoral/data/returns.csv ({year})")


def pledged(year: int) -> TallyResult:
    """The electors a year's recorded returns pledged under its allocation rules (Maine and
    Nebraska take the recorded split in years without district returns)."""
    return tally(recorded_returns(year), year=year, recorded=data.recorded_votes(year))


def _objections(objections: Iterable[Objection | str]) -> list[Objection]:
    return [o if isinstance(o, Objection) else Objection.parse(o) for o in objections]


def _ruling_notes(rulings: Iterable[Ruling]) -> list[str]:
    return [f"objection to {r.objection.state} ({r.objection.ground}): {r.reason}" for r in rulings]


def tally(
    source: str | Path | pd.DataFrame | Returns,
    *,
    year: int = DEFAULT_YEAR,
    faithless: Iterable[Faithless | str] = (),
    objections: Iterable[Objection | str] = (),
    recorded: Mapping[str, Mapping[str, int]] | None = None,
    electors: Mapping[str, int] | None = None,
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
    objections
        Objections in Congress's count (``Objection`` or ``"STATE:GROUND[:SUSTAINED_BY]"``),
        under the Electoral Count Reform Act.
    recorded
        Recorded electoral votes per state, used for Maine and Nebraska in district-method
        years that lack district returns (``election()`` passes the record).
    electors
        Electors per state instead of the year's apportionment (another House size or
        method); a district-method state whose electors no longer equal two plus its
        districts is then allocated statewide, with a note.
    """
    ret = read_returns(source)
    extra: list[str] = []
    if electors is None:
        electors = data.electors(year)
    else:
        rows = ret.rows
        for st, district_units in DISTRICTS.items():
            if (
                st in electors
                and electors[st] != 2 + len(district_units)
                and (rows.state == st).any()
            ):
                if (rows[rows.state == st].unit != st).any():
                    extra.append(
                        f"{st}: {electors[st]} electors under this apportionment, so "
                        "its district rows are set aside and it is allocated statewide"
                    )
                rows = rows[~((rows.state == st) & (rows.unit != st))]
        ret = Returns(rows, ret.source)
    adjust = [f if isinstance(f, Faithless) else Faithless.parse(f) for f in faithless]
    units, notes, warnings = _allocate(ret, year, electors, recorded)
    notes = extra + notes
    cast = _cast(units, recorded, adjust)
    ruled = rule_on(_objections(objections), cast, {u.unit: u.electors for u in units})
    appointed = sum(u.electors for u in units) - ruled.removed
    result = count(elector_totals(ruled.counted), appointed, house_field=eras.house_field(year))
    notes.extend(_ruling_notes(ruled.rulings))
    return TallyResult(
        year, result, tuple(units), cast, ruled.counted, ret.source, tuple(notes), tuple(warnings)
    )


def _contingent(
    year: int,
    president: CountResult,
    vice: CountResult | None,
    dual: bool,
    notes: list[str],
) -> tuple[CountResult, CountResult | None]:
    """Run the recorded contingent elections the count calls for."""
    if president.winner is None and president.contingent is not None:
        referral = president.contingent
        ballots = data.house_ballots(year)
        states = data.contingent_members(year, "house")
        if ballots and states is not None:
            res = house_election(ballots, states, referral.candidates)
            president = resolve_contingent(president, res)
            if dual and res.winner is not None:
                vice = runner_up_after(president, res.winner)
        else:
            notes.append(
                f"no recorded House vote for {year}: the House would choose among "
                f"{', '.join(referral.candidates)}"
            )
    if vice is not None and vice.winner is None and vice.contingent is not None:
        senate_field = vice.contingent.candidates
        votes, not_voting = data.senate_votes(year)
        senators = data.contingent_members(year, "senate")
        if votes and senators is not None:
            res = senate_election(votes, senators, senate_field, not_voting=not_voting)
            vice = resolve_contingent(vice, res)
        else:
            notes.append(
                f"no recorded Senate vote for {year}: the Senate would choose between "
                f"{', '.join(senate_field)}"
            )
    return president, vice


def election(year: int, *, objections: Iterable[Objection | str] = ()) -> ElectionResult:
    """Replay a recorded election under the rules of its year.

    The electoral votes as cast and counted go through that year's count (dual ballots
    before 1804), then through the recorded contingent elections where nobody had a
    majority; where the data has the year's popular vote, the electors the returns pledged
    are shown beside the record.  ``objections`` asks what the count would have given had
    Congress sustained objections to some states' votes.
    """
    era = eras.era(year)
    recorded_states = data.recorded_votes(year)
    electors = data.electors(year)
    appointed = sum(electors.values())
    notes: list[str] = []
    for r in data.irregularities(year).itertuples(index=False):
        if r.kind in ("not-appointed", "rejected"):
            appointed -= int(str(r.electors))
            notes.append(
                f"{r.state}: {r.note}; its {r.electors} electors are not counted as appointed"
            )
        else:
            notes.append(f"{r.state}: {r.note}")
    not_counted = data.recorded_votes(year, counted=False)
    for st, votes in not_counted.items():
        notes.append(f"{st}: votes cast but not counted: {votes_line(votes)}")
    ruled = rule_on(_objections(objections), recorded_states, electors)
    counted, rulings = ruled.counted, ruled.rulings
    appointed -= ruled.removed
    notes.extend(_ruling_notes(rulings))
    if rulings and era.count_law != "ecra-2022":
        notes.append(
            f"objections are judged under the Electoral Count Reform Act of 2022; the "
            f"count of {year} was governed by: {dict(era.citations)['count_law']}"
        )
    totals = elector_totals(counted)
    per_elector = 2 if era.dual_ballot else 1
    voted = sum(totals.values()) // per_elector + sum(elector_totals(not_counted).values())
    if voted < appointed:
        notes.append(f"{appointed - voted} elector(s) appointed cast no vote for president")
    vice: CountResult | None
    if era.dual_ballot:
        president, vice = count_dual(totals, appointed, house_field=era.house_field)
    else:
        president = count(totals, appointed, house_field=era.house_field)
        vp_votes = data.recorded_vice_president(year)
        vice = None
        if vp_votes and not rulings:
            vice = count(vp_votes, appointed, office="vice_president")
        elif vp_votes:
            notes.append(
                "the data has only national totals for vice president, not votes by "
                "state, so the vice-presidential count under objections is not "
                "computed"
            )
    president, vice = _contingent(year, president, vice, era.dual_ballot, notes)
    pledged_by_returns = None
    if year in data.returns_years() and not rulings:
        pledged_by_returns = pledged(year)
        notes.extend(pledged_by_returns.notes)
    return ElectionResult(
        year,
        president,
        vice,
        data.recorded_outcome(year),
        recorded_states,
        pledged_by_returns,
        tuple(notes),
    )
