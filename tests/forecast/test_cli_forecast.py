"""``electoral forecast`` and ``electoral backtest`` in process: the JSON contract, the
plot, reproducibility and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from electoral.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def doc_2016() -> tuple[str, str]:
    code, out, err = run("forecast", "--year", "2016", "--sims", "20000", "--seed", "7", "--json")
    assert code == 0, err
    return out, err


def test_forecast_json_contract(doc_2016: tuple[str, str]) -> None:
    d = json.loads(doc_2016[0])  # exactly one document on stdout
    assert (d["year"], d["as_of"], d["seed"], d["sims"]) == (2016, "2016-11-07", 7, 20000)
    dem, rep = "Hillary Clinton", "Donald Trump"
    assert set(d["win_probability"]) == {dem, rep}
    total = d["win_probability"][dem] + d["win_probability"][rep] + d["no_majority_probability"]
    assert total == pytest.approx(1.0, abs=1e-5)
    assert d["tie_probability"] <= d["no_majority_probability"]
    assert len(d["ev_distribution"][dem]) == 539
    assert d["ev_distribution"][rep][0] == d["ev_distribution"][dem][538]
    assert len(d["states"]) == 56
    assert set(d["states"]["PA"]) >= {"win_probability", "margin_mean"}
    assert sum(d["tipping_point"].values()) == pytest.approx(1.0, abs=1e-4)
    assert set(d["exact"]["win_probability"]) == {dem, rep}
    snake = d["snake"]
    assert snake[0]["state"] == "DC" and snake[-1]["dem_electors_through"] == 538
    # Monte Carlo within 4 standard errors of the exact answer
    p = d["exact"]["win_probability"][dem]
    assert abs(d["win_probability"][dem] - p) < 4 * (p * (1 - p) / 20000) ** 0.5


def test_same_seed_same_numbers(doc_2016: tuple[str, str]) -> None:
    code, out, _ = run("forecast", "--year", "2016", "--sims", "20000", "--seed", "7", "--json")
    assert code == 0 and out == doc_2016[0]
    code, out, _ = run("forecast", "--year", "2016", "--sims", "20000", "--seed", "8", "--json")
    assert (
        code == 0
        and json.loads(out)["ev_distribution"] != json.loads(doc_2016[0])["ev_distribution"]
    )


def test_forecast_table_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "ev.png"
    code, out, err = run(
        "forecast", "--year", "2020", "--sims", "5000", "--seed", "1", "--plot", str(png)
    )
    assert code == 0, err
    # 538's final 2020 polls end 2020-11-02 (SOURCES.md section 9): information to the eve.
    assert "Who wins" in out and "seed 1" in out and "information to 2020-11-02" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "plot written" in err


def test_forecast_from_a_poll_file_as_of_a_date(tmp_path: Path) -> None:
    polls = tmp_path / "polls.csv"
    polls.write_text(
        "poll_id,pollster,unit,start_date,end_date,sample_size,population,mode,dem,rep,"
        "dem_candidate,rep_candidate,source\n"
        "1,A,US,2016-10-01,2016-10-03,1000,lv,phone,46,42,Hillary Clinton,Donald Trump,t\n"
        "2,B,PA,2016-10-01,2016-10-04,800,lv,phone,47,43,Hillary Clinton,Donald Trump,t\n"
        "3,B,PA,2016-10-20,2016-10-22,800,lv,phone,40,50,Hillary Clinton,Donald Trump,t\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "forecast", "--year", "2016", "--polls", str(polls), "--as-of", "2016-10-10",
        "--sims", "2000", "--seed", "3", "--json",
    )  # fmt: skip
    assert code == 0, err
    d = json.loads(out)
    assert d["as_of"] == "2016-10-10" and d["polls"] == str(polls)
    assert d["prior"]["PA"]["n_polls"] == 1  # the poll that ended after --as-of is not used


def test_bad_as_of_is_a_clear_error() -> None:
    code, out, err = run("forecast", "--year", "2016", "--as-of", "Nov 7", "--sims", "10")
    assert code == 2 and out == "" and "--as-of" in err and "ISO date" in err


def test_backtest_json_beside_the_published() -> None:
    code, out, err = run("backtest", "2016", "--days", "0", "--json")
    assert code == 0, err
    d = json.loads(out)
    y = d["years"]["2016"]
    assert {"brier", "brier_ev_weighted", "log_loss", "called", "units"} <= set(y)
    assert y["units"] == 56 and d["training"] == "past"
    assert y["units_statewide"] == 51 and 0 <= y["brier_statewide"] <= 1
    assert set(d["coverage"]) == {"0"} and set(y["coverage"]["0"]) == {"50", "80", "90", "95"}
    names = {p["forecaster"] for p in d["published"]}
    assert names == {"538", "DK", "HuffPost", "NYT", "PEC", "PW"}
    assert all(0 <= p["brier"] <= 1 for p in d["published"])


def test_backtest_bad_days() -> None:
    code, _, err = run("backtest", "2016", "--days", "x")
    assert code == 2 and "--days" in err


def test_backtest_training_must_be_known() -> None:
    code, _, err = run("backtest", "2016", "--training", "future")
    assert code == 2 and "--training" in err


@pytest.mark.slow
def test_daily_series_contract() -> None:
    """Every day from June 1 to Election Day, in the shape the web chart reads."""
    code, out, err = run("forecast", "--year", "2012", "--daily", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["year"] == 2012 and d["candidates"] == ["Barack Obama", "Mitt Romney"]
    days = [p["date"] for p in d["series"]]
    assert days[0] == "2012-06-01" and days[-1] == "2012-11-06" and len(days) == 159
    for p in d["series"]:
        assert set(p) == {"date", "win", "ev_mean", "ev_lo", "ev_hi"}
        obama = "Barack Obama"
        assert p["ev_lo"][obama] <= p["ev_mean"][obama] <= p["ev_hi"][obama]
        assert sum(p["win"].values()) <= 1 + 1e-9
