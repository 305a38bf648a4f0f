/** The Active users tab: who held licenses in a period, with what, where and for how long. */
import type { Database } from '../db/database.ts';
import { toMicros } from '../sql/usage.ts';
import { activeUsersSql, type ActiveUser } from '../sql/users.ts';

export type { ActiveUser };

export interface ActiveUsersRequest {
  /** The period, epoch ms [startMs, endMs); time after as-of is not counted. */
  startMs: number;
  endMs: number;
  asOf: number;
  /** One license item, or null for all. */
  license: string | null;
  /** Matches user name, e-mail, item or product, case-insensitively; '' for everyone. */
  search: string;
}

export function activeUsers(db: Database, r: ActiveUsersRequest): Promise<ActiveUser[]> {
  const range = { rs: toMicros(r.startMs), re: toMicros(Math.min(r.endMs, r.asOf)), asOf: toMicros(r.asOf) };
  return db.query<ActiveUser>(activeUsersSql({ range, license: r.license, search: r.search }));
}
