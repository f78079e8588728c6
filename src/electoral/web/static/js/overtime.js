// The forecast over time: each candidate's chance of winning on every day of the daily
// series (GET /api/forecast/daily?year=Y), expected electoral votes with their band in a
// second panel, and the forecast's own as-of date marked on both.
import { pct } from "./api.js";

const NS = "http://www.w3.org/2000/svg";

/** ``doc``: the daily series; ``asOf``: the date shown on the map; ``dem``/``rep`` {name, short, color}. */
export function renderOverTime(el, { doc, asOf, dem, rep }) {
  const parse = d3.utcParse("%Y-%m-%d");
  const series = (doc.series || []).map((s) => ({ ...s, t: parse(s.date) })).filter((s) => s.t);
  el.innerHTML = "";
  if (!series.length) {
    el.textContent = "The daily series is empty.";
    return null;
  }
  const width = Math.max(300, el.clientWidth || 800);
  const narrow = width < 560;
  const m = { top: 22, right: narrow ? 78 : 104, bottom: 26, left: narrow ? 34 : 42 };
  const h1 = narrow ? 150 : 170;
  const h2 = narrow ? 110 : 120;
  const gap = 34;
  const height = m.top + h1 + gap + h2 + m.bottom;
  const mark = parse(asOf);
  const x = d3.scaleUtc().domain(d3.extent(series, (s) => s.t)).range([m.left, width - m.right]);
  const y1 = d3.scaleLinear().domain([0, 1]).range([m.top + h1, m.top]);
  const evTop = d3.max(series, (s) => Math.max(s.ev_hi?.[dem.name] ?? 0, s.ev_hi?.[rep.name] ?? 0)) || 538;
  const y2 = d3.scaleLinear().domain([0, evTop]).nice().range([m.top + h1 + gap + h2, m.top + h1 + gap]);
  const last = series[series.length - 1];
  const at = series.find((s) => s.date === asOf) || null;
  const words = (s) => `${s.date}: ${dem.short} ${pct(s.win[dem.name] ?? 0, 1)}, ${rep.short} ${pct(s.win[rep.name] ?? 0, 1)}`;

  const svg = d3.select(el).append("svg").attr("xmlns", NS).attr("class", "overtime")
    .attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-labelledby", "overtime-title overtime-desc")
    .attr("data-days", series.length).attr("data-as-of", asOf);
  svg.append("title").attr("id", "overtime-title").text(`The ${doc.year} forecast over time: chance of winning and expected electoral votes`);
  svg.append("desc").attr("id", "overtime-desc")
    .text(`${series.length} days from ${series[0].date} to ${last.date}. First day ${words(series[0])}. Last day ${words(last)}.${at ? ` On the date shown on the map, ${words(at)}.` : ""}`);
  const g = svg.append("g").attr("aria-hidden", "true");

  // Panel 1: chance of winning.
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    g.append("line").attr("class", "gridline").attr("x1", m.left).attr("x2", width - m.right).attr("y1", y1(t)).attr("y2", y1(t));
    g.append("text").attr("class", "tick").attr("x", m.left - 5).attr("y", y1(t)).attr("dy", "0.32em").attr("text-anchor", "end").text(`${100 * t}%`);
  }
  g.append("text").attr("class", "panel-label").attr("x", m.left).attr("y", m.top - 8).text("Chance of winning");
  for (const c of [dem, rep]) {
    const line = d3.line().x((s) => x(s.t)).y((s) => y1(s.win[c.name] ?? 0));
    g.append("path").attr("class", "win-line").attr("data-candidate", c.name).attr("d", line(series))
      .attr("fill", "none").attr("stroke", c.color).attr("stroke-width", 2.2);
    g.append("text").attr("x", width - m.right + 4).attr("y", y1(last.win[c.name] ?? 0)).attr("dy", "0.32em")
      .attr("class", "end-label").text(`${c.short} ${Math.round(100 * (last.win[c.name] ?? 0))}%`);
  }

  // Panel 2: expected electoral votes with the band.
  g.append("text").attr("class", "panel-label").attr("x", m.left).attr("y", m.top + h1 + gap - 8).text("Electoral votes (expected, with the band)");
  for (const t of y2.ticks(3)) {
    g.append("line").attr("class", "gridline").attr("x1", m.left).attr("x2", width - m.right).attr("y1", y2(t)).attr("y2", y2(t));
    g.append("text").attr("class", "tick").attr("x", m.left - 5).attr("y", y2(t)).attr("dy", "0.32em").attr("text-anchor", "end").text(t);
  }
  for (const c of [dem, rep]) {
    if (series.some((s) => s.ev_lo && s.ev_hi && s.ev_lo[c.name] != null)) {
      const band = d3.area().x((s) => x(s.t)).y0((s) => y2(s.ev_lo[c.name])).y1((s) => y2(s.ev_hi[c.name]));
      g.append("path").attr("d", band(series)).attr("fill", c.color).attr("fill-opacity", 0.16);
    }
    const line = d3.line().x((s) => x(s.t)).y((s) => y2(s.ev_mean?.[c.name] ?? 0));
    g.append("path").attr("d", line(series)).attr("fill", "none").attr("stroke", c.color).attr("stroke-width", 1.8);
  }
  const total = Math.round((last.ev_mean?.[dem.name] ?? 0) + (last.ev_mean?.[rep.name] ?? 0));
  if (total > 0) {
    const win = Math.floor(total / 2) + 1;
    g.append("line").attr("class", "majority").attr("x1", m.left).attr("x2", width - m.right)
      .attr("y1", y2(win)).attr("y2", y2(win)).attr("stroke", "#111").attr("stroke-dasharray", "4 2");
    g.append("text").attr("class", "end-label").attr("x", width - m.right + 4).attr("y", y2(win)).attr("dy", "0.32em").text(`${win} to win`);
  }
  const axis = g.append("g").attr("class", "axis").attr("transform", `translate(0,${m.top + h1 + gap + h2})`)
    .call(d3.axisBottom(x).ticks(narrow ? 4 : 7).tickSizeOuter(0));
  axis.select(".domain").attr("stroke", "#8a919c");

  // The date shown on the map.
  if (mark) {
    const mx = x(Math.max(x.domain()[0], Math.min(x.domain()[1], mark)));
    const now = g.append("g").attr("class", "as-of-mark").attr("data-testid", "as-of-mark").attr("data-date", asOf);
    now.append("line").attr("x1", mx).attr("x2", mx).attr("y1", m.top - 4).attr("y2", m.top + h1 + gap + h2)
      .attr("stroke", "#111").attr("stroke-width", 1.5).attr("stroke-dasharray", "4 3");
    now.append("text").attr("x", mx).attr("y", m.top + h1 + 14).attr("text-anchor", mx > width - 120 ? "end" : "start")
      .attr("dx", mx > width - 120 ? -4 : 4).attr("class", "mark-label").text(`as of ${asOf}`);
  }
  return svg.node();
}
