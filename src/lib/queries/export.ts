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
}

/** Rows keyed by EXPORT_COLUMNS (src/lib/columns.ts), in load order, ready for toCsv. */
export function periodSessions(db: Database, r: PeriodExportRequest): Promise<Row[]> {
  return db.query(exportSessionsSql({ range: { rs: toMicros(r.startMs), re: toMicros(r.endMs) }, license: r.license }));
}
