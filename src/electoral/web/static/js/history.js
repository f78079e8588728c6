// The history view: a recorded election (GET /api/elections/{year}) as it was: each state
// coloured by the candidate most of its electors voted for, split states striped, votes that
// differ from the pledge (faithless electors) outlined, and a contingent election told.
import { getJSON, esc, fmtInt, lastName } from "./api.js";
import { palette, NONE } from "./colors.js";
import { renderBar } from "./bar.js";

export class HistoryView {
  constructor(map, els) {
    this.map = map;
    this.els = els; // {bar, side, legend}
    this.doc = null;
  }

  async show(year) {
    const seq = (this.seq = (this.seq || 0) + 1);
    const doc = await getJSON(`/api/elections/${year}`);
    if (seq !== this.seq) return; // a later choice of year has overtaken this one
    this.doc = doc;
    this.year = year;
    this.dual = year <= 1800; // before the 12th Amendment each elector cast two votes
    const order = Object.keys(doc.president.tally);
    this.colors = palette(order, doc.parties || {});
    this.faithless = doc.differences || {};
    this.units = {};
    for (const [st, votes] of Object.entries(doc.states)) {
      const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
      const cast = ranked.reduce((s, [, v]) => s + v, 0);
      const electors = this.dual ? Math.ceil(cast / 2) : cast;
      const split = !this.dual ? ranked.length > 1 : ranked[0][1] < electors;
      this.units[st] = { ranked, electors, split };
    }
    this.map.paint((u, w) => this.look(u, w), { interactive: false });
    this.render();
  }

  color(c) {
    return this.colors.get(c) || "#6D6D6D";
  }

  look(unit) {
    if (unit.includes("-")) return null;
    const s = this.units[unit];
    const name = this.map.name(unit);
    if (!s) return { fill: NONE, ev: "", label: `${name}: no electoral votes in ${this.year}`, title: `${name}: no electoral votes in ${this.year}` };
    const votes = s.ranked.map(([c, v]) => `${c} ${v}`).join(", ");
    const bad = this.faithless[unit];
    let label = `${name}, ${s.electors} elector${s.electors === 1 ? "" : "s"}: ${votes}${s.split ? " (split)" : ""}`;
    if (bad) label += `; pledged ${Object.entries(bad.pledged).map(([c, v]) => `${c} ${v}`).join(", ")}`;
    return {
      fill: this.color(s.ranked[0][0]),
      second: s.split && s.ranked.length > 1 ? this.color(s.ranked[1][0]) : null,
      share: s.split && s.ranked.length > 1 ? s.ranked[1][1] / s.electors : 0,
      ev: s.electors,
      faithless: Boolean(bad),
      label,
      title: label,
    };
  }

  activate(unit) {
    const l = this.look(unit);
    const el = this.els.side.querySelector("#picked");
    if (el && l) el.textContent = l.label;
  }

  render() {
    const d = this.doc;
    const p = d.president;
    const segs = Object.entries(p.tally).map(([c, v]) => ({ name: c, value: v, color: this.color(c) }));
    renderBar(this.els.bar, {
      segments: segs,
      electors: this.dual ? 2 * d.electors : d.electors,
      majority: this.dual ? null : d.majority,
      caption: this.dual
        ? `${d.year}: each of the ${d.electors} electors cast two votes (${2 * d.electors} in all); a person needed the votes of a majority of electors (${d.majority}).`
        : `${d.year}: ${d.electors} electors; ${d.majority} needed for a majority.`,
    });
    this.els.side.innerHTML = this.sideHtml();
    this.els.side.dataset.ready = String(d.year);
    this.els.legend.innerHTML = segs
      .map((s) => `<span class="item"><span class="sw" style="background:${s.color}"></span>${esc(s.name)}${d.parties && d.parties[s.name] ? ` (${esc(d.parties[s.name])})` : ""}</span>`)
      .join("") +
      (Object.values(this.units).some((s) => s.split)
        ? `<span class="item"><span class="sw" style="background:repeating-linear-gradient(45deg,#8a8f98 0 5px,#fff 5px 8px)"></span>Electors split</span>`
        : "") +
      (Object.keys(this.faithless).length
        ? `<span class="item"><span class="sw" style="border:2px dashed #111;background:#fff"></span>Votes differ from the pledge</span>`
        : "");
  }

