// Benchmark (not a test: it asserts nothing and exits 0 whatever the figures): ti-assess side by
// side with csf_profile (github.com/CPAtoCybersecurity/csf_profile, a client-only React app, the
// closest peer), issue #16's harness. Both builds are served the same way in the same run, and
// the figure is the first moment a user can act on a cold load, so the ratio ti/peer is
// independent of how fast this machine happens to be today.
//
// What it does:
// - Serves both builds from 127.0.0.1, each on its own port (two origins: nothing shared), every
//   file precompressed in memory with brotli quality 11 and sent with Content-Encoding: br when
//   the browser accepts it and it is smaller (PNGs, JPEGs and fonts go as they are, as a host
//   sends them), with its MIME type (application/wasm for .wasm) and Cache-Control: no-store.
//   No other headers, for either app: the page's own CSP meta tag still applies.
// - Cold loads, interleaved: a new browser context (empty HTTP cache, empty storage, so a first
//   visit) for every load, the cache also disabled through CDP, and service workers blocked
//   (Playwright's block plus an init script that makes register() reject, as a browser without
//   service-worker support does: both apps handle the rejection and stay online-only), so
//   nothing is served from a worker. Every other host is unresolvable, so a request for one
//   fails at once, as offline. Pairs alternate their order (ti, peer, peer, ti, ...) so
//   neither app always goes first. One discarded warm-up pair per condition starts the
//   browser's processes.
// - Two conditions in the same run:
//   (a) unthrottled;
//   (b) Lighthouse's mobile slow-4G profile (Lighthouse 12's mobileSlow4G: rttMs 150,
//       throughputKbps 1638.4, cpuSlowdownMultiplier 4; upload 750 kbit/s), applied with DevTools
//       throttling: Network.emulateNetworkConditions latency 150 ms, download 1638.4 kbit/s,
//       upload 750 kbit/s (kbit = 1,024 bits, as Lighthouse counts), and
//       Emulation.setCPUThrottlingRate 4. Lighthouse's default, simulated throttling applies the
//       RTT to every round trip of the connections it models; DevTools throttling adds the
//       latency once per request. This uses the profile's figures as given, not the profile's own
//       DevTools fields (requestLatencyMs 562.5 = 150 × 3.75, downloadThroughputKbps 1474.56 and
//       uploadThroughputKbps 675 = × 0.9, which make up for that difference), so it is the
//       gentler of the two readings of "slow 4G". Same viewport (1280 × 900) in both conditions.
// - The first moment a user can act, from navigation start (performance.now() in the page,
//   whose origin is the navigation's start), recorded by an init script that watches the DOM
//   (a MutationObserver, and a requestAnimationFrame poll for a change that is not a mutation)
//   and notes the time the control is in the DOM, rendered (checkVisibility, a non-empty box)
//   and enabled. After the load, Playwright's getByRole with the same role and name must find it
//   visible and enabled, or the load is reported as not found.
//   - ti-assess: the "Create assessment" button (src/ui/home.rs, the home page's form that starts
//     a new assessment: the first thing a VO manager does on a first visit), and only once the
//     `app-ready` performance mark exists (src/ui/mod.rs sets it after the app has mounted): a
//     static shell in index.html may paint the same button before the wasm runs, but it does
//     nothing until the app has mounted, so it does not count. `app-ready` is also recorded.
//   - csf_profile: the "Start exploring →" button. On a first visit (a cold load is one) the app
//     opens its welcome dialog (src/components/FirstVisitWarning.js) over the whole screen as
//     soon as the app has mounted, before its lazily loaded dashboard arrives; that button is
//     the only control a user can act on, and the one a new user must press to begin, as
//     "Create assessment" is for ti-assess. It is the earliest control the peer offers, so the
//     ratio is the strict one (the peer at its fastest). When the dashboard behind the dialog
//     has rendered (its "Dashboard" heading) is recorded too, as the peer's home screen complete,
//     beside ti-assess's `app-ready`, in a second table.
// - Bytes transferred per load, from CDP Network.loadingFinished (encodedDataLength: compressed
//   bodies plus headers): those finished before the moment to act, and the whole load (until
//   the network has been idle for 500 ms).
// It prints, per condition, the median and p90 (nearest rank) of the time to act for each app,
// the ratio ti/peer of the medians, and the bytes, and writes artifacts/bench-peer.json. It exits
// 0 whatever the figures; 2 only when it cannot measure (a build missing, or the control never
// usable in the warm-up load).
//
// The peer is built here from its own lockfile (BENCHMARKS.md, "Side by side with csf_profile",
// has the steps and the commit): never copied into this repository.
// Usage: DIST=dist PEER_DIST=../peer/csf_profile/build PEER_COMMIT=<sha> node scripts/bench-peer.mjs [runs, default 10]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TI_DIST = resolve(ROOT, process.env.DIST || 'dist');
const PEER_DIST = resolve(ROOT, process.env.PEER_DIST || '../peer/csf_profile/build');
const ARTIFACTS = join(ROOT, process.env.ARTIFACTS || 'artifacts');
const RUNS = Number(process.argv[2] || 10);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = 60_000;

