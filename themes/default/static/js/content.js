// Small fixes to the rendered markdown that need the live layout:
//  - a code block, formula or table wider than the page scrolls sideways;
//    make it focusable (tabindex=0) so keyboard users can scroll it too,
//    and undo that when it fits again;
//  - task-list checkboxes (disabled inputs) get their item's text as label.
"use strict";
(() => {
  const SCROLLERS = ".content figure.code pre, .content .math-display, .content table";

  function markScrollable() {
    for (const el of document.querySelectorAll(SCROLLERS)) {
      const wide = el.scrollWidth > el.clientWidth + 1;
      if (wide && !el.hasAttribute("tabindex")) {
        el.tabIndex = 0;
        el.dataset.scrollFocus = "";
      } else if (!wide && "scrollFocus" in el.dataset) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    }
  }

  function labelTasks() {
    for (const box of document.querySelectorAll('.content li input[type="checkbox"]')) {
      if (box.labels?.length || box.hasAttribute("aria-label")) continue;
      const li = box.closest("li");
      if (!li) continue;
      let text = "";
      for (const node of (box.parentElement === li ? li : box.parentElement).childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && /^(UL|OL)$/.test(node.nodeName)) break;
        if (node !== box) text += node.textContent;
      }
      text = text.trim().replace(/\s+/g, " ");
      if (text) box.setAttribute("aria-label", text);
    }
  }

  function init() {
    labelTasks();
    markScrollable();
    let queued = false;
    window.addEventListener("resize", () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        markScrollable();
      });
    });
    // Web fonts (KaTeX's) change widths once they load.
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(markScrollable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
