"""``ForecastModel``: the dynamic model and the calibrated errors as an ``ElectionModel``.

Per state (and DC) the Election-Day margin is the filter's ``N + d_s`` after the
fundamentals (:mod:`electoral.forecast.core`), with covariance

    Sigma = A P A^T + sigma_bN^2 1 1^T + sigma_bS^2 C

(``A P A^T`` what the polls, the walk and the fundamentals leave uncertain, with ``A``
stretching the relative margins by the compression fitted on earlier elections; the shared
polling error of :mod:`electoral.forecast.calibrate` -- national, and across states with
the correlation ``C`` of relative swings).  ``Sigma`` is written as ``n_shared`` shared
factors (its leading eigenvectors: the first is nearly the national error) and each state's
own remainder, which is what the simulation and the exact distribution take.  Errors are
Student-t with ``df`` degrees of freedom through one scale mixture per election, sds
converted to t scales (``sd sqrt((df - 2)/df)``).

A district (Maine's and Nebraska's) is its state's margin plus an offset: the previous
election's district-minus-state margin (or the mean offset of the earlier years with
district returns), blended by precision with the district's recent polls less its state's
current estimate; it shares every term of its state's error and adds its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special

from electoral.forecast._blas import single_threaded
from electoral.forecast.calibrate import PollError, poll_error
from electoral.forecast.core import Core, election_day, fit_core
from electoral.forecast.inputs import Inputs, packaged
from electoral.forecast.model import ElectionModel, model_units

#: Every number of ``ForecastModel`` not learned from data: name, default, where it comes
#: from.  Fitted quantities (effects, walk sds, fundamentals, swing factors, district
#: offsets, the shared polling error) are described in their modules.
PARAMETERS: tuple[tuple[str, float | str, str], ...] = (
    (
        "df",
        5.0,
        "chosen a priori, never tuned on a scored year: Student-t degrees of freedom of the "
        "common scale mixture (fat tails: a 1-in-20 miss about 10% larger than a normal's, "
        "a 1-in-200 one about 30% larger)",
    ),
    ("n_factors", 2, "chosen: regional factors kept from the swing PCA"),
    ("n_shared", 3, "chosen: shared factors of the error (national + two regional)"),
    (
        "district_sd",
        0.03,
        "assumed (a judgment, not fitted): sd of a district's offset from its state against "
        "the previous election's, a few points",
    ),
    (
        "district_offset_sd",
        0.05,
        "assumed: extra sd of a district offset taken from the mean of earlier years",
    ),
    ("district_poll_days", 60, "chosen: district polls of the last 60 days inform the offset"),
)
_DEFAULTS = {name: value for name, value, _ in PARAMETERS if not isinstance(value, str)}


def _exclusions(year: int, inputs: Inputs, training: str) -> tuple[int, ...]:
    years = {int(y) for y in inputs.hist.years} | set(inputs.poll_years) | {year}
    return tuple(sorted(y for y in years if y >= year)) if training == "past" else (year,)


class ForecastModel:
    """Dynamic poll model, fundamentals and calibrated correlated t errors (module notes).

    ``training``: ``"past"`` (the default and the only one reported: everything learned
    from results comes from elections before the forecast year) or ``"loyo"``
    (leave-one-year-out, a diagnostic only).

    Attributes after ``fit``: ``model_`` (the ``ElectionModel``), ``table_`` (per unit:
    ``state, electors, previous, prior_mean, prior_sd, poll_margin, poll_sd, n_polls,
    mean, sd, dem_probability``), ``core_`` (the dynamic model), ``poll_error_``,
    ``swing_``, ``national_environment_`` (expected national margin minus the previous
    one), ``days_`` (days from the newest information to Election Day),
    ``effective_as_of_``, ``excluded_years_``, ``notes_``.
    """

    def __init__(
        self,
        *,
        df: float = _DEFAULTS["df"],
        n_factors: int = int(_DEFAULTS["n_factors"]),
        n_shared: int = int(_DEFAULTS["n_shared"]),
        district_sd: float = _DEFAULTS["district_sd"],
        district_offset_sd: float = _DEFAULTS["district_offset_sd"],
        district_poll_days: int = int(_DEFAULTS["district_poll_days"]),
        training: Literal["past", "loyo"] = "past",
    ) -> None:
        self.df = df
        self.n_factors = n_factors
        self.n_shared = n_shared
        self.district_sd = district_sd
        self.district_offset_sd = district_offset_sd
        self.district_poll_days = district_poll_days
        self.training = training

    def get_params(self) -> dict[str, Any]:
        """The model's parameters by name (as in scikit-learn), with ``training``."""
        return {k: getattr(self, k) for k in (*_DEFAULTS, "training")}

    @single_threaded
    def fit(
        self,
        polls: pd.DataFrame,
        *,
        year: int,
        as_of: dt.date | None = None,
        inputs: Inputs | None = None,
    ) -> ForecastModel:
        """Fit to ``year``'s polls that ended before ``as_of`` (default the eve)."""
        inp = inputs or packaged()
        day = as_of or election_day(year) - dt.timedelta(days=1)
        exclude = _exclusions(year, inp, self.training)
        core = fit_core(
            polls, year=year, dates=[day], inputs=inp, exclude=exclude, n_factors=self.n_factors
        )[0]
        return self.fit_core(core, inp, exclude)

    @single_threaded
    def fit_core(self, core: Core, inputs: Inputs, exclude: Collection[int]) -> ForecastModel:
        """Build the model from a fitted :class:`Core` (the daily series shares cores)."""
        days = (core.election_day - core.as_of).days
        err = poll_error(core.year, inputs, exclude, self.n_factors, days=days)
        self._build(core, err, inputs)
        self.excluded_years_ = tuple(sorted(exclude))
        return self

    def _build(self, core: Core, err: PollError, inputs: Inputs) -> None:
        states = list(core.states)
        swing = core.swing
        cov_d = swing.cov_
        sd_d = np.sqrt(np.diag(cov_d))
        corr = cov_d / np.outer(sd_d, sd_d)
        mu, state_cov = core.final.margins(1 + err.compression)
        sigma = state_cov + err.national_sd**2 + err.state_sd**2 * corr
        vals, vecs = np.linalg.eigh(sigma)
        top = np.argsort(vals)[::-1][: self.n_shared]
        shared = vecs[:, top] * np.sqrt(np.clip(vals[top], 0.0, None))
        shared = shared * np.where(shared.sum(axis=0) < 0, -1.0, 1.0)
        own_var = np.maximum(np.diag(sigma) - (shared**2).sum(axis=1), 0.002**2)
        eday = core.election_day
        now = core.now
        now_mean, now_cov = now.margins()
        now_sd = np.sqrt(np.diag(now_cov))
        idx = {s: i for i, s in enumerate(states)}
        prev = core.previous
        rows: list[dict[str, Any]] = []
        dist_own: list[float] = []
        unit_mu: list[float] = []
        for unit, n, st in model_units(core.year):
            i = idx[st]
            if unit == st:
                m0 = prev[st] - core.previous_national + core.fundamentals.mean
                mean, own = float(mu[i]), 0.0
                pm, psd = float(now_mean[i]), float(now_sd[i])
                v0 = float(cov_d[i, i])
            else:
                o, own_v, pm, psd, m0, v0 = self._district(core, unit, st, float(now_mean[i]))
                mean, own = float(mu[i]) + o, own_v
            unit_mu.append(mean)
            dist_own.append(own)
            rows.append(
                {
                    "unit": unit,
                    "state": st,
                    "electors": n,
                    "previous": prev.get(unit, prev[st]),
                    "prior_mean": m0,
                    "prior_sd": math.sqrt(v0),
                    "poll_margin": pm,
                    "poll_sd": psd,
                    "n_polls": core.n_polls.get(unit, 0),
                    "mean": mean,
                }
            )
        table = pd.DataFrame(rows).set_index("unit")
        to_scale = 1.0 if math.isinf(self.df) else math.sqrt((self.df - 2) / self.df)
        g = np.array([idx[s] for s in table.state])
        hist = inputs.hist
        turnout = hist.turnout.loc[core.year - 4]
        n_dist = table.state.value_counts()
        vote = [
            float(turnout[u])
            if u in turnout and turnout[u] == turnout[u]
            else float(turnout[s]) / max(int(n_dist[s]) - 1, 1)
            for u, s in zip(table.index, table.state, strict=True)
        ]
        statewide = np.array([u == s for u, s in zip(table.index, table.state, strict=True)])
        weight = np.where(statewide, vote, 0.0)
        used = sorted(set(g))
        remap = {old: new for new, old in enumerate(used)}
        self.model_ = ElectionModel(
            year=core.year,
            dem=core.polls.dem,
            rep=core.polls.rep,
            units=tuple(str(u) for u in table.index),
            electors=table.electors.to_numpy(),
            mean=np.array(unit_mu),
            shared=shared[g] * to_scale,
            group=np.array([remap[x] for x in g]),
            group_loading=np.sqrt(own_var[g]) * to_scale,
            own=np.sqrt(np.array(dist_own)) * to_scale,
            df=self.df,
            popular_weight=weight / weight.sum(),
            turnout=np.array(vote),
        )
        table["sd"] = self.model_.sd
        table["dem_probability"] = self.model_.unit_win_probability()
        self.table_ = table
        self.core_ = core
        self.poll_error_ = err
        self.swing_ = swing
        self.national_environment_ = core.national - core.previous_national
        notes: list[str] = []
        eff = core.as_of
        if core.last_poll:
            last = max(core.last_poll.values())
            if last + dt.timedelta(days=1) < eff:
                eff = last + dt.timedelta(days=1)
                notes.append(
                    f"the polls end {last.isoformat()}: the forecast for "
                    f"{core.as_of.isoformat()} has no poll after that day "
                    f"({(eday - eff).days} days before the election)"
                )
        else:
            notes.append("no polls yet: the forecast is the fundamentals and the last election")
        if "US" not in core.n_polls:
            notes.append("no national polls: the national level comes from the state polls")
        self.days_ = max((eday - eff).days, 0)
        self.effective_as_of_ = eff
        self.notes_ = tuple(notes)

    def _district(
        self, core: Core, unit: str, st: str, state_now: float
    ) -> tuple[float, float, float, float, float, float]:
        """``(offset, offset variance, poll margin, poll sd, prior mean, prior var)``."""
        prev = core.previous
        if unit in prev:
            o0, v0 = prev[unit] - prev[st], self.district_sd**2
        else:
            o0 = core.district_offsets.get(unit, 0.0)
            v0 = self.district_sd**2 + self.district_offset_sd**2
        p = core.polls
        recent = (p.unit == unit) & (
            p.day >= (core.as_of - core.election_day).days - self.district_poll_days
        )
        if not recent.any():
            return o0, v0, math.nan, math.nan, prev[st] + o0, v0
        r = p.v[recent] + core.walk.extra_s**2
        w = 1.0 / r
        y = float((w * core.adjusted[recent]).sum() / w.sum())
        v1 = 1.0 / float(w.sum()) + self.district_sd**2
        v = 1.0 / (1.0 / v0 + 1.0 / v1)
        o = v * (o0 / v0 + (y - state_now) / v1)
        return o, v, y, math.sqrt(v1), prev[st] + o0, v0


def unit_interval(model: ElectionModel, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Central ``level`` interval of each unit's margin (the t marginal), ``(lo, hi)``."""
    q = (1 + level) / 2
    z = special.ndtri(q) if math.isinf(model.df) else special.stdtrit(model.df, q)
    half = z * model.scale
    return model.mean - half, model.mean + half
