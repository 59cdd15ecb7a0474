// The results and the walk-through fit the screen (issue #13): page heights at 1280 and 375 px,
// the section list beside the content from the top (and folded behind one "Sections" control on
// a phone), the chart's rendered text size, nothing scrolling sideways, printing opening every
// row. Screenshots of each view at both widths in light and dark go to artifacts/.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One screen of the e2e viewports: "three screens tall" means 3 × this at 1280 px. */
const SCREEN = 800;

/** The page's height and width against the viewport's. */
const extent = (page) => page.evaluate(() => ({
  height: document.documentElement.scrollHeight,
  width: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
}));

/** The smallest rendered text size (px) in the chart: computed font size times any scale the
 * element is drawn at (an SVG's viewBox, a transform), measured on every text node. */
const chartTextSizes = (page) => page.evaluate(() => {
  const figure = [...document.querySelectorAll('figure')].find((f) => /Answers and gaps by section/.test(f.textContent));
  if (!figure) return { count: 0, min: 0 };
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  const sizes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const size = parseFloat(getComputedStyle(el).fontSize);
    let scale = 1;
    if (el instanceof SVGElement && el.ownerSVGElement) {
      const svg = el.ownerSVGElement;
      scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    } else if (el.offsetWidth > 0) {
      scale = el.getBoundingClientRect().width / el.offsetWidth;
    }
    sizes.push(size * scale);
  }
  return { count: sizes.length, min: Math.min(...sizes) };
});

