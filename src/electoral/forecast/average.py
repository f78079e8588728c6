"""Poll average per state, district and the nation, as of a date, with no leakage.

Method (every step uses only polls whose end date is strictly before ``as_of``):

1. **One poll once.**  The loaders already merged the versions of a poll; here, of the
   releases of one pollster in one unit whose field periods overlap (tracking polls, rolling
   panels), only the latest and the earlier ones that do not overlap a kept one are used.
2. **House effects** (``house_effects``).  A ridge / random-effects regression of each
   poll's margin, less the national trend at its field-period midpoint (step 3), on
   unit x 30-day fixed effects and pollster effects ``h ~ N(0, tau^2)``, weighted by
   ``1 / (v_i + sigma^2)`` (``v_i`` the poll's sampling variance, ``sigma`` the
   non-sampling error).  ``tau`` and ``sigma`` are estimated from the same polls by EM
   (``tau^2`` = mean posterior second moment of the effects; ``sigma^2`` = within-cell
   residual variance beyond sampling, on the residual degrees of freedom).  Only cells with
   two pollsters inform ``h``; a pollster seen nowhere else keeps ``h = 0``.  The effects are
   relative (the penalty makes them average zero over pollsters): a bias shared by every
   pollster is not a house effect and is left to the error model.
3. **National trend.**  A local-linear Gaussian-kernel smoother of the national polls'
   house-corrected margins over their midpoint days (local-linear because ``as_of`` is the
   end of the data, where a kernel mean lags a moving trend and a local line does not; Fan
   & Gijbels, *Local Polynomial Modelling*, 1996).  The bandwidth is chosen from
   :data:`BANDWIDTHS` by leave-one-out cross-validation on the national polls with the
   one-standard-error rule (the smoothest within one standard error of the best; Hastie,
   Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd ed., sec. 7.10), so
   that noise in the last few national polls is not taken for movement -- fitted on the
   polls, never on a result.  Every poll is moved to ``as_of`` by the national movement
   since its midpoint, ``T(as_of) - T(mid_i)``, so a state last polled a month ago follows
   the nation (uniform swing).  Steps 2 and 3 alternate twice (the first trend weighs
   national polls with ``sigma`` = 2 points).  With fewer than :data:`MIN_NATIONAL`
   national polls there is no trend adjustment.
4. **Average.**  Weights ``0.5 ** (age / half_life) * sqrt(min(n, n_cap))``, age in days
   from the midpoint to ``as_of``; ``n_cap = 1 / (sigma^2 + tau^2)``: beyond it a poll's
   sampling variance (about ``1 / n`` on the margin) is smaller than the error no sample
   size removes, its pollster's house effect and the non-sampling error, so a bigger
   sample buys little (2016: about 520 respondents; 2020: about 1,600).
5. **Standard error** ``se^2 = sum a_i^2 v_i + sum a_i^2 s_u^2`` (``a_i`` the normalised
   weights): sampling error, whose size is ``effective_n = 1 / sum(a_i^2 / n_i)``
   respondents (``se`` from sampling alone ~ ``1 / sqrt(effective_n)``), plus the
   between-poll dispersion beyond sampling, ``s_u^2`` = the unit's own weighted excess
   dispersion, never less than the pooled ``sigma^2``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from electoral.data.polls import NATIONAL, POLL_COLUMNS
from electoral.errors import DataError
from electoral.rules.calendar import calendar

__all__ = ["BANDWIDTHS", "HOUSE_CELL_DAYS", "MIN_NATIONAL", "PollAverage", "poll_average"]

Array = npt.NDArray[np.float64]
#: Width of the unit x time cells that house effects are estimated within (days).
HOUSE_CELL_DAYS = 30
#: Candidate bandwidths of the national trend (days); chosen by cross-validation.
BANDWIDTHS = (3.0, 5.0, 7.0, 10.0, 14.0, 21.0, 30.0, 45.0, 60.0)
#: Fewest national polls for a trend adjustment.
MIN_NATIONAL = 10
#: Non-sampling error (margin, fraction) that the EM starts from, and assumes when no cell
#: holds polls by two pollsters (tiny inputs).
_FALLBACK_SIGMA = 0.02


@dataclass(frozen=True)
class PollAverage:
    """Poll averages of one election as of a date.

    Attributes
    ----------
    units
        Index ``unit`` (``"US"``, ``"PA"``, ``"ME-2"``); columns ``margin`` (Democrat minus
        Republican, a fraction of all respondents), ``se``, ``n_polls``, ``effective_n``
        (respondents), ``last_poll`` (a date).  Units never polled are absent.
    house_effects
        Pollster -> estimated margin bias (fraction), shrunk toward 0.
    params
        The fitted parameters: trend bandwidth, non-sampling and house-effect sd, sample cap.
    """

    year: int
    as_of: dt.date
    dem: str
    rep: str
    units: pd.DataFrame
    house_effects: pd.Series
    params: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, numbers as floats and ints."""
        units = {
            str(u): {
                "margin": float(r.margin),
                "se": float(r.se),
                "n_polls": int(r.n_polls),
                "effective_n": float(r.effective_n),
                "last_poll": r.last_poll.isoformat(),
            }
            for u, r in self.units.iterrows()
        }
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "dem": self.dem,
            "rep": self.rep,
            "units": units,
            "house_effects": {str(k): float(v) for k, v in self.house_effects.items()},
            "params": {k: float(v) for k, v in self.params.items()},
        }


