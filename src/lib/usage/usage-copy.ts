/**
 * Setting up the usage copy (sql/usage-copy.ts) that every usage query reads:
 * made once per change of the data, whoever asks first (a sweep, the cache).
 */
import type { Database } from '../db/database.ts';
import { usageReachSql, usageSessionsSql } from '../sql/usage-copy.ts';

/** What readyUsageCopy tells: the copy's reach and first start (µs), and its generation. */
export interface UsageCopy {
  reach: number;
  first: number;
  generation: string;
}

/** The usage copy made ready (once per change of the data): its reach (µs), first start (µs) and generation. */
export async function readyUsageCopy(db: Database): Promise<UsageCopy> {
  // One round trip: the copy is made if missing, then its reach and generation read.
  const [row] = (await db.query<{ reach: number; first: number; generation: string }>(
    `${usageSessionsSql()};\n${usageReachSql()}`,
  )) as [UsageCopy];
  return { reach: Math.max(0, row.reach), first: row.first, generation: row.generation };
}
