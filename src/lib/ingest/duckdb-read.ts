/**
 * The fast path of a load: DuckDB's own CSV reader reads the file where it
 * lies (the page's File, read by DuckDB's worker; a path in Node), the rules
 * of a row run in SQL (read-sql.ts) in the same statement as the read, so
 * the file's text is never stored, and the page's JavaScript handles only
 * the header, one byte scan for line numbers (line-scan.ts), and the few lines
 * DuckDB sets aside, which our own reader judges (rows.ts) so that their
 * verdicts are exactly those of the reference path.
 *
 * Whatever this path cannot promise to read as our reader would, it leaves to
 * that reader (load.ts), before anything is kept: a file that is not UTF-8, a
 * `sep=` line or blank lines before the header, a lone CR, extra columns, a
 * denials file, a record over several lines (a quoted line break, or a stray
 * quote, which DuckDB lets swallow the rest of the file). docs/DOMAIN.md §8.1.
 */
import type { Database } from '../db/database.ts';
import { measured } from '../measured.ts';
import { normalizeHeaderName } from '../columns.ts';
import { separatorHint, sniffDelimiter, splitLine } from '../csv/dialect.ts';
import { INSTANT_END_MS, INSTANT_MIN_MS } from '../time/instant-range.ts';
import { zoneTransitions, type OffsetSpan } from '../time/zone.ts';
import { RejectBatch, SessionBatch } from './batch.ts';
import { KNOWN_COLUMNS, mapHeader, type HeaderMap } from './header.ts';
import { scanLines, type LineScan } from './line-scan.ts';
import {
  checkedCountSql,
  checkedCountsSql,
  checkedRejectsSql,
  checkedStagedViewSql,
  dropReadTablesSql,
  naiveDayRangeSql,
  naiveDaysSql,
  numberLinesSql,
  prepareReadSql,
  readCheckedSql,
  readRejectsSql,
} from './read-sql.ts';
import { ExportRows, type RowCounts } from './rows.ts';
import type { RejectReason } from './reasons.ts';
import type { ByteSource } from './source.ts';

export type DuckdbRead =
  | { kind: 'fallback'; why: string }
  | {
      kind: 'read';
      counts: RowCounts;
      header: HeaderMap;
      delimiter: string;
      /** The view of the file's accepted rows to merge; `dropReadTablesSql` drops it after the merge. */
      staged: string;
    };

export interface DuckdbReadOptions {
  sourceZone: string;
  signal?: AbortSignal | undefined;
  /** Progress while the lines are scanned: bytes, and lines ended so far. */
  onBytes: (bytesRead: number, lines: number) => void;
  /** The line scan to use: line-scan.ts's by default; the page's runs it in a worker (line-scan-worker.ts). */
  scan?: typeof scanLines | undefined;
  /** Called after each stage that grows the database: the memory guard (load.ts) may stop the load there. */
  afterStage?: () => Promise<void>;
}

const DAY = 86_400_000;

/**
 * Times one step of the fast path as a `performance.measure` named
 * `ingest: <step>`: the benchmark reads them back to say where a load's time goes.
 */
