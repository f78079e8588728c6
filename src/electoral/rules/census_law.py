"""The apportionment law in force at each election: the acts (``census_acts.LAWS``), the
admissions and transfers of seats between censuses, and the states that had seats but
appointed no electors.

Like ``eras.py``, the law is data: the admissions and transfers are rows of the packaged
``apportionment_acts.csv`` (1790-1900) and of ``LATER_CHANGES`` (1959).  ``electors_by_law``
puts them together: the electors each state was entitled to in an election, and the
states with seats that appointed none (or whose votes Congress did not receive).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from electoral.errors import RuleError
from electoral.rules.census_acts import (
    CONSTITUTION,
    CONSTITUTION_SEATS,
    LAWS,
    NO_APPORTIONMENT_1920,
    CensusLaw,
    Statutory,
)

__all__ = [
    "CONSTITUTION",
    "CONSTITUTION_SEATS",
    "LAWS",
    "NO_APPORTIONMENT_1920",
    "CensusLaw",
    "Change",
    "Entitlement",
    "Statutory",
    "census_for_election",
    "changes",
    "electors_by_law",
    "law",
    "published_seats",
]


@dataclass(frozen=True)
class Change:
    """A state's admission with statutory seats, or seats transferred, between censuses."""

    census: int
    date: dt.date
    kind: str  # admission | transfer
    state: str
    seats: int
    from_state: str
    act: str


#: Changes after 1900 that are not in apportionment_acts.csv: Alaska and Hawaii, one seat
#: each on admission (House of 437 until the 1960 apportionment).
LATER_CHANGES: tuple[Change, ...] = (
    Change(1950, dt.date(1959, 1, 3), "admission", "AK", 1, "",
           "Alaska Statehood Act, Pub. L. 85-508, 72 Stat. 339 (one Representative)"),
    Change(1950, dt.date(1959, 8, 21), "admission", "HI", 1, "",
           "Hawaii Admission Act, Pub. L. 86-3, 73 Stat. 4 (one Representative)"),
)  # fmt: skip

#: States with seats that appointed no electors, or whose electors' votes Congress did not
#: receive: (first election, last election, states, why).
NOT_APPOINTED: tuple[tuple[int, int, tuple[str, ...], str], ...] = (
    (1789, 1789, ("NC", "RI"), "had not ratified the Constitution (art. VII)"),
    (
        1864,
        1864,
        ("AL", "AR", "FL", "GA", "LA", "MS", "NC", "SC", "TN", "TX", "VA"),
        "the Joint Resolution of Feb. 8, 1865 (H.R. 126) declared these states, in which no "
        "valid election was held on Nov. 8, 1864, not entitled to electors; no votes from "
        "them were counted (Louisiana and Tennessee had chosen electors; see the notes)",
    ),
    (
        1868,
        1868,
        ("MS", "TX", "VA"),
        "not yet restored to representation in Congress (readmitted 1870); no electors",
    ),
)

#: Electors a state chose before Congress admitted it, and whose votes Congress counted
#: (outright or in the alternative).  Otherwise a state's seats count for an election only
#: if it was admitted before the electors met (Kansas, admitted Jan. 29, 1861, had no
#: electors in 1860).
PROVISIONAL: dict[tuple[int, str], tuple[int, str]] = {
    (1816, "IN"): (
        3,
        "Indiana was admitted Dec. 11, 1816, a week after its electors voted (Dec. 4); "
        "its 3 votes were counted on Feb. 12, 1817",
    ),
    (1820, "MO"): (
        3,
        "Missouri chose electors before its admission (Aug. 10, 1821); by Clay's resolution "
        "its 3 votes were counted in the alternative on Feb. 14, 1821",
    ),
    (1836, "MI"): (
        3,
        "Michigan was admitted Jan. 26, 1837, after its electors voted (Dec. 7, 1836); "
        "its 3 votes were announced both counted and not counted on Feb. 8, 1837",
    ),
}


def law(census: int) -> CensusLaw:
    """The law of ``census``'s apportionment (1790-2020, not 1920)."""
    if census == 1920:
        raise RuleError(NO_APPORTIONMENT_1920)
    if census not in LAWS:
        raise RuleError(
            f"no census {census} in the data (censuses: {', '.join(map(str, LAWS))}; "
            "1920 was not used to reapportion)"
        )
    return LAWS[census]


