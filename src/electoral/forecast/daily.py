"""The campaign's daily series: one forecast per day, June 1 to Election Day.

The forecast for day ``D`` uses the polls that ended before ``D`` (and, like every
forecast, only earlier elections' results).  The filter's one pass over the polls yields the
state of every day; the poll effects and walk sds are re-estimated every ``refresh`` days
from the polls before the first day of each block; every day has its own polls and its own
filter pass (so a day's point can differ slightly from ``forecast --as-of D``, whose effects
use every poll before ``D``; neither sees a poll that ended, or was first known, on ``D`` or
later).  Each day's electoral-vote distribution is exact
(:func:`~electoral.forecast.exact.exact_distribution`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from electoral.forecast._blas import single_threaded
from electoral.forecast.core import election_day, fit_core, training
from electoral.forecast.exact import exact_distribution
from electoral.forecast.forecaster import ForecastModel, _exclusions
from electoral.forecast.inputs import Inputs, packaged

#: Days per block of the daily series that share poll effects and walk sds.
REFRESH = 7
#: The central interval of electoral votes reported per day.
EV_INTERVAL = 0.9
#: A lighter quadrature for the chart (about a third of the default's nodes): against the
#: default rule the win probability moves by less than 1e-3 and the interval's ends by at
#: most one elector.
QUADRATURE: dict[str, Any] = {"n_normal": (8, 4), "n_mixing": 4, "n_inner": 8}


@dataclass(frozen=True)
class DayPoint:
    date: dt.date
    win: dict[str, float]
    ev_mean: dict[str, float]
    ev_lo: dict[str, int]
    ev_hi: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "win": {k: round(v, 6) for k, v in self.win.items()},
            "ev_mean": {k: round(v, 3) for k, v in self.ev_mean.items()},
            "ev_lo": self.ev_lo,
            "ev_hi": self.ev_hi,
        }


@dataclass(frozen=True)
class DailySeries:
    """One forecast per day; ``ev_lo``/``ev_hi`` bound the central 90% of electoral votes."""

    year: int
    candidates: tuple[str, str]
    series: tuple[DayPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``electoral forecast --daily --json``."""
        return {
            "year": self.year,
            "candidates": list(self.candidates),
            "series": [p.to_dict() for p in self.series],
        }


def _point(day: dt.date, fitted: ForecastModel) -> DayPoint:
    m = fitted.model_
    ex = exact_distribution(m, **QUADRATURE)
    p = ex.ev_probability
    cdf = np.cumsum(p)
    tail = (1 - EV_INTERVAL) / 2
    lo = int(np.searchsorted(cdf, tail))
    hi = int(np.searchsorted(cdf, 1 - tail))
    total = m.total
    return DayPoint(
        date=day,
        win=ex.win_probability,
        ev_mean=ex.expected_electoral_votes,
        ev_lo={m.dem: lo, m.rep: total - hi},
        ev_hi={m.dem: hi, m.rep: total - lo},
    )


@single_threaded
def daily(
    polls: pd.DataFrame,
    *,
    year: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    inputs: Inputs | None = None,
    model: ForecastModel | None = None,
    refresh: int = REFRESH,
) -> DailySeries:
    """The forecast of every day from ``start`` (default June 1) to ``end`` (default
    Election Day), each from the polls that ended before it."""
    inp = inputs or packaged()
    base = model or ForecastModel()
    eday = election_day(year)
    first = start or dt.date(year, 6, 1)
    last = end or eday
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    exclude = _exclusions(year, inp, base.training)
    tr = training(year, inp, exclude, base.n_factors)
    points: list[DayPoint] = []
    step = max(refresh, 1)
    for b in range(0, len(days), step):
        block = days[b : b + step]
        cores = fit_core(
            polls,
            year=year,
            dates=block,
            inputs=inp,
            exclude=exclude,
            n_factors=base.n_factors,
            train=tr,
        )
        for day, core in zip(block, cores, strict=True):
            fitted = ForecastModel(**base.get_params()).fit_core(core, inp, exclude)
            points.append(_point(day, fitted))
    dem, rep = (points[0].ev_mean.keys()) if points else ("", "")
    return DailySeries(year, (str(dem), str(rep)), tuple(points))
