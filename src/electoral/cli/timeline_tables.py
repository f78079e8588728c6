"""Tables for ``timeline``: the confirmation period, nationally and state by state."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.table import Table

from electoral.cli.common import out

if TYPE_CHECKING:
    from electoral.confirmation.facts import Call
    from electoral.confirmation.stages import StateTimeline, Timeline

ET = dt.timezone(dt.timedelta(hours=-5))  # the whole period falls in Eastern standard time


def _et(call: Call | None) -> str:
    """When a desk called: the Eastern time where known, else the date and its precision."""
    if call is None:
        return ""
    if call.at is not None:
        return call.at.astimezone(ET).strftime("%b %d %H:%M")
    part = (call.precision or "date").removeprefix("date").removeprefix("_")
    return call.date.strftime("%b %d") + (f" {part}" if part else "")


def _day(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%b %d")


def _certified(s: StateTimeline) -> str:
    """The certification cell: the day, ≤ a day listed, the deadline, or the law's bound."""
    cert = s.certification
    if cert is not None and cert.status == "certified":
        return _day(cert.date)
    if cert is not None and cert.status == "on_or_before":
        return f"≤ {_day(cert.date)}"
    if cert is not None and cert.deadline is not None:
        return f"due {_day(cert.deadline)}"
    return f"≤ {_day(s.certified_by)} law" if s.certified_by is not None else ""


def render_timeline(tl: Timeline, on: dt.date | None = None) -> None:
    """The national stages, then one row per state (with its stage ``on`` a day, if given)."""
    from electoral.confirmation.facts import iso_utc
    from electoral.confirmation.stages import CONFIRMED_REASON

    t = Table(title=f"{tl.year}: when the result reached a majority", title_justify="left")
    for col in ("stage", "date", "exact", "how"):
        t.add_column(col)
    for stage, n in tl.national.items():
        t.add_row(
            stage,
            iso_utc(n.date) or "never (in the data)",
            "yes" if n.exact else "bound",
            n.basis,
        )
    out.print(t)
    out.print(f"[bold]Confirmed[/] {tl.confirmed.isoformat()}: {CONFIRMED_REASON}")
    t = Table(title=f"{tl.year}: state by state", title_justify="left")
    cols = ["state", "EV", "called (ET)", "desk", "certified", "recount"]
    if on is not None:
        cols.append(f"on {on.isoformat()}")
    for col in cols:
        t.add_column(col, justify="right" if col == "EV" else "left")
    for st, s in tl.states.items():
        law = s.recount_law
        recount = s.recount_status
        if law is not None and law.status != "none":
            recount += f" ({law.status})"
        desk = "" if s.call is None else s.call.desk.replace(" results page", " page")
        row = [st, str(s.electors), _et(s.call), desk, _certified(s), recount]
        if on is not None:
            row.append(s.stage_on(on).replace("_", " "))
        t.add_row(*row)
    out.print(t)
    first = next(iter(tl.states.values()), None)
    if first is not None:
        out.print(
            f"Electors voted in every state on {first.electors_voted.isoformat()}; Congress "
            f"counted from {tl.federal['congress_counts']['date']} to "
            f"{first.counted.isoformat()}.  certified: ≤ = on or before (list), due = only the "
            "deadline is known, law = bounded by the law."
        )
    if on is not None:
        standing = tl.on(on)
        for stage, votes in standing.electoral_votes.items():
            text = ", ".join(f"{c} {n}" for c, n in votes.items()) or "none"
            out.print(f"{stage} on {on.isoformat()}: {text}")
        out.print(f"certified by then (data): {', '.join(standing.certified) or 'none'}")
        if standing.deadline_passed:
            passed = ", ".join(standing.deadline_passed)
            out.print(f"[dim]deadline passed, date not in the data: {passed}[/]")
    for note in tl.notes:
        out.print(f"[dim]note: {note}[/]")
