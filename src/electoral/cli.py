"""The command line: a thin layer over the library.  Tables for people, ``--json`` for programs.

Every command prints a Rich table by default and exactly one JSON document on stdout with
``--json``.  Errors go to stderr as one line naming the file, line and field, with a
non-zero exit code (2 for bad input); warnings go to stderr too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from electoral import (
    __version__,
    cli_analysis,
    cli_confirmation,
    cli_forecast,
    cli_night,
    cli_web,
)
from electoral.cli_common import DbOpt, JsonOpt, ObjectionOpt, emit, errors, open_store, out, warn
from electoral.cli_recount import print_recounts, recount_cell
from electoral.engine import DEFAULT_YEAR, election, tally
from electoral.errors import DataError
from electoral.results import ElectionResult, TallyResult, votes_line
from electoral.returns import Returns, read_returns
from electoral.rules.calendar import calendar
from electoral.rules.count import CountResult
from electoral.validate import MAX_HOUSE, MAX_SWEEP, parse_whole

app = typer.Typer(
    name="electoral",
    help="The U.S. presidential election system: from returns to the president-elect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    c = result.contingent
    if c is not None:
        chamber = "House" if c.chamber == "house" else "Senate"
        who = ", ".join(c.candidates)
        lines.append(f"[bold]No majority for {office}.[/] The {chamber} chooses among: {who}.")
        lines.append(f"[dim]{c.rule}[/]")
        if c.result is not None:
            unit = "states" if c.chamber == "house" else "senators"
            for b in c.result.ballots:
                which = f"ballot {b.first}" if b.first == b.last else f"ballots {b.first}-{b.last}"
                votes = ", ".join(f"{k} {v}" for k, v in b.tally.items())
                blank = f", {b.no_vote} not voting or divided" if b.no_vote else ""
                lines.append(
                    f"  {which}: {votes}{blank} ({c.result.needed} of "
                    f"{c.result.members} {unit} needed)"
                )
            if c.result.winner is not None:
                lines.append(f"[bold]{c.result.winner}[/] is elected {office} by the {chamber}.")
    elif result.winner is not None:
        lines.append(f"[bold]{result.winner}[/] is elected {office} by the Electoral College.")
    elif not result.tally:
        lines.append(f"[bold]Nobody is elected {office}:[/] no electoral votes were counted.")
        lines.extend(f"[dim]{n}[/]" for n in result.notes)
    return lines


def _render_tally(r: TallyResult, show_states: bool) -> None:
    out.print(_count_table(f"{r.year} rules · {r.source}", r.president))
    for line in _outcome_lines(r.president):
        out.print(line)
    if r.president.winner is None and r.president.contingent is not None:
        top2 = ", ".join(r.president.contingent.candidates[:2]) if r.president.contingent else ""
        out.print(
            f"The Senate chooses the vice president between the top two (the running "
            f"mates of {top2}, if electors voted the tickets)."
        )
    if show_states:
        t = Table(title="States", title_justify="left")
        for col in ("state", "electors", "winner", "margin", "rule", "recount"):
            t.add_column(col, justify="right" if col in {"electors", "margin"} else "left")
        for u in r.units:
            margin = "" if u.margin is None else f"{u.margin:.2%}"
            t.add_row(
                u.unit,
                str(u.electors),
                u.winner,
                margin,
                u.rule,
                recount_cell(r.recounts.get(u.unit)),
            )
        out.print(t)
    print_recounts(r)
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
            t.add_row(st, votes_line(d["pledged"]), votes_line(d["cast"]))
        out.print(t)
    if show_states:
        t = Table(title="Electoral votes cast by state", title_justify="left")
        t.add_column("state")
        t.add_column("cast")
        t.add_column("recount (pledged returns)")
        recounts = {} if r.pledged is None else r.pledged.recounts
        for st, votes in r.recorded_states.items():
            t.add_row(st, votes_line(votes), recount_cell(recounts.get(st)))
        out.print(t)
    if r.pledged is not None:
        print_recounts(r.pledged)
    for n in r.notes:
        out.print(f"[dim]note: {n}[/]")


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
            help="Returns CSV: state,candidate,votes[,party]; ME-1, NE-2... for districts "
            "(a regular file of at most 2 MB).",
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
    objection: ObjectionOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Allocate electors from your returns and count them: who has a majority?"""
    with errors():
        if (results is None) == (from_ is None):
            raise DataError("give either a RESULTS.csv file or --from NAME", field="RESULTS")
        source: Returns | Path | None = results
        if from_ is not None:
            with open_store(db) as store:
                source = store.load_returns(from_)
        assert source is not None
        r = tally(source, year=year, faithless=faithless or (), objections=objection or ())
        warn(r.warnings)
        emit(r.to_dict(), as_json, lambda: _render_tally(r, states))


