/** "Export this period": the sessions overlapping the period, in the vault's columns, loadable again as they were. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/lib/columns.ts';
import type { Database } from '../../../src/lib/db/database.ts';
import { toCsv } from '../../../src/lib/export/csv.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { periodSessions } from '../../../src/lib/queries/export.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { at, loadOnly, type Session } from './fixture.ts';

const SESSIONS: Session[] = [
  { id: 'before', license: 'GoLand', product: 'GoLand', user: 'ann', host: 'h1', from: at(1), to: at(2) },
  { id: 'across', license: 'GoLand', product: 'GoLand', user: 'ben', host: 'h2', from: at(3), to: at(6) },
  { id: 'inside', license: 'PyCharm', product: 'PyCharm', user: 'cat', host: 'h3', from: at(5), to: at(5.5) },
  { id: 'open', license: 'PyCharm', product: 'PyCharm', user: 'dan', host: 'h4', from: at(4.5), to: null },
  { id: 'after', license: 'GoLand', product: 'GoLand', user: 'eve', host: 'h5', from: at(8), to: at(9) },
];
const PERIOD = { startMs: at(4), endMs: at(7), license: null };

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(db, SESSIONS);
});
afterAll(async () => db?.close());

test('the sessions overlapping the period, in load order, in the export columns', async () => {
  const rows = await periodSessions(db, PERIOD);
  const overlapping = SESSIONS.filter((s) => s.from < PERIOD.endMs && (s.to === null || s.to > PERIOD.startMs));
  expect(rows.map((r) => r.allocation_id)).toEqual(overlapping.map((s) => s.id));
  expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
  expect(rows.find((r) => r.allocation_id === 'open')!.used_to).toBeNull();
});

test('one item only', async () => {
  const rows = await periodSessions(db, { ...PERIOD, license: 'GoLand' });
  expect(rows.map((r) => r.allocation_id)).toEqual(['across']);
});

test('the exported file loads again to the same sessions', async () => {
  const rows = await periodSessions(db, PERIOD);
  const again = await freshDatabase();
  try {
    await loadFiles(again, []);
    await again.query(clearAllSql());
    const reports = await loadFiles(again, [memorySource('export.csv', toCsv(rows, EXPORT_COLUMNS))]);
    expect(reports[0]!.status).toBe('loaded');
    expect(await periodSessions(again, PERIOD)).toEqual(rows);
  } finally {
    await again.close();
  }
});

test('an empty e-mail is written `unknown` as the vault writes it; a session starting at the end is kept when asked', async () => {
  const head = EXPORT_COLUMNS.join(',');
  const csv = [
    head,
    `a,GoLand,GoLand,ann,,,h1,,${new Date(at(1)).toISOString()},${new Date(at(3)).toISOString()}`,
    `b,GoLand,GoLand,ben,UNKNOWN,,h2,,${new Date(at(2)).toISOString()},${new Date(at(4)).toISOString()}`,
    `c,GoLand,GoLand,cat,cat@example.com,,h3,,${new Date(at(4)).toISOString()},${new Date(at(5)).toISOString()}`,
  ].join('\n');
  const own = await freshDatabase();
  try {
    await loadFiles(own, [memorySource('emails.csv', csv)]);
    // The period ends at hour 4, as-of: c starts exactly there.
    const open = await periodSessions(own, { startMs: at(0), endMs: at(4), license: null });
    expect(open.map((r) => r.allocation_id)).toEqual(['a', 'b']);
    const through = await periodSessions(own, { startMs: at(0), endMs: at(4), license: null, throughEnd: true });
    expect(through.map((r) => [r.allocation_id, r.user_email])).toEqual([
      ['a', 'unknown'],
      ['b', 'unknown'],
      ['c', 'cat@example.com'],
    ]);
  } finally {
    await own.close();
  }
});
