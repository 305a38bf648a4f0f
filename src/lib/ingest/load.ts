/**
 * Loading files into the database, one after another, with progress and
 * cancellation. A file's rows go to `staged` in Arrow batches and become
 * sessions only when the whole file has been read, so a cancelled or failed
 * file leaves nothing behind. Every row read is accounted for:
 * read = accepted + rejected + duplicates (docs/DOMAIN.md §2.4).
 */
import type { FileKind } from '../columns.ts';
import type { Database } from '../db/database.ts';
import { formatList } from '../format.ts';
import { dropUsageSessionsSql } from '../sql/usage-copy.ts';
import { createSchemaSql } from '../sql/schema.ts';
import {
  clearStagedSql,
  forgetFileSql,
  dropMergeTablesSql,
  insertFileSql,
  mergeDropCountSql,
  mergeDropSql,
  mergeHashesSql,
  mergeInsertSql,
  mergeTwiceRowsSql,
  mergeTwiceSql,
  nextFileIdSql,
  type FileRecord,
} from '../sql/ingest.ts';
import { DenialBatch, RejectBatch, SessionBatch } from './batch.ts';
import {
  NotUtf8Error,
  SNIFF_BYTES,
  decodeChunks,
  encodingRefusal,
  holdsNul,
  sniffEncoding,
  type Encoding,
} from './decode.ts';
import { readWithDuckdb, timed, type DuckdbReadOptions } from './duckdb-read.ts';
import { dropReadTablesSql } from './read-sql.ts';
import { wrongShapeMessage, type HeaderMap } from './header.ts';
import { MemoryLimitError, duckdbMemorySql, memoryLimitMessage } from './memory.ts';
import { ExportRows, type RowCounts } from './rows.ts';
import type { ByteSource } from './source.ts';

export interface LoadOptions {
  /** IANA zone for timestamps written without an offset (docs/DOMAIN.md §2.1: default UTC). */
  sourceZone?: string;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Accepted rows per Arrow insert. */
  batchRows?: number;
  /**
   * DuckDB memory in bytes past which a load is stopped between batches, the
   * file in progress rolled back (memory.ts). None by default (Node, the CLI).
   */
  memoryLimit?: number;
  /**
   * Who reads the CSV. `auto` (the default): DuckDB's own reader
   * (duckdb-read.ts) for files of DUCKDB_READ_MIN_BYTES and more, where it can;
   * our reader for the rest. `duckdb`: DuckDB's reader wherever it can, however
   * small the file. `ours`: our reader always, the reference the other is tested against.
   */
  reader?: 'auto' | 'duckdb' | 'ours';
  /** How DuckDB's path scans a file's lines (duckdb-read.ts): the page passes one that runs in a worker. */
  scanLines?: DuckdbReadOptions['scan'];
  /** Rows per query of the merge's parts (MERGE_HASH_ROWS, MERGE_COMPARE_ROWS by default; tests use a few). */
  mergePartRows?: number;
}

/**
 * Below this size our reader is the quicker: DuckDB's path costs a dozen
 * queries whatever the file's size, and a small file is read by ours in
 * milliseconds.
 */
export const DUCKDB_READ_MIN_BYTES = 1 << 20;

export interface LoadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

export type FileStatus = 'loaded' | 'wrong-shape' | 'unreadable' | 'cancelled' | 'too-large';

export interface FileReport {
  name: string;
  /** What the file held, once its header was read. */
  kind?: FileKind;
  bytes: number;
  status: FileStatus;
  /** Why a file was not loaded. */
  message?: string;
  /** Whose CSV reader read a loaded file: DuckDB's, or ours (LoadOptions.reader). */
  reader?: 'duckdb' | 'ours';
  /** Things the user should know about a loaded file. */
  notices: string[];
  counts: {
    rowsRead: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    blankLines: number;
    naiveTimestamps: number;
  };
}

const ZERO = { rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, blankLines: 0, naiveTimestamps: 0 };

/** Creates the tables when missing. Safe to call more than once. */
export async function prepareDatabase(db: Database): Promise<void> {
  await db.query(createSchemaSql());
}

