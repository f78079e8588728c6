"""Poll files of every supported format -> the common schema, one row per poll.

Formats (detected from the header, or named with ``fmt``):

``economist``
    The Economist / HuffPost Pollster files (``all_polls_2008.csv`` ... ``2016``): one row
    per poll version, candidates as columns (``obama``, ``mccain``), ``state`` ``--`` for
    national, sub-population rows ("Likely Voters - Democrat") that are not polls.
``fte2016``
    538's 2016 file: each poll up to three times, once per model ``type``; districts as
    "Maine CD-2".
``fte2020``
    538's 2020 ``president_polls.csv``: one row per answer; questions paired by
    ``question_id``; match-ups without both nominees; several questions per poll.
``common``
    :data:`POLL_COLUMNS` itself (what ``scripts/build_polls.py`` packages).

One poll is counted once.  Among the versions a source gives of one poll (same poll id, or
for the Economist same unit, pollster and dates), the loader keeps (1) the most preferred
population, likely voters > registered voters > voters > adults; (2) the fullest ballot:
the question naming most candidates (538 2020), or where candidates are not listed the
version with the smallest Democratic + Republican total, i.e. the most respondents left to
others (the Economist's model keeps that one: ``arrange(two_party_sum)`` then
``distinct``); (3) versions still tied -- turnout models, question wordings of one ballot --
are averaged, as 538 does (its ``multiversions`` flag).  The counts of each step are in
``frame.attrs["stats"]``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from electoral.data import name_book
from electoral.data.polls import NATIONAL, POLL_COLUMNS, POPULATIONS, check_polls
from electoral.errors import DataError
from electoral.states import DISTRICTS, to_code

__all__ = ["FORMATS", "POLL_COLUMNS", "detect_format", "read_polls"]

FORMATS = ("economist", "fte2016", "fte2020", "common")
#: Nominees a column or answer may name: surname -> (full name, party).
_NOMINEES = {
    "obama": ("Barack Obama", "dem"),
    "mccain": ("John McCain", "rep"),
    "romney": ("Mitt Romney", "rep"),
    "clinton": ("Hillary Clinton", "dem"),
    "trump": ("Donald Trump", "rep"),
    "biden": ("Joe Biden", "dem"),
}
_REQUIRED = {
    "economist": (
        "state",
        "pollster",
        "number.of.observations",
        "start.date",
        "end.date",
        "population",
    ),
    "fte2016": (
        "type",
        "state",
        "startdate",
        "enddate",
        "pollster",
        "samplesize",
        "population",
        "poll_id",
        "question_id",
    ),
    "fte2020": (
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
        "candidate_party",
        "pct",
    ),
}
_ECON_POPULATION = {"likely voters": "lv", "registered voters": "rv", "voters": "v", "adults": "a"}
_FTE2016_TYPES = ("polls-only", "polls-plus", "now-cast")
_MISSING = frozenset({"", "NA", "NaN", "nan", "N/A", "null", "NULL"})
_CD = re.compile(r"\s*\((\d)(?:st|nd|rd|th) CD Only\)", re.IGNORECASE)
_FTE_CD = re.compile(r"^(.+?) CD-(\d)$")
_VERSION_TAG = re.compile(r"\s*\((?:Expanded|Traditional|Lake|Tarrance)\)|\[[^]]*\]|\*+$")
#: Spellings of one pollster in the Economist files -> one name (538 files are normalised).
_POLLSTER_ALIASES = {
    "ABC News/Wash. Post": "ABC News/Washington Post",
    "American Res. Group": "American Research Group",
    "American Reseach": "American Research Group",
    "American Research": "American Research Group",
    "Angus Reid Public Opinion": "Angus Reid",
    "Associated Press/GFK": "AP/GfK",
    "Associated Press/GfK": "AP/GfK",
    "Associated Press/GfK Roper": "AP/GfK",
    "CBS/New York Times": "CBS News/New York Times",
    "CBS News/NY Times": "CBS News/New York Times",
    "CNN | ORC": "CNN/ORC",
    "CNN/Opinion Research": "CNN/ORC",
    "CNN/OpinionResearch": "CNN/ORC",
    "CNN/Time/ORC": "CNN/ORC",
    "Civitas Institute": "Civitas",
    "Daily Kos & SEIU/PPP": "Public Policy Polling",
    "Daily Kos/PPP": "Public Policy Polling",
    "Daily Kos/SEIU PPP": "Public Policy Polling",
    "DailyKos/PPP/SEIU": "Public Policy Polling",
    "PPP/Americans United for Change": "Public Policy Polling",
    "PPP/Daily Kos & SEIU": "Public Policy Polling",
    "Public Policy": "Public Policy Polling",
    "Public Policy Polling/Daily Kos/SEIU": "Public Policy Polling",
    "Democracy Corps.": "Democracy Corps",
    "Epic/Detroit News": "EPIC/Detroit News",
    "Fairleigh-Dickinson": "Fairleigh Dickinson",
    "FOX News": "Fox News",
    "Field Poll": "Field",
    "Field Research": "Field",
    "Gallup Tracking": "Gallup",
    "USA Today/Gallup": "Gallup",
    "USAT/Gallup Tracking": "Gallup",
    "GWU/Battleground": "Battleground",
    "Politico/George Washington University": "Battleground",
    "Politico/George Washington University/Battleground": "Battleground",
    "High Point Universtiy": "High Point University",
    "Hotline/FD Tracking": "Hotline/FD",
    "IBD/CSM/TIPP": "IBD/TIPP",
    "IBD/TIFF/Christian Science Monitor": "IBD/TIPP",
    "Investor's Business Daily/Christian Science Monitor/TIPP": "IBD/TIPP",
    "Investor's Business Daily/TIPP": "IBD/TIPP",
    "Insider Advantage": "InsiderAdvantage",
    "Reuters/Ipsos": "Ipsos/Reuters",
    "Reuters": "Ipsos/Reuters",
    "JZ Analytics/Washington Times": "JZ Analytics",
    "JZAnalytics": "JZ Analytics",
    "Washington Times/JZ Analytics": "JZ Analytics",
    "Zogby / JZAnalytics": "JZ Analytics",
    "MassInc": "MassINC",
    "McClatchy/Marist": "Marist",
    "NBC/Marist": "Marist",
    "NBC/WSJ/Marist": "Marist",
    "NY1/YNN-Marist": "Marist",
    "NBC/Wall St. Jrnl": "NBC/WSJ",
    "NBC/Wall Street Journal": "NBC/WSJ",
    "Pew Center": "Pew",
    "Public Policy Inst.": "PPIC",
    "Quinnipiac University": "Quinnipiac",
    "Rasmussen Reports": "Rasmussen",
    "Rasmussen Tracking": "Rasmussen",
    "FOX/Rasmussen": "Rasmussen",
    "Reuters/C-SPAN/Zogby": "Reuters/Zogby",
    "Selzer & Co.": "Selzer",
    "Selzer/Bloomberg": "Selzer",
    "Suffolk Univ.": "Suffolk University",
    "Survey USA": "SurveyUSA",
    "UConn/Courant": "UConn/Hartford Courant",
    "YouGov/The YouGov": "YouGov",
    "YouGov/YouGov": "YouGov",
    "Monmouth Univ.": "Monmouth University",
    "Monmouth University/SurveyUSA": "Monmouth University",
    "Monmouth/SurveyUSA/Braun": "Monmouth University",
    "Morning Call/Muhlenberg": "Muhlenberg College",
    "Allstate/National Journal": "National Journal",
    "United Technologies/National Journal": "National Journal",
    "Boston Globe/UNH": "University of New Hampshire",
    "Boston Globe/UNH/Cornell": "University of New Hampshire",
    "Granite State Poll - Univ. of NH": "University of New Hampshire",
    "University of NH": "University of New Hampshire",
}


def _pollster(raw: pd.Series) -> pd.Series:
    """Whitespace collapsed, version tags ("(Expanded)*", "[permanent dead link]") and
    district notes removed, known aliases merged."""
    name = raw.str.replace(_CD, "", regex=True).str.replace(_VERSION_TAG, "", regex=True)
    name = name.str.replace(r"\s+", " ", regex=True).str.strip()
    return name.replace(_POLLSTER_ALIASES)


def _csv(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows as text with the line each starts on (quoted newlines counted)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read poll file: {exc}", file=source) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [c.strip() for c in next(reader, [])]
        rows, lines, start = [], [], reader.line_num + 1
        for row in reader:
            if any(c.strip() for c in row):
                if len(row) != len(header):
                    msg = f"expected {len(header)} fields, found {len(row)}"
                    raise DataError(msg, file=source, line=start)
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"not a CSV file: {exc}", file=source, line=reader.line_num) from exc
    if not header or not rows:
        raise DataError("no header or no data rows", file=source, line=1)
    frame = pd.DataFrame(rows, columns=[c or f"_col{i}" for i, c in enumerate(header)], dtype=str)
    return frame, np.asarray(lines, dtype=np.int64)


def detect_format(columns: list[str] | pd.Index) -> str | None:
    """The format a header belongs to, or None."""
    cols = set(columns)
    if set(POLL_COLUMNS) - {"sample_imputed"} <= cols:
        return "common"
    for fmt in ("fte2020", "fte2016", "economist"):
        if len(cols & set(_REQUIRED[fmt])) >= len(_REQUIRED[fmt]) - 2:
            return fmt
    return None


class _Rows:
    """Text rows of one file with their line numbers; parsers that fail with a DataError."""

    def __init__(self, frame: pd.DataFrame, lines: np.ndarray, file: str) -> None:
        self.frame, self.lines, self.file = frame, lines, file

    def fail(self, mask: pd.Series | np.ndarray, field: str, what: str) -> None:
        m = np.asarray(mask, dtype=bool)
        if m.any():
            pos = int(m.nonzero()[0][0])
            value = self.frame[field].iloc[pos] if field in self.frame else ""
            raise DataError(
                f"{what} ({value!r})", file=self.file, line=int(self.lines[pos]), field=field
            )

    def missing(self, col: str) -> pd.Series:
        return self.frame[col].str.strip().isin(_MISSING)

    def number(self, col: str, lo: float, hi: float, *, optional: bool = False) -> pd.Series:
        blank = self.missing(col)
        value = pd.to_numeric(self.frame[col].where(~blank), errors="coerce")
        if not optional:
            self.fail(blank, col, "missing value")
        self.fail(~blank & ~value.between(lo, hi), col, f"not a number in {lo:g}-{hi:g}")
        return value.astype(float)

    def date(self, col: str) -> pd.Series:
        text = self.frame[col].str.strip()
        out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        for fmt in ("%m/%d/%y", "%m/%d/%Y"):
            out = out.fillna(pd.to_datetime(text, format=fmt, errors="coerce"))
        self.fail(out.isna(), col, "not a date (YYYY-MM-DD or M/D/YY)")
        return out

    def unit(self, col: str, national: set[str]) -> pd.Series:
        text = self.frame[col].str.strip()
        codes = {s: _unit_code(s, national) for s in text.unique()}
        unit = text.map(codes)
        self.fail(unit.isna(), col, "unknown state")
        return unit.astype(str)


def _unit_code(text: str, national: set[str]) -> str | None:
    if text in national:
        return NATIONAL
    m = _FTE_CD.match(text)
    if m:
        code = to_code(m.group(1))
        unit = f"{code}-{m.group(2)}"
        return unit if code in DISTRICTS and unit in DISTRICTS[code] else None
    return to_code(text)


def _nominee_columns(rows: _Rows, prefix: str) -> tuple[str, str]:
    """The columns holding the Democratic and the Republican nominee's share."""
    found: dict[str, str] = {}
    for col in rows.frame.columns:
        surname = col.removeprefix(prefix) if col.startswith(prefix) else ""
        if surname in _NOMINEES:
            found.setdefault(_NOMINEES[surname][1], col)
    for party in ("dem", "rep"):
        if party not in found:
            names = [prefix + s for s, (_, p) in _NOMINEES.items() if p == party]
            raise DataError(
                f"no column for the {party} nominee (expected one of {names})",
                file=rows.file,
                line=1,
                field=prefix + "<candidate>",
            )
    return found["dem"], found["rep"]


