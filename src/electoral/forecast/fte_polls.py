"""538's ``president_polls.csv`` of any cycle: one row per answer -> one row per question.

Two headers are read: ``fte2020`` (the 38 columns of 2020, the answer's party in
``candidate_party``) and ``fte`` (2022 on: the party in ``party``, and the columns
``hypothetical``, ``subpopulation``, ``ranked_choice_round`` ...).  Questions pair the
Democratic and the Republican answer by ``question_id``.

A real export holds questions a model cannot use; they are skipped and counted by reason
(:data:`SKIP_REASONS`, counts of questions): a poll of another office, stage or cycle (the
file's election is the cycle of most of its rows; another year asked for is an error), a
blank population, a sub-population, a ranked-choice reallocation, a hypothetical match-up, a
question without a Democrat and a Republican, and a pair that is not the two parties'
candidates on the poll's dates (``electoral.forecast.nominees``: 2024 is Biden vs Trump
until 2024-07-20 and Harris vs Trump from 2024-07-21; a poll in the field across the switch
may ask either).  What is wrong with the file itself stops it (``DataError`` naming the
file, line and field): a missing column, polls of another cycle only, a share outside 0-100,
a sample size that is not a positive finite number, a date that does not parse, an unknown
state, and -- for an election whose candidates are not known yet -- several match-ups that
are not marked hypothetical.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from electoral.data import name_book
from electoral.data.polls import POPULATIONS, parse_days
from electoral.errors import DataError
from electoral.forecast.nominees import pair_on, schedule
from electoral.forecast.poll_rows import DATE_FORMATS, MISSING, Rows
from electoral.forecast.pollsters import pollster_name

__all__ = ["REQUIRED", "SKIP_REASONS", "election_year", "parse_fte", "skip_counts"]

_CORE = (
    "question_id",
    "poll_id",
    "state",
    "pollster",
    "sample_size",
    "population",
    "start_date",
    "end_date",
    "answer",
    "candidate_name",
    "pct",
)
#: Columns each 538 header must have.
REQUIRED = {"fte2020": (*_CORE, "candidate_party"), "fte": (*_CORE, "party")}
OFFICE = "another office"
STAGE = "not the general election"
CYCLE = "another cycle"
BLANK_POPULATION = "blank population"
SUBPOPULATION = "sub-population"
RANKED_CHOICE = "ranked-choice reallocation"
HYPOTHETICAL = "hypothetical match-up"
NO_PAIR = "no Democrat and Republican"
NOT_NOMINEES = "not the candidates on the poll's dates"
#: Why a question is skipped, in the order the reasons are tried.
SKIP_REASONS = (
    OFFICE,
    STAGE,
    CYCLE,
    BLANK_POPULATION,
    SUBPOPULATION,
    RANKED_CHOICE,
    HYPOTHETICAL,
    NO_PAIR,
    NOT_NOMINEES,
)
#: Reasons that are about the match-up (the former ``hypothetical_questions`` count).
_MATCHUP = (HYPOTHETICAL, NO_PAIR, NOT_NOMINEES)


def election_year(end: pd.Series) -> int:
    """The presidential election a set of polls leads up to: the first one on or after the
    median end date (an election year's polls after its first Tuesday of November belong
    to the next one)."""
    from electoral.rules.calendar import calendar

    mid = pd.Timestamp(end.dropna().median()).date()
    year = mid.year + (-mid.year) % 4
    eday = calendar(year).election_day.date
    return year + 4 if eday is not None and mid > eday else year


def _year(rows: Rows, keep: pd.Series, year: int | None) -> tuple[int, pd.Series]:
    """The election year and which rows belong to another cycle; a file with no row of the
    year asked for is the wrong file."""
    from electoral.rules.calendar import FIRST_ELECTION, LAST_ELECTION

    f = rows.frame
    given = keep & (rows.text("cycle") != "")
    if given.any():
        # an election year, or the file stops here (inf, 1e400 and "²" are no cycle)
        stated = rows.subset(given)
        years = stated.number("cycle", FIRST_ELECTION, LAST_ELECTION)
        stated.fail(years % 4 != 0, "cycle", "not a presidential election year")
        cycle = pd.to_numeric(rows.text("cycle"), errors="coerce")
        counts = cycle[keep].value_counts()
        main = int(counts.index[0])
        if year is None:
            year = main
        if year != main:
            found = ", ".join(f"{c:g}: {n} rows" for c, n in zip(counts.index, counts, strict=True))
            first = int(np.asarray(keep & (cycle == main)).nonzero()[0][0])
            raise DataError(
                f"this file holds polls of the {main} election, not {year} (column cycle -- "
                f"{found})",
                file=rows.file,
                line=int(rows.lines[first]),
                field="cycle",
            )
        return year, keep & (cycle != year)
    end = parse_days(f.end_date.str.strip(), DATE_FORMATS)
    found_year = election_year(end[keep]) if end[keep].notna().any() else year
    if year is not None and found_year != year:
        raise DataError(
            f"this file holds polls of the {found_year} election (end dates "
            f"{end.min():%Y-%m-%d} … {end.max():%Y-%m-%d}), not {year}",
            file=rows.file,
            line=int(rows.lines[0]),
            field="end_date",
        )
    assert found_year is not None
    return found_year, pd.Series(False, index=f.index)


def _row_reasons(rows: Rows, year: int | None) -> tuple[pd.Series, int]:
    """The first skip reason of each row ("" = usable) and the election year."""
    reason = pd.Series("", index=rows.frame.index, dtype=object)

    def mark(mask: pd.Series, why: str) -> None:
        reason[(reason == "") & mask.to_numpy()] = why

    office = rows.text("office_type")
    mark((office != "") & (office != "U.S. President"), OFFICE)
    stage = rows.text("stage").str.lower()
    mark((stage != "") & (stage != "general"), STAGE)
    year, other_cycle = _year(rows, reason == "", year)
    mark(other_cycle, CYCLE)
    mark(rows.text("population") == "", BLANK_POPULATION)
    mark(rows.text("subpopulation") != "", SUBPOPULATION)
    rcv_round = pd.to_numeric(rows.text("ranked_choice_round"), errors="coerce")
    later_round = (rows.text("ranked_choice_round") != "") & ~(rcv_round == 1)
    mark(rows.flag("ranked_choice_reallocated") | later_round, RANKED_CHOICE)
    mark(rows.flag("hypothetical"), HYPOTHETICAL)
    return reason, year


def skip_counts(reason_by_question: pd.Series) -> dict[str, int]:
    """``{reason: questions}`` in :data:`SKIP_REASONS` order, reasons that occur only."""
    n = Counter(str(r) for r in reason_by_question if r)
    return {r: n[r] for r in SKIP_REASONS if n[r]}


def _pairs(rows: Rows, q: pd.Series, party: pd.Series, pct: pd.Series) -> pd.DataFrame:
    """One row per question that has a Democratic and a Republican answer."""
    book = name_book()
    names = rows.frame.candidate_name.str.strip().map(lambda n: book.canonical(n) if n else n)
    d = pd.DataFrame({"q": q, "name": names, "pct": pct})
    dem, rep = d[party.eq("DEM").to_numpy()], d[party.eq("REP").to_numpy()]
    return dem.drop_duplicates("q").merge(rep.drop_duplicates("q"), on="q", suffixes=("_d", "_r"))


def _nominee_check(
    pairs: pd.DataFrame, poll: pd.Series, year: int, rows: Rows, line: pd.Series
) -> pd.Series:
    """Per question of ``pairs``: "" if its pair is the candidates on the poll's start or end
    date, else :data:`NOT_NOMINEES`.  A poll in the field across a change of candidate keeps
    the questions of the candidates at its end if it has any."""
    if schedule(year) is None:
        found = pairs.groupby(["name_d", "name_r"], sort=False).size()
        if len(found) > 1:
            listed = "; ".join(
                f"{d} vs {r} ({n} questions)" for (d, r), n in zip(found.index, found, strict=True)
            )
            second = pairs[
                (pairs.name_d == found.index[1][0]) & (pairs.name_r == found.index[1][1])
            ]
            raise DataError(
                f"several match-ups in one file and the {year} candidates are not known: "
                f"{listed}; mark all but one hypothetical, or split the file",
                file=rows.file,
                line=int(line[second.q.iloc[0]]),
                field="candidate_name",
            )
        return pd.Series("", index=pairs.index, dtype=object)
    have = list(zip(pairs.name_d, pairs.name_r, strict=True))
    at_start = np.array([h == pair_on(year, s) for h, s in zip(have, pairs.start, strict=True)])
    at_end = np.array([h == pair_on(year, e) for h, e in zip(have, pairs.end, strict=True)])
    ends_ok = (
        pd.Series(at_end, index=pairs.index).groupby(poll[pairs.q].to_numpy()).transform("any")
    )
    ok = at_end | (at_start & ~ends_ok.to_numpy())
    return pd.Series(np.where(ok, "", NOT_NOMINEES), index=pairs.index, dtype=object)


def parse_fte(
    rows: Rows, fmt: str, stats: dict[str, int], year: int | None
) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Question versions of the usable questions (the columns ``_one_per_poll`` takes), the
    skipped questions by reason, and the election year."""
    reason, year = _row_reasons(rows, year)
    q = rows.text("question_id")
    q_reason = reason.groupby(q).agg(lambda r: next((x for x in r if x), ""))
    use = rows.subset(q.map(q_reason).eq("").to_numpy())
    f = use.frame
    uq = q[f.index]
    pct = use.number("pct", 0, 100)
    start, end = use.date("start_date"), use.date("end_date")
    use.fail(end < start, "end_date", "poll ends before it starts")
    unit = use.unit("state", set(MISSING))
    size = use.number("sample_size", 1, 1e7, optional=True)
    pop = f.population.str.strip().str.lower()
    use.fail(~pop.isin(POPULATIONS), "population", f"not one of {POPULATIONS}")
    party = f["party" if fmt == "fte" else "candidate_party"].str.strip().str.upper()
    pairs = _pairs(use, uq, party, pct)
    first = ~uq.duplicated()
    by_q = pd.DataFrame({"start": start[first].dt.date, "end": end[first].dt.date}).set_index(
        uq[first]
    )
    pairs = pairs.assign(start=pairs.q.map(by_q.start), end=pairs.q.map(by_q.end))
    poll = f.poll_id.str.strip().groupby(uq).first()
    line = pd.Series(use.lines, index=f.index).groupby(uq).first()
    pairs["why"] = _nominee_check(pairs, poll, year, use, line)
    for qid in set(uq) - set(pairs.q):
        q_reason[qid] = NO_PAIR
    for qid, why in zip(pairs.q, pairs.why, strict=True):
        q_reason[qid] = why
    chosen = pairs[pairs.why == ""]
    skipped = skip_counts(q_reason)
    stats["hypothetical_questions"] = sum(skipped.get(r, 0) for r in _MATCHUP)
    out = pd.DataFrame(
        {
            "line": use.lines,
            "q": uq,
            "unit": unit,
            "start_date": start,
            "end_date": end,
            "sample_size": size,
            "population": pop,
            "known_from": use.listed("created_at"),
        }
    )[first.to_numpy()]
    # the candidates a question names (an answer 538 lists twice counts once)
    out["ballot"] = uq[first].map(f.answer.str.strip().groupby(uq).nunique())
    out["pollster"] = pollster_name(f.pollster[first])
    mode = use.text("methodology")
    out["mode"] = mode[first]
    prefix = "fte2020" if fmt == "fte2020" else f"fte{year}"
    out["poll_id"] = f"{prefix}-" + f.poll_id.str.strip()[first]
    out = out.merge(chosen[["q", "pct_d", "pct_r", "name_d", "name_r"]], on="q").drop(columns="q")
    out = out.rename(
        columns={
            "pct_d": "dem",
            "pct_r": "rep",
            "name_d": "dem_candidate",
            "name_r": "rep_candidate",
        }
    )
    out["source"] = f"fte-{year}"
    return out, skipped, year
