/**
 * DuckDB's reader (ingest/duckdb-read.ts) against ours, the reference: on
 * random exports, in every dialect, with every kind of bad value and damaged
 * line, both give the same sessions, the same rejects (line, reason, message,
 * raw text) and the same counts. Run on the real DuckDB-WASM.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/lib/columns.ts';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles, type FileReport } from '../../../src/lib/ingest/load.ts';
import { MAX_CASE_SKIPS } from '../../../src/lib/ingest/read-sql.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadFiles(db, []);
});
afterAll(async () => db?.close());

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Times in the forms the vault and spreadsheets write, and some that are no times at all. */
const timeArb = fc.oneof(
  fc
    .record({
      day: fc.integer({ min: 0, max: 800 }),
      seconds: fc.integer({ min: 0, max: 86_399 }),
      form: pick(['Z', '.123Z', '', ' UTC', '+02:00', '-0530', '+05', '.1234567', ',5Z', ' +01:00', 'z']),
      sep: pick(['T', ' ', 't']),
    })
    .map(({ day, seconds, form, sep }) => {
      // Around the 2026 DST changes of Europe and America, where naive times are ambiguous or missing.
      const t = new Date(Date.UTC(2025, 9, 20) + day * 86_400_000 + seconds * 1000).toISOString();
      return `${t.slice(0, 10)}${sep}${t.slice(11, 19)}${form}`;
    }),
  pick([
    '2026-03-29T02:30:00',
    '2026-10-25T02:30:00',
    '2026-03-08T02:30',
    '2026-11-01T01:30:00',
    '2026-02-29T10:00:00Z',
    '2024-02-29T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-04-30T24:00:00Z',
    '2026-04-30T23:60:00Z',
    '2026-04-30T10:00:00+19:00',
    '2026-04-30T10:00:00+05:60',
    '0999-01-01T00:00:00Z',
    '0000-03-01T00:00:00Z',
    // The edges of the instants a file may carry (time/instant-range.ts), and far past them.
    '1989-12-31T23:59:59.999Z',
    '1990-01-01T00:00:00Z',
    '1990-01-01T00:30:00',
    '2099-12-31T23:59:59.999999Z',
    '2100-01-01T00:00:00Z',
    '2100-01-01T00:30:00+01:00',
    '2300-06-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0001-01-01T00:00:00Z',
    'yesterday',
    '2026-04-30',
    '',
    '  ',
  ]),
);

const valueArb = (values: readonly string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: pick(values) },
    { weight: 1, arbitrary: pick(['', ' ', '\u00a0', 'x, y', 'say "hi"', ' padded ', '\ufeffbom', 'é', '*', 'a|b']) },
  );

const rowArb = fc.record({
  allocation_id: valueArb(['a1', 'a2', 'a3']),
  allocated_license: valueArb(['All Products Pack', 'IntelliJ IDEA Ultimate', '*']),
  user_product: valueArb(['PyCharm', 'GoLand', '']),
  username: valueArb(['alice', 'bob', 'zoë']),
  user_email: valueArb(['alice@example.com', 'unknown', 'UNKNOWN', '']),
  user_ip: valueArb(['10.0.0.1', '']),
  user_hostname: valueArb(['alice-pc', 'build, agent']),
  external_id: valueArb(['e1', '']),
  used_from: timeArb,
  used_to: timeArb,
});

/** A line as a file might hold it: a row, or something that is not quite one. */
const lineArb = fc.oneof(
  { weight: 12, arbitrary: rowArb.map((r) => ({ kind: 'row' as const, row: r })) },
  {
    weight: 1,
    arbitrary: pick(['', '   ', ',,,,,,,,,', 'a9,short row', 'a9,"unclosed,x,y', 'a9,"ab"c,x', ' "lead" ,x']).map(
      (text) => ({ kind: 'text' as const, text }),
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'repeat' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'wide' as const }) },
);