/** Loads `sources` in order. Stops at cancellation; the file in progress is rolled back. */
export async function loadFiles(
  db: Database,
  sources: readonly ByteSource[],
  options: LoadOptions = {},
): Promise<FileReport[]> {
  await prepareDatabase(db);
  const reports: FileReport[] = [];
  for (let i = 0; i < sources.length; i++) {
    const report = await loadFile(db, sources[i]!, i, sources.length, options);
    reports.push(report);
    if (report.status === 'cancelled' || report.status === 'too-large') break;
  }
  return reports;
}

async function loadFile(
  db: Database,
  source: ByteSource,
  fileIndex: number,
  fileCount: number,
  options: LoadOptions,
): Promise<FileReport> {
  const [{ id }] = (await db.query<{ id: number }>(nextFileIdSql())) as [{ id: number }];
  const base = { name: source.name, bytes: source.size, notices: [] as string[], counts: { ...ZERO } };
  try {
    const reader = options.reader ?? 'auto';
    if (reader === 'duckdb' || (reader === 'auto' && source.size >= DUCKDB_READ_MIN_BYTES)) {
      const fast = await readFast(db, source, id, fileIndex, fileCount, options);
      if (fast) return fast;
    }
    const first = await head(source, SNIFF_BYTES);
    const declared = sniffEncoding(first);
    const report = await readAnyEncoding(db, source, id, declared, fileIndex, fileCount, options);
    // NUL bytes in no UTF-16 pattern: the columns were not found because the text was not read.
    if (report.status === 'wrong-shape' && declared === null && holdsNul(first))
      report.message = encodingRefusal(source.name);
    return report;
  } catch (e) {
    await db.query(forgetFileSql(id));
    if (isAbort(e))
      return {
        ...base,
        status: 'cancelled',
        message: `${source.name}: loading was cancelled; nothing of it was kept.`,
      };
    if (e instanceof MemoryLimitError) return { ...base, status: 'too-large', message: e.message };
    return { ...base, status: 'unreadable', message: `${source.name}: could not be read (${(e as Error).message}).` };
  }
}

/**
 * Our reader, in the encoding the file's start declares (`declared`, null
 * when none), else strict UTF-8 and then Windows-1252. A declared encoding
 * is kept: its invalid bytes, such as one odd byte ending a UTF-16 file,
 * become U+FFFD and cost only their own row.
 */
async function readAnyEncoding(
  db: Database,
  source: ByteSource,
  id: number,
  declared: Encoding | null,
  fileIndex: number,
  fileCount: number,
  options: LoadOptions,
): Promise<FileReport> {
  try {
    return await readFile(db, source, id, declared ?? 'utf-8', true, fileIndex, fileCount, options);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    await db.query(forgetFileSql(id));
    // Without a declared encoding, the likeliest reading of a non-UTF-8 export is a spreadsheet's Windows-1252.
    const encoding = declared ?? 'windows-1252';
    const report = await readFile(db, source, id, encoding, false, fileIndex, fileCount, options);
    report.notices.unshift(
      declared
        ? `The file has bytes that are not valid ${ENCODING_NAMES[declared]}; they were read as the replacement character \uFFFD.`
        : 'The file is not valid UTF-8; it was read as Windows-1252 (check accented names).',
    );
    return report;
  }
}

const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
};

/** The file read by DuckDB's reader, or null when ours must read it (nothing kept then). */
async function readFast(
  db: Database,
  source: ByteSource,
  fileId: number,
  fileIndex: number,
  fileCount: number,
  options: LoadOptions,
): Promise<FileReport | null> {
  const sourceZone = options.sourceZone ?? 'UTC';
  const progress = (bytesRead: number, rowsRead: number) =>
    options.onProgress?.({ file: source.name, fileIndex, fileCount, bytesRead, bytesTotal: source.size, rowsRead });
  await db.query(clearStagedSql());
  const read = await readWithDuckdb(db, source, fileId, {
    sourceZone,
    signal: options.signal,
    // While DuckDB reads, the rows passed are the data lines scanned; the rows read, once it is done.
    onBytes: (n, lines) => progress(n, Math.max(0, lines - 1)),
    afterStage: () => checkMemory(db, source.name, options.memoryLimit),
    scan: options.scanLines,
  });
  if (read.kind === 'fallback') {
    performance.mark(`ingest: our reader for ${source.name} (${read.why})`);
    await db.query(forgetFileSql(fileId));
    return null;
  }
  try {
    progress(source.size, read.counts.rowsRead);
    await checkMemory(db, source.name, options.memoryLimit);
    options.signal?.throwIfAborted();
    const report = await mergeFile(db, source, fileId, 'utf-8', read.header, read.delimiter, read.counts, {
      sourceZone,
      staged: read.staged,
      partRows: options.mergePartRows,
      signal: options.signal,
    });
    return { ...report, reader: 'duckdb' };
  } finally {
    await db.query(dropReadTablesSql());
  }
}

