/**
 * Browser back end: AsyncDuckDB in its own worker. The WASM and worker files are
 * self-hosted: Vite's `?url` imports emit them into our build, so the page never
 * reaches a CDN. This module is imported lazily (see components/useDatabase.ts),
 * so the first paint does not wait for DuckDB's JavaScript, and the 30+ MB of
 * WASM is fetched only when the database is first opened.
 */
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { tableToIPC, type Table } from 'apache-arrow';
import { arrowColumns, arrowToRows, type Database, type Row } from './database.ts';
import { compactStorageSql } from '../sql/schema.ts';

export async function openBrowserDatabase(): Promise<Database> {
  const duckdb = await import('@duckdb/duckdb-wasm');
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
    eh: { mainModule: ehModule, mainWorker: ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  await conn.query(compactStorageSql());

  /** Sends `sql` and reads it to its end; an abort cancels it inside DuckDB's worker. */
  async function runSent(sql: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    // Sent, not queried: DuckDB's worker then runs it in slices between messages, so a cancel gets in.
    const cancel = () => void conn.cancelSent().catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      for await (const batch of await conn.send(sql)) void batch;
    } catch (e) {
      signal?.throwIfAborted();
      throw e;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    signal?.throwIfAborted();
  }
  // A sent statement (run) stays the connection's pending query while DuckDB's worker runs it in slices;
  // another query on the connection meanwhile would close it. Everything else waits for it to end.
  let sent: Promise<unknown> = Promise.resolve();
  return {
    async query<T extends Row>(sql: string) {
      await sent;
      return arrowToRows<T>(await conn.query(sql));
    },
    async queryColumns(sql: string) {
      await sent;
      return arrowColumns(await conn.query(sql));
    },
    run(sql: string, signal?: AbortSignal) {
      const running = sent.then(() => runSent(sql, signal));
      sent = running.catch(() => undefined);
      return running;
    },
    async insertArrow(table: string, data: Table, create = false) {
      await sent;
      await conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
    },
    async registerFile(name: string, file: { blob?: Blob }) {
      if (!file.blob) throw new Error(`${name}: no bytes to register`);
      // Read in place by DuckDB's worker, through a FileReader there: the bytes never enter the page's heap.
      await db.registerFileHandle(name, file.blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      return name;
    },
    async dropFile(name: string) {
      await db.dropFile(name);
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
