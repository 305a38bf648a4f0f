/**
 * The page's report cache (src/lib/usage/cache.ts): the sweep of all the data
 * is kept, and every period and zone read from it must give exactly the
 * report a fresh computation gives; a change of the data, the hold delay or
 * as-of must sweep again, a change of the zone or the period must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pathSource } from '../../../src/lib/ingest/node-source.ts';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { countPeople, deriveReport, gatherReportFacts, type FactsOptions } from '../../../src/lib/report/build.ts';
import type { Report } from '../../../src/lib/report/schema.ts';
import { UsageCache } from '../../../src/lib/usage/cache.ts';
import { periodUsage, usageSeries } from '../../../src/lib/usage/engine.ts';
import { intact } from '../../../src/lib/usage/sweep.ts';
import { openVault, type Vault } from '../../../src/lib/vault.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { recording, sweptInSql } from '../../helpers/recording.ts';

const SAMPLE = fileURLToPath(new URL('../../../sample-data/small/', import.meta.url));

let db: ReturnType<typeof recording>;
let vault: Vault;
let inventory: Inventory;
beforeAll(async () => {
  db = recording(await freshDatabase());
  vault = await openVault(db);
  const parsed = parseInventory(readFileSync(join(SAMPLE, 'inventory.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  inventory = parsed.inventory;
  await vault.load([await pathSource(join(SAMPLE, 'allocations-2026-09.csv'))]);
}, 180_000);
afterAll(async () => db?.close());

async function report(options: FactsOptions, cache?: UsageCache): Promise<{ report: Report; swept: boolean }> {
  db.asked.length = 0;
  // A sweep in memory is a new L(t) kept in the cache.
  const before = cache?.memoryOf('sweep');
  const facts = await gatherReportFacts(db, { ...options, itemNames: Object.keys(inventory.items), cache });
  const swept = sweptInSql(db.asked) || (cache !== undefined && cache.memoryOf('sweep') !== before);
  return { report: deriveReport(facts, { inventory, threshold: 70 }), swept };
}

/** The same report with the cache and without: equal, and whether the cached one swept. */
async function compare(options: FactsOptions): Promise<boolean> {
  const fresh = await report(options);
  const cached = await report(options, vault.usage);
  expect(cached.report).toEqual(fresh.report);
  return cached.swept;
}

describe('periods and zones', () => {
  test('are answered from the kept sweep, with the very figures of a fresh report', async () => {
    const zone = 'Europe/Berlin';
    expect(await compare({ zone, holdMinutes: 30 })).toBe(true); // all history: swept and kept
    const inside = [
      { from: '2026-09-01', to: '2026-09-30' }, // the same days
      { from: '2026-09-24' }, // the last week, to as-of
      { from: '2026-09-10', to: '2026-09-10' }, // one day in the middle
      { from: '2026-09-07', to: '2026-09-13' },
      { to: '2026-09-05' },
      { from: '2026-08-20', to: '2026-09-05' }, // reaching before the first session
    ];
    for (const p of inside) expect(await compare({ zone, holdMinutes: 30, ...p }), JSON.stringify(p)).toBe(false);
  }, 120_000);

  test('a zone change after a kept sweep re-buckets it: the figures of a fresh report, no sweep', async () => {
    // Whole, half and three-quarter hour offsets, either side of UTC, with and without summer time.
    const zones = ['America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Adelaide'];
    expect(await compare({ zone: 'UTC', holdMinutes: 15 })).toBe(true);
    for (const zone of zones) {
      expect(await compare({ zone, holdMinutes: 15 }), zone).toBe(false);
      expect(await compare({ zone, holdMinutes: 15, from: '2026-09-06', to: '2026-09-15' }), zone).toBe(false);
    }
  }, 240_000);

  test('a hold delay or as-of change sweeps again, then zones and periods read the new sweep', async () => {
    const zone = 'Asia/Kolkata';
    expect(await compare({ zone, from: '2026-09-06', to: '2026-09-15', holdMinutes: 10 })).toBe(true);
    expect(await compare({ zone, from: '2026-09-06', to: '2026-09-15', holdMinutes: 0 })).toBe(true);
    expect(await compare({ zone: 'Asia/Kathmandu', from: '2026-09-01', to: '2026-09-15' })).toBe(false);
    const asOf = Date.parse('2026-09-14T12:00:00Z');
    expect(await compare({ zone, from: '2026-09-06', to: '2026-09-15', holdMinutes: 10, asOf })).toBe(true);
    expect(await compare({ zone, from: '2026-09-07', holdMinutes: 10, asOf })).toBe(false);
    expect(await compare({ zone: 'America/New_York', holdMinutes: 10, asOf })).toBe(false);
  }, 120_000);
});

