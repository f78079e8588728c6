"""Every election 1789-2024 replayed from the recorded electoral votes.

Expected values are the record: National Archives, "Electoral College Box Scores
1789-1996" and archives.gov/electoral-college/<year>; the Senate and House Journals for the
joint sessions and the contingent elections of 1801, 1825 and 1837.
"""

from __future__ import annotations

import pytest

import electoral
from electoral.rules.eras import election_years

# Who was elected, and by whom (National Archives; House Journal 1801, 1825; Senate
# Journal 1837).  Written out here, independently of the packaged outcomes table.
PRESIDENTS = {
    1789: "George Washington",
    1792: "George Washington",
    1796: "John Adams",
    1800: "Thomas Jefferson",
    1804: "Thomas Jefferson",
    1808: "James Madison",
    1812: "James Madison",
    1816: "James Monroe",
    1820: "James Monroe",
    1824: "John Quincy Adams",
    1828: "Andrew Jackson",
    1832: "Andrew Jackson",
    1836: "Martin Van Buren",
    1840: "William Henry Harrison",
    1844: "James Polk",
    1848: "Zachary Taylor",
    1852: "Franklin Pierce",
    1856: "James Buchanan",
    1860: "Abraham Lincoln",
    1864: "Abraham Lincoln",
    1868: "Ulysses S. Grant",
    1872: "Ulysses S. Grant",
    1876: "Rutherford B. Hayes",
    1880: "James Garfield",
    1884: "Grover Cleveland",
    1888: "Benjamin Harrison",
    1892: "Grover Cleveland",
    1896: "William McKinley",
    1900: "William McKinley",
    1904: "Theodore Roosevelt",
    1908: "William Taft",
    1912: "Woodrow Wilson",
    1916: "Woodrow Wilson",
    1920: "Warren Harding",
    1924: "Calvin Coolidge",
    1928: "Herbert Hoover",
    1932: "Franklin D. Roosevelt",
    1936: "Franklin D. Roosevelt",
    1940: "Franklin D. Roosevelt",
    1944: "Franklin D. Roosevelt",
    1948: "Harry Truman",
    1952: "Dwight D. Eisenhower",
    1956: "Dwight D. Eisenhower",
    1960: "John F. Kennedy",
    1964: "Lyndon B. Johnson",
    1968: "Richard Nixon",
    1972: "Richard Nixon",
    1976: "Jimmy Carter",
    1980: "Ronald Reagan",
    1984: "Ronald Reagan",
    1988: "George H. W. Bush",
    1992: "Bill Clinton",
    1996: "Bill Clinton",
    2000: "George W. Bush",
    2004: "George W. Bush",
    2008: "Barack Obama",
    2012: "Barack Obama",
    2016: "Donald Trump",
    2020: "Joe Biden",
    2024: "Donald Trump",
}
HOUSE = {1800, 1824}


def test_every_election_year_is_covered() -> None:
    assert set(PRESIDENTS) == set(election_years(2024)) and len(PRESIDENTS) == 60


@pytest.mark.parametrize("year", sorted(PRESIDENTS))
def test_replay_every_election(year: int) -> None:
    r = electoral.election(year)
    assert r.reproduced is True
    assert r.president.winner == PRESIDENTS[year]
    assert r.president.decided_by == ("house" if year in HOUSE else "electoral-college")
    d = r.to_dict()
    assert {"year", "electors", "majority", "president", "vice_president", "reproduced"} <= set(d)


def test_1789_dual_ballots() -> None:
    # 1789: each elector voted for two persons; 69 electors, 138 votes.
    r = electoral.election(1789)
    assert dict(r.president.tally) == {
        "George Washington": 69,
        "John Adams": 34,
        "John Jay": 9,
        "Robert H. Harrison": 6,
        "John Rutledge": 6,
        "John Hancock": 4,
        "George Clinton": 3,
        "John Milton": 2,
        "Samuel Huntington": 2,
        "Benjamin Lincoln": 1,
        "Edward Telfair": 1,
        "James Armstrong": 1,
    }
    assert r.vice_president is not None and r.vice_president.winner == "John Adams"


def test_1796_runner_up_is_vice_president() -> None:
    # 1796: Adams 71 (majority of 138 electors is 70), Jefferson 68 becomes vice president.
    r = electoral.election(1796)
    tally = dict(r.president.tally)
    assert (
        tally["John Adams"],
        tally["Thomas Jefferson"],
        tally["Thomas Pinckney"],
        tally["Aaron Burr"],
        tally["Samuel Adams"],
        tally["Oliver Ellsworth"],
    ) == (71, 68, 59, 30, 15, 11)
    assert r.majority == 70
    assert r.vice_president is not None and r.vice_president.winner == "Thomas Jefferson"


def test_1800_tie_goes_to_the_house() -> None:
    # Jefferson 73, Burr 73, Adams 65, C. C. Pinckney 64, Jay 1.  House: 35 ballots of
    # Jefferson 8, Burr 6, 2 divided (9 of 16 states needed); 36th: Jefferson 10, Burr 4.
    r = electoral.election(1800)
    assert dict(r.president.tally) == {
        "Aaron Burr": 73,
        "Thomas Jefferson": 73,
        "John Adams": 65,
        "Charles C. Pinckney": 64,
        "John Jay": 1,
    }
    c = r.president.contingent
    assert c is not None and c.result is not None
    assert set(c.candidates) == {"Thomas Jefferson", "Aaron Burr"}
    assert (c.result.members, c.result.needed) == (16, 9)
    first, last = c.result.ballots
    assert (first.first, first.last, dict(first.tally), first.no_vote) == (
        1,
        35,
        {"Thomas Jefferson": 8, "Aaron Burr": 6},
        2,
    )
    assert (last.first, dict(last.tally)) == (36, {"Thomas Jefferson": 10, "Aaron Burr": 4})
    assert r.vice_president is not None and r.vice_president.winner == "Aaron Burr"


