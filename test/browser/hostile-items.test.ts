/**
 * Many license items on the built page: every list drawn one row per item
 * (the item selector, the Overview's table and small multiples, the
 * inventory editor, the Projects tab, the Denials tab's counts, the Costs
 * tab) draws a bounded number of rows (src/lib/dashboard/item-options.ts),
 * says how many of how many, and a search box reaches the rest. The export
 * has ITEMS items, hundreds of times the bound, and a denial for each; the
 * report reads no series of hours per item (src/lib/usage/week-hours.ts),
 * and the page derives the figures of the items it draws alone
 * (src/lib/report/parts.ts), so a threshold edit costs nothing per item.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { COUNTS_LIMIT, ITEM_OPTIONS_LIMIT, MULTIPLES_LIMIT } from '../../src/lib/dashboard/item-options.ts';
import { MAX_SNAPSHOT_ITEMS } from '../../src/lib/share/snapshot-schema.ts';
import { launch, LOAD_MS, loadAndWait, settled, WAIT, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');
const ITEMS = 100_000;
/** Items with a price in the inventory: five times the bound, so that the Costs tab caps them too. */
const PRICED = 1_000;
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

/** A denial per item, and two more for the last item: the most denied is past every bound. */
function denials(n: number): string {
  const lines = ['denied_at,username,user_email,user_product,requested_license,reason,user_hostname,user_ip'];
  const denial = (i: number, hour: number) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `2026-10-${day}T${String(hour).padStart(2, '0')}:00:00Z,u${i % 50},,IDE,Item ${i},no_available_licenses,,`;
  };
  for (let i = 0; i < n; i++) lines.push(denial(i, 9));
  lines.push(denial(n - 1, 11), denial(n - 1, 12));
  return `${lines.join('\n')}\n`;
}

