/** Each user's last use of each item up to as-of (sql/idle.ts), for the revocation candidates (renewal/idle.ts). */
import type { Database } from '../db/database.ts';
import { itemUseSql, type ItemUse } from '../sql/idle.ts';
import { toMicros } from '../sql/usage.ts';

export type { ItemUse };

export function itemUse(db: Database, asOf: number): Promise<ItemUse[]> {
  return db.query<ItemUse>(itemUseSql({ asOf: toMicros(asOf) }));
}
