// otsu-explorer: the histogram of a small image with 16 gray levels (0-15),
// two modes, and a threshold slider. Bars at or below t (class 0) and above t
// (class 1) take two colours; the curve under the histogram is the
// between-class variance w0 * w1 * (mu0 - mu1)^2 for every t, with the
// current t and Otsu's maximum marked. The live region gives the weights,
// means and variance at t, and Otsu's threshold.
//
// Params (all optional): t (0-14, default 4).
//
// scripts/figures/otsu-explorer.py draws the static fallback from the same
// histogram and formulas.
"use strict";
(window.courseFigures = window.courseFigures || {})["otsu-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var HIST = [2, 6, 12, 18, 14, 8, 4, 2, 1, 2, 5, 9, 13, 10, 5, 2];
  var L = HIST.length, N = 0;
  HIST.forEach(function (c) { N += c; });
  var x = Number(params.t);
  var t = params.t === undefined || params.t === "" || !isFinite(x) ? 4 : Math.min(L - 2, Math.max(0, Math.round(x)));

  function stats(t) {
    var n0 = 0, s0 = 0, s = 0;
    for (var v = 0; v < L; v++) { s += v * HIST[v]; if (v <= t) { n0 += HIST[v]; s0 += v * HIST[v]; } }
    var n1 = N - n0, s1 = s - s0;
    var w0 = n0 / N, w1 = n1 / N, m0 = s0 / n0, m1 = s1 / n1;
    return { w0: w0, w1: w1, m0: m0, m1: m1, b: w0 * w1 * (m0 - m1) * (m0 - m1) };
  }
  var B = [], best = 0;
  for (var k = 0; k < L - 1; k++) { B.push(stats(k).b); if (B[k] > B[best]) best = k; }
  var BMAX = B[best];

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var BW = 26, LEFT = 40, TOP = 20, HH = 120, GAP = 36, VH = 80, HMAX = 18;
  var SW = LEFT + L * BW + 10, SH = TOP + HH + 18 + GAP + VH + 24;
  var VTOP = TOP + HH + 18 + GAP;
  var svg = svgEl("svg", { viewBox: "0 0 " + SW + " " + SH, width: SW, height: SH, class: "fig-svg", role: "img",
    "aria-label": "Histogram split at the threshold, and the between-class variance for every threshold" });
  svg.style.cssText = "max-width:" + Math.round(SW * 1.3) + "px;margin:0 auto;aspect-ratio:" + SW + "/" + SH;

  var uid = "ot" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var g = el("span", {});
  g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 14rem";
  var input = el("input", { id: uid + "-t", type: "range", min: "0", max: String(L - 2), step: "1", value: String(t) });
  input.style.minWidth = "8rem";
  var out = el("output", { for: uid + "-t", class: "figure-value" }, String(t));
  out.style.minWidth = "1.5em";
  g.appendChild(el("label", { for: uid + "-t" }, "Threshold t"));
  g.appendChild(input);
  g.appendChild(out);
  controls.appendChild(g);
  var jump = el("button", { type: "button" }, "Go to Otsu's t");
  controls.appendChild(jump);

  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function f2(v) { return v.toFixed(2); }
  function f3(v) { return v.toFixed(3); }

  function draw() {
    input.value = String(t);
    out.textContent = String(t);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.appendChild(svgEl("text", { x: 4, y: 13, class: "fig-label" }, "histogram (pixels per gray level)"));
    for (var v = 0; v < L; v++) {
      var h = HIST[v] / HMAX * HH;
      svg.appendChild(svgEl("rect", { x: LEFT + v * BW + 2, y: TOP + HH - h, width: BW - 4, height: h,
        style: v <= t ? "fill:var(--fig-1)" : "fill:var(--fig-2)" }));
      svg.appendChild(svgEl("text", { x: LEFT + v * BW + BW / 2, y: TOP + HH + 14, "text-anchor": "middle", class: "fig-tick" }, String(v)));
    }
    var tx = LEFT + (t + 1) * BW;
    svg.appendChild(svgEl("line", { x1: tx, x2: tx, y1: TOP - 4, y2: VTOP + VH, style: "stroke:var(--text);stroke-width:2;stroke-dasharray:4 3" }));
    svg.appendChild(svgEl("text", { x: 4, y: VTOP - 8, class: "fig-label" }, "between-class variance at each t"));
    var pts = B.map(function (b, k) { return (LEFT + (k + 1) * BW) + "," + (VTOP + VH - b / BMAX * VH).toFixed(1); });
    svg.appendChild(svgEl("polyline", { points: pts.join(" "), style: "fill:none;stroke:var(--fig-2);stroke-width:2" }));
    svg.appendChild(svgEl("line", { x1: LEFT, x2: LEFT + L * BW, y1: VTOP + VH, y2: VTOP + VH, style: "stroke:var(--border-strong)" }));
    svg.appendChild(svgEl("circle", { cx: LEFT + (best + 1) * BW, cy: VTOP, r: 5, style: "fill:none;stroke:var(--text);stroke-width:2" }));
    svg.appendChild(svgEl("circle", { cx: tx, cy: VTOP + VH - B[t] / BMAX * VH, r: 4, style: "fill:var(--text)" }));
    svg.appendChild(svgEl("text", { x: LEFT + (best + 1) * BW + 8, y: VTOP + 4, class: "fig-tick" }, "Otsu: t = " + best));
    var s = stats(t);
    live.textContent = "t = " + t + ": class 0 (values ≤ " + t + ") has w0 = " + f3(s.w0) + " and mean " + f2(s.m0) +
      "; class 1 has w1 = " + f3(s.w1) + " and mean " + f2(s.m1) + "; between-class variance " + f3(s.b) +
      ". Otsu's threshold is " + best + " (variance " + f3(BMAX) + ")" + (t === best ? ", this one." : ".");
  }

  input.addEventListener("input", function () { t = Number(input.value); draw(); });
  jump.addEventListener("click", function () { t = best; draw(); });
  draw();
};
