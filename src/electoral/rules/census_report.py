"""Any census 1790-2020 apportioned under its own law (or another method and House size),
set beside the seats it actually enacted, each difference with its reason and source.

``report(census)`` applies ``census_law.law(census)``: the method at its ratio or House
size, then the seats statutes gave outside it.  ``report(census, seats=, method=)`` asks
what another method or House size would have given (no statutory seats then, except
1910's Arizona and New Mexico, which ``apportion_census`` always keeps).  Censuses without
per-state populations (1890, 1930) give their enacted seats and say why nothing is
computed; 1920, which no apportionment followed, says which seats stayed in force.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from electoral.errors import RuleError
from electoral.rules.apportionment import (
    Apportionment,
    _divisor,
    apportion,
    apportion_census,
    resolve_method,
)
from electoral.rules.census_law import (
    NO_APPORTIONMENT_1920,
    CensusLaw,
    law,
    published_seats,
)

_SOURCES = "shared/data/SOURCES.md s. 10; electoral/data/APPORTIONMENT_PROVENANCE.md"


@dataclass(frozen=True)
class Difference:
    """A state whose enacted seats differ from what the method gives."""

    state: str
    method_seats: int
    published: int
    reason: str  # supplemental act | special provision | derived population | ...
    detail: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "method_seats": self.method_seats,
            "published_seats": self.published,
            "difference": self.published - self.method_seats,
            "reason": self.reason,
            "detail": self.detail,
            "source": self.source,
        }


@dataclass(frozen=True)
class CensusReport:
    """One census's apportionment: per state the population, quota, remainder or priority,
    the method's seats, the seats under the law (or the method asked for), the enacted
    seats; the differences explained."""

    census: int
    method: str | None
    seats: int  # the House size
    law: CensusLaw | None
    own_law: bool
    populations: Mapping[str, int | None]
    by_state: Mapping[str, int]  # seats from this computation (enacted where none)
    method_seats: Mapping[str, int]
    published: Mapping[str, int]
    quota: Mapping[str, float]
    remainder: Mapping[str, float]
    priority: Mapping[str, float]
    ratio: float | None
    population_kind: str | None
    verified: Mapping[str, str]
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    apportionment: Apportionment | None = field(default=None, repr=False, compare=False)

    @property
    def computed(self) -> bool:
        return bool(self.method_seats)

    @property
    def dc_electors(self) -> bool:
        return self.apportionment is not None and self.apportionment.dc_electors

    def to_dict(self, priority: int | None = None) -> dict[str, Any]:
        if self.apportionment is not None:
            out = self.apportionment.to_dict(priority=priority)
        else:
            out = {
                "census": self.census,
                "method": self.method,
                "seats": self.seats,
                "states": {
                    st: {"population": self.populations[st], "seats": n, "electoral_votes": n + 2}
                    for st, n in self.by_state.items()
                },
                "last_seat": None,
                "next_in_line": None,
                "next_in_line_short_by": None,
            }
        out["method"] = self.method
        out["seats"] = self.seats
        for st, n in self.by_state.items():  # the law's seats, statutory ones included
            out["states"][st].update(seats=n, electoral_votes=n + 2)
        out["own_law"] = self.own_law
        out["law"] = None if self.law is None else self.law.to_dict()
        out["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        out["published_ratio"] = None if self.law is None else self.law.ratio
        out["population_kind"] = self.population_kind
        out["detail"] = {
            st: {
                "quota": _r(self.quota.get(st)),
                "remainder": _r(self.remainder.get(st)),
                "priority": _r(self.priority.get(st)),
                "method_seats": self.method_seats.get(st),
                "published_seats": self.published.get(st),
                "verified": self.verified.get(st),
            }
            for st in self.by_state
        }
        out["differences"] = [d.to_dict() for d in self.differences]
        out["notes"] = list(self.notes)
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per state: population, seats (by law), method_seats, published_seats,
        quota, remainder, priority."""
        return pd.DataFrame(
            [
                {
                    "state": st,
                    "population": self.populations.get(st),
                    "seats": n,
                    "method_seats": self.method_seats.get(st),
                    "published_seats": self.published.get(st),
                    "quota": self.quota.get(st),
                    "remainder": self.remainder.get(st),
                    "priority": self.priority.get(st),
                }
                for st, n in self.by_state.items()
            ]
        )

    def __repr__(self) -> str:
        return (
            f"<CensusReport {self.census}: {self.seats} seats by {self.method}, "
            f"{len(self.by_state)} states, {len(self.differences)} differences from the "
            "enacted seats>"
        )


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _early(census: int) -> tuple[dict[str, int | None], dict[str, str], str | None]:
    pops, verified, kind = _early_rows(census)
    return dict(pops), dict(verified), kind


