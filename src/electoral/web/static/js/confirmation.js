// The Confirmation view (issue 9): a date slider from Election Day to Inauguration Day, each
// state shaded by the stage it had reached that day (uncalled, called, certified, electors
// voted, counted) in the colour of the party of its winner -- lighter for the early stages,
// full for the count --, the electoral votes at each stage, and for a selected state its
// timeline and the election-night nowcast's margin band with the desks' calls marked.
// One of the page's views (main.js switches to it, keeps the address and Back/Forward):
// /?view=confirmation&year=2020&on=2020-11-20&state=GA
import { getJSON, esc, lastName, pct, ApiError } from "./api.js";
import { NONE, ink, mixLab, partyPalette } from "./colors.js";
import { focusRing } from "./map.js";

const $ = (id) => document.getElementById(id);
export const YEARS = [2024, 2020, 2016, 2012, 2008, 2004, 2000];
// Each stage: how far the party colour is mixed towards white (in Lab); "uncalled" is neutral.
export const STAGES = [
  { key: "uncalled", label: "Uncalled", mix: null },
  { key: "called", label: "Called", mix: 0.66 },
  { key: "certified", label: "Certified", mix: 0.44 },
  { key: "electors_voted", label: "Electors voted", mix: 0.22 },
  { key: "counted", label: "Counted", mix: 0 },
];
const NATIONAL = [
  ["projected", "Projected by the desks"],
  ["certified", "Certified by the states"],
  ["cast", "Cast by the electors"],
  ["counted", "Counted by Congress"],
];
const LABEL = Object.fromEntries(STAGES.map((s) => [s.key, s.label]));
const MIX = Object.fromEntries(STAGES.map((s) => [s.key, s.mix]));
const GREY = "#8A93A3"; // a candidate without a party colour in the record
const DAY = 86400000;

