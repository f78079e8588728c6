"""Paths to a majority: hand-worked maps, brute force over every assignment, real years."""

from __future__ import annotations

from itertools import islice
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral import data
from electoral.analysis.paths import (
    Paths,
    count_paths,
    smallest_winning,
    split_base,
    weight_counts,
)
from electoral.errors import DataError

BIDEN, TRUMP = "Joe Biden", "Donald Trump"
TOSSUPS_2020 = {"PA": 20, "GA": 16, "AZ": 11, "WI": 10}


def base_2020() -> tuple[dict[str, int], dict[str, int]]:
    """The 2020 record (Biden 306, Trump 232, NARA) with PA, GA, AZ, WI made tossups."""
    winners: dict[str, int] = {}
    for state, votes in data.recorded_votes(2020).items():
        if state in TOSSUPS_2020:
            continue
        for who, n in votes.items():
            winners[who] = winners.get(who, 0) + n
    return winners, TOSSUPS_2020


def test_2020_four_tossups_by_hand() -> None:
    """``electoral paths --base 2020 --tossup PA,GA,AZ,WI``.

    The four were Biden's (57 electors), so the base is Biden 306 - 57 = 249, Trump 232.
    If Biden takes w of the 57: Biden wins when 249 + w >= 270 (w >= 21); Trump when
    232 + 57 - w >= 270 (w <= 19); w = 20 is 269-269. Biden's sixteen possible shares:

        w = 0 {}            16 GA   11 AZ   10 WI           -> 4 Trump wins (w <= 19)
        w = 20 PA                                           -> 1 tie
        pairs: PA+GA 36  PA+AZ 31  PA+WI 30  GA+AZ 27  GA+WI 26  AZ+WI 21      (6)
        triples: 47 46 41 37;  all four: 57                  (5)  -> 11 Biden wins

    Smallest for Biden (21 short): no single state; every pair wins, none has a winning
    part. For Trump (38 short): pairs reach at most 36; the triples with PA (41, 46, 47)
    win and lose when their smallest state goes; GA+AZ+WI is 37; all four less WI is 47.
    """
    base, tossups = base_2020()
    assert base == {BIDEN: 249, TRUMP: 232}
    paths = count_paths(base, tossups, (BIDEN, TRUMP))
    assert paths.to_dict() == {
        "combinations": 16,
        "wins": {BIDEN: 11, TRUMP: 4},
        "ties": 1,
        "no_majority": 0,
        "quota": 270,
        "candidates": [BIDEN, TRUMP],
        "smallest": [
            ["AZ", "WI"],
            ["GA", "WI"],
            ["GA", "AZ"],
            ["PA", "WI"],
            ["PA", "AZ"],
            ["PA", "GA"],
        ],
        "smallest_by_candidate": {
            BIDEN: [
                ["AZ", "WI"],
                ["GA", "WI"],
                ["GA", "AZ"],
                ["PA", "WI"],
                ["PA", "AZ"],
                ["PA", "GA"],
            ],
            TRUMP: [["PA", "AZ", "WI"], ["PA", "GA", "WI"], ["PA", "GA", "AZ"]],
        },
    }
    assert paths.smallest == paths.smallest_by_candidate[BIDEN]


def test_third_party_no_majority_by_hand() -> None:
    """A 3, B 3, C (third party) 2; tossups X 1 and Y 1; 10 electors, quota 6.

    A takes neither: 3-5 (nobody has 6, unequal); X or Y: 4-4 twice (ties); both: 5-3.
    """
    paths = count_paths({"A": 3, "B": 3, "C": 2}, {"X": 1, "Y": 1}, ("A", "B"))
    assert (paths.quota, paths.wins, paths.ties, paths.no_majority) == (6, {"A": 0, "B": 0}, 2, 2)
    assert paths.smallest_by_candidate == {"A": (), "B": ()}


