// Figure component "module-tree": the modules of an MLP built as
// nn.Sequential, with every state_dict key, its shape and how many
// numbers it holds, split into parameters (trained) and buffers (saved,
// not trained). The reader types the layer sizes and toggles the biases
// and a BatchNorm1d after each hidden Linear.
//
//   ::: figure module-tree {sizes=784,128,10 bias=true bn=false}
//
// sizes: 2 to 6 whole numbers from 1 to 4096, input to output (default
// 784,128,10); bias: true or false (default true); bn: true or false
// (default false). Invalid values fall back to the defaults. The model is
// Linear, [BatchNorm1d], ReLU for every pair of sizes but the last, which
// is a Linear alone: the mlp of the exercise pytorch/mlp-params when bias
// is on and bn off. scripts/figures/module-tree.py draws the fallback with
// the same layout.
"use strict";
(window.courseFigures = window.courseFigures || {})["module-tree"] = function mount(root, params) {
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_SIZES = 6, MAX_WIDTH = 4096;
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
  const fmt = (n) => n.toLocaleString("en-US");
  const flag = (v, def) => (v === "true" ? true : v === "false" ? false : def);
  // Parses "784, 128, 10"; null unless 2-6 whole numbers in 1..4096.
  function parseSizes(text) {
    const parts = String(text || "").split(",").map((s) => s.trim());
    if (parts.length < 2 || parts.length > MAX_SIZES) return null;
    const out = [];
    for (const p of parts) {
      if (!/^\d+$/.test(p)) return null;
      const n = Number(p);
      if (n < 1 || n > MAX_WIDTH) return null;
      out.push(n);
    }
    return out;
  }

  let sizes = parseSizes(params.sizes) || [784, 128, 10];
  let bias = flag(params.bias, true);
  let bn = flag(params.bn, false);

  // The modules of the Sequential, with their state_dict entries.
  function build() {
    const mods = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const a = sizes[i], b = sizes[i + 1], k = mods.length;
      const entries = [{ key: k + ".weight", shape: [b, a], kind: "weight" }];
      if (bias) entries.push({ key: k + ".bias", shape: [b], kind: "bias" });
      mods.push({ idx: k, label: `Linear(${a}, ${b}${bias ? "" : ", bias=False"})`, type: "Linear", entries });
      if (i + 2 < sizes.length) {
        if (bn) {
          const j = mods.length;
          mods.push({
            idx: j, label: `BatchNorm1d(${b})`, type: "BatchNorm1d", entries: [
              { key: j + ".weight", shape: [b], kind: "bn" },
              { key: j + ".bias", shape: [b], kind: "bn" },
              { key: j + ".running_mean", shape: [b], kind: "buffer" },
              { key: j + ".running_var", shape: [b], kind: "buffer" },
              { key: j + ".num_batches_tracked", shape: [], kind: "buffer" },
            ],
          });
        }
        mods.push({ idx: mods.length, label: "ReLU()", type: "ReLU", entries: [] });
      }
    }
    for (const m of mods) for (const e of m.entries) e.numel = e.shape.reduce((x, y) => x * y, 1);
    return mods;
  }

  // Layout (the same in scripts/figures/module-tree.py): one line for the
  // module, then one line of parameters when it has some and one line per
  // buffer (short lines, so that the text still fits when a narrow screen
  // enlarges it).
  const W = 640, LINE = 20, TOP = 34, X0 = 18, XM = 44, XK = 64;
  function lines(m) {
    const params = m.entries.filter((e) => e.kind !== "buffer");
    const bufs = m.entries.filter((e) => e.kind === "buffer");
    return 1 + (params.length ? 1 : 0) + bufs.length;
  }
  const shapeText = (s) => "[" + s.join(", ") + "]";

  const uid = (root.closest("figure") && root.closest("figure").id) || "module-tree-" + Math.random().toString(36).slice(2, 8);
  const svg = el("svg", { class: "fig-svg", role: "img", "aria-labelledby": uid + "-title" });
  const title = el("title", { id: uid + "-title" }, svg);
  const layer = el("g", { "aria-hidden": "true" }, svg);

  const controls = html("div", { className: "figure-controls" });
  const box = { padding: "0.2rem 0.5rem", border: "1px solid var(--border-strong)", borderRadius: "var(--radius)", background: "var(--bg-raised)", color: "var(--text)", font: "inherit" };
  html("label", { htmlFor: uid + "-sizes", textContent: "Layer sizes" }, controls);
  const sizesIn = html("input", { type: "text", id: uid + "-sizes", value: sizes.join(", "), spellcheck: false, autocomplete: "off" }, controls);
  sizesIn.setAttribute("inputmode", "numeric");
  sizesIn.setAttribute("aria-describedby", uid + "-sizes-help");
  Object.assign(sizesIn.style, box, { width: "14rem" });
  const help = html("span", { id: uid + "-sizes-help", className: "figure-value", textContent: "2 to 6 numbers, input to output" }, controls);
  function checkbox(label, id, value) {
    const w = html("span", {}, controls);
    w.style.cssText = "display:inline-flex;gap:0.35rem;align-items:center";
    const c = html("input", { type: "checkbox", id, checked: value }, w);
    html("label", { htmlFor: id, textContent: label }, w);
    return c;
  }
  const biasIn = checkbox("bias in every Linear", uid + "-bias", bias);
  const bnIn = checkbox("BatchNorm1d after hidden Linears", uid + "-bn", bn);
  const readout = html("p", { className: "figure-readout" });
  readout.setAttribute("aria-live", "polite");

  function draw() {
    const mods = build();
    const nLines = mods.reduce((s, m) => s + lines(m), 0);
    const H = TOP + nLines * LINE + 40;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    layer.replaceChildren();
    el("text", { x: X0, y: 20, class: "fig-label" }, layer, "Sequential");
    el("text", { x: W - 12, y: 20, "text-anchor": "end", class: "fig-tick" }, layer, "numbers");
    let y = TOP, lastY = TOP;
    const tree = el("g", { class: "fig-grid" }, layer);
    let nParams = 0, nBuf = 0, nTensors = 0, nBufTensors = 0, w = 0, b = 0, bnp = 0;
    for (const m of mods) {
      const own = m.entries.filter((e) => e.kind !== "buffer");
      const bufs = m.entries.filter((e) => e.kind === "buffer");
      const count = own.reduce((s, e) => s + e.numel, 0);
      const cy = y + LINE / 2 + 4;
      lastY = cy - 5;
      el("line", { x1: X0 + 6, x2: XM - 6, y1: lastY, y2: lastY }, tree);
      el("text", { x: XM, y: cy, class: "fig-label" }, layer, `(${m.idx}) ${m.label}`);
      el("text", { x: W - 12, y: cy, "text-anchor": "end", class: "fig-tick" }, layer,
        own.length ? fmt(count) : "no parameters");
      y += LINE;
      if (own.length) {
        el("text", { x: XK, y: y + LINE / 2 + 4, class: "fig-tick" }, layer,
          own.map((e) => `${e.key} ${shapeText(e.shape)}`).join("   "));
        y += LINE;
      }
      for (const e of bufs) {
        el("text", { x: XK, y: y + LINE / 2 + 4, class: "fig-tick", "font-style": "italic" }, layer,
          `buffer ${e.key} ${shapeText(e.shape)}`);
        y += LINE;
      }
      for (const e of own) {
        nParams += e.numel; nTensors++;
        if (e.kind === "weight") w += e.numel; else if (e.kind === "bias") b += e.numel; else bnp += e.numel;
      }
      for (const e of bufs) { nBuf += e.numel; nBufTensors++; }
    }
    el("line", { x1: X0 + 6, x2: X0 + 6, y1: 26, y2: lastY }, tree);
    el("line", { x1: X0, x2: W - 12, y1: y + 8, y2: y + 8, class: "fig-axis" }, tree);
    el("text", { x: X0, y: y + 28, class: "fig-label" }, layer, "trainable parameters");
    el("text", { x: W - 12, y: y + 28, "text-anchor": "end", class: "fig-label" }, layer, fmt(nParams));

    const nLinear = mods.filter((m) => m.type === "Linear").length;
    const nBN = mods.filter((m) => m.type === "BatchNorm1d").length;
    title.textContent = `The modules of an MLP with sizes ${sizes.join(", ")}: ${fmt(nParams)} parameters`;
    let text = `Sizes ${sizes.join(", ")}: ${mods.length} modules (${nLinear} Linear` +
      (nBN ? `, ${nBN} BatchNorm1d` : "") + `, ${nLinear - 1} ReLU). ` +
      `${fmt(nParams)} parameters in ${nTensors} tensors: ${fmt(w)} in weights, ${fmt(b)} in biases` +
      (nBN ? `, ${fmt(bnp)} in BatchNorm weights and biases` : "") + ". ";
    text += nBufTensors
      ? `Buffers: ${nBufTensors} tensors, ${fmt(nBuf)} numbers, saved in the state_dict but not trained.`
      : "No buffers.";
    readout.textContent = text;
  }

  sizesIn.addEventListener("input", () => {
    const s = parseSizes(sizesIn.value);
    sizesIn.setAttribute("aria-invalid", s ? "false" : "true");
    help.textContent = s ? "2 to 6 numbers, input to output" : "enter 2 to 6 whole numbers from 1 to 4096, separated by commas";
    if (s) { sizes = s; draw(); }
  });
  biasIn.addEventListener("change", () => { bias = biasIn.checked; draw(); });
  bnIn.addEventListener("change", () => { bn = bnIn.checked; draw(); });
  draw();
  root.append(svg, controls, readout);
};
