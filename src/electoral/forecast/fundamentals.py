"""A time-for-change prior on the national margin, fitted only on earlier elections.

Abramowitz's time-for-change model ("Forecasting the 2008 presidential election with the
time-for-change model", *PS: Political Science & Politics* 41(4), 2008, and its 1988
original) predicts the incumbent party's share of the two-party vote from the president's
net approval in late June, second-quarter GDP growth, and whether the party has held the
White House for only one term.  Here the target is the incumbent party's two-party margin
(a fraction), fitted by least squares on the elections from 1948 to the one before the
forecast year; the prior's sd is the regression's predictive sd (residual sd and the
coefficients' uncertainty).  A predictor outside the range of the years fitted on is held
at the edge of that range (no extrapolation).

Honest about time: a predictor is used only once it was published -- June approval from
July 1, the advance estimate of second-quarter GDP from August 1 (the Bureau of Economic
Analysis releases it in the last days of July) -- so a June forecast uses a model with
first-term status alone, refitted on the same earlier years.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from electoral.errors import RuleError

#: Columns of the table :func:`prior` reads (``electoral.data.fundamentals()``).
COLUMNS = (
    "year",
    "incumbent_party",
    "june_net_approval",
    "q2_gdp_growth",
    "first_term",
    "dem_two_party_margin",
)
#: Earliest election the regression uses (Abramowitz's series starts in 1948).
FIRST = 1948


@dataclass(frozen=True)
class Prior:
    """The fundamentals' forecast of the Democrat's national two-party margin."""

    year: int
    mean: float
    sd: float
    predictors: tuple[str, ...]
    fitted_on: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "mean": round(self.mean, 6),
            "sd": round(self.sd, 6),
            "predictors": list(self.predictors),
            "fitted_on": list(self.fitted_on),
        }


@cache
def table() -> pd.DataFrame:
    """The packaged fundamentals in :data:`COLUMNS` (``electoral.data.fundamentals()``)."""
    from electoral import data

    return normalise(data.fundamentals())


def normalise(raw: pd.DataFrame) -> pd.DataFrame:
    """The table in :data:`COLUMNS`, whatever the names of the packaged columns."""
    names = {
        "incumbent_party": ("incumbent_party", "inc_party", "incumbent"),
        "june_net_approval": ("june_net_approval", "juneapp", "june_approval", "net_approval"),
        "q2_gdp_growth": ("q2_gdp_growth", "q2gdp", "gdp_q2", "q2_gdp"),
        "first_term": ("first_term", "term1"),
        "dem_two_party_margin": ("dem_two_party_margin", "dem_margin", "dmargin"),
    }
    raw = raw.copy()
    if "outcome_dem_two_party" in raw.columns and "dem_two_party_margin" not in raw.columns:
        # the packaged table gives the Democrat's two-party share in percent
        raw["dem_two_party_margin"] = (2 * raw["outcome_dem_two_party"].astype(float) - 100) / 100
    out = pd.DataFrame({"year": pd.to_numeric(raw["year"]).astype(int)})
    for col, options in names.items():
        src = next((c for c in options if c in raw.columns), None)
        if src is None:
            raise RuleError(f"fundamentals lack a {col!r} column")
        out[col] = raw[src].to_numpy()
    if out.dem_two_party_margin.abs().max() > 1.5:  # percentage points
        out["dem_two_party_margin"] = out.dem_two_party_margin / 100
    party = out.incumbent_party.astype(str).str.upper().str[:1]
    out["incumbent_party"] = np.where(party == "D", "DEM", "REP")
    return out


def _available(year: int, as_of: dt.date) -> tuple[str, ...]:
    used = ["first_term"]
    if as_of >= dt.date(year, 7, 1):
        used.append("june_net_approval")
    if as_of >= dt.date(year, 8, 1):
        used.append("q2_gdp_growth")
    return tuple(used)


def prior(year: int, as_of: dt.date, frame: pd.DataFrame | None = None) -> Prior:
    """The time-for-change prior for ``year`` as of ``as_of``, fitted on earlier years."""
    t = table() if frame is None else frame
    return _prior(year, _available(year, as_of), _Frame(t))


@dataclass(frozen=True, eq=False)
class _Frame:
    """A table hashable by identity (for the cache of fits)."""

    frame: pd.DataFrame


@lru_cache(maxsize=256)
def _prior(year: int, use: tuple[str, ...], holder: _Frame) -> Prior:
    t = holder.frame
    row = t[t.year == year]
    if row.empty:
        raise RuleError(f"no fundamentals for {year}")
    cur = row.iloc[0]
    if any(not math.isfinite(float(cur[c])) for c in use):
        use = tuple(c for c in use if math.isfinite(float(cur[c])))
    past = t[(t.year >= FIRST) & (t.year < year)].dropna(subset=[*use, "dem_two_party_margin"])
    sign = np.where(past.incumbent_party == "DEM", 1.0, -1.0)
    y = past.dem_two_party_margin.to_numpy(float) * sign
    x = np.column_stack([np.ones(len(past)), *(past[c].to_numpy(float) for c in use)])
    if len(past) <= x.shape[1] + 1:
        raise RuleError(f"too few elections before {year} to fit the fundamentals")
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    s2 = float(resid @ resid) / (len(y) - x.shape[1])
    # no extrapolation: a predictor outside the range it was fitted on is held at the edge
    # (2020's second quarter, -32.9% annualised, lies far outside 1948-2016)
    x0 = np.array([1.0, *(float(np.clip(cur[c], past[c].min(), past[c].max())) for c in use)])
    lever = float(x0 @ np.linalg.solve(x.T @ x, x0))
    inc_sign = 1.0 if cur.incumbent_party == "DEM" else -1.0
    return Prior(
        year=year,
        mean=float(x0 @ beta) * inc_sign,
        sd=math.sqrt(s2 * (1 + lever)),
        predictors=use,
        fitted_on=tuple(int(v) for v in past.year),
    )
