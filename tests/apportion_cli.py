"""Run `electoral apportion` in process (shared by the apportion CLI tests)."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from electoral.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``electoral apportion ARGS``."""
    r = runner.invoke(app, ["apportion", *args])
    return r.exit_code, r.stdout, r.stderr


def run_json(*args: str) -> dict[str, Any]:
    """The one JSON document of ``electoral apportion ARGS --json`` (exit 0, no stderr)."""
    code, out, err = run(*args, "--json")
    assert code == 0 and err == "", err
    doc: dict[str, Any] = json.loads(out)  # exactly one JSON document
    return doc
