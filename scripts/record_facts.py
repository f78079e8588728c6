"""Facts transcribed from the official record, used by build_data.py to check and correct
the public datasets.  Each block names its source.  Nothing here is computed.
"""

from __future__ import annotations

#: Spellings in the popular-vote files (MEDSL) of persons who also appear in the
#: electoral-vote record, mapped to the record's spelling.  Names whose key already equals
#: the record's key (e.g. "OBAMA, BARACK" vs "Barack Obama") need no entry.
ALIASES: dict[str, str] = {
    "TRUMP, DONALD J.": "Donald Trump",
    "Donald J. Trump": "Donald Trump",
    "BIDEN, JOSEPH R. JR": "Joe Biden",
    "Joseph R. Biden": "Joe Biden",
    "OBAMA, BARACK H.": "Barack Obama",
    "CARTER, JIMMY": "Jimmy Carter",
    "FORD, GERALD": "Gerald Ford",
    "REAGAN, RONALD": "Ronald Reagan",
    "BUSH, GEORGE H.W.": "George H. W. Bush",
    "BUSH, GEORGE W.": "George W. Bush",
    "CLINTON, BILL": "Bill Clinton",
    "CLINTON, HILLARY": "Hillary Clinton",
    "DOLE, ROBERT": "Bob Dole",
    "Robert J. Dole": "Bob Dole",
    "ANDERSON, JOHN B.": "John Anderson",
    "PEROT, ROSS": "Ross Perot",
    "MONDALE, WALTER": "Walter Mondale",
    "Walter F. Mondale": "Walter Mondale",
    "DUKAKIS, MICHAEL": "Michael Dukakis",
    "Michael S. Dukakis": "Michael Dukakis",
    "GORE, AL": "Al Gore",
    "KERRY, JOHN": "John Kerry",
    "MCCAIN, JOHN": "John McCain",
    "ROMNEY, MITT": "Mitt Romney",
    "HARRIS, KAMALA D.": "Kamala Harris",
    "KAMALA D HARRIS": "Kamala Harris",
    "DONALD J TRUMP": "Donald Trump",
    'PAUL, RONALD ""RON""': "Ron Paul",
    "KASICH, JOHN": "John Kasich",
    "SANDERS, BERNIE": "Bernie Sanders",
    "MCMULLIN, EVAN": "Evan McMullin",
    "KENNEDY, ROBERT F. JR": "Robert F. Kennedy Jr.",
    "Robert F. Kennedy": "Robert F. Kennedy Jr.",
    "JD Vance": "JD Vance",
    "J. D. Vance": "JD Vance",
    "Tim Walz": "Tim Walz",
    "Geraldine A. Ferraro": "Geraldine Ferraro",
}

#: Rows of the popular-vote files that are not votes for anyone (dropped) and rows that are
#: votes for unnamed or scattered candidates (kept, pooled as OTHER).
NOT_VOTES = {
    "UNDERVOTES",
    "OVERVOTES",
    "UNDER VOTES",
    "OVER VOTES",
    "BLANK VOTE",
    "BLANK VOTES",
    "VOID",
    "VOID VOTE",
}
OTHER = "Other"
OTHER_LABELS = {
    "",
    "OTHER",
    "OTHERS",
    "SCATTERING",
    "BLANK VOTE/SCATTERING",
    "WRITE-IN",
    "WRITE-INS",
    "WRITEIN",
    # Not a candidate: pooled rows, an unlabelled Ohio/North Carolina 2000 line, and
    # Nevada's "None of these candidates" ballot option, which cannot win electors
    # (Nev. Rev. Stat. § 293.269).
    "NOT DESIGNATED",
    "BLANK VOTE/VOID VOTE/SCATTERING",
    "NONE OF THESE CANDIDATES",
    "NONE OF THE ABOVE",
}

