/**
 * Ingest against the real DuckDB-WASM: every dialect of docs/DOMAIN.md §2.1, every
 * reject reason, duplicates across files, and read = accepted + rejected +
 * duplicates, per file and in the database.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles, type FileReport } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { ingestSummarySql, type IngestSummary } from '../../../src/lib/sql/summary.ts';
import { freshDatabase } from '../../helpers/db.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const ROW =
  'a1,All Products Pack,PyCharm,alice,alice@example.com,10.0.0.1,alice-pc,e1,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());
beforeEach(async () => {
  await loadFiles(db, []); // creates the tables on first use
  await db.query(clearAllSql());
});

/** Loads in-memory files, in 7-byte chunks unless `chunkSize` says otherwise. */
async function load(
  files: Record<string, string | Uint8Array>,
  options: Parameters<typeof loadFiles>[2] = {},
  chunkSize = 7,
) {
  return loadFiles(
    db,
    Object.entries(files).map(([name, content]) => memorySource(name, content, chunkSize)),
    options,
  );
}

const sessions = () =>
  db.query<{
    allocation_id: string;
    username: string;
    user_email: string | null;
    used_from: number;
    used_to: number | null;
    line: number;
    extra: string | null;
  }>(
    'SELECT allocation_id, username, user_email, epoch_ms(used_from) AS used_from, epoch_ms(used_to) AS used_to, line, extra FROM sessions ORDER BY file_id, line',
  );
const rejects = () =>
  db.query<{ file_name: string; line: number; reason: string; message: string; raw: string }>(
    'SELECT * FROM rejects ORDER BY file_id, line',
  );
