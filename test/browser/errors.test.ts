/**
 * A failed query on the built site: the failure is said on the page as a
 * sentence (role=alert), no figures of the last good answer stay beside it,
 * nothing is left as an unhandled rejection, and the page recovers when the
 * question is one the engine can answer again.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { WAIT, allCards, launch, loadAndWait, settled, watchedPage } from './chromium.ts';
import { sampleExportFiles } from './sample.ts';

const siteUrl = inject('siteUrl');
const ZONE = 'Europe/Berlin';
const sampleFiles = sampleExportFiles();

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

test('a period the engine refuses: the reason as an alert, no stale cards beside it, and back again', async () => {
  const w = await watchedPage(browser, siteUrl, ZONE);
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await settled(page, 'All license items');
  const cards = page.getByRole('region', { name: 'Statistics cards' });
  expect(await cards.count()).toBe(1);
  const before = await allCards(page);
  const period = page.getByLabel('Period', { exact: true });
  const preset = await period.inputValue();

  // More than ten years (docs/DOMAIN.md §3): the report refuses it (src/lib/report/period.ts).
  await period.selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('1990-01-01');
  const alert = page.getByRole('alert').filter({ hasText: 'The report could not be computed' });
  await expect.poll(() => alert.count(), WAIT).toBe(1);
  expect(await alert.textContent()).toMatch(/^The report could not be computed: .*longer than ten years.*\.$/);
  // Nothing of the last report beside the error: no cards, no period line, an empty view. The tabs stay, since
  // Loaded data (the files, their accounting, the rejects) needs no report.
  expect(await cards.count()).toBe(0);
  expect(await page.locator('.period-line').count()).toBe(0);
  expect(await page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');
  expect(await page.getByRole('tabpanel').textContent()).toBe('');
  await page.getByRole('tab', { name: 'Loaded data' }).click();
  await page.getByRole('region', { name: 'Loaded data' }).waitFor(WAIT);
  await page.getByRole('tab', { name: 'Overview' }).click();

  // A period it can compute again: the alert goes, the same cards come back.
  await period.selectOption(preset);
  await settled(page, 'All license items');
  await expect.poll(() => alert.count(), WAIT).toBe(0);
  expect(await allCards(page)).toEqual(before);

  // A failure is state on the page, never an unhandled rejection or a page error.
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});
