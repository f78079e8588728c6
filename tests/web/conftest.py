"""Fixtures for the web tests: an API client, and a live server with a headless Chromium.

The browser is Debian's ``/usr/bin/chromium`` (installed by ``.ci/run``), never one that
Playwright downloads.  Without it the browser tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from electoral.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The app over a fresh SQLite store, in process."""
    with TestClient(create_app(str(tmp_path / "store.db"))) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``electoral serve``'s app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    db = tmp_path_factory.mktemp("web") / "store.db"
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(str(db)), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (one for the whole session)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def watched_page(
    browser: Any, *, console: bool = True, expected: str | None = None, **options: Any
) -> Iterator[Any]:
    """A page in a new browser context made with ``options``; on leaving, a JavaScript error
    (and, with ``console``, a console error other than one containing ``expected``) raised
    while it was open fails the test."""
    ctx = browser.new_context(**options)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))

    def on_console(m: Any) -> None:
        if m.type == "error" and not (expected and expected in m.text):
            errors.append(m.text)

    if console:
        pg.on("console", on_console)
    yield pg
    ctx.close()
    assert not errors, errors


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh desktop-sized page; JavaScript errors fail the test."""
    with watched_page(
        browser, viewport={"width": 1280, "height": 900}, accept_downloads=True
    ) as pg:
        yield pg


def shot(pg: Any, name: str) -> Path:
    """Save a full-page screenshot to ``artifacts/`` (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
