// The challenge kit (issue #14) as its two users meet it. The organiser creates a V1 challenge,
// enters the sealed ground truth, sends the VO alert (which must not carry the truth: the test
// searches it for every secret), records the timeline with times typed in Europe/Zurich across a
// weekend, enters the owner the VO named (a comma-form DN in another RDN order) and its job list,
// reads the result, reloads, and downloads the result and the TLP:RED organiser file, the alert,
// the report and the debrief as PDFs (read back with pdftotext: the criteria and the ID in each,
// none of the secrets in the alert and the sealed debrief, the truth once revealed). The VO then
// imports the result on its assessment's results page and applies one of the proposed answers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const VO = 'vo.complex-systems.eu';
// The sealed truth: a Greek test identity, two payloads at two sites, a marker.
const TRUTH = {
  dn: '/DC=org/DC=terena/DC=tcs/C=GR/O=Aristotle University of Thessaloniki/CN=Ελένη Παπαδοπούλου',
  // The same DN as the VO names it: comma form, in neither the slash nor the reverse order.
  dnNamed: 'CN=Ελένη Παπαδοπούλου, O=Aristotle University of Thessaloniki, DC=tcs, C=GR, DC=terena, DC=org',
  // Someone else: the first answer the VO gives.
  dnWrong: 'CN=Ελένη Παπαδάκη, O=Aristotle University of Thessaloniki, C=GR, DC=tcs, DC=terena, DC=org',
  user: 'epapadopoulou',
  callback: 'https://cb.exercise.example.org:8443/c/7Q9xZ2mWk4?run=1',
  token: 'tok-7Q9xZ2mWk4',
  process: 'marker-7Q9x-probe',
  file: 'ssc-marker-7Q9x.txt',
  payloads: [
    { job: '1187305221', site: 'GRNET-HPC', ce: 'ce01.hpc.grnet.gr', batch: '4711.0', node: 'wn-17.hpc.grnet.gr',
      submitted: '2026-11-10 08:00Z', started: '2026-11-10 08:20Z', ended: '2026-11-10 09:20Z' },
    { job: '1187305299', site: 'CYFRONET-LCG2', ce: 'ce.cyfronet.pl', batch: '998877.batch', node: 'n23-05.cyfronet.pl',
      submitted: '2026-11-10 08:05Z', started: '2026-11-10 08:40Z', ended: '2026-11-10 09:40Z' },
  ],
};
const ZONE = 'Europe/Zurich';
// Friday 27 November 2026 to Tuesday 1 December, typed in Zurich time (CET, UTC+1).
const EVENTS = [
  { id: 'E0', at: '2026-11-10 09:00', zone: ZONE },
  { id: 'E1', at: '2026-11-10 09:20', zone: ZONE },
  { id: 'E2', at: '2026-11-27 16:00', zone: ZONE },
  { id: 'E3', at: '2026-11-27 16:30', zone: ZONE, note: 'Ack by Łukasz <img src=x onerror=alert(1)>' },
  { id: 'E7', at: '2026-11-30 10:30', zone: ZONE },
  { id: 'E8', at: '2026-11-30 11:30', zone: ZONE },
  { id: 'E12', at: '2026-12-01 10:00', zone: ZONE },
];
const RESULT_FILE_LABEL = 'Challenge result file from the organiser (at most 1 MiB)';

