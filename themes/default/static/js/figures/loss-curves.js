// Figure component "loss-curves": MSE (r²), MAE (|r|) and Huber loss against
// the residual r, with a slider for Huber's δ.
//
//   ::: figure loss-curves {delta=1 max=4}
//
// delta: Huber's threshold (default 1, from 0.1 to max); max: the residual
// range shown, -max to max (default 4, from 1 to 20). Invalid values fall
// back to the defaults. Huber uses the δ-scaled convention, stated in the
// figure: r²/2 for |r| ≤ δ, δ(|r| − δ/2) beyond.
"use strict";
(window.courseFigures = window.courseFigures || {})["loss-curves"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const num = (v, def, lo, hi) => {
    const x = Number(v);
    return v !== undefined && v !== "" && Number.isFinite(x) && x >= lo && x <= hi ? x : def;
  };
  const max = num(params.max, 4, 1, 20);
  let delta = num(params.delta, Math.min(1, max), 0.1, max);
  delta = Math.round(delta * 10) / 10;

  const mse = (r) => r * r;
  const mae = (r) => Math.abs(r);
  const huber = (r, d) => (Math.abs(r) <= d ? (r * r) / 2 : d * (Math.abs(r) - d / 2));
  const fmt = (x) => (Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(2).replace(/0$/, ""));

  // Geometry: a 640×360 viewBox that scales with the column width.
  const W = 640, H = 360, ML = 52, MR = 16, MT = 16, MB = 44;
  const ymax = Math.max((max * max) / 2, max); // Huber and MAE always fit; MSE leaves the top
  const x = (r) => ML + ((r + max) / (2 * max)) * (W - ML - MR);
  const y = (v) => H - MB - (v / ymax) * (H - MT - MB);

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function step(range, ticks) {
    const raw = range / ticks;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  function path(f) {
    const n = 240;
    let d = "";
    for (let i = 0; i <= n; i++) {
      const r = -max + (2 * max * i) / n;
      d += (i ? "L" : "M") + x(r).toFixed(2) + " " + y(f(r)).toFixed(2);
    }
    return d;
  }

  const uid = (root.closest("figure") && root.closest("figure").id) || "loss-curves-" + Math.random().toString(36).slice(2, 8);

  const svg = el("svg", {
    viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title",
  });
  const title = el("title", { id: uid + "-title" }, svg);
  const defs = el("defs", {}, svg);
  const clip = el("clipPath", { id: uid + "-clip" }, defs);
  el("rect", { x: ML, y: MT, width: W - ML - MR, height: H - MT - MB }, clip);

  // Grid, axes and ticks.
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  const xs = step(2 * max, 8), ys = step(ymax, 5);
  for (let t = -Math.floor(max / xs) * xs; t <= max + 1e-9; t += xs) {
    el("line", { x1: x(t), x2: x(t), y1: MT, y2: H - MB }, grid);
    el("text", { x: x(t), y: H - MB + 18, class: "fig-tick", "text-anchor": "middle" }, grid, fmt(t));
  }
  for (let t = 0; t <= ymax + 1e-9; t += ys) {
    el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t) }, grid);
    el("text", { x: ML - 8, y: y(t) + 4, class: "fig-tick", "text-anchor": "end" }, grid, fmt(t));
  }
  el("line", { x1: ML, x2: W - MR, y1: y(0), y2: y(0), class: "fig-axis" }, grid);
  el("line", { x1: x(0), x2: x(0), y1: MT, y2: H - MB, class: "fig-axis" }, grid);
  el("text", { x: (ML + W - MR) / 2, y: H - 6, class: "fig-label", "text-anchor": "middle" }, grid, "residual r");
  el("text", { x: 14, y: (MT + H - MB) / 2, class: "fig-label", "text-anchor": "middle",
    transform: `rotate(-90 14 ${(MT + H - MB) / 2})` }, grid, "loss");

  // The quadratic zone of Huber, |r| ≤ δ.
  const band = el("rect", { y: MT, height: H - MT - MB, class: "fig-band", "aria-hidden": "true" }, svg);
  const left = el("line", { y1: MT, y2: H - MB, class: "fig-marker", "aria-hidden": "true" }, svg);
  const right = el("line", { y1: MT, y2: H - MB, class: "fig-marker", "aria-hidden": "true" }, svg);
  const bandLabel = el("text", { y: MT + 14, class: "fig-note-text", "text-anchor": "middle", "aria-hidden": "true" }, svg);

  const curves = el("g", { "clip-path": `url(#${uid}-clip)`, "aria-hidden": "true" }, svg);
  el("path", { d: path(mse), class: "fig-line fig-s1" }, curves);
  el("path", { d: path(mae), class: "fig-line fig-s2" }, curves);
  const hub = el("path", { class: "fig-line fig-s3 fig-thick" }, curves);

  // Legend, in HTML so that it stays legible at any width.
  const legend = document.createElement("ul");
  legend.className = "figure-legend";
  for (const [cls, text] of [["fig-s1", "MSE  r²"], ["fig-s2", "MAE  |r|"], ["fig-s3 fig-thick", "Huber (δ)"]]) {
    const li = document.createElement("li");
    const key = el("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" });
    el("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: "fig-line " + cls }, key);
    li.append(key, text);
    legend.appendChild(li);
  }

  // Controls and live numbers.
  const controls = document.createElement("div");
  controls.className = "figure-controls";
  const label = document.createElement("label");
  label.htmlFor = uid + "-delta";
  label.textContent = "Huber δ";
  const slider = document.createElement("input");
  Object.assign(slider, { type: "range", id: uid + "-delta", min: "0.1", max: String(max), step: "0.1", value: String(delta) });
  const out = document.createElement("output");
  out.htmlFor = slider.id;
  out.className = "figure-value";
  controls.append(label, slider, out);

  const readout = document.createElement("p");
  readout.className = "figure-readout";
  readout.setAttribute("aria-live", "polite");

  const note = document.createElement("p");
  note.className = "figure-note";
  note.textContent =
    "Huber, δ-scaled convention: r²/2 for |r| ≤ δ, δ(|r| − δ/2) for |r| > δ: quadratic (half of MSE) inside ±δ, " +
    "linear with slope δ outside. MSE leaves the plot above " + fmt(ymax) + ".";

  function update() {
    const d = delta;
    band.setAttribute("x", x(-d));
    band.setAttribute("width", x(d) - x(-d));
    for (const [line, r] of [[left, -d], [right, d]]) {
      line.setAttribute("x1", x(r));
      line.setAttribute("x2", x(r));
    }
    bandLabel.setAttribute("x", x(0));
    bandLabel.textContent = x(d) - x(-d) > 70 ? "|r| ≤ δ" : "";
    hub.setAttribute("d", path((r) => huber(r, d)));
    const ds = d.toFixed(1);
    out.textContent = "δ = " + ds;
    title.textContent = `MSE, MAE and Huber loss against the residual r from −${fmt(max)} to ${fmt(max)}, δ = ${ds}`;
    readout.textContent = `δ = ${ds}. At r = ${fmt(max)}: MSE ${fmt(mse(max))}, MAE ${fmt(mae(max))}, Huber ${fmt(huber(max, d))}.`;
  }

  slider.addEventListener("input", () => {
    const v = Number(slider.value);
    if (Number.isFinite(v)) {
      delta = v;
      update();
    }
  });
  update();
  root.append(svg, legend, controls, readout, note);
};