const summary = async () => (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;

function balanced(report: FileReport) {
  const c = report.counts;
  expect(c.rowsRead).toBe(c.accepted + c.rejected + c.duplicates);
}

describe('dialects', () => {
  const plain = `${HEADER}\n${ROW}\n`;
  const expectOneAlice = async (reports: FileReport[]) => {
    expect(reports.map((r) => r.status)).toEqual(['loaded']);
    expect(reports[0]!.counts).toMatchObject({ rowsRead: 1, accepted: 1, rejected: 0 });
    const [s] = await sessions();
    expect(s).toMatchObject({
      allocation_id: 'a1',
      username: 'alice',
      used_from: Date.UTC(2026, 2, 2, 8),
      used_to: Date.UTC(2026, 2, 2, 12),
    });
  };

  test('plain comma-separated LF', async () => expectOneAlice(await load({ 'a.csv': plain })));
  test('UTF-8 byte-order mark and CRLF', async () =>
    expectOneAlice(await load({ 'a.csv': `\uFEFF${plain.replace(/\n/g, '\r\n')}` })));
  test('semicolons', async () => expectOneAlice(await load({ 'a.csv': plain.replace(/,/g, ';') })));
  test('tabs', async () => expectOneAlice(await load({ 'a.tsv': plain.replace(/,/g, '\t') })));
  test('an Excel sep= line', async () => expectOneAlice(await load({ 'a.csv': `sep=;\n${plain.replace(/,/g, ';')}` })));
  test('header names in any case, with spaces around them', async () =>
    expectOneAlice(
      await load({
        'a.csv': `${HEADER.split(',')
          .map((h) => ` ${h.toUpperCase()} `)
          .join(',')}\n${ROW}\n`,
      }),
    ));
  test('columns in another order', async () => {
    const names = HEADER.split(',');
    const values = ROW.split(',');
    const order = [9, 3, 0, 8, 1, 2, 4, 5, 6, 7];
    await expectOneAlice(
      await load({ 'a.csv': `${order.map((i) => names[i]).join(',')}\n${order.map((i) => values[i]).join(',')}\n` }),
    );
  });
  test('extra columns are kept with the row but not used', async () => {
    const [r] = await load({ 'a.csv': `${HEADER},department\n${ROW},R&D\n` });
    expect(r!.notices.join(' ')).toContain('Extra columns kept but not used: department');
    expect(JSON.parse((await sessions())[0]!.extra!)).toEqual({ department: 'R&D' });
  });
  test('quoted fields with delimiters, quotes and newlines', async () => {
    const row = `a1,"All Products Pack","PyCharm, Professional",alice,alice@example.com,10.0.0.1,"alice's ""big""\nlaptop",e1,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z`;
    const [r] = await load({ 'a.csv': `${HEADER}\r\n${row}\r\n${ROW.replace('a1', 'a2')}\r\n` });
    expect(r!.counts).toMatchObject({ rowsRead: 2, accepted: 2 });
    const host = await db.query<{ h: string; p: string }>(
      'SELECT user_hostname AS h, user_product AS p FROM sessions ORDER BY line',
    );
    expect(host[0]).toEqual({ h: 'alice\'s "big"\nlaptop', p: 'PyCharm, Professional' });
    // The row after a two-line record starts on line 4.
    expect((await sessions()).map((s) => s.line)).toEqual([2, 4]);
  });
  test('UTF-16 with a byte-order mark (Excel "Unicode text")', async () => {
    const text = `\uFEFF${plain.replace(/,/g, '\t').replace('alice', 'alicé')}`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const [r] = await load({ 'a.txt': bytes });
    expect(r!.counts.accepted).toBe(1);
    expect((await sessions())[0]!.username).toBe('alicé');
  });
  /** `text` as UTF-16 code units, little- or big-endian, without a byte-order mark unless the text has one. */
  const utf16 = (text: string, order: 'le' | 'be') => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const [lo, hi] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
      bytes[2 * i] = order === 'le' ? lo : hi;
      bytes[2 * i + 1] = order === 'le' ? hi : lo;
    }
    return bytes;
  };
  test.each(['le', 'be'] as const)('UTF-16%s without a byte-order mark, known by its NUL bytes', async (order) => {
    const [r] = await load({ 'a.txt': utf16(plain.replace('alice', 'alicé'), order) });
    expect(r!.status, r!.message).toBe('loaded');
    expect(r!.counts).toMatchObject({ rowsRead: 1, accepted: 1 });
    expect((await sessions())[0]!.username).toBe('alicé');
  });
  test.each([
    ['with', '\uFEFF'],
    ['without', ''],
  ])('UTF-16 %s a byte-order mark and one odd byte at its end: only the last row is rejected', async (_, bom) => {
    const text = `${bom}${HEADER}\n${ROW}\n${ROW.replace('a1,', 'a2,')}`;
    const bytes = utf16(text, 'le');
    const odd = new Uint8Array(bytes.length + 1);
    odd.set(bytes);
    odd[bytes.length] = 0x41;
    const [r] = await load({ 'a.txt': odd });
    expect(r!.status, r!.message).toBe('loaded');
    expect(r!.counts).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
    expect(r!.notices[0]).toContain('not valid UTF-16');
    expect((await rejects()).map((x) => x.line)).toEqual([3]);
  });
  test('a file refused for its encoding says so', async () => {
    // UTF-32: NUL bytes, but in no UTF-16 pattern.
    const text = plain;
    const bytes = new Uint8Array(text.length * 4);
    for (let i = 0; i < text.length; i++) bytes[4 * i] = text.charCodeAt(i);
    const [r] = await load({ 'a.csv': bytes });
    expect(r!.status).toBe('wrong-shape');
    expect(r!.message).toMatch(/^a\.csv: .*encoding/);
    expect(r!.message).not.toContain('not a License Vault');
  });
  test('a file that is not UTF-8 is read as Windows-1252, with a notice', async () => {
    const text = `${HEADER}\n${ROW.replace('alice,', 'Jos\u00e9,')}\n`;
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0)); // Latin-1 bytes: é is 0xE9
    const [r] = await load({ 'a.csv': bytes });
    expect(r!.notices[0]).toContain('not valid UTF-8');
    expect(r!.counts).toMatchObject({ rowsRead: 1, accepted: 1 });
    expect((await sessions())[0]!.username).toBe('José');
  });
  test('blank lines, and rows of empty fields, are skipped and counted apart', async () => {
    const [r] = await load({ 'a.csv': `\n${HEADER}\n\n${ROW}\n,,,,,,,,,\n   \n` });
    expect(r!.counts).toMatchObject({ rowsRead: 1, accepted: 1, blankLines: 4 });
  });
  test('the last line without a line break', async () => expectOneAlice(await load({ 'a.csv': `${HEADER}\n${ROW}` })));
});

