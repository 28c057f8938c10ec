// pixel-mixer: one pixel's red, green and blue values (sliders), its BT.601
// luminance as a stacked bar of the three weighted contributions, the uint8
// gray values OpenCV and the rounded float formula give, and the plain sum
// R + G + B on a 0-765 axis, showing where uint8 arithmetic wraps around at
// 256 (numpy) and where cv2.add saturates at 255.
//
// Params (all optional): r, g, b (integers 0-255; default 230, 120, 40).
//
// The same arithmetic is in scripts/figures/pixel-mixer.py, which draws the
// static fallback: OpenCV 4.6's COLOR_RGB2GRAY on uint8 is
// (9798 R + 19235 G + 3735 B + 16384) >> 15.
"use strict";
(window.courseFigures = window.courseFigures || {})["pixel-mixer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var NAMES = ["R", "G", "B"];
  var WEIGHTS = [0.299, 0.587, 0.114];
  var FIXED = [9798, 19235, 3735];
  var FILLS = ["var(--caution)", "var(--tip)", "var(--note)"];
  var PRESETS = [["orange", [230, 120, 40]], ["rounding case", [0, 1, 201]], ["white", [255, 255, 255]], ["pure blue", [0, 0, 255]]];

  function channel(v, def) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x)) return def;
    return Math.min(255, Math.max(0, Math.round(x)));
  }
  var rgb = [channel(params.r, 230), channel(params.g, 120), channel(params.b, 40)];

  // What the lesson computes, in exact integer arithmetic where OpenCV uses it.
  function opencvGray(c) { return Math.floor((FIXED[0] * c[0] + FIXED[1] * c[1] + FIXED[2] * c[2] + 16384) / 32768); }
  function floatY(c) { return WEIGHTS[0] * c[0] + WEIGHTS[1] * c[1] + WEIGHTS[2] * c[2]; }
  // np.rint: round half to even.
  function rint(x) {
    var f = Math.floor(x), d = x - f;
    if (d > 0.5) return f + 1;
    if (d < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }

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

  var W = 580, H = 210, X0 = 130, BAR_W = 440;
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "The pixel's colour and gray value, its luminance as three weighted parts, and the sum R + G + B against the uint8 limit" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.4) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H;

  var uid = "pm" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var inputs = [], outs = [];
  NAMES.forEach(function (name, i) {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 12rem";
    var label = el("label", { for: uid + "-" + name }, ["Red", "Green", "Blue"][i]);
    var input = el("input", { id: uid + "-" + name, type: "range", min: "0", max: "255", step: "1", value: String(rgb[i]) });
    input.style.minWidth = "6rem";
    var out = el("output", { for: uid + "-" + name, class: "figure-value" }, String(rgb[i]));
    out.style.minWidth = "2.5em";
    g.appendChild(label); g.appendChild(input); g.appendChild(out);
    controls.appendChild(g);
    inputs.push(input); outs.push(out);
    input.addEventListener("input", function () { rgb[i] = Number(input.value); draw(); });
  });
  var presets = el("div", { class: "figure-controls", role: "group", "aria-label": "Example colours" });
  presets.appendChild(el("span", { class: "figure-note" }, "Try:"));
  PRESETS.forEach(function (p) {
    var b = el("button", { type: "button" }, p[0] + " (" + p[1].join(", ") + ")");
    b.addEventListener("click", function () {
      rgb = p[1].slice();
      inputs.forEach(function (inp, i) { inp.value = String(rgb[i]); });
      draw();
    });
    presets.appendChild(b);
  });
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "6em";

  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(presets);
  root.appendChild(live);

  function text(x, y, s, cls, anchor) {
    return svgEl("text", { x: x, y: y, class: cls || "fig-tick", "text-anchor": anchor || "start" }, s);
  }

  function draw() {
    outs.forEach(function (o, i) { o.textContent = String(rgb[i]); });
    var y = floatY(rgb), gray = opencvGray(rgb), rounded = rint(y);
    var bgr = opencvGray([rgb[2], rgb[1], rgb[0]]);
    var sum = rgb[0] + rgb[1] + rgb[2], wrapped = sum % 256, saturated = Math.min(255, sum);
    while (svg.firstChild) svg.removeChild(svg.firstChild);

    // Swatches: the colour and its gray.
    var css = "rgb(" + rgb.join(",") + ")";
    svg.appendChild(svgEl("rect", { x: 8, y: 22, width: 50, height: 44, rx: 4, style: "fill:" + css + ";stroke:var(--border-strong)" }));
    svg.appendChild(svgEl("rect", { x: 66, y: 22, width: 50, height: 44, rx: 4, style: "fill:rgb(" + gray + "," + gray + "," + gray + ");stroke:var(--border-strong)" }));
    svg.appendChild(text(33, 82, "colour", "fig-tick", "middle"));
    svg.appendChild(text(91, 82, "gray " + gray, "fig-tick", "middle"));

    // Bar 1: Y as three weighted contributions on a 0-255 axis.
    var scale1 = BAR_W / 255, x = X0;
    svg.appendChild(text(X0, 16, "Y = 0.299 R + 0.587 G + 0.114 B  (0 to 255)", "fig-label"));
    svg.appendChild(svgEl("rect", { x: X0, y: 24, width: BAR_W, height: 26, style: "fill:var(--bg-muted);stroke:var(--border-strong)" }));
    for (var i = 0; i < 3; i++) {
      var w = WEIGHTS[i] * rgb[i] * scale1;
      if (w > 0) svg.appendChild(svgEl("rect", { x: x.toFixed(2), y: 24, width: w.toFixed(2), height: 26, style: "fill:" + FILLS[i] + ";stroke:var(--bg);stroke-width:1" }));
      x += w;
    }
    svg.appendChild(text(X0, 64, NAMES.map(function (n, q) { return n + " " + (WEIGHTS[q] * rgb[q]).toFixed(3); }).join("  +  ") + "  =  " + y.toFixed(3)));

    // Bar 2: R + G + B on 0-765, the uint8 range 0-255 marked.
    var top2 = 112, scale2 = BAR_W / 765;
    svg.appendChild(text(X0, top2 - 8, "R + G + B = " + sum + "  (0 to 765; uint8 holds 0 to 255)", "fig-label"));
    svg.appendChild(svgEl("rect", { x: X0, y: top2, width: BAR_W, height: 22, style: "fill:var(--bg-muted);stroke:var(--border-strong)" }));
    svg.appendChild(svgEl("rect", { x: X0, y: top2, width: (Math.min(sum, 255) * scale2).toFixed(2), height: 22, style: "fill:var(--note)" }));
    if (sum > 255) {
      svg.appendChild(svgEl("rect", { x: (X0 + 255 * scale2).toFixed(2), y: top2 + 5, width: ((sum - 255) * scale2).toFixed(2), height: 12,
        style: "fill:var(--caution)" }));
    }
    [256, 512].forEach(function (m) {
      var mx = (X0 + m * scale2).toFixed(2);
      svg.appendChild(svgEl("line", { x1: mx, x2: mx, y1: top2 - 2, y2: top2 + 26, class: "fig-marker" }));
      svg.appendChild(text(mx, top2 + 40, String(m), "fig-tick", "middle"));
    });
    svg.appendChild(text(X0, top2 + 40, "0", "fig-tick", "middle"));
    svg.appendChild(text(X0 + BAR_W, top2 + 40, "765", "fig-tick", "end"));
    if (sum > 255) {
      svg.appendChild(text(X0, top2 + 62, "numpy uint8: " + sum + " mod 256 = " + wrapped + " (wrapped)", "fig-label"));
      svg.appendChild(text(X0, top2 + 80, "cv2.add: " + saturated + " (saturated)", "fig-label"));
    } else {
      svg.appendChild(text(X0, top2 + 62, "fits in uint8: numpy and cv2.add both give " + sum, "fig-tick"));
    }
    svg.appendChild(text(8, top2 + 16, "sum", "fig-label"));

    live.textContent = "RGB (" + rgb.join(", ") + "). BT.601 luminance 0.299·" + rgb[0] + " + 0.587·" + rgb[1] + " + 0.114·" + rgb[2] +
      " = " + y.toFixed(3) + ". OpenCV's uint8 gray, (9798·R + 19235·G + 3735·B + 16384) >> 15: " + gray +
      ". Float formula rounded with np.rint: " + rounded + (rounded === gray ? " (the same)" : " (differs from OpenCV by " + (rounded - gray) + ")") +
      ". Read as BGR by mistake: " + bgr + ". R + G + B = " + sum +
      (sum > 255 ? ": uint8 wraps it to " + wrapped + " in numpy, cv2.add saturates it to 255." : ": fits in uint8.");
  }
  draw();
};
