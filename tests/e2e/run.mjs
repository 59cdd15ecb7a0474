// End-to-end tests: the release build (dist/) in real headless Chromium, driven by
// playwright-core. Elements are found by role and label, as a person finds them.
// Prints one line per test and a final `N passed, N failed`; exits non-zero on any failure.
// With E2E_HOSTED=nginx (or apache) and E2E_ARCHIVE=release/ti-assess-….tar.gz, the tests
// marked `hosted` run instead against that real server serving the unpacked release archive
// with its own configuration, with the header tests of hosted.mjs (scripts/test.sh does both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { launch, openApp } from './browser.mjs';
import { offlineTests } from './offline.mjs';
import { storageTests } from './storage.mjs';
import { xssTests } from './xss.mjs';
import { collectTests } from './collect.mjs';
import { traceTests } from './trace.mjs';
import { handbookTests } from './handbook.mjs';
import { fontsTests } from './fonts.mjs';
import { layoutTests } from './layout.mjs';
import { staleTests } from './stale.mjs';
import { challengeTests } from './challenge.mjs';
import { challengeV3Tests } from './challenge_v3.mjs';
import { lazyTests } from './lazy.mjs';

const DIST = process.env.DIST || 'dist';
// A debug build (`trunk build --dist dist-debug`), for the one test that needs its panic trigger.
const DEBUG_DIST = process.env.DEBUG_DIST || 'dist-debug';
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
/** The schema this build writes (persist::SCHEMA); documents of schema 1 are still read. */
const SCHEMA = 2;
const IMPORT_LABEL = 'JSON or PDF file exported by ti-assess (at most 1 MiB)';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const tests = [];
/** A test; `{ hosted: true }` also runs it against the release behind nginx and Apache. */
const test = (name, fn, { hosted = false } = {}) => tests.push({ name, fn, hosted });
const axeResults = [];

/** Runs `fn(page, log)` in a fresh browser profile and checks the page stayed clean. */
async function fresh(server, fn, { init, allowErrors = false, contextOptions, open = true } = {}) {
  const { context, log, close } = await launch(contextOptions);
  try {
    if (init) await context.addInitScript(init);
    const page = open ? await openApp(context, server.url) : await context.newPage();
    await fn(page, log, context);
    if (!allowErrors) {
      assert(log.pageErrors.length === 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assert(log.consoleErrors.length === 0, `console errors: ${log.consoleErrors.join(' | ')}`);
    }
    assert(log.cspViolations.length === 0, `CSP violations: ${log.cspViolations.join(' | ')}`);
    const foreign = [...log.requests, ...log.swRequests].filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert(foreign.length === 0, `requests to other hosts: ${foreign.join(' ')}`);
  } finally {
    await close();
  }
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page as it is; records and returns the violations. */
async function axe(page, view) {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply to the tool itself.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  axeResults.push({ view, violations: violations.length });
  assert(violations.length === 0, `axe on ${view}: ${violations.join(' | ')}`);
}

const stores = (page) => page.getByRole('group', { name: LABEL.stores });
const summary = (page) => page.getByRole('region', { name: /^Gaps/ });
const sections = (page) => page.getByRole('navigation', { name: 'Sections' });

async function create(page, kind, name) {
  await page.getByLabel(kind === 'site' ? 'A computing site' : 'A Virtual Organisation (VO)').check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create assessment' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function goSection(page, title) {
  await sections(page).getByRole('link', { name: new RegExp(`^${title}`) }).click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
}

async function addStore(page, storeLabel, days) {
  const group = stores(page);
  await group.getByRole('button', { name: 'Add a row' }).click();
  const n = await group.getByRole('button', { name: /^Remove row/ }).count();
  await group.getByLabel(`Row ${n}: Store`).selectOption({ label: storeLabel });
  await group.getByLabel(`Row ${n}: Days retrievable`).fill(String(days));
}

async function answerSome(page, days) {
  await goSection(page, 'Your VO');
  await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').check();
  await goSection(page, 'Contacts');
  await page.getByLabel(LABEL.email).fill('vo-security@example.org');
  await goSection(page, 'Incident response');
  await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
  await goSection(page, 'Central logging');
  await page.getByRole('group', { name: LABEL.mapping }).getByLabel('Partly').check();
  await goSection(page, 'Retention');
  await addStore(page, 'Pilot database (pilot to batch job to payload)', days);
  await page.getByRole('group', { name: LABEL.dirac }).getByLabel('Yes').check();
}

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ti-assess/v1/assessment/')));

test('home: empty state, create two assessments, answer in both, switch, reload keeps answers and position', async (server) => {
  await fresh(server, async (page) => {
    await page.getByRole('heading', { name: 'No assessment yet' }).waitFor();
    await axe(page, 'home (empty)');
    await page.screenshot({ path: join(ARTIFACTS, 'home-empty.png'), fullPage: true });
    await create(page, 'vo', 'ATLAS 2026');
    await answerSome(page, 400);
    await page.getByRole('link', { name: 'All assessments' }).click();
    await create(page, 'site', 'CERN-PROD');
    await page.getByRole('group', { name: 'Which compute element types does the site run?' }).getByLabel('HTCondor-CE').check();
    await page.getByRole('link', { name: 'All assessments' }).click();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /ATLAS 2026.*VO/ }).waitFor();
    await table.getByRole('row', { name: /CERN-PROD.*Site/ }).waitFor();
    await axe(page, 'home (two assessments)');
    await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: true });
    await table.getByRole('link', { name: 'ATLAS 2026' }).click();
    // Opens where the user left it: the Retention section.
    await page.getByRole('heading', { level: 2, name: 'Retention' }).waitFor();
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
    await page.getByRole('heading', { level: 2, name: 'Retention' }).waitFor();
    assert(await stores(page).getByLabel('Row 1: Days retrievable').inputValue() === '400', 'retention row restored');
    assert(await page.getByRole('group', { name: LABEL.dirac }).getByLabel('Yes').isChecked(), 'framework question restored');
    await goSection(page, 'Contacts');
    assert(await page.getByLabel(LABEL.email).inputValue() === 'vo-security@example.org', 'e-mail restored');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Retention' }).waitFor();
    const keys = await storedKeys(page);
    assert(keys.length === 2, `two stored assessments (${keys})`);
    const stored = await page.evaluate((ks) => ks.map((k) => JSON.parse(localStorage.getItem(k))), keys);
    const vo = stored.find((d) => d.name === 'ATLAS 2026');
    assert(vo.format === 'ti-assess.assessment' && vo.schema === SCHEMA && vo.question_set.id === 'wlcg-ti-vo', 'envelope');
    assert(vo.answers['VO-LOG-2.stores'].rows[0].days.number === 400, 'row stored');
    assert(/^\d{4}-\d\d-\d\dT/.test(vo.answers['VO-LOG-2.stores'].given_at), 'answer time stored');
    await axe(page, 'section (Retention)');
    await page.screenshot({ path: join(ARTIFACTS, 'section.png'), fullPage: true });
  });
}, { hosted: true });

