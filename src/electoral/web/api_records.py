"""Read-only API over the packaged record and the rules: elections, apportionment, the
calendar, analysis, and the lists the page needs (years, states)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Response

from electoral.errors import RuleError
from electoral.web import service

router = APIRouter(prefix="/api")

Year = Annotated[int, Path(description="Presidential election year.", ge=1, le=9999)]


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.get("/health", tags=["meta"])
async def health() -> dict[str, str]:
    """A trivial answer: what the load test compares the scenario endpoint against."""
    return {"status": "ok"}


@router.get("/years", tags=["meta"])
def years() -> dict[str, list[int]]:
    """Years with a recorded election, years with returns (the scenario bases), and years
    with packaged polls (the forecasts)."""
    return {
        "recorded": list(service.recorded_years()),
        "returns": list(service.returns_years()),
        "forecast": list(service.forecast_years()),
    }


@router.get("/states", tags=["meta"])
def states() -> list[dict[str, Any]]:
    """The 50 states and DC: postal code, name, FIPS code (the map's key) and districts."""
    return service.states()


@router.get("/elections/{year}", tags=["record"])
def election(year: Year) -> Response:
    """A recorded election (1789-2024) replayed under its year's rules: the shape of
    ``electoral election YEAR --json``, plus ``parties`` where the returns name them."""
    if year not in service.recorded_years():
        raise HTTPException(404, f"no recorded election in {year} (1789-2024, every 4 years)")
    return _json(service.election_json(year))


@router.get("/apportion", tags=["rules"])
def apportion(
    census: Annotated[
        int, Query(description="Census year (one with apportionment populations in the data).")
    ] = 2020,
    seats: Annotated[int, Query(ge=1, le=10_000, description="House size.")] = 435,
    method: Annotated[
        str, Query(max_length=40, description="huntington-hill, webster, hamilton, ...")
    ] = "huntington-hill",
) -> dict[str, Any]:
    """Apportion the House: seats and electoral votes per state."""
    from electoral.rules.apportionment import apportion_census, resolve_method

    return apportion_census(census, seats, resolve_method(method)).to_dict()


@router.get("/calendar/{year}", tags=["rules"])
def calendar(year: Year) -> dict[str, Any]:
    """Election Day to Inauguration Day for a presidential year, past or future."""
    from electoral.rules.calendar import calendar as compute

    try:
        return compute(year).to_dict()
    except RuleError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/analysis/{year}", tags=["analysis"])
def analysis(year: Year) -> Response:
    """Tipping point, bias, voting power, the smallest winning share and alternative
    systems for a year with returns (1976-2024)."""
    if year not in service.returns_years():
        y = service.returns_years()
        raise HTTPException(404, f"no returns for {year} (analysis covers {y[0]}-{y[-1]})")
    return _json(service.analysis_json(year))
