// The course's service worker (the build writes `const COURSE = {…}` above
// this line: the version, the base path, the files to keep). It makes a
// second visit fast and the course readable offline after one visit:
//
//   - files whose names carry a content hash (scripts, styles, exercise
//     bundles, the Pyodide runtime's folder) never change: served from the
//     cache first, fetched and kept on a miss;
//   - everything else (pages, the search index, images) comes from the
//     network first, so a new build is seen at once, and from the cache
//     when the network fails;
//   - installing fetches every page and the theme's files (not the runtime,
//     which is kept when an exercise first starts Python), unless the
//     browser asks to save data;
//   - a new build's worker takes over at once, carries over the hashed
//     files the new build still uses, and deletes older caches, so one
//     cache never mixes two builds.
"use strict";
const PREFIX = "course:" + COURSE.base + ":";
const CACHE = PREFIX + COURSE.version;
const IMMUTABLE = new Set(COURSE.immutable);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const saveData = self.navigator.connection && self.navigator.connection.saveData;
      if (!saveData) {
        // One failed file must not keep the worker from installing.
        await Promise.allSettled(COURSE.precache.map((u) => cache.add(new Request(u, { cache: "no-cache" }))));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === CACHE) continue;
        const old = await caches.open(name);
        for (const req of await old.keys()) {
          const p = new URL(req.url).pathname;
          if (IMMUTABLE.has(p) && !(await cache.match(req))) await cache.put(req, await old.match(req));
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A page whose Python is ready names the runtime files it loaded (its Web
// Worker may have fetched them before this worker controlled the page):
// they are kept, from the browser's HTTP cache when it has them, so that
// exercises run offline too.
self.addEventListener("message", (event) => {
  const m = event.data;
  if (!m || m.type !== "keep" || !Array.isArray(m.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const u of m.urls) {
        const url = new URL(u, self.location.href);
        if (url.origin !== self.location.origin || !IMMUTABLE.has(url.pathname) || (await cache.match(url.href))) continue;
        try {
          const res = await fetch(url.href);
          if (res.ok) await cache.put(url.href, res);
        } catch {
          /* kept next time */
        }
      }
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || req.headers.has("range")) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(COURSE.base)) return;
  if (IMMUTABLE.has(url.pathname)) event.respondWith(cacheFirst(event, req));
  else event.respondWith(networkFirst(event, req));
});

async function cacheFirst(event, req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && res.type === "basic") event.waitUntil(cache.put(req, res.clone()));
  return res;
}

async function networkFirst(event, req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") event.waitUntil(cache.put(req, res.clone()));
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    if (req.mode === "navigate") {
      const missing = await cache.match(COURSE.base + "404.html");
      if (missing) return missing;
    }
    throw err;
  }
}
