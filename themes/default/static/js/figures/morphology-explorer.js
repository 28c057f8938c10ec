// morphology-explorer: a 16 x 27 binary image with salt noise, a hole, a
// thin bridge and a one-pixel gap. Buttons erode, dilate, open or close the
// current image with a 3 x 3 square, under OpenCV 4.6's default border rule
// (outside the image counts as foreground for erosion and as background for
// dilation, so the border never changes the result), and Reset returns to the
// original. The foreground's connected components are labelled live, numbered
// in raster order of their first pixel (8-connectivity, or 4 with the
// checkbox), each coloured by its label; components smaller than the minimum
// area are drawn dashed and not counted. The live region lists the steps, the
// component count and their areas.
//
// Params (all optional): four (true | false, default false), min (minimum
// area, 1-30, default 1).
//
// scripts/figures/morphology-explorer.py draws the static fallback from the
// same image and rules, and checks them against OpenCV.
"use strict";
(window.courseFigures = window.courseFigures || {})["morphology-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var ROWS = [
    "...........................",
    "...........................",
    "..####...#...######........",
    "..####.......#.####........",
    "..####.......######.....#..",
    ".............######....#...",
    ".............######...#....",
    "...........#...............",
    "..###..###.................",
    "..########.................",
    "..###..###....###.###......",
    "..............###.###......",
    "..............###.###......",
    "........................#..",
    "...........................",
    "...........................",
  ];
  var H = ROWS.length, W = ROWS[0].length;
  var ORIGINAL = ROWS.map(function (r) { return r.split("").map(function (c) { return c === "#" ? 1 : 0; }); });
  var four = params.four === "true";
  var minArea = Number(params.min);
  if (params.min === undefined || params.min === "" || !isFinite(minArea)) minArea = 1;
  minArea = Math.min(30, Math.max(1, Math.round(minArea)));
  var img = ORIGINAL, steps = [];

  // Erosion (min) or dilation (max) over the 3 x 3 square; a pixel outside
  // the image is 1 for erosion and 0 for dilation, as in OpenCV.
  function morph(m, erode) {
    var out = [];
    for (var y = 0; y < H; y++) {
      out.push([]);
      for (var x = 0; x < W; x++) {
        var v = erode ? 1 : 0;
        for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) {
          var ny = y + dy, nx = x + dx;
          var p = ny >= 0 && ny < H && nx >= 0 && nx < W ? m[ny][nx] : erode ? 1 : 0;
          v = erode ? Math.min(v, p) : Math.max(v, p);
        }
        out[y].push(v);
      }
    }
    return out;
  }
  var OPS = {
    erode: function (m) { return morph(m, true); },
    dilate: function (m) { return morph(m, false); },
    open: function (m) { return morph(morph(m, true), false); },
    close: function (m) { return morph(morph(m, false), true); },
  };

  // Labels 1..n in raster order of each component's first pixel, and areas.
  function label(m) {
    var lab = m.map(function (r) { return r.map(function () { return 0; }); }), areas = [];
    for (var y = 0; y < H; y++) for (var x = 0; x < W; x++) {
      if (!m[y][x] || lab[y][x]) continue;
      var n = areas.length + 1, stack = [[y, x]], area = 0;
      lab[y][x] = n;
      while (stack.length) {
        var p = stack.pop();
        area++;
        for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) {
          if (four && dy !== 0 && dx !== 0) continue;
          var ny = p[0] + dy, nx = p[1] + dx;
          if (ny >= 0 && ny < H && nx >= 0 && nx < W && m[ny][nx] && !lab[ny][nx]) {
            lab[ny][nx] = n;
            stack.push([ny, nx]);
          }
        }
      }
      areas.push(area);
    }
    return { lab: lab, areas: areas };
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

  var C = 22, TOP = 4, LEFT = 4;
  var SW = LEFT + W * C + 4, SH = TOP + H * C + 4;
  var svg = svgEl("svg", { viewBox: "0 0 " + SW + " " + SH, width: SW, height: SH, class: "fig-svg", role: "img",
    "aria-label": "Binary image with its connected components numbered and coloured" });
  svg.style.cssText = "max-width:" + SW + "px;margin:0 auto;aspect-ratio:" + SW + "/" + SH;

  var uid = "mo" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var ops = el("span", { role: "group", "aria-label": "Apply to the current image (3 × 3 square)" });
  ops.style.cssText = "display:flex;flex-wrap:wrap;gap:.4rem;flex:1 1 100%";
  var buttons = {};
  ["erode", "dilate", "open", "close", "reset"].forEach(function (name) {
    var b = el("button", { type: "button", "data-op": name }, name.charAt(0).toUpperCase() + name.slice(1));
    ops.appendChild(b);
    buttons[name] = b;
  });
  controls.appendChild(ops);
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 12rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  var minInput = el("input", { id: uid + "-min", type: "range", min: "1", max: "30", step: "1", value: String(minArea) });
  minInput.style.minWidth = "6rem";
  var minOut = el("output", { for: uid + "-min", class: "figure-value" }, String(minArea));
  minOut.style.minWidth = "1.5em";
  group(el("label", { for: uid + "-min" }, "Minimum area"), minInput, minOut);
  var fourBox = el("input", { id: uid + "-four", type: "checkbox" });
  fourBox.checked = four;
  group(fourBox, el("label", { for: uid + "-four" }, "4-connectivity (default 8)"));

  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function draw() {
    minInput.value = String(minArea);
    minOut.textContent = String(minArea);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var res = label(img), counted = 0;
    res.areas.forEach(function (a) { if (a >= minArea) counted++; });
    for (var y = 0; y < H; y++) for (var x = 0; x < W; x++) {
      var k = res.lab[y][x], px = LEFT + x * C, py = TOP + y * C;
      if (!k) {
        svg.appendChild(svgEl("rect", { x: px, y: py, width: C - 2, height: C - 2, rx: 2,
          style: "fill:var(--bg);stroke:var(--border)" }));
        continue;
      }
      var big = res.areas[k - 1] >= minArea, colour = "var(--fig-" + (1 + (k - 1) % 4) + ")";
      svg.appendChild(svgEl("rect", { x: px, y: py, width: C - 2, height: C - 2, rx: 2,
        style: big ? "fill:" + colour + ";stroke:" + colour
          : "fill:var(--bg-muted);stroke:var(--border-strong);stroke-dasharray:3 2" }));
      svg.appendChild(svgEl("text", { x: px + (C - 2) / 2, y: py + C / 2 + 3, "text-anchor": "middle",
        style: "font-size:11px;" + (big ? "fill:var(--bg)" : "fill:var(--text)") }, String(k)));
    }
    var n = res.areas.length;
    live.textContent = "Image: " + ["original"].concat(steps).join(" → ") + " (3 × 3 square). " +
      (four ? "4" : "8") + "-connectivity: " + n + (n === 1 ? " component" : " components") +
      (n ? " with areas " + res.areas.join(", ") : "") + "; " + counted + " of at least " + minArea +
      (minArea === 1 ? " pixel" : " pixels") + " counted.";
  }

  ["erode", "dilate", "open", "close"].forEach(function (name) {
    buttons[name].addEventListener("click", function () {
      img = OPS[name](img);
      steps.push(name);
      draw();
    });
  });
  buttons.reset.addEventListener("click", function () {
    img = ORIGINAL;
    steps = [];
    draw();
  });
  minInput.addEventListener("input", function () { minArea = Number(minInput.value); draw(); });
  fourBox.addEventListener("change", function () { four = fourBox.checked; draw(); });
  draw();
};
