"""Packaged datasets: typed loaders, validated when first read.

The CSV files beside this module are built by ``scripts/build_data.py`` from public sources;
``PROVENANCE.md`` names each source and every correction.  They are read through
``importlib.resources`` and checked on load: the bytes against ``MANIFEST.json`` (content
hash, size, rows), the CSV strictly against its schema (``electoral.data.manifest``), then
states known, counts non-negative integers, no duplicate keys, every year's electors
summing to the college's size, recorded names in ``candidates.csv`` and recorded winners
leading the votes cast; a file that fails raises ``DataError`` naming the file, line and
field.  ``electoral.integrity`` adds the cross-checks that need the engine.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from electoral.data.manifest import read_table, read_text
from electoral.errors import DataError, RuleError
from electoral.names import NameBook
from electoral.states import DISTRICTS, state_codes

#: Electors in the whole college for the years since it reached its present size
#: (Census Bureau / NARA: 531 from 1912, 537 in 1960 with Alaska and Hawaii, 538 from 1964).
COLLEGE_SIZE = {
    # 1789-1908: electors allotted (House seats plus two per state in the Union), as the
    # National Archives' Electoral College tables total them; 1789 is the Constitution's
    # first apportionment (Art. I, sec. 2, cl. 3: 65 seats, 26 senators) less North
    # Carolina and Rhode Island, which had not ratified.
    1789: 81,
    1792: 135,
    1796: 138,
    1800: 138,
    1804: 176,
    1808: 176,
    1812: 218,
    1816: 221,
    1820: 235,
    1824: 261,
    1828: 261,
    1832: 288,
    1836: 294,
    1840: 294,
    1844: 275,
    1848: 290,
    1852: 296,
    1856: 296,
    1860: 303,
    1864: 234,
    1868: 294,
    1872: 366,
    1876: 369,
    1880: 369,
    1884: 401,
    1888: 401,
    1892: 444,
    1896: 447,
    1900: 447,
    1904: 476,
    1908: 483,
    **dict.fromkeys(range(1912, 1960, 4), 531),
    1960: 537,
    **dict.fromkeys(range(1964, 2100, 4), 538),
}

#: The last election year with packaged electors, and the last one its census governs.
LAST_RECORDED = 2024
LAST_APPORTIONED = 2028


def _open(name: str) -> pd.DataFrame:
    # Strict parse, typed columns, verified against MANIFEST.json (electoral.data.manifest).
    return read_table(name)


def _unique(name: str, df: pd.DataFrame, key: list[str]) -> None:
    dup = df.duplicated(key, keep="first")
    if bool(dup.any()):
        pos = int(dup.to_numpy().nonzero()[0][0])
        row = df.iloc[pos]
        first = int(((df[key] == row[key]).all(axis=1)).to_numpy().nonzero()[0][0])
        raise DataError(
            f"duplicate row for ({', '.join(str(row[k]) for k in key)}); first given on "
            f"line {first + 2}",
            file=f"electoral/data/{name}",
            line=pos + 2,
            field="candidate" if "candidate" in key else key[-1],
        )


def _names_known(name: str, df: pd.DataFrame, col: str = "candidate") -> None:
    known = set(candidates_table().candidate)
    _fail(name, df, ~df[col].isin(known), col, "not a candidate in candidates.csv")


def _fail(name: str, df: pd.DataFrame, bad: pd.Series, field: str, message: str) -> None:
    if bool(bad.any()):
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            f"{message} ({df.iloc[pos].to_dict()})",
            file=f"electoral/data/{name}",
            line=pos + 2,
            field=field,
        )


def _units_known(name: str, df: pd.DataFrame, col: str = "state") -> None:
    units = state_codes() | {d for ds in DISTRICTS.values() for d in ds}
    _fail(name, df, ~df[col].isin(units), col, "unknown state or district")


def _counts(name: str, df: pd.DataFrame, col: str) -> None:
    if not pd.api.types.is_integer_dtype(df[col]):
        num = pd.to_numeric(df[col], errors="coerce")
        _fail(name, df, num.isna() | (num != num.round()), col, "not an integer")
    _fail(name, df, df[col].astype("int64") < 0, col, "negative count")


@cache
def electors_table() -> pd.DataFrame:
    """Electors allotted per state and election, 1789-2024: columns year, state, electors."""
    name = "electors.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "electors")
    _unique(name, df, ["year", "state"])
    for year, total in df.groupby("year").electors.sum().items():
        want = COLLEGE_SIZE.get(int(str(year)))
        if want is None:
            _fail(name, df, df.year == year, "year", f"{year} is not a presidential election year")
        if int(total) != want:
            _fail(
                name,
                df,
                df.year == year,
                "electors",
                f"electors in {year} sum to {total}, the record says {want}",
            )
    return df


@cache
def returns_table() -> pd.DataFrame:
    """Statewide popular vote 1976-2024: columns year, state, candidate, party, votes."""
    name = "returns.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "votes")
    _unique(name, df, ["year", "state", "candidate", "party"])
    return df


@cache
def district_returns_table() -> pd.DataFrame:
    """Maine and Nebraska district returns.

    Columns: year, state (``ME-2``), candidate, party, votes, method.
    """
    name = "district_returns.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "votes")
    _fail(name, df, ~df.state.str.contains("-"), "state", "not a district")
    _unique(name, df, ["year", "state", "candidate", "party"])
    return df


@cache
def votes_cast_table() -> pd.DataFrame:
    """Electoral votes for president as cast: year, state, candidate, votes."""
    name = "electoral_votes_cast.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "votes")
    _fail(name, df, ~df.counted.isin([True, False]), "counted", "not True or False")
    _unique(name, df, ["year", "state", "candidate", "counted"])
    _names_known(name, df)
    allotted = electors_table().set_index(["year", "state"]).electors
    per_state = df.groupby(["year", "state"]).votes.sum()
    ballots = pd.Series(per_state.index.get_level_values("year") < 1804, index=per_state.index)
    limit = allotted.reindex(per_state.index).fillna(-1) * (1 + ballots.astype(int))
    over = per_state[per_state > limit]
    if len(over):
        year, st = over.index[0]
        _fail(
            name,
            df,
            (df.year == year) & (df.state == st),
            "votes",
            f"{st} cast {over.iloc[0]} electoral votes in {year}, more than its electors allow",
        )
    return df


@cache
def vice_president_table() -> pd.DataFrame:
    """National electoral votes for vice president, 1804-2024: year, candidate, votes."""
    name = "vice_president_votes.csv"
    df = _open(name)
    _counts(name, df, "votes")
    _unique(name, df, ["year", "candidate"])
    _names_known(name, df)
    return df


@cache
def outcomes_table() -> pd.DataFrame:
    """Who was elected: year, office (president / vice_president), winner, decided_by."""
    name = "outcomes.csv"
    df = _open(name)
    ok = {"electoral-college", "house", "senate"}
    _fail(name, df, ~df.decided_by.isin(ok), "decided_by", f"not one of {sorted(ok)}")
    offices = {"president", "vice_president"}
    _fail(name, df, ~df.office.isin(offices), "office", f"not one of {sorted(offices)}")
    _unique(name, df, ["year", "office"])
    _names_known(name, df, "winner")
    _winners_lead(name, df)
    return df


def _winners_lead(name: str, df: pd.DataFrame) -> None:
    """A president the Electoral College elected received the most electoral votes counted,
    and a majority of the electors (the outcome table agrees with the votes cast)."""
    cast = votes_cast_table()
    counted = cast[cast.counted].groupby(["year", "candidate"]).votes.sum()
    allotted = electors_table().groupby("year").electors.sum()
    rows = df[(df.office == "president") & (df.decided_by == "electoral-college")]
    for pos, (year, winner) in zip(
        rows.index, zip(rows.year, rows.winner, strict=True), strict=True
    ):
        if year not in counted.index.get_level_values("year"):
            continue
        votes = counted.loc[year]
        got = int(votes.get(winner, 0))
        if got < int(votes.max()) or 2 * got <= int(allotted.get(year, 0)) - _unappointed(year):
            raise DataError(
                f"{winner} is recorded as elected president by the Electoral College in "
                f"{year}, but the votes cast give {winner} {got} of {int(votes.sum())} "
                f"(most: {votes.idxmax()} {int(votes.max())})",
                file=f"electoral/data/{name}",
                line=int(pos) + 2,
                field="winner",
            )


def _unappointed(year: int) -> int:
    df = irregularities_table()
    return int(df[(df.year == year) & (df.kind == "not-appointed")].electors.sum())


@cache
def apportionment_table() -> pd.DataFrame:
    """House seats per state at each census (1910-2020) and population (1970-2020)."""
    name = "apportionment.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "seats")
    for census, seats in df.groupby("census").seats.sum().items():
        if int(seats) != 435:
            _fail(name, df, df.census == census, "seats", f"{census} seats sum to {seats}, not 435")
    return df


@cache
def candidates_table() -> pd.DataFrame:
    """Candidates: canonical name and a spelling (alias); every recorded name is listed."""
    name = "candidates.csv"
    df = _open(name)
    _unique(name, df, ["candidate", "alias"])
    return df


@cache
def name_book() -> NameBook:
    """Canonical candidate names for every spelling the packaged sources use."""
    name = "candidates.csv"
    df = candidates_table()
    try:
        return NameBook(zip(df.alias, df.candidate, strict=True))
    except ValueError as exc:
        raise DataError(str(exc), file=f"electoral/data/{name}", field="alias") from None


def electors(year: int) -> dict[str, int]:
    """Electors per state for an election year (1789-2024; 2028 uses the 2020 census)."""
    table = electors_table()
    if LAST_RECORDED < year <= LAST_APPORTIONED and year % 4 == 0:
        year = LAST_RECORDED
    rows = table[table.year == year]
    if rows.empty:
        years = sorted(set(table.year))
        raise RuleError(
            f"no electors for {year}: presidential election years are {years[0]}, "
            f"{years[1]}, ... {years[-1]}, and {LAST_APPORTIONED} (2020 census)"
        )
    return dict(zip(rows.state, rows.electors.astype(int), strict=True))


def returns_years() -> tuple[int, ...]:
    """Years with packaged statewide returns."""
    return tuple(sorted(int(y) for y in set(returns_table().year)))


def returns(year: int) -> pd.DataFrame:
    """The recorded returns of a year in long format: state, candidate, party, votes.

    Statewide rows first, then any Maine and Nebraska district rows.
    """
    if year not in returns_years():
        y = returns_years()
        raise RuleError(f"no popular-vote returns for {year} (returns cover {y[0]}-{y[-1]})")
    cols = ["state", "candidate", "party", "votes"]
    st = returns_table()
    ds = district_returns_table()
    return pd.concat(
        [st.loc[st.year == year, cols], ds.loc[ds.year == year, cols]], ignore_index=True
    )


def recorded_votes(year: int, *, counted: bool = True) -> dict[str, dict[str, int]]:
    """Electoral votes for president as recorded, per state: ``{"PA": {"Joe Biden": 20}}``.

    ``counted=False`` gives the votes cast that Congress did not count (1872: Greeley's).
    """
    df = votes_cast_table()
    rows = df[(df.year == year) & (df.counted == counted)]
    if counted and rows.empty:
        raise RuleError(f"no recorded electoral votes for {year}")
    out: dict[str, dict[str, int]] = {}
    for st, cand, v in rows[["state", "candidate", "votes"]].itertuples(index=False):
        out.setdefault(str(st), {})[str(cand)] = int(v)
    return out


def recorded_vice_president(year: int) -> dict[str, int]:
    """Electoral votes for vice president as recorded (national totals; empty before 1804)."""
    df = vice_president_table()
    rows = df[df.year == year]
    return dict(zip(rows.candidate.astype(str), rows.votes.astype(int), strict=True))


def recorded_outcome(year: int) -> dict[str, tuple[str, str]]:
    """``{"president": (winner, decided_by), "vice_president": (...)}`` as recorded."""
    df = outcomes_table()
    rows = df[df.year == year]
    return {
        str(o): (str(w), str(d))
        for o, w, d in rows[["office", "winner", "decided_by"]].itertuples(index=False)
    }


@cache
def irregularities_table() -> pd.DataFrame:
    """Electors not appointed, votes rejected, returns disputed: year, state, kind, electors,
    note.  ``excluded``: votes Congress declared it would not receive (1864), whose electors
    are not in the record's college; ``absent``: appointed electors who did not vote."""
    name = "irregularities.csv"
    df = _open(name)
    _units_known(name, df)
    _counts(name, df, "electors")
    kinds = {"not-appointed", "rejected", "disputed", "alternative", "excluded", "absent"}
    _fail(name, df, ~df.kind.isin(kinds), "kind", f"not one of {sorted(kinds)}")
    return df


@cache
def contingent_table() -> pd.DataFrame:
    """Recorded contingent elections: year (of the election), chamber, ballot_first,
    ballot_last, state (House rows), choice ("" = no vote), votes, members."""
    name = "contingent_elections.csv"
    df = _open(name)
    _fail(name, df, ~df.chamber.isin(["house", "senate"]), "chamber", "not house or senate")
    house = df[df.chamber == "house"]
    _units_known(name, house)
    _counts(name, df, "votes")
    return df


def irregularities(year: int) -> pd.DataFrame:
    """The year's irregularities (possibly none)."""
    df = irregularities_table()
    return df[df.year == year].reset_index(drop=True)


def house_ballots(year: int) -> list[tuple[int, int, dict[str, str | None]]]:
    """Recorded House ballots: ``[(first, last, {state: choice or None}), ...]``."""
    df = contingent_table()
    rows = df[(df.year == year) & (df.chamber == "house")]
    out = []
    for (first, last), g in rows.groupby(["ballot_first", "ballot_last"], sort=True):
        out.append(
            (
                int(str(first)),
                int(str(last)),
                {str(s): (str(c) or None) for s, c in zip(g.state, g.choice, strict=True)},
            )
        )
    return out


def senate_votes(year: int) -> tuple[dict[str, int], int]:
    """Recorded Senate vote for vice president: ``({choice: votes}, not voting)``."""
    df = contingent_table()
    rows = df[(df.year == year) & (df.chamber == "senate")]
    votes = {str(c): int(v) for c, v in zip(rows.choice, rows.votes, strict=True) if c}
    return votes, int(rows.loc[rows.choice == "", "votes"].sum())


def contingent_members(year: int, chamber: str) -> int | None:
    """States in the Union (House) or senators (Senate) at a recorded contingent election."""
    df = contingent_table()
    rows = df[(df.year == year) & (df.chamber == chamber)]
    return None if rows.empty else int(rows.members.iloc[0])


#: Columns of ``fundamentals.csv`` (see ``FUNDAMENTALS_PROVENANCE.md``); only the
#: ``outcome_*`` columns are unknown before the row's election.
FUNDAMENTALS_COLUMNS = (
    "year",
    "incumbent_party",
    "dem_incumbent",
    "incumbent_running",
    "first_term",
    "q2_gdp_growth",
    "june_net_approval",
    "q2_gdp_growth_released",
    "q2_gdp_growth_advance",
    "q2_gdp_advance_released",
    "june_approval_poll_end",
    "inputs_source",
    "outcome_dem_two_party",
    "outcome_incumbent_two_party",
    "outcome_source",
)


@cache
def _fundamentals() -> pd.DataFrame:
    name = "fundamentals.csv"
    df = _open(name)
    for col in FUNDAMENTALS_COLUMNS:
        if col not in df.columns:
            raise DataError(f"missing column {col!r}", file=f"electoral/data/{name}", line=1)
    # the table has no schema in electoral.data.manifest: its columns arrive as text
    year = pd.to_numeric(df.year.astype(str).str.strip(), errors="coerce")
    # NaN, inf, 1e20 and 1948.5 all fail here (not at astype, with a traceback or truncated)
    _fail(name, df, ~year.between(0, 9999) | (year % 1 != 0), "year", "not a whole number")
    df["year"] = year.astype("int64")
    _fail(name, df, df.year % 4 != 0, "year", "not a presidential election year")
    _fail(name, df, ~df.incumbent_party.isin(["D", "R"]), "incumbent_party", "not D or R")
    for col in ("dem_incumbent", "incumbent_running", "first_term"):
        _fail(name, df, ~df[col].isin([0, 1, "0", "1", ""]), col, "not 0 or 1")
    for col in ("q2_gdp_growth", "june_net_approval", "q2_gdp_growth_advance"):
        text = df[col].astype(str).str.strip()
        num = pd.to_numeric(text.where(text != ""), errors="coerce")
        _fail(name, df, (text != "") & ~num.between(-100, 100), col, "not a number")
        df[col] = num.astype(float)
    for col in ("q2_gdp_growth_released", "q2_gdp_advance_released", "june_approval_poll_end"):
        text = df[col].astype(str).str.strip()
        day = pd.to_datetime(text.where(text != ""), format="%Y-%m-%d", errors="coerce")
        _fail(name, df, (text != "") & day.isna(), col, "not an ISO date")
        _fail(name, df, day.dt.year > df.year, col, "after the election year")
        df[col] = day.astype("datetime64[ns]")
    held = df.outcome_source.astype(str) != ""
    for col in ("outcome_dem_two_party", "outcome_incumbent_two_party"):
        text = df[col].astype(str).str.strip()
        num = pd.to_numeric(text.where(text != ""), errors="coerce")
        _fail(name, df, held & ~num.between(0, 100), col, "not a share in 0-100")
        _fail(name, df, ~held & num.notna(), col, "an outcome without its source")
        df[col] = num.astype(float)
    for col in ("dem_incumbent", "incumbent_running", "first_term"):
        text = df[col].astype(str).str.strip()
        df[col] = pd.to_numeric(text.where(text != ""), errors="coerce")
    return df


def fundamentals(as_of: int | None = None) -> pd.DataFrame:
    """Time-for-change inputs and national two-party results, one row per election 1948-2028.

    Columns :data:`FUNDAMENTALS_COLUMNS`; numbers as floats (NaN where not sourced), the
    ``*_released`` / ``*_poll_end`` columns as dates (NaT where unknown).  2028 has only its
    incumbency (its economy, approval and outcome are NaN).  With ``as_of=Y``
    only what was knowable before the election of ``Y`` is returned: the rows of earlier
    elections and the row of ``Y`` with its ``outcome_*`` columns blank (NaN).
    """
    df = _fundamentals().copy()
    if as_of is None:
        return df
    if as_of not in set(df.year):
        y = sorted(int(v) for v in df.year)
        raise RuleError(f"no fundamentals for {as_of} (years {y[0]}-{y[-1]}, every 4)")
    df = df[df.year <= as_of].reset_index(drop=True)
    now = df.year == as_of
    df.loc[now, ["outcome_dem_two_party", "outcome_incumbent_two_party"]] = float("nan")
    df.loc[now, "outcome_source"] = ""
    return df


def provenance() -> str:
    """The provenance notes of the packaged datasets (Markdown)."""
    return read_text("PROVENANCE.md")
