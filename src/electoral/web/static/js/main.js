// The page: loads the lists and the map, switches between the scenario, history, forecast
// and confirmation views, keeps the address bar in step (/s/{id}, ?base=2020,
// ?view=history&year=1824, ?view=forecast&year=2016[&as_of=2016-10-01],
// ?view=confirmation&year=2020&on=2020-11-20[&state=PA]).  Each view is an entry in the
// browser's history: Back and Forward move between them.
import { getJSON, esc } from "./api.js";
import { UsMap } from "./map.js";
import { ScenarioView } from "./scenario.js";
import { HistoryView } from "./history.js";
import { ForecastView } from "./forecast.js";
import { exportCsv, exportJson, exportPng, exportSvg } from "./export.js";
import { StateTable } from "./table.js";
import { renderSnake, snakeFrame } from "./snake.js";
import { ConfirmationView } from "./confirmation.js";

const $ = (id) => document.getElementById(id);
const HELP = {
  scenario: "Click a state or a box — or Tab to it and press Enter or Space — to make it a tossup, then give it to the other side, then back as it voted (the same order for every state). The bar, the tipping point, the paths to a majority, the table and the snake chart follow at once.",
  history: "Each state is coloured by the party of the candidate most of its electors voted for; striped in proportion where its electors split, outlined where votes differ from the pledge; states that did not vote are drawn as what they were. Select a state for its votes.",
  forecast: "Each state is coloured by the Democrat's chance of carrying it in the simulated elections of a model fitted to the polls. Hover over, tap or Tab to a state for its chances, its mean margin and how often it is the tipping point.",
};

class App {
  async boot() {
    const [years, states, topo] = await Promise.all([
      getJSON("/api/years"),
      getJSON("/api/states"),
      fetch("/static/vendor/states-albers-10m.json").then((r) => r.json()),
    ]);
    this.years = years;
    this.map = new UsMap($("map"), $("boxes"), topo, states);
    const els = { bar: $("bar"), side: $("side"), legend: $("legend") };
    this.scenario = new ScenarioView(this.map, els);
    this.history = new HistoryView(this.map, els);
    this.forecast = new ForecastView(this.map, { ...els, status: $("forecast-status"), overtime: $("overtime") });
    this.table = new StateTable($("table"));
    this.table.onPick = (u) => {
      if (this.view === this.forecast) this.forecast.hover(u);
      else if (this.view === this.history) this.history.activate(u);
    };
    for (const v of [this.scenario, this.history, this.forecast]) v.onRendered = () => v === this.view && this.extras();
    this.scenario.onChange = () => this.scenarioUrl();
    this.confirmation = new ConfirmationView(states, topo);
    // The slider and the state picker replace the entry; a new year or the tab pushes one.
    this.confirmation.onChange = (push) => this.view === this.confirmation && this.go(this.confirmation.url(), push);
    fill($("base-year"), years.returns.slice().reverse());
    fill($("history-year"), years.recorded.slice().reverse());
    fill($("forecast-year"), (years.forecast || []).slice().reverse());
    this.wire();
    await this.route();
    // When the map, bar and panel are first drawn (the browser tests report it).
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "true";
    document.body.dataset.confReady = "true";
  }

  /** The state table (every view) and the snake chart (scenario, forecast) of the view shown. */
  extras() {
    const v = this.view;
    if (v === this.confirmation) return; // its own map, summary and detail
    if ((v === this.history && !v.doc) || (v === this.scenario && !v.electors)) return; // still loading
    if (v === this.forecast && !v.doc) {
      $("table").hidden = true;
      $("snake").hidden = true;
      return;
    }
    $("table").hidden = false;
    this.table.show(v.table());
    const snake = v.snake ? v.snake() : null;
    $("snake").hidden = !snake;
    if (snake) {
      if (!$("snake-chart")) $("snake").innerHTML = snakeFrame("States by margin");
      renderSnake($("snake-chart"), snake);
    }
  }

