"""Which rules applied in which year: data, not branches.

Each rule is a list of changes ``(first election year, value, citation)``; ``era(year)``
reads the value in force for every rule, and ``era_table()`` lays the whole history out as
one table (one row per election).  The engine asks ``era(year)`` and never tests a year
itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from electoral.errors import RuleError
from electoral.states import DISTRICTS

FIRST_ELECTION = 1789

#: (first election the value applies to, value, the law)
Changes = tuple[tuple[int, Any, str], ...]

BALLOTS: Changes = (
    (1789, "dual", "U.S. Const. art. II, § 1, cl. 3: each elector votes for two persons"),
    (1804, "separate", "12th Amendment (1804): distinct ballots for president and vice president"),
)
HOUSE_FIELD: Changes = (
    (1789, 5, "U.S. Const. art. II, § 1, cl. 3: the House chooses among the five highest"),
    (1804, 3, "12th Amendment: the House chooses among the three highest"),
)
SENATE_FIELD: Changes = (
    (
        1789,
        0,
        "art. II, § 1, cl. 3: the Senate chooses the vice president only between "
        "persons tied for second after the president is chosen",
    ),
    (1804, 2, "12th Amendment: the Senate chooses between the two highest for vice president"),
)
DC_ELECTORS: Changes = (
    (1789, 0, "the District of Columbia appointed no electors"),
    (1964, 3, "23rd Amendment (1961): DC appoints electors, no more than the least populous state"),
)
#: District method: Maine since 1972 (Me. Rev. Stat. tit. 21-A § 802, enacted 1969),
#: Nebraska since 1992 (Neb. Rev. Stat. § 32-1038, enacted 1991).
DISTRICT_STATES: Changes = (
    (1789, (), "statewide (or legislative) appointment in every state"),
    (1972, ("ME",), "Maine: two electors at large, one per congressional district (1969 law)"),
    (1992, ("ME", "NE"), "Nebraska joins Maine in the district method (1991 law)"),
)
#: Whether an elector's vote may be set aside by the state (Chiafalo v. Washington, 2020).
FAITHLESS_VOIDABLE: Changes = (
    (1789, False, "no ruling: states' pledge laws untested"),
    (2020, True, "Chiafalo v. Washington, 591 U.S. 578 (2020): states may bind electors"),
)
#: How Congress counts.
COUNT_LAW: Changes = (
    (
        1789,
        "constitution",
        "art. II, § 1 / 12th Amendment: the President of the Senate opens "
        "the certificates in the presence of both Houses",
    ),
    (
        1888,
        "eca-1887",
        "Electoral Count Act of 1887 (24 Stat. 373): objections need one "
        "senator and one representative; both Houses must agree to reject",
    ),
    (
        2024,
        "ecra-2022",
        "Electoral Count Reform Act of 2022: objections need one-fifth of "
        "each House; two grounds; both Houses must sustain",
    ),
)

RULES: dict[str, Changes] = {
    "ballots": BALLOTS,
    "house_field": HOUSE_FIELD,
    "senate_field": SENATE_FIELD,
    "dc_electors": DC_ELECTORS,
    "district_states": DISTRICT_STATES,
    "faithless_voidable": FAITHLESS_VOIDABLE,
    "count_law": COUNT_LAW,
}

#: The first election in which each district-method state used it, read off the table.
DISTRICT_METHOD_SINCE: dict[str, int] = {
    st: min(y for y, states, _ in DISTRICT_STATES if st in states)
    for _, states, _ in DISTRICT_STATES
    for st in states
}


@dataclass(frozen=True)
class Era:
    """The rules in force for one election."""

    year: int
    ballots: str
    house_field: int
    senate_field: int
    dc_electors: int
    district_states: tuple[str, ...]
    faithless_voidable: bool
    count_law: str
    citations: tuple[tuple[str, str], ...]

    @property
    def dual_ballot(self) -> bool:
        return self.ballots == "dual"

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("year", *RULES)}
        out["district_states"] = list(self.district_states)
        out["citations"] = dict(self.citations)
        return out


def _in_force(changes: Changes, year: int) -> tuple[Any, str]:
    value, cite = changes[0][1], changes[0][2]
    for since, v, c in changes:
        if year >= since:
            value, cite = v, c
    return value, cite


@cache
def era(year: int) -> Era:
    """The rules in force for the election of ``year`` (1789 onwards, past or future)."""
    if year < FIRST_ELECTION:
        raise RuleError(f"no presidential election before {FIRST_ELECTION}: {year}")
    values: dict[str, Any] = {}
    cites = []
    for name, changes in RULES.items():
        values[name], cite = _in_force(changes, year)
        cites.append((name, cite))
    return Era(year=year, citations=tuple(cites), **values)


def election_years(last: int = 2028) -> tuple[int, ...]:
    """1789, 1792, 1796, ... ``last``."""
    return (FIRST_ELECTION, *range(1792, last + 1, 4))


def era_table(last: int = 2028) -> pd.DataFrame:
    """One row per election year, one column per rule."""
    rows = [
        {k: v for k, v in era(y).to_dict().items() if k != "citations"}
        for y in election_years(last)
    ]
    return pd.DataFrame(rows)


def uses_district_method(state: str, year: int) -> bool:
    """Whether a state awarded electors by congressional district in ``year``."""
    return state in era(year).district_states


def districts(state: str, year: int) -> tuple[str, ...]:
    """The district units of a state in ``year`` (empty for a statewide state)."""
    return DISTRICTS[state] if uses_district_method(state, year) else ()


def house_field(year: int) -> int:
    """How many candidates the House chooses among when nobody has a majority."""
    return int(era(year).house_field)
