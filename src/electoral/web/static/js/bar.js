// The electoral-vote bar: segments in order, a line at the majority.
import { esc, fmtInt } from "./api.js";

/**
 * segments: [{name, value, color}] in order; left and right: the two named sides (null for
 * a multi-candidate bar, which gets a legend instead); majority null: no line.
 */
export function renderBar(el, { segments, electors, majority, left, right, middle, caption }) {
  const total = Math.max(electors, 1);
  const aria = segments.map((s) => `${s.name} ${s.value}`).join(", ") + (majority ? `; ${majority} of ${electors} needed` : "");
  const head = left
    ? `<div class="bar-head">
        <div class="bar-side"><span class="bar-name">${esc(left.name)}</span>
          <span class="bar-ev" data-testid="ev-total" data-candidate="${esc(left.name)}" style="color:${left.color}">${left.value}</span></div>
        <div class="bar-mid">${middle || ""}</div>
        <div class="bar-side right"><span class="bar-name">${esc(right.name)}</span>
          <span class="bar-ev" data-testid="ev-total" data-candidate="${esc(right.name)}" style="color:${right.color}">${right.value}</span></div>
      </div>`
    : `<div class="bar-head"><div class="bar-mid" style="text-align:left">${caption || ""}</div></div>`;
  const segs = segments
    .filter((s) => s.value > 0)
    .map((s) => `<div class="bar-seg" title="${esc(s.name)}: ${s.value}" style="width:${(100 * s.value) / total}%;background:${s.background || s.color}"></div>`)
    .join("");
  const legend = left
    ? ""
    : `<div class="bar-legend">${segments
        .map((s) => `<span class="item"><span class="sw" style="background:${s.color}"></span>${esc(s.name)}
          <b data-testid="ev-total" data-candidate="${esc(s.name)}">${fmtInt(s.value)}</b></span>`)
        .join("")}</div>`;
  el.innerHTML = `${head}
    <div class="bar-track" role="img" aria-label="${esc(aria)}">${segs}
      ${majority ? `<div class="bar-line" style="left:${(100 * majority) / total}%" data-label="${majority} to win"></div>` : ""}
    </div>${legend}`;
}
