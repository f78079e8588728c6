"""The command line is one package: every group of commands in its own module, each command
defined at module level and registered on the one Typer app."""

from __future__ import annotations

import inspect
import subprocess
import sys
import tomllib
from pathlib import Path

import electoral.cli
from electoral.cli.app import app

ROOT = Path(__file__).resolve().parents[1]

#: The commands of each module, in the order ``electoral --help`` lists them.
GROUPS = {
    "records": ["tally", "election", "import", "imports", "apportion", "calendar"],
    "analysis": ["analyze", "inversions", "scenario", "paths"],
    "confirmation": ["timeline", "night"],
    "forecast": ["forecast", "backtest"],
    "serve": ["serve"],
}


def test_every_command_is_registered_once_from_its_group_module() -> None:
    names = [c.name for c in app.registered_commands]
    assert names == [n for group in GROUPS.values() for n in group]
    for c in app.registered_commands:
        module = c.callback.__module__  # type: ignore[union-attr]
        assert module == f"electoral.cli.{next(g for g, ns in GROUPS.items() if c.name in ns)}"


def test_commands_are_defined_at_module_level() -> None:
    for c in app.registered_commands:
        fn = c.callback
        assert fn is not None
        assert "<locals>" not in fn.__qualname__, fn.__qualname__
        assert getattr(sys.modules[fn.__module__], fn.__name__) is fn


def test_no_register_functions_remain() -> None:
    for group in GROUPS:
        module = sys.modules[f"electoral.cli.{group}"]
        assert not hasattr(module, "register"), group
    assert not list((ROOT / "src" / "electoral").glob("cli_*.py"))


def test_the_console_script_is_the_package_main() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["scripts"]["electoral"] == "electoral.cli:main"
    assert inspect.isfunction(electoral.cli.main)


def test_python_dash_m_electoral() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "electoral", "calendar", "2028", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    # 3 U.S.C. 1: Election Day is the Tuesday next after the first Monday in November;
    # in 2028 that is November 7.
    assert '"2028-11-07"' in r.stdout


def test_starting_the_command_line_loads_no_engine_it_does_not_need() -> None:
    """The tables import their result types for annotations only: ``electoral calendar``
    does not pay for the forecast, the analysis or the election-night models."""
    code = (
        "import sys, electoral.cli\n"
        "heavy = ('electoral.forecast', 'electoral.analysis', 'electoral.confirmation', 'scipy')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
