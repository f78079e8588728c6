"""The shared polling error, fitted on earlier elections' poll-versus-result errors.

The filter treats polls as unbiased once their pollster, population and mode effects are
removed; but every poll of an election can miss together (2016, 2020).  That error is
modelled as shared, never as each state's own noise:

- a **national** polling error ``b_N ~ N(0, sigma_bN^2)``, the same in every state;
- a **state** polling error with the correlation of relative swings (regional and
  demographic factors from :class:`~electoral.forecast.errors_model.SwingModel`),
  ``b_S ~ N(0, sigma_bS^2 C)``.

The polls' relative margins (a state's margin less the nation's) are also *compressed*:
states whose polls lean one way went further that way on the eve of each election with
packaged polls before the forecast year, as undecided voters broke with their state.  The
slope of the relative error on the relative estimate, fitted on those elections (and pooled
with a prior of no compression worth :data:`COMPRESSION_PRIOR_WEIGHT` elections), stretches
every relative margin by ``1 + slope``.

Each sd is estimated by the method of moments from the elections with packaged polls
before the forecast year, at the same distance from Election Day as the forecast (the
nearest of :data:`HORIZONS`): the squared error of the model's national (and relative
state) estimate that many days out against the result, less the variance the model already
gave it, averaged and pooled with a prior worth :data:`PRIOR_WEIGHT` elections.  So the
error the filter's walk and the fundamentals do not foresee at each horizon is fitted too.
The prior values predate every scored year:

- ``sigma_bN`` 2.5 points of two-party margin, an order of magnitude (not a value read
  from a table): final national pre-election polls before 2008 typically missed a
  candidate's share by one to two points (Traugott, "The accuracy of the national
  preelection polls in the 2004 presidential election", *Public Opinion Quarterly* 69(5),
  2005), i.e. two to three points of margin when the two candidates' errors add;
- ``sigma_bS`` 3 points, likewise an order of magnitude: state polls are less accurate than
  national ones (Martin, Traugott & Kennedy, "A review and proposal for a new measure of
  poll accuracy", *Public Opinion Quarterly* 69(3), 2005, on 2000-2004 polls).

With :data:`PRIOR_WEIGHT` = 2 elections these matter most for 2008 (no earlier packaged
polls) and 2012 (one).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from electoral.forecast.core import election_day, fit_core
from electoral.forecast.inputs import Inputs

#: Prior sds (two-party margin) and their weight in elections (see the module notes).
NATIONAL_SD, STATE_SD, PRIOR_WEIGHT = 0.025, 0.03, 2.0
#: Days before Election Day at which the errors are fitted; a forecast uses the nearest.
HORIZONS = (1, 7, 14, 30, 60, 90, 120, 150, 180)
#: Weight, in elections, of the prior that polls do not compress relative margins.
COMPRESSION_PRIOR_WEIGHT = 1.0


@dataclass(frozen=True)
class PollError:
    """Fitted sds of the shared polling error and the elections they were fitted on."""

    national_sd: float
    state_sd: float
    years: tuple[int, ...]
    national_errors: tuple[float, ...]
    compression: float = 0.0
    horizon_days: int = 1

    def to_dict(self) -> dict[str, object]:
        return {
            "national_sd": round(self.national_sd, 5),
            "state_sd": round(self.state_sd, 5),
            "fitted_on": list(self.years),
            "national_errors": [round(e, 5) for e in self.national_errors],
            "compression": round(self.compression, 5),
            "horizon_days": self.horizon_days,
        }


def horizon(days: int) -> int:
    """The calibration horizon of a forecast ``days`` before Election Day: the nearest of
    :data:`HORIZONS` (the eve for 0 or 1)."""
    return min(HORIZONS, key=lambda h: (abs(h - max(days, 1)), h))


@lru_cache(maxsize=256)
def _errors(
    year: int, days: int, inputs: Inputs, n_factors: int
) -> tuple[float, float, float, float]:
    """``days`` before ``year``'s election, fitted only on what came before it: (national
    error^2 - its variance, national error, mean relative state error^2 beyond the
    compression - its variance, the compression slope)."""
    past = inputs.before(year)
    eday = election_day(year)
    core = fit_core(
        inputs.polls(year),
        year=year,
        dates=[eday - dt.timedelta(days=days)],
        inputs=past,
        exclude=(),
        n_factors=n_factors,
    )[0]
    hist = inputs.hist
    nat = float(hist.national.loc[year])
    e_n = nat - core.national
    row = hist.margins.loc[year]
    states = core.states
    truth = np.array([float(row.to_dict()[s]) for s in states])
    d = core.final.mean[2:]
    rel_err = truth - nat - d
    rel_var = np.diag(core.final.cov)[2:]
    slope = float(d @ rel_err / (d @ d))
    resid = rel_err - slope * d
    return (
        e_n**2 - core.final.national_var,
        e_n,
        float(np.mean(resid**2 - rel_var)),
        slope,
    )


def poll_error(
    year: int, inputs: Inputs, exclude: Collection[int], n_factors: int = 2, days: int = 1
) -> PollError:
    """The shared polling error's sds for a forecast of ``year`` made ``days`` before the
    election (fitted at the nearest of :data:`HORIZONS` on the poll years not in
    ``exclude`` whose previous election has returns)."""
    h = horizon(days)
    years = tuple(
        y
        for y in inputs.poll_years
        if y not in set(exclude)
        and y != year
        and y - 4 in inputs.hist.years
        and y in inputs.hist.years
    )
    nat_sum, state_sum, slope_sum, errs = 0.0, 0.0, 0.0, []
    for y in years:
        n_ex, e_n, s_ex, slope = _errors(y, h, inputs, n_factors)
        nat_sum += n_ex
        state_sum += s_ex
        slope_sum += slope
        errs.append(e_n)
    k = PRIOR_WEIGHT
    nat2 = (k * NATIONAL_SD**2 + nat_sum) / (k + len(years))
    st2 = (k * STATE_SD**2 + state_sum) / (k + len(years))
    return PollError(
        math.sqrt(max(nat2, 0.005**2)),
        math.sqrt(max(st2, 0.005**2)),
        years,
        tuple(errs),
        slope_sum / (len(years) + COMPRESSION_PRIOR_WEIGHT),
        h,
    )
