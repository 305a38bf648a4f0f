/**
 * The report in parts (src/lib/report/parts.ts) against the whole report, on
 * the sample (prices, denials, an inventory that leaves items out), in the
 * real DuckDB-WASM: every part the page asks for is the whole report's own
 * figure, so the page and the CLI cannot disagree.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { billingSection, monthlyPeaks } from '../../../src/lib/billing/report.ts';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { pathSource } from '../../../src/lib/ingest/node-source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { deriveReport, gatherReportFacts, type ReportFacts } from '../../../src/lib/report/build.ts';
import { ReportParts } from '../../../src/lib/report/parts.ts';
import { buildSnapshot } from '../../../src/lib/share/snapshot-build.ts';
import { TOTAL } from '../../../src/lib/usage/total.ts';
import { freshDatabase } from '../../helpers/db.ts';

const FILES = [
  'sample-data/small/allocations-2026-09.csv',
  'sample-data/small/allocations-2026-10.csv',
  'sample-data/small/denials.csv',
];

let db: Database;
let facts: ReportFacts;
let inventory: Inventory;
beforeAll(async () => {
  db = await freshDatabase();
  await loadFiles(db, await Promise.all(FILES.map(pathSource)));
  const parsed = parseInventory(await readFile('sample-data/small/inventory.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  // One item of the inventory left out: the total has no capacity, and that item no bill.
  const [dropped, ...kept] = Object.keys(parsed.inventory.items);
  inventory = { ...parsed.inventory, items: Object.fromEntries(kept.map((k) => [k, parsed.inventory.items[k]!])) };
  expect(dropped).toBeDefined();
  facts = await gatherReportFacts(db, { zone: 'Europe/Berlin', itemNames: Object.keys(inventory.items) });
}, 180_000);
afterAll(async () => db?.close());

describe.each([
  { threshold: 80, billing: 'monthly' as const },
  { threshold: 55, billing: 'quarterly' as const },
])('threshold $threshold, $billing bills', (options) => {
  const both = () => {
    const parts = new ReportParts(facts, { ...options, inventory });
    return { parts, whole: deriveReport(facts, { ...options, inventory }) };
  };

  test('every item’s whole report and figures are the whole report’s', () => {
    const { parts, whole } = both();
    expect(parts.licenses).toEqual(whole.items.map((i) => i.license));
    expect(whole.items.length).toBeGreaterThan(2);
    for (const item of whole.items) {
      expect(parts.item(item.license)).toEqual(item);
      const { utilization, heatmap, ...figures } = item;
      expect(utilization.levels.length + heatmap.length).toBeGreaterThan(0);
      expect(parts.figures(item.license)).toEqual(figures);
    }
    expect(parts.total).toEqual(whole.total);
    expect(parts.item(TOTAL)).toBe(parts.total);
  });

  test('the header, the bills and the denials are the whole report’s; the report from parts is the same report', () => {
    const { parts, whole } = both();
    const { items, total, billing, denials, ...header } = whole;
    expect(billing?.months.length).toBeGreaterThan(0);
    expect(denials?.total).toBeGreaterThan(0);
    expect(parts.header).toEqual({ ...header, denials });
    // The page bills the inventory's items alone; the section is the one over every item's days.
    const everyDay = new Map(items.map((i) => [i.license, i.daily]));
    expect(parts.billing).toEqual(billingSection(monthlyPeaks(everyDay), inventory, options.billing));
    expect(parts.billing).toEqual(billing);
    expect(parts.report()).toEqual(whole);
    const figures = parts.withoutDistributions();
    expect(figures.items.map((i) => i.license)).toEqual(items.map((i) => i.license));
    expect(figures.total.cards).toEqual(total.cards);
  });
});

test('an item not reported is not among the parts; the total always is', () => {
  const parts = new ReportParts(facts, { inventory });
  expect(parts.has(TOTAL)).toBe(true);
  expect(parts.has(parts.licenses[0]!)).toBe(true);
  expect(parts.has('No such item')).toBe(false);
});

test('a snapshot of the parts (the page’s) is the snapshot of the whole report (the one the tests knew)', async () => {
  const parts = new ReportParts(facts, { inventory, threshold: 70 });
  const whole = deriveReport(facts, { inventory, threshold: 70 });
  const options = {
    selected: parts.licenses[1]!,
    licenseType: 'all' as const,
    drill: { kind: 'period' as const },
    pseudonymize: null,
    createdAt: Date.UTC(2026, 10, 23, 12),
  };
  const fromParts = await buildSnapshot(db, parts.withoutDistributions(), options);
  expect(fromParts).toEqual(await buildSnapshot(db, whole, options));
  expect(fromParts.items).toHaveLength(whole.items.length);
});
