"""The apportionment acts, one row per census with its citation: the method, the ratio or
House size, the seats statutes gave outside the method, the first election it governed.

Methods (``method`` of a row):

- ``jefferson-ratio`` (1790-1830): a fixed ratio of persons per seat, fractions dropped;
- ``moiety-ratio`` (1840): the ratio, plus one seat for a fraction over one half
  ("moiety", 5 Stat. 491);
- ``hamilton`` (1850-1900): Vinton's rule -- the ratio is the population over the House
  size, fractions rejected, the largest fractions fill the rest (see ``apportionment``);
- ``webster`` (1910, 1930) and ``huntington-hill`` (1940-) at 435 seats.

The sources named on the rows are compiled in shared/data/SOURCES.md section 10 (House
Historian's table, Senate Manual note, Statutes at Large pages, 1911 Britannica
"Apportionment Bill"); 1910 and later come from ``apportionment.CENSUS_METHOD``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
