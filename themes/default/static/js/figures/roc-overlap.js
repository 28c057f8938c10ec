// Figure component "roc-overlap": the scores of negatives and positives as
// two histograms, and the ROC curve and its area as their overlap changes.
//
//   ::: figure roc-overlap {sep=1 threshold=0.5 n=300}
//
// sep: how far the positives' scores sit above the negatives', in standard
// deviations, 0 to 4 (default 1); threshold: where the decision threshold
// starts, -3 to 7 (default 0.5); n: scores per class, 20 to 2000 (default
// 300). Invalid values fall back to the defaults. The page draws n standard
// normal scores per class from a seeded generator (mulberry32, seed 16; Box-
// Muller), the same every time; the positives are shifted by sep. The AUC is
// computed from those samples by ranks (ties count one half) and shown next
// to the binormal value Φ(sep / √2). scripts/figures/roc-overlap.py draws the
// static fallback from the same numbers.
"use strict";
(window.courseFigures = window.courseFigures || {})["roc-overlap"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const num = (v, def, lo, hi) => {
    const x = Number(v);
    return v !== undefined && v !== "" && Number.isFinite(x) && x >= lo && x <= hi ? x : def;
  };
  function el(name, attrs, parent, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, props, parent) {
    const e = Object.assign(document.createElement(name), props || {});
    if (parent) parent.appendChild(e);
    return e;
  }

  let sep = Math.round(num(params.sep, 1, 0, 4) * 10) / 10;
  let thr = Math.round(num(params.threshold, 0.5, -3, 7) * 10) / 10;
  const n = Math.round(num(params.n, 300, 20, 2000));

  // The scores: n standard normals per class from mulberry32(16), Box-Muller.
  function mulberry32(a) {
    return function () {
      a |= 0; a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const rnd = mulberry32(16);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const neg = Array.from({ length: n }, normal);
  const posBase = Array.from({ length: n }, normal);

  // Φ by Abramowitz and Stegun 7.1.26 (error below 1.5e-7).
  function phi(z) {
    const x = Math.abs(z) / Math.SQRT2, t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  }
  // AUC from ranks: tied scores share their average rank.
  function auc(pos) {
    const all = neg.map((s) => [s, 0]).concat(pos.map((s) => [s, 1])).sort((a, b) => a[0] - b[0]);
    let rankSum = 0;
    for (let i = 0; i < all.length;) {
      let j = i;
      while (j + 1 < all.length && all[j + 1][0] === all[i][0]) j++;
      for (let m = i; m <= j; m++) if (all[m][1] === 1) rankSum += (i + j) / 2 + 1;
      i = j + 1;
    }
    return (rankSum - (n * (n + 1)) / 2) / (n * n);
  }
  // The ROC curve: lower the threshold past each score, from the highest.
  function roc(pos) {
    const all = neg.map((s) => [s, 0]).concat(pos.map((s) => [s, 1])).sort((a, b) => b[0] - a[0]);
    const pts = [[0, 0]];
    let tp = 0, fp = 0;
    for (let i = 0; i < all.length;) {
      let j = i;
      while (j + 1 < all.length && all[j + 1][0] === all[i][0]) j++;
      for (let m = i; m <= j; m++) all[m][1] === 1 ? tp++ : fp++;
      pts.push([fp / n, tp / n]);
      i = j + 1;
    }
    return pts;
  }

  const uid = (root.closest("figure") && root.closest("figure").id) || "roc-overlap-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 330;
  const HL = 44, HR = 372, HT = 14, HB = 282; // histogram panel
  const RL = 420, RR = 620, RT = 14, RB = 282 - 68; // ROC panel, square 200 × 200
  const XLO = -4, XHI = 8, BIN = 0.5;

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-s1", "negatives' scores (label 0)"], ["fig-s2", "positives' scores (label 1)"], ["fig-s3 fig-thick", "ROC curve"], ["fig-marker", "threshold"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" }, li);
    el("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: cls === "fig-marker" ? cls : "fig-line " + cls }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  function slider(label, id, attrs, value) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;flex-wrap:wrap;gap:0.5rem;align-items:center;flex:1 1 16rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.value = String(value);
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [sIn, sOut] = slider("separation", uid + "-sep", { min: "0", max: "4", step: "0.1" }, sep);
  const [tIn, tOut] = slider("threshold", uid + "-thr", { min: "-3", max: "7", step: "0.1" }, thr);

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    layer.replaceChildren();
    const pos = posBase.map((z) => z + sep);
    const nb = Math.round((XHI - XLO) / BIN);
    const count = (xs) => {
      const c = new Array(nb).fill(0);
      for (const s of xs) { const b = Math.floor((s - XLO) / BIN); if (b >= 0 && b < nb) c[b]++; }
      return c;
    };
    const cn = count(neg), cp = count(pos);
    const ymax = Math.max(10, Math.ceil(Math.max(...cn, ...cp) * 1.15 / 10) * 10);
    const x = (s) => HL + ((s - XLO) / (XHI - XLO)) * (HR - HL);
    const y = (c) => HB - (c / ymax) * (HB - HT);

    const grid = el("g", { class: "fig-grid" }, layer);
    el("line", { x1: HL, x2: HR, y1: HB, y2: HB, class: "fig-axis" }, grid);
    for (let t = XLO; t <= XHI; t += 4) {
      el("line", { x1: x(t), x2: x(t), y1: HT, y2: HB }, grid);
      el("text", { x: x(t), y: HB + 24, "text-anchor": "middle", class: "fig-tick" }, grid, String(t));
    }
    el("text", { x: (HL + HR) / 2, y: HB + 46, "text-anchor": "middle", class: "fig-tick" }, grid, "score");
    el("text", { x: HL - 8, y: HT + 12, "text-anchor": "end", class: "fig-tick" }, grid, String(ymax));
    el("text", { x: HL - 8, y: HB, "text-anchor": "end", class: "fig-tick" }, grid, "0");

    // Each histogram: a filled step area and its outline.
    for (const [c, cls, colour] of [[cn, "fig-s1", "--fig-1"], [cp, "fig-s2", "--fig-2"]]) {
      let d = `M${x(XLO).toFixed(1)} ${HB}`;
      for (let b = 0; b < nb; b++) d += `L${x(XLO + b * BIN).toFixed(1)} ${y(c[b]).toFixed(1)}L${x(XLO + (b + 1) * BIN).toFixed(1)} ${y(c[b]).toFixed(1)}`;
      d += `L${x(XHI).toFixed(1)} ${HB}`;
      el("path", { d: d + "Z", style: `fill:var(${colour});fill-opacity:0.18;stroke:none` }, layer);
      el("path", { d, class: "fig-line " + cls }, layer);
    }
    el("line", { x1: x(thr), x2: x(thr), y1: HT, y2: HB, class: "fig-marker" }, layer);

    // The ROC panel.
    const rx = (f) => RL + f * (RR - RL), ry = (t) => RB - t * (RB - RT);
    const rg = el("g", { class: "fig-grid" }, layer);
    el("rect", { x: RL, y: RT, width: RR - RL, height: RB - RT, style: "fill:none;stroke:var(--fig-axis)" }, rg);
    el("line", { x1: rx(0), y1: ry(0), x2: rx(1), y2: ry(1) }, rg);
    for (const t of [0, 1]) {
      el("text", { x: rx(t), y: RB + 22, "text-anchor": "middle", class: "fig-tick" }, rg, String(t));
      el("text", { x: RL - 8, y: ry(t) + 5, "text-anchor": "end", class: "fig-tick" }, rg, String(t));
    }
    el("text", { x: (RL + RR) / 2, y: RB + 44, "text-anchor": "middle", class: "fig-tick" }, rg, "false-positive rate");
    el("text", { x: RL - 8, y: (RT + RB) / 2, "text-anchor": "end", class: "fig-tick" }, rg, "TPR");
    const pts = roc(pos);
    el("path", { d: pts.map((p, i) => (i ? "L" : "M") + rx(p[0]).toFixed(1) + " " + ry(p[1]).toFixed(1)).join(""), class: "fig-line fig-s3 fig-thick" }, layer);
    const tpr = pos.filter((s) => s >= thr).length / n, fpr = neg.filter((s) => s >= thr).length / n;
    el("circle", { cx: rx(fpr), cy: ry(tpr), r: 7, style: "fill:var(--bg);stroke:var(--fig-1);stroke-width:3" }, layer);
    const a = auc(pos);
    el("text", { x: rx(0.95), y: ry(0.08), "text-anchor": "end", class: "fig-label" }, layer, `AUC ${a.toFixed(3)}`);

    sOut.textContent = sep.toFixed(1) + " sd";
    sIn.setAttribute("aria-valuetext", `separation ${sep.toFixed(1)} standard deviations`);
    tOut.textContent = thr.toFixed(1);
    tIn.setAttribute("aria-valuetext", "threshold " + thr.toFixed(1));
    title.textContent = `Histograms of ${n} negative and ${n} positive scores ${sep.toFixed(1)} standard deviations apart, and their ROC curve with area ${a.toFixed(3)}`;
    readout.textContent = `Separation ${sep.toFixed(1)} sd: AUC ${a.toFixed(3)} from the ${n} + ${n} scores ` +
      `(binormal Φ(d/√2) = ${phi(sep / Math.SQRT2).toFixed(3)}). Threshold ${thr.toFixed(1)}: ` +
      `true-positive rate ${tpr.toFixed(2)}, false-positive rate ${fpr.toFixed(2)}.`;
  }

  sIn.addEventListener("input", () => {
    const v = Number(sIn.value);
    if (Number.isFinite(v)) { sep = Math.round(v * 10) / 10; draw(); }
  });
  tIn.addEventListener("input", () => {
    const v = Number(tIn.value);
    if (Number.isFinite(v)) { thr = Math.round(v * 10) / 10; draw(); }
  });
  draw();
  root.append(svg, legend, controls, readout);
};
