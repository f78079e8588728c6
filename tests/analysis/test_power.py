"""Exact voting power: against enumeration of every coalition, and against published games."""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.analysis.power import (
    PowerResult,
    _shapley_shubik_exact,
    banzhaf,
    banzhaf_swings,
    majority,
    per_elector,
    per_voter_banzhaf,
    shapley_shubik,
    split_districts,
    voting_power,
)
from electoral.data import electors
from electoral.errors import DataError


def _game(weights: Sequence[int]) -> dict[str, int]:
    return {f"p{i}": w for i, w in enumerate(weights)}


def _brute(weights: Sequence[int], quota: int) -> tuple[list[int], list[Fraction]]:
    """Swings and Shapley-Shubik values from all ``2**n`` coalitions, enumerated.

    A unit ``i`` swings for a coalition ``S`` of the others when ``w(S) < quota <= w(S) + w_i``;
    it is then pivotal in the ``|S|! (n - |S| - 1)!`` orders that put ``S`` before it.
    """
    n = len(weights)
    masks = np.arange(2**n)
    members = (masks[:, None] >> np.arange(n)) & 1  # (2**n, n)
    weight = members @ np.asarray(weights)
    size = members.sum(axis=1)
    swings, ss = [], []
    for i, w in enumerate(weights):
        swing = (members[:, i] == 0) & (weight < quota) & (weight + w >= quota)
        swings.append(int(swing.sum()))
        by_size = np.bincount(size[swing], minlength=n)
        pivots = sum(
            int(c) * math.factorial(k) * math.factorial(n - k - 1)
            for k, c in enumerate(by_size[:n])
        )
        ss.append(Fraction(pivots, math.factorial(n)))
    return swings, ss


def _pivots_by_order(weights: Sequence[int], quota: int) -> list[Fraction]:
    """Shapley-Shubik by its definition: walk every one of the ``n!`` orders."""
    n = len(weights)
    count = [0] * n
    for order in itertools.permutations(range(n)):
        running = 0
        for i in order:
            running += weights[i]
            if running >= quota:
                count[i] += 1
                break
    return [Fraction(c, math.factorial(n)) for c in count]


games = st.lists(st.integers(1, 20), min_size=1, max_size=12).flatmap(
    lambda ws: st.tuples(st.just(ws), st.integers(1, sum(ws)))
)


@settings(max_examples=150, deadline=None)
@given(games)
def test_matches_enumeration_of_all_coalitions(game: tuple[list[int], int]) -> None:
    weights, quota = game
    swings, ss = _brute(weights, quota)
    units = _game(weights)
    assert list(banzhaf_swings(units, quota).values()) == swings
    assert list(_shapley_shubik_exact(units, quota).values()) == ss
    total = sum(swings)
    assert list(banzhaf(units, quota).values()) == [float(Fraction(s, total)) for s in swings]
    assert sum(banzhaf(units, quota).values()) == pytest.approx(1.0, abs=1e-12)
    assert sum(shapley_shubik(units, quota).values()) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 20), min_size=1, max_size=6)
    .filter(lambda ws: sum(ws) > 0)
    .flatmap(lambda ws: st.tuples(st.just(ws), st.integers(1, sum(ws))))
)
def test_shapley_shubik_matches_every_order(game: tuple[list[int], int]) -> None:
    # Weight 0 included: such a unit is a dummy in both indices.
    weights, quota = game
    assert list(_shapley_shubik_exact(_game(weights), quota).values()) == _pivots_by_order(
        weights, quota
    )
    assert list(banzhaf_swings(_game(weights), quota).values()) == _brute(weights, quota)[0]


@settings(max_examples=50, deadline=None)
@given(games, st.integers(2, 7))
def test_scaling_the_game_changes_nothing(game: tuple[list[int], int], k: int) -> None:
    weights, quota = game
    scaled = _game([k * w for w in weights])
    assert banzhaf_swings(scaled, k * quota) == banzhaf_swings(_game(weights), quota)
    assert shapley_shubik(scaled, k * quota) == shapley_shubik(_game(weights), quota)


