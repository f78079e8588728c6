// The map: states drawn with D3 from the us-atlas TopoJSON (already projected to 975×610),
// plus HTML buttons for Maine's and Nebraska's districts, DC and the small states.
import { ink, splitFill, cssSplit, statusFill, STATUS_STYLE } from "./colors.js";
import { esc } from "./api.js";

export const BOX_GROUPS = [
  { title: "Maine", units: ["ME", "ME-1", "ME-2"] },
  { title: "Nebraska", units: ["NE", "NE-1", "NE-2", "NE-3"] },
  { title: "DC and small states", units: ["DC", "VT", "NH", "MA", "RI", "CT", "NJ", "DE", "MD"] },
];
const BOXED = new Set(BOX_GROUPS.flatMap((g) => g.units));
// Label nudges (viewBox units) where a shape's centroid is a poor place for text.
// Labels placed beside a shape (absolute viewBox position), in dark ink on the background.
const OUTSIDE = { HI: [352, 560] };
const NUDGE = { FL: [12, 8], MI: [10, 22], LA: [-10, 0], KY: [6, 2], ID: [0, 14], CA: [-8, 0], VA: [8, 2], WV: [-3, 4], NY: [4, 0], MN: [-6, 0], AK: [0, 0] };

/**
 * The focus ring of ``shapes``: a path drawn on top of everything ``svg`` holds so far (so
 * neighbours cannot hide it), shown for keyboard focus only -- a click leaves none
 * (:focus-visible decides).  The map views and the confirmation view share it.
 */
export function focusRing(svg, shapes) {
  const ring = svg.append("path").attr("class", "focus-ring").attr("fill", "none")
    .attr("stroke", "#111").attr("stroke-width", 3.5).attr("pointer-events", "none")
    .attr("aria-hidden", "true").attr("display", "none");
  shapes
    .on("focus", function () {
      const keyboard = !this.matches || this.matches(":focus-visible");
      ring.attr("d", this.getAttribute("d")).attr("display", keyboard ? null : "none");
    })
    .on("blur", () => ring.attr("display", "none"));
  return ring;
}

export class UsMap {
  constructor(svgEl, boxesEl, topo, states) {
    this.svg = d3.select(svgEl);
    this.boxesEl = boxesEl;
    this.byFips = new Map(states.map((s) => [s.fips.padStart(2, "0"), s]));
    this.names = new Map(states.map((s) => [s.code, s.name]));
    this.handler = () => {};
    this.hoverHandler = () => {};
    this.defs = this.svg.append("defs");
    const features = topojson.feature(topo, topo.objects.states).features
      .filter((f) => this.byFips.has(String(f.id)))
      .sort((a, b) => this.byFips.get(String(a.id)).name.localeCompare(this.byFips.get(String(b.id)).name));
    const path = d3.geoPath();
    this.topo = topo;
    this.path = path;
    this.merged = {};
    const code = (f) => this.byFips.get(String(f.id)).code;
    this.shapes = this.svg.append("g").attr("class", "states")
      .selectAll("path").data(features).join("path")
      .attr("class", "state")
      .attr("d", path)
      .attr("data-unit", code)
      .attr("role", "button")
      .attr("tabindex", (f) => (BOXED.has(code(f)) ? -1 : 0))
      .on("click", (ev, f) => this.handler(code(f)))
      .on("keydown", (ev, f) => this.key(ev, code(f)))
      .on("mouseenter.hover focus.hover", (ev, f) => this.hoverHandler(code(f)));
    this.shapes.append("title");
    this.borders = this.svg.append("path").attr("class", "borders")
      .attr("d", path(topojson.mesh(topo, topo.objects.states, (a, b) => a !== b)))
      .attr("fill", "none").attr("stroke", "#fff").attr("stroke-width", 0.9).attr("pointer-events", "none");
    const labelled = features.filter((f) => !BOXED.has(code(f)) || code(f) === "ME" || code(f) === "NE");
    this.labels = this.svg.append("g").attr("aria-hidden", "true")
      .selectAll("text").data(labelled).join("text")
      .attr("class", "label")
      .attr("data-unit", code)
      .classed("outside", (f) => code(f) in OUTSIDE)
      .attr("transform", (f) => {
        if (code(f) in OUTSIDE) return `translate(${OUTSIDE[code(f)].join(",")})`;
        const [x, y] = path.centroid(f);
        const [dx, dy] = NUDGE[code(f)] || [0, 0];
        return `translate(${x + dx},${y + dy})`;
      });
    this.labels.append("tspan").attr("class", "code").attr("x", 0).attr("dy", "-0.1em").text(code);
    this.labels.append("tspan").attr("class", "ev").attr("x", 0).attr("dy", "1.1em");
    focusRing(this.svg, this.shapes);
    this.buildBoxes();
  }

  buildBoxes() {
    this.boxesEl.innerHTML = BOX_GROUPS.map((g) => `
      <div class="box-group" role="group" aria-label="${esc(g.title)}">
        <h2 class="box-title">${esc(g.title)}</h2>
        <div class="box-row">${g.units.map((u) => `
          <button type="button" class="box" data-unit="${u}"><span class="code">${u}</span> <span class="ev"></span></button>`).join("")}
        </div>
      </div>`).join("");
    this.boxes = new Map([...this.boxesEl.querySelectorAll(".box")].map((b) => [b.dataset.unit, b]));
    for (const [u, b] of this.boxes) {
      b.addEventListener("click", () => this.handler(u));
      b.addEventListener("mouseenter", () => this.hoverHandler(u));
      b.addEventListener("focus", () => this.hoverHandler(u));
    }
  }

