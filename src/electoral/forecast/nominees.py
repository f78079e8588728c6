"""Who the two major parties' candidates were on a given day: the match-up polls must ask.

For an election with packaged returns the candidates are the Democrat and the Republican on
the ballot (``electoral.data.returns``, the party's candidate with most votes).
:data:`REPLACED` records the one change of candidate after the primaries since 2008: Joe
Biden, the presumptive Democratic nominee, withdrew on 2024-07-21 and Kamala Harris took his
place (Biden's statement of 2024-07-21; Harris nominated by the Democratic convention's
virtual roll call, 2024-08-02 to 08-05).  A poll of Biden vs Trump asked about the
Democratic candidate before that date, a poll of Harris vs Trump after it.

A later election (2028) has no known candidates: :func:`schedule` is None and the polls'
own match-up decides (one pair per file).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from electoral.data import name_book, returns, returns_years
from electoral.errors import DataError

__all__ = ["PARTIES", "REPLACED", "Schedule", "nominee_on", "pair_on", "schedule", "switch_dates"]

#: The parties whose candidates a poll pairs.
PARTIES = ("DEM", "REP")
#: Year -> party -> the candidates in order, each with the first day it was the candidate
#: (None = from the start of the cycle).  The last one must be the candidate of the returns.
REPLACED: dict[int, dict[str, tuple[tuple[str, dt.date | None], ...]]] = {
    2024: {"DEM": (("Joe Biden", None), ("Kamala Harris", dt.date(2024, 7, 21)))},
}
#: party -> ((candidate, first day or None), ...)
Schedule = dict[str, tuple[tuple[str, dt.date | None], ...]]


@cache
def schedule(year: int) -> Schedule | None:
    """The candidates of each party over the cycle, or None for an election not yet held."""
    if year not in returns_years():
        return None
    r = returns(year)
    r = r[~r.state.str.contains("-", regex=False)]
    book = name_book()
    out: Schedule = {}
    for party in PARTIES:
        votes = r[r.party == party].groupby("candidate").votes.sum()
        if votes.empty:
            raise DataError(f"no {party} candidate in the {year} returns", field="party")
        winner = book.canonical(str(votes.idxmax()))
        chain = REPLACED.get(year, {}).get(party, ((winner, None),))
        if chain[-1][0] != winner:
            raise DataError(
                f"{year}: the {party} candidate of the returns is {winner}, "
                f"not {chain[-1][0]} as REPLACED says",
                field="party",
            )
        out[party] = chain
    return out


def nominee_on(year: int, party: str, day: dt.date) -> str | None:
    """The party's candidate on ``day`` (None when the election's candidates are unknown)."""
    s = schedule(year)
    if s is None:
        return None
    name = s[party][0][0]
    for who, since in s[party]:
        if since is None or since <= day:
            name = who
    return name


def pair_on(year: int, day: dt.date) -> tuple[str, str] | None:
    """``(Democrat, Republican)`` on ``day``, or None when the candidates are not known: the
    match-up a poll average as of ``day`` should use (2024-07-20: Biden vs Trump; 2024-07-21:
    Harris vs Trump)."""
    dem, rep = nominee_on(year, "DEM", day), nominee_on(year, "REP", day)
    return None if dem is None or rep is None else (dem, rep)


def switch_dates(year: int) -> tuple[dt.date, ...]:
    """The days a party's candidate changed during the cycle (2024: 2024-07-21)."""
    s = schedule(year) or {}
    return tuple(sorted({d for chain in s.values() for _, d in chain if d is not None}))
