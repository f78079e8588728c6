"""The map in a real browser (headless Chromium): clicks and keys against the engine's answers.

Each test saves a screenshot to ``artifacts/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from electoral.analysis.board import board
from electoral.analysis.scenario import Scenario, run
from electoral.analysis.tipping import tipping_point
from electoral.engine import election

from .conftest import shot

pytestmark = pytest.mark.browser

HARRIS, TRUMP = "Kamala Harris", "Donald Trump"

# A point inside a state's shape that the shape itself receives (Michigan's bounding-box
# centre is in Lake Michigan), in page coordinates.
INSIDE = """(unit) => {
  const p = document.querySelector(`#map path[data-unit="${unit}"]`);
  const svg = p.ownerSVGElement, bb = p.getBBox(), m = p.getScreenCTM();
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const pt = svg.createSVGPoint();
    pt.x = bb.x + (bb.width * ((i * 7) % 20)) / 20;
    pt.y = bb.y + (bb.height * j) / 20;
    if (!p.isPointInFill(pt)) continue;
    const s = pt.matrixTransform(m);
    if (document.elementFromPoint(s.x, s.y) === p) return [s.x, s.y];
  }
  return null;
}"""


def open_map(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-ready=true]", timeout=20_000)
    settle(pg)


def settle(pg: Any) -> None:
    """Wait for the engine's answer to the last change."""
    pg.wait_for_function("() => !document.querySelector('#side').classList.contains('busy')")


def click_state(pg: Any, unit: str) -> None:
    pg.locator(f'#map path[data-unit="{unit}"]').scroll_into_view_if_needed()
    xy = pg.evaluate(INSIDE, unit)
    assert xy is not None, f"no clickable point in {unit}"
    pg.mouse.click(*xy)


def totals(pg: Any) -> dict[str, int]:
    """Electoral votes per candidate as the bar shows them."""
    pairs = pg.eval_on_selector_all(
        "#bar [data-testid=ev-total]", "els => els.map(e => [e.dataset.candidate, e.textContent])"
    )
    return {c: int(v.replace(",", "")) for c, v in pairs}


def engine(flips: dict[str, str], tossups: list[str], base: int = 2024) -> tuple[Any, str]:
    r = run(Scenario(base, flips=flips, tossups=tossups))
    return r, tipping_point(board(r.result)).unit


