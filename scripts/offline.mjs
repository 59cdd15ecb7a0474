// Trunk post_build step, the last of scripts/post-build.mjs (so every other file is final):
// turns the service-worker template (public/sw.js, copied by Trunk) into this build's worker,
// listing every file of the build and naming its cache by a hash of their contents. A build
// that changes any byte gets a new cache; an unchanged build keeps the old one. Files under
// fonts/on-demand/ are listed apart: the service worker caches them on first use, not at install.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const sw = join(dir, 'sw.js');
/** The files under `sub` (relative to `dir`), recursively, as `sub/name` paths. */
function tree(sub) {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const path = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) return tree(path);
    return e.isFile() ? [path] : [];
  });
}
const top = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
const sub = (name) => (existsSync(join(dir, name)) ? tree(name) : []);
// fonts/: the PDF fonts; questions/: the question sets the page fetches (catalog::shipped).
const all = [...top, ...sub('fonts'), ...sub('questions')].filter((f) => f !== 'sw.js').sort();
const onDemand = all.filter((f) => f.startsWith('fonts/on-demand/'));
const files = all.filter((f) => !onDemand.includes(f));
const hash = createHash('sha256');
for (const f of all) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);
let text = readFileSync(sw, 'utf8');
if (!['__VERSION__', '__FILES__', '__ON_DEMAND__'].every((p) => text.includes(p))) {
  console.error(`offline.mjs: ${sw} lacks a __VERSION__, __FILES__ or __ON_DEMAND__ placeholder`);
  process.exit(1);
}
const list = files.map((f) => `./${f}`);
const later = onDemand.map((f) => `./${f}`);
text = text
  .replace('__VERSION__', version)
  .replace('__FILES__', JSON.stringify(list))
  .replace('__ON_DEMAND__', JSON.stringify(later));
writeFileSync(sw, text);
console.log(`offline.mjs: service worker ${version} precaches ${list.length} files, ${later.length} on demand`);
