// The challenge kit's V3 (VO trace plus suspension) as its three users meet it (issues #14, #15).
// The organiser creates the challenge with a Chinese test identity, has impossible times refused
// (an acknowledgement before the alert, an event in the future), takes E7 and E8 from the VO's
// reply file, records the suspension but no "last payload stopped", closes it: PARTIAL, C5 failed.
// The VO's assessment claims that a suspension stops new payloads; bad result files are refused
// with nothing stored; the real one is imported and the results, and the PDF, say that the
// challenge contradicts the claim. The working group's Collect view reads the assessment and the
// result: a table of challenges, its CSV, and the mark on the contradicted respondent.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VO = 'biomed';
const ZONE = 'Asia/Shanghai';
const TRUTH = {
  dn: '/DC=cn/DC=ihep/OU=Users/CN=王小明 Wang Xiaoming',
  job: '50123',
  site: 'BEIJING-LCG2',
  ce: 'ce01.ihep.ac.cn',
  batch: '77.0',
  node: 'wn-042.ihep.ac.cn',
  token: 'run-ZZ81xk',
};
const RESULT_FILE_LABEL = 'Challenge result file from the organiser (at most 1 MiB)';
const COLLECT_LABEL = 'JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)';

export function challengeV3Tests(test, { fresh, create, goSection, assert, axe, ARTIFACTS }) {
  const commit = async (field, value) => {
    await field.fill(value);
    await field.press('Tab');
  };
  const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved: / });
  const refusal = (page) => page.getByRole('alert').filter({ hasText: 'Nothing was changed.' });
  const setEvent = async (page, id, at) => {
    await page.getByLabel(`Time of ${id}`, { exact: true }).fill(at);
    await page.getByLabel(`Time zone of the time of ${id}`, { exact: true }).selectOption(ZONE);
    await page.getByRole('button', { name: `Set ${id}`, exact: true }).click();
  };
  const eventCell = (page, id) =>
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${id} `) }) }).getByRole('cell').first();

  test('challenge V3: impossible times refused, E7-E8 from the VO reply, suspension without effect (PARTIAL); bad result files refused; the VO self-assessment is contradicted in results, PDF and Collect', async (server) => {
    await fresh(server, async (page) => {
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Challenges' }).click();
      await page.getByLabel('VO', { exact: true }).fill(VO);
      await page.getByLabel('Job framework').selectOption({ label: 'DIRAC' });
      await page.getByLabel('Variant').selectOption('V3');
      await page.getByLabel('Window start').fill('2026-11-16 00:00');
      await page.getByLabel('Window end').fill('2026-11-30 18:00');
      await page.getByLabel('Time zone of the window').selectOption(ZONE);
      await page.getByRole('button', { name: 'Create challenge' }).click();
      const today = await page.evaluate(() => new Date().toISOString().slice(0, 10).replaceAll('-', ''));
      const id = `${VO}-${today}-01_EXERCISE`;
      await page.getByRole('heading', { level: 1, name: id }).waitFor();

      // The sealed truth: one payload, a Chinese test identity.
      await page.getByRole('button', { name: 'Enter the ground truth' }).click();
      await commit(page.getByRole('group', { name: 'Test identity' }).getByLabel('Certificate DN'), TRUTH.dn);
      await page.getByRole('button', { name: 'Add a payload' }).click();
      const box = page.getByRole('group', { name: 'Payload 1', exact: true });
      await commit(box.getByLabel('Payload 1: VO job ID'), TRUTH.job);
      await commit(box.getByLabel('Payload 1: Site'), TRUTH.site);
      await commit(box.getByLabel('Payload 1: CE'), TRUTH.ce);
      await commit(box.getByLabel('Payload 1: Batch job ID'), TRUTH.batch);
      await commit(box.getByLabel('Payload 1: Worker node'), TRUTH.node);
      await commit(box.getByLabel('Payload 1: Submitted (UTC)'), '2026-11-20 01:00Z');
      await commit(box.getByLabel('Payload 1: Started, first call-back (UTC)'), '2026-11-20 01:10Z');
      const pointer = page.getByRole('group', { name: 'What the VO alert points at' });
      await pointer.getByLabel('Payload the alert points at').selectOption({ label: `Payload 1 (${TRUTH.job})` });
      await pointer.getByLabel('The VO is given').selectOption({ label: 'Site, CE and batch job ID' });
      await commit(page.getByRole('group', { name: 'Marker' }).getByLabel('Per-run token'), TRUTH.token);

      // The timeline in Beijing time (UTC+8). The alert Friday 27 November 09:00.
      for (const [e, at] of [['E0', '2026-11-20 09:00'], ['E1', '2026-11-20 09:10'], ['E2', '2026-11-27 09:00']]) {
        await setEvent(page, e, at);
        await saved(page).filter({ hasText: `${e} recorded` }).waitFor();
      }
      // An acknowledgement before the alert, then one in the future: refused, nothing changes.
      await setEvent(page, 'E3', '2026-11-27 08:00');
      await refusal(page).waitFor();
      assert(!(await eventCell(page, 'E3').textContent()).includes('2026'), 'E3 not recorded');
      await setEvent(page, 'E3', '2031-01-05 10:00');
      await refusal(page).waitFor();
      assert(!(await eventCell(page, 'E3').textContent()).includes('2031'), 'a future E3 not recorded');
      await setEvent(page, 'E3', '2026-11-27 09:40');
      await saved(page).filter({ hasText: 'E3 recorded' }).waitFor();

      // The VO's reply, as "Trace a job" writes it: another exercise's reply is refused first.
      const reply = (incident, written) => JSON.stringify({
        format: 'ti-assess.trace-reply', schema: 1, trace_version: '1.0.0', written,
        fields: { incident_id: incident, incident_kind: 'exercise', framework: 'dirac', reply_owner: TRUTH.dn, reply_owner_jobs: TRUTH.job },
      });
      const other = join(ARTIFACTS, 'reply-other-exercise.json');
      writeFileSync(other, reply('lhcb-20261127-01_EXERCISE', '2026-11-27T04:30:00.000Z'));
      await page.getByLabel('Take times from a trace request or reply (JSON)').setInputFiles(other);
      await page.getByRole('alert').filter({ hasText: 'is for `lhcb-20261127-01_EXERCISE`, not for challenge' }).waitFor();
      const good = join(ARTIFACTS, 'reply-this-exercise.json');
      writeFileSync(good, reply(id, '2026-11-27T04:30:00.000Z'));
      await page.getByLabel('Take times from a trace request or reply (JSON)').setInputFiles(good);
      await page.getByRole('status').filter({ hasText: 'Saved: E7, E8 taken from the reply written 2026-11-27T04:30:00.000Z' }).waitFor();
      const e7 = await eventCell(page, 'E7').textContent();
      assert(e7.includes('2026-11-27 04:30') && e7.includes('from the reply'), `E7 from the reply: ${e7}`);

      // Suspended two hours later; no "last payload stopped"; closed.
      await setEvent(page, 'E9', '2026-11-27 14:30');
      await saved(page).filter({ hasText: 'E9 recorded' }).waitFor();
      await setEvent(page, 'E12', '2026-11-30 10:00');
      await saved(page).filter({ hasText: 'E12 recorded' }).waitFor();
      const owner = page.getByRole('group', { name: 'The owner the VO named' });
      await commit(owner.getByLabel('DN the VO named'), TRUTH.dn);
      await commit(page.getByLabel('The owner\'s jobs the VO listed'), TRUTH.job);
      await page.locator('.ta-results__overall').getByText(/^Result: PARTIAL \(C5/).waitFor();
      const stop = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Last payload stopped within the threshold after the suspension' }) });
      assert((await stop.getByRole('cell').last().textContent()) === 'fail', 'C5: the payload kept calling back');
      await axe(page, 'challenge V3 closed');
      for (const [width, suffix] of [[1280, '1280'], [375, '375']]) {
        await page.setViewportSize({ width, height: 900 });
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.getByRole('heading', { name: 'Timeline' }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(ARTIFACTS, `challenge-v3-${suffix}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });

      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the result (for the VO and the site)' }).click()]);
      const resultFile = join(ARTIFACTS, `${id}-result.json`);
      await d.saveAs(resultFile);
      const resultText = readFileSync(resultFile, 'utf8');
      assert(!resultText.includes('王小明') && !resultText.includes(TRUTH.token), 'the result holds no truth');

      // --- The VO: its assessment claims that suspension stops new payloads.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'All assessments' }).click();
      await create(page, 'vo', 'Biomed 2026');
      await goSection(page, 'Your VO');
      await commit(page.getByLabel('Name of the VO'), VO);
      await goSection(page, 'Suspension and revocation');
      await page.getByRole('group', { name: 'Does a suspension stop new payloads of that user in the workload system?' }).getByLabel('Yes', { exact: true }).check();
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Results' }).click();
      await page.getByText('Import a challenge result', { exact: true }).click();
      const resultKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ti-assess/v1/challenge-result/')));
      // Bad files: too large, an unknown framework, an event in the future. Each refused, nothing stored.
      const bad = [
        ['too-large.json', ' '.repeat(1024 * 1024 + 1), 'at most'],
        ['unknown-framework.json', resultText.replace('"framework": "dirac"', '"framework": "condor-x"'), 'condor-x'],
        ['future.json', resultText.replace('"2026-11-30T02:00:00.000Z"', '"2031-11-30T02:00:00.000Z"'), 'future'],
      ];
      for (const [name, text, words] of bad) {
        assert(text !== resultText, `${name} differs from the result`);
        const f = join(ARTIFACTS, name);
        writeFileSync(f, text);
        await page.getByLabel(RESULT_FILE_LABEL).setInputFiles(f);
        const alert = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
        await alert.waitFor();
        const said = await alert.textContent();
        assert(said.toLowerCase().includes(words), `${name}: ${said}`);
        assert((await resultKeys()).length === 0, `${name}: nothing stored`);
      }
      await page.getByLabel(RESULT_FILE_LABEL).setInputFiles(resultFile);
      await page.getByRole('status').filter({ hasText: `Challenge ${id} (V3, 2026-11-27): PARTIAL` }).waitFor();
      const contradicted = page.getByRole('region', { name: /^Contradicted by a challenge/ });
      await contradicted.getByText(`the self-assessment is contradicted by challenge ${id}`, { exact: false }).first().waitFor();
      assert((await contradicted.textContent()).includes('kept calling back after the suspension'), 'the contradiction says what the challenge showed');
      await axe(page, 'results contradicted by a challenge');

      // The PDF says it too.
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
      const pdfFile = join(ARTIFACTS, 'assessment-contradicted.pdf');
      await pdf.saveAs(pdfFile);
      const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString().replace(/\s+/g, ' ');
      assert(pdfText.includes('Contradicted by a challenge (') && pdfText.includes(`The self-assessment is contradicted by challenge ${id}`), 'the PDF prints the contradiction');

      // --- The working group: the assessment and the result, side by side.
      const assessment = await page.evaluate(() => {
        const k = Object.keys(localStorage).find((x) => x.startsWith('ti-assess/v1/assessment/'));
        return localStorage.getItem(k);
      });
      const assessmentFile = join(ARTIFACTS, 'biomed-assessment.json');
      writeFileSync(assessmentFile, assessment);
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Collect reports' }).click();
      await page.getByLabel(COLLECT_LABEL).setInputFiles([assessmentFile, resultFile]);
      await page.getByRole('status').getByText('Read 2 files: 1 reports and 1 challenge results in the collection, 0 files skipped.').waitFor();
      const table = page.getByRole('table', { name: /^VOs × challenges/ });
      const row = await table.getByRole('row').filter({ hasText: id }).getByRole('cell').allTextContents();
      assert(row[0] === id && row[2] === 'V3' && row[3].startsWith('PARTIAL'), `challenge row: ${row}`);
      const matrix = page.getByRole('table', { name: /^Respondents × recommendations/ });
      await matrix.getByText(`contradicted by challenge ${id}`, { exact: false }).waitFor();
      await page.getByLabel('Result', { exact: true }).selectOption('fail');
      await table.getByRole('row').filter({ hasText: id }).waitFor({ state: 'detached' });
      await page.getByLabel('Result', { exact: true }).selectOption('');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download challenges CSV' }).click()]);
      const csvFile = join(ARTIFACTS, 'challenges.csv');
      await csv.saveAs(csvFile);
      const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
      assert(lines.length === 2 && lines[1].includes(id) && lines[1].includes('PARTIAL'), `CSV: ${lines}`);
      await axe(page, 'collect with a challenge');
      for (const [width, suffix] of [[1280, '1280'], [375, '375']]) {
        await page.setViewportSize({ width, height: 900 });
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: join(ARTIFACTS, `collect-challenges-${suffix}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
        }
      }
    });
  });
}
