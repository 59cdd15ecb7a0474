// End-to-end tests: the release build (dist/) in real headless Chromium, driven by
// playwright-core. Elements are found by role and label, as a person finds them.
// Prints one line per test and a final `N passed, N failed`; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { launch, openApp } from './browser.mjs';

const DIST = process.env.DIST || 'dist';
const ARTIFACTS = process.env.ARTIFACTS || 'artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

const LABEL = {
  email: 'VO security contact e-mail address',
  procedure: 'Does the VO have a documented incident response procedure?',
  mapping: 'Can the central VO log map a batch job ID or worker node and time to the payload\'s user?',
  retention: 'Central log retention',
};
const STORE_KEY = 'ti-assess/v1/assessment/wlcg-ti-vo';

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** Runs `fn(page, log)` in a fresh browser profile and checks the page stayed clean. */
async function fresh(server, fn, { init, allowErrors = false } = {}) {
  const { context, log, close } = await launch();
  try {
    if (init) await context.addInitScript(init);
    const page = await openApp(context, server.url);
    await fn(page, log, context);
    if (!allowErrors) {
      assert(log.pageErrors.length === 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assert(log.consoleErrors.length === 0, `console errors: ${log.consoleErrors.join(' | ')}`);
    }
    assert(log.cspViolations.length === 0, `CSP violations: ${log.cspViolations.join(' | ')}`);
    const foreign = log.requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert(foreign.length === 0, `requests to other hosts: ${foreign.join(' ')}`);
  } finally {
    await close();
  }
}

async function answerAll(page, retention) {
  await page.getByLabel(LABEL.email).fill('vo-security@example.org');
  await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
  await page.getByRole('group', { name: LABEL.mapping }).getByLabel('Partly').check();
  await page.getByLabel(LABEL.retention).fill(String(retention));
}

test('every answer is saved as given and restored after a reload', async (server) => {
  await fresh(server, async (page) => {
    await answerAll(page, 400);
    await page.getByText('4 of 4 questions answered').waitFor();
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
    assert(await page.getByLabel(LABEL.email).inputValue() === 'vo-security@example.org', 'e-mail restored');
    assert(await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').isChecked(), 'procedure restored');
    assert(await page.getByRole('group', { name: LABEL.mapping }).getByLabel('Partly').isChecked(), 'mapping restored');
    assert(await page.getByLabel(LABEL.retention).inputValue() === '400', 'retention restored');
    await page.getByText('4 of 4 questions answered').waitFor();
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.format === 'ti-assess.assessment' && stored.schema === 1, 'envelope format and schema');
    assert(stored.question_set.id === 'wlcg-ti-vo' && stored.question_set.version, 'question-set id and version');
    assert(/^\d{4}-\d\d-\d\dT/.test(stored.answers['VO-LOG-2.retention-days'].given_at), 'answer time stored');
    await page.screenshot({ path: join(ARTIFACTS, 'answered.png'), fullPage: true });
  });
});

test('retention of 30 days shows the gap next to the question and in the summary', async (server) => {
  await fresh(server, async (page) => {
    const summary = page.getByRole('region', { name: /^Gaps/ });
    await summary.getByText('No gap in the answers given so far.').waitFor();
    await page.getByLabel(LABEL.retention).fill('30');
    const question = page.locator('.ta-question', { has: page.getByLabel(LABEL.retention) });
    await question.getByRole('status').getByText('Gap (high): VO-LOG-2 Retention of VO central logs').waitFor();
    await question.getByText(/Threshold T6: 180 days \(unverified; source: S-TLP/).waitFor();
    await page.getByRole('heading', { name: 'Gaps (1)' }).waitFor();
    await summary.getByRole('link', { name: /VO-LOG-2/ }).waitFor();
    await page.getByLabel(LABEL.retention).fill('180');
    await page.getByRole('heading', { name: 'Gaps (0)' }).waitFor();
    await page.getByLabel(LABEL.retention).fill('30');
    await page.screenshot({ path: join(ARTIFACTS, 'gap.png'), fullPage: true });
  });
});

test('non-numeric or negative retention gets an inline message and is not stored', async (server) => {
  await fresh(server, async (page) => {
    const field = page.getByLabel(LABEL.retention);
    await field.fill('120');
    await field.fill('abc');
    await page.getByRole('alert').getByText('Enter a whole number of days, e.g. 180.').waitFor();
    assert(await field.getAttribute('aria-invalid') === 'true', 'field marked invalid');
    let stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.answers['VO-LOG-2.retention-days'].number === 120, 'previous valid answer kept');
    await field.fill('-5');
    await page.getByRole('alert').getByText('Enter a number of days of at least 0.').waitFor();
    stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.answers['VO-LOG-2.retention-days'].number === 120, 'negative value not stored');
    await page.getByLabel(LABEL.email).fill('not an address');
    await page.getByLabel(LABEL.email).blur();
    await page.getByText('Enter an e-mail address such as security@example.org.').waitFor();
  });
});