const iso = (d) => d.toISOString().slice(0, 10);
const parse = (s) => new Date(`${s}T00:00:00Z`);
const longDate = (s) => parse(s).toLocaleDateString("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
const shortDate = (s) => (s ? parse(s).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric" }) : "");
const etTime = (t) => new Date(t).toLocaleString("en-US", { timeZone: "America/New_York", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }) + " ET";

/** The fill of a state at ``stage`` won by a candidate of colour ``color``. */
export function stageFill(color, stage) {
  const mix = MIX[stage];
  if (mix == null || !color) return NONE;
  return mixLab(color, mix);
}

export class ConfirmationView {
  /** ``states``: GET /api/states; ``topo``: the us-atlas map the map views draw too. */
  constructor(states, topo) {
    this.cache = new Map();
    this.parties = new Map();
    this.year = 2020;
    this.state = null;
    this.timer = 0;
    this.token = 0;
    this.onChange = () => {}; // (push) => the address follows the view
    this.names = new Map(states.map((s) => [s.code, s.name]));
    this.byFips = new Map(states.map((s) => [s.fips.padStart(2, "0"), s.code]));
    this.drawMap(topo);
    $("conf-year").innerHTML = YEARS.map((y) => `<option value="${y}">${y}</option>`).join("");
    $("conf-state").innerHTML = `<option value="">Select a state…</option>` + states
      .map((s) => `<option value="${s.code}">${esc(s.name)}</option>`).join("");
    this.wire();
  }

  wire() {
    const slider = $("conf-day");
    slider.addEventListener("input", () => {
      this.label();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.load(), 120);
    });
    $("conf-state").addEventListener("change", (e) => this.select(e.target.value || null));
  }

  drawMap(topo) {
    const svg = d3.select("#conf-map");
    const path = d3.geoPath();
    const features = topojson.feature(topo, topo.objects.states).features
      .filter((f) => this.byFips.has(String(f.id)));
    const code = (f) => this.byFips.get(String(f.id));
    this.shapes = svg.append("g").selectAll("path").data(features).join("path")
      .attr("class", "conf-state")
      .attr("d", path)
      .attr("data-unit", code)
      .attr("role", "button")
      .attr("tabindex", 0)
      .on("click", (ev, f) => this.select(code(f)))
      .on("keydown", (ev, f) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          this.select(code(f));
        }
      });
    this.shapes.append("title");
    svg.append("path").attr("d", path(topojson.mesh(topo, topo.objects.states, (a, b) => a !== b)))
      .attr("fill", "none").attr("stroke", "#fff").attr("stroke-width", 0.8).attr("pointer-events", "none");
    // The selected state's outline and the focus ring, on top of every state (as on the map
    // views).
    this.picked = svg.append("path").attr("class", "conf-picked").attr("fill", "none")
      .attr("pointer-events", "none").attr("aria-hidden", "true").attr("display", "none");
    focusRing(svg, this.shapes);
  }

  /** The view for ``year`` at day ``on`` (default: the day of Congress's count), with
   *  ``state`` selected ("" for none; null keeps the current one). */
  async show(year, on = null, state = null) {
    if (!YEARS.includes(year)) year = 2020;
    this.year = year;
    $("conf-year").value = String(year);
    if (state != null) this.state = state && this.names.has(state) ? state : null;
    $("conf-state").value = this.state || "";
    const token = ++this.token;
    $("confirmation").classList.add("busy");
    let base;
    try {
      [base] = await Promise.all([this.fetch(year, null), this.partiesOf(year)]);
    } catch (e) {
      if (token === this.token) {
        $("conf-summary").innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
        $("confirmation").classList.remove("busy");
      }
      return;
    }
    if (token !== this.token || this.year !== year) return; // a later choice has overtaken this one
    this.base = base;
    this.start = base.federal.election_day.date;
    this.end = base.federal.inauguration.date;
    const slider = $("conf-day");
    slider.max = String(Math.round((parse(this.end) - parse(this.start)) / DAY));
    const day = on && on >= this.start && on <= this.end ? on : base.national.counted || base.confirmed.date;
    slider.value = String(Math.round((parse(day) - parse(this.start)) / DAY));
    $("conf-range").textContent = `${longDate(this.start)} (Election Day) – ${longDate(this.end)} (Inauguration Day)`;
    this.label();
    await this.load();
  }

  /** The address of what is shown: year, day and state. */
  url() {
    const day = this.start ? `&on=${this.day()}` : "";
    return `/?view=confirmation&year=${this.year}${day}${this.state ? `&state=${this.state}` : ""}`;
  }

  /** Candidate -> party colour for ``year`` (the record's parties, GET /api/elections). */
  async partiesOf(year) {
    if (!this.parties.has(year)) {
      const p = getJSON(`/api/elections/${year}`)
        .then((d) => partyPalette(d.party_of || {}, d.president.tally))
        .catch(() => new Map()); // without the record the candidates are grey, the view still works
      this.parties.set(year, p);
    }
    this.colors = await this.parties.get(year);
  }

  /** The colour of a candidate, by full name or (a desk's call) last name. */
  color(name) {
    return (name && this.colors && this.colors.get(this.fullName(name))) || GREY;
  }

  /** The candidate a state's shading is for: the desk's call, else most of its pledged electors. */
  winnerOf(s) {
    if (s.called && s.called.winner) return s.called.winner;
    const pledged = Object.entries(s.pledged || {}).sort((a, b) => b[1] - a[1]);
    return pledged.length ? pledged[0][0] : null;
  }

  day() {
    const d = new Date(parse(this.start).getTime() + Number($("conf-day").value) * DAY);
    return iso(d);
  }

  label() {
    const d = this.day();
    $("conf-date").textContent = longDate(d);
    $("conf-day").setAttribute("aria-valuetext", longDate(d));
  }

  async fetch(year, on) {
    const key = `${year}|${on || ""}`;
    if (!this.cache.has(key)) {
      const url = `/api/timeline/${year}` + (on ? `?on=${on}` : "");
      this.cache.set(key, getJSON(url).catch((e) => { this.cache.delete(key); throw e; }));
    }
    return this.cache.get(key);
  }

  async load() {
    const token = ++this.token;
    const day = this.day();
    $("confirmation").classList.add("busy");
    try {
      const doc = await this.fetch(this.year, day);
      if (token !== this.token) return;
      this.doc = doc;
      this.paint();
      this.summary();
      this.detail();
      this.legend();
      this.onChange(false);
    } catch (e) {
      $("conf-summary").innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
    } finally {
      if (token === this.token) $("confirmation").classList.remove("busy");
    }
  }

  /** A state's look on the day: its stage, fill and label. */
  look(unit) {
    const s = this.doc.states[unit];
    const stage = s ? s.stage : "uncalled";
    const who = s && stage !== "uncalled" ? this.winnerOf(s) : null;
    const fill = stageFill(who ? this.color(who) : null, stage);
    const name = this.names.get(unit) || unit;
    const text = `${name}: ${LABEL[stage]}${who ? ` for ${lastName(who)}` : ""}` + (s ? ` (${s.electors} electoral votes)` : "");
    return { stage, fill, text };
  }

  paint() {
    const self = this;
    this.shapes.each(function () {
      const unit = this.getAttribute("data-unit");
      const l = self.look(unit);
      d3.select(this)
        .attr("fill", l.fill)
        .attr("data-stage", l.stage)
        .attr("aria-label", l.text)
        .attr("aria-pressed", String(unit === self.state))
        .classed("selected", unit === self.state);
      d3.select(this).select("title").text(l.text);
    });
    const sel = this.state ? this.shapes.filter(function () { return this.getAttribute("data-unit") === self.state; }) : null;
    if (sel && !sel.empty()) this.picked.attr("d", sel.attr("d")).attr("display", null);
    else this.picked.attr("display", "none");
    const small = ["DC", "RI", "DE", "CT", "NJ", "MD", "MA", "VT", "NH"];
    $("conf-small").innerHTML = small.map((u) => {
      const l = this.look(u);
      return `<button type="button" class="conf-box" data-unit="${u}" data-stage="${l.stage}" aria-pressed="${u === this.state}"
        style="background:${l.fill};color:${ink(l.fill)}" aria-label="${u}, ${esc(l.text)}" title="${esc(l.text)}">${u}</button>`;
    }).join("");
    for (const b of $("conf-small").querySelectorAll("button")) b.addEventListener("click", () => this.select(b.dataset.unit));
  }

  /** The key: a row of stages per candidate who won a state (party colour, lighter = earlier). */
  legend() {
    const who = new Set();
    for (const s of Object.values(this.doc.states)) {
      const w = this.winnerOf(s);
      if (w) who.add(this.fullName(w));
    }
    const cands = [...who].sort((a, b) => (b === this.doc.winner) - (a === this.doc.winner) || a.localeCompare(b));
    const stages = STAGES.filter((s) => s.mix != null);
    const head = `<span></span>${stages.map((s) => `<span class="conf-key-stage">${s.label}</span>`).join("")}`;
    const rows = cands.map((c) => `<span class="conf-key-who">${esc(lastName(c))}</span>${stages
      .map((s) => `<span class="sw" data-stage="${s.key}" style="background:${stageFill(this.color(c), s.key)}" title="${esc(lastName(c))}: ${s.label}"></span>`).join("")}`).join("");
    $("conf-legend").innerHTML = `<div class="conf-key-grid" role="img" aria-label="Key: each state in the colour of its winner's party, lighter while only called or certified, full once Congress counted it">${head}${rows}</div>
      <span class="conf-key"><span class="sw" style="background:${NONE}"></span>Uncalled</span>`;
  }

  /** A candidate's full name from a desk's last name (the record's names). */
  fullName(name) {
    if (!this.colors || this.colors.has(name)) return name;
    for (const c of this.colors.keys()) if (lastName(c) === lastName(name)) return c;
    return name;
  }

  summary() {
    const d = this.doc;
    const maj = d.majority;
    const rows = NATIONAL.map(([key, label]) => {
      const votes = d.electoral_votes[key] || {};
      // the eventual winner first: the order does not swap as the partial sums change.
      const entries = Object.entries(votes).sort((a, b) => (b[0] === d.winner) - (a[0] === d.winner) || b[1] - a[1]);
      const total = d.electors;
      const segs = entries.slice(0, 3).map(([c, n]) => `<span class="conf-seg" style="width:${(100 * n) / total}%;background:${this.color(c)}" title="${esc(c)} ${n}"></span>`).join("");
      const text = entries.length ? entries.slice(0, 3).map(([c, n]) => `${esc(lastName(c))} <b>${n}</b>`).join(" · ") : "none yet";
      const reached = d.national[key];
      const when = reached ? `majority on ${shortDate(reached)}${d.national_detail[key].exact ? "" : " (bound)"}` : "no majority in the data";
      return `<div class="conf-row" data-stage="${key}">
        <div class="conf-row-head"><span class="conf-row-label">${label}</span><span class="conf-row-votes" data-testid="stage-votes">${text}</span></div>
        <div class="conf-track" role="img" aria-label="${label}: ${entries.map(([c, n]) => `${esc(c)} ${n}`).join(", ") || "none"} of ${total}">${segs}<span class="conf-majority" style="left:${(100 * maj) / total}%"></span></div>
        <div class="conf-when muted">${when}</div>
      </div>`;
    }).join("");
    const confirmed = d.confirmed.date <= d.as_of;
    $("conf-summary").innerHTML = `<h2 class="conf-summary-title">Electoral votes on ${longDate(d.as_of)} <span class="muted">(${maj} of ${d.electors} a majority)</span></h2>${rows}
      <p class="conf-confirmed ${confirmed ? "yes" : ""}" data-testid="confirmed">${confirmed ? "Confirmed" : "Not yet confirmed"}:
        the law treats the result as confirmed on <b>${longDate(d.confirmed.date)}</b>, when Congress's count ends
        <span class="muted">(3 U.S.C. § 15; the calls, certifications and electors' ballots are not the declaration).</span></p>
      <p class="muted">${d.certified_states.length} of 51 jurisdictions known certified by this day; ${d.open.length} still open.
        ${d.deadline_passed_not_known_certified.length ? `Deadline passed but no date in the data: ${d.deadline_passed_not_known_certified.join(", ")}.` : ""}</p>
      ${(d.notes || []).length ? `<p class="muted" data-testid="conf-notes">Note: ${d.notes.map(esc).join("; ")}.</p>` : ""}`;
  }

  select(code) {
    this.state = code;
    $("conf-state").value = code || "";
    if (this.doc) {
      this.paint();
      this.detail();
      this.onChange(false);
    }
  }

  detail() {
    const el = $("conf-detail");
    const code = this.state;
    if (!code || !this.doc.states[code]) {
      el.innerHTML = `<p class="muted">Select a state on the map, in the list or with Tab and Enter for its timeline and the election-night nowcast.</p>`;
      return;
    }
    const s = this.doc.states[code];
    const call = s.called;
    const cert = s.certified;
    const callText = call
      ? `${esc(call.desk)} for ${esc(call.winner)}, ${call.at ? etTime(call.at) : `${shortDate(call.date)} (${esc(call.precision.replace("_", " "))})`}`
      : "no call in the data";
    const certText = cert.status === "certified"
      ? `${shortDate(cert.date)}${cert.body ? ` — ${esc(cert.body)}` : ""}`
      : cert.status === "on_or_before"
        ? `on or before ${shortDate(cert.date)} (exact day not in the data)`
        : cert.deadline
          ? `date not in the data; statutory deadline ${shortDate(cert.deadline)}`
          : `date not in the data; by ${shortDate(cert.known_by)} at the latest (${esc(cert.known_by_basis)})`;
    const law = s.recount.law;
    const lawText = law ? `the ${law.law_year} law: ${law.status === "none" ? "not within a recount" : law.status} (margin ${pct(law.margin)}${law.threshold != null ? `, threshold ${pct(law.threshold)}` : ""}${law.who_pays && law.status !== "none" ? `, ${law.who_pays} pays` : ""})` : "no recount law packaged for this year";
    const heldText = { requested: "requested and held", automatic: "automatic", none: "none held" }[s.recount.status] || s.recount.status;
    const held = s.recount.held.map((h) => `<li>${esc(h.kind)}${h.requested_by ? ` (${esc(h.requested_by)})` : ""}${h.began ? `, ${shortDate(h.began)}` : ""}${h.ended ? `–${shortDate(h.ended)}` : ""}: ${esc(h.outcome)}</li>`).join("");
    el.innerHTML = `<h2 id="conf-state-title">${esc(this.names.get(code) || code)} <span class="muted">${s.electors} electoral votes · on ${shortDate(this.doc.as_of)}: ${LABEL[s.stage].toLowerCase()}</span></h2>
      <dl class="conf-facts">
        <dt>Called</dt><dd>${callText}</dd>
        <dt>Certified</dt><dd>${certText}</dd>
        <dt>Recount</dt><dd>${esc(heldText)}; ${lawText}${held ? `<ul>${held}</ul>` : ""}</dd>
        <dt>Electors voted</dt><dd>${shortDate(s.electors_voted.date)}: ${Object.entries(s.electors_voted.votes).map(([c, n]) => `${esc(c)} ${n}`).join(", ")}</dd>
        <dt>Counted</dt><dd>${shortDate(s.counted.date)}${s.counted.objections.length ? ` (objection ${s.counted.objections.map((o) => shortDate(o.date)).join(", ")})` : ""}</dd>
      </dl>
      <h3>Election night: the nowcast's margin</h3>
      <div id="conf-night" class="conf-night" aria-live="polite"><p class="muted">Loading…</p></div>`;
    this.night(code);
  }

  async night(code) {
    const box = $("conf-night");
    const year = this.year;
    let doc;
    try {
      doc = await getJSON(`/api/night/${year}?state=${code}`);
    } catch (e) {
      if (this.state !== code || !box.isConnected) return;
      const why = e instanceof ApiError && e.status === 404 ? `No election-night series for ${esc(code)} in ${year}${e.message && !/^HTTP/.test(e.message) && e.message !== "Not Found" ? `: ${esc(e.message)}` : " (the nowcast is not available here)"}.` : `The nowcast could not load: ${esc(e.message)}`;
      box.innerHTML = `<p class="muted" data-testid="night-note">${why}</p>`;
      return;
    }
    if (this.state !== code || !box.isConnected) return;
    drawNight(box, doc, (name) => this.color(name));
  }
}

