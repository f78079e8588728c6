"""The election-night nowcast for the Confirmation view: one state's margin and band over
time, the desks' calls and the model's call.  The nowcast of a year is computed once (all
states, every update, vectorised) and cached."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

if TYPE_CHECKING:
    from electoral.confirmation.night_model import Nowcast

router = APIRouter(prefix="/api/night", tags=["night"])

Year = Annotated[int, Path(description="Election year with a packaged series (2020).", ge=1)]


@cache
def _nowcast(year: int) -> Nowcast:
    from electoral.confirmation import report

    return report.run(year)


@cache
def _desks(year: int) -> dict[str, list[tuple[str, str, str]]]:
    from electoral.confirmation.night_scoring import desk_calls

    return desk_calls(year)


@router.get("/{year}")
def night(
    year: Year,
    state: Annotated[str, Query(description="Postal code, e.g. PA.", min_length=2, max_length=5)],
) -> dict[str, Any]:
    """``{"year", "state", "candidates", "series": [{"t", "margin_mean", "lo", "hi",
    "counted"}], "calls": [{"desk", "called_at", "winner"}], "model_call"}``; the margin is
    (first candidate - second) / all votes, a fraction."""
    from electoral.confirmation.series import series_years

    if year not in series_years():
        packaged = ", ".join(map(str, series_years()))
        raise HTTPException(404, f"no election-night series for {year} (packaged: {packaged})")
    st = state.strip().upper()
    if st not in _nowcast(year).series.units:
        raise HTTPException(404, f"no election-night series for {st} in {year}")
    return _night(year, st)


@cache
def _night(year: int, st: str) -> dict[str, Any]:
    """The document of a packaged state (at most 56 per year), built once: its series is a
    few hundred points (6 ms), the same for every request."""
    from electoral.confirmation.night_scoring import iso
    from electoral.confirmation.report import timeline

    nc = _nowcast(year)
    call = nc.call(st)
    points = [
        {k: p[k] for k in ("t", "margin_mean", "lo", "hi", "counted")} for p in timeline(nc, st)
    ]
    return {
        "year": year,
        "state": st,
        "candidates": [nc.series.first, nc.series.second],
        "margin": f"({nc.series.first} - {nc.series.second}) / total votes",
        "series": points,
        "calls": [
            {"desk": d, "called_at": w, "winner": who} for d, w, who in _desks(year).get(st, [])
        ],
        "model_call": None if call is None else {"winner": call[0], "called_at": iso(call[1])},
    }
