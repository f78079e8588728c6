"""The confirmation timeline: from Election Day to the confirmed president-elect, any date.

For one election (2000-2024, as far as the data goes) and each state: when a desk called it,
when it certified (or only its deadline), whether it was within a recount and whether one was
held, when its electors voted and when Congress counted them.  Nationally: the day each stage
first gave the winner a majority -- projected by the desks, certified by the states, cast by
the electors, counted by Congress -- and the day the law treats as the result confirmed.

How missing facts are treated (never invented):

* a state with only a statutory deadline has no known certification date; it is counted as
  certified only from a day the data or the law bounds it by: a list saying it was certified
  "as of" a day (``on_or_before``), a list saying every state had certified (2020: 270toWin,
  2020-12-08), or the law: its certificate of ascertainment must exist by the day the electors
  meet (3 U.S.C. § 6-7), and under the Electoral Count Reform Act by the certificate deadline
  six days earlier (2024 on).  Such dates are marked ``exact: false``.
* a state no desk is recorded as calling is ``uncalled`` in the data, whatever happened.
* the desk taken for a state is AP where AP's call is recorded, else the earliest desk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from electoral import data
from electoral.confirmation.facts import (
    Call,
    Certification,
    Milestone,
    RecountHeld,
    all_certified_by,
    calls,
    certifications,
    chosen_call,
    iso_utc,
    milestones,
    recounts,
)
from electoral.engine import election, pledged
from electoral.errors import RuleError
from electoral.names import find
from electoral.results import elector_totals
from electoral.rules.calendar import calendar
from electoral.rules.recount import RecountStatus

if TYPE_CHECKING:
    import pandas as pd

YEARS = tuple(range(2000, 2025, 4))
#: A state's stages on a date, in order.
STAGES = ("uncalled", "called", "certified", "electors_voted", "counted")
#: The national stages, in order, and the per-state stage each one sums.
NATIONAL = {
    "projected": "called",
    "certified": "certified",
    "cast": "electors_voted",
    "counted": "counted",
}
CONFIRMED_REASON = (
    "Congress's count: under the Twelfth Amendment and 3 U.S.C. § 15 the President of the "
    "Senate opens the certificates in the joint session and announces the state of the vote, "
    "which 'shall be deemed a sufficient declaration of the persons, if any, elected President "
    "and Vice President'; the desks' calls, the states' certifications and the electors' "
    "ballots are not that declaration."
)


@dataclass(frozen=True)
class StateTimeline:
    """One state's way through the confirmation period."""

    state: str
    electors: int
    pledged: Mapping[str, int]
    cast: Mapping[str, int]
    call: Call | None
    other_calls: tuple[Call, ...]
    certification: Certification | None
    certified_by: dt.date | None
    certified_by_exact: bool
    certified_by_basis: str
    recount_law: RecountStatus | None
    recounts_held: tuple[RecountHeld, ...]
    electors_voted: dt.date
    counted: dt.date
    objections: tuple[Milestone, ...] = ()

    @property
    def recount_status(self) -> str:
        """``requested`` or ``automatic`` where a recount was held (or the law orders one),
        else ``none`` (a full hand audit alone is listed but is not a recount)."""
        kinds = {r.kind for r in self.recounts_held}
        if "requested" in kinds:
            return "requested"
        if "automatic" in kinds or (
            self.recount_law is not None and self.recount_law.status == "automatic"
        ):
            return "automatic"
        return "none"

    def stage_on(self, day: dt.date) -> str:
        """The furthest stage the state had reached by the end of ``day`` (Eastern)."""
        if day >= self.counted:
            return "counted"
        if day >= self.electors_voted:
            return "electors_voted"
        if self.certified_by is not None and day >= self.certified_by:
            return "certified"
        if self.call is not None and day >= self.call.date:
            return "called"
        return "uncalled"

    def to_dict(self, on: dt.date | None = None) -> dict[str, Any]:
        """The JSON shape of one state's stages (with its stage ``on`` a day, when given)."""
        cert = None if self.certification is None else self.certification.to_dict()
        certified = {
            **(cert or {"status": "unknown", "date": None, "deadline": None}),
            "known_by": iso_utc(self.certified_by),
            "known_by_exact": self.certified_by_exact,
            "known_by_basis": self.certified_by_basis,
        }
        d: dict[str, Any] = {
            "electors": self.electors,
            "pledged": dict(self.pledged),
            "called": None
            if self.call is None
            else {**self.call.to_dict(), "other_desks": [c.to_dict() for c in self.other_calls]},
            "certified": certified,
            "recount": {
                "status": self.recount_status,
                "law": None if self.recount_law is None else self.recount_law.to_dict(),
                "held": [r.to_dict() for r in self.recounts_held],
            },
            "electors_voted": {"date": self.electors_voted.isoformat(), "votes": dict(self.cast)},
            "counted": {
                "date": self.counted.isoformat(),
                "objections": [{"milestone": m.name, **m.to_dict()} for m in self.objections],
            },
        }
        if on is not None:
            d["stage"] = self.stage_on(on)
        return d