test('home: rename, duplicate, delete with undo', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'LHCb draft');
    await goSection(page, 'Contacts');
    await page.getByLabel(LABEL.email).fill('lhcb-security@example.org');
    await page.getByRole('link', { name: 'All assessments' }).click();
    await page.getByRole('button', { name: 'Rename LHCb draft' }).click();
    await page.getByLabel('New name for LHCb draft').fill('LHCb 2026');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('link', { name: 'LHCb 2026' }).waitFor();
    await page.getByRole('button', { name: 'Duplicate LHCb 2026' }).click();
    await page.getByRole('link', { name: 'LHCb 2026 (copy)' }).click();
    await goSection(page, 'Contacts');
    assert(await page.getByLabel(LABEL.email).inputValue() === 'lhcb-security@example.org', 'the copy has the answers');
    await page.getByRole('link', { name: 'All assessments' }).click();
    await page.getByRole('button', { name: 'Delete LHCb 2026 (copy)' }).click();
    await page.getByRole('status').getByText('Deleted “LHCb 2026 (copy)”.').waitFor();
    assert((await storedKeys(page)).length === 1, 'deleted from storage');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('link', { name: 'LHCb 2026 (copy)' }).waitFor();
    assert((await storedKeys(page)).length === 2, 'restored by undo');
  });
});

