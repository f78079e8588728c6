// The scenario view: a base year's returns, flips and tossups, counted by the engine on
// every change (POST /api/scenarios/evaluate); the bar moves at once from local sums and is
// then confirmed by the engine's answer.
import { postJSON, getJSON, esc, pct, lastName, nationalVotes, popularItems } from "./api.js";
import { palette, TOSSUP } from "./colors.js";
import { renderBar } from "./bar.js";
import { stateCell, votesCell } from "./table.js";

const DISTRICT_STATES = { ME: ["ME-1", "ME-2"], NE: ["NE-1", "NE-2", "NE-3"] };

export class ScenarioView {
  constructor(map, els) {
    this.map = map;
    this.els = els; // {bar, side, legend}
    this.seq = 0;
    this.flips = {};
    this.tossups = new Set();
    this.result = null;
    this.onChange = () => {};
  }

  /** Start from a base year; ``spec`` (a saved scenario) sets flips and tossups. */
  async show(base, spec = null) {
    const seq = ++this.seq;
    const start = await postJSON("/api/scenarios/evaluate", { base });
    if (seq !== this.seq) return; // overtaken by a later choice
    this.base = base;
    this.electors = Object.fromEntries(Object.entries(start.states).map(([u, s]) => [u, s.electors]));
    this.baseWinner = Object.fromEntries(Object.entries(start.states).map(([u, s]) => [u, s.winner]));
    this.baseStates = start.states;
    const cands = [...start.candidates].sort((a, b) => rank(a.party) - rank(b.party));
    this.cands = cands.map((c) => c.name);
    this.colors = palette(this.cands, Object.fromEntries(cands.map((c) => [c.name, c.party || ""])));
    this.parties = Object.fromEntries(cands.map((c) => [c.name, c.party || ""]));
    this.flips = { ...(spec ? spec.flips : {}) };
    this.tossups = new Set(spec ? spec.tossups : []);
    this.title = spec ? spec.title : null;
    this.result = start;
    this.paint();
    if (spec && (Object.keys(this.flips).length || this.tossups.size)) await this.evaluate();
    else this.render(start);
  }

  spec() {
    return { base: this.base, flips: { ...this.flips }, tossups: [...this.tossups].sort() };
  }

  status(unit) {
    if (this.tossups.has(unit)) return null;
    return this.flips[unit] || this.baseWinner[unit];
  }

  /**
   * The order a unit cycles through, the same for every unit: as it voted, then tossup,
   * then the other side, then back (a Republican state and a Democratic one alike).
   */
  cycle(unit) {
    const [a, b] = this.cands;
    const base = this.baseWinner[unit];
    if (base === a) return [a, null, b];
    if (base === b) return [b, null, a];
    return [base, null, a, b];
  }

  nextOf(unit) {
    const seq = this.cycle(unit);
    const i = seq.indexOf(this.status(unit));
    return seq[(i + 1) % seq.length];
  }

  activate(unit) {
    if (!(unit in this.electors)) return;
    const next = this.nextOf(unit);
    this.tossups.delete(unit);
    delete this.flips[unit];
    if (next === null) this.tossups.add(unit);
    else if (next !== this.baseWinner[unit]) this.flips[unit] = next;
    this.paint();
    this.onChange();
    this.evaluate();
  }

  reset() {
    this.flips = {};
    this.tossups = new Set();
    this.paint();
    this.onChange();
    this.evaluate();
  }

  color(cand) {
    return cand === null ? TOSSUP : this.colors.get(cand) || "#6D6D6D";
  }

  look(unit, where) {
    if (!(unit in this.electors)) return null;
    const who = this.status(unit);
    const next = this.nextOf(unit) || "tossup";
    const n = this.electors[unit];
    const name = this.map.name(unit) + (DISTRICT_STATES[unit] ? " at large" : "");
    const label = `${name}, ${n} electoral vote${n === 1 ? "" : "s"}: ${who || "tossup"}. Press to change to ${next}.`;
    let ev = n;
    if (where === "shape" && DISTRICT_STATES[unit]) {
      const parts = [unit, ...DISTRICT_STATES[unit]].filter((u) => u in this.electors);
      ev = parts.reduce((s, u) => s + this.electors[u], 0);
      const by = new Map();
      for (const u of parts) by.set(this.status(u), (by.get(this.status(u)) || 0) + this.electors[u]);
      if (by.size > 1) {
        const split = [...by].sort((x, y) => y[1] - x[1]).map(([w, k]) => ({ color: this.color(w), n: k }));
        return { fill: split[0].color, parts: split, ev, label, title: label };
      }
    }
    return { fill: this.color(who), ev, label, title: label };
  }

  paint() {
    this.map.paint((u, w) => this.look(u, w), { interactive: true });
    this.renderBar(this.localTotals(), null);
  }