@settings(max_examples=50, deadline=None)
@given(games)
def test_dual_game_has_the_same_power(game: tuple[list[int], int]) -> None:
    # Quota q and T + 1 - q: S swings in one exactly when its complement swings in the other.
    weights, quota = game
    dual = sum(weights) + 1 - quota
    assert banzhaf_swings(_game(weights), dual) == banzhaf_swings(_game(weights), quota)
    assert _shapley_shubik_exact(_game(weights), dual) == _shapley_shubik_exact(
        _game(weights), quota
    )


# UVa Online Judge problem 435, "Block Voting": sample input and output. The "power index"
# there is the raw swing count, the quota a majority (more than half of all votes).
@pytest.mark.parametrize(
    ("weights", "swings"),
    [
        ([7, 4, 2, 6, 6], [10, 2, 2, 6, 6]),
        ([12, 9, 7, 3, 1, 1], [18, 14, 14, 2, 2, 2]),
        ([2, 1, 1], [3, 1, 1]),
    ],
)
def test_uva_435_block_voting(weights: list[int], swings: list[int]) -> None:
    units = _game(weights)
    assert list(banzhaf_swings(units, majority(units)).values()) == swings


NASSAU_UNITS = (
    "Hempstead 1",
    "Hempstead 2",
    "North Hempstead",
    "Oyster Bay",
    "Long Beach",
    "Glen Cove",
)


# Nassau County Board of Supervisors, the game Banzhaf (1965) made famous. Weights and quotas
# as tabulated by J. Malkevitch, "Voting Games: Part II" (AMS Feature Column) and COMAP, For
# All Practical Purposes, 10th ed., ch. 11 (example 3; exercise 5): in 1958 Oyster Bay, Long
# Beach and Glen Cove are dummies and North Hempstead is as strong as each Hempstead; in 1964
# North Hempstead, Long Beach and Glen Cove are dummies.
@pytest.mark.parametrize(
    ("quota", "weights", "powerful"),
    [
        (16, (9, 9, 7, 3, 1, 1), {"Hempstead 1", "Hempstead 2", "North Hempstead"}),
        (58, (31, 31, 21, 28, 2, 2), {"Hempstead 1", "Hempstead 2", "Oyster Bay"}),
    ],
)
def test_nassau_county_board(quota: int, weights: tuple[int, ...], powerful: set[str]) -> None:
    units = dict(zip(NASSAU_UNITS, weights, strict=True))
    want = {u: (1 / 3 if u in powerful else 0.0) for u in units}
    assert banzhaf(units, quota) == pytest.approx(want, abs=1e-15)
    assert shapley_shubik(units, quota) == pytest.approx(want, abs=1e-15)


def test_un_security_council() -> None:
    # [39; 7 x 5, 1 x 10]: nine votes with no veto. Shapley-Shubik: a non-permanent member
    # is pivotal only as the ninth vote after all five permanent ones, 84 * 6! * 8! of 15!
    # orders = 4/2145 (~0.19%), each permanent member (1 - 40/2145) / 5 = 421/2145 (~19.6%)
    # (gonitsora.com, "Is it me, or is 'Veto' starting to sound really good").
    # Banzhaf swings, by hand: permanent = the other four with 4..10 of the ten,
    # sum C(10, k) = 848; non-permanent = all five with exactly 3 of the other nine,
    # C(9, 3) = 84; normalised 848/5080 ~ 0.1669 and 84/5080 ~ 0.0165.
    units = {**{f"P{i}": 7 for i in range(5)}, **{f"E{i}": 1 for i in range(10)}}
    ss = _shapley_shubik_exact(units, 39)
    assert {ss[f"P{i}"] for i in range(5)} == {Fraction(421, 2145)}
    assert {ss[f"E{i}"] for i in range(10)} == {Fraction(4, 2145)}
    swings = banzhaf_swings(units, 39)
    assert {swings[f"P{i}"] for i in range(5)} == {848}
    assert {swings[f"E{i}"] for i in range(10)} == {84}
    assert banzhaf(units, 39)["P0"] == pytest.approx(0.16693, abs=1e-5)
    assert banzhaf(units, 39)["E0"] == pytest.approx(0.016535, abs=1e-6)