export function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  return measured(`ingest: ${step}`, work);
}
// A U+FEFF starting a line is text (the reference reader strips only the file's own BOM).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads `source` into `staged` and `rejects`, or says why our reader must. */
export async function readWithDuckdb(
  db: Database,
  source: ByteSource,
  fileId: number,
  options: DuckdbReadOptions,
): Promise<DuckdbRead> {
  const blob = source.blob;
  if (!db.registerFile || !blob) return fallback('no file DuckDB can read');
  const headerLine = await firstLine(blob);
  if (headerLine === null) return fallback('no header line DuckDB can read');
  if (headerLine.trim() === '' || separatorHint(headerLine) !== null || headerLine.includes('"'))
    return fallback('the header is not on the first line alone');
  const delimiter = sniffDelimiter(headerLine, KNOWN_COLUMNS, normalizeHeaderName);
  const header = mapHeader(splitLine(headerLine, delimiter));
  if ('missing' in header || header.kind !== 'allocations' || header.extras.length > 0)
    return fallback('not an allocation export without extra columns');

  const name = `vaultlens-${fileId}.csv`;
  let file: string;
  try {
    file = await db.registerFile(name, { blob, ...(source.path !== undefined ? { path: source.path } : {}) });
  } catch {
    return fallback('the database cannot read the file');
  }
  let kept = false;
  try {
    options.signal?.throwIfAborted();
    // DuckDB reads in its worker while the page scans the lines: the two overlap.
    await db.query(prepareReadSql());
    const index = header.index as Parameters<typeof readCheckedSql>[3];
    // Each read is cancelled inside DuckDB where the back end can (db/browser.ts), instead of waiting for the whole file.
    const send = (sql: string) => (db.run ? db.run(sql, options.signal) : db.query(sql).then(() => undefined));
    const reading = (async () => {
      const spans = await zoneSpans(db, send, options.sourceZone, file, delimiter, header.width, index);
      // The rules run as DuckDB reads: the file's text is never stored.
      await timed('read_csv and rules in SQL', () => send(readCheckedSql(file, delimiter, header.width, index, spans)));
    })().then(
      () => null,
      (e: unknown) => (isAbort(e) ? e : `DuckDB could not read it: ${(e as Error).message}`),
    );
    const scanner = options.scan ?? scanLines;
    const scan = await timed('line scan', () => scanner(source, options.onBytes, options.signal)).finally(
      () => reading,
    );
    const failed = await reading;
    if (failed instanceof Error) throw failed;
    if (failed !== null) return fallback(failed);
    if (scan.loneCr) return fallback('a lone CR ends a line');
    options.signal?.throwIfAborted();
    const read = await judge(db, source, blob, scan, fileId, headerLine, header, delimiter, options);
    kept = read.kind === 'read';
    return read;
  } finally {
    try {
      if (!kept) await db.query(dropReadTablesSql());
    } finally {
      await db.dropFile?.(name);
    }
  }
}

async function judge(
  db: Database,
  source: ByteSource,
  blob: Blob,
  scan: LineScan,
  fileId: number,
  headerLine: string,
  header: HeaderMap,
  delimiter: string,
  options: DuckdbReadOptions,
): Promise<DuckdbRead> {
  const set = await db.query<{ line: number; encoding: boolean; spans_lines: boolean }>(readRejectsSql());
  if (set.some((r) => r.encoding)) return fallback('not UTF-8');
  if (set.some((r) => r.spans_lines)) return fallback('a record over several lines');
  const [{ n: rows }] = (await db.query<{ n: number }>(checkedCountSql())) as [{ n: number }];
  await options.afterStage?.();
  // Every physical line is the header, a row, an empty line or a set-aside line:
  // otherwise a record ran over several lines, and only our reader numbers those.
  const empty = scan.emptyLines;
  if (1 + rows + set.length + empty.length !== scan.lines) return fallback('a record over several lines');

  const skipped = [...empty, ...set.map((r) => r.line)].sort((a, b) => a - b);
  await db.query(numberLinesSql(skipped));

  const rejects = new RejectBatch(fileId, source.name);
  const sessions = new SessionBatch(fileId, Math.max(set.length, 1));
  const counts: RowCounts = { rowsRead: 0, accepted: 0, rejected: 0, blankLines: empty.length, naiveTimestamps: 0 };
  // The lines DuckDB set aside, judged by our reader, each alone after the header.
  for (const { line } of set) {
    const raw = await lineText(blob, scan, line);
    if (raw === null) return fallback('not UTF-8');
    const one = new ExportRows(options.sourceZone, {
      accept: (_, accepted, extra) => {
        if (accepted.kind === 'allocations') sessions.add(line, accepted.row, extra);
      },
      reject: (_, reason, message, text) => rejects.add(line, reason, message, text),
    });
    one.push(`${headerLine}\n${raw}`);
    one.finish();
    addCounts(counts, one.counts);
  }
  const [checked] = (await db.query<{ blank: number; read: number; accepted: number; naive: number }>(
    checkedCountsSql(),
  )) as [{ blank: number; read: number; accepted: number; naive: number }];
  counts.blankLines += checked.blank;
  counts.rowsRead += checked.read;
  counts.accepted += checked.accepted;
  counts.rejected += checked.read - checked.accepted;
  counts.naiveTimestamps += checked.naive;
  for (const r of await db.query<{ line: number; reason: string; message: string }>(checkedRejectsSql())) {
    const raw = await lineText(blob, scan, r.line);
    rejects.add(r.line, r.reason as RejectReason, r.message, raw ?? '');
  }
  options.signal?.throwIfAborted();
  if (sessions.length > 0) await db.insertArrow('staged', sessions.take());
  if (rejects.length > 0) await db.insertArrow('rejects', rejects.take());
  await db.query(checkedStagedViewSql(fileId));
  return { kind: 'read', counts, header, delimiter, staged: 'csv_staged' };
}

