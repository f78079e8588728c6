"""Polls as two-party observations, and the pollster, population and mode effects in them.

``prepare`` turns checked polls (the common schema) into arrays: the two-party margin
``y = (dem - rep) / (dem + rep)`` (undecided and third-party respondents are left out
explicitly, so a poll with many undecided counts as a smaller sample), its sampling variance
``v = 4 p (1 - p) / n_2`` with ``p = dem / (dem + rep)`` and ``n_2`` the two-party
respondents, the day the poll ended relative to Election Day (when it measured opinion) and
the first day it could be known (its end, or the later ``known_from`` of its source: 538
listed many polls days after they ended).  A forecast for ``D`` sees exactly the polls
that ended, and could be known, before ``D``.

``effects`` estimates, from the polls alone, additive biases on that margin:

- **pollster (house) effects** ``h ~ N(0, tau^2)``, ``tau`` by EM;
- **population effects** of registered-voter, "voter" and adult samples against likely
  voters, ``N(0, 0.03^2)`` a priori (Erikson, Panagopoulos & Wlezien, "Likely (and
  unlikely) voters and the assessment of campaign dynamics", *Public Opinion Quarterly*
  68(4), 2004: registered- and likely-voter samples differ by a few points in share);
- **mode effects** of online, automated (IVR) and mixed modes against live phone,
  ``N(0, 0.02^2)`` a priori (Pew Research Center, "From Telephone to the Web: the Challenge
  of Mode of Interview Effects in Public Opinion Polls", 2015: differences of a few points
  on some questions).  Of the packaged polls only 2020's record a mode (2008-2016 read as
  live telephone), so this prior acts from 2020 on, after its source;

(a pollster with fewer than :data:`MIN_POLLS` polls keeps none) by a ridge /
random-effects regression within unit x :data:`CELL_DAYS`-day cells (so
opinion moving over the campaign is not taken for a bias), weighted by
``1 / (v_i + sigma^2)``, with ``sigma`` (the non-sampling error of one poll) estimated with
them by EM.  A bias shared by every poll is not identifiable here; it is the shared polling
error of :mod:`electoral.forecast.calibrate`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import linalg, sparse

from electoral.data.polls import POPULATIONS  # reference first: likely voters, who vote
from electoral.forecast.average import _drop_overlaps, _select
from electoral.forecast.polls import for_forecast

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Width of the unit x time cells within which effects are estimated (days).
CELL_DAYS = 21
#: Prior sd of a population effect and of a mode effect (margin, fraction); see above.
POPULATION_SD, MODE_SD = 0.03, 0.02
#: Fewest polls for a pollster to get an effect of its own.
MIN_POLLS = 3
#: Non-sampling sd the EM starts from (and keeps where nothing identifies it).
START_SIGMA = 0.02
#: Modes, reference first.
MODES = ("live", "online", "ivr", "mixed", "other")


def mode_class(mode: str) -> str:
    """A poll's mode in one of :data:`MODES`."""
    m = mode.lower()
    parts = {p.strip() for p in m.split("/") if p.strip()}
    if not parts:
        return "live"  # the mode the older sources do not record: telephone surveys
    if len(parts) > 1:
        return "mixed"
    (only,) = parts
    if "live" in only:
        return "live"
    if "online" in only or "text" in only:
        return "online"
    if "ivr" in only or "automated" in only:
        return "ivr"
    return "other"


@dataclass(frozen=True, eq=False)
class PollArrays:
    """One election's usable polls as arrays (one entry per poll), ``day`` ascending."""

    year: int
    dem: str
    rep: str
    unit: npt.NDArray[np.str_]
    day: IntArray  # end date minus Election Day (negative)
    y: FloatArray  # two-party margin
    v: FloatArray  # sampling variance of y
    pollster: npt.NDArray[np.str_]
    population: IntArray  # index in POPULATIONS
    mode: IntArray  # index in MODES
    known: IntArray  # first day the poll could be known (its end, or its source's later date)

    def known_before(self, day: int) -> npt.NDArray[np.bool_]:
        """Which polls ended, and could be known, before ``day`` (relative to Election Day)."""
        return np.asarray((self.day < day) & (self.known < day), dtype=bool)

    def before(self, day: int) -> PollArrays:
        """The polls that ended and could be known before ``day``."""
        return self.subset(self.known_before(day))

    def subset(self, mask: npt.NDArray[np.bool_]) -> PollArrays:
        return PollArrays(
            self.year,
            self.dem,
            self.rep,
            self.unit[mask],
            self.day[mask],
            self.y[mask],
            self.v[mask],
            self.pollster[mask],
            self.population[mask],
            self.mode[mask],
            self.known[mask],
        )

    def __len__(self) -> int:
        return len(self.y)


