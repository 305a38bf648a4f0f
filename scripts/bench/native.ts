/**
 * Native DuckDB (@duckdb/node-api) behind our `Database` interface (the CLI's
 * `--engine native`, src/lib/db/native.ts), so the report runs the very SQL
 * builders of src/lib/sql through the very code that calls them
 * (gatherReportFacts), on the machine's native engine: the reference for how
 * fast this work can be done here.
 *
 * Loading: DuckDB's own CSV reader fills the `staged` table of our schema
 * (sql/schema.ts), then our merge (mergeStagedSql) makes sessions of it,
 * duplicates removed, as the page does. Native has no per-row validation,
 * rejects or line-exact raw text: its load is a reference, not a replacement.
 */
import type { Database } from '../../src/lib/db/database.ts';
import { openNativeDatabase as openNative } from '../../src/lib/db/native.ts';
import { clearStagedSql, dropMergeTablesSql, insertFileSql, mergeStagedSql } from '../../src/lib/sql/ingest.ts';
import { sqlString } from '../../src/lib/sql/literal.ts';
import { createSchemaSql } from '../../src/lib/sql/schema.ts';

/** Native DuckDB on all cores, or on `threads`: the CLI's `--engine native` back end (src/lib/db/native.ts). */
export function openNativeDatabase(threads?: number): Promise<Database> {
  return openNative(threads ? { threads } : {});
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
-- the page rejects these (docs/DOMAIN.md §2.1); so must the reference
WHERE used_to IS NULL OR CAST(used_to AS TIMESTAMP) >= CAST(used_from AS TIMESTAMP)`);
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM staged')) as [{ n: number }];
    const [{ Count: inserted }] = (await db.query<{ Count: number }>(mergeStagedSql('allocations'))) as [
      { Count: number },
    ];
    await db.query(`${clearStagedSql()};\n${dropMergeTablesSql()}`);
    await db.query(
      insertFileSql({
        fileId,
        name: path,
        kind: 'allocations',
        bytes: 0,
        encoding: 'utf-8',
        delimiter: ',',
        rowsRead: n,
        accepted: inserted,
        rejected: 0,
        duplicates: n - inserted,
        blankLines: 0,
        naiveTimestamps: 0,
      }),
    );
    accepted += inserted;
  }
  return accepted;
}
