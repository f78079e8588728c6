"""Objections in Congress's count under the Electoral Count Reform Act of 2022.  Pure.

3 U.S.C. § 15(d)(2)(B) as amended: an objection is in order only if signed by at least
one-fifth of the senators and one-fifth of the representatives duly chosen and sworn, and
only on one of two grounds:

- ``not-lawfully-certified``: the state's electors were not lawfully certified under a
  certificate of ascertainment (§ 5(a)(1));
- ``not-regularly-given``: the vote of one or more electors was not regularly given.

It is sustained only if both Houses, voting separately, sustain it by a majority.  If a
``not-lawfully-certified`` objection is sustained, the state's electors are not counted as
appointed, so the majority is reckoned on the smaller whole number (§ 15(e)(2)); a
``not-regularly-given`` objection sets the votes aside but the electors stay appointed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from electoral.errors import DataError

Ground = Literal["not-lawfully-certified", "not-regularly-given"]
GROUNDS: tuple[Ground, ...] = ("not-lawfully-certified", "not-regularly-given")

SENATORS = 100
REPRESENTATIVES = 435


@dataclass(frozen=True)
class Objection:
    """An objection to one state's votes (optionally to some electors' votes only)."""

    state: str
    ground: Ground
    house_sustains: bool = True
    senate_sustains: bool = True
    senate_signers: int = 20
    house_signers: int = 87
    votes: Mapping[str, int] | None = None  # not-regularly-given: which votes; None = all

    @classmethod
    def parse(cls, spec: str) -> Objection:
        """``"STATE:GROUND[:both|house|senate|none]"`` -> ``Objection`` (signers sufficient)."""
        parts = [p.strip() for p in spec.split(":")]
        if len(parts) not in (2, 3) or parts[1] not in GROUNDS:
            raise DataError(
                f"{spec!r}: expected STATE:GROUND[:SUSTAINED_BY], GROUND one of "
                f"{', '.join(GROUNDS)}",
                field="objection",
            )
        by = parts[2] if len(parts) == 3 else "both"
        if by not in ("both", "house", "senate", "none"):
            raise DataError(
                f"{spec!r}: sustained by both, house, senate or none",
                field="objection",
            )
        ground: Ground = "not-lawfully-certified" if parts[1] == GROUNDS[0] else GROUNDS[1]
        return cls(
            parts[0].upper(),
            ground,
            house_sustains=by in ("both", "house"),
            senate_sustains=by in ("both", "senate"),
        )


@dataclass(frozen=True)
class Ruling:
    """What the count does with one objection."""

    objection: Objection
    in_order: bool
    sustained: bool
    reason: str
    electors_removed: int = 0
    votes_set_aside: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Rulings:
    """The count after the objections: ``counted`` votes per state, the electors ``removed``
    from the whole number appointed, and one ruling per objection."""

    counted: dict[str, dict[str, int]]
    removed: int
    rulings: tuple[Ruling, ...]


def rule_on(
    objections: Sequence[Objection],
    cast: Mapping[str, Mapping[str, int]],
    electors: Mapping[str, int],
    *,
    senators: int = SENATORS,
    representatives: int = REPRESENTATIVES,
) -> Rulings:
    """Apply objections to the votes cast per state (see :class:`Rulings`)."""
    counted = {st: dict(v) for st, v in cast.items()}
    removed = 0
    rulings = []
    need_s, need_h = math.ceil(senators / 5), math.ceil(representatives / 5)
    for obj in objections:
        if obj.state not in counted:
            raise DataError(
                f"{obj.state} cast no electoral votes to object to",
                field="objection",
            )
        if obj.senate_signers < need_s or obj.house_signers < need_h:
            rulings.append(
                Ruling(
                    objection=obj,
                    in_order=False,
                    sustained=False,
                    reason=f"not in order: needs {need_s} senators and {need_h} "
                    "representatives (one-fifth of each House)",
                )
            )
            continue
        if not (obj.house_sustains and obj.senate_sustains):
            rulings.append(
                Ruling(
                    objection=obj,
                    in_order=True,
                    sustained=False,
                    reason="not sustained by both Houses: the votes are counted",
                )
            )
            continue
        if obj.ground == "not-lawfully-certified":
            # The state's certificate covers all its electors: its district units too
            # (Maine's and Nebraska's ME-1, NE-2...).
            units = [u for u in counted if u == obj.state or u.startswith(obj.state + "-")]
            aside: dict[str, int] = {}
            n = 0
            for u in units:
                votes = counted.pop(u)
                n += electors.get(u, sum(votes.values()))
                for cand, v in votes.items():
                    aside[cand] = aside.get(cand, 0) + v
            removed += n
            rulings.append(
                Ruling(
                    objection=obj,
                    in_order=True,
                    sustained=True,
                    reason=f"sustained: {obj.state}'s {n} electors are "
                    "not counted as appointed (§ 15(e)(2))",
                    electors_removed=n,
                    votes_set_aside=aside,
                )
            )
            continue
        votes = counted[obj.state]
        aside = dict(obj.votes) if obj.votes is not None else dict(votes)
        for cand, v in aside.items():
            if votes.get(cand, 0) < v:
                raise DataError(
                    f"{obj.state} cast {votes.get(cand, 0)} votes for {cand}, "
                    f"fewer than the {v} objected to",
                    field="objection",
                )
            votes[cand] -= v
        counted[obj.state] = {c: v for c, v in votes.items() if v > 0}
        rulings.append(
            Ruling(
                objection=obj,
                in_order=True,
                sustained=True,
                reason="sustained: the votes are not counted; the electors remain appointed",
                electors_removed=0,
                votes_set_aside=aside,
            )
        )
    return Rulings(counted=counted, removed=removed, rulings=tuple(rulings))
