/** What is loaded, at a glance: the ingest accounting and the data's extent. */
import { sqlTimestamp } from './literal.ts';

export interface IngestSummary {
  files: number;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  blankLines: number;
  naiveTimestamps: number;
  /** Epoch ms (µs as the fraction) of the first session start, null when nothing is loaded. */
  firstUse: number | null;
  /** Epoch ms of the latest timestamp in the loaded files: the default as-of. */
  latest: number | null;
  licenseItems: number;
  products: number;
  users: number;
  openSessions: number;
  /** Denials loaded from denials files. */
  denials: number;
}

export function ingestSummarySql(): string {
  return `WITH f AS (
  SELECT count(*) AS files, coalesce(sum(rows_read), 0) AS rows_read, coalesce(sum(accepted), 0) AS accepted,
         coalesce(sum(rejected), 0) AS rejected, coalesce(sum(duplicates), 0) AS duplicates,
         coalesce(sum(blank_lines), 0) AS blank_lines, coalesce(sum(naive_timestamps), 0) AS naive
  FROM files
), s AS (
  SELECT epoch_us(min(used_from)) / 1000.0 AS first_use,
         epoch_us(max(greatest(used_from, coalesce(used_to, used_from)))) / 1000.0 AS latest,
         count(DISTINCT allocated_license) AS items, count(DISTINCT user_product) AS products,
         count(DISTINCT username) AS users, count(*) FILTER (WHERE used_to IS NULL) AS open_sessions
  FROM sessions
)
SELECT f.files AS "files", CAST(f.rows_read AS BIGINT) AS "rowsRead", CAST(f.accepted AS BIGINT) AS "accepted",
       CAST(f.rejected AS BIGINT) AS "rejected", CAST(f.duplicates AS BIGINT) AS "duplicates",
       CAST(f.blank_lines AS BIGINT) AS "blankLines", CAST(f.naive AS BIGINT) AS "naiveTimestamps",
       s.first_use AS "firstUse", s.latest AS "latest", s.items AS "licenseItems", s.products AS "products",
       s.users AS "users", s.open_sessions AS "openSessions", (SELECT count(*) FROM denials) AS "denials"
FROM f, s`;
}

export interface FileSummary {
  fileId: number;
  name: string;
  kind: string;
  bytes: number;
  encoding: string;
  delimiter: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  blankLines: number;
  naiveTimestamps: number;
}

export function fileSummariesSql(): string {
  return `SELECT file_id AS "fileId", name, kind, bytes, encoding, delimiter, rows_read AS "rowsRead", accepted, rejected,
       duplicates, blank_lines AS "blankLines", naive_timestamps AS "naiveTimestamps"
FROM files ORDER BY file_id`;
}

/**
 * The sessions that start before `untilMs` (epoch ms, µs as the fraction):
 * those a replay up to that instant starts from. One starting exactly at
 * as-of (the latest instant in the data) is loaded, but lies outside a replay
 * that ends there.
 */
export function sessionsStartedBeforeSql(untilMs: number): string {
  return `SELECT count(*) AS n FROM sessions WHERE used_from < ${sqlTimestamp(Math.round(untilMs * 1000))}`;
}
