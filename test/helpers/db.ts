/** The real DuckDB-WASM (Node blocking build) for tests: no mocks of the database. */
import { openNodeDatabase } from '../../src/lib/db/node.ts';
import type { Database } from '../../src/lib/db/database.ts';

export async function freshDatabase(): Promise<Database> {
  return openNodeDatabase();
}