const CONDITIONS = [
  { name: 'unthrottled' },
  {
    name: 'slow-4G',
    // Lighthouse's mobileSlow4G, in the units CDP takes (bytes per second).
    network: { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
    cpu: 4,
  },
];

const APPS = [
  {
    key: 'ti',
    name: 'ti-assess',
    dist: TI_DIST,
    act: { key: 'act', role: 'button', css: 'button', name: 'Create assessment', mark: 'app-ready' },
    also: [{ key: 'app_ready', mark: 'app-ready' }],
  },
  {
    key: 'peer',
    name: 'csf_profile',
    dist: PEER_DIST,
    act: { key: 'act', role: 'button', css: 'button', name: 'Start exploring →' },
    also: [{ key: 'dashboard', role: 'heading', css: 'h1', name: 'Dashboard' }],
  },
];

for (const app of APPS) {
  if (!existsSync(join(app.dist, 'index.html'))) {
    console.error(`${app.name}: no build at ${app.dist} (see BENCHMARKS.md, "Side by side with csf_profile")`);
    process.exit(2);
  }
}

// 1. The servers.
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
};
const COMPRESSED = new Set(['.png', '.jpg', '.jpeg', '.woff2', '.woff']);

function filesOf(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      const raw = readFileSync(path);
      const ext = extname(name).toLowerCase();
      // Source maps are never fetched by a page; compressing the peer's megabytes of them at
      // quality 11 would only slow the start.
      const br = COMPRESSED.has(ext) || ext === '.map' ? null : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      files.set(`/${relative(root, path).split('\\').join('/')}`, { raw, br: br && br.length < raw.length ? br : null, type: TYPES[ext] || 'application/octet-stream' });
    }
  };
  walk(root);
  return files;
}

function serveFiles(files) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('not found');
      return;
    }
    const br = file.br && /\bbr\b/.test(req.headers['accept-encoding'] || '');
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
      ...(br ? { 'Content-Encoding': 'br' } : {}),
    });
    res.end(br ? file.br : file.raw);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

for (const app of APPS) {
  app.files = filesOf(app.dist);
  Object.assign(app, await serveFiles(app.files));
}

// 2. One load.
/** Runs in every page before its scripts: notes performance.now() when each target is met. */
function watch(targets) {
  if (window.top !== window) return;
  const found = {};
  window.__benchPeer = found;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const met = (t) => {
    if (t.mark && performance.getEntriesByName(t.mark).length === 0) return false;
    if (!t.css) return true;
    for (const el of document.querySelectorAll(t.css)) {
      if (norm(el.getAttribute('aria-label') ?? el.textContent) !== t.name) continue;
      if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) return true;
    }
    return false;
  };
  const check = () => {
    for (const t of targets) if (!(t.key in found) && met(t)) found[t.key] = performance.now();
    return targets.every((t) => t.key in found);
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const tick = () => { if (!check()) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}

// A browser without service workers: register() rejects, which both apps handle. (Playwright's
// own block resolves to undefined, which an app reading the registration trips over.)
const NO_SERVICE_WORKER = `if (self.ServiceWorkerContainer) ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException('service workers are off for this benchmark', 'SecurityError'));`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    // Nothing from another host: such a request fails at once, as offline (the peer asks
    // fonts.googleapis.com for its web fonts; a real visit would wait for them).
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});

