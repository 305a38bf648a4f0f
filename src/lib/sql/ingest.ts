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

/** A staged row's values as the target table holds them, times as TIMESTAMP. */
function stagedValues(t: RowTable): string[] {
  return t.columns.map((c) => (t.times.includes(c) ? msToTimestamp(`s.${c}_ms`) : `s.${c}`));
}

/**
 * The hashes a merge must look at closely (TEMP table `merge_twice`): those
 * that occur twice among the staged rows, and those of the rows already loaded.
 * Made once per file, before its rows are merged in chunks (mergeChunkSql).
 */
export function mergeTwiceSql(kind: FileKind, staged = ROW_TABLES[kind].staged): string {
  const t = ROW_TABLES[kind];
  return `CREATE OR REPLACE TEMP TABLE merge_twice AS
SELECT h FROM (SELECT hash(${stagedValues(t).join(', ')}) AS h FROM ${staged} s) GROUP BY h HAVING count(*) > 1
UNION SELECT hash(${t.columns.join(', ')}) FROM ${t.target}`;
}

export function dropMergeTwiceSql(): string {
  return 'DROP TABLE IF EXISTS merge_twice';
}

/**
 * Moves the staged rows of lines [from, to) into their table, keeping the
 * first of each set of exact duplicates (every column equal, times compared
 * as instants) and skipping rows already loaded, from earlier files or from
 * the file's earlier chunks; file order is kept. Returns the inserted count in
 * column `Count`. `staged` may name a view of the staged table's columns
 * (ingest/read-sql.ts); `merge_twice` (mergeTwiceSql) must be there.
 *
 * Rows are hashed first: only a row whose hash is in `merge_twice` is compared
 * column by column. Comparing every row (a window over all ten columns, and
 * an anti-join) took three times as long on a million sessions, nearly all of
 * them distinct. Merging a file in chunks of lines bounds what one query holds
 * uncompressed (its rows, sorted by line): a 5M-session file merged in one
 * query ran DuckDB-WASM out of memory.
 */
export function mergeChunkSql(
  kind: FileKind,
  staged = ROW_TABLES[kind].staged,
  lines: readonly [number, number] | null = null,
): string {
  const t = ROW_TABLES[kind];
  const values = stagedValues(t);
  const named = t.columns.map((c, i) => `${values[i]} AS ${c}`).join(', ');
  const columns = t.columns.join(', ');
  const match = t.columns.map((c) => `t.${c} IS NOT DISTINCT FROM k.${c}`).join(' AND ');
  const trailing = t.trailing.map((c) => `, s.${c}`).join('');
  const out = `file_id, line, ${columns}${t.trailing.map((c) => `, ${c}`).join('')}`;
  const within = lines === null ? '' : ` WHERE s.line >= ${sqlInt(lines[0])} AND s.line < ${sqlInt(lines[1])}`;
  return `INSERT INTO ${t.target}
WITH k AS (SELECT s.file_id, s.line, ${named}${trailing}, hash(${values.join(', ')}) AS h FROM ${staged} s${within})
SELECT ${out} FROM (
  SELECT * FROM k WHERE h NOT IN (SELECT h FROM merge_twice)
  UNION ALL
  SELECT * FROM k WHERE h IN (SELECT h FROM merge_twice)
    AND NOT EXISTS (SELECT 1 FROM ${t.target} t WHERE ${match})
    QUALIFY row_number() OVER (PARTITION BY ${columns} ORDER BY line) = 1
)
ORDER BY line`;
}

/** The whole merge of a file in one statement list (its last statement's `Count` is the inserted count). */
export function mergeStagedSql(kind: FileKind, staged = ROW_TABLES[kind].staged): string {
  return `${mergeTwiceSql(kind, staged)};\n${mergeChunkSql(kind, staged)}`;
}

/** The staged rows: how many, and their first and last line. */
export function stagedExtentSql(kind: FileKind, staged = ROW_TABLES[kind].staged): string {
  return `SELECT count(*) AS n, coalesce(min(line), 0) AS lo, coalesce(max(line), 0) AS hi FROM ${staged}`;
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
