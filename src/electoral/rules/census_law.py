"""The apportionment acts as rules: for each census its method, ratio or House size, the
seats statutes gave outside the method, and the elections it governed.

Like ``eras.py``, the law is data, one row per census with its citation (``LAWS``); the
admissions and transfers of seats between censuses are rows of the packaged
``apportionment_acts.csv`` (1790-1900) and of ``LATER_CHANGES`` (1959).  ``electors_by_law``
puts them together: the electors each state was entitled to in an election, and the
states with seats that appointed none (or whose votes Congress did not receive).

Methods (``method`` of a row):

- ``jefferson-ratio`` (1790-1830): a fixed ratio of persons per seat, fractions dropped;
- ``moiety-ratio`` (1840): the ratio, plus one seat for a fraction over one half
  ("moiety", 5 Stat. 491);
- ``hamilton`` (1850-1900): Vinton's rule -- the ratio is the population over the House
  size, fractions rejected, the largest fractions fill the rest (see ``apportionment``);
- ``webster`` (1910, 1930) and ``huntington-hill`` (1940-) at 435 seats.

Sources for the rows are named on them; the ones marked *SOURCES* are compiled in
shared/data/SOURCES.md section 10 (House Historian's table, Senate Manual note, Statutes
at Large pages, 1911 Britannica "Apportionment Bill").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from electoral.errors import RuleError
from electoral.rules.apportionment import CENSUS_METHOD, STATUTORY_SEATS, Method

_SM = "Senate Manual, 113th Cong. (S. Doc. 113-1), pp. 1415-16, 'Apportionments of Representatives'"
_HH = (
    "Office of the Historian, U.S. House, 'Representatives Apportioned to Each State "
    "(1st to 24th Census, 1790-2020)'"
)


@dataclass(frozen=True)
class Statutory:
    """Seats a statute gave a state outside the method's computation."""

    state: str
    seats: int  # added (supplemental) or the state's whole number (special)
    kind: str  # "supplemental" | "special"
    act: str

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "seats": self.seats, "kind": self.kind, "act": self.act}


@dataclass(frozen=True)
class CensusLaw:
    """The law of one census's apportionment and the elections it governed."""

    census: int
    first_election: int
    method: str  # jefferson-ratio | moiety-ratio | hamilton | webster | huntington-hill
    apportioned: int  # seats the method filled
    house_size: int  # the House the apportionment made, statutory seats included
    ratio: int | None  # statutory ratio (1790-1840) or the published ratio (1850-1900)
    act: str
    citation: str
    note: str = ""
    statutory: tuple[Statutory, ...] = field(default=())

    @property
    def size_method(self) -> Method:
        """The House-size method the rule amounts to (for ``--seats`` and sweeps)."""
        return {"jefferson-ratio": "jefferson", "moiety-ratio": "webster"}.get(  # type: ignore[return-value]
            self.method, self.method
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "census": self.census,
            "first_election": self.first_election,
            "method": self.method,
            "apportioned": self.apportioned,
            "house_size": self.house_size,
            "ratio": self.ratio,
            "act": self.act,
            "citation": self.citation,
            "note": self.note,
            "statutory_seats": [s.to_dict() for s in self.statutory],
        }


def _each(states: str, act: str) -> tuple[Statutory, ...]:
    return tuple(Statutory(st, 1, "supplemental", act) for st in states.split())


_ACT_1862 = "Act of March 4, 1862 (12 Stat. 353): one more seat each"
_ACT_1872 = "Supplemental Act of May 30, 1872, ch. 230 (17 Stat. 192): one more seat each"

