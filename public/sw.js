// The offline service worker. scripts/offline.mjs (a Trunk post_build hook) fills in the build's
// version and the list of files; this template is never served as it is.
//
// Invariants:
// - Every file of the build is cached at install, the PDF worker's files and the PDF fonts
//   included, so the whole app (answering, import, PDF export) works offline after the first
//   visit; except the large on-demand files (fonts/on-demand/: the 1.1 MB CJK font), which are
//   cached when first fetched, or when the page asks (`cache-on-demand`: it does as soon as
//   stored answers hold Chinese, Japanese or Korean), and carried over from the previous
//   version's cache at install (their names carry their content hash, so a name is its bytes).
// - One cache per build, named by a hash of the build's files; older caches are deleted only when
//   this version takes over.
// - A new version waits: it takes over only when the page asks (the user clicked "Reload"), never
//   under a user mid-answer.
// - Only this origin's GET requests are answered; nothing is sent anywhere.
'use strict';

const VERSION = '__VERSION__';
const CACHE = `ti-assess-${VERSION}`;
const FILES = __FILES__;
const ON_DEMAND = __ON_DEMAND__;
const onDemand = new Set(ON_DEMAND.map((f) => new URL(f, self.location).href));

/// Copies the on-demand files an older version's cache holds into `cache`.
async function carryOver(cache) {
  for (const key of await caches.keys()) {
    if (!key.startsWith('ti-assess-') || key === CACHE) continue;
    const old = await caches.open(key);
    for (const file of ON_DEMAND) {
      if (await cache.match(file)) continue;
      const hit = await old.match(file);
      if (hit) await cache.put(file, hit);
    }
  }
}

/// Fetches and caches the on-demand files not cached yet.
async function cacheOnDemand() {
  const cache = await caches.open(CACHE);
  for (const file of ON_DEMAND) {
    if (await cache.match(file)) continue;
    const response = await fetch(new Request(file, { cache: 'reload' }));
    if (response.ok) await cache.put(file, response);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      // `reload`: the HTTP cache may hold an older build's file under the same name.
      await cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })));
      await carryOver(cache);
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('ti-assess-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  // Offline, the fetch fails and the page asks again on its next visit.
  if (event.data && event.data.type === 'cache-on-demand') event.waitUntil(cacheOnDemand().catch(() => {}));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The app has one page: every navigation is index.html (routes live in the fragment).
    const key = request.mode === 'navigate' ? './index.html' : request;
    const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    const response = await fetch(request);
    // An on-demand file is kept once fetched, for offline use later.
    if (response.ok && onDemand.has(url.href)) await cache.put(request, response.clone());
    return response;
  })());
});
