// The page: loads the lists and the map, switches between the scenario and history views,
// keeps the address bar in step (/s/{id}, ?base=2020, ?view=history&year=1824).
import { getJSON, esc } from "./api.js";
import { UsMap } from "./map.js";
import { ScenarioView } from "./scenario.js";
import { HistoryView } from "./history.js";
import { exportCsv, exportJson, exportPng, exportSvg } from "./export.js";

const $ = (id) => document.getElementById(id);
const HELP = {
  scenario: "Click a state or a box — or Tab to it and press Enter or Space — to cycle it through the two parties and tossup. The bar, the tipping point and the paths to a majority follow at once.",
  history: "Each state is coloured by the candidate most of its electors voted for; striped where its electors split, outlined where votes differ from the pledge. Select a state for its votes.",
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
    this.scenario.onChange = () => this.scenarioUrl();
    fill($("base-year"), years.returns.slice().reverse());
    fill($("history-year"), years.recorded.slice().reverse());
    this.wire();
    await this.route();
    document.body.dataset.ready = "true";
  }

  wire() {
    $("tab-scenario").addEventListener("click", () => this.showScenario(Number($("base-year").value)));
    $("tab-history").addEventListener("click", () => this.showHistory(Number($("history-year").value) || 2024));
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
    } else {
      await this.showScenario(Number(q.get("base")) || 2024, false);
    }
  }

  mode(name) {
    this.view = name === "history" ? this.history : this.scenario;
    $("tab-scenario").setAttribute("aria-selected", String(name === "scenario"));
    $("tab-history").setAttribute("aria-selected", String(name === "history"));
    $("scenario-controls").hidden = name !== "scenario";
    $("history-controls").hidden = name !== "history";
    $("help").textContent = HELP[name];
    document.body.dataset.view = name;
    if (name === "history") $("share").hidden = true;
  }

  async showScenario(base, push = true) {
    if (!this.years.returns.includes(base)) base = this.years.returns.at(-1);
    this.mode("scenario");
    $("base-year").value = String(base);
    $("share").hidden = true;
    await this.scenario.show(base);
    if (push && this.scenario.base === base) history.replaceState(null, "", base === 2024 ? "/" : `/?base=${base}`);
  }

  scenarioUrl() {
    $("share").hidden = true;
    const b = this.scenario.base;
    history.replaceState(null, "", b === 2024 ? "/" : `/?base=${b}`);
  }

  async showHistory(year, push = true) {
    if (!this.years.recorded.includes(year)) year = this.years.recorded.at(-1);
    this.mode("history");
    $("history-year").value = String(year);
    $("to-scenario").hidden = !this.years.returns.includes(year);
    await this.history.show(year);
    if (push && this.history.year === year) history.replaceState(null, "", `/?view=history&year=${year}`);
  }

  step(d) {
    const ys = this.years.recorded;
    const i = ys.indexOf(this.history.year) + d;
    if (i >= 0 && i < ys.length) this.showHistory(ys[i]);
  }

  async save() {
    try {
      const saved = await this.scenario.save();
      history.replaceState(null, "", saved.url);
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
    const name = this.view === this.history ? `electoral-${this.history.year}` : `electoral-scenario-${this.scenario.base}`;
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
