/** The denials list of the Denials tab (docs/DOMAIN.md §6): the latest denials of a range, searchable. */
import type { Database } from '../db/database.ts';
import { denialListSql, type DenialListRow, type DenialRange } from '../sql/denials.ts';

export type { DenialListRow };

/** At most `limit` denials of `range`, newest first, whose user, product, item, reason or machine contains `search`. */
export function denialList(db: Database, range: DenialRange, search: string, limit: number): Promise<DenialListRow[]> {
  return db.query<DenialListRow>(denialListSql({ range, search, limit }));
}
