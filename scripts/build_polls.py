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
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _build import Log, arguments, run, section, sha, start  # noqa: E402
from electoral.data.polls import POLL_COLUMNS, check_polls  # noqa: E402
from electoral.forecast.average import _drop_overlaps  # noqa: E402
from electoral.forecast.polls import read_polls  # noqa: E402
from electoral.forecast.pollsters import pollster_name  # noqa: E402
from electoral.rules.calendar import calendar  # noqa: E402
from electoral.states import to_code  # noqa: E402
from merge_fte2020 import merge  # noqa: E402

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
        "polls/fte_president_polls_2020_thru_2020-10-21.csv",
        "simonw/fivethirtyeight-polls `president_polls.csv` (538's export of 2020-10-21, "
        "CC BY 4.0)",
        "b4d7b52c6901b85c39882e7f33cfd632f6b03387",
        {"rows": 12233, "raw_polls": 2984, "end": ("2018-11-13", "2020-10-20")},
    ),
}
#: 2020 after 538's export of 2020-10-21: every row of 538's final file, 11 columns
#: (SOURCES.md section 9), joined by ``scripts/merge_fte2020.py``.
FINAL_2020 = (
    "polls/fte_president_polls_2020_final_11cols.csv",
    "alexfifer/Data-Mining `raw_data/president_polls_2020.csv` (538's final 2020 file, 11 columns)",
    "0313c78788b9ee0d7ca986ebc72bd54c5b70ed2e",
    {"rows": 16438, "raw_polls": 4133, "end": ("2018-11-13", "2020-11-02")},
)
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
#: Final 2020 polls SOURCES.md section 9 checked by hand: (unit, pollster, start, end) ->
#: (population, Biden, Trump).
SPOT_2020_POLLS = {
    ("IA", "Selzer", "2020-10-26", "2020-10-29"): ("lv", 41, 48),
    ("WI", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-30"): ("lv", 52, 41),
    ("WI", "ABC News/The Washington Post", "2020-10-20", "2020-10-25"): ("lv", 57, 40),
    ("PA", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-31"): ("lv", 49, 43),
    ("FL", "Siena College/The New York Times Upshot", "2020-10-27", "2020-10-31"): ("lv", 47, 44),
    ("AZ", "Siena College/The New York Times Upshot", "2020-10-26", "2020-10-30"): ("lv", 49, 43),
    ("PA", "ABC News/The Washington Post", "2020-10-24", "2020-10-29"): ("lv", 51, 44),
    ("FL", "ABC News/The Washington Post", "2020-10-24", "2020-10-29"): ("lv", 48, 50),
    ("US", "NBC News/The Wall Street Journal", "2020-10-29", "2020-10-31"): ("rv", 52, 42),
    ("US", "YouGov", "2020-10-31", "2020-11-02"): ("lv", 53, 43),
    ("US", "Rasmussen Reports/Pulse Opinion Research", "2020-10-28", "2020-11-01"): ("lv", 48, 47),
}
NOMINEES = {
    2008: ("Barack Obama", "John McCain"),
    2012: ("Barack Obama", "Mitt Romney"),
    2016: ("Hillary Clinton", "Donald Trump"),
    2020: ("Joe Biden", "Donald Trump"),
}


def _surveymonkey(df: pd.DataFrame) -> str:
    sm = df[df.pollster == "SurveyMonkey"]
    late = df[(df.end_date >= "2020-10-17")]
    oct_ = sm[sm.end_date >= "2020-10-01"]
    return (
        f"{len(sm):,} polls, {int((sm.unit != 'US').sum()):,} of them state polls of its "
        f"50-state batches; {int((late.pollster == 'SurveyMonkey').sum())} of the "
        f"{len(late):,} polls ending 2020-10-17 … 11-02).  538 lists each daily release of a "
        "rolling window (four weeks, to the release ending 10/28; two weeks after) as a "
        "poll, so consecutive releases share most respondents; the 11-column file has no "
        "`nationwide_batch` or `tracking`, so they are found by the pollster name.  "
        "**Decision:** every release is kept as 538 lists it (an average as of a date needs "
        "the release current then) and de-duplicated when averaged, by the overlap rule "
        f"above: of the {len(sm):,} releases, {len(_drop_overlaps(sm))} do not overlap a later "
        f"one of the same unit ({len(_drop_overlaps(oct_))} of those ending in October or "
        "November).  Sample sizes are kept as published (median "
        f"{int(sm.sample_size.median()):,}, up to {int(sm.sample_size.max()):,}); an opt-in "
        "online panel's n overstates its information, so the model should cap a poll's "
        "weight or rely on its non-sampling error term rather than on n"
    )


class Build(Log):
    """The build log (sources, checks, failures) and the rules the loader applied."""

    def __init__(self, shared: Path) -> None:
        super().__init__(prefixed=False)
        self.shared = shared
        self.rules: list[str] = []
        self.files: dict[str, tuple[int, str]] = {}
        self.merge_2020: dict[str, int] = {}
        self.surveymonkey = ""

    def path(self, rel: str, origin: str, commit: str) -> Path:
        p = self.shared / rel
        self.sources.append(f"`{rel}` — {origin}, commit `{commit}` (sha256 {sha(p)}…)")
        return p

    def polls(self, year: int) -> pd.DataFrame:
        rel, origin, commit, facts = POLL_SOURCES[year]
        p = self.path(rel, origin, commit)
        raw = self.read_checked(year, p, facts)
        if "type" in raw.columns:
            shares = raw.groupby("question_id")[["rawpoll_clinton", "rawpoll_trump"]].nunique()
            same = bool((shares <= 1).all().all())
            self.check(same, f"{year}: raw shares identical in a poll's model-type copies")
        df = self.polls_2020(p) if year == 2020 else read_polls(p)
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

    def read_checked(self, year: int, p: Path, facts: dict[str, Any]) -> pd.DataFrame:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        self.check(len(raw) == facts["rows"], f"{year}: {len(raw):,} data rows read")
        if "raw_polls" in facts:
            n = raw.poll_id.nunique()
            self.check(n == facts["raw_polls"], f"{year}: {n:,} distinct poll ids in the file")
        if "end" in facts:
            end = pd.to_datetime(raw.get("enddate", raw.get("end_date")), format="mixed")
            got = (f"{end.min():%Y-%m-%d}", f"{end.max():%Y-%m-%d}")
            self.check(got == facts["end"], f"{year}: end dates {got[0]} … {got[1]}")
        return raw

    def polls_2020(self, thru_1021: Path) -> pd.DataFrame:
        """538's export of 2020-10-21 joined with the 11-column final file (merge_fte2020)."""
        rel, origin, commit, facts = FINAL_2020
        final = self.path(rel, origin, commit)
        self.read_checked(2020, final, facts)
        rows, n, fails = merge(thru_1021, final)
        self.failures += fails
        self.check(
            n["split_differs"] <= 2,
            f"2020: splitting questions by repeated answers reproduces 538's question_id "
            f"grouping in {n['split_agrees']:,} of the {n['split_checked']:,} polls both files "
            f"hold; the {n['split_differs']} others (e.g. {n['split_differs_first']}) differ in "
            "content, not in the split (a population relabelled, a question added later)",
        )
        self.merge_2020 = n
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fte_president_polls_2020_joined.csv"
            rows.to_csv(path, index=False, lineterminator="\n")
            df = read_polls(path, fmt="fte2020")
        st = df.attrs["stats"]
        st["rows"] = n["rows_38"] + n["rows_11"]
        for (unit, who, first, end), want in SPOT_2020_POLLS.items():
            got = df[
                (df.unit == unit)
                & (df.pollster == who)
                & (df.start_date == first)
                & (df.end_date == end)
            ]
            have = [
                (p, float(d), float(r))
                for p, d, r in zip(got.population, got.dem, got.rep, strict=True)
            ]
            self.check(
                have == [want],
                f"2020 spot check (SOURCES.md §9): {who}, {unit}, {first}..{end}: {have}",
            )
        self.surveymonkey = _surveymonkey(df)
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
        if year == 2020:
            n = self.merge_2020
            head = (
                f"**2020** (`{rel}` + `{FINAL_2020[0]}`, {n['rows_38']:,} + {n['rows_11']:,} "
                f"rows read, source tag `{df.source.iloc[0]}`): "
            )
            r.append(
                f"{n['polls_38']:,} polls taken whole from 538's export of 2020-10-21; "
                f"{n['polls_new']:,} polls only in the final file added from its 11 columns "
                f"({n['questions_new']:,} questions split where an answer, or a second "
                "candidate of one party, repeats or the population changes; candidate names "
                "and parties as 538 gives the same answer in the export); the 11 columns have "
                "no `methodology`, so their `mode` is carried forward from the same "
                "pollster's latest poll in the export for "
                f"{n['mode_carried']:,} polls and left empty for {n['mode_blank']} (pollsters "
                f"not in the export); {n['polls_new_ending_by_1020']} of those polls end by "
                "2020-10-20 but entered 538's file after 2020-10-21"
            )
        if "subpopulation_rows" in st:
            r.append(f"{st['subpopulation_rows']} sub-population rows dropped")
        if "model_type_copies" in st:
            r.append(
                f"{st['model_type_copies']:,} model copies dropped (each poll appears once per "
                "`type`; the `polls-only` copy is kept — raw shares are identical in all three)"
            )
        if "hypothetical_questions" in st:
            why = ", ".join(f"{k} {v:,}" for k, v in df.attrs.get("skipped", {}).items())
            r.append(
                f"{st['hypothetical_questions']:,} questions without both nominees dropped "
                f"(answers paired by `question_id`; by reason: {why})"
            )
        r.append(f"{st['other_population_versions']:,} versions for a less preferred population")
        r.append(f"{st['shorter_ballot_versions']:,} versions with a shorter ballot dropped")
        r.append(f"{st['versions_averaged']:,} tied versions averaged into their poll")
        if "pollster" in raw.columns and df.source.iloc[0].startswith("economist"):
            names = raw.pollster.astype(str)
            merged = pollster_name(names.str.strip())
            r.append(
                f"pollster spellings: {names.nunique()} in the file, {merged.nunique()} after "
                "normalising (version tags stripped, aliases merged)"
            )
        known = df.known_from.notna()
        if known.any():
            lag = (df.known_from - df.end_date).dt.days[known]
            r.append(
                f"`known_from` (the day 538 listed the poll) for {int(known.sum()):,} polls: "
                f"listed {lag.median():.0f} days after the poll ended at the median, "
                f"{lag.quantile(0.9):.0f} days at the 90th percentile, {int(lag.max())} at most"
            )
        else:
            r.append("`known_from` empty (the file records no entry date)")
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
    for col in ("start_date", "end_date", "known_from"):
        table[col] = table[col].dt.strftime("%Y-%m-%d").fillna("")
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
        "Rules (in `electoral.forecast.polls` and, for 538's answer-per-row files,",
        "`electoral.forecast.fte_polls`): national rows (`--`, `U.S.`, empty state) get",
        "unit `US`; districts (`Maine CD-2`, an Economist pollster tagged `(2nd CD Only)`) get",
        "`ME-2`; among the versions of one poll the loader keeps likely voters > registered",
        "voters > voters > adults, then the fullest ballot (most candidates named; where the",
        "file names none, the smallest Democratic + Republican total), and averages versions",
        "still tied (turnout models, question wordings).  Economist pollster spellings are",
        "merged by a table (`electoral.forecast.pollsters`).  `dem`/`rep` are raw shares of all",
        "respondents (538's adjusted shares are not used).  `known_from`: the first day the",
        "poll can be known from its source (see the caveats).",
        "",
    ]
    lines += b.rules
    lines += section("Checks passed", b.checks)
    lines += [
        "",
        "## Caveats",
        "",
        "- **2020 runs to 2020-11-02** (no poll ends on Election Day).  Polls ending after",
        "  2020-10-20 have only the 11 columns of the final file: their `mode` is inferred",
        "  (the pollster's latest method in the export -- a pollster that changed method",
        "  late is misread; empty when the pollster is not in the export, which a model may",
        "  read as unknown rather than as live phone), and their questions are split by the",
        "  rule above.  Polls of the 2020-10-21",
        "  export are taken as they were then: the final file later relabelled poll 70003's",
        "  population (lv -> v), added a registered-voter question to poll 71355, renamed 12",
        "  rows' pollster (Univision/University of Houston/... -> Univision/Latino Decisions/",
        "  North Star Opinion Research) and raised 6 SurveyMonkey tracking sample sizes",
        "  (SOURCES.md section 9).",
        "- **Release lag** (`known_from`): 538 listed many polls days, some months, after they",
        "  ended (counts above), so 'polls ending before D' includes polls nobody could read on",
        "  D.  `known_from` is 538's `createddate` (2016) / `created_at` (2020 export) as a",
        "  day.  For the 1,149 polls only in the 11-column final file it is a lower bound: the",
        "  later of the poll's end and 2020-10-21 (they were not in that day's export; among",
        "  them SurveyMonkey's 50-state release of 9/22-10/20 and five Civiqs Pennsylvania",
        "  polls of February-June).  Empty for 2008 and 2012 (no entry date in the files).",
        "- **SurveyMonkey** (2020: " + b.surveymonkey + ")",
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
        "- Tracking polls (overlapping releases of one panel) stay in the files, each release",
        "  as its own poll, so that an average as of any date can use the release current then;",
        "  the average keeps, per pollster and unit, the latest release and the earlier ones",
        "  that do not overlap a kept one (`electoral.forecast.average._drop_overlaps`).",
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
