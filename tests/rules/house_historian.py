"""The House Historian's table of seats per census, as published (a literal, for tests).

Office of the Historian, U.S. House of Representatives, "Representatives Apportioned to
Each State (1st to 24th Census, 1790-2020)", history.house.gov/Institution/Apportionment/
state_apportionment_pdf_2021/ -- text as kept in BenDotWillcox/voting-paradigm,
data/apportionment/sources/house_historian_apportionment.txt @ d3d99f12.  Footnote marks
dropped.  A state's numbers fill the last columns: it has a column from the census that
first apportioned it (footnote 4: Vermont and Kentucky 1790, Missouri 1820, California 1850,
Kansas 1860, Arizona and New Mexico 1910 are counted with the census before admission).
No column for 1920 (footnote 2: no apportionment followed).
"""

from __future__ import annotations

CENSUSES = (
    "constitution",
    *range(1790, 1911, 10),
    *range(1930, 2021, 10),
)

TABLE = """
Alabama 3 5 7 7 6 8 8 9 9 10 9 9 9 8 7 7 7 7 7 7
Alaska 1 1 1 1 1 1 1
Arizona 1 1 2 2 3 4 5 6 8 9 9
Arkansas 1 2 3 4 5 6 7 7 7 7 6 4 4 4 4 4 4 4
California 2 3 4 6 7 8 11 20 23 30 38 43 45 52 53 53 52
Colorado 1 2 3 4 4 4 4 4 5 6 6 7 7 8
Connecticut 5 7 7 7 6 6 4 4 4 4 4 4 5 5 6 6 6 6 6 6 6 5 5 5
Delaware 1 1 1 2 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
Florida 1 1 2 2 2 3 4 5 6 8 12 15 19 23 25 27 28
Georgia 3 2 4 6 7 9 8 8 7 9 10 11 11 12 10 10 10 10 10 10 11 13 14 14
Hawaii 2 2 2 2 2 2 2
Idaho 1 1 2 2 2 2 2 2 2 2 2 2 2
Illinois 1 3 7 9 14 19 20 22 25 27 27 26 25 24 24 22 20 19 18 17
Indiana 3 7 10 11 11 13 13 13 13 13 12 11 11 11 11 10 10 9 9 9
Iowa 2 6 9 11 11 11 11 9 8 8 7 6 6 5 5 4 4
Kansas 1 3 7 8 8 8 7 6 6 5 5 5 4 4 4 4
Kentucky 2 6 10 12 13 10 10 9 10 11 11 11 11 9 9 8 7 7 7 6 6 6 6
Louisiana 3 3 4 4 5 6 6 6 7 8 8 8 8 8 8 8 7 7 6 6
Maine 7 8 7 6 5 5 4 4 4 4 3 3 3 2 2 2 2 2 2 2
Maryland 6 8 9 9 9 8 6 6 5 6 6 6 6 6 6 6 7 8 8 8 8 8 8 8
Massachusetts 8 14 17 20 13 12 10 11 10 11 12 13 14 16 15 14 14 12 12 11 10 10 9 9
Michigan 3 4 6 9 11 12 12 13 17 17 18 19 19 18 16 15 14 13
Minnesota 2 3 5 7 9 10 9 9 9 8 8 8 8 8 8 8
Mississippi 1 2 4 5 5 6 7 7 8 8 7 7 6 5 5 5 5 4 4 4
Missouri 1 2 5 7 9 13 14 15 16 16 13 13 11 10 10 9 9 9 8 8
Montana 1 1 2 2 2 2 2 2 2 1 1 1 2
Nebraska 1 3 6 6 6 5 4 4 3 3 3 3 3 3 3
Nevada 1 1 1 1 1 1 1 1 1 1 2 2 3 4 4
New Hampshire 3 4 5 6 6 5 4 3 3 3 2 2 2 2 2 2 2 2 2 2 2 2 2 2
New Jersey 4 5 6 6 6 6 5 5 5 7 7 8 10 12 14 14 14 15 15 14 13 13 12 12
New Mexico 1 1 2 2 2 2 3 3 3 3 3
New York 6 10 17 27 34 40 34 33 31 33 34 34 37 43 45 45 43 41 39 34 31 29 27 26
North Carolina 5 10 12 13 13 13 9 8 7 8 9 9 10 10 11 12 12 11 11 11 12 13 13 14
North Dakota 1 2 3 2 2 2 2 1 1 1 1 1 1
Ohio 6 14 19 21 21 19 20 21 21 21 22 24 23 23 24 23 21 19 18 16 15
Oklahoma 8 9 8 6 6 6 6 6 5 5 5
Oregon 1 1 1 2 2 3 3 4 4 4 4 5 5 5 5 6
Pennsylvania 8 13 18 23 26 28 24 25 24 27 28 30 32 36 34 33 30 27 25 23 21 19 18 17
Rhode Island 1 2 2 2 2 2 2 2 2 2 2 2 2 3 2 2 2 2 2 2 2 2 2 2
South Carolina 5 6 8 9 9 9 7 6 4 5 7 7 7 7 6 6 6 6 6 6 6 6 7 7
South Dakota 2 2 3 2 2 2 2 2 1 1 1 1 1
Tennessee 3 6 9 13 11 10 8 10 10 10 10 10 9 10 9 9 8 9 9 9 9 9
Texas 2 4 6 11 13 16 18 21 21 22 23 24 27 30 32 36 38
Utah 1 2 2 2 2 2 2 3 3 3 4 4
Vermont 2 4 6 5 5 4 3 3 3 2 2 2 2 1 1 1 1 1 1 1 1 1 1
Virginia 10 19 22 23 22 21 15 13 11 9 10 10 10 10 9 9 10 10 10 10 11 11 11 11
Washington 2 3 5 6 6 7 7 7 8 9 9 10 10
West Virginia 3 4 4 5 6 6 6 6 5 4 4 3 3 3 2
Wisconsin 3 6 8 9 10 11 11 10 10 10 10 9 9 9 8 8 8
Wyoming 1 1 1 1 1 1 1 1 1 1 1 1 1
Total 65 105 141 181 213 240 223 234 241 292 325 356 386 435 435 435 435 435 435 435 435 435 435 435
"""


def _parse() -> dict[str | int, dict[str, int]]:
    out: dict[str | int, dict[str, int]] = {c: {} for c in CENSUSES}
    for line in TABLE.strip().splitlines():
        words = line.split()
        nums = [int(w) for w in words if w.isdigit()]
        name = " ".join(w for w in words if not w.isdigit())
        for c, n in zip(CENSUSES[len(CENSUSES) - len(nums) :], nums, strict=True):
            out[c][name] = n
    return out


SEATS = _parse()
