// The learner's progress: one JSON record in localStorage, shared by the
// exercise runner (runner.js), quizzes (quiz.js) and the home page.
//
//   window.courseProgress.get(kind, id)         → value or undefined
//   window.courseProgress.set(kind, id, value)  stores value (a plain object)
//   window.courseProgress.all()                 → the whole record
//   window.courseProgress.exportJSON()          → a string to save as a file
//   window.courseProgress.importJSON(text)      → merges a saved file; throws on bad input
//   window.courseProgress.onChange(fn)          fn(kind, id, value) after every set,
//                                               also for changes made in other tabs
//
// kind is "exercises" (id: exercise id, value: {hash, status, passed, total, at})
// or "quizzes" (id: "<page path>#<question id>", value: {choice, correct, at}).
// The record lives under "course.progress:" + the site's base path, so two
// courses on one origin (user.github.io/a/ and /b/) keep separate records.
"use strict";
(() => {
  const VERSION = 1;
  const KINDS = ["exercises", "quizzes"];
  const base = document.documentElement.dataset.base || "/";
  const KEY = "course.progress:" + base;
  const listeners = [];
  let memory = null; // used when storage is blocked

  function empty() {
    return { version: VERSION, exercises: {}, quizzes: {} };
  }

  function valid(rec) {
    return (
      rec &&
      typeof rec === "object" &&
      rec.version === VERSION &&
      KINDS.every((k) => rec[k] && typeof rec[k] === "object" && !Array.isArray(rec[k]))
    );
  }

  function load() {
    if (memory) return memory;
    try {
      const rec = JSON.parse(localStorage.getItem(KEY) || "null");
      return valid(rec) ? rec : empty();
    } catch {
      return empty();
    }
  }

  function save(rec) {
    try {
      localStorage.setItem(KEY, JSON.stringify(rec));
      memory = null;
    } catch {
      memory = rec; // storage blocked or full: keep it for this page
    }
  }

  function kindOf(kind) {
    if (!KINDS.includes(kind)) throw new Error("courseProgress: unknown kind " + kind);
    return kind;
  }

  function notify(kind, id, value) {
    for (const fn of listeners) {
      try {
        fn(kind, id, value);
      } catch (e) {
        console.error(e);
      }
    }
  }

  // Newer entries win when merging an imported file.
  function newer(a, b) {
    return !a || (b && typeof b.at === "number" && (typeof a.at !== "number" || b.at > a.at));
  }

  window.courseProgress = {
    get(kind, id) {
      return load()[kindOf(kind)][id];
    },
    set(kind, id, value) {
      const rec = load();
      rec[kindOf(kind)][id] = Object.assign({ at: Date.now() }, value);
      save(rec);
      notify(kind, id, rec[kind][id]);
    },
    all() {
      return load();
    },
    exportJSON() {
      return JSON.stringify(Object.assign({ course: base }, load()), null, 2) + "\n";
    },
    importJSON(text) {
      let rec;
      try {
        rec = JSON.parse(text);
      } catch (e) {
        throw new Error("this file is not JSON: " + e.message);
      }
      if (!valid(rec)) throw new Error("this file is not a course progress file (version " + VERSION + ")");
      const cur = load();
      let n = 0;
      for (const k of KINDS) {
        for (const [id, v] of Object.entries(rec[k])) {
          if (v && typeof v === "object" && newer(cur[k][id], v)) {
            cur[k][id] = v;
            n++;
          }
        }
      }
      save(cur);
      notify(null, null, null);
      return n;
    },
    onChange(fn) {
      listeners.push(fn);
    },
  };

  window.addEventListener("storage", (e) => {
    if (e.key === KEY) notify(null, null, null);
  });
})();