/** Stops a load whose database has grown past `limit` (memory.ts). */
async function checkMemory(db: Database, name: string, limit: number | undefined): Promise<void> {
  if (limit === undefined) return;
  const [{ bytes }] = (await db.query<{ bytes: number }>(duckdbMemorySql())) as [{ bytes: number }];
  if (bytes > limit) throw new MemoryLimitError(memoryLimitMessage(name, bytes, limit));
}

async function readFile(
  db: Database,
  source: ByteSource,
  fileId: number,
  encoding: Encoding,
  strict: boolean,
  fileIndex: number,
  fileCount: number,
  options: LoadOptions,
): Promise<FileReport> {
  const sourceZone = options.sourceZone ?? 'UTC';
  const batchRows = options.batchRows ?? 50_000;
  const sessions = new SessionBatch(fileId, batchRows);
  const denials = new DenialBatch(fileId);
  const rejects = new RejectBatch(fileId, source.name);
  const rows = new ExportRows(sourceZone, {
    accept: (line, accepted, extra) =>
      accepted.kind === 'allocations' ? sessions.add(line, accepted.row, extra) : denials.add(line, accepted.row),
    reject: (line, reason, message, raw) => rejects.add(line, reason, message, raw),
  });
  const batches = [
    ['staged', sessions],
    ['staged_denials', denials],
    ['rejects', rejects],
  ] as const;
  const flush = async (all: boolean) => {
    let inserted = false;
    for (const [table, batch] of batches) {
      if (batch.length >= batchRows || (all && batch.length > 0)) {
        await db.insertArrow(table, batch.take());
        inserted = true;
      }
    }
    if (inserted) await checkMemory(db, source.name, options.memoryLimit);
  };
  let bytesRead = 0;
  const progress = () =>
    options.onProgress?.({
      file: source.name,
      fileIndex,
      fileCount,
      bytesRead,
      bytesTotal: source.size,
      rowsRead: rows.counts.rowsRead,
    });
  await db.query(clearStagedSql());
  const started = performance.now();
  for await (const text of decodeChunks(source, encoding, strict, (n) => (bytesRead = n))) {
    options.signal?.throwIfAborted();
    if (!rows.push(text)) break;
    await flush(false);
    progress();
  }
  options.signal?.throwIfAborted();
  rows.finish();
  await flush(true);
  progress();
  performance.measure('ingest: our reader', { start: started, end: performance.now() });

  const base = { name: source.name, bytes: source.size, notices: [] as string[], counts: { ...ZERO } };
  if (rows.header.kind === 'pending') {
    return { ...base, status: 'wrong-shape', message: `${source.name}: the file is empty.` };
  }
  if (rows.header.kind === 'wrong-shape') {
    await db.query(forgetFileSql(fileId));
    return { ...base, status: 'wrong-shape', message: wrongShapeMessage(source.name, rows.header.missing) };
  }
  const report = await mergeFile(db, source, fileId, encoding, rows.header.header, rows.header.delimiter, rows.counts, {
    sourceZone,
    partRows: options.mergePartRows,
    signal: options.signal,
  });
  return { ...report, reader: 'ours' };
}

/** The staged rows become sessions (or denials) without duplicates; the file's record is written. */
async function mergeFile(
  db: Database,
  source: ByteSource,
  fileId: number,
  encoding: Encoding,
  header: HeaderMap,
  delimiter: string,
  read: RowCounts,
  {
    sourceZone,
    staged,
    partRows,
    signal,
  }: { sourceZone: string; staged?: string; partRows?: number | undefined; signal?: AbortSignal | undefined },
): Promise<FileReport> {
  const base = { name: source.name, bytes: source.size };
  const kind = header.kind;
  const merged = await timed('merge', () => mergeStaged(db, kind, staged, partRows, signal));
  await db.query(clearStagedSql());
  if (kind === 'allocations') await db.query(dropUsageSessionsSql());
  const counts = { ...read, ...merged };
  const record: FileRecord = {
    fileId,
    name: source.name,
    kind,
    bytes: source.size,
    encoding,
    delimiter,
    ...counts,
  };
  await db.query(insertFileSql(record));
  return {
    ...base,
    kind,
    status: 'loaded',
    counts,
    notices: fileNotices(header, counts.naiveTimestamps, sourceZone),
  };
}

