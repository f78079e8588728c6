"""The smallest popular vote that wins: a toy by hand, brute force, real years, a published set.

The toy college (quota 5 of 9 electors)::

    unit  electors  turnout  cost = T // 2 + 1
    A         4       100        51
    B         3        30        16
    C         2        20        11

    winning sets: {A,B} 67  {A,C} 62  {B,C} 27  {A,B,C} 78      -> {B,C}, 27 of 150 = 0.18
    equal turnout: T = 150 // 3 = 50, 26 a unit; one unit has at most 4 electors, so
    two units, the largest two: {A,B}, 52 of 150
"""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral import data
from electoral.analysis.knapsack import MinShare, cheapest_cover, min_winning_share
from electoral.errors import DataError

TOY_EV = {"A": 4, "B": 3, "C": 2}
TOY_TURNOUT = {"A": 100, "B": 30, "C": 20}


def brute_min_cost(ev: list[int], cost: list[int], quota: int) -> int:
    """The least cost over every subset reaching the quota (2**n subsets)."""
    best = None
    n = len(ev)
    for mask in range(1 << n):
        w = sum(ev[i] for i in range(n) if mask >> i & 1)
        if w >= quota:
            c = sum(cost[i] for i in range(n) if mask >> i & 1)
            best = c if best is None else min(best, c)
    assert best is not None
    return best


def statewide_turnout(year: int) -> dict[str, int]:
    """Votes cast per state (Maine and Nebraska whole: district rows left out)."""
    r = data.returns(year)
    r = r[~r.state.str.contains("-")]
    return {str(s): int(v) for s, v in r.groupby("state").votes.sum().items()}


def test_toy_college_by_hand() -> None:
    got = min_winning_share(TOY_EV, TOY_TURNOUT)
    assert got == MinShare(
        share=27 / 150, votes=27, total_votes=150, electoral_votes=5, quota=5, states=("B", "C")
    )
    assert got.to_dict() == {
        "share": 0.18,
        "votes": 27,
        "total_votes": 150,
        "electoral_votes": 5,
        "quota": 5,
        "states": ["B", "C"],
        "equal_turnout": False,
    }


def test_toy_college_equal_turnout_by_hand() -> None:
    got = min_winning_share(TOY_EV, TOY_TURNOUT, equal_turnout=True)
    assert (got.states, got.votes, got.total_votes, got.electoral_votes) == (("A", "B"), 52, 150, 7)


def test_toy_quota_all_electors_takes_every_unit() -> None:
    got = min_winning_share(TOY_EV, TOY_TURNOUT, quota=9)
    assert got.states == ("A", "B", "C") and got.votes == 78


def test_unit_without_electors_is_never_taken() -> None:
    got = min_winning_share({**TOY_EV, "Z": 0}, {**TOY_TURNOUT, "Z": 2})
    assert got.states == ("B", "C") and got.total_votes == 152


units = st.integers(min_value=1, max_value=12)


@st.composite
def colleges(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, int], int | None]:
    n = draw(units)
    ev = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    turnout = draw(st.lists(st.integers(1, 10**6), min_size=n, max_size=n))
    names = [f"U{i:02d}" for i in range(n)]
    quota = draw(st.none() | st.integers(1, sum(ev)))
    return dict(zip(names, ev, strict=True)), dict(zip(names, turnout, strict=True)), quota


