/**
 * Many license items on the built page: the item selector and the inventory
 * editor draw a bounded number of rows (src/lib/dashboard/item-options.ts)
 * and a search box reaches the rest. The export has a thousand items, five
 * times the bound: the report's own work grows with items × hours
 * (src/lib/usage/engine.ts), which makes 20,000 items take minutes there.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { ITEM_OPTIONS_LIMIT } from '../../src/lib/dashboard/item-options.ts';
import { launch, LOAD_MS, loadAndWait, settled, WAIT, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');
const ITEMS = 1_000;
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
  'a thousand items: cards, a bounded selector whose search finds any item, a bounded inventory editor',
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
    expect(await select.locator('option').last().textContent()).toContain(`and ${ITEMS - ITEM_OPTIONS_LIMIT} more`);

    // An item past the bound is found by the search and selected.
    await page.getByLabel('Find a license item').fill('item 777');
    await expect.poll(() => select.locator('option').count(), WAIT).toBe(2);
    await select.selectOption('Item 777');
    await settled(page, 'Item 777');
    expect(await page.getByRole('region', { name: 'Statistics cards' }).count()).toBe(1);

    // The inventory editor draws the bound, and its search reaches any row.
    await page.getByRole('tab', { name: 'Inventory' }).click();
    const rows = page.getByRole('table', { name: 'Inventory' }).locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    await expect.poll(() => page.getByText(`and ${ITEMS - ITEM_OPTIONS_LIMIT} more rows`).count(), WAIT).toBe(1);
    await page.getByLabel('Find inventory rows by license item').fill('Item 999');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await page.getByLabel('Regular licenses for Item 999').fill('3');
    await page.getByRole('button', { name: 'Save inventory' }).click();
    await expect.poll(() => page.getByText('Saved: 1 items.').count(), WAIT).toBe(1);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  },
  LOAD_MS * 3,
);
