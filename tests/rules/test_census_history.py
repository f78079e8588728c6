"""Every census 1790-2020 apportioned under its own law, against the published seats.

Expected seats: the House Historian's table (``house_historian.SEATS``, a literal copy of
the published table, cited there).  Method facts: the statutes named on each test; the
paradoxes: M. J. Caulfield, "Apportioning Representatives in the United States Congress --
Paradoxes of Apportionment", MAA *Convergence* (the Census Office's 1881 tables: Alabama 8
seats at 299, 7 at 300; 1870 Rhode Island 2 at 270, 1 at 280; 1900 Maine switching five
times between 382 and 391 seats, Colorado 2 only at 357).
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from house_historian import SEATS

from electoral.errors import RuleError
from electoral.rules.census_law import (
    CONSTITUTION_SEATS,
    LAWS,
    census_for_election,
    law,
    published_seats,
)
from electoral.rules.census_report import populations, report
from electoral.states import to_code

CENSUSES = [c for c in SEATS if c != "constitution"]
OFFICIAL = (1790, 1820, 1830, 1870, 1880, 1900)  # apportR figures (SOURCES.md s. 10)
DERIVED = (1800, 1810, 1840, 1850, 1860)


def historian(census: int | str) -> dict[str, int]:
    return {str(to_code(s)): n for s, n in SEATS[census].items() if s != "Total"}


@pytest.mark.parametrize("census", CENSUSES)
def test_enacted_seats_are_the_historians_table(census: int) -> None:
    assert published_seats(int(census)) == historian(census)
    assert law(int(census)).house_size == SEATS[census]["Total"]
    r = report(int(census))
    assert r.published == historian(census)
    assert sum(r.published.values()) == SEATS[census]["Total"]
    # The House the law's computation makes: 1810's ratio on the derived figures gives 180.
    assert r.seats == (180 if census == 1810 else SEATS[census]["Total"])


def test_the_constitutions_65() -> None:
    assert historian("constitution") == CONSTITUTION_SEATS


#: The documented exceptions: what the stated method gives on the packaged populations
#: where it is not the enacted seat.  1810 Georgia: the derived 209,320 is under 6 x 35,000;
#: 1900: Vinton's method on the official figures (SOURCES.md s. 10; the act's 1901 table).
EXCEPTIONS = {
    1810: {"GA": ("derived population", 5)},
    1900: {
        "ME": ("method not reproduced", 3),
        "NE": ("method not reproduced", 5),
        "NY": ("method not reproduced", 38),
        "PA": ("method not reproduced", 33),
    },
}
#: Seats given outside the method: the 1822 act's Alabama third seat, California's second
#: (1852), 8 seats by the Act of March 4, 1862 (12 Stat. 353) and 9 by the supplemental
#: Act of 1872 (17 Stat. 192).
STATUTORY = {
    1820: {"AL": "special provision"},
    1850: {"CA": "special provision"},
    1860: dict.fromkeys(["PA", "OH", "KY", "IL", "IA", "MN", "VT", "RI"], "supplemental act"),
    1870: dict.fromkeys(["NH", "VT", "NY", "PA", "IN", "TN", "LA", "AL", "FL"], "supplemental act"),
}


@pytest.mark.parametrize("census", [*OFFICIAL, *DERIVED])
def test_the_law_gives_the_enacted_seats_or_names_the_exception(census: int) -> None:
    r = report(census)
    assert r.own_law and r.computed
    assert r.population_kind == ("official" if census in OFFICIAL else "derived")
    by_reason = {d.state: (d.reason, d.method_seats) for d in r.differences}
    statutory = {st: why for st, (why, _) in by_reason.items() if why.endswith(("act", "sion"))}
    assert statutory == STATUTORY.get(census, {})
    rest = {st: v for st, v in by_reason.items() if st not in statutory}
    assert rest == EXCEPTIONS.get(census, {})
    # With the statutory seats, every state not excepted has its enacted seats.
    wrong = {st for st, n in r.by_state.items() if n != historian(census)[st]}
    assert wrong == set(EXCEPTIONS.get(census, {}))
    for d in r.differences:
        assert d.detail and d.source


@pytest.mark.parametrize("census", [1910, 1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020])
def test_the_law_since_1910_gives_every_seat(census: int) -> None:
    r = report(census)
    assert r.by_state == historian(census) and r.differences == ()


def test_methods_and_ratios_of_the_acts() -> None:
    # Senate Manual note: ratios 33,000 (1792, 1802), 35,000 (1811), 40,000 (1822),
    # 47,700 (1832), 70,680 (1842); Vinton's method 1850-1900; major fractions 1910, 1930.
    ratios = {c: LAWS[c].ratio for c in range(1790, 1850, 10)}
    assert ratios == {
        1790: 33_000,
        1800: 33_000,
        1810: 35_000,
        1820: 40_000,
        1830: 47_700,
        1840: 70_680,
    }
    assert [LAWS[c].method for c in (1790, 1840, 1850, 1900, 1910, 1930, 1940)] == [
        "jefferson-ratio",
        "moiety-ratio",
        "hamilton",
        "hamilton",
        "webster",
        "webster",
        "huntington-hill",
    ]
    # 233 seats by the 1850 Act's rule in 1850 and 1860, 283 in 1870 (17 Stat. 28).
    assert [LAWS[c].apportioned for c in (1850, 1860, 1870)] == [233, 233, 283]
    assert all(LAWS[c].citation for c in LAWS)


def test_ratio_1880_is_the_published_one() -> None:
    # 1911 Britannica: 151,911 = 49,371,340 / 325, the fraction dropped.
    assert int(report(1880).ratio or 0) == 151_911 == LAWS[1880].ratio


def test_first_elections_under_each_census() -> None:
    assert census_for_election(1789) is None
    got = {y: census_for_election(y) for y in (1792, 1800, 1804, 1840, 1844, 1860, 1864)}
    assert got == {
        1792: 1790,
        1800: 1790,
        1804: 1800,
        1840: 1830,
        1844: 1840,
        1860: 1850,
        1864: 1860,
    }
    # No apportionment followed the 1920 census: 1910's governed 1912-1928.
    assert {census_for_election(y) for y in range(1912, 1929, 4)} == {1910}
    assert census_for_election(1932) == 1930


# --- the paradoxes, from the data ------------------------------------------------------------


def test_alabama_paradox_1880() -> None:
    assert report(1880, 299, "hamilton").by_state["AL"] == 8
    assert report(1880, 300, "hamilton").by_state["AL"] == 7
    # Divisor methods never take a seat away as the House grows.
    assert (
        report(1880, 300, "webster").by_state["AL"] >= report(1880, 299, "webster").by_state["AL"]
    )


def test_rhode_island_1870_and_maine_1900() -> None:
    from electoral.rules.apportionment import sweep

    ri = sweep(populations(1870), [270, 280], "hamilton")["RI"]
    assert (ri[270], ri[280]) == (2, 1)
    me = list(sweep(populations(1900), range(382, 392), "hamilton")["ME"])
    assert sum(a != b for a, b in pairwise(me)) == 5
    co = sweep(populations(1900), range(350, 401), "hamilton")["CO"]
    assert list(co[co == 2].index) == [357]


def test_1880_webster_agrees_and_1900_equal_proportions_reproduces() -> None:
    # Caulfield: Hamilton = Webster at 325; SOURCES.md s. 10: equal proportions gives all
    # 45 states of the 1901 act, Webster all but Iowa and Nebraska.
    assert report(1880, method="webster").differences == ()
    assert report(1900, method="huntington-hill").differences == ()
    assert {d.state for d in report(1900, method="webster").differences} == {"IA", "NE"}


def test_jefferson_fixed_ratio_is_the_divisor_method_at_its_size() -> None:
    # A fixed ratio is Jefferson's divisor: 33,000 gives the 105 seats of 1792.
    assert report(1790, 105, "jefferson").by_state == historian(1790)


# --- the censuses without an apportionment or populations -----------------------------------


def test_1920_no_apportionment() -> None:
    r = report(1920)
    assert r.method is None and r.by_state == historian(1910)
    assert any("No apportionment followed the 1920 census" in n for n in r.notes)
    with pytest.raises(RuleError, match="1920"):
        populations(1920)


@pytest.mark.parametrize("census", [1890, 1930])
def test_no_populations_gives_the_enacted_seats_and_refuses_to_compute(census: int) -> None:
    r = report(census)
    assert r.by_state == historian(census) and not r.computed
    assert all(p is None for p in r.populations.values())
    assert any("not in the" in n for n in r.notes)
    with pytest.raises(RuleError, match="populations are not in the data"):
        report(census, method="webster")
    with pytest.raises(RuleError, match="populations are not in the data"):
        report(census, seats=400)


def test_one_seat_minimum_as_the_historical_computations_applied_it() -> None:
    # Vinton's rule: the ratio is the whole population over the whole House; a state under
    # it (Nevada 1880, 62,266 people) gets one seat inside the House and does not compete
    # for the leftover seats.  So the 1882 Act's 325 seats come out state for state.
    r = report(1880)
    assert r.quota["NV"] < 1 and r.by_state["NV"] == 1 and r.differences == ()
    # Where raising the small states would overfill the House (never in a census), their
    # quotas are taken out and the others' recomputed.
    from electoral.rules.apportionment import apportion

    assert apportion({"A": 98, "B": 1, "C": 1}, 4, "hamilton").by_state == {"A": 2, "B": 1, "C": 1}


def test_population_paradox_1900_1901_virginia_and_maine() -> None:
    # The population paradox as Balinski & Young ("Fair Representation", ch. 5) and
    # Caulfield (MAA Convergence, "Paradoxes of Apportionment") tell it: at 386 seats,
    # Hamilton's method on populations one year after the 1900 census takes a seat from
    # Virginia, growing about 1.07% a year, and gives it to Maine, growing about 0.67%.
    # A year's growth here: each state's 1900-1910 growth, interpolated geometrically.
    from electoral.rules.apportionment import apportion

    p1900, p1910 = populations(1900), populations(1910)
    before = {s: p for s, p in p1900.items() if s in p1910}
    after = {s: round(p * (p1910[s] / p) ** 0.1) for s, p in before.items()}
    x = apportion(before, 386, "hamilton").by_state
    y = apportion(after, 386, "hamilton").by_state
    assert {s: y[s] - x[s] for s in x if y[s] != x[s]} == {"VA": -1, "ME": 1}
    assert after["VA"] / before["VA"] == pytest.approx(1.0107, abs=5e-4)
    assert after["ME"] / before["ME"] == pytest.approx(1.0067, abs=5e-4)
    for m in ("webster", "huntington-hill"):  # divisor methods have no population paradox
        x, y = apportion(before, 386, m).by_state, apportion(after, 386, m).by_state
        assert not (y["VA"] < x["VA"] and y["ME"] > x["ME"])
