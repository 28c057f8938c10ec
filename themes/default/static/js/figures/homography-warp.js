// homography-warp: a checkerboard of 8 x 8 squares of 30 px (the square
// 0..240 x 0..240) warped by the homography H that sends its four corners to
// four handles. Drag a handle, or focus it (Tab) and move it with the arrow
// keys (5 px; 1 px with Shift). Each square is drawn as the quadrilateral of
// its mapped corners, which is exact: a homography maps lines to lines. H is
// solved from the 8 equations of the 4 correspondences with H[2][2] = 1
// (Gaussian elimination with partial pivoting), the live region prints it
// and where the board's centre lands, dividing by W.
//
// Params (all optional): corners, eight integers "x1,y1,x2,y2,x3,y3,x4,y4"
// (top-left, top-right, bottom-right, bottom-left) inside the 400 x 340
// drawing; default "120,40,300,60,370,300,30,280".
//
// scripts/figures/homography-warp.py draws the static fallback with the same
// solver and formatting.
"use strict";
(window.courseFigures = window.courseFigures || {})["homography-warp"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  var W = 400, H = 340, SIDE = 240, CELLS = 8, STEP = SIDE / CELLS;
  var SRC = [[0, 0], [SIDE, 0], [SIDE, SIDE], [0, SIDE]];
  var NAMES = ["top-left", "top-right", "bottom-right", "bottom-left"];
  var DEFAULT = [120, 40, 300, 60, 370, 300, 30, 280];

  function parseCorners(text) {
    if (text === undefined || text === "") return DEFAULT.slice();
    var v = String(text).split(",").map(Number);
    if (v.length !== 8 || !v.every(function (x) { return isFinite(x); })) return DEFAULT.slice();
    return v.map(function (x, i) { return Math.min(i % 2 ? H : W, Math.max(0, Math.round(x))); });
  }
  var start = parseCorners(params.corners);
  var dst;
  function reset() { dst = [0, 1, 2, 3].map(function (i) { return [start[2 * i], start[2 * i + 1]]; }); }
  reset();

  // H with H[2][2] = 1 from 4 correspondences, or null when they are degenerate.
  function solve(src, dst) {
    var M = [];
    for (var i = 0; i < 4; i++) {
      var x = src[i][0], y = src[i][1], u = dst[i][0], v = dst[i][1];
      M.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
      M.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
    }
    for (var c = 0; c < 8; c++) {
      var p = c;
      for (var r = c + 1; r < 8; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
      if (Math.abs(M[p][c]) < 1e-9) return null;
      var t = M[c]; M[c] = M[p]; M[p] = t;
      for (r = c + 1; r < 8; r++) {
        var f = M[r][c] / M[c][c];
        for (var k = c; k < 9; k++) M[r][k] -= f * M[c][k];
      }
    }
    var h = new Array(8);
    for (c = 7; c >= 0; c--) {
      var s = M[c][8];
      for (k = c + 1; k < 8; k++) s -= M[c][k] * h[k];
      h[c] = s / M[c][c];
    }
    if (!h.every(function (x) { return isFinite(x); })) return null;
    return [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1]];
  }
  function apply(m, x, y) {
    var X = m[0][0] * x + m[0][1] * y + m[0][2];
    var Y = m[1][0] * x + m[1][1] * y + m[1][2];
    var Wh = m[2][0] * x + m[2][1] * y + m[2][2];
    return [X / Wh, Y / Wh, Wh];
  }
  function convex(q) {
    var sign = 0;
    for (var i = 0; i < 4; i++) {
      var a = q[i], b = q[(i + 1) % 4], c = q[(i + 2) % 4];
      var z = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
      if (z === 0) return false;
      if (sign === 0) sign = Math.sign(z);
      else if (Math.sign(z) !== sign) return false;
    }
    return true;
  }
  function fmt(v, d) {
    var s = v.toFixed(d);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
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

  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "fig-svg", role: "group",
    "aria-label": "A checkerboard warped by a homography; its four corners are handles you can drag or move with the arrow keys" });
  svg.style.cssText = "max-width:" + Math.round(W * 1.3) + "px;margin:0 auto;aspect-ratio:" + W + "/" + H + ";touch-action:none";
  var board = svgEl("g", {});
  var outline = svgEl("polygon", { style: "fill:none;stroke:var(--text);stroke-width:1.5" });
  var handles = svgEl("g", {});
  svg.appendChild(board);
  svg.appendChild(outline);
  svg.appendChild(handles);

  var controls = el("div", { class: "figure-controls" });
  var resetBtn = el("button", { type: "button" }, "Reset the corners");
  controls.appendChild(resetBtn);
  var hint = el("span", { class: "figure-note" }, "Drag a numbered corner, or Tab to it and use the arrow keys (Shift: 1 px).");
  controls.appendChild(hint);
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(controls);
  root.appendChild(live);

  var knobs = [0, 1, 2, 3].map(function (i) {
    var g = svgEl("g", { tabindex: "0", role: "button", class: "homography-corner", "data-corner": String(i + 1) });
    g.style.cursor = "grab";
    g.appendChild(svgEl("circle", { r: 11, style: "fill:var(--bg);stroke:var(--fig-1);stroke-width:3" }));
    g.appendChild(svgEl("text", { "text-anchor": "middle", y: 4.5, class: "fig-label" }, String(i + 1)));
    handles.appendChild(g);
    return g;
  });

  function draw() {
    var m = solve(SRC, dst);
    while (board.firstChild) board.removeChild(board.firstChild);
    if (m) {
      for (var r = 0; r < CELLS; r++) for (var c = 0; c < CELLS; c++) {
        var pts = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]].map(function (p) {
          var q = apply(m, p[0] * STEP, p[1] * STEP);
          return q[0].toFixed(1) + "," + q[1].toFixed(1);
        });
        board.appendChild(svgEl("polygon", { points: pts.join(" "),
          style: (r + c) % 2 ? "fill:var(--fig-2);stroke:none" : "fill:var(--bg);stroke:none" }));
      }
    }
    outline.setAttribute("points", dst.map(function (p) { return p[0] + "," + p[1]; }).join(" "));
    knobs.forEach(function (k, i) {
      k.setAttribute("transform", "translate(" + dst[i][0] + " " + dst[i][1] + ")");
      k.setAttribute("aria-label", "Corner " + (i + 1) + " (" + NAMES[i] + " of the board) at (" + dst[i][0] + ", " +
        dst[i][1] + "); arrow keys move it");
    });
    var text = "Corners " + dst.map(function (p, i) { return (i + 1) + " (" + p[0] + ", " + p[1] + ")"; }).join(", ") + ". ";
    if (!m) {
      live.textContent = text + "Three corners are on one line: no homography maps the square there.";
      return;
    }
    var rows = m.map(function (row, i) {
      return "[" + row.map(function (v, j) { return i === 2 ? (j === 2 ? "1" : fmt(v, 6)) : fmt(v, 3); }).join(", ") + "]";
    });
    var centre = apply(m, SIDE / 2, SIDE / 2);
    text += "H = [" + rows.join(", ") + "]. The board's centre (120, 120) has W = " + fmt(centre[2], 3) +
      " and lands at (" + fmt(centre[0], 1) + ", " + fmt(centre[1], 1) + ").";
    if (!convex(dst)) text += " The quadrilateral is not convex: H sends part of the board through the line at infinity (W changes sign), so no picture of the board looks like this.";
    live.textContent = text;
  }

  function move(i, dx, dy) {
    dst[i] = [Math.min(W, Math.max(0, dst[i][0] + dx)), Math.min(H, Math.max(0, dst[i][1] + dy))];
    draw();
  }
  knobs.forEach(function (k, i) {
    k.addEventListener("keydown", function (e) {
      var d = e.shiftKey ? 1 : 5;
      var v = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] }[e.key];
      if (!v) return;
      e.preventDefault();
      move(i, v[0], v[1]);
    });
    k.addEventListener("pointerdown", function (e) {
      e.preventDefault();
      k.focus();
      if (k.setPointerCapture) k.setPointerCapture(e.pointerId);
      k.dataset.dragging = "true";
    });
    k.addEventListener("pointermove", function (e) {
      if (k.dataset.dragging !== "true") return;
      var ctm = svg.getScreenCTM();
      if (!ctm) return;
      var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
      move(i, Math.round(p.x) - dst[i][0], Math.round(p.y) - dst[i][1]);
    });
    function stop() { k.dataset.dragging = "false"; }
    k.addEventListener("pointerup", stop);
    k.addEventListener("pointercancel", stop);
  });
  resetBtn.addEventListener("click", function () { reset(); draw(); });
  draw();
};
