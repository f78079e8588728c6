// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): distinguishable with
// the common forms of colour blindness.  Blue and vermillion mean the two major parties only
// where the returns name them; other candidates take the remaining colours in order.
export const PARTY = { DEM: "#0072B2", REP: "#D55E00" };
export const TOSSUP = "#BDBDBD";
export const NONE = "#ECEDEF";
const EXTRA = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#999933", "#882255", "#44AA99", "#6D6D6D"];

/** Colours for candidates, in the given order (largest first): party colours where known. */
export function palette(candidates, parties = {}) {
  const out = new Map();
  let next = 0;
  for (const c of candidates) {
    const p = PARTY[(parties[c] || "").toUpperCase()];
    out.set(c, p || EXTRA[next++ % EXTRA.length]);
  }
  return out;
}

function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** Black or white, whichever contrasts more with ``hex``. */
export function ink(hex) {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#111111" : "#FFFFFF";
}

/**
 * An SVG pattern for a split unit: diagonal stripes whose widths are in proportion to
 * ``parts`` ([{color, n}], largest first), so each colour covers its share of the shape.
 * The period grows for a small share so that its stripe stays visible; returns url().
 */
export function splitFill(defs, parts) {
  const total = parts.reduce((s, p) => s + p.n, 0) || 1;
  const least = Math.min(...parts.map((p) => p.n / total));
  const period = Math.round(Math.max(12, Math.min(120, 3 / least)));
  const id = `split-${parts.map((p) => `${p.color.slice(1)}_${p.n}`).join("-")}-${period}`;
  if (defs.select(`#${id}`).empty()) {
    const pat = defs.append("pattern").attr("id", id).attr("patternUnits", "userSpaceOnUse")
      .attr("width", period).attr("height", 10).attr("patternTransform", "rotate(45)")
      .attr("data-shares", parts.map((p) => (p.n / total).toFixed(4)).join(" "));
    let x = 0;
    for (const p of parts) {
      const w = (period * p.n) / total;
      pat.append("rect").attr("x", x).attr("width", w + 0.02).attr("height", 10).attr("fill", p.color);
      x += w;
    }
  }
  return `url(#${id})`;
}

/** CSS for an HTML box split in proportion to ``parts`` (hard colour stops). */
export function cssSplit(parts) {
  const total = parts.reduce((s, p) => s + p.n, 0) || 1;
  let at = 0;
  const stops = parts.map((p) => {
    const from = at;
    at += (100 * p.n) / total;
    return `${p.color} ${from.toFixed(2)}% ${at.toFixed(2)}%`;
  });
  return `linear-gradient(135deg, ${stops.join(", ")})`;
}

// --- Party colours that hold across the years ----------------------------------------------
// Okabe–Ito first (Democratic blue, Republican vermillion), then Tol's muted colours; two
// parties of one colour never stand in the same election.  A party's second, third… candidate
// with electors in one year (the 1836 Whigs, Greeley's electors in 1872) gets a lighter or
// darker shade of it.
export const PARTY_COLORS = {
  "Democratic": "#0072B2",
  "Republican": "#D55E00",
  "Federalist": "#E69F00",
  "Democratic-Republican": "#009E73",
  "National Republican": "#CC79A7",
  "Whig": "#AA3377",
  "Anti-Masonic": "#DDAA33",
  "Nullifier": "#117733",
  "Free Soil": "#44AA99",
  "American (Know Nothing)": "#999933",
  "Northern Democratic": "#0072B2",
  "Southern Democratic": "#56B4E9",
  "Constitutional Union": "#E69F00",
  "Liberal Republican": "#44AA99",
  "Populist": "#117733",
  "Progressive": "#009E73",
  "States' Rights Democratic": "#E69F00",
  "Unpledged Democratic": "#999933",
  "American Independent": "#CC79A7",
  "Libertarian": "#DDAA33",
};
/** Electors of no party (Washington; a faithless vote for someone of no party). */
export const NO_PARTY = "#8C7B6B";

/** The colour of ``party`` ("" = no party); an unlisted party gets a stable spare colour. */
export function partyColor(party) {
  if (!party) return NO_PARTY;
  if (PARTY_COLORS[party]) return PARTY_COLORS[party];
  let h = 0;
  for (const ch of party) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}

