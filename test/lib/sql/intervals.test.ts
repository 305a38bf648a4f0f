/**
 * The two interval rules of docs/DOMAIN.md §3 as SQL, run on the real
 * DuckDB-WASM: a session overlapping a half-open range, and the merging of
 * intervals that overlap or touch. Each is checked on named cases at the
 * edges, then against a plain TypeScript statement of the rule on random
 * intervals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { mergedIntervals, overlapsRange } from '../../../src/lib/sql/intervals.ts';
import { sqlInt, sqlString, sqlTimestamp } from '../../../src/lib/sql/literal.ts';
import { freshDatabase } from '../../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

/** A session [f, t) in µs; t null while still running. */
type Session = { name: string; f: number; t: number | null };

/** Sessions as a parenthesised VALUES query with columns name, f, t (BIGINT). */
function sessionsSql(sessions: readonly Session[]): string {
  const rows = sessions.map(
    (s) => `(${sqlString(s.name)}, ${sqlInt(s.f)}::BIGINT, ${s.t === null ? 'NULL' : sqlInt(s.t)}::BIGINT)`,
  );
  return `(SELECT * FROM (VALUES ${rows.join(', ')}) v(name, f, t))`;
}

/** The names of the sessions the predicate keeps for [start, end). */
async function overlapping(sessions: readonly Session[], start: number, end: number): Promise<string[]> {
  const where = overlapsRange({ from: 'f', to: 't', start: sqlInt(start), end: sqlInt(end) });
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM ${sessionsSql(sessions)} WHERE ${where} ORDER BY name`,
  );
  return rows.map((r) => r.name);
}

describe('overlapsRange: a session in a half-open range [100, 200)', () => {
  const cases: (Session & { overlaps: boolean })[] = [
    { name: 'ends exactly at the start', f: 50, t: 100, overlaps: false },
    { name: 'starts exactly at the end', f: 200, t: 300, overlaps: false },
    { name: 'ends just after the start', f: 50, t: 101, overlaps: true },
    { name: 'starts just before the end', f: 199, t: 250, overlaps: true },
    { name: 'inside', f: 120, t: 150, overlaps: true },
    { name: 'covers the range', f: 0, t: 1000, overlaps: true },
    { name: 'before', f: 10, t: 20, overlaps: false },
    { name: 'after', f: 250, t: 300, overlaps: false },
    { name: 'no length, at the start', f: 100, t: 100, overlaps: true },
    { name: 'no length, inside', f: 150, t: 150, overlaps: true },
    { name: 'no length, at the end', f: 200, t: 200, overlaps: false },
    { name: 'no length, just before the start', f: 99, t: 99, overlaps: false },
    { name: 'still running, started before', f: 50, t: null, overlaps: true },
    { name: 'still running, started at the end', f: 200, t: null, overlaps: false },
  ];

  it.each(cases)('$name: overlaps $overlaps', async ({ overlaps, ...session }) => {
    expect(await overlapping([session], 100, 200)).toEqual(overlaps ? [session.name] : []);
  });

  it('reads TIMESTAMP columns as well as epoch µs', async () => {
    const where = overlapsRange({ from: 'used_from', to: 'used_to', start: sqlTimestamp(100), end: sqlTimestamp(200) });
    const rows = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT make_timestamp(f) AS used_from, make_timestamp(t) AS used_to
        FROM ${sessionsSql(cases)}) WHERE ${where}`,
    );
    expect(rows[0]!.n).toBe(cases.filter((c) => c.overlaps).length);
  });

  it('agrees with "it holds an instant of the range" on random sessions and ranges', async () => {
    const session = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 0, max: 30 })))
      .map(([f, length]) => ({ f, t: length === null ? null : f + length }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(session, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        async (drawn, start, length) => {
          const end = start + length;
          const sessions = drawn.map((s, i) => ({ ...s, name: String(i).padStart(3, '0') }));
          // Stated otherwise: a session with length shares an instant with [start, end); one without is an instant in it.
          const holds = ({ f, t }: Session) =>
            t === f ? start <= f && f < end : Math.max(f, start) < Math.min(t ?? Infinity, end);
          expect(await overlapping(sessions, start, end)).toEqual(sessions.filter(holds).map((s) => s.name));
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Merged intervals per group, as [group, f, t] sorted. */
async function merged(sessions: readonly Session[]): Promise<[string, number, number][]> {
  const rows = await db.query<{ name: string; f: number; t: number }>(
    `SELECT name, f, t FROM (${mergedIntervals({ source: sessionsSql(sessions), by: ['name'] })}) ORDER BY name, f`,
  );
  return rows.map((r) => [r.name, r.f, r.t]);
}

describe('mergedIntervals: the intervals of one group that overlap or touch become one', () => {
  it('merges touching intervals', async () => {
    expect(
      await merged([
        { name: 'a', f: 10, t: 20 },
        { name: 'a', f: 0, t: 10 },
      ]),
    ).toEqual([['a', 0, 20]]);
  });

  it('merges overlapping intervals, and one inside another', async () => {
    expect(
      await merged([
        { name: 'a', f: 0, t: 15 },
        { name: 'a', f: 10, t: 30 },
        { name: 'a', f: 12, t: 13 },
      ]),
    ).toEqual([['a', 0, 30]]);
  });

  it('keeps intervals apart across a gap, however small', async () => {
    expect(
      await merged([
        { name: 'a', f: 0, t: 10 },
        { name: 'a', f: 11, t: 20 },
      ]),
    ).toEqual([
      ['a', 0, 10],
      ['a', 11, 20],
    ]);
  });

  it('never merges across groups', async () => {
    expect(
      await merged([
        { name: 'a', f: 0, t: 10 },
        { name: 'b', f: 5, t: 15 },
      ]),
    ).toEqual([
      ['a', 0, 10],
      ['b', 5, 15],
    ]);
  });

  it('groups by several columns', async () => {
    const rows = await db.query<{ item: string; alloc: string; f: number; t: number }>(
      `SELECT item, alloc, f, t FROM (${mergedIntervals({
        source: `(SELECT * FROM (VALUES ('X', 'a1', 0, 10), ('X', 'a1', 10, 20), ('X', 'a2', 5, 8), ('Y', 'a1', 15, 25)) v(item, alloc, f, t))`,
        by: ['item', 'alloc'],
      })}) ORDER BY item, alloc, f`,
    );
    expect(rows.map((r) => [r.item, r.alloc, r.f, r.t])).toEqual([
      ['X', 'a1', 0, 20],
      ['X', 'a2', 5, 8],
      ['Y', 'a1', 15, 25],
    ]);
  });

  it('agrees with a sweep in TypeScript on random intervals', async () => {
    const interval = fc
      .tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 15 }))
      .map(([name, f, length]) => ({ name, f, t: f + length }));
    await fc.assert(
      fc.asyncProperty(fc.array(interval, { minLength: 1, maxLength: 40 }), async (sessions) => {
        const expected: [string, number, number][] = [];
        for (const name of [...new Set(sessions.map((s) => s.name))].sort()) {
          const mine = sessions.filter((s) => s.name === name).sort((x, y) => x.f - y.f || x.t - y.t);
          let [f, t] = [mine[0]!.f, mine[0]!.t];
          for (const s of mine.slice(1)) {
            if (s.f > t) {
              expected.push([name, f, t]);
              [f, t] = [s.f, s.t];
            } else t = Math.max(t, s.t);
          }
          expected.push([name, f, t]);
        }
        expect(await merged(sessions)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
