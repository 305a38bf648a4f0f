/**
 * One True-Up limit on every surface of the built site (docs/DOMAIN.md §4, §5):
 * an item with 9 licenses and a 30 % limit has no True-Up, so the Overview
 * shows none, its chart draws no limit line, a snapshot link carries none and
 * the cost estimates bill none; an item with 10 licenses has floor(10 × 30 %)
 * on each of them, and the total's line adds up the items' limits.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { billMonth } from '../../src/lib/billing/money.ts';
import { totalTrueUpLimit, trueUpLimit } from '../../src/lib/billing/true-up.ts';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import { parseInventory } from '../../src/lib/inventory/schema.ts';
import { decodeSnapshot } from '../../src/lib/share/snapshot-codec.ts';
import { WAIT, launch, loadAndWait, settled, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');

/** Peak licenses in use per item: that many users hold one each, at the same time. */
const PEAKS = { Nine: 12, Ten: 14 } as const;
const MONTH = '2026-03';

function exportCsv(): string {
  const rows = Object.entries(PEAKS).flatMap(([item, n]) =>
    Array.from({ length: n }, (_, i) => {
      const user = `${item.toLowerCase()}-${i}`;
      const values: Record<string, string> = {
        allocation_id: `${user}-a`,
        allocated_license: item,
        user_product: 'IntelliJ IDEA Ultimate',
        username: user,
        user_email: `${user}@example.com`,
        user_ip: '10.0.0.1',
        user_hostname: `${user}-pc`,
        external_id: '',
        used_from: `${MONTH}-02T10:00:00Z`,
        used_to: `${MONTH}-02T12:00:00Z`,
      };
      return EXPORT_COLUMNS.map((c) => values[c]).join(',');
    }),
  );
  return `${[EXPORT_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

const inventoryText = JSON.stringify({
  version: 1,
  items: {
    Nine: { regular: 9, trueUpLimitPercent: 30, annualPrice: 600, currency: 'USD' },
    Ten: { regular: 10, trueUpLimitPercent: 30, annualPrice: 600, currency: 'USD' },
  },
});
const parsed = parseInventory(inventoryText);
if (!parsed.ok) throw new Error(parsed.message);
const inventory = parsed.inventory;
const items = Object.keys(PEAKS);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function select(page: Page, item: string) {
  await page.getByLabel('License item', { exact: true }).selectOption(item);
  await settled(page, item === '*' ? 'All license items' : item);
}

/** The allocation chart's text alternative, and how many dashed True-Up lines its SVG draws. */
async function chart(page: Page): Promise<{ label: string; lines: number }> {
  const figure = page.locator('figure.chart').first();
  await expect.poll(() => figure.locator('svg').count(), WAIT).toBeGreaterThan(0);
  const label = (await figure.locator('div.plot[aria-label]').getAttribute('aria-label')) ?? '';
  return { label, lines: await figure.locator('svg [stroke-dasharray="6,4"]').count() };
}

/** The True-Up limit a snapshot link made now carries. */
async function snapshotLimit(page: Page): Promise<number | null | undefined> {
  await page.getByRole('button', { name: 'Make snapshot link' }).click();
  const field = page.getByLabel('Snapshot link', { exact: true });
  await expect.poll(() => field.count(), WAIT).toBe(1);
  const link = await field.inputValue();
  const decoded = await decodeSnapshot(link.split('#snapshot=')[1] ?? '');
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.snapshot.trueUpLimit;
}

test('9 licenses at 30 %: no True-Up on the Overview, the chart, a snapshot link or the costs; 10 licenses: 3 on each', async () => {
  // What the rule says, and what every surface below must show.
  const limits = { Nine: trueUpLimit(inventory.items.Nine!), Ten: trueUpLimit(inventory.items.Ten!) };
  expect(limits).toEqual({ Nine: null, Ten: 3 });
  const capacity = { Nine: 9, Ten: 10 };

  const w = await watchedPage(browser, siteUrl, 'UTC');
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () =>
    page
      .getByLabel('Choose files…')
      .setInputFiles({ name: 'true-up.csv', mimeType: 'text/csv', buffer: Buffer.from(exportCsv()) }),
  );
  await settled(page, 'All license items');

  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page
    .getByLabel('Import inventory…')
    .setInputFiles({ name: 'inventory.json', mimeType: 'application/json', buffer: Buffer.from(inventoryText) });
  await expect.poll(() => page.getByText('Imported inventory.json: 2 items.').count(), WAIT).toBe(1);
  await settled(page, 'All license items');

  // The Overview's True-Up limit column.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const overview = page.getByRole('table', { name: 'License items' });
  for (const item of items) {
    const row = overview.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: item, exact: true }) });
    const limit = limits[item as keyof typeof limits];
    await expect.poll(() => row.locator('td').nth(2).textContent(), WAIT).toBe(limit === null ? '—' : String(limit));
  }

  // The chart's dashed line at capacity + limit, in its SVG and its text alternative; none without True-Up.
  await page.getByRole('tab', { name: 'Allocation' }).click();
  await select(page, 'Nine');
  await expect.poll(async () => (await chart(page)).label, WAIT).toContain('capacity 9');
  expect(await chart(page)).toMatchObject({ lines: 0 });
  expect((await chart(page)).label).not.toContain('True-Up');
  await select(page, 'Ten');
  await expect.poll(async () => (await chart(page)).label, WAIT).toContain('capacity 10');
  expect(await chart(page)).toMatchObject({ lines: 1 });
  expect((await chart(page)).label).toContain(`True-Up limit ${capacity.Ten + limits.Ten!}`);
  await select(page, '*');
  const total = totalTrueUpLimit(inventory, items);
  expect(total).toBe(limits.Ten);
  await expect
    .poll(async () => (await chart(page)).label, WAIT)
    .toContain(`True-Up limit ${capacity.Nine + capacity.Ten + total!}`);

  // A snapshot link carries the same limit for the item on screen.
  await page.getByRole('button', { name: 'Share…' }).click();
  await select(page, 'Nine');
  expect(await snapshotLimit(page)).toBeNull();
  await select(page, 'Ten');
  expect(await snapshotLimit(page)).toBe(limits.Ten);

  // The cost estimates bill True-Up licenses up to the same limits.
  await page.getByRole('tab', { name: 'Costs' }).click();
  const costs = page.getByRole('table', { name: 'Cost estimates' });
  await expect.poll(() => costs.locator('tbody tr').count(), WAIT).toBe(items.length);
  let expectedTotal = 0;
  for (const item of items) {
    const row = costs.locator('tbody tr').filter({ has: page.getByRole('cell', { name: item, exact: true }) });
    const bill = billMonth(MONTH, item, PEAKS[item as keyof typeof PEAKS], inventory.items[item]!)!;
    expect(bill.trueUpLicenses).toBe(limits[item as keyof typeof limits] ?? 0);
    expect(await row.locator('td').nth(3).textContent()).toBe(String(bill.trueUpLicenses));
    expectedTotal += bill.trueUpCost;
  }
  expect(expectedTotal).toBeGreaterThan(0);
  const totalTrueUp = Number(((await page.getByLabel('Total True-Up USD').textContent()) ?? '').replace(/[^\d.]/g, ''));
  expect(totalTrueUp).toBe(expectedTotal);

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}, 240_000);