@settings(max_examples=150, deadline=None)
@given(colleges())
def test_knapsack_matches_brute_force(
    case: tuple[dict[str, int], dict[str, int], int | None],
) -> None:
    ev, turnout, quota = case
    got = min_winning_share(ev, turnout, quota=quota)
    q = sum(ev.values()) // 2 + 1 if quota is None else quota
    names = sorted(ev)
    costs = [turnout[u] // 2 + 1 for u in names]
    assert got.votes == brute_min_cost([ev[u] for u in names], costs, q)
    assert got.votes == sum(turnout[u] // 2 + 1 for u in got.states)
    assert got.electoral_votes == sum(ev[u] for u in got.states) >= q == got.quota
    assert got.total_votes == sum(turnout.values())
    assert got.share == got.votes / got.total_votes
    assert list(got.states) == sorted(set(got.states))


@settings(max_examples=100, deadline=None)
@given(colleges())
def test_equal_turnout_matches_brute_force(
    case: tuple[dict[str, int], dict[str, int], int | None],
) -> None:
    ev, turnout, quota = case
    got = min_winning_share(ev, turnout, quota=quota, equal_turnout=True)
    q = sum(ev.values()) // 2 + 1 if quota is None else quota
    t = sum(turnout.values()) // len(ev)
    assert got.total_votes == t * len(ev)
    assert got.votes == brute_min_cost(list(ev.values()), [t // 2 + 1] * len(ev), q)
    assert got.votes == len(got.states) * (t // 2 + 1)
    assert got.electoral_votes == sum(ev[u] for u in got.states) >= q
    # the same answer as the general knapsack with every unit at turnout t
    same = min_winning_share(ev, dict.fromkeys(ev, t), quota=quota)
    assert same.votes == got.votes


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 15), st.integers(0, 1000)), min_size=1, max_size=10))
def test_cheapest_cover_is_a_cover_of_least_cost(items: list[tuple[int, int]]) -> None:
    ws, cs = [w for w, _ in items], [c for _, c in items]
    quota = sum(ws) // 2 + 1
    idx = cheapest_cover(ws, cs, quota)
    assert sum(ws[i] for i in idx) >= quota
    assert sum(cs[i] for i in idx) == brute_min_cost(ws, cs, quota)


def independent_dp(ev: dict[str, int], cost: dict[str, int], quota: int) -> int:
    """A second, plain-Python DP (dict over capped electors) to cross-check the NumPy one."""
    best = {0: 0}
    for u in ev:
        for w, c in list(best.items()):
            key = min(quota, w + ev[u])
            if best.get(key, c + cost[u] + 1) > c + cost[u]:
                best[key] = c + cost[u]
    return best[quota]


@pytest.mark.parametrize("year", [2016, 2020, 2024])
def test_real_year_properties(year: int) -> None:
    """Statewide units (Maine and Nebraska whole), the year's actual turnout."""
    ev = data.electors(year)
    turnout = statewide_turnout(year)
    got = min_winning_share(ev, turnout)
    cost = {u: turnout[u] // 2 + 1 for u in ev}
    assert got.quota == 270 and got.total_votes == sum(turnout.values())
    assert got.electoral_votes == sum(ev[u] for u in got.states) >= 270
    assert got.votes == sum(cost[u] for u in got.states)
    assert got.votes == independent_dp(ev, cost, 270)
    # well under a quarter: small states are over-represented and turnout varies
    assert 0.18 < got.share < 0.25
    # no state can be dropped (positive costs: a superfluous one would make it dearer)
    for u in got.states:
        assert got.electoral_votes - ev[u] < 270
    # the fractional (LP) relaxation, filled greedily by cost per elector, bounds it below
    need, lower = 270, 0.0
    for u in sorted(ev, key=lambda s: cost[s] / ev[s]):
        take = min(1.0, need / ev[u])
        lower += take * cost[u]
        need -= take * ev[u]
        if need <= 0:
            break
    assert lower <= got.votes <= lower + max(cost.values())


def test_real_2020_equal_turnout_is_the_eleven_largest() -> None:
    """2020 electors: CA 55, TX 38, FL 29, NY 29, IL 20, PA 20, OH 18, GA 16, MI 16, NC 15,
    NJ 14 = 270 exactly, and ten units can never reach 270 (the ten largest make 256)."""
    got = min_winning_share(data.electors(2020), statewide_turnout(2020), equal_turnout=True)
    assert got.states == tuple(
        sorted(["CA", "TX", "FL", "NY", "IL", "PA", "OH", "GA", "MI", "NC", "NJ"])
    )
    assert got.electoral_votes == 270
    t = got.total_votes // 51
    assert got.votes == 11 * (t // 2 + 1)
    assert got.share == pytest.approx(11 / 102, rel=1e-6)


# Jesse Ruderman, "Winning an election with 22% of the popular vote" (1 Nov 2004),
# https://www.squarefree.com/2004/11/01/winning-an-election-with-22-of-the-popular-vote/
# Everyone votes (turnout = 2000 census apportionment population; DC from another source),
# 2004 electors, winner-take-all everywhere: 21.8%, exactly 270 electors, these 40 units.
RUDERMAN_2004 = (  # noqa: SIM905
    "AL AK AZ AR CO CT DE DC HI ID IN IA KS KY LA ME MD MN MS MO MT NE NV NH NM NC ND OK OR RI "
    "SC SD TN UT VT VA WA WV WI WY"
).split()


@pytest.mark.parametrize("dc_population", [572_059, 500_000, 650_000])
def test_published_2004_minimum_with_everyone_voting(dc_population: int) -> None:
    """DC's figure is not given on the page; the 2000 census counted 572,059, and the answer
    is the same for any nearby figure."""
    table = data.apportionment_table()
    rows = table[table.census == 2000]
    population = {str(s): int(p) for s, p in zip(rows.state, rows.population, strict=True)}
    population["DC"] = dc_population
    got = min_winning_share(data.electors(2004), population)
    assert got.states == tuple(sorted(RUDERMAN_2004))
    assert got.electoral_votes == 270
    assert round(got.share, 3) == 0.218


@pytest.mark.parametrize(
    ("electors", "turnout", "quota", "field"),
    [
        ({"A": 3}, {"B": 10}, None, "turnout"),
        ({"A": 3, "B": 2}, {"A": 10}, None, "turnout"),
        ({"A": -3}, {"A": 10}, None, "electors"),
        ({"A": True}, {"A": 10}, None, "electors"),
        ({"A": 3}, {"A": 2.5}, None, "turnout"),
        ({"A": 3}, {"A": 0}, None, "turnout"),
        ({"A": 3}, {"A": 10}, 4, "quota"),
        ({"A": 3}, {"A": 10}, 0, "quota"),
        ({}, {}, None, "electors"),
    ],
)
def test_bad_input_raises_data_error(
    electors: dict[str, int], turnout: dict[str, int], quota: int | None, field: str
) -> None:
    with pytest.raises(DataError) as err:
        min_winning_share(electors, turnout, quota=quota)
    assert err.value.field == field


def test_cheapest_cover_rejects_zero_weight_and_unreachable_quota() -> None:
    with pytest.raises(DataError):
        cheapest_cover([0, 3], [1, 1], 2)
    with pytest.raises(DataError):
        cheapest_cover([1, 2], [1, 1], 4)


def test_every_subset_of_a_toy_is_no_cheaper() -> None:
    costs = {u: TOY_TURNOUT[u] // 2 + 1 for u in TOY_EV}
    best = min_winning_share(TOY_EV, TOY_TURNOUT).votes
    for k in range(len(TOY_EV) + 1):
        for combo in combinations(TOY_EV, k):
            if sum(TOY_EV[u] for u in combo) >= 5:
                assert sum(costs[u] for u in combo) >= best
