"""Build the package's datasets (src/electoral/data/*.csv) from the public files in shared/data.

Run from the repository root:  python scripts/build_data.py [--shared ../shared/data]

Every dataset is normalised (postal codes, canonical candidate names, one row per fact),
cross-checked against the others and against recorded totals, and corrected where a source
is wrong.  Each correction and each check is written to ``PROVENANCE.md`` beside the data.
The script refuses to write anything if a check that must hold fails.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from electoral.names import NameBook, name_key  # noqa: E402
from electoral.states import DISTRICTS, to_code  # noqa: E402

OUT = ROOT / "src" / "electoral" / "data"

# ---------------------------------------------------------------------------------------
# Curated facts.  Everything below is transcribed from the official record, with a source.
# ---------------------------------------------------------------------------------------

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
NOT_VOTES = {"UNDERVOTES", "OVERVOTES", "UNDER VOTES", "OVER VOTES", "BLANK VOTE", "VOID"}
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
}

#: Who the count and any contingent election made president and vice president.  Source:
#: National Archives, "Historical Election Results: Electoral College Box Scores
#: 1789-1996" and the per-year pages archives.gov/electoral-college/<year>; Congressional
#: Record of each joint session (1997-2025).  decided_by: how each was chosen.
OUTCOMES: list[tuple[int, str, str, str, str]] = [
    # year, president, how, vice president, how
    (1789, "George Washington", "electoral-college", "John Adams", "electoral-college"),
    (1792, "George Washington", "electoral-college", "John Adams", "electoral-college"),
    (1796, "John Adams", "electoral-college", "Thomas Jefferson", "electoral-college"),
    (1800, "Thomas Jefferson", "house", "Aaron Burr", "house"),
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

# ---------------------------------------------------------------------------------------


@dataclass
class Log:
    """What the build did: sources read, corrections made, checks passed or failed."""

    sources: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    open_issues: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        (self.checks if ok else self.failures).append(("ok: " if ok else "FAILED: ") + what)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def code_of(name: str) -> str:
    code = to_code(name)
    if code is None:
        raise SystemExit(f"unknown state name {name!r}")
    return code


def party_code(p: object) -> str:
    text = str(p).strip().upper() if isinstance(p, str) else ""
    return {
        "DEMOCRAT": "DEM",
        "DEMOCRATIC": "DEM",
        "REPUBLICAN": "REP",
        "LIBERTARIAN": "LIB",
        "GREEN": "GRN",
        "": "OTH",
        "OTHER": "OTH",
        "WRITE-IN": "OTH",
        "CON": "CON",
        "DEM": "DEM",
        "REP": "REP",
        "LIB": "LIB",
        "GRN": "GRN",
        "IND": "IND",
    }.get(text, "OTH")


class Builder:
    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.log = Log()
        self.book = NameBook(ALIASES)

    def read(self, rel: str, **kw: object) -> pd.DataFrame:
        path = self.shared / rel
        self.log.sources.append(f"`{rel}` (sha256 {sha(path)}…)")
        return pd.read_csv(path, **kw)  # type: ignore[call-overload,no-any-return]

    # -- electoral votes cast -----------------------------------------------------------
    def votes_cast(self) -> pd.DataFrame:
        raw = self.read(
            "electoral/electoral_votes_cast_by_state_candidate_1789_2020.csv",
            dtype=str,
            keep_default_na=False,
        )
        status = raw[raw.candidate == "status"]
        for _, r in status.iterrows():
            self.log.open_issues.append(
                f"{r.year} {r.state}: the source marks the state's votes "
                f"'{r.electoral_votes}' (not counted); no electoral-vote rows are kept for it"
            )
        body = raw[(raw.candidate != "status") & (raw.electoral_votes != "")].copy()
        body["votes"] = body.electoral_votes.astype(int)
        body["year"] = body.year.astype(int)
        total = body[body.state == "Total"].groupby("year").votes.sum()
        rows = body[(body.state != "Total") & (body.votes > 0)].copy()
        self.log.check(
            bool((rows.groupby("year").votes.sum() == total[total > 0]).all()),
            "clavesi: every year's Total row equals the sum of its state rows",
        )
        if (rows.state == "Distric of Columbia").any():
            self.log.corrections.append(
                "electoral_votes_cast: the source spells DC 'Distric of Columbia'; mapped to DC"
            )
        rows["state"] = rows.state.map(code_of)
        rows["candidate"] = rows.candidate.map(self.book.canonical)
        rows = rows[["year", "state", "candidate", "votes"]]
        # 2016 correction.
        before = rows[(rows.year == 2016) & rows.state.isin(list(CORRECT_2016))]
        rows = rows[~((rows.year == 2016) & rows.state.isin(list(CORRECT_2016)))]
        fix = [(2016, s, c, v) for s, d in CORRECT_2016.items() for c, v in d.items()]
        rows = pd.concat([rows, pd.DataFrame(fix, columns=rows.columns)])
        self.log.corrections.append(
            "electoral_votes_cast 2016: source has TX "
            + ", ".join(
                f"{c} {v}" for _, _, c, v in before[before.state == "TX"].itertuples(index=False)
            )
            + " and WA "
            + ", ".join(
                f"{c} {v}" for _, _, c, v in before[before.state == "WA"].itertuples(index=False)
            )
            + " (national total 535). Replaced by the certificates of vote: TX Trump 36, Kasich 1,"
            " Ron Paul 1; WA Clinton 8, Powell 3, Faith Spotted Eagle 1 (total 538; NARA 2016)"
        )
        return rows

    def add_2024(
        self, cast: pd.DataFrame, returns: pd.DataFrame, electors: pd.DataFrame
    ) -> pd.DataFrame:
        ev = electors[electors.year == 2024].set_index("state").electors
        ret = returns[returns.year == 2024]
        winners = ret.loc[ret.groupby("state").votes.idxmax()].set_index("state").candidate
        rows = []
        for st, n in ev.items():
            if st in SPLITS_2024:
                rows += [(2024, st, c, v) for c, v in SPLITS_2024[st].items()]
            else:
                rows.append((2024, st, winners[st], int(n)))
        self.log.corrections.append(
            "electoral_votes_cast 2024: not in any shared file; built from the 2024 statewide "
            "winners in the returns and the recorded ME (Harris 3, Trump 1) and NE (Trump 4, "
            "Harris 1) splits; checked below against the recorded national total 312-226"
        )
        return pd.concat([cast, pd.DataFrame(rows, columns=cast.columns)], ignore_index=True)

    def check_national(self, cast: pd.DataFrame) -> None:
        b = self.read("electoral/electoral_votes_by_candidate_1789_2020_mjbrechner.csv", dtype=str)
        years = [c for c in b.columns if c.isdigit()]
        for y in years:
            ref: dict[str, int] = {}
            for _, r in b.iterrows():
                v = str(r[y]).strip()
                if v and v != "nan":
                    ref[self.book.canonical(str(r["Display Name"]))] = int(v.split("(")[0])
            ref = {k: v for k, v in ref.items() if v > 0}
            got = cast[cast.year == int(y)].groupby("candidate").votes.sum().to_dict()
            if int(y) < 1804:
                continue  # two votes per elector; the history issue reconciles these years
            if sorted(ref.values()) != sorted(got.values()):
                self.log.open_issues.append(
                    f"{y}: national presidential totals differ between sources: "
                    f"mjbrechner {sorted(ref.values(), reverse=True)} vs clavesi "
                    f"{sorted(got.values(), reverse=True)}"
                )
        for year, want in RECORDED_PRESIDENT_TOTALS.items():
            got = cast[cast.year == year].groupby("candidate").votes.sum().to_dict()
            self.log.check(
                got == want, f"{year} presidential electoral votes equal the record {want}"
            )

    # -- electors per state ---------------------------------------------------------------
    def electors(self) -> pd.DataFrame:
        ec = self.read("electoral/Electoral_College_1788_2020.csv", dtype=str)
        ec = ec[ec.Votes.notna()].copy()
        ec["year"] = ec.Year.astype(int).replace({1788: 1789})
        self.log.corrections.append(
            "electors: the first election is labelled 1788 in the source; we use 1789 (the "
            "year the electors voted), as the National Archives does"
        )
        ec["state"] = ec.State.map(code_of)
        ec["electors"] = ec.Votes.str.strip().astype(int)
        out = ec[["year", "state", "electors"]]
        new = self.read("electoral/electoral_votes_2024_2028.csv")
        new["state"] = new.state.map(code_of)
        new["year"] = 2024
        out = pd.concat([out, new.rename(columns={"electoral_votes": "electors"})[out.columns]])
        return out.sort_values(["year", "state"]).reset_index(drop=True)

    # -- census ---------------------------------------------------------------------------
    def apportionment(self, electors: pd.DataFrame) -> pd.DataFrame:
        mm2 = self.read("census/apportionment_population_and_seats_1970_2020.csv")
        mm2 = mm2.assign(state=mm2.XX, census=mm2.year)[["census", "state", "Population", "REPS"]]
        mm2.columns = ["census", "state", "population", "seats"]
        kerr = self.read("census/house_seats_1910_2010_kerr14333.csv")
        kerr = kerr[kerr.seats.notna()].copy()
        kerr["state"] = kerr.State.map(code_of)
        kerr["seats"] = kerr.seats.astype(int)
        self.log.corrections.append(
            "apportionment 1920: no apportionment followed the 1920 census (the 1910 one "
            "stayed in force until 1932); the source repeats the 1910 seats as '1920', dropped"
        )
        kerr = kerr[kerr.year != 1920]
        n = int(kerr[(kerr.year == 1950) & kerr.state.isin(["AK", "HI"])].shape[0])
        self.log.corrections.append(
            f"apportionment 1950: the source gives Alaska and Hawaii 1 seat each ({n} rows); "
            "those were temporary seats added on admission (1959), not part of the 1950 "
            "apportionment of 435 seats; dropped"
        )
        kerr = kerr[~((kerr.year == 1950) & kerr.state.isin(["AK", "HI"]))]
        both = kerr.merge(mm2, left_on=["year", "state"], right_on=["census", "state"])
        self.log.check(
            bool((both.seats_x == both.seats_y).all()),
            f"seats agree between kerr14333 and MM2 for 1970-2010 ({len(both)} rows)",
        )
        early = kerr[kerr.year < 1970].rename(columns={"year": "census"})
        early = early.assign(population=pd.NA)[["census", "state", "population", "seats"]]
        out = pd.concat([early, mm2]).sort_values(["census", "state"]).reset_index(drop=True)
        out["population"] = out.population.astype("Int64")
        for c, g in out.groupby("census"):
            self.log.check(int(g.seats.sum()) == 435, f"census {c}: seats sum to 435")
        for c, want in CENSUS_TOTALS.items():
            got = int(out[out.census == c].population.sum())
            if got == want:
                self.log.check(True, f"census {c}: apportionment population {got:,} = Census total")
            else:
                self.log.open_issues.append(
                    f"census {c}: the states' apportionment populations sum to {got:,}, the "
                    f"Census Bureau's total is {want:,} (difference {got - want:+,}); the state "
                    "at fault is not identified, so the populations are kept as they are"
                )
        # Electors = seats + 2 (+ DC 3), for the elections each census governs.
        census_of = {y: (y - 2) // 10 * 10 for y in range(1972, 2025, 4)}
        bad = []
        for y, c in census_of.items():
            seats = out[out.census == c].set_index("state").seats
            ev = electors[electors.year == y].set_index("state").electors
            exp = (seats + 2).reindex(ev.index).fillna(3).astype(int)
            bad += [f"{y} {s}" for s in ev.index if ev[s] != exp[s]]
        self.log.check(
            not bad,
            "electors = House seats + 2 (DC 3) for every state, 1972-2024"
            + (f": mismatches {bad}" if bad else ""),
        )
        return out

    # -- popular vote -----------------------------------------------------------------------
    def returns(self) -> pd.DataFrame:
        old = self.read("results/1976-2020-president.csv", keep_default_na=False)
        old = old.rename(columns={"candidatevotes": "votes"})
        new = self.read("results/2024-president-state.csv", keep_default_na=False)
        frames = []
        for df in (old, new):
            cand = df.candidate.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()
            up = cand.str.upper()
            dropped = df[up.isin(NOT_VOTES)]
            if len(dropped):
                self.log.corrections.append(
                    f"returns {sorted(set(dropped.year))}: dropped {len(dropped)} rows that are "
                    f"not votes for anyone ({', '.join(sorted(set(up[up.isin(NOT_VOTES)])))}; "
                    f"{int(dropped.votes.sum()):,} ballots)"
                )
            keep = ~up.isin(NOT_VOTES)
            d = pd.DataFrame(
                {
                    "year": df.year[keep].astype(int),
                    "state": df.state_po[keep],
                    "raw": cand[keep],
                    "party": df.party_simplified[keep].map(party_code),
                    "votes": df.votes[keep].astype(int),
                }
            )
            other = d.raw.str.upper().isin(OTHER_LABELS) | (
                df.writein[keep].astype(str).str.upper() == "TRUE"
            ) & (d.raw == "")
            d["candidate"] = d.raw.map(self.book.canonical)
            d.loc[other, "candidate"] = OTHER
            d.loc[other, "party"] = "OTH"
            frames.append(d)
        d = pd.concat(frames, ignore_index=True)
        if (d.raw == "MITT, ROMNEY").any():
            self.log.corrections.append(
                "returns 2012 WA: the source names Romney 'MITT, ROMNEY' (first and last name "
                "swapped); normalised to Mitt Romney"
            )
        if (d.raw.str.contains("SONSKI")).any():
            self.log.corrections.append(
                "returns 2024 CA: a candidate cell holds an embedded newline ('PETER\\nSONSKI'); "
                "read as Peter Sonski"
            )
        spellings = d.groupby("candidate").raw.agg(lambda s: sorted(set(s)))
        self.spellings = {c: s for c, s in spellings.items() if len(s) > 1 and c != OTHER}
        # one row per (year, state, candidate): fusion lines are summed, party = largest line
        d = d.sort_values("votes", ascending=False)
        g = d.groupby(["year", "state", "candidate"], sort=True)
        out = g.agg(party=("party", "first"), votes=("votes", "sum")).reset_index()
        self.log.check(bool((out.votes >= 0).all()), "returns: no negative vote counts")
        nat = out[out.year == 2024].groupby("candidate").votes.sum()
        for c, v in CERTIFIED_POPULAR_2024.items():
            self.log.check(
                int(nat[c]) == v,
                f"2024 national popular vote for {c}: {int(nat[c]):,} = certified {v:,}",
            )
        return out

    def district_returns(self, returns: pd.DataFrame) -> pd.DataFrame:
        d = self.read("results/me_ne_district_results.csv", keep_default_na=False)
        d["candidate"] = d.candidate.map(self.book.canonical)
        other = d.party.isin(["WRITE-IN", "OTHER"]) | d.candidate.str.upper().isin(OTHER_LABELS)
        d.loc[other, "candidate"] = OTHER
        d["party"] = d.party.map(party_code)
        d = d.groupby(["year", "district", "candidate", "method"], as_index=False).agg(
            party=("party", "first"), votes=("votes", "sum")
        )
        d = d.rename(columns={"district": "state"})[
            ["year", "state", "candidate", "party", "votes", "method"]
        ]
        for (y, st), g in d.groupby([d.year, d.state.str[:2]]):
            sums = g.groupby("candidate").votes.sum()
            state = (
                returns[(returns.year == y) & (returns.state == st)].set_index("candidate").votes
            )
            exact = all(int(sums[c]) == int(state.get(c, -1)) for c in sums.index if c != OTHER)
            methods = set(g.method)
            verb = "equal" if exact else "differ from"
            desc = (
                f"{y} {st} districts: per-candidate sums {verb} the statewide returns "
                f"({', '.join(sorted(methods))})"
            )
            if exact:
                self.log.check(True, desc)
            else:
                gap = {c: int(state.get(c, 0)) - int(sums[c]) for c in sums.index if c != OTHER}
                self.log.open_issues.append(desc + f"; statewide minus districts: {gap}")
        return d.sort_values(["year", "state", "votes"], ascending=[True, True, False])

    def check_winners(
        self,
        returns: pd.DataFrame,
        districts: pd.DataFrame,
        electors: pd.DataFrame,
        cast: pd.DataFrame,
    ) -> None:
        """The statewide plurality winner must hold the state's pledged electors in the record."""
        bad = []
        for y in sorted(returns.year.unique()):
            r = returns[(returns.year == y) & (returns.candidate != OTHER)]
            winners = r.loc[r.groupby("state").votes.idxmax()].set_index("state").candidate
            rec = cast[cast.year == y]
            for st, w in winners.items():
                got = rec[rec.state == st].set_index("candidate").votes
                if st in DISTRICTS and y >= {"ME": 1972, "NE": 1992}[st]:
                    if int(got.get(w, 0)) < 2:
                        bad.append(f"{y} {st}")
                    continue
                if got.idxmax() != w:
                    bad.append(f"{y} {st}: returns {w}, record {got.to_dict()}")
        self.log.check(
            not bad,
            "every statewide plurality winner 1976-2024 holds that state's "
            "electors in the recorded votes (faithless electors aside)"
            + (f": {bad}" if bad else ""),
        )
        for (y, unit), g in districts.groupby(["year", "state"]):
            w = g.loc[g.votes.idxmax(), "candidate"]
            rec = cast[(cast.year == y) & (cast.state == unit[:2])].set_index("candidate").votes
            self.log.check(
                int(rec.get(w, 0)) >= 1,
                f"{y} {unit}: district winner {w} has an elector in {unit[:2]}'s record",
            )

    def vice_president(self) -> pd.DataFrame:
        vp = self.read("electoral/vice_president_electoral_votes_1804_2020.csv")
        vp["candidate"] = vp.candidate.map(self.book.canonical)
        vp = vp[["year", "candidate", "electoral_votes"]].rename(
            columns={"electoral_votes": "votes"}
        )
        add = pd.DataFrame([(2024, c, v) for c, v in VP_2024.items()], columns=vp.columns)
        self.log.corrections.append(
            "vice_president_votes 2024: added from the record (Vance 312, "
            "Walz 226; joint session of Jan 6, 2025)"
        )
        return pd.concat([vp, add], ignore_index=True)

    def outcomes(self, cast: pd.DataFrame, vp: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for year, p, ph, v, vh in OUTCOMES:
            for office, name, how, table in (
                ("president", p, ph, cast),
                ("vice_president", v, vh, vp),
            ):
                if year < 1804 and office == "vice_president":
                    table = cast
                names = set(table[table.year == year].candidate)
                canon = self.book.canonical(name)
                if canon not in names:
                    last = [n for n in names if name_key(n)[-1:] and name.split()[-1] in n.split()]
                    match = [n for n in names if n.split()[-1] == name.split()[-1]]
                    if len(match) == 1:
                        canon = match[0]
                    else:
                        self.log.failures.append(
                            f"FAILED: outcome {year} {office} {name!r} not among "
                            f"{sorted(names)} ({last})"
                        )
                rows.append((year, office, canon, how))
        return pd.DataFrame(rows, columns=["year", "office", "winner", "decided_by"])

    def candidates(self, *frames: pd.DataFrame) -> pd.DataFrame:
        rows = {(canon, alias) for alias, canon in ALIASES.items()}
        for c, spellings in getattr(self, "spellings", {}).items():
            rows |= {(c, s) for s in spellings if s != c}
        out = pd.DataFrame(sorted(rows), columns=["candidate", "alias"])
        return out


def write(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n")


def provenance(log: Log, files: dict[str, pd.DataFrame], spellings: dict[str, list[str]]) -> str:
    lines = [
        "# Provenance of the packaged datasets",
        "",
        "Generated by `scripts/build_data.py` from the public files in `shared/data` (their",
        "upstream repositories and commits are listed in `shared/data/SOURCES.md`).  Do not edit",
        "the CSV files by hand: change the script and rebuild.",
        "",
        "## Files",
        "",
        "| file | rows | what one row is |",
        "|---|---|---|",
    ]
    what = {
        "electors.csv": "electors allotted to a state for an election (1789-2024)",
        "apportionment.csv": "a state's House seats (and apportionment population from 1970) "
        "at a census",
        "returns.csv": "a candidate's statewide popular vote (1976-2024); fusion lines summed",
        "district_returns.csv": "a candidate's vote in a Maine or Nebraska congressional district",
        "electoral_votes_cast.csv": "electoral votes for president cast in a state for a candidate "
        "(before 1804 each elector cast two such votes)",
        "vice_president_votes.csv": "national electoral votes for vice president per candidate",
        "outcomes.csv": "who was elected president / vice president, and by whom",
        "candidates.csv": "a spelling (alias) of a candidate and the canonical name",
    }
    for name, df in files.items():
        lines.append(f"| `{name}` | {len(df)} | {what[name]} |")
    lines += ["", "## Sources read", ""] + [f"- {s}" for s in dict.fromkeys(log.sources)]
    lines += ["", "## Corrections", ""] + [f"- {c}" for c in log.corrections]
    lines += ["", "## Candidate spellings merged", ""]
    lines += [f"- {c}: {', '.join(repr(s) for s in v)}" for c, v in sorted(spellings.items())]
    lines += ["", "## Checks passed", ""] + [f"- {c}" for c in log.checks]
    lines += [
        "",
        "## Known disagreements left open",
        "",
        "Recorded here, not silently fixed: the data needed to decide is not in shared/data.",
        "",
    ]
    lines += [f"- {c}" for c in log.open_issues]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args(argv)
    b = Builder(args.shared)
    electors = b.electors()
    apportionment = b.apportionment(electors)
    returns = b.returns()
    districts = b.district_returns(returns)
    cast = b.add_2024(b.votes_cast(), returns, electors)
    b.check_national(cast)
    b.check_winners(returns, districts, electors, cast)
    vp = b.vice_president()
    outcomes = b.outcomes(cast, vp)
    files: dict[str, pd.DataFrame] = {
        "electors.csv": electors,
        "apportionment.csv": apportionment,
        "returns.csv": returns,
        "district_returns.csv": districts,
        "electoral_votes_cast.csv": cast.sort_values(
            ["year", "state", "votes"], ascending=[True, True, False]
        ),
        "vice_president_votes.csv": vp.sort_values(["year", "votes"], ascending=[True, False]),
        "outcomes.csv": outcomes,
        "candidates.csv": b.candidates(),
    }
    if b.log.failures:
        print("\n".join(b.log.failures), file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for name, df in files.items():
        write(df, name)
    (OUT / "PROVENANCE.md").write_text(provenance(b.log, files, getattr(b, "spellings", {})))
    print(
        f"wrote {len(files)} datasets to {OUT.relative_to(ROOT)}; "
        f"{len(b.log.checks)} checks passed, {len(b.log.corrections)} corrections, "
        f"{len(b.log.open_issues)} open disagreements"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
