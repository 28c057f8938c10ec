// Figure component "loader-timeline": when a DataLoader's workers (or the
// main process, with no workers) load 16 batches and when the training step
// consumes them, with the time the step waits for data.
//
//   ::: figure loader-timeline {workers=0 load=40 step=30}
//
// workers: 0 to 8 (default 0); load: ms to load one batch in one process,
// 10 to 200 (default 40); step: ms per training step, 10 to 200 (default
// 30). Invalid values fall back to the defaults. The model is the lesson's
// timeline.py (and scripts/figures/loader-timeline.py): batch i goes to
// worker i mod k, each worker holds at most prefetch_factor = 2 batches in
// flight, and step i starts when batch i is ready and step i − 1 is done.
"use strict";
(window.courseFigures = window.courseFigures || {})["loader-timeline"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const BATCHES = 16, PREFETCH = 2, MAXW = 8;
  const int = (v, def, lo, hi) => {
    const x = Number(v);
    return v !== undefined && v !== "" && Number.isInteger(x) && x >= lo && x <= hi ? x : def;
  };
  function el(name, attrs, parent, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, props, parent) {
    const e = Object.assign(document.createElement(name), props || {});
    if (parent) parent.appendChild(e);
    return e;
  }

  let workers = int(params.workers, 0, 0, MAXW);
  let load = int(params.load, 40, 10, 200);
  let step = int(params.step, 30, 10, 200);

  // The lesson's timeline(): loads[i] = [row, begin, end], steps[i] = [start, end].
  function timeline(k, L, S) {
    const loads = [], steps = [], free = new Array(Math.max(k, 1)).fill(0);
    for (let i = 0; i < BATCHES; i++) {
      const prev = steps.length ? steps[steps.length - 1][1] : 0;
      let ready;
      if (k === 0) {
        ready = prev + L;
        loads.push([0, prev, ready]);
      } else {
        const w = i % k;
        const sent = i >= PREFETCH * k ? steps[i - PREFETCH * k][0] : 0;
        const begin = Math.max(free[w], sent);
        free[w] = ready = begin + L;
        loads.push([w, begin, ready]);
      }
      const start = Math.max(ready, prev);
      steps.push([start, start + S]);
    }
    return { loads, steps, total: steps[BATCHES - 1][1] };
  }

  const uid = (root.closest("figure") && root.closest("figure").id) || "loader-timeline-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 330, ML = 92, MR = 16, TOP = 10, AXIS = 290;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [style, text] of [["fill:var(--fig-2)", "loading a batch"], ["fill:var(--fig-3)", "training step"],
    ["fill:none;stroke:var(--fig-1);stroke-width:2;stroke-dasharray:3 3", "step waiting for data"]]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 28, height: 14, viewBox: "0 0 28 14", "aria-hidden": "true" }, li);
    el("rect", { x: 2, y: 2, width: 24, height: 10, rx: 2, style }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  function slider(label, id, attrs, value) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;flex-wrap:wrap;gap:0.5rem;align-items:center;flex:1 1 14rem";
    html("label", { htmlFor: id, textContent: label }, w);
    const s = html("input", Object.assign({ type: "range", id }, attrs), w);
    s.value = String(value);
    const o = html("output", { htmlFor: id, className: "figure-value" }, w);
    return [s, o];
  }
  const [wIn, wOut] = slider("workers", uid + "-workers", { min: "0", max: String(MAXW), step: "1" }, workers);
  const [lIn, lOut] = slider("load time per batch", uid + "-load", { min: "10", max: "200", step: "10" }, load);
  const [sIn, sOut] = slider("step time", uid + "-step", { min: "10", max: "200", step: "10" }, step);
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function niceStep(span) {
    const raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw);
  }

  function draw() {
    const t = timeline(workers, load, step);
    const tick = niceStep(t.total);
    const end = Math.ceil(t.total / tick) * tick;
    const x = (ms) => ML + (ms / end) * (W - ML - MR);
    const rows = Math.max(workers, 1) + 1;
    const rowH = Math.min(44, (AXIS - TOP - 12) / rows);
    const y = (r) => TOP + r * rowH + (r === rows - 1 ? 12 : 0);
    layer.replaceChildren();
    const grid = el("g", { class: "fig-grid" }, layer);
    for (let v = 0; v <= end + 1e-9; v += tick) {
      el("line", { x1: x(v), x2: x(v), y1: TOP, y2: AXIS }, grid);
      const last = v + tick > end + 1e-9;
      el("text", { x: x(v), y: AXIS + 18, "text-anchor": last ? "end" : "middle", class: "fig-tick" }, grid, String(v));
    }
    el("line", { x1: ML, x2: W - MR, y1: AXIS, y2: AXIS, class: "fig-axis" }, grid);
    el("text", { x: (ML + W - MR) / 2, y: H - 6, "text-anchor": "middle", class: "fig-label" }, layer, "time (ms)");
    for (let r = 0; r < rows; r++) {
      const name = r === rows - 1 ? "step" : workers === 0 ? "main: load" : "worker " + (r + 1);
      el("text", { x: ML - 8, y: y(r) + rowH / 2 + 4, "text-anchor": "end", class: r === rows - 1 ? "fig-label" : "fig-tick" }, layer, name);
    }
    const pad = Math.min(4, rowH * 0.15);
    for (const [w, a, b] of t.loads) {
      el("rect", { x: x(a), y: y(w) + pad, width: Math.max(1, x(b) - x(a) - 1), height: rowH - 2 * pad, rx: 2, style: "fill:var(--fig-2)" }, layer);
    }
    const sr = rows - 1;
    let prev = 0, waited = 0;
    for (const [a, b] of t.steps) {
      if (a > prev + 1e-9) {
        waited += a - prev;
        el("rect", { x: x(prev) + 1, y: y(sr) + pad + 1, width: Math.max(1, x(a) - x(prev) - 2), height: rowH - 2 * pad - 2, rx: 2,
          class: "wait", style: "fill:none;stroke:var(--fig-1);stroke-width:2;stroke-dasharray:3 3" }, layer);
      }
      el("rect", { x: x(a), y: y(sr) + pad, width: Math.max(1, x(b) - x(a) - 1), height: rowH - 2 * pad, rx: 2, style: "fill:var(--fig-3)" }, layer);
      prev = b;
    }
    const share = Math.round((100 * waited) / t.total);
    const who = workers === 0 ? "With no workers" : `With ${workers} worker${workers === 1 ? "" : "s"}`;
    const text = `${who}, ${load} ms to load a batch and ${step} ms per step: the ${BATCHES} steps take ${Math.round(t.total)} ms; ` +
      `the step waits for data ${Math.round(waited)} ms (${share}%).`;
    const hint = workers > 0 && workers >= Math.ceil(load / step) ? " More workers would not help: the step is the bottleneck." :
      ` Workers needed to stop waiting after the first batch: ${Math.ceil(load / step)}.`;
    readout.textContent = text + hint;
    title.textContent = `Loader timeline: ${text}`;
    wOut.textContent = String(workers);
    lOut.textContent = load + " ms";
    sOut.textContent = step + " ms";
    wIn.setAttribute("aria-valuetext", workers + " workers");
    lIn.setAttribute("aria-valuetext", load + " milliseconds to load a batch");
    sIn.setAttribute("aria-valuetext", step + " milliseconds per step");
  }
  wIn.addEventListener("input", () => { workers = int(wIn.value, workers, 0, MAXW); draw(); });
  lIn.addEventListener("input", () => { load = int(lIn.value, load, 10, 200); draw(); });
  sIn.addEventListener("input", () => { step = int(sIn.value, step, 10, 200); draw(); });
  draw();
  root.append(svg, legend, controls, readout);
};
