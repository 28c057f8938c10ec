// ml-workflow: a stepper through the life of a model as an ML engineer
// works on it (frame, data, split, loss, train, evaluate, ship, monitor).
// Each step says what the work is, which math it needs, and where this
// course teaches it. A row of step buttons (the current one marked with
// aria-current="step") and Previous / Next move between steps; Next after
// the last step returns to the first, because the work is a loop.
//
// Params (all optional): step (1-8, the step shown first, default 1).
//
// scripts/figures/ml-workflow.py draws the static fallback from the same
// steps (keep the two lists in sync).
"use strict";
(window.courseFigures = window.courseFigures || {})["ml-workflow"] = function mount(root, params) {
  var STEPS = [
    ["Frame", "Decide the input, the output, the metric and what a mistake costs; write down a baseline a model must beat.",
      "Arithmetic on costs and rates.", "this lesson; the capstone plan"],
    ["Data", "Collect, label and clean examples; look for duplicates, label noise and rare classes.",
      "Counting and proportions.", "Data splits: leakage"],
    ["Split", "Hold out validation and test data the model never trains on, by group or by time when the data demand it.",
      "Fractions, rounding, sampling with a seed.", "Data splits, lessons 1–5"],
    ["Loss", "Choose what the model minimises so that it rewards the behaviour you want.",
      "Sums, logarithms, derivatives.", "Loss functions"],
    ["Train", "Fine-tune a pretrained model (or train from scratch when nothing fits): the training loop, learning rate, checkpoints.",
      "Gradients and the chain rule; tensor shapes.", "PyTorch"],
    ["Evaluate", "Measure on the validation set, compare against the baseline, read the errors one by one; touch the test set once.",
      "Means, variance across folds, confusion matrices.", "Data splits: cross-validation; capstone"],
    ["Ship", "Export the model, batch requests, meet a latency budget.",
      "Throughput and percentile arithmetic.", "PyTorch: ready for inference; capstone"],
    ["Monitor", "Watch live inputs and outcomes for drift away from the training data; collect new data and go round again.",
      "Comparing distributions.", "Data splits: time and shift"],
  ];
  var step = Math.round(Number(params.step));
  step = isFinite(step) ? Math.min(STEPS.length, Math.max(1, step)) - 1 : 0;

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var nav = el("div", { class: "figure-controls", role: "group", "aria-label": "Steps" });
  var buttons = STEPS.map(function (s, i) {
    var b = el("button", { type: "button" }, i + 1 + ". " + s[0]);
    b.addEventListener("click", function () { go(i); });
    nav.appendChild(b);
    return b;
  });
  var panel = el("div", { "aria-live": "polite" });
  panel.style.cssText = "min-height:10.5em;margin-top:.75rem;font-size:.92rem;border:1px solid var(--border);border-radius:8px;padding:.6rem .8rem;background:var(--bg-soft)";
  var title = el("p", {});
  title.style.cssText = "margin:0 0 .35rem;font-weight:600;color:var(--heading)";
  panel.appendChild(title);
  var what = el("p", {}), math = el("p", {}), where = el("p", {});
  [what, math, where].forEach(function (p) { p.style.margin = ".2rem 0"; panel.appendChild(p); });
  var pager = el("div", { class: "figure-controls" });
  pager.style.justifyContent = "space-between";
  var prev = el("button", { type: "button" }, "← Previous");
  var next = el("button", { type: "button" }, "Next →");
  prev.addEventListener("click", function () { go(step - 1); });
  next.addEventListener("click", function () { go(step + 1); });
  pager.appendChild(prev);
  pager.appendChild(next);

  root.appendChild(nav);
  root.appendChild(panel);
  root.appendChild(pager);

  function go(i) {
    step = (i + STEPS.length) % STEPS.length; // Next after Monitor goes back to Frame: it is a loop
    var s = STEPS[step];
    title.textContent = "Step " + (step + 1) + " of " + STEPS.length + ": " + s[0];
    what.textContent = s[1];
    math.textContent = "Math: " + s[2];
    where.textContent = "In this course: " + s[3] + ".";
    buttons.forEach(function (b, j) {
      if (j === step) b.setAttribute("aria-current", "step"); else b.removeAttribute("aria-current");
      b.style.fontWeight = j === step ? "700" : "400";
    });
  }
  go(step);
};