def census_before(year: int) -> int:
    """The last decennial census taken before the election of ``year`` (2020 -> 2010,
    2024 -> 2020): the populations a House apportioned for that election would use.  Not
    always the census that *governed* it (1924 -> 1920, which was never apportioned; see
    :func:`census_for_election`)."""
    return (year - 2) // 10 * 10


def census_for_election(year: int) -> int | None:
    """The census whose apportionment governed the election of ``year`` (None: 1789)."""
    if year < 1792:
        return None
    return max(c for c, rule in LAWS.items() if rule.first_election <= year)


@cache
def changes() -> tuple[Change, ...]:
    """Every admission and transfer of seats, 1790-1959, in date order."""
    from electoral.data.census import apportionment_acts_table

    t = apportionment_acts_table()
    rows = [
        Change(int(c), d, str(k), str(st), int(n), str(f), str(act))
        for c, d, k, st, n, f, act in t.loc[
            t.kind != "act", ["census", "date", "kind", "state", "seats", "from_state", "act"]
        ].itertuples(index=False)
    ]
    return tuple(sorted([*rows, *LATER_CHANGES], key=lambda c: c.date))


def published_seats(census: int) -> dict[str, int]:
    """The enacted seats of ``census`` (House Historian / Census Bureau tables)."""
    return dict(_published(census))


@cache
def _published(census: int) -> tuple[tuple[str, int], ...]:
    from electoral.data import apportionment_table
    from electoral.data.census import early_apportionment_table

    for t in (early_apportionment_table(), apportionment_table()):
        rows = t[t.census == census]
        if not rows.empty:
            return tuple(zip(rows.state.astype(str), (int(n) for n in rows.seats), strict=True))
    law(census)  # 1920 or an unknown census says why
    raise RuleError(f"no seats for census {census} in the data")


@dataclass(frozen=True)
class Entitlement:
    """The electors each state was entitled to in one election, and why."""

    year: int
    census: int | None
    electors: Mapping[str, int]  # states that appointed electors (as in the record)
    seats: Mapping[str, int]  # House seats in force, every state
    changes: tuple[Change, ...]  # admissions and transfers in force since the census
    not_appointed: Mapping[str, str]  # state -> why it had seats but no electors
    provisional: Mapping[str, str]  # state -> counted in the alternative before admission

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "census": self.census,
            "house_size": sum(self.seats.values()),
            "electors": dict(self.electors),
            "seats": dict(self.seats),
            "changes": [
                {"date": c.date.isoformat(), "kind": c.kind, "state": c.state, "seats": c.seats}
                for c in self.changes
            ],
            "not_appointed": dict(self.not_appointed),
            "provisional": dict(self.provisional),
        }


@cache
def electors_by_law(year: int) -> Entitlement:
    """Electors per state for the election of ``year`` from the apportionment law alone:
    the census's enacted seats, the admissions and transfers made before the electors met,
    two senators each, and DC's three from 1964; ``PROVISIONAL`` states besides."""
    from electoral.rules.calendar import calendar
    from electoral.rules.eras import era

    census = census_for_election(year)
    seats = dict(CONSTITUTION_SEATS) if census is None else published_seats(census)
    met = calendar(year).electors_meet.date
    assert met is not None
    applied = []
    if census is not None:
        for c in changes():
            if c.census < census or c.date >= met:
                continue
            if c.census == census or c.date.year > census:
                applied.append(c)
                if c.kind == "transfer":
                    seats[c.from_state] -= c.seats
                seats[c.state] = c.seats
    out = {st: n + 2 for st, n in seats.items()}
    if era(year).dc_electors:
        out["DC"] = int(era(year).dc_electors)
    missing = {}
    for first, last, states, why in NOT_APPOINTED:
        if first <= year <= last:
            for st in states:
                missing[st] = why
                out.pop(st)
    prov = {}
    for (y, st), (n, why) in PROVISIONAL.items():
        if y == year:
            out[st], prov[st] = n, why
    return Entitlement(year, census, out, seats, tuple(applied), missing, prov)
