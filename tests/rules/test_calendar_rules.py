"""Tests for ``electoral.rules.calendar``.

Every expected date is a literal from the law or the official record (named in the comment on
its row), never from the code's own output.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import RuleError
from electoral.rules.calendar import _MOVED_COUNTS, CalendarEvent, ElectionCalendar, calendar

D = dt.date

# year: (election_day, certificate_deadline, electors_meet, congress_counts, term_begins)
RECORD: dict[int, tuple[D | None, D | None, D, D, D]] = {
    # Future: current law (3 U.S.C. §§ 1, 5, 7, 15 as amended by ECRA 2022; 20th Amendment);
    # DESIGN.md's `electoral calendar 2028` contract.
    2028: (D(2028, 11, 7), D(2028, 12, 13), D(2028, 12, 19), D(2029, 1, 6), D(2029, 1, 20)),
    # Post-ECRA: CRS R48309 (Dec. 10, 2024): electors meet first Tuesday after the second
    # Wednesday in December (Dec. 17), certificates six days before; count Jan. 6, 2025.
    2024: (D(2024, 11, 5), D(2024, 12, 11), D(2024, 12, 17), D(2025, 1, 6), D(2025, 1, 20)),
    # Pre-ECRA 3 U.S.C. § 7: electors met Dec. 14, 2020; safe harbor Dec. 8 (3 U.S.C. § 5);
    # CRS RL32717 (Dec. 8, 2020): joint session January 6, 2021.
    2020: (D(2020, 11, 3), D(2020, 12, 8), D(2020, 12, 14), D(2021, 1, 6), D(2021, 1, 20)),
    # Electors met Dec. 19, 2016; Congressional Record, Jan. 6, 2017, H185 (joint session).
    2016: (D(2016, 11, 8), D(2016, 12, 13), D(2016, 12, 19), D(2017, 1, 6), D(2017, 1, 20)),
    # H.J. Res. 122, 112th Cong. moved the count to Jan. 4, 2013; electors met Dec. 17, 2012
    # and the safe harbor was Dec. 11, 2012 (NARA's 2012 key dates, as quoted by the press).
    2012: (D(2012, 11, 6), D(2012, 12, 11), D(2012, 12, 17), D(2013, 1, 4), D(2013, 1, 20)),
    # H.J. Res. 100, 110th Cong., § 2 moved the count to Jan. 8, 2009 (Congressional Record,
    # Jan. 8, 2009, H75); 3 U.S.C. § 7: Monday after Wednesday Dec. 10, 2008.
    2008: (D(2008, 11, 4), D(2008, 12, 9), D(2008, 12, 15), D(2009, 1, 8), D(2009, 1, 20)),
    # Congressional Record (bound), vol. 147, pt. 1, p. 101: joint session Saturday Jan. 6, 2001.
    2000: (D(2000, 11, 7), D(2000, 12, 12), D(2000, 12, 18), D(2001, 1, 6), D(2001, 1, 20)),
    # CNN, Jan. 8, 1997: joint session "Thursday" (Jan. 9, 1997).
    1996: (D(1996, 11, 5), D(1996, 12, 10), D(1996, 12, 16), D(1997, 1, 9), D(1997, 1, 20)),
    # Los Angeles Times (UPI), Jan. 4, 1989: Congress "counted electoral votes today".
    1988: (D(1988, 11, 8), D(1988, 12, 13), D(1988, 12, 19), D(1989, 1, 4), D(1989, 1, 20)),
    # Electors met Dec. 17, 1984; Congressional Record, Jan. 7, 1985 (joint session).
    1984: (D(1984, 11, 6), D(1984, 12, 11), D(1984, 12, 17), D(1985, 1, 7), D(1985, 1, 20)),
    # S. Con. Res. 1, 85th Cong. (71 Stat. B3): joint session Monday, Jan. 7, 1957.
    1956: (D(1956, 11, 6), D(1956, 12, 11), D(1956, 12, 17), D(1957, 1, 7), D(1957, 1, 20)),
    # 3 U.S.C. § 7 (62 Stat. 673): first Monday after the second Wednesday (Dec. 8, 1948).
    1948: (D(1948, 11, 2), D(1948, 12, 7), D(1948, 12, 13), D(1949, 1, 6), D(1949, 1, 20)),
    # Time, Dec. 1944: electors met "the first Monday after the second Wednesday in December";
    # count "next Jan. 6" (Time, Jan. 15, 1945 reports it held).
    1944: (D(1944, 11, 7), D(1944, 12, 12), D(1944, 12, 18), D(1945, 1, 6), D(1945, 1, 20)),
    # Act of June 5, 1934 (48 Stat. 879): December meeting, Jan. 6 count, Jan. 20 term.
    1940: (D(1940, 11, 5), D(1940, 12, 10), D(1940, 12, 16), D(1941, 1, 6), D(1941, 1, 20)),
    # Time, Dec. 21, 1936 (electors met under the 1934 amendment); Politico: count Jan. 6, 1937.
    1936: (D(1936, 11, 3), D(1936, 12, 8), D(1936, 12, 14), D(1937, 1, 6), D(1937, 1, 20)),
    # Electoral Count Act (24 Stat. 373) § 1: second Monday in January (Jan. 9, 1933);
    # count Feb. 8, 1933 (Time, Feb. 20, 1933; press, Jan. 19, 1933); term March 4, 1933.
    1932: (D(1932, 11, 8), D(1933, 1, 3), D(1933, 1, 9), D(1933, 2, 8), D(1933, 3, 4)),
    # S. Con. Res. 28, 70th Cong. (45 Stat. pt. 2): count Wednesday, Feb. 13, 1929.
    1928: (D(1928, 11, 6), D(1929, 1, 8), D(1929, 1, 14), D(1929, 2, 13), D(1929, 3, 4)),
    # New York Times, Jan. 26, 1913: count "on Feb. 12, the second Wednesday of the month".
    1912: (D(1912, 11, 5), D(1913, 1, 7), D(1913, 1, 13), D(1913, 2, 12), D(1913, 3, 4)),
    # Concurrent resolution of Jan. 16, 1905 (33 Stat. pt. 2): count Wednesday, Feb. 8, 1905.
    1904: (D(1904, 11, 8), D(1905, 1, 3), D(1905, 1, 9), D(1905, 2, 8), D(1905, 3, 4)),
    # First election under the Electoral Count Act of Feb. 3, 1887 (24 Stat. 373).
    1888: (D(1888, 11, 6), D(1889, 1, 8), D(1889, 1, 14), D(1889, 2, 13), D(1889, 3, 4)),
    # "Count of electoral votes cast December 6, 1876" (GPO, 1877); Electoral Commission Act of
    # Jan. 29, 1877 (19 Stat. 227): "first Thursday in February", the count began Feb. 1.
    1876: (D(1876, 11, 7), None, D(1876, 12, 6), D(1877, 2, 1), D(1877, 3, 4)),
    # Act of Jan. 23, 1845 (5 Stat. 721), first applied in 1848; 1792 Act §§ 2, 5.
    1848: (D(1848, 11, 7), None, D(1848, 12, 6), D(1849, 2, 14), D(1849, 3, 4)),
    # Act of March 1, 1792 (1 Stat. 239) §§ 1, 2, 5: no single election day; first Wednesday
    # in December; "second Wednesday in February, one thousand seven hundred and ninety-three".
    1792: (None, None, D(1792, 12, 5), D(1793, 2, 13), D(1793, 3, 4)),
    # Resolution of Sept. 13, 1788 (Journals of the Continental Congress): appointing electors
    # on the first Wednesday in January, voting the first Wednesday in February, proceedings
    # from the first Wednesday in March; Senate Journal, April 6, 1789: votes counted.
    1788: (D(1789, 1, 7), None, D(1789, 2, 4), D(1789, 4, 6), D(1789, 3, 4)),
}


@pytest.mark.parametrize("year", sorted(RECORD))
def test_calendar_matches_the_record(year: int) -> None:
    election, deadline, meet, counts, term = RECORD[year]
    cal = calendar(year)
    assert cal.year == year
    assert cal.election_day.date == election
    assert cal.certificate_deadline.date == deadline
    assert cal.electors_meet.date == meet
    assert cal.congress_counts.date == counts
    assert cal.term_begins.date == term


@pytest.mark.parametrize(
    ("year", "event", "words"),
    [
        (2028, "electors_meet", "first Tuesday after the second Wednesday in December"),
        (2028, "certificate_deadline", "3 U.S.C. § 5(a)(1)"),
        (2024, "electors_meet", "Electoral Count Reform Act of 2022"),
        (2020, "electors_meet", "first Monday after the second Wednesday in December"),
        (2020, "certificate_deadline", "safe harbor"),
        (2012, "congress_counts", "H.J. Res. 122"),
        (2008, "congress_counts", "H.J. Res. 100"),
        (1940, "electors_meet", "48 Stat. 879"),
        (1932, "electors_meet", "second Monday in January"),
        (1932, "term_begins", "March 4"),
        (1936, "term_begins", "amend. XX"),
        (1876, "congress_counts", "19 Stat. 227"),
        (1876, "certificate_deadline", "no federal deadline"),
        (1848, "election_day", "5 Stat. 721"),
        (1792, "election_day", "34 days"),
        (1788, "electors_meet", "September 13, 1788"),
    ],
)
def test_each_date_cites_its_rule(year: int, event: str, words: str) -> None:
    assert words in getattr(calendar(year), event).rule


@pytest.mark.parametrize(
    ("year", "event", "words"),
    [
        (2012, "term_begins", "Sunday"),  # Jan. 20, 2013: public oath Monday, Jan. 21
        (1984, "term_begins", "Sunday"),  # Jan. 20, 1985
        (1876, "term_begins", "Sunday"),  # March 4, 1877: Hayes's public oath March 5
        (1916, "term_begins", "Sunday"),  # March 4, 1917
        (2012, "congress_counts", "January 6"),
        (1876, "congress_counts", "second Wednesday in February"),
        (1788, "term_begins", "April 30, 1789"),
        (1792, "election_day", "1792-11-01 and 1792-12-04"),
    ],
)
def test_notes_explain_what_the_rule_does_not(year: int, event: str, words: str) -> None:
    note = getattr(calendar(year), event).note
    assert note is not None and words in note


def test_1789_is_the_first_elections_alias() -> None:
    assert calendar(1789) == calendar(1788)
    assert calendar(1789).year == 1788


@pytest.mark.parametrize("year", [2025, 1787, 1790, 2026, 0, -4, 10000, 9997])
def test_a_year_that_is_not_an_election_year_is_refused(year: int) -> None:
    with pytest.raises(RuleError) as caught:
        calendar(year)
    assert caught.value.exit_code == 2
    assert str(year) in str(caught.value)


@pytest.mark.parametrize("year", ["2024", 2024.0, True, None])
def test_a_non_integer_year_is_refused(year: Any) -> None:
    with pytest.raises(RuleError):
        calendar(year)


def test_to_dict_keeps_the_cli_contract() -> None:
    out = calendar(2028).to_dict()
    assert out["year"] == 2028
    assert out["election_day"] == "2028-11-07"
    assert out["certificate_deadline"] == "2028-12-13"
    assert out["electors_meet"] == "2028-12-19"
    assert out["congress_counts"] == "2029-01-06"
    assert out["term_begins"] == "2029-01-20"
    assert set(out["rules"]) == {
        "election_day",
        "certificate_deadline",
        "electors_meet",
        "congress_counts",
        "term_begins",
    }
    assert out["notes"] == {}  # nothing unusual in 2028: Jan. 20, 2029 is a Saturday


def test_to_dict_keeps_missing_dates_and_only_real_notes() -> None:
    out = calendar(1792).to_dict()
    assert out["election_day"] is None
    assert out["certificate_deadline"] is None
    assert set(out["notes"]) == {"election_day"}
    assert all(isinstance(rule, str) and rule for rule in out["rules"].values())


def test_events_run_in_the_laws_order() -> None:
    cal = calendar(2024)
    assert isinstance(cal, ElectionCalendar)
    names = [event.name for event in cal.events()]
    assert names == [
        "election_day",
        "certificate_deadline",
        "electors_meet",
        "congress_counts",
        "term_begins",
    ]
    assert all(isinstance(event, CalendarEvent) for event in cal.events())


def test_every_moved_count_is_off_the_statutory_day() -> None:
    for year, (day, rule) in _MOVED_COUNTS.items():
        assert calendar(year).congress_counts.date == day
        assert rule
        usual = D(year + 1, 1, 6) if year >= 1936 else None
        assert day != usual


def test_2021_count_stays_on_january_6() -> None:
    # The joint session of Jan. 6, 2021 ran past midnight; its date is still Jan. 6.
    assert calendar(2020).congress_counts.date == D(2021, 1, 6)
    assert calendar(2020).congress_counts.note is None


@given(st.integers(min_value=0, max_value=(2400 - 1848) // 4).map(lambda k: 1848 + 4 * k))
def test_modern_calendar_runs_in_order(year: int) -> None:
    cal = calendar(year)
    election = cal.election_day.date
    meet = cal.electors_meet.date
    counts = cal.congress_counts.date
    term = cal.term_begins.date
    assert election is not None and meet is not None
    assert counts is not None and term is not None
    assert election.weekday() == 1  # Tuesday
    assert election.month == 11 and 2 <= election.day <= 8
    assert election < meet < counts < term
    deadline = cal.certificate_deadline.date
    if year >= 1888:
        assert deadline is not None and election < deadline < meet
    else:
        assert deadline is None
