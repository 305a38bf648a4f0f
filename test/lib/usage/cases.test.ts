/**
 * Hand-worked cases of docs/DOMAIN.md §3 against the real DuckDB-WASM: each
 * expected number is computed by hand and explained in the comment next to it.
 * Unless said otherwise: zone UTC, item 'X', 2026-03-02 is a Monday, and as-of
 * is set explicitly so that the period is whole days (average = hours / 24).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { buildReport, type ReportOptions } from '../../../src/lib/report/build.ts';
import type { ItemReport, Report } from '../../../src/lib/report/schema.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { bucketsOf } from '../../../src/lib/usage/buckets.ts';
import { usageSeries } from '../../../src/lib/usage/engine.ts';
import { freshDatabase } from '../../helpers/db.ts';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const utc = (iso: string) => Date.parse(iso);

/** One export row: [allocation, item, user, from, to (null = still running), host]. */
type Row = [alloc: string, item: string, user: string, from: string, to: string | null, host?: string];

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());
beforeEach(async () => {
  await loadFiles(db, []); // creates the tables on first use
  await db.query(clearAllSql());
});

async function load(rows: Row[]) {
  const lines = rows.map(([alloc, item, user, from, to, host], i) =>
    [
      alloc,
      item,
      'IntelliJ IDEA Ultimate',
      user,
      `${user}@example.com`,
      '10.0.0.1',
      host ?? `host${i}`,
      '',
      from,
      to ?? '',
    ].join(','),
  );
  const [report] = await loadFiles(db, [memorySource('x.csv', [HEADER, ...lines].join('\n'))]);
  expect(report!.status).toBe('loaded');
  expect(report!.counts).toMatchObject({ rowsRead: rows.length, accepted: rows.length, rejected: 0, duplicates: 0 });
}

function inventoryOf(items: Record<string, Record<string, unknown>>): Inventory {
  const parsed = parseInventory(JSON.stringify({ version: 1, items }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.inventory;
}

const report = (options: Partial<ReportOptions> = {}) => buildReport(db, { zone: 'UTC', ...options });
const item = (r: Report, license: string): ItemReport => {
  const found = license === '*' ? r.total : r.items.find((i) => i.license === license);
  if (!found) throw new Error(`no item ${license}`);
  return found;
};
const dailyOf = (i: ItemReport) => i.daily.map((d) => [d.date, d.peak, d.average, d.distinctUsers, d.sessions]);
/** A whole UTC day 2026-03-02 as the period. */
const MAR2 = { from: '2026-03-02', to: '2026-03-02', asOf: utc('2026-03-03T00:00:00Z') };

describe('counting licenses', () => {
  test('two machines on one allocation count once', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z', 'alice-laptop'],
      ['a1', 'X', 'alice', '2026-03-02T10:30:00Z', '2026-03-02T11:30:00Z', 'alice-desktop'],
    ]);
    const r = await report(MAR2);
    const x = item(r, 'X');
    // One license held 10:00–12:00 whatever the machines: peak 1 (not 2), 120 min at it, 2 h / 24 h = 0.0833.
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 1, 0.0833, 1, 2]]); // two sessions, one user
    expect(x.utilization.levels).toEqual([
      { level: 0, share: 0.916667 }, // 22 h of 24 at 0
      { level: 1, share: 0.083333 }, // 2 h of 24 at 1; never 2
    ]);
  });

  test('touching sessions of one allocation merge', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'],
      ['a1', 'X', 'alice', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    // [10,11) ∪ [11,12) = [10,12): L stays 1 for 120 minutes, first reached at 10:00.
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 1, 0.0833, 1, 2]]);
    const hours = (
      await usageSeries(
        db,
        ['X'],
        { zone: 'UTC', asOf: MAR2.asOf, holdMinutes: 0 },
        'hour',
        utc('2026-03-02T09:00:00Z'),
        utc('2026-03-02T13:00:00Z'),
      )
    ).get('X')!;
    // 09:00 nothing; 10:00 and 11:00 fully held by one license; 12:00 nothing.
    expect(hours.map((h) => [h.key, h.peak, h.average, h.sessions])).toEqual([
      ['2026-03-02T09:00+00:00', 0, 0, 0],
      ['2026-03-02T10:00+00:00', 1, 1, 1],
      ['2026-03-02T11:00+00:00', 1, 1, 1],
      ['2026-03-02T12:00+00:00', 0, 0, 0],
    ]);
  });

  test('touching sessions of two allocations do not overlap (intervals are half-open)', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    // a1 releases at the instant a2 starts: never 2 at once; 1 for 120 min.
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 1, 0.0833, 2, 2]]);
  });

  test('two allocations at the same time count 2', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    // Two licenses for 2 h: peak 2 for 120 min, 4 license-hours / 24 h = 0.1667.
    expect(x.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 2, 0.1667, 2, 2]]);
  });

  test('one user on two allocations holds two licenses', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
      ['a2', 'X', 'alice', '2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    // Overlap 11:00–12:00 is 2 licenses; one distinct user, two sessions.
    expect(x.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T11:00+00:00', minutesAtPeak: 60 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 2, 0.1667, 1, 2]]); // 4 license-hours / 24
  });
});

