"""The FastAPI application: API routers, error handling, the page and its static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from electoral import __version__
from electoral.errors import DataError, ElectoralError, RuleError, StoreError
from electoral.store import Store
from electoral.web.api_confirmation import router as confirmation
from electoral.web.api_forecast import router as forecasts
from electoral.web.api_night import router as night
from electoral.web.api_records import router as records
from electoral.web.api_scenarios import router as scenarios
from electoral.web.api_tally import router as tallies
from electoral.web.errors import ERROR_RESPONSES, http_error, validation_error
from electoral.web.limits import MAX_BODY, BodyLimit
from electoral.web.pool import Busy, WorkPool
from electoral.web.security import SecurityHeaders
from electoral.web.static_files import install as install_static
from electoral.web.static_files import versioned
from electoral.web.timeouts import BodyTimeout


def static_dir() -> Path:
    """The packaged static files (HTML, CSS, JS, vendored D3 and TopoJSON)."""
    return Path(str(resources.files("electoral.web").joinpath("static")))


def error_body(exc: ElectoralError) -> dict[str, Any]:
    """The JSON of an engine error: its message, kind, and where it is for bad data."""
    kind = {DataError: "data", RuleError: "rule", StoreError: "store"}.get(type(exc), "error")
    body: dict[str, Any] = {"detail": str(exc), "kind": kind}
    if isinstance(exc, DataError):
        body.update(file=exc.file, line=exc.line, field=exc.field, message=exc.message)
    return body


async def _electoral_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ElectoralError)
    if not isinstance(exc, StoreError):
        return JSONResponse(error_body(exc), status_code=422)
    text = str(exc)
    if "busy" in text:  # another writer: try again
        return JSONResponse(error_body(exc), status_code=503, headers={"Retry-After": "1"})
    return JSONResponse(error_body(exc), status_code=404 if text.startswith("no ") else 400)


async def _busy(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Busy)
    return JSONResponse(
        {"detail": str(exc), "kind": "busy"},
        status_code=429,
        headers={"Retry-After": str(exc.retry_after)},
    )


def _page(name: str) -> str:
    return versioned((static_dir() / name).read_text(encoding="utf-8"), static_dir())


def create_app(store_url: str | None = None, *, worker_processes: bool = False) -> FastAPI:
    """The app over the store at ``store_url`` (default: ``$ELECTORAL_DB`` or the SQLite file);
    ``worker_processes``: compute forecasts in worker processes (``electoral serve``)."""
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.forecast_pool.close()
        store.close()

    app = FastAPI(
        title="electoral",
        version=__version__,
        description="The U.S. presidential election system: elections 1789-2024, "
        "apportionment, the calendar, your returns counted, scenarios with exact paths "
        "to a majority, analysis, and the forecast from the polls (2008-2020). "
        "Every document is the engine's own `to_dict()`.",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.store = store
    app.state.forecast_pool = WorkPool(processes=worker_processes)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    app.add_middleware(BodyTimeout)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(ElectoralError, _electoral_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.include_router(records)
    app.include_router(tallies)
    app.include_router(scenarios)
    app.include_router(forecasts)
    app.include_router(night)
    app.include_router(confirmation)

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(_page("index.html"))

    @app.get("/s/{scenario_id}", include_in_schema=False)
    def shared(scenario_id: str) -> HTMLResponse:
        try:
            store.load_scenario(scenario_id)
        except StoreError:
            return HTMLResponse(_page("404.html"), status_code=404)
        return HTMLResponse(_page("index.html"))

    install_static(app, static_dir())
    return app
