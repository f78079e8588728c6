"""The command line: a thin layer over the library.  Tables for people, ``--json`` for programs.

Every command prints a Rich table by default and exactly one JSON document on stdout with
``--json``.  Errors go to stderr as one line naming the file, line and field, with a
non-zero exit code (2 for bad input); warnings go to stderr too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from electoral import __version__
from electoral.engine import DEFAULT_YEAR, election, tally
from electoral.errors import DataError, ElectoralError
from electoral.results import ElectionResult, TallyResult
from electoral.returns import read_returns
from electoral.rules.calendar import calendar
from electoral.rules.count import CountResult
from electoral.store import Store

app = typer.Typer(
    name="electoral",
    help="The U.S. presidential election system: from returns to the president-elect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
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


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the engine's errors into one line on stderr and their exit code."""
    try:
        yield
    except ElectoralError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def _emit(obj: dict[str, Any], as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    else:
        render()


def _warn(warnings: tuple[str, ...]) -> None:
    for w in warnings:
        err.print(f"warning: {w}", markup=False, soft_wrap=True)


def _count_table(title: str, result: CountResult, extra: dict[str, int] | None = None) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column("candidate")
    t.add_column("electoral votes", justify="right")
    if extra is not None:
        t.add_column("pledged by returns", justify="right")
    names = list(result.tally) + [c for c in (extra or {}) if c not in result.tally]
    for c in names:
        mark = " ✔" if c == result.winner else ""
        row = [c + mark, str(result.tally.get(c, 0))]
        if extra is not None:
            row.append(str(extra.get(c, 0)))
        t.add_row(*row)
    return t


def _outcome_lines(result: CountResult) -> list[str]:
    office = result.office.replace("_", " ")
    lines = [f"{result.electors} electors appointed; a majority is {result.majority}."]
    if result.winner is not None:
        lines.append(f"[bold]{result.winner}[/] is elected {office} by the Electoral College.")
    elif result.contingent is not None:
        chamber = "House" if result.contingent.chamber == "house" else "Senate"
        who = ", ".join(result.contingent.candidates)
        lines.append(f"[bold]No majority for {office}.[/] The {chamber} chooses among: {who}.")
        lines.append(f"[dim]{result.contingent.rule}[/]")
    return lines


def _render_tally(r: TallyResult, show_states: bool) -> None:
    out.print(_count_table(f"{r.year} rules · {r.source}", r.president))
    for line in _outcome_lines(r.president):
        out.print(line)
    if r.president.winner is None:
        top2 = ", ".join(r.president.contingent.candidates[:2]) if r.president.contingent else ""
        out.print(
            f"The Senate chooses the vice president between the top two (the running "
            f"mates of {top2}, if electors voted the tickets)."
        )
    if show_states:
        t = Table(title="States", title_justify="left")
        for col in ("state", "electors", "winner", "margin", "rule"):
            t.add_column(col, justify="right" if col in {"electors", "margin"} else "left")
        for u in r.units:
            margin = "" if u.margin is None else f"{u.margin:.2%}"
            t.add_row(u.unit, str(u.electors), u.winner, margin, u.rule)
        out.print(t)
    for n in r.notes:
        out.print(f"[dim]note: {n}[/]")


def _render_election(r: ElectionResult, show_states: bool) -> None:
    pledged = dict(r.pledged.president.tally) if r.pledged is not None else None
    out.print(_count_table(f"{r.year}: electoral votes for president", r.president, pledged))
    for line in _outcome_lines(r.president):
        out.print(line)
    if r.vice_president is not None:
        out.print(_count_table(f"{r.year}: electoral votes for vice president", r.vice_president))
        for line in _outcome_lines(r.vice_president)[1:]:
            out.print(line)
    flag = "[green]yes[/]" if r.reproduced else "[red]no[/]"
    out.print(f"Reproduces the recorded outcome: {flag}")
    diff = r.differences()
    if diff:
        t = Table(
            title="Where the electors' votes differ from what the returns pledged",
            title_justify="left",
        )
        t.add_column("state")
        t.add_column("pledged")
        t.add_column("cast")
        for st, d in diff.items():
            t.add_row(st, _fmt(d["pledged"]), _fmt(d["cast"]))
        out.print(t)
    if show_states:
        t = Table(title="Electoral votes cast by state", title_justify="left")
        t.add_column("state")
        t.add_column("cast")
        for st, votes in r.recorded_states.items():
            t.add_row(st, _fmt(votes))
        out.print(t)
    for n in r.notes:
        out.print(f"[dim]note: {n}[/]")


def _fmt(votes: dict[str, int] | Any) -> str:
    return ", ".join(f"{c} {v}" for c, v in sorted(dict(votes).items(), key=lambda kv: -kv[1]))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"electoral {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """The U.S. presidential election system: from returns to the president-elect."""


@app.command("tally")
def tally_cmd(
    results: Annotated[
        Path | None,
        typer.Argument(
            help="Returns CSV: state,candidate,votes[,party]; ME-1, NE-2... for districts.",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Use a named import from the store instead of a file."),
    ] = None,
    year: Annotated[
        int, typer.Option(help="Election year whose electors and rules apply.")
    ] = DEFAULT_YEAR,
    faithless: Annotated[
        list[str] | None,
        typer.Option(
            help="state:from:to:count — electors who vote against their pledge (repeatable)."
        ),
    ] = None,
    states: Annotated[
        bool, typer.Option("--states/--no-states", help="Show the per-state table.")
    ] = True,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Allocate electors from your returns and count them: who has a majority?"""
    with _errors():
        if (results is None) == (from_ is None):
            raise DataError("give either a RESULTS.csv file or --from NAME", field="RESULTS")
        source = Store(db).load_returns(from_) if from_ is not None else results
        assert source is not None
        r = tally(source, year=year, faithless=faithless or ())
        _warn(r.warnings)
        _emit(r.to_dict(), as_json, lambda: _render_tally(r, states))


@app.command("election")
def election_cmd(
    year: Annotated[int, typer.Argument(help="Election year, e.g. 2020.")],
    states: Annotated[
        bool, typer.Option("--states/--no-states", help="Show the votes cast in every state.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Replay a recorded election: the count of the electoral votes as cast, beside the
    electors the popular vote pledged."""
    with _errors():
        r = election(year)
        _emit(r.to_dict(), as_json, lambda: _render_election(r, states))


@app.command("import")
def import_cmd(
    results: Annotated[Path, typer.Argument(help="Returns CSV to save.")],
    name: Annotated[str, typer.Option(help="Name to save the returns under.")],
    replace: Annotated[bool, typer.Option(help="Replace a set with the same name.")] = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Save a set of returns in the store (all rows or none)."""
    with _errors():
        returns = read_returns(results)
        saved = Store(db).save_returns(name, returns, replace=replace)
        doc = {
            "name": saved.name,
            "rows": saved.rows,
            "source": saved.source,
            "created_at": saved.created_at.isoformat(),
        }
        _emit(doc, as_json, lambda: out.print(f"saved {saved.rows} rows as '{saved.name}'"))


@app.command("imports")
def imports_cmd(as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """List the named sets of returns in the store."""
    with _errors():
        sets = Store(db).list()
        doc = {
            "imports": [
                {
                    "name": s.name,
                    "rows": s.rows,
                    "source": s.source,
                    "created_at": s.created_at.isoformat(),
                }
                for s in sets
            ]
        }

        def render() -> None:
            t = Table(title="Saved returns", title_justify="left")
            for col in ("name", "rows", "source", "saved"):
                t.add_column(col)
            for s in sets:
                t.add_row(s.name, str(s.rows), s.source, s.created_at.strftime("%Y-%m-%d %H:%M"))
            out.print(t)

        _emit(doc, as_json, render)


@app.command("calendar")
def calendar_cmd(
    year: Annotated[int, typer.Argument(help="Presidential election year, past or future.")],
    as_json: JsonOpt = False,
) -> None:
    """The dates of an election, from Election Day to the start of the term, each with the
    law that set it."""
    with _errors():
        cal = calendar(year)

        def render() -> None:
            t = Table(title=f"The {cal.year} presidential election calendar", title_justify="left")
            t.add_column("step")
            t.add_column("date")
            t.add_column("rule", overflow="fold")
            for ev in cal.events():
                day = ev.date.strftime("%a %b %-d, %Y") if ev.date else "—"
                rule = ev.rule + (f" [dim]({ev.note})[/]" if ev.note else "")
                t.add_row(ev.name.replace("_", " "), day, rule)
            out.print(t)

        _emit(cal.to_dict(), as_json, render)


def main() -> None:
    """Console-script entry point."""
    app()
