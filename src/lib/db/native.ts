/**
 * A third back end, for the CLI on data too large for WebAssembly: native
 * DuckDB (@duckdb/node-api) behind the same `Database` interface, running the
 * same SQL and our own ingest. DuckDB-WASM is a 32-bit build and cannot hold
 * more than about 3 GiB, a year of 5M sessions; native DuckDB can, and uses
 * every core. Node only; imported on demand (`--engine native`).
 */
import {
  DuckDBBigIntType,
  DuckDBDataChunk,
  DuckDBDoubleType,
  DuckDBInstance,
  DuckDBIntegerType,
  DuckDBVarCharType,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { DataType, type Table, type Vector } from 'apache-arrow';
import { plainValue, utf8Column, type Database, type Row } from './database.ts';

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

interface Column {
  sql: string;
  type: DuckDBType;
  values: (vector: Vector) => DuckDBValue[];
}

function columnOf(type: DataType): Column {
  if (DataType.isUtf8(type)) return { sql: 'VARCHAR', type: DuckDBVarCharType.instance, values: utf8Column };
  if (DataType.isInt(type) && type.bitWidth === 64) {
    return {
      sql: 'BIGINT',
      type: DuckDBBigIntType.instance,
      values: (v) => Array.from(v, (x) => (x === null ? null : BigInt(x as bigint))),
    };
  }
  if (DataType.isInt(type))
    return {
      sql: 'INTEGER',
      type: DuckDBIntegerType.instance,
      values: (v) => Array.from(v, (x) => (x === null ? null : Number(x))),
    };
  if (DataType.isFloat(type))
    return {
      sql: 'DOUBLE',
      type: DuckDBDoubleType.instance,
      values: (v) => Array.from(v, (x) => (x === null ? null : Number(x))),
    };
  throw new Error(`no DuckDB type for Arrow ${type}`);
}

export async function openNativeDatabase(options: { threads?: number } = {}): Promise<Database> {
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const connection = await instance.connect();
  const db: Database = {
    async query<T extends Row>(sql: string): Promise<T[]> {
      const statements = await connection.extractStatements(sql);
      let rows: Record<string, unknown>[] = [];
      for (let i = 0; i < statements.count; i++) {
        const reader = await (await statements.prepare(i)).runAndReadAll();
        rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      }
      return rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : plainValue(v)])),
      ) as T[];
    },
    /** Column by column into data chunks of DuckDB's vector size, through the appender. */
    async insertArrow(table: string, data: Table, create = false) {
      const fields = data.schema.fields;
      const columns = fields.map((f) => columnOf(f.type));
      if (create)
        await db.query(
          `CREATE TABLE ${table} (${fields.map((f, i) => `"${f.name.replace(/"/g, '""')}" ${columns[i]!.sql}`).join(', ')})`,
        );
      if (data.numRows === 0) return;
      const values = columns.map((c, i) => c.values(data.getChildAt(i)!));
      const appender = await connection.createAppender(table);
      try {
        for (let start = 0; start < data.numRows; start += CHUNK_ROWS) {
          const end = Math.min(start + CHUNK_ROWS, data.numRows);
          const chunk = DuckDBDataChunk.create(
            columns.map((c) => c.type),
            end - start,
          );
          chunk.setColumns(values.map((v) => v.slice(start, end)));
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    },
    /** Native DuckDB reads a path itself; a Blob without one goes through our reader. */
    registerFile: async (name: string, file: { path?: string }) => {
      if (file.path === undefined) throw new Error(`${name}: native DuckDB reads files by path`);
      return file.path;
    },
    dropFile: async () => undefined,
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return db;
}
