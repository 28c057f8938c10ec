// hysteresis-explorer: a 7 x 12 map of gradient magnitudes (integers 0-9)
// thresholded with hysteresis. Pixels with a magnitude >= high are strong,
// pixels >= low are candidates, and a candidate is kept when a path of
// candidates joins it to a strong pixel through the 8 neighbours (or the 4
// neighbours, with the checkbox, to show what 4-connectivity loses). The
// live region counts strong, kept and dropped pixels.
//
// Params (all optional): low (0-9, default 3), high (0-9, default 7),
// four (true | false, default false). low > high is raised to high.
//
// scripts/figures/hysteresis-explorer.py draws the static fallback from the
// same map and rules.
"use strict";
(window.courseFigures = window.courseFigures || {})["hysteresis-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var MAP = [
    [0, 1, 2, 1, 0, 0, 1, 0, 0, 2, 1, 0],
    [1, 8, 6, 4, 4, 3, 1, 0, 1, 5, 4, 1],
    [0, 2, 1, 1, 2, 5, 4, 1, 0, 4, 2, 0],
    [0, 1, 0, 0, 1, 1, 6, 9, 2, 3, 1, 0],
    [1, 4, 5, 3, 0, 1, 2, 1, 7, 1, 0, 1],
    [0, 2, 1, 4, 1, 0, 0, 1, 3, 0, 5, 0],
    [0, 1, 0, 2, 0, 1, 0, 0, 1, 2, 1, 0],
  ];
  var H = MAP.length, W = MAP[0].length;
  function level(v, def) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x)) return def;
    return Math.min(9, Math.max(0, Math.round(x)));
  }
  var low = level(params.low, 3), high = level(params.high, 7);
  if (low > high) low = high;
  var four = params.four === "true";

  // 0 below low, 1 candidate dropped, 2 candidate kept, 3 strong.
  function classify() {
    var cls = MAP.map(function (row) { return row.map(function (v) { return v >= high ? 3 : v >= low ? 1 : 0; }); });
    var stack = [];
    for (var y = 0; y < H; y++) for (var x = 0; x < W; x++) if (cls[y][x] === 3) stack.push([y, x]);
    while (stack.length) {
      var p = stack.pop();
      for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) {
        if (four && dy !== 0 && dx !== 0) continue;
        var ny = p[0] + dy, nx = p[1] + dx;
        if (ny >= 0 && ny < H && nx >= 0 && nx < W && cls[ny][nx] === 1) {
          cls[ny][nx] = 2;
          stack.push([ny, nx]);
        }
      }
    }
    return cls;
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

  var C = 32, TOP = 6, LEFT = 4, LEGEND = 30;
  var SW = LEFT + W * C + 4, SH = TOP + H * C + LEGEND;
  var svg = svgEl("svg", { viewBox: "0 0 " + SW + " " + SH, width: SW, height: SH, class: "fig-svg", role: "img",
    "aria-label": "Gradient magnitude map with strong, kept and dropped pixels marked" });
  svg.style.cssText = "max-width:" + Math.round(SW * 1.3) + "px;margin:0 auto;aspect-ratio:" + SW + "/" + SH;

  var uid = "hy" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 12rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  function slider(id, label, v) {
    var input = el("input", { id: uid + "-" + id, type: "range", min: "0", max: "9", step: "1", value: String(v) });
    input.style.minWidth = "6rem";
    var out = el("output", { for: uid + "-" + id, class: "figure-value" }, String(v));
    out.style.minWidth = "1.5em";
    group(el("label", { for: uid + "-" + id }, label), input, out);
    return [input, out];
  }
  var lowCtl = slider("low", "Low threshold", low), highCtl = slider("high", "High threshold", high);
  var fourBox = el("input", { id: uid + "-four", type: "checkbox" });
  fourBox.checked = four;
  group(fourBox, el("label", { for: uid + "-four" }, "4-connectivity (Canny uses 8)"));

  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  var STYLE = [
    "fill:var(--bg);stroke:var(--border)",
    "fill:var(--bg-muted);stroke:var(--border-strong);stroke-dasharray:3 3",
    "fill:var(--bg);stroke:var(--fig-2);stroke-width:2.5",
    "fill:var(--fig-2);stroke:var(--fig-2)",
  ];
  var LEGEND_NAMES = ["below low", "dropped", "kept", "strong"];

  function draw() {
    lowCtl[0].value = String(low);
    highCtl[0].value = String(high);
    lowCtl[1].textContent = String(low);
    highCtl[1].textContent = String(high);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var cls = classify(), count = [0, 0, 0, 0];
    for (var y = 0; y < H; y++) for (var x = 0; x < W; x++) {
      var k = cls[y][x];
      count[k]++;
      svg.appendChild(svgEl("rect", { x: LEFT + x * C, y: TOP + y * C, width: C - 3, height: C - 3, rx: 3, style: STYLE[k] }));
      var t = svgEl("text", { x: LEFT + x * C + (C - 3) / 2, y: TOP + y * C + C / 2 + 3, "text-anchor": "middle",
        class: k === 0 ? "fig-tick" : "fig-label" }, String(MAP[y][x]));
      if (k === 3) t.setAttribute("style", "fill:var(--bg)");
      svg.appendChild(t);
    }
    var LEG = [[3, 0], [2, 80], [1, 160], [0, 260]];
    LEG.forEach(function (l) {
      svg.appendChild(svgEl("rect", { x: LEFT + l[1], y: TOP + H * C + 8, width: 14, height: 14, rx: 2, style: STYLE[l[0]] }));
      svg.appendChild(svgEl("text", { x: LEFT + l[1] + 19, y: TOP + H * C + 19, class: "fig-tick" }, LEGEND_NAMES[l[0]]));
    });
    live.textContent = "Low " + low + ", high " + high + ", " + (four ? "4" : "8") + "-connectivity: " +
      count[3] + " strong pixels (≥ " + high + "), " + count[2] + " candidates kept (≥ " + low +
      " and joined to a strong pixel), " + count[1] + " candidates dropped; the edge map has " +
      (count[3] + count[2]) + " pixels.";
  }

  lowCtl[0].addEventListener("input", function () {
    low = Number(lowCtl[0].value);
    if (low > high) high = low;
    draw();
  });
  highCtl[0].addEventListener("input", function () {
    high = Number(highCtl[0].value);
    if (high < low) low = high;
    draw();
  });
  fourBox.addEventListener("change", function () { four = fourBox.checked; draw(); });
  draw();
};
