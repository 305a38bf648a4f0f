/**
 * The instants' radix sort (src/lib/usage/time-sort.ts) against a sort by
 * comparison, ties in their first order: random instants (many equal ones,
 * one alone, the span's extremes up to 2^53 − 1, few values and as many as
 * take the wide digits), each tag following its instant; and instants the
 * radix sort does not take (fractions, infinities, a span of 2^53) sorted alike.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sortTimesWith } from '../../../src/lib/usage/time-sort.ts';

/** The stable order by comparison: [time, tag] pairs. */
function expected(times: readonly number[], tags: readonly number[]): number[][] {
  return [...times.keys()]
    .sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b))
    .map((i) => [times[i]!, tags[i]!]);
}

function sorted(times: readonly number[], tags: readonly number[]): number[][] {
  const [t, g] = [Float64Array.from(times), Int32Array.from(tags)];
  sortTimesWith(t, g);
  return [...t].map((x, i) => [x, g[i]!]);
}

const MAX = 2 ** 53 - 1;

/** Instants from `lo`: offsets below 2^bits, drawn from a few values (ties) or any, the extremes included. */
const instants = (length: { minLength: number; maxLength: number }) =>
  fc
    .record({
      lo: fc.constantFrom(0, 1_761_955_200_000_000, -1_000_000),
      bits: fc.integer({ min: 1, max: 53 }),
      few: fc.boolean(),
    })
    .chain(({ lo, bits, few }) => {
      const top = Math.min(2 ** bits - 1, MAX - Math.max(lo, 0));
      const offset = few
        ? fc.constantFrom(0, 1, top, Math.floor(top / 2))
        : fc.oneof(
            fc.constant(0),
            fc.constant(top),
            fc.integer({ min: 0, max: Math.min(top, 2 ** 31) }),
            fc.maxSafeNat().map((x) => x % (top + 1)),
          );
      return fc.array(
        offset.map((d) => lo + d),
        length,
      );
    });

test('instants are sorted as a stable comparison sorts them, tags along', () => {
  fc.assert(
    fc.property(instants({ minLength: 0, maxLength: 300 }), (times) => {
      const tags = times.map((_, i) => i);
      expect(sorted(times, tags)).toEqual(expected(times, tags));
    }),
    { numRuns: 500 },
  );
});

test('as many instants as take the wide digits are sorted alike', () => {
  fc.assert(
    fc.property(instants({ minLength: 70_000, maxLength: 70_000 }), (times) => {
      const tags = times.map((_, i) => i);
      expect(sorted(times, tags)).toEqual(expected(times, tags));
    }),
    { numRuns: 8 },
  );
});

test('one instant, or all equal, stay as they are', () => {
  expect(sorted([5], [3])).toEqual([[5, 3]]);
  expect(sorted([7, 7, 7], [2, 0, 1])).toEqual([
    [7, 2],
    [7, 0],
    [7, 1],
  ]);
  expect(sorted([], [])).toEqual([]);
});

test('written out: large instants with a small span, and instants sorted by comparison', () => {
  expect(sorted([2 ** 60 + 512, 2 ** 60, 2 ** 60 + 256, 2 ** 60], [0, 1, 2, 3])).toEqual([
    [2 ** 60, 1],
    [2 ** 60, 3],
    [2 ** 60 + 256, 2],
    [2 ** 60 + 512, 0],
  ]);
  expect(sorted([3.5, 1, 2.25, 1], [0, 1, 2, 3])).toEqual([
    [1, 1],
    [1, 3],
    [2.25, 2],
    [3.5, 0],
  ]);
});

test('instants the radix sort does not take are sorted by comparison, alike', () => {
  for (const times of [
    [3.5, 1, 2.25, 1],
    [Infinity, 4, -Infinity, 4, 0],
    [MAX, -1, 0, MAX],
  ]) {
    const tags = times.map((_, i) => i);
    expect(sorted(times, tags)).toEqual(expected(times, tags));
  }
});
