"""Election-night time series: reading a file of partial counts into arrays.

The long format (CSV, header on line 1; one row per unit, timestamp and candidate):

``state``
    A postal code (``PA``) or a district (``ME-2``, ``NE-2``).
``timestamp``
    ISO-8601 with its zone: ``2020-11-04T01:24:10Z`` or ``2020-11-03T20:24:10-05:00``.
    A timestamp without a zone is refused (election nights cross time zones).
``candidate``
    Any spelling the project knows (``BIDEN, JOSEPH R. JR``); others are kept as written.
``votes``
    The candidate's cumulative count at that time (a whole number, not negative).
``total_votes`` (optional)
    All votes counted in the unit at that time (default: the sum of the candidates' votes).
``eevp_pct`` (optional)
    The share of the expected vote that the results page published at that time, 0-100.
``votes_error`` (optional)
    The largest error of ``votes`` (rounded feeds), default 0.
``party`` (optional)
    ``DEM``/``REP``...: decides which candidate is ``first`` in the margin.

A count that goes down is not an error: feeds correct themselves.  The latest value is used
and the corrections are counted (:attr:`Series.corrections`).  Any other problem raises
``DataError`` naming the file, line and field; nothing is returned unless every row is good.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from electoral import data
from electoral.data.manifest import read_text
from electoral.errors import DataError, RuleError
from electoral.states import DISTRICTS, state_codes
from electoral.validate import MAX_POLL_BYTES, read_input

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

REQUIRED = ("state", "timestamp", "candidate", "votes")
OPTIONAL = ("total_votes", "eevp_pct", "votes_error", "party", "source")
#: No unit has counted a billion votes; more is a typo.
MAX_VOTES = 1_000_000_000
_ZONE = r"(?:Z|z|[+-]\d\d(?::?\d\d)?)$"
ZONE_EXAMPLE = "write e.g. 2020-11-04T01:24:10Z or ...-05:00"


@dataclass(frozen=True)
class Corrections:
    """Updates that lowered a unit's count: how many, and the largest drop (votes)."""

    count: int
    largest_drop: int

    def to_dict(self) -> dict[str, int]:
        return {"count": self.count, "largest_drop": self.largest_drop}


@dataclass(frozen=True, eq=False)
class Series:
    """One row per unit and update, sorted by unit then time.

    ``first`` and ``second`` are the two candidates whose margin is modelled,
    ``(first - second) / total``; ``unit_of[i]`` indexes ``units``; ``t`` is seconds since
    1970-01-01 UTC; ``eevp`` is NaN where none was published.
    """

    source: str
    first: str
    second: str
    units: tuple[str, ...]
    unit_of: IntArray
    t: IntArray
    a: FloatArray
    b: FloatArray
    total: FloatArray
    eevp: FloatArray
    error: FloatArray
    corrections: dict[str, Corrections]

    def __len__(self) -> int:
        return len(self.t)

    def rows_of(self, unit: str) -> slice:
        """The rows of one unit (contiguous)."""
        k = self.units.index(unit)
        lo, hi = np.searchsorted(self.unit_of, [k, k + 1])
        return slice(int(lo), int(hi))

    def until(self, t: int) -> Series:
        """The rows known at ``t`` (seconds since the epoch), nothing after."""
        keep = self.t <= t
        drops = _corrections(
            self.units,
            self.unit_of[keep],
            self.a[keep],
            self.b[keep],
            self.total[keep],
            self.error[keep],
        )
        return Series(
            self.source,
            self.first,
            self.second,
            self.units,
            self.unit_of[keep],
            self.t[keep],
            self.a[keep],
            self.b[keep],
            self.total[keep],
            self.eevp[keep],
            self.error[keep],
            drops,
        )

    def final(self) -> dict[str, tuple[float, float, float]]:
        """The last row of each unit: (first's votes, second's votes, total)."""
        out = {}
        for k, u in enumerate(self.units):
            i = int(np.searchsorted(self.unit_of, k + 1)) - 1
            if i >= 0 and self.unit_of[i] == k:
                out[u] = (float(self.a[i]), float(self.b[i]), float(self.total[i]))
        return out


