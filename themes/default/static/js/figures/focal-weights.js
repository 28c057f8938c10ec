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
  const g4 = (x) => (x === 0 ? "0" : x >= 0.001 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

  let gamma = num(params.gamma, 2, 0, 5);
  let alpha = num(params.alpha, 1, 0.05, 1);
  let pt = num(params.pt, 0.9, 0.01, 0.99);
  const ce = (q) => -Math.log(q);
  const factor = (q) => alpha * Math.pow(1 - q, gamma);

  const uid = (root.closest("figure") && root.closest("figure").id) || "focal-weights-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 440, ML = 52, MR = 16;
  const top = { t: 16, b: 250, max: 5 }, bot = { t: 290, b: 400, max: 1 };
  const x = (q) => ML + q * (W - ML - MR);
  const yIn = (pan, v) => pan.b - (Math.min(v, pan.max * 2) / pan.max) * (pan.b - pan.t);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title",
    style: "width:100%;height:auto;aspect-ratio:" + W + "/" + H + ";display:block" });
  const title = el("title", { id: uid + "-title" }, svg);
  const cp = el("clipPath", { id: uid + "-clip" }, el("defs", {}, svg));
  el("rect", { x: ML, y: top.t, width: W - ML - MR, height: top.b - top.t }, cp);
  const grid = el("g", { "aria-hidden": "true" }, svg);
  const tick = "fill:var(--text-muted);font-size:12px";
  for (const [pan, step, label] of [[top, 1, "loss"], [bot, 0.25, "share kept"]]) {
    for (let t = 0; t <= pan.max + 1e-9; t += step) {
      el("line", { x1: ML, x2: W - MR, y1: yIn(pan, t), y2: yIn(pan, t), style: "stroke:var(--border);stroke-width:1" }, grid);
      el("text", { x: ML - 8, y: yIn(pan, t) + 4, "text-anchor": "end", style: tick }, grid, String(t));
    }
    const my = (pan.t + pan.b) / 2;
    el("text", { x: 14, y: my, "text-anchor": "middle", transform: `rotate(-90 14 ${my})`, style: "fill:var(--text-muted);font-size:13px" }, grid, label);
  }
  for (let t = 0; t <= 1.0001; t += 0.2) {
    for (const pan of [top, bot]) el("line", { x1: x(t), x2: x(t), y1: pan.t, y2: pan.b, style: "stroke:var(--border);stroke-width:1" }, grid);
    el("text", { x: x(t), y: bot.b + 18, "text-anchor": "middle", style: tick }, grid, t.toFixed(1));
  }
  el("text", { x: (ML + W - MR) / 2, y: H - 8, "text-anchor": "middle", style: "fill:var(--text-muted);font-size:13px" }, grid,
    "p_t, the probability given to the true class (hard ← → easy)");
  const legend = el("g", { "aria-hidden": "true" }, svg);
  [["var(--text-muted)", "5 4", "cross-entropy −ln p_t"], ["var(--accent)", "", "focal −α(1−p_t)^γ ln p_t"]].forEach(([c, dash, label], i) => {
    const ly = top.t + 16 + i * 20;
    el("line", { x1: W - MR - 230, x2: W - MR - 202, y1: ly - 4, y2: ly - 4, style: `stroke:${c};stroke-width:3;stroke-dasharray:${dash || "none"}` }, legend);
    el("text", { x: W - MR - 196, y: ly, style: "fill:var(--text);font-size:13px" }, legend, label);
  });
  const layer = el("g", {}, svg);

  function path(pan, f) {
    let d = "";
    for (let i = 0; i <= 300; i++) {
      const q = 0.002 + (0.996 * i) / 300;
      d += (i ? "L" : "M") + x(q).toFixed(2) + " " + yIn(pan, f(q)).toFixed(2);
    }
    return d;
  }

  const controls = html("div", { className: "figure-controls" });
  controls.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem 1.2rem;align-items:center;margin-top:0.5rem";
  function slider(label, id, attrs) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;gap:0.5rem;align-items:center;flex:1 1 11rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.style.flex = "1 1 5rem";
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [gIn, gOut] = slider("focal γ", uid + "-gamma", { min: "0", max: "5", step: "0.1", value: String(gamma) });
  const [aIn, aOut] = slider("class weight α", uid + "-alpha", { min: "0.05", max: "1", step: "0.05", value: String(alpha) });
  const [pIn, pOut] = slider("example's p_t", uid + "-pt", { min: "0.01", max: "0.99", step: "0.01", value: String(pt) });
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    layer.replaceChildren();
    const clipped = el("g", { "clip-path": `url(#${uid}-clip)` }, layer);
    el("path", { d: path(top, ce), style: "fill:none;stroke:var(--text-muted);stroke-width:2;stroke-dasharray:5 4" }, clipped);
    el("path", { d: path(top, (q) => factor(q) * ce(q)), style: "fill:none;stroke:var(--accent);stroke-width:3" }, clipped);
    el("path", { d: path(bot, factor), style: "fill:none;stroke:var(--accent);stroke-width:3" }, layer);
    el("line", { x1: x(pt), x2: x(pt), y1: top.t, y2: bot.b, style: "stroke:var(--caution);stroke-width:1.5;stroke-dasharray:2 3" }, layer);
    const c = ce(pt), f = factor(pt) * c;
    for (const [pan, v] of [[top, c], [top, f], [bot, factor(pt)]]) {
      el("circle", { cx: x(pt), cy: yIn(pan, v), r: 5, style: "fill:var(--bg);stroke:var(--caution);stroke-width:2.5" }, layer);
    }
    gOut.textContent = "γ = " + gamma.toFixed(1);
    aOut.textContent = "α = " + alpha.toFixed(2);
    pOut.textContent = "p_t = " + pt.toFixed(2);
    gIn.setAttribute("aria-valuetext", "gamma = " + gamma.toFixed(1));
    aIn.setAttribute("aria-valuetext", "alpha = " + alpha.toFixed(2));
    pIn.setAttribute("aria-valuetext", "p_t = " + pt.toFixed(2));
    title.textContent = `Cross-entropy and focal loss against p_t with γ = ${gamma.toFixed(1)} and α = ${alpha.toFixed(2)}`;
    const hard = factor(0.1), easy = factor(0.9);
    readout.textContent = `At p_t = ${pt.toFixed(2)}: cross-entropy ${g4(c)}, focal loss ${g4(f)}; ` +
      `the example keeps ${g4(100 * factor(pt))}% of its cross-entropy. ` +
      `A hard example (p_t = 0.1) keeps ${g4(100 * hard)}%, an easy one (p_t = 0.9) ${g4(100 * easy)}%.`;
  }
  gIn.addEventListener("input", () => { const v = Number(gIn.value); if (Number.isFinite(v)) { gamma = v; draw(); } });
  aIn.addEventListener("input", () => { const v = Number(aIn.value); if (Number.isFinite(v)) { alpha = v; draw(); } });
  pIn.addEventListener("input", () => { const v = Number(pIn.value); if (Number.isFinite(v)) { pt = v; draw(); } });
  draw();
  root.append(svg, controls, readout);
};
