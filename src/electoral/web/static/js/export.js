// Exports, all made in the browser: the map as SVG or PNG (with a title and the boxes), the
// current scenario or election as CSV or JSON.
import { BOX_GROUPS } from "./map.js";
import { ink, STATUS_STYLE } from "./colors.js";
import { esc } from "./api.js";

const NS = "http://www.w3.org/2000/svg";
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The bar as the page shows it: [{name, value, color}] from its segments (none in the forecast). */
function barSegments() {
  return [...document.querySelectorAll("#bar .bar-seg")].map((el) => {
    const [name, value] = (el.getAttribute("title") || "").split(/: (?=[^:]*$)/);
    return { name, value: Number(value), color: el.style.backgroundColor || "#999" };
  });
}

/** The legend as the page shows it: [{fill, text}] (a swatch's colour or pattern, its words). */
function legendItems() {
  const out = [];
  for (const item of document.querySelectorAll("#legend .item, #legend .step")) {
    const sws = item.querySelectorAll(".sw");
    const text = (item.classList.contains("step") ? item.getAttribute("title") : item.textContent).replace(/\s+/g, " ").trim();
    if (!sws.length) {
      out.push({ fill: null, text });
      continue;
    }
    const sw = sws[0];
    let fill;
    if (sw.tagName.toLowerCase() === "svg") fill = sw.querySelector("rect").getAttribute("fill");
    else if (sw.classList.contains("dashed")) fill = "dashed";
    else {
      const cs = getComputedStyle(sw);
      fill = cs.backgroundImage && cs.backgroundImage !== "none" ? "split" : cs.backgroundColor;
    }
    out.push({ fill, text, extra: [...sws].slice(1).map((x) => getComputedStyle(x).backgroundColor) });
  }
  return out;
}

