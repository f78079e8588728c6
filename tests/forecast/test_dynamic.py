"""The state-space model of opinion, the poll effects, the fundamentals prior and the daily
series, on synthetic data where the answer is known and on the packaged polls."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from electoral.data.polls import polls
from electoral.forecast.daily import _point as point_of
from electoral.forecast.daily import daily
from electoral.forecast.effects import PollArrays, effects, mode_class
from electoral.forecast.forecaster import ForecastModel
from electoral.forecast.fundamentals import prior, table
from electoral.forecast.opinion import (
    BOUNCE,
    LEVEL,
    Observations,
    Walk,
    fit_walk,
    initial,
    kalman,
    observe_national,
)

WALK = Walk(sigma_l=0.002, sigma_b=0.004, sigma_d=0.001, extra_n=0.01, extra_s=0.01)


def _state(n_states: int = 2) -> tuple[np.ndarray, np.ndarray]:
    return initial(np.zeros(n_states), np.eye(n_states) * 0.03**2, 0.0, WALK)


def test_many_polls_pin_down_a_level_and_the_walk_only_widens_after() -> None:
    rng = np.random.default_rng(1)
    day = np.repeat(np.arange(-100, -10), 4)
    state = np.tile([-1, 0, 1, -1], 90)
    truth = {-1: 0.05, 0: 0.05 + 0.10, 1: 0.05 - 0.20}
    y = np.array([truth[s] for s in state]) + rng.normal(0, 0.02, len(day))
    obs = Observations(day, state, y, np.full(len(day), 0.02**2))
    mean0, cov0 = _state()
    last, saved = kalman(obs, mean0, cov0, WALK, start=-101, record=(-50, -11))
    margins, _ = last.margins()
    assert last.national == pytest.approx(0.05, abs=0.01)
    np.testing.assert_allclose(margins, [0.15, -0.15], atol=0.015)
    # after the last poll nothing is learned: the variance grows, the bounce fades
    far = last.project(0, WALK)
    assert far.national_var > last.national_var
    assert abs(far.mean[BOUNCE]) <= abs(last.mean[BOUNCE])
    assert far.mean[LEVEL] == last.mean[LEVEL]
    # a recorded day sees only the polls up to it
    assert saved[-50].day == -50 and saved[-50].national_var > last.national_var


def test_fundamentals_pull_the_national_margin_in_proportion_to_precision() -> None:
    mean0, cov0 = _state()
    start = kalman(
        Observations(*(np.array([], dtype=t) for t in (int, int, float, float))),
        mean0,
        cov0,
        WALK,
        start=-10,
    )[0]
    wide = observe_national(start, 0.04, 0.01**2)
    assert wide.national == pytest.approx(0.04, abs=0.005)
    v = start.national_var
    expected = v / (v + 0.01**2) * 0.04
    assert wide.national == pytest.approx(expected, rel=1e-9)


def test_walk_is_fitted_on_the_polls() -> None:
    """A national level that jumps around a lot gets a wider walk than a still one."""
    rng = np.random.default_rng(2)
    day = np.arange(-200, 0)
    still = 0.03 + rng.normal(0, 0.01, 200)
    moving = 0.03 + np.cumsum(rng.normal(0, 0.006, 200)) + rng.normal(0, 0.01, 200)
    r = np.full(200, 0.01**2)
    nat = np.full(200, -1)
    a = fit_walk(Observations(day, nat, still, r), np.zeros(1))
    b = fit_walk(Observations(day, nat, moving, r), np.zeros(1))
    assert b.sigma_l > 3 * a.sigma_l


def test_house_and_population_effects_are_recovered() -> None:
    """Two pollsters polling the same units in the same weeks, one 4 points more
    Democratic than the other; registered-voter samples 2 points more Democratic."""
    rng = np.random.default_rng(3)
    n = 600
    pollster = np.where(np.arange(n) % 3 == 0, "A", np.where(np.arange(n) % 3 == 1, "B", "C"))
    house = {"A": 0.02, "B": -0.02, "C": 0.0}
    pop = np.where(np.arange(n) % 2 == 0, 1, 0)  # rv / lv
    unit = np.array(["PA", "OH", "US"])[rng.integers(0, 3, n)]
    day = np.sort(rng.integers(-120, -1, n))
    y = np.array([house[p] for p in pollster]) + 0.02 * pop + rng.normal(0, 0.01, n)
    polls_ = PollArrays(
        2016,
        "D",
        "R",
        unit,
        day,
        y,
        np.full(n, 0.01**2),
        pollster,
        pop,
        np.zeros(n, dtype=np.int64),
        day,
    )
    eff = effects(polls_)
    assert eff.house["A"] - eff.house["B"] == pytest.approx(0.04, abs=0.006)
    assert eff.population["rv"] == pytest.approx(0.02, abs=0.006)


def test_mode_classes() -> None:
    assert mode_class("Live Phone") == "live" and mode_class("") == "live"
    assert mode_class("Online") == "online" and mode_class("IVR") == "ivr"
    assert mode_class("IVR/Online") == "mixed"


def test_fundamentals_use_earlier_years_and_published_predictors_only() -> None:
    t = table()
    june = prior(2016, dt.date(2016, 6, 15), t)
    sept = prior(2016, dt.date(2016, 9, 1), t)
    assert june.predictors == ("first_term",)
    assert sept.predictors == ("first_term", "june_net_approval", "q2_gdp_growth")
    assert max(sept.fitted_on) == 2012 and min(sept.fitted_on) == 1948
    later = t.copy()
    later.loc[later.year >= 2016, "dem_two_party_margin"] += 0.1
    assert prior(2016, dt.date(2016, 9, 1), later) == sept
    earlier = t.copy()
    earlier.loc[earlier.year == 2008, "dem_two_party_margin"] += 0.1
    assert prior(2016, dt.date(2016, 9, 1), earlier).mean != sept.mean


def test_the_fundamentals_fit_is_shared_by_the_days_that_know_the_same() -> None:
    # every day of the daily series asks for the prior: one fit per table and predictors
    t = table()
    assert prior(2016, dt.date(2016, 9, 1), t) is prior(2016, dt.date(2016, 9, 2), t)
    assert prior(2016, dt.date(2016, 9, 1), t.copy()) is not prior(2016, dt.date(2016, 9, 1), t)


def test_a_day_of_the_series_is_the_forecast_of_that_day() -> None:
    """With effects refreshed every day, the series' point for D is exactly the forecast
    as of D (both from the polls that ended before D)."""
    frame = polls(2012)
    days = [dt.date(2012, 10, 20), dt.date(2012, 10, 21)]
    series = daily(frame, year=2012, start=days[0], end=days[-1], refresh=1)
    assert [p.date for p in series.series] == days
    for p in series.series:
        fm = ForecastModel().fit(frame, year=2012, as_of=p.date)
        assert point_of(p.date, fm) == p
        cut = frame[frame.end_date < pd.Timestamp(p.date)]
        again = ForecastModel().fit(cut, year=2012, as_of=p.date)
        np.testing.assert_array_equal(fm.model_.mean, again.model_.mean)


def test_later_releases_do_not_displace_what_a_day_could_see() -> None:
    """2016: 538 listed 218 of the last week's polls on or after the eve.  In a block that
    runs to Election Day, the eve's point is still exactly the eve's forecast: neither
    those polls nor later releases of a tracking poll reach it or push its polls out."""
    frame = polls(2016)
    eve = dt.date(2016, 11, 7)
    series = daily(frame, year=2016, start=eve, end=dt.date(2016, 11, 8))
    fm = ForecastModel().fit(frame, year=2016, as_of=eve)
    assert point_of(eve, fm) == series.series[0]
    assert series.series[1] != series.series[0]  # the next day sees the late-listed polls


def test_gdp_is_the_estimate_published_by_the_forecast_date() -> None:
    """2024: BEA's advance estimate of second-quarter growth (2.8%, 2024-07-25) until its
    revision (3.0%, 2024-09-26; FUNDAMENTALS_PROVENANCE.md); before either, none."""
    t = table()
    july = prior(2024, dt.date(2024, 7, 20), t)
    august = prior(2024, dt.date(2024, 8, 15), t)
    october = prior(2024, dt.date(2024, 10, 15), t)
    assert "q2_gdp_growth" not in july.predictors
    assert "q2_gdp_growth" in august.predictors and "q2_gdp_growth" in october.predictors
    revised = t.copy()
    revised.loc[revised.year == 2024, "q2_gdp_growth"] = 2.8  # as if never revised
    assert prior(2024, dt.date(2024, 8, 15), revised) == august  # the revision unseen
    assert prior(2024, dt.date(2024, 10, 15), revised).mean != october.mean
