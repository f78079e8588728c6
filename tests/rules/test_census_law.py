"""Electors from the apportionment law alone equal the recorded electors, 1789-2024.

The record: ``electors.csv`` (the allotment per state, built from the shared Electoral
College file and NARA's 2024 table).  The law: each census's enacted seats, the admissions
and transfers in force when the electors met, two senators, DC's three from 1964 -- never
the record itself.  College sizes: National Archives, "Electoral College Results"
(archives.gov/electoral-college/<year>) and its historical tables.
"""

from __future__ import annotations

import pytest

from electoral import data
from electoral.rules.census_law import electors_by_law
from electoral.rules.eras import election_years

YEARS = [y for y in election_years(2024)]

# NARA: the whole number of electors appointed in each election 1792-1908 (1864: the 25
# states that took part; 1868: without Mississippi, Texas and Virginia; 1820 with Missouri).
COLLEGE = {
    1792: 135, 1796: 138, 1800: 138, 1804: 176, 1808: 176, 1812: 218, 1816: 221, 1820: 235,
    1824: 261, 1828: 261, 1832: 288, 1836: 294, 1840: 294, 1844: 275, 1848: 290, 1852: 296,
    1856: 296, 1860: 303, 1864: 234, 1868: 294, 1872: 366, 1876: 369, 1880: 369, 1884: 401,
    1888: 401, 1892: 444, 1896: 447, 1900: 447, 1904: 476, 1908: 483, 1912: 531, 1960: 537,
    1964: 538, 2024: 538,
}  # fmt: skip


@pytest.mark.parametrize("year", YEARS)
def test_electors_by_law_equal_the_record(year: int) -> None:
    assert dict(electors_by_law(year).electors) == data.electors(year)


@pytest.mark.parametrize(("year", "total"), COLLEGE.items())
def test_college_sizes(year: int, total: int) -> None:
    assert sum(electors_by_law(year).electors.values()) == total


def test_special_cases() -> None:
    # 1820: Maine 9 (7 seats transferred from Massachusetts, Act of April 7, 1820),
    # Massachusetts 15; Missouri 3 before its admission (counted in the alternative).
    e = electors_by_law(1820)
    assert (e.electors["ME"], e.electors["MA"], e.electors["MO"]) == (9, 15, 3)
    assert "MO" in e.provisional and "MO" not in e.seats
    # 1864: West Virginia 5 (3 of Virginia's 11 seats, 1863), Nevada 3 (admitted Oct. 31).
    e = electors_by_law(1864)
    assert (e.electors["WV"], e.electors["NV"]) == (5, 3)
    assert len(e.not_appointed) == 11 and {"LA", "TN"} <= set(e.not_appointed)
    assert "VA" not in e.electors and e.seats["VA"] == 8
    # 1860: Kansas, admitted Jan. 29, 1861, after the electors met, had none.
    assert "KS" not in electors_by_law(1860).electors
    # 1868: Mississippi, Texas, Virginia not restored to representation.
    assert set(electors_by_law(1868).not_appointed) == {"MS", "TX", "VA"}
    # 1960: Alaska and Hawaii, one seat each on admission (1959): House of 437.
    e = electors_by_law(1960)
    assert (e.electors["AK"], e.electors["HI"], sum(e.seats.values())) == (3, 3, 437)
    # 1789: the Constitution's 65 seats; North Carolina and Rhode Island had not ratified.
    e = electors_by_law(1789)
    assert (e.census, sum(e.seats.values()), set(e.not_appointed)) == (None, 65, {"NC", "RI"})


def test_to_dict() -> None:
    d = electors_by_law(1864).to_dict()
    assert (d["year"], d["census"], d["house_size"]) == (1864, 1860, 242)
    assert [c["state"] for c in d["changes"]] == ["WV", "NV"]
