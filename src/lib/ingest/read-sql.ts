/**
 * The SQL of reading an allocation export with DuckDB's own CSV reader: every
 * field read as text, and the rules of session-row.ts applied in SQL, with the
 * same verdicts, in the same order, with the same messages (a property test
 * holds the two paths to the same result). The rules run over the reader
 * itself (readCheckedSql), so the file's text is never stored; a source zone
 * other than UTC first gets the days of the file's offset-less times from a
 * pass of their own (naiveDaysSql). Instants in the vault's own form
 * are read by DuckDB's cast to a plain TIMESTAMP; all others are computed as
 * integers (epoch ms, plus microseconds), from a proleptic Gregorian day
 * count: no zone-aware timestamp type, no ICU, no time-zone function (they
 * crash DuckDB-WASM 1.32); offset-less times in a source zone other than UTC
 * get their offset from a CASE over the zone's transitions, computed with
 * `Intl` (time/zone.ts).
 */
import { EXPORT_COLUMNS, type ExportColumn } from '../columns.ts';
import { sqlInt, sqlString } from '../sql/literal.ts';
import { INSTANT_END_MS, INSTANT_MIN_MS, INSTANT_RANGE_TEXT } from '../time/instant-range.ts';
import type { OffsetSpan } from '../time/zone.ts';
import { TOTAL } from '../usage/total.ts';
import { reservedLicense } from './reasons.ts';

/** The characters JavaScript's String.prototype.trim removes, which our reader trims from every value. */
const JS_WHITESPACE = sqlString(
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
);

/**
 * JavaScript's trim in SQL. DuckDB's trim with a set of characters costs a
 * second and a half per million values; a value whose first and last
 * characters are printable ASCII, nearly all of them, has nothing to trim.
 */
function jsTrim(value: string): string {
  return `CASE WHEN ord(${value}) BETWEEN 33 AND 126 AND ord(${value}[-1]) BETWEEN 33 AND 126 THEN ${value} ELSE trim(${value}, ${JS_WHITESPACE}) END`;
}

/** time/timestamp.ts's ISO pattern, group for group (the value is trimmed, so `\s` meets only inner spaces). */
const ISO =
  "'^(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?(?:[\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]*(?:([Zz]|UTC)|([+-])(\\d{2})(?::?(\\d{2}))?))?$'";
const ISO_GROUPS = "['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z', 'sign', 'oh', 'om']";

const DAY_MS = 86_400_000;

/**
 * DuckDB's reader over the file: the header line skipped, every field text,
 * malformed lines to the table `<prefix>rejects`. A table function to select from.
 */
function readCsv(file: string, delimiter: string, width: number, prefix = 'csv_'): string {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${sqlString(file)}, auto_detect = false, header = true,
  delim = ${sqlString(delimiter)}, quote = '"', escape = '"', columns = {${columns}},
  ignore_errors = true, strict_mode = true, null_padding = false,
  store_rejects = true, rejects_table = '${prefix}rejects', rejects_scan = '${prefix}reject_scans')`;
}

/**
 * The read and the rules in one statement, into `csv_checked`: the rows
 * judged as DuckDB reads them, the file's text never stored. `spans` are the
 * source zone's offset changes over the days of the file's offset-less times
 * (naiveDaysSql), none for UTC. One statement (the page sends it, to be able
 * to cancel it: db/browser.ts); dropReadTablesSql must run before.
 */
export function readCheckedSql(
  file: string,
  delimiter: string,
  width: number,
  index: Record<ExportColumn, number>,
  spans: readonly OffsetSpan[],
): string {
  return checkSql(spans, `(${parseSelect(index, readCsv(file, delimiter, width))})`);
}

/**
 * Before a read: the last read's tables gone, and the rows kept in the
 * file's order (DuckDB's default, set so that it holds), which numberLinesSql
 * numbers them by.
 */
export function prepareReadSql(): string {
  return `${dropReadTablesSql()};\nSET preserve_insertion_order = true`;
}

/** The days of the file's offset-less times that naiveDaysSql found (epoch ms; NULLs for none). */
export function naiveDayRangeSql(): string {
  return 'SELECT lo, hi FROM csv_days';
}

export function dropReadTablesSql(): string {
  return [
    'DROP VIEW IF EXISTS csv_staged',
    'DROP VIEW IF EXISTS csv_numbered',
    ...[
      'csv_days',
      'csv_day_rejects',
      'csv_day_reject_scans',
      'csv_rejects',
      'csv_reject_scans',
      'csv_skips',
      'csv_lined',
      'csv_checked',
    ].map((t) => `DROP TABLE IF EXISTS ${t}`),
  ].join(';\n');
}

/**
 * The lines DuckDB set aside, once each, with their error types. In a CRLF
 * file DuckDB's `csv_line` may begin with the LF of the line before: only a
 * line break inside the text is a record over several lines.
 */
export function readRejectsSql(): string {
  return `SELECT line, bool_or(error_type = 'INVALID ENCODING') AS encoding,
  bool_or(contains(trim(csv_line, chr(13) || chr(10)), chr(10)) OR contains(trim(csv_line, chr(13) || chr(10)), chr(13))) AS spans_lines