#: One row per census.  ``first_election``: the first presidential election held under it.
LAWS: dict[int, CensusLaw] = {
    1790: CensusLaw(
        1790,
        1792,
        "jefferson-ratio",
        105,
        105,
        33_000,
        "Act of April 14, 1792 (1 Stat. 253)",
        f"1 Stat. 253; {_SM}; {_HH}",
        "One seat for every 33,000 persons, fractions dropped (Jefferson's method; the "
        "first bill, 120 seats by largest fractions, was vetoed April 5, 1792). Vermont "
        "and Kentucky apportioned from the 1790 returns.",
    ),
    1800: CensusLaw(
        1800,
        1804,
        "jefferson-ratio",
        141,
        141,
        33_000,
        "Act of January 14, 1802",
        f"{_SM}; {_HH}",
        "Ratio 33,000, fractions dropped.",
    ),
    1810: CensusLaw(
        1810,
        1812,
        "jefferson-ratio",
        181,
        181,
        35_000,
        "Act of December 21, 1811",
        f"{_SM}; {_HH}",
        "Ratio 35,000, fractions dropped; Massachusetts' 20 include the District of Maine "
        "until the Act of April 7, 1820.",
    ),
    1820: CensusLaw(
        1820,
        1824,
        "jefferson-ratio",
        212,
        213,
        40_000,
        "Act of March 7, 1822 (17th Cong. 1st sess. ch. 10, 3 Stat.)",
        f"Statutes at Large vol. 3, 17th Cong. 1st sess. ch. 10; {_SM}; {_HH}",
        "Ratio 40,000, fractions dropped: 212 seats as printed, Alabama 2; the Historian's "
        "and Senate Manual's tables give Alabama 3 (213) from a later 1822 act, whose "
        "text was not read.",
        (
            Statutory(
                "AL",
                3,
                "special",
                "a later act of 1822 (text not read; per the "
                "House Historian and Senate Manual tables)",
            ),
        ),
    ),
    1830: CensusLaw(
        1830,
        1832,
        "jefferson-ratio",
        240,
        240,
        47_700,
        "Act of May 22, 1832",
        f"{_SM}; {_HH}",
        "Ratio 47,700, fractions dropped.",
    ),
    1840: CensusLaw(
        1840,
        1844,
        "moiety-ratio",
        223,
        223,
        70_680,
        "Act of June 25, 1842 (ch. 47, 5 Stat. 491)",
        f"Statutes at Large vol. 5, ch. 47; {_SM}; {_HH}",
        "Ratio 70,680, and one more seat for each state whose fraction exceeds a moiety "
        "(one half) of the ratio.",
    ),
    1850: CensusLaw(
        1850,
        1852,
        "hamilton",
        233,
        234,
        93_423,
        "Act of May 23, 1850 (9 Stat. 432-433, ss. 24-26) and an act of 1852 for California",
        "9 Stat. 432-433; U.S. Dept. of Commerce v. Montana, 503 U.S. 442, n.22; "
        f"1911 Britannica 'Apportionment Bill'; {_SM}; {_HH} (footnote 5)",
        "Vinton's rule at 233 (ratio 93,423; the House Manual prints 93,420); California, "
        "whose returns were incomplete, was given a second seat by the 1852 act (234).",
        (
            Statutory(
                "CA",
                2,
                "special",
                "Act of 1852 for California (text not read; House Historian footnote 5)",
            ),
        ),
    ),
    1860: CensusLaw(
        1860,
        1864,
        "hamilton",
        233,
        241,
        127_381,
        "Apportionment of 233 under the 1850 Act; Act of March 4, 1862 (12 Stat. 353)",
        f"12 Stat. 353; House Manual excerpt; 1911 Britannica; {_SM}; {_HH}",
        "Vinton's rule at 233 (the table printed in the Richmond Dispatch, 1861), then 8 "
        "seats added by the 1862 Act. The published ratio 127,381 is not the derived base "
        "over 233 (126,900).",
        _each("PA OH KY IL IA MN VT RI", _ACT_1862),
    ),
    1870: CensusLaw(
        1870,
        1872,
        "hamilton",
        283,
        292,
        131_425,
        "Act of February 2, 1872 (17 Stat. 28) and supplemental Act of 1872 (17 Stat. 192)",
        f"17 Stat. 28; 17 Stat. 192; Revised Statutes s. 20; 1911 Britannica; {_SM}; {_HH}",
        "Vinton's rule at 283 (38,115,641 / 283 = 134,684 reproduces it; the published "
        "ratio is 131,425), then 9 seats added by the supplemental act.",
        _each("NH VT NY PA IN TN LA AL FL", _ACT_1872),
    ),
    1880: CensusLaw(
        1880,
        1884,
        "hamilton",
        325,
        325,
        151_911,
        "Act of 1882 (text printed 3 March 1882)",
        f"Act text (Democratic Sentinel, Rensselaer IN, 3 Mar 1882); 1911 Britannica; {_SM}; {_HH}",
        "Vinton's rule at 325, a size at which Webster's method gives the same seats "
        "(Caulfield, MAA Convergence). At 299 and 300 the Census Office's tables showed "
        "the Alabama paradox.",
    ),
    1890: CensusLaw(
        1890,
        1892,
        "hamilton",
        356,
        356,
        173_901,
        "Act of February 7, 1891 (26 Stat. 735)",
        f"26 Stat. 735; census.gov 'Apportionment Legislation 1890-Present'; {_SM}; {_HH}",
        "Vinton's rule at 356, where Webster's method agrees (census.gov). The states' 1890 "
        "apportionment populations are not in the data.",
    ),
    1900: CensusLaw(
        1900,
        1904,
        "hamilton",
        386,
        386,
        194_182,
        "Act of January 16, 1901",
        f"census.gov legislation 1890-present; {_SM}; {_HH}",
        "Vinton's rule per the Senate Manual; with the populations in the data it does not "
        "reproduce the act (see the differences), nor does Webster's (Iowa, Nebraska); "
        "equal proportions, not law until 1941, happens to reproduce all 45 states.",
    ),
}
for _c, _law in CENSUS_METHOD.items():
    LAWS[_c] = CensusLaw(
        _c, _c + 2 + (-(_c + 2)) % 4, _law.method,
        _law.seats - sum(STATUTORY_SEATS.get(_c, {}).values()), _law.seats, None,
        _law.citation.split(";")[0], _law.citation, _law.note,
        tuple(
            Statutory(st, n, "special", "Act of Aug. 8, 1911, 37 Stat. 13, s. 2 (on admission)")
            for st, n in STATUTORY_SEATS.get(_c, {}).items()
        ),
    )  # fmt: skip
