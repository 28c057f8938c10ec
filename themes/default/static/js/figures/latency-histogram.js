// Figure component "latency-histogram": the latencies of one model's calls,
// as a histogram on a log axis, with the nearest-rank p50, p95 and p99 of
// the runs that count. A checkbox puts the warm-up runs (the first calls,
// slow while caches, allocators and lazy initialisation settle) into the
// percentiles or leaves them out, as a benchmark should.
//
//   ::: figure latency-histogram {runs=200 warmup=20 seed=7 include}
//
// runs: timed runs, 50-1000 (default 200); warmup: warm-up runs, 0-50
// (default 20); seed: 1-999 (default 7); include (a flag): start with the
// warm-up runs counted. Invalid values fall back to the defaults.
//
// The latencies are synthetic but shaped like a real measurement: a steady
// 1.8-2.7 ms body, a 2.5% tail of stragglers (another process, a page
// fault) up to 7 ms, and warm-up calls that start near 42 ms and settle as
// 40 ms / (i + 1)^2. They come from a 32-bit linear congruential generator
// in whole hundredths of a millisecond, so scripts/figures/latency-histogram.py
// draws the static fallback from exactly the same numbers.
"use strict";
(window.courseFigures = window.courseFigures || {})["latency-histogram"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const int = (v, def, lo, hi) => {
    const x = Number(v);
    return v !== undefined && v !== "" && Number.isInteger(x) && x >= lo && x <= hi ? x : def;
  };
  const runs = int(params.runs, 200, 50, 1000);
  const warmup = int(params.warmup, 20, 0, 50);
  const seed = int(params.seed, 7, 1, 999);
  let include = params.include === "true";

  // The generator: s = (1664525 s + 1013904223) mod 2^32. The product stays
  // below 2^53, so doubles compute it exactly, as Python's integers do.
  function lcg(s) {
    s = s % 4294967296;
    return () => {
      s = (s * 1664525 + 1013904223) % 4294967296;
      return s / 4294967296;
    };
  }
  const body = (u) => 180 + Math.floor(u() * 30) + Math.floor(u() * 30) + Math.floor(u() * 30);
  function measured() {
    const u = lcg(seed), out = [];
    for (let i = 0; i < runs; i++) {
      let v = body(u);
      const a = u(), b = u();
      if (a < 0.025) v += 100 + Math.floor(b * 400);
      out.push(v);
    }
    return out;
  }
  function warm() {
    const u = lcg(seed + 1000), out = [];
    for (let i = 0; i < warmup; i++) out.push(body(u) + Math.floor(4000 / ((i + 1) * (i + 1))));
    return out;
  }
  const timed = measured(), cold = warm();
  // Nearest rank: the value at 1-based rank ceil(p n / 100), in integers.
  function pct(values, p) {
    const s = values.slice().sort((a, b) => a - b);
    return s[Math.floor((p * s.length + 99) / 100) - 1];
  }
  const ms = (v) => (v / 100).toFixed(2);
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length / 100;

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

  const uid = (root.closest("figure") && root.closest("figure").id) || "latency-histogram-" + Math.random().toString(36).slice(2, 8);
  const W = 640, H = 320, ML = 52, MR = 16, MT = 58, MB = 46;
  const LO = 1, OCTAVES = 6, PER = 10; // 1 ms to 64 ms, 10 bins per doubling
  const x = (v) => ML + (Math.log2(v / 100 / LO) / OCTAVES) * (W - ML - MR);
  const bin = (v) => Math.min(OCTAVES * PER - 1, Math.max(0, Math.floor(Math.log2(v / 100 / LO) * PER)));
  const count = (values) => {
    const c = new Array(OCTAVES * PER).fill(0);
    for (const v of values) c[bin(v)]++;
    return c;
  };
  const cTimed = count(timed), cCold = count(cold);
  const top = Math.max(...cTimed.map((c, i) => c + cCold[i]));
  const yTicks = [0, 1, 10, 25, 50, 100, 150, 200, 300, 400, 600, 800].filter((t) => t <= top);
  const y = (c) => H - MB - Math.sqrt(c / top) * (H - MT - MB);

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const legend = html("ul", { className: "figure-legend" });
  for (const [style, text] of [
    ["fill:var(--fig-2)", "timed runs"],
    ["fill:var(--fig-1);stroke:var(--fig-1);stroke-width:1.5", "warm-up runs, counted"],
    ["fill:none;stroke:var(--fig-1);stroke-width:1.5;stroke-dasharray:3 2", "warm-up runs, left out"],
  ]) {
    const li = html("li", {}, legend);
    const key = el("svg", { width: 16, height: 12, viewBox: "0 0 16 12", "aria-hidden": "true" }, li);
    el("rect", { x: 1, y: 1, width: 14, height: 10, style }, key);
    li.append(text);
  }

  const controls = html("div", { className: "figure-controls" });
  const box = html("input", { type: "checkbox", id: uid + "-include", checked: include }, controls);
  html("label", { htmlFor: box.id, textContent: `Count the ${warmup} warm-up runs in the percentiles` }, controls);
  box.disabled = warmup === 0;

  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    layer.replaceChildren();
    const grid = el("g", { class: "fig-grid" }, layer);
    for (const t of yTicks) {
      el("line", { x1: ML, x2: W - MR, y1: y(t), y2: y(t), class: t === 0 ? "fig-axis" : "" }, grid);
      el("text", { x: ML - 8, y: y(t) + 5, "text-anchor": "end", class: "fig-tick" }, grid, String(t));
    }
    for (let o = 0; o <= OCTAVES; o++) {
      const v = LO * Math.pow(2, o) * 100;
      el("line", { x1: x(v), x2: x(v), y1: MT, y2: H - MB }, grid);
      el("text", { x: x(v), y: H - MB + 20, "text-anchor": o === OCTAVES ? "end" : "middle", class: "fig-tick" }, grid, String(LO * Math.pow(2, o)));
    }
    el("text", { x: (ML + W - MR) / 2, y: H - 6, "text-anchor": "middle", class: "fig-tick" }, layer, "latency (ms, log scale)");
    el("text", { x: 12, y: (MT + H - MB) / 2, "text-anchor": "middle", class: "fig-tick", transform: `rotate(-90 12 ${(MT + H - MB) / 2})` }, layer, "runs (√ scale)");

    // Bars: timed runs at the bottom, warm-up runs stacked on top.
    const bw = (W - ML - MR) / (OCTAVES * PER);
    for (let i = 0; i < OCTAVES * PER; i++) {
      const x0 = ML + i * bw + 1;
      if (cTimed[i]) el("rect", { x: x0, y: y(cTimed[i]), width: bw - 2, height: y(0) - y(cTimed[i]), style: "fill:var(--fig-2)" }, layer);
      if (cCold[i]) {
        const y1 = y(cTimed[i] + cCold[i]), y0 = y(cTimed[i]);
        el("rect", {
          x: x0 + 0.75, y: y1, width: bw - 3.5, height: Math.max(1, y0 - y1),
          style: include ? "fill:var(--fig-1);stroke:var(--fig-1);stroke-width:1.5" : "fill:none;stroke:var(--fig-1);stroke-width:1.5;stroke-dasharray:3 2",
        }, layer);
      }
    }

    // Percentile markers, their labels on three rows so that they never overlap.
    const counted = include ? timed.concat(cold) : timed;
    const ps = [50, 95, 99].map((p) => [p, pct(counted, p)]);
    ps.forEach(([p, v], row) => {
      el("line", { x1: x(v), x2: x(v), y1: MT - 4 - (2 - row) * 16, y2: H - MB, class: "fig-marker" }, layer);
      const right = x(v) > W - MR - 120;
      el("text", { x: x(v) + (right ? -5 : 5), y: MT - 8 - (2 - row) * 16, "text-anchor": right ? "end" : "start", class: "fig-label" }, layer, `p${p} ${ms(v)} ms`);
    });

    const other = include ? timed : timed.concat(cold);
    const line = (values) => [50, 95, 99].map((p) => `p${p} ${ms(pct(values, p))} ms`).join(", ") + `, mean ${mean(values).toFixed(2)} ms`;
    title.textContent = `Histogram of ${runs} timed runs${warmup ? ` and ${warmup} warm-up runs` : ""}; percentiles of ${include ? "all of them" : "the timed runs"}`;
    readout.textContent = include
      ? `Warm-up counted (${counted.length} runs): ${line(counted)}. Left out (${runs} runs): ${line(other)}.`
      : `Warm-up left out (${runs} runs): ${line(counted)}.` + (warmup ? ` Counted (${other.length} runs): ${line(other)}.` : "");
  }

  box.addEventListener("change", () => { include = box.checked; draw(); });
  draw();
  root.append(svg, legend, controls, readout);
};