@dataclass(frozen=True)
class NationalStage:
    """The day a stage first gave the winner a majority (None if it never did in the data)."""

    stage: str
    date: dt.date | None
    exact: bool
    basis: str
    at: dt.datetime | None = None
    votes: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": iso_utc(self.date),
            "at": iso_utc(self.at),
            "exact": self.exact,
            "basis": self.basis,
            "electoral_votes": dict(self.votes),
        }


@dataclass(frozen=True)
class AsOf:
    """What stood on one day: electoral votes at each stage, each state's stage."""

    day: dt.date
    electoral_votes: Mapping[str, Mapping[str, int]]
    stages: Mapping[str, str]
    certified: tuple[str, ...]
    deadline_passed: tuple[str, ...]
    open: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.day.isoformat(),
            "electoral_votes": {k: dict(v) for k, v in self.electoral_votes.items()},
            "certified_states": list(self.certified),
            "deadline_passed_not_known_certified": list(self.deadline_passed),
            "open": list(self.open),
        }


@dataclass(frozen=True)
class Timeline:
    """One election's confirmation period."""

    year: int
    winner: str | None
    majority: int
    electors: int
    states: Mapping[str, StateTimeline]
    national: Mapping[str, NationalStage]
    confirmed: dt.date
    confirmed_at: dt.datetime | None
    presidency_calls: tuple[Call, ...]
    federal: Mapping[str, dict[str, Any]]
    notes: tuple[str, ...] = ()

    @property
    def start(self) -> dt.date:
        """Election Day."""
        return _date(self.federal["election_day"]["date"])

    @property
    def end(self) -> dt.date:
        """Inauguration Day."""
        return _date(self.federal["inauguration"]["date"])

    def to_frame(self) -> pd.DataFrame:
        """One row per state: electors, the call (desk, winner, date), the certification
        known by, the electors' vote and the count (dates)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "state": st,
                    "electors": t.electors,
                    "called_by": None if t.call is None else t.call.desk,
                    "called_for": None if t.call is None else t.call.winner,
                    "called_on": None if t.call is None else t.call.date,
                    "certified_by": t.certified_by,
                    "recount": t.recount_status,
                    "electors_voted": t.electors_voted,
                    "counted": t.counted,
                }
                for st, t in self.states.items()
            ]
        )

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.year}: {self.winner} confirmed {self.confirmed}; "
            f"{len(self.states)} states, {len(self.presidency_calls)} calls of the presidency>"
        )

    def on(self, day: dt.date) -> AsOf:
        """The standing at the end of ``day``; ``RuleError`` outside Election Day to
        Inauguration Day."""
        if not self.start <= day <= self.end:
            raise RuleError(
                f"{day.isoformat()} is outside the {self.year} confirmation period "
                f"(Election Day {self.start.isoformat()} to Inauguration Day "
                f"{self.end.isoformat()})"
            )
        order = {s: i for i, s in enumerate(STAGES)}
        stages = {st: s.stage_on(day) for st, s in self.states.items()}
        votes: dict[str, dict[str, int]] = {}
        for stage, needs in NATIONAL.items():
            reached = {
                st: s.pledged if needs in ("called", "certified") else s.cast
                for st, s in self.states.items()
                if order[stages[st]] >= order[needs]
            }
            votes[stage] = _desc(elector_totals(reached))
        certified = tuple(st for st in self.states if order[stages[st]] >= order["certified"])
        passed = tuple(
            st
            for st, s in self.states.items()
            if st not in certified
            and s.certification is not None
            and s.certification.deadline is not None
            and s.certification.deadline <= day
        )
        still_open = tuple(st for st in self.states if st not in certified)
        return AsOf(day, votes, stages, certified, passed, still_open)

    def to_dict(self, on: dt.date | None = None) -> dict[str, Any]:
        """The JSON document of ``electoral timeline --json`` (as of ``on``, when given)."""
        d: dict[str, Any] = {
            "year": self.year,
            "winner": self.winner,
            "electors": self.electors,
            "majority": self.majority,
            "national": {k: iso_utc(v.date) for k, v in self.national.items()},
            "national_detail": {k: v.to_dict() for k, v in self.national.items()},
            "confirmed": {
                "date": self.confirmed.isoformat(),
                "at": iso_utc(self.confirmed_at),
                "reason": CONFIRMED_REASON,
            },
            "presidency_calls": [c.to_dict() for c in self.presidency_calls],
            "federal": dict(self.federal),
            "states": {st: s.to_dict(on) for st, s in self.states.items()},
            "notes": list(self.notes),
        }
        if on is not None:
            d.update(self.on(on).to_dict())
        return d


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _per_state(units: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for unit, votes in units.items():
        st = out.setdefault(unit[:2], {})
        for c, n in votes.items():
            st[c] = st.get(c, 0) + n
    return out


def _first_majority(
    events: list[tuple[dt.date, Mapping[str, int], bool]], winner: str | None, majority: int
) -> tuple[dt.date | None, bool, dict[str, int]]:
    """The day the winner's electoral votes first reach ``majority`` over dated state events
    (day, votes, exact): that day, whether all its events are exact, the tally then."""
    tally: dict[str, int] = {}
    by_day: dict[dt.date, list[tuple[Mapping[str, int], bool]]] = {}
    for day, votes, is_exact in events:
        by_day.setdefault(day, []).append((votes, is_exact))
    for day in sorted(by_day):
        for votes, _ in by_day[day]:
            for c, n in votes.items():
                tally[c] = tally.get(c, 0) + n
        if winner is not None and tally.get(winner, 0) >= majority:
            exact = all(is_exact for _, is_exact in by_day[day])
            return day, exact, _desc(tally)
    return None, False, _desc(tally)


def _desc(votes: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(votes.items(), key=lambda kv: -kv[1]))


@cache
def timeline(year: int) -> Timeline:
    """The confirmation timeline of ``year`` (2000-2024); ``RuleError`` for other years."""
    if year not in YEARS:
        raise RuleError(f"no confirmation timeline for {year}: covered are {YEARS[0]}-{YEARS[-1]}")
    cal = calendar(year)
    ms = milestones(year)
    result = election(year)
    winner = result.president.winner
    majority = result.president.majority
    tally = pledged(year)
    pledged_states = _per_state(tally.cast)
    cast_states = _per_state(data.recorded_votes(year))
    year_calls = calls(year)
    certs = certifications(year)
    held = recounts(year)
    notes: list[str] = []

    assert cal.electors_meet.date is not None and cal.congress_counts.date is not None
    assert cal.election_day.date is not None and cal.term_begins.date is not None
    meet = cal.electors_meet.date
    if "electors_meet" in ms and ms["electors_meet"].date != meet:
        notes.append(f"electors met on {ms['electors_meet'].date} per the record, {meet} by law")
    session = ms["congress_counts"].date if "congress_counts" in ms else cal.congress_counts.date
    assert session is not None
    end = ms.get("congress_counts_end")
    counted = end.date if end is not None and end.date is not None else session
    counted_at = end.at if end is not None else None

    # the day every state is known certified by: the data's list, or the law's bound.
    if year >= 2024:
        assert cal.certificate_deadline.date is not None
        bound, bound_basis = cal.certificate_deadline.date, cal.certificate_deadline.rule
    else:
        bound, bound_basis = (
            meet,
            "3 U.S.C. §§ 6-7: the certificates of ascertainment go to the electors by the day "
            "they meet, so every state had determined its result by then",
        )
    listed = all_certified_by(year)
    if listed is not None and listed[0] <= bound:
        bound, bound_basis = listed[0], f"every state certified by then: {listed[1]}"

    state_law = {u.unit: tally.recounts.get(u.unit) for u in tally.units}
    # 2000: Florida's certification is a national milestone, not in certification.csv.
    fl2000 = ms.get("florida_certified")
    states: dict[str, StateTimeline] = {}
    for st in sorted(pledged_states):
        unit_calls = year_calls.get(st, [])
        call = chosen_call(unit_calls) if unit_calls else None
        others = tuple(c for c in unit_calls if c is not call)
        cert = certs.get(st)
        if cert is None and st == "FL" and fl2000 is not None:
            cert = Certification(
                "FL",
                "certified",
                fl2000.date,
                None,
                "unknown",
                "Florida Secretary of State",
                fl2000.source,
                "two-sources",
                fl2000.notes,
            )
        if cert is not None and cert.date is not None and cert.date <= bound:
            by, exact = cert.date, cert.status == "certified"
            basis = cert.to_dict()["label"]
        else:
            by, exact, basis = bound, False, bound_basis
        objection = ms.get(f"congress_counts_objection_{st}")
        states[st] = StateTimeline(
            state=st,
            electors=sum(pledged_states[st].values()),
            pledged=pledged_states[st],
            cast=cast_states.get(st, {}),
            call=call,
            other_calls=others,
            certification=cert,
            certified_by=by,
            certified_by_exact=exact,
            certified_by_basis=basis,
            recount_law=state_law.get(st),
            recounts_held=tuple(held.get(st, [])),
            electors_voted=meet,
            counted=counted,
            objections=() if objection is None else (objection,),
        )
        if call is not None and winner is not None:
            called_for = find(call.winner, list(pledged_states[st]), unique=False)
            if called_for is None:
                notes.append(f"{st}: called for {call.winner}, not among its pledged electors")

    national: dict[str, NationalStage] = {}
    pres = year_calls.get("US", [])
    ap = chosen_call(pres) if pres else None
    if ap is not None:
        called_by = {st: s.pledged for st, s in states.items() if s.call and s.call.date <= ap.date}
        national["projected"] = NationalStage(
            "projected",
            ap.date,
            True,
            f"{ap.desk} called the presidency for {ap.winner}; electoral votes: the states "
            "called in the data by the end of that day",
            ap.at,
            _desc(elector_totals(called_by)),
        )
    elif "ap_call_presidency" in ms and ms["ap_call_presidency"].date is not None:
        m = ms["ap_call_presidency"]
        national["projected"] = NationalStage(
            "projected", m.date, True, "AP called the presidency (milestones.csv)", m.at
        )
    else:
        why = ms["ap_call_presidency"].notes if "ap_call_presidency" in ms else ""
        national["projected"] = NationalStage(
            "projected", None, False, why or "no call of the presidency in the data"
        )
    events = [
        (s.certified_by, s.pledged, s.certified_by_exact)
        for s in states.values()
        if s.certified_by is not None
    ]
    day, exact, votes = _first_majority(events, winner, majority)
    national["certified"] = NationalStage(
        "certified",
        day,
        exact,
        "the states known certified by then give the winner a majority"
        + ("" if exact else f" (the day rests on a bound: {bound_basis})"),
        votes=votes,
    )
    cast_total = elector_totals(cast_states)
    has_majority = winner is not None and cast_total.get(winner, 0) >= majority
    national["cast"] = NationalStage(
        "cast",
        meet if has_majority else None,
        True,
        f"the electors voted in every state on {meet} ({cal.electors_meet.rule})",
        votes=_desc(cast_total),
    )
    national["counted"] = NationalStage(
        "counted",
        counted if result.president.decided_by == "electoral-college" else None,
        True,
        f"Congress's joint session began {session} and the count ended {counted}",
        counted_at,
        votes=_desc(result.president.tally),
    )
    federal: dict[str, dict[str, Any]] = {
        "election_day": {"date": cal.election_day.date.isoformat(), "rule": cal.election_day.rule},
        "certificate_deadline": {
            "date": iso_utc(cal.certificate_deadline.date),
            "rule": cal.certificate_deadline.rule,
        },
        "electors_meet": {"date": meet.isoformat(), "rule": cal.electors_meet.rule},
        "congress_counts": {
            "date": cal.congress_counts.date.isoformat(),
            "rule": cal.congress_counts.rule,
            "note": cal.congress_counts.note,
        },
        "inauguration": {"date": cal.term_begins.date.isoformat(), "rule": cal.term_begins.rule},
    }
    uncalled = [st for st, s in states.items() if s.call is None]
    if uncalled and len(uncalled) < len(states):
        notes.append(f"no desk's call in the data for {', '.join(uncalled)}")
    elif uncalled:
        notes.append(f"no state calls in the data for {year}")
    return Timeline(
        year,
        winner,
        majority,
        result.president.electors,
        states,
        national,
        counted,
        counted_at,
        tuple(pres),
        federal,
        tuple(notes),
    )
