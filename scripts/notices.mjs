// Trunk post_build step (through scripts/post-build.mjs): writes third-party-licenses.txt into
// the build, the licence notices of everything in it that others wrote:
// - every crate compiled into either WebAssembly module: the normal dependencies, followed
//   through Cargo.lock by `cargo metadata --filter-platform wasm32-unknown-unknown`, of the
//   package ti-assess (bin ti-assess, the page) and of ti-pdf (bin pdf-worker, the PDF worker),
//   each with the licence files its package ships (from the registry source cargo unpacked);
// - the Rust standard library, from the toolchain's own notice (COPYRIGHT-library.html);
// - any licence file under public/ (fonts: LICENSE*, OFL*, COPYING*, NOTICE*).
// Nothing here is a hand-kept list of crates: a dependency added to Cargo.lock is in the next
// build's notices. A crate that ships no licence file is given the standard text of the licence
// it declares (licenses/<SPDX id>.txt, or the project's LICENSE for Apache-2.0) with its authors;
// when there is none, the build stops. No npm package ships (binaryen and playwright-core are
// tools), so none is listed. tests/it/notices.rs checks the result against cargo metadata and
// deny.toml.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const OUT = join(dir, 'third-party-licenses.txt');
/** The two modules, by the package whose bin builds them. */
const MODULES = [['ti-assess', 'app'], ['ti-pdf', 'PDF worker']];
const LICENCE_FILE = /^(licen[cs]e|copying|copyright|notice|unlicense|ofl)/i;

function fail(message) {
  console.error(`notices.mjs: ${message}`);
  process.exit(1);
}

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--locked', '--offline',
  '--filter-platform', 'wasm32-unknown-unknown']));
const packages = new Map(meta.packages.map((p) => [p.id, p]));
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
const members = new Set(meta.workspace_members);

/** Every package reachable from `root` through normal (not dev, not build) dependencies. */
function closure(root) {
  const seen = new Set();
  const todo = [root];
  while (todo.length) {
    const id = todo.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of nodes.get(id).deps) {
      if (d.dep_kinds.some((k) => k.kind === null)) todo.push(d.pkg);
    }
  }
  return seen;
}

/** Crate id → the modules it is compiled into. */
const where = new Map();
for (const [name, module] of MODULES) {
  const root = [...members].find((id) => packages.get(id).name === name);
  if (!root) fail(`no workspace package ${name}`);
  for (const id of closure(root)) {
    if (!members.has(id)) where.set(id, [...(where.get(id) || []), module]);
  }
}
const crates = [...where.keys()].map((id) => packages.get(id))
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, 'en', { numeric: true }));

// Licence texts, each kept once (the same MIT text with the same holders is shared by many).
const texts = [];
const byKey = new Map();
function textId(text, user) {
  const key = text.replace(/\s+/g, ' ').trim();
  let t = byKey.get(key);
  if (!t) {
    t = { id: `T${texts.length + 1}`, text: text.replace(/\s+$/, ''), users: [] };
    texts.push(t);
    byKey.set(key, t);
  }
  t.users.push(user);
  return t.id;
}