def test_base_that_already_wins_has_only_the_empty_set() -> None:
    paths = count_paths({"A": 6, "B": 1}, {"X": 2, "Y": 1}, ("A", "B"))
    assert paths.wins == {"A": 4, "B": 0}
    assert paths.smallest_by_candidate["A"] == ((),)
    assert paths.smallest_by_candidate["B"] == ()


@st.composite
def maps(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, int]]:
    n = draw(st.integers(0, 14))
    ev = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n))
    base = {
        "A": draw(st.integers(0, 40)),
        "B": draw(st.integers(0, 40)),
        "C": draw(st.sampled_from([0, 0, 1, 3])),
    }
    if sum(base.values()) + sum(ev) == 0:
        base["A"] = 1
    return base, {f"T{i:02d}": e for i, e in enumerate(ev)}


def brute(base: dict[str, int], toss: dict[str, int], quota: int) -> tuple[int, int, int, int]:
    names = list(toss)
    total_toss = sum(toss.values())
    wa = wb = ties = none = 0
    for mask in range(1 << len(names)):
        w = sum(toss[u] for i, u in enumerate(names) if mask >> i & 1)
        a, b = base["A"] + w, base["B"] + total_toss - w
        if a >= quota:
            wa += 1
        elif b >= quota:
            wb += 1
        elif a == b:
            ties += 1
        else:
            none += 1
    return wa, wb, ties, none


def brute_minimal(toss: dict[str, int], need: int) -> list[frozenset[str]]:
    names = list(toss)
    out = []
    for mask in range(1 << len(names)):
        s = [u for i, u in enumerate(names) if mask >> i & 1]
        w = sum(toss[u] for u in s)
        if w >= need and all(w - toss[u] < need for u in s):
            out.append(frozenset(s))
    return out


@settings(max_examples=60, deadline=None)
@given(maps())
def test_counts_match_brute_force(case: tuple[dict[str, int], dict[str, int]]) -> None:
    base, toss = case
    paths = count_paths(base, toss, ("A", "B"), limit=0)
    quota = (sum(base.values()) + sum(toss.values())) // 2 + 1
    wa, wb, ties, none = brute(base, toss, quota)
    assert (paths.wins["A"], paths.wins["B"], paths.ties, paths.no_majority) == (wa, wb, ties, none)
    assert paths.combinations == 2 ** len(toss) == wa + wb + ties + none
    if base["C"] == 0:
        assert paths.no_majority == 0


@settings(max_examples=60, deadline=None)
@given(maps(), st.sampled_from(["A", "B"]))
def test_smallest_winning_matches_brute_force(
    case: tuple[dict[str, int], dict[str, int]], who: str
) -> None:
    base, toss = case
    quota = (sum(base.values()) + sum(toss.values())) // 2 + 1
    listed = list(smallest_winning(base, toss, who))
    want = brute_minimal(toss, quota - base[who])
    assert sorted(map(sorted, map(frozenset, listed))) == sorted(map(sorted, want))
    assert len(set(map(frozenset, listed))) == len(listed)  # each once
    keys = [(len(c), sum(toss[u] for u in c)) for c in listed]
    assert keys == sorted(keys)  # by number of units, then electors
    for c in listed:  # units by electors, largest first, then name
        assert list(c) == sorted(c, key=lambda u: (-toss[u], u))
    # a limit takes the head of the same stream
    assert list(smallest_winning(base, toss, who, limit=3)) == listed[:3]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 9), max_size=12))
def test_weight_counts_match_brute_force(ws: list[int]) -> None:
    counts = weight_counts(ws)
    want = [0] * (sum(ws) + 1)
    for mask in range(1 << len(ws)):
        want[sum(w for i, w in enumerate(ws) if mask >> i & 1)] += 1
    assert counts == want


def test_weight_counts_past_int64_are_binomials() -> None:
    """70 units of one elector each: C(70, k) subsets weigh k (2**70 in all, past int64)."""
    counts = weight_counts([1] * 70)
    assert counts == [comb(70, k) for k in range(71)]
    assert sum(counts) == 2**70