LAWS = dict(sorted(LAWS.items()))

#: No apportionment followed the 1920 census.
NO_APPORTIONMENT_1920 = (
    "No apportionment followed the 1920 census: Congress passed no act, and the 1911 "
    "apportionment of the 1910 census (435 seats) stayed in force for the elections of "
    "1912-1928 and the Congresses until 1933; the Act of June 18, 1929 (46 Stat. 21) made "
    "the next one automatic, from the 1930 census."
)

#: The Constitution's apportionment until the first census (art. I, s. 2, cl. 3).
CONSTITUTION_SEATS: dict[str, int] = {
    "NH": 3, "MA": 8, "RI": 1, "CT": 5, "NY": 6, "NJ": 4, "PA": 8,
    "DE": 1, "MD": 6, "VA": 10, "NC": 5, "SC": 5, "GA": 3,
}  # fmt: skip
CONSTITUTION = "U.S. Const. art. I, s. 2, cl. 3: 65 seats until the first enumeration"


@dataclass(frozen=True)
class Change:
    """A state's admission with statutory seats, or seats transferred, between censuses."""

    census: int
    date: dt.date
    kind: str  # admission | transfer
    state: str
    seats: int
    from_state: str
    act: str


#: Changes after 1900 that are not in apportionment_acts.csv: Alaska and Hawaii, one seat
#: each on admission (House of 437 until the 1960 apportionment).
LATER_CHANGES: tuple[Change, ...] = (
    Change(1950, dt.date(1959, 1, 3), "admission", "AK", 1, "",
           "Alaska Statehood Act, Pub. L. 85-508, 72 Stat. 339 (one Representative)"),
    Change(1950, dt.date(1959, 8, 21), "admission", "HI", 1, "",
           "Hawaii Admission Act, Pub. L. 86-3, 73 Stat. 4 (one Representative)"),
)  # fmt: skip

#: States with seats that appointed no electors, or whose electors' votes Congress did not
#: receive: (first election, last election, states, why).
NOT_APPOINTED: tuple[tuple[int, int, tuple[str, ...], str], ...] = (
    (1789, 1789, ("NC", "RI"), "had not ratified the Constitution (art. VII)"),
    (
        1864,
        1864,
        ("AL", "AR", "FL", "GA", "LA", "MS", "NC", "SC", "TN", "TX", "VA"),
        "in rebellion: the Joint Resolution of Feb. 8, 1865 (13 Stat. 567) declared the "
        "states in rebellion on Feb. 8, 1864 not entitled to electors; no votes from them "
        "were received (Louisiana and Tennessee had chosen electors; see the notes)",
    ),
    (
        1868,
        1868,
        ("MS", "TX", "VA"),
        "not yet restored to representation in Congress (readmitted 1870); no electors",
    ),
)

