// Registers the course's service worker (sw.js at the base path, written
// by the build), after the page has loaded, so that a second visit does not
// download the runtime again and read pages work offline. Under
// `course serve` (whose live-reload script is on the page) it registers
// nothing and removes a worker left by a built copy on the same address,
// so the preview always shows the files being written.
"use strict";
(() => {
  // window.courseNoOffline: no worker (benchmarks compare with and without).
  if (!("serviceWorker" in navigator) || window.courseNoOffline) return;
  const base = document.documentElement.dataset.base || "/";
  const scope = new URL(base, location.href).href;
  if (document.querySelector('script[src$="/__course/live.js"]')) {
    navigator.serviceWorker
      .getRegistrations()
      .then((regs) => regs.filter((r) => r.scope === scope).forEach((r) => r.unregister()))
      .catch(() => {});
    return;
  }
  const register = () =>
    navigator.serviceWorker.register(base + "sw.js", { scope: base }).catch((e) => console.warn("offline: no service worker:", e.message));
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
})();
