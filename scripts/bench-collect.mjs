// Benchmark of the Collect view (issue 6), not a test: asserts nothing. First, the first entry
// into Collect from the home page, the tools module's load included (issue #16). For 10, 100 and 1,000
// generated reports (half VOs, half sites; tests/e2e/reports.mjs), measures in the browser the
// time from choosing the files to the matrix shown (its first 200 rows, totals over all; the rest
// render on "Show all", timed separately), the longest
// main-thread task and the largest event-loop gap while reading (how responsive the page stays);
// then "Download PDF summary" twice: click → download, and the time in the PDF worker (its own
// console.debug; the first includes loading the worker), with the PDF's size and page count.
// Usage: trunk build --release && node scripts/bench-collect.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { serve } from '../tests/e2e/serve.mjs';
import { launch, openApp } from '../tests/e2e/browser.mjs';
import { report, bytes } from '../tests/e2e/reports.mjs';

const server = await serve('dist');

// First entry into Collect (issue #16): on a home page just loaded, with the tools module not
// fetched yet (service workers blocked, so that nothing precached it), the time from the click
// on "Collect reports" to its heading: the module's fetch, compile and mount included.
const entries = [];
for (let k = 0; k < 7; k += 1) {
  const { context, close } = await launch({ serviceWorkers: 'block' });
  const page = await openApp(context, server.url);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent === 'Collect reports');
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      const h = [...document.querySelectorAll('h1')].find((x) => x.textContent === 'Collect reports');
      if (h) { mo.disconnect(); resolve(performance.now() - t0); }
    });
    mo.observe(document.body, { childList: true, subtree: true });
    link.click();
  }));
  if (k > 0) entries.push(ms); // the first run warms the server's compression cache
  await close();
}
entries.sort((a, b) => a - b);
console.log(`First entry into Collect (click → heading, tools module fetched, compiled and mounted): median ${entries[Math.floor(entries.length / 2)].toFixed(0)} ms, max ${entries[entries.length - 1].toFixed(0)} ms over ${entries.length} cold loads\n`);

const rows = [];
for (const n of [10, 100, 1000]) {
  const files = [];
  for (let i = 0; i < n; i += 1) {
    const kind = i % 2 ? 'site' : 'vo';
    files.push({ name: `r-${i}.json`, mimeType: 'application/json', buffer: bytes(report(kind, { id: `r-${i}`, name: `Respondent ${i}` })) });
  }
  const { context, close } = await launch();
  const page = await openApp(context, server.url);
  await page.goto(`${server.url}#/collect`);
  await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
  await page.evaluate((expect) => {
    window.__bench = { longTasks: [], maxGap: 0 };
    const b = window.__bench;
    // Each long task with its start, to tell the browser's own work before `change` from ours.
    new PerformanceObserver((list) => list.getEntries().forEach((e) => b.longTasks.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask' });
    document.getElementById('collect-files').addEventListener('change', () => {
      b.t0 = performance.now();
      let last = b.t0;
      const tick = () => { const now = performance.now(); b.maxGap = Math.max(b.maxGap, now - last); last = now; if (!b.t1) setTimeout(tick, 0); };
      setTimeout(tick, 0);
    }, { capture: true });
    const mo = new MutationObserver(() => {
      if (!b.t1 && document.querySelectorAll('#collect-matrix tbody tr').length === Math.min(expect, 200)) { b.t1 = performance.now(); mo.disconnect(); }
    });
    mo.observe(document.body, { childList: true, subtree: true });
  }, n);
  await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(files);
  await page.waitForFunction(() => window.__bench.t1, null, { timeout: 120000 });
  const b = await page.evaluate(() => window.__bench);
  // Rows beyond the first 200 are rendered on request: time "Show all" too.
  let all = 0;
  if (n > 200) {
    all = await page.evaluate((expect) => new Promise((resolve) => {
      const t0 = performance.now();
      const mo = new MutationObserver(() => {
        if (document.querySelectorAll('#collect-matrix tbody tr').length === expect) { mo.disconnect(); resolve(performance.now() - t0); }
      });
      mo.observe(document.body, { childList: true, subtree: true });
      [...document.querySelectorAll('button')].find((x) => x.textContent.startsWith('Show all')).click();
    }), n);
  }
  // The PDF summary, twice (the first loads the worker).
  const workerMs = [];
  context.on('console', (m) => { const r = /PDF worker: built in ([\d.]+) ms/.exec(m.text()); if (r) workerMs.push(Number(r[1])); });
  const pdf = [];
  mkdirSync('target/bench', { recursive: true });
  pdf.longest = [];
  for (let k = 0; k < 2; k += 1) {
    const before = await page.evaluate(() => window.__bench.longTasks.length);
    const t0 = Date.now();
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByRole('button', { name: 'Download PDF summary' }).click()]);
    const file = `target/bench/collection-${n}.pdf`;
    await d.saveAs(file);
    pdf.push(Date.now() - t0);
    await page.getByRole('status').getByText(/^Saved ti-assess-collection-/).waitFor();
    pdf.longest.push(await page.evaluate((i) => Math.max(0, ...window.__bench.longTasks.slice(i).map((t) => t.ms)), before));
    if (k === 0) {
      pdf.size = statSync(file).size;
      pdf.pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1]);
    }
  }
  const cells = await page.locator('#collect-matrix td.ta-cell').count();
  const read = await page.evaluate(() => performance.getEntriesByName('collect-read')[0]?.startTime);
  // The page's part of each PDF summary (model, message), measured by the app.
  pdf.model = await page.evaluate(() => performance.getEntriesByName('collect-pdf-model').map((e) => e.duration.toFixed(0)).join(' / '));
  rows.push({ n, all, ms: b.t1 - b.t0, read: read - b.t0, render: b.t1 - read, longest: Math.max(0, ...b.longTasks.filter((t) => t.start >= b.t0).map((t) => t.ms)), before: Math.max(0, ...b.longTasks.filter((t) => t.start < b.t0).map((t) => t.ms)), maxGap: b.maxGap, cells, pdf, workerMs });
  await close();
}
await server.close();
console.log('| reports | choose → matrix shown (≤ 200 rows, all totals) | per report | of which reading + evaluating | rendering | longest task after `change` | longest task before `change` | largest event-loop gap | "Show all" → every row | cells |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n} | ${r.ms.toFixed(0)} ms | ${(r.ms / r.n).toFixed(2)} ms | ${r.read.toFixed(0)} ms | ${r.render.toFixed(0)} ms | ${r.longest.toFixed(0)} ms | ${r.before.toFixed(0)} ms | ${r.maxGap.toFixed(0)} ms | ${r.all ? `${r.all.toFixed(0)} ms` : '–'} | ${r.cells} |`);
}
console.log('\n| reports | PDF summary: click → download, first / second | page\'s part (model, message) | time in the worker | longest task | size | pages |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n} | ${r.pdf[0]} / ${r.pdf[1]} ms | ${r.pdf.model} ms | ${r.workerMs.join(' / ')} ms | ${r.pdf.longest.join(' / ')} ms | ${(r.pdf.size / 1024).toFixed(0)} KiB | ${r.pdf.pages} |`);
}