def parse_times(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO-8601 text -> its UTC times (NaT where it does not parse) and whether each names its
    zone; a caller refuses the unparseable first, then the zoneless."""
    text = text.str.strip()
    parsed = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
    return parsed, text.str.contains(_ZONE, regex=True)


def _units() -> frozenset[str]:
    return state_codes() | {d for ds in DISTRICTS.values() for d in ds}


def _bad(frame: pd.DataFrame, mask: pd.Series, source: str, field: str, message: str) -> None:
    if bool(mask.any()):
        pos = int(np.flatnonzero(mask.to_numpy())[0])
        line = int(frame.index[pos]) + 2
        value = frame[field].iloc[pos] if field in frame else ""
        raise DataError(f"{message}: {value!r}", file=source, line=line, field=field)


def _whole(frame: pd.DataFrame, col: str, source: str, *, required: bool) -> pd.Series:
    text = frame[col].str.strip()
    empty = text == ""
    if required:
        _bad(frame, empty, source, col, "empty")
    num = pd.to_numeric(text.where(~empty), errors="coerce")
    _bad(frame, ~empty & num.isna(), source, col, "not a number")
    _bad(frame, num < 0, source, col, "negative count")
    _bad(frame, num > MAX_VOTES, source, col, f"more than {MAX_VOTES:,} votes")
    _bad(frame, ~empty & (num != num.round()), source, col, "not a whole number")
    return num


def _corrections(
    units: tuple[str, ...],
    unit_of: IntArray,
    a: FloatArray,
    b: FloatArray,
    total: FloatArray,
    error: FloatArray,
) -> dict[str, Corrections]:
    """Drops of the total or of either candidate's votes beyond the rounding of the feed."""
    out: dict[str, Corrections] = {}
    if len(unit_of) < 2:
        return out
    same = unit_of[1:] == unit_of[:-1]
    cand = np.maximum(a[:-1] - a[1:], b[:-1] - b[1:])
    cand = np.where(cand > error[:-1] + error[1:], cand, 0.0)
    drop = np.maximum(cand, total[:-1] - total[1:])
    hit = same & (drop > 0)
    for k in np.unique(unit_of[1:][hit]):
        d = drop[hit & (unit_of[1:] == k)]
        out[units[int(k)]] = Corrections(len(d), int(d.max()))
    return out


def _order(frame: pd.DataFrame, year: int | None, until: int | None) -> tuple[str, str]:
    """Which two candidates are modelled, and which comes first (the Democrat if known):
    the two with most votes in the rows known at ``until`` (seconds; all rows when None,
    or when fewer than two candidates are known by then)."""
    if until is not None:
        known = frame[frame.ts <= pd.Timestamp(until, unit="s", tz="UTC")]
        if known.candidate.nunique() >= 2:
            frame = known
    last = frame.sort_values("ts").groupby(["state", "candidate"]).votes.last()
    top = last.groupby("candidate").sum().sort_values(ascending=False)
    if len(top) < 2:
        raise DataError("the series needs two candidates", field="candidate")
    pair = [str(c) for c in top.index[:2]]
    party: dict[str, str] = {}
    if "party" in frame:
        party = dict(zip(frame.candidate, frame.party.str.upper().str.strip(), strict=False))
    elif year is not None and year in data.returns_years():
        r = data.returns(year)
        party = dict(zip(r.candidate, r.party, strict=False))
    if party.get(pair[1]) == "DEM" or party.get(pair[0]) == "REP":
        pair.reverse()
    return pair[0], pair[1]


def parse_series(
    text: str, source: str, year: int | None = None, until: int | None = None
) -> Series:
    """Validate CSV text in the long format into a :class:`Series`; the candidates are
    ordered from the rows known at ``until`` (seconds since the epoch; None: all rows)."""
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"not a CSV file: {exc}", file=source, line=1) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    for col in REQUIRED:
        if col not in frame.columns:
            want = ",".join(REQUIRED)
            raise DataError(
                f"missing column (expected {want}[,...])", file=source, line=1, field=col
            )
    frame = frame[(frame[list(REQUIRED)].apply(lambda c: c.str.strip()) != "").any(axis=1)]
    if frame.empty:
        raise DataError("no rows", file=source, line=2)
    frame = frame.copy()
    frame["state"] = frame.state.str.strip().str.upper()
    _bad(frame, ~frame.state.isin(_units()), source, "state", "unknown state or district")
    parsed, zoned = parse_times(frame.timestamp)
    # Unparseable text first ("yesterday" has no zone either, but that is not its fault).
    _bad(frame, parsed.isna(), source, "timestamp", "not an ISO-8601 date and time")
    _bad(frame, ~zoned, source, "timestamp", f"no time zone ({ZONE_EXAMPLE})")
    frame["ts"] = parsed
    frame["candidate"] = frame.candidate.str.strip()
    _bad(frame, frame.candidate == "", source, "candidate", "empty")
    book = data.name_book()
    frame["candidate"] = frame.candidate.map(book.canonical)
    frame["votes"] = _whole(frame, "votes", source, required=True)
    has_total = "total_votes" in frame
    if has_total:
        frame["total_votes"] = _whole(frame, "total_votes", source, required=False)
    if "eevp_pct" in frame:
        e = frame.eevp_pct.str.strip()
        num = pd.to_numeric(e.where(e != ""), errors="coerce")
        _bad(frame, (e != "") & num.isna(), source, "eevp_pct", "not a number")
        _bad(frame, (num < 0) | (num > 100), source, "eevp_pct", "not a percentage 0-100")
        frame["eevp_pct"] = num
    if "votes_error" in frame:
        frame["votes_error"] = _whole(frame, "votes_error", source, required=False)
    dup = frame.duplicated(["state", "ts", "candidate"], keep="first")
    _bad(frame, dup, source, "candidate", "second row for this state, time and candidate")
    first, second = _order(frame, year, until)
    return _arrays(frame, source, first, second, has_total)