/** ``hex`` mixed in Lab towards white (``t`` > 0) or black (``t`` < 0) by |t|, as #RRGGBB. */
export function mixLab(hex, t) {
  const c = t > 0 ? d3.interpolateLab(hex, "#ffffff")(t) : d3.interpolateLab(hex, "#000000")(-t);
  return d3.color(c).formatHex().toUpperCase();
}

/** The k-th shade of ``hex`` (0: itself; then lighter, darker, lighter still…), in Lab. */
export function shade(hex, k) {
  if (!k) return hex;
  return mixLab(hex, [0, 0.42, -0.38, 0.66, -0.6][Math.min(k, 4)]);
}

/**
 * Colours for a year's candidates: ``partyOf`` {candidate: party}, ``tally`` {candidate:
 * electoral votes}.  Returns Map candidate -> colour; shades only within a party that had
 * two or more candidates with electors that year.
 */
export function partyPalette(partyOf, tally) {
  const byParty = new Map();
  const order = Object.keys(tally).sort((a, b) => tally[b] - tally[a]);
  for (const c of order) {
    const p = partyOf[c] ?? "";
    if (!byParty.has(p)) byParty.set(p, []);
    byParty.get(p).push(c);
  }
  const out = new Map();
  for (const [p, cands] of byParty) {
    cands.forEach((c, i) => out.set(c, p ? shade(partyColor(p), i) : NO_PARTY));
  }
  return out;
}

// --- What a state was, when it did not vote ---------------------------------------------
// Each a distinct fill (pattern), named in the legend.
export const STATUS_STYLE = {
  "not-yet-a-state": { label: "Not yet a state", base: "#F4F5F7", ink: null },
  "territory": { label: "Territory (or the federal district)", base: "#E4E7EB", ink: "#7D8591", kind: "dots" },
  "not-appointed": { label: "No electors chosen", base: "#FFFFFF", ink: "#5B6472", kind: "hatch" },
  "rejected": { label: "Votes rejected by Congress", base: "#FFFFFF", ink: "#1D2330", kind: "cross" },
  "seceded": { label: "Seceded (or not yet readmitted)", base: "#C3C8D0", ink: "#3E4652", kind: "back" },
};

/** The fill of a status: a plain colour or a pattern in ``defs``; returns the fill value. */
export function statusFill(defs, status) {
  const s = STATUS_STYLE[status];
  if (!s || !s.kind) return s ? s.base : "#F4F5F7";
  const id = `status-${status}`;
  if (defs.select(`#${id}`).empty()) {
    const rot = s.kind === "back" ? -45 : 45;
    const pat = defs.append("pattern").attr("id", id).attr("patternUnits", "userSpaceOnUse")
      .attr("width", 7).attr("height", 7).attr("patternTransform", s.kind === "dots" ? null : `rotate(${rot})`);
    pat.append("rect").attr("width", 7).attr("height", 7).attr("fill", s.base);
    if (s.kind === "dots") {
      pat.append("circle").attr("cx", 3.5).attr("cy", 3.5).attr("r", 1.3).attr("fill", s.ink);
    } else {
      pat.append("rect").attr("width", 1.6).attr("height", 7).attr("fill", s.ink);
      if (s.kind === "cross") pat.append("rect").attr("width", 7).attr("height", 1.6).attr("fill", s.ink);
    }
  }
  return `url(#${id})`;
}

// The forecast's diverging scale: the Democrat's chance of carrying a unit, from the
// Republican vermillion through a light warm neutral to the Democratic blue (interpolated
// in CIE Lab, so lightness changes evenly and the two arms stay distinguishable with the
// common forms of colour blindness).  Seven steps: safe (> 95%), likely (80–95%), lean
// (60–80%) for each side and a tossup band (40–60%).
export const PROB_COLORS = ["#D55E00", "#E6915C", "#ECBB9C", "#E8E3DA", "#B4BFCF", "#7A9BC2", "#0072B2"];
export const PROB_STEPS = [
  { from: 0.95, label: "over 95%" },
  { from: 0.8, label: "80–95%" },
  { from: 0.6, label: "60–80%" },
];

/** The step (0..6, Republican-safe to Democratic-safe) of the Democrat's chance ``p``. */
export function probStep(p) {
  const q = Math.max(p, 1 - p);
  const k = PROB_STEPS.findIndex((s) => q > s.from);
  if (k < 0) return 3; // within 40–60%: a tossup
  return p > 0.5 ? 6 - k : k;
}

/** The fill for the Democrat's chance ``p``. */
export function probColor(p) {
  return PROB_COLORS[probStep(p)];
}
