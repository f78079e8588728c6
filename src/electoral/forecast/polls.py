"""Poll files of every supported format -> the common schema, one row per poll.

Formats (detected from the header, or named with ``fmt``):

``economist``
    The Economist / HuffPost Pollster files (``all_polls_2008.csv`` ... ``2016``): one row
    per poll version, candidates as columns (``obama``, ``mccain``), ``state`` ``--`` for
    national, sub-population rows ("Likely Voters - Democrat") that are not polls.
``fte2016``
    538's 2016 file: each poll up to three times, once per model ``type``; districts as
    "Maine CD-2".
``fte2020``, ``fte``
    538's ``president_polls.csv``: 2020's 38 columns, and the header of 2022 on (any
    cycle: 2024, 2028 ...); one row per answer, questions paired by ``question_id``,
    several questions per poll.  Questions a model cannot use (another office, stage or
    cycle, a blank population, a sub-population, ranked-choice rounds, hypothetical
    match-ups, a pair that is not the candidates on the poll's dates) are skipped and
    counted by reason in ``frame.attrs["skipped"]`` (``electoral.forecast.fte_polls``).
``common``
    :data:`POLL_COLUMNS` itself (what ``scripts/build_polls.py`` packages); one match-up,
    the year's candidates on each poll's dates.

Every file is about one election (``attrs["year"]``): 538's ``cycle``, else the first
election on or after the median end date; asking for another year is an error.

One poll is counted once.  Among the versions a source gives of one poll (same poll id, or
for the Economist same unit, pollster and dates), the loader keeps (1) the most preferred
population, likely voters > registered voters > voters > adults; (2) the fullest ballot:
the question naming most candidates (538 2020), or where candidates are not listed the
version with the smallest Democratic + Republican total, i.e. the most respondents left to
others (the Economist's model keeps that one: ``arrange(two_party_sum)`` then
``distinct``); (3) versions still tied -- turnout models, question wordings of one ballot --
are averaged, as 538 does (its ``multiversions`` flag).  The counts of each step are in
``frame.attrs["stats"]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from electoral.data import name_book
from electoral.data.polls import OPTIONAL_POLL_COLUMNS, POLL_COLUMNS, POPULATIONS, check_polls
from electoral.errors import DataError
from electoral.forecast.fte_polls import REQUIRED as FTE_REQUIRED
from electoral.forecast.fte_polls import election_year, parse_fte
from electoral.forecast.nominees import nominee_on, pair_on, schedule
from electoral.forecast.poll_rows import Rows, read_rows
from electoral.forecast.pollsters import CD_ONLY, VERSION_TAG, pollster_name
from electoral.states import DISTRICTS

__all__ = ["FORMATS", "POLL_COLUMNS", "detect_format", "for_forecast", "read_polls"]

FORMATS = ("economist", "fte2016", "fte2020", "fte", "common")
#: Nominees a column or answer may name: surname -> (full name, party).
_NOMINEES = {
    "obama": ("Barack Obama", "dem"),
    "mccain": ("John McCain", "rep"),
    "romney": ("Mitt Romney", "rep"),
    "clinton": ("Hillary Clinton", "dem"),
    "trump": ("Donald Trump", "rep"),
    "biden": ("Joe Biden", "dem"),
}
_REQUIRED = {
    "economist": (
        "state",
        "pollster",
        "number.of.observations",
        "start.date",
        "end.date",
        "population",
    ),
    "fte2016": (
        "type",
        "state",
        "startdate",
        "enddate",
        "pollster",
        "samplesize",
        "population",
        "poll_id",
        "question_id",
    ),
}
_REQUIRED.update(FTE_REQUIRED)
_ECON_POPULATION = {"likely voters": "lv", "registered voters": "rv", "voters": "v", "adults": "a"}
_FTE2016_TYPES = ("polls-only", "polls-plus", "now-cast")


def detect_format(columns: list[str] | pd.Index) -> str | None:
    """The format a header belongs to, or None."""
    cols = set(columns)
    if set(POLL_COLUMNS) - set(OPTIONAL_POLL_COLUMNS) <= cols:
        return "common"
    first = ("fte", "fte2020") if "party" in cols else ("fte2020", "fte")
    for fmt in (*first, "fte2016", "economist"):
        if len(cols & set(_REQUIRED[fmt])) >= len(_REQUIRED[fmt]) - 2:
            return fmt
    return None


def _nominee_columns(rows: Rows, prefix: str) -> tuple[str, str]:
    """The columns holding the Democratic and the Republican nominee's share."""
    found: dict[str, str] = {}
    for col in rows.frame.columns:
        surname = col.removeprefix(prefix) if col.startswith(prefix) else ""
        if surname in _NOMINEES:
            found.setdefault(_NOMINEES[surname][1], col)
    for party in ("dem", "rep"):
        if party not in found:
            names = [prefix + s for s, (_, p) in _NOMINEES.items() if p == party]
            raise DataError(
                f"no column for the {party} nominee (expected one of {names})",
                file=rows.file,
                line=1,
                field=prefix + "<candidate>",
            )
    return found["dem"], found["rep"]


