/**
 * Names longer than a snapshot carries (an item or user name of 400
 * characters, a host of 1,000): the snapshot is made all the same, with each
 * long name cut and marked, two items cut alike still told apart, and a
 * failure said as a sentence, never as zod's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../../src/lib/db/database.ts';
import { toCsv } from '../../../src/lib/export/csv.ts';
import { EXPORT_COLUMNS } from '../../../src/lib/columns.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import type { Report } from '../../../src/lib/report/schema.ts';
import { buildSnapshot, snapshotProblem } from '../../../src/lib/share/snapshot-build.ts';
import { decodeSnapshot, encodeSnapshot } from '../../../src/lib/share/snapshot-codec.ts';
import { MAX_SNAPSHOT_NAME, SHORTENED, type Snapshot } from '../../../src/lib/share/snapshot-schema.ts';
import { freshDatabase } from '../../helpers/db.ts';

const LONG_ITEM = `Item ${'x'.repeat(395)}`;
const LONG_ITEM_2 = `${LONG_ITEM}2`;
const LONG_USER = `u${'é'.repeat(399)}`;
const LONG_HOST = `h${'😀'.repeat(500)}`;

const session = (id: string, license: string, username: string, host: string) => ({
  allocation_id: id,
  allocated_license: license,
  user_product: 'IDE',
  username,
  user_email: '',
  user_ip: '10.0.0.1',
  user_hostname: host,
  external_id: '',
  used_from: '2026-03-02T08:00:00Z',
  used_to: '2026-03-02T12:00:00Z',
});

let db: Database;
let report: Report;
let snapshot: Snapshot;
/** The same data with all items selected, so every user is among the top users. */
let all: Snapshot;
beforeAll(async () => {
  db = await freshDatabase();
  const rows = [
    session('a1', LONG_ITEM, LONG_USER, LONG_HOST),
    session('a2', LONG_ITEM_2, 'bob', 'bob-pc'),
    session('a3', 'Short', 'carol', 'carol-pc'),
  ];
  const loaded = await loadFiles(db, [memorySource('long.csv', toCsv(rows, EXPORT_COLUMNS))]);
  expect(loaded.map((f) => f.counts.accepted)).toEqual([3]);
  report = await buildReport(db, { zone: 'UTC' });
  snapshot = await buildSnapshot(db, report, {
    selected: LONG_ITEM_2,
    licenseType: 'all',
    drill: { kind: 'period' },
    pseudonymize: null,
    createdAt: 0,
  });
  all = await buildSnapshot(db, report, {
    selected: '*',
    licenseType: 'all',
    drill: { kind: 'period' },
    pseudonymize: null,
    createdAt: 0,
  });
}, 60_000);
afterAll(async () => db?.close());

describe('a snapshot of data with long names', () => {
  it('is made, and every long name is cut to the limit and ends in the marker', () => {
    const names = [
      ...all.items.map((i) => i.license),
      ...all.topUsers.flatMap((u) => [u.user, ...u.hosts, ...u.licenses]),
    ];
    for (const s of names) expect(s.length).toBeLessThanOrEqual(MAX_SNAPSHOT_NAME);
    expect(names.filter((s) => s.endsWith(SHORTENED))).toHaveLength(4); // item, user, host, the user's item
    const user = all.topUsers.find((u) => u.user.startsWith('u'))!;
    expect(user.user).toBe(`${LONG_USER.slice(0, MAX_SNAPSHOT_NAME - 1)}${SHORTENED}`);
    // A host of emoji is cut between characters, never inside one.
    expect(user.hosts[0]).toMatch(/^h(😀)+…$/u);
  });

  it('two items cut alike stay two items, and the selection keeps pointing at its own', () => {
    const names = snapshot.items.map((i) => i.license);
    expect(new Set(names).size).toBe(3);
    expect(names.filter((n) => n.startsWith('Item '))).toHaveLength(2);
    const selected = snapshot.items.find((i) => i.license === snapshot.selected)!;
    const original = report.items.find((i) => i.license === LONG_ITEM_2)!;
    expect(selected.cards).toEqual(original.cards);
  });

  it('goes through a link and back whole', async () => {
    expect(await decodeSnapshot(await encodeSnapshot(snapshot))).toEqual({ ok: true, snapshot });
    expect(await decodeSnapshot(await encodeSnapshot(all))).toEqual({ ok: true, snapshot: all });
  });
});

describe('a snapshot that cannot be made', () => {
  it('is said in a sentence that names the field, not as zod’s JSON', () => {
    const error = z.object({ items: z.array(z.object({ license: z.string().max(3) })) }).safeParse({
      items: [{ license: 'long' }],
    }).error;
    const sentence = snapshotProblem(error);
    expect(sentence).toMatch(/^The snapshot could not be made: its items\.0\.license is not valid \(.+\)\.$/);
    expect(sentence).not.toMatch(/[[{]\s*"/);
    expect(snapshotProblem(new Error('Web Crypto is not available.\n  at x'))).toBe(
      'The snapshot could not be made: Web Crypto is not available.',
    );
  });
});
