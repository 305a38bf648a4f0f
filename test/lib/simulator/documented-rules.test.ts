/**
 * Rules of docs/DOMAIN.md §4 the simulator once got wrong, each checked where
 * it went wrong: the demand, the per-user mode, the trial, the order of packs,
 * the Organization True-Up requirements, and a loaded export of any size.
 */
import { describe, expect, test } from 'vitest';
import { candidatesFor, DEFAULT_CATALOG } from '../../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../../src/lib/simulator/demand.ts';
import { organizationTrueUpProblems } from '../../../src/lib/simulator/eligibility.ts';
import { simulate, type ProductRun, type SimUser } from '../../../src/lib/simulator/engine.ts';
import { PLAN_PRESETS, RELEASE_DELAYS, type Rules } from '../../../src/lib/simulator/rules.ts';
import {
  loadedDemand,
  rulesOf,
  runScenario,
  scenarioFromPlan,
  type LoadedSession,
} from '../../../src/lib/simulator/scenario.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 9, 5, 9, 0);
const at = (minutes: number) => T0 + minutes * MINUTE;
const IDEA = 'IntelliJ IDEA Ultimate';
const users: SimUser[] = ['alice', 'bob'].map((name) => ({
  name,
  email: null,
  externalId: name,
  groups: ['developers'],
}));
let id = 0;
const run = (user: string, product: string, machine: string, start: number, end: number | null): ProductRun => ({
  id: ++id,
  user,
  product,
  machine,
  ip: '10.0.0.1',
  start,
  end,
  ending: 'close',
});
const sim = (rules: Rules, capacity: Record<string, number>, runs: ProductRun[], until = at(10 * 24 * 60)) =>
  simulate({ organisation: { users, catalog: DEFAULT_CATALOG, capacity }, rules, runs, until });

test('generated demand: no run ends before it starts, three machines at once included', () => {
  // Enough people with three machines, long enough, for the third machine's run to start late in a work block.
  const demand = generateDemand({ seed: 20251101, start: '2025-11-01', days: 120, users: 120 });
  const backwards = demand.runs.filter((r) => r.end !== null && r.end < r.start);
  expect(backwards.map((r) => r.id)).toEqual([]);
  expect(demand.runs.some((r) => r.machine.includes('-vm-'))).toBe(true);
});

test('the engine never ends a session before it starts, even when told a run ended before it began', () => {
  const result = sim(PLAN_PRESETS['enterprise-floating'], { [IDEA]: 2 }, [
    run('alice', IDEA, 'a1', at(60), at(59)),
    run('bob', IDEA, 'b1', at(61), at(90)),
  ]);
  for (const s of result.sessions) expect(s.to).toBeGreaterThanOrEqual(s.from);
  for (let i = 1; i < result.timeline.length; i++)
    expect(result.timeline[i]![0]).toBeGreaterThanOrEqual(result.timeline[i - 1]![0]);
});

test('prohibited: a third machine is denied whatever the product it runs', () => {
  const rules: Rules = { ...PLAN_PRESETS['enterprise-floating'], perUserMode: 'prohibited' };
  const result = sim(rules, { [IDEA]: 5, GoLand: 5 }, [
    run('alice', IDEA, 'm1', at(0), at(120)),
    run('alice', IDEA, 'm2', at(10), at(120)),
    run('alice', 'GoLand', 'm3', at(20), at(120)),
    // On a machine already in use, another product is no third machine.
    run('alice', 'GoLand', 'm1', at(30), at(120)),
  ]);
  expect(result.denials.map((d) => [d.product, d.host, d.reason])).toEqual([['GoLand', 'm3', 'access_rule']]);
  expect(result.sessions.map((s) => [s.product, s.host])).toEqual([
    [IDEA, 'm1'],
    [IDEA, 'm2'],
    ['GoLand', 'm1'],
  ]);
});

