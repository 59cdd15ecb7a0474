// End-to-end tests of the PDF in every script: an assessment named and answered in Cyrillic,
// Greek, Hebrew, Chinese, Japanese and Korean exports a PDF whose text (poppler's pdftotext)
// holds every string, whose fonts (pdffonts) are all embedded; the second export is byte for
// byte the first; the fonts are not fetched before an export, the CJK one is kept for offline use
// as soon as it is typed, and the export works again offline. A character no font has is
// reported before the download.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';

/** Per script: the field (section, label) and the text typed into it. */
const ANSWERS = [
  ['Your VO', 'Name of the VO', 'Εθνικό Κέντρο Έρευνας «Δημόκριτος»'],
  ['Incident response', 'Where is the procedure kept, and who owns it?', 'מכון ויצמן למדע'],
  ['Central logging', "Which systems hold the VO's central record of payloads?", '中国科学院高能物理研究所'],
  ['Trace drill', 'What did the drill pick?', '高エネルギー加速器研究機構'],
  ['Trace drill', 'What slowed the drill down or blocked it?', '한국과학기술정보연구원'],
  ['Forensic guide for sites', 'Where is the guide published?', '國立中央大學網路與計算中心'],
];
const NAME = 'Объединённый институт ядерных исследований';

/** Whitespace and poppler's bidi marks removed (a Chinese line break is a newline in the text). */
const squash = (s) => s.replace(/[\s\u200e\u200f\u202a-\u202e]/g, '');

const tool = (name, args) => execFileSync(name, args, { encoding: 'utf8' });

/** The embedded fonts' names (subset tag removed), after checking each is emb, sub and uni. */
function embeddedFonts(file, assert) {
  const rows = tool('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim());
  const names = [];
  for (const row of rows) {
    const w = row.trim().split(/\s+/);
    if (w[1] === 'Type' && w[2] === '1') continue; // the builtin Helvetica
    const [emb, sub, uni] = w.slice(-5, -2);
    assert(emb === 'yes' && sub === 'yes' && uni === 'yes', `pdffonts: ${row}`);
    names.push(w[0].replace(/^[A-Z]{6}\+/, ''));
  }
  return names;
}

async function download(page, button, file) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  await d.saveAs(file);
  return readFileSync(file);
}

/** Registers the font tests with the runner of run.mjs. */
export function fontsTests(test, { fresh, create, goSection, assert, ARTIFACTS, DIST }) {
  test('PDF: every script prints from embedded fonts, the same bytes twice, and again offline', async () => {
    const own = await serve(DIST);
    let stopped = false;
    try {
      await fresh(own, async (page, log, context) => {
        await page.evaluate(() => navigator.serviceWorker.ready);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
        const cached = () => page.evaluate(async () => {
          const cache = await caches.open((await caches.keys())[0]);
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        });
        const before = await cached();
        assert(before.some((f) => /^\/fonts\/NotoSans-Regular\.[0-9a-f]{8}\.woff2$/.test(f)), `Noto Sans is precached: ${before.join(' ')}`);
        assert(before.includes('/fonts/OFL-1.1.txt'), 'the licences ship with the fonts');
        assert(!before.some((f) => f.startsWith('/fonts/on-demand/')), 'the CJK font is not precached');

        await create(page, 'vo', NAME);
        for (const [section, label, text] of ANSWERS) {
          await goSection(page, section);
          await page.getByLabel(label, { exact: true }).fill(text);
        }
        // Stored answers now hold CJK: the page has asked the service worker to keep the font.
        await page.waitForFunction(async () => {
          const cache = await caches.open((await caches.keys())[0]);
          return (await cache.keys()).some((r) => r.url.includes('/fonts/on-demand/'));
        }, null, { timeout: 30000 });
        assert(!log.requests.some((u) => u.includes('/fonts/')), `the page fetched no font itself: ${log.requests.filter((u) => u.includes('/fonts/')).join(' ')}`);

        const exportButton = page.getByRole('button', { name: 'Export PDF' });
        const first = await download(page, exportButton, join(ARTIFACTS, 'scripts-report.pdf'));
        assert(first.subarray(0, 5).toString() === '%PDF-', 'a PDF');
        const text = squash(tool('pdftotext', [join(ARTIFACTS, 'scripts-report.pdf'), '-']));
        for (const s of [NAME, ...ANSWERS.map((a) => a[2])]) {
          assert(text.includes(squash(s)), `pdftotext lacks ${s}`);
        }
        assert(!text.includes('\ufffd'), 'no stand-in');
        const fonts = embeddedFonts(join(ARTIFACTS, 'scripts-report.pdf'), assert);
        for (const f of ['NotoSans-', 'NotoSansHebrew-', 'DroidSansFallback']) {
          assert(fonts.some((n) => n.startsWith(f)), `${f} not embedded: ${fonts.join(' ')}`);
        }
        tool('pdftoppm', ['-png', '-r', '60', join(ARTIFACTS, 'scripts-report.pdf'), join(ARTIFACTS, 'scripts-report')]);
        await page.getByText(/^Saved ti-assess-/).waitFor();
        const second = await download(page, exportButton, join(ARTIFACTS, 'scripts-report-2.pdf'));
        assert(Buffer.compare(first, second) === 0, 'the second export is byte-identical');

        await own.close();
        stopped = true;
        await context.setOffline(true);
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
        const offline = await download(page, page.getByRole('button', { name: 'Export PDF' }), join(ARTIFACTS, 'scripts-report-offline.pdf'));
        assert(Buffer.compare(first, offline) === 0, 'offline, a fresh worker makes the same bytes from the stored fonts');
      });
    } finally {
      if (!stopped) await own.close();
    }
  });

  test('PDF: a character no font has is reported before the download, which stays possible', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'مركز الحوسبة 🙂');
      const status = page.getByRole('status').filter({ hasText: 'No font of ti-assess has' });
      await page.getByRole('button', { name: 'Export PDF' }).click();
      await status.waitFor();
      const said = await status.textContent();
      assert(said.includes('🙂 (U+1F642)') && said.includes('transliteration'), `the report: ${said}`);
      const file = join(ARTIFACTS, 'no-font-report.pdf');
      const bytes = await download(page, page.getByRole('button', { name: 'Download the PDF anyway' }), file);
      assert(bytes.subarray(0, 5).toString() === '%PDF-', 'the PDF is still there');
      assert(tool('pdftotext', [file, '-']).includes('\ufffd'), 'drawn as U+FFFD, not a silent ?');
    });
  });
}