describe('timestamps', () => {
  const at = (from: string, to = '') => `${HEADER}\na1,L,P,u,,,,,${from},${to}\n`;
  test.each([
    ['2026-03-02T08:00:00Z', Date.UTC(2026, 2, 2, 8)],
    ['2026-03-02T09:00:00+01:00', Date.UTC(2026, 2, 2, 8)],
    ['2026-03-02T03:00:00-0500', Date.UTC(2026, 2, 2, 8)],
    ['2026-03-02 08:00:00.123Z', Date.UTC(2026, 2, 2, 8, 0, 0, 123)],
    ['2026-03-02T08:00Z', Date.UTC(2026, 2, 2, 8)],
  ])('%s', async (text, ms) => {
    await load({ 'a.csv': at(text) });
    expect((await sessions())[0]!.used_from).toBe(ms);
  });
  test('microseconds are kept', async () => {
    await load({ 'a.csv': at('2026-03-02T08:00:00.123456Z') });
    const [r] = await db.query<{ us: number }>('SELECT epoch_us(used_from) AS us FROM sessions');
    expect(r!.us).toBe(Date.UTC(2026, 2, 2, 8) * 1000 + 123456);
  });
  test('without an offset: read in the chosen source zone, counted, and told', async () => {
    const [r] = await load(
      { 'a.csv': at('2026-07-01T10:00:00', '2026-07-01T11:00:00') },
      { sourceZone: 'Europe/Berlin' },
    );
    expect((await sessions())[0]!.used_from).toBe(Date.UTC(2026, 6, 1, 8));
    expect(r!.counts.naiveTimestamps).toBe(2);
    expect(r!.notices).toContain('2 timestamps have no UTC offset and were read as Europe/Berlin time.');
  });
  test('without an offset and no zone chosen: UTC', async () => {
    await load({ 'a.csv': at('2026-07-01T10:00:00') });
    expect((await sessions())[0]!.used_from).toBe(Date.UTC(2026, 6, 1, 10));
  });
});

describe('values', () => {
  test('"unknown" e-mail is missing', async () => {
    await load({
      'a.csv': `${HEADER}\n${ROW.replace('alice@example.com', 'unknown')}\n${ROW.replace('alice@example.com', 'UNKNOWN').replace('a1', 'a2')}\n`,
    });
    expect((await sessions()).map((s) => s.user_email)).toEqual([null, null]);
  });
  test('an empty used_to is an open session', async () => {
    await load({ 'a.csv': `${HEADER}\n${ROW.replace(/,2026-03-02T12:00:00Z$/, ',')}\n` });
    expect((await sessions())[0]!.used_to).toBeNull();
    expect((await summary()).openSessions).toBe(1);
  });
  test('a file without the optional columns loads, with a notice', async () => {
    const [r] = await load({
      'a.csv': 'allocation_id,allocated_license,username,used_from,used_to\na1,L,u,2026-03-02T08:00:00Z,\n',
    });
    expect(r!.counts.accepted).toBe(1);
    expect(r!.notices.join(' ')).toContain('No user_product, user_email, user_ip, user_hostname, external_id column');
  });
});

