"""Apportionment of the House: seats per state from populations, by five historical methods.

Every method gives each state one seat first (Art. I, s. 2: "each State shall have at Least
one Representative").  The four *divisor* methods then hand out the remaining seats one at
a time, each to the state with the highest priority value ``population / d(n)``, where ``n``
is the number of seats the state already holds:

==================  ======================  =====================================
method              d(n)                    also known as
==================  ======================  =====================================
huntington-hill     sqrt(n (n + 1))         equal proportions; law since 1941
webster             n + 1/2                 Sainte-Laguë, major fractions
jefferson           n + 1                   d'Hondt, greatest divisors
adams               n                       smallest divisors
==================  ======================  =====================================

So one priority list serves every House size: the first ``H - n_states`` entries are the
apportionment of ``H`` seats, which is why divisor methods never suffer the Alabama paradox.

``hamilton`` (largest remainders; Hamilton-Vinton, the law 1850-1900) instead gives each
state the whole part of its quota ``seats * population / total`` and the leftover seats to
the largest fractional parts.  The one-seat minimum enters as it did in the historical
computations (the 1850 Act; the Census Office's tables of 1881 that showed the Alabama
paradox): the ratio stays the whole population over the whole House; a state under the
ratio gets its one seat inside the House and does not compete for the leftover seats; the
others' fractions fill what is left.  Recomputing the quotas without the small states (the
"exclusion" variant of some textbooks) gives other results on real data -- in 1880 it
reverses the Alabama paradox (7 seats at 299, 8 at 300) and misses the 1880 Act's
Mississippi and New York -- so it is used only where the historical rule cannot work,
when the states raised to one seat would overfill the House.  Quotas and remainders are
exact integer arithmetic.

Ties (equal priority values or remainders) go to the state listed first.

Each census is apportioned by its own law (``CENSUS_METHOD``): major fractions (Webster)
for 1910 and 1930, equal proportions (Huntington-Hill) from 1940 on, 435 seats throughout.
``apportion_census`` uses that law unless a House size or method is given.  The censuses
1790-1900, whose laws used fixed ratios and Vinton's rule with seats added by statute, are
in ``census_acts`` and ``census_report``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from electoral.data import apportionment_table
from electoral.errors import DataError, RuleError

Method = Literal["huntington-hill", "webster", "jefferson", "adams", "hamilton"]
METHODS: tuple[Method, ...] = ("huntington-hill", "webster", "jefferson", "adams", "hamilton")
DIVISOR_METHODS: tuple[Method, ...] = METHODS[:4]
ALIASES: dict[str, Method] = {
    "hill": "huntington-hill",
    "equal-proportions": "huntington-hill",
    "sainte-lague": "webster",
    "dhondt": "jefferson",
    "d'hondt": "jefferson",
    "largest-remainders": "hamilton",
    "hamilton-vinton": "hamilton",
    "vinton": "hamilton",
}

#: Entries of the priority list kept past the last seat (``next_in_line`` and the view
#: of the list around the cut).
BEYOND = 10

#: The 23rd Amendment (ratified 1961) gives DC as many electors as the least populous
#: state -- 3 -- but no House seat.  It was first used in 1964, the first election held
#: under the 1960 census's apportionment, so every census from 1960 on carries DC's 3.
DC_FIRST_CENSUS = 1960
DC_ELECTORS = 3

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
PriorityArrays = tuple[npt.NDArray[np.intp], IntArray, FloatArray]


@dataclass(frozen=True)
class PriorityEntry:
    """One line of the priority list: ``state`` takes its ``nth`` seat as House seat ``seat``."""

    rank: int  # 1 = the first seat after every state's guaranteed one
    seat: int  # rank + number of states
    state: str
    nth: int
    value: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "seat": self.seat,
            "state": self.state,
            "nth_seat": self.nth,
            "priority_value": round(self.value, 3),
        }


@dataclass(frozen=True)
class Apportionment:
    """House seats per state for one House size, one method and one set of populations."""

    method: Method
    seats: int
    populations: Mapping[str, int]
    by_state: Mapping[str, int]
    last_seat: str | None  # took House seat number ``seats``
    next_in_line: str | None  # would take seat ``seats + 1``
    short_by: int | None = None  # people next_in_line lacked for the last seat, others fixed
    census: int | None = None
    #: Divisor methods: the priority list to seat ``seats + BEYOND`` as arrays -- state index
    #: (into ``by_state``), the state's seat number, priority value -- each ``(n_entries,)``.
    priority_arrays: PriorityArrays | None = field(default=None, repr=False, compare=False)

    @cached_property
    def priority(self) -> tuple[PriorityEntry, ...]:
        """The priority list as entries, to seat ``seats + BEYOND`` (empty for Hamilton)."""
        return self._entries(0, None)

    def _entries(self, start: int, stop: int | None) -> tuple[PriorityEntry, ...]:
        if self.priority_arrays is None:
            return ()
        names = list(self.by_state)
        st, nth, val = (a[start:stop] for a in self.priority_arrays)
        return tuple(
            PriorityEntry(start + r + 1, start + r + 1 + len(names), names[s], int(k), float(v))
            for r, (s, k, v) in enumerate(zip(st, nth, val, strict=True))
        )

    @property
    def dc_electors(self) -> bool:
        """Whether DC's three electors (23rd Amendment) belong to this census's college."""
        return self.census is not None and self.census >= DC_FIRST_CENSUS

    def electoral_votes(self) -> dict[str, int]:
        """Electors per state: House seats + 2 senators, and DC's 3 where they apply."""
        ev = {st: n + 2 for st, n in self.by_state.items()}
        if self.dc_electors:
            ev["DC"] = DC_ELECTORS
        return ev

    def priority_window(self, k: int = 10) -> tuple[PriorityEntry, ...]:
        """The priority list from ``k`` seats before the last seat to ``k`` seats after it."""
        last = self.seats - len(self.by_state) - 1  # index of the last seat's entry
        return self._entries(max(0, last - k), last + k + 1)

    def to_dict(self, priority: int | None = None) -> dict[str, Any]:
        """The JSON shape of DESIGN.md; ``priority=k`` adds the list ``k`` seats either side."""
        states: dict[str, Any] = {row["state"]: _row_dict(row) for row in self._rows()}
        out: dict[str, Any] = {
            "census": self.census,
            "method": self.method,
            "seats": self.seats,
            "states": states,
            "last_seat": self.last_seat,
            "next_in_line": self.next_in_line,
            "next_in_line_short_by": self.short_by,
        }
        if priority is not None:
            out["priority"] = [e.to_dict() for e in self.priority_window(priority)]
        return out

    def _rows(self) -> list[dict[str, Any]]:
        """One record per state (and DC where it has electors), the frame's and the JSON's."""
        rows: list[dict[str, Any]] = [
            {
                "state": st,
                "population": int(self.populations[st]),
                "seats": n,
                "electoral_votes": n + 2,
            }
            for st, n in self.by_state.items()
        ]
        if self.dc_electors:
            rows.append(
                {"state": "DC", "population": None, "seats": 0, "electoral_votes": DC_ELECTORS}
            )
        return rows

    def to_frame(self) -> pd.DataFrame:
        """One row per state (and DC where it has electors): population, seats, electoral_votes."""
        df = pd.DataFrame(self._rows()).set_index("state")
        return df.astype({"population": "Int64", "seats": "int64", "electoral_votes": "int64"})

    def __repr__(self) -> str:
        where = f"census {self.census}, " if self.census is not None else ""
        return (
            f"<Apportionment {where}{self.seats} seats by {self.method}: "
            f"{len(self.by_state)} states, last seat {self.last_seat}, "
            f"next in line {self.next_in_line}>"
        )


