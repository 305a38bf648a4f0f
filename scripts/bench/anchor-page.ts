/**
 * The benchmark's anchor, bundled into a bare page (scripts/bench/anchor.ts):
 * DuckDB-WASM's own CSV reader alone, with nothing of vaultlens. The chosen
 * File is registered with DuckDB (read in place by its worker) and read by
 * `read_csv` into a table: explicit column types (all text, as the page reads
 * them), rejects stored. What the page's ingest is measured against.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';

interface AnchorResult {
  seconds: number;
  rows: number;
}

async function readFile(file: File): Promise<AnchorResult> {
  const base = new URL('./', import.meta.url).href;
  const worker = new Worker(`${base}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${base}duckdb-eh.wasm`);
  const conn = await db.connect();
  const t = performance.now();
  await db.registerFileHandle('export.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const columns = EXPORT_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  await conn.query(`CREATE TABLE sessions AS SELECT * FROM read_csv('export.csv', auto_detect = false,
    header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}},
    ignore_errors = true, strict_mode = true, store_rejects = true)`);
  const seconds = (performance.now() - t) / 1000;
  const rows = Number((await conn.query('SELECT count(*) AS n FROM sessions')).getChildAt(0)?.get(0));
  return { seconds, rows };
}

const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
input.addEventListener('change', () => {
  const w = window as unknown as { anchor?: AnchorResult | { error: string } };
  readFile(input.files![0]!).then(
    (r) => (w.anchor = r),
    (e: unknown) => (w.anchor = { error: String((e as Error).message ?? e) }),
  );
});
