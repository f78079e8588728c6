"""Reading a user's election-night series: the long format, bad input, corrections."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from electoral.cli import app
from electoral.confirmation import report
from electoral.confirmation.series import parse_series, read_series
from electoral.errors import DataError

# Counts shaped like Pennsylvania's on 2020-11-06/07 (rounded, not the record), written the way
# a newsroom might: two time zones, two spellings of one candidate, an empty eevp.
GOOD = """\
state,timestamp,candidate,votes,total_votes,eevp_pct
PA,2020-11-06T09:00:00-05:00,Joe Biden,3295000,6666000,95
PA,2020-11-06T09:00:00-05:00,"TRUMP, DONALD J.",3290000,6666000,95
PA,2020-11-07T16:00:00Z,Joe Biden,3345000,6740000,
PA,2020-11-07T16:00:00Z,Donald Trump,3311000,6740000,
"""


def test_long_format_two_zones_and_spellings() -> None:
    s = parse_series(GOOD, "good.csv", 2020)
    assert (s.first, s.second) == ("Joe Biden", "Donald Trump")  # DEM first (returns.csv)
    assert s.units == ("PA",)
    assert list(s.t) == [1604671200, 1604764800]  # 14:00Z on Nov 6, 16:00Z on Nov 7
    assert list(s.a) == [3295000, 3345000] and list(s.b) == [3290000, 3311000]
    assert s.eevp[0] == 95 and s.eevp[1] != s.eevp[1]  # NaN where not published
    assert s.corrections == {}


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("PA,2020-11-07T17:00:00Z,Joe Biden,-5,,", 6, "votes"),
        ("XX,2020-11-07T17:00:00Z,Joe Biden,5,,", 6, "state"),
        ("PA,2020-11-07T17:00:00,Joe Biden,5,,", 6, "timestamp"),
        ("PA,7 November at noon Z,Joe Biden,5,,", 6, "timestamp"),
        ("PA,2020-13-07T17:00:00Z,Joe Biden,5,,", 6, "timestamp"),
        ("PA,2020-11-07T17:00:00Z,Joe Biden,5,,120", 6, "eevp_pct"),
    ],
)
def test_bad_rows_name_file_line_field(
    write: Callable[..., Path], runner: CliRunner, row: str, line: int, field: str
) -> None:
    path = write(GOOD + row + "\n", "bad.csv")
    with pytest.raises(DataError) as exc:
        read_series(path, 2020)
    assert (exc.value.line, exc.value.field) == (line, field)
    assert exc.value.file == str(path)
    res = runner.invoke(app, ["night", "2020", "--series", str(path), "--json"])
    assert res.exit_code == 2
    assert f"{path}, line {line}, field '{field}'" in res.stderr
    assert "Traceback" not in res.output


BAD_STAMPS = pytest.mark.parametrize(
    ("stamp", "says"),
    [
        ("yesterday", "not an ISO-8601 date and time"),
        ("2020-11-07T17:00:00", "no time zone"),
    ],
)


@BAD_STAMPS
def test_a_timestamp_that_does_not_parse_is_not_called_zoneless(
    write: Callable[..., Path], stamp: str, says: str
) -> None:
    path = write(GOOD + f"PA,{stamp},Joe Biden,5,,\n", "bad.csv")
    with pytest.raises(DataError) as exc:
        read_series(path, 2020)
    assert exc.value.field == "timestamp" and says in str(exc.value)


@BAD_STAMPS
def test_at_is_read_like_the_series_timestamps(stamp: str, says: str) -> None:
    with pytest.raises(DataError) as exc:
        report.parse_time(stamp)
    assert exc.value.field == "at" and says in str(exc.value)


def test_missing_column_and_at_without_zone(write: Callable[..., Path], runner: CliRunner) -> None:
    path = write("state,timestamp,candidate\nPA,2020-11-07T17:00:00Z,Joe Biden\n", "short.csv")
    with pytest.raises(DataError) as exc:
        read_series(path)
    assert (exc.value.line, exc.value.field) == (1, "votes")
    good = write(GOOD, "good.csv")
    res = runner.invoke(app, ["night", "2020", "--series", str(good), "--at", "2020-11-07 12:00"])
    assert res.exit_code == 2 and "field 'at'" in res.stderr


def test_a_count_that_goes_down_is_a_correction_not_an_error(
    write: Callable[..., Path], runner: CliRunner
) -> None:
    # In 2024 one state's count dropped by 164,000 for twelve minutes (issue 9): the feed
    # corrects itself; the latest value is used and the correction reported.
    rows = (
        "PA,2020-11-07T16:10:00Z,Joe Biden,3181000,6576000,\n"
        "PA,2020-11-07T16:10:00Z,Donald Trump,3311000,6576000,\n"
        "PA,2020-11-07T16:22:00Z,Joe Biden,3345000,6740000,\n"
        "PA,2020-11-07T16:22:00Z,Donald Trump,3311000,6740000,\n"
    )
    path = write(GOOD + rows, "drop.csv")
    s = read_series(path, 2020)
    assert s.corrections["PA"].count == 1
    assert s.corrections["PA"].largest_drop == 6740000 - 6576000  # 164,000
    assert s.a[-1] == 3345000  # the latest value
    res = runner.invoke(app, ["night", "2020", "--series", str(path), "--json"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["corrections"]["PA"] == {"count": 1, "largest_drop": 164000}


def test_a_2024_night_with_a_district(write: Callable[..., Path], runner: CliRunner) -> None:
    # A newsroom's own 2024 file: Harris is the Democrat (returns.csv 2024), so she comes
    # first in the margin; the prior is the 2020 returns; NE-2 is a unit of its own.
    text = (
        "state,timestamp,candidate,votes,total_votes\n"
        "NE-2,2024-11-06T03:00:00Z,Donald Trump,90000,182000\n"
        "NE-2,2024-11-06T03:00:00Z,Kamala Harris,90000,182000\n"
        "NE-2,2024-11-06T05:00:00Z,Donald Trump,140000,290000\n"
        "NE-2,2024-11-06T05:00:00Z,Kamala Harris,147000,290000\n"
    )
    path = write(text, "ne2.csv")
    s = read_series(path, 2024)
    assert (s.first, s.second) == ("Kamala Harris", "Donald Trump")
    res = runner.invoke(app, ["night", "2024", "--series", str(path), "--json"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["candidates"] == ["Kamala Harris", "Donald Trump"]
    assert "2020 returns" in doc["prior"]
    ne2 = doc["states"]["NE-2"]
    assert ne2["votes"] == {"Kamala Harris": 147000, "Donald Trump": 140000}
    assert 0 < ne2["win_probability"]["Kamala Harris"] < 1