def _row_dict(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("population", "seats", "electoral_votes")}


def resolve_method(method: str) -> Method:
    """The canonical name of ``method`` (aliases such as ``dhondt`` accepted)."""
    m = method.strip().lower().replace("_", "-").replace(" ", "-")
    if m in METHODS:
        return m
    if m in ALIASES:
        return ALIASES[m]
    raise RuleError(f"unknown apportionment method {method!r}: use one of {', '.join(METHODS)}")


def _checked(populations: Mapping[str, int]) -> tuple[list[str], IntArray]:
    if not populations:
        raise DataError("no states to apportion", field="population")
    names, values = [], []
    for st, p in populations.items():
        if isinstance(p, bool) or not isinstance(p, int | np.integer):
            raise DataError(f"population of {st} is not a whole number: {p!r}", field=str(st))
        if p <= 0:
            raise DataError(f"population of {st} must be positive, got {p}", field=str(st))
        names.append(str(st))
        values.append(int(p))
    return names, np.asarray(values, dtype=np.int64)


def _check_size(seats: int, n_states: int) -> None:
    if seats < n_states:
        raise RuleError(
            f"a House of {seats} seats cannot give each of the {n_states} states its "
            f"constitutional minimum of one seat (needs at least {n_states})"
        )


def _divisor(method: Method, held: FloatArray) -> FloatArray:
    """``d(n)`` for a state that holds ``held`` seats; shape as ``held``."""
    if method == "huntington-hill":
        return np.sqrt(held * (held + 1.0))
    if method == "webster":
        return held + 0.5
    if method == "jefferson":
        return held + 1.0
    return held  # adams


