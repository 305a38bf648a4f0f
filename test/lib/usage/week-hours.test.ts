/**
 * Property: the heatmap read as sums per cell of the week (from the kept
 * quarters in memory, quarter-reads.ts, or from a sweep's own hours in the
 * database, week-hours.ts) equals the heatmap of the hourly series
 * (distributions.ts `heatmap`, the definition of docs/DOMAIN.md §3)
 * for every item and the total, on random sessions across DST changes, in
 * every path the engine has: the kept sweep read fresh, through the page's
 * cache (a narrower period picked out of the last read), and a period
 * starting off the quarter-hour grid (swept in its own hours, its first hour
 * cut by the period's start).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { heatmap, heatmapOf, type HeatCell } from '../../../src/lib/report/distributions.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { localDateKey, startOfLocalDate, wallMidnight } from '../../../src/lib/usage/buckets.ts';
import { UsageCache } from '../../../src/lib/usage/cache.ts';
import { TOTAL, periodUsage, usageSeries, type UsageSettings } from '../../../src/lib/usage/engine.ts';
import { freshDatabase } from '../../helpers/db.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const ITEMS = ['Alpha', 'Beta', 'Gamma'];
/** Inventory-like items: one never used. */
const ASKED = [...ITEMS, 'Unused'];

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const scenario = fc.record({
  // Whole, half-hour (Lord Howe's DST is half an hour) and three-quarter offsets.
  zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'),
  // Local dates starting a week that holds a DST change in one of the zones (or none).
  firstDate: fc.constantFrom('2026-03-26', '2026-10-22', '2026-10-29', '2026-03-05', '2026-04-02', '2026-07-01'),
  sessions: fc.array(
    fc.record({
      item: fc.integer({ min: 0, max: 2 }),
      user: fc.integer({ min: 0, max: 3 }),
      start: fc.integer({ min: -12 * 60, max: 9 * 24 * 60 }),
      length: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 40 * 60 })),
      open: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  asOfMinutes: fc.integer({ min: 1, max: 10 * 24 * 60 }),
  holdMinutes: fc.constantFrom(0, 0, 20, 30),
  offGridMinutes: fc.integer({ min: 1, max: 14 }),
});

interface Session {
  item: number;
  user: number;
  start: number;
  length: number;
  open: boolean;
}

function csvOf(base: number, sessions: Session[]) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows = sessions.map((s, i) =>
    [
      `al-${i}`,
      ITEMS[s.item],
      'IDE',
      `user${s.user}`,
      '',
      '',
      `host${i}`,
      '',
      iso(base + s.start * MINUTE),
      s.open ? '' : iso(base + (s.start + s.length) * MINUTE),
    ].join(','),
  );
  return [HEADER, ...rows].join('\n');
}

/** The heatmap of the definition: each item's hourly series over [fromMs, toMs), then distributions.ts `heatmap`. */
async function fromHours(settings: UsageSettings, fromMs: number, toMs: number): Promise<Map<string, HeatCell[]>> {
  const series = await usageSeries(db, ASKED, settings, 'hour', fromMs, toMs);
  return new Map([...series].map(([item, hours]) => [item, heatmap(hours, settings.asOf)]));
}

function expectSame(got: HeatCell[], want: HeatCell[], what: string) {
  expect(
    got.map((c) => [c.weekday, c.hour, c.peak]),
    what,
  ).toEqual(want.map((c) => [c.weekday, c.hour, c.peak]));
  got.forEach((c, i) => expect(Math.abs(c.mean - want[i]!.mean), `${what} ${c.weekday}:${c.hour}`).toBeLessThan(1e-9));
}

test('the heatmap from sums per cell of the week equals the heatmap of the hourly series', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      await loadFiles(db, []); // makes the tables, the first time
      await db.query(clearAllSql());
      const from = startOfLocalDate(s.zone, s.firstDate);
      await loadFiles(db, [memorySource('random.csv', csvOf(from, s.sessions))]);
      const settings = { zone: s.zone, asOf: from + s.asOfMinutes * MINUTE, holdMinutes: s.holdMinutes };
      const to = from + 9 * DAY; // not a local midnight in general: the last hour is cut
      const check = async (fromMs: number, toMs: number, cache?: UsageCache) => {
        const usage = await periodUsage(db, ASKED, settings, fromMs, toMs, cache);
        const want = await fromHours(settings, fromMs, toMs);
        for (const item of [...ASKED, TOTAL]) {
          expectSame(heatmapOf(usage.weekHours, item), want.get(item)!, `${item} ${fromMs}–${toMs}`);
        }
      };
      await check(from, to); // the kept sweep, read fresh
      const cache = new UsageCache();
      const day = (n: number) => startOfLocalDate(s.zone, localDateKey(wallMidnight(s.firstDate) + n * DAY));
      await check(from, day(7), cache); // through the cache
      await check(day(1), day(6), cache); // a narrower period of whole days, picked out of the last read
      // Off the grid: swept in its own hours (a period starting at or after as-of is never asked: nothing to sweep).
      const offGrid = from + s.offGridMinutes * MINUTE;
      if (offGrid < settings.asOf) await check(offGrid, to);
    }),
    { seed: 20261130, numRuns: 40, endOnFailure: true },
  );
}, 600_000);