const fileArb = fc.record({
  delimiter: pick([',', ';', '\t']),
  eol: pick(['\n', '\r\n']),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  order: fc.shuffledSubarray([...EXPORT_COLUMNS], { minLength: EXPORT_COLUMNS.length }),
  dropOptional: fc.boolean(),
  upper: fc.boolean(),
  lines: fc.array(lineArb, { minLength: 0, maxLength: 40 }),
  finalEol: fc.boolean(),
  zone: pick(['UTC', 'Europe/Berlin', 'America/New_York']),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function quote(v: string, delimiter: string, all: boolean): string {
  const needs = all || v.includes(delimiter) || v.includes('"') || /[\r\n]/.test(v);
  return needs ? `"${v.replace(/"/g, '""')}"` : v;
}

function serialize(f: FileSpec): string {
  const columns = f.dropOptional ? f.order.filter((c) => c !== 'external_id') : f.order;
  const header = columns.map((c) => (f.upper ? c.toUpperCase() : c)).join(f.delimiter);
  const out = [header];
  let last = '';
  for (const line of f.lines) {
    if (line.kind === 'text') out.push(line.text.replaceAll(',', f.delimiter));
    else if (line.kind === 'repeat') out.push(last);
    else if (line.kind === 'wide') out.push(last + f.delimiter + (last.length % 2 ? '' : ' x'));
    else {
      last = columns.map((c) => quote(line.row[c], f.delimiter, f.quoteAll)).join(f.delimiter);
      out.push(last);
    }
  }
  return (f.bom ? '\ufeff' : '') + out.join(f.eol) + (f.finalEol ? f.eol : '');
}

/** Everything a load leaves behind that the two readers must agree on. */
async function outcome(reports: FileReport[]) {
  const sessions = await db.query(
    `SELECT * EXCLUDE (file_id, used_from, used_to), CAST(used_from AS VARCHAR) AS from_text, CAST(used_to AS VARCHAR) AS to_text FROM sessions ORDER BY line`,
  );
  const rejects = await db.query('SELECT line, reason, message, raw FROM rejects ORDER BY line');
  const files = await db.query('SELECT * EXCLUDE (file_id) FROM files');
  return { reports: reports.map(({ reader: _, ...r }) => r), sessions, rejects, files };
}

async function loadWith(reader: 'ours' | 'duckdb', text: string, zone: string) {
  await db.query(clearAllSql());
  const reports = await loadFiles(db, [memorySource('f.csv', text)], { reader, sourceZone: zone });
  return { reader: reports[0]?.reader, outcome: await outcome(reports) };
}

test('DuckDB’s reader and ours give the same sessions, rejects and counts on random exports', async () => {
  let read = 0;
  await fc.assert(
    fc.asyncProperty(fileArb, async (f) => {
      const text = serialize(f);
      const ours = await loadWith('ours', text, f.zone);
      const duck = await loadWith('duckdb', text, f.zone);
      expect(duck.outcome, JSON.stringify(text)).toEqual(ours.outcome);
      if (duck.reader === 'duckdb') read++;
    }),
    { seed: 13, numRuns: 120 },
  );
  // Nearly all of these files are DuckDB's to read (only a record over several lines is not): the
  // property is not met by falling back. A CRLF quirk of DuckDB's rejects once sent them all back.
  expect(read).toBeGreaterThan(100);
}, 300_000);

test('a stray quote in a large file sends it to our reader, which gives up only that line', async () => {
  const rows = Array.from(
    { length: 200 },
    (_, i) => `a${i},Pack,PyCharm,u${i},,,,,2026-03-0${1 + (i % 9)}T08:00:00Z,2026-03-0${1 + (i % 9)}T09:00:00Z`,
  );
  rows[50] = 'a50,Pack,"PyCharm,u50,,,,,2026-03-01T08:00:00Z,';
  const text = [EXPORT_COLUMNS.join(','), ...rows].join('\n');
  const ours = await loadWith('ours', text, 'UTC');
  const duck = await loadWith('duckdb', text, 'UTC');
  expect(duck.reader).toBe('ours');
  expect(duck.outcome).toEqual(ours.outcome);
  expect(ours.outcome.rejects).toEqual([
    { line: 52, reason: 'unbalanced_quote', message: expect.any(String), raw: rows[50] },
  ]);
  expect(ours.outcome.sessions).toHaveLength(199);
});

/** Loads `text` with both readers: DuckDB's path must read it, and give what ours gives. */
async function expectSameAsOurs(text: string, zone: string) {
  const ours = await loadWith('ours', text, zone);
  const duck = await loadWith('duckdb', text, zone);
  expect(duck.reader).toBe('duckdb');
  expect(duck.outcome).toEqual(ours.outcome);
  return ours.outcome;
}

const HEADER = EXPORT_COLUMNS.join(',');
const row = (i: number, from = '2026-03-02T08:00:00Z', to = '2026-03-02T09:00:00Z') =>
  `a${i},Pack,PyCharm,u${i},,,,,${from},${to}`;
/** A line DuckDB sets aside (too few fields), for our reader to judge. */
const SHORT = 'a9,short row';
// Another zone than UTC first reads the days of the file's offset-less times, in a pass of its own.
const ZONES = ['UTC', 'Europe/Berlin'];

test.each(ZONES)('lines without a row first, last and back to back: every row keeps its line (%s)', async (zone) => {
  const variants = [
    [SHORT, row(1), row(2)],
    ['', row(1), row(2)],
    [row(1), row(2), SHORT],
    [row(1), row(2), '', ''],
    [row(1), SHORT, SHORT, '', SHORT, '', '', row(2), ',,,,,,,,,', row(3)],
    [SHORT, '', ',,,,,,,,,', SHORT, row(1), '', SHORT, row(2), SHORT, ''],
  ];
  for (const lines of variants) {
    const text = [HEADER, ...lines].join('\n');
    const outcome = await expectSameAsOurs(text, zone);
    // Line 1 is the header: a row's line is its place among the lines after it, plus one.
    const rowLines = lines.flatMap((l, i) => (l.startsWith('a') && l !== SHORT ? [i + 2] : []));
    expect(
      outcome.sessions.map((s) => s['line']),
      text,
    ).toEqual(rowLines);
    const shortLines = lines.flatMap((l, i) => (l === SHORT ? [i + 2] : []));
    expect(
      outcome.rejects.map((r) => r['line']),
      text,
    ).toEqual(shortLines);
  }
});

const MANY_SKIPS = ZONES.flatMap((zone) => [
  { zone, count: 200, how: 'a CASE nested as a binary search' },
  { zone, count: MAX_CASE_SKIPS + 6, how: 'a join, past what the CASE holds' },
]);

test.each(MANY_SKIPS)('many lines without a row: rows are numbered by $how ($zone)', async ({ zone, count }) => {
  // A row, then a blank line or one DuckDB sets aside: every row has a skip of its own before the next.
  const lines = Array.from({ length: count }, (_, i) => [row(i), i % 3 === 0 ? SHORT : '']).flat();
  const outcome = await expectSameAsOurs([HEADER, ...lines, row(count)].join('\n'), zone);
  expect(outcome.sessions.map((s) => s['line'])).toEqual(Array.from({ length: count + 1 }, (_, i) => 2 + 2 * i));
  expect(outcome.rejects).toHaveLength(Math.ceil(count / 3));
});

test.each(ZONES)('times in the vault’s own form, and just outside it, get our reader’s verdicts (%s)', async (zone) => {
  const times = [
    '2026-03-02T08:00:00Z',
    '2026-03-02T08:00:00.123Z',
    '2026-04-30T24:00:00Z',
    '2026-04-30T23:60:00Z',
    '2026-04-30T23:59:60Z',
    '2026-02-29T10:00:00Z',
    '2024-02-29T10:00:00.999Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '1989-12-31T23:59:59.999Z',
    '1990-01-01T00:00:00.000Z',
    '2099-12-31T23:59:59.999Z',
    '2100-01-01T00:00:00Z',
    '0000-02-29T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-03-02T08:00:00.12Z',
    '2026-03-02T08:00:00.1234Z',
    '2026-03-02t08:00:00Z',
    '2026-03-02T08:00:00z',
    '2026-03-02 08:00:00Z',
    '2026-03-02T08:00Z',
    '2026-03-02T08:00:00',
    ' 2026-03-02T08:00:00Z\u00a0',
    '2026-03-02T08:00:00+00:00',
  ];
  const lines = times.flatMap((t, i) => [row(2 * i, t, ''), row(2 * i + 1, '1990-01-01T00:00:00Z', t)]);
  const outcome = await expectSameAsOurs([HEADER, ...lines].join('\n'), zone);
  // The cast alone would read 24:00 as the next day's midnight.
  expect(outcome.rejects).toContainEqual(
    expect.objectContaining({
      line: 6,
      reason: 'bad_timestamp',
      message: expect.stringMatching(/no such time of day$/),
    }),
  );
  expect(outcome.sessions.length).toBeGreaterThan(10);
});
