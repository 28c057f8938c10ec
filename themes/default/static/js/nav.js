// Page navigation: the sidebar drawer on narrow screens, keyboard shortcuts
// (← → previous/next page, / search, ? help), the help dialog, and the
// table of contents that follows the reader's position.
//
// Shortcuts never fire while a modifier key is held, nor while focus is in
// a field, a contenteditable, a code editor (.cm-editor) or a widget that
// uses the arrow keys itself.
"use strict";
(() => {
  const root = document.documentElement;

  function typing(el) {
    if (!(el instanceof Element)) return false;
    if (el.closest("input, textarea, select, [contenteditable]:not([contenteditable='false']), .cm-editor")) return true;
    return el.isContentEditable;
  }

  // Elements whose arrow keys belong to them.
  function ownsArrows(el) {
    if (!(el instanceof Element)) return false;
    if (el.closest('[role="tablist"], [role="listbox"], [role="slider"], [role="menu"], [role="menubar"], [role="radiogroup"], [role="grid"], [role="tree"], audio, video')) return true;
    // A focused scrollable block (code, wide math, tables) scrolls sideways.
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      if (n.scrollWidth > n.clientWidth + 1 && getComputedStyle(n).overflowX !== "visible") return true;
    }
    return false;
  }

  function relHref(rel) {
    const link = document.querySelector(`link[rel="${rel}"]`);
    return link ? link.href : "";
  }

  /* ── Sidebar drawer ─────────────────────────────────────────────── */

  function initSidebar() {
    const toggle = document.querySelector(".menu-toggle");
    const sidebar = document.getElementById("sidebar");
    if (!toggle || !sidebar) return;
    const narrow = window.matchMedia("(max-width: 959px)");

    const isOpen = () => root.classList.contains("sidebar-open");
    function setOpen(open, focusBack) {
      root.classList.toggle("sidebar-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        const current = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a, summary");
        if (current) current.focus({ preventScroll: false });
      } else if (focusBack) {
        toggle.focus();
      }
    }

    toggle.addEventListener("click", () => setOpen(!isOpen(), false));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && isOpen() && narrow.matches) {
        e.preventDefault();
        setOpen(false, true);
      }
    });
    // A click outside the drawer closes it.
    document.addEventListener("click", (e) => {
      if (!isOpen() || !narrow.matches) return;
      if (sidebar.contains(e.target) || toggle.contains(e.target)) return;
      setOpen(false, false);
    });
    // Following a link in the drawer (maybe to an anchor on this page).
    sidebar.addEventListener("click", (e) => {
      if (narrow.matches && e.target instanceof Element && e.target.closest("a")) setOpen(false, false);
    });
    narrow.addEventListener("change", () => {
      if (!narrow.matches && isOpen()) setOpen(false, false);
    });

    // Bring the current lesson into view in a long sidebar.
    const current = sidebar.querySelector('a[aria-current="page"]');
    if (current) {
      const box = sidebar.getBoundingClientRect();
      const r = current.getBoundingClientRect();
      if (r.bottom > box.bottom || r.top < box.top) {
        sidebar.scrollTop += r.top - box.top - box.height / 3;
      }
    }
  }

  /* ── Help dialog ────────────────────────────────────────────────── */

  const dialog = () => document.getElementById("help-dialog");

  function openHelp() {
    const d = dialog();
    if (!d || d.open) return;
    if (typeof d.showModal === "function") d.showModal();
    else d.setAttribute("open", "");
  }

  function initHelp() {
    const d = dialog();
    const button = document.querySelector(".help-toggle");
    if (button && d) {
      button.addEventListener("click", openHelp);
    }
    if (d) {
      // A click on the backdrop closes the dialog.
      d.addEventListener("click", (e) => {
        if (e.target !== d) return;
        const r = d.getBoundingClientRect();
        const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
        if (!inside) d.close();
      });
    }
  }

  /* ── Keyboard shortcuts ─────────────────────────────────────────── */

  function focusSearch() {
    const input = document.getElementById("search-input");
    if (!input) return false;
    // On narrow screens, close the drawer first.
    root.classList.remove("sidebar-open");
    input.focus();
    input.select();
    return true;
  }

  function onKey(e) {
    if (e.defaultPrevented || e.isComposing) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const d = dialog();
    if (d && d.open) return; // the dialog handles Escape itself
    const target = e.target;
    if (typing(target)) return;

    switch (e.key) {
      case "ArrowLeft":
      case "ArrowRight": {
        if (e.shiftKey || ownsArrows(target)) return;
        const href = relHref(e.key === "ArrowLeft" ? "prev" : "next");
        if (!href) return;
        e.preventDefault();
        window.location.href = href;
        return;
      }
      case "/":
        if (focusSearch()) e.preventDefault();
        return;
      case "?":
        e.preventDefault();
        openHelp();
        return;
      default:
    }
  }

  /* ── Table of contents: mark the section being read ─────────────── */

  function initScrollSpy() {
    const links = Array.from(document.querySelectorAll(".toc-aside .toc-list a"));
    if (links.length === 0) return;
    const entries = [];
    for (const a of links) {
      const id = decodeURIComponent(a.hash.slice(1));
      const heading = id && document.getElementById(id);
      if (heading) entries.push({ a, heading });
    }
    if (entries.length === 0) return;
    let active = null;
    function update() {
      // The last heading above a line a little below the header.
      const line = (parseFloat(getComputedStyle(root).fontSize) || 16) * 6;
      let current = entries[0];
      for (const e of entries) {
        if (e.heading.getBoundingClientRect().top <= line) current = e;
        else break;
      }
      // At the very bottom, the last section is the one being read.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        current = entries[entries.length - 1];
      }
      if (current !== active) {
        if (active) active.a.classList.remove("is-active");
        current.a.classList.add("is-active");
        active = current;
      }
    }
    let queued = false;
    window.addEventListener(
      "scroll",
      () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          update();
        });
      },
      { passive: true },
    );
    update();
  }

  function init() {
    initSidebar();
    initHelp();
    initScrollSpy();
    document.addEventListener("keydown", onKey);
    for (const b of document.querySelectorAll(".print-button")) {
      b.addEventListener("click", () => window.print());
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
