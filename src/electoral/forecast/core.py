"""The dynamic model's estimate of Election Day: polls, walk, fundamentals (no error terms).

``fit_core`` runs the pieces in order for one year and one or more forecast dates:

1. the polls that ended before the date, as two-party margins, and their pollster,
   population and mode effects (:mod:`electoral.forecast.effects`);
2. the walk sds by maximum likelihood on those polls, and the Kalman filter over the days
   (:mod:`electoral.forecast.opinion`), from a start whose state deviations are the
   previous election's with the covariance of relative swings fitted on earlier elections;
3. the state projected to Election Day (the walk widens) and conditioned on the
   fundamentals' prior for the national margin (:mod:`electoral.forecast.fundamentals`).

What is learned from results -- swing factors, district offsets, fundamentals -- comes from
the years that ``exclude`` leaves (every year from the forecast year on, for a forecast as
a forecaster would have made it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from electoral.errors import RuleError
from electoral.forecast.effects import Effects, PollArrays, effects, prepare
from electoral.forecast.errors_model import SwingModel, district_offsets
from electoral.forecast.fundamentals import Prior, prior
from electoral.forecast.inputs import Inputs
from electoral.forecast.opinion import (
    FilterState,
    Observations,
    Walk,
    fit_walk,
    initial,
    kalman,
    observe_national,
)
from electoral.rules.calendar import calendar

FloatArray = npt.NDArray[np.float64]


def election_day(year: int) -> dt.date:
    day = calendar(year).election_day.date
    if day is None:
        raise RuleError(f"no single Election Day in {year}")
    return day


@dataclass(frozen=True, eq=False)
class Core:
    """Election Day as the polls, the walk and the fundamentals see it on ``as_of``.

    ``final`` is the state ``(L, B, d_1..d_S)`` on Election Day after the fundamentals;
    ``now`` is the filter on the last day of information, before projecting.
    """

    year: int
    as_of: dt.date
    election_day: dt.date
    states: tuple[str, ...]
    final: FilterState
    now: FilterState
    walk: Walk
    fundamentals: Prior
    effects: Effects
    polls: PollArrays
    adjusted: FloatArray  # the polls less their effects
    swing: SwingModel
    district_offsets: dict[str, float]
    previous: dict[str, float]
    previous_national: float
    last_poll: dict[str, dt.date]
    n_polls: dict[str, int]

    @property
    def national(self) -> float:
        """Expected national two-party margin on Election Day."""
        return self.final.national


@dataclass(frozen=True, eq=False)
class Training:
    """What a year's forecast learns from results: fitted once per (year, exclusion)."""

    swing: SwingModel
    offsets: dict[str, float]
    previous: dict[str, float]
    previous_national: float
    mean_d: FloatArray


def training(year: int, inputs: Inputs, exclude: Collection[int], n_factors: int) -> Training:
    hist = inputs.hist
    prev = year - 4
    if prev not in hist.years:
        raise RuleError(f"no returns for {prev}, the election before {year}: no prior")
    swing = SwingModel(n_factors).fit(hist, exclude=exclude)
    states = swing.states_
    row = hist.margins.loc[prev].to_numpy(dtype=float)
    cols = [str(c) for c in hist.margins.columns]
    previous = {c: float(v) for c, v in zip(cols, row, strict=True) if v == v}
    nat = float(hist.national.to_dict()[prev])
    mean_d = np.array([previous[st] - nat for st in states])
    return Training(swing, district_offsets(hist, exclude=exclude), previous, nat, mean_d)


def fit_core(
    frame: pd.DataFrame,
    *,
    year: int,
    dates: Sequence[dt.date],
    inputs: Inputs,
    exclude: Collection[int],
    n_factors: int = 2,
    train: Training | None = None,
) -> list[Core]:
    """One :class:`Core` per date, each from the polls that ended, and could be known,
    before it (the filter runs over each date's own polls).  The effects and the walk are
    estimated once, from the polls before the earliest date (so pass one date for an exact
    as-of forecast)."""
    eday = election_day(year)
    first = min(dates)
    tr = train or training(year, inputs, exclude, n_factors)
    states = tr.swing.states_
    first_polls = prepare(frame, year=year, election_day=eday, as_of=first)
    eff = effects(first_polls)

    def observations(p: PollArrays) -> tuple[Observations, FloatArray]:
        adj = p.y - eff.of(p)
        return Observations.of(p.unit, p.day, adj, p.v, states), adj

    walk = fit_walk(observations(first_polls)[0], tr.mean_d)
    mean0, cov0 = initial(tr.mean_d, tr.swing.cov_, tr.previous_national, walk)
    out = []
    for d in dates:
        rel = (d - eday).days
        # each date its own polls: those that ended and could be known before it, one
        # release of a tracking poll kept as of that date
        sub = first_polls if d == first else prepare(frame, year=year, election_day=eday, as_of=d)
        obs, adj = observations(sub)
        extra = np.where(obs.state < 0, walk.extra_n**2, walk.extra_s**2)
        obs = Observations(obs.day, obs.state, obs.y, obs.r + extra)
        start = int(obs.day[0]) - 1 if len(obs.day) else rel - 1
        _, saved = kalman(obs, mean0, cov0, walk, start=min(start, rel - 1), record=(rel - 1,))
        now = saved[rel - 1]
        fund = prior(year, d, inputs.fundamentals)
        at_e = observe_national(now.project(0, walk), fund.mean, fund.sd**2)
        last: dict[str, dt.date] = {}
        n_polls: dict[str, int] = {}
        if len(sub):
            days = pd.Series(sub.day).groupby(sub.unit).agg(["max", "size"])
            last = {str(u): eday + dt.timedelta(days=int(m)) for u, m in days["max"].items()}
            n_polls = {str(u): int(n) for u, n in days["size"].items()}
        out.append(
            Core(
                year=year,
                as_of=d,
                election_day=eday,
                states=states,
                final=at_e,
                now=now,
                walk=walk,
                fundamentals=fund,
                effects=eff,
                polls=sub,
                adjusted=adj,
                swing=tr.swing,
                district_offsets=tr.offsets,
                previous=tr.previous,
                previous_national=tr.previous_national,
                last_poll=last,
                n_polls=n_polls,
            )
        )
    return out
