"""Recorded elections replayed through the rules.

Expected tallies are the electoral votes counted by Congress, as published by the National
Archives ("Electoral College Results", archives.gov/electoral-college/<year>) and in the
Congressional Record of each joint session.  The pledged tallies are what the certified
popular vote gives under each state's allocation law before any elector broke a pledge.
"""

from __future__ import annotations

import pytest

import electoral

# year: (recorded president tally, recorded vice-president tally, pledged tally)
RECORD = {
    # 1976: one Washington elector pledged to Ford voted for Reagan; VP Dole 241.
    1976: (
        {"Jimmy Carter": 297, "Gerald Ford": 240, "Ronald Reagan": 1},
        {"Walter Mondale": 297, "Bob Dole": 241},
        {"Jimmy Carter": 297, "Gerald Ford": 241},
    ),
    1980: (
        {"Ronald Reagan": 489, "Jimmy Carter": 49},
        {"George H. W. Bush": 489, "Walter Mondale": 49},
        {"Ronald Reagan": 489, "Jimmy Carter": 49},
    ),
    1984: (
        {"Ronald Reagan": 525, "Walter Mondale": 13},
        {"George H. W. Bush": 525, "Geraldine Ferraro": 13},
        {"Ronald Reagan": 525, "Walter Mondale": 13},
    ),
    # 1988: a West Virginia elector reversed the Democratic ticket (Bentsen for president).
    1988: (
        {"George H. W. Bush": 426, "Michael Dukakis": 111, "Lloyd Bentsen": 1},
        {"Dan Quayle": 426, "Lloyd Bentsen": 111, "Michael Dukakis": 1},
        {"George H. W. Bush": 426, "Michael Dukakis": 112},
    ),
    1992: (
        {"Bill Clinton": 370, "George H. W. Bush": 168},
        {"Al Gore": 370, "Dan Quayle": 168},
        {"Bill Clinton": 370, "George H. W. Bush": 168},
    ),
    1996: (
        {"Bill Clinton": 379, "Bob Dole": 159},
        {"Al Gore": 379, "Jack Kemp": 159},
        {"Bill Clinton": 379, "Bob Dole": 159},
    ),
    # 2000: one DC elector pledged to Gore cast a blank ballot.
    2000: (
        {"George W. Bush": 271, "Al Gore": 266},
        {"Dick Cheney": 271, "Joe Lieberman": 266},
        {"George W. Bush": 271, "Al Gore": 267},
    ),
    # 2004: a Minnesota elector voted for Edwards for president.
    2004: (
        {"George W. Bush": 286, "John Kerry": 251, "John Edwards": 1},
        {"Dick Cheney": 286, "John Edwards": 252},
        {"George W. Bush": 286, "John Kerry": 252},
    ),
    2008: (
        {"Barack Obama": 365, "John McCain": 173},
        {"Joe Biden": 365, "Sarah Palin": 173},
        {"Barack Obama": 365, "John McCain": 173},
    ),
    2012: (
        {"Barack Obama": 332, "Mitt Romney": 206},
        {"Joe Biden": 332, "Paul Ryan": 206},
        {"Barack Obama": 332, "Mitt Romney": 206},
    ),
    # 2016: seven faithless votes (TX 2, WA 4, HI 1); the returns pledged 306-232.
    2016: (
        {
            "Donald Trump": 304,
            "Hillary Clinton": 227,
            "Colin Powell": 3,
            "Bernie Sanders": 1,
            "John Kasich": 1,
            "Ron Paul": 1,
            "Faith Spotted Eagle": 1,
        },
        {
            "Mike Pence": 305,
            "Tim Kaine": 227,
            "Elizabeth Warren": 2,
            "Maria Cantwell": 1,
            "Susan Collins": 1,
            "Winona LaDuke": 1,
            "Carly Fiorina": 1,
        },
        {"Donald Trump": 306, "Hillary Clinton": 232},
    ),
    2020: (
        {"Joe Biden": 306, "Donald Trump": 232},
        {"Kamala Harris": 306, "Mike Pence": 232},
        {"Joe Biden": 306, "Donald Trump": 232},
    ),
    2024: (
        {"Donald Trump": 312, "Kamala Harris": 226},
        {"JD Vance": 312, "Tim Walz": 226},
        {"Donald Trump": 312, "Kamala Harris": 226},
    ),
}


