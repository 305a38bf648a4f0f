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

const ROW_TABLES: Record<FileKind, RowTable> = { allocations: SESSION_TABLE, denials: DENIAL_TABLE };

/** A staged row's values as the target table holds them, times as TIMESTAMP. */
function stagedValues(t: RowTable): string[] {
  return t.columns.map((c) => (t.times.includes(c) ? msToTimestamp(`s.${c}_ms`) : `s.${c}`));
}

/** The staged values named as the target table's columns, for a SELECT. */
function namedValues(t: RowTable): string {
  const values = stagedValues(t);
  return t.columns.map((c, i) => `${values[i]} AS ${c}`).join(', ');
}

/**
 * The merge of a file's staged rows into their table, exact duplicates kept
 * once (docs/DOMAIN.md §2.4, §8.1): every column equal, times compared as
 * instants, the first copy in line order kept, rows already loaded (earlier
 * files) skipped. Three steps, so that the common file, nearly all of whose
 * rows are distinct, costs one pass that hashes its rows and one plain insert:
 *
 * 1. mergeHashesSql, then mergeTwiceSql: the hash of every staged and loaded
 *    row (TEMP table `merge_hashes`, hashes alone: no row is held), and those
 *    that occur more than once, with a staged row among them (`merge_twice`).
 *    Counted in parts of the hashes (`hash % parts`): one aggregate over 5M
 *    hashes grew DuckDB-WASM's memory by 120 MB, parts of a million none.
 * 2. mergeDropSql, only when step 1 found any: the rows of those hashes are
 *    compared column by column, and the lines of the staged copies that are
 *    not the first go to `merge_drop`. Hashes are split into parts
 *    (`hash % parts`), so that one query holds a bounded number of rows
 *    uncompressed: the copies of a row share its hash, hence its part.
 * 3. mergeInsertSql: every staged row whose line is not in `merge_drop`, in
 *    the order they are read; no sort (every query that needs an order names
 *    it: `ORDER BY file_id, line`).
 *
 * A merge that sorted every row by line, and compared them in the same query,
 * held the file's values uncompressed: at 1M sessions it set the load's
 * WebAssembly high-water mark, 470 MB above what the read had left (BENCHMARKS.md).
 */

/**
 * Step 1, the hashes (TEMP table `merge_hashes`: `h`, and `fresh`, whether
 * the row is staged), and how many they are (`rows`: what decides the number
 * of parts); `merge_twice` made empty. The loaded rows cost nothing when there
 * are none.
 */
export function mergeHashesSql(kind: FileKind, staged = ROW_TABLES[kind].staged): string {
  const t = ROW_TABLES[kind];
  return `CREATE OR REPLACE TEMP TABLE merge_hashes AS
SELECT hash(${stagedValues(t).join(', ')}) AS h, true AS fresh FROM ${staged} s
UNION ALL SELECT hash(${t.columns.join(', ')}), false FROM ${t.target};
CREATE OR REPLACE TEMP TABLE merge_twice (h UBIGINT, n BIGINT);
SELECT CAST(count(*) AS DOUBLE) AS rows FROM merge_hashes`;
}

/**
 * Step 1, the hashes of one part (`part` of `parts`) seen twice, with a staged
 * row among them, into `merge_twice` (`n`: how many rows have the hash).
 */
export function mergeTwiceSql(part: readonly [number, number] = [0, 1]): string {
  return `INSERT INTO merge_twice
SELECT h, count(*) AS n FROM merge_hashes${inPart(part)}
GROUP BY h HAVING count(*) > 1 AND count(*) FILTER (fresh) > 0`;
}

/** The condition that hash `h` lies in part `p` of `parts` (none for one part). */
function inPart([p, parts]: readonly [number, number]): string {
  return parts > 1 ? ` WHERE h % ${sqlInt(parts)} = ${sqlInt(p)}` : '';
}

/**
 * The end of step 1: the hashes dropped, `merge_drop` made empty, and how many
 * rows, staged and loaded, step 2 must compare (`rows`: what decides its
 * number of parts; none, and step 2 is skipped).
 */
export function mergeTwiceRowsSql(): string {
  return `DROP TABLE IF EXISTS merge_hashes;
CREATE OR REPLACE TEMP TABLE merge_drop (line INTEGER);
SELECT CAST(coalesce(sum(n), 0) AS DOUBLE) AS rows FROM merge_twice`;
}

/**
 * Step 2, for the hashes of one part (`part` of `parts`): the staged rows of
 * those hashes and the loaded rows of the same hashes, grouped by every
 * column (GROUP BY takes NULL as equal to NULL, as an exact duplicate needs);
 * in a group of copies, the lines after the first go to `merge_drop`. A loaded
 * row counts as line 0, before every staged line: all its staged copies go.
 * (A window ranking the copies by line took half as long again.)
 */
export function mergeDropSql(
  kind: FileKind,
  staged = ROW_TABLES[kind].staged,
  part: readonly [number, number] = [0, 1],
): string {
  const t = ROW_TABLES[kind];
  const values = stagedValues(t);
  const columns = t.columns.join(', ');
  const these = `(SELECT h FROM merge_twice${inPart(part)})`;
  const named = namedValues(t);
  return `INSERT INTO merge_drop
SELECT line FROM (
  SELECT unnest(lines) AS line, first FROM (
    SELECT list(line) AS lines, min(line) AS first FROM (
      SELECT s.line, ${named} FROM ${staged} s WHERE hash(${values.join(', ')}) IN ${these}
      UNION ALL SELECT 0, ${columns} FROM ${t.target} WHERE hash(${columns}) IN ${these}
    ) GROUP BY ${columns} HAVING count(*) > 1
  )
) WHERE line <> first`;
}

/**
 * Step 3: the staged rows into their table, but for the lines in
 * `merge_drop` (`dropping`: whether step 2 ran). Returns the inserted count in
 * column `Count`. `staged` may name a view of the staged table's columns
 * (ingest/read-sql.ts).
 */
export function mergeInsertSql(kind: FileKind, staged = ROW_TABLES[kind].staged, dropping = true): string {
  const t = ROW_TABLES[kind];
  const named = namedValues(t);
  const trailing = t.trailing.map((c) => `, s.${c}`).join('');
  const keep = dropping ? '\nWHERE NOT EXISTS (SELECT 1 FROM merge_drop d WHERE d.line = s.line)' : '';
  return `INSERT INTO ${t.target}
SELECT s.file_id, s.line, ${named}${trailing} FROM ${staged} s${keep}`;
}

export function dropMergeTablesSql(): string {
  return ['merge_hashes', 'merge_twice', 'merge_drop'].map((t) => `DROP TABLE IF EXISTS ${t}`).join(';\n');
}

/**
 * The whole merge of a file in one statement list, step 2 in one part (its
 * last statement's `Count` is the inserted count); dropMergeTablesSql after.
 */
export function mergeStagedSql(kind: FileKind, staged = ROW_TABLES[kind].staged): string {
  return [
    mergeHashesSql(kind, staged),
    mergeTwiceSql(),
    mergeTwiceRowsSql(),
    mergeDropSql(kind, staged),
    mergeInsertSql(kind, staged),
  ].join(';\n');
}

/** How many rows step 2 found to leave out: the file's duplicates. */
export function mergeDropCountSql(): string {
  return 'SELECT count(*) AS n FROM merge_drop';
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
