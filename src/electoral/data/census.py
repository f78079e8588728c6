"""Packaged apportionments 1790-1930: seats, populations, acts, admissions and transfers.

``apportionment_1790_1930.csv`` holds one row per state apportioned under each census 1790
to 1900 and 1930 (seats from the House Historian's table; populations official for 1790,
1820, 1830, 1870, 1880, 1900, *derived* for 1800, 1810, 1840, 1850, 1860, none for 1890 and
1930).  ``apportionment_acts.csv`` holds the act of each census and every admission or
transfer of seats before the next.  Both are built by ``scripts/build_census.py``;
``APPORTIONMENT_PROVENANCE.md`` names the sources.  Checked on load: a bad row raises
``DataError`` naming the file, line and field.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from electoral.data import _fail
from electoral.data.manifest import MAX_INT, read_table, read_text

SEATS_FILE = "apportionment_1790_1930.csv"
ACTS_FILE = "apportionment_acts.csv"
POPULATION_KINDS = frozenset({"official", "derived", ""})
ACT_KINDS = frozenset({"act", "admission", "transfer"})


def _open(name: str) -> pd.DataFrame:
    # UTF-8, row count and content hash verified against MANIFEST.json
    return read_table(name)


def _ints(name: str, df: pd.DataFrame, col: str, *, blank: bool = False) -> pd.Series:
    text = df[col].str.strip()
    # ASCII digits (``\d`` takes any script's), and few enough to be below MAX_INT
    ok = text.str.fullmatch(r"[0-9]+") & (text.str.len() < len(str(MAX_INT)))
    ok |= (text == "") if blank else False
    _fail(name, df, ~ok, col, "not a whole number")
    return pd.to_numeric(text.replace("", None)).astype("Int64")


@cache
def early_apportionment_table() -> pd.DataFrame:
    """Seats per state under the censuses 1790-1900 and 1930: census, state, population
    (``<NA>`` where none), population_kind (official / derived / ""), seats, verified,
    source."""
    from electoral.states import state_codes

    name = SEATS_FILE
    df = _open(name)
    _fail(name, df, ~df.state.isin(state_codes()), "state", "unknown state")
    out = df.assign(
        census=_ints(name, df, "census").astype(int),
        population=_ints(name, df, "population", blank=True),
        seats=_ints(name, df, "seats").astype(int),
    )
    _fail(name, df, out.seats < 1, "seats", "a state has at least one seat")
    _fail(name, df, ~df.population_kind.isin(POPULATION_KINDS), "population_kind", "unknown")
    _fail(
        name,
        df,
        out.population.isna() != (df.population_kind == ""),
        "population_kind",
        "a kind exactly where there is a population",
    )
    return out


@cache
def apportionment_acts_table() -> pd.DataFrame:
    """The acts, admissions and transfers: census, kind, date, state, from_state, seats
    (``<NA>`` on act rows), house_size, ratio, act, method, notes, source."""
    name = ACTS_FILE
    df = _open(name)
    _fail(name, df, ~df.kind.isin(ACT_KINDS), "kind", f"not one of {sorted(ACT_KINDS)}")
    change = df.kind != "act"
    _fail(name, df, change & (df.date == ""), "date", "an admission or transfer needs a date")
    dates = pd.to_datetime(df.date.replace("", None), format="%Y-%m-%d", errors="coerce")
    _fail(name, df, change & dates.isna(), "date", "not a date YYYY-MM-DD")
    return df.assign(
        census=_ints(name, df, "census").astype(int),
        seats=_ints(name, df, "seats", blank=True),
        house_size=_ints(name, df, "house_size").astype(int),
        ratio=_ints(name, df, "ratio", blank=True),
        date=dates.dt.date,
    )


def apportionment_provenance() -> str:
    """The provenance notes of the 1790-1930 apportionment datasets (Markdown)."""
    return read_text("APPORTIONMENT_PROVENANCE.md")
