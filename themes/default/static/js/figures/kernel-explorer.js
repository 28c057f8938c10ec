// kernel-explorer: a 6 x 6 grid of small integers with one ring of padding
// (filled by the chosen border mode), a 3 x 3 kernel and the filtered output.
// The reader picks the kernel and the border mode, moves the window with the
// row and column sliders (or the Next button), and can flip the kernel to
// compute a true convolution instead of cv2.filter2D's correlation; the live
// region lists the nine products and the sum.
//
// Params (all optional): kernel (box | gaussian | sharpen | sobelx | shift;
// default box), border (reflect101 | reflect | replicate | constant; default
// reflect101), row, col (0-5; default 0), flip (true | false; default false).
//
// scripts/figures/kernel-explorer.py draws the static fallback with the same
// grid, kernels and border rules.
"use strict";
(window.courseFigures = window.courseFigures || {})["kernel-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var IMG = [
    [9, 7, 5, 3, 1, 0],
    [8, 6, 4, 2, 1, 0],
    [7, 5, 3, 2, 1, 1],
    [6, 4, 2, 1, 1, 2],
    [5, 3, 2, 1, 2, 3],
    [4, 2, 1, 1, 3, 5],
  ];
  var N = 6;
  // Kernels as integer weights and a divisor, so the products stay readable.
  var KERNELS = {
    box: { name: "box blur (÷ 9)", w: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], div: 9 },
    gaussian: { name: "Gaussian 3 × 3 (÷ 16)", w: [[1, 2, 1], [2, 4, 2], [1, 2, 1]], div: 16 },
    sharpen: { name: "sharpen", w: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], div: 1 },
    sobelx: { name: "Sobel x", w: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], div: 1 },
    shift: { name: "shift (right neighbour)", w: [[0, 0, 0], [0, 0, 1], [0, 0, 0]], div: 1 },
  };
  var BORDERS = {
    reflect101: "reflect-101 (OpenCV default)",
    reflect: "reflect",
    replicate: "replicate",
    constant: "constant 0",
  };
  function pick(v, table, def) { return Object.prototype.hasOwnProperty.call(table, v) ? v : def; }
  function idx(v, def) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x)) return def;
    return Math.min(N - 1, Math.max(0, Math.round(x)));
  }
  var kernelName = pick(params.kernel, KERNELS, "box");
  var border = pick(params.border, BORDERS, "reflect101");
  var row = idx(params.row, 0), col = idx(params.col, 0);
  var flip = params.flip === "true";

  // The border rules of the lesson, for an index p on a side of n pixels.
  function inside(p, n, mode) {
    if (p >= 0 && p < n) return p;
    if (mode === "constant") return -1;
    if (mode === "replicate") return p < 0 ? 0 : n - 1;
    if (n === 1) return 0;
    while (p < 0 || p >= n) {
      if (mode === "reflect") p = p < 0 ? -p - 1 : 2 * n - 1 - p;
      else p = p < 0 ? -p : 2 * (n - 1) - p;
    }
    return p;
  }
  function at(y, x) {
    var yy = inside(y, N, border), xx = inside(x, N, border);
    return yy < 0 || xx < 0 ? 0 : IMG[yy][xx];
  }
  function weights() {
    var w = KERNELS[kernelName].w;
    if (!flip) return w;
    return w.map(function (_, i) { return w[2 - i].slice().reverse(); });
  }
  function products(y, x) {
    var w = weights(), out = [];
    for (var i = -1; i <= 1; i++) for (var j = -1; j <= 1; j++) out.push([w[i + 1][j + 1], at(y + i, x + j)]);
    return out;
  }
  function value(y, x) {
    var s = 0;
    products(y, x).forEach(function (p) { s += p[0] * p[1]; });
    return s / KERNELS[kernelName].div;
  }
  // Output cells: one decimal (Math.round, as the fallback script's floor(v * 10 + 0.5)).
  function cellText(v) {
    var r = Math.round(v * 10) / 10;
    return String(r === 0 ? 0 : r);
  }
  function fmt(v) {
    var r = Math.round(v * 100) / 100;
    return String(r === 0 ? 0 : r);
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

  var C = 30, TOP = 26, IX = 4, KX = IX + 8 * C + 28, OX = KX + 3 * C + 28;
  var W = OX + N * C + 4, H = TOP + 8 * C + 6;
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "img",
    "aria-label": "Input grid with padding, 3 by 3 kernel, and filtered output" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.3) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H;

  var uid = "ke" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  function group() {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 14rem";
    for (var i = 0; i < arguments.length; i++) g.appendChild(arguments[i]);
    controls.appendChild(g);
  }
  function select(id, label, table, current) {
    var s = el("select", { id: uid + "-" + id });
    Object.keys(table).forEach(function (k) {
      var o = el("option", { value: k }, typeof table[k] === "string" ? table[k] : table[k].name);
      if (k === current) o.selected = true;
      s.appendChild(o);
    });
    group(el("label", { for: uid + "-" + id }, label), s);
    return s;
  }
  var kernelSel = select("kernel", "Kernel", KERNELS, kernelName);
  var borderSel = select("border", "Border", BORDERS, border);
  function slider(id, label, v) {
    var input = el("input", { id: uid + "-" + id, type: "range", min: "0", max: String(N - 1), step: "1", value: String(v) });
    input.style.minWidth = "5rem";
    var out = el("output", { for: uid + "-" + id, class: "figure-value" }, String(v));
    out.style.minWidth = "1.5em";
    group(el("label", { for: uid + "-" + id }, label), input, out);
    return [input, out];
  }
  var rowCtl = slider("row", "Row", row), colCtl = slider("col", "Column", col);
  var flipBox = el("input", { id: uid + "-flip", type: "checkbox" });
  flipBox.checked = flip;
  var next = el("button", { type: "button" }, "Next position");
  group(flipBox, el("label", { for: uid + "-flip" }, "Flip the kernel (convolution)"));
  group(next);

  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function cell(x, y, text, style, cls) {
    svg.appendChild(svgEl("rect", { x: x, y: y, width: C - 2, height: C - 2, rx: 3, style: style }));
    svg.appendChild(svgEl("text", { x: x + (C - 2) / 2, y: y + C / 2 + 3, "text-anchor": "middle", class: cls || "fig-label" }, text));
  }

  function draw() {
    rowCtl[1].textContent = String(row);
    colCtl[1].textContent = String(col);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.appendChild(svgEl("text", { x: IX, y: 16, class: "fig-label" }, "input + padding"));
    svg.appendChild(svgEl("text", { x: KX, y: 16, class: "fig-label" }, flip ? "kernel, flipped" : "kernel"));
    svg.appendChild(svgEl("text", { x: OX, y: 16, class: "fig-label" }, "output"));
    // Input with one ring of padding (lighter cells).
    for (var y = -1; y <= N; y++) {
      for (var x = -1; x <= N; x++) {
        var pad = y < 0 || x < 0 || y >= N || x >= N;
        cell(IX + (x + 1) * C, TOP + (y + 1) * C, String(at(y, x)),
          pad ? "fill:var(--bg);stroke:var(--border-strong);stroke-dasharray:3 3" : "fill:var(--bg-muted);stroke:var(--border)",
          pad ? "fig-tick" : "fig-label");
      }
    }
    svg.appendChild(svgEl("rect", { x: IX + col * C - 2, y: TOP + row * C - 2, width: 3 * C + 2, height: 3 * C + 2, rx: 4,
      style: "fill:none;stroke:var(--fig-2);stroke-width:3" }));
    // Kernel.
    var w = weights(), k = KERNELS[kernelName];
    for (var i = 0; i < 3; i++) for (var j = 0; j < 3; j++) {
      cell(KX + j * C, TOP + C + i * C, String(w[i][j]), "fill:var(--bg-muted);stroke:var(--fig-2)");
    }
    if (k.div !== 1) svg.appendChild(svgEl("text", { x: KX + 1.5 * C, y: TOP + 4 * C + 20, "text-anchor": "middle", class: "fig-tick" }, "÷ " + k.div));
    // Output.
    for (var oy = 0; oy < N; oy++) for (var ox = 0; ox < N; ox++) {
      cell(OX + ox * C, TOP + C + oy * C, cellText(value(oy, ox)), "fill:var(--bg-muted);stroke:var(--border)", "fig-tick");
    }
    svg.appendChild(svgEl("rect", { x: OX + col * C - 1, y: TOP + C + row * C - 1, width: C, height: C, rx: 4,
      style: "fill:none;stroke:var(--fig-2);stroke-width:3" }));

    var ps = products(row, col), sum = 0;
    ps.forEach(function (p) { sum += p[0] * p[1]; });
    var terms = ps.map(function (p) { return p[0] + "·" + p[1]; }).join(" + ");
    live.textContent = "Output at row " + row + ", column " + col + " (" + k.name + ", " + BORDERS[border] +
      (flip ? ", kernel flipped: convolution" : ", correlation as in filter2D") + "): values " +
      ps.map(function (p) { return p[1]; }).join(", ") + "; " + terms + " = " + sum +
      (k.div !== 1 ? "; " + sum + " / " + k.div + " = " + fmt(sum / k.div) : "") + ".";
  }

  kernelSel.addEventListener("change", function () { kernelName = kernelSel.value; draw(); });
  borderSel.addEventListener("change", function () { border = borderSel.value; draw(); });
  rowCtl[0].addEventListener("input", function () { row = Number(rowCtl[0].value); draw(); });
  colCtl[0].addEventListener("input", function () { col = Number(colCtl[0].value); draw(); });
  flipBox.addEventListener("change", function () { flip = flipBox.checked; draw(); });
  next.addEventListener("click", function () {
    col++;
    if (col === N) { col = 0; row = (row + 1) % N; }
    rowCtl[0].value = String(row);
    colCtl[0].value = String(col);
    draw();
  });
  draw();
};
