/*
 * course serve: the live-reload client, injected into every page of the
 * preview as <script src="/__course/live.js" data-id data-etag data-base>.
 *
 * One event stream serves every tab of the site: the tab that holds the Web
 * Lock "course-live" opens /__course/events and relays each event to the
 * other tabs over a BroadcastChannel; when it closes, another tab takes the
 * lock. Without Web Locks or BroadcastChannel each tab opens its own stream.
 *
 * On "reload" a tab reloads if its own page changed or a file it loaded
 * (stylesheet, script, image, font) did, keeping its scroll position
 * through sessionStorage; it goes to the nearest existing parent if its
 * page was deleted, and otherwise stays. On "error" it shows the
 * problems in an overlay; the next good build hides it.
 *
 * Every event is also dispatched on window as a "course:live" CustomEvent
 * (detail: {type, data}) before the tab acts on it, for components that
 * keep state and for scripts/serve-latency.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__courseLive) return;
  window.__courseLive = true;

  var CSS = "__CSS__";
  var SCROLL_KEY = "course.live.scroll";
  var page = {
    id: me.getAttribute("data-id") || "",
    etag: me.getAttribute("data-etag") || "",
    base: me.getAttribute("data-base") || "/",
    notFound: me.hasAttribute("data-not-found"),
    errorPage: me.hasAttribute("data-error"),
  };
  var here = location.pathname.replace(/index\.html$/, "");
  var overlay = null;
  var leaving = false;
  var live = (window.__courseLiveState = { leader: false, events: 0 });
  try {
    performance.setResourceTimingBufferSize(2000);
  } catch (e) {}

  restoreScroll();

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null");
      sessionStorage.removeItem(SCROLL_KEY);
    } catch (e) {
      return;
    }
    if (!saved || saved.path !== location.pathname) return;
    // "instant": the theme may ask for smooth scrolling.
    var apply = function () {
      window.scrollTo({ left: saved.x, top: saved.y, behavior: "instant" });
    };
    apply();
    // Again once loaded and once the fonts are in: both can change the
    // layout above the reader's position.
    var done = function () {
      apply();
      try {
        history.scrollRestoration = "auto";
      } catch (e) {}
      if (document.fonts && document.fonts.status !== "loaded") document.fonts.ready.then(apply);
    };
    if (document.readyState === "complete") done();
    else addEventListener("load", done, { once: true });
  }

  function reload() {
    if (leaving) return;
    leaving = true;
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY }));
      history.scrollRestoration = "manual";
    } catch (e) {}
    // Components that keep unsaved state (exercise editors) save it here.
    dispatchEvent(new CustomEvent("course:beforereload"));
    location.reload();
  }

  function goTo(url) {
    if (leaving) return;
    leaving = true;
    location.replace(url);
  }

  // walkUp goes to the nearest parent that exists, asking the server.
  function walkUp() {
    var parts = here.replace(/\/$/, "").split("/");
    var tryNext = function () {
      parts.pop();
      var url = parts.join("/") + "/";
      if (parts.length <= 1 || url.length <= page.base.length) return goTo(page.base);
      fetch(url, { method: "HEAD", cache: "no-store" }).then(function (r) {
        if (r.ok) goTo(url);
        else tryNext();
      }, function () {});
    };
    tryNext();
  }

  // check compares this page with the server's copy after missed events.
  function check(id) {
    fetch(location.href, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.status === 404 && !page.notFound) return walkUp();
      var tag = (r.headers.get("ETag") || "").replace(/"/g, "");
      if (page.errorPage || (tag && tag !== page.etag)) reload();
      else page.id = id;
    }, function () {});
  }

  function onReload(ev) {
    hideOverlay();
    var to = ev.removed && ev.removed[here];
    if (to && !page.notFound) return goTo(to);
    var pages = ev.pages || [];
    if (page.errorPage || ev.all || pages.indexOf(here) >= 0 || usesAny(ev.assets) ||
        (page.notFound && pages.indexOf(page.base + "404.html") >= 0)) {
      return reload();
    }
    page.id = ev.id;
  }

  // usesAny reports whether this page loaded one of the URLs.
  function usesAny(urls) {
    if (!urls || !urls.length) return false;
    var loaded = {};
    try {
      performance.getEntriesByType("resource").forEach(function (e) {
        loaded[new URL(e.name, location.href).pathname] = true;
      });
    } catch (e) {
      return true; // cannot tell: reload to be safe
    }
    for (var i = 0; i < urls.length; i++) if (loaded[urls[i]]) return true;
    return false;
  }

  function onError(ev) {
    page.id = ev.id;
    showOverlay(ev.html);
  }

  function onHello(h) {
    if (h.error) {
      if (h.id !== page.id || !page.errorPage) onError(h.error);
      return;
    }
    hideOverlay();
    if (h.id !== page.id) check(h.id);
  }

  function handle(type, data) {
    live.events++;
    live.last = type;
    try {
      dispatchEvent(new CustomEvent("course:live", { detail: { type: type, data: data } }));
    } catch (e) {}
    if (leaving) return;
    if (type === "reload") onReload(data);
    else if (type === "error") onError(data);
    else if (type === "hello") onHello(data);
  }

  function showOverlay(html) {
    if (page.errorPage) {
      var box = document.getElementById("course-live-error");
      if (box) box.innerHTML = html;
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "course-live-overlay";
      var root = overlay.attachShadow({ mode: "open" });
      root.innerHTML = "<style>" + CSS + "</style><div class=\"cl-wrap\"></div>";
      root.addEventListener("click", function (e) {
        if (e.target.closest && e.target.closest("[data-close]")) hideOverlay();
      });
      (document.body || document.documentElement).appendChild(overlay);
    }
    overlay.shadowRoot.querySelector(".cl-wrap").innerHTML = html;
  }

  function hideOverlay() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  addEventListener("keydown", function (e) {
    if (overlay && e.key === "Escape") hideOverlay();
  });

  var channel = null;
  try {
    channel = new BroadcastChannel("course-live");
  } catch (e) {}
  var last = null; // the leader's view of the server state, for new tabs

  function connect(relay) {
    live.leader = true;
    var es = new EventSource("/__course/events");
    ["hello", "reload", "error"].forEach(function (type) {
      es.addEventListener(type, function (e) {
        var data = JSON.parse(e.data);
        if (type === "hello") last = data;
        else if (type === "reload") last = { id: data.id, error: null };
        else last = { id: data.id, error: data };
        if (relay) relay.postMessage({ type: type, data: data });
        handle(type, data);
      });
    });
  }

  if (channel && navigator.locks && navigator.locks.request) {
    channel.onmessage = function (e) {
      var m = e.data || {};
      if (m.type === "ask") {
        if (last) channel.postMessage({ type: "hello", data: last });
        return;
      }
      handle(m.type, m.data);
    };
    navigator.locks.request("course-live", function () {
      connect(channel);
      return new Promise(function () {}); // held until the tab goes away
    });
    channel.postMessage({ type: "ask" });
  } else {
    connect(null);
  }
})();
