"""The notes the record carries for the irregular elections, each with its source.

Facts: Hinds' Precedents vol. 3, ch. 59 (the counts of 1821, 1857, 1865); the Joint
Resolution of Feb. 8, 1865 (Collected Works of Abraham Lincoln, vol. 8); National Archives,
archives.gov/electoral-college/1880 (Georgia's electors met Dec. 8, counted in the
alternative); the Washington Papers' "Electoral Count for the Presidential Election of
1789" (69 electors voted; 2 in Maryland and 1 in Virginia did not; New York appointed none)
and virginiaplaces.org (one Virginia district returned no elector).
"""

from __future__ import annotations

import pytest

import electoral
from electoral import data

NOTES = [
    (1789, "VA", "not-appointed", 1, "73"),
    (1789, "MD", "absent", 2, "Documentary History"),
    (1789, "VA", "absent", 1, "69 electors voted"),
    (1820, "MO", "alternative", 3, "Hinds"),
    (1856, "WI", "disputed", 5, "Hinds"),
    (1864, "LA", "excluded", 7, "Joint Resolution of Feb. 8, 1865"),
    (1864, "TN", "excluded", 10, "Joint Resolution of Feb. 8, 1865"),
    (1880, "GA", "alternative", 11, "archives.gov"),
]


@pytest.mark.parametrize(("year", "state", "kind", "electors", "words"), NOTES)
def test_the_record_notes_it(year: int, state: str, kind: str, electors: int, words: str) -> None:
    rows = data.irregularities(year)
    row = rows[(rows.state == state) & (rows.kind == kind)]
    assert len(row) == 1 and int(row.electors.iloc[0]) == electors
    assert words in str(row.note.iloc[0])
    assert any(n.startswith(f"{state}: ") and words in n for n in electoral.election(year).notes)


def test_1789_seventy_two_appointed_sixty_nine_voted() -> None:
    # 81 allotted less New York's 8 and Virginia's unchosen elector: 72; 69 voted.
    r = electoral.election(1789).to_dict()
    assert sum(data.electors(1789).values()) == 81 and r["electors"] == 72
    assert "3 elector(s) appointed cast no vote for president" in r["notes"]


def test_1864_excluded_states_are_not_in_the_college() -> None:
    # 25 states, 234 electors (NARA); Louisiana's and Tennessee's electors not among them.
    e = data.electors(1864)
    assert (len(e), sum(e.values())) == (25, 234) and "LA" not in e and "TN" not in e
