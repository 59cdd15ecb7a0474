// Trunk post_build step, the first of scripts/post-build.mjs: puts the SHA-256 hash of every
// inline <script> of the built index.html into its Content-Security-Policy, replacing
// __INLINE_SCRIPT_HASHES__. Trunk's module loader is an inline script whose text changes with
// every build, so the hash cannot be written by hand, and 'unsafe-inline' is not an option.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes('__INLINE_SCRIPT_HASHES__')) {
  console.error(`csp.mjs: no __INLINE_SCRIPT_HASHES__ placeholder in ${file}`);
  process.exit(1);
}
html = html.replace('__INLINE_SCRIPT_HASHES__', hashes.join(' '));
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script hash(es) written to ${file}`);
