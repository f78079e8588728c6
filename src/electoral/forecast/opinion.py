"""A state-space model of opinion: the nation's and every state's margin, day by day.

State (dimension ``2 + S``, ``S`` = the 50 states and DC): the national two-party margin
``N_t = L_t + B_t`` -- a lasting level ``L`` and a passing bounce ``B`` -- and each state's
deviation from it ``d_st`` (so the state's margin is ``N_t + d_st``).  From day to day

    L_{t+1} = L_t + eta_t,            eta ~ N(0, sigma_l^2)     (what lasts)
    B_{t+1} = phi B_t + nu_t,          nu ~ N(0, sigma_b^2)      (conventions, debates)
    d_{s,t+1} = d_st + eps_st,         eps ~ N(0, sigma_d^2)     (independent across states)

so the national component links the states, and after the last poll the walk only widens
while the bounce fades.  ``phi`` gives the bounce a half-life of :data:`BOUNCE_HALF_LIFE`
days, set a priori: convention and debate bumps fade within weeks (Campbell, Cherry & Wink,
"The convention bump", *American Politics Quarterly* 20(3), 1992; Holbrook, *Do Campaigns
Matter?*, 1996).  Without it, the day-to-day movement of the polls would be read as
lasting and the uncertainty months out overstated.

A poll ending on day ``t`` is a noisy observation of ``N_t`` (national) or ``N_t + d_st``
(a state), less its estimated pollster, population and mode effects
(:mod:`electoral.forecast.effects`), with variance ``v_i + extra^2`` (sampling error and the
non-sampling error of one poll).  The Kalman filter runs forward over the days; the state
on day ``t`` uses exactly the polls that ended by ``t``, so the same pass yields the
forecast of every day of the campaign.

Initial state (before the first poll): ``d_s`` from the previous election (its relative
margin) with the covariance of relative swings (:class:`~electoral.forecast.errors_model.
SwingModel`: regional factors and a state part, fitted on earlier elections); ``L`` nearly
uninformed, ``B`` at its stationary spread.  On Election Day the fundamentals
(:mod:`electoral.forecast.fundamentals`) observe ``N_E`` once (Linzer, "Dynamic Bayesian
forecasting of presidential elections in the states", *JASA* 108, 2013, puts that prior
on the Election-Day state): far from the election the walk is wide and the fundamentals
weigh; on the eve the polls do.

``sigma_l``, ``sigma_b``, ``sigma_d`` and the non-sampling sds are fitted on the polls
themselves (the ones before the forecast date; the likelihood over a grid, first of the
national polls, then of the states' polls less the national level), never on a result.
Each variance is its posterior mean over the grid (a flat prior on the grid, whose values
are spaced evenly in log scale), not the single most likely value: with a few months of
polls the likelihood barely tells a still campaign from a slowly moving one, and the
forecast's spread should carry that doubt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from electoral.data.polls import NATIONAL

FloatArray = npt.NDArray[np.float64]

#: Grids searched by maximum likelihood (daily sds and per-poll sds; margin, fraction).
SIGMA_L_GRID = tuple(float(x) for x in np.geomspace(0.0003, 0.006, 11))
SIGMA_B_GRID = (0.0, 0.002, 0.004, 0.007, 0.01)
SIGMA_D_GRID = tuple(float(x) for x in np.geomspace(0.0002, 0.005, 13))
EXTRA_GRID = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.06)
#: Half-life of a bounce (days), and its daily persistence.
BOUNCE_HALF_LIFE = 14.0
PHI = 0.5 ** (1 / BOUNCE_HALF_LIFE)
#: Prior sd of the lasting national level before any poll (nearly uninformed).
DIFFUSE_SD = 0.2
#: Indices of the lasting level and the bounce in the state vector.
LEVEL, BOUNCE = 0, 1


@dataclass(frozen=True)
class Walk:
    """Fitted dynamics: daily sds of the level, bounce and state deviations, and the
    non-sampling sd of a national and of a state poll."""

    sigma_l: float
    sigma_b: float
    sigma_d: float
    extra_n: float
    extra_s: float

    @property
    def bounce_var(self) -> float:
        """Stationary variance of the bounce."""
        return float(self.sigma_b**2 / (1 - PHI**2))

    def step(self, gap: int, n_states: int) -> tuple[FloatArray, FloatArray]:
        """``(f, q)`` for ``gap`` days: the state goes to ``f * x`` and its covariance to
        ``P * outer(f, f) + diag(q)``."""
        g = max(gap, 0)
        fb = PHI**g
        f = np.ones(2 + n_states)
        f[BOUNCE] = fb
        q = np.full(2 + n_states, self.sigma_d**2 * g)
        q[LEVEL] = self.sigma_l**2 * g
        q[BOUNCE] = self.bounce_var * (1 - fb * fb)
        return f, q


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


def _national_loglik(
    y: FloatArray,
    r: FloatArray,
    day: npt.NDArray[np.int64],
    sl: FloatArray,
    sb: FloatArray,
    extra: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Log-likelihood of the national polls under level + bounce dynamics, one value per
    grid point ``(sl, sb, extra)``; also the filtered mean and variance of ``L + B`` at each
    poll (for a grid of one point)."""
    g = len(sl)
    m0, m1 = np.zeros(g), np.zeros(g)
    bvar = sb**2 / (1 - PHI**2)
    p00, p01, p11 = np.full(g, DIFFUSE_SD**2), np.zeros(g), bvar.copy()
    ll = np.zeros(g)
    path_m, path_v = np.zeros(len(y)), np.zeros(len(y))
    last = None
    for i, (yi, ri, ti) in enumerate(zip(y.tolist(), r.tolist(), day.tolist(), strict=True)):
        if last is not None and ti > last:
            gap = ti - last
            f = PHI**gap
            m1 = m1 * f
            p01 = p01 * f
            p11 = p11 * f * f + bvar * (1 - f * f)
            p00 = p00 + sl**2 * gap
        last = ti
        ph0, ph1 = p00 + p01, p01 + p11
        s = ph0 + ph1 + ri + extra**2
        e = yi - m0 - m1
        ll -= 0.5 * (np.log(s) + e * e / s)
        k0, k1 = ph0 / s, ph1 / s
        m0 = m0 + k0 * e
        m1 = m1 + k1 * e
        p00, p01, p11 = p00 - k0 * ph0, p01 - k0 * ph1, p11 - k1 * ph1
        path_m[i] = float(m0[0] + m1[0])
        path_v[i] = float(p00[0] + 2 * p01[0] + p11[0])
    return ll, path_m, path_v


