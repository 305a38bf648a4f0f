/**
 * The sweep in memory (src/lib/usage/kernel.ts) against the sweep in SQL
 * (createSegmentsSql): on random sessions (allocations that overlap, touch or
 * share instants, open ones, hold delays), the same segments for every item
 * and the total, and quarters whose peaks and integrals are the segments'.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { createSegmentsSql, type UsageRange } from '../../../src/lib/sql/usage.ts';
import { QUARTER_US, createKeptItemsSql, type KeptTables } from '../../../src/lib/sql/usage-kept.ts';
import { keptTables } from '../../../src/lib/usage/cache.ts';
import {
  heldSessions,
  levelTimes,
  sessionQuarters,
  sweepQuarters,
  sweepSegments,
  timeOrder,
  type Quarters,
  type Segments,
  type SessionColumns,
} from '../../../src/lib/usage/kernel.ts';
import { freshDatabase } from '../../helpers/db.ts';
import {
  BASE_US,
  MINUTE_US,
  keptColumns,
  loadSmallSessions,
  smallRange,
  smallSessions,
  type SmallSession,
} from '../../helpers/small-sessions.ts';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const scenario = fc.record({
  sessions: smallSessions,
  hold: fc.constantFrom(0, 5, 20),
  rsAt: fc.integer({ min: 0, max: 30 }).map((n) => n * 5),
  asOfAt: fc.integer({ min: 60, max: 260 }),
});

/** The sessions loaded: the kernel reads the loaded table, the SQL sweep the usage copy made from it. */
const load = (sessions: readonly SmallSession[]) => loadSmallSessions(db, sessions);

/** The kernel's segments as rows (item id, t, t_end, level). */
function rowsOf(s: Segments): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k + 1 < s.first.length; k++) {
    const last = s.first[k + 1]!;
    for (let i = s.first[k]!; i < last; i++) rows.push([k, s.at[i]!, i + 1 < last ? s.at[i + 1]! : s.re, s.level[i]!]);
  }
  return rows;
}

/** The sessions read as the kept sessions' build reads them. */
const columnsOf = (tables: KeptTables, range: UsageRange) => keptColumns(db, tables, range);

/** Session indices in order of start (ties in order of index). */
function byStart(c: SessionColumns): number[] {
  return [...c.f.keys()].sort((a, b) => c.f[a]! - c.f[b]! || a - b);
}

/** The sessions in the order given. */
function permuted(c: SessionColumns, order: number[]): SessionColumns {
  return {
    item: Int32Array.from(order, (i) => c.item[i]!),
    alloc: Int32Array.from(order, (i) => c.alloc[i]!),
    f: Float64Array.from(order, (i) => c.f[i]!),
    t: Float64Array.from(order, (i) => c.t[i]!),
  };
}

/** The quarters the sweep gives, by item id and quarter: [peak, integral]. */
function quartersOf(q: Quarters): Map<string, [number, number]> {
  return new Map([...q.id].map((k, i) => [`${k}/${q.startUs[i]}`, [q.peak[i]!, q.integral[i]!]]));
}

/** Every quarter where L > 0, with the segments' peak and integral there, one segment at a time. */
function expectedQuarters(segments: Segments): Map<string, [number, number]> {
  const expected = new Map<string, [number, number]>();
  for (const [k, t, e, l] of rowsOf(segments)) {
    if (l! <= 0) continue;
    for (let q = Math.floor(t! / QUARTER_US) * QUARTER_US; q < e!; q += QUARTER_US) {
      const key = `${k}/${q}`;
      const [peak, integral] = expected.get(key) ?? [0, 0];
      expected.set(key, [Math.max(peak, l!), integral + l! * (Math.min(e!, q + QUARTER_US) - Math.max(t!, q))]);
    }
  }
  return expected;
}