#: Who the count and any contingent election made president and vice president.  Source:
#: National Archives, "Historical Election Results: Electoral College Box Scores
#: 1789-1996" and the per-year pages archives.gov/electoral-college/<year>; Congressional
#: Record of each joint session (1997-2025).  decided_by: how each was chosen (1800: the
#: House chose Jefferson; Burr, next in electoral votes, became vice president under
#: Art. II, § 1, cl. 3).
OUTCOMES: list[tuple[int, str, str, str, str]] = [
    # year, president, how, vice president, how
    (1789, "George Washington", "electoral-college", "John Adams", "electoral-college"),
    (1792, "George Washington", "electoral-college", "John Adams", "electoral-college"),
    (1796, "John Adams", "electoral-college", "Thomas Jefferson", "electoral-college"),
    (1800, "Thomas Jefferson", "house", "Aaron Burr", "electoral-college"),
    (1804, "Thomas Jefferson", "electoral-college", "George Clinton", "electoral-college"),
    (1808, "James Madison", "electoral-college", "George Clinton", "electoral-college"),
    (1812, "James Madison", "electoral-college", "Elbridge Gerry", "electoral-college"),
    (1816, "James Monroe", "electoral-college", "Daniel D. Tompkins", "electoral-college"),
    (1820, "James Monroe", "electoral-college", "Daniel D. Tompkins", "electoral-college"),
    (1824, "John Quincy Adams", "house", "John C. Calhoun", "electoral-college"),
    (1828, "Andrew Jackson", "electoral-college", "John C. Calhoun", "electoral-college"),
    (1832, "Andrew Jackson", "electoral-college", "Martin Van Buren", "electoral-college"),
    (1836, "Martin Van Buren", "electoral-college", "Richard M. Johnson", "senate"),
    (1840, "William Henry Harrison", "electoral-college", "John Tyler", "electoral-college"),
    (1844, "James K. Polk", "electoral-college", "George M. Dallas", "electoral-college"),
    (1848, "Zachary Taylor", "electoral-college", "Millard Fillmore", "electoral-college"),
    (1852, "Franklin Pierce", "electoral-college", "William R. King", "electoral-college"),
    (1856, "James Buchanan", "electoral-college", "John C. Breckinridge", "electoral-college"),
    (1860, "Abraham Lincoln", "electoral-college", "Hannibal Hamlin", "electoral-college"),
    (1864, "Abraham Lincoln", "electoral-college", "Andrew Johnson", "electoral-college"),
    (1868, "Ulysses S. Grant", "electoral-college", "Schuyler Colfax", "electoral-college"),
    (1872, "Ulysses S. Grant", "electoral-college", "Henry Wilson", "electoral-college"),
    (1876, "Rutherford B. Hayes", "electoral-college", "William A. Wheeler", "electoral-college"),
    (1880, "James A. Garfield", "electoral-college", "Chester A. Arthur", "electoral-college"),
    (1884, "Grover Cleveland", "electoral-college", "Thomas A. Hendricks", "electoral-college"),
    (1888, "Benjamin Harrison", "electoral-college", "Levi P. Morton", "electoral-college"),
    (1892, "Grover Cleveland", "electoral-college", "Adlai E. Stevenson", "electoral-college"),
    (1896, "William McKinley", "electoral-college", "Garret A. Hobart", "electoral-college"),
    (1900, "William McKinley", "electoral-college", "Theodore Roosevelt", "electoral-college"),
    (1904, "Theodore Roosevelt", "electoral-college", "Charles W. Fairbanks", "electoral-college"),
    (1908, "William Howard Taft", "electoral-college", "James S. Sherman", "electoral-college"),
    (1912, "Woodrow Wilson", "electoral-college", "Thomas R. Marshall", "electoral-college"),
    (1916, "Woodrow Wilson", "electoral-college", "Thomas R. Marshall", "electoral-college"),
    (1920, "Warren G. Harding", "electoral-college", "Calvin Coolidge", "electoral-college"),
    (1924, "Calvin Coolidge", "electoral-college", "Charles G. Dawes", "electoral-college"),
    (1928, "Herbert Hoover", "electoral-college", "Charles Curtis", "electoral-college"),
    (1932, "Franklin D. Roosevelt", "electoral-college", "John Nance Garner", "electoral-college"),
    (1936, "Franklin D. Roosevelt", "electoral-college", "John Nance Garner", "electoral-college"),
    (1940, "Franklin D. Roosevelt", "electoral-college", "Henry A. Wallace", "electoral-college"),
    (1944, "Franklin D. Roosevelt", "electoral-college", "Harry S. Truman", "electoral-college"),
    (1948, "Harry S. Truman", "electoral-college", "Alben W. Barkley", "electoral-college"),
    (1952, "Dwight D. Eisenhower", "electoral-college", "Richard Nixon", "electoral-college"),
    (1956, "Dwight D. Eisenhower", "electoral-college", "Richard Nixon", "electoral-college"),
    (1960, "John F. Kennedy", "electoral-college", "Lyndon B. Johnson", "electoral-college"),
    (1964, "Lyndon B. Johnson", "electoral-college", "Hubert Humphrey", "electoral-college"),
    (1968, "Richard Nixon", "electoral-college", "Spiro Agnew", "electoral-college"),
    (1972, "Richard Nixon", "electoral-college", "Spiro Agnew", "electoral-college"),
    (1976, "Jimmy Carter", "electoral-college", "Walter Mondale", "electoral-college"),
    (1980, "Ronald Reagan", "electoral-college", "George H. W. Bush", "electoral-college"),
    (1984, "Ronald Reagan", "electoral-college", "George H. W. Bush", "electoral-college"),
    (1988, "George H. W. Bush", "electoral-college", "Dan Quayle", "electoral-college"),
    (1992, "Bill Clinton", "electoral-college", "Al Gore", "electoral-college"),
    (1996, "Bill Clinton", "electoral-college", "Al Gore", "electoral-college"),
    (2000, "George W. Bush", "electoral-college", "Dick Cheney", "electoral-college"),
    (2004, "George W. Bush", "electoral-college", "Dick Cheney", "electoral-college"),
    (2008, "Barack Obama", "electoral-college", "Joe Biden", "electoral-college"),
    (2012, "Barack Obama", "electoral-college", "Joe Biden", "electoral-college"),
    (2016, "Donald Trump", "electoral-college", "Mike Pence", "electoral-college"),
    (2020, "Joe Biden", "electoral-college", "Kamala Harris", "electoral-college"),
    (2024, "Donald Trump", "electoral-college", "JD Vance", "electoral-college"),
]

