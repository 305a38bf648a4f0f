/**
 * The Simulate page in Chromium: scenarios run in a worker on generated
 * demand, and their figures equal the same scenarios run by the library in
 * Node (same code, same seed); over the loaded sample, the export's own
 * figures beside them equal the library's in Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { memorySource } from '../../src/lib/ingest/source.ts';
import { parseInventory } from '../../src/lib/inventory/schema.ts';
import { exportBaseline } from '../../src/lib/simulator/baseline.ts';
import { DEFAULT_CATALOG, SMALL_ORGANISATION_CAPACITY } from '../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../src/lib/simulator/demand.ts';
import { runScenario, scenarioFromPlan } from '../../src/lib/simulator/scenario.ts';
import { freshDatabase } from '../helpers/db.ts';
import { launch, loadAndWait, WAIT, watchedPage } from './chromium.ts';

const SAMPLE = new URL('../../sample-data/small/', import.meta.url);

const siteUrl = inject('siteUrl');
const CAPACITY = SMALL_ORGANISATION_CAPACITY;

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
  // A what-if: the second scenario has 6 fewer IntelliJ IDEA licenses (with 4 fewer, the pack and True-Up still cover all).
  await page.getByLabel('IntelliJ IDEA Ultimate licenses in scenario 2').fill('4');
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
    scenarioFromPlan('Organization True-Up', 'organization-true-up', { ...CAPACITY, 'IntelliJ IDEA Ultimate': 4 }),
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

/** The sample's export figures as the library computes them in Node, in the page's zone. */
async function nodeBaseline() {
  const parsed = parseInventory(readFileSync(new URL('inventory.json', SAMPLE), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const db = await freshDatabase();
  try {
    // What "Try the sample data" loads: the exports and the denials file.
    const files = readdirSync(SAMPLE).filter((f) => /^(allocations-.*|denials)\.csv$/.test(f));
    await loadFiles(
      db,
      files.sort().map((f) => memorySource(f, new Uint8Array(readFileSync(new URL(f, SAMPLE))))),
    );
    return await exportBaseline(db, 'Europe/Berlin', parsed.inventory);
  } finally {
    await db.close();
  }
}

test('over the loaded sample: the export as it is beside each scenario, the differences, the daily peaks, defaults from the inventory', async () => {
  const w = await watchedPage(browser, siteUrl, 'Europe/Berlin');
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByRole('button', { name: 'Try the sample data' }).click());
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await page.getByRole('tab', { name: 'Simulate' }).click();
  await page.getByRole('radio', { name: /The loaded export/ }).check();
  // The inventory sets a 30 % True-Up limit: Enterprise Floating starts with True-Up on at 30 %.
  const first = page.getByRole('group', { name: 'Scenario 1' });
  await expect.poll(() => first.getByRole('checkbox', { name: 'True-Up' }).isChecked(), WAIT).toBe(true);
  expect(await first.getByLabel('True-Up limit %').inputValue()).toBe('30');
  const runButton = page.getByRole('button', { name: 'Run the scenarios' });
  await expect.poll(() => runButton.isEnabled(), WAIT).toBe(true);
  await runButton.click();
  await expect
    .poll(
      async () => (await results(page).catch((): Record<string, string[]> => ({})))['Peak licenses in use'] ?? ['…'],
      WAIT,
    )
    .not.toContain('…');
  await expect.poll(async () => (await results(page))['Peak licenses in use']?.length, WAIT).toBe(3);
  const shown = await results(page);
  const headers = await page.getByRole('table', { name: 'Scenario results' }).locator('thead th').allTextContents();
  expect(headers.map((h) => h.trim())).toEqual([
    'Figure',
    'As exported',
    'Enterprise Floating',
    'Organization True-Up',
  ]);

  const baseline = await nodeBaseline();
  expect(shown['Sessions']![0]).toBe(baseline.sessions.toLocaleString('en-US'));
  expect(shown['Peak licenses in use']![0]).toBe(String(baseline.peak));
  expect(shown['Average licenses in use']![0]).toBe(baseline.average.toFixed(1));
  expect(shown['Licenses for 95 % of the time']![0]).toBe(String(baseline.coverage95));
  expect(shown['Licenses for 99 % of the time']![0]).toBe(String(baseline.coverage99));
  // The sample's denials file is loaded: the export's own denials by reason.
  expect(baseline.denials).not.toBeNull();
  expect(shown['Denials: No available licenses']![0]).toBe(
    baseline.denials!.no_available_licenses.toLocaleString('en-US'),
  );
  // Each scenario's cell: its figure and, in brackets, its difference from the export's.
  for (const cell of shown['Peak licenses in use']!.slice(1)) {
    const [, value, sign, diff] = /^(\d+) \((±|\+|−)(\d+)\)$/.exec(cell) ?? [];
    expect(value, cell).toBeDefined();
    const signed = sign === '−' ? -Number(diff) : Number(diff);
    expect(Number(value) - baseline.peak).toBe(signed);
  }
  // The sample's 36 licenses do not qualify for Organization True-Up, and the page says so.
  const problems = page.getByRole('list', { name: 'Plan requirements not met' });
  expect(await problems.textContent()).toContain(
    'Organization True-Up needs 50 or more subscriptions; this scenario has',
  );

  // The chart, and its table: the export's daily peaks as the library counts them.
  // (The chart's box and Plot's SVG inside it both carry the label.)
  await expect
    .poll(() => page.getByRole('img', { name: /^Daily peak of licenses in use/ }).count(), WAIT)
    .toBeGreaterThan(0);
  await page.getByText('Show the daily peaks as a table').click();
  const daily = page.getByRole('table', { name: 'Daily peaks' });
  const rows = await daily.locator('tbody tr').all();
  expect(rows).toHaveLength(baseline.daily.length);
  const exported = await Promise.all(
    rows.map(async (r) => [await r.locator('th').textContent(), await r.locator('td').first().textContent()]),
  );
  expect(exported).toEqual(baseline.daily.map((d) => [d.date, String(d.peak)]));

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});
