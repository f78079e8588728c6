"""``analyze``: one document per year, and inversions across the record."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from electoral.analysis.report import analyze, inversions
from electoral.cli import app

runner = CliRunner()


@pytest.mark.parametrize("year", range(1976, 2025, 4))
def test_analyze_every_year_has_the_contract(year: int) -> None:
    d = analyze(year).to_dict()
    assert {
        "year",
        "tipping_point",
        "bias",
        "inversion",
        "national_margin",
        "banzhaf",
        "shapley_shubik",
        "min_winning_share",
    } <= set(d)
    assert {"state", "margin"} <= set(d["tipping_point"])
    assert abs(sum(d["banzhaf"].values()) - 1) < 1e-6
    assert abs(sum(d["shapley_shubik"].values()) - 1) < 1e-6
    assert 0 < d["min_winning_share"]["share"] < 0.5


def test_inversions_are_2000_and_2016() -> None:
    # 1976-2024: the electoral winner lost the national popular vote in 2000 (Bush; Gore
    # won it by 543,895 votes, FEC) and 2016 (Trump; Clinton by 2,868,686, FEC).
    rows = inversions()
    assert [r.year for r in rows if r.inversion] == [2000, 2016]
    assert len(rows) == 13
    frame = rows.to_frame()
    assert sorted(frame[frame.inversion].year.unique()) == [2000, 2016]


def test_analyze_cli_json_2020() -> None:
    r = runner.invoke(app, ["analyze", "2020", "--json"])
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["tipping_point"]["state"] == "WI" and d["inversion"] is False
    # Units of the 2020 game: 48 statewide units, DC, ME and NE at large, 5 districts.
    assert len(d["banzhaf"]) == 56


def test_paths_cli_2020() -> None:
    # Base 2020: Biden 249, Trump 232 outside PA 20, GA 16, AZ 11, WI 10.  Biden needs 21 of
    # the 57: every set but {}, {GA}, {AZ}, {WI} (Trump wins, <= 19 for Biden) and {PA}
    # (exactly 20: 269-269).  So 11 Biden, 4 Trump, 1 tie.
    r = runner.invoke(app, ["paths", "--base", "2020", "--tossup", "PA,GA,AZ,WI", "--json"])
    d = json.loads(r.stdout)
    assert d["combinations"] == 16
    assert d["wins"] == {"Joe Biden": 11, "Donald Trump": 4} and d["ties"] == 1
    assert ["AZ", "WI"] in d["smallest"] or ["WI", "AZ"] in d["smallest"]


def test_scenario_cli_errors_cleanly() -> None:
    r = runner.invoke(app, ["scenario", "--base", "2020", "--margin", "PA=abc"])
    assert r.exit_code == 2 and r.stderr.startswith("error:")
