/**
 * Project and item pages against the real DuckDB-WASM: hand-worked
 * cases, each expected number explained next to it. A project's usage is its
 * items counted together at the same instant, never a sum of their peaks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { capacityOfSet, itemPeaks, pieFigure, portalFigures, setPeak } from '../../../src/lib/projects/figures.ts';
import { itemsOfProject } from '../../../src/lib/projects/projects.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const utc = (iso: string) => Date.parse(iso);

/** One export row: [allocation, item, user, from, to (null = still running)]. */
type Row = [alloc: string, item: string, user: string, from: string, to: string | null];

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
  const lines = rows.map(([alloc, item, user, from, to], i) =>
    [
      alloc,
      item,
      'IntelliJ IDEA Ultimate',
      user,
      `${user}@example.com`,
      '10.0.0.1',
      `host${i}`,
      '',
      from,
      to ?? '',
    ].join(','),
  );
  const [report] = await loadFiles(db, [memorySource('x.csv', [HEADER, ...lines].join('\n'))]);
  expect(report!.counts).toMatchObject({ rowsRead: rows.length, accepted: rows.length, rejected: 0, duplicates: 0 });
}

function inventoryOf(items: Record<string, Record<string, unknown>>): Inventory {
  const parsed = parseInventory(JSON.stringify({ version: 1, items }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.inventory;
}

const pies = (f: Awaited<ReturnType<typeof portalFigures>>) =>
  f.pies.map((p) => ({
    label: p.label,
    used: p.used,
    capacity: p.capacity,
    free: p.free,
    over: p.over,
    percent: p.percent,
  }));
const table = (f: Awaited<ReturnType<typeof portalFigures>>) =>
  f.intervals.rows.map((r) => [r.label, r.peak, r.average, r.distinctUsers, r.sessions]);

describe('a project of two items, counted together (UTC)', () => {
  // Project "Platform" = A (3 licenses) + B (2 licenses): capacity 5. C is in no project.
  const inventory = inventoryOf({
    A: { regular: 3, projects: ['Platform'] },
    B: { regular: 2, projects: ['Platform', 'Mobile'] },
    C: { regular: 5 },
  });
  const ROWS: Row[] = [
    // 2026-02-20 10:00–11:00: three licenses of A and three of B at once: 6, one over capacity.
    ['x1', 'A', 'u1', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    ['x2', 'A', 'u2', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    ['x3', 'A', 'u3', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    ['y1', 'B', 'u4', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    ['y2', 'B', 'u5', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    ['y3', 'B', 'u6', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
    // 2026-03-02. A: alice 08–12, bob 09–10 → A's own peak 2 (09–10).
    ['a1', 'A', 'alice', '2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z'],
    ['a2', 'A', 'bob', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
    // B: bob 09:30–11:00; dave 14–16, erin 15–16 → B's own peak 2 (15–16).
    ['b1', 'B', 'bob', '2026-03-02T09:30:00Z', '2026-03-02T11:00:00Z'],
    ['b2', 'B', 'dave', '2026-03-02T14:00:00Z', '2026-03-02T16:00:00Z'],
    ['b3', 'B', 'erin', '2026-03-02T15:00:00Z', '2026-03-02T16:00:00Z'],
    // C, outside the project, busy at the project's peak: must not count.
    ['c1', 'C', 'carl', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
    ['c2', 'C', 'cora', '2026-03-02T09:30:00Z', '2026-03-02T10:00:00Z'],
    // Today (2026-03-03, as-of 12:00): one license of A, 08–09.
    ['a3', 'A', 'alice', '2026-03-03T08:00:00Z', '2026-03-03T09:00:00Z'],
  ];
  const settings = { zone: 'UTC', asOf: utc('2026-03-03T12:00:00Z'), holdMinutes: 0 };
  // The selected period: 2026-02-25 to 2026-03-02, whole days.
  const windows = {
    earliest: utc('2026-02-20T10:00:00Z'),
    period: { startMs: utc('2026-02-25T00:00:00Z'), endMs: utc('2026-03-03T00:00:00Z') },
  };

  test('pies: the project peak is the sum at the overlap (3), not the sum of the items’ peaks (2 + 2)', async () => {
    await load(ROWS);
    expect(itemsOfProject(inventory, 'Platform')).toEqual(['A', 'B']);
    const f = await portalFigures(db, ['A', 'B'], inventory, settings, windows);
    expect(f.capacity).toBe(5);
    expect(pies(f)).toEqual([
      // All history: 2026-02-20 10:00–11:00, 3 of A + 3 of B = 6 > 5: no license free, one over.
      { label: 'All history', used: 6, capacity: 5, free: 0, over: 1, percent: 120 },
      // The period: 09:30–10:00 on 03-02, A 2 (alice, bob) + B 1 (bob) = 3. Not 4, and C's 2 are not counted.
      { label: 'The selected period', used: 3, capacity: 5, free: 2, over: 0, percent: 60 },
      // Today: 08–09, one license of A.
      { label: 'Today', used: 1, capacity: 5, free: 4, over: 0, percent: 20 },
    ]);
    // The same peaks from the helper the list page uses.
    expect(await setPeak(db, ['A', 'B'], settings, windows.period.startMs, windows.period.endMs)).toBe(3);
    expect(await setPeak(db, ['A', 'B', 'C'], settings, windows.period.startMs, windows.period.endMs)).toBe(5); // with C: 3 + 2
    // Each item's own peak over the period: A 2, B 2, C 2.
    expect(
      Object.fromEntries(await itemPeaks(db, ['A', 'B', 'C'], settings, windows.period.startMs, windows.period.endMs)),
    ).toEqual({ A: 2, B: 2, C: 2 });
  });

  test('trend: one point per day of the period, zeros on days without use', async () => {
    await load(ROWS);
    const f = await portalFigures(db, ['A', 'B'], inventory, settings, windows);
    expect(f.trend.map((d) => d.date)).toEqual([
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(f.trend.slice(0, 5).every((d) => d.peak === 0 && d.average === 0 && d.distinctUsers === 0)).toBe(true);
    // 03-02: license-hours A 4 + 1, B 1.5 + 2 + 1 = 9.5 over 24 h; users alice, bob, dave, erin.
    expect(f.trend[5]).toEqual({ date: '2026-03-02', peak: 3, average: 9.5 / 24, distinctUsers: 4 });
  });

  test('2-hour table of the period’s last day: peak, average and distinct users of each interval itself', async () => {
    await load(ROWS);
    const f = await portalFigures(db, ['A', 'B'], inventory, settings, windows);
    expect(f.intervals.date).toBe('2026-03-02');
    expect(table(f)).toEqual([
      ['00:00–02:00', 0, 0, 0, 0],
      ['02:00–04:00', 0, 0, 0, 0],
      ['04:00–06:00', 0, 0, 0, 0],
      ['06:00–08:00', 0, 0, 0, 0],
      // 08–10: alice 2 h + bob (A) 1 h + bob (B) 0.5 h = 3.5 license-hours / 2 h; peak 3 at 09:30; users alice and bob (bob once).
      ['08:00–10:00', 3, 1.75, 2, 3],
      // 10–12: alice 2 h + bob (B) 1 h = 3 / 2; peak 2 until 11:00.
      ['10:00–12:00', 2, 1.5, 2, 2],
      ['12:00–14:00', 0, 0, 0, 0],
      // 14–16: dave 2 h + erin 1 h = 3 / 2; peak 2; users dave and erin: 2, not 1 + 2 of the two hours added up.
      ['14:00–16:00', 2, 1.5, 2, 2],
      ['16:00–18:00', 0, 0, 0, 0],
      ['18:00–20:00', 0, 0, 0, 0],
      ['20:00–22:00', 0, 0, 0, 0],
      ['22:00–24:00', 0, 0, 0, 0],
    ]);
  });

  test('2-hour table of today stops at as-of; the bucket cut by as-of averages over its part before as-of', async () => {
    await load(ROWS);
    const f = await portalFigures(
      db,
      ['A', 'B'],
      inventory,
      { ...settings, asOf: utc('2026-03-03T09:00:00Z') },
      { ...windows, tableDate: '2026-03-03' },
    );
    // 00–02 … 08–10 only (as-of 09:00); 08–10 is cut to 08–09, fully held by alice: average 1.
    expect(table(f)).toEqual([
      ['00:00–02:00', 0, 0, 0, 0],
      ['02:00–04:00', 0, 0, 0, 0],
      ['04:00–06:00', 0, 0, 0, 0],
      ['06:00–08:00', 0, 0, 0, 0],
      ['08:00–10:00', 1, 1, 1, 1],
    ]);
    expect(f.pies[2]).toMatchObject({ label: 'Today', used: 1, free: 4 });
  });

  test('an item page is the same computation over one item: B alone peaks at 2, in its two projects', async () => {
    await load(ROWS);
    const f = await portalFigures(db, ['B'], inventory, settings, windows);
    expect(pies(f).map((p) => [p.used, p.capacity, p.free])).toEqual([
      [3, 2, 0], // 02-20: three of B at once, one over its 2
      [2, 2, 0], // 15:00–16:00 on 03-02
      [0, 2, 2], // nothing of B today
    ]);
    expect(f.pies[0].over).toBe(1);
  });
});

describe('the 2-hour table on DST days in Europe/Berlin', () => {
  const inventory = inventoryOf({ X: { regular: 4, projects: ['P'] } });
  const settings = { zone: 'Europe/Berlin', asOf: utc('2026-10-26T00:00:00Z'), holdMinutes: 0 };

  test('2026-03-29: 00–02, then 03–04 (one hour: the clock jumps from 02:00 to 03:00), then 04–06 …', async () => {
    await load([
      // alice 01:30+01:00 (00:30Z) to 03:30+02:00 (01:30Z), across the jump: one real hour.
      ['a1', 'X', 'alice', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00'],
      // bob 03:00+02:00 (01:00Z) to 05:00+02:00 (03:00Z).
      ['a2', 'X', 'bob', '2026-03-29T03:00:00+02:00', '2026-03-29T05:00:00+02:00'],
    ]);
    const day = { startMs: utc('2026-03-28T23:00:00Z'), endMs: utc('2026-03-29T22:00:00Z') };
    const f = await portalFigures(db, ['X'], inventory, settings, {
      earliest: utc('2026-03-29T00:30:00Z'),
      period: day,
    });
    expect(f.intervals.date).toBe('2026-03-29');
    const rows = f.intervals.rows;
    expect(rows).toHaveLength(12); // 23 hours: 11 intervals of 2 h and one of 1 h
    expect(rows.map((r) => r.label)).toEqual([
      '00:00–02:00 (UTC+01:00)',
      '03:00–04:00 (UTC+02:00)',
      ...[4, 6, 8, 10, 12, 14, 16, 18, 20].map(
        (h) => `${String(h).padStart(2, '0')}:00–${String(h + 2).padStart(2, '0')}:00 (UTC+02:00)`,
      ),
      '22:00–24:00 (UTC+02:00)',
    ]);
    expect(rows.map((r) => [r.peak, r.average, r.distinctUsers]).slice(0, 3)).toEqual([
      [1, 0.25, 1], // 00–02 (23:00Z–01:00Z): alice 00:30Z–01:00Z, half an hour of two
      [2, 1.5, 2], // 03–04 (01:00Z–02:00Z, 1 h): alice half an hour + bob the whole hour; both from 01:00Z to 01:30Z
      [1, 0.5, 1], // 04–06 (02:00Z–04:00Z): bob until 03:00Z
    ]);
    expect(rows.slice(3).every((r) => r.peak === 0 && r.distinctUsers === 0)).toBe(true);
    // The day's trend point and the period pie agree with the table.
    expect(f.trend).toEqual([{ date: '2026-03-29', peak: 2, average: (0.5 + 0.5 + 1 + 1) / 23, distinctUsers: 2 }]);
    expect(f.pies[1]).toMatchObject({ used: 2, capacity: 4, free: 2 });
  });

  test('2026-10-25: 02–03 in summer time and 02–04 in winter time are two intervals (13 in 25 hours)', async () => {
    await load([
      // carol 02:30+02:00 (00:30Z) to 02:30+01:00 (01:30Z): one hour, across the repeat.
      ['a1', 'X', 'carol', '2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00'],
    ]);
    const day = { startMs: utc('2026-10-24T22:00:00Z'), endMs: utc('2026-10-25T23:00:00Z') };
    const f = await portalFigures(db, ['X'], inventory, settings, {
      earliest: utc('2026-10-25T00:30:00Z'),
      period: day,
    });
    const rows = f.intervals.rows;
    expect(rows).toHaveLength(13);
    expect(rows.slice(0, 4).map((r) => [r.label, r.peak, r.average, r.distinctUsers])).toEqual([
      ['00:00–02:00 (UTC+02:00)', 0, 0, 0],
      ['02:00–03:00 (UTC+02:00)', 1, 0.5, 1], // 00:00Z–01:00Z: carol from 00:30Z
      ['02:00–04:00 (UTC+01:00)', 1, 0.25, 1], // 01:00Z–03:00Z: carol until 01:30Z
      ['04:00–06:00 (UTC+01:00)', 0, 0, 0],
    ]);
    expect(rows.at(-1)!.label).toBe('22:00–24:00 (UTC+01:00)');
  });
});

describe('capacity', () => {
  test('a project with an item lacking capacity has none: the pies give used only, free and over non-applicable', async () => {
    // Z has 0 licenses: no capacity (as in the report's cards). Q is in the data only, not in the inventory.
    const inventory = inventoryOf({ A: { regular: 3, projects: ['P'] }, Z: { regular: 0, projects: ['P'] } });
    await load([
      ['a1', 'A', 'alice', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z'],
      ['z1', 'Z', 'bob', '2026-03-02T09:00:00Z', '2026-03-02T11:00:00Z'],
      ['q1', 'Q', 'carol', '2026-03-02T09:00:00Z', '2026-03-02T11:00:00Z'],
    ]);
    const settings = { zone: 'UTC', asOf: utc('2026-03-02T12:00:00Z'), holdMinutes: 0 };
    const windows = {
      earliest: utc('2026-03-02T08:00:00Z'),
      period: { startMs: utc('2026-03-02T00:00:00Z'), endMs: utc('2026-03-02T12:00:00Z') },
    };
    expect(capacityOfSet(inventory, ['A', 'Z'])).toBeNull();
    expect(capacityOfSet(inventory, ['A'])).toBe(3);
    expect(capacityOfSet(inventory, ['Q'])).toBeNull();
    expect(capacityOfSet(inventory, [])).toBeNull();
    const f = await portalFigures(db, ['A', 'Z'], inventory, settings, windows);
    expect(f.capacity).toBeNull();
    // A and Z overlap 09:00–10:00: 2 in use; the period is today, so all three pies say 2.
    expect(pies(f)).toEqual([
      { label: 'All history', used: 2, capacity: null, free: null, over: null, percent: null },
      { label: 'The selected period', used: 2, capacity: null, free: null, over: null, percent: null },
      { label: 'Today', used: 2, capacity: null, free: null, over: null, percent: null },
    ]);
    const q = await portalFigures(db, ['Q'], inventory, settings, windows);
    expect(q.pies.map((p) => [p.used, p.capacity])).toEqual([
      [1, null],
      [1, null],
      [1, null],
    ]);
  });

  test('pie arithmetic: free and over never negative', () => {
    expect(pieFigure('period', 0, 1, 7, 5)).toMatchObject({ used: 7, free: 0, over: 2, percent: 140 });
    expect(pieFigure('period', 0, 1, 0, 5)).toMatchObject({ used: 0, free: 5, over: 0, percent: 0 });
    expect(pieFigure('today', 0, 1, 5, 5)).toMatchObject({ used: 5, free: 0, over: 0, percent: 100, label: 'Today' });
  });
});
