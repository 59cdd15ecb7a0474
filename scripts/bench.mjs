// Benchmark (not a test: it asserts nothing and never fails on a figure). Measures what
// BENCHMARKS.md records: the raw and brotli size of every file in dist/, what the first load
// fetches, navigation → app-ready over 10 cold loads (fresh profile each), the first and second
// PDF export, and the longest main-thread task during an export.
// Usage: trunk build --release && node scripts/bench.mjs [runs]
import { execFileSync } from 'node:child_process';
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
// An assessment with 500 stored answers (the set's questions plus kept answers of other keys),
// planted in storage as a returning user would have it.
const big = { format: 'ti-assess.assessment', schema: 2, id: 'bench', name: 'Bench', question_set: { id: 'wlcg-ti-vo', version: '1.0.0' }, revision: 1, answers: {} };
for (let i = 0; i < 500; i++) big.answers[`bench.extra-${i}`] = { text: `An answer kept from an older question set, number ${i}, with some length to it.`, given_at: '2026-11-26T10:00:00.000Z' };
await page.evaluate((doc) => localStorage.setItem('ti-assess/v1/assessment/bench', JSON.stringify(doc)), big);
await page.goto(`${server.url}#/a/bench/s/contacts`);
await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
// Answer → persisted: Leptos handles the input event synchronously, including the save, so the
// time dispatchEvent takes is the time from the answer to the stored copy.
// Two paces: 200 answers back to back (a stress: the browser's storage queue never drains), and
// 100 answers 50 ms apart (still faster than a person answers).
const persist = await page.evaluate(async () => {
  const el = document.getElementById('q-VO-CON-3.response-hours');
  const times = [];
  const spaced = [];
  for (let i = 0; i < 200; i++) {
    el.value = String(1 + (i % 9));
    const t0 = performance.now();
    el.dispatchEvent(new Event('input', { bubbles: true }));
    times.push(performance.now() - t0);
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    el.value = String(1 + (i % 9));
    const t0 = performance.now();
    el.dispatchEvent(new Event('input', { bubbles: true }));
    spaced.push(performance.now() - t0);
  }
  const stored = JSON.parse(localStorage.getItem('ti-assess/v1/assessment/bench'));
  return { times, spaced, answers: Object.keys(stored.answers).length, bytes: localStorage.getItem('ti-assess/v1/assessment/bench').length };
});
// Section switch: from the hash change to the new section's heading in the DOM.
const switches = [];
for (const s of ['response', 'logging', 'retention', 'tracing', 'suspension', 'isolation', 'contacts', 'profile', 'privacy', 'challenges']) {
  switches.push(await page.evaluate((sid) => new Promise((resolve) => {
    const t0 = performance.now();
    const done = () => {
      const h = document.getElementById('section-heading');
      if (h && h.closest('section').querySelector(`[id^="q-"]`) && location.hash.endsWith(sid)) { resolve(performance.now() - t0); return true; }
      return false;
    };
    const mo = new MutationObserver(() => { if (done()) mo.disconnect(); });
    mo.observe(document.body, { childList: true, subtree: true });
    location.hash = `#/a/bench/s/${sid}`;
  }), s));
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
await page.goto(`${server.url}#/`);
await page.evaluate(() => localStorage.removeItem('ti-assess/v1/assessment/bench'));
await page.getByLabel('Name', { exact: true }).fill('Bench export');
await page.getByRole('button', { name: 'Create assessment' }).click();
await page.getByRole('heading', { level: 1, name: 'Bench export' }).waitFor();
await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Retention/ }).click();
const g = page.getByRole('group', { name: 'How long does each store keep its traceability records?' });
await g.getByRole('button', { name: 'Add a row' }).click();
await g.getByLabel('Row 1: Store').selectOption({ index: 1 });
await g.getByLabel('Row 1: Days retrievable').fill('30');
const exportOnceSource = () => new Promise((resolve) => {
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
});
const exportOnce = () => page.evaluate(exportOnceSource);
const first = await exportOnce();
const second = await exportOnce();
const third = await exportOnce();
await close();

// 6. The long report (issue 5's target): every question answered with long evidence, written by a
// native helper test; exported in a fresh profile, so the first export includes the worker's load.
execFileSync('cargo', ['test', '--locked', '--test', 'it', '--', '--ignored', '--exact', 'pdf::write_long_assessment_for_the_benchmark'], { stdio: 'ignore' });
const longDoc = readFileSync('target/bench/long-assessment.json', 'utf8');
const longRun = await launch();
const longPage = await openApp(longRun.context, server.url);
const longId = JSON.parse(longDoc).id;
await longPage.evaluate(([k, v]) => localStorage.setItem(k, v), [`ti-assess/v1/assessment/${longId}`, longDoc]);
await longPage.goto(`${server.url}#/a/${longId}/s/contacts`);
await longPage.getByRole('button', { name: 'Export PDF' }).waitFor();
const longBytes = [];
// The worker logs its own build time (console.debug): the target is the time in the worker.
const workerMs = [];
longRun.context.on('console', (m) => { const r = /PDF worker: built in ([\d.]+) ms/.exec(m.text()); if (r) workerMs.push(Number(r[1])); });
longPage.on('download', async (d) => longBytes.push(statSync(await d.path()).size));
const exportLong = () => longPage.evaluate(exportOnceSource);

const longFirst = await exportLong();
const longSecond = await exportLong();
const longThird = await exportLong();
// More warm runs: the browser optimises the worker's wasm in the background after its first uses.
const longMore = [];
for (let i = 0; i < 4; i++) longMore.push(await exportLong());
await longRun.close();
await server.close();

const firstLoadBr = firstLoad.reduce((s, p) => s + (sizes[p]?.br || 0), 0);
const firstLoadRaw = firstLoad.reduce((s, p) => s + (sizes[p]?.raw || 0), 0);
const result = { date: new Date().toISOString(), sizes, firstLoad, firstLoadBr, firstLoadRaw, ready, first, second, third, persist, switches, long: { first: longFirst, second: longSecond, third: longThird, bytes: longBytes, workerMs, more: longMore } };
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
console.log(`Long report, time in the worker (decode, report, layout, PDF), 7 exports: ${workerMs.join(', ')} ms; warm exports 4–7 end to end: ${longMore.map((r) => r.ms.toFixed(0)).join(', ')} ms.`);
console.log(`Long report (every question, long evidence): first export ${longFirst.ms.toFixed(0)} ms (worker load included), then ${longSecond.ms.toFixed(0)} and ${longThird.ms.toFixed(0)} ms; ${(Math.max(...longBytes) / 1024).toFixed(0)} KiB; longest main-thread task ${Math.max(longFirst.longest, longSecond.longest, longThird.longest).toFixed(0)} ms.`);
console.log(`Answer → persisted with ${persist.answers} stored answers (${(persist.bytes / 1024).toFixed(0)} KiB document), 200 answers: median ${pct(persist.times, 0.5).toFixed(2)} ms, p95 ${pct(persist.times, 0.95).toFixed(2)} ms, max ${Math.max(...persist.times).toFixed(2)} ms.`);
console.log(`Answer → persisted, the same, 100 answers 50 ms apart: median ${pct(persist.spaced, 0.5).toFixed(2)} ms, p95 ${pct(persist.spaced, 0.95).toFixed(2)} ms, max ${Math.max(...persist.spaced).toFixed(2)} ms.`);
console.log(`Section switch (hash change → new section rendered), 10 switches: median ${pct(switches, 0.5).toFixed(1)} ms, max ${Math.max(...switches).toFixed(1)} ms.`);
