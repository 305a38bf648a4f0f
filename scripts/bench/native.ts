/**
 * Native DuckDB (@duckdb/node-api) behind our `Database` interface, so the
 * report runs the very SQL builders of src/lib/sql through the very code that
 * calls them (gatherReportFacts), on the machine's native engine: the
 * reference for how fast this work can be done here.
 *
 * Loading: DuckDB's own CSV reader fills the `staged` table of our schema
 * (sql/schema.ts), then our merge (mergeStagedSql) makes sessions of it,
 * duplicates removed, as the page does. Native has no per-row validation,
 * rejects or line-exact raw text: its load is a reference, not a replacement.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataType, type Table } from 'apache-arrow';
import { plainValue, type Database, type Row } from '../../src/lib/db/database.ts';
import { clearStagedSql, insertFileSql, mergeStagedSql } from '../../src/lib/sql/ingest.ts';
import { sqlString } from '../../src/lib/sql/literal.ts';
import { createSchemaSql } from '../../src/lib/sql/schema.ts';

function duckType(type: DataType): string {
  if (DataType.isUtf8(type)) return 'VARCHAR';
  if (DataType.isInt(type)) return type.bitWidth === 64 ? 'BIGINT' : 'INTEGER';
  if (DataType.isFloat(type)) return 'DOUBLE';
  throw new Error(`no DuckDB type for Arrow ${type}`);
}

export async function openNativeDatabase(threads?: number): Promise<Database & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const connection = await instance.connect();
  const db = {
    connection,
    async query<T extends Row>(sql: string): Promise<T[]> {
      const statements = await connection.extractStatements(sql);
      let rows: Record<string, unknown>[] = [];
      for (let i = 0; i < statements.count; i++) {
        const reader = await (await statements.prepare(i)).runAndReadAll();
        rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      }
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : plainValue(v)]))) as T[];
    },
    /** Through DuckDB's appender, row by row: the report's scratch tables are small (items, buckets). */
    async insertArrow(table: string, data: Table, create = false) {
      const fields = data.schema.fields;
      if (create) await db.query(`CREATE TABLE ${table} (${fields.map((f) => `"${f.name}" ${duckType(f.type)}`).join(', ')})`);
      if (data.numRows === 0) return;
      const columns = fields.map((_, i) => data.getChildAt(i)!);
      const appender = await connection.createAppender(table);
      for (let r = 0; r < data.numRows; r++) {
        for (const [i, c] of columns.entries()) {
          const v = c.get(r) as unknown;
          const type = fields[i]!.type;
          if (v === null || v === undefined) appender.appendNull();
          else if (DataType.isUtf8(type)) appender.appendVarchar(v as string);
          else if (DataType.isInt(type) && type.bitWidth === 64) appender.appendBigInt(BigInt(v as bigint));
          else if (DataType.isInt(type)) appender.appendInteger(v as number);
          else appender.appendDouble(v as number);
        }
        appender.endRow();
      }
      appender.closeSync();
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** Loads export CSVs (comma, header) with DuckDB's reader into `sessions`, through `staged` and our merge. */
export async function loadNative(db: Database, paths: readonly string[]): Promise<number> {
  await db.query(createSchemaSql());
  let accepted = 0;
  for (const [i, path] of paths.entries()) {
    const fileId = i + 1;
    await db.query(clearStagedSql());
    await db.query(`INSERT INTO staged
SELECT ${fileId}, CAST(row_number() OVER () + 1 AS INTEGER), allocation_id, allocated_license, user_product, username,
       nullif(user_email, 'unknown'), user_ip, user_hostname, external_id,
       epoch_us(CAST(used_from AS TIMESTAMP)) / 1000.0, epoch_us(CAST(used_to AS TIMESTAMP)) / 1000.0, NULL
FROM read_csv(${sqlString(path)}, header = true, all_varchar = true)
-- the page rejects these (DOMAIN.md §2.1); so must the reference
WHERE used_to IS NULL OR CAST(used_to AS TIMESTAMP) >= CAST(used_from AS TIMESTAMP)`);
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM staged')) as [{ n: number }];
    const [{ Count: inserted }] = (await db.query<{ Count: number }>(mergeStagedSql('allocations'))) as [{ Count: number }];
    await db.query(clearStagedSql());
    await db.query(
      insertFileSql({ fileId, name: path, kind: 'allocations', bytes: 0, encoding: 'utf-8', delimiter: ',', rowsRead: n, accepted: inserted, rejected: 0, duplicates: n - inserted, blankLines: 0, naiveTimestamps: 0 }),
    );
    accepted += inserted;
  }
  return accepted;
}
