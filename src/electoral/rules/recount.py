"""Recount law: is a unit's margin within an automatic recount, a requestable one, or neither?

One :class:`RecountLaw` per state and year in force (the packaged ``recount_law.csv``: the 2020
law, which stands for the elections 2016-2020, and the 2024 law, for 2024 and later; see
``CONFIRMATION_PROVENANCE.md``).  A threshold is a margin measured against a base -- all votes
for the office (``pct_total``), the two leading candidates' votes (``pct_top_two``), the
winner's votes (``pct_winner``) -- or a vote count (``votes``), a tie (``tie_only``) or
nothing (``none``); a percentage may be combined with a vote count (``lesser_of`` and
``and_also_below``: both must hold; ``greater_of`` and ``either``: one suffices).  A margin
*equal* to the threshold is within it (most statutes say "not more than").

:func:`assess` is pure: a law and a unit's votes in, a frozen :class:`RecountStatus` out.
:func:`law_for` looks up the packaged law; :func:`majority_recounts` says which recounts
could change who holds a majority of the electors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from electoral.errors import RuleError

ThresholdKind = Literal[
    "pct_total", "pct_top_two", "pct_winner", "votes", "tie_only", "none", "unknown"
]
LimitRule = Literal["lesser_of", "greater_of", "and_also_below", "either"]
Status = Literal["automatic", "requestable", "none"]
Payer = Literal["public", "requester", "unknown"]

#: The first election year the packaged recount law covers, and the years in force.
FIRST_YEAR = 2016
LAW_YEARS = (2020, 2024)


def law_year_for(year: int) -> int | None:
    """The year in force of the law that governs an election: 2020 for 2016-2020, 2024 after;
    None before 2016 (no law packaged)."""
    if year < FIRST_YEAR:
        return None
    return 2020 if year <= 2020 else 2024


@dataclass(frozen=True)
class Threshold:
    """One recount trigger: a margin kind, its value (percent, or votes) and a vote limit."""

    kind: ThresholdKind
    value: float | None = None
    vote_limit: int | None = None
    limit_rule: LimitRule | None = None

    def base(self, votes: Mapping[str, int]) -> int:
        """The votes the margin is measured against."""
        top = _top_two(votes)
        if self.kind == "pct_top_two":
            return top[0] + top[1]
        if self.kind == "pct_winner":
            return top[0]
        return sum(votes.values())

    def limit_votes(self, votes: Mapping[str, int]) -> float | None:
        """The threshold in votes for these returns (None where the kind has no margin)."""
        if self.kind == "tie_only":
            return 0.0
        if self.kind == "votes":
            return float(self.value or 0)
        if not self.kind.startswith("pct_") or self.value is None:
            return None
        pct = self.value / 100 * self.base(votes)
        if self.vote_limit is None or self.limit_rule is None:
            return pct
        if self.limit_rule in ("lesser_of", "and_also_below"):
            return min(pct, float(self.vote_limit))
        return max(pct, float(self.vote_limit))

    def within(self, votes: Mapping[str, int]) -> bool:
        limit = self.limit_votes(votes)
        if limit is None:
            return False
        top = _top_two(votes)
        return top[0] - top[1] <= limit


@dataclass(frozen=True)
class RecountLaw:
    """A state's recount law for the presidential race, as in force in ``law_year``."""

    state: str
    law_year: int
    automatic: Threshold
    requested: Threshold
    requested_available: bool
    request_payer: Payer
    request_free_below_pct: float | None = None
    who_pays: str = ""
    source: str = ""

    @property
    def request_any_margin(self) -> bool:
        """A candidate may ask for a recount whatever the margin."""
        return self.requested_available and self.requested.kind == "none"


@dataclass(frozen=True)
class RecountStatus:
    """Whether a unit's margin is within a recount, and the numbers that decide it.

    ``margin`` and ``threshold`` are fractions of ``base_votes`` (the votes the deciding rule
    measures against: all votes, the top two's or the winner's); ``margin_votes`` and
    ``threshold_votes`` are the same in votes.  ``threshold`` is None where no rule with a
    margin applies.  ``who_pays``: ``public`` for an automatic recount or a requested one
    within a free margin, else who pays a requested recount; None when neither applies.
    """

    unit: str
    status: Status
    margin: float
    threshold: float | None
    law_year: int
    kind: ThresholdKind
    margin_votes: int
    threshold_votes: float | None
    base_votes: int
    who_pays: Payer | None
    request_any_margin: bool
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "margin": round(self.margin, 6),
            "threshold": None if self.threshold is None else round(self.threshold, 6),
            "law_year": self.law_year,
            "kind": self.kind,
            "margin_votes": self.margin_votes,
            "threshold_votes": None
            if self.threshold_votes is None
            else round(self.threshold_votes),
            "who_pays": self.who_pays,
            "request_any_margin": self.request_any_margin,
            "basis": self.basis,
        }


def _top_two(votes: Mapping[str, int]) -> tuple[int, int]:
    top = [*sorted(votes.values(), reverse=True), 0, 0]
    return top[0], top[1]


