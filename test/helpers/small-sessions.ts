/**
 * Random small sets of sessions for the sweep's property tests: three items,
 * allocations that overlap, touch or share instants, open sessions, all on a
 * coarse grid of minutes from BASE_US, so that starts, ends and quarter
 * hours often coincide; and their loading as the `sessions` table (with the
 * usage copy made from it).
 */
import fc from 'fast-check';
import type { Database } from '../../src/lib/db/database.ts';
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
