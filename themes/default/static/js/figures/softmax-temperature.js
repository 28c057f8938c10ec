// Figure component "softmax-temperature": the softmax of a few editable
// logits as bars, with a temperature slider.
//
//   ::: figure softmax-temperature {logits="2,1,0.1" t=1}
//
// logits: 2 to 8 comma-separated numbers in [-50, 50] (default "2,1,0.1");
// t: the starting temperature, 0.05 to 10 (default 1). Invalid values fall
// back to the defaults. The bars show softmax(z / T), computed stably
// (shifted by the largest logit); dashed outlines show T = 1 for comparison.
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
  const fmtP = (p) => (p >= 0.995 ? p.toFixed(3) : p < 0.001 && p > 0 ? p.toExponential(0) : p.toFixed(2));

  const uid = (root.closest("figure") && root.closest("figure").id) || "softmax-temperature-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 300, ML = 52, MR = 16, MT = 24, MB = 48;
  const y = (p) => H - MB - p * (H - MT - MB);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title",
    style: "width:100%;height:auto;aspect-ratio:" + W + "/" + H + ";display:block" });
  const title = el("title", { id: uid + "-title" }, svg);
  const grid = el("g", { "aria-hidden": "true" }, svg);
  for (let t = 0; t <= 1.0001; t += 0.25) {
    el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t), style: "stroke:var(--border);stroke-width:1" }, grid);
    el("text", { x: ML - 8, y: y(t) + 4, "text-anchor": "end", class: "fig-tick", style: "fill:var(--text-muted);font-size:12px" }, grid, t.toFixed(2));
  }
  el("text", { x: 14, y: (MT + H - MB) / 2, "text-anchor": "middle", class: "fig-label", transform: `rotate(-90 14 ${(MT + H - MB) / 2})`,
    style: "fill:var(--text-muted);font-size:13px" }, grid, "probability");
  const bars = el("g", {}, svg);

  const controls = html("div", { className: "figure-controls" });
  controls.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:center;margin-top:0.5rem";
  const tWrap = html("span", {}, controls);
  tWrap.style.cssText = "display:inline-flex;gap:0.5rem;align-items:center;flex:1 1 16rem";
  const tLabel = html("label", { htmlFor: uid + "-t", textContent: "Temperature T" }, tWrap);
  const slider = html("input", { type: "range", id: uid + "-t", min: "-1.3", max: "1", step: "0.01", value: String(Math.log10(T)) }, tWrap);
  slider.style.flex = "1 1 8rem";
  slider.setAttribute("aria-valuetext", "T = " + T.toFixed(2));
  const tOut = html("output", { htmlFor: slider.id, className: "figure-value" }, tWrap);
  void tLabel;

  const inputs = html("div", { className: "figure-controls" });
  inputs.style.cssText = "display:flex;flex-wrap:wrap;gap:0.4rem 0.9rem;align-items:center;margin-top:0.4rem";
  const boxes = logits.map((z, k) => {
    const w = html("span", {}, inputs);
    w.style.cssText = "display:inline-flex;gap:0.3rem;align-items:center";
    html("label", { htmlFor: `${uid}-z${k}`, textContent: `logit z${k + 1}` }, w);
    const b = html("input", { type: "number", id: `${uid}-z${k}`, min: "-50", max: "50", step: "0.1", value: String(z) }, w);
    b.style.cssText = "width:5.5em";
    b.addEventListener("input", () => {
      const v = Number(b.value);
      if (b.value !== "" && Number.isFinite(v) && Math.abs(v) <= 50) {
        logits[k] = v;
        update();
      }
    });
    return b;
  });
  void boxes;

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function update() {
    const p = softmax(logits, T), p1 = softmax(logits, 1);
    const n = logits.length, slot = (W - ML - MR) / n, bw = Math.min(70, slot * 0.6);
    bars.replaceChildren();
    p.forEach((v, k) => {
      const cx = ML + slot * (k + 0.5);
      el("rect", { x: cx - bw / 2, y: y(v), width: bw, height: Math.max(0, y(0) - y(v)), rx: 3,
        style: "fill:var(--accent);opacity:0.85" }, bars);
      el("rect", { x: cx - bw / 2, y: y(p1[k]), width: bw, height: Math.max(0, y(0) - y(p1[k])),
        style: "fill:none;stroke:var(--text-muted);stroke-width:1.5;stroke-dasharray:4 3" }, bars);
      el("text", { x: cx, y: y(v) - 6, "text-anchor": "middle", style: "fill:var(--text);font-size:13px" }, bars, fmtP(v));
      el("text", { x: cx, y: H - MB + 18, "text-anchor": "middle", style: "fill:var(--text);font-size:13px" }, bars, `z${k + 1} = ${logits[k]}`);
      el("text", { x: cx, y: H - MB + 34, "text-anchor": "middle", style: "fill:var(--text-muted);font-size:12px" }, bars, `z/T = ${(logits[k] / T).toFixed(1)}`);
    });
    el("line", { x1: ML, x2: W - MR, y1: y(0), y2: y(0), style: "stroke:var(--text-muted);stroke-width:1" }, bars);
    const ts = T.toFixed(2);
    tOut.textContent = "T = " + ts;
    slider.setAttribute("aria-valuetext", "T = " + ts);
    const entropy = -p.reduce((a, v) => a + (v > 0 ? v * Math.log(v) : 0), 0);
    const top = p.indexOf(Math.max(...p));
    title.textContent = `Softmax probabilities of logits ${logits.join(", ")} at temperature ${ts}`;
    readout.textContent = `T = ${ts}: probabilities ${p.map(fmtP).join(", ")} (dashed: T = 1). ` +
      `Entropy ${entropy.toFixed(2)} nats of at most ${Math.log(n).toFixed(2)}. Class ${top + 1} stays the most likely at every T.`;
  }

  slider.addEventListener("input", () => {
    const v = Number(slider.value);
    if (Number.isFinite(v)) {
      T = Math.pow(10, v);
      update();
    }
  });
  update();
  root.append(svg, controls, inputs, readout);
};
