"""Scoring the nowcast's calls against the truth and the news desks.

The truth is the packaged certified returns where the year has them (``returns.csv``),
otherwise the last counts of the series.  The presidency is called when the units called
for one candidate hold a majority of the year's electors (``electoral.data.electors``); a
statewide call in Maine or Nebraska gives only the two at-large electors (the districts
have no series).  Units without a series (DC in 2020) are not called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from electoral import data
from electoral.confirmation.night_model import Nowcast
from electoral.names import find
from electoral.rules import eras
from electoral.rules.count import majority_of


def iso(t: int | None) -> str | None:
    """Seconds since the epoch -> ISO-8601 UTC with ``Z``."""
    if t is None:
        return None
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class UnitScore:
    unit: str
    model_winner: str | None
    model_called_at: int | None
    actual_winner: str | None
    desks: dict[str, str]
    final_margin: float | None  # the truth's (first - second) / total
    at_ap_call: dict[str, Any] | None = None  # the model's view when AP called (exact times)

    @property
    def wrong(self) -> bool:
        return self.model_winner is not None and self.model_winner != self.actual_winner

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": {"winner": self.model_winner, "called_at": iso(self.model_called_at)},
            "desks": dict(self.desks),
            "actual_winner": self.actual_winner,
            "final_margin": None if self.final_margin is None else round(self.final_margin, 6),
            "wrong": self.wrong,
            "model_at_ap_call": self.at_ap_call,
        }


@dataclass(frozen=True, eq=False)
class Backtest:
    year: int
    nowcast: Nowcast
    units: dict[str, UnitScore]
    truth: str
    presidency: tuple[str, int] | None  # (winner, seconds) when called units reach a majority
    majority: int

    @property
    def wrong_calls(self) -> int:
        return sum(u.wrong for u in self.units.values())

    def to_dict(self) -> dict[str, Any]:
        s = self.nowcast.series
        called = [u for u in self.units.values() if u.model_winner is not None]
        doc: dict[str, Any] = {
            "year": self.year,
            "series": s.source,
            "candidates": [s.first, s.second],
            "truth": self.truth,
            "wrong_calls": self.wrong_calls,
            "units_called": len(called),
            "units": {u: v.to_dict() for u, v in self.units.items()},
            "presidency_called_at": iso(self.presidency[1]) if self.presidency else None,
            "presidency_winner": self.presidency[0] if self.presidency else None,
            "majority": self.majority,
            "use_eevp": self.nowcast.model.use_eevp,
            "prior": self.nowcast.prior.source,
            "corrections": {u: c.to_dict() for u, c in s.corrections.items()},
            "not_called": list(self.not_called),
            "notes": list(self.notes),
        }
        return doc

    @property
    def not_called(self) -> tuple[str, ...]:
        """The units the model never called, in order."""
        return tuple(sorted(u for u, v in self.units.items() if v.model_winner is None))

    @property
    def notes(self) -> tuple[str, ...]:
        """What the backtest leaves out."""
        return (
            "DC and Maine's and Nebraska's districts have no series and are not called; "
            "a statewide call in ME or NE counts its two at-large electors",
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: the model's winner and call time, the actual winner, the final
        margin."""
        return pd.DataFrame(
            [
                {
                    "unit": s.unit,
                    "model_winner": s.model_winner,
                    "model_called_at": iso(s.model_called_at),
                    "actual_winner": s.actual_winner,
                    "final_margin": s.final_margin,
                }
                for s in self.units.values()
            ]
        )


def _truth(nc: Nowcast, year: int) -> tuple[dict[str, tuple[str, float]], str]:
    s = nc.series
    out: dict[str, tuple[str, float]] = {}
    source = "the series' last counts"
    if year in data.returns_years():
        r = data.returns(year)
        for u, g in r.groupby("state"):
            if str(u) not in s.units:
                continue
            votes = dict(zip(g.candidate, g.votes.astype(float), strict=False))
            total_votes = sum(votes.values())
            winner = max(votes, key=lambda c: votes[c])
            margin = (votes.get(s.first, 0.0) - votes.get(s.second, 0.0)) / total_votes
            out[str(u)] = (str(winner), margin)
        source = f"the certified {year} returns (electoral/data/returns.csv)"
    for u, (a, b, total) in s.final().items():
        if u not in out:
            out[u] = (s.first if a >= b else s.second, (a - b) / max(total, 1.0))
    return out, source


