/**
 * The Simulate page in Chromium: scenarios run in a worker on generated
 * demand, and their figures equal the same scenarios run by the library in
 * Node (same code, same seed).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { DEFAULT_CATALOG } from '../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../src/lib/simulator/demand.ts';
import { runScenario, scenarioFromPlan } from '../../src/lib/simulator/scenario.ts';
import { launch, WAIT, watchedPage } from './chromium.ts';

const siteUrl = inject('siteUrl');
const CAPACITY = {
  'All Products Pack': 10,
  'IntelliJ IDEA Ultimate': 10,
  'PyCharm Professional': 6,
  GoLand: 3,
  dotUltimate: 4,
  ReSharper: 3,
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function results(page: Page): Promise<Record<string, string[]>> {
  const rows = page.getByRole('table', { name: 'Scenario results' }).locator('tbody tr');
  const out: Record<string, string[]> = {};
  for (const row of await rows.all()) {
    const label = (await row.locator('th').textContent()) ?? '';
    out[label] = (await row.locator('td').allTextContents()).map((t) => t.trim());
  }
  return out;
}

test('two plans over one generated organisation: the figures the library gives, side by side', async () => {
  const w = await watchedPage(browser, siteUrl, 'Europe/Berlin');
  const { page } = w;
  await page.goto(siteUrl);
  await page.getByRole('tab', { name: 'Simulate' }).click();
  await page.getByLabel('Users', { exact: true }).fill('25');
  await page.getByLabel('Days', { exact: true }).fill('14');
  await page.getByLabel('Seed', { exact: true }).fill('3');
  // A what-if: the second scenario has 4 fewer IntelliJ IDEA licenses.
  await page.getByLabel('IntelliJ IDEA Ultimate licenses in scenario 2').fill('6');
  await page.getByRole('button', { name: 'Run the scenarios' }).click();
  await expect
    .poll(
      async () => (await results(page).catch((): Record<string, string[]> => ({})))['Peak licenses in use'] ?? ['…'],
      WAIT,
    )
    .not.toContain('…');
  await expect.poll(async () => (await results(page))['Peak licenses in use']?.length, WAIT).toBe(2);
  const shown = await results(page);

  const demand = generateDemand({ seed: 3, start: '2026-10-05', days: 14, users: 25 });
  const from = Date.parse('2026-10-05T00:00:00Z');
  const span = { from, until: from + 14 * 86_400_000 };
  const expected = [
    scenarioFromPlan('Enterprise Floating', 'enterprise-floating', CAPACITY),
    scenarioFromPlan('Organization True-Up', 'organization-true-up', { ...CAPACITY, 'IntelliJ IDEA Ultimate': 6 }),
  ].map((s) => runScenario(s, demand, DEFAULT_CATALOG, span).outcome);
  expect(shown['Sessions']).toEqual(expected.map((o) => o.sessions.toLocaleString('en-US')));
  expect(shown['Peak licenses in use']).toEqual(expected.map((o) => String(o.peak)));
  expect(shown['Average licenses in use']).toEqual(expected.map((o) => o.average.toFixed(1)));
  expect(shown['Licenses for 95 % of the time']).toEqual(expected.map((o) => String(o.coverage95)));
  expect(shown['Licenses for 99 % of the time']).toEqual(expected.map((o) => String(o.coverage99)));
  expect(shown['Denials: No available licenses']).toEqual(expected.map((o) => String(o.denials.no_available_licenses)));
  // Holding licenses for a month with fewer of them: more held at the peak, and denials.
  expect(expected[1]!.peak).toBeGreaterThanOrEqual(expected[0]!.peak);
  expect(expected[1]!.denials.no_available_licenses).toBeGreaterThan(expected[0]!.denials.no_available_licenses);

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});
