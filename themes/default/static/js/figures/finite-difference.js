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
  const W = 640, H = 520, ML = 56, MR = 16;
  const top = { t: 12, b: 250 }, bot = { t: 300, b: 480 };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title",
    style: "width:100%;height:auto;aspect-ratio:" + W + "/" + H + ";display:block" });
  const title = el("title", { id: uid + "-title" }, svg);
  const defs = el("defs", {}, svg);
  const cp = el("clipPath", { id: uid + "-clip" }, defs);
  el("rect", { x: ML, y: top.t, width: W - ML - MR, height: top.b - top.t }, cp);
  const layer = el("g", {}, svg);

  const controls = html("div", { className: "figure-controls" });
  controls.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem 1.2rem;align-items:center;margin-top:0.5rem";
  function slider(label, id, attrs) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;gap:0.5rem;align-items:center;flex:1 1 13rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.style.flex = "1 1 6rem";
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [hIn, hOut] = slider("step h", uid + "-h", { min: "-12", max: "0", step: "0.1", value: String(Math.log10(h)) });
  const [xIn, xOut] = slider("point x", uid + "-x", { min: "-2", max: "2", step: "0.1", value: String(x0) });
  const sw = html("span", {}, controls);
  sw.style.cssText = "display:inline-flex;gap:0.5rem;align-items:center";
  html("label", { htmlFor: uid + "-fn", textContent: "function f" }, sw);
  const sel = html("select", { id: uid + "-fn" }, sw);
  for (const [k, v] of Object.entries(FNS)) sel.appendChild(Object.assign(document.createElement("option"), { value: k, textContent: v.label }));
  sel.value = fn;
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  const line = (parent, x1, y1, x2, y2, style) => el("line", { x1, y1, x2, y2, style }, parent);
  const text = (parent, x, y, s, style, anchor) => el("text", { x, y, "text-anchor": anchor || "middle", style: style || "fill:var(--text-muted);font-size:12px" }, parent, s);

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
    ylo -= pad;
    yhi += pad;
    const X = (v) => ML + ((v - xa) / 4) * (W - ML - MR);
    const Y = (v) => top.b - ((v - ylo) / (yhi - ylo)) * (top.b - top.t);
    const g = el("g", { "aria-hidden": "true" }, layer);
    line(g, ML, top.t, ML, top.b, "stroke:var(--border)");
    line(g, ML, top.b, W - MR, top.b, "stroke:var(--border)");
    for (let t = Math.ceil(xa); t <= xb; t++) text(g, X(t), top.b + 16, String(t));
    text(g, ML - 8, Y(ylo + pad) + 4, (ylo + pad).toFixed(1), null, "end");
    text(g, ML - 8, Y(yhi - pad) + 4, (yhi - pad).toFixed(1), null, "end");
    const clipped = el("g", { "clip-path": `url(#${uid}-clip)` }, g);
    let path = "";
    for (let i = 0; i <= 240; i++) {
      const v = xa + (4 * i) / 240;
      path += (i ? "L" : "M") + X(v).toFixed(2) + " " + Y(F.f(v)).toFixed(2);
    }
    el("path", { d: path, style: "fill:none;stroke:var(--text);stroke-width:2.5" }, clipped);
    const through = (slope, style) => line(clipped, X(xa), Y(F.f(x0) + slope * (xa - x0)), X(xb), Y(F.f(x0) + slope * (xb - x0)), style);
    through(d, "stroke:var(--tip);stroke-width:2.5");
    // Secants drawn through their own two points.
    line(clipped, X(xa), Y(F.f(x0) + fw * (xa - x0)), X(xb), Y(F.f(x0) + fw * (xb - x0)), "stroke:var(--caution);stroke-width:2;stroke-dasharray:6 4");
    line(clipped, X(xa), Y(F.f(x0 - h) + ce * (xa - x0 + h)), X(xb), Y(F.f(x0 - h) + ce * (xb - x0 + h)), "stroke:var(--accent);stroke-width:2;stroke-dasharray:2 3");
    for (const [v, c] of [[x0 - h, "var(--accent)"], [x0, "var(--text)"], [x0 + h, "var(--caution)"]]) {
      el("circle", { cx: X(v), cy: Y(F.f(v)), r: 4.5, style: `fill:${c}` }, clipped);
    }
    const leg = [["var(--tip)", "none", "tangent, slope f′(x)"], ["var(--caution)", "6 4", "forward secant (x, x+h)"], ["var(--accent)", "2 3", "central secant (x−h, x+h)"]];
    leg.forEach(([c, dash, label], i) => {
      const ly = top.t + 16 + i * 18;
      line(g, ML + 10, ly - 4, ML + 36, ly - 4, `stroke:${c};stroke-width:2.5;stroke-dasharray:${dash}`);
      text(g, ML + 42, ly, label, "fill:var(--text);font-size:12px", "start");
    });

    // Bottom panel: error against h, both on log scales.
    const hx = (e) => ML + ((e + 12) / 12) * (W - ML - MR); // e = log10 h in [-12, 0]
    const ey = (v) => bot.b - ((Math.log10(Math.max(v, 1e-17)) + 17) / 17) * (bot.b - bot.t); // 1e-17 .. 1
    const b = el("g", { "aria-hidden": "true" }, layer);
    for (let e = -12; e <= 0; e += 2) {
      line(b, hx(e), bot.t, hx(e), bot.b, "stroke:var(--border)");
      text(b, hx(e), bot.b + 16, `1e${e}`);
    }
    for (let e = -16; e <= 0; e += 4) {
      line(b, ML, ey(Math.pow(10, e)), W - MR, ey(Math.pow(10, e)), "stroke:var(--border)");
      text(b, ML - 8, ey(Math.pow(10, e)) + 4, `1e${e}`, null, "end");
    }
    text(b, (ML + W - MR) / 2, bot.b + 34, "step h (log scale)", "fill:var(--text-muted);font-size:13px");
    text(b, ML + 6, bot.t - 8, "error |estimate − f′(x)| (log scale)", "fill:var(--text-muted);font-size:13px", "start");
    let pf = "", pc = "";
    for (let i = 0; i <= 240; i++) {
      const e = -12 + (12 * i) / 240, s = Math.pow(10, e);
      pf += (i ? "L" : "M") + hx(e).toFixed(2) + " " + ey(Math.abs(forward(F, x0, s) - d)).toFixed(2);
      pc += (i ? "L" : "M") + hx(e).toFixed(2) + " " + ey(Math.abs(central(F, x0, s) - d)).toFixed(2);
    }
    el("path", { d: pf, style: "fill:none;stroke:var(--caution);stroke-width:2" }, b);
    el("path", { d: pc, style: "fill:none;stroke:var(--accent);stroke-width:2" }, b);
    line(b, hx(Math.log10(h)), bot.t, hx(Math.log10(h)), bot.b, "stroke:var(--text);stroke-width:1.5;stroke-dasharray:3 3");

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
  root.append(svg, controls, readout);
};
