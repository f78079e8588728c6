"""Error responses: one JSON shape for every 4xx the API answers, documented in the schema.

A request that fails validation is a 422 whose body never echoes the raw input (a NaN, an
infinity or a lone surrogate in the input cannot be encoded as JSON, which used to turn a
422 into a 500); strings in the error's location are made encodable.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ErrorItem(BaseModel):
    """One failed check of a request: where (``loc``), what (``msg``) and its kind."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    detail: str | list[ErrorItem] = Field(description="What is wrong, for people.")
    kind: str | None = Field(
        None,
        description="data, rule, store, validation, too-large, busy, timeout, not-found, "
        "method, error",
    )
    file: str | None = None
    line: int | None = None
    field: str | None = None
    message: str | None = None


def _response(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


#: The error statuses every route may answer, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _response("Malformed request, or the store refused it."),
    404: _response("No such year, census, scenario or page."),
    408: _response("The request's headers or body arrived too slowly."),
    413: _response("Request body larger than the limit."),
    405: _response("Method not allowed; `Allow` lists the path's methods."),
    422: _response("The request is well-formed but its values are invalid."),
    503: {
        **_response("The store is busy with another writer; retry after `Retry-After`."),
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    },
}
#: Extra statuses of the forecast endpoint.
BUSY_RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {
        **_response("Too many forecasts running or queued; retry after `Retry-After` seconds."),
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    },
}


def _safe(x: object) -> str | int:
    if isinstance(x, int) and not isinstance(x, bool):
        return x
    return str(x).encode("utf-8", "backslashreplace").decode("utf-8")


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 for a request pydantic rejects, without the offending input in the body."""
    assert isinstance(exc, RequestValidationError)
    items = [
        {
            "loc": [_safe(p) for p in e.get("loc", ())],
            "msg": str(_safe(e.get("msg", "invalid"))),
            "type": str(_safe(e.get("type", "invalid"))),
        }
        for e in exc.errors()
    ]
    return JSONResponse({"detail": items, "kind": "validation"}, status_code=422)


def _documented_methods(request: Request) -> list[str]:
    """The methods the OpenAPI schema documents for the request's path."""
    path = request.url.path
    for template, ops in request.app.openapi().get("paths", {}).items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return sorted(m.upper() for m in ops)
    return []


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTP errors as ``ErrorBody``; a 405 lists in ``Allow`` every method of
    every route at the path (Starlette names only the first route's)."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        methods = _documented_methods(request)
        if methods:
            headers["Allow"] = ", ".join(methods)
    kind = {404: "not-found", 405: "method", 408: "timeout", 413: "too-large"}.get(
        exc.status_code, "error"
    )
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=headers)
    detail = str(exc.detail)
    if exc.status_code == 400 and exc.__cause__ is not None:
        detail = _unreadable_body(exc.__cause__) or detail
    return JSONResponse(
        {"detail": detail, "kind": kind}, status_code=exc.status_code, headers=headers
    )


def _unreadable_body(cause: BaseException) -> str | None:
    """Why FastAPI could not read a JSON body (its own 400 says only "There was an error
    parsing the body"): what ``json.loads`` refuses beyond a syntax error."""
    if isinstance(cause, RecursionError):
        return "request body: JSON nested too deeply"
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        return f"request body: a number of more than {sys.get_int_max_str_digits():,} digits"
    return None


async def send_error(
    send: Send, status: int, detail: str, kind: str, *, close: bool = False
) -> None:
    """An ``ErrorBody`` answer sent straight over ASGI (for middleware, below the handlers)."""
    body = json.dumps({"detail": detail, "kind": kind}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def call_reading(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    error: type[StarletteHTTPException],
    kind: str,
) -> None:
    """``app`` with a guarded ``receive`` (one that raises ``error``): if ``error`` escapes
    before a response started, answer it as ``ErrorBody`` with its own detail (and close the
    connection if it says so); after, let it propagate.  Inside the app's routes the error
    reaches ``http_error`` first, which answers the same."""
    started = False

    async def watch(message: Message) -> None:
        nonlocal started
        if message["type"] == "http.response.start":
            started = True
        await send(message)

    try:
        await app(scope, receive, watch)
    except error as exc:
        if started:
            raise
        close = (exc.headers or {}).get("connection") == "close"
        await send_error(send, exc.status_code, str(exc.detail), kind, close=close)
