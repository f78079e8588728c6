"""`electoral apportion --census N` for the censuses 1790-1930: the law, the differences,
the paradoxes, 1920 and the censuses without populations.

Seats: the House Historian's table ("Representatives Apportioned to Each State, 1st to 24th
Census"); statutes as cited on each test; the Alabama paradox: Caulfield, MAA Convergence
(the Census Office's 1881 tables: Alabama 8 seats at 299, 7 at 300).
"""

from __future__ import annotations

import pytest

from apportion_cli import run, run_json


def test_alabama_paradox_from_the_data() -> None:
    d = run_json("--census", "1880", "--method", "hamilton", "--seats", "299:300")
    assert (d["sweep"]["299"]["AL"], d["sweep"]["300"]["AL"]) == (8, 7)
    code, out, _ = run("--census", "1880", "--method", "hamilton", "--seats", "299:300")
    assert code == 0 and "AL 8→7" in out


def test_1790_by_its_own_law() -> None:
    d = run_json("--census", "1790")
    # 1 Stat. 253: one seat per 33,000, fractions dropped; Virginia 19, Delaware 1.  Virginia's
    # 1790 representative population 630,560 (the 1790 table, SOURCES.md s. 10: AR and TG).
    assert (d["census"], d["method"], d["seats"]) == (1790, "jefferson-ratio", 105)
    assert d["states"]["VA"] == {"population": 630_560, "seats": 19, "electoral_votes": 21}
    assert d["states"]["DE"]["seats"] == 1
    assert d["law"]["ratio"] == 33_000 and "1 Stat. 253" in d["law"]["citation"]
    va = d["detail"]["VA"]
    assert va["quota"] == pytest.approx(630_560 / 33_000, abs=1e-4)
    assert va["remainder"] == pytest.approx(630_560 / 33_000 - 19, abs=1e-4)
    assert (va["method_seats"], va["published_seats"]) == (19, 19)
    assert d["differences"] == [] and d["population_kind"] == "official"
    assert (d["last_seat"], d["next_in_line"]) == (None, None)


def test_1860_supplemental_seats_are_the_differences() -> None:
    d = run_json("--census", "1860")
    # 233 by Vinton's rule, + 8 by the Act of March 4, 1862 (12 Stat. 353).
    assert (d["method"], d["seats"], d["law"]["apportioned"]) == ("hamilton", 241, 233)
    diffs = {x["state"]: x for x in d["differences"]}
    assert sorted(diffs) == ["IA", "IL", "KY", "MN", "OH", "PA", "RI", "VT"]
    assert all(x["reason"] == "supplemental act" and x["difference"] == 1 for x in diffs.values())
    assert "12 Stat. 353" in diffs["PA"]["detail"]
    assert d["states"]["PA"]["seats"] == 24 and d["detail"]["PA"]["method_seats"] == 23
    assert d["population_kind"] == "derived"
    code, out, _ = run("--census", "1860")
    assert code == 0 and "supplemental act" in out and "derived" in out


def test_1900_the_documented_exception() -> None:
    d = run_json("--census", "1900")
    assert {x["state"] for x in d["differences"]} == {"ME", "NE", "NY", "PA"}
    assert {x["reason"] for x in d["differences"]} == {"method not reproduced"}
    assert d["published_ratio"] == 194_182
    hill = run_json("--census", "1900", "--method", "huntington-hill")
    assert hill["differences"] == [] and hill["own_law"] is False


def test_1920_says_no_apportionment_followed() -> None:
    d = run_json("--census", "1920")
    assert d["method"] is None and d["seats"] == 435
    assert d["states"]["NY"]["seats"] == 43  # the 1910 apportionment, in force to 1933
    assert any("No apportionment followed the 1920 census" in n for n in d["notes"])
    code, out, _ = run("--census", "1920")
    assert code == 0 and "No apportionment followed" in out


def test_1930_enacted_seats_without_populations() -> None:
    d = run_json("--census", "1930")
    assert (d["method"], d["seats"]) == ("webster", 435)
    assert d["states"]["CA"] == {"population": None, "seats": 20, "electoral_votes": 22}
    assert any("populations for 1930 are not in the" in n for n in d["notes"])
    code, _, err = run("--census", "1930", "--seats", "435:440", "--json")
    assert code == 2 and "populations are not in the data" in err


def test_other_method_on_an_early_census() -> None:
    d = run_json("--census", "1880", "--method", "huntington-hill")
    assert (d["method"], d["seats"], d["own_law"]) == ("huntington-hill", 325, False)
    assert sum(s["seats"] for s in d["states"].values()) == 325
    assert d["detail"]["AL"]["priority"] is not None
    d = run_json("--census", "1850", "--method", "webster", "--priority")
    assert len(d["priority"]) == 21


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--census", "1790", "--priority"], "fixed ratio"),
        (["--census", "1930", "--priority"], "populations"),
        (["--census", "1890", "--method", "webster"], "populations are not in the data"),
        (["--census", "1785"], "no census 1785"),
    ],
)
def test_bad_input_exits_2(args: list[str], words: str) -> None:
    code, out, err = run(*args, "--json")
    assert code == 2 and out == ""
    assert err.startswith("error:") and words in err
