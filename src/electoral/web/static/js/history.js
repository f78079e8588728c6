// The history view: a recorded election (GET /api/elections/{year}) as it was: each state
// coloured by the party of the candidate most of its electors voted for (party colours hold
// across the years; shades within a party only where two of its candidates won electors),
// split states striped in proportion to the split, votes that differ from the pledge
// (faithless electors) outlined, states that did not vote drawn as what they were (not yet
// a state, a territory, part of another state, seceded, no electors, votes rejected), and a
// contingent election told.  Before the 12th Amendment (1789-1800) each elector cast two
// votes for president; a state is then coloured by party, so a ticket (Jefferson and Burr,
// 1800) is one colour.
import { getJSON, postJSON, esc, fmtInt, lastName, nationalVotes, popularItems } from "./api.js";
import { partyPalette, partyColor, NO_PARTY, STATUS_STYLE, statusFill } from "./colors.js";
import { renderBar } from "./bar.js";
import { stateCell, votesCell } from "./table.js";

export class HistoryView {
  constructor(map, els) {
    this.map = map;
    this.els = els; // {bar, side, legend, table}
    this.doc = null;
  }

  async show(year, returnsYears = []) {
    const seq = (this.seq = (this.seq || 0) + 1);
    const [doc, popular] = await Promise.all([
      getJSON(`/api/elections/${year}`),
      returnsYears.includes(year) ? postJSON("/api/scenarios/evaluate", { base: year }).catch(() => null) : null,
    ]);
    if (seq !== this.seq) return; // a later choice of year has overtaken this one
    this.doc = doc;
    this.year = year;
    this.popular = popular ? popular.states : fromRecord(doc.popular);
    this.popularPartial = !popular && Boolean(this.popular);
    this.dual = year <= 1800; // before the 12th Amendment each elector cast two votes
    this.partyOf = doc.party_of || {};
    this.status = doc.map || {};
    const p = doc.president;
    // Most votes first; a tie is listed winner first (Jefferson before Burr in 1800).
    const first = [p.winner, doc.vice_president && doc.vice_president.winner];
    this.order = Object.keys(p.tally).sort((a, b) => p.tally[b] - p.tally[a] || rankOf(first, a) - rankOf(first, b));
    this.colors = partyPalette(this.partyOf, p.tally);
    this.faithless = doc.differences || {};
    this.units = {};
    for (const [st, votes] of Object.entries(doc.states)) {
      const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1] || this.order.indexOf(a[0]) - this.order.indexOf(b[0]));
      const cast = ranked.reduce((s, [, v]) => s + v, 0);
      const electors = this.dual ? Math.ceil(cast / 2) : cast;
      const parts = this.dual ? this.byParty(ranked) : ranked.map(([c, v]) => ({ key: c, color: this.color(c), n: v }));
      this.units[st] = { ranked, electors, parts, split: parts.length > 1 };
    }
    const merged = {};
    for (const [st, s] of Object.entries(this.status)) if (s.drawn_with) merged[st] = s.drawn_with;
    this.map.setMerges(merged);
    this.map.paint((u, w) => this.look(u, w), { interactive: false });
    this.render();
  }

  /** Before 1804: a state's votes summed by party (a ticket is one colour). */
  byParty(ranked) {
    const sums = new Map();
    for (const [c, v] of ranked) {
      const party = this.partyOf[c] ?? "";
      sums.set(party, (sums.get(party) || 0) + v);
    }
    return [...sums].sort((a, b) => b[1] - a[1]).map(([party, n]) => ({ key: party, color: partyColor(party), n }));
  }

  color(c) {
    return this.colors.get(c) || NO_PARTY;
  }

  /** A candidate's colour on the bar, in the legend and the table: before 1804 their party's
   * (a state is coloured by party then), from 1804 their own. */
  shownColor(c) {
    return this.dual ? partyColor(this.partyOf[c] ?? "") : this.color(c);
  }

  party(c) {
    const p = this.partyOf[c];
    return p ? p : "no party";
  }

  look(unit) {
    if (unit.includes("-")) return null;
    const s = this.units[unit];
    const name = this.map.name(unit);
    if (!s) {
      const st = this.status[unit] || { status: "not-yet-a-state", note: "" };
      if (st.drawn_with) {
        const label = `${name} in ${this.year}: ${st.status === "part-of" ? "part of" : "in one territory with"} ${this.map.name(st.drawn_with)}`;
        return { status: "not-yet-a-state", fill: STATUS_STYLE["not-yet-a-state"].base, ev: "", label, title: label };
      }
      const kind = STATUS_STYLE[st.status] ? st.status : "not-yet-a-state";
      const label = `${name} in ${this.year}: ${STATUS_STYLE[kind].label.toLowerCase()}${st.note ? ` (${st.note})` : ""}`;
      return { status: kind, fill: STATUS_STYLE[kind].base, ev: "", label, title: label };
    }
    const votes = s.ranked.map(([c, v]) => `${c} (${this.party(c)}) ${v}`).join(", ");
    const bad = this.faithless[unit];
    let label = `${name}, ${s.electors} elector${s.electors === 1 ? "" : "s"}: ${votes}${s.split ? " (split)" : ""}`;
    if (bad) label += `; pledged ${Object.entries(bad.pledged).map(([c, v]) => `${c} ${v}`).join(", ")}`;
    return {
      fill: s.parts[0].color,
      parts: s.split ? s.parts : null,
      ev: s.electors,
      faithless: Boolean(bad),
      label,
      title: label,
      partOf: (u) => `part of ${name} in ${this.year}`,
    };
  }

  activate(unit) {
    const l = this.look(unit);
    const el = this.els.side.querySelector("#picked");
    if (el && l) el.textContent = l.label;
  }

  /** Bar segments: per candidate (from 1804), per party before (two votes each). */
  segments() {
    const p = this.doc.president;
    return this.order.map((c) => ({ name: c, value: p.tally[c], color: this.shownColor(c) }));
  }

  render() {
    const d = this.doc;
    renderBar(this.els.bar, {
      segments: this.segments(),
      electors: this.dual ? 2 * d.electors : d.electors,
      majority: this.dual ? null : d.majority,
      caption: this.dual
        ? `${d.year}: each of the ${d.electors} electors cast two votes (${2 * d.electors} in all); a person needed the votes of a majority of electors (${d.majority}).`
        : `${d.year}: ${d.electors} electors; ${d.majority} needed for a majority.`,
    });
    this.els.side.innerHTML = this.sideHtml();
    this.els.side.dataset.ready = String(d.year);
    this.els.legend.innerHTML = this.legendHtml();
    this.els.legend.dataset.year = String(d.year);
  }

  /** Parties (with their candidates and shades), then the kinds of non-voting state shown. */
  legendHtml() {
    const p = this.doc.president;
    const parties = new Map();
    for (const c of this.order) {
      const party = this.partyOf[c] ?? "";
      if (!parties.has(party)) parties.set(party, []);
      parties.get(party).push(c);
    }
    const items = [];
    for (const [party, cands] of parties) {
      const name = party ? `${party}` : "No party";
      if (this.dual || cands.length === 1) {
        items.push(`<span class="item" data-party="${esc(party)}"><span class="sw" style="background:${this.shownColor(cands[0])}"></span><span><b>${esc(name)}</b>: ${cands.map((c) => `${esc(c)} ${p.tally[c]}`).join(", ")}</span></span>`);
      } else {
        items.push(`<span class="item multi" data-party="${esc(party)}"><b>${esc(name)}:</b> ${cands.map((c) => `<span class="cand"><span class="sw" style="background:${this.color(c)}"></span>${esc(c)} ${p.tally[c]}</span>`).join(" ")}</span>`);
      }
    }
    if (Object.values(this.units).some((s) => s.split)) {
      items.push(`<span class="item"><span class="sw" style="background:linear-gradient(135deg,#8a8f98 0 70%,#fff 70% 100%)"></span>Split: stripes in proportion to the electors</span>`);
    }
    if (Object.keys(this.faithless).length) {
      items.push(`<span class="item"><span class="sw dashed"></span>Votes differ from the pledge</span>`);
    }
    const shown = new Set(Object.keys(this.status).filter((s) => !this.units[s] && !this.status[s].drawn_with).map((s) => this.status[s].status));
    for (const [kind, st] of Object.entries(STATUS_STYLE)) {
      if (!shown.has(kind)) continue;
      const fill = statusFill(this.map.defs, kind);
      items.push(`<span class="item" data-status="${kind}"><svg class="sw" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" fill="${fill}"/></svg>${esc(st.label)}</span>`);
    }
    const merged = Object.entries(this.status).filter(([, s]) => s.drawn_with);
    if (merged.length) {
      items.push(`<span class="item muted">Drawn with another: ${merged.map(([st, s]) => `${esc(st)} with ${esc(s.drawn_with)}`).join(", ")}</span>`);
    }
    return items.join("");
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
      const how = vp.decided_by === "senate" ? " by the Senate" : "";
      out.push(`<p>Vice president: <b>${esc(vp.winner)}</b>${how}${this.dual ? " (the runner-up, before the 12th Amendment)" : ""}.</p>`);
    }
    const pop = this.popular ? nationalVotes(this.popular) : null;
    if (pop) {
      const total = pop.reduce((s, [, v]) => s + v, 0);
      const note = this.popularPartial ? `<p class="muted">Of the candidates who won electoral votes (the record's statewide counts; shares are of their total).</p>` : "";
      out.push(`<h3>Popular vote</h3>${note}<ul id="popular-vote" data-total="${total}">${popularItems(pop.slice(0, 4), total, (c) => this.colors.get(c) || "#9AA1AB")}</ul>`);
    } else {
      out.push(`<h3>Popular vote</h3><p class="muted" id="popular-vote">${d.year < 1824 ? "Many legislatures chose the electors; no national popular vote is recorded." : "Not in the packaged data."}</p>`);
    }
    out.push(`<p class="muted">${d.reproduced ? "✓ The engine's count of the recorded votes gives the recorded result." : "The engine's count differs from the record."}</p>`);
    out.push(`<p id="picked" class="muted" aria-live="polite">Select a state for its votes.</p>`);
    if (d.pledged) {
      const t = Object.entries(d.pledged.president.tally).map(([c, v]) => `${esc(lastName(c))} ${v}`).join(", ");
      out.push(`<h3>Pledged by the returns</h3><p>${t}${d.pledged.agrees ? "" : " — a different winner"}.</p>`);
    }
    const splits = Object.entries(this.units).filter(([, s]) => s.ranked.length > 1);
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
    if (d.apportionment) out.push(this.apportionmentHtml(d.apportionment));
    if (d.notes && d.notes.length) {
      out.push(`<h3>Notes</h3><ul>${d.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
    }
    return out.join("");
  }

  apportionmentHtml(a) {
    const seats = Object.values(a.seats || {}).reduce((s, n) => s + n, 0);
    return `<h3>Apportionment</h3><p id="apportionment" data-house-size="${esc(a.house_size)}">House of ${esc(a.house_size)} seats
      (${esc(a.census)} census${a.method ? `, ${esc(a.method)}` : ""}); ${seats ? `${fmtInt(seats)} apportioned to the states;` : ""}
      each state's seats are in the table.</p>`;
  }

  noMajority(p) {
    const ranked = Object.entries(p.tally);
    const [lead, v] = ranked[0];
    const tied = ranked.filter(([, n]) => n === v).map(([c]) => c);
    if (v >= p.majority && tied.length > 1) {
      const names = this.order.filter((c) => tied.includes(c)).map(esc);
      return `${names.join(" and ")} tied with ${v} votes each, a majority of the ${p.electors} electors.`;
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

  /** The state table: one row per state (those that did not vote say what they were). */
  table() {
    const seats = (this.doc.apportionment && this.doc.apportionment.seats) || null;
    const cols = [
      { key: "state", label: "State" },
      { key: "ev", label: "EV", title: "Electors", num: true },
      { key: "winner", label: "Electoral votes" },
    ];
    if (this.popular) {
      cols.push({ key: "margin", label: "Margin", title: "Popular-vote margin", num: true }, { key: "popular", label: "Votes", title: "Popular vote", num: true });
    }
    if (seats) cols.push({ key: "seats", label: "House seats", num: true });
    const rows = [];
    for (const [st, status] of Object.entries(this.status)) {
      const s = this.units[st];
      const name = this.map.name(st);
      const row = { unit: st, state: stateCell(st, name) };
      if (s) {
        row.ev = { sort: s.electors, html: String(s.electors) };
        row.winner = {
          sort: s.ranked[0][0],
          html: s.ranked.map(([c, v]) => `<span class="sw" style="background:${this.shownColor(c)}"></span> ${esc(lastName(c))} ${v}`).join(" · "),
        };
      } else {
        const label = STATUS_STYLE[status.status] ? STATUS_STYLE[status.status].label : status.status;
        row.ev = { sort: -1, html: "–" };
        row.winner = { sort: "~", html: `<span class="muted">${esc(status.drawn_with ? `part of ${this.map.name(status.drawn_with)}` : label)}</span>` };
      }
      const pop = this.popular && this.popular[st];
      if (this.popular) {
        row.margin = pop ? { sort: pop.margin, html: `${esc(lastName(pop.winner))} +${(100 * pop.margin).toFixed(1)}` } : { sort: -1, html: "–" };
        row.popular = votesCell(pop && pop.votes);
      }
      if (seats) row.seats = { sort: seats[st] ?? -1, html: seats[st] != null ? String(seats[st]) : "–" };
      rows.push(row);
    }
    return { caption: `States in ${this.year}`, cols, rows };
  }

  exportTitle() {
    const p = this.doc.president;
    const shown = this.order.slice(0, 3).map((c) => `${c} ${p.tally[c]}`);
    const rest = this.order.slice(3).reduce((s, c) => s + p.tally[c], 0);
    if (rest) shown.push(`others ${rest}`);
    return `${this.year}: ${shown.join(", ")}`;
  }

  exportRows() {
    const rows = [["state", "candidate", "party", "electoral_votes"]];
    for (const [st, s] of Object.entries(this.units).sort()) for (const [c, v] of s.ranked) rows.push([st, c, this.partyOf[c] ?? "", v]);
    return rows;
  }

  exportJson() {
    return this.doc;
  }
}

/** The record's statewide popular votes {state: {candidate: votes}} (1824-1972) as the
 * returns' shape {state: {votes, winner, margin}}; null when there are none. */
function fromRecord(pv) {
  if (!pv || !Object.keys(pv).length) return null;
  const out = {};
  for (const [st, votes] of Object.entries(pv)) {
    const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
    const total = ranked.reduce((s, [, v]) => s + v, 0);
    const margin = total ? (ranked[0][1] - (ranked[1] ? ranked[1][1] : 0)) / total : 0;
    out[st] = { votes, winner: ranked[0][0], margin };
  }
  return out;
}

function rankOf(first, c) {
  const i = first.indexOf(c);
  return i < 0 ? first.length : i;
}

function fmt(votes) {
  return Object.entries(votes).map(([c, v]) => `${esc(c)} ${v}`).join(", ");
}