def _canonical(col: str, prefix: str) -> str:
    """The canonical name (``electoral.data.name_book``) of a nominee column's candidate."""
    return name_book().canonical(_NOMINEES[col.removeprefix(prefix)][0])


def _economist(rows: _Rows, stats: dict[str, int]) -> pd.DataFrame:
    f = rows.frame
    dem_col, rep_col = _nominee_columns(rows, "")
    pop_text = f.population.str.strip().str.lower()
    sub = pop_text.str.contains(" - ", regex=False)
    base = pop_text.str.split(" - ").str[0]
    rows.fail(~base.isin(list(_ECON_POPULATION)), "population", "unknown population")
    out = pd.DataFrame({"line": rows.lines, "unit": rows.unit("state", {"--"})})
    cd = f.pollster.str.extract(_CD, expand=False)
    district = out.unit + "-" + cd.fillna("")
    known = {d for ds in DISTRICTS.values() for d in ds}
    rows.fail(cd.notna() & ~district.isin(known), "pollster", "a district poll, unknown district")
    out["unit"] = out.unit.where(cd.isna(), district)
    out["pollster"] = _pollster(f.pollster)
    out["start_date"], out["end_date"] = rows.date("start.date"), rows.date("end.date")
    rows.fail(out.end_date < out.start_date, "end.date", "poll ends before it starts")
    out["sample_size"] = rows.number("number.of.observations", 1, 1e7, optional=True)
    out["population"] = base.map(_ECON_POPULATION)
    out["mode"] = f["mode"].where(~rows.missing("mode"), "") if "mode" in f else ""
    out["dem"], out["rep"] = rows.number(dem_col, 0, 100), rows.number(rep_col, 0, 100)
    out["dem_candidate"], out["rep_candidate"] = _canonical(dem_col, ""), _canonical(rep_col, "")
    out["ballot"] = -(out.dem + out.rep)
    stats["subpopulation_rows"] = int(sub.sum())
    out = out[~sub.to_numpy()]
    key = out.unit + "|" + out.pollster + "|" + out.start_date.dt.strftime("%Y-%m-%d") + "|"
    key = key + out.end_date.dt.strftime("%Y-%m-%d")
    year = int(out.end_date.max().year) if len(out) else 0
    digest = key.map(lambda k: hashlib.sha1(k.encode(), usedforsecurity=False).hexdigest()[:10])
    out["poll_id"] = f"econ{year}-" + digest
    # Versions tagged "(Expanded)*", "(Traditional)*", "(Lake)*" are turnout models of one
    # ballot: make them tie, so that they are averaged.
    tagged = f.pollster.str.contains(_VERSION_TAG)[~sub.to_numpy()]
    tied = out.ballot.groupby([out.poll_id, tagged]).transform("mean")
    out["ballot"] = out.ballot.where(~tagged, tied)
    out["source"] = f"economist-{year}"
    return out


