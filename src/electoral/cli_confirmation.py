"""Command-line confirmation commands: ``timeline`` (issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.table import Table

from electoral.cli_common import JsonOpt, emit, errors, out
from electoral.errors import DataError

ET = dt.timezone(dt.timedelta(hours=-5))  # the whole period falls in Eastern standard time


def parse_day(text: str, field: str = "on") -> dt.date:
    """An ISO date (``2020-11-20``); ``DataError`` naming ``field`` otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DataError(f"{text!r} is not a date (YYYY-MM-DD)", field=field) from None


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


def render(doc: dict[str, Any]) -> None:
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


def register(app: typer.Typer) -> None:
    @app.command("timeline")
    def timeline_cmd(
        year: Annotated[int, typer.Argument(help="Election year, 2000-2024 (every 4 years).")],
        on: Annotated[
            str | None,
            typer.Option(help="A date (YYYY-MM-DD) between Election Day and Inauguration Day."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The confirmation period: called, certified, recounts, electors, Congress's count."""
        with errors():
            from electoral.confirmation.timeline import timeline

            day = None if on is None else parse_day(on)
            doc = timeline(year).to_dict(day)
            emit(doc, as_json, lambda: render(doc))
