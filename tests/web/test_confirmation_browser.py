"""The Confirmation view in headless Chromium: the slider and state selection by keyboard,
shading against the engine's timeline, the nowcast chart (or its note).  Screenshots go to
``artifacts/``."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from electoral.confirmation.stages import timeline

from .conftest import shot, watched_page
from .test_browser_map import DEM, DESKTOP, PHONE, REP, axe, with_csp

pytestmark = pytest.mark.browser
#: The one console message a 404 from /api/night (no series for a state, or no nowcast
#: endpoint at all) leaves: the view shows a note instead, which the tests check.
EXPECTED_404 = "the server responded with a status of 404"


@pytest.fixture
def cpage(browser: Any, live_server: str) -> Iterator[Any]:
    """Like ``page``, but a 404 from the nowcast endpoint is expected, not an error."""
    night_404: list[str] = []
    with watched_page(
        browser, expected=EXPECTED_404, viewport={"width": 1280, "height": 900}
    ) as pg:
        pg.on("response", lambda r: night_404.append(r.url) if r.status == 404 else None)
        yield pg
    assert all("/api/night/" in u for u in night_404), night_404


def _settle(pg: Any) -> None:
    pg.wait_for_selector("body[data-conf-ready=true]", timeout=20_000)
    pg.wait_for_function(
        "() => !document.querySelector('#confirmation').classList.contains('busy')"
    )


def _pick_year(pg: Any, year: int) -> None:
    """Choose ``year`` from the list and wait for its slider, which ends the year after."""
    pg.select_option("#conf-year", str(year))
    pg.wait_for_function(
        f"() => document.querySelector('#conf-range').textContent.includes('{year + 1}')"
    )
    _settle(pg)


def _stage(pg: Any, unit: str) -> str:
    return str(pg.get_attribute(f'#conf-map path[data-unit="{unit}"]', "data-stage"))


def test_slider_and_states_by_keyboard(cpage: Any, live_server: str) -> None:
    page = cpage
    page.goto(live_server + "/?view=confirmation&year=2020&on=2020-11-20")
    _settle(page)
    assert page.is_hidden("#panel") and page.is_visible("#confirmation")
    assert page.get_attribute("#tab-confirmation", "aria-selected") == "true"
    assert page.get_attribute("#tab-scenario", "aria-selected") == "false"
    assert page.text_content("#conf-date") == "November 20, 2020"
    # Georgia certified on 2020-11-20 (Georgia Recorder); Pennsylvania only on 11-24 (Politico).
    assert (_stage(page, "GA"), _stage(page, "PA")) == ("certified", "called")
    certified = page.text_content('.conf-row[data-stage="certified"] [data-testid=stage-votes]')
    assert certified is not None and "Biden 16" in certified
    want = timeline(2020).on(dt.date(2020, 11, 20)).stages
    shaded = page.eval_on_selector_all(
        "#conf-map path.conf-state",
        "els => Object.fromEntries(els.map(e => [e.dataset.unit, e.dataset.stage]))",
    )
    assert shaded == {u: want[u] for u in shaded}
    # Four days on with the arrow keys: PA, NV, NC certified on 2020-11-24 (Politico).
    page.focus("#conf-day")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('#conf-date').textContent === 'November 24, 2020'"
    )
    page.wait_for_function(
        "() => document.querySelector('#conf-map path[data-unit=PA]').dataset.stage === 'certified'"
    )
    _settle(page)
    assert page.get_attribute("#conf-day", "aria-valuetext") == "November 24, 2020"
    # Select Georgia from the keyboard: focus its shape, press Enter.
    page.focus('#conf-map path[data-unit="GA"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("#conf-state-title")
    title = page.text_content("#conf-state-title")
    assert title is not None and title.startswith("Georgia")
    facts = page.text_content(".conf-facts")
    assert facts is not None and "requested and held" in facts and "Nov 20" in facts
    page.wait_for_function(
        "() => !document.querySelector('#conf-night').textContent.includes('Loading')"
    )
    shot(page, "confirmation-2020-11-24")
    # End: Inauguration Day -- every state counted; Biden's 306 counted (Congressional Record).
    page.focus("#conf-day")
    page.keyboard.press("End")
    page.wait_for_function(
        "() => document.querySelector('#conf-date').textContent === 'January 20, 2021'"
    )
    page.wait_for_function(
        "() => document.querySelector('#conf-map path[data-unit=TX]').dataset.stage === 'counted'"
    )
    _settle(page)
    counted = page.text_content('.conf-row[data-stage="counted"] [data-testid=stage-votes]')
    assert counted is not None and "Biden 306" in counted
    # Counted: the full party colour of the state's electors (Biden won PA, Trump TX).
    assert page.get_attribute('#conf-map path[data-unit="PA"]', "fill") == DEM
    assert page.get_attribute('#conf-map path[data-unit="TX"]', "fill") == REP
    assert "Confirmed" in (page.text_content("[data-testid=confirmed]") or "")


def test_nowcast_chart_and_its_absence(cpage: Any, live_server: str) -> None:
    page = cpage
    night = {
        "year": 2020,
        "state": "PA",
        "series": [
            {
                "t": "2020-11-04T02:00:00Z",
                "margin_mean": -0.10,
                "lo": -0.16,
                "hi": -0.02,
                "counted": 0.3,
            },
            {
                "t": "2020-11-05T02:00:00Z",
                "margin_mean": -0.01,
                "lo": -0.04,
                "hi": 0.02,
                "counted": 0.8,
            },
            {
                "t": "2020-11-07T12:00:00Z",
                "margin_mean": 0.008,
                "lo": 0.004,
                "hi": 0.012,
                "counted": 0.97,
            },
        ],
        "calls": [{"desk": "AP", "called_at": "2020-11-07T16:25:00Z", "winner": "Biden"}],
        "model_call": {"winner": "Biden", "called_at": "2020-11-06T15:00:00Z"},
    }
    page.route(
        "**/api/night/2020?state=PA",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(night)
        ),
    )
    page.route(
        "**/api/night/2020?state=WI",
        lambda route: route.fulfill(
            status=404, content_type="application/json", body='{"detail":"Not Found"}'
        ),
    )
    page.goto(live_server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    page.focus("#tab-confirmation")  # by keyboard: the tab is a button
    page.keyboard.press("Enter")
    page.wait_for_selector("#confirmation:not([hidden])")
    _settle(page)
    assert page.is_hidden("#panel")
    # 2016 from the year list: Wisconsin's certification after Stein's recount, 2016-12-12
    # (Politico); the slider's last day is Inauguration Day 2017-01-20.
    _pick_year(page, 2016)
    page.select_option("#conf-state", "WI")
    page.wait_for_selector("#conf-state-title")
    assert "Dec 12" in (page.text_content(".conf-facts") or "")
    # What the data lack is said, not left to a grey map (the timeline's notes).
    notes = page.text_content("[data-testid=conf-notes]") or ""
    assert all(n in notes for n in timeline(2016).notes), notes
    _pick_year(page, 2020)
    page.select_option("#conf-state", "PA")
    page.wait_for_selector("#conf-night svg.conf-chart")
    assert page.locator("#conf-night .conf-band").count() == 1
    assert page.locator("#conf-night line.conf-call").count() == 1  # AP's call
    # AP called Biden: the mark is in the Democrats' colour.
    assert page.get_attribute("#conf-night line.conf-call", "stroke") == DEM
    assert page.locator("#conf-night line.conf-model").count() == 1
    shot(page, "confirmation-nowcast-PA")
    page.select_option("#conf-state", "WI")
    page.wait_for_selector("[data-testid=night-note]")
    note = page.text_content("[data-testid=night-note]")
    assert note is not None and "No election-night series for WI" in note
    # Back to the map views: the tab hides this view again.
    page.click("#tab-scenario")
    assert page.is_visible("#panel") and page.is_hidden("#confirmation")
    assert page.get_attribute("#tab-confirmation", "aria-selected") == "false"


def _view(pg: Any) -> str:
    return str(pg.evaluate("document.body.dataset.view"))


def test_tabs_history_and_focus_ring(cpage: Any, live_server: str) -> None:
    """The fourth tab: arrow keys reach it, its panel is labelled by it, Back and Forward
    move between it and the map views, and the map's focus ring is for the keyboard only."""
    page = cpage
    page.goto(live_server + "/?view=history&year=1860")
    page.wait_for_selector('#side[data-ready="1860"]', timeout=20_000)
    page.click("#tab-confirmation")
    page.wait_for_selector("#confirmation:not([hidden])")
    _settle(page)
    # The default day is Congress's count: 2021-01-07 (Congressional Record).
    assert page.url.endswith("/?view=confirmation&year=2020&on=2021-01-07")
    assert page.get_attribute("#confirmation", "role") == "tabpanel"
    assert page.get_attribute("#confirmation", "aria-labelledby") == "tab-confirmation"
    assert page.get_attribute("#tab-confirmation", "aria-controls") == "confirmation"
    page.select_option("#conf-year", "2016")
    page.wait_for_function("() => location.search.includes('year=2016&on=')")
    _settle(page)
    page.go_back()
    page.wait_for_function("() => document.querySelector('#conf-year').value === '2020'")
    _settle(page)
    assert page.url.endswith("/?view=confirmation&year=2020&on=2021-01-07")
    assert page.text_content("#conf-date") == "January 7, 2021"
    page.go_back()
    page.wait_for_selector("#panel:not([hidden])")
    page.wait_for_selector('#side[data-ready="1860"]')
    assert page.is_hidden("#confirmation") and _view(page) == "history"
    assert page.get_attribute("#tab-history", "aria-selected") == "true"
    page.go_forward()
    page.wait_for_selector("#confirmation:not([hidden])")
    _settle(page)
    assert page.is_hidden("#panel") and _view(page) == "confirmation"
    # Arrow keys, Home and End: from the first tab End reaches this one, and Right wraps.
    page.focus("#tab-scenario")
    page.keyboard.press("End")
    page.wait_for_selector("#confirmation:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "tab-confirmation"
    assert page.get_attribute("#tab-confirmation", "tabindex") == "0"
    assert page.get_attribute("#tab-scenario", "tabindex") == "-1"
    _settle(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("#outcome")
    assert page.evaluate("document.activeElement.id") == "tab-scenario"
    assert (
        page.is_hidden("#confirmation")
        and page.get_attribute("#panel", "aria-labelledby") == "tab-scenario"
    )
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector("#confirmation:not([hidden])")
    _settle(page)
    assert page.get_attribute("#tab-confirmation", "aria-selected") == "true"
    # Back on the tab: the year and day left, not the default.
    page.focus("#conf-day")
    page.keyboard.press("Home")
    page.wait_for_function("() => location.search.includes('on=2020-11-03')")
    page.click("#tab-history")
    page.wait_for_selector("#panel:not([hidden])")
    page.click("#tab-confirmation")
    page.wait_for_selector("#confirmation:not([hidden])")
    _settle(page)
    assert page.text_content("#conf-date") == "November 3, 2020"
    assert page.url.endswith("/?view=confirmation&year=2020&on=2020-11-03")
    # A click on a state selects it without a focus ring; Tab to the next shows the ring.
    box = page.locator('#conf-map path[data-unit="KS"]').bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#conf-state-title")
    assert page.input_value("#conf-state") == "KS"
    assert page.get_attribute("#conf-map .focus-ring", "display") == "none"
    page.keyboard.press("Tab")
    assert page.get_attribute("#conf-map .focus-ring", "display") is None
    assert "state=KS" in page.url
    page.wait_for_function(
        "() => !document.querySelector('#conf-night').textContent.includes('Loading')"
    )


def test_deep_link_restores_year_day_and_state_under_csp(cpage: Any, live_server: str) -> None:
    """A deep link restores the year, the day and the state, with the page served under the
    strict Content Security Policy (a violation logs a console error: the fixture fails)."""
    page = cpage
    page.route(re.compile(r"^http://127\.0\.0\.1:\d+/.*"), with_csp)
    page.goto(live_server + "/?view=confirmation&year=2016&on=2016-12-12&state=WI")
    _settle(page)
    assert page.input_value("#conf-year") == "2016"
    assert page.text_content("#conf-date") == "December 12, 2016"
    assert page.input_value("#conf-state") == "WI"
    page.wait_for_selector("#conf-state-title")
    # Wisconsin certified on 2016-12-12 after Stein's recount (Politico).
    assert _stage(page, "WI") == "certified"
    assert page.url.endswith("/?view=confirmation&year=2016&on=2016-12-12&state=WI")
    page.wait_for_function(
        "() => !document.querySelector('#conf-night').textContent.includes('Loading')"
    )


@pytest.mark.slow
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_confirmation(browser: Any, live_server: str, viewport: str) -> None:
    """axe-core on the view (2020-11-20, Pennsylvania with its nowcast): no serious or
    critical violations; screenshots for a person to look at."""
    size = DESKTOP if viewport == "desktop" else PHONE
    ctx = browser.new_context(
        viewport=size,
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        bypass_csp=True,  # axe is injected as an inline script
    )
    pg = ctx.new_page()
    try:
        pg.goto(live_server + "/?view=confirmation&year=2020&on=2020-11-20&state=PA")
        _settle(pg)
        pg.wait_for_selector("#conf-night svg.conf-chart, [data-testid=night-note]", timeout=60_000)
        found = axe(pg)
        if pg.locator("#conf-night svg.conf-chart").count():
            # AP called Pennsylvania for Biden on 2020-11-07 (clickondetroit.com, AP).
            assert pg.locator("#conf-night .conf-band").count() == 1
            labels = pg.locator("#conf-night .conf-call-label").all_text_contents()
            assert "AP" in labels
        shot(pg, f"confirmation-2020-11-20-PA-{viewport}")
        if viewport == "phone":
            assert pg.evaluate("document.documentElement.scrollWidth") <= size["width"]
        # Inauguration Day: every state in its full party colour, no state selected.
        pg.select_option("#conf-state", "")
        pg.focus("#conf-day")
        pg.keyboard.press("End")
        pg.wait_for_function(
            "() => document.querySelector('#conf-date').textContent === 'January 20, 2021'"
        )
        _settle(pg)
        found += axe(pg)
    finally:
        ctx.close()
    assert found == []
