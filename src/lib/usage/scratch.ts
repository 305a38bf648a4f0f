/**
 * Short-lived tables for one computation (buckets, items, segments), named
 * uniquely so that two computations on one database never share one, and
 * dropped afterwards whatever happens.
 */
import { Table } from 'apache-arrow';
import { int32Vector, int64Vector, utf8Vector } from '../arrow-vectors.ts';
import type { Database } from '../db/database.ts';
import type { Bucket } from './buckets.ts';
import { toMicros } from '../sql/usage.ts';
import { TOTAL } from './total.ts';

let serial = 0;

export async function withScratch<T>(db: Database, work: (name: (role: string) => string) => Promise<T>): Promise<T> {
  const id = ++serial;
  const made = new Set<string>();
  const name = (role: string) => {
    const n = `scratch_${role}_${id}`;
    made.add(n);
    return n;
  };
  try {
    return await work(name);
  } finally {
    // One round trip for all of them (in the page, each is a message to DuckDB's worker and back).
    if (made.size > 0) await db.query([...made].map((n) => `DROP TABLE IF EXISTS ${n}`).join('; '));
  }
}

/** Buckets as a table: idx, start_us, end_us. */
export function bucketTable(buckets: readonly Bucket[]): Table {
  return new Table({
    idx: int32Vector(buckets.map((_, i) => i)),
    start_us: int64Vector(buckets.map((b) => BigInt(toMicros(b.start)))),
    end_us: int64Vector(buckets.map((b) => BigInt(toMicros(b.end)))),
  });
}

/**
 * Buckets written into the query itself (idx, start_us, end_us), for a query
 * that is the only one to read them: no table to make and drop, one round
 * trip. For a few dozen buckets (a drill-down's hours or minutes).
 */
export function bucketValues(buckets: readonly Bucket[]): string {
  const rows = buckets.map((b, i) => `(${i}, ${toMicros(b.start)}::BIGINT, ${toMicros(b.end)}::BIGINT)`);
  return `(SELECT * FROM (VALUES ${rows.join(', ')}) v(idx, start_us, end_us))`;
}

/** License items (and TOTAL) as a table: item, and an integer id for the SQL (0 for TOTAL). */
export function itemTable(items: readonly string[]): Table {
  return new Table({
    item: utf8Vector(items),
    id: int32Vector(items.map((item, i) => (item === TOTAL ? 0 : i + 1))),
  });
}
