/**
 * The hand-written row validator (the fast path of a large load) gives the
 * zod schema's verdict, reason and message on any row; the timestamp parser's
 * fast path for the vault's own form agrees with the general one.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/lib/columns.ts';
import { sessionRowSchemaValidator, sessionRowValidator } from '../../../src/lib/ingest/session-row.ts';
import { parseTimestamp } from '../../../src/lib/time/timestamp.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Timestamps of every form, well formed or not, vault form most often. */
const timestamp = fc.oneof(
  fc
    .record({
      y: fc.oneof(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1000, max: 9999 })),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
      s: fc.integer({ min: 0, max: 61 }),
      ms: fc.option(fc.integer({ min: 0, max: 999 })),
    })
    .map(
      ({ y, mo, d, h, mi, s, ms }) =>
        `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`,
    ),
  fc.constantFrom(
    '',
    ' ',
    '2026-03-02 08:00',
    '2026-03-02T08:00:00+02:00',
    '2026-03-02T08:00:00.1234567Z',
    '2026-02-29T08:00:00Z',
    '2024-02-29T08:00:00Z',
    'yesterday',
    '2026-03-02T08:00:00z',
    '2026-03-02t08:00:00Z',
    '2026-3-02T08:00:00Z',
    '2026-03-02T08:00:00ZZ',
    ' 2026-03-02T08:00:00Z ',
    // The edges of the instants a file may carry (time/instant-range.ts), and far past them.
    '1989-12-31T23:59:59.999Z',
    '1990-01-01T00:00:00Z',
    '2099-12-31T23:59:59.999Z',
    '2100-01-01T00:00:00Z',
    '2100-01-01 00:30+01:00',
    '1990-01-01 00:30',
    '2300-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '0001-01-01 00:00',
  ),
);
// `*` is the key of all items, refused as a license item.
const text = fc.oneof(
  fc.constantFrom('', ' ', 'unknown', 'UNKNOWN', ' x ', 'a', '*', ' * '),
  fc.string({ maxLength: 6 }),
);

test('the fast validator gives the zod verdict on any row', () => {
  for (const zone of ['UTC', 'Europe/Berlin']) {
    const fast = sessionRowValidator(zone);
    const spec = sessionRowSchemaValidator(zone);
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(
            EXPORT_COLUMNS.map((c) => [c, c === 'used_from' || c === 'used_to' ? timestamp : text]),
          ) as Record<(typeof EXPORT_COLUMNS)[number], fc.Arbitrary<string>>,
        ),
        (values) => {
          const a = fast(values);
          const b = spec(values);
          expect(a.ok).toBe(b.ok);
          if (a.ok && b.ok) expect({ ...a.row }).toEqual({ ...b.row });
          if (!a.ok && !b.ok) expect([a.reason, a.message]).toEqual([b.reason, b.message]);
        },
      ),
      { numRuns: 3000 },
    );
  }
});

test("the vault's own form parses as the general parser reads it", () => {
  // The general parser alone: the same text with a trailing 'UTC' instead of 'Z' takes the regex path.
  fc.assert(
    fc.property(timestamp, (t) => {
      const fast = parseTimestamp(t, 'UTC');
      const general = t.endsWith('Z') && !t.endsWith('ZZ') ? parseTimestamp(`${t.slice(0, -1)} UTC`, 'UTC') : fast;
      expect(fast).toEqual(general);
    }),
    { numRuns: 3000 },
  );
});

test('a license item named “*”, the key of all items, is refused by both validators', () => {
  const row = {
    allocation_id: 'a1',
    allocated_license: ' * ',
    user_product: 'PyCharm',
    username: 'alice',
    user_email: '',
    user_ip: '',
    user_hostname: '',
    external_id: '',
    used_from: '2026-03-02T08:00:00Z',
    used_to: '',
  };
  const refused = { ok: false, reason: 'reserved_license', message: 'allocated_license "*" is reserved for all items' };
  expect(sessionRowValidator('UTC')(row)).toEqual(refused);
  expect(sessionRowSchemaValidator('UTC')(row)).toEqual(refused);
  expect(sessionRowValidator('UTC')({ ...row, allocated_license: '**' }).ok).toBe(true);
});

test('a time outside 1990–2099 is a reject of its own, for either column', () => {
  const row = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, 'x'])) as Record<
    (typeof EXPORT_COLUMNS)[number],
    string
  >;
  const at = (from: string, to: string) => sessionRowValidator('UTC')({ ...row, used_from: from, used_to: to });
  expect(at('2026-03-02T08:00:00Z', '2300-01-01T00:00:00Z')).toEqual({
    ok: false,
    reason: 'out_of_range',
    message: 'used_to "2300-01-01T00:00:00Z" lies outside 1990–2099',
  });
  expect(at('0001-01-01T00:00:00Z', '')).toMatchObject({ ok: false, reason: 'out_of_range' });
  expect(at('1989-12-31T23:59:59Z', '')).toMatchObject({ ok: false, reason: 'out_of_range' });
  expect(at('1990-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z').ok).toBe(true);
  expect(at('2026-03-02T08:00:00Z', '2100-01-01T00:00:00Z')).toMatchObject({ ok: false, reason: 'out_of_range' });
});
