// The offline service worker. scripts/offline.mjs (a Trunk post_build hook) fills in the build's
// version and the list of files; this template is never served as it is.
//
// Invariants:
// - Every file of the build is cached at install, the PDF worker's files included, so the whole
//   app (answering, import, PDF export) works offline after the first visit.
// - One cache per build, named by a hash of the build's files; older caches are deleted only when
//   this version takes over.
// - A new version waits: it takes over only when the page asks (the user clicked "Reload"), never
//   under a user mid-answer.
// - Only this origin's GET requests are answered; nothing is sent anywhere.
'use strict';

const VERSION = '__VERSION__';
const CACHE = `ti-assess-${VERSION}`;
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload`: the HTTP cache may hold an older build's file under the same name.
      cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
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
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The app has one page (routes live in the fragment): a navigation to the scope's root or
    // index.html, whatever its query, is index.html. A navigation to another file of the build
    // (the third-party licences from the About text) is that file.
    const scope = new URL(self.registration.scope).pathname;
    const page = request.mode === 'navigate' && (url.pathname === scope || url.pathname === `${scope}index.html`);
    const hit = await cache.match(page ? './index.html' : request, { ignoreSearch: page });
    if (hit) return hit;
    return fetch(request);
  })());
});