describe('rejects', () => {
  test('every reason, with file, line, reason and raw text', async () => {
    const [r] = await load({ 'broken.csv': fixture('broken.csv') });
    balanced(r!);
    const got = (await rejects()).map((x) => [x.line, x.reason]);
    expect(got).toEqual([
      [3, 'missing_value'],
      [4, 'bad_timestamp'],
      [5, 'ends_before_start'],
      [6, 'field_count'],
      [7, 'unbalanced_quote'],
      [8, 'text_after_quote'],
      [9, 'bad_timestamp'],
    ]);
    const all = await rejects();
    expect(all.every((x) => x.file_name === 'broken.csv')).toBe(true);
    expect(all[0]!.message).toBe('allocation_id is empty');
    expect(all[1]!.message).toBe('used_from "yesterday" is not an ISO 8601 date and time');
    expect(all[3]!.message).toBe('has 6 fields; the header has 10 (is the line cut short?)');
    expect(all[3]!.raw).toBe('b5;IntelliJ IDEA Ultimate;IntelliJ IDEA Ultimate;hugo;hugo@example.com;10.9.0.5');
    expect(all[6]!.raw.startsWith('=HYPERLINK(')).toBe(true);
    expect(r!.counts).toMatchObject({ rowsRead: 9, accepted: 2, rejected: 7, duplicates: 0 });
  });
  test('the same rejects whatever the chunk size, down to one byte and up to the whole file', async () => {
    const seen: string[] = [];
    for (const size of [1, 7, 64, 1 << 20]) {
      await db.query(clearAllSql());
      await load({ 'broken.csv': fixture('broken.csv') }, {}, size);
      seen.push(JSON.stringify(await rejects()));
    }
    expect(new Set(seen).size).toBe(1);
    expect(JSON.parse(seen[0]!)).toHaveLength(7);
  });
  test('missing required values, each named', async () => {
    const rows = [
      ROW.replace('a1,', ','),
      ROW.replace('All Products Pack', ''),
      ROW.replace('alice,', ','),
      ROW.replace('2026-03-02T08:00:00Z', ''),
    ];
    await load({ 'a.csv': `${HEADER}\n${rows.join('\n')}\n` });
    expect((await rejects()).map((x) => x.message)).toEqual([
      'allocation_id is empty',
      'allocated_license is empty',
      'username is empty',
      'used_from is empty',
    ]);
  });
  test('a license item named “*”, the key of all items, is rejected, not merged into the total', async () => {
    const rows = [ROW.replace('All Products Pack', '*'), ROW.replace('a1', 'a2').replace('All Products Pack', ' * ')];
    const [r] = await load({ 'a.csv': `${HEADER}\n${ROW}\n${rows.join('\n')}\n` });
    expect(r!.counts).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
    balanced(r!);
    expect((await rejects()).map((x) => [x.line, x.reason, x.message])).toEqual([
      [3, 'reserved_license', 'allocated_license "*" is reserved for all items'],
      [4, 'reserved_license', 'allocated_license "*" is reserved for all items'],
    ]);
    expect(await db.query('SELECT DISTINCT allocated_license AS l FROM sessions')).toEqual([
      { l: 'All Products Pack' },
    ]);
  });
  test('too many fields is rejected, but trailing empty ones from spreadsheets are not', async () => {
    const [r] = await load({ 'a.csv': `${HEADER}\n${ROW},,\n${ROW.replace('a1', 'a2')},surprise\n` });
    expect(r!.counts).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
    expect((await rejects())[0]!.message).toBe('has 11 fields; the header has 10');
  });
});

