// End-to-end tests of the forensic handbook (issue 15): the working group collects five VO
// reports (names in Cyrillic, Greek and Chinese; tests/e2e/fixtures/handbook-vos.json), downloads
// the handbook PDF (a section per framework, a page per VO, read back with pdftotext; pages
// rendered to PNG) and the handbook file; a site imports that file in "Trace a job", picks the
// VO and sees its security address in the request and its notes above the steps; the import is
// kept in the browser and an unreadable copy is kept aside. And "Trace a job" offline.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { report, bytes } from './reports.mjs';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/handbook-vos.json', import.meta.url), 'utf8'));
const [PERSON, PERSON_MAIL] = FIXTURE.person;
const FRAMEWORKS = ['DIRAC', 'PanDA / Harvester / pilot 3', 'glideinWMS / HTCondor glidein', 'JAliEn'];
const NAMES = FIXTURE.vos.map((v) => v.set['profile.vo-name'].text);

const DIRAC_ENV = [
  'HTCONDOR_JOBID=19126986.5', 'DIRAC_PILOT_STAMP=f3e9a1c07b2d4e55', 'DIRACSITE=LCG.JINR.ru', 'DIRACJOBID=987654321',
  '_CONDOR_JOB_AD=/pool/condor/dir_4711/.job.ad', 'CONDORCE_COLLECTOR_HOST=ce13.jinr.example.ru:9619',
].join('\n');

const files = () => FIXTURE.vos.map((v) => ({
  name: `${v.id}.json`, mimeType: 'application/json', buffer: bytes(report('vo', { id: v.id, name: v.name, set: v.set })),
}));

/** Saves the download `click` starts; its file, suggested name and per-page text (spaces collapsed). */
async function saved(page, click, name, ARTIFACTS) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = join(ARTIFACTS, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

function pdfPages(file) {
  return execFileSync('pdftotext', ['-layout', file, '-']).toString().split('\f').map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p);
}

