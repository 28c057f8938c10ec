// harris-explorer: a 36 x 36 uint8 image (a bright rectangle and a diamond on
// a dark background) beside its Harris response R = det(M) - k trace(M)^2,
// computed in the page as cv2.cornerHarris(img, window, 3, k) computes it:
// 3 x 3 Sobel derivatives with reflect-101 borders and OpenCV's scale
// 1 / (4 * window * 255), the products summed over a window x window box.
// Red cells are R > 0 (corners), blue cells R < 0 (edges), the stronger the
// more opaque; rings mark keypoints: R above 1% of its largest value and no
// 8-neighbour larger. Sliders set k and the window; the live region gives
// the counts and R at four probe pixels.
//
// Params (all optional): k (0-0.25, default 0.04), window (1-7, default 3).
//
// scripts/figures/harris-explorer.py draws the static fallback from the same
// image and formulas and checks them against cv2.cornerHarris.
"use strict";
(window.courseFigures = window.courseFigures || {})["harris-explorer"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var N = 36;
  function num(v, lo, hi, def, step) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x)) return def;
    return Math.min(hi, Math.max(lo, Math.round(x / step) * step));
  }
  var k = num(params.k, 0, 0.25, 0.04, 0.01);
  var win = num(params.window, 1, 7, 3, 1);

  var IMG = [];
  for (var y = 0; y < N; y++) {
    var row = [];
    for (var x = 0; x < N; x++) {
      var v = 40;
      if (y >= 5 && y < 17 && x >= 4 && x < 20) v = 210;
      if (Math.abs(y - 25) + Math.abs(x - 24) <= 7) v = 150;
      row.push(v);
    }
    IMG.push(row);
  }
  function reflect(i) {
    while (i < 0 || i >= N) i = i < 0 ? -i : 2 * N - 2 - i;
    return i;
  }
  var IX = [], IY = [];
  (function () {
    var s = 1 / (4 * 255);
    for (var y = 0; y < N; y++) {
      var rx = [], ry = [];
      for (var x = 0; x < N; x++) {
        var p = [];
        for (var dy = -1; dy <= 1; dy++) {
          var pr = [];
          for (var dx = -1; dx <= 1; dx++) pr.push(IMG[reflect(y + dy)][reflect(x + dx)]);
          p.push(pr);
        }
        var gx = (p[0][2] - p[0][0]) + 2 * (p[1][2] - p[1][0]) + (p[2][2] - p[2][0]);
        var gy = (p[2][0] - p[0][0]) + 2 * (p[2][1] - p[0][1]) + (p[2][2] - p[0][2]);
        rx.push(gx * s);
        ry.push(gy * s);
      }
      IX.push(rx);
      IY.push(ry);
    }
  })();

  function response(k, w) {
    var before = Math.floor(w / 2), w2 = w * w, R = [];
    for (var y = 0; y < N; y++) {
      var row = [];
      for (var x = 0; x < N; x++) {
        var sa = 0, sb = 0, sc = 0;
        for (var i = 0; i < w; i++) {
          var yy = reflect(y - before + i);
          for (var j = 0; j < w; j++) {
            var xx = reflect(x - before + j);
            var gx = IX[yy][xx], gy = IY[yy][xx];
            sa += gx * gx;
            sb += gx * gy;
            sc += gy * gy;
          }
        }
        var a = sa / w2, b = sb / w2, c = sc / w2;
        row.push(a * c - b * b - k * (a + c) * (a + c));
      }
      R.push(row);
    }
    return R;
  }
  function keypoints(R, top) {
    var out = [];
    for (var y = 0; y < N; y++) {
      for (var x = 0; x < N; x++) {
        var v = R[y][x];
        if (v <= 0.01 * top) continue;
        var peak = true;
        for (var dy = -1; dy <= 1 && peak; dy++) {
          for (var dx = -1; dx <= 1; dx++) {
            var ny = y + dy, nx = x + dx;
            if (ny >= 0 && ny < N && nx >= 0 && nx < N && R[ny][nx] > v) { peak = false; break; }
          }
        }
        if (peak) out.push([y, x]);
      }
    }
    return out;
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

  var C = 7, GAP = 24, TOP = 22, LEFT = 4;
  var SW = LEFT + 2 * N * C + GAP + 4, SH = TOP + N * C + 8, X0 = LEFT + N * C + GAP;
  var svg = svgEl("svg", { viewBox: "0 0 " + SW + " " + SH, width: SW, height: SH, class: "fig-svg", role: "img",
    "aria-label": "A test image and its Harris response: corners positive, edges negative" });
  svg.style.cssText = "max-width:" + Math.round(SW * 1.4) + "px;margin:0 auto;aspect-ratio:" + SW + "/" + SH;
  svg.appendChild(svgEl("text", { x: LEFT, y: 15, class: "fig-label" }, "image"));
  var title = svgEl("text", { x: X0, y: 15, class: "fig-label" }, "");
  svg.appendChild(title);
  var cells = [];
  for (var yy = 0; yy < N; yy++) {
    for (var xx = 0; xx < N; xx++) {
      var g = IMG[yy][xx];
      svg.appendChild(svgEl("rect", { x: LEFT + xx * C, y: TOP + yy * C, width: C, height: C,
        style: "fill:rgb(" + g + "," + g + "," + g + ")" }));
    }
  }
  for (yy = 0; yy < N; yy++) {
    for (xx = 0; xx < N; xx++) {
      var r = svgEl("rect", { x: X0 + xx * C, y: TOP + yy * C, width: C, height: C });
      svg.appendChild(r);
      cells.push(r);
    }
  }
  var rings = svgEl("g", {});
  svg.appendChild(rings);

  var uid = "he" + Math.random().toString(36).slice(2, 8);
  var controls = el("div", { class: "figure-controls" });
  function slider(id, label, min, max, step, value) {
    var g = el("span", {});
    g.style.cssText = "display:flex;align-items:center;gap:.5rem;flex:1 1 12rem";
    var input = el("input", { id: uid + "-" + id, type: "range", min: min, max: max, step: step, value: String(value) });
    input.style.minWidth = "7rem";
    var out = el("output", { for: uid + "-" + id, class: "figure-value" });
    out.style.minWidth = "2.5em";
    g.appendChild(el("label", { for: uid + "-" + id }, label));
    g.appendChild(input);
    g.appendChild(out);
    controls.appendChild(g);
    return { input: input, out: out };
  }
  var kS = slider("k", "k", "0", "0.25", "0.01", k.toFixed(2));
  var wS = slider("window", "Window", "1", "7", "1", win);
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  var PROBES = [["a corner of the rectangle", 5, 4], ["its left edge", 10, 4], ["the diamond's top tip", 18, 24],
    ["the flat background", 30, 5]];
  function fmt(v) {
    var s = v.toFixed(4);
    if (s === "-0.0000") s = "0.0000";
    return s.replace("-", "\u2212");
  }

  function draw() {
    kS.input.value = k.toFixed(2);
    kS.out.textContent = k.toFixed(2);
    wS.input.value = String(win);
    wS.out.textContent = win + " \u00d7 " + win;
    title.textContent = "Harris response R (k = " + k.toFixed(2) + ", window " + win + ")";
    var R = response(k, win);
    var top = -Infinity, low = Infinity, size = 0;
    for (var y = 0; y < N; y++) {
      for (var x = 0; x < N; x++) {
        var v = R[y][x];
        if (v > top) top = v;
        if (v < low) low = v;
        if (Math.abs(v) > size) size = Math.abs(v);
      }
    }
    var scale = size || 1, neg = 0;
    for (y = 0; y < N; y++) {
      for (x = 0; x < N; x++) {
        v = R[y][x];
        if (v < -0.01 * size) neg++;
        var t = Math.min(1, Math.sqrt(Math.abs(v / scale)));
        cells[y * N + x].setAttribute("style", "fill:var(" + (v > 0 ? "--fig-1" : "--fig-2") + ");fill-opacity:" + t.toFixed(3));
      }
    }
    var kps = keypoints(R, top);
    while (rings.firstChild) rings.removeChild(rings.firstChild);
    kps.forEach(function (p) {
      rings.appendChild(svgEl("circle", { cx: X0 + p[1] * C + C / 2, cy: TOP + p[0] * C + C / 2, r: 5,
        style: "fill:none;stroke:var(--text);stroke-width:1.5" }));
    });
    live.textContent = "k = " + k.toFixed(2) + ", window " + win + " \u00d7 " + win + ": " + kps.length +
      " keypoints (R above 1% of its largest value and no neighbour larger); R runs from " + fmt(low) + " to " +
      fmt(top) + ", and " + neg + " pixels are edges (R below \u22121% of the largest |R|). R at " +
      PROBES.map(function (p) { return p[0] + " (row " + p[1] + ", column " + p[2] + "): " + fmt(R[p[1]][p[2]]); }).join("; ") + ".";
  }

  kS.input.addEventListener("input", function () { k = Math.round(Number(kS.input.value) * 100) / 100; draw(); });
  wS.input.addEventListener("input", function () { win = Number(wS.input.value); draw(); });
  draw();
};