describe('duplicates and accounting', () => {
  test('exact duplicates across overlapping files are kept once and counted', async () => {
    const a = `${HEADER}\n${ROW}\n${ROW.replace('a1', 'a2')}\n`;
    const b = `${HEADER}\n${ROW.replace('a1', 'a2')}\n${ROW.replace('a1', 'a3')}\n`;
    const reports = await load({ 'sep.csv': a, 'oct.csv': b });
    expect(reports.map((r) => r.counts)).toMatchObject([
      { rowsRead: 2, accepted: 2, duplicates: 0 },
      { rowsRead: 2, accepted: 1, duplicates: 1 },
    ]);
    expect((await sessions()).map((s) => s.allocation_id)).toEqual(['a1', 'a2', 'a3']);
  });
  test('merged in parts of a few rows, a file keeps the first of its duplicates and skips those loaded before', async () => {
    const row = (id: string) => ROW.replace('a1', id);
    const lines = ['a1', 'a2', 'a1', 'a3', 'a2', 'a4', 'a5', 'a1', 'a6', 'a0'].map(row);
    const whole = await load({ 'x.csv': `${HEADER}\n${row('a0')}\n`, 'y.csv': `${HEADER}\n${lines.join('\n')}\n` });
    const one = await sessions();
    await db.query(clearAllSql());
    for (const [reader, chunk] of [
      ['ours', 2],
      ['duckdb', 3],
    ] as const) {
      const chunked = await load(
        { 'x.csv': `${HEADER}\n${row('a0')}\n`, 'y.csv': `${HEADER}\n${lines.join('\n')}\n` },
        { reader, mergePartRows: chunk },
      );
      expect(chunked.map((r) => r.counts)).toEqual(whole.map((r) => r.counts));
      expect(chunked[1]!.counts).toMatchObject({ rowsRead: 10, accepted: 6, duplicates: 4 });
      expect(await sessions()).toEqual(one);
      await db.query(clearAllSql());
    }
  });
  test('missing values are equal to each other, and to nothing else, whoever reads the file', async () => {
    // An empty e-mail and `unknown` are both missing; an empty used_to is an open session.
    const open = ROW.replace('2026-03-02T12:00:00Z', '');
    const lines = [
      open.replace('alice@example.com', ''),
      open.replace('alice@example.com', 'unknown'),
      open,
      ROW.replace('alice@example.com', 'UNKNOWN'),
      ROW.replace('alice@example.com', ''),
      open.replace('alice@example.com', ''),
    ];
    const file = `${HEADER}\n${lines.join('\n')}\n`;
    for (const reader of ['ours', 'duckdb'] as const) {
      const [r] = await load({ 'nulls.csv': file }, { reader });
      expect(r!.counts).toMatchObject({ rowsRead: 6, accepted: 3, duplicates: 3 });
      expect((await sessions()).map((s) => s.line)).toEqual([2, 4, 5]);
      await db.query(clearAllSql());
    }
  });
  test('the first copy in line order is kept when DuckDB set one copy aside for our reader', async () => {
    // `ROW,,` has more fields than the header: DuckDB sets it aside, our reader accepts it as ROW.
    const other = ROW.replace('a1', 'a2');
    const cases = [
      {
        lines: [ROW, `${ROW},,`, other],
        kept: [
          ['a1', 2],
          ['a2', 4],
        ],
      },
      {
        lines: [`${ROW},,`, other, ROW],
        kept: [
          ['a1', 2],
          ['a2', 3],
        ],
      },
    ];
    for (const { lines, kept } of cases) {
      const [r] = await load({ 'aside.csv': `${HEADER}\n${lines.join('\n')}\n` }, { reader: 'duckdb' });
      expect(r).toMatchObject({ reader: 'duckdb', counts: { rowsRead: 3, accepted: 2, duplicates: 1 } });
      expect((await sessions()).map((s) => [s.allocation_id, s.line])).toEqual(kept);
      await db.query(clearAllSql());
    }
  });
  test('the same instant written differently is the same row', async () => {
    const a = `${HEADER}\n${ROW}\n`;
    const b = `${HEADER.split(',').join(';')}\n${ROW.split(',').join(';').replace('2026-03-02T08:00:00Z', '2026-03-02T09:00:00+01:00')}\n`;
    const reports = await load({ 'a.csv': a, 'b.csv': b });
    expect(reports[1]!.counts.duplicates).toBe(1);
  });
  test('rows that differ in any export column are not duplicates', async () => {
    const [r] = await load({ 'a.csv': `${HEADER}\n${ROW}\n${ROW.replace('10.0.0.1', '10.0.0.2')}\n` });
    expect(r!.counts).toMatchObject({ accepted: 2, duplicates: 0 });
  });
  test('loading more files adds to what is loaded; the summary adds up', async () => {
    await load({ 'a.csv': `${HEADER}\n${ROW}\n` });
    await load({ 'b.csv': fixture('broken.csv'), 'c.csv': `${HEADER}\n${ROW}\n${ROW.replace('a1', 'a9')}\n` });
    const s = await summary();
    expect(s).toMatchObject({ files: 3, rowsRead: 12, accepted: 4, rejected: 7, duplicates: 1 });
    expect(s.rowsRead).toBe(s.accepted + s.rejected + s.duplicates);
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM sessions')) as [{ n: number }];
    expect(n).toBe(s.accepted);
    expect((await rejects()).length).toBe(s.rejected);
  });
  test('the summary: time span, items, products, users, open sessions', async () => {
    await load({ 'basic.csv': fixture('basic.csv') });
    expect(await summary()).toMatchObject({
      files: 1,
      rowsRead: 4,
      accepted: 4,
      firstUse: Date.UTC(2026, 2, 2, 8),
      latest: Date.UTC(2026, 2, 3, 7, 15),
      licenseItems: 2,
      products: 3,
      users: 3,
      openSessions: 1,
    });
  });
});