/**
 * Rows compared column by column per query of the merge (mergeDropSql): what
 * one such query holds uncompressed. Only rows whose hash repeats are compared,
 * none in a file of distinct rows; in a file loaded twice, each staged row and
 * its loaded copy. At 1M sessions loaded twice, parts of 1M rows grew
 * DuckDB-WASM's memory by 90 MB past the read's mark, parts of 500,000 not.
 */
export const MERGE_COMPARE_ROWS = 500_000;

/**
 * Hashes counted per query of the merge's first step (mergeTwiceSql): at 5M
 * in one query, DuckDB-WASM's memory grew by 120 MB past the read's mark.
 */
export const MERGE_HASH_ROWS = 1_000_000;

/**
 * The staged rows merged into their table without duplicates (sql/ingest.ts:
 * the three steps); returns how many were inserted and how many left out.
 */
async function mergeStaged(
  db: Database,
  kind: FileKind,
  staged: string | undefined,
  partRows: number | undefined,
  signal?: AbortSignal,
): Promise<{ accepted: number; duplicates: number }> {
  try {
    const rows = await findTwice(db, kind, staged, partRows ?? MERGE_HASH_ROWS, signal);
    let duplicates = 0;
    if (rows > 0) {
      const parts = Math.ceil(rows / (partRows ?? MERGE_COMPARE_ROWS));
      for (let p = 0; p < parts; p++) {
        signal?.throwIfAborted();
        await db.query(mergeDropSql(kind, staged, [p, parts]));
      }
      [{ n: duplicates }] = (await db.query<{ n: number }>(mergeDropCountSql())) as [{ n: number }];
    }
    signal?.throwIfAborted();
    const [{ Count }] = (await db.query<{ Count: number }>(mergeInsertSql(kind, staged, rows > 0))) as [
      { Count: number },
    ];
    return { accepted: Number(Count), duplicates: Number(duplicates) };
  } finally {
    await db.query(dropMergeTablesSql());
  }
}

/**
 * Step 1 of the merge: the hashes seen twice (`merge_twice`), counted in parts
 * of about `partRows` hashes, the hashes themselves dropped after. Returns how
 * many rows step 2 must compare.
 */
async function findTwice(
  db: Database,
  kind: FileKind,
  staged: string | undefined,
  partRows: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  const [{ rows }] = (await db.query<{ rows: number }>(mergeHashesSql(kind, staged))) as [{ rows: number }];
  const parts = Math.max(1, Math.ceil(rows / partRows));
  for (let p = 0; p < parts; p++) {
    // A cancel is answered between queries: the load's rollback forgets the file.
    signal?.throwIfAborted();
    await db.query(mergeTwiceSql([p, parts]));
  }
  const [{ rows: compared }] = (await db.query<{ rows: number }>(mergeTwiceRowsSql())) as [{ rows: number }];
  return compared;
}

function fileNotices(header: HeaderMap, naive: number, sourceZone: string): string[] {
  const notices: string[] = [];
  if (naive > 0) {
    notices.push(
      `${naive} timestamp${naive === 1 ? ' has' : 's have'} no UTC offset and ${naive === 1 ? 'was' : 'were'} read as ${sourceZone} time.`,
    );
  }
  if (header.missingOptional.length > 0) {
    const missing = header.missingOptional;
    notices.push(`No ${formatList(missing)} column${missing.length === 1 ? '' : 's'}: left empty.`);
  }
  if (header.extras.length > 0) {
    notices.push(`Extra columns kept but not used: ${formatList(header.extras.map((e) => e.name))}.`);
  }
  return notices;
}

/** The first bytes of a source, for its byte-order mark (gathered across chunks, however small). */
async function head(source: ByteSource, size = 4): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let n = 0;
  for await (const chunk of source.chunks()) {
    const part = chunk.subarray(0, size - n);
    out.set(part, n);
    n += part.length;
    if (n === size) break;
  }
  return out.subarray(0, n);
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}
