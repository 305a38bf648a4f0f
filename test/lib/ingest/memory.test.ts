/**
 * The memory guard: past what the page can hold, a clear message that names
 * the CLI, before memory runs out; a load stopped by it keeps nothing of the
 * file in progress, and what was loaded before stays accounted for.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { checkBudget, duckdbMemorySql } from '../../../src/lib/ingest/memory.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { ingestSummarySql, type IngestSummary } from '../../../src/lib/sql/summary.ts';
import { freshDatabase } from '../../helpers/db.ts';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const rows = (n: number, prefix: string) =>
  [
    HEADER,
    ...Array.from(
      { length: n },
      (_, i) => `${prefix}${i},All Products Pack,PyCharm,u${i % 7},,,,,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z`,
    ),
  ].join('\n');

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

test('files within the budget pass; past it, one message with the sizes and the CLI, nothing loaded', () => {
  expect(checkBudget(0, [{ name: 'a.csv', size: 100 }], 1000)).toEqual({ ok: true });
  expect(checkBudget(900, [{ name: 'a.csv', size: 100 }], 1000)).toEqual({ ok: true });
  const one = checkBudget(0, [{ name: 'year.csv', size: 900e6 }], 600e6);
  expect(one.ok).toBe(false);
  if (one.ok) return;
  expect(one.message).toContain('year.csv (900 MB)');
  expect(one.message).toContain('about 600 MB');
  expect(one.message).toContain('nothing was loaded');
  expect(one.message).toContain('npm run report');
  const more = checkBudget(
    500e6,
    [
      { name: 'a.csv', size: 60e6 },
      { name: 'b.csv', size: 60e6 },
    ],
    600e6,
  );
  expect(more.ok).toBe(false);
  if (!more.ok) expect(more.message).toContain('These 2 files (120 MB on top of the 500 MB already loaded)');
});

test('the page takes the 5M-session year (860 MB) and refuses a 10M one (1.72 GB) with the CLI on native DuckDB', () => {
  expect(checkBudget(0, [{ name: 'year-5M.csv', size: 859_777_788 }])).toEqual({ ok: true });
  const ten = checkBudget(0, [{ name: 'year-10M.csv', size: 1_719_555_576 }]);
  expect(ten.ok).toBe(false);
  if (ten.ok) return;
  expect(ten.message).toContain('year-10M.csv (1,720 MB)');
  expect(ten.message).toContain('--engine native');
});

test('DuckDB tells the memory it holds', async () => {
  const [{ bytes }] = (await db.query<{ bytes: number }>(duckdbMemorySql())) as [{ bytes: number }];
  expect(typeof bytes).toBe('number');
  expect(bytes).toBeGreaterThanOrEqual(0);
});

test('a load that grows past the limit stops with the advice, keeps nothing of that file, and nothing is lost before it', async () => {
  const first = await loadFiles(db, [memorySource('first.csv', rows(10, 'f'))]);
  expect(first[0]!.status).toBe('loaded');
  // A limit of one byte: the first batch of the next file passes it.
  const reports = await loadFiles(
    db,
    [memorySource('big.csv', rows(500, 'b')), memorySource('after.csv', rows(5, 'x'))],
    { batchRows: 100, memoryLimit: 1 },
  );
  expect(reports).toHaveLength(1); // the next files are not started
  expect(reports[0]!.status).toBe('too-large');
  expect(reports[0]!.message).toMatch(/^big\.csv: loading was stopped before the browser ran out of memory/);
  expect(reports[0]!.message).toContain('npm run report');
  const summary = (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;
  expect(summary.files).toBe(1);
  expect(summary.rowsRead).toBe(10);
  expect(summary.accepted + summary.rejected + summary.duplicates).toBe(summary.rowsRead);
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM sessions')) as [{ n: number }];
  expect(n).toBe(10);
  const [{ s }] = (await db.query<{ s: number }>('SELECT count(*) AS s FROM staged')) as [{ s: number }];
  expect(s).toBe(0);
});
