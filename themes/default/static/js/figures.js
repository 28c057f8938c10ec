// Interactive figures (::: figure NAME {params}): mounts every
// figure.live-figure[data-component] whose component registered itself in
// window.courseFigures. A component is a classic script,
// js/figures/NAME.js, loaded before or after this one:
//
//   (window.courseFigures = window.courseFigures || {})["NAME"] = function mount(root, params) { … };
//
// root is the figure's empty div.figure-live, params its attributes as
// strings ({delta: "1"}). mount may return a promise. Once it has mounted,
// root is described by the figure's caption (aria-describedby) and the
// static fallback (.figure-fallback) is hidden. When the component is
// missing or mount throws, root is emptied and hidden again, the fallback
// stays, and one console.error says why.
"use strict";
(() => {
  function params(fig) {
    try {
      const p = JSON.parse(fig.dataset.params || "{}");
      return p && typeof p === "object" && !Array.isArray(p) ? p : {};
    } catch {
      return {};
    }
  }

  function fail(fig, root, name, why) {
    root.replaceChildren();
    root.hidden = true;
    fig.dataset.mounted = "failed";
    console.error(`figure ${name}: ${why}; showing the static fallback`);
  }

  function done(fig, root) {
    const fallback = fig.querySelector(":scope > .figure-fallback");
    const caption = fig.querySelector(":scope > .figure-description");
    if (caption && caption.id) root.setAttribute("aria-describedby", caption.id);
    if (fallback) fallback.hidden = true;
    fig.dataset.mounted = "true";
    fig.classList.add("is-mounted");
  }

  function mount(fig) {
    if (fig.dataset.mounted) return;
    const name = fig.dataset.component || "";
    fig.dataset.mounted = "pending";
    let root = fig.querySelector(":scope > .figure-live");
    if (!root) {
      root = document.createElement("div");
      root.className = "figure-live";
      fig.insertBefore(root, fig.firstChild);
    }
    const fn = (window.courseFigures || {})[name];
    if (typeof fn !== "function") {
      fail(fig, root, name, `no component registered (js/figures/${name}.js did not load or did not register "${name}")`);
      return;
    }
    root.replaceChildren();
    root.hidden = false;
    let result;
    try {
      result = fn(root, params(fig));
    } catch (e) {
      fail(fig, root, name, "mounting failed: " + (e && e.stack ? e.stack : e));
      return;
    }
    if (result && typeof result.then === "function") {
      result.then(
        () => done(fig, root),
        (e) => fail(fig, root, name, "mounting failed: " + (e && e.stack ? e.stack : e)),
      );
    } else {
      done(fig, root);
    }
  }

  function mountAll() {
    document.querySelectorAll("figure.live-figure[data-component]").forEach(mount);
  }

  function mountNamed(name) {
    for (const fig of document.querySelectorAll("figure.live-figure[data-component]")) {
      if (fig.dataset.component === name) mount(fig);
    }
  }

  // Mount each figure as soon as its component registers (or at once, for
  // components that registered before this script ran): with the page's
  // scripts render-blocking (base.html), figures are mounted before the
  // first paint and nothing shifts. Once the document is parsed and every
  // deferred script has run, figures still waiting report their missing
  // component.
  const registry = window.courseFigures && typeof window.courseFigures === "object" ? window.courseFigures : {};
  window.courseFigures = new Proxy(registry, {
    set(target, name, value) {
      target[name] = value;
      // After the registering script has finished (its later top-level
      // declarations exist by then), still before anything is painted.
      if (typeof name === "string" && document.readyState !== "loading") queueMicrotask(() => mountNamed(name));
      return true;
    },
  });
  if (document.readyState !== "loading") Object.keys(registry).forEach(mountNamed);
  if (document.readyState === "complete") mountAll();
  else {
    document.addEventListener("DOMContentLoaded", mountAll);
    window.addEventListener("load", mountAll);
  }
})();