/** Every hundredth item priced, one regular license each: each has a bill for October. */
function pricedInventory(n: number, priced: number): string {
  const items = Array.from({ length: priced }, (_, k) => [
    `Item ${k * Math.floor(n / priced)}`,
    { regular: 1, annualPrice: 600, currency: 'USD' },
  ]);
  return JSON.stringify({ version: 1, items: Object.fromEntries(items) });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

test(
  `${count(ITEMS)} items: cards, a bounded selector whose search finds any item, a bounded Overview, inventory editor, Projects table, Denials counts, Costs and a refused snapshot`,
  async () => {
    const w = await watchedPage(browser, siteUrl, 'UTC');
    const { page } = w;
    await page.goto(siteUrl);
    await loadAndWait(page, () =>
      page.getByLabel('Choose files…').setInputFiles([
        { name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(manyItems(ITEMS)) },
        { name: 'denials.csv', mimeType: 'text/csv', buffer: Buffer.from(denials(ITEMS)) },
      ]),
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
    // A threshold edit re-derives the items drawn alone, and the cards show it.
    await page.getByRole('button', { name: 'Threshold settings' }).click();
    await page.getByLabel('Threshold (% of capacity)').fill('70');
    await settled(page, 'All license items');
    await page.getByRole('button', { name: 'Threshold settings' }).click();
    await page.getByLabel('Search items').fill('Item 12345');
    await expect.poll(() => overview.count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(shownOf).count(), WAIT).toBe(0);

    // An item past the bound is found by the selector's search and selected.
    await page.getByLabel('Find a license item').fill(`item ${ITEMS - 1}`);
    await expect.poll(() => select.locator('option').count(), WAIT).toBe(2);
    await select.selectOption(`Item ${ITEMS - 1}`);
    await settled(page, `Item ${ITEMS - 1}`);
    expect(await page.getByRole('region', { name: 'Statistics cards' }).count()).toBe(1);

    // The inventory editor draws the bound, and its search reaches any row.
    await page.getByRole('tab', { name: 'Inventory' }).click();
    const rows = page.getByRole('table', { name: 'Inventory' }).locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    await expect.poll(() => page.getByText(`and ${count(ITEMS - ITEM_OPTIONS_LIMIT)} more rows`).count(), WAIT).toBe(1);
    await page.getByLabel('Find inventory rows by license item').fill(`Item ${ITEMS - 2}`);
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await page.getByLabel(`Regular licenses for Item ${ITEMS - 2}`).fill('3');
    await page.getByRole('button', { name: 'Save inventory' }).click();
    await expect.poll(() => page.getByText('Saved: 1 items.').count(), WAIT).toBe(1);

    // The Projects tab's items table: bounded, with their peaks, and its search reaches any item.
    await page.getByRole('tab', { name: 'Projects' }).click();
    const listed = page.getByRole('table', { name: 'License items' });
    await expect.poll(() => listed.locator('tbody tr').count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    await expect.poll(() => listed.getAttribute('aria-busy'), WAIT).toBe('false');
    await expect.poll(() => page.getByText(shownOf).count(), WAIT).toBe(1);
    await page.getByLabel('Find license items of the projects').fill(`Item ${ITEMS - 3}`);
    await expect.poll(() => listed.locator('tbody tr').count(), WAIT).toBe(1);
    // The found item's peak is asked for when it is found: it shows `…` until it comes.
    await expect.poll(() => listed.locator('tbody td').last().textContent(), WAIT).toBe('1');

    // Denials: the counts by item and by user draw the largest, the most denied item (past every bound) first.
    await page.getByRole('tab', { name: 'Denials' }).click();
    await page.getByLabel('Denials window').selectOption('period');
    const byItem = page.getByRole('table', { name: 'Denials by license item' });
    await expect.poll(() => byItem.locator('tbody tr').count(), WAIT).toBe(COUNTS_LIMIT);
    const first = byItem.locator('tbody tr').first();
    expect([await first.locator('th').textContent(), await first.locator('td').textContent()]).toEqual([
      `Item ${ITEMS - 1}`,
      '3',
    ]);
    const mostDenied = (noun: string, n: number) => `The ${COUNTS_LIMIT} of ${count(n)} ${noun} with the most denials.`;
    expect(await page.getByText(mostDenied('license items', ITEMS)).count()).toBe(1);
    expect(await page.getByText(mostDenied('users', 50)).count()).toBe(1);
    const byUser = page.getByRole('table', { name: 'Denials by user' });
    expect(await byUser.locator('tbody tr').count()).toBe(COUNTS_LIMIT);

    // Costs: PRICED items billed, a bounded table, the rest as one bar, and a search that reaches any of them.
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await page.getByLabel('Import inventory…').setInputFiles({
      name: 'inventory.json',
      mimeType: 'application/json',
      buffer: Buffer.from(pricedInventory(ITEMS, PRICED)),
    });
    await expect.poll(() => page.getByText(`Imported inventory.json: ${PRICED} items.`).count(), WAIT).toBe(1);
    await settled(page, `Item ${ITEMS - 1}`);
    await page.getByRole('tab', { name: 'Costs' }).click();
    const costs = page.getByRole('table', { name: 'Costs by item and month (USD)' });
    await expect.poll(() => costs.locator('tbody tr').count(), WAIT).toBe(ITEM_OPTIONS_LIMIT);
    expect(await page.getByText(`Showing ${ITEM_OPTIONS_LIMIT} of ${count(PRICED)} license items`).count()).toBe(1);
    expect(await page.getByText(`${count(PRICED - ITEM_OPTIONS_LIMIT)} other items`).count()).toBeGreaterThan(0);
    const last = `Item ${(PRICED - 1) * Math.floor(ITEMS / PRICED)}`;
    await page.getByLabel('Find costs by license item').fill(last);
    await expect.poll(() => costs.locator('tbody tr').count(), WAIT).toBe(1);
    expect(await costs.locator('tbody th').first().textContent()).toBe(last);

    // A snapshot carries at most MAX_SNAPSHOT_ITEMS items: the Share panel says so at once.
    await page.getByRole('button', { name: 'Share…' }).click();
    await page.getByRole('button', { name: 'Make snapshot link' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'could not be made' });
    await expect
      .poll(() => refusal.textContent(), WAIT)
      .toContain(`at most ${MAX_SNAPSHOT_ITEMS} license items and this report has ${count(ITEMS)}`);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  },
  LOAD_MS * 3,
);