FROM csv_rejects GROUP BY line ORDER BY line`;
}

export function checkedCountSql(): string {
  return 'SELECT count(*) AS n FROM csv_checked';
}

/**
 * Skip groups beyond which the line numbers are joined in (an ASOF join,
 * which holds a second copy of the whole table) instead of computed per row
 * by a CASE, nested as a binary search: a dozen comparisons a row at most.
 */
export const MAX_CASE_SKIPS = 4096;

/**
 * The count of lines without a row before the row with `rowid`, for skips
 * `[lo, hi)` (sorted by rows before them), given that rowid lies at or past
 * skip lo - 1's and before skip hi's: a binary search written as nested CASEs.
 */
function skipCount(skips: readonly (readonly [number, number])[], lo: number, hi: number): string {
  if (lo === hi) return lo === 0 ? '0' : sqlInt(skips[lo - 1]![1]);
  const mid = (lo + hi) >> 1;
  // k > before, with k = rowid + 1.
  return `CASE WHEN rowid >= ${sqlInt(skips[mid]![0])} THEN ${skipCount(skips, mid + 1, hi)} ELSE ${skipCount(skips, lo, mid)} END`;
}

/**
 * The rows of `csv_checked` with their line numbers, as the view
 * `csv_numbered`. A row's place in the table is its place in the file (DuckDB
 * keeps the insertion order, on one thread or many: the read sets
 * preserve_insertion_order): the k-th row read has
 * rowid k - 1. The lines without a row (empty lines, DuckDB's rejects:
 * `skipped`) shift the rows after them: as (rows before it, how many such
 * lines so far), the k-th row's line is 1 + k + the count of the last skip
 * with fewer rows before it, from a CASE over up to MAX_CASE_SKIPS skips, a join over more.
 * Numbering rows inside the reading query instead (row_number) would make
 * native DuckDB read on one thread.
 */
export function numberLinesSql(skipped: readonly number[]): string {
  const byBefore = new Map<number, number>();
  [...skipped].sort((a, b) => a - b).forEach((line, i) => byBefore.set(line - 1 - (i + 1), i + 1));
  const skips = [...byBefore].sort((a, b) => a[0] - b[0]);
  const view = (from: string) => `CREATE VIEW csv_numbered AS ${from}`;
  if (skips.length <= MAX_CASE_SKIPS) {
    const shift = skips.length === 0 ? '' : ` + ${skipCount(skips, 0, skips.length)}`;
    return view(`SELECT rowid + 2${shift} AS line, * FROM csv_checked`);
  }
  const values = skips.map(([before, n]) => `(${sqlInt(before)}, ${sqlInt(n)})`).join(', ');
  return [
    `CREATE TABLE csv_skips AS SELECT * FROM (VALUES ${values}) v(before, n)`,
    `CREATE TABLE csv_lined AS SELECT 1 + r.k + coalesce(s.n, 0) AS line, r.* EXCLUDE (k)
