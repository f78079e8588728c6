"""The election-night nowcast: each unit's final margin from its partial counts, and calls.

For every update ``i`` of a unit (counted votes ``a`` and ``b`` for the two candidates, ``T``
in all, the published expected-vote share ``eevp`` if any) the final margin
``M = (a - b + R * m) / (T + R)`` is uncertain through the outstanding votes ``R`` and
their lean ``m``, estimated only from what was known at that update:

1. **How much is left** (``R``).  With ``eevp`` the expected total is ``T_j / eevp_j`` of
   the latest update that published one, so ``R = max(E - T, 0)``, sd ``R/2 + 0.5 % of T``.
   Without it, the previous election's turnout ``E0`` (sd 15 %) truncated at the count so
   far: ``E | E >= T`` (a normal truncated below), so some vote is always thought to remain.
2. **Its lean** (``m``): two estimates, precision-weighted: the margin of the latest
   batches (the last ``window`` of the votes counted so far, sd shrinking with the share
   counted) and the prior for the late vote: the pre-election margin shifted by the
   state's counting practice (``late_mail``: the Democratic-leaning mail was counted after
   the in-person vote in 2020; ``early_mail_first``: early mail reported first).
3. For each of a few values of ``R`` (Gauss-Hermite nodes of its distribution, cut at
   zero) the count-based margin is normal (the lean's spread times ``R``, plus the feed's
   rounding) and is combined with the pre-election prior (the project's forecast) by
   precision; the mixture over the nodes is the distribution of the final margin.  Its
   spread shrinks as the count completes; fewer votes left cannot reverse a lead that the
   late vote only widens (which a linearisation in ``R`` would wrongly allow).

**Call rule** (conservative): a unit is called for a candidate at the first update where
``P(candidate wins by more than min_margin) >= call_probability`` (a quarter point, 0.995:
a call must hold even against a finish inside recount range), at least ``min_counted``
(50 %) of the expected vote is in, and the candidate leads the count.  A call is never
withdrawn.
Everything is vectorised over all updates of all units.

Caveat: the settings (lean spreads, batch window, call threshold) were chosen with the 2020
series in view, the only packaged series; no other election night has been checked.  DC
and the Maine/Nebraska districts have no series and are not called (no prior-only calls).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import special

from electoral.confirmation.prior import Prior
from electoral.confirmation.series import FloatArray, IntArray, Series

#: Lean of the late vote relative to the unit's expected margin, by counting practice:
#: (shift, sd).  2020: mail leaned Democratic; "late_mail" states counted it last.
PRACTICE_LEAN = {
    "late_mail": (0.15, 0.20),
    "early_mail_first": (-0.05, 0.20),
    "": (0.0, 0.25),
}


@dataclass(frozen=True)
class NightModel:
    """The nowcast's settings (the defaults are the documented model)."""

    use_eevp: bool = True
    window: float = 0.20  # the latest batches: this share of the votes counted so far
    batch_sd: float = 0.10  # sd of the outstanding lean around the latest batches' lean ...
    batch_sd_drift: float = 0.50  # ... plus this times the share still outstanding
    turnout_sd: float = 0.25  # without eevp: sd of turnout relative to the last election
    remaining_floor: float = 0.005  # sd of what is left, as a share of the count, at least
    nodes: int = 7  # Gauss-Hermite nodes over the votes still to count
    call_probability: float = 0.995
    min_margin: float = 0.0025  # a call must hold even against a quarter-point finish
    min_counted: float = 0.50
    band_z: float = 1.959964  # 95 % band
    practice_lean: dict[str, tuple[float, float]] = field(
        default_factory=lambda: dict(PRACTICE_LEAN)
    )

    def to_dict(self) -> dict[str, Any]:
        """The model's parameters as JSON."""
        d = dict(self.__dict__)
        d["practice_lean"] = {k or "other": list(v) for k, v in self.practice_lean.items()}
        return d


