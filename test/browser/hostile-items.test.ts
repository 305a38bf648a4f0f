/**
 * Many license items on the built page: every list drawn one row per item
 * (the item selector, the Overview's table and small multiples, the
 * inventory editor) draws a bounded number of rows
 * (src/lib/dashboard/item-options.ts), says how many of how many, and a
 * search box reaches the rest. The export has 20,000 items, a hundred times
 * the bound; the report reads no series of hours per item
 * (src/lib/usage/week-hours.ts), so its work grows with items × days.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { ITEM_OPTIONS_LIMIT, MULTIPLES_LIMIT } from '../../src/lib/dashboard/item-options.ts';
import { launch, LOAD_MS, loadAndWait, settled, WAIT, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');
const ITEMS = 20_000;
/** A count as the page writes it (en-US in the test browser). */
const count = (n: number) => n.toLocaleString('en-US');
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';

/** One two-hour session per item, spread over October 2026. */
function manyItems(n: number): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`a${i},Item ${i},IDE,u${i % 50},,,,,2026-10-${day}T08:00:00Z,2026-10-${day}T10:00:00Z`);
  }
  return `${lines.join('\n')}\n`;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

test(
  '20,000 items: cards, a bounded selector whose search finds any item, a bounded Overview, inventory editor and Projects table',
  async () => {
    const w = await watchedPage(browser, siteUrl, 'UTC');
    const { page } = w;
    await page.goto(siteUrl);
    await loadAndWait(page, () =>
      page
        .getByLabel('Choose files…')
        .setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(manyItems(ITEMS)) }),
    );
    await settled(page, 'All license items');
    await expect.poll(() => page.getByRole('region', { name: 'Statistics cards' }).count(), WAIT).toBe(1);

    // All items, the first ITEM_OPTIONS_LIMIT items, and one line counting the rest.
    const select = page.getByLabel('License item', { exact: true });
    expect(await select.locator('option').count()).toBe(1 + ITEM_OPTIONS_LIMIT + 1);
    expect(await select.locator('option').last().textContent()).toContain(
      `and ${count(ITEMS - ITEM_OPTIONS_LIMIT)} more`,
    );

    // The Overview: a bounded table whose search reaches any item, and the busiest items' small multiples.
    await page.getByRole('tab', { name: 'Overview' }).click();
    const overview = page.getByRole('table', { name: 'License items' }).locator('tbody tr');
    await expect.poll(() => overview.count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    const shownOf = `Showing ${count(ITEM_OPTIONS_LIMIT)} of ${count(ITEMS)} license items`;
    await expect.poll(() => page.getByText(shownOf).count(), WAIT).toBe(1);
    const multiples = page.getByRole('list', { name: 'Daily peak per license item' }).locator('li');
    await expect.poll(() => multiples.count(), WAIT).toBe(MULTIPLES_LIMIT);
    await expect
      .poll(() => page.getByText(`Showing the ${MULTIPLES_LIMIT} of ${count(ITEMS)} license items`).count(), WAIT)
      .toBe(1);
    await page.getByLabel('Search items').fill('Item 12345');
    await expect.poll(() => overview.count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(shownOf).count(), WAIT).toBe(0);

    // An item past the bound is found by the selector's search and selected.
    await page.getByLabel('Find a license item').fill('item 19999');
    await expect.poll(() => select.locator('option').count(), WAIT).toBe(2);
    await select.selectOption('Item 19999');
    await settled(page, 'Item 19999');
    expect(await page.getByRole('region', { name: 'Statistics cards' }).count()).toBe(1);

    // The inventory editor draws the bound, and its search reaches any row.
    await page.getByRole('tab', { name: 'Inventory' }).click();
    const rows = page.getByRole('table', { name: 'Inventory' }).locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    await expect.poll(() => page.getByText(`and ${count(ITEMS - ITEM_OPTIONS_LIMIT)} more rows`).count(), WAIT).toBe(1);
    await page.getByLabel('Find inventory rows by license item').fill('Item 19998');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await page.getByLabel('Regular licenses for Item 19998').fill('3');
    await page.getByRole('button', { name: 'Save inventory' }).click();
    await expect.poll(() => page.getByText('Saved: 1 items.').count(), WAIT).toBe(1);

    // The Projects tab's items table: bounded, with their peaks, and its search reaches any item.
    await page.getByRole('tab', { name: 'Projects' }).click();
    const listed = page.getByRole('table', { name: 'License items' });
    await expect.poll(() => listed.locator('tbody tr').count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    await expect.poll(() => listed.getAttribute('aria-busy'), WAIT).toBe('false');
    await expect.poll(() => page.getByText(shownOf).count(), WAIT).toBe(1);
    await page.getByLabel('Find license items of the projects').fill('Item 19997');
    await expect.poll(() => listed.locator('tbody tr').count(), WAIT).toBe(1);
    expect(await listed.locator('tbody td').last().textContent()).toBe('1');
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  },
  LOAD_MS * 3,
);
