/**
 * The report built from loaded sessions in the real DuckDB-WASM: every card,
 * warning and in-use figure of docs/DOMAIN.md §3 for a handful of sessions whose
 * figures are worked out by hand below, with and without a capacity.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import type { Report } from '../../../src/lib/report/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

/*
 * UTC, 2 to 5 March 2026, as-of 5 March 12:00.
 *   2 Mar  GoLand a1 08:00–12:00 and a2 10:00–11:00: 2 in use for 60 minutes
 *   3 Mar  GoLand a1 09:00–10:00, then ReSharper r1 10:00–11:00 (touching, never together): 1
 *   4 Mar  nothing: 0
 *   5 Mar  GoLand a3 09:00–09:30, a4 from 11:00 still running (ends at as-of): 1
 */
const CSV = [
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to',
  'a1,GoLand,GoLand,ann,,,,,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z',
  'a2,GoLand,GoLand,bob,,,,,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z',
  'a1,GoLand,GoLand,ann,,,,,2026-03-03T09:00:00Z,2026-03-03T10:00:00Z',
  'r1,ReSharper,Rider,cid,,,,,2026-03-03T10:00:00Z,2026-03-03T11:00:00Z',
  'a3,GoLand,GoLand,dan,,,,,2026-03-05T09:00:00Z,2026-03-05T09:30:00Z',
  'a4,GoLand,GoLand,eve,,,,,2026-03-05T11:00:00Z,',
].join('\n');
const AS_OF = Date.parse('2026-03-05T12:00:00Z');

function inventory(items: Record<string, { regular: number }>): Inventory {
  const parsed = parseInventory(JSON.stringify({ version: 1, items }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.inventory;
}

const byLicense = (report: Report, license: string) => report.items.find((i) => i.license === license)!;

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadFiles(db, [memorySource('march.csv', CSV)]);
});
afterAll(async () => db?.close());

describe('GoLand with 2 licenses, ReSharper without an inventory entry, threshold 80 %', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport(db, { zone: 'UTC', asOf: AS_OF, inventory: inventory({ GoLand: { regular: 2 } }) });
  });

  test('the period: the first session’s day to as-of’s day, every row accepted', () => {
    expect(report.period).toEqual({ from: '2026-03-02', to: '2026-03-05' });
    expect(report.ingest).toEqual({ files: 1, rowsRead: 6, accepted: 6, rejected: 0, duplicates: 0 });
    expect(report.items.map((i) => i.license)).toEqual(['GoLand', 'ReSharper']);
  });

  test('GoLand: daily peaks 2, 1, 0, 1; one day over 1.6 licenses and one at capacity; a4 in use now', () => {
    const goland = byLicense(report, 'GoLand');
    expect(goland.daily.map((d) => d.peak)).toEqual([2, 1, 0, 1]);
    expect(goland.cards).toEqual({
      averageDailyUsage: 1, // (2 + 1 + 0 + 1) / 4
      peakUsage: { value: 2, at: '2026-03-02T10:00+00:00', minutesAtPeak: 60 },
      daysOverThreshold: 1,
      daysAtCapacity: 1,
    });
    expect([goland.capacity, goland.inUseNow, goland.usageRatio]).toEqual([2, 1, 0.5]);
    // Peak at capacity: major. Average 50 % of capacity, more than 10 points under 80: none. 1 day of 4 is above 20 %: major.
    expect(goland.warnings).toEqual({ peakUsage: 'major', averageDailyUsage: 'none', daysOverThreshold: 'major' });
  });

  test('ReSharper, without a capacity: Non-applicable cards and warnings, never 0', () => {
    const resharper = byLicense(report, 'ReSharper');
    expect(resharper.cards).toEqual({
      averageDailyUsage: 0.25,
      peakUsage: { value: 1, at: '2026-03-03T10:00+00:00', minutesAtPeak: 60 },
      daysOverThreshold: null,
      daysAtCapacity: null,
    });
    expect([resharper.capacity, resharper.inUseNow, resharper.usageRatio]).toEqual([null, 0, null]);
    expect(Object.values(resharper.warnings)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
  });

  test('the total counts both items at the same instant (2), not the sum of their peaks (3); no capacity as one item has none', () => {
    expect(report.total.daily.map((d) => d.peak)).toEqual([2, 1, 0, 1]);
    expect(report.total.cards.peakUsage.value).toBe(2);
    expect(report.total.cards.averageDailyUsage).toBe(1);
    expect(report.total.capacity).toBeNull();
    expect(report.total.cards.daysOverThreshold).toBeNull();
    expect(report.total.warnings.peakUsage).toBe('not-applicable');
  });
});

test('with ReSharper at 1 license: the total’s capacity is 3 and its limit 2.4, which no day reaches', async () => {
  const report = await buildReport(db, {
    zone: 'UTC',
    asOf: AS_OF,
    inventory: inventory({ GoLand: { regular: 2 }, ReSharper: { regular: 1 } }),
  });
  expect(report.total.capacity).toBe(3);
  expect(report.total.cards.daysOverThreshold).toBe(0);
  expect(report.total.cards.daysAtCapacity).toBe(0);
  expect(report.total.warnings).toEqual({ peakUsage: 'none', averageDailyUsage: 'none', daysOverThreshold: 'none' });
  const resharper = byLicense(report, 'ReSharper');
  expect([resharper.cards.daysOverThreshold, resharper.cards.daysAtCapacity]).toEqual([1, 1]);
  expect(resharper.warnings).toEqual({ peakUsage: 'major', averageDailyUsage: 'none', daysOverThreshold: 'major' });
});

test('a lower threshold moves GoLand’s warnings: at 50 %, an average of 1 of 2 licenses is major', async () => {
  const report = await buildReport(db, {
    zone: 'UTC',
    asOf: AS_OF,
    threshold: 50,
    inventory: inventory({ GoLand: { regular: 2 } }),
  });
  const goland = byLicense(report, 'GoLand');
  // The limit is 1 license: days with peaks 2, 1 and 1.
  expect(goland.cards.daysOverThreshold).toBe(3);
  expect(goland.warnings).toEqual({ peakUsage: 'major', averageDailyUsage: 'major', daysOverThreshold: 'major' });
});
