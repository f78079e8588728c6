"""Apportionment 1910-1960: each census by its own law reproduces the official seats.

Expected seats are the packaged ``seats`` column (Census Bureau, via shared/data; never
computed here) plus literals from the Census Bureau's table "Apportionment of the U.S.
House of Representatives", as reprinted in the Congressional Directory ("Representatives
under each apportionment", 106th Congress, October 2000, p. 552, GPO), and, for 1910, the
433 seats listed in H.R. Rep. No. 62-12 (April 25, 1911), Committee on the Census.

Populations: scripts/transcribed/apportionment_population_1910_1960.csv (GPHemsley/
house-apportionment, data/<census>_census.csv).  1930 has none (see PROVENANCE.md), so its
law is recorded but not replayed.
"""

from __future__ import annotations

import pytest

from electoral.data import apportionment_table
from electoral.errors import RuleError
from electoral.rules.apportionment import (
    CENSUS_METHOD,
    STATUTORY_SEATS,
    apportion,
    apportion_census,
    census_method,
    census_populations,
)

REPLAYED = (1910, 1940, 1950, 1960)

# Congressional Directory, "Representatives under each apportionment": Alabama, Arizona,
# Arkansas (and Alaska from 1960), columns 1910, 1940, 1950, 1960.  1910 also: H.R. Rep.
# No. 62-12 (1911) -- California 11, Illinois 27, Massachusetts 16, Michigan 13, Texas 18.
LITERAL = {
    1910: {"AL": 10, "AZ": 1, "AR": 7, "CA": 11, "IL": 27, "MA": 16, "MI": 13, "TX": 18},
    1940: {"AL": 9, "AZ": 2, "AR": 7},
    1950: {"AL": 9, "AZ": 2, "AR": 6},
    1960: {"AL": 8, "AZ": 3, "AR": 4, "AK": 1},
}
# Published apportionment-population totals (Census Bureau, 1990 CPH-2-1 Table B, as
# quoted by a public research note -- the PDF itself not read; rounded to thousands in
# Davidson & Oleszek, "Congress and Its Members", 1996: 91,604,000 / 131,006,000 /
# 149,895,000 / 178,559,000).
# 1960: the states' counts, which with DC's 763,956 make the published 179,323,175.
TOTALS = {1910: 91_603_772, 1940: 131_006_184, 1950: 149_895_183, 1960: 178_559_219}


def official(census: int) -> dict[str, int]:
    t = apportionment_table()
    rows = t[t.census == census]
    return {str(s): int(n) for s, n in zip(rows.state, rows.seats, strict=True)}


@pytest.mark.parametrize("census", REPLAYED)
def test_own_law_reproduces_every_state(census: int) -> None:
    a = apportion_census(census)
    assert a.by_state == official(census)
    assert {s: a.by_state[s] for s in LITERAL[census]} == LITERAL[census]
    assert (a.method, a.seats, sum(a.by_state.values())) == (*CENSUS_METHOD[census][:2], 435)
    n_states = 50 if census >= 1960 else 48
    assert len(a.by_state) == n_states
    # Electors: seats + 2 senators; DC's 3 from the 1960 census (first used in 1964).
    assert sum(a.electoral_votes().values()) == 435 + 2 * n_states + (3 if census >= 1960 else 0)


@pytest.mark.parametrize("census", REPLAYED)
def test_populations_sum_to_the_published_total(census: int) -> None:
    assert sum(census_populations(census).values()) == TOTALS[census]


def test_the_method_of_each_census() -> None:
    assert {c: census_method(c).method for c in (1910, 1930, 1940, 1950, 1960, 2020)} == {
        1910: "webster",
        1930: "webster",
        1940: "huntington-hill",
        1950: "huntington-hill",
        1960: "huntington-hill",
        2020: "huntington-hill",
    }
    assert all(law.seats == 435 and law.citation for law in CENSUS_METHOD.values())
    assert "37 Stat. 13" in census_method(1910).citation
    assert "46 Stat. 21" in census_method(1930).citation
    assert "55 Stat. 761" in census_method(1940).citation
    assert 1920 not in CENSUS_METHOD
    with pytest.raises(RuleError, match="no apportionment followed the 1920 census"):
        census_method(1920)


@pytest.mark.parametrize("census", [*REPLAYED, 1970, 2020])
def test_the_census_own_method_is_the_default(census: int) -> None:
    law = census_method(census)
    default = apportion_census(census)
    explicit = apportion_census(census, law.seats, law.method)
    assert default.method == law.method and default.by_state == explicit.by_state


def test_explicit_arguments_still_win() -> None:
    assert apportion_census(1940, method="webster").method == "webster"
    assert sum(apportion_census(1950, 437).by_state.values()) == 437
    assert apportion_census(2020, 435, "huntington-hill").by_state == official(2020)


def test_1941_switch_arkansas_kept_the_seat_michigan_wanted() -> None:
    # Under equal proportions (the 1941 Act) seat 435 went to Arkansas's 7th, Michigan's
    # 18th next in line; major fractions (the 1929 Act's method) turn the two around.
    hill = apportion_census(1940)
    assert (hill.by_state["AR"], hill.by_state["MI"]) == (7, 17)
    assert (hill.last_seat, hill.next_in_line) == ("AR", "MI")
    webster = apportion_census(1940, method="webster")
    assert (webster.by_state["AR"], webster.by_state["MI"]) == (6, 18)
    moved = {s for s in hill.by_state if hill.by_state[s] != webster.by_state[s]}
    assert moved == {"AR", "MI"}


@pytest.mark.parametrize(
    ("census", "webster_differs"),
    [(1950, {"CA": 31, "KS": 5}), (1960, {"MA": 13, "NH": 1})],
)
def test_major_fractions_would_have_differed_later_too(
    census: int, webster_differs: dict[str, int]
) -> None:
    w = apportion_census(census, method="webster").by_state
    assert {s: n for s, n in w.items() if n != official(census)[s]} == webster_differs


def test_1910_arizona_and_new_mexico_by_statute() -> None:
    assert STATUTORY_SEATS[1910] == {"AZ": 1, "NM": 1}
    a = apportion_census(1910)
    # 433 among the 46 states; the priority list numbers House seats after all 48 first seats.
    assert (a.last_seat, a.next_in_line) == ("IA", "OH")
    cut = {e.seat: e for e in a.priority_window(2)}
    assert (cut[435].state, cut[435].nth) == ("IA", 11)
    assert (cut[436].state, cut[436].nth) == ("OH", 23)
    assert "AZ" not in {e.state for e in a.priority}
    # The committee found Hill's method agreed with major fractions at 433.
    assert apportion_census(1910, method="huntington-hill").by_state == official(1910)
    # Without the statute -- Webster over all 48 states -- New Mexico takes Iowa's 11th seat.
    plain = apportion(census_populations(1910), 435, "webster").by_state
    assert {s: n for s, n in plain.items() if n != official(1910)[s]} == {"IA": 10, "NM": 2}
    # Any House size keeps the statutory seats: the others share the rest.
    big = apportion_census(1910, 500)
    assert (big.by_state["AZ"], big.by_state["NM"], sum(big.by_state.values())) == (1, 1, 500)


def test_1930_law_recorded_but_populations_missing() -> None:
    assert census_method(1930).method == "webster"
    with pytest.raises(RuleError, match="populations"):
        apportion_census(1930)