/** The margin band (lo..hi) and mean over time, a zero line, the desks' calls and the
 *  model's, each in the colour of the party of the candidate called (``color(name)``). */
export function drawNight(box, doc, color = () => GREY) {
  const all = (doc.series || []).filter((p) => p.t && p.margin_mean != null);
  // Election night and the days of counting that decided the calls: to two days after the
  // last call (the desks' or the model's), not the weeks of canvass updates after it.
  const callTimes = [...(doc.calls || []), doc.model_call || {}].map((c) => c && c.called_at).filter(Boolean).map((c) => new Date(c).getTime());
  const until = callTimes.length ? Math.max(...callTimes) + 2 * DAY : Infinity;
  const series = all.filter((p) => new Date(p.t).getTime() <= until);
  if (!series.length) {
    box.innerHTML = `<p class="muted" data-testid="night-note">The nowcast has no points for ${esc(doc.state)}.</p>`;
    return;
  }
  // Drawn at the box's width (a phone's chart is not a shrunken desktop one): text at its size.
  const W = Math.max(300, Math.min(720, Math.round(box.clientWidth || 560))), H = 230, m = { l: 40, r: 12, t: 12, b: 30 };
  const t = series.map((p) => new Date(p.t));
  const calls = (doc.calls || []).filter((c) => c.called_at);
  const times = [...t, ...calls.map((c) => new Date(c.called_at))];
  if (doc.model_call && doc.model_call.called_at) times.push(new Date(doc.model_call.called_at));
  const x = d3.scaleUtc().domain(d3.extent(times)).range([m.l, W - m.r]);
  const lo = d3.min(series, (p) => p.lo ?? p.margin_mean), hi = d3.max(series, (p) => p.hi ?? p.margin_mean);
  const pad = Math.max(0.01, (hi - lo) * 0.08);
  const y = d3.scaleLinear().domain([Math.min(lo, 0) - pad, Math.max(hi, 0) + pad]).range([H - m.b, m.t]).nice();
  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("class", "conf-chart").attr("role", "img");
  const first = series[0], lastP = series[series.length - 1];
  svg.attr("aria-label", `Nowcast margin in ${doc.state}, ${doc.year}: from ${(100 * first.margin_mean).toFixed(1)} to ${(100 * lastP.margin_mean).toFixed(1)} points; ${calls.length} desk call(s) marked`);
  svg.append("path").datum(series).attr("class", "conf-band")
    .attr("d", d3.area().x((p) => x(new Date(p.t))).y0((p) => y(p.lo ?? p.margin_mean)).y1((p) => y(p.hi ?? p.margin_mean)));
  svg.append("line").attr("class", "conf-zero").attr("x1", m.l).attr("x2", W - m.r).attr("y1", y(0)).attr("y2", y(0));
  svg.append("path").datum(series).attr("class", "conf-mean")
    .attr("d", d3.line().x((p) => x(new Date(p.t))).y((p) => y(p.margin_mean)));
  svg.append("g").attr("transform", `translate(0,${H - m.b})`).call(d3.axisBottom(x).ticks(W < 480 ? 4 : 6));
  svg.append("g").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5).tickFormat((v) => `${(100 * v).toFixed(0)}`));
  // Which side of zero is whose lead, in the candidates' colours.
  if (doc.candidates && doc.candidates.length === 2) {
    const [a, b] = doc.candidates;
    svg.append("text").attr("class", "conf-side-label").attr("x", m.l + 4).attr("y", m.t + 9)
      .attr("fill", color(a)).text(`▲ ${lastName(a)} ahead`);
    svg.append("text").attr("class", "conf-side-label").attr("x", m.l + 4).attr("y", H - m.b - 4)
      .attr("fill", color(b)).text(`▼ ${lastName(b)} ahead`);
  }
  const marks = calls.map((c) => ({ ...c, cls: "conf-call", text: c.desk }));
  if (doc.model_call && doc.model_call.called_at) marks.push({ ...doc.model_call, desk: "model", cls: "conf-model", text: "model" });
  marks.forEach((c, i) => {
    const xc = x(new Date(c.called_at));
    svg.append("line").attr("class", c.cls).attr("x1", xc).attr("x2", xc).attr("y1", m.t).attr("y2", H - m.b)
      .attr("stroke", color(c.winner)).attr("data-winner", c.winner || null);
    const right = xc > W - m.r - 60;
    svg.append("text").attr("class", "conf-call-label").attr("text-anchor", right ? "end" : "start")
      .attr("x", right ? xc - 3 : xc + 3).attr("y", m.t + 10 + 11 * (i % 4)).text(c.text);
  });
  box.innerHTML = "";
  box.append(svg.node());
  const legend = document.createElement("p");
  legend.className = "muted";
  const who = doc.candidates && doc.candidates.length === 2 ? `${lastName(doc.candidates[0])} minus ${lastName(doc.candidates[1])}` : "first candidate minus second";
  const cut = all.length > series.length ? `; ${all.length - series.length} later updates not drawn` : "";
  legend.textContent = `Margin in points (${who}; ${series.length} updates${cut}); band: the nowcast's interval; dashed: the desks' calls; solid: the model's call (each in the colour of the candidate called).`;
  box.append(legend);
}