def test_a_small_party_can_be_as_strong_as_the_big_ones() -> None:
    # [51; 49, 49, 2]: any two of the three win (mathematics-democracy-institute.org,
    # "Quantification of power"): all three have 1/3.
    units = {"A": 49, "B": 49, "D": 2}
    assert banzhaf(units, 51) == pytest.approx(dict.fromkeys(units, 1 / 3))
    assert shapley_shubik(units, 51) == pytest.approx(dict.fromkeys(units, 1 / 3))


def test_dictator_unanimity_and_symmetric_games() -> None:
    dictator = {"D": 6, "a": 2, "b": 2, "c": 1}
    assert banzhaf(dictator, 6) == {"D": 1.0, "a": 0.0, "b": 0.0, "c": 0.0}
    assert shapley_shubik(dictator, 6) == {"D": 1.0, "a": 0.0, "b": 0.0, "c": 0.0}
    unanimity = {"a": 5, "b": 3, "c": 1, "d": 1}
    assert banzhaf_swings(unanimity, 10) == dict.fromkeys(unanimity, 1)
    assert shapley_shubik(unanimity, 10) == pytest.approx(dict.fromkeys(unanimity, 0.25))
    for quota in (1, 4, 5, 9):
        equal = dict.fromkeys("abcdefghi", 1)
        assert banzhaf(equal, quota) == pytest.approx(dict.fromkeys(equal, 1 / 9))
        assert shapley_shubik(equal, quota) == pytest.approx(dict.fromkeys(equal, 1 / 9))


def test_more_than_62_units_counts_beyond_int64() -> None:
    # 70 equal units, majority 36: a swing is 35 of the other 69, C(69, 35) > 2**63.
    units = {f"u{i}": 1 for i in range(70)}
    assert majority(units) == 36
    swings = banzhaf_swings(units, 36)
    assert set(swings.values()) == {math.comb(69, 35)}
    assert math.comb(69, 35) > 2**63
    assert set(_shapley_shubik_exact(units, 36).values()) == {Fraction(1, 70)}


def _naive_swings(weights: list[int], quota: int) -> list[int]:
    """Per unit, a fresh Python-int DP over the others (no division): O(n**2 W)."""
    out = []
    for i, wi in enumerate(weights):
        counts = [1] + [0] * (quota - 1)
        for j, w in enumerate(weights):
            if j != i:
                for v in range(quota - 1, w - 1, -1):
                    counts[v] += counts[v - w]
        out.append(sum(counts[max(quota - wi, 0) :]))
    return out


def test_object_arithmetic_matches_a_naive_dp() -> None:
    rng = random.Random(20241105)
    weights = [rng.randint(1, 12) for _ in range(66)]
    units = _game(weights)
    quota = majority(units)
    assert list(banzhaf_swings(units, quota).values()) == _naive_swings(weights, quota)


# -- the Electoral College -------------------------------------------------------------------


def _check_college(units: Mapping[str, int]) -> PowerResult:
    result = voting_power(units)
    assert result.quota == 270
    for index in (result.banzhaf, result.shapley_shubik):
        assert sum(index.values()) == pytest.approx(1.0, abs=1e-12)
        assert max(index, key=lambda u: index[u]) == "CA"
        ranked = sorted(units, key=lambda u: units[u])
        for lighter, heavier in itertools.pairwise(ranked):
            assert index[lighter] <= index[heavier]
            if units[lighter] == units[heavier]:
                assert index[lighter] == index[heavier]
    return result


