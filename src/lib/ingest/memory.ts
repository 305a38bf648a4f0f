/**
 * How much the page can hold, and the message when a load would go past it.
 *
 * DuckDB-WASM lives in 32-bit WebAssembly memory: at most 4 GiB, whatever the
 * machine has, and a tab that runs out of it crashes or fails mid-query. A
 * file's rows are held twice while it loads (staged, then merged into the
 * sessions without duplicates), and the report's queries need room of their
 * own on top. So the page checks twice, and stops before the tab would:
 *
 * 1. before a load, from the files' sizes (`checkBudget`): exports beyond what
 *    the page can hold are refused at once, with the CLI suggested;
 * 2. while loading, from DuckDB's own account of its memory (between our
 *    reader's batches, and after each stage of DuckDB's reader: the read, the
 *    rules): a load that grows past the limit is stopped, the file in
 *    progress rolled back like a cancelled one, and the same advice given.
 *
 * The limits come from what was measured (BENCHMARKS.md, docs/DOMAIN.md §8).
 * The tables live in a compressed in-memory database (sql/schema.ts): at 1M
 * sessions (172 MB of export) DuckDB holds the sessions in 26 MB, about 26
 * bytes a session, and 44 MB with the report's time-ordered copy. What bounds
 * a load is not what it keeps but what its queries hold on the way, with
 * the values still uncompressed: DuckDB's CSV reader above all (at 5M
 * sessions, when the read and the rules were two queries, `read_csv` alone
 * took WebAssembly memory to 1.43 GB, the rules to 1.53 GB; one statement
 * since, which holds less), no longer the merge, which holds hashes and the rows seen twice
 * (sql/ingest.ts). WebAssembly memory only grows, so that high-water mark
 * stays with the tab: a 5M-session export (860 MB) takes DuckDB-WASM to about
 * 1.5 GB of its 3.1 GiB (1.7 GB when the merge sorted the rows by line; it ran
 * out of memory when it merged them in one query). About 2 bytes of WebAssembly memory
 * per byte of export, with the report's own queries on top, puts the limit at
 * a gigabyte of exports: the 5M year passes, a 10M one (1.7 GB) is refused.
 */

/** What the page refuses to take on, in bytes of export text (all loaded files together). */
export const BROWSER_EXPORT_BUDGET = 1000 * 1e6;

/** DuckDB memory (bytes) past which a load in progress is stopped. */
export const BROWSER_DUCKDB_LIMIT = 2.2 * 2 ** 30;

export const CLI_ADVICE =
  'Use the command line with native DuckDB instead, which has no such limit: npm run report -- --engine native --tz ZONE --json report.json FILES… (see the README), or load fewer months at a time.';

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;

export type BudgetVerdict = { ok: true } | { ok: false; message: string };

/**
 * Whether files of `incoming` bytes can join `loaded` bytes already in the
 * page within `budget`. Pure, so it is tested alone.
 */
export function checkBudget(
  loaded: number,
  incoming: readonly { name: string; size: number }[],
  budget = BROWSER_EXPORT_BUDGET,
): BudgetVerdict {
  const adding = incoming.reduce((a, f) => a + f.size, 0);
  if (loaded + adding <= budget) return { ok: true };
  const what = incoming.length === 1 ? incoming[0]!.name : `These ${incoming.length} files`;
  const already = loaded > 0 ? ` on top of the ${mb(loaded)} already loaded` : '';
  return {
    ok: false,
    message: `${what} (${mb(adding)}${already}) ${incoming.length === 1 ? 'is' : 'are'} more than this page can hold in the browser's memory (about ${mb(budget)} of exports in all); nothing was loaded. ${CLI_ADVICE}`,
  };
}

/** Thrown between batches when DuckDB's memory passes the limit. */
export class MemoryLimitError extends Error {
  override name = 'MemoryLimitError';
}

/** DuckDB's own account of the memory it holds, in bytes. */
export function duckdbMemorySql(): string {
  return 'SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS DOUBLE) AS bytes FROM duckdb_memory()';
}

export function memoryLimitMessage(file: string, used: number, limit: number): string {
  return `${file}: loading was stopped before the browser ran out of memory (the database held ${mb(used)}, the page's limit is ${mb(limit)}); nothing of this file was kept. ${CLI_ADVICE}`;
}
