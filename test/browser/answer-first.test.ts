/**
 * The dashboard answers first: after "Try the sample data" the figures are on
 * the first screen (1400×900 and a 390×844 phone, light and dark), the demo
 * fills every tab (its inventory and denials file load too), every warning
 * says why, the tabs follow the arrow keys, Clear asks first, and no request
 * of the page fails, source maps included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import {
  CARD_LABELS,
  card,
  launch,
  loadAndWait,
  settled,
  WAIT,
  watchedPage,
  type Watched,
  screenshotPath,
} from './chromium.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function demo(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Watched> {
  const w = await watchedPage(browser, siteUrl, 'UTC', { viewport, colorScheme });
  await w.page.goto(siteUrl);
  await loadAndWait(w.page, () => w.page.getByRole('button', { name: 'Try the sample data' }).click());
  await settled(w.page, 'All license items');
  return w;
}

/** The element's box, which must exist. */
async function box(locator: Locator) {
  await locator.waitFor(WAIT);
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

/** Every file the page fetched that names a source map: the map must be there too. */
async function sourceMapsResolve(w: Watched): Promise<string[]> {
  const scripts = await w.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => /\.m?js(\?|$)/.test(u)),
  );
  const missing: string[] = [];
  for (const url of scripts) {
    const text = await (await w.page.request.get(url)).text();
    const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (map && !map.startsWith('data:')) {
      const status = (await w.page.request.get(new URL(map, url).href)).status();
      if (status >= 400) missing.push(`${url} → ${map}: ${status}`);
    }
  }
  return missing;
}

/** Scripts in the built site (global-setup.ts builds it there) that name a source map the build lacks. */
function danglingSourceMaps(): string[] {
  const dist = join(fileURLToPath(new URL('../../', import.meta.url)), 'test-results/site');
  const scripts = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.m?js$/.test(f));
  expect(scripts.some((f) => f.includes('duckdb-browser-eh.worker'))).toBe(true);
  return scripts.flatMap((f) => {
    const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dist, f), 'utf8'))?.[1];
    return map && !map.startsWith('data:') && !existsSync(join(dist, dirname(f), map)) ? [`${f} → ${map}`] : [];
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`at 1400×900 (${colorScheme}) the cards, a warning with its reason and the chart are on the first screen`, async () => {
    const w = await demo({ width: 1400, height: 900 }, colorScheme);
    const { page } = w;
    await page.screenshot({ path: screenshotPath(`answer-first-1400-${colorScheme}.png`) });

    // The loader is one line: no big title, intro or drop zone above the figures.
    expect(await page.getByText('Drop License Vault CSV exports here').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Loaded files' }).textContent()).toMatch(
      /3 files · [\d,]+ sessions · [\d,]+ denials/,
    );
    // The sample's inventory is in use: every card has a figure, none "Non-applicable".
    for (const label of CARD_LABELS) expect(await card(page, label)).not.toBe('Non-applicable');

    const cards = await box(page.getByRole('region', { name: 'Statistics cards' }));
    expect(cards.y + cards.height).toBeLessThanOrEqual(900);
    const warning = page.locator('.card__warning').first();
    expect(await warning.textContent()).toMatch(/(Minor|Major): \S.+/);
    const warned = await box(warning);
    expect(warned.y + warned.height).toBeLessThanOrEqual(900);
    const chart = await box(page.locator('.chart svg').first());
    expect(chart.y + chart.height).toBeLessThanOrEqual(900);
    // Content uses the window: the cards span most of it.
    expect(cards.width).toBeGreaterThan(1400 * 0.9);

    // The tooltip is drawn on the page's surface colour, so dark mode reads it (it was a white box).
    await page
      .locator('.chart svg')
      .first()
      .hover({ position: { x: 300, y: 120 } });
    const tip = page.locator('.chart g[aria-label="tip"] path').first();
    await tip.waitFor(WAIT);
    const [tipFill, surface] = await tip.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--surface)';
      document.body.append(probe);
      const colours = [getComputedStyle(el).fill, getComputedStyle(probe).color];
      probe.remove();
      return colours;
    });
    expect(tipFill).toBe(surface);

    // Provenance is a tab of its own, not under every tab.
    expect(await page.getByRole('region', { name: 'Loaded data' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /time zone|without a UTC offset/i }).count()).toBe(1);
    expect(w.failedRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
}

