"""The JSON API, in process (FastAPI's TestClient): every document is the engine's own
``to_dict()``, errors are 4xx with the engine's message."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from electoral.analysis.board import board
from electoral.analysis.report import analyze
from electoral.analysis.scenario import Scenario, run
from electoral.analysis.tipping import tipping_point
from electoral.engine import election, tally
from electoral.rules.apportionment import apportion_census
from electoral.rules.calendar import calendar
from electoral.web.app import static_dir
from electoral.web.limits import MAX_BODY

GOOD_YEAR = 2020  # the year of tests/conftest.py's GOOD_CSV


def test_health_years_states(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}
    years = client.get("/api/years").json()
    assert years["recorded"][0] == 1789 and years["recorded"][-1] == 2024
    assert 1824 in years["recorded"] and 2028 not in years["recorded"]
    assert years["returns"][0] == 1976 and years["returns"][-1] == 2024
    states = {s["code"]: s for s in client.get("/api/states").json()}
    assert len(states) == 51 and states["PA"]["fips"] == "42"
    assert states["NE"]["districts"] == ["NE-1", "NE-2", "NE-3"]


@pytest.mark.parametrize("year", [1789, 1800, 1824, 2016, 2024])
def test_elections_are_the_engines_documents(client: TestClient, year: int) -> None:
    got = client.get(f"/api/elections/{year}").json()
    parties = got.pop("parties")
    got.pop("apportionment")  # the House under the year's census (test_api_apportionment.py)
    # The map's keys (issue 11): every candidate's party, each state's status, and the
    # record's popular votes (1824-1972).
    party_of, status = got.pop("party_of"), got.pop("map")
    got.pop("popular")
    assert got == json.loads(json.dumps(election(year).to_dict()))
    assert (parties.get("Donald Trump") == "REP") == (year in (2016, 2024))
    assert set(got["president"]["tally"]) <= set(party_of)
    assert len(status) == 51


def test_1824_went_to_the_house(client: TestClient) -> None:
    # Congressional Record: Adams elected by 13 of 24 state delegations, Feb. 9, 1825.
    p = client.get("/api/elections/1824").json()["president"]
    assert p["winner"] == "John Quincy Adams" and p["decided_by"] == "house"
    assert p["contingent"]["result"]["ballots"][0]["tally"]["John Quincy Adams"] == 13


@pytest.mark.parametrize(
    "path", ["/api/elections/1825", "/api/elections/2028", "/api/calendar/2027"]
)
def test_unknown_years_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.json()["detail"]


def test_analysis(client: TestClient) -> None:
    got = client.get("/api/analysis/2020").json()
    assert got == json.loads(json.dumps(analyze(2020).to_dict()))
    assert client.get("/api/analysis/1960").status_code == 404


def test_apportion_and_calendar(client: TestClient) -> None:
    got = client.get("/api/apportion", params={"census": 2020}).json()
    assert got == json.loads(json.dumps(apportion_census(2020, 435, "huntington-hill").to_dict()))
    assert got["states"]["CA"]["seats"] == 52  # Census Bureau, 2020 apportionment table
    assert client.get("/api/apportion", params={"census": 1900}).status_code == 422
    web = client.get("/api/apportion", params={"census": 2010, "method": "webster", "seats": 600})
    assert web.status_code == 200 and web.json()["seats"] == 600
    assert client.get("/api/apportion", params={"method": "borda"}).status_code == 422
    assert client.get("/api/calendar/2028").json() == calendar(2028).to_dict()


def _same(got: dict[str, Any], want: dict[str, Any]) -> None:
    got, want = dict(got), json.loads(json.dumps(want))
    got.pop("source"), want.pop("source")
    assert got == want


def test_tally_json_csv_and_upload(client: TestClient, good_csv: Any) -> None:
    good_text = good_csv.read_text()
    want = tally(good_csv, year=GOOD_YEAR).to_dict()
    rows = [
        dict(zip(("state", "candidate", "party", "votes"), line.split(","), strict=True))
        for line in good_text.replace('"BIDEN, JOSEPH R. JR"', "Joseph R. Biden Jr.")
        .replace('"TRUMP, DONALD J."', "Donald J. Trump")
        .splitlines()[1:]
        if line
    ]
    r = client.post("/api/tally", json={"year": GOOD_YEAR, "rows": rows})
    assert r.status_code == 200, r.text
    _same(r.json(), want)
    r = client.post(
        f"/api/tally?year={GOOD_YEAR}", content=good_text, headers={"content-type": "text/csv"}
    )
    _same(r.json(), want)
    r = client.post(
        "/api/tally",
        files={"file": ("good.csv", good_text.encode())},
        data={"year": str(GOOD_YEAR)},
    )
    assert r.json()["source"] == "good.csv"
    _same(r.json(), want)


def test_tally_bad_rows_name_the_line_and_field(client: TestClient) -> None:
    bad = "state,candidate,votes\nPA,Joe Biden,12\nPA,Donald Trump,-12\n"
    r = client.post("/api/tally", files={"file": ("bad.csv", bad.encode())})
    assert r.status_code == 422
    assert r.json() == {
        "detail": "bad.csv, line 3, field 'votes': negative vote count '-12'",
        "kind": "data",
        "file": "bad.csv",
        "line": 3,
        "field": "votes",
        "message": "negative vote count '-12'",
    }
    r = client.post("/api/tally", json={"rows": [{"state": "XX", "candidate": "A", "votes": 1}]})
    assert (r.status_code, r.json()["line"], r.json()["field"]) == (422, 1, "state")
    r = client.post("/api/tally", json={"rows": "nope"})
    assert r.status_code == 422 and r.json()["field"] == "rows"
    r = client.post("/api/tally", content=b"\x00\x01", headers={"content-type": "text/csv"})
    assert r.status_code == 422 and "binary" in r.json()["detail"]
    r = client.post("/api/tally", content=b"a", headers={"content-type": "application/xml"})
    assert r.status_code == 422 and "content type" in r.json()["detail"]
    r = client.post("/api/tally", data={"year": "2020"}, files={"other": ("x.csv", b"x")})
    assert r.status_code == 422 and r.json()["field"] == "file"


def test_bodies_over_the_limit_are_413(client: TestClient) -> None:
    big = b"state,candidate,votes\n" + b"PA,A,1\n" * (MAX_BODY // 7 + 1)
    r = client.post("/api/tally", content=big, headers={"content-type": "text/csv"})
    assert r.status_code == 413
    r = client.post("/api/tally", files={"file": ("big.csv", big)})
    assert r.status_code == 413

    def chunks() -> Any:  # no Content-Length: the cap holds while the body streams in
        for _ in range(20):
            yield b"x" * 100_000

    r = client.post(
        "/api/scenarios/evaluate", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_evaluate_matches_the_engine(client: TestClient) -> None:
    spec = {"base": 2024, "flips": {"pa": "Harris", "GA": "DEM"}, "tossups": ["AZ", "NE-2", "WI"]}
    got = client.post("/api/scenarios/evaluate", json=spec).json()
    r = run(
        Scenario(
            2024, flips={"PA": "Kamala Harris", "GA": "Kamala Harris"}, tossups=["AZ", "NE-2", "WI"]
        )
    )
    want = json.loads(json.dumps(r.to_dict()))
    for key in ("president", "states", "tossups", "paths", "electors", "majority"):
        assert got[key] == want[key], key
    assert got["tipping_point"]["state"] == tipping_point(board(r.result)).unit
    assert got["spec"]["flips"] == {"GA": "Kamala Harris", "PA": "Harris"}
    assert got["house"] is None
    assert [c["party"] for c in got["candidates"]] == ["REP", "DEM"]


def test_a_269_tie_goes_to_the_house(client: TestClient) -> None:
    # 2024 with PA, MI, WI to Harris and NE-2 to Trump: 269-269.
    spec = {"base": 2024, "flips": {"PA": "DEM", "MI": "DEM", "WI": "DEM", "NE-2": "REP"}}
    got = client.post("/api/scenarios/evaluate", json=spec).json()
    assert got["president"]["tally"] == {"Donald Trump": 269, "Kamala Harris": 269}
    assert got["president"]["winner"] is None
    assert sorted(got["house"]["candidates"]) == ["Donald Trump", "Kamala Harris"]


@pytest.mark.parametrize(
    ("spec", "where"),
    [
        ({"base": 2023}, "base"),
        ({"base": 2024, "flips": {"ME-3": "DEM"}}, "flips"),
        ({"base": 2024, "tossups": ["XX"]}, "tossups"),
        ({"base": 2024, "flips": {"PA": "Nobody"}}, "flips"),
        ({"base": 2024, "tossups": ["pa; drop table"]}, "tossups"),
        ({"base": 2024, "colour": "red"}, "colour"),
    ],
)
def test_bad_specs_are_422(client: TestClient, spec: dict[str, Any], where: str) -> None:
    r = client.post("/api/scenarios/evaluate", json=spec)
    assert r.status_code == 422
    assert where in json.dumps(r.json())
    assert client.post("/api/scenarios", json=spec).status_code == 422
    assert client.get("/api/scenarios").json() == {"scenarios": []}


def test_save_fetch_list(client: TestClient) -> None:
    spec = {"base": 2020, "flips": {"GA": "Trump"}, "tossups": ["PA", "AZ"], "title": "Sun Belt"}
    r = client.post("/api/scenarios", json=spec)
    assert r.status_code == 201
    saved = r.json()
    assert re.fullmatch(r"[0-9A-Za-z]{8}", saved["id"]) and saved["url"] == f"/s/{saved['id']}"
    assert saved["spec"] == {
        "base": 2020,
        "flips": {"GA": "Trump"},
        "tossups": ["AZ", "PA"],
        "title": "Sun Belt",
    }
    assert client.post("/api/scenarios", json=spec).json()["id"] == saved["id"]  # idempotent
    other = client.post("/api/scenarios", json={"base": 2020}).json()
    assert other["id"] != saved["id"]
    assert client.get(f"/api/scenarios/{saved['id']}").json()["spec"] == saved["spec"]
    listed = client.get("/api/scenarios").json()["scenarios"]
    assert {s["id"] for s in listed} == {saved["id"], other["id"]}
    assert client.get("/api/scenarios", params={"limit": 1}).json()["scenarios"][0]["id"] in {
        saved["id"],
        other["id"],
    }
    for bad in ("nope0000", "../etc", "x" * 40):
        assert client.get(f"/api/scenarios/{bad}").status_code == 404
    assert client.get(f"/s/{saved['id']}").status_code == 200
    assert client.get("/s/nope0000").status_code == 404


def test_page_static_files_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/vendor/d3.min.js" in page.text
    for path in (
        "/static/vendor/d3.min.js",
        "/static/js/main.js",
        "/static/app.css",
        "/static/vendor/states-albers-10m.json",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/../../pyproject.toml").status_code == 404
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/elections/{year}",
        "/api/apportion",
        "/api/calendar/{year}",
        "/api/tally",
        "/api/scenarios",
        "/api/scenarios/{scenario_id}",
        "/api/scenarios/evaluate",
        "/api/analysis/{year}",
    ):
        assert path in schema["paths"], path
    assert "ScenarioSpec" in schema["components"]["schemas"]


def test_vendored_files_match_their_hashes() -> None:
    vendor = static_dir() / "vendor"
    table = (vendor / "VENDOR.md").read_text()
    rows = re.findall(r"^\| (\S+) \| .* \| ([0-9a-f]{64}) \|$", table, re.M)
    assert {name for name, _ in rows} >= {
        "d3.min.js",
        "topojson-client.min.js",
        "states-albers-10m.json",
        "axe.min.js",
    }
    for name, digest in rows:
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name


def test_path_counts_past_2_to_the_53_come_as_exact_text(client: TestClient) -> None:
    # Every one of 2024's 56 units (50 states, DC, ME-1, ME-2, NE-1..NE-3) a tossup: each
    # goes one of two ways, 2**56 = 72,057,594,037,927,936 combinations.
    units = client.post("/api/scenarios/evaluate", json={"base": 2024}).json()["states"]
    assert len(units) == 56
    got = client.post(
        "/api/scenarios/evaluate", json={"base": 2024, "tossups": sorted(units)}
    ).json()
    exact = got["paths_exact"]
    assert exact["combinations"] == "72057594037927936"
    wins = [int(v) for v in exact["wins"].values()]
    assert sum(wins) + int(exact["ties"]) + int(exact["no_majority"]) == 2**56
