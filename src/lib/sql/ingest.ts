/** The SQL of loading one file: staged rows become sessions, duplicates counted. */
import { dropUsageSessionsSql } from './usage-copy.ts';
import { DENIAL_COLUMNS, EXPORT_COLUMNS, type FileKind } from '../columns.ts';
import { sqlInt, sqlString } from './literal.ts';

/** Epoch ms with a microsecond fraction to an exact TIMESTAMP (no ICU needed). */
function msToTimestamp(column: string): string {
  return `make_timestamp(CAST(round(${column} * 1000) AS BIGINT))`;
}

/** A kind of loaded row: its tables, its columns, and which of them are times (staged as `<name>_ms`). */
interface RowTable {
  target: string;
  staged: string;
  columns: readonly string[];
  times: readonly string[];
  /** Columns after the compared ones, copied as they are. */
  trailing: readonly string[];
}

const SESSION_TABLE: RowTable = {
  target: 'sessions',
  staged: 'staged',
  columns: EXPORT_COLUMNS,
  times: ['used_from', 'used_to'],
  trailing: ['extra'],
};
const DENIAL_TABLE: RowTable = {
  target: 'denials',
  staged: 'staged_denials',
  columns: DENIAL_COLUMNS,
  times: ['denied_at'],
  trailing: [],
};

export const ROW_TABLES: Record<FileKind, RowTable> = { allocations: SESSION_TABLE, denials: DENIAL_TABLE };

/**
 * Moves the staged rows into their table, keeping the first of each set of
 * exact duplicates (every column equal, times compared as instants) and
 * skipping rows already loaded from earlier files; file order is kept.
 * Returns the inserted count in column `Count`.
 */
export function mergeStagedSql(kind: FileKind): string {
  const t = ROW_TABLES[kind];
  const values = t.columns.map((c) => (t.times.includes(c) ? msToTimestamp(`s.${c}_ms`) : `s.${c}`));
  const match = t.columns.map((c, i) => `t.${c} IS NOT DISTINCT FROM ${values[i]}`).join(' AND ');
  const trailing = t.trailing.map((c) => `, s.${c}`).join('');
  return `INSERT INTO ${t.target}
SELECT s.file_id, s.line, ${values.join(', ')}${trailing}
FROM ${t.staged} s
WHERE NOT EXISTS (SELECT 1 FROM ${t.target} t WHERE ${match})
QUALIFY row_number() OVER (PARTITION BY ${values.join(', ')} ORDER BY s.line) = 1
ORDER BY s.line`;
}

export function stagedCountSql(kind: FileKind): string {
  return `SELECT count(*) AS n FROM ${ROW_TABLES[kind].staged}`;
}

export function clearStagedSql(): string {
  return 'DELETE FROM staged; DELETE FROM staged_denials';
}

/** Removes every trace of a file whose load was cancelled or failed. */
export function forgetFileSql(fileId: number): string {
  const id = sqlInt(fileId);
  return [
    clearStagedSql(),
    `DELETE FROM rejects WHERE file_id = ${id}`,
    `DELETE FROM sessions WHERE file_id = ${id}`,
    `DELETE FROM denials WHERE file_id = ${id}`,
    `DELETE FROM files WHERE file_id = ${id}`,
    dropUsageSessionsSql(),
  ].join(';\n');
}

export function nextFileIdSql(): string {
  return 'SELECT coalesce(max(file_id), 0) + 1 AS id FROM files';
}

export interface FileRecord {
  fileId: number;
  name: string;
  kind: FileKind;
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
  return `INSERT INTO files VALUES (${sqlInt(f.fileId)}, ${sqlString(f.name)}, ${sqlString(f.kind)}, ${sqlInt(f.bytes)}, ${sqlString(
    f.encoding,
  )}, ${sqlString(f.delimiter)}, ${sqlInt(f.rowsRead)}, ${sqlInt(f.accepted)}, ${sqlInt(f.rejected)}, ${sqlInt(
    f.duplicates,
  )}, ${sqlInt(f.blankLines)}, ${sqlInt(f.naiveTimestamps)})`;
}
