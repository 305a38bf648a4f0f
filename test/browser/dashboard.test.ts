/**
 * The dashboard on the built site in Chromium: every card read by its label
 * equals the CLI's report JSON for the same files, zone, period and inventory;
 * drill-down from a day to an hour to a minute; user search; inventory edits;
 * a period export loaded into a fresh page gives the same cards.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { ItemReport, Report } from '../../src/lib/report/schema.ts';
import { card, launch, loadAndWait, loadedData, settled, WAIT, watchedPage, screenshotPath } from './chromium.ts';
import { cliReport as cliReportOf } from './cli.ts';
import { SAMPLE, sampleExportFiles } from './sample.ts';

const siteUrl = inject('siteUrl');
const ZONE = 'Europe/Berlin';
const sampleFiles = sampleExportFiles();

/** The CLI's report JSON for the sample in the test's zone (the same numbers the page must show). */
const cliReport = (args: string[], files: string[]): Report => cliReportOf(['--tz', ZONE, ...args], files);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function expectCards(page: Page, item: ItemReport) {
  const c = item.cards;
  expect(await card(page, 'Average daily license usage')).toBe(c.averageDailyUsage.toFixed(1));
  expect(await card(page, 'Peak license usage')).toBe(String(c.peakUsage.value));
  expect(await card(page, 'Days over license threshold')).toBe(
    c.daysOverThreshold === null ? 'Non-applicable' : String(c.daysOverThreshold),
  );
  expect(await card(page, 'Days at capacity')).toBe(
    c.daysAtCapacity === null ? 'Non-applicable' : String(c.daysAtCapacity),
  );
  expect(await card(page, 'In use now')).toBe(String(item.inUseNow));
}

