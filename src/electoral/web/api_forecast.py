"""The forecast over the packaged polls (2008-2020): win probabilities per state, the
electoral-vote distribution by simulation and exactly.  The first forecast of a year and
date takes seconds, so it runs in a bounded pool (``electoral.web.pool``: a 429 with
``Retry-After`` when full) and its answers are cached by their normalised key."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from electoral.web import service
from electoral.web.errors import BUSY_RESPONSES
from electoral.web.pool import WorkPool

router = APIRouter(prefix="/api/forecast", tags=["forecast"])

#: Simulated elections a request may ask for.
MIN_SIMS, MAX_SIMS, DEFAULT_SIMS = 1_000, 200_000, 20_000

Year = Annotated[int, Path(description="Election year with packaged polls.", ge=1, le=9999)]


def _known(year: int) -> None:
    years = service.forecast_years()
    if year not in years:
        raise HTTPException(
            404, f"no packaged polls for {year} (forecasts: {', '.join(map(str, years))})"
        )


@router.get("")
def forecast_years() -> dict[str, list[dict[str, Any]]]:
    """The years a forecast can be made for, with Election Day, the default as-of date,
    the dates the polls span and the candidates."""
    return {"years": [service.forecast_info(y) for y in service.forecast_years()]}


@router.get("/daily", responses=BUSY_RESPONSES)
async def forecast_daily(
    request: Request,
    year: Annotated[int, Query(ge=1, le=9999, description="Election year with packaged polls.")],
) -> Response:
    """The campaign's daily series: one forecast per day from June 1 to Election Day, each
    from the polls that ended (and could be known) before that day: ``{"year",
    "candidates": [dem, rep], "series": [{"date", "win": {name: p}, "ev_mean": {name: x},
    "ev_lo": {..}, "ev_hi": {..}}]}`` (``ev_lo``/``ev_hi`` bound the central 90% of
    electoral votes).  Computed once per year in the forecast pool, then cached."""
    _known(year)
    pool: WorkPool = request.app.state.forecast_pool
    body = await pool.run(("daily", year), service.daily_json, year)
    return Response(body, media_type="application/json")


@router.get("/{year}", responses=BUSY_RESPONSES)
async def forecast(
    request: Request,
    year: Year,
    sims: Annotated[
        int, Query(ge=MIN_SIMS, le=MAX_SIMS, description="Simulated elections.")
    ] = DEFAULT_SIMS,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1, description="Random seed.")] = 1,
    as_of: Annotated[
        str | None,
        Query(
            pattern=r"^\d{4}-\d{2}-\d{2}$",
            description="Use the polls that ended before this date (YYYY-MM-DD, after the "
            "first poll ended and at most Election Day; default the eve of the election).",
        ),
    ] = None,
) -> Response:
    """A forecast from the packaged polls: ``electoral forecast --year YEAR --json``'s
    document (win probabilities by simulation and exactly, the electoral-vote distribution,
    per-unit probabilities, mean margins and tipping-point frequencies, notes)."""
    _known(year)
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise HTTPException(422, f"as_of: not a date: {as_of!r}") from None
    day = service.forecast_as_of(year, day)
    pool: WorkPool = request.app.state.forecast_pool
    key = ("forecast", year, day, sims, seed)  # normalised: the default as-of is the eve
    body = await pool.run(key, service.forecast_json, year, day, sims, seed)
    return Response(body, media_type="application/json")