@dataclass(frozen=True, eq=False)
class Nowcast:
    """The nowcast at every update of ``series`` (arrays aligned with its rows)."""

    series: Series
    prior: Prior
    model: NightModel
    mean: FloatArray  # expected final margin (first - second) / total
    sd: FloatArray
    p_first: FloatArray  # P(first carries the unit)
    counted: FloatArray  # share of the expected vote counted
    remaining: FloatArray  # expected votes still to count
    call_row: IntArray  # per unit: index of the calling update, -1 if none

    @property
    def lo(self) -> FloatArray:
        """Lower end of each row's band of the final margin (``band_z`` standard deviations)."""
        return np.asarray(self.mean - self.model.band_z * self.sd, dtype=np.float64)

    @property
    def hi(self) -> FloatArray:
        """Upper end of each row's band of the final margin (``band_z`` standard deviations)."""
        return np.asarray(self.mean + self.model.band_z * self.sd, dtype=np.float64)

    def call(self, unit: str) -> tuple[str, int] | None:
        """(winner, time in seconds since the epoch) of the unit's call, or None."""
        i = int(self.call_row[self.series.units.index(unit)])
        if i < 0:
            return None
        s = self.series
        return (s.first if self.p_first[i] >= 0.5 else s.second), int(s.t[i])

    def latest(self, t: int | None = None) -> dict[str, int]:
        """Per unit, the index of its latest update at or before ``t`` (all units with one)."""
        s = self.series
        keep = np.ones(len(s), bool) if t is None else s.t <= t
        idx = np.flatnonzero(keep)
        out: dict[str, int] = {}
        if len(idx):
            last = np.r_[s.unit_of[idx][1:] != s.unit_of[idx][:-1], True]
            for i in idx[last]:
                out[s.units[int(s.unit_of[i])]] = int(i)
        return out


def _segment_starts(unit_of: IntArray) -> IntArray:
    """Index of the first row of each row's unit."""
    n = len(unit_of)
    start = np.r_[True, unit_of[1:] != unit_of[:-1]] if n else np.zeros(0, bool)
    return np.maximum.accumulate(np.where(start, np.arange(n), 0)).astype(np.int64)


def _expected_total(s: Series, prior: Prior, m: NightModel) -> tuple[FloatArray, FloatArray]:
    """Mean and variance of the votes still to count, at every update."""
    n = len(s)
    first = _segment_starts(s.unit_of)
    T = s.total
    floor = (m.remaining_floor * T) ** 2
    # Without eevp: turnout ~ N(E0, (sd E0)^2) given turnout >= T.
    e0 = prior.turnout[s.unit_of]
    e0 = np.where(np.isfinite(e0) & (e0 > 0), e0, 1.25 * np.maximum(T, 1.0))
    sig = m.turnout_sd * e0
    alpha = (T - e0) / sig
    lam = math.sqrt(2 / math.pi) / special.erfcx(alpha / math.sqrt(2))
    r_mean = np.maximum(sig * (lam - alpha), 0.0)
    r_var = sig**2 * np.maximum(1 + alpha * lam - lam**2, 0.0) + floor
    if m.use_eevp:
        ok = np.isfinite(s.eevp) & (s.eevp > 0)
        pos = np.where(ok, np.arange(n), -1)
        last = np.maximum.accumulate(pos) if n else pos
        has = (last >= first) & (last >= 0)
        j = np.where(has, last, 0)
        expected = np.where(has, T[j] / np.maximum(s.eevp[j], 1e-9) * 100.0, np.nan)
        r_e = np.maximum(expected - T, 0.0)
        r_mean = np.where(has, r_e, r_mean)
        r_var = np.where(has, (0.5 * r_e) ** 2 + floor, r_var)
    return r_mean, r_var


def _batch_lean(s: Series, m: NightModel) -> tuple[FloatArray, FloatArray]:
    """Margin of the latest batches (the last ``window`` of the count) and its weight."""
    n = len(s)
    first = _segment_starts(s.unit_of)
    big = 4.0 * 1e9
    key = np.maximum.accumulate(s.unit_of * big + s.total) if n else np.zeros(0)
    j = np.searchsorted(key, s.unit_of * big + (1 - m.window) * s.total, side="right") - 1
    has = j >= first
    j = np.where(has, j, 0)
    da = s.a - np.where(has, s.a[j], 0.0)
    db = s.b - np.where(has, s.b[j], 0.0)
    dt = s.total - np.where(has, s.total[j], 0.0)
    ok = dt > 0
    counted = np.where(s.total > 0, (s.a - s.b) / np.maximum(s.total, 1.0), 0.0)
    lean = np.where(ok, (da - db) / np.where(ok, dt, 1.0), counted)
    rounding = np.where(ok, 2 * s.error / np.where(ok, dt, 1.0), 1.0) ** 2
    return lean, rounding + np.where(has & ok, 0.0, 0.25**2)


