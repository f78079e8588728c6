"""Build the packaged fundamentals table (time-for-change inputs, 1948-2024).

Run from the repository root:  python scripts/build_fundamentals.py [--shared ../shared/data]

Writes ``src/electoral/data/fundamentals.csv`` and ``FUNDAMENTALS_PROVENANCE.md``.
1948-2016 come from Abramowitz's time-for-change data as kept in the Economist's model
repository (``fundamentals/abramowitz_time_for_change_1948_2016.csv``, SOURCES.md section 7);
2020 and 2024 are added from the record: the national two-party vote and the incumbency
columns from the package's own returns and outcomes, second-quarter GDP growth and June
net approval from the cited public figures in :data:`CITED` below.  The columns of the
record that the package can also derive (two-party vote 1976-2016, incumbent party 1980-2016,
sitting president running 1980-2016, first term 1984-2016) are checked against Abramowitz's
values; nothing is written if a check fails.

Also writes ``gallup_final_polls.csv``: Gallup's final pre-election poll in every election
1936-2008 (transcribed in ``scripts/transcribed/gallup_final_polls.csv`` from the
reproductions its rows cite; shared/data has no national poll record before 2008) beside the
package's own two-party result of the year (``popular_votes_1824_1972.csv`` to 1972,
``returns.csv`` from 1976: the official record wins), and the poll's error of the
Democrat's two-party margin.  The forecast's prior for the national polling error is fitted
on it (``electoral.forecast.calibrate``).

Only inputs knowable before a row's election are kept; the outcome columns are named
``outcome_*``.  Dropped from the source: election-year GDP growth (``eygdp``, known only
after the year ends), approval at election time (``electapp``), electoral votes, won/lost,
landslide and the source's fitted prediction (``predincvote``, fitted on all years).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _build import arguments, run, sha, start  # noqa: E402
from electoral.data import (  # noqa: E402
    FUNDAMENTALS_COLUMNS,
    outcomes_table,
    read_table,
    returns_table,
)
from electoral.errors import DataError  # noqa: E402
from electoral.validate import parse_number, parse_whole  # noqa: E402

#: Gallup's final polls, transcribed with the source of every row (no such file in shared/data).
GALLUP = ROOT / "scripts" / "transcribed" / "gallup_final_polls.csv"
GALLUP_COLUMNS = (
    "year",
    "dem_candidate",
    "dem_pct",
    "rep_candidate",
    "rep_pct",
    "other_pct",
    "fieldwork",
    "poll_dem_margin",
    "result_dem_margin",
    "error",
    "result_source",
    "source",
    "verified",
)

SOURCE = "fundamentals/abramowitz_time_for_change_1948_2016.csv"
ORIGIN = "TheEconomist/us-potus-model `data/abramowitz_data.csv` (MIT)"
COMMIT = "b89e602ec03e81c797c66cf2743af6fdae4aa526"

#: The figures added by hand for the years after the source, each with where it was read.
#: ``q2_gdp_growth``: real GDP, second quarter, percent change at an annual rate, BEA's
#: "third" estimate (the last one released before the election).  ``june_net_approval``:
#: approve minus disapprove in the last Gallup poll of the president's job approval that
#: ended on or before June 30 of the election year.
CITED: dict[int, dict[str, tuple[float | str | None, str]]] = {
    2020: {
        "q2_gdp_growth": (
            -31.4,
            "BEA, 'Gross Domestic Product (Third Estimate), Corporate Profits (Revised), and "
            "GDP by Industry, Second Quarter 2020', 2020-09-30 "
            "(bea.gov/news/blog/2020-09-30/gross-domestic-product-third-estimate-corporate-"
            "profits-revised-and-gdp): 'decreased at an annual rate of 31.4 percent'",
        ),
        "q2_gdp_growth_released": ("2020-09-30", "the date of that BEA release"),
        "q2_gdp_growth_advance": (
            -32.9,
            "BEA 20-37, 'Gross Domestic Product, Second Quarter 2020 (Advance Estimate) and "
            "Annual Update', embargoed until 8:30 a.m. EDT Thursday 2020-07-30: 'decreased "
            "at an annual rate of 32.9 percent'",
        ),
        "q2_gdp_advance_released": ("2020-07-30", "the date of that BEA release"),
        "june_approval_poll_end": ("2020-06-04", "the last field day of that Gallup poll"),
        "june_net_approval": (
            -18.0,
            "Gallup, May 28-June 4 2020, 1,034 adults: approve 39, disapprove 57 (row of "
            "lorenzo-ruffino/approval_rate_usa_president `historical_approval_polls.csv`, "
            "commit 9f4cf47421dfd9e552fee6255def26bdbacf65e9; Gallup's own story "
            "news.gallup.com/poll/313454 confirms 39% in early June).  Gallup's later June "
            "8-30 poll (approve 38%, same story) is not in that table and its disapproval "
            "was not read, so the May 28-June 4 poll is the last one with both numbers",
        ),
    },
    2024: {
        "q2_gdp_growth": (
            3.0,
            "BEA, 'Gross Domestic Product (Third Estimate), Corporate Profits (Revised "
            "Estimate), and GDP by Industry, Second Quarter 2024 and Annual Update', "
            "2024-09-26 (Survey of Current Business, apps.bea.gov/scb/issues/2024/"
            "10-october/1024-gdp-economy.htm): 'increased at an annual rate of 3.0 percent'",
        ),
        "q2_gdp_growth_released": ("2024-09-26", "the date of that BEA release"),
        "q2_gdp_growth_advance": (
            2.8,
            "BEA, 'Gross Domestic Product, Second Quarter 2024 (Advance Estimate)', "
            "2024-07-25 (news release highlights, fraser.stlouisfed.org/title/bureau-economic-"
            "analysis-bea-news-releases-6148/gross-domestic-product-second-quarter-2024-"
            "advance-estimate-672323): 'increased at an annual rate of 2.8 percent'",
        ),
        "q2_gdp_advance_released": ("2024-07-25", "the date of that BEA release"),
        "june_approval_poll_end": ("2024-05-23", "the last field day of that Gallup poll"),
        "june_net_approval": (
            -17.0,
            "Gallup, May 1-23 2024, 1,024 adults: approve 39, disapprove 56 (row of "
            "lorenzo-ruffino/approval_rate_usa_president `historical_approval_polls.csv`, "
            "commit 9f4cf47421dfd9e552fee6255def26bdbacf65e9).  That table has no Gallup "
            "poll ending in June 2024 (the next is July 1-21: 36/58, after June)",
        ),
    },
}
#: The next election: a row with its incumbency (known now) and nothing else.
NEXT = 2028
COLUMNS = FUNDAMENTALS_COLUMNS  # one list, the loader's


def _party_of_winner(returns: pd.DataFrame, outcomes: pd.DataFrame) -> dict[int, str]:
    """The party (D/R) of each recorded president-elect with packaged returns."""
    out = {}
    for year in sorted(set(returns.year)):
        winner = outcomes[(outcomes.year == year) & (outcomes.office == "president")].winner
        rows = returns[(returns.year == year) & (returns.candidate == winner.iloc[0])]
        party = set(rows.party) & {"DEM", "REP"}
        assert len(party) == 1, (year, winner.iloc[0], party)
        out[int(year)] = party.pop()[0]
    return out


def build(shared: Path) -> tuple[pd.DataFrame, list[str], list[str], str, pd.Series]:
    path = shared / SOURCE
    digest = sha(path)  # checked against the hash FUNDAMENTALS_PROVENANCE.md records
    src = pd.read_csv(path)
    returns = returns_table()
    outcomes = outcomes_table()
    major = returns[returns.party.isin(["DEM", "REP"])]
    votes = major.groupby(["year", "party"]).votes.sum().unstack()
    dem2 = (100 * votes.DEM / (votes.DEM + votes.REP)).round(2)
    winner_party = _party_of_winner(returns, outcomes)
    checks: list[str] = []
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        (checks if ok else failures).append(what)

    rows = []
    for r in src.itertuples(index=False):
        year = int(r.year)
        party = "D" if int(r.deminc) == 1 else "R"
        packaged = year in dem2.index
        dem = float(dem2[year]) if packaged else round(float(r.demvote), 2)
        rows.append(
            {
                "year": year,
                "incumbent_party": party,
                "dem_incumbent": int(r.deminc),
                "incumbent_running": int(r.inc == "Yes"),
                "first_term": int(r.term1),
                "q2_gdp_growth": float(r.q2gdp),
                "june_net_approval": float(r.juneapp),
                "q2_gdp_growth_released": "",
                "q2_gdp_growth_advance": None,
                "q2_gdp_advance_released": "",
                "june_approval_poll_end": "",
                "inputs_source": "abramowitz",
                "outcome_dem_two_party": dem,
                "outcome_incumbent_two_party": round(dem if party == "D" else 100 - dem, 2),
                "outcome_source": "package returns" if packaged else "abramowitz",
            }
        )
        if packaged:
            diff = abs(dem - float(r.demvote))
            check(
                diff <= 0.15,
                f"{year}: Democratic two-party share {dem:.2f} (package) vs {r.demvote} "
                f"(Abramowitz), |diff| {diff:.2f} <= 0.15",
            )
        if year - 4 in winner_party:
            ok = winner_party[year - 4] == party
            check(ok, f"{year}: incumbent party {party} = party of the {year - 4} winner")
            sitting = outcomes[(outcomes.year == year - 4) & (outcomes.office == "president")]
            running = set(returns[returns.year == year].candidate)
            got = int(sitting.winner.iloc[0] in running)
            check(
                got == int(r.inc == "Yes"),
                f"{year}: sitting president on the ballot = {bool(got)} (package) as in source",
            )
        if year - 8 in winner_party:
            first = int(winner_party[year - 4] != winner_party[year - 8])
            check(first == int(r.term1), f"{year}: first term of the party = {bool(first)}")
    for year in sorted(CITED):
        party = winner_party[year - 4]
        sitting = outcomes[(outcomes.year == year - 4) & (outcomes.office == "president")]
        running = int(sitting.winner.iloc[0] in set(returns[returns.year == year].candidate))
        dem = float(dem2[year])
        cited = CITED[year]
        rows.append(
            {
                "year": year,
                "incumbent_party": party,
                "dem_incumbent": int(party == "D"),
                "incumbent_running": running,
                "first_term": int(winner_party[year - 4] != winner_party[year - 8]),
                **{col: value for col, (value, _) in cited.items()},
                "inputs_source": "cited (FUNDAMENTALS_PROVENANCE.md)",
                "outcome_dem_two_party": dem,
                "outcome_incumbent_two_party": round(dem if party == "D" else 100 - dem, 2),
                "outcome_source": "package returns",
            }
        )
    # The next election: only the incumbency is known.  Its president-elect of 2024 was
    # also elected in 2016, so two terms: the 22nd Amendment bars a third.
    year = NEXT
    party = winner_party[year - 4]
    pres = outcomes[outcomes.office == "president"].set_index("year").winner
    twice = pres[year - 4] in {pres.get(y) for y in range(year - 16, year - 4, 4)}
    rows.append(
        {
            "year": year,
            "incumbent_party": party,
            "dem_incumbent": int(party == "D"),
            "incumbent_running": 0 if twice else None,
            "first_term": int(winner_party[year - 4] != winner_party[year - 8]),
            "inputs_source": "package (incumbency only; the election has not been held)",
            "outcome_source": "",
        }
    )
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    check(list(df.year) == list(range(1948, NEXT + 4, 4)), f"one row per election 1948-{NEXT}")
    check(
        bool(twice) and party == "R",
        f"{NEXT}: incumbent party {party} (the 2024 winner's); {pres[year - 4]} also won "
        f"{[y for y in range(year - 16, year - 4, 4) if pres.get(y) == pres[year - 4]]}, "
        "so he cannot run again (22nd Amendment)",
    )
    source_line = f"`{SOURCE}` — {ORIGIN}, commit `{COMMIT}` (sha256 {digest}…)"
    return df, checks, failures, source_line, src.set_index("year").demvote


def _national_votes() -> pd.Series:
    """Votes by (year, candidate) over the whole country, from the package's own record:
    ``popular_votes_1824_1972.csv`` to 1972, ``returns.csv`` from 1976."""
    cols = ["year", "candidate", "votes"]
    rows = pd.concat([read_table("popular_votes_1824_1972.csv")[cols], returns_table()[cols]])
    return rows.groupby(["year", "candidate"]).votes.sum()


def gallup(demvote: pd.Series, checks: list[str], failures: list[str]) -> pd.DataFrame:
    """Gallup's final polls beside the package's result, with the poll's margin error
    (``demvote``: Abramowitz's Democratic two-party share by year, to check the result)."""
    src = pd.read_csv(GALLUP, dtype=str, keep_default_na=False)
    votes = _national_votes()
    rows = []
    for line, r in enumerate(src.itertuples(index=False), start=2):
        at = {"file": GALLUP, "line": line}
        year = parse_whole(r.year, field="year", lo=1788, hi=NEXT, **at)
        dem, rep, other = (
            parse_number(getattr(r, f), field=f, lo=0.0, hi=100.0, **at)
            for f in ("dem_pct", "rep_pct", "other_pct")
        )
        if not 0 < dem + rep + other <= 100.0:
            raise DataError(
                f"shares add up to {dem + rep + other:g}, not (0, 100]", file=GALLUP, line=line
            )
        where = "popular_votes_1824_1972.csv" if year <= 1972 else "returns.csv"
        pair = []
        for field in ("dem_candidate", "rep_candidate"):
            name = getattr(r, field)
            if (year, name) not in votes.index:
                raise DataError(f"{name!r} has no votes in {year} in {where}", field=field, **at)
            pair.append(float(votes[(year, name)]))
        result = (pair[0] - pair[1]) / (pair[0] + pair[1])
        poll = (dem - rep) / (dem + rep)
        rows.append(
            {
                "year": year,
                "dem_candidate": r.dem_candidate,
                "dem_pct": dem,
                "rep_candidate": r.rep_candidate,
                "rep_pct": rep,
                "other_pct": other,
                "fieldwork": r.fieldwork,
                "poll_dem_margin": round(poll, 5),
                "result_dem_margin": round(result, 5),
                "error": round(poll - result, 5),
                "result_source": where,
                "source": r.source,
                "verified": r.verified,
            }
        )
        if year in demvote.index:
            theirs = 2 * float(demvote[year]) / 100 - 1
            ok = abs(theirs - result) <= 0.01
            (checks if ok else failures).append(
                f"{GALLUP.name} {year}: two-party margin {result:+.4f} ({where}) vs "
                f"{theirs:+.4f} (Abramowitz `demvote`), |diff| <= 0.01"
            )
    df = pd.DataFrame(rows, columns=list(GALLUP_COLUMNS))
    ok = list(df.year) == list(range(1936, 2012, 4))
    (checks if ok else failures).append(f"{GALLUP.name}: one row per election 1936-2008")
    return df


def _record_section(record: pd.DataFrame) -> list[str]:
    lines = [
        "## Gallup's final polls (`gallup_final_polls.csv`)",
        "",
        "shared/data has no national poll record before 2008, so Gallup's final pre-election",
        "poll of each election 1936-2008 is transcribed in `scripts/transcribed/",
        "gallup_final_polls.csv` from the reproductions each row cites (Gallup's own accuracy",
        "table as reprinted; the Christian Science Monitor of 1980-10-30 for 1936-1976).  The",
        "result beside it is the package's own record (`result_source`), never the reprint's;",
        "1948-1972 are checked against Abramowitz's `demvote` (checks below).  `error` = the",
        "poll's Democratic two-party margin less the result's (positive: the poll leaned",
        "Democratic).  Not re-read against Gallup's own publication; 2000-2008 rest on one",
        "reproduction each.",
        "",
        "| year | Democrat | Republican | other | fieldwork | poll margin | result | error |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in record.itertuples(index=False):
        lines.append(
            f"| {r.year} | {r.dem_candidate} {r.dem_pct:g} | {r.rep_candidate} {r.rep_pct:g} "
            f"| {r.other_pct:g} | {r.fieldwork} | {r.poll_dem_margin:+.4f} "
            f"| {r.result_dem_margin:+.4f} | {r.error:+.4f} |"
        )
    return [*lines, ""]


def provenance(df: pd.DataFrame, checks: list[str], source_line: str, record: pd.DataFrame) -> str:
    lines = [
        "# Provenance of the packaged fundamentals",
        "",
        "Generated by `scripts/build_fundamentals.py`.  Do not edit `fundamentals.csv` by hand.",
        "",
        "## Source",
        "",
        f"- {source_line}: Abramowitz's time-for-change data, 1948-2016 (SOURCES.md, §7).",
        "- The package's own `returns.csv` and `outcomes.csv` (two-party vote 1976-2024,",
        "  incumbency 2020 and 2024).",
        "- The cited figures below (2020 and 2024).",
        "",
        f"## Columns (one row per presidential election, 1948-{NEXT})",
        "",
        "Every column but `outcome_*` is knowable before the row's election.",
        "",
        "| column | meaning |",
        "|---|---|",
        "| `year` | election year |",
        "| `incumbent_party` | party holding the White House going into the election (D/R) |",
        "| `dem_incumbent` | 1 if that party is the Democrats (Abramowitz `deminc`) |",
        "| `incumbent_running` | 1 if the sitting president is a major-party nominee "
        "(Abramowitz `inc`) |",
        "| `first_term` | 1 if the incumbent party has held the White House for one term "
        "only (Abramowitz `term1`; 0 = the time-for-change penalty applies) |",
        "| `q2_gdp_growth` | real GDP growth in the second quarter of the election year, "
        "percent at an annual rate (Abramowitz `q2gdp`) |",
        "| `june_net_approval` | the president's net job approval (approve − disapprove) "
        "in June (Abramowitz `juneapp`, from Gallup's June polls; 2020 and 2024: see below) |",
        "| `q2_gdp_growth_released` | the day the `q2_gdp_growth` figure was published "
        "(empty: Abramowitz's vintage, date unknown) |",
        "| `q2_gdp_growth_advance` | BEA's advance (first) estimate of the same growth, "
        "published about four weeks after the quarter (2020 and 2024 only) |",
        "| `q2_gdp_advance_released` | the day of the advance estimate |",
        "| `june_approval_poll_end` | the last field day of the approval poll used (2020 and "
        "2024) |",
        "| `inputs_source` | where the inputs of the row come from |",
        "| `outcome_dem_two_party` | **outcome**: Democratic share of the two-party national "
        "popular vote, % |",
        "| `outcome_incumbent_two_party` | **outcome**: the incumbent party's two-party share, % |",
        "| `outcome_source` | `package returns` (1976-2024, summed over the states of "
        "`returns.csv`) or `abramowitz` (1948-1972, `demvote`) |",
        "",
        "Dropped from the source as not knowable before the election or not an input:",
        "`eygdp` (election-year GDP growth), `fhgdp`, `electapp`, electoral-vote shares,",
        "`wonlost`, `landslide`, `filter_.`, `juneapp2`, `predincvote` (a prediction fitted on",
        "all years), and `inc1` (identical to `term1` in every row).",
        "",
        "## Figures added for 2020 and 2024",
        "",
        "Incumbency columns are derived from the package: the incumbent party is the party of",
        "the previous winner (`outcomes.csv` + `returns.csv`); `incumbent_running` is whether",
        "that winner is a candidate in the year's returns; `first_term` is whether the last two",
        "winners' parties differ.  The same derivations reproduce Abramowitz's values for every",
        "year the package covers (checks below).",
        "",
    ]
    for year in sorted(CITED):
        for col, (value, where) in CITED[year].items():
            if value is None:
                shown = "(empty: not sourced)"
            else:
                shown = value if isinstance(value, str) else f"{value:+g}"
            lines.append(f"- **{year} `{col}` = {shown}** — {where}.")
    lines += ["", *_record_section(record)]
    lines += [
        "## Checks passed",
        "",
        *[f"- {c}" for c in checks],
        "",
        "## Caveats",
        "",
        "- **2024 `incumbent_running` = 0**: Biden withdrew on 2024-07-21 and Harris (not",
        "  the sitting president) was nominated.  A forecast dated before 2024-07-21 would",
        "  have treated the sitting president as running (1); the row describes Election Day.",
        "- **Vintage of GDP**: Abramowitz's `q2gdp` values are the figures he used, not",
        "  necessarily the first release (2012: 1.3 = BEA's third estimate; 2016: 1.1 = the",
        "  second).  The 2020 and 2024 values are BEA's third estimates, released on",
        "  2020-09-30 and 2024-09-26, before the elections; later revisions are not used.",
        "  A forecast dated before late September could only have known the advance or second",
        "  estimate (2020: −32.9 / −31.7; 2024: 2.8 / 3.0): a forecast as of a date should use",
        "  `q2_gdp_growth` only from `q2_gdp_growth_released`, `q2_gdp_growth_advance` from",
        "  `q2_gdp_advance_released`, and no economic input before that.",
        "- **Approval**: Gallup's June poll for 1948-2016 as Abramowitz took it; for 2020 and",
        "  2024 the last Gallup poll ending by June 30 in the cited compilation (see above).",
        "  The rule was not checked against the source's 1948-2016 values.",
        "- The 2020 Q2 figure (−31.4) lies far outside 1948-2016 (−7.9 … 9.8); a linear",
        "  time-for-change model extrapolates wildly on it.  Many forecasters damped or",
        "  replaced the 2020 economic input; the model must decide how to use it.",
        "- 1948-1972 outcomes are Abramowitz's one-decimal `demvote`; the package has no",
        "  returns before 1976.",
        f"- **{NEXT}** is in the table with what is known now: the incumbent party, the",
        "  first-term flag, and `incumbent_running` = 0 (the president elected in 2024 was",
        "  also elected in 2016; the 22nd Amendment bars a third election).  Its economy,",
        "  approval and outcome are empty until they happen.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments((__doc__ or "").splitlines()[0]).parse_args(argv)
    out = start(args, "FUNDAMENTALS_PROVENANCE.md")
    df, checks, failures, source_line, demvote = build(args.shared)
    record = gallup(demvote, checks, failures)
    if failures:
        print("checks failed, nothing written:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    df.to_csv(out / "fundamentals.csv", index=False, lineterminator="\n")
    record.to_csv(out / "gallup_final_polls.csv", index=False, lineterminator="\n")
    text = provenance(df, checks, source_line, record)
    (out / "FUNDAMENTALS_PROVENANCE.md").write_text(text, encoding="utf-8")
    print(f"wrote fundamentals.csv ({len(df)} rows); {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
