/**
 * Setting up the usage copy (sql/usage-copy.ts) that every usage query reads:
 * made once per change of the data, whoever asks first (a sweep, the cache).
 */
import type { Database } from '../db/database.ts';
import { usageReachSql, usageSessionsSql } from '../sql/usage-copy.ts';

/** The usage copy made ready (once per change of the data): its reach (µs) and generation. */
export async function readyUsageCopy(db: Database): Promise<{ reach: number; generation: string }> {
  // One round trip: the copy is made if missing, then its reach and generation read.
  const [row] = (await db.query<{ reach: number; generation: string }>(
    `${usageSessionsSql()};\n${usageReachSql()}`,
  )) as [{ reach: number; generation: string }];
  return { reach: Math.max(0, row.reach), generation: row.generation };
}