  key(ev, unit) {
    if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") {
      ev.preventDefault();
      this.handler(unit);
    }
  }

  onActivate(fn) { this.handler = fn; }

  /** ``fn(unit)`` when the pointer enters a unit or it takes the focus. */
  onHover(fn) { this.hoverHandler = fn; }

  name(unit) {
    const [st, d] = unit.split("-");
    const n = this.names.get(st) || st;
    return d ? `${n}'s district ${d}` : n;
  }

  /**
   * Draw some states as part of another (``merged``: {unit: host}): no border between them,
   * no label of their own, the host's fill (West Virginia with Virginia before 1864).
   */
  setMerges(merged = {}) {
    const key = JSON.stringify(merged);
    if (key === this.mergeKey) return;
    this.mergeKey = key;
    this.merged = merged;
    const code = (f) => this.byFips.get(String(f.id))?.code;
    const root = (f) => merged[code(f)] || code(f);
    this.borders.attr("d", this.path(topojson.mesh(this.topo, this.topo.objects.states, (a, b) => a !== b && root(a) !== root(b))));
  }

  /** The fill of a look: a proportional split, a status pattern, or a colour. */
  fillOf(l) {
    if (!l) return "#F4F5F7";
    if (l.parts && l.parts.length > 1) return splitFill(this.defs, l.parts);
    if (l.status) return statusFill(this.defs, l.status);
    return l.fill;
  }

  /**
   * Paint every unit from ``look(unit, where)`` (where: "shape" or "box") -> null (hidden / no electors) or
   * {fill, parts ([{color, n}]: a split in proportion), status (a non-voting state's kind),
   * ev, label (aria), title, faithless}.  A merged unit is painted as its host.
   */
  paint(look, { interactive }) {
    this.svg.classed("history", !interactive);
    this.boxesEl.classList.toggle("history-mode", !interactive);
    const self = this;
    const merged = this.merged || {};
    this.shapes.each(function () {
      const unit = this.getAttribute("data-unit");
      const host = merged[unit];
      const l = look(host || unit, "shape");
      const el = d3.select(this);
      const label = host
        ? `${self.name(unit)}: ${l && l.partOf ? l.partOf(unit) : `part of ${self.name(host)}`}`
        : l ? l.label : `${self.name(unit)}: no electors`;
      el.attr("fill", self.fillOf(l))
        .classed("faithless", Boolean(l && l.faithless && !host))
        .attr("data-status", l && l.status ? l.status : null)
        .attr("data-drawn-with", host || null)
        .attr("aria-label", label)
        .attr("aria-pressed", null);
      el.select("title").text(host ? label : l ? l.title || l.label : label);
    });
    this.labels.each(function () {
      const unit = this.getAttribute("data-unit");
      const t = d3.select(this);
      if (merged[unit]) {
        t.attr("display", "none");
        return;
      }
      t.attr("display", null);
      const l = look(unit, "shape");
      const outside = this.classList.contains("outside");
      const split = l && l.parts && l.parts.length > 1;
      const muted = !l || l.ev === "" || l.ev == null;
      const plain = l && !split && !l.status && !outside;
      t.attr("fill", plain ? ink(l.fill) : muted && !(l && l.status) ? "#5b6472" : "#111")
        .attr("stroke", (split || (l && l.status)) && !outside ? "#fff" : "none").attr("stroke-width", 3).attr("paint-order", "stroke");
      t.select(".ev").text(l && l.ev != null ? l.ev : "");
    });
    for (const [unit, b] of this.boxes) {
      const host = merged[unit];
      const own = look(unit, "box");
      // A box of a state drawn with another (Maine before 1820) wears its host's colours.
      const l = host && own ? { ...look(host, "box"), ev: "", faithless: false, label: own.label, title: own.title } : own;
      b.hidden = l === null && unit.includes("-");
      const split = l && l.parts && l.parts.length > 1;
      const status = l && l.status ? STATUS_STYLE[l.status] : null;
      const fill = l ? (status ? status.base : l.fill) : "#F4F5F7";
      b.style.background = split ? cssSplit(l.parts) : fill;
      b.style.color = split ? "#111" : ink(fill);
      b.style.textShadow = split ? "0 0 3px #fff, 0 0 3px #fff" : "none";
      b.style.borderStyle = status && status.kind ? "dashed" : "";
      b.classList.toggle("faithless", Boolean(l && l.faithless));
      const ev = l && l.ev != null && l.ev !== "" ? String(l.ev) : "–";
      b.querySelector(".ev").textContent = ev;
      // The accessible name starts with the visible text (code, votes): voice control.
      const text = l ? l.label : `${this.name(unit)}: no electors`;
      b.setAttribute("aria-label", `${unit} ${ev}: ${text}`);
      b.title = l ? l.title || l.label : text;
      b.disabled = !interactive && !l;
    }
  }

  /** The map as a standalone SVG element (for export): states, borders, labels, no boxes. */
  node() { return this.svg.node(); }
}