def _fte2016(rows: _Rows, stats: dict[str, int]) -> pd.DataFrame:
    f = rows.frame
    dem_col, rep_col = _nominee_columns(rows, "rawpoll_")
    rows.fail(~f.type.isin(_FTE2016_TYPES), "type", f"not one of {_FTE2016_TYPES}")
    rank = f.type.map({t: i for i, t in enumerate(_FTE2016_TYPES)})
    keep = (rank == rank.groupby(f.question_id).transform("min")).to_numpy()
    stats["model_type_copies"] = int((~keep).sum())
    out = pd.DataFrame({"line": rows.lines, "unit": rows.unit("state", {"U.S."})})
    out["pollster"] = _pollster(f.pollster)
    out["start_date"], out["end_date"] = rows.date("startdate"), rows.date("enddate")
    rows.fail(out.end_date < out.start_date, "enddate", "poll ends before it starts")
    out["sample_size"] = rows.number("samplesize", 1, 1e7, optional=True)
    pop = f.population.str.strip().str.lower()
    rows.fail(~pop.isin(POPULATIONS), "population", f"not one of {POPULATIONS}")
    out["population"], out["mode"] = pop, ""
    out["dem"], out["rep"] = rows.number(dem_col, 0, 100), rows.number(rep_col, 0, 100)
    others = [c for c in f.columns if c.startswith("rawpoll_")]
    out["ballot"] = (~pd.concat([rows.missing(c) for c in others], axis=1)).sum(axis=1)
    out["dem_candidate"] = _canonical(dem_col, "rawpoll_")
    out["rep_candidate"] = _canonical(rep_col, "rawpoll_")
    out["poll_id"] = "fte2016-" + f.poll_id.str.strip()
    out["source"] = "fte-2016"
    return out[keep]


