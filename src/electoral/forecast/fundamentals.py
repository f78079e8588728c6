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

Honest about time: a predictor is used only once it was published, at the value published
by then -- June approval after its poll ended, second-quarter GDP growth as the Bureau of
Economic Analysis had estimated it by the forecast date (its advance estimate in late July,
the revised one from late September) where the table records those dates, and from July 1
and August 1 where it does not -- so a June forecast uses a model with first-term status
alone, refitted on the same earlier years.
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
#: When each predictor was published, and GDP growth's advance estimate (:func:`_known`).
RELEASES = (
    "q2_gdp_growth_advance",
    "q2_gdp_growth_released",
    "q2_gdp_advance_released",
    "june_approval_poll_end",
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
    """``electoral.data.fundamentals()`` in :data:`COLUMNS`, then the release columns of
    :data:`RELEASES`: the Democrat's two-party margin as a fraction (the package gives the
    two-party share in percent), the incumbent party as ``DEM`` or ``REP``."""
    out = raw[list(COLUMNS[:-1])].copy()
    out["dem_two_party_margin"] = (2 * raw["outcome_dem_two_party"].astype(float) - 100) / 100
    out[list(RELEASES)] = raw[list(RELEASES)]
    party = out.incumbent_party.astype(str).str.upper().str[:1]
    out["incumbent_party"] = np.where(party == "D", "DEM", "REP")
    return out


def _day(row: pd.Series, col: str) -> dt.date | None:
    if col not in row.index:
        return None
    v = row[col]
    return None if v is None or v != v or pd.isna(v) else pd.Timestamp(v).date()


def _known(row: pd.Series, year: int, as_of: dt.date) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The predictors of ``year``'s row published before ``as_of`` and their values then:
    approval once its poll ended (July 1 where the date is not recorded); second-quarter
    GDP growth as published by then (the latest estimate, or the advance one before it;
    from August 1 where no release date is recorded)."""
    use, vals = ["first_term"], [float(row["first_term"])]
    approval_day = _day(row, "june_approval_poll_end") or dt.date(year, 6, 30)
    if as_of > approval_day:
        use.append("june_net_approval")
        vals.append(float(row["june_net_approval"]))
    final, advance = _day(row, "q2_gdp_growth_released"), _day(row, "q2_gdp_advance_released")
    if final is not None and as_of > final:
        gdp: float | None = float(row["q2_gdp_growth"])
    elif advance is not None and as_of > advance:
        gdp = float(row["q2_gdp_growth_advance"])
    elif final is None and advance is None and as_of >= dt.date(year, 8, 1):
        gdp = float(row["q2_gdp_growth"])
    else:
        gdp = None
    if gdp is not None:
        use.append("q2_gdp_growth")
        vals.append(gdp)
    keep = [i for i, v in enumerate(vals) if math.isfinite(v)]
    return tuple(use[i] for i in keep), tuple(vals[i] for i in keep)


def prior(year: int, as_of: dt.date, frame: pd.DataFrame | None = None) -> Prior:
    """The time-for-change prior for ``year`` as of ``as_of``, fitted on earlier years."""
    t = table() if frame is None else frame
    row = t[t.year == year]
    if row.empty:
        raise RuleError(f"no fundamentals for {year}")
    use, vals = _known(row.iloc[0], year, as_of)
    return _prior(year, use, vals, _Frame(t))


@dataclass(frozen=True, eq=False)
class _Frame:
    """A table as a key of the cache of fits, by the table's identity (the key holds the
    table, so its id is not reused while the fit is cached)."""

    frame: pd.DataFrame

    def __hash__(self) -> int:
        return id(self.frame)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frame) and other.frame is self.frame


@lru_cache(maxsize=256)
def _prior(year: int, use: tuple[str, ...], vals: tuple[float, ...], holder: _Frame) -> Prior:
    t = holder.frame
    cur = t[t.year == year].iloc[0]
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
    x0 = np.array(
        [
            1.0,
            *(
                float(np.clip(v, past[c].min(), past[c].max()))
                for c, v in zip(use, vals, strict=True)
            ),
        ]
    )
    lever = float(x0 @ np.linalg.solve(x.T @ x, x0))
    inc_sign = 1.0 if cur.incumbent_party == "DEM" else -1.0
    return Prior(
        year=year,
        mean=float(x0 @ beta) * inc_sign,
        sd=math.sqrt(s2 * (1 + lever)),
        predictors=use,
        fitted_on=tuple(int(v) for v in past.year),
    )
