/** docs/DOMAIN.md §6: denials counted by reason, item, product, user, local hour and day, in windows with exact edges. */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { denialRange, denialStats } from '../../../src/lib/denials/report.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { denialWarnings } from '../../../src/lib/report/cards.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

const HEAD = 'denied_at,username,user_email,user_product,requested_license,reason,user_hostname,user_ip';
const SESSIONS =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const AS_OF = Date.UTC(2026, 9, 10, 12); // Saturday 10 Oct 2026, 12:00 UTC = 14:00 in Berlin
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());
beforeEach(async () => {
  await loadFiles(db, []);
  await db.query(clearAllSql());
});

function denial(
  at: number,
  user: string,
  reason: string,
  license = 'IntelliJ IDEA Ultimate',
  product = 'IntelliJ IDEA Ultimate',
) {
  return `${iso(at)},${user},,${product},${license},${reason},${user}-pc,`;
}

async function load(rows: string[]) {
  // A session that ends at as-of makes as-of the data's latest instant.
  const sessions = `${SESSIONS}\na1,IntelliJ IDEA Ultimate,IntelliJ IDEA Ultimate,zed,,,,,${iso(AS_OF - 48 * HOUR)},${iso(AS_OF)}\n`;
  const reports = await loadFiles(db, [
    memorySource('s.csv', sessions),
    memorySource('d.csv', [HEAD, ...rows].join('\n')),
  ]);
  expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded']);
}

test('the last 24 hours run from just after as-of − 24 h up to and including as-of', async () => {
  await load([
    denial(AS_OF - 24 * HOUR, 'edge-out', 'no_available_licenses'),
    denial(AS_OF - 24 * HOUR + 1, 'edge-in', 'no_available_licenses'),
    denial(AS_OF, 'at-as-of', 'access_rule'),
    denial(AS_OF + 1000, 'after', 'access_rule'),
  ]);
  const s = await denialStats(db, 'UTC', denialRange('last24h', AS_OF, { startMs: 0, endMs: AS_OF }));
  expect(s.byUser).toEqual({ 'edge-in': 1, 'at-as-of': 1 });
  expect(s.byReason).toEqual({ no_available_licenses: 1, access_rule: 1, not_in_authorized_group: 0 });
});

test('the last 7 days, at their edges', async () => {
  await load([
    denial(AS_OF - 7 * 24 * HOUR, 'out', 'access_rule'),
    denial(AS_OF - 7 * 24 * HOUR + 1, 'in', 'access_rule'),
  ]);
  const s = await denialStats(db, 'UTC', denialRange('last7d', AS_OF, { startMs: 0, endMs: AS_OF }));
  expect(Object.keys(s.byUser)).toEqual(['in']);
});

test('counts by reason, item, product, user, local hour and local day', async () => {
  await load([
    denial(Date.UTC(2026, 9, 9, 21, 30), 'ann', 'no_available_licenses'), // 23:30 in Berlin, 9 Oct
    denial(Date.UTC(2026, 9, 9, 22, 30), 'ann', 'no_available_licenses'), // 00:30 in Berlin, 10 Oct
    denial(Date.UTC(2026, 9, 10, 8), 'bob', 'not_in_authorized_group', 'All Products Pack', 'PyCharm'),
  ]);
  const s = await denialStats(db, 'Europe/Berlin', denialRange('last24h', AS_OF, { startMs: 0, endMs: AS_OF }));
  expect(s).toMatchObject({
    total: 3,
    users: 2,
    daysWithDenials: 2,
    byLicense: { 'IntelliJ IDEA Ultimate': 2, 'All Products Pack': 1 },
    byProduct: { 'IntelliJ IDEA Ultimate': 2, PyCharm: 1 },
    byUser: { ann: 2, bob: 1 },
    byDay: { '2026-10-09': 1, '2026-10-10': 2 },
  });
  expect(s.byHour[23]).toBe(1);
  expect(s.byHour[0]).toBe(1);
  expect(s.byHour[10]).toBe(1);
});

test('the report carries the period’s denials when denials files are loaded, and not otherwise', async () => {
  await load([
    denial(Date.UTC(2026, 9, 9, 10), 'ann', 'access_rule'),
    denial(Date.UTC(2026, 9, 10, 10), 'bob', 'access_rule', 'GoLand', 'GoLand'),
  ]);
  const report = await buildReport(db, { zone: 'UTC' });
  expect(report.denials).toEqual({
    total: 2,
    users: 2,
    daysWithDenials: 2,
    byReason: { no_available_licenses: 0, access_rule: 2, not_in_authorized_group: 0 },
    byLicense: { 'IntelliJ IDEA Ultimate': 1, GoLand: 1 },
    // Two denied users of one active user; denials on both days of a two-day period.
    warnings: { deniedUsers: 'major', daysWithDenials: 'major' },
  });
  await db.query(clearAllSql());
  await loadFiles(db, [memorySource('s.csv', `${SESSIONS}\na1,X,X,zed,,,,,${iso(AS_OF - HOUR)},${iso(AS_OF)}\n`)]);
  expect((await buildReport(db, { zone: 'UTC' })).denials).toBeUndefined();
});

test('warnings of the denial cards', () => {
  expect(denialWarnings(0, 50, 0, 30)).toEqual({ deniedUsers: 'none', daysWithDenials: 'none' });
  expect(denialWarnings(1, 50, 1, 30)).toEqual({ deniedUsers: 'minor', daysWithDenials: 'minor' });
  expect(denialWarnings(5, 50, 6, 30)).toEqual({ deniedUsers: 'major', daysWithDenials: 'minor' });
  expect(denialWarnings(4, 50, 7, 30)).toEqual({ deniedUsers: 'minor', daysWithDenials: 'major' });
});
