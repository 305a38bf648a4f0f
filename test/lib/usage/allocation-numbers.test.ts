/**
 * The allocations numbered in memory from their ids' hashes
 * (src/lib/usage/allocation-numbers.ts), and the sweep's check that no two
 * ids shared a hash (usage/sweep.ts buildSweep): numbers one per (item,
 * hash), and a sweep from hashes that collide made again from the ids
 * numbered by the database, with the figures of an exact sweep.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { numberColumns } from '../../../src/lib/db/database.ts';
import type { UsageRange } from '../../../src/lib/sql/usage.ts';
import { keptSessionColumnsSql } from '../../../src/lib/sql/usage-kept.ts';
import { numberAllocations } from '../../../src/lib/usage/allocation-numbers.ts';
import { keptTables } from '../../../src/lib/usage/cache.ts';
import { heldSessions, sweepSegments } from '../../../src/lib/usage/kernel.ts';
import { buildSessions, buildSweep, intact } from '../../../src/lib/usage/sweep.ts';
import { freshDatabase } from '../../helpers/db.ts';

describe('numberAllocations', () => {
  test('one number per (item, hash), 1 to their count; the distinct hashes counted, items aside', () => {
    const session = fc.tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: -2, max: 2 }),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(session, { maxLength: 300 }), (rows) => {
        const item = Int32Array.from(rows, (r) => r[0]);
        // Low halves that agree in their low bits: the slots collide, the keys must still be told apart.
        const hi = Int32Array.from(rows, (r) => r[1] * 0x10000);
        const lo = Int32Array.from(rows, (r) => r[2] << 20);
        const { alloc, hashes } = numberAllocations(item, { hi, lo });
        // The same key the same number, another key another: numbers and keys one to one.
        const numberOf = new Map<string, number>();
        rows.forEach((r, i) => {
          const key = r.join('/');
          if (!numberOf.has(key)) numberOf.set(key, alloc[i]!);
          expect(alloc[i]).toBe(numberOf.get(key));
        });
        const numbers = [...numberOf.values()].sort((a, b) => a - b);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        expect(hashes).toBe(new Set(rows.map((r) => `${r[1]}/${r[2]}`)).size);
      }),
      { numRuns: 200 },
    );
  });

  test('the same, over sessions enough to be cut into parts of the hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5_000, max: 40_000 }), fc.integer(), (n, seed) => {
        // A pool of allocations, with full-range hashes (their top bits pick the part), some under two items.
        let x = seed | 1;
        const random = () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) ^ (x + 0x6d2b79f5)) >>> 0) / 2 ** 32;
        const pool = Array.from({ length: Math.ceil(n / 3) }, () => [
          (random() * 2 ** 32) | 0,
          (random() * 2 ** 32) | 0,
          1 + Math.floor(random() * 4),
        ]);
        const rows = Array.from({ length: n }, () => {
          const [h, l, k] = pool[Math.floor(random() * pool.length)]!;
          return [random() < 0.05 ? 5 : k!, h!, l!] as const;
        });
        const { alloc, hashes } = numberAllocations(
          Int32Array.from(rows, (r) => r[0]),
          {
            hi: Int32Array.from(rows, (r) => r[1]),
            lo: Int32Array.from(rows, (r) => r[2]),
          },
        );
        const numberOf = new Map<string, number>();
        const used = new Set<number>();
        rows.forEach((r, i) => {
          const key = r.join('/');
          if (!numberOf.has(key)) {
            expect(used.has(alloc[i]!)).toBe(false);
            numberOf.set(key, alloc[i]!);
            used.add(alloc[i]!);
          }
          expect(alloc[i]).toBe(numberOf.get(key));
        });
        expect(Math.max(...used)).toBe(numberOf.size);
        expect(hashes).toBe(new Set(rows.map((r) => `${r[1]}/${r[2]}`)).size);
      }),
      { numRuns: 20 },
    );
  });
});

describe('a sweep from hashed allocations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  }, 60_000);
  afterAll(async () => db?.close());

  const HOUR_US = 3_600_000_000;
  const BASE_US = Date.UTC(2026, 8, 1) * 1000;
  const range: UsageRange = {
    rs: BASE_US,
    re: BASE_US + 24 * HOUR_US,
    asOf: BASE_US + 24 * HOUR_US,
    hold: 0,
    reach: 0,
  };

  /**
   * Two allocations of one item in use at once (two licenses), one allocation
   * on two machines at once (one license), and one id under two items.
   */
  async function load(): Promise<void> {
    const rows = [
      ['A', 'al-1', 1, 5],
      ['A', 'al-2', 2, 6],
      ['A', 'al-3', 3, 4],
      ['A', 'al-3', 3.5, 7],
      ['B', 'al-1', 2, 9],
      ['B', 'al-4', 8, 10],
    ] as const;
    const values = rows.map(
      ([item, alloc, from, to]) =>
        `('${item}', '${alloc}', make_timestamp(${BASE_US + from * HOUR_US}), make_timestamp(${BASE_US + to * HOUR_US}))`,
    );
    await db.query(`CREATE OR REPLACE TABLE sessions (allocated_license VARCHAR, allocation_id VARCHAR, used_from TIMESTAMP, used_to TIMESTAMP);
INSERT INTO sessions VALUES ${values.join(', ')}`);
  }

  /** The sweep from the allocations numbered by the database: the reference. */
  async function exactSegments(tables: ReturnType<typeof keptTables>, items: number) {
    const c = await numberColumns(db, keptSessionColumnsSql(tables, range, 'exact'), ['item', 'alloc', 'f', 't']);
    const columns = {
      item: Int32Array.from(c.item!),
      alloc: Int32Array.from(c.alloc!),
      f: Float64Array.from(c.f!),
      t: Float64Array.from(c.t!),
    };
    return sweepSegments(heldSessions(columns, range), items, range.rs, range.re);
  }

  test('gives the exact sweep, and numbers the kept sessions for the next', async () => {
    await load();
    const tables = keptTables('hashed_test');
    const sessions = await buildSessions(db, tables, range);
    expect(sessions.columns.allocHash).toBeDefined();
    const levels = await buildSweep(db, range, { tables, sessions });
    expect(levels.segments).toEqual(await exactSegments(tables, sessions.items.length));
    expect(Math.max(...levels.segments.level)).toBe(4); // A's three licenses and B's al-1 at 3:30
    expect(sessions.columns.allocHash).toBeUndefined();
    expect(sessions.columns.alloc).toHaveLength(sessions.count);
  });

  test('a sweep that fails before the check leaves its numbers unkept: the sessions are read again', async () => {
    await load();
    const tables = keptTables('failed_test');
    const sessions = await buildSessions(db, tables, range);
    expect(intact(sessions)).toBe(true);
    const fail = () => Promise.reject(new Error('the database went away'));
    await expect(buildSweep(db, range, { tables, sessions }, fail)).rejects.toThrow('went away');
    expect(intact(sessions)).toBe(false);
  });

  test('two ids that share a hash: swept again from the ids numbered by the database', async () => {
    await load();
    const tables = keptTables('collided_test');
    const sessions = await buildSessions(db, tables, range);
    // Every id the same hash: al-1 and al-2 of A would merge into one license.
    sessions.columns.allocHash = {
      hi: new Int32Array(sessions.count),
      lo: new Int32Array(sessions.count),
    };
    const levels = await buildSweep(db, range, { tables, sessions });
    expect(levels.segments).toEqual(await exactSegments(tables, sessions.items.length));
    expect(Math.max(...levels.segments.level)).toBe(4);
    // The kept sessions are the exact ones now: a hold change sweeps them without asking again.
    expect(sessions.columns.allocHash).toBeUndefined();
    expect([...new Set(sessions.columns.alloc)]).toHaveLength(5);
  });
});
