"""Server timeouts for ``electoral serve``: a request's headers and its body must arrive
within a time limit, so slow or stalled clients cannot hold connections open.

Uvicorn's keep-alive timer is reset by every byte received, so a client trickling one byte
at a time kept a connection forever (120 such connections were still open after 30 s).
``GuardedH11Protocol`` gives each request ``HEADER_TIMEOUT`` seconds from the moment the
connection is ready for it to the end of its headers, and ``BodyTimeout`` gives the
application's reads of the body ``BODY_TIMEOUT`` seconds in all; either answers 408 and
closes the connection.
"""

from __future__ import annotations

import asyncio

import h11
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from electoral.web.errors import call_reading

#: Seconds for a request's headers, and for its whole body, to arrive.
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
#: Seconds an idle keep-alive connection stays open, and open connections at most.
KEEP_ALIVE = 5
MAX_CONNECTIONS = 256
#: The largest request line and headers accepted, in bytes.
MAX_HEADER_BYTES = 16_384


class GuardedH11Protocol(H11Protocol):
    """Uvicorn's h11 protocol with a deadline on each request's headers."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(HEADER_TIMEOUT, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # the headers are in: the body is BodyTimeout's business

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return
        if self.conn.their_state is h11.IDLE and not self.conn.trailing_data[0]:
            # an idle keep-alive connection: close it quietly
            self.transport.close()
            return
        body = b'{"detail":"request headers too slow","kind":"timeout"}'
        try:
            out = self.conn.send(
                h11.Response(
                    status_code=408,
                    headers=[
                        ("content-type", "application/json"),
                        ("content-length", str(len(body))),
                        ("connection", "close"),
                    ],
                )
            )
            out = (out or b"") + (self.conn.send(h11.Data(data=body)) or b"")
            out += self.conn.send(h11.EndOfMessage()) or b""
            self.transport.write(out)
        except h11.LocalProtocolError:
            pass
        self.transport.close()


class BodyTooSlow(HTTPException):
    """Raised from ``receive`` when the body is late (an HTTP error, so that the framework's
    body parsing passes it through as 408 rather than a 400); its ``connection: close``
    makes the server close the connection once the 408 is sent."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            408,
            f"request body took more than {seconds:g} s to arrive",
            headers={"connection": "close"},
        )


class BodyTimeout:
    """ASGI middleware: 408 if the request body takes more than ``seconds`` to arrive."""

    def __init__(self, app: ASGIApp, seconds: float | None = None) -> None:
        self.app = app
        self._seconds = seconds

    @property
    def seconds(self) -> float:
        return BODY_TIMEOUT if self._seconds is None else self._seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        done = False  # the whole body is in: later reads (a disconnect) are not timed

        async def timed() -> Message:
            nonlocal done
            if done:
                return await receive()
            left = deadline - loop.time()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(left, 0.001))
            except TimeoutError:
                raise BodyTooSlow(self.seconds) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                done = True
            return message

        await call_reading(self.app, scope, timed, send, BodyTooSlow, "timeout")
