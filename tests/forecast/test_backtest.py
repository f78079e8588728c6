"""Backtest scores on hand-made inputs, and one real run."""

from __future__ import annotations

import math

import pytest

from electoral.forecast.evaluation import backtest, calibration, outcomes, score, table

ELECTORS = {"A": 10, "B": 5, "C": 1, "D": 4}
WON = {"A": True, "B": False, "C": True, "D": False}


def test_perfect_forecasts_score_zero() -> None:
    s = score({"A": 1.0, "B": 0.0, "C": 1.0, "D": 0.0}, WON, ELECTORS)
    assert s.brier == s.brier_ev_weighted == 0.0
    assert s.log_loss == pytest.approx(1e-6, rel=1e-3)  # probabilities clipped to 1e-6
    assert s.called == s.units == 4


def test_coin_flips_score_a_quarter_and_log_two() -> None:
    s = score(dict.fromkeys(WON, 0.5), WON, ELECTORS)
    assert s.brier == s.brier_ev_weighted == 0.25
    assert s.log_loss == pytest.approx(math.log(2))
    assert s.called == 0  # 0.5 calls nothing


def test_weights_and_calls_by_hand() -> None:
    """A: 0.9 (won) -> 0.01; B: 0.3 (lost) -> 0.09; C: 0.4 (won) -> 0.36 (miscalled);
    D: 0.2 (lost) -> 0.04.  Unweighted 0.5 / 4; weighted by electors
    (0.1 + 0.45 + 0.36 + 0.16) / 20."""
    s = score({"A": 0.9, "B": 0.3, "C": 0.4, "D": 0.2}, WON, ELECTORS)
    assert s.brier == pytest.approx(0.125)
    assert s.brier_ev_weighted == pytest.approx(1.07 / 20)
    want = -(math.log(0.9) + math.log(0.7) + math.log(0.4) + math.log(0.8)) / 4
    assert s.log_loss == pytest.approx(want)
    assert s.called == 3


def test_units_without_an_outcome_are_not_scored() -> None:
    s = score({"A": 1.0, "X": 0.5}, WON, ELECTORS | {"X": 3})
    assert s.units == 1 and s.brier == 0.0
    with pytest.raises(ValueError):
        score({"X": 0.5}, WON, ELECTORS)


def test_calibration_bins() -> None:
    pairs = [(0.01, False), (0.03, False), (0.5, True), (0.55, False), (0.97, True), (1.0, True)]
    bins = calibration(pairs, bins=(0.0, 0.1, 0.9, 1.0))
    assert [b["n"] for b in bins] == [2, 2, 2]
    assert bins[1]["mean_forecast"] == pytest.approx(0.525) and bins[1]["observed"] == 0.5
    assert bins[2]["observed"] == 1.0  # the last bin includes 1.0


def test_outcomes_from_the_returns() -> None:
    o2016 = outcomes(2016)
    assert o2016["PA"] is False and o2016["VA"] is True and o2016["ME-2"] is False
    assert "NE-2" not in outcomes(2008)  # no packaged district returns before 2016


def test_one_year_eve_run() -> None:
    r = backtest(years=(2008,), days_before=(0,))
    d = r.to_dict()
    y = d["years"]["2008"]
    assert {"brier", "brier_ev_weighted", "log_loss", "called", "units"} <= set(y)
    assert y["units"] == 51  # ME and NE districts have no recorded 2008 winner here
    assert d["training"] == "past" and d["parameters"]["training"] == "past"
    assert y["brier_statewide"] == y["brier"]  # 2008: every scored unit is statewide
    assert set(y["coverage"]) == {"0"} and set(y["coverage"]["0"]) == {"50", "80", "90", "95"}
    cov = d["coverage"]["0"]
    assert 0 <= cov["50"] <= cov["80"] <= cov["90"] <= cov["95"] <= 1
    assert r.eve(2008).winner == "Barack Obama"
    assert 0 <= y["brier"] < 0.25 and y["as_of"] == "2008-11-03"
    assert any("not scored" in n for n in y["notes"])
    assert list(table(r).source) == ["electoral, eve"]
    assert sum(b["n"] for b in d["calibration"]) == 51