def _priority(pop: IntArray, entries: int, method: Method) -> PriorityArrays:
    """The first ``entries`` of the priority list (seats after every state's first).

    Returns state index, the state's seat number and the priority value, each ``(entries,)``.
    Only the entries that can make the list are generated: with ``d(n)`` between ``n`` and
    ``n + 1``, a state holds at most ``1 + p (entries + 2 n_states) / P`` seats among the
    first ``entries``, so about ``entries + 3 n_states`` candidates, never the full
    ``n_states x entries`` table.
    """
    n_states = len(pop)
    bound = np.ceil(pop * ((entries + 2 * n_states) / pop.sum())).astype(np.int64) + 1
    cap = np.minimum(bound, entries)
    state = np.repeat(np.arange(n_states), cap)
    held = np.arange(len(state), dtype=np.int64) - np.repeat(np.cumsum(cap) - cap, cap) + 1
    value = pop[state] / _divisor(method, held.astype(np.float64))
    order = np.argsort(-value, kind="stable")[:entries]
    return state[order], held[order] + 1, value[order]


def _hamilton(pop: IntArray, sizes: IntArray) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Largest remainders with the one-seat minimum, for every House size at once.

    Returns seats ``(n_sizes, n_states)``, the states ordered by remainder (largest first,
    floored-to-one states last) ``(n_sizes, n_states)``, the leftover seats handed out by
    remainder ``(n_sizes,)`` and the remainder numerators ``(n_sizes, n_states)`` (over the
    population the ratio is taken on; -1 for a state raised to its one seat).
    """
    total = int(pop.sum())
    num = pop[None, :] * sizes[:, None]  # quota = num / total, exactly
    fixed = num < total
    whole = np.where(fixed, 1, num // total)
    remainder = np.where(fixed, -1, num % total)
    leftover = sizes - whole.sum(axis=1)
    over = leftover < 0  # the raised states overfill the House: exclusion for those sizes
    if over.any():
        ex = _hamilton_exclusion(pop, sizes[over])
        whole[over], remainder[over], leftover[over] = ex
    order = np.argsort(-remainder, axis=1, kind="stable")
    place = np.argsort(order, axis=1)  # each state's position in that order
    return whole + (place < leftover[:, None]), order, leftover, remainder


def _hamilton_exclusion(pop: IntArray, sizes: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Whole parts, remainders and leftovers with the small states excluded and the quotas
    of the others recomputed until every state left has a quota of at least one."""
    fixed = np.zeros((len(sizes), len(pop)), dtype=bool)
    while True:  # at most n_states rounds; a state once floored to one stays there
        rest_seats = sizes - fixed.sum(axis=1)
        rest_pop = np.where(fixed, 0, pop).sum(axis=1)[:, None]
        num = pop[None, :] * rest_seats[:, None]
        grown = fixed | (num < rest_pop)
        if (grown == fixed).all():
            break
        fixed = grown
    whole = np.where(fixed, 1, num // rest_pop)
    return whole, np.where(fixed, -1, num % rest_pop), sizes - whole.sum(axis=1)


def apportion(
    populations: Mapping[str, int],
    seats: int = 435,
    method: str = "huntington-hill",
    *,
    census: int | None = None,
) -> Apportionment:
    """Apportion ``seats`` among the states of ``populations`` by ``method``."""
    m = resolve_method(method)
    names, pop = _checked(populations)
    n = len(names)
    _check_size(seats, n)
    last = nxt = None
    short: int | None = None
    arrays: PriorityArrays | None = None
    if m == "hamilton":
        got, order, leftover, rem = (a[0] for a in _hamilton(pop, np.array([seats])))
        k = int(leftover)
        last = names[order[k - 1]] if k > 0 else None
        nxt = names[order[k]] if k < n and rem[order[k]] > 0 else None
    else:
        cut = seats - n
        st, nth, val = _priority(pop, cut + BEYOND, m)
        got = 1 + np.bincount(st[:cut], minlength=n)
        last = names[st[cut - 1]] if cut > 0 else None
        nxt = names[st[cut]]
        if cut > 0:  # people the runner-up lacked: p' / d(held) must beat the last value
            held = float(nth[cut] - 1)
            need = val[cut - 1] * _divisor(m, np.array([held]))[0] - pop[st[cut]]
            short = int(np.floor(need)) + 1
        for a in (st, nth, val):
            a.flags.writeable = False
        arrays = (st, nth, val)
    return Apportionment(
        method=m,
        seats=seats,
        populations=dict(zip(names, (int(p) for p in pop), strict=True)),
        by_state=dict(zip(names, (int(s) for s in got), strict=True)),
        last_seat=last,
        next_in_line=nxt,
        short_by=short,
        census=census,
        priority_arrays=arrays,
    )


def sweep(
    populations: Mapping[str, int], seats_range: Iterable[int], method: str = "huntington-hill"
) -> pd.DataFrame:
    """Apportionments for many House sizes: a frame ``(n_sizes, n_states)`` of seats.

    Divisor methods read every size off one priority list, as long as the largest size:
    entry ``r`` of the list belongs to every House with more than ``r + n_states`` seats, so
    each entry is added once where it first counts and a cumulative sum over the sorted sizes
    fills in the rest.  Hamilton has no such list (the Alabama paradox); it is computed for
    every size, vectorised across sizes.  The index is the House size, named ``seats``.
    """
    m = resolve_method(method)
    names, pop = _checked(populations)
    sizes = np.asarray(list(seats_range), dtype=np.int64)
    if sizes.size == 0:
        raise RuleError("no House sizes to sweep")
    _check_size(int(sizes.min()), len(names))
    if m == "hamilton":
        table = _hamilton(pop, sizes)[0]
    else:
        cuts = sizes - len(names)
        by_cut = np.argsort(cuts, kind="stable")
        st, _, _ = _priority(pop, int(cuts.max()), m)
        first = np.searchsorted(cuts[by_cut], np.arange(len(st)), side="right")
        steps = np.zeros((len(sizes) + 1, len(names)), dtype=np.int64)
        np.add.at(steps, (first, st), 1)
        table = np.empty((len(sizes), len(names)), dtype=np.int64)
        table[by_cut] = 1 + np.cumsum(steps[:-1], axis=0)
    return pd.DataFrame(table, index=pd.Index(sizes, name="seats"), columns=names)


def census_populations(census: int) -> dict[str, int]:
    """The states' apportionment populations at ``census`` from the packaged data."""
    return dict(_census_populations(census))


@cache
def _census_populations(census: int) -> tuple[tuple[str, int], ...]:
    df = apportionment_table()
    rows = df[df.census == census]
    if rows.empty:
        years = sorted(int(c) for c in set(df.census))
        raise RuleError(f"no census {census} in the data (censuses: {', '.join(map(str, years))})")
    if bool(rows.population.isna().any()):
        have = sorted(int(c) for c in set(df.census[df.population.notna()]))
        raise RuleError(
            f"census {census}: the data has its seats but not the states' apportionment "
            f"populations, so it cannot be apportioned (populations: {have[0]}-{have[-1]})"
        )
    return tuple(zip(rows.state.astype(str), (int(p) for p in rows.population), strict=True))


class CensusMethod(NamedTuple):
    """The law of one census's apportionment: method, House size, what happened, the statute."""

    method: Method
    seats: int  # the whole House the apportionment filled, statutory seats included
    note: str
    citation: str


_HILL_LAW = (
    "2 U.S.C. 2a: Act of June 18, 1929, ch. 28, s. 22, 46 Stat. 21, as amended by the "
    "Act of Nov. 15, 1941, ch. 470, 55 Stat. 761"
)

#: Census -> the method and House size of the apportionment that followed it.  No
#: apportionment followed the 1920 census: the 1911 one stayed in force until 1933.
#: Verified against the seats in the packaged data (Census Bureau, via shared/data) by
#: tests/rules/test_apportionment_history.py for every census whose populations we have.
CENSUS_METHOD: dict[int, CensusMethod] = {
    1910: CensusMethod(
        "webster",
        435,
        "433 seats among the 46 states by major fractions (Webster), plus one each for "
        "Arizona and New Mexico, territories at the census, on their admission (1912). "
        "Webster at 433 over the 46 states reproduces every state's seats (and so, as the "
        "committee found, does Huntington-Hill); Webster at 435 over all 48 does not (New "
        "Mexico would take Iowa's eleventh seat).",
        "Apportionment Act of Aug. 8, 1911, 37 Stat. 13, ss. 1-2; H.R. Rep. No. 62-12 "
        "(Apr. 25, 1911), Committee on the Census: 433 Members by the method of major "
        "fractions, which it found to agree with Dr. Hill's method at 433",
    ),
    1930: CensusMethod(
        "webster",
        435,
        "Automatic reapportionment of 435 seats under the 1929 Act by the method of the last "
        "preceding apportionment, major fractions (1911). That equal proportions gave the "
        "same 1930 result is reported but not verified here: the 1930 apportionment "
        "populations (which still excluded Indians not taxed) are not in the data.",
        "Act of June 18, 1929, ch. 28, s. 22, 46 Stat. 21 (the 'Reapportionment Act')",
    ),
    1940: CensusMethod(
        "huntington-hill",
        435,
        "Equal proportions, made the law by the 1941 Act for the statement transmitted on "
        "Jan. 8, 1941 (2 U.S.C. 2b); major fractions, the method of the 1929 Act, would have "
        "given Michigan 18 seats and Arkansas 6 instead of 17 and 7.",
        "Act of Nov. 15, 1941, ch. 470, 55 Stat. 761-762 (2 U.S.C. 2a, 2b)",
    ),
    1950: CensusMethod(
        "huntington-hill",
        435,
        "Equal proportions among the 48 states; Alaska and Hawaii's seats on admission "
        "(1959, a temporary House of 437) were no part of it.",
        _HILL_LAW,
    ),
    1960: CensusMethod(
        "huntington-hill",
        435,
        "Equal proportions among the 50 states; the House went back from the temporary 437 "
        "to 435 (Census Bureau, 1960 Census PC(S1)-2, 'Population of Congressional "
        "Districts').",
        _HILL_LAW,
    ),
    **{
        c: CensusMethod("huntington-hill", 435, "Equal proportions among the 50 states.", _HILL_LAW)
        for c in range(1970, 2021, 10)
    },
}

#: Seats a statute gave outside the calculation: the 1911 Act gave Arizona and New Mexico,
#: territories at the 1910 census, one seat each on admission, in addition to the 433.
STATUTORY_SEATS: dict[int, dict[str, int]] = {1910: {"AZ": 1, "NM": 1}}


def census_method(census: int) -> CensusMethod:
    """The law of the apportionment that followed ``census`` (method, House size, citation)."""
    if census == 1920:
        raise RuleError(
            "no apportionment followed the 1920 census: Congress passed none, and the 1911 "
            "apportionment stayed in force until the 1930 census's took effect (1933)"
        )
    if census not in CENSUS_METHOD:
        years = ", ".join(map(str, CENSUS_METHOD))
        raise RuleError(f"no apportionment law recorded for census {census} (have: {years})")
    return CENSUS_METHOD[census]


def _with_statutory(
    a: Apportionment, populations: Mapping[str, int], fixed: Mapping[str, int], seats: int
) -> Apportionment:
    """``a`` (the states apportioned) with the statutory seats added back, in data order."""
    names = list(populations)
    by_state = {st: fixed[st] if st in fixed else a.by_state[st] for st in names}
    arrays = a.priority_arrays
    if arrays is not None:  # re-index the priority list from the apportioned states to all
        where = np.array([names.index(st) for st in a.by_state], dtype=np.intp)
        st = where[arrays[0]]
        st.flags.writeable = False
        arrays = (st, arrays[1], arrays[2])
    return replace(
        a,
        seats=seats,
        populations={st: int(populations[st]) for st in names},
        by_state=by_state,
        priority_arrays=arrays,
    )


def apportion_census(
    census: int, seats: int | None = None, method: str | None = None
) -> Apportionment:
    """Apportion a census's packaged populations (``census_populations``) by its own law.

    ``seats`` and ``method`` default to the census's (``census_method``); given, they win.
    Seats a statute gave outside the calculation (``STATUTORY_SEATS``: Arizona and New
    Mexico in 1910) are kept whatever the method, and count in ``seats``: the other states
    share ``seats`` less those.
    """
    pops = census_populations(census)
    law = census_method(census)
    size = law.seats if seats is None else seats
    how = law.method if method is None else method
    fixed = STATUTORY_SEATS.get(census, {})
    if not fixed:
        return apportion(pops, size, how, census=census)
    rest = {st: p for st, p in pops.items() if st not in fixed}
    a = apportion(rest, size - sum(fixed.values()), how, census=census)
    return _with_statutory(a, pops, fixed, size)
