"""The engine as the web app asks it: plain-JSON documents, memoised where they are pure.

Every document is a result object's ``to_dict()``, with a few keys added for the map
(parties, the tipping point of a scenario, who would go to the House).  Nothing here knows
about HTTP; the routes turn these functions' errors into status codes.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any

from electoral import data
from electoral.analysis.board import board
from electoral.analysis.scenario import Scenario, base_returns, run
from electoral.analysis.tipping import tipping_point
from electoral.engine import election
from electoral.errors import DataError
from electoral.returns import Returns
from electoral.rules.eras import election_years
from electoral.states import DISTRICTS, all_states
from electoral.web.models import ScenarioSpec

#: Evaluated scenarios kept in memory (each a few kilobytes of JSON).
EVALUATE_CACHE = 1024


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
    return _dumps(d)


@cache
def _base(year: int) -> Returns:
    return base_returns(year)


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
        if exc.file is None or not exc.file.startswith("--"):
            raise
        # The engine names the CLI's options; here the fault is in the posted spec.
        field = {"flip": "flips", "tossup": "tossups"}.get(exc.field or "", exc.field)
        raise DataError(exc.message, file="spec", field=field) from None


@lru_cache(maxsize=EVALUATE_CACHE)
def _evaluate(key: str) -> bytes:
    spec = json.loads(key)
    year = int(spec["base"])
    r = run(Scenario(_base(year), year=year, flips=spec["flips"], tossups=spec["tossups"]))
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
    return _dumps(d)


def check_units(spec: ScenarioSpec) -> None:
    """Units that no scenario of the base year has are a 422, before any counting."""
    units = set(_base(spec.base).rows.unit)
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
