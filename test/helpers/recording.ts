/**
 * The database as it is, with the text of every query it is asked kept: what
 * tells a test whether a report swept in SQL or read what the page keeps.
 */
import type { Database } from '../../src/lib/db/database.ts';

export function recording(db: Database): Database & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    query: (sql) => (asked.push(sql), db.query(sql)),
    insertArrow: (table, data, create) => db.insertArrow(table, data, create),
    close: () => db.close(),
  };
}

/** A sweep in SQL (createSegmentsSql's running sum) among the queries asked. */
export const sweptInSql = (asked: readonly string[]) => asked.some((q) => /\bWINDOW w AS\b/.test(q));