  localTotals() {
    const t = { tossup: 0 };
    for (const u of Object.keys(this.electors)) {
      const who = this.status(u);
      const k = who === null ? "tossup" : who;
      t[k] = (t[k] || 0) + this.electors[u];
    }
    return t;
  }

  renderBar(totals, r) {
    const [a, b] = this.cands;
    const electors = r ? r.electors : Object.values(this.electors).reduce((s, n) => s + n, 0);
    const majority = r ? r.majority : Math.floor(electors / 2) + 1;
    const others = Object.keys(totals).filter((k) => k !== a && k !== b && k !== "tossup");
    const seg = (k) => ({ name: k === "tossup" ? "Tossup" : k, value: totals[k] || 0, color: k === "tossup" ? TOSSUP : this.color(k) });
    renderBar(this.els.bar, {
      segments: [seg(a), ...others.map(seg), seg("tossup"), seg(b)],
      electors,
      majority,
      left: { name: a, value: totals[a] || 0, color: this.color(a) },
      right: { name: b, value: totals[b] || 0, color: this.color(b) },
      middle: `<span data-testid="tossup-total">${totals.tossup || 0}</span> tossup · ${majority} to win`,
    });
  }

  async evaluate() {
    const seq = ++this.seq;
    this.els.side.classList.add("busy");
    if (this.ctrl) this.ctrl.abort();
    this.ctrl = new AbortController();
    try {
      const r = await postJSON("/api/scenarios/evaluate", this.spec(), this.ctrl.signal);
      if (seq !== this.seq) return;
      this.render(r);
    } catch (e) {
      if (e.name === "AbortError" || seq !== this.seq) return;
      this.els.side.innerHTML = `<p class="error" role="alert">${esc(e.message)}</p>`;
    } finally {
      if (seq === this.seq) this.els.side.classList.remove("busy");
    }
  }

  render(r) {
    this.result = r;
    const totals = { tossup: Object.values(r.tossups || {}).reduce((s, n) => s + n, 0), ...r.president.tally };
    this.renderBar(totals, r);
    this.els.side.innerHTML = this.sideHtml(r);
    this.els.side.dataset.ready = String(this.seq);
    if (this.onRendered) this.onRendered();
    this.els.legend.innerHTML = this.cands
      .map((c) => `<span class="item"><span class="sw" style="background:${this.color(c)}"></span>${esc(c)} (${esc(this.parties[c] || "")})</span>`)
      .join("") + `<span class="item"><span class="sw" style="background:${TOSSUP}"></span>Tossup</span>
      <span class="item"><span class="sw" style="background:linear-gradient(135deg,#0072B2 0 75%,#D55E00 75% 100%)"></span>District split, in proportion</span>`;
  }

  sideHtml(r) {
    const p = r.president;
    const tally = Object.entries(p.tally);
    const score = tally.map(([, v]) => v).join("–");
    let head;
    if (p.winner) {
      head = `<h2 id="outcome" data-winner="${esc(p.winner)}">${esc(p.winner)} wins ${score}</h2>
        <p>A majority is ${p.majority} of ${p.electors} electors.</p>`;
    } else if (Object.keys(r.tossups || {}).length) {
      const open = Object.values(r.tossups).reduce((s, n) => s + n, 0);
      const standing = tally.filter(([, v]) => v > 0);
      head = `<h2 id="outcome" data-winner="">Open: ${open} electoral votes in tossups</h2>
        <p id="standing">${standing.length
          ? `Nobody has ${p.majority} yet: ${standing.map(([c, v]) => `${esc(lastName(c))} ${v}`).join(", ")}.`
          : `Every unit is a tossup: nobody has an electoral vote yet; ${p.majority} of ${p.electors} win.`}</p>`;
    } else {
      const tied = tally.length > 1 && tally[0][1] === tally[1][1];
      head = `<h2 id="outcome" data-winner="">${tied ? "A tie" : "No majority"}: ${score}</h2>`;
    }
    const house = r.house
      ? `<div class="callout house" id="house" role="status"><b>The House decides.</b> Nobody has a majority of the
          ${p.electors} electors, so under the 12th Amendment the House of Representatives chooses the president
          among ${r.house.candidates.map(esc).join(" and ")}, one vote per state delegation (26 of 50 states
          needed); the Senate chooses the vice president.</div>`
      : "";
    const tp = r.tipping_point;
    const tipping = `<h3>Tipping point</h3>
      <p class="stat" id="tipping" data-state="${esc(tp.state)}">${esc(this.map.name(tp.state))} (${esc(tp.state)})</p>
      <p>${esc(tp.margin >= 0 ? tp.candidate : this.cands.find((c) => c !== tp.candidate) || "")} by
        ${pct(Math.abs(tp.margin))} there; ${esc(lastName(tp.candidate))} ${signed(tp.national_margin)} nationally:
        the map ${tp.bias >= 0 ? "favours" : "works against"} ${esc(lastName(tp.candidate))} by ${pct(Math.abs(tp.bias))}. ${this.tippingWords(r)}
        Tossups are counted as they voted.</p>`;
    return `${head}${house}${tipping}<h3>Paths to ${p.majority}</h3>${this.pathsHtml(r)}${this.popularHtml()}${this.changesHtml(r)}`;
  }

