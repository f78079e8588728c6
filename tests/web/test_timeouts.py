"""Server timeouts (issue 13): a client that trickles its headers or stalls its body is
answered 408 and disconnected, instead of holding a connection open for ever; the server
meanwhile answers others."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from electoral.web import create_app, timeouts

# Each test waits out a real timeout (a second or more) on a live server.
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    mp = pytest.MonkeyPatch()
    mp.setattr(timeouts, "HEADER_TIMEOUT", 1.0)
    mp.setattr(timeouts, "BODY_TIMEOUT", 1.0)
    port = _free_port()
    config = uvicorn.Config(
        create_app("sqlite:///:memory:"),
        host="127.0.0.1",
        port=port,
        log_level="error",
        http=timeouts.GuardedH11Protocol,
        timeout_keep_alive=timeouts.KEEP_ALIVE,
        lifespan="off",
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    yield base
    srv.should_exit = True
    thread.join(10)
    mp.undo()


def _read_all(sock: socket.socket, limit: float) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and when it closed."""
    sock.settimeout(limit)
    t0 = time.monotonic()
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data, time.monotonic() - t0
        data += chunk


def test_trickled_headers_get_408_and_the_connection_closes(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        t0 = time.monotonic()
        for ch in b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ":
            try:
                sock.sendall(bytes([ch]))
            except OSError:
                break
            time.sleep(0.05)  # one byte every 50 ms resets uvicorn's keep-alive timer
            if time.monotonic() - t0 > 1.5:
                break
        data, _ = _read_all(sock, 5)
        assert time.monotonic() - t0 < 5
    assert data.startswith(b"HTTP/1.1 408"), data[:80]
    assert httpx.get(server + "/api/health", timeout=5).status_code == 200


def test_a_stalled_body_gets_408(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /api/scenarios/evaluate HTTP/1.1\r\nHost: x\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"base":'
        )
        data, waited = _read_all(sock, 5)
    assert b" 408 " in data.split(b"\r\n", 1)[0], data[:80]
    assert b"\r\nconnection: close\r\n" in data.lower(), data[:400]
    assert waited < 5


def test_an_idle_connection_is_closed(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        data, waited = _read_all(sock, 10)
    assert data == b"" and waited < 5


def test_120_trickling_connections_are_all_closed(server: str) -> None:
    """The issue's load run left 120 trickling connections open after 30 s."""
    port = int(server.rsplit(":", 1)[1])
    socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(120)]
    try:
        for s in socks:
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:  # keep trickling past the header deadline
            for s in socks:
                with contextlib.suppress(ConnectionError):  # closed already: fine
                    s.sendall(b"X")
            time.sleep(0.1)
        answered = 0
        for s in socks:
            try:
                data, _ = _read_all(s, 5)  # a TimeoutError here: the server kept it open
            except ConnectionResetError:
                data = b""
            answered += data.startswith(b"HTTP/1.1 408")
            assert data == b"" or data.startswith(b"HTTP/1.1 408"), data[:80]
        assert answered > 0
        assert httpx.get(server + "/api/health", timeout=5).status_code == 200
    finally:
        for s in socks:
            s.close()
