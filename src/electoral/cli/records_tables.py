"""Tables for the records commands: ``tally`` and ``election`` (the count, how it was decided,
the states), ``imports``, ``calendar``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table

from electoral.cli.common import out
from electoral.cli.recount import print_recounts, recount_cell
from electoral.results import ElectionResult, TallyResult, votes_line
from electoral.rules.calendar import ElectionCalendar
from electoral.rules.count import CountResult

if TYPE_CHECKING:
    from electoral.store import SavedSet


def _count_table(title: str, result: CountResult, extra: dict[str, int] | None = None) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column("candidate")
    t.add_column("electoral votes", justify="right")
    if extra is not None:
        t.add_column("pledged by returns", justify="right")
    names = list(result.tally) + [c for c in (extra or {}) if c not in result.tally]
    for c in names:
        mark = " ✔" if c == result.winner else ""
        row = [c + mark, str(result.tally.get(c, 0))]
        if extra is not None:
            row.append(str(extra.get(c, 0)))
        t.add_row(*row)
    return t


def _outcome_lines(result: CountResult) -> list[str]:
    office = result.office.replace("_", " ")
    lines = [f"{result.electors} electors appointed; a majority is {result.majority}."]
    c = result.contingent
    if c is not None:
        chamber = "House" if c.chamber == "house" else "Senate"
        who = ", ".join(c.candidates)
        lines.append(f"[bold]No majority for {office}.[/] The {chamber} chooses among: {who}.")
        lines.append(f"[dim]{c.rule}[/]")
        if c.result is not None:
            unit = "states" if c.chamber == "house" else "senators"
            for b in c.result.ballots:
                which = f"ballot {b.first}" if b.first == b.last else f"ballots {b.first}-{b.last}"
                votes = ", ".join(f"{k} {v}" for k, v in b.tally.items())
                blank = f", {b.no_vote} not voting or divided" if b.no_vote else ""
                lines.append(
                    f"  {which}: {votes}{blank} ({c.result.needed} of "
                    f"{c.result.members} {unit} needed)"
                )
            if c.result.winner is not None:
                lines.append(f"[bold]{c.result.winner}[/] is elected {office} by the {chamber}.")
    elif result.winner is not None:
        lines.append(f"[bold]{result.winner}[/] is elected {office} by the Electoral College.")
    elif not result.tally:
        lines.append(f"[bold]Nobody is elected {office}:[/] no electoral votes were counted.")
        lines.extend(f"[dim]{n}[/]" for n in result.notes)
    return lines


def render_tally(r: TallyResult, show_states: bool) -> None:
    out.print(_count_table(f"{r.year} rules · {r.source}", r.president))
    for line in _outcome_lines(r.president):
        out.print(line)
    if r.president.winner is None and r.president.contingent is not None:
        top2 = ", ".join(r.president.contingent.candidates[:2])
        out.print(
            f"The Senate chooses the vice president between the top two (the running "
            f"mates of {top2}, if electors voted the tickets)."
        )
    if show_states:
        t = Table(title="States", title_justify="left")
        for col in ("state", "electors", "winner", "margin", "rule", "recount"):
            t.add_column(col, justify="right" if col in {"electors", "margin"} else "left")
        for u in r.units:
            margin = "" if u.margin is None else f"{u.margin:.2%}"
            t.add_row(
                u.unit,
                str(u.electors),
                u.winner,
                margin,
                u.rule,
                recount_cell(r.recounts.get(u.unit)),
            )
        out.print(t)
    print_recounts(r)
    for n in r.notes:
        out.print(f"[dim]note: {n}[/]")


def render_election(r: ElectionResult, show_states: bool) -> None:
    pledged = dict(r.pledged.president.tally) if r.pledged is not None else None
    out.print(_count_table(f"{r.year}: electoral votes for president", r.president, pledged))
    for line in _outcome_lines(r.president):
        out.print(line)
    if r.vice_president is not None:
        out.print(_count_table(f"{r.year}: electoral votes for vice president", r.vice_president))
        for line in _outcome_lines(r.vice_president)[1:]:
            out.print(line)
    flag = "[green]yes[/]" if r.reproduced else "[red]no[/]"
    out.print(f"Reproduces the recorded outcome: {flag}")
    diff = r.differences()
    if diff:
        t = Table(
            title="Where the electors' votes differ from what the returns pledged",
            title_justify="left",
        )
        t.add_column("state")
        t.add_column("pledged")
        t.add_column("cast")
        for st, d in diff.items():
            t.add_row(st, votes_line(d["pledged"]), votes_line(d["cast"]))
        out.print(t)
    if show_states:
        t = Table(title="Electoral votes cast by state", title_justify="left")
        t.add_column("state")
        t.add_column("cast")
        t.add_column("recount (pledged returns)")
        recounts = {} if r.pledged is None else r.pledged.recounts
        for st, votes in r.recorded_states.items():
            t.add_row(st, votes_line(votes), recount_cell(recounts.get(st)))
        out.print(t)
    if r.pledged is not None:
        print_recounts(r.pledged)
    for n in r.notes:
        out.print(f"[dim]note: {n}[/]")


def render_imports(sets: Sequence[SavedSet]) -> None:
    """``imports``: one row per named set of returns in the store."""
    t = Table(title="Saved returns", title_justify="left")
    for col in ("name", "rows", "source", "saved"):
        t.add_column(col)
    for s in sets:
        t.add_row(s.name, str(s.rows), s.source, s.created_at.strftime("%Y-%m-%d %H:%M"))
    out.print(t)


def render_calendar(cal: ElectionCalendar) -> None:
    """``calendar``: each step of the election with its date and its law."""
    t = Table(title=f"The {cal.year} presidential election calendar", title_justify="left")
    t.add_column("step")
    t.add_column("date")
    t.add_column("rule", overflow="fold")
    for ev in cal.events():
        day = ev.date.strftime("%a %b %-d, %Y") if ev.date else "—"
        rule = ev.rule + (f" [dim]({ev.note})[/]" if ev.note else "")
        t.add_row(ev.name.replace("_", " "), day, rule)
    out.print(t)
