"""Tables and the plot for ``night``: the nowcast of each state, its calls, the backtest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table

from electoral.cli.common import out, shown

if TYPE_CHECKING:
    from electoral.confirmation.night_model import Nowcast
    from electoral.confirmation.night_scoring import Backtest
    from electoral.confirmation.report import NightReport

BATTLEGROUNDS = ("AZ", "GA", "MI", "NC", "NV", "PA", "WI")


def _pct(x: float | None, signed: bool = True, digits: int = 6) -> str:
    """A margin (signed) or a share, first rounded to ``digits`` as in the JSON document,
    so that the table and ``--json`` agree to the last digit shown."""
    return shown(x, "+.2%" if signed else ".1%", digits)


def _short(t: str | None) -> str:
    return "" if t is None else t.replace("T", " ").replace("Z", "")[:16]


def render_night(r: NightReport) -> None:
    """Each state's latest count known at the time asked, its nowcast and call."""
    from electoral.confirmation.night_scoring import iso

    nc, s = r.nowcast, r.nowcast.series
    first = s.first
    f_last, s_last = first.split()[-1], s.second.split()[-1]
    at = iso(r.at) or "the last update"
    out.print(
        f"[bold]{r.year}[/] election night as of {at} · margin {f_last} - {s_last} · "
        f"expected vote share {'used' if nc.model.use_eevp else 'NOT used'} · "
        f"prior: {nc.prior.source}"
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
    lo, hi = nc.lo, nc.hi
    for u, i in r.rows().items():
        call = nc.call(u)
        total = float(s.total[i])
        t.add_row(
            u,
            _short(iso(int(s.t[i]))),
            f"{int(total):,}",
            _pct(float(nc.counted[i]), signed=False, digits=4),
            _pct(float((s.a[i] - s.b[i]) / total) if total > 0 else None),
            _pct(float(nc.mean[i])),
            f"{_pct(float(lo[i]))} .. {_pct(float(hi[i]))}",
            f"{round(float(nc.p_first[i]), 6):.3f}",
            "" if call is None else f"{call[0].split()[-1]} {_short(iso(call[1]))}",
        )
    out.print(t)
    ev = ", ".join(f"{c} {n}" for c, n in r.electors_called().items())
    out.print(f"Electors in called states: {ev}.")
    corr = s.corrections
    count = sum(c.count for c in corr.values())
    if count:
        largest = max(c.largest_drop for c in corr.values())
        out.print(
            f"Corrections seen (counts that went down; the latest value is used): {count} "
            f"in {len(corr)} states, the largest {largest:,} votes."
        )


def render_night_backtest(b: Backtest, desks_us: dict[str, str]) -> None:
    """Every unit's call by the model beside the truth and AP's call; the presidency."""
    from electoral.confirmation.night_scoring import iso

    use_eevp = b.nowcast.model.use_eevp
    out.print(
        f"[bold]{b.year}[/] nowcast backtest · {b.nowcast.series.source} · truth: {b.truth} · "
        f"expected vote share {'used' if use_eevp else 'NOT used'}"
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
    units = b.units
    order = [u for u in BATTLEGROUNDS if u in units] + [u for u in units if u not in BATTLEGROUNDS]
    for u in order:
        x = units[u]
        t.add_row(
            u,
            "" if x.model_winner is None else x.model_winner.split()[-1],
            _short(iso(x.model_called_at)),
            _short(x.desks.get("AP")).replace(" (date", "").replace(", ET)", " ET"),
            "" if x.actual_winner is None else x.actual_winner.split()[-1],
            _pct(x.final_margin),
            "[red]WRONG[/]" if x.wrong else "",
        )
    out.print(t)
    called = sum(x.model_winner is not None for x in units.values())
    out.print(
        f"Wrong calls: [bold]{b.wrong_calls}[/] of {called} units called "
        f"(not called: {', '.join(b.not_called) or 'none'})."
    )
    line = "The presidency: not called by the model."
    if b.presidency is not None:
        who, when = b.presidency
        line = (
            f"The presidency: called for [bold]{who}[/] at {iso(when)} "
            f"(units called reach {b.majority})"
        )
    if "AP" in desks_us:
        line += f"; AP called it at {desks_us['AP']}."
    out.print(line)
    for n in b.notes:
        out.print(f"[dim]note: {n}[/]")


def plot_battlegrounds(nc: Nowcast, year: int, path: Path) -> None:
    """Margin and 95 % band over time for the seven battlegrounds, AP's call marked."""
    import datetime as dt

    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    from electoral.confirmation.night_scoring import desk_calls

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
