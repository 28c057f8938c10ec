// Makes golden.json: what node renders for each formula below, with the vendored
// katex.min.js and the same render.js that the Go package runs in goja.
//
//   node internal/katex/testdata/golden.js   (after scripts/vendor-katex.sh)
//
// The Go test compares goja's output with this file byte for byte, so it needs
// no node. Rerun this script after changing the formulas, render.js or KaTeX.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const pkg = path.join(__dirname, "..");
const katex = require(path.join(pkg, "assets", "katex.min.js"));
const render = vm.runInThisContext(fs.readFileSync(path.join(pkg, "render.js"), "utf8"))(katex);

// [src, display]
const formulas = [
  ["x", false],
  ["\\mathbf{x} \\in \\R^d", false],
  ["y = \\mathbf{w}^\\top \\mathbf{x} + b", false],
  ["\\hat{y} = \\sigma(\\mathbf{w}^\\top \\mathbf{x} + b)", false],
  ["\\sigma(z) = \\frac{1}{1 + e^{-z}}", true],
  ["\\operatorname{ReLU}(z) = \\max(0, z)", false],
  ["\\softmax(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}", true],
  ["\\mathcal{L}(\\theta) = -\\frac{1}{N} \\sum_{i=1}^{N} \\left[ y_i \\log \\hat{y}_i + (1 - y_i) \\log (1 - \\hat{y}_i) \\right]", true],
  ["\\text{MSE} = \\frac{1}{n} \\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2", true],
  ["\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta \\mathcal{L}(\\theta_t)", true],
  ["\\hat{\\theta} = \\argmin_{\\theta} \\sum_i \\ell(f_\\theta(x_i), y_i) + \\lambda \\norm{\\theta}_2^2", true],
  ["\\hat{y} = \\argmax_{k} \\; p(y = k \\mid \\mathbf{x})", false],
  ["\\E_{x \\sim p}[f(x)] = \\int f(x)\\, p(x)\\, dx", true],
  ["\\Var(X) = \\E[X^2] - \\E[X]^2", false],
  ["\\Cov(X, Y) = \\E[(X - \\mu_X)(Y - \\mu_Y)]", false],
  ["D_{\\KL}(p \\,\\|\\, q) = \\sum_x p(x) \\log \\frac{p(x)}{q(x)}", true],
  ["H(p) = -\\sum_{x} p(x) \\log_2 p(x)", false],
  ["p(\\theta \\mid \\mathcal{D}) = \\frac{p(\\mathcal{D} \\mid \\theta)\\, p(\\theta)}{p(\\mathcal{D})}", true],
  ["\\mathcal{N}(x \\mid \\mu, \\sigma^2) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} \\exp\\left(-\\frac{(x-\\mu)^2}{2\\sigma^2}\\right)", true],
  ["\\hat{\\mathbf{w}} = (X^\\top X + \\lambda I)^{-1} X^\\top \\mathbf{y}", true],
  ["\\operatorname{Attention}(Q, K, V) = \\softmax\\!\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V", true],
  ["\\mathbf{h}_t = \\tanh(W_{hh} \\mathbf{h}_{t-1} + W_{xh} \\mathbf{x}_t + \\mathbf{b}_h)", true],
  ["\\frac{\\partial \\mathcal{L}}{\\partial w_{ij}} = \\delta_j \\, a_i", false],
  ["A = U \\Sigma V^\\top", false],
  ["\\tr(AB) = \\tr(BA)", false],
  ["\\Sigma = \\diag(\\sigma_1, \\dots, \\sigma_r)", false],
  ["\\norm{\\mathbf{x}}_p = \\left( \\sum_{i=1}^{d} \\abs{x_i}^p \\right)^{1/p}", true],
  ["\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^{-1} = \\frac{1}{ad - bc} \\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix}", true],
  ["\\begin{aligned} \\mathbf{m}_t &= \\beta_1 \\mathbf{m}_{t-1} + (1-\\beta_1) \\mathbf{g}_t \\\\ \\mathbf{v}_t &= \\beta_2 \\mathbf{v}_{t-1} + (1-\\beta_2) \\mathbf{g}_t^2 \\end{aligned}", true],
  ["f(x) = \\begin{cases} 1 & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", true],
  ["\\text{precision} = \\frac{TP}{TP + FP}, \\quad \\text{recall} = \\frac{TP}{TP + FN}", true],
  ["F_1 = 2 \\cdot \\frac{\\text{precision} \\cdot \\text{recall}}{\\text{precision} + \\text{recall}}", false],
  ["k(\\mathbf{x}, \\mathbf{x}') = \\exp\\left(-\\gamma \\norm{\\mathbf{x} - \\mathbf{x}'}^2\\right)", true],
  ["\\min_{\\mathbf{w}, b} \\frac{1}{2}\\norm{\\mathbf{w}}^2 \\quad \\text{s.t.} \\quad y_i(\\mathbf{w}^\\top \\mathbf{x}_i + b) \\ge 1", true],
  ["Q(s, a) \\leftarrow Q(s, a) + \\alpha \\left[ r + \\gamma \\max_{a'} Q(s', a') - Q(s, a) \\right]", true],
  ["\\sign(x) \\in \\{-1, 0, 1\\}", false],
  ["\\mathbb{P}(A \\cap B) = \\Pr(A)\\Pr(B \\mid A)", false],
  ["\\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^n = e", true],
  ["\\overbrace{x_1 + \\cdots + x_n}^{n} \\underbrace{\\vec{v}}_{\\text{vecteur}}", true],
  ["\\text{coût } J = \\sum_{i} \\text{erreur}_i \\; \\text{中文}", false],
  ["\\text{😀} + \\alpha", false],
  ["\\sqrt[3]{x} \\cancel{y} \\xrightarrow{f} \\mathfrak{g}", false],
  ["\\def\\foo{x^2}\\foo + \\foo", false],
  // KaTeX rejects these.
  ["\\frac{1}{", false],
  ["\\undefinedmacro", false],
  ["x + \\undefinedmacro + y", true],
  ["\\text{é} + \\undefinedmacro", false],
  ["\\left( x", false],
  ["x^", false],
  ["\\begin{pmatrix} a \\end{bmatrix}", true],
  ["\\def\\x{\\undefinedmacro}\\x", false], // located in the macro body, not in src
  ["\\text{😀} \\undefinedmacro", false],
  ["\\abs{\\right}", false], // the bad \right is the one in \abs's body: offset -1
  ["\\href{https://example.com}{x}", false], // trust: false
];

const out = formulas.map(([src, display]) => {
  const r = render(src, display);
  if (typeof r === "string") return { src, display, html: r };
  // UTF-16 offset → byte offset in the UTF-8 source.
  const offset = r.pos < 0 ? -1 : Buffer.byteLength(src.slice(0, r.pos), "utf8");
  return { src, display, error: { msg: r.msg, offset } };
});

const file = path.join(__dirname, "golden.json");
fs.writeFileSync(file, JSON.stringify({ katex: katex.version, node: process.version, cases: out }, null, 1) + "\n");
console.log(`wrote ${out.length} cases to ${path.relative(process.cwd(), file)}`);
