"""The national polling-error record (Gallup's final polls) and the prior fitted on it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from electoral.data.manifest import read_table
from electoral.forecast.calibrate import RECORD_FROM, RECORD_SAMPLE, national_prior, poll_error
from electoral.forecast.inputs import Inputs, packaged


def test_1980_final_poll_and_its_error() -> None:
    rec = read_table("gallup_final_polls.csv").set_index("year")
    row = rec.loc[1980]
    # Gallup's final 1980 survey: Reagan 47, Carter 44, Anderson 8 (Gallup's accuracy
    # table as reprinted; freerepublic.com/focus/news/2948583, fathersmanifesto.net)
    assert (row.rep_pct, row.dem_pct, row.other_pct) == (47.0, 44.0, 8.0)
    # official 1980 popular vote (FEC / Clerk of the House): Carter 35,480,115,
    # Reagan 43,903,230 -> Democratic two-party margin -8,423,115 / 79,383,345; the package
    # sums its state returns (MEDSL), which differ from those totals by a few thousand votes
    assert row.result_dem_margin == pytest.approx(-8_423_115 / 79_383_345, abs=2e-4)
    # poll margin (44 - 47) / 91 less the result: the poll missed Reagan's lead by 7.3 points
    assert row.error == pytest.approx(-3 / 91 + 8_423_115 / 79_383_345, abs=2e-4)


def test_2004_final_poll() -> None:
    row = read_table("gallup_final_polls.csv").set_index("year").loc[2004]
    # Gallup's final 2004 survey: Bush 49, Kerry 49 (reprint above); official result
    # Bush 62,040,610, Kerry 59,028,444 (FEC, Federal Elections 2004)
    assert (row.dem_pct, row.rep_pct) == (49.0, 49.0)
    assert row.result_dem_margin == pytest.approx(
        (59_028_444 - 62_040_610) / (59_028_444 + 62_040_610), abs=2e-4
    )


def test_prior_uses_the_record_before_packaged_polls() -> None:
    inp = packaged()
    expected = tuple(range(RECORD_FROM, 2008, 4))  # 1952-2004: 2008 on have packaged polls
    for year in (2008, 2012, 2020):
        prior = national_prior(year, inp)
        assert prior.years == expected
        assert prior.weight == len(expected)
    err = inp.poll_record.loc[list(expected)].to_numpy()
    assert national_prior(2016, inp).sd == pytest.approx(
        math.sqrt(np.mean(err**2) - 1 / RECORD_SAMPLE)
    )
    # several points of two-party margin, as a final poll's misses were (1952: 8.6, 1980: 7.3)
    assert 0.025 < national_prior(2016, inp).sd < 0.045


def test_prior_sees_only_earlier_years() -> None:
    inp = packaged()
    assert national_prior(1980, inp).years == (1952, 1956, 1960, 1964, 1968, 1972, 1976)
    cut = inp.before(2008)
    assert national_prior(2008, cut) == national_prior(2008, inp)


def test_a_larger_record_error_widens_the_forecast() -> None:
    inp = packaged()
    record = inp.poll_record.copy()
    record[1992] += 0.05
    wider = Inputs(inp.hist, inp.fundamentals, inp.polls, inp.poll_years, record)
    a = poll_error(2016, inp, exclude=(2016, 2020, 2024))
    b = poll_error(2016, wider, exclude=(2016, 2020, 2024))
    assert b.national_sd > a.national_sd
    assert a.state_sd == b.state_sd
