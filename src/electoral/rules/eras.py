"""Which rules applied in which year: data, not branches.

This module holds the facts the count needs today; the history issue extends the table
back to 1789 (dual ballots, the top-five field, legislatures choosing electors).
"""

from __future__ import annotations

from electoral.states import DISTRICTS

#: First election in which a state awarded one elector per congressional district and two
#: at large: Maine since 1972 (Me. Rev. Stat. tit. 21-A § 802, enacted 1969), Nebraska
#: since 1992 (Neb. Rev. Stat. § 32-1038, enacted 1991).
DISTRICT_METHOD_SINCE: dict[str, int] = {"ME": 1972, "NE": 1992}

#: First election in which the District of Columbia appointed electors (23rd Amendment, 1961).
DC_ELECTORS_SINCE = 1964

#: First election with separate ballots for president and vice president (12th Amendment).
TWELFTH_AMENDMENT_SINCE = 1804


def uses_district_method(state: str, year: int) -> bool:
    """Whether a state awarded electors by congressional district in ``year``."""
    since = DISTRICT_METHOD_SINCE.get(state)
    return since is not None and year >= since


def districts(state: str, year: int) -> tuple[str, ...]:
    """The district units of a state in ``year`` (empty for a statewide state)."""
    return DISTRICTS[state] if uses_district_method(state, year) else ()


def house_field(year: int) -> int:
    """How many candidates the House chooses among when nobody has a majority."""
    return 3 if year >= TWELFTH_AMENDMENT_SINCE else 5
