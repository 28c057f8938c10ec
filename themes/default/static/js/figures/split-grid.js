// split-grid: a grid of samples coloured by the set they land in (train,
// validation, test). Shapes are classes; outlined boxes are groups (several
// photos of one pet). The reader picks the split (random, stratified,
// grouped), the test fraction, and reshuffles with a new seed; the live
// region counts each set per class and the groups cut across sets.
//
// Params (all optional): n (12-120, default 40), classes (2-4, default 2),
// mode (random | stratified | grouped), seed (integer, default 1),
// test (0.05-0.5, default 0.2), val (0-0.5, default 0.2),
// groupsize (1-5, largest group, default 3).
//
// The data and the split use the same generator as
// scripts/figures/split-grid.py, which draws the static fallback.
"use strict";
(window.courseFigures = window.courseFigures || {})["split-grid"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var SETS = ["train", "validation", "test"];
  var COLOURS = ["var(--note)", "var(--important)", "var(--warning)"];
  var CLASS_NAMES = ["cat", "dog", "bird", "fish"];
  var SHAPES = ["circle", "square", "triangle", "diamond"];
  var CLASS_WEIGHTS = { 2: [0.7, 0.3], 3: [0.5, 0.3, 0.2], 4: [0.4, 0.3, 0.2, 0.1] };
  var COLS = 10, CELL = 30, PAD = 4;

  function num(v, lo, hi, def, integer) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x)) return def;
    if (integer) x = Math.round(x);
    return Math.min(hi, Math.max(lo, x));
  }
  var n = num(params.n, 12, 120, 40, true);
  var k = num(params.classes, 2, 4, 2, true);
  var seed = num(params.seed, 0, 1e9, 1, true);
  var testFrac = num(params.test, 0.05, 0.5, 0.2, false);
  var valFrac = num(params.val, 0, 0.5, 0.2, false);
  var maxGroup = num(params.groupsize, 1, 5, 3, true);
  var mode = ["random", "stratified", "grouped"].indexOf(params.mode) >= 0 ? params.mode : "random";

  // mulberry32: a small seeded generator, identical in the Python script.
  function rng(a) {
    a = a >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(list, r) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(r() * (i + 1));
      var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
    }
    return list;
  }
  // Largest-remainder sizes of total split by fractions (the lesson's rule).
  function sizes(total, fractions) {
    var exact = fractions.map(function (f) { return f * total; });
    var out = exact.map(Math.floor);
    var left = total - out.reduce(function (a, b) { return a + b; }, 0);
    var order = [0, 1, 2].sort(function (a, b) { return (exact[b] - out[b]) - (exact[a] - out[a]) || a - b; });
    for (var i = 0; i < left; i++) out[order[i]]++;
    return out;
  }

  // How many of each class a set with fraction f gets (stratification).
  function apportion(counts, f) {
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    var exact = counts.map(function (c) { return f * c; });
    var out = exact.map(Math.floor);
    var left = Math.floor(f * total + 0.5) - out.reduce(function (a, b) { return a + b; }, 0);
    var order = counts.map(function (_, i) { return i; })
      .sort(function (a, b) { return (exact[b] - out[b]) - (exact[a] - out[a]) || a - b; });
    for (var i = 0; i < left && i < order.length; i++) out[order[i]]++;
    return out;
  }

  // The data: groups of 1..maxGroup samples sharing one class.
  var data = rng(20240601);
  var label = [], group = [], g = 0;
  while (label.length < n) {
    var size = Math.min(n - label.length, 1 + Math.floor(data() * maxGroup));
    var u = data(), c = 0, acc = 0, w = CLASS_WEIGHTS[k];
    for (c = 0; c < k - 1; c++) { acc += w[c]; if (u < acc) break; }
    for (var s = 0; s < size; s++) { label.push(c); group.push(g); }
    g++;
  }
  var nGroups = g;
  // Layout: groups packed into rows of COLS cells, never wrapping.
  var pos = [], col = 0, row = 0, boxes = [];
  for (var gi = 0, i = 0; gi < nGroups; gi++) {
    var first = i;
    while (i < n && group[i] === gi) i++;
    var len = i - first;
    if (col + len > COLS) { col = 0; row++; }
    boxes.push({ g: gi, x: col, y: row, len: len, first: first });
    for (var m = first; m < i; m++) pos[m] = [col + (m - first), row];
    col += len;
  }
  var rows = row + 1;
  var W = COLS * CELL + 2 * PAD, H = rows * CELL + 2 * PAD;

  function split() {
    var fr = [Math.max(0, 1 - valFrac - testFrac), valFrac, testFrac];
    var r = rng(seed), where = new Array(n), idx, t, j;
    if (mode === "random") {
      idx = shuffle(label.map(function (_, q) { return q; }), r);
      var z = sizes(n, fr);
      for (j = 0; j < n; j++) where[idx[j]] = j < z[0] ? 0 : j < z[0] + z[1] ? 1 : 2;
    } else if (mode === "stratified") {
      // The lesson's rule, per set: round(f * n) in all, floor(f * n_c) per
      // class, the rest to the classes with the largest remainders.
      var counts = [];
      for (t = 0; t < k; t++) counts.push(label.filter(function (l) { return l === t; }).length);
      var nt = apportion(counts, testFrac), nv = apportion(counts, valFrac);
      for (t = 0; t < k; t++) {
        idx = shuffle(label.map(function (_, q) { return q; }).filter(function (q) { return label[q] === t; }), r);
        var vt = Math.min(nv[t], idx.length - nt[t]);
        for (j = 0; j < idx.length; j++) where[idx[j]] = j < nt[t] ? 2 : j < nt[t] + vt ? 1 : 0;
      }
    } else {
      // Whole groups, shuffled, fill test then validation to their targets.
      var order = shuffle(boxes.map(function (b) { return b.g; }), r);
      var target = sizes(n, fr), filled = [0, 0, 0], assign = [];
      order.forEach(function (gg) {
        var b = boxes[gg], to = 0;
        if (filled[2] < target[2]) to = 2; else if (filled[1] < target[1]) to = 1;
        filled[to] += b.len;
        assign[gg] = to;
      });
      for (j = 0; j < n; j++) where[j] = assign[group[j]];
    }
    return where;
  }

  // ---- DOM
  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs) {
    var e = document.createElementNS(SVG, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    return e;
  }
  var uid = "sg" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var modeLabel = el("label", { for: uid + "-mode" }, "Split");
  var modeSel = el("select", { id: uid + "-mode" });
  [["random", "random"], ["stratified", "stratified by class"], ["grouped", "by group"]].forEach(function (o) {
    var opt = el("option", { value: o[0] }, o[1]);
    if (o[0] === mode) opt.selected = true;
    modeSel.appendChild(opt);
  });
  var fracLabel = el("label", { for: uid + "-test" }, "Test fraction");
  var fracIn = el("input", { id: uid + "-test", type: "range", min: "0.05", max: "0.5", step: "0.05", value: String(testFrac) });
  var fracOut = el("output", { for: uid + "-test", class: "figure-value" }, testFrac.toFixed(2));
  var btn = el("button", { type: "button" }, "Reshuffle");
  var seedText = el("span", { class: "figure-value" }, "seed " + seed);
  // Each label stays on one line with its control.
  function controlGroup() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 14rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  fracIn.style.flex = "1 1 6rem";
  fracIn.style.minWidth = "6rem";
  controlGroup(modeLabel, modeSel);
  controlGroup(fracLabel, fracIn, fracOut);
  controlGroup(btn, seedText);

  // Sets differ by fill as well as colour: train solid, validation hollow,
  // test solid with a dot, so colour is never the only cue.
  var legend = el("ul", { class: "figure-legend", "aria-hidden": "true" });
  SETS.forEach(function (name, q) {
    if (q === 1 && valFrac === 0) return;
    var sw = el("span", {}, ["■", "□", "▣"][q]);
    sw.style.color = COLOURS[q];
    var li = el("li", {});
    li.appendChild(sw);
    li.appendChild(document.createTextNode(name));
    legend.appendChild(li);
  });
  for (var q = 0; q < k; q++) legend.appendChild(el("li", {}, ["●", "■", "▲", "◆"][q] + " " + CLASS_NAMES[q]));
  if (maxGroup > 1) legend.appendChild(el("li", {}, "▭ one pet (group); dashed red: on both sides"));

  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "Grid of " + n + " samples coloured by set" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.6) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H;
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";

  root.appendChild(svg);
  root.appendChild(legend);
  root.appendChild(controls);
  root.appendChild(live);

  function shape(cls, cx, cy, set) {
    var rr = CELL * 0.32, p, e, colour = COLOURS[set];
    var style = set === 1 ? "fill:none;stroke:" + colour + ";stroke-width:2.5" : "fill:" + colour;
    if (SHAPES[cls] === "circle") e = svgEl("circle", { cx: cx, cy: cy, r: rr, style: style });
    else if (SHAPES[cls] === "square") e = svgEl("rect", { x: cx - rr * 0.9, y: cy - rr * 0.9, width: rr * 1.8, height: rr * 1.8, style: style });
    else {
      if (SHAPES[cls] === "triangle") p = [[cx, cy - rr * 1.1], [cx + rr, cy + rr * 0.8], [cx - rr, cy + rr * 0.8]];
      else p = [[cx, cy - rr * 1.15], [cx + rr * 1.05, cy], [cx, cy + rr * 1.15], [cx - rr * 1.05, cy]];
      e = svgEl("polygon", { points: p.map(function (xy) { return xy[0].toFixed(1) + "," + xy[1].toFixed(1); }).join(" "), style: style });
    }
    if (set !== 2) return e;
    var g = svgEl("g", {});
    g.appendChild(e);
    g.appendChild(svgEl("circle", { cx: cx, cy: cy + (SHAPES[cls] === "triangle" ? rr * 0.2 : 0), r: rr * 0.3, style: "fill:var(--bg)" }));
    return g;
  }

  function draw() {
    var where = split();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var leaked = 0;
    boxes.forEach(function (b) {
      var seen = {};
      for (var m = b.first; m < b.first + b.len; m++) seen[where[m]] = true;
      var cut = Object.keys(seen).length > 1;
      if (cut) leaked++;
      if (b.len > 1 || cut) {
        svg.appendChild(svgEl("rect", {
          x: PAD + b.x * CELL + 1.5, y: PAD + b.y * CELL + 1.5, width: b.len * CELL - 3, height: CELL - 3, rx: 6,
          style: "fill:none;stroke:" + (cut ? "var(--caution)" : "var(--border-strong)") + ";stroke-width:" + (cut ? 2.5 : 1.5) +
            (cut ? ";stroke-dasharray:4 3" : ""),
        }));
      }
    });
    for (var m = 0; m < n; m++) {
      svg.appendChild(shape(label[m], PAD + pos[m][0] * CELL + CELL / 2, PAD + pos[m][1] * CELL + CELL / 2, where[m]));
    }
    var fr = [1 - valFrac - testFrac, valFrac, testFrac];
    var parts = SETS.filter(function (_, q) { return fr[q] > 0; }).map(function (name) {
      var q = SETS.indexOf(name);
      var per = [], total = 0;
      for (var t = 0; t < k; t++) {
        var c = 0;
        for (var m2 = 0; m2 < n; m2++) if (where[m2] === q && label[m2] === t) c++;
        per.push(c + " " + CLASS_NAMES[t] + (c === 1 ? "" : "s"));
        total += c;
      }
      return name + " " + total + " (" + per.join(", ") + ")";
    });
    live.textContent = parts.join("; ") + "." + (maxGroup === 1 ? "" : " Groups cut across sets: " + leaked + " of " + nGroups +
      (leaked ? " (dashed red: the same pet is on both sides, a leak)." : "."));
  }

  modeSel.addEventListener("change", function () { mode = modeSel.value; draw(); });
  fracIn.addEventListener("input", function () {
    testFrac = Number(fracIn.value);
    fracOut.textContent = testFrac.toFixed(2);
    draw();
  });
  btn.addEventListener("click", function () { seed++; seedText.textContent = "seed " + seed; draw(); });
  draw();
};
