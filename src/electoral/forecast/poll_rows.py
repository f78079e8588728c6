"""Poll files as text rows with their line numbers, and parsers that fail naming the file,
line and field (``DataError``)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from electoral.data.polls import DAY_YEARS, NATIONAL, parse_days
from electoral.errors import DataError
from electoral.states import DISTRICTS, to_code
from electoral.validate import MAX_POLL_BYTES, read_input

__all__ = ["DATE_FORMATS", "MISSING", "Rows", "read_rows", "unit_code"]

#: Texts that mean "no value" in the files read (538 writes "", R writes NA).
MISSING = frozenset({"", "NA", "NaN", "nan", "N/A", "null", "NULL"})
#: Date formats of the poll files: ISO, and 538's M/D/YY (M/D/YYYY in a few exports).
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y")
_NOT_A_DATE = f"not a date (YYYY-MM-DD or M/D/YY) from {DAY_YEARS[0]} to {DAY_YEARS[1]}"
#: The characters of a bad value an error message quotes (a cell may be megabytes long).
_SHOWN = 40
_FTE_CD = re.compile(r"^(.+?) CD-(\d)$")


def read_rows(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows as text with the line each starts on (quoted newlines counted); the file must
    be a regular one (never a FIFO) of at most ``MAX_POLL_BYTES``."""
    source = str(path)
    raw = read_input(path, max_bytes=MAX_POLL_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
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


class Rows:
    """Text rows of one file with their line numbers; parsers that fail with a DataError."""

    def __init__(self, frame: pd.DataFrame, lines: np.ndarray, file: str) -> None:
        self.frame, self.lines, self.file = frame, lines, file

    def subset(self, mask: pd.Series | np.ndarray) -> Rows:
        """The rows where ``mask`` holds, keeping their line numbers."""
        m = np.asarray(mask, dtype=bool)
        return Rows(self.frame[m], self.lines[m], self.file)

    def flag(self, col: str) -> pd.Series:
        """A true/false column as booleans (absent or blank = false)."""
        if col not in self.frame:
            return pd.Series(False, index=self.frame.index)
        return self.frame[col].str.strip().str.lower().isin({"true", "t", "1", "yes"})

    def text(self, col: str) -> pd.Series:
        """A column stripped, blanks as "" (an absent column is all blank)."""
        if col not in self.frame:
            return pd.Series("", index=self.frame.index)
        t = self.frame[col].str.strip()
        return t.where(~t.isin(MISSING), "")

    def listed(self, col: str) -> pd.Series:
        """The day of a timestamp column such as 538's ``created_at`` ("10/21/20 14:10");
        NaT where absent, blank or unreadable (the column is information, not a check)."""
        if col not in self.frame:
            return pd.Series(pd.NaT, index=self.frame.index, dtype="datetime64[ns]")
        text = self.text(col)
        out = parse_days(text, ("%m/%d/%y %H:%M", "%m/%d/%Y %H:%M", *DATE_FORMATS))
        out = out.fillna(parse_days(text.str.slice(0, 10)))
        day: pd.Series = out.dt.normalize()
        return day

    def fail(self, mask: pd.Series | np.ndarray, field: str, what: str) -> None:
        m = np.asarray(mask, dtype=bool)
        if m.any():
            pos = int(m.nonzero()[0][0])
            value = str(self.frame[field].iloc[pos]) if field in self.frame else ""
            shown = (
                repr(value)
                if len(value) <= _SHOWN
                else f"{value[:_SHOWN]!r}… ({len(value):,} characters)"
            )
            raise DataError(
                f"{what} ({shown})", file=self.file, line=int(self.lines[pos]), field=field
            )

    def missing(self, col: str) -> pd.Series:
        return self.frame[col].str.strip().isin(MISSING)

    def number(self, col: str, lo: float, hi: float, *, optional: bool = False) -> pd.Series:
        blank = self.missing(col)
        value = pd.to_numeric(self.frame[col].where(~blank), errors="coerce")
        if not optional:
            self.fail(blank, col, "missing value")
        self.fail(~blank & ~value.between(lo, hi), col, f"not a number in {lo:g}-{hi:g}")
        return value.astype(float)

    def date(self, col: str) -> pd.Series:
        out = parse_days(self.frame[col].str.strip(), DATE_FORMATS)
        self.fail(out.isna(), col, _NOT_A_DATE)
        return out

    def unit(self, col: str, national: set[str]) -> pd.Series:
        text = self.frame[col].str.strip()
        codes = {s: unit_code(s, national) for s in text.unique()}
        unit = text.map(codes)
        self.fail(unit.isna(), col, "unknown state")
        return unit.astype(str)


def unit_code(text: str, national: set[str]) -> str | None:
    """``US`` for a national label, ``ME-2`` for "Maine CD-2", the state code, or None."""
    if text in national:
        return NATIONAL
    m = _FTE_CD.match(text)
    if m:
        code = to_code(m.group(1))
        unit = f"{code}-{m.group(2)}"
        return unit if code in DISTRICTS and unit in DISTRICTS[code] else None
    return to_code(text)
