/**
 * Arrow vectors made from their buffers (no evaluated code, for the page's
 * policy) hold what they were given: through real DuckDB-WASM and back,
 * numbers, 64-bit instants, nulls and multi-byte text are unchanged.
 */
import { Table } from 'apache-arrow';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { float64Vector, int32Vector, int64Vector, utf8Vector } from '../../src/lib/arrow-vectors.ts';
import type { Database } from '../../src/lib/db/database.ts';
import { freshDatabase } from '../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

test('every column type the page hands DuckDB comes back as it went in', async () => {
  const texts = ['GoLand', null, '', 'Ünïcødé ✓ 😀', 'a,"b"\nc', null, 'x'.repeat(1000), '*', 'z'];
  const n = texts.length;
  const ints = Array.from({ length: n }, (_, i) => (i - 4) * 1_000_003);
  const longs = Array.from({ length: n }, (_, i) => BigInt(Date.UTC(2026, 0, i + 1)) * 1000n);
  const floats = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i / 7));
  await db.insertArrow(
    'vectors',
    new Table({
      i: int32Vector(ints),
      l: int64Vector(longs),
      f: float64Vector(floats),
      t: utf8Vector(texts),
      k: int32Vector(ints.map((_, i) => i)),
    }),
    true,
  );
  const back = await db.query<{ i: number; l: number; f: number | null; t: string | null }>(
    'SELECT i, CAST(l AS DOUBLE) AS l, f, t FROM vectors ORDER BY k',
  );
  expect(back).toEqual(texts.map((t, i) => ({ i: ints[i], l: Number(longs[i]), f: floats[i], t })));
});
