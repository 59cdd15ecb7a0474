// Trunk post_build hook: the steps that finish a build, in order. Trunk 0.21 starts all hooks of
// one stage at once (hooks.rs: spawn_hooks, then wait for all), so steps that depend on each
// other must be one hook:
// 1. csp.mjs: the inline scripts' hashes into index.html's Content-Security-Policy;
// 2. notices.mjs: third-party-licenses.txt, the licence notices of what the build contains;
// 3. the question sets as files of their own (questions/<kind>-<hash>.json), which the page
//    fetches when it needs a set (crates/core/src/catalog/shipped.rs), written by the core's
//    `question_sets` example from the very JSON the native build carries;
// 4. offline.mjs: the service worker's file list and version, a hash of the final files (so it
//    must come last).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

await import('./csp.mjs');
await import('./notices.mjs');
const staging = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
execFileSync(
  'cargo',
  ['run', '-q', '--offline', '--locked', '-p', 'ti-core', '--example', 'question_sets', '--', join(staging, 'questions')],
  { stdio: 'inherit' },
);
await import('./offline.mjs');
