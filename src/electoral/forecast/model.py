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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special

from electoral import data
from electoral.rules import eras

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
        """Units of the map (states, DC and the Maine and Nebraska districts)."""
        return len(self.units)

    @property
    def n_shared(self) -> int:
        """Shared error factors (the columns of ``shared``)."""
        return int(self.shared.shape[1])

    @property
    def n_groups(self) -> int:
        """State-error groups (one per state: its at-large unit and districts share it)."""
        return int(self.group.max()) + 1 if self.n_units else 0

    @property
    def total(self) -> int:
        """Electors in the college."""
        return int(self.electors.sum())

    @property
    def majority(self) -> int:
        """Electoral votes needed to win: a majority of the college."""
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


def model_units(year: int) -> list[tuple[str, int, str]]:
    """``(unit, electors, state)`` for every unit of ``year``: a district-method state is its
    at-large unit (two electors) followed by its districts (one each)."""
    return list(_model_units(year))


@cache
def _model_units(year: int) -> tuple[tuple[str, int, str], ...]:
    out: list[tuple[str, int, str]] = []
    for st, n in sorted(data.electors(year).items()):
        ds = eras.districts(st, year)
        out.append((st, n - len(ds), st))
        out.extend((d, 1, st) for d in ds)
    return tuple(out)
