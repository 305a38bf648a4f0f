/** The simulator's demand from the loaded data: every session, earliest first, with its instants in ms. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadedSessions } from '../../../src/lib/queries/demand.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { at, loadOnly, type Session } from './fixture.ts';

const SESSIONS: Session[] = [
  { id: 'late', license: 'GoLand', product: 'GoLand', user: 'ann', host: 'ann-pc', from: at(5), to: at(6) },
  { id: 'early', license: 'PyCharm', product: 'PyCharm', user: 'ben', host: 'ben-pc', from: at(1), to: null },
  { id: 'mid', license: 'GoLand', product: 'GoLand', user: 'cat', host: 'cat-pc', from: at(3), to: at(3.25) },
];

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(db, SESSIONS);
});
afterAll(async () => db?.close());

test('every session, earliest first, as the simulator reads it', async () => {
  const rows = await loadedSessions(db);
  const expected = [...SESSIONS].sort((a, b) => a.from - b.from);
  expect(rows.map((r) => [r.username, r.license, r.product, r.host, r.fromMs, r.toMs])).toEqual(
    expected.map((s) => [s.user, s.license, s.product, s.host, s.from, s.to]),
  );
  expect(rows.map((r) => r.email)).toEqual(expected.map((s) => `${s.user}@example.com`));
});
