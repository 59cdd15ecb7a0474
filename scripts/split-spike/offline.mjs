// Spike s8-split: offline. The service worker (sw.js filled in by scripts/offline.mjs over the
// split dist) precaches the chunk and the loader after the first visit; with the server stopped
// and the browser offline, opening an assessment loads the chunk from the cache.
// Usage: node scripts/split-spike/offline.mjs <dist with a filled-in sw.js>
import { serve } from '../../tests/e2e/serve.mjs';
import { launch, openApp } from '../../tests/e2e/browser.mjs';

const server = await serve(process.argv[2], 0);
const report = {};
const { context, log, close } = await launch();
try {
  const page = await openApp(context, server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  report.cached = (await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  })).filter((p) => /split|chunk_|ti-assess\.js|ti-assess_bg/.test(p));
  report.pageFetchedChunk = log.requests.some((u) => /split_|chunk_/.test(u));
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
  await page.getByLabel('Name', { exact: true }).fill('Offline VO');
  await page.getByRole('button', { name: 'Create assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Offline VO' }).waitFor({ timeout: 15000 });
  report.offlineWorkspace = true;
  await page.getByRole('checkbox', { name: 'DIRAC' }).check();
  report.offlineAnswer = await page.getByRole('checkbox', { name: 'DIRAC' }).isChecked();
} catch (e) {
  report.error = String(e);
} finally {
  report.pageErrors = log.pageErrors;
  report.consoleErrors = log.consoleErrors;
  console.log(JSON.stringify(report, null, 1));
  await close();
}
