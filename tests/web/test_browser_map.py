"""The map as readers expect it (issue 11), in headless Chromium: history in party colours
with states drawn as they were, proportional splits, the state table and snake chart, the
forecast over time, navigation, exports, and axe-core's accessibility checks.

Screenshots go to ``artifacts/``; the first render of ``/`` is written to
``artifacts/first-render.json`` (a figure to report, not asserted against the clock).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from electoral.analysis.board import board
from electoral.analysis.scenario import Scenario, run
from electoral.analysis.tipping import tipping_point
from electoral.web.app import static_dir

from .conftest import ARTIFACTS, shot, watched_page
from .test_browser import INSIDE, open_map, settle, totals

pytestmark = pytest.mark.browser

AXE = static_dir() / "vendor" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# Party colours (static/js/colors.js PARTY_COLORS, the Okabe-Ito palette for the two major
# parties): written here as the design, so a change of palette is a visible test change.
DEM, REP, DR, FED, PROG = "#0072B2", "#D55E00", "#009E73", "#E69F00", "#009E73"


@pytest.fixture
def desk(browser: Any, live_server: str) -> Iterator[Any]:
    with watched_page(browser, viewport=DESKTOP, accept_downloads=True) as pg:
        yield pg


@pytest.fixture
def phone(browser: Any, live_server: str) -> Iterator[Any]:
    with watched_page(
        browser,
        console=False,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    ) as pg:
        yield pg


def axe(pg: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is."""
    if not pg.evaluate("() => typeof window.axe === 'object'"):
        pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = pg.evaluate(
        """async () => {
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map(v => ({ id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
        }"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def fill(pg: Any, unit: str) -> str:
    return str(pg.get_attribute(f'#map path[data-unit="{unit}"]', "fill"))


def status(pg: Any, unit: str) -> str | None:
    got = pg.get_attribute(f'#map path[data-unit="{unit}"]', "data-status")
    return str(got) if got is not None else None


def legend_parties(pg: Any) -> dict[str, str]:
    """Party -> its legend swatch's colour (first swatch), as hex."""
    pairs = pg.eval_on_selector_all(
        "#legend [data-party]",
        """els => els.map(e => [e.dataset.party,
            getComputedStyle(e.querySelector('.sw')).backgroundColor])""",
    )
    return {p: rgb_hex(c) for p, c in pairs}


def rgb_hex(css: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def open_history(pg: Any, base: str, year: int) -> None:
    open_map(pg, f"{base}/?view=history&year={year}")
    pg.wait_for_selector(f'#side[data-ready="{year}"]')
    pg.wait_for_selector(f'#legend[data-year="{year}"]')


def shares(pg: Any, unit: str) -> list[float]:
    """The proportions of a split unit's stripes (its pattern's data-shares)."""
    ref = fill(pg, unit)
    m = re.match(r"url\(#(.+)\)", ref)
    assert m, ref
    text = pg.get_attribute(f"#{m.group(1)}", "data-shares")
    return [float(x) for x in str(text).split()]


# --- History ------------------------------------------------------------------------------


def test_history_1789_states_as_they_were(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1789)
    # New York's legislature appointed no electors; North Carolina and Rhode Island had not
    # ratified; Vermont joined in 1791; Kentucky was Virginia's and Maine Massachusetts's
    # (NARA, 1789 election; Senate Historical Office admission dates).
    assert status(desk, "NY") == "not-appointed"
    assert status(desk, "NC") == status(desk, "RI") == "not-yet-a-state"
    assert status(desk, "VT") == "not-yet-a-state"
    assert status(desk, "OH") == "territory"  # the Northwest Territory (1787)
    for part, host in (("KY", "VA"), ("ME", "MA"), ("WV", "VA")):
        assert desk.get_attribute(f'#map path[data-unit="{part}"]', "data-drawn-with") == host
        assert fill(desk, part) == fill(desk, host)
    # Washington had no party: the "no party" colour; Adams and Jay Federalists.
    parties = legend_parties(desk)
    assert set(parties) >= {"", "Federalist"} and parties["Federalist"] == FED
    kinds = desk.eval_on_selector_all(
        "#legend [data-status]", "els => els.map(e => e.dataset.status)"
    )
    assert {"not-appointed", "not-yet-a-state", "territory"} <= set(kinds)
    shot(desk, "history-1789")


def test_history_1800_one_ticket_jefferson_first(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1800)
    # The bar and legend list Jefferson before Burr (73 each; Jefferson was elected).
    names = desk.eval_on_selector_all(
        "#bar [data-testid=ev-total]", "els => els.map(e => e.dataset.candidate)"
    )
    assert names[:2] == ["Thomas Jefferson", "Aaron Burr"]
    # Virginia's 21 electors voted Jefferson and Burr: one Republican colour, not stripes.
    assert fill(desk, "VA") == DR
    assert fill(desk, "MA") == FED
    # Pennsylvania split 8 Republican electors to 7 Federalist (NARA 1800): 16 votes to 14.
    assert shares(desk, "PA") == pytest.approx([16 / 30, 14 / 30], abs=1e-3)
    assert legend_parties(desk) == {"Democratic-Republican": DR, "Federalist": FED}
    shot(desk, "history-1800")


def test_history_1860_party_split_and_virginia_whole(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1860)
    # West Virginia (admitted 1863) is drawn with Virginia, without a label of its own.
    assert desk.get_attribute('#map path[data-unit="WV"]', "data-drawn-with") == "VA"
    assert fill(desk, "WV") == fill(desk, "VA")
    assert desk.get_attribute('#map text.label[data-unit="WV"]', "display") == "none"
    assert status(desk, "KS") == "territory"  # admitted January 29, 1861
    parties = legend_parties(desk)
    # The Democrats split into two parties: two distinct colours; Lincoln Republican.
    assert parties["Republican"] == REP
    assert parties["Northern Democratic"] != parties["Southern Democratic"]
    assert len(set(parties.values())) == 4
    # New Jersey split 4 Lincoln, 3 Douglas.
    assert shares(desk, "NJ") == pytest.approx([4 / 7, 3 / 7], abs=1e-3)
    # Lincoln's popular vote: 1,865,908 (Clerk of the House; American Presidency Project).
    lincoln = desk.locator('[data-testid=popular][data-candidate="Abraham Lincoln"]')
    assert lincoln.inner_text() == "1,865,908"
    heads = desk.eval_on_selector_all(
        "#state-table thead button", "els => els.map(e => e.dataset.sort)"
    )
    # With the House under the 1860 census (issue 14) the table adds each state's seats.
    assert heads == ["state", "ev", "winner", "margin", "popular", "seats"]
    shot(desk, "history-1860")


def test_history_1864_seceded_states(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1864)
    seceded = {"VA", "NC", "SC", "GA", "FL", "AL", "MS", "LA", "TX", "AR", "TN"}
    for st in seceded:
        assert status(desk, st) == "seceded", st
    assert status(desk, "WV") is None and fill(desk, "WV") == REP  # Lincoln 5
    assert desk.get_attribute('#map path[data-unit="SD"]', "data-drawn-with") == "ND"
    kinds = desk.eval_on_selector_all(
        "#legend [data-status]", "els => els.map(e => e.dataset.status)"
    )
    assert "seceded" in kinds and "territory" in kinds
    # Four distinct fills for not-yet-a-state, territory, seceded and voting.
    assert len({fill(desk, s) for s in ("OK", "NE", "VA", "NY")}) == 4
    shot(desk, "history-1864")


def test_history_1872_rejected_and_greeleys_electors(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1872)
    # Congress rejected the votes of Arkansas and Louisiana (Senate Journal, Feb 12, 1873).
    assert status(desk, "AR") == status(desk, "LA") == "rejected"
    # Greeley's electors voted for four others after his death: one party, four shades.
    item = desk.locator('#legend [data-party="Liberal Republican"]')
    colours = item.evaluate(
        "e => [...e.querySelectorAll('.sw')].map(s => getComputedStyle(s).backgroundColor)"
    )
    assert len(colours) == 4 and len(set(colours)) == 4
    assert "Thomas A. Hendricks 42" in item.inner_text()
    shot(desk, "history-1872")


def test_history_1912_progressives(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1912)
    parties = legend_parties(desk)
    assert parties["Democratic"] == DEM and parties["Republican"] == REP
    assert parties["Progressive"] == PROG
    # Arizona and New Mexico were admitted early in 1912 and voted; Alaska a territory.
    assert status(desk, "AZ") is None and status(desk, "NM") is None
    assert status(desk, "AK") == "territory"
    shot(desk, "history-1912")


def test_history_1960_colours_hold_across_years(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1960)
    # Nixon is the Republican colour in 1960 and 1968 alike; Kennedy the Democratic one.
    assert legend_parties(desk)["Republican"] == REP
    assert fill(desk, "CA") == REP and fill(desk, "IL") == DEM
    # Mississippi's unpledged Democratic electors voted for Harry Byrd: a third colour.
    assert fill(desk, "MS") not in (DEM, REP)
    assert status(desk, "HI") is None  # admitted August 21, 1959
    shot(desk, "history-1960")
    desk.select_option("#history-year", "1968")
    desk.wait_for_selector('#legend[data-year="1968"]')
    assert legend_parties(desk)["Republican"] == REP
    assert fill(desk, "CA") == REP


def test_history_2016_split_in_proportion(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 2016)
    # Texas: Trump 36, Kasich 1, Ron Paul 1 (NARA 2016): stripes in that proportion.
    assert shares(desk, "TX") == pytest.approx([36 / 38, 1 / 38, 1 / 38], abs=1e-3)
    # Kasich and Paul are Republicans: shades of the Republican colour, distinct.
    item = desk.locator('#legend [data-party="Republican"]')
    assert item.evaluate("e => e.querySelectorAll('.sw').length") == 4
    # The popular vote: Clinton 65,853,514 in the official count (FEC, Federal Elections
    # 2016); the packaged returns give their own total, within a tenth of a percent.
    pop = int(
        desk.get_attribute('[data-testid=popular][data-candidate="Hillary Clinton"]', "data-votes")
    )
    assert abs(pop - 65_853_514) / 65_853_514 < 1e-3
    shot(desk, "history-2016")


# --- The state table and the snake chart --------------------------------------------------


def test_state_table_and_snake_chart(desk: Any, live_server: str) -> None:
    open_map(desk, live_server + "/")
    desk.wait_for_selector("#state-table tbody tr")
    rows = desk.locator("#state-table tbody tr")
    assert rows.count() == 56  # 50 states, DC, ME-1, ME-2, NE-1, NE-2, NE-3
    # Search by name: the four "New" states.
    desk.fill("#table-search", "new")
    assert desk.eval_on_selector_all(
        "#state-table tbody tr", "els => els.map(e => e.dataset.unit)"
    ) == ["NH", "NJ", "NM", "NY"]
    desk.fill("#table-search", "")
    # Sort by electoral votes, largest first: California 54 (2020 census).
    desk.click('#state-table button[data-sort="ev"]')
    assert (
        desk.get_attribute('#state-table th:has(button[data-sort="ev"])', "aria-sort")
        == "descending"
    )
    first = desk.locator("#state-table tbody tr").first
    assert first.get_attribute("data-unit") == "CA" and "54" in first.inner_text()
    desk.click('#state-table button[data-sort="ev"]')
    assert (
        desk.get_attribute('#state-table th:has(button[data-sort="ev"])', "aria-sort")
        == "ascending"
    )
    # The snake: every unit, ordered by margin, each as wide as its electoral votes; the
    # majority falls in the engine's tipping point.
    order = str(desk.get_attribute("#snake-chart", "data-order")).split()
    assert len(order) == 56
    widths = dict(
        desk.eval_on_selector_all(
            "#snake-chart .seg",
            "els => els.map(e => [e.dataset.unit, e.querySelector('rect').getBBox().width + 0.6])",
        )
    )
    assert widths["CA"] / widths["WY"] == pytest.approx(54 / 3, rel=0.02)
    r = run(Scenario(2024))
    tp = tipping_point(board(r.result)).unit
    assert f"tipping point: {tp}" in desk.inner_text("#snake-chart")
    assert desk.get_attribute("#tipping", "data-state") == tp
    # Harris's states first (largest Harris margin: DC), Trump's last.
    assert order[0] == "DC"
    shot(desk, "state-table-and-snake")


def test_every_unit_a_tossup_reads_well_and_counts_exactly(desk: Any, live_server: str) -> None:
    units = desk.request.post(live_server + "/api/scenarios/evaluate", data={"base": 2024}).json()
    saved = desk.request.post(
        live_server + "/api/scenarios", data={"base": 2024, "tossups": sorted(units["states"])}
    ).json()
    open_map(desk, live_server + saved["url"])
    desk.wait_for_selector("#paths")
    standing = desk.inner_text("#standing")
    assert "; ." not in standing and "Every unit is a tossup" in standing
    # 2**56 = 72,057,594,037,927,936 (a JavaScript number would print ...940).
    assert desk.inner_text("[data-testid=combinations]") == "72,057,594,037,927,936"
    wins = [
        int(t.replace(",", ""))
        for t in desk.eval_on_selector_all(
            "[data-testid=paths-wins]", "els => els.map(e => e.textContent)"
        )
    ]
    ties = int(desk.inner_text("[data-testid=paths-ties]").replace(",", ""))
    assert sum(wins) + ties == 2**56
    shot(desk, "scenario-all-tossups")


def test_parties_cycle_in_the_same_order(desk: Any, live_server: str) -> None:
    open_map(desk, live_server + "/")
    # A Trump state and a Harris state both go to tossup first, then to the other side.
    for unit, first, second in (
        ("TX", "tossup", "Kamala Harris"),
        ("CA", "tossup", "Donald Trump"),
    ):
        xy = desk.evaluate(INSIDE, unit)
        desk.mouse.click(*xy)
        assert (
            first
            in str(desk.get_attribute(f'#map path[data-unit="{unit}"]', "aria-label")).split(". ")[
                0
            ]
        )
        desk.mouse.click(*xy)
        assert (
            second
            in str(desk.get_attribute(f'#map path[data-unit="{unit}"]', "aria-label")).split(". ")[
                0
            ]
        )
    settle(desk)


# --- Navigation, focus, exports ----------------------------------------------------------


def test_tabs_keys_history_and_focus_ring(desk: Any, live_server: str) -> None:
    open_map(desk, live_server + "/")
    desk.click("#tab-history")
    desk.wait_for_selector('#side[data-ready="2024"]')
    assert desk.url.endswith("/?view=history&year=2024")
    desk.select_option("#history-year", "1860")
    desk.wait_for_selector('#side[data-ready="1860"]')
    desk.go_back()
    desk.wait_for_selector('#side[data-ready="2024"]')
    assert desk.url.endswith("/?view=history&year=2024")
    desk.go_back()
    desk.wait_for_selector("#outcome")
    assert (
        desk.url == live_server + "/"
        and desk.get_attribute("#tab-scenario", "aria-selected") == "true"
    )
    desk.go_forward()
    desk.wait_for_selector('#side[data-ready="2024"]')
    assert desk.get_attribute("#tab-history", "aria-selected") == "true"
    # Arrow keys move between the tabs and select; the panel is labelled by the tab.
    desk.focus("#tab-history")
    desk.keyboard.press("ArrowLeft")
    desk.wait_for_selector("#outcome")
    assert desk.evaluate("document.activeElement.id") == "tab-scenario"
    assert desk.get_attribute("#panel", "role") == "tabpanel"
    assert desk.get_attribute("#panel", "aria-labelledby") == "tab-scenario"
    assert desk.get_attribute("#tab-scenario", "aria-controls") == "panel"
    assert desk.get_attribute("#tab-history", "tabindex") == "-1"
    settle(desk)
    # A click leaves no focus ring on the map; the keyboard shows it.
    xy = desk.evaluate(INSIDE, "KS")
    desk.mouse.click(*xy)
    assert desk.get_attribute("#map .focus-ring", "display") == "none"
    desk.keyboard.press("Tab")
    assert desk.get_attribute("#map .focus-ring", "display") is None
    settle(desk)


#: A strict policy like the one the hardening work serves: no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'"
)


def with_csp(route: Any) -> None:
    """Serve the page with ``CSP`` (a CSP violation logs a console error: the test fails)."""
    if route.request.resource_type != "document":
        route.continue_()
        return
    resp = route.fetch()
    headers = {
        k: v for k, v in resp.headers.items() if k not in ("content-encoding", "content-length")
    }
    headers["content-security-policy"] = CSP
    route.fulfill(response=resp, headers=headers)


def test_exports_carry_the_legend_and_the_bar(desk: Any, live_server: str) -> None:
    desk.route(re.compile(r"^http://127\.0\.0\.1:\d+/.*"), with_csp)
    open_history(desk, live_server, 1860)
    with desk.expect_download() as dl:
        desk.click("[data-export=svg]")
    text = Path(dl.value.path()).read_text()
    assert 'class="export-bar"' in text and 'class="export-legend"' in text
    assert "Southern Democratic" in text and "Abraham Lincoln 180" in text
    assert "Not yet a state" in text and 'id="status-territory"' in text
    with desk.expect_download() as dl:
        desk.click("[data-export=png]")
    png = Path(dl.value.path())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Look at it: the export of 1860 with its bar and legend.
    shown = desk.context.new_page()
    data = base64.b64encode(png.read_bytes()).decode()
    shown.set_content(f'<img src="data:image/png;base64,{data}" style="width:975px">')
    shot(shown, "export-1860-png")
    shown.close()


# --- The forecast -------------------------------------------------------------------------


@pytest.mark.slow
def test_forecast_over_time_table_snake_and_tossup_favourites(desk: Any, live_server: str) -> None:
    clinton = "Hillary Clinton"
    # The real daily series (GET /api/forecast/daily?year=2016, computed on first use).
    open_map(desk, live_server + "/?view=forecast&year=2016&as_of=2016-10-01")
    desk.wait_for_selector('#side[data-ready="forecast-2016"]', timeout=120_000)
    desk.wait_for_selector("#overtime-chart svg", timeout=120_000)
    mark = desk.locator("[data-testid=as-of-mark]")
    assert mark.get_attribute("data-date") == "2016-10-01"
    assert desk.locator("#overtime-chart .win-line").count() == 2
    # One forecast a day from June 1 to Election Day, 2016-11-08 (3 U.S.C. § 1): 161 days.
    assert desk.get_attribute("#overtime-chart svg", "data-days") == "161"
    # The state table and the snake chart of the forecast.
    assert desk.locator("#state-table tbody tr").count() == 56
    assert len(str(desk.get_attribute("#snake-chart", "data-order")).split()) == 56
    # Near-even states say who is favoured: labels "D 5x%" or "R 5x%", never a bare "5x%".
    doc = desk.evaluate(
        "() => fetch('/api/forecast/2016?sims=20000&seed=1&as_of=2016-10-01').then(r => r.json())"
    )
    chance = {u: s["win_probability"][clinton] for u, s in doc["states"].items() if "-" not in u}
    # the three states closest to even, whatever the model's numbers that day
    near = dict(sorted(chance.items(), key=lambda kv: abs(kv[1] - 0.5))[:3])
    for u, p in near.items():
        label = desk.locator(f'#map text.label[data-unit="{u}"] .ev')
        if label.count():
            assert label.text_content().startswith("D " if p > 0.5 else "R "), (u, p)
    shot(desk, "forecast-2016-over-time")


@pytest.mark.slow
def test_no_previous_forecast_table_while_computing(desk: Any, live_server: str) -> None:
    """While another forecast computes (a grey map), the state table and the snake chart of
    the one shown before are not left beside it."""
    open_map(desk, live_server + "/?view=forecast&year=2016")
    desk.wait_for_selector('#side[data-ready="forecast-2016"]', timeout=120_000)
    assert desk.is_visible("#table") and desk.is_visible("#snake")
    # a date no other test asks for: no cache answers it, it takes seconds to compute
    desk.fill("#forecast-asof", "2016-09-15")
    desk.wait_for_function("() => document.querySelector('#side').dataset.ready === ''")
    assert desk.is_hidden("#table") and desk.is_hidden("#snake")
    desk.wait_for_selector('#side[data-ready="forecast-2016"]', timeout=120_000)
    assert desk.get_attribute("#forecast-dates", "data-as-of") == "2016-09-15"
    assert desk.is_visible("#table") and desk.is_visible("#snake")


@pytest.mark.slow
def test_forecast_errors_read_as_sentences(browser: Any, live_server: str) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    pg = ctx.new_page()
    try:
        # 2008's packaged polls begin January 4, 2008: nothing is known on January 2.
        pg.goto(live_server + "/?view=forecast&year=2008&as_of=2008-01-02")
        pg.wait_for_selector('#side[data-ready="forecast-error-2008"]', timeout=60_000)
        text = pg.inner_text("#forecast-error")
        assert text.startswith("There is no 2008 forecast as of 2008-01-02")
        assert "2008-01-04" in text
        assert "Computing" not in pg.inner_text("#bar")
        assert "error" in (pg.get_attribute("#forecast-status", "class") or "")
        # The chart over time is drawn once the daily series is computed (the first time for
        # a year, 10-60 s on a busy machine), or is a note where there is none.
        pg.select_option("#forecast-year", "2020")
        pg.wait_for_selector('#side[data-ready="forecast-2020"]', timeout=120_000)
        pg.wait_for_selector("#overtime[data-ready]", state="attached", timeout=120_000)
        # 2020 on its eve: the packaged polls now run to 2020-11-02, the eve itself (the polls
        # branch's 538 files), so neither the header nor the panel says the polls end early.
        assert pg.locator("[data-testid=polls-end]").count() == 0
        dates = pg.inner_text("#forecast-dates")
        assert "as of 2020-11-02" in dates and "packaged polls end" not in dates
        shot(pg, "forecast-2020-eve")
    finally:
        ctx.close()


# --- Accessibility ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_every_view(browser: Any, live_server: str, viewport: str) -> None:
    size = DESKTOP if viewport == "desktop" else PHONE
    # bypass_csp: axe is injected as an inline script, which a strict Content Security
    # Policy (script-src 'self') would refuse; the page's own scripts are unchanged.
    ctx = browser.new_context(
        viewport=size,
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        bypass_csp=True,
    )
    pg = ctx.new_page()
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        open_map(pg, live_server + "/")
        found["scenario"] = axe(pg)
        if viewport == "phone":
            shot(pg, "phone-scenario-table")
        for year in (1800, 1860):
            pg.goto(f"{live_server}/?view=history&year={year}")
            pg.wait_for_selector(f'#side[data-ready="{year}"]', timeout=20_000)
            found[f"history-{year}"] = axe(pg)
        if viewport == "phone":
            shot(pg, "phone-history-1860")
        pg.goto(live_server + "/?view=forecast&year=2016")
        pg.wait_for_selector('#side[data-ready="forecast-2016"]', timeout=120_000)
        pg.wait_for_selector("#overtime[data-ready]", state="attached")
        found["forecast"] = axe(pg)
        if viewport == "phone":
            assert pg.evaluate("document.documentElement.scrollWidth") <= 390
            shot(pg, "phone-forecast-2016")
    finally:
        ctx.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_first_render_of_the_page(browser: Any, live_server: str) -> None:
    """Time to the first drawn map, bar and panel of ``/`` on loopback: reported, not asserted."""
    figures = []
    for _ in range(3):
        ctx = browser.new_context(viewport=DESKTOP)
        pg = ctx.new_page()
        pg.goto(live_server + "/")
        pg.wait_for_selector("body[data-ready=true]", timeout=20_000)
        ms = int(pg.get_attribute("body", "data-ready-ms") or "0")
        fcp = pg.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0]"
            " || {}).startTime || null"
        )
        figures.append({"first_meaningful_render_ms": ms, "first_contentful_paint_ms": fcp})
        ctx.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "first-render.json").write_text(json.dumps(figures, indent=1) + "\n")
    print("first render of /:", figures)
    assert all(f["first_meaningful_render_ms"] > 0 for f in figures)