describe('sessions lost to the sweep’s worker', () => {
  test('are read again, not swept as if there were none', async () => {
    const zone = 'Europe/Berlin';
    expect(await compare({ zone, holdMinutes: 5 })).toBe(true);
    const kept = vault.usage.memoryOf('sessions');
    expect(kept && intact(kept)).toBe(true);
    // As a worker that died holding them leaves them: every column detached, empty.
    const { item, alloc, f, t } = kept!.columns;
    structuredClone(kept!.columns, { transfer: [item.buffer, alloc.buffer, f.buffer, t.buffer] });
    expect(intact(kept!)).toBe(false);
    // A hold change sweeps the kept sessions again: they are read anew, and the figures are a fresh report's.
    expect(await compare({ zone, holdMinutes: 25 })).toBe(true);
    expect(intact(vault.usage.memoryOf('sessions')!)).toBe(true);
  }, 120_000);
});

describe('a change of the data', () => {
  test('a load drops what was kept, and the next report is of the new data', async () => {
    const zone = 'Europe/Berlin'; // October holds the end of summer time
    await compare({ zone });
    await vault.load([await pathSource(join(SAMPLE, 'allocations-2026-10.csv'))]);
    expect(await kept()).toEqual([]);
    // The same period (September) as kept before the load: October's sessions reach into it only through
    // what is open, but the data changed, so it must be swept again.
    expect(await compare({ zone, from: '2026-09-01', to: '2026-09-30' })).toBe(true);
    expect(await compare({ zone })).toBe(false);
    expect(await compare({ zone, from: '2026-10-20', to: '2026-10-31' })).toBe(false); // the 25-hour day inside
    // The sessions (items; the sessions themselves in memory) and the people (items, sessions per quarter, user
    // days); the sweep is all in memory (its segments and quarters).
    expect(await kept()).toHaveLength(4);
  }, 120_000);

  test('clear drops what was kept', async () => {
    await vault.clear();
    expect(await kept()).toEqual([]);
  });
});

async function kept(): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'usage_kept_%'",
  );
  return rows.map((r) => r.name);
}

describe('drill-downs', () => {
  test('read their levels from the kept L(t), with the figures of a sweep of their own', async () => {
    await vault.load([await pathSource(join(SAMPLE, 'allocations-2026-09.csv'))]); // the tests before may clear
    const items = Object.keys(inventory.items);
    const asOf = Date.UTC(2026, 8, 28, 13, 7);
    const days = [Date.UTC(2026, 8, 1), Date.UTC(2026, 8, 15, 22), Date.UTC(2026, 8, 28)];
    let busy = false;
    for (const [zone, holdMinutes] of [
      ['Europe/Berlin', 0],
      ['Asia/Kathmandu', 30],
    ] as const) {
      const settings = { zone, asOf, holdMinutes };
      await periodUsage(db, items, settings, Date.UTC(2026, 7, 1), asOf, vault.usage); // the sweep kept
      for (const day of days) {
        for (const [resolution, from, to] of [
          ['hour', day, day + 86_400_000],
          ['minute', day + 9 * 3_600_000, day + 10 * 3_600_000],
          ['minute', day + 13 * 3_600_000, day + 14 * 3_600_000], // as-of inside it on the last day
        ] as const) {
          const fresh = await usageSeries(db, items, settings, resolution, from, to);
          db.asked.length = 0;
          const kept = await usageSeries(db, items, settings, resolution, from, to, { cache: vault.usage });
          expect(sweptInSql(db.asked), `${zone} ${resolution} ${from}`).toBe(false);
          expect(kept).toEqual(fresh);
          busy ||= [...fresh.values()].flat().some((b) => b.peak > 0 && b.average > 0 && b.sessions > 0);
        }
      }
    }
    expect(busy).toBe(true); // the drill-downs compared met sessions, not only empty hours
  }, 180_000);
});

