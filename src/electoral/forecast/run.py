"""Run a forecast: fit the model to the polls, simulate, and compute the exact distribution.

Kept apart from :mod:`electoral.forecast.result` (the result types), which
:mod:`~electoral.forecast.montecarlo` and :mod:`~electoral.forecast.exact` build, so that
no module of the package imports one that imports it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from electoral.forecast.exact import exact_distribution
from electoral.forecast.forecaster import ForecastModel
from electoral.forecast.montecarlo import simulate
from electoral.forecast.result import Forecast


def forecast(
    polls: pd.DataFrame,
    *,
    year: int,
    as_of: dt.date | None = None,
    sims: int,
    seed: int,
    source: str = "packaged",
    model: ForecastModel | None = None,
    dask: Any = None,
    chunk: int = 10_000,
    progress: Callable[[int, int], None] | None = None,
) -> Forecast:
    """Fit ``model`` (default parameters if None) to ``year``'s polls that ended before
    ``as_of`` (default the eve), simulate ``sims`` elections from ``seed`` and compute the
    exact distribution."""
    fitted = (model or ForecastModel()).fit(polls, year=year, as_of=as_of)
    sim = simulate(
        fitted.model_,
        sims,
        rng=np.random.default_rng(seed),
        chunk=chunk,
        dask=dask,
        progress=progress,
    )
    exact = exact_distribution(fitted.model_)
    return Forecast(fitted, sim, exact, fitted.core_.as_of, seed, source)
