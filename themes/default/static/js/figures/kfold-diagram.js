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
  controls.style.cssText = "display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin-bottom:.5rem;font-size:.9rem";
  var modeLabel = el("label", { for: uid + "-mode" }, "Scheme ");
  var modeSel = el("select", { id: uid + "-mode" });
  [["kfold", "k-fold"], ["time", "forward chaining (time)"]].forEach(function (o) {
    var opt = el("option", { value: o[0] }, o[1]);
    if (o[0] === mode) opt.selected = true;
    modeSel.appendChild(opt);
  });
  modeLabel.appendChild(modeSel);
  function range(label, id, min, max, value) {
    var l = el("label", { for: uid + id });
    var text = el("span", {}, label + " ");
    l.appendChild(text);
    var input = el("input", { id: uid + id, type: "range", min: String(min), max: String(max), step: "1", value: String(value) });
    input.style.verticalAlign = "middle";
    var out = el("output", { for: uid + id }, String(value));
    l.appendChild(input);
    l.appendChild(document.createTextNode(" "));
    l.appendChild(out);
    return { label: l, text: text, input: input, out: out };
  }
  var kCtl = range("Splits", "-k", 2, 10, k);
  var gapCtl = range("Gap", "-gap", 0, 6, gap);
  controls.appendChild(modeLabel);
  controls.appendChild(kCtl.label);
  controls.appendChild(gapCtl.label);

  var FILL = { train: "var(--note)", test: "var(--warning)", gap: "var(--caution)", unused: "var(--bg-muted)" };
  var legend = el("div", { "aria-hidden": "true" });
  legend.style.cssText = "display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;margin-bottom:.25rem";
  var legendItems = {};
  ["train", "test", "gap", "unused"].forEach(function (role) {
    var sw = el("span", {}, "■ " + (role === "unused" ? "not used" : role));
    sw.style.color = role === "unused" ? "var(--text-muted)" : FILL[role];
    legendItems[role] = sw;
    legend.appendChild(sw);
  });

  // Sized for the most rows the controls allow (10), so nothing moves when they change.
  var LABEL = 54, W = 600, CELL = (W - LABEL - 4) / n, ROW = 18, TOP = 16, H = TOP + 10 * ROW + 2;
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img" });
  svg.style.cssText = "display:block;height:auto;aspect-ratio:" + W + "/" + H;
  var live = el("p", { "aria-live": "polite" });
  live.style.cssText = "font-size:.9rem;margin:.5rem 0 0;min-height:3em";
  root.appendChild(controls);
  root.appendChild(legend);
  root.appendChild(svg);
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
    gapCtl.input.disabled = mode !== "time";
    gapCtl.label.style.opacity = mode === "time" ? "1" : "0.5";
    legendItems.gap.style.display = legendItems.unused.style.display = mode === "time" ? "" : "none";
    kCtl.text.textContent = mode === "time" ? "Splits " : "Folds k ";
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("aria-label", (mode === "time" ? "Forward-chaining splits" : "k-fold cross-validation") + " of " + n + " samples");
    var t = svgEl("text", { x: LABEL, y: 11, style: "fill:var(--text-muted);font-size:10px" });
    t.textContent = mode === "time" ? "sample index (time) →" : "sample index →";
    svg.appendChild(t);
    if (res.error) {
      live.textContent = "Not possible: " + res.error;
      return;
    }
    res.rows.forEach(function (row, r) {
      var y = TOP + r * ROW;
      var lab = svgEl("text", { x: 0, y: y + ROW - 7, style: "fill:var(--text);font-size:11px" });
      lab.textContent = (mode === "time" ? "split " : "fold ") + (r + 1);
      svg.appendChild(lab);
      row.forEach(function (role, i) {
        svg.appendChild(svgEl("rect", {
          x: (LABEL + i * CELL + 1).toFixed(2), y: y, width: (CELL - 2).toFixed(2), height: ROW - 4, rx: 2,
          style: "fill:" + FILL[role] + (role === "unused" ? ";stroke:var(--border-strong);stroke-width:1" : ""),
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
