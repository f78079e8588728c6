"""GET /api/timeline/{year}: the CLI's document, documented 4xx for bad input."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from electoral.cli import app


def test_timeline_is_the_cli_document(client: TestClient) -> None:
    r = client.get("/api/timeline/2020?on=2020-11-20")
    assert r.status_code == 200, r.text
    cli = CliRunner().invoke(app, ["timeline", "2020", "--on", "2020-11-20", "--json"])
    assert r.json() == json.loads(cli.stdout)
    # Georgia certified 2020-11-20 (Georgia Recorder): the only state certified that day.
    assert r.json()["certified_states"] == ["GA"]
    d = client.get("/api/timeline/2020").json()
    # Electors 2020-12-14 (NARA); count ended 2021-01-07 03:41 ET (Congressional Record, CBS).
    assert (d["national"]["cast"], d["national"]["counted"]) == ("2020-12-14", "2021-01-07")
    assert "as_of" not in d


def test_timeline_bad_input(client: TestClient) -> None:
    r = client.get("/api/timeline/2019")
    assert r.status_code == 404 and "2000-2024" in r.json()["detail"]
    r = client.get("/api/timeline/2020?on=2021-02-01")
    assert r.status_code == 422
    assert "outside the 2020 confirmation period" in r.json()["detail"]
    r = client.get("/api/timeline/2020?on=yesterday")
    assert r.status_code == 422