def test_college_2020_states_whole() -> None:
    units = electors(2020)
    assert (len(units), sum(units.values()), majority(units)) == (51, 538, 270)
    result = _check_college(units)
    # Counting a 269-269 tie as a win (quota 269) is the dual game, quota T + 1 - q: a swing
    # there is the complement of one here, so a-priori power cannot see the tie rule.
    assert banzhaf_swings(units, 269) == result.swings
    assert shapley_shubik(units, 269) == pytest.approx(result.shapley_shubik, abs=1e-15)
    # A heavier state's elector is worth more, not less, under winner-take-all.
    relative = per_elector(result.banzhaf, units)
    assert relative["CA"] == 1.0
    assert relative["WY"] < relative["TX"] < 1.0


def test_college_2020_with_maine_and_nebraska_districts() -> None:
    units = split_districts(electors(2020))
    assert len(units) == 56 and sum(units.values()) == 538
    assert {u: units[u] for u in ("ME", "ME-1", "ME-2", "NE", "NE-1", "NE-2", "NE-3")} == {
        "ME": 2,
        "ME-1": 1,
        "ME-2": 1,
        "NE": 2,
        "NE-1": 1,
        "NE-2": 1,
        "NE-3": 1,
    }
    result = _check_college(units)
    assert result.banzhaf["ME-2"] < result.banzhaf["ME"] < result.banzhaf["DC"]
    # No published Banzhaf value for this apportionment was found to pin a literal to.


def test_split_districts_rejects_a_wrong_count() -> None:
    with pytest.raises(DataError, match="not 2 at large"):
        split_districts({"ME": 5, "NH": 4})


def test_per_voter_follows_penrose_square_root() -> None:
    index = {"A": 0.5, "B": 0.5}
    rel = per_voter_banzhaf(index, {"A": 3, "B": 3}, {"A": 100, "B": 400})
    assert rel == pytest.approx({"A": 1.0, "B": 0.5})
    units = electors(2020)
    turnout = {u: 1_000 * units[u] for u in units}  # turnout in proportion to electors
    rel = per_voter_banzhaf(banzhaf(units, 270), units, turnout)
    assert max(rel.values()) == rel["CA"] == 1.0
    with pytest.raises(DataError, match="different units"):
        per_voter_banzhaf(index, {"A": 3}, {"A": 1, "B": 1})
    with pytest.raises(DataError, match="no turnout"):
        per_voter_banzhaf(index, {"A": 3, "B": 3}, {"A": 1, "B": 0})


def test_to_dict_is_the_json_shape() -> None:
    result = voting_power({"A": 2, "B": 1, "C": 1})
    doc = json.loads(json.dumps(result.to_dict()))
    assert doc == {
        "quota": 3,
        "total": 4,
        "weights": {"A": 2, "B": 1, "C": 1},
        "swings": {"A": 3, "B": 1, "C": 1},
        "banzhaf": {"A": 0.6, "B": 0.2, "C": 0.2},
        "shapley_shubik": pytest.approx({"A": 2 / 3, "B": 1 / 6, "C": 1 / 6}),
    }


@pytest.mark.parametrize(
    ("weights", "quota", "match"),
    [
        ({}, 1, "at least one unit"),
        ({"A": -1, "B": 3}, 2, "non-negative integer"),
        ({"A": True, "B": 3}, 2, "non-negative integer"),
        ({"A": 1.5, "B": 3}, 2, "non-negative integer"),
        ({"A": 1, "B": 3}, 0, "outside 1..4"),
        ({"A": 1, "B": 3}, 5, "outside 1..4"),
    ],
)
def test_bad_games_are_refused(weights: dict[str, int], quota: int, match: str) -> None:
    with pytest.raises(DataError, match=match):
        banzhaf(weights, quota)
    with pytest.raises(DataError, match=match):
        shapley_shubik(weights, quota)
