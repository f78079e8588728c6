"""Diagnostic: can one scale of the forecast's uncertainty meet the backtest's targets?

Run from the repository root:  python scripts/backtest_frontier.py

Fits the model as in ``electoral backtest`` (past elections only, polls before each date)
on Election-Day eve and 7 days out for 2008-2020, then multiplies every unit's t scale by
``k`` (the means unchanged) and prints, for each ``k``, the share of units whose margin fell
inside its central 90% interval (pooled over the four years; target 82-96%) and each year's
Brier score over the 50 states and DC on the eve (targets: 2008 < 0.020, 2012 < 0.010,
2016 < 0.0680, 2020 < 0.0400).  A wider forecast covers more results but gives the close
states of 2008 and 2012 less decided probabilities: the table shows where the two kinds of
target part.  A diagnostic only: nothing in the package reads ``k``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from electoral.data.polls import polls  # noqa: E402
from electoral.forecast.evaluation import YEARS, outcomes, score  # noqa: E402
from electoral.forecast.forecaster import ForecastModel, unit_interval  # noqa: E402
from electoral.forecast.inputs import packaged  # noqa: E402
from electoral.forecast.model import ElectionModel  # noqa: E402
from electoral.rules.calendar import calendar  # noqa: E402

SCALES = (0.8, 0.9, 1.0, 1.02, 1.04, 1.06, 1.08, 1.1, 1.2, 1.4, 1.6)
TARGETS = {2008: 0.020, 2012: 0.010, 2016: 0.0680, 2020: 0.0400}


def scaled(m: ElectionModel, k: float) -> ElectionModel:
    """``m`` with every unit's t scale multiplied by ``k`` (the means unchanged)."""
    return dataclasses.replace(
        m, shared=m.shared * k, group_loading=m.group_loading * k, own=m.own * k
    )


def main() -> int:
    inp = packaged()
    fits: dict[tuple[int, int], ElectionModel] = {}
    for year in YEARS:
        eday = calendar(year).election_day.date
        assert eday is not None
        for days in (0, 7):
            as_of = eday - dt.timedelta(days=max(days, 1))
            fits[(year, days)] = (
                ForecastModel().fit(polls(year), year=year, as_of=as_of, inputs=inp).model_
            )
    print("k     cover90 eve  cover90 7d  " + "  ".join(f"Brier {y}" for y in YEARS))
    for k in SCALES:
        cells = []
        for days in (0, 7):
            inside = total = 0
            for year in YEARS:
                m = scaled(fits[(year, days)], k)
                row = inp.hist.margins.loc[year]
                real = np.array([float(row.get(u, np.nan)) for u in m.units])
                ok = np.isfinite(real)
                lo, hi = unit_interval(m, 0.9)
                inside += int(((real >= lo) & (real <= hi))[ok].sum())
                total += int(ok.sum())
            cells.append(f"{inside / total:10.3f}")
        briers = []
        for year in YEARS:
            m = scaled(fits[(year, 0)], k)
            prob = dict(zip(m.units, m.unit_win_probability(), strict=True))
            statewide = {u: float(p) for u, p in prob.items() if "-" not in u}
            b = score(statewide, outcomes(year, inp.hist), dict.fromkeys(statewide, 1)).brier
            briers.append(f"{b:.4f}{'*' if b < TARGETS[year] else ' '}")
        print(f"{k:<5} {cells[0]}  {cells[1]}  " + "  ".join(f"{b:>10}" for b in briers))
    print("* below the target.  Coverage target 82-96%.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
