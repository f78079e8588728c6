// The forecast view: GET /api/forecast/{year} (the engine's Forecast.to_dict()): each unit
// coloured by the Democrat's chance of carrying it, the win probabilities by simulation and
// exactly, and the electoral-vote histogram.  The first forecast of a year takes seconds, so
// a status line says what is happening meanwhile.
import { getJSON, esc, fmtInt, lastName } from "./api.js";
import { PARTY, PROB_COLORS, PROB_STEPS, NONE, probColor } from "./colors.js";
import { renderHistogram, histogramKey, quantile } from "./histogram.js";
import { renderOverTime } from "./overtime.js";
import { stateCell } from "./table.js";

export const SIMS = 20000;
export const SEED = 1;
const AT_LARGE = new Set(["ME", "NE"]);

/** A probability for people: one decimal, and never a bare 0% or 100% from a simulation. */
export function prob(p) {
  if (p == null) return "–";
  if (p < 0.0005) return "<0.1%";
  if (p > 0.9995) return ">99.9%";
  return `${(100 * p).toFixed(1)}%`;
}

/** The favourite's party letter and chance in whole percent, for the labels on the map:
 * near-even states say who is favoured too ("R 56%", "D 51%"). */
function short(p) {
  const q = Math.max(p, 1 - p);
  const who = p > 0.5 ? "D" : p < 0.5 ? "R" : "";
  return `${who ? `${who} ` : ""}${q > 0.99 ? ">99%" : `${Math.round(100 * q)}%`}`;
}

/** The API's message as a sentence for people (a date before the polls, a bad year). */
export function friendly(year, asOf, message) {
  const m = String(message || "").replace(/\.$/, "");
  const when = asOf ? ` as of ${asOf}` : "";
  if (/no polls of \d+ ended before|is before the campaign's polls/.test(m)) {
    const first = (m.match(/the first ended (\d{4}-\d{2}-\d{2})/) || [])[1];
    return `There is no ${year} forecast${when}: no poll had ended by then${first ? ` (the first ended on ${first}; pick a later date)` : ""}.`;
  }
  if (/after Election Day/.test(m)) return `There is no ${year} forecast${when}: that is after Election Day. Pick an earlier date.`;
  return `The ${year} forecast${when} could not be computed: ${m.charAt(0).toLowerCase()}${m.slice(1)}.`;
}