describe('trial', () => {
  test('by default: no Floating mode, licenses held a month after last use, 5 revocations a month', () => {
    const trial = PLAN_PRESETS.trial;
    expect(trial.floating).toBe(false);
    expect(trial.releaseDelayMs).toBe(RELEASE_DELAYS.month);
    expect(trial.revocationsPerMonth).toBe(5);
    const s = scenarioFromPlan('t', 'trial', {});
    expect(s.floating).toBe(false);
    // Floating mode on: released 20 minutes after going silent, revocations without limit.
    const on = rulesOf({ ...s, floating: true });
    expect(on.inactivityMs).toBe(20 * MINUTE);
    expect(on.revocationsPerMonth).toBeNull();
    expect(rulesOf(s).revocationsPerMonth).toBe(5);
  });

  test('10 free All Products Pack licenses for two months, four with a second trial, then gone', () => {
    const start = Date.UTC(2026, 0, 10, 9);
    const day = (n: number) => start + n * 86_400_000;
    const runs = [
      run('alice', 'PyCharm', 'a1', day(0), day(0) + 3_600_000),
      run('bob', 'PyCharm', 'b1', day(50), day(70)),
      run('alice', 'PyCharm', 'a1', day(80), day(80) + 3_600_000),
    ];
    const demand = { users, runs };
    const span = { from: start, until: day(200) };
    const one = runScenario(scenarioFromPlan('t', 'trial', {}), demand, DEFAULT_CATALOG, span).result;
    // Free licenses only: the first two runs get the pack; bob's is taken back when the trial ends (10 March).
    expect(one.sessions.map((s) => [s.user.name, s.license, s.to])).toEqual([
      ['alice', 'All Products Pack', day(0) + 3_600_000],
      ['bob', 'All Products Pack', Date.UTC(2026, 2, 10, 9)],
    ]);
    expect(one.denials.map((d) => [d.user.name, d.reason])).toEqual([['alice', 'no_available_licenses']]);
    const two = runScenario({ ...scenarioFromPlan('t', 'trial', {}), trials: 2 }, demand, DEFAULT_CATALOG, span);
    expect(two.result.sessions.map((s) => s.to)).toEqual([day(0) + 3_600_000, day(70), day(80) + 3_600_000]);
    expect(two.result.denials).toEqual([]);
  });
});

test('the narrowest pack that covers a product comes first: dotUltimate before the All Products Pack for Rider', () => {
  expect(candidatesFor(DEFAULT_CATALOG, 'Rider').map((c) => c.name)).toEqual(['dotUltimate', 'All Products Pack']);
  expect(candidatesFor(DEFAULT_CATALOG, 'ReSharper').map((c) => c.name)).toEqual([
    'ReSharper',
    'dotUltimate',
    'All Products Pack',
  ]);
  const result = sim(PLAN_PRESETS['enterprise-floating'], { 'All Products Pack': 5, dotUltimate: 1 }, [
    run('alice', 'Rider', 'a1', at(0), at(60)),
    run('bob', 'Rider', 'b1', at(1), at(60)),
  ]);
  expect(result.sessions.map((s) => s.license)).toEqual(['dotUltimate', 'All Products Pack']);
});

test('Organization True-Up asks for 50 subscriptions with 10 of one IDE or .NET tool, and says when a scenario has not', () => {
  const ok = { 'All Products Pack': 20, [IDEA]: 10, GoLand: 20 };
  expect(organizationTrueUpProblems(ok, DEFAULT_CATALOG)).toEqual([]);
  expect(organizationTrueUpProblems({ ...ok, GoLand: 19 }, DEFAULT_CATALOG)).toEqual([
    'Organization True-Up needs 50 or more subscriptions; this scenario has 49.',
  ]);
  expect(organizationTrueUpProblems({ 'All Products Pack': 60, [IDEA]: 9 }, DEFAULT_CATALOG)).toEqual([
    'Organization True-Up needs at least 10 subscriptions of one IDE or .NET tool; this scenario has at most 9.',
  ]);
  const demand = { users, runs: [run('alice', IDEA, 'a1', at(0), at(60))] };
  const span = { from: at(0), until: at(120) };
  const small = scenarioFromPlan('o', 'organization-true-up', { [IDEA]: 5 });
  expect(runScenario(small, demand, DEFAULT_CATALOG, span).outcome.problems).toHaveLength(2);
  // Other plans have no such requirement.
  const floating = scenarioFromPlan('f', 'enterprise-floating', { [IDEA]: 5 });
  expect(runScenario(floating, demand, DEFAULT_CATALOG, span).outcome.problems).toEqual([]);
});

test('500,000 loaded sessions become demand and a span without a call per session on the stack', () => {
  const n = 500_000;
  const base = Date.UTC(2026, 0, 1);
  const rows: LoadedSession[] = Array.from({ length: n }, (_, i) => ({
    username: `u${i % 997}`,
    email: null,
    externalId: null,
    license: IDEA,
    product: IDEA,
    host: `h${i % 1500}`,
    ip: null,
    fromMs: base + i * 60_000,
    toMs: i === n - 1 ? null : base + i * 60_000 + (i % 7) * 3_600_000,
  }));
  const demand = loadedDemand(rows);
  expect(demand.runs).toHaveLength(n);
  expect(demand.users).toHaveLength(997);
  expect(demand.from).toBe(base);
  // The latest instant seen: the longest of the last sessions' ends, or the last start; as-of one ms after.
  let latest = 0;
  for (const r of rows) latest = Math.max(latest, r.fromMs, r.toMs ?? r.fromMs);
  expect(demand.until).toBe(latest + 1);
});