describe('the total', () => {
  test('is the sum at the same instant, never the sum of separate peaks', async () => {
    await load([
      ['a1', 'A', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
      ['b1', 'B', 'bob', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const r = await report(MAR2);
    expect(item(r, 'A').cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T09:00+00:00', minutesAtPeak: 60 });
    expect(item(r, 'B').cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T11:00+00:00', minutesAtPeak: 60 });
    // A busy 9–10, B busy 11–12: never both at once, so the total's peak is 1 (not 1 + 1), 120 min at it.
    expect(r.total.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T09:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(r.total)).toEqual([['2026-03-02', 1, 0.0833, 2, 2]]); // 2 license-hours / 24
  });

  test('overlapping items add up at the instants they overlap', async () => {
    await load([
      ['a1', 'A', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T11:00:00Z'],
      ['b1', 'B', 'bob', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const r = await report(MAR2);
    // Both held 10:00–11:00: total 2 for 60 min; 4 license-hours / 24 = 0.1667.
    expect(r.total.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T10:00+00:00', minutesAtPeak: 60 });
    expect(dailyOf(r.total)).toEqual([['2026-03-02', 2, 0.1667, 2, 2]]);
    expect(r.items.map((i) => i.license)).toEqual(['A', 'B']);
  });
});

describe('days', () => {
  test('a session across midnight counts on both days (Europe/Berlin)', async () => {
    // 22:00 local on Mon 2026-03-02 to 06:00 local on Tue 2026-03-03 (CET, +01:00).
    await load([['a1', 'X', 'alice', '2026-03-02T21:00:00Z', '2026-03-03T05:00:00Z']]);
    const x = item(await report({ zone: 'Europe/Berlin', asOf: utc('2026-03-03T23:00:00Z') }), 'X');
    expect(dailyOf(x)).toEqual([
      ['2026-03-02', 1, 0.0833, 1, 1], // 22:00–24:00 local: 2 h / 24
      ['2026-03-03', 1, 0.25, 1, 1], // 00:00–06:00 local: 6 h / 24
    ]);
    expect(x.cards.averageDailyUsage).toBe(1); // peaks 1 and 1
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T22:00+01:00', minutesAtPeak: 480 });
  });

  test('a period with no use: days with peak 0 count as 0 in the average daily usage', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T09:30:00Z', '2026-03-02T11:00:00Z'],
    ]);
    const x = item(await report({ from: '2026-03-01', to: '2026-03-04', asOf: utc('2026-03-05T00:00:00Z') }), 'X');
    expect(dailyOf(x)).toEqual([
      ['2026-03-01', 0, 0, 0, 0],
      ['2026-03-02', 2, 0.1042, 2, 2], // 1 h + 1.5 h = 2.5 license-hours / 24 = 0.10417
      ['2026-03-03', 0, 0, 0, 0],
      ['2026-03-04', 0, 0, 0, 0],
    ]);
    expect(x.cards.averageDailyUsage).toBe(0.5); // (0 + 2 + 0 + 0) / 4
  });

  test('a period entirely without use: peak 0 from the period start, all of it at 0', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z']]);
    const x = item(await report({ from: '2026-03-04', to: '2026-03-04', asOf: utc('2026-03-05T00:00:00Z') }), 'X');
    expect(dailyOf(x)).toEqual([['2026-03-04', 0, 0, 0, 0]]);
    expect(x.cards.averageDailyUsage).toBe(0);
    // 0 is first "reached" at the period's start and held the whole day: 1440 minutes.
    expect(x.cards.peakUsage).toEqual({ value: 0, at: '2026-03-04T00:00+00:00', minutesAtPeak: 1440 });
    expect(x.utilization).toEqual({ levels: [{ level: 0, share: 1 }], coverage95: 0, coverage99: 0 });
  });
});

describe('open sessions and as-of', () => {
  test('an open session ends at as-of and counts in "inUseNow"', async () => {
    await load([
      ['a2', 'X', 'bob', '2026-03-02T09:00:00Z', '2026-03-02T10:30:00Z'], // closed before as-of
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', null], // open: held until as-of 12:00
      ['a5', 'X', 'erin', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'], // ends exactly at as-of: not in use then
      ['a4', 'X', 'dave', '2026-03-02T12:00:00Z', null], // starts exactly at as-of: in use then, no time in the period
      ['a3', 'X', 'carol', '2026-03-02T13:00:00Z', null], // starts after as-of: ignored
    ]);
    const r = await report({ asOf: utc('2026-03-02T12:00:00Z') });
    const x = item(r, 'X');
    expect(r.asOf).toBe('2026-03-02T12:00+00:00');
    expect(r.period).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    // Open at 12:00: a1 (open) and a4 (started at 12:00, open) → 2; a5 ended at 12:00, a3 not yet started.
    expect(x.inUseNow).toBe(2);
    expect(r.total.inUseNow).toBe(2);
    expect(x.usageRatio).toBeNull(); // no capacity
    // L: 9–10 1 (a2), 10–10:30 2 (a2,a1), 10:30–11 1 (a1), 11–12 2 (a1,a5): 4.5 license-hours over the 12 h up to as-of.
    expect(dailyOf(x)).toEqual([['2026-03-02', 2, 0.375, 3, 3]]);
    expect(x.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T10:00+00:00', minutesAtPeak: 90 }); // 30 + 60
  });

  test('an as-of inside a closed session: the session is in use then, and cut there', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T14:00:00Z']]);
    const x = item(await report({ asOf: utc('2026-03-02T12:00:00Z') }), 'X');
    expect(x.inUseNow).toBe(1); // used_to 14:00 is after as-of 12:00
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 }); // 10:00–12:00 only
    expect(dailyOf(x)).toEqual([['2026-03-02', 1, 0.1667, 1, 1]]); // 2 h of the 12 h up to as-of
  });

  test('without an explicit as-of, it is the latest timestamp in the data', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T08:00:00Z', null],
      ['a2', 'X', 'bob', '2026-03-02T09:00:00Z', '2026-03-02T14:00:00Z'],
    ]);
    const r = await report();
    // Latest timestamp 14:00: a1 open until then; a2 ends exactly then, so only a1 is in use now.
    expect(r.asOf).toBe('2026-03-02T14:00+00:00');
    expect(item(r, 'X').inUseNow).toBe(1);
    // L: 8–9 1, 9–14 2: 11 license-hours over the 14 h up to as-of = 0.7857.
    expect(dailyOf(item(r, 'X'))).toEqual([['2026-03-02', 2, 0.7857, 2, 2]]);
  });

  test('usage ratio = in use now / capacity, and the total over the summed capacity', async () => {
    await load([
      ['x1', 'X', 'alice', '2026-03-02T09:00:00Z', null],
      ['x2', 'X', 'bob', '2026-03-02T10:00:00Z', null],
      ['x3', 'X', 'carol', '2026-03-02T08:00:00Z', '2026-03-02T09:30:00Z'],
      ['y1', 'Y', 'dave', '2026-03-02T10:00:00Z', null],
    ]);
    const inventory = inventoryOf({ X: { regular: 2 }, Y: { regular: 3, virtual: 1 } });
    const r = await report({ asOf: utc('2026-03-02T12:00:00Z'), inventory });
    expect([item(r, 'X').inUseNow, item(r, 'X').capacity, item(r, 'X').usageRatio]).toEqual([2, 2, 1]); // 2 / 2
    expect([item(r, 'Y').inUseNow, item(r, 'Y').capacity, item(r, 'Y').usageRatio]).toEqual([1, 4, 0.25]); // 1 / (3 + 1 virtual)
    expect([r.total.inUseNow, r.total.capacity, r.total.usageRatio]).toEqual([3, 6, 0.5]); // 3 / (2 + 4)
  });
});

describe('hold delay', () => {
  test('bridges a 20-minute gap between two sessions of one allocation', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'],
      ['a1', 'X', 'alice', '2026-03-02T11:20:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const held = item(await report({ ...MAR2, holdMinutes: 30 }), 'X');
    // [10:00, 11:30) ∪ [11:20, 12:30) = [10:00, 12:30): one license for 150 minutes, never 2.
    expect(held.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 150 });
    expect(dailyOf(held)).toEqual([['2026-03-02', 1, 0.1042, 1, 2]]); // 2.5 h / 24
    const plain = item(await report({ ...MAR2, holdMinutes: 0 }), 'X');
    expect(plain.cards.peakUsage.minutesAtPeak).toBe(100); // 60 + 40 without the delay
  });

  test('makes two allocations 20 minutes apart overlap', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T11:20:00Z', '2026-03-02T12:00:00Z'],
    ]);
    const held = await report({ ...MAR2, holdMinutes: 30 });
    // a1 held until 11:30, a2 from 11:20: 2 licenses for 10 minutes.
    expect(item(held, 'X').cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T11:20+00:00', minutesAtPeak: 10 });
    expect(held.holdMinutes).toBe(30);
    expect(item(await report(MAR2), 'X').cards.peakUsage.value).toBe(1); // no overlap without the delay
  });

  test('is cut at as-of', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:50:00Z']]);
    const x = item(await report({ asOf: utc('2026-03-02T12:00:00Z'), holdMinutes: 30 }), 'X');
    // Held until 12:20 but as-of is 12:00: 120 minutes at 1, 2 h of the 12 h up to as-of.
    expect(x.cards.peakUsage).toEqual({ value: 1, at: '2026-03-02T10:00+00:00', minutesAtPeak: 120 });
    expect(dailyOf(x)).toEqual([['2026-03-02', 1, 0.1667, 1, 1]]);
    expect(x.inUseNow).toBe(0); // the session ended before as-of; the delay is not "in use now"
  });
});

