// Figure component "finite-difference": the tangent of f at x against the
// forward secant (through x and x + h) and the central secant (through
// x − h and x + h), and the error of each slope as h shrinks.
//
//   ::: figure finite-difference {fn=sin x=1 h=0.5}
//
// fn: sin, cube or exp (default sin); x: the point, −2 to 2 (default 1);
// h: the step, 1e-12 to 1 (default 0.5). Invalid values fall back to the
// defaults. The bottom panel plots |estimate − f′(x)| against h on log
// scales, computed in double precision like Python floats: the truncation
// error falls as h shrinks until rounding error takes over.
"use strict";
(window.courseFigures = window.courseFigures || {})["finite-difference"] = function mount(root, params) {
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
  const sci = (v) => (v === 0 ? "0" : v.toExponential(1).replace("e+", "e"));

  const FNS = {
    sin: { label: "sin x", f: Math.sin, d: Math.cos },
    cube: { label: "x³", f: (x) => x * x * x, d: (x) => 3 * x * x },
    exp: { label: "eˣ", f: Math.exp, d: Math.exp },
  };
  let fn = Object.prototype.hasOwnProperty.call(FNS, params.fn) ? params.fn : "sin";
  let x0 = num(params.x, 1, -2, 2);
  let h = num(params.h, 0.5, 1e-12, 1);
  const forward = (F, x, s) => (F.f(x + s) - F.f(x)) / s;
  const central = (F, x, s) => (F.f(x + s) - F.f(x - s)) / (2 * s);

  const uid = (root.closest("figure") && root.closest("figure").id) || "finite-difference-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 540, ML = 72, MR = 16;
  const top = { t: 12, b: 240 }, bot = { t: 300, b: 488 };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const cp = el("clipPath", { id: uid + "-clip" }, el("defs", {}, svg));
  el("rect", { x: ML, y: top.t, width: W - ML - MR, height: top.b - top.t }, cp);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [cls, text] of [["fig-s3", "tangent, slope f′(x)"], ["fig-s2", "forward secant (x, x + h) and its error"], ["fig-s4", "central secant (x − h, x + h) and its error"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" }, li);
    el("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: "fig-line " + cls }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  function slider(label, id, attrs, value) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;flex-wrap:wrap;gap:0.5rem;align-items:center;flex:1 1 15rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.value = String(value);
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [hIn, hOut] = slider("step h", uid + "-h", { min: "-12", max: "0", step: "0.1" }, Math.log10(h));
  const [xIn, xOut] = slider("point x", uid + "-x", { min: "-2", max: "2", step: "0.1" }, x0);
  const sw = html("span", {}, controls);
  sw.style.cssText = "display:inline-flex;gap:0.5rem;align-items:center";
  html("label", { htmlFor: uid + "-fn", textContent: "function f" }, sw);
  const sel = html("select", { id: uid + "-fn" }, sw);
  for (const [k, v] of Object.entries(FNS)) sel.appendChild(Object.assign(document.createElement("option"), { value: k, textContent: v.label }));
  sel.value = fn;
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  const line = (parent, x1, y1, x2, y2, cls) => el("line", { x1, y1, x2, y2, class: cls }, parent);
  const text = (parent, x, y, s, cls, anchor) => el("text", { x, y, "text-anchor": anchor || "middle", class: cls || "fig-tick" }, parent, s);

  function draw() {
    layer.replaceChildren();
    const F = FNS[fn];
    const d = F.d(x0), fw = forward(F, x0, h), ce = central(F, x0, h);

    // Top panel: f, the tangent and the two secants on [x0 − 2, x0 + 2].
    const xa = x0 - 2, xb = x0 + 2;
    let ylo = Infinity, yhi = -Infinity;
    for (let i = 0; i <= 200; i++) {
      const v = F.f(xa + (4 * i) / 200);
      ylo = Math.min(ylo, v);
      yhi = Math.max(yhi, v);
    }
    const pad = 0.15 * (yhi - ylo || 1);
    const X = (v) => ML + ((v - xa) / 4) * (W - ML - MR);
    const Y = (v) => top.b - ((v - ylo + pad) / (yhi - ylo + 2 * pad)) * (top.b - top.t);
    const g = el("g", { class: "fig-grid" }, layer);
    line(g, ML, top.t, ML, top.b, "fig-axis");
    line(g, ML, top.b, W - MR, top.b, "fig-axis");
    for (let t = Math.ceil(xa); t <= xb + 1e-9; t++) {
      line(g, X(t), top.t, X(t), top.b, "");
      text(g, X(t), top.b + 22, String(t));
    }
    for (const v of [ylo, yhi]) text(g, ML - 8, Y(v) + 5, v.toFixed(1), "fig-tick", "end");
    const clipped = el("g", { "clip-path": `url(#${uid}-clip)` }, layer);
    let path = "";
    for (let i = 0; i <= 240; i++) {
      const v = xa + (4 * i) / 240;
      path += (i ? "L" : "M") + X(v).toFixed(2) + " " + Y(F.f(v)).toFixed(2);
    }
    el("path", { d: path, class: "fig-line", style: "stroke:var(--text)" }, clipped);
    // Each line through its own point: the tangent through (x, f(x)), the
    // forward secant through (x, f(x)), the central secant through (x − h, f(x − h)).
    for (const [slope, px, cls] of [[d, x0, "fig-s3"], [fw, x0, "fig-s2"], [ce, x0 - h, "fig-s4"]]) {
      const py = F.f(px);
      el("line", { x1: X(xa), y1: Y(py + slope * (xa - px)), x2: X(xb), y2: Y(py + slope * (xb - px)), class: "fig-line " + cls }, clipped);
    }
    for (const [v, c] of [[x0 - h, "var(--fig-4)"], [x0, "var(--text)"], [x0 + h, "var(--fig-2)"]]) {
      el("circle", { cx: X(v), cy: Y(F.f(v)), r: 5.5, style: `fill:${c}` }, clipped);
    }

    // Bottom panel: the error against h, both on log scales.
    const hx = (e) => ML + ((e + 12) / 12) * (W - ML - MR); // e = log10 h in [-12, 0]
    const ey = (v) => bot.b - ((Math.log10(Math.max(v, 1e-17)) + 17) / 17) * (bot.b - bot.t); // 1e-17 .. 1
    const b = el("g", { class: "fig-grid" }, layer);
    for (let e = -12; e <= 0; e += 4) {
      line(b, hx(e), bot.t, hx(e), bot.b, "");
      text(b, e === 0 ? W - MR : hx(e), bot.b + 22, `1e${e}`, "fig-tick", e === 0 ? "end" : "middle");
    }
    for (let e = -16; e <= 0; e += 8) {
      line(b, ML, ey(Math.pow(10, e)), W - MR, ey(Math.pow(10, e)), e === -16 ? "fig-axis" : "");
      text(b, ML - 8, ey(Math.pow(10, e)) + 5, `1e${e}`, "fig-tick", "end");
    }
    text(b, (ML + W - MR) / 2, H - 8, "step h", "fig-label");
    text(b, ML + 8, bot.t - 10, "error of the slope", "fig-label", "start");
    let pf = "", pc = "";
    for (let i = 0; i <= 240; i++) {
      const e = -12 + (12 * i) / 240, s = Math.pow(10, e);
      pf += (i ? "L" : "M") + hx(e).toFixed(2) + " " + ey(Math.abs(forward(F, x0, s) - d)).toFixed(2);
      pc += (i ? "L" : "M") + hx(e).toFixed(2) + " " + ey(Math.abs(central(F, x0, s) - d)).toFixed(2);
    }
    el("path", { d: pf, class: "fig-line fig-s2", style: "stroke-width:2" }, b);
    el("path", { d: pc, class: "fig-line fig-s4", style: "stroke-width:2" }, b);
    line(b, hx(Math.log10(h)), bot.t, hx(Math.log10(h)), bot.b, "fig-marker");

    const hs = sci(h);
    hOut.textContent = "h = " + hs;
    hIn.setAttribute("aria-valuetext", "h = " + hs);
    xOut.textContent = "x = " + x0.toFixed(1);
    xIn.setAttribute("aria-valuetext", "x = " + x0.toFixed(1));
    title.textContent = `Tangent and secants of ${F.label} at x = ${x0.toFixed(1)} with h = ${hs}, and the error of each slope against h`;
    readout.textContent = `f = ${F.label}, x = ${x0.toFixed(1)}, h = ${hs}: true slope ${d.toPrecision(6)}; ` +
      `forward ${fw.toPrecision(6)} (error ${sci(Math.abs(fw - d))}); central ${ce.toPrecision(6)} (error ${sci(Math.abs(ce - d))}).`;
  }
  hIn.addEventListener("input", () => { const v = Number(hIn.value); if (Number.isFinite(v)) { h = Math.pow(10, v); draw(); } });
  xIn.addEventListener("input", () => { const v = Number(xIn.value); if (Number.isFinite(v)) { x0 = v; draw(); } });
  sel.addEventListener("change", () => { if (FNS[sel.value]) { fn = sel.value; draw(); } });
  draw();
  root.append(svg, legend, controls, readout);
};