/** A standalone SVG document: a title line, the bar, the map, the boxes and the legend. */
export function mapSvg(map, view) {
  const src = map.node();
  const W = 975;
  const segs = barSegments();
  const legend = legendItems();
  const barH = segs.length ? 58 : 0;
  const head = 46 + barH;
  const boxH = 78;
  const perRow = 3;
  const legendH = legend.length ? 14 + Math.ceil(legend.length / perRow) * 22 : 0;
  const H = head + 610 + boxH + legendH;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("xmlns", NS);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", W);
  svg.setAttribute("height", H);
  svg.setAttribute("font-family", FONT);
  svg.innerHTML = `<rect width="${W}" height="${H}" fill="#ffffff"/>
    <text x="16" y="30" font-size="20" font-weight="700" fill="#1d2330">${esc(view.exportTitle())}</text>`;
  if (segs.length) {
    const total = segs.reduce((t, x) => t + x.value, 0) || 1;
    const bw = W - 32;
    let x = 16;
    let html = `<g class="export-bar">`;
    let tx = 16;
    for (const sg of segs) {
      const w = (bw * sg.value) / total;
      html += `<rect x="${x.toFixed(2)}" y="44" width="${w.toFixed(2)}" height="22" fill="${sg.color}"/>`;
      x += w;
    }
    for (const sg of segs.slice(0, 6)) {
      html += `<rect x="${tx}" y="76" width="11" height="11" fill="${sg.color}"/><text x="${tx + 15}" y="86" font-size="12" fill="#1d2330">${esc(sg.name)} ${sg.value}</text>`;
      tx += 30 + 7.2 * `${sg.name} ${sg.value}`.length;
    }
    const line = document.querySelector("#bar .bar-line");
    if (line) {
      const pct = parseFloat(line.style.left);
      const lx = 16 + (bw * pct) / 100;
      html += `<line x1="${lx}" x2="${lx}" y1="40" y2="70" stroke="#111" stroke-width="2"/>`;
    }
    svg.insertAdjacentHTML("beforeend", `${html}</g>`);
  }
  const body = document.createElementNS(NS, "g");
  body.setAttribute("transform", `translate(0,${head})`);
  for (const child of src.children) {
    if (child.tagName === "title" || child.classList.contains("focus-ring")) continue;
    body.append(child.cloneNode(true));
  }
  for (const p of body.querySelectorAll(".state")) {
    p.setAttribute("stroke", p.classList.contains("faithless") ? "#111" : "#ffffff");
    p.setAttribute("stroke-width", p.classList.contains("faithless") ? "2" : "0.9");
    if (p.classList.contains("faithless")) p.setAttribute("stroke-dasharray", "5 3");
    for (const a of ["tabindex", "role", "aria-label", "aria-pressed"]) p.removeAttribute(a);
  }
  for (const t of body.querySelectorAll(".label")) {
    t.setAttribute("font-size", "13");
    t.setAttribute("font-weight", "700");
    t.setAttribute("text-anchor", "middle");
    for (const s of t.querySelectorAll(".ev")) {
      s.setAttribute("font-size", "11");
      s.setAttribute("font-weight", "500");
    }
  }
  svg.append(body);
  const boxes = document.createElementNS(NS, "g");
  boxes.setAttribute("transform", `translate(16,${head + 610 + 10})`);
  let x = 0;
  for (const g of BOX_GROUPS) {
    const shown = g.units.filter((u) => !map.boxes.get(u).hidden);
    if (!shown.length) continue;
    let html = `<text x="${x}" y="10" font-size="11" font-weight="600" fill="#5b6472">${esc(g.title.toUpperCase())}</text>`;
    shown.forEach((u, i) => {
      const l = view.look(u, "box");
      const bx = x + i * 50;
      const fill = map.fillOf(l);
      const split = l && l.parts && l.parts.length > 1;
      const plain = l && !split && !l.status ? l.fill : STATUS_STYLE[l && l.status] ? STATUS_STYLE[l.status].base : "#F4F5F7";
      const txt = split ? "#111" : ink(plain);
      html += `<rect x="${bx}" y="18" width="46" height="40" rx="5" fill="${fill}" stroke="${l && l.faithless ? "#111" : "#c4c8cf"}"/>
        <text x="${bx + 23}" y="35" text-anchor="middle" font-size="12" font-weight="700" fill="${txt}">${u}</text>
        <text x="${bx + 23}" y="50" text-anchor="middle" font-size="11" fill="${txt}">${l && l.ev != null && l.ev !== "" ? l.ev : "–"}</text>`;
    });
    boxes.insertAdjacentHTML("beforeend", html);
    x += shown.length * 50 + 24;
  }
  svg.append(boxes);
  if (legend.length) {
    // Patterns used by the boxes and the legend are in the map's <defs>, cloned above.
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "export-legend");
    g.setAttribute("transform", `translate(16,${head + 610 + boxH + 10})`);
    const colW = (W - 32) / perRow;
    let html = "";
    legend.forEach((it, i) => {
      const cx = (i % perRow) * colW;
      const cy = Math.floor(i / perRow) * 22;
      if (it.fill === "dashed") html += `<rect x="${cx}" y="${cy}" width="13" height="13" fill="#fff" stroke="#111" stroke-dasharray="3 2"/>`;
      else if (it.fill === "split") html += `<rect x="${cx}" y="${cy}" width="13" height="13" fill="#8a8f98"/><path d="M${cx + 13} ${cy}l0 6l-6 -6z" fill="#fff"/>`;
      else if (it.fill) html += `<rect x="${cx}" y="${cy}" width="13" height="13" fill="${it.fill}" stroke="#c4c8cf"/>`;
      const words = it.text.length > 60 ? `${it.text.slice(0, 58)}…` : it.text;
      html += `<text x="${cx + (it.fill ? 18 : 0)}" y="${cy + 11}" font-size="11.5" fill="#1d2330">${esc(words)}</text>`;
    });
    g.innerHTML = html;
    svg.append(g);
  }
  return svg;
}

function svgText(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

export function exportSvg(map, view, name) {
  download(new Blob([svgText(mapSvg(map, view))], { type: "image/svg+xml" }), `${name}.svg`);
}

export async function exportPng(map, view, name, scale = 2) {
  const svg = mapSvg(map, view);
  const w = Number(svg.getAttribute("width"));
  const h = Number(svg.getAttribute("height"));
  // A data: URL, not a blob: one, so a Content Security Policy with img-src 'self' data:
  // lets the image load.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  const img = new Image();
  await new Promise((ok, fail) => {
    img.onload = ok;
    img.onerror = () => fail(new Error("the map could not be drawn as an image"));
    img.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  const blob = await new Promise((ok) => canvas.toBlob(ok, "image/png"));
  download(blob, `${name}.png`);
}

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function exportCsv(view, name) {
  const text = view.exportRows().map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  download(new Blob([text], { type: "text/csv" }), `${name}.csv`);
}

export function exportJson(view, name) {
  download(new Blob([JSON.stringify(view.exportJson(), null, 2)], { type: "application/json" }), `${name}.json`);
}
