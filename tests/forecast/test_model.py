"""The fitted forecast model, the swing factor model and what a forecast may learn from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import numpy as np
import pandas as pd
import pytest

from electoral.data.polls import polls
from electoral.errors import RuleError
from electoral.forecast.errors_model import SwingModel, history, swing_years
from electoral.forecast.forecaster import PARAMETERS, ForecastModel
from electoral.forecast.model import ElectionModel, model_units


def test_units_follow_the_district_rules() -> None:
    u1988 = model_units(1988)
    assert [u for u, _, _ in u1988 if u.startswith("NE")] == ["NE"]
    assert ("ME", 2, "ME") in u1988 and ("ME-2", 1, "ME") in u1988
    u2020 = {u: n for u, n, _ in model_units(2020)}
    assert u2020["NE"] == 2 and u2020["NE-3"] == 1 and sum(u2020.values()) == 538
    assert len(u2020) == 56


def test_error_grows_with_days_to_the_election(fitted_2016: ForecastModel) -> None:
    """Three months out the same polls leave every unit less certain than on the eve."""
    far = ForecastModel().fit(polls(2016), year=2016, as_of=dt.date(2016, 8, 10))
    assert far.days_ > 80 and fitted_2016.days_ <= 2
    assert (far.model_.sd > fitted_2016.model_.sd).all()


def test_stale_polls_are_reported() -> None:
    """Polls that end a month before the as-of date: the note says so, and the forecast
    counts its days from the day after the last poll."""
    frame = polls(2016)
    frame = frame[frame.end_date < pd.Timestamp(2016, 10, 1)]
    fm = ForecastModel().fit(frame, year=2016, as_of=dt.date(2016, 11, 7))
    assert fm.effective_as_of_ == dt.date(2016, 10, 1)
    assert fm.days_ == 38 and any("polls end 2016-09-30" in n for n in fm.notes_)


def test_no_national_polls_takes_the_level_from_the_states() -> None:
    frame = polls(2012)
    fm = ForecastModel().fit(frame[frame.unit != "US"], year=2012)
    assert any("no national polls" in n for n in fm.notes_)
    assert np.isfinite(fm.model_.mean).all()


def test_a_year_without_previous_returns_has_no_prior() -> None:
    with pytest.raises(RuleError, match="1972"):
        ForecastModel().fit(polls(2016), year=1976)


def test_fitted_model_is_consistent() -> None:
    fm = ForecastModel().fit(polls(2020), year=2020, as_of=dt.date(2020, 10, 1))
    m = fm.model_
    assert m.total == 538 and m.n_units == 56 and m.n_shared == fm.n_shared
    assert m.popular_weight.sum() == pytest.approx(1.0)
    assert (m.popular_weight[[m.units.index(d) for d in ("ME-1", "NE-2")]] == 0).all()
    me, me2 = m.units.index("ME"), m.units.index("ME-2")
    assert m.group[me] == m.group[me2] and m.own[me] == 0 < m.own[me2]
    np.testing.assert_allclose(fm.table_.sd.to_numpy(), m.sd)
    with pytest.raises(ValueError, match="electors has shape"):
        dataclasses.replace(m, electors=m.electors[:-1])
    assert m.unit_win_probability().shape == (56,)
    # the factors and the states' own errors rebuild each state's variance exactly: the
    # filter's, plus the shared national and state polling errors
    core, err = fm.core_, fm.poll_error_
    _, cov = core.final.margins(1 + err.compression)
    want = np.sqrt(np.diag(cov) + err.national_sd**2 + err.state_sd**2)
    states = [m.units.index(s) for s in core.states]
    np.testing.assert_allclose(m.sd[states], want, rtol=1e-9)


def test_every_parameter_is_documented() -> None:
    documented = {name for name, _, _ in PARAMETERS}
    args = set(inspect.signature(ForecastModel).parameters) - {"training"}
    assert args <= documented
    kinds = ("chosen a priori", "assumed", "chosen:")
    assert all(source.startswith(kinds) for _, _, source in PARAMETERS)


def test_swing_model_factors_the_relative_swings() -> None:
    s = SwingModel(n_factors=2).fit(history())
    assert s.years_ == tuple(range(1980, 2021, 4))
    assert s.loadings_.shape == (51, 2) and (s.idio_var_ > 0).all()
    np.testing.assert_allclose(s.swing_var_, s.idio_var_ + (s.loadings_**2).sum(axis=1))
    assert s.explained_ratio_[0] >= s.explained_ratio_[1] > 0
    assert swing_years(range(1976, 2021, 4), exclude=(2008,)) == (
        1980,
        1984,
        1988,
        1992,
        1996,
        2000,
        2004,
        2016,
        2020,
    )


def test_past_training_sees_only_earlier_elections(fitted_2016: ForecastModel) -> None:
    assert max(fitted_2016.swing_.years_) == 2012
    assert min(fitted_2016.excluded_years_) == 2016
    assert fitted_2016.poll_error_.years == (2008, 2012)
    assert max(fitted_2016.core_.fundamentals.fitted_on) == 2012


def test_election_model_checks_its_arrays() -> None:
    with pytest.raises(ValueError, match="df"):
        ElectionModel.independent(("A",), (1,), (0.0,), 0.01, df=2.0)
    with pytest.raises(ValueError, match="scale"):
        ElectionModel.independent(("A",), (1,), (0.0,), 0.0)