def test_1824_house_election() -> None:
    # Jackson 99, Adams 84, Crawford 41, Clay 37 of 261 (131 needed): the House chose among
    # the top three, Adams 13 states, Jackson 7, Crawford 4 (13 of 24 needed).
    r = electoral.election(1824)
    assert dict(r.president.tally) == {
        "Andrew Jackson": 99,
        "John Quincy Adams": 84,
        "William H. Crawford": 41,
        "Henry Clay": 37,
    }
    assert r.majority == 131
    c = r.president.contingent
    assert c is not None and c.candidates == (
        "Andrew Jackson",
        "John Quincy Adams",
        "William H. Crawford",
    )
    assert c.result is not None and dict(c.result.ballots[0].tally) == {
        "John Quincy Adams": 13,
        "Andrew Jackson": 7,
        "William H. Crawford": 4,
    }
    # Calhoun won the vice presidency outright: 182 of 261.
    assert r.vice_president is not None and r.vice_president.winner == "John C. Calhoun"
    assert r.vice_president.tally["John C. Calhoun"] == 182


def test_1836_senate_chooses_vice_president() -> None:
    # Johnson 147 of 294 electors (148 needed); Senate: Johnson 33, Granger 16 (27 of 52).
    r = electoral.election(1836)
    v = r.vice_president
    assert v is not None and v.tally["Richard M. Johnson"] == 147 and v.majority == 148
    assert v.decided_by == "senate" and v.winner == "Richard M. Johnson"
    assert v.contingent is not None and v.contingent.result is not None
    assert dict(v.contingent.result.ballots[0].tally) == {
        "Richard M. Johnson": 33,
        "Francis Granger": 16,
    }
    assert v.contingent.result.needed == 27


def test_1864_states_not_voting() -> None:
    # Eleven Confederate states chose no electors; Lincoln 212, McClellan 21; one Nevada
    # elector did not vote (234 electors, 233 votes).
    r = electoral.election(1864)
    assert dict(r.president.tally) == {"Abraham Lincoln": 212, "George McClellan": 21}
    assert r.electors == 234
    assert not {"VA", "SC", "GA", "TX"} & set(r.recorded_states)


def test_1872_votes_not_counted() -> None:
    # Greeley died before the electors met: Hendricks 42, Brown 18, Jenkins 2, Davis 1;
    # Georgia's 3 Greeley votes not counted; Arkansas's and Louisiana's votes rejected.
    r = electoral.election(1872)
    assert dict(r.president.tally) == {
        "Ulysses S. Grant": 286,
        "Thomas A. Hendricks": 42,
        "Benjamin Gratz Brown": 18,
        "Charles J. Jenkins": 2,
        "David Davis": 1,
    }
    assert "Horace Greeley" not in r.president.tally
    assert any("not counted: Horace Greeley 3" in n for n in r.notes)
    assert any(n.startswith("AR:") for n in r.notes) and any(n.startswith("LA:") for n in r.notes)


def test_1876_electoral_commission() -> None:
    # Hayes 185, Tilden 184: the Electoral Commission gave the disputed votes to Hayes.
    r = electoral.election(1876)
    assert dict(r.president.tally) == {"Rutherford B. Hayes": 185, "Samuel Tilden": 184}
    assert r.majority == 185
    assert sum("Electoral Commission" in n for n in r.notes) == 4  # FL, LA, SC, OR


@pytest.mark.parametrize(
    ("year", "tally"),
    [
        # 1912: Wilson 435, T. Roosevelt 88, Taft 8.
        (1912, {"Woodrow Wilson": 435, "Theodore Roosevelt": 88, "William Taft": 8}),
        # 1948: Truman 303, Dewey 189, Thurmond 39.
        (1948, {"Harry Truman": 303, "Thomas Dewey": 189, "Strom Thurmond": 39}),
        # 1960: unpledged electors (MS 8, AL 6) and an Oklahoma faithless elector for Byrd.
        (1960, {"John F. Kennedy": 303, "Richard Nixon": 219, "Harry Byrd": 15}),
        # 1968: Wallace 46 (one North Carolina elector pledged to Nixon among them).
        (1968, {"Richard Nixon": 301, "Hubert Humphrey": 191, "George Wallace": 46}),
        # 2000: one DC elector abstained.
        (2000, {"George W. Bush": 271, "Al Gore": 266}),
    ],
)
def test_twentieth_century_splits(year: int, tally: dict[str, int]) -> None:
    assert dict(electoral.election(year).president.tally) == tally


def test_1960_vice_president() -> None:
    # 1960 VP: Johnson 303, Lodge 219, Thurmond 14, Goldwater 1.
    v = electoral.election(1960).vice_president
    assert v is not None and dict(v.tally) == {
        "Lyndon B. Johnson": 303,
        "Henry Cabot Lodge Jr.": 219,
        "Strom Thurmond": 14,
        "Barry Goldwater": 1,
    }
