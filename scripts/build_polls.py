"""Build the packaged polls and published forecasts from the public files in shared/data.

Run from the repository root:  python scripts/build_polls.py [--shared ../shared/data]

Writes ``src/electoral/data/polls_<year>.csv`` (2008, 2012, 2016, 2020; the common poll
schema, one row per poll, sorted), ``published_forecasts.csv`` (year, forecaster, unit,
dem_probability) and ``POLLS_PROVENANCE.md`` (sources, every cleaning rule with its count,
checks, caveats).  The polls go through the same loaders a user's file does
(``electoral.forecast.polls.read_polls``).  Nothing is written if a check fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _build import Log, arguments, run, section, sha, start  # noqa: E402
from electoral.data.polls import POLL_COLUMNS, check_polls  # noqa: E402
from electoral.forecast.polls import _pollster, read_polls  # noqa: E402
from electoral.rules.calendar import calendar  # noqa: E402
from electoral.states import to_code  # noqa: E402

ECON = "TheEconomist/us-potus-model"
ECON_COMMIT = "b89e602ec03e81c797c66cf2743af6fdae4aa526"
#: year -> (file under shared/data, upstream, commit, facts SOURCES.md states about it).
POLL_SOURCES = {
    2008: (
        "polls/economist_all_polls_2008.csv",
        f"{ECON} `data/all_polls_2008.csv`",
        ECON_COMMIT,
        {"rows": 1323},
    ),
    2012: (
        "polls/economist_all_polls_2012.csv",
        f"{ECON} `data/all_polls_2012.csv`",
        ECON_COMMIT,
        {"rows": 1175},
    ),
    2016: (
        "polls/fte_president_general_polls_2016.csv",
        "UW-CSSS-564/us-election-2016 `president_general_polls_2016.csv` (538, CC BY 4.0)",
        "03854f239b4292ee2a69c7978aa981d7042b0921",
        {"rows": 12624, "raw_polls": 4208, "end": ("2015-11-08", "2016-11-07")},
    ),
    2020: (
        "polls/fte_president_polls_2020_thru_2020-10-17.csv",
        "alexbruens/683 `president_polls.csv` (538, CC BY 4.0)",
        "688dd5aa354370e65767d732bf677dcb02ee0e37",
        {"rows": 11327, "raw_polls": 2748, "end": ("2018-11-13", "2020-10-16")},
    ),
}
ALT_2016 = "polls/economist_all_polls_2016.csv"
UPSHOT = "forecasts/upshot_compare_state_forecasts_2016-11-08.csv"
TOPLINES = "forecasts/fte_presidential_state_toplines_2020.csv"
#: Forecasters in the Upshot's comparison that give probabilities (the rest give ratings).
UPSHOT_FORECASTERS = {
    "NYT": "The Upshot (New York Times)",
    "538": "FiveThirtyEight",
    "HuffPost": "HuffPost Pollster",
    "PW": "PredictWise",
    "PEC": "Princeton Election Consortium",
    "DK": "Daily Kos Elections",
}
#: Spot values SOURCES.md gives for the published files (Democrat's win probability).
SPOT_2016_538 = {"PA": 0.77, "MI": 0.79, "WI": 0.84, "FL": 0.55, "NC": 0.56}
SPOT_2020_538 = {
    "PA": 0.8431,
    "WI": 0.9436,
    "FL": 0.691,
    "GA": 0.5815,
    "AZ": 0.6802,
    "NE-2": 0.7169,
    "ME-2": 0.5726,
}
NOMINEES = {
    2008: ("Barack Obama", "John McCain"),
    2012: ("Barack Obama", "Mitt Romney"),
    2016: ("Hillary Clinton", "Donald Trump"),
    2020: ("Joe Biden", "Donald Trump"),
}


class Build(Log):
    """The build log (sources, checks, failures) and the rules the loader applied."""

    def __init__(self, shared: Path) -> None:
        super().__init__(prefixed=False)
        self.shared = shared
        self.rules: list[str] = []
        self.files: dict[str, tuple[int, str]] = {}

    def path(self, rel: str, origin: str, commit: str) -> Path:
        p = self.shared / rel
        self.sources.append(f"`{rel}` — {origin}, commit `{commit}` (sha256 {sha(p)}…)")
        return p

    def polls(self, year: int) -> pd.DataFrame:
        rel, origin, commit, facts = POLL_SOURCES[year]
        p = self.path(rel, origin, commit)
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        self.check(len(raw) == facts["rows"], f"{year}: {len(raw):,} data rows read")
        if "raw_polls" in facts:
            n = raw.poll_id.nunique()
            self.check(n == facts["raw_polls"], f"{year}: {n:,} distinct poll ids in the file")
        if "end" in facts:
            end = pd.to_datetime(raw.get("enddate", raw.get("end_date")), format="mixed")
            got = (f"{end.min():%Y-%m-%d}", f"{end.max():%Y-%m-%d}")
            self.check(got == facts["end"], f"{year}: end dates {got[0]} … {got[1]}")
        if "type" in raw.columns:
            shares = raw.groupby("question_id")[["rawpoll_clinton", "rawpoll_trump"]].nunique()
            same = bool((shares <= 1).all().all())
            self.check(same, f"{year}: raw shares identical in a poll's model-type copies")
        df = read_polls(p)
        st = df.attrs["stats"]
        eday = calendar(year).election_day.date
        assert eday is not None
        late = df.end_date > pd.Timestamp(eday)
        df = df[~late].reset_index(drop=True)
        pairs = set(zip(df.dem_candidate, df.rep_candidate, strict=True))
        self.check(pairs == {NOMINEES[year]}, f"{year}: every poll is {NOMINEES[year]}")
        self.check(df.poll_id.is_unique, f"{year}: poll ids unique")
        self.log_rules(year, rel, st, int(late.sum()), eday.isoformat(), raw, df)
        return df

    def log_rules(
        self,
        year: int,
        rel: str,
        st: dict[str, int],
        late: int,
        eday: str,
        raw: pd.DataFrame,
        df: pd.DataFrame,
    ) -> None:
        head = f"**{year}** (`{rel}`, {st['rows']:,} rows read, source tag `{df.source.iloc[0]}`): "
        r: list[str] = []
        if "subpopulation_rows" in st:
            r.append(f"{st['subpopulation_rows']} sub-population rows dropped")
        if "model_type_copies" in st:
            r.append(
                f"{st['model_type_copies']:,} model copies dropped (each poll appears once per "
                "`type`; the `polls-only` copy is kept — raw shares are identical in all three)"
            )
        if "hypothetical_questions" in st:
            r.append(
                f"{st['hypothetical_questions']:,} questions without both nominees dropped "
                "(hypothetical match-ups; answers paired by `question_id`)"
            )
        r.append(f"{st['other_population_versions']} versions for a less preferred population")
        r.append(f"{st['shorter_ballot_versions']} versions with a shorter ballot dropped")
        r.append(f"{st['versions_averaged']} tied versions averaged into their poll")
        if "pollster" in raw.columns and df.source.iloc[0].startswith("economist"):
            names = raw.pollster.astype(str)
            merged = _pollster(names.str.strip())
            r.append(
                f"pollster spellings: {names.nunique()} in the file, {merged.nunique()} after "
                "normalising (version tags stripped, aliases merged)"
            )
        r.append(f"{late} polls ending after Election Day ({eday}) dropped")
        r.append(f"{st['sample_imputed']} sample sizes missing, imputed with the median")
        r.append(f"**{len(df):,} polls** written")
        self.rules.append("- " + head + "; ".join(r) + ".")

    def cross_check_2016(self, fte: pd.DataFrame) -> None:
        p = self.path(ALT_2016, f"{ECON} `data/all_polls.csv` (HuffPost Pollster)", ECON_COMMIT)
        econ = read_polls(p)
        week = [
            d[(d.unit == "US") & (d.end_date >= "2016-10-31") & (d.end_date <= "2016-11-07")]
            for d in (fte, econ)
        ]
        a, b = ((w.dem - w.rep).mean() for w in week)
        self.check(
            abs(a - b) < 1.5 and a > 0 and b > 0,
            f"2016 cross-source: mean national Clinton margin of polls ending Oct 31-Nov 7 is "
            f"{a:+.2f} pts in 538's file ({len(week[0])} polls) and {b:+.2f} in HuffPost's "
            f"({len(week[1])} polls)",
        )
        st = econ.attrs["stats"]
        self.rules.append(
            f"- **2016, not packaged** (`{ALT_2016}`, {st['rows']:,} rows): "
            f"{st['subpopulation_rows']} sub-population rows dropped; "
            f"{st['other_population_versions']} other-population and "
            f"{st['shorter_ballot_versions']} shorter-ballot versions dropped; "
            f"{st['versions_averaged']} averaged; {st['polls']:,} polls. Readable with "
            "`read_polls`; 538's file is packaged instead because it has poll ids, the "
            "congressional districts and more state polls."
        )

    def forecasts(self) -> pd.DataFrame:
        up = pd.read_csv(
            self.path(
                UPSHOT,
                "BillPetti/Presidential-Forecasts-2016",
                "1dbac66de1c58df795bbdf168b58fbc54ed1650a",
            )
        )
        up = up[up.poll_state.isin(list(UPSHOT_FORECASTERS))].copy()
        label = up.State.str.split("\n").str[0].str.strip().str.rstrip("*").str.strip()
        cd = label.str.extract(r"^(.+?) \(CD (\d)\)$")
        up["unit"] = [
            f"{to_code(s)}-{n}" if isinstance(n, str) else to_code(t)
            for t, s, n in zip(label, cd[0], cd[1], strict=True)
        ]
        self.check(bool(up.unit.notna().all()), "2016: every scraped unit name resolves")
        missing = up.prob_dem_win.isna()
        self.rules.append(
            f"- **published 2016** (`{UPSHOT}`): kept the {len(UPSHOT_FORECASTERS)} forecasters "
            "that give probabilities (Cook, Rothenberg, Sabato give ratings); unit names cleaned "
            "of the scraped HTML whitespace ('Maine (CD 2)*\\n\\t…Me.-2*' → ME-2); "
            f"{int(missing.sum())} rows without a probability dropped "
            f"({', '.join(sorted(set(up.poll_state[missing])))}: "
            f"{', '.join(sorted(set(up.unit[missing])))})."
        )
        up = up[~missing]
        y16 = pd.DataFrame(
            {
                "year": 2016,
                "forecaster": up.poll_state,
                "unit": up.unit,
                "dem_probability": up.prob_dem_win,
            }
        )
        tl = pd.read_csv(
            self.path(
                TOPLINES,
                "samtoch24/projet_big_data_team2 (538, CC BY 4.0)",
                "d62c6db7d28b2dfd0df79cdf59be006fd8dde4d6",
            )
        )
        last = tl[tl.modeldate == tl.modeldate.max()]
        self.check(
            last.modeldate.iloc[0] == "2020-11-03" and len(last) == 56,
            f"2020: final 538 run {last.modeldate.iloc[0]}, {len(last)} units",
        )
        self.check(set(last.candidate_chal) == {"Biden"}, "2020: challenger (chal) is Biden")
        self.rules.append(
            f"- **published 2020** (`{TOPLINES}`): the final run (2020-11-03), "
            "`winstate_chal` (Biden) as the Democrat's probability; 56 units."
        )
        y20 = pd.DataFrame(
            {
                "year": 2020,
                "forecaster": "538",
                "unit": last.state.map(lambda s: to_code(s) or s),
                "dem_probability": last.winstate_chal.round(4),
            }
        )
        out = pd.concat([y16, y20]).sort_values(["year", "forecaster", "unit"])
        for year, spot in ((2016, SPOT_2016_538), (2020, SPOT_2020_538)):
            got = out[(out.year == year) & (out.forecaster == "538")].set_index("unit")
            ok = all(abs(float(got.dem_probability[u]) - p) < 5e-4 for u, p in spot.items())
            self.check(ok, f"{year}: 538's probabilities match SOURCES.md ({spot})")
        return out.reset_index(drop=True)


def write_polls(df: pd.DataFrame, out: Path, name: str) -> int:
    table = df[list(POLL_COLUMNS)].copy()
    for col in ("start_date", "end_date"):
        table[col] = table[col].dt.strftime("%Y-%m-%d")
    for col in ("dem", "rep"):
        table[col] = table[col].map(lambda x: f"{x:.10g}")
    path = out / name
    table.to_csv(path, index=False, lineterminator="\n")
    back = check_polls(pd.read_csv(path, dtype=str, keep_default_na=False), file=name)
    pd.testing.assert_frame_equal(back, df[list(POLL_COLUMNS)].reset_index(drop=True))
    return path.stat().st_size


def provenance(b: Build, files: dict[str, tuple[int, int]]) -> str:
    total = sum(size for _, size in files.values())
    lines = [
        "# Provenance of the packaged polls and published forecasts",
        "",
        "Generated by `scripts/build_polls.py` from the public files in `shared/data` (see",
        "`shared/data/SOURCES.md`, sections 4, 5 and 7).  Do not edit the CSV files by hand.",
        "",
        "## Files",
        "",
        "| file | rows | bytes | one row is |",
        "|---|---|---|---|",
    ]
    for name, (rows, size) in files.items():
        what = "a poll (common schema)" if name.startswith("polls") else "a forecaster's state"
        lines.append(f"| `{name}` | {rows:,} | {size:,} | {what} |")
    lines += [f"| total | | {total:,} | |", "", "## Sources read", ""]
    lines += [f"- {s}" for s in b.sources]
    lines += [
        "",
        "## One poll, one row: the rules and what they did",
        "",
        "Rules (in `electoral.forecast.polls`): national rows (`--`, `U.S.`, empty state) get",
        "unit `US`; districts (`Maine CD-2`, an Economist pollster tagged `(2nd CD Only)`) get",
        "`ME-2`; among the versions of one poll the loader keeps likely voters > registered",
        "voters > voters > adults, then the fullest ballot (most candidates named; where the",
        "file names none, the smallest Democratic + Republican total), and averages versions",
        "still tied (turnout models, question wordings).  Economist pollster spellings are",
        "merged by a table (`_POLLSTER_ALIASES`).  `dem`/`rep` are raw shares of all",
        "respondents (538's adjusted shares are not used).",
        "",
    ]
    lines += b.rules
    lines += section("Checks passed", b.checks)
    lines += [
        "",
        "## Caveats",
        "",
        "- **2020 ends on 2020-10-16**: the only public copy of 538's poll file was taken on",
        "  2020-10-17; the last 17 days of polls are missing.  An average 'as of' Election Day",
        "  eve is really an average as of mid-October.",
        "- 2008/2012 (Economist): every row says `Live Phone` and 2008 every row says",
        "  `Registered Voters`, and `other`/`undecided` always split the remainder 70/30;",
        "  these are fillers, not survey facts.  So in 2008 the ballot rule (smallest",
        "  Democratic + Republican total) decides three same-day pairs (MN SurveyUSA, NC PPP,",
        "  NV Rasmussen) on the remainder alone; the versions the file tags as turnout models",
        "  (Gallup `(Expanded)*`/`(Traditional)*`, Battleground `(Lake)*`/`(Tarrance)*`) are",
        "  averaged.",
        "- SOURCES.md gives 1,322 and 1,174 rows for the 2008 and 2012 Economist files; they",
        "  hold 1,323 and 1,175 (the last line has no newline, so `wc -l` counts one fewer).",
        "- 2020: hypothetical match-ups are dropped; early (2019) Biden-Trump questions that also",
        "  name a never-nominated third candidate (Schultz, Amash) count as the fuller ballot.",
        "- Tracking polls (overlapping releases of one panel) stay in the files; the poll",
        "  average keeps only non-overlapping releases.",
        "- Published 2016 probabilities are as scraped from the Upshot's comparison table on",
        "  2016-11-08: whole percents, '>99%' as 0.99 and '<1%' as 0.01; Daily Kos gave none",
        "  for the districts.  Forecasters: "
        + "; ".join(f"{k} = {v}" for k, v in UPSHOT_FORECASTERS.items())
        + ".  538 2020 is 538's own final file (four decimals).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments((__doc__ or "").splitlines()[0]).parse_args(argv)
    out = start(args, "POLLS_PROVENANCE.md")
    b = Build(args.shared)
    polls = {year: b.polls(year) for year in POLL_SOURCES}
    b.cross_check_2016(polls[2016])
    fc = b.forecasts()
    if b.failures:
        print("checks failed, nothing written:\n" + "\n".join(b.failures), file=sys.stderr)
        return 1
    files: dict[str, tuple[int, int]] = {}
    for year, df in polls.items():
        files[f"polls_{year}.csv"] = (len(df), write_polls(df, out, f"polls_{year}.csv"))
    fc.to_csv(out / "published_forecasts.csv", index=False, lineterminator="\n")
    files["published_forecasts.csv"] = (len(fc), (out / "published_forecasts.csv").stat().st_size)
    (out / "POLLS_PROVENANCE.md").write_text(provenance(b, files), encoding="utf-8")
    total = sum(s for _, s in files.values())
    print(f"wrote {len(files)} files ({total:,} bytes); {len(b.checks)} checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
