"""GET /api/forecast/{year}: the engine's ``Forecast.to_dict()`` over the packaged polls,
cached in memory, computed in the threadpool; bad inputs are 4xx.

Small simulations keep these fast; the slow part (the exact distribution) is computed once
per year and as-of date and shared by every test in the session.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.request
from typing import Any

import pytest
from fastapi.testclient import TestClient

from electoral.data.polls import polls
from electoral.forecast.run import forecast
from electoral.web import service

SIMS = 2000
CLINTON, TRUMP = "Hillary Clinton", "Donald Trump"


def test_forecast_years(client: TestClient) -> None:
    assert client.get("/api/years").json()["forecast"] == [2008, 2012, 2016, 2020]
    years = {y["year"]: y for y in client.get("/api/forecast").json()["years"]}
    assert sorted(years) == [2008, 2012, 2016, 2020]
    y2016 = years[2016]
    assert y2016["election_day"] == "2016-11-08" and y2016["default_as_of"] == "2016-11-07"
    assert y2016["candidates"] == {"dem": CLINTON, "rep": TRUMP}
    assert years[2020]["polls_to"] == "2020-11-02"  # 538's final 2020 polls (SOURCES.md §9)


def test_forecast_is_the_engines_document(client: TestClient) -> None:
    r = client.get("/api/forecast/2016", params={"sims": SIMS, "seed": 1})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    got = r.json()
    want = forecast(polls(2016), year=2016, sims=SIMS, seed=1).to_dict()
    assert got == json.loads(json.dumps(want))
    # The contract the page reads.
    assert (got["year"], got["as_of"], got["seed"], got["sims"]) == (2016, "2016-11-07", 1, SIMS)
    assert set(got["win_probability"]) == {CLINTON, TRUMP}
    assert 0 <= got["tie_probability"] == got["no_majority_probability"] < 0.05
    assert len(got["ev_distribution"][CLINTON]) == 539
    assert sum(got["ev_distribution"][CLINTON]) == pytest.approx(1)
    pa = got["states"]["PA"]
    assert set(pa) >= {"win_probability", "margin_mean", "tipping_point"}
    assert {"DC", "ME-2", "NE-2"} <= set(got["states"])
    assert set(got["exact"]) >= {"win_probability", "tie_probability", "ev_distribution"}
    assert got["notes"] == []


def test_forecasts_are_cached(client: TestClient) -> None:
    url = "/api/forecast/2016"
    first = client.get(url, params={"sims": SIMS, "seed": 7}).content
    fits = service._fitted.cache_info().misses
    # The same key answers the same bytes; the default date is the eve, written or not.
    assert client.get(url, params={"sims": SIMS, "seed": 7}).content == first
    eve = client.get(url, params={"sims": SIMS, "seed": 7, "as_of": "2016-11-07"})
    assert eve.content == first
    # Another seed or size is a new simulation of the same fitted model (no refit).
    other = client.get(url, params={"sims": SIMS + 1000, "seed": 8}).json()
    assert other["sims"] == SIMS + 1000 and other["seed"] == 8
    assert other["exact"] == json.loads(first)["exact"]
    assert service._fitted.cache_info().misses == fits


def test_2020_polls_run_to_the_eve(client: TestClient) -> None:
    # 538's final 2020 polls end 2020-11-02 (SOURCES.md section 9).
    d = client.get("/api/forecast/2020", params={"sims": SIMS}).json()
    assert d["as_of"] == "2020-11-02" and d["effective_as_of"] == "2020-11-02"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/forecast/2024", 404),
        ("/api/forecast/2004", 404),
        ("/api/forecast/1789", 404),
        ("/api/forecast/2016?sims=999", 422),
        ("/api/forecast/2016?sims=200001", 422),
        ("/api/forecast/2016?sims=many", 422),
        ("/api/forecast/2016?seed=-1", 422),
        ("/api/forecast/2016?as_of=yesterday", 422),
        ("/api/forecast/2016?as_of=2016-02-30", 422),
        ("/api/forecast/2016?as_of=2016-11-07T00:00", 422),
        ("/api/forecast/2016?as_of=2016-11-09", 422),  # after Election Day
        ("/api/forecast/2016?as_of=2015-06-01", 422),  # before the first poll
    ],
)
def test_bad_forecast_requests(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_a_forecast_does_not_block_the_server(live_server: str) -> None:
    # A date no other test asks for: the fit, the exact distribution and the largest
    # simulation allowed take about a second, in the threadpool, while other requests are
    # answered at once.
    day = dt.date(2012, 10, 1)
    url = f"{live_server}/api/forecast/2012?sims=200000&as_of={day.isoformat()}"
    out: dict[str, Any] = {}

    def fetch() -> None:
        with urllib.request.urlopen(url, timeout=120) as r:
            out["doc"] = json.load(r)

    worker = threading.Thread(target=fetch)
    worker.start()
    time.sleep(0.05)
    busy = worker.is_alive()
    t = time.monotonic()
    with urllib.request.urlopen(f"{live_server}/api/health", timeout=10) as r:
        assert json.load(r) == {"status": "ok"}
    waited = time.monotonic() - t
    worker.join(timeout=120)
    assert busy, "the forecast finished too soon to tell"
    assert waited < 1.0
    assert out["doc"]["as_of"] == day.isoformat()


@pytest.mark.slow
def test_daily_series_is_drawn_from_the_cache(client: TestClient) -> None:
    """The daily series' shape (what the chart reads), computed once per year."""
    r = client.get("/api/forecast/daily", params={"year": 2012})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    d = r.json()
    assert d["year"] == 2012 and d["candidates"] == ["Barack Obama", "Mitt Romney"]
    assert d["series"][0]["date"] == "2012-06-01" and d["series"][-1]["date"] == "2012-11-06"
    assert set(d["series"][0]) == {"date", "win", "ev_mean", "ev_lo", "ev_hi"}
    computed = service.daily_json.cache_info().misses
    assert client.get("/api/forecast/daily", params={"year": 2012}).content == r.content
    assert service.daily_json.cache_info().misses == computed  # answered from a cache
    assert client.get("/api/forecast/daily", params={"year": 1999}).status_code == 404
    assert client.get("/api/forecast/daily").status_code == 422