#: Recorded national totals of the electoral votes cast for president, where a source
#: file disagrees or ends.  Source: National Archives 2016 and 2024 Electoral College
#: results pages; Congressional Record, joint sessions of Jan 6, 2017 and Jan 6, 2025.
RECORDED_PRESIDENT_TOTALS: dict[int, dict[str, int]] = {
    2016: {
        "Donald Trump": 304,
        "Hillary Clinton": 227,
        "Colin Powell": 3,
        "Bernie Sanders": 1,
        "John Kasich": 1,
        "Ron Paul": 1,
        "Faith Spotted Eagle": 1,
    },
    2020: {"Joe Biden": 306, "Donald Trump": 232},
    2024: {"Donald Trump": 312, "Kamala Harris": 226},
}

#: 2016 per-state faithless votes (NARA 2016 certificates of vote): Texas 36 Trump,
#: 1 Kasich, 1 Ron Paul; Washington 8 Clinton, 3 Powell, 1 Faith Spotted Eagle;
#: Hawaii 3 Clinton, 1 Sanders.  The clavesi file has Texas Powell 1 (for Ron Paul) and
#: Washington without Powell's 3 votes.
CORRECT_2016 = {
    "TX": {"Donald Trump": 36, "John Kasich": 1, "Ron Paul": 1},
    "WA": {"Hillary Clinton": 8, "Colin Powell": 3, "Faith Spotted Eagle": 1},
}

#: 2024: no electoral-vote file in shared/data.  Per-state votes follow the statewide
#: winners; Maine split 3 Harris / 1 Trump (ME-2), Nebraska 4 Trump / 1 Harris (NE-2); no
#: faithless elector (NARA 2024 Electoral College results; joint session of Jan 6, 2025).
SPLITS_2024 = {
    "ME": {"Kamala Harris": 3, "Donald Trump": 1},
    "NE": {"Donald Trump": 4, "Kamala Harris": 1},
}
VP_2024 = {"JD Vance": 312, "Tim Walz": 226}

#: 2024 national popular vote, certified (FEC "Official 2024 Presidential General Election
#: Results").  The MEDSL file must sum to these once under/over-votes are dropped.
CERTIFIED_POPULAR_2024 = {"Donald Trump": 77_302_580, "Kamala Harris": 75_017_613}

#: Decennial census totals of apportionment population (Census Bureau, apportionment
#: Table 1 of each census).  1970: 204,053,325 (1970 Census, "Apportionment population").
CENSUS_TOTALS = {
    1970: 204_053_325,
    1980: 225_867_174,
    1990: 249_022_783,
    2000: 281_424_177,
    2010: 309_183_463,
    2020: 331_108_434,
}


