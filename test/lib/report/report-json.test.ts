/**
 * The report's JSON in pieces (src/lib/report/report-json.ts) is, joined,
 * byte for byte what JSON.stringify(report, null, 2) writes, whatever the
 * fields hold: arrays empty or not, nested objects, absent fields, text with
 * quotes, line breaks and characters past the BMP.
 */
import { expect, test } from 'vitest';
import { reportJsonPieces } from '../../../src/lib/report/report-json.ts';

const whole = (value: Record<string, unknown>) => `${JSON.stringify(value, null, 2)}\n`;
const joined = (value: Record<string, unknown>) => [...reportJsonPieces(value)].join('');

const item = (license: string) => ({
  license,
  capacity: null,
  cards: { peakUsage: { value: 3, at: '2026-10-01T09:00+02:00', minutesAtPeak: 12.5 } },
  daily: [{ date: '2026-10-01', peak: 3, average: 0.1234 }],
  heatmap: [],
});

test.each([
  [
    'a report-like object',
    { version: 1, asOf: '2026-10-31T19:05+01:00', items: [item('A'), item('B')], total: item('*') },
  ],
  ['empty arrays and objects', { version: 1, items: [], total: {}, rejects: [] }],
  ['absent fields left out', { version: 1, billing: undefined, items: [item('A')], denials: undefined }],
  ['hostile text', { items: [item('say "hi"\n\t\\ \u2028 😀 <b>')], note: 'line\r\nbreak' }],
  ['scalars and nulls at the top', { a: null, b: 0, c: false, d: 'x', e: [1, [2, [3]]], f: [null] }],
  ['nothing', {}],
])('%s: the same bytes as JSON.stringify', (_, value) => {
  expect(joined(value)).toBe(whole(value));
});

test('one piece per item: no piece holds the whole array', () => {
  const report = { version: 1, items: Array.from({ length: 1000 }, (_, i) => item(`Item ${i}`)) };
  const pieces = [...reportJsonPieces(report)];
  expect(pieces.length).toBeGreaterThan(1000);
  expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole(report).length / 100);
});
