// End-to-end tests of storage under pressure (quality.md ): a full storage keeps the
// answers in the page, says so, offers a backup and leaves the stored copy intact; a document of a
// newer format is never overwritten whatever the user does.
import { closeSync, ftruncateSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY_PREFIX = 'ti-assess/v1/assessment/';
/** The schema this build writes (persist::SCHEMA). */
const SCHEMA = 2;

/** Fills localStorage with filler keys until fewer than 16 characters are left. */
const fillStorage = (page) => page.evaluate(() => {
  let size = 1 << 20;
  let n = 0;
  for (;;) {
    try {
      localStorage.setItem(`filler-${n}`, 'x'.repeat(size));
      n += 1;
    } catch {
      if (size <= 16) break;
      size >>= 1;
    }
  }
  return n;
});

/** Registers the storage tests with the runner of run.mjs. */
export function storageTests(test, { fresh, create, goSection, assert, LABEL, ARTIFACTS }) {
  test('storage full: the answer stays in the page, a banner offers a backup, the stored copy is intact, saving resumes', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'Quota test');
      await goSection(page, 'Contacts');
      await page.getByLabel(LABEL.email).fill('vo-security@example.org');
      const key = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), KEY_PREFIX);
      const before = await page.evaluate((k) => localStorage.getItem(k), key);
      await fillStorage(page);

      await goSection(page, 'Incident response');
      await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
      const banner = page.getByRole('alert').filter({ hasText: 'the browser\'s storage is full' });
      await banner.waitFor({ timeout: 1000 });
      assert(await page.evaluate((k) => localStorage.getItem(k), key) === before, 'the stored copy is byte-identical');
      assert(await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').isChecked(), 'the answer stays on the page');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        banner.getByRole('button', { name: 'Export a backup now' }).click(),
      ]);
      const file = join(ARTIFACTS, 'quota-backup.json');
      await download.saveAs(file);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      assert(doc.answers['VO-CON-1.email'] && Object.keys(doc.answers).length === 2, 'the backup holds the unsaved answer too');

      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
      await page.getByRole('group', { name: LABEL.procedure }).getByLabel('No', { exact: true }).check();
      await banner.waitFor({ state: 'detached' });
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
      assert(Object.keys(stored.answers).length === 2 && stored.answers['VO-CON-1.email'], 'saving resumed with every answer');
    });
  });

  test('an assessment saved with an earlier question set and schema 1 keeps every answer: orphans are listed and kept, the schema-1 text is kept aside', async (server) => {
    const id = 'a-older';
    const doc = JSON.stringify({
      format: 'ti-assess.assessment', schema: 1, id, name: 'Older set',
      question_set: { id: 'wlcg-ti-vo', version: '0.9.0' }, revision: 2,
      answers: {
        'VO-CON-1.email': { text: 'vo-security@example.org', given_at: '2025-11-26T10:00:00.000Z' },
        'VO-OLD-1.gone': { text: 'An answer to a question that was removed', given_at: '2025-11-26T10:00:00.000Z' },
      },
    });
    await fresh(server, async (page) => {
      const origin = new URL(page.url()).origin;
      await page.goto(`${origin}/#/a/${id}/results`);
      const kept = page.getByRole('region', { name: 'Answers kept from an earlier question set' });
      await kept.getByText('VO-OLD-1.gone').waitFor();
      await kept.getByText('An answer to a question that was removed').waitFor();
      await goSection(page, 'Incident response');
      await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `${KEY_PREFIX}${id}`));
      assert(stored.question_set.version !== '0.9.0', 'saved against the current version of the set');
      assert(stored.answers['VO-OLD-1.gone'] && stored.answers['VO-CON-1.email'] && stored.answers['VO-IR-1.procedure'], 'every answer kept');
      assert(stored.schema === SCHEMA, `saved in schema ${SCHEMA} (${stored.schema})`);
      const original = await page.evaluate((k) => localStorage.getItem(k), `ti-assess/v1/before-migration/${id}/v1`);
      assert(original === doc, 'the schema-1 text is kept aside byte for byte before the first overwrite');
    }, {
      init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
        localStorage.setItem(${JSON.stringify(KEY_PREFIX + id)}, ${JSON.stringify(doc)}); }`,
    });
  });

  test('erase all data in this browser takes two steps and removes every ti-assess value', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'Erase test');
      await goSection(page, 'Contacts');
      await page.getByLabel(LABEL.email).fill('vo-security@example.org');
      await page.getByRole('link', { name: 'All assessments' }).click();
      const appKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ti-assess/')));
      const region = page.getByRole('region', { name: 'Erase all data in this browser' });
      await region.getByRole('button', { name: 'Erase all data…' }).click();
      await region.getByRole('button', { name: 'Cancel' }).click();
      assert((await appKeys()).length > 0, 'Cancel keeps everything');
      await region.getByRole('button', { name: 'Erase all data…' }).click();
      assert((await appKeys()).length > 0, 'the first step removes nothing');
      await region.getByRole('button', { name: 'Erase everything now' }).click();
      await page.getByText(/^Erased all ti-assess data in this browser/).waitFor();
      assert((await appKeys()).length === 0, `left: ${(await appKeys()).join(' ')}`);
      await page.getByRole('heading', { name: 'No assessment yet' }).waitFor();
    });
  });

  test('reload at a random moment after an answer: the stored document always parses and holds the answer before or after (R-10, 50 times)', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'Reload test');
      await goSection(page, 'Contacts');
      const key = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), KEY_PREFIX);
      const hours = page.getByLabel(LABEL.responseHours);
      let previous = null;
      for (let i = 1; i <= 50; i += 1) {
        await hours.fill(String(i));
        await page.waitForTimeout(Math.floor(Math.random() * 100));
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
        const doc = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
        const stored = doc.answers['VO-CON-3.response-hours']?.number ?? null;
        assert(stored === i || stored === previous, `after edit ${i} the stored value is ${stored}`);
        previous = stored;
        await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
      }
    });
  });

  test('20 corrupt stored values: the app boots, lists each, keeps each byte for byte and copies it aside when opened (R-08)', async (server) => {
    const good = JSON.stringify({ format: 'ti-assess.assessment', schema: 1, id: 'x', name: 'X', question_set: { id: 'wlcg-ti-vo', version: '1.0.0' }, revision: 1, answers: {} });
    const variants = [
      '', ' ', 'null', '[]', '{}', '42', '"text"', 'true', '{', good.slice(0, 40), good.slice(0, -1),
      good.replace('"revision":1', '"revision":"one"'), good.replace('"answers":{}', '"answers":[]'),
      good.replace('ti-assess.assessment', 'something.else'), good.replace('"schema":1', '"schema":"1"'),
      good.replace('"answers":{}', '"answers":{"VO-CON-1.email":{"text":5}}'), '\u0000\u0001binary\uFFFD',
      '<html><body>not json</body></html>', '{"format":"ti-assess.assessment"}', good + good,
    ];
    const planted = Object.fromEntries(variants.map((v, i) => [`${KEY_PREFIX}a-bad${i}`, v]));
    await fresh(server, async (page) => {
      const origin = new URL(page.url()).origin;
      await page.getByRole('row', { name: /Unreadable data/ }).first().waitFor();
      const rows = await page.getByRole('row', { name: /Unreadable data/ }).count();
      assert(rows === variants.length, `${rows} of ${variants.length} listed as unreadable`);
      const read = (k) => page.evaluate((key) => localStorage.getItem(key), k);
      for (const [k, v] of Object.entries(planted)) assert(await read(k) === v, `${k} unchanged by listing`);
      for (const [i, v] of variants.entries()) {
        await page.goto(`${origin}/#/a/a-bad${i}`);
        await page.getByRole('heading', { name: 'This assessment cannot be opened' }).waitFor();
        const copy = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), `ti-assess/v1/quarantine/a-bad${i}/`);
        assert(copy && await read(copy) === v, `variant ${i} copied aside byte for byte`);
        assert(await read(`${KEY_PREFIX}a-bad${i}`) === v, `variant ${i} never overwritten`);
      }
    }, {
      init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
        for (const [k, v] of Object.entries(${JSON.stringify(planted)})) localStorage.setItem(k, v); }`,
    });
  });

  test('two tabs, 100 edits alternating with focus switches: the stored document ends with both tabs\' last edits (R-09)', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await create(page, 'vo', 'Busy tabs');
      await goSection(page, 'Contacts');
      const key = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), KEY_PREFIX);
      const other = await context.newPage();
      await other.goto(page.url());
      await other.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
      const stored = async () => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)).answers;
      for (let i = 1; i <= 50; i += 1) {
        await page.bringToFront();
        await page.getByLabel(LABEL.email).fill(`csirt-${i}@example.org`);
        await other.bringToFront();
        await other.getByLabel(LABEL.responseHours).fill(String(i));
        // Tabs see each other's writes a moment late (storage is synced between renderer
        // processes); within that moment both edits must reach the stored copy.
        const both = await page.waitForFunction(([k, n]) => {
          const a = JSON.parse(localStorage.getItem(k)).answers;
          return a['VO-CON-1.email']?.text === `csirt-${n}@example.org` && a['VO-CON-3.response-hours']?.number === n;
        }, [key, i], { timeout: 5000 }).then(() => true, () => false);
        const a = await stored();
        assert(both, `after edit pair ${i}: ${JSON.stringify([a['VO-CON-1.email'], a['VO-CON-3.response-hours']])}`);
      }
      await other.close();
    });
  });

  test('clear and restore: export, browser data cleared, reload, import gives back every answer; the backup indicator follows the export (R-12)', async (server) => {
    await fresh(server, async (page) => {
      await create(page, 'vo', 'Restore test');
      await goSection(page, 'Contacts');
      await page.getByLabel(LABEL.email).fill('vo-security@example.org');
      await page.getByLabel(LABEL.responseHours).fill('6');
      await goSection(page, 'Incident response');
      await page.getByRole('group', { name: LABEL.procedure }).getByLabel('Yes').check();
      await page.getByText(/^Not exported yet\./).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export JSON (backup)' }).click(),
      ]);
      const file = join(ARTIFACTS, 'restore-backup.json');
      await download.saveAs(file);
      await page.getByText(/^Last exported on \d{4}-\d\d-\d\d\./).waitFor();
      const saved = JSON.parse(readFileSync(file, 'utf8'));

      await page.evaluate(() => localStorage.clear());
      await page.goto(new URL(page.url()).origin + '/#/');
      await page.getByRole('heading', { name: 'No assessment yet' }).waitFor();
      await page.getByLabel(/file exported by ti-assess/).setInputFiles(file);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('link', { name: 'Restore test' }).click();
      await page.getByRole('heading', { level: 1, name: 'Restore test' }).waitFor();
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `${KEY_PREFIX}${saved.id}`));
      assert(JSON.stringify(stored.answers) === JSON.stringify(saved.answers), 'every answer restored');
      assert(Object.keys(stored.answers).length === 3, 'three answers');
    });
  });

  test('a hidden page writes nothing, not even on a merge from another tab; an answer given while hidden is saved once the page is visible again (R-09)', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await create(page, 'vo', 'Hidden tab');
      await goSection(page, 'Contacts');
      const key = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), KEY_PREFIX);
      const read = () => page.evaluate((k) => localStorage.getItem(k), key);
      // Count this page's writes (other pages have their own Storage prototype).
      await page.evaluate(() => {
        window.__writes = [];
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { window.__writes.push(k); return setItem.call(this, k, v); };
      });
      // The browser hides the page as when another tab comes to the front.
      const setHidden = (hidden) => page.evaluate((h) => {
        if (h) {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        } else {
          delete document.visibilityState;
          delete document.hidden;
        }
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      }, hidden);
      await setHidden(true);
      const before = await read();
      await page.getByLabel(LABEL.responseHours).fill('7');
      // Another tab saves meanwhile: the hidden page takes its answer in and writes nothing back.
      const other = await context.newPage();
      await other.goto(page.url());
      await other.getByLabel(LABEL.email).fill('csirt@example.org');
      await page.waitForTimeout(300);
      const written = await page.evaluate(() => window.__writes);
      assert(written.length === 0, `the hidden page wrote ${written.join(' ')}`);
      const whileHidden = JSON.parse(await read()).answers;
      assert(!whileHidden['VO-CON-3.response-hours'] && whileHidden['VO-CON-1.email']?.text === 'csirt@example.org',
        `stored while hidden: only the other tab's answer (${JSON.stringify(whileHidden)}; before ${before.length} bytes)`);
      await other.close();
      await setHidden(false);
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).answers['VO-CON-3.response-hours']?.number === 7, key, { timeout: 2000 });
      const after = JSON.parse(await read()).answers;
      assert(after['VO-CON-1.email']?.text === 'csirt@example.org', 'the other tab\'s answer is kept by the deferred save');
    });
  });

  test('a 100 MiB file is refused by its size before it is read (S-03)', async (server) => {
    const big = join(tmpdir(), 'ti-assess-100mib.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    try {
      await fresh(server, async (page) => {
        const input = page.getByLabel(/file exported by ti-assess/);
        await input.evaluate((el) => el.addEventListener('change', () => {
          window.__changedAt = performance.now();
          window.__heapBefore = performance.memory?.usedJSHeapSize ?? 0;
        }, { capture: true }));
        const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
        await input.setInputFiles(big);
        await page.getByRole('alert').filter({ hasText: /104857600 bytes.*at most 1048576 bytes/ }).waitFor();
        const figures = await page.evaluate(() => ({
          ms: performance.now() - window.__changedAt,
          heap: (performance.memory?.usedJSHeapSize ?? 0) - window.__heapBefore,
        }));
        assert(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())) === before, 'nothing stored changed');
        console.log(`     S-03: refused ${figures.ms.toFixed(1)} ms after the file was chosen; JS heap grew ${(figures.heap / 1024).toFixed(0)} KiB`);
      });
    } finally {
      rmSync(big, { force: true });
    }
  });

  test('a document saved by a newer version opens read-only and stays byte-identical after 10 interactions', async (server) => {
    const id = 'a-future';
    const doc = JSON.stringify({
      format: 'ti-assess.assessment', schema: SCHEMA + 1, id, name: 'From the future',
      question_set: { id: 'wlcg-ti-vo', version: '1.0.0' }, revision: 3, answers: {}, something_new: true,
    });
    await fresh(server, async (page) => {
      const origin = new URL(page.url()).origin;
      await page.goto(`${origin}/#/a/${id}/s/contacts`);
      await page.getByRole('alert').filter({ hasText: 'This assessment is open read-only.' }).waitFor();
      const read = () => page.evaluate((k) => localStorage.getItem(k), `${KEY_PREFIX}${id}`);
      // Ten things a user might do: type, click, move around, reload.
      const actions = [
        async () => { const box = page.getByLabel(LABEL.email); if (await box.count()) await box.fill('x@example.org'); },
        async () => page.keyboard.press('Tab'),
        async () => page.goto(`${origin}/#/a/${id}/s/response`),
        async () => { const g = page.getByRole('group', { name: LABEL.procedure }); if (await g.count()) await g.getByLabel('Yes').check({ timeout: 500 }).catch(() => {}); },
        async () => page.goto(`${origin}/#/a/${id}/results`),
        async () => page.goto(`${origin}/#/`),
        async () => page.reload(),
        async () => page.goto(`${origin}/#/a/${id}`),
        async () => page.keyboard.press('Enter'),
        async () => page.reload(),
      ];
      for (const act of actions) {
        await act();
        await page.waitForTimeout(50);
        assert(await read() === doc, 'the newer document is never overwritten');
      }
    }, {
      init: `if (!sessionStorage.getItem('planted')) { sessionStorage.setItem('planted', '1');
        localStorage.setItem(${JSON.stringify(KEY_PREFIX + id)}, ${JSON.stringify(doc)}); }`,
    });
  });
}