describe('DST days', () => {
  const fullDay = async (zone: string, from: string, to: string, day: string, length: number) => {
    await db.query(clearAllSql());
    await load([['a1', 'X', 'alice', from, to]]);
    const r = await report({ zone, asOf: utc(to) });
    const x = item(r, 'X');
    // One license from local midnight to local midnight: average exactly 1 whatever the day's length.
    expect(dailyOf(x), `${zone} ${day}`).toEqual([[day, 1, 1, 1, 1]]);
    expect(x.cards.peakUsage.minutesAtPeak).toBe(length * 60);
    const hours = (
      await usageSeries(db, ['X'], { zone, asOf: utc(to), holdMinutes: 0 }, 'hour', utc(from), utc(to))
    ).get('X')!;
    expect(hours).toHaveLength(length);
    expect(hours.every((h) => h.peak === 1 && h.average === 1 && h.key.startsWith(day))).toBe(true);
    return hours;
  };

  test('Europe/Berlin 2026-03-29 (23 h) and 2026-10-25 (25 h)', async () => {
    const spring = await fullDay('Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', '2026-03-29', 23);
    expect(spring.some((h) => h.hour === 2)).toBe(false);
    const autumn = await fullDay('Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', '2026-10-25', 25);
    expect(autumn.filter((h) => h.hour === 2).map((h) => h.key)).toEqual([
      '2026-10-25T02:00+02:00',
      '2026-10-25T02:00+01:00',
    ]);
  });

  test('America/New_York 2026-03-08 (23 h) and 2026-11-01 (25 h)', async () => {
    await fullDay('America/New_York', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', '2026-03-08', 23);
    const autumn = await fullDay('America/New_York', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', '2026-11-01', 25);
    expect(autumn.filter((h) => h.hour === 1).map((h) => h.key)).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ]);
  });

  test('the average divides by the real length of the day', async () => {
    await load([
      // Berlin, local 00:00–12:00 on the 23-hour day: 23:00Z–10:00Z = 11 h of 23.
      ['a1', 'X', 'alice', '2026-03-28T23:00:00Z', '2026-03-29T10:00:00Z'],
      // Berlin, local 00:00–12:00 on the 25-hour day: 22:00Z–11:00Z = 13 h of 25.
      ['a2', 'X', 'bob', '2026-10-24T22:00:00Z', '2026-10-25T11:00:00Z'],
    ]);
    const r = await report({
      zone: 'Europe/Berlin',
      from: '2026-03-29',
      to: '2026-10-25',
      asOf: utc('2026-10-26T00:00:00Z'),
    });
    const daily = new Map(item(r, 'X').daily.map((d) => [d.date, d.average]));
    expect(daily.get('2026-03-29')).toBe(0.4783); // 11 / 23 = 0.47826
    expect(daily.get('2026-10-25')).toBe(0.52); // 13 / 25
    expect(daily.get('2026-03-30')).toBe(0);
    expect(item(r, 'X').daily).toHaveLength(211); // 2026-03-29 .. 2026-10-25 inclusive
  });

  test('the repeated autumn hour is two heatmap buckets of one cell (weekday 7, hour 2)', async () => {
    // Held during the first 02:00 (CEST, 00:00Z–01:00Z), free during the second (CET, 01:00Z–02:00Z).
    await load([['a1', 'X', 'alice', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z']]);
    const r = await report({
      zone: 'Europe/Berlin',
      from: '2026-10-25',
      to: '2026-10-25',
      asOf: utc('2026-10-25T23:00:00Z'),
    });
    const x = item(r, 'X');
    expect(x.heatmap).toHaveLength(24); // 25 hour buckets, 24 cells
    expect(x.heatmap.find((c) => c.weekday === 7 && c.hour === 2)).toEqual({ weekday: 7, hour: 2, mean: 0.5, peak: 1 }); // (1 h + 0 h) / 2 h
    expect(dailyOf(x)).toEqual([['2026-10-25', 1, 0.04, 1, 1]]); // 1 h / 25 h
  });
});

describe('capacity, thresholds and warnings', () => {
  test('items without capacity: null figures and "not-applicable", never 0', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T10:00:00Z', null]]);
    const r = await report({ asOf: utc('2026-03-02T12:00:00Z') });
    for (const x of [item(r, 'X'), r.total]) {
      expect(x.capacity).toBeNull();
      expect(x.usageRatio).toBeNull();
      expect(x.cards.daysOverThreshold).toBeNull();
      expect(x.cards.daysAtCapacity).toBeNull();
      expect(x.warnings).toEqual({
        averageDailyUsage: 'not-applicable',
        peakUsage: 'not-applicable',
        daysOverThreshold: 'not-applicable',
      });
    }
  });

  /** `peaks[d]` allocations at once, 09:00–10:00 on day d (Mon 2026-03-02 on), in a 5-day period. */
  async function days(peaks: number[], capacity: Record<string, unknown>, threshold = 80) {
    await db.query(clearAllSql());
    const rows: Row[] = [];
    peaks.forEach((p, d) => {
      const date = `2026-03-0${2 + d}`;
      for (let i = 0; i < p; i++) rows.push([`d${d}-a${i}`, 'X', `user${i}`, `${date}T09:00:00Z`, `${date}T10:00:00Z`]);
    });
    await load(rows);
    const r = await report({
      from: '2026-03-02',
      to: '2026-03-06',
      asOf: utc('2026-03-07T00:00:00Z'),
      threshold,
      inventory: inventoryOf({ X: capacity }),
    });
    const x = item(r, 'X');
    expect(x.daily.map((d) => d.peak)).toEqual(peaks);
    return x;
  }

  test('capacity 2: days over threshold and at capacity', async () => {
    const x = await days([2, 1, 0, 2, 1], { regular: 2, virtual: 0, trueUpLimitPercent: null, kind: 'ide' });
    expect(x.capacity).toBe(2);
    // Threshold 80 % of 2 = 1.6: days with peak 2 are over it (2 days), peak 1 is not; the same 2 days are at capacity.
    expect(x.cards.daysOverThreshold).toBe(2);
    expect(x.cards.daysAtCapacity).toBe(2);
    expect(x.cards.averageDailyUsage).toBe(1.2); // 6 / 5
    expect(x.warnings).toEqual({
      peakUsage: 'major', // 2 >= capacity 2
      averageDailyUsage: 'none', // 1.2 / 2 = 60 % < 70 %
      daysOverThreshold: 'major', // 2 days > 20 % of 5 days = 1
    });
  });

  // Capacity 10 = 8 regular + 2 virtual; threshold 80 % = 8 licenses; 5 days, so 20 % is 1 day.
  const CAP10 = { regular: 8, virtual: 2 };

  test('peak at capacity is major; exactly 20 % of the days over is only minor', async () => {
    const x = await days([10, 0, 0, 0, 0], CAP10);
    expect(x.capacity).toBe(10);
    expect([x.cards.daysOverThreshold, x.cards.daysAtCapacity]).toEqual([1, 1]);
    expect(x.cards.averageDailyUsage).toBe(2); // 10 / 5 = 20 % of capacity
    expect(x.warnings).toEqual({ peakUsage: 'major', averageDailyUsage: 'none', daysOverThreshold: 'minor' });
  });

  test('peak at the threshold is minor; average within 10 points below the threshold is minor', async () => {
    const x = await days([8, 7, 7, 7, 7], CAP10);
    expect([x.cards.daysOverThreshold, x.cards.daysAtCapacity]).toEqual([1, 0]); // only the 8 reaches 8
    expect(x.cards.averageDailyUsage).toBe(7.2); // 36 / 5 = 72 %, in [70 %, 80 %)
    expect(x.warnings).toEqual({ peakUsage: 'minor', averageDailyUsage: 'minor', daysOverThreshold: 'minor' });
  });

  test('average at the threshold is major; more than 20 % of the days over is major', async () => {
    const x = await days([9, 9, 8, 7, 7], CAP10);
    expect([x.cards.daysOverThreshold, x.cards.daysAtCapacity]).toEqual([3, 0]);
    expect(x.cards.averageDailyUsage).toBe(8); // 40 / 5 = 80 %
    expect(x.warnings).toEqual({ peakUsage: 'minor', averageDailyUsage: 'major', daysOverThreshold: 'major' });
  });

  test('below every mark: none, and 0 days (not null)', async () => {
    const x = await days([7, 7, 7, 7, 6], CAP10);
    expect([x.cards.daysOverThreshold, x.cards.daysAtCapacity]).toEqual([0, 0]);
    expect(x.cards.averageDailyUsage).toBe(6.8); // 34 / 5 = 68 % < 70 %
    expect(x.warnings).toEqual({ peakUsage: 'none', averageDailyUsage: 'none', daysOverThreshold: 'none' });
  });

  test('another threshold moves every mark', async () => {
    // Threshold 50 % of 10 = 5: peaks 5 and 6 are over it; average 3.6 = 36 % < 40 %.
    const x = await days([5, 6, 2, 2, 3], CAP10, 50);
    expect([x.cards.daysOverThreshold, x.cards.daysAtCapacity]).toEqual([2, 0]);
    expect(x.warnings).toEqual({ peakUsage: 'minor', averageDailyUsage: 'none', daysOverThreshold: 'major' });
  });

  test("the total's capacity is the sum only when every item has one", async () => {
    await load([
      ['x1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
      ['y1', 'Y', 'bob', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
    ]);
    const partial = await report({ ...MAR2, inventory: inventoryOf({ X: { regular: 2 } }) });
    expect(item(partial, 'X').capacity).toBe(2);
    expect(item(partial, 'Y').capacity).toBeNull();
    expect(partial.total.capacity).toBeNull(); // Y has none
    expect(partial.total.cards.daysOverThreshold).toBeNull();
    expect(partial.total.warnings.peakUsage).toBe('not-applicable');

    // Z is in the inventory but never used: it is reported with zeros and its capacity counts in the total.
    const full = await report({
      ...MAR2,
      inventory: inventoryOf({ X: { regular: 2 }, Y: { regular: 1, virtual: 1 }, Z: { regular: 3 } }),
    });
    expect(full.items.map((i) => [i.license, i.capacity])).toEqual([
      ['X', 2],
      ['Y', 2],
      ['Z', 3],
    ]);
    expect(full.total.capacity).toBe(7);
    expect(full.total.cards.peakUsage.value).toBe(2); // X and Y at 09:00
    expect(full.total.cards.daysOverThreshold).toBe(0); // 2 < 0.8 × 7 = 5.6
    expect(item(full, 'Z').cards.peakUsage.value).toBe(0);
    expect(item(full, 'Z').daily).toEqual([{ date: '2026-03-02', peak: 0, average: 0, distinctUsers: 0, sessions: 0 }]);
  });
});

describe('the peak card', () => {
  test('"at" is the first instant of the peak; minutes at peak add up every stretch at that value', async () => {
    await load([
      ['a0', 'X', 'zoe', '2026-03-02T07:00:00Z', '2026-03-02T08:00:00Z'], // level 1 only, earlier
      ['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T09:30:00Z', '2026-03-02T10:00:00Z'], // 2 for 30 min from 09:30
      ['a3', 'X', 'carol', '2026-03-02T14:00:00Z', '2026-03-02T14:45:00Z'],
      ['a4', 'X', 'dave', '2026-03-02T14:15:00Z', '2026-03-02T15:00:00Z'], // 2 for 30 min from 14:15
      ['a5', 'X', 'erin', '2026-03-03T08:00:00Z', '2026-03-03T08:20:00Z'],
      ['a6', 'X', 'frank', '2026-03-03T08:00:00Z', '2026-03-03T08:20:00Z'], // 2 for 20 min the next day
    ]);
    const x = item(await report({ from: '2026-03-02', to: '2026-03-03', asOf: utc('2026-03-04T00:00:00Z') }), 'X');
    expect(x.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T09:30+00:00', minutesAtPeak: 80 }); // 30 + 30 + 20
  });

  test('seconds are kept: a peak reached at 09:00:15 for 15 seconds', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T09:01:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T09:00:15Z', '2026-03-02T09:00:30Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    expect(x.cards.peakUsage).toEqual({ value: 2, at: '2026-03-02T09:00:15+00:00', minutesAtPeak: 0.25 }); // 15 s
  });

  test('"at" is written in the report zone', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z']]);
    const r = await report({ zone: 'Asia/Kolkata', asOf: utc('2026-03-02T18:30:00Z') });
    expect(item(r, 'X').cards.peakUsage.at).toBe('2026-03-02T14:30+05:30'); // 09:00Z + 5:30
    expect(r.asOf).toBe('2026-03-03T00:00+05:30');
    expect(r.period).toEqual({ from: '2026-03-02', to: '2026-03-02' });
  });
});

describe('distributions', () => {
  test('utilization: share of time at each level, and the licenses covering 95 % and 99 % of it', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T00:00:00Z', '2026-03-02T12:00:00Z'],
      ['a2', 'X', 'bob', '2026-03-02T06:00:00Z', '2026-03-02T09:00:00Z'],
      ['a3', 'X', 'carol', '2026-03-02T07:00:00Z', '2026-03-02T08:00:00Z'],
    ]);
    const x = item(await report(MAR2), 'X');
    // Level 0: 12–24 = 12 h; 1: 0–6 and 9–12 = 9 h; 2: 6–7 and 8–9 = 2 h; 3: 7–8 = 1 h (of 24).
    expect(x.utilization.levels).toEqual([
      { level: 0, share: 0.5 },
      { level: 1, share: 0.375 },
      { level: 2, share: 0.083333 },
      { level: 3, share: 0.041667 },
    ]);
    // Cumulative: 0.5, 0.875, 0.9583, 1: 2 licenses cover 95 %, 3 are needed for 99 %.
    expect([x.utilization.coverage95, x.utilization.coverage99]).toEqual([2, 3]);
  });

  test('coverage at exactly 95 % counts as covered', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z']]);
    // Period 00:00–20:00 (as-of): 19 h at 0 = exactly 95 %, 1 h at 1.
    const x = item(await report({ asOf: utc('2026-03-02T20:00:00Z') }), 'X');
    expect(x.utilization.levels).toEqual([
      { level: 0, share: 0.95 },
      { level: 1, share: 0.05 },
    ]);
    expect([x.utilization.coverage95, x.utilization.coverage99]).toEqual([0, 1]);
  });

  test('heatmap: time-weighted mean and peak per weekday and hour', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T09:00:00Z', '2026-03-02T09:30:00Z'], // Mon 2 Mar, 09:00 hour: average 0.5
      ['a1', 'X', 'alice', '2026-03-09T09:00:00Z', '2026-03-09T10:00:00Z'], // Mon 9 Mar, 09:00 hour: 1 all hour …
      ['a2', 'X', 'bob', '2026-03-09T09:00:00Z', '2026-03-09T09:15:00Z'], // … plus 1 for 15 min: average 1.25, peak 2
      ['a3', 'X', 'carol', '2026-03-04T14:00:00Z', '2026-03-04T16:00:00Z'], // Wed 4 Mar, 14:00 and 15:00 hours
    ]);
    const r = await report({ from: '2026-03-02', to: '2026-03-09', asOf: utc('2026-03-10T00:00:00Z') });
    const x = item(r, 'X');
    expect(x.heatmap).toHaveLength(7 * 24);
    const cell = (weekday: number, hour: number) => x.heatmap.find((c) => c.weekday === weekday && c.hour === hour);
    expect(cell(1, 9)).toEqual({ weekday: 1, hour: 9, mean: 0.875, peak: 2 }); // (0.5 + 1.25) / 2 Mondays
    expect(cell(1, 10)).toEqual({ weekday: 1, hour: 10, mean: 0, peak: 0 });
    expect(cell(3, 14)).toEqual({ weekday: 3, hour: 14, mean: 1, peak: 1 }); // one Wednesday, fully held
    expect(cell(3, 15)).toEqual({ weekday: 3, hour: 15, mean: 1, peak: 1 });
    expect(cell(2, 9)).toEqual({ weekday: 2, hour: 9, mean: 0, peak: 0 });
    expect(x.heatmap.slice(0, 2).map((c) => [c.weekday, c.hour])).toEqual([
      [1, 0],
      [1, 1],
    ]); // sorted by weekday, then hour
    expect(r.total.heatmap).toEqual(x.heatmap); // a single item: the total is the same
  });

  test('heatmap: the hour cut by as-of weighs only its part up to as-of', async () => {
    // Mon 2 Mar 10:00–11:00: nothing (60 min at 0). Mon 9 Mar: held from 10:00, as-of 10:30 (30 min at 1).
    // Time-weighted mean of L over the 90 observed minutes of "Monday 10:00" = 30 / 90 = 0.3333,
    // consistent with the daily average, which also divides by the time up to as-of only.
    await load([['a1', 'X', 'alice', '2026-03-09T10:00:00Z', null]]);
    const r = await report({ from: '2026-03-02', to: '2026-03-09', asOf: utc('2026-03-09T10:30:00Z') });
    const x = item(r, 'X');
    expect(x.daily.at(-1)).toEqual({ date: '2026-03-09', peak: 1, average: 0.0476, distinctUsers: 1, sessions: 1 }); // 0.5 h / 10.5 h
    expect(x.heatmap.find((c) => c.weekday === 1 && c.hour === 10)).toEqual({
      weekday: 1,
      hour: 10,
      mean: 0.3333,
      peak: 1,
    });
  });

  test('heatmap in a zone: local weekday and hour (Asia/Kolkata)', async () => {
    // 2026-03-01T20:00Z is Monday 2 Mar 01:30 in Kolkata; held until 02:30 local.
    await load([['a1', 'X', 'alice', '2026-03-01T20:00:00Z', '2026-03-01T21:00:00Z']]);
    const r = await report({
      zone: 'Asia/Kolkata',
      from: '2026-03-02',
      to: '2026-03-02',
      asOf: utc('2026-03-02T18:30:00Z'),
    });
    const cells = item(r, 'X').heatmap.filter((c) => c.peak > 0);
    expect(cells).toEqual([
      { weekday: 1, hour: 1, mean: 0.5, peak: 1 }, // 01:30–02:00
      { weekday: 1, hour: 2, mean: 0.5, peak: 1 }, // 02:00–02:30
    ]);
  });
});