test('JSON backup: export, re-import as a copy or replacing, bad files refused with nothing changed', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Backup test');
    await goSection(page, 'Contacts');
    await page.getByLabel(LABEL.email).fill('vo-security@example.org');
    await page.getByText('Not exported yet.', { exact: false }).waitFor();
    await page.getByText(/The browser (keeps|may delete) this site's data/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON (backup)' }).click(),
    ]);
    const file = join(ARTIFACTS, 'backup.json');
    await download.saveAs(file);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    assert(doc.format === 'ti-assess.assessment' && doc.name === 'Backup test', 'exported envelope');
    await page.getByText(/^Last exported on \d{4}-\d\d-\d\d\./).waitFor();
    const stored = await page.evaluate((k) => localStorage.getItem(k), `ti-assess/v1/assessment/${doc.id}`);
    assert(stored === readFileSync(file, 'utf8'), 'the export is byte-identical to the stored document');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Gaps as CSV' }).click(),
    ]);
    await csvDownload.saveAs(join(ARTIFACTS, 'gaps.csv'));
    const csvText = readFileSync(join(ARTIFACTS, 'gaps.csv'), 'utf8');
    assert(csvText.startsWith('"severity","recommendation"') && csvText.includes('"VO-TRC-1"'), 'gaps CSV');
    await page.getByRole('link', { name: 'All assessments' }).click();
    const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    // Bad files: each refused with a reason, storage unchanged.
    const bad = [
      ['not-json.json', 'hello'],
      ['other.json', '{"format":"excalidraw","schema":1}'],
      ['future.json', readFileSync(file, 'utf8').replace(`"schema":${SCHEMA}`, `"schema":${SCHEMA + 1}`)],
      ['big.json', ' '.repeat(1024 * 1024 + 1)],
    ];
    for (const [name, text] of bad) {
      await page.getByLabel(IMPORT_LABEL).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.getByRole('alert').filter({ hasText: 'The file was not imported' }).waitFor();
      const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
      assert(after === before, `storage unchanged after ${name}`);
    }
    await page.getByLabel(IMPORT_LABEL).setInputFiles(file);
    await page.getByText('An assessment with the same identity is already stored in this browser: “Backup test”.').waitFor();
    await page.getByRole('button', { name: 'Keep both' }).click();
    await page.getByRole('link', { name: 'Backup test (imported)' }).waitFor();
    assert((await storedKeys(page)).length === 2, 'kept both');
    await page.getByLabel(IMPORT_LABEL).setInputFiles(file);
    await page.getByRole('button', { name: 'Replace the stored one' }).click();
    await page.getByRole('status').getByText('Imported “Backup test”.').waitFor();
    assert((await storedKeys(page)).length === 2, 'replaced, not added');
  });
});

test('two tabs on one assessment: both tabs\' answers are kept', async (server) => {
  await fresh(server, async (page, _log, context) => {
    await create(page, 'vo', 'Two tabs');
    await goSection(page, 'Suspension and revocation');
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await other.getByRole('heading', { level: 2, name: 'Suspension and revocation' }).waitFor();
    const groups = (p) => p.locator('fieldset.ta-question__choices');
    await groups(page).nth(0).getByLabel('Yes', { exact: true }).check();
    // The other tab has not reloaded; it answers a different question.
    await groups(other).nth(1).getByLabel('No', { exact: true }).check();
    // Each tab sees the other's answer without a reload (storage event) ...
    await groups(page).nth(1).getByLabel('No', { exact: true }).waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelectorAll('fieldset.ta-question__choices')[1].querySelector('input[id$="-no"]').checked);
    // ... and after a reload both answers are stored.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Suspension and revocation' }).waitFor();
    assert(await groups(page).nth(0).getByLabel('Yes', { exact: true }).isChecked(), 'first tab\'s answer kept');
    assert(await groups(page).nth(1).getByLabel('No', { exact: true }).isChecked(), 'second tab\'s answer kept');
    await other.close();
  });
});

test('framework questions and forensic sheets follow the profile', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Profile test');
    await goSection(page, 'Retention');
    assert(!(await page.getByRole('group', { name: LABEL.dirac }).isVisible()), 'DIRAC question hidden at first');
    await goSection(page, 'Your VO');
    await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').check();
    await goSection(page, 'Retention');
    await page.getByRole('group', { name: LABEL.dirac }).waitFor();
    await goSection(page, 'Forensic guide for sites');
    const sheet = page.getByRole('region', { name: /^Forensic sheet: DIRAC/ });
    await sheet.getByText('DIRAC_PILOT_STAMP').first().waitFor();
    await page.getByLabel(/Where to look for DIRAC/).fill('grep DIRACJOBID /proc/*/environ');
    await goSection(page, 'Your VO');
    await page.getByRole('group', { name: LABEL.frameworks }).getByLabel('DIRAC').uncheck();
    await goSection(page, 'Forensic guide for sites');
    await sheet.waitFor({ state: 'hidden' });
  });
});

test('retention of 30 days is a critical gap, 120 days a high one; the gap panel links to the question', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Retention test');
    await goSection(page, 'Retention');
    await addStore(page, 'Pilot database (pilot to batch job to payload)', 30);
    const question = page.locator('.ta-question', { has: stores(page) });
    await question.getByRole('status').getByText('Gap (critical): VO-LOG-2').waitFor();
    await question.getByText(/Threshold T7: 90 days \(sourced; source: S-13/).waitFor();
    await stores(page).getByLabel('Row 1: Days retrievable').fill('120');
    await question.getByRole('status').getByText('Gap (high): VO-LOG-2').waitFor();
    await question.getByText(/Threshold T6: 180 days \(unverified/).waitFor();
    assert(await question.getByText('Gap (critical): VO-LOG-2').count() === 0, 'the critical gap is gone');
    await stores(page).getByLabel('Row 1: Days retrievable').fill('30');
    await goSection(page, 'Contacts');
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-LOG-2/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Retention' }).waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.closest('.ta-question') !== null);
    await page.screenshot({ path: join(ARTIFACTS, 'gap.png') });
  });
});

