// Figure component "bce-curve": the cross-entropy −ln p of the probability
// p given to the true class, with the clipping ε marked.
//
//   ::: figure bce-curve {eps=1e-7 p=0.3 log}
//
// eps: the clipping constant, 1e-12 to 0.1 (default 1e-7); p: where the
// probe starts, 0 to 1 (default 0.3); log (a flag): start with the log p
// axis. Invalid values fall back to the defaults. p is clipped into
// [ε, 1 − ε] before the log, so the loss stops rising at −ln ε; on the log
// axis the clipped plateau below p = ε is visible.
"use strict";
(window.courseFigures = window.courseFigures || {})["bce-curve"] = function mount(root, params) {
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
  const sci = (x) => {
    if (x === 0) return "0";
    const e = Math.floor(Math.log10(x) + 1e-9), m = x / Math.pow(10, e);
    return Math.abs(m - 1) < 1e-6 ? `1e${e}` : `${m.toFixed(1)}e${e}`;
  };
  const fmt = (x) => (x >= 0.01 || x === 0 ? String(Number(x.toFixed(3))) : sci(x));

  let eps = num(params.eps, 1e-7, 1e-12, 0.1);
  let p = num(params.p, 0.3, 0, 1);
  let logAxis = params.log === "true";
  const clip = (q) => Math.min(Math.max(q, eps), 1 - eps);

  const uid = (root.closest("figure") && root.closest("figure").id) || "bce-curve-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 340, ML = 56, MR = 16, MT = 16, MB = 48;

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const cp = el("clipPath", { id: uid + "-clip" }, el("defs", {}, svg));
  el("rect", { x: ML, y: MT, width: W - ML - MR, height: H - MT - MB }, cp);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-s3 fig-thick", "clipped loss −ln(clip(p, ε, 1 − ε))"], ["fig-s4", "unclipped −ln p"], ["fig-marker", "ε and the ceiling −ln ε"]]) {
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
  const [pIn, pOut] = slider("p of the true class", uid + "-p", { min: "0", max: "1", step: "0.001" }, p);
  const [eIn, eOut] = slider("ε", uid + "-eps", { min: "-12", max: "-1", step: "0.5" }, Math.log10(eps));
  const cw = html("span", {}, controls);
  cw.style.cssText = "display:inline-flex;gap:0.4rem;align-items:center";
  const box = html("input", { type: "checkbox", id: uid + "-log", checked: logAxis }, cw);
  html("label", { htmlFor: box.id, textContent: "log p axis" }, cw);

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    layer.replaceChildren();
    const ceil = -Math.log(eps);
    const ymax = Math.max(5, Math.ceil(ceil * 1.12));
    const lo = logAxis ? Math.min(1e-3, eps / 100) : 0;
    const x = logAxis
      ? (q) => ML + ((Math.log10(Math.max(q, lo)) - Math.log10(lo)) / -Math.log10(lo)) * (W - ML - MR)
      : (q) => ML + q * (W - ML - MR);
    const y = (v) => H - MB - (v / ymax) * (H - MT - MB);
    const ystep = ymax > 12 ? 5 : ymax > 6 ? 2 : 1;
    const grid = el("g", { class: "fig-grid" }, layer);
    for (let t = 0; t <= ymax; t += ystep) {
      el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t), class: t === 0 ? "fig-axis" : "" }, grid);
      el("text", { x: ML - 8, y: y(t) + 5, "text-anchor": "end", class: "fig-tick" }, grid, String(t));
    }
    const xt = logAxis ? [] : [0, 0.25, 0.5, 0.75, 1];
    if (logAxis) {
      const first = Math.ceil(Math.log10(lo)), stepE = Math.max(1, Math.ceil(-first / 4));
      for (let e = 0; e >= first; e -= stepE) xt.push(Math.pow(10, e));
    }
    for (const t of xt) {
      el("line", { x1: x(t), x2: x(t), y1: MT, y2: H - MB }, grid);
      const edge = x(t) > W - MR - 30; // the last label ends at the edge instead of crossing it
      el("text", { x: edge ? W - MR : x(t), y: H - MB + 22, "text-anchor": edge ? "end" : "middle", class: "fig-tick" }, grid, logAxis ? sci(t) : String(t));
    }

    // The unclipped loss (dotted) and the clipped one (thick).
    const n = 400;
    let raw = "", clipped = "";
    for (let i = 0; i <= n; i++) {
      const q = logAxis ? Math.pow(10, Math.log10(lo) * (1 - i / n)) : Math.max(i / n, 1e-9);
      raw += (i ? "L" : "M") + x(q).toFixed(2) + " " + y(Math.min(-Math.log(q), ymax * 2)).toFixed(2);
      clipped += (i ? "L" : "M") + x(q).toFixed(2) + " " + y(-Math.log(clip(q))).toFixed(2);
    }
    const curves = el("g", { "clip-path": `url(#${uid}-clip)` }, layer);
    el("path", { d: raw, class: "fig-line fig-s4" }, curves);
    el("path", { d: clipped, class: "fig-line fig-s3 fig-thick" }, curves);

    // ε marked: the ceiling −ln ε and, where it is visible, p = ε.
    el("line", { x1: ML, x2: W - MR, y1: y(ceil), y2: y(ceil), class: "fig-marker" }, layer);
    el("text", { x: W - MR - 4, y: y(ceil) - 8, "text-anchor": "end", class: "fig-note-text" }, layer, `−ln ε = ${ceil.toFixed(2)}`);
    if (x(eps) - ML > 3) {
      el("line", { x1: x(eps), x2: x(eps), y1: MT, y2: H - MB, class: "fig-marker" }, layer);
      el("text", { x: x(eps) + 6, y: H - MB - 8, class: "fig-note-text" }, layer, "p = ε");
    }

    // The probe.
    const loss = -Math.log(clip(p));
    el("circle", { cx: x(Math.max(p, lo)), cy: y(loss), r: 7, style: "fill:var(--bg);stroke:var(--fig-1);stroke-width:3" }, layer);

    pOut.textContent = "p = " + fmt(p);
    pIn.setAttribute("aria-valuetext", "p = " + fmt(p));
    eOut.textContent = "ε = " + sci(eps);
    eIn.setAttribute("aria-valuetext", "epsilon = " + sci(eps));
    title.textContent = `The loss −ln p against p${logAxis ? " on a log scale" : ""}, clipped at ε = ${sci(eps)} (ceiling ${ceil.toFixed(2)})`;
    const unclipped = p === 0 ? "infinite (ln 0 is undefined)" : (-Math.log(p)).toFixed(4);
    const note = clip(p) !== p ? ` p is clipped to ${fmt(clip(p))}; without clipping the loss would be ${unclipped}.` : "";
    readout.textContent = `p = ${fmt(p)}: loss ${loss.toFixed(4)}.${note} ε = ${sci(eps)}, so no loss exceeds −ln ε = ${ceil.toFixed(2)}.`;
  }

  pIn.addEventListener("input", () => {
    const v = Number(pIn.value);
    if (Number.isFinite(v)) { p = v; draw(); }
  });
  eIn.addEventListener("input", () => {
    const v = Number(eIn.value);
    if (Number.isFinite(v)) { eps = Math.pow(10, v); draw(); }
  });
  box.addEventListener("change", () => { logAxis = box.checked; draw(); });
  draw();
  root.append(svg, legend, controls, readout);
};