test('on a 390×844 phone the five cards are on the first screen, light and dark', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const w = await demo({ width: 390, height: 844 }, colorScheme);
    await w.page.screenshot({ path: screenshotPath(`answer-first-390-${colorScheme}.png`) });
    const cards = await box(w.page.getByRole('region', { name: 'Statistics cards' }));
    expect(cards.y + cards.height).toBeLessThanOrEqual(844);
    expect(cards.x + cards.width).toBeLessThanOrEqual(390);
    expect(w.failedRequests).toEqual([]);
    await w.context.close();
  }
});

test('a project page on a phone: the three pies side by side, an over-capacity pie drawn apart from a full one', async () => {
  const w = await demo({ width: 390, height: 844 }, 'light');
  const { page } = w;
  await page.getByRole('tab', { name: 'Projects', exact: true }).click();
  await page.getByRole('table', { name: 'Projects' }).getByRole('button').first().click();
  const pies = page.locator('figure.pie');
  await expect.poll(() => pies.count(), WAIT).toBe(3);
  const boxes = await Promise.all([0, 1, 2].map((i) => box(pies.nth(i))));
  for (const b of boxes) {
    expect(Math.abs(b.y - boxes[0]!.y)).toBeLessThan(2);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: screenshotPath('answer-first-390-project.png') });
  // The outer arc is there exactly when the pie's sentence says "over capacity".
  for (let i = 0; i < 3; i++) {
    const sentence = (await pies.nth(i).locator('svg').getAttribute('aria-label')) ?? '';
    expect(await pies.nth(i).locator('circle.pie__over').count()).toBe(/over capacity/.test(sentence) ? 1 : 0);
  }
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('the demo fills every tab; the tabs follow the arrow keys; Clear asks first; no request fails', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });

  // Denials: the whole period, as the cards count.
  await tab('Denials').click();
  expect(await page.getByLabel('Denials window').inputValue()).toBe('period');
  await expect
    .poll(() => page.getByRole('table', { name: 'Denials by reason' }).locator('tbody tr').count(), WAIT)
    .toBeGreaterThan(0);
  // Projects: the sample inventory's projects.
  await tab('Projects').click();
  await expect
    .poll(() => page.getByRole('table', { name: 'Projects' }).locator('tbody tr').count(), WAIT)
    .toBeGreaterThan(0);
  // Costs: the sample's prices give estimates.
  await tab('Costs').click();
  await expect
    .poll(() => page.getByRole('table', { name: 'Cost estimates' }).locator('tbody tr').count(), WAIT)
    .toBeGreaterThan(0);
  // …as an item × month table whose grand total is the surcharge and True-Up of every row, and a chart.
  const amount = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));
  const pivot = page.getByRole('table', { name: 'Costs by item and month (USD)' });
  await pivot.waitFor(WAIT);
  const grand = amount(await page.getByLabel('Grand total USD').textContent());
  const parts =
    amount(await page.getByLabel('Total surcharge USD').textContent()) +
    amount(await page.getByLabel('Total True-Up USD').textContent());
  expect(grand).toBeGreaterThan(0);
  expect(grand).toBeCloseTo(parts, 2);
  expect(amount(await pivot.locator('tfoot td').last().textContent())).toBeCloseTo(grand, 2);
  expect(
    await page.locator('figure.chart').filter({ hasText: 'Estimated cost per month' }).locator('svg').count(),
  ).toBeGreaterThan(0);

  // Active users sort by a column, both ways.
  await tab('Active users').click();
  const users = page.getByRole('table', { name: 'Active users' });
  await expect.poll(() => users.locator('tbody tr').count(), WAIT).toBeGreaterThan(5);
  const hours = async () => (await users.locator('tbody tr td:last-child').allTextContents()).map(Number);
  await users.getByRole('button', { name: /Hours of use/ }).click();
  const descending = await hours();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(await users.getByRole('columnheader', { name: /Hours of use/ }).getAttribute('aria-sort')).toBe('descending');
  await users.getByRole('button', { name: /Hours of use/ }).click();
  const ascending = await hours();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending).not.toEqual(descending);

  // Loaded data: the files and their accounting, with the one source-zone picker.
  await tab('Loaded data').click();
  await page.getByRole('region', { name: 'Loaded data' }).waitFor(WAIT);
  await page.getByRole('region', { name: 'Files', exact: true }).waitFor(WAIT);

  // WAI-ARIA tabs: one tab in the Tab order, arrows move and select.
  await tab('Overview').click();
  expect(await page.locator('[role="tablist"][aria-label="Views"] [tabindex="0"]').count()).toBe(1);
  await tab('Overview').focus();
  await page.keyboard.press('ArrowRight');
  expect(await tab('Allocation').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Allocation');
  await page.keyboard.press('End');
  expect(await tab('Loaded data').getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Home');
  expect(await tab('Overview').getAttribute('aria-selected')).toBe('true');

  // Clear asks first: Keep leaves everything loaded, Yes clears.
  await page.getByRole('button', { name: 'Clear loaded data…' }).click();
  await page.getByRole('button', { name: 'Keep' }).click();
  expect(await page.getByRole('region', { name: 'Statistics cards' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Clear loaded data…' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Statistics cards' }).count(), WAIT).toBe(0);
  await page.getByText('Drop License Vault CSV exports here').waitFor(WAIT);

  expect(w.failedRequests).toEqual([]);
  expect(await sourceMapsResolve(w)).toEqual([]);
  // And every script of the build, the DuckDB workers (fetched only by their worker) included.
  expect(danglingSourceMaps()).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});