test('next unanswered and next gap move to the right question', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Stepping');
    await goSection(page, 'Contacts');
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id.startsWith('q-VO-CON-1.email'));
    await page.getByRole('button', { name: 'Next gap' }).click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.closest('.ta-question') !== null);
    await page.getByRole('link', { name: 'Next section' }).click();
    await page.getByRole('heading', { level: 2, name: 'Incident response' }).waitFor();
  });
});

test('keyboard only: a whole section is answered without the mouse', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Keyboard');
    await goSection(page, 'Suspension and revocation');
    await page.getByRole('heading', { level: 2, name: 'Suspension and revocation' }).focus();
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement;
        return { tag: a.tagName, type: a.type || '', text: (a.textContent || '').trim(), label: a.labels && a.labels[0] ? a.labels[0].textContent : '', checked: !!a.checked };
      });
      if (el.tag === 'INPUT' && el.type === 'radio' && !el.checked) await page.keyboard.press('Space');
      if (el.tag === 'A' && el.text === 'Next section') break;
    }
    await sections(page).getByRole('link', { name: /^Suspension and revocation\s*6\/6 answered/ }).waitFor();
    // Number keys pick an answer while the focus is in a yes/no question.
    await goSection(page, 'Payload isolation');
    const first = page.locator('fieldset.ta-question__choices').first();
    await first.getByLabel('Yes', { exact: true }).focus();
    await page.keyboard.press('3');
    assert(await first.getByLabel('No', { exact: true }).isChecked(), 'key 3 picks No');
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none');
    assert(focusVisible, 'the focused element shows a focus outline');
  });
});

test('bad input gets an inline message and is not stored', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Bad input');
    const key = (await storedKeys(page))[0];
    await goSection(page, 'Contacts');
    const hours = page.getByLabel(LABEL.responseHours);
    await hours.fill('3');
    await hours.fill('abc');
    await page.getByRole('alert').filter({ hasText: 'Enter a number of working hours, in digits' }).waitFor();
    assert(await hours.getAttribute('aria-invalid') === 'true', 'field marked invalid');
    let stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
    assert(stored.answers['VO-CON-3.response-hours'].number === 3, 'previous valid answer kept');
    await hours.fill('-5');
    await page.getByRole('alert').filter({ hasText: 'of at least 0' }).waitFor();
    stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
    assert(stored.answers['VO-CON-3.response-hours'].number === 3, 'negative value not stored');
    await page.getByLabel(LABEL.email).fill('not an address');
    await page.getByLabel(LABEL.email).blur();
    await page.getByText('Enter an e-mail address such as security@example.org.').waitFor();
    await goSection(page, 'Retention');
    await addStore(page, 'Long-term archive', 'many');
    await stores(page).getByText('Row 1: Enter a number of days, in digits').waitFor();
  });
});

test('a personal contact address gets a hint and a critical gap; N/A needs a justification', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Hints');
    await goSection(page, 'Contacts');
    await page.getByLabel(LABEL.email).fill('jane.doe@example.org');
    await page.getByText("This looks like one person's address.", { exact: false }).waitFor();
    await summary(page).getByRole('link', { name: /Gap \(critical\): VO-CON-1/ }).first().waitFor();
    await goSection(page, 'Incident response');
    const procedure = page.getByRole('group', { name: LABEL.procedure });
    await procedure.getByLabel('Not applicable').check();
    await procedure.getByRole('alert').getByText(/Say why this does not apply/).waitFor();
    await procedure.getByLabel('Why it does not apply (required)').fill('We run no payloads of our own.');
    await procedure.getByText(/Say why this does not apply/).waitFor({ state: 'detached' });
  });
});

