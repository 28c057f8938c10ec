// The exercise runner's Web Worker (a module worker started by runner.js).
// It loads Pyodide and the checker library once, then runs checks: the
// learner's code never runs on the page's thread, so a slow or endless
// loop cannot freeze the page, and runner.js can stop it.
//
// Messages in:
//   {type: "init", pyodide: "<dir URL>/", coursecheck: "<URL>", interrupt: SharedArrayBuffer|null,
//    snapshot: "<URL of the shipped snapshot>" | "",        (runner.js leaves it out on slow links)
//    noSnapshot: bool}                                       (tests: start the ordinary way)
//   {type: "run", id: n, bundle: {...}, source: "<learner's code>", file: "<name>"}
//   {type: "keep"}                                           store the memory snapshot now (the
//                                                            page sends it once a waiting Run is sent)
// Messages out:
//   {type: "stage", stage: "python" | "starting" | "restored" | "shipped" | "checker" | "ready"}
//                                                            while starting ("restored": from the
//                                                            copy kept here; "shipped": from the site's)
//   {type: "stage", stage: "kept"}                            the memory snapshot is stored
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
let keep = null; // stores the memory snapshot made or restored by this start

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

// ---- the interpreter's memory snapshot ----
// Starting CPython is most of Python's start (seconds on a slow machine),
// and it is the same work on every visit. So the first start, once the
// interpreter has imported the standard-library modules the checker
// library needs, keeps a copy of its memory in Cache Storage, and later
// starts restore it instead of starting CPython again. The copy is keyed by
// the runtime's folder and this script's URL (both content-hashed), so a new
// build never restores an old runtime's memory, and Pyodide refuses a copy
// made by another build of itself. A copy that cannot be read, stored or
// restored is dropped, and Python starts the ordinary way. A start with no
// kept copy restores the copy the site ships, when runner.js passes its URL
// (see shippedSnapshot), and keeps it.
const SNAPSHOTS = "course-python-snapshots";
// The modules in the copy: the checker library's imports.
const PRELOAD = "import argparse, ast, contextlib, copy, io, json, linecache, math, os, random, sys, time, traceback, types";

// RESTORED runs after a restore. The copy's random module was seeded when
// it was made: it is seeded anew. Its time module read the time zone of
// the browser that made it (UTC for the shipped copy): time.timezone,
// altzone, daylight and tzname are read again from this browser's, the way
// CPython derives them from January's and July's local time (localtime
// itself always asks the browser).
const RESTORED = `
import random, time
random.seed()
def _course_tz():
    y = time.localtime().tm_year
    jan, jul = (time.localtime(time.mktime((y, m, 1, 12, 0, 0, 0, 0, -1))) for m in (1, 7))
    if jan.tm_gmtoff > jul.tm_gmtoff:  # the southern hemisphere: summer in January
        jan, jul = jul, jan
    time.timezone, time.altzone = -jan.tm_gmtoff, -jul.tm_gmtoff
    time.daylight = int(jan.tm_gmtoff != jul.tm_gmtoff)
    # Emscripten names zones by their offset: UTC+0530, UTC-0500, UTC-0000.
    name = lambda off: "UTC%s%02d%02d" % ("+" if off > 0 else "-", abs(off) // 3600, abs(off) // 60 % 60)
    time.tzname = (name(jan.tm_gmtoff), name(jul.tm_gmtoff))
_course_tz()
del _course_tz
`;

function snapshotKey(dir) {
  const worker = new URL(self.location.href);
  return new URL(dir + "memory.snapshot?worker=" + encodeURIComponent(worker.pathname), self.location).href;
}

// keptSnapshot returns the kept copy's response (its body not read yet), or null.
async function keptSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    return (await cache.match(key)) || null;
  } catch {
    return null; // no Cache Storage here (an opaque origin, a private window)
  }
}

// The site ships a copy made by scripts/pyodide-snapshot from this very
// runtime and PRELOAD (the build leaves it out otherwise), gzipped: a
// first start restores it instead of starting CPython. shippedSnapshot
// returns its response once the headers are in, or null (then Python
// starts the ordinary way); inflate reads it.
async function shippedSnapshot(url) {
  try {
    const res = await fetch(url);
    return res.ok && res.body ? res : null;
  } catch {
    return null;
  }
}

