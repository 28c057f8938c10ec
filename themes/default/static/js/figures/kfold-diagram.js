// kfold-diagram: one row per split, one cell per sample. In k-fold mode the
// test fold of row f is highlighted and every other sample trains; in
// forward-chaining mode (time series) the test windows walk forward in
// time, training uses only the past, and a gap of unused samples separates
// the two. The folds follow scikit-learn's KFold (no shuffling) and
// TimeSeriesSplit(n_splits, gap), as the lessons do.
//
// Params (all optional): n (6-40, default 20), k (2-10, default 5; the
// number of folds or of time splits), mode (kfold | time, default kfold),
// gap (0-6, default 0).
//
// scripts/figures/kfold-diagram.py draws the static fallbacks the same way.
"use strict";
(window.courseFigures = window.courseFigures || {})["kfold-diagram"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  function num(v, lo, hi, def) {
    var x = Math.round(Number(v));
    if (v === undefined || v === "" || !isFinite(x)) return def;
    return Math.min(hi, Math.max(lo, x));
  }
  var n = num(params.n, 6, 40, 20);
  var k = num(params.k, 2, 10, 5);
  var gap = num(params.gap, 0, 6, 0);
  var mode = params.mode === "time" ? "time" : "kfold";

  // Each split as an array of roles: "train", "test", "gap" or "unused".
  function kfold() {
    if (k > n) return { error: "k = " + k + " folds need at least " + k + " samples." };
    var rows = [], start = 0;
    for (var f = 0; f < k; f++) {
      var size = Math.floor(n / k) + (f < n % k ? 1 : 0), row = [];
      for (var i = 0; i < n; i++) row.push(i >= start && i < start + size ? "test" : "train");
      rows.push(row);
      start += size;
    }
    return { rows: rows };
  }
  function timeSplits() {
    var testSize = Math.floor(n / (k + 1));
    var first = n - k * testSize;
    if (k + 1 > n || first - gap <= 0) {
      return { error: k + " splits of " + testSize + " with gap " + gap + " leave no training sample: lower the splits or the gap." };
    }
    var rows = [];
    for (var s = first; s < n; s += testSize) {
      var row = [];
      for (var i = 0; i < n; i++) {
        row.push(i < s - gap ? "train" : i < s ? "gap" : i < s + testSize ? "test" : "unused");
      }
      rows.push(row);
    }
    return { rows: rows, testSize: testSize };
  }

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
  var uid = "kf" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var modeLabel = el("label", { for: uid + "-mode" }, "Scheme");
  var modeSel = el("select", { id: uid + "-mode" });
  [["kfold", "k-fold"], ["time", "forward chaining (time)"]].forEach(function (o) {
    var opt = el("option", { value: o[0] }, o[1]);
    if (o[0] === mode) opt.selected = true;
    modeSel.appendChild(opt);
  });
  // Each label stays on one line with its control.
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 15rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
    return g;
  }
  group(modeLabel, modeSel);
  function range(label, id, min, max, value) {
    var l = el("label", { for: uid + id }, label);
    var input = el("input", { id: uid + id, type: "range", min: String(min), max: String(max), step: "1", value: String(value) });
    input.style.flex = "1 1 6rem";
    input.style.minWidth = "6rem";
    var out = el("output", { for: uid + id, class: "figure-value" }, String(value));
    out.style.minWidth = "1.5em";
    var g = group(l, input, out);
    return { label: l, group: g, input: input, out: out };
  }
  var kCtl = range("Folds k", "-k", 2, 10, k);
  var gapCtl = range("Gap", "-gap", 0, 6, gap);

  // Roles differ by shape as well as colour: train a solid cell, test a
  // solid cell with a dark border, gap a short bar, unused an empty outline.
  var FILL = { train: "var(--note)", test: "var(--warning)", gap: "var(--caution)", unused: "none" };
  var legend = el("ul", { class: "figure-legend", "aria-hidden": "true" });
  var legendItems = {};
  var GLYPH = { train: "■", test: "▣", gap: "▬", unused: "□" };
  ["train", "test", "gap", "unused"].forEach(function (role) {
    var li = el("li", {});
    var sw = el("span", {}, GLYPH[role]);
    sw.style.color = role === "unused" ? "var(--text-muted)" : FILL[role];
    li.appendChild(sw);
    li.appendChild(document.createTextNode(role === "unused" ? "not used" : role));
    legendItems[role] = li;
    legend.appendChild(li);
  });

  // The height follows the number of rows; it is set before the first paint
  // and changes only when the reader moves a control.
  var LABEL = 40, W = 640, CELL = (W - LABEL - 4) / n, ROW = 26, TOP = 30;
  var svg = svgEl("svg", { class: "fig-svg", role: "img" });
  function size(rows) {
    var H = TOP + rows * ROW + 2;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    svg.style.aspectRatio = W + "/" + H;
  }
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(legend);
  root.appendChild(controls);
  root.appendChild(live);

  function spans(row, role) {
    var out = [], i = 0;
    while (i < row.length) {
      if (row[i] !== role) { i++; continue; }
      var j = i;
      while (j + 1 < row.length && row[j + 1] === role) j++;
      out.push(i === j ? String(i) : i + "–" + j);
      i = j + 1;
    }
    return out.join(", ") || "none";
  }

  function draw() {
    var res = mode === "time" ? timeSplits() : kfold();
    size(res.rows ? res.rows.length : k);
    gapCtl.input.disabled = mode !== "time";
    gapCtl.group.style.opacity = mode === "time" ? "1" : "0.5";
    legendItems.gap.style.display = legendItems.unused.style.display = mode === "time" ? "" : "none";
    kCtl.label.textContent = mode === "time" ? "Splits" : "Folds k";
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("aria-label", (mode === "time" ? "Forward-chaining splits" : "k-fold cross-validation") + " of " + n + " samples");
    var t = svgEl("text", { x: LABEL, y: 20, class: "fig-tick" });
    t.textContent = (mode === "time" ? "rows: splits · samples in time order →" : "rows: folds · sample index →");
    svg.appendChild(t);
    if (res.error) {
      live.textContent = "Not possible: " + res.error;
      return;
    }
    res.rows.forEach(function (row, r) {
      var y = TOP + r * ROW;
      var lab = svgEl("text", { x: LABEL - 8, y: y + ROW - 10, "text-anchor": "end", class: "fig-label" });
      lab.textContent = String(r + 1);
      svg.appendChild(lab);
      row.forEach(function (role, i) {
        var h = ROW - 6, top = y;
        var style = "fill:" + FILL[role];
        if (role === "unused") style += ";stroke:var(--border-strong);stroke-width:1";
        if (role === "test") style += ";stroke:var(--text);stroke-width:1.5";
        if (role === "gap") { top = y + h / 3; h = h / 3; }
        svg.appendChild(svgEl("rect", {
          x: (LABEL + i * CELL + 1).toFixed(2), y: top.toFixed(1), width: (CELL - 2).toFixed(2), height: h.toFixed(1), rx: 2,
          style: style,
        }));
      });
    });
    var lines = res.rows.map(function (row, r) {
      var nTrain = row.filter(function (x) { return x === "train"; }).length;
      var nTest = row.filter(function (x) { return x === "test"; }).length;
      return (mode === "time" ? "Split " : "Fold ") + (r + 1) + ": test " + spans(row, "test") + " (" + nTest + "), train " + nTrain;
    });
    var head = mode === "time"
      ? "Test windows of " + res.testSize + " samples; each trains only on earlier samples" + (gap ? ", " + gap + " left out before the window" : "") + ". "
      : "Every sample is tested exactly once; fold sizes differ by at most one. ";
    live.textContent = head + lines.join("; ") + ".";
  }

  modeSel.addEventListener("change", function () { mode = modeSel.value; draw(); });
  kCtl.input.addEventListener("input", function () { k = Number(kCtl.input.value); kCtl.out.textContent = String(k); draw(); });
  gapCtl.input.addEventListener("input", function () { gap = Number(gapCtl.input.value); gapCtl.out.textContent = String(gap); draw(); });
  draw();
};