test('results: every recommendation with its status; the rows match the gap list; filters', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Results test');
    await answerSome(page, 30);
    // The gap panel (beside every section) against the results table (which replaces it).
    const panel = await summary(page).getByRole('link').allTextContents();
    await sections(page).getByRole('link', { name: 'Results' }).click();
    await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
    const list = page.getByRole('list', { name: 'Recommendations and their status' });
    await list.waitFor();
    const rowsOf = () => list.locator(':scope > li');
    const rows = await rowsOf().count();
    assert(rows === 20, `20 VO recommendations listed (got ${rows})`);
    assert(panel.length > 0, 'the gap panel listed gaps');
    const panelRecs = new Set(panel.map((t) => t.match(/: ((?:VO|ALL)-[A-Z]+-\d)/)?.[1]).filter(Boolean));
    const tableGapRecs = new Set();
    // Each row's summary: "ID title  Status: …  First thing to do: …".
    for (const summaryText of await rowsOf().locator('summary').allTextContents()) {
      const rec = summaryText.trim().match(/^((?:VO|ALL)-[A-Z]+-\d)/)?.[1];
      if (/Status: Gap/.test(summaryText)) tableGapRecs.add(rec);
      assert(/First thing to do: \S/.test(summaryText), `a row names the first thing to do: ${summaryText}`);
    }
    assert([...panelRecs].every((r) => tableGapRecs.has(r)) && [...tableGapRecs].every((r) => panelRecs.has(r)),
      `gap panel ${[...panelRecs]} vs rows ${[...tableGapRecs]}`);
    // A row opens on its criterion, the answers given and every gap, with a way back.
    const retention = rowsOf().filter({ hasText: /^\s*VO-LOG-2 / });
    await retention.locator('summary').click();
    await retention.getByText('Criterion', { exact: true }).waitFor();
    await retention.getByText('Days retrievable: 30 days', { exact: false }).waitFor();
    await retention.getByText(/^Critical:/).waitFor();
    await page.getByRole('figure', { name: 'Answers and gaps by section' }).waitFor();
    await axe(page, 'results');
    await page.screenshot({ path: join(ARTIFACTS, 'results.png'), fullPage: true });
    await page.getByLabel('Only gaps').check();
    const gapRows = await rowsOf().count();
    assert(gapRows === tableGapRecs.size, `only gaps: ${gapRows} rows`);
    assert(await retention.locator('details').evaluate((d) => d.open), 'an open row stays open while filtering');
    await page.getByLabel('Severity', { exact: true }).selectOption('critical');
    const critical = await rowsOf().count();
    assert(critical >= 1 && critical <= gapRows, `critical filter: ${critical}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await axe(page, 'results (dark)');
    await page.screenshot({ path: join(ARTIFACTS, 'results-dark.png') });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'results-375.png') });
  });
});

test('every view fits a 375 px phone screen: nothing needs sideways scrolling but wide tables', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Phone VO');
    await answerSome(page, 30);
    const id = new URL(page.url()).hash.split('/')[2];
    await page.setViewportSize({ width: 375, height: 800 });
    for (const hash of ['#/', `#/a/${id}/s/retention`, `#/a/${id}/s/contacts`, `#/a/${id}/results`, '#/collect', '#/compare', '#/trace', '#/trace/vo']) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(100);
      // Wide tables scroll inside their own box (the matrix, repeating rows); the page itself must not.
      const over = await page.evaluate(() => {
        const view = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > view + 1)
          .slice(0, 4).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
        return { page: document.documentElement.scrollWidth, view, wide };
      });
      assert(over.page <= over.view, `${hash}: the page is ${over.page} px wide on a ${over.view} px screen (${over.wide.join(', ')})`);
    }
  });
});

test('the site assessment has its own profile, CE sheets and storage', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'site', 'Tier-2 site');
    await page.getByRole('group', { name: 'Which compute element types does the site run?' }).getByLabel('HTCondor-CE').check();
    await goSection(page, 'Forensic readiness');
    await page.getByRole('region', { name: /^Forensic sheet: HTCondor-CE/ }).waitFor();
    await axe(page, 'site section (Forensic readiness)');
    await page.setViewportSize({ width: 375, height: 800 });
    await axe(page, 'site section at 375 px');
    await page.screenshot({ path: join(ARTIFACTS, 'site-375.png') });
  });
});

test('Export PDF downloads a PDF with the questions and the gap, fetched only on export', async (server) => {
  await fresh(server, async (page, log) => {
    assert(!log.requests.some((u) => u.includes('pdf-worker')), 'first load must not fetch the PDF worker');
    await create(page, 'vo', 'Export test');
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
      'CRITICAL VO-LOG-2 Retention of VO central logs', 'Days retrievable: 30 days', 'T7: 90 days']) {
      assert(text.includes(wanted), `PDF text lacks "${wanted}"`);
    }
    await page.getByRole('status').getByText(/^Saved ti-assess-wlcg-ti-vo-.*\.pdf to your downloads\./).waitFor();
    assert(log.requests.some((u) => u.endsWith('/pdf-worker_bg.wasm')), 'worker wasm fetched on export');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(ARTIFACTS, 'report-page')]);
    // The PDF carries the assessment: importing it gives back the same document as the JSON.
    const stored = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('ti-assess/v1/assessment/'))[1]);
    await page.getByRole('link', { name: 'All assessments' }).click();
    await page.getByLabel(IMPORT_LABEL).setInputFiles(file);
    await page.getByText('An assessment with the same identity is already stored in this browser: “Export test”.').waitFor();
    await page.getByRole('button', { name: 'Replace the stored one' }).click();
    await page.getByRole('status').getByText('Imported “Export test”.').waitFor();
    const reimported = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('ti-assess/v1/assessment/')));
    assert(reimported.length === 1 && reimported[0][1] === stored, 'PDF → import gives the stored document byte for byte');
  });
}, { hosted: true });

