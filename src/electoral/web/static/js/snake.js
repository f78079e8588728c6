// The snake chart: every unit in a row, ordered by margin from the left candidate's safest
// to the right candidate's, each as wide as its electoral votes, with the line at the
// majority (the unit it falls in is the tipping point).  Drawn with D3 as one SVG.
import { esc } from "./api.js";
import { ink } from "./colors.js";

/**
 * ``items``: [{unit, ev, margin (positive: the left side's), color, label}]; ``left`` and
 * ``right``: names for the ends; ``majority``: electoral votes to win; ``caption``.
 */
export function renderSnake(el, { items, left, right, majority, caption }) {
  const sorted = items.slice().sort((a, b) => b.margin - a.margin);
  const total = sorted.reduce((s, d) => s + d.ev, 0) || 1;
  const width = Math.max(300, el.clientWidth || 900);
  const narrow = width < 560;
  const h = narrow ? 30 : 36;
  const top = 18;
  const height = top + h + 22;
  const x = d3.scaleLinear().domain([0, total]).range([0, width]);
  let run = 0;
  const segs = sorted.map((d) => {
    const s = { ...d, x0: run, x1: run + d.ev };
    run += d.ev;
    return s;
  });
  const tip = segs.find((s) => s.x0 < majority && s.x1 >= majority);
  el.innerHTML = "";
  el.dataset.order = segs.map((s) => s.unit).join(" ");
  const svg = d3.select(el).append("svg")
    .attr("class", "snake").attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-labelledby", "snake-title");
  svg.append("title").attr("id", "snake-title")
    .text(`${caption}. From ${left} to ${right}: ${segs.map((s) => `${s.unit} ${s.ev}`).join(", ")}.${tip ? ` The ${majority}th electoral vote falls in ${tip.unit}.` : ""}`);
  const g = svg.append("g").attr("aria-hidden", "true");
  const cell = g.selectAll("g").data(segs).join("g").attr("class", "seg").attr("data-unit", (d) => d.unit)
    .attr("data-ev", (d) => d.ev);
  cell.append("rect")
    .attr("x", (d) => x(d.x0)).attr("y", top).attr("width", (d) => Math.max(0.5, x(d.x1) - x(d.x0) - 0.6)).attr("height", h)
    .attr("fill", (d) => d.color)
    .append("title").text((d) => d.label);
  cell.filter((d) => x(d.x1) - x(d.x0) > (narrow ? 17 : 20)).append("text")
    .attr("x", (d) => (x(d.x0) + x(d.x1)) / 2).attr("y", top + h / 2).attr("dy", "0.35em").attr("text-anchor", "middle")
    .attr("fill", (d) => ink(d.color)).attr("font-size", narrow ? 9 : 10.5).attr("font-weight", 600)
    .text((d) => d.unit.replace("-", ""));
  const mx = x(majority - 0.5);
  const mark = svg.append("g").attr("class", "snake-majority").attr("aria-hidden", "true");
  mark.append("line").attr("x1", mx).attr("x2", mx).attr("y1", top - 5).attr("y2", top + h + 4).attr("stroke", "#111").attr("stroke-width", 2);
  mark.append("text").attr("x", mx).attr("y", top - 7).attr("text-anchor", "middle").attr("font-size", 11).attr("font-weight", 700)
    .attr("fill", "#111").text(`${majority} to win`);
  svg.append("text").attr("x", 0).attr("y", height - 5).attr("font-size", 11).attr("fill", "#3d4553").text(`← ${left}`);
  svg.append("text").attr("x", width).attr("y", height - 5).attr("text-anchor", "end").attr("font-size", 11).attr("fill", "#3d4553").text(`${right} →`);
  if (tip) {
    svg.append("text").attr("x", mx).attr("y", height - 5).attr("text-anchor", "middle").attr("font-size", 11).attr("fill", "#3d4553")
      .text(`tipping point: ${tip.unit}`);
  }
  return { order: segs.map((s) => s.unit), tipping: tip ? tip.unit : null };
}

/** The wrapper's HTML: a heading and the chart's box. */
export function snakeFrame(title) {
  return `<h2 class="snake-title">${esc(title)}</h2><div id="snake-chart" class="snake-wrap"></div>`;
}
