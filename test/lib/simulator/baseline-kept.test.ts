/**
 * The Simulate page's "as exported" column with the page's cache
 * (exportBaseline's `cache`): the figures it gives without one, read from
 * the kept sweep when that is the baseline's (no hold delay, as-of the
 * data's latest instant) or none is kept yet; a sweep kept for another hold
 * delay (the dashboard's) is left in place, the baseline swept apart.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { EMPTY_INVENTORY } from '../../../src/lib/inventory/schema.ts';
import { exportBaseline } from '../../../src/lib/simulator/baseline.ts';
import { keepsSweep, periodUsage } from '../../../src/lib/usage/engine.ts';
import { openVault, type Vault } from '../../../src/lib/vault.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { recording, sweptInSql } from '../../helpers/recording.ts';

const HEADER =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const ZONE = 'Europe/Berlin';
const utc = (iso: string) => Date.parse(iso);
// The latest instant in the data: the baseline's as-of.
const LATEST = utc('2026-03-30T10:40:00Z');

let db: ReturnType<typeof recording>;
let vault: Vault;
beforeAll(async () => {
  db = recording(await freshDatabase());
  vault = await openVault(db);
  const rows = [
    ['a1', 'A', 'ann', '2026-03-28T08:00:00Z', '2026-03-28T12:00:00Z'],
    ['a1', 'A', 'ann', '2026-03-28T11:00:00Z', '2026-03-28T13:00:00Z'],
    ['a2', 'A', 'ben', '2026-03-28T09:00:00Z', '2026-03-28T12:30:00Z'],
    ['b1', 'B', 'cid', '2026-03-29T00:30:00Z', '2026-03-29T02:00:00Z'],
    ['b2', 'B', 'dan', '2026-03-29T01:00:00Z', '2026-03-29T03:00:00Z'],
    ['a3', 'A', 'eve', '2026-03-29T01:30:00Z', '2026-03-29T01:45:00Z'],
    ['a4', 'A', 'fay', '2026-03-30T08:00:00Z', ''],
    ['b3', 'B', 'gus', '2026-03-30T09:00:00Z', '2026-03-30T10:40:00Z'],
  ];
  const lines = rows.map(([alloc, item, user, from, to], i) =>
    [alloc, item, 'IDE', user, `${user}@example.com`, '10.0.0.1', `host${i}`, '', from, to].join(','),
  );
  await vault.load([memorySource('x.csv', [HEADER, ...lines].join('\n'))]);
}, 120_000);
afterAll(async () => db?.close());

/** The baseline with `cache` or without, and whether it swept. */
async function baseline(cache?: Vault['usage']) {
  db.asked.length = 0;
  // A sweep in memory: a new L(t) kept in the cache, or one made apart (a report without the cache makes its
  // people's tables with it).
  const before = cache?.memoryOf('sweep');
  const figures = await exportBaseline(db, ZONE, EMPTY_INVENTORY, cache);
  const apart = db.asked.some((q) => /^CREATE OR REPLACE TEMP TABLE scratch_people_\w*items AS SELECT/.test(q));
  const inMemory = apart || (cache !== undefined && cache.memoryOf('sweep') !== before);
  return { figures, swept: sweptInSql(db.asked) || inMemory };
}

test('the baseline read from the cache is the one without, and a sweep of another hold delay is left kept', async () => {
  const fresh = await baseline();
  expect(fresh.swept).toBe(true);
  expect(fresh.figures.peak).toBeGreaterThan(0);
  const settings = { zone: ZONE, asOf: LATEST, holdMinutes: 0 };

  // Nothing kept yet: the baseline's sweep is made and kept.
  expect(vault.usage.memoryOf('sweep')).toBeNull();
  expect(await baseline(vault.usage)).toEqual(fresh);
  expect(await keepsSweep(db, vault.usage, settings)).toBe(true);
  // Kept: read again without a sweep.
  expect(await baseline(vault.usage)).toEqual({ ...fresh, swept: false });

  // The dashboard at a hold delay of 30 minutes keeps its own sweep: the baseline sweeps apart and leaves it.
  const dashboard = { ...settings, holdMinutes: 30 };
  await periodUsage(db, ['A', 'B'], dashboard, fresh.figures.span.from, LATEST, vault.usage);
  const kept = vault.usage.memoryOf('sweep');
  expect(await baseline(vault.usage)).toEqual(fresh);
  expect(vault.usage.memoryOf('sweep')).toBe(kept);
  expect(await keepsSweep(db, vault.usage, dashboard)).toBe(true);
}, 120_000);