test('the footer, the about text, the JSON export and the PDF name one version and build; the licences open from About', async (server) => {
  await fresh(server, async (page, log) => {
    const footer = page.getByRole('contentinfo');
    const line = (await footer.getByText(/^ti-assess \S+, build \S+$/).textContent()).trim();
    const [, version, commit] = line.match(/^ti-assess (\S+), build (\S+)$/);
    assert(/^\d+\.\d+\.\d+/.test(version) && /^[0-9A-Za-z._-]+$/.test(commit), `footer: ${line}`);
    // Behind a real server, the build is the one the release archive is named after.
    if (release) assert(release.name === `ti-assess-${version}-${commit}`, `${release.name} serves ${line}`);
    await footer.getByText('About ti-assess').click();
    await footer.getByText(`This is version ${version}, build ${commit} (the commit`).waitFor();
    await axe(page, 'footer with the about text open');

    await create(page, 'vo', 'Build trace');
    await goSection(page, 'Contacts');
    await page.getByLabel(LABEL.email).fill('vo-security@example.org');
    const json = await download(page, 'Export JSON (backup)', 'build-trace.json');
    const generator = JSON.parse(json.text).generator;
    assert(generator.name === 'ti-assess' && generator.version === version && generator.commit === commit,
      `JSON generator ${JSON.stringify(generator)} vs ${line}`);
    const pdf = await download(page, 'Export PDF', 'build-trace.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf.file, '-']).toString().replace(/\s+/g, ' ');
    const app = `ti-assess ${version} (build ${commit})`;
    assert(text.includes(`Produced by ${app}`), `the PDF cover lacks "Produced by ${app}"`);
    const pages = Number(execFileSync('pdfinfo', [pdf.file]).toString().match(/Pages:\s+(\d+)/)[1]);
    assert(text.split(`${app} - SHA-256`).length - 1 === pages, `every one of the ${pages} footers names ${app}`);

    await page.getByRole('link', { name: 'third-party licences' }).click();
    await page.waitForURL(/\/third-party-licenses\.txt$/);
    const notices = await page.locator('body').innerText();
    assert(notices.startsWith(`Third-party licences of ti-assess ${version}`), `the notices begin ${JSON.stringify(notices.slice(0, 80))}`);
    for (const crate of ['leptos ', 'printpdf ', 'wasm-bindgen ', 'serde ']) assert(notices.includes(`\n- ${crate}`), `the notices lack ${crate}`);
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
    // A plain-text page has no icon link, so Chromium asked for /favicon.ico, which the build
    // does not have (index.html's data: icon stops that on the app's page): that 404 only.
    const icon = (e) => /favicon\.ico|status of 404/.test(e);
    assert(log.consoleErrors.filter(icon).length <= 2, `errors: ${log.consoleErrors.join(' | ')}`);
    log.consoleErrors = log.consoleErrors.filter((e) => !icon(e));
  });
}, { hosted: true });

test('unreadable stored data is kept aside, the user is told, nothing is overwritten', async (server) => {
  const garbage = '{"format":"ti-assess.assessment","schema":1,"answers":{ truncated';
  const key = 'ti-assess/v1/assessment/a-broken';
  await fresh(server, async (page) => {
    await page.getByRole('row', { name: /Unreadable data/ }).waitFor();
    assert(await page.evaluate((k) => localStorage.getItem(k), key) === garbage, 'listing changes nothing');
    await page.goto(`${new URL(page.url()).origin}/#/a/a-broken`);
    await page.getByRole('alert').getByText(/kept unchanged under the key/).waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage));
    const kept = keys.find((k) => k.startsWith('ti-assess/v1/quarantine/a-broken/'));
    assert(kept, `a quarantine key exists (${keys.join(', ')})`);
    assert(await page.evaluate((k) => localStorage.getItem(k), kept) === garbage, 'kept byte for byte');
    await page.screenshot({ path: join(ARTIFACTS, 'quarantined.png'), fullPage: true });
  }, {
    init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
      localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(garbage)}); }`,
  });
});

/** Drops one file on the import zone, as a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(page, name, mimeType, bytes) {
  const dataTransfer = await page.evaluateHandle(({ name, mimeType, b64 }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: mimeType }));
    return dt;
  }, { name, mimeType, b64: Buffer.from(bytes).toString('base64') });
  const zone = page.getByRole('group', { name: 'Import by dropping a file' });
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
}

async function download(page, button, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const file = join(ARTIFACTS, name);
  await d.saveAs(file);
  return { file, text: readFileSync(file, 'utf8'), suggested: d.suggestedFilename() };
}

test('exchange: share with the WG leaves out personal data and says what; drop import restores the JSON byte for byte; malformed drops change nothing', async (server) => {
  await fresh(server, async (page) => {
    await create(page, 'vo', 'Exchange test');
    await goSection(page, 'Contacts');
    await page.getByLabel(LABEL.email).fill('jane.doe@cern.ch');
    await goSection(page, 'Incident response');
    await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
    const json = await download(page, 'Export JSON (backup)', 'exchange.json');
    const shared = await download(page, 'Share with the WG (JSON)', 'exchange-share.json');
    assert(shared.suggested === 'exchange-test-share.json', `share file name ${shared.suggested}`);
    assert(!shared.text.includes('jane.doe'), 'the shared copy holds no personal e-mail address');
    const doc = JSON.parse(shared.text);
    assert(doc.redacted.some((r) => r.field === 'answers.VO-CON-1.email' && r.label === LABEL.email), `redacted list ${shared.text}`);
    assert(doc.answers['VO-IR-1.procedure'].choice === 'yes', 'answers for comparison are kept');
    await page.getByRole('list', { name: 'Left out of the shared copy' }).getByText(`${LABEL.email} (looks like a personal e-mail address)`).waitFor();
    await axe(page, 'export panel after sharing');
    await page.getByRole('link', { name: 'All assessments' }).click();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /Exchange test.*VO/ }).waitFor();
    const listBefore = await table.innerText();
    const storageBefore = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    const bad = [
      ['screenshot.json', 'application/json', png, 'The file is a PNG image'],
      ['truncated.json', 'application/json', Buffer.from(json.text.slice(0, 80)), 'not valid JSON'],
      ['future.json', 'application/json', Buffer.from(json.text.replace(`"schema":${SCHEMA}`, `"schema":${SCHEMA + 1}`)), 'newer version of ti-assess'],
      ['other.pdf', 'application/pdf', readFileSync('tests/fixtures/import/bad/pdf--report-without-attachment.pdf'), 'This PDF has no ti-assess attachment'],
      ['cut.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'The PDF could not be read'],
    ];
    for (const [name, type, bytes, reason] of bad) {
      await dropFile(page, name, type, bytes);
      await page.getByRole('alert').filter({ hasText: reason }).waitFor();
      assert(await table.innerText() === listBefore, `home list unchanged after ${name}`);
      const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
      assert(after === storageBefore, `storage unchanged after ${name}`);
    }
    await page.getByRole('button', { name: 'Delete Exchange test' }).click();
    await page.getByRole('heading', { name: 'No assessment yet' }).waitFor();
    await dropFile(page, 'exchange.json', 'application/json', Buffer.from(json.text));
    await page.getByRole('status').getByText('The file can be imported; check the preview below.').waitFor();
    await page.getByText(/“Exchange test”: .* \(VO\), question set wlcg-ti-vo .*, 2 answers\./).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').getByText('Imported “Exchange test”.').waitFor();
    const id = JSON.parse(json.text).id;
    const stored = await page.evaluate((k) => localStorage.getItem(k), `ti-assess/v1/assessment/${id}`);
    assert(stored === json.text, 'JSON export → drop import → stored document is byte-identical');
    await axe(page, 'home after drop import');
  });
});

test('blocked storage: the app works for the visit and says answers will not be kept', async (server) => {
  await fresh(server, async (page) => {
    await page.getByRole('alert').getByText('Answers will not be kept.').waitFor();
    await create(page, 'vo', 'Session only');
    await goSection(page, 'Retention');
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

test('the build runs no string as code: no eval( or new Function( in any script of dist/ (S-05)', async () => {
  const { readdirSync } = await import('node:fs');
  const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
  const found = scripts.filter((f) => /\beval\(|new Function\(/.test(readFileSync(join(DIST, f), 'utf8')));
  assert(scripts.length >= 4, `scripts found: ${scripts.join(' ')}`);
  assert(found.length === 0, `string-to-code in ${found.join(' ')}`);
});

test('a panic replaces the page with the static recovery page; its download holds every stored value byte for byte (R-14, debug build)', async () => {
  assert(existsSync(join(DEBUG_DIST, 'index.html')), `no debug build in ${DEBUG_DIST}/: run \`trunk build --dist ${DEBUG_DIST}\``);
  const debugServer = await serve(DEBUG_DIST);
  try {
    await fresh(debugServer, async (page, log) => {
      await create(page, 'vo', 'Panic test');
      await goSection(page, 'Contacts');
      await page.getByLabel(LABEL.email).fill('vo-security@example.org');
      await page.getByLabel(LABEL.responseHours).fill('4');
      const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('ti-assess/'))));
      await page.evaluate(() => { window.location.hash = '#/debug/panic'; });
      await page.getByRole('heading', { level: 1, name: 'ti-assess stopped because of an error' }).waitFor();
      await page.getByText(/^Technical detail: [\s\S]*panic requested by #\/debug\/panic/).waitFor();
      assert(await page.getByRole('heading', { level: 2, name: 'Contacts' }).count() === 0, 'the app is gone');
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download all stored data (JSON)' }).click(),
      ]);
      assert(d.suggestedFilename() === 'ti-assess-recovery.json', `file name ${d.suggestedFilename()}`);
      const file = join(ARTIFACTS, 'recovery.json');
      await d.saveAs(file);
      const backup = JSON.parse(readFileSync(file, 'utf8'));
      assert(backup.format === 'ti-assess.raw-backup', `format ${backup.format}`);
      const keys = Object.keys(stored);
      const assessment = keys.find((k) => k.startsWith('ti-assess/v1/assessment/'));
      assert(assessment && JSON.parse(stored[assessment]).answers['VO-CON-3.response-hours'].number === 4, 'the last answer was stored');
      for (const k of keys) assert(backup.entries[k] === stored[k], `${k} is in the download byte for byte`);
      assert(Object.keys(backup.entries).length === keys.length, 'nothing else in the download');
      assert(await page.evaluate((k) => localStorage.getItem(k), assessment) === stored[assessment], 'the page wrote nothing');
      assert(log.pageErrors.every((e) => /unreachable|panic/i.test(e)), `only the panic: ${log.pageErrors.join(' | ')}`);
    }, { allowErrors: true });
  } finally {
    await debugServer.close();
  }
});