async function load(app, condition) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const targets = [app.act, ...app.also];
  try {
    await context.addInitScript(NO_SERVICE_WORKER);
    await context.addInitScript(watch, targets);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (condition.network) await cdp.send('Network.emulateNetworkConditions', condition.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu || 1 });
    // CDP timestamps are seconds on a monotonic clock; the document request's is the start.
    let start = null;
    const finished = [];
    cdp.on('Network.requestWillBeSent', (e) => { if (start === null && e.type === 'Document') start = e.timestamp; });
    cdp.on('Network.loadingFinished', (e) => finished.push({ at: e.timestamp, bytes: e.encodedDataLength }));
    const external = new Set();
    cdp.on('Network.requestWillBeSent', (e) => { const u = new URL(e.request.url); if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') external.add(u.hostname); });
    await page.goto(app.url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const at = await (await page.waitForFunction((keys) => {
      const f = window.__benchPeer;
      return f && keys.every((k) => k in f) && { ...f };
    }, targets.map((t) => t.key), { timeout: TIMEOUT_MS, polling: 50 })).jsonValue();
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS }).catch(() => {});
    // The same control, found as a user's tools find it: by role and name.
    const control = page.getByRole(app.act.role, { name: app.act.name, exact: true });
    const found = (await control.count()) > 0 && (await control.first().isVisible()) && (await control.first().isEnabled());
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const actAt = start === null ? Infinity : start + at.act / 1000;
    return {
      ...Object.fromEntries(Object.entries(at).map(([k, v]) => [`${k}_ms`, Math.round(v * 10) / 10])),
      found,
      bytes_before_act: sum(finished.filter((f) => f.at <= actAt).map((f) => f.bytes)),
      bytes_total: sum(finished.map((f) => f.bytes)),
      requests: finished.length,
      other_hosts: [...external],
      errors,
    };
  } catch (e) {
    return { act_ms: null, found: false, error: String(e).split('\n')[0] };
  } finally {
    await context.close();
  }
}

// 3. The runs.
const nearestRank = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil(p * s.length) - 1)]; };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kib = (n) => (n / 1024).toFixed(1);
const [ti, peer] = APPS;
const results = {};
// Other work on the machine slows both apps alike (interleaving), but widens the spread: noted.
const load_average = { start: loadavg().map((x) => Math.round(x * 100) / 100) };
for (const condition of CONDITIONS) {
  for (const app of [ti, peer]) {
    // The warm-up load also checks that the control can be found at all: a build without it
    // (or without the `app-ready` mark) would otherwise time out on every load.
    const warm = await load(app, condition);
    if (!warm.found) {
      console.error(`${app.name}: the warm-up load (${condition.name}) never had ${app.act.role} "${app.act.name}" usable${app.act.mark ? ` after the ${app.act.mark} mark` : ''}: ${warm.error || 'not found by role and name'}`);
      await browser.close();
      process.exit(2);
    }
  }
  const runs = { ti: [], peer: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const app of i % 2 ? [peer, ti] : [ti, peer]) {
      const r = await load(app, condition);
      runs[app.key].push(r);
      process.stdout.write(`${condition.name} ${app.name} ${i + 1}/${RUNS}: ${r.act_ms ?? r.error} ms${r.found ? '' : ' (control not found by role and name)'}\n`);
    }
  }
  const summary = (rs, extra) => {
    const ok = rs.filter((r) => r.found && r.act_ms !== null);
    const pick = (k) => ok.map((r) => r[k]);
    return {
      loads: rs.length,
      measured: ok.length,
      act_ms: { median: median(pick('act_ms')), p90: nearestRank(pick('act_ms'), 0.9) },
      ...Object.fromEntries(extra.map((k) => [`${k}_ms`, { median: median(pick(`${k}_ms`)), p90: nearestRank(pick(`${k}_ms`), 0.9) }])),
      bytes_before_act: median(pick('bytes_before_act')),
      bytes_total: median(pick('bytes_total')),
      runs: rs,
    };
  };
  const s = { ti: summary(runs.ti, ['app_ready']), peer: summary(runs.peer, ['dashboard']) };
  const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;
  s.ratio_of_medians = ratio(s.ti.act_ms.median, s.peer.act_ms.median);
  s.ratio_app_ready_to_dashboard = ratio(s.ti.app_ready_ms.median, s.peer.dashboard_ms.median);
  results[condition.name] = s;
}
load_average.end = loadavg().map((x) => Math.round(x * 100) / 100);
await browser.close();
for (const app of APPS) app.server.close();

