"""A state-space model of opinion: the nation's and every state's margin, day by day.

State (dimension ``1 + S``, ``S`` = the 50 states and DC): the national two-party margin
``N_t`` and each state's deviation from it ``d_st`` (so the state's margin is
``N_t + d_st``).  Between days each follows a random walk,

    N_{t+1} = N_t + eta_t,     eta ~ N(0, sigma_n^2)
    d_{s,t+1} = d_st + eps_st,  eps ~ N(0, sigma_d^2)  (independent across states)

so the national component links the states, and after the last poll the walk only widens.
A poll ending on day ``t`` is a noisy observation of ``N_t`` (national) or ``N_t + d_st``
(a state), less its estimated pollster, population and mode effects
(:mod:`electoral.forecast.effects`), with variance ``v_i + sigma^2`` (sampling error and
the non-sampling error of one poll).  The Kalman filter runs forward over the days; the
state on day ``t`` uses exactly the polls that ended by ``t``, so the same pass yields the
forecast of every day of the campaign.

Initial state (before the first poll): ``d_s`` from the previous election (its relative
margin) with the covariance of relative swings (:class:`~electoral.forecast.errors_model.
SwingModel`: regional factors and a state part, fitted on earlier elections); ``N`` nearly
uninformed.  On Election Day the fundamentals (:mod:`electoral.forecast.fundamentals`)
observe ``N_E`` once (Linzer, "Dynamic Bayesian forecasting of presidential elections in
the states", *JASA* 108, 2013, puts that prior on the Election-Day state): far from the
election the random walk is wide and the fundamentals dominate; on the eve the polls do.

``sigma_n`` and ``sigma_d`` are fitted by maximum likelihood on the polls themselves (the
ones before the forecast date; a grid search over local-level models of the national polls
and of the states' polls less the national level), never on a result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from electoral.data.polls import NATIONAL

FloatArray = npt.NDArray[np.float64]

#: Grids of the daily random-walk sd searched by maximum likelihood (margin, fraction).
SIGMA_N_GRID = tuple(float(x) for x in np.geomspace(0.0005, 0.008, 13))
SIGMA_D_GRID = tuple(float(x) for x in np.geomspace(0.0002, 0.005, 13))
#: Grid of the non-sampling sd of one poll (margin, fraction), fitted with the walk.
EXTRA_GRID = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.06)
#: Prior sd of the national level before any poll (nearly uninformed).
DIFFUSE_SD = 0.2


@dataclass(frozen=True, eq=False)
class Observations:
    """Polls as filter input: day (ascending), state index (-1: national), value, variance."""

    day: npt.NDArray[np.int64]
    state: npt.NDArray[np.int64]
    y: FloatArray
    r: FloatArray

    @classmethod
    def of(
        cls,
        unit: npt.NDArray[np.str_],
        day: npt.NDArray[np.int64],
        y: FloatArray,
        r: FloatArray,
        states: tuple[str, ...],
    ) -> Observations:
        """Keep the national and statewide polls (district polls are used elsewhere)."""
        index = {s: i for i, s in enumerate(states)} | {NATIONAL: -1}
        keep = np.array([u in index for u in unit], dtype=bool)
        st = np.array([index[u] for u in unit[keep]], dtype=np.int64)
        return cls(day[keep], st, y[keep], r[keep])


def _loglik_level(
    y: FloatArray,
    r: FloatArray,
    day: npt.NDArray[np.int64],
    group: npt.NDArray[np.int64],
    q: FloatArray,
    extra: FloatArray,
    v0: float,
) -> FloatArray:
    """Log-likelihood of local-level models, one level per group starting at 0 with
    variance ``v0``, for each grid point ``(q, extra)``: daily walk variance ``q`` and
    observation variance ``r + extra``."""
    n_g = int(group.max()) + 1 if len(group) else 0
    m = np.zeros((n_g, len(q)))
    v = np.full((n_g, len(q)), v0)
    never = np.iinfo(np.int64).min
    last = np.full(n_g, never)
    ll = np.zeros(len(q))
    for yi, ri, ti, gi in zip(y.tolist(), r.tolist(), day.tolist(), group.tolist(), strict=True):
        if last[gi] != never:
            v[gi] += q * (ti - last[gi])
        last[gi] = ti
        s = v[gi] + ri + extra
        e = yi - m[gi]
        ll -= 0.5 * (np.log(s) + e * e / s)
        k = v[gi] / s
        m[gi] += k * e
        v[gi] *= 1 - k
    return ll


def _grid(walk: tuple[float, ...]) -> tuple[FloatArray, FloatArray]:
    w, e = np.meshgrid(np.array(walk), np.array(EXTRA_GRID), indexing="ij")
    return w.ravel(), e.ravel()


@dataclass(frozen=True)
class Walk:
    """Fitted daily walk sds and the non-sampling sd of a national and of a state poll."""

    sigma_n: float
    sigma_d: float
    extra_n: float
    extra_s: float


def fit_walk(obs: Observations, prior_d: FloatArray) -> Walk:
    """The walk and non-sampling sds by maximum likelihood over :data:`SIGMA_N_GRID`,
    :data:`SIGMA_D_GRID` and :data:`EXTRA_GRID` (see the module notes); the grids' middle
    where the polls are too few to tell."""
    mid_n, mid_d, mid_e = (float(np.median(g)) for g in (SIGMA_N_GRID, SIGMA_D_GRID, EXTRA_GRID))
    nat = obs.state < 0
    if nat.sum() < 5:
        sn, en = mid_n, mid_e
    else:
        w, e = _grid(SIGMA_N_GRID)
        ll = _loglik_level(
            obs.y[nat], obs.r[nat], obs.day[nat], np.zeros(int(nat.sum()), np.int64),
            w**2, e**2, DIFFUSE_SD**2,
        )
        best = int(np.argmax(ll))
        sn, en = float(w[best]), float(e[best])
    st = ~nat
    if st.sum() < 10:
        return Walk(sn, mid_d, en, mid_e)
    # each state poll less the national level on its day (the national filter's mean from
    # the polls up to that day, its variance added to the poll's), less the state's prior
    level, level_var = _national_path(obs, sn, en)
    groups = obs.state[st]
    z = obs.y[st] - level[st] - prior_d[groups]
    r = obs.r[st] + level_var[st]
    w, e = _grid(SIGMA_D_GRID)
    ll_d = _loglik_level(z, r, obs.day[st], groups, w**2, e**2, 0.05**2)
    best = int(np.argmax(ll_d))
    return Walk(sn, float(w[best]), en, float(e[best]))


def _national_path(
    obs: Observations, sigma_n: float, extra: float
) -> tuple[FloatArray, FloatArray]:
    """The national filter's mean and variance on each observation's day (polls that ended
    by that day), for every observation."""
    m, v, last = 0.0, DIFFUSE_SD**2, None
    out_m = np.zeros(len(obs.y))
    out_v = np.zeros(len(obs.y))
    for i, (yi, ri, ti, si) in enumerate(
        zip(obs.y.tolist(), obs.r.tolist(), obs.day.tolist(), obs.state.tolist(), strict=True)
    ):
        if last is not None:
            v += sigma_n**2 * (ti - last)
        last = ti
        if si < 0:
            k = v / (v + ri + extra**2)
            m += k * (yi - m)
            v *= 1 - k
        out_m[i], out_v[i] = m, v
    return out_m, out_v


@dataclass(frozen=True, eq=False)
class FilterState:
    """The filter's mean ``(1 + S,)`` and covariance after the polls that ended by ``day``."""

    day: int
    mean: FloatArray
    cov: FloatArray

    def project(self, to_day: int, q: FloatArray) -> FilterState:
        """The state on a later day with no more polls: the walk only widens."""
        cov = self.cov + np.diag(q * max(to_day - self.day, 0))
        return FilterState(max(to_day, self.day), self.mean, cov)


