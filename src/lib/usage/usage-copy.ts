/**
 * Setting up the usage copy (sql/usage-copy.ts), the time-ordered sessions
 * that the people, drill-downs, projects, snapshot series, off-grid zones and
 * the CLI's one report read: made once per change of the data, whoever asks
 * first. What needs only the data's generation (the cards, swept from the
 * loaded table) asks for that alone, and does not wait for the copy.
 */
import type { Database } from '../db/database.ts';
import { usageGenerationSql, usageReachSql, usageSessionsSql } from '../sql/usage-copy.ts';

/** What readyUsageCopy tells: the copy's reach and first start (µs), and its generation. */
export interface UsageCopy {
  reach: number;
  first: number;
  generation: string;
}

/** The usage copy made ready (once per change of the data): its reach (µs), first start (µs) and generation. */
export function readyUsageCopy(db: Database): Promise<UsageCopy> {
  return made(db, usageSessionsSql());
}

/** The data's generation, reach and first start, the usage copy not made (once per change of the data). */
export function usageGeneration(db: Database): Promise<UsageCopy> {
  return made(db, usageGenerationSql());
}

/** In one round trip: `make` run, then the reach and generation read. */
async function made(db: Database, make: string): Promise<UsageCopy> {
  const [row] = (await db.query<{ reach: number; first: number; generation: string }>(
    `${make};\n${usageReachSql()}`,
  )) as [UsageCopy];
  return { reach: Math.max(0, row.reach), first: row.first, generation: row.generation };
}
