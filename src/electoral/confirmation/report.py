"""The nowcast as documents: every unit at a moment, one unit over time; the entry point
that reads a series and runs the model (shared by the CLI, the web API and the bench)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from electoral import data
from electoral.confirmation.night_model import NightModel, Nowcast, nowcast
from electoral.confirmation.night_scoring import electors_by_call, iso
from electoral.confirmation.prior import prior_for
from electoral.confirmation.series import (
    ZONE_EXAMPLE,
    Series,
    packaged_series,
    parse_times,
    read_series,
)
from electoral.errors import DataError


def parse_time(text: str) -> int:
    """An ISO-8601 time *with its zone* -> seconds since the epoch (``DataError`` otherwise)."""
    times, zoned = parse_times(pd.Series([text]))
    t = times.iloc[0]
    if pd.isna(t):
        raise DataError(f"not an ISO-8601 date and time: {text!r}", field="at")
    if not bool(zoned.iloc[0]):
        raise DataError(f"no time zone in {text!r} ({ZONE_EXAMPLE})", field="at")
    return int(pd.Timestamp(t).timestamp())


def load(year: int, series: str | Path | None = None, until: int | None = None) -> Series:
    """The packaged series of ``year``, or a user's file (its candidates ordered from the
    rows known at ``until``)."""
    return packaged_series(year) if series is None else read_series(series, year, until)


def run(
    year: int,
    series: str | Path | Series | None = None,
    *,
    at: int | None = None,
    use_eevp: bool = True,
) -> Nowcast:
    """The nowcast of ``year`` on the rows known at ``at`` (seconds; None: all rows)."""
    s = series if isinstance(series, Series) else load(year, series, at)
    if at is not None:
        s = s.until(at)
    return nowcast(s, prior_for(s, year), NightModel(use_eevp=use_eevp))


def _r(x: float, digits: int = 6) -> float | None:
    return None if not np.isfinite(x) else round(float(x), digits)


@dataclass(frozen=True, eq=False)
class NightReport:
    """Every unit's nowcast at its latest update known at ``at``."""

    year: int
    nowcast: Nowcast
    at: int | None
    state: str | None

    def unit(self, i: int) -> dict[str, Any]:
        """The JSON shape of one unit at row ``i`` of the series: counts, nowcast, call."""
        nc, s = self.nowcast, self.nowcast.series
        u = s.units[int(s.unit_of[i])]
        call = nc.call(u)
        total = float(s.total[i])
        p = float(nc.p_first[i])
        return {
            "updated_at": iso(int(s.t[i])),
            "votes": {s.first: int(s.a[i]), s.second: int(s.b[i])},
            "total_votes": int(total),
            "counted_margin": _r((s.a[i] - s.b[i]) / total) if total > 0 else None,
            "eevp_pct": _r(float(s.eevp[i]), 1) if nc.model.use_eevp else None,
            "expected_vote_counted": _r(float(nc.counted[i]), 4),
            "expected_votes_left": round(float(nc.remaining[i])),
            "margin_mean": _r(float(nc.mean[i])),
            "margin_sd": _r(float(nc.sd[i])),
            "lo": _r(float(nc.lo[i])),
            "hi": _r(float(nc.hi[i])),
            "win_probability": {s.first: _r(p), s.second: _r(1 - p)},
            "call": None if call is None else {"winner": call[0], "called_at": iso(call[1])},
        }

    def rows(self) -> dict[str, int]:
        """Per unit (or the one ``state``), the row of its latest update known at ``at``;
        ``DataError`` when ``state`` has none."""
        nc, s = self.nowcast, self.nowcast.series
        latest = nc.latest(self.at)
        if self.state is not None:
            if self.state not in latest:
                raise DataError(f"no counts for {self.state} in {s.source}", field="state")
            latest = {self.state: latest[self.state]}
        return latest

    def electors_called(self) -> dict[str, int]:
        """Electors in the units the model has called, per candidate."""
        nc, s = self.nowcast, self.nowcast.series
        called: dict[str, int] = {s.first: 0, s.second: 0}
        winners = {u: c[0] for u in s.units if (c := nc.call(u)) is not None}
        electors = data.electors(self.year) if winners else {}  # read once, and only if needed
        for u, w in winners.items():
            called[w] += electors_by_call(self.year, u, electors)
        return called

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``electoral night --json``."""
        nc, s = self.nowcast, self.nowcast.series
        latest = self.rows()
        called = self.electors_called()
        corr = s.corrections
        doc: dict[str, Any] = {
            "year": self.year,
            "at": iso(self.at),
            "series": s.source,
            "candidates": [s.first, s.second],
            "margin": f"({s.first} - {s.second}) / total votes",
            "use_eevp": nc.model.use_eevp,
            "prior": nc.prior.source,
            "states": {u: self.unit(i) for u, i in latest.items()},
            "electors_called": called,
            "corrections": {u: c.to_dict() for u, c in corr.items()},
            "corrections_total": {
                "count": sum(c.count for c in corr.values()),
                "largest_drop": max((c.largest_drop for c in corr.values()), default=0),
            },
            "model": nc.model.to_dict(),
        }
        if self.state is not None:
            doc["series_points"] = timeline(nc, self.state)
        return doc


def timeline(nc: Nowcast, unit: str) -> list[dict[str, Any]]:
    """The unit's nowcast at each of its updates: t, margin_mean, lo, hi, counted..."""
    s = nc.series
    rows = s.rows_of(unit)
    lo, hi = nc.lo[rows], nc.hi[rows]
    out = []
    for k, i in enumerate(range(rows.start, rows.stop)):
        total = float(s.total[i])
        out.append(
            {
                "t": iso(int(s.t[i])),
                "margin_mean": _r(float(nc.mean[i])),
                "lo": _r(float(lo[k])),
                "hi": _r(float(hi[k])),
                "counted": _r(float(nc.counted[i]), 4),
                "counted_margin": _r((s.a[i] - s.b[i]) / total) if total > 0 else None,
                "p_first": _r(float(nc.p_first[i])),
            }
        )
    return out
