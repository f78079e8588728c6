"""`electoral apportion` in process: the JSON contract, the sweep, the priority list, errors."""

from __future__ import annotations

import pytest

from apportion_cli import run, run_json


def test_help() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "--json" in out and "--priority" in out and "--seats" in out


def test_2020_json_contract() -> None:
    d = run_json()
    # Census Bureau 2020: CA 52 seats (54 electors), TX 38; seat 435 to MN, NY next.
    assert (d["census"], d["method"], d["seats"]) == (2020, "huntington-hill", 435)
    assert d["states"]["CA"] == {"population": 39_576_757, "seats": 52, "electoral_votes": 54}
    assert d["states"]["TX"]["seats"] == 38
    assert d["states"]["DC"] == {"population": None, "seats": 0, "electoral_votes": 3}
    assert (d["last_seat"], d["next_in_line"], d["next_in_line_short_by"]) == ("MN", "NY", 89)
    assert sum(s["seats"] for s in d["states"].values()) == 435
    assert sum(s["electoral_votes"] for s in d["states"].values()) == 538
    assert "priority" not in d


def test_2000_census_by_option() -> None:
    d = run_json("--census", "2000")
    assert (d["last_seat"], d["next_in_line"]) == ("NC", "UT")  # Utah, 856 people short
    assert d["states"]["UT"]["seats"] == 3


def test_priority_json_around_the_cut() -> None:
    d = run_json("--priority")
    entries = d["priority"]
    assert [e["seat"] for e in entries] == list(range(425, 446))
    cut = {e["seat"]: e for e in entries}
    assert (cut[435]["state"], cut[435]["nth_seat"]) == ("MN", 8)
    assert (cut[436]["state"], cut[436]["nth_seat"]) == ("NY", 27)
    assert cut[435]["priority_value"] > cut[436]["priority_value"]


def test_table_and_priority_for_people() -> None:
    code, out, _ = run("--priority")
    assert code == 0
    assert "Seat 435 went to MN" in out and "NY (89 people short)" in out
    assert "← last seat" in out and "← next in line" in out and "DC" in out


def test_other_method_and_size() -> None:
    d = run_json("--method", "webster", "--seats", "600", "--census", "2010")
    assert d["method"] == "webster" and d["seats"] == 600
    seats = [s["seats"] for st, s in d["states"].items() if st != "DC"]
    assert sum(seats) == 600 and min(seats) >= 1


def test_sweep_json() -> None:
    d = run_json("--seats", "435:440")
    assert (d["census"], d["method"]) == (2020, "huntington-hill")
    sweep = d["sweep"]
    assert list(sweep) == ["435", "436", "437", "438", "439", "440"]
    assert sweep["435"]["NY"] == 26 and sweep["436"]["NY"] == 27  # NY was next in line
    for a, b in zip(list(sweep)[:-1], list(sweep)[1:], strict=True):
        assert sum(sweep[b].values()) == sum(sweep[a].values()) + 1
        assert all(sweep[b][st] >= n for st, n in sweep[a].items())


def test_sweep_with_step_and_hamilton() -> None:
    d = run_json("--seats", "435:1000:5", "--method", "hamilton")
    assert len(d["sweep"]) == 114 and "1000" in d["sweep"]
    assert sum(d["sweep"]["1000"].values()) == 1000


def test_sweep_table_shows_changes() -> None:
    code, out, _ = run("--seats", "435:437")
    assert code == 0
    assert "NY 26→27" in out and "OH 15→16" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        # 1930 alone gives its enacted seats (issue 14); recomputing it needs populations.
        (["--census", "1930", "--method", "hamilton"], "populations"),
        (["--census", "1890", "--seats", "400"], "populations"),
        (["--census", "1920", "--method", "webster"], "1920"),
        (["--census", "1975"], "no census 1975"),
        (["--seats", "10"], "at least 50"),
        (["--seats", "many"], "--seats"),
        (["--seats", "500:435"], "--seats"),
        (["--seats", "435:500:0"], "--seats"),
        (["--method", "borda"], "unknown apportionment method"),
        (["--priority", "--seats", "435:440"], "--priority"),
        (["--priority", "--method", "hamilton"], "--priority"),
    ],
)
def test_bad_input_exits_2(args: list[str], words: str) -> None:
    code, out, err = run(*args, "--json")
    assert code == 2 and out == ""
    assert err.startswith("error:") and words in err
