"""The prior, the poll blend, the swing factor model and leave-one-year-out fitting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import math

import numpy as np
import pandas as pd
import pytest

from electoral.errors import RuleError
from electoral.forecast.errors_model import History, SwingModel, history, swing_years
from electoral.forecast.model import PARAMETERS, ElectionModel, ForecastModel, model_units


@dataclasses.dataclass(frozen=True)
class StandIn:
    """The poll-average interface (``forecast.average.PollAverage``) with chosen numbers."""

    year: int
    as_of: dt.date
    dem: str
    rep: str
    units: pd.DataFrame


def stand_in(year: int, polled: dict[str, tuple[float, float]], **kw: object) -> StandIn:
    units = pd.DataFrame(
        {
            "margin": [m for m, _ in polled.values()],
            "se": [s for _, s in polled.values()],
            "n_polls": 3,
            "last_poll": dt.date(year, 11, 1),
        },
        index=list(polled),
    )
    as_of = kw.get("as_of", dt.date(year, 11, 2))
    assert isinstance(as_of, dt.date)
    return StandIn(year, as_of, "Dem", "Rep", units)


def test_units_follow_the_district_rules() -> None:
    u1988 = model_units(1988)
    assert [u for u, _, _ in u1988 if u.startswith("NE")] == ["NE"]
    assert ("ME", 2, "ME") in u1988 and ("ME-2", 1, "ME") in u1988
    u2020 = {u: n for u, n, _ in model_units(2020)}
    assert u2020["NE"] == 2 and u2020["NE-3"] == 1 and sum(u2020.values()) == 538
    assert len(u2020) == 56


def test_prior_is_last_result_shifted_by_the_environment_and_blended_by_precision() -> None:
    """PA 2016: the 2012 margin plus (national poll - 2012 national margin), blended with
    the PA poll by inverse variance; unpolled WY keeps its prior."""
    h = history()
    fm = ForecastModel()
    avg = stand_in(2016, {"US": (0.03, 0.01), "PA": (0.02, 0.02)})
    fm.fit(avg)
    env = 0.03 - float(h.national[2012])
    assert fm.national_environment_ == pytest.approx(env)
    row = fm.table_.loc["PA"]
    prior = float(h.margins.loc[2012, "PA"]) + env
    assert row.prior_mean == pytest.approx(prior)
    v0 = float(fm.swing_.swing_var_["PA"])
    days = (dt.date(2016, 11, 8) - dt.date(2016, 11, 2)).days
    v1 = 0.02**2 + fm.state_poll_sd**2 + fm.state_drift**2 * days
    want = (prior / v0 + 0.02 / v1) / (1 / v0 + 1 / v1)
    assert row["mean"] == pytest.approx(want)
    wy = fm.table_.loc["WY"]
    assert wy["mean"] == pytest.approx(float(h.margins.loc[2012, "WY"]) + env)
    assert math.isnan(wy.poll_margin) and wy.n_polls == 0


def test_error_grows_with_days_to_the_election() -> None:
    near = ForecastModel().fit(stand_in(2016, {"US": (0.03, 0.01)}))
    units = stand_in(2016, {"US": (0.03, 0.01)}).units.assign(last_poll=dt.date(2016, 8, 9))
    far = ForecastModel().fit(StandIn(2016, dt.date(2016, 8, 10), "Dem", "Rep", units))
    assert far.days_ == 90 and near.days_ == 6
    assert (far.model_.sd > near.model_.sd).all()
    nat_far, nat_near = far.model_.shared[0, 0], near.model_.shared[0, 0]
    # national variance grows by drift^2 per day; loadings are t scales: sd^2 (df - 2) / df
    want = far.national_drift**2 * (90 - 6) * (far.df - 2) / far.df
    assert nat_far**2 - nat_near**2 == pytest.approx(want, rel=1e-9)


def test_stale_polls_are_reported() -> None:
    avg = stand_in(2020, {"US": (0.08, 0.01)})
    late = StandIn(
        2020, dt.date(2020, 11, 2), "D", "R", avg.units.assign(last_poll=dt.date(2020, 10, 16))
    )
    fm = ForecastModel().fit(late)
    assert fm.effective_as_of_ == dt.date(2020, 10, 17)
    assert fm.days_ == 17
    assert any("2020-10-16" in n for n in fm.notes_)


def test_no_national_polls_takes_the_environment_from_the_states() -> None:
    fm = ForecastModel().fit(stand_in(2016, {"PA": (0.02, 0.02), "OH": (0.0, 0.02)}))
    assert any("no national polls" in n for n in fm.notes_)
    assert math.isfinite(fm.national_environment_)


def test_a_year_without_previous_returns_has_no_prior() -> None:
    with pytest.raises(RuleError, match="1972"):
        ForecastModel().fit(stand_in(1976, {"US": (0.0, 0.01)}))


def test_fitted_model_is_consistent() -> None:
    fm = ForecastModel().fit(stand_in(2020, {"US": (0.08, 0.01), "ME-2": (0.0, 0.04)}))
    m = fm.model_
    assert m.total == 538 and m.n_units == 56 and m.n_shared == 1 + fm.n_factors
    assert m.popular_weight.sum() == pytest.approx(1.0)
    assert (m.popular_weight[[m.units.index(d) for d in ("ME-1", "NE-2")]] == 0).all()
    me, me2 = m.units.index("ME"), m.units.index("ME-2")
    assert m.group[me] == m.group[me2] and m.own[me] == 0 < m.own[me2]
    np.testing.assert_allclose(fm.table_.sd.to_numpy(), m.sd)
    with pytest.raises(ValueError, match="electors has shape"):
        dataclasses.replace(m, electors=m.electors[:-1])
    assert m.unit_win_probability().shape == (56,)


def test_every_parameter_is_documented() -> None:
    documented = {name for name, _, _ in PARAMETERS}
    args = set(inspect.signature(ForecastModel).parameters) - {"training"}
    assert args <= documented
    kinds = ("cited (approximate):", "assumed:", "chosen:", "per state:", "mean district")
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


def _perturbed(h: History, year: int, by: float) -> History:
    margins, national = h.margins.copy(), h.national.copy()
    margins.loc[year] = margins.loc[year] + by * np.sign(np.arange(margins.shape[1]) % 3 - 1)
    national.loc[year] = national.loc[year] + by
    return History(margins, national, h.turnout)


@pytest.mark.parametrize("year", [2008, 2016])
def test_leave_one_year_out_never_sees_the_scored_year(year: int) -> None:
    """Perturbing the scored year's returns changes nothing fitted for that year; perturbing
    a training year does."""
    h = history()
    avg = stand_in(year, {"US": (0.03, 0.01), "PA": (0.02, 0.02), "ME-2": (0.0, 0.04)})
    base = ForecastModel(training="loyo").fit(avg, hist=h).model_
    moved = ForecastModel(training="loyo").fit(avg, hist=_perturbed(h, year, 0.05)).model_
    for f in ("mean", "shared", "group_loading", "own"):
        np.testing.assert_array_equal(getattr(base, f), getattr(moved, f), err_msg=f)
    other = ForecastModel(training="loyo").fit(avg, hist=_perturbed(h, 2000, 0.05)).model_
    assert not np.array_equal(base.shared, other.shared)


def test_past_training_sees_only_earlier_elections() -> None:
    fm = ForecastModel().fit(stand_in(2012, {"US": (0.0, 0.01)}))
    assert max(fm.swing_.years_) == 2008
    assert fm.excluded_years_ == tuple(y for y in history().years if y >= 2012)


def test_election_model_checks_its_arrays() -> None:
    with pytest.raises(ValueError, match="df"):
        ElectionModel.independent(("A",), (1,), (0.0,), 0.01, df=2.0)
    with pytest.raises(ValueError, match="scale"):
        ElectionModel.independent(("A",), (1,), (0.0,), 0.0)
