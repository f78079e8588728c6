"""Scenarios: swings, margins, flips and tossups on real returns."""

from __future__ import annotations

import pytest

from electoral.analysis.scenario import Scenario, run
from electoral.errors import DataError


def test_uniform_swing_2020_ties() -> None:
    # 2020 Biden margins (certified): GA 0.24%, AZ 0.31%, WI 0.63%, PA 1.16%.  A swing of
    # 0.7 points of margin toward Trump flips GA (16), AZ (11) and WI (10) but not PA:
    # Biden 306 - 37 = 269, Trump 232 + 37 = 269 -> no majority, the House decides.
    r = run(Scenario(2020, toward="Trump", swing=0.007))
    assert dict(r.president.tally) == {"Joe Biden": 269, "Donald Trump": 269}
    assert r.president.winner is None and r.president.decided_by == "house"


def test_flip_and_margin() -> None:
    # Flipping PA (19 electors under the 2020 census) in 2024 and setting WI to Harris +1%:
    # Trump 312 - 19 - 10 = 283, Harris 226 + 29 = 255.
    r = run(Scenario(2024, flips={"PA": "Harris"}, margins={"WI": 0.01}, toward="Harris"))
    assert dict(r.president.tally) == {"Donald Trump": 283, "Kamala Harris": 255}


def test_tossups_leave_the_outcome_open() -> None:
    # 2020 with PA, GA, AZ, WI (57 electors) open: Biden has 249, Trump 232 decided.
    r = run(Scenario(2020, tossups=["PA", "GA", "AZ", "WI"]))
    assert r.president.winner is None and r.tossups == {"PA": 20, "GA": 16, "AZ": 11, "WI": 10}
    assert dict(r.president.tally) == {"Joe Biden": 249, "Donald Trump": 232}
    assert r.paths is not None and r.paths.combinations == 16


def test_unknown_unit_is_an_error() -> None:
    with pytest.raises(DataError):
        run(Scenario(2020, flips={"ZZ": "Trump"}))


@pytest.mark.parametrize("year", range(1976, 2025, 4))
def test_reapportioning_435_seats_gives_the_recorded_electors(year: int) -> None:
    # Two independent sources agree: Huntington-Hill on the census populations (Census
    # Bureau) and the electors per state of the record (National Archives).
    from electoral import data
    from electoral.analysis.scenario import reapportioned

    assert reapportioned(year, 435, "huntington-hill") == data.electors(year)


def test_house_size_scenario_2000() -> None:
    # 2000 under the 1990 census, 435 seats: the recorded pledged 271-267.  A House of 1,000
    # seats has 1,000 + 100 + 3 = 1,103 electors (majority 552).
    r = run(Scenario(2000, seats=435))
    assert dict(r.president.tally) == {"George W. Bush": 271, "Al Gore": 267}
    big = run(Scenario(2000, seats=1000))
    assert (big.result.electors, big.president.majority) == (1103, 552)
