"""``electoral forecast`` and ``electoral backtest``: thin commands over ``electoral.forecast``.

Tables for people, one JSON document with ``--json``; the progress bar and every warning go
to stderr, so stdout stays one document.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from electoral.cli.app import app
from electoral.cli.common import JsonOpt, emit, err, errors
from electoral.cli.forecast_tables import render_backtest, render_daily, render_forecast
from electoral.errors import DataError
from electoral.validate import (
    MAX_CHUNK,
    MAX_SEED,
    MAX_SIMS,
    check_writable,
)

#: Days before Election Day a backtest may look back (the packaged polls start about two
#: years out).
MAX_DAYS_BEFORE = 1000
#: Runs at least this long get a progress bar (when stderr is a terminal).
PROGRESS_FROM = 200_000


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(f"not an ISO date (YYYY-MM-DD): {text!r}", file=option) from None


def _campaign_date(year: int, when: dt.date | None) -> dt.date | None:
    """An as-of date no later than the year's Election Day (a forecast of a finished
    election is no forecast)."""
    from electoral.rules.calendar import calendar

    if when is None:
        return None
    eday = calendar(year).election_day.date
    if eday is not None and when > eday:
        raise DataError(
            f"{when.isoformat()} is after Election Day of {year} ({eday.isoformat()})",
            file="--as-of",
            field="as_of",
        )
    return when


@contextmanager
def _progress(sims: int) -> Iterator[Callable[[int, int], None] | None]:
    if sims < PROGRESS_FROM or not err.is_terminal:
        yield None
        return
    columns = (
        TextColumn("simulating"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("sims", total=sims)
        yield lambda done, total: bar.update(task, completed=done)


def _read_polls(path: Path | None, year: int | None) -> tuple[Any, int]:
    """All the polls of the forecast, whatever match-up they ask about (the packaged ones of
    ``year``, 2020 by default, or ``path`` read for ``year`` or its own election), and the year."""
    from electoral.data.polls import polls as packaged_polls
    from electoral.forecast.polls import read_polls

    if path is None:
        year = 2020 if year is None else year
        return packaged_polls(year), year
    frame = read_polls(path, year=year)
    return frame, int(frame.attrs["year"])


def _load_polls(
    path: Path | None, year: int | None, when: dt.date | None
) -> tuple[Any, int, dict[str, Any]]:
    """The polls of the forecast (the packaged ones, or ``path`` read for ``year`` or its
    own election), keeping the match-up of the forecast date; the year; and what was read
    and left out (JSON ``polls_read``; a warning on stderr when something was)."""
    from electoral.forecast.nominees import nominee_on
    from electoral.forecast.polls import for_forecast
    from electoral.rules.calendar import calendar

    frame, year = _read_polls(path, year)
    day = when or calendar(year).election_day.date or dt.date(year, 11, 1)
    used, other = for_forecast(frame, year, day)
    if used.empty and not frame.empty:
        dem, rep = nominee_on(year, "DEM", day), nominee_on(year, "REP", day)
        raise DataError(
            f"none of the {len(frame):,} polls asks about the candidates on {day}, {dem} vs "
            f"{rep} (the file's polls are {frame.dem_candidate.iloc[0]} vs "
            f"{frame.rep_candidate.iloc[0]})",
            file="packaged" if path is None else str(path),
        )
    skipped = dict(frame.attrs.get("skipped", {}))
    doc: dict[str, Any] = {
        "file": "packaged" if path is None else str(path),
        "format": frame.attrs.get("format", "common"),
        "year": year,
        "polls": len(frame),
        "skipped": skipped,
        "other_matchup_polls": other,
        "sample_imputed": int(frame.sample_imputed.sum()),
    }
    notes = []
    if skipped:
        listed = ", ".join(f"{why} {n:,}" for why, n in skipped.items())
        notes.append(f"skipped {sum(skipped.values()):,} questions ({listed})")
    if other:
        notes.append(f"{other:,} polls of another match-up than the candidates on {day} left out")
    if path is not None and doc["sample_imputed"]:
        notes.append(f"{doc['sample_imputed']:,} blank sample sizes set to the file's median")
    if notes:
        err.print(f"warning: {doc['file']}: " + "; ".join(notes), markup=False)
    return used, year, doc


def _daily(path: Path | None, year: int | None, when: dt.date | None, as_json: bool) -> None:
    """``forecast --daily``: every day's forecast from June 1 to Election Day (or
    ``when``), each from the polls before that day, whichever match-up they asked about."""
    from electoral.forecast.core import election_day
    from electoral.forecast.daily import daily

    raw, year = _read_polls(path, year)
    end = _campaign_date(year, when) or election_day(year)
    series = daily(raw, year=year, end=end)
    emit(series.to_dict(), as_json, lambda: render_daily(series))


@app.command("forecast")
def forecast_cmd(
    year: Annotated[
        int | None,
        typer.Option(
            help="Election year (packaged polls: 2008-2020; default 2020, or the poll "
            "file's own election)."
        ),
    ] = None,
    polls: Annotated[
        Path | None,
        typer.Option(
            help="A poll file (any supported format; a regular file of at most 32 MB) "
            "instead of the packaged polls."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Use polls that ended before this date (default: Election Day)."
        ),
    ] = None,
    sims: Annotated[
        int,
        typer.Option(help="Simulated elections (1 to 10,000,000).", min=1, max=MAX_SIMS),
    ] = 100_000,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Random seed, 0 to 4294967295 (default: a fresh one, printed).",
            min=0,
            max=MAX_SEED,
        ),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Write the electoral-vote histogram to this PNG.")
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(help="Run the chunks on Dask: a scheduler address, or 'local'."),
    ] = None,
    chunk: Annotated[
        int,
        typer.Option(
            help="Simulations held in memory at once (1 to 1,000,000).", min=1, max=MAX_CHUNK
        ),
    ] = 10_000,
    daily: Annotated[
        bool,
        typer.Option(
            "--daily",
            help="The campaign's daily series instead: one exact forecast per day, "
            "June 1 to Election Day (or --as-of), each from the polls before that day.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Forecast an election from polls: Monte Carlo and the exact distribution."""
    with errors():
        from electoral.extras import require
        from electoral.forecast.core import election_day
        from electoral.forecast.run import forecast

        if plot is not None:  # before the simulations, not after
            require("matplotlib", "plot")
            check_writable(plot, field="plot")
        if dask is not None:
            require("distributed", "dask")
        when = _date(as_of, "--as-of")
        if daily:
            _daily(polls, year, when, as_json)
            return
        frame, year, read = _load_polls(polls, year, when)
        when = _campaign_date(year, when)
        day = when or election_day(year) - dt.timedelta(days=1)
        if not (frame.end_date < pd.Timestamp(day)).any():
            raise DataError(
                f"no polls of {year} ended before {day}: the forecast needs at "
                "least one (give a later --as-of)",
                file="--as-of",
                field="as_of",
            )
        used = seed if seed is not None else secrets.randbits(32)
        with _progress(sims) as bar:
            f = forecast(
                frame,
                year=year,
                as_of=day,
                sims=sims,
                seed=used,
                source="packaged" if polls is None else str(polls),
                dask=dask,
                chunk=chunk,
                progress=bar,
            )
        d = f.to_dict()
        d["polls_read"] = read
        if plot is not None:
            f.plot_ev(plot)
            err.print(f"plot written to {plot}", markup=False)
        emit(d, as_json, lambda: render_forecast(f))


