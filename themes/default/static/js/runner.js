// The in-page exercise runner. Each browser exercise is rendered by the
// build (internal/build/exercises.go) as
//
//   section.exercise[data-runtime=browser][data-exercise=ID][data-hash][data-bundle][data-runner]
//     .exercise-toolbar  buttons data-action = run | stop | reset | hint | solution, .exercise-state
//     .exercise-notice   "this exercise changed" choices
//     .exercise-editor   the highlighted starter; becomes a CodeMirror editor on first use
//     .exercise-hints-shown, .exercise-results, .exercise-solution
//
// Pressing Run fetches the exercise's bundle, starts a Web Worker
// (runner-worker.js) that loads Pyodide once, and runs the same checker
// library (coursecheck.py) that `course check` runs locally; the report
// (schema 1, exercises/_lib/report.schema.json) is rendered here the way
// `course check` prints it. When a run finishes, .exercise-results gets
// data-status = pass | fail | error, and the report's JSON is kept as
// section.courseReport (tests read both).
//
// Code and the last report persist per exercise in localStorage under
// "course.code:<base path><id>", with the exercise's hash: when the
// exercise changed since, the learner chooses between their old code and a
// fresh start. Progress (status, hints seen, attempts) goes through
// window.courseProgress (progress.js), and its status is the last report of
// the code in the editor: a run of other code (run({source}), as tests and
// `course test` do) changes neither progress nor the saved report; a failing
// run after a pass takes the pass away; editing the code after a report,
// Reset and "Start fresh" leave the exercise unchecked ("edited"; "Keep my
// code" keeps the code its last report judged), and a report that the
// checker could not run ("error") judges nothing.
"use strict";
(() => {
  const base = document.documentElement.dataset.base || "/";
  // How long an interrupted run may take to unwind before Python is
  // restarted instead. On a busy machine the interrupt can take longer than
  // this, and the restart is the right answer; tests that must reach the
  // interrupt path raise it (courseRunner.stopGraceMs).
  let stopGraceMs = 1500;
  // Tests may replace every exercise's time limit (courseRunner.timeoutS):
  // a short one for the run that must time out, the exercise's own for
  // the rest, so a loaded machine cannot time out a run that must pass.
  let timeoutOverrideS = null;

  // ---- the worker, shared by every exercise on the page ----
  const pool = { worker: null, ready: null, listeners: new Set(), interrupt: null, stage: "", percent: -1, starts: 0, startedAt: -1, timeline: [] };

  // What the state lines say while Python starts, shown on every browser
  // exercise of the page (the start is shared).
  function stageText(stage, pct) {
    switch (stage) {
      case "python":
        return "Loading Python…" + (pct >= 0 ? " " + pct + "%" : "");
      case "starting":
      case "restored":
      case "shipped":
        return "Starting Python…";
      case "checker":
        return "Loading the checker…";
      case "ready":
        return "Python is ready: Run checks your code.";
    }
    return "";
  }
  const stageFns = new Set();
  function announce(stage, pct) {
    if (stage !== pool.stage) pool.timeline.push([stage, Math.round(performance.now() - pool.startedAt)]);
    pool.stage = stage;
    pool.percent = pct;
    for (const fn of stageFns) fn(stageText(stage, pct));
  }

  function startWorker(cfg) {
    if (pool.ready) return pool.ready;
    const worker = new Worker(cfg.worker, { type: "module" });
    pool.starts++;
    pool.startedAt = performance.now();
    pool.timeline = [];
    pool.worker = worker;
    pool.interrupt = self.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
    announce("python", -1);
    pool.ready = new Promise((resolve, reject) => {
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.type === "stage" && m.stage === "kept") {
          // The interpreter's memory is stored for the next start: a
          // milestone for the timeline, not a state to show.
          pool.timeline.push([m.stage, Math.round(performance.now() - pool.startedAt)]);
        } else if (m.type === "stage") {
          announce(m.stage, -1);
          if (m.stage === "ready") {
            resolve();
            keepOffline(cfg);
            // The worker keeps its memory snapshot after the Runs that
            // waited for Python (they post theirs as this task's
            // microtasks run: before this timer), not in their way.
            setTimeout(() => worker.postMessage({ type: "keep" }), 0);
          }
        } else if (m.type === "progress") {
          // Downloading is most of the start: 0–90%; the rest is Python starting.
          const pct = m.total ? Math.min(90, Math.floor((90 * m.loaded) / m.total)) : -1;
          if (pct !== pool.percent) announce("python", pct);
        } else if (m.type === "failed") {
          reject(new Error(m.message));
        } else {
          for (const fn of pool.listeners) fn(m);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message || "the Python worker could not start"));
        for (const fn of pool.listeners) fn({ type: "crashed", message: e.message || "the Python worker stopped" });
      };
    });
    pool.ready.catch(() => stopWorker());
    worker.postMessage({
      type: "init",
      pyodide: cfg.pyodide,
      coursecheck: cfg.coursecheck,
      interrupt: pool.interrupt,
      snapshot: cfg.snapshot && fastLink() && !window.courseNoShippedSnapshot ? cfg.snapshot : "",
      noSnapshot: !!window.courseNoSnapshot,
    });
    return pool.ready;
  }

  // keepOffline asks the course's service worker (js/offline.js registers
  // it) to keep what the runner loaded, so that exercises run offline after
  // one visit. The worker keeps only this build's content-hashed files.
  function keepOffline(cfg) {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const urls = [cfg.worker, cfg.editor, cfg.coursecheck];
    for (const f of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) urls.push(cfg.pyodide + f);
    for (const s of document.querySelectorAll('section.exercise[data-runtime="browser"]')) urls.push(s.dataset.bundle);
    sw.ready.then((reg) => reg.active && reg.active.postMessage({ type: "keep", urls })).catch(() => {});
  }

  // ---- starting Python ahead of need ----
  // When an exercise comes near the viewport or its editor gets the focus,
  // whichever is first, Python starts at idle priority once the page has
  // loaded and painted, so that the first Run answers at once and reading
  // is not slowed. Never when the browser asks to save data (Run then
  // starts it), never on pages without a browser exercise (this script is
  // not on them). Tests and benchmarks turn it off with
  // window.courseNoWarm = true before the page's scripts run (and start
  // Python without its memory snapshot with window.courseNoSnapshot = true,
  // or without the one the site ships with window.courseNoShippedSnapshot = true).
  const warmState = { armed: false, reason: "", skipped: "" };
  function saveData() {
    const c = navigator.connection;
    return !!(c && c.saveData);
  }
  // fastLink says whether Python's start may fetch the memory snapshot the
  // site ships (cfg.snapshot: 6.4 MB on top of the runtime's 13.5 MB) to
  // skip CPython's own start (4–5 s of CPU on a slow machine): when the
  // browser tells nothing of its connection (Firefox, Safari), or it does
  // not ask to save data and calls its link "4g". Chromium's downlink
  // figure is not used: before it has measured anything it guesses (a
  // fresh headless Chromium says 1.3 Mbit/s on a loopback link).
  function fastLink() {
    const c = navigator.connection;
    if (!c) return true;
    return !c.saveData && c.effectiveType === "4g";
  }
  function afterPaint(fn) {
    const go = () => requestAnimationFrame(() => setTimeout(fn, 0));
    if (document.readyState === "complete") go();
    else addEventListener("load", go, { once: true });
  }
  function idle(fn) {
    if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 2000 });
    else setTimeout(fn, 50);
  }
  function warmSoon(reason) {
    if (warmState.reason || warmState.skipped || pool.ready || !firstCfg || window.courseNoWarm) return;
    if (saveData()) {
      warmState.skipped = "save-data";
      return;
    }
    warmState.reason = reason;
    afterPaint(() => idle(() => startWorker(firstCfg).catch(() => {})));
  }
  const nearView =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          (entries) => {
            warmState.armed = true;
            if (entries.some((e) => e.isIntersecting)) {
              nearView.disconnect();
              warmSoon("near");
            }
          },
          // "near": within one screen above or below the visible part.
          { rootMargin: "100% 0px 100% 0px" },
        )
      : null;

  function stopWorker() {
    if (pool.worker) pool.worker.terminate();
    pool.worker = pool.ready = pool.interrupt = null;
    pool.stage = "";
  }

  // ---- storage ----
  function codeKey(id) {
    return "course.code:" + base + id;
  }
  function loadSaved(id) {
    try {
      const v = JSON.parse(localStorage.getItem(codeKey(id)) || "null");
      return v && typeof v.code === "string" && typeof v.hash === "string" ? v : null;
    } catch {
      return null;
    }
  }
  function save(id, rec) {
    try {
      localStorage.setItem(codeKey(id), JSON.stringify(rec));
    } catch {
      /* storage blocked or full: the code lasts for this page */
    }
  }
  function forget(id) {
    try {
      localStorage.removeItem(codeKey(id));
    } catch {
      /* nothing to forget */
    }
  }
  // textHash is a short hash of the code a report judged (FNV-1a).
  function textHash(t) {
    let h = 0x811c9dc5;
    for (let i = 0; i < t.length; i++) {
      h ^= t.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0).toString(16);
  }
  const progress = {
    get: (id) => (window.courseProgress && window.courseProgress.get("exercises", id)) || {},
    set: (id, v) => window.courseProgress && window.courseProgress.set("exercises", id, Object.assign(progress.get(id), v)),
  };

  // ---- reports: the page's rendering of what `course check` prints ----
  const MARK = { pass: "✓", skip: "-", fail: "✗", error: "✗" };
  const STATUS_WORD = { pass: "passed", fail: "failed", error: "error", skip: "not run", running: "running", pending: "waiting" };

  function summaryLine(r) {
    if (r.status === "error") return "the checker could not run";
    const s = r.summary;
    let line = s.passed + " of " + s.total + " tests pass";
    const extra = [];
    if (s.failed > 0) extra.push(s.failed + " failed");
    if (s.errors > 0) extra.push(s.errors + " error" + (s.errors === 1 ? "" : "s"));
    if (s.skipped > 0) extra.push(s.skipped + " skipped");
    if (extra.length) line += " (" + extra.join(", ") + ")";
    return line;
  }

  function recount(r) {
    const s = { total: r.tests.length, passed: 0, failed: 0, errors: 0, skipped: 0, duration_ms: r.summary ? r.summary.duration_ms : 0 };
    for (const t of r.tests) {
      if (t.status === "pass") s.passed++;
      else if (t.status === "fail") s.failed++;
      else if (t.status === "error") s.errors++;
      else if (t.status === "skip") s.skipped++;
    }
    r.summary = s;
    if (r.status !== "error") r.status = s.total > 0 && s.passed === s.total ? "pass" : "fail";
    return r;
  }

  function el(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") n.className = v;
      else n.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) n.append(k);
    return n;
  }

  function pre(text, cls) {
    return el("pre", { class: cls }, el("code", null, text.replace(/\n+$/, "")));
  }

  // renderReport returns the report as HTML elements: the summary first,
  // then one entry per test with the details of each that did not pass,
  // the same fields in the same order as the terminal's rendering.
  function renderReport(r) {
    const box = el("div", { class: "report report-" + r.status });
    const head = el("p", { class: "report-summary" }, el("span", { class: "report-mark", "aria-hidden": "true" }, r.status === "pass" ? "✓" : "✗"), " ", summaryLine(r));
    box.append(head);
    if (r.status === "error") {
      box.append(pre(r.error || "", "report-error"));
      return box;
    }
    if (r.stdout) box.append(el("p", { class: "report-label" }, "Your file printed while loading:"), pre(r.stdout, "report-stdout"));
    const list = el("ol", { class: "report-tests" });
    const shown = new Set();
    for (const t of r.tests) list.append(renderTest(t, shown));
    box.append(list);
    return box;
  }

  function renderTest(t, shown) {
    const li = el(
      "li",
      { class: "report-test is-" + t.status, "data-test": t.name },
      el("span", { class: "report-mark", "aria-hidden": "true" }, MARK[t.status] || "·"),
      " ",
      el("code", { class: "report-name" }, t.name),
      el("span", { class: "sr-only" }, " " + (STATUS_WORD[t.status] || t.status)),
    );
    if (t.status === "pass" || t.status === "skip" || t.status === "running" || t.status === "pending") {
      if (t.status === "skip" && t.message) li.append(el("span", { class: "report-skip" }, " — " + t.message));
      return li;
    }
    const d = el("div", { class: "report-details" });
    if (t.message) d.append(el("p", { class: "report-message" }, t.message));
    const dl = el("dl", { class: "report-values" });
    for (const [label, v] of [["input", t.input], ["expected", t.expected], ["got", t.actual]]) {
      if (v) dl.append(el("dt", null, label), el("dd", null, v.includes("\n") ? pre(v) : el("code", null, v)));
    }
    if (dl.childElementCount) d.append(dl);
    if (t.stdout) d.append(el("p", { class: "report-label" }, "Printed:"), pre(t.stdout, "report-stdout"));
    if (t.traceback) {
      if (shown.has(t.traceback)) d.append(el("p", { class: "report-label" }, "(the same traceback as above)"));
      else {
        d.append(pre(t.traceback, "report-traceback"));
        shown.add(t.traceback);
      }
    }
    li.append(d);
    return li;
  }

  // The runner configuration of the page's first exercise: what warm()
  // starts Python with.
  let firstCfg = null;

  // ---- one exercise ----
  function setup(section) {
    const id = section.dataset.exercise;
    const hash = section.dataset.hash;
    let cfg;
    try {
      cfg = JSON.parse(section.dataset.runner);
    } catch {
      console.error("runner: bad data-runner on exercise " + id);
      return;
    }
    firstCfg = firstCfg || cfg;
    const q = (s) => section.querySelector(s);
    const toolbar = q(".exercise-toolbar");
    const btn = (a) => toolbar.querySelector('[data-action="' + a + '"]');
    const state = q(".exercise-state");
    const notice = q(".exercise-notice");
    const host = q(".exercise-editor");
    const results = q(".exercise-results");
    const solutionBox = q(".exercise-solution");
    const hintsSrc = [...section.querySelectorAll(".exercise-hints li")].map((li) => li.textContent);
    const hintsShown = q(".exercise-hints-shown");
    const hintsDetails = q(".exercise-hints");
    const file = host.dataset.file || "learner.py";
    const starterText = host.querySelector("pre").textContent.replace(/\n$/, "") + "\n";

    let editor = null; // the CodeMirror editor, once mounted
    let editorLoading = null;
    let text = starterText; // the code, whether or not the editor is mounted
    let bundle = null;
    let running = null; // {id, stop(reason)}
    let saveTimer = 0;

    toolbar.hidden = false;
    if (hintsDetails) hintsDetails.hidden = true;

    function setState(msg) {
      state.textContent = msg;
    }
    // While Python starts, the state line says how far it is, unless a
    // check of this exercise is under way.
    let phase = ""; // "waiting" for Python to check, or "checking"
    stageFns.add((msg) => {
      if (phase === "checking" || !msg) return;
      setState(phase === "waiting" && pool.stage !== "ready" ? msg + " Your check runs as soon as Python is ready." : msg);
    });
    if (nearView) nearView.observe(section);
    section.addEventListener("focusin", () => warmSoon("focus"));
    host.addEventListener("pointerdown", () => warmSoon("focus"));

    function persist(report) {
      const rec = loadSaved(id) || {};
      rec.hash = hash;
      rec.code = text;
      if (report !== undefined) rec.report = report;
      save(id, rec);
    }
    function persistSoon() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveTimer = 0;
        persist();
      }, 250);
    }
    window.addEventListener("pagehide", () => {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = 0;
        persist();
      }
    });

    function mountEditor(focus) {
      if (editor) return Promise.resolve(editor);
      if (!editorLoading) {
        editorLoading = import(cfg.editor).then((mod) => {
          const box = el("div", { class: "exercise-cm chroma" });
          host.replaceChildren(box);
          editor = mod.createEditor(box, {
            doc: text,
            label: "Your code (" + file + "); Ctrl-Enter runs the checker",
            onRun: () => void run(),
            onChange: (t) => {
              text = t;
              persistSoon();
              unjudged();
            },
          });
          host.classList.add("is-editing");
          return editor;
        });
        editorLoading.catch((e) => {
          editorLoading = null;
          console.error("runner: the editor did not load", e);
          setState("The editor did not load: " + e.message);
        });
      }
      return editorLoading.then((ed) => {
        if (focus) ed.focus();
        return ed;
      });
    }

    // unjudged notes that the code in the editor has no report: a pass
    // recorded for other code no longer counts.
    function unjudged() {
      const p = progress.get(id);
      if (p.status && p.status !== "edited" && p.code !== textHash(text)) progress.set(id, { status: "edited", code: "" });
    }

    function setText(t) {
      text = t;
      if (editor) editor.setText(t);
      else {
        const p = host.querySelector("pre");
        if (p) p.textContent = t; // plain until the editor mounts
      }
      unjudged();
    }

    // The highlighted starter turns into the editor on first use.
    host.tabIndex = 0;
    host.setAttribute("aria-label", "Your code (" + file + "); press Enter to edit");
    const wake = (e) => {
      if (editor) return;
      if (e.type === "keydown" && e.key !== "Enter") return;
      mountEditor(true);
    };
    host.addEventListener("pointerdown", wake);
    host.addEventListener("keydown", wake);
    host.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        run();
      }
    });

    // Saved code: the same exercise resumes; a changed one asks.
    const saved = loadSaved(id);
    if (saved && saved.hash === hash) {
      if (saved.code !== starterText) {
        setText(saved.code);
        mountEditor(false);
      }
      if (saved.report) showReport(saved.report, true);
    } else if (saved) {
      notice.replaceChildren(
        el("p", null, "This exercise has changed since you last worked on it, so your saved code may no longer fit it."),
        el("p", null, el("button", { type: "button", class: "button", "data-choice": "keep" }, "Keep my code"), " ", el("button", { type: "button", class: "button", "data-choice": "fresh" }, "Start fresh")),
      );
      notice.hidden = false;
      notice.addEventListener("click", (e) => {
        const choice = e.target.closest("[data-choice]");
        if (!choice) return;
        if (choice.dataset.choice === "keep") {
          setText(saved.code);
          mountEditor(false);
          persist(null);
        } else {
          forget(id);
          unjudged(); // the editor holds the starter, which no report judged
        }
        notice.hidden = true;
        notice.replaceChildren();
      });
    }

    const prog = progress.get(id);
    for (let i = 0; i < Math.min(prog.hints || 0, hintsSrc.length); i++) addHint(i);
    updateHintButton();
    if (prog.attempts > 0) btn("solution").hidden = false;

    function addHint(i) {
      hintsShown.append(el("li", null, hintsSrc[i]));
      hintsShown.hidden = false;
    }
    function updateHintButton() {
      const n = hintsShown.childElementCount;
      const b = btn("hint");
      b.disabled = n >= hintsSrc.length;
      b.textContent = hintsSrc.length ? "Hint (" + n + "/" + hintsSrc.length + ")" : "No hints";
    }

    async function getBundle() {
      if (bundle) return bundle;
      const res = await fetch(section.dataset.bundle);
      if (!res.ok) throw new Error("cannot fetch the exercise (HTTP " + res.status + ")");
      bundle = await res.json();
      return bundle;
    }

    function showReport(report, restored) {
      results.replaceChildren(renderReport(report));
      results.dataset.status = report.status;
      section.courseReport = report;
      if (restored) results.prepend(el("p", { class: "report-label" }, "Your last run:"));
    }

    // Live view of a running check, from coursecheck's events.
    function live() {
      const view = { plan: [], done: new Map(), running: "" };
      const list = el("ol", { class: "report-tests is-live" });
      const box = el("div", { class: "report report-running" }, el("p", { class: "report-summary" }, "Checking…"), list);
      results.replaceChildren(box);
      delete results.dataset.status;
      view.draw = () => {
        list.replaceChildren();
        const shown = new Set();
        for (const name of view.plan) {
          const t = view.done.get(name) || { name, status: name === view.running ? "running" : "pending" };
          list.append(renderTest(t, shown));
        }
      };
      return view;
    }

    // stopped assembles the report of a check that did not finish, as the
    // local runner does: what finished, the running test as an error, the
    // rest skipped.
    function stopped(view, msg) {
      const r = { schema: 1, exercise: id, status: "fail", error: "", stdout: "", tests: [], summary: { duration_ms: 0 }, cases: {} };
      const running = view.running || "import";
      for (const name of ["import", ...view.plan]) {
        if (view.done.has(name)) r.tests.push(view.done.get(name));
      }
      r.tests.push({ name: running, status: "error", message: msg, input: "", expected: "", actual: "", stdout: "", traceback: "", duration_ms: 0 });
      const skip = running === "import" ? "not run: your file did not load" : "not run: the check was stopped";
      for (const name of view.plan) {
        if (name !== running && !view.done.has(name)) {
          r.tests.push({ name, status: "skip", message: skip, input: "", expected: "", actual: "", stdout: "", traceback: "", duration_ms: 0 });
        }
      }
      return recount(r);
    }

    // run checks the editor's code (or opts.source, named opts.file: tests
    // and `course test` check given files) and resolves to the report.
    let runSeq = 0;
    async function run(opts = {}) {
      if (running) return null;
      const myRun = ++runSeq;
      const b = btn("run");
      b.disabled = true;
      btn("stop").hidden = false;
      running = { stop: null };
      // Only a run of the editor's code is the learner's attempt.
      const mine = opts.source === undefined;
      const code = text;
      if (mine) {
        const p = progress.get(id);
        progress.set(id, { attempts: (p.attempts || 0) + 1, hash });
        btn("solution").hidden = false;
        persist();
      }
      let report;
      try {
        const bd = await getBundle();
        phase = "waiting";
        if (pool.ready && pool.stage !== "ready") setState(stageText(pool.stage, pool.percent) + " Your check runs as soon as Python is ready.");
        await startWorker(cfg);
        phase = "checking";
        setState("Checking…");
        report = await check(bd, myRun, opts.source ?? text, opts.file ?? file);
      } catch (e) {
        report = { schema: 1, exercise: id, status: "error", error: "The in-page Python did not start: " + e.message + "\nYou can still check this exercise on your machine (see “Work on your machine instead”).", stdout: "", tests: [], summary: { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, duration_ms: 0 }, cases: {} };
      }
      running = null;
      phase = "";
      b.disabled = false;
      btn("stop").hidden = true;
      showReport(report, false);
      setState(summaryLine(report));
      if (mine) {
        persist(report);
        if (report.status !== "error") {
          // The code judged is the code at Run; an edit during the run leaves it unjudged.
          progress.set(id, { hash, status: code === text ? report.status : "edited", code: code === text ? textHash(code) : "", passed: report.summary.passed || 0, total: report.summary.total || 0 });
        }
      }
      section.dispatchEvent(new CustomEvent("course:report", { detail: report, bubbles: true }));
      return report;
    }

    function check(bd, runId, source, name) {
      return new Promise((resolve) => {
        const view = live();
        let timer = 0;
        let graceTimer = 0;
        let stopMsg = "";
        const done = (r) => {
          clearTimeout(timer);
          clearTimeout(graceTimer);
          pool.listeners.delete(onMsg);
          resolve(r);
        };
        const halt = (msg) => {
          if (stopMsg) return;
          stopMsg = msg;
          setState("Stopping…");
          if (pool.interrupt) {
            new Int32Array(pool.interrupt)[0] = 2; // SIGINT: KeyboardInterrupt in the learner's code
            graceTimer = setTimeout(() => {
              stopWorker();
              done(stopped(view, msg + " (Python was restarted)"));
            }, stopGraceMs);
          } else {
            stopWorker(); // no shared memory on this page: restart Python
            done(stopped(view, msg));
          }
        };
        running.stop = halt;
        const onMsg = (m) => {
          if (m.id !== runId && m.type !== "crashed") return;
          if (m.type === "event") {
            const ev = m.event;
            if (ev.event === "plan") view.plan = ev.tests;
            else if (ev.event === "start") {
              view.running = ev.test;
              if (!timer) {
                const limitS = timeoutOverrideS ?? bd.timeout_s;
                timer = setTimeout(
                  () =>
                    halt(
                      "timed out: the check took longer than " + limitS + " s and this test was still running; " +
                        "look for a loop that never ends, or code far slower than it needs to be",
                    ),
                  limitS * 1000,
                );
              }
            } else if (ev.event === "test") {
              view.done.set(ev.test.name, ev.test);
              view.running = "";
            }
            view.draw();
          } else if (m.type === "report") {
            done(JSON.parse(m.report));
          } else if (m.type === "interrupted") {
            done(stopped(view, stopMsg || "stopped"));
          } else if (m.type === "error" || m.type === "crashed") {
            stopWorker();
            done(stopped(view, "the in-page Python failed while this test was running: " + m.message));
          }
        };
        pool.listeners.add(onMsg);
        if (pool.interrupt) new Int32Array(pool.interrupt)[0] = 0;
        pool.worker.postMessage({ type: "run", id: runId, bundle: bd, source, file: name });
      });
    }

    toolbar.addEventListener("click", async (e) => {
      const b = e.target.closest("button[data-action]");
      if (!b) return;
      switch (b.dataset.action) {
        case "run":
          run();
          break;
        case "stop":
          if (running && running.stop) running.stop("stopped: you pressed Stop while this test was running");
          break;
        case "reset":
          setText(starterText);
          forget(id);
          results.replaceChildren();
          delete results.dataset.status;
          unjudged();
          setState("Reset to the starter code.");
          break;
        case "hint": {
          const n = hintsShown.childElementCount;
          if (n < hintsSrc.length) {
            addHint(n);
            progress.set(id, { hints: n + 1 });
            updateHintButton();
          }
          break;
        }
        case "solution": {
          if (!solutionBox.hidden) {
            solutionBox.hidden = true;
            b.textContent = "Solution";
            break;
          }
          try {
            const bd = await getBundle();
            solutionBox.replaceChildren(el("p", { class: "report-label" }, "The reference solution:"), pre(bd.solution, "exercise-solution-code"));
            solutionBox.hidden = false;
            b.textContent = "Hide solution";
          } catch (err) {
            setState(err.message);
          }
          break;
        }
      }
    });

    section.courseRunner = { run, getText: () => text, setText, mountEditor };
  }

  // workerStarts counts the Pythons this page started (a timeout without
  // cross-origin isolation costs a restart); tests read it.
  window.courseRunner = {
    renderReport,
    summaryLine,
    get workerStarts() {
      return pool.starts;
    },
    // warm starts Python now, as the first Run would, and resolves when it
    // is ready to check (at once if it is); a Run pressed meanwhile waits
    // for the same start. `course test` warms the page before its timed
    // checks, so that a slow start on a loaded machine is not a slow check.
    warm() {
      return firstCfg ? startWorker(firstCfg).then(() => true) : Promise.resolve(false);
    },
    // What started (or would start) Python ahead of need: armed once the
    // page's exercises are watched, reason "near" or "focus" once one
    // asked, skipped "save-data" when the browser asked to save data.
    get warmState() {
      return Object.assign({}, warmState, { stage: pool.stage, percent: pool.percent, startedAt: pool.startedAt });
    },
    // The stages of the last start, as [stage, ms after the worker was
    // created]; the runner-latency benchmark prints them.
    get timeline() {
      return pool.timeline.slice();
    },
    get stopGraceMs() {
      return stopGraceMs;
    },
    set stopGraceMs(ms) {
      stopGraceMs = ms;
    },
    get timeoutS() {
      return timeoutOverrideS;
    },
    set timeoutS(s) {
      timeoutOverrideS = s;
    },
  };
  for (const s of document.querySelectorAll('section.exercise[data-runtime="browser"]')) setup(s);
})();
