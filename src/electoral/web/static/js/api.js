// Fetch helpers: JSON in, JSON out; an error carries the API's message.
export class ApiError extends Error {
  constructor(status, body) {
    const d = body && body.detail;
    // The API's own sentence (`message`) without where it came from ("query, field 'as_of':"),
    // which `detail` prefixes; a validation error's list of messages; or the status.
    const plain = body && typeof body.message === "string" ? body.message : null;
    const msg = plain || (typeof d === "string" ? d : Array.isArray(d) ? d.map((e) => e.msg).join("; ") : `HTTP ${status}`);
    super(msg);
    this.status = status;
    this.field = (body && body.field) || null;
  }
}

async function handle(r) {
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, body);
  return body;
}

export const getJSON = (url) => fetch(url).then(handle);

export const postJSON = (url, payload, signal) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
    signal,
  }).then(handle);

export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export const fmtInt = (n) => Number(n).toLocaleString("en-US");
export const pct = (x, digits = 2) => `${(100 * x).toFixed(digits)}%`;
export const lastName = (name) => String(name || "").split(" ").slice(-1)[0];

/** The national popular vote of ``states`` ({unit: {votes: {candidate: n}}}, districts left
 * out: their votes are in their state's): [[candidate, votes]], largest first. */
export function nationalVotes(states) {
  const t = {};
  for (const [u, s] of Object.entries(states)) {
    if (u.includes("-")) continue;
    for (const [c, v] of Object.entries(s.votes || {})) t[c] = (t[c] || 0) + v;
  }
  return Object.entries(t).sort((a, b) => b[1] - a[1]);
}

/** The popular vote's list items, one per [candidate, votes], with its share of `total`:
 * the same markup (and test ids) in the scenario and history views. */
export const popularItems = (pop, total, colorOf) =>
  pop
    .map(([c, v]) => `<li><span class="sw" style="background:${colorOf(c)}"></span> ${esc(c)}: <b data-testid="popular" data-candidate="${esc(c)}" data-votes="${v}">${fmtInt(v)}</b> (${pct(v / total, 1)})</li>`)
    .join("");
