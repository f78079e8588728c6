"""What was known before the polls closed: each unit's expected margin, its expected turnout,
and how it counts mail ballots.

- Margin: the project's own forecast as of the day before Election Day where it is packaged
  (``night_prior_<year>.csv``, built by ``scripts/build_night.py``: 2020); otherwise the
  previous election's margin between the two candidates' parties, with a wide spread.
- Turnout: the previous election's votes in the unit (packaged returns).
- Counting: ``night_counting.csv`` (2020; cited statutes): ``late_mail`` states counted mail
  after the in-person vote, ``early_mail_first`` states reported their early mail first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from electoral import data
from electoral.confirmation.series import FloatArray, Series
from electoral.data.manifest import read_table

#: Spread of the margin when the prior is the previous election (no forecast): the
#: standard deviation of state swings between elections is about 4-6 points; kept wide.
SWING_SD = 0.08
#: No prior at all (a unit the packaged data do not know).
FLAT_SD = 0.30


@dataclass(frozen=True, eq=False)
class Prior:
    """Per unit of a series, aligned with ``series.units``."""

    source: str
    margin_mean: FloatArray
    margin_sd: FloatArray
    turnout: FloatArray  # previous election's votes; NaN where unknown
    practice: tuple[str, ...]  # "late_mail", "early_mail_first" or ""


@cache
def _forecasts() -> pd.DataFrame:
    return read_table("night_prior_2020.csv")  # typed by manifest.SCHEMAS, hash verified


@cache
def counting_table() -> pd.DataFrame:
    """year, state, practice, rule, source."""
    return read_table("night_counting.csv")


def _party_votes(year: int) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    r = data.returns(year)
    by_party: dict[str, dict[str, float]] = {}
    for st, party, v in zip(r.state, r.party, r.votes, strict=True):
        d = by_party.setdefault(str(st), {})
        d[str(party)] = d.get(str(party), 0.0) + float(v)
    totals = {st: sum(d.values()) for st, d in by_party.items()}
    return by_party, totals


def _parties(series: Series, year: int | None) -> tuple[str, str]:
    if year is not None and year in data.returns_years():
        r = data.returns(year)
        party = dict(zip(r.candidate, r.party, strict=False))
        return str(party.get(series.first, "DEM")), str(party.get(series.second, "REP"))
    return "DEM", "REP"


def prior_for(series: Series, year: int | None) -> Prior:
    """The pre-election prior for every unit of ``series`` in election ``year``."""
    n = len(series.units)
    mean = np.zeros(n)
    sd = np.full(n, FLAT_SD)
    turnout = np.full(n, np.nan)
    source = "none"
    years = data.returns_years()
    before = max((y for y in years if year is not None and y < year), default=None)
    if before is not None:
        p1, p2 = _parties(series, year)
        by_party, totals = _party_votes(before)
        for k, u in enumerate(series.units):
            if u in totals and totals[u] > 0:
                d = by_party[u]
                mean[k] = (d.get(p1, 0.0) - d.get(p2, 0.0)) / totals[u]
                sd[k] = SWING_SD
                turnout[k] = totals[u]
        source = f"the {before} returns ({p1} - {p2}), sd {SWING_SD}"
    f = _forecasts()
    rows = f[(f.year == year) & (f["first"] == series.first) & (f.second == series.second)]
    if len(rows):
        by = rows.set_index("state")
        for k, u in enumerate(series.units):
            if u in by.index:
                mean[k] = float(str(by.at[u, "margin_mean"]))
                sd[k] = float(str(by.at[u, "margin_sd"]))
        source = f"the project's forecast as of {rows.as_of.iloc[0]} (night_prior_{year}.csv)"
    c = counting_table()
    practice = dict(zip(c[c.year == year].state, c[c.year == year].practice, strict=True))
    return Prior(source, mean, sd, turnout, tuple(practice.get(u, "") for u in series.units))