#: Votes that the clavesi file pools as "Others" (1789, 1796) or gives to Horace Greeley
#: (1872), by state and person.  Source: National Archives, "Electoral College Box Scores
#: 1789-1996" and the per-year pages archives.gov/electoral-college/<year>; Senate Journal
#: of the joint sessions of April 6, 1789, February 8, 1797 and February 12, 1873.  The build
#: checks each breakdown against the pooled figure of the same state and the national
#: totals of the mjbrechner file.  Greeley died on November 29, 1872, after the popular vote
#: and before the electors met; 63 of his 66 electors voted for others, and the 3 Georgia
#: votes cast for him were not counted.
BREAKDOWNS: dict[tuple[int, str, str], dict[str, int]] = {
    # (year, state, pooled label in the source): {person: votes}
    (1789, "CT", "Others"): {"Samuel Huntington": 2},
    (1789, "GA", "Others"): {
        "John Milton": 2,
        "James Armstrong": 1,
        "Benjamin Lincoln": 1,
        "Edward Telfair": 1,
    },
    (1789, "MD", "Others"): {"Robert H. Harrison": 6},
    (1789, "PA", "Others"): {"John Hancock": 2},
    (1789, "SC", "Others"): {"John Rutledge": 6, "John Hancock": 1},
    (1789, "VA", "Others"): {"George Clinton": 3, "John Hancock": 1},
    (1796, "CT", "Others"): {"John Jay": 5},
    (1796, "GA", "Others"): {"George Clinton": 4},
    (1796, "MD", "Others"): {"John Henry": 2},
    (1796, "MA", "Others"): {"Oliver Ellsworth": 1, "Samuel Johnston": 2},
    (1796, "NH", "Others"): {"Oliver Ellsworth": 6},
    (1796, "NC", "Others"): {"James Iredell": 3, "George Washington": 1, "Charles C. Pinckney": 1},
    (1796, "RI", "Others"): {"Oliver Ellsworth": 4},
    (1796, "VA", "Others"): {"Samuel Adams": 15, "George Clinton": 3, "George Washington": 1},
    (1872, "GA", "Horace Greeley"): {
        "Horace Greeley": 3,
        "Benjamin Gratz Brown": 6,
        "Charles J. Jenkins": 2,
    },
    (1872, "KY", "Horace Greeley"): {"Thomas A. Hendricks": 8, "Benjamin Gratz Brown": 4},
    (1872, "MD", "Horace Greeley"): {"Thomas A. Hendricks": 8},
    (1872, "MO", "Horace Greeley"): {
        "Thomas A. Hendricks": 6,
        "Benjamin Gratz Brown": 8,
        "David Davis": 1,
    },
    (1872, "TN", "Horace Greeley"): {"Thomas A. Hendricks": 12},
    (1872, "TX", "Horace Greeley"): {"Thomas A. Hendricks": 8},
}

#: Votes cast but not counted by Congress: (year, state, candidate) -> votes.
#: 1872: Georgia's 3 votes for Horace Greeley, who had died (Senate Journal, Feb 12, 1873).
NOT_COUNTED: dict[tuple[int, str, str], int] = {(1872, "GA", "Horace Greeley"): 3}

#: Names in the clavesi file that denote a different person or are misspelt.
#: Charles Cotesworth Pinckney (1800, 1804, 1808) is not his cousin Charles Pinckney;
#: "Breckingridge" is John C. Breckinridge (1860); "Samule J. Tilden" (mjbrechner) is
#: Samuel J. Tilden.
IDENTITY_FIXES: dict[str, str] = {
    "Charles Pinckney": "Charles C. Pinckney",
    "John Breckingridge": "John C. Breckinridge",
    "Samule J. Tilden": "Samuel Tilden",
    "Albert Gore Jr.": "Al Gore",
    "William J. Clinton": "Bill Clinton",
    "Alfred E. Smith": "Al Smith",
    "Robert M. La Follette": "Robert LaFollette",
}

