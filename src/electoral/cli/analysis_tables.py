"""Tables for the analysis commands; each takes the library's result object."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from electoral.cli.common import out
from electoral.cli.recount import print_recounts

if TYPE_CHECKING:
    # Result types for annotations only: the commands import their engines when they run, so
    # that starting the command line stays quick.
    from electoral.analysis.report import Analysis, Inversions
    from electoral.analysis.scenario import ScenarioResult


def render_analysis(a: Analysis) -> None:
    """``analyze``: the winners, the tipping point and bias, voting power, other systems."""
    tp = a.tipping
    out.print(
        f"[bold]{a.year}[/]: {a.electoral_winner} wins the Electoral College; "
        f"{a.popular_winner} wins the popular vote"
        + (" — [red]an inversion[/]" if a.inversion else "")
        + "."
    )
    out.print(
        f"Tipping point: {tp.unit} ({tp.candidate} by "
        f"{tp.margin:.2%}); national margin {tp.national_margin:+.2%}; "
        f"bias {tp.bias:+.2%} (favours {tp.favours})."
    )
    out.print(
        f"A uniform swing of {tp.swing_to_deny:.2%} in margin "
        f"denies {tp.candidate} a majority; "
        f"{tp.swing_to_flip:.2%} hands it to the opponent."
    )
    ms = a.min_share
    out.print(
        f"Smallest winning share of the popular vote: {ms.share:.2%} "
        f"({len(ms.states)} units, {ms.electoral_votes} electors)."
    )
    t = Table(title="Voting power (top 10 units)", title_justify="left")
    for col in ("unit", "electors", "Banzhaf", "Shapley-Shubik", "Banzhaf/voter"):
        t.add_column(col, justify="left" if col == "unit" else "right")
    w = a.board.weights()
    strongest = sorted(a.banzhaf, key=lambda u: -a.banzhaf[u])
    for u in strongest[:10]:
        t.add_row(
            u,
            str(w[u]),
            f"{a.banzhaf[u]:.4f}",
            f"{a.shapley_shubik[u]:.4f}",
            f"{a.banzhaf_per_voter[u]:.3f}",
        )
    out.print(t)
    s = Table(title="Alternative systems", title_justify="left")
    s.add_column("system")
    s.add_column("tally")
    s.add_column("winner")
    for name, r in a.systems.items():
        p = r.president
        s.add_row(
            name,
            ", ".join(f"{c} {v}" for c, v in p.tally.items()),
            p.winner or f"no majority → {p.decided_by}",
        )
    out.print(s)
    for n in a.notes:
        out.print(f"[dim]note: {n}[/]")


def render_inversions(rows: Inversions) -> None:
    """``inversions``: one row per year with returns."""
    t = Table(title="Electoral vs popular winners", title_justify="left")
    for col in ("year", "electoral winner", "popular winner", "inversion"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            str(r.year),
            str(r.electoral_winner),
            r.popular_winner,
            "[red]yes[/]" if r.inversion else "no",
        )
    out.print(t)


def render_scenario(r: ScenarioResult) -> None:
    """``scenario``: the changes made, the outcome, the open paths, the recounts."""
    for c in r.changes:
        out.print(f"• {c}")
    t = Table(title="Outcome", title_justify="left")
    t.add_column("candidate")
    t.add_column("electoral votes", justify="right")
    for c, v in r.president.tally.items():
        t.add_row(c + (" ✔" if c == r.president.winner else ""), str(v))
    out.print(t)
    p = r.president
    if p.winner:
        out.print(f"{p.winner} has a majority ({p.majority} of {p.electors}).")
    elif r.tossups:
        paths = r.paths
        assert paths is not None  # tossups are counted as paths
        out.print(
            f"Open: {sum(r.tossups.values())} electors in tossups; "
            f"paths over {paths.combinations} combinations: "
            + ", ".join(f"{c} {n}" for c, n in paths.wins.items())
            + f", ties {paths.ties}."
        )
    elif p.contingent is not None:
        out.print(
            "No majority: the House chooses among " + ", ".join(p.contingent.candidates) + "."
        )
    print_recounts(r.result)


def render_paths(r: ScenarioResult) -> None:
    """``paths``: how many tossup combinations win for each side, the smallest winning sets."""
    paths = r.paths
    assert paths is not None
    out.print(
        f"{paths.combinations:,} combinations of {len(r.scenario.tossups)} tossups "
        f"({sum(r.tossups.values())} electors):"
    )
    for c, n in paths.wins.items():
        out.print(f"  {c}: {n:,} winning ({r.decided.get(c, 0)} electors already)")
    out.print(f"  ties: {paths.ties:,}")
    for c, combos in paths.smallest_by_candidate.items():
        shown = "; ".join("+".join(x) for x in combos) or "none"
        out.print(f"Smallest winning sets for {c}: {shown}")