test('the kernel makes the segments the SQL sweep makes', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ sessions, hold, rsAt, asOfAt }) => {
      await load(sessions);
      const range = smallRange({ hold, rsAt, asOfAt });
      const tables = keptTables('kernel_test');
      await db.query(createKeptItemsSql(tables.items, "'*'"));
      const items = (await db.query(`SELECT id FROM ${tables.items}`)).length;
      const none = '(SELECT CAST(NULL AS BIGINT) AS start_us WHERE false)';
      await db.query(createSegmentsSql({ target: 'kernel_test_sql', items: tables.items, boundaries: none, range }));
      const sql = await db.query<{ item: number; t: number; t_end: number; level: number }>(
        'SELECT item, t, t_end, level FROM kernel_test_sql ORDER BY item, t',
      );
      const columns = await columnsOf(tables, range);
      const segments = sweepSegments(heldSessions(columns, range), items, range.rs, range.re);
      expect(rowsOf(segments)).toEqual(sql.map((r) => [r.item, r.t, r.t_end, r.level]));
      // Every way of merging an allocation's sessions: in order of start (one pass), nearly so (the last one first:
      // put in order, then one pass), and in reverse (by allocation, from four sessions on: more moves than sessions).
      const nearly = byStart(columns);
      nearly.unshift(nearly.pop()!);
      for (const order of [byStart(columns), nearly, byStart(columns).reverse()]) {
        const moved = sweepSegments(heldSessions(permuted(columns, order), range), items, range.rs, range.re);
        expect(rowsOf(moved)).toEqual(rowsOf(segments));
      }

      // Quarters: every quarter where L > 0, with the segments' peak and integral there.
      expect(quartersOf(sweepQuarters(segments))).toEqual(expectedQuarters(segments));

      // Sessions per quarter: counted one by one, every quarter where one began or ended.
      const counted = sessionQuarters(columns, items, range.asOf);
      const quarter = (x: number) => Math.floor(x / QUARTER_US);
      const instants = [...columns.f].map((f, i) => ({
        id: columns.item[i]!,
        q1: quarter(f),
        q2: quarter(Math.max(f, Math.min(columns.t[i]!, range.asOf) - 1)),
      }));
      const want: number[][] = [];
      for (let k = 0; k < items; k++) {
        const mine = instants.filter((s) => k === 0 || s.id === k);
        const qs = [...new Set(mine.flatMap((s) => [s.q1, s.q2]))].sort((a, b) => a - b);
        for (const q of qs)
          want.push([k, q, mine.filter((s) => s.q1 <= q).length, mine.filter((s) => s.q2 <= q).length]);
      }
      expect([...counted.id].map((k, i) => [k, counted.q[i], counted.starts[i], counted.ends[i]])).toEqual(want);

      // Time at each level over a part of the range: the segments cut to it.
      const [rs, re] = [range.rs + 7 * MINUTE_US, Math.max(range.rs + 7 * MINUTE_US, range.re - 11 * MINUTE_US)];
      for (let k = 0; k < items; k++) {
        const byLevel = new Map<number, { us: number; firstUs: number }>();
        for (const [id, t, e, l] of rowsOf(segments)) {
          if (id !== k || e! <= rs || t! >= re) continue;
          const from = Math.max(t!, rs);
          const row = byLevel.get(l!) ?? { us: 0, firstUs: from };
          byLevel.set(l!, { us: row.us + Math.min(e!, re) - from, firstUs: row.firstUs });
        }
        const want = [...byLevel].sort((a, b) => a[0] - b[0]).map(([level, r]) => ({ level, ...r }));
        expect(levelTimes(segments, k, rs, re)).toEqual(want);
      }
    }),
    { numRuns: 60 },
  );
}, 120_000);

test('sessions are put in order of start when nearly so, and left to the grouping by allocation otherwise', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (xs) => {
      const f = Float64Array.from(xs);
      const order = timeOrder(f);
      const sorted = [...xs].sort((a, b) => a - b);
      if (order) expect([...order].map((i) => f[i])).toEqual(sorted);
      const ascending = Float64Array.from(sorted);
      expect([...timeOrder(ascending)!]).toEqual([...ascending.keys()]);
      if (xs.length >= 4 && new Set(xs).size === xs.length) expect(timeOrder(ascending.reverse())).toBeNull();
    }),
  );
});

test('sessions per quarter are counted alike for items of many sessions and of a few over a long time', () => {
  const session = fc.record({
    item: fc.integer({ min: -1, max: 3 }).map((k) => (k === 0 ? 1 : k)),
    f: fc.integer({ min: 0, max: 30 * 96 }).map((q) => BASE_US + q * QUARTER_US),
    len: fc.oneof(fc.integer({ min: 0, max: 4 * QUARTER_US }), fc.integer({ min: 0, max: 30 * 96 * QUARTER_US })),
  });
  fc.assert(
    fc.property(fc.array(session, { maxLength: 300 }), fc.integer({ min: 0, max: 31 * 96 }), (rows, asOfQ) => {
      const asOf = BASE_US + asOfQ * QUARTER_US + 1;
      const columns: SessionColumns = {
        item: Int32Array.from(rows, (r) => r.item),
        alloc: Int32Array.from(rows, (_, i) => i + 1),
        f: Float64Array.from(rows, (r) => r.f),
        t: Float64Array.from(rows, (r) => r.f + r.len),
      };
      const counted = sessionQuarters(columns, 4, asOf);
      const quarter = (x: number) => Math.floor(x / QUARTER_US);
      const want: number[][] = [];
      for (let k = 0; k < 4; k++) {
        const mine = rows
          .filter((r) => k === 0 || r.item === k)
          .map((r) => ({ q1: quarter(r.f), q2: quarter(Math.max(r.f, Math.min(r.f + r.len, asOf) - 1)) }));
        const qs = [...new Set(mine.flatMap((s) => [s.q1, s.q2]))].sort((a, b) => a - b);
        for (const q of qs)
          want.push([k, q, mine.filter((s) => s.q1 <= q).length, mine.filter((s) => s.q2 <= q).length]);
      }
      expect([...counted.id].map((k, i) => [k, counted.q[i], counted.starts[i], counted.ends[i]])).toEqual(want);
    }),
  );
});

test("quarters of sessions over a month (more quarter rows than the first room holds) are the segments' own", () => {
  const session = fc.record({
    item: fc.integer({ min: 1, max: 3 }),
    f: fc.integer({ min: 0, max: 30 * 96 * QUARTER_US }),
    len: fc.integer({ min: 1, max: 30 * 96 * QUARTER_US }),
  });
  fc.assert(
    fc.property(fc.array(session, { minLength: 1, maxLength: 12 }), (rows) => {
      const re = BASE_US + 31 * 96 * QUARTER_US;
      const held = heldSessions(
        {
          item: Int32Array.from(rows, (r) => r.item),
          alloc: Int32Array.from(rows, (_, i) => i + 1),
          f: Float64Array.from(rows, (r) => BASE_US + r.f),
          t: Float64Array.from(rows, (r) => BASE_US + r.f + r.len),
        },
        { rs: BASE_US, re, asOf: re, hold: 0 },
      );
      const segments = sweepSegments(held, 4, BASE_US, re);
      expect(quartersOf(sweepQuarters(segments))).toEqual(expectedQuarters(segments));
    }),
    { numRuns: 30 },
  );
});
