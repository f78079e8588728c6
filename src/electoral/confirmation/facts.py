"""Per-state facts of one election's confirmation period, from the packaged data.

Small frozen records -- a desk's call, a certification, a recount held -- read from
``electoral.data.confirmation`` and kept as objects until the edge.  ``timeline`` puts them
together with the federal calendar and the engine's electoral votes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from electoral.data import confirmation as conf

#: The desk whose call the timeline takes for a state when several called it.
PREFERRED_DESK = "AP"


def _day(x: Any) -> dt.date | None:
    return None if pd.isna(x) else pd.Timestamp(x).date()


def iso_utc(d: dt.date | dt.datetime | None) -> str | None:
    """A date as ``YYYY-MM-DD``; a time as ISO-8601 in UTC with ``Z``; None stays None."""
    if d is None:
        return None
    if isinstance(d, dt.datetime):
        return d.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return d.isoformat()


@dataclass(frozen=True)
class Call:
    """A desk's call: ``at`` in UTC where a time is known, ``date`` the Eastern date."""

    unit: str
    desk: str
    winner: str
    at: dt.datetime | None
    date: dt.date
    precision: str
    verified: str
    source: str
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "desk": self.desk,
            "winner": self.winner,
            "at": iso_utc(self.at),
            "date": self.date.isoformat(),
            "precision": self.precision,
            "verified": self.verified,
            "source": self.source,
        }


def calls(year: int) -> dict[str, list[Call]]:
    """Every desk's call per unit (``US`` = the presidency), earliest first."""
    df = conf.media_calls()
    out: dict[str, list[Call]] = {}
    for r in df[df.year == year].to_dict("records"):
        at = None if pd.isna(r["called_at_utc"]) else r["called_at_utc"].to_pydatetime()
        c = Call(
            str(r["unit"]),
            str(r["desk"]),
            str(r["winner"]),
            at,
            pd.Timestamp(r["called_date_et"]).date(),
            str(r["time_precision"]),
            str(r["verified"]),
            str(r["source"]),
            str(r["notes"]),
        )
        out.setdefault(c.unit, []).append(c)
    for lst in out.values():
        lst.sort(key=lambda c: (c.date, c.at or dt.datetime.max.replace(tzinfo=dt.UTC)))
    return out


def chosen_call(unit_calls: list[Call]) -> Call:
    """AP's call where AP called the unit, else the earliest call."""
    ap = [c for c in unit_calls if c.desk == PREFERRED_DESK]
    return ap[0] if ap else unit_calls[0]


@dataclass(frozen=True)
class Certification:
    """A state's certification: the exact date, a date it was certified by, or a deadline.

    ``status``: ``certified`` (exact date in the data), ``on_or_before`` (listed as certified
    by ``date``, the day itself unknown), ``deadline_only`` (only the statutory deadline is in
    the data), ``no_deadline`` (no statutory deadline, no date), ``unknown``.
    """

    state: str
    status: str
    date: dt.date | None
    deadline: dt.date | None
    deadline_kind: str
    body: str
    source: str
    verified: str
    notes: str

    def to_dict(self) -> dict[str, Any]:
        label = {
            "certified": "certified",
            "on_or_before": "certified on or before this date (exact day not in the data)",
            "deadline_only": "statutory deadline only (certification date not in the data)",
            "no_deadline": "no statutory deadline; certification date not in the data",
            "unknown": "no certification date or deadline in the data",
        }[self.status]
        return {
            "status": self.status,
            "date": iso_utc(self.date),
            "label": label,
            "deadline": iso_utc(self.deadline),
            "body": self.body or None,
            "source": self.source or None,
            "verified": self.verified or None,
            "notes": self.notes or None,
        }


def certifications(year: int) -> dict[str, Certification]:
    """Each state's certification record for ``year`` (empty for years not in the data)."""
    df = conf.certification()
    out: dict[str, Certification] = {}
    for r in df[df.year == year].to_dict("records"):
        exact, bound, deadline = (
            _day(r["certified_date"]),
            _day(r["certified_on_or_before"]),
            _day(r["certification_deadline"]),
        )
        if exact is not None:
            status, date = "certified", exact
        elif bound is not None:
            status, date = "on_or_before", bound
        elif deadline is not None:
            status, date = "deadline_only", None
        elif r["deadline_kind"] == "none":
            status, date = "no_deadline", None
        else:
            status, date = "unknown", None
        source = r["certified_source"] if date is not None else r["deadline_source"]
        verified = r["certified_verified"] if date is not None else r["deadline_verified"]
        notes = " | ".join(n for n in (r["deadline_notes"], r["certified_notes"]) if n)
        out[str(r["state"])] = Certification(
            str(r["state"]),
            status,
            date,
            deadline,
            str(r["deadline_kind"]),
            str(r["certifying_body"]),
            str(source),
            str(verified),
            notes,
        )
    return out


#: The note with which a certification list says every state has certified.
ALL_CERTIFIED_NOTE = "All 50 states and DC have certified"


def all_certified_by(year: int) -> tuple[dt.date, str] | None:
    """The day by which the data says every state had certified, with the page saying so."""
    for c in certifications(year).values():
        if ALL_CERTIFIED_NOTE in c.notes and c.date is not None:
            return c.date, f"{c.source} ({c.state} {year}: '{ALL_CERTIFIED_NOTE}')"
    return None


@dataclass(frozen=True)
class RecountHeld:
    """A recount (or full hand audit) of the presidential race that took place."""

    state: str
    kind: str
    requested_by: str
    payer: str
    began: dt.date | None
    ended: dt.date | None
    outcome: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "requested_by": self.requested_by or None,
            "payer": self.payer,
            "began": iso_utc(self.began),
            "ended": iso_utc(self.ended),
            "outcome": self.outcome,
            "source": self.source,
        }


def recounts(year: int) -> dict[str, list[RecountHeld]]:
    df = conf.recounts_held()
    out: dict[str, list[RecountHeld]] = {}
    for r in df[df.year == year].to_dict("records"):
        out.setdefault(str(r["state"]), []).append(
            RecountHeld(
                str(r["state"]),
                str(r["kind"]),
                str(r["requested_by"]),
                str(r["payer"]),
                _day(r["began"]),
                _day(r["ended"]),
                str(r["outcome"]),
                str(r["source"]),
            )
        )
    return out


@dataclass(frozen=True)
class Milestone:
    name: str
    date: dt.date | None
    at: dt.datetime | None
    source: str
    notes: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": iso_utc(self.date),
            "at": iso_utc(self.at),
            "source": self.source,
            "notes": self.notes or None,
        }


def milestones(year: int) -> Mapping[str, Milestone]:
    df = conf.milestones()
    out: dict[str, Milestone] = {}
    for r in df[df.year == year].to_dict("records"):
        at = None if pd.isna(r["datetime_utc"]) else r["datetime_utc"].to_pydatetime()
        out[str(r["milestone"])] = Milestone(
            str(r["milestone"]), _day(r["date"]), at, str(r["source"]), str(r["notes"])
        )
    return out
