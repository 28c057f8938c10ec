// Full-text search over the course, in the page.
//
// The index (URL in <html data-search-index>) is fetched the first time the
// reader focuses or types in a search box. Its format, version 2: a list
// of shards, one per module, in reading order, each fetched then (their
// names carry a hash of their bytes, so the browser keeps those that did
// not change):
//
//   {"v": 2, "shards": ["/base/search/module.1a2b3c4d.json", …]}
//
// and each shard
//
//   {"pages":    [{"t": "page title", "u": "/base/url/", "m": "module title"}],
//    "sections": [{"p": 0,           // index into the shard's pages
//                  "h": "heading",   // "" for the page's intro
//                  "a": "anchor",    // "" for the top of the page
//                  "x": "plain text of the section"}]}
//
// (version 1 was one shard, with "v": 1).
//
// Matching: the query splits into words; every word must occur in the
// section's page title, heading or text, as a whole word, except the last,
// which may be the start of a word (unless the query ends with a space).
// Ranking: a match in the page title outweighs one in the heading, which
// outweighs matches in the text. Lowercased, padded copies of every string
// are made once at load, so a keystroke costs a few indexOf calls per
// section and allocates only for the handful of results shown.
//
// The header box is an ARIA 1.2 combobox with a listbox popup
// (ArrowUp/ArrowDown, Enter, Escape); the search page (kind "search") lists
// results for ?q= and updates them as the reader types.
"use strict";
(() => {
  const root = document.documentElement;
  const INDEX_URL = root.dataset.searchIndex || "";
  const POPUP_LIMIT = 8;
  const PAGE_LIMIT = 50;
  const PER_PAGE_POPUP = 2;
  const PER_PAGE_FULL = 4;
  const SNIPPET_BEFORE = 50;
  const SNIPPET_LENGTH = 180;
  const W_TITLE = 40;
  const W_HEADING = 18;
  const W_BODY = 4;

  /* ── Engine ─────────────────────────────────────────────────────── */

  // Lowercase, every character that is not a letter or digit becomes a
  // space (one for one, so offsets stay those of the original text), padded
  // with a space on both sides so " word" and " word " find word starts and
  // whole words. Offsets in the padded copy are original offsets + 1.
  const NON_WORD = /[^\p{L}\p{N}]/gu;
  function normalise(s) {
    const lower = s.toLowerCase();
    const norm = lower.replace(NON_WORD, (m) => (m.length === 1 ? " " : " ".repeat(m.length)));
    return { norm: ` ${norm} `, aligned: lower.length === s.length };
  }

  class Index {
    constructor(data) {
      const pages = Array.isArray(data.pages) ? data.pages : [];
      const sections = Array.isArray(data.sections) ? data.sections : [];
      this.pages = pages.map((p) => {
        const t = String(p.t || "");
        return { t, tn: normalise(t).norm, u: String(p.u || ""), m: String(p.m || "") };
      });
      this.sections = [];
      const firstOfPage = new Set();
      for (const s of sections) {
        const p = s.p | 0;
        if (p < 0 || p >= this.pages.length) continue;
        const h = String(s.h || "");
        const x = String(s.x || "");
        const xn = normalise(x);
        this.sections.push({
          p,
          h,
          hn: normalise(h).norm,
          a: String(s.a || ""),
          x,
          xn: xn.norm,
          aligned: xn.aligned,
          // The page's first section stands for the page when only the
          // title matches.
          first: !firstOfPage.has(p),
        });
        firstOfPage.add(p);
      }
      // Pages with no section still deserve a title match.
      this.pages.forEach((page, p) => {
        if (!firstOfPage.has(p)) {
          this.sections.push({ p, h: "", hn: "  ", a: "", x: "", xn: "  ", aligned: true, first: true });
        }
      });
      const n = this.sections.length;
      this.score = new Float64Array(n);
      this.order = new Int32Array(n);
      this.titleHit = new Uint8Array(this.pages.length);
    }

    // Returns up to limit hits, best first: {section, page, score}.
    search(query, limit, perPage) {
      const terms = parseQuery(query);
      if (terms.length === 0) return { terms, hits: [], total: 0 };
      const { sections, pages, score, order, titleHit } = this;

      // Title matches, once per page: bit i set when term i matches.
      for (let p = 0; p < pages.length; p++) {
        let bits = 0;
        for (let i = 0; i < terms.length && i < 8; i++) {
          if (pages[p].tn.indexOf(terms[i].needle) !== -1) bits |= 1 << i;
        }
        titleHit[p] = bits;
      }

      let count = 0;
      for (let s = 0; s < sections.length; s++) {
        const sec = sections[s];
        const tbits = titleHit[sec.p];
        let total = 0;
        let onlyTitle = true;
        let ok = true;
        for (let i = 0; i < terms.length; i++) {
          const term = terms[i];
          const inTitle = i < 8 ? (tbits >> i) & 1 : pages[sec.p].tn.indexOf(term.needle) !== -1 ? 1 : 0;
          const inHeading = sec.hn.indexOf(term.needle) !== -1;
          const inBody = countMatches(sec.xn, term, 6);
          if (!inTitle && !inHeading && inBody === 0) {
            ok = false;
            break;
          }
          if (inHeading || inBody) onlyTitle = false;
          total += inTitle * W_TITLE + (inHeading ? W_HEADING : 0) + (inBody ? W_BODY + inBody : 0);
          // A whole-word match of the prefix term is better than a partial one.
          if (term.prefix && (inTitle || inHeading) && term.exact) {
            if (pages[sec.p].tn.indexOf(term.exact) !== -1 || sec.hn.indexOf(term.exact) !== -1) total += 4;
          }
        }
        if (!ok) continue;
        if (onlyTitle && !sec.first) continue; // one hit per page for title-only matches
        if (sec.first) total += 2;
        score[s] = total;
        order[count++] = s;
      }

      const ranked = Array.from(order.subarray(0, count)).sort((a, b) => score[b] - score[a] || a - b);
      const hits = [];
      const perPageCount = new Map();
      for (const s of ranked) {
        const sec = sections[s];
        const c = perPageCount.get(sec.p) || 0;
        if (c >= perPage) continue;
        perPageCount.set(sec.p, c + 1);
        hits.push({ section: sec, page: pages[sec.p], score: score[s] });
        if (hits.length >= limit) break;
      }
      return { terms, hits, total: count };
    }
  }

  // Query words, lowercased; the last one matches as a prefix unless the
  // query ends with a separator. Repeated words count once.
  function parseQuery(query) {
    const lower = query.toLowerCase();
    const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const endsWord = /[\p{L}\p{N}]$/u.test(lower);
    const seen = new Set();
    const terms = [];
    words.forEach((w, i) => {
      const prefix = i === words.length - 1 && endsWord;
      const key = (prefix ? "^" : "=") + w;
      if (seen.has(key)) return;
      seen.add(key);
      terms.push({
        word: w,
        prefix,
        needle: prefix ? ` ${w}` : ` ${w} `,
        exact: prefix ? ` ${w} ` : "",
      });
    });
    // A whole word makes a prefix of itself redundant.
    return terms.filter((t) => !(t.prefix && terms.some((o) => !o.prefix && o.word.startsWith(t.word))));
  }

  function countMatches(hay, term, max) {
    const needle = term.needle;
    const step = term.prefix ? needle.length : needle.length - 1;
    let n = 0;
    let at = hay.indexOf(needle);
    while (at !== -1 && n < max) {
      n++;
      at = hay.indexOf(needle, at + step);
    }
    return n;
  }

  // Ranges [start, end) in text (original offsets) where terms match.
  function matchRanges(norm, terms, from, to) {
    const ranges = [];
    for (const term of terms) {
      const needle = term.needle;
      const step = term.prefix ? needle.length : needle.length - 1;
      let at = norm.indexOf(needle, from);
      while (at !== -1 && at < to) {
        // needle starts with the space before the word: at (padded) = word offset (original).
        const start = at;
        let end = start + term.word.length;
        if (term.prefix) {
          // Highlight the rest of the word too.
          while (end + 1 < norm.length && norm[end + 1] !== " ") end++;
        }
        ranges.push([start, end]);
        at = norm.indexOf(needle, at + step);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r);
    }
    return merged;
  }

  // Fills el with text, wrapping ranges (offsets into text) in <mark>.
  function highlightInto(el, text, ranges, offset) {
    let pos = 0;
    for (const [s0, e0] of ranges) {
      const s = s0 - offset;
      const e = Math.min(e0 - offset, text.length);
      if (e <= 0 || s >= text.length) continue;
      const start = Math.max(s, pos);
      if (start > pos) el.append(text.slice(pos, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, e);
      el.append(mark);
      pos = e;
    }
    if (pos < text.length) el.append(text.slice(pos));
  }

  function highlightString(el, text, terms) {
    const { norm, aligned } = normalise(text);
    highlightInto(el, text, aligned ? matchRanges(norm, terms, 0, norm.length) : [], 0);
  }

  // A snippet of a section's text around its first match, with marks.
  function snippetInto(el, sec, terms) {
    const text = sec.x;
    if (!text) return false;
    let first = -1;
    for (const term of terms) {
      const at = sec.xn.indexOf(term.needle);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    }
    let start = 0;
    if (first > SNIPPET_BEFORE) {
      start = first - SNIPPET_BEFORE;
      const space = text.indexOf(" ", start);
      if (space !== -1 && space < first) start = space + 1;
    }
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + SNIPPET_LENGTH / 2) end = space;
    }
    const ranges = sec.aligned ? matchRanges(sec.xn, terms, start, end + 1) : [];
    if (start > 0) el.append("… ");
    highlightInto(el, text.slice(start, end), ranges, start);
    if (end < text.length) el.append(" …");
    return true;
  }

  function hitURL(hit) {
    return hit.section.a ? `${hit.page.u}#${encodeURIComponent(hit.section.a)}` : hit.page.u;
  }

  // One result, as a link.
  function renderHit(hit, terms, id) {
    const a = document.createElement("a");
    a.className = "result";
    a.href = hitURL(hit);
    if (id) {
      a.id = id;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
    }
    const title = document.createElement("span");
    title.className = "result-title";
    highlightString(title, hit.page.t, terms);
    if (hit.section.h) {
      const sep = document.createElement("span");
      sep.className = "result-sep";
      sep.setAttribute("aria-hidden", "true");
      sep.textContent = "›";
      const heading = document.createElement("span");
      heading.className = "result-heading";
      highlightString(heading, hit.section.h, terms);
      title.append(sep, heading);
    }
    a.append(title);
    if (hit.page.m && hit.page.m !== hit.page.t) {
      const m = document.createElement("span");
      m.className = "result-module";
      m.textContent = hit.page.m;
      a.append(m);
    }
    const snippet = document.createElement("span");
    snippet.className = "result-snippet";
    if (snippetInto(snippet, hit.section, terms)) a.append(snippet);
    return a;
  }

  function fetchJSON(url, cache) {
    return fetch(url, { credentials: "same-origin", cache }).then((r) => {
      if (!r.ok) throw new Error(`search index: HTTP ${r.status} for ${url}`);
      return r.json();
    });
  }

  // joinShards makes one index of the shards: their pages in order, and
  // each section's page number counted from the first shard's first page.
  function joinShards(shards) {
    const pages = [];
    const sections = [];
    for (const shard of shards) {
      const own = Array.isArray(shard.pages) ? shard.pages : [];
      const first = pages.length;
      for (const page of own) pages.push(page);
      for (const s of Array.isArray(shard.sections) ? shard.sections : []) {
        const p = s.p | 0;
        if (p >= 0 && p < own.length) sections.push({ p: first + p, h: s.h, a: s.a, x: s.x });
      }
    }
    return { pages, sections };
  }

  let loading = null;
  function loadIndex() {
    if (!loading) {
      if (!INDEX_URL) {
        loading = Promise.reject(new Error("no search index on this site"));
      } else {
        loading = fetchJSON(INDEX_URL, "no-cache")
          .then((data) => (Array.isArray(data.shards) ? Promise.all(data.shards.map((u) => fetchJSON(u, "default"))) : [data]))
          .then((shards) => new Index(joinShards(shards)));
      }
      // Avoid an unhandled rejection: callers attach their own handlers.
      loading.catch(() => {});
    }
    return loading;
  }

  function plural(n, word) {
    if (n === 1) return `1 ${word}`;
    return `${n} ${/(s|sh|ch|x)$/.test(word) ? `${word}es` : `${word}s`}`;
  }

  function searchPageURL(q) {
    const form = document.querySelector(".search-box");
    const base = form ? form.action : `${root.dataset.base || "/"}search/`;
    return q ? `${base}?q=${encodeURIComponent(q)}` : base;
  }

  /* ── Header combobox ────────────────────────────────────────────── */

  function initCombobox() {
    const form = document.querySelector(".search-box");
    const input = document.getElementById("search-input");
    const popup = document.getElementById("search-popup");
    const listbox = document.getElementById("search-listbox");
    const status = document.getElementById("search-status");
    if (!form || !input || !popup || !listbox || !status) return;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-haspopup", "listbox");
    input.setAttribute("aria-keyshortcuts", "/");
    input.placeholder = "Search the course";

    const live = document.createElement("p");
    live.className = "sr-only";
    live.setAttribute("role", "status");
    form.append(live);

    let index = null;
    let failed = false;
    let options = [];
    let active = -1;
    let lastQuery = null;

    function open() {
      if (!popup.hidden) return;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }
    function setActive(i) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function setStatus(text, withLink) {
      status.textContent = text;
      if (withLink) {
        const a = document.createElement("a");
        a.href = searchPageURL(input.value.trim());
        a.textContent = "All results";
        status.append(" · ", a);
      }
    }

    function run() {
      const q = input.value;
      if (q.trim() === "") {
        lastQuery = "";
        listbox.replaceChildren();
        options = [];
        close();
        live.textContent = "";
        return;
      }
      open();
      if (failed) {
        setStatus("Search is unavailable: the index could not be loaded.", false);
        return;
      }
      if (!index) {
        setStatus("Loading the search index…", false);
        return;
      }
      if (q === lastQuery) return;
      lastQuery = q;
      const { terms, hits, total } = index.search(q, POPUP_LIMIT, PER_PAGE_POPUP);
      options = hits.map((hit, i) => renderHit(hit, terms, `search-option-${i}`));
      listbox.replaceChildren(
        ...options.map((o) => {
          const li = document.createElement("li");
          li.setAttribute("role", "presentation");
          li.append(o);
          return li;
        }),
      );
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (hits.length === 0) {
        setStatus(`No results for “${q.trim()}”.`, false);
        live.textContent = "No results.";
      } else {
        const more = total > hits.length;
        setStatus(more ? `${hits.length} of ${plural(total, "match")}` : plural(hits.length, "result"), true);
        live.textContent = `${plural(hits.length, "result")} available. Use the up and down arrow keys to choose.`;
      }
    }

    function ensureIndex() {
      if (index || failed) return;
      loadIndex().then(
        (ix) => {
          index = ix;
          lastQuery = null;
          if (document.activeElement === input) run();
        },
        () => {
          failed = true;
          if (document.activeElement === input) run();
        },
      );
    }

    input.addEventListener("focus", () => {
      ensureIndex();
      if (input.value.trim()) {
        lastQuery = null;
        run();
      }
    });
    input.addEventListener("input", () => {
      ensureIndex();
      run();
    });
    input.addEventListener("keydown", (e) => {
      if (e.isComposing) return;
      switch (e.key) {
        case "ArrowDown":
          e.preventDefault();
          if (popup.hidden) {
            if (input.value.trim()) run();
            return;
          }
          if (options.length) setActive(active + 1 >= options.length ? 0 : active + 1);
          return;
        case "ArrowUp":
          e.preventDefault();
          if (options.length && !popup.hidden) setActive(active <= 0 ? options.length - 1 : active - 1);
          return;
        case "Enter":
          if (active >= 0 && options[active] && !popup.hidden) {
            e.preventDefault();
            const href = options[active].href;
            if (e.ctrlKey || e.metaKey || e.shiftKey) {
              window.open(href, "_blank", "noopener");
              return;
            }
            close();
            input.blur();
            window.location.href = href;
          } else if (!input.value.trim()) {
            e.preventDefault();
          }
          return;
        case "Escape":
          e.preventDefault();
          e.stopPropagation();
          if (!popup.hidden) close();
          else if (input.value) {
            input.value = "";
            run();
          } else input.blur();
          return;
        default:
      }
    });
    // Keep focus in the input while clicking in the popup.
    popup.addEventListener("mousedown", (e) => {
      if (!(e.target instanceof Element && e.target.closest("a"))) e.preventDefault();
    });
    popup.addEventListener("click", (e) => {
      if (e.target instanceof Element && e.target.closest("a") && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        close();
      }
    });
    listbox.addEventListener("mousemove", (e) => {
      const a = e.target instanceof Element ? e.target.closest(".result") : null;
      const i = a ? options.indexOf(a) : -1;
      if (i !== -1 && i !== active) {
        if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
        active = i;
        a.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", a.id);
      }
    });
    form.addEventListener("focusout", (e) => {
      if (!(e.relatedTarget instanceof Node && form.contains(e.relatedTarget))) close();
    });
    form.addEventListener("submit", (e) => {
      if (!input.value.trim()) e.preventDefault();
    });
    // Back/forward cache: start closed.
    window.addEventListener("pageshow", () => close());
  }

  /* ── Search page ────────────────────────────────────────────────── */

  function initSearchPage() {
    const input = document.getElementById("search-page-input");
    const list = document.getElementById("search-page-results");
    const status = document.getElementById("search-page-status");
    if (!input || !list || !status) return;
    const form = input.form;
    const baseTitle = document.title;
    let index = null;

    function render() {
      const q = input.value;
      const url = new URL(window.location.href);
      if (q.trim()) url.searchParams.set("q", q);
      else url.searchParams.delete("q");
      if (url.href !== window.location.href) history.replaceState(null, "", url);
      document.title = q.trim() ? `${q.trim()} · ${baseTitle}` : baseTitle;
      if (!q.trim()) {
        list.replaceChildren();
        status.textContent = "Type words to find; every word must match, the last may be the start of a word.";
        return;
      }
      if (!index) {
        status.textContent = "Loading the search index…";
        return;
      }
      const { terms, hits, total } = index.search(q, PAGE_LIMIT, PER_PAGE_FULL);
      list.replaceChildren(
        ...hits.map((hit) => {
          const li = document.createElement("li");
          li.append(renderHit(hit, terms, ""));
          return li;
        }),
      );
      if (hits.length === 0) status.textContent = `No results for “${q.trim()}”.`;
      else if (total > hits.length) status.textContent = `Showing the best ${hits.length} of ${plural(total, "match")} for “${q.trim()}”.`;
      else status.textContent = `${plural(hits.length, "result")} for “${q.trim()}”.`;
    }

    const q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    loadIndex().then(
      (ix) => {
        index = ix;
        render();
      },
      () => {
        status.textContent = "Search is unavailable: the index could not be loaded.";
      },
    );
    render();
    input.addEventListener("input", render);
    if (form) {
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        render();
        const first = list.querySelector("a");
        if (first) first.focus();
      });
    }
    input.focus();
    // Arrow down from the box moves into the results.
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") {
        const first = list.querySelector("a");
        if (first) {
          e.preventDefault();
          first.focus();
        }
      }
    });
    list.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      const links = Array.from(list.querySelectorAll("a"));
      const i = links.indexOf(document.activeElement);
      if (i === -1) return;
      e.preventDefault();
      if (e.key === "ArrowUp" && i === 0) input.focus();
      else links[Math.max(0, Math.min(links.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))].focus();
    });
  }

  // Exposed for tests: the engine without the page.
  window.courseSearch = { Index, parseQuery, loadIndex };

  function init() {
    initCombobox();
    initSearchPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
