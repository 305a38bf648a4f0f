/** What a component shows for a question (useQuery's rule): never an error beside data, never an old answer as current. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { NOTHING_SETTLED, laterOf, sameDeps, shownAnswer, type Settled } from '../../../src/lib/queries/answer.ts';

const figures = { peak: 7 };
const failure = new Error('the period is longer than ten years');
const ok = (generation: number): Settled<typeof figures> => ({ generation, ok: true, data: figures });
const failed = (generation: number): Settled<typeof figures> => ({ generation, ok: false, error: failure });
const plain = { enabled: true, keepPrevious: false };
const keeping = { enabled: true, keepPrevious: true };

test('the current question: its data, or its error', () => {
  expect(shownAnswer(ok(3), 3, plain)).toEqual({ data: figures, error: null, pending: false });
  expect(shownAnswer(failed(3), 3, keeping)).toEqual({ data: undefined, error: failure, pending: false });
});

test('a newer question pending: the old data only when the caller keeps it, and never an old error', () => {
  expect(shownAnswer(ok(3), 4, plain)).toEqual({ data: undefined, error: null, pending: true });
  expect(shownAnswer(ok(3), 4, keeping)).toEqual({ data: figures, error: null, pending: true });
  expect(shownAnswer(failed(3), 4, keeping)).toEqual({ data: undefined, error: null, pending: true });
  expect(shownAnswer(NOTHING_SETTLED, 0, keeping)).toEqual({ data: undefined, error: null, pending: true });
});

test('not asked: nothing, not pending', () => {
  expect(shownAnswer(ok(3), 3, { enabled: false, keepPrevious: true })).toEqual({
    data: undefined,
    error: null,
    pending: false,
  });
});

test('a late answer to an older question does not replace a newer one', () => {
  expect(laterOf(ok(5), failed(4))).toEqual(ok(5));
  expect(laterOf(failed(4), ok(5))).toEqual(ok(5));
  expect(laterOf(NOTHING_SETTLED as Settled<typeof figures>, failed(0))).toEqual(failed(0));
});

test('for any state: no error beside data, pending exactly while the asked question has not settled', () => {
  const settled = fc.oneof(
    fc.nat(20).map(ok),
    fc.nat(20).map(failed),
    fc.constant(NOTHING_SETTLED as Settled<typeof figures>),
  );
  fc.assert(
    fc.property(settled, fc.nat(20), fc.boolean(), fc.boolean(), (s, generation, enabled, keepPrevious) => {
      const shown = shownAnswer(s, generation, { enabled, keepPrevious });
      expect(shown.data !== undefined && shown.error !== null).toBe(false);
      expect(shown.pending).toBe(enabled && s.generation !== generation);
      if (shown.data !== undefined && shown.pending) expect(keepPrevious && s.ok).toBe(true);
    }),
  );
});

test('the same question is the same values, compared with Object.is', () => {
  const list = ['GoLand'];
  expect(sameDeps([list, 1, 'UTC'], [list, 1, 'UTC'])).toBe(true);
  expect(sameDeps([['GoLand']], [['GoLand']])).toBe(false);
  expect(sameDeps([NaN], [NaN])).toBe(true);
  expect(sameDeps([1], [1, 2])).toBe(false);
});