#: Electors allotted but not appointed, or whose votes Congress rejected; and disputes the
#: count had to settle.  kind: not-appointed | rejected | disputed | alternative.
#: Sources: National Archives per-year pages; Senate Journal of each joint session.
IRREGULARITIES: list[tuple[int, str, str, int, str]] = [
    (
        1789,
        "NY",
        "not-appointed",
        8,
        "the New York legislature deadlocked and appointed no electors",
    ),
    (
        1789,
        "VA",
        "not-appointed",
        1,
        "one of Virginia's 12 elector districts returned no result, so 11 electors were "
        "chosen: 72 appointed in all (81 allotted less New York's 8 and this one), where "
        "tallies that deduct only New York's give 73; the sources disagree, the Documentary "
        "History's count is kept (Washington Papers, 'The Electoral Count for the "
        "Presidential Election of 1789', after Jensen et al., Documentary History of the "
        "First Federal Elections; virginiaplaces.org, 'Virginia and the Electoral College')",
    ),
    (
        1789,
        "MD",
        "absent",
        2,
        "2 of Maryland's 8 electors did not vote (Washington Papers, after the Documentary "
        "History of the First Federal Elections)",
    ),
    (
        1789,
        "VA",
        "absent",
        1,
        "1 of Virginia's 11 chosen electors did not vote: 69 electors voted (Washington "
        "Papers, after the Documentary History of the First Federal Elections)",
    ),
    (
        1820,
        "MO",
        "alternative",
        3,
        "Missouri chose electors before Congress admitted it (Aug. 10, 1821); by Clay's "
        "resolution its 3 votes were announced both counted and not counted (Monroe 231 or "
        "228), the same result either way (Hinds' Precedents vol. 3, ss. 1936-1937, the "
        "count of 1821; Tribune Almanac note '1821')",
    ),
    (
        1856,
        "WI",
        "disputed",
        5,
        "Wisconsin's electors, held up by a snowstorm, voted a day after the day fixed by "
        "law; the President of the Senate counted their 5 votes over objections, and after "
        "two days' debate the matter was dropped as immaterial to the result (Hinds' "
        "Precedents vol. 3, s. 1946, the count of 1857)",
    ),
    (
        1864,
        "LA",
        "excluded",
        7,
        "Louisiana chose 7 electors, but the Joint Resolution of Feb. 8, 1865 (H.R. 126) "
        "declared it and ten other states not entitled to electors, no valid election "
        "having been held there on Nov. 8, 1864; its votes were not counted and are not in "
        "the record (Collected Works of Abraham Lincoln vol. 8; Hinds' Precedents vol. 3, "
        "s. 1948)",
    ),
    (
        1864,
        "TN",
        "excluded",
        10,
        "Tennessee chose 10 electors, but the Joint Resolution of Feb. 8, 1865 (H.R. 126) "
        "excluded its votes with Louisiana's and nine other states'; they were not counted "
        "and are not in the record (Collected Works of Abraham Lincoln vol. 8; Hinds' "
        "Precedents vol. 3, s. 1948)",
    ),
    (
        1836,
        "MI",
        "alternative",
        3,
        "Michigan's 3 votes were announced both counted and not counted (statehood in doubt); "
        "the result was the same either way",
    ),
    (
        1868,
        "GA",
        "alternative",
        9,
        "Georgia's 9 votes for Seymour were announced both counted and not counted; Grant won "
        "either way",
    ),
    (1872, "AR", "rejected", 6, "Congress rejected Arkansas's votes (election irregularities)"),
    (
        1872,
        "LA",
        "rejected",
        8,
        "Congress rejected both Louisiana returns (election irregularities)",
    ),
    (
        1876,
        "FL",
        "disputed",
        4,
        "two returns; the Electoral Commission (Act of Jan 29, 1877) accepted the Hayes electors",
    ),
    (
        1876,
        "LA",
        "disputed",
        8,
        "two returns; the Electoral Commission accepted the Hayes electors",
    ),
    (
        1876,
        "SC",
        "disputed",
        7,
        "two returns; the Electoral Commission accepted the Hayes electors",
    ),
    (
        1876,
        "OR",
        "disputed",
        1,
        "one elector's appointment disputed; the Electoral Commission accepted the Hayes elector",
    ),
    (
        1880,
        "GA",
        "alternative",
        11,
        "Georgia's electors voted on Dec. 8, 1880, the second Wednesday of December, not the "
        "first (Dec. 1) fixed by law; its 11 votes were counted in the alternative (Hancock "
        "155 or 144), Garfield elected either way (archives.gov/electoral-college/1880; "
        "Tribune Almanac note '1881')",
    ),
]

#: Members who could vote in each contingent election: the states in the Union (House,
#: one vote per state) and the whole number of senators.  1801: 16 states; 1825: 24 states;
#: 1837: 26 states, 52 senators (Senate Journal, Feb 8, 1837: 49 voted, 33-16).
CONTINGENT_MEMBERS: dict[tuple[int, str], int] = {
    (1800, "house"): 16,
    (1824, "house"): 24,
    (1836, "senate"): 52,
}

#: Apportionment populations the MM2 file gets wrong: (census, state) -> (wrong, right).
#: New York 1970: resident 18,241,266 + overseas 96,789 = 18,338,055 (Census Bureau 1970
#: apportionment counts as transcribed in GPHemsley/house-apportionment
#: data/1970_census.csv @6bacbd0a608f9f6e2f17d16aa09f23b960e4c00f, whose other 49 states
#: equal the MM2 figures and whose 50 states sum to the published 204,053,325).
POPULATION_FIXES: dict[tuple[int, str], tuple[int, int]] = {
    (1970, "NY"): (18_287_529, 18_338_055),
}
