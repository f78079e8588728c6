// Exports, all made in the browser: the map as SVG or PNG (with a title and the boxes), the
// current scenario or election as CSV or JSON.
import { BOX_GROUPS } from "./map.js";
import { ink, stripeWidth } from "./colors.js";
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

/** A standalone SVG document: a title line, the map and the boxes, styles inlined. */
export function mapSvg(map, view) {
  const src = map.node();
  const head = 46;
  const boxH = 78;
  const W = 975;
  const H = head + 610 + boxH;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("xmlns", NS);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", W);
  svg.setAttribute("height", H);
  svg.setAttribute("font-family", FONT);
  svg.innerHTML = `<rect width="${W}" height="${H}" fill="#ffffff"/>
    <text x="16" y="30" font-size="20" font-weight="700" fill="#1d2330">${esc(view.exportTitle())}</text>`;
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
      const fill = l ? l.fill : "#ECEDEF";
      const bx = x + i * 50;
      const pat = l && l.second ? `fill="url(#${ensureStripes(svg, l.fill, l.second, l.share)})"` : `fill="${fill}"`;
      const txt = l && l.second ? "#111" : ink(fill);
      html += `<rect x="${bx}" y="18" width="46" height="40" rx="5" ${pat} stroke="${l && l.faithless ? "#111" : "#c4c8cf"}"/>
        <text x="${bx + 23}" y="35" text-anchor="middle" font-size="12" font-weight="700" fill="${txt}">${u}</text>
        <text x="${bx + 23}" y="50" text-anchor="middle" font-size="11" fill="${txt}">${l && l.ev != null ? l.ev : "–"}</text>`;
    });
    boxes.insertAdjacentHTML("beforeend", html);
    x += shown.length * 50 + 24;
  }
  svg.append(boxes);
  return svg;
}

function ensureStripes(svg, a, b, share) {
  const w = stripeWidth(share ?? 0.4);
  const id = `x-stripe-${a.slice(1)}-${b.slice(1)}-${w}`;
  if (!svg.querySelector(`#${id}`)) {
    svg.insertAdjacentHTML("afterbegin", `<defs><pattern id="${id}" patternUnits="userSpaceOnUse" width="10" height="10" patternTransform="rotate(45)">
      <rect width="10" height="10" fill="${a}"/><rect width="${w}" height="10" fill="${b}"/></pattern></defs>`);
  }
  return id;
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
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
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
  } finally {
    URL.revokeObjectURL(url);
  }
}

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function exportCsv(view, name) {
  const text = view.exportRows().map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  download(new Blob([text], { type: "text/csv" }), `${name}.csv`);
}

export function exportJson(view, name) {
  download(new Blob([JSON.stringify(view.exportJson(), null, 2)], { type: "application/json" }), `${name}.json`);
}