async function inflate(res) {
  // A host that sends the file with Content-Encoding: gzip has had it inflated already.
  const gz = !/gzip/.test(res.headers.get("content-encoding") || "");
  const body = gz ? res.body.pipeThrough(new DecompressionStream("gzip")) : res.body;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

// storeSnapshot keeps the copy and drops the copies of other builds of the
// same course: those whose runtime folder has the same parent and whose
// worker script is in the same folder (a course that loads the runtime
// from a CDN shares that parent with other courses, not its script's).
async function storeSnapshot(key, bytes) {
  const course = (u) => {
    const url = new URL(u);
    const worker = url.searchParams.get("worker") || "";
    return new URL("..", url).href + " " + worker.slice(0, worker.lastIndexOf("/") + 1);
  };
  try {
    const cache = await caches.open(SNAPSHOTS);
    const ours = course(key);
    for (const req of await cache.keys()) {
      if (req.url !== key && course(req.url) === ours) await cache.delete(req);
    }
    await cache.put(key, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
  } catch {
    /* quota or storage blocked: the next start is an ordinary one */
  }
}

async function dropSnapshot(key) {
  try {
    await (await caches.open(SNAPSHOTS)).delete(key);
  } catch {
    /* nothing to drop */
  }
}

async function start(msg) {
  self.postMessage({ type: "stage", stage: "python" });
  const canKeep = typeof caches !== "undefined" && !msg.noSnapshot;
  const key = snapshotKey(msg.pyodide);
  const kept = canKeep ? keptSnapshot(key) : Promise.resolve(null);
  // The shipped copy is fetched only when there is no kept one, while the
  // runtime downloads.
  const useShipped = msg.snapshot && !msg.noSnapshot && typeof DecompressionStream !== "undefined";
  const shipped = useShipped ? kept.then((res) => (res ? null : shippedSnapshot(msg.snapshot))) : Promise.resolve(null);
  // The checker library and Pyodide's own JavaScript are fetched while the
  // interpreter downloads and compiles, not after.
  const checker = fetch(msg.coursecheck).then((res) => {
    if (!res.ok) throw new Error("cannot fetch the checker library: HTTP " + res.status);
    return res.text();
  });
  checker.catch(() => {}); // reported when awaited
  const asm = import(msg.pyodide + "pyodide.asm.mjs").catch(() => {}); // loadPyodide imports it again and reports what fails
  const { loadPyodide } = await import(msg.pyodide + "pyodide.mjs");
  const load = async (extra) => {
    let uncount = () => {};
    if (/^https?:\/\/cdn\./.test(msg.pyodide)) {
      self.postMessage({ type: "stage", stage: "starting" }); // no percentage from a CDN
    } else {
      uncount = countDownloads(msg.pyodide);
    }
    try {
      return await loadPyodide({ indexURL: msg.pyodide, stdout: () => {}, stderr: () => {}, ...extra });
    } finally {
      uncount();
    }
  };
  let made = null;
  for (const [from, found] of [["restored", kept], ["shipped", shipped]]) {
    const res = await found;
    if (!res) continue;
    // loadPyodide takes the bytes as a promise: the runtime downloads
    // while the copy is read.
    const bytes = from === "shipped" ? inflate(res) : res.arrayBuffer().then((b) => new Uint8Array(b));
    bytes.catch(() => {}); // loadPyodide reports it
    try {
      py = await load({ _loadSnapshot: bytes });
      py.runPython(RESTORED);
      self.postMessage({ type: "stage", stage: from });
      // The site's copy is kept here too: later starts read it from Cache Storage.
      if (from === "shipped" && canKeep) made = await bytes;
      break;
    } catch {
      py = null;
      if (from === "restored") await dropSnapshot(key);
    }
  }
  if (!py) {
    py = await load(canKeep ? { _makeSnapshot: true } : {});
    py.runPython(PRELOAD);
    if (canKeep) {
      try {
        made = py.makeMemorySnapshot();
      } catch {
        made = null; // kept only when it can be made
      }
    }
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
  // Kept when the page says "keep", after the check it was waiting for, if
  // any: writing 30 MB is not on the way of its answer.
  if (made) {
    keep = async () => {
      await storeSnapshot(key, made);
      self.postMessage({ type: "stage", stage: "kept" });
    };
  }
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
  if (msg.type === "keep" && keep) {
    const k = keep;
    keep = null;
    await k();
  }
};
