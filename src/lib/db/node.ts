/**
 * Node back end: the blocking DuckDB-WASM build, the same engine and SQL as the
 * page. Used by the tests and the CLI.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { arrowColumns, arrowToRows, type Database, type Row } from './database.ts';
import { compactStorageSql } from '../sql/schema.ts';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);

/** DuckDB-WASM's blocking Node build, instantiated: the module, and the bindings to connect to. */
export async function nodeBindings() {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as Blocking;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bindings = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await bindings.instantiate();
  return { duckdb, bindings };
}

export async function openNodeDatabase(): Promise<Database> {
  const { duckdb, bindings } = await nodeBindings();
  const conn = bindings.connect();
  conn.query(compactStorageSql());
  return {
    async query<T extends Row>(sql: string) {
      return arrowToRows<T>(conn.query(sql));
    },
    async queryColumns(sql: string) {
      return arrowColumns(conn.query(sql));
    },
    async insertArrow(table: string, data: Table, create = false) {
      conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
    },
    async registerFile(name: string, file: { blob?: Blob; path?: string }) {
      if (file.path !== undefined) bindings.registerFileURL(name, file.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      else if (file.blob) bindings.registerFileBuffer(name, new Uint8Array(await file.blob.arrayBuffer()));
      else throw new Error(`${name}: no bytes to register`);
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
}
