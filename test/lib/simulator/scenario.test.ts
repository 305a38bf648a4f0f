/** Scenario outcomes: licenses held per month from the engine's timelines, and the costs they imply. */
import { expect, test } from 'vitest';
import { parseInventory } from '../../../src/lib/inventory/schema.ts';
import type { SimulationResult } from '../../../src/lib/simulator/engine.ts';
import {
  defaultScenarios,
  monthlyMaxHeld,
  outcomeOf,
  scenarioCosts,
  scenarioFromPlan,
} from '../../../src/lib/simulator/scenario.ts';

const D = (m: number, d: number, h = 0) => Date.UTC(2026, m - 1, d, h);

function result(line: [number, number][]): SimulationResult {
  return {
    sessions: [],
    denials: [],
    log: [],
    maxHeld: { X: Math.max(...line.map(([, n]) => n)) },
    timeline: line,
    itemTimelines: { X: line },
  };
}

test('a month’s maximum counts the licenses carried into it', () => {
  const r = result([
    [D(1, 30), 12],
    [D(2, 2), 1],
    [D(3, 5), 3],
    [D(3, 6), 0],
  ]);
  expect(Object.fromEntries(monthlyMaxHeld(r, D(1, 1), D(4, 1)).get('X')!)).toEqual({
    '2026-01': 12,
    '2026-02': 12,
    '2026-03': 3,
  });
});

test('peak, average and coverage over the span come from the timeline', () => {
  // 0 for 12 hours, 2 for 6 hours, 4 for 6 hours of one day.
  const o = outcomeOf(
    's',
    result([
      [D(1, 1, 12), 2],
      [D(1, 1, 18), 4],
    ]),
    D(1, 1),
    D(1, 2),
  );
  expect(o).toMatchObject({ peak: 4, average: (2 * 6 + 4 * 6) / 24, coverage95: 4 });
});

test('costs: the surcharge on Enterprise Floating, True-Up above capacity up to the limit, nothing on a trial', () => {
  const inv = parseInventory('{"version":1,"items":{"X":{"regular":10,"annualPrice":600,"currency":"EUR"}}}');
  if (!inv.ok) throw new Error(inv.message);
  const r = result([
    [D(1, 10), 12],
    [D(1, 20), 0],
  ]);
  const span = { from: D(1, 1), until: D(2, 1) };
  const floating = {
    ...scenarioFromPlan('f', 'enterprise-floating', { X: 10 }),
    trueUpEnabled: true,
    trueUpLimitPercent: 30,
  };
  // N = min(12, 10) = 10 at 10.00 a month; True-Up 2 licenses at 50.00.
  expect(scenarioCosts(floating, r, span, inv.inventory)).toEqual({ EUR: { surcharge: 100, trueUpCost: 100 } });
  expect(scenarioCosts(scenarioFromPlan('o', 'organization-true-up', { X: 10 }), r, span, inv.inventory)).toEqual({
    EUR: { surcharge: 0, trueUpCost: 100 },
  });
  expect(scenarioCosts(scenarioFromPlan('t', 'trial', { X: 10 }), r, span, inv.inventory)).toEqual({
    EUR: { surcharge: 0, trueUpCost: 0 },
  });
  // Without prices, nothing to estimate.
  const bare = parseInventory('{"version":1,"items":{"X":{"regular":10}}}');
  if (!bare.ok) throw new Error(bare.message);
  expect(scenarioCosts(floating, r, span, bare.inventory)).toBeNull();
});

test('the page’s first scenarios take True-Up from the inventory: on at its highest limit when an item has one', () => {
  const parsed = (text: string) => {
    const inv = parseInventory(text);
    if (!inv.ok) throw new Error(inv.message);
    return inv.inventory;
  };
  const limited = parsed(
    '{"version":1,"items":{"X":{"regular":20,"trueUpLimitPercent":25},"Y":{"regular":12,"trueUpLimitPercent":40}}}',
  );
  const [floating, organization] = defaultScenarios({ X: 20, Y: 12 }, limited);
  expect([floating!.plan, floating!.trueUpEnabled, floating!.trueUpLimitPercent]).toEqual([
    'enterprise-floating',
    true,
    40,
  ]);
  expect([organization!.plan, organization!.trueUpEnabled]).toEqual(['organization-true-up', true]);
  const none = defaultScenarios({ X: 20 }, parsed('{"version":1,"items":{"X":{"regular":20}}}'));
  expect(none[0]!.trueUpEnabled).toBe(false);
});
