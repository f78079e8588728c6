"""Reading a user's returns: long-format CSV or DataFrame -> validated rows.

The format is ``state,candidate,votes`` with an optional ``party`` column; a row whose
state is ``ME-1``, ``NE-2``... is a district result.  Every problem is reported as a
``DataError`` naming the file, the line (as a spreadsheet shows it: the header is line 1)
and the field.  Nothing is returned unless every row is good.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from electoral.data import name_book
from electoral.errors import DataError
from electoral.states import DISTRICTS, split_unit, state, to_code
from electoral.validate import read_input

REQUIRED = ("state", "candidate", "votes")
OPTIONAL = ("party",)
_EXPECTED = ",".join(REQUIRED) + "".join(f"[,{c}]" for c in OPTIONAL)
#: No state has cast a billion votes; a larger count is a typo (and overflows storage).
MAX_VOTES = 1_000_000_000
_INT = re.compile(r"^\+?\d+$")
_NEG = re.compile(r"^-\s*\d+(\.\d*)?$")


@dataclass(frozen=True)
class Returns:
    """Validated returns.

    ``rows`` has columns ``unit`` (``"PA"``, ``"ME-2"``), ``state`` (``"ME"``), ``candidate``
    (canonical name), ``party``, ``votes`` (int) and ``line`` (where the row came from).
    """

    rows: pd.DataFrame
    source: str

    @cached_property
    def by_unit(self) -> dict[str, dict[str, int]]:
        """Votes per candidate in every unit, in row order (computed once)."""
        out: dict[str, dict[str, int]] = {}
        for unit, cand, v in zip(self.rows.unit, self.rows.candidate, self.rows.votes, strict=True):
            votes = out.setdefault(str(unit), {})
            votes[str(cand)] = votes.get(str(cand), 0) + int(v)
        return out

    @cached_property
    def first_lines(self) -> dict[str, dict[str, int]]:
        """For each state, its units (statewide and districts) and the line each first appears."""
        out: dict[str, dict[str, int]] = {}
        for st, unit, line in zip(self.rows.state, self.rows.unit, self.rows.line, strict=True):
            out.setdefault(str(st), {}).setdefault(str(unit), int(line))
        return dict(sorted(out.items()))

    def votes(self, unit: str) -> dict[str, int]:
        """Votes per candidate in one unit."""
        return dict(self.by_unit.get(unit, {}))

    def to_frame(self) -> pd.DataFrame:
        """The rows as ``state, candidate, party, votes`` (``state`` holds the unit)."""
        return self.rows[["unit", "candidate", "party", "votes"]].rename(columns={"unit": "state"})


@dataclass(frozen=True)
class _Where:
    file: str
    line: int
    field: str

    def error(self, message: str) -> DataError:
        return DataError(message, file=self.file, line=self.line, field=self.field)


def _canonical_unit(raw: str, source: str, line: int) -> str:
    where = _Where(source, line, "state")
    text = raw.strip()
    if not text:
        raise where.error("empty state")
    parent, district = split_unit(text.upper())
    if district is not None:
        code = to_code(parent)
        if code is None:
            raise where.error(f"unknown state {parent!r} in {text!r}")
        if code not in DISTRICTS:
            raise where.error(
                f"{text!r} is a district row, but {state(code).name} awards no electors by "
                f"district (only {', '.join(sorted(DISTRICTS))} do)"
            )
        if district not in DISTRICTS[code]:
            raise where.error(
                f"{text!r}: {state(code).name} has districts {', '.join(DISTRICTS[code])}"
            )
        return district
    code = to_code(text)
    if code is None:
        raise where.error(
            f"unknown state {text!r} (use a postal code such as PA, DC, or a district such as ME-2)"
        )
    return code


def _votes(raw: str, source: str, line: int) -> int:
    where = _Where(source, line, "votes")
    text = raw.strip().replace("_", "")
    if not text:
        raise where.error("missing vote count")
    if _NEG.match(text):
        raise where.error(f"negative vote count {raw.strip()!r}")
    if not _INT.match(text):
        raise where.error(f"vote count {raw.strip()!r} is not a whole number")
    if len(text) > 10 or int(text) > MAX_VOTES:
        raise where.error(
            f"vote count {raw.strip()!r} is too large (more than {MAX_VOTES:,} votes in one state)"
        )
    return int(text)


def _cell(x: object) -> str:
    """A DataFrame cell as CSV text: NaN is empty, 12.0 is 12 (a float column of counts)."""
    if x is None or (isinstance(x, float) and x != x):
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def parse_rows(records: list[tuple[int, dict[str, str]]], source: str) -> Returns:
    """Validate ``(line, {column: text})`` records into ``Returns``."""
    if not records:
        raise DataError(
            "no data rows: expected one row per state and candidate", file=source, line=2
        )
    book = name_book()
    out = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, rec in records:
        unit = _canonical_unit(rec.get("state") or "", source, line)
        raw_name = (rec.get("candidate") or "").strip()
        if not raw_name:
            raise DataError("empty candidate name", file=source, line=line, field="candidate")
        cand = book.canonical(raw_name)
        votes = _votes(rec.get("votes") or "", source, line)
        party = (rec.get("party") or "").strip()
        key = (unit, cand, party)
        if key in seen:
            what = f"({unit}, {cand}" + (f", {party})" if party else ")")
            raise DataError(
                f"duplicate row for {what}; first given on line {seen[key]}",
                file=source,
                line=line,
                field="candidate",
            )
        seen[key] = line
        out.append((unit, split_unit(unit)[0], cand, party, votes, line))
    rows = pd.DataFrame(out, columns=["unit", "state", "candidate", "party", "votes", "line"])
    return Returns(rows, source)


def _header(row: list[str], source: str) -> list[str]:
    cols = [c.strip().lower().lstrip("\ufeff") for c in row]
    plausible = all(
        len(c) <= 40 and "\n" not in c and not c.startswith(("{", "[", "<")) for c in cols
    )
    if not any(c in REQUIRED for c in cols) and (len(cols) == 1 or not plausible):
        first = ",".join(row).splitlines()[0] if any(row) else ""
        raise DataError(
            "not a CSV file: the first line is not a header of comma-separated column names "
            f"(expected {_EXPECTED}; found {first[:40]!r})",
            file=source,
            line=1,
        )
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise DataError(
            f"missing column {missing[0]!r} (the header has: {', '.join(cols)}; "
            f"expected {_EXPECTED})",
            file=source,
            line=1,
            field=missing[0],
        )
    dup = [c for c in set(cols) if c and cols.count(c) > 1]
    if dup:
        raise DataError(f"column {dup[0]!r} appears twice", file=source, line=1, field=dup[0])
    return cols


def parse_csv_text(text: str, source: str) -> Returns:
    """Validate CSV text (as read from ``source``) into ``Returns``."""
    if not text.strip():
        raise DataError(
            "empty file: expected a header line state,candidate,votes", file=source, line=1
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _header(next(reader), source)
        records = []
        start = reader.line_num + 1
        for row in reader:
            if not any(c.strip() for c in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise DataError(
                    f"expected {len(header)} fields ({','.join(header)}), found {len(row)}",
                    file=source,
                    line=start,
                )
            records.append((start, dict(zip(header, row, strict=True))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"not a CSV file: {exc}", file=source, line=reader.line_num) from exc
    return parse_rows(records, source)


def read_returns(source: str | Path | pd.DataFrame | Returns) -> Returns:
    """Read and validate returns from a CSV path, a DataFrame or an existing ``Returns``."""
    if isinstance(source, Returns):
        return source
    if isinstance(source, pd.DataFrame):
        cols = [str(c).strip().lower() for c in source.columns]
        missing = [c for c in REQUIRED if c not in cols]
        if missing:
            raise DataError(
                f"missing column {missing[0]!r}", file="<DataFrame>", line=1, field=missing[0]
            )
        frame = source.set_axis(cols, axis=1).astype(object)
        frame = frame.map(_cell)
        records = [
            (i + 2, {c: v for c, v in zip(cols, row, strict=True)})
            for i, row in enumerate(frame.itertuples(index=False))
        ]
        return parse_rows(records, "<DataFrame>")
    path = Path(source)
    data = read_input(path)
    if b"\x00" in data[:4096]:
        raise DataError("not a CSV file: it holds binary data", file=path, line=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError("not a CSV text file: it is not UTF-8 text", file=path, line=line) from exc
    return parse_csv_text(text, str(path))
