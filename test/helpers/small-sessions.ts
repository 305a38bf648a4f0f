/**
 * Random small sets of sessions for the sweep's property tests: three items,
 * allocations that overlap, touch or share instants, open sessions, all on a
 * coarse grid of minutes from BASE_US, so that starts, ends and quarter
 * hours often coincide; their loading as the `sessions` table (with the
 * usage copy made from it), their range, and their columns as kept.
 */
import fc from 'fast-check';
import { numberColumns, type Database } from '../../src/lib/db/database.ts';
import type { UsageRange } from '../../src/lib/sql/usage.ts';
import { keptSessionColumnsSql, type KeptTables } from '../../src/lib/sql/usage-kept.ts';
import type { SessionColumns } from '../../src/lib/usage/kernel.ts';
import { dropUsageSessionsSql, usageSessionsSql } from '../../src/lib/sql/usage-copy.ts';

export const MINUTE_US = 60_000_000;
export const BASE_US = Date.UTC(2026, 2, 29) * 1000;

export interface SmallSession {
  item: string;
  alloc: number;
  /** Minutes from BASE_US. */
  start: number;
  length: number;
  open: boolean;
}

export const smallSessions = fc.array(
  fc.record({
    item: fc.constantFrom('A', 'B', 'C'),
    alloc: fc.integer({ min: 0, max: 2 }),
    start: fc.integer({ min: 0, max: 40 }).map((n) => n * 5),
    length: fc.integer({ min: 0, max: 12 }).map((n) => n * 5),
    open: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  }),
  { minLength: 1, maxLength: 30 },
);

/** The sessions as loaded (the columns the usage reads of the loaded table), and the usage copy made from them. */
export async function loadSmallSessions(db: Database, sessions: readonly SmallSession[]): Promise<void> {
  const values = sessions.map((s, i) => {
    const f = BASE_US + s.start * MINUTE_US;
    const t = s.open ? 'NULL' : `make_timestamp(${f + s.length * MINUTE_US})`;
    return `('${s.item}', 'al-${s.alloc}', 'u${i % 3}', make_timestamp(${f}), ${t})`;
  });
  await db.query(`${dropUsageSessionsSql()};
CREATE OR REPLACE TABLE sessions (allocated_license VARCHAR, allocation_id VARCHAR, username VARCHAR, used_from TIMESTAMP, used_to TIMESTAMP);
INSERT INTO sessions VALUES ${values.join(', ')};
${usageSessionsSql()}`);
}

/** The range of a scenario: from rsAt to as-of at asOfAt (minutes from BASE_US), with a hold delay in minutes. */
export function smallRange({ hold, rsAt, asOfAt }: { hold: number; rsAt: number; asOfAt: number }): UsageRange {
  const asOf = BASE_US + asOfAt * MINUTE_US;
  return { rs: BASE_US + rsAt * MINUTE_US, re: asOf, asOf, hold: hold * MINUTE_US, reach: 60 * MINUTE_US };
}

/** The sessions read as the kept sessions' build reads them, their allocations numbered by the database. */
export async function keptColumns(db: Database, tables: KeptTables, range: UsageRange): Promise<SessionColumns> {
  const c = await numberColumns(db, keptSessionColumnsSql(tables, range, 'exact'), ['item', 'alloc', 'f', 't']);
  return {
    item: Int32Array.from(c.item!),
    alloc: Int32Array.from(c.alloc!),
    f: Float64Array.from(c.f!),
    t: Float64Array.from(c.t!),
  };
}
