"""Tables for ``timeline``: the confirmation period, nationally and state by state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table

from electoral.cli.common import out

ET = dt.timezone(dt.timedelta(hours=-5))  # the whole period falls in Eastern standard time


def _et(d: dict[str, Any] | None) -> str:
    if d is None:
        return ""
    if d.get("at"):
        at = dt.datetime.fromisoformat(d["at"].replace("Z", "+00:00")).astimezone(ET)
        return at.strftime("%b %d %H:%M")
    when = dt.date.fromisoformat(d["date"]).strftime("%b %d")
    part = str(d.get("precision") or "date").removeprefix("date").removeprefix("_")
    return when + (f" {part}" if part else "")


def _day(text: str | None) -> str:
    return "" if text is None else dt.date.fromisoformat(text).strftime("%b %d")


def render_timeline(doc: dict[str, Any]) -> None:
    year, nat = doc["year"], doc["national_detail"]
    t = Table(title=f"{year}: when the result reached a majority", title_justify="left")
    for col in ("stage", "date", "exact", "how"):
        t.add_column(col)
    for stage, d in nat.items():
        t.add_row(
            stage, d["date"] or "never (in the data)", "yes" if d["exact"] else "bound", d["basis"]
        )
    out.print(t)
    c = doc["confirmed"]
    out.print(f"[bold]Confirmed[/] {c['date']}: {c['reason']}")
    t = Table(title=f"{year}: state by state", title_justify="left")
    cols = ["state", "EV", "called (ET)", "desk", "certified", "recount"]
    if "as_of" in doc:
        cols.append(f"on {doc['as_of']}")
    for col in cols:
        t.add_column(col, justify="right" if col == "EV" else "left")
    for st, s in doc["states"].items():
        call, cert = s["called"], s["certified"]
        if cert["status"] == "certified":
            certified = _day(cert["date"])
        elif cert["status"] == "on_or_before":
            certified = f"≤ {_day(cert['date'])}"
        elif cert.get("deadline"):
            certified = f"due {_day(cert['deadline'])}"
        else:
            certified = f"≤ {_day(cert['known_by'])} law" if cert["known_by"] else ""
        law = s["recount"]["law"]
        recount = s["recount"]["status"]
        if law is not None and law["status"] != "none":
            recount += f" ({law['status']})"
        desk = "" if call is None else call["desk"].replace(" results page", " page")
        row = [st, str(s["electors"]), _et(call), desk, certified, recount]
        if "as_of" in doc:
            row.append(s["stage"].replace("_", " "))
        t.add_row(*row)
    out.print(t)
    first = next(iter(doc["states"].values()), None)
    if first is not None:
        out.print(
            f"Electors voted in every state on {first['electors_voted']['date']}; Congress "
            f"counted from {doc['federal']['congress_counts']['date']} to "
            f"{first['counted']['date']}.  certified: ≤ = on or before (list), due = only the "
            "deadline is known, law = bounded by the law."
        )
    if "as_of" in doc:
        for stage, votes in doc["electoral_votes"].items():
            text = ", ".join(f"{c} {n}" for c, n in votes.items()) or "none"
            out.print(f"{stage} on {doc['as_of']}: {text}")
        out.print(f"certified by then (data): {', '.join(doc['certified_states']) or 'none'}")
        passed = doc["deadline_passed_not_known_certified"]
        if passed:
            out.print(f"[dim]deadline passed, date not in the data: {', '.join(passed)}[/]")
    for n in doc["notes"]:
        out.print(f"[dim]note: {n}[/]")
