// The HTTP headers ti-assess is served with, in one place: the release's nginx and Apache
// configurations (scripts/release-files.mjs writes them in), the test server (tests/e2e/serve.mjs)
// and the hosted tests that check a real server sends them (tests/e2e/hosted.mjs).
// The Content-Security-Policy is the build's own: the one its index.html carries in a meta tag
// (scripts/csp.mjs adds the hashes of that build's inline script), plus what only a header can
// say (frame-ancestors). A header reaches what the meta tag cannot: the PDF worker and the
// service worker run under their own response's policy, which needs 'wasm-unsafe-eval' too.

/** The policy of a built index.html's meta tag, `null` when it has none. */
export function metaPolicy(html) {
  const m = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  return m ? m[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}

/** Browser features the app never uses, all denied (Permissions-Policy `feature=()`). Only
 * names Chromium knows: it warns of any other ('bluetooth', 'web-share' on Linux), and the e2e
 * suite reports that warning as an error (tests/e2e/browser.mjs). `clipboard-write` is not among
 * them: the Copy buttons of "Trace a job" and the challenge kit write the clipboard (nothing of
 * the app reads it, so `clipboard-read` is denied). */
export const DENIED_FEATURES = [
  'accelerometer', 'autoplay', 'browsing-topics', 'camera', 'clipboard-read',
  'display-capture', 'encrypted-media', 'fullscreen', 'gamepad', 'geolocation', 'gyroscope', 'hid',
  'idle-detection', 'local-fonts', 'magnetometer', 'microphone', 'midi', 'payment',
  'picture-in-picture', 'publickey-credentials-create', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'usb', 'window-management', 'xr-spatial-tracking',
];

/** Every response's security headers, as [name, value], for the build whose index.html is `html`. */
export function securityHeaders(html) {
  const policy = metaPolicy(html);
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta tag');
  return [
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', DENIED_FEATURES.map((f) => `${f}=()`).join(', ')],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/** Names that carry a content hash (Trunk: name-<16 hex digits>.js, _bg.wasm, .css; the PDF
 * fonts: name.<8 hex digits>.woff2, from scripts/fonts.sh): cached for a year as immutable; every
 * other file is revalidated at each use (`no-cache`). The same pattern and values are written
 * into deploy/nginx/ti-assess.conf and deploy/apache/ti-assess.conf. */
export const HASHED = /(-[0-9a-f]{16}(_bg)?\.(js|wasm|css)|\.[0-9a-f]{8}\.woff2)$/;
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_OTHER = 'no-cache';
