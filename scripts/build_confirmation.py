"""Build the confirmation-period datasets from the public files in shared/data/confirmation.

Run from the repository root:  python scripts/build_confirmation.py [--shared ../shared/data]

Writes under ``src/electoral/data/``:

* ``media_calls.csv``     one row per desk's call of a state or the presidency (2016-2024);
* ``certification.csv``   one row per state and year (2016/2020/2024): deadline, date certified;
* ``recount_law.csv``     one row per state and year in force (2020, 2024): recount triggers;
* ``milestones.csv``      federal and national milestones, 2000-2024;
* ``CONFIRMATION_PROVENANCE.md``  what each column means, every correction, what is missing.

Written into the package, every output is then loaded back through the package's own loaders
(``electoral.data.confirmation``), so a file that would not load fails the build (it is already
written by then); a build into another folder is compared byte for byte by
``build_all.py --check``.  The election-night time series are not packaged here (the nowcast's
build does that).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _build import DATA, arguments, run  # noqa: E402
from _build import start as begin  # noqa: E402
from electoral.data import confirmation as conf  # noqa: E402

TRANSCRIBED = ROOT / "scripts" / "transcribed" / "recounts_held.csv"

#: Corrections: (file, key, column, old, new, why).  Applied only when the cell holds ``old``,
#: so a corrected upstream file makes the build fail loudly instead of silently re-correcting.
CORRECTIONS: list[tuple[str, tuple[str, ...], str, str, str, str]] = [
    (
        "recount_law.csv",
        ("2020", "AZ"),
        "automatic_vote_limit",
        "",
        "200",
        "the row's own trigger text and note (and azfamily 2020-11-06) give 'the lesser of 0.1% of "
        "the votes for the top two or 200 votes'; the limit columns were left empty",
    ),
    (
        "recount_law.csv",
        ("2020", "AZ"),
        "automatic_vote_limit_rule",
        "",
        "lesser_of",
        "as above (A.R.S. 16-661 before the 2022 amendment)",
    ),
]
#: Cells the trigger text fills where the limit columns were left empty (same rule as above).
for _year in ("2020", "2024"):
    CORRECTIONS += [
        (
            "recount_law.csv",
            (_year, "CT"),
            "automatic_vote_limit",
            "",
            "2000",
            "trigger text and note: 0.5% of the votes 'but not more than 2,000 votes' (both must "
            "hold); the '< 20 votes' recanvass only matters below 4,000 votes cast",
        ),
        (
            "recount_law.csv",
            (_year, "CT"),
            "automatic_vote_limit_rule",
            "",
            "and_also_below",
            "as above",
        ),
        (
            "recount_law.csv",
            (_year, "DE"),
            "requested_vote_limit",
            "",
            "1000",
            "trigger text and note: 'the lesser of 1,000 votes or 0.5%'",
        ),
        (
            "recount_law.csv",
            (_year, "DE"),
            "requested_vote_limit_rule",
            "",
            "lesser_of",
            "as above",
        ),
    ]


def _read(shared: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(shared / "confirmation" / name, dtype=str, keep_default_na=False)


def _apply(name: str, df: pd.DataFrame, keys: list[str], log: list[str]) -> pd.DataFrame:
    for file, key, col, old, new, why in CORRECTIONS:
        if file != name:
            continue
        hit = pd.Series(True, index=df.index)
        for k, v in zip(keys, key, strict=False):
            hit &= df[k] == v
        hit &= df[col] == old
        if int(hit.sum()) != 1:
            raise SystemExit(
                f"correction {name} {key} {col}: expected one row holding the old value"
            )
        df.loc[hit, col] = new
        log.append(f"`{name}` {'/'.join(key)} `{col}`: `{old}` -> `{new}` -- {why}")
    return df


def _utc_from_et(et: str) -> str:
    stamp = dt.datetime.fromisoformat(et)
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def media_calls(shared: Path, log: list[str]) -> pd.DataFrame:
    df = _read(shared, "media_calls.csv")
    df = _apply("media_calls.csv", df, ["year", "unit", "desk"], log)
    has_time = df.called_at_utc != ""
    # the UTC column must be the ET column converted; check every row that has both.
    for i in df.index[has_time]:
        want = _utc_from_et(df.at[i, "called_at_et"])
        if want != df.at[i, "called_at_utc"]:
            raise SystemExit(f"media_calls line {i + 2}: UTC {df.at[i, 'called_at_utc']} != {want}")
    # the Eastern calendar date of the call, always known (date-only rows hold only a date).
    df["called_date_et"] = df.called_at_et.str.slice(0, 10)
    out = df[
        [
            "year",
            "unit",
            "winner",
            "desk",
            "called_at_utc",
            "called_date_et",
            "time_precision",
            "verified",
            "source",
            "notes",
        ]
    ]
    return out.sort_values(
        ["year", "unit", "called_date_et", "called_at_utc", "desk"], kind="stable"
    )


def certification(shared: Path, log: list[str]) -> pd.DataFrame:
    df = _read(shared, "certification.csv")
    df = _apply("certification.csv", df, ["year", "state"], log)
    parts = df.notes.str.split(" | ", regex=False)

    def pick(items: list[str], tag: str) -> str:
        for item in items:
            if item.startswith(tag + ": "):
                return item[len(tag) + 2 :]
        return ""

    unlabelled = [
        (i, n)
        for i, n in zip(df.index, df.notes, strict=True)
        if n and not n.startswith(("deadline: ", "certified: "))
    ]
    if unlabelled:
        raise SystemExit(
            f"certification notes without a deadline:/certified: label: {unlabelled[:1]}"
        )
    df["deadline_notes"] = [pick(p, "deadline") for p in parts]
    df["certified_notes"] = [pick(p, "certified") for p in parts]
    no_deadline = df.deadline_notes.str.startswith("no statutory deadline")
    df["deadline_kind"] = "unknown"
    df.loc[df.certification_deadline != "", "deadline_kind"] = "date"
    df.loc[no_deadline & (df.certification_deadline == ""), "deadline_kind"] = "none"
    out = df[
        [
            "year",
            "state",
            "certification_deadline",
            "deadline_kind",
            "deadline_source",
            "deadline_verified",
            "deadline_notes",
            "certified_date",
            "certified_on_or_before",
            "certifying_body",
            "certified_source",
            "certified_verified",
            "certified_notes",
        ]
    ]
    return out.sort_values(["year", "state"], kind="stable")


def recount_law(shared: Path, log: list[str]) -> pd.DataFrame:
    df = _read(shared, "recount_law.csv")
    df = _apply("recount_law.csv", df, ["year_in_force", "state"], log)
    df = df.rename(
        columns={
            "automatic_threshold_value_pct_or_votes": "automatic_threshold_value",
            "requested_threshold_value_pct_or_votes": "requested_threshold_value",
        }
    )
    # TX: the requested kind is empty upstream ("margin conditions not stated"): no margin
    # rule is known, which the vocabulary spells ``unknown``.
    blank = df.requested_threshold_kind == ""
    for i in df.index[blank]:
        log.append(
            f"`recount_law.csv` {df.at[i, 'year_in_force']}/{df.at[i, 'state']} "
            "`requested_threshold_kind`: empty -> `unknown` (the sources read state a "
            "requested recount exists but no margin condition; SOURCES.md: 'Not found: TX "
            "requested-recount margin')"
        )
    df.loc[blank, "requested_threshold_kind"] = "unknown"
    df["requested_available"] = [
        "no" if any(p in t.lower() for p in _NO_REQUEST) else "yes" for t in df.requested_trigger
    ]
    df["request_payer"] = [_payer(t) for t in df.who_pays]
    df["request_free_below_pct"] = [_free_below(t) for t in df.who_pays]
    cols = [c for c in df.columns if c not in ("who_pays", "source", "verified", "notes")]
    return df[[*cols, "who_pays", "verified", "source", "notes"]].sort_values(
        ["year_in_force", "state"], kind="stable"
    )


#: Trigger texts that mean a candidate cannot ask for a recount of the presidential race
#: (or only for one that cannot change the result).
_NO_REQUEST = (
    "no requested recount",
    "no recount statute",
    "no statutory requested recount",
    "no general requested recount",
    "president and congress not listed",
    "federal/presidential office not listed",
    "presidential not stated",
    "only within an election contest",
    "discovery recount",
)
_FREE = re.compile(
    r"(?:\bstate\b|free|taxpayer-funded|localities|unless margin)[^;]*?(\d+(?:\.\d+)?)\s*%"
)


def _free_below(text: str) -> str:
    """The margin (percent) under which a requested recount is free, where the text says so."""
    m = _FREE.search(text.lower())
    return m.group(1) if m else ""


def _payer(text: str) -> str:
    """Who pays a requested recount outside any free margin: public, requester or unknown."""
    t = text.lower()
    if not t or t.startswith("not specified"):
        return "unknown"
    part = t.split("requested:", 1)[1] if "requested:" in t else t
    part = part.split("demanded:", 1)[1] if "demanded:" in part else part
    if (
        "otherwise" not in part
        and "candidate if" not in part
        and part.startswith(("public", "state"))
    ):
        return "public"
    if any(w in part for w in ("requester", "petitioner", "candidate", "petition:")):
        return "requester"
    return "unknown"


def milestones(shared: Path, log: list[str]) -> pd.DataFrame:
    df = _read(shared, "confirmation_milestones.csv")
    df = _apply("confirmation_milestones.csv", df, ["year", "milestone"], log)
    for i in df.index[df.datetime_et != ""]:
        want = _utc_from_et(df.at[i, "datetime_et"])
        if want != df.at[i, "datetime_utc"]:
            raise SystemExit(f"milestones line {i + 2}: UTC {df.at[i, 'datetime_utc']} != {want}")
        if df.at[i, "datetime_et"][:10] != df.at[i, "date"]:
            raise SystemExit(f"milestones line {i + 2}: date differs from the ET time")
    out = df[["year", "milestone", "date", "datetime_utc", "verified", "source", "notes"]]
    return out.sort_values(["year", "date", "milestone"], kind="stable")


def recounts_held(log: list[str]) -> pd.DataFrame:
    """Recounts (and GA's 2020 full hand audit) that took place: transcribed, one per row."""
    df = pd.read_csv(TRANSCRIBED, dtype=str, keep_default_na=False)
    log.append(
        f"`recounts_held.csv`: {len(df)} rows transcribed from `scripts/transcribed/"
        "recounts_held.csv` (no recount list in shared/data)"
    )
    return df.sort_values(["year", "state", "began"], kind="stable")


def _kept(df: pd.DataFrame) -> str:
    """How many rows keep a DISAGREEMENT note, and the rows per ``verified`` value."""
    notes = df[[c for c in df.columns if "notes" in c]].astype(str).agg(" ".join, axis=1)
    parts = [f"{int(notes.str.contains('DISAGREEMENT').sum())} with a DISAGREEMENT note"]
    for col in [c for c in df.columns if c.endswith("verified")]:
        counts = df[col][df[col] != ""].value_counts().sort_index()
        parts.append(f"`{col}`: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "; ".join(parts)


def _write(df: pd.DataFrame, out: Path, name: str) -> int:
    path = out / name
    df.to_csv(path, index=False, lineterminator="\n")
    return len(df)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args(argv)
    out = begin(args, "CONFIRMATION_PROVENANCE.md")
    log: list[str] = []
    frames = {
        "media_calls.csv": media_calls(args.shared, log),
        "certification.csv": certification(args.shared, log),
        "recount_law.csv": recount_law(args.shared, log),
        "milestones.csv": milestones(args.shared, log),
        "recounts_held.csv": recounts_held(log),
    }
    counts = {name: _write(df, out, name) for name, df in frames.items()}
    if out.resolve() == DATA.resolve():
        # load them back through the package loaders: a file that does not validate fails here
        # (a build elsewhere is compared with these files byte for byte: build_all.py --check).
        conf.clear_caches()
        conf.media_calls()
        conf.certification()
        conf.recount_law()
        conf.milestones()
        conf.recounts_held()
    prov = out / "CONFIRMATION_PROVENANCE.md"
    # the hand-written parts of the provenance stay; the build fills in the corrections
    text = (DATA / "CONFIRMATION_PROVENANCE.md").read_text(encoding="utf-8")
    start, end = "<!-- corrections:start -->", "<!-- corrections:end -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    body = "\n".join(f"- {line}" for line in log) or "- none"
    rows = "\n".join(f"- `{n}`: {c} rows; {_kept(frames[n])}" for n, c in counts.items())
    prov.write_text(
        f"{head}{start}\n{body}\n\nRows written:\n{rows}\n{end}{tail}", encoding="utf-8"
    )
    for n, c in counts.items():
        print(f"{n}: {c} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