export function layoutTests(test, { fresh, create, goSection, assert, axe, ARTIFACTS }) {
  test('results and the walk-through fit the screen: heights at 1280 and 375 px, section list beside the content from the top, "Sections" control on a phone, chart text at 12 px or more, printing opens every row', async (server) => {
    await fresh(server, async (page) => {
      await page.setViewportSize({ width: 1280, height: SCREEN });
      await create(page, 'vo', 'Свежая ВО');
      const id = new URL(page.url()).hash.split('/')[2];
      const figures = { vo: 'Свежая ВО' };
      const views = [['section', `#/a/${id}/s/contacts`, 'Contacts'], ['results', `#/a/${id}/results`, 'Results']];
      const nav = page.getByRole('navigation', { name: 'Sections' });
      for (const [name, hash, heading] of views) {
        await page.evaluate((h) => { location.hash = h; }, hash);
        await page.getByRole('heading', { level: 2, name: heading }).waitFor();
        // Beside the content from the top: the list starts where the main column starts (both
        // right under the site's navigation bar) and lies to its left.
        const list = await nav.boundingBox();
        const main = await page.getByRole('main').boundingBox();
        figures[`${name}_1280_nav_top`] = Math.round(list.y);
        figures[`${name}_1280_main_top`] = Math.round(main.y);
        assert(Math.abs(list.y - main.y) <= 8, `${name}: the section list starts at ${list.y} px, the content at ${main.y} px`);
        assert(list.x + list.width <= main.x, `${name}: the section list is beside the content`);
        assert(list.y < 120, `${name}: the section list starts at the top of the page (${list.y} px)`);
        // It stays beside the content while the page scrolls.
        await page.evaluate(() => window.scrollTo(0, 1200));
        const scrolled = await nav.boundingBox();
        assert(scrolled.y >= -1 && scrolled.y < SCREEN / 2, `${name}: after scrolling the section list is at ${scrolled.y} px`);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      // A fresh VO assessment's results at 1280 px: at most three screens tall.
      const wide = await extent(page);
      figures.results_1280_height = wide.height;
      assert(wide.height <= 3 * SCREEN, `results at 1280 px are ${wide.height} px tall (${(wide.height / SCREEN).toFixed(1)} screens)`);
      assert(wide.width <= wide.view, 'results at 1280 px do not scroll sideways');
      const rows = page.getByRole('list', { name: 'Recommendations and their status' }).locator(':scope > li');
      assert(await rows.count() === 20, `one row per VO recommendation (${await rows.count()})`);
      const chartWide = await chartTextSizes(page);
      figures.chart_1280_min_px = chartWide.min;
      await axe(page, 'results (fresh VO, 1280 px)');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `results-fresh-1280-${scheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });

      // A row opens on its criterion and answers; the others stay compact.
      const first = rows.first();
      await first.locator('summary').click();
      await first.getByText('Criterion', { exact: true }).waitFor();
      await first.getByRole('link', { name: /^Go to its questions/ }).waitFor();
      // Printing opens every row (and closes again afterwards only those it opened).
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const openWhilePrinting = await page.evaluate(() => [...document.querySelectorAll('details')].filter((d) => !d.open).length);
      assert(openWhilePrinting === 0, `${openWhilePrinting} disclosures closed while printing`);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      const afterPrint = await page.evaluate(() => [...document.querySelectorAll('.ta-rec details, details.ta-rec__details')].map((d) => d.open));
      assert(afterPrint[0] === true && afterPrint.slice(1).every((o) => !o), `after printing only the row the user opened is open (${afterPrint})`);
      // The browser's own print (Chromium's PDF) carries every row's criterion.
      const pdf = join(ARTIFACTS, 'results-print.pdf');
      await page.emulateMedia({ media: 'print' });
      writeFileSync(pdf, await page.pdf({ format: 'A4' }));
      await page.emulateMedia({ media: 'screen' });
      const printed = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
      const criteria = (printed.match(/Criterion/g) || []).length;
      figures.printed_criteria = criteria;
      assert(criteria === 20, `the printout holds ${criteria} of 20 criteria`);
      assert(await page.evaluate(() => [...document.querySelectorAll('details.ta-rec__details')].filter((d) => d.open).length) === 1,
        'after the browser printed, the rows are as the user left them');
      await first.locator('summary').click();

      // 375 px: the section list folds behind one control naming the current section and the
      // progress; the content starts in the first screen; the chart's text is 12 px or more.
      await page.setViewportSize({ width: 375, height: SCREEN });
      const narrow = await extent(page);
      figures.results_375_height = narrow.height;
      assert(narrow.width <= narrow.view, `results at 375 px are ${narrow.width} px wide on a ${narrow.view} px screen`);
      const toggle = page.getByRole('button', { name: /^Sections/ });
      await toggle.waitFor();
      const name = (await toggle.textContent()).replace(/\s+/g, ' ');
      assert(/Results/.test(name) && /0 of \d+ questions answered/.test(name), `the control names the place and the progress ("${name}")`);
      assert(await toggle.getAttribute('aria-expanded') === 'false', 'folded at first');
      assert(!(await nav.getByRole('link', { name: /^Contacts/ }).isVisible()), 'the section links are folded away');
      const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
      figures.results_375_h1_top = Math.round(heading.y);
      assert(heading.y < SCREEN / 3, `the content starts at ${heading.y} px on a phone`);
      const chartNarrow = await chartTextSizes(page);
      figures.chart_375_min_px = chartNarrow.min;
      assert(chartNarrow.count > 10 && chartNarrow.min >= 12, `the chart's smallest text renders at ${chartNarrow.min.toFixed(1)} px at 375 px (${chartNarrow.count} texts)`);
      await axe(page, 'results (fresh VO, 375 px)');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `results-fresh-375-${scheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await toggle.click();
      assert(await toggle.getAttribute('aria-expanded') === 'true', 'the control opens the list');
      await page.screenshot({ path: join(ARTIFACTS, 'sections-open-375.png') });
      await axe(page, 'section list open at 375 px');
      await nav.getByRole('link', { name: /^Contacts/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
      assert(await toggle.getAttribute('aria-expanded') === 'false', 'following a link folds the list again');
      const sectionName = (await toggle.textContent()).replace(/\s+/g, ' ');
      assert(/Contacts/.test(sectionName), `the control names the current section ("${sectionName}")`);
      const section = await extent(page);
      figures.section_375_height = section.height;
      assert(section.width <= section.view, 'a section at 375 px does not scroll sideways');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `section-375-${scheme}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: SCREEN });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `section-1280-${scheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      // Single-line answers are single-line inputs; no label reads "…?:".
      await goSection(page, 'Your VO');
      const voName = page.getByLabel('Name of the VO');
      assert(await voName.evaluate((e) => e.tagName === 'INPUT' && e.type === 'text'), 'the VO name is a one-line input');
      const labels = await page.evaluate(() => [...document.querySelectorAll('label, legend, dt, th')].map((l) => l.textContent.trim()));
      assert(!labels.some((l) => /\?:\s*$|\?:/.test(l)), `labels ending in "?:": ${labels.filter((l) => /\?:/.test(l))}`);
      writeFileSync(join(ARTIFACTS, 'layout-figures.json'), JSON.stringify(figures, null, 2));
    });
  });
}