def _fte2020(rows: _Rows, stats: dict[str, int]) -> pd.DataFrame:
    f = rows.frame
    pct = rows.number("pct", 0, 100)
    party = f.candidate_party.str.strip().str.upper()
    start, end = rows.date("start_date"), rows.date("end_date")
    rows.fail(end < start, "end_date", "poll ends before it starts")
    unit = rows.unit("state", set(_MISSING))
    size = rows.number("sample_size", 1, 1e7, optional=True)
    pop = f.population.str.strip().str.lower()
    rows.fail(~pop.isin(POPULATIONS), "population", f"not one of {POPULATIONS}")
    q = f.question_id.str.strip()
    d = pd.DataFrame({"q": q, "name": f.candidate_name.str.strip(), "pct": pct})
    dem, rep = d[party.eq("DEM").to_numpy()], d[party.eq("REP").to_numpy()]
    pairs = dem.drop_duplicates("q").merge(rep.drop_duplicates("q"), on="q", suffixes=("_d", "_r"))
    if pairs.empty:
        raise DataError("no question pairs a DEM and a REP answer", file=rows.file, line=2)
    counts = pairs.groupby(["name_d", "name_r"]).size().sort_values(ascending=False, kind="stable")
    top = counts.index[0]
    assert isinstance(top, tuple)
    nominees = (str(top[0]), str(top[1]))
    chosen = pairs[(pairs.name_d == nominees[0]) & (pairs.name_r == nominees[1])]
    stats["hypothetical_questions"] = int(q.nunique() - len(chosen))
    first = ~q.duplicated()
    out = pd.DataFrame(
        {
            "line": rows.lines,
            "q": q,
            "unit": unit,
            "start_date": start,
            "end_date": end,
            "sample_size": size,
            "population": pop,
        }
    )[first]
    out["ballot"] = q[first].map(q.value_counts())
    out["pollster"] = _pollster(f.pollster[first])
    mode = f.methodology if "methodology" in f else pd.Series("", index=f.index)
    out["mode"] = mode.where(~mode.str.strip().isin(_MISSING), "")[first]
    out["poll_id"] = "fte2020-" + f.poll_id.str.strip()[first]
    out = out.merge(chosen[["q", "pct_d", "pct_r"]], on="q").drop(columns="q")
    out = out.rename(columns={"pct_d": "dem", "pct_r": "rep"})
    book = name_book()
    out["dem_candidate"], out["rep_candidate"] = (book.canonical(n) for n in nominees)
    out["source"] = "fte-2020"
    return out


