"""The map of an election as it was: each candidate's party, and what each of today's states
was on Election Day (a voting state, part of another state, a territory, not yet in the
Union, seceded, or a state whose electors were not appointed or whose votes were rejected).

Read from the packaged ``parties.csv`` and ``statehood.csv`` (built by
``scripts/build_parties.py``; sources in ``MAP_PROVENANCE.md``), ``electors.csv`` and
``irregularities.csv``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from electoral import data
from electoral.data.manifest import read_table
from electoral.errors import RuleError
from electoral.states import all_states

#: The kinds of state on a historical map, in the legend's order.
STATUSES = (
    "voted",
    "part-of",
    "not-appointed",
    "rejected",
    "seceded",
    "territory",
    "not-yet-a-state",
)


@cache
def _parties() -> pd.DataFrame:
    return read_table("parties.csv")


@cache
def _statehood() -> pd.DataFrame:
    return read_table("statehood.csv")


def party_of(year: int) -> dict[str, str]:
    """Each candidate with electoral votes in ``year`` and their party ("" for none)."""
    df = _parties()
    rows = df[df.year == year]
    return dict(zip(rows.candidate, rows.party, strict=True))


@dataclass(frozen=True)
class StateOnMap:
    """One of today's states on an election's map."""

    state: str
    status: str
    note: str
    drawn_with: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "note": self.note, "drawn_with": self.drawn_with}


def _election_day(year: int) -> dt.date:
    # The first election ran from December 1788 to January 1789; later ones in the autumn.
    return dt.date(1789, 1, 7) if year == 1789 else dt.date(year, 11, 1)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def map_status(year: int) -> dict[str, StateOnMap]:
    """What each of the 50 states and DC was in the election of ``year``."""
    table = _statehood()
    seceded = set(table.state[table.source == f"seceded:{year}"])
    body = table[~table.source.str.startswith("seceded:")]
    rows = {
        str(r["state"]): {str(k): str(v) for k, v in r.items()} for r in body.to_dict("records")
    }
    irr_df = data.irregularities(year)
    irregular = {
        str(s): (str(k), str(n))
        for s, k, n in zip(irr_df.state, irr_df.kind, irr_df.note, strict=True)
    }
    try:
        appointed = data.electors(year)
    except RuleError:  # a year without electors has no voting states
        appointed = {}
    day = _election_day(year)
    out: dict[str, StateOnMap] = {}
    for s in all_states():
        code = s.code
        r = rows[code]
        admitted = _date(r["admitted"])
        organized = _date(r["organized"])
        within = r["drawn_with"] and int(r["from"]) <= year < int(r["until"])
        host = r["drawn_with"] if within else None
        irr = irregular.get(code)
        if irr is not None and irr[0] in ("not-appointed", "rejected"):
            out[code] = StateOnMap(code, irr[0], irr[1])
        elif code in appointed:
            out[code] = StateOnMap(code, "voted", "")
        elif code in seceded:
            why = "had seceded" if year == 1864 else "not yet readmitted after secession"
            out[code] = StateOnMap(code, "seceded", f"{s.name} {why}: no electors")
        elif host is not None and (admitted is None or admitted > day):
            if organized is not None and organized <= day:
                note = f"part of the same territory as {host} (admitted {admitted})"
                out[code] = StateOnMap(code, "territory", note, host)
            else:
                out[code] = StateOnMap(code, "part-of", f"part of {host} until {admitted}", host)
        elif code == "DC" and organized is not None and organized <= day:
            note = "the federal district: no electors before the 23rd Amendment (1961)"
            out[code] = StateOnMap(code, "territory", note)
        elif admitted is not None and admitted <= day:
            out[code] = StateOnMap(code, "not-appointed", f"{s.name} chose no electors")
        elif organized is not None and organized <= day:
            out[code] = StateOnMap(code, "territory", f"a territory (admitted {admitted})")
        elif code in ("NC", "RI"):
            note = f"had not yet ratified the Constitution (ratified {admitted})"
            out[code] = StateOnMap(code, "not-yet-a-state", note)
        else:
            out[code] = StateOnMap(
                code, "not-yet-a-state", f"not yet a state (admitted {admitted})"
            )
    return out


@cache
def _popular() -> pd.DataFrame:
    return read_table("popular_votes_1824_1972.csv")  # typed by manifest.SCHEMAS


def popular_votes(year: int) -> dict[str, dict[str, int]]:
    """Statewide popular votes of the candidates with electoral votes, 1824-1972 (empty
    for other years: the legislatures chose before, the returns cover 1976 on)."""
    df = _popular()
    rows = df[df.year == year]
    out: dict[str, dict[str, int]] = {}
    for st, cand, votes in zip(rows.state, rows.candidate, rows.votes, strict=True):
        out.setdefault(str(st), {})[str(cand)] = int(votes)
    return out


def map_json(year: int) -> dict[str, Any]:
    """``party_of``, ``map_status`` and (1824-1972) ``popular`` of ``year`` for the page."""
    return {
        "party_of": party_of(year),
        "map": {code: st.to_dict() for code, st in map_status(year).items()},
        "popular": popular_votes(year),
    }