FROM (SELECT rowid + 1 AS k, * FROM csv_checked) r ASOF LEFT JOIN csv_skips s ON r.k > s.before`,
    'DROP TABLE csv_checked',
    view('SELECT * FROM csv_lined'),
  ].join(';\n');
}

/**
 * The vault's own form (`2026-03-02T08:00:00Z`, or with `.123` before the Z),
 * nearly every value of a large export, in the years a file may carry and
 * with a time of day that exists: DuckDB's own cast then reads it as our
 * reader does (a TIMESTAMP, no zone), and its day is checked by the cast. The
 * cast alone would take `24:00` for the next day and other forms in ways of
 * its own, so other values go to the general pattern.
 */
const VAULT_FORM = "'(199\\d|20\\d\\d)-\\d\\d-\\d\\dT([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{3})?Z'";

/** The instant in the vault's own form as epoch µs, NULL for any other text or a day that does not exist. */
export function vaultInstant(column: string): string {
  return `CASE WHEN regexp_full_match(${column}, ${VAULT_FORM}) THEN epoch_us(TRY_CAST(${column} AS TIMESTAMP)) END`;
}

/** One instant's text taken apart into time/timestamp.ts's groups, unless it was read in the vault's form. */
function instantMatch(p: string, column: string): string {
  return `CASE WHEN ${p}_v IS NULL THEN regexp_extract(${column}, ${ISO}, ${ISO_GROUPS}) END`;
}

/** The groups as integers (NULL when absent); the sign 0 for UTC (`Z`, or the vault's form), NULL for no offset. */
function instantNumbers(p: string): string {
  const g = (name: string, as = name) => `TRY_CAST(${p}_m.${name} AS BIGINT) AS ${p}_${as}`;
  return [
    `${p}_m.y <> '' AS ${p}_matched`,
    g('y'),
    g('mo'),
    g('d'),
    g('h'),
    g('mi'),
    `coalesce(TRY_CAST(${p}_m.s AS BIGINT), 0) AS ${p}_s`,
    `coalesce(TRY_CAST(rpad(left(${p}_m.f, 6), 6, '0') AS BIGINT), 0) AS ${p}_micros`,
    `CASE WHEN ${p}_v IS NOT NULL OR ${p}_m.z <> '' THEN 0 WHEN ${p}_m.sign = '-' THEN -1 WHEN ${p}_m.sign = '+' THEN 1 END AS ${p}_sign`,
    g('oh'),
    `coalesce(TRY_CAST(${p}_m.om AS BIGINT), 0) AS ${p}_om`,
  ].join(', ');
}

/** Why the instant is no time (NULL when it is one), and its wall time as epoch ms (the general pattern's). */
function instantParts(p: string): string {
  const [year, month, day] = [`${p}_y`, `${p}_mo`, `${p}_d`];
  // Days since 1970-01-01 (H. Hinnant's days_from_civil), exact for years 0–9999.
  const y = `(${year} - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const era = `(CASE WHEN ${y} >= 0 THEN ${y} // 400 ELSE (${y} - 399) // 400 END)`;
  const yoe = `(${y} - ${era} * 400)`;
  const doy = `((153 * ((${month} + 9) % 12) + 2) // 5 + ${day} - 1)`;
  const days = `(${era} * 146097 + ${yoe} * 365 + ${yoe} // 4 - ${yoe} // 100 + ${doy} - 719468)`;
  const leap = `(${year} % 4 = 0 AND ${year} % 100 <> 0 OR ${year} % 400 = 0)`;
  const monthDays = `CASE WHEN ${month} = 2 AND NOT ${leap} THEN 28 ELSE [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][${month}] END`;
  return `CASE WHEN ${p}_v IS NOT NULL THEN NULL
    WHEN NOT ${p}_matched THEN 'is not an ISO 8601 date and time'
    WHEN ${month} < 1 OR ${month} > 12 THEN 'has no such month'
    WHEN ${day} < 1 OR ${day} > ${monthDays} THEN 'has no such day'
    WHEN ${p}_h > 23 OR ${p}_mi > 59 OR ${p}_s > 59 THEN 'has no such time of day'
    WHEN ${p}_sign <> 0 AND (${p}_oh > 18 OR ${p}_om > 59) THEN 'has an impossible UTC offset'
  END AS ${p}_why,
  CASE WHEN ${p}_matched THEN ${days} * ${DAY_MS} + ${p}_h * 3600000 + ${p}_mi * 60000 + ${p}_s * 1000 END AS ${p}_local,
  (${p}_oh * 60 + ${p}_om) * 60000 AS ${p}_offset`;
}

/**
 * Stage one: values trimmed, instants taken apart; a query that stage two
 * (checkSql) reads, without a table in between. `source` is what it reads:
 * DuckDB's reader itself. `index` maps each export column to
 * its field, -1 when the file lacks it.
 */
function parseSelect(index: Record<ExportColumn, number>, source: string): string {
  const value = (c: ExportColumn) => (index[c] < 0 ? `'' AS ${c}` : `${jsTrim(`coalesce(c${index[c]}, '')`)} AS ${c}`);
  const parts = ['f_y', 'f_mo', 'f_d', 'f_h', 'f_mi', 'f_s', 'f_oh', 'f_om', 'f_matched'];
  const drop = [...parts, ...parts.map((x) => x.replace('f_', 't_'))].join(', ');
  return `WITH v AS (SELECT ${EXPORT_COLUMNS.map(value).join(', ')} FROM ${source}),
q AS (SELECT *, ${vaultInstant('used_from')} AS f_v, ${vaultInstant('used_to')} AS t_v FROM v),
m AS (SELECT *, ${instantMatch('f', 'used_from')} AS f_m, ${instantMatch('t', 'used_to')} AS t_m FROM q),
n AS (SELECT * EXCLUDE (f_m, t_m), ${instantNumbers('f')}, ${instantNumbers('t')}, used_to <> '' AS t_present FROM m)
SELECT * EXCLUDE (${drop}), ${instantParts('f')}, ${instantParts('t')} FROM n`;
}