def desk_calls(year: int) -> dict[str, list[tuple[str, str, str]]]:
    """The desks' calls per unit (``US`` = the presidency): ``[(desk, when, winner)]``.

    ``when`` is ISO UTC where the record has a time, else the Eastern date with its
    precision (``2020-11-04 (date_afternoon, ET)``).
    """
    from electoral.data.confirmation import media_calls

    df = media_calls()
    df = df[df.year == year]
    pool = set(data.returns(year).candidate) if year in data.returns_years() else set()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in df.itertuples(index=False):
        if isinstance(row.called_at_utc, pd.Timestamp) and not pd.isna(row.called_at_utc):
            when = row.called_at_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            day = str(row.called_date_et)[:10]
            when = f"{day} ({row.time_precision}, ET)"
        winner = find(str(row.winner), pool) or str(row.winner)  # "Biden" -> "Joe Biden"
        out.setdefault(str(row.unit), []).append((str(row.desk), when, winner))
    return out


def _desks(year: int) -> dict[str, dict[str, str]]:
    """Per unit, each desk's call time (as in :func:`desk_calls`)."""
    return {u: {d: w for d, w, _ in c} for u, c in desk_calls(year).items()}


def _view_at(nc: Nowcast, unit: str, when: str | None) -> dict[str, Any] | None:
    """The model's margin, band and P(first) at the latest update before ``when`` (UTC)."""
    if when is None or not when.endswith("Z"):
        return None
    t = int(pd.Timestamp(when).timestamp())
    i = nc.latest(t).get(unit)
    if i is None:
        return None
    return {
        "updated_at": iso(int(nc.series.t[i])),
        "margin_mean": round(float(nc.mean[i]), 6),
        "lo": round(float(nc.lo[i]), 6),
        "hi": round(float(nc.hi[i]), 6),
        "p_first": round(float(nc.p_first[i]), 6),
    }


def electors_by_call(year: int, unit: str, electors: Mapping[str, int]) -> int:
    """Electors a call of ``unit`` decides: a district's one, the two at-large electors of a
    state that awards its districts separately, else the state's ``electors`` (the year's
    :func:`electoral.data.electors`, read once by the caller)."""
    if "-" in unit:
        return 1
    if unit in eras.DISTRICT_METHOD_SINCE and year >= eras.DISTRICT_METHOD_SINCE[unit]:
        return 2
    return int(electors.get(unit, 0))


def backtest(nc: Nowcast, year: int) -> Backtest:
    """Every unit's call against the truth and the desks; when the presidency was called."""
    s = nc.series
    truth, source = _truth(nc, year)
    desks = _desks(year)
    units: dict[str, UnitScore] = {}
    calls: list[tuple[int, str, str]] = []
    for u in s.units:
        c = nc.call(u)
        actual = truth.get(u)
        units[u] = UnitScore(
            u,
            c[0] if c else None,
            c[1] if c else None,
            actual[0] if actual else None,
            desks.get(u, {}),
            actual[1] if actual else None,
            _view_at(nc, u, desks.get(u, {}).get("AP")),
        )
        if c:
            calls.append((c[1], u, c[0]))
    electors = data.electors(year)
    majority = majority_of(sum(electors.values()))
    won: dict[str, int] = {}
    presidency = None
    for t, u, w in sorted(calls):
        won[w] = won.get(w, 0) + electors_by_call(year, u, electors)
        if won[w] >= majority:
            presidency = (w, t)
            break
    return Backtest(year, nc, units, source, presidency, majority)


def desks_presidency(year: int) -> dict[str, str]:
    """The desks' calls of the presidency (unit ``US``)."""
    return _desks(year).get("US", {})
