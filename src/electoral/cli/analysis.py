"""Analysis commands: ``analyze``, ``inversions``, ``scenario``, ``paths``.

Each command hands its work to ``electoral.analysis`` and prints a table, or one JSON
document with ``--json``; the tables are in :mod:`electoral.cli.analysis_tables`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from electoral.cli.analysis_tables import (
    render_analysis,
    render_inversions,
    render_paths,
    render_scenario,
)
from electoral.cli.app import app
from electoral.cli.common import DbOpt, JsonOpt, emit, errors, open_store


def _pairs(items: list[str] | None, what: str) -> dict[str, str]:
    from electoral.errors import DataError

    out = {}
    for item in items or ():
        unit, sep, value = item.partition("=")
        if not sep or not unit or not value:
            raise DataError(f"{item!r}: expected UNIT=VALUE", file=f"--{what}", field=what)
        out[unit.strip().upper()] = value.strip()
    return out


def _units(text: str | None) -> list[str]:
    return [u.strip().upper() for u in (text or "").split(",") if u.strip()]


@app.command("analyze")
def analyze_cmd(
    year: Annotated[int, typer.Argument(help="Election year with returns (1976-2024).")],
    as_json: JsonOpt = False,
) -> None:
    """Tipping point, bias, inversion, voting power and alternative systems for a year.

    Also the smallest share of the popular vote that could have won.
    """
    with errors():
        from electoral.analysis.report import analyze

        a = analyze(year)
        emit(a.to_dict(), as_json, lambda: render_analysis(a))


@app.command("inversions")
def inversions_cmd(as_json: JsonOpt = False) -> None:
    """Every year in the returns where the electoral winner lost the popular vote."""
    with errors():
        from electoral.analysis.report import inversions

        rows = inversions()
        emit(rows.to_dict(), as_json, lambda: render_inversions(rows))


@app.command("scenario")
def scenario_cmd(
    base: Annotated[
        str,
        typer.Option(help="A year (2020), a returns CSV, or store:NAME for a named import."),
    ] = "2024",
    year: Annotated[
        int | None,
        typer.Option(help="Rules and electors of this year (default: the base year, else 2024)."),
    ] = None,
    flip: Annotated[list[str] | None, typer.Option(help="UNIT=CANDIDATE (repeatable).")] = None,
    swing: Annotated[
        float,
        typer.Option(
            help="Uniform swing in margin points, as a fraction (0.02), toward --toward (-2 to 2)."
        ),
    ] = 0.0,
    proportional_swing: Annotated[
        float,
        typer.Option(help="Proportional swing of the national margin, as a fraction (-2 to 2)."),
    ] = 0.0,
    toward: Annotated[
        str | None, typer.Option(help="Candidate the swings favour (default: the leader).")
    ] = None,
    margin: Annotated[
        list[str] | None,
        typer.Option(
            help="UNIT=MARGIN: set a unit's margin for the swing's candidate, a fraction from "
            "-1 to 1 (repeatable)."
        ),
    ] = None,
    tossup: Annotated[
        str | None,
        typer.Option(help="Units to leave open, comma-separated (PA,GA,NE-2; at most 56)."),
    ] = None,
    seats: Annotated[
        int | None,
        typer.Option(
            help="Re-apportion a House of this size (census before the election; "
            "50 to 11,000 seats).",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str | None,
        typer.Option(
            help="Apportionment method with --seats: huntington-hill, webster, "
            "hamilton, jefferson, adams."
        ),
    ] = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Change a year's returns (flips, swings, margins, tossups) and count the result."""
    with errors():
        from pathlib import Path

        from electoral.analysis.scenario import Scenario, run
        from electoral.errors import DataError
        from electoral.validate import parse_number, parse_whole

        src: Any
        if base.strip().isdecimal():  # a year (more than 30 digits: "too large")
            src = parse_whole(base, field="base", file="--base")
        elif base.startswith("store:"):
            with open_store(db) as store:
                src = store.load_returns(base.removeprefix("store:"))
        elif Path(base).exists():
            src = base
        else:
            raise DataError(
                f"{base!r} is not a year, an existing returns file or store:NAME",
                file="--base",
                field="base",
            )
        margins = {
            u: parse_number(v, field=f"margin {u}", file="--margin", lo=-1, hi=1)
            for u, v in _pairs(margin, "margin").items()
        }
        s = Scenario(
            src,
            year=year,
            toward=toward,
            swing=swing,
            proportional_swing=proportional_swing,
            margins=margins,
            flips=_pairs(flip, "flip"),
            tossups=_units(tossup),
            seats=seats,
            method=method,
        )
        r = run(s)
        emit(r.to_dict(), as_json, lambda: render_scenario(r))


@app.command("paths")
def paths_cmd(
    base: Annotated[int, typer.Option(help="Year whose returns assign the other units.")] = 2024,
    tossup: Annotated[
        str, typer.Option(help="Units left open, comma-separated (at most 56).")
    ] = "",
    limit: Annotated[
        int,
        typer.Option(
            help="Smallest winning combinations to list (at most 10,000).",
            min=0,
            max=10_000,
        ),
    ] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Exact count of the tossup combinations that give each side a majority.

    Also lists the smallest winning combinations.
    """
    with errors():
        from electoral.analysis.board import board
        from electoral.analysis.scenario import Scenario, run
        from electoral.errors import DataError

        units = _units(tossup)
        if not units:
            raise DataError("give at least one tossup unit", file="--tossup", field="tossup")
        r = run(Scenario(base, tossups=units), limit=limit)
        assert r.paths is not None
        d = r.paths.to_dict()
        # "smallest" lists the electoral-vote leader's sets first.
        d["smallest"] = d["smallest_by_candidate"][board(r.result).a]
        d["base"] = {"year": base, "decided": r.decided, "tossups": dict(r.tossups)}
        emit(d, as_json, lambda: render_paths(r))
