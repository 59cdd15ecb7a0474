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
  frameworks: 'Which job frameworks run the VO\'s payloads?',
  stores: 'How long does each store keep its traceability records?',
  dirac: 'Have you raised DIRAC\'s default purge delays or archived the records elsewhere?',
  responseHours: 'How long did the VO take to answer its last security request?',
};
const STORE_KEY = 'ti-assess/v1/assessment/wlcg-ti-vo';

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** Runs `fn(page, log)` in a fresh browser profile and checks the page stayed clean. */
async function fresh(server, fn, { init, allowErrors = false, path = '' } = {}) {
  const { context, log, close } = await launch();
  try {
    if (init) await context.addInitScript(init);
    const page = await openApp(context, server.url + path);
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

const stores = (page) => page.getByRole('group', { name: LABEL.stores });
const summary = (page) => page.getByRole('region', { name: /^Gaps/ });

/** Adds a retention row: store and days. */
async function addStore(page, storeLabel, days) {
  const group = stores(page);
  await group.getByRole('button', { name: 'Add a row' }).click();
  const n = await group.getByRole('button', { name: /^Remove row/ }).count();
  await group.getByLabel(`Row ${n}: Store`).selectOption({ label: storeLabel });
  await group.getByLabel(`Row ${n}: Days retrievable`).fill(String(days));
}

async function answerSome(page, days) {
  await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').check();
  await page.getByLabel(LABEL.email).fill('vo-security@example.org');
  await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
  await page.getByRole('group', { name: LABEL.mapping }).getByLabel('Partly').check();
  await addStore(page, 'Pilot database (pilot to batch job to payload)', days);
  await page.getByRole('group', { name: LABEL.dirac }).getByLabel('Yes').check();
}

test('every answer is saved as given and restored after a reload', async (server) => {
  await fresh(server, async (page) => {
    await answerSome(page, 400);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
    assert(await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').isChecked(), 'profile restored');
    assert(await page.getByLabel(LABEL.email).inputValue() === 'vo-security@example.org', 'e-mail restored');
    assert(await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').isChecked(), 'procedure restored');
    assert(await page.getByRole('group', { name: LABEL.mapping }).getByLabel('Partly').isChecked(), 'mapping restored');
    assert(await stores(page).getByLabel('Row 1: Days retrievable').inputValue() === '400', 'retention row restored');
    assert(await page.getByRole('group', { name: LABEL.dirac }).getByLabel('Yes').isChecked(), 'framework question restored');
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.format === 'ti-assess.assessment' && stored.schema === 1, 'envelope format and schema');
    assert(stored.question_set.id === 'wlcg-ti-vo' && stored.question_set.version, 'question-set id and version');
    assert(/^\d{4}-\d\d-\d\dT/.test(stored.answers['VO-LOG-2.stores'].given_at), 'answer time stored');
    assert(stored.answers['VO-LOG-2.stores'].rows[0].days.number === 400, 'row stored');
    await page.screenshot({ path: join(ARTIFACTS, 'answered.png'), fullPage: true });
  });
});

test('framework questions and forensic sheets follow the profile', async (server) => {
  await fresh(server, async (page) => {
    const sheet = page.getByRole('region', { name: /^Forensic sheet: DIRAC/ });
    assert(!(await page.getByRole('group', { name: LABEL.dirac }).isVisible()), 'DIRAC question hidden at first');
    assert(!(await sheet.isVisible()), 'DIRAC sheet hidden at first');
    await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').check();
    await page.getByRole('group', { name: LABEL.dirac }).waitFor();
    await sheet.getByText('DIRAC_PILOT_STAMP').first().waitFor();
    await page.getByLabel(/Where to look for DIRAC/).fill('grep DIRACJOBID /proc/*/environ');
    await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').uncheck();
    await sheet.waitFor({ state: 'hidden' });
  });
});

test('retention of 30 days is a critical gap, 120 days a high one, shown with the threshold and source', async (server) => {
  await fresh(server, async (page) => {
    await addStore(page, 'Pilot database (pilot to batch job to payload)', 30);
    const question = page.locator('.ta-question', { has: stores(page) });
    await question.getByRole('status').getByText('Gap (critical): VO-LOG-2').waitFor();
    await question.getByText(/Threshold T7: 90 days \(sourced; source: S-13/).waitFor();
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-LOG-2/ }).waitFor();
    await stores(page).getByLabel('Row 1: Days retrievable').fill('120');
    await question.getByRole('status').getByText('Gap (high): VO-LOG-2').waitFor();
    await question.getByText(/Threshold T6: 180 days \(unverified/).waitFor();
    assert(await question.getByText('Gap (critical): VO-LOG-2').count() === 0, 'the critical gap is gone');
    await stores(page).getByLabel('Row 1: Days retrievable').fill('30');
    await page.screenshot({ path: join(ARTIFACTS, 'gap.png'), fullPage: true });
  });
});

test('bad input gets an inline message and is not stored', async (server) => {
  await fresh(server, async (page) => {
    const hours = page.getByLabel(LABEL.responseHours);
    await hours.fill('3');
    await hours.fill('abc');
    await page.getByRole('alert').filter({ hasText: 'Enter a number of working hours, in digits' }).waitFor();
    assert(await hours.getAttribute('aria-invalid') === 'true', 'field marked invalid');
    let stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.answers['VO-CON-3.response-hours'].number === 3, 'previous valid answer kept');
    await hours.fill('-5');
    await page.getByRole('alert').filter({ hasText: 'of at least 0' }).waitFor();
    stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY));
    assert(stored.answers['VO-CON-3.response-hours'].number === 3, 'negative value not stored');
    await addStore(page, 'Long-term archive', 'many');
    await stores(page).getByText('Row 1: Enter a number of days, in digits').waitFor();
    await page.getByLabel(LABEL.email).fill('not an address');
    await page.getByLabel(LABEL.email).blur();
    await page.getByText('Enter an e-mail address such as security@example.org.').waitFor();
  });
});