@app.command("election")
def election_cmd(
    year: Annotated[int, typer.Argument(help="Election year, e.g. 2020.")],
    states: Annotated[
        bool, typer.Option("--states/--no-states", help="Show the votes cast in every state.")
    ] = False,
    objection: ObjectionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Replay a recorded election (1789-2024) under the rules of its year.

    The count of the electoral votes as cast, any contingent election, and the electors the
    popular vote pledged.
    """
    with errors():
        r = election(year, objections=objection or ())
        emit(r.to_dict(), as_json, lambda: _render_election(r, states))


@app.command("import")
def import_cmd(
    results: Annotated[Path, typer.Argument(help="Returns CSV to save.")],
    name: Annotated[str, typer.Option(help="Name to save the returns under.")],
    replace: Annotated[bool, typer.Option(help="Replace a set with the same name.")] = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Save a set of returns in the store (all rows or none)."""
    with errors():
        returns = read_returns(results)
        with open_store(db) as store:
            saved = store.save_returns(name, returns, replace=replace)
        doc = {
            "name": saved.name,
            "rows": saved.rows,
            "source": saved.source,
            "created_at": saved.created_at.isoformat(),
        }
        emit(doc, as_json, lambda: out.print(f"saved {saved.rows} rows as '{saved.name}'"))


@app.command("imports")
def imports_cmd(as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """List the named sets of returns in the store."""
    with errors():
        with open_store(db) as store:
            sets = store.list()
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

        emit(doc, as_json, render)


def _house_sizes(text: str) -> tuple[list[int], bool]:
    """``435`` -> one House size; ``435:1000[:STEP]`` -> a sweep, both ends included."""
    bad = DataError(
        f"not a House size or a range A:B[:STEP] of sizes: {text!r}", file="--seats", field="seats"
    )
    parts = text.split(":")
    if len(parts) > 3 or not all(p.strip().isdecimal() for p in parts):
        raise bad
    nums = [
        parse_whole(p, field="seats", file="--seats", lo=1, hi=MAX_HOUSE) for p in parts[:2]
    ] + [parse_whole(p, field="seats", file="--seats", lo=1) for p in parts[2:]]
    if len(nums) == 1:
        return nums, False
    if nums[1] < nums[0]:
        raise bad
    sizes = range(nums[0], nums[1] + 1, nums[2] if len(nums) == 3 else 1)
    if len(sizes) > MAX_SWEEP:
        raise DataError(
            f"a sweep of {len(sizes):,} House sizes: at most {MAX_SWEEP:,} (use a STEP)",
            file="--seats",
            field="seats",
        )
    return list(sizes), True


def _render_sweep(frame: Any, census: int, method: str) -> None:
    sizes = [int(s) for s in frame.index]
    t = Table(
        title=f"House sizes {sizes[0]}-{sizes[-1]} · {census} census · {method}",
        title_justify="left",
    )
    t.add_column("seats", justify="right")
    t.add_column("states whose seats changed from the size before", overflow="fold")
    prev: dict[str, int] | None = None
    for size, row in zip(sizes, frame.to_dict("records"), strict=True):
        if prev is None:
            text = " ".join(f"{st} {n}" for st, n in row.items())
        else:
            text = ", ".join(f"{st} {prev[st]}→{n}" for st, n in row.items() if n != prev[st])
        t.add_row(str(size), text or "—")
        prev = row
    out.print(t)


@app.command("apportion")
def apportion_cmd(
    census: Annotated[
        int,
        typer.Option(
            help="Census, 1790-2020: apportioned under its own law (1920: none followed)."
        ),
    ] = 2020,
    seats: Annotated[
        str | None,
        typer.Option(
            help="House size, or sizes to sweep as A:B[:STEP] (e.g. 435:1000); default: the "
            "census's own (435 since 1910; e.g. 325 in 1880). Sizes up to 11,000; a sweep "
            "lists at most 2,000 sizes.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str | None,
        typer.Option(
            help="huntington-hill, webster, hamilton (Vinton), jefferson or adams; default: "
            "the census's own law (Jefferson's fixed ratio 1790-1830, the 1842 moiety rule, "
            "Vinton 1850-1900, Webster 1910 and 1930, Huntington-Hill since 1940).",
            show_default=False,
        ),
    ] = None,
    priority: Annotated[
        bool,
        typer.Option("--priority", help="Show the priority list 10 seats either side of the cut."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Apportion the House: seats and electoral votes per state.

    Any census 1790-2020 under its own law, beside the seats it enacted (each difference
    explained); any House size and method where the populations are in the data; or a
    sweep of House sizes.
    """
    from electoral.cli_apportion import render_report
    from electoral.errors import RuleError
    from electoral.rules.apportionment import resolve_method, sweep
    from electoral.rules.census_law import law as census_law
    from electoral.rules.census_report import populations, report

    with errors():
        if seats is None and method is None:
            r = report(census)  # every census 1790-2020, by its own law
        else:
            pops = populations(census)  # an unknown census, or one without populations, says so
            rule = census_law(census)
            sizes, is_sweep = _house_sizes(seats or str(rule.apportioned))
            name = resolve_method(method or rule.size_method)
            if priority and (is_sweep or name == "hamilton"):
                why = "a range of sizes" if is_sweep else "hamilton, which ranks remainders"
                raise RuleError(f"--priority lists one House size by a divisor method, not {why}")
            if is_sweep:
                frame = sweep(pops, sizes, name)
                doc = {
                    "census": census,
                    "method": name,
                    "sweep": {
                        str(s): {st: int(n) for st, n in row.items()} for s, row in frame.iterrows()
                    },
                }
                emit(doc, as_json, lambda: _render_sweep(frame, census, name))
                return
            r = report(census, None if seats is None else sizes[0], name)
        if priority and not r.computed:
            raise RuleError(f"--priority needs the states' populations: census {census} has none")
        if priority and (r.apportionment is None or r.apportionment.priority_arrays is None):
            raise RuleError(
                f"--priority lists one House size by a divisor method, not {r.method}, which "
                "ranks remainders or uses a fixed ratio"
            )
        window = 10 if priority else None
        emit(r.to_dict(priority=window), as_json, lambda: render_report(r, window))


@app.command("calendar")
def calendar_cmd(
    year: Annotated[int, typer.Argument(help="Presidential election year, past or future.")],
    as_json: JsonOpt = False,
) -> None:
    """The dates of an election, from Election Day to the term, each with its law."""
    with errors():
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

        emit(cal.to_dict(), as_json, render)


cli_analysis.register(app)
cli_confirmation.register(app)
cli_forecast.register(app)
cli_night.register(app)
cli_web.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
