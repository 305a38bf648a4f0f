/** The Active users tab's query: time on two machines at once counted once, the period and as-of cut it, search narrows. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { activeUsers } from '../../../src/lib/queries/users.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { HOUR, at, loadOnly, type Session } from './fixture.ts';

const SESSIONS: Session[] = [
  { id: 'a1', license: 'GoLand', product: 'GoLand', user: 'alice', host: 'alice-pc', from: at(10), to: at(12) },
  { id: 'a2', license: 'GoLand', product: 'GoLand', user: 'alice', host: 'alice-laptop', from: at(11), to: at(13) },
  {
    id: 'b1',
    license: 'IntelliJ IDEA Ultimate',
    product: 'IDEA',
    user: 'bob',
    host: 'bob-pc',
    from: at(9),
    to: at(10),
  },
];
const DAY = { startMs: at(0), endMs: at(24), asOf: at(24), license: null, search: '' };

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(db, SESSIONS);
});
afterAll(async () => db?.close());

test('hours on two machines at once are counted once; machines and items are listed', async () => {
  const users = await activeUsers(db, DAY);
  expect(users.map((u) => u.username)).toEqual(['alice', 'bob']);
  const alice = users[0]!;
  expect(alice.hours).toBeCloseTo((at(13) - at(10)) / HOUR);
  expect(alice.machines).toBe(2);
  expect(alice.licenses).toBe('GoLand');
  expect(alice.firstUse).toBe(at(10));
  expect(alice.lastUse).toBe(at(13));
});

test('as-of and the period cut the hours', async () => {
  const users = await activeUsers(db, { ...DAY, startMs: at(11), asOf: at(12) });
  expect(users.map((u) => [u.username, u.hours])).toEqual([['alice', (at(12) - at(11)) / HOUR]]);
});

test('one item, or a search, narrows the list', async () => {
  expect((await activeUsers(db, { ...DAY, license: 'IntelliJ IDEA Ultimate' })).map((u) => u.username)).toEqual([
    'bob',
  ]);
  expect((await activeUsers(db, { ...DAY, search: 'GOLAND' })).map((u) => u.username)).toEqual(['alice']);
  expect(await activeUsers(db, { ...DAY, search: 'nobody' })).toEqual([]);
});

test('a user with two e-mails is shown with the one of their latest session, whatever the order of the lines', async () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const line = (id: string, email: string, from: number) =>
    `${id},GoLand,GoLand,carol,${email},,carol-pc,,${iso(from)},${iso(from + HOUR)}`;
  const head =
    'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
  for (const lines of [
    [line('c1', 'old@example.com', at(8)), line('c2', 'new@example.com', at(10))],
    [line('c2', 'new@example.com', at(10)), line('c1', 'old@example.com', at(8))],
  ]) {
    await db.query(clearAllSql());
    await loadFiles(db, [memorySource('carol.csv', [head, ...lines].join('\n'))]);
    expect((await activeUsers(db, DAY)).map((u) => [u.username, u.email])).toEqual([['carol', 'new@example.com']]);
  }
});
