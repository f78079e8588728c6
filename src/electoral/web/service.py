"""The engine as the web app asks it: plain-JSON documents, memoised where they are pure.

Every document is a result object's ``to_dict()``, with a few keys added for the map
(parties, the tipping point of a scenario, who would go to the House).  Nothing here knows
about HTTP; the routes turn these functions' errors into status codes.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from electoral import data
from electoral.analysis.board import board
from electoral.analysis.scenario import Scenario, run
from electoral.analysis.tipping import tipping_point
from electoral.engine import election, recorded_returns
from electoral.errors import DataError, RuleError
from electoral.history_map import map_json
from electoral.rules.eras import election_years
from electoral.states import DISTRICTS, all_states
from electoral.web.models import ScenarioSpec

if TYPE_CHECKING:
    from electoral.forecast.forecaster import ForecastModel
    from electoral.forecast.result import ExactResult

#: Evaluated scenarios kept in memory (each a few kilobytes of JSON).
EVALUATE_CACHE = 1024
#: Poll averages, and fitted models with their exact distribution (the slow part: seconds),
#: kept in memory by (year, as-of date).
MODEL_CACHE = 16


@cache
def recorded_years() -> tuple[int, ...]:
    """Years whose electoral votes are recorded (1789-2024)."""
    return tuple(y for y in election_years() if data.recorded_outcome(y))


@cache
def returns_years() -> tuple[int, ...]:
    """Years with popular-vote returns: the bases a scenario can start from."""
    return data.returns_years()


def states() -> list[dict[str, Any]]:
    """The 50 states and DC with their FIPS codes (the map's keys) and districts."""
    return [
        {
            "code": s.code,
            "name": s.name,
            "fips": s.fips,
            "districts": list(DISTRICTS.get(s.code, ())),
        }
        for s in all_states()
    ]


@cache
def parties(year: int) -> dict[str, str]:
    """Each candidate's party label in the year's returns (empty before the returns begin)."""
    if year not in returns_years():
        return {}
    rows = data.returns(year)
    totals = rows.groupby(["candidate", "party"]).votes.sum().sort_values(ascending=False)
    out: dict[str, str] = {}
    for cand, party in totals.index.to_list():
        if party and str(cand) not in out:
            out[str(cand)] = str(party)
    return out


@lru_cache(maxsize=64)
def election_json(year: int) -> bytes:
    """``election(year).to_dict()`` plus ``parties``, as JSON bytes."""
    d = election(year).to_dict()
    d["parties"] = parties(year)
    d["apportionment"] = apportionment(year)
    d.update(map_json(year))  # party_of (every year) and what each state was (map)
    return _dumps(d)


def apportionment(year: int) -> dict[str, Any]:
    """The House in force at the election of ``year`` under its census's law: the census,
    the House size and each state's seats (admissions and transfers since the census
    included), the method and act; 1789 has the Constitution's 65 seats."""
    from electoral.rules.census_law import CONSTITUTION, electors_by_law, law

    e = electors_by_law(year)
    rule = None if e.census is None else law(e.census)
    return {
        "census": e.census,
        "house_size": sum(e.seats.values()),
        "seats": dict(sorted(e.seats.items())),
        "method": "constitution" if rule is None else rule.method,
        "apportioned_house_size": 65 if rule is None else rule.house_size,
        "act": CONSTITUTION if rule is None else rule.act,
        "changes": e.to_dict()["changes"],
        "not_appointed": dict(e.not_appointed),
    }


def resolve_flip(year: int, value: str) -> str:
    """A flip names a candidate or a party of the base year's returns (``"DEM"``)."""
    by_party: dict[str, str] = {}
    for cand, party in parties(year).items():
        by_party.setdefault(party.upper(), cand)
    return by_party.get(value.strip().upper(), value)


def canonical(spec: ScenarioSpec) -> dict[str, Any]:
    """The spec as stored and shared: flips sorted, parties named as candidates, tossups
    sorted and unique."""
    return {
        "base": spec.base,
        "flips": {u: resolve_flip(spec.base, c) for u, c in sorted(spec.flips.items())},
        "tossups": sorted(set(spec.tossups)),
        "title": spec.title,
    }


def evaluate(spec: ScenarioSpec) -> bytes:
    """Count a scenario: the outcome, the tipping point, paths over the tossups and who goes
    to the House without a majority (JSON bytes)."""
    try:
        return _evaluate(json.dumps(canonical(spec), sort_keys=True))
    except DataError as exc:
        if exc.file is not None:
            raise
        # The engine names the scenario's field; here the fault is in the posted spec.
        field = {"flip": "flips", "tossup": "tossups"}.get(exc.field or "", exc.field)
        raise DataError(exc.message, file="spec", field=field) from None


@lru_cache(maxsize=EVALUATE_CACHE)
def _evaluate(key: str) -> bytes:
    spec = json.loads(key)
    year = int(spec["base"])
    r = run(Scenario(year, year=year, flips=spec["flips"], tossups=spec["tossups"]))
    b = board(r.result)
    d = r.to_dict()
    d["spec"] = spec
    party = parties(year)
    d["candidates"] = [{"name": c, "party": party.get(c)} for c in (b.a, b.b)]
    d["tipping_point"] = tipping_point(b).to_dict()
    d["tipping_point"]["note"] = "over the scenario's returns, tossups counted as they voted"
    p = r.president
    house = None
    if p.winner is None and p.contingent is not None:
        house = {
            "candidates": list(p.contingent.candidates),
            "rule": p.contingent.rule,
            "reason": f"nobody has a majority ({p.majority} of {p.electors})",
        }
    d["house"] = house
    paths = d.get("paths")
    if paths:  # counts past 2**53 lose digits as JSON numbers in a browser: also as text
        d["paths_exact"] = {
            "combinations": str(paths["combinations"]),
            "ties": str(paths["ties"]),
            "no_majority": str(paths["no_majority"]),
            "wins": {c: str(n) for c, n in paths["wins"].items()},
        }
    return _dumps(d)


def check_units(spec: ScenarioSpec) -> None:
    """Units that no scenario of the base year has are a 422, before any counting."""
    units = set(recorded_returns(spec.base).rows.unit)
    for what, names in (("flips", list(spec.flips)), ("tossups", spec.tossups)):
        for u in names:
            if u not in units:
                raise DataError(
                    f"{u!r} is not a unit of the {spec.base} returns", file="spec", field=what
                )


def _dumps(d: dict[str, Any]) -> bytes:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@lru_cache(maxsize=16)
def analysis_json(year: int) -> bytes:
    """``analyze(year).to_dict()`` as JSON bytes."""
    from electoral.analysis.report import analyze

    return _dumps(analyze(year).to_dict())


# --- Forecasts ---------------------------------------------------------------------------
# A forecast is ``electoral.forecast.run.forecast(...)`` over the packaged polls, built in
# steps so that the slow ones are shared: the poll average and the fitted model with its
# exact distribution depend on (year, as-of date) only; the simulation (a fraction of a
# second) on the number of simulations and the seed as well.

#: One lock per (year, as-of date) stripe: concurrent requests for the same model wait for
#: one computation instead of each doing it.
_MODEL_LOCKS = tuple(threading.Lock() for _ in range(16))


@cache
def forecast_years() -> tuple[int, ...]:
    """Years with packaged polls: the years a forecast can be made for."""
    from electoral.data.polls import POLL_YEARS

    return tuple(POLL_YEARS)


def _election_day(year: int) -> dt.date:
    from electoral.rules.calendar import calendar

    day = calendar(year).election_day.date
    if day is None:  # pragma: no cover - every poll year has one Election Day
        raise RuleError(f"no single Election Day in {year}")
    return day


@cache
def forecast_info(year: int) -> dict[str, Any]:
    """What the forecast view needs before asking for a forecast: Election Day, the default
    as-of date (the eve), the dates the packaged polls span and the two candidates."""
    from electoral.data.polls import polls

    frame = polls(year)
    eday = _election_day(year)
    return {
        "year": year,
        "election_day": eday.isoformat(),
        "default_as_of": (eday - dt.timedelta(days=1)).isoformat(),
        "polls_from": frame.end_date.min().date().isoformat(),
        "polls_to": frame.end_date.max().date().isoformat(),
        "polls": len(frame),
        "candidates": {
            "dem": str(frame.dem_candidate.iloc[0]),
            "rep": str(frame.rep_candidate.iloc[0]),
        },
    }


def forecast_as_of(year: int, as_of: dt.date | None) -> dt.date:
    """The as-of date a forecast uses: the eve of the election by default; within the
    campaign, after the first packaged poll ended and no later than Election Day (a 422
    otherwise, before any work)."""
    eday = _election_day(year)
    day = eday - dt.timedelta(days=1) if as_of is None else as_of
    if day > eday:
        raise DataError(
            f"{day.isoformat()} is after Election Day ({eday.isoformat()})",
            file="query",
            field="as_of",
        )
    first = dt.date.fromisoformat(forecast_info(year)["polls_from"])
    if day <= first:
        raise DataError(
            f"{day.isoformat()} is before the campaign's polls: the first ended "
            f"{first.isoformat()}, so the earliest forecast is as of "
            f"{(first + dt.timedelta(days=1)).isoformat()}",
            file="query",
            field="as_of",
        )
    return day


@lru_cache(maxsize=MODEL_CACHE)
def _fitted(year: int, as_of: dt.date) -> tuple[ForecastModel, ExactResult]:
    from electoral.data.polls import polls
    from electoral.forecast.exact import exact_distribution
    from electoral.forecast.forecaster import ForecastModel

    fitted = ForecastModel().fit(polls(year), year=year, as_of=as_of)
    return fitted, exact_distribution(fitted.model_)


def _model(year: int, as_of: dt.date) -> tuple[ForecastModel, ExactResult]:
    with _MODEL_LOCKS[hash((year, as_of)) % len(_MODEL_LOCKS)]:
        return _fitted(year, as_of)


def forecast_json(year: int, as_of: dt.date | None, sims: int, seed: int) -> bytes:
    """``Forecast.to_dict()`` of the packaged polls of ``year`` as of ``as_of`` (default the
    eve), as JSON bytes: the same document as ``electoral forecast --json``.  Not memoised
    here: the web's forecast pool caches these bytes by the same normalised key."""
    import numpy as np

    from electoral.forecast.montecarlo import simulate
    from electoral.forecast.result import Forecast

    day = forecast_as_of(year, as_of)
    fitted, exact = _model(year, day)  # the slow part, computed once even when requests race
    sim = simulate(fitted.model_, sims, rng=np.random.default_rng(seed))
    return _dumps(Forecast(fitted, sim, exact, day, seed, "packaged").to_dict())


@lru_cache(maxsize=8)
def daily_json(year: int) -> bytes:
    """The campaign's daily series of ``year`` (``electoral forecast --daily --json``'s
    document), computed once per year."""
    from electoral.data.polls import polls
    from electoral.forecast.daily import daily

    with _MODEL_LOCKS[hash((year, "daily")) % len(_MODEL_LOCKS)]:
        return _dumps(daily(polls(year), year=year).to_dict())