@pytest.mark.parametrize("year", sorted(RECORD))
def test_replay(year: int) -> None:
    president, vice, pledged = RECORD[year]
    r = electoral.election(year)
    assert dict(r.president.tally) == president
    assert r.vice_president is not None and dict(r.vice_president.tally) == vice
    assert r.pledged is not None and dict(r.pledged.president.tally) == pledged
    assert r.electors == 538 and r.majority == 270
    assert r.reproduced is True
    assert r.pledged.president.winner == r.president.winner


def test_2020_json_contract() -> None:
    d = electoral.election(2020).to_dict()
    assert {"year", "electors", "majority", "president", "vice_president", "reproduced"} <= set(d)
    assert d["president"]["winner"] == "Joe Biden"
    assert d["president"]["decided_by"] == "electoral-college"
    assert d["president"]["tally"] == {"Joe Biden": 306, "Donald Trump": 232}
    assert d["pledged"]["agrees"] is True and d["differences"] == {}


def test_2020_districts_from_returns() -> None:
    # NARA 2020: Maine 3 Biden / 1 Trump (ME-2), Nebraska 4 Trump / 1 Biden (NE-2).
    units = {u.unit: u.winner for u in electoral.election(2020).pledged.units}  # type: ignore[union-attr]
    assert units["ME-2"] == "Donald Trump" and units["NE-2"] == "Joe Biden"
    assert units["ME"] == "Joe Biden" and units["NE"] == "Donald Trump"


def test_2016_shows_faithless_beside_pledged() -> None:
    d = electoral.election(2016).to_dict()
    # Certificates of vote: Texas 36 Trump, 1 Kasich, 1 Ron Paul; Washington 8 Clinton,
    # 3 Powell, 1 Faith Spotted Eagle; Hawaii 3 Clinton, 1 Sanders.
    assert d["differences"] == {
        "HI": {
            "pledged": {"Hillary Clinton": 4},
            "cast": {"Hillary Clinton": 3, "Bernie Sanders": 1},
        },
        "TX": {
            "pledged": {"Donald Trump": 38},
            "cast": {"Donald Trump": 36, "John Kasich": 1, "Ron Paul": 1},
        },
        "WA": {
            "pledged": {"Hillary Clinton": 12},
            "cast": {"Hillary Clinton": 8, "Colin Powell": 3, "Faith Spotted Eagle": 1},
        },
    }
    assert d["pledged"]["president"]["tally"] == {"Donald Trump": 306, "Hillary Clinton": 232}


def test_years_without_district_returns_use_the_record() -> None:
    # 2008: Nebraska's 2nd district went to Obama (NARA 2008: NE McCain 4, Obama 1); the
    # data has no 2008 district returns, so the record's split is used and said so.
    r = electoral.election(2008)
    assert r.pledged is not None and r.pledged.cast["NE"] == {"John McCain": 4, "Barack Obama": 1}
    assert any("NE: no district returns for 2008" in n for n in r.notes)


def test_to_frame_is_long_a_row_per_state_and_candidate() -> None:
    f = electoral.election(2024).to_frame()
    assert f.state.nunique() == 51 and int(f.electoral_votes.sum()) == 538
    # 2024: Maine split 3-1 (Harris 3, Trump 1: NARA 2024 certificates of vote).
    me = f[f.state == "ME"].set_index("candidate").electoral_votes.to_dict()
    assert me == {"Kamala Harris": 3, "Donald Trump": 1}
