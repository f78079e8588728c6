"""Everything a forecast reads besides its own year's polls, in one object that can be cut.

A forecast of year ``Y`` may use the returns of earlier elections, the fundamentals of
earlier years (and the predictors of ``Y``, never its result) and the polls of earlier
elections.  :class:`Inputs` holds the three tables; :meth:`Inputs.before` removes every
row of ``Y`` and later years (keeping ``Y``'s fundamentals predictors with its result
blanked), which is what the leakage test compares against: a forecast that changes when the
future is deleted has seen it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from electoral.forecast.errors_model import History, history


@dataclass(frozen=True, eq=False)
class Inputs:
    """Returns, fundamentals and past polls (hashable by identity, for caches)."""

    hist: History
    fundamentals: pd.DataFrame
    polls: Callable[[int], pd.DataFrame]
    poll_years: tuple[int, ...]

    def before(self, year: int) -> Inputs:
        """These inputs with everything from ``year`` on removed (``year``'s fundamentals
        predictors kept, its result blanked)."""
        h = self.hist
        keep = h.margins.index < year
        hist = History(h.margins[keep], h.national[h.national.index < year], h.turnout[keep])
        f = self.fundamentals[self.fundamentals.year <= year].copy()
        f.loc[f.year >= year, "dem_two_party_margin"] = np.nan
        years = tuple(y for y in self.poll_years if y < year)
        source = self.polls

        def polls(y: int) -> pd.DataFrame:
            if y >= year:
                raise KeyError(f"the polls of {y} are not available before {year}")
            return source(y)

        return Inputs(hist, f, polls, years)


@cache
def packaged() -> Inputs:
    """The package's own returns, fundamentals and polls."""
    from electoral.data.polls import POLL_YEARS, polls
    from electoral.forecast.fundamentals import table

    return Inputs(history(), table(), polls, tuple(POLL_YEARS))
