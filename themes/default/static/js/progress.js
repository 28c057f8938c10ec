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

  // The home page's #progress[data-index] (present when the course has
  // exercises): exercises passed per module (from exercises/index.json,
  // written by the build), quiz answers, and export
  // and import of the record as a JSON file.
  function h(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    for (const k of kids) if (k != null) n.append(k);
    return n;
  }

  async function homeProgress(box) {
    let index;
    try {
      const res = await fetch(box.dataset.index, { cache: "no-cache" });
      if (!res.ok) throw new Error("HTTP " + res.status);
      index = await res.json();
    } catch (e) {
      console.error("progress: cannot read " + box.dataset.index + ": " + e.message);
      return;
    }
    const modules = [];
    const byModule = new Map();
    for (const e of index.exercises || []) {
      if (!byModule.has(e.module)) {
        const m = { title: e.module_title, ids: [] };
        byModule.set(e.module, m);
        modules.push(m);
      }
      byModule.get(e.module).ids.push(e.id);
    }
    const draw = () => {
      const rec = load();
      const rows = modules.map((m) => {
        const passed = m.ids.filter((id) => rec.exercises[id] && rec.exercises[id].status === "pass").length;
        const bar = h("progress", { max: String(m.ids.length), value: String(passed), "aria-label": m.title + ": " + passed + " of " + m.ids.length + " exercises passed" });
        return h("tr", null, h("td", null, m.title), h("td", null, passed + " / " + m.ids.length), h("td", null, bar));
      });
      const quizzes = Object.values(rec.quizzes);
      const right = quizzes.filter((q) => q && q.correct).length;
      const status = h("p", { class: "progress-status", role: "status" });
      const file = h("input", { type: "file", accept: "application/json,.json", hidden: "" });
      const exp = h("button", { type: "button", class: "button", "data-action": "export" }, "Export progress");
      const imp = h("button", { type: "button", class: "button", "data-action": "import" }, "Import progress");
      exp.addEventListener("click", () => {
        const url = URL.createObjectURL(new Blob([window.courseProgress.exportJSON()], { type: "application/json" }));
        const a = h("a", { href: url, download: "course-progress.json" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      });
      imp.addEventListener("click", () => file.click());
      file.addEventListener("change", async () => {
        const f = file.files && file.files[0];
        if (!f) return;
        try {
          const n = window.courseProgress.importJSON(await f.text());
          draw();
          box.querySelector(".progress-status").textContent = "Imported " + n + " entr" + (n === 1 ? "y" : "ies") + ".";
        } catch (e) {
          box.querySelector(".progress-status").textContent = "Not imported: " + e.message;
        }
      });
      box.replaceChildren(
        h("h2", { id: "progress-title" }, "Your progress"),
        h("table", null, h("thead", null, h("tr", null, h("th", { scope: "col" }, "Module"), h("th", { scope: "col" }, "Exercises passed"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Progress")))), h("tbody", null, ...rows)),
        h("p", null, right + " quiz question" + (right === 1 ? "" : "s") + " answered correctly. Progress is kept in this browser only."),
        h("div", { class: "progress-actions" }, exp, imp, file),
        status,
      );
      box.setAttribute("aria-labelledby", "progress-title");
      box.hidden = false;
    };
    draw();
    window.courseProgress.onChange(() => draw());
  }

  const box = document.getElementById("progress");
  if (box && box.dataset.index) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => homeProgress(box));
    else homeProgress(box);
  }
})();
