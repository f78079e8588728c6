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

/** An SVG pattern of diagonal stripes in two colours, created once per pair; returns url(). */
export function stripes(defs, a, b, share = 0.4) {
  const w = stripeWidth(share);
  const id = `stripe-${a.slice(1)}-${b.slice(1)}-${w}`;
  if (defs.select(`#${id}`).empty()) {
    const p = defs.append("pattern").attr("id", id).attr("patternUnits", "userSpaceOnUse")
      .attr("width", 10).attr("height", 10).attr("patternTransform", "rotate(45)");
    p.append("rect").attr("width", 10).attr("height", 10).attr("fill", a);
    p.append("rect").attr("width", w).attr("height", 10).attr("fill", b);
  }
  return `url(#${id})`;
}

/** Width (of 10) of the second colour's stripe: its share of the electors, 2 to 5. */
export function stripeWidth(share) {
  return Math.max(2, Math.min(5, Math.round(10 * share)));
}

/** CSS stripes for HTML boxes. */
export function cssStripes(a, b, share = 0.4) {
  const w = stripeWidth(share) * 1.3;
  return `repeating-linear-gradient(45deg, ${a} 0 13px, ${b} 13px ${13 + w}px)`;
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