describe('denials files', () => {
  const HEAD = 'denied_at,username,user_email,user_product,requested_license,reason,user_hostname,user_ip';
  const denials = () =>
    db.query<{ at: number; username: string; user_email: string | null; reason: string }>(
      'SELECT epoch_ms(denied_at) AS at, username, user_email, reason FROM denials ORDER BY file_id, line',
    );

  test('recognised by their header, loaded with the same accounting, reasons as codes or the vault’s phrases', async () => {
    const text = [
      HEAD,
      '2026-10-01T09:00:00Z,alice,unknown,PyCharm,PyCharm Professional,no_available_licenses,a-pc,10.0.0.1',
      '2026-10-01T09:05:00+02:00,bob,bob@example.com,GoLand,GoLand,"When the user requested a license, all licenses were already in use.",b-pc,10.0.0.2',
      "2026-10-01T09:10:00Z,carol,,IntelliJ IDEA Ultimate,,Access rules don't allow this user to get a license for this specific product.,c-pc,",
      '2026-10-01T09:15:00Z,dave,,Rider,dotUltimate,The user is not a part of the IDE Authorized user group,d-pc,',
      '2026-10-01T09:20:00Z,erin,,Rider,dotUltimate,ACCESS-RULE,e-pc,',
      '2026-10-01T09:25:00Z,frank,,Rider,dotUltimate,cosmic rays,f-pc,',
      ',gina,,Rider,dotUltimate,access_rule,g-pc,',
      '2026-10-01T09:00:00Z,alice,unknown,PyCharm,PyCharm Professional,no_available_licenses,a-pc,10.0.0.1',
    ].join('\n');
    const [r] = await load({ 'denials.csv': text });
    expect(r).toMatchObject({ status: 'loaded', kind: 'denials' });
    expect(r!.counts).toMatchObject({ rowsRead: 8, accepted: 5, rejected: 2, duplicates: 1 });
    balanced(r!);
    expect((await denials()).map((d) => [d.username, d.reason])).toEqual([
      ['alice', 'no_available_licenses'],
      ['bob', 'no_available_licenses'],
      ['carol', 'access_rule'],
      ['dave', 'not_in_authorized_group'],
      ['erin', 'access_rule'],
    ]);
    expect((await denials())[0]!.user_email).toBeNull();
    expect((await denials())[1]!.at).toBe(Date.UTC(2026, 9, 1, 7, 5));
    expect((await rejects()).map((x) => [x.line, x.reason, x.message])).toEqual([
      [7, 'bad_reason', 'reason "cosmic rays" is none of no_available_licenses, access_rule, not_in_authorized_group'],
      [8, 'missing_value', 'denied_at is empty'],
    ]);
    const s = await summary();
    expect(s).toMatchObject({ files: 1, rowsRead: 8, accepted: 5, rejected: 2, duplicates: 1, denials: 5 });
  });

  test('a denial requesting the license item “*”, the key of all items, is rejected', async () => {
    const text = [
      HEAD,
      '2026-10-01T09:00:00Z,alice,,PyCharm,*,no_available_licenses,a-pc,',
      '2026-10-01T09:01:00Z,bob,,PyCharm,PyCharm Professional,no_available_licenses,b-pc,',
    ].join('\n');
    const [r] = await load({ 'denials.csv': text });
    expect(r!.counts).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
    balanced(r!);
    expect((await rejects()).map((x) => [x.line, x.reason, x.message])).toEqual([
      [2, 'reserved_license', 'requested_license "*" is reserved for all items'],
    ]);
    expect((await denials()).map((d) => d.username)).toEqual(['bob']);
  });

  test('a denial dated outside 1990–2099 is rejected as out of range', async () => {
    const text = [
      HEAD,
      '2300-01-01T09:00:00Z,alice,,PyCharm,,no_available_licenses,a-pc,',
      '0001-01-01T09:00:00Z,carol,,PyCharm,,no_available_licenses,c-pc,',
      '2026-10-01T09:01:00Z,bob,,PyCharm,,no_available_licenses,b-pc,',
    ].join('\n');
    const [r] = await load({ 'denials.csv': text });
    expect(r!.counts).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
    balanced(r!);
    expect((await rejects()).map((x) => [x.line, x.reason, x.message])).toEqual([
      [2, 'out_of_range', 'denied_at "2300-01-01T09:00:00Z" lies outside 1990–2099'],
      [3, 'out_of_range', 'denied_at "0001-01-01T09:00:00Z" lies outside 1990–2099'],
    ]);
    expect((await denials()).map((d) => d.username)).toEqual(['bob']);
  });

  test('next to allocation exports: each to its own table, one accounting', async () => {
    const reports = await load({
      'a.csv': `${HEADER}\n${ROW}\n`,
      'd.csv': `${HEAD}\n2026-10-01T09:00:00Z,alice,,PyCharm,,access_rule,,\n`,
    });
    expect(reports.map((r) => r.kind)).toEqual(['allocations', 'denials']);
    expect(await summary()).toMatchObject({ files: 2, rowsRead: 2, accepted: 2, denials: 1 });
    expect((await sessions()).length).toBe(1);
  });
});