test('a personal contact address gets a hint and a critical gap; N/A needs a justification', async (server) => {
  await fresh(server, async (page) => {
    await page.getByLabel(LABEL.email).fill('jane.doe@example.org');
    await page.getByText("This looks like one person's address.", { exact: false }).waitFor();
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-CON-1/ }).first().waitFor();
    const procedure = page.getByRole('group', { name: LABEL.procedure });
    await procedure.getByLabel('Not applicable').check();
    await procedure.getByRole('alert').getByText(/Say why this does not apply/).waitFor();
    const naGaps = () => page.locator('.ta-question', { has: procedure }).getByRole('status').count();
    assert(await naGaps() >= 1, 'N/A without a reason is a gap');
    await procedure.getByLabel('Why it does not apply (required)').fill('We run no payloads of our own.');
    await procedure.getByRole('alert').getByText(/Say why/).waitFor({ state: 'detached' }).catch(() => {});
    assert(await procedure.getByText(/Say why this does not apply/).count() === 0, 'message gone once justified');
    await page.screenshot({ path: join(ARTIFACTS, 'personal-and-na.png'), fullPage: true });
  });
});

test('the site assessment has its own profile, CE sheets and storage', async (server) => {
  await fresh(server, async (page) => {
    await page.getByRole('link', { name: 'Site assessment' }).click();
    await page.getByRole('heading', { level: 1, name: /Site self-assessment/ }).waitFor();
    const ces = page.getByRole('group', { name: 'Which compute element types does the site run?' });
    await ces.getByLabel('HTCondor-CE').check();
    await page.getByRole('region', { name: /^Forensic sheet: HTCondor-CE/ }).waitFor();
    await page.getByLabel('Site security contact e-mail address').fill('grid-sec@site.example');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert(keys.includes('ti-assess/v1/assessment/wlcg-ti-site'), `site stored separately (${keys})`);
    await page.screenshot({ path: join(ARTIFACTS, 'site.png'), fullPage: true });
    await page.getByRole('link', { name: 'VO assessment' }).click();
    await page.getByRole('heading', { level: 1, name: /VO self-assessment/ }).waitFor();
  });
});

test('Export PDF downloads a PDF with the questions and the gap, fetched only on export', async (server) => {
  await fresh(server, async (page, log) => {
    assert(!log.requests.some((u) => u.includes('pdf-worker')), 'first load must not fetch the PDF worker');
    await answerSome(page, 30);
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
    for (const wanted of [LABEL.email, 'documented incident response procedure', 'vo-security@example.org',
      '[CRITICAL] VO-LOG-2', 'Days retrievable: 30 days', 'T7: 90 days']) {
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
    await addStore(page, 'Pilot database (pilot to batch job to payload)', 30);
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-LOG-2/ }).waitFor();
    assert(await page.evaluate((k) => localStorage.getItem(k), kept) === garbage, 'copy not overwritten by new answers');
    await page.screenshot({ path: join(ARTIFACTS, 'quarantined.png'), fullPage: true });
  }, {
    // Plant the corrupt value before the app starts, once (not on later reloads).
    init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
      localStorage.setItem(${JSON.stringify(STORE_KEY)}, ${JSON.stringify(garbage)}); }`,
  });
});

test('blocked storage: the app works for the visit and says answers will not be kept', async (server) => {
  await fresh(server, async (page) => {
    await page.getByRole('alert').getByText('Answers will not be kept.').waitFor();
    await addStore(page, 'Pilot database (pilot to batch job to payload)', 30);
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-LOG-2/ }).waitFor();
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