def _select(polls: pd.DataFrame, as_of: dt.date) -> tuple[pd.DataFrame, str, str]:
    missing = [c for c in POLL_COLUMNS if c not in polls.columns and c != "sample_imputed"]
    if missing:
        raise DataError(f"polls lack column {missing[0]!r}", field=missing[0])
    if polls.empty:
        raise DataError("no polls")
    end = pd.to_datetime(polls.end_date)
    before = polls[(end < pd.Timestamp(as_of)).to_numpy()]
    pairs = (before if len(before) else polls).groupby(["dem_candidate", "rep_candidate"]).size()
    top = pairs.sort_values(ascending=False, kind="stable").index[0]
    assert isinstance(top, tuple)
    dem, rep = str(top[0]), str(top[1])
    df = before[(before.dem_candidate == dem) & (before.rep_candidate == rep)]
    return df, dem, rep


def _drop_overlaps(df: pd.DataFrame) -> pd.DataFrame:
    """Of one pollster's releases in one unit, keep the latest and those ending before the
    start of the next kept one."""
    df = df.sort_values(["pollster", "unit", "end_date", "start_date"], ascending=False)
    group = (df.pollster + "\x00" + df.unit).to_numpy()
    start = df.start_date.to_numpy()
    end = df.end_date.to_numpy()
    keep = np.ones(len(df), dtype=bool)
    for i in range(1, len(df)):
        if group[i] == group[i - 1]:
            j = i - 1
            while not keep[j]:
                j -= 1
            keep[i] = end[i] < start[j]
    return df[keep]


def _house(
    r: Array, v: Array, cell: npt.NDArray[np.int64], pol: npt.NDArray[np.int64], n_pol: int
) -> tuple[Array, float, float]:
    """Pollster effects (ridge, EM for their variance and the non-sampling variance).

    ``r``, ``v``, ``cell``, ``pol`` have shape ``(n_polls,)``; returns ``h`` with shape
    ``(n_pol,)``, ``sigma^2`` and ``tau^2``.
    """
    h = np.zeros(n_pol)
    _, cell = np.unique(cell, return_inverse=True)
    pairs = pd.DataFrame({"c": cell, "p": pol}).groupby("c").p.nunique().to_numpy()
    use = pairs[cell] >= 2
    if not use.any():
        return h, _FALLBACK_SIGMA**2, 0.0
    r, v, pol_u = r[use], v[use], pol[use]
    _, c = np.unique(cell[use], return_inverse=True)
    seen, p = np.unique(pol_u, return_inverse=True)
    n_c, n_p = int(c.max()) + 1, len(seen)
    k = np.bincount(c, minlength=n_c)
    df_within = float((k - 1).sum())
    s2, t2 = _FALLBACK_SIGMA**2, 0.01**2
    hp = np.zeros(n_p)
    for _ in range(200):
        w = 1.0 / (v + s2)
        wc = np.bincount(c, w, n_c)
        g = np.zeros((n_c, n_p))
        np.add.at(g, (c, p), w)
        a = np.diag(np.bincount(p, w, n_p)) - g.T @ (g / wc[:, None])
        b = np.bincount(p, w * r, n_p) - g.T @ (np.bincount(c, w * r, n_c) / wc)
        q_inv = np.linalg.inv(a + np.eye(n_p) / t2)
        hp = q_inv @ b
        mu = (np.bincount(c, w * (r - hp[p]), n_c)) / wc
        e = r - mu[c] - hp[p]
        edf = n_p - float(np.trace(q_inv)) / t2
        new_s2 = max(1e-6, float(e @ e) / max(df_within - edf, 1.0) - float(v.mean()))
        new_t2 = max(1e-8, (float(hp @ hp) + float(np.trace(q_inv))) / n_p)
        done = abs(new_s2 - s2) < 1e-4 * s2 and abs(new_t2 - t2) < 1e-4 * t2
        s2, t2 = new_s2, new_t2
        if done:
            break
    h[seen] = hp
    return h, s2, t2