/**
 * The source zone's offset changes over the days of the file's times written
 * without an offset, or none for UTC. Those days are read from the file in a
 * pass of their own (naiveDaysSql), before the pass that judges the rows.
 * Days outside the range of instants the vault can hold are rejected
 * whatever their offset: the range is bounded by it, so a stray year 9999
 * does not make every row's offset a search through millennia of changes.
 */
async function zoneSpans(
  db: Database,
  send: (sql: string) => Promise<void>,
  zone: string,
  ...read: Parameters<typeof naiveDaysSql>
): Promise<OffsetSpan[]> {
  if (zone === 'UTC') return [];
  await timed('days of offset-less times', () => send(naiveDaysSql(...read)));
  const [range] = await db.query<{ lo: number | null; hi: number | null }>(naiveDayRangeSql());
  if (!range || range.lo === null || range.hi === null) return [];
  const lo = Math.max(range.lo, INSTANT_MIN_MS - 3 * DAY);
  const hi = Math.min(range.hi, INSTANT_END_MS + 3 * DAY);
  if (lo > hi) return [];
  return zoneTransitions(zone, lo - 3 * DAY, hi + 3 * DAY);
}

/**
 * The first line's text (a UTF-8 BOM dropped), or null when it is not UTF-8,
 * is UTF-16, or runs past a mebibyte without a line break.
 */
async function firstLine(blob: Blob): Promise<string | null> {
  const head = new Uint8Array(await blob.slice(0, 1 << 20).arrayBuffer());
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  let end = 0;
  while (end < head.length && head[end] !== 10 && head[end] !== 13) end++;
  if (end === head.length && blob.size > head.length) return null;
  try {
    return strictUtf8.decode(head.subarray(0, end)).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Line `n`'s text without its line ending, or null when it is not UTF-8. */
async function lineText(blob: Blob, scan: LineScan, n: number): Promise<string | null> {
  const bytes = new Uint8Array(await blob.slice(scan.starts[n - 1]!, scan.starts[n]!).arrayBuffer());
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end--;
  if (end > 0 && bytes[end - 1] === 13) end--;
  try {
    return strictUtf8.decode(bytes.subarray(0, end));
  } catch {
    return null;
  }
}

function addCounts(into: RowCounts, from: RowCounts): void {
  into.rowsRead += from.rowsRead;
  into.accepted += from.accepted;
  into.rejected += from.rejected;
  into.blankLines += from.blankLines;
  into.naiveTimestamps += from.naiveTimestamps;
}

function isAbort(e: unknown): e is Error {
  return e instanceof Error && e.name === 'AbortError';
}

function fallback(why: string): DuckdbRead {
  return { kind: 'fallback', why };
}
