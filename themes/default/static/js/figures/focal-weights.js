// Figure component "focal-weights": how a class weight α and the focal
// exponent γ reweight an example according to p_t, the probability the
// model gives its true class.
//
//   ::: figure focal-weights {gamma=2 alpha=1 pt=0.9}
//
// gamma: 0 to 5 (default 2); alpha: 0.05 to 1 (default 1); pt: the probe,
// 0.01 to 0.99 (default 0.9). Invalid values fall back to the defaults.
// The top panel shows the cross-entropy −ln p_t and the focal loss
// −α (1 − p_t)^γ ln p_t; the bottom panel the factor α (1 − p_t)^γ, the
// share of its cross-entropy an example keeps.
"use strict";
(window.courseFigures = window.courseFigures || {})["focal-weights"] = function mount(root, params) {
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
  const g3 = (x) => (x === 0 ? "0" : x >= 0.001 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

  let gamma = num(params.gamma, 2, 0, 5);
  let alpha = num(params.alpha, 1, 0.05, 1);
  let pt = num(params.pt, 0.9, 0.01, 0.99);
  const ce = (q) => -Math.log(q);
  const factor = (q) => alpha * Math.pow(1 - q, gamma);

  const uid = (root.closest("figure") && root.closest("figure").id) || "focal-weights-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 460, ML = 56, MR = 16;
  const top = { t: 14, b: 250, max: 5 }, bot = { t: 290, b: 410, max: 1 };
  const x = (q) => ML + q * (W - ML - MR);
  const yIn = (pan, v) => pan.b - (Math.min(v, pan.max * 2) / pan.max) * (pan.b - pan.t);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const cp = el("clipPath", { id: uid + "-clip" }, el("defs", {}, svg));
  el("rect", { x: ML, y: top.t, width: W - ML - MR, height: top.b - top.t }, cp);
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  for (const [pan, step, label] of [[top, 1, "loss"], [bot, 0.5, "share"]]) {
    for (let t = 0; t <= pan.max + 1e-9; t += step) {
      el("line", { x1: ML, x2: W - MR, y1: yIn(pan, t), y2: yIn(pan, t), class: t === 0 ? "fig-axis" : "" }, grid);
      el("text", { x: ML - 8, y: yIn(pan, t) + 5, "text-anchor": "end", class: "fig-tick" }, grid, String(t));
    }
    el("text", { x: ML + 8, y: pan.t + 18, class: "fig-label" }, grid, label);
  }
  for (let i = 0; i <= 4; i++) {
    const t = i / 4;
    for (const pan of [top, bot]) el("line", { x1: x(t), x2: x(t), y1: pan.t, y2: pan.b }, grid);
    el("text", { x: x(t), y: bot.b + 24, "text-anchor": "middle", class: "fig-tick" }, grid, String(t));
  }
  el("text", { x: (ML + W - MR) / 2, y: H - 8, "text-anchor": "middle", class: "fig-label" }, grid, "p_t  (hard ← → easy)");
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-s2", "cross-entropy −ln p_t"], ["fig-s3 fig-thick", "focal loss, and its share α(1 − p_t)^γ"], ["fig-marker", "the probed example"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" }, li);
    el("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: cls === "fig-marker" ? cls : "fig-line " + cls }, key);
    li.append(text);
  }

  function path(pan, f) {
    let d = "";
    for (let i = 0; i <= 300; i++) {
      const q = 0.002 + (0.996 * i) / 300;
      d += (i ? "L" : "M") + x(q).toFixed(2) + " " + yIn(pan, f(q)).toFixed(2);
    }
    return d;
  }

  const controls = html("div", { className: "figure-controls" });
  function slider(label, id, attrs, value) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;flex-wrap:wrap;gap:0.5rem;align-items:center;flex:1 1 14rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.value = String(value);
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [gIn, gOut] = slider("focal γ", uid + "-gamma", { min: "0", max: "5", step: "0.1" }, gamma);
  const [aIn, aOut] = slider("class weight α", uid + "-alpha", { min: "0.05", max: "1", step: "0.05" }, alpha);
  const [pIn, pOut] = slider("example's p_t", uid + "-pt", { min: "0.01", max: "0.99", step: "0.01" }, pt);
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    layer.replaceChildren();
    const clipped = el("g", { "clip-path": `url(#${uid}-clip)` }, layer);
    el("path", { d: path(top, ce), class: "fig-line fig-s2" }, clipped);
    el("path", { d: path(top, (q) => factor(q) * ce(q)), class: "fig-line fig-s3 fig-thick" }, clipped);
    el("path", { d: path(bot, factor), class: "fig-line fig-s3 fig-thick" }, layer);
    el("line", { x1: x(pt), x2: x(pt), y1: top.t, y2: bot.b, class: "fig-marker" }, layer);
    const c = ce(pt), f = factor(pt) * c;
    for (const [pan, v] of [[top, c], [top, f], [bot, factor(pt)]]) {
      el("circle", { cx: x(pt), cy: yIn(pan, v), r: 6, style: "fill:var(--bg);stroke:var(--fig-1);stroke-width:3" }, layer);
    }
    gOut.textContent = "γ = " + gamma.toFixed(1);
    aOut.textContent = "α = " + alpha.toFixed(2);
    pOut.textContent = "p_t = " + pt.toFixed(2);
    gIn.setAttribute("aria-valuetext", "gamma = " + gamma.toFixed(1));
    aIn.setAttribute("aria-valuetext", "alpha = " + alpha.toFixed(2));
    pIn.setAttribute("aria-valuetext", "p_t = " + pt.toFixed(2));
    title.textContent = `Cross-entropy and focal loss against p_t, with γ = ${gamma.toFixed(1)} and α = ${alpha.toFixed(2)}`;
    readout.textContent = `γ = ${gamma.toFixed(1)}, α = ${alpha.toFixed(2)}. At p_t = ${pt.toFixed(2)}: cross-entropy ${g3(c)}, ` +
      `focal loss ${g3(f)}, so the example keeps ${g3(100 * factor(pt))}% of its cross-entropy. ` +
      `A hard example (p_t = 0.1) keeps ${g3(100 * factor(0.1))}%, an easy one (p_t = 0.9) ${g3(100 * factor(0.9))}%.`;
  }
  gIn.addEventListener("input", () => { const v = Number(gIn.value); if (Number.isFinite(v)) { gamma = v; draw(); } });
  aIn.addEventListener("input", () => { const v = Number(aIn.value); if (Number.isFinite(v)) { alpha = v; draw(); } });
  pIn.addEventListener("input", () => { const v = Number(pIn.value); if (Number.isFinite(v)) { pt = v; draw(); } });
  draw();
  root.append(svg, legend, controls, readout);
};
