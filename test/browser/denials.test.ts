/**
 * Denials next to the exports, in Chromium: the Denials page and the denial
 * cards show what the CLI's report JSON says for the same files and period;
 * the windows and the search work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, loadAndWait, WAIT, watchedPage } from './chromium.ts';
import { cliReport } from './cli.ts';

const siteUrl = inject('siteUrl');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SMALL = join(ROOT, 'sample-data', 'small');
const FILES = ['allocations-2026-09.csv', 'allocations-2026-10.csv', 'denials.csv'];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const number = async (page: Page, label: string) =>
  Number(((await page.getByLabel(label, { exact: true }).first().textContent()) ?? '').replace(/[^\d]/g, ''));

test('the Denials page and the denial cards equal the CLI for the same files and period', async () => {
  const report = cliReport(
    ['--tz', 'Europe/Berlin'],
    FILES.map((f) => join(SMALL, f)),
  );
  expect(report.denials!.total).toBeGreaterThan(10);

  const w = await watchedPage(browser, siteUrl, 'Europe/Berlin');
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () =>
    page
      .getByLabel('Choose files…')
      .setInputFiles(FILES.map((name) => ({ name, mimeType: 'text/csv', buffer: readFileSync(join(SMALL, name)) }))),
  );
  const cards = page.getByRole('region', { name: 'Statistics cards' });
  await expect.poll(async () => (await cards.getByLabel('Denied users', { exact: true }).count()) > 0, WAIT).toBe(true);
  expect(Number(await cards.getByLabel('Denied users', { exact: true }).textContent())).toBe(report.denials!.users);
  expect(Number(await cards.getByLabel('Days with denials', { exact: true }).textContent())).toBe(
    report.denials!.daysWithDenials,
  );

  await page.getByRole('tab', { name: 'Denials' }).click();
  await page.getByLabel('Denials window').selectOption('period');
  await expect.poll(() => number(page, 'Denials total'), WAIT).toBe(report.denials!.total);
  expect(await number(page, 'Denials users')).toBe(report.denials!.users);
  expect(await number(page, 'Denials days')).toBe(report.denials!.daysWithDenials);
  const reasons = page.getByRole('table', { name: 'Denials by reason' });
  for (const [reason, n] of Object.entries(report.denials!.byReason)) {
    expect(
      await reasons
        .getByRole('row', { name: new RegExp(reason) })
        .locator('td')
        .first()
        .textContent(),
    ).toBe(n.toLocaleString('en-US'));
  }
  const byItem = page.getByRole('table', { name: 'Denials by license item' });
  for (const [item, n] of Object.entries(report.denials!.byLicense)) {
    expect(await byItem.getByRole('row', { name: item }).locator('td').textContent()).toBe(n.toLocaleString('en-US'));
  }
  // The last 24 hours hold no more than the last 7 days, which hold no more than the period.
  await page.getByLabel('Denials window').selectOption('last7d');
  await expect.poll(() => number(page, 'Denials total'), WAIT).toBeLessThanOrEqual(report.denials!.total);
  const week = await number(page, 'Denials total');
  await page.getByLabel('Denials window').selectOption('last24h');
  await expect.poll(() => number(page, 'Denials total'), WAIT).toBeLessThanOrEqual(week);

  // The full list, searchable.
  await page.getByLabel('Denials window').selectOption('period');
  const all = page.getByRole('table', { name: 'All denials' });
  await expect.poll(() => all.locator('tbody tr').count(), WAIT).toBe(Math.min(500, report.denials!.total));
  await page.getByLabel('Search denials').fill('GoLand');
  await expect
    .poll(async () => (await all.locator('tbody tr').allTextContents()).every((t) => t.includes('GoLand')), WAIT)
    .toBe(true);
  expect(await all.locator('tbody tr').count()).toBe(report.denials!.byLicense['GoLand'] ?? 0);

  // With the sample's inventory and its prices: the cost estimates equal the CLI's billing section.
  const billed = cliReport(
    ['--tz', 'Europe/Berlin', '--inventory', join(SMALL, 'inventory.json')],
    FILES.map((f) => join(SMALL, f)),
  );
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await page.getByRole('tab', { name: 'Costs' }).click();
  const costs = page.getByRole('table', { name: 'Cost estimates' });
  await expect.poll(() => costs.locator('tbody tr').count(), WAIT).toBe(billed.billing!.months.length);
  const amount = async (label: string) =>
    Number(((await page.getByLabel(label).textContent()) ?? '').replace(/[^\d.]/g, ''));
  expect(await amount('Total surcharge USD')).toBe(billed.billing!.total.surcharge);
  expect(await amount('Total True-Up USD')).toBe(billed.billing!.total.trueUpCost);
  expect(billed.denials).toEqual(report.denials);

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});
