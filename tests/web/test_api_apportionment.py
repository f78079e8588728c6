"""`/api/elections/{year}` carries the House in force under that election's census.

Seats: Office of the Historian, U.S. House, "Representatives Apportioned to Each State
(1st to 24th Census, 1790-2020)" (history.house.gov/Institution/Apportionment/
state_apportionment_pdf_2021/) and its footnotes on admissions; U.S. Const. art. I, s. 2,
cl. 3 for 1789.
"""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_1789_the_constitutions_65_seats(client: TestClient) -> None:
    a = client.get("/api/elections/1789").json()["apportionment"]
    assert (a["census"], a["house_size"], a["method"]) == (None, 65, "constitution")
    assert (a["seats"]["VA"], a["seats"]["RI"], a["seats"]["NY"]) == (10, 1, 6)
    assert sorted(a["not_appointed"]) == ["NC", "RI"]


def test_1864_under_the_1860_census(client: TestClient) -> None:
    # 241 seats (233 + 8 by the 1862 Act); West Virginia 3 of Virginia's 11 (1863);
    # Nevada 1 on admission (Oct. 31, 1864): 242.
    a = client.get("/api/elections/1864").json()["apportionment"]
    assert (a["census"], a["house_size"], a["method"]) == (1860, 242, "hamilton")
    assert (a["seats"]["VA"], a["seats"]["WV"], a["seats"]["NV"], a["seats"]["NY"]) == (
        8,
        3,
        1,
        31,
    )
    assert len(a["not_appointed"]) == 11


def test_1880_and_2024(client: TestClient) -> None:
    a = client.get("/api/elections/1880").json()["apportionment"]
    # 1870 census: 292 seats + Colorado 1 (1876) = 293; New York 33.
    assert (a["census"], a["house_size"], a["seats"]["NY"], a["seats"]["CO"]) == (1870, 293, 33, 1)
    b = client.get("/api/elections/2024").json()["apportionment"]
    # Census Bureau 2020 apportionment: CA 52, TX 38.
    assert (b["census"], b["house_size"], b["seats"]["CA"], b["seats"]["TX"]) == (2020, 435, 52, 38)
    assert b["method"] == "huntington-hill"