describe('the first report in two steps (the page’s: its cards before its people)', () => {
  test('the cards’ facts first, then the people: together the very report of one step', async () => {
    await vault.load([await pathSource(join(SAMPLE, 'allocations-2026-09.csv'))]); // the tests before may clear
    const cache = new UsageCache();
    const options = { zone: 'Asia/Kolkata', holdMinutes: 10, itemNames: Object.keys(inventory.items) };
    const whole = await gatherReportFacts(db, options);
    db.asked.length = 0;
    const first = await gatherReportFacts(db, { ...options, cache, people: 'when-kept' });
    // Neither the user days nor the usage copy on the way to the cards.
    expect(db.asked.some((q) => /_covered AS|usage_sessions AS/.test(q))).toBe(false);
    expect(first.usage.usersPending).toBe(true);
    const days = (f: typeof first) => [...f.usage.daily.values()].flat();
    expect(days(first).every((d) => d.distinctUsers === 0 && d.sessions === 0)).toBe(true);
    const counted = await countPeople(db, first, cache);
    expect(counted.usage.usersPending).toBeUndefined();
    expect(days(whole).some((d) => d.distinctUsers > 0)).toBe(true);
    // Every figure but the people's is already the first step's; with them, the report of one step.
    const withoutPeople = (f: typeof first) => days(f).map(({ distinctUsers: _u, sessions: _s, ...rest }) => rest);
    expect(withoutPeople(first)).toEqual(withoutPeople(whole));
    expect({ ...first.usage, daily: null, usersPending: undefined }).toEqual({ ...whole.usage, daily: null });
    expect(deriveReport(counted, { inventory })).toEqual(deriveReport(whole, { inventory }));
    // A whole report of the first step alone is refused: its 0 users are no figures.
    expect(() => deriveReport(first, { inventory })).toThrow(/still being counted/);
    // The people kept: a later report (another period, a hold change) has them at once.
    for (const later of [{ from: '2026-09-10', to: '2026-09-20' }, { holdMinutes: 25 }]) {
      const next = await gatherReportFacts(db, { ...options, ...later, cache, people: 'when-kept' });
      expect(next.usage.usersPending).toBeUndefined();
      expect(deriveReport(next, { inventory })).toEqual(
        deriveReport(await gatherReportFacts(db, { ...options, ...later }), { inventory }),
      );
    }
  }, 120_000);

  test('a period inside a first step’s is not read from its pending days', async () => {
    const cache = new UsageCache();
    const options = { zone: 'Europe/Berlin', itemNames: Object.keys(inventory.items) };
    await gatherReportFacts(db, { ...options, cache, people: 'when-kept' });
    const inside = { from: '2026-09-07', to: '2026-09-13' };
    const pending = await gatherReportFacts(db, { ...options, ...inside, cache, people: 'when-kept' });
    expect(pending.usage.usersPending).toBe(true);
    const counted = await gatherReportFacts(db, { ...options, ...inside, cache });
    expect(deriveReport(counted, { inventory })).toEqual(
      deriveReport(await gatherReportFacts(db, { ...options, ...inside }), { inventory }),
    );
  }, 120_000);
});
