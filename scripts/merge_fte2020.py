"""Join 538's two partial 2020 poll files into one 538-format file through Election Day.

SOURCES.md section 9: ``fte_president_polls_2020_thru_2020-10-21.csv`` is a byte copy of
538's 38-column export (polls ending to 2020-10-20); ``fte_president_polls_2020_final_11cols.csv``
has every row of 538's final file (to 2020-11-02) but only 11 columns and no ``question_id``.
Polls of the 38-column file are taken from it whole.  The other polls come from the
11-column file: their questions are split where an answer repeats (or the population
changes) within a poll, rows being contiguous in 538's order, each answer gets the
candidate name and party 538 gives that answer elsewhere in the 38-column file, and the
poll gets the methodology of the same pollster's latest poll in the 38-column file (none if
the pollster is not there).

Used by ``scripts/build_polls.py``; :func:`merge` returns the joined rows in 538's
38-column layout (so the package's own ``fte2020`` loader reads them) and the counts and
checks for the provenance.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: The columns the 11-column file shares with the 38-column export.
SHARED = (
    "poll_id",
    "state",
    "pollster",
    "sample_size",
    "population",
    "population_full",
    "start_date",
    "end_date",
    "answer",
    "pct",
)
LAST_38 = pd.Timestamp("2020-10-20")
#: The day of the 38-column export (created_at <= 10/21/20 14:32, SOURCES.md section 9).
EXPORT_DAY = pd.Timestamp("2020-10-21")


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def split_questions(rows: pd.DataFrame, party: dict[str, str]) -> pd.Series:
    """A question number per row: a new question starts where the poll changes, the
    population changes, or an answer repeats within the current question -- where "repeats"
    also counts a second candidate of one party (``party``: answer -> DEM/REP/LIB/GRE), as
    no general-election question names two candidates of one party."""
    qs: list[int] = []
    q = -1
    seen: set[str] = set()
    last_poll, last_pop = None, None
    for poll, pop, answer in zip(rows.poll_id, rows.population, rows.answer, strict=True):
        key = party.get(answer) or answer
        if poll != last_poll or pop != last_pop or key in seen:
            q += 1
            seen = set()
        seen.add(key)
        qs.append(q)
        last_poll, last_pop = poll, pop
    return pd.Series(qs, index=rows.index)


def _question_shapes(df: pd.DataFrame, key: str) -> pd.Series:
    """Per poll, the tuple of (population, sorted answers, pcts) of its questions in order."""
    shapes = df.groupby([df.poll_id, df[key]], sort=False).apply(
        lambda g: (
            g.population.iloc[0],
            tuple(sorted(zip(g.answer, g.pct.astype(float), strict=True))),
        )
    )
    return shapes.groupby(level=0, sort=False).apply(lambda s: tuple(s.to_list()))


def merge(thru_1021: Path, final: Path) -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """The joined 38-column rows, counts for the provenance, and failed checks (empty = ok)."""
    a, f = _read(thru_1021), _read(final)
    fails: list[str] = []
    n: dict[str, int] = {"rows_38": len(a), "rows_11": len(f)}
    n["polls_38"], n["polls_11"] = a.poll_id.nunique(), f.poll_id.nunique()
    a_end = pd.to_datetime(a.end_date, format="%m/%d/%y")
    f_end = pd.to_datetime(f.end_date, format="%m/%d/%Y")
    if a_end.max() != LAST_38:
        fails.append(f"38-column file ends {a_end.max():%Y-%m-%d}, SOURCES.md says 2020-10-20")
    missing = set(a.poll_id) - set(f.poll_id)
    if missing:
        fails.append(f"{len(missing)} polls of the 38-column file are not in the final file")
    # Candidate name and party of each answer, as 538 gives them in the 38-column file.
    who = a.groupby("answer")[["candidate_name", "candidate_party"]].agg(
        lambda s: s.value_counts().index[0]
    )
    major = {k: v for k, v in who.candidate_party.items() if v in {"DEM", "REP", "LIB", "GRE"}}
    # The 11-column split, tried on the polls both files have: same questions?
    f["q"] = split_questions(f, major)
    both = f[f.poll_id.isin(set(a.poll_id))]
    got = _question_shapes(both, "q")
    want = _question_shapes(a[a.poll_id.isin(set(both.poll_id))], "question_id")
    same = got.reindex(want.index) == want
    n["split_checked"], n["split_agrees"] = len(want), int(same.sum())
    n["split_differs"] = len(want) - n["split_agrees"]
    differ = sorted(want.index[~same.to_numpy()])
    n["split_differs_first"] = int(differ[0]) if differ else 0
    new = f[~f.poll_id.isin(set(a.poll_id))].copy()
    n["polls_new"] = new.poll_id.nunique()
    n["polls_new_ending_by_1020"] = new[f_end[new.index] <= LAST_38].poll_id.nunique()
    unknown = sorted(set(new.answer) - set(who.index))
    n["answers_unnamed"] = int(new.answer.isin(unknown).sum())
    out = pd.DataFrame({c: new[c] for c in SHARED})
    out["question_id"] = "f" + new.q.astype(str)
    out["candidate_name"] = new.answer.map(who.candidate_name).fillna(new.answer)
    out["candidate_party"] = new.answer.map(who.candidate_party).fillna("")
    # No methodology in the 11 columns: carry forward the pollster's method in its latest
    # poll of the 38-column export (by end date), if it has one there.
    last = a.assign(end=a_end).sort_values("end").drop_duplicates("pollster", keep="last")
    method = last.set_index("pollster").methodology.str.strip()
    method = method[~method.isin({"", "NA"})]
    out["methodology"] = new.pollster.map(method).fillna("")
    polls_new = out.drop_duplicates("poll_id")
    n["mode_carried"] = int((polls_new.methodology != "").sum())
    n["mode_blank"] = int((polls_new.methodology == "").sum())
    for col in a.columns:
        if col not in out.columns:
            out[col] = ""
    out["cycle"], out["stage"], out["office_type"] = "2020", "general", "U.S. President"
    # Not in 538's list when the export was taken (2020-10-21 14:32): listed on 2020-10-21
    # at the earliest (the day of the export, as 538 may have added a poll later that day),
    # and not before the poll ended.  A lower bound, not 538's created_at.
    listed = np.maximum(f_end[new.index], EXPORT_DAY)
    out["created_at"] = listed.dt.strftime("%m/%d/%y 00:00").to_numpy()
    n["questions_new"] = out.question_id.nunique()
    rows = pd.concat([a, out[list(a.columns)]], ignore_index=True)
    return rows, n, fails