def _arrays(frame: pd.DataFrame, source: str, first: str, second: str, has_total: bool) -> Series:
    frame = frame.sort_values(["state", "ts"], kind="stable")
    wide = frame.pivot_table(
        index=["state", "ts"], columns="candidate", values="votes", aggfunc="first"
    )
    wide = wide.groupby(level="state").ffill().fillna(0.0)
    for c in (first, second):
        if c not in wide:
            wide[c] = 0.0
    keys = frame.groupby(["state", "ts"], sort=True)
    total = wide.sum(axis=1)
    if has_total:
        given = keys.total_votes.max().reindex(wide.index)
        total = given.fillna(total).astype(float)
    eevp = keys.eevp_pct.max() if "eevp_pct" in frame else pd.Series(np.nan, index=wide.index)
    err = keys.votes_error.max() if "votes_error" in frame else pd.Series(0.0, index=wide.index)
    a = wide[first].to_numpy(float)
    b = wide[second].to_numpy(float)
    tot = np.maximum(total.to_numpy(float), a + b)
    states = wide.index.get_level_values("state")
    units = tuple(sorted(set(states)))
    unit_of = np.searchsorted(np.array(units), states.to_numpy(str)).astype(np.int64)
    ts = pd.DatetimeIndex(wide.index.get_level_values("ts"))
    t = (ts.as_unit("s").asi8).astype(np.int64)
    error: FloatArray = np.asarray(err.reindex(wide.index).fillna(0.0), dtype=np.float64)
    eevp_a: FloatArray = np.asarray(eevp.reindex(wide.index), dtype=np.float64)
    return Series(
        source,
        first,
        second,
        units,
        unit_of,
        t,
        a,
        b,
        tot,
        eevp_a,
        error,
        _corrections(units, unit_of, a, b, tot, error),
    )


def read_series(path: str | Path, year: int | None = None, until: int | None = None) -> Series:
    """Read a user's series file (see the module docstring for the format); ``until`` as
    in :func:`parse_series`."""
    p = Path(path)
    raw = read_input(p, max_bytes=MAX_POLL_BYTES)  # a regular file (never a FIFO), bounded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError("not UTF-8 text", file=p, line=line) from None
    return parse_series(text, str(p), year, until)


def series_years() -> tuple[int, ...]:
    """Years with a packaged election-night series."""
    names = (f.name for f in resources.files(data).iterdir())
    return tuple(
        sorted(
            int(n[6:10])
            for n in names
            if n.startswith("night_") and n[6:10].isdigit() and n.endswith(".csv") and len(n) == 14
        )
    )


@cache
def packaged_series(year: int) -> Series:
    """The packaged series of a year (``night_<year>.csv``; 2020)."""
    if year not in series_years():
        raise RuleError(
            f"no packaged election-night series for {year} (packaged: "
            f"{', '.join(map(str, series_years()))}); give one with --series FILE"
        )
    text = read_text(f"night_{year}.csv")  # verified against MANIFEST.json
    return parse_series(text, f"electoral/data/night_{year}.csv", year)
