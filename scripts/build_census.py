"""Build the 1790-1930 apportionment datasets from shared/data/census.

Run from the repository root:  python scripts/build_census.py [--shared ../shared/data]

Writes ``src/electoral/data/apportionment_1790_1930.csv`` (one row per state and census:
seats, apportionment population where there is one, what kind of figure it is and how well
verified), ``src/electoral/data/apportionment_acts.csv`` (one row per act, admission or
transfer of seats, normalised: postal codes, the state a transfer came from, ISO dates) and
``APPORTIONMENT_PROVENANCE.md`` beside them.  Checks that must hold (seats summing to each
act's House size, running totals, populations against the published bases) stop the build.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from _build import Log, arguments, run, section, sha, start  # noqa: E402
from build_data import code_of  # noqa: E402

SEATS = "census/apportionment_1790_1930.csv"
ACTS = "census/apportionment_acts.csv"

#: Published apportionment-population bases of the censuses with official figures, rounded
#: to thousands (R. Davidson & W. Oleszek, "Congress and Its Members", table at
#: spot.colorado.edu/~mcguire/SIZEHOUS.html, as quoted in shared/data/SOURCES.md section
#: 10).  The derived censuses (1800, 1810, 1840, 1850, 1860) are not checked against
#: theirs: their figures are today's revised counts (SOURCES.md gives the excess).
PUBLISHED_BASES = {
    1790: 3_616_000,
    1820: 8_972_000,
    1830: 11_931_000,
    1870: 38_116_000,
    1880: 49_371_000,
    1900: 74_563_000,
}
#: Population keys of the source: official figures (R package apportR, via the MAA
#: Convergence series) and the one figure derived here from today's census tables.
OFFICIAL = ("AR",)
DERIVED = ("DW",)
#: The transfers: the state that gave the seats (not a column of the source).
TRANSFERRED_FROM = {"ME": "MA", "WV": "VA"}
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_NOTE = re.compile(r"state=([^;]+); seats=(\d+)")


def population_kind(source: str) -> str:
    keys = source.split("pop=")[1].split("|") if "pop=" in source else []
    if any(k in OFFICIAL for k in keys):
        return "official"
    if any(k in DERIVED for k in keys):
        return "derived"
    return ""


def seats_table(raw: pd.DataFrame, log: Log) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "census": raw.census.astype(int),
            "state": raw.state.map(code_of),
            "population": raw.apportionment_population.astype("Int64"),
            "population_kind": [population_kind(str(s)) for s in raw.source],
            "seats": raw.seats.astype(int),
            "verified": raw.verified,
            "source": raw.source,
        }
    )
    log.corrections.append(
        f"`{SEATS}`: state names mapped to postal codes; `population_kind` added from the "
        "`source` keys: official where the figure is apportR's (AR; 1790, 1820, 1830, 1870, "
        "1880, 1900), derived where it is total less 2/5 of the enslaved computed from "
        "today's census tables (DW; 1800, 1810, 1840, 1850, 1860), empty where there is none "
        "(1890, 1930); `verified` and `source` kept as they are"
    )
    has = out.population.notna()
    log.check(
        bool(((out.population_kind != "") == has).all()),
        "a population_kind exactly where there is a population",
    )
    log.check(
        bool((out.population[has] > 0).all()) and bool((out.seats >= 1).all()),
        "every population positive, every state at least one seat",
    )
    log.check(not bool(out.duplicated(["census", "state"]).any()), "one row per state and census")
    log.open_issues.append(
        "censuses 1800, 1810, 1840, 1850, 1860: the populations are derived (total less 2/5 "
        "of the enslaved, from today's revised counts on present boundaries, Indians not "
        "taxed not removed), not the official apportionment figures; per SOURCES.md their "
        "totals exceed the published bases by about 2.6k, 7.9k, 9.8k, 0.7k and 17.8k. "
        "Used to check the methods, never shown as official counts"
    )
    for c, want in PUBLISHED_BASES.items():
        got = int(out.population[out.census == c].sum())
        gap = got - want
        kind = set(out.population_kind[out.census == c])
        line = f"census {c}: states' populations sum to {got:,}; published base {want:,}"
        if abs(gap) < 1_000 or (c == 1880 and got == 49_371_340):
            log.check(True, line + " (equal to the thousand)")
        else:
            log.open_issues.append(
                f"{line} (difference {gap:+,}; {'/'.join(sorted(kind))} figures). "
                + "The state short is not identified (SOURCES.md section 10)"
            )
    return out.sort_values(["census", "state"]).reset_index(drop=True)


def acts_table(raw: pd.DataFrame, log: Log) -> pd.DataFrame:
    rows = []
    for r in raw.itertuples(index=False):
        act = str(r.act)
        notes = "" if pd.isna(r.notes) else str(r.notes)
        m = _NOTE.match(notes)
        if act.startswith("Admission of"):
            kind = "admission"
        elif "transferred" in act:
            kind = "transfer"
        else:
            kind = "act"
        state = code_of(m.group(1)) if m else ""
        d = _DATE.search(act)
        rows.append(
            {
                "census": int(r.census),
                "kind": kind,
                "date": d.group(1) if d else "",
                "state": state,
                "from_state": TRANSFERRED_FROM.get(state, "") if kind == "transfer" else "",
                "seats": int(m.group(2)) if m else "",
                "house_size": int(r.house_size),
                "ratio": "" if pd.isna(r.ratio) else int(r.ratio),
                "act": act,
                "method": str(r.method),
                "notes": notes,
                "source": str(r.source),
            }
        )
    out = pd.DataFrame(rows)
    log.corrections.append(
        f"`{ACTS}`: each row typed as act, admission or transfer; the state and seats of "
        "admissions and transfers read from `notes` ('state=<name>; seats=<n>') into "
        "`state` (postal code) and `seats`; the date from the row's title; `from_state` "
        "added for the two transfers (Maine from Massachusetts, 1820; West Virginia from "
        "Virginia, 1863); everything else as the source has it"
    )
    changes = out[out.kind != "act"]
    log.check(
        bool((changes.state != "").all()) and bool((changes.date != "").all()),
        f"each of the {len(changes)} admissions and transfers names a state, seats and a date",
    )
    return out


def check_totals(seats: pd.DataFrame, acts: pd.DataFrame, log: Log) -> None:
    """Seats sum to each act's House size; the running totals follow the admissions."""
    for c, g in acts.groupby("census"):
        act = g[g.kind == "act"]
        if int(str(c)) == 1910:
            continue  # context row only; the 1910 states are in apportionment.csv
        size = int(act.house_size.iloc[0])
        got = int(seats.seats[seats.census == c].sum())
        log.check(got == size, f"census {c}: the states' seats sum to the act's {size}")
        running = size
        for r in g[g.kind != "act"].itertuples(index=False):
            running += int(r.seats) if r.kind == "admission" else 0
            log.check(
                running == int(r.house_size),
                f"census {c}: after {r.act}, the House has {r.house_size} seats",
            )


