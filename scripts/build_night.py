"""Build the election-night datasets (src/electoral/data/night_*.csv) from shared/data.

Run from the repository root:  python scripts/build_night.py [--shared ../shared/data]

Writes, beside the other packaged data:

- ``night_2020.csv``: every count update of Election Night 2020 and after, in the documented
  long format of :mod:`electoral.confirmation.series` (state, timestamp with its zone,
  candidate, cumulative votes, total votes, the published expected-vote share where the page
  showed one, the rounding error of the votes, and the source of the row);
- ``night_prior_2020.csv``: the project's own forecast of each unit's margin as of
  2020-11-02 (polls that ended before that day; the day before Election Day);
- ``night_counting.csv``: how states counted mail ballots in 2020 (a small cited table,
  ``scripts/transcribed/mail_counting_2020.csv``);
- ``NIGHT_PROVENANCE.md``: sources, the join, every check, what was dropped and why.

The snapshots' ``votes_remaining_estimate`` column was computed by the scraper with hindsight
(NYT's *latest* expected vote minus the votes then); it is dropped here and never packaged.
Nothing is written if a check fails.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _build import DATA, arguments, run, sha, start  # noqa: E402
from electoral.states import state_codes  # noqa: E402

TRANSCRIBED = ROOT / "scripts" / "transcribed" / "mail_counting_2020.csv"
RACE = "confirmation/election_night_2020_nyt_race_page_timeseries.csv"
SNAP = "confirmation/election_night_2020_nyt.csv"
BIDEN, TRUMP = "Joe Biden", "Donald Trump"
#: The column of the snapshots computed with hindsight: never packaged.
HINDSIGHT = "votes_remaining_estimate"
#: The forecast used as the pre-election prior: polls that ended before this day.
PRIOR_AS_OF = dt.date(2020, 11, 2)
COLUMNS = ["state", "timestamp", "candidate", "votes", "total_votes", "eevp_pct"]
COLUMNS += ["votes_error", "source"]


class CheckFailed(Exception):
    pass


def check(ok: bool, message: str, log: list[str]) -> None:
    if not ok:
        raise CheckFailed(message)
    log.append(message)


def race_rows(race: pd.DataFrame, cut: pd.Series, log: list[str]) -> pd.DataFrame:
    """The race page's entries before each state's first exact snapshot."""
    t = pd.to_datetime(race.timestamp_utc, utc=True)
    keep = t < race.state.map(cut)
    r = race[keep].copy()
    # Shares have 3 decimals: each estimate is within 0.0005 x total (+ 0.5 for the rounding
    # of the product) of the true count.
    for share, est in (("biden_share", "biden_votes_est"), ("trump_share", "trump_votes_est")):
        off = (r[share] * r.total_votes - r[est]).abs()
        msg = f"race page: {est} = round({share} x total) on every row"
        check(bool((off <= 1).all()), msg, log)
    r["votes_error"] = np.ceil(0.0005 * r.total_votes + 0.5).astype("int64")
    r["source"] = "nyt_race_page"
    r["eevp"] = r.eevp_pct.astype("Int64")
    log.append(
        f"race page: {len(r):,} of {len(race):,} entries are before the first exact snapshot "
        "of their state and are used; the later ones are replaced by the exact snapshots"
    )
    return r.rename(
        columns={"timestamp_utc": "timestamp", "biden_votes_est": "b", "trump_votes_est": "t"}
    )


def snapshot_rows(snap: pd.DataFrame, race: pd.DataFrame, log: list[str]) -> pd.DataFrame:
    """The exact snapshots, with the race page's eevp where the page showed the same count."""
    s = snap.drop(columns=[HINDSIGHT]).copy()
    s["t_"] = pd.to_datetime(s.timestamp_utc, utc=True, format="ISO8601")
    r = race[["state", "timestamp_utc", "total_votes", "eevp_pct"]].copy()
    r["t_"] = pd.to_datetime(r.timestamp_utc, utc=True)
    parts = []
    for st, g in s.sort_values("t_").groupby("state", sort=True):
        page = r[r.state == st].sort_values("t_")
        if page.empty:
            g = g.assign(eevp=pd.array([pd.NA] * len(g), dtype="Int64"))
        else:
            m = pd.merge_asof(
                g,
                page[["t_", "total_votes", "eevp_pct"]].rename(columns={"total_votes": "page"}),
                on="t_",
                direction="backward",
            )
            same = m.page == m.total_votes
            g = g.assign(eevp=pd.array(m.eevp_pct.where(same).to_numpy(), dtype="Int64"))
        parts.append(g)
    out = pd.concat(parts, ignore_index=True)
    n = int(out.eevp.notna().sum())
    log.append(
        f"snapshots: `{HINDSIGHT}` dropped (computed with hindsight); eevp_pct attached to "
        f"{n:,} of {len(out):,} snapshots, those whose total equals the race page's latest "
        "entry at or before the snapshot (the same update, as published then); empty otherwise"
    )
    out["votes_error"] = 0
    out["source"] = "nyt_snapshot"
    return out.drop(columns=["t_"]).rename(
        columns={"timestamp_utc": "timestamp", "biden_votes": "b", "trump_votes": "t"}
    )


