// Spike s8-split: serves a dist holding the split output and drives Chromium through it:
// home loads, no chunk fetched; "Create assessment" opens the workspace (chunk fetched then);
// an answer can be given; a blocked chunk shows the error, not a dead app.
// Usage: node scripts/split-spike/run.mjs <dist>
import { serve } from '../../tests/e2e/serve.mjs';
import { launch, openApp } from '../../tests/e2e/browser.mjs';

const root = process.argv[2];
const server = await serve(root, 0);
const chunks = (log) => log.requests.filter((u) => /split_|chunk_/.test(u)).map((u) => new URL(u).pathname);
const report = {};
try {
  {
    const { context, log, close } = await launch({ serviceWorkers: 'block' });
    const page = await openApp(context, server.url);
    report.homeH1 = await page.getByRole('heading', { level: 1 }).innerText();
    report.chunksAtHome = chunks(log);
    report.firstLoadFiles = log.requests.map((u) => new URL(u).pathname);
    await page.getByLabel('Name', { exact: true }).fill('Spike VO');
    await page.getByRole('button', { name: 'Create assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spike VO' }).waitFor({ timeout: 15000 });
    report.workspaceH1 = await page.getByRole('heading', { level: 1 }).innerText();
    report.chunksAfterOpen = chunks(log);
    // An answer: tick DIRAC among the job frameworks; the section's count follows.
    const dirac = page.getByRole('checkbox', { name: 'DIRAC' });
    await dirac.check();
    await page.getByText('1/4 answered').first().waitFor({ state: 'attached', timeout: 5000 });
    report.answered = { checked: await dirac.isChecked(), progress: '1/4 answered shown' };
    await page.waitForTimeout(500);
    report.storedAnswer = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.includes('/assessment/')).map((k) => localStorage.getItem(k)));
    // The results view (in the chunk too).
    await page.getByRole('link', { name: 'Results' }).first().click();
    await page.waitForTimeout(800);
    report.resultsH2 = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    report.consoleErrors = log.consoleErrors;
    report.pageErrors = log.pageErrors;
    report.csp = log.cspViolations;
    await close();
  }
  {
    const { context, log, close } = await launch({ serviceWorkers: 'block' });
    await context.route(/split_|chunk_/, (route) => route.abort('internetdisconnected'));
    const page = await openApp(context, server.url);
    await page.getByLabel('Name', { exact: true }).fill('Blocked VO');
    await page.getByRole('button', { name: 'Create assessment' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await alert.waitFor({ timeout: 15000 });
    report.blocked = { alert: await alert.innerText(), pageErrors: log.pageErrors, consoleErrors: log.consoleErrors };
    // The app is still alive: the nav back home works.
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'All assessments' }).click();
    await page.getByRole('button', { name: 'Create assessment' }).waitFor({ timeout: 5000 });
    report.blocked.homeAgain = true;
    // A failed load is not cached: with the network back, opening the assessment again loads it.
    await context.unroute(/split_|chunk_/);
    await page.getByRole('link', { name: 'Blocked VO' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Blocked VO' }).waitFor({ timeout: 15000 });
    report.blocked.retryOpened = true;
    report.blocked.pageErrorsAfterRetry = log.pageErrors;
    await close();
  }
} catch (e) {
  report.error = String(e);
} finally {
  console.log(JSON.stringify(report, null, 1));
  await server.close();
}
