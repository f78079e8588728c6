"""Fitted forecasts shared by the forecast tests (each fit once per session)."""

from __future__ import annotations

import pytest

from electoral.data.polls import polls
from electoral.forecast.forecaster import ForecastModel


@pytest.fixture(scope="session")
def fitted_2016() -> ForecastModel:
    """The 2016 forecast on the eve, from the packaged polls (past elections only)."""
    return ForecastModel().fit(polls(2016), year=2016)