def long_format(wide: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for cand, col in ((BIDEN, "b"), (TRUMP, "t")):
        part = wide[["state", "timestamp", "total_votes", "eevp", "votes_error", "source"]].copy()
        part["candidate"] = cand
        part["votes"] = wide[col].astype("int64")
        rows.append(part)
    out = pd.concat(rows, ignore_index=True).rename(columns={"eevp": "eevp_pct"})
    out["_t"] = pd.to_datetime(out.timestamp, utc=True, format="ISO8601")
    out["_c"] = out.candidate.map({BIDEN: 0, TRUMP: 1})
    out = out.sort_values(["state", "_t", "_c"], kind="stable").drop(columns=["_t", "_c"])
    return out[COLUMNS].reset_index(drop=True)


def build_series(shared: Path, log: list[str]) -> pd.DataFrame:
    race = pd.read_csv(shared / RACE)
    snap = pd.read_csv(shared / SNAP)
    check(HINDSIGHT in snap.columns, f"snapshots carry the hindsight column `{HINDSIGHT}`", log)
    states = state_codes()
    check(set(race.state) == states - {"DC"}, "race page: the 50 states, no DC", log)
    check(set(snap.state) <= states, "snapshots: every state a postal code", log)
    cut = snap.groupby("state").timestamp_utc.min().map(pd.Timestamp)
    first = sorted(set(cut))
    check(len(first) == 1, f"snapshots: one first timestamp for every state ({first[0]})", log)
    # The join: at the first snapshot the race page's latest entry has the same total.
    race_t = pd.to_datetime(race.timestamp_utc, utc=True)
    last_page = race[race_t < race.state.map(cut)].groupby("state").total_votes.last()
    first_snap = snap.sort_values("timestamp_utc").groupby("state").total_votes.first()
    same = (last_page == first_snap.reindex(last_page.index)).all()
    check(
        bool(same),
        "join: the race page's last total before the snapshots = the first "
        "snapshot's total, in all 50 states",
        log,
    )
    wide = pd.concat([race_rows(race, cut, log), snapshot_rows(snap, race, log)], ignore_index=True)
    wide = wide[wide.state != "DC"] if "DC" not in set(race.state) else wide
    log.append(
        "DC: the race page has no DC, so DC has no Election-Night series; its snapshots "
        "(from the morning after) are left out too, and the nowcast does not call DC"
    )
    for col in ("b", "t", "total_votes"):
        check(bool((wide[col] >= 0).all()), f"{col}: no negative count", log)
    check(bool((wide.b + wide.t <= wide.total_votes).all()), "Biden + Trump <= total", log)
    e = wide.eevp.dropna()
    check(bool(((e >= 0) & (e <= 100)).all()), "eevp_pct within 0-100", log)
    # Seconds, rounded up (a snapshot's milliseconds never move it earlier than it was).
    wide["_t"] = pd.to_datetime(wide.timestamp, utc=True, format="ISO8601").dt.ceil("s")
    wide["timestamp"] = wide["_t"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    wide = wide.sort_values(["state", "_t"], kind="stable")
    dup = wide.duplicated(["state", "_t"]).sum()
    check(dup == 0, "one row per state and timestamp", log)
    drops = wide.groupby("state").total_votes.diff() < 0
    log.append(
        f"{int(drops.sum())} updates lower a state's total (the page corrected itself); kept "
        "as published: the nowcast takes the latest value and reports the corrections"
    )
    return long_format(wide.drop(columns=["_t"]))


def check_final(series: pd.DataFrame, log: list[str]) -> None:
    """The last row per state against the certified returns (MEDSL, packaged)."""
    ret = pd.read_csv(DATA / "returns.csv")  # the packaged record (build_data.py)
    ret = ret[ret.year == 2020]
    last = series.assign(_t=pd.to_datetime(series.timestamp, utc=True, format="ISO8601"))
    last = last[last._t == last.groupby("state")._t.transform("max")]
    worst = 0.0
    for st, cand, votes in last[["state", "candidate", "votes"]].itertuples(index=False):
        cert = ret[(ret.state == st) & (ret.candidate == cand)].votes
        check(len(cert) == 1, f"certified 2020 votes for {cand} in {st}", [])
        worst = max(worst, abs(votes - int(cert.iloc[0])) / int(cert.iloc[0]))
    check(
        worst < 0.005,
        f"last row per state within {worst:.3%} of the certified 2020 votes "
        "(returns.csv) for Biden and Trump in every state",
        log,
    )


def build_prior(log: list[str]) -> pd.DataFrame:
    from electoral.data.polls import polls
    from electoral.forecast.forecaster import ForecastModel

    # training="past" (the default): every fitted quantity from elections before 2020.
    fit = ForecastModel().fit(polls(2020), year=2020, as_of=PRIOR_AS_OF)
    m = fit.model_
    check(max(fit.swing_.years_) < 2020, "prior: the forecast's swing model uses years < 2020", log)
    log.append(
        f"prior: `electoral forecast --year 2020 --as-of {PRIOR_AS_OF}` (polls ended before "
        f"{PRIOR_AS_OF}; the packaged polls end {fit.effective_as_of_ - dt.timedelta(days=1)}); "
        "margin = (Biden - Trump) / all votes, mean and standard deviation of its Student-t "
        f"(df {m.df:g})"
    )
    return pd.DataFrame(
        {
            "year": 2020,
            "state": list(m.units),
            "first": m.dem,
            "second": m.rep,
            "margin_mean": np.round(m.mean, 5),
            "margin_sd": np.round(m.sd, 5),
            "as_of": PRIOR_AS_OF.isoformat(),
        }
    )


def build_counting(log: list[str]) -> pd.DataFrame:
    df = pd.read_csv(TRANSCRIBED)
    check(set(df.state) <= state_codes(), "counting: every state a postal code", log)
    ok = {"late_mail", "early_mail_first"}
    check(set(df.practice) <= ok, f"counting: practice one of {sorted(ok)}", log)
    check(bool(df.source.str.len().gt(0).all()), "counting: every row cites its law", log)
    return df


def provenance(log: list[str], shared: Path, series: pd.DataFrame) -> str:
    n_states = series.state.nunique()
    lines = [
        "# Provenance of the election-night datasets",
        "",
        "Generated by `scripts/build_night.py` from `shared/data` (SOURCES.md section 8).",
        "",
        "## night_2020.csv — every count update, Election Night 2020 to 2021-01-05",
        "",
        f"- `{RACE}` (sha256 {sha(shared / RACE)}…): NYT race-page `timeseries` "
        "(snichols/election2020 @ e23e9e2a57e91d8e8eaa17594313e7b603a27b1d), every count "
        "update since the polls closed, two-candidate shares to 3 decimals.",
        f"- `{SNAP}` (sha256 {sha(shared / SNAP)}…): NYT results-page snapshots "
        "(alex/nyt-2020-election-scraper @ ba249bc68b533b160398dcf1d21641c2f80920ca) from "
        "2020-11-04T13:28:22Z, exact Biden/Trump votes.",
        "- Join: the race page up to each state's first snapshot (2020-11-04T13:28:22.084Z), "
        "the snapshots after (SOURCES.md: same totals at the join; checked below).",
        f"- Format: long, one row per state, timestamp and candidate ({len(series):,} rows, "
        f"{n_states} states); `timestamp` is ISO-8601 UTC with its zone (`Z`); `votes` "
        "cumulative; `total_votes` all candidates; `eevp_pct` NYT's estimated share of the "
        "expected vote as published with that update (empty where not published); "
        "`votes_error` the largest error of `votes` from rounding; `source` `nyt_race_page` "
        "or `nyt_snapshot`.",
        "- **Rounding**: the race page gives shares to 3 decimals, so its `votes` are "
        "share x total rounded, within **±0.05 % of the total** (`votes_error` = "
        "ceil(0.0005 x total + 0.5)); the snapshots are exact (`votes_error` 0). The "
        "nowcast adds this rounding to its uncertainty.",
        f"- **Hindsight column dropped**: the snapshots' `{HINDSIGHT}` is NYT's *latest* "
        "expected vote minus the votes at the snapshot, computed by the scraper afterwards; "
        "it is not packaged and nothing reads it.",
        "- Missing: DC (no race page); Maine's and Nebraska's districts (statewide counts "
        "only); counts before the first update of each state; the race page's updates that "
        "the snapshot scraper missed after 13:28Z (the series is coarser there).",
        "",
        "Checks (all hold, or nothing is written):",
        "",
    ]
    lines += [f"- {m}" for m in log]
    lines += [
        "",
        "## night_prior_2020.csv — the pre-election prior",
        "",
        "The project's own forecast (src/electoral/forecast) of every unit's margin, fitted "
        f"at build time on the packaged 2020 polls that ended before {PRIOR_AS_OF} and the "
        "swings of 1980-2016: information available before Election Day only.",
        "",
        "## night_counting.csv — how states counted mail ballots in 2020",
        "",
        "Transcribed in `scripts/transcribed/mail_counting_2020.csv`, one row per state with "
        "the statute cited; `late_mail`: mail could not be processed before Election Day (or "
        "late-arriving mail was valid), so mail, which leaned Democratic in 2020, was counted "
        "after the in-person vote; `early_mail_first`: mail was processed beforehand and "
        "reported first. States not listed have no prior on the order of their count. The "
        "citations were written from the statutes' known text; the pages were not re-read "
        "while building (verified: not re-read).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    out = start(args, "NIGHT_PROVENANCE.md")
    log: list[str] = []
    try:
        series = build_series(args.shared, log)
        check_final(series, log)
        prior = build_prior(log)
        counting = build_counting(log)
    except CheckFailed as exc:
        print(f"check failed, nothing written: {exc}", file=sys.stderr)
        return 1
    series.to_csv(out / "night_2020.csv", index=False, lineterminator="\n")
    prior.to_csv(out / "night_prior_2020.csv", index=False, lineterminator="\n")
    counting.to_csv(out / "night_counting.csv", index=False, lineterminator="\n")
    (out / "NIGHT_PROVENANCE.md").write_text(provenance(log, args.shared, series), encoding="utf-8")
    print(
        f"night_2020.csv: {len(series):,} rows; prior {len(prior)} units; counting "
        f"{len(counting)} states"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
