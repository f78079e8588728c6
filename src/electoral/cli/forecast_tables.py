"""Tables for ``forecast`` and ``backtest``."""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from rich.table import Table

from electoral.cli.common import out, shown

if TYPE_CHECKING:
    from electoral.forecast.daily import DailySeries
    from electoral.forecast.evaluation import BacktestResult, Run
    from electoral.forecast.result import Forecast


def _r(x: float | None, digits: int = 6) -> float | None:
    """Rounded as in the JSON document, so that the table and ``--json`` agree to the last
    digit shown; None (not finite) stays None."""
    return None if x is None or not math.isfinite(x) else round(float(x), digits)


def render_forecast(f: Forecast) -> None:
    """``forecast``: who wins (Monte Carlo and exact), then the closest units."""
    m, sim, fitted = f.model, f.simulation, f.fitted
    dem, rep = m.dem, m.rep
    out.print(
        f"[bold]{m.year}[/] forecast as of {f.as_of.isoformat()} "
        f"(information to {fitted.effective_as_of_.isoformat()}, {fitted.days_} days out); "
        f"{sim.n:,} simulations, seed {f.seed}; polls: {f.source}"
    )
    t = Table(title="Who wins", title_justify="left")
    for col in ("", "Monte Carlo", "± s.e.", "exact", "expected electoral votes"):
        t.add_column(col, justify="left" if not col else "right")
    win, exact, ev = sim.win_probability, f.exact.win_probability, sim.expected_electoral_votes
    for c in (dem, rep):
        t.add_row(
            c,
            shown(win[c], ".2%"),
            shown(math.sqrt(win[c] * (1 - win[c]) / sim.n), ".2%"),
            shown(exact[c], ".2%", 8),
            shown(ev[c], ".1f"),
        )
    t.add_row("tie 269-269", shown(sim.tie_probability, ".2%"), "", "", "")
    t.add_row("no majority", shown(sim.no_majority_probability, ".2%"), "", "", "")
    out.print(t)
    out.print(
        f"P(electoral winner loses the popular vote) = {shown(sim.split_probability, '.2%')}; "
        f"national environment vs last time {shown(fitted.national_environment_, '+.2%')}."
    )
    s = Table(
        title=f"Closest units (by mean margin; P(win | unit): {dem} wins if {dem} carries it)",
        title_justify="left",
    )
    d_last = dem.split()[-1]
    heads = ("unit", "EV", f"P({d_last})", "margin", "tipping", "voter power", "P(win | unit)")
    for col in heads:
        s.add_column(col, justify="left" if col == "unit" else "right")
    mean, pu, vp = sim.margin_mean, sim.unit_win_probability, sim.voter_power
    tipping, cond = sim.tipping_point, sim.conditional()
    closest = sorted(range(len(m.units)), key=lambda i: abs(_r(float(mean[i])) or 0.0))
    for i in closest[:15]:
        u = m.units[i]
        s.add_row(
            u,
            str(int(m.electors[i])),
            shown(float(pu[i]), ".1%"),
            shown(float(mean[i]), "+.1%"),
            shown(tipping[u], ".1%"),
            f"{float(f'{vp[i]:.4g}'):.2g}",
            shown(cond[u][dem], ".0%"),
        )
    out.print(s)
    for n in fitted.notes_:
        out.print(f"[dim]note: {n}[/]")


def render_daily(d: DailySeries) -> None:
    """``forecast --daily``: one row per day, each from the polls before it, about the
    candidates on that day (2024: Biden, then Harris from 2024-07-21)."""
    pairs = [tuple(p.win) for p in d.series] or [d.candidates]
    dems, reps = (" / ".join(dict.fromkeys(names)) for names in zip(*pairs, strict=True))
    t = Table(
        title=f"{d.year}: the forecast of each day (polls before it; electoral votes: "
        "mean and central 90%)",
        title_justify="left",
    )
    for col in ("date", f"P({dems})", f"P({reps})", f"EV {dems}", "90% range"):
        t.add_column(col, justify="left" if col == "date" else "right")
    for p in d.series:
        dem, rep = p.win
        t.add_row(
            p.date.isoformat(),
            shown(p.win[dem], ".1%"),
            shown(p.win[rep], ".1%"),
            shown(p.ev_mean[dem], ".0f", 3),
            f"{p.ev_lo[dem]}-{p.ev_hi[dem]}",
        )
    out.print(t)
    for before, p in itertools.pairwise(d.series):
        if tuple(p.win) != tuple(before.win):
            out.print(f"[dim]note: from {p.date.isoformat()}: {' vs '.join(p.win)}[/]")


def render_backtest(b: BacktestResult) -> None:
    """``backtest``: our runs beside the published forecasts, coverage, calibration."""
    label = (
        "past elections only"
        if b.training == "past"
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
    years: dict[int, dict[int, Run]] = {}
    for r in b.runs:
        years.setdefault(r.year, {})[r.days_before] = r
    for year, runs in years.items():
        for days, r in runs.items():
            t.add_row(
                str(year),
                "ours, eve" if days == 0 else f"ours, {days}d",
                r.effective_as_of.isoformat(),
                shown(r.score.brier, ".4f", 5),
                shown(r.statewide.brier, ".4f", 5),
                shown(r.score.brier_ev_weighted, ".4f", 5),
                shown(r.score.log_loss, ".4f", 5),
                f"{r.score.called}/{r.score.units}",
                shown(r.win_probability.get(r.winner, math.nan), ".1%", 4),
                "",
            )
        for p in b.published:  # the published forecasts are scored as plain records
            if p["year"] == year:
                ours = p["ours_on_same_units"]
                t.add_row(
                    str(year),
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
    for horizon, share in b.coverage().items():
        cov.add_row("eve" if horizon == "0" else horizon, *(f"{share[lv]:.1%}" for lv in levels))
    out.print(cov)
    c = Table(title="Calibration (eve forecasts, all years)", title_justify="left")
    for col in ("bin", "n", "mean forecast", "observed"):
        c.add_column(col, justify="right")
    for row in b.calibration:
        mean, seen = row["mean_forecast"], row["observed"]
        c.add_row(
            row["bin"],
            str(row["n"]),
            "" if mean is None else f"{mean:.3f}",
            "" if seen is None else f"{seen:.3f}",
        )
    out.print(c)
    first = min((r.days_before for r in b.runs), default=0)
    for year, runs in years.items():
        for n in runs[first].notes if first in runs else ():
            out.print(f"[dim]note ({year}): {n}[/]")