test('Export PDF downloads a PDF with the questions and the gap, fetched only on export', async (server) => {
  await fresh(server, async (page, log) => {
    assert(!log.requests.some((u) => u.includes('pdf-worker')), 'first load must not fetch the PDF worker');
    await answerAll(page, 30);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PDF' }).click(),
    ]);
    const file = join(ARTIFACTS, 'report.pdf');
    await download.saveAs(file);
    assert(download.suggestedFilename().startsWith('ti-assess-wlcg-ti-vo-'), `file name ${download.suggestedFilename()}`);
    const bytes = readFileSync(file);
    assert(bytes.subarray(0, 5).toString() === '%PDF-', 'starts with %PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
    for (const wanted of [LABEL.email, LABEL.retention, 'documented incident response procedure',
      '[HIGH] VO-LOG-2 Retention of VO central logs', 'Central log retention: 30 days', 'T6: 180 days']) {
      assert(text.includes(wanted), `PDF text lacks "${wanted}"`);
    }
    await page.getByRole('status').getByText(/^Saved ti-assess-wlcg-ti-vo-.*\.pdf to your downloads\./).waitFor();
    assert(log.requests.some((u) => u.endsWith('/pdf-worker_bg.wasm')), 'worker wasm fetched on export');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(ARTIFACTS, 'report-page')]);
  });
});

test('unreadable stored data is kept aside, the user is told, and the app works', async (server) => {
  const garbage = '{"format":"ti-assess.assessment","schema":1,"answers":{ truncated';
  await fresh(server, async (page) => {
    await page.getByRole('alert').getByText('Saved answers could not be read.').waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage));
    const kept = keys.find((k) => k.startsWith('ti-assess/v1/quarantine/wlcg-ti-vo/'));
    assert(kept, `a quarantine key exists (${keys.join(', ')})`);
    assert(await page.evaluate((k) => localStorage.getItem(k), kept) === garbage, 'kept byte for byte');
    await page.getByLabel(LABEL.retention).fill('30');
    await page.getByRole('heading', { name: 'Gaps (1)' }).waitFor();
    assert(await page.evaluate((k) => localStorage.getItem(k), kept) === garbage, 'copy not overwritten by new answers');
    await page.screenshot({ path: join(ARTIFACTS, 'quarantined.png'), fullPage: true });
  }, {
    // Plant the corrupt value before the app starts, once (not on the later reloads).
    init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
      localStorage.setItem(${JSON.stringify(STORE_KEY)}, ${JSON.stringify(garbage)}); }`,
  });
});

test('blocked storage: the app works for the visit and says answers will not be kept', async (server) => {
  await fresh(server, async (page) => {
    await page.getByRole('alert').getByText('Answers will not be kept.').waitFor();
    await page.getByLabel(LABEL.retention).fill('30');
    await page.getByRole('heading', { name: 'Gaps (1)' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'blocked.png'), fullPage: true });
  }, {
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    },
  });
});

const server = await serve(DIST);
let passed = 0;
let failed = 0;
for (const t of tests) {
  const started = Date.now();
  try {
    await t.fn(server);
    passed += 1;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${t.name}\n     ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
  }
}
await server.close();
writeFileSync(join(ARTIFACTS, 'e2e-summary.txt'), `${passed} passed, ${failed} failed\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
