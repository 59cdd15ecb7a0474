// No stale field (issue #13): after another tab's change is merged every input shows the merged
// value; the field the person is typing in keeps their text, says that the other tab changed it
// and offers both values. Two tabs on one assessment, with a text, a number, a date and a group row.
import { join } from 'node:path';

const KEY_PREFIX = 'ti-assess/v1/assessment/';
const LABEL = {
  picked: 'What did the drill pick?',
  hours: 'Hours from the start of the drill to naming the owner',
  date: 'When did you last run the trace drill?',
  stores: 'How long does each store keep its traceability records?',
};

export function staleTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS }) {
  test('no stale field: two tabs; every field shows the merged value; the field being typed in keeps its text and offers keep mine / take theirs (text, number, date, group row)', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await create(page, 'vo', 'Δύο καρτέλες');
      await goSection(page, 'Trace drill');
      const key = await page.evaluate((p) => Object.keys(localStorage).find((k) => k.startsWith(p)), KEY_PREFIX);
      const stored = async () => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)).answers;
      const other = await context.newPage();
      await other.goto(page.url());
      await other.getByRole('heading', { level: 2, name: 'Trace drill' }).waitFor();
      const box = (p, label) => p.locator('.ta-question', { has: p.getByLabel(label, { exact: true }) });

      // This tab answers all three and is still typing in the text when the other tab saves.
      await page.bringToFront();
      await page.getByLabel(LABEL.hours).fill('5');
      await page.getByLabel(LABEL.date).fill('2026-10-01');
      await page.getByLabel(LABEL.picked).fill('Пилот 4711 на wn-17');
      await other.bringToFront();
      await other.getByLabel(LABEL.picked).waitFor();
      await other.waitForFunction((l) => [...document.querySelectorAll('textarea')].some((t) => t.value === 'Пилот 4711 на wn-17'), LABEL.picked);
      await other.getByLabel(LABEL.hours).fill('3');
      await other.getByLabel(LABEL.date).fill('2026-11-20');
      await other.getByLabel(LABEL.picked).fill('作业 4711，工作节点 wn-17');
      // The fields not being typed in show the merged values without a reload ...
      await page.waitForFunction(([h, d]) => {
        const byLabel = (t) => [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === t)?.control;
        return byLabel(h)?.value === '3' && byLabel(d)?.value === '2026-11-20';
      }, [LABEL.hours, LABEL.date]);
      // ... the one being typed in keeps the person's text and offers both values.
      const picked = page.getByLabel(LABEL.picked);
      assert(await picked.evaluate((e) => document.activeElement === e), 'the text field still has the focus');
      const notice = box(page, LABEL.picked).getByRole('alert').filter({ hasText: 'Another tab changed this answer' });
      await notice.getByText('“作业 4711，工作节点 wn-17”', { exact: false }).waitFor();
      assert(await picked.inputValue() === 'Пилот 4711 на wn-17', 'the typed text is kept');
      assert(await box(page, LABEL.hours).getByRole('alert').filter({ hasText: 'Another tab' }).count() === 0, 'no notice on a field not being typed in');
      await axe(page, 'stale-field notice');
      await page.screenshot({ path: join(ARTIFACTS, 'stale-notice-1280.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(ARTIFACTS, 'stale-notice-1280-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
      // Keep mine: saved over the other tab's text, and the other tab (typing there last) is
      // offered both values in turn; it takes this one.
      await page.bringToFront();
      await notice.getByRole('button', { name: 'Keep mine' }).click();
      await notice.waitFor({ state: 'hidden' });
      await page.waitForFunction(([k]) => JSON.parse(localStorage.getItem(k)).answers['VO-TRC-1.drill-picked']?.text === 'Пилот 4711 на wn-17', [key]);
      const a = await stored();
      assert(a['VO-TRC-1.time-to-owner'].number === 3 && a['VO-TRC-1.drill-date'].date === '2026-11-20', `both tabs' answers are stored (${JSON.stringify(a)})`);
      await other.bringToFront();
      const otherNotice = box(other, LABEL.picked).getByRole('alert').filter({ hasText: 'Another tab changed this answer' });
      await otherNotice.getByText('“Пилот 4711 на wn-17”', { exact: false }).waitFor();
      assert(await other.getByLabel(LABEL.picked).inputValue() === '作业 4711，工作节点 wn-17', 'the other tab keeps its text until it chooses');
      await otherNotice.getByRole('button', { name: 'Take theirs' }).click();
      await otherNotice.waitFor({ state: 'hidden' });
      assert(await other.getByLabel(LABEL.picked).inputValue() === 'Пилот 4711 на wn-17', 'take theirs puts the other value in the field');

      // A group row: a row added in one tab appears in the other; a change made while this tab
      // types in the row is offered, and take theirs shows it.
      await goSection(page, 'Retention');
      await goSection(other, 'Retention');
      await page.bringToFront();
      const stores = (p) => p.getByRole('group', { name: LABEL.stores });
      await stores(page).getByRole('button', { name: 'Add a row' }).click();
      await stores(page).getByLabel('Row 1: Store').selectOption({ label: 'Pilot database (pilot to batch job to payload)' });
      await stores(page).getByLabel('Row 1: Days retrievable').fill('30');
      await other.bringToFront();
      await other.waitForFunction((l) => {
        const g = [...document.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent === l);
        return g && [...g.querySelectorAll('input')].some((i) => i.value === '30');
      }, LABEL.stores);
      await stores(other).getByLabel('Row 1: Days retrievable').fill('400');
      const rowNotice = stores(page).getByRole('alert').filter({ hasText: 'Another tab changed this answer' });
      await rowNotice.getByText('Days retrievable: 400 days', { exact: false }).waitFor();
      assert(await stores(page).getByLabel('Row 1: Days retrievable').inputValue() === '30', 'the row being typed in keeps its value');
      await page.screenshot({ path: join(ARTIFACTS, 'stale-row-1280.png') });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: join(ARTIFACTS, 'stale-row-375.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(ARTIFACTS, 'stale-row-375-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.bringToFront();
      await rowNotice.getByRole('button', { name: 'Take theirs' }).click();
      await rowNotice.waitFor({ state: 'hidden' });
      assert(await stores(page).getByLabel('Row 1: Days retrievable').inputValue() === '400', 'take theirs shows the other tab\'s row');
      const rows = (await stored())['VO-LOG-2.stores'].rows;
      assert(rows.length === 1 && rows[0].days.number === 400, `the stored row is the other tab's (${JSON.stringify(rows)})`);
      // A merge while nobody types in the group rebuilds it at once.
      await other.bringToFront();
      await stores(other).getByRole('button', { name: 'Add a row' }).click();
      await stores(other).getByLabel('Row 2: Days retrievable').fill('200');
      await page.bringToFront();
      await page.getByRole('heading', { level: 2, name: 'Retention' }).click();
      await other.bringToFront();
      await stores(other).getByLabel('Row 2: Days retrievable').fill('210');
      await page.waitForFunction((l) => {
        const g = [...document.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent === l);
        return g && [...g.querySelectorAll('input')].some((i) => i.value === '210');
      }, LABEL.stores);
      assert(await stores(page).getByRole('alert').filter({ hasText: 'Another tab' }).count() === 0, 'no notice when nobody types in the group');
      await other.close();
    });
  });
}