// 4. The report.
const row = (cells) => `| ${cells.join(' | ')} |`;
console.log('\nTime to act (ms from navigation start) and bytes transferred (median per load)');
console.log(row(['condition', 'app', 'median', 'p90', 'ratio ti/peer', 'KiB before act', 'KiB whole load', 'measured']));
console.log(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const [name, s] of Object.entries(results)) {
  for (const app of APPS) {
    const a = s[app.key];
    console.log(row([name, app.name, a.act_ms.median?.toFixed(0), a.act_ms.p90?.toFixed(0),
      app.key === 'ti' ? `${s.ratio_of_medians.toFixed(3)}×` : '', kib(a.bytes_before_act), kib(a.bytes_total), `${a.measured}/${a.loads}`]));
  }
}
console.log('\nHome screen complete: ti-assess app-ready mark, csf_profile "Dashboard" heading (behind its welcome dialog)');
console.log(row(['condition', 'ti-assess median', 'p90', 'csf_profile median', 'p90', 'ratio ti/peer']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
for (const [name, s] of Object.entries(results)) {
  console.log(row([name, s.ti.app_ready_ms.median?.toFixed(0), s.ti.app_ready_ms.p90?.toFixed(0),
    s.peer.dashboard_ms.median?.toFixed(0), s.peer.dashboard_ms.p90?.toFixed(0), `${s.ratio_app_ready_to_dashboard.toFixed(3)}×`]));
}
console.log(`load average (1, 5, 15 min): ${load_average.start.join(', ')} at the start, ${load_average.end.join(', ')} at the end`);

const git = (args, cwd) => { try { return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return null; } };
const wasm = [...ti.files.keys()].find((k) => /^\/ti-assess-[0-9a-f]+_bg\.wasm$/.test(k)) || null;
const report = {
  date: new Date().toISOString(),
  chromium: execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
  playwright: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version,
  runs: RUNS,
  load_average,
  ti: { dist: TI_DIST, checkout: git(['rev-parse', 'HEAD'], ROOT), wasm },
  peer: { dist: PEER_DIST, commit: process.env.PEER_COMMIT || git(['rev-parse', 'HEAD'], PEER_DIST) || 'unknown' },
  measured: {
    ti: `${ti.act.role} "${ti.act.name}" visible and enabled, after the ${ti.act.mark} mark`,
    peer: `${peer.act.role} "${peer.act.name}" visible and enabled`,
    home_screen: 'ti-assess: the app-ready mark; csf_profile: heading "Dashboard" rendered',
  },
  conditions: Object.fromEntries(CONDITIONS.map((c) => [c.name, { network: c.network || null, cpu: c.cpu || 1, ...results[c.name] }])),
};
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, 'bench-peer.json'), JSON.stringify(report, null, 2));
console.log(`\nwrote ${relative(process.cwd(), join(ARTIFACTS, 'bench-peer.json'))}`);
