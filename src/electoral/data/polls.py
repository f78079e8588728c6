"""Packaged polls and published forecasts: the common poll schema, checked on load.

``polls_<year>.csv`` (2008, 2012, 2016, 2020) hold one row per poll in the common schema
(:data:`POLL_COLUMNS`); ``published_forecasts.csv`` holds other forecasters' state win
probabilities.  Both are built by ``scripts/build_polls.py``; ``POLLS_PROVENANCE.md`` names
the sources and every cleaning rule.  :func:`check_polls` is the one validator of the common
schema: the packaged files and any user file in that schema go through it, and a bad row
raises ``DataError`` naming the file, line and field.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd

from electoral.data.manifest import read_text
from electoral.errors import DataError, RuleError
from electoral.states import DISTRICTS, state_codes

__all__ = [
    "DAY_YEARS",
    "FORECAST_COLUMNS",
    "NATIONAL",
    "OPTIONAL_POLL_COLUMNS",
    "POLL_COLUMNS",
    "POLL_YEARS",
    "POPULATIONS",
    "check_polls",
    "parse_days",
    "poll_units",
    "polls",
    "polls_provenance",
    "published_forecasts",
]

#: One row per poll.  Dates are ISO in files and ``datetime64`` in frames; ``dem`` and
#: ``rep`` are percentages of all respondents; ``sample_imputed`` marks a sample size that
#: the source left blank and the loader filled with the file's median; ``known_from`` is
#: the first day the poll can be known from its source (538's ``created_at``: the day 538
#: listed it), or a lower bound of it, blank (NaT) where the source does not say -- a poll
#: ending before a date may have been published after it.
POLL_COLUMNS = (
    "poll_id",
    "pollster",
    "unit",
    "start_date",
    "end_date",
    "sample_size",
    "sample_imputed",
    "population",
    "mode",
    "dem",
    "rep",
    "dem_candidate",
    "rep_candidate",
    "source",
    "known_from",
)
#: Columns a file in the common schema may leave out.
OPTIONAL_POLL_COLUMNS = ("sample_imputed", "known_from")
#: Survey populations, most preferred first: likely voters, registered voters, voters, adults.
POPULATIONS = ("lv", "rv", "v", "a")
#: The unit of a national poll.
NATIONAL = "US"
POLL_YEARS = (2008, 2012, 2016, 2020)
FORECAST_COLUMNS = ("year", "forecaster", "unit", "dem_probability")


#: The years a poll's dates may fall in: the whole years a ``datetime64[ns]`` column holds.
DAY_YEARS = (1678, 2261)
_NOT_A_DAY = f"not an ISO date (YYYY-MM-DD) from {DAY_YEARS[0]} to {DAY_YEARS[1]}"


def parse_days(text: pd.Series, formats: Sequence[str] = ("%Y-%m-%d",)) -> pd.Series:
    """Each text as a ``datetime64[ns]`` in the first of ``formats`` that reads it; NaT where
    none does or the year is outside :data:`DAY_YEARS` (pandas reads 9999-12-31, which no
    ``datetime64[ns]`` column can hold)."""
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for fmt in formats:
        day = pd.to_datetime(text, format=fmt, errors="coerce")
        out = out.fillna(day.where(day.dt.year.between(*DAY_YEARS)).astype("datetime64[ns]"))
    return out


def poll_units() -> frozenset[str]:
    """Units a poll may cover: ``"US"``, the 50 states and DC, and the ME/NE districts."""
    return state_codes() | {d for ds in DISTRICTS.values() for d in ds} | {NATIONAL}


def _bad(file: str, lines: np.ndarray, mask: np.ndarray | pd.Series, field: str, what: str) -> None:
    m = np.asarray(mask, dtype=bool)
    if m.any():
        pos = int(m.nonzero()[0][0])
        raise DataError(what, file=file, line=int(lines[pos]), field=field)


def _text(col: pd.Series) -> pd.Series:
    return col.astype("string").fillna("").str.strip().astype(str)


def check_polls(
    raw: pd.DataFrame,
    *,
    file: str,
    lines: Sequence[int] | np.ndarray | None = None,
    one_pair: bool = True,
) -> pd.DataFrame:
    """Validate a frame in the common schema and return it typed, in column order.

    Parameters
    ----------
    raw
        Columns :data:`POLL_COLUMNS` (those of :data:`OPTIONAL_POLL_COLUMNS` may be absent),
        as text or typed.
    file
        Where the rows came from, for error messages.
    lines
        The line of each row in ``file`` (header = line 1); by default row ``i`` is on line
        ``i + 2``.

    Returns
    -------
    pandas.DataFrame
        Dates as ``datetime64``, ``sample_size`` int (a blank one imputed with the median and
        flagged in ``sample_imputed``), ``dem``/``rep`` float.

    Raises
    ------
    DataError
        A missing column, an unknown unit or population, a date that is not ISO or an end
        before the start, a share outside 0-100, a sample size that is not a positive whole
        number, or a ``poll_id`` used twice.
    """
    ln = np.arange(2, len(raw) + 2) if lines is None else np.asarray(lines)
    for col in POLL_COLUMNS:
        if col not in raw.columns and col not in OPTIONAL_POLL_COLUMNS:
            raise DataError(f"missing column {col!r}", file=file, line=1, field=col)
    out = pd.DataFrame(index=raw.index)
    for col in ("poll_id", "pollster", "unit", "population", "mode", "source"):
        out[col] = _text(raw[col])
    for col in ("dem_candidate", "rep_candidate"):
        out[col] = _text(raw[col])
        _bad(file, ln, out[col] == "", col, "empty candidate name")
        # One race per file: averaging two match-ups is a silent wrong answer.  A user's
        # file is checked against the year's candidates by date instead (``one_pair=False``:
        # 2024 changed its Democrat on 2024-07-21; see ``forecast.polls``).
        if one_pair and len(out):
            first = str(out[col].iloc[0])
            _bad(
                file,
                ln,
                out[col] != first,
                col,
                f"a second candidate (the first poll has {first!r}): one pair of candidates "
                "per poll file",
            )
    _bad(file, ln, out.poll_id == "", "poll_id", "empty poll_id")
    _bad(file, ln, out.poll_id.duplicated(), "poll_id", "poll_id used twice (one poll, one row)")
    _bad(file, ln, out.pollster == "", "pollster", "empty pollster")
    _bad(file, ln, ~out.unit.isin(poll_units()), "unit", "unknown unit (use US, PA, ME-2, ...)")
    _bad(file, ln, ~out.population.isin(POPULATIONS), "population", f"not one of {POPULATIONS}")
    for col in ("start_date", "end_date"):
        if pd.api.types.is_datetime64_any_dtype(raw[col]):
            out[col] = raw[col].astype("datetime64[ns]")
        else:
            out[col] = parse_days(_text(raw[col]))
        _bad(file, ln, out[col].isna(), col, _NOT_A_DAY)
    _bad(file, ln, out.end_date < out.start_date, "end_date", "poll ends before it starts")
    for col in ("dem", "rep"):
        out[col] = pd.to_numeric(raw[col], errors="coerce").astype(float)
        _bad(file, ln, ~out[col].between(0, 100), col, "share is not a number in 0-100")
    _bad(file, ln, out.dem + out.rep > 101, "rep", "dem + rep exceed 100%")
    size = pd.to_numeric(raw["sample_size"].replace("", np.nan), errors="coerce")
    given = raw["sample_size"].notna() & (_text(raw["sample_size"]) != "")
    _bad(file, ln, given & ~(size >= 1), "sample_size", "sample size is not a positive number")
    _bad(file, ln, given & ~(size < 1e9), "sample_size", "sample size is not finite or too large")
    _bad(file, ln, given & (size != size.round()), "sample_size", "sample size is not whole")
    imputed = size.isna()
    if "sample_imputed" in raw.columns:
        flag = _text(raw["sample_imputed"]).str.lower()
        _bad(file, ln, ~flag.isin(["true", "false"]), "sample_imputed", "not True or False")
        imputed = imputed | (flag == "true")
    median = float(size[~imputed].median()) if (~imputed).any() else 600.0
    out["sample_size"] = size.where(~size.isna(), round(median)).round().astype("int64")
    out["sample_imputed"] = imputed.astype(bool)
    if "known_from" not in raw.columns:
        out["known_from"] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    elif pd.api.types.is_datetime64_any_dtype(raw["known_from"]):
        out["known_from"] = raw["known_from"].astype("datetime64[ns]")
    else:
        text = _text(raw["known_from"])
        blank = text.isin(["", "NaT", "NA", "nan", "None"])
        day = parse_days(text.where(~blank))
        _bad(file, ln, ~blank & day.isna(), "known_from", _NOT_A_DAY)
        out["known_from"] = day
    return out[list(POLL_COLUMNS)].reset_index(drop=True)


def _read(name: str) -> pd.DataFrame:
    # UTF-8, ends with a newline, row count and content hash as MANIFEST.json lists them.
    return pd.read_csv(io.StringIO(read_text(name)), dtype=str, keep_default_na=False)


@cache
def _polls(year: int) -> pd.DataFrame:
    name = f"polls_{year}.csv"
    file = f"electoral/data/{name}"
    df = check_polls(_read(name), file=file)
    pairs = df[["dem_candidate", "rep_candidate"]].drop_duplicates()
    if len(pairs) != 1:
        raise DataError(f"{len(pairs)} candidate pairs; one per year", file=file, line=2)
    return df


def polls(year: int) -> pd.DataFrame:
    """The packaged polls of an election year, one row per poll (:data:`POLL_COLUMNS`)."""
    if year not in POLL_YEARS:
        raise RuleError(f"no packaged polls for {year} (years: {', '.join(map(str, POLL_YEARS))})")
    return _polls(year).copy()


@cache
def _forecasts() -> pd.DataFrame:
    name = "published_forecasts.csv"
    file = f"electoral/data/{name}"
    raw = _read(name)
    for col in FORECAST_COLUMNS:
        if col not in raw.columns:
            raise DataError(f"missing column {col!r}", file=file, line=1, field=col)
    ln = np.arange(2, len(raw) + 2)
    df = pd.DataFrame({"forecaster": _text(raw.forecaster), "unit": _text(raw.unit)})
    df.insert(0, "year", pd.to_numeric(raw.year, errors="coerce"))
    _bad(file, ln, ~df.year.isin(POLL_YEARS), "year", "not a packaged election year")
    df["year"] = df.year.astype("int64")
    _bad(file, ln, df.forecaster == "", "forecaster", "empty forecaster")
    _bad(file, ln, ~df.unit.isin(poll_units() - {NATIONAL}), "unit", "unknown state or district")
    df["dem_probability"] = pd.to_numeric(raw.dem_probability, errors="coerce").astype(float)
    _bad(file, ln, ~df.dem_probability.between(0, 1), "dem_probability", "not a probability")
    dup = df.duplicated(["year", "forecaster", "unit"])
    _bad(file, ln, dup, "unit", "a second probability for the same year, forecaster and unit")
    return df


def published_forecasts(year: int) -> pd.DataFrame:
    """Published state win probabilities for the Democrat, final before Election Day.

    Columns ``year, forecaster, unit, dem_probability``; see ``POLLS_PROVENANCE.md`` for who
    the forecasters are and the caveats (2016 is rounded to whole percent).
    """
    df = _forecasts()
    rows = df[df.year == year]
    if rows.empty:
        years = sorted(set(df.year.astype(int)))
        raise RuleError(f"no published forecasts for {year} (years: {years})")
    return rows.reset_index(drop=True)


def polls_provenance() -> str:
    """The provenance notes of the packaged polls and forecasts (Markdown)."""
    return read_text("POLLS_PROVENANCE.md")
