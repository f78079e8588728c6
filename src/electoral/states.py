"""States, DC and the congressional districts that award their own elector.

A *unit* is what receives electors: a state or DC by postal code (``"PA"``, ``"DC"``), or a
district of a district-method state (``"ME-2"``, ``"NE-2"``).  Metadata comes from the
``us`` package; nothing here reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import us

#: Congressional districts of the states that award one elector per district.  Maine has
#: had two districts and Nebraska three throughout their district-method years.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "ME": ("ME-1", "ME-2"),
    "NE": ("NE-1", "NE-2", "NE-3"),
}

_DISTRICT_RE = re.compile(r"^([A-Z]{2})-(\d{1,2})$")

# Spellings seen in public datasets that the ``us`` package does not resolve.
_EXTRA_NAMES = {
    "D.C.": "DC",
    "DISTRICT OF COLUMBIA": "DC",
    "DISTRIC OF COLUMBIA": "DC",
    "WASHINGTON DC": "DC",
    "WASHINGTON D.C.": "DC",
    "HAWAIʻI": "HI",
}


@dataclass(frozen=True)
class State:
    """A state or DC: postal code, name and FIPS code."""

    code: str
    name: str
    fips: str


@cache
def _states() -> dict[str, State]:
    out = {s.abbr: State(s.abbr, s.name, str(s.fips)) for s in us.states.STATES}
    dc = us.states.DC
    out[dc.abbr] = State(dc.abbr, dc.name, str(dc.fips))
    return dict(sorted(out.items()))


def all_states() -> tuple[State, ...]:
    """The 50 states and DC, ordered by postal code."""
    return tuple(_states().values())


def state_codes() -> frozenset[str]:
    """Postal codes of the 50 states and DC."""
    return frozenset(_states())


def state(code: str) -> State:
    """Metadata for a postal code (``"PA"``); raises ``KeyError`` for anything else."""
    return _states()[code]


def to_code(text: str) -> str | None:
    """Postal code for a code or a name in any case (``"pennsylvania"``, ``"D.C."``), or None."""
    t = text.strip()
    up = t.upper()
    if up in _states():
        return up
    if up in _EXTRA_NAMES:
        return _EXTRA_NAMES[up]
    found = us.states.lookup(t, field="name") if t else None
    if found is None and t:
        found = us.states.lookup(t.title(), field="name")
    if found is not None and found.abbr in _states():
        return str(found.abbr)
    return None


def split_unit(unit: str) -> tuple[str, str | None]:
    """``"ME-2"`` -> ``("ME", "ME-2")``; ``"PA"`` -> ``("PA", None)``."""
    m = _DISTRICT_RE.match(unit)
    if m:
        return m.group(1), f"{m.group(1)}-{int(m.group(2))}"
    return unit, None


def is_district(unit: str) -> bool:
    """Whether a unit names a congressional district (``"NE-2"``)."""
    return _DISTRICT_RE.match(unit) is not None