@app.command("backtest")
def backtest_cmd(
    years: Annotated[
        list[int] | None, typer.Argument(help="Election years (default 2008 2012 2016 2020).")
    ] = None,
    days: Annotated[
        str,
        typer.Option(help="Days before Election Day, comma-separated (0: the eve; at most 1000)."),
    ] = "0,7,30,90,150",
    training: Annotated[
        str,
        typer.Option(
            help="'past' (the backtest: only elections before each year) or 'loyo' "
            "(leave-one-year-out, a diagnostic that sees later elections)."
        ),
    ] = "past",
    as_json: JsonOpt = False,
) -> None:
    """Score the model on past elections, beside the published forecasts."""
    with errors():
        from electoral.forecast.evaluation import YEARS, backtest

        try:
            before = tuple(int(x) for x in days.split(",") if x.strip())
        except ValueError:
            raise DataError(f"not a list of whole days: {days!r}", file="--days") from None
        if not before or min(before) < 0 or max(before) > MAX_DAYS_BEFORE:
            raise DataError(
                f"give one or more days from 0 to {MAX_DAYS_BEFORE}",
                file="--days",
                field="days",
            )
        unknown = [y for y in years or () if y not in YEARS]
        if unknown:
            raise DataError(
                f"no backtest for {unknown[0]}: the years with packaged polls are "
                f"{', '.join(map(str, YEARS))}",
                file="YEARS",
                field="years",
            )
        if training not in ("past", "loyo"):
            raise DataError(
                f"not 'past' or 'loyo': {training!r}", file="--training", field="training"
            )
        r = backtest(tuple(years or YEARS), before, training=training)
        emit(r.to_dict(), as_json, lambda: render_backtest(r))
