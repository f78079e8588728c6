"""The packaged data prove themselves: a manifest of content hashes, and a strict reader.

``MANIFEST.json`` beside the data lists every data file of the package (everything in this
directory but Python modules and the manifest itself) with its SHA-256, size and number of
data rows.  ``scripts/build_manifest.py`` writes it after validating every dataset; a test
fails when the committed manifest is stale.  At run time :func:`read_table` reads a file
through ``importlib.resources`` (or from :data:`ROOT` when a test points it at a copy) and:

1. decodes it as UTF-8 (a bad byte is an error naming its line);
2. parses it as CSV, strictly: the header must be the dataset's columns, every row has as
   many fields, no field spans lines (a stray quote swallowing rows), the file ends with a
   newline (a truncated file);
3. types every column: whole numbers are decimal digits, booleans ``True``/``False``,
   decimals finite; an empty value only where the schema allows it;
4. compares the number of rows and the content hash with the manifest: a changed byte is a
   ``DataError`` naming the file.

Each failure is one ``DataError`` naming the file, the line (header = line 1) and the field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

from electoral.errors import DataError

MANIFEST = "MANIFEST.json"
PACKAGE = "electoral.data"
#: Point the loaders at another directory (a test's corrupted copy); None: the package's.
ROOT: Path | None = None

#: Column kinds of every packaged CSV: ``int`` (decimal digits, optional minus), ``bool``
#: (True/False), ``float`` (finite), ``str`` (non-empty), ``text`` (may be empty); a ``?``
#: suffix allows an empty value (read as missing).
SCHEMAS: dict[str, dict[str, str]] = {
    "apportionment.csv": {"census": "int", "state": "str", "population": "int?", "seats": "int"},
    "candidates.csv": {"candidate": "str", "alias": "str"},
    "contingent_elections.csv": {
        "year": "int",
        "chamber": "str",
        "ballot_first": "int",
        "ballot_last": "int",
        "state": "text",
        "choice": "text",
        "votes": "int",
        "members": "int",
    },
    "district_returns.csv": {
        "year": "int",
        "state": "str",
        "candidate": "str",
        "party": "text",
        "votes": "int",
        "method": "text",
    },
    "electoral_votes_cast.csv": {
        "year": "int",
        "state": "str",
        "candidate": "str",
        "votes": "int",
        "counted": "bool",
    },
    "electors.csv": {"year": "int", "state": "str", "electors": "int"},
    "gallup_final_polls.csv": {
        "year": "int",
        "dem_candidate": "str",
        "dem_pct": "float",
        "rep_candidate": "str",
        "rep_pct": "float",
        "other_pct": "float",
        "fieldwork": "str",
        "poll_dem_margin": "float",
        "result_dem_margin": "float",
        "error": "float",
        "result_source": "str",
        "source": "str",
        "verified": "str",
    },
    "irregularities.csv": {
        "year": "int",
        "state": "str",
        "kind": "str",
        "electors": "int",
        "note": "text",
    },
    "outcomes.csv": {"year": "int", "office": "str", "winner": "str", "decided_by": "str"},
    "returns.csv": {
        "year": "int",
        "state": "str",
        "candidate": "str",
        "party": "text",
        "votes": "int",
    },
    "vice_president_votes.csv": {"year": "int", "candidate": "str", "votes": "int"},
    "parties.csv": {"year": "int", "candidate": "str", "party": "text", "source": "text"},
    "popular_votes_1824_1972.csv": {
        "year": "int",
        "state": "str",
        "candidate": "str",
        "votes": "int",
    },
    "published_forecasts.csv": {
        "year": "int",
        "forecaster": "str",
        "unit": "str",
        "dem_probability": "float",
    },
    "night_prior_2020.csv": {
        "year": "int",
        "state": "str",
        "first": "str",
        "second": "str",
        "margin_mean": "float",
        "margin_sd": "float",
        "as_of": "str",
    },
    "night_counting.csv": {
        "year": "int",
        "state": "str",
        "practice": "str",
        "rule": "str",
        "source": "str",
    },
}
#: Whole numbers in the packaged data stay below this (the largest is a census population).
MAX_INT = 10**12


def _root() -> Traversable:
    return ROOT if ROOT is not None else resources.files(PACKAGE)


def data_files(root: Path) -> list[str]:
    """The data files of a data directory: everything but Python modules and the manifest."""
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_file() and p.suffix not in {".py", ".pyc"} and p.name != MANIFEST
    )


def compute(root: Path) -> dict[str, Any]:
    """The manifest of a data directory: SHA-256, bytes and data rows of every data file."""
    files: dict[str, Any] = {}
    for name in data_files(root):
        raw = (root / name).read_bytes()
        entry: dict[str, Any] = {"sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}
        if name.endswith(".csv"):
            entry["rows"] = max(raw.count(b"\n") - 1, 0)
        files[name] = entry
    return {"files": files}


#: A manifest to use instead of the one in the data directory (while building it).
OVERRIDE: dict[str, Any] | None = None


@cache
def manifest() -> dict[str, Any]:
    """The manifest the package carries (``DataError`` if it is missing or unreadable)."""
    if OVERRIDE is not None:
        files: dict[str, Any] = OVERRIDE["files"]
        return files
    where = f"electoral/data/{MANIFEST}"
    try:
        doc = json.loads(_root().joinpath(MANIFEST).read_text(encoding="utf-8"))
        files = doc["files"]
        assert isinstance(files, dict)
    except (OSError, ValueError, KeyError, AssertionError) as exc:
        raise DataError(
            f"the manifest of the packaged data is missing or unreadable ({exc})", file=where
        ) from None
    return files


def building() -> bool:
    """True while ``scripts/build_all.py`` rebuilds the data: a build step reads what the
    steps before it wrote, which the old manifest cannot describe (the last step writes the
    new one).  Only the build scripts set ``ELECTORAL_DATA_BUILD``."""
    return os.environ.get("ELECTORAL_DATA_BUILD") == "1"


def read_bytes(name: str) -> bytes:
    """A data file's bytes, checked against the manifest's hash and size."""
    where = f"electoral/data/{name}"
    entry = None if building() else manifest().get(name)
    if entry is None and not building():
        raise DataError(f"not listed in {MANIFEST}: not a packaged data file", file=where)
    try:
        raw = _root().joinpath(name).read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc}", file=where) from None
    return raw


def verify(name: str, raw: bytes) -> None:
    """``DataError`` naming the file unless ``raw`` is what the manifest lists."""
    entry = manifest()[name]
    where = f"electoral/data/{name}"
    if len(raw) != entry["bytes"]:
        raise DataError(
            f"{len(raw):,} bytes, the manifest says {entry['bytes']:,}: the file was changed "
            "after the package was built (truncated or edited)",
            file=where,
        )
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise DataError(
            "content differs from the manifest's SHA-256: the file was changed after the "
            "package was built",
            file=where,
        )


def read_text(name: str) -> str:
    """A data file as text: UTF-8 (a bad byte names its line), verified against the manifest."""
    raw = read_bytes(name)
    where = f"electoral/data/{name}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        column = raw[start : exc.start].count(b",")
        header = raw.split(b"\n", 1)[0].decode("utf-8", "replace").split(",")
        raise DataError(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            file=where,
            line=line,
            field=header[column].strip()
            if name.endswith(".csv") and column < len(header)
            else None,
        ) from None
    if not building():
        if name.endswith(".csv"):
            _rows_match(name, text)
        verify(name, raw)
    return text


def _rows_match(name: str, text: str) -> None:
    where = f"electoral/data/{name}"
    if not text.strip():
        raise DataError("empty file: expected a header line and data rows", file=where, line=1)
    if not text.endswith("\n"):
        raise DataError(
            "the last line has no newline: the file is truncated",
            file=where,
            line=text.count("\n") + 1,
        )
    want = manifest()[name].get("rows")
    have = text.count("\n") - 1
    if want is not None and have != want:
        raise DataError(
            f"{have:,} data rows, the manifest says {want:,} (rows lost or added)",
            file=where,
            line=have + 1,
        )


def _records(text: str, where: str, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        header = next(reader, None)
        if header is None or [c.strip() for c in header] != columns:
            found = ",".join(header or [])[:80]
            missing = [c for c in columns if c not in (header or [])]
            raise DataError(
                f"the header is {found!r}, expected {','.join(columns)!r}",
                file=where,
                line=1,
                field=missing[0] if missing else None,
            )
        start = 2
        for row in reader:
            end = reader.line_num
            if end != start or any("\n" in c or "\r" in c for c in row):
                raise DataError(
                    f"a record spans lines {start}-{end}: a stray quote?", file=where, line=start
                )
            if len(row) != len(columns):
                raise DataError(
                    f"expected {len(columns)} fields ({','.join(columns)}), found {len(row)}",
                    file=where,
                    line=start,
                )
            yield start, row
            start = end + 1
    except csv.Error as exc:
        raise DataError(
            f"not valid CSV from this line on ({exc}): a stray quote?", file=where, line=start
        ) from None


def _value(text: str, kind: str, where: str, line: int, field: str) -> Any:
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if text == "" and (optional or kind == "text"):
        return None if optional else ""
    if text != text.strip():
        raise DataError(f"{text!r} has spaces around it", file=where, line=line, field=field)
    if kind in ("str", "text"):
        if not text:
            raise DataError("empty value", file=where, line=line, field=field)
        return text
    if kind == "int":
        digits = text[1:] if text.startswith("-") else text
        try:
            whole = int(text) if digits.isascii() and digits.isdecimal() else None
        except ValueError:  # more digits than int() converts (4,300)
            whole = None
        if whole is None or abs(whole) >= MAX_INT:
            raise DataError(f"{text!r} is not a whole number", file=where, line=line, field=field)
        return whole
    if kind == "bool":
        if text not in ("True", "False"):
            raise DataError(f"{text!r} is not True or False", file=where, line=line, field=field)
        return text == "True"
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not math.isfinite(x):
        raise DataError(f"{text!r} is not a finite number", file=where, line=line, field=field)
    return x


def read_table(name: str) -> pd.DataFrame:
    """A packaged CSV, strictly parsed and typed by :data:`SCHEMAS`, verified against the
    manifest; row ``i`` of the frame is line ``i + 2`` of the file."""
    where = f"electoral/data/{name}"
    text = read_text(name)
    schema = SCHEMAS.get(name)
    if schema is None:  # a dataset without a schema here: parsed as text, checked by its loader
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    columns = list(schema)
    rows = [
        [_value(v, schema[c], where, line, c) for v, c in zip(row, columns, strict=True)]
        for line, row in _records(text, where, columns)
    ]
    df = pd.DataFrame(rows, columns=columns)
    for c, kind in schema.items():
        if kind == "int":
            df[c] = df[c].astype("int64")
        elif kind == "int?":
            df[c] = df[c].astype("float64")
        elif kind == "bool":
            df[c] = df[c].astype(bool)
        elif kind == "float":
            df[c] = df[c].astype("float64")
    return df


def clear_caches() -> None:
    """Forget the manifest (after pointing :data:`ROOT` elsewhere)."""
    manifest.cache_clear()
