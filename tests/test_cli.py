"""The command line, in process: the JSON contract, tables, warnings and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from electoral import __version__
from electoral.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"electoral {__version__}"


@pytest.mark.parametrize("command", ["tally", "election", "import", "imports", "calendar"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Usage" in out and "--json" in out


def test_election_2020_json() -> None:
    code, out, err = run("election", "2020", "--json")
    assert code == 0 and err == ""
    d = json.loads(out)  # exactly one JSON document
    # NARA 2020: Biden 306, Trump 232; 538 electors, 270 needed.
    assert (d["year"], d["electors"], d["majority"]) == (2020, 538, 270)
    assert d["president"]["tally"] == {"Joe Biden": 306, "Donald Trump": 232}
    assert d["president"]["decided_by"] == "electoral-college"
    assert d["reproduced"] is True


def test_election_2016_table_shows_record_beside_pledged() -> None:
    code, out, _ = run("election", "2016")
    assert code == 0
    assert "304" in out and "306" in out and "Faith Spotted Eagle" in out
    assert "Reproduces the recorded outcome: yes" in out


def write(tmp_path: Path, text: str, name: str = "r.csv") -> str:
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def test_tally_no_majority_names_the_house_field(tmp_path: Path) -> None:
    # 2024 electors: CA 54, TX 40, FL 30, NY 28 -> 152 appointed, majority 77.
    # Ann 54, Bob 40, Cy 30, Dee 28: nobody has 77 -> House among Ann, Bob, Cy.
    csv = write(
        tmp_path,
        "state,candidate,votes\nCA,Ann,10\nCA,Bob,5\nTX,Bob,10\nTX,Ann,1\n"
        "FL,Cy,9\nFL,Ann,3\nNY,Dee,7\nNY,Ann,2\n",
    )
    code, out, _ = run("tally", csv, "--json")
    d = json.loads(out)
    assert code == 0
    assert (d["electors"], d["majority"]) == (152, 77)
    p = d["president"]
    assert p["winner"] is None and p["decided_by"] == "house"
    assert p["contingent"]["candidates"] == ["Ann", "Bob", "Cy"]
    code, out, _ = run("tally", csv)
    assert "No majority for president" in out and "House" in out and "Ann, Bob, Cy" in out


def test_tally_statewide_only_maine_warns(tmp_path: Path) -> None:
    csv = write(tmp_path, "state,candidate,votes\nME,Ann,10\nME,Bob,9\nNH,Bob,3\nNH,Ann,1\n")
    code, out, err = run("tally", csv, "--json")
    assert code == 0 and "district electors were approximated" not in out
    assert "approximated" in err and "ME" in err
    d = json.loads(out)
    assert d["states"]["ME"]["electors"] == 4 and d["states"]["ME"]["winner"] == "Ann"


def test_tally_maine_districts(tmp_path: Path) -> None:
    csv = write(
        tmp_path,
        "state,candidate,votes\nME,Ann,10\nME,Bob,9\nME-1,Ann,6\nME-1,Bob,3\n"
        "ME-2,Bob,6\nME-2,Ann,4\n",
    )
    code, out, err = run("tally", csv, "--json")
    d = json.loads(out)
    assert code == 0 and err == ""
    assert d["president"]["tally"] == {"Ann": 3, "Bob": 1}


def test_tally_faithless(tmp_path: Path) -> None:
    csv = write(tmp_path, "state,candidate,votes\nTX,Trump,10\nTX,Clinton,9\n")
    code, out, _ = run(
        "tally",
        csv,
        "--json",
        "--faithless",
        "TX:Trump:John Kasich:1",
        "--faithless",
        "TX:Trump:Ron Paul",
    )
    d = json.loads(out)
    assert code == 0
    assert d["president"]["tally"] == {"Trump": 38, "John Kasich": 1, "Ron Paul": 1}
    assert d["states"]["TX"]["cast"] == {"Trump": 38, "John Kasich": 1, "Ron Paul": 1}


def test_tally_2020_returns_file_gives_306_232(tmp_path: Path) -> None:
    from electoral import data

    csv = tmp_path / "2020.csv"
    data.returns(2020).to_csv(csv, index=False)
    code, out, _ = run("tally", str(csv), "--year", "2020", "--json")
    assert code == 0
    assert json.loads(out)["president"]["tally"] == {"Joe Biden": 306, "Donald Trump": 232}


def test_calendar_json() -> None:
    code, out, _ = run("calendar", "2028", "--json")
    d = json.loads(out)
    # 3 U.S.C. as amended by ECRA 2022: Nov 7, 2028; electors meet Tue Dec 19, 2028.
    assert code == 0 and d["election_day"] == "2028-11-07" and d["electors_meet"] == "2028-12-19"
    assert d["congress_counts"] == "2029-01-06" and d["term_begins"] == "2029-01-20"


def test_unknown_year_is_a_clean_error() -> None:
    code, out, err = run("election", "2025")
    assert code == 2 and out == "" and err.startswith("error:") and "Traceback" not in err


def test_tally_needs_a_source() -> None:
    code, _, err = run("tally")
    assert code == 2 and "RESULTS" in err
