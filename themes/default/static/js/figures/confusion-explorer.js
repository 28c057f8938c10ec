// confusion-explorer: a confusion matrix (rows true classes, columns
// predicted) with each class's precision (bottom row) and recall (right
// column). Cells are shaded by the share of their row (the true class).
// Hovering a cell, or focusing the matrix and moving with the arrow keys
// (Home and End for the first and last column), selects it; the live region
// says what the cell counts and the two classes' precision and recall. A
// button steps through the confusions from the largest, and a select orders
// the classes as given or with the most confused first.
//
// Params: classes (comma-separated names), counts (rows separated by "/",
// counts by spaces; n rows of n non-negative integers). Both are required;
// a matrix that does not fit the names throws, and the static fallback stays.
// Precision and recall of a class with no predictions (or no examples) are 0,
// the zero-division rule of the lesson.
//
// scripts/figures/confusion-explorer.py draws the static fallback from the
// same attributes, read from the lesson.
"use strict";
(window.courseFigures = window.courseFigures || {})["confusion-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var names = String(params.classes || "").split(",").map(function (s) { return s.trim(); });
  var rows = String(params.counts || "").split("/").map(function (r) {
    return r.trim().split(/\s+/).map(Number);
  });
  var n = names.length;
  if (n < 2 || rows.length !== n || rows.some(function (r) {
    return r.length !== n || r.some(function (v) { return !(v >= 0) || Math.floor(v) !== v; });
  })) {
    throw new Error("confusion-explorer: counts must be " + n + " rows of " + n + " non-negative integers");
  }
  var cm = rows;
  var support = cm.map(function (r) { return r.reduce(function (a, b) { return a + b; }, 0); });
  var predicted = names.map(function (_, j) { return cm.reduce(function (a, r) { return a + r[j]; }, 0); });
  var total = support.reduce(function (a, b) { return a + b; }, 0);
  var precision = names.map(function (_, k) { return predicted[k] ? cm[k][k] / predicted[k] : 0; });
  var recall = names.map(function (_, k) { return support[k] ? cm[k][k] / support[k] : 0; });
  var correct = names.reduce(function (a, _, k) { return a + cm[k][k]; }, 0);

  // Off-diagonal cells, largest first (ties: row, then column).
  var confusions = [];
  for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) if (i !== j && cm[i][j] > 0) confusions.push([i, j]);
  confusions.sort(function (a, b) { return cm[b[0]][b[1]] - cm[a[0]][a[1]] || a[0] - b[0] || a[1] - b[1]; });
  // Most confused first: errors as true class plus errors as prediction.
  var errors = names.map(function (_, k) { return support[k] - cm[k][k] + predicted[k] - cm[k][k]; });
  var ORDERS = {
    given: names.map(function (_, k) { return k; }),
    confused: names.map(function (_, k) { return k; }).sort(function (a, b) { return errors[b] - errors[a] || a - b; }),
  };
  var order = ORDERS.given;

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs, parent, text) {
    var e = document.createElementNS(SVG, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function f3(x) { return x.toFixed(3); }

  var C = 44, LEFT = 118, TOP = 92, RIGHT = 70, BOTTOM = 58;
  var W = LEFT + n * C + RIGHT, H = TOP + n * C + BOTTOM;
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "img", tabindex: "0" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.25) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H + ";outline-offset:2px";

  var uid = "cx" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  var nextBtn = el("button", { type: "button" }, "Next confusion");
  var sortSel = el("select", { id: uid + "-order" });
  [["given", "Classes in data-set order"], ["confused", "Most confused classes first"]].forEach(function (o) {
    sortSel.appendChild(el("option", { value: o[0] }, o[1]));
  });
  var sortLabel = el("label", { for: uid + "-order" }, "Order");
  controls.appendChild(nextBtn);
  controls.appendChild(sortLabel);
  controls.appendChild(sortSel);
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  var note = el("p", { class: "figure-note" },
    "Hover a cell, or focus the matrix and move with the arrow keys (Home and End: first and last column).");
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);
  root.appendChild(note);

  var sel = confusions.length ? confusions[0].slice() : [0, 0]; // [true class, predicted class]

  function describe() {
    var t = sel[0], p = sel[1], v = cm[t][p];
    var share = support[t] ? (100 * v / support[t]).toFixed(1) + " %" : "no examples";
    var head = t === p
      ? names[t] + " predicted as " + names[p] + " (correct): " + v + " of " + support[t] + " " + names[t] + " examples (" + share + ")."
      : "True " + names[t] + ", predicted " + names[p] + ": " + v + " of " + support[t] + " " + names[t] + " examples (" + share + ")" +
        (cm[p][t] ? "; the reverse, " + names[p] + " taken for " + names[t] + ", " + cm[p][t] + "." : "; never the reverse.");
    var tail = " " + names[t] + ": precision " + f3(precision[t]) + ", recall " + f3(recall[t]) + "." +
      (t === p ? "" : " " + names[p] + ": precision " + f3(precision[p]) + ", recall " + f3(recall[p]) + ".");
    return head + tail;
  }

  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var pos = {};
    order.forEach(function (k, i) { pos[k] = i; });
    svgEl("text", { x: LEFT + n * C / 2, y: 14, "text-anchor": "middle", class: "fig-label" }, svg, "predicted class");
    svgEl("text", { x: 4, y: TOP - 8, class: "fig-label" }, svg, "true class");
    order.forEach(function (k, i) {
      var hot = k === sel[0] || k === sel[1];
      svgEl("text", { x: LEFT - 8, y: TOP + i * C + C / 2 + 4, "text-anchor": "end", class: hot ? "fig-label" : "fig-tick" }, svg, names[k]);
      var cx = LEFT + i * C + C / 2;
      svgEl("text", { x: cx, y: TOP - 8, transform: "rotate(-40 " + cx + " " + (TOP - 8) + ")", class: hot ? "fig-label" : "fig-tick" }, svg, names[k]);
    });
    order.forEach(function (t, r) {
      order.forEach(function (p, c) {
        var v = cm[t][p], share = support[t] ? v / support[t] : 0;
        var g = svgEl("g", { "data-cell": t + "," + p }, svg);
        svgEl("rect", {
          x: LEFT + c * C, y: TOP + r * C, width: C - 2, height: C - 2, rx: 3,
          style: "fill:" + (t === p ? "var(--fig-2)" : "var(--fig-1)") + ";fill-opacity:" + (v ? 0.12 + 0.78 * share : 0) +
            ";stroke:var(--border-strong)",
        }, g);
        var txt = svgEl("text", { x: LEFT + c * C + (C - 2) / 2, y: TOP + r * C + C / 2 + 3, "text-anchor": "middle",
          class: v ? "fig-label" : "fig-tick" }, g, String(v));
        if (share > 0.55) txt.setAttribute("style", "fill:var(--bg)");
        g.addEventListener("mouseenter", function () { select(t, p); });
      });
    });
    // Selection outline, then recall (right) and precision (bottom).
    svgEl("rect", { x: LEFT + pos[sel[1]] * C - 2, y: TOP + pos[sel[0]] * C - 2, width: C + 2, height: C + 2, rx: 4,
      class: "figure-selection", style: "fill:none;stroke:var(--text);stroke-width:2.5" }, svg);
    svgEl("text", { x: LEFT + n * C + RIGHT / 2, y: TOP - 8, "text-anchor": "middle", class: "fig-label" }, svg, "recall");
    svgEl("text", { x: LEFT - 8, y: TOP + n * C + 26, "text-anchor": "end", class: "fig-label" }, svg, "precision");
    order.forEach(function (k, i) {
      svgEl("text", { x: LEFT + n * C + RIGHT / 2, y: TOP + i * C + C / 2 + 4, "text-anchor": "middle",
        class: k === sel[0] ? "fig-label" : "fig-tick" }, svg, recall[k].toFixed(2));
      svgEl("text", { x: LEFT + i * C + (C - 2) / 2, y: TOP + n * C + 26, "text-anchor": "middle",
        class: k === sel[1] ? "fig-label" : "fig-tick" }, svg, precision[k].toFixed(2));
    });
    svgEl("text", { x: LEFT, y: H - 8, class: "fig-tick" }, svg,
      "accuracy " + correct + " / " + total + " = " + f3(total ? correct / total : 0));
    svg.setAttribute("aria-label", "Confusion matrix of " + n + " classes, " + total + " test examples. Selected: " + describe());
    live.textContent = describe();
  }

  function select(t, p) {
    sel = [t, p];
    draw();
  }
  nextBtn.addEventListener("click", function () {
    if (!confusions.length) return;
    var at = -1;
    confusions.forEach(function (c, i) { if (c[0] === sel[0] && c[1] === sel[1]) at = i; });
    select(confusions[(at + 1) % confusions.length][0], confusions[(at + 1) % confusions.length][1]);
  });
  nextBtn.disabled = confusions.length === 0;
  sortSel.addEventListener("change", function () {
    order = ORDERS[sortSel.value] || ORDERS.given;
    draw();
  });
  svg.addEventListener("keydown", function (ev) {
    var r = order.indexOf(sel[0]), c = order.indexOf(sel[1]);
    var to = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
      Home: [r, 0], End: [r, n - 1] }[ev.key];
    if (!to) return;
    ev.preventDefault();
    to = [Math.max(0, Math.min(n - 1, to[0])), Math.max(0, Math.min(n - 1, to[1]))];
    select(order[to[0]], order[to[1]]);
  });
  draw();
};
