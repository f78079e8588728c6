"""Alternative systems replayed on real returns and on a toy."""

from __future__ import annotations

import pandas as pd

import electoral
from electoral.analysis import systems


def test_largest_remainders_by_hand() -> None:
    # 10 electors; A 47%, B 38%, C 15%: quotas 4.7, 3.8, 1.5 -> 4, 3, 1 + 2 remainders to
    # B (.8) and A (.7) -> A 5, B 4, C 1.
    assert systems.largest_remainders({"A": 470, "B": 380, "C": 150}, 10) == {
        "A": 5,
        "B": 4,
        "C": 1,
    }


def test_national_popular_vote_2016_goes_to_clinton() -> None:
    # FEC 2016: Clinton 65,853,514 to Trump 62,984,828 nationally.
    t = electoral.election(2016).pledged
    assert t is not None
    r = systems.national_popular_vote(t)
    assert r.president.winner == "Hillary Clinton"


def test_compact_2024_is_inactive_with_209_electors() -> None:
    # National Popular Vote: in 2024 the compact's 17 states and DC held 209 electoral votes.
    t = electoral.election(2024).pledged
    assert t is not None
    r = systems.compact(t)
    assert "209 electors" in r.notes[0] and "inactive" in r.notes[0]
    assert dict(r.president.tally) == {"Donald Trump": 312, "Kamala Harris": 226}


def test_compact_active_with_enough_members() -> None:
    t = electoral.election(2016).pledged
    assert t is not None
    big = ["CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "MI", "NC", "NJ", "VA"]
    r = systems.compact(t, members=big)  # 12 largest states in 2016: 279 electors
    assert r.president.winner == "Hillary Clinton"


def test_proportional_toy() -> None:
    df = pd.DataFrame(
        {
            "state": ["CA", "CA", "TX", "TX"],
            "candidate": ["A", "B", "A", "B"],
            "votes": [60, 40, 45, 55],
        }
    )
    r = systems.proportional(electoral.tally(df, year=2024))
    # CA 54: 32.4 / 21.6 -> 32 + 22? remainders .4 vs .6 -> A 32, B 22.
    # TX 40: 18 / 22 -> A 18, B 22.  Total A 50, B 44 of 94; majority 48 -> A.
    assert dict(r.president.tally) == {"A": 50, "B": 44}
    assert r.president.winner == "A"
