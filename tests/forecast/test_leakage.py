"""No information from year Y or later reaches a forecast of Y.

The forecast of Y as of a date is made twice: from the package's inputs, and from inputs
with every row of Y and later years deleted (returns, later polls; Y's fundamentals
outcome blanked) and Y's polls cut at the date.  Every number of the model must be the
same; and changing a deleted row must change nothing.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from electoral.data.polls import polls
from electoral.forecast.errors_model import History
from electoral.forecast.forecaster import ForecastModel
from electoral.forecast.inputs import Inputs, packaged


def _same(a: ForecastModel, b: ForecastModel) -> None:
    for f in ("mean", "shared", "group_loading", "own"):
        np.testing.assert_array_equal(getattr(a.model_, f), getattr(b.model_, f), err_msg=f)


@pytest.mark.slow
@pytest.mark.parametrize(("year", "as_of"), [(2016, dt.date(2016, 9, 1)), (2020, None)])
def test_deleting_the_future_changes_nothing(year: int, as_of: dt.date | None) -> None:
    full = packaged()
    frame = polls(year)
    base = ForecastModel().fit(frame, year=year, as_of=as_of, inputs=full)
    day = np.datetime64(base.core_.as_of)
    known = frame.known_from.isna() | (frame.known_from < day)
    cut = frame[(frame.end_date < day) & known]  # the polls one could have read by then
    masked = ForecastModel().fit(cut, year=year, as_of=as_of, inputs=full.before(year))
    _same(base, masked)
    # a different future (the year's own returns and later ones moved by 5 points) is
    # invisible too
    h = full.hist
    moved = h.margins.copy()
    moved.loc[moved.index >= year] += 0.05
    nat = h.national.copy()
    nat[nat.index >= year] += 0.05
    record = full.poll_record.copy()
    record[record.index >= year] += 0.05
    other = Inputs(
        History(moved, nat, h.turnout), full.fundamentals, full.polls, full.poll_years, record
    )
    _same(base, ForecastModel().fit(frame, year=year, as_of=as_of, inputs=other))
    # ...while an earlier election's returns are seen
    early = h.margins.copy()
    early.loc[year - 8] += 0.05
    seen = Inputs(
        History(early, h.national, h.turnout),
        full.fundamentals,
        full.polls,
        full.poll_years,
        full.poll_record,
    )
    assert not np.array_equal(
        base.model_.mean,
        ForecastModel().fit(frame, year=year, as_of=as_of, inputs=seen).model_.mean,
    )
    # ...and so is an earlier election's national polling error (Gallup's 1980 final poll)
    record = full.poll_record.copy()
    record[1980] += 0.05
    heard = Inputs(full.hist, full.fundamentals, full.polls, full.poll_years, record)
    assert not np.array_equal(
        base.model_.shared,
        ForecastModel().fit(frame, year=year, as_of=as_of, inputs=heard).model_.shared,
    )
