"""Backtest: the model as of fixed days before each election, scored against the returns.

For each year ``Y`` and each ``days_before`` the model is fitted as of ``Election Day -
days_before`` (0: the eve, polls that ended before Election Day) with ``training="past"``:
everything learned from results -- swing factors, district offsets, fundamentals, the shared
polling error -- comes from elections before ``Y``, and everything learned from polls from
``Y``'s polls that ended before that date (a forecast as it could have been made then).
Leave-one-year-out (``training="loyo"``) is kept only as a labelled diagnostic.  Every unit's
win probability is scored against the recorded winner:

- Brier score over every unit with a result, over the 50 states and DC alone
  (``brier_statewide``), and weighted by electors: ``mean (p - o)^2``;
- log loss: ``-mean(o log p + (1 - o) log(1 - p))``, ``p`` clipped to [1e-6, 1 - 1e-6];
- units called correctly (``p > 0.5`` and won, ``p < 0.5`` and lost; 0.5 is a miss);
- calibration by probability bin, pooled over the scored years;
- coverage: the share of units whose two-party margin fell inside the model's central
  50/80/90/95% interval, per horizon and pooled over the years.

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
from electoral.forecast._blas import single_threaded
from electoral.forecast.core import election_day
from electoral.forecast.errors_model import History, history
from electoral.forecast.exact import exact_distribution
from electoral.forecast.forecaster import ForecastModel, unit_interval
from electoral.forecast.inputs import Inputs, packaged

YEARS = (2008, 2012, 2016, 2020)
DAYS_BEFORE = (0, 7, 30, 90, 150)
LEVELS = (0.5, 0.8, 0.9, 0.95)
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
    statewide: Score
    inside: dict[str, tuple[int, int]]  # level -> (units inside the interval, units)
    expected_ev: float

    @property
    def coverage(self) -> dict[str, float]:
        return {k: round(i / n, 4) for k, (i, n) in self.inside.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "brier_statewide": round(self.statewide.brier, 5),
            "units_statewide": self.statewide.units,
            "coverage": self.coverage,
            "expected_electoral_votes": round(self.expected_ev, 2),
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
    training: str = "past"

    def eve(self, year: int) -> Run:
        return next(r for r in self.runs if r.year == year and r.days_before == 0)

    def to_dict(self) -> dict[str, Any]:
        years: dict[str, Any] = {}
        for r in self.runs:
            entry = years.setdefault(str(r.year), {"by_days_before": {}, "coverage": {}})
            if r.days_before == min(x.days_before for x in self.runs):
                entry.update({k: v for k, v in r.to_dict().items() if k != "coverage"})
            entry["by_days_before"][str(r.days_before)] = r.to_dict()
            entry["coverage"][str(r.days_before)] = r.coverage
        return {
            "years": years,
            "coverage": self.coverage(),
            "published": list(self.published),
            "calibration": self.calibration,
            "training": self.training,
            "parameters": self.parameters,
        }

    def coverage(self) -> dict[str, dict[str, float]]:
        """Share of units inside each central interval, by horizon, pooled over years."""
        out: dict[str, dict[str, float]] = {}
        for days in sorted({r.days_before for r in self.runs}):
            runs = [r for r in self.runs if r.days_before == days]
            out[str(days)] = {
                k: round(sum(r.inside[k][0] for r in runs) / sum(r.inside[k][1] for r in runs), 4)
                for k in runs[0].inside
            }
        return out


def _statewide(prob: Mapping[str, float]) -> dict[str, float]:
    return {u: p for u, p in prob.items() if "-" not in u}


def _run(
    year: int,
    days: int,
    model: ForecastModel,
    inputs: Inputs,
    outcome: dict[str, bool],
) -> Run:
    as_of = election_day(year) - dt.timedelta(days=max(days, 1))
    fitted = model.fit(polls(year), year=year, as_of=as_of, inputs=inputs)
    exact = exact_distribution(fitted.model_)
    prob = {str(u): float(p) for u, p in fitted.table_.dem_probability.items()}
    weights = {str(u): int(e) for u, e in fitted.table_.electors.items()}
    tally = data.recorded_outcome(year)["president"][0]
    notes = list(fitted.notes_)
    missing = sorted(u for u in prob if u not in outcome)
    if missing:
        notes.append(f"not scored (no recorded district winner): {', '.join(missing)}")
    m = fitted.model_
    has = np.array([u in outcome for u in m.units])
    row = inputs.hist.margins.loc[year].to_numpy(dtype=float)
    known = dict(zip((str(c) for c in inputs.hist.margins.columns), row, strict=True))
    real = np.array([known.get(u, np.nan) for u in m.units])
    inside: dict[str, tuple[int, int]] = {}
    for level in LEVELS:
        lo, hi = unit_interval(m, level)
        ok = has & np.isfinite(real)
        inside[str(round(level * 100))] = (
            int(((real >= lo) & (real <= hi))[ok].sum()),
            int(ok.sum()),
        )
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
        statewide=score(_statewide(prob), outcome, weights),
        inside=inside,
        expected_ev=exact.expected_electoral_votes[m.dem],
    )


@single_threaded
def backtest(
    years: Sequence[int] = YEARS,
    days_before: Sequence[int] = DAYS_BEFORE,
    *,
    model: ForecastModel | None = None,
    inputs: Inputs | None = None,
    training: str = "past",
) -> BacktestResult:
    """Run and score the model for each year and days before Election Day (0: the eve).

    ``model`` supplies the parameters; ``training`` is ``"past"`` (the reported backtest:
    only earlier elections) or ``"loyo"`` (leave-one-year-out, a diagnostic).
    """
    if training not in ("past", "loyo"):
        raise ValueError(f"training must be 'past' or 'loyo', not {training!r}")
    base = model or ForecastModel()
    params = {**base.get_params(), "training": training}
    inp = inputs or packaged()
    h = inp.hist
    runs: list[Run] = []
    published: list[dict[str, Any]] = []
    for year in years:
        outcome = outcomes(year, h)
        for days in days_before:
            runs.append(_run(year, days, ForecastModel(**params), inp, outcome))
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
                    "brier_statewide": round(score(_statewide(theirs), outcome, weights).brier, 5),
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
    return BacktestResult(tuple(runs), tuple(published), calibration(pairs), params, training)


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