/** Renders the PDF's pages to artifacts/handbook-<name>-N.png at 60 dpi, to be looked at. */
function pngs(file, name, ARTIFACTS) {
  for (const f of readdirSync(ARTIFACTS).filter((f) => f.startsWith(`handbook-${name}-`) && f.endsWith('.png'))) rmSync(join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-r', '60', '-png', file, join(ARTIFACTS, `handbook-${name}`)]);
}

async function shots(page, name, ARTIFACTS, locator) {
  for (const [w, scheme] of [[1280, 'light'], [375, 'light'], [375, 'dark'], [1280, 'dark']]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await locator.screenshot({ path: join(ARTIFACTS, `${name}-${w}${scheme === 'dark' ? '-dark' : ''}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Registers the handbook tests with the runner of run.mjs. */
export function handbookTests(test, { fresh, assert, axe, ARTIFACTS, serveBuild }) {
  test('handbook: from a 5-report collection, a PDF with a section per framework and a page per VO; a site imports the file and sees the VO prefilled', async (server) => {
    await fresh(server, async (page) => {
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Collect reports' }).click();
      await page.getByLabel('JSON or PDF files exported by ti-assess: assessments, and challenge results (each at most 1 MiB)').setInputFiles(files());
      await page.getByRole('status').getByText('Read 5 files: 5 reports in the collection, 0 files skipped.').waitFor();
      const section = page.getByRole('region', { name: 'Forensic handbook' });
      await section.waitFor();

      // All frameworks: the shared section, one per framework, then one page per VO.
      const all = await saved(page, () => section.getByRole('button', { name: 'Forensic handbook (PDF)' }).click(), 'handbook-all.pdf', ARTIFACTS);
      assert(all.suggested === 'ti-assess-forensic-handbook-all.pdf', all.suggested);
      await section.getByRole('status').getByText('Saved ti-assess-forensic-handbook-all.pdf to your downloads.').waitFor();
      const pages = pdfPages(all.file);
      const text = pages.join(' ');
      for (const f of FRAMEWORKS) assert(pages.some((p) => p.startsWith(`${f} What a site sees`)), `a section for ${f}`);
      for (const want of ['TLP:AMBER', 'Inferred: verify on your release', '<batch_job_id>', 'dirac-admin-get-pilot-info', 'What to send the VO', 'DIRAC site name']) {
        assert(text.includes(want), `the handbook lacks "${want}"`);
      }
      const voPages = pages.filter((p) => p.includes('Security contact'));
      assert(voPages.length === 5, `a page per VO (${voPages.length})`);
      NAMES.forEach((n, i) => assert(voPages[i].includes(n), `page ${i + 1} is ${n}: ${voPages[i].slice(0, 80)}`));
      assert(voPages[1].includes('Каталог пилотов: /home/dirac/pilots') && voPages[3].includes('作业代理工作目录'), 'the VOs\' own notes');
      assert(voPages[0].includes('lhcb-security@cern.ch'), 'the role address');
      assert(!text.includes(PERSON) && !text.includes(PERSON_MAIL), 'no personal answer in the handbook');
      pngs(all.file, 'all', ARTIFACTS);

      // One framework: its section and the VOs that use it.
      await section.getByLabel('Frameworks in the handbook').selectOption({ label: 'DIRAC' });
      const dirac = await saved(page, () => section.getByRole('button', { name: 'Forensic handbook (PDF)' }).click(), 'handbook-dirac.pdf', ARTIFACTS);
      const dPages = pdfPages(dirac.file);
      assert(dPages.some((p) => p.startsWith('DIRAC What a site sees')) && !dPages.some((p) => p.startsWith('JAliEn What a site sees')), 'only DIRAC');
      const dVos = dPages.filter((p) => p.includes('Security contact'));
      assert(dVos.length === 3 && dVos[0].includes('LHCb') && dVos[1].includes('ОИЯИ') && dVos[2].includes('Multi VO'), `DIRAC VOs: ${dVos.length}`);
      pngs(dirac.file, 'dirac', ARTIFACTS);

      // The handbook file.
      const json = await saved(page, () => section.getByRole('button', { name: 'Handbook file (JSON)' }).click(), 'forensic-handbook.json', ARTIFACTS);
      const doc = JSON.parse(readFileSync(json.file, 'utf8'));
      assert(doc.format === 'ti-assess.forensic-handbook' && doc.schema === 1 && doc.generator.name === 'ti-assess', 'envelope');
      assert(doc.vos.length === 5 && doc.vos[2].contact === undefined, 'a personal address is no contact');
      assert(!JSON.stringify(doc).includes(PERSON) && !JSON.stringify(doc).includes(PERSON_MAIL), 'no personal answer in the file');
      await axe(page, 'collect with the handbook section');
      await shots(page, 'handbook-collect', ARTIFACTS, section);

      // The site: import the file, pick the VO.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Trace a job' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();
      const panel = page.getByRole('region', { name: 'Forensic handbook' });
      await panel.getByLabel('Import a handbook (JSON)').setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: files()[0].buffer });
      await panel.getByRole('status').getByText(/^Not imported: This is a `ti-assess.assessment` file, not a forensic handbook/).waitFor();
      await panel.getByLabel('Import a handbook (JSON)').setInputFiles(json.file);
      await panel.getByRole('status').getByText(/^Imported the handbook of 5 VOs, collected \d{4}-\d\d-\d\d\.$/).waitFor();
      await page.getByLabel('Environment of the suspicious process').fill(DIRAC_ENV);
      await page.getByRole('button', { name: 'Recognise' }).click();
      assert(await page.getByLabel('DIRAC site name').inputValue() === 'LCG.JINR.ru', 'DIRACSITE captured');
      await panel.getByLabel('The VO, from the handbook').selectOption({ label: NAMES[1] });
      assert(await page.getByLabel('VO', { exact: true }).inputValue() === NAMES[1], 'the VO named');
      assert(await page.getByLabel('VO security contact').inputValue() === 'security@jinr.example.ru', 'its contact prefilled');
      const vo = panel.getByRole('region', { name: `${NAMES[1]} in the handbook` });
      await vo.getByText('Каталог пилотов: /home/dirac/pilots').waitFor();
      assert(await vo.getByText('Журнал пилота').count() === 0, 'only the notes of the framework in use');
      const request = await page.getByLabel('Trace request to the VO (text)').textContent();
      assert(request.includes('VO security contact: security@jinr.example.ru'), 'the contact in the request');
      assert(request.includes('DIRAC site name: LCG.JINR.ru'), 'DIRACSITE in the request');
      await axe(page, 'trace with a handbook');
      await shots(page, 'handbook-trace', ARTIFACTS, panel);

      // The site's handbook PDF: the framework in use and the imported VOs that use it.
      const site = await saved(page, () => panel.getByRole('button', { name: 'Handbook (PDF)' }).click(), 'handbook-site-dirac.pdf', ARTIFACTS);
      assert(site.suggested === 'ti-assess-forensic-handbook-dirac.pdf', site.suggested);
      assert(pdfPages(site.file).filter((p) => p.includes('Security contact')).length === 3, 'the DIRAC VOs');

      // Kept across a reload; an unreadable copy is kept aside and the site is told.
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
      await page.getByRole('region', { name: 'Forensic handbook' }).getByLabel('The VO, from the handbook').waitFor();
      await page.evaluate(() => localStorage.setItem('ti-assess/v1/trace/handbook', '{"format":"ti-assess.forensic-handbook","schema":1,'));
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
      await page.getByRole('region', { name: 'Forensic handbook' }).getByRole('status').getByText(/could not be read .* kept aside as ti-assess\/v1\/quarantine\/trace-handbook\//).waitFor();
      const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('quarantine/trace-handbook')));
      assert(kept.length === 1, `kept aside (${kept})`);
    });
  });

  test('handbook: without an imported handbook the site\'s PDF has no VO pages', async (server) => {
    await fresh(server, async (page) => {
      await page.goto(`${server.url}#/trace`);
      await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();
      await page.getByLabel('Job framework', { exact: true }).selectOption({ label: 'JAliEn' });
      const panel = page.getByRole('region', { name: 'Forensic handbook' });
      const pdf = await saved(page, () => panel.getByRole('button', { name: 'Handbook (PDF)' }).click(), 'handbook-site-jalien.pdf', ARTIFACTS);
      const pages = pdfPages(pdf.file);
      assert(pages.some((p) => p.startsWith('JAliEn What a site sees')), 'the JAliEn section');
      assert(!pages.some((p) => p.includes('Security contact')), 'no VO page');
      assert(pages.join(' ').includes('No VO pages: this handbook was made without the working group\'s collection.'), 'says why');
    });
  });

  test('handbook offline: Trace a job works with the server stopped (recognise, steps, request, handbook PDF)', async () => {
    const own = await serveBuild();
    let stopped = false;
    try {
      await fresh(own, async (page, _log, context) => {
        await page.evaluate(() => navigator.serviceWorker.ready);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
        await own.close();
        stopped = true;
        await context.setOffline(true);
        await page.goto(`${own.url}#/trace`);
        // Served by the service worker alone: the server is gone and the browser offline.
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
        await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();
        await page.getByLabel('Environment of the suspicious process').fill(DIRAC_ENV);
        await page.getByRole('button', { name: 'Recognise' }).click();
        assert(await page.getByLabel('Job framework', { exact: true }).inputValue() === 'dirac', 'recognised offline');
        await page.getByLabel('Local account', { exact: true }).fill('lhcbplt07');
        assert((await page.locator('.ta-cmd__line').allTextContents()).includes("ps -u 'lhcbplt07' -f --forest"), 'commands filled offline');
        const request = await page.getByLabel('Trace request to the VO (text)').textContent();
        assert(request.includes('DIRAC site name: LCG.JINR.ru'), 'the request offline');
        const panel = page.getByRole('region', { name: 'Forensic handbook' });
        const pdf = await saved(page, () => panel.getByRole('button', { name: 'Handbook (PDF)' }).click(), 'handbook-offline.pdf', ARTIFACTS);
        assert(pdfPages(pdf.file).some((p) => p.startsWith('DIRAC What a site sees')), 'the handbook PDF offline');
      });
    } finally {
      if (!stopped) await own.close();
    }
  });
}
