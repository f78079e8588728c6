"""Backtest: the model as of fixed days before each election, scored against the returns.

For each year and each ``days_before`` the packaged polls are averaged as of
``Election Day - days_before`` (0: the eve, polls that ended before Election Day), the model
is fitted leave-one-year-out (its error structure never sees the scored year's returns) and
every unit's win probability is scored against the recorded winner:

- Brier score, unweighted and weighted by electors: ``mean (p - o)^2``;
- log loss: ``-mean(o log p + (1 - o) log(1 - p))``, ``p`` clipped to [1e-6, 1 - 1e-6];
- units called correctly (``p > 0.5`` and won, ``p < 0.5`` and lost; 0.5 is a miss);
- calibration by probability bin, pooled over the scored years.

The published forecasts packaged with the polls (2016: NYT Upshot, FiveThirtyEight,
HuffPost, PredictWise, Princeton Election Consortium, Daily Kos; 2020: FiveThirtyEight) are
scored the same way on their own units, beside this model on exactly those units.  Units
whose winner the packaged returns do not give (Maine's and Nebraska's districts before
2016) are left out of every score.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from electoral import data
from electoral.data.polls import polls, published_forecasts
from electoral.errors import RuleError
from electoral.forecast.average import poll_average
from electoral.forecast.errors_model import History, history
from electoral.forecast.exact import exact_distribution
from electoral.forecast.forecaster import ForecastModel
from electoral.rules.calendar import calendar

YEARS = (2008, 2012, 2016, 2020)
DAYS_BEFORE = (0, 7, 30, 90)
BINS = (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0)


@dataclass(frozen=True)
class Score:
    """Scores of state win probabilities against outcomes (``units`` scored)."""

    units: int
    brier: float
    brier_ev_weighted: float
    log_loss: float
    called: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "brier": round(self.brier, 5),
            "brier_ev_weighted": round(self.brier_ev_weighted, 5),
            "log_loss": round(self.log_loss, 5),
            "called": self.called,
            "units": self.units,
        }


def score(
    prob: Mapping[str, float], outcome: Mapping[str, bool], electors: Mapping[str, int]
) -> Score:
    """Score ``prob`` (P(Democrat carries the unit)) on the units that have an outcome."""
    units = [u for u in prob if u in outcome]
    if not units:
        raise ValueError("no unit has both a probability and an outcome")
    p = np.array([prob[u] for u in units], dtype=float)
    o = np.array([float(outcome[u]) for u in units])
    e = np.array([electors[u] for u in units], dtype=float)
    sq = (p - o) ** 2
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return Score(
        units=len(units),
        brier=float(sq.mean()),
        brier_ev_weighted=float((sq * e).sum() / e.sum()),
        log_loss=float(-(o * np.log(q) + (1 - o) * np.log(1 - q)).mean()),
        called=int((((p > 0.5) & (o == 1)) | ((p < 0.5) & (o == 0))).sum()),
    )


def calibration(
    pairs: Sequence[tuple[float, bool]], bins: Sequence[float] = BINS
) -> list[dict[str, Any]]:
    """Forecasts pooled into probability bins: count, mean forecast, observed frequency."""
    p = np.array([x for x, _ in pairs], dtype=float)
    o = np.array([float(y) for _, y in pairs])
    out = []
    for i, (lo, hi) in enumerate(itertools.pairwise(bins)):
        last = i == len(bins) - 2
        inside = (p >= lo) & ((p <= hi) if last else (p < hi))
        n = int(inside.sum())
        out.append(
            {
                "bin": f"{lo:.2f}-{hi:.2f}",
                "n": n,
                "mean_forecast": round(float(p[inside].mean()), 4) if n else None,
                "observed": round(float(o[inside].mean()), 4) if n else None,
            }
        )
    return out


def outcomes(year: int, hist: History | None = None) -> dict[str, bool]:
    """Whether the Democrat carried each unit with a recorded margin in ``year``."""
    h = history() if hist is None else hist
    row = h.margins.loc[year].dropna()
    return {str(u): bool(m > 0) for u, m in row.items()}


@dataclass(frozen=True)
class Run:
    """One forecast of the backtest and its scores."""

    year: int
    days_before: int
    as_of: dt.date
    effective_as_of: dt.date
    score: Score
    win_probability: dict[str, float]
    winner: str
    probability: dict[str, float]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "as_of": self.as_of.isoformat(),
            "effective_as_of": self.effective_as_of.isoformat(),
            "win_probability": {k: round(v, 4) for k, v in self.win_probability.items()},
            "winner": self.winner,
            "winner_probability": round(self.win_probability.get(self.winner, math.nan), 4),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class BacktestResult:
    """Every run, the published forecasts scored alike, and the pooled calibration."""

    runs: tuple[Run, ...]
    published: tuple[dict[str, Any], ...]
    calibration: list[dict[str, Any]]
    parameters: dict[str, Any] = field(default_factory=dict)

    def eve(self, year: int) -> Run:
        return next(r for r in self.runs if r.year == year and r.days_before == 0)

    def to_dict(self) -> dict[str, Any]:
        years: dict[str, Any] = {}
        for r in self.runs:
            entry = years.setdefault(str(r.year), {"by_days_before": {}})
            if r.days_before == 0:
                entry.update(r.to_dict())
            entry["by_days_before"][str(r.days_before)] = r.to_dict()
        return {
            "years": years,
            "published": list(self.published),
            "calibration": self.calibration,
            "training": "leave-one-year-out",
            "parameters": self.parameters,
        }


def _run(
    year: int, days: int, model: ForecastModel, hist: History, outcome: dict[str, bool]
) -> Run:
    eday = calendar(year).election_day.date
    assert eday is not None
    as_of = eday - dt.timedelta(days=max(days, 1))
    avg = poll_average(polls(year), year=year, as_of=as_of)
    fitted = model.fit(avg, hist=hist)
    exact = exact_distribution(fitted.model_)
    prob = {str(u): float(p) for u, p in fitted.table_.dem_probability.items()}
    weights = {str(u): int(e) for u, e in fitted.table_.electors.items()}
    tally = data.recorded_outcome(year)["president"][0]
    notes = list(fitted.notes_)
    missing = sorted(u for u in prob if u not in outcome)
    if missing:
        notes.append(f"not scored (no recorded district winner): {', '.join(missing)}")
    return Run(
        year=year,
        days_before=days,
        as_of=as_of,
        effective_as_of=fitted.effective_as_of_,
        score=score(prob, outcome, weights),
        win_probability=exact.win_probability,
        winner=tally,
        probability=prob,
        notes=tuple(notes),
    )


def backtest(
    years: Sequence[int] = YEARS,
    days_before: Sequence[int] = DAYS_BEFORE,
    *,
    model: ForecastModel | None = None,
    hist: History | None = None,
) -> BacktestResult:
    """Run and score the model for each year and days before Election Day (0: the eve).

    ``model`` supplies the parameters (its ``training`` is forced to leave-one-year-out).
    """
    base = model or ForecastModel()
    params = {**base.get_params(), "training": "loyo"}
    h = history() if hist is None else hist
    runs: list[Run] = []
    published: list[dict[str, Any]] = []
    for year in years:
        outcome = outcomes(year, h)
        for days in days_before:
            runs.append(_run(year, days, ForecastModel(**params), h, outcome))
        eve = next(r for r in runs if r.year == year and r.days_before == min(days_before))
        try:
            table = published_forecasts(year)
        except RuleError:
            continue
        weights = {u: 1 for u in eve.probability} | {
            u: n for u, n in data.electors(year).items() if u in eve.probability
        }
        weights.update({u: 2 for u in ("ME", "NE") if f"{u}-1" in eve.probability})
        for name, rows in table.groupby("forecaster", sort=True):
            theirs = {
                str(u): float(p) for u, p in zip(rows.unit, rows.dem_probability, strict=True)
            }
            theirs = {u: p for u, p in theirs.items() if u in eve.probability}
            ours = {u: eve.probability[u] for u in theirs}
            published.append(
                {
                    "year": year,
                    "forecaster": str(name),
                    **score(theirs, outcome, weights).to_dict(),
                    "ours_on_same_units": score(ours, outcome, weights).to_dict(),
                }
            )
    pairs = [
        (r.probability[u], outcome_u)
        for r in runs
        if r.days_before == min(days_before)
        for u, outcome_u in outcomes(r.year, h).items()
        if u in r.probability
    ]
    return BacktestResult(tuple(runs), tuple(published), calibration(pairs), params)


def table(result: BacktestResult) -> pd.DataFrame:
    """One row per year and source (this model at each days-before, then the published)."""
    rows: list[dict[str, Any]] = []
    for r in result.runs:
        rows.append(
            {
                "year": r.year,
                "source": f"electoral, {r.days_before}d" if r.days_before else "electoral, eve",
                "as_of": r.effective_as_of.isoformat(),
                **r.score.to_dict(),
                "winner_p": round(r.win_probability.get(r.winner, math.nan), 3),
            }
        )
    for p in result.published:
        rows.append(
            {
                "year": p["year"],
                "source": p["forecaster"],
                "as_of": "",
                **{k: p[k] for k in ("brier", "brier_ev_weighted", "log_loss", "called", "units")},
                "winner_p": math.nan,
            }
        )
    return pd.DataFrame(rows)
