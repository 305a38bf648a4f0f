/**
 * The Simulate page's "as exported" column: the loaded data's own figures from
 * the report's code, and a scenario replaying that export with room for
 * everyone gives the same figures, day by day.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { EMPTY_INVENTORY } from '../../../src/lib/inventory/schema.ts';
import { loadedSessions } from '../../../src/lib/queries/demand.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { differenceFromBaseline, exportBaseline } from '../../../src/lib/simulator/baseline.ts';
import { DEFAULT_CATALOG } from '../../../src/lib/simulator/catalog.ts';
import { simulate, type ProductRun, type SimUser } from '../../../src/lib/simulator/engine.ts';
import { allocationExport, denialsFile } from '../../../src/lib/simulator/output.ts';
import { PLAN_PRESETS } from '../../../src/lib/simulator/rules.ts';
import {
  catalogFromSessions,
  loadedDemand,
  runScenario,
  scenarioFromPlan,
} from '../../../src/lib/simulator/scenario.ts';
import { freshDatabase } from '../../helpers/db.ts';

const HOUR = 3_600_000;
const ZONE = 'Europe/Berlin';
const IDEA = 'IntelliJ IDEA Ultimate';
// Monday 5 and Tuesday 6 October 2026, 08:00 in Berlin.
const MON = Date.UTC(2026, 9, 5, 6);
const TUE = MON + 24 * HOUR;

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

const users: SimUser[] = ['ann', 'ben', 'cid'].map((name) => ({ name, email: null, externalId: name, groups: [] }));
let id = 0;
const run = (user: string, start: number, end: number): ProductRun => ({
  id: ++id,
  user,
  product: IDEA,
  machine: `${user}-pc`,
  ip: '10.0.0.1',
  start,
  end,
  ending: 'close',
});

test('the export’s peak, average, levels and denials, and a roomy replay of it equal to them', async () => {
  // Monday: ann 8–12, ben 9–11, cid 10–11 (denied: one of two licenses each); Tuesday: ann 8–10. As of Tuesday 12:00.
  const runs = [run('ann', MON, MON + 4 * HOUR), run('ben', MON + HOUR, MON + 3 * HOUR)];
  runs.push(run('cid', MON + 2 * HOUR, MON + 3 * HOUR), run('ann', TUE, TUE + 2 * HOUR));
  const organisation = { users, catalog: DEFAULT_CATALOG, capacity: { [IDEA]: 2 } };
  const real = simulate({ organisation, rules: PLAN_PRESETS['enterprise-floating'], runs, until: TUE + 4 * HOUR });
  await loadFiles(db, []);
  await db.query(clearAllSql());
  const reports = await loadFiles(db, [
    memorySource('allocations.csv', allocationExport(real)),
    memorySource('denials.csv', denialsFile(real)),
  ]);
  expect(reports.map((r) => r.counts.rejected)).toEqual([0, 0]);

  const baseline = await exportBaseline(db, ZONE, EMPTY_INVENTORY);
  // The period: Monday 00:00 Berlin to as-of, the latest instant in the data (Tuesday 10:00 Berlin).
  const from = Date.UTC(2026, 9, 4, 22);
  expect(baseline.span).toEqual({ from, until: TUE + 2 * HOUR });
  expect(baseline.peak).toBe(2);
  // 2 licenses for 2 hours, 1 for 4 hours over 34 hours (Monday 00:00 to Tuesday 10:00).
  expect(baseline.average).toBeCloseTo((2 * 2 + 1 * 4) / 34, 9);
  expect(baseline.daily).toEqual([
    { date: '2026-10-05', peak: 2 },
    { date: '2026-10-06', peak: 1 },
  ]);
  expect(baseline.days.map((d) => [d.start, d.end])).toEqual([
    [from, from + 24 * HOUR],
    [from + 24 * HOUR, TUE + 2 * HOUR],
  ]);
  expect(baseline.denials).toEqual({ no_available_licenses: 1, access_rule: 0, not_in_authorized_group: 0 });

  // The export replayed with room for all: cid's denied run is not in it, so nothing is denied, and the rest is as it was.
  const rows = await loadedSessions(db);
  const demand = loadedDemand(rows);
  const scenario = scenarioFromPlan('roomy', 'enterprise-floating', { [IDEA]: 5 });
  const catalog = catalogFromSessions(rows, EMPTY_INVENTORY);
  const { outcome } = runScenario(scenario, demand, catalog, baseline.span, undefined, undefined, baseline.days);
  expect(outcome.daily).toEqual(baseline.daily);
  expect(baseline.sessions).toBe(3);
  expect(differenceFromBaseline(outcome, baseline)).toEqual({
    sessions: 0,
    peak: 0,
    average: outcome.average - baseline.average,
    coverage95: 0,
    coverage99: 0,
    denials: { no_available_licenses: -1, access_rule: 0, not_in_authorized_group: 0 },
  });
  expect(outcome.average).toBeCloseTo(baseline.average, 9);
  // One license less: ben waits, the peak is 1 and Monday's denial comes back.
  const tight = runScenario({ ...scenario, capacity: { [IDEA]: 1 } }, demand, catalog, baseline.span);
  expect(differenceFromBaseline(tight.outcome, baseline)).toMatchObject({
    peak: -1,
    denials: { no_available_licenses: 0 },
  });
});

test('a session starting exactly at as-of is loaded, but the export’s sessions are those a replay up to as-of starts from', async () => {
  // ann 08–10; ben opens at 10:00, the latest instant in the data: as-of.
  const at = (ms: number) => new Date(ms).toISOString();
  const header =
    'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
  const text = [
    header,
    `a1,${IDEA},IDEA,ann,ann@example.com,10.0.0.1,ann-pc,ann,${at(MON)},${at(MON + 2 * HOUR)}`,
    `a2,${IDEA},IDEA,ben,ben@example.com,10.0.0.2,ben-pc,ben,${at(MON + 2 * HOUR)},`,
  ].join('\n');
  await db.query(clearAllSql());
  const [report] = await loadFiles(db, [memorySource('allocations.csv', text)]);
  expect(report!.counts.accepted).toBe(2);

  const baseline = await exportBaseline(db, ZONE, EMPTY_INVENTORY);
  expect(baseline.span.until).toBe(MON + 2 * HOUR);
  expect(baseline.sessions).toBe(1);
  const rows = await loadedSessions(db);
  const scenario = scenarioFromPlan('roomy', 'enterprise-floating', { [IDEA]: 5 });
  const { outcome } = runScenario(
    scenario,
    loadedDemand(rows),
    catalogFromSessions(rows, EMPTY_INVENTORY),
    baseline.span,
  );
  expect(differenceFromBaseline(outcome, baseline).sessions).toBe(0);
});
