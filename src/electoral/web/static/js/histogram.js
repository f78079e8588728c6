// The forecast's electoral-vote histogram, drawn with D3: one bar per electoral-vote count of
// the Democrat (the Republican has the rest), coloured by who wins at that count, the exact
// distribution as a line over the simulated bars, and a line at the majority.
import { esc, pct } from "./api.js";
import { TOSSUP } from "./colors.js";

const NS = "http://www.w3.org/2000/svg";

/** The counts worth showing: where either distribution has mass, and the majority. */
function span(mc, exact, majority) {
  const total = mc.length - 1;
  const bounds = (p) => {
    let c = 0;
    let lo = 0;
    let hi = total;
    for (let k = 0; k <= total; k++) {
      const before = c;
      c += p[k] || 0;
      if (before < 5e-3 && c >= 5e-3) lo = k;
      if (before < 1 - 5e-3 && c >= 1 - 5e-3) hi = k;
    }
    return [lo, hi];
  };
  const [a, b] = bounds(mc);
  const [c, d] = bounds(exact);
  const lo = Math.max(0, Math.min(a, c, majority) - 10);
  const hi = Math.min(total, Math.max(b, d, majority) + 10);
  return [lo, hi];
}

/** The k-th quantile of a distribution over counts. */
export function quantile(p, q) {
  let c = 0;
  for (let k = 0; k < p.length; k++) {
    c += p[k];
    if (c >= q) return k;
  }
  return p.length - 1;
}

/**
 * Draw into ``el`` (emptied): ``mc`` and ``exact`` are P(the Democrat wins exactly k
 * electoral votes), k = 0..total; ``dem`` and ``rep`` {name, short, color}; ``summary`` the
 * text a screen reader hears for the chart.
 */
export function renderHistogram(el, { mc, exact, majority, dem, rep, summary }) {
  const total = mc.length - 1;
  const width = Math.max(280, el.clientWidth || 800);
  const narrow = width < 520;
  const height = narrow ? 180 : 220;
  const m = { top: 32, right: 12, bottom: 36, left: narrow ? 36 : 44 };
  const [lo, hi] = span(mc, exact, majority);
  const x = d3.scaleLinear().domain([lo - 0.5, hi + 0.5]).range([m.left, width - m.right]);
  const top = Math.max(d3.max(mc.slice(lo, hi + 1)), d3.max(exact.slice(lo, hi + 1))) || 0.01;
  const y = d3.scaleLinear().domain([0, top * 1.1]).range([height - m.bottom, m.top]).nice();
  const who = (k) => (k >= majority ? dem.color : total - k >= majority ? rep.color : TOSSUP);
  const winner = (k) => (k >= majority ? dem.name : total - k >= majority ? rep.name : "nobody (a tie: the House decides)");

  el.innerHTML = "";
  const svg = d3.select(el).append("svg")
    .attr("xmlns", NS)
    .attr("class", "hist")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-labelledby", "hist-title hist-desc");
  svg.append("title").attr("id", "hist-title").text(`Electoral votes for ${dem.name}: the forecast's distribution`);
  svg.append("desc").attr("id", "hist-desc").text(summary);

  const yTicks = y.ticks(narrow ? 3 : 4);
  const grid = svg.append("g").attr("class", "grid").attr("aria-hidden", "true");
  grid.selectAll("line").data(yTicks).join("line")
    .attr("x1", m.left).attr("x2", width - m.right)
    .attr("y1", (t) => y(t)).attr("y2", (t) => y(t));
  grid.selectAll("text").data(yTicks).join("text")
    .attr("x", m.left - 5).attr("y", (t) => y(t)).attr("dy", "0.32em").attr("text-anchor", "end")
    .text((t) => (t === 0 ? "0" : `${+(100 * t).toFixed(1)}%`));

  const step = x(1) - x(0);
  const gap = step > 3 ? 0.6 : 0;
  const counts = d3.range(lo, hi + 1).filter((k) => mc[k] > 0);
  svg.append("g").attr("class", "bars").attr("aria-hidden", "true")
    .selectAll("rect").data(counts).join("rect")
    .attr("x", (k) => x(k - 0.5) + gap / 2)
    .attr("width", Math.max(step - gap, 0.8))
    .attr("y", (k) => y(mc[k]))
    .attr("height", (k) => y(0) - y(mc[k]))
    .attr("fill", who)
    .append("title")
    .text((k) => `${dem.short} ${k} – ${rep.short} ${total - k}: ${pct(mc[k], 2)} of simulations, exact ${pct(exact[k], 2)}; winner: ${winner(k)}`);

  const line = d3.line().x((k) => x(k)).y((k) => y(exact[k] || 0));
  svg.append("path").attr("class", "exact").attr("aria-hidden", "true")
    .attr("d", line(d3.range(lo, hi + 1)));

  const axis = svg.append("g").attr("class", "axis").attr("aria-hidden", "true")
    .attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(narrow ? 5 : 10).tickSizeOuter(0).tickFormat(d3.format("d")));
  axis.select(".domain").attr("stroke", "#8a919c");
  svg.append("text").attr("class", "axis-label").attr("aria-hidden", "true")
    .attr("x", (m.left + width - m.right) / 2).attr("y", height - 4).attr("text-anchor", "middle")
    .text(`Electoral votes for ${dem.name} (${rep.short}: ${total} minus)`);

  const mx = x(majority - 0.5);
  const mark = svg.append("g").attr("class", "majority").attr("data-testid", "majority-line")
    .attr("data-majority", majority).attr("aria-hidden", "true");
  mark.append("line").attr("x1", mx).attr("x2", mx).attr("y1", m.top - 14).attr("y2", height - m.bottom);
  mark.append("text").attr("class", "majority-label").attr("x", mx).attr("y", m.top - 17)
    .attr("text-anchor", "middle").text(`${majority} to win`);
  mark.append("text").attr("class", "side-label").attr("x", mx - 8).attr("y", m.top - 2)
    .attr("text-anchor", "end").attr("fill", rep.color).text(`← ${rep.short} wins`);
  mark.append("text").attr("class", "side-label").attr("x", mx + 8).attr("y", m.top - 2)
    .attr("fill", dem.color).text(`${dem.short} wins →`);
  return svg.node();
}

/** The key under the chart (HTML). */
export function histogramKey(dem, rep) {
  return `<span class="item"><span class="sw" style="background:${dem.color}"></span>${esc(dem.short)} wins</span>
    <span class="item"><span class="sw" style="background:${rep.color}"></span>${esc(rep.short)} wins</span>
    <span class="item"><span class="sw" style="background:${TOSSUP}"></span>269–269 tie</span>
    <span class="item"><span class="sw line"></span>Exact distribution</span>`;
}
