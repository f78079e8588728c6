"""One validation layer for what enters: numbers, limits and input files.

Every number a user or a file hands the engine passes through here: it must be finite, in
its range, and whole where it counts something.  Text is a whole number only if it is made
of decimal digits (``str.isdecimal``: ``"²"`` is a digit to ``isdigit`` but no number).
A failure is a ``DataError`` naming the field (and the file and line when there is one), so
the CLI prints one line and exits 2 and the web answers 422.

Limits on work are constants here, checked before the work starts and quoted in the help
texts; input files are read only if they are regular files, never a device or a FIFO, and
never beyond a size limit.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from electoral.errors import DataError

#: The largest returns file read, in bytes.  A year's statewide returns with every minor
#: candidate is about 15 kB, all of 1976-2020 in one file 510 kB; county-level returns are
#: not an input format.  (A 15 MB file took 28 s and 1.1 GB before this limit.)
MAX_INPUT_BYTES = 2_000_000
#: The largest poll file read, in bytes (FiveThirtyEight's 2020 file is about 4 MB).
MAX_POLL_BYTES = 32_000_000
#: Simulated elections one forecast may run, and simulations held in memory at once.
MAX_SIMS = 10_000_000
MAX_CHUNK = 1_000_000
#: House sizes (apportionment): one seat per 30,000 people is the Constitution's ceiling,
#: about 11,000 seats in 2020; sweeps list at most this many sizes.
MAX_HOUSE = 11_000
MAX_SWEEP = 2_000
#: Tossup units a scenario may leave open, and smallest winning sets one request may list.
MAX_TOSSUPS = 56
MAX_PATHS_LIMIT = 10_000
#: Seeds are 32-bit unsigned integers (what NumPy and the forecast document store).
MAX_SEED = 2**32 - 1


def _error(message: str, field: str, file: str | Path | None, line: int | None) -> DataError:
    return DataError(message, file=file, line=line, field=field)


def check_number(
    value: float,
    *,
    field: str,
    file: str | Path | None = None,
    line: int | None = None,
    lo: float | None = None,
    hi: float | None = None,
) -> float:
    """``value`` as a float if it is finite and within ``[lo, hi]``; else a ``DataError``."""
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        raise _error(f"{value!r} is not a number", field, file, line) from None
    if not math.isfinite(x):
        raise _error(f"{value!r} is not a finite number", field, file, line)
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        raise _error(f"{value!r} is out of range [{_fmt(lo)}, {_fmt(hi)}]", field, file, line)
    return x


def parse_number(
    text: str,
    *,
    field: str,
    file: str | Path | None = None,
    line: int | None = None,
    lo: float | None = None,
    hi: float | None = None,
) -> float:
    """Decimal text (``0.02``, ``-1.5e-3``) as a finite float within ``[lo, hi]``."""
    t = text.strip().replace("_", "")
    body = t.lstrip("+-")
    if not body or not all(c.isascii() and (c.isdecimal() or c in ".eE+-") for c in body):
        raise _error(f"{text!r} is not a number", field, file, line)
    try:
        x = float(t)
    except ValueError:
        raise _error(f"{text!r} is not a number", field, file, line) from None
    return check_number(x, field=field, file=file, line=line, lo=lo, hi=hi)


def check_whole(
    value: int,
    *,
    field: str,
    file: str | Path | None = None,
    line: int | None = None,
    lo: int | None = None,
    hi: int | None = None,
) -> int:
    """``value`` if it is an integer within ``[lo, hi]``; else a ``DataError``."""
    raw: object = value
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, bool) or not isinstance(raw, int):
        raise _error(f"{raw!r} is not a whole number", field, file, line)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise _error(f"{value:,} is out of range [{_fmt(lo)}, {_fmt(hi)}]", field, file, line)
    return value


def parse_whole(
    text: str,
    *,
    field: str,
    file: str | Path | None = None,
    line: int | None = None,
    lo: int | None = None,
    hi: int | None = None,
) -> int:
    """Text of decimal digits (an optional sign) as an int within ``[lo, hi]``."""
    t = text.strip()
    body = t[1:] if t[:1] in "+-" else t
    if not body or not body.isdecimal():
        raise _error(f"{text!r} is not a whole number", field, file, line)
    if len(body) > 30:
        raise _error(f"{text!r} is too large", field, file, line)
    return check_whole(int(t), field=field, file=file, line=line, lo=lo, hi=hi)


def check_finite(
    values: Iterable[float],
    *,
    field: str,
    file: str | Path | None = None,
    lines: Iterable[int] | None = None,
) -> None:
    """Every value finite, else a ``DataError`` at the first bad one (with its line when
    ``lines`` runs alongside ``values``): for columns read from a file."""
    line_iter = iter(lines) if lines is not None else None
    for v in values:
        line = next(line_iter, None) if line_iter is not None else None
        try:
            ok = math.isfinite(float(v))
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok:
            raise _error(f"{v!r} is not a finite number", field, file, line)


def _fmt(x: float | None) -> str:
    if x is None:
        return "…"
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def read_input(
    path: str | Path, *, field: str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    A device (``/dev/zero``), a FIFO, a socket or a directory is refused without reading
    from it (the file is opened non-blocking, so a FIFO with no writer cannot hang the
    caller, and checked with ``fstat`` on the open descriptor); a larger file is refused
    before it is read.
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", file=p, field=field) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, FIFO or socket"
            raise DataError(f"not a regular file ({kind})", file=p, field=field)
        if info.st_size > max_bytes:
            raise DataError(
                f"file of {info.st_size:,} bytes is larger than the limit of {max_bytes:,}",
                file=p,
                field=field,
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", file=p, field=field) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we looked
        raise DataError(f"file larger than the limit of {max_bytes:,} bytes", file=p, field=field)
    return data


def check_writable(path: str | Path, *, field: str) -> Path:
    """``path`` can be written as a new or replaced file: checked before any work is done."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise DataError("is a directory, not a file to write", file=p, field=field)
    if p.exists() and not p.is_file():
        raise DataError(
            "not a regular file (a device, FIFO or socket): not a file to write",
            file=p,
            field=field,
        )
    if not parent.is_dir():
        raise DataError(f"cannot write: no directory {str(parent)!r}", file=p, field=field)
    if p.exists() and not os.access(p, os.W_OK):
        raise DataError("cannot write: permission denied", file=p, field=field)
    if not p.exists() and not os.access(parent, os.W_OK | os.X_OK):
        raise DataError(f"cannot write: permission denied in {str(parent)!r}", file=p, field=field)
    return p
