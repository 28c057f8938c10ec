// Colour theme: the reader picks system, light or dark with the header
// button; the choice lives in localStorage ("course.theme") and is applied
// to <html data-theme> by the inline script in <head> before first paint.
// "system" removes data-theme, so the stylesheets follow
// prefers-color-scheme.
"use strict";
(() => {
  const KEY = "course.theme";
  const ORDER = ["system", "light", "dark"];
  const LABEL = { system: "system", light: "light", dark: "dark" };
  const root = document.documentElement;
  const dark = window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      const t = localStorage.getItem(KEY);
      return t === "light" || t === "dark" ? t : "system";
    } catch {
      return "system";
    }
  }

  function save(mode) {
    try {
      if (mode === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, mode);
    } catch {
      /* storage blocked: the choice lasts for this page only */
    }
  }

  // The browser UI colour follows the page, not only the system.
  function syncThemeColor(mode) {
    const metas = document.querySelectorAll('meta[name="theme-color"]');
    const isDark = mode === "dark" || (mode === "system" && dark.matches);
    const colour = getComputedStyle(root).getPropertyValue("--bg").trim() || (isDark ? "#14171c" : "#ffffff");
    for (const m of metas) {
      if (!m.dataset.media) m.dataset.media = m.getAttribute("media") || "";
      if (mode === "system") {
        m.setAttribute("media", m.dataset.media);
        m.setAttribute("content", m.dataset.media.includes("dark") ? "#14171c" : "#ffffff");
      } else {
        m.removeAttribute("media");
        m.setAttribute("content", colour);
      }
    }
  }

  function apply(mode) {
    if (mode === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", mode);
    const button = document.querySelector(".theme-toggle");
    if (button) {
      const next = ORDER[(ORDER.indexOf(mode) + 1) % ORDER.length];
      const label = `Colour theme: ${LABEL[mode]} (switch to ${LABEL[next]})`;
      button.dataset.mode = mode;
      button.setAttribute("aria-label", label);
      button.title = label;
    }
    syncThemeColor(mode);
  }

  function init() {
    const button = document.querySelector(".theme-toggle");
    if (button) {
      button.addEventListener("click", () => {
        const mode = ORDER[(ORDER.indexOf(stored()) + 1) % ORDER.length];
        save(mode);
        apply(mode);
      });
    }
    apply(stored());
    dark.addEventListener("change", () => syncThemeColor(stored()));
    // Another tab changed the theme.
    window.addEventListener("storage", (e) => {
      if (e.key === KEY || e.key === null) apply(stored());
    });
    // Paper is always light: lift the dark theme while printing.
    window.addEventListener("beforeprint", () => root.setAttribute("data-theme", "light"));
    window.addEventListener("afterprint", () => apply(stored()));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
