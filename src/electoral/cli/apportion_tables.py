"""Tables for `electoral apportion`: a census's apportionment beside its enacted seats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table

from electoral.cli.common import out

if TYPE_CHECKING:
    from electoral.rules.census_report import CensusReport


def _num(x: float | None, fmt: str = "{:,.3f}") -> str:
    return "—" if x is None else fmt.format(x)


def render_report(r: CensusReport, window: int | None) -> None:
    """The per-state table, the differences with their reasons, the notes."""
    how = r.method or "no apportionment"
    law = "" if r.own_law else " (not the law's)"
    t = Table(
        title=f"House apportionment · {r.census} census · {how}{law} · {r.seats} seats",
        title_justify="left",
    )
    extra = "remainder" if r.remainder else ("priority" if r.priority else None)
    cols = ["state", "population", "quota", *([extra] if extra else [])]
    cols += ["method", "seats", "enacted", "electoral votes"]
    for col in cols:
        t.add_column(col, justify="left" if col == "state" else "right")
    for st, n in r.by_state.items():
        pop = r.populations.get(st)
        row = [st, "—" if pop is None else f"{pop:,}", _num(r.quota.get(st))]
        if extra == "remainder":
            row.append(_num(r.remainder.get(st)))
        elif extra == "priority":
            row.append(_num(r.priority.get(st), "{:,.0f}"))
        ms = r.method_seats.get(st)
        pub = r.published.get(st)
        mark = "" if pub is None or pub == n else " *"
        row += ["—" if ms is None else str(ms), f"{n}{mark}", "—" if pub is None else str(pub)]
        row.append(str(n + 2))
        t.add_row(*row)
    if r.dc_electors:
        t.add_row("DC", *["—"] * (len(cols) - 2), "3")
    out.print(t)
    if r.population_kind == "derived":
        out.print(
            "[bold]Populations are derived[/] (total less 2/5 of the enslaved, from today's "
            "revised counts), not the official apportionment figures."
        )
    a = r.apportionment
    if a is not None:
        line = (
            f"Seat {a.seats} went to [bold]{a.last_seat}[/]"
            if a.last_seat is not None
            else f"Every one of the {a.seats} seats is a state's guaranteed first seat"
        )
        if a.next_in_line is not None:
            line += f"; next in line for seat {a.seats + 1}: [bold]{a.next_in_line}[/]"
        if a.short_by is not None:
            line += f" ({a.short_by:,} people short)"
        out.print(line + ".")
    if r.differences:
        d = Table(title="Where the enacted seats differ from the method", title_justify="left")
        for col in ("state", "method", "enacted", "reason", "detail"):
            d.add_column(col, overflow="fold")
        for x in r.differences:
            d.add_row(x.state, str(x.method_seats), str(x.published), x.reason, x.detail)
        out.print(d)
    elif r.computed:
        out.print("The method gives every state its enacted seats.")
    for note in r.notes:
        out.print(f"[dim]{note}[/]")
    if r.law is not None:
        out.print(f"[dim]Law: {r.law.citation}[/]")
    if window is None or a is None:
        return
    p = Table(title=f"Priority list around seat {a.seats}", title_justify="left")
    for col in ("rank", "seat", "state", "state's seat", "priority value", ""):
        p.add_column(col, justify="left" if col in {"state", ""} else "right")
    for e in a.priority_window(window):
        mark = {a.seats: "← last seat", a.seats + 1: "← next in line"}.get(e.seat, "")
        style = "bold" if mark else ("dim" if e.seat > a.seats else None)
        p.add_row(
            str(e.rank), str(e.seat), e.state, str(e.nth), f"{e.value:,.2f}", mark, style=style
        )
    out.print(p)


def render_sweep(frame: Any, census: int, method: str) -> None:
    """One row per House size: the states whose seats changed from the size before."""
    sizes = [int(s) for s in frame.index]
    t = Table(
        title=f"House sizes {sizes[0]}-{sizes[-1]} · {census} census · {method}",
        title_justify="left",
    )
    t.add_column("seats", justify="right")
    t.add_column("states whose seats changed from the size before", overflow="fold")
    prev: dict[str, int] | None = None
    for size, row in zip(sizes, frame.to_dict("records"), strict=True):
        if prev is None:
            text = " ".join(f"{st} {n}" for st, n in row.items())
        else:
            text = ", ".join(f"{st} {prev[st]}→{n}" for st, n in row.items() if n != prev[st])
        t.add_row(str(size), text or "—")
        prev = row
    out.print(t)
