/**
 * The Projects tab on the built site in Chromium: without projects
 * in the inventory it says how to add them; with the sample inventory a
 * project page shows its three pies, its trend and its 2-hour table, each
 * number equal to the library run in Node on the same files, and an item page
 * shows its tags, validity, projects and a period peak equal to the CLI's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openNodeDatabase } from '../../src/lib/db/node.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { pathSource } from '../../src/lib/ingest/node-source.ts';
import { parseInventory } from '../../src/lib/inventory/schema.ts';
import { portalFigures, type PortalFigures } from '../../src/lib/projects/figures.ts';
import { itemsOfProject } from '../../src/lib/projects/projects.ts';
import { resolvePeriod } from '../../src/lib/report/period.ts';
import type { Report } from '../../src/lib/report/schema.ts';
import { ingestSummarySql, type IngestSummary } from '../../src/lib/sql/summary.ts';
import { launch, loadAndWait, WAIT, watchedPage, screenshotPath } from './chromium.ts';
import { cliReport as cliReportOf } from './cli.ts';
import { SAMPLE, SAMPLE_EXPORTS, sampleExportFiles } from './sample.ts';

const siteUrl = inject('siteUrl');
const ZONE = 'Europe/Berlin';
const names = SAMPLE_EXPORTS;
const sampleFiles = sampleExportFiles();
const inventoryText = readFileSync(join(SAMPLE, 'inventory.json'), 'utf8');

/** The library's figures for `licenses` in Node on the same files, with the page's defaults (whole history as the period). */
async function nodeFigures(licenses: string[]): Promise<PortalFigures> {
  const parsed = parseInventory(inventoryText);
  if (!parsed.ok) throw new Error(parsed.message);
  const db = await openNodeDatabase();
  try {
    await loadFiles(db, await Promise.all(names.map((n) => pathSource(join(SAMPLE, n)))));
    const summary = (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;
    const period = resolvePeriod({ zone: ZONE }, { firstUse: summary.firstUse!, latest: summary.latest! });
    return await portalFigures(
      db,
      licenses,
      parsed.inventory,
      { zone: ZONE, asOf: period.asOf, holdMinutes: 0 },
      {
        earliest: summary.firstUse!,
        period: { startMs: period.startMs, endMs: period.endMs },
      },
    );
  } finally {
    await db.close();
  }
}

/** The CLI's report JSON for the sample with its inventory. */
const cliReport = (): Report =>
  cliReportOf(
    ['--tz', ZONE, '--inventory', join(SAMPLE, 'inventory.json')],
    names.map((n) => join(SAMPLE, n)),
  );

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const portal = (page: Page) => page.locator('.portal');
const text = async (page: Page, label: string) =>
  ((await portal(page).getByLabel(label, { exact: true }).textContent()) ?? '').trim();
const heading = (page: Page) => portal(page).getByRole('heading', { level: 2 }).textContent();
const PIES = ['All history', 'The selected period', 'Today'] as const;

/** The page's pies, trend and 2-hour table equal `expected`. */
async function expectFigures(page: Page, expected: PortalFigures) {
  await expect.poll(() => page.locator('.portal-stats').getAttribute('aria-busy'), WAIT).toBe('false');
  for (const [i, label] of PIES.entries()) {
    const pie = expected.pies[i]!;
    expect(pie.label).toBe(label);
    expect(await text(page, `${label} used`), label).toBe(String(pie.used));
    expect(await text(page, `${label} free`), label).toBe(pie.free === null ? 'Non-applicable' : String(pie.free));
    expect(await text(page, `${label} capacity`), label).toBe(pie.capacity === null ? 'None' : String(pie.capacity));
    // The ring has a text alternative with the same numbers.
    const ring = portal(page).getByRole('img', { name: new RegExp(`^${label}: ${pie.used} `) });
    expect(await ring.count(), label).toBe(1);
  }
  // The trend: a chart with a text alternative, and its table, one row per day of the period.
  const trend = page.locator('figure', {
    has: page.getByText('Usage trend over the selected period (per day)', { exact: true }),
  });
  const first = expected.trend[0]!.date;
  const last = expected.trend.at(-1)!.date;
  expect(await trend.locator('div.plot[role=img]').getAttribute('aria-label')).toContain(
    `${expected.trend.length} days from ${first} to ${last}`,
  );
  expect(await trend.locator('svg').count()).toBeGreaterThan(0);
  const details = portal(page).locator('details', { hasText: 'Show the trend as a table' });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.getByText('Show the trend as a table').click();
  const trendRows = await page
    .getByRole('table', { name: 'Usage trend' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
  expect(trendRows).toEqual(
    expected.trend.map((d) => [d.date, String(d.peak), d.average.toFixed(2), String(d.distinctUsers)]),
  );
  // The 2-hour table, row by row.
  const table = page.getByRole('table', { name: 'Usage in 2-hour intervals' });
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
  expect(rows).toEqual(
    expected.intervals.rows.map((r) => [
      r.label,
      String(r.peak),
      r.average.toFixed(2),
      String(r.distinctUsers),
      String(r.sessions),
    ]),
  );
}

test('a project page shows its pies, trend and 2-hour table; an item page its facts; navigation and keyboard', async () => {
  const parsed = parseInventory(inventoryText);
  if (!parsed.ok) throw new Error(parsed.message);
  const platformItems = itemsOfProject(parsed.inventory, 'Platform');
  expect(platformItems).toEqual(['All Products Pack', 'GoLand', 'IntelliJ IDEA Ultimate']);
  const platform = await nodeFigures(platformItems);
  const goland = await nodeFigures(['GoLand']);
  const report = cliReport();
  const golandReport = report.items.find((i) => i.license === 'GoLand')!;
  // Counted together, not a sum of the items' peaks: the sample's own illustration of the rule.
  const sumOfPeaks = platformItems.reduce(
    (a, l) => a + report.items.find((i) => i.license === l)!.cards.peakUsage.value,
    0,
  );
  expect(platform.pies[1].used).toBeLessThanOrEqual(sumOfPeaks);

  const w = await watchedPage(browser, siteUrl, ZONE);
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await expect.poll(() => page.locator('.period-line').textContent(), WAIT).toMatch(/computed in/);

  // No projects in the (empty) inventory yet: the tab says how to add them.
  await page.getByRole('tab', { name: 'Projects' }).click();
  await expect.poll(() => portal(page).getByRole('note').textContent(), WAIT).toContain('No projects yet');
  expect(await portal(page).getByRole('note').textContent()).toContain('projects');
  expect(await page.getByRole('table', { name: 'License items' }).locator('tbody tr').count()).toBe(6);

  // The sample inventory has projects.
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await page.getByRole('tab', { name: 'Projects' }).click();
  const projects = page.getByRole('table', { name: 'Projects' });
  await expect
    .poll(() => projects.locator('tbody th').allTextContents(), WAIT)
    .toEqual(['Data', 'Desktop', 'Platform']);
  await expect.poll(() => projects.getAttribute('aria-busy'), WAIT).toBe('false');
  await portal(page).screenshot({ path: screenshotPath('projects-list.png') });
  const platformRow = projects.locator('tbody tr', {
    has: page.getByRole('button', { name: 'Platform', exact: true }),
  });
  expect(await platformRow.locator('td').nth(1).textContent()).toBe(String(platform.capacity));
  expect(await platformRow.locator('td').nth(2).textContent()).toMatch(new RegExp(`^${platform.pies[1].used} \\(`));

  // The project page, opened from the keyboard: focus lands on its heading.
  await projects.getByRole('button', { name: 'Platform', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page), WAIT).toBe('Project: Platform');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Project: Platform');
  const itemLinks = portal(page).getByRole('list', { name: 'License items of the project' }).getByRole('button');
  expect(await itemLinks.allTextContents()).toEqual(platformItems);
  expect(
    await page.getByText('Usage from all license items configured to the project is counted together.').count(),
  ).toBe(1);
  await expectFigures(page, platform);
  await page.locator('.portal').screenshot({ path: screenshotPath('project.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('.portal').screenshot({ path: screenshotPath('project-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Another day in the 2-hour table: the period's first day, 12 intervals (no clock change), from the library in Node too.
  const day = platform.trend[0]!.date;
  await portal(page).getByLabel('Day', { exact: true }).fill(day);
  await expect
    .poll(() => page.getByRole('heading', { name: `Usage in 2-hour intervals, ${day}` }).count(), WAIT)
    .toBe(1);
  await expect
    .poll(() => page.getByRole('table', { name: 'Usage in 2-hour intervals' }).locator('tbody tr').count(), WAIT)
    .toBe(12);
  const peaks = await page
    .getByRole('table', { name: 'Usage in 2-hour intervals' })
    .locator('tbody td:nth-child(2)')
    .allTextContents();
  expect(Math.max(...peaks.map(Number))).toBe(platform.trend[0]!.peak); // the day's peak is its intervals' largest

  // An item page from the project page: tags, capacity, validity, projects; the period peak as the CLI's.
  await itemLinks.filter({ hasText: 'GoLand' }).click();
  await expect.poll(() => heading(page), WAIT).toBe('GoLand');
  expect(await portal(page).getByRole('list').filter({ hasText: 'deployment: computer' }).count()).toBe(1);
  expect(await text(page, 'Item capacity')).toMatch(/^3 \(3 regular, 0 virtual\)$/);
  expect(await text(page, 'Validity period')).toBe('2026-01-01 to 2026-12-31 (valid at as-of)');
  expect(
    await portal(page).getByRole('list', { name: 'Projects of the item' }).getByRole('button').allTextContents(),
  ).toEqual(['Platform']);
  await expectFigures(page, goland);
  await portal(page).screenshot({ path: screenshotPath('item.png') });
  expect(await text(page, 'The selected period used')).toBe(String(golandReport.cards.peakUsage.value));
  expect(await text(page, 'All history used')).toBe(String(golandReport.cards.peakUsage.value)); // the period is all history here
  const trendPeaks = await page
    .getByRole('table', { name: 'Usage trend' })
    .locator('tbody td:nth-child(2)')
    .allTextContents();
  expect(trendPeaks.map(Number)).toEqual(golandReport.daily.map((d) => d.peak));

  // Back: the item's project, then the list.
  await portal(page)
    .getByRole('list', { name: 'Projects of the item' })
    .getByRole('button', { name: 'Platform' })
    .click();
  await expect.poll(() => heading(page), WAIT).toBe('Project: Platform');
  await portal(page)
    .getByRole('navigation', { name: 'Projects path' })
    .getByRole('button', { name: 'All projects and items' })
    .click();
  await expect.poll(() => heading(page), WAIT).toBe('Projects');

  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
  await w.context.close();
});

test('projects edited in the Inventory tab; a project page reached by a view link in a fresh browser', async () => {
  const w = await watchedPage(browser, siteUrl, ZONE);
  const { page } = w;
  await page.goto(siteUrl);
  await loadAndWait(page, () => page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await expect.poll(() => page.locator('.period-line').textContent(), WAIT).toMatch(/computed in/);
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Use the sample inventory' }).click();
  await expect.poll(() => page.getByLabel('Projects for GoLand').inputValue(), WAIT).toBe('Platform');
  await page.getByLabel('Projects for GoLand').fill('Platform, Tools ,Platform');
  await page.getByLabel('Projects for PyCharm Professional').fill('Tools');
  // A recomputed report (here for another period, and back) must not wipe edits not yet saved.
  const periodOf = async () => (await page.locator('.period-line').textContent())?.split(' · ')[1];
  const period = page.getByLabel('Period', { exact: true });
  const [preset, shown] = [await period.inputValue(), await periodOf()];
  await period.selectOption('7');
  await expect.poll(periodOf, WAIT).not.toBe(shown);
  expect(await page.getByLabel('Projects for GoLand').inputValue()).toBe('Platform, Tools ,Platform');
  await period.selectOption(preset);
  await expect.poll(periodOf, WAIT).toBe(shown);
  expect(await page.getByLabel('Projects for GoLand').inputValue()).toBe('Platform, Tools ,Platform');
  expect(await page.getByLabel('Projects for PyCharm Professional').inputValue()).toBe('Tools');
  await page.getByRole('button', { name: 'Save inventory' }).click();
  await expect.poll(() => page.getByLabel('Projects for GoLand').inputValue(), WAIT).toBe('Platform, Tools');

  await page.getByRole('tab', { name: 'Projects' }).click();
  const projects = page.getByRole('table', { name: 'Projects' });
  await expect
    .poll(() => projects.locator('tbody th').allTextContents(), WAIT)
    .toEqual(['Data', 'Desktop', 'Platform', 'Tools']);
  await projects.getByRole('button', { name: 'Tools', exact: true }).click();
  await expect.poll(() => heading(page), WAIT).toBe('Project: Tools');
  await expect.poll(() => projects.count(), WAIT).toBe(0);
  const tools = await nodeFigures(['GoLand', 'PyCharm Professional']);
  await expect.poll(() => text(page, 'The selected period used'), WAIT).toBe(String(tools.pies[1].used));
  const link = page.url();
  expect(new URLSearchParams(new URL(link).hash.slice(1)).get('portal')).toBe('project:Tools');

  // A fresh browser has no inventory of its own: the link brings it, projects included.
  const fresh = await watchedPage(browser, siteUrl, ZONE);
  await fresh.page.goto(link);
  await loadAndWait(fresh.page, () => fresh.page.getByLabel('Choose files…').setInputFiles(sampleFiles));
  await expect.poll(() => heading(fresh.page), WAIT).toBe('Project: Tools');
  await expect.poll(() => text(fresh.page, 'The selected period used'), WAIT).toBe(String(tools.pies[1].used));
  expect(
    await portal(fresh.page)
      .getByRole('list', { name: 'License items of the project' })
      .getByRole('button')
      .allTextContents(),
  ).toEqual(['GoLand', 'PyCharm Professional']);

  for (const x of [w, fresh]) {
    expect(x.consoleErrors).toEqual([]);
    expect(x.foreignRequests).toEqual([]);
  }
  await Promise.all([w.context.close(), fresh.context.close()]);
});
