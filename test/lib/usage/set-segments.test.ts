/**
 * A set's L(t) from the kept segments (setSegments, src/lib/usage/kernel.ts):
 * the sum of its items' step functions at every instant, against a sum worked
 * out instant by instant; and, on random sessions, the segments the SQL sweep
 * (createSegmentsSql) makes for the total of `range.only`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { createSegmentsSql } from '../../../src/lib/sql/usage.ts';
import { createKeptItemsSql } from '../../../src/lib/sql/usage-kept.ts';
import { keptTables } from '../../../src/lib/usage/cache.ts';
import { heldSessions, setSegments, sweepSegments, type Segments } from '../../../src/lib/usage/kernel.ts';
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

/** Segments as rows [at, end, level] of item id k. */
function rowsOf(s: Segments, k: number): number[][] {
  const rows: number[][] = [];
  const last = s.first[k + 1]!;
  for (let i = s.first[k]!; i < last; i++) rows.push([s.at[i]!, i + 1 < last ? s.at[i + 1]! : s.re, s.level[i]!]);
  return rows;
}

/** Item k's level at instant x: its last segment starting at or before x, 0 before its first. */
function levelAt(s: Segments, k: number, x: number): number {
  let level = 0;
  for (let i = s.first[k]!; i < s.first[k + 1]! && s.at[i]! <= x; i++) level = s.level[i]!;
  return level;
}

/** The set's segments worked out by hand: at every instant where one of its items has a segment, the sum there. */
function bruteForce(s: Segments, ids: readonly number[]): number[][] {
  const set = [...new Set(ids)].filter((k) => k >= 0 && k + 1 < s.first.length);
  const instants = [...new Set(set.flatMap((k) => rowsOf(s, k).map((r) => r[0]!)))].sort((a, b) => a - b);
  return instants.map((x, i) => [x, instants[i + 1] ?? s.re, set.reduce((sum, k) => sum + levelAt(s, k, x), 0)]);
}

/** Random kept segments: per item, distinct instants on a coarse grid (often shared) at levels 0 to 3. */
const segmentsArb = fc
  .array(fc.array(fc.record({ at: fc.integer({ min: 0, max: 30 }), level: fc.integer({ min: 0, max: 3 }) })), {
    minLength: 1,
    maxLength: 7,
  })
  .map((items): Segments => {
    const runs = items.map((run) => {
      const byAt = new Map(run.map((r) => [r.at, r.level]));
      return [...byAt].sort((a, b) => a[0] - b[0]);
    });
    const first = Int32Array.from({ length: runs.length + 1 }, (_, k) =>
      runs.slice(0, k).reduce((n, run) => n + run.length, 0),
    );
    return {
      first,
      at: Float64Array.from(runs.flat(), ([at]) => BASE_US + at * MINUTE_US),
      level: Int32Array.from(runs.flat(), ([, level]) => level),
      re: BASE_US + 31 * MINUTE_US,
    };
  });

describe('setSegments', () => {
  test('is the sum of the set’s step functions at every instant, whatever the ids', () => {
    fc.assert(
      fc.property(segmentsArb, fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 12 }), (s, ids) => {
        const set = setSegments(s, ids);
        expect([...set.first]).toEqual([0, set.at.length]);
        expect(set.re).toBe(s.re);
        expect(rowsOf(set, 0)).toEqual(bruteForce(s, ids));
      }),
      { numRuns: 500 },
    );
  });

  test('of one item is that item’s segments, and of none is no segment', () => {
    fc.assert(
      fc.property(segmentsArb, fc.nat(), (s, n) => {
        const k = n % (s.first.length - 1);
        expect(rowsOf(setSegments(s, [k, k]), 0)).toEqual(rowsOf(s, k));
        expect(setSegments(s, []).at.length).toBe(0);
      }),
    );
  });
});

describe('setSegments against the SQL sweep of the set', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => db?.close());

  const scenario = fc.record({
    sessions: smallSessions,
    // D has no session: it counts 0.
    only: fc.subarray(['A', 'B', 'C', 'D'], { minLength: 1 }),
    hold: fc.constantFrom(0, 5, 20),
    rsAt: fc.integer({ min: 0, max: 30 }).map((n) => n * 5),
    asOfAt: fc.integer({ min: 60, max: 260 }),
  });

  const load = (sessions: readonly SmallSession[]) => loadSmallSessions(db, sessions);

  test('the total of range.only, segment for segment; every item at once is the kept total', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ sessions, only, hold, rsAt, asOfAt }) => {
        await load(sessions);
        const range = smallRange({ hold, rsAt, asOfAt });
        // The kept sweep: every item's segments, ids from the sessions' items (TOTAL 0).
        const tables = keptTables('set_test');
        await db.query(createKeptItemsSql(tables.items, "'*'"));
        const items = await db.query<{ item: string; id: number }>(`SELECT item, id FROM ${tables.items} ORDER BY id`);
        const columns = await keptColumns(db, tables, range);
        const kept = sweepSegments(heldSessions(columns, range), items.length, range.rs, range.re);
        const ids = items.filter((i) => i.id > 0 && only.includes(i.item)).map((i) => i.id);

        // The SQL sweep of the set alone: its total (id 0) is the set's L(t).
        const none = '(SELECT CAST(NULL AS BIGINT) AS start_us WHERE false)';
        await db.query(
          createSegmentsSql({
            target: 'set_test_sql',
            items: tables.items,
            boundaries: none,
            range: { ...range, only },
          }),
        );
        const sql = await db.query<{ t: number; t_end: number; level: number }>(
          'SELECT t, t_end, level FROM set_test_sql WHERE item = 0 ORDER BY t',
        );
        const set = rowsOf(setSegments(kept, ids), 0);
        if (ids.length > 0) expect(set).toEqual(sql.map((r) => [r.t, r.t_end, r.level]));
        // A set of items without sessions: no segment in memory, level 0 throughout in SQL.
        else expect([set, sql.every((r) => r.level === 0)]).toEqual([[], true]);

        const all = items.filter((i) => i.id > 0).map((i) => i.id);
        expect(rowsOf(setSegments(kept, all), 0)).toEqual(rowsOf(kept, 0));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