/**
 * The calendar days of the file's instants written without an offset (epoch
 * ms of the first and of the day after the last), into the one-row table
 * `csv_days` (lo, hi): every value our reader takes as an instant begins with
 * its date, `YYYY-MM-DD`, and one with an offset ends with it (`Z`, `UTC`,
 * `+02:00`). The source zone's offset changes over this range are all the
 * rules need (localToUtc). Read from the text as readCheckedSql reads it (the
 * same rows), in a pass of its own before it, since the rules need them;
 * sent like it.
 */
export function naiveDaysSql(
  file: string,
  delimiter: string,
  width: number,
  index: Record<ExportColumn, number>,
): string {
  const day = (field: number) => {
    const v = jsTrim(`c${field}`);
    return `CASE WHEN NOT regexp_matches(${v}, '([zZ]|UTC|[+-]\\d\\d(:?\\d\\d)?)$') THEN TRY_CAST(left(${v}, 10) AS DATE) END`;
  };
  const days = (['used_from', 'used_to'] as const).filter((c) => index[c] >= 0).map((c) => day(index[c]));
  const create = 'CREATE TABLE csv_days AS SELECT';
  if (days.length === 0) return `${create} CAST(NULL AS DOUBLE) AS lo, CAST(NULL AS DOUBLE) AS hi`;
  const ms = (d: string) => `CAST(${d} - DATE '1970-01-01' AS DOUBLE) * ${DAY_MS}`;
  const lo = `least(${days.map((_, i) => `min(d${i})`).join(', ')})`;
  const hi = `greatest(${days.map((_, i) => `max(d${i})`).join(', ')})`;
  return `${create} ${ms(lo)} AS lo, ${ms(hi)} + ${DAY_MS} AS hi
FROM (SELECT ${days.map((d, i) => `${d} AS d${i}`).join(', ')} FROM ${readCsv(file, delimiter, width, 'csv_day_')})`;
}

/** The zone's offset at the instant `t` (ms), from its transitions. */
function offsetAt(spans: readonly OffsetSpan[], t: string): string {
  if (spans.length <= 1) return sqlInt(spans[0]?.offset ?? 0);
  const whens = spans
    .slice(1)
    .reverse()
    .map((s) => `WHEN ${t} >= ${sqlInt(s.from)} THEN ${sqlInt(s.offset)}`);
  return `(CASE ${whens.join(' ')} ELSE ${sqlInt(spans[0]!.offset)} END)`;
}

/**
 * time/zone.ts's localToUtc in SQL: the earlier of the wall time's two
 * readings in the repeated hour, moved forward across a gap.
 */
function localToUtc(spans: readonly OffsetSpan[], local: string): string {
  const before = offsetAt(spans, `(${local} - ${DAY_MS})`);
  const after = offsetAt(spans, `(${local} + ${DAY_MS})`);
  const c1 = `(${local} - ${before})`;
  const c2 = `(${local} - ${after})`;
  const v1 = `(${offsetAt(spans, c1)} = ${before})`;
  const v2 = `(${offsetAt(spans, c2)} = ${after})`;
  return `CASE WHEN ${v1} AND ${v2} THEN least(${c1}, ${c2}) WHEN ${v1} THEN ${c1} WHEN ${v2} THEN ${c2} ELSE ${c1} END`;
}

/**
 * Stage two: each row's verdict, in session-row.ts's order (`reason|message`,
 * NULL when accepted), and its instants as epoch ms with microseconds as the
 * fraction (the `staged` table's form). `spans` are the source zone's
 * transitions over the file's days, empty for UTC. `parsed` is stage one's
 * query in parentheses.
 */