def _state_loglik(
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


def fit_walk(obs: Observations, prior_d: FloatArray) -> Walk:
    """The dynamics fitted over the grids (posterior means; see the module notes); the
    grids' middle where the polls are too few to tell."""
    mid = [float(np.median(g)) for g in (SIGMA_L_GRID, SIGMA_B_GRID, SIGMA_D_GRID, EXTRA_GRID)]
    nat = obs.state < 0
    if nat.sum() < 5:
        sl, sb, en = mid[0], mid[1], mid[3]
    else:
        grid = np.array(np.meshgrid(SIGMA_L_GRID, SIGMA_B_GRID, EXTRA_GRID, indexing="ij"))
        gl, gb, ge = (a.ravel() for a in grid)
        ll, _, _ = _national_loglik(obs.y[nat], obs.r[nat], obs.day[nat], gl, gb, ge)
        post = _posterior(ll)
        sl, sb, en = (float(np.sqrt(post @ g**2)) for g in (gl, gb, ge))
    st = ~nat
    if st.sum() < 10 or nat.sum() < 5:
        return Walk(sl, sb, mid[2], en, mid[3])
    # each state poll less the national level on its day (the national filter's mean from
    # the national polls up to that day, its variance added to the poll's), less the
    # state's prior deviation
    _, pm, pv = _national_loglik(
        obs.y[nat], obs.r[nat], obs.day[nat], np.array([sl]), np.array([sb]), np.array([en])
    )
    pos = np.searchsorted(obs.day[nat], obs.day[st], side="right") - 1
    level = np.where(pos >= 0, pm[np.maximum(pos, 0)], 0.0)
    level_var = np.where(pos >= 0, pv[np.maximum(pos, 0)], DIFFUSE_SD**2)
    groups = obs.state[st]
    z = obs.y[st] - level - prior_d[groups]
    r = obs.r[st] + level_var
    gd, ge = (a.ravel() for a in np.meshgrid(SIGMA_D_GRID, EXTRA_GRID, indexing="ij"))
    ll_d = _state_loglik(z, r, obs.day[st], groups, gd**2, ge**2, 0.05**2)
    post = _posterior(ll_d)
    return Walk(sl, sb, float(np.sqrt(post @ gd**2)), en, float(np.sqrt(post @ ge**2)))


def _posterior(ll: FloatArray) -> FloatArray:
    """Posterior weights of the grid points (a flat prior over the grid)."""
    p = np.exp(ll - ll.max())
    return np.asarray(p / p.sum(), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class FilterState:
    """The filter's mean ``(2 + S,)`` and covariance after the polls that ended by ``day``."""

    day: int
    mean: FloatArray
    cov: FloatArray

    def project(self, to_day: int, walk: Walk) -> FilterState:
        """The state on a later day with no more polls: the walk widens, the bounce fades."""
        if to_day <= self.day:
            return self
        f, q = walk.step(to_day - self.day, len(self.mean) - 2)
        return FilterState(to_day, self.mean * f, self.cov * np.outer(f, f) + np.diag(q))

    @property
    def national(self) -> float:
        return float(self.mean[LEVEL] + self.mean[BOUNCE])

    @property
    def national_var(self) -> float:
        c = self.cov
        return float(c[LEVEL, LEVEL] + 2 * c[LEVEL, BOUNCE] + c[BOUNCE, BOUNCE])

    def margins(self, stretch: float = 1.0) -> tuple[FloatArray, FloatArray]:
        """Each state's margin ``L + B + stretch * d_s``: mean ``(S,)`` and covariance
        ``(S, S)``."""
        n = len(self.mean) - 2
        a = np.hstack([np.ones((n, 2)), stretch * np.eye(n)])
        return a @ self.mean, a @ self.cov @ a.T


def kalman(
    obs: Observations,
    mean0: FloatArray,
    cov0: FloatArray,
    walk: Walk,
    *,
    start: int,
    record: tuple[int, ...] = (),
) -> tuple[FilterState, dict[int, FilterState]]:
    """Filter the observations from day ``start``; returns the state after the last
    observation and at each day of ``record`` (after that day's polls)."""
    x, p, t = mean0.astype(float).copy(), cov0.astype(float).copy(), start
    dim = len(x)
    saved: dict[int, FilterState] = {}
    want = sorted(record)
    wi = 0
    days, first = np.unique(obs.day, return_index=True)
    bounds = [*first.tolist(), len(obs.day)]
    for j, d in enumerate(days.tolist()):
        while wi < len(want) and want[wi] < d:
            saved[want[wi]] = FilterState(t, x.copy(), p.copy()).project(want[wi], walk)
            wi += 1
        if d > t:
            f, q = walk.step(d - t, dim - 2)
            x = x * f
            p = p * np.outer(f, f)
            p[np.diag_indices(dim)] += q
            t = d
        sl = slice(bounds[j], bounds[j + 1])
        st, y, r = obs.state[sl], obs.y[sl], obs.r[sl]
        h = np.zeros((len(st), dim))
        h[:, LEVEL] = 1.0
        h[:, BOUNCE] = 1.0
        h[np.flatnonzero(st >= 0), 2 + st[st >= 0]] = 1.0
        ph = p @ h.T
        s = h @ ph + np.diag(r)
        k = np.linalg.solve(s, ph.T).T
        x = x + k @ (y - h @ x)
        p = p - k @ ph.T
        p = (p + p.T) / 2
    while wi < len(want):
        saved[want[wi]] = FilterState(t, x.copy(), p.copy()).project(want[wi], walk)
        wi += 1
    return FilterState(t, x, p), saved


def observe_national(state: FilterState, value: float, var: float) -> FilterState:
    """Condition the state on one observation of the national margin ``L + B`` (the
    fundamentals)."""
    p = state.cov
    ph = p[:, LEVEL] + p[:, BOUNCE]
    s = float(ph[LEVEL] + ph[BOUNCE]) + var
    k = ph / s
    x = state.mean + k * (value - state.national)
    cov = p - np.outer(k, ph)
    return FilterState(state.day, x, (cov + cov.T) / 2)


def initial(
    mean_d: FloatArray, cov_d: FloatArray, national: float, walk: Walk
) -> tuple[FloatArray, FloatArray]:
    """The state before the first poll: ``L`` at ``national`` (nearly uninformed), ``B`` at
    its stationary spread, ``d`` from the previous election with swing covariance."""
    n = len(mean_d)
    mean = np.concatenate([[national, 0.0], mean_d])
    cov = np.zeros((n + 2, n + 2))
    cov[LEVEL, LEVEL] = DIFFUSE_SD**2
    cov[BOUNCE, BOUNCE] = walk.bounce_var
    cov[2:, 2:] = cov_d
    return mean, cov
