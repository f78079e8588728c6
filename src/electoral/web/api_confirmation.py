"""GET /api/timeline/{year}: the confirmation period (issue 9), the shape of
``electoral timeline YEAR [--on DATE] --json``.

404 for a year the timeline does not cover (2000-2024, every four years); 422 for an ``on``
that is not a date or falls outside Election Day..Inauguration Day.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/api", tags=["confirmation"])

Year = Annotated[int, Path(description="Presidential election year, 2000-2024.", ge=1, le=9999)]


@lru_cache(maxsize=512)
def timeline_json(year: int, on: dt.date | None) -> bytes:
    """``timeline(year).to_dict(on)`` as JSON bytes (cached: the record does not change)."""
    from electoral.confirmation.stages import timeline

    doc = timeline(year).to_dict(on)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/timeline/{year}")
async def get_timeline(
    year: Year,
    on: Annotated[
        dt.date | None,
        Query(description="A date (YYYY-MM-DD) from Election Day to Inauguration Day."),
    ] = None,
) -> Response:
    """Each state called, certified, recounted, its electors' vote and Congress's count; the
    day each stage first reached a majority and the day the law treats as confirmed; with
    ``on``, the electoral votes at each stage that day and each state's ``stage``."""
    from electoral.confirmation.stages import YEARS

    if year not in YEARS:
        raise HTTPException(404, f"no confirmation timeline for {year} (2000-2024, every 4 years)")
    body = await run_in_threadpool(timeline_json, year, on)
    return Response(body, media_type="application/json")