/** The day before an ISO date. */
function prevDay(iso) {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

function points(margin) {
  return `${(100 * Math.abs(margin)).toFixed(1)} points`;
}

export class ForecastView {
  constructor(map, els) {
    this.map = map;
    this.els = els; // {bar, side, legend, status}
    this.doc = null;
    this.seq = 0;
    this.active = false;
    this.picked = null;
  }

  /** Compute (or fetch from the server's cache) and show the forecast of ``year``. */
  async show(year, asOf = null) {
    const seq = ++this.seq;
    if (this.doc && this.year === year && this.asOf === asOf) {
      this.render();
      return;
    }
    this.year = year;
    this.asOf = asOf;
    this.placeholder(year);
    const q = new URLSearchParams({ sims: String(SIMS), seed: String(SEED) });
    if (asOf) q.set("as_of", asOf);
    const started = performance.now();
    let doc;
    try {
      doc = await getJSON(`/api/forecast/${year}?${q}`);
    } catch (e) {
      if (seq !== this.seq) return;
      const text = friendly(year, asOf, e.message);
      this.status(text, true);
      this.els.side.classList.remove("busy");
      this.els.side.dataset.ready = `forecast-error-${year}`;
      this.els.bar.innerHTML = `<p class="error" id="forecast-error">${esc(text)}</p>`;
      this.els.side.innerHTML = `<h2>${year} forecast</h2><p class="error" role="alert">${esc(text)}</p>`;
      this.paintBlank("no forecast");
      if (this.onRendered) this.onRendered();
      return;
    }
    if (seq !== this.seq) return; // a later choice has overtaken this one
    const secs = (performance.now() - started) / 1000;
    this.doc = doc;
    this.status(`${fmtInt(doc.sims)} simulated elections and the exact distribution, ${secs < 0.5 ? "from the cache" : `computed in ${secs.toFixed(1)} s`}.`);
    if (this.active) this.render();
  }

  status(text, error = false) {
    const el = this.els.status;
    el.textContent = text;
    el.classList.toggle("error", error);
  }

  /** Every state grey, its label saying ``what`` (no district boxes). */
  paintBlank(what) {
    const label = (u) => `${this.map.name(u)}: ${what}`;
    this.map.paint((u) => (u.includes("-") ? null : { fill: NONE, ev: "", label: label(u), title: label(u) }), { interactive: false });
  }

  /** While computing: a grey map, the bar and the panel say so. */
  placeholder(year) {
    this.status(`Computing the ${year} forecast: ${fmtInt(SIMS)} simulated elections and the exact distribution…`);
    this.doc = null;
    this.els.side.classList.add("busy");
    this.els.side.dataset.ready = "";
    this.paintBlank("computing the forecast");
    this.els.bar.innerHTML = `<div class="fc-head"><div class="bar-mid" style="text-align:left">Computing the ${year} forecast…</div></div>
      <div class="hist-wrap" aria-hidden="true"><div class="hist-skeleton"></div></div>`;
    this.els.side.innerHTML = `<h2>${year} forecast</h2><p class="muted">Computing: ${fmtInt(SIMS)} simulated elections and
      the exact electoral-vote distribution. The first forecast of a year and date takes a few seconds; later ones come from the cache.</p>`;
    this.els.legend.innerHTML = "";
    if (this.onRendered) this.onRendered(); // no table or snake chart of the forecast before
  }

  /** One wording, in the header and the panel, for packaged polls that end before the
   * as-of date: the day of the last poll (the model's effective date is the day after). */
  pollsEnd() {
    const d = this.doc;
    if (!d || !d.effective_as_of || d.effective_as_of === d.as_of) return "";
    return `the packaged polls end ${prevDay(d.effective_as_of)}`;
  }

  /** The two candidates as {name, short, color}. */
  sides() {
    const { dem, rep } = this.doc.candidates;
    return [
      { name: dem, short: lastName(dem), color: PARTY.DEM },
      { name: rep, short: lastName(rep), color: PARTY.REP },
    ];
  }

  electors(unit) {
    const s = (this.doc.snake || []).find((x) => x.state === unit);
    return s ? s.electors : null;
  }

  unitName(unit) {
    return this.map.name(unit) + (AT_LARGE.has(unit) ? " at large" : "");
  }

  /** The sentence a unit is described by (aria-label, tooltip, the panel). */
  describe(unit) {
    const s = this.doc.states[unit];
    const [d, r] = this.sides();
    const n = this.electors(unit);
    const p = s.win_probability[d.name];
    const lead = s.margin_mean >= 0 ? d.short : r.short;
    return `${this.unitName(unit)}${n ? `, ${n} electoral vote${n === 1 ? "" : "s"}` : ""}: ` +
      `${d.name} ${prob(p)}, ${r.name} ${prob(1 - p)}; mean margin ${lead} +${points(s.margin_mean)}; ` +
      `the tipping point in ${prob(s.tipping_point)} of simulations.`;
  }

  look(unit) {
    if (!this.doc) return null;
    const s = this.doc.states[unit];
    if (!s) return null;
    const p = s.win_probability[this.doc.candidates.dem];
    const label = this.describe(unit);
    return { fill: probColor(p), ev: short(p), label, title: label };
  }

  hover(unit) {
    if (!this.doc || !this.doc.states[unit]) return;
    this.picked = unit;
    this.detail();
  }

  activate(unit) {
    this.hover(unit);
  }

  render() {
    const d = this.doc;
    this.map.paint((u) => this.look(u), { interactive: false });
    this.map.svg.attr("data-forecast", `${d.year}:${d.as_of}`);
    this.renderHead();
    this.els.side.innerHTML = this.sideHtml();
    this.els.side.classList.remove("busy");
    this.detail();
    this.els.legend.innerHTML = this.legendHtml();
    this.els.side.dataset.ready = `forecast-${d.year}`;
    if (this.onRendered) this.onRendered();
    this.drawOverTime();
  }

  /** The forecast over time (GET /api/forecast/daily?year=), the as-of date marked. */
  async drawOverTime() {
    const el = this.els.overtime;
    if (!el || !this.doc) return;
    const d = this.doc;
    const year = d.year;
    if (!this.daily || this.daily.year !== year) {
      el.innerHTML = `<h2 class="snake-title">The forecast over time</h2><p class="muted">Loading the daily series…</p>`;
      try {
        const r = await fetch(`/api/forecast/daily?year=${year}`);
        if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
        this.daily = { year, doc: await r.json() };
      } catch (e) {
        this.daily = { year, error: e.status === 404 ? "This server does not publish the forecast's daily series yet, so the chart over time cannot be drawn." : "The forecast's daily series could not be loaded." };
      }
      if (!this.doc || this.doc.year !== year) return;
    }
    if (this.daily.error) {
      el.innerHTML = `<h2 class="snake-title">The forecast over time</h2><p class="muted" id="overtime-note">${esc(this.daily.error)}</p>`;
      el.dataset.ready = "note";
      return;
    }
    const [dem, rep] = this.sides();
    el.innerHTML = `<h2 class="snake-title">The forecast over time</h2><div id="overtime-chart" class="overtime-wrap"></div>`;
    renderOverTime(el.querySelector("#overtime-chart"), { doc: this.daily.doc, asOf: d.as_of, dem, rep });
    el.dataset.ready = `${year}:${d.as_of}`;
  }

  snake() {
    const d = this.doc;
    const [dem, rep] = this.sides();
    const items = Object.entries(d.states).map(([u, s]) => {
      const n = this.electors(u) || 0;
      const p = s.win_probability[dem.name];
      return { unit: u, ev: n, margin: s.margin_mean, color: probColor(p), label: this.describe(u) };
    }).filter((x) => x.ev > 0);
    const total = items.reduce((a, b) => a + b.ev, 0);
    return { items, left: dem.short, right: rep.short, majority: Math.floor(total / 2) + 1, caption: "Units ordered by the forecast's mean margin, as wide as their electoral votes" };
  }

  table() {
    const d = this.doc;
    const [dem, rep] = this.sides();
    const cols = [
      { key: "state", label: "State" },
      { key: "ev", label: "EV", title: "Electoral votes", num: true },
      { key: "favourite", label: "Favourite" },
      { key: "dem", label: "D chance", title: `${dem.name}'s chance`, num: true },
      { key: "margin", label: "Margin", title: "Mean margin", num: true },
      { key: "tipping", label: "Tipping", title: "How often the tipping point", num: true },
    ];
    const rows = Object.entries(d.states).map(([u, s]) => {
      const p = s.win_probability[dem.name];
      const fav = p >= 0.5 ? dem : rep;
      const n = this.electors(u);
      const lead = s.margin_mean >= 0 ? dem : rep;
      return {
        unit: u,
        state: stateCell(u, this.unitName(u)),
        ev: { sort: n ?? -1, html: n != null ? String(n) : "–" },
        favourite: { sort: fav.short, html: `<span class="sw" style="background:${probColor(p)}"></span> ${esc(fav.short)} ${prob(Math.max(p, 1 - p))}` },
        dem: { sort: p, html: prob(p) },
        margin: { sort: s.margin_mean, html: `${lead === dem ? "D" : "R"}+${(100 * Math.abs(s.margin_mean)).toFixed(1)}` },
        tipping: { sort: s.tipping_point, html: prob(s.tipping_point) },
      };
    });
    return { caption: `Units in the ${d.year} forecast`, cols, rows };
  }

  /** The big numbers and the histogram (redrawn when the window is resized). */
  renderHead() {
    const d = this.doc;
    const [dem, rep] = this.sides();
    const win = d.win_probability;
    this.els.bar.innerHTML = `<div class="bar-head fc-head">
        <div class="bar-side"><span class="bar-name">${esc(dem.name)}</span>
          <span class="bar-ev" data-testid="win-headline" data-candidate="${esc(dem.name)}" style="color:${dem.color}">${prob(win[dem.name])}</span></div>
        <div class="bar-mid">chance of winning · tie ${prob(d.tie_probability)}<br><span class="muted">${d.year}, as of ${esc(d.as_of)}${
          this.pollsEnd() ? ` · <span data-testid="polls-end">${esc(this.pollsEnd())}</span>` : ""}</span></div>
        <div class="bar-side right"><span class="bar-name">${esc(rep.name)}</span>
          <span class="bar-ev" data-testid="win-headline" data-candidate="${esc(rep.name)}" style="color:${rep.color}">${prob(win[rep.name])}</span></div>
      </div>
      <p id="forecast-summary" class="sr-only">${esc(this.summary())}</p>
      <div id="histogram" class="hist-wrap"></div>
      <div class="bar-legend hist-key" aria-hidden="true">${histogramKey(dem, rep)}</div>`;
    this.drawHistogram();
  }

  drawHistogram() {
    const el = this.els.bar.querySelector("#histogram");
    if (!el || !this.doc) return;
    const d = this.doc;
    const [dem, rep] = this.sides();
    const mc = d.ev_distribution[dem.name];
    renderHistogram(el, {
      mc,
      exact: d.exact.ev_distribution[dem.name],
      majority: Math.floor((mc.length - 1) / 2) + 1,
      dem,
      rep,
      summary: this.summary(),
    });
  }

  /** The chart and the numbers in words, for screen readers. */
  summary() {
    const d = this.doc;
    const [dem, rep] = this.sides();
    const mc = d.ev_distribution[dem.name];
    const total = mc.length - 1;
    const med = quantile(mc, 0.5);
    const lo = quantile(mc, 0.1);
    const hi = quantile(mc, 0.9);
    return `Forecast of ${d.year} as of ${d.as_of}: in ${fmtInt(d.sims)} simulated elections ${dem.name} won ` +
      `${prob(d.win_probability[dem.name])} and ${rep.name} ${prob(d.win_probability[rep.name])}; ` +
      `${prob(d.tie_probability)} ended in a ${total / 2}–${total / 2} tie. ${dem.short}'s electoral votes: median ${med}, ` +
      `80% of simulations between ${lo} and ${hi}; ${Math.floor(total / 2) + 1} win.`;
  }

  sideHtml() {
    const d = this.doc;
    const [dem, rep] = this.sides();
    const win = d.win_probability;
    const ex = d.exact.win_probability;
    const se = d.win_probability_se || {};
    const fav = win[dem.name] >= win[rep.name] ? dem : rep;
    const row = (c) => `<tr><th scope="row"><span class="sw" style="background:${c.color}"></span> ${esc(c.name)}</th>
        <td data-testid="win-mc" data-candidate="${esc(c.name)}">${prob(win[c.name])}${se[c.name] != null ? ` <small class="muted">±${(100 * se[c.name]).toFixed(1)}</small>` : ""}</td>
        <td data-testid="win-exact" data-candidate="${esc(c.name)}">${prob(ex[c.name])}</td></tr>`;
    const noMaj = Math.abs(d.no_majority_probability - d.tie_probability) > 1e-9
      ? `<tr><th scope="row">No majority</th><td>${prob(d.no_majority_probability)}</td><td>${prob(d.exact.no_majority_probability)}</td></tr>`
      : "";
    const exp = d.expected_electoral_votes || {};
    const half = (d.ev_distribution[dem.name].length - 1) / 2;
    const eff = this.pollsEnd() ? ` (${esc(this.pollsEnd())})` : "";
    const notes = (d.notes || []).length
      ? `<div class="callout note" id="forecast-notes" role="note"><b>Note.</b> <ul>${d.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul></div>`
      : "";
    const tips = Object.entries(d.tipping_point || {}).filter(([, f]) => f > 0).slice(0, 5)
      .map(([u, f]) => `<li><b>${esc(u)}</b> ${esc(this.unitName(u))}: ${prob(f)}</li>`).join("");
    return `<h2 id="forecast-outcome" data-favourite="${esc(fav.name)}">${esc(fav.name)} favoured: ${prob(win[fav.name])} to win</h2>
      <p class="muted" id="forecast-dates" data-as-of="${esc(d.as_of)}">${d.year}, as of ${esc(d.as_of)}${eff}; ${d.days_to_election} day${d.days_to_election === 1 ? "" : "s"} before Election Day.
        ${fmtInt(d.sims)} simulated elections, seed ${d.seed}.</p>
      ${notes}
      <table class="probs">
        <caption class="sr-only">Chance of winning the presidency</caption>
        <thead><tr><th scope="col"><span class="sr-only">Outcome</span></th><th scope="col">Simulated</th><th scope="col">Exact</th></tr></thead>
        <tbody>${row(dem)}${row(rep)}
          <tr><th scope="row">Tie ${half}–${half}</th>
            <td data-testid="tie-mc">${prob(d.tie_probability)}</td><td data-testid="tie-exact">${prob(d.exact.tie_probability)}</td></tr>
          ${noMaj}
        </tbody>
      </table>
      <p>Expected electoral votes: ${esc(dem.short)} ${Math.round(exp[dem.name])}, ${esc(rep.short)} ${Math.round(exp[rep.name])}.
        The electoral-college winner loses the popular vote in ${prob(d.split_probability)} of simulations.</p>
      <h3>State</h3>
      <div id="unit-detail" aria-live="polite"></div>
      <h3>Tipping points</h3>
      <p class="muted">How often each unit carries the winner past a majority:</p>
      <ol class="tips">${tips}</ol>
      <h3>How</h3>
      <p class="muted">A day-by-day model of national and state opinion fitted to the polls known before
        the date (house, population and mode effects removed), anchored by the economy and approval
        far from Election Day; polling errors shared across similar states, fitted on earlier
        elections, with fat tails. “Simulated”: ${fmtInt(d.sims)} draws;
        “exact”: the same model's distribution by quadrature.</p>`;
  }

  /** The panel's picked unit: its probability, mean margin and tipping-point frequency. */
  detail() {
    const el = this.els.side.querySelector("#unit-detail");
    if (!el) return;
    const u = this.picked && this.doc.states[this.picked] ? this.picked : null;
    if (!u) {
      el.innerHTML = `<p class="muted">Hover over, tap or Tab to a state for its chances.</p>`;
      return;
    }
    const s = this.doc.states[u];
    const [dem, rep] = this.sides();
    const p = s.win_probability[dem.name];
    const n = this.electors(u);
    const lead = s.margin_mean >= 0 ? dem : rep;
    el.dataset.unit = u;
    el.innerHTML = `<p class="stat">${esc(this.unitName(u))} (${esc(u)})${n ? ` · ${n} electoral vote${n === 1 ? "" : "s"}` : ""}</p>
      <div class="pathbar" aria-hidden="true"><div style="width:${100 * p}%;background:${dem.color}"></div><div style="width:${100 * (1 - p)}%;background:${rep.color}"></div></div>
      <ul>
        <li>${esc(dem.name)}: <b data-testid="unit-prob" data-candidate="${esc(dem.name)}" data-p="${p}">${prob(p)}</b></li>
        <li>${esc(rep.name)}: <b data-testid="unit-prob" data-candidate="${esc(rep.name)}" data-p="${1 - p}">${prob(1 - p)}</b></li>
        <li>Mean margin: <b data-testid="unit-margin" data-margin="${s.margin_mean}">${esc(lead.short)} +${points(s.margin_mean)}</b></li>
        <li>Tipping point in <b data-testid="unit-tipping" data-tipping="${s.tipping_point}">${prob(s.tipping_point)}</b> of simulations</li>
      </ul>`;
  }

  legendHtml() {
    const [dem, rep] = this.sides();
    const bands = [PROB_STEPS[0].label, PROB_STEPS[1].label, PROB_STEPS[2].label];
    const short = [">95%", "80–95", "60–80", "<60%", "60–80", "80–95", ">95%"];
    const words = [
      ...bands.map((b) => `${rep.short} ${b}`), "tossup, neither over 60%", ...bands.slice().reverse().map((b) => `${dem.short} ${b}`),
    ];
    const steps = PROB_COLORS.map((c, i) => `<span class="step" title="${esc(words[i])}"><span class="sw" style="background:${c}"></span><span class="lbl">${short[i]}</span></span>`).join("");
    const aria = `Colour scale, the chance of carrying a state, in ${PROB_COLORS.length} steps: ${words.join("; ")}. The labels on the map give the favourite's chance.`;
    return `<div class="prob-legend" role="img" aria-label="${esc(aria)}">
      <span class="end"><span class="sw" style="background:${rep.color}"></span> ${esc(rep.short)}</span><span class="steps">${steps}</span><span class="end">${esc(dem.short)} <span class="sw" style="background:${dem.color}"></span></span>
      <span class="muted cap">chance of carrying the state; labels on the map: the favourite (D or R) and its chance, also in the tossup band</span></div>`;
  }

  exportTitle() {
    if (!this.doc) return "Forecast (computing)";
    const d = this.doc;
    const [dem, rep] = this.sides();
    return `${d.year} forecast as of ${d.as_of}: ${dem.name} ${prob(d.win_probability[dem.name])}, ${rep.name} ${prob(d.win_probability[rep.name])}`;
  }

  exportRows() {
    const rows = [["unit", "electors", "dem_probability", "rep_probability", "margin_mean", "tipping_point"]];
    if (!this.doc) return rows;
    const { dem, rep } = this.doc.candidates;
    for (const u of Object.keys(this.doc.states).sort()) {
      const s = this.doc.states[u];
      rows.push([u, this.electors(u) ?? "", s.win_probability[dem], s.win_probability[rep], s.margin_mean, s.tipping_point]);
    }
    return rows;
  }

  exportJson() {
    return this.doc;
  }
}
