/**
 * The loaded data, as the page and the CLI see it: load files, read the
 * summary, page through rejects, clear. One object over one Database, so both
 * front ends ask the same questions with the same SQL.
 */
import type { Database } from './db/database.ts';
import { loadFiles, prepareDatabase, type FileReport, type LoadOptions } from './ingest/load.ts';
import type { ByteSource } from './ingest/source.ts';
import { allRejectsSql, rejectsPageSql, type RejectRow } from './sql/rejects.ts';
import { clearAllSql } from './sql/schema.ts';
import { UsageCache } from './usage/cache.ts';
import { fileSummariesSql, ingestSummarySql, type FileSummary, type IngestSummary } from './sql/summary.ts';

export interface Vault {
  readonly db: Database;
  /** What the reports on this data keep between them (gatherReportFacts' cache); emptied by every load and clear. */
  readonly usage: UsageCache;
  load(sources: readonly ByteSource[], options?: LoadOptions): Promise<FileReport[]>;
  summary(): Promise<IngestSummary>;
  files(): Promise<FileSummary[]>;
  rejects(limit: number, offset: number): Promise<RejectRow[]>;
  allRejects(): Promise<RejectRow[]>;
  clear(): Promise<void>;
}

/**
 * The benchmark (scripts/bench/report-rows.ts) times a plain SQL sweep on the
 * page's own database beside the report: a page opened with ?bench lends it.
 */
function lendToBenchmark(db: Database): void {
  const search = (globalThis as { location?: { search?: string } }).location?.search ?? '';
  if (new URLSearchParams(search).has('bench')) (globalThis as { __vaultlensBench?: Database }).__vaultlensBench = db;
}

export async function openVault(db: Database): Promise<Vault> {
  await prepareDatabase(db);
  // Loads are queued: two drops in quick succession must not interleave in `staged`.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  lendToBenchmark(db);
  const usage = new UsageCache();
  // What reports kept is stale once the data changes: dropped first, so its memory is free for the load.
  const forgetUsage = () => usage.exclusive(() => usage.forget(db));
  return {
    db,
    usage,
    load: (sources, options) => serial(async () => (await forgetUsage(), loadFiles(db, sources, options))),
    summary: async () => (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!,
    files: () => db.query<FileSummary & Record<string, unknown>>(fileSummariesSql()),
    rejects: (limit, offset) => db.query<RejectRow & Record<string, unknown>>(rejectsPageSql({ limit, offset })),
    allRejects: () => db.query<RejectRow & Record<string, unknown>>(allRejectsSql()),
    clear: () => serial(async () => (await forgetUsage(), void (await db.query(clearAllSql())))),
  };
}
