// Trunk post_build step, the last of scripts/post-build.mjs (so every other file is final):
// turns the service-worker template (public/sw.js, copied by Trunk) into this build's worker,
// listing every file of the build and naming its cache by a hash of their contents. A build
// that changes any byte gets a new cache; an unchanged build keeps the old one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const sw = join(dir, 'sw.js');
const files = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name !== 'sw.js')
  .map((e) => e.name)
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);
let text = readFileSync(sw, 'utf8');
if (!text.includes('__VERSION__') || !text.includes('__FILES__')) {
  console.error(`offline.mjs: ${sw} has no __VERSION__/__FILES__ placeholder`);
  process.exit(1);
}
const list = files.map((f) => `./${f}`);
text = text.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(list));
writeFileSync(sw, text);
console.log(`offline.mjs: service worker ${version} precaches ${list.length} files`);