// The server under test: the test server on dist/, or nginx/Apache on the release archive.
const HOSTED = process.env.E2E_HOSTED;
let release = null;
let serveBuild = () => serve(DIST);
if (HOSTED) {
  const hosted = await import('./hosted.mjs');
  release = hosted.unpack(process.env.E2E_ARCHIVE || '');
  serveBuild = () => (HOSTED === 'apache' ? hosted.apache(release) : hosted.nginx(release));
  hosted.headerTests((name, fn) => test(name, fn, { hosted: true }), { assert, name: HOSTED, release });
}

offlineTests(test, { fresh, create, goSection, assert, LABEL, ARTIFACTS, DIST, serveBuild });
storageTests(test, { fresh, create, goSection, assert, LABEL, ARTIFACTS });
xssTests(test, { fresh, goSection, assert, ARTIFACTS });
collectTests(test, { fresh, assert, axe, create, ARTIFACTS });
traceTests(test, { fresh, assert, axe, ARTIFACTS });
handbookTests(test, { fresh, assert, axe, ARTIFACTS, serveBuild });
fontsTests(test, { fresh, create, goSection, assert, ARTIFACTS, DIST });
layoutTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS });
staleTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS });
challengeTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS });
challengeV3Tests(test, { fresh, create, goSection, assert, axe, ARTIFACTS });
lazyTests(test, { fresh, assert, axe, ARTIFACTS, DIST });

const server = await serveBuild();
if (HOSTED) console.log(`${HOSTED} serves ${release.name} on ${server.url}`);
let passed = 0;
let failed = 0;
// E2E_ONLY=<text> runs only the tests whose name contains it (for debugging one test).
const selected = tests.filter((t) => (!HOSTED || t.hosted) && (!process.env.E2E_ONLY || t.name.includes(process.env.E2E_ONLY)));
for (const t of selected) {
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
release?.remove();
writeFileSync(join(ARTIFACTS, HOSTED ? `e2e-${HOSTED}-summary.txt` : 'e2e-summary.txt'), `${passed} passed, ${failed} failed\n`);
writeFileSync(join(ARTIFACTS, 'axe.json'), JSON.stringify(axeResults, null, 2));
console.log(`axe-core: ${axeResults.length} scans, ${axeResults.reduce((s, r) => s + r.violations, 0)} violations`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
