// Trunk post_build hook: the steps that finish a build, in order. Trunk 0.21 starts all hooks of
// one stage at once (hooks.rs: spawn_hooks, then wait for all), so steps that depend on each
// other must be one hook:
// 1. csp.mjs: the inline scripts' hashes into index.html's Content-Security-Policy;
// 2. notices.mjs: third-party-licenses.txt, the licence notices of what the build contains;
// 3. offline.mjs: the service worker's file list and version, a hash of the final files (so it
//    must come last).
await import('./csp.mjs');
await import('./notices.mjs');
await import('./offline.mjs');
