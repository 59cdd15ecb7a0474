// Launches Debian's Chromium through playwright-core with a fresh profile, and records what a
// page does that a test must check: console errors (and warnings about the security headers),
// page errors, CSP violations, and every request's host (the page's own requests apart from the
// service worker's precaching).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

/** A fresh persistent context (new profile directory) with a log of what its pages did;
 * `options` go to Playwright (e.g. `serviceWorkers: 'block'`, so that a test's routes see every
 * request). */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ti-assess-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const log = { consoleErrors: [], pageErrors: [], requests: [], swRequests: [], cspViolations: [] };
  await context.exposeBinding('__reportCsp', (_source, v) => log.cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const watch = (page) => {
    page.on('console', (m) => {
      // A header the browser rejects in part (an unknown Permissions-Policy feature, a bad
      // policy) is only a warning to Chromium, and a fault of the server's configuration to us.
      const header = m.type() === 'warning' && /Permissions-Policy|Content-Security-Policy/.test(m.text());
      if (m.type() === 'error' || header) log.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  context.on('request', (r) => (r.serviceWorker() ? log.swRequests : log.requests).push(r.url()));
  context.on('response', (r) => { if (r.status() >= 400) log.consoleErrors.push(`HTTP ${r.status()} for ${r.url()}`); });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, log, close };
}

/** Opens the app and waits until it has mounted. */
export async function openApp(context, url) {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
  return page;
}
