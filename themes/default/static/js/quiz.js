// Quizzes (::: quiz): .quiz > fieldset.quiz-question[data-question], each
// option an li.quiz-option (data-correct on the right one) holding a label
// with a radio input and a details.quiz-explanation. Without scripts the
// reader picks an option and opens its explanation. Here picking an option
// shows at once whether it is right, with that option's explanation, in a
// live region under the options (the details are hidden).
//
// Answers are remembered with window.courseProgress (progress.js):
//   courseProgress.set("quizzes", "<page path>#<question id>", {choice, correct})
// where <page path> is the page's path below the site's base path
// ("loss-functions/what-is-a-loss/"), <question id> the fieldset's
// data-question, choice the 0-based index of the option picked and correct
// whether it is the right one. A reload shows the last answer again.
"use strict";
(() => {
  const base = document.documentElement.dataset.base || "/";
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  const progress = () => window.courseProgress;
  const questions = [];

  function setup(fs) {
    const id = fs.dataset.question;
    const options = Array.from(fs.querySelectorAll(":scope > .quiz-options > .quiz-option"));
    const inputs = options.map((o) => o.querySelector("input[type=radio]"));
    if (!id || options.length === 0 || inputs.some((i) => !i)) return null;
    const feedback = document.createElement("div");
    feedback.className = "quiz-feedback";
    feedback.setAttribute("aria-live", "polite");
    feedback.hidden = true;
    fs.appendChild(feedback);
    const q = { fs, key: path + "#" + id, options, inputs, feedback };
    inputs.forEach((input, i) => input.addEventListener("change", () => input.checked && answer(q, i, true)));
    return q;
  }

  function answer(q, i, save) {
    const option = q.options[i];
    const correct = option.hasAttribute("data-correct");
    q.options.forEach((o, j) => {
      o.classList.toggle("is-chosen", j === i);
      o.classList.toggle("is-right", j === i && correct);
      o.classList.toggle("is-wrong", j === i && !correct);
    });
    q.fs.classList.toggle("is-answered-right", correct);
    q.fs.classList.toggle("is-answered-wrong", !correct);
    const verdict = document.createElement("p");
    verdict.className = "quiz-verdict";
    verdict.textContent = correct ? "Correct." : "Not quite. Try another option.";
    const why = document.createElement("div");
    why.className = "quiz-why";
    const body = option.querySelector(":scope > .quiz-explanation");
    if (body) {
      for (const c of body.childNodes) {
        if (c.nodeName !== "SUMMARY") why.appendChild(c.cloneNode(true));
      }
    }
    q.feedback.className = "quiz-feedback " + (correct ? "is-right" : "is-wrong");
    q.feedback.replaceChildren(verdict, why);
    q.feedback.hidden = false;
    if (save && progress()) progress().set("quizzes", q.key, { choice: i, correct });
  }

  // Show the remembered answer of every question (on load, and when
  // another tab answers).
  function restore() {
    const p = progress();
    if (!p) return;
    for (const q of questions) {
      const saved = p.get("quizzes", q.key);
      const i = saved && saved.choice;
      if (Number.isInteger(i) && i >= 0 && i < q.inputs.length) {
        q.inputs[i].checked = true;
        answer(q, i, false);
      }
    }
  }

  function init() {
    for (const quiz of document.querySelectorAll(".quiz")) {
      let live = false;
      for (const fs of quiz.querySelectorAll(":scope > fieldset.quiz-question")) {
        const q = setup(fs);
        if (q) {
          questions.push(q);
          live = true;
        }
      }
      if (live) quiz.classList.add("is-live");
    }
    restore();
    // kind is null for changes from another tab or an imported file; this
    // page's own answers are shown already.
    if (progress()) progress().onChange((kind) => kind === null && restore());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