@cache
def _early_rows(
    census: int,
) -> tuple[tuple[tuple[str, int | None], ...], tuple[tuple[str, str], ...], str | None]:
    from electoral.data.census import early_apportionment_table

    t = early_apportionment_table()
    rows = t[t.census == census]
    pops = {
        str(s): (None if p is pd.NA else int(p))
        for s, p in zip(rows.state, rows.population.astype(object), strict=True)
    }
    kinds = set(rows.population_kind) - {""}
    verified = tuple(zip(rows.state.astype(str), rows.verified.astype(str), strict=True))
    return tuple(pops.items()), verified, next(iter(kinds), None)


def populations(census: int) -> dict[str, int]:
    """The apportionment populations of ``census`` (official or derived), any census with
    them; a clear error for 1890 and 1930 (none in the data) and 1920."""
    from electoral.rules.apportionment import census_populations

    law(census)  # 1920 and unknown censuses say why
    if census >= 1910:
        if census == 1930:
            raise RuleError(_NO_POPS.format(census=census))
        return census_populations(census)
    pops, _, _ = _early(census)
    if any(p is None for p in pops.values()):
        raise RuleError(_NO_POPS.format(census=census))
    return {st: int(p) for st, p in pops.items() if p is not None}


_NO_POPS = (
    "census {census}: the states' apportionment populations are not in the data, so it "
    "cannot be recomputed by a method or House size (its enacted seats can be shown, "
    "under its own law)"
)


def _fixed_ratio(pops: Mapping[str, int], ratio: int, moiety: bool) -> dict[str, int]:
    out = {}
    for st, p in pops.items():
        whole, frac = divmod(p, ratio)
        out[st] = max(1, whole + (1 if moiety and 2 * frac > ratio else 0))
    return out


def _reason(
    census: int, st: str, rule: CensusLaw, kind: str | None, pop: int | None, statutory: bool
) -> tuple[str, str, str]:
    for s in rule.statutory:
        if s.state == st and statutory:
            what = "supplemental act" if s.kind == "supplemental" else "special provision"
            return what, f"{s.act}", rule.citation
    if kind == "derived":
        return (
            "derived population",
            f"the population {pop:,} is derived (today's revised count less 2/5 of the "
            "enslaved, present boundaries), not the official apportionment figure",
            _SOURCES,
        )
    if census == 1900:
        return (
            "method not reproduced",
            "the Senate Manual names Vinton's method, but on these (official) figures it "
            "misses ME, NE, NY, PA; Webster misses IA and NE; equal proportions gives "
            "the act; the published ratio 194,182 is not 74,562,608 / 386 = 193,167",
            _SOURCES,
        )
    return ("another method or size", "not the law's method or House size", rule.citation)


def report(census: int, seats: int | None = None, method: str | None = None) -> CensusReport:
    """``census`` apportioned by its law, or by ``method`` at ``seats`` (see module doc)."""
    if census == 1920:
        kept = published_seats(1910)
        return CensusReport(
            1920, None, sum(kept.values()), None, True, dict.fromkeys(kept), kept, {}, kept,
            {}, {}, {}, None, None, {},
            (), (NO_APPORTIONMENT_1920, "Seats shown: the 1910 census's, in force 1913-1933."),
        )  # fmt: skip
    rule = law(census)
    published = published_seats(census)
    own = seats is None and method is None
    if census >= 1910:
        pops_early: dict[str, int | None]
        if census == 1930:
            return _enacted_only(census, rule, own, dict.fromkeys(published), published, {})
        a = apportion_census(census, seats, method)
        pops_early = {st: int(p) for st, p in a.populations.items()}
        return _finish(census, rule, own, a, pops_early, {}, "official", published, statutory=True)
    pops_early, verified, kind = _early(census)
    if any(p is None for p in pops_early.values()):
        return _enacted_only(census, rule, own, pops_early, published, verified)
    pops = {st: int(p) for st, p in pops_early.items() if p is not None}
    if own and rule.method in ("jefferson-ratio", "moiety-ratio"):
        assert rule.ratio is not None
        got = _fixed_ratio(pops, rule.ratio, rule.method == "moiety-ratio")
        return _finish_ratio(census, rule, pops, got, verified, kind, published)
    m = resolve_method(method or rule.size_method)
    size = rule.apportioned if seats is None else seats
    a = apportion(pops, size, m, census=census)
    return _finish(census, rule, own, a, pops_early, verified, kind, published, seats is None)


