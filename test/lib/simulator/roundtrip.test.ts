/**
 * The simulator and the rest agree: its export loads with no reject, and the
 * usage engine's peak per item equals the simulator's own count of
 * allocations held. And the same seed gives the same files.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { DEFAULT_CATALOG } from '../../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../../src/lib/simulator/demand.ts';
import { simulate, type Organisation } from '../../../src/lib/simulator/engine.ts';
import { allocationExport, denialsFile, explanationLog } from '../../../src/lib/simulator/output.ts';
import { PLAN_PRESETS, RELEASE_DELAYS, type Rules } from '../../../src/lib/simulator/rules.ts';
import { freshDatabase } from '../../helpers/db.ts';

const CAPACITY = {
  'All Products Pack': 10,
  'IntelliJ IDEA Ultimate': 10,
  'PyCharm Professional': 3,
  GoLand: 2,
  dotUltimate: 2,
  ReSharper: 2,
};

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

function run(rules: Rules, seed: number, revoke = true) {
  const demand = generateDemand({ seed, start: '2026-03-23', days: 14, users: 30 });
  const organisation: Organisation = { users: demand.users, catalog: DEFAULT_CATALOG, capacity: CAPACITY };
  // Through the spring DST change in Europe, as of a Friday afternoon.
  return simulate({
    organisation,
    rules,
    runs: demand.runs,
    until: Date.UTC(2026, 3, 3, 14),
    revocations: revoke ? [{ at: Date.UTC(2026, 2, 25, 10), user: demand.users[0]!.name }] : [],
  });
}

async function roundTrip(rules: Rules, holdMinutes: number, seed: number, revoke = true) {
  const result = run(rules, seed, revoke);
  await loadFiles(db, []);
  await db.query(clearAllSql());
  const [report] = await loadFiles(db, [memorySource('sim.csv', allocationExport(result))]);
  expect(report!.status).toBe('loaded');
  expect(report!.counts).toMatchObject({
    rowsRead: result.sessions.length,
    accepted: result.sessions.length,
    rejected: 0,
    duplicates: 0,
  });
  const usage = await buildReport(db, { zone: 'Europe/Berlin', holdMinutes });
  const peaks = Object.fromEntries(usage.items.map((i) => [i.license, i.cards.peakUsage.value]));
  const held = Object.fromEntries(usage.items.map((i) => [i.license, result.maxHeld[i.license] ?? 0]));
  expect(peaks).toEqual(held);
  return { result, usage };
}

test('Floating with True-Up: the export loads whole and every peak equals the allocations the simulator held', async () => {
  const rules: Rules = {
    ...PLAN_PRESETS['enterprise-floating'],
    trueUp: { enabled: true, limitPercent: 30 },
  };
  for (const seed of [1, 2, 3]) {
    const { result, usage } = await roundTrip(rules, 0, seed);
    expect(result.sessions.length).toBeGreaterThan(500);
    expect(usage.total.cards.peakUsage.value).toBeGreaterThan(5);
  }
});

test('a fixed release delay is the usage engine’s hold delay', async () => {
  const rules: Rules = {
    ...PLAN_PRESETS['organization-true-up'],
    releaseDelayMs: RELEASE_DELAYS.threeDays,
    trueUp: { enabled: false, limitPercent: 0 },
  };
  // No revocation here: a revoked license is released at once, which a hold delay cannot know.
  const { result } = await roundTrip(rules, RELEASE_DELAYS.threeDays / 60_000, 4, false);
  expect(result.denials.length).toBeGreaterThan(0);
});

test('the same seed and settings give identical files; another seed does not', () => {
  const rules = PLAN_PRESETS['enterprise-floating'];
  const files = (seed: number) => {
    const r = run(rules, seed);
    return [allocationExport(r), denialsFile(r), explanationLog(r)];
  };
  expect(files(7)).toEqual(files(7));
  expect(files(7)[0]).not.toEqual(files(8)[0]);
});
