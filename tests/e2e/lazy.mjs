// End-to-end tests of what loads when (issue #16): the static shell of index.html is painted
// before the wasm has run and is replaced without a layout shift; the tools (Collect, Compare,
// the challenge kit, "Trace a job") are a second module fetched only when first opened, and a
// failed fetch shows a message with a retry, never a dead page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TITLE = 'ti-assess: traceability and isolation self-assessment';

/** Sums the layout shifts the page has had (the CLS of the visit so far, without input). */
const RECORD_SHIFTS = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
};

/** Registers the tests with the runner of run.mjs. */
export function lazyTests(test, { fresh, assert, axe, ARTIFACTS, DIST }) {
  /** The view as it is at 1280 and 375 px, light and dark, into ARTIFACTS/<name>-<width>-<scheme>.png;
   * leaves the page light at 1280 × 900. */
  const screenshots = async (page, name) => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 700 });
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}-${scheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  test('the app module carries none of the tools: their words are in the tools module only', async () => {
    const files = readdirSync(DIST);
    const app = files.find((f) => /^ti-assess-[0-9a-f]+_bg\.wasm$/.test(f));
    assert(app, `no app wasm in ${DIST}: ${files.join(' ')}`);
    const main = readFileSync(join(DIST, app));
    const tools = readFileSync(join(DIST, 'ti-assess-tools_bg.wasm'));
    // Headings and messages that only the tools' views print.
    for (const words of ['Compare two assessments', "Trace a job: the VO's side", 'Create challenge', 'Keep this collection']) {
      assert(!main.includes(words), `the app module holds "${words}"`);
      assert(tools.includes(words), `the tools module lacks "${words}"`);
    }
  });

  test('first paint: the static shell shows the home page before the wasm runs; the app replaces it with no layout shift', async (server) => {
    await fresh(server, async (page, log, context) => {
      // Hold the app's wasm back until the shell has been looked at.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await context.route(/\/ti-assess-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
      await page.goto(server.url);
      const shell = page.locator('#ta-shell');
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      assert(await shell.count() === 1, 'the shell is on the page while the wasm loads');
      assert(await page.getByRole('status').filter({ hasText: 'Loading your assessments' }).count() === 1, 'the shell says it is loading');
      assert(await page.getByRole('navigation', { name: 'Site' }).getByRole('link').count() === 5, 'the shell has the navigation');
      assert(await shell.locator('[style], script, style, form, input, button').count() === 0, 'the shell has no inline style or script and nothing to type into');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({ path: join(ARTIFACTS, `shell-${width}-${scheme}.png`) });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
      const shellTrace = await page.getByRole('region', { name: 'A suspicious job, now?' }).innerText();
      release();
      await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
      assert(await shell.count() === 0, 'the app removed the shell');
      assert(await page.getByRole('heading', { level: 1 }).count() === 1, 'one page heading');
      assert(await page.getByRole('heading', { level: 1, name: TITLE }).count() === 1, 'the app has the shell\'s title');
      assert(await page.getByRole('region', { name: 'A suspicious job, now?' }).innerText() === shellTrace, 'the shell says what the home page says');
      assert(await page.getByRole('heading', { level: 2, name: 'No assessment yet' }).count() === 1, 'the app\'s home page');
      await page.waitForTimeout(300);
      const shifts = await page.evaluate(() => window.__shifts);
      assert(shifts.length === 0, `no layout shift: ${JSON.stringify(shifts)}`);
      await axe(page, 'home after the shell');
    }, { open: false, init: RECORD_SHIFTS, contextOptions: { serviceWorkers: 'block' } });
  });

  test('tools: fetched only when first opened; a failed load says so and "Try again" loads it', async (server) => {
    await fresh(server, async (page, log, context) => {
      assert(!log.requests.some((u) => u.includes('ti-assess-tools')), 'the first load fetched no tools module');
      // The script fails first, then the wasm: both are retried.
      await context.route(/ti-assess-tools\.js/, (route) => route.abort('internetdisconnected'));
      await context.route(/ti-assess-tools_bg\.wasm$/, (route) => route.abort('internetdisconnected'));
      const nav = page.getByRole('navigation', { name: 'Site' });
      await nav.getByRole('link', { name: 'Collect reports' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
      await alert.waitFor();
      assert((await alert.innerText()).includes('Check your connection, then try again'), 'the message says what to do');
      await screenshots(page, 'tools-failed');
      await axe(page, 'tools failed to load');
      await context.unroute(/ti-assess-tools\.js/);
      await page.getByRole('button', { name: 'Try again' }).click();
      await alert.waitFor();
      assert(await page.getByRole('heading', { level: 1, name: 'Collect reports' }).count() === 0, 'still no Collect while the wasm fails');
      await context.unroute(/ti-assess-tools_bg\.wasm$/);
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: 'Collect reports' }).waitFor();
      assert(await alert.count() === 0, 'the message is gone once the view is there');
      // The module stays loaded: the other tools open without fetching it again, and the home
      // page comes back whole.
      const fetched = log.requests.filter((u) => u.includes('ti-assess-tools_bg.wasm')).length;
      await nav.getByRole('link', { name: 'Challenges' }).click();
      await page.getByRole('heading', { level: 1, name: 'Challenges' }).waitFor();
      await nav.getByRole('link', { name: 'All assessments' }).click();
      await page.getByRole('heading', { level: 2, name: 'No assessment yet' }).waitFor();
      await nav.getByRole('link', { name: 'Compare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compare two assessments' }).waitFor();
      assert(log.requests.filter((u) => u.includes('ti-assess-tools_bg.wasm')).length === fetched, 'the tools module was fetched once');
      assert(log.pageErrors.length === 0, `page errors: ${log.pageErrors.join(' | ')}`);
    }, { allowErrors: true, contextOptions: { serviceWorkers: 'block' } });
  });

  test('question sets: the page carries neither; they are fetched when first needed, and a failed fetch says so with "Try again"', async (server) => {
    // Words only a question set holds (a help text of each), in the set files and not in the page.
    const files = readdirSync(DIST);
    const app = files.find((f) => /^ti-assess-[0-9a-f]+_bg\.wasm$/.test(f));
    const main = readFileSync(join(DIST, app));
    const sets = readdirSync(join(DIST, 'questions'));
    assert(sets.length === 2 && sets.every((f) => /^(vo|site)-[0-9a-f]{16}\.json$/.test(f)), `two set files named by their hash: ${sets.join(' ')}`);
    const words = { vo: 'As registered with the infrastructure, for example in the EGI Operations Portal', site: 'Site security contact in GOCDB' };
    for (const f of sets) {
      const kind = f.split('-')[0];
      assert(readFileSync(join(DIST, 'questions', f), 'utf8').includes(words[kind]), `${f} holds its questions`);
      assert(!main.includes(words[kind]), `the page wasm holds the ${kind} set's words`);
    }
    await fresh(server, async (page, log, context) => {
      const asked = () => log.requests.filter((u) => u.includes('/questions/'));
      assert(asked().length === 0, `the first load of an empty home page fetched no set: ${asked().join(' ')}`);
      await context.route(/\/questions\//, (route) => route.abort('internetdisconnected'));
      await page.getByRole('textbox', { name: 'Name' }).fill('ATLAS 2026');
      await page.getByRole('button', { name: 'Create assessment' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'The assessment could not be created' });
      await refused.waitFor();
      const said = await refused.innerText();
      assert(said.includes('The VO question set could not be loaded') && said.includes('Check the connection and try again'), `the message says what failed and what to do: ${said}`);
      await context.unroute(/\/questions\//);
      await page.getByRole('button', { name: 'Create assessment' }).click();
      await page.getByRole('heading', { level: 1, name: 'ATLAS 2026' }).waitFor();
      assert(asked().length >= 2, 'both sets were fetched');
      const address = page.url();
      // Reloaded with the sets unreachable: the assessment waits for them, says why, and opens on "Try again".
      await context.route(/\/questions\//, (route) => route.abort('internetdisconnected'));
      await page.reload();
      const waiting = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
      await waiting.waitFor();
      assert(await page.getByRole('heading', { level: 1, name: 'This assessment cannot be opened yet' }).count() === 1, 'the page says the assessment cannot be opened yet');
      assert((await waiting.innerText()).includes('Your answers are stored unchanged'), 'and that nothing is lost');
      await screenshots(page, 'sets-failed');
      await axe(page, 'question sets failed to load');
      await context.unroute(/\/questions\//);
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: 'ATLAS 2026' }).waitFor();
      assert(page.url() === address, 'the same place');
      // The home page lists it with its progress once the sets are here.
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'All assessments' }).click();
      const row = page.getByRole('row', { name: /ATLAS 2026/ });
      await row.getByRole('cell', { name: /^\d+%$/ }).waitFor();
      assert(log.pageErrors.length === 0, `page errors: ${log.pageErrors.join(' | ')}`);
    }, { allowErrors: true, contextOptions: { serviceWorkers: 'block' } });
  });
}