def test_counts_past_int64_by_hand() -> None:
    """64 tossups of one elector, nothing else: A wins with 33+ of them, 32-32 ties."""
    paths = count_paths({}, {f"T{i}": 1 for i in range(64)}, ("A", "B"), limit=1)
    assert paths.ties == comb(64, 32)
    assert paths.wins == {"A": (2**64 - comb(64, 32)) // 2, "B": (2**64 - comb(64, 32)) // 2}
    # equal electors: units by name ("T0", "T1", "T10", ...), the first 33 of them first
    assert paths.smallest == (tuple(sorted(f"T{i}" for i in range(64))[:33]),)


def test_every_2020_state_a_tossup_exact_beyond_floats() -> None:
    """All 51 units of 2020 (ME, NE whole) open, nobody's base: 2**51 maps, counted exactly.

    By symmetry (a map and its mirror) both sides win equally often; the rest are 269-269.
    """
    ev = data.electors(2020)
    paths = count_paths({}, ev, ("A", "B"), limit=0)
    assert paths.combinations == 2**51
    ties = weight_counts(ev.values())[269]
    assert paths.ties == ties > 0
    assert paths.wins["A"] == paths.wins["B"] == (2**51 - ties) // 2
    assert isinstance(paths.wins["A"], int)


def test_2020_smallest_of_all_is_the_eleven_largest_states() -> None:
    """2020 electors: the eleven largest states make 270 exactly; ten make at most 256."""
    ev = data.electors(2020)
    first = next(smallest_winning({}, ev, "A"))
    assert first == ("CA", "TX", "FL", "NY", "IL", "PA", "OH", "GA", "MI", "NC", "NJ")
    assert sum(ev[u] for u in first) == 270


def test_listing_streams_on_a_large_map() -> None:
    """56 units (2020 with Maine's and Nebraska's districts): the stream starts at once."""
    ev = dict(data.electors(2020))
    ev.update({"ME": 2, "ME-1": 1, "ME-2": 1, "NE": 2, "NE-1": 1, "NE-2": 1, "NE-3": 1})
    assert len(ev) == 56 and sum(ev.values()) == 538
    head = list(islice(smallest_winning({}, ev, "A"), 200))
    assert len(head) == 200
    assert all(sum(ev[u] for u in c) >= 270 for c in head)
    assert all(sum(ev[u] for u in c) - ev[c[-1]] < 270 for c in head)


def test_split_base_from_a_map() -> None:
    winners = {"TX": "R", "CA": "D", "PA": "D", "ME": "D"}
    electors = {"TX": 40, "CA": 54, "PA": 19, "ME": 4}
    base, toss = split_base(winners, electors, ["PA"])
    assert base == {"R": 40, "D": 58} and toss == {"PA": 19}
    with pytest.raises(DataError):
        split_base(winners, electors, ["XX"])
    with pytest.raises(DataError):
        split_base({"TX": "R"}, electors, ["PA"])


def test_paths_is_frozen() -> None:
    paths = count_paths({"A": 1}, {"X": 1}, ("A", "B"))
    assert isinstance(paths, Paths)
    with pytest.raises(AttributeError):
        paths.ties = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: count_paths({"A": 1}, {"X": 1}, ("A", "A")), "candidates"),
        (lambda: count_paths({"A": 1}, {"X": 0}, ("A", "B")), "tossups"),
        (lambda: count_paths({"A": -1}, {"X": 2}, ("A", "B")), "base_ev"),
        (lambda: count_paths({"A": 2}, {"X": 2}, ("A", "B"), 2), "quota"),
        (lambda: count_paths({"A": 2}, {"X": 2}, ("A", "B"), 5), "quota"),
        (lambda: smallest_winning({"A": 2}, {"X": 2}, "A", limit=-1), "limit"),
        (lambda: smallest_winning({"A": 2}, {"X": True}, "A"), "tossups"),
    ],
)
def test_bad_input_raises_at_the_call(call: object, field: str) -> None:
    with pytest.raises(DataError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field