describe('drill-down with usageSeries', () => {
  test('minutes of one hour: exact peak and average within a minute, sessions and users per minute', async () => {
    await load([
      ['a1', 'X', 'alice', '2026-03-02T10:00:30Z', '2026-03-02T10:02:00Z'],
      ['a2', 'Y', 'bob', '2026-03-02T10:01:00Z', '2026-03-02T10:01:15Z'],
    ]);
    const series = await usageSeries(
      db,
      ['X', 'Y'],
      { zone: 'UTC', asOf: utc('2026-03-02T11:00:00Z'), holdMinutes: 0 },
      'minute',
      utc('2026-03-02T10:00:00Z'),
      utc('2026-03-02T10:03:00Z'),
    );
    const rows = (k: string) => series.get(k)!.map((m) => [m.key, m.peak, m.average, m.distinctUsers, m.sessions]);
    expect(rows('X')).toEqual([
      ['2026-03-02T10:00+00:00', 1, 0.5, 1, 1], // held the second half of the minute
      ['2026-03-02T10:01+00:00', 1, 1, 1, 1],
      ['2026-03-02T10:02+00:00', 0, 0, 0, 0], // released at 10:02:00 exactly
    ]);
    expect(rows('Y')).toEqual([
      ['2026-03-02T10:00+00:00', 0, 0, 0, 0],
      ['2026-03-02T10:01+00:00', 1, 0.25, 1, 1], // 15 s of 60
      ['2026-03-02T10:02+00:00', 0, 0, 0, 0],
    ]);
    expect(rows('*')).toEqual([
      ['2026-03-02T10:00+00:00', 1, 0.5, 1, 1],
      ['2026-03-02T10:01+00:00', 2, 1.25, 2, 2], // X all minute + Y for a quarter; both at once from 10:01:00
      ['2026-03-02T10:02+00:00', 0, 0, 0, 0],
    ]);
  });

  test('buckets after as-of are left out', async () => {
    await load([['a1', 'X', 'alice', '2026-03-02T10:00:00Z', null]]);
    const series = await usageSeries(
      db,
      ['X'],
      { zone: 'UTC', asOf: utc('2026-03-02T12:30:00Z'), holdMinutes: 0 },
      'hour',
      utc('2026-03-02T10:00:00Z'),
      utc('2026-03-02T15:00:00Z'),
    );
    // 10:00, 11:00 fully held; 12:00 held for the 30 minutes up to as-of (average over that part = 1); 13:00 and 14:00 omitted.
    expect(series.get('X')!.map((h) => [h.key, h.peak, h.average])).toEqual([
      ['2026-03-02T10:00+00:00', 1, 1],
      ['2026-03-02T11:00+00:00', 1, 1],
      ['2026-03-02T12:00+00:00', 1, 1],
    ]);
  });
});