#: Electors a state chose before Congress admitted it, and whose votes Congress counted
#: (outright or in the alternative).  Otherwise a state's seats count for an election only
#: if it was admitted before the electors met (Kansas, admitted Jan. 29, 1861, had no
#: electors in 1860).
PROVISIONAL: dict[tuple[int, str], tuple[int, str]] = {
    (1816, "IN"): (
        3,
        "Indiana was admitted Dec. 11, 1816, a week after its electors voted (Dec. 4); "
        "its 3 votes were counted on Feb. 12, 1817",
    ),
    (1820, "MO"): (
        3,
        "Missouri chose electors before its admission (Aug. 10, 1821); by Clay's resolution "
        "its 3 votes were counted in the alternative on Feb. 14, 1821",
    ),
    (1836, "MI"): (
        3,
        "Michigan was admitted Jan. 26, 1837, after its electors voted (Dec. 7, 1836); "
        "its 3 votes were announced both counted and not counted on Feb. 8, 1837",
    ),
}


def law(census: int) -> CensusLaw:
    """The law of ``census``'s apportionment (1790-2020, not 1920)."""
    if census == 1920:
        raise RuleError(NO_APPORTIONMENT_1920)
    if census not in LAWS:
        raise RuleError(
            f"no census {census} in the data (censuses: {', '.join(map(str, LAWS))}; "
            "1920 was not used to reapportion)"
        )
    return LAWS[census]


def census_for_election(year: int) -> int | None:
    """The census whose apportionment governed the election of ``year`` (None: 1789)."""
    if year < 1792:
        return None
    return max(c for c, rule in LAWS.items() if rule.first_election <= year)


@cache
def changes() -> tuple[Change, ...]:
    """Every admission and transfer of seats, 1790-1959, in date order."""
    from electoral.data.census import apportionment_acts_table

    t = apportionment_acts_table()
    rows = [
        Change(int(c), d, str(k), str(st), int(n), str(f), str(act))
        for c, d, k, st, n, f, act in t.loc[
            t.kind != "act", ["census", "date", "kind", "state", "seats", "from_state", "act"]
        ].itertuples(index=False)
    ]
    return tuple(sorted([*rows, *LATER_CHANGES], key=lambda c: c.date))


def published_seats(census: int) -> dict[str, int]:
    """The enacted seats of ``census`` (House Historian / Census Bureau tables)."""
    from electoral.data import apportionment_table
    from electoral.data.census import early_apportionment_table

    for t in (early_apportionment_table(), apportionment_table()):
        rows = t[t.census == census]
        if not rows.empty:
            return dict(zip(rows.state.astype(str), (int(n) for n in rows.seats), strict=True))
    law(census)  # 1920 or an unknown census says why
    raise RuleError(f"no seats for census {census} in the data")


@dataclass(frozen=True)
class Entitlement:
    """The electors each state was entitled to in one election, and why."""

    year: int
    census: int | None
    electors: Mapping[str, int]  # states that appointed electors (as in the record)
    seats: Mapping[str, int]  # House seats in force, every state
    changes: tuple[Change, ...]  # admissions and transfers in force since the census
    not_appointed: Mapping[str, str]  # state -> why it had seats but no electors
    provisional: Mapping[str, str]  # state -> counted in the alternative before admission

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "census": self.census,
            "house_size": sum(self.seats.values()),
            "electors": dict(self.electors),
            "seats": dict(self.seats),
            "changes": [
                {"date": c.date.isoformat(), "kind": c.kind, "state": c.state, "seats": c.seats}
                for c in self.changes
            ],
            "not_appointed": dict(self.not_appointed),
            "provisional": dict(self.provisional),
        }


@cache
def electors_by_law(year: int) -> Entitlement:
    """Electors per state for the election of ``year`` from the apportionment law alone:
    the census's enacted seats, the admissions and transfers made before the electors met,
    two senators each, and DC's three from 1964; ``PROVISIONAL`` states besides."""
    from electoral.rules.calendar import calendar
    from electoral.rules.eras import era

    census = census_for_election(year)
    seats = dict(CONSTITUTION_SEATS) if census is None else published_seats(census)
    met = calendar(year).electors_meet.date
    assert met is not None
    applied = []
    if census is not None:
        for c in changes():
            if c.census < census or c.date >= met:
                continue
            if c.census == census or c.date.year > census:
                applied.append(c)
                if c.kind == "transfer":
                    seats[c.from_state] -= c.seats
                seats[c.state] = c.seats
    out = {st: n + 2 for st, n in seats.items()}
    if era(year).dc_electors:
        out["DC"] = int(era(year).dc_electors)
    missing = {}
    for first, last, states, why in NOT_APPOINTED:
        if first <= year <= last:
            for st in states:
                missing[st] = why
                out.pop(st)
    prov = {}
    for (y, st), (n, why) in PROVISIONAL.items():
        if y == year:
            out[st], prov[st] = n, why
    return Entitlement(year, census, out, seats, tuple(applied), missing, prov)
