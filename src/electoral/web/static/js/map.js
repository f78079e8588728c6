// The map: states drawn with D3 from the us-atlas TopoJSON (already projected to 975×610),
// plus HTML buttons for Maine's and Nebraska's districts, DC and the small states.
import { ink, stripes, cssStripes } from "./colors.js";
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
    const self = this;
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
    this.svg.append("path").attr("class", "borders")
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
    // The focus ring is drawn on top of every state, so neighbours cannot hide it.
    this.ring = this.svg.append("path").attr("class", "focus-ring").attr("fill", "none")
      .attr("stroke", "#111").attr("stroke-width", 3.5).attr("pointer-events", "none")
      .attr("aria-hidden", "true");
    this.shapes
      .on("focus", function () { self.ring.attr("d", this.getAttribute("d")).attr("display", null); })
      .on("blur", () => this.ring.attr("display", "none"));
    this.buildBoxes();
  }

  buildBoxes() {
    this.boxesEl.innerHTML = BOX_GROUPS.map((g) => `
      <div class="box-group" role="group" aria-label="${esc(g.title)}">
        <h3>${esc(g.title)}</h3>
        <div class="box-row">${g.units.map((u) => `
          <button type="button" class="box" data-unit="${u}"><span class="code">${u}</span><span class="ev"></span></button>`).join("")}
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
   * Paint every unit from ``look(unit, where)`` (where: "shape" or "box") -> null (hidden / no electors) or
   * {fill, second (stripes), share (of the second colour), ev, label (aria), title, faithless}.
   */
  paint(look, { interactive }) {
    this.svg.classed("history", !interactive);
    this.boxesEl.classList.toggle("history-mode", !interactive);
    const self = this;
    this.shapes.each(function (f) {
      const unit = this.getAttribute("data-unit");
      const l = look(unit, "shape");
      const el = d3.select(this);
      const fill = !l ? "#ECEDEF" : l.second ? stripes(self.defs, l.fill, l.second, l.share) : l.fill;
      el.attr("fill", fill)
        .classed("faithless", Boolean(l && l.faithless))
        .attr("aria-label", l ? l.label : `${self.name(unit)}: no electors`)
        .attr("aria-pressed", null);
      el.select("title").text(l ? l.title || l.label : `${self.name(unit)}: no electors`);
    });
    this.labels.each(function () {
      const unit = this.getAttribute("data-unit");
      const l = look(unit, "shape");
      const t = d3.select(this);
      const outside = this.classList.contains("outside");
      const muted = !l || l.ev === "" || l.ev == null;
      t.attr("fill", muted ? "#9aa1ab" : l && !l.second && !outside ? ink(l.fill) : "#111")
        .attr("stroke", l && l.second && !outside ? "#fff" : "none").attr("stroke-width", 3).attr("paint-order", "stroke");
      t.select(".ev").text(l && l.ev != null ? l.ev : "");
    });
    for (const [unit, b] of this.boxes) {
      const l = look(unit, "box");
      b.hidden = l === null && unit.includes("-");
      const fill = l ? l.fill : "#ECEDEF";
      b.style.background = l && l.second ? cssStripes(l.fill, l.second, l.share) : fill;
      b.style.color = l && l.second ? "#111" : ink(fill);
      b.style.textShadow = l && l.second ? "0 0 3px #fff, 0 0 3px #fff" : "none";
      b.classList.toggle("faithless", Boolean(l && l.faithless));
      b.querySelector(".ev").textContent = l && l.ev != null ? l.ev : "–";
      b.setAttribute("aria-label", l ? l.label : `${this.name(unit)}: no electors`);
      b.title = l ? l.title || l.label : `${this.name(unit)}: no electors`;
      b.disabled = !interactive && !l;
    }
  }

  /** The map as a standalone SVG element (for export): states, borders, labels, no boxes. */
  node() { return this.svg.node(); }
}