def nowcast(series: Series, prior: Prior, model: NightModel | None = None) -> Nowcast:
    """The nowcast at every update of ``series`` (see the module docstring)."""
    m = model or NightModel()
    s = series
    u = s.unit_of
    T = s.total
    r_mean, r_var = _expected_total(s, prior, m)
    E = T + r_mean
    counted = np.where(E > 0, T / np.maximum(E, 1.0), 0.0)
    # The outstanding vote's lean: the latest batches and the counting-practice prior.
    lean = np.array([m.practice_lean.get(p, m.practice_lean[""]) for p in prior.practice])
    lean = lean.reshape(-1, 2)
    p_mean = prior.margin_mean[u] + lean[u, 0] if len(lean) else np.zeros(len(s))
    p_var = lean[u, 1] ** 2 if len(lean) else np.ones(len(s))
    b_mean, b_extra = _batch_lean(s, m)
    # The lean drifts more the more is left: judged on a high estimate of what is left.
    left_hi = (r_mean + 1.645 * np.sqrt(r_var)) / np.maximum(
        T + r_mean + 1.645 * np.sqrt(r_var), 1.0
    )
    b_var = (m.batch_sd + m.batch_sd_drift * left_hi) ** 2 + b_extra
    w = (1 / p_var) + (1 / b_var)
    o_mean = (p_mean / p_var + b_mean / b_var) / w
    o_var = 1 / w
    # The count-based final margin for each of a few values of what is left (Gauss-Hermite
    # nodes of its normal, cut at zero), each combined with the pre-election prior; the
    # mixture over the nodes gives P and the moments.  (Fewer votes left cannot turn a lead
    # that the late vote only widens, which a linearisation in R would allow.)
    pm, pv = prior.margin_mean[u], prior.margin_sd[u] ** 2
    nodes, weights = np.polynomial.hermite_e.hermegauss(m.nodes)
    weights = weights / weights.sum()
    p_first = np.zeros(len(s))
    clear = np.zeros((2, len(s)))  # P(first / second wins by more than min_margin)
    m1 = np.zeros(len(s))
    m2 = np.zeros(len(s))
    for z, w in zip(nodes, weights, strict=True):
        R = np.maximum(r_mean + z * np.sqrt(r_var), 0.0)
        Ek = np.maximum(T + R, 1.0)
        mc = (s.a - s.b + R * o_mean) / Ek
        vc = np.maximum((R / Ek) ** 2 * o_var + (s.error / Ek) ** 2, 1e-12)
        prec = 1 / vc + 1 / pv
        mk = (mc / vc + pm / pv) / prec
        p_first += w * special.ndtr(mk * np.sqrt(prec))
        clear[0] += w * special.ndtr((mk - m.min_margin) * np.sqrt(prec))
        clear[1] += w * special.ndtr((-mk - m.min_margin) * np.sqrt(prec))
        m1 += w * mk
        m2 += w * (mk**2 + 1 / prec)
    mean = m1
    sd = np.sqrt(np.maximum(m2 - m1**2, 1e-12))
    call_row = _calls(s, clear, counted, m)
    return Nowcast(s, prior, m, mean, sd, p_first, counted, r_mean, call_row)


def _calls(s: Series, clear: FloatArray, counted: FloatArray, m: NightModel) -> IntArray:
    lead = s.a - s.b
    first_ok = (clear[0] >= m.call_probability) & (lead > 0)
    second_ok = (clear[1] >= m.call_probability) & (lead < 0)
    ok = (first_ok | second_ok) & (counted >= m.min_counted)
    out = np.full(len(s.units), -1, dtype=np.int64)
    hits = np.flatnonzero(ok)
    if len(hits):
        units, at = np.unique(s.unit_of[hits], return_index=True)
        out[units] = hits[at]
    return out
