"""Forecasting: polls -> a dynamic model of opinion -> the joint distribution of the units'
margins -> simulation / exact distribution -> daily series and backtest.

``forecast.polls`` reads poll files of every supported format into one schema (one row per
poll).  ``forecast.effects`` turns them into two-party observations less pollster,
population and mode effects; ``forecast.opinion`` is the Kalman filter over the national
and state margins; ``forecast.fundamentals`` the time-for-change prior; ``forecast.core``
runs them for a year and date; ``forecast.calibrate`` fits the shared polling error on
earlier elections; ``forecast.forecaster.ForecastModel`` assembles the ``ElectionModel``
that ``forecast.montecarlo`` and ``forecast.exact`` take.  Every step uses only polls that
ended before the date asked about and results of earlier elections
(``forecast.inputs.Inputs.before`` deletes the rest, for the leakage test).
``forecast.average`` (a poll average with house effects and a national trend) remains for
describing the polls; the forecast no longer uses it.
"""

from __future__ import annotations

from electoral._lazy import lazy_exports

#: The public names, imported on first use (no module shares its name with a function).
_EXPORTS = {
    "read_polls": "electoral.forecast.polls",
    "PollAverage": "electoral.forecast.average",
    "poll_average": "electoral.forecast.average",
    "ForecastModel": "electoral.forecast.forecaster",
    "DailySeries": "electoral.forecast.daily",
    "ElectionModel": "electoral.forecast.model",
    "exact_distribution": "electoral.forecast.exact",
    "forecast": "electoral.forecast.run",
    "simulate": "electoral.forecast.montecarlo",
    "backtest": "electoral.forecast.evaluation",
    "Forecast": "electoral.forecast.result",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
