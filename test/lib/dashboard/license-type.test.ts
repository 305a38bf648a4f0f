/**
 * The license-type view (docs/DOMAIN.md §4): the vault gives out prepaid
 * licenses first and True-Up on top, so of a peak L the prepaid part is
 * min(L, capacity) and the True-Up part max(0, L − capacity).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LICENSE_TYPE_LABELS, LICENSE_TYPES, peakOfType } from '../../../src/lib/dashboard/license-type.ts';

describe('peakOfType with 10 prepaid licenses', () => {
  test.each([
    [14, 14, 10, 4],
    [10, 10, 10, 0],
    [6, 6, 6, 0],
    [0, 0, 0, 0],
  ])('a peak of %i: all %i, prepaid %i, True-Up %i', (peak, all, prepaid, trueUp) => {
    expect(peakOfType(peak, 10, 'all')).toBe(all);
    expect(peakOfType(peak, 10, 'prepaid')).toBe(prepaid);
    expect(peakOfType(peak, 10, 'true-up')).toBe(trueUp);
  });
});

test('with no prepaid licenses every license in use is True-Up', () => {
  expect(peakOfType(3, 0, 'prepaid')).toBe(0);
  expect(peakOfType(3, 0, 'true-up')).toBe(3);
});

test('without an inventory entry nothing is known to be True-Up: the whole peak is shown as prepaid', () => {
  expect(peakOfType(7, null, 'all')).toBe(7);
  expect(peakOfType(7, null, 'prepaid')).toBe(7);
  expect(peakOfType(7, null, 'true-up')).toBe(0);
});

test('the parts add up to the peak and neither shrinks as the peak grows', () => {
  const n = fc.integer({ min: 0, max: 10_000 });
  fc.assert(
    fc.property(n, n, n, (a, b, capacity) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      const part = (peak: number, t: 'prepaid' | 'true-up') => peakOfType(peak, capacity, t);
      expect(part(high, 'prepaid') + part(high, 'true-up')).toBe(high);
      expect(part(low, 'prepaid')).toBeLessThanOrEqual(part(high, 'prepaid'));
      expect(part(low, 'true-up')).toBeLessThanOrEqual(part(high, 'true-up'));
      expect(part(high, 'prepaid')).toBeLessThanOrEqual(capacity);
    }),
  );
});

test('each type has its label', () => {
  expect(LICENSE_TYPES.map((t) => LICENSE_TYPE_LABELS[t])).toEqual([
    'All license types',
    'Prepaid (regular and virtual)',
    'True-Up',
  ]);
});
