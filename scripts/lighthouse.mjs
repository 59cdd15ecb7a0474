// Lighthouse 12.2.3 on the home page and a results page, served as a real host would: brotli,
// the Content-Security-Policy as a header, hashed files cached for a year. A benchmark, not a
// test: it prints the scores (and writes artifacts/lighthouse-*.json) and exits non-zero only
// when accessibility, best practices or SEO is below 100 (performance moves by ±10 between runs
// on a 2-core machine: it is recorded, median of the runs, never judged).
//
// Lighthouse is installed on first use into scripts/lighthouse/node_modules (`npm ci` from its
// own lock: about 150 packages and 230 MB, which would make the root `npm ci` take 1.5 minutes
// instead of seconds). Debian's Chromium, Node 20, mobile defaults (simulated slow 4G, 4× CPU).
// Usage: trunk build --release && node scripts/lighthouse.mjs [runs per page, default 3]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOL = join(ROOT, 'scripts', 'lighthouse');
const DIST = join(ROOT, process.env.DIST || 'dist');
const ARTIFACTS = join(ROOT, process.env.ARTIFACTS || 'artifacts');
const RUNS = Number(process.argv[2] || 3);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
mkdirSync(ARTIFACTS, { recursive: true });

// 1. Lighthouse, from its own lock, once.
if (!existsSync(join(TOOL, 'node_modules', 'lighthouse', 'package.json'))) {
  console.log('installing lighthouse (npm ci in scripts/lighthouse) ...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOL, stdio: 'inherit' });
}
const requireTool = createRequire(join(TOOL, 'package.json'));
const load = async (name) => import(pathToFileURL(requireTool.resolve(name)).href);
const { default: lighthouse } = await load('lighthouse');
const chromeLauncher = await load('chrome-launcher');
const version = JSON.parse(readFileSync(join(TOOL, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version;

// 2. The build, precompressed, behind a host-like server.
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};
const policy = readFileSync(join(DIST, 'index.html'), 'utf8').match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
if (!policy) throw new Error(`${DIST}/index.html has no Content-Security-Policy`);
const files = new Map();
// Every file of the build, sub-folders too (questions/, fonts/).
for (const name of readdirSync(DIST, { recursive: true })) {
  const path = join(DIST, name);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  files.set(`/${name.split('\\').join('/')}`, { raw, br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) });
}
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
  const file = files.get(path === '/' ? '/index.html' : path);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': policy });
    res.end('not found');
    return;
  }
  const name = path === '/' ? 'index.html' : path.slice(1);
  // Trunk's hashed names (app-<hash>.js) never change content; everything else is revalidated.
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(name);
  const br = /\bbr\b/.test(req.headers['accept-encoding'] || '');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(name)] || 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(br ? { 'Content-Encoding': 'br' } : {}),
    Vary: 'Accept-Encoding',
  });
  res.end(br ? file.br : file.raw);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// 3. Runs: a new Chromium profile each. The results page needs an assessment in storage: it is
// planted from a page of the origin that does not start the app (no service worker yet), and
// Lighthouse is told to keep storage.
const fixture = readFileSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'vo-good.json'), 'utf8');
const fixtureId = JSON.parse(fixture).id;
const pages = [
  { name: 'home', url: `${origin}/`, plant: false },
  { name: 'results', url: `${origin}/#/a/${fixtureId}/results`, plant: true },
];
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function plant(port) {
  const { default: puppeteer } = await load('puppeteer-core');
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const page = await browser.newPage();
  await page.goto(`${origin}/manifest.webmanifest`);
  await page.evaluate((key, doc) => localStorage.setItem(key, doc), `ti-assess/v1/assessment/${fixtureId}`, fixture);
  await page.close();
  browser.disconnect();
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const summary = { lighthouse: version, chromium: execFileSync(CHROME, ['--version']).toString().trim(), runs: RUNS, pages: {} };
let failed = false;
for (const p of pages) {
  const scores = [];
  for (let i = 0; i < RUNS; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'ti-assess-lh-'));
    const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: flags, userDataDir: profile });
    try {
      if (p.plant) await plant(chrome.port);
      const result = await lighthouse(p.url, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset: p.plant,
      });
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const s = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
      s.fcp_ms = Math.round(lhr.audits['first-contentful-paint'].numericValue);
      s.lcp_ms = Math.round(lhr.audits['largest-contentful-paint'].numericValue);
      s.tbt_ms = Math.round(lhr.audits['total-blocking-time'].numericValue);
      scores.push(s);
      // What kept a category below 100, by audit, for the log.
      const below = Object.values(lhr.categories).filter((c) => c.id !== 'performance')
        .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
          .map((r) => `${c.id}/${r.id}: ${lhr.audits[r.id].title}`));
      if (below.length) console.log(`${p.name} run ${i + 1}: ${below.join('; ')}`);
      if (i === 0) writeFileSync(join(ARTIFACTS, `lighthouse-${p.name}.json`), result.report);
    } finally {
      await chrome.kill();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const m = Object.fromEntries(Object.keys(scores[0]).map((k) => [k, median(scores.map((s) => s[k]))]));
  summary.pages[p.name] = { median: m, runs: scores };
  console.log(`${p.name}: ${CATEGORIES.map((c) => `${c} ${m[c]}`).join(', ')} (performance runs: ${scores.map((s) => s.performance).join(', ')}; FCP ${m.fcp_ms} ms, LCP ${m.lcp_ms} ms, TBT ${m.tbt_ms} ms)`);
  for (const c of ['accessibility', 'best-practices', 'seo']) {
    if (scores.some((s) => s[c] < 100)) failed = true;
  }
}
server.close();
writeFileSync(join(ARTIFACTS, 'lighthouse-summary.json'), JSON.stringify(summary, null, 2));
if (failed) {
  console.log('accessibility, best practices and SEO must each be 100');
  process.exit(1);
}