function checkSql(spans: readonly OffsetSpan[], parsed: string): string {
  // Epoch µs: the vault's form as DuckDB read it, else the general pattern's wall time and offset.
  const naive = (p: 'f' | 't') => (spans.length > 0 ? localToUtc(spans, `${p}_local`) : `${p}_local`);
  const micros = (p: 'f' | 't') =>
    `CASE WHEN ${p}_v IS NOT NULL THEN ${p}_v WHEN ${p}_sign IS NULL THEN (${naive(p)}) * 1000 + ${p}_micros ` +
    `ELSE (${p}_local - ${p}_sign * coalesce(${p}_offset, 0)) * 1000 + ${p}_micros END`;
  const bad = (column: ExportColumn, p: 'f' | 't') => `'${column} "' || ${column} || '" ' || ${p}_why`;
  // time/instant-range.ts's range, compared in microseconds as session-row.ts compares epoch ms with their fraction.
  const outside = (p: 'f' | 't') =>
    `${p}_us NOT BETWEEN ${sqlInt(INSTANT_MIN_MS * 1000)} AND ${sqlInt(INSTANT_END_MS * 1000 - 1)}`;
  const outsideText = (column: ExportColumn) =>
    `'out_of_range|${column} "' || ${column} || ${sqlString(`" lies outside ${INSTANT_RANGE_TEXT}`)}`;
  const missing = (c: ExportColumn) => `WHEN ${c} = '' THEN 'missing_value|${c} is empty'`;
  // A row of empty fields is no row (§8.1); the other columns are looked at only when the first is empty.
  const blank = `CASE WHEN ${EXPORT_COLUMNS[0]} <> '' THEN false ELSE ${EXPORT_COLUMNS.slice(1)
    .map((c) => `${c} = ''`)
    .join(' AND ')} END`;
  // A value JavaScript lower-cases to `unknown` has seven code points, so 7 to 28 bytes: lower() only for those.
  const email =
    "CASE WHEN strlen(user_email) BETWEEN 7 AND 28 AND lower(user_email) = 'unknown' THEN NULL ELSE nullif(user_email, '') END";
  return `CREATE TABLE csv_checked AS
WITH u AS (SELECT *, ${micros('f')} AS f_us, ${micros('t')} AS t_us FROM ${parsed}),
c AS (SELECT *, CASE
    ${missing('allocation_id')}
    ${missing('allocated_license')}
    WHEN allocated_license = ${sqlString(TOTAL)} THEN ${sqlString(`reserved_license|${reservedLicense('allocated_license')}`)}
    ${missing('username')}
    ${missing('used_from')}
    WHEN f_why IS NOT NULL THEN 'bad_timestamp|' || ${bad('used_from', 'f')}
    WHEN ${outside('f')} THEN ${outsideText('used_from')}
    WHEN t_present AND t_why IS NOT NULL THEN 'bad_timestamp|' || ${bad('used_to', 't')}
    WHEN t_present AND ${outside('t')} THEN ${outsideText('used_to')}
    WHEN t_present AND t_us < f_us THEN 'ends_before_start|used_to is before used_from'
  END AS verdict FROM u)
SELECT ${blank} AS blank, verdict,
  allocation_id, allocated_license, nullif(user_product, '') AS user_product, username, ${email} AS user_email,
  nullif(user_ip, '') AS user_ip, nullif(user_hostname, '') AS user_hostname, nullif(external_id, '') AS external_id,
  f_us / 1000.0 AS used_from_ms,
  CASE WHEN t_present THEN t_us / 1000.0 END AS used_to_ms,
  CAST(f_sign IS NULL AS INTEGER) + CAST(t_present AND t_sign IS NULL AS INTEGER) AS naive
FROM c`;
}

/** What stage two found, for the file's accounting. */
export function checkedCountsSql(): string {
  return `SELECT count(*) FILTER (blank) AS blank, count(*) FILTER (NOT blank) AS read,
  count(*) FILTER (NOT blank AND verdict IS NULL) AS accepted,
  CAST(coalesce(sum(naive) FILTER (NOT blank AND verdict IS NULL), 0) AS INTEGER) AS naive
FROM csv_numbered`;
}

/** The rows rejected by the rules, by line. */
export function checkedRejectsSql(): string {
  return `SELECT line, split_part(verdict, '|', 1) AS reason, substr(verdict, strpos(verdict, '|') + 1) AS message
FROM csv_numbered WHERE NOT blank AND verdict IS NOT NULL ORDER BY line`;
}

/**
 * The accepted rows, in the `staged` table's columns (sql/schema.ts), with
 * those of `staged` itself (lines our reader accepted): what the merge reads,
 * without copying a million rows once more.
 */
export function checkedStagedViewSql(fileId: number): string {
  return `CREATE VIEW csv_staged AS
SELECT CAST(${sqlInt(fileId)} AS INTEGER) AS file_id, CAST(line AS INTEGER) AS line, allocation_id, allocated_license,
  user_product, username, user_email, user_ip, user_hostname, external_id, used_from_ms, used_to_ms, CAST(NULL AS VARCHAR) AS extra
FROM csv_numbered WHERE NOT blank AND verdict IS NULL
UNION ALL SELECT * FROM staged`;
}
