// Figure component "softmax-temperature": the softmax of a few editable
// logits as bars, with a temperature slider.
//
//   ::: figure softmax-temperature {logits="2,1,0.1" t=1}
//
// logits: 2 to 8 comma-separated numbers in [-50, 50] (default "2,1,0.1");
// t: the starting temperature, 0.05 to 10 (default 1). Invalid values fall
// back to the defaults. The bars show softmax(z / T), computed stably
// (shifted by the largest logit); dashed outlines keep the bars of T = 1.
"use strict";
(window.courseFigures = window.courseFigures || {})["softmax-temperature"] = function mount(root, params) {
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

  let logits = String(params.logits || "").split(",").map((s) => Number(s.trim()));
  if (logits.length < 2 || logits.length > 8 || logits.some((z) => !Number.isFinite(z) || Math.abs(z) > 50)) {
    logits = [2, 1, 0.1];
  }
  let T = num(params.t, 1, 0.05, 10);

  function softmax(z, temp) {
    const s = z.map((v) => v / temp);
    const m = Math.max(...s);
    const e = s.map((v) => Math.exp(v - m));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  }
  const fmtP = (p) => (p >= 0.995 ? p.toFixed(3) : p < 0.005 && p > 0 ? p.toExponential(0) : p.toFixed(2));

  const uid = (root.closest("figure") && root.closest("figure").id) || "softmax-temperature-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 320, ML = 60, MR = 12, MT = 30, MB = 40;
  const y = (p) => H - MB - p * (H - MT - MB);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const grid = el("g", { class: "fig-grid", "aria-hidden": "true" }, svg);
  for (let t = 0; t <= 1.0001; t += 0.25) {
    el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t), class: t === 0 ? "fig-axis" : "" }, grid);
    el("text", { x: ML - 8, y: y(t) + 5, "text-anchor": "end", class: "fig-tick" }, grid, t === 0 || t === 1 ? String(t) : t.toFixed(2));
  }
  const bars = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [style, text] of [["fill:var(--accent);stroke:none", "softmax(z / T)"], ["fill:none;stroke:var(--fig-axis);stroke-width:2;stroke-dasharray:4 3", "T = 1, for comparison"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 16, height: 12, viewBox: "0 0 16 12", "aria-hidden": "true" }, li);
    el("rect", { x: 2, y: 1, width: 12, height: 10, style }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  html("label", { htmlFor: uid + "-t", textContent: "Temperature T" }, controls);
  const slider = html("input", { type: "range", id: uid + "-t", min: "-1.3", max: "1", step: "0.01" }, controls);
  slider.value = String(Math.log10(T));
  const tOut = html("output", { htmlFor: slider.id, className: "figure-value" }, controls);

  const inputs = html("div", { className: "figure-controls" });
  logits.forEach((z, k) => {
    const w = html("span", {}, inputs);
    w.style.cssText = "display:inline-flex;gap:0.35rem;align-items:center";
    html("label", { htmlFor: `${uid}-z${k}`, textContent: `z${k + 1}` }, w);
    const b = html("input", { type: "number", id: `${uid}-z${k}`, min: "-50", max: "50", step: "0.1" }, w);
    b.value = String(z);
    b.style.cssText = "width:4.5em;font:inherit";
    b.addEventListener("input", () => {
      const v = Number(b.value);
      if (b.value !== "" && Number.isFinite(v) && Math.abs(v) <= 50) {
        logits[k] = v;
        update();
      }
    });
  });

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function update() {
    const p = softmax(logits, T), p1 = softmax(logits, 1);
    const n = logits.length, slot = (W - ML - MR) / n, bw = Math.min(80, slot * 0.62);
    bars.replaceChildren();
    p.forEach((v, k) => {
      const cx = ML + slot * (k + 0.5);
      el("rect", { x: cx - bw / 2, y: y(v), width: bw, height: Math.max(0, y(0) - y(v)), rx: 3, style: "fill:var(--accent);opacity:0.85" }, bars);
      el("rect", { x: cx - bw / 2, y: y(p1[k]), width: bw, height: Math.max(0, y(0) - y(p1[k])),
        style: "fill:none;stroke:var(--fig-axis);stroke-width:2;stroke-dasharray:4 3" }, bars);
      el("text", { x: cx, y: y(Math.max(v, p1[k])) - 8, "text-anchor": "middle", class: "fig-tick" }, bars, fmtP(v));
      el("text", { x: cx, y: H - MB + 24, "text-anchor": "middle", class: "fig-label" }, bars, `z${k + 1}`);
    });
    const ts = T.toFixed(2);
    tOut.textContent = "T = " + ts;
    slider.setAttribute("aria-valuetext", "T = " + ts);
    const entropy = -p.reduce((a, v) => a + (v > 0 ? v * Math.log(v) : 0), 0);
    const top = p.indexOf(Math.max(...p));
    title.textContent = `Softmax probabilities of the logits ${logits.join(", ")} at temperature ${ts}`;
    readout.textContent = `Logits ${logits.join(", ")}; T = ${ts}: probabilities ${p.map(fmtP).join(", ")} ` +
      `(at T = 1: ${p1.map(fmtP).join(", ")}). Entropy ${entropy.toFixed(2)} nats, at most ln ${n} = ${Math.log(n).toFixed(2)}. ` +
      `z${top + 1} stays the most likely class at every T.`;
  }

  slider.addEventListener("input", () => {
    const v = Number(slider.value);
    if (Number.isFinite(v)) {
      T = Math.pow(10, v);
      update();
    }
  });
  update();
  root.append(svg, legend, controls, inputs, readout);
};
