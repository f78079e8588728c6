"""Tipping point, bias and swings: a hand-worked toy and real years.

Toy (margins for A, electors):  AA +10% (5), BB +2% (3), CC -4% (3).  11 electors, 6 needed.
Ordered for A: AA (5), BB (8 -> past 6): the tipping point is BB at +2%.
A swing of 2 points denies A the majority (A keeps 5 < 6); to give B 6 electors, B must win
BB as well: also 2 points.  With AA's margin +10% (AA 1,000 votes) and so on, the national
margin is computed from the votes below.
"""

from __future__ import annotations

import numpy as np
import pytest

import electoral
from electoral.analysis.board import Board, board
from electoral.analysis.tipping import tipping_point


def toy() -> Board:
    return Board(
        year=2024,
        units=("AA", "BB", "CC"),
        electors=np.array([5, 3, 3]),
        a_votes=np.array([550, 510, 480]),
        b_votes=np.array([450, 490, 520]),
        total_votes=np.array([1000, 1000, 1000]),
        statewide=np.array([True, True, True]),
        a="A",
        b="B",
    )


def test_toy_tipping_point() -> None:
    tp = tipping_point(toy())
    assert tp.candidate == "A" and tp.unit == "BB"
    assert tp.margin == pytest.approx(0.02)
    # National: A 1,540, B 1,460 of 3,000 -> +2.667%; bias = 2% - 2.667% = -0.667%.
    assert tp.national_margin == pytest.approx(80 / 3000)
    assert tp.bias == pytest.approx(0.02 - 80 / 3000)
    assert tp.swing_to_deny == pytest.approx(0.02) and tp.swing_to_flip == pytest.approx(0.02)


def test_leader_is_the_electoral_leader() -> None:
    tp = tipping_point(toy().swap())
    assert tp.candidate == "A"  # swapping the view does not change who leads


@pytest.mark.parametrize(
    ("year", "state", "candidate", "margin"),
    [
        # Certified 2020 Wisconsin: Biden 1,630,866, Trump 1,610,184 of 3,298,041.
        (2020, "WI", "Joe Biden", 20_682 / 3_298_041),
        # Certified 2016 Wisconsin: Trump 1,405,284, Clinton 1,382,536 of 2,976,150.
        (2016, "WI", "Donald Trump", 22_748 / 2_976_150),
        # 2000 Florida: Bush by 537 votes of 5,963,110 (certified, FEC 2000).
        (2000, "FL", "George W. Bush", 537 / 5_963_110),
    ],
)
def test_real_tipping_points(year: int, state: str, candidate: str, margin: float) -> None:
    t = electoral.election(year).pledged
    assert t is not None
    tp = tipping_point(board(t))
    assert (tp.unit, tp.candidate) == (state, candidate)
    assert tp.margin == pytest.approx(margin, abs=2e-5)


def test_2020_bias_favours_trump() -> None:
    # National margin Biden +4.45% (FEC 2020: 81,283,501 to 74,223,975 of 158,429,631);
    # tipping-point margin +0.63%: the map was about 3.8 points harder for Biden.
    t = electoral.election(2020).pledged
    assert t is not None
    tp = tipping_point(board(t))
    assert tp.national_margin == pytest.approx(0.0445, abs=5e-4)
    assert tp.bias == pytest.approx(-0.0382, abs=5e-4)
    assert tp.favours == "Donald Trump"
