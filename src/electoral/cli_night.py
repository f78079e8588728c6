"""``electoral night``: the election-night nowcast, its calls, and the backtest.

Tables for people, one JSON document with ``--json``; notes go to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from electoral.cli_common import JsonOpt, emit, err, errors, out

BATTLEGROUNDS = ("AZ", "GA", "MI", "NC", "NV", "PA", "WI")


def _pct(x: float | None, signed: bool = True) -> str:
    if x is None:
        return ""
    return f"{x:+.2%}" if signed else f"{x:.1%}"


def _short(t: str | None) -> str:
    return "" if t is None else t.replace("T", " ").replace("Z", "")[:16]


def _render_report(d: dict[str, Any]) -> None:
    first, second = d["candidates"]
    f_last, s_last = first.split()[-1], second.split()[-1]
    at = d["at"] or "the last update"
    out.print(
        f"[bold]{d['year']}[/] election night as of {at} · margin {f_last} - {s_last} · "
        f"expected vote share {'used' if d['use_eevp'] else 'NOT used'} · prior: {d['prior']}"
    )
    t = Table(title="States (95 % band of the final margin)", title_justify="left")
    cols = (
        "state",
        "updated (UTC)",
        "counted",
        "exp. vote in",
        "margin now",
        "final margin",
        "95 % band",
        f"P({f_last})",
        "call",
    )
    for col in cols:
        t.add_column(col, justify="left" if col in {"state", "call", "updated (UTC)"} else "right")
    for u, r in d["states"].items():
        call = r["call"]
        t.add_row(
            u,
            _short(r["updated_at"]),
            f"{r['total_votes']:,}",
            _pct(r["expected_vote_counted"], signed=False),
            _pct(r["counted_margin"]),
            _pct(r["margin_mean"]),
            f"{_pct(r['lo'])} .. {_pct(r['hi'])}",
            f"{r['win_probability'][first]:.3f}",
            "" if call is None else f"{call['winner'].split()[-1]} {_short(call['called_at'])}",
        )
    out.print(t)
    ev = ", ".join(f"{c} {n}" for c, n in d["electors_called"].items())
    out.print(f"Electors in called states: {ev}.")
    c = d["corrections_total"]
    if c["count"]:
        out.print(
            f"Corrections seen (counts that went down; the latest value is used): {c['count']} "
            f"in {len(d['corrections'])} states, the largest {c['largest_drop']:,} votes."
        )


def _render_backtest(d: dict[str, Any], desks_us: dict[str, str]) -> None:
    out.print(
        f"[bold]{d['year']}[/] nowcast backtest · {d['series']} · truth: {d['truth']} · "
        f"expected vote share {'used' if d['use_eevp'] else 'NOT used'}"
    )
    t = Table(title="Calls: the model against the truth and AP", title_justify="left")
    for col in (
        "unit",
        "model call",
        "model called at (UTC)",
        "AP called at",
        "actual",
        "final margin",
        "",
    ):
        t.add_column(col, justify="right" if col == "final margin" else "left")
    units = d["units"]
    order = [u for u in BATTLEGROUNDS if u in units] + [u for u in units if u not in BATTLEGROUNDS]
    for u in order:
        r = units[u]
        m = r["model"]
        t.add_row(
            u,
            "" if m["winner"] is None else m["winner"].split()[-1],
            _short(m["called_at"]),
            _short(r["desks"].get("AP")).replace(" (date", "").replace(", ET)", " ET"),
            "" if r["actual_winner"] is None else r["actual_winner"].split()[-1],
            _pct(r["final_margin"]),
            "[red]WRONG[/]" if r["wrong"] else "",
        )
    out.print(t)
    out.print(
        f"Wrong calls: [bold]{d['wrong_calls']}[/] of {d['units_called']} units called "
        f"(not called: {', '.join(d['not_called']) or 'none'})."
    )
    who = d["presidency_winner"]
    when = d["presidency_called_at"]
    line = "The presidency: not called by the model."
    if when is not None:
        line = (
            f"The presidency: called for [bold]{who}[/] at {when} "
            f"(units called reach {d['majority']})"
        )
    if "AP" in desks_us:
        line += f"; AP called it at {desks_us['AP']}."
    out.print(line)
    for n in d["notes"]:
        out.print(f"[dim]note: {n}[/]")


def plot_battlegrounds(nc: Any, year: int, path: Path) -> None:
    """Margin and 95 % band over time for the seven battlegrounds, AP's call marked."""
    import datetime as dt

    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    from electoral.confirmation.backtest import desk_calls

    s = nc.series
    desks = desk_calls(year)
    units = [u for u in BATTLEGROUNDS if u in s.units]
    fig = Figure(figsize=(14, 7.5), dpi=110)
    axes = fig.subplots(2, 4, sharex=True).ravel()
    end = dt.datetime(year, 11, 12, tzinfo=dt.UTC)
    for ax, u in zip(axes, units, strict=False):
        rows = s.rows_of(u)
        t = [dt.datetime.fromtimestamp(int(x), dt.UTC) for x in s.t[rows]]
        counted = (s.a[rows] - s.b[rows]) / s.total[rows].clip(1)
        ax.fill_between(
            t,
            nc.lo[rows] * 100,
            nc.hi[rows] * 100,
            step="post",
            color="#9ecae1",
            alpha=0.7,
            linewidth=0,
            label="95 % band",
        )
        ax.step(t, nc.mean[rows] * 100, where="post", color="#08519c", lw=1.2, label="nowcast")
        ax.step(
            t, counted * 100, where="post", color="0.45", lw=0.9, ls="--", label="counted margin"
        )
        ax.axhline(0, color="black", lw=0.6)
        a, b, tot = s.final()[u]
        ax.axhline((a - b) / tot * 100, color="0.3", lw=0.6, ls=":", label="last count")
        call = nc.call(u)
        if call is not None:
            ct = dt.datetime.fromtimestamp(call[1], dt.UTC)
            ax.axvline(ct, color="#31a354", lw=1.4, label="model call")
        ap = [w for d, w, _ in desks.get(u, []) if d == "AP"]
        if ap and ap[0].endswith("Z"):
            ax.axvline(
                dt.datetime.fromisoformat(ap[0].replace("Z", "+00:00")),
                color="#e6550d",
                lw=1.4,
                ls="-.",
                label="AP call",
            )
        elif ap:
            ax.text(0.02, 0.04, f"AP: {ap[0]}", transform=ax.transAxes, fontsize=7, color="#e6550d")
        who = "" if call is None else f"called {call[0].split()[-1]}"
        ax.set_title(f"{u} {who}", fontsize=10)
        ax.set_ylim(-25, 25)
        ax.set_xlim(dt.datetime(year, 11, 4, tzinfo=dt.UTC), end)
        ax.grid(alpha=0.3)
        ax.xaxis.set_major_locator(mdates.DayLocator())  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d"))  # type: ignore[no-untyped-call]
    axes[0].set_ylabel(f"{s.first.split()[-1]} - {s.second.split()[-1]} (points)")
    axes[4].set_ylabel(f"{s.first.split()[-1]} - {s.second.split()[-1]} (points)")
    for ax in axes[3:7]:
        ax.set_xlabel(f"day of November {year} (UTC)")
        ax.tick_params(labelbottom=True)
    handles, labels = axes[0].get_legend_handles_labels()
    axes[-1].axis("off")
    axes[-1].legend(handles, labels, loc="center", fontsize=9)
    fig.suptitle(
        f"{year} election night: the nowcast of the final margin (UTC); "
        f"{'with' if nc.model.use_eevp else 'without'} the published expected-vote share",
        fontsize=11,
    )
    fig.tight_layout()
    fig.savefig(path, format="png")


def register(app: typer.Typer) -> None:
    """Add ``night`` to ``app``."""

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
            from electoral.confirmation.backtest import backtest as score
            from electoral.confirmation.backtest import desks_presidency
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
                d = score(nc, year).to_dict()
                us = desks_presidency(year)
                d["desks_presidency"] = us
                emit(d, as_json, lambda: _render_backtest(d, us))
                return
            st = None if state is None else state.strip().upper()
            doc = report.NightReport(year, nc, when, st).to_dict()
            emit(doc, as_json, lambda: _render_report(doc))
