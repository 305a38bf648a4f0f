/** Revocation candidates (docs/DOMAIN.md §10) from a hand-made export in the real DuckDB-WASM. */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { itemUse } from '../../../src/lib/queries/idle.ts';
import { idleCandidates, idleCsv } from '../../../src/lib/renewal/idle.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { HOUR, at, loadOnly, sessionOf, type Session } from '../queries/fixture.ts';

const DAYS = 24;
const AS_OF = at(60 * DAYS);
const ago = (days: number) => AS_OF - days * DAYS * HOUR;
const s = sessionOf;

const SESSIONS: Session[] = [
  // Last used 40 days ago: held only without Floating.
  s('c1', 'carol', 'GoLand', ago(41), ago(40)),
  // Started 35 days ago and still open: a machine that stays online.
  s('d1', 'dave', 'GoLand', ago(35), null),
  // Used 10 days ago: not idle.
  s('e1', 'erin', 'GoLand', ago(11), ago(10)),
  // An old allocation, and the same item again 5 days ago: not idle.
  s('f1', 'frank', 'IntelliJ IDEA Ultimate', ago(50), ago(49)),
  s('f2', 'frank', 'IntelliJ IDEA Ultimate', ago(5), ago(4)),
  // Open, but started 5 days ago.
  s('g1', 'gina', 'GoLand', ago(5), null),
  // Ended exactly 30 days before as-of: idle from that instant on.
  s('h1', 'hank', 'GoLand', ago(31), ago(30)),
  // A name a spreadsheet would run as a formula.
  s('x1', '=SUM(1)', 'GoLand', ago(45), ago(44)),
  // Starts after as-of: holds nothing yet, and is no use before it.
  s('z1', 'zoe', 'GoLand', AS_OF + HOUR, AS_OF + 2 * HOUR),
];

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(db, SESSIONS);
});
afterAll(async () => db?.close());

describe('idle candidates', () => {
  it('without Floating: every user whose last session of the item ended 30 days ago or more, and open sessions begun as long ago', async () => {
    const rows = idleCandidates(await itemUse(db, AS_OF), { asOf: AS_OF, days: 30, floating: false });
    expect(rows.map((r) => [r.username, r.license, r.held, r.lastUse])).toEqual([
      ['=SUM(1)', 'GoLand', 'kept', ago(44)],
      ['carol', 'GoLand', 'kept', ago(40)],
      ['dave', 'GoLand', 'online', ago(35)],
      ['hank', 'GoLand', 'kept', ago(30)],
    ]);
    expect(rows.find((r) => r.username === 'dave')?.allocationId).toBe('d1');
  });

  it('with Floating: only machines that stay online hold a license', async () => {
    const rows = idleCandidates(await itemUse(db, AS_OF), { asOf: AS_OF, days: 30, floating: true });
    expect(rows.map((r) => r.username)).toEqual(['dave']);
  });

  it('follows the number of days', async () => {
    const uses = await itemUse(db, AS_OF);
    expect(idleCandidates(uses, { asOf: AS_OF, days: 42, floating: false }).map((r) => r.username)).toEqual([
      '=SUM(1)',
    ]);
    expect(idleCandidates(uses, { asOf: AS_OF, days: 9, floating: false }).map((r) => r.username)).toContain('erin');
  });

  it('writes the CSV with formula cells as text', async () => {
    const rows = idleCandidates(await itemUse(db, AS_OF), { asOf: AS_OF, days: 30, floating: false });
    const csv = idleCsv(rows.map((r) => ({ ...r, lastUse: new Date(r.lastUse).toISOString() })));
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual(['username', 'license', 'allocationId', 'lastUse', 'held']);
    expect(parsed[1]?.[0]).toBe("'=SUM(1)");
    expect(parsed).toHaveLength(5);
  });
});

describe('two sessions of a user and item starting at the same instant', () => {
  it('name the allocation of the later line, whatever order the table holds them in', async () => {
    // The same start twice: the later line's allocation is the latest session's, in either file order.
    for (const ids of [
      ['t1', 't2'],
      ['t2', 't1'],
    ]) {
      await loadOnly(
        db,
        ids.map((id) => s(id, 'tess', 'GoLand', ago(40), ago(39))),
      );
      const [use] = await itemUse(db, AS_OF);
      expect(use?.allocationId).toBe(ids[1]);
    }
  });
});
