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

import numpy as np
import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from electoral.cli_common import JsonOpt, emit, err, errors, out
from electoral.errors import DataError
from electoral.validate import (
    MAX_CHUNK,
    MAX_POLL_BYTES,
    MAX_SEED,
    MAX_SIMS,
    check_writable,
    read_input,
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


def plot_ev(doc: dict[str, Any], path: Path) -> None:
    """Histogram of the Democrat's electoral votes, with the majority line (PNG, Agg)."""
    from matplotlib.figure import Figure

    dem, rep = doc["candidates"]["dem"], doc["candidates"]["rep"]
    p = np.array(doc["ev_distribution"][dem], dtype=float)
    total = len(p) - 1
    majority = total // 2 + 1
    ev = np.arange(total + 1)
    colour = np.where(ev >= majority, "#2166ac", np.where(total - ev >= majority, "#b2182b", "0.5"))
    fig = Figure(figsize=(9, 4.5), dpi=120)
    ax = fig.subplots()
    ax.bar(ev, p * 100, width=1.0, color=colour.tolist(), linewidth=0)
    ax.axvline(majority - 0.5, color="black", linewidth=1)
    top = float(p.max()) * 100
    ax.text(majority + 2, top * 0.98, f"{majority} to win", va="top")
    win = doc["win_probability"]
    ax.set_title(
        f"{doc['year']} forecast as of {doc['as_of']}: {dem} {win[dem]:.1%}, "
        f"{rep} {win[rep]:.1%}, tie {doc['tie_probability']:.1%} "
        f"({doc['sims']:,} simulations, seed {doc['seed']})",
        fontsize=9,
    )
    ax.set_xlabel(f"electoral votes for {dem}")
    ax.set_ylabel("probability (%)")
    cdf = np.cumsum(p)
    lo = min(int(np.searchsorted(cdf, 1e-4)), majority) - 20
    hi = max(int(np.searchsorted(cdf, 1 - 1e-4)), majority) + 20
    ax.set_xlim(max(lo, 0), min(hi, total))
    ax.set_ylim(0, top * 1.08)
    fig.tight_layout()
    fig.savefig(path, format="png")


def _render_forecast(d: dict[str, Any]) -> None:
    dem, rep = d["candidates"]["dem"], d["candidates"]["rep"]
    out.print(
        f"[bold]{d['year']}[/] forecast as of {d['as_of']} "
        f"(information to {d['effective_as_of']}, {d['days_to_election']} days out); "
        f"{d['sims']:,} simulations, seed {d['seed']}; polls: {d['polls']}"
    )
    t = Table(title="Who wins", title_justify="left")
    for col in ("", "Monte Carlo", "± s.e.", "exact", "expected electoral votes"):
        t.add_column(col, justify="left" if not col else "right")
    for c in (dem, rep):
        t.add_row(
            c,
            f"{d['win_probability'][c]:.2%}",
            f"{d['win_probability_se'][c]:.2%}",
            f"{d['exact']['win_probability'][c]:.2%}",
            f"{d['expected_electoral_votes'][c]:.1f}",
        )
    t.add_row("tie 269-269", f"{d['tie_probability']:.2%}", "", "", "")
    t.add_row("no majority", f"{d['no_majority_probability']:.2%}", "", "", "")
    out.print(t)
    out.print(
        f"P(electoral winner loses the popular vote) = {d['split_probability']:.2%}; "
        f"national environment vs last time {d['national_environment']:+.2%}."
    )
    s = Table(
        title=f"Closest units (by mean margin; P(win | unit): {dem} wins if {dem} carries it)",
        title_justify="left",
    )
    d_last = dem.split()[-1]
    heads = ("unit", "EV", f"P({d_last})", "margin", "tipping", "voter power", "P(win | unit)")
    for col in heads:
        s.add_column(col, justify="left" if col == "unit" else "right")
    states = d["states"]
    for u in sorted(states, key=lambda u: abs(states[u]["margin_mean"]))[:15]:
        st = states[u]
        cond = st["conditional_win_probability"]
        s.add_row(
            u,
            str(next(x["electors"] for x in d["snake"] if x["state"] == u)),
            f"{st['win_probability'][dem]:.1%}",
            f"{st['margin_mean']:+.1%}",
            f"{st['tipping_point']:.1%}",
            f"{st['voter_power']:.2g}",
            "" if cond[dem] is None else f"{cond[dem]:.0%}",
        )
    out.print(s)
    for n in d["notes"]:
        out.print(f"[dim]note: {n}[/]")


def _render_daily(d: dict[str, Any]) -> None:
    dem, rep = d["candidates"]
    t = Table(
        title=f"{d['year']}: the forecast of each day (polls before it; electoral votes: "
        "mean and central 90%)",
        title_justify="left",
    )
    for col in ("date", f"P({dem})", f"P({rep})", f"EV {dem}", "90% range"):
        t.add_column(col, justify="left" if col == "date" else "right")
    for p in d["series"]:
        t.add_row(
            p["date"],
            f"{p['win'][dem]:.1%}",
            f"{p['win'][rep]:.1%}",
            f"{p['ev_mean'][dem]:.0f}",
            f"{p['ev_lo'][dem]}-{p['ev_hi'][dem]}",
        )
    out.print(t)


def _render_backtest(d: dict[str, Any]) -> None:
    label = (
        "past elections only"
        if d["training"] == "past"
        else "DIAGNOSTIC: leave-one-year-out, sees later elections"
    )
    t = Table(
        title=f"Backtest ({label}); 'ours' = our eve Brier on the forecaster's units",
        title_justify="left",
    )
    cols = (
        "year",
        "source",
        "as of",
        "Brier",
        "Brier 51",
        "Brier EV",
        "log loss",
        "called",
        "P(win)",
        "ours",
    )
    for col in cols:
        t.add_column(col, justify="left" if col in {"source", "as of"} else "right", no_wrap=True)
    for year, y in d["years"].items():
        for days, r in y["by_days_before"].items():
            t.add_row(
                year,
                "ours, eve" if days == "0" else f"ours, {days}d",
                r["effective_as_of"],
                f"{r['brier']:.4f}",
                f"{r['brier_statewide']:.4f}",
                f"{r['brier_ev_weighted']:.4f}",
                f"{r['log_loss']:.4f}",
                f"{r['called']}/{r['units']}",
                f"{r['winner_probability']:.1%}",
                "",
            )
        for p in d["published"]:
            if str(p["year"]) == year:
                ours = p["ours_on_same_units"]
                t.add_row(
                    year,
                    p["forecaster"],
                    "published",
                    f"{p['brier']:.4f}",
                    f"{p['brier_statewide']:.4f}",
                    f"{p['brier_ev_weighted']:.4f}",
                    f"{p['log_loss']:.4f}",
                    f"{p['called']}/{p['units']}",
                    "",
                    f"{ours['brier']:.4f}",
                )
    out.print(t)
    cov = Table(
        title="Coverage: share of units whose margin fell in the central interval "
        "(all years pooled)",
        title_justify="left",
    )
    levels = ("50", "80", "90", "95")
    cov.add_column("days before")
    for lv in levels:
        cov.add_column(f"{lv}%", justify="right")
    for days, c in d["coverage"].items():
        cov.add_row("eve" if days == "0" else days, *(f"{c[lv]:.1%}" for lv in levels))
    out.print(cov)
    c = Table(title="Calibration (eve forecasts, all years)", title_justify="left")
    for col in ("bin", "n", "mean forecast", "observed"):
        c.add_column(col, justify="right")
    for b in d["calibration"]:
        mean, seen = b["mean_forecast"], b["observed"]
        c.add_row(
            b["bin"],
            str(b["n"]),
            "" if mean is None else f"{mean:.3f}",
            "" if seen is None else f"{seen:.3f}",
        )
    out.print(c)
    for year, y in d["years"].items():
        for n in y.get("notes", []):
            out.print(f"[dim]note ({year}): {n}[/]")


def _load_polls(
    path: Path | None, year: int | None, when: dt.date | None
) -> tuple[Any, int, dict[str, Any]]:
    """The polls of the forecast (the packaged ones, or ``path`` read for ``year`` or its
    own election), keeping the match-up of the forecast date; the year; and what was read
    and left out (JSON ``polls_read``; a warning on stderr when something was)."""
    from electoral.data.polls import polls as packaged_polls
    from electoral.forecast.nominees import nominee_on
    from electoral.forecast.polls import for_forecast, read_polls
    from electoral.rules.calendar import calendar

    if path is None:
        year = 2020 if year is None else year
        frame = packaged_polls(year)
    else:
        frame = read_polls(path, year=year)
        year = int(frame.attrs["year"])
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
    from electoral.data.polls import polls as packaged_polls
    from electoral.forecast.core import election_day
    from electoral.forecast.daily import daily
    from electoral.forecast.polls import read_polls

    if path is None:
        year = 2020 if year is None else year
        raw = packaged_polls(year)
    else:
        raw = read_polls(path, year=year)
        year = int(raw.attrs["year"])
    end = _campaign_date(year, when) or election_day(year)
    d = daily(raw, year=year, end=end).to_dict()
    emit(d, as_json, lambda: _render_daily(d))


def register(app: typer.Typer) -> None:
    """Add ``forecast`` and ``backtest`` to ``app``."""

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
            from electoral.forecast.result import forecast

            if plot is not None:  # before the simulations, not after
                require("matplotlib", "plot")
                check_writable(plot, field="plot")
            if dask is not None:
                require("distributed", "dask")
            when = _date(as_of, "--as-of")
            if polls is not None:  # a regular file within the size limit, never a FIFO
                read_input(polls, max_bytes=MAX_POLL_BYTES)
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
                plot_ev(d, plot)
                err.print(f"plot written to {plot}", markup=False)
            emit(d, as_json, lambda: _render_forecast(d))

    @app.command("backtest")
    def backtest_cmd(
        years: Annotated[
            list[int] | None, typer.Argument(help="Election years (default 2008 2012 2016 2020).")
        ] = None,
        days: Annotated[
            str,
            typer.Option(
                help="Days before Election Day, comma-separated (0: the eve; at most 1000)."
            ),
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
            from electoral.forecast.backtest import YEARS, backtest

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
            d = r.to_dict()
            emit(d, as_json, lambda: _render_backtest(d))
