// Benchmark (not a test: it asserts nothing and never fails on a figure). Measures what
// BENCHMARKS.md records: the raw and brotli size of every file in dist/, what the first load
// fetches, navigation → app-ready over 10 cold loads (fresh profile each), the first and second
// PDF export, and the longest main-thread task during an export.
// Usage: trunk build --release && node scripts/bench.mjs [runs]
import { brotliCompressSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../tests/e2e/serve.mjs';
import { launch, openApp } from '../tests/e2e/browser.mjs';

const DIST = 'dist';
const RUNS = Number(process.argv[2] || 10);
const kib = (n) => (n / 1024).toFixed(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// 1. Sizes.
const sizes = {};
for (const name of readdirSync(DIST)) {
  const path = join(DIST, name);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  sizes[name] = { raw: raw.length, br };
}

const server = await serve(DIST);
const pathOf = (url) => decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html';

// 2 + 3. Cold loads.
const ready = [];
let firstLoad = [];
for (let i = 0; i < RUNS; i++) {
  const { context, log, close } = await launch();
  const page = await openApp(context, server.url);
  ready.push(await page.evaluate(() => performance.getEntriesByName('app-ready')[0].startTime));
  if (i === 0) firstLoad = [...new Set(log.requests.map(pathOf))];
  await close();
}

// 4 + 5. Exports, with a long-task observer and an event-loop lag probe running.
const { context, close } = await launch();
const page = await openApp(context, server.url);
const g = page.getByRole('group', { name: 'How long does each store keep its traceability records?' });
await g.getByRole('button', { name: 'Add a row' }).click();
await g.getByLabel('Row 1: Store').selectOption({ index: 1 });
await g.getByLabel('Row 1: Days retrievable').fill('30');
await page.getByLabel('VO security contact e-mail address').fill('vo-security@example.org');
const exportOnce = () => page.evaluate(() => new Promise((resolve) => {
  const longTasks = [];
  const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  obs.observe({ type: 'longtask', buffered: false });
  let maxGap = 0; let last = performance.now(); let running = true;
  const tick = () => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; if (running) setTimeout(tick, 0); };
  setTimeout(tick, 0);
  const status = document.querySelector('.ta-export__status');
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Export PDF'));
  const t0 = performance.now();
  const mo = new MutationObserver(() => {
    if (/^Saved|could not/.test(status.textContent)) {
      const ms = performance.now() - t0;
      mo.disconnect(); running = false;
      setTimeout(() => { obs.disconnect(); resolve({ ms, longest: Math.max(0, ...longTasks), maxGap, text: status.textContent }); }, 50);
    }
  });
  mo.observe(status, { childList: true, subtree: true, characterData: true });
  button.click();
}));
const first = await exportOnce();
const second = await exportOnce();
const third = await exportOnce();
await close();
await server.close();

const firstLoadBr = firstLoad.reduce((s, p) => s + (sizes[p]?.br || 0), 0);
const firstLoadRaw = firstLoad.reduce((s, p) => s + (sizes[p]?.raw || 0), 0);
const result = { date: new Date().toISOString(), sizes, firstLoad, firstLoadBr, firstLoadRaw, ready, first, second, third };
mkdirSync('target', { recursive: true });
writeFileSync('target/bench.json', JSON.stringify(result, null, 2));

console.log('| file | raw KiB | brotli KiB | first load |');
console.log('|---|---:|---:|---|');
for (const [name, s] of Object.entries(sizes).sort()) {
  console.log(`| ${name.replace(/-[0-9a-f]{16}/, '-<hash>')} | ${kib(s.raw)} | ${kib(s.br)} | ${firstLoad.includes(name) ? 'yes' : 'no'} |`);
}
console.log(`\nFirst load fetched ${firstLoad.length} files: ${kib(firstLoadRaw)} KiB raw, ${kib(firstLoadBr)} KiB brotli.`);
console.log(`Navigation → app-ready over ${RUNS} cold loads: median ${median(ready).toFixed(0)} ms, min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)}.`);
for (const [name, r] of [['first', first], ['second', second], ['third', third]]) {
  console.log(`PDF export (${name}): ${r.ms.toFixed(0)} ms; longest main-thread task ${r.longest.toFixed(0)} ms (long tasks are those ≥ 50 ms); largest event-loop gap ${r.maxGap.toFixed(0)} ms.`);
}
