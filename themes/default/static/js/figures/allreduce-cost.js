// Figure component "allreduce-cost": what a ring all-reduce of the
// gradients costs each GPU per training step under DistributedDataParallel.
// Each of N GPUs sends (and receives) 2(N − 1)/N times the gradients' size;
// the plot shows that factor against N (log scale) and marks the chosen N.
//
//   ::: figure allreduce-cost {model=resnet18 gpus=8 bytes=4 bandwidth=10}
//
// model: resnet18 | resnet50 | vit_b_16 (default resnet18); gpus: 1 to 64
// (default 8); bytes: 4 (float32 gradients) or 2 (16-bit; default 4);
// bandwidth: 10, 25, 50 or 100 GB/s per GPU (default 10). Invalid values
// fall back to the defaults.
//
// The parameter counts are those of torchvision 0.14's models built with
// weights=None; scripts/figures/allreduce-cost.py computes them, checks this
// line and draws the static fallback.
"use strict";
(window.courseFigures = window.courseFigures || {})["allreduce-cost"] = function mount(root, params) {
  var MODELS = [["resnet18", "ResNet-18", 11689512], ["resnet50", "ResNet-50", 25557032], ["vit_b_16", "ViT-B/16", 86567656]];
  var BANDWIDTHS = [10, 25, 50, 100];
  var SVG = "http://www.w3.org/2000/svg";
  function pick(v, allowed, def) {
    for (var i = 0; i < allowed.length; i++) if (String(allowed[i]) === String(v)) return allowed[i];
    return def;
  }
  var modelIds = MODELS.map(function (m) { return m[0]; });
  var model = pick(params.model, modelIds, "resnet18");
  var gpus = Number(params.gpus);
  if (!(gpus >= 1 && gpus <= 64 && gpus === Math.round(gpus))) gpus = 8;
  var bytes = pick(params.bytes, [4, 2], 4);
  var bandwidth = pick(params.bandwidth, BANDWIDTHS, 10);

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
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  var uid = (root.closest("figure") && root.closest("figure").id) || "allreduce-" + Math.random().toString(36).slice(2, 8);

  // The plot: factor 2(N − 1)/N against N = 1 … 64 on a log2 axis.
  var W = 640, H = 300, ML = 56, MR = 20, MT = 16, MB = 48;
  var x = function (n) { return ML + (Math.log(n) / Math.log(64)) * (W - ML - MR); };
  var y = function (f) { return H - MB - (f / 2.2) * (H - MT - MB); };
  var factor = function (n) { return (2 * (n - 1)) / n; };
  var svg = svgEl("svg", { class: "fig-svg", role: "img", viewBox: "0 0 " + W + " " + H, width: W, height: H, "aria-labelledby": uid + "-title" });
  svg.style.aspectRatio = W + "/" + H;
  var title = svgEl("title", { id: uid + "-title" });
  svg.appendChild(title);
  var grid = svgEl("g", { class: "fig-grid", "aria-hidden": "true" });
  svg.appendChild(grid);
  [0, 0.5, 1, 1.5, 2].forEach(function (f) {
    grid.appendChild(svgEl("line", { x1: ML, x2: W - MR, y1: y(f), y2: y(f), class: f === 0 ? "fig-axis" : "" }));
    grid.appendChild(svgEl("text", { x: ML - 8, y: y(f) + 5, "text-anchor": "end", class: "fig-tick" }, String(f)));
  });
  [1, 2, 4, 8, 16, 32, 64].forEach(function (n) {
    grid.appendChild(svgEl("line", { x1: x(n), x2: x(n), y1: MT, y2: H - MB }));
    grid.appendChild(svgEl("text", { x: x(n), y: H - MB + 20, "text-anchor": "middle", class: "fig-tick" }, String(n)));
  });
  grid.appendChild(svgEl("text", { x: (ML + W - MR) / 2, y: H - 6, "text-anchor": "middle", class: "fig-label" }, "GPUs N (log scale)"));
  grid.appendChild(svgEl("text", { x: ML + 8, y: MT + 14, class: "fig-label" }, "sent per GPU ÷ gradient size"));
  var art = svgEl("g", { "aria-hidden": "true" });
  svg.appendChild(art);
  var d = "";
  for (var n = 1; n <= 64; n++) d += (n === 1 ? "M" : "L") + x(n).toFixed(2) + " " + y(factor(n)).toFixed(2);
  art.appendChild(svgEl("line", { x1: ML, x2: W - MR, y1: y(2), y2: y(2), class: "fig-marker" }));
  art.appendChild(svgEl("path", { d: d, class: "fig-line fig-s2 fig-thick" }));
  var vline = svgEl("line", { y1: MT, y2: H - MB, class: "fig-marker" });
  var dot = svgEl("circle", { r: 6, style: "fill:var(--fig-1)" });
  var dotLabel = svgEl("text", { class: "fig-label" });
  art.appendChild(vline);
  art.appendChild(dot);
  art.appendChild(dotLabel);

  var controls = el("div", { class: "figure-controls" });
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 13rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  function select(label, id, options, value) {
    var l = el("label", { for: uid + id }, label);
    var s = el("select", { id: uid + id });
    options.forEach(function (o) {
      var opt = el("option", { value: String(o[0]) }, o[1]);
      if (String(o[0]) === String(value)) opt.selected = true;
      s.appendChild(opt);
    });
    group(l, s);
    return s;
  }
  var modelSel = select("Model", "-model", MODELS.map(function (m) { return [m[0], m[1]]; }), model);
  var bytesSel = select("Gradients", "-bytes", [[4, "float32"], [2, "16-bit"]], bytes);
  var bwSel = select("Bandwidth", "-bw", BANDWIDTHS.map(function (b) { return [b, b + " GB/s"]; }), bandwidth);
  var gLabel = el("label", { for: uid + "-gpus" }, "GPUs N");
  var gInput = el("input", { id: uid + "-gpus", type: "range", min: "1", max: "64", step: "1", value: String(gpus) });
  gInput.style.minWidth = "6rem";
  var gOut = el("output", { for: uid + "-gpus", class: "figure-value" }, String(gpus));
  gOut.style.minWidth = "2em";
  group(gLabel, gInput, gOut);

  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function draw() {
    var m = MODELS[modelIds.indexOf(model)];
    var size = m[2] * bytes;
    var f = factor(gpus);
    var sent = f * size;
    var px = x(gpus), py = y(f);
    vline.setAttribute("x1", px.toFixed(2));
    vline.setAttribute("x2", px.toFixed(2));
    dot.setAttribute("cx", px.toFixed(2));
    dot.setAttribute("cy", py.toFixed(2));
    dotLabel.setAttribute("x", (gpus > 24 ? px - 10 : px + 10).toFixed(2));
    dotLabel.setAttribute("text-anchor", gpus > 24 ? "end" : "start");
    dotLabel.setAttribute("y", (py + 24).toFixed(2));
    dotLabel.textContent = f.toFixed(3) + "×";
    gOut.textContent = String(gpus);
    title.textContent = "Ring all-reduce: each GPU sends 2(N − 1)/N times the gradients; N = " + gpus + " gives " + f.toFixed(3);
    var head = m[1] + ", " + fmt(m[2]) + " parameters, " + (bytes === 4 ? "float32" : "16-bit") + " gradients: " +
      (size / 1e6).toFixed(1) + " MB per step. ";
    if (gpus === 1) {
      live.textContent = head + "With one GPU there is nothing to all-reduce.";
      return;
    }
    live.textContent = head + "N = " + gpus + ": each GPU sends 2 × " + (gpus - 1) + "/" + gpus + " = " + f.toFixed(3) +
      " × size = " + (sent / 1e6).toFixed(1) + " MB and receives the same; " +
      ((sent / (bandwidth * 1e9)) * 1e3).toFixed(2) + " ms at " + bandwidth + " GB/s.";
  }

  modelSel.addEventListener("change", function () { model = modelSel.value; draw(); });
  bytesSel.addEventListener("change", function () { bytes = Number(bytesSel.value); draw(); });
  bwSel.addEventListener("change", function () { bandwidth = Number(bwSel.value); draw(); });
  gInput.addEventListener("input", function () { gpus = Number(gInput.value); draw(); });
  draw();
};
