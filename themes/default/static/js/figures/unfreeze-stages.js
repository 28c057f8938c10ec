// Figure component "unfreeze-stages": ResNet-18 drawn from its head down to
// its stem, one row per stage with a bar as long as the stage's parameter
// count. The reader chooses how many stages below the new head to unfreeze
// and how many classes the head predicts; the readout gives the trainable
// parameter count and its share of the whole model.
//
//   ::: figure unfreeze-stages {classes=37 unfrozen=1}
//
// classes: 1 to 1000 (default 37); unfrozen: 0 (head only) to 5 (the whole
// network; default 0). Invalid values fall back to the defaults.
//
// The counts below are those of torchvision.models.resnet18(weights=None)
// (torchvision 0.14); scripts/figures/unfreeze-stages.py computes them from
// the real model, checks this line and draws the static fallback.
"use strict";
(window.courseFigures = window.courseFigures || {})["unfreeze-stages"] = function mount(root, params) {
  // [name, parameters] from the input up; the head (fc) is added on top.
  var STAGES = [["stem (conv1, bn1)", 9536], ["layer1", 147968], ["layer2", 525568], ["layer3", 2099712], ["layer4", 8393728]];
  var FEATURES = 512; // fc.in_features
  var SVG = "http://www.w3.org/2000/svg";
  function int(v, lo, hi, def) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x) || x !== Math.round(x) || x < lo || x > hi) return def;
    return x;
  }
  var classes = int(params.classes, 1, 1000, 37);
  var unfrozen = int(params.unfrozen, 0, 5, 0);
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function headCount() { return FEATURES * classes + classes; }

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
  var uid = (root.closest("figure") && root.closest("figure").id) || "unfreeze-" + Math.random().toString(36).slice(2, 8);

  var W = 640, ROW = 46, TOP = 6, H = TOP + 6 * ROW + 4, BAR = W - 16;
  var svg = svgEl("svg", { class: "fig-svg", role: "img", viewBox: "0 0 " + W + " " + H, width: W, height: H, "aria-labelledby": uid + "-title" });
  svg.style.aspectRatio = W + "/" + H;
  var title = svgEl("title", { id: uid + "-title" });
  svg.appendChild(title);
  var layer = svgEl("g", { "aria-hidden": "true" });
  svg.appendChild(layer);

  var controls = el("div", { class: "figure-controls" });
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;flex:1 1 15rem;min-width:0";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  var stagesLabel = el("label", { for: uid + "-stages" }, "Stages unfrozen");
  var stagesInput = el("input", { id: uid + "-stages", type: "range", min: "0", max: "5", step: "1", value: String(unfrozen) });
  stagesInput.style.cssText = "flex:1 1 6rem;min-width:6rem";
  var stagesOut = el("output", { for: uid + "-stages", class: "figure-value" });
  stagesOut.style.minWidth = "8.5em";
  group(stagesLabel, stagesInput, stagesOut);
  var classLabel = el("label", { for: uid + "-classes" }, "Classes");
  var classInput = el("input", { id: uid + "-classes", type: "number", min: "1", max: "1000", step: "1", value: String(classes), inputmode: "numeric" });
  classInput.style.width = "5.5em";
  group(classLabel, classInput);

  var legend = el("ul", { class: "figure-legend", "aria-hidden": "true" });
  [["■", "var(--note)", "trainable (requires_grad True)"], ["□", "var(--text-muted)", "frozen (requires_grad False, batch norm in eval mode)"]].forEach(function (item) {
    var li = el("li", {});
    var sw = el("span", {}, item[0]);
    sw.style.color = item[1];
    li.appendChild(sw);
    li.appendChild(document.createTextNode(item[2]));
    legend.appendChild(li);
  });
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "3em";
  root.appendChild(svg);
  root.appendChild(legend);
  root.appendChild(controls);
  root.appendChild(live);

  function stageName(k) { return k === 5 ? "stem" : STAGES[STAGES.length - k][0]; }

  function draw() {
    // Rows from the head down: fc, layer4, layer3, layer2, layer1, stem.
    var rows = [["fc (new head, " + FEATURES + " → " + classes + ")", headCount(), true]];
    for (var i = STAGES.length - 1; i >= 0; i--) {
      rows.push([STAGES[i][0], STAGES[i][1], STAGES.length - i <= unfrozen]);
    }
    var max = 0, total = 0, trainable = 0;
    rows.forEach(function (r) { max = Math.max(max, r[1]); total += r[1]; if (r[2]) trainable += r[1]; });
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    rows.forEach(function (r, i) {
      var y = TOP + i * ROW;
      layer.appendChild(svgEl("text", { x: 8, y: y + 16, class: "fig-label" }, r[0]));
      layer.appendChild(svgEl("text", { x: W - 8, y: y + 16, "text-anchor": "end", class: "fig-tick" }, (r[2] ? "trainable · " : "frozen · ") + fmt(r[1])));
      var w = Math.max(3, BAR * r[1] / max);
      var style = r[2] ? "fill:var(--note)" : "fill:var(--bg-muted);stroke:var(--text-muted);stroke-width:1.5;stroke-dasharray:5 3";
      layer.appendChild(svgEl("rect", { x: 8, y: y + 24, width: w.toFixed(2), height: 14, rx: 2, style: style }));
    });
    var share = (100 * trainable / total).toFixed(2);
    var names = ["the head"];
    for (var k = 1; k <= unfrozen; k++) names.push(stageName(k));
    var frozen = [];
    for (var j = unfrozen + 1; j <= 5; j++) frozen.push(stageName(j));
    stagesOut.textContent = unfrozen === 0 ? "0 (head only)" : unfrozen === 5 ? "5 (everything)" : unfrozen + " (to " + stageName(unfrozen) + ")";
    title.textContent = "ResNet-18 with " + names.join(", ") + " trainable";
    live.textContent = "Trainable: " + names.join(" + ") + ", " + fmt(trainable) + " of " + fmt(total) +
      " parameters (" + share + " %). " + (frozen.length ? "Frozen: " + frozen.join(", ") + "." : "Nothing is frozen: this is full fine-tuning.");
  }

  stagesInput.addEventListener("input", function () { unfrozen = Number(stagesInput.value); draw(); });
  classInput.addEventListener("input", function () {
    var c = int(classInput.value, 1, 1000, null);
    if (c === null) return; // keep the last valid count while the reader types
    classes = c;
    draw();
  });
  draw();
};
