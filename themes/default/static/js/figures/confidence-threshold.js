// Figure component "confidence-threshold": 1,000 predictions of a classifier
// as a histogram over their confidence (the largest softmax probability),
// each bar split into right and wrong answers. A slider sets the threshold
// below which the service answers "not sure"; the live region says how many
// photos it still answers and how often it is right on them.
//
//   ::: figure confidence-threshold {t=600}
//
// t: the starting threshold in thousandths, 300-950 in steps of 50 (default
// 600). The predictions are synthetic and calibrated by construction
// (confidence c is right with probability c); they come from a 32-bit
// linear congruential generator in integers, so
// scripts/figures/confidence-threshold.py draws the fallback from the same numbers.
"use strict";
(window.courseFigures = window.courseFigures || {})["confidence-threshold"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const N = 1000, SEED = 37, LO = 300, BIN = 50, NB = (1000 - LO) / BIN;
  const W = 360, H = 230, LEFT = 40, TOP = 24, PH = 150, BW = (W - LEFT - 10) / NB;
  const tIn = Number(params.t);
  let t = Number.isInteger(tIn) && tIn >= 300 && tIn <= 950 && tIn % 50 === 0 ? tIn : 600;

  const pred = [];
  let s = SEED;
  for (let i = 0; i < N; i++) {
    s = (s * 1664525 + 1013904223) % 4294967296;
    const u1 = s / 4294967296;
    s = (s * 1664525 + 1013904223) % 4294967296;
    const u2 = s / 4294967296;
    const c = 1000 - Math.floor(700 * u1 * u1);
    pred.push([c, Math.floor(u2 * 1000) < c]);
  }
  const right = new Array(NB).fill(0), wrong = new Array(NB).fill(0);
  pred.forEach(([c, ok]) => { const b = Math.min(Math.floor((c - LO) / BIN), NB - 1); (ok ? right : wrong)[b]++; });
  const top = Math.max(...right.map((r, b) => r + wrong[b]));
  const totalRight = pred.filter(([, ok]) => ok).length;

  function el(name, attrs, text) {
    const e = document.createElement(name);
    for (const a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    for (const a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "Histogram of prediction confidence, right and wrong answers stacked, with the threshold marked" });
  svg.style.cssText = `max-width:${Math.round(W * 1.5)}px;margin:0 auto;aspect-ratio:${W}/${H}`;
  const uid = "ct" + Math.random().toString(36).slice(2, 8);
  const controls = el("div", { class: "figure-controls" });
  const label = el("label", { for: uid + "-t" }, "Answer only at confidence ≥");
  const input = el("input", { id: uid + "-t", type: "range", min: "300", max: "950", step: "50", value: String(t) });
  const out = el("output", { for: uid + "-t", class: "figure-value" });
  controls.append(label, input, out);
  const live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.append(svg, controls, live);
  const pct = (a, b) => (b ? (100 * a / b).toFixed(1) + "%" : "n/a");

  function draw() {
    input.value = String(t);
    out.textContent = (t / 1000).toFixed(2);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.appendChild(svgEl("text", { x: 4, y: 14, class: "fig-label" }, "photos per confidence"));
    for (let b = 0; b < NB; b++) {
      const x = LEFT + b * BW, hr = right[b] / top * PH, hw = wrong[b] / top * PH;
      const dim = LO + b * BIN < t ? ";opacity:.35" : "";
      svg.appendChild(svgEl("rect", { x: (x + 1).toFixed(1), y: (TOP + PH - hr).toFixed(1), width: (BW - 2).toFixed(1),
        height: hr.toFixed(1), class: "bar-right", style: "fill:var(--fig-2)" + dim }));
      svg.appendChild(svgEl("rect", { x: (x + 1).toFixed(1), y: (TOP + PH - hr - hw).toFixed(1), width: (BW - 2).toFixed(1),
        height: hw.toFixed(1), class: "bar-wrong", style: "fill:var(--fig-1)" + dim }));
    }
    [300, 500, 700, 900].forEach((v) => svg.appendChild(svgEl("text", { x: (LEFT + (v - LO) / BIN * BW).toFixed(1),
      y: TOP + PH + 16, class: "fig-tick", "text-anchor": "middle" }, (v / 1000).toFixed(1))));
    const tx = LEFT + (t - LO) / BIN * BW;
    svg.appendChild(svgEl("line", { x1: tx.toFixed(1), x2: tx.toFixed(1), y1: TOP - 6, y2: TOP + PH,
      style: "stroke:var(--text);stroke-width:2;stroke-dasharray:4 3" }));
    svg.appendChild(svgEl("line", { x1: LEFT, x2: W - 10, y1: TOP + PH, y2: TOP + PH, style: "stroke:var(--border-strong)" }));
    svg.appendChild(svgEl("rect", { x: LEFT, y: H - 22, width: 10, height: 10, style: "fill:var(--fig-2)" }));
    svg.appendChild(svgEl("text", { x: LEFT + 14, y: H - 13, class: "fig-tick" }, "right"));
    svg.appendChild(svgEl("rect", { x: LEFT + 80, y: H - 22, width: 10, height: 10, style: "fill:var(--fig-1)" }));
    svg.appendChild(svgEl("text", { x: LEFT + 94, y: H - 13, class: "fig-tick" }, "wrong"));
    const answered = pred.filter(([c]) => c >= t);
    const ok = answered.filter(([, r]) => r).length;
    live.textContent = `Threshold ${(t / 1000).toFixed(2)}: the model answers ${answered.length} of ${N} photos ` +
      `(${pct(answered.length, N)}) and is right on ${pct(ok, answered.length)} of them; ${N - answered.length} go to "not sure". ` +
      `Answering everything: ${pct(totalRight, N)} right.`;
  }
  input.addEventListener("input", () => { t = Number(input.value); draw(); });
  draw();
};
