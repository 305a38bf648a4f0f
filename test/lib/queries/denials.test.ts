/** The Denials tab's list: the range's denials, newest first, searchable, at most `limit`. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { denialList, denialsAfter } from '../../../src/lib/queries/denials.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { at, loadOnly, type Denial } from './fixture.ts';

const DENIALS: Denial[] = [
  { at: at(1), user: 'ann', license: 'GoLand', reason: 'no_available_licenses', host: 'ann-pc' },
  { at: at(2), user: 'ben', license: 'PyCharm', reason: 'access_rule', host: 'ben-pc' },
  { at: at(3), user: 'cat', license: 'GoLand', reason: 'not_in_authorized_group', host: 'cat-pc' },
  { at: at(9), user: 'dan', license: 'GoLand', reason: 'no_available_licenses', host: 'dan-pc' },
];
const us = (ms: number) => ms * 1000;
const RANGE = { from: us(at(0)), fromOpen: false, to: us(at(4)), toClosed: false };

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(
    db,
    [{ id: 's', license: 'GoLand', product: 'GoLand', user: 'zed', host: 'z', from: at(0), to: at(10) }],
    DENIALS,
  );
});
afterAll(async () => db?.close());

test('the range, newest first', async () => {
  const rows = await denialList(db, RANGE, '', 100);
  const inRange = DENIALS.filter((d) => us(d.at) >= RANGE.from && us(d.at) < RANGE.to).reverse();
  expect(rows.map((r) => [r.at, r.username, r.reason, r.host])).toEqual(
    inRange.map((d) => [d.at, d.user, d.reason, d.host]),
  );
});

test('a search matches user, item, reason or machine, case-insensitively', async () => {
  expect((await denialList(db, RANGE, 'GOLAND', 100)).map((r) => r.username)).toEqual(['cat', 'ann']);
  expect((await denialList(db, RANGE, 'ben-PC', 100)).map((r) => r.username)).toEqual(['ben']);
  expect((await denialList(db, RANGE, 'access_rule', 100)).map((r) => r.username)).toEqual(['ben']);
});

test('at most `limit`, the newest', async () => {
  expect((await denialList(db, RANGE, '', 2)).map((r) => r.username)).toEqual(['cat', 'ben']);
});

test('denials after as-of are counted (the windows end at as-of), with the latest of them', async () => {
  // As-of at hour 4: dan's denial at hour 9 is after it; at hour 9 itself none is.
  expect(await denialsAfter(db, at(4))).toEqual({ n: 1, latest: at(9) });
  expect(await denialsAfter(db, at(2))).toEqual({ n: 2, latest: at(9) });
  expect(await denialsAfter(db, at(9))).toEqual({ n: 0, latest: null });
});