def kalman(
    obs: Observations,
    mean0: FloatArray,
    cov0: FloatArray,
    q: FloatArray,
    *,
    start: int,
    record: tuple[int, ...] = (),
    end: int | None = None,
) -> tuple[FilterState, dict[int, FilterState]]:
    """Filter the observations from day ``start``; returns the state at ``end`` (default the
    last observation's day) and at each day of ``record`` (after that day's polls)."""
    x, p, t = mean0.astype(float).copy(), cov0.astype(float).copy(), start
    dim = len(x)
    saved: dict[int, FilterState] = {}
    want = sorted(record)
    wi = 0
    days, first = np.unique(obs.day, return_index=True)
    bounds = [*first.tolist(), len(obs.day)]
    for j, d in enumerate(days.tolist()):
        while wi < len(want) and want[wi] < d:
            saved[want[wi]] = FilterState(t, x.copy(), p.copy()).project(want[wi], q)
            wi += 1
        if d > t:
            p[np.diag_indices(dim)] += q * (d - t)
            t = d
        sl = slice(bounds[j], bounds[j + 1])
        st, y, r = obs.state[sl], obs.y[sl], obs.r[sl]
        h = np.zeros((len(st), dim))
        h[:, 0] = 1.0
        h[np.flatnonzero(st >= 0), 1 + st[st >= 0]] = 1.0
        ph = p @ h.T
        s = h @ ph + np.diag(r)
        k = np.linalg.solve(s, ph.T).T
        x = x + k @ (y - h @ x)
        p = p - k @ ph.T
        p = (p + p.T) / 2
    while wi < len(want):
        saved[want[wi]] = FilterState(t, x.copy(), p.copy()).project(want[wi], q)
        wi += 1
    final = FilterState(t, x, p)
    if end is not None:
        final = final.project(end, q)
    return final, saved


def observe_national(state: FilterState, value: float, var: float) -> FilterState:
    """Condition the state on one observation of the national level (the fundamentals)."""
    p = state.cov
    s = p[0, 0] + var
    k = p[:, 0] / s
    x = state.mean + k * (value - state.mean[0])
    cov = p - np.outer(k, p[0])
    return FilterState(state.day, x, (cov + cov.T) / 2)
