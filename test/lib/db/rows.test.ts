/**
 * Query results become plain rows (arrowToRows): every row of a result that
 * spans many Arrow batches, nulls kept as null, BIGINT as numbers, text as
 * text, in order.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../helpers/db.ts';

describe('query rows', () => {
  it('reads every row of a result of many batches, nulls and all', async () => {
    const db = await freshDatabase();
    try {
      const n = 10_000;
      const rows = await db.query<{ i: number; v: number | null; s: string; d: number }>(
        `SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 2 END AS v, 'x' || i AS s, i / 4 AS d
         FROM range(${n}) t(i) ORDER BY i`,
      );
      expect(rows).toHaveLength(n);
      for (const [i, r] of rows.entries()) {
        expect(r).toEqual({ i, v: i % 3 === 0 ? null : i * 2, s: `x${i}`, d: i / 4 });
      }
    } finally {
      await db.close();
    }
  });
});
