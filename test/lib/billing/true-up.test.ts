/** The True-Up limit (docs/DOMAIN.md §4): the one rule every figure with a True-Up limit uses. */
import { describe, expect, test } from 'vitest';
import { billMonth } from '../../../src/lib/billing/money.ts';
import { TRUE_UP_MIN_LICENSES, totalTrueUpLimit, trueUpLimit } from '../../../src/lib/billing/true-up.ts';
import { parseInventory, type Inventory, type InventoryItem } from '../../../src/lib/inventory/schema.ts';

/** Inventory items as the schema makes them, defaults applied. */
function inventory(items: Record<string, Record<string, unknown>>): Inventory {
  const r = parseInventory(JSON.stringify({ version: 1, items }));
  if (!r.ok) throw new Error(r.message);
  return r.inventory;
}
const item = (fields: Record<string, unknown>): InventoryItem => inventory({ X: fields }).items.X!;

describe('trueUpLimit', () => {
  test('no True-Up below 10 licenses: 9 have none, 10 have floor(10 × 30 %) = 3', () => {
    expect(TRUE_UP_MIN_LICENSES).toBe(10);
    expect(trueUpLimit(item({ regular: 9, trueUpLimitPercent: 30 }))).toBeNull();
    expect(trueUpLimit(item({ regular: 10, trueUpLimitPercent: 30 }))).toBe(3);
  });

  test('virtual licenses count toward the capacity, for the minimum and the limit', () => {
    expect(trueUpLimit(item({ regular: 5, virtual: 5, trueUpLimitPercent: 30 }))).toBe(3);
    expect(trueUpLimit(item({ regular: 4, virtual: 5, trueUpLimitPercent: 30 }))).toBeNull();
    expect(trueUpLimit(item({ regular: 64, virtual: 10, trueUpLimitPercent: 30 }))).toBe(22);
  });

  test('none without a limit percent (the default), nor for a plugin', () => {
    expect(trueUpLimit(item({ regular: 64 }))).toBeNull();
    expect(trueUpLimit(item({ regular: 64, trueUpLimitPercent: null }))).toBeNull();
    expect(trueUpLimit(item({ regular: 64, trueUpLimitPercent: 30, kind: 'plugin' }))).toBeNull();
    expect(trueUpLimit(item({ regular: 64, trueUpLimitPercent: 30, kind: 'pack' }))).toBe(19);
  });

  test('rounded down: floor(capacity × percent / 100)', () => {
    expect(trueUpLimit(item({ regular: 19, trueUpLimitPercent: 30 }))).toBe(5); // 5.7
    expect(trueUpLimit(item({ regular: 13, trueUpLimitPercent: 30 }))).toBe(3); // 3.9
    expect(trueUpLimit(item({ regular: 10, trueUpLimitPercent: 5 }))).toBe(0); // a True-Up that allows none
    expect(trueUpLimit(item({ regular: 100, trueUpLimitPercent: 12.5 }))).toBe(12);
  });
});

describe('totalTrueUpLimit', () => {
  const inv = inventory({
    Nine: { regular: 9, trueUpLimitPercent: 30 },
    Ten: { regular: 10, trueUpLimitPercent: 30 },
    Big: { regular: 40, trueUpLimitPercent: 25 },
    Plain: { regular: 20 },
  });

  test('the sum of the items’ limits, an item without True-Up adding none', () => {
    expect(totalTrueUpLimit(inv, ['Ten', 'Big'])).toBe(3 + 10);
    expect(totalTrueUpLimit(inv, ['Nine', 'Ten', 'Plain'])).toBe(3);
    expect(totalTrueUpLimit(inv, ['Ten'])).toBe(3);
  });

  test('none when no item has True-Up, or nothing is asked', () => {
    expect(totalTrueUpLimit(inv, ['Nine'])).toBeNull();
    expect(totalTrueUpLimit(inv, ['Nine', 'Plain'])).toBeNull();
    expect(totalTrueUpLimit(inv, [])).toBeNull();
  });

  test('unknown when an item is not in the inventory', () => {
    expect(totalTrueUpLimit(inv, ['Ten', 'Missing'])).toBeNull();
  });
});

test('9 licenses at 30 %: the chart’s and a link’s limit (totalTrueUpLimit) and the bill agree there is no True-Up', () => {
  const inv = inventory({ Nine: { regular: 9, trueUpLimitPercent: 30, annualPrice: 600 } });
  expect(trueUpLimit(inv.items.Nine!)).toBeNull();
  expect(totalTrueUpLimit(inv, ['Nine'])).toBeNull();
  expect(billMonth('2026-03', 'Nine', 12, inv.items.Nine!)).toMatchObject({ n: 9, trueUpLicenses: 0, trueUpCost: 0 });
});
