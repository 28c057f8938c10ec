// Figure component "early-stopping-curves": training and validation loss
// over 30 epochs, where early stopping with a given patience and min_delta
// ends training, and which epoch's checkpoint it keeps.
//
//   ::: figure early-stopping-curves {patience=3 min_delta=0}
//
// patience: 1 to 10 (default 3); min_delta: 0 to 0.05 (default 0). Invalid
// values fall back to the defaults. The curves are those of the lesson's
// early_stopping.py block (validation loss rounded to 4 decimals, as there),
// and the rule is the lesson's: epoch t improves when v_t < best − min_delta
// (strictly); training stops after `patience` epochs in a row without an
// improvement. scripts/figures/early-stopping-curves.py draws the fallback.
"use strict";
(window.courseFigures = window.courseFigures || {})["early-stopping-curves"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const EPOCHS = 30;
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
  const round4 = (v) => Math.round(v * 1e4) / 1e4;
  const val = [], train = [];
  for (let e = 0; e < EPOCHS; e++) {
    val.push(round4(0.30 + 0.65 * Math.exp(-e / 4) + 0.0009 * e * e + 0.015 * Math.sin(2.3 * e)));
    train.push(0.08 + 0.87 * Math.exp(-e / 5));
  }

  let patience = Math.round(num(params.patience, 3, 1, 10));
  let minDelta = num(params.min_delta, 0, 0, 0.05);

  // The lesson's early_stop(): [epochs run, best epoch, best value].
  function earlyStop(p, delta) {
    let best = null, bestEpoch = null, bad = 0;
    for (let e = 0; e < EPOCHS; e++) {
      const v = val[e];
      if (best === null || v < best - delta) {
        best = v; bestEpoch = e; bad = 0;
      } else if (++bad === p) {
        return [e + 1, bestEpoch, best];
      }
    }
    return [EPOCHS, bestEpoch, best];
  }

  const uid = (root.closest("figure") && root.closest("figure").id) || "early-stopping-curves-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 340, ML = 52, MR = 16, MT = 14, MB = 44, YMAX = 1.2;
  const x = (e) => ML + (e / (EPOCHS - 1)) * (W - ML - MR);
  const y = (v) => H - MB - (v / YMAX) * (H - MT - MB);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  for (let t = 0; t <= YMAX + 1e-9; t += 0.2) {
    el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t), class: t === 0 ? "fig-axis" : "" }, grid);
    el("text", { x: ML - 8, y: y(t) + 5, "text-anchor": "end", class: "fig-tick" }, grid, t.toFixed(1));
  }
  for (let e = 0; e < EPOCHS; e += 5) {
    el("line", { x1: x(e), x2: x(e), y1: MT, y2: H - MB }, grid);
    el("text", { x: x(e), y: H - MB + 20, "text-anchor": "middle", class: "fig-tick" }, grid, String(e));
  }
  el("text", { x: (ML + W - MR) / 2, y: H - 6, "text-anchor": "middle", class: "fig-label" }, grid, "epoch");
  el("text", { x: ML + 8, y: MT + 16, class: "fig-label" }, grid, "loss");
  const line = (vs) => vs.map((v, e) => (e ? "L" : "M") + x(e).toFixed(1) + " " + y(v).toFixed(1)).join("");
  const curves = el("g", { "aria-hidden": "true" }, svg);
  el("path", { d: line(train), class: "fig-line fig-s2" }, curves);
  el("path", { d: line(val), class: "fig-line fig-s1 fig-thick" }, curves);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-line fig-s2", "training loss"], ["fig-line fig-s1 fig-thick", "validation loss"],
    ["fig-marker", "where training stops"], ["ring", "checkpoint kept (best epoch)"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 14, viewBox: "0 0 28 14", "aria-hidden": "true" }, li);
    if (cls === "ring") el("circle", { cx: 14, cy: 7, r: 5, style: "fill:var(--bg);stroke:var(--fig-3);stroke-width:3" }, key);
    else el("line", { x1: 2, x2: 26, y1: 7, y2: 7, class: cls }, key);
    li.append(text);
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
  const [pIn, pOut] = slider("patience", uid + "-patience", { min: "1", max: "10", step: "1" }, patience);
  const [dIn, dOut] = slider("min_delta", uid + "-min-delta", { min: "0", max: "0.05", step: "0.005" }, minDelta);
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    const [run, bestEpoch, best] = earlyStop(patience, minDelta);
    layer.replaceChildren();
    if (run < EPOCHS) {
      el("rect", { x: x(run - 1), y: MT, width: x(EPOCHS - 1) - x(run - 1), height: H - MT - MB, class: "fig-band", style: "opacity:0.6" }, layer);
    }
    el("line", { x1: x(run - 1), x2: x(run - 1), y1: MT, y2: H - MB, class: "fig-marker" }, layer);
    el("circle", { cx: x(bestEpoch), cy: y(best), r: 7, style: "fill:var(--bg);stroke:var(--fig-3);stroke-width:3" }, layer);
    const d = minDelta.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
    pOut.textContent = String(patience);
    dOut.textContent = d;
    pIn.setAttribute("aria-valuetext", "patience " + patience);
    dIn.setAttribute("aria-valuetext", "min_delta " + d);
    const stop = run < EPOCHS ? `training stops after ${run} epochs (the last is epoch ${run - 1})` : `training runs all ${EPOCHS} epochs`;
    const text = `Patience ${patience}, min_delta ${d}: ${stop} and keeps the checkpoint of epoch ${bestEpoch} (validation loss ${best}).`;
    readout.textContent = text;
    title.textContent = "Training and validation loss over 30 epochs. " + text;
  }
  pIn.addEventListener("input", () => { const v = Number(pIn.value); if (Number.isInteger(v)) { patience = v; draw(); } });
  dIn.addEventListener("input", () => { const v = Number(dIn.value); if (Number.isFinite(v)) { minDelta = v; draw(); } });
  draw();
  root.append(svg, legend, controls, readout);
};
