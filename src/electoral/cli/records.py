"""Commands on the record and on your returns: ``tally``, ``election``, ``import``,
``imports``, ``apportion``, ``calendar``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from electoral.cli.app import app
from electoral.cli.apportion_tables import render_report, render_sweep
from electoral.cli.common import DbOpt, JsonOpt, ObjectionOpt, emit, errors, open_store, out, warn
from electoral.cli.records_tables import (
    render_calendar,
    render_election,
    render_imports,
    render_tally,
)
from electoral.engine import DEFAULT_YEAR, election, tally
from electoral.errors import DataError
from electoral.returns import Returns, read_returns
from electoral.rules.calendar import calendar
from electoral.validate import MAX_HOUSE, MAX_SWEEP, parse_whole


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
        emit(r.to_dict(), as_json, lambda: render_tally(r, states))


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
        emit(r.to_dict(), as_json, lambda: render_election(r, states))


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
        emit(
            saved.to_dict(),
            as_json,
            lambda: out.print(f"saved {saved.rows} rows as '{saved.name}'"),
        )


@app.command("imports")
def imports_cmd(as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """List the named sets of returns in the store."""
    with errors():
        with open_store(db) as store:
            sets = store.list()
        emit({"imports": [s.to_dict() for s in sets]}, as_json, lambda: render_imports(sets))


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
            sizes, is_sweep = _house_sizes(str(rule.apportioned) if seats is None else seats)
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
                emit(doc, as_json, lambda: render_sweep(frame, census, name))
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

        emit(cal.to_dict(), as_json, lambda: render_calendar(cal))
