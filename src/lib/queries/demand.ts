/** The loaded sessions as the simulator's demand (src/lib/simulator/scenario.ts). */
import type { Database } from '../db/database.ts';
import { loadedSessionsSql } from '../sql/demand.ts';
import type { LoadedSession } from '../simulator/scenario.ts';

/** Every loaded session, earliest first. */
export function loadedSessions(db: Database): Promise<LoadedSession[]> {
  return db.query<LoadedSession>(loadedSessionsSql());
}
