// autograd-graph: the computation graph of f = (x·w + b)·x, stepped
// through one operation at a time: the forward pass fills in each node's
// value, then backward() starts from ∂f/∂f = 1 and each node's backward
// function sends gradients to its inputs. x is used twice, so its .grad is
// the sum of two contributions, which is why PyTorch accumulates into .grad.
//
//   ::: figure autograd-graph {x=2 w=3 b=1 step=0}
//
// Params (optional): x, w, b, numbers from -9 to 9 (defaults 2, 3, 1), and
// step, 0-8 (default 0). Keys: ← and → (or the buttons) move one step;
// Home and End jump to the first and last.
//
// scripts/figures/autograd-graph.py draws the static fallback (the last
// step) the same way.
"use strict";
(window.courseFigures = window.courseFigures || {})["autograd-graph"] = function mount(root, params) {
  var SVG = "http://www.w3.org/2000/svg";
  function num(v, lo, hi, def) {
    var x = Number(v);
    if (v === undefined || v === "" || !isFinite(x) || x < lo || x > hi) return def;
    return x;
  }
  var X = num(params.x, -9, 9, 2), Wv = num(params.w, -9, 9, 3), B = num(params.b, -9, 9, 1);
  var LAST = 8;
  var step = Math.round(num(params.step, 0, LAST, 0));

  function fmt(v) {
    var r = Math.round(v * 1e4) / 1e4;
    return (r === 0 ? 0 : r).toString().replace("-", "−");
  }

  // Values and gradients, as autograd computes them.
  var u = X * Wv, z = u + B, f = z * X;
  var gz = X, gx1 = z, gu = gz, gb = gz, gx2 = gu * Wv, gw = gu * X, gx = gx1 + gx2;

  // Node positions (centres) and what each shows.
  var NODES = {
    x: { x: 80, y: 64, label: "x (leaf)" },
    w: { x: 80, y: 160, label: "w (leaf)" },
    b: { x: 80, y: 256, label: "b (leaf)" },
    u: { x: 250, y: 112, label: "u = x · w" },
    z: { x: 410, y: 184, label: "z = u + b" },
    f: { x: 560, y: 112, label: "f = z · x" },
  };
  var EDGES = [["x", "u"], ["w", "u"], ["u", "z"], ["b", "z"], ["z", "f"], ["x", "f"]];
  // What each step shows: values known, gradients known, the active nodes
  // and edges, and the sentence that describes it.
  function state(s) {
    var val = { x: X, w: Wv, b: B }, grad = {};
    if (s >= 1) val.u = u;
    if (s >= 2) val.z = z;
    if (s >= 3) val.f = f;
    if (s >= 4) grad.f = 1;
    if (s >= 5) { grad.z = gz; grad.x = gx1; }
    if (s >= 6) { grad.u = gu; grad.b = gb; }
    if (s >= 7) { grad.x = gx; grad.w = gw; }
    var steps = [
      { active: ["x", "w", "b"], edges: [], back: false,
        text: "The leaves x = " + fmt(X) + ", w = " + fmt(Wv) + " and b = " + fmt(B) + " were created with requires_grad=True. Nothing is computed yet; every .grad is None." },
      { active: ["u"], edges: ["x-u", "w-u"], back: false,
        text: "Forward: u = x · w = " + fmt(u) + ". Its grad_fn, MulBackward0, saves x and w for the backward pass." },
      { active: ["z"], edges: ["u-z", "b-z"], back: false,
        text: "Forward: z = u + b = " + fmt(z) + ". AddBackward0 needs to save nothing." },
      { active: ["f"], edges: ["z-f", "x-f"], back: false,
        text: "Forward: f = z · x = " + fmt(f) + ". MulBackward0 saves z and x. The forward pass is done." },
      { active: ["f"], edges: [], back: true,
        text: "f.backward() starts at the output with ∂f/∂f = 1." },
      { active: ["z", "x"], edges: ["z-f", "x-f"], back: true,
        text: "MulBackward0 of f = z · x: ∂f/∂z = x · 1 = " + fmt(gz) + " goes to z; ∂f/∂x = z · 1 = " + fmt(gx1) + " goes to x, whose .grad is now " + fmt(gx1) + "." },
      { active: ["u", "b"], edges: ["u-z", "b-z"], back: true,
        text: "AddBackward0 of z = u + b passes " + fmt(gz) + " unchanged to u and to b: b.grad = " + fmt(gb) + "." },
      { active: ["x", "w"], edges: ["x-u", "w-u"], back: true,
        text: "MulBackward0 of u = x · w: ∂f/∂x = w · " + fmt(gu) + " = " + fmt(gx2) + " is added to x.grad (" + fmt(gx1) + " + " + fmt(gx2) + " = " + fmt(gx) + "); ∂f/∂w = x · " + fmt(gu) + " = " + fmt(gw) + "." },
      { active: ["x", "w", "b"], edges: [], back: true,
        text: "Done: x.grad = " + fmt(gx) + ", w.grad = " + fmt(gw) + ", b.grad = " + fmt(gb) + ". Check by hand: f = x²w + bx, so ∂f/∂x = 2xw + b = " + fmt(2 * X * Wv + B) + " and ∂f/∂w = x² = " + fmt(X * X) + "." },
    ];
    var st = steps[s];
    st.val = val;
    st.grad = grad;
    return st;
  }

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

  var W = 640, H = 312, NW = 128, NH = 62;
  var svg = svgEl("svg", { class: "fig-svg", role: "img", viewBox: "0 0 " + W + " " + H, width: W, height: H, tabindex: "0" });
  svg.style.aspectRatio = W + "/" + H;
  var legend = el("ul", { class: "figure-legend", "aria-hidden": "true" });
  [["fig-s2", "forward: values"], ["fig-s1", "backward: gradients"]].forEach(function (p) {
    var li = el("li", {});
    var key = svgEl("svg", { width: 28, height: 10, viewBox: "0 0 28 10" }, li);
    svgEl("line", { x1: 2, x2: 26, y1: 5, y2: 5, class: "fig-line fig-thick " + p[0] }, key);
    li.appendChild(document.createTextNode(p[1]));
    legend.appendChild(li);
  });
  var controls = el("div", { class: "figure-controls" });
  var prev = el("button", { type: "button" }, "← Previous");
  var next = el("button", { type: "button" }, "Next →");
  var counter = el("output", { class: "figure-value" });
  controls.appendChild(prev);
  controls.appendChild(next);
  controls.appendChild(counter);
  var note = el("p", { class: "figure-note" }, "Focus the graph and use ← and → (Home and End for the first and last step), or the buttons.");
  var live = el("p", { class: "figure-readout", "aria-live": "polite" });
  live.style.minHeight = "4.5em";
  root.appendChild(svg);
  root.appendChild(legend);
  root.appendChild(controls);
  root.appendChild(live);
  root.appendChild(note);

  function edgePath(a, b) {
    var p = NODES[a], q = NODES[b];
    if (a === "x" && b === "f") {
      // the second use of x: over the top of the graph
      return "M" + (p.x + NW / 2) + "," + (p.y - 14) + " C" + 300 + "," + 0 + " " + 460 + "," + 0 + " " + (q.x - 10) + "," + (q.y - NH / 2);
    }
    return "M" + (p.x + NW / 2) + "," + p.y + " L" + (q.x - NW / 2) + "," + q.y;
  }

  function draw() {
    var st = state(step);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var defs = svgEl("defs", {}, svg);
    var marker = svgEl("marker", { id: "ag-arrow-" + uid, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", style: "fill:var(--fig-axis)" }, marker);
    EDGES.forEach(function (e) {
      var id = e[0] + "-" + e[1];
      var on = st.edges.indexOf(id) >= 0;
      var cls = "fig-line" + (on ? " fig-thick " + (st.back ? "fig-s1" : "fig-s2") : "");
      var attrs = { d: edgePath(e[0], e[1]), class: cls };
      if (!on) attrs.style = "stroke:var(--fig-axis)";
      attrs[st.back && on ? "marker-start" : "marker-end"] = "url(#ag-arrow-" + uid + ")";
      svgEl("path", attrs, svg);
    });
    Object.keys(NODES).forEach(function (k) {
      var n = NODES[k], on = st.active.indexOf(k) >= 0;
      var g = svgEl("g", { "data-node": k }, svg);
      svgEl("rect", {
        x: n.x - NW / 2, y: n.y - NH / 2, width: NW, height: NH, rx: 8,
        style: "fill:var(--bg);stroke:" + (on ? (st.back ? "var(--fig-1)" : "var(--fig-2)") : "var(--fig-axis)") + ";stroke-width:" + (on ? 3 : 1.5),
      }, g);
      svgEl("text", { x: n.x, y: n.y - 10, "text-anchor": "middle", class: "fig-label" }, g, n.label);
      svgEl("text", { x: n.x, y: n.y + 8, "text-anchor": "middle", class: "fig-tick" }, g, "value " + (k in st.val ? fmt(st.val[k]) : "—"));
      svgEl("text", { x: n.x, y: n.y + 24, "text-anchor": "middle", class: "fig-tick" }, g, "grad " + (k in st.grad ? fmt(st.grad[k]) : "—"));
    });
    counter.textContent = "Step " + step + " of " + LAST;
    prev.disabled = step === 0;
    next.disabled = step === LAST;
    svg.setAttribute("aria-label", "Autograd graph of f = (x·w + b)·x, step " + step + " of " + LAST + ": " + st.text);
    live.textContent = st.text;
  }
  var uid = Math.random().toString(36).slice(2, 8);

  function go(s) {
    step = Math.max(0, Math.min(LAST, s));
    draw();
  }
  prev.addEventListener("click", function () { go(step - 1); });
  next.addEventListener("click", function () { go(step + 1); });
  svg.addEventListener("keydown", function (ev) {
    var to = { ArrowRight: step + 1, ArrowDown: step + 1, ArrowLeft: step - 1, ArrowUp: step - 1, Home: 0, End: LAST }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    go(to);
  });
  draw();
};
