"""The era table: one row per election, the rules in force, walked end to end."""

from __future__ import annotations

import pytest

from electoral.data import electors
from electoral.rules.eras import election_years, era, era_table


def test_table_has_every_election() -> None:
    t = era_table(2028)
    assert list(t.year) == [1789, *range(1792, 2029, 4)]
    assert t.year.is_unique


@pytest.mark.parametrize(
    ("year", "ballots", "house_field", "dc", "districts"),
    [
        (1789, "dual", 5, 0, ()),  # art. II: two votes per elector; House among five
        (1800, "dual", 5, 0, ()),
        (1804, "separate", 3, 0, ()),  # 12th Amendment
        (1960, "separate", 3, 0, ()),
        (1964, "separate", 3, 3, ()),  # 23rd Amendment
        (1972, "separate", 3, 3, ("ME",)),  # Maine's district law
        (1992, "separate", 3, 3, ("ME", "NE")),  # Nebraska's district law
        (2024, "separate", 3, 3, ("ME", "NE")),
    ],
)
def test_rules_in_force(
    year: int, ballots: str, house_field: int, dc: int, districts: tuple[str, ...]
) -> None:
    e = era(year)
    assert (e.ballots, e.house_field, e.dc_electors, e.district_states) == (
        ballots,
        house_field,
        dc,
        districts,
    )


def test_walk_matches_the_data() -> None:
    # DC appears in the electors data exactly when the era table says it appoints electors.
    for y in election_years(2024):
        has_dc = "DC" in electors(y)
        assert has_dc == (era(y).dc_electors == 3), y
        if has_dc:
            assert electors(y)["DC"] == 3


def test_count_law_changes() -> None:
    assert era(1884).count_law == "constitution"
    assert era(1888).count_law == "eca-1887"
    assert era(2020).count_law == "eca-1887"
    assert era(2024).count_law == "ecra-2022"
    assert "Chiafalo" in dict(era(2020).citations)["faithless_voidable"]
