"""GET /api/night/{year}?state=ST: the Confirmation view's margin band and calls."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_pennsylvania_band_and_calls(client: TestClient) -> None:
    r = client.get("/api/night/2020", params={"state": "pa"})
    assert r.status_code == 200
    d = r.json()
    assert d["year"] == 2020 and d["state"] == "PA"
    assert d["candidates"] == ["Joe Biden", "Donald Trump"]  # margin = Biden - Trump
    pts = d["series"]
    assert len(pts) > 100 and set(pts[0]) == {"t", "margin_mean", "lo", "hi", "counted"}
    assert all(p["lo"] <= p["margin_mean"] <= p["hi"] for p in pts)
    assert [p["t"] for p in pts] == sorted(p["t"] for p in pts)
    assert pts[0]["t"].endswith("Z")
    ap = [c for c in d["calls"] if c["desk"] == "AP"]
    # AP called Pennsylvania for Biden at 11:25 a.m. EST on 2020-11-07 (SOURCES.md section 8)
    assert ap == [{"desk": "AP", "called_at": "2020-11-07T16:25:00Z", "winner": "Joe Biden"}]
    assert d["model_call"]["winner"] == "Joe Biden"


def test_unknown_year_or_state_is_404(client: TestClient) -> None:
    r = client.get("/api/night/2016", params={"state": "PA"})
    assert r.status_code == 404 and "no election-night series for 2016" in r.json()["detail"]
    r = client.get("/api/night/2020", params={"state": "DC"})
    assert r.status_code == 404 and "DC" in r.json()["detail"]
    assert client.get("/api/night/2020").status_code == 422  # state is required
