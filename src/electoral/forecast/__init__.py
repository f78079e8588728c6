"""Forecasting: polls -> poll averages -> state distributions -> simulation / exact
distribution -> backtest.

``forecast.polls`` reads poll files of every supported format into one schema (one row per
poll); ``forecast.average`` turns them into a poll average per state, district and the
nation, with house effects and a national trend adjustment, using only polls that ended
before the date asked about.
"""

from __future__ import annotations

from electoral._lazy import lazy_exports

#: The public names, imported on first use.  ``simulate`` and ``backtest`` share their
#: modules' names, so they are reached as ``electoral.forecast.simulate.simulate`` and
#: ``electoral.forecast.backtest.backtest``.
_EXPORTS = {
    "read_polls": "electoral.forecast.polls",
    "PollAverage": "electoral.forecast.average",
    "poll_average": "electoral.forecast.average",
    "ForecastModel": "electoral.forecast.forecaster",
    "DailySeries": "electoral.forecast.daily",
    "ElectionModel": "electoral.forecast.model",
    "exact_distribution": "electoral.forecast.exact",
    "forecast": "electoral.forecast.result",
    "Forecast": "electoral.forecast.result",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
