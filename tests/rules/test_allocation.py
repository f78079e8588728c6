"""Allocation rules: statewide plurality and Maine's and Nebraska's district method."""

from __future__ import annotations

import pytest

from electoral.errors import RuleError
from electoral.rules import eras
from electoral.rules.allocation import district_method, plurality_winner, statewide_plurality


def test_statewide_plurality_not_majority() -> None:
    # A plurality suffices: 40% beats 35% and 25%.
    u = statewide_plurality("PA", 19, {"A": 40, "B": 35, "C": 25})
    assert (u.winner, u.electors, u.rule) == ("A", 19, "statewide-plurality")
    assert u.margin == pytest.approx(0.05)


def test_tie_in_a_state_is_an_error() -> None:
    with pytest.raises(RuleError, match="tie"):
        plurality_winner({"A": 10, "B": 10}, "PA")


def test_district_method_nebraska_2020() -> None:
    # Nebraska 2020, certified canvass: statewide Trump 556,846 / Biden 374,583; NE-2 Biden
    # 176,468 / Trump 154,377 -> Trump 4 electors, Biden 1 (NARA 2020 certificates).
    units = district_method(
        "NE",
        5,
        {"Trump": 556_846, "Biden": 374_583},
        {
            "NE-1": {"Trump": 180_290, "Biden": 132_261},
            "NE-2": {"Trump": 154_377, "Biden": 176_468},
            "NE-3": {"Trump": 222_179, "Biden": 65_854},
        },
    )
    got = {u.unit: (u.winner, u.electors) for u in units}
    assert got == {
        "NE": ("Trump", 2),
        "NE-1": ("Trump", 1),
        "NE-2": ("Biden", 1),
        "NE-3": ("Trump", 1),
    }


def test_district_method_needs_two_at_large() -> None:
    with pytest.raises(RuleError):
        district_method("ME", 5, {"A": 1}, {"ME-1": {"A": 1}, "ME-2": {"A": 1}})


@pytest.mark.parametrize(
    ("state", "year", "expected"),
    [
        # Maine's district law took effect with the 1972 election; Nebraska's with 1992.
        ("ME", 1968, False),
        ("ME", 1972, True),
        ("NE", 1988, False),
        ("NE", 1992, True),
        ("PA", 2024, False),
    ],
)
def test_district_method_years(state: str, year: int, expected: bool) -> None:
    assert eras.uses_district_method(state, year) is expected
