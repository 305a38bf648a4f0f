/** A selection of bars becomes the period from its first bar's first day to its last bar's last day. */
import { expect, test } from 'vitest';
import { zoomSpan } from '../../../src/lib/dashboard/zoom.ts';

const weeks = [
  { from: '2025-11-01', to: '2025-11-02' },
  { from: '2025-11-03', to: '2025-11-09' },
  { from: '2025-11-10', to: '2025-11-16' },
];

test('either direction of a selection gives the same period, weeks whole', () => {
  expect(zoomSpan(weeks, 0, 1)).toEqual({ from: '2025-11-01', to: '2025-11-09' });
  expect(zoomSpan(weeks, 2, 1)).toEqual({ from: '2025-11-03', to: '2025-11-16' });
  expect(zoomSpan(weeks, 1, 1)).toEqual({ from: '2025-11-03', to: '2025-11-09' });
});

test('a bar outside the chart zooms nowhere', () => {
  expect(zoomSpan(weeks, 0, 3)).toBeNull();
  expect(zoomSpan(weeks, -1, 2)).toBeNull();
});
