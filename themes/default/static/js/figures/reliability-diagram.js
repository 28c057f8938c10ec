// Figure component "reliability-diagram": the reliability diagram of an
// overconfident binary classifier on a validation set the page generates,
// reshaped by a temperature slider, with ECE, log loss and Brier score live.
//
//   ::: figure reliability-diagram {t=1 bins=10 n=500 k=2.5}
//
// t: the starting temperature, 0.25 to 5 (default 1); bins: 2 to 20 equal-
// width bins (default 10); n: validation examples, 50 to 2000 (default 500);
// k: how overconfident the model is, 0.2 to 5 (default 2.5). Invalid values
// fall back to the defaults.
//
// The data are those of the lesson's calibration.py: example i has the true
// log-odds t = 6 frac((i + 0.5) φ) − 3 (φ = (√5 − 1) / 2), label 1 when
// frac((i + 0.5) √2) < sigmoid(t), and the model's logit k t. A probability
// p goes into bin min(floor(p · bins), bins − 1). "Fit T" minimises the mean
// log loss over T in [0.05, 20] by bisection on its slope in 1 / T.
"use strict";
(window.courseFigures = window.courseFigures || {})["reliability-diagram"] = function mount(root, params) {
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

  let T = num(params.t, 1, 0.25, 5);
  const nBins = Math.round(num(params.bins, 10, 2, 20));
  const n = Math.round(num(params.n, 500, 50, 2000));
  const k = num(params.k, 2.5, 0.2, 5);

  const sigmoid = (x) => 0.5 * (1 + Math.tanh(x / 2));
  const PHI = (Math.sqrt(5) - 1) / 2, ROOT2 = Math.sqrt(2);
  const logits = [], labels = [];
  for (let i = 0; i < n; i++) {
    const t = 6 * (((i + 0.5) * PHI) % 1) - 3;
    labels.push(((i + 0.5) * ROOT2) % 1 < sigmoid(t) ? 1 : 0);
    logits.push(k * t);
  }

  function fitTemperature() {
    let lo = 1 / 20, hi = 1 / 0.05; // b = 1 / T; the loss is convex in b
    while (hi - lo > 1e-12) {
      const b = (lo + hi) / 2;
      let slope = 0;
      for (let i = 0; i < n; i++) slope += (sigmoid(b * logits[i]) - labels[i]) * logits[i];
      if (slope > 0) hi = b;
      else lo = b;
    }
    return 2 / (lo + hi);
  }
  function scores(temp) {
    const count = new Array(nBins).fill(0), sumP = new Array(nBins).fill(0), ones = new Array(nBins).fill(0);
    let logLoss = 0, brier = 0, right = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(logits[i] / temp), y = labels[i];
      const b = Math.min(Math.floor(p * nBins), nBins - 1);
      count[b] += 1;
      sumP[b] += p;
      ones[b] += y;
      const x = logits[i] / temp; // −ln sigmoid(±x) = softplus(∓x), stable
      const z = y ? -x : x;
      logLoss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
      brier += (p - y) * (p - y);
      right += (p >= 0.5) === (y === 1) ? 1 : 0;
    }
    let ece = 0;
    for (let b = 0; b < nBins; b++) ece += Math.abs(sumP[b] - ones[b]) / n;
    return { count, sumP, ones, ece, logLoss: logLoss / n, brier: brier / n, accuracy: right / n };
  }
  const fitted = fitTemperature();

  const uid = (root.closest("figure") && root.closest("figure").id) || "reliability-diagram-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 440, ML = 60, MR = 16, MT = 14, PB = 330, HT = 350, HB = 390;
  const x = (p) => ML + p * (W - ML - MR);
  const y = (v) => PB - v * (PB - MT);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  for (let i = 0; i <= 4; i++) {
    const v = i / 4, s = String(v);
    el("line", { x1: ML, x2: W - MR, y1: y(v), y2: y(v), class: v === 0 ? "fig-axis" : "" }, grid);
    el("text", { x: ML - 8, y: y(v) + 5, "text-anchor": "end", class: "fig-tick" }, grid, s);
    el("line", { x1: x(v), x2: x(v), y1: MT, y2: PB }, grid);
    el("text", { x: x(v), y: HB + 24, "text-anchor": "middle", class: "fig-tick" }, grid, s);
  }
  el("text", { x: ML + 8, y: MT + 18, class: "fig-label" }, grid, "fraction of label 1");
  el("text", { x: W - MR, y: HB + 44, "text-anchor": "end", class: "fig-label" }, grid, "predicted probability");
  el("text", { x: ML - 8, y: HT + 14, "text-anchor": "end", class: "fig-tick" }, grid, "count");
  el("line", { x1: ML, x2: W - MR, y1: HB, y2: HB, class: "fig-axis" }, grid);
  const bars = el("g", { "aria-hidden": "true" }, svg);
  el("path", { d: `M${x(0)} ${y(0)}L${x(1)} ${y(1)}`, class: "fig-line fig-s2" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [style, text] of [
    ["fill:var(--accent);opacity:0.8;stroke:none", "fraction of label 1 in each bin"],
    ["fill:none;stroke:var(--fig-1);stroke-width:2", "mean predicted probability (the gap to the bar is the bin's miscalibration)"],
    ["fill:none;stroke:var(--fig-2);stroke-width:2;stroke-dasharray:6 4", "perfect calibration"],
  ]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 16, height: 12, viewBox: "0 0 16 12", "aria-hidden": "true" }, li);
    el("rect", { x: 2, y: 1, width: 12, height: 10, style }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  html("label", { htmlFor: uid + "-t", textContent: "Temperature T" }, controls);
  // 200 steps on a log scale from T = 0.25 to T = 5 (both ends exact).
  const toT = (v) => 0.25 * Math.pow(20, v / 200), toStep = (temp) => String(Math.round((200 * Math.log(temp / 0.25)) / Math.log(20)));
  const slider = html("input", { type: "range", id: uid + "-t", min: "0", max: "200", step: "1" }, controls);
  slider.value = toStep(T);
  const tOut = html("output", { htmlFor: slider.id, className: "figure-value" }, controls);
  const fit = html("button", { type: "button", textContent: "Fit T on the validation set" }, controls);

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");
  const f3 = (v) => v.toFixed(3);

  function update() {
    const s = scores(T), w = (W - ML - MR) / nBins, maxCount = Math.max(...s.count);
    bars.replaceChildren();
    for (let b = 0; b < nBins; b++) {
      const x0 = ML + b * w;
      const h = s.count[b] / maxCount;
      el("rect", { x: x0 + 2, y: HB - h * (HB - HT), width: w - 4, height: h * (HB - HT), class: "fig-band" }, bars);
      if (!s.count[b]) continue;
      const frac = s.ones[b] / s.count[b], conf = s.sumP[b] / s.count[b];
      el("rect", { x: x0 + 2, y: y(frac), width: w - 4, height: Math.max(0, y(0) - y(frac)), style: "fill:var(--accent);opacity:0.8" }, bars);
      el("line", { x1: x0 + 2, x2: x0 + w - 2, y1: y(conf), y2: y(conf), class: "fig-line fig-s1 fig-thick" }, bars);
    }
    const ts = T.toFixed(2);
    tOut.textContent = "T = " + ts;
    slider.setAttribute("aria-valuetext", "T = " + ts);
    const mood = Math.abs(T - fitted) < 0.005 ? "the fitted temperature" : T < fitted ? "still overconfident" : "now underconfident";
    title.textContent = `Reliability diagram of ${n} validation examples in ${nBins} bins at temperature ${ts}`;
    readout.textContent = `T = ${ts}: ECE ${f3(s.ece)}, log loss ${f3(s.logLoss)}, Brier ${f3(s.brier)} on ${n} validation examples (${mood}; ` +
      `the fitted T is ${fitted.toFixed(2)}). Accuracy ${f3(s.accuracy)} at every T.`;
  }

  slider.addEventListener("input", () => {
    const v = Number(slider.value);
    if (Number.isFinite(v)) {
      T = toT(v);
      update();
    }
  });
  fit.addEventListener("click", () => {
    T = fitted;
    slider.value = toStep(T);
    update();
  });
  update();
  root.append(svg, legend, controls, readout);
};
