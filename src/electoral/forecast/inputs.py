"""Everything a forecast reads besides its own year's polls, in one object that can be cut.

A forecast of year ``Y`` may use the returns of earlier elections, the fundamentals of
earlier years (and the predictors of ``Y``, never its result), the polls of earlier
elections and the record of earlier elections' national polling errors (Gallup's final
polls).  :class:`Inputs` holds the four tables; :meth:`Inputs.before` removes every
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
    """Returns, fundamentals, past polls and the national poll-error record (hashable by
    identity, for caches).  ``poll_record``: the Democratic two-party margin error of
    Gallup's final poll (poll less result), by election year."""

    hist: History
    fundamentals: pd.DataFrame
    polls: Callable[[int], pd.DataFrame]
    poll_years: tuple[int, ...]
    poll_record: pd.Series

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

        record = self.poll_record[self.poll_record.index < year]
        return Inputs(hist, f, polls, years, record)


@cache
def packaged() -> Inputs:
    """The package's own returns, fundamentals and polls."""
    from electoral.data.manifest import read_table
    from electoral.data.polls import POLL_YEARS, polls
    from electoral.forecast.fundamentals import table

    record = read_table("gallup_final_polls.csv").set_index("year").error
    return Inputs(history(), table(), polls, tuple(POLL_YEARS), record.astype(float))