def _enacted_only(
    census: int,
    rule: CensusLaw,
    own: bool,
    pops: Mapping[str, int | None],
    published: dict[str, int],
    verified: dict[str, str],
) -> CensusReport:
    """A census without per-state populations (1890, 1930): its enacted seats, under its
    own law only (another method or size is refused, saying why)."""
    if not own:
        populations(census)  # raises: no populations
    return CensusReport(
        census, rule.method, rule.house_size, rule, True, dict(pops), published, {},
        published, {}, {}, {}, None, None, verified, (),
        (rule.note, f"Per-state apportionment populations for {census} are not in the "
         "data: the seats shown are the enacted ones, not recomputed."),
    )  # fmt: skip


def _finish_ratio(
    census: int,
    rule: CensusLaw,
    pops: dict[str, int],
    got: dict[str, int],
    verified: dict[str, str],
    kind: str | None,
    published: dict[str, int],
) -> CensusReport:
    assert rule.ratio is not None
    quota = {st: p / rule.ratio for st, p in pops.items()}
    rem = {st: q - math.floor(q) for st, q in quota.items()}
    by_state = _with_statutory(got, rule)
    diffs = _differences(census, rule, got, published, kind, pops, statutory=True)
    note = (
        f"Fixed ratio {rule.ratio:,} persons per seat"
        + (", one more seat for a fraction over one half" if rule.method == "moiety-ratio" else "")
        + f": {sum(got.values())} seats by the ratio."
    )
    return CensusReport(
        census, rule.method, sum(by_state.values()), rule, True, dict(pops), by_state, got,
        published, quota, rem, {}, float(rule.ratio), kind, verified, diffs,
        (rule.note, note),
    )  # fmt: skip


def _with_statutory(got: Mapping[str, int], rule: CensusLaw) -> dict[str, int]:
    out = dict(got)
    for s in rule.statutory:
        out[s.state] = s.seats if s.kind == "special" else out[s.state] + s.seats
    return out


def _differences(
    census: int,
    rule: CensusLaw,
    got: Mapping[str, int],
    published: Mapping[str, int],
    kind: str | None,
    pops: Mapping[str, int | None],
    *,
    statutory: bool,
) -> tuple[Difference, ...]:
    out = []
    for st, n in got.items():
        if n != published.get(st):
            why, detail, src = _reason(census, st, rule, kind, pops.get(st), statutory)
            out.append(Difference(st, n, published[st], why, detail, src))
    return tuple(out)


def _finish(
    census: int,
    rule: CensusLaw,
    own: bool,
    a: Apportionment,
    pops: Mapping[str, int | None],
    verified: dict[str, str],
    kind: str | None,
    published: dict[str, int],
    statutory: bool,
) -> CensusReport:
    total = sum(int(p) for p in a.populations.values())
    base = a.seats - (
        sum(s.seats for s in rule.statutory) if census == 1910 else 0
    )  # 1910's statutory seats are outside the 433
    quota = {st: p * a.seats / total for st, p in a.populations.items()}
    rem = {}
    prio = {}
    if a.method == "hamilton":
        rem = {st: q - math.floor(q) for st, q in quota.items()}
    else:
        held = np.array([float(a.by_state[st]) for st in a.populations])
        div = _divisor(a.method, held)
        prio = {st: p / float(v) for (st, p), v in zip(a.populations.items(), div, strict=True)}
    method_seats = dict(a.by_state)
    by_state = dict(a.by_state)
    if census < 1910 and statutory:
        by_state = _with_statutory(method_seats, rule)
    diffs = _differences(census, rule, method_seats, published, kind, pops, statutory=statutory)
    notes = [rule.note] if own else [
        f"The {a.method} method at {a.seats} seats, not the law of {census} "
        f"({rule.method}, {rule.apportioned} seats"
        + (f", {rule.house_size} with statutory seats)" if rule.statutory else ")")
        + "; statutory seats are added only at the law's own size."
    ]  # fmt: skip
    if census < 1910:
        notes.append(
            f"Ratio {total // base:,} persons per seat ({total:,} / {base}, the fraction "
            f"dropped as the acts did); published: {rule.ratio:,}."
            if rule.ratio
            else f"Ratio {total // base:,} persons per seat."
        )
    return CensusReport(
        census, a.method, sum(by_state.values()), rule, own, dict(pops), by_state,
        method_seats, published, quota, rem, prio, total / base, kind, verified, diffs,
        tuple(notes), a,
    )  # fmt: skip