def prepare(polls: pd.DataFrame, *, year: int, election_day: dt.date, as_of: dt.date) -> PollArrays:
    """The polls of ``year`` that ended before ``as_of``, as :class:`PollArrays`: those of
    the candidates on ``as_of`` where the year's are known and the polls ask about them
    (2024: Biden vs Trump before 2024-07-21, Harris vs Trump from then on), else of the
    most polled match-up."""
    if {"dem_candidate", "rep_candidate"} <= set(polls.columns):
        used, _ = for_forecast(polls, year, as_of)
        polls = used if len(used) else polls
    df, dem, rep = _select(polls, as_of)
    if "known_from" in df.columns:  # a release not yet known cannot displace another
        df = df[~(pd.to_datetime(df.known_from) >= pd.Timestamp(as_of)).to_numpy()]
    df = _drop_overlaps(df)
    d, r = df.dem.to_numpy(float), df.rep.to_numpy(float)
    n = df.sample_size.to_numpy(float)
    ok = (d + r > 0) & (n > 0)
    df, d, r, n = df[ok], d[ok], r[ok], n[ok]
    two = d + r
    p = d / two
    n2 = np.maximum(n * two / 100.0, 1.0)
    day = (pd.to_datetime(df.end_date) - pd.Timestamp(election_day)).dt.days.to_numpy(np.int64)
    if "known_from" in df.columns:
        since = (pd.to_datetime(df.known_from) - pd.Timestamp(election_day)).dt.days
        known = np.maximum(since.fillna(-(10**6)).to_numpy(np.int64), day)
    else:
        known = day
    order = np.argsort(day, kind="stable")
    pops = {p_: i for i, p_ in enumerate(POPULATIONS)}
    pop = np.array([pops.get(str(x), 0) for x in df.population], dtype=np.int64)
    modes = {m: i for i, m in enumerate(MODES)}
    mode = np.array([modes[mode_class(str(x))] for x in df["mode"]], dtype=np.int64)
    return PollArrays(
        year=year,
        dem=dem,
        rep=rep,
        unit=df.unit.to_numpy(str)[order],
        day=day[order],
        y=(2 * p - 1)[order],
        v=(4 * p * (1 - p) / n2)[order],
        pollster=df.pollster.to_numpy(str)[order],
        population=pop[order],
        mode=mode[order],
        known=known[order],
    )


@dataclass(frozen=True)
class Effects:
    """Estimated poll biases (margin, fraction) and the non-sampling sd of one poll."""

    house: pd.Series  # by pollster
    population: dict[str, float]
    mode: dict[str, float]
    sigma: float
    house_sd: float

    def of(self, polls: PollArrays) -> FloatArray:
        """The bias of each poll: its pollster's, population's and mode's effects."""
        h = self.house.reindex(polls.pollster).fillna(0.0).to_numpy(float)
        pop = np.array([self.population.get(p, 0.0) for p in POPULATIONS])[polls.population]
        mode = np.array([self.mode.get(m, 0.0) for m in MODES])[polls.mode]
        return np.asarray(h + pop + mode, dtype=np.float64)