test('bars are keyboard targets: Enter on a day drills, and the focus stays in the chart; print shows only the report', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  // One Tab stop for the bars; the arrows move along them.
  const bars = page.locator('.chart [role="button"]');
  await expect.poll(() => bars.count(), WAIT).toBeGreaterThan(30);
  expect(await page.locator('.chart [role="button"][tabindex="0"]').count()).toBe(1);
  await bars.first().focus();
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  const date = /^\d{4}-\d{2}-\d{2}/.exec(second)?.[0];
  expect(date).toBeDefined();
  await page.keyboard.press('Enter');
  const crumb = page.getByRole('navigation', { name: 'Drill-down' });
  await expect.poll(() => crumb.textContent(), WAIT).toContain(date!);
  expect(await page.getByRole('tab', { name: 'Allocation' }).getAttribute('aria-selected')).toBe('true');
  // The focus did not fall to the page's body.
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.closest('.panel') !== null)).toBe(true);

  // Print: a title block and the report; no loader buttons, selectors, tabs or share panel.
  await page.getByRole('button', { name: 'Share…' }).click();
  await page.locator('#share-panel').waitFor(WAIT);
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('heading', { name: 'License Vault usage', level: 1 }).isVisible()).toBe(true);
  expect(await page.getByText('Choose files…').isVisible()).toBe(false);
  for (const hidden of ['Clear loaded data…', 'Threshold settings']) {
    expect(await page.getByRole('button', { name: hidden }).isVisible()).toBe(false);
  }
  expect(await page.locator('#share-panel').isVisible()).toBe(false);
  expect(await page.getByRole('tablist', { name: 'Views' }).isVisible()).toBe(false);
  expect(await page.getByRole('region', { name: 'Statistics cards' }).isVisible()).toBe(true);
  await page.screenshot({ path: screenshotPath('answer-first-print.png'), fullPage: true });
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('a year holds: weeks instead of 365 bars, a week opens into its days, no clipped first date, a thinned histogram', async () => {
  const w = await watchedPage(browser, siteUrl, 'UTC', { viewport: { width: 1400, height: 900 } });
  const { page } = w;
  const large = join(fileURLToPath(new URL('../../', import.meta.url)), 'sample-data/large');
  await page.goto(siteUrl);
  await loadAndWait(page, () =>
    page
      .getByLabel('Choose files…')
      .setInputFiles([join(large, 'allocations-2025-11-to-2026-10.csv'), join(large, 'denials.csv')]),
  );
  await settled(page, 'All license items');
  const chart = page.locator('.chart').first();
  await expect.poll(() => chart.locator('figcaption').textContent(), WAIT).toMatch(/by week/);
  const weeks = chart.locator('[role="button"]');
  const count = await weeks.count();
  expect(count).toBeGreaterThanOrEqual(52);
  expect(count).toBeLessThanOrEqual(54);

  // The first date label lies inside the chart, not cut at its left edge.
  const svg = await box(chart.locator('svg').first());
  const first = await box(chart.locator('g[aria-label="x-axis tick label"] text').first());
  expect(first.x).toBeGreaterThanOrEqual(svg.x);
  await page.screenshot({ path: screenshotPath('answer-first-year.png') });

  // A week opens into its days, and the way back takes the focus.
  await weeks.nth(10).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => chart.locator('figcaption').textContent(), WAIT).toMatch(/the week of .* by day/);
  expect(await chart.locator('[role="button"]').count()).toBe(7);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('← All weeks');

  // In the 12-month view a month opens into its days: it becomes the period.
  await page.getByRole('tab', { name: 'Allocation', exact: true }).click();
  await page.getByRole('button', { name: '12 months' }).click();
  const months = page.locator('.chart [role="button"]');
  await expect.poll(() => months.count(), WAIT).toBeGreaterThanOrEqual(12);
  const month = /^\d{4}-\d{2}/.exec((await months.nth(6).getAttribute('aria-label')) ?? '')?.[0];
  expect(month).toBeDefined();
  await months.nth(6).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('Period', { exact: true }).inputValue(), WAIT).toBe('custom');
  expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(`${month}-01`);
  await settled(page, 'All license items');
  await expect.poll(() => page.locator('.chart figcaption').first().textContent(), WAIT).toMatch(/by day$/);

  // The histogram prints at most about 20 labels, whatever the number of levels.
  await page.getByRole('tab', { name: 'Distributions' }).click();
  const histogram = page.locator('.chart').first();
  await histogram.locator('svg').first().waitFor(WAIT);
  expect(await histogram.locator('g[aria-label="x-axis tick label"] text').count()).toBeLessThanOrEqual(21);
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('denials name the item and their reasons in words, say what lies after as-of; the export keeps every session', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  const cards = page.getByRole('region', { name: 'Statistics cards' });
  await page.getByLabel('License item', { exact: true }).selectOption('All Products Pack');
  await settled(page, 'All Products Pack');
  expect(await cards.textContent()).toContain('all items, not only All Products Pack');

  await page.getByRole('tab', { name: 'Denials', exact: true }).click();
  const reasons = page.getByRole('table', { name: 'Denials by reason' });
  await expect.poll(() => reasons.getByRole('row', { name: /No available licenses/ }).count(), WAIT).toBe(1);
  // The sample's last denial comes after its last session, so after as-of.
  await expect.poll(() => page.getByRole('note').filter({ hasText: 'after as-of' }).count(), WAIT).toBe(1);
  const list = page.getByRole('table', { name: 'All denials' });
  await expect.poll(() => list.locator('tbody tr').count(), WAIT).toBeGreaterThan(0);
  expect(await list.locator('tbody').textContent()).not.toContain('no_available_licenses');

  // The whole period, every item: one row per accepted session, a session starting at as-of included.
  await page.getByLabel('License item', { exact: true }).selectOption('*');
  await settled(page, 'All license items');
  const sessions = Number(
    /([\d,]+) sessions/
      .exec((await page.getByRole('region', { name: 'Loaded files' }).textContent()) ?? '')![1]!
      .replace(/,/g, ''),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export period (CSV)' }).click(),
  ]);
  const lines = readFileSync((await download.path())!, 'utf8')
    .split('\r\n')
    .filter((l) => l !== '');
  expect(lines.length - 1).toBe(sessions);

  // Without a denials file the tab says what it would show and how to get one.
  await page.getByRole('button', { name: 'Clear loaded data…' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await page.getByText('Drop License Vault CSV exports here').waitFor(WAIT);
  const small = join(fileURLToPath(new URL('../../', import.meta.url)), 'sample-data/small');
  await loadAndWait(page, () =>
    page
      .getByLabel('Choose files…')
      .setInputFiles([join(small, 'allocations-2026-09.csv'), join(small, 'allocations-2026-10.csv')]),
  );
  await settled(page, 'All license items');
  await page.getByRole('tab', { name: 'Denials', exact: true }).click();
  const empty = page.getByRole('tabpanel');
  await expect.poll(() => empty.textContent(), WAIT).toContain('How to get one');
  expect(await empty.textContent()).toContain('on screen and through its API');

  // Without the sample's inventory: the cards offer a way to add capacity, the Projects tab explains in words.
  await page.getByRole('tab', { name: 'Projects', exact: true }).click();
  const note = page.getByRole('note').filter({ hasText: 'No projects yet' });
  await note.waitFor(WAIT);
  expect(await note.textContent()).not.toMatch(/[{}"]/);
  await note.getByRole('button', { name: 'Open the Inventory tab' }).click();
  expect(await page.getByRole('tab', { name: 'Inventory', exact: true }).getAttribute('aria-selected')).toBe('true');
  await page.getByRole('tab', { name: 'Overview', exact: true }).click();
  await cards.getByRole('button', { name: 'Add capacity in the inventory' }).first().click();
  expect(await page.getByRole('tab', { name: 'Inventory', exact: true }).getAttribute('aria-selected')).toBe('true');
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

/** The days from `from` to `to`, both counted. */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (text: string) => Number(text.replaceAll(',', ''));

test('each card draws its daily series beside the figure, with its text: one bar a day, the counted days marked', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  const [, from, to] = /(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(
    (await page.locator('.period-line').textContent()) ?? '',
  )!;
  const cards = page.getByRole('region', { name: 'Statistics cards' });
  for (const label of CARD_LABELS) {
    const spark = cards
      .locator('.card', { has: page.getByRole('heading', { name: label, exact: true }) })
      .getByRole('img');
    expect(await spark.getAttribute('aria-label')).toMatch(
      new RegExp(`^daily (peak|time-weighted average in use) from ${from} to ${to}, min [\\d.]+, max [\\d.]+`),
    );
    expect(await spark.locator('rect').count()).toBe(daysBetween(from!, to!));
    // Beside the figure, not under it: the cards grow no taller.
    const [figure, drawn] = [await box(cards.getByLabel(label, { exact: true })), await box(spark)];
    expect(drawn.x).toBeGreaterThan(figure.x);
    expect(Math.abs(drawn.y + drawn.height / 2 - (figure.y + figure.height / 2))).toBeLessThan(20);
  }
  for (const label of ['Days over license threshold', 'Days at capacity'] as const) {
    const spark = cards
      .locator('.card', { has: page.getByRole('heading', { name: label, exact: true }) })
      .getByRole('img');
    const marked = await spark.locator('.sparkbars__bar--marked').count();
    expect(marked).toBe(count(await card(page, label)));
    expect(await spark.getAttribute('aria-label')).toContain(`; ${marked} days `);
  }
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('the allocation chart zooms: Shift+arrows then Enter, or a drag, make the bars the period; Reset zoom goes back', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  const period = page.getByLabel('Period', { exact: true });
  const before = await period.inputValue();
  const bars = page.locator('.chart').first().locator('[role="button"]');
  await expect.poll(() => bars.count(), WAIT).toBeGreaterThan(30);
  const all = await bars.count();
  const dateOf = async (i: number) =>
    /^\d{4}-\d{2}-\d{2}/.exec((await bars.nth(i).getAttribute('aria-label')) ?? '')![0];
  const [first, last] = [await dateOf(2), await dateOf(6)];
  await page.getByText(/Zoom: drag across the bars, or on a focused bar hold Shift with the arrow keys/).waitFor(WAIT);

  // The keyboard: Shift+arrows select, the help says what, Enter zooms.
  await bars.nth(2).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await page.locator('.chart [data-selected]').count()).toBeGreaterThanOrEqual(5);
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Selected' }).textContent(), WAIT)
    .toContain(`Selected ${first} to ${last}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => period.inputValue(), WAIT).toBe('custom');
  expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(first);
  expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(last);
  await settled(page, 'All license items');
  await expect.poll(() => bars.count(), WAIT).toBe(5);
  // The view link carries the zoomed period.
  expect(decodeURIComponent(page.url())).toContain(first);

  // Reset zoom: the period before it, all its bars.
  await page.getByRole('button', { name: 'Reset zoom' }).first().click();
  await expect.poll(() => period.inputValue(), WAIT).toBe(before);
  await settled(page, 'All license items');
  await expect.poll(() => bars.count(), WAIT).toBe(all);
  expect(await page.getByRole('button', { name: 'Reset zoom' }).count()).toBe(0);

  // The pointer, on the Allocation tab's chart: a drag across three bars zooms to their days.
  await page.getByRole('tab', { name: 'Allocation', exact: true }).click();
  await expect.poll(() => bars.count(), WAIT).toBe(all);
  const [a, b] = [await box(bars.nth(10)), await box(bars.nth(12))];
  const [dayA, dayB] = [await dateOf(10), await dateOf(12)];
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue(), WAIT).toBe(dayA);
  expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(dayB);
  await settled(page, 'All license items');
  // A drag is no click: the chart did not drill into a day.
  expect(await page.getByRole('navigation', { name: 'Drill-down' }).textContent()).not.toContain(dayA);
  await expect.poll(() => bars.count(), WAIT).toBe(3);
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});

test('a redraw of the same bars (here a narrower window) keeps the focused bar and the selection', async () => {
  // The report's second step redraws the chart when the days' users arrive: a user's place in it must survive.
  const w = await demo({ width: 1400, height: 900 }, 'light');
  const { page } = w;
  const bars = page.locator('.chart').first().locator('[role="button"]');
  await expect.poll(() => bars.count(), WAIT).toBeGreaterThan(30);
  await expect.poll(() => page.locator('.dashboard').getAttribute('data-people'), WAIT).toBe('counted');
  const dateOf = async (i: number) =>
    /^\d{4}-\d{2}-\d{2}/.exec((await bars.nth(i).getAttribute('aria-label')) ?? '')![0];
  const [third, fifth] = [await dateOf(3), await dateOf(5)];
  await bars.nth(3).focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  const before = await page
    .locator('.chart svg')
    .first()
    .evaluate((svg) => svg.getAttribute('width'));
  await page.setViewportSize({ width: 1100, height: 900 });
  await expect
    .poll(
      () =>
        page
          .locator('.chart svg')
          .first()
          .evaluate((svg) => svg.getAttribute('width')),
      WAIT,
    )
    .not.toBe(before);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
    new RegExp(`^${fifth}`),
  );
  expect(await page.locator('.chart [data-selected]').count()).toBe(3);
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Selected' }).textContent(), WAIT)
    .toContain(`Selected ${third} to ${fifth}`);
  await w.context.close();
});

test('the Overview has a small chart per license item, with its text; Enter on one selects the item', async () => {
  const w = await demo({ width: 1400, height: 900 }, 'dark');
  const { page } = w;
  const multiples = page.getByRole('list', { name: 'Daily peak per license item' }).getByRole('button');
  await multiples.first().waitFor(WAIT);
  const rows = await page.getByRole('table', { name: 'License items' }).locator('tbody tr').count();
  expect(await multiples.count()).toBe(rows);
  expect(rows).toBeGreaterThan(1);
  // Responsive: at 1400 px more than one to a row.
  const [one, two] = [await box(multiples.nth(0)), await box(multiples.nth(1))];
  expect(two.y).toBe(one.y);
  await page.screenshot({ path: screenshotPath('answer-first-multiples-dark.png'), fullPage: true });

  const target = multiples.nth(1);
  const name = ((await target.locator('.multiple__title').textContent()) ?? '').trim();
  const described = await target.evaluate(
    (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
  );
  expect(described).toMatch(/^daily peak from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}, min \d+, max \d+; /);
  // One bar a day, the capacity line where the inventory gives one.
  expect(await target.locator('rect').count()).toBeGreaterThan(30);
  await target.focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.period-line').textContent(), WAIT)
    .toMatch(new RegExp(`^${escaped(name)} · .*computed in`));
  expect(await target.getAttribute('aria-pressed')).toBe('true');
  expect(await page.getByLabel('License item', { exact: true }).inputValue()).toBe(name);
  expect(w.failedRequests).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  await w.context.close();
});