def check_electors(log: Log) -> None:
    """With the files written: the electors that the law (``rules.census_law``) gives every
    election equal the packaged record (``electors.csv``); a disagreement is an open issue,
    not a failure: the record stays the check, and the finding is listed."""
    sys.path.insert(0, str(ROOT / "src"))
    from electoral.data import electors
    from electoral.rules.census_law import electors_by_law
    from electoral.rules.eras import election_years

    years = election_years(2024)
    bad = []
    for y in years:
        law, rec = dict(electors_by_law(y).electors), electors(y)
        bad += [f"{y} {st}: law {law.get(st)}, record {rec.get(st)}"
                for st in sorted(set(law) | set(rec)) if law.get(st) != rec.get(st)]  # fmt: skip
    if bad:
        log.open_issues.append("electors from the law differ from electors.csv: " + "; ".join(bad))
    else:
        n = sum(len(electors(y)) for y in years)
        log.check(
            True,
            f"electors from the law (census seats + admissions and transfers + 2, DC 3 from "
            f"1964; states in rebellion 1864-68 and before ratification 1789 without) equal "
            f"electors.csv in all {n} state-elections of {years[0]}-{years[-1]}",
        )


def provenance(log: Log, files: dict[str, pd.DataFrame]) -> str:
    what = {
        "apportionment_1790_1930.csv": "a state's seats under a census's apportionment, "
        "1790-1900 and 1930, with its apportionment population where there is one "
        "(`population_kind`: official or derived) and how well the row is verified",
        "apportionment_acts.csv": "an apportionment act, or a change to it before the next "
        "census: a state's admission with its statutory seats, or a transfer of seats",
    }
    lines = [
        "# Provenance of the 1790-1930 apportionment datasets",
        "",
        "Generated by `scripts/build_census.py` from `shared/data/census` (its compiled",
        "sources, with the government tables, statutes and packages behind each figure, are",
        "in `shared/data/SOURCES.md`, section 10).  Do not edit the CSV files by hand.",
        "",
        "| file | rows | what one row is |",
        "|---|---|---|",
    ]
    lines += [f"| `{n}` | {len(df)} | {what[n]} |" for n, df in files.items()]
    lines += section("Sources read", log.sources)
    lines += section("Normalisation", log.corrections)
    lines += section("Checks passed", log.checks)
    lines += section("Known disagreements left open", log.open_issues)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    out = start(args, "APPORTIONMENT_PROVENANCE.md")
    log = Log()

    def read(rel: str) -> pd.DataFrame:
        path = args.shared / rel
        log.sources.append(f"`{rel}` (sha256 {sha(path)}…)")
        return pd.read_csv(path)

    seats = seats_table(read(SEATS), log)
    acts = acts_table(read(ACTS), log)
    check_totals(seats, acts, log)
    if log.failures:
        print("\n".join(log.failures), file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1
    files = {"apportionment_1790_1930.csv": seats, "apportionment_acts.csv": acts}
    for name, df in files.items():
        df.to_csv(out / name, index=False, lineterminator="\n")
    check_electors(log)
    (out / "APPORTIONMENT_PROVENANCE.md").write_text(provenance(log, files))
    print(
        f"wrote {len(files)} datasets to {out}; {len(log.checks)} checks "
        f"passed, {len(log.open_issues)} open disagreements"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