def _sums(at: Array, day: Array, w: Array, wy: Array, bw: float) -> tuple[Array, ...]:
    """Kernel-weighted sums at the days ``at`` of the per-day totals ``w``, ``wy``."""
    dx = day[None, :] - at[:, None]
    k = np.exp(-0.5 * np.minimum((dx / bw) ** 2, 1400.0))
    kdx = k * dx
    return k @ w, kdx @ w, (kdx * dx) @ w, k @ wy, kdx @ wy


def _line(s0: Array, s1: Array, s2: Array, t0: Array, t1: Array) -> Array:
    """The intercept of the weighted line through the sums; a weighted mean where the
    points lie on one day (no slope to fit)."""
    det = s0 * s2 - s1**2
    flat = det <= 1e-9 * s0 * np.maximum(s2, 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        out: Array = np.where(flat, t0 / s0, (s2 * t0 - s1 * t1) / np.where(flat, 1.0, det))
    return out


def _trend(day: Array, y: Array, w: Array, at: Array) -> tuple[Array, float]:
    """National trend at the days ``at``: a local-linear smoother (no bias at the ends of a
    linear trend) whose bandwidth is the largest within one standard error of the smallest
    leave-one-out error (the one-standard-error rule), so that noise in the latest national
    polls is not taken for movement."""
    days, inv = np.unique(day, return_inverse=True)
    dw, dwy = np.bincount(inv, w).astype(float), np.bincount(inv, w * y).astype(float)
    scores, ses = [], []
    for bw in BANDWIDTHS:
        s0, s1, s2, t0, t1 = (x[inv] for x in _sums(days, days, dw, dwy, bw))
        loo = _line(s0 - w, s1, s2, t0 - w * y, t1)  # the poll itself sits at dx = 0
        ok = (s0 - w > 1e-9 * s0) & np.isfinite(loo)
        loss = (w * (y - loo) ** 2)[ok] / w[ok].mean()
        scores.append(float(loss.mean()) if ok.any() else np.inf)
        ses.append(float(loss.std() / np.sqrt(ok.sum())) if ok.sum() > 1 else 0.0)
    best = int(np.argmin(scores))
    bw = BANDWIDTHS[max(i for i, sc in enumerate(scores) if sc <= scores[best] + ses[best])]
    targets, back = np.unique(at, return_inverse=True)
    return _line(*_sums(targets, days, dw, dwy, bw))[back], bw


def poll_average(
    polls: pd.DataFrame,
    *,
    year: int,
    as_of: dt.date | None = None,
    half_life_days: float = 14.0,
) -> PollAverage:
    """Average the polls of one election as of a date (see the module notes for the method).

    Parameters
    ----------
    polls
        Checked polls in the common schema, as ``electoral.data.polls.polls(year)`` and
        ``electoral.forecast.polls.read_polls`` return them.
    year
        The election year.
    as_of
        Only polls that ended strictly before this date are used; default the day before
        Election Day.
    half_life_days
        Half-life of the recency weights.
    """
    if not half_life_days > 0:
        raise ValueError(f"half_life_days must be positive, not {half_life_days}")
    if as_of is None:
        eday = calendar(year).election_day.date
        if eday is None:
            raise DataError(f"no single Election Day in {year}")
        as_of = eday - dt.timedelta(days=1)
    df, dem, rep = _select(polls, as_of)
    n_read = len(df)
    df = _drop_overlaps(df)
    if df.empty:
        empty = pd.DataFrame(
            {"margin": [], "se": [], "n_polls": np.array([], dtype=np.int64)}
        ).assign(effective_n=np.array([], dtype=float), last_poll=np.array([], dtype=object))
        empty.index = pd.Index([], dtype=str, name="unit")
        none = pd.Series([], dtype=float, index=pd.Index([], dtype=str, name="pollster"))
        return PollAverage(year, as_of, dem, rep, empty, none.rename("house_effect"))
    start = pd.to_datetime(df.start_date).to_numpy()
    end = pd.to_datetime(df.end_date).to_numpy()
    day = ((start + (end - start) / 2) - np.datetime64(as_of)) / np.timedelta64(1, "D")
    day = day.astype(float)
    pd_, pr = df.dem.to_numpy(float) / 100, df.rep.to_numpy(float) / 100
    n = df.sample_size.to_numpy(float)
    m = pd_ - pr
    v = (pd_ + pr - m**2) / n
    units, unit_idx = np.unique(df.unit.to_numpy(str), return_inverse=True)
    pollsters, pol_idx = np.unique(df.pollster.to_numpy(str), return_inverse=True)
    cell = unit_idx * 10_000 + np.floor(-day / HOUSE_CELL_DAYS).astype(np.int64)
    nat = df.unit.to_numpy(str) == NATIONAL
    h, s2, t2 = np.zeros(len(pollsters)), _FALLBACK_SIGMA**2, 0.0
    shift, bw = np.zeros(len(df)), float("nan")
    for _ in range(2):
        if nat.sum() >= MIN_NATIONAL:
            y = m[nat] - h[pol_idx[nat]]
            at = np.concatenate([day, [0.0]])
            t, bw = _trend(day[nat], y, 1.0 / (v[nat] + s2), at)
            shift = t[-1] - t[:-1]
        h, s2, t2 = _house(m + shift, v, cell, pol_idx, len(pollsters))
    adj = m - h[pol_idx] + shift
    n_cap = 1.0 / (s2 + t2)
    wt = 0.5 ** (np.maximum(-day, 0.0) / half_life_days) * np.sqrt(np.minimum(n, n_cap))
    k = len(units)
    wsum = np.bincount(unit_idx, wt, k)
    a = wt / wsum[unit_idx]
    margin = np.bincount(unit_idx, a * adj, k)
    a2 = np.bincount(unit_idx, a**2, k)
    sampling = np.bincount(unit_idx, a**2 * v, k)
    disp = np.bincount(unit_idx, a * (adj - margin[unit_idx]) ** 2, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        excess = disp / (1 - a2) - np.bincount(unit_idx, a * v, k)
    excess = np.where(a2 < 1 - 1e-9, excess, 0.0)
    se = np.sqrt(sampling + a2 * np.maximum(excess, s2))
    last = pd.Series(end).groupby(unit_idx).max().dt.date.to_numpy()
    table = pd.DataFrame(
        {
            "margin": margin,
            "se": se,
            "n_polls": np.bincount(unit_idx, minlength=k).astype(np.int64),
            "effective_n": 1.0 / np.bincount(unit_idx, a**2 / n, k),
            "last_poll": last,
        },
        index=pd.Index(units, name="unit"),
    )
    house = pd.Series(h, index=pd.Index(pollsters, name="pollster"), name="house_effect")
    params = {
        "half_life_days": float(half_life_days),
        "trend_bandwidth_days": bw,
        "nonsampling_sd": float(np.sqrt(s2)),
        "house_effect_sd": float(np.sqrt(t2)),
        "sample_cap": float(n_cap),
        "polls_used": float(len(df)),
        "overlapping_releases_dropped": float(n_read - len(df)),
    }
    return PollAverage(year, as_of, dem, rep, table, house, params)
