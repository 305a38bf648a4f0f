/** The SQL of loading one file: staged rows become sessions, duplicates counted. */
import { EXPORT_COLUMNS } from '../columns.ts';
import { sqlInt, sqlString } from './literal.ts';

/** Epoch ms with a microsecond fraction to an exact TIMESTAMP (no ICU needed). */
function msToTimestamp(column: string): string {
  return `make_timestamp(CAST(round(${column} * 1000) AS BIGINT))`;
}

/** The ten export columns of `alias`, with times as TIMESTAMP: what "exact duplicate" compares. */
function exportValues(alias: string): string[] {
  return EXPORT_COLUMNS.map((c) =>
    c === 'used_from' || c === 'used_to' ? msToTimestamp(`${alias}.${c}_ms`) : `${alias}.${c}`,
  );
}

/**
 * Moves the staged rows into `sessions`, keeping the first of each set of exact
 * duplicates (all ten export columns equal, times compared as instants) and
 * skipping rows already loaded from earlier files; file order is kept. Returns the inserted count
 * in column `Count`.
 */
export function mergeStagedSql(): string {
  const staged = exportValues('s');
  const match = EXPORT_COLUMNS.map((c, i) => `t.${c} IS NOT DISTINCT FROM ${staged[i]}`).join(' AND ');
  return `INSERT INTO sessions
SELECT s.file_id, s.line, ${staged.join(', ')}, s.extra
FROM staged s
WHERE NOT EXISTS (SELECT 1 FROM sessions t WHERE ${match})
QUALIFY row_number() OVER (PARTITION BY ${staged.join(', ')} ORDER BY s.line) = 1
ORDER BY s.line`;
}

export function stagedCountSql(): string {
  return 'SELECT count(*) AS n FROM staged';
}

export function clearStagedSql(): string {
  return 'DELETE FROM staged';
}

/** Removes every trace of a file whose load was cancelled or failed. */
export function forgetFileSql(fileId: number): string {
  const id = sqlInt(fileId);
  return [
    'DELETE FROM staged',
    `DELETE FROM rejects WHERE file_id = ${id}`,
    `DELETE FROM sessions WHERE file_id = ${id}`,
    `DELETE FROM files WHERE file_id = ${id}`,
  ].join(';\n');
}

export function nextFileIdSql(): string {
  return 'SELECT coalesce(max(file_id), 0) + 1 AS id FROM files';
}

export interface FileRecord {
  fileId: number;
  name: string;
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

export function insertFileSql(f: FileRecord): string {
  return `INSERT INTO files VALUES (${sqlInt(f.fileId)}, ${sqlString(f.name)}, ${sqlInt(f.bytes)}, ${sqlString(
    f.encoding,
  )}, ${sqlString(f.delimiter)}, ${sqlInt(f.rowsRead)}, ${sqlInt(f.accepted)}, ${sqlInt(f.rejected)}, ${sqlInt(
    f.duplicates,
  )}, ${sqlInt(f.blankLines)}, ${sqlInt(f.naiveTimestamps)})`;
}
