// The state table beside the map, in every view: sortable (click a column's button; the
// header says which way with aria-sort) and searchable (by name or postal code).  A view
// gives {caption, cols: [{key, label, num}], rows: [{unit, [key]: {sort, html}}]}.
import { esc, fmtInt } from "./api.js";

/** The first column's cell: the code in bold, the name muted (hidden on a phone); sorts by name. */
export const stateCell = (unit, name) => ({ sort: name, html: `<b>${unit}</b> <span class="muted">${esc(name)}</span>` });

/** A popular-vote cell: the sum of ``votes`` ({candidate: n}), "–" when there are none. */
export function votesCell(votes) {
  const total = Object.values(votes || {}).reduce((a, b) => a + b, 0);
  return { sort: total, html: total ? fmtInt(total) : "–" };
}

export class StateTable {
  constructor(el) {
    this.el = el;
    this.sortKey = null;
    this.dir = 1;
    this.query = "";
    this.onPick = () => {};
    el.innerHTML = `<div class="table-head">
        <h2 id="table-title" class="table-title">States</h2>
        <label class="search">Search states <input type="search" id="table-search" autocomplete="off" spellcheck="false" placeholder="Name or code"></label>
      </div>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table-title"><table id="state-table" class="states"></table></div>
      <p class="muted table-count" id="table-count" aria-live="polite"></p>`;
    this.input = el.querySelector("#table-search");
    this.tableEl = el.querySelector("#state-table");
    this.input.addEventListener("input", () => {
      this.query = this.input.value.trim().toLowerCase();
      this.draw();
    });
    this.tableEl.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-sort]");
      if (b) {
        const key = b.dataset.sort;
        this.dir = this.sortKey === key ? -this.dir : b.dataset.num === "1" ? -1 : 1;
        this.sortKey = key;
        this.draw();
        this.tableEl.querySelector(`button[data-sort="${key}"]`).focus();
        return;
      }
      const row = e.target.closest("tr[data-unit]");
      if (row) this.onPick(row.dataset.unit);
    });
  }

  /** Show a view's table (keeps the search and, where the column exists, the sort). */
  show(spec) {
    this.spec = spec;
    if (!spec.cols.some((c) => c.key === this.sortKey)) {
      this.sortKey = null;
      this.dir = 1;
    }
    this.el.querySelector("#table-title").textContent = spec.caption;
    this.draw();
  }

  rows() {
    const { rows } = this.spec;
    const q = this.query;
    const hit = q
      ? rows.filter((r) => r.unit.toLowerCase().startsWith(q) || String(r.state.sort).toLowerCase().includes(q))
      : rows.slice();
    if (this.sortKey) {
      const k = this.sortKey;
      hit.sort((a, b) => {
        const x = a[k] ? a[k].sort : null;
        const y = b[k] ? b[k].sort : null;
        if (x === y) return String(a.state.sort).localeCompare(String(b.state.sort));
        if (x == null) return 1;
        if (y == null) return -1;
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * this.dir;
      });
    } else {
      hit.sort((a, b) => String(a.state.sort).localeCompare(String(b.state.sort)));
    }
    return hit;
  }

  draw() {
    if (!this.spec) return;
    const { cols } = this.spec;
    const rows = this.rows();
    const sortAttr = (c) => (this.sortKey === c.key ? (this.dir > 0 ? "ascending" : "descending") : "none");
    const head = cols.map((c) => `<th scope="col" aria-sort="${sortAttr(c)}"${c.num ? ' class="num"' : ""}${c.title ? ` title="${esc(c.title)}"` : ""}>
        <button type="button" data-sort="${c.key}" data-num="${c.num ? 1 : 0}">${esc(c.label)}<span class="arrow" aria-hidden="true">${
          this.sortKey === c.key ? (this.dir > 0 ? "▲" : "▼") : "↕"}</span></button></th>`).join("");
    const body = rows.map((r) => `<tr data-unit="${esc(r.unit)}">${cols.map((c, i) => {
      const cell = r[c.key] ? r[c.key].html : "";
      return i === 0 ? `<th scope="row">${cell}</th>` : `<td${c.num ? ' class="num"' : ""}>${cell}</td>`;
    }).join("")}</tr>`).join("");
    this.tableEl.innerHTML = `<caption class="sr-only">${esc(this.spec.caption)}: select a column to sort</caption>
      <thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
    this.el.querySelector("#table-count").textContent = `${rows.length} of ${this.spec.rows.length} shown`;
  }
}
