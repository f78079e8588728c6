"""Confirmation commands: ``timeline`` (issue 9) and ``night``, the election-night nowcast,
its calls and its backtest.

Tables for people, one JSON document with ``--json``; notes go to stderr.  The tables are in
:mod:`electoral.cli.timeline_tables` and :mod:`electoral.cli.night_tables`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from electoral.cli.app import app
from electoral.cli.common import JsonOpt, emit, err, errors
from electoral.cli.night_tables import plot_battlegrounds, render_night, render_night_backtest
from electoral.cli.timeline_tables import render_timeline
from electoral.errors import DataError


def parse_day(text: str, field: str = "on") -> dt.date:
    """An ISO date (``2020-11-20``); ``DataError`` naming ``field`` otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DataError(f"{text!r} is not a date (YYYY-MM-DD)", field=field) from None


@app.command("timeline")
def timeline_cmd(
    year: Annotated[int, typer.Argument(help="Election year, 2000-2024 (every 4 years).")],
    on: Annotated[
        str | None,
        typer.Option(help="A date (YYYY-MM-DD) between Election Day and Inauguration Day."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The confirmation period: called, certified, recounts, electors, Congress's count."""
    with errors():
        from electoral.confirmation.stages import timeline

        day = None if on is None else parse_day(on)
        tl = timeline(year)
        doc = tl.to_dict(day)
        emit(doc, as_json, lambda: render_timeline(tl, day))


@app.command("night")
def night_cmd(
    year: Annotated[int, typer.Argument(help="Election year (packaged series: 2020).")],
    series: Annotated[
        Path | None,
        typer.Option(
            help="A series of partial counts (CSV: state,timestamp,candidate,votes"
            "[,total_votes,eevp_pct,votes_error,party]) instead of the packaged one."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(help="Use only the counts published by this time (ISO, with zone)."),
    ] = None,
    state: Annotated[
        str | None, typer.Option(help="Show one state (and its nowcast over time).")
    ] = None,
    backtest: Annotated[
        bool, typer.Option("--backtest", help="Score every call against the truth.")
    ] = False,
    eevp: Annotated[
        bool,
        typer.Option("--eevp/--no-eevp", help="Use the published expected-vote share."),
    ] = True,
    plot: Annotated[
        Path | None,
        typer.Option(help="Write the battlegrounds' margin and band over time (PNG)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Election night: each state's final margin from its partial counts, and calls."""
    with errors():
        from electoral.confirmation import report
        from electoral.confirmation.night_scoring import backtest as score
        from electoral.confirmation.night_scoring import desks_presidency
        from electoral.extras import require
        from electoral.validate import check_writable

        if plot is not None:  # before the work, not after
            require("matplotlib", "plot")
            check_writable(plot, field="plot")
        when = None if at is None else report.parse_time(at)
        nc = report.run(year, series, at=when, use_eevp=eevp)
        if plot is not None:
            plot_battlegrounds(nc, year, plot)
            err.print(f"plot written to {plot}", markup=False)
        if backtest:
            b = score(nc, year)
            d = b.to_dict()
            us = desks_presidency(year)
            d["desks_presidency"] = us
            emit(d, as_json, lambda: render_night_backtest(b, us))
            return
        st = None if state is None else state.strip().upper()
        r = report.NightReport(year, nc, when, st)
        emit(r.to_dict(), as_json, lambda: render_night(r))
