"""The optional extras: without one, the command that needs it says which extra to install
(one line, exit 2) and the core commands still work.

Each case runs the CLI in a fresh interpreter where the extra's package cannot be imported
(``sys.modules[name] = None`` makes ``import name`` fail as if it were not installed).  Each
starts an interpreter (2-3 s), so all but one case and the core check are marked slow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def run_without(blocked: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "from electoral.cli import main\n"
        f"sys.argv = ['electoral', *{list(argv)!r}]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("blocked", "argv", "extra"),
    [
        (["fastapi"], ["serve"], "web"),
        pytest.param(["uvicorn"], ["serve"], "web", marks=pytest.mark.slow),
        pytest.param(["sqlalchemy"], ["imports"], "store", marks=pytest.mark.slow),
        pytest.param(
            ["matplotlib"],
            ["forecast", "--year", "2020", "--sims", "10", "--plot", "x.png"],
            "plot",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            ["distributed"],
            ["forecast", "--year", "2020", "--sims", "10", "--dask", "local"],
            "dask",
            marks=pytest.mark.slow,
        ),
    ],
)
def test_a_missing_extra_is_named(blocked: list[str], argv: list[str], extra: str) -> None:
    r = run_without(blocked, *argv)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    assert f"pip install 'electoral[{extra}]'" in lines[0]
    assert blocked[0] in lines[0]


@pytest.mark.slow
def test_the_core_needs_no_extra() -> None:
    blocked = ["fastapi", "uvicorn", "sqlalchemy", "matplotlib", "distributed", "dask"]
    r = run_without(blocked, "election", "2020", "--json")
    assert r.returncode == 0, r.stderr
    # 2020: Biden 306, Trump 232 (Congressional Record, Jan. 6-7, 2021)
    assert '"Joe Biden": 306' in r.stdout
