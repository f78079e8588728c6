"""Historical swings and the correlated error structure fitted from them.

The packaged returns (1976-2024) give every state's two-party margin, Democrat minus
Republican as a fraction of their two votes (third parties left out explicitly: polls are
read the same way, dem - rep over dem + rep), in every election.  A *swing* is the change
of a state's margin from one election to the next; removing the national swing (the change
of the national margin) leaves the *relative* swing, the part a uniform national shift does
not explain.

``SwingModel.fit`` factors the second-moment matrix of the relative swings,

    M = R^T R / T,        R: (n_swings, n_states)

into a few principal components and a diagonal remainder (a factor model):

    M ~= L L^T + diag(psi),     L: (n_states, n_factors)

so that a state's relative swing is ``L_i . f + e_i`` with independent unit factors ``f``
and state errors ``e_i`` of variance ``psi_i``.  ``M`` is not centred: the prior assumes a
relative swing of zero, so its error is the whole second moment, trend included.

Only swings between two consecutive elections that are both in the training years count, so
leaving a year out drops the two swings that touch it (leave-one-year-out).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from electoral import data

#: The training window the brief fixes: returns of 1976-2020.
FIT_FIRST = 1976
FIT_LAST = 2020


@dataclass(frozen=True)
class History:
    """Recorded margins by year and unit.

    ``margins`` (two-party: ``(dem - rep) / (dem + rep)``) and ``turnout`` (all votes) have
    one row per year and one column per unit (the 50 states, DC, and the Maine and Nebraska
    districts, NaN where a year has no district returns); ``national`` is the national
    two-party margin over the statewide units.
    """

    margins: pd.DataFrame
    national: pd.Series
    turnout: pd.DataFrame

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(int(y) for y in self.margins.index)


def _margins(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    keys = ["year", "state"]
    total = rows.groupby(keys).votes.sum().astype(float)
    dem = rows[rows.party == "DEM"].groupby(keys).votes.sum().reindex(total.index, fill_value=0)
    rep = rows[rows.party == "REP"].groupby(keys).votes.sum().reindex(total.index, fill_value=0)
    lead = (dem - rep).astype(float)
    two = (dem + rep).astype(float)
    nat = lead.groupby(level="year").sum() / two.groupby(level="year").sum()
    return (lead / two).unstack("state"), total.unstack("state"), nat


@cache
def history() -> History:
    """The packaged returns as margins (cached; treat as read-only)."""
    st_m, st_t, nat = _margins(data.returns_table())
    ds_m, ds_t, _ = _margins(data.district_returns_table())
    margins = pd.concat([st_m, ds_m], axis=1).sort_index()
    turnout = pd.concat([st_t, ds_t], axis=1).sort_index()
    margins.index = margins.index.astype(int)
    turnout.index = turnout.index.astype(int)
    nat.index = nat.index.astype(int)
    return History(margins, nat.sort_index(), turnout)


def swing_years(
    years: Collection[int],
    *,
    exclude: Collection[int] = (),
    first: int = FIT_FIRST,
    last: int = FIT_LAST,
) -> tuple[int, ...]:
    """End years ``y`` of the swings ``y - 4 -> y`` whose two elections are both usable."""
    ok = {y for y in years if first <= y <= last and y not in set(exclude)}
    return tuple(sorted(y for y in ok if y - 4 in ok))


class SwingModel:
    """A factor model of relative state swings (see the module docstring).

    Parameters
    ----------
    n_factors
        Principal components kept as shared regional factors.  Two by default: with the
        9-11 swings of 1976-2020 the first two carry about half of the second moment and
        the third is already close to the noise level (``explained_ratio_``).
    min_sd
        Floor on a state's idiosyncratic standard deviation (a margin fraction), so that
        no state is ever treated as known exactly.

    Attributes
    ----------
    years_ : tuple of int
        End years of the swings used.
    states_ : tuple of str
        The states and DC, in column order.
    loadings_ : pandas.DataFrame
        ``L``, shape (n_states, n_factors): loadings on unit-variance factors (margin units).
    idio_var_ : pandas.Series
        ``psi``, shape (n_states,): variance of the state-specific part.
    swing_var_ : pandas.Series
        ``sum_k L_ik^2 + psi_i``: the variance of a state's relative swing.
    cov_ : numpy.ndarray
        ``L L^T + diag(psi)``, shape (n_states, n_states): the covariance of the relative
        swings (its diagonal is ``swing_var_``).
    explained_ratio_ : numpy.ndarray
        Shape (n_factors,): share of ``trace(M)`` each factor carries.
    """

    def __init__(self, n_factors: int = 2, min_sd: float = 0.01) -> None:
        self.n_factors = n_factors
        self.min_sd = min_sd

    def fit(
        self,
        hist: History,
        *,
        exclude: Collection[int] = (),
        first: int = FIT_FIRST,
        last: int = FIT_LAST,
    ) -> SwingModel:
        """Fit on the swings of ``first``-``last`` that touch no year in ``exclude``."""
        years = swing_years(hist.years, exclude=exclude, first=first, last=last)
        if len(years) <= self.n_factors:
            raise ValueError(
                f"{len(years)} swings in {first}-{last} (excluding {sorted(exclude)}) "
                f"cannot support {self.n_factors} factors"
            )
        states = sorted(c for c in hist.margins.columns if "-" not in str(c))
        m = hist.margins[states]
        rows = [
            (m.loc[y] - m.loc[y - 4]) - (hist.national.loc[y] - hist.national.loc[y - 4])
            for y in years
        ]
        r = np.nan_to_num(np.vstack([row.to_numpy(float) for row in rows]))
        second = r.T @ r / len(years)
        vals, vecs = np.linalg.eigh(second)
        order = np.argsort(vals)[::-1][: self.n_factors]
        lam = np.clip(vals[order], 0.0, None)
        vecs = vecs[:, order]
        vecs = vecs * np.where(vecs.sum(axis=0) < 0, -1.0, 1.0)  # a fixed sign convention
        load = vecs * np.sqrt(lam)
        psi = np.maximum(np.diag(second) - (load**2).sum(axis=1), self.min_sd**2)
        cols = [f"factor{k + 1}" for k in range(self.n_factors)]
        self.years_ = years
        self.states_ = tuple(str(s) for s in states)
        self.loadings_ = pd.DataFrame(load, index=list(self.states_), columns=cols)
        self.idio_var_ = pd.Series(psi, index=list(self.states_))
        self.swing_var_ = self.idio_var_ + (self.loadings_**2).sum(axis=1)
        self.cov_ = load @ load.T + np.diag(psi)
        self.explained_ratio_ = lam / float(np.trace(second))
        return self


def district_offsets(hist: History, *, exclude: Collection[int] = ()) -> dict[str, float]:
    """Mean of (district margin - its state's margin) over the years with district returns.

    Used where the previous election has no district returns (2008, 2012 and 2016
    forecasts): a district's prior is then its state's margin plus this offset.  Years in
    ``exclude`` are left out; a district with no usable year gets no entry.
    """
    out: dict[str, float] = {}
    m = hist.margins
    for col in m.columns:
        unit = str(col)
        if "-" not in unit:
            continue
        parent = unit.split("-")[0]
        diff = (m[col] - m[parent]).dropna()
        diff = diff[~diff.index.isin(list(exclude)) & (diff.index <= FIT_LAST)]
        if len(diff):
            out[unit] = float(diff.mean())
    return out
