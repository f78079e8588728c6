"""The forecast model: what every unit's margin is expected to be, and how the errors move.

For each unit (a state, DC, and in district years Maine's and Nebraska's at-large pair and
districts) the margin, Democrat minus Republican as a fraction of the vote, is

    margin_i = mean_i + (shared_i . z + group_loading_i * g_group(i) + own_i * e_i) / sqrt(w)

with independent standard normals ``z`` (the national error and the regional factors),
``g`` (one per state: a state's own error, shared by its at-large unit and districts) and
``e`` (one per district), and one mixing variable per simulated election,
``w ~ Gamma(df/2, rate=df/2)``: every margin is then Student-t with ``df`` degrees of
freedom (fat tails), and a year whose polls miss by more misses by more everywhere.  Given
``w`` and ``z`` the states are independent, which is what ``exact_distribution`` uses.

``ElectionModel`` holds these arrays; ``ForecastModel`` builds one from a poll average: a
prior from the previous election shifted by the national environment, blended with the
polls by precision, and the error structure of :mod:`electoral.forecast.errors_model`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from electoral import data
from electoral.errors import RuleError
from electoral.forecast.errors_model import History, SwingModel, district_offsets, history
from electoral.rules import eras
from electoral.rules.calendar import calendar

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _frozen(a: npt.ArrayLike, dtype: type[Any]) -> Any:
    out = np.array(a, dtype=dtype)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class ElectionModel:
    """The joint distribution of the unit margins, as arrays (see the module docstring).

    Attributes
    ----------
    year, dem, rep
        The election and the two candidates (canonical names); margins are ``dem - rep``.
    units : tuple of str
        Unit names, shape (n_units,).
    electors : IntArray
        Electors per unit, shape (n_units,).
    mean : FloatArray
        Expected margin, shape (n_units,).
    shared : FloatArray
        Loadings on the shared standard-normal factors, shape (n_units, n_shared);
        column 0 is the national error.  Scale units (see ``df``).
    group : IntArray
        Index of the state-error group of each unit, shape (n_units,), values 0..n_groups-1.
    group_loading : FloatArray
        Loading on the group's error, shape (n_units,).
    own : FloatArray
        Loading on the unit's own error, shape (n_units,) (0 for states and at-large units).
    df : float
        Degrees of freedom of the common scale mixture (``math.inf``: normal errors).  The
        loadings are t *scales*: a unit's standard deviation is ``scale * sqrt(df/(df-2))``.
    popular_weight : FloatArray
        Share of the national vote, shape (n_units,) (0 for district units).
    turnout : FloatArray
        Votes cast in the unit, shape (n_units,) (for voter power).
    """

    year: int
    dem: str
    rep: str
    units: tuple[str, ...]
    electors: IntArray
    mean: FloatArray
    shared: FloatArray
    group: IntArray
    group_loading: FloatArray
    own: FloatArray
    df: float
    popular_weight: FloatArray
    turnout: FloatArray

    def __post_init__(self) -> None:
        n = len(self.units)
        fields = {
            "electors": np.int64,
            "mean": np.float64,
            "group": np.int64,
            "group_loading": np.float64,
            "own": np.float64,
            "popular_weight": np.float64,
            "turnout": np.float64,
        }
        for name, dtype in fields.items():
            arr = _frozen(getattr(self, name), dtype)
            if arr.shape != (n,):
                raise ValueError(f"{name} has shape {arr.shape}, expected ({n},)")
            object.__setattr__(self, name, arr)
        shared = _frozen(np.asarray(self.shared, dtype=np.float64).reshape(n, -1), np.float64)
        object.__setattr__(self, "shared", shared)
        if (self.electors < 0).any():
            raise ValueError("electors must be non-negative")
        if n and (self.group.min() < 0 or len(np.unique(self.group)) != self.group.max() + 1):
            raise ValueError("groups must be numbered 0..n_groups-1")
        if not self.df > 2:
            raise ValueError("df must exceed 2 (a finite variance)")
        if not np.isfinite(self.mean).all() or (self.scale <= 0).any():
            raise ValueError("every unit needs a finite mean and a positive scale")

    @property
    def n_units(self) -> int:
        return len(self.units)

    @property
    def n_shared(self) -> int:
        return int(self.shared.shape[1])

    @property
    def n_groups(self) -> int:
        return int(self.group.max()) + 1 if self.n_units else 0

    @property
    def total(self) -> int:
        """Electors in the college."""
        return int(self.electors.sum())

    @property
    def majority(self) -> int:
        return self.total // 2 + 1

    @property
    def scale(self) -> FloatArray:
        """t scale of each margin, shape (n_units,)."""
        var = (self.shared**2).sum(axis=1) + self.group_loading**2 + self.own**2
        return np.asarray(np.sqrt(var), dtype=np.float64)

    @property
    def sd(self) -> FloatArray:
        """Standard deviation of each margin, shape (n_units,)."""
        factor = 1.0 if math.isinf(self.df) else math.sqrt(self.df / (self.df - 2))
        return self.scale * factor

    def unit_win_probability(self) -> FloatArray:
        """P(the Democrat carries each unit), shape (n_units,): the t CDF, in closed form."""
        x = self.mean / self.scale
        if math.isinf(self.df):
            return np.asarray(special.ndtr(x), dtype=np.float64)
        return np.asarray(special.stdtr(self.df, x), dtype=np.float64)

    @classmethod
    def independent(
        cls,
        units: Sequence[str],
        electors: Sequence[int],
        mean: Sequence[float],
        sd: Sequence[float] | float,
        *,
        df: float = math.inf,
        shared: npt.ArrayLike | None = None,
        year: int = 0,
        dem: str = "D",
        rep: str = "R",
    ) -> ElectionModel:
        """A model whose units are independent apart from the ``shared`` loadings given.

        ``sd`` is each unit's own standard deviation (converted to a t scale when ``df`` is
        finite); ``shared`` (n_units, n_shared) loadings are taken as scales as given.
        """
        n = len(units)
        to_scale = 1.0 if math.isinf(df) else math.sqrt((df - 2) / df)
        own_sd = np.broadcast_to(np.asarray(sd, dtype=np.float64), (n,)) * to_scale
        e = np.asarray(electors, dtype=np.int64)
        return cls(
            year=year,
            dem=dem,
            rep=rep,
            units=tuple(units),
            electors=e,
            mean=np.asarray(mean, dtype=np.float64),
            shared=np.zeros((n, 0)) if shared is None else np.asarray(shared, dtype=np.float64),
            group=np.arange(n),
            group_loading=own_sd,
            own=np.zeros(n),
            df=df,
            popular_weight=e / max(int(e.sum()), 1),
            turnout=np.full(n, 1e6),
        )


#: Every number of ``ForecastModel`` not learned from the year's polls: name, default, and
#: where it comes from ("fitted" ones are learned from the returns in ``fit``).
PARAMETERS: tuple[tuple[str, float | str, str], ...] = (
    (
        "national_sd",
        0.03,
        "cited (approximate): root-mean-square error of the final national polling average "
        "on the margin, 1980-2020, about 3 points (Gallup's final surveys 1980-2000, the "
        "RealClearPolitics final averages 2004-2020, against the certified returns; AAPOR "
        "task-force reports on 2016 and 2020)",
    ),
    (
        "national_drift",
        0.003,
        "assumed: random-walk drift of the national margin per sqrt(day) to Election Day "
        "(90 days out adds 2.8 points in quadrature; campaign-period movement of a few "
        "points, Erikson & Wlezien, The Timeline of Presidential Elections, 2012)",
    ),
    (
        "state_poll_sd",
        0.03,
        "cited (approximate): error of a state's poll average beyond sampling and the "
        "national error; Shirani-Mehr, Rothschild, Goel & Gelman (JASA 2018) find total "
        "state-poll error about twice the sampling error, with election-level bias of "
        "1-2 points of two-party share (2-4 points of margin)",
    ),
    ("state_drift", 0.002, "assumed: state-specific drift of the margin per sqrt(day)"),
    (
        "district_sd",
        0.03,
        "assumed: sd of a district's swing relative to its state's (the 2016->2020 "
        "district-minus-state swings of ME-1, ME-2, NE-1, NE-2, NE-3 are 2-3 points)",
    ),
    (
        "district_offset_sd",
        0.05,
        "assumed: extra sd of a district prior taken from its state's margin plus the "
        "mean district-state offset (years without district returns)",
    ),
    ("df", 5.0, "chosen: Student-t degrees of freedom of the common scale mixture"),
    ("n_factors", 2, "chosen: regional factors kept from the swing PCA"),
    (
        "swing_var",
        "fitted",
        "per state: mean squared relative swing (state swing minus national swing) over the "
        "training swings of 1976-2020 returns, split into factor loadings (PCA) and a "
        "state-specific part; the prior's variance",
    ),
    (
        "district_offset",
        "fitted",
        "mean district-minus-state margin over the training years with district returns",
    ),
)
NATIONAL = "US"
_DEFAULTS = {name: value for name, value, _ in PARAMETERS if not isinstance(value, str)}


class PollAverageLike(Protocol):
    """What ``ForecastModel.fit`` reads from a poll average (``forecast.average.PollAverage``).

    ``units`` is indexed by unit (``"US"``, ``"PA"``, ``"ME-2"``) with columns ``margin``
    (dem - rep, a fraction), ``se``, ``n_polls`` and ``last_poll``.
    """

    @property
    def year(self) -> int: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def dem(self) -> str: ...
    @property
    def rep(self) -> str: ...
    @property
    def units(self) -> pd.DataFrame: ...


def model_units(year: int) -> list[tuple[str, int, str]]:
    """``(unit, electors, state)`` for every unit of ``year``: a district-method state is its
    at-large unit (two electors) followed by its districts (one each)."""
    out: list[tuple[str, int, str]] = []
    for st, n in sorted(data.electors(year).items()):
        ds = eras.districts(st, year)
        out.append((st, n - len(ds), st))
        out.extend((d, 1, st) for d in ds)
    return out


def _polled(units: pd.DataFrame) -> dict[str, tuple[float, float, int]]:
    """``{unit: (margin, se, n_polls)}`` for the units with at least one usable poll."""
    out: dict[str, tuple[float, float, int]] = {}
    n_polls = units["n_polls"] if "n_polls" in units else pd.Series(1, index=units.index)
    for unit, m, se, n in zip(units.index, units["margin"], units["se"], n_polls, strict=True):
        if float(n) > 0 and math.isfinite(float(m)) and math.isfinite(float(se)):
            out[str(unit)] = (float(m), float(se), int(n))
    return out


def _row(frame: pd.DataFrame, year: int) -> dict[str, float]:
    """One year of a history frame as ``{unit: value}``, missing values left out."""
    values = frame.loc[year].to_numpy(dtype=float)
    return {str(k): float(v) for k, v in zip(frame.columns, values, strict=True) if v == v}


def _blend(
    m0: float, v0: float, poll: tuple[float, float, int] | None, extra: float
) -> tuple[float, float]:
    """Precision-weighted mean and variance of a prior and a poll (variance ``se^2+extra``)."""
    if poll is None:
        return m0, v0
    v1 = poll[1] ** 2 + extra
    v = 1.0 / (1.0 / v0 + 1.0 / v1)
    return v * (m0 / v0 + poll[0] / v1), v


class ForecastModel:
    """Prior from the previous election, blended with the poll average; correlated t errors.

    Constructor arguments are the parameters of :data:`PARAMETERS` (where each comes from is
    stated there); ``training`` picks the returns the error structure is fitted on:
    ``"past"`` (elections before the forecast year, as a forecaster would have had) or
    ``"loyo"`` (every 1976-2020 election except the forecast year: leave-one-year-out).

    Method, for a state ``i`` with ``d`` days from the newest information to Election Day:

    - environment ``E`` = national poll margin - previous national margin (without national
      polls: the precision-weighted mean of the states' poll-minus-previous swings);
    - prior ``m0 = previous_i + E`` with variance ``v0 = swing_var_i`` (fitted);
    - poll ``m1`` (the average) with variance ``v1 = se_i^2 + state_poll_sd^2 +
      state_drift^2 d``; posterior ``mean = v (m0/v0 + m1/v1)``, ``v = 1/(1/v0 + 1/v1)``;
    - error: national ``sqrt(national_sd^2 + national_drift^2 d + se_US^2)``, shared by every
      unit; then ``a (prior error) + (1 - a) (poll error)`` with ``a = v / v0``: the prior
      error carries the swing factors (loadings ``a L_i``) and its own part, the poll error
      is the state's own (so ``v`` is split exactly);
    - a district: its state's margin plus an offset (previous district-minus-state margin,
      or the fitted mean offset), blended with district polls taken relative to the
      state's mean; it shares every term of its state's error and adds its own.

    Errors are t with ``df`` degrees of freedom through one scale mixture per election; the
    standard deviations above are converted to t scales (``sd sqrt((df - 2)/df)``).

    Attributes
    ----------
    model_ : ElectionModel
        The fitted joint distribution, for ``simulate`` and ``exact_distribution``.
    table_ : pandas.DataFrame
        Per unit: ``electors, previous, prior_mean, prior_sd, poll_margin, poll_sd,
        n_polls, mean, sd, dem_probability`` (a district's ``prior_sd`` is that of its
        offset from the state).
    swing_ : SwingModel
        The fitted swing factor model.
    national_environment_ : float
        National poll margin minus the previous national margin.
    days_ : int
        Days from the newest information (the as-of date, or the day after the last poll
        if that is earlier) to Election Day; the error grows with it.
    effective_as_of_ : datetime.date
    excluded_years_ : tuple of int
        Years whose returns the fit did not see.
    notes_ : tuple of str
    """

    def __init__(
        self,
        *,
        national_sd: float = _DEFAULTS["national_sd"],
        national_drift: float = _DEFAULTS["national_drift"],
        state_poll_sd: float = _DEFAULTS["state_poll_sd"],
        state_drift: float = _DEFAULTS["state_drift"],
        district_sd: float = _DEFAULTS["district_sd"],
        district_offset_sd: float = _DEFAULTS["district_offset_sd"],
        df: float = _DEFAULTS["df"],
        n_factors: int = int(_DEFAULTS["n_factors"]),
        training: Literal["past", "loyo"] = "past",
    ) -> None:
        self.national_sd = national_sd
        self.national_drift = national_drift
        self.state_poll_sd = state_poll_sd
        self.state_drift = state_drift
        self.district_sd = district_sd
        self.district_offset_sd = district_offset_sd
        self.df = df
        self.n_factors = n_factors
        self.training = training

    def get_params(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (*_DEFAULTS, "training")}

    def fit(
        self,
        average: PollAverageLike,
        *,
        hist: History | None = None,
        election_day: dt.date | None = None,
    ) -> ForecastModel:
        """Fit to ``average`` (one year's poll average); returns ``self``."""
        year = average.year
        hist = history() if hist is None else hist
        prev = year - 4
        if prev not in hist.years:
            raise RuleError(f"no returns for {prev}, the election before {year}: no prior")
        past = self.training == "past"
        exclude = tuple(y for y in hist.years if y >= year) if past else (year,)
        swing = SwingModel(self.n_factors).fit(hist, exclude=exclude)
        offsets = district_offsets(hist, exclude=exclude)
        eday = election_day or calendar(year).election_day.date
        assert eday is not None
        polls = average.units
        notes: list[str] = []
        eff = average.as_of
        if "last_poll" in polls and polls["last_poll"].notna().any():
            last = pd.Timestamp(polls["last_poll"].max()).date()
            if last + dt.timedelta(days=1) < eff:
                eff = last + dt.timedelta(days=1)
                notes.append(
                    f"the polls end {last.isoformat()}: the forecast for "
                    f"{average.as_of.isoformat()} has no information after that day "
                    f"({(eday - eff).days} days before the election)"
                )
        days = max((eday - eff).days, 0)
        prev_m = _row(hist.margins, prev)
        polled = _polled(average.units)
        swing_var = {str(k): float(v) for k, v in swing.swing_var_.items()}
        env, env_var = self._environment(polled, prev_m, float(hist.national[prev]), swing_var)
        if NATIONAL not in polled:
            notes.append("no national polls: the environment is the state polls' mean swing")
        poll_extra = self.state_poll_sd**2 + self.state_drift**2 * days
        nat_sd = math.sqrt(self.national_sd**2 + self.national_drift**2 * days + env_var)
        to_scale = 1.0 if math.isinf(self.df) else math.sqrt((self.df - 2) / self.df)
        states = list(swing.states_)
        rows: list[dict[str, Any]] = []
        post: dict[str, tuple[float, float]] = {}
        split: dict[str, tuple[float, float]] = {}
        for unit, n, st in model_units(year):
            poll = polled.get(unit)
            if unit == st:
                m0, v0 = prev_m[st] + env, swing_var[st]
                mu, v = _blend(m0, v0, poll, poll_extra)
                # The error of a precision-weighted mean: a * (prior error) + (1 - a) * (poll
                # error), a = v / v0.  The prior error has the swing factor structure; the
                # poll error (beyond the national error) is the state's own.
                a = v / v0
                v_poll = 0.0 if poll is None else poll[1] ** 2 + poll_extra
                own_sd = math.sqrt(a**2 * float(swing.idio_var_.loc[st]) + (1 - a) ** 2 * v_poll)
                post[st] = (mu, v)
                split[st] = (a, own_sd)
                own = 0.0
            else:  # a district: its state's margin plus an offset of its own
                mu_s = post[st][0]
                if unit in prev_m:
                    o0, v0 = prev_m[unit] - prev_m[st], self.district_sd**2
                else:
                    o0 = offsets.get(unit, 0.0)
                    v0 = self.district_sd**2 + self.district_offset_sd**2
                rel = None if poll is None else (poll[0] - mu_s, poll[1], poll[2])
                o, own_var = _blend(o0, v0, rel, poll_extra)
                m0, mu, v, own = mu_s + o0, mu_s + o, post[st][1] + own_var, own_var
            rows.append(
                {
                    "unit": unit,
                    "state": st,
                    "electors": n,
                    "previous": prev_m.get(unit, prev_m[st]),
                    "prior_mean": m0,
                    "prior_sd": math.sqrt(v0),
                    "poll_margin": math.nan if poll is None else poll[0],
                    "poll_sd": math.nan if poll is None else math.sqrt(poll[1] ** 2 + poll_extra),
                    "n_polls": 0 if poll is None else poll[2],
                    "mean": mu,
                    "own_var": own,
                }
            )
        table = pd.DataFrame(rows).set_index("unit")
        load = swing.loadings_.to_numpy()
        shared = np.array(
            [[nat_sd, *(split[st][0] * load[states.index(st)])] for st in table.state]
        )
        group_loading = np.array([split[st][1] for st in table.state])
        turnout = _row(hist.turnout, prev)
        n_dist = {st: sum(1 for s in table.state if s == st) - 1 for st in states}
        vote = [
            turnout[u] if u in turnout else turnout[s] / max(n_dist[s], 1)
            for u, s in zip(table.index, table.state, strict=True)
        ]
        statewide = np.array([u == s for u, s in zip(table.index, table.state, strict=True)])
        weight = np.where(statewide, vote, 0.0)
        self.model_ = ElectionModel(
            year=year,
            dem=average.dem,
            rep=average.rep,
            units=tuple(str(u) for u in table.index),
            electors=table.electors.to_numpy(),
            mean=table["mean"].to_numpy(),
            shared=shared * to_scale,
            group=np.array([states.index(s) for s in table.state]),
            group_loading=group_loading * to_scale,
            own=np.sqrt(table.own_var.to_numpy()) * to_scale,
            df=self.df,
            popular_weight=weight / weight.sum(),
            turnout=np.array(vote),
        )
        table["sd"] = self.model_.sd
        table["dem_probability"] = self.model_.unit_win_probability()
        self.table_ = table.drop(columns=["own_var"])
        self.swing_ = swing
        self.national_environment_ = env
        self.days_ = days
        self.effective_as_of_ = eff
        self.excluded_years_ = exclude
        self.notes_ = tuple(notes)
        return self

    def _environment(
        self,
        polled: dict[str, tuple[float, float, int]],
        prev_m: dict[str, float],
        prev_nat: float,
        swing_var: dict[str, float],
    ) -> tuple[float, float]:
        """National environment (poll margin minus the previous national margin) and its
        variance; without national polls, the precision-weighted mean state swing."""
        if NATIONAL in polled:
            us = polled[NATIONAL]
            return us[0] - prev_nat, us[1] ** 2
        num = den = 0.0
        for st, v in swing_var.items():
            if st in polled:
                m, se, _ = polled[st]
                w = 1.0 / (se**2 + self.state_poll_sd**2 + v)
                num += w * (m - prev_m[st])
                den += w
        return (num / den, 1.0 / den) if den else (0.0, self.national_sd**2)
