// Figure component "lr-curves": full-batch gradient descent on the
// training-loop lesson's line, the loss against the step for a learning
// rate the reader chooses.
//
//   ::: figure lr-curves {lr=0.3 steps=50}
//
// lr: 0.05 to 1.5 in steps of 0.05 (default 0.3); steps: 10 to 200 (default
// 50). Invalid values fall back to the defaults. The data and the model are
// the lesson's runnable blocks': x = 21 points evenly from -1 to 1,
// y = 2x - 1 + 0.2(-1)^i, the model y = wx + b from w = b = 0, the mean
// squared error, plain SGD on the whole batch (computed here in float64;
// the lesson's torch run in float32 agrees to the four digits shown).
// scripts/figures/lr-curves.py draws the fallback with the same numbers.
"use strict";
(window.courseFigures = window.courseFigures || {})["lr-curves"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
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
  const num = (v, def, lo, hi) => {
    const x = Number(v);
    return v !== undefined && v !== "" && Number.isFinite(x) && x >= lo && x <= hi ? x : def;
  };
  // Python's format(v, ".4g"), so that the readout quotes the lesson's output.
  function g4(v) {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (v === 0) return "0";
    const strip = (m) => (m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m);
    let [m, e] = v.toExponential(3).split("e");
    let exp = Number(e);
    if (exp < -4 || exp >= 4) return strip(m) + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
    return strip(v.toFixed(Math.max(0, 3 - exp)));
  }

  let lr = Math.round(num(params.lr, 0.3, 0.05, 1.5) * 20) / 20;
  const steps = Math.round(num(params.steps, 50, 10, 200));

  const N = 21;
  const xs = Array.from({ length: N }, (_, i) => -1 + (2 * i) / (N - 1));
  const ys = xs.map((x, i) => 2 * x - 1 + 0.2 * (i % 2 ? -1 : 1));
  const mean = (f) => xs.reduce((s, x, i) => s + f(x, ys[i]), 0) / N;
  const loss = (w, b) => mean((x, y) => (w * x + b - y) ** 2);
  // Least squares (x has mean 0 here, but solve the general 2 × 2 system).
  const mx = mean((x) => x), my = mean((x, y) => y), mxx = mean((x) => x * x), mxy = mean((x, y) => x * y);
  const wBest = (mxy - mx * my) / (mxx - mx * mx), bBest = my - wBest * mx;
  const best = loss(wBest, bBest);
  const curvW = 2 * mxx, curvB = 2; // the Hessian's diagonal; its off-diagonal 2·mean(x) is 0

  function run(rate) {
    let w = 0, b = 0;
    const out = [loss(w, b)];
    for (let s = 0; s < steps; s++) {
      const gw = mean((x, y) => 2 * (w * x + b - y) * x);
      const gb = mean((x, y) => 2 * (w * x + b - y));
      w -= rate * gw;
      b -= rate * gb;
      out.push(loss(w, b));
    }
    return out;
  }

  const uid = (root.closest("figure") && root.closest("figure").id) || "lr-curves-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 330, ML = 60, MR = 16, MT = 14, MB = 44;
  const LO = -2, HI = 4; // log10 of the loss axis
  const X = (s) => ML + (s / steps) * (W - ML - MR);
  const Y = (v) => {
    const l = Number.isFinite(v) && v > 0 ? Math.log10(v) : HI + 1;
    return MT + ((HI - Math.min(Math.max(l, LO), HI + 0.3)) / (HI - LO)) * (H - MT - MB);
  };

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  for (let p = LO; p <= HI; p++) {
    el("line", { x1: ML, x2: W - MR, y1: Y(10 ** p), y2: Y(10 ** p), class: p === LO ? "fig-axis" : "" }, grid);
    el("text", { x: ML - 8, y: Y(10 ** p) + 5, "text-anchor": "end", class: "fig-tick" }, grid, p >= 0 ? String(10 ** p) : String(10 ** p));
  }
  for (let i = 0; i <= 5; i++) {
    const s = Math.round((i * steps) / 5);
    el("line", { x1: X(s), x2: X(s), y1: MT, y2: H - MB }, grid);
    el("text", { x: X(s), y: H - MB + 20, "text-anchor": "middle", class: "fig-tick" }, grid, String(s));
  }
  el("text", { x: (ML + W - MR) / 2, y: H - 6, "text-anchor": "middle", class: "fig-label" }, grid, "step");
  el("text", { x: ML + 8, y: MT + 16, class: "fig-label" }, grid, "loss (log scale)");
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-line fig-s1 fig-thick", "loss at the chosen learning rate"], ["fig-marker", "least-squares minimum"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" }, li);
    el("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: cls }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  html("label", { htmlFor: uid + "-lr", textContent: "learning rate" }, controls);
  const lrIn = html("input", { type: "range", id: uid + "-lr", min: "0.05", max: "1.5", step: "0.05" }, controls);
  lrIn.value = String(lr);
  const lrOut = html("output", { htmlFor: uid + "-lr", className: "figure-value" }, controls);
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    const curve = run(lr);
    layer.replaceChildren();
    el("line", { x1: ML, x2: W - MR, y1: Y(best), y2: Y(best), class: "fig-marker" }, layer);
    let d = "";
    curve.forEach((v, s) => { d += (s ? "L" : "M") + X(s).toFixed(2) + " " + Y(v).toFixed(2); });
    el("path", { d, class: "fig-line fig-s1 fig-thick" }, layer);
    const last = curve[steps];
    const fb = 1 - curvB * lr, fw = 1 - curvW * lr;
    const f2 = (v) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(2);
    const verdict = Math.abs(fb) > 1 || Math.abs(fw) > 1 ? "the error grows every step: the loss diverges"
      : Math.abs(fb) === 1 || Math.abs(fw) === 1 ? "the bias jumps between two values for ever: no convergence"
      : "both errors shrink: the loss converges";
    lrOut.textContent = "lr = " + lr.toFixed(2);
    lrIn.setAttribute("aria-valuetext", "learning rate " + lr.toFixed(2));
    title.textContent = `Loss against the step for learning rate ${lr.toFixed(2)}: ${g4(last)} after ${steps} steps`;
    readout.textContent = `lr = ${lr.toFixed(2)}: loss ${g4(curve[0])} at the start, ${g4(last)} after ${steps} steps ` +
      `(the least-squares minimum is ${g4(best)}). Each step multiplies the bias's error by 1 − 2·lr = ${f2(fb)} ` +
      `and the slope's by 1 − ${curvW.toFixed(3)}·lr = ${f2(fw)}: ${verdict}.`;
  }
  lrIn.addEventListener("input", () => {
    const v = Number(lrIn.value);
    if (Number.isFinite(v)) { lr = Math.round(v * 20) / 20; draw(); }
  });
  draw();
  root.append(svg, legend, controls, readout);
};