  wire() {
    this.wireTabs();
    $("tab-scenario").addEventListener("click", () => this.showScenario(Number($("base-year").value)));
    $("tab-history").addEventListener("click", () => this.showHistory(Number($("history-year").value) || 2024));
    $("tab-forecast").addEventListener("click", () => this.showForecast(Number($("forecast-year").value)));
    $("tab-confirmation").addEventListener("click", () => {
      // Back to the year, day and state left (the day of the count the first time).
      const c = this.confirmation;
      if (this.view !== c) this.showConfirmation(c.year, c.start ? c.day() : null);
    });
    $("conf-year").addEventListener("change", (e) => this.showConfirmation(Number(e.target.value)));
    $("forecast-year").addEventListener("change", (e) => this.showForecast(Number(e.target.value)));
    $("forecast-asof").addEventListener("change", (e) => {
      if (e.target.checkValidity() && e.target.value) this.showForecast(Number($("forecast-year").value), e.target.value);
    });
    $("forecast-eve").addEventListener("click", () => this.showForecast(Number($("forecast-year").value)));
    $("base-year").addEventListener("change", (e) => this.showScenario(Number(e.target.value)));
    $("history-year").addEventListener("change", (e) => this.showHistory(Number(e.target.value)));
    $("prev-year").addEventListener("click", () => this.step(-1));
    $("next-year").addEventListener("click", () => this.step(1));
    $("to-scenario").addEventListener("click", () => this.showScenario(this.history.year));
    $("reset").addEventListener("click", () => this.scenario.reset());
    $("save").addEventListener("click", () => this.save());
    for (const b of document.querySelectorAll("[data-export]")) {
      b.addEventListener("click", () => this.export(b.dataset.export));
    }
    this.map.onActivate((unit) => this.view.activate(unit));
    this.map.onHover((unit) => this.view.hover && this.view.hover(unit));
    let frame = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (this.view === this.forecast) this.forecast.drawHistogram();
        if (this.view === this.forecast && this.forecast.doc) this.forecast.drawOverTime();
        if (this.view && this.view !== this.confirmation && (this.view !== this.forecast || this.forecast.doc)) this.extras();
      });
    });
    // Back and Forward move between views and years: each is an entry in the history.
    window.addEventListener("popstate", () => this.route());
  }

  /** Tabs as ARIA tabs: arrow keys, Home and End move between them and select. */
  wireTabs() {
    const list = document.querySelector('[role="tablist"]');
    list.addEventListener("keydown", (e) => {
      const tabs = [...list.querySelectorAll('[role="tab"]')].filter((t) => !t.disabled && !t.hidden);
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (j === undefined) return;
      e.preventDefault();
      const t = tabs[(j + tabs.length) % tabs.length];
      t.focus();
      t.click();
    });
  }

  /** A new entry in the browser's history (or the same one when nothing changed). */
  go(url, push = true) {
    const here = location.pathname + location.search;
    if (here === url) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  async route() {
    const m = location.pathname.match(/^\/s\/([0-9A-Za-z]+)$/);
    const q = new URLSearchParams(location.search);
    if (m) {
      this.mode("scenario");
      try {
        const saved = await this.scenario.loadSaved(m[1]);
        $("base-year").value = String(saved.spec.base);
        this.showShare(saved);
      } catch (e) {
        $("side").innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
      }
    } else if (q.get("view") === "history") {
      await this.showHistory(Number(q.get("year")) || 2024, false);
    } else if (q.get("view") === "forecast") {
      await this.showForecast(Number(q.get("year")), q.get("as_of"), false);
    } else if (q.get("view") === "confirmation") {
      await this.showConfirmation(Number(q.get("year")) || 2020, q.get("on"), q.get("state") || "", false);
    } else {
      await this.showScenario(Number(q.get("base")) || 2024, false);
    }
  }

  mode(name) {
    this.view = { history: this.history, forecast: this.forecast, confirmation: this.confirmation }[name] || this.scenario;
    for (const tab of document.querySelectorAll('[role="tablist"] [role="tab"]')) {
      const on = tab.id === `tab-${name}`;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && name !== "confirmation") $("panel").setAttribute("aria-labelledby", tab.id);
    }
    // The map views share one panel; the confirmation view has its own.
    $("panel").hidden = name === "confirmation";
    $("confirmation").hidden = name !== "confirmation";
    $("skip").setAttribute("href", name === "confirmation" ? "#conf-summary" : "#side");
    for (const v of ["scenario", "history", "forecast"]) $(`${v}-controls`).hidden = name !== v;
    $("overtime").hidden = name !== "forecast";
    if (name !== "scenario" && name !== "forecast") $("snake").hidden = true;
    $("forecast-status").hidden = name !== "forecast";
    this.forecast.active = name === "forecast";
    $("side").classList.remove("busy"); // a forecast still computing leaves its dimming behind
    if (name !== "forecast") this.map.svg.attr("data-forecast", null);
    $("help").textContent = HELP[name] || "";
    document.body.dataset.view = name;
    if (name !== "scenario") $("share").hidden = true;
  }

  async showScenario(base, push = true) {
    if (!this.years.returns.includes(base)) base = this.years.returns.at(-1);
    this.mode("scenario");
    $("base-year").value = String(base);
    $("share").hidden = true;
    this.map.setMerges({});
    await this.scenario.show(base);
    if (this.scenario.base === base && this.view === this.scenario) this.go(base === 2024 ? "/" : `/?base=${base}`, push);
  }

  /** A click on the map changes the scenario, not the page: the entry is replaced. */
  scenarioUrl() {
    $("share").hidden = true;
    const b = this.scenario.base;
    this.go(b === 2024 ? "/" : `/?base=${b}`, false);
  }

  async showHistory(year, push = true) {
    if (!this.years.recorded.includes(year)) year = this.years.recorded.at(-1);
    this.mode("history");
    $("history-year").value = String(year);
    $("to-scenario").hidden = !this.years.returns.includes(year);
    this.go(`/?view=history&year=${year}`, push);
    await this.history.show(year, this.years.returns);
    if (this.view === this.history) this.extras();
  }

  async showForecast(year, asOf = null, push = true) {
    const years = this.years.forecast || [];
    if (!years.includes(year)) year = years.at(-1);
    this.mode("forecast");
    $("forecast-year").value = String(year);
    const url = `/?view=forecast&year=${year}${asOf ? `&as_of=${asOf}` : ""}`;
    this.go(url, push);
    this.map.setMerges({});
    this.extras();
    await Promise.all([this.forecastDates(year, asOf), this.forecast.show(year, asOf)]);
  }

  /** The confirmation view for ``year`` at day ``on`` with ``state`` ("" for none; null keeps
   *  the one selected before); the address says all three once the day is known. */
  async showConfirmation(year, on = null, state = null, push = true) {
    this.mode("confirmation");
    if (push) this.go(`/?view=confirmation&year=${year}`, true);
    await this.confirmation.show(year, on, state);
    if (this.view === this.confirmation) this.go(this.confirmation.url(), false);
  }

  /** The as-of picker: from the day after the first poll to Election Day. */
  async forecastDates(year, asOf) {
    if (!this.forecastInfo) {
      try {
        const info = await getJSON("/api/forecast");
        this.forecastInfo = new Map(info.years.map((y) => [y.year, y]));
      } catch {
        this.forecastInfo = new Map();
      }
    }
    const info = this.forecastInfo.get(year);
    const input = $("forecast-asof");
    if (!info) return;
    const next = new Date(`${info.polls_from}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    input.min = next.toISOString().slice(0, 10);
    input.max = info.election_day;
    input.value = asOf || info.default_as_of;
    $("forecast-eve").disabled = !asOf || asOf === info.default_as_of;
  }

  step(d) {
    const ys = this.years.recorded;
    const i = ys.indexOf(this.history.year) + d;
    if (i >= 0 && i < ys.length) this.showHistory(ys[i]);
  }

  async save() {
    try {
      const saved = await this.scenario.save();
      this.go(saved.url, true);
      this.showShare(saved);
    } catch (e) {
      $("share").hidden = false;
      $("share").innerHTML = `<span class="error" role="alert">${esc(e.message)}</span>`;
    }
  }

  showShare(saved) {
    const url = new URL(saved.url, location.origin).href;
    const el = $("share");
    el.hidden = false;
    el.innerHTML = `<label for="share-url">Share this map</label>
      <input id="share-url" readonly value="${esc(url)}">
      <button type="button" id="copy">Copy link</button>`;
    $("copy").addEventListener("click", async () => {
      $("share-url").select();
      try {
        await navigator.clipboard.writeText(url);
        $("copy").textContent = "Copied";
      } catch {
        $("copy").textContent = "Press Ctrl+C";
      }
    });
  }

  export(kind) {
    const name = this.view === this.history
      ? `electoral-${this.history.year}`
      : this.view === this.forecast
        ? `electoral-forecast-${this.forecast.year}`
        : `electoral-scenario-${this.scenario.base}`;
    if (kind === "svg") exportSvg(this.map, this.view, name);
    else if (kind === "png") exportPng(this.map, this.view, name);
    else if (kind === "csv") exportCsv(this.view, name);
    else exportJson(this.view, name);
  }
}

function fill(select, years) {
  select.innerHTML = years.map((y) => `<option value="${y}">${y}</option>`).join("");
}

window.addEventListener("DOMContentLoaded", () => {
  new App().boot().catch((e) => {
    $("side").innerHTML = `<p class="error" role="alert">The map could not load: ${esc(e.message)}</p>`;
  });
});
