"""The packaged fundamentals table: facts from the record, nothing from after the election."""

from __future__ import annotations

import math

import pytest

from electoral import data
from electoral.errors import RuleError


def test_one_row_per_election_1948_2028() -> None:
    df = data.fundamentals()
    assert list(df.year) == list(range(1948, 2032, 4))
    assert tuple(df.columns) == data.FUNDAMENTALS_COLUMNS


@pytest.mark.parametrize(
    ("year", "party", "running", "first_term"),
    [
        # 2020: Trump (R, elected 2016) sought a second term; Republicans held the White
        # House for one term.  2024: Biden (D, elected 2020) withdrew on 2024-07-21; Harris
        # was the nominee; Democrats held it for one term.  2016: Obama (D) term-limited
        # after two terms.
        (2020, "R", 1, 1),
        (2024, "D", 0, 1),
        (2016, "D", 0, 0),
        # 2028: Trump (R), elected 2016 and 2024, may not be elected a third time (22nd
        # Amendment); Republicans will have held the White House one term.
        (2028, "R", 0, 1),
    ],
)
def test_incumbency_from_the_record(year: int, party: str, running: int, first_term: int) -> None:
    row = data.fundamentals().set_index("year").loc[year]
    assert (row.incumbent_party, row.incumbent_running, row.first_term) == (
        party,
        running,
        first_term,
    )


@pytest.mark.parametrize(
    ("year", "dem", "rep"),
    [
        # FEC, Federal Elections 2016: Clinton 65,853,514, Trump 62,984,828 (two-party 51.11%).
        (2016, 65_853_514, 62_984_828),
        # FEC, Federal Elections 2024: Harris 75,017,613, Trump 77,302,580 (two-party 49.25%).
        (2024, 75_017_613, 77_302_580),
    ],
)
def test_outcome_is_the_national_two_party_vote(year: int, dem: int, rep: int) -> None:
    row = data.fundamentals().set_index("year").loc[year]
    assert row.outcome_dem_two_party == pytest.approx(100 * dem / (dem + rep), abs=0.005)


def test_cited_economy_and_approval() -> None:
    f = data.fundamentals().set_index("year")
    # BEA third estimates of Q2 real GDP growth (annual rate): 2020-09-30 release -31.4%,
    # 2024-09-26 release 3.0%.
    assert f.q2_gdp_growth[2020] == -31.4 and f.q2_gdp_growth[2024] == 3.0
    # Gallup May 28-June 4 2020: Trump 39 approve / 57 disapprove.
    assert f.june_net_approval[2020] == 39 - 57
    # BEA advance estimates: 2020Q2 -32.9% (released 2020-07-30), 2024Q2 2.8% (2024-07-25).
    assert f.q2_gdp_growth_advance[2020] == -32.9 and f.q2_gdp_growth_advance[2024] == 2.8
    assert str(f.q2_gdp_advance_released[2020].date()) == "2020-07-30"
    assert str(f.q2_gdp_growth_released[2024].date()) == "2024-09-26"
    # Abramowitz's rows carry no vintage: the dates are unknown, not invented.
    assert f.q2_gdp_growth_released.loc[:2016].isna().all()
    assert f.q2_gdp_growth_advance.loc[:2016].isna().all()


def test_as_of_hides_the_outcome_of_its_year_and_everything_after() -> None:
    df = data.fundamentals(as_of=2016)
    assert df.year.max() == 2016
    last = df.iloc[-1]
    assert math.isnan(last.outcome_dem_two_party) and math.isnan(last.outcome_incumbent_two_party)
    assert last.q2_gdp_growth == 1.1  # the inputs stay (Abramowitz q2gdp 2016)
    assert not df.iloc[:-1].outcome_dem_two_party.isna().any()
    with pytest.raises(RuleError, match="no fundamentals for 2017"):
        data.fundamentals(as_of=2017)


def test_the_next_election_has_no_invented_numbers() -> None:
    row = data.fundamentals().set_index("year").loc[2028]
    for col in ("q2_gdp_growth", "june_net_approval", "q2_gdp_growth_advance"):
        assert math.isnan(row[col])
    assert math.isnan(row.outcome_dem_two_party) and row.outcome_source == ""