def effects(polls: PollArrays, *, iterations: int = 10) -> Effects:
    """Pollster, population and mode effects and the non-sampling sd (see the module)."""
    pollsters, pol = np.unique(polls.pollster, return_inverse=True)
    n_pol = len(pollsters)
    none = Effects(pd.Series(0.0, index=pollsters, dtype=float), {}, {}, START_SIGMA, 0.0)
    if len(polls) < 3:
        return none
    _, uix = np.unique(polls.unit, return_inverse=True)
    cell_raw = uix * 100_000 + np.floor(-polls.day / CELL_DAYS).astype(np.int64)
    _, cell = np.unique(cell_raw, return_inverse=True)
    n_c = int(cell.max()) + 1
    npop, nmode = len(POPULATIONS) - 1, len(MODES) - 1
    k = n_pol + npop + nmode
    # one-hot columns of every poll: its pollster, its population and mode (reference: none)
    cols = [pol, np.where(polls.population > 0, n_pol + polls.population - 1, -1)]
    cols.append(np.where(polls.mode > 0, n_pol + npop + polls.mode - 1, -1))
    prior = np.concatenate([np.full(npop, POPULATION_SD**2), np.full(nmode, MODE_SD**2)])
    y, v = polls.y, polls.v
    counts = np.bincount(cell, minlength=n_c)
    df_within = float((counts - 1).sum())
    if df_within < 1:
        return none
    s2, t2 = START_SIGMA**2, 0.02**2
    b = np.zeros(k)
    ridge = np.concatenate([np.zeros(n_pol), 1.0 / prior])
    active = np.ones(k, dtype=bool)
    rows = np.concatenate([np.arange(len(y))[c >= 0] for c in cols])
    cidx = np.concatenate([c[c >= 0] for c in cols])
    for it in range(iterations):
        w = 1.0 / (v + s2)
        wc = np.bincount(cell, w, n_c)
        xw = sparse.csr_matrix((w[rows], (rows, cidx)), shape=(len(y), k))
        x1 = sparse.csr_matrix((np.ones(len(rows)), (rows, cidx)), shape=(len(y), k))
        a = (x1.T @ xw).toarray()
        g = sparse.csr_matrix((w[rows], (cell[rows], cidx)), shape=(n_c, k))
        gg = (g.T @ sparse.diags(1.0 / wc) @ g).toarray()
        rhs = np.asarray(xw.T @ y).ravel()
        g_rhs = np.asarray(g.T @ (np.bincount(cell, w * y, n_c) / wc)).ravel()
        if it == 0:
            # columns the within-cell comparisons say nothing about stay at 0
            # and a pollster with fewer than MIN_POLLS polls keeps no effect of its own
            seen_n = np.concatenate([np.bincount(pol, minlength=n_pol), np.full(k - n_pol, 99)])
            active = (np.diag(a - gg) > 1e-9) & (seen_n >= MIN_POLLS)
        ix = np.flatnonzero(active)
        a_m = (a - gg)[np.ix_(ix, ix)]
        rhs_m = (rhs - g_rhs)[ix]
        is_pol = ix < n_pol
        q = a_m + np.diag(np.where(is_pol, 1.0 / t2, ridge[ix]))
        q_inv = linalg.cho_solve(linalg.cho_factor(q), np.eye(len(ix)))
        b = np.zeros(k)
        b[ix] = q_inv @ rhs_m
        fit = b[pol] + sum(np.where(c >= 0, b[np.maximum(c, 0)], 0.0) for c in cols[1:])
        mu = np.bincount(cell, w * (y - fit), n_c) / wc
        e = y - mu[cell] - fit
        n_seen = max(int(is_pol.sum()), 1)
        tr_pol = float(np.trace(q_inv[np.ix_(is_pol, is_pol)]))
        edf = float(len(ix) - tr_pol / t2)
        new_s2 = max(1e-6, float(e @ e) / max(df_within - edf, 1.0) - float(v.mean()))
        hp = b[ix][is_pol]
        new_t2 = max(1e-8, (float(hp @ hp) + tr_pol) / n_seen)
        done = abs(new_s2 - s2) < 1e-3 * s2 and abs(new_t2 - t2) < 1e-3 * t2
        s2, t2 = new_s2, new_t2
        if done:
            break
    house = pd.Series(b[:n_pol], index=pollsters, dtype=float)
    pop_eff = {p: float(b[n_pol + i]) for i, p in enumerate(POPULATIONS[1:])}
    mode_eff = {m: float(b[n_pol + npop + i]) for i, m in enumerate(MODES[1:])}
    return Effects(house, pop_eff, mode_eff, float(np.sqrt(s2)), float(np.sqrt(t2)))
