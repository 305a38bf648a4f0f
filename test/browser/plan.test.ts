/**
 * The Plan tab equals the CLI's `renewal` section (docs/DOMAIN.md §10) on the
 * sample with its inventory: per item today's and the recommended capacity, a
 * year's cost of each, the denied minutes and the replay's denied requests;
 * a tolerance and the plan without Floating mode as the CLI's options; the
 * idle list's CSV download. On the year sample, the replays run in a module
 * worker: the cost curve shows before them, and the page answers meanwhile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Renewal } from '../../src/lib/renewal/schema.ts';
import { WAIT, launch, loadAndWait, settled, watchedPage, screenshotPath } from './chromium.ts';
import { cliReport } from './cli.ts';
import { SAMPLE, SAMPLE_EXPORTS, sampleExportFiles } from './sample.ts';

const siteUrl = inject('siteUrl');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZONE = 'Europe/Berlin';
const names = SAMPLE_EXPORTS;
const sampleFiles = sampleExportFiles();

function cliRenewal(args: string[]): Renewal {
  const report = cliReport(
    ['--tz', ZONE, '--inventory', join(SAMPLE, 'inventory.json'), ...args],
    names.map((n) => join(SAMPLE, n)),
  );
  expect(report.renewal).toBeDefined();
  return report.renewal!;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** The plan table's rows as the CLI's fields, read from each cell's data-value. */
async function planRows(page: Page) {
  const table = page.getByRole('table', { name: 'Renewal plan' });
  const rows = table.locator('tbody tr');
  const out = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const value = async (n: number) => {
      const v = await row.locator('td').nth(n).getAttribute('data-value');
      return v === '' || v === null ? null : Number(v);
    };
    out.push({
      license: await row.getAttribute('data-license'),
      currentCapacity: await value(0),
      recommendedCapacity: await value(1),
      annualCostNow: await value(2),
      annualCostRecommended: await value(3),
      deniedMinutesRecommended: await value(5),
      deniedRequests: await value(6),
    });
  }
  return out;
}

const expected = (r: Renewal) =>
  r.items.map((i) => ({
    license: i.license,
    currentCapacity: i.currentCapacity,
    recommendedCapacity: i.recommendedCapacity,
    annualCostNow: i.annualCostNow,
    annualCostRecommended: i.annualCostRecommended,
    deniedMinutesRecommended: i.deniedMinutesRecommended,
    deniedRequests: i.replay.recommended.deniedRequests,
  }));

/** Waits for the plan to be computed for the current settings and returns its rows. */
async function settledPlan(page: Page, want: Renewal) {
  const panel = page.getByRole('tabpanel', { name: 'Plan' });
  await expect.poll(() => panel.locator('section').first().getAttribute('aria-busy'), WAIT).toBe('false');
  await expect.poll(() => planRows(page), WAIT).toEqual(expected(want));
}

test('the Plan tab shows the CLI’s renewal section, with a tolerance and without Floating mode', async () => {
  const { page, consoleErrors } = await watchedPage(browser, siteUrl, ZONE);
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(page, 'All license items');
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await settled(page, 'All license items');
  await page.getByRole('tab', { name: 'Plan' }).click();

  const plain = cliRenewal([]);
  // The sample covers two months, scaled to a year, and the page says so.
  expect(plain.period.months).toBeLessThan(12);
  await settledPlan(page, plain);
  await expect
    .poll(() => page.getByRole('tabpanel', { name: 'Plan' }).textContent(), WAIT)
    .toContain('scaled to 12 months');
  // The curve's table of the first item: every capacity's cost and denied minutes as the CLI has them.
  const first = plain.items[0]!;
  await page.getByRole('tabpanel', { name: 'Plan' }).locator('summary', { hasText: 'Table' }).click();
  const curve = page.getByRole('table', { name: `Cost curve of ${first.license}` });
  const cells = await curve
    .locator('tbody tr td[data-value]')
    .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  expect(cells.map(Number)).toEqual(first.curve.flatMap((p) => [p.annualCost, p.deniedMinutes]));
  await page.getByRole('tabpanel', { name: 'Plan' }).screenshot({ path: screenshotPath('plan.png') });

  // A tolerance of a working day of one license a year, and a plan without Floating mode.
  await page.getByLabel('Tolerated denied license-minutes a year').fill('480');
  await page.getByLabel('The plan has Floating mode').uncheck();
  const tolerant = cliRenewal(['--tolerance', '480', '--no-floating']);
  await settledPlan(page, tolerant);
  const idle = page.getByRole('table', { name: 'Revocation candidates' });
  await expect.poll(() => idle.locator('tbody tr').count(), WAIT).toBe(tolerant.idle.length);
  if (tolerant.idle.length > 0) {
    const download = page.waitForEvent('download', WAIT);
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(tolerant.idle.length + 1);
  }
  expect(consoleErrors).toEqual([]);
});

test('on a year the cost curve shows at once and the replays run in a worker while the page answers', async () => {
  const { page, consoleErrors } = await watchedPage(browser, siteUrl, 'UTC');
  const large = join(ROOT, 'sample-data', 'large');
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // The replay worker's script is held back: nothing the replays give can show until it is let through.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/plan.worker*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(siteUrl);
  await loadAndWait(page, () =>
    page.getByLabel('Choose files…').setInputFiles(join(large, 'allocations-2025-11-to-2026-10.csv')),
  );
  await settled(page, 'All license items');
  await page.getByRole('tab', { name: 'Plan' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Plan' });
  const plan = panel.locator('section').first();
  const rows = page.getByRole('table', { name: 'Renewal plan' }).locator('tbody tr');

  // The cost curve and the recommendation come from L(t) alone: there while every replay waits for the worker.
  await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(0);
  await expect.poll(() => plan.getAttribute('data-replays'), WAIT).toBe('pending');
  const rowsBefore = await planRows(page);
  expect(rowsBefore.every((r) => r.recommendedCapacity !== null && r.deniedRequests === null)).toBe(true);
  expect(await panel.locator('figure.chart svg').count()).toBeGreaterThan(0);
  // A click elsewhere is answered while the replays are pending, and coming back starts them again.
  await page.getByRole('tab', { name: 'Costs' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Costs' }).getAttribute('aria-selected'), WAIT).toBe('true');
  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect.poll(() => plan.getAttribute('data-replays'), WAIT).toBe('pending');

  // Let the worker load; while it replays, no task of the page's own thread runs for long.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  release();
  await expect.poll(() => plan.getAttribute('data-replays'), { timeout: 300_000 }).toBe('done');
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  // A replay of the year on this thread takes seconds; the page's own work between messages (about 0.2 s at most
  // on a loaded machine) far less.
  expect(longest).toBeLessThan(1000);
  const origin = new URL(siteUrl).origin;
  const planWorkers = workers.filter((u) => /plan\.worker/.test(u));
  expect(planWorkers.length).toBeGreaterThan(0);
  expect(planWorkers.every((u) => new URL(u).origin === origin)).toBe(true);
  const after = await planRows(page);
  expect(after.map(({ deniedRequests: _, ...r }) => r)).toEqual(rowsBefore.map(({ deniedRequests: _, ...r }) => r));
  expect(after.every((r) => r.deniedRequests !== null && r.deniedRequests >= 0)).toBe(true);
  expect(consoleErrors).toEqual([]);
}, 600_000);
