"""``electoral serve`` hands the app to uvicorn with the host, port and store asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from electoral.cli import app


def test_serve_runs_uvicorn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: seen.update(web=web, **kw))
    db = tmp_path / "web.db"
    r = CliRunner().invoke(app, ["serve", "--port", "8123", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["web"].state.store.url == f"sqlite:///{db}"
    assert "http://127.0.0.1:8123/" in r.output


def test_serve_bad_store_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    r = CliRunner().invoke(app, ["serve", "--db", "nosuchdriver://x"])
    assert r.exit_code == 2
    assert "cannot open the store" in r.output
