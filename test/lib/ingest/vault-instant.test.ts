/**
 * The fast path of the DuckDB reader's rules (read-sql.ts vaultInstant): the
 * vault's own form is read by a cast, every other text left to the general
 * pattern. The verdicts are held to our reader's by duckdb-read.test.ts, which
 * would pass with no fast path at all; this shows the fast path is taken.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { vaultInstant } from '../../../src/lib/ingest/read-sql.ts';
import { sqlString } from '../../../src/lib/sql/literal.ts';
import { freshDatabase } from '../../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const read = async (texts: string[]) => {
  const values = texts.map((t, i) => `(${i}, ${sqlString(t)})`).join(', ');
  const rows = await db.query<{ us: number | null }>(
    `SELECT ${vaultInstant('v')} AS us FROM (VALUES ${values}) t(i, v) ORDER BY i`,
  );
  return rows.map((r) => (r.us === null ? null : Number(r.us)));
};

test('the vault’s own form is read by the cast, to the microsecond', async () => {
  const texts = [
    '2026-03-02T08:00:00Z',
    '2026-03-02T08:00:00.123Z',
    '1990-01-01T00:00:00Z',
    '2099-12-31T23:59:59.999Z',
  ];
  expect(await read(texts)).toEqual(texts.map((t) => Date.parse(t) * 1000));
});

test('every other text, and a day that does not exist, is left to the general pattern', async () => {
  const others = [
    '2026-04-30T24:00:00Z',
    '2026-02-29T10:00:00Z',
    '2026-04-31T00:00:00Z',
    '1989-12-31T23:59:59Z',
    '2100-01-01T00:00:00Z',
    '2026-03-02T08:00:00.12Z',
    '2026-03-02t08:00:00Z',
    '2026-03-02T08:00:00z',
    '2026-03-02T08:00:00',
    '2026-03-02T08:00:00+00:00',
    ' 2026-03-02T08:00:00Z',
  ];
  expect(await read(others)).toEqual(others.map(() => null));
});
