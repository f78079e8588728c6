"""Fixtures shared by the CLI, bad-input and store tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Official 2020 returns (state certificates) for three states, Maine with its districts.
# Names are spelled as different sources spell them; line 4 is blank, so the data lines are
# 2, 3, 5, 6, ... 12 -- a test that finds line numbers renumbered would notice.
GOOD_CSV = """\
state,candidate,party,votes
PA,"BIDEN, JOSEPH R. JR",DEM,3458229
PA,Donald J. Trump,REP,3377674

ME,Joe Biden,DEM,435072
ME,Donald Trump,REP,360737
ME-1,Joe Biden,DEM,266376
ME-1,Donald Trump,REP,164045
ME-2,Joe Biden,DEM,168696
ME-2,"TRUMP, DONALD J.",REP,196692
TX,Donald Trump,REP,5890347
TX,Joe Biden,DEM,5259126
"""
GOOD_LINES = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]
GOOD_YEAR = 2020  # PA 20, ME 2+1+1, TX 38: Biden 20+2+1 = 23, Trump 38+1 = 39


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write(text_or_bytes, name="returns.csv")`` -> the path of a new file in tmp_path."""

    def _write(content: str | bytes, name: str = "returns.csv") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def good_csv(write: Callable[..., Path]) -> Path:
    return write(GOOD_CSV, "good.csv")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests start Chromium and a server: they are slow too, so that
    ``pytest -m "not slow"`` (the quick loop) leaves them out and ``make test`` runs them."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.slow)
