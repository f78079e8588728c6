"""Hostile numbers in every input of the scenario, tally, forecast, timeline and night
routes: NaN, infinities, an overflowing float, a superscript digit, an empty value and a
5,000-digit integer.  Each is a documented 4xx with one message (``ErrorBody``), never a 500.

The statuses are the API's contract (``electoral.web.errors.ERROR_RESPONSES``): 422 for a
value that is invalid, 400 for a body that is not JSON Python can read (an integer of more
than 4,300 digits), 404 for a state without an election-night series."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from electoral.web import create_app

HUGE = "1" + "0" * 5000
#: JSON literals of the hostile values.
JSON_VALUES = {
    "nan": "NaN",
    "infinity": "Infinity",
    "1e400": "1e400",
    "superscript": '"²"',
    "empty": '""',
}
#: The same as query or path text.
TEXT_VALUES = ["NaN", "Infinity", "-Infinity", "1e400", "²", "", HUGE]
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app("sqlite:///:memory:"), raise_server_exceptions=False) as c:
        yield c


def _one_message(r: Any) -> dict[str, Any]:
    """The error document, with one message: a string, or a single validation item."""
    doc: dict[str, Any] = r.json()
    assert set(doc) >= {"detail", "kind"}, doc
    detail = doc["detail"]
    assert isinstance(detail, str) or len(detail) == 1, doc
    return doc


@pytest.mark.parametrize("path", ["/api/scenarios/evaluate", "/api/scenarios"])
@pytest.mark.parametrize("name", sorted(JSON_VALUES))
def test_scenario_base_and_flip(client: TestClient, path: str, name: str) -> None:
    value = JSON_VALUES[name]
    r = client.post(path, content='{"base": ' + value + "}", headers=JSON)
    assert r.status_code == 422, r.text
    assert _one_message(r)["detail"][0]["loc"] == ["body", "base"]
    r = client.post(path, content='{"base": 2020, "flips": {"PA": ' + value + "}}", headers=JSON)
    assert r.status_code == 422, r.text
    doc = _one_message(r)
    if doc["kind"] == "validation":
        assert doc["detail"][0]["loc"] == ["body", "flips", "PA"]
    else:  # a string, but no candidate of the 2020 returns
        assert (doc["kind"], doc["file"], doc["field"]) == ("data", "spec", "flips")


@pytest.mark.parametrize("path", ["/api/scenarios/evaluate", "/api/scenarios"])
def test_scenario_base_of_5000_digits_is_400(client: TestClient, path: str) -> None:
    r = client.post(path, content='{"base": ' + HUGE + "}", headers=JSON)
    assert r.status_code == 400, r.text
    assert "more than 4,300 digits" in _one_message(r)["detail"]  # CPython's default limit


@pytest.mark.parametrize("path", ["/api/scenarios/evaluate", "/api/scenarios"])
def test_scenario_body_nested_too_deeply_is_400(client: TestClient, path: str) -> None:
    r = client.post(path, content="[" * 100_000 + "]" * 100_000, headers=JSON)
    assert r.status_code == 400, r.text
    assert "nested too deeply" in _one_message(r)["detail"]


@pytest.mark.parametrize("name", [*sorted(JSON_VALUES), "huge"])
@pytest.mark.parametrize("field", ["votes", "year"])
def test_tally_votes_and_year(client: TestClient, name: str, field: str) -> None:
    value = HUGE if name == "huge" else JSON_VALUES[name]
    votes, year = (value, "2020") if field == "votes" else ("1", value)
    row = '{"state": "PA", "candidate": "Joe Biden", "votes": ' + votes + "}"
    body = '{"year": ' + year + ', "rows": [' + row + "]}"
    r = client.post("/api/tally", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    doc = _one_message(r)
    assert doc["kind"] == "data"
    if name == "huge":  # not readable as JSON at all: the body is at fault
        assert (doc["file"], doc["field"]) == ("request body", "body")
    elif field == "votes":
        assert (doc["file"], doc["line"], doc["field"]) == ("rows", 1, "votes")
    else:
        assert (doc["file"], doc["field"]) == ("request body", "year")


@pytest.mark.parametrize("value", TEXT_VALUES, ids=lambda v: v[:12] or "empty")
def test_tally_form_year(client: TestClient, value: str) -> None:
    """The year field of a CSV upload: an empty one is refused too (the query's default
    applies only when the field is absent)."""
    upload = {"file": ("r.csv", b"state,candidate,votes\nPA,Joe Biden,1\n", "text/csv")}
    r = client.post("/api/tally", data={"year": value}, files=upload)
    assert r.status_code == 422, r.text
    doc = _one_message(r)
    assert (doc["kind"], doc["file"], doc["field"]) == ("data", "form", "year")


@pytest.mark.parametrize("name", ["nan", "infinity", "1e400"])
@pytest.mark.parametrize("field", ["state", "candidate"])
def test_tally_text_fields(client: TestClient, name: str, field: str) -> None:
    """A number that is not finite where a name belongs: refused, not read as 'nan' or 'inf'
    (a candidate of that name used to win Pennsylvania)."""
    cells = {"state": '"PA"', "candidate": '"Joe Biden"', "votes": "1"}
    cells[field] = JSON_VALUES[name]
    row = "{" + ", ".join(f'"{k}": {v}' for k, v in cells.items()) + "}"
    r = client.post("/api/tally", content='{"year": 2020, "rows": [' + row + "]}", headers=JSON)
    assert r.status_code == 422, r.text
    doc = _one_message(r)
    assert (doc["kind"], doc["file"], doc["line"], doc["field"]) == ("data", "rows", 1, field)
    assert "not a finite number" in doc["detail"]


QUERIES = [
    ("/api/forecast/2016?sims={}", ["query", "sims"]),
    ("/api/forecast/2016?seed={}", ["query", "seed"]),
    ("/api/forecast/2016?as_of={}", ["query", "as_of"]),
    ("/api/timeline/2020?on={}", ["query", "on"]),
    ("/api/forecast/{}", ["path", "year"]),
    ("/api/timeline/{}", ["path", "year"]),
    ("/api/night/{}?state=PA", ["path", "year"]),
]


@pytest.mark.parametrize(
    ("template", "loc", "value"),
    [
        pytest.param(t, loc, v, id=f"{t[5:]}-{v[:12] or 'empty'}")
        for t, loc in QUERIES
        for v in TEXT_VALUES
        if v or loc[0] == "query"  # an empty path segment is another route
    ],
)
def test_query_and_path_numbers_are_422(
    client: TestClient, template: str, loc: list[str], value: str
) -> None:
    r = client.get(template.format(value))
    assert r.status_code == 422, (r.status_code, r.text[:200])
    assert _one_message(r)["detail"][0]["loc"] == loc


@pytest.mark.parametrize("value", TEXT_VALUES, ids=lambda v: v[:12] or "empty")
def test_night_state(client: TestClient, value: str) -> None:
    r = client.get("/api/night/2020", params={"state": value})
    doc = _one_message(r)
    if 2 <= len(value) <= 5:  # a well-formed code that names no state: not found
        assert (r.status_code, doc["kind"]) == (404, "not-found"), r.text
    else:
        assert r.status_code == 422, r.text
        assert doc["detail"][0]["loc"] == ["query", "state"]
