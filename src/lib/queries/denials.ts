/** The denials list of the Denials tab (docs/DOMAIN.md §6): the latest denials of a range, searchable. */
import type { Database } from '../db/database.ts';
import { denialListSql, denialsAfterSql, type DenialListRow, type DenialRange } from '../sql/denials.ts';

export type { DenialListRow };

/** At most `limit` denials of `range`, newest first, whose user, product, item, reason or machine contains `search`. */
export function denialList(db: Database, range: DenialRange, search: string, limit: number): Promise<DenialListRow[]> {
  return db.query<DenialListRow>(denialListSql({ range, search, limit }));
}

/** How many denials lie after as-of (epoch ms), and the latest of them (epoch ms, null when none). */
export async function denialsAfter(db: Database, asOfMs: number): Promise<{ n: number; latest: number | null }> {
  const [row] = await db.query<{ n: number | bigint; latest: number | null }>(denialsAfterSql({ asOf: asOfMs * 1000 }));
  return { n: Number(row?.n ?? 0), latest: row?.latest ?? null };
}
