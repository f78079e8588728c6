"""The map of an election as it was: parties and what each state was on Election Day.

Expected values are the historical record (sources in the comments), not the code's output.
"""

from __future__ import annotations

import pytest

from electoral import data
from electoral.history_map import STATUSES, map_status, party_of


def test_every_candidate_with_electoral_votes_has_a_party_row() -> None:
    cast = data.votes_cast_table()
    for year in sorted(set(cast.year)):
        named = set(cast.candidate[cast.year == year])
        assert named <= set(party_of(int(year))), year


@pytest.mark.parametrize(
    ("year", "candidate", "party"),
    [
        # Washington belonged to no party (Library of Congress, "Washington's Farewell Address").
        (1789, "George Washington", ""),
        # 1800: the Republican ticket Jefferson-Burr against the Federalists Adams-Pinckney.
        (1800, "Thomas Jefferson", "Democratic-Republican"),
        (1800, "Aaron Burr", "Democratic-Republican"),
        (1800, "John Adams", "Federalist"),
        # 1836: the Whigs ran four regional candidates (Senate Historical Office).
        (1836, "Hugh White", "Whig"),
        (1836, "William Henry Harrison", "Whig"),
        # 1860: the Democrats split into Northern (Douglas) and Southern (Breckinridge).
        (1860, "Stephen Douglas", "Northern Democratic"),
        (1860, "John C. Breckinridge", "Southern Democratic"),
        (1860, "John Bell", "Constitutional Union"),
        # 1912: Roosevelt's Progressive ("Bull Moose") party.
        (1912, "Theodore Roosevelt", "Progressive"),
        # 2016: Washington elector votes for Colin Powell, a Republican (NARA 2016).
        (2016, "Colin Powell", "Republican"),
    ],
)
def test_parties(year: int, candidate: str, party: str) -> None:
    assert party_of(year)[candidate] == party


def test_1864_the_seceded_states_and_west_virginia() -> None:
    m = map_status(1864)
    # The eleven states of the Confederacy chose no electors in 1864 (NARA, 1864 election).
    confederacy = {"VA", "NC", "SC", "GA", "FL", "AL", "MS", "LA", "TX", "AR", "TN"}
    assert {s for s, v in m.items() if v.status == "seceded"} == confederacy
    # West Virginia was admitted on June 20, 1863, and cast 5 votes for Lincoln.
    assert m["WV"].status == "voted" and m["WV"].drawn_with is None
    # Nevada was admitted on October 31, 1864, and voted; Dakota was one territory.
    assert m["NV"].status == "voted"
    assert m["ND"].status == "territory" and m["SD"].drawn_with == "ND"


def test_boundaries_before_admission() -> None:
    # Before June 20, 1863 West Virginia was part of Virginia; Maine (admitted March 15,
    # 1820) was part of Massachusetts until then.
    assert map_status(1860)["WV"].drawn_with == "VA"
    assert map_status(1816)["ME"].drawn_with == "MA"
    assert map_status(1820)["ME"].status == "voted"
    # North and South Dakota, Montana and Washington were admitted in November 1889.
    for st in ("ND", "SD", "MT", "WA"):
        assert map_status(1888)[st].status == "territory"
        assert map_status(1892)[st].status == "voted"
    # Arizona and New Mexico were admitted in 1912; Alaska and Hawaii in 1959.
    assert map_status(1908)["AZ"].status == "territory"
    assert map_status(1956)["HI"].status == "territory"
    assert map_status(1960)["HI"].status == "voted"


def test_1789_and_1872() -> None:
    m = map_status(1789)
    # New York's legislature deadlocked and appointed no electors; North Carolina and Rhode
    # Island had not ratified the Constitution (NARA, 1789 election).
    assert m["NY"].status == "not-appointed"
    assert m["NC"].status == "not-yet-a-state" and m["RI"].status == "not-yet-a-state"
    # Vermont joined in 1791; Kentucky was part of Virginia until 1792.
    assert m["VT"].status == "not-yet-a-state"
    assert m["KY"].drawn_with == "VA"
    # 1872: Congress rejected the votes of Arkansas and Louisiana.
    m = map_status(1872)
    assert m["AR"].status == "rejected" and m["LA"].status == "rejected"


def test_every_state_every_year_has_a_known_status() -> None:
    years = sorted(set(data.electors_table().year))
    for year in years:
        m = map_status(int(year))
        assert len(m) == 51
        assert {v.status for v in m.values()} <= set(STATUSES)
        voted = {s for s, v in m.items() if v.status == "voted"}
        table = data.electors_table()
        rows = table[table.year == year]
        irregular = set(data.irregularities(int(year)).state)
        assert voted == set(rows.state) - (
            irregular & {s for s, v in m.items() if v.status != "voted"}
        )


def test_popular_votes_before_the_returns() -> None:
    from electoral.history_map import popular_votes

    # Lincoln's 1860 popular vote: 1,865,908 (Clerk of the House; American Presidency
    # Project); New York 362,646 for Lincoln, 312,510 for the Douglas fusion ticket.
    pv = popular_votes(1860)
    assert sum(s.get("Abraham Lincoln", 0) for s in pv.values()) == 1_865_908
    assert pv["NY"]["Abraham Lincoln"] == 362_646
    # South Carolina's legislature chose its electors until 1868: no popular vote.
    assert "SC" not in pv
    assert popular_votes(1800) == {} and popular_votes(2016) == {}