  /** What the tipping point means here: it carries the winner past a majority, or (a tie,
   * nobody yet) it is where the count ordered by margin would be decided. */
  tippingWords(r) {
    const p = r.president;
    if (p.winner) return `Ordered by margin, it is the unit that carries ${esc(lastName(p.winner))} to ${p.majority}.`;
    const tally = Object.values(p.tally);
    if (!Object.keys(r.tossups || {}).length && tally.length > 1 && tally[0] === tally[1]) {
      return `With the electoral votes tied ${tally[0]}–${tally[1]} nobody passes ${p.majority - 1}: the House decides. Ordered by margin, it is the unit where the count as voted is decided.`;
    }
    return `Ordered by margin, it is the unit where the count as voted reaches ${p.majority}.`;
  }

  pathsHtml(r) {
    const paths = r.paths;
    if (!paths) {
      return `<p id="paths" data-combinations="0">No tossups. Click a state until it turns grey to make it a tossup;
        the exact number of ways each side can reach ${r.majority} then appears here.</p>`;
    }
    const n = Object.keys(r.tossups).length;
    const [a, b] = this.cands;
    // Exact counts as text (past 2**53 a JSON number loses digits): BigInt for the words,
    // numbers for the bar's widths.
    const ex = r.paths_exact || { combinations: String(paths.combinations), ties: String(paths.ties), no_majority: String(paths.no_majority), wins: Object.fromEntries(Object.entries(paths.wins).map(([c, v]) => [c, String(v)])) };
    const big = (t) => BigInt(t || "0");
    const word = (t) => big(t).toLocaleString("en-US");
    const w = (c) => ex.wins[c] || "0";
    const share = (k) => (100 * Number(k)) / Number(ex.combinations);
    const tie = big(ex.ties) > 0n
      ? `<p class="callout house">${word(ex.ties)} of the combinations end in a tie: the House would decide.</p>`
      : "";
    const smallest = (c) => {
      const sets = (paths.smallest_by_candidate[c] || []).slice(0, 3);
      if (!sets.length) return "no path";
      if (sets.length === 1 && !sets[0].length) return "already a majority";
      return sets.map((s) => s.join(" + ")).join("; ");
    };
    return `<p id="paths" data-combinations="${ex.combinations}">Over ${n} tossup${n === 1 ? "" : "s"}
        (<span data-testid="combinations">${word(ex.combinations)}</span> combinations):</p>
      <div class="pathbar" aria-hidden="true">
        <div style="width:${share(w(a))}%;background:${this.color(a)}"></div>
        <div style="width:${share(big(ex.ties) + big(ex.no_majority))}%;background:${TOSSUP}"></div>
        <div style="width:${share(w(b))}%;background:${this.color(b)}"></div></div>
      <ul>
        <li><span class="sw" style="background:${this.color(a)}"></span> ${esc(a)}: <b data-testid="paths-wins" data-candidate="${esc(a)}">${word(w(a))}</b></li>
        <li><span class="sw" style="background:${this.color(b)}"></span> ${esc(b)}: <b data-testid="paths-wins" data-candidate="${esc(b)}">${word(w(b))}</b></li>
        <li>Ties: <b data-testid="paths-ties">${word(ex.ties)}</b>${big(ex.no_majority) > 0n ? `; no majority: ${word(ex.no_majority)}` : ""}</li>
      </ul>${tie}
      <p class="muted">Smallest winning sets — ${esc(lastName(a))}: ${esc(smallest(a))}. ${esc(lastName(b))}: ${esc(smallest(b))}.</p>`;
  }

  changesHtml(r) {
    const items = (r.changes || []).map((c) => `<li>${esc(c)}</li>`).join("");
    return `<h3>Scenario</h3><p>From the ${this.base} returns, counted under the ${r.year} rules.</p>${items ? `<ul>${items}</ul>` : ""}`;
  }

  popularHtml() {
    const pop = nationalVotes(this.baseStates || {});
    const total = pop.reduce((s, [, v]) => s + v, 0);
    if (!total) return "";
    return `<h3>Popular vote, ${this.base}</h3><ul id="popular-vote" data-total="${total}">${popularItems(pop.slice(0, 3), total, (c) => this.colors.get(c) || "#6D6D6D")}</ul><p class="muted">As counted in the returns; flips change electoral votes, not these.</p>`;
  }

