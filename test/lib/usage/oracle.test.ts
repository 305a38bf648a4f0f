/**
 * Property: on random sessions, allocations, open sessions, hold delays,
 * as-of instants and zones (around DST changes), every figure of the SQL
 * engine equals the minute-by-minute oracle.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { usageSeries } from '../../../src/lib/usage/engine.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { oracle, type OracleSession } from './oracle.ts';

const MINUTE = 60_000;
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const ITEMS = ['Alpha', 'Beta', 'Gamma'];

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

const scenario = fc
  .record({
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
    // Three days around the 2026 DST changes, and a plain week in summer.
    base: fc.constantFrom(
      Date.UTC(2026, 2, 27, 12),
      Date.UTC(2026, 9, 23, 12),
      Date.UTC(2026, 9, 30, 12),
      Date.UTC(2026, 2, 7, 12),
      Date.UTC(2026, 6, 1),
    ),
    sessions: fc.array(
      fc.record({
        alloc: fc.integer({ min: 0, max: 6 }),
        user: fc.integer({ min: 0, max: 4 }),
        start: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        length: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 30 * 60 })),
        open: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
      }),
      { minLength: 1, maxLength: 18 },
    ),
    asOfAfter: fc.integer({ min: 1, max: 4 * 24 * 60 }),
    defaultAsOf: fc.boolean(),
    holdMinutes: fc.constantFrom(0, 0, 20, 30, 24 * 60),
    capacities: fc.array(fc.option(fc.integer({ min: 1, max: 4 })), { minLength: 3, maxLength: 3 }),
    threshold: fc.integer({ min: 40, max: 100 }),
  })
  .map((s) => {
    const sessions: OracleSession[] = s.sessions.map((x) => ({
      item: ITEMS[x.alloc % ITEMS.length]!,
      alloc: `al-${x.alloc}`,
      user: `user${x.user}`,
      from: s.base + x.start * MINUTE,
      to: x.open ? null : s.base + (x.start + x.length) * MINUTE,
    }));
    const first = Math.min(...sessions.map((x) => x.from));
    const latest = Math.max(...sessions.map((x) => Math.max(x.from, x.to ?? x.from)));
    const asOf = s.defaultAsOf ? latest : first + s.asOfAfter * MINUTE;
    return { ...s, sessions, asOf };
  })
  .filter((s) => s.asOf > Math.min(...s.sessions.map((x) => x.from)));

function inventoryOf(capacities: (number | null)[]): Inventory {
  const items: Record<string, unknown> = {};
  capacities.forEach((c, i) => {
    if (c !== null) items[ITEMS[i]!] = { regular: c };
  });
  const parsed = parseInventory(JSON.stringify({ version: 1, items }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.inventory;
}

function csvOf(sessions: OracleSession[]): string {
  const rows = sessions.map((s, i) =>
    [s.alloc, s.item, 'IDE', s.user, '', '', `host${i}`, '', iso(s.from), s.to === null ? '' : iso(s.to)].join(','),
  );
  return [HEADER, ...rows].join('\n');
}

test('the report equals the minute-by-minute oracle', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      await loadFiles(db, []);
      await db.query(clearAllSql());
      const [loaded] = await loadFiles(db, [memorySource('random.csv', csvOf(s.sessions))]);
      // Identical random rows are duplicates, kept once: the oracle must see what was kept.
      const seen = new Set<string>();
      const kept = s.sessions.filter((x, i) => {
        const key = `${x.alloc}|${x.item}|${x.user}|host${i}|${x.from}|${x.to}`;
        return !seen.has(key) && (seen.add(key), true);
      });
      expect(loaded!.counts.accepted).toBe(kept.length);

      const inventory = inventoryOf(s.capacities);
      const report = await buildReport(db, {
        zone: s.zone,
        asOf: s.defaultAsOf ? undefined : s.asOf,
        holdMinutes: s.holdMinutes,
        threshold: s.threshold,
        inventory,
      });
      const want = oracle({
        sessions: kept,
        zone: s.zone,
        asOf: s.asOf,
        holdMinutes: s.holdMinutes,
        from: report.period.from,
        to: report.period.to,
      });
      const firstDay = new Intl.DateTimeFormat('en-CA', { timeZone: s.zone }).format(
        Math.min(...kept.map((x) => x.from)),
      );
      expect(report.period.from).toBe(firstDay);

      for (const item of [...report.items, report.total]) {
        const license = item.license;
        const daily = want.daily.get(license);
        if (!daily) {
          // An inventory item never used: all zeros.
          expect(item.cards.peakUsage.value).toBe(0);
          continue;
        }
        expect(
          item.daily.map((d) => d.date),
          license,
        ).toEqual(daily.map((d) => d.key));
        expect(item.daily.map((d) => [d.peak, d.average, d.distinctUsers, d.sessions])).toEqual(
          daily.map((d) => [d.peak, round(d.average), d.distinctUsers, d.sessions]),
        );
        const peak = want.peak.get(license)!;
        expect(item.cards.peakUsage.value).toBe(peak.value);
        expect(Date.parse(item.cards.peakUsage.at)).toBe(peak.at);
        expect(item.cards.peakUsage.minutesAtPeak).toBe(peak.minutes);
        const peaks = daily.map((d) => d.peak);
        expect(item.cards.averageDailyUsage).toBe(round(peaks.reduce((a, b) => a + b, 0) / peaks.length));
        expect(item.inUseNow).toBe(want.inUseNow.get(license));
        if (item.capacity !== null) {
          expect(item.cards.daysAtCapacity).toBe(peaks.filter((p) => p >= item.capacity!).length);
          expect(item.cards.daysOverThreshold).toBe(
            peaks.filter((p) => p >= (s.threshold / 100) * item.capacity!).length,
          );
        } else {
          expect(item.cards.daysAtCapacity).toBeNull();
          expect(item.cards.daysOverThreshold).toBeNull();
        }
        const levels = want.minutesAtLevel.get(license)!;
        const total = [...levels.values()].reduce((a, b) => a + b, 0);
        expect(item.utilization.levels).toEqual(
          [...levels.entries()].sort(([a], [b]) => a - b).map(([level, n]) => ({ level, share: round(n / total, 6) })),
        );
      }

      // Drill-down: the hours of the period's last day, from the engine, against the oracle.
      const lastDay = want.daily.get('*')!.at(-1)!.key;
      const hoursWanted = want.hourly.get('*')!.filter((h) => h.key.startsWith(lastDay));
      const dayStart = Date.parse(hoursWanted[0]!.key.replace(/(T\d\d:\d\d)/, '$1:00'));
      const series = await usageSeries(
        db,
        ITEMS,
        { zone: s.zone, asOf: s.asOf, holdMinutes: s.holdMinutes },
        'hour',
        dayStart,
        dayStart + 26 * 3_600_000,
      );
      const got = series.get('*')!.filter((h) => h.key.startsWith(lastDay));
      expect(got.map((h) => [h.key, h.peak, round(h.average), h.distinctUsers, h.sessions])).toEqual(
        hoursWanted.map((h) => [h.key, h.peak, round(h.average), h.distinctUsers, h.sessions]),
      );
    }),
    { seed: 20261123, numRuns: 60, endOnFailure: true },
  );
}, 240_000);