  sideHtml() {
    const d = this.doc;
    const p = d.president;
    const out = [];
    if (p.decided_by === "house") {
      const res = p.contingent && p.contingent.result;
      out.push(`<h2 id="history-outcome" data-decided-by="house">${d.year}: ${esc(p.winner)} elected by the House of Representatives</h2>`);
      out.push(`<div class="callout house" id="house" role="status"><b>No winner in the electoral count.</b> ${this.noMajority(p)}
        The House chose among ${p.contingent.candidates.map(esc).join(", ")}, one vote per state delegation
        <span class="muted">(${esc(p.contingent.rule)})</span>.
        ${res ? this.ballots(res) : ""}</div>`);
    } else {
      const lead = p.tally[p.winner];
      out.push(`<h2 id="history-outcome" data-decided-by="${esc(p.decided_by)}">${d.year}: ${esc(p.winner)} elected by the Electoral College</h2>`);
      out.push(`<p>${fmtInt(lead)} electoral vote${lead === 1 ? "" : "s"} of ${d.electors}${this.dual ? " electors (each cast two votes)" : ""}; ${d.majority} needed.</p>`);
    }
    const vp = d.vice_president;
    if (vp && vp.winner) {
      const how = vp.decided_by === "senate" ? " by the Senate" : vp.decided_by === "electoral-college" ? "" : "";
      out.push(`<p>Vice president: <b>${esc(vp.winner)}</b>${how}${this.dual ? " (the runner-up, before the 12th Amendment)" : ""}.</p>`);
    }
    out.push(`<p class="muted">${d.reproduced ? "✓ The engine's count of the recorded votes gives the recorded result." : "The engine's count differs from the record."}</p>`);
    out.push(`<p id="picked" class="muted" aria-live="polite">Select a state for its votes.</p>`);
    if (d.pledged) {
      const t = Object.entries(d.pledged.president.tally).map(([c, v]) => `${esc(lastName(c))} ${v}`).join(", ");
      out.push(`<h3>Pledged by the returns</h3><p>${t}${d.pledged.agrees ? "" : " — a different winner"}.</p>`);
    }
    const splits = Object.entries(this.units).filter(([, s]) => s.split);
    if (splits.length) {
      out.push(`<h3>Split electoral votes</h3><ul id="splits">${splits
        .map(([st, s]) => `<li><b>${st}</b>: ${s.ranked.map(([c, v]) => `${esc(c)} ${v}`).join(", ")}</li>`)
        .join("")}</ul>`);
    }
    const bad = Object.entries(this.faithless);
    if (bad.length) {
      out.push(`<h3>Faithless electors</h3><ul id="faithless">${bad
        .map(([st, f]) => `<li><b>${st}</b>: pledged ${fmt(f.pledged)}; cast ${fmt(f.cast)}</li>`)
        .join("")}</ul>`);
    }
    if (d.notes && d.notes.length) {
      out.push(`<h3>Notes</h3><ul>${d.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
    }
    return out.join("");
  }

  noMajority(p) {
    const ranked = Object.entries(p.tally);
    const [lead, v] = ranked[0];
    const tied = ranked.filter(([, n]) => n === v).map(([c]) => esc(c));
    if (v >= p.majority && tied.length > 1) {
      return `${tied.join(" and ")} tied with ${v} votes each, a majority of the ${p.electors} electors.`;
    }
    return `${esc(lead)} led with ${v} electoral votes, short of the ${p.majority} needed.`;
  }

  ballots(res) {
    const items = res.ballots.map((b) => {
      const [first, last] = b.ballots;
      const which = first === last ? `Ballot ${first}` : `Ballots ${first}–${last}`;
      const t = Object.entries(b.tally).map(([c, v]) => `${esc(lastName(c))} ${v}`).join(", ");
      return `<li>${which}: ${t}${b.no_vote ? `, ${b.no_vote} divided or not voting` : ""}</li>`;
    });
    const win = res.winner ? `<b>${esc(res.winner)}</b> won ${this.statesFor(res)} of ${res.members} states (${res.needed} needed).` : "";
    return `<ul>${items.join("")}</ul>${win}`;
  }

  statesFor(res) {
    const last = res.ballots[res.ballots.length - 1];
    return last.tally[res.winner];
  }

  exportTitle() {
    const p = this.doc.president;
    const ranked = Object.entries(p.tally);
    const rest = ranked.slice(3).reduce((s, [, v]) => s + v, 0);
    const shown = ranked.slice(0, 3).map(([c, v]) => `${c} ${v}`);
    if (rest) shown.push(`others ${rest}`);
    return `${this.year}: ${shown.join(", ")}`;
  }

  exportRows() {
    const rows = [["state", "candidate", "electoral_votes"]];
    for (const [st, s] of Object.entries(this.units).sort()) for (const [c, v] of s.ranked) rows.push([st, c, v]);
    return rows;
  }

  exportJson() {
    return this.doc;
  }
}

function fmt(votes) {
  return Object.entries(votes).map(([c, v]) => `${esc(c)} ${v}`).join(", ");
}
