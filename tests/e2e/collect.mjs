// End-to-end tests of the working group's Collect view (issue 6): 20 files chosen at once, 2 of
// them bad; the matrix's cells and totals, the filters, the drill-down and the long CSV; Compare
// over time from two files; the PDF summary of the collection and the PDF of a comparison (read
// back with pdftotext); a PDF's printed SHA-256 checked against its attachment. Reports come from
// tests/e2e/reports.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { report, bytes } from './reports.mjs';

const PERSONAL = { text: 'jane.doe@examplevo.org' };
const pad = (n) => String(n).padStart(2, '0');

/** The 20 files: 12 VOs (two with a personal contact, one using DIRAC only), an older report of
 *  VO 01 without a contact, 4 sites, an older report of Site 01, and 2 bad files. */
export function collectFiles() {
  const files = [];
  for (let i = 1; i <= 12; i += 1) {
    const set = {};
    if (i === 3 || i === 7) set['VO-CON-1.email'] = PERSONAL;
    if (i === 12) set['profile.frameworks'] = { options: ['dirac'] };
    files.push({ name: `vo-${pad(i)}.json`, doc: report('vo', { id: `vo-${pad(i)}`, name: `VO ${pad(i)}`, when: `2026-10-${pad(i)}T09:00:00.000Z`, set }) });
  }
  files.push({ name: 'vo-01-2025.json', doc: report('vo', { id: 'vo-01', name: 'VO 01 (2025)', when: '2025-10-01T09:00:00.000Z', unset: ['VO-CON-1.email'] }) });
  for (let i = 1; i <= 4; i += 1) {
    files.push({ name: `site-${pad(i)}.json`, doc: report('site', { id: `site-${pad(i)}`, name: `Site ${pad(i)}`, when: `2026-09-${pad(i)}T09:00:00.000Z` }) });
  }
  files.push({ name: 'site-01-2025.json', doc: report('site', { id: 'site-01', name: 'Site 01 (2025)', when: '2025-09-01T09:00:00.000Z' }) });
  const out = files.map(({ name, doc }) => ({ name, mimeType: 'application/json', buffer: bytes(doc) }));
  out.splice(5, 0, { name: 'broken.json', mimeType: 'application/json', buffer: bytes(files[0].doc).subarray(0, 200) });
  out.splice(11, 0, { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"someone-elses-export","rows":[]}') });
  return out;
}

/** Registers the Collect and Compare tests with the runner of run.mjs. */
/** Saves the download `click` starts as `name` in ARTIFACTS; its path and pdftotext's text (spaces
 *  collapsed). */
async function pdfDownload(page, click, name, ARTIFACTS, assert) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = join(ARTIFACTS, name);
  await d.saveAs(file);
  assert(readFileSync(file).subarray(0, 5).toString() === '%PDF-', `${name} starts with %PDF-`);
  return { file, suggested: d.suggestedFilename(), text: execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ') };
}

export function collectTests(test, { fresh, assert, axe, create, ARTIFACTS }) {
  test('collect: 20 files with 2 bad ones give a matrix with cells, totals, filters, drill-down and a long CSV', async (server) => {
    await fresh(server, async (page) => {
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Collect reports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
      const files = collectFiles();
      assert(files.length === 20, `20 files (${files.length})`);
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(files);
      await page.getByRole('status').getByText('Read 20 files: 18 reports in the collection, 2 files skipped.').waitFor();
      const list = page.getByRole('list', { name: 'Files' });
      await list.getByText(/^broken\.json — skipped \(corrupt\): The data is not valid JSON/).waitFor();
      await list.getByText(/^other\.json — skipped \(not an assessment\)/).waitFor();
      await list.getByText(/^vo-01\.json — read: ti-assess\.assessment schema 1, question set wlcg-ti-vo 1\.0\.0$/).waitFor();
      await page.getByText('20 files: 18 read, 2 skipped').waitFor();

      const table = page.getByRole('table', { name: /^Respondents × recommendations: 16 respondents/ });
      await table.waitFor();
      const headers = await table.locator('thead th').allInnerTexts();
      const col = headers.indexOf('VO-CON-1');
      assert(col > 0, `a VO-CON-1 column (${headers.slice(0, 5)})`);
      const cell = (who) => table.getByRole('row', { name: new RegExp(`^${who} `) }).locator('th, td').nth(col);
      const text = async (who) => (await cell(who).innerText()).replace(/\s+/g, ' ').trim();
      assert(await text('VO 03') === '✗ crit', `VO 03 cell: ${await text('VO 03')}`);
      assert(await cell('VO 03').getAttribute('aria-label') === 'gap: critical', 'the cell is named by its status');
      assert(await text('VO 01') === '✓', `VO 01 cell: ${await text('VO 01')}`);
      assert(await cell('VO 01').getAttribute('aria-label') === 'met', 'a met cell is named so');
      assert(await cell('VO 03').getAttribute('class') === 'ta-cell ta-cell--critical', 'a colour class besides the text');
      assert(await text('Site 01') === '', 'a VO recommendation is empty for a site');
      const foot = table.locator('tfoot tr');
      const met = (await foot.nth(0).locator('th, td').nth(col).innerText()).trim();
      const gaps = (await foot.nth(1).locator('th, td').nth(col).innerText()).trim();
      assert(met === '10/12', `VO-CON-1 met by 10 of 12 VOs (${met})`);
      assert(gaps === '2 critical', `VO-CON-1 gaps (${gaps})`);
      const total = (await table.getByRole('row', { name: /^VO 03 / }).locator('td').last().innerText()).trim();
      assert(/met, gaps: 1 critical$/.test(total), `VO 03 row total (${total})`);
      const history = await table.getByRole('row', { name: /^VO 01 / }).locator('th').innerText();
      assert(history.includes('2 reports'), `VO 01 shows its history (${history})`);
      await page.screenshot({ path: join(ARTIFACTS, 'collect.png'), fullPage: true });
      await axe(page, 'collect matrix');

      // Filters.
      await page.getByLabel('Type').selectOption({ label: 'Sites' });
      await page.getByRole('table', { name: /^Respondents × recommendations: 4 respondents/ }).waitFor();
      await page.getByLabel('Type').selectOption({ label: 'VOs and sites' });
      await page.getByLabel('Job framework').selectOption({ label: 'PanDA / Harvester' });
      await page.getByRole('table', { name: /^Respondents × recommendations: 11 respondents/ }).waitFor();
      await page.getByLabel('Job framework').selectOption({ label: 'Any' });
      await page.getByLabel('Sort respondents by').selectOption({ label: 'Most gaps first' });
      const first = await page.locator('#collect-matrix tbody tr').first().locator('th button').innerText();
      assert(first === 'VO 03' || first === 'VO 07', `most gaps first (${first})`);

      // Long CSV: one line per shown cell, the gap with its severity and answer.
      const shownCells = await page.locator('#collect-matrix tbody td.ta-cell:not(.ta-cell--absent)').count();
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      const file = join(ARTIFACTS, 'collection.csv');
      await d.saveAs(file);
      const lines = readFileSync(file, 'utf8').split('\r\n').filter((l) => l);
      assert(lines[0] === '"respondent","recommendation","status","severity","answer"', `CSV header ${lines[0]}`);
      assert(lines.length === 1 + shownCells, `${lines.length - 1} CSV lines for ${shownCells} cells`);
      assert(lines.some((l) => l.startsWith('"VO 03","VO-CON-1","gap: critical","critical",') && l.includes('jane.doe@examplevo.org')), 'the gap line');
      assert(lines.some((l) => l.startsWith('"VO 01","VO-CON-1","met","",')), 'a met line');

      // PDF summary: the same collection in the PDF worker, totals as in the matrix.
      const summary = await pdfDownload(page, () => page.getByRole('button', { name: 'Download PDF summary' }).click(), 'collection-summary.pdf', ARTIFACTS, assert);
      assert(/^ti-assess-collection-\d{4}-\d{2}-\d{2}\.pdf$/.test(summary.suggested), `file name ${summary.suggested}`);
      for (const wanted of ['20 files read, 18 reports from 16 respondents, 2 skipped', 'VO-CON-1 ', '10 of 12 met, 2 gaps (2 critical)',
        'VO 03', 'VO 12', 'Site 04', 'VO 01: since the previous report (2025-10-01 to 2026-10-01)', 'Closed gaps (1)',
        'broken.json: The data is not valid JSON', 'other.json: The data is not a ti-assess assessment', 'page 1 of ']) {
        assert(summary.text.includes(wanted), `the PDF summary lacks "${wanted}"`);
      }
      await page.getByRole('status').getByText(/^Saved ti-assess-collection-.*\.pdf to your downloads\.$/).waitFor();

      // Drill-down: VO 01's answers and gaps, and what changed since its 2025 report.
      await page.getByRole('button', { name: 'VO 01', exact: true }).click();
      const drill = page.getByRole('region', { name: 'VO 01 (VO)' });
      await drill.waitFor();
      await drill.getByRole('region', { name: 'Closed gaps' }).getByText(/^VO-CON-1 .*\(critical\)/).waitFor();
      await drill.getByText('2025-10-01: vo-01-2025.json').waitFor();
      assert(await page.getByRole('button', { name: 'VO 01', exact: true }).getAttribute('aria-expanded') === 'true', 'the row button says it is expanded');
      await axe(page, 'collect drill-down');
      await page.setViewportSize({ width: 375, height: 800 });
      await axe(page, 'collect at 375 px');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      assert(!overflow, 'the page does not scroll sideways at 375 px (the matrix scrolls in its region)');
    });
  });

  test('collect: keeping the collection in this browser is the user\'s choice; kept reports come back after a reload; turning it off removes them', async (server) => {
    await fresh(server, async (page) => {
      const KEY = 'ti-assess/v1/collection';
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Collect reports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
      const keep = page.getByRole('checkbox', { name: 'Keep this collection in this browser' });
      assert(!(await keep.isChecked()), 'keeping is off by default');
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(collectFiles());
      await page.getByRole('status').getByText('Read 20 files: 18 reports in the collection, 2 files skipped.').waitFor();
      assert(await page.evaluate((k) => localStorage.getItem(k), KEY) === null, 'nothing is stored before the user asks');
      await keep.check();
      await page.getByRole('status').getByText('18 reports are kept in this browser.').waitFor();
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
      assert(stored.reports.length === 18 && !stored.reports.some((r) => /broken|other/.test(r.name)), 'the 18 reports read are kept, the skipped files are not');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
      await page.getByRole('status').getByText('Read again the 18 reports kept in this browser.').waitFor();
      assert(await keep.isChecked(), 'keeping stays on after a reload');
      const caption = await page.getByRole('table').first().locator('caption').textContent();
      assert(/16 respondents/.test(caption), `the matrix is back (${caption})`);
      await page.getByText('VO · 2026-10-01 · 2 reports').waitFor();
      await keep.uncheck();
      await page.getByRole('status').getByText(/^The kept copy was removed from this browser/).waitFor();
      assert(await page.evaluate((k) => localStorage.getItem(k), KEY) === null, 'turning it off removes the kept copy');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
      assert(!(await keep.isChecked()), 'off after the reload');
      assert(await page.getByRole('table').count() === 0, 'nothing comes back once keeping is off');

      // More than 2 MiB of reports: keeping turns off, says why, and leaves no copy behind.
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(collectFiles());
      await page.getByRole('status').getByText(/^Read 20 files/).waitFor();
      await keep.check();
      await page.getByRole('status').getByText('18 reports are kept in this browser.').waitFor();
      const many = [];
      for (let i = 0; i < 420; i += 1) {
        many.push({ name: `many-${i}.json`, mimeType: 'application/json', buffer: bytes(report('vo', { id: `many-${i}`, name: `Many ${i}`, when: '2026-10-01T09:00:00.000Z' })) });
      }
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(many);
      await page.getByRole('status').getByText(/this browser keeps at most 2097152 bytes of reports.*any copy kept earlier was removed\.$/).waitFor({ timeout: 60000 });
      assert(!(await keep.isChecked()), 'keeping is off after a refusal');
      assert(await page.evaluate((k) => localStorage.getItem(k), KEY) === null, 'no older copy is left to come back');
    });
  });

  test('compare: two reports from files list new and closed gaps, changed answers and stale dates', async (server) => {
    await fresh(server, async (page) => {
      await page.getByRole('link', { name: 'Compare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compare two assessments' }).waitFor();
      const before = report('vo', { id: 'atlas', name: 'ATLAS 2025', when: '2025-11-01T09:00:00.000Z', unset: ['VO-CON-1.email'] });
      const after = report('vo', { id: 'atlas', name: 'ATLAS 2026', when: '2026-11-01T09:00:00.000Z', set: { 'VO-IR-1.procedure': { choice: 'no' }, 'VO-CON-2.confirmed': { date: '2024-01-15' } } });
      await page.getByLabel('Add assessments from JSON or PDF files').setInputFiles([
        { name: 'atlas-2025.json', mimeType: 'application/json', buffer: bytes(before) },
        { name: 'atlas-2026.json', mimeType: 'application/json', buffer: bytes(after) },
      ]);
      await page.getByRole('status').getByText('Added 2 assessments from files.').waitFor();
      await page.getByLabel('Earlier assessment').selectOption({ label: 'ATLAS 2025 (wlcg-ti-vo, 2025-11-01, file atlas-2025.json)' });
      await page.getByLabel('Later assessment').selectOption({ label: 'ATLAS 2026 (wlcg-ti-vo, 2026-11-01, file atlas-2026.json)' });
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const list = (name) => page.getByRole('region', { name });
      await list('Closed gaps').getByText(/^VO-CON-1 .*\(critical\)/).waitFor();
      await list('New gaps').getByText(/^VO-IR-1 /).first().waitFor();
      await list('New gaps').getByText(/^VO-CON-2 /).first().waitFor();
      await list('Changed answers').getByText(/→ No$/).waitFor();
      await list('Changed answers').getByText(/: Not answered → security@examplevo\.org$/).waitFor();
      await list('Gone stale').getByText(/: 2024-01-15 is \d+ days old \(limit 365 days\)$/).waitFor();
      await axe(page, 'compare');
      // The same changes as a PDF.
      const pdf = await pdfDownload(page, () => page.getByRole('button', { name: 'Download comparison PDF' }).click(), 'comparison.pdf', ARTIFACTS, assert);
      for (const wanted of ['Compare over time', 'Earlier ATLAS 2025 (VO,', 'Later ATLAS 2026 (VO,', 'New gaps (', 'Closed gaps (1)',
        'VO-CON-1 ', 'VO-IR-1 ', 'VO-CON-2 ', 'Changed answers (', 'Not answered security@examplevo.org', 'Gone stale (1)', '2024-01-15']) {
        assert(pdf.text.includes(wanted), `the comparison PDF lacks "${wanted}"`);
      }
      await page.getByRole('status').getByText(/^Saved ti-assess-comparison-.*\.pdf to your downloads\.$/).waitFor();
    });
  });

  test('collect: a PDF says whether the SHA-256 it prints is that of the JSON it carries', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'Hash check');
      const exported = await pdfDownload(page, () => page.getByRole('button', { name: 'Export PDF' }).click(), 'hash-ok.pdf', ARTIFACTS, assert);
      // The same PDF with its attachment swapped for another assessment (qpdf replaces it in place).
      const other = join(ARTIFACTS, 'ti-assess-assessment.json');
      writeFileSync(other, bytes(report('vo', { id: 'someone-else', name: 'Someone else' })));
      const swapped = join(ARTIFACTS, 'hash-swapped.pdf');
      execFileSync('qpdf', [exported.file, '--add-attachment', other, '--key=ti-assess-assessment.json', '--replace', '--', swapped]);
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Collect reports' }).click();
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles([
        { name: 'hash-ok.pdf', mimeType: 'application/pdf', buffer: readFileSync(exported.file) },
        { name: 'hash-swapped.pdf', mimeType: 'application/pdf', buffer: readFileSync(swapped) },
        { name: 'plain.json', mimeType: 'application/json', buffer: bytes(report('vo', { id: 'plain', name: 'Plain' })) },
      ]);
      await page.getByRole('status').getByText('Read 3 files: 3 reports in the collection, 0 files skipped.').waitFor();
      // Nothing skipped: the file list starts folded (and prints nothing stray next to it).
      assert(!(await page.locator('details.ta-collect__files').evaluate((d) => d.open)), 'the file list is folded');
      await page.getByText('3 files: 3 read, 0 skipped').click();
      const files = page.getByRole('list', { name: 'Files' });
      await files.getByText(/^hash-ok\.pdf — read: .*; hash matches$/).waitFor();
      await files.getByText(/^hash-swapped\.pdf — read: .*; hash differs: the PDF was edited after export$/).waitFor();
      await files.getByText(/^plain\.json — read: [^;]*$/).waitFor();
      await axe(page, 'collect with PDFs');
    });
  });
}
