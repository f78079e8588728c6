"""Scenarios: evaluate one (the map calls this on every click), save one under a short id,
fetch it, list them.  Saved scenarios are the only thing the web app writes, and only to
the store."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from electoral.errors import StoreError
from electoral.store import Store
from electoral.web import service
from electoral.web.models import ScenarioSpec

router = APIRouter(prefix="/api/scenarios", tags=["scenarios"])


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def _saved(s: Any) -> dict[str, Any]:
    d: dict[str, Any] = s.to_dict()
    d["url"] = f"/s/{s.id}"
    return d


@router.post("/evaluate")
async def evaluate(spec: ScenarioSpec) -> Response:
    """Count a scenario without saving it: the outcome (``electoral scenario --json``'s
    shape), the tipping point, exact paths to a majority over the tossups, and ``house``:
    the candidates the House would choose among when nobody has a majority."""
    service.check_units(spec)
    body = await run_in_threadpool(service.evaluate, spec)
    return Response(body, media_type="application/json")


@router.post("", status_code=201)
def save(spec: ScenarioSpec, store: StoreDep) -> dict[str, Any]:
    """Save a scenario; its short URL ``/s/{id}`` reproduces the map.  Saving the same
    scenario twice gives the same id.  A scenario that cannot be counted is not saved."""
    service.check_units(spec)
    service.evaluate(spec)
    return _saved(store.save_scenario(service.canonical(spec)))


@router.get("")
def list_saved(
    store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> dict[str, list[dict[str, Any]]]:
    """Saved scenarios, the most recent first."""
    return {"scenarios": [_saved(s) for s in store.list_scenarios(limit=limit)]}


@router.get("/{scenario_id}")
def fetch(scenario_id: str, store: StoreDep) -> dict[str, Any]:
    """A saved scenario's spec (POST it to ``/api/scenarios/evaluate`` to count it)."""
    try:
        return _saved(store.load_scenario(scenario_id))
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
