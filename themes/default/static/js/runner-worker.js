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

// The runtime's two big files (the interpreter and the standard library,
// 12 of its 13.5 MB). While loadPyodide fetches them, a clone of each
// response is read to count bytes, so that the page can show how far
// loading is: the files are downloaded once, and the interpreter compiles
// as it streams in.
const COUNTED = ["pyodide.asm.wasm", "python_stdlib.zip"];

// countDownloads wraps the worker's fetch to report the counted files'
// progress, and returns a function that unwraps it.
function countDownloads(dir) {
  const urls = COUNTED.map((f) => new URL(dir + f, self.location).href);
  const sizes = new Map(); // url → bytes, 0 when unknown (then no percentage)
  let loaded = 0;
  let last = -1;
  const tell = () => {
    if (sizes.size < urls.length) return;
    let total = 0;
    for (const n of sizes.values()) {
      if (!n) return;
      total += n;
    }
    const pct = Math.floor((100 * loaded) / total);
    if (pct !== last) {
      last = pct;
      self.postMessage({ type: "progress", loaded: Math.min(loaded, total), total });
      // Downloaded: what remains is the interpreter's start.
      if (loaded >= total) self.postMessage({ type: "stage", stage: "starting" });
    }
  };
  const original = self.fetch;
  self.fetch = async function (input, init) {
    const response = await original.call(self, input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), self.location).href;
    if (urls.includes(url) && !sizes.has(url)) {
      // A compressed body counts differently from its Content-Length.
      const enc = response.headers.get("content-encoding");
      const n = response.ok && response.body && !(enc && enc !== "identity") ? Number(response.headers.get("content-length")) || 0 : 0;
      sizes.set(url, n);
      if (n) {
        const reader = response.clone().body.getReader();
        (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            loaded += value.length;
            tell();
          }
        })().catch(() => {});
      }
      tell();
    }
    return response;
  };
  return () => {
    self.fetch = original;
  };
}

async function start(msg) {
  self.postMessage({ type: "stage", stage: "python" });
  // The checker library and Pyodide's own JavaScript are fetched while the
  // interpreter downloads and compiles, not after.
  const checker = fetch(msg.coursecheck).then((res) => {
    if (!res.ok) throw new Error("cannot fetch the checker library: HTTP " + res.status);
    return res.text();
  });
  checker.catch(() => {}); // reported when awaited
  const asm = import(msg.pyodide + "pyodide.asm.mjs").catch(() => {}); // loadPyodide imports it again and reports what fails
  const { loadPyodide } = await import(msg.pyodide + "pyodide.mjs");
  let uncount = () => {};
  if (/^https?:\/\/cdn\./.test(msg.pyodide)) {
    self.postMessage({ type: "stage", stage: "starting" }); // no percentage from a CDN
  } else {
    uncount = countDownloads(msg.pyodide);
  }
  try {
    py = await loadPyodide({ indexURL: msg.pyodide, stdout: () => {}, stderr: () => {} });
  } finally {
    uncount();
  }
  await asm;
  if (msg.interrupt) py.setInterruptBuffer(new Int32Array(msg.interrupt));
  self.postMessage({ type: "stage", stage: "checker" });
  const src = await checker;
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
