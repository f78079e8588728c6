"""The count on a three-state toy college, worked out by hand.

    state  electors   returns                      pledged
    -----  --------   --------------------------   -------------
    AA        5       Ann 60   Bob 40               Ann 5
    BB        3       Ann 10   Bob 30               Bob 3
    CC        1       Ann  1   Bob  2   Cy 5        Cy 1
                                                    9 electors, majority 5: Ann wins.

With Ann losing AA to Cy instead, the tally is Cy 6 / Bob 3 -> Cy wins; with AA's 5
electors split so nobody reaches 5, the House chooses among the top three.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.rules.allocation import statewide_plurality
from electoral.rules.count import count, majority_of, top

TOY = {"AA": 5, "BB": 3, "CC": 1}
RETURNS = {
    "AA": {"Ann": 60, "Bob": 40},
    "BB": {"Ann": 10, "Bob": 30},
    "CC": {"Ann": 1, "Bob": 2, "Cy": 5},
}


def toy_tally(returns: dict[str, dict[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for st_, votes in returns.items():
        u = statewide_plurality(st_, TOY[st_], votes)
        totals[u.winner] = totals.get(u.winner, 0) + u.electors
    return totals


def test_toy_college_by_hand() -> None:
    totals = toy_tally(RETURNS)
    assert totals == {"Ann": 5, "Bob": 3, "Cy": 1}
    r = count(totals, 9)
    assert (r.majority, r.winner, r.decided_by, r.contingent) == (
        5,
        "Ann",
        "electoral-college",
        None,
    )


def test_toy_college_flip() -> None:
    flipped = {**RETURNS, "AA": {"Ann": 10, "Cy": 60}}
    r = count(toy_tally(flipped), 9)
    assert r.winner == "Cy" and dict(r.tally) == {"Cy": 6, "Bob": 3}


def test_no_majority_goes_to_house_top_three() -> None:
    # 9 electors, majority 5; Ann 4, Bob 3, Cy 1, Dee 1: nobody has 5.
    r = count({"Ann": 4, "Bob": 3, "Cy": 1, "Dee": 1}, 9)
    assert r.winner is None and r.decided_by == "house"
    assert r.contingent is not None and r.contingent.chamber == "house"
    # Cy and Dee tie for third: the 12th Amendment's "highest numbers not exceeding three"
    # leaves the tie unresolved, so both are kept and a note says the field widened.
    assert r.contingent.candidates == ("Ann", "Bob", "Cy", "Dee")
    assert r.notes


def test_vice_president_without_majority_goes_to_senate_top_two() -> None:
    # 1836: Johnson 147 of 294 electors (148 needed), Granger 77, Tyler 47, Smith 23
    # (Senate Journal, Feb 8, 1837).
    r = count(
        {"Richard M. Johnson": 147, "Francis Granger": 77, "John Tyler": 47, "William Smith": 23},
        294,
        office="vice_president",
    )
    assert r.majority == 148 and r.decided_by == "senate"
    assert r.contingent is not None
    assert r.contingent.candidates == ("Richard M. Johnson", "Francis Granger")


def test_tie_269_269_is_no_majority() -> None:
    r = count({"A": 269, "B": 269}, 538)
    assert r.majority == 270 and r.winner is None and r.decided_by == "house"


def test_majority_of_electors_appointed_not_cast() -> None:
    # 2000: 538 appointed, 537 voted (a DC elector abstained); majority stays 270.
    r = count({"George W. Bush": 271, "Al Gore": 266}, 538)
    assert r.majority == 270 and r.winner == "George W. Bush"


def test_more_votes_than_electors_is_refused() -> None:
    with pytest.raises(ValueError):
        count({"A": 6}, 5)


def test_top_keeps_ties_at_the_cut() -> None:
    assert top({"A": 5, "B": 3, "C": 3}, 2) == (("A", "B", "C"), True)
    assert top({"A": 5, "B": 3}, 3) == (("A", "B"), False)


@given(st.integers(min_value=1, max_value=2000))
def test_majority_is_smallest_strict_majority(n: int) -> None:
    m = majority_of(n)
    assert 2 * m > n and 2 * (m - 1) <= n


@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 100), min_size=1))
def test_winner_iff_majority(votes: dict[str, int]) -> None:
    n = sum(votes.values()) + 3
    r = count(votes, n)
    leader = max(votes.values())
    assert (r.winner is not None) == (leader >= n // 2 + 1)
    if r.winner is None and leader > 0:
        assert r.contingent is not None and len(r.contingent.candidates) >= min(
            3, sum(v > 0 for v in votes.values())
        )
    elif r.winner is None:
        # Nobody voted for: the 12th Amendment's list is empty, no contingent election.
        assert r.contingent is None and r.decided_by is None and r.notes
