"""Pieces every CLI module shares: consoles, options, error handling, JSON output."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from electoral.errors import DataError, ElectoralError

if TYPE_CHECKING:
    from electoral.store import Store

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path (default: $ELECTORAL_DB or "
        "~/.local/share/electoral/electoral.db).",
        show_default=False,
    ),
]


#: The library names the field at fault; on the command line that field is given by a flag.
FIELD_FLAGS = {
    "faithless": "--faithless",
    "objection": "--objection",
    "flip": "--flip",
    "margin": "--margin",
    "tossup": "--tossup",
    "toward": "--toward",
    "swing": "--swing",
    "proportional_swing": "--proportional-swing",
    "seats": "--seats",
    "tossups": "--tossup",
    "limit": "--limit",
}


def flagged(exc: ElectoralError) -> ElectoralError:
    """``exc`` with the command-line flag for its field where it names no file."""
    if isinstance(exc, DataError) and exc.file is None and exc.field in FIELD_FLAGS:
        return DataError(exc.message, file=FIELD_FLAGS[exc.field], line=exc.line, field=exc.field)
    return exc


@contextmanager
def errors() -> Iterator[None]:
    """Turn the engine's errors into one line on stderr and their exit code."""
    try:
        yield
    except ElectoralError as exc:
        err.print(f"error: {flagged(exc)}", markup=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def shown(x: float | None, spec: str, digits: int = 6) -> str:
    """``x`` rounded to ``digits`` as in the JSON document, then formatted with ``spec``, so
    that a table and ``--json`` agree to the last digit shown; "" if None or not finite."""
    if x is None or not math.isfinite(x):
        return ""
    return format(round(float(x), digits), spec)


def open_store(db: str | None) -> Store:
    """The store at ``db`` (imported here: the store is an optional extra)."""
    from electoral.store import Store

    return Store(db)


def emit(obj: dict[str, Any], as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    else:
        render()


def warn(warnings: tuple[str, ...]) -> None:
    for w in warnings:
        err.print(f"warning: {w}", markup=False, soft_wrap=True)


ObjectionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--objection",
        help="STATE:GROUND[:both|house|senate|none] — an objection in Congress's count under "
        "the Electoral Count Reform Act (grounds: not-lawfully-certified, not-regularly-given; "
        "sustained by both Houses unless said otherwise); repeatable.",
    ),
]
