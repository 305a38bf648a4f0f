/**
 * Project and item figures read from the page's kept sweep of L(t) (the
 * vault's cache): the very figures the SQL sweep of each set gives, on items
 * whose sessions overlap (an allocation's too), touch, stay open, cross the
 * clock's jump in Europe/Berlin (2026-03-29), with a hold delay; for sets
 * with an item that has no session. The kept path is seen to be taken: no
 * SQL sweep among the queries asked.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { intervalTable, itemPeaks, portalFigures, setPeak } from '../../../src/lib/projects/figures.ts';
import type { UsageCache } from '../../../src/lib/usage/cache.ts';
import { periodUsage, usageSeries, type UsageSettings } from '../../../src/lib/usage/engine.ts';
import { openVault, type Vault } from '../../../src/lib/vault.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { recording, sweptInSql } from '../../helpers/recording.ts';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const utc = (iso: string) => Date.parse(iso);

/** [allocation, item, user, from, to (empty: still running)]. */
const ROWS = [
  // A: alice on two machines of one allocation (merged: one license), bob beside her.
  ['a1', 'A', 'alice', '2026-03-28T08:00:00Z', '2026-03-28T12:00:00Z'],
  ['a1', 'A', 'alice', '2026-03-28T10:00:00Z', '2026-03-28T13:00:00Z'],
  ['a2', 'A', 'bob', '2026-03-28T09:00:00Z', '2026-03-28T10:00:00Z'],
  // Across the clock's jump (01:00Z, 02:00 to 03:00 in Berlin).
  ['a3', 'A', 'carol', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'],
  ['b1', 'B', 'bob', '2026-03-28T09:30:00Z', '2026-03-28T11:00:00Z'],
  ['b2', 'B', 'dave', '2026-03-29T00:45:00Z', '2026-03-29T02:10:00Z'],
  ['b3', 'B', 'erin', '2026-03-29T01:00:00Z', '2026-03-29T01:00:00Z'],
  // gina's starts where dave's ends (before the hold delay).
  ['b4', 'B', 'gina', '2026-03-29T02:10:00Z', '2026-03-29T03:00:00Z'],
  ['c1', 'C', 'carl', '2026-03-29T01:15:00Z', '2026-03-29T03:00:00Z'],
  ['c2', 'C', 'cora', '2026-03-30T07:00:00Z', ''],
  ['a4', 'A', 'frank', '2026-03-30T08:05:00Z', ''],
  ['a5', 'A', 'hal', '2026-03-30T09:00:00Z', '2026-03-30T09:40:00Z'],
];

const settings: UsageSettings = { zone: 'Europe/Berlin', asOf: utc('2026-03-30T10:07:00Z'), holdMinutes: 30 };
const earliest = utc('2026-03-28T08:00:00Z');
const periods = [
  // 29 March in Berlin: 23 hours.
  { startMs: utc('2026-03-28T23:00:00Z'), endMs: utc('2026-03-29T22:00:00Z') },
  // 27 March to as-of.
  { startMs: utc('2026-03-26T23:00:00Z'), endMs: settings.asOf },
];
// D has no session; the last set has none either.
const SETS = [['A', 'B'], ['A', 'B', 'D'], ['A', 'C'], ['B', 'C', 'D'], ['A', 'B', 'C', 'D'], ['C'], ['D']];

let db: ReturnType<typeof recording>;
let vault: Vault;
let inventory: Inventory;
beforeAll(async () => {
  db = recording(await freshDatabase());
  vault = await openVault(db);
  const lines = ROWS.map(([alloc, item, user, from, to], i) =>
    [alloc, item, 'IDE', user, `${user}@example.com`, '10.0.0.1', `host${i}`, '', from, to].join(','),
  );
  const [report] = await vault.load([memorySource('x.csv', [HEADER, ...lines].join('\n'))]);
  expect(report!.counts).toMatchObject({ accepted: ROWS.length, rejected: 0 });
  const parsed = parseInventory(
    JSON.stringify({
      version: 1,
      items: {
        A: { regular: 3, projects: ['P'] },
        B: { regular: 2, projects: ['P'] },
        C: { regular: 4 },
        D: { regular: 2, projects: ['P'] },
      },
    }),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  inventory = parsed.inventory;
}, 120_000);
afterAll(async () => db?.close());

/** `work` run without a cache and with `cache`: both results, and whether each swept in SQL. */
async function both<T>(work: (cache?: UsageCache) => Promise<T>, cache: UsageCache) {
  db.asked.length = 0;
  const fresh = await work();
  const freshSwept = sweptInSql(db.asked);
  db.asked.length = 0;
  const kept = await work(cache);
  return { fresh, kept, freshSwept, keptSwept: sweptInSql(db.asked) };
}

describe('with the sweep of these settings kept', () => {
  beforeAll(async () => {
    // The dashboard's report keeps the sweep of all the data for its settings.
    await periodUsage(db, ['A', 'B', 'C'], settings, earliest, settings.asOf, vault.usage);
    expect(vault.usage.memoryOf('sweep')).not.toBeNull();
  }, 60_000);

  test('a project’s or an item’s figures are those of the SQL sweep, without one', async () => {
    for (const set of SETS) {
      for (const period of periods) {
        for (const tableDate of [undefined, '2026-03-29', '2026-03-28']) {
          const windows = { earliest, period, tableDate };
          const r = await both((c) => portalFigures(db, set, inventory, settings, windows, c), vault.usage);
          const what = JSON.stringify({ set, period, tableDate });
          expect(r.kept, what).toEqual(r.fresh);
          expect([r.freshSwept, r.keptSwept], what).toEqual([true, false]);
        }
      }
    }
  }, 120_000);

  test('the list page’s peaks: each project’s set and each item’s own, without a sweep', async () => {
    for (const { startMs, endMs } of periods) {
      for (const set of SETS) {
        const r = await both((c) => setPeak(db, set, settings, startMs, endMs, c), vault.usage);
        expect(r.kept, JSON.stringify(set)).toBe(r.fresh);
        expect([r.freshSwept, r.keptSwept]).toEqual([true, false]);
      }
      const items = await both((c) => itemPeaks(db, ['A', 'B', 'C', 'D'], settings, startMs, endMs, c), vault.usage);
      expect(items.kept).toEqual(items.fresh);
      expect([items.freshSwept, items.keptSwept]).toEqual([true, false]);
    }
  }, 60_000);

  test('a set’s series keeps the rows of the items asked that are in it, zeros for the others', async () => {
    const [from, to] = [utc('2026-03-28T23:00:00Z'), utc('2026-03-29T05:00:00Z')];
    const series = (c?: UsageCache) =>
      usageSeries(db, ['A', 'C', 'D'], settings, 'hour', from, to, { only: ['A', 'B', 'D'], cache: c });
    const r = await both(series, vault.usage);
    expect(r.kept).toEqual(r.fresh);
    expect([r.freshSwept, r.keptSwept]).toEqual([true, false]);
    // The set's hours are not all zeros, nor A's (the comparison is of figures, not of empty series).
    expect(r.kept.get('A')!.some((b) => b.peak > 0)).toBe(true);
  });
});

describe('with a sweep of other settings kept', () => {
  test('the figures are swept in SQL, the kept sweep left as it is', async () => {
    const other = { ...settings, holdMinutes: 0 };
    const kept = vault.usage.memoryOf('sweep');
    const windows = { earliest, period: periods[0]!, tableDate: undefined };
    const r = await both((c) => portalFigures(db, ['A', 'B'], inventory, other, windows, c), vault.usage);
    expect(r.kept).toEqual(r.fresh);
    expect([r.freshSwept, r.keptSwept]).toEqual([true, true]);
    expect(vault.usage.memoryOf('sweep')).toBe(kept);
    const day = await both((c) => intervalTable(db, ['A', 'B'], other, '2026-03-29', c), vault.usage);
    expect(day.kept).toEqual(day.fresh);
  });
});