def test_phone_history_and_table(phone: Any, live_server: str) -> None:
    open_history(phone, live_server, 2016)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # Labels on a phone: at least 7 CSS pixels tall on the map.
    h = phone.evaluate(
        "() => document.querySelector('#map text.label[data-unit=\"TX\"]')"
        ".getBoundingClientRect().height"
    )
    assert h >= 7
    phone.fill("#table-search", "tex")
    assert phone.eval_on_selector_all(
        "#state-table tbody tr", "els => els.map(e => e.dataset.unit)"
    ) == ["TX"]
    assert "Trump 36" in phone.inner_text("#state-table tbody tr")
    shot(phone, "phone-history-2016")
    assert totals(phone)["Donald Trump"] == 304


# --- What other branches add to the API, shown when present -------------------------------


def test_apportionment_and_recount_when_the_api_has_them(desk: Any, live_server: str) -> None:
    """The page shows ``apportionment`` (elections API) and ``recount`` (scenario states)
    when present; the documents are extended here in the browser as their issues specify."""

    def election(route: Any) -> None:
        doc = route.fetch().json()
        # 1910 census: a House of 433 seats, New York 43 (1911 Apportionment Act).
        doc["apportionment"] = {
            "census": 1910,
            "house_size": 433,
            "seats": {"NY": 43, "PA": 36},
            "method": "Webster",
        }
        route.fulfill(json=doc)

    def evaluate(route: Any) -> None:
        doc = route.fetch().json()
        doc["states"]["PA"]["recount"] = {
            "status": "automatic",
            "margin": 0.017,
            "threshold": 0.005,
            "law_year": 2004,
        }
        route.fulfill(json=doc)

    desk.route(re.compile(r".*/api/elections/1912$"), election)
    open_history(desk, live_server, 1912)
    assert desk.get_attribute("#apportionment", "data-house-size") == "433"
    desk.fill("#table-search", "new york")
    assert "43" in desk.inner_text('#state-table tr[data-unit="NY"]')
    desk.route(re.compile(r".*/api/scenarios/evaluate$"), evaluate)
    desk.click("#tab-scenario")
    desk.wait_for_selector('#state-table button[data-sort="recount"]')
    desk.fill("#table-search", "penn")
    cell = desk.locator('#state-table tr[data-unit="PA"] [data-recount]')
    assert cell.get_attribute("data-recount") == "automatic"
    assert "0.50%" in desk.inner_text('#state-table tr[data-unit="PA"]')


def test_maine_box_before_1820_is_massachusetts(desk: Any, live_server: str) -> None:
    open_history(desk, live_server, 1816)
    box = desk.locator('#boxes [data-unit="ME"]')
    # Maine was part of Massachusetts until March 15, 1820 (Senate Historical Office).
    assert "part of Massachusetts" in str(box.get_attribute("aria-label"))
    ma = desk.locator('#boxes [data-unit="MA"]')
    assert box.evaluate("b => getComputedStyle(b).backgroundColor") == ma.evaluate(
        "b => getComputedStyle(b).backgroundColor"
    )