const spdxIds = (expr) => expr.split(/[\s()/]+/).filter((w) => w && !['AND', 'OR', 'WITH'].includes(w));
function standardText(id) {
  const file = id === 'Apache-2.0' ? 'LICENSE' : join('licenses', `${id}.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

const lines = [];
for (const p of crates) {
  const root = dirname(p.manifest_path);
  const files = readdirSync(root).filter((f) => LICENCE_FILE.test(f) && statSync(join(root, f)).isFile()).sort();
  if (p.license_file && !files.includes(p.license_file)) files.push(p.license_file);
  const label = `${p.name} ${p.version}`;
  const ids = files.map((f) => textId(readFileSync(join(root, f), 'utf8'), `${label} (${f})`));
  const expr = p.license || `see ${p.license_file}`;
  if (ids.length === 0) {
    const holders = p.authors.length ? p.authors.join(', ') : `the ${p.name} authors`;
    for (const spdx of p.license ? spdxIds(p.license) : []) {
      const standard = standardText(spdx);
      if (standard) ids.push(textId(standard.replace('<copyright holders>', holders), `${label} (standard ${spdx} text)`));
    }
    if (ids.length === 0) fail(`${label} ships no licence file and there is no standard text for "${expr}": add licenses/<id>.txt`);
  }
  lines.push(`- ${label}: ${expr} (${where.get(p.id).join(' and ')}) [${ids.join(', ')}]`);
}

/** The Rust standard library's notice, from the toolchain that built the modules. */
function rustStd() {
  const sysroot = run('rustc', ['--print', 'sysroot']).trim();
  const version = run('rustc', ['--version']).trim();
  const file = join(sysroot, 'share', 'doc', 'rust', 'COPYRIGHT-library.html');
  const out = [`Built with ${version}. The Rust standard library (core, alloc, std and the crates they`,
    'use) is compiled into both modules. It is licensed under Apache-2.0 OR MIT, with the exceptions',
    'below, quoted from the toolchain\'s own notice (share/doc/rust/COPYRIGHT-library.html), which',
    'covers the library for every target: only part of it is linked into a wasm32 module.', ''];
  if (!existsSync(file)) {
    console.warn(`notices.mjs: ${file} not found (rustup component rust-docs): the standard library gets the short notice only`);
    const mit = standardText('MIT').replace('<copyright holders>', 'The Rust Project Developers');
    out.push(`- Rust standard library: Apache-2.0 OR MIT [${textId(mit, 'Rust standard library')}, ${textId(standardText('Apache-2.0'), 'Rust standard library')}]`);
    return out;
  }
  const html = readFileSync(file, 'utf8');
  const plain = (s) => s.replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
  const [inTree, outOfTree = ''] = html.split('id="out-of-tree-dependencies"');
  for (const block of inTree.split('<b>File/Directory:</b>').slice(1)) {
    const path = plain(block.match(/<code>([\s\S]*?)<\/code>/)?.[1] || '?');
    const licence = plain(block.match(/<b>License:<\/b>([\s\S]*?)<\/p>/)?.[1] || '?');
    const holders = [...block.matchAll(/<b>Copyright:<\/b>([\s\S]*?)<\/p>/g)].map((m) => plain(m[1]));
    out.push(`- std ${path}: ${licence}; copyright ${holders.join('; ')}`);
  }
  const deps = outOfTree.split('<h3>').slice(1);
  if (deps.length === 0) fail(`${file}: no out-of-tree dependency found (has its format changed?)`);
  for (const block of deps) {
    const name = plain(block.slice(0, block.indexOf('</h3>'))).replace(/^\S*\s/u, '');
    const licence = plain(block.match(/<b>License:<\/b>([\s\S]*?)<\/p>/)?.[1] || '?');
    const ids = [...block.matchAll(/<summary><code>([\s\S]*?)<\/code><\/summary>\s*<pre>([\s\S]*?)<\/pre>/g)]
      .map((m) => textId(plain(m[2]), `std dependency ${name} (${plain(m[1])})`));
    out.push(`- std dependency ${name}: ${licence} ${ids.length ? `[${ids.join(', ')}]` : '(the notice quotes no text)'}`);
  }
  return out;
}

/** Licence files of what public/ adds to the build: any file named like a licence, and every
 * text file beside the fonts (their README says which font is under which licence; the licences
 * are named for themselves: OFL-1.1.txt, Apache-2.0.txt, DejaVu-Bitstream-Vera.txt). */
function publicFiles() {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (LICENCE_FILE.test(e.name) || (/(^|\/)fonts$/.test(d) && e.name.endsWith('.txt'))) found.push(p);
    }
  };
  if (existsSync('public')) walk('public');
  return found.sort().map((f) => `- ${relative('.', f)} [${textId(readFileSync(f, 'utf8'), relative('.', f))}]`);
}

const version = packages.get([...members].find((id) => packages.get(id).name === 'ti-assess')).version;
const std = rustStd();
const others = publicFiles();
const doc = [
  `Third-party licences of ti-assess ${version}`,
  '',
  'ti-assess itself is licensed under the Apache License 2.0 (LICENSE in its source and release',
  'archive). The two WebAssembly modules of this build, the app and the PDF worker, include the',
  'work of others, listed below with the licence each is distributed under; every licence text',
  'follows at the end, each once, with the packages it belongs to. This file is generated at',
  'build time from Cargo.lock (scripts/notices.mjs): the crates are the normal dependencies of',
  'the package ti-assess (the app) and of ti-pdf (the PDF worker) for wasm32-unknown-unknown.',
  'Crates that only generate code at compile time (procedural macros) are listed too. No npm',
  'package is part of the build.',
  '',
  `Crates (${crates.length}): name version: licence (module) [licence texts]`,
  '',
  ...lines,
  '',
  'The Rust standard library',
  '',
  ...std,
  '',
  `Other files of the build (${others.length})`,
  '',
  ...(others.length ? others : ['- none: the build ships no font or other third-party file']),
  '',
  `Licence texts (${texts.length})`,
  ...texts.flatMap((t) => ['', '='.repeat(78), `[${t.id}] ${t.users.join('; ')}`, '='.repeat(78), '', t.text]),
  '',
].join('\n');
writeFileSync(OUT, doc);
console.log(`notices.mjs: ${crates.length} crates, ${texts.length} licence texts, ${Math.round(doc.length / 1024)} KiB written to ${OUT}`);
