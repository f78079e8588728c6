"""Packaged confirmation-period facts: desks' calls, certification, recount law, milestones.

Four CSV files beside this module, built by ``scripts/build_confirmation.py`` from
``shared/data/confirmation`` (``CONFIRMATION_PROVENANCE.md`` names every source, column and
correction).  Each loader validates its file on first read and returns a typed frame (cached):
a bad row raises :class:`~electoral.errors.DataError` naming the file, line and field.

Types on return: timestamps (``called_at_utc``, ``datetime_utc``) are tz-aware UTC
``Timestamp`` (``NaT`` where the source gave only a date); dates are ``datetime64`` at
midnight (``NaT`` where unknown); numbers are ``float`` (``NaN`` where the kind takes none);
everything else is text, ``""`` where unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from electoral.data.manifest import read_table
from electoral.errors import DataError
from electoral.states import state_codes

__all__ = [
    "CALL_PRECISIONS",
    "DEADLINE_KINDS",
    "LIMIT_RULES",
    "MILESTONES",
    "PAYERS",
    "RECOUNT_KINDS",
    "THRESHOLD_KINDS",
    "VERIFIED",
    "certification",
    "clear_caches",
    "media_calls",
    "milestones",
    "recount_law",
    "recounts_held",
]

#: ``time_precision`` of a call (SOURCES.md §8): the date-only kinds leave ``called_at_utc`` empty.
CALL_PRECISIONS = (
    "second",
    "minute",
    "approx",
    "not_later_than",
    "date",
    "date_morning",
    "date_afternoon",
    "date_evening",
)
_DATE_ONLY = frozenset(p for p in CALL_PRECISIONS if p.startswith("date"))
VERIFIED = ("two-sources", "one-source", "derived")
#: Recount threshold kinds: percent of all votes, of the top two, of the winner's votes; a vote
#: count; a tie only; none (no margin rule); unknown (a recount exists, its margin was not found).
THRESHOLD_KINDS = ("pct_total", "pct_top_two", "pct_winner", "votes", "tie_only", "none", "unknown")
LIMIT_RULES = ("lesser_of", "greater_of", "and_also_below", "either")
#: Who pays a requested recount outside any free margin.
PAYERS = ("public", "requester", "unknown")
DEADLINE_KINDS = ("date", "none", "unknown")
MILESTONES = (
    "election_day",
    "ap_call_presidency",
    "networks_call_then_retract",
    "loser_concedes",
    "loser_concession_speech",
    "florida_certified",
    "bush_v_gore_decision",
    "safe_harbor",
    "certificate_deadline",
    "electors_meet",
    "congress_counts",
    "congress_counts_objection_AZ",
    "congress_counts_objection_PA",
    "congress_counts_end",
    "loser_statement_after_count",
    "inauguration",
    "inauguration_public_ceremony",
)


def _bad(name: str, mask: pd.Series | np.ndarray, field: str, what: str) -> None:
    m = np.asarray(mask, dtype=bool)
    if m.any():
        pos = int(m.nonzero()[0][0])
        raise DataError(what, file=f"electoral/data/{name}", line=pos + 2, field=field)


def _columns(name: str, df: pd.DataFrame, cols: Iterable[str]) -> None:
    for col in cols:
        if col not in df.columns:
            raise DataError(
                f"missing column {col!r}", file=f"electoral/data/{name}", line=1, field=col
            )


def _year(name: str, df: pd.DataFrame, col: str, years: Iterable[int] | None = None) -> None:
    num = pd.to_numeric(df[col], errors="coerce")
    ok = num.notna() & (num % 4 == 0) & num.between(2000, 2100)
    if years is not None:
        ok &= num.isin(list(years))
    _bad(name, ~ok, col, "not an election year covered by this file")
    df[col] = num.astype("int64")


def _vocab(
    name: str, df: pd.DataFrame, col: str, allowed: Iterable[str], *, empty: bool = False
) -> None:
    ok = df[col].isin(list(allowed)) | ((df[col] == "") if empty else False)
    _bad(name, ~ok, col, f"not one of {sorted(allowed)}")


def _states(name: str, df: pd.DataFrame, col: str, extra: Iterable[str] = ()) -> None:
    _bad(name, ~df[col].isin(state_codes() | set(extra)), col, "unknown state")


def _dates(name: str, df: pd.DataFrame, col: str) -> None:
    parsed = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    _bad(name, (df[col] != "") & parsed.isna(), col, "not an ISO date (YYYY-MM-DD)")
    df[col] = parsed


def _stamps(name: str, df: pd.DataFrame, col: str) -> None:
    parsed = pd.to_datetime(df[col], format="%Y-%m-%dT%H:%M:%SZ", errors="coerce", utc=True)
    _bad(name, (df[col] != "") & parsed.isna(), col, "not a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
    df[col] = parsed


def _numbers(name: str, df: pd.DataFrame, col: str) -> None:
    num = pd.to_numeric(df[col].replace("", np.nan), errors="coerce")
    _bad(name, (df[col] != "") & ~(num >= 0), col, "not a non-negative number")
    df[col] = num.astype(float)


@cache
def media_calls() -> pd.DataFrame:
    """Desks' calls of states and of the presidency (``unit`` ``US``), 2016-2024.

    Columns: year, unit, winner, desk, called_at_utc (UTC ``Timestamp`` or ``NaT`` for a
    date-only call), called_date_et (the Eastern date, always known), time_precision,
    verified, source, notes.
    """
    name = "media_calls.csv"
    df = read_table(name)
    _columns(name, df, ("year", "unit", "winner", "desk", "called_at_utc", "called_date_et"))
    _year(name, df, "year")
    _states(name, df, "unit", extra=("US",))
    _bad(name, df.winner == "", "winner", "empty winner")
    _bad(name, df.desk == "", "desk", "empty desk")
    _vocab(name, df, "time_precision", CALL_PRECISIONS)
    _vocab(name, df, "verified", VERIFIED)
    date_only = df.time_precision.isin(_DATE_ONLY)
    _bad(name, date_only & (df.called_at_utc != ""), "called_at_utc", "a date-only call has a time")
    timed = df.time_precision.isin(["second", "minute", "approx"])
    _bad(name, timed & (df.called_at_utc == ""), "called_at_utc", "a timed call has no time")
    _stamps(name, df, "called_at_utc")
    _dates(name, df, "called_date_et")
    _bad(name, df.called_date_et.isna(), "called_date_et", "empty date")
    et_day = (df.called_at_utc - pd.Timedelta(hours=5)).dt.tz_localize(None).dt.normalize()
    _bad(
        name,
        df.called_at_utc.notna() & (et_day != df.called_date_et),
        "called_date_et",
        "the Eastern date is not the UTC time's date in EST (UTC-5)",
    )
    return df


@cache
def certification() -> pd.DataFrame:
    """Certification of each state's results, 2016/2020/2024 (one row per state and year).

    ``certification_deadline`` is the deadline the lists published (``deadline_kind`` says
    whether it is a ``date``, ``none`` -- no statutory deadline -- or ``unknown``);
    ``certified_date`` the day the state certified where a page said so; otherwise
    ``certified_on_or_before`` may bound it (listed as certified by that day).
    """
    name = "certification.csv"
    df = read_table(name)
    _columns(name, df, ("year", "state", "certification_deadline", "certified_date"))
    _year(name, df, "year")
    _states(name, df, "state")
    _bad(name, df.duplicated(["year", "state"]), "state", "state listed twice for the year")
    _vocab(name, df, "deadline_kind", DEADLINE_KINDS)
    _bad(
        name,
        (df.deadline_kind == "date") != (df.certification_deadline != ""),
        "deadline_kind",
        "deadline_kind 'date' needs a deadline and only it has one",
    )
    _vocab(name, df, "deadline_verified", VERIFIED, empty=True)
    _vocab(name, df, "certified_verified", VERIFIED, empty=True)
    for col in ("certification_deadline", "certified_date", "certified_on_or_before"):
        _dates(name, df, col)
    start = pd.to_datetime(df.year.astype(str) + "-11-01")
    end = pd.to_datetime((df.year + 1).astype(str) + "-01-20")
    for col in ("certification_deadline", "certified_date", "certified_on_or_before"):
        _bad(name, df[col].notna() & ~df[col].between(start, end), col, "outside Nov 1 - Jan 20")
    return df


@cache
def recount_law() -> pd.DataFrame:
    """Recount law per state and year in force (2020, 2024).

    Threshold kinds :data:`THRESHOLD_KINDS`; values are percent (0.5 = 0.5 %) or votes for
    ``votes``; a ``*_vote_limit`` with its ``*_vote_limit_rule`` (:data:`LIMIT_RULES`)
    combines a vote count with the percentage.  ``requested_available`` says whether a
    candidate can ask for a recount that can change the result at all; ``request_payer`` and
    ``request_free_below_pct`` say who pays a requested recount.
    """
    name = "recount_law.csv"
    df = read_table(name)
    _columns(name, df, ("year_in_force", "state", "who_pays", "source", "verified"))
    _year(name, df, "year_in_force", years=(2020, 2024))
    _states(name, df, "state")
    _bad(
        name, df.duplicated(["year_in_force", "state"]), "state", "state listed twice for the year"
    )
    _vocab(name, df, "verified", VERIFIED)
    _vocab(name, df, "request_payer", PAYERS)
    _vocab(name, df, "requested_available", ("yes", "no"))
    _numbers(name, df, "request_free_below_pct")
    for side in ("automatic", "requested"):
        kind, value = f"{side}_threshold_kind", f"{side}_threshold_value"
        limit, rule = f"{side}_vote_limit", f"{side}_vote_limit_rule"
        _vocab(name, df, kind, THRESHOLD_KINDS)
        _vocab(name, df, rule, LIMIT_RULES, empty=True)
        takes_value = df[kind].isin(["pct_total", "pct_top_two", "pct_winner", "votes"])
        _bad(name, takes_value & (df[value] == ""), value, f"{side} threshold has no value")
        _bad(
            name,
            ~takes_value & (df[value] != ""),
            value,
            f"a '{side}' kind without a value has one",
        )
        _bad(
            name,
            (df[limit] == "") != (df[rule] == ""),
            rule,
            "a vote limit needs its rule and vice versa",
        )
        for col in (value, limit):
            _numbers(name, df, col)
        pct = df[kind].str.startswith("pct_")
        _bad(name, pct & (df[value] > 100), value, "a percentage above 100")
    return df


@cache
def milestones() -> pd.DataFrame:
    """National milestones of each election 2000-2024 (calls, concessions, federal dates).

    Columns: year, milestone (:data:`MILESTONES`), date (``NaT`` where none happened, e.g. no
    AP call in 2000), datetime_utc (``NaT`` where no time was read), verified, source, notes.
    """
    name = "milestones.csv"
    df = read_table(name)
    _columns(name, df, ("year", "milestone", "date", "datetime_utc", "verified"))
    _year(name, df, "year")
    _vocab(name, df, "milestone", MILESTONES)
    _vocab(name, df, "verified", VERIFIED)
    _bad(name, df.duplicated(["year", "milestone"]), "milestone", "milestone listed twice")
    _dates(name, df, "date")
    _stamps(name, df, "datetime_utc")
    return df


#: What kind of recount took place: automatic, requested, or a full hand audit.
RECOUNT_KINDS = ("automatic", "requested", "audit")


@cache
def recounts_held() -> pd.DataFrame:
    """Recounts of the presidential race that took place (and GA's 2020 full hand audit).

    Columns: year, state, kind (:data:`RECOUNT_KINDS`), requested_by, payer (:data:`PAYERS`),
    began, ended (dates, ``NaT`` where unknown), outcome, source, verified, notes.
    """
    name = "recounts_held.csv"
    df = read_table(name)
    _columns(name, df, ("year", "state", "kind", "began", "ended", "outcome", "source"))
    _year(name, df, "year")
    _states(name, df, "state")
    _vocab(name, df, "kind", RECOUNT_KINDS)
    _vocab(name, df, "payer", PAYERS)
    _vocab(name, df, "verified", (*VERIFIED, "transcribed"))
    _bad(name, df.source == "", "source", "a recount without a source")
    for col in ("began", "ended"):
        _dates(name, df, col)
    _bad(name, df.began > df.ended, "ended", "ends before it began")
    return df


def clear_caches() -> None:
    """Forget the loaded frames (the build script reloads after writing)."""
    for fn in (media_calls, certification, recount_law, milestones, recounts_held):
        fn.cache_clear()