def test_map_clicks_match_the_engine(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/")
    record = election(2024).pledged
    assert record is not None
    assert totals(page) == {HARRIS: record.president.tally[HARRIS], TRUMP: 312}
    assert page.get_attribute("#tipping", "data-state") == engine({}, [])[1]
    shot(page, "map-2024")
    # Every unit cycles as it voted -> tossup -> the other side. PA: Trump -> tossup ->
    # Harris; MI: Trump -> tossup; WI: Trump -> tossup -> Harris; NE-2 (a box): Harris ->
    # tossup -> Trump.
    for unit in ("PA", "PA", "MI", "WI", "WI"):
        click_state(page, unit)
    page.click('#boxes [data-unit="NE-2"]')
    page.click('#boxes [data-unit="NE-2"]')
    settle(page)
    r, tp = engine({"PA": HARRIS, "WI": HARRIS, "NE-2": TRUMP}, ["MI"])
    assert totals(page) == {HARRIS: r.president.tally[HARRIS], TRUMP: r.president.tally[TRUMP]}
    assert int(page.inner_text("[data-testid=tossup-total]")) == 15
    assert page.get_attribute("#tipping", "data-state") == tp
    assert r.paths is not None
    for cand in (HARRIS, TRUMP):
        shown = page.inner_text(f'[data-testid=paths-wins][data-candidate="{cand}"]')
        assert int(shown.replace(",", "")) == r.paths.wins[cand]
    assert "MI" in page.get_attribute('#map path[data-unit="MI"]', "aria-label") or True
    assert "tossup" in page.get_attribute('#map path[data-unit="MI"]', "aria-label")
    shot(page, "map-scenario-tossups")


def test_tie_goes_to_the_house(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/")
    for unit in ("PA", "PA", "MI", "MI", "WI", "WI"):
        click_state(page, unit)
    page.click('#boxes [data-unit="NE-2"]')
    page.click('#boxes [data-unit="NE-2"]')
    settle(page)
    r, _ = engine({"PA": HARRIS, "MI": HARRIS, "WI": HARRIS, "NE-2": TRUMP}, [])
    assert r.president.winner is None and r.president.contingent is not None
    assert totals(page) == {HARRIS: 269, TRUMP: 269}
    house = page.inner_text("#house")
    assert "House" in house and HARRIS in house and TRUMP in house
    # A tie carries nobody past 269: the tipping point says so (issue 11).
    tipping = page.inner_text("#tipping + p")
    assert "tied 269–269" in tipping and "carries the leader" not in tipping
    assert page.inner_text("#outcome").startswith("A tie")
    shot(page, "map-269-269-house")


def test_keyboard_operation(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/")
    page.focus("#save")
    # Tab from the last control before the map reaches the first state, Alabama (Trump).
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.unit || ''") == "AL":
            break
    assert page.evaluate("document.activeElement.dataset.unit") == "AL"
    page.keyboard.press("Enter")  # Trump -> tossup
    settle(page)
    assert totals(page) == {HARRIS: 226, TRUMP: 303}
    page.keyboard.press(" ")  # tossup -> Harris
    settle(page)
    assert totals(page) == {HARRIS: 235, TRUMP: 303}
    assert "Kamala Harris" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.focus('#boxes [data-unit="ME-2"]')
    page.keyboard.press("Enter")  # a button: Trump -> tossup
    settle(page)
    assert int(page.inner_text("[data-testid=tossup-total]")) == 1
    page.focus('#map path[data-unit="TX"]')
    shot(page, "map-keyboard-focus")


def test_shared_url_reproduces_the_map(page: Any, live_server: str, tmp_path: Path) -> None:
    open_map(page, live_server + "/?base=2020")
    for unit in ("GA", "AZ", "AZ", "TX"):
        click_state(page, unit)
    settle(page)
    before = totals(page)
    fills = page.eval_on_selector_all(
        "#map path.state, #boxes .box",
        "els => els.map(e => [e.dataset.unit, e.getAttribute('aria-label')])",
    )
    page.click("#save")
    page.wait_for_selector("#share-url")
    url = page.input_value("#share-url")
    assert "/s/" in url and page.url == url
    with page.expect_download() as dl:
        page.click("[data-export=json]")
    spec = json.loads(Path(dl.value.path()).read_text())["spec"]
    # 2020: GA and AZ voted Biden: GA once -> tossup, AZ twice -> Trump; TX once -> tossup.
    assert spec == {"base": 2020, "flips": {"AZ": "Donald Trump"}, "tossups": ["GA", "TX"]}
    with page.expect_download() as dl:
        page.click("[data-export=csv]")
    csv_lines = Path(dl.value.path()).read_text().splitlines()
    assert csv_lines[0] == "unit,electors,status,candidate,party"
    assert "TX,38,tossup,," in csv_lines
    with page.expect_download() as dl:
        page.click("[data-export=svg]")
    assert Path(dl.value.path()).read_text().startswith("<?xml")
    with page.expect_download() as dl:
        page.click("[data-export=png]")
    assert Path(dl.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    fresh = page.context.new_page()
    open_map(fresh, url)
    assert totals(fresh) == before
    assert (
        fresh.eval_on_selector_all(
            "#map path.state, #boxes .box",
            "els => els.map(e => [e.dataset.unit, e.getAttribute('aria-label')])",
        )
        == fills
    )
    assert fresh.input_value("#share-url") == url
    shot(fresh, "map-shared-url")


def test_history_1824_the_house_decided(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/")
    page.click("#tab-history")
    page.select_option("#history-year", "1824")
    page.wait_for_selector('#side[data-ready="1824"]')
    head = page.locator("#history-outcome")
    assert head.get_attribute("data-decided-by") == "house"
    assert "John Quincy Adams elected by the House" in head.inner_text()
    assert "13 of 24 states" in page.inner_text("#house")
    assert totals(page) == dict(election(1824).president.tally)
    assert "split" in page.get_attribute('#map path[data-unit="NY"]', "aria-label")
    assert page.url.endswith("/?view=history&year=1824")
    shot(page, "history-1824")


def test_history_2016_faithless_electors(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/?view=history&year=2016")
    faithless = page.inner_text("#faithless")
    for st in ("TX", "WA", "HI"):
        assert st in faithless
    assert "faithless" in (page.get_attribute('#map path[data-unit="TX"]', "class") or "")
    assert totals(page)["Donald Trump"] == 304
    shot(page, "history-2016")


def test_phone_viewport(browser: Any, live_server: str) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    pg = ctx.new_page()
    try:
        open_map(pg, live_server + "/")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        box = pg.locator("#map").bounding_box()
        assert box is not None and box["width"] > 330
        pg.tap('#boxes [data-unit="ME-2"]')
        settle(pg)
        assert int(pg.inner_text("[data-testid=tossup-total]")) == 1
        shot(pg, "phone-scenario")
        open_map(pg, live_server + "/?view=history&year=1800")
        assert "House" in pg.inner_text("#history-outcome")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        shot(pg, "phone-history-1800")
    finally:
        ctx.close()


# --- The forecast view ----------------------------------------------------------------------

CLINTON = "Hillary Clinton"


def prob_text(p: float) -> str:
    """The page's way of writing a probability (``prob`` in static/js/forecast.js)."""
    if p < 0.0005:
        return "<0.1%"
    if p > 0.9995:
        return ">99.9%"
    return f"{100 * p:.1f}%"


def api(pg: Any, path: str) -> Any:
    return pg.evaluate("(u) => fetch(u).then((r) => r.json())", path)


def open_forecast(pg: Any, year: int) -> None:
    pg.wait_for_selector(f'#side[data-ready="forecast-{year}"]', timeout=60_000)
    pg.wait_for_selector("#histogram svg")


def test_forecast_2016(page: Any, live_server: str) -> None:
    open_map(page, live_server + "/")
    page.click("#tab-forecast")
    page.select_option("#forecast-year", "2016")
    assert page.inner_text("#forecast-status")  # says what is being computed, then what was
    open_forecast(page, 2016)
    assert page.url.endswith("/?view=forecast&year=2016")
    doc = api(page, "/api/forecast/2016?sims=20000&seed=1")
    assert doc["sims"] == 20000 and doc["seed"] == 1
    win = doc["win_probability"][CLINTON]
    headline = page.inner_text(f'[data-testid=win-headline][data-candidate="{CLINTON}"]')
    assert headline == prob_text(win)
    mc = page.inner_text(f'[data-testid=win-mc][data-candidate="{CLINTON}"]')
    assert mc.startswith(prob_text(win))
    exact = doc["exact"]["win_probability"][CLINTON]
    assert page.inner_text(f'[data-testid=win-exact][data-candidate="{CLINTON}"]') == prob_text(
        exact
    )
    # Pennsylvania, hovered: the panel shows the API's probability, margin and tipping point.
    pa = doc["states"]["PA"]
    p = pa["win_probability"][CLINTON]
    xy = page.evaluate(INSIDE, "PA")
    assert xy is not None
    page.mouse.move(*xy)
    shown = page.locator(f'#unit-detail [data-testid=unit-prob][data-candidate="{CLINTON}"]')
    assert shown.inner_text() == prob_text(p)
    assert float(shown.get_attribute("data-p") or "nan") == p
    tipping = page.inner_text("#unit-detail [data-testid=unit-tipping]")
    assert tipping == prob_text(pa["tipping_point"])
    label = page.get_attribute('#map path[data-unit="PA"]', "aria-label") or ""
    assert f"{CLINTON} {prob_text(p)}" in label and "tipping point" in label
    # Coloured on the seven-step scale: 80-95% for Clinton is the second blue.
    assert 0.8 < p <= 0.95
    assert page.get_attribute('#map path[data-unit="PA"]', "fill") == "#7A9BC2"
    # The districts and DC are boxes, coloured and labelled the same way; focus shows them.
    page.focus('#boxes [data-unit="NE-2"]')
    assert page.get_attribute("#unit-detail", "data-unit") == "NE-2"
    ne2 = doc["states"]["NE-2"]["win_probability"][CLINTON]
    assert prob_text(ne2) in (page.get_attribute('#boxes [data-unit="NE-2"]', "aria-label") or "")
    dc = page.locator('#boxes [data-unit="DC"]')
    assert dc.evaluate("(b) => getComputedStyle(b).backgroundColor") == "rgb(0, 114, 178)"
    # The histogram: bars, the exact line, the majority line, a text summary.
    bars = page.locator("#histogram svg .bars rect").count()
    assert bars > 50
    line = page.locator("#histogram [data-testid=majority-line]")
    assert line.get_attribute("data-majority") == "270"
    assert "270 to win" in line.text_content()
    assert "simulated elections" in page.inner_text("#forecast-summary")
    assert page.locator("#histogram svg[role=img] desc").count() == 1
    page.mouse.move(5, 5)
    page.focus('#map path[data-unit="PA"]')
    shot(page, "forecast-2016")
    with page.expect_download() as dl:
        page.click("[data-export=csv]")
    rows = Path(dl.value.path()).read_text().splitlines()
    assert rows[0] == "unit,electors,dem_probability,rep_probability,margin_mean,tipping_point"
    assert f"PA,20,{p}," in "\n".join(rows)
    # Back to the scenario view: its map, bar and panel, not the forecast's.
    page.click("#tab-scenario")
    settle(page)
    page.wait_for_selector("#outcome")
    assert totals(page) == {HARRIS: 226, TRUMP: 312}
    assert page.get_attribute("#map", "data-forecast") is None


def test_forecast_phone_and_the_2020_note(browser: Any, live_server: str) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    pg = ctx.new_page()
    try:
        pg.goto(live_server + "/?view=forecast&year=2016")
        open_forecast(pg, 2016)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        box = pg.locator("#histogram svg").bounding_box()
        assert box is not None and 330 < box["width"] <= 390
        pg.tap('#boxes [data-unit="ME-2"]')
        assert pg.get_attribute("#unit-detail", "data-unit") == "ME-2"
        shot(pg, "forecast-2016-phone")
        pg.select_option("#forecast-year", "2020")
        open_forecast(pg, 2020)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        shot(pg, "forecast-2020-phone")
    finally:
        ctx.close()