def _canonical(col: str, prefix: str) -> str:
    """The canonical name (``electoral.data.name_book``) of a nominee column's candidate."""
    return name_book().canonical(_NOMINEES[col.removeprefix(prefix)][0])


def _economist(rows: Rows, stats: dict[str, int]) -> pd.DataFrame:
    f = rows.frame
    dem_col, rep_col = _nominee_columns(rows, "")
    pop_text = f.population.str.strip().str.lower()
    sub = pop_text.str.contains(" - ", regex=False)
    base = pop_text.str.split(" - ").str[0]
    rows.fail(~base.isin(list(_ECON_POPULATION)), "population", "unknown population")
    out = pd.DataFrame({"line": rows.lines, "unit": rows.unit("state", {"--"})})
    cd = f.pollster.str.extract(CD_ONLY, expand=False)
    district = out.unit + "-" + cd.fillna("")
    known = {d for ds in DISTRICTS.values() for d in ds}
    rows.fail(cd.notna() & ~district.isin(known), "pollster", "a district poll, unknown district")
    out["unit"] = out.unit.where(cd.isna(), district)
    out["pollster"] = pollster_name(f.pollster)
    out["start_date"], out["end_date"] = rows.date("start.date"), rows.date("end.date")
    rows.fail(out.end_date < out.start_date, "end.date", "poll ends before it starts")
    out["sample_size"] = rows.number("number.of.observations", 1, 1e7, optional=True)
    out["population"] = base.map(_ECON_POPULATION)
    out["mode"] = f["mode"].where(~rows.missing("mode"), "") if "mode" in f else ""
    out["dem"], out["rep"] = rows.number(dem_col, 0, 100), rows.number(rep_col, 0, 100)
    out["dem_candidate"], out["rep_candidate"] = _canonical(dem_col, ""), _canonical(rep_col, "")
    out["ballot"] = -(out.dem + out.rep)
    stats["subpopulation_rows"] = int(sub.sum())
    out = out[~sub.to_numpy()]
    key = out.unit + "|" + out.pollster + "|" + out.start_date.dt.strftime("%Y-%m-%d") + "|"
    key = key + out.end_date.dt.strftime("%Y-%m-%d")
    year = int(out.end_date.max().year) if len(out) else 0
    digest = key.map(lambda k: hashlib.sha1(k.encode(), usedforsecurity=False).hexdigest()[:10])
    out["poll_id"] = f"econ{year}-" + digest
    # Versions tagged "(Expanded)*", "(Traditional)*", "(Lake)*" are turnout models of one
    # ballot: make them tie, so that they are averaged.
    tagged = f.pollster.str.contains(VERSION_TAG)[~sub.to_numpy()]
    tied = out.ballot.groupby([out.poll_id, tagged]).transform("mean")
    out["ballot"] = out.ballot.where(~tagged, tied)
    out["source"] = f"economist-{year}"
    out["known_from"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    return out


def _fte2016(rows: Rows, stats: dict[str, int]) -> pd.DataFrame:
    f = rows.frame
    dem_col, rep_col = _nominee_columns(rows, "rawpoll_")
    rows.fail(~f.type.isin(_FTE2016_TYPES), "type", f"not one of {_FTE2016_TYPES}")
    rank = f.type.map({t: i for i, t in enumerate(_FTE2016_TYPES)})
    keep = (rank == rank.groupby(f.question_id).transform("min")).to_numpy()
    stats["model_type_copies"] = int((~keep).sum())
    out = pd.DataFrame({"line": rows.lines, "unit": rows.unit("state", {"U.S."})})
    out["pollster"] = pollster_name(f.pollster)
    out["start_date"], out["end_date"] = rows.date("startdate"), rows.date("enddate")
    rows.fail(out.end_date < out.start_date, "enddate", "poll ends before it starts")
    out["sample_size"] = rows.number("samplesize", 1, 1e7, optional=True)
    pop = f.population.str.strip().str.lower()
    rows.fail(~pop.isin(POPULATIONS), "population", f"not one of {POPULATIONS}")
    out["population"], out["mode"] = pop, ""
    out["dem"], out["rep"] = rows.number(dem_col, 0, 100), rows.number(rep_col, 0, 100)
    others = [c for c in f.columns if c.startswith("rawpoll_")]
    out["ballot"] = (~pd.concat([rows.missing(c) for c in others], axis=1)).sum(axis=1)
    out["dem_candidate"] = _canonical(dem_col, "rawpoll_")
    out["rep_candidate"] = _canonical(rep_col, "rawpoll_")
    out["poll_id"] = "fte2016-" + f.poll_id.str.strip()
    out["source"] = "fte-2016"
    out["known_from"] = rows.listed("createddate")
    return out[keep]


def _one_per_poll(v: pd.DataFrame, stats: dict[str, int]) -> pd.DataFrame:
    """Keep the preferred population, then the fullest ballot; average what is still tied."""
    v = v.assign(pop_rank=v.population.map({p: i for i, p in enumerate(POPULATIONS)}))
    best_pop = v.pop_rank == v.groupby("poll_id").pop_rank.transform("min")
    stats["other_population_versions"] = int((~best_pop).sum())
    v = v[best_pop]
    full = v.ballot == v.groupby("poll_id").ballot.transform("max")
    stats["shorter_ballot_versions"] = int((~full).sum())
    v = v[full].sort_values("line")
    g = v.groupby("poll_id", sort=False)
    out = g.first()
    out[["dem", "rep"]] = g[["dem", "rep"]].mean().round(2)
    out["known_from"] = g.known_from.min()
    out["sample_size"] = g.sample_size.max()
    stats["versions_averaged"] = int(len(v) - len(out))
    return out.reset_index()


def _match_ups(df: pd.DataFrame, year: int, file: str, lines: np.ndarray) -> None:
    """A file in the common schema holds one match-up: the year's two candidates on each
    poll's dates (2024: Biden until 2024-07-20, Harris from 2024-07-21), or for an election
    whose candidates are not known yet a single pair."""
    pairs = df.groupby(["dem_candidate", "rep_candidate"], sort=False).size()
    if schedule(year) is None:
        if len(pairs) > 1:
            listed = "; ".join(
                f"{d} vs {r} ({n} polls)" for (d, r), n in zip(pairs.index, pairs, strict=True)
            )
            bad = (df.dem_candidate != pairs.index[0][0]) | (df.rep_candidate != pairs.index[0][1])
            raise DataError(
                f"several match-ups in one file: {listed}; one poll file holds one match-up",
                file=file,
                line=int(lines[int(np.asarray(bad).nonzero()[0][0])]),
                field="dem_candidate",
            )
        return
    for i, (d, r, s, e) in enumerate(
        zip(df.dem_candidate, df.rep_candidate, df.start_date, df.end_date, strict=True)
    ):
        days = (pd.Timestamp(s).date(), pd.Timestamp(e).date())
        ok = [(nominee_on(year, "DEM", day), nominee_on(year, "REP", day)) for day in days]
        if (d, r) not in ok:
            want = " / ".join(dict.fromkeys(f"{a} vs {b}" for a, b in ok))
            raise DataError(
                f"the poll pairs {d} vs {r}, but the {year} candidates on its dates "
                f"({s:%Y-%m-%d} … {e:%Y-%m-%d}) were {want}",
                file=file,
                line=int(lines[i]),
                field="dem_candidate" if d != ok[-1][0] else "rep_candidate",
            )


def read_polls(
    path: str | Path, fmt: str | None = None, *, year: int | None = None
) -> pd.DataFrame:
    """Read a poll file into the common schema, one row per poll.

    Parameters
    ----------
    path
        A CSV file in one of :data:`FORMATS`.
    fmt
        The format; detected from the header when None.
    year
        The election the polls must be about; None takes it from the file (538's ``cycle``,
        else the first election on or after the median end date).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`POLL_COLUMNS`, sorted by end date, unit and poll id.  ``attrs``:
        ``format``, ``year``, ``stats`` (rows read, what each cleaning step dropped or
        merged) and ``skipped`` (538 files: questions a model cannot use, by reason; see
        ``electoral.forecast.fte_polls``).

    Raises
    ------
    DataError
        Naming the file, line and field: a missing column, polls of another election than
        ``year``, no usable poll, an unknown state, a share outside 0-100, an end date
        before the start, an unreadable date, a sample size that is not a positive finite
        number, several match-ups where the file may hold one.
    """
    p = Path(path)
    frame, lines = read_rows(p)
    rows = Rows(frame, lines, str(p))
    fmt = fmt or detect_format(frame.columns)
    if fmt not in FORMATS:
        what = f"unknown format {fmt!r}" if fmt else "header matches no known poll format"
        raise DataError(f"{what} (formats: {', '.join(FORMATS)})", file=str(p), line=1)
    stats: dict[str, int] = {"rows": len(frame)}
    skipped: dict[str, int] = {}
    if fmt == "common":
        dup = frame.duplicated().to_numpy()
        stats["duplicate_rows"] = int(dup.sum())
        out = check_polls(frame[~dup], file=str(p), lines=lines[~dup], one_pair=False)
        found = election_year(out.end_date)
        if year is not None and found != year:
            raise DataError(
                f"this file holds polls of the {found} election (end dates "
                f"{out.end_date.min():%Y-%m-%d} … {out.end_date.max():%Y-%m-%d}), not {year}",
                file=str(p),
                line=int(lines[~dup][0]),
                field="end_date",
            )
        year = found
        _match_ups(out, year, str(p), lines[~dup])
    else:
        for col in _REQUIRED[fmt]:
            if col not in frame.columns:
                raise DataError(
                    f"missing column {col!r} ({fmt} format)", file=str(p), line=1, field=col
                )
        if fmt in FTE_REQUIRED:
            versions, skipped, year = parse_fte(rows, fmt, stats, year)
        else:
            parse = {"economist": _economist, "fte2016": _fte2016}[fmt]
            versions = parse(rows, stats)
            found = election_year(versions.end_date)
            if year is not None and found != year:
                raise DataError(
                    f"this file holds polls of the {found} election, not {year}",
                    file=str(p),
                    line=int(lines[0]),
                    field="end.date" if fmt == "economist" else "enddate",
                )
            year = found
        if versions.empty:
            why = ", ".join(f"{r}: {n}" for r, n in skipped.items()) or "no rows"
            raise DataError(f"no usable poll in the file (questions skipped -- {why})", file=str(p))
        one = _one_per_poll(versions, stats)
        out = check_polls(one, file=str(p), lines=one.line.to_numpy(), one_pair=False)
    out = out.sort_values(["end_date", "unit", "poll_id"], ignore_index=True)
    stats["polls"] = len(out)
    stats["sample_imputed"] = int(out.sample_imputed.sum())
    out.attrs["stats"] = stats
    out.attrs["format"] = fmt
    out.attrs["year"] = year
    out.attrs["skipped"] = skipped
    return out


def for_forecast(polls: pd.DataFrame, year: int, as_of: dt.date) -> tuple[pd.DataFrame, int]:
    """The polls of the match-up on the forecast date, and how many polls of another one
    were left out (2024 as of 2024-08-01: Harris vs Trump; Biden's polls are left out)."""
    pair = pair_on(year, as_of)
    if pair is None:
        return polls, 0
    keep = ((polls.dem_candidate == pair[0]) & (polls.rep_candidate == pair[1])).to_numpy()
    return polls[keep], int((~keep).sum())
