// broadcast-shapes: two tensor shapes in, the broadcast result out, one
// column per dimension, aligned from the right as PyTorch aligns them.
// Each column says which rule applies: equal sizes, a size of 1 stretched,
// a missing dimension treated as 1, or the mismatch that makes PyTorch
// raise (with the message PyTorch 1.13 gives).
//
//   ::: figure broadcast-shapes {a="4,1,3" b="5,3"}
//
// Params (optional): a and b, comma-separated sizes (0 to 6 dimensions,
// sizes 0-999; an empty string is a 0-dimensional tensor). Invalid values
// fall back to the defaults 4,1,3 and 5,3.
//
// scripts/figures/broadcast-shapes.py draws the static fallback the same way.
"use strict";
(window.courseFigures = window.courseFigures || {})["broadcast-shapes"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var MAXDIM = 6;

  // A shape from text such as "4, 1, 3", "(4, 1, 3)" or "4x1x3"; null if
  // it is not one.
  function parse(text) {
    var s = String(text).trim().replace(/^[([]/, "").replace(/[)\]]$/, "").trim();
    if (s === "") return [];
    var parts = s.split(/\s*[,x×]\s*|\s+/).filter(function (p) { return p !== ""; });
    if (parts.length > MAXDIM) return null;
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (!/^\d{1,3}$/.test(parts[i])) return null;
      out.push(Number(parts[i]));
    }
    return out;
  }
  function fmt(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? "," : "") + ")";
  }

  // The rule, column by column from the right. Each column: sizes of a and
  // b (null when missing), the result size or null, and why.
  function broadcast(a, b) {
    var n = Math.max(a.length, b.length), cols = [], fail = null;
    for (var k = 1; k <= n; k++) {
      var x = k <= a.length ? a[a.length - k] : null;
      var y = k <= b.length ? b[b.length - k] : null;
      var col = { dim: -k, a: x, b: y };
      if (x === null || y === null) {
        col.out = x === null ? y : x;
        col.why = (x === null ? "a" : "b") + " has no dimension here: treated as 1, stretched to " + col.out;
      } else if (x === y) {
        col.out = x;
        col.why = "equal sizes " + x;
      } else if (x === 1 || y === 1) {
        col.out = x === 1 ? y : x;
        col.why = (x === 1 ? "a" : "b") + "'s size 1 is stretched to " + col.out;
      } else {
        col.out = null;
        col.why = "sizes " + x + " and " + y + " differ and neither is 1";
        if (!fail) fail = { col: col, index: n - k, x: x, y: y };
      }
      cols.unshift(col);
    }
    return { cols: cols, fail: fail, shape: fail ? null : cols.map(function (c) { return c.out; }) };
  }

  function read(v, def) {
    var s = v === undefined ? null : parse(v);
    return s === null ? def : s;
  }
  var a = read(params.a, [4, 1, 3]);
  var b = read(params.b, [5, 3]);

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(name, attrs, parent, text) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  var uid = "bs" + Math.random().toString(36).slice(2, 8);
  var W = 640, H = 196, RIGHT = 620, CW = 64, CH = 34, GAP = 10, LABEL = 96;
  var ROWS = [{ key: "a", y: 38 }, { key: "b", y: 84 }, { key: "out", y: 146 }];
  var svg = svgEl("svg", { class: "fig-svg", role: "img", viewBox: "0 0 " + W + " " + H, width: W, height: H });
  svg.style.aspectRatio = W + "/" + H;
  var controls = el("div", { class: "figure-controls" });
  function field(label, id, value) {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 12rem";
    var l = el("label", { for: uid + id }, label);
    var input = el("input", { id: uid + id, type: "text", value: value, spellcheck: "false", autocomplete: "off", inputmode: "numeric" });
    input.style.cssText = "font:inherit;width:8rem;padding:.2rem .4rem;border:1px solid var(--border-strong);border-radius:4px;background:var(--bg);color:var(--text)";
    g.appendChild(l);
    g.appendChild(input);
    controls.appendChild(g);
    return input;
  }
  var inA = field("Shape of a", "-a", a.join(", "));
  var inB = field("Shape of b", "-b", b.join(", "));
  var presetWrap = el("span", {});
  presetWrap.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 14rem;min-width:0";
  var presetLabel = el("label", { for: uid + "-p" }, "Examples");
  var preset = el("select", { id: uid + "-p" });
  preset.style.cssText = "min-width:0;max-width:100%;flex:1 1 auto";
  var PRESETS = [
    ["", "choose an example…"],
    ["4, 1, 3|5, 3", "pairwise: (n, 1, d), (m, d)"],
    ["4, 1|4", "column, vector: (n, 1), (n,)"],
    ["2, 3|4", "mismatch: (2, 3), (4,)"],
    ["8, 1, 6, 1|7, 1, 5", "4 dimensions against 3"],
    ["|3", "0-dimensional against (3,)"],
    ["0, 3|4, 1, 3", "size 0 against size 1"],
  ];
  PRESETS.forEach(function (p) { preset.appendChild(el("option", { value: p[0] }, p[1])); });
  presetWrap.appendChild(presetLabel);
  presetWrap.appendChild(preset);
  controls.appendChild(presetWrap);
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  function box(x, y, text, cls) {
    var style = cls === "bad" ? "fill:none;stroke:var(--caution);stroke-width:2.5;stroke-dasharray:5 4"
      : cls === "missing" ? "fill:none;stroke:var(--border-strong);stroke-width:1.5;stroke-dasharray:3 4"
      : cls === "stretched" ? "fill:var(--fig-band);stroke:var(--tip);stroke-width:2"
      : "fill:var(--fig-band);stroke:var(--border-strong);stroke-width:1.5";
    svgEl("rect", { x: x, y: y, width: CW, height: CH, rx: 4, style: style }, svg);
    svgEl("text", { x: x + CW / 2, y: y + CH / 2 + 5, "text-anchor": "middle", class: "fig-label" }, svg, text);
  }

  function draw() {
    var r = broadcast(a, b);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var names = { a: "a " + fmt(a), b: "b " + fmt(b), out: r.fail ? "result: error" : "result " + fmt(r.shape) };
    ROWS.forEach(function (row) {
      svgEl("text", { x: 8, y: row.y + CH / 2 + 5, class: "fig-label" }, svg, row.key === "out" ? "result" : row.key);
    });
    svgEl("line", { x1: LABEL - 8, x2: RIGHT, y1: 132, y2: 132, class: "fig-marker" }, svg);
    var n = r.cols.length;
    if (n === 0) {
      svgEl("text", { x: LABEL, y: ROWS[2].y + CH / 2 + 5, class: "fig-tick" }, svg, "0-dimensional: a single number, shape ()");
    }
    r.cols.forEach(function (c, i) {
      var x = RIGHT - (n - i) * (CW + GAP) + GAP;
      svgEl("text", { x: x + CW / 2, y: 22, "text-anchor": "middle", class: "fig-tick" }, svg, "dim " + String(c.dim).replace("-", "−"));
      var sa = c.a === null ? "missing" : c.a === 1 && c.out !== null && c.out !== 1 ? "stretched" : c.out === null ? "bad" : "";
      var sb = c.b === null ? "missing" : c.b === 1 && c.out !== null && c.out !== 1 ? "stretched" : c.out === null ? "bad" : "";
      box(x, ROWS[0].y, c.a === null ? "·" : String(c.a), sa);
      box(x, ROWS[1].y, c.b === null ? "·" : String(c.b), sb);
      if (c.out === null) box(x, ROWS[2].y, "✗", "bad");
      else box(x, ROWS[2].y, String(c.out), r.fail ? "missing" : "");
    });
    svg.setAttribute("aria-label", names.a + " and " + names.b + ": " + names.out);
    var lines = r.cols.slice().reverse().map(function (c) {
      return "dim " + String(c.dim).replace("-", "−") + ": " + c.why;
    });
    if (r.fail) {
      live.textContent = fmt(a) + " and " + fmt(b) + " do not broadcast: at dim " + String(r.fail.col.dim).replace("-", "−") + " the " +
        r.fail.col.why + ". PyTorch 1.13 raises RuntimeError: The size of tensor a (" + r.fail.x + ") must match the size of tensor b (" +
        r.fail.y + ") at non-singleton dimension " + r.fail.index + ".";
    } else {
      live.textContent = fmt(a) + " and " + fmt(b) + " broadcast to " + fmt(r.shape) + "." + (lines.length ? " " + lines.join("; ") + "." : "");
    }
  }

  function onInput(which, input) {
    var s = parse(input.value);
    if (s === null) {
      input.setAttribute("aria-invalid", "true");
      live.textContent = "Shape of " + which + ": write up to " + MAXDIM + " sizes from 0 to 999, separated by commas (e.g. 4, 1, 3); leave it empty for a 0-dimensional tensor.";
      return;
    }
    input.removeAttribute("aria-invalid");
    if (which === "a") a = s; else b = s;
    draw();
  }
  inA.addEventListener("input", function () { onInput("a", inA); });
  inB.addEventListener("input", function () { onInput("b", inB); });
  preset.addEventListener("change", function () {
    if (!preset.value) return;
    var p = preset.value.split("|");
    inA.value = p[0];
    inB.value = p[1];
    onInput("a", inA);
    onInput("b", inB);
  });
  draw();
};
