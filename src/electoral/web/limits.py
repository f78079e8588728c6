"""A cap on request bodies, enforced while they are read (so a chunked upload cannot
overrun it either): anything larger gets 413 before a handler sees it."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from electoral.web.errors import call_reading, send_error

#: The largest request body accepted, in bytes (a full year's returns is about 150 kB).
MAX_BODY = 1_000_000


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a body passes the cap (an HTTP error, so that the
    framework's body parsing passes it through as 413 rather than a 400)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"request body larger than {max_bytes:,} bytes")


class BodyLimit:
    """ASGI middleware: 413 for bodies over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await send_error(send, 413, BodyTooLarge(self.max_bytes).detail, "too-large")
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await call_reading(self.app, scope, limited, send, BodyTooLarge, "too-large")