export function challengeTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS }) {
  /** Types into a field and leaves it, as a person does: the kit's fields commit on change. */
  const commit = async (field, value) => {
    await field.fill(value);
    await field.press('Tab');
  };
  const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved: / });
  const noError = async (page) => {
    const text = (await page.getByRole('alert').allTextContents()).join(' ').trim();
    assert(text === '', `no refusal shown: ${text}`);
  };
  const download = async (page, button, name) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    assert(d.suggestedFilename() === name, `file name ${d.suggestedFilename()} (expected ${name})`);
    const file = join(ARTIFACTS, name);
    await d.saveAs(file);
    return readFileSync(file, 'utf8');
  };
  /** Downloads the PDF `button` makes as `name`; its text (pdftotext, spaces collapsed). */
  const pdfText = async (page, button, name) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    assert(d.suggestedFilename() === name, `file name ${d.suggestedFilename()} (expected ${name})`);
    const file = join(ARTIFACTS, name);
    await d.saveAs(file);
    assert(readFileSync(file).subarray(0, 5).toString() === '%PDF-', `${name} starts with %PDF-`);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
  };
  const shots = async (page, name) => {
    for (const [width, suffix] of [[1280, '1280'], [375, '375']]) {
      await page.setViewportSize({ width, height: 900 });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${suffix}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  test('challenge: the organiser runs a V1 challenge (sealed truth kept out of the alert, Zurich times over a weekend, comma-form DN matched, C1-C7), reloads, exports; the VO imports the result and applies one answer', async (server) => {
    await fresh(server, async (page) => {
      // --- The list, empty, then a new challenge.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Challenges' }).click();
      await page.getByRole('heading', { level: 1, name: 'Challenges' }).waitFor();
      await page.getByText('No challenge is stored in this browser yet.').waitFor();
      await axe(page, 'challenges (empty)');
      await page.getByLabel('VO', { exact: true }).fill(VO);
      await page.getByLabel('Job framework').selectOption({ label: 'DIRAC' });
      await page.getByLabel('Variant').selectOption('V1');
      assert(await page.getByLabel('The first alert goes to').inputValue() === 'vo', 'V1 alerts the VO');
      await page.getByLabel('Window start').fill('2026-11-09 00:00');
      await page.getByLabel('Window end').fill('2026-11-30 18:00');
      await page.getByLabel('Time zone of the window').selectOption(ZONE);
      await page.getByRole('button', { name: 'Create challenge' }).click();
      const today = await page.evaluate(() => new Date().toISOString().slice(0, 10).replaceAll('-', ''));
      const id = `${VO}-${today}-01_EXERCISE`;
      await page.getByRole('heading', { level: 1, name: id }).waitFor();
      await page.getByText(`VO ${VO} · V1 VO-only retro trace · alert to the VO security contact`).waitFor();

      // --- Setup: TLP, window shown in UTC (Zurich is UTC+1 in November), contacts, the VO's zone.
      await page.getByLabel('TLP label of the challenge\'s messages').selectOption('AMBER+STRICT');
      await saved(page).filter({ hasText: 'TLP label' }).waitFor();
      assert(await page.getByLabel('Window start').inputValue() === '2026-11-08 23:00Z', 'window start in UTC');
      await commit(page.getByLabel('Organiser: name'), 'EGI CSIRT exercise team');
      await commit(page.getByLabel('Organiser: e-mail address'), 'exercise@csirt.example.org');
      await commit(page.getByLabel('VO security contact: name'), 'Ζωή Αθανασίου');
      await commit(page.getByLabel('VO security contact: e-mail address'), 'security@complex-systems.example.eu');
      const voHours = page.getByRole('group', { name: 'Working hours of the VO security contact' });
      await voHours.getByLabel('Time zone').selectOption(ZONE);
      await saved(page).filter({ hasText: 'time zone' }).waitFor();
      await noError(page);

      // --- The sealed truth.
      await page.getByRole('button', { name: 'Enter the ground truth' }).click();
      const identity = page.getByRole('group', { name: 'Test identity' });
      await commit(identity.getByLabel('Certificate DN'), TRUTH.dn);
      await commit(identity.getByLabel('VO username'), TRUTH.user);
      for (const [i, p] of TRUTH.payloads.entries()) {
        await page.getByRole('button', { name: 'Add a payload' }).click();
        const n = i + 1;
        const box = page.getByRole('group', { name: `Payload ${n}`, exact: true });
        await commit(box.getByLabel(`Payload ${n}: VO job ID`), p.job);
        await commit(box.getByLabel(`Payload ${n}: Site`), p.site);
        await commit(box.getByLabel(`Payload ${n}: CE`), p.ce);
        await commit(box.getByLabel(`Payload ${n}: Batch job ID`), p.batch);
        await commit(box.getByLabel(`Payload ${n}: Worker node`), p.node);
        await commit(box.getByLabel(`Payload ${n}: Submitted (UTC)`), p.submitted);
        await commit(box.getByLabel(`Payload ${n}: Started, first call-back (UTC)`), p.started);
        await commit(box.getByLabel(`Payload ${n}: Ended, last call-back (UTC)`), p.ended);
      }
      const pointer = page.getByRole('group', { name: 'What the VO alert points at' });
      await pointer.getByLabel('Payload the alert points at').selectOption({ label: `Payload 1 (${TRUTH.payloads[0].job})` });
      await pointer.getByLabel('The VO is given').selectOption({ label: 'Site, CE and batch job ID' });
      const marker = page.getByRole('group', { name: 'Marker' });
      await commit(marker.getByLabel('Call-back address'), TRUTH.callback);
      await commit(marker.getByLabel('Per-run token'), TRUTH.token);
      await commit(marker.getByLabel('Process name'), TRUTH.process);
      await commit(marker.getByLabel('Marker file name'), TRUTH.file);
      await noError(page);

      // --- The VO alert: the pointer only, none of the truth's secrets.
      const subject = await page.getByLabel('Subject', { exact: true }).inputValue();
      const body = await page.getByLabel('Message', { exact: true }).inputValue();
      assert(subject === `[EXERCISE] Security incident suspected at GRNET-HPC [${id}] TLP: AMBER+STRICT`, `subject: ${subject}`);
      assert(body.includes('ce01.hpc.grnet.gr') && body.includes('4711.0'), 'the alert gives the CE and the batch job ID');
      assert(body.includes('exercise@csirt.example.org'), 'the alert says where to answer');
      const p2 = TRUTH.payloads[1];
      const secrets = [TRUTH.dn, 'Ελένη', 'Παπαδοπούλου', TRUTH.user, TRUTH.token, TRUTH.process, TRUTH.file, '7Q9xZ2mWk4',
        TRUTH.payloads[0].job, TRUTH.payloads[0].node, p2.job, p2.batch, p2.node, p2.ce, p2.site];
      for (const s of secrets) {
        assert(!subject.toLowerCase().includes(s.toLowerCase()) && !body.toLowerCase().includes(s.toLowerCase()), `the VO alert does not contain ${s}`);
      }

      // --- The timeline, typed in Zurich time.
      for (const e of EVENTS) {
        if (e.note) await page.getByLabel(`Note on ${e.id}`, { exact: true }).fill(e.note);
        await page.getByLabel(`Time of ${e.id}`, { exact: true }).fill(e.at);
        await page.getByLabel(`Time zone of the time of ${e.id}`, { exact: true }).selectOption(e.zone);
        await page.getByRole('button', { name: `Set ${e.id}`, exact: true }).click();
        await saved(page).filter({ hasText: `${e.id} recorded` }).waitFor();
        await noError(page);
      }
      const eventRow = (eid) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${eid} `) }) });
      const e3 = await eventRow('E3').getByRole('cell').first().textContent();
      assert(e3.includes('2026-11-27 15:30') && e3.includes('typed as 2026-11-27 16:30 in Europe/Zurich'), `E3 shown: ${e3}`);
      assert(e3.includes('Ack by Łukasz <img src=x onerror=alert(1)>'), 'the note is shown as plain text');
      // E3 Friday 16:30 to E7 Monday 10:30 Zurich: 66 hours, of which 2 working hours (09:00-17:00).
      const duration = (title) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
      const trace = await duration(/^VO trace to the owner/).getByRole('cell').allTextContents();
      assert(trace[0] === '66 h' && trace[1] === '2 working h' && trace[2] === 'VO security contact', `VO trace: ${trace}`);
      const reach = await duration(/^Reachability/).getByRole('cell').allTextContents();
      assert(reach[0] === '0.5 h' && reach[1] === '0.5 working h', `reachability: ${reach}`);
      // The job listing (E8 Monday 11:30): 67 h, 3 working hours.
      const listing = await duration(/^VO job listing/).getByRole('cell').allTextContents();
      assert(listing[0] === '67 h' && listing[1] === '3 working h', `listing: ${listing}`);

      // --- The answers: someone else first (FAIL), then the owner in comma form (matched).
      const overall = page.locator('.ta-results__overall');
      const owner = page.getByRole('group', { name: 'The owner the VO named' });
      await commit(owner.getByLabel('DN the VO named'), TRUTH.dnWrong);
      await commit(page.getByLabel('The owner\'s jobs the VO listed'), TRUTH.payloads.map((p) => p.job).join('\n'));
      // C6 fails too until the organiser attests the procedure: the challenge is closed (E12).
      await overall.getByText(/^Result: FAIL \(C2, C6 failed\)/).waitFor();
      const check = (label) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: label }) });
      assert(/someone else was named/.test(await check('The owner named is the test identity').textContent()), 'the wrong DN is named as such');
      await commit(owner.getByLabel('DN the VO named'), TRUTH.dnNamed);
      await overall.getByText(/^Result: PASS/).waitFor();
      const idRow = await check('The owner named is the test identity').getByRole('cell').allTextContents();
      assert(idRow.some((c) => c.includes('owner identified: DN (same attributes in another RDN order)')), `identity: ${idRow}`);
      assert(idRow.at(-1) === 'pass', `identity outcome ${idRow}`);
      // Only one of the two jobs: C3 fails, C3 is required but not fatal: PARTIAL.
      await commit(page.getByLabel('The owner\'s jobs the VO listed'), TRUTH.payloads[0].job);
      await overall.getByText(/^Result: PARTIAL \(C3, C6 failed\)/).waitFor();
      await commit(page.getByLabel('The owner\'s jobs the VO listed'), `${TRUTH.payloads[1].job}, ${TRUTH.payloads[0].job}`);
      await overall.getByText(/^Result: PASS/).waitFor();
      const procedure = page.getByRole('group', { name: 'Procedure' });
      for (const label of ['The alerted party followed its own incident-response procedure', 'TLP and a confidential channel were used']) {
        await procedure.getByLabel(label).selectOption('yes');
        await saved(page).filter({ hasText: 'attestation' }).waitFor();
      }
      await commit(page.getByLabel('What went well'), 'The VO answered from its DIRAC accounting within the morning.');
      await noError(page);

      // --- The result table: C1-C7, each with thresholds and an outcome.
      const results = page.getByRole('table', { name: 'Criteria and their checks' });
      const heads = await results.getByRole('rowheader').allTextContents();
      for (let n = 1; n <= 7; n += 1) {
        assert(heads.some((h) => h.startsWith(`C${n} `)), `C${n} is listed (${heads.filter(Boolean).join(' | ')})`);
      }
      assert(heads.some((h) => h === 'C1 Reachability (pass)'), `C1 passes: ${heads}`);
      assert(heads.some((h) => /^C4 .*\(not applicable\)$/.test(h)), 'C4 (site trace request) does not apply to V1');
      const c1 = await check('Acknowledged by a human within the threshold').getByRole('cell').allTextContents();
      assert(c1.includes('4 working hours (sourced: S-06, C-08)') && c1.at(-1) === 'pass', `C1 check: ${c1}`);
      const final = await overall.textContent();
      assert(/^Result: PASS/.test(final), `overall: ${final}`);
      await axe(page, 'challenge (filled)');
      await shots(page, 'challenge-page');

      // --- Stored: a reload shows the same.
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
      await page.getByRole('heading', { level: 1, name: id }).waitFor();
      assert(await owner.getByLabel('DN the VO named').inputValue() === TRUTH.dnNamed, 'the named owner is kept');
      assert(await identity.getByLabel('Certificate DN').inputValue() === TRUTH.dn, 'the truth is kept');
      assert(await overall.textContent() === final, 'the result is the same after the reload');
      assert((await eventRow('E12').getByRole('cell').first().textContent()).includes('2026-12-01 09:00'), 'E12 kept');

      // --- The files: the result (no truth), the organiser's TLP:RED file (with it).
      const resultText = await download(page, 'Download the result (for the VO and the site)', `${id}-result.json`);
      const resultDoc = JSON.parse(resultText);
      assert(resultDoc.format === 'ti-assess.challenge-result' && !('truth' in resultDoc), `result file: ${resultDoc.format}`);
      for (const s of [TRUTH.dn, 'Ελένη', TRUTH.user, TRUTH.token, TRUTH.process, TRUTH.file, TRUTH.callback, p2.batch, 'onerror']) {
        assert(!resultText.includes(s), `the result file does not contain ${s}`);
      }
      const red = await download(page, 'Download the organiser file with the truth (TLP:RED)', `${id}-organiser-TLP-RED.json`);
      const redDoc = JSON.parse(red);
      assert(redDoc.sealed === 'TLP:RED' && red.includes('Παπαδοπούλου') && red.includes(TRUTH.token), 'the organiser file carries the truth, marked TLP:RED');

      // --- The PDFs, made in the worker. The alert: its pointer, none of the secrets.
      const lacks = (text, what) => {
        for (const s of [...secrets, 'onerror']) assert(!text.toLowerCase().includes(s.toLowerCase()), `the ${what} does not contain ${s}`);
      };
      const alertPdf = await pdfText(page, 'Download as PDF', `${id}-alert.pdf`);
      assert(alertPdf.includes('EXERCISE ALERT TO THE VO SECURITY CONTACT') && alertPdf.includes(id) && alertPdf.includes('TLP:AMBER+STRICT'), `alert PDF: ${alertPdf.slice(0, 300)}`);
      assert(alertPdf.includes('ce01.hpc.grnet.gr') && alertPdf.includes('4711.0'), 'the alert PDF gives the CE and the batch job ID');
      lacks(alertPdf, 'alert PDF');
      // The report: the organiser's TLP:RED copy, with the criteria, the timeline and the truth.
      const reportPdf = await pdfText(page, 'Download the report (PDF)', `${id}-report-TLP-RED.pdf`);
      for (const want of [id, 'SECURITY CHALLENGE REPORT', 'TLP:RED', 'Criteria C1 to C7', 'Timeline', 'What went well', 'Action items', 'Παπαδοπούλου', 'Result PASS', 'SHA-256 of the embedded JSON']) {
        assert(reportPdf.includes(want), `the report PDF shows ${want}`);
      }
      for (let n = 1; n <= 7; n += 1) assert(reportPdf.includes(`C${n} `), `the report PDF lists C${n}`);
      // The debrief: the same without the truth, at the challenge's TLP; then with the truth revealed.
      const debriefPdf = await pdfText(page, 'Download the debrief (PDF)', `${id}-debrief.pdf`);
      for (const want of [id, 'SECURITY CHALLENGE DEBRIEF', 'TLP:AMBER+STRICT', 'Criteria C1 to C7', 'The VO answered from its DIRAC accounting within the morning.']) {
        assert(debriefPdf.includes(want), `the debrief PDF shows ${want}`);
      }
      for (let n = 1; n <= 7; n += 1) assert(debriefPdf.includes(`C${n} `), `the debrief PDF lists C${n}`);
      assert(!debriefPdf.includes('TLP:RED'), 'the debrief is not the TLP:RED copy');
      lacks(debriefPdf, 'sealed debrief PDF');
      await page.getByLabel('Reveal the ground truth in the debrief').check();
      const revealedPdf = await pdfText(page, 'Download the debrief (PDF)', `${id}-debrief-with-truth.pdf`);
      assert(revealedPdf.includes('Ground truth') && revealedPdf.includes('Παπαδοπούλου') && revealedPdf.includes(TRUTH.payloads[1].job), 'the revealed debrief shows the truth');
      await page.getByLabel('Reveal the ground truth in the debrief').uncheck();

      // --- The list.
      await page.getByRole('link', { name: 'All challenges' }).click();
      const row = page.getByRole('table', { name: 'Challenges stored in this browser' }).getByRole('row', { name: new RegExp(id.replaceAll('.', '\\.')) });
      const cells = await row.getByRole('cell').allTextContents();
      assert(cells[0] === VO && cells[1] === 'V1' && cells[2] === '2026-11-27' && /^PASS/.test(cells[3]) && cells[4] === 'entered', `list row: ${cells}`);
      await axe(page, 'challenges (one)');
      await shots(page, 'challenges');

      // --- The VO: its assessment imports the result and applies one proposed answer.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'All assessments' }).click();
      await create(page, 'vo', 'Complex Systems 2026');
      await goSection(page, 'Your VO');
      await commit(page.getByLabel('Name of the VO'), VO);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Results' }).click();
      await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
      // The organiser's TLP:RED file is not a result: refused, nothing stored.
      await page.getByText('Import a challenge result', { exact: true }).click();
      const resultKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ti-assess/v1/challenge-result/')));
      await page.getByLabel(RESULT_FILE_LABEL).setInputFiles(join(ARTIFACTS, `${id}-organiser-TLP-RED.json`));
      await page.getByRole('alert').filter({ hasText: 'The file was not imported' }).waitFor();
      assert((await resultKeys()).length === 0, 'a refused file stores nothing');
      assert(await page.getByRole('table', { name: 'Answers the challenge proposes' }).count() === 0, 'nothing proposed from a refused file');
      // The debrief PDF carries the result file: it imports as the result does.
      await page.getByLabel(RESULT_FILE_LABEL).setInputFiles(join(ARTIFACTS, `${id}-debrief.pdf`));
      await page.getByRole('status').filter({ hasText: `Challenge ${id} (V1, 2026-11-27): PASS` }).waitFor();
      assert((await resultKeys()).length === 1, 'the result the debrief PDF carries is stored');
      await page.getByLabel(RESULT_FILE_LABEL).setInputFiles(join(ARTIFACTS, `${id}-result.json`));
      await page.getByRole('status').filter({ hasText: `Challenge ${id} (V1, 2026-11-27): PASS` }).waitFor();
      assert((await resultKeys()).length === 1, 'the imported result is stored for the contradiction rules');
      const proposed = page.getByRole('table', { name: 'Answers the challenge proposes' });
      const boxes = proposed.getByRole('checkbox');
      const n = await boxes.count();
      assert(n >= 4, `answers proposed: ${n}`);
      const keep = 'Apply to: How long did the VO take to answer its last security request?';
      for (let i = 0; i < n; i += 1) {
        const box = boxes.nth(i);
        const label = await box.evaluate((e) => e.labels[0].textContent);
        if (label === keep) assert(await box.isChecked(), 'the response time is ticked');
        else if (await box.isChecked()) await box.uncheck();
      }
      await axe(page, 'results with a challenge result');
      await page.getByRole('button', { name: 'Apply the ticked answers' }).click();
      await page.getByRole('status').filter({ hasText: `Applied 1 answers from challenge ${id}` }).waitFor();
      const doc = await page.evaluate(() => {
        const k = Object.keys(localStorage).find((x) => x.startsWith('ti-assess/v1/assessment/'));
        return JSON.parse(localStorage.getItem(k));
      });
      assert(doc.answers['VO-CON-3.response-hours']?.number === 0.5, `response hours: ${JSON.stringify(doc.answers['VO-CON-3.response-hours'])}`);
      assert(!doc.answers['VO-TRC-1.drill-date'] && !doc.answers['VO-CHL-1.last-date'], 'the unticked answers are not applied');
      assert(JSON.stringify(doc).includes(id), 'the evidence names the challenge');
      await goSection(page, 'Contacts');
      assert(await page.getByLabel('How long did the VO take to answer its last security request?').inputValue() === '0.5', 'the answer shows in its section');
    });
  });
}
