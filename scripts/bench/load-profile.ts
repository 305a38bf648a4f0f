/**
 * One load profiled query by query, in Node on the blocking DuckDB-WASM build
 * (the page's engine and SQL): each query's time, the WebAssembly memory after
 * it (it only grows: its high-water mark is what the page's renderer keeps)
 * and DuckDB's own account (`duckdb_memory()`), then the `ingest: …` steps,
 * beside the anchor (a bare `read_csv` of the same file into ten text
 * columns, in a fresh DuckDB of the same process).
 *
 *   node scripts/bench/load-profile.ts [--no-anchor] [--report] FILE...
 *
 * Several files are loaded one after the other (the anchor reads the first);
 * `--report` profiles the CLI's report after the load alike.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import { arrowColumns, arrowToRows, type Database, type Row } from '../../src/lib/db/database.ts';
import { nodeBindings } from '../../src/lib/db/node.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { buildReport } from '../../src/lib/report/build.ts';
import { duckdbMemorySql } from '../../src/lib/ingest/memory.ts';
import { pathSource } from '../../src/lib/ingest/node-source.ts';
import { compactStorageSql } from '../../src/lib/sql/schema.ts';

const MB = 1e6;

type Bindings = Awaited<ReturnType<typeof nodeBindings>>;
interface Instance {
  conn: ReturnType<Bindings['bindings']['connect']>;
  bindings: Bindings['bindings'];
  duckdb: Bindings['duckdb'];
  wasmBytes: () => number;
}

async function open(): Promise<Instance> {
  const { duckdb, bindings } = await nodeBindings();
  const mod = (bindings as unknown as { mod: { HEAPU8: Uint8Array } }).mod;
  return { conn: bindings.connect(), bindings, duckdb, wasmBytes: () => mod.HEAPU8.buffer.byteLength };
}

/** The anchor: DuckDB-WASM's read_csv alone into ten text columns (scripts/bench/anchor-page.ts). */
async function anchor(file: string): Promise<void> {
  const { conn, bindings, duckdb, wasmBytes } = await open();
  const t = performance.now();
  bindings.registerFileURL('export.csv', file, duckdb.DuckDBDataProtocol.NODE_FS, true);
  const columns = EXPORT_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  conn.query(`CREATE TABLE sessions AS SELECT * FROM read_csv('export.csv', auto_detect = false,
    header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}},
    ignore_errors = true, strict_mode = true, store_rejects = true)`);
  const s = (performance.now() - t) / 1000;
  console.log(`anchor read_csv ${s.toFixed(2)} s, wasm ${(wasmBytes() / MB).toFixed(0)} MB`);
  conn.close();
  bindings.reset();
}

async function profile(files: readonly string[], report: boolean): Promise<void> {
  const { conn, bindings, duckdb, wasmBytes } = await open();
  conn.query(compactStorageSql());
  const memory = () => Number(arrowToRows<{ bytes: number }>(conn.query(duckdbMemorySql()))[0]!.bytes);
  const run = (sql: string) => {
    const t = performance.now();
    const before = wasmBytes();
    const result = conn.query(sql);
    const s = (performance.now() - t) / 1000;
    const after = wasmBytes();
    const grew = after > before ? ` +${((after - before) / MB).toFixed(0)}` : '';
    if (s > 0.05 || grew)
      console.log(
        `${s.toFixed(2).padStart(6)} s  wasm ${(after / MB).toFixed(0).padStart(5)} MB${grew.padEnd(6)}  duckdb ${(memory() / MB).toFixed(0).padStart(5)} MB  ${sql.replace(/\s+/g, ' ').slice(0, 90)}`,
      );
    return result;
  };
  const db: Database = {
    async query<T extends Row>(sql: string) {
      return arrowToRows<T>(run(sql));
    },
    async queryColumns(sql: string) {
      return arrowColumns(run(sql));
    },
    async insertArrow(table: string, data: Table, create = false) {
      conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
    },
    async registerFile(name: string, f: { blob?: Blob; path?: string }) {
      bindings.registerFileURL(name, f.path!, duckdb.DuckDBDataProtocol.NODE_FS, true);
      return name;
    },
    async dropFile(name: string) {
      bindings.dropFile(name);
    },
    async close() {
      conn.close();
      bindings.reset();
    },
  };
  const t = performance.now();
  const reports = await loadFiles(db, await Promise.all(files.map(pathSource)));
  const s = (performance.now() - t) / 1000;
  console.log(`load ${s.toFixed(2)} s, ${reports.map((r) => JSON.stringify(r.counts)).join(' ')}`);
  for (const m of performance.getEntriesByType('measure'))
    if (m.name.startsWith('ingest: ')) console.log(`  ${m.name} ${(m.duration / 1000).toFixed(2)} s`);
  console.log(`wasm high-water ${(wasmBytes() / MB).toFixed(0)} MB, duckdb now ${(memory() / MB).toFixed(0)} MB`);
  if (report) {
    const r = performance.now();
    await buildReport(db, { zone: 'Europe/Berlin' });
    console.log(
      `report ${((performance.now() - r) / 1000).toFixed(2)} s, wasm high-water ${(wasmBytes() / MB).toFixed(0)} MB`,
    );
  }
  await db.close();
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) throw new Error('usage: load-profile.ts [--no-anchor] [--report] FILE...');
if (!args.includes('--no-anchor')) await anchor(files[0]!);
await profile(files, args.includes('--report'));