test('cards equal the CLI, before and after the inventory is edited; drill-down; users; screenshots', async () => {
  const w = await watchedPage(browser, siteUrl, ZONE);
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(page, 'All license items');
  expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe(ZONE);

  // No inventory yet: the threshold cards say "Non-applicable", never 0.
  const plain = cliReport(
    [],
    sampleFiles.map((f) => join(SAMPLE, f.name)),
  );
  await expectCards(page, plain.total);
  expect(await card(page, 'Days over license threshold')).toBe('Non-applicable');
  for (const item of plain.items) {
    await page.getByLabel('License item', { exact: true }).selectOption(item.license);
    await settled(page, item.license);
    await expectCards(page, item);
  }

  // Edit the inventory by hand: ReSharper gets 5 regular licenses.
  await page.getByLabel('License item', { exact: true }).selectOption('ReSharper');
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByLabel('Regular licenses for ReSharper').fill('5');
  await page.getByRole('button', { name: 'Save inventory' }).click();
  await expect.poll(() => card(page, 'Days over license threshold'), WAIT).not.toBe('Non-applicable');
  await settled(page, 'ReSharper');
  const inv = join(mkdtempSync(join(tmpdir(), 'vaultlens-')), 'inventory.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(inv, JSON.stringify({ version: 1, items: { ReSharper: { regular: 5 } } }));
  const edited = cliReport(
    ['--inventory', inv],
    sampleFiles.map((f) => join(SAMPLE, f.name)),
  );
  await expectCards(
    page,
    edited.items.find((i) => i.license === 'ReSharper')!,
  );

  // The whole sample inventory, a 30-day period and a 60 % threshold: every card as the CLI says.
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await page.getByLabel('Period', { exact: true }).selectOption('30');
  await page.getByRole('button', { name: 'Threshold settings' }).click();
  await page.getByLabel('Threshold (% of capacity)').fill('60');
  await page.getByLabel('License item', { exact: true }).selectOption('*');
  await settled(page, 'All license items');
  const full = cliReport(
    ['--inventory', join(SAMPLE, 'inventory.json'), '--threshold', '60', '--from', plainMinusDays(plain, 29)],
    sampleFiles.map((f) => join(SAMPLE, f.name)),
  );
  await expectCards(page, full.total);
  for (const item of full.items) {
    await page.getByLabel('License item', { exact: true }).selectOption(item.license);
    await settled(page, item.license);
    await expectCards(page, item);
  }

  // Cost estimates: every month and item, and the totals, as the CLI says; a quarter adds up its months.
  await page.getByRole('tab', { name: 'Costs' }).click();
  const costs = page.getByRole('table', { name: 'Cost estimates' });
  expect(full.billing).toBeDefined();
  await expect.poll(() => costs.locator('tbody tr').count(), WAIT).toBe(full.billing!.months.length);
  const amount = async (label: string) =>
    Number(((await page.getByLabel(label).textContent()) ?? '').replace(/[^\d.]/g, ''));
  expect(await amount('Total surcharge USD')).toBe(full.billing!.total.surcharge);
  expect(await amount('Total True-Up USD')).toBe(full.billing!.total.trueUpCost);
  await page.getByLabel('Billing schedule').selectOption('quarterly');
  await expect.poll(() => costs.locator('thead th').first().textContent(), WAIT).toBe('Quarter');
  expect(await amount('Total surcharge USD')).toBe(full.billing!.total.surcharge);

  // Drill-down: a day, then an hour, then back by the breadcrumb.
  await page.getByLabel('License item', { exact: true }).selectOption('*');
  await settled(page, 'All license items');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.locator('.dashboard').screenshot({ path: screenshotPath('overview.png') });
  await page.getByRole('tab', { name: 'Allocation' }).click();
  await page.getByText('Show the bars as a table').click();
  const day = full.total.daily.find((d) => d.peak === Math.max(...full.total.daily.map((x) => x.peak)))!;
  const bars = page.getByRole('table', { name: 'Bars' });
  await bars.getByRole('button', { name: day.date, exact: true }).click();
  const crumb = page.getByRole('navigation', { name: 'Drill-down' });
  await expect.poll(() => crumb.textContent(), WAIT).toContain(day.date);
  await expect.poll(() => page.getByLabel('Level peak').textContent(), WAIT).toBe(String(day.peak));
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBe(24);
  await bars.getByRole('button', { name: /^10:00/ }).click();
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBe(60);
  expect(await crumb.textContent()).toMatch(/10:00\+0[12]:00/);
  expect(Number(await page.getByLabel('Level peak').textContent())).toBeLessThanOrEqual(day.peak);
  await page.locator('.dashboard').screenshot({ path: screenshotPath('drill-down.png') });
  await crumb.getByRole('button', { name: day.date }).click();
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBe(24);
  await crumb.getByRole('button', { name: 'All days' }).click();
  await expect.poll(() => bars.locator('tbody tr').count(), WAIT).toBe(full.total.daily.length);
  // The days' distinct users, counted after the cards (the report's second step): the CLI's, none left pending.
  await expect
    .poll(() => bars.locator('tbody tr td:nth-child(4)').allTextContents(), WAIT)
    .toEqual(full.total.daily.map((d) => String(d.distinctUsers)));

  // Active users: search by user, then by product.
  await page.getByRole('tab', { name: 'Active users' }).click();
  const users = page.getByRole('table', { name: 'Active users' });
  await expect.poll(() => users.locator('tbody tr').count(), WAIT).toBeGreaterThan(5);
  await page.getByLabel('Search users or products').fill('.012');
  await expect
    .poll(async () => (await users.locator('tbody tr th').allTextContents()).every((t) => t.includes('.012')), WAIT)
    .toBe(true);
  expect(await users.locator('tbody tr').count()).toBeGreaterThan(0);
  await page.getByLabel('Search users or products').fill('GoLand');
  await expect
    .poll(
      async () =>
        (await users.locator('tbody tr td:nth-child(4)').allTextContents()).every((t) => t.includes('GoLand')),
      WAIT,
    )
    .toBe(true);
  expect(await users.locator('tbody tr').count()).toBeGreaterThan(0);
  await page.getByLabel('Search users or products').fill('');
  await expect.poll(() => users.locator('tbody tr').count(), WAIT).toBeGreaterThan(5);
  await page.locator('.dashboard').screenshot({ path: screenshotPath('users.png') });

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});

function plainMinusDays(report: Report, days: number): string {
  const asOfDate = report.period.to;
  return new Date(Date.parse(`${asOfDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

test('a period exported as CSV, loaded into a fresh page, gives the same cards', async () => {
  const first = await watchedPage(browser, siteUrl, ZONE);
  await first.page.goto(siteUrl);
  await loadAndWait(first.page, () => first.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await first.page.getByLabel('Period', { exact: true }).selectOption('30');
  await settled(first.page, 'All license items');
  const before = await Promise.all(
    ['Average daily license usage', 'Peak license usage', 'In use now'].map((l) => card(first.page, l)),
  );
  const [download] = await Promise.all([
    first.page.waitForEvent('download'),
    first.page.getByRole('button', { name: 'Export period (CSV)' }).click(),
  ]);
  const exported = readFileSync((await download.path())!);
  expect(exported.toString('utf8').split('\r\n')[0]).toBe(
    'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to',
  );
  await first.context.close();

  const second = await watchedPage(browser, siteUrl, ZONE);
  await second.page.goto(siteUrl);
  await loadAndWait(second.page, () =>
    second.page
      .getByLabel('Choose files…')
      .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: exported }),
  );
  expect(await (await loadedData(second.page)).getByLabel('Rejected', { exact: true }).textContent()).toBe('0');
  await second.page.getByLabel('Period', { exact: true }).selectOption('30');
  await settled(second.page, 'All license items');
  const after = await Promise.all(
    ['Average daily license usage', 'Peak license usage', 'In use now'].map((l) => card(second.page, l)),
  );
  expect(after).toEqual(before);
  expect(second.consoleErrors).toEqual([]);
  expect(second.foreignRequests).toEqual([]);
  await second.context.close();
});
