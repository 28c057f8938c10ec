// classical-vs-deep: counting accuracy against shift severity for four
// counters (the OpenCV pipeline, the pipeline after a top-hat, a CNN trained
// on clean frames, a CNN retrained with shifted frames), as measured by the
// lesson's shift.py. A menu picks the shift (lighting gradient or clutter), a
// slider the severity; the live region reads the four accuracies there.
//
// Params: shift ("lighting" or "clutter", default lighting), severity (0-1 in
// steps of 0.2, default 0.6), and the measured curves, six comma-separated
// accuracies each at severities 0, 0.2, ..., 1: lp, lt, lc, lr (lighting:
// pipeline, top-hat, clean CNN, retrained CNN) and cp, ct, cc, cr (clutter).
// A missing or malformed curve falls back to the lesson's numbers.
//
// scripts/figures/classical-vs-deep.py draws the static fallback from the
// same numbers.
"use strict";
(window.courseFigures = window.courseFigures || {})["classical-vs-deep"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var SEV = [0, 0.2, 0.4, 0.6, 0.8, 1];
  var DEFAULTS = {
    lp: [0.99, 1.00, 1.00, 0.91, 0.56, 0.32], lt: [0.99, 1.00, 1.00, 0.98, 0.84, 0.36],
    lc: [0.96, 0.86, 0.61, 0.43, 0.32, 0.21], lr: [0.95, 0.98, 0.98, 0.97, 0.94, 0.68],
    cp: [1.00, 1.00, 0.68, 0.58, 0.45, 0.42], ct: [1.00, 1.00, 0.68, 0.58, 0.46, 0.42],
    cc: [0.92, 0.92, 0.67, 0.54, 0.41, 0.33], cr: [0.96, 0.92, 0.93, 0.91, 0.88, 0.87]
  };
  function curve(key) {
    var s = params[key];
    if (typeof s !== "string") return DEFAULTS[key];
    var v = s.split(",").map(Number);
    if (v.length !== SEV.length || v.some(function (a) { return !isFinite(a) || a < 0 || a > 1; })) return DEFAULTS[key];
    return v;
  }
  var SHIFTS = {
    lighting: { label: "Lighting gradient", keys: ["lp", "lt", "lc", "lr"] },
    clutter: { label: "Clutter (tape strips)", keys: ["cp", "ct", "cc", "cr"] }
  };
  var NAMES = ["pipeline", "top-hat pipeline", "CNN (clean)", "CNN (retrained)"];
  var SERIES = [1, 2, 4, 3];   // the clean CNN dotted, the retrained one solid
  var data = {};
  for (var k in DEFAULTS) data[k] = curve(k);
  var shift = SHIFTS[params.shift] ? params.shift : "lighting";
  var x = Number(params.severity);
  var idx = params.severity === undefined || params.severity === "" || !isFinite(x) ? 3 :
    Math.min(5, Math.max(0, Math.round(x / 0.2)));

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

  var W = 460, H = 260, L = 46, R = 150, T = 16, B = 40;
  var PW = W - L - R, PH = H - T - B;
  function px(i) { return L + i / 5 * PW; }
  function py(a) { return T + (1 - a) * PH; }
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "Counting accuracy against shift severity for four counters" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.4) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H;

  var uid = "cd" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var g1 = el("span", {});
  g1.style.cssText = "display:flex;align-items:center;gap:.5rem";
  var select = el("select", { id: uid + "-shift" });
  for (var s in SHIFTS) {
    var o = el("option", { value: s }, SHIFTS[s].label);
    if (s === shift) o.selected = true;
    select.appendChild(o);
  }
  g1.appendChild(el("label", { for: uid + "-shift" }, "Shift"));
  g1.appendChild(select);
  var g2 = el("span", {});
  g2.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 14rem";
  var input = el("input", { id: uid + "-sev", type: "range", min: "0", max: "5", step: "1", value: String(idx) });
  input.style.minWidth = "8rem";
  var out = el("output", { for: uid + "-sev", class: "figure-value" });
  out.style.minWidth = "2em";
  g2.appendChild(el("label", { for: uid + "-sev" }, "Severity"));
  g2.appendChild(input);
  g2.appendChild(out);
  controls.appendChild(g1);
  controls.appendChild(g2);
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function sevText(i) { return (SEV[i]).toFixed(1); }

  function draw() {
    input.value = String(idx);
    select.value = shift;
    out.textContent = sevText(idx);
    input.setAttribute("aria-valuetext", sevText(idx));
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var grid = svgEl("g", { class: "fig-grid" });
    for (var a = 0; a <= 10; a += 2) {
      var yv = py(a / 10);
      grid.appendChild(svgEl("line", { x1: L, x2: L + PW, y1: yv, y2: yv }));
      svg.appendChild(svgEl("text", { x: L - 6, y: yv + 4, "text-anchor": "end", class: "fig-tick" }, (a / 10).toFixed(1)));
    }
    for (var i = 0; i < 6; i++) {
      svg.appendChild(svgEl("text", { x: px(i), y: T + PH + 16, "text-anchor": "middle", class: "fig-tick" }, sevText(i)));
    }
    grid.appendChild(svgEl("line", { x1: L, x2: L + PW, y1: T + PH, y2: T + PH, class: "fig-axis" }));
    grid.appendChild(svgEl("line", { x1: L, x2: L, y1: T, y2: T + PH, class: "fig-axis" }));
    svg.appendChild(grid);
    svg.appendChild(svgEl("text", { x: L + PW / 2, y: H - 6, "text-anchor": "middle", class: "fig-label" }, "severity"));
    svg.appendChild(svgEl("text", { x: 12, y: T + PH / 2, "text-anchor": "middle", class: "fig-label",
      transform: "rotate(-90 12 " + (T + PH / 2) + ")" }, "accuracy"));
    svg.appendChild(svgEl("line", { x1: px(idx), x2: px(idx), y1: T, y2: T + PH,
      style: "stroke:var(--text);stroke-width:1.5;stroke-dasharray:4 3" }));
    var keys = SHIFTS[shift].keys;
    keys.forEach(function (key, j) {
      var c = SERIES[j];
      var pts = data[key].map(function (acc, i) { return px(i) + "," + py(acc).toFixed(1); });
      svg.appendChild(svgEl("polyline", { points: pts.join(" "), class: "fig-line fig-thick fig-s" + c }));
      svg.appendChild(svgEl("circle", { cx: px(idx), cy: py(data[key][idx]).toFixed(1), r: 4, style: "fill:var(--fig-" + c + ")" }));
      var ly = T + 10 + j * 20;
      svg.appendChild(svgEl("line", { x1: L + PW + 12, x2: L + PW + 40, y1: ly, y2: ly, class: "fig-line fig-s" + c }));
      svg.appendChild(svgEl("text", { x: L + PW + 46, y: ly + 4, class: "fig-tick" }, NAMES[j]));
    });
    var v = keys.map(function (key) { return data[key][idx].toFixed(2); });
    var what = shift === "lighting" ?
      "Lighting gradient at severity " + sevText(idx) + " (the far edge gets " + Math.round(100 * (1 - 0.9 * SEV[idx])) + " % of the light)" :
      "Clutter at severity " + sevText(idx) + " (" + (Math.floor(4 * SEV[idx]) === 0 ? "no strips of tape" :
        "up to " + Math.floor(4 * SEV[idx]) + " strips of tape per frame") + ")";
    live.textContent = what + ": pipeline " + v[0] + ", top-hat pipeline " + v[1] + ", CNN trained on clean frames " + v[2] +
      ", CNN retrained with shifts " + v[3] + ".";
  }

  input.addEventListener("input", function () { idx = Number(input.value); draw(); });
  select.addEventListener("change", function () { shift = select.value; draw(); });
  draw();
};
