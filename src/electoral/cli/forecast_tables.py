"""Tables for ``forecast`` and ``backtest``."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from electoral.cli.common import out


def render_forecast(d: dict[str, Any]) -> None:
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


def render_backtest(d: dict[str, Any]) -> None:
    t = Table(
        title="Backtest (leave-one-year-out); 'ours' = our eve Brier on the forecaster's units",
        title_justify="left",
    )
    cols = ("year", "source", "as of", "Brier", "Brier EV", "log loss", "called", "P(win)", "ours")
    for col in cols:
        t.add_column(col, justify="left" if col in {"source", "as of"} else "right", no_wrap=True)
    for year, y in d["years"].items():
        for days, r in y["by_days_before"].items():
            t.add_row(
                year,
                "ours, eve" if days == "0" else f"ours, {days}d",
                r["effective_as_of"],
                f"{r['brier']:.4f}",
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
                    f"{p['brier_ev_weighted']:.4f}",
                    f"{p['log_loss']:.4f}",
                    f"{p['called']}/{p['units']}",
                    "",
                    f"{ours['brier']:.4f}",
                )
    out.print(t)
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
