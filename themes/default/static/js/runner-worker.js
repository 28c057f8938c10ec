// The exercise runner's Web Worker (a module worker started by runner.js).
// It loads Pyodide and the checker library once, then runs checks: the
// learner's code never runs on the page's thread, so a slow or endless
// loop cannot freeze the page, and runner.js can stop it.
//
// Messages in:
//   {type: "init", pyodide: "<dir URL>/", coursecheck: "<URL>", interrupt: SharedArrayBuffer|null}
//   {type: "run", id: n, bundle: {...}, source: "<learner's code>", file: "<name>"}
// Messages out:
//   {type: "stage", stage: "python" | "starting" | "checker" | "ready"}   while starting
//   {type: "progress", loaded, total}                         bytes of the runtime downloaded
//   {type: "failed", message}                                 could not start
//   {type: "event", id, event: {...}}                         coursecheck's progress events
//   {type: "report", id, report: "<JSON>"}                    a finished check (schema 1)
//   {type: "interrupted", id}                                 stopped by the interrupt buffer
//   {type: "error", id, message}                              the harness failed
"use strict";

let py = null;
let runCheck = null;
let starting = null;

// The runtime's files that take the time to download; fetching them first,
// counting bytes, lets the page show how far loading is. loadPyodide then
// finds them in the browser's cache (or the service worker's).
const RUNTIME_FILES = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "pyodide-lock.json"];

async function download(dir) {
  const state = { loaded: 0, total: 0, last: -1 };
  const tell = () => {
    const pct = state.total ? Math.floor((100 * state.loaded) / state.total) : -1;
    if (pct !== state.last) {
      state.last = pct;
      self.postMessage({ type: "progress", loaded: state.loaded, total: state.total });
    }
  };
  const responses = await Promise.all(RUNTIME_FILES.map((f) => fetch(dir + f)));
  for (const r of responses) {
    const n = Number(r.headers.get("content-length"));
    if (!r.ok || !r.body || !n) return; // a size unknown: no percentage; loadPyodide fetches as usual
    state.total += n;
  }
  tell();
  await Promise.all(
    responses.map(async (r) => {
      const reader = r.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        state.loaded += value.length;
        tell();
      }
    }),
  );
}

async function start(msg) {
  self.postMessage({ type: "stage", stage: "python" });
  if (!/^https?:\/\/cdn\./.test(msg.pyodide)) {
    try {
      await download(msg.pyodide);
    } catch {
      /* loadPyodide fetches again and reports what fails */
    }
  }
  const { loadPyodide } = await import(msg.pyodide + "pyodide.mjs");
  self.postMessage({ type: "stage", stage: "starting" });
  py = await loadPyodide({
    indexURL: msg.pyodide,
    stdout: () => {},
    stderr: () => {},
  });
  if (msg.interrupt) py.setInterruptBuffer(new Int32Array(msg.interrupt));
  self.postMessage({ type: "stage", stage: "checker" });
  const res = await fetch(msg.coursecheck);
  if (!res.ok) throw new Error("cannot fetch the checker library: HTTP " + res.status);
  const src = await res.text();
  py.FS.mkdirTree("/course/lib");
  py.FS.writeFile("/course/lib/coursecheck.py", src);
  runCheck = py.runPython(`
import json, os, sys
sys.path.insert(0, "/course/lib")
import coursecheck

def _course_run(bundle_json, source, learner_file, emit):
    bundle = json.loads(bundle_json)
    work = "/course/work"
    os.makedirs(work, exist_ok=True)
    os.chdir(work)
    for name, text in bundle.get("data", {}).items():
        path = os.path.join(work, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    report = coursecheck.run(
        bundle["id"], source, bundle["check"], bundle["solution"],
        learner_file=learner_file, functions=tuple(bundle["functions"]),
        on_event=lambda ev: emit(json.dumps(ev)),
    )
    return json.dumps(report)

_course_run
`);
  self.postMessage({ type: "stage", stage: "ready" });
}

async function run(msg) {
  try {
    const report = runCheck(JSON.stringify(msg.bundle), msg.source, msg.file, (ev) =>
      self.postMessage({ type: "event", id: msg.id, event: JSON.parse(ev) }),
    );
    self.postMessage({ type: "report", id: msg.id, report });
  } catch (e) {
    if (e && e.type === "KeyboardInterrupt") {
      self.postMessage({ type: "interrupted", id: msg.id });
    } else {
      self.postMessage({ type: "error", id: msg.id, message: String((e && e.message) || e) });
    }
  }
}

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "init") {
    starting = start(msg).catch((err) => {
      self.postMessage({ type: "failed", message: String((err && err.message) || err) });
      throw err;
    });
    return;
  }
  if (msg.type === "run") {
    try {
      await starting;
    } catch {
      return; // reported as failed
    }
    await run(msg);
  }
};
