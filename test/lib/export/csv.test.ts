/**
 * The CSV files vaultlens writes: RFC 4180 quoting with CRLF rows, and no
 * cell read from a user's file turned into a formula (= + - @ tab CR get a
 * quote mark), so an export opened in a spreadsheet runs nothing. A period
 * written in the vault's own columns loads back (real DuckDB-WASM) with every
 * row accepted and every value as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXPORT_COLUMNS, type ExportColumn } from '../../../src/lib/columns.ts';
import type { Database } from '../../../src/lib/db/database.ts';
import { toCsv } from '../../../src/lib/export/csv.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { freshDatabase } from '../../helpers/db.ts';

describe('toCsv', () => {
  test('a header of the columns in the given order, CRLF between rows, a missing value empty', () => {
    const rows = [
      { file: 'a.csv', line: 2, reason: 'bad-time' },
      { file: 'b.csv', line: 10, reason: undefined },
    ];
    expect(toCsv(rows, ['line', 'file', 'reason'])).toBe('line,file,reason\r\n2,a.csv,bad-time\r\n10,b.csv,');
  });

  test('commas, quotes, line breaks and edge spaces are quoted, quotes doubled', () => {
    const rows = [{ v: 'Doe, Jane' }, { v: 'say "hi"' }, { v: 'two\nlines' }, { v: ' padded ' }, { v: 'plain' }];
    expect(toCsv(rows, ['v']).split('\r\n')).toEqual([
      'v',
      '"Doe, Jane"',
      '"say ""hi"""',
      '"two\nlines"',
      '" padded "',
      'plain',
    ]);
  });

  test.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('the cell %j is written %s: text, not a formula', (value, written) => {
    expect(toCsv([{ v: value }], ['v'])).toBe(`v\r\n${written}`);
  });

  test('numbers stay numbers (a negative line number is no formula); = inside a cell is left alone', () => {
    expect(toCsv([{ a: -5, b: 'a=b', c: 'x@example.com' }], ['a', 'b', 'c'])).toBe('a,b,c\r\n-5,a=b,x@example.com');
  });
});

describe('a period in the vault’s own columns, loaded back', () => {
  type Row = Record<ExportColumn, string>;
  const row = (over: Partial<Row>): Row => ({
    allocation_id: 'a1',
    allocated_license: 'GoLand',
    user_product: 'GoLand',
    username: 'ann',
    user_email: 'ann@example.com',
    user_ip: '10.0.0.1',
    user_hostname: 'ann-pc',
    external_id: 'e1',
    used_from: '2026-03-02T08:00:00Z',
    used_to: '2026-03-02T12:00:00Z',
    ...over,
  });
  const rows = [
    row({}),
    row({ allocation_id: 'a2', username: 'Doe, Jane', user_hostname: 'desk "7"\nsecond floor', used_to: '' }),
    row({ allocation_id: 'a3', username: '=cmd|/c calc', user_hostname: '@evil', external_id: '-1+2' }),
  ];
  let db: Database;
  let loaded: Awaited<ReturnType<typeof loadFiles>>;
  beforeAll(async () => {
    db = await freshDatabase();
    loaded = await loadFiles(db, [memorySource('export.csv', toCsv(rows, EXPORT_COLUMNS))]);
  });
  afterAll(async () => db?.close());

  test('the header is the vault’s export header', () => {
    expect(toCsv(rows, EXPORT_COLUMNS).split('\r\n')[0]).toBe(
      'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to',
    );
  });

  test('every row is accepted: none rejected, none taken for a duplicate', () => {
    expect(
      loaded.map((f) => [f.status, f.counts.rowsRead, f.counts.accepted, f.counts.rejected, f.counts.duplicates]),
    ).toEqual([['loaded', 3, 3, 0, 0]]);
  });

  test('every value as written; the formula cells keep their quote mark, so they stay text', async () => {
    const back = await db.query<Record<string, unknown>>(
      `SELECT allocation_id, username, user_hostname, external_id,
              epoch_ms(used_from) AS used_from, epoch_ms(used_to) AS used_to
       FROM sessions ORDER BY allocation_id`,
    );
    expect(back).toEqual([
      {
        allocation_id: 'a1',
        username: 'ann',
        user_hostname: 'ann-pc',
        external_id: 'e1',
        used_from: Date.parse('2026-03-02T08:00:00Z'),
        used_to: Date.parse('2026-03-02T12:00:00Z'),
      },
      {
        allocation_id: 'a2',
        username: 'Doe, Jane',
        user_hostname: 'desk "7"\nsecond floor',
        external_id: 'e1',
        used_from: Date.parse('2026-03-02T08:00:00Z'),
        used_to: null, // still running
      },
      {
        allocation_id: 'a3',
        username: "'=cmd|/c calc",
        user_hostname: "'@evil",
        external_id: "'-1+2",
        used_from: Date.parse('2026-03-02T08:00:00Z'),
        used_to: Date.parse('2026-03-02T12:00:00Z'),
      },
    ]);
  });
});
