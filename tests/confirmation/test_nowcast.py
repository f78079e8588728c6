"""The election-night nowcast on the packaged 2020 series, against the record.

Oracles: the certified 2020 winners (state certificates, as packaged in returns.csv: Biden
carried AZ, GA, MI, NV, PA, WI; Trump NC) and AP's call of the presidency at 11:25 a.m. ET on
2020-11-07 = 16:25 UTC (SOURCES.md section 8, media_calls.csv, two sources).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from electoral import data
from electoral.cli import app
from electoral.confirmation import report
from electoral.confirmation.night_scoring import backtest
from electoral.confirmation.series import packaged_series

AP_PRESIDENCY = "2020-11-07T16:25:00Z"  # AP, 11:25 a.m. EST (SOURCES.md section 8)
CERTIFIED_2020 = {  # certified winners (state certificates of ascertainment)
    "AZ": "Joe Biden",
    "GA": "Joe Biden",
    "MI": "Joe Biden",
    "NV": "Joe Biden",
    "PA": "Joe Biden",
    "WI": "Joe Biden",
    "NC": "Donald Trump",
    "FL": "Donald Trump",
    "OH": "Donald Trump",
    "TX": "Donald Trump",
}


@pytest.fixture(scope="module")
def scored() -> dict[str, object]:
    return backtest(report.run(2020), 2020).to_dict()


def test_no_wrong_call_and_the_presidency_by_ap(scored: dict[str, object]) -> None:
    units = scored["units"]
    assert isinstance(units, dict)
    assert scored["wrong_calls"] == 0
    for st, winner in CERTIFIED_2020.items():
        assert units[st]["actual_winner"] == winner
        assert units[st]["model"]["winner"] in (None, winner)
    assert scored["presidency_winner"] == "Joe Biden"
    when = scored["presidency_called_at"]
    assert isinstance(when, str) and when <= AP_PRESIDENCY
    assert "DC" not in units  # no series for DC: never called


def test_no_wrong_call_without_eevp() -> None:
    d = backtest(report.run(2020, use_eevp=False), 2020).to_dict()
    assert d["use_eevp"] is False and d["wrong_calls"] == 0
    assert d["units_called"] >= 25  # still calls the clear states


def test_red_mirage_is_not_called_for_trump() -> None:
    # 2020-11-04 06:00 UTC (1 a.m. ET): Trump led the Pennsylvania count by about 12 points;
    # projecting the outstanding vote at the counted share calls PA for Trump -- wrongly.
    at = report.parse_time("2020-11-04T06:00:00Z")
    nc = report.run(2020, at=at)
    i = nc.latest(at)["PA"]
    s = nc.series
    counted = (s.a[i] - s.b[i]) / s.total[i]
    assert counted < -0.10  # the count: Trump ahead
    assert nc.call("PA") is None
    assert nc.p_first[i] > 0.005  # Biden's chance is not written off
    for use in (True, False):
        full = report.run(2020, use_eevp=use)
        call = full.call("PA")
        assert call is None or call[0] == "Joe Biden"


def _night_at(runner: CliRunner, year: str, path: Path, at: str) -> dict[str, Any]:
    """``night YEAR --series PATH --at AT --json``, less the series' file name (which differs
    between the whole file and the one with the future deleted)."""
    res = runner.invoke(app, ["night", year, "--series", str(path), "--at", at, "--json"])
    assert res.exit_code == 0, res.stderr
    doc: dict[str, Any] = json.loads(res.stdout)
    doc.pop("series")
    return doc


def test_deleting_the_future_changes_nothing(write: Callable[..., Path], runner: CliRunner) -> None:
    at = "2020-11-05T12:00:00Z"
    text = resources.files(data).joinpath("night_2020.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if ln.split(",")[1] <= at]
    assert len(kept) < len(lines) - 1000  # the future is really gone
    full = write(text, "full.csv")
    past = write("\n".join(kept) + "\n", "past.csv")
    docs = [_night_at(runner, "2020", path, at) for path in (full, past)]
    assert docs[0] == docs[1]
    assert docs[0]["states"]["PA"]["updated_at"] <= at


def test_rows_after_t_do_not_move_earlier_rows() -> None:
    s = packaged_series(2020)
    cut = int(np.median(s.t))
    whole = report.run(2020)
    part = report.run(2020, at=cut)
    keep = s.t <= cut
    assert np.array_equal(whole.mean[keep], part.mean)
    assert np.array_equal(whole.p_first[keep], part.p_first)


def test_the_hindsight_column_is_not_packaged() -> None:
    text = resources.files(data).joinpath("night_2020.csv").read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    assert "remaining" not in header
    assert header.strip().split(",")[:4] == ["state", "timestamp", "candidate", "votes"]


def test_backtest_cli_lists_ap_and_model_times(runner: CliRunner) -> None:
    res = runner.invoke(app, ["night", "2020", "--backtest", "--json"])
    assert res.exit_code == 0, res.stderr
    d = json.loads(res.stdout)
    assert d["units"]["PA"]["desks"]["AP"] == "2020-11-07T16:25:00Z"  # SOURCES.md section 8
    assert d["units"]["NV"]["desks"]["AP"] == "2020-11-07T17:13:00Z"
    assert d["units"]["PA"]["model"]["winner"] == "Joe Biden"
    seen = d["units"]["PA"]["model_at_ap_call"]
    assert seen["updated_at"] <= "2020-11-07T16:25:00Z" and seen["lo"] <= seen["hi"]
    assert d["wrong_calls"] == 0
    table = runner.invoke(app, ["night", "2020", "--state", "PA", "--at", "2020-11-04T06:00Z"])
    assert table.exit_code == 0 and "PA" in table.stdout


def test_unknown_year_says_so(runner: CliRunner) -> None:
    res = runner.invoke(app, ["night", "2016"])
    assert res.exit_code == 2 and "no packaged election-night series for 2016" in res.stderr


def test_plot_renders(tmp_path: Path, runner: CliRunner) -> None:
    png = tmp_path / "night.png"
    res = runner.invoke(app, ["night", "2020", "--backtest", "--plot", str(png)])
    assert res.exit_code == 0, res.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_candidate_order_does_not_see_rows_after_at(
    write: Callable[..., Path], runner: CliRunner
) -> None:
    # Two candidates of no known party and no party column: the first in the margin is the
    # one ahead in the rows known at --at, whoever leads later.
    head = "state,timestamp,candidate,votes\n"
    early = "OH,2024-11-06T02:00:00Z,Alma Early,6000\nOH,2024-11-06T02:00:00Z,Boris Late,4000\n"
    late = "OH,2024-11-06T06:00:00Z,Alma Early,9000\nOH,2024-11-06T06:00:00Z,Boris Late,20000\n"
    at = "2024-11-06T03:00:00Z"
    docs = [
        _night_at(runner, "2024", write(text, name), at)
        for name, text in (("full.csv", head + early + late), ("past.csv", head + early))
    ]
    assert docs[0] == docs[1]
    assert docs[0]["candidates"] == ["Alma Early", "Boris Late"]
