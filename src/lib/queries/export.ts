/** "Export this period": the sessions of a period (and item) in the vault's own export columns. */
import type { Database, Row } from '../db/database.ts';
import { exportSessionsSql } from '../sql/export.ts';
import { toMicros } from '../sql/usage.ts';

export interface PeriodExportRequest {
  /** The period, epoch ms [startMs, endMs): sessions overlapping it. */
  startMs: number;
  endMs: number;
  /** One license item, or null for all. */
  license: string | null;
  /**
   * The period ends at as-of: then a session that starts exactly at as-of is in it too. It holds
   * nothing yet (docs/DOMAIN.md §8.2), but it was accepted, and the export must give back what was loaded.
   */
  throughEnd?: boolean;
}

/** Rows keyed by EXPORT_COLUMNS (src/lib/columns.ts), in load order, ready for toCsv. */
export function periodSessions(db: Database, r: PeriodExportRequest): Promise<Row[]> {
  const re = toMicros(r.endMs) + (r.throughEnd ? 1 : 0);
  return db.query(exportSessionsSql({ range: { rs: toMicros(r.startMs), re }, license: r.license }));
}