def _one_per_poll(v: pd.DataFrame, stats: dict[str, int]) -> pd.DataFrame:
    """Keep the preferred population, then the fullest ballot; average what is still tied."""
    v = v.assign(pop_rank=v.population.map({p: i for i, p in enumerate(POPULATIONS)}))
    best_pop = v.pop_rank == v.groupby("poll_id").pop_rank.transform("min")
    stats["other_population_versions"] = int((~best_pop).sum())
    v = v[best_pop]
    full = v.ballot == v.groupby("poll_id").ballot.transform("max")
    stats["shorter_ballot_versions"] = int((~full).sum())
    v = v[full].sort_values("line")
    g = v.groupby("poll_id", sort=False)
    out = g.first()
    out[["dem", "rep"]] = g[["dem", "rep"]].mean().round(2)
    out["sample_size"] = g.sample_size.max()
    stats["versions_averaged"] = int(len(v) - len(out))
    return out.reset_index()


def read_polls(path: str | Path, fmt: str | None = None) -> pd.DataFrame:
    """Read a poll file into the common schema, one row per poll.

    Parameters
    ----------
    path
        A CSV file in one of :data:`FORMATS`.
    fmt
        The format; detected from the header when None.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`POLL_COLUMNS`, sorted by end date, unit and poll id; ``attrs["stats"]``
        counts the rows read and what each cleaning step dropped or merged.

    Raises
    ------
    DataError
        Naming the file, line and field: a missing column, an unknown state, a share outside
        0-100, an end date before the start, an unreadable date or sample size.
    """
    p = Path(path)
    frame, lines = _csv(p)
    rows = _Rows(frame, lines, str(p))
    fmt = fmt or detect_format(frame.columns)
    if fmt not in FORMATS:
        what = f"unknown format {fmt!r}" if fmt else "header matches no known poll format"
        raise DataError(f"{what} (formats: {', '.join(FORMATS)})", file=str(p), line=1)
    stats: dict[str, int] = {"rows": len(frame)}
    if fmt == "common":
        dup = frame.duplicated().to_numpy()
        stats["duplicate_rows"] = int(dup.sum())
        out = check_polls(frame[~dup], file=str(p), lines=lines[~dup])
    else:
        for col in _REQUIRED[fmt]:
            if col not in frame.columns:
                raise DataError(
                    f"missing column {col!r} ({fmt} format)", file=str(p), line=1, field=col
                )
        parse = {"economist": _economist, "fte2016": _fte2016, "fte2020": _fte2020}[fmt]
        one = _one_per_poll(parse(rows, stats), stats)
        out = check_polls(one, file=str(p), lines=one.line.to_numpy())
    out = out.sort_values(["end_date", "unit", "poll_id"], ignore_index=True)
    stats["polls"] = len(out)
    stats["sample_imputed"] = int(out.sample_imputed.sum())
    out.attrs["stats"] = stats
    out.attrs["format"] = fmt
    return out