  /** Margin of a unit in the base returns, positive for the first candidate (left). */
  signedMargin(u) {
    const s = this.baseStates && this.baseStates[u];
    if (!s) return 0;
    const [a] = this.cands;
    return s.winner === a ? s.margin : -s.margin;
  }

  snake() {
    const [a, b] = this.cands;
    const items = Object.keys(this.electors).map((u) => {
      const who = this.status(u);
      const m = this.signedMargin(u);
      return {
        unit: u, ev: this.electors[u], margin: m, color: this.color(who),
        label: `${this.map.name(u)}: ${this.electors[u]} · ${who || "tossup"} · ${this.base} margin ${m >= 0 ? lastName(a) : lastName(b)} +${(100 * Math.abs(m)).toFixed(1)}`,
      };
    });
    const majority = this.result ? this.result.majority : 270;
    return { items, left: lastName(a), right: lastName(b), majority, caption: `Units ordered by their ${this.base} margin, as wide as their electoral votes` };
  }

  /** D or R for the major parties' candidates, else the last name (margins in the table). */
  tag(c) {
    const p = (this.parties[c] || "").toUpperCase();
    return p === "DEM" ? "D" : p === "REP" ? "R" : `${lastName(c)} `;
  }

  table() {
    const [a, b] = this.cands;
    const states = (this.result && this.result.states) || {};
    const recount = Object.values(states).some((s) => s.recount);
    const cols = [
      { key: "state", label: "State" },
      { key: "ev", label: "EV", title: "Electoral votes", num: true },
      { key: "winner", label: "Winner" },
      { key: "margin", label: "Margin", title: `Margin in the ${this.base} returns`, num: true },
      { key: "popular", label: "Votes", title: "Popular vote (all candidates)", num: true },
    ];
    if (recount) cols.push({ key: "recount", label: "Recount" });
    const rows = Object.keys(this.electors).map((u) => {
      const s = { ...(this.baseStates[u] || {}), ...(states[u] || {}) };
      const who = this.status(u);
      const m = this.signedMargin(u);
      const how = this.tossups.has(u) ? " (tossup)" : this.flips[u] ? " (flipped)" : "";
      const row = {
        unit: u,
        state: stateCell(u, this.map.name(u)),
        ev: { sort: this.electors[u], html: String(this.electors[u]) },
        winner: { sort: who || "~", html: `<span class="sw" style="background:${this.color(who)}"></span> ${esc(who ? lastName(who) : "Tossup")}${how}` },
        margin: { sort: m, html: `${esc(this.tag(m >= 0 ? a : b))}+${(100 * Math.abs(m)).toFixed(1)}` },
        popular: votesCell(s.votes),
      };
      if (recount) row.recount = recountCell(s.recount);
      return row;
    });
    return { caption: `Units in the ${this.base} scenario`, cols, rows };
  }

  async loadSaved(id) {
    const saved = await getJSON(`/api/scenarios/${encodeURIComponent(id)}`);
    await this.show(saved.spec.base, saved.spec);
    return saved;
  }

  async save(title) {
    const body = this.spec();
    if (title) body.title = title;
    return postJSON("/api/scenarios", body);
  }

  exportTitle() {
    const t = this.localTotals();
    return `${this.title || `Scenario from ${this.base}`}: ${this.cands.map((c) => `${c} ${t[c] || 0}`).join(", ")}, tossup ${t.tossup}`;
  }

  exportRows() {
    const rows = [["unit", "electors", "status", "candidate", "party"]];
    for (const u of Object.keys(this.electors).sort()) {
      const who = this.status(u);
      const status = who === null ? "tossup" : this.flips[u] ? "flipped" : "as-voted";
      rows.push([u, this.electors[u], status, who || "", who ? this.parties[who] || "" : ""]);
    }
    return rows;
  }

  exportJson() {
    return { spec: this.spec(), result: this.result };
  }
}

/** A unit's recount rule under state law (the tally API's ``recount``), for the table. */
export function recountCell(rc) {
  if (!rc) return { sort: "", html: "–" };
  const words = { automatic: "Automatic", requestable: "On request", none: "None" }[rc.status] || rc.status;
  const detail = rc.threshold != null ? ` (within ${pct(rc.threshold)})` : "";
  return { sort: rc.status, html: `<span data-recount="${esc(rc.status)}">${esc(words)}</span><span class="muted">${esc(detail)}</span>` };
}

function signed(x) {
  return `${x >= 0 ? "+" : "−"}${pct(Math.abs(x))}`;
}

function rank(party) {
  return party === "DEM" ? 0 : party === "REP" ? 1 : 2;
}