describe('files that are not exports', () => {
  test('another shape: one message naming the expected columns; nothing loaded', async () => {
    const [r] = await load({ 'usage.csv': fixture('not-an-export.csv') });
    expect(r!.status).toBe('wrong-shape');
    expect(r!.message).toBe(
      'usage.csv: this is not a License Vault allocation export. Its header lacks allocation_id, allocated_license, username, used_from, used_to. ' +
        'Expected the columns allocation_id, allocated_license, user_product, username, user_email, user_ip, user_hostname, external_id, used_from, used_to (in any order, any case; extra columns are ignored), ' +
        'or for a denials file denied_at, username, user_email, user_product, requested_license, reason, user_hostname, user_ip.',
    );
    expect((await summary()).files).toBe(0);
  });
  test('an empty file', async () => {
    const [r] = await load({ 'empty.csv': '' });
    expect(r).toMatchObject({ status: 'wrong-shape', message: 'empty.csv: the file is empty.' });
  });
  test('a binary file', async () => {
    const bytes = new Uint8Array(3 << 20).map((_, i) => (i * 7919) % 251);
    const [r] = await load({ 'photo.jpg': bytes });
    expect(r!.status).toBe('wrong-shape');
  });
});

describe('cancellation', () => {
  test('a cancelled load keeps nothing of the file in progress and stops', async () => {
    const controller = new AbortController();
    const big = `${HEADER}\n${Array.from({ length: 20_000 }, (_, i) => ROW.replace('a1', `x${i}`)).join('\n')}\n`;
    const reports = await load(
      { 'first.csv': `${HEADER}\n${ROW}\n`, 'big.csv': big, 'never.csv': `${HEADER}\n${ROW}\n` },
      {
        signal: controller.signal,
        batchRows: 1000,
        onProgress: (p) => {
          if (p.file === 'big.csv' && p.rowsRead > 5000) controller.abort();
        },
      },
    );
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'cancelled']);
    expect(reports[1]!.message).toBe('big.csv: loading was cancelled; nothing of it was kept.');
    expect(await summary()).toMatchObject({ files: 1, accepted: 1 });
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM staged')) as [{ n: number }];
    expect(n).toBe(0);
  });

  // The DuckDB path's own tables (csv_*, merge_*) go with a cancel at any of its steps, and the file with them.
  test.each([
    ['the read', 'csv_checked AS'],
    ['the hashes seen twice', 'INSERT INTO merge_twice'],
    ['the comparison of copies', 'INSERT INTO merge_drop'],
  ])('a load by DuckDB’s reader cancelled during %s leaves none of its tables behind', async (_, sent) => {
    const controller = new AbortController();
    // A database that cancels the load when the step's statement is sent (the real DuckDB runs every statement).
    const cancelling: Database = Object.assign(Object.create(db) as Database, {
      query: <T extends Record<string, unknown>>(sql: string) => {
        if (sql.includes(sent)) controller.abort();
        return db.query<T>(sql);
      },
    });
    const row = (id: string) => ROW.replace('a1', id);
    const copies = `${HEADER}\n${['a1', 'a2', 'a1', 'a3', 'a2'].map(row).join('\n')}\n`;
    const reports = await loadFiles(cancelling, [memorySource('copies.csv', copies)], {
      reader: 'duckdb',
      mergePartRows: 2,
      signal: controller.signal,
    });
    expect(reports.map((r) => r.status)).toEqual(['cancelled']);
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'csv\\_%' ESCAPE '\\' OR table_name LIKE 'merge\\_%' ESCAPE '\\')
        + (SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'csv\\_%' ESCAPE '\\') AS n`,
    )) as [{ n: number }];
    expect(n).toBe(0);
    expect(await summary()).toMatchObject({ files: 0, accepted: 0 });
  });
});
