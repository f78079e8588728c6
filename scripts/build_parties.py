"""Build the map's history tables: each candidate's party per election, and when each state
came to be (territory, admission, the state it was part of).

    python scripts/build_parties.py [--shared ../shared/data]

Reads the packaged ``electoral_votes_cast.csv`` (the canonical candidate names) and the
shared ``electoral/electoral_votes_cast_by_state_candidate_1789_2020.csv`` (a party for each
candidate and year) and ``electoral/Electoral_College_1788_2020.csv`` (the party of each
state's majority, a cross-check).  Where the data give no party ("Faithless", "Various", the
pooled "Others" and Greeley's 1872 votes, 2024) or a misspelt one, the cited table below
decides.  Writes ``src/electoral/data/parties.csv``, ``statehood.csv``,
``popular_votes_1824_1972.csv`` and ``MAP_PROVENANCE.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _build import DATA, arguments, run, section, sha, start  # noqa: E402
from electoral.names import NameBook, name_key_words  # noqa: E402
from electoral.states import to_code  # noqa: E402
from record_facts import ALIASES, IDENTITY_FIXES  # noqa: E402

#: The source's party labels, spelt out and corrected.  "" is no party.
LABELS: dict[str, str] = {
    "Independent": "",  # Washington (1789, 1792) belonged to no party
    "Repubican": "Republican",
    "Constituional Union": "Constitutional Union",
    "Libertarian / Faithless": "Libertarian",
    "Democratic-Populist": "Democratic",
    "Liberal Republican and Democratic": "Liberal Republican",
    "Know Nothing": "American (Know Nothing)",
}

WIKI = "Wikipedia, '{} United States presidential election', electoral-vote table"
#: Candidates whose party the source does not give: (year, candidate) -> (party, source).
TABLE: dict[tuple[int, str], tuple[str, str]] = {
    # 1789: "Others" (Various) in the source; no parties had formed yet.
    **{
        (1789, c): ("", "1789: no parties had formed; the source pools them as 'Others'")
        for c in (
            "Samuel Huntington",
            "John Milton",
            "James Armstrong",
            "Benjamin Lincoln",
            "Edward Telfair",
            "Robert H. Harrison",
            "John Hancock",
            "John Rutledge",
            "George Clinton",
        )
    },
    (1796, "John Jay"): ("Federalist", WIKI.format(1796)),
    (1796, "George Clinton"): ("Democratic-Republican", WIKI.format(1796)),
    (1796, "John Henry"): ("Federalist", WIKI.format(1796)),
    (1796, "Oliver Ellsworth"): ("Federalist", WIKI.format(1796)),
    (1796, "Samuel Johnston"): ("Federalist", WIKI.format(1796)),
    (1796, "James Iredell"): ("Federalist", WIKI.format(1796)),
    (1796, "George Washington"): ("", WIKI.format(1796) + "; Washington had no party"),
    (1796, "Charles C. Pinckney"): ("Federalist", WIKI.format(1796)),
    (1796, "Samuel Adams"): ("Democratic-Republican", WIKI.format(1796)),
    # 1872: Greeley died on November 29; his (Liberal Republican and Democratic) electors
    # voted for others, and are shown as the one party they were elected for.
    **{
        (1872, c): ("Liberal Republican", "Greeley's electors (Senate Journal, Feb 12, 1873)")
        for c in (
            "Thomas A. Hendricks",
            "Benjamin Gratz Brown",
            "Charles J. Jenkins",
            "David Davis",
        )
    },
    (1872, "Horace Greeley"): ("Liberal Republican", WIKI.format(1872)),
    # "Faithless" in the source: the party of the person voted for.
    (1956, "Walter Jones"): ("Democratic", WIKI.format(1956) + " (an Alabama Democrat)"),
    (1960, "Harry Byrd"): (
        "Unpledged Democratic",
        WIKI.format(1960) + ": unpledged Democratic electors of Mississippi and Alabama",
    ),
    (1976, "Ronald Reagan"): ("Republican", WIKI.format(1976)),
    (1988, "Lloyd Bentsen"): ("Democratic", WIKI.format(1988)),
    (2004, "John Edwards"): ("Democratic", WIKI.format(2004)),
    (2016, "Colin Powell"): ("Republican", WIKI.format(2016)),
    (2016, "John Kasich"): ("Republican", WIKI.format(2016)),
    (2016, "Ron Paul"): ("Republican", WIKI.format(2016)),
    (2016, "Bernie Sanders"): ("", WIKI.format(2016) + "; Sanders sat as an independent"),
    (2016, "Faith Spotted Eagle"): ("", WIKI.format(2016) + "; no party"),
    (2024, "Donald Trump"): ("Republican", "packaged returns.csv 2024 (REP)"),
    (2024, "Kamala Harris"): ("Democratic", "packaged returns.csv 2024 (DEM)"),
}

#: The Electoral_College file's party codes, for the cross-check.
CODES: dict[str, str] = {
    "F": "Federalist",
    "DR": "Democratic-Republican",
    "D": "Democratic",
    "NR": "National Republican",
    "W": "Whig",
    "R": "Republican",
}

SENATE = "U.S. Senate Historical Office, 'Dates of Admission of States to the Union'"
TERR = "Wikipedia, 'Historic regions of the United States' (organic act of the territory)"
#: code -> (admitted or ratified, territory organized, part of, drawn with it from, until).
#: A state drawn "with" another is painted as that state's part in elections [from, until):
#: Maine was Massachusetts's, Kentucky and West Virginia Virginia's, Tennessee North
#: Carolina's; Dakota, New Mexico (with Arizona), Utah (with Nevada) and Washington (with
#: Idaho) were single territories.
STATEHOOD: dict[str, tuple[str, str, str, int, int]] = {
    "DE": ("1787-12-07", "", "", 0, 0),
    "PA": ("1787-12-12", "", "", 0, 0),
    "NJ": ("1787-12-18", "", "", 0, 0),
    "GA": ("1788-01-02", "", "", 0, 0),
    "CT": ("1788-01-09", "", "", 0, 0),
    "MA": ("1788-02-06", "", "", 0, 0),
    "MD": ("1788-04-28", "", "", 0, 0),
    "SC": ("1788-05-23", "", "", 0, 0),
    "NH": ("1788-06-21", "", "", 0, 0),
    "VA": ("1788-06-25", "", "", 0, 0),
    "NY": ("1788-07-26", "", "", 0, 0),
    "NC": ("1789-11-21", "", "", 0, 0),
    "RI": ("1790-05-29", "", "", 0, 0),
    "VT": ("1791-03-04", "", "", 0, 0),
    "KY": ("1792-06-01", "", "VA", 1789, 1792),
    "TN": ("1796-06-01", "1790-05-26", "NC", 1789, 1790),
    "OH": ("1803-03-01", "1787-07-13", "", 0, 0),
    "LA": ("1812-04-30", "1804-10-01", "", 0, 0),
    "IN": ("1816-12-11", "1787-07-13", "", 0, 0),
    "MS": ("1817-12-10", "1798-04-07", "", 0, 0),
    "IL": ("1818-12-03", "1787-07-13", "", 0, 0),
    "AL": ("1819-12-14", "1798-04-07", "", 0, 0),
    "ME": ("1820-03-15", "", "MA", 1789, 1820),
    "MO": ("1821-08-10", "1805-03-03", "", 0, 0),
    "AR": ("1836-06-15", "1819-03-02", "", 0, 0),
    "MI": ("1837-01-26", "1787-07-13", "", 0, 0),
    "FL": ("1845-03-03", "1822-03-30", "", 0, 0),
    "TX": ("1845-12-29", "", "", 0, 0),
    "IA": ("1846-12-28", "1838-07-04", "", 0, 0),
    "WI": ("1848-05-29", "1787-07-13", "", 0, 0),
    "CA": ("1850-09-09", "", "", 0, 0),
    "MN": ("1858-05-11", "1849-03-03", "", 0, 0),
    "OR": ("1859-02-14", "1848-08-14", "", 0, 0),
    "KS": ("1861-01-29", "1854-05-30", "", 0, 0),
    "WV": ("1863-06-20", "", "VA", 1789, 1864),
    "NV": ("1864-10-31", "1850-09-09", "UT", 1852, 1864),
    "NE": ("1867-03-01", "1854-05-30", "", 0, 0),
    "CO": ("1876-08-01", "1861-02-28", "", 0, 0),
    "ND": ("1889-11-02", "1861-03-02", "", 0, 0),
    "SD": ("1889-11-02", "1861-03-02", "ND", 1864, 1892),
    "MT": ("1889-11-08", "1864-05-26", "", 0, 0),
    "WA": ("1889-11-11", "1853-03-02", "", 0, 0),
    "ID": ("1890-07-03", "1853-03-02", "WA", 1856, 1864),
    "WY": ("1890-07-10", "1868-07-25", "", 0, 0),
    "UT": ("1896-01-04", "1850-09-09", "", 0, 0),
    "OK": ("1907-11-16", "1890-05-02", "", 0, 0),
    "NM": ("1912-01-06", "1850-09-09", "", 0, 0),
    "AZ": ("1912-02-14", "1850-09-09", "NM", 1852, 1864),
    "AK": ("1959-01-03", "1884-05-17", "", 0, 0),
    "HI": ("1959-08-21", "1900-04-30", "", 0, 0),
    "DC": ("1961-03-29", "1801-02-27", "", 0, 0),
}
#: States that had seceded (1864) or were not yet readmitted (1868) and chose no electors.
SECEDED: dict[int, tuple[str, ...]] = {
    1864: ("VA", "NC", "SC", "GA", "FL", "AL", "MS", "LA", "TX", "AR", "TN"),
    1868: ("MS", "TX", "VA"),
}


#: The shared votes by state and candidate: each Total row's party, and popular votes.
CAST_SOURCE = "electoral/electoral_votes_cast_by_state_candidate_1789_2020.csv"


def read_cast_source(shared: Path) -> pd.DataFrame:
    return pd.read_csv(shared / CAST_SOURCE, dtype=str, keep_default_na=False)


def canonical(book: NameBook, raw: str) -> str:
    """A source's name as the package writes it: UTF-8 read as Latin-1 undone, the identity
    fixes applied, then the canonical name."""
    if "Ã" in raw:
        raw = raw.encode("latin-1").decode("utf-8")
    return book.canonical(IDENTITY_FIXES.get(raw, raw))


def party_table(
    cast_source: pd.DataFrame, shared: Path, log: list[str], checks: list[str]
) -> pd.DataFrame:
    cast = pd.read_csv(DATA / "electoral_votes_cast.csv")  # the packaged record
    src = cast_source[(cast_source.state == "Total") & (cast_source.candidate != "status")]
    book = NameBook(ALIASES)

    rows = []
    for (year, cand), _ in cast.groupby(["year", "candidate"]):
        year = int(year)
        if (year, cand) in TABLE:
            party, source = TABLE[(year, cand)]
            rows.append((year, cand, party, source))
            continue
        pool = src[src.year == str(year)]
        hit = pool[[canonical(book, c) == cand for c in pool.candidate]]
        if hit.empty:  # the same surname within the year
            last = name_key_words(cand)[-1]
            hit = pool[[name_key_words(canonical(book, c))[-1:] == [last] for c in pool.candidate]]
        if len(hit) != 1:
            raise SystemExit(f"no party for {cand} ({year}) in the source")
        raw = hit.party.iloc[0].strip()
        if raw in ("Faithless", "Various"):
            raise SystemExit(f"{cand} ({year}): the source says {raw!r}; add to TABLE")
        party = LABELS.get(raw, raw)
        if party != raw:
            log.append(f"{year} {cand}: the source's party {raw!r} read as {party or 'no party'!r}")
        rows.append((year, cand, party, "clavesi electoral_votes_cast (Total rows)"))
    out = pd.DataFrame(rows, columns=["year", "candidate", "party", "source"])
    # Cross-check: the party of each state's majority in the Electoral_College file.
    ec = pd.read_csv(shared / "electoral/Electoral_College_1788_2020.csv", dtype=str)
    ec = ec[ec.Party.notna() & ec.Votes.notna()]
    party_of = {(int(y), c): p for y, c, p in out[["year", "candidate", "party"]].itertuples(False)}
    agree = disagree = 0
    for r in ec.itertuples():
        year = 1789 if int(r.Year) == 1788 else int(r.Year)
        code = CODES.get(str(r.Party).strip().rstrip(",").strip())
        st = to_code(str(r.State).strip())
        if code is None or st is None or year < 1804:  # two votes each before 1804
            continue
        votes = cast[(cast.year == year) & (cast.state == st)]
        if votes.empty:
            continue
        top = votes.sort_values("votes").candidate.iloc[-1]
        if code == "Republican" and year < 1854:  # the file writes R for National Republican
            code = "National Republican"
        mine = party_of[(year, top)]
        if mine == code or (code == "Democratic" and mine.endswith(" Democratic")):
            agree += 1
        else:
            disagree += 1
            log.append(
                f"cross-check {year} {st}: Electoral_College.csv says {code}, the state's "
                f"leader {top} is {party_of[(year, top)] or 'no party'}"
            )
    checks.append(
        f"Electoral_College_1788_2020.csv majority party agrees with the table for {agree} "
        f"state-elections since 1804 (F/DR/D/NR/W/R codes); {disagree} disagreements listed"
    )
    return out


#: National popular votes to check the sums against: (year, candidate) -> votes.  Source:
#: the Clerk of the House / NARA totals as tabulated in Wikipedia's election articles
#: (the same figures the American Presidency Project prints).
NATIONAL_POPULAR: dict[tuple[int, str], int] = {
    (1860, "Abraham Lincoln"): 1_865_908,
    (1896, "William McKinley"): 7_112_138,
    (1932, "Franklin D. Roosevelt"): 22_821_277,
    (1960, "John F. Kennedy"): 34_220_984,
    (1960, "Richard Nixon"): 34_108_157,
}


def popular_votes(cast_source: pd.DataFrame, log: list[str], checks: list[str]) -> pd.DataFrame:
    """Statewide popular votes 1824-1972 of the candidates with electoral votes (the
    packaged returns cover 1976 on)."""
    src = cast_source
    src = src[(src.state != "Total") & (src.candidate != "status") & (src.popular_votes != "")]
    src = src[src.year.astype(int).between(1824, 1972)]
    book = NameBook(ALIASES)
    rows = []
    for r in src.itertuples():
        votes = int(r.popular_votes)
        if votes <= 0:
            continue
        code = to_code(r.state.replace("Distric of", "District of"))
        if code is None:
            raise SystemExit(f"unknown state {r.state!r}")
        rows.append((int(r.year), code, canonical(book, r.candidate), votes))
    out = pd.DataFrame(rows, columns=["year", "state", "candidate", "votes"])
    for (year, cand), want in NATIONAL_POPULAR.items():
        got = int(out.votes[(out.year == year) & (out.candidate == cand)].sum())
        if abs(got - want) / want > 0.005:
            log.append(
                f"popular vote {year} {cand}: the states sum to {got:,}, the record {want:,}"
            )
        else:
            checks.append(f"popular vote {year} {cand}: states sum to {got:,} (record {want:,})")
    return out.sort_values(["year", "state", "votes"], ascending=[True, True, False])


def statehood(checks: list[str]) -> pd.DataFrame:
    import us

    rows = []
    for code, (admitted, organized, part_of, since, until) in STATEHOOD.items():
        st = us.states.lookup(code)
        if code != "DC" and st.statehood_year != int(admitted[:4]):
            raise SystemExit(
                f"{code}: admitted {admitted}, the us package says {st.statehood_year}"
            )
        rows.append((code, admitted, organized, part_of, since or "", until or "", SENATE))
    checks.append("every state's admission year agrees with the `us` package's statehood_year")
    out = pd.DataFrame(
        rows, columns=["state", "admitted", "organized", "drawn_with", "from", "until", "source"]
    )
    seceded = [(y, s) for y, sts in SECEDED.items() for s in sts]
    sec = pd.DataFrame(
        [(s, "", "", "", "", "", f"seceded:{y}") for y, s in seceded], columns=out.columns
    )
    return pd.concat([out, sec], ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    out = start(args, "MAP_PROVENANCE.md")
    log: list[str] = []
    checks: list[str] = []
    cast_source = read_cast_source(args.shared)  # read once: both tables come from it
    parties = party_table(cast_source, args.shared, log, checks)
    states = statehood(checks)
    popular = popular_votes(cast_source, log, checks)
    popular.to_csv(out / "popular_votes_1824_1972.csv", index=False, lineterminator="\n")
    parties.to_csv(out / "parties.csv", index=False, lineterminator="\n")
    states.to_csv(out / "statehood.csv", index=False, lineterminator="\n")
    src = CAST_SOURCE
    ec = "electoral/Electoral_College_1788_2020.csv"
    lines = [
        "# Provenance of the map's history tables",
        "",
        "Generated by `scripts/build_parties.py`; do not edit by hand.",
        "",
        f"- `parties.csv` ({len(parties)} rows): a candidate's party in an election, for every "
        "candidate with electoral votes in `electoral_votes_cast.csv` (canonical names). "
        "An empty party is no party (Washington; the pooled 1789 'Others'; a faithless "
        "elector's vote for someone of no party).  Sources: the shared "
        f"`{src}` (sha256 {sha(args.shared / src)}…, party of each Total row), and where it "
        "has none or 'Faithless'/'Various', the cited table in the script (source column).",
        f"- `statehood.csv` ({len(states)} rows): when each state was admitted (the 13 "
        f"original states: ratified the Constitution), {SENATE}; when its territory was "
        f"organized, {TERR}; the state or territory it is drawn with before admission; and "
        "(source `seceded:YEAR`) the states that had seceded (1864) or were not readmitted "
        "(1868) and chose no electors.  DC's 'admitted' is the 23rd Amendment (1961); its "
        "'organized' the Organic Act of 1801.",
        f"- `popular_votes_1824_1972.csv` ({len(popular)} rows): a candidate's statewide "
        "popular vote, 1824-1972, from the same shared file's `popular_votes` (rows with "
        "votes; states whose legislature chose the electors have none).  Only candidates "
        "who won electoral votes are listed (the source's limit): a state's total is the "
        "total of those candidates, not of every ballot.  National sums are checked "
        "against the record below.",
        f"- Cross-check source: `{ec}` (sha256 {sha(args.shared / ec)}…).",
        *section("Corrections and readings", log),
        *section("Checks passed", checks),
    ]
    (out / "MAP_PROVENANCE.md").write_text("\n".join(lines) + "\n")
    print(f"wrote parties.csv ({len(parties)} rows), statehood.csv ({len(states)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
