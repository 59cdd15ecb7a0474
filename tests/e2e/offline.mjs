// End-to-end tests of the offline app: the service worker precaches the build, the app works
// with the server stopped and the browser offline, and a new version waits for the user.
// Each test has a server of its own so that it can stop it or change the build.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './serve.mjs';

/** Waits until the service worker controls the page, which means its precache is complete. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Registers the offline tests with the runner of run.mjs. */
export function offlineTests(test, { fresh, create, goSection, assert, LABEL, ARTIFACTS, DIST, serveBuild }) {
  test('offline: after the first visit, answering, reload, PDF export, import, the challenge kit and every other tool view work with the server stopped', async () => {
    // Its own server (the test server, or nginx/Apache on the release), which it stops.
    const own = await serveBuild();
    let stopped = false;
    try {
      await fresh(own, async (page, log, context) => {
        await controlled(page);
        const cached = await page.evaluate(async () => {
          const cache = await caches.open((await caches.keys())[0]);
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        });
        for (const f of ['/index.html', '/pdf-worker_bg.wasm', '/pdf-worker.js', '/pdf-worker-entry.js', '/manifest.webmanifest',
          '/tools-loader.js', '/ti-assess-tools.js', '/ti-assess-tools_bg.wasm']) {
          assert(cached.includes(f), `precache lacks ${f}: ${cached.join(' ')}`);
        }
        const sets = cached.filter((f) => /^\/questions\/(vo|site)-[0-9a-f]{16}\.json$/.test(f));
        assert(sets.length === 2, `precache holds both question sets: ${cached.join(' ')}`);
        assert(!log.requests.some((u) => u.includes('pdf-worker')), 'the page itself fetched no PDF worker before an export');
        assert(!log.requests.some((u) => u.includes('ti-assess-tools')), 'the page itself fetched no tools module before a tool was opened');
        // Installable: Chromium's own check of the manifest, icons and service worker.
        const cdp = await context.newCDPSession(page);
        const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
        assert(installabilityErrors.length === 0, `not installable: ${JSON.stringify(installabilityErrors)}`);
        await create(page, 'vo', 'Offline test');
        await goSection(page, 'Contacts');
        await page.getByLabel(LABEL.email).fill('vo-security@example.org');

        await own.close();
        stopped = true;
        await context.setOffline(true);
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
        await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
        assert(await page.getByLabel(LABEL.email).inputValue() === 'vo-security@example.org', 'answer kept across an offline reload');
        await goSection(page, 'Incident response');
        await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();

        const [pdf] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Export PDF' }).click(),
        ]);
        const pdfFile = join(ARTIFACTS, 'offline-report.pdf');
        await pdf.saveAs(pdfFile);
        assert(readFileSync(pdfFile).subarray(0, 5).toString() === '%PDF-', 'offline PDF export');

        const [json] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Export JSON (backup)' }).click(),
        ]);
        const jsonFile = join(ARTIFACTS, 'offline-backup.json');
        await json.saveAs(jsonFile);
        await page.getByRole('link', { name: 'All assessments' }).click();
        await page.getByLabel(/file exported by ti-assess/).setInputFiles(jsonFile);
        await page.getByRole('button', { name: 'Keep both' }).click();
        await page.getByRole('link', { name: 'Offline test (imported)' }).waitFor();

        // The challenge kit offline: create a challenge, record an event, get its report PDF.
        await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Challenges' }).click();
        await page.getByLabel('VO', { exact: true }).fill('lhcb');
        await page.getByLabel('Job framework').selectOption({ label: 'DIRAC' });
        await page.getByLabel('Variant').selectOption('V1');
        await page.getByLabel('Window start').fill('2026-11-09 00:00');
        await page.getByLabel('Window end').fill('2026-11-30 18:00');
        await page.getByRole('button', { name: 'Create challenge' }).click();
        await page.getByRole('heading', { level: 1, name: /^lhcb-\d{8}-01_EXERCISE$/ }).waitFor();
        await page.getByRole('button', { name: 'E2 happened now', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Saved: E2 recorded' }).waitFor();
        const [report] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download the report (PDF)' }).click(),
        ]);
        const reportFile = join(ARTIFACTS, 'offline-challenge-report.pdf');
        await report.saveAs(reportFile);
        assert(readFileSync(reportFile).subarray(0, 5).toString() === '%PDF-', 'offline challenge report PDF');

        // Every other view of the tools module, offline too.
        const nav = page.getByRole('navigation', { name: 'Site' });
        for (const [link, heading] of [['Collect reports', 'Collect reports'], ['Compare', 'Compare two assessments'],
          ['Trace a job', /^Trace a job/]]) {
          await nav.getByRole('link', { name: link }).click();
          await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        }
        await page.evaluate(() => { location.hash = '#/trace/vo'; });
        await page.getByRole('heading', { level: 1, name: "Trace a job: the VO's side" }).waitFor();
        // Back on the home page, straight from a tool, with nothing of the tools left behind.
        await nav.getByRole('link', { name: 'All assessments' }).click();
        await page.getByRole('link', { name: 'Offline test (imported)' }).waitFor();
        assert(await page.getByRole('heading', { level: 1 }).count() === 1, 'one page heading after leaving the tools');
      });
    } finally {
      if (!stopped) await own.close();
    }
  }, { hosted: true });

  test('a new version is offered with a reload prompt and takes over only when the user clicks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ti-assess-dist-'));
    cpSync(DIST, root, { recursive: true });
    const own = await serve(root);
    try {
      await fresh(own, async (page) => {
        await controlled(page);
        const [before] = await cacheNames(page);
        await create(page, 'vo', 'Update test');
        await goSection(page, 'Contacts');
        await page.getByLabel(LABEL.email).fill('vo-security@example.org');
        // A new build: the same files under a new version.
        const sw = join(root, 'sw.js');
        writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
        const banner = page.getByRole('status').filter({ hasText: 'A new version of ti-assess is ready.' });
        await banner.waitFor();
        // Still the old version, still answering: nothing was swapped in.
        assert((await cacheNames(page)).includes(before), 'the old cache stays until the user reloads');
        await page.getByLabel(LABEL.email).fill('csirt@example.org');
        await Promise.all([
          page.waitForEvent('load'),
          banner.getByRole('button', { name: 'Reload to update' }).click(),
        ]);
        await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
        await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
        assert(await page.getByLabel(LABEL.email).inputValue() === 'csirt@example.org', 'the answer given before the update is kept');
        const after = await cacheNames(page);
        assert(after.length === 1 && after[0] === `${before}next`, `caches after the update: ${after.join(' ')}`);
      });
    } finally {
      await own.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
}