describe('bucketsOf agrees with the daily rows', () => {
  test('the report has one row per local day bucket of the period', async () => {
    await load([['a1', 'X', 'alice', '2026-03-27T10:00:00Z', '2026-03-31T10:00:00Z']]);
    const r = await report({ zone: 'Europe/Berlin', asOf: utc('2026-03-31T10:00:00Z') });
    const days = bucketsOf('Europe/Berlin', 'day', utc('2026-03-26T23:00:00Z'), utc('2026-03-31T10:00:00Z'));
    expect(item(r, 'X').daily.map((d) => d.date)).toEqual(days.map((d) => d.key));
    // 03-27: 11:00–24:00 local = 13 h / 24 = 0.5417; 03-28 (24 h), 03-29 (23 h), 03-30: held all day = 1;
    // 03-31: held from local midnight to as-of (12:00 local), averaged over that part only = 1.
    expect(item(r, 'X').daily.map((d) => d.average)).toEqual([0.5417, 1, 1, 1, 1]);
  });
});

describe('the time-ordered copy of the sessions behind every usage query', () => {
  const AS_OF = utc('2026-03-06T00:00:00Z');
  const hourOf = async (iso: string) => {
    const start = utc(iso);
    const series = await usageSeries(
      db,
      ['X'],
      { zone: 'UTC', asOf: AS_OF, holdMinutes: 0 },
      'minute',
      start,
      start + 3_600_000,
    );
    return series.get('X')!;
  };

  test('a session that started days before a drilled-down hour still counts in it, open or closed', async () => {
    // a1 runs from Monday 08:00 to Thursday 09:30 (73.5 h), a2 is open since Tuesday: both hold a license on Thursday 09:00–10:00.
    await load([
      ['a1', 'X', 'ann', '2026-03-02T08:00:00Z', '2026-03-05T09:30:00Z'],
      ['a2', 'X', 'bob', '2026-03-03T12:00:00Z', null],
      ['a3', 'X', 'cy', '2026-03-05T09:10:00Z', '2026-03-05T09:20:00Z'],
    ]);
    const minutes = await hourOf('2026-03-05T09:00:00Z');
    expect(minutes).toHaveLength(60);
    expect(minutes.map((m) => m.peak)).toEqual([
      ...Array(10).fill(2),
      ...Array(10).fill(3),
      ...Array(10).fill(2),
      ...Array(30).fill(1),
    ]);
    expect(minutes[15]!.distinctUsers).toBe(3);
  });

  test('is made again after each load and after clearing, so no query sees stale sessions', async () => {
    await load([['a1', 'X', 'ann', '2026-03-05T09:00:00Z', '2026-03-05T09:30:00Z']]);
    expect(Math.max(...(await hourOf('2026-03-05T09:00:00Z')).map((m) => m.peak))).toBe(1);
    // A second file adds a long session from Monday: it reaches further back than anything before.
    await load([['b1', 'X', 'bob', '2026-03-02T00:00:00Z', '2026-03-05T09:15:00Z']]);
    const after = await hourOf('2026-03-05T09:00:00Z');
    expect(after.map((m) => m.peak).slice(0, 16)).toEqual([...Array(15).fill(2), 1]);
    await db.query(clearAllSql());
    expect(await hourOf('2026-03-05T09:00:00Z')).toEqual(
      after.map((m) => ({ ...m, peak: 0, average: 0, distinctUsers: 0, sessions: 0 })),
    );
  });
});