def _describe(t: Threshold) -> str:
    if t.kind == "tie_only":
        return "a tie"
    if t.kind == "votes":
        return f"a margin of {t.value:,.0f} votes or fewer"
    base = {"pct_total": "all votes", "pct_top_two": "the top two's votes"}.get(
        t.kind, "the winner's votes"
    )
    text = f"a margin of {t.value:g}% of {base} or less"
    if t.vote_limit is not None and t.limit_rule is not None:
        joint = "and" if t.limit_rule in ("lesser_of", "and_also_below") else "or"
        text += f" {joint} {t.vote_limit:,} votes or fewer"
    return text


def assess(law: RecountLaw, votes: Mapping[str, int], unit: str | None = None) -> RecountStatus:
    """Where a unit's returns stand under a recount law (pure).

    Raises ``RuleError`` for a contest with no votes (there is no margin to measure).
    """
    name = unit or law.state
    if sum(votes.values()) <= 0:
        raise RuleError(f"{name}: no votes, so no margin to measure for a recount")
    top = _top_two(votes)
    gap = top[0] - top[1]
    auto, req = law.automatic, law.requested
    if auto.within(votes):
        rule, status, payer = auto, "automatic", "public"
        basis = f"automatic recount at {_describe(auto)} ({law.state} law in force {law.law_year})"
    elif law.requested_available and req.within(votes):
        rule, status = req, "requestable"
        total = sum(votes.values())
        free = law.request_free_below_pct
        payer = "public" if free is not None and gap <= free / 100 * total else law.request_payer
        basis = f"a candidate may request a recount at {_describe(req)}"
        if free is not None:
            basis += f"; free within {free:g}% of the votes"
    else:
        status, payer = "none", None
        if law.requested_available and req.limit_votes(votes) is not None:
            rule = req
        elif auto.limit_votes(votes) is not None:
            rule = auto
        else:
            rule = Threshold("pct_total")
        if rule.kind == "pct_total" and not rule.value:  # no rule with a margin at all
            basis = "no margin-based recount for the presidential race"
        else:
            basis = "outside every recount margin"
        if law.request_any_margin:
            payer = law.request_payer
            basis += "; a candidate may still request a recount at any margin"
    base = rule.base(votes)
    limit = rule.limit_votes(votes)
    return RecountStatus(
        unit=name,
        status=status,  # type: ignore[arg-type]
        margin=gap / base if base else 0.0,
        threshold=None if limit is None or not base else limit / base,
        law_year=law.law_year,
        kind=rule.kind,
        margin_votes=gap,
        threshold_votes=limit,
        base_votes=base,
        who_pays=payer,  # type: ignore[arg-type]
        request_any_margin=law.request_any_margin,
        basis=basis,
    )


def _num(x: object) -> float | None:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if v != v else v


@cache
def _laws() -> dict[tuple[int, str], RecountLaw]:
    from electoral.data.confirmation import recount_law

    out: dict[tuple[int, str], RecountLaw] = {}
    for r in recount_law().to_dict("records"):
        sides = []
        for side in ("automatic", "requested"):
            limit = _num(r[f"{side}_vote_limit"])
            sides.append(
                Threshold(
                    r[f"{side}_threshold_kind"],
                    _num(r[f"{side}_threshold_value"]),
                    None if limit is None else int(limit),
                    r[f"{side}_vote_limit_rule"] or None,
                )
            )
        law = RecountLaw(
            state=str(r["state"]),
            law_year=int(r["year_in_force"]),
            automatic=sides[0],
            requested=sides[1],
            requested_available=r["requested_available"] == "yes",
            request_payer=r["request_payer"],
            request_free_below_pct=_num(r["request_free_below_pct"]),
            who_pays=str(r["who_pays"]),
            source=str(r["source"]),
        )
        out[(law.law_year, law.state)] = law
    return out


def law_for(state: str, year: int) -> RecountLaw | None:
    """The recount law governing ``state``'s presidential race in election ``year`` (a district
    such as ``ME-2`` takes its state's law); None before 2016."""
    law_year = law_year_for(year)
    if law_year is None:
        return None
    return _laws().get((law_year, state[:2]))


def unit_status(unit: str, votes: Mapping[str, int], year: int) -> RecountStatus | None:
    """:func:`assess` under the law in force for ``year``; None where none is packaged or the
    unit has no votes."""
    law = law_for(unit, year)
    if law is None or sum(votes.values()) <= 0:
        return None
    return assess(law, votes, unit)


def majority_recounts(
    statuses: Mapping[str, RecountStatus | None],
    winners: Mapping[str, str],
    runners_up: Mapping[str, str],
    electors: Mapping[str, int],
    totals: Mapping[str, int],
    majority: int,
) -> list[str]:
    """Units within a recount (automatic or requestable) whose flip alone -- its electors
    moving from its winner to its runner-up -- would change who holds ``majority`` electors."""

    def holder(t: Mapping[str, int]) -> str | None:
        return next((c for c, v in t.items() if v >= majority), None)

    now = holder(totals)
    out = []
    for unit, st in statuses.items():
        if st is None or st.status == "none" or unit not in runners_up:
            continue
        moved = dict(totals)
        w, r, n = winners[unit], runners_up[unit], electors[unit]
        moved[w] = moved.get(w, 0) - n
        moved[r] = moved.get(r, 0) + n
        if holder(moved) != now:
            out.append(unit)
    return out
